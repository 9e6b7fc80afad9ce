// tg.nn.functional against PyTorch 1.13 (test/fixtures/nn.json, made by test/fixtures/gen/gen_nn.py): forward
// values, input grads, grad_fn names and next functions; plus gradcheck / gradgradcheck (float64) of every
// derivative row the nn section adds, and argument errors.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { nnFixture, fromEnc, expectClose, tolFor, Enc } from './helpers.js';

const F = tg.nn.functional as unknown as Record<string, (...a: unknown[]) => Tensor>;

type Arg = { tensor: Enc } | number | null;
interface Case {
  name: string;
  fn: string;
  args: Arg[];
  opts: Record<string, unknown>;
  out: Enc;
  gradOut: Enc | null;
  grads: (Enc | null)[];
  gradFn: string | null;
  next: (string | null)[];
}

const tsName = (n: string | null): string | null => (n === 'AccumulateGrad' ? 'torch::autograd::AccumulateGrad' : n);

describe('tg.nn.functional matches PyTorch 1.13', () => {
  for (const c of nnFixture.functional as Case[]) {
    it(c.name, () => {
      const args = c.args.map((a) => (a !== null && typeof a === 'object' ? fromEnc(a.tensor) : a));
      const opts: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c.opts)) opts[k] = v !== null && typeof v === 'object' ? fromEnc((v as { tensor: Enc }).tensor) : v;
      const out = Object.keys(opts).length ? F[c.fn](...args, opts) : F[c.fn](...args);
      const [rtol, atol] = tolFor(c.out.dtype);
      expectClose(out, c.out, rtol, atol, 'output');
      expect(out.gradFn?.name ?? null).toBe(c.gradFn);
      if (out.gradFn) expect(out.gradFn.nextFunctions.map(([n]) => (n ? n.name : null))).toEqual(c.next.map(tsName));
      if (out.requiresGrad) {
        if (c.gradOut) out.backward(fromEnc(c.gradOut));
        else out.backward();
      }
      c.grads.forEach((g, i) => {
        if (g === null) return;
        const t = args[i] as Tensor;
        expect(t.grad, `grad of argument ${i}`).not.toBeNull();
        expectClose(t.grad as Tensor, g, rtol * 10, atol * 10, `grad of argument ${i}`);
      });
    });
  }

  it('dropout: node names, eval and p=0 return the input, p=1 zeroes, masks scale by 1/(1-p)', () => {
    const fx = nnFixture.dropout;
    const x = tg.randn([200, 50], { requiresGrad: true });
    const y = F.dropout(x, 0.5);
    expect(y.gradFn?.name).toBe(fx['train p=0.5']);
    expect(F.dropout(x, 1).gradFn?.name).toBe(fx['train p=1']);
    expect(F.dropout(x, 1).abs().sum().item()).toBe(0);
    expect(F.dropout(x, 0.5, false) === x).toBe(fx['eval returns input']);
    expect(F.dropout(x, 0) === x).toBe(fx['p=0 returns input']);
    expect(F.dropout(x, { p: 0.3, training: false }) === x).toBe(true);
    // kept elements are x / (1 - p); about p of them are zero
    const ratio = tg.where(y.ne(0), y.div(x), 0).detach();
    const kept = y.ne(0).sum().item() as number;
    expect(Math.abs(kept / x.numel() - 0.5)).toBeLessThan(0.03);
    expect(ratio.max().item()).toBeCloseTo(2, 5);
    y.sum().backward();
    expect(x.grad!.allclose(ratio)).toBe(true);
  });

  it('dropout is repeatable under tg.manualSeed', () => {
    const x = tg.ones([64]);
    tg.manualSeed(3);
    const a = F.dropout(x, 0.4);
    tg.manualSeed(3);
    const b = F.dropout(x, 0.4);
    expect(a.equal(b)).toBe(true);
  });
});

