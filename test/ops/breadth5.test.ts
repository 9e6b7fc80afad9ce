// issue 15's fifth batch (cov/corrcoef, the in-place view ops, int64 gaps, trapezoid, vander, indexReduce,
// apply_/map_): PyTorch 1.13 parity from test/fixtures/breadth5.json (gen_breadth5.py), float64 gradcheck per
// derivative row, and the behaviour a fixture cannot carry (autograd of in-place view ops, errors, samplers).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('breadth5');

const i64 = (v: (number | bigint)[] | (number | bigint)[][]): Tensor => tg.tensor(v as never, { dtype: 'int64' });
const f64 = { dtype: 'float64' } as const;

type BigJson = { shape: number[]; data: string[] };
type BigCase = { id: string; input: BigJson; outs: (BigJson & { dtype: string })[] };
const BIG: BigCase[] = JSON.parse(readFileSync(new URL('../fixtures/breadth5.json', import.meta.url), 'utf8')).int64_big;

describe('int64 past 2^53: exact order (PyTorch fixtures as decimal strings)', () => {
  const run: Record<string, (t: Tensor) => Tensor | Tensor[]> = {
    'sort/dim1': (t) => { const r = tg.sort(t, { dim: 1, stable: true }); return [r.values, r.indices]; },
    'sort/descending_dim0': (t) => { const r = tg.sort(t, { dim: 0, descending: true, stable: true }); return [r.values, r.indices]; },
    'argsort/dim1': (t) => tg.argsort(t, { dim: 1, stable: true }),
    'topk/k3': (t) => { const r = tg.topk(t, 3); return [r.values, r.indices]; },
    'topk/smallest': (t) => { const r = tg.topk(t, 2, { largest: false }); return [r.values, r.indices]; },
    'kthvalue/k2': (t) => { const r = tg.kthvalue(t, 2); return [r.values, r.indices]; },
    'median/all': (t) => tg.median(t),
    'median/dim1': (t) => { const r = tg.median(t, 1); return [r.values, r.indices]; },
    msort: (t) => tg.msort(t),
    'unique/sorted_inverse_counts': (t) => tg.unique(t, { returnInverse: true, returnCounts: true }) as Tensor[],
    'searchsorted/row': (t) => tg.searchsorted(tg.sort(t.select(0, 0)).values, t.select(0, 1)),
    'mode/dim1': (t) => { const r = tg.mode(t, 1); return [r.values, r.indices]; },
  };
  for (const c of BIG)
    it(c.id, () => {
      const x = tg.tensor(c.input.data.map(BigInt), { dtype: 'int64' }).reshape(c.input.shape);
      const r = run[c.id](x);
      const outs = Array.isArray(r) ? r : [r];
      expect(outs.length).toBe(c.outs.length);
      outs.forEach((o, k) => {
        expect(o.dtype).toBe(c.outs[k].dtype);
        expect(o.shape).toEqual(c.outs[k].shape);
        expect(Array.from(o.toBigInt64Array(), String)).toEqual(c.outs[k].data);
      });
    });
  it('every fixture case ran', () => expect(BIG.map((c) => c.id).sort()).toEqual(Object.keys(run).sort()));
});

