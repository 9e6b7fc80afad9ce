// Session 8's torch.* names and Tensor methods (lib/ops/torch_names.ts, rnn_full.ts, sampling_discrete.ts,
// methods_names.ts) against PyTorch 1.13 (test/fixtures/names_ops.json, from test/fixtures/gen/gen_names_ops.py):
// values, grads of sum(out * w), grad_fn names; float64 gradcheck of lstm and gru; poisson and binomial
// by their moments; set_, isSetTo, map2_, resize; errors naming the op and shapes.
import { describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { casesOf, checkCase } from '../helpers/ops_fixture.js';

// Ops that tensorgrad composes where ATen has one node: the node their first output gets here instead
// (values and grads are still PyTorch's). Each entry is checked to be PyTorch's name before it is replaced.
const COMPOSED_NODE: Record<string, [pytorch: string, tensorgrad: string]> = {
};
const quiet = <R>(fn: () => R): R => {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try { return fn(); } finally { spy.mockRestore(); }
};

describe('names: PyTorch 1.13 fixtures', () => {
  for (const c of casesOf('names')) {
    it(c.id, () => {
      const node = COMPOSED_NODE[c.id];
      if (node !== undefined) expect(c.grad_fn).toBe(node[0]);
      quiet(() => checkCase(node === undefined ? c : { ...c, grad_fn: node[1] }));
    });
  }
});

describe('float64 gradcheck of lstm and gru', () => {
  const f64 = (shape: number[], seed: number): Tensor => {
    tg.manualSeed(seed);
    return tg.rand(shape, { dtype: 'float64' }).mul(2).sub(1).requiresGrad_(true);
  };
  // pdist, convTbc, asStridedScatter and resize have rows of their own now: test/ops/composed.test.ts
  it('lstm and gru over two layers', () => {
    const ps = (g: number, inp: number, seed: number): Tensor[] => [f64([g * 2, inp], seed), f64([g * 2, 2], seed + 1), f64([g * 2], seed + 2), f64([g * 2], seed + 3)];
    const lp = [...ps(4, 3, 10), ...ps(4, 2, 20)];
    expect(tg.autograd.gradcheck((x: Tensor, h: Tensor, c: Tensor, ...p: Tensor[]) => tg.lstm(x, [h, c], p, true, 2, 0, false, false, false),
      [f64([2, 1, 3], 1), f64([2, 1, 2], 2), f64([2, 1, 2], 3), ...lp])).toBe(true);
    const gp = [...ps(3, 3, 30), ...ps(3, 2, 40)];
    expect(tg.autograd.gradcheck((x: Tensor, h: Tensor, ...p: Tensor[]) => tg.gru(x, h, p, true, 2, 0, false, false, false),
      [f64([2, 1, 3], 4), f64([2, 1, 2], 5), ...gp])).toBe(true);
  });
});

describe('poisson and binomial', () => {
  // 20000 draws: the sample mean is within 5 standard errors (sqrt(var / n)) of the mean, the sample variance
  // within 10% of the variance (its relative standard error is about sqrt(2 / n) = 1% for these shapes)
  const N = 20000;
  const moments = (t: Tensor): [number, number] => {
    const d = Array.from(t._data as ArrayLike<number>);
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    return [m, d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1)];
  };
  it.each([0.5, 3, 9.5, 10, 50, 1000])('poisson(rate %d): mean and variance are the rate', (rate) => {
    const g = new tg.Generator(Math.round(rate * 14) + 1);
    const t = tg.poisson(tg.full([N], rate, { dtype: 'float64' }), { generator: g });
    expect(t.dtype).toBe('float64');
    expect(Array.from(t._data as Float64Array).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const [m, v] = moments(t);
    expect(Math.abs(m - rate)).toBeLessThan(5 * Math.sqrt(rate / N));
    expect(Math.abs(v / rate - 1)).toBeLessThan(0.1);
  });
  it.each([[5, 0.3], [40, 0.5], [100, 0.2], [1000, 0.9], [30, 0.02]])('binomial(%d, %d): mean np and variance np(1-p)', (n, p) => {
    const g = new tg.Generator(n + 3);
    const t = tg.binomial(tg.full([N], n), tg.full([N], p), g);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t._data as Float32Array).every((v) => Number.isInteger(v) && v >= 0 && v <= n)).toBe(true);
    const [m, v] = moments(t), mean = n * p, variance = n * p * (1 - p);
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(v / variance - 1)).toBeLessThan(0.1);
  });
  it('the same seed gives the same stream; the edges are exact; broadcasting', () => {
    const a = tg.poisson(tg.full([50], 20), new tg.Generator(5)), b = tg.poisson(tg.full([50], 20), new tg.Generator(5));
    expect(a.tolist()).toEqual(b.tolist());
    expect(tg.poisson(tg.zeros([3])).tolist()).toEqual([0, 0, 0]);
    expect(tg.binomial(tg.tensor([10, 20]), tg.tensor([0, 1])).tolist()).toEqual([0, 20]);
    expect(tg.binomial(tg.tensor([[10], [20]]), tg.tensor([0.5, 0.5, 0.5])).shape).toEqual([2, 3]);
    tg.manualSeed(1);
    const c = tg.poisson(tg.full([10], 4));
    tg.manualSeed(1);
    expect(tg.poisson(tg.full([10], 4)).tolist()).toEqual(c.tolist());
  });
  it('bad input: negative rates, int tensors, mismatched dtypes, probabilities out of [0, 1]', () => {
    expect(() => tg.poisson(tg.tensor([1, -1]))).toThrow(/^poisson: invalid Poisson rate.*shape \[2\]/);
    expect(() => tg.poisson(tg.tensor([1], { dtype: 'int64' }))).toThrow(TypeError);
    expect(() => tg.binomial(tg.tensor([10], { dtype: 'int64' }), tg.tensor([0.5]))).toThrow(/^binomial: count must be a floating point tensor, got int64 \(shape \[1\]\)/);
    expect(() => tg.binomial(tg.tensor([10]), tg.tensor([0.5], { dtype: 'float64' }))).toThrow(/^binomial: expected count and prob of the same dtype/);
    expect(() => tg.binomial(tg.tensor([10]), tg.tensor([1.5]))).toThrow(/^binomial: prob must be in \[0, 1\]/);
    expect(() => tg.binomial(tg.ones([2]), tg.ones([3]))).toThrow(/^binomial/);
  });
});

