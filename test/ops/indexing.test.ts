// indexing ops (gather, indexSelect, index*, scatter*, masked*, take, takeAlongDim, put): PyTorch 1.13 parity
// from test/fixtures/indexing.json (forward values, dtype, shape, gradFn name, grads) plus float64 gradcheck and
// gradgradcheck for their derivative-table rows.
import { opSuite } from '../helpers/op_suite.js';

opSuite('indexing');

import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { native } from '../../lib/native.js';
import type { Storage } from '../../lib/native.js';

const i32 = (v: unknown): Tensor => tg.tensor(v as number[], { dtype: 'int32' });
const x23 = (): Tensor => tg.tensor([[1, 2, 3], [4, 5, 6]]);
const mask3 = (): Tensor => tg.tensor([true, false, true]);

// Bad input: a TypeError/RangeError whose message starts with the op and names the dim and size (PyTorch's
// wording where it has one), thrown before any element is read or written (Note [Checked indices]).
describe('indexing: index out of range', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['gather', () => tg.gather(x23(), 1, i32([[0, 3]])), /^gather: index 3 is out of bounds for dimension 1 with size 3$/],
    ['gather negative', () => tg.gather(x23(), 0, i32([[-1]])), /^gather: index -1 is out of bounds for dimension 0 with size 2$/],
    ['gather on empty', () => tg.gather(tg.zeros([2, 0]), 1, i32([[0]])), /^gather: index 0 is out of bounds for dimension 1 with size 0$/],
    ['indexSelect', () => tg.indexSelect(x23(), 1, i32([0, 5])), /^indexSelect: index 5 is out of bounds for dimension 1 with size 3$/],
    ['indexAdd', () => tg.indexAdd(x23(), 0, i32([2]), tg.ones([1, 3])), /^indexAdd: index 2 is out of bounds for dimension 0 with size 2$/],
    ['indexFill', () => tg.indexFill(x23(), 1, i32([-1]), 0), /^indexFill: index -1 is out of bounds for dimension 1 with size 3$/],
    ['indexCopy', () => tg.indexCopy(x23(), 0, i32([3]), tg.ones([1, 3])), /^indexCopy: index 3 is out of bounds for dimension 0 with size 2$/],
    ['scatter src', () => tg.scatter(x23(), 1, i32([[4]]), tg.ones([1, 1])), /^scatter: index 4 is out of bounds for dimension 1 with size 3$/],
    ['scatter value', () => tg.scatter(x23(), 0, i32([[2]]), 1.5), /^scatter: index 2 is out of bounds for dimension 0 with size 2$/],
    ['scatter legacy reduce', () => tg.scatter(x23(), 0, i32([[2]]), 1.5, 'add'), /^scatter: index 2 is out of bounds for dimension 0 with size 2$/],
    ['scatterAdd', () => tg.scatterAdd(x23(), 1, i32([[1, 3]]), tg.ones([1, 2])), /^scatterAdd: index 3 is out of bounds for dimension 1 with size 3$/],
    ['scatterReduce', () => tg.scatterReduce(x23(), 1, i32([[0, 7]]), tg.ones([1, 2]), 'amax'), /^scatterReduce: index 7 is out of bounds for dimension 1 with size 3$/],
    ['scatter int32 value', () => tg.scatter(i32([1, 2]), 0, i32([2]), 5), /^scatter: index 2 is out of bounds for dimension 0 with size 2$/],
    ['take', () => tg.take(x23(), i32([6])), /^take: out of range: tried to access index 6 on a tensor of 6 elements/],
    ['take negative', () => tg.take(x23(), i32([-7])), /^take: out of range: tried to access index -7 on a tensor of 6 elements/],
    ['put', () => tg.put(x23(), i32([0, 6]), tg.ones([2])), /^put: out of range: tried to access index 6 on a tensor of 6 elements/],
    ['takeAlongDim', () => tg.takeAlongDim(x23(), i32([[3], [0]]), 1), /^takeAlongDim: index 3 is out of bounds for dimension 1 with size 3$/],
    ['takeAlongDim flat', () => tg.takeAlongDim(x23(), i32([6])), /^takeAlongDim: index 6 is out of bounds for dimension 0 with size 6$/],
    ['a huge index', () => tg.gather(x23(), 1, i32([[2147483647]])), /^gather: index 2147483647 is out of bounds for dimension 1 with size 3$/],
  ];
  for (const [name, fn, re] of cases)
    it(`${name}: RangeError`, () => {
      expect(fn).toThrow(RangeError);
      expect(fn).toThrow(re);
    });

  it('in-place forms check before writing: the target is unchanged', () => {
    const x = x23();
    expect(() => x.scatter_(1, i32([[0, 3]]), tg.ones([1, 2]))).toThrow(/^scatter_: index 3 is out of bounds for dimension 1 with size 3$/);
    expect(() => x.scatterAdd_(0, i32([[2]]), tg.ones([1, 1]))).toThrow(/^scatterAdd_: index 2 is out of bounds for dimension 0 with size 2$/);
    expect(() => x.scatterReduce_(0, i32([[5]]), tg.ones([1, 1]), 'sum')).toThrow(/^scatterReduce_: index 5 is out of bounds/);
    expect(() => x.indexAdd_(0, i32([0, 2]), tg.ones([2, 3]))).toThrow(/^indexAdd_: index 2 is out of bounds for dimension 0 with size 2$/);
    expect(() => x.indexFill_(1, i32([3]), 0)).toThrow(/^indexFill_: index 3 is out of bounds for dimension 1 with size 3$/);
    expect(() => x.indexCopy_(1, i32([-4]), tg.ones([2, 1]))).toThrow(/^indexCopy_: index -4 is out of bounds for dimension 1 with size 3$/);
    expect(() => x.maskedScatter_(tg.ones([2, 3]).gt(0), tg.ones([5]))).toThrow(/^maskedScatter_: number of elements of source \(5/);
    expect(() => x.maskedFill_(tg.ones([3]), 0)).toThrow(/^maskedFill_: expected a bool mask/);
    expect(() => x.put_(i32([9]), tg.ones([1]), true)).toThrow(/^put_: out of range: tried to access index 9 on a tensor of 6 elements/);
    expect(x.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});

describe('indexing: wrong index or mask dtype', () => {
  const f = (): Tensor => tg.tensor([[0, 1]]);
  const cases: [string, () => unknown][] = [
    ['gather', () => tg.gather(x23(), 1, f())],
    ['indexSelect', () => tg.indexSelect(x23(), 1, tg.tensor([0, 1]))],
    ['indexAdd', () => tg.indexAdd(x23(), 0, tg.tensor([0]), tg.ones([1, 3]))],
    ['indexFill', () => tg.indexFill(x23(), 0, tg.tensor([true]), 0)],
    ['indexCopy', () => tg.indexCopy(x23(), 0, tg.tensor([0], { dtype: 'float64' }), tg.ones([1, 3]))],
    ['scatter', () => tg.scatter(x23(), 1, f(), tg.ones([1, 2]))],
    ['scatterAdd', () => tg.scatterAdd(x23(), 1, f(), tg.ones([1, 2]))],
    ['scatterReduce', () => tg.scatterReduce(x23(), 1, f(), tg.ones([1, 2]), 'sum')],
    ['take', () => tg.take(x23(), tg.tensor([0]))],
    ['put', () => tg.put(x23(), tg.tensor([0]), tg.ones([1]))],
    ['takeAlongDim', () => tg.takeAlongDim(x23(), f(), 1)],
  ];
  for (const [op, fn] of cases)
    it(`${op}: a float/bool index is a TypeError naming the op and the dtype`, () => {
      expect(fn).toThrow(TypeError);
      expect(fn).toThrow(new RegExp(`^${op}: expected (index|indices) to be an int64 or int32 tensor, got (float32|float64|bool)`));
    });
  it('a non-bool mask is a TypeError naming the op', () => {
    expect(() => tg.maskedFill(x23(), tg.tensor([1, 0, 1]), 0)).toThrow(/^maskedFill: expected a bool mask, got a float32 mask of shape \[3\]/);
    expect(() => tg.maskedSelect(x23(), i32([1, 0, 1]))).toThrow(/^maskedSelect: expected a bool mask, got a int32 mask/);
    expect(() => tg.maskedScatter(x23(), tg.tensor([1, 0, 1]), tg.ones([6]))).toThrow(TypeError);
  });
  it('src/source of another dtype is a TypeError naming the op', () => {
    expect(() => tg.scatter(x23(), 0, i32([[0]]), tg.ones([1, 1], { dtype: 'float64' }))).toThrow(/^scatter: expected src to have the same dtype as self \(float32\), got float64/);
    expect(() => tg.indexAdd(x23(), 0, i32([0]), tg.ones([1, 3], { dtype: 'int32' }))).toThrow(/^indexAdd: expected source to have the same dtype/);
    expect(() => tg.put(x23(), i32([0]), tg.ones([1], { dtype: 'float64' }))).toThrow(/^put: expected source to have the same dtype/);
  });
  it('gather with sparseGrad: true is a TypeError (no sparse tensors)', () => {
    expect(() => tg.gather(x23(), 1, i32([[0]]), { sparseGrad: true })).toThrow(/^gather: sparseGrad=true is not supported/);
  });
  it('scatter takes src or value, not both, and needs one', () => {
    expect(() => tg.scatter(x23(), 0, i32([[0]]), tg.ones([1, 1]), { value: 2 })).toThrow(/^scatter: takes src or value, not both/);
    expect(() => tg.scatter(x23(), 0, i32([[0]]))).toThrow(/^scatter: expected src to be a Tensor or value a number, got undefined/);
  });
  it('a bad reduce is a TypeError naming the op', () => {
    expect(() => tg.scatterReduce(x23(), 0, i32([[0]]), tg.ones([1, 1]), 'max' as never)).toThrow(/^scatterReduce: reduce argument must be either sum, prod, mean, amax or amin/);
    expect(() => tg.scatter(x23(), 0, i32([[0]]), tg.ones([1, 1]), 'sum' as never)).toThrow(/^scatter: reduce argument must be either add or multiply/);
  });
});

describe('indexing: shape mismatch', () => {
  it('gather/scatter: index larger than self outside dim, or than src, names the dim and the shapes', () => {
    expect(() => tg.gather(x23(), 1, i32([[0], [0], [0]]))).toThrow(/^gather: size does not match at dimension 0: expected index \[3, 1\] to be smaller than self \[2, 3\] apart from dimension 1$/);
    expect(() => tg.scatter(x23(), 0, i32([[0, 1]]), tg.ones([1, 1]))).toThrow(/^scatter: size does not match at dimension 1: expected index \[1, 2\] to be smaller than self \[2, 3\] apart from dimension 0 and to be smaller than src \[1, 1\]$/);
    expect(() => tg.scatterAdd(x23(), 0, i32([[0, 1, 0, 1]]), tg.ones([1, 4]))).toThrow(/^scatterAdd: size does not match at dimension 1/);
  });
  it('gather/scatter: index with another number of dims', () => {
    expect(() => tg.gather(x23(), 1, i32([0, 1]))).toThrow(/^gather: index \[2\] must have the same number of dimensions as self \[2, 3\]/);
    expect(() => tg.scatter(x23(), 1, i32([[0]]), tg.ones([1]))).toThrow(/^scatter: index \[1, 1\] must have the same number of dimensions as self \[2, 3\] and src \[1\]/);
    expect(() => tg.takeAlongDim(x23(), i32([0]), 1)).toThrow(/^takeAlongDim: input \[2, 3\] and indices \[1\] should have the same number of dimensions/);
  });
  it('a dim out of range names the op and the dim', () => {
    expect(() => tg.gather(x23(), 2, i32([[0]]))).toThrow(/^gather: dim 2 is out of range for a 2-d tensor/);
    expect(() => tg.indexSelect(x23(), -3, i32([0]))).toThrow(/^indexSelect: dim -3 is out of range/);
  });
  it('index* ops: a 2-d index, a source of the wrong shape', () => {
    expect(() => tg.indexSelect(x23(), 0, i32([[0]]))).toThrow(/^indexSelect: index must be a vector \(0-d or 1-d\), got shape \[1, 1\]/);
    expect(() => tg.indexAdd(x23(), 0, i32([0, 1]), tg.ones([1, 3]))).toThrow(/^indexAdd: source of shape \[1, 3\] does not match self \[2, 3\] with 2 indices at dimension 0 \(expected \[2, 3\]\)/);
    expect(() => tg.indexCopy(x23(), 1, i32([0]), tg.ones([2, 2]))).toThrow(/^indexCopy: source of shape \[2, 2\] does not match self \[2, 3\] with 1 indices at dimension 1/);
  });
  it('masked ops: a mask that does not broadcast, too few source elements, a value tensor with dims', () => {
    expect(() => tg.maskedFill(x23(), tg.tensor([true, false]), 0)).toThrow(/^maskedFill: shapes \[2, 3\] and \[2\] cannot be broadcast/);
    expect(() => tg.maskedScatter(x23(), mask3(), tg.ones([3]))).toThrow(/^maskedScatter: number of elements of source \(3, shape \[3\]\) < number of ones in mask \(4, shape \[3\]\)/);
    expect(() => tg.maskedFill(x23(), mask3(), tg.ones([1]))).toThrow(/^maskedFill: only supports a 0-dimensional value tensor, but got tensor with 1 dimension/);
    expect(() => x23().maskedFill_(tg.tensor([[[true]], [[false]]]), 0)).toThrow(/^maskedFill_: the result of shape \[2, 2, 3\] does not fit the tensor of shape \[2, 3\]/);
  });
  it('put: index and source of different numbers of elements', () => {
    expect(() => tg.put(x23(), i32([0, 1]), tg.ones([3]))).toThrow(/^put: expected source and index to have the same number of elements, but got source.numel\(\) = 3 \(shape \[3\]\), index.numel\(\) = 2/);
  });
});

describe('indexing: edge sizes and dtypes', () => {
  it('empty indices and empty tensors', () => {
    expect(tg.take(tg.zeros([0]), i32([])).shape).toEqual([0]);
    expect(tg.put(tg.tensor([1, 2]), i32([]), tg.zeros([0])).tolist()).toEqual([1, 2]);
    expect(tg.gather(tg.zeros([0, 3]), 0, i32([]).reshape([0, 3])).shape).toEqual([0, 3]);
    expect(tg.scatterAdd(tg.zeros([0, 3]), 1, i32([]).reshape([0, 2]), tg.zeros([0, 2])).shape).toEqual([0, 3]);
    expect(tg.indexSelect(tg.zeros([3, 0]), 0, i32([2, 2])).shape).toEqual([2, 0]);
    expect(tg.maskedSelect(tg.zeros([0]), tg.tensor([], { dtype: 'bool' })).shape).toEqual([0]);
  });
  it('bool tensors: put with accumulate is a logical or; gather and indexSelect copy', () => {
    const b = tg.tensor([false, true, false]);
    expect(tg.put(b, i32([0, 0, 1]), tg.tensor([false, true, false]), true).tolist()).toEqual([true, true, false]);
    expect(tg.gather(b, 0, i32([1, 1, 0])).tolist()).toEqual([true, true, false]);
    expect(tg.scatter(b, 0, i32([2]), tg.tensor([true])).tolist()).toEqual([false, true, true]);
  });
  it('int32 tensors: a fractional value or alpha is truncated, as PyTorch casts it to the dtype', () => {
    expect(tg.scatter(i32([1, 2, 3]), 0, i32([1]), 7.5).tolist()).toEqual([1, 7, 3]);
    expect(tg.indexFill(i32([[1, 2], [3, 4]]), 1, i32([0]), -5.5).tolist()).toEqual([[-5, 2], [-5, 4]]);
    expect(tg.maskedFill(i32([1, 2, 3]), tg.tensor([true, false, false]), 7.5).tolist()).toEqual([7, 2, 3]);
    expect(tg.indexAdd(i32([1, 2, 3]), 0, i32([1]), i32([3]), { alpha: 2.5 }).tolist()).toEqual([1, 8, 3]);
    expect(tg.indexAdd(i32([1, 2, 3]), 0, i32([1]), i32([3]), { alpha: -2.5 }).tolist()).toEqual([1, -4, 3]);
  });
});

describe('indexing: autograd behaviour', () => {
  it("scatter with reduce has PyTorch's NotImplemented node: backward throws", () => {
    const x = tg.tensor([1, 2, 3], { requiresGrad: true });
    const y = tg.scatter(x, 0, i32([0, 0]), tg.tensor([5, 6]), { reduce: 'add' });
    expect(y.gradFn?.name).toBe('NotImplemented');
    expect(y.tolist()).toEqual([12, 2, 3]);
    expect(() => y.sum().backward()).toThrow(/derivative for aten::scatter is not implemented/);
  });
  it('a leaf that requires grad refuses the in-place forms', () => {
    const x = tg.zeros([3], { requiresGrad: true });
    expect(() => x.indexFill_(0, i32([0]), 1)).toThrow(/^indexFill_: a leaf Variable that requires grad/);
    expect(() => x.scatterAdd_(0, i32([0]), tg.ones([1]))).toThrow(/^scatterAdd_: a leaf Variable/);
  });
  it('scatterReduce_ saves the original self: the grad is right after the write (prod)', () => {
    const a = tg.tensor([2, 3, 4], { dtype: 'float64', requiresGrad: true });
    const src = tg.tensor([5, 7], { dtype: 'float64', requiresGrad: true });
    const y = a.mul(1);
    y.scatterReduce_(0, i32([0, 0]), src, 'prod');
    expect(y.tolist()).toEqual([70, 3, 4]);
    y.sum().backward();
    expect(a.grad?.tolist()).toEqual([35, 1, 1]);
    expect(src.grad?.tolist()).toEqual([14, 10]);
  });
  it('an index changed in place after the forward fails backward (the node saved it)', () => {
    const x = tg.tensor([1, 2, 3], { requiresGrad: true });
    const idx = i32([0, 2]);
    const y = tg.gather(x, 0, idx);
    idx.fill_(1);
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
  });
});

// The native index kernels against a plain JS reference, at shapes around the thread split and with every
// dtype; the binding re-checks what the ops validated, so a direct bad call is an error, never a bad access.
describe(`native index kernels [${native.capability()}]`, () => {
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const strides = (s: number[]): number[] => s.map((_, i) => s.slice(i + 1).reduce((a, b) => a * b, 1));
  const coords = (p: number, s: number[]): number[] => s.map((_, i) => Math.floor(p / strides(s)[i]) % s[i]);
  const at = (c: number[], s: number[]): number => c.reduce((acc, v, i) => acc + v * strides(s)[i], 0);
  const shapes: [number[], number[], number][] = [
    [[7], [5], 0], [[3, 4], [2, 4], 0], [[3, 4], [3, 9], 1], [[2, 3, 5], [2, 2, 4], 1], [[4, 1, 3], [2, 1, 6], 2],
    [[200, 300], [150, 300], 0], [[5, 70000], [5, 40000], 1],
  ];
  for (const dtype of ['float32', 'float64', 'int32'] as const)
    for (const [self, ishape, dim] of shapes) {
      it(`gather / scatter / scatter-add ${dtype} self ${JSON.stringify(self)} index ${JSON.stringify(ishape)} dim ${dim}`, () => {
        const n = self.reduce((a, b) => a * b, 1), m = ishape.reduce((a, b) => a * b, 1);
        const x = tg.tensor(Array.from({ length: n }, () => rnd(1000) - 500), { dtype }).reshape(self);
        const idx = tg.tensor(Array.from({ length: m }, () => rnd(self[dim])), { dtype: 'int32' }).reshape(ishape);
        const src = tg.tensor(Array.from({ length: m }, () => rnd(100)), { dtype }).reshape(ishape);
        const xd = x.toTypedArray() as ArrayLike<number>, id = idx.toTypedArray() as Int32Array, sd = src.toTypedArray() as ArrayLike<number>;
        const target = (p: number): number => {
          const c = coords(p, ishape);
          c[dim] = id[p];
          return at(c, self);
        };
        const g = Array.from({ length: m }, (_, p) => xd[target(p)]);
        expect(Array.from(tg.gather(x, dim, idx).toTypedArray() as ArrayLike<number>)).toEqual(g);
        const set = Array.from(xd), add = Array.from(xd);
        for (let p = 0; p < m; p++) {
          set[target(p)] = sd[p];
          add[target(p)] += sd[p];
        }
        expect(Array.from(tg.scatter(x, dim, idx, src).toTypedArray() as ArrayLike<number>)).toEqual(set);
        expect(Array.from(tg.scatterAdd(x, dim, idx, src).toTypedArray() as ArrayLike<number>)).toEqual(add);
      });
    }
  it('indexSelect matches slicing, every dtype, inner sizes 1 and many', () => {
    for (const dtype of ['float32', 'float64', 'int32', 'bool'] as const)
      for (const [shape, dim] of [[[6, 5], 0], [[6, 5], 1], [[3, 4, 2], 1], [[40000, 2], 0]] as [number[], number][]) {
        const n = shape.reduce((a, b) => a * b, 1);
        const x = tg.tensor(Array.from({ length: n }, () => rnd(3)), { dtype }).reshape(shape);
        const picks = Array.from({ length: 7 }, () => rnd(shape[dim]));
        const want = tg.cat(picks.map((k) => x.narrow(dim, k, 1)), dim);
        expect(tg.indexSelect(x, dim, i32(picks)).tolist()).toEqual(want.tolist());
      }
  });
  it('results do not depend on the thread count', () => {
    const x = tg.randn([64, 20000]);
    const idx = tg.randint(0, 20000, [64, 20000], { dtype: 'int32' });
    const i1 = tg.randint(0, 64, [100], { dtype: 'int32' });
    const before = tg.getNumThreads();
    const run = (): number[][] => [tg.gather(x, 1, idx), tg.indexSelect(x, 0, i1)].map((t) => Array.from(t.toTypedArray() as Float32Array));
    tg.setNumThreads(1);
    const one = run();
    tg.setNumThreads(Math.max(2, before));
    const many = run();
    tg.setNumThreads(before);
    expect(many).toEqual(one);
  });
  it('the binding re-checks indices, shapes and dtypes (RangeError/TypeError, never a bad access)', () => {
    const self = new Float32Array(6), idx = new Int32Array([0, 3]);
    expect(() => native.indexGather(self, [2, 3], 1, idx, [1, 2], 'g')).toThrow(/^g: index 3 is out of bounds for dimension 1 with size 3$/);
    expect(() => native.indexGather(self, [2, 3], 1, new Int32Array([-1]), [1, 1], 'g')).toThrow(RangeError);
    expect(() => native.indexGather(self, [2, 3], 1, idx, [3, 2], 'g')).toThrow(/shape does not match storage length/);
    expect(() => native.indexGather(self, [2, 3], 0, new Int32Array(4), [1, 4], 'g')).toThrow(/index is larger than self or src at dim 1/);
    expect(() => native.indexGather(self, [2, 3], 0, new Float32Array(1) as unknown as Int32Array, [1, 1], 'g')).toThrow(/index must be int64 or int32, got float32/);
    expect(() => native.indexScatter(self, [2, 3], 0, new Int32Array([1, 1]), [1, 2], new Float32Array(1), [1, 1], 0, 1, 's')).toThrow(/index is larger than self or src/);
    expect(() => native.indexScatter(self, [2, 3], 0, new Int32Array([1]), [1, 1], new Float64Array(1), [1, 1], 0, 0, 's')).toThrow(/differ in dtype/);
    expect(() => native.indexSelect(self, [2, 3], 0, new Int32Array([2]), 'i')).toThrow(/^i: index 2 is out of bounds for dimension 0 with size 2$/);
    expect(Array.from(self)).toEqual([0, 0, 0, 0, 0, 0]);
    const out = native.indexGather(new Float64Array([1, 2, 3]) as Storage, [3], 0, new Int32Array([2, 0]), [2], 'g');
    expect(Array.from(out)).toEqual([3, 1]);
  });
  it('the index kernels read int64 indices too (Note [Index widths]); one past int32 is reported with its int64 value', () => {
    const self = new Float64Array([1, 2, 3]) as Storage;
    expect(Array.from(native.indexGather(self, [3], 0, new BigInt64Array([2n, 0n]), [2], 'g'))).toEqual([3, 1]);
    expect(Array.from(native.indexSelect(self, [3], 0, new BigInt64Array([1n, 1n]), 'i'))).toEqual([2, 2]);
    const dst = new Float64Array(3) as Storage;
    native.indexScatter(dst, [3], 0, new BigInt64Array([2n]), [1], null, null, 5, 0, 's');
    expect(Array.from(dst)).toEqual([0, 0, 5]);
    expect(() => native.indexGather(self, [3], 0, new BigInt64Array([0n, 2n ** 32n + 1n]), [2], 'g')).toThrow(/^g: index 4294967297 is out of bounds for dimension 0 with size 3$/);
    expect(() => native.indexSelect(self, [3], 0, new BigInt64Array([-(2n ** 40n)]), 'i')).toThrow(/^i: index -1099511627776 is out of bounds/);
  });
});

describe('indexPut_ with basic entries names itself in errors (found by the argument fuzzer, seed 42)', () => {
  it('too many indices for a 0-d tensor is an indexPut_ RangeError, as for a slice or a tensor value', () => {
    expect(() => tg.zeros([]).indexPut_([0], 1)).toThrow(RangeError);
    expect(() => tg.zeros([]).indexPut_([0], 1)).toThrow(/^indexPut_: too many indices for tensor of dimension 0/);
    expect(() => tg.zeros([2]).indexPut_([0, 1], tg.tensor(1))).toThrow(/^indexPut_: too many indices for tensor of dimension 1/);
  });
});
