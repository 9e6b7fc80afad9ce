// tg.linalg.svd / svdvals and tg.svd (torch.svd): one-sided (Hestenes) Jacobi per matrix of a batch in float64
// over x._data, accurate to the matrix's rounding (relative accuracy of small singular values too), but
// O(sweeps mn^2) in plain TypeScript. Backward is PyTorch 1.13's svd_backward (autograd/derivatives_linalg2.ts).
import type { Tensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { fromValues, ownValues } from './linalg_lu.js';
import { checkMatrix } from './linalg_chol.js';
import { symEig } from './linalg_qr_eig.js';
import { qrBatch, svdJacobi } from './linalg_native.js';
import { transpose } from './shape.js';
import { matmul } from './linalg.js';

/**
 * SVD of the m x n row-major `a` with m >= n: U (m x uc), s (n, descending), Vh (n x n). W holds A's columns as
 * rows (contiguous), rotated pairwise until all are orthogonal; the rotations accumulate in Vh's rows.
 * Note [SVD null space]: columns of U for zero (or negligible) singular values, and U's extra columns when
 * uc > n, are an orthonormal completion of the others (from a complete QR of them), not 0.
 */
function jacobiSvd(a: ArrayLike<number>, off: number, m: number, n: number, trans: boolean, uc: number, U: Float64Array, s: Float64Array, Vh: Float64Array): void {
  const W = new Float64Array(n * m);
  // W row j = column j of the m x n matrix; `trans`: the matrix is the transpose of the n x m one at a[off..]
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) W[j * m + i] = (trans ? a[off + j * m + i] : a[off + i * n + j]) as number;
  Vh.fill(0);
  for (let i = 0; i < n; i++) Vh[i * n + i] = 1;
  if (n >= 8) precondition(W, m, n, Vh);
  svdJacobi(W, Vh, m, n); // the sweeps, natively (Note [Jacobi stopping])
  const eps = 2.220446049250313e-16;
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let t = 0;
    for (let i = 0; i < m; i++) t += W[j * m + i]! * W[j * m + i]!;
    norms[j] = Math.sqrt(t);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => norms[j]! - norms[i]!);
  const Vs = Float64Array.from(Vh);
  U.fill(0);
  const tiny = (norms[order[0] ?? 0] ?? 0) * Math.max(m, n) * eps;
  let good = 0;
  const bad: number[] = [];
  order.forEach((src, dst) => {
    s[dst] = norms[src]!;
    for (let i = 0; i < n; i++) Vh[dst * n + i] = Vs[src * n + i]!;
    if (norms[src]! > tiny && norms[src]! > 0) {
      for (let i = 0; i < m; i++) U[i * uc + dst] = W[src * m + i]! / norms[src]!;
      good++;
    } else if (dst < uc) bad.push(dst);
  });
  for (let j = n; j < uc; j++) bad.push(j);
  if (n >= 8) reorthogonalize(Vh, n);
  if (bad.length === 0) return;
  // Complete the good columns (the first `good` ones: the order is descending) to an orthonormal basis.
  const G = new Float64Array(m * Math.max(good, 1));
  const gc = Math.max(good, 1);
  for (let i = 0; i < m; i++) for (let j = 0; j < good; j++) G[i * gc + j] = U[i * uc + j]!;
  const Qf = good > 0 ? qrBatch(G, 1, m, gc, m).Q! : identity(m);
  bad.forEach((col, k) => {
    for (let i = 0; i < m; i++) U[i * uc + col] = Qf[i * m + good + k]!;
  });
}

/**
 * Note [Jacobi SVD preconditioning]: rotating W's rows (A's columns) by the eigenvectors of A^T A first leaves
 * them nearly orthogonal, so the one-sided Jacobi sweeps that follow converge in 2-3 sweeps instead of ~8-10.
 * The sweeps still decide the result (orthogonality to rounding, Jacobi's accuracy); the eigenvectors are only
 * an orthogonal change of basis, accumulated into Vh.
 */
function precondition(W: Float64Array, m: number, n: number, Vh: Float64Array): void {
  // G = W W^T and W' = V^T W on the native GEMM (no graph: nothing here requires grad)
  const Wt = fromValues(W, [n, m], 'float64');
  const G = Float64Array.from(matmul(Wt, transpose(Wt, 0, 1))._data as Float64Array);
  const w = new Float64Array(n), V = new Float64Array(n * n);
  symEig(G, n, w, V);
  const Vt = fromValues(V, [n, n], 'float64');
  W.set(matmul(transpose(Vt, 0, 1), Wt)._data as Float64Array);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) Vh[j * n + i] = V[i * n + j]!;
}