describe('in-place view ops', () => {
  it('change the tensor itself (same object, same storage), bump its version, and a view keeps its base', () => {
    const x = tg.arange(6, { dtype: 'float32' }).reshape([2, 1, 3]);
    const v0 = x._version;
    expect(x.squeeze_()).toBe(x);
    expect(x.shape).toEqual([2, 3]);
    expect(x._version).toBe(v0 + 1);
    x.t_();
    expect([x.shape, x.stride(), x.isContiguous()]).toEqual([[3, 2], [1, 3], false]);
    x.unsqueeze_(0).transpose_(0, 2);
    expect(x.shape).toEqual([2, 3, 1]);
    expect(x.tolist()).toEqual([[[0], [1], [2]], [[3], [4], [5]]]);
  });
  it('refuse a leaf that requires grad and views of it, with PyTorch\'s message', () => {
    const l = tg.ones([2, 3], { requiresGrad: true });
    expect(() => l.t_()).toThrow(/^t_: a view of a leaf Variable that requires grad is being used in an in-place operation\./);
    expect(() => l.narrow(0, 0, 1).unsqueeze_(0)).toThrow(/^unsqueeze_: a view of a leaf Variable/);
    tg.noGrad(() => l.unsqueeze_(0));
    expect([l.shape, l.gradFn, l.requiresGrad]).toEqual([[1, 2, 3], null, true]);
  });
  it('refuse a view made in noGrad mode of a tensor that requires grad', () => {
    const y = tg.ones([2, 3], { requiresGrad: true }).mul(2);
    const v = tg.noGrad(() => y.narrow(0, 0, 1));
    expect(() => v.squeeze_()).toThrow(/^squeeze_: A view was created in no_grad mode/);
  });
  it('chain their nodes (UnsqueezeBackward1 after TBackward1) and backward reaches the input (PyTorch: x.grad [[0,4,8],[2,6,10]])', () => {
    const x = tg.ones([2, 3], { ...f64, requiresGrad: true });
    const y = x.mul(2);
    y.t_();
    y.unsqueeze_(0);
    expect(y.gradFn?.name).toBe('UnsqueezeBackward1');
    expect(y.gradFn?.nextFunctions[0][0]?.name).toBe('TBackward1');
    y.mul(tg.arange(6, f64).reshape([1, 3, 2])).sum().backward();
    expect(x.grad?.tolist()).toEqual([[0, 4, 8], [2, 6, 10]]);
  });
  it('on a view: the view keeps its base and its replay gains the op, so an in-place write reaches the base (PyTorch: CopySlices, x.grad [[0,4,8],[2,6,10]])', () => {
    const x = tg.ones([2, 3], { requiresGrad: true });
    const y = x.mul(2);
    const v = y.narrow(0, 0, 2);
    v.t_();
    expect(v.gradFn?.name).toBe('TBackward1');
    expect(v.isView()).toBe(true);
    v.mul_(tg.arange(6).reshape([3, 2]));
    expect(y.gradFn?.name).toBe('CopySlices');
    y.sum().backward();
    expect(x.grad?.tolist()).toEqual([[0, 4, 8], [2, 6, 10]]);
  });
  it('a view made before its base\'s in-place view op keeps its elements (Note [In-place view ops on a base]; PyTorch: [[6,6,6],[0,0,0]])', () => {
    const x = tg.ones([2, 3], { requiresGrad: true });
    const y = x.mul(2);
    const v = y.select(0, 0);
    y.t_();
    v.mul(3).sum().backward();
    expect(x.grad?.tolist()).toEqual([[6, 6, 6], [0, 0, 0]]);
    // and an in-place write through such a view after the base changed geometry lands in the right elements
    const a = tg.ones([2, 3], { requiresGrad: true });
    const b = a.mul(1);
    const w = b.select(0, 1);
    b.t_();
    w.mul_(tg.tensor([1, 2, 3]));
    b.sum().backward();
    expect(a.grad?.tolist()).toEqual([[1, 1, 1], [1, 2, 3]]);
  });
  it('bump the version: a node that saved the tensor fails at backward, as PyTorch', () => {
    const x = tg.ones([2, 3], { requiresGrad: true });
    const y = x.exp();
    y.unsqueeze_(0);
    expect(() => y.sum().backward()).toThrow(/one of the variables needed for gradient computation has been modified by an inplace operation/);
  });
  it('name themselves for a bad dim or geometry', () => {
    expect(() => tg.zeros([2, 1]).squeeze_(3)).toThrow(/^squeeze_: /);
    expect(() => tg.zeros([2, 1]).unsqueeze_(4)).toThrow(/^unsqueeze_: /);
    expect(() => tg.zeros([2, 1]).transpose_(0, 5)).toThrow(/^transpose_: /);
    expect(() => tg.zeros([2, 1]).swapdims_(0, 5)).toThrow(/^swapdims_: /);
    expect(() => tg.zeros([2, 1, 2]).t_()).toThrow(/^t_: t_\(\) expects a tensor with <= 2 dimensions, but self is 3D/);
    expect(() => tg.zeros([4]).asStrided_([3, 3], [3, 1])).toThrow(/^asStrided_: setStorage: sizes \[3, 3\]/);
    const z = tg.zeros([2, 1]);
    expect(() => z.squeeze_(3)).toThrow();
    expect(z.shape).toEqual([2, 1]); // a refused op leaves the tensor as it was
  });
});

