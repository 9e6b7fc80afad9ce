// issue 16's last layers (session 6) against PyTorch 1.13 (test/fixtures/nn6_modules.json, from
// test/fixtures/gen/gen_nn6.py): spectral norm in both forms (hook: nn.utils.spectralNorm, parametrization:
// nn.utils.parametrizations.spectralNorm) with PyTorch's u, v loaded: outputs, the power iteration's buffers,
// weights and grads over two training forwards and an eval one; reprs and stateDict keys; bad input. And
// FractionalMaxPool2d / 3d modules: reprs, stateDict keys, the random windows, constructor errors.
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
interface ReprCase { cls: string; args: unknown[]; kwargs: Record<string, unknown>; repr: string; state_keys: string[] }
const FIX: { spectral: SpectralCase[]; reprs: ReprCase[] } = JSON.parse(readFileSync(new URL('../fixtures/nn6_modules.json', import.meta.url), 'utf8'));
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
    const w = tg.nn.utils.parametrizations.spectralNorm(new tg.nn.Linear(5, 4, { dtype: 'float64' }), 'weight', 50);
    void (w as unknown as { weight: Tensor }).weight;
    expect(tg.linalg.matrixNorm((w as unknown as { weight: Tensor }).weight, 2).item()).toBeCloseTo(1, 3);
  });
});

describe('FractionalMaxPool2d / 3d modules', () => {
  for (const c of FIX.reprs) {
    it(`${c.cls}(${JSON.stringify(c.args).slice(1, -1)}, ${JSON.stringify(c.kwargs)}): PyTorch's repr and stateDict keys`, () => {
      const Cls = (tg.nn as unknown as Record<string, new (...a: unknown[]) => Mod>)[c.cls];
      const m = new Cls(...c.args, c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.state_keys);
    });
  }

  it('given samples fix the windows (a buffer, _random_samples); without them each call draws new ones', () => {
    const s = tg.tensor([[[0.3, 0.6]]], { dtype: 'float64' });
    const x = tg.randn([1, 1, 9, 9], { dtype: 'float64' });
    const m = new tg.nn.FractionalMaxPool2d(2, { outputSize: 4, returnIndices: true, _randomSamples: s });
    expect(Object.keys(m.stateDict())).toEqual(['_random_samples']);
    const [y, i] = m(x) as [Tensor, Tensor];
    const [y2, i2] = tg.nn.functional.fractionalMaxPool2d(x, 2, 4, null, true, s) as [Tensor, Tensor];
    expect(tg.equal(y, y2) && tg.equal(i, i2)).toBe(true);
    expect(i.dtype).toBe('int64');
    const free = new tg.nn.FractionalMaxPool2d(2, { outputSize: 4, returnIndices: true });
    tg.manualSeed(1);
    const draws = Array.from({ length: 6 }, () => ((free(x) as [Tensor, Tensor])[1].tolist() as unknown as number[][][][]).flat(3).join());
    expect(new Set(draws).size).toBeGreaterThan(1);
  });

  it('refuses bad input naming the layer and the shapes', () => {
    expect(() => new tg.nn.FractionalMaxPool2d(2)).toThrow(/^FractionalMaxPool2d: FractionalMaxPool2d requires specifying either an output size, or a pooling ratio/);
    expect(() => new tg.nn.FractionalMaxPool2d(2, { outputSize: 2, outputRatio: 0.5 })).toThrow(/^FractionalMaxPool2d: only one of output_size and output_ratio may be specified/);
    expect(() => new tg.nn.FractionalMaxPool3d(2, { outputRatio: 1.5 })).toThrow(/^FractionalMaxPool3d: output_ratio must be between 0 and 1 \(got 1.5\)/);
    expect(() => tg.nn.functional.fractionalMaxPool2d(tg.zeros(1, 1, 4, 4), 2, 2, null, false, tg.rand(1, 1, 3)))
      .toThrow(/^fractionalMaxPool2d: expected _randomSamples of shape \[1, 1, 2\] for input of shape \[1, 1, 4, 4\], got \[1, 1, 3\]/);
    expect(() => tg.nn.functional.fractionalMaxPool2d(tg.zeros(1, 1, 4, 4), 2)).toThrow(/^fractionalMaxPool2d: requires specifying either an outputSize or an outputRatio/);
    expect(() => tg.nn.functional.fractionalMaxPool3d(tg.zeros(1, 4, 4), 2, 2)).toThrow(/^fractionalMaxPool3d: Expected 4D or 5D tensor, but got \[1, 4, 4\]/);
  });
});

