// The transformer building blocks beyond their PyTorch fixtures (test/fixtures/layers.json, replayed by
// test/ops/nn.test.ts) and reprs (nn_repr.json): module init, maxNorm's in-place write, channel-wise dropout's
// structure, attention's options, and the bad-input errors (each names the layer and the shapes).
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { FIXTURE, decode } from '../helpers/ops_fixture.js';

const F = tg.nn.functional;
const i32 = (v: unknown): Tensor => tg.tensor(v as number[], { dtype: 'int32' });
const arr = (t: Tensor): number[] => Array.from(t.toTypedArray() as ArrayLike<number>);

describe('embedding', () => {
  it('maxNorm renormalizes the looked-up rows of weight in place, as PyTorch (layers.json nnEmbedding/max_norm)', () => {
    const c = FIXTURE.cases.find((k) => k.id === 'nnEmbedding/max_norm')!;
    const [idx, w0] = c.inputs.map((t) => decode(t));
    const w = w0.detach().clone();
    const before = arr(w);
    const version = w._version;
    const out = F.embedding(idx, w, { maxNorm: 1.5 });
    const expected = decode(c.outs![0]);
    expect(out.sub(expected).abs().max().item()).toBeLessThan(1e-6);
    // rows 0, 1, 2 are looked up: 0 and 2 renormalized to PyTorch's values, 1 (norm below 1.5) and 3 (not read) untouched
    const after = arr(w);
    expect(after.slice(0, 3)).toEqual(arr(expected.reshape([4, 3]).narrow(0, 0, 1)));
    expect(after.slice(6, 9)).toEqual(arr(expected.reshape([4, 3]).narrow(0, 2, 1)));
    expect(after.slice(3, 6)).toEqual(before.slice(3, 6));
    expect(after.slice(9)).toEqual(before.slice(9));
    expect(w._version).toBeGreaterThan(version);
  });

  it('maxNorm on a Parameter keeps it a leaf and records no graph for the renorm', () => {
    const w = tg.tensor([[3, 4], [0.1, 0.1]], { requiresGrad: true });
    const y = F.embedding(i32([0, 0]), w, { maxNorm: 1 });
    expect(w.isLeaf).toBe(true);
    expect(w.gradFn).toBeNull();
    expect(y.gradFn?.name).toBe('EmbeddingBackward0');
    y.sum().backward();
    expect(arr(w.grad!)).toEqual([2, 2, 0, 0]);
  });

  it('double backward goes through the lookup (the grad of the grad of weight is an embedding of the grad output)', () => {
    const w = tg.randn([4, 2], { dtype: 'float64', requiresGrad: true });
    const go = tg.randn([3, 2], { dtype: 'float64', requiresGrad: true });
    const [gw] = tg.autograd.grad(F.embedding(i32([1, 3, 1]), w, { paddingIdx: 3 }), w, { gradOutputs: go, createGraph: true }) as Tensor[];
    expect(arr(gw.narrow(0, 3, 1))).toEqual([0, 0]);
    gw.sum().backward();
    expect(arr(go.grad!)).toEqual([1, 1, 0, 0, 1, 1]); // the padding row's grad never reached it
  });

  it('bad input names embedding and the shapes', () => {
    const w = tg.zeros([5, 3]);
    expect(() => F.embedding(i32([1, 5]), w)).toThrow(RangeError);
    expect(() => F.embedding(i32([1, 5]), w)).toThrow(/^embedding: index 5 is out of range for an embedding of size \[5, 3\]/);
    expect(() => F.embedding(i32([-1]), w)).toThrow(/embedding: index -1 .*\[5, 3\]/);
    expect(() => F.embedding(tg.tensor([1, 2]), w)).toThrow(TypeError);
    expect(() => F.embedding(tg.tensor([1, 2]), w)).toThrow(/^embedding: expected input to be an int64 or int32 tensor .*float32 \(shape \[2\]\)/);
    expect(() => F.embedding(i32([0]), tg.zeros([5]))).toThrow(/^embedding: 'weight' must be 2-D, got weight of shape \[5\]/);
    expect(() => F.embedding(i32([0]), w, { paddingIdx: 5 })).toThrow(/^embedding: paddingIdx 5 must be within num_embeddings \(weight of shape \[5, 3\]\)/);
    expect(() => F.embedding(i32([0]), w, { sparse: true })).toThrow(TypeError);
    expect(() => F.embedding(i32([0]), w, { sparse: true })).toThrow(/sparse/);
  });
});