describe('Tensor.set_ / isSetTo / map2_ / resize', () => {
  it('set_(source) shares source\'s storage and geometry; writes show through both ways', () => {
    const src = tg.arange(6).reshape([2, 3]), x = tg.zeros([1]);
    expect(x.set_(src)).toBe(x);
    expect(x.shape).toEqual([2, 3]);
    expect(x.isSetTo(src)).toBe(true);
    x.fill_(7);
    expect(src.tolist()).toEqual([[7, 7, 7], [7, 7, 7]]);
    expect(src.t().isSetTo(src)).toBe(false);
  });
  it('set_(source, storageOffset, size, stride) and set_()', () => {
    const src = tg.arange(6);
    const x = tg.zeros([1]).set_(src, 1, [2, 2], [1, 2]);
    expect(x.tolist()).toEqual([[1, 3], [2, 4]]);
    expect(x.storageOffset()).toBe(1);
    expect(tg.ones([3]).set_({ storage: src, offset: 2, size: [2] }).tolist()).toEqual([2, 3]);
    const e = tg.ones([3]).set_();
    expect(e.shape).toEqual([0]);
    expect(() => tg.zeros([1]).set_(src, 4, [3])).toThrow(/^set_/);
    expect(() => tg.zeros([1], { dtype: 'float64' }).set_(src)).toThrow(/^set_: expected source of dtype float64/);
    expect(() => tg.zeros([2], { requiresGrad: true }).set_(src)).toThrow(/^set_: a tensor that requires grad/);
  });
  it('map2_ applies the callable with x and y broadcast; rejects grads and bad shapes', () => {
    const t = tg.tensor([[1, 2], [3, 4]]);
    t.map2_(tg.tensor([10, 20]), tg.tensor([[100], [200]]), (a, b, c) => Number(a) * Number(b) + Number(c));
    expect(t.tolist()).toEqual([[110, 140], [230, 280]]);
    expect(() => tg.ones([2]).map2_(tg.ones([3]), tg.ones([2]), () => 0)).toThrow(/^map2_: a tensor of shape \[3\] does not broadcast to self's shape \[2\]/);
    expect(() => tg.ones([2], { requiresGrad: true }).map2_(tg.ones([2]), tg.ones([2]), () => 0)).toThrow(/map2_/);
  });
  it('resize keeps numel and warns once that it is deprecated; resize_ is unchanged', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(tg.arange(6).resize([3, 2]).tolist()).toEqual([[0, 1], [2, 3], [4, 5]]);
      expect(tg.arange(6).reshape([2, 3]).t().resize(6).tolist()).toEqual([0, 3, 1, 4, 2, 5]);
      expect(() => tg.arange(6).resize(4, 3)).toThrow(/^resize: requested resize to 4x3 \(12 elements in total\), but the given tensor has a size of 6/);
      expect(() => tg.arange(6).resizeAs(tg.zeros(4))).toThrow(/^resizeAs: requested resize to 4/);
    } finally { spy.mockRestore(); }
  });
});

