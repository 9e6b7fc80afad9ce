// tg.linalg.cholesky / choleskyEx / solveTriangular, tg.cholesky (torch.cholesky) and tg.choleskySolve: native
// float64 kernels over a batch (lib/ops/linalg_native.ts; float32 input is computed in float64 and rounds once,
// as the LU of linalg_lu.ts does). Backward formulas are PyTorch 1.13's (rows in autograd/derivatives_linalg2.ts).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record } from '../autograd/record.js';
import { fromValues, ownValues } from './linalg_lu.js';
import { choleskyBatch, trsmBatch, f64Copy } from './linalg_native.js';
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
  // Note [Native Cholesky]: potrf blocked in native code (lib/ops/linalg_native.ts) on the lower triangle (upper:
  // the transpose); a matrix that is not positive-definite is refactored by cholInPlace for potrf's exact
  // partial result, which linalg.cholesky_ex shows.
  const out = f64Copy(src, 0, batch * n * n);
  if (upper) for (let b = 0; b < batch; b++) transposeSq(out.subarray(b * n * n, (b + 1) * n * n), n);
  const info = choleskyBatch(out, batch, n);
  const L = new Float64Array(n * n);
  for (let b = 0; b < batch; b++) {
    if (!info[b]) continue;
    if (check) {
      throw rangeError(op, `${batchPrefix(A.dim() > 2, b)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${info[b]} is not positive-definite).`);
    }
    info[b] = cholInPlace(src, b * n * n, n, upper, L);
    out.set(L, b * n * n);
  }
  if (upper) for (let b = 0; b < batch; b++) transposeSq(out.subarray(b * n * n, (b + 1) * n * n), n);
  return { L: ownValues(out, [...A.shape], A.dtype), info };
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
  const m = left ? c : r; // right-hand sides
  // left: A X = B, X n x c. right: X A = B <=> A^T X^T = B^T, X^T n x r.
  const x = left ? f64Copy(src, 0, count * r * c) : new Float64Array(count * r * c);
  if (!left) {
    for (let k = 0; k < count; k++) for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) x[k * r * c + j * m + i] = src[k * r * c + i * c + j] as number;
  }
  trsmBatch(f64Copy(a, 0, count * n * n), x, count, n, m, upper, unitriangular, !left);
  let out = x;
  if (!left) {
    out = new Float64Array(count * r * c);
    for (let k = 0; k < count; k++) for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[k * r * c + i * c + j] = x[k * r * c + j * m + i]!;
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
  const out = f64Copy(src, 0, count * n * m), t = f64Copy(a, 0, count * n * n);
  // L L^T x = b: L y = b, then L^T x = y (upper: U^T y = b, then U x = y)
  trsmBatch(t, out, count, n, m, upper, false, upper);
  trsmBatch(t, out, count, n, m, upper, false, !upper);
  const X = fromValues(out, [...batch, n, m], input.dtype);
  return record('choleskySolve', [Be, Le], X, () => ({ L: Le, result: X, upper }));
}
