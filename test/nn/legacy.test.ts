// PyTorch 1.13's deprecated and legacy modules (lib/nn/legacy.ts) against PyTorch (test/fixtures/nnmisc.json, from
// test/fixtures/gen/gen_nnmisc.py): CrossMapLRN2d's values and grads (its legacy window, not LocalResponseNorm's),
// reprs; NLLLoss2d; Container.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, type TensorJson } from '../helpers/ops_fixture.js';

interface LegacyCase { args: number[]; repr: string; input: TensorJson; output: TensorJson; grad: TensorJson | null }
const FIX: { legacy: LegacyCase[]; misc: { nllloss2d: { repr: string; input: TensorJson; target: number[]; output: number }; container_repr: string } } =
  JSON.parse(readFileSync(new URL('../fixtures/nnmisc.json', import.meta.url), 'utf8'));
const quiet = <R>(fn: () => R): R => {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try { return fn(); } finally { spy.mockRestore(); }
};

describe('legacy modules as PyTorch 1.13', () => {
  for (const c of FIX.legacy) {
    it(`CrossMapLRN2d(${c.args.join(', ')}) on ${JSON.stringify(c.input.shape)}: repr, values, gradcheck`, () => {
      const m = new tg.nn.CrossMapLRN2d(...(c.args as [number, number, number, number]));
      expect(String(m)).toBe(c.repr);
      const x = decode(c.input, true);
      const y = m(x) as Tensor;
      expectTensor(y, c.output, { rtol: 1e-10, atol: 1e-12 }, 'output');
      // NOTE: PyTorch's legacy backward (a centred window) is not the derivative of its own forward (whose running
      // sum never drops channel 0), so its grads (c.grad) differ from the true ones; tensorgrad's grad is the
      // forward's derivative, checked numerically
      expect(tg.autograd.gradcheck((t: Tensor) => m(t) as Tensor, [decode(c.input, true)])).toBe(true);
      if (c.grad !== null && c.args[0] === 2) {
        y.mul(tg.sin(tg.arange(y.numel(), { dtype: 'float64' }).mul(0.7).add(7)).reshape(y.shape)).sum().backward();
        expect((x.grad as Tensor).sub(decode(c.grad)).abs().max().item()).toBeGreaterThan(1e-3); // the documented difference
      }
    });
  }
  it('CrossMapLRN2d checks its input and options', () => {
    expect(() => new tg.nn.CrossMapLRN2d(3)(tg.ones(2, 3))).toThrow(/^CrossMapLRN2d: expected a 4-d input \[N, C, H, W\], got shape \[2, 3\]/);
    expect(() => new tg.nn.CrossMapLRN2d(0)).toThrow(/^CrossMapLRN2d: size must be a positive integer/);
    expect(() => new tg.nn.CrossMapLRN2d(3, { alpha: 'a' } as never)).toThrow(TypeError);
  });
  it('NLLLoss2d is NLLLoss (with its repr) and warns once; Container holds named modules', () => {
    const n = FIX.misc.nllloss2d;
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const loss = new tg.nn.NLLLoss2d({ ignoreIndex: 1 });
      new tg.nn.NLLLoss2d();
      expect(spy.mock.calls.filter((c) => String(c[0]).includes('NLLLoss2d has been deprecated')).length).toBeLessThanOrEqual(1);
      expect(String(loss)).toBe(n.repr);
      expect(loss).toBeInstanceOf(tg.nn.NLLLoss);
      const out = loss(decode(n.input), tg.tensor(n.target, { dtype: 'int64' }).reshape(2, 2, 2)) as Tensor;
      expect(out.item()).toBeCloseTo(n.output, 12);
    } finally {
      spy.mockRestore();
    }
    const c = quiet(() => new tg.nn.Container({ a: new tg.nn.Linear(2, 3), b: new tg.nn.ReLU() }));
    expect(String(c)).toBe(FIX.misc.container_repr);
  });
});
