// issue 15's second batch beyond the PyTorch value fixtures (breadth.json): results that are not tensors
// (broadcastShapes, the predicates), aminmax's NotImplemented node, the torch.X_ functions writing into their
// input, the alias identity, and the error messages (PyTorch's where it has one), each naming the op and shapes.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

describe('aliases are the aliased op', () => {
  it('same values and the same node as the aliased op; positive is the input itself', () => {
    const x = tg.tensor([[1, -2], [3, 4]], { requiresGrad: true });
    expect(tg.multiply(x, 2).gradFn?.name).toBe('MulBackward0');
    expect(tg.clip(x, 0, 1).gradFn?.name).toBe('ClampBackward1');
    expect(tg.fix(x).gradFn?.name).toBe('TruncBackward0');
    expect(tg.negative(x).tolist()).toEqual(x.neg().tolist());
    expect(tg.positive(x)).toBe(x);
    expect(() => tg.positive(tg.tensor([true]))).toThrow('positive: The `+` operator, on a bool tensor is not supported.');
  });
  it('in-place aliases write into the tensor', () => {
    const y = tg.tensor([-1.5, 2.5]);
    expect(y.absolute_()).toBe(y);
    expect(y.tolist()).toEqual([1.5, 2.5]);
    y.multiply_(2).negative_();
    expect(y.tolist()).toEqual([-3, -5]);
  });
});

describe('torch.X_ functions', () => {
  it('apply the in-place method to their first argument and return it', () => {
    const x = tg.tensor([0.25, 1]);
    expect(tg.exp_(x)).toBe(x);
    expect(x.toTypedArray()).toEqual(new Float32Array([Math.fround(Math.exp(0.25)), Math.fround(Math.E)]));
    const z = tg.tensor([[1, 2]]);
    tg.zero_(z);
    expect(z.tolist()).toEqual([[0, 0]]);
    tg.clamp_(z, 1, 3);
    expect(z.tolist()).toEqual([[1, 1]]);
    expect(() => tg.exp_(3 as unknown as Tensor)).toThrow(TypeError);
  });
  it('keep the in-place errors of the method (a leaf that requires grad)', () => {
    const w = tg.ones([2], { requiresGrad: true });
    expect(() => tg.sigmoid_(w)).toThrow(/leaf Variable that requires grad/);
  });
});

describe('reductions', () => {
  it("aminmax has PyTorch 1.13's NotImplemented node: backward through it throws", () => {
    const x = tg.tensor([[1, 3], [2, 0]], { requiresGrad: true });
    const r = tg.aminmax(x, { dim: 1 });
    expect(r.min.tolist()).toEqual([1, 0]);
    expect(r.max.tolist()).toEqual([3, 2]);
    expect(r.max.gradFn?.name).toBe('NotImplemented');
    expect(() => r.max.sum().backward()).toThrow('derivative for aten::aminmax is not implemented');
    expect(() => tg.aminmax(tg.zeros([0]))).toThrow(/^aminmax: cannot compute aminmax over an empty dimension/);
  });
  it('amax/amin of an empty dim throw as PyTorch', () => {
    expect(() => tg.amax(tg.zeros([2, 0]), 1)).toThrow('amax: Expected reduction dim 1 to have non-zero size');
    expect(tg.amax(tg.zeros([2, 0]), 0).shape).toEqual([0]);
  });
  it('varMean/stdMean give [stat, mean] sharing one node', () => {
    const x = tg.tensor([[1, 2], [3, 5]], { requiresGrad: true });
    const [v, m] = tg.varMean(x, 1);
    expect(v.gradFn).toBe(m.gradFn);
    expect(v.tolist()).toEqual([0.5, 2]);
    expect(m.tolist()).toEqual([1.5, 4]);
    expect(() => tg.stdMean(tg.tensor([1, 2], { dtype: 'int32' }))).toThrow(/^stdMean: expected a floating point tensor/);
  });
  it('nanmean of an integer tensor is an error; countNonzero counts over dims', () => {
    expect(() => tg.nanmean(tg.tensor([1, 2], { dtype: 'int32' }))).toThrow(/^nanmean: expected input to have floating point dtype/);
    expect(tg.countNonzero(tg.tensor([[0, 1, 2], [0, 0, 3]]), [0, 1]).item()).toBe(3);
  });
});

