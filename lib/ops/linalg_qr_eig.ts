// tg.linalg.qr (Householder, LAPACK geqrf/orgqr's reflectors and signs) and tg.linalg.eigh / eigvalsh
// (tridiagonalization + implicit QL, cyclic Jacobi as the fallback), per matrix of a batch in float64 over x._data. Backward formulas are PyTorch 1.13's (rows in
// autograd/derivatives_linalg2.ts).
import type { Tensor } from '../tensor.js';
import { typeError, rangeError } from '../errors.js';
import { record } from '../autograd/record.js';
import { fromValues } from './linalg_lu.js';
import { checkMatrix } from './linalg_chol.js';

/**
 * Householder QR of the m x n row-major `a` in place (LAPACK geqrf): R on and above the diagonal, the
 * reflectors' tails below it (v[k] = 1 implicit), tau per reflector. Note [QR signs]: as dlarfg, beta =
 * -sign(alpha) ||x|| (sign(0) = +) and tau = 0 when the column's tail is already 0, so R's diagonal and Q's
 * columns have LAPACK's signs, i.e. PyTorch's.
 */
export function householder(a: Float64Array, m: number, n: number): Float64Array {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const w = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    const alpha = a[c * n + c]!;
    let xn = 0;
    for (let i = c + 1; i < m; i++) xn += a[i * n + c]! * a[i * n + c]!;
    if (xn === 0) continue;
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, Math.sqrt(xn));
    tau[c] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = c + 1; i < m; i++) a[i * n + c]! *= scale;
    a[c * n + c] = beta;
    // apply H = I - tau v v^T to the trailing columns: w = v^T A, A -= tau v w
    for (let j = c + 1; j < n; j++) w[j] = a[c * n + j]!;
    for (let i = c + 1; i < m; i++) {
      const vi = a[i * n + c]!;
      if (vi !== 0) for (let j = c + 1; j < n; j++) w[j]! += vi * a[i * n + j]!;
    }
    const t = tau[c]!;
    for (let j = c + 1; j < n; j++) a[c * n + j]! -= t * w[j]!;
    for (let i = c + 1; i < m; i++) {
      const f = t * a[i * n + c]!;
      if (f !== 0) for (let j = c + 1; j < n; j++) a[i * n + j]! -= f * w[j]!;
    }
  }
  return tau;
}

/** The first q columns of Q = H_0 ... H_{k-1} (LAPACK orgqr), m x q row-major, from householder()'s output. */
export function formQ(a: Float64Array, m: number, n: number, tau: Float64Array, q: number): Float64Array {
  const Q = new Float64Array(m * q);
  for (let i = 0; i < Math.min(m, q); i++) Q[i * q + i] = 1;
  const w = new Float64Array(q);
  for (let c = tau.length - 1; c >= 0; c--) {
    const t = tau[c]!;
    if (t === 0) continue;
    for (let j = c; j < q; j++) w[j] = Q[c * q + j]!;
    for (let i = c + 1; i < m; i++) {
      const vi = a[i * n + c]!;
      if (vi !== 0) for (let j = c; j < q; j++) w[j]! += vi * Q[i * q + j]!;
    }
    for (let j = c; j < q; j++) Q[c * q + j]! -= t * w[j]!;
    for (let i = c + 1; i < m; i++) {
      const f = t * a[i * n + c]!;
      if (f !== 0) for (let j = c; j < q; j++) Q[i * q + j]! -= f * w[j]!;
    }
  }
  return Q;
}

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
  const src = A._data;
  const Qv = new Float64Array(mode === 'r' ? 0 : batch * m * qc);
  const Rv = new Float64Array(batch * rr * n);
  const a = new Float64Array(m * n);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < m * n; i++) a[i] = src[b * m * n + i] as number;
    const tau = householder(a, m, n);
    for (let i = 0; i < Math.min(rr, m); i++) for (let j = i; j < n; j++) Rv[b * rr * n + i * n + j] = a[i * n + j]!;
    if (mode !== 'r') Qv.set(formQ(a, m, n, tau, qc), b * m * qc);
  }
  const bs = A.shape.slice(0, -2);
  const Q = fromValues(Qv, mode === 'r' ? [0] : [...bs, m, qc], A.dtype);
  const R = fromValues(Rv, [...bs, rr, n], A.dtype);
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