describe('nn.Embedding', () => {
  it("initializes N(0, 1) with the paddingIdx row zero (PyTorch's reset_parameters), negative paddingIdx counting from the end", () => {
    tg.manualSeed(0);
    const e = new tg.nn.Embedding(400, 50, { paddingIdx: -1 });
    expect(e.paddingIdx).toBe(399);
    const w = e.weight;
    expect(w.shape).toEqual([400, 50]);
    expect(w.requiresGrad).toBe(true);
    expect(arr(w.narrow(0, 399, 1)).every((v) => v === 0)).toBe(true);
    const body = w.narrow(0, 0, 399);
    expect(Math.abs(body.mean().item())).toBeLessThan(0.02);
    expect(Math.abs(body.std().item() - 1)).toBeLessThan(0.02);
    expect(Object.keys(e.stateDict())).toEqual(['weight']);
  });

  it('forward looks up rows; the padding row gets no grad', () => {
    const e = new tg.nn.Embedding(4, 2, { paddingIdx: 0, dtype: 'float64' });
    const y = e.call(i32([[0, 2], [2, 3]])) as Tensor;
    expect(y.shape).toEqual([2, 2, 2]);
    expect(y.dtype).toBe('float64');
    expect(arr(y.narrow(0, 1, 1).narrow(1, 0, 1))).toEqual(arr(e.weight.narrow(0, 2, 1)));
    y.sum().backward();
    expect(arr(e.weight.grad!)).toEqual([0, 0, 0, 0, 2, 2, 1, 1]);
  });

  it('maxNorm renormalizes the module weight (a Parameter) in place; backward still works', () => {
    tg.manualSeed(2);
    const e = new tg.nn.Embedding(6, 4, { maxNorm: 0.5 });
    const y = e.call(i32([[1, 4], [4, 5]])) as Tensor;
    const norms = arr(e.weight.norm(2, 1));
    for (const r of [1, 4, 5]) expect(norms[r]).toBeLessThanOrEqual(0.5);
    for (const r of [0, 2, 3]) expect(norms[r]).toBeGreaterThan(0.5); // N(0, 1) rows of 4: not read, not touched
    y.sum().backward();
    expect(arr(e.weight.grad!.sum(1))).toEqual([0, 4, 0, 0, 8, 4]);
  });

  it('bad options name Embedding', () => {
    expect(() => new tg.nn.Embedding(4, 2, { paddingIdx: 4 })).toThrow(/^Embedding: paddingIdx 4 must be within numEmbeddings \(4\)/);
    expect(() => new tg.nn.Embedding(4, 2, { sparse: true })).toThrow(TypeError);
    expect(() => new tg.nn.Embedding(-1, 2)).toThrow(/^Embedding: numEmbeddings must be a non-negative integer/);
  });
});

describe('layerNorm', () => {
  it('normalizes the trailing dims: zero mean, unit (biased) variance before the affine part', () => {
    const x = tg.randn([3, 2, 5], { dtype: 'float64' }).mul(4).add(3);
    const y = F.layerNorm(x, [2, 5], null, null, 0);
    const m = y.mean([1, 2]);
    const v = y.var([1, 2], { correction: 0 });
    for (const t of arr(m)) expect(Math.abs(t)).toBeLessThan(1e-12);
    for (const t of arr(v)) expect(Math.abs(t - 1)).toBeLessThan(1e-12);
  });

  it('nn.LayerNorm: weight ones, bias zeros, same result as the functional form; no parameters without elementwiseAffine', () => {
    const ln = new tg.nn.LayerNorm(3);
    expect(arr(ln.weight!)).toEqual([1, 1, 1]);
    expect(arr(ln.bias!)).toEqual([0, 0, 0]);
    expect(Object.keys(ln.stateDict())).toEqual(['weight', 'bias']);
    const x = tg.tensor([[1, 2, 4], [0, -1, 3]]);
    tg.noGrad(() => ln.weight!.copy_(tg.tensor([2, -1, 0.5])));
    const y = ln.call(x) as Tensor;
    expect(y.gradFn?.name).toBe('NativeLayerNormBackward0');
    expect(y.equal(F.layerNorm(x, [3], ln.weight, ln.bias, 1e-5))).toBe(true);
    const plain = new tg.nn.LayerNorm([3], { elementwiseAffine: false });
    expect(plain.parameters()).toEqual([]);
    expect(plain.weight).toBeNull();
  });

  it('bad input names layerNorm and the shapes', () => {
    const x = tg.zeros([2, 3]);
    expect(() => F.layerNorm(x, [4])).toThrow(RangeError);
    expect(() => F.layerNorm(x, [4])).toThrow(/^layerNorm: Given normalized_shape=\[4\], expected input with shape \[\*, 4\], but got input of size \[2, 3\]/);
    expect(() => F.layerNorm(x, [3], tg.ones([2]))).toThrow(/^layerNorm: expected weight of shape \[3\] \(normalized_shape\), got \[2\]/);
    expect(() => F.layerNorm(x, [3], null, tg.ones([3, 1]))).toThrow(/^layerNorm: expected bias of shape \[3\]/);
    expect(() => F.layerNorm(tg.zeros([2, 3], { dtype: 'int32' }), [3])).toThrow(TypeError);
    expect(() => new tg.nn.LayerNorm(3).call(tg.zeros([3, 2]))).toThrow(/^layerNorm: .*\[3, 2\]/);
    expect(() => F.rmsNorm(x, [2])).toThrow(/^rmsNorm: Given normalized_shape=\[2\]/);
  });

  it("rmsNorm's default eps is the dtype's machine epsilon", () => {
    const x = tg.zeros([1, 2], { dtype: 'float64' }).add(1e-9);
    // mean(x^2) = 1e-18 is far below float64's eps (2.2e-16): x * rsqrt(eps)
    expect(arr(F.rmsNorm(x, [2]))[0]).toBeCloseTo(1e-9 / Math.sqrt(1e-18 + 2.220446049250313e-16), 12);
  });
});

