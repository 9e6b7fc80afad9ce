// tg.linalg.qr (Householder, LAPACK geqrf/orgqr's reflectors and signs) and tg.linalg.eigh / eigvalsh
// (tridiagonalization + implicit QL, cyclic Jacobi as the fallback), in float64 native kernels over a batch. Backward formulas are PyTorch 1.13's (rows in
// autograd/derivatives_linalg2.ts).
import type { Tensor } from '../tensor.js';
import { typeError, rangeError } from '../errors.js';
import { record } from '../autograd/record.js';
import { fromValues, ownValues } from './linalg_lu.js';
import { checkMatrix } from './linalg_chol.js';
import { f64Copy, qrBatch, eighBatch } from './linalg_native.js';

/**
 * Note [QR signs]: as dlarfg, beta = -sign(alpha) ||x|| (sign(0) = +) and tau = 0 when the column's tail is
 * already 0, so R's diagonal and Q's columns have LAPACK's signs, i.e. PyTorch's. The factorization is blocked
 * Householder (geqrf/orgqr with compact WY blocks over the GEMM) in native code (lib/ops/linalg_native.ts).
 */
export interface QR { Q: Tensor; R: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }
const pairOf = <P>(a: Tensor, b: Tensor, na: string, nb: string): P => {
  const p = [a, b] as unknown as Record<string, Tensor>;
  p[na] = a;
  p[nb] = b;
  return p as unknown as P;
};

/**
 * The QR decomposition A = Q R of a matrix or batch: `[Q, R]` (also `.Q`, `.R`), Q with orthonormal columns, R
 * upper triangular; 'reduced' (default): Q m x k, R k x n, k = min(m, n); 'complete': Q m x m, R m x n; 'r': R
 * only (Q an empty tensor, as PyTorch's). Signs are LAPACK's Householder ones (R's diagonal may be negative).
 *
 * linalg.qr(A, mode='reduced'): LinalgQrBackward0.
 *
 * @see torch.linalg.qr
 * @example
 * ```ts
 * const A = tg.tensor([[4, 2], [2, 3]])
 * const { Q, R } = tg.linalg.qr(A)
 * R
 * // tensor([[-4.4721, -3.1305],
 * //         [ 0.0000,  1.7889]])
 * Q.matmul(R)
 * // tensor([[4., 2.],
 * //         [2., 3.]])
 * ```
 */