describe('gradcheck (float64) of the nn derivative rows', () => {
  const { gradcheck, gradgradcheck } = tg.autograd;
  const d = (shape: number[], scale = 1) => tg.randn(shape, { dtype: 'float64' }).mul(scale).detach().requiresGrad_(true);
  tg.manualSeed(42);

  it('AddmmBackward0 (linear with bias), incl. double backward', () => {
    const x = d([4, 3]), w = d([5, 3]), b = d([5]);
    expect(gradcheck((x, w, b) => F.linear(x, w, b), [x, w, b])).toBe(true);
    expect(gradgradcheck((x, w, b) => F.linear(x, w, b).tanh(), [x, w, b])).toBe(true);
    expect(gradcheck((x, w, b) => F.linear(x, w, b), [d([2, 4, 3]), w, b])).toBe(true);
  });
  it('GeluBackward0 (erf and tanh), incl. double backward', () => {
    const x = d([3, 4], 2);
    expect(gradcheck((x) => F.gelu(x), [x])).toBe(true);
    expect(gradcheck((x) => F.gelu(x, { approximate: 'tanh' }), [x])).toBe(true);
    expect(gradgradcheck((x) => F.gelu(x), [x])).toBe(true);
    expect(gradgradcheck((x) => F.gelu(x, { approximate: 'tanh' }), [x])).toBe(true);
  });
  it('MseLossBackward0 for every reduction, incl. double backward', () => {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expect(gradcheck((a, b) => F.mseLoss(a, b, { reduction }), [d([3, 4]), d([3, 4])])).toBe(true);
      expect(gradgradcheck((a, b) => F.mseLoss(a, b, { reduction }), [d([3, 4]), d([3, 4])])).toBe(true);
    }
  });
  it('NllLossBackward0 with weight and ignoreIndex; crossEntropy through LogSoftmaxBackward0', () => {
    const target = tg.tensor([0, 2, 1, 2, -100], { dtype: 'int32' });
    const weight = tg.tensor([0.3, 1.2, 0.7], { dtype: 'float64' });
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expect(gradcheck((x) => F.nllLoss(x, target, { reduction, weight }), [d([5, 3])])).toBe(true);
      expect(gradcheck((x) => F.crossEntropy(x, target, { reduction, labelSmoothing: 0.1 }), [d([5, 3])])).toBe(true);
      expect(gradgradcheck((x) => F.crossEntropy(x, target, { reduction, weight }), [d([5, 3])])).toBe(true);
    }
    const probs = tg.rand([5, 3], { dtype: 'float64' }).softmax(1);
    expect(gradcheck((x) => F.crossEntropy(x, probs, { labelSmoothing: 0.2 }), [d([5, 3])])).toBe(true);
  });
  it('BinaryCrossEntropyWithLogitsBackward0 (input and target, weight, posWeight), incl. double backward', () => {
    const posWeight = tg.tensor([0.5, 2, 3], { dtype: 'float64' });
    const weight = tg.tensor([1.5, 0.2, 1], { dtype: 'float64' });
    const y = () => tg.rand([4, 3], { dtype: 'float64' }).requiresGrad_(true);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expect(gradcheck((x, t) => F.binaryCrossEntropyWithLogits(x, t, { reduction }), [d([4, 3], 3), y()])).toBe(true);
      expect(gradcheck((x, t) => F.binaryCrossEntropyWithLogits(x, t, { reduction, posWeight, weight }), [d([4, 3], 3), y()])).toBe(true);
      expect(gradgradcheck((x, t) => F.binaryCrossEntropyWithLogits(x, t, { reduction, posWeight }), [d([4, 3], 2), y()])).toBe(true);
    }
  });
  it('ErfBackward0 (inside GELU) via double backward of gelu', () => {
    const x = d([6], 1.5);
    const [g] = tg.autograd.grad(F.gelu(x).sum(), x, { createGraph: true });
    expect(g.gradFn).not.toBeNull();
    expect(gradcheck((x) => tg.enableGrad(() => tg.autograd.grad(F.gelu(x).sum(), x, { createGraph: true })[0]), [x])).toBe(true);
  });
});