describe('oneHot', () => {
  it('bad input names oneHot and the shape', () => {
    expect(() => F.oneHot(tg.tensor([1, 2]))).toThrow(/^oneHot: .*index tensors \(int64 or int32\), got float32 \(shape \[2\]\)/);
    expect(() => F.oneHot(i32([0, 3]), 3)).toThrow(RangeError);
    expect(() => F.oneHot(i32([0, 3]), 3)).toThrow(/^oneHot: Class values must be smaller than num_classes \(3\), got 3 \(tensor of shape \[2\]\)/);
    expect(() => F.oneHot(i32([[0, -1]]))).toThrow(/^oneHot: Class values must be non-negative, got -1 \(tensor of shape \[1, 2\]\)/);
  });
});

describe('dropout1d / dropout2d', () => {
  it('zero whole channels with probability p and scale the rest by 1 / (1 - p); the grad is the mask', () => {
    tg.manualSeed(5);
    const x = tg.ones([50, 40, 3, 2], { requiresGrad: true });
    const y = F.dropout2d(x, 0.25);
    const ch = y.reshape([2000, 6]);
    const rows = arr(ch);
    let zeros = 0;
    const bad: number[] = [];
    for (let r = 0; r < 2000; r++) {
      const v = rows.slice(r * 6, r * 6 + 6);
      if (!v.every((e) => e === v[0]) || (v[0] !== 0 && v[0] !== Math.fround(1 / 0.75))) bad.push(r);
      if (v[0] === 0) zeros++;
    }
    expect(bad, 'channels not all 0 or all 1 / (1 - p)').toEqual([]);
    expect(Math.abs(zeros / 2000 - 0.25)).toBeLessThan(0.04);
    expect(y.gradFn?.name).toBe('MulBackward0');
    y.sum().backward();
    expect(x.grad!.equal(y.detach())).toBe(true);
  });

  it('dropout1d takes [C, L] and [N, C, L]; eval mode and p = 0 are the identity', () => {
    tg.manualSeed(1);
    const y = F.dropout1d(tg.ones([300, 4]), 0.5);
    expect(y.shape).toEqual([300, 4]);
    const v = arr(y);
    for (let r = 0; r < 300; r++) expect(new Set(v.slice(r * 4, r * 4 + 4)).size).toBe(1);
    const x = tg.randn([2, 3, 4]);
    expect(F.dropout1d(x, 0.5, false)).toBe(x);
    const m = new tg.nn.Dropout1d(0.5).eval();
    expect(m.call(x)).toBe(x);
    expect(F.dropout2d(x, 0)).toBe(x);
    expect(arr(F.dropout1d(x, 1)).every((e) => e === 0)).toBe(true);
  });

  it('bad input names the layer and the shape', () => {
    expect(() => F.dropout1d(tg.zeros([2, 3, 4, 5]))).toThrow(/^dropout1d: Expected 2D or 3D input, but received a 4D input of shape \[2, 3, 4, 5\]/);
    expect(() => F.dropout2d(tg.zeros([3]))).toThrow(/^dropout2d: .*1D input of shape \[3\]/);
    expect(() => F.dropout2d(tg.zeros([2, 3, 4]), 1.5)).toThrow(RangeError);
    expect(() => new tg.nn.Dropout2d(-0.1)).toThrow(/^Dropout2d: dropout probability/);
  });
});