/**
 * Note [Jacobi Vh reorthogonalization]: Vh accumulates every rotation of every sweep; an ill-conditioned A (the
 * Gram preconditioner is blind to singular values below sqrt(eps) of the largest) takes many sweeps, and Vh's rows
 * drift from orthogonality by ~sqrt(rotations) eps (5e-13 at 256^2 with singular values 1 to 1e-15, LAPACK's
 * 3e-14). If an entry of Vh Vh^T - I exceeds 32 eps, its rows are replaced by the Q of a QR of Vh^T in the
 * order of descending singular values (Gram-Schmidt order): the correction of row j mixes in rows of larger
 * singular values and is scaled by s_j in U diag(s) Vh, so the reconstruction residual stays at its level.
 */
function reorthogonalize(Vh: Float64Array, n: number): void {
  const V = fromValues(Vh, [n, n], 'float64');
  const E = matmul(V, transpose(V, 0, 1))._data as Float64Array;
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(E[i * n + j]! - (i === j ? 1 : 0)));
  if (worst <= 32 * 2.220446049250313e-16) return;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = Vh[j * n + i]!;
  const Q = qrBatch(a, 1, n, n, n).Q!;
  for (let j = 0; j < n; j++) {
    const sg = a[j * n + j]! < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) Vh[j * n + i] = sg * Q[i * n + j]!;
  }
}

function identity(m: number): Float64Array {
  const I = new Float64Array(m * m);
  for (let i = 0; i < m; i++) I[i * m + i] = 1;
  return I;
}

/** The reduced SVD of the m x n row-major matrix at a[off..] in float64: U m x k, s (k), Vh k x n, k = min(m, n). */
export function svdF64(a: ArrayLike<number>, off: number, m: number, n: number): { U: Float64Array; s: Float64Array; Vh: Float64Array } {
  const k = Math.min(m, n);
  const tall = m >= n, M = tall ? m : n, N = tall ? n : m;
  const U = new Float64Array(M * N), s = new Float64Array(N), V = new Float64Array(N * N);
  jacobiSvd(a, off, M, N, !tall, N, U, s, V);
  if (tall) return { U, s, Vh: V };
  // A^T = U' S V'^T: U = V' (V holds V'^T), Vh = U'^T
  const Uo = new Float64Array(m * k), Vo = new Float64Array(k * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) Uo[i * k + j] = V[j * N + i]!;
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) Vo[i * n + j] = U[j * N + i]!;
  return { U: Uo, s, Vh: Vo };
}

/** U, S, Vh of every matrix of A (U m x (full ? m : k), Vh (full ? n : k) x n, k = min(m, n)). */
function svdRaw(op: string, A: Tensor, full: boolean): { U: Tensor; S: Tensor; Vh: Tensor } {
  const { m, n, batch } = checkMatrix(op, A, 'A', false);
  if (typeof full !== 'boolean') throw typeError(op, `full_matrices must be a boolean, got ${typeof full}`);
  const k = Math.min(m, n);
  const uc = full ? m : k, vr = full ? n : k;
  const src = A._data as ArrayLike<number>;
  for (let i = 0; i < src.length; i++) if (!Number.isFinite(src[i] as number)) throw rangeError(op, `The algorithm failed to converge because the input matrix contains non-finite values (shape ${fmtShape(A.shape)}).`);
  const Uv = new Float64Array(batch * m * uc), Sv = new Float64Array(batch * k), Vv = new Float64Array(batch * vr * n);
  // m >= n: Jacobi on A. m < n: on A^T = U' S V'^T, so U = V', Vh = U'^T.
  const tall = m >= n;
  const M = tall ? m : n, N = tall ? n : m, UC = tall ? uc : vr;
  const U = new Float64Array(M * UC), s = new Float64Array(N), V = new Float64Array(N * N);
  for (let b = 0; b < batch; b++) {
    jacobiSvd(src, b * m * n, M, N, !tall, UC, U, s, V);
    Sv.set(s, b * k);
    if (tall) {
      Uv.set(U, b * m * uc);
      Vv.set(V, b * vr * n);
    } else {
      // U (m x m) = V'^T's transpose = V' columns: U[i][j] = V'^T[j][i]... V here is V'^T (rows are V' columns)
      for (let i = 0; i < m; i++) for (let j = 0; j < uc; j++) Uv[b * m * uc + i * uc + j] = V[j * N + i]!;
      for (let i = 0; i < vr; i++) for (let j = 0; j < n; j++) Vv[b * vr * n + i * n + j] = U[j * UC + i]!;
    }
  }
  const bs = A.shape.slice(0, -2);
  return { U: ownValues(Uv, [...bs, m, uc], A.dtype), S: ownValues(Sv, [...bs, k], A.dtype), Vh: ownValues(Vv, [...bs, vr, n], A.dtype) };
}

export interface SVD { U: Tensor; S: Tensor; Vh: Tensor; 0: Tensor; 1: Tensor; 2: Tensor; length: 3; [Symbol.iterator](): Iterator<Tensor> }
export interface SVDV { U: Tensor; S: Tensor; V: Tensor; 0: Tensor; 1: Tensor; 2: Tensor; length: 3; [Symbol.iterator](): Iterator<Tensor> }

