// tg.linalg.inv / det / slogdet / solve beyond the PyTorch fixtures (linalg.json, replayed by linalg.test.ts):
// PyTorch's error messages, the determinant's grad at a singular matrix, accuracy against float64 at sizes the
// fixtures do not reach, views as input, the [sign, logabsdet] result.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const f64 = (v: number[][] | number[][][]): Tensor => tg.tensor(v, { dtype: 'float64' });
const maxAbs = (t: Tensor): number => Math.max(...Array.from(t.abs().toTypedArray() as Float64Array));

describe('linalg errors (PyTorch 1.13 messages)', () => {
  it('non-square A names the op and the matrix sizes', () => {
    expect(() => tg.linalg.inv(tg.ones([2, 3]))).toThrow(/^linalg\.inv: A must be batches of square matrices, but they are 2 by 3 matrices/);
    expect(() => tg.linalg.det(tg.ones([4, 2, 3]))).toThrow(/^linalg\.det: A must be batches of square matrices, but they are 2 by 3 matrices/);
    expect(() => tg.linalg.slogdet(tg.ones([2, 3]))).toThrow(/^linalg\.slogdet: A must be batches/);
    expect(() => tg.logdet(tg.ones([2, 3]))).toThrow(/^logdet: A must be batches/);
    expect(() => tg.linalg.solve(tg.ones([2, 3]), tg.ones([2]))).toThrow(/^linalg\.solve: A must be batches/);
    expect(() => tg.linalg.inv(tg.ones([3]))).toThrow(/^linalg\.inv: The input tensor A must have at least 2 dimensions/);
  });
  it('singular A: inv names the zero diagonal element (and the batch element), solve fails', () => {
    const msg = 'The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.';
    expect(() => tg.linalg.inv(tg.tensor([[1, 2], [2, 4]]))).toThrow(`linalg.inv: ${msg}`);
    expect(() => tg.linalg.inv(tg.ones([3, 3]))).toThrow(`linalg.inv: ${msg}`);
    expect(() => tg.inverse(tg.zeros([2, 2]))).toThrow('inverse: The diagonal element 1 is zero');
    expect(() => tg.linalg.inv(tg.tensor([[[1, 0], [0, 1]], [[1, 1], [1, 1]]]))).toThrow(`linalg.inv: (Batch element 1): ${msg}`);
    expect(() => tg.linalg.solve(tg.tensor([[1, 2], [2, 4]]), tg.ones([2]))).toThrow('torch.linalg.solve: The solver failed because the input matrix is singular.');
  });
  it('solve: incompatible shapes, batch shapes and dtypes', () => {
    expect(() => tg.linalg.solve(tg.eye(3), tg.ones([2, 2]))).toThrow('linalg.solve: Incompatible shapes of A and B for the equation AX = B (3x3 and 2x2)');
    expect(() => tg.linalg.solve(tg.eye(3), tg.ones([2, 4, 3]))).toThrow('(3x3 and 4x3)');
    expect(() => tg.linalg.solve(tg.ones([2, 3, 3]), tg.ones([3, 3, 1]))).toThrow(/^linalg\.solve: Incompatible batch shapes of A \[2, 3, 3\] and B \[3, 3, 1\]/);
    expect(() => tg.linalg.solve(tg.eye(3), tg.ones([3], { dtype: 'float64' }))).toThrow(TypeError);
    expect(() => tg.linalg.solve(tg.eye(3), tg.ones([3], { dtype: 'float64' }))).toThrow('found A of type float32 and B of type float64');
    expect(() => tg.linalg.solve(tg.eye(3), tg.ones([3]), { left: false })).toThrow(/left=false/);
  });
  it('integer input is a TypeError naming the op', () => {
    const ints = tg.tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    for (const [name, fn] of [['linalg.inv', tg.linalg.inv], ['linalg.det', tg.linalg.det], ['linalg.slogdet', tg.linalg.slogdet]] as const)
      expect(() => fn(ints), name).toThrow(new TypeError(`${name}: Expected a floating point tensor as input. Got int32`));
    expect(() => tg.linalg.solve(ints, tg.tensor([1, 2], { dtype: 'int32' }))).toThrow(TypeError);
  });
});

