// search ops (lib/ops/search.ts): PyTorch 1.13 parity from test/fixtures/ops.json (values, dtype, shape), the
// return conventions (a Tensor, or an array of them), what PyTorch leaves unspecified, and bad input.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('search');

const i32 = (v: number[]): Tensor => tg.tensor(v, { dtype: 'int32' });
const list = (r: Tensor | Tensor[]): unknown => (Array.isArray(r) ? r.map((t) => t.tolist()) : r.tolist());

describe('search: results', () => {
  it('unique returns a Tensor without extra outputs, else [values, inverse?, counts?]', () => {
    const x = tg.tensor([3, 1, 3]);
    expect(tg.unique(x)).toBeInstanceOf(Tensor);
    expect(list(tg.unique(x, { returnCounts: true }))).toEqual([[1, 3], [1, 2]]);
    expect(list(tg.unique(x, { returnInverse: true }))).toEqual([[1, 3], [1, 0, 1]]);
    expect(list(tg.unique(x, true, true, true))).toEqual([[1, 3], [1, 0, 1], [1, 2]]);
  });
  it('unique(sorted: false) gives the sorted order too (PyTorch 1.13 leaves it unspecified)', () => {
    expect(list(tg.unique(i32([5, 3, 5, 1, 3, 9, 0, 2]), { sorted: false }))).toEqual([0, 1, 2, 3, 5, 9]);
  });
  it('unique keeps each NaN as its own value, after the numbers (NaN != NaN)', () => {
    const [u, inv, cnt] = tg.unique(tg.tensor([NaN, 2, NaN, 1, 2]), { returnInverse: true, returnCounts: true }) as Tensor[];
    expect(Array.from(u.toTypedArray())).toEqual([1, 2, NaN, NaN]);
    expect(inv.tolist()).toEqual([2, 1, 3, 0, 1]);
    expect(cnt.tolist()).toEqual([1, 2, 1, 1]);
  });
  it('unique values of a tensor that requires grad require grad too, as PyTorch\'s (its node throws in backward); inverse and counts do not', () => {
    const x = tg.tensor([1, 2, 1], { requiresGrad: true });
    expect((tg.unique(x) as Tensor).requiresGrad).toBe(true);
    const [, inv, counts] = tg.unique(x, { returnInverse: true, returnCounts: true }) as Tensor[];
    expect([inv!.requiresGrad, counts!.requiresGrad]).toEqual([false, false]);
    expect((tg.unique(x.detach()) as Tensor).requiresGrad).toBe(false);
  });
  it('nonzero(asTuple) and where(condition) agree, int64 indices', () => {
    const c = tg.tensor([[0, 1, 1], [1, 0, 0]]).gt(0);
    const a: Tensor[] = tg.nonzero(c, { asTuple: true });
    const n: Tensor = tg.nonzero(c);
    expect(n.tolist()).toEqual([[0, 1], [0, 2], [1, 0]]);
    const b = tg.where(c);
    expect(list(a)).toEqual(list(b));
    expect(b.map((t) => t.dtype)).toEqual(['int64', 'int64']);
    expect(c.nonzero({ asTuple: true }).map((t) => t.tolist())).toEqual([[0, 0, 1], [1, 2, 0]]);
  });
  it('the three-argument where is unchanged', () => {
    const c = tg.tensor([true, false]);
    expect(tg.where(c, tg.tensor([1, 2]), 0).tolist()).toEqual([1, 0]);
    expect(tg.where({ condition: c, input: tg.tensor([1, 2]), other: tg.tensor([7, 8]) } as never).tolist()).toEqual([1, 8]);
  });
  it('searchsorted of a number gives a 0-d int64 tensor (int32 with outInt32)', () => {
    const r = tg.searchsorted(tg.tensor([1, 2, 3]), 2.5);
    expect([r.shape, r.dtype, r.item()]).toEqual([[], 'int64', 2]);
    expect(tg.searchsorted(tg.tensor([1, 2, 3]), 2.5, { outInt32: true }).dtype).toBe('int32');
    expect(tg.bucketize(2, tg.tensor([1, 2, 3]), { right: true }).item()).toBe(2);
  });
});

