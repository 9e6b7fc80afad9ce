// The decompositions (lib/ops/linalg_chol.ts, linalg_qr_eig.ts, linalg_svd.ts, linalg_pinv.ts) beyond the PyTorch
// fixtures (linalg2.json, replayed by linalg.test.ts): error messages, accuracy against float64 at sizes 4, 40
// and 256 (the table in docs/numerics.md), sign conventions, null spaces, views as input.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const f64 = (v: number[][] | number[][][]): Tensor => tg.tensor(v, { dtype: 'float64' });
const fro = (t: Tensor): number => Math.sqrt(t.mul(t).sum().item() as number);
const eye = (n: number): Tensor => tg.eye(n, { dtype: 'float64' });
const mT = (t: Tensor): Tensor => t.transpose(-2, -1);

describe('decomposition errors', () => {
  it('cholesky of a non-positive-definite matrix: PyTorch 1.13 message, with the batch element', () => {
    const msg = 'The factorization could not be completed because the input is not positive-definite (the leading minor of order 2 is not positive-definite).';
    expect(() => tg.linalg.cholesky(f64([[1, 2], [2, 1]]))).toThrow(`linalg.cholesky: ${msg}`);
    expect(() => tg.cholesky(f64([[1, 2], [2, 1]]))).toThrow(`cholesky: ${msg}`);
    expect(() => tg.linalg.cholesky(f64([[[1, 0], [0, 1]], [[1, 2], [2, 1]]]))).toThrow(`linalg.cholesky: (Batch element 1): ${msg}`);
    expect(() => tg.linalg.choleskyEx(f64([[1, 2], [2, 1]]), { checkErrors: true })).toThrow(`linalg.cholesky_ex: ${msg}`);
    const { info } = tg.linalg.choleskyEx(f64([[[1, 0], [0, 1]], [[-1, 0], [0, 1]]]));
    expect(Array.from(info.toTypedArray())).toEqual([0, 1]);
  });
  it('non-square, 1-D and integer inputs name the op and the shape', () => {
    expect(() => tg.linalg.cholesky(tg.ones([2, 3]))).toThrow(/^linalg\.cholesky: A must be batches of square matrices, but they are 2 by 3 matrices \(shape \[2, 3\]\)/);
    expect(() => tg.linalg.eigh(tg.ones([4, 2, 3]))).toThrow(/^linalg\.eigh: A must be batches of square matrices, but they are 2 by 3/);
    expect(() => tg.linalg.qr(tg.ones([3]))).toThrow(/^linalg\.qr: The input tensor A must have at least 2 dimensions \(got shape \[3\]\)/);
    expect(() => tg.linalg.svd(tg.ones([3]))).toThrow(RangeError);
    const ints = tg.tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    for (const [name, fn] of [['linalg.cholesky', tg.linalg.cholesky], ['linalg.qr', tg.linalg.qr], ['linalg.eigh', tg.linalg.eigh],
      ['linalg.eigvalsh', tg.linalg.eigvalsh], ['linalg.svd', tg.linalg.svd], ['linalg.svdvals', tg.linalg.svdvals], ['linalg.pinv', tg.linalg.pinv],
      ['linalg.matrix_rank', tg.linalg.matrixRank]] as const) {
      expect(() => (fn as (a: Tensor) => unknown)(ints), name).toThrow(new TypeError(`${name}: Expected a floating point tensor as input. Got int32`));
    }
  });
  it('solve_triangular / cholesky_solve / lstsq: shapes and dtypes', () => {
    expect(() => tg.linalg.solveTriangular(eye(3), tg.ones([2, 2], { dtype: 'float64' }), { upper: true }))
      .toThrow('linalg.solve_triangular: Incompatible shapes of A and B for the equation (A of shape [3, 3], B of shape [2, 2])');
    expect(() => tg.linalg.solveTriangular(eye(3), tg.ones([3, 1]), { upper: true })).toThrow(new TypeError('linalg.solve_triangular: Expected A and B to have the same dtype, but found A of type float64 and B of type float32 instead'));
    expect(() => tg.linalg.solveTriangular(eye(3), tg.ones([3, 1], { dtype: 'float64' }))).toThrow(/upper must be a boolean/);
    expect(() => tg.choleskySolve(tg.ones([2, 2]), eye(2))).toThrow(TypeError);
    expect(() => tg.choleskySolve(tg.ones([2, 2]), tg.ones([2, 3]))).toThrow(/^cholesky_solve: input2 must be batches of square matrices/);
    expect(() => tg.linalg.lstsq(tg.ones([3, 2]), tg.ones([4, 1]))).toThrow(/^linalg\.lstsq: input\.size\(-2\) should match other\.size\(-2\) \(A of shape \[3, 2\], B of shape \[4, 1\]\)/);
    expect(() => tg.linalg.pinv(tg.ones([2, 3]), { hermitian: true })).toThrow(/^linalg\.pinv: A must be batches of square matrices/);
  });
  it('qr mode, eigh UPLO and svd driver are checked; qr backward where PyTorch has none throws its message', () => {
    expect(() => tg.linalg.qr(tg.ones([2, 2]), 'full' as 'r')).toThrow("linalg.qr: qr received unrecognized mode 'full'");
    expect(() => tg.linalg.eigh(tg.ones([2, 2]), 'X' as 'L')).toThrow("linalg.eigh: Expected UPLO argument to be 'L' or 'U', but got X");
    expect(() => tg.linalg.svd(tg.ones([2, 2]), { driver: 'gesvd' })).toThrow('linalg.svd: keyword argument `driver=` is only supported on CUDA');
    const A = tg.randn([3, 2], { dtype: 'float64' }).requiresGrad_(true);
    expect(() => tg.linalg.qr(A, 'r').R.sum().backward()).toThrow(/depends on Q, which is not computed when mode='r'/);
    expect(() => tg.linalg.qr(A, 'complete').Q.sum().backward()).toThrow(/not differentiable when mode='complete' and nrows > ncols/);
  });
});

