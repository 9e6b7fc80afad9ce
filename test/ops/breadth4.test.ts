// issue 15's fourth batch (div's roundingMode, floorDivide, ...): PyTorch 1.13 parity from
// test/fixtures/breadth4.json (gen_breadth4.py), float64 gradcheck/gradgradcheck per derivative row, and the
// behaviour a fixture cannot carry (NotImplemented nodes, error messages).
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('breadth4');

describe('floorDivide', () => {
  it("records PyTorch 1.13's NotImplemented node, whose backward throws PyTorch's message", () => {
    const x = tg.tensor([-7.5, 7], { requiresGrad: true });
    const y = tg.floorDivide(x, 2);
    expect(y.gradFn?.name).toBe('NotImplemented');
    expect(() => y.sum().backward()).toThrow(/derivative for aten::floor_divide is not implemented/);
  });
  it('names itself, the shapes and ZeroDivisionError for an integer zero divisor', () => {
    const a = tg.tensor([[1, 2]], { dtype: 'int64' });
    expect(() => tg.floorDivide(a, tg.tensor([1, 0], { dtype: 'int64' }))).toThrow(/^floorDivide: ZeroDivisionError.*\[1, 2\]/);
    expect(() => a.div(0, { roundingMode: 'trunc' })).toThrow(/^div: ZeroDivisionError/);
    expect(() => tg.divide(a, 0, 'floor')).toThrow(/^divide: ZeroDivisionError/);
  });
  it('int32 INT_MIN / -1 wraps (PyTorch crashes with SIGFPE there) and int64 past 2^53 stays exact', () => {
    expect(tg.div(tg.tensor([-2147483648, 7], { dtype: 'int32' }), -1, 'floor').tolist()).toEqual([-2147483648, -7]);
    const big = tg.tensor([2n ** 62n + 1n, -(2n ** 62n) - 1n], { dtype: 'int64' });
    expect(Array.from(tg.floorDivide(big, 2).toBigInt64Array())).toEqual([2n ** 61n, -(2n ** 61n) - 1n]);
  });
});

describe('div roundingMode', () => {
  it('rejects an unknown mode naming div and the value', () => {
    expect(() => tg.div(tg.tensor([1]), 2, 'round' as never)).toThrow(/^div: expected roundingMode to be one of null, 'trunc', or 'floor' but found 'round'/);
  });
  it('keeps the int dtype with a mode, gives float without one (PyTorch dtype rules)', () => {
    const a = tg.tensor([7, -7], { dtype: 'int32' });
    expect(tg.div(a, 2).dtype).toBe('float32');
    expect(tg.div(a, 2, 'trunc').dtype).toBe('int32');
    expect(tg.div(a, tg.tensor([2, 2], { dtype: 'int64' }), 'floor').dtype).toBe('int64');
    expect(tg.div(a, 2.5, 'floor').dtype).toBe('float32');
  });
});

describe('order statistics and histograms', () => {
  it('nanmedian along an empty dim names itself (PyTorch: IndexError)', () => {
    expect(() => tg.nanmedian(tg.zeros([0, 3]), 0)).toThrow(/^nanmedian: Expected reduction dim 0 to have non-zero size/);
    expect(tg.nanmedian(tg.zeros([2, 0]), 0).values.shape).toEqual([0]);
  });
  it('quantile names itself for a bad q, dtype or interpolation', () => {
    expect(() => tg.quantile(tg.tensor([1, 2]), 1.5)).toThrow(/^quantile: q must be in the range \[0, 1\] but got 1.5/);
    expect(() => tg.nanquantile(tg.tensor([1, 2], { dtype: 'int64' }), 0.5)).toThrow(/^nanquantile: input tensor must be either float or double/);
    expect(() => tg.quantile(tg.tensor([1, 2]), 0.5, { interpolation: 'cubic' as never })).toThrow(/^quantile: interpolation must be one of/);
  });
  it('histogram returns PyTorch\'s named pair; bincount with weights that need grad records NotImplemented', () => {
    const h = tg.histogram(tg.tensor([1, 2, 3]), 2);
    expect(h.length).toBe(2);
    expect(h[0]).toBe(h.hist);
    expect(h[1]).toBe(h.binEdges);
    const w = tg.tensor([1, 2], { requiresGrad: true });
    expect(tg.bincount(tg.tensor([0, 2], { dtype: 'int64' }), w).gradFn?.name).toBe('NotImplemented');
  });
  it('bins past the largest typed array are a RangeError naming the op', () => {
    expect(() => tg.bincount(tg.tensor([2 ** 40], { dtype: 'int64' }))).toThrow(/^bincount: cannot allocate/);
    expect(() => tg.histc(tg.tensor([1]), 2 ** 40)).toThrow(/^histc: cannot allocate/);
  });
});

describe('errors of the same class found on the way', () => {
  it('copysign names itself for shapes that do not broadcast (was where\'s error)', () => {
    expect(() => tg.copysign(tg.ones([3, 3, 2]), tg.ones([2, 1, 2]))).toThrow(/^copysign: shapes \[3, 3, 2\] and \[2, 1, 2\] cannot be broadcast/);
  });
  it('logaddexp names itself for shapes that do not broadcast (was maximum\'s error)', () => {
    expect(() => tg.logaddexp(tg.ones([2, 3]), tg.ones([2, 2]))).toThrow(/^logaddexp: shapes \[2, 3\] and \[2, 2\] cannot be broadcast/);
  });
  it('isNonzero of a disposed tensor names isNonzero (was item\'s error)', () => {
    const t = tg.tensor([1]);
    t.dispose();
    expect(() => t.isNonzero()).toThrow(/^isNonzero: /);
  });
});
