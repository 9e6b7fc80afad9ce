// issue 16's last layers (session 6) against PyTorch 1.13 (test/fixtures/nn6_modules.json, from
// test/fixtures/gen/gen_nn6.py): spectral norm in both forms (hook: nn.utils.spectralNorm, parametrization:
// nn.utils.parametrizations.spectralNorm) with PyTorch's u, v loaded: outputs, the power iteration's buffers,
// weights and grads over two training forwards and an eval one; reprs and stateDict keys; bad input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, type TensorJson } from '../helpers/ops_fixture.js';

type Mod = InstanceType<typeof tg.nn.Module>;
type State = Record<string, TensorJson>;
interface Step { mode: string; input: TensorJson; output: TensorJson; weight: TensorJson; weight_grad_fn: string | null; state: State; grads: State }
interface SpectralCase {
  form: 'hook' | 'parametrization'; cls: string; args: number[]; nPowerIterations: number; eps: number; repr: string; state_keys: string[];
  state: State; steps: Step[]; removed?: { state_keys: string[]; weight: TensorJson };
}
const FIX: { spectral: SpectralCase[] } = JSON.parse(readFileSync(new URL('../fixtures/nn6_modules.json', import.meta.url), 'utf8'));
const tol = { rtol: 1e-9, atol: 1e-12 };
const decodeAll = (s: State): Record<string, Tensor> => Object.fromEntries(Object.entries(s).map(([k, t]) => [k, decode(t)]));

function spectralModule(c: SpectralCase): Mod {
  const Cls = (tg.nn as unknown as Record<string, new (...a: unknown[]) => Mod>)[c.cls];
  const m = new Cls(...c.args, { dtype: 'float64' });
  const sn = c.form === 'hook' ? tg.nn.utils.spectralNorm : tg.nn.utils.parametrizations.spectralNorm;
  return sn(m, 'weight', c.nPowerIterations, c.eps) as Mod;
}

describe('spectral norm (hook and parametrization forms) as PyTorch 1.13', () => {
  for (const c of FIX.spectral) {
    it(`${c.form} ${c.cls}(${c.args.join(', ')}) nPowerIterations=${c.nPowerIterations} eps=${c.eps}`, () => {
      const m = spectralModule(c);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.state_keys);
      // PyTorch's random start (its u, v after registration) and weights
      m.loadStateDict(decodeAll(c.state));
      for (const s of c.steps) {
        if (s.mode === 'train') m.train();
        else m.eval();
        m.zeroGrad();
        const y = m(decode(s.input)) as Tensor;
        y.sum().backward();
        expectTensor(y, s.output, tol, 'output');
        const w = (m as unknown as { weight: Tensor }).weight;
        expectTensor(w.detach(), s.weight, tol, 'weight');
        expect(w.gradFn?.name ?? null).toBe(s.weight_grad_fn);
        const state = m.stateDict();
        for (const [k, t] of Object.entries(s.state)) expectTensor(state[k], t, tol, `${s.mode} state ${k}`);
        const params = Object.fromEntries(m.namedParameters());
        for (const [k, t] of Object.entries(s.grads)) expectTensor(params[k].grad as Tensor, t, tol, `${s.mode} grad of ${k}`);
      }
      if (c.removed) {
        tg.nn.utils.removeSpectralNorm(m);
        expect(Object.keys(m.stateDict())).toEqual(c.removed.state_keys);
        expectTensor((m as unknown as { weight: Tensor }).weight, c.removed.weight, tol, 'weight after remove');
      }
    });
  }

  it('refuses bad input naming the function', () => {
    const lin = (): Mod => new tg.nn.Linear(3, 2);
    expect(() => tg.nn.utils.spectralNorm(lin(), 'weight', 0)).toThrow(/^spectralNorm: Expected n_power_iterations to be positive/);
    expect(() => tg.nn.utils.spectralNorm(lin(), 'bias')).toThrow(/^spectralNorm: dim 0 is out of range for the parameter 'bias' of shape \[2\]/);
    expect(() => tg.nn.utils.spectralNorm(lin(), 'nope')).toThrow(/^spectralNorm: module Linear has no parameter 'nope'/);
    expect(() => tg.nn.utils.spectralNorm(tg.nn.utils.spectralNorm(lin()))).toThrow(/^spectralNorm: Cannot register two spectral_norm hooks/);
    expect(() => tg.nn.utils.removeSpectralNorm(lin())).toThrow(/^removeSpectralNorm: spectral_norm of 'weight' not found in Linear/);
    expect(() => tg.nn.utils.parametrizations.spectralNorm(lin(), 'weight', 1, 1e-12, 2)).toThrow(/^spectralNorm: Dimension out of range \(expected to be in range of \[-2, 1\] but got 2\)/);
    expect(() => tg.nn.utils.parametrizations.spectralNorm(lin(), 'nope')).toThrow(/^spectralNorm: Module 'Linear' has no parameter or buffer with name 'nope'/);
  });

  it('parametrization form: a 1-D tensor is normalized; the estimate converges to the largest singular value', () => {
    const m = new tg.nn.Linear(2, 3, { dtype: 'float64' });
    tg.nn.utils.parametrizations.spectralNorm(m, 'bias');
    const b = m.bias.detach();
    expect(tg.linalg.vectorNorm(m.bias).item()).toBeCloseTo(1, 12);
    expect(tg.allclose(m.bias, b.div(tg.linalg.vectorNorm(b)))).toBe(true);
    const w = tg.nn.utils.parametrizations.spectralNorm(new tg.nn.Linear(5, 4, { dtype: 'float64' }), 'weight', 30);
    void (w as unknown as { weight: Tensor }).weight;
    expect(tg.linalg.matrixNorm((w as unknown as { weight: Tensor }).weight, 2).item()).toBeCloseTo(1, 6);
  });
});