describe('resize_ / resizeAs_', () => {
  it('grows the storage, which every view of it sees (PyTorch: the view reads the new values)', () => {
    const x = tg.arange(4, { dtype: 'float32' });
    const v = x.narrow(0, 0, 2);
    const v0 = x._version;
    x.resize_(8);
    expect(x.shape).toEqual([8]);
    expect(x.narrow(0, 0, 4).tolist()).toEqual([0, 1, 2, 3]);
    x.fill_(5);
    expect(v.tolist()).toEqual([5, 5]);
    expect(x._version).toBe(v0 + 1); // the fill_'s bump: resize_ itself leaves the version alone, as PyTorch
  });
  it('makes a non-contiguous tensor contiguous over its storage (PyTorch: strides (3, 1), storage order)', () => {
    const x = tg.arange(6, { dtype: 'float32' }).reshape([2, 3]).t();
    x.resize_([2, 3]);
    expect([x.stride(), x.tolist()]).toEqual([[3, 1], [[0, 1, 2], [3, 4, 5]]]);
  });
  it('as torch functions: tg.resizeAs_ and tg.asStrided_ change their input', () => {
    const x = tg.arange(6, { dtype: 'float32' });
    expect(tg.asStrided_(x, [3], [2], 0)).toBe(x);
    expect(x.tolist()).toEqual([0, 2, 4]);
    const y = tg.tensor([1, 2, 3, 4]);
    expect(tg.resizeAs_(y, tg.zeros([2, 2], { dtype: 'int64' }))).toBe(y);
    expect([y.shape, y.dtype, y.tolist()]).toEqual([[2, 2], 'float32', [[1, 2], [3, 4]]]);
  });
  it('refuses a tensor that requires grad, in grad mode or not', () => {
    const x = tg.ones([2], { requiresGrad: true });
    expect(() => x.resize_(4)).toThrow(/^resize_: cannot resize variables that require grad/);
    expect(() => tg.noGrad(() => x.resizeAs_(tg.zeros(4)))).toThrow(/^resizeAs_: cannot resize variables that require grad/);
    expect(() => tg.zeros([2]).resize_(-1, 2)).toThrow(/^resize_: Trying to create tensor with negative dimension/);
  });
});

