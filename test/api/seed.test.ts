// The API.md walk-through (the D2L "Automatic Differentiation" lesson), line by line, with exact strings.
import { describe, it, expect } from 'vitest';
import { inspect } from 'node:util';
import tg from '../../lib/index.js';

describe('seed walk-through', () => {
  it('runs every cell and prints what the PyTorch notebook prints', () => {
    const x = tg.arange(4);
    expect(String(x)).toBe('tensor([0., 1., 2., 3.])');
    expect(x.dtype).toBe('float32');
    expect(x.requiresGrad_(true)).toBe(x);
    expect(x.grad).toBeNull();

    let y = tg.dot(x, x).mul(2);
    expect(String(y)).toBe('tensor(28., grad_fn=<MulBackward0>)');
    expect(String(x.dot(x).mul(2))).toBe('tensor(28., grad_fn=<MulBackward0>)');
    expect(String(tg.mul(2, tg.dot(x, x)))).toBe('tensor(28., grad_fn=<MulBackward0>)');
    y.backward();
    expect(String(x.grad)).toBe('tensor([ 0.,  4.,  8., 12.])');
    expect(String(x.grad!.eq(x.mul(4)))).toBe('tensor([True, True, True, True])');

    x.grad!.zero_();
    y = x.sum();
    y.backward();
    expect(String(x.grad)).toBe('tensor([1., 1., 1., 1.])');
    expect(String(x.sum())).toBe('tensor(6., grad_fn=<SumBackward0>)');

    x.grad!.zero_();
    y = x.mul(x);
    y.backward(tg.onesLike(x));
    expect(String(x.grad)).toBe('tensor([0., 2., 4., 6.])');

    x.grad!.zero_();
    y = x.mul(x);
    const u = y.detach();
    const z = u.mul(x);
    z.sum().backward();
    expect(String(x.grad!.eq(u))).toBe('tensor([True, True, True, True])');

    x.grad!.zero_();
    y.sum().backward();
    expect(String(x.grad!.eq(x.mul(2)))).toBe('tensor([True, True, True, True])');
  });

  it('differentiates through JS control flow', () => {
    function f(a: ReturnType<typeof tg.randn>) {
      let b = a.mul(2);
      while (+b.norm() < 10) b = b.mul(2);
      return +b.sum() > 0 ? b : b.mul(100);
    }
    for (let seed = 0; seed < 20; seed++) {
      tg.manualSeed(seed);
      const a = tg.randn([], { requiresGrad: true });
      expect(String(a)).toMatch(/^tensor\(-?\d+\.\d{4}, requires_grad=True\)$/);
      const d = f(a);
      d.backward();
      expect(String(d)).toMatch(/^tensor\(-?\d+\.\d{4}, grad_fn=<MulBackward0>\)$/);
      expect(a.grad!.eq(d.div(a)).item()).toBe(true);
      expect(String(a.grad!.eq(d.div(a)))).toBe('tensor(True)');
    }
  });

  it('coerces one-element tensors in numeric context and refuses larger ones', () => {
    expect(+tg.tensor(2.5)).toBe(2.5);
    expect(tg.tensor([3]) > 2).toBe(true);
    expect(`${tg.tensor([1, 2])}`).toBe('tensor([1., 2.])');
    expect(() => +tg.tensor([1, 2])).toThrow(/one-element tensor/);
    expect(inspect(tg.tensor([1, -2, 3], { dtype: 'int32' }))).toBe('tensor([ 1, -2,  3], dtype=torch.int32)');
  });

  it('tolist, item and typed arrays', () => {
    expect(tg.tensor(2).tolist()).toBe(2);
    expect(tg.tensor([[1, 2], [3, 4]]).tolist()).toEqual([[1, 2], [3, 4]]);
    expect(tg.tensor([true, false]).tolist()).toEqual([true, false]);
    expect(tg.tensor(true).item()).toBe(true);
    const ta = tg.tensor([1, 2, 3]).toTypedArray();
    expect(ta).toBeInstanceOf(Float32Array);
    expect(tg.tensor([true]).toTypedArray()).toBeInstanceOf(Uint8Array);
    expect(() => tg.tensor([1, 2]).item()).toThrow(/cannot be converted to Scalar/);
  });
});

describe('typed-array access', () => {
  it('asTypedArray is a zero-copy view of the storage; toTypedArray is a copy', () => {
    const t = tg.zeros([3]);
    const view = t.asTypedArray();
    view[1] = 5;
    expect(t.tolist()).toEqual([0, 5, 0]);
    const copy = t.toTypedArray();
    copy[0] = 9;
    expect(t.tolist()).toEqual([0, 5, 0]);
    t.dispose();
    expect(() => t.asTypedArray()).toThrow(/disposed/);
  });
});