describe('products: errors name the op and the shapes', () => {
  it('addmm family', () => {
    expect(() => tg.addmm(tg.ones([2, 2]), tg.ones([2, 3]), tg.ones([2, 2]))).toThrow('addmm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x2)');
    expect(() => tg.addmm(tg.ones([3, 3]), tg.ones([2, 3]), tg.ones([3, 2]))).toThrow(/^addmm: .*\[3, 3\]/);
    expect(() => tg.addmv(tg.ones([2]), tg.ones([2, 3]), tg.ones([2]))).toThrow(/^addmv: size mismatch, got mat \[2, 3\] and vec \[2\]/);
    expect(() => tg.baddbmm(tg.ones([2, 2, 2]), tg.ones([2, 2, 3]), tg.ones([3, 3, 2]))).toThrow(/^baddbmm: batch1 and batch2 shapes cannot be multiplied/);
    expect(() => tg.addmm(tg.ones([2, 2]), tg.ones([2, 2]), tg.ones([2, 2], { dtype: 'float64' }))).toThrow(/^addmm: expected mat2 to have the same dtype as input/);
    expect(() => tg.addr(tg.ones([2, 2], { dtype: 'int32' }), tg.ones([2], { dtype: 'int32' }), tg.ones([2], { dtype: 'int32' }))).toThrow(/^addr: not implemented for dtype int32/);
  });
  it('beta = 0 ignores NaN in input, as ATen', () => {
    const r = tg.addmm(tg.full([2, 2], NaN), tg.eye(2), tg.eye(2), { beta: 0 });
    expect(r.tolist()).toEqual([[1, 0], [0, 1]]);
  });
  it('tensordot, cross, trace', () => {
    expect(() => tg.tensordot(tg.ones([2, 3]), tg.ones([4, 3]), [[1], [0]])).toThrow(/^tensordot: contracted dimensions need to match/);
    expect(() => tg.cross(tg.ones([2, 4]), tg.ones([2, 4]))).toThrow(/^cross: no dimension of size 3/);
    expect(() => tg.linalg.cross(tg.ones([3, 2]), tg.ones([3, 2]))).toThrow(/^linalg\.cross: inputs dimension 1 must have length 3/);
    expect(() => tg.trace(tg.ones([2, 2, 2]))).toThrow(/^trace: expected a matrix, but got tensor with dim 3/);
    expect(tg.cross(tg.tensor([[1, 0, 0]]), tg.tensor([[0, 1, 0]])).tolist()).toEqual([[0, 0, 1]]);
  });
});