describe('int64 gaps', () => {
  it('indexPut_ accumulates a number into int64 exactly past 2^53', () => {
    const x = i64([2n ** 60n, 1n]);
    x.indexPut_([i64([0, 0])], 3, true);
    expect(Array.from(x.toBigInt64Array())).toEqual([2n ** 60n + 6n, 1n]);
    expect(() => i64([1]).indexPut_([i64([0])], NaN, true)).toThrow(/^indexPut: value NaN cannot be converted to int64/);
  });
  it('scatterReduce and indexAdd on int64 are exact past 2^53 and wrap as int64', () => {
    const x = i64([2n ** 62n, 0n]);
    expect(Array.from(x.scatterReduce(0, i64([0, 1]), i64([2n ** 62n, 2n ** 53n + 1n]), 'sum').toBigInt64Array())).toEqual([-(2n ** 63n), 2n ** 53n + 1n]);
    expect(Array.from(x.indexAdd(0, i64([1]), i64([2n ** 53n + 1n]), { alpha: 2 }).toBigInt64Array())).toEqual([2n ** 62n, 2n ** 54n + 2n]);
    expect(() => i64([1]).scatter(0, i64([0]), Infinity)).toThrow(/^scatter: value Infinity cannot be converted to int64/);
  });
  it('logcumsumexp refuses integer tensors with PyTorch\'s message', () => {
    expect(() => tg.logcumsumexp(i64([1, 2]), 0)).toThrow(/^logcumsumexp: "logcumsumexp_out_cpu" not implemented for 'Long'/);
    expect(() => tg.logcumsumexp(tg.tensor([1, 2], { dtype: 'int32' }), 0)).toThrow(/^logcumsumexp: "logcumsumexp_out_cpu" not implemented for 'Int'/);
  });
  it('random_, bernoulli_ and geometric_ fill int64 tensors (PyTorch allows them); random_() spans [0, 2^63 - 1]', () => {
    const g = new tg.Generator(7);
    const x = tg.zeros([4000], { dtype: 'int64' });
    x.random_({ generator: g });
    const vals = Array.from(x.toBigInt64Array());
    expect(vals.every((b) => b >= 0n)).toBe(true);
    expect(vals.some((b) => b > 2n ** 62n)).toBe(true); // past any float64-exact range
    expect(new Set(vals).size).toBe(4000);
    const r = tg.zeros([1000], { dtype: 'int64' }).random_(-3, 4, { generator: g });
    expect(new Set(r.tolist() as number[])).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
    const b = tg.zeros([200], { dtype: 'int64' }).bernoulli_(0.5, { generator: g });
    expect(new Set(b.tolist() as number[])).toEqual(new Set([0, 1]));
    const geo = tg.zeros([200], { dtype: 'int64' }).geometric_(0.5, { generator: g });
    expect(Math.min(...(geo.tolist() as number[]))).toBe(1);
    // through a non-contiguous view
    const m = tg.zeros([3, 4], { dtype: 'int64' });
    m.t().random_(5, 6, { generator: g });
    expect(m.tolist()).toEqual([[5, 5, 5, 5], [5, 5, 5, 5], [5, 5, 5, 5]]);
  });
  it('the float samplers refuse int64, as PyTorch', () => {
    const x = tg.zeros([2], { dtype: 'int64' });
    for (const [op, f] of [['uniform_', () => x.uniform_()], ['normal_', () => x.normal_()], ['exponential_', () => x.exponential_()], ['cauchy_', () => x.cauchy_()], ['logNormal_', () => x.logNormal_()]] as const)
      expect(f, op).toThrow(new RegExp(`^${op}: ".*" not implemented for int64`));
  });
});

describe('cov / corrcoef errors', () => {
  it('name the op and the bad weights (PyTorch\'s messages)', () => {
    const x = tg.ones([2, 3]);
    expect(() => tg.cov(x, { fweights: tg.tensor([1, 2, 3]) })).toThrow(/^cov: expected fweights to have integral dtype but got fweights with float32 dtype/);
    expect(() => tg.cov(x, { aweights: tg.tensor([1, 2]) })).toThrow(/^cov: expected aweights to have the same numel as there are observations in the input but got 2 != 3/);
    expect(() => tg.cov(x, { fweights: i64([0, 0, 0]) })).toThrow(/^cov: weights sum to zero, can't be normalized/);
    expect(() => tg.cov(tg.zeros([2, 2, 2]))).toThrow(/^cov: expected input to have two or fewer dimensions but got an input with 3 dimensions/);
    expect(() => tg.corrcoef(tg.zeros([2, 2, 2]))).toThrow(/^corrcoef: expected input to have two or fewer dimensions/);
    expect(() => tg.cov(tg.tensor([true, false]))).toThrow(/^cov: bool dtype is not supported for input/);
  });
  it('cov with weights is differentiable in both the input and aweights (float64 gradcheck)', () => {
    const x = tg.tensor([[0.3, -1.2, 0.8, 2.1], [1.5, 0.2, -0.7, 0.4]], { ...f64, requiresGrad: true });
    const w = tg.tensor([0.5, 1.5, 1.0, 2.0], { ...f64, requiresGrad: true });
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => tg.cov(a, { aweights: b, fweights: i64([1, 2, 1, 3]) }), [x, w])).toBe(true);
    expect(tg.autograd.gradcheck((a: Tensor) => tg.corrcoef(a), [x])).toBe(true);
  });
});

