// tg.linalg.cholesky / choleskyEx / solveTriangular, tg.cholesky (torch.cholesky) and tg.choleskySolve: plain
// float64 loops per matrix of a batch over x._data (float32 input accumulates in float64 and rounds once, as
// the LU of linalg_lu.ts does). Backward formulas are PyTorch 1.13's (rows in autograd/derivatives_linalg2.ts).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record } from '../autograd/record.js';
import { fromValues } from './linalg_lu.js';
import { native } from '../native.js';
import { expand } from './shape.js';

/** A float tensor of (batches of) matrices, square unless `square` is false: its rows, columns and batch count. */
export function checkMatrix(op: string, A: unknown, name = 'A', square = true): { m: number; n: number; batch: number } {
  checkTensor(op, A, name);
  if (!isFloat(A.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${A.dtype}`);
  if (A.dim() < 2) throw rangeError(op, `The input tensor ${name} must have at least 2 dimensions (got shape ${fmtShape(A.shape)}).`);
  const m = A.shape[A.dim() - 2]!, n = A.shape[A.dim() - 1]!;
  if (square && m !== n) throw rangeError(op, `${name} must be batches of square matrices, but they are ${m} by ${n} matrices (shape ${fmtShape(A.shape)})`);
  return { m, n, batch: A.shape.slice(0, -2).reduce((p, d) => p * d, 1) };
}

export const batchPrefix = (batched: boolean, b: number): string => (batched ? `(Batch element ${b}): ` : '');

/**
 * Note [Cholesky reads one triangle]: as LAPACK's potrf, the factorization reads only the lower triangle of A
 * (upper=true: the upper one) and never checks symmetry; L is lower (row-major) with zeros above. Returns 0,
 * or the order of the first leading minor that is not positive-definite (potrf's info).
 */
export function cholInPlace(src: ArrayLike<number>, off: number, n: number, upper: boolean, L: Float64Array): number {
  L.fill(0);
  for (let j = 0; j < n; j++) {
    let s = src[off + j * n + j] as number;
    for (let k = 0; k < j; k++) s -= L[j * n + k]! * L[j * n + k]!;
    if (!(s > 0)) {
      // potrf's partial result (linalg.cholesky_ex shows it): the failing pivot's value, A's own entries after it
      L[j * n + j] = s;
      for (let c = j; c < n; c++) for (let i = c + 1; i < n; i++) L[i * n + c] = (upper ? src[off + c * n + i] : src[off + i * n + c]) as number;
      for (let c = j + 1; c < n; c++) L[c * n + c] = src[off + c * n + c] as number;
      return j + 1;
    }
    const d = Math.sqrt(s);
    L[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = (upper ? src[off + j * n + i] : src[off + i * n + j]) as number;
      for (let k = 0; k < j; k++) t -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = t / d;
    }
  }
  return 0;
}

const BLOCKED_CHOL_MIN = 96;
const CHOL_NB = 32;

/**
 * Note [Blocked Cholesky]: the same factorization right-looking by panels of CHOL_NB columns: the diagonal block
 * and the panel below it in TypeScript, the trailing matrix updated by one native GEMM (A22 -= L21 L21^T). A
 * matrix that is not positive-definite is refactored by cholInPlace for potrf's exact partial result.
 */
function cholBlocked(src: ArrayLike<number>, off: number, n: number, upper: boolean, L: Float64Array): number {
  const a = L;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = j > i ? 0 : (upper ? src[off + j * n + i] : src[off + i * n + j]) as number;
  for (let k0 = 0; k0 < n; k0 += CHOL_NB) {
    const ke = Math.min(k0 + CHOL_NB, n);
    for (let j = k0; j < ke; j++) {
      let s = a[j * n + j]!;
      for (let k = k0; k < j; k++) s -= a[j * n + k]! * a[j * n + k]!;
      if (!(s > 0)) return cholInPlace(src, off, n, upper, L);
      const d = Math.sqrt(s);
      a[j * n + j] = d;
      for (let i = j + 1; i < n; i++) {
        let t = a[i * n + j]!;
        for (let k = k0; k < j; k++) t -= a[i * n + k]! * a[j * n + k]!;
        a[i * n + j] = t / d;
      }
    }
    const rest = n - ke, kb = ke - k0;
    if (rest === 0) break;
    const L21 = new Float64Array(rest * kb);
    for (let i = 0; i < rest; i++) for (let k = 0; k < kb; k++) L21[i * kb + k] = a[(ke + i) * n + k0 + k]!;
    const P = native.gemm(false, true, 1, rest, rest, kb, L21, L21, 0, 0, new Float64Array(rest * rest)) as Float64Array;
    for (let i = 0; i < rest; i++) {
      const row = (ke + i) * n + ke;
      for (let j = 0; j <= i; j++) a[row + j]! -= P[i * rest + j]!;
    }
  }
  return 0;
}

function transposeSq(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const t = a[i * n + j]!; a[i * n + j] = a[j * n + i]!; a[j * n + i] = t;
  }
}

/** The factors of every matrix, and potrf's info per matrix; `check` throws PyTorch's error on the first failure. */
function cholRaw(op: string, A: Tensor, upper: boolean, check: boolean): { L: Tensor; info: Int32Array } {
  const { n, batch } = checkMatrix(op, A);
  if (typeof upper !== 'boolean') throw typeError(op, `upper must be a boolean, got ${typeof upper}`);
  const src = A._data as ArrayLike<number>;
  const out = new Float64Array(batch * n * n);
  const info = new Int32Array(batch);
  const L = new Float64Array(n * n);
  for (let b = 0; b < batch; b++) {
    info[b] = n >= BLOCKED_CHOL_MIN ? cholBlocked(src, b * n * n, n, upper, L) : cholInPlace(src, b * n * n, n, upper, L);
    if (info[b] && check) {
      throw rangeError(op, `${batchPrefix(A.dim() > 2, b)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${info[b]} is not positive-definite).`);
    }
    if (upper) transposeSq(L, n);
    out.set(L, b * n * n);
  }
  return { L: fromValues(out, [...A.shape], A.dtype), info };
}

/**
 * The Cholesky factor of a symmetric positive-definite matrix or batch: lower-triangular L with A = L L^T
 * (`upper`: U with A = U^T U); throws naming the failing leading minor when A is not positive-definite.
 *
 * linalg.cholesky(A, upper=false): LinalgCholeskyExBackward0.
 *
 * @see torch.linalg.cholesky
 * @example
 * ```ts
 * const A = tg.tensor([[4, 2], [2, 3]])
 * const L = tg.linalg.cholesky(A)
 * // tensor([[2.0000, 0.0000],
 * //         [1.0000, 1.4142]])
 * L.matmul(L.t())
 * // tensor([[4., 2.],
 * //         [2., 3.]])
 * ```
 */
export function cholesky(A: Tensor, upper: boolean = false): Tensor {
  const { L } = cholRaw('linalg.cholesky', A, upper, true);
  return record('linalgCholesky', [A], L, () => ({ L, upper }));
}

export interface LInfo { L: Tensor; info: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }

/**
 * The Cholesky factor without throwing on a matrix that is not positive-definite: `[L, info]` (also `.L`,
 * `.info`), info an int32 tensor per matrix, 0 on success, else the order of the first leading minor that is not
 * positive-definite (`checkErrors`: throw as linalg.cholesky does).
 *
 * linalg.cholesky_ex(A, upper=false, check_errors=false).
 *
 * @see torch.linalg.cholesky_ex
 * @example
 * ```ts
 * tg.linalg.choleskyEx(tg.tensor([[4, 2], [2, 3]])).info // tensor(0, dtype=torch.int32)
 * tg.linalg.choleskyEx(tg.tensor([[1, 2], [2, 1]])).info // tensor(2, dtype=torch.int32)
 * ```
 */
export function choleskyEx(A: Tensor, upper: boolean = false, checkErrors: boolean = false): LInfo {
  const { L, info } = cholRaw('linalg.cholesky_ex', A, upper, checkErrors);
  record('linalgCholesky', [A], L, () => ({ L, upper }));
  const infoT = fromValues(Float64Array.from(info), A.shape.slice(0, -2), 'int32');
  const pair = [L, infoT] as unknown as LInfo;
  pair.L = L;
  pair.info = infoT;
  return pair;
}

/**
 * The Cholesky factor L (A = L L^T, or U with A = U^T U when `upper`) of a symmetric positive-definite matrix or
 * batch; deprecated in PyTorch in favour of tg.linalg.cholesky.
 *
 * torch.cholesky(input, upper=false): CholeskyBackward0.
 *
 * @see torch.cholesky
 * @example
 * ```ts
 * tg.cholesky(tg.tensor([[4, 2], [2, 3]]), { upper: true })
 * // tensor([[2.0000, 1.0000],
 * //         [0.0000, 1.4142]])
 * ```
 */
export function choleskyAlias(input: Tensor, upper: boolean = false): Tensor {
  const { L } = cholRaw('cholesky', input, upper, true);
  return record('cholesky', [input], L, () => ({ L, upper }));
}

/** Broadcast of two batch shapes, or null. */
function broadcastBatch(a: number[], b: number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
const expandTo = (x: Tensor, shape: number[]): Tensor => (sameShape(x.shape, shape) ? x : expand(x, shape));

/**
 * Solves T x = b in place for the m columns of the n x m row-major `b`, T the triangle of the n x n matrix at
 * `a[off..]` (`upper`; unit diagonal if `unit`; `trans`: T^T, i.e. the other triangle read transposed).
 */
export function triSolveInPlace(a: ArrayLike<number>, off: number, n: number, upper: boolean, unit: boolean, trans: boolean, b: Float64Array, m: number): void {
  const at = trans ? (i: number, k: number) => a[off + k * n + i] as number : (i: number, k: number) => a[off + i * n + k] as number;
  const up = upper !== trans; // the triangle of op(T) that holds its entries
  for (let s = 0; s < n; s++) {
    const i = up ? n - 1 - s : s;
    const k0 = up ? i + 1 : 0, k1 = up ? n : i;
    for (let k = k0; k < k1; k++) {
      const f = at(i, k);
      if (f !== 0) for (let j = 0; j < m; j++) b[i * m + j]! -= f * b[k * m + j]!;
    }
    if (!unit) {
      const d = at(i, i);
      for (let j = 0; j < m; j++) b[i * m + j]! /= d;
    }
  }
}

/** A and B's broadcast batch, with shape and dtype checks in PyTorch's words (B a batch of matrices). */
function pairShapes(op: string, A: Tensor, B: Tensor, nameB: string, rowsB: number): number[] {
  checkTensor(op, B, nameB);
  if (!isFloat(B.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${B.dtype}`);
  if (A.dtype !== B.dtype) throw typeError(op, `Expected A and ${nameB} to have the same dtype, but found A of type ${A.dtype} and ${nameB} of type ${B.dtype} instead`);
  if (B.dim() < 2) throw rangeError(op, `The input tensor ${nameB} must have at least 2 dimensions (got shape ${fmtShape(B.shape)}).`);
  const n = A.shape[A.dim() - 1]!;
  if (B.shape[B.dim() - 2 + (rowsB === -1 ? 1 : 0)] !== n) {
    throw rangeError(op, `Incompatible shapes of A and ${nameB} for the equation (A of shape ${fmtShape(A.shape)}, ${nameB} of shape ${fmtShape(B.shape)})`);
  }
  const batch = broadcastBatch(A.shape.slice(0, -2), B.shape.slice(0, -2));
  if (batch === null) throw rangeError(op, `Incompatible batch shapes of A ${fmtShape(A.shape)} and ${nameB} ${fmtShape(B.shape)}`);
  return batch;
}

/**
 * Solves the triangular system A X = B (`left`, the default) or X A = B, reading only A's upper (or lower)
 * triangle and, with `unitriangular`, taking its diagonal as ones; `upper` is required; batches broadcast.
 *
 * linalg.solve_triangular(A, B, *, upper, left=true, unitriangular=false): LinalgSolveTriangularBackward0.
 *
 * @see torch.linalg.solve_triangular
 * @example
 * ```ts
 * const A = tg.tensor([[2, 0], [1, 4]])
 * tg.linalg.solveTriangular(A, tg.tensor([[2], [9]]), { upper: false })
 * // tensor([[1.],
 * //         [2.]])
 * ```
 */
export function solveTriangular(A: Tensor, B: Tensor, upper: boolean, left: boolean = true, unitriangular: boolean = false): Tensor {
  const op = 'linalg.solve_triangular';
  const { n } = checkMatrix(op, A);
  if (typeof upper !== 'boolean') throw typeError(op, `upper must be a boolean (it is a required keyword argument), got ${typeof upper}`);
  if (typeof left !== 'boolean' || typeof unitriangular !== 'boolean') throw typeError(op, 'left and unitriangular must be booleans');
  const batch = pairShapes(op, A, B, 'B', left ? 0 : -1);
  const r = B.shape[B.dim() - 2]!, c = B.shape[B.dim() - 1]!;
  const Ae = expandTo(A, [...batch, n, n]), Be = expandTo(B, [...batch, r, c]);
  const count = batch.reduce((p, d) => p * d, 1);
  const a = Ae._data as ArrayLike<number>, src = Be._data as ArrayLike<number>;
  const out = new Float64Array(count * r * c);
  const m = left ? c : r; // right-hand sides
  const x = new Float64Array(n * m);
  for (let k = 0; k < count; k++) {
    // left: A X = B, X n x c. right: X A = B <=> A^T X^T = B^T, X^T n x r.
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) {
      const v = src[k * r * c + i * c + j] as number;
      if (left) x[i * m + j] = v; else x[j * m + i] = v;
    }
    triSolveInPlace(a, k * n * n, n, upper, unitriangular, !left, x, m);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[k * r * c + i * c + j] = left ? x[i * m + j]! : x[j * m + i]!;
  }
  const X = fromValues(out, [...batch, r, c], A.dtype);
  return record('linalgSolveTriangular', [Ae, Be], X, () => ({ A: Ae, result: X, upper, left, unitriangular }));
}