/**
 * Symmetric eigen-decomposition by Householder tridiagonalization and the implicit QL algorithm with shifts
 * (EISPACK's tred2/tql2, as in JAMA): ~9n^3 flops against cyclic Jacobi's ~8n^3 per sweep. V holds the
 * symmetric matrix on entry (only its lower triangle is read) and the eigenvectors as columns on return; w the
 * eigenvalues ascending. Returns false if QL did not converge (the caller falls back to Jacobi).
 */
export function tridiagEigh(V: Float64Array, n: number, d: Float64Array): boolean {
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0, h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) { d[j] = V[(i - 1) * n + j]!; V[i * n + j] = 0; V[j * n + i] = 0; }
    } else {
      for (let k = 0; k < i; k++) { d[k]! /= scale; h += d[k]! * d[k]!; }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        V[j * n + i] = f;
        g = e[j]! + V[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) { g += V[k * n + j]! * d[k]!; e[k]! += V[k * n + j]! * f; }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) { e[j]! /= h; f += e[j]! * d[j]!; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!; g = e[j]!;
        for (let k = j; k <= i - 1; k++) V[k * n + j]! -= f * e[k]! + g * d[k]!;
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]!;
    V[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1]! * V[k * n + j]!;
        for (let k = 0; k <= i; k++) V[k * n + j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) { d[j] = V[(n - 1) * n + j]!; V[(n - 1) * n + j] = 0; }
  if (n > 0) V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
  // tql2
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  if (n > 0) e[n - 1] = 0;
  let f = 0, tst1 = 0;
  const eps = 2.220446049250313e-16;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) { if (Math.abs(e[m]!) <= eps * tst1) break; m++; }
    if (m === n) m = n - 1;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) return false;
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1, c2 = c, c3 = c, s = 0, s2 = 0;
        const el1 = e[l + 1]!;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          g = c * e[i]!; h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r; c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            const vk = k * n;
            h = V[vk + i + 1]!;
            V[vk + i + 1] = s * V[vk + i]! + c * h;
            V[vk + i] = c * V[vk + i]! - s * h;
          }
        }
        p = -s * s2 * c3 * el1 * e[l]! / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  return true;
}

/** Sorts eigenpairs ascending and applies Note [Eigenvector signs], in place. */
function sortEig(n: number, w: Float64Array, V: Float64Array): void {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => w[i]! - w[j]!);
  const Vs = Float64Array.from(V), ws = Float64Array.from(w);
  order.forEach((src, dst) => {
    w[dst] = ws[src]!;
    let big = 0;
    for (let r = 0; r < n; r++) if (Math.abs(Vs[r * n + src]!) > Math.abs(big)) big = Vs[r * n + src]!;
    const sg = big < 0 ? -1 : 1;
    for (let r = 0; r < n; r++) V[r * n + dst] = sg * Vs[r * n + src]!;
  });
}

/** Eigenpairs of the symmetric n x n `a` (destroyed): tridiagonal QL, Jacobi if QL does not converge. */
export function symEig(a: Float64Array, n: number, w: Float64Array, V: Float64Array): void {
  V.set(a);
  if (tridiagEigh(V, n, w)) return sortEig(n, w, V);
  jacobiEigh(a, n, w, V);
}

function eighRaw(op: string, A: Tensor, UPLO: string): { L: Tensor; V: Tensor } {
  const { n, batch } = checkMatrix(op, A);
  if (UPLO !== 'L' && UPLO !== 'U') throw rangeError(op, `Expected UPLO argument to be 'L' or 'U', but got ${String(UPLO)}`);
  const src = A._data;
  const Lv = new Float64Array(batch * n), Vv = new Float64Array(batch * n * n);
  const a = new Float64Array(n * n), w = new Float64Array(n), V = new Float64Array(n * n);
  for (let b = 0; b < batch; b++) {
    // Only the UPLO triangle is read (as LAPACK's syevd): the other is its mirror.
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const lower = UPLO === 'L' ? i >= j : i <= j;
      a[i * n + j] = src[b * n * n + (lower ? i * n + j : j * n + i)] as number;
    }
    symEig(a, n, w, V);
    for (let i = 0; i < n; i++) if (w[i] !== w[i]) throw rangeError(op, `${b ? `(Batch element ${b}): ` : ''}The algorithm failed to converge because the input matrix contains non-finite values.`);
    Lv.set(w, b * n);
    Vv.set(V, b * n * n);
  }
  const bs = A.shape.slice(0, -2);
  return { L: fromValues(Lv, [...bs, n], A.dtype), V: fromValues(Vv, [...bs, n, n], A.dtype) };
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