describe('trapezoid, vander, indexReduce, apply_, map_', () => {
  it('trapezoid/cumulativeTrapezoid are differentiable in y and x (float64 gradcheck)', () => {
    const y = tg.tensor([[0.3, -1.2, 0.8], [1.5, 0.2, -0.7]], { ...f64, requiresGrad: true });
    const x = tg.tensor([0, 0.4, 1.5], { ...f64, requiresGrad: true });
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => tg.trapezoid(a, b), [y, x])).toBe(true);
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => tg.cumulativeTrapezoid(a, b), [y, x])).toBe(true);
    expect(tg.autograd.gradcheck((a: Tensor) => tg.trapz(a, { dx: 0.3, dim: 0 }), [y])).toBe(true);
    expect(() => tg.trapezoid(y, x, { dx: 1 })).toThrow(/^trapezoid: takes x or dx, not both/);
    expect(() => tg.trapezoid(tg.tensor(1))).toThrow(/^trapezoid: Dimension specified as -1 but tensor has no dimensions/);
  });
  it('gradient is differentiable in the samples and the coordinates (float64 gradcheck), and names itself', () => {
    const y = tg.tensor([[0.3, -1.2, 0.8, 0.1], [1.5, 0.2, -0.7, 2.2]], { ...f64, requiresGrad: true });
    const c = tg.tensor([0, 0.4, 1.5, 1.9], { ...f64, requiresGrad: true });
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => tg.gradient(a, { spacing: [b], dim: 1, edgeOrder: 2 })[0], [y, c])).toBe(true);
    expect(tg.autograd.gradcheck((a: Tensor) => tg.gradient(a, { spacing: 0.3 })[0], [y])).toBe(true);
    expect(() => tg.gradient(y, { edgeOrder: 3 })).toThrow(/^gradient: torch.gradient only supports edge_order=1 and edge_order=2/);
    expect(() => tg.gradient(y, { dim: [1, -1] })).toThrow(/^gradient: dim \[1, 1\] appears multiple times/);
  });
  it('vander records CopySlices and, as PyTorch 1.13, cannot backward (cumprod saved the columns it overwrote)', () => {
    const x = tg.tensor([1, 2, 3], { requiresGrad: true });
    const v = tg.vander(x, { increasing: true });
    expect(v.gradFn?.name).toBe('CopySlices');
    expect(tg.vander(x).gradFn?.name).toBe('FlipBackward0');
    expect(() => v.sum().backward()).toThrow(/one of the variables needed for gradient computation has been modified by an inplace operation/);
  });
  it('indexReduce names itself for a bad index or reduce', () => {
    const x = tg.zeros([2, 3]);
    expect(() => x.indexReduce(0, i64([2]), tg.zeros([1, 3]), 'amax')).toThrow(/^indexReduce: index out of range in self/);
    expect(() => x.indexReduce(0, i64([[1]]), tg.zeros([1, 3]), 'amax')).toThrow(/^indexReduce: Index is supposed to be a vector, but got dim: 2/);
    expect(() => x.indexReduce(0, i64([1]), tg.zeros([1, 2]), 'amax')).toThrow(/^indexReduce: source of shape \[1, 2\] does not match self \[2, 3\]/);
    expect(() => x.indexReduce_(0, i64([1]), tg.zeros([1, 3]), 'sum' as never)).toThrow(/^indexReduce_: Expected reduce to be one of prod, mean, amax or amin but got sum/);
  });
  it('apply_ and map_ call back per element, cast to the dtype, and refuse a tensor that requires grad', () => {
    const seen: unknown[] = [];
    const x = tg.tensor([[1, 2], [3, 4]]).t();
    x.apply_((v) => { seen.push(v); return (v as number) * 10; });
    expect(seen).toEqual([1, 3, 2, 4]); // in the tensor's (logical) order
    expect(x.t().tolist()).toEqual([[10, 20], [30, 40]]);
    expect(i64([1, 3]).apply_((v) => (v as number) * 2.5).tolist()).toEqual([2, 7]);
    expect(tg.tensor([true, false]).apply_((v) => !v).tolist()).toEqual([false, true]);
    expect(tg.tensor([[1, 2]]).map_(tg.tensor([3]), (a, b) => (a as number) * (b as number)).tolist()).toEqual([[3, 6]]);
    expect(() => tg.ones([2], { requiresGrad: true }).apply_((v) => v)).toThrow(/^apply_: Can't call apply_\(\) on Variable that requires grad/);
    expect(() => tg.ones([2]).map_(i64([1, 2]), (a) => a)).toThrow(/^map_: expected other of dtype float32/);
    expect(() => tg.ones([2]).apply_(() => 'a' as never)).toThrow(/^apply_: the callable must return a number or a boolean/);
  });
});