export function qr(A: Tensor, mode: 'reduced' | 'complete' | 'r' = 'reduced'): QR {
  const op = 'linalg.qr';
  const { m, n, batch } = checkMatrix(op, A, 'A', false);
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') {
    throw rangeError(op, `qr received unrecognized mode '${String(mode)}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  }
  const k = Math.min(m, n);
  const qc = mode === 'complete' ? m : k; // Q's columns
  const rr = mode === 'complete' ? m : k; // R's rows
  const a = f64Copy(A._data as ArrayLike<number>, 0, batch * m * n);
  const Qv = qrBatch(a, batch, m, n, mode === 'r' ? null : qc).Q ?? new Float64Array(0);
  const Rv = new Float64Array(batch * rr * n);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < Math.min(rr, m); i++) for (let j = i; j < n; j++) Rv[b * rr * n + i * n + j] = a[b * m * n + i * n + j]!;
  }
  const bs = A.shape.slice(0, -2);
  const Q = ownValues(Qv, mode === 'r' ? [0] : [...bs, m, qc], A.dtype);
  const R = ownValues(Rv, [...bs, rr, n], A.dtype);
  record('linalgQr', [A], [Q, R], () => ({ Q, R, mode }));
  return pairOf<QR>(Q, R, 'Q', 'R');
}

/**
 * Eigen-decomposition of the symmetric n x n row-major `a` (destroyed) by cyclic Jacobi: eigenvalues
 * ascending (LAPACK's order) into w, eigenvectors as the columns of V (n x n row-major).
 * Note [Eigenvector signs]: an eigenvector's sign is not unique; LAPACK's (so PyTorch's) depends on its
 * algorithm's path. tensorgrad makes the entry of largest magnitude of each eigenvector positive, so results
 * are reproducible; compare with PyTorch's up to sign (the tests do).
 */
export function jacobiEigh(a: Float64Array, n: number, w: Float64Array, V: Float64Array): void {
  V.fill(0);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i]! * a[i * n + i]!;
      for (let j = i + 1; j < n; j++) off += a[i * n + j]! * a[i * n + j]!;
    }
    if (off === 0 || off < 1e-34 * diag) break;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) {
      const apq = a[p * n + q]!;
      if (apq === 0) continue;
      const app = a[p * n + p]!, aqq = a[q * n + q]!;
      if (Math.abs(apq) < 1e-18 * Math.sqrt(Math.abs(app * aqq))) { a[p * n + q] = a[q * n + p] = 0; continue; }
      const theta = (aqq - app) / (2 * apq);
      const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let r = 0; r < n; r++) {
        const arp = a[r * n + p]!, arq = a[r * n + q]!;
        a[r * n + p] = c * arp - s * arq;
        a[r * n + q] = s * arp + c * arq;
      }
      for (let r = 0; r < n; r++) {
        const apr = a[p * n + r]!, aqr = a[q * n + r]!;
        a[p * n + r] = c * apr - s * aqr;
        a[q * n + r] = s * apr + c * aqr;
      }
      a[p * n + q] = a[q * n + p] = 0;
      for (let r = 0; r < n; r++) {
        const vrp = V[r * n + p]!, vrq = V[r * n + q]!;
        V[r * n + p] = c * vrp - s * vrq;
        V[r * n + q] = s * vrp + c * vrq;
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i * n + i]! - a[j * n + j]!);
  const Vs = Float64Array.from(V);
  order.forEach((src, dst) => {
    w[dst] = a[src * n + src]!;
    let big = 0;
    for (let r = 0; r < n; r++) if (Math.abs(Vs[r * n + src]!) > Math.abs(big)) big = Vs[r * n + src]!;
    const sg = big < 0 ? -1 : 1;
    for (let r = 0; r < n; r++) V[r * n + dst] = sg * Vs[r * n + src]!;
  });
}

/** Eigenpairs of the symmetric n x n `a` (its lower triangle; destroyed): native tridiagonal QL (Note [Native
 * eigh] in native/cpu/linalg_kernels.cc), cyclic Jacobi if QL does not converge. */
export function symEig(a: Float64Array, n: number, w: Float64Array, V: Float64Array): void {
  const r = eighBatch(Float64Array.from(a), 1, n);
  if (r.info[0]) return jacobiEigh(a, n, w, V);
  w.set(r.w);
  V.set(r.V);
}

/** @internal eigh's values and vectors, recording nothing (symeig records its own node). */
export function eighRaw(op: string, A: Tensor, UPLO: string): { L: Tensor; V: Tensor } {
  const { n, batch } = checkMatrix(op, A);
  if (UPLO !== 'L' && UPLO !== 'U') throw rangeError(op, `Expected UPLO argument to be 'L' or 'U', but got ${String(UPLO)}`);
  const src = A._data;
  // Only the UPLO triangle is read (as LAPACK's syevd): the native kernel reads the lower one, so 'U' transposes.
  const a = new Float64Array(batch * n * n);
  for (let b = 0; b < batch; b++) for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    a[b * n * n + i * n + j] = src[b * n * n + (UPLO === 'L' ? i * n + j : j * n + i)] as number;
  }
  const { w: Lv, V: Vv, info } = eighBatch(a, batch, n); // a is destroyed: a fallback re-reads src
  const w = new Float64Array(n), V = new Float64Array(n * n);
  for (let b = 0; b < batch; b++) {
    if (info[b]) {
      const ab = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
        ab[i * n + j] = ab[j * n + i] = src[b * n * n + (UPLO === 'L' ? i * n + j : j * n + i)] as number;
      }
      jacobiEigh(ab, n, w, V);
      Lv.set(w, b * n);
      Vv.set(V, b * n * n);
    }
    for (let i = 0; i < n; i++) if (Lv[b * n + i] !== Lv[b * n + i]) throw rangeError(op, `${b ? `(Batch element ${b}): ` : ''}The algorithm failed to converge because the input matrix contains non-finite values.`);
  }
  const bs = A.shape.slice(0, -2);
  return { L: ownValues(Lv, [...bs, n], A.dtype), V: ownValues(Vv, [...bs, n, n], A.dtype) };
}

export interface Eigh { eigenvalues: Tensor; eigenvectors: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }

/**
 * The eigendecomposition A = V diag(w) V^T of a symmetric matrix or batch, read from its lower (`UPLO` 'L') or
 * upper triangle: `[eigenvalues, eigenvectors]` (also by name), eigenvalues ascending, eigenvectors as the
 * columns of V. Eigenvectors are unique only up to sign: tensorgrad makes each column's largest-magnitude entry
 * positive (Note [Eigenvector signs]), which may differ from PyTorch's LAPACK signs.
 *
 * linalg.eigh(A, UPLO='L'): LinalgEighBackward0.
 *
 * @see torch.linalg.eigh
 * @example
 * ```ts
 * const A = tg.tensor([[4, 2], [2, 3]])
 * const { eigenvalues, eigenvectors: V } = tg.linalg.eigh(A)
 * eigenvalues // tensor([1.4384, 5.5616])
 * V.matmul(tg.diag(eigenvalues)).matmul(V.t())
 * // tensor([[4.0000, 2.0000],
 * //         [2.0000, 3.0000]])
 * ```
 */
export function eigh(A: Tensor, UPLO: 'L' | 'U' = 'L'): Eigh {
  const { L, V } = eighRaw('linalg.eigh', A, UPLO);
  record('linalgEigh', [A], [L, V], () => ({ L, V }));
  return pairOf<Eigh>(L, V, 'eigenvalues', 'eigenvectors');
}

/**
 * The eigenvalues of a symmetric matrix or batch (its `UPLO` triangle), ascending.
 *
 * linalg.eigvalsh(A, UPLO='L'): LinalgEighBackward0 (its grad needs the vectors).
 *
 * @see torch.linalg.eigvalsh
 * @example
 * ```ts
 * tg.linalg.eigvalsh(tg.tensor([[4, 2], [2, 3]])) // tensor([1.4384, 5.5616])
 * ```
 */
export function eigvalsh(A: Tensor, UPLO: 'L' | 'U' = 'L'): Tensor {
  if (typeof UPLO !== 'string') throw typeError('linalg.eigvalsh', `UPLO must be 'L' or 'U', got ${typeof UPLO}`);
  const { L, V } = eighRaw('linalg.eigvalsh', A, UPLO);
  // V is a hidden output of the same node (as PyTorch's linalg_eigh under eigvalsh), so a double backward
  // reaches A through it too.
  record('linalgEigh', [A], [L, V], () => ({ L, V }));
  return L;
}