describe('AdaptiveLogSoftmaxWithLoss as PyTorch 1.13', () => {
  type AsmCase = { args: [number, number, number[]]; kwargs: Record<string, unknown>; repr: string; state_keys: string[]; state: State; input: TensorJson; target: TensorJson;
    output: TensorJson; loss: TensorJson; output_grad_fn: string; loss_grad_fn: string; asm_repr: string; input_grad: TensorJson; grads: Record<string, TensorJson | null>;
    predict_input: TensorJson; log_prob: TensorJson; predict: TensorJson };
  const cases = (JSON.parse(readFileSync(new URL('../fixtures/nn6_modules.json', import.meta.url), 'utf8')) as { asm: AsmCase[] }).asm;
  for (const c of cases) {
    it(`(${c.args.map((a) => JSON.stringify(a)).join(', ')}) ${JSON.stringify(c.kwargs)}: repr, forward, grads, logProb, predict`, () => {
      const m = new tg.nn.AdaptiveLogSoftmaxWithLoss(...c.args, { ...c.kwargs, dtype: 'float64' });
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.state_keys);
      m.loadStateDict(decodeAll(c.state));
      const x = decode(c.input).requiresGrad_(true);
      const r = m(x, decode(c.target));
      expectTensor(r.output, c.output, tol, 'output');
      expectTensor(r.loss, c.loss, tol, 'loss');
      expect([r[0], r[1]]).toEqual([r.output, r.loss]);
      expect([r.output.gradFn?.name, r.loss.gradFn?.name]).toEqual([c.output_grad_fn, c.loss_grad_fn]);
      // PyTorch's repr of the same tuple, detached (the fixture's has no grad_fn)
      expect(String(r).replace(/, grad_fn=<\w+>/g, '').replace(/\s+/g, ' ')).toBe(c.asm_repr.replace(/\s+/g, ' '));
      r.output.sum().mul(0.3).add(r.loss).backward();
      expectTensor(x.grad, c.input_grad, tol, 'input grad');
      const params = Object.fromEntries(m.namedParameters());
      for (const [k, t] of Object.entries(c.grads)) {
        if (t === null) expect(params[k].grad, k).toBeNull();
        else expectTensor(params[k].grad, t, tol, `grad of ${k}`);
      }
      const xp = decode(c.predict_input);
      expectTensor(m.logProb(xp), c.log_prob, tol, 'logProb');
      expectTensor(m.predict(xp), c.predict, { rtol: 0, atol: 0 }, 'predict');
    });
  }

  it('refuses bad input naming the layer and the shapes', () => {
    expect(() => new tg.nn.AdaptiveLogSoftmaxWithLoss(4, 10, [5, 3])).toThrow(/^AdaptiveLogSoftmaxWithLoss: cutoffs should be a sequence of unique, positive integers sorted in an increasing order/);
    expect(() => new tg.nn.AdaptiveLogSoftmaxWithLoss(4, 10, [2, 10])).toThrow(/^AdaptiveLogSoftmaxWithLoss: cutoffs should be/);
    const m = new tg.nn.AdaptiveLogSoftmaxWithLoss(4, 10, [2, 6]);
    const t = (v: number[]): Tensor => tg.tensor(v, { dtype: 'int64' });
    expect(() => m(tg.zeros(3, 4), t([1, 2]))).toThrow(/^AdaptiveLogSoftmaxWithLoss: Input and target should have the same size in the batch dimension \(input \[3, 4\], target \[2\]\)/);
    expect(() => m(tg.zeros(2, 4), t([1, 10]))).toThrow(/^AdaptiveLogSoftmaxWithLoss: Target values should be in \[0, 9\], but values in range \[1, 10\] were found/);
    expect(() => m(tg.zeros(2, 2, 4), t([1, 2]))).toThrow(/^AdaptiveLogSoftmaxWithLoss: 1D target tensor expects 2D input tensors, but found inputs with size \[2, 2, 4\]/);
    expect(() => m(tg.zeros(2, 4), tg.zeros(2, 2, { dtype: 'int64' }))).toThrow(/^AdaptiveLogSoftmaxWithLoss: 0D or 1D target tensor expected/);
  });
});

