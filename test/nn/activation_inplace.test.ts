// inplace=True of the activations (F.relu(x, inplace=True), nn.ReLU(inplace=True), ... F.dropout): the result is
// written into x, which takes the op's node (PyTorch's in-place rows where they differ: EluBackward1,
// CeluBackward1, LeakyReluBackward1, ThresholdBackward1), gradients reach the leaf x was computed from, the
// module reprs show the flag, a leaf that requires grad is refused. PyTorch 1.13 parity from
// test/fixtures/activation_inplace.json (gen_activation_inplace.py); float64 gradcheck / gradgradcheck through the
// in-place forms. Found by the test_unary_ufuncs port (test_hardswish: F.hardswish(inputTensorCpy, inplace=True)
// was a TypeError).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import type { Tensor } from '../../lib/index.js';

type Num = number | 'nan' | 'inf' | '-inf' | '-0';
interface Case { same: boolean; value: Num[]; gradFn: string | null; grad: Num[]; repr: string; moduleSame: boolean; moduleValue: Num[]; leafError: string | null; float32NoGrad: Num[] }
interface IntCase { dtype: 'uint8' | 'int8' | 'int16' | 'int32' | 'int64'; x: number[]; threshold: number; value: number; out: number[]; outDtype: string; inplace: number[] }
const fx = JSON.parse(readFileSync(new URL('../fixtures/activation_inplace.json', import.meta.url), 'utf8')) as { x: number[]; w: number[]; cases: Record<string, Case>; thresholdInt: IntCase[] };
const dec = (v: Num): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0' ? -0 : v);

/** Equal within rel (the last bits of exp / sigmoid differ between libms), zeros with their sign, NaN as NaN. */
function expectClose(got: number[], want: Num[], rel: number): void {
  const w = want.map(dec);
  expect(got.length).toBe(w.length);
  got.forEach((g, i) => {
    const ok = Number.isNaN(w[i]) ? Number.isNaN(g) : w[i] === 0 || !Number.isFinite(w[i]) ? Object.is(g, w[i]) : Math.abs(g - w[i]) <= rel * Math.abs(w[i]);
    expect(ok, `element ${i}: got ${g}, PyTorch ${w[i]}`).toBe(true);
  });
}

const F = tg.nn.functional, nn = tg.nn;
const CASES: Record<string, [(x: Tensor) => Tensor, () => (x: Tensor) => Tensor]> = {
  relu: [(x) => F.relu(x, { inplace: true }), () => new nn.ReLU({ inplace: true })],
  silu: [(x) => F.silu(x, { inplace: true }), () => new nn.SiLU({ inplace: true })],
  mish: [(x) => F.mish(x, { inplace: true }), () => new nn.Mish({ inplace: true })],
  elu: [(x) => F.elu(x, 0.5, { inplace: true }), () => new nn.ELU(0.5, { inplace: true })],
  selu: [(x) => F.selu(x, { inplace: true }), () => new nn.SELU({ inplace: true })],
  celu: [(x) => F.celu(x, 2.0, { inplace: true }), () => new nn.CELU(2.0, { inplace: true })],
  leakyRelu: [(x) => F.leakyRelu(x, 0.2, { inplace: true }), () => new nn.LeakyReLU(0.2, { inplace: true })],
  hardtanh: [(x) => F.hardtanh(x, -2.0, 2.0, { inplace: true }), () => new nn.Hardtanh(-2, 2, { inplace: true })],
  relu6: [(x) => F.relu6(x, { inplace: true }), () => new nn.ReLU6({ inplace: true })],
  hardsigmoid: [(x) => F.hardsigmoid(x, { inplace: true }), () => new nn.Hardsigmoid({ inplace: true })],
  hardswish: [(x) => F.hardswish(x, { inplace: true }), () => new nn.Hardswish({ inplace: true })],
  threshold: [(x) => F.threshold(x, 0.3, -4.0, { inplace: true }), () => new nn.Threshold(0.3, -4, { inplace: true })],
  dropoutEval: [(x) => F.dropout(x, 0.5, false, { inplace: true }), () => new nn.Dropout(0.5, { inplace: true }).eval()],
};