describe('bad input names the op and shapes', () => {
  it('scalarTensor names itself for a bad dtype (the argument fuzzer found tensor\'s message)', () => {
    expect(() => tg.scalarTensor(1, tg.ones([1]) as never)).toThrow(/^scalarTensor: dtype must be a dtype name/);
  });
  it('pdist, convTbc, convolution, gridSampler, normExceptDim, embeddingRenorm_, lstm', () => {
    expect(() => tg.pdist(tg.ones([2, 3, 4]))).toThrow(/^pdist: pdist only supports 2D tensors, got: 3D \(shape \[2, 3, 4\]\)/);
    expect(() => tg.pdist(tg.ones([2, 3]), -1)).toThrow(/^pdist: pdist only supports non-negative p/);
    expect(() => tg.convTbc(tg.ones([5, 2, 3]), tg.ones([3, 4, 4]), tg.zeros([4]))).toThrow(/^convTbc: Input dim 2 .*input \[5, 2, 3\], weight \[3, 4, 4\]/);
    expect(() => tg.convolution(tg.ones([1, 1, 4]), tg.ones([1, 1]), null, [1], [0], [1], false, [0], 1)).toThrow(/^convolution: expected a 3-D, 4-D or 5-D weight, got shape \[1, 1\]/);
    expect(() => tg.convolution(tg.ones([1, 2, 4]), tg.ones([1, 1, 2]), null, [1], [0], [1], false, [0], 1)).toThrow(/^convolution: /);
    expect(() => tg.gridSampler(tg.ones([1, 1, 2, 2]), tg.zeros([1, 1, 1, 2]), 3, 0, false)).toThrow(/^gridSampler: interpolationMode must be 0/);
    expect(() => tg.gridSampler2d(tg.ones([1, 1, 2, 2, 2]), tg.zeros([1, 1, 1, 1, 3]), 0, 0, false)).toThrow(/^gridSampler2d: expected 4-D input, got shape \[1, 1, 2, 2, 2\]/);
    expect(() => tg.normExceptDim(tg.ones([2, 3]), 2, 2)).toThrow(/^normExceptDim: dim must be -1 or in \[0, 1\], got 2 \(v of shape \[2, 3\]\)/);
    expect(() => tg.embeddingRenorm_(tg.ones([3, 2]), tg.tensor([3], { dtype: 'int64' }), 1, 2)).toThrow(/^embeddingRenorm_: index 3 is out of range for an input of shape \[3, 2\]/);
    expect(() => tg.embeddingRenorm_(tg.ones([3, 2]), tg.tensor([1.5]), 1, 2)).toThrow(TypeError);
    const z = tg.zeros([1, 1, 3]);
    expect(() => tg.lstm(tg.ones([4, 1, 2]), [z, z], [tg.ones([12, 2])], false, 1, 0, false, false, false)).toThrow(/^lstm: expected 2 params/);
    expect(() => tg.lstm(tg.ones([4, 1, 2]), [z, z], [tg.ones([12, 5]), tg.ones([12, 3])], false, 1, 0, false, false, false)).toThrow(/^lstm: wIh must be \[12, 2\]/);
    expect(() => tg.gru(tg.ones([4, 2]), z, [tg.ones([9, 2]), tg.ones([9, 3])], false, 1, 0, false, false, false)).toThrow(/^gru: expected a 3-D input .*shape \[4, 2\]/);
  });
  it('symeig returns an empty eigenvectors tensor unless asked, and both with eigenvectors', () => {
    const a = tg.tensor([[2, 1], [1, 2]], { dtype: 'float64' });
    const r = tg.symeig(a);
    expect(r.eigenvectors.shape).toEqual([0]);
    const { eigenvalues: w, eigenvectors: v } = tg.symeig(a, true);
    expect(w.tolist()).toEqual([1, 3].map((x) => expect.closeTo(x, 12)));
    expect(tg.allclose(v.matmul(tg.diag(w)).matmul(v.t()), a)).toBe(true);
    expect(tg.isStorage(a)).toBe(false);
    expect(tg.initNumThreads()).toBeUndefined();
  });
});