describe('linalg values', () => {
  it('det of a singular matrix is 0 and its grad is the cofactor matrix (rank n-1; PyTorch 1.13 gives 0 there)', () => {
    const A = f64([[1, 2, 3], [2, 4, 6], [1, 0, 1]]).requiresGrad_(true);
    const d = tg.linalg.det(A);
    expect(d.item() === 0).toBe(true); // -0 here, as PyTorch's
    d.backward();
    expect(Array.from(A.grad!.toTypedArray()).map((x) => x + 0)).toEqual([4, 4, -4, -2, -2, 2, 0, 0, 0]);
    expect(tg.autograd.gradcheck((a: Tensor) => tg.linalg.det(a), [f64([[1, 2, 3], [2, 4, 6], [1, 0, 1]]).requiresGrad_(true)])).toBe(true);
  });
  it('slogdet is [sign, logabsdet], also by name; a singular matrix gives [0, -inf]; logdet of det < 0 is NaN', () => {
    const A = f64([[0, 2], [3, 1]]); // det -6
    const [sign, logabsdet] = tg.linalg.slogdet(A);
    expect(sign.item()).toBe(-1);
    expect(logabsdet.item()).toBeCloseTo(Math.log(6), 14);
    expect(tg.linalg.slogdet(A).logabsdet.item()).toBe(logabsdet.item());
    const s = tg.linalg.slogdet(f64([[1, 2], [2, 4]]));
    expect([s.sign.item(), s.logabsdet.item()]).toEqual([0, -Infinity]);
    expect(Number.isNaN(tg.logdet(A).item())).toBe(true);
    expect(A.det().item()).toBeCloseTo(-6, 14);
  });
  it('slogdet grad at a singular matrix is non-finite, not an error (PyTorch: [[-inf, inf], [inf, -inf]])', () => {
    const A = f64([[1, 2], [2, 4]]).requiresGrad_(true);
    tg.linalg.slogdet(A).logabsdet.backward();
    expect(Array.from(A.grad!.toTypedArray()).every((x) => !Number.isFinite(x))).toBe(true);
  });
  it('the torch.* aliases name themselves in errors', () => {
    expect(() => tg.det(tg.ones([2, 3]))).toThrow(/^det: A must be batches of square matrices/);
    expect(() => tg.ones([2, 3]).slogdet()).toThrow(/^slogdet: A must be batches/);
    expect(() => tg.ones([2]).inverse()).toThrow(/^inverse: The input tensor A must have at least 2 dimensions/);
  });
  it('inv and solve at 40x40 against the identity in float64, and float32 within float32 rounding of float64', () => {
    tg.manualSeed(15);
    const A = tg.randn([40, 40], { dtype: 'float64' }).add(tg.eye(40, { dtype: 'float64' }).mul(8));
    const B = tg.randn([40, 3], { dtype: 'float64' });
    expect(maxAbs(A.matmul(tg.linalg.inv(A)).sub(tg.eye(40, { dtype: 'float64' })))).toBeLessThan(1e-13);
    expect(maxAbs(A.matmul(tg.linalg.solve(A, B)).sub(B))).toBeLessThan(1e-12);
    const inv32 = tg.linalg.inv(A.float()).double();
    expect(maxAbs(inv32.sub(tg.linalg.inv(A.float().double())))).toBeLessThan(1e-6);
    expect(tg.linalg.inv(A.float()).dtype).toBe('float32');
    // det by LU against the product of the eigen-free check det(A) det(A^-1) = 1
    expect(tg.linalg.det(A).mul(tg.linalg.det(tg.linalg.inv(A))).item()).toBeCloseTo(1, 10);
  });
  it('the blocked LU (Note [Native blocked LU], panels of 16 from n = 64): solve, inv, det at 200 and 257, and the zero pivot it reports', () => {
    tg.manualSeed(96);
    for (const n of [200, 257]) {
      const A = tg.randn([n, n], { dtype: 'float64' });
      const B = tg.randn([n, 2], { dtype: 'float64' });
      expect(maxAbs(A.matmul(tg.linalg.solve(A, B)).sub(B))).toBeLessThan(1e-10);
      expect(maxAbs(A.matmul(tg.linalg.inv(A)).sub(tg.eye(n, { dtype: 'float64' })))).toBeLessThan(1e-10);
      // det(A) det(A^T) = det(A)^2 through two different pivot sequences, on a scale that does not overflow
      const As = A.div(4);
      expect(tg.linalg.det(As).item() / tg.linalg.det(As.t()).item()).toBeCloseTo(1, 9);
    }
    // rank 1: getrf's first zero pivot is the second (the blocked path reports the same one)
    expect(() => tg.linalg.inv(tg.ones([128, 128], { dtype: 'float64' }))).toThrow('linalg.inv: The diagonal element 2 is zero');
    // a zero pivot in the second panel (column 40): A = [[I, 0], [0, rank-deficient]]
    const Z = tg.eye(100, { dtype: 'float64' }).clone();
    Z.index([40, 40]).fill_(0);
    expect(() => tg.linalg.inv(Z)).toThrow('linalg.inv: The diagonal element 41 is zero');
  });
  it('views (transposed, expanded) read their values, not their storage', () => {
    const A = f64([[4, 1], [2, 3]]);
    const At = A.transpose(0, 1);
    expect(Array.from(tg.linalg.inv(At).toTypedArray())).toEqual(Array.from(tg.linalg.inv(At.contiguous()).toTypedArray()));
    expect(tg.linalg.det(A.unsqueeze(0).expand([3, 2, 2])).shape).toEqual([3]);
    expect(Array.from(tg.linalg.det(A.unsqueeze(0).expand([3, 2, 2])).toTypedArray())).toEqual([10, 10, 10]);
  });
  it('empty matrices: det 1, inverse empty', () => {
    expect(Array.from(tg.linalg.det(tg.zeros([2, 0, 0])).toTypedArray())).toEqual([1, 1]);
    expect(tg.linalg.inv(tg.zeros([0, 0])).shape).toEqual([0, 0]);
  });
});
