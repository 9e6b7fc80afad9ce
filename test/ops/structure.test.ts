// structure ops (lib/ops/structure.ts): PyTorch 1.13 parity from test/fixtures/ops.json (values, dtype, shape,
// gradFn name, grads) plus float64 gradcheck and gradgradcheck for their derivative-table rows; then the
// in-place forms and bad input (a TypeError/RangeError naming the op and the shapes or values).
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('structure');

const x23 = (): Tensor => tg.tensor([[1, 2, 3], [4, 5, 6]]);
const i32 = (v: number[]): Tensor => tg.tensor(v, { dtype: 'int32' });

describe('structure: in-place tril_/triu_', () => {
  it('writes into the tensor and returns it', () => {
    const x = x23();
    expect(x.tril_()).toBe(x);
    expect(x.tolist()).toEqual([[1, 0, 0], [4, 5, 0]]);
    const y = x23();
    y.triu_(1);
    expect(y.tolist()).toEqual([[0, 2, 3], [0, 0, 6]]);
  });
  it('refuses a leaf that requires grad, as PyTorch', () => {
    const x = x23().requiresGrad_();
    expect(() => x.tril_()).toThrow(/^tril_: a leaf Variable that requires grad/);
    expect(() => x.triu_()).toThrow(/^triu_: a leaf Variable that requires grad/);
  });
  it('bumps the version, so a node that saved the old values fails at backward', () => {
    const a = tg.tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const b = a.mul(1);
    const c = b.mul(b); // saves b
    b.tril_();
    expect(() => c.sum().backward()).toThrow(/modified by an inplace operation/);
  });
});