describe('parametrizations.orthogonal as PyTorch 1.13', () => {
  type OrthCase = { in: number; out: number; map: string | null; useTrivialization: boolean; repr: string; state_keys: string[]; weight0: TensorJson; first: TensorJson;
    original0: TensorJson; state: State; C: TensorJson; weight: TensorJson; grad: TensorJson };
  const cases = (JSON.parse(readFileSync(new URL('../fixtures/nn6_modules.json', import.meta.url), 'utf8')) as { orthogonal: OrthCase[] }).orthogonal;
  const otol = { rtol: 1e-7, atol: 1e-9 };
  for (const c of cases) {
    it(`Linear(${c.in}, ${c.out}) orthogonalMap=${c.map} useTrivialization=${c.useTrivialization}`, () => {
      const lin = new tg.nn.Linear(c.in, c.out, false, 'float64');
      tg.noGrad(() => lin.weight.copy_(decode(c.weight0)));
      const m = tg.nn.utils.parametrizations.orthogonal(lin, 'weight', c.map as never, c.useTrivialization);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.state_keys);
      const w = (): Tensor => (m as unknown as { weight: Tensor }).weight;
      // the initial value: the weight orthogonalized (QR), whatever random columns completed the base
      expectTensor(w().detach(), c.first, otol, 'weight after registration');
      expectTensor(m.stateDict()['parametrizations.weight.original'], c.original0, otol, 'original after registration');
      m.loadStateDict(decodeAll(c.state));
      const W = w();
      expectTensor(W.detach(), c.weight, otol, 'weight');
      W.mul(decode(c.C)).sum().backward();
      const orig = m.parametrizations.get('weight').original as Tensor;
      expectTensor(orig.grad, c.grad, otol, 'grad of original');
    });
  }

  it('refuses bad input naming the function', () => {
    const orth = tg.nn.utils.parametrizations.orthogonal;
    expect(() => orth(new tg.nn.Linear(2, 2), 'bias')).toThrow(/^orthogonal: Expected a matrix or batch of matrices. Got a tensor of 1 dimensions./);
    expect(() => orth(new tg.nn.Linear(2, 2), 'weight', 'qr' as never)).toThrow(/^orthogonal: orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: qr/);
    const m = orth(new tg.nn.Linear(2, 2), 'weight', 'cayley', false);
    expect(() => { (m as unknown as { weight: Tensor }).weight = tg.eye(2); }).toThrow(/^orthogonal: It is not possible to assign to the matrix exponential or the Cayley parametrizations/);
  });
});

describe('registerParametrization with a rightInverse returning a new tensor of the same shape', () => {
  it('keeps the original a Parameter that requires grad (regression: the plain rightInverse result was registered)', () => {
    class Double extends tg.nn.Module {
      override forward(x: Tensor): Tensor { return x.mul(2); }
      rightInverse(x: Tensor): Tensor { return x.div(2); }
    }
    const m = new tg.nn.Linear(2, 2, { dtype: 'float64' });
    const w0 = m.weight.detach().clone();
    tg.nn.utils.parametrize.registerParametrization(m, 'weight', new Double());
    const orig = m.parametrizations.get('weight').original as Tensor;
    expect(orig.requiresGrad).toBe(true);
    expect(m.parameters().includes(orig)).toBe(true);
    expect(tg.allclose((m as unknown as { weight: Tensor }).weight, w0)).toBe(true);
    (m as unknown as { weight: Tensor }).weight.sum().backward();
    expect(tg.equal(orig.grad as Tensor, tg.full([2, 2], 2, { dtype: 'float64' }))).toBe(true);
  });
});