describe('joining', () => {
  it('broadcastShapes: a list of numbers is one shape; several shapes broadcast', () => {
    expect(tg.broadcastShapes([2, 1], [3])).toEqual([2, 3]);
    expect(tg.broadcastShapes([2, 1])).toEqual([2, 1]);
    expect(() => tg.broadcastShapes([2], [3])).toThrow(/^broadcastShapes: /);
  });
  it('atleast*: one tensor gives a tensor, several a list', () => {
    expect((tg.atleast2d(tg.tensor(1)) as Tensor).shape).toEqual([1, 1]);
    expect((tg.atleast3d(tg.ones([2, 3])) as Tensor).shape).toEqual([2, 3, 1]);
    const r = tg.atleast1d(tg.tensor(1), tg.ones([2])) as Tensor[];
    expect(r.map((t) => t.shape)).toEqual([[1], [2]]);
  });
  it('splits are views; hsplit/vsplit/dsplit check divisibility and rank with PyTorch\'s messages', () => {
    const x = tg.arange(6).reshape([2, 3]);
    const [a] = x.tensorSplit(tg.tensor([1], { dtype: 'int32' }), 1);
    expect(a.shape).toEqual([2, 1]);
    a.fill_(9);
    expect(x.tolist()).toEqual([[9, 1, 2], [9, 4, 5]]);
    expect(() => x.hsplit(2)).toThrow('hsplit: torch.hsplit attempted to split along dimension 1, but the size of the dimension 3 is not divisible by the split_size 2!');
    expect(() => tg.ones([3]).vsplit(1)).toThrow('vsplit: torch.vsplit requires a tensor with at least 2 dimensions, but got a tensor with 1 dimensions!');
    expect(() => tg.unflatten(x, 1, [2, 2])).toThrow(/^unflatten: Provided sizes \[2, 2\] don't multiply up to the size of dim 1 \(3\)/);
  });
  it('ravel is a view of a contiguous tensor and a copy of a transposed one', () => {
    const x = tg.arange(6).reshape([2, 3]);
    expect(x.ravel().isView()).toBe(true);
    expect(x.t().ravel().tolist()).toEqual([0, 3, 1, 4, 2, 5]);
  });
});

describe('tensor predicates and factories', () => {
  it('answer as PyTorch', () => {
    const f = tg.ones([2, 3], { dtype: 'float64' });
    expect([f.isFloatingPoint(), tg.ones([1], { dtype: 'int32' }).isFloatingPoint()]).toEqual([true, false]);
    expect([f.isSigned(), tg.tensor([true]).isSigned()]).toEqual([true, false]);
    expect([tg.tensor([2]).isNonzero(), tg.tensor([0]).isNonzero()]).toEqual([true, false]);
    expect(() => f.isNonzero()).toThrow(/^isNonzero: Boolean value of Tensor with more than one value is ambiguous/);
    expect([f.isSameSize(tg.zeros([2, 3])), f.isSameSize(tg.zeros([3, 2]))]).toEqual([true, false]);
    expect([f.nelement(), f.ndimension()]).toEqual([6, 2]);
  });
  it('new* keep the dtype unless given', () => {
    const f = tg.ones([2], { dtype: 'float64' });
    expect(f.newZeros([3]).dtype).toBe('float64');
    expect(f.newOnes([2, 2], { dtype: 'int32' }).tolist()).toEqual([[1, 1], [1, 1]]);
    expect(f.newFull([2], 7).tolist()).toEqual([7, 7]);
    expect(f.newTensor([1, 2]).dtype).toBe('float64');
    expect(f.newZeros([2], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(tg.ones([2]).typeAs(f).dtype).toBe('float64');
  });
});

describe('norms, distances and structure: errors name the op and the shapes', () => {
  it('linalg norms', () => {
    expect(() => tg.linalg.vectorNorm(tg.tensor([1, 2], { dtype: 'int32' }))).toThrow(/^linalg\.vectorNorm: Expected a floating point tensor as input/);
    const D = tg.tensor([[3, 0], [0, -4]], { dtype: 'float64' });
    expect([tg.linalg.matrixNorm(D, 'nuc').item(), tg.linalg.matrixNorm(D, 2).item(), tg.linalg.matrixNorm(D, -2).item()]).toEqual([7, 4, 3]);
    expect(() => tg.linalg.matrixNorm(tg.ones([3]))).toThrow(/^linalg\.matrixNorm: The input tensor A must have at least 2 dimensions/);
    expect(() => tg.linalg.norm(tg.ones([2, 2, 2]), 2)).toThrow('linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D.');
    expect(() => tg.linalg.norm(tg.ones([2, 2, 2]), null, [0, 1, 2])).toThrow(/^linalg\.norm: If dim is specified, it must be of length 1 or 2/);
    expect(tg.linalg.norm(tg.tensor([[3, 4], [0, 0]])).item()).toBe(5);
  });
  it('multiDot and matrixPower', () => {
    expect(() => tg.linalg.multiDot([tg.ones([2, 3])])).toThrow(/^linalg\.multiDot: expected at least 2 tensors but got 1/);
    expect(() => tg.linalg.multiDot([tg.ones([2, 3]), tg.ones([2, 3])])).toThrow('linalg.multiDot: tensors[0] and tensors[1] cannot be multiplied (2x3 and 2x3)');
    expect(tg.linalg.multiDot([tg.tensor([1, 2]), tg.tensor([[1, 0], [0, 1]]), tg.tensor([3, 4])]).item()).toBe(11);
    expect(() => tg.linalg.matrixPower(tg.ones([2, 3]), 2)).toThrow(/^linalg\.matrixPower: A must be batches of square matrices, but they are 2 by 3 matrices/);
    expect(() => tg.linalg.matrixPower(tg.eye(2), 1.5)).toThrow(/^linalg\.matrixPower: n must be an integer/);
    expect(tg.linalg.matrixPower(tg.tensor([[2, 0], [0, 3]]), -1).tolist()).toEqual([[0.5, 0], [0, 1 / 3].map(Math.fround)]);
  });
  it('cdist', () => {
    expect(() => tg.cdist(tg.ones([2, 3]), tg.ones([2, 4]))).toThrow('cdist: X1 and X2 must have the same number of columns. X1: 3 X2: 4');
    expect(() => tg.cdist(tg.ones([3]), tg.ones([2, 3]))).toThrow(/^cdist: only supports at least 2D tensors, X1 got: 1D/);
    expect(() => tg.cdist(tg.ones([2, 3]), tg.ones([2, 3]), -1)).toThrow(/^cdist: only supports non-negative p values/);
    expect(() => tg.cdist(tg.ones([2, 3], { dtype: 'int32' }), tg.ones([2, 3], { dtype: 'int32' }))).toThrow(/^cdist: only supports floating-point dtypes/);
    expect(() => tg.cdist(tg.ones([2, 3]), tg.ones([2, 3]), 2, 'fast' as never)).toThrow(/^cdist: fast is not a valid value for compute_mode/);
  });
  it('structure', () => {
    expect(() => tg.rot90(tg.ones([3]))).toThrow('rot90: expected total dims >= 2, but got total dims = 1');
    expect(() => tg.rot90(tg.ones([2, 2]), 1, [0, 0])).toThrow('rot90: expected rotation dims to be different, but got dim0 = 0 and dim1 = 0');
    expect(() => tg.blockDiag(tg.ones([1, 1, 1]))).toThrow('blockDiag: Input tensors must have 2 or fewer dimensions. Input 0 has 3 dimensions');
    expect(tg.blockDiag(tg.ones([1], { dtype: 'int32' }), tg.ones([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(tg.combinations(tg.tensor([1, 2]), 0).shape).toEqual([0]);
    expect(tg.combinations(tg.tensor([1, 2]), 3).shape).toEqual([0, 3]);
    expect(() => tg.cartesianProd(tg.ones([2, 2]))).toThrow(/^cartesianProd: Expect a 1D vector, but got shape \[2, 2\]/);
    expect(() => tg.isclose(tg.ones([2]), tg.ones([2], { dtype: 'float64' }))).toThrow('isclose: float32 did not match float64');
  });
  it('clamp with tensor bounds: min above max gives max, as ATen', () => {
    expect(tg.clamp(tg.tensor([0, 5]), tg.tensor([3, 3]), tg.tensor([1, 1])).tolist()).toEqual([1, 1]);
    expect(() => tg.clamp(tg.ones([2]), tg.ones([3]))).toThrow(/^clamp: /);
  });
});

describe('bounded work (found by the argument fuzzer: 2^31 sections or combinations filled the heap)', () => {
  it('tensorSplit and combinations refuse results past their bound with a RangeError naming the op', () => {
    expect(() => tg.tensorSplit(tg.ones([2]), 2 ** 31)).toThrow(/^tensorSplit: 2147483648 sections would make 2147483648 tensors/);
    expect(() => tg.combinations(tg.ones([1]), 2 ** 31, true)).toThrow(/^combinations: 1 combinations of 2147483648 elements/);
    expect(tg.tensorSplit(tg.ones([2]), 5).map((t) => t.shape[0])).toEqual([1, 1, 0, 0, 0]);
  });
});
