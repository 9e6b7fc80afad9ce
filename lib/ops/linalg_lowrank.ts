// torch.svd_lowrank and torch.pca_lowrank: the randomized low-rank SVD of Halko, Martinsson and Tropp (2009),
// Algorithms 4.4 and 5.1, as torch/_lowrank.py writes them, composed from randn, linalg.qr, linalg.svd and
// matmul (so differentiable through those). tensorgrad's forms take a generator for the random projection.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import * as C from './creation.js';
import * as S from './shape.js';
import * as E from './elementwise.js';
import { matmul } from './linalg.js';
import { qr } from './linalg_qr_eig.js';
import { svd } from './linalg_svd.js';
import { mean } from './reduce.js';
import type { Generator } from './random.js';

type Gen = Generator | null | undefined;
const mT = (x: Tensor): Tensor => S.transpose(x, -2, -1);

/** Q with q orthonormal columns such that Q Q^T (A - M) approximates A - M (torch/_lowrank.py's get_approximate_basis). */
function approximateBasis(A: Tensor, q: number, niter: number, M: Tensor | null, g: Gen): Tensor {
  const n = A.shape[A.ndim - 1] as number;
  const R = C.randn([n, q], { generator: g ?? null, dtype: A.dtype });
  const sub = (x: Tensor, m: Tensor | null, r: Tensor): Tensor => (m === null ? matmul(x, r) : E.sub(matmul(x, r), matmul(m, r)));
  let Q = qr(sub(A, M, R)).Q;
  const AH = mT(A), MH = M === null ? null : mT(M);
  for (let i = 0; i < niter; i++) {
    Q = qr(sub(AH, MH, Q)).Q;
    Q = qr(sub(A, M, Q)).Q;
  }
  return Q;
}

function checkA(op: string, A: Tensor): [number, number] {
  checkTensor(op, A, 'A');
  if (A.ndim < 2) throw rangeError(op, `expected a matrix or a batch of matrices, got shape ${fmtShape(A.shape)}`);
  if (!isFloat(A.dtype)) throw typeError(op, `expected a floating point tensor, got ${A.dtype} (shape ${fmtShape(A.shape)})`);
  return [A.shape[A.ndim - 2] as number, A.shape[A.ndim - 1] as number];
}
function checkNiter(op: string, niter: unknown): number {
  if (typeof niter !== 'number' || !Number.isInteger(niter) || niter < 0) throw rangeError(op, `niter(=${typeof niter === 'number' ? niter : describe(niter)}) must be non-negative integer`);
  return niter;
}

function svdLowrankImpl(A: Tensor, q: number, niter: number, M: Tensor | null, g: Gen): [Tensor, Tensor, Tensor] {
  const m = A.shape[A.ndim - 2] as number, n = A.shape[A.ndim - 1] as number;
  if (m < n || n > q) {
    // the SVD of the transpose keeps B small (m < n) or V small (n > q), as PyTorch's
    const Q = approximateBasis(mT(A), q, niter, M === null ? null : mT(M), g);
    const Bt = M === null ? matmul(A, Q) : E.sub(matmul(A, Q), matmul(M, Q));
    const { U, S: s, Vh } = svd(Bt, false);
    return [U, s, matmul(Q, mT(Vh))];
  }
  const Q = approximateBasis(A, q, niter, M, g);
  const B = M === null ? matmul(mT(A), Q) : E.sub(matmul(mT(A), Q), matmul(mT(M), Q));
  const { U, S: s, Vh } = svd(mT(B), false);
  return [matmul(Q, U), s, mT(Vh)];
}

/**
 * A randomized SVD [U, S, V] of a low-rank matrix (or batch) A, A ≈ U diag(S) V^T, of rank q (default 6),
 * with niter subspace iterations (default 2); with M, of A - M. Draws its random projection from `generator`.
 *
 * @see torch.svd_lowrank
 * @example
 * ```ts
 * const A = tg.tensor([[1, 2], [2, 4], [3, 6]], { dtype: 'float64' })
 * const [U, S, V] = tg.svdLowrank(A, 1, { generator: new tg.Generator(0) })
 * S.tolist().map((s) => Math.round(s * 1e6) / 1e6) // => [8.3666]
 * ```
 */
export function svdLowrank(A: Tensor, q: number | null = 6, niter: number | null = 2, M: Tensor | null = null, generator?: Gen): [Tensor, Tensor, Tensor] {
  const op = 'svdLowrank';
  const [m, n] = checkA(op, A);
  const k = q ?? 6;
  if (!Number.isInteger(k) || k < 0) throw rangeError(op, `q must be a non-negative integer, got ${describe(q)}`);
  if (k > Math.min(m, n)) throw rangeError(op, `q(=${k}) must not be greater than min(m, n)=${Math.min(m, n)} (A of shape ${fmtShape(A.shape)})`);
  if (M !== null && M !== undefined) {
    checkTensor(op, M, 'M');
    if (M.dtype !== A.dtype) throw typeError(op, `expected M of A's dtype ${A.dtype}, got ${M.dtype} (shape ${fmtShape(M.shape)})`);
  }
  return svdLowrankImpl(A, k, checkNiter(op, niter ?? 2), M ?? null, generator);
}

/**
 * A randomized principal component analysis of A (m samples by n features, or a batch): [U, S, V] of the
 * centered A (center true) with q components (default min(6, m, n)); V's columns are the principal directions.
 *
 * @see torch.pca_lowrank
 * @example
 * ```ts
 * const A = tg.tensor([[1, 2], [2, 4.1], [3, 6]], { dtype: 'float64' })
 * const [U, S, V] = tg.pcaLowrank(A, 1, { generator: new tg.Generator(0) })
 * V.shape // => [2, 1]
 * ```
 */
export function pcaLowrank(A: Tensor, q: number | null = null, center = true, niter = 2, generator?: Gen): [Tensor, Tensor, Tensor] {
  const op = 'pcaLowrank';
  const [m, n] = checkA(op, A);
  const k = q ?? Math.min(6, m, n);
  if (!Number.isInteger(k) || k < 0 || k > Math.min(m, n)) throw rangeError(op, `q(=${k}) must be non-negative integer and not greater than min(m, n)=${Math.min(m, n)}`);
  const it = checkNiter(op, niter);
  if (typeof center !== 'boolean') throw typeError(op, `center must be a boolean, got ${describe(center)}`);
  if (!center) return svdLowrankImpl(A, k, it, null, generator);
  return svdLowrankImpl(E.sub(A, mean(A, -2, true)), k, it, null, generator);
}