describe("linear's graph is PyTorch's, without the transposed weight (Note [Graph-only nodes])", () => {
  const names = (n: { nextFunctions: [{ name: string } | null, number][] }) => n.nextFunctions.map(([c]) => (c === null ? null : c.name));
  it('AddmmBackward0 -> (AccumulateGrad, None, TBackward0 -> AccumulateGrad); MmBackward0 without bias', () => {
    const x = tg.randn([3, 4]);
    const w = tg.randn([2, 4]).requiresGrad_(), b = tg.randn([2]).requiresGrad_();
    const y = F.linear(x, w, b);
    const node = y.gradFn!;
    expect(node.name).toBe('AddmmBackward0');
    expect(names(node)).toEqual(['torch::autograd::AccumulateGrad', null, 'TBackward0']);
    const tNode = node.nextFunctions[2][0]!;
    expect(names(tNode)).toEqual(['torch::autograd::AccumulateGrad']);
    expect((tNode.nextFunctions[0][0] as unknown as { variable: unknown }).variable).toBe(w);
    const z = F.linear(x.requiresGrad_(), w);
    expect(z.gradFn!.name).toBe('MmBackward0');
    expect(names(z.gradFn!)).toEqual(['torch::autograd::AccumulateGrad', 'TBackward0']);
  });

  it('grads flow through the graph-only node: weight grad = grad^T @ input, with hooks and retainGraph', () => {
    const x = tg.tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' });
    const w = tg.tensor([[1, 0], [0, 1], [1, 1]], { dtype: 'float64', requiresGrad: true });
    const y = F.linear(x, w);
    const g = tg.tensor([[1, 0, 2], [0, 1, 0], [3, 0, 1]], { dtype: 'float64' });
    y.backward(g, { retainGraph: true });
    // w.grad = g^T @ x
    expect(w.grad!.tolist()).toEqual([[16, 20], [3, 4], [7, 10]]);
    y.backward(g);
    expect(w.grad!.tolist()).toEqual([[32, 40], [6, 8], [14, 20]]);
  });
});

describe('nn.functional edge cases and errors', () => {
  it('bceWithLogits is finite for huge logits', () => {
    const x = tg.tensor([-1e4, -80, 80, 1e4]), y = tg.tensor([0, 1, 0, 1]);
    const l = F.binaryCrossEntropyWithLogits(x, y, { reduction: 'none' });
    expect(l.tolist()).toEqual([0, 80, 80, 0]);
  });
  it('crossEntropy with large logits stays finite', () => {
    const l = F.crossEntropy(tg.tensor([[1000, 0, -1000]]), tg.tensor([1], { dtype: 'int32' }));
    expect(l.item()).toBeCloseTo(1000, 3);
  });
  it('nllLoss mean over all-ignored targets is NaN as in PyTorch', () => {
    const l = F.nllLoss(tg.randn([2, 3]), tg.tensor([-100, -100], { dtype: 'int32' }));
    expect(Number.isNaN(l.item())).toBe(true);
  });
  it('errors name the op and the bad values', () => {
    const x = tg.randn([4, 3]);
    expect(() => F.crossEntropy(x, tg.tensor([0, 1, 3, 0], { dtype: 'int32' }))).toThrow(/Target 3 is out of bounds/);
    expect(() => F.crossEntropy(x, tg.tensor([0, 1], { dtype: 'int32' }))).toThrow(RangeError);
    expect(() => F.nllLoss(x, tg.tensor([0, 1, 2, 0]))).toThrow(/int32/);
    expect(() => F.mseLoss(x, x, { reduction: 'avg' as never })).toThrow(/not a valid value for reduction/);
    expect(() => F.linear(x, tg.randn([5, 4]))).toThrow(/linear/);
    expect(() => F.dropout(x, 1.5)).toThrow(/between 0 and 1/);
    expect(() => F.binaryCrossEntropyWithLogits(x, tg.rand([3]))).toThrow(/Target size/);
    expect(() => F.crossEntropy(x, tg.rand([4, 3]), { labelSmoothing: 2 })).toThrow(/labelSmoothing/);
    expect(() => F.gelu(x, { approximate: 'erf' as never })).toThrow(/approximate/);
    expect(() => F.linear('x' as never, x)).toThrow(TypeError);
  });
});
