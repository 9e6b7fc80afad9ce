// tg.linalg.pinv / matrixRank / lstsq on the float64 Jacobi SVD of linalg_svd.ts (eigh's for hermitian=true),
// per matrix of a batch. pinv's backward is PyTorch 1.13's pinv_backward; lstsq's (LinalgLstsqBackward0) goes
// through pinv as PyTorch's does (rows in autograd/derivatives_linalg2.ts).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { isFloat, type DType } from '../dtype.js';
import { record } from '../autograd/record.js';
import { fromValues } from './linalg_lu.js';
import { checkMatrix } from './linalg_chol.js';
import { symEig } from './linalg_qr_eig.js';
import { svdF64 } from './linalg_svd.js';
import { expand, unsqueeze } from './shape.js';

const EPS: Record<string, number> = { float32: 1.1920928955078125e-7, float64: 2.220446049250313e-16 };

/**
 * The singular cutoff as PyTorch 1.13's: max(atol, rtol * sigma_max), where rtol defaults to eps * max(m, n)
 * when atol is not given (or 0) and to 0 when it is.
 */
function cutoff(op: string, atol: number | null | undefined, rtol: number | null | undefined, dtype: DType, m: number, n: number): (smax: number) => number {
  for (const [nm, v] of [['atol', atol], ['rtol', rtol]] as const) {
    if (v !== null && v !== undefined && typeof v !== 'number') throw typeError(op, `${nm} must be a number or null, got ${typeof v}`);
  }
  const a = atol ?? 0;
  const r = rtol ?? (a > 0 ? 0 : EPS[dtype]! * Math.max(m, n));
  return (smax) => Math.max(a, r * smax);
}

/** Per matrix: the factors whose product with the reciprocals gives pinv, and the kept count. */
interface Spectral { U: Float64Array; s: Float64Array; Vh: Float64Array; k: number }

/** A = U diag(s) Vh per matrix; hermitian: from eigh (s = eigenvalues, Vh = V^T, U = V), sorted by |s| descending. */
function spectral(src: ArrayLike<number>, off: number, m: number, n: number, hermitian: boolean): Spectral {
  if (!hermitian) return { ...svdF64(src, off, m, n), k: Math.min(m, n) };
  const a = new Float64Array(n * n), w = new Float64Array(n), V = new Float64Array(n * n);
  // the lower triangle, as PyTorch's eigh-based path (UPLO='L')
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = src[off + (i >= j ? i * n + j : j * n + i)] as number;
  symEig(a, n, w, V);
  const Vh = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Vh[i * n + j] = V[j * n + i]!;
  return { U: V, s: w, Vh, k: n };
}

function checkHermitianArgs(op: string, A: Tensor, hermitian: boolean): { m: number; n: number; batch: number } {
  const dims = checkMatrix(op, A, 'A', hermitian);
  if (typeof hermitian !== 'boolean') throw typeError(op, `hermitian must be a boolean, got ${typeof hermitian}`);
  return dims;
}

/** pinv(A) = V diag(1/s, s > tol) U^T of every matrix, as float64 values. */
function pinvValues(op: string, A: Tensor, atol: number | null | undefined, rtol: number | null | undefined, hermitian: boolean): Float64Array {
  const { m, n, batch } = checkHermitianArgs(op, A, hermitian);
  const tolOf = cutoff(op, atol, rtol, A.dtype, m, n);
  const src = A._data as ArrayLike<number>;
  const out = new Float64Array(batch * n * m);
  for (let b = 0; b < batch; b++) {
    const { U, s, Vh, k } = spectral(src, b * m * n, m, n, hermitian);
    let smax = 0;
    for (let i = 0; i < k; i++) smax = Math.max(smax, Math.abs(s[i]!));
    const tol = tolOf(smax);
    const o = b * n * m;
    for (let r = 0; r < k; r++) {
      if (!(Math.abs(s[r]!) > tol)) continue;
      const inv = 1 / s[r]!;
      // out[i][j] += Vh[r][i] * inv * U[j][r]
      for (let i = 0; i < n; i++) {
        const f = Vh[r * n + i]! * inv;
        if (f !== 0) for (let j = 0; j < m; j++) out[o + i * m + j]! += f * U[j * k + r]!;
      }
    }
  }
  return out;
}