describe('decomposition accuracy against float64 (docs/numerics.md)', () => {
  // Bounds ~10x the measured errors (docs/numerics.md's table), far below a wrong answer's O(1).
  for (const n of [4, 40, 256]) {
    it(`n=${n}: cholesky, qr, eigh, svd reconstruct A with orthonormal factors`, () => {
      tg.manualSeed(7 + n);
      const A = tg.randn([n, n], { dtype: 'float64' });
      const I = eye(n);
      const S = A.matmul(mT(A)).add(I.mul(n));
      const Sy = A.add(mT(A));
      const tol = 1e-14 * n;
      const L = tg.linalg.cholesky(S);
      expect(fro(L.matmul(mT(L)).sub(S)) / fro(S)).toBeLessThan(tol);
      expect(fro(L.sub(L.tril()))).toBe(0);
      const [Q, R] = tg.linalg.qr(A);
      expect(fro(Q.matmul(R).sub(A)) / fro(A)).toBeLessThan(tol);
      expect(fro(mT(Q).matmul(Q).sub(I))).toBeLessThan(tol);
      const [w, V] = tg.linalg.eigh(Sy);
      expect(fro(V.matmul(tg.diagEmbed(w)).matmul(mT(V)).sub(Sy)) / fro(Sy)).toBeLessThan(tol * 4);
      expect(fro(mT(V).matmul(V).sub(I))).toBeLessThan(tol * 4);
      const wv = Array.from(w.toTypedArray());
      expect(wv).toEqual([...wv].sort((a, b) => a - b)); // ascending, as LAPACK's
      const [U, s, Vh] = tg.linalg.svd(A);
      expect(fro(U.matmul(tg.diagEmbed(s)).matmul(Vh).sub(A)) / fro(A)).toBeLessThan(tol * 4);
      expect(fro(mT(U).matmul(U).sub(I))).toBeLessThan(tol * 4);
      expect(fro(Vh.matmul(mT(Vh)).sub(I))).toBeLessThan(tol * 4);
      const sv = Array.from(s.toTypedArray());
      expect(sv).toEqual([...sv].sort((a, b) => b - a));
      // singular values agree with eigh of A^T A (to its squared conditioning)
      const ev = Array.from(tg.linalg.eigvalsh(mT(A).matmul(A)).toTypedArray()).reverse();
      sv.forEach((x, i) => expect(Math.abs(x * x - ev[i]!)).toBeLessThan(1e-10 * ev[0]!));
    });
  }
  it('blocked Cholesky (Note [Native Cholesky], panels of 48): both triangles, and the failing minor of a later panel', () => {
    tg.manualSeed(130);
    const X = tg.randn([130, 130], { dtype: 'float64' });
    const A = X.matmul(mT(X)).add(eye(130).mul(130));
    const L = tg.linalg.cholesky(A), U = tg.linalg.cholesky(A, { upper: true });
    expect(fro(L.matmul(mT(L)).sub(A)) / fro(A)).toBeLessThan(1e-14);
    expect(fro(mT(U).sub(L))).toBe(0);
    const B = eye(100).clone();
    B.index([69, 69]).fill_(-1);
    expect(() => tg.linalg.cholesky(B)).toThrow('(the leading minor of order 70 is not positive-definite)');
    const { L: P, info } = tg.linalg.choleskyEx(B);
    expect([info.item(), P.index([69, 69]).item(), P.index([68, 68]).item()]).toEqual([70, -1, 1]);
  });
  it('float32 inputs are computed in float64 and rounded once: close to the float64 result', () => {
    tg.manualSeed(3);
    const A = tg.randn([20, 20], { dtype: 'float64' });
    const s64 = tg.linalg.svdvals(A), s32 = tg.linalg.svdvals(A.float());
    expect(s32.dtype).toBe('float32');
    expect(fro(s32.double().sub(tg.linalg.svdvals(A.float().double())))).toBeLessThan(1e-5);
    expect(fro(s32.double().sub(s64)) / fro(s64)).toBeLessThan(1e-6);
  });
});