describe('scaledDotProductAttention', () => {
  const q = (): Tensor => tg.randn([2, 3, 4], { dtype: 'float64' });

  it('isCausal equals a lower-triangular bool mask; a float mask is added to the scores', () => {
    const [a, b, c] = [q(), q(), q()];
    const causal = F.scaledDotProductAttention(a, b, c, { isCausal: true });
    const tri = tg.ones([3, 3], { dtype: 'bool' }).tril();
    expect(causal.sub(F.scaledDotProductAttention(a, b, c, { attnMask: tri })).abs().max().item()).toBeLessThan(1e-14);
    const bias = tg.zeros([3, 3], { dtype: 'float64' }).maskedFill(tri.logicalNot(), -Infinity);
    expect(causal.sub(F.scaledDotProductAttention(a, b, c, { attnMask: bias })).abs().max().item()).toBeLessThan(1e-14);
    // the first query attends to the first key only: its output is the first value row
    expect(causal.narrow(1, 0, 1).sub(c.narrow(1, 0, 1)).abs().max().item()).toBeLessThan(1e-14);
  });

  it('dropoutP drops attention weights (1: all, so the output is zero); grads flow to query, key and value', () => {
    const [a, b, c] = [q().requiresGrad_(true), q().requiresGrad_(true), q().requiresGrad_(true)];
    expect(arr(F.scaledDotProductAttention(a, b, c, { dropoutP: 1 })).every((v) => v === 0)).toBe(true);
    tg.manualSeed(3);
    const y1 = F.scaledDotProductAttention(a, b, c, { dropoutP: 0.5 });
    tg.manualSeed(3);
    const y2 = F.scaledDotProductAttention(a, b, c, { dropoutP: 0.5 });
    expect(y1.equal(y2)).toBe(true);
    expect(y1.equal(F.scaledDotProductAttention(a, b, c))).toBe(false);
    y1.sum().backward();
    for (const t of [a, b, c]) expect(t.grad?.shape).toEqual([2, 3, 4]);
  });

  it('bad input names scaledDotProductAttention and the shapes', () => {
    const a = q();
    expect(() => F.scaledDotProductAttention(a, tg.zeros([2, 3, 5], { dtype: 'float64' }), a)).toThrow(
      /^scaledDotProductAttention: expected query \[\.\.\., L, E\], key \[\.\.\., S, E\] and value \[\.\.\., S, Ev\], got shapes \[2, 3, 4\], \[2, 3, 5\] and \[2, 3, 4\]/,
    );
    expect(() => F.scaledDotProductAttention(a, a, a, { attnMask: tg.ones([3, 3], { dtype: 'bool' }), isCausal: true })).toThrow(TypeError);
    expect(() => F.scaledDotProductAttention(a, a, a, { attnMask: tg.ones([2, 3], { dtype: 'bool' }) })).toThrow(/attnMask of shape \[2, 3\] does not broadcast/);
    expect(() => F.scaledDotProductAttention(a, a, a.float())).toThrow(/same floating point dtype, got float64, float64 and float32/);
  });
});

describe('float64 gradcheck and gradgradcheck of the composites (no row of their own)', () => {
  const r = (shape: number[]): Tensor => tg.randn(shape, { dtype: 'float64', requiresGrad: true });
  it('scaledDotProductAttention with a float mask, causal, and a custom scale', () => {
    tg.manualSeed(11);
    const mask = tg.randn([3, 4], { dtype: 'float64' });
    const cases: [(...t: Tensor[]) => Tensor, Tensor[]][] = [
      [(q, k, v) => F.scaledDotProductAttention(q, k, v, { attnMask: mask }), [r([2, 3, 2]), r([2, 4, 2]), r([2, 4, 3])]],
      [(q, k, v) => F.scaledDotProductAttention(q, k, v, { isCausal: true, scale: 0.7 }), [r([1, 3, 2]), r([1, 3, 2]), r([1, 3, 2])]],
    ];
    for (const [fn, inputs] of cases) {
      expect(tg.autograd.gradcheck(fn, inputs)).toBe(true);
      expect(tg.autograd.gradgradcheck(fn, inputs)).toBe(true);
    }
  });
  it('rmsNorm with and without weight', () => {
    tg.manualSeed(12);
    const a = [r([2, 3]), r([3])];
    expect(tg.autograd.gradcheck((x, w) => F.rmsNorm(x, [3], w, 1e-3), a)).toBe(true);
    expect(tg.autograd.gradgradcheck((x, w) => F.rmsNorm(x, [3], w, 1e-3), a)).toBe(true);
    expect(tg.autograd.gradgradcheck((x) => F.rmsNorm(x, [2, 2]), [r([2, 2, 2])])).toBe(true);
  });
});
