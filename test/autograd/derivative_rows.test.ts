// Derivative rows (derivatives.ts) whose cases mutation testing (docs/mutation.md) found unchecked: prod over a
// dim where only some slices hold zeros, max/min(dim) with keepdim and on 0-d tensors, split outputs that get
// no grad. Expected values are PyTorch 1.13's (checked by hand against torch).
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const vals = (t: Tensor | null) => (t === null ? null : t.tolist());

describe('ProdBackward1', () => {
  it('counts zeros per slice: one zero, none and two in different rows', () => {
    const x = tg.tensor([[1, 0, 3], [2, 2, 2], [0, 0, 5]], { requiresGrad: true });
    x.prod(1).mul(tg.tensor([1, 2, 3])).sum().backward();
    expect(vals(x.grad)).toEqual([[0, 3, 0], [8, 8, 8], [0, 0, 0]]);
    const y = tg.tensor([[1, 0, 3], [2, 2, 2]], { requiresGrad: true });
    y.prod(1, true).sum().backward();
    expect(vals(y.grad)).toEqual([[0, 3, 0], [4, 4, 4]]);
  });
});

describe('ProdBackward0 / ProdBackward1 of a 0-d tensor', () => {
  it('has grad 1, zero or not, with and without createGraph', () => {
    for (const v of [3, 0]) {
      const x = tg.tensor(v, { requiresGrad: true });
      x.prod().backward();
      expect([x.grad!.shape, x.grad!.item()]).toEqual([[], 1]);
      const y = tg.tensor(v, { requiresGrad: true });
      y.prod(0).backward();
      expect([y.grad!.shape, y.grad!.item()]).toEqual([[], 1]);
      const z = tg.tensor(v, { dtype: 'float64', requiresGrad: true });
      const [gz] = tg.autograd.grad(z.prod().mul(2), z, { createGraph: true });
      expect([gz!.shape, gz!.item()]).toEqual([[], 2]);
      const [gd] = tg.autograd.grad(z.prod(0).mul(2), z, { createGraph: true });
      expect([gd!.shape, gd!.item()]).toEqual([[], 2]);
    }
  });
});

describe('MaxBackward0 / MinBackward0', () => {
  it('routes the grad to the selected element with keepdim', () => {
    const x = tg.tensor([[1, 5, 3], [7, 2, 2]], { requiresGrad: true });
    const [v] = x.max(1, true);
    v.mul(tg.tensor([[2], [3]])).sum().backward();
    expect(vals(x.grad)).toEqual([[0, 2, 0], [3, 0, 0]]);
    const y = tg.tensor([[1, 5, 3], [7, 2, 2]], { requiresGrad: true });
    const [m] = y.min(0, true);
    m.mul(tg.tensor([[2, 3, 4]])).sum().backward();
    expect(vals(y.grad)).toEqual([[2, 0, 0], [0, 3, 4]]);
  });

  it('on a 0-d tensor', () => {
    const x = tg.tensor(4, { requiresGrad: true });
    const [v] = x.max(0);
    v.mul(3).backward();
    expect(vals(x.grad)).toBe(3);
  });
});

describe('SplitBackward0 / SplitWithSizesBackward0', () => {
  it('fills zeros of the input dtype for outputs that got no grad', () => {
    const x = tg.arange(5, { dtype: 'float64' }).requiresGrad_(true);
    const [a] = x.split(2);
    a.mul(tg.tensor([3, 4], { dtype: 'float64' })).sum().backward();
    expect(vals(x.grad)).toEqual([3, 4, 0, 0, 0]);
    expect(x.grad!.dtype).toBe('float64');
    const y = tg.arange(5, { dtype: 'float64' }).requiresGrad_(true);
    const parts = y.split([2, 3]);
    const b = parts[1];
    const loss = b.mul(2).sum();
    loss.backward({ retainGraph: true });
    loss.backward();
    expect(vals(y.grad)).toEqual([0, 0, 4, 4, 4]);
    expect(y.grad!.dtype).toBe('float64');
  });
});

describe('NormBackward1 for p = ±inf', () => {
  it('routes the grad to the largest / smallest |x| with its sign', () => {
    const x = tg.tensor([3, -4, 1], { requiresGrad: true });
    x.norm(Infinity).backward();
    expect(vals(x.grad)).toEqual([0, -1, 0]);
    const y = tg.tensor([3, -4, 0.5], { requiresGrad: true });
    y.norm(-Infinity).backward();
    expect(vals(y.grad)).toEqual([0, -0, 1]);
  });
});

describe('PowBackward0', () => {
  it('x ** 0 has grad 0 also at x = 0 (not 0 * inf)', () => {
    const x = tg.tensor([0, 2], { requiresGrad: true });
    x.pow(0).sum().backward();
    expect(vals(x.grad)).toEqual([0, 0]);
  });
});

describe('AsStridedBackward0', () => {
  // PyTorch 1.13 values (Note [asStrided backward] for the overlapping case).
  it('a dim of size 1 with stride 0 is no overlap', () => {
    const x = tg.arange(6, { requiresGrad: true });
    x.asStrided([1, 3], [0, 2], 1).mul(tg.tensor([[1, 2, 3]])).sum().backward();
    expect(vals(x.grad)).toEqual([0, 1, 0, 2, 0, 3]);
  });

  it('empty views, of an empty input and of a non-empty one', () => {
    const e = tg.zeros([0], { requiresGrad: true });
    e.asStrided([0], [5]).sum().backward();
    expect(vals(e.grad)).toEqual([]);
    const x = tg.arange(6, { requiresGrad: true });
    x.asStrided([2, 0], [3, 7], 1).sum().backward();
    expect(vals(x.grad)).toEqual([0, 0, 0, 0, 0, 0]);
    // an empty view of an empty view with large strides: no element needs a place in the grad's storage
    const b = tg.arange(6, { requiresGrad: true });
    b.asStrided([0, 2], [100, 1]).asStrided([0], [5]).sum().backward();
    expect(vals(b.grad)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('through geometry whose elements overlap sums their grads at the shared place (PyTorch 1.13)', () => {
    const x = tg.arange(6, { requiresGrad: true });
    x.asStrided([2, 3], [0, 1]).mul(tg.tensor([[1, 2, 3], [4, 5, 6]])).sum().backward();
    expect(vals(x.grad)).toEqual([5, 7, 9, 0, 0, 0]);
  });
});

describe('MaxBackward1 with a NaN, DiagEmbedBackward0 two below the diagonal', () => {
  it('max() of a tensor holding a NaN sends the grad to the NaN (PyTorch 1.13)', () => {
    const x = tg.tensor([1, NaN, 3], { requiresGrad: true });
    x.max().backward();
    expect(vals(x.grad)).toEqual([0, 1, 0]);
  });

  it('diagEmbed(x, -2): each grad is the weight at its place on that diagonal (PyTorch 1.13)', () => {
    const x = tg.tensor([1, 2, 3], { requiresGrad: true });
    tg.diagEmbed(x, -2).mul(tg.arange(25).reshape([5, 5])).sum().backward();
    expect(vals(x.grad)).toEqual([10, 16, 22]);
  });
});