/** PyTorch's `driver` picks a cuSOLVER routine: CUDA only, an error on CPU as PyTorch's. */
function checkDriver(op: string, driver: string | null | undefined): void {
  if (driver !== null && driver !== undefined) throw typeError(op, 'keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend.');
}

function triple<P>(names: [string, string, string], ts: [Tensor, Tensor, Tensor]): P {
  const p = [...ts] as unknown as Record<string, Tensor>;
  names.forEach((nm, i) => (p[nm] = ts[i]!));
  return p as unknown as P;
}

/**
 * The singular value decomposition A = U diag(S) Vh of a matrix or batch: `[U, S, Vh]` (also `.U`, `.S`, `.Vh`),
 * S descending; `fullMatrices` (default true): U m x m and Vh n x n, else U m x k and Vh k x n, k = min(m, n).
 * Singular vectors are unique only up to sign, so compare reconstructions or S rather than U and Vh. `driver` is
 * CUDA-only in PyTorch and throws here as on a CPU tensor there.
 *
 * linalg.svd(A, full_matrices=true, driver=null): LinalgSvdBackward0.
 *
 * @see torch.linalg.svd
 * @example
 * ```ts
 * const A = tg.tensor([[4, 2], [2, 3]])
 * const { U, S, Vh } = tg.linalg.svd(A)
 * S // tensor([5.5616, 1.4384])
 * U.matmul(tg.diag(S)).matmul(Vh)
 * // tensor([[4.0000, 2.0000],
 * //         [2.0000, 3.0000]])
 * tg.linalg.svd(tg.tensor([[1, 2, 3], [4, 5, 6]]), { fullMatrices: false }).Vh.shape // => [2, 3]
 * ```
 */
export function svd(A: Tensor, fullMatrices: boolean = true, driver: string | null = null): SVD {
  checkDriver('linalg.svd', driver);
  const { U, S, Vh } = svdRaw('linalg.svd', A, fullMatrices);
  record('linalgSvd', [A], [U, S, Vh], () => ({ U, S, Vh, full: fullMatrices }));
  return triple<SVD>(['U', 'S', 'Vh'], [U, S, Vh]);
}

/**
 * The singular values of a matrix or batch, descending.
 *
 * linalg.svdvals(A, driver=null): LinalgSvdBackward0.
 *
 * @see torch.linalg.svdvals
 * @example
 * ```ts
 * tg.linalg.svdvals(tg.tensor([[1, 2, 3], [4, 5, 6]])) // tensor([9.5080, 0.7729])
 * ```
 */
export function svdvals(A: Tensor, driver: string | null = null): Tensor {
  checkDriver('linalg.svdvals', driver);
  const { U, S, Vh } = svdRaw('linalg.svdvals', A, false);
  // U and Vh are hidden outputs of the same node (PyTorch's _linalg_svd under svdvals when grad is needed), so
  // a double backward reaches A through them too.
  record('linalgSvd', [A], [U, S, Vh], () => ({ U, S, Vh, full: false }));
  return S;
}

/**
 * The singular value decomposition input = U diag(S) V^T: `[U, S, V]` (also by name), S descending, V (not Vh)
 * a transpose view; `some` (default true) gives the reduced U and V, false the full ones; `computeUv` false: zero
 * U (m x m) and V (n x n), as PyTorch's. Deprecated in PyTorch in favour of tg.linalg.svd.
 *
 * torch.svd(input, some=true, compute_uv=true): V's TransposeBackward0 over LinalgSvdBackward0, as PyTorch's.
 *
 * @see torch.svd
 * @example
 * ```ts
 * const A = tg.tensor([[4, 2], [2, 3]])
 * const { U, S, V } = tg.svd(A)
 * S // tensor([5.5616, 1.4384])
 * U.matmul(tg.diag(S)).matmul(V.t())
 * // tensor([[4.0000, 2.0000],
 * //         [2.0000, 3.0000]])
 * ```
 */
export function svdV(input: Tensor, some: boolean = true, computeUv: boolean = true): SVDV {
  if (typeof some !== 'boolean' || typeof computeUv !== 'boolean') throw typeError('svd', 'some and compute_uv must be booleans');
  if (!computeUv) {
    const S = svdvals(input);
    const m = input.shape[input.dim() - 2]!, n = input.shape[input.dim() - 1]!, bs = input.shape.slice(0, -2);
    const z = (r: number) => fromValues(new Float64Array(bs.reduce((p, d) => p * d, 1) * r * r), [...bs, r, r], input.dtype);
    return triple<SVDV>(['U', 'S', 'V'], [noGrad(() => z(m)), S, noGrad(() => z(n))]);
  }
  const { U, S, Vh } = svdRaw('svd', input, !some);
  record('linalgSvd', [input], [U, S, Vh], () => ({ U, S, Vh, full: !some }));
  return triple<SVDV>(['U', 'S', 'V'], [U, S, transpose(Vh, -2, -1)]);
}
