// issue 15's missing linear-algebra names (lib/ops/linalg_extra.ts, linalg_factor.ts): PyTorch 1.13 parity from
// test/fixtures/linalgx.json (gen_linalgx.py) plus float64 gradcheck / gradgradcheck of their rows, and the
// errors and edge cases the fixtures do not pin.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('linalgx');

const f64 = (v: number[] | number[][] | number[][][]): Tensor => tg.tensor(v, { dtype: 'float64' });

describe('linalgx: errors name the op and the shapes', () => {
  it('LU family: non-float, singular, bad pivots, vector B', () => {
    expect(() => tg.linalg.luFactor(tg.tensor([[1, 2], [3, 4]], { dtype: 'int32' }))).toThrow(new TypeError('linalg.lu_factor: Expected a floating point tensor as input. Got int32'));
    expect(() => tg.linalg.luFactor(f64([[1, 2], [2, 4]]))).toThrow(/^linalg\.lu_factor: The factorization could not be completed because the input is not invertible \(U\[2, 2\] is zero\)/);
    expect(() => tg.linalg.luFactor(f64([[[1, 0], [0, 1]], [[0, 0], [0, 0]]]))).toThrow(/^linalg\.lu_factor: \(Batch element 1\): /);
    expect(() => tg.linalg.luFactor(f64([[1, 2], [3, 4]]), { pivot: false })).toThrow('linalg.lu_factor: LU without pivoting is not implemented on the CPU');
    const { LU, pivots } = tg.linalg.luFactor(f64([[4, 0], [2, 1]]));
    expect(() => tg.linalg.luSolve(LU, pivots, f64([1, 2]))).toThrow(/^linalg\.lu_solve: Expected B to have at least 2 dimensions, but it has 1 dimensions instead \(B of shape \[2\]\)/);
    expect(() => tg.linalg.luSolve(LU, pivots, f64([[1, 2, 3]]))).toThrow(/^linalg\.lu_solve: Incompatible shapes of A and B for the equation AX = B \(LU of shape \[2, 2\], B of shape \[1, 3\]\)/);
    expect(() => tg.linalg.luSolve(LU, tg.tensor([3, 2], { dtype: 'int32' }), f64([[1], [2]]))).toThrow(/^linalg\.lu_solve: pivots must hold LAPACK's 1-based row swaps/);
    expect(() => tg.luUnpack(LU, pivots.to('float32'))).toThrow(/^lu_unpack: Expected pivots to be an int32 or int64 tensor, but got float32/);
    // singular without the check: info names the zero pivot, as LAPACK's getrf
    expect(Array.from(tg.linalg.luFactorEx(f64([[[1, 2], [2, 4]], [[0, 1], [0, 1]]])).info.toTypedArray())).toEqual([2, 1]);
    expect(Array.from(tg.linalg.invEx(f64([[1, 2], [2, 4]])).info.toTypedArray())).toEqual([2]);
    expect(() => tg.linalg.invEx(f64([[1, 2], [2, 4]]), { checkErrors: true })).toThrow(/^linalg\.inv_ex: The diagonal element 2 is zero/);
  });
  it('composites: cond, tensorinv, tensorsolve, vecdot, vander, chain_matmul, nuclear_norm', () => {
    expect(() => tg.linalg.cond(f64([[1, 2, 3], [4, 5, 6]]), 1)).toThrow(/^linalg\.cond\(ord=1\): A must be batches of square matrices, but they are 2 by 3 matrices/);
    expect(() => tg.linalg.cond(f64([[1, 0], [0, 1]]), 3)).toThrow('linalg.cond: linalg.cond got an invalid norm type: 3');
    expect(tg.linalg.cond(f64([[1, 2], [2, 4]]), 'fro').item()).toBe(Infinity);
    expect(() => tg.linalg.tensorinv(tg.ones([2, 3]), 1)).toThrow(/^linalg\.tensorinv: Expected self to satisfy the requirement prod\(self\.shape\[ind:\]\) == prod\(self\.shape\[:ind\]\), but got 3 != 2 \(shape \[2, 3\], ind=1\)/);
    expect(() => tg.linalg.tensorinv(f64([[1, 2], [2, 4]]), 1)).toThrow(/^linalg\.tensorinv: The diagonal element 2 is zero/);
    expect(() => tg.linalg.tensorsolve(tg.ones([2, 3]), tg.ones([2]))).toThrow(/^linalg\.tensorsolve: Expected self to satisfy .* but got 3 != 2/);
    expect(() => tg.linalg.vecdot(tg.ones([2]), f64([1, 2]))).toThrow(/^linalg\.vecdot: Expected x and y to have the same dtype, but found x of type float32 and y of type float64/);
    expect(() => tg.linalg.vander(tg.ones([3]), { N: 1 })).toThrow(/^linalg\.vander: N must be greater than 1/);
    expect(() => tg.chainMatmul(tg.ones([2, 2]), tg.ones([2]))).toThrow(/^chain_matmul: Tensor dimension is 1, expected 2 instead \(matrices\[1\] of shape \[2\]\)/);
    expect(() => tg.nuclearNorm(tg.ones([2, 2, 2]))).toThrow(/^nuclear_norm: Expected a tensor with 2 dimensions, but got a tensor with 3 dimensions/);
    expect(() => tg.frobeniusNorm(tg.ones([2, 2]), [0, -2])).toThrow(/^frobenius_norm: Expected dims to be different/);
  });
  it('removed torch.matrix_rank / torch.lstsq raise PyTorch 1.13 messages', () => {
    expect(() => tg.matrixRank(tg.eye(2))).toThrow('matrix_rank: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.matrix_rank` function instead.');
    expect(() => tg.ones([2, 1]).lstsq(tg.eye(2))).toThrow(/^lstsq: .*torch\.linalg\.lstsq/);
  });
  it('triangular_solve, cholesky_inverse, matrix_exp, householder, ormqr', () => {
    expect(() => tg.triangularSolve(tg.ones([2, 1]), tg.ones([3, 3]))).toThrow(/^triangular_solve: Incompatible matrix sizes for triangular_solve: each A matrix is 3 by 3 but each b matrix is 2 by 1/);
    expect(() => tg.triangularSolve(tg.ones([3, 1]), f64([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))).toThrow(/^triangular_solve: Expected b and A to have the same dtype/);
    expect(() => tg.choleskyInverse(tg.ones([2, 3]))).toThrow(/^cholesky_inverse: input must be batches of square matrices, but they are 2 by 3/);
    expect(() => tg.linalg.matrixExp(tg.ones([3]))).toThrow(/^linalg\.matrix_exp: The input tensor A must have at least 2 dimensions \(got shape \[3\]\)/);
    expect(() => tg.linalg.householderProduct(tg.ones([2, 3]), tg.ones([2]))).toThrow(/^linalg\.householder_product: A\.shape\[-2\] must be greater than or equal to A\.shape\[-1\]/);
    expect(() => tg.ormqr(tg.ones([3, 2]), tg.ones([2]), tg.ones([2, 2]))).toThrow(/^ormqr: input\.shape\[-2\] must be equal to other\.shape\[-2\]/);
    // geqrf / ormqr have no derivative in PyTorch 1.13: the forward works, backward throws
    const x = f64([[3, 1], [4, 2]]).requiresGrad_(true);
    expect(() => tg.geqrf(x).a.sum().backward()).toThrow("the derivative for 'geqrf' is not implemented.");
  });
  it('special functions: igamma has no derivative for input, mvlgamma p, shifts of floats', () => {
    const a = f64([1, 2]).requiresGrad_(true);
    expect(() => tg.igamma(a, f64([1, 1])).sum().backward()).toThrow("the derivative for 'igamma: input' is not implemented.");
    expect(() => tg.mvlgamma(f64([3]), 0)).toThrow(/^mvlgamma: p has to be greater than or equal to 1/);
    expect(() => tg.bitwiseLeftShift(tg.ones([3]), 1)).toThrow(new TypeError(`bitwise_left_shift: "lshift_cpu" not implemented for 'float32' (input of shape [3])`));
    // counts outside [0, bits): x86's masked counts, as PyTorch 1.13's C++ (Note [Shift counts])
    expect(Array.from(tg.bitwiseLeftShift(tg.tensor([7, 1], { dtype: 'int32' }), tg.tensor([33, -1], { dtype: 'int32' })).toTypedArray())).toEqual([14, -2147483648]);
    expect(tg.bitwiseLeftShift(tg.tensor([1, 3], { dtype: 'uint8' }), 8).tolist()).toEqual([0, 0]);
  });
});

describe('linalgx: values beyond the fixtures', () => {
  it('lu_solve on a batch with the four left/adjoint forms reconstructs B', () => {
    tg.manualSeed(5);
    const A = tg.randn([3, 4, 4], { dtype: 'float64' }).add(tg.eye(4, { dtype: 'float64' }).mul(4));
    const B = tg.randn([3, 4, 2], { dtype: 'float64' });
    const { LU, pivots } = tg.linalg.luFactor(A);
    const err = (t: Tensor): number => t.abs().max().item() as number;
    expect(err(A.matmul(tg.linalg.luSolve(LU, pivots, B)).sub(B))).toBeLessThan(1e-12);
    expect(err(A.transpose(-2, -1).matmul(tg.linalg.luSolve(LU, pivots, B, { adjoint: true })).sub(B))).toBeLessThan(1e-12);
    const Bt = B.transpose(-2, -1);
    expect(err(tg.linalg.luSolve(LU, pivots, Bt, { left: false }).matmul(A).sub(Bt))).toBeLessThan(1e-12);
    expect(err(tg.linalg.luSolve(LU, pivots, Bt, { left: false, adjoint: true }).matmul(A.transpose(-2, -1)).sub(Bt))).toBeLessThan(1e-12);
    const { P, L, U } = tg.linalg.lu(A);
    expect(err(P.matmul(L).matmul(U).sub(A))).toBeLessThan(1e-12);
  });
  it('matrix_exp: exp(A) exp(-A) = I and the exponential of a diagonal', () => {
    tg.manualSeed(6);
    const A = tg.randn([5, 5], { dtype: 'float64' }).mul(3);
    const I = tg.linalg.matrixExp(A).matmul(tg.linalg.matrixExp(A.neg()));
    expect(I.sub(tg.eye(5, { dtype: 'float64' })).abs().max().item()).toBeLessThan(1e-9);
    expect(tg.linalg.matrixExp(tg.diag(f64([1, -2]))).diagonal().tolist()).toEqual([Math.exp(1), Math.exp(-2)].map((v) => expect.closeTo(v, 14)));
  });
  it('composite ops work on non-contiguous views', () => {
    const A = f64([[4, 1, 2], [1, 3, 0], [2, 0, 5]]).t();
    expect(tg.linalg.luFactor(A).LU.tolist()).toEqual(tg.linalg.luFactor(A.contiguous()).LU.tolist());
    expect(tg.i0(A).tolist()).toEqual(tg.i0(A.contiguous()).tolist());
  });
});

describe('bugs of the same class found on the way', () => {
  it('isclose of bool tensors is equality, as PyTorch 1.13 (it threw "sub: subtraction with bool tensors")', () => {
    const a = tg.tensor([true, false, true], { dtype: 'bool' }), b = tg.tensor([true, true, true], { dtype: 'bool' });
    expect(tg.isclose(a, b).tolist()).toEqual([true, false, true]);
    expect(a.isclose(b, { rtol: 0.5, atol: 1 }).tolist()).toEqual([true, false, true]);
  });
});