describe('search: bad input', () => {
  const s = (): Tensor => tg.tensor([1, 2, 3]);
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['searchsorted leading dims', () => tg.searchsorted(tg.zeros([2, 3]), tg.zeros([3, 3])), RangeError, /^searchsorted: boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor \[2, 3\] and input value tensor \[3, 3\]/],
    ['searchsorted 0-d sequence', () => tg.searchsorted(tg.tensor(1), s()), RangeError, /^searchsorted: boundaries tensor should have positive dimension, but got 0 dimension/],
    ['searchsorted side', () => tg.searchsorted(s(), s(), { side: 'up' as never }), RangeError, /^searchsorted: side can only be 'left' or 'right' but got up/],
    ['searchsorted side vs right', () => tg.searchsorted(s(), s(), { side: 'left', right: true }), RangeError, /^searchsorted: side and right can't be set to opposites/],
    ['searchsorted float sorter', () => tg.searchsorted(s(), s(), { sorter: tg.tensor([0, 1, 2]) }), TypeError, /^searchsorted: sorter must be an int64 or int32 tensor, but got dtype float32/],
    ['searchsorted sorter shape', () => tg.searchsorted(s(), s(), { sorter: i32([0, 1]) }), RangeError, /^searchsorted: boundary and sorter must have the same size, but got boundary tensor \[3\] and sorter tensor \[2\]/],
    ['searchsorted sorter out of range', () => tg.searchsorted(s(), s(), { sorter: i32([0, 1, 5]) }), RangeError, /^searchsorted: sorter index 5 is out of bounds for a sequence of size 3/],
    ['searchsorted negative sorter', () => tg.searchsorted(s(), s(), { sorter: i32([0, -1, 2]) }), RangeError, /^searchsorted: sorter index -1 is out of bounds/],
    ['searchsorted bool', () => tg.searchsorted(tg.tensor([false, true]), s()), TypeError, /^searchsorted: sortedSequence must be a numeric tensor, got dtype bool/],
    ['searchsorted right not boolean', () => tg.searchsorted(s(), s(), { right: 1 as never }), TypeError, /^searchsorted: right must be a boolean, got number 1/],
    ['searchsorted values', () => tg.searchsorted(s(), 'a' as never), TypeError, /^searchsorted: expected a Tensor for values, got string/],
    ['bucketize 2-d boundaries', () => tg.bucketize(s(), tg.zeros([2, 2])), RangeError, /^bucketize: boundaries tensor must be 1 dimension, but got dim\(2\) \(shape \[2, 2\]\)/],
    ['unique dim out of range', () => tg.unique(tg.zeros([2, 3]), { dim: 2 }), RangeError, /^unique: dim 2 is out of range for a 2-d tensor/],
    ['unique dim of 0-d', () => tg.unique(tg.tensor(1), { dim: 0 }), RangeError, /^unique: dim 0 is out of range: the input has no dimensions/],
    ['unique unselected zero-size dim', () => tg.unique(tg.zeros([2, 0]), { dim: 0 }), RangeError, /^unique: There are 0 sized dimensions, and they aren't selected, so unique cannot be applied \(input of shape \[2, 0\], dim 0\)/],
    ['unique flag not boolean', () => tg.unique(s(), { returnCounts: 'yes' as never }), TypeError, /^unique: returnCounts must be a boolean, got string/],
    ['nonzero non-tensor', () => tg.nonzero([1, 0] as never), TypeError, /^nonzero: expected a Tensor, got array/],
    ['nonzero asTuple', () => tg.nonzero(s(), 1 as never), TypeError, /^nonzero: asTuple must be a boolean, got number 1/],
    ['where condition and input only', () => tg.where(tg.tensor([true]), tg.tensor([1]), undefined as never), TypeError, /^where: expected the condition alone or the condition, input and other/],
    ['where condition not a tensor', () => tg.where([true] as never), TypeError, /^where: condition must be a Tensor, got array/],
  ];
  for (const [what, fn, kind, re] of cases)
    it(what, () => {
      expect(fn).toThrow(kind);
      expect(fn).toThrow(re);
    });
});