describe('decomposition conventions', () => {
  it("eigenvectors: each one's entry of largest magnitude is positive (Note [Eigenvector signs])", () => {
    tg.manualSeed(11);
    const X = tg.randn([6, 6], { dtype: 'float64' });
    const V = tg.linalg.eigh(X.add(mT(X))).eigenvectors;
    for (let j = 0; j < 6; j++) {
      const col = Array.from(V.select(1, j).toTypedArray());
      const big = col.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      expect(big).toBeGreaterThan(0);
    }
  });
  it('eigh reads only the UPLO triangle; cholesky only its triangle', () => {
    const lower = f64([[2, 99], [1, 3]]), upper = f64([[2, 1], [99, 3]]);
    expect(Array.from(tg.linalg.eigvalsh(lower).toTypedArray())).toEqual(Array.from(tg.linalg.eigvalsh(upper, 'U').toTypedArray()));
    expect(Array.from(tg.linalg.cholesky(lower).toTypedArray())).toEqual(Array.from(tg.linalg.cholesky(upper, { upper: true }).t().toTypedArray()));
  });
  it('rank-deficient svd: U and Vh stay orthonormal (the null space is completed), matrixRank counts', () => {
    const A = f64([[1, 2, 3], [2, 4, 6], [1, 2, 3], [0, 0, 0]]);
    const [U, s, Vh] = tg.linalg.svd(A);
    expect(U.shape).toEqual([4, 4]);
    expect(fro(mT(U).matmul(U).sub(eye(4)))).toBeLessThan(1e-14);
    expect(fro(Vh.matmul(mT(Vh)).sub(eye(3)))).toBeLessThan(1e-14);
    expect(fro(U.narrow(1, 0, 3).matmul(tg.diagEmbed(s)).matmul(Vh).sub(A))).toBeLessThan(1e-13);
    expect(tg.linalg.matrixRank(A).item()).toBe(1);
    const x = tg.linalg.lstsq(A, f64([[1], [2], [1], [0]])).solution;
    expect(fro(x.sub(tg.linalg.pinv(A).matmul(f64([[1], [2], [1], [0]]))))).toBeLessThan(1e-14);
  });
  it('qr: R upper triangular, complete Q square; the result is [Q, R] and named', () => {
    const A = tg.randn([5, 3], { dtype: 'float64' });
    const r = tg.linalg.qr(A, 'complete');
    expect([r.Q.shape, r.R.shape]).toEqual([[5, 5], [5, 3]]);
    expect(fro(r.R.sub(r.R.triu()))).toBe(0);
    expect(fro(r.Q.matmul(r.R).sub(A))).toBeLessThan(1e-14);
    expect(tg.linalg.qr(A, 'r').Q.shape).toEqual([0]);
  });
  it('views read their values: a transposed input gives the contiguous copy\'s result', () => {
    const A = tg.randn([4, 3], { dtype: 'float64' });
    const At = A.t();
    expect(Array.from(tg.linalg.svdvals(At).toTypedArray())).toEqual(Array.from(tg.linalg.svdvals(At.contiguous()).toTypedArray()));
    expect(Array.from(tg.linalg.qr(At).R.toTypedArray())).toEqual(Array.from(tg.linalg.qr(At.contiguous()).R.toTypedArray()));
  });
  it('torch.svd returns V (not Vh), and zeros for compute_uv=false', () => {
    const A = tg.randn([4, 3], { dtype: 'float64' });
    const { U, S, V } = tg.svd(A);
    expect(fro(U.matmul(tg.diagEmbed(S)).matmul(mT(V)).sub(A))).toBeLessThan(1e-14);
    const z = tg.svd(A, { computeUv: false });
    expect([z.U.shape, z.V.shape, fro(z.U) + fro(z.V)]).toEqual([[4, 4], [3, 3], 0]);
  });
});