/**
 * The Moore-Penrose pseudoinverse of a matrix or batch, from its SVD (from eigh when `hermitian`), singular values
 * at or below max(atol, rtol * sigma_max) treated as zero (rtol defaults to eps * max(m, n) when atol is not
 * given, else to 0).
 *
 * linalg.pinv(A, *, atol=null, rtol=null, hermitian=false): LinalgPinvBackward0.
 *
 * @see torch.linalg.pinv
 * @example
 * ```ts
 * tg.linalg.pinv(tg.tensor([[1, 2], [3, 4], [5, 6]]))
 * // tensor([[-1.3333, -0.3333,  0.6667],
 * //         [ 1.0833,  0.3333, -0.4167]])
 * tg.linalg.pinv(tg.tensor([[1, 2], [2, 4]])) // rank 1
 * // tensor([[0.0400, 0.0800],
 * //         [0.0800, 0.1600]])
 * ```
 */
export function pinv(A: Tensor, atol: number | null = null, rtol: number | null = null, hermitian: boolean = false): Tensor {
  const v = pinvValues('linalg.pinv', A, atol, rtol, hermitian);
  const out = fromValues(v, [...A.shape.slice(0, -2), A.shape[A.dim() - 1]!, A.shape[A.dim() - 2]!], A.dtype);
  return record('linalgPinv', [A], out, () => ({ A, result: out }));
}

/**
 * The numerical rank of a matrix or batch: how many singular values (eigenvalue magnitudes when `hermitian`)
 * exceed max(atol, rtol * sigma_max), as an int64 tensor. Not differentiable.
 *
 * linalg.matrix_rank(A, *, atol=null, rtol=null, hermitian=false).
 *
 * @see torch.linalg.matrix_rank
 * @example
 * ```ts
 * tg.linalg.matrixRank(tg.tensor([[1, 2], [2, 4]])).item() // => 1
 * tg.linalg.matrixRank(tg.eye(3)) // tensor(3)
 * ```
 */
export function matrixRank(A: Tensor, atol: number | null = null, rtol: number | null = null, hermitian: boolean = false): Tensor {
  const op = 'linalg.matrix_rank';
  const { m, n, batch } = checkHermitianArgs(op, A, hermitian);
  const tolOf = cutoff(op, atol, rtol, A.dtype, m, n);
  const src = A._data as ArrayLike<number>;
  const ranks = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const { s, k } = spectral(src, b * m * n, m, n, hermitian);
    let smax = 0;
    for (let i = 0; i < k; i++) smax = Math.max(smax, Math.abs(s[i]!));
    const tol = tolOf(smax);
    for (let i = 0; i < k; i++) if (Math.abs(s[i]!) > tol) ranks[b]!++;
  }
  return fromValues(ranks, A.shape.slice(0, -2), 'int64');
}

export interface Lstsq {
  solution: Tensor; residuals: Tensor; rank: Tensor; singular_values: Tensor; singularValues: Tensor;
  0: Tensor; 1: Tensor; 2: Tensor; 3: Tensor; length: 4; [Symbol.iterator](): Iterator<Tensor>;
}

/**
 * The least-squares solution X minimizing ||A X - B|| (minimum-norm when A is rank-deficient), returned as
 * PyTorch's CPU default driver 'gelsy' returns it: `[solution, residuals, rank, singular_values]` (also by name),
 * residuals and singular_values empty tensors, rank an int64 tensor.
 *
 * linalg.lstsq(A, B, rcond=null, *, driver=null). The
 * solution comes from the SVD with singular values below rcond * sigma_max dropped (gelsy's rank decision uses
 * its QR's diagonal instead: the two agree away from the cutoff). LinalgLstsqBackward0.
 *
 * @see torch.linalg.lstsq
 * @example
 * ```ts
 * const A = tg.tensor([[1, 0], [1, 1], [1, 2]]) // fit y = a + b t through (0, 1), (1, 2), (2, 4)
 * const { solution, residuals, rank } = tg.linalg.lstsq(A, tg.tensor([[1], [2], [4]]))
 * solution
 * // tensor([[0.8333],
 * //         [1.5000]])
 * residuals // tensor([])
 * rank // tensor(2)
 * ```
 */
