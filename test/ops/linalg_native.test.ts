// The native float64 decompositions (native/cpu/linalg_kernels.cc through lib/ops/linalg_native.ts): blocked
// paths at sizes spanning several panels, batches (one matrix per kernel thread) against the matrices one by
// one, and the binding's operand checks. Accuracy at 4, 40 and 256 is in linalg_decomp.test.ts.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { native } from '../../lib/native.js';

const fro = (t: Tensor): number => Math.sqrt(t.mul(t).sum().item() as number);
const eye = (n: number): Tensor => tg.eye(n, { dtype: 'float64' });
const mT = (t: Tensor): Tensor => t.transpose(-2, -1);
const vals = (t: Tensor): number[] => Array.from(t.contiguous().toTypedArray() as Float64Array);

describe('native blocked decompositions', () => {
  it('qr of tall and wide matrices over several WY panels: Q R = A, Q orthonormal, R upper (complete and reduced)', () => {
    tg.manualSeed(41);
    for (const [m, n] of [[150, 70], [70, 150], [97, 97]] as const) {
      const A = tg.randn([m, n], { dtype: 'float64' });
      for (const mode of ['reduced', 'complete'] as const) {
        const [Q, R] = tg.linalg.qr(A, mode);
        expect(fro(Q.matmul(R).sub(A)) / fro(A)).toBeLessThan(1e-14);
        expect(fro(mT(Q).matmul(Q).sub(eye(Q.shape[1]!)))).toBeLessThan(1e-13);
        expect(fro(R.sub(R.triu()))).toBe(0);
      }
    }
  });
  it('solve_triangular over several TRSM blocks: each triangle, left and right, unit diagonal', () => {
    tg.manualSeed(42);
    const n = 150;
    const T = tg.randn([n, n], { dtype: 'float64' }).div(n).add(eye(n).mul(2));
    const B = tg.randn([n, 5], { dtype: 'float64' });
    for (const upper of [false, true]) for (const unitriangular of [false, true]) {
      const Tt = upper ? T.triu(unitriangular ? 1 : 0) : T.tril(unitriangular ? -1 : 0);
      const Tm = unitriangular ? Tt.add(eye(n)) : Tt;
      const X = tg.linalg.solveTriangular(T, B, { upper, unitriangular });
      expect(fro(Tm.matmul(X).sub(B)) / fro(B)).toBeLessThan(1e-14);
      const Y = tg.linalg.solveTriangular(T, mT(B), { upper, left: false, unitriangular });
      expect(fro(Y.matmul(Tm).sub(mT(B))) / fro(B)).toBeLessThan(1e-14);
    }
    const S = T.matmul(mT(T));
    const L = tg.linalg.cholesky(S);
    expect(fro(S.matmul(tg.choleskySolve(B, L)).sub(B)) / fro(B)).toBeLessThan(1e-13);
  });
  it('a batch (one matrix per thread) gives each matrix its own result: solve, inv, det, cholesky, qr, eigh, svd', () => {
    tg.manualSeed(43);
    const n = 100;
    const X = tg.randn([3, n, n], { dtype: 'float64' });
    const S = X.matmul(mT(X)).add(eye(n).mul(n));
    const Sy = X.add(mT(X));
    const B = tg.randn([3, n, 2], { dtype: 'float64' });
    const one = (f: (t: Tensor, i: number) => Tensor, batched: Tensor): void => {
      for (let i = 0; i < 3; i++) expect(vals(batched.select(0, i))).toEqual(vals(f(X.select(0, i), i)));
    };
    one((x, i) => tg.linalg.solve(x, B.select(0, i)), tg.linalg.solve(X, B));
    one((x) => tg.linalg.inv(x), tg.linalg.inv(X));
    one((x) => tg.linalg.det(x.div(4)), tg.linalg.det(X.div(4)));
    one((_, i) => tg.linalg.cholesky(S.select(0, i)), tg.linalg.cholesky(S));
    one((x) => tg.linalg.qr(x).R, tg.linalg.qr(X).R);
    one((_, i) => tg.linalg.eigh(Sy.select(0, i)).eigenvectors, tg.linalg.eigh(Sy).eigenvectors);
    one((x) => tg.linalg.svdvals(x), tg.linalg.svdvals(X));
    // and the batch is right, not only consistent
    expect(fro(X.matmul(tg.linalg.solve(X, B)).sub(B)) / fro(B)).toBeLessThan(1e-12);
    const { eigenvalues: w, eigenvectors: V } = tg.linalg.eigh(Sy);
    expect(fro(V.matmul(tg.diagEmbed(w)).matmul(mT(V)).sub(Sy)) / fro(Sy)).toBeLessThan(1e-13);
  });
  it('eigh of matrices with repeated and zero eigenvalues: orthonormal eigenvectors, exact spectrum', () => {
    tg.manualSeed(44);
    const n = 120;
    const [Q] = tg.linalg.qr(tg.randn([n, n], { dtype: 'float64' }));
    const d = tg.tensor(Array.from({ length: n }, (_, i) => (i < 40 ? 0 : i < 80 ? 3 : i - 80)), { dtype: 'float64' });
    const A = Q.matmul(tg.diagEmbed(d)).matmul(mT(Q));
    const { eigenvalues: w, eigenvectors: V } = tg.linalg.eigh(A.add(mT(A)).div(2));
    expect(fro(w.sub(d.sort().values))).toBeLessThan(1e-12);
    expect(fro(mT(V).matmul(V).sub(eye(n)))).toBeLessThan(1e-12);
  });
  // Note [Divide and conquer] (native/cpu/linalg_eig_kernels.cc): leaves of up to 32, merges above; the bounds are
  // LAPACK's (residual and orthogonality O(n eps)); a wrong merge (vector, root or deflation) gives O(1).
  const eighCheck = (A: Tensor, spectrum?: Tensor): void => {
    const n = A.shape[0]!;
    const { eigenvalues: w, eigenvectors: V } = tg.linalg.eigh(A);
    const nA = Math.max(fro(A), 1e-300);
    expect(fro(A.matmul(V).sub(V.mul(w))) / nA).toBeLessThan(1e-15 * n);
    expect(fro(mT(V).matmul(V).sub(eye(n)))).toBeLessThan(1e-15 * n);
    const wv = vals(w);
    expect(wv).toEqual([...wv].sort((a, b) => a - b));
    if (spectrum) expect(fro(w.sub(spectrum.sort().values)) / nA).toBeLessThan(1e-15 * n);
  };
  it('eigh by divide and conquer: random, graded (1 to 1e-15), clustered and negative spectra at 33 to 300', () => {
    tg.manualSeed(45);
    for (const n of [33, 64, 100, 256, 300]) {
      const X = tg.randn([n, n], { dtype: 'float64' });
      eighCheck(X.add(mT(X)));
      const [Q] = tg.linalg.qr(tg.randn([n, n], { dtype: 'float64' }));
      const spectra = [
        Array.from({ length: n }, (_, i) => 10 ** (-15 * i / (n - 1))),
        Array.from({ length: n }, (_, i) => (i % 4) - 1 + (i % 3) * 1e-13),
        Array.from({ length: n }, (_, i) => -1e8 * (1 + i / n)),
      ];
      for (const sp of spectra) {
        const d = tg.tensor(sp, { dtype: 'float64' });
        const A = Q.matmul(tg.diagEmbed(d)).matmul(mT(Q));
        eighCheck(A.add(mT(A)).div(2), d);
      }
    }
  });
  it('eigh of tridiagonal and split matrices (the merges\' deflation paths): Wilkinson, diagonal, zero couplings', () => {
    const n = 201;
    // Wilkinson's W: pairs of eigenvalues equal to many digits (the close-pair deflation rotations)
    const wil = tg.diag(tg.tensor(Array.from({ length: n }, (_, i) => Math.abs(i - 100)), { dtype: 'float64' }))
      .add(tg.diag(tg.ones([n - 1], { dtype: 'float64' }), 1)).add(tg.diag(tg.ones([n - 1], { dtype: 'float64' }), -1));
    eighCheck(wil);
    // the 1-2-1 Laplacian (known spectrum), with negative couplings
    const lap = tg.diag(tg.full([n], 2, { dtype: 'float64' })).add(tg.diag(tg.full([n - 1], -1, { dtype: 'float64' }), 1))
      .add(tg.diag(tg.full([n - 1], -1, { dtype: 'float64' }), -1));
    eighCheck(lap, tg.tensor(Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1))), { dtype: 'float64' }));
    // diagonal (every component deflates), and blocks coupled by zero at the cuts
    const dg = tg.tensor(Array.from({ length: n }, (_, i) => Math.sin(i)), { dtype: 'float64' });
    eighCheck(tg.diag(dg), dg);
    tg.manualSeed(46);
    const X = tg.randn([n, n], { dtype: 'float64' });
    const mask = tg.tensor(Array.from({ length: n * n }, (_, k) => (Math.floor(k / n / 50) === Math.floor((k % n) / 50) ? 1 : 0)), { dtype: 'float64' }).reshape([n, n]);
    eighCheck(X.add(mT(X)).mul(mask));
    eighCheck(tg.zeros([n, n], { dtype: 'float64' }), tg.zeros([n], { dtype: 'float64' }));
  });
  // Note [Jacobi first-order sweep] (native/cpu/linalg_kernels.cc): tiny-angle rotations applied at once by GEMM,
  // the others one by one; residual and orthogonality must stay at LAPACK's level, small singular values too.
  it('svd with graded (1 to 1e-15), repeated and clustered singular values, tall and wide, at 64 to 300', () => {
    tg.manualSeed(47);
    for (const [m, n] of [[64, 64], [256, 256], [300, 200], [200, 300]] as const) {
      const k = Math.min(m, n);
      const [P] = tg.linalg.qr(tg.randn([m, k], { dtype: 'float64' }));
      const [Q] = tg.linalg.qr(tg.randn([n, k], { dtype: 'float64' }));
      const spectra = [
        Array.from({ length: k }, (_, i) => 10 ** (-15 * i / (k - 1))),
        Array.from({ length: k }, (_, i) => [3, 2, 2, 1][i % 4]! + (i % 5) * 1e-13),
        Array.from({ length: k }, (_, i) => (i < k / 2 ? 1 : 0)),
      ];
      for (const sp of spectra) {
        const S = tg.tensor(sp, { dtype: 'float64' });
        const A = P.mul(S).matmul(mT(Q));
        const { U, S: s, Vh } = tg.linalg.svd(A, { fullMatrices: false });
        const tol = 1e-15 * Math.max(m, n);
        expect(fro(U.mul(s).matmul(Vh).sub(A)) / fro(A)).toBeLessThan(tol);
        expect(fro(mT(U).matmul(U).sub(eye(k)))).toBeLessThan(tol);
        expect(fro(Vh.matmul(mT(Vh)).sub(eye(k)))).toBeLessThan(tol);
        expect(fro(s.sub(S.sort({ descending: true }).values))).toBeLessThan(tol);
      }
      // a random matrix: the preconditioned path, where nearly every rotation is first-order
      const X = tg.randn([m, n], { dtype: 'float64' });
      const { U, S: s, Vh } = tg.linalg.svd(X, { fullMatrices: false });
      expect(fro(U.mul(s).matmul(Vh).sub(X)) / fro(X)).toBeLessThan(1e-15 * Math.max(m, n));
      expect(fro(mT(U).matmul(U).sub(eye(k)))).toBeLessThan(1e-15 * Math.max(m, n));
    }
  });
  it('the binding checks every operand against the shapes it is given (an error, not a write past the end)', () => {
    const a = new Float64Array(15), perm = new Int32Array(4), info = new Int32Array(2);
    expect(() => native.linalg(0, 1, 4, 4, 0, 0, a, null, null, null, perm, info)).toThrow('linalg: a has 15 elements, expected at least 16');
    expect(() => native.linalg(0, 1, 4, 4, 0, 0, new Float64Array(16), null, null, null, perm, null)).toThrow('linalg: info is required');
    expect(() => native.linalg(1, 1, 4, 4, 1, 0, new Float64Array(16), new Float64Array(4), null, null, new Int32Array([0, 1, 2, 9]), null)).toThrow('linalg: bad permutation');
    expect(() => native.linalg(6, 1, 3, 4, 0, 0, null, null, new Float64Array(12), new Float64Array(16), null, null)).toThrow('svd_jacobi needs m >= n');
    expect(() => native.linalg(99, 1, 1, 1, 0, 0, null, null, null, null, null, null)).toThrow('linalg: bad op code');
  });
});