/**
 * Solves A X = input given A's Cholesky factor `input2` (L with A = L L^T, or U with A = U^T U when `upper`),
 * batched with broadcasting.
 *
 * torch.cholesky_solve(input, input2, upper=false): CholeskySolveBackward0.
 *
 * @see torch.cholesky_solve
 * @example
 * ```ts
 * const L = tg.linalg.cholesky(tg.tensor([[4, 2], [2, 3]]))
 * tg.choleskySolve(tg.tensor([[6], [5]]), L)
 * // tensor([[1.],
 * //         [1.]])
 * ```
 */
export function choleskySolve(input: Tensor, input2: Tensor, upper: boolean = false): Tensor {
  const op = 'cholesky_solve';
  const { n } = checkMatrix(op, input2, 'input2');
  if (typeof upper !== 'boolean') throw typeError(op, `upper must be a boolean, got ${typeof upper}`);
  checkTensor(op, input, 'input');
  if (input.dtype !== input2.dtype) throw typeError(op, `Expected b and A to have the same dtype, but found b of type ${input.dtype} and A of type ${input2.dtype} instead.`);
  const batch = pairShapes(op, input2, input, 'input', 0);
  const m = input.shape[input.dim() - 1]!;
  const Le = expandTo(input2, [...batch, n, n]), Be = expandTo(input, [...batch, n, m]);
  const count = batch.reduce((p, d) => p * d, 1);
  const a = Le._data as ArrayLike<number>, src = Be._data as ArrayLike<number>;
  const out = new Float64Array(count * n * m);
  const x = new Float64Array(n * m);
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < n * m; i++) x[i] = src[k * n * m + i] as number;
    // L L^T x = b: L y = b, then L^T x = y (upper: U^T y = b, then U x = y)
    triSolveInPlace(a, k * n * n, n, upper, false, upper, x, m);
    triSolveInPlace(a, k * n * n, n, upper, false, !upper, x, m);
    out.set(x, k * n * m);
  }
  const X = fromValues(out, [...batch, n, m], input.dtype);
  return record('choleskySolve', [Be, Le], X, () => ({ L: Le, result: X, upper }));
}