export function lstsq(A: Tensor, B: Tensor, rcond: number | null = null, driver: string | null = null): Lstsq {
  const op = 'linalg.lstsq';
  const { m, n } = checkMatrix(op, A, 'A', false);
  checkTensor(op, B, 'B');
  if (!isFloat(B.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${B.dtype}`);
  if (A.dtype !== B.dtype) throw typeError(op, `Expected A and B to have the same dtype, but found A of type ${A.dtype} and B of type ${B.dtype} instead`);
  if (driver !== null && driver !== undefined && !['gels', 'gelsy', 'gelsd', 'gelss'].includes(driver)) {
    throw rangeError(op, `parameter \`driver\` should be one of (gels, gelsy, gelsd, gelss), got ${String(driver)}`);
  }
  if (rcond !== null && rcond !== undefined && typeof rcond !== 'number') throw typeError(op, `rcond must be a number or null, got ${typeof rcond}`);
  // a vector (batch) when B is 1-D or has A's shape without the last dimension, as PyTorch decides
  const vector = B.dim() === 1 || (B.dim() === A.dim() - 1 && B.shape.every((d, i) => d === A.shape[i]));
  const Bm = vector ? unsqueeze(B, -1) : B;
  if (Bm.dim() < 2 || Bm.shape[Bm.dim() - 2] !== m) {
    throw rangeError(op, `input.size(-2) should match other.size(-2) (A of shape ${fmtShape(A.shape)}, B of shape ${fmtShape(B.shape)})`);
  }
  const k = Bm.shape[Bm.dim() - 1]!;
  const bsA = A.shape.slice(0, -2), bsB = Bm.shape.slice(0, -2);
  if (bsA.length !== bsB.length || bsA.some((d, i) => d !== bsB[i])) {
    // PyTorch broadcasts; one batch shape for both keeps the grads' shapes plain
    const nd = Math.max(bsA.length, bsB.length);
    const bs: number[] = [];
    for (let i = 0; i < nd; i++) {
      const x = bsA[bsA.length - nd + i] ?? 1, y = bsB[bsB.length - nd + i] ?? 1;
      if (x !== y && x !== 1 && y !== 1) throw rangeError(op, `Incompatible batch shapes of A ${fmtShape(A.shape)} and B ${fmtShape(B.shape)}`);
      bs.push(Math.max(x, y));
    }
    return lstsq(expand(A, [...bs, m, n]), expand(B, vector ? [...bs, m] : [...bs, m, k]), rcond, driver);
  }
  const count = bsA.reduce((p, d) => p * d, 1);
  const tolOf = cutoff(op, 0, rcond ?? EPS[A.dtype]! * Math.max(m, n), A.dtype, m, n);
  const a = A._data as ArrayLike<number>, bsrc = Bm._data as ArrayLike<number>;
  const X = new Float64Array(count * n * k), ranks = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    const { U, s, Vh } = svdF64(a, b * m * n, m, n);
    const q = Math.min(m, n);
    const tol = tolOf(s[0] ?? 0);
    for (let r = 0; r < q; r++) {
      if (!(s[r]! > tol)) continue;
      ranks[b]!++;
      // X += Vh[r]^T (U[:, r]^T B) / s[r]
      const c = new Float64Array(k);
      for (let i = 0; i < m; i++) {
        const u = U[i * q + r]!;
        if (u !== 0) for (let j = 0; j < k; j++) c[j]! += u * (bsrc[b * m * k + i * k + j] as number);
      }
      for (let i = 0; i < n; i++) {
        const f = Vh[r * n + i]! / s[r]!;
        for (let j = 0; j < k; j++) X[b * n * k + i * k + j]! += f * c[j]!;
      }
    }
  }
  const solution = fromValues(X, vector ? [...bsA, n] : [...bsA, n, k], A.dtype);
  record('linalgLstsq', [A, B], solution, () => ({ A, B, vector }));
  const empty = fromValues(new Float64Array(0), [0], A.dtype);
  const rank = fromValues(ranks, bsA, 'int64');
  const sv = fromValues(new Float64Array(0), [0], A.dtype);
  const r = [solution, empty, rank, sv] as unknown as Lstsq;
  r.solution = solution;
  r.residuals = empty;
  r.rank = rank;
  r.singular_values = sv;
  r.singularValues = sv;
  return r;
}