describe('activations with inplace=True: PyTorch 1.13 parity', () => {
  it('covers the fixture', () => expect(Object.keys(CASES).sort()).toEqual(Object.keys(fx.cases).sort()));
  for (const [name, [f, make]] of Object.entries(CASES)) {
    const want = fx.cases[name];
    it(`${name}: value, gradFn, leaf grad, module and repr`, () => {
      const leaf = tg.tensor(fx.x, { dtype: 'float64', requiresGrad: true });
      const x = leaf.mul(1.0);
      const y = f(x);
      expect(y === x).toBe(want.same);
      expectClose(x.tolist() as number[], want.value, 1e-14);
      expect(x.gradFn?.name ?? null).toBe(want.gradFn);
      y.mul(tg.tensor(fx.w, { dtype: 'float64' })).sum().backward();
      expectClose(leaf.grad!.tolist() as number[], want.grad, 1e-14);
      const m = make();
      expect(String(m)).toBe(want.repr);
      const x2 = tg.tensor(fx.x, { dtype: 'float64', requiresGrad: true }).mul(1.0);
      expect(m(x2) === x2).toBe(want.moduleSame);
      expectClose(x2.tolist() as number[], want.moduleValue, 1e-14);
      const plain = tg.tensor(fx.x);
      tg.noGrad(() => f(plain));
      expectClose(plain.tolist() as number[], want.float32NoGrad, 3e-7);
      if (want.leafError === null) expect(() => f(tg.tensor(fx.x, { dtype: 'float64', requiresGrad: true }))).not.toThrow();
      else expect(() => f(tg.tensor(fx.x, { dtype: 'float64', requiresGrad: true }))).toThrow(want.leafError);
    });
  }
});

describe('activations with inplace=True: gradcheck through the in-place forms', () => {
  // Off the kinks (PyTorch's masks decide the slope there; the fixture covers them).
  const xs = [-2.7, -1.2, -0.4, 0.35, 1.1, 2.6];
  for (const [name, [f]] of Object.entries(CASES)) {
    if (name === 'dropoutEval') continue;
    it(`${name}: gradcheck and gradgradcheck`, () => {
      const leaf = tg.tensor(xs, { dtype: 'float64', requiresGrad: true });
      const fn = (t: Tensor): Tensor => f(t.mul(1.0));
      expect(tg.autograd.gradcheck(fn, [leaf])).toBe(true);
      expect(tg.autograd.gradgradcheck(fn, [leaf])).toBe(true);
    });
  }
  it('leaky_relu_ with a negative slope: backward refuses, as PyTorch', () => {
    const leaf = tg.tensor([-1, 0.5], { dtype: 'float64', requiresGrad: true });
    const y = F.leakyRelu(leaf.mul(1.0), -0.5, { inplace: true });
    expect(y.gradFn?.name).toBe('LeakyReluBackward1');
    expect(() => y.sum().backward()).toThrow(/In-place leakyReLu backward calculation is triggered with a negative slope/);
  });
  it('a saved input overwritten later fails loudly at backward', () => {
    const leaf = tg.tensor(xs, { dtype: 'float64', requiresGrad: true });
    const x = leaf.mul(1.0);
    const z = x.exp(); // saves its result, not x
    const w = x.mul(x); // saves x
    F.hardswish(x, { inplace: true });
    expect(() => w.sum().backward()).toThrow(/modified by an inplace operation/);
    void z;
  });
});

describe('threshold of an integer tensor (test_unary_ufuncs port: test_threshold over the integer dtypes threw)', () => {
  it.each(fx.thresholdInt.map((c) => [`${c.dtype} threshold ${c.threshold} value ${c.value}`, c] as const))('%s', (_, c) => {
    const x = tg.tensor(c.x, { dtype: c.dtype });
    const y = tg.threshold(x, c.threshold, c.value);
    expect([y.dtype, y.tolist()]).toEqual([c.outDtype, c.out]);
    tg.nn.functional.threshold(x, c.threshold, c.value, { inplace: true });
    expect(x.tolist()).toEqual(c.inplace);
  });
  it("a bool tensor is PyTorch's error, naming the shape", () => {
    expect(() => tg.threshold(tg.tensor([true, false]), 0, 0)).toThrow(/^threshold: "threshold_cpu" not implemented for 'Bool' \(input of shape \[2\]\)/);
  });
});