describe('torch.* spellings (lib/api_torch5.ts)', () => {
  it('losses take reduction as PyTorch\'s int (0 none, 1 mean, 2 sum) and default to none, as torch.kl_div', () => {
    const a = tg.tensor([[0.1, -0.3], [0.2, 0.4]]), b = tg.tensor([[0.5, 0.2], [0.1, 0.9]]);
    const none = tg.nn.functional.klDiv(a, b, { reduction: 'none' });
    expect(tg.klDiv(a, b).tolist()).toEqual(none.tolist());
    expect(tg.klDiv(a, b, { reduction: 2 }).item()).toBeCloseTo(none.sum().item() as number, 6);
    expect(tg.klDiv(a, b, { reduction: 1 }).item()).toBeCloseTo(none.mean().item() as number, 6);
    expect(() => tg.klDiv(a, b, { reduction: 5 as never })).toThrow(/^klDiv: reduction must be 0 \(none\), 1 \(mean\) or 2 \(sum\)/);
  });
  it('in-place forms write into their input and refuse a leaf that requires grad', () => {
    const x = tg.tensor([-1, 2]);
    expect(tg.celu_(x, 1)).toBe(x);
    expect(x.tolist()).toEqual(tg.celu(tg.tensor([-1, 2]), 1).tolist());
    const y = tg.ones([3]);
    expect(tg.dropout_(y, 0.5, true, ).tolist().every((v) => v === 0 || v === 2)).toBe(true);
    expect(() => tg.selu_(tg.ones([2], { requiresGrad: true }))).toThrow(/^selu_: a leaf Variable that requires grad/);
  });
  it('errors of the nn.functional op are named as the torch.* function called', () => {
    expect(() => tg.conv2d(tg.ones([1, 1, 4, 4]), tg.ones([1, 2, 2, 2]))).toThrow(/^conv2d: Given groups=1, weight of size \[1, 2, 2, 2\]/);
    expect(() => tg.maxPool2d(tg.ones([1, 1, 4, 4]), 2, { returnIndices: true } as never)).toThrow(/^maxPool2d\(\) got an unexpected keyword argument 'returnIndices'/);
  });
  it('dtype helpers follow PyTorch\'s promotion and casting rules', () => {
    expect(tg.promoteTypes('int32', 'float64')).toBe('float64');
    expect(tg.promoteTypes('bool', 'int32')).toBe('int32');
    expect([tg.canCast('float32', 'int64'), tg.canCast('int64', 'float32'), tg.canCast('int32', 'bool'), tg.canCast('bool', 'int32')]).toEqual([false, true, false, true]);
    expect(tg.resultType(tg.tensor([1], { dtype: 'int32' }), tg.tensor(2.5, { dtype: 'float64' }))).toBe('float64');
    expect(tg.resultType(tg.tensor([1.5], { dtype: 'float32' }), tg.tensor(2, { dtype: 'float64' }))).toBe('float32');
    expect(tg.resultType(2, 3)).toBe('int64');
    expect(() => tg.promoteTypes('float80' as never, 'int32')).toThrow(/^promoteTypes: type1 must be a dtype name/);
  });
  it('isin compares int64 past 2^53 exactly, and range refuses an inconsistent step', () => {
    const big = tg.tensor([2n ** 53n + 1n, 2n ** 53n], { dtype: 'int64' });
    expect(tg.isin(big, tg.tensor([2n ** 53n], { dtype: 'int64' })).tolist()).toEqual([false, true]);
    // the promoted dtype comes from lib/ops/type_promotion.ts (small dtypes too: uint8 and int8 compare as int16)
    expect(tg.isin(tg.tensor([255, 1], { dtype: 'uint8' }), tg.tensor([-1, 1], { dtype: 'int8' })).tolist()).toEqual([false, true]);
    expect(tg.isin(2, tg.tensor([1.5, 2]), false, true).tolist()).toBe(false);
    expect(() => tg.isin(tg.tensor([1]), 'a' as never)).toThrow(/^isin: expected testElements to be a Tensor or a number, got/);
    expect(() => tg.range(0, 3, -1)).toThrow(/^range: upper bound and larger bound inconsistent with step sign/);
  });
});