describe('structure: bad input', () => {
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['tril 1-d', () => tg.tril(tg.tensor([1, 2, 3])), RangeError, /^tril: input tensor must have at least 2 dimensions, got shape \[3\]/],
    ['triu non-integer diagonal', () => tg.triu(x23(), 1.5), TypeError, /^triu: diagonal must be an integer, got number 1.5/],
    ['tril non-tensor', () => tg.tril([[1]] as never), TypeError, /^tril: expected a Tensor, got array/],
    ['diag 3-d', () => tg.diag(tg.zeros([2, 2, 2])), RangeError, /^diag: matrix or a vector expected, got a 3-d tensor of shape \[2, 2, 2\]/],
    ['diag 0-d', () => tg.diag(tg.tensor(1)), RangeError, /^diag: matrix or a vector expected, got a 0-d tensor of shape \[\]/],
    ['diagEmbed same dims', () => tg.diagEmbed(x23(), 0, 0, -3), RangeError, /^diagEmbed: diagonal dimensions cannot be identical 0, -3/],
    ['diagEmbed dim out of range', () => tg.diagEmbed(x23(), 0, 3), RangeError, /^diagEmbed: dim 3 is out of range for a 3-d tensor/],
    ['diagEmbed 0-d', () => tg.diagEmbed(tg.tensor(1)), RangeError, /^diagEmbed: expected a tensor with at least 1 dimension, got shape \[\]/],
    ['flip repeated dim', () => tg.flip(x23(), [0, -2]), RangeError, /^flip: dim 0 appears multiple times in the list of dims \[0, -2\]/],
    ['flip dim out of range', () => tg.flip(x23(), [2]), RangeError, /^flip: dim 2 is out of range for a 2-d tensor/],
    ['flip dims not integers', () => tg.flip(x23(), 'a' as never), TypeError, /^flip: dims must be an integer or an array of integers, got string/],
    ['fliplr 1-d', () => tg.fliplr(tg.tensor([1, 2, 3])), RangeError, /^fliplr: Input must be >= 2-d, got shape \[3\]/],
    ['flipud 0-d', () => tg.flipud(tg.tensor(1)), RangeError, /^flipud: Input must be >= 1-d, got shape \[\]/],
    ['roll shifts/dims', () => tg.roll(x23(), [1, 2], [0]), RangeError, /^roll: shifts and dimensions must align. shifts: 2, dims:1/],
    ['roll two shifts, no dims', () => tg.roll(x23(), [1, 2]), RangeError, /^roll: shifts and dimensions must align. shifts: 2, dims:0/],
    ['roll dim out of range', () => tg.roll(x23(), 1, 5), RangeError, /^roll: dim 5 is out of range for a 2-d tensor/],
    ['roll fractional shift', () => tg.roll(x23(), 1.5), TypeError, /^roll: shifts must be an integer/],
    ['repeat too few', () => x23().repeat(2), RangeError, /^repeat: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor \(repeats \[2\] for a tensor of shape \[2, 3\]\)/],
    ['repeat negative', () => x23().repeat(-1, 2), RangeError, /^repeat: repeats can not be negative, got \[-1, 2\]/],
    ['tile too large', () => tg.tile(tg.ones([2]), [2 ** 53]), RangeError, /^tile: shape \[18014398509481984\] has 18014398509481984 elements, more than can be allocated/],
    ['tile negative', () => tg.tile(x23(), [-1]), RangeError, /^tile: dims can not be negative, got \[-1\]/],
    ['repeatInterleave repeats size', () => x23().repeatInterleave(i32([1, 2]), 1), RangeError, /^repeatInterleave: repeats must have the same size as input along dim: got 2 repeats for size 3 at dim 1 of shape \[2, 3\]/],
    ['repeatInterleave negative', () => x23().repeatInterleave(-1), RangeError, /^repeatInterleave: repeats can not be negative, got -1/],
    ['repeatInterleave negative in tensor', () => x23().repeatInterleave(i32([1, -2, 1]), 1), RangeError, /^repeatInterleave: repeats can not be negative, got -2/],
    ['repeatInterleave float repeats', () => x23().repeatInterleave(tg.tensor([1, 2]), 0), TypeError, /^repeatInterleave: repeats must be an int64 or int32 tensor, got dtype float32/],
    ['repeatInterleave 2-d repeats', () => x23().repeatInterleave(tg.tensor([[1, 2]], { dtype: 'int32' }), 0), RangeError, /^repeatInterleave: repeat_interleave only accept 1D vector as repeat, got shape \[1, 2\]/],
    ['repeatInterleave counts float', () => tg.repeatInterleave(tg.tensor([1, 2])), TypeError, /^repeatInterleave: repeats must be an int64 or int32 tensor, got dtype float32/],
    ['repeatInterleave outputSize', () => x23().repeatInterleave(2, 0, 5), RangeError, /^repeatInterleave: allocated size does not match required size: outputSize is 5 but the repeats sum to 4/],
    ['repeatInterleave dim', () => x23().repeatInterleave(2, 2), RangeError, /^repeatInterleave: dim 2 is out of range for a 2-d tensor/],
    ['repeatInterleave fractional', () => x23().repeatInterleave(1.5), TypeError, /^repeatInterleave: repeats must be an integer, got number 1.5/],
    ['meshgrid empty', () => tg.meshgrid([]), TypeError, /^meshgrid: expects a non-empty array of Tensors/],
    ['meshgrid 2-d', () => tg.meshgrid([tg.tensor([1]), x23()]), RangeError, /^meshgrid: Expected 0D or 1D tensor in the tensor list but got a tensor of shape \[2, 3\] at position 1/],
    ['meshgrid dtypes', () => tg.meshgrid([tg.tensor([1]), tg.tensor([1], { dtype: 'float64' })]), TypeError, /^meshgrid: expects all tensors to have the same dtype, got float32 and float64 \(position 1\)/],
    ['meshgrid indexing', () => tg.meshgrid([tg.tensor([1])], { indexing: 'foo' as never }), RangeError, /^meshgrid: indexing must be one of "xy" or "ij", but received: foo/],
    ['meshgrid non-tensor', () => tg.meshgrid([tg.tensor([1]), 3 as never]), TypeError, /^meshgrid: expected a Tensor for tensors\[1\], got number 3/],
  ];
  for (const [what, fn, kind, re] of cases)
    it(what, () => {
      expect(fn).toThrow(kind);
      expect(fn).toThrow(re);
    });
});
