// The LU factorization as a result (linalg.lu_factor / lu_factor_ex / lu / lu_solve, torch.lu, lu_solve,
// lu_unpack), linalg.matrix_exp, torch.cholesky_inverse and torch.triangular_solve: forward in float64 on the
// native LU and triangular solves (lib/ops/linalg_native.ts), backward rows in autograd/derivatives_linalgx.ts
// (PyTorch 1.13's formulas and node names).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape, describe } from '../errors.js';
import { isFloat, type DType } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { fromValues } from './linalg_lu.js';
import { luBatch, luSolveBatch, trsmBatch, f64Copy } from './linalg_native.js';
import { expand, transpose } from './shape.js';

/**
 * PyTorch's named tuples (torch.return_types.linalg_lu, ...): the fields as an array, in order, that also has
 * each field by name (non-enumerable), printed as Python's structseq repr.
 */
export function named<T extends Record<string, Tensor>>(name: string, fields: T): T & Tensor[] {
  const keys = Object.keys(fields), r = keys.map((k) => fields[k]!);
  for (const k of keys) Object.defineProperty(r, k, { value: fields[k], enumerable: false });
  const repr = (): string => `torch.return_types.${name}(\n${keys.map((k) => `${k}=${String(fields[k])}`).join(',\n')})`;
  Object.defineProperty(r, 'toString', { value: repr, enumerable: false });
  Object.defineProperty(r, Symbol.for('nodejs.util.inspect.custom'), { value: repr, enumerable: false });
  return r as never;
}

function checkFloatMatrix(op: string, A: unknown, name: string, square: boolean): asserts A is Tensor {
  checkTensor(op, A, name);
  if (!isFloat(A.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${A.dtype}`);
  if (A.dim() < 2) throw rangeError(op, `The input tensor ${name} must have at least 2 dimensions (got shape ${fmtShape(A.shape)}).`);
  const r = A.shape[A.dim() - 2]!, c = A.shape[A.dim() - 1]!;
  if (square && r !== c) throw rangeError(op, `${name} must be batches of square matrices, but they are ${r} by ${c} matrices (shape ${fmtShape(A.shape)})`);
}

function broadcastBatch(op: string, a: Tensor, b: Tensor, an: string, bn: string): number[] {
  const x = a.shape.slice(0, -2), y = b.shape.slice(0, -2), n = Math.max(x.length, y.length), out: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = x[x.length - n + i] ?? 1, q = y[y.length - n + i] ?? 1;
    if (p !== q && p !== 1 && q !== 1) throw rangeError(op, `Incompatible batch shapes of ${an} ${fmtShape(a.shape)} and ${bn} ${fmtShape(b.shape)}`);
    out.push(p === 1 ? q : p);
  }
  return out;
}
const expandTo = (t: Tensor, shape: number[]): Tensor => (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : expand(t, shape));
const prod = (s: readonly number[]): number => s.reduce((p, d) => p * d, 1);

/** LAPACK getf2 on one m x n row-major matrix in place: partial pivoting, ipiv 1-based, info = first zero pivot. */
function getrfRect(a: Float64Array, off: number, m: number, n: number, ipiv: Int32Array, poff: number): number {
  let info = 0;
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    let p = j, best = Math.abs(a[off + j * n + j]!);
    for (let i = j + 1; i < m; i++) {
      const v = Math.abs(a[off + i * n + j]!);
      if (v > best) (best = v), (p = i);
    }
    ipiv[poff + j] = p + 1;
    const piv = a[off + p * n + j]!;
    if (piv !== 0) {
      if (p !== j) for (let c = 0; c < n; c++) [a[off + j * n + c], a[off + p * n + c]] = [a[off + p * n + c]!, a[off + j * n + c]!];
      for (let i = j + 1; i < m; i++) a[off + i * n + j]! /= piv;
    } else if (info === 0) info = j + 1;
    for (let i = j + 1; i < m; i++) {
      const l = a[off + i * n + j]!;
      if (l !== 0) for (let c = j + 1; c < n; c++) a[off + i * n + c]! -= l * a[off + j * n + c]!;
    }
  }
  return info;
}

/** Row permutation -> LAPACK's ipiv (the unique swap sequence with ipiv[i] >= i + 1 that gives it). */
function permToPivots(perm: Int32Array, poff: number, n: number, out: Int32Array, ooff: number): void {
  const cur = Array.from({ length: n }, (_, i) => i), pos = cur.slice();
  for (let i = 0; i < n; i++) {
    const j = pos[perm[poff + i]!]!;
    out[ooff + i] = j + 1;
    const a = cur[i]!, b = cur[j]!;
    cur[i] = b, cur[j] = a, pos[b] = i, pos[a] = j;
  }
}

/** ipiv (1-based swaps of m rows, k of them) -> perm: row i of P^T A is row perm[i] of A. */
function pivotsToPerm(piv: ArrayLike<number | bigint>, off: number, k: number, m: number, op: string): Int32Array {
  const perm = Int32Array.from({ length: m }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const p = Number(piv[off + i]) - 1;
    if (p < i || p >= m) throw rangeError(op, `pivots must hold LAPACK's 1-based row swaps: pivots[${i}] = ${p + 1} is out of range [${i + 1}, ${m}]`);
    [perm[i], perm[p]] = [perm[p]!, perm[i]!];
  }
  return perm;
}

interface Factor { lu: Float64Array; piv: Int32Array; info: Int32Array; m: number; n: number; count: number }
function factor(A: Tensor): Factor {
  const m = A.shape[A.dim() - 2]!, n = A.shape[A.dim() - 1]!, k = Math.min(m, n);
  const count = m * n === 0 ? prod(A.shape.slice(0, -2)) : A.numel() / (m * n);
  const lu = f64Copy(A._data as ArrayLike<number>, 0, count * m * n);
  const piv = new Int32Array(count * k), info = new Int32Array(count);
  if (m === n && n > 0) {
    const r = luBatch(lu, count, n);
    for (let b = 0; b < count; b++) {
      permToPivots(r.perm, b * n, n, piv, b * n);
      info[b] = r.info[2 * b]!;
    }
  } else for (let b = 0; b < count; b++) info[b] = getrfRect(lu, b * m * n, m, n, piv, b * k);
  return { lu, piv, info, m, n, count };
}

const checkPivot = (op: string, pivot: unknown): void => {
  if (typeof pivot !== 'boolean') throw typeError(op, `pivot must be a boolean, got ${describe(pivot)}`);
  if (!pivot) throw rangeError(op, 'LU without pivoting is not implemented on the CPU');
};

/** `{ LU, pivots, info }` of linalg.lu_factor_ex / torch.lu(get_infos=true). */
export interface LUFactorEx { LU: Tensor; pivots: Tensor; info: Tensor; 0: Tensor; 1: Tensor; 2: Tensor; length: 3; [Symbol.iterator](): Iterator<Tensor> }
/** `{ LU, pivots }` of linalg.lu_factor / torch.lu. */
export interface LUFactor { LU: Tensor; pivots: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }
/** `{ P, L, U }` of linalg.lu / torch.lu_unpack. */
export interface PLU { P: Tensor; L: Tensor; U: Tensor; 0: Tensor; 1: Tensor; 2: Tensor; length: 3; [Symbol.iterator](): Iterator<Tensor> }

function luFactorImpl(op: string, A: Tensor, pivot: boolean, checkErrors: boolean): LUFactorEx {
  checkFloatMatrix(op, A, 'A', false);
  checkPivot(op, pivot);
  const f = factor(A);
  const batched = A.dim() > 2;
  if (checkErrors) {
    for (let b = 0; b < f.count; b++) {
      if (f.info[b]) throw rangeError(op, `${batched ? `(Batch element ${b}): ` : ''}The factorization could not be completed because the input is not invertible (U[${f.info[b]}, ${f.info[b]}] is zero). (A of shape ${fmtShape(A.shape)})`);
    }
  }
  const k = Math.min(f.m, f.n);
  const LU = fromValues(f.lu, [...A.shape], A.dtype);
  const pivots = fromValues(Float64Array.from(f.piv), [...A.shape.slice(0, -2), k], 'int32');
  const info = fromValues(Float64Array.from(f.info), A.shape.slice(0, -2), 'int32');
  record('linalgLuFactorEx', [A], LU, () => ({ LU, pivots }));
  return named('linalg_lu_factor_ex', { LU, pivots, info }) as unknown as LUFactorEx;
}

/**
 * The LU factorization with partial pivoting of a matrix (or batch), compact: `LU` holds L below the diagonal
 * (unit diagonal implied) and U on and above it, `pivots` LAPACK's 1-based row swaps (int32), `info` per
 * matrix 0 or the index of the first zero pivot of U. A may be rectangular. `checkErrors` throws on a
 * singular matrix.
 *
 * linalg.lu_factor_ex(A, *, pivot=True, check_errors=False): LinalgLuFactorExBackward0.
 *
 * @see torch.linalg.lu_factor_ex
 * @example
 * ```ts
 * const { LU, pivots, info } = tg.linalg.luFactorEx(tg.tensor([[1, 2], [3, 4]]))
 * LU // tensor([[3.0000, 4.0000], [0.3333, 0.6667]])
 * pivots // tensor([2, 2], dtype=torch.int32)
 * info.item() // => 0
 * ```
 */
export function luFactorEx(A: Tensor, pivot: boolean = true, checkErrors: boolean = false): LUFactorEx {
  if (typeof checkErrors !== 'boolean') throw typeError('linalg.lu_factor_ex', `check_errors must be a boolean, got ${describe(checkErrors)}`);
  return luFactorImpl('linalg.lu_factor_ex', A, pivot, checkErrors);
}

/**
 * The compact LU factorization with partial pivoting (`{ LU, pivots }`; see linalg.luFactorEx), throwing on
 * a singular matrix.
 *
 * @see torch.linalg.lu_factor
 * @example
 * ```ts
 * const { LU, pivots } = tg.linalg.luFactor(tg.tensor([[4, 0], [2, 1]]))
 * tg.linalg.luSolve(LU, pivots, tg.tensor([[8], [6]])) // tensor([[2.], [2.]])
 * ```
 */
export function luFactor(A: Tensor, pivot: boolean = true): LUFactor {
  const { LU, pivots } = luFactorImpl('linalg.lu_factor', A, pivot, true);
  return named('linalg_lu_factor', { LU, pivots }) as unknown as LUFactor;
}

/**
 * torch.lu(A, pivot=True, get_infos=False): the compact LU factorization `[LU, pivots]`, or
 * `[LU, pivots, infos]` with `getInfos` (which then does not throw on a singular matrix). Deprecated in
 * PyTorch for linalg.lu_factor(_ex).
 *
 * @see torch.lu
 * @example
 * ```ts
 * const [LU, pivots] = tg.lu(tg.tensor([[1, 2], [3, 4]]))
 * pivots // tensor([2, 2], dtype=torch.int32)
 * ```
 */
export function lu(input: Tensor, pivot: boolean = true, getInfos: boolean = false): LUFactor | LUFactorEx {
  if (typeof getInfos !== 'boolean') throw typeError('lu', `get_infos must be a boolean, got ${describe(getInfos)}`);
  const r = luFactorImpl('lu', input, pivot, !getInfos);
  return getInfos ? r : ([r.LU, r.pivots] as unknown as LUFactor);
}

/** P (float, A's dtype), L and U as float64 arrays from compact factors. */
function unpackValues(lu: ArrayLike<number>, piv: ArrayLike<number | bigint>, count: number, m: number, n: number, op: string, wantP: boolean, wantLU: boolean) {
  const k = Math.min(m, n);
  const P = new Float64Array(wantP ? count * m * m : 0), L = new Float64Array(wantLU ? count * m * k : 0), U = new Float64Array(wantLU ? count * k * n : 0);
  for (let b = 0; b < count; b++) {
    if (wantP) {
      const perm = pivotsToPerm(piv, b * k, k, m, op);
      for (let i = 0; i < m; i++) P[b * m * m + perm[i]! * m + i] = 1; // A = P L U: row perm[i] of A is row i of L U
    }
    if (!wantLU) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) L[b * m * k + i * k + j] = i === j ? 1 : i > j ? lu[b * m * n + i * n + j]! : 0;
    for (let i = 0; i < k; i++) for (let j = i; j < n; j++) U[b * k * n + i * n + j] = lu[b * m * n + i * n + j]!;
  }
  return { P, L, U };
}

/**
 * The LU factorization with partial pivoting as three matrices, `A = P L U`: P a permutation matrix (A's
 * dtype), L unit lower triangular (m x k), U upper triangular (k x n), k = min(m, n).
 *
 * linalg.lu(A, *, pivot=True): LinalgLuBackward0 (for L and U).
 *
 * @see torch.linalg.lu
 * @example
 * ```ts
 * const { P, L, U } = tg.linalg.lu(tg.tensor([[1, 2], [3, 4]]))
 * P.matmul(L).matmul(U) // tensor([[1., 2.], [3., 4.]])
 * ```
 */
export function linalgLu(A: Tensor, pivot: boolean = true): PLU {
  const op = 'linalg.lu';
  checkFloatMatrix(op, A, 'A', false);
  checkPivot(op, pivot);
  const f = factor(A);
  const { m, n } = f, k = Math.min(m, n), batch = A.shape.slice(0, -2);
  const v = unpackValues(f.lu, f.piv, f.count, m, n, op, true, true);
  const P = fromValues(v.P, [...batch, m, m], A.dtype), L = fromValues(v.L, [...batch, m, k], A.dtype), U = fromValues(v.U, [...batch, k, n], A.dtype);
  record('linalgLu', [A], [L, U], () => ({ P, L, U }));
  return named('linalg_lu', { P, L, U }) as unknown as PLU;
}

function checkPivots(op: string, LU: Tensor, pivots: unknown): asserts pivots is Tensor {
  checkTensor(op, pivots, 'pivots');
  if (pivots.dtype !== 'int32' && pivots.dtype !== 'int64') throw typeError(op, `Expected pivots to be an int32 or int64 tensor, but got ${pivots.dtype} (pivots of shape ${fmtShape(pivots.shape)})`);
  const m = LU.shape[LU.dim() - 2]!, n = LU.shape[LU.dim() - 1]!;
  const want = [...LU.shape.slice(0, -2), Math.min(m, n)];
  if (pivots.dim() !== want.length || pivots.shape.some((d, i) => d !== want[i]))
    throw rangeError(op, `Expected pivots of shape ${fmtShape(want)} for LU of shape ${fmtShape(LU.shape)}, but got ${fmtShape(pivots.shape)}`);
}

/**
 * Unpacks compact LU factors (from tg.lu / linalg.luFactor) into `{ P, L, U }` with `A = P L U`.
 * `unpackData: false` gives empty L and U, `unpackPivots: false` an empty P.
 *
 * torch.lu_unpack(LU_data, LU_pivots, unpack_data=True, unpack_pivots=True): LuUnpackBackward0.
 *
 * @see torch.lu_unpack
 * @example
 * ```ts
 * const [LU, pivots] = tg.lu(tg.tensor([[1, 2], [3, 4]]))
 * const { P, L, U } = tg.luUnpack(LU, pivots)
 * L // tensor([[1.0000, 0.0000], [0.3333, 1.0000]])
 * ```
 */
export function luUnpack(LUData: Tensor, LUPivots: Tensor, unpackData: boolean = true, unpackPivots: boolean = true): PLU {
  const op = 'lu_unpack';
  checkFloatMatrix(op, LUData, 'LU_data', false);
  checkPivots(op, LUData, LUPivots);
  if (typeof unpackData !== 'boolean' || typeof unpackPivots !== 'boolean') throw typeError(op, 'unpack_data and unpack_pivots must be booleans');
  const m = LUData.shape[LUData.dim() - 2]!, n = LUData.shape[LUData.dim() - 1]!, k = Math.min(m, n), batch = LUData.shape.slice(0, -2);
  const count = prod(batch);
  const v = unpackValues(LUData._data as ArrayLike<number>, LUPivots._data as ArrayLike<number | bigint>, count, m, n, op, unpackPivots, unpackData);
  const P = fromValues(v.P, unpackPivots ? [...batch, m, m] : [0], LUData.dtype);
  const L = fromValues(v.L, unpackData ? [...batch, m, k] : [0], LUData.dtype), U = fromValues(v.U, unpackData ? [...batch, k, n] : [0], LUData.dtype);
  if (unpackData) record('luUnpack', [LUData], [L, U], () => ({ m, n }));
  return named('lu_unpack', { P, L, U }) as unknown as PLU;
}

/** X from compact square factors for op(A) X = B (left) or X op(A) = B, op = transpose when `adjoint`; no graph. */
export function luSolveValues(LU: Tensor, pivots: Tensor, B: Tensor, left: boolean, adjoint: boolean, op: string): Tensor {
  const n = LU.shape[LU.dim() - 1]!, count = prod(LU.shape.slice(0, -2));
  const r = B.shape[B.dim() - 2]!, c = B.shape[B.dim() - 1]!;
  const lu = f64Copy(LU._data as ArrayLike<number>, 0, count * n * n), piv = pivots._data as ArrayLike<number | bigint>;
  // left=false: X A = B <=> A^T X^T = B^T, so solve with A^T (flip adjoint) on B^T.
  const trans = left ? adjoint : !adjoint;
  const src = (left ? B : noGrad(() => transpose(B, -2, -1)))._data as ArrayLike<number>;
  const m = left ? c : r;
  const x = f64Copy(src, 0, count * n * m);
  const perm = new Int32Array(count * n);
  for (let b = 0; b < count; b++) perm.set(pivotsToPerm(piv, b * n, n, n, op), b * n);
  if (!trans) luSolveBatch(lu, perm, x, count, n, m);
  else {
    // A^T X = B with A = P L U: U^T L^T P^T X = B: U^T Y = B, L^T Z = Y, X = P Z.
    trsmBatch(lu, x, count, n, m, true, false, true);
    trsmBatch(lu, x, count, n, m, false, true, true);
    const z = x.slice();
    for (let b = 0; b < count; b++) for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) x[b * n * m + perm[b * n + i]! * m + j] = z[b * n * m + i * m + j]!;
  }
  const X = fromValues(x, [...LU.shape.slice(0, -2), n, m], LU.dtype);
  return left ? X : noGrad(() => transpose(X, -2, -1).contiguous());
}

function luSolveImpl(op: string, LU: Tensor, pivots: Tensor, B: Tensor, left: boolean, adjoint: boolean): Tensor {
  checkFloatMatrix(op, LU, 'LU', true);
  checkPivots(op, LU, pivots);
  checkTensor(op, B, 'B');
  if (typeof left !== 'boolean' || typeof adjoint !== 'boolean') throw typeError(op, 'left and adjoint must be booleans');
  if (B.dim() < 2) throw rangeError(op, `Expected B to have at least 2 dimensions, but it has ${B.dim()} dimensions instead (B of shape ${fmtShape(B.shape)})`);
  if (B.dtype !== LU.dtype) throw typeError(op, `Expected LU and B to have the same dtype, but found LU of type ${LU.dtype} and B of type ${B.dtype} instead`);
  const n = LU.shape[LU.dim() - 1]!;
  const r = B.shape[B.dim() - 2]!, c = B.shape[B.dim() - 1]!;
  if ((left ? r : c) !== n) throw rangeError(op, `Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (LU of shape ${fmtShape(LU.shape)}, B of shape ${fmtShape(B.shape)})`);
  const batch = broadcastBatch(op, LU, B, 'LU', 'B');
  const LUe = expandTo(LU, [...batch, n, n]), Be = expandTo(B, [...batch, r, c]);
  const piv = pivots.dim() - 1 === batch.length ? pivots : noGrad(() => expandTo(pivots, [...batch, n]));
  const X = luSolveValues(LUe, piv, Be, left, adjoint, op);
  return record('linalgLuSolve', [LUe, Be], X, () => ({ LU: LUe, pivots: piv, result: X, left, adjoint }));
}

/**
 * Solves `A X = B` given A's compact LU factors (from linalg.luFactor); `left: false` solves `X A = B`,
 * `adjoint: true` uses A^T. Batches broadcast.
 *
 * linalg.lu_solve(LU, pivots, B, *, left=True, adjoint=False): LinalgLuSolveBackward0.
 *
 * @see torch.linalg.lu_solve
 * @example
 * ```ts
 * const { LU, pivots } = tg.linalg.luFactor(tg.tensor([[4, 0], [2, 1]]))
 * tg.linalg.luSolve(LU, pivots, tg.tensor([[8], [6]])) // tensor([[2.], [2.]])
 * ```
 */
export function luSolve(LU: Tensor, pivots: Tensor, B: Tensor, left: boolean = true, adjoint: boolean = false): Tensor {
  return luSolveImpl('linalg.lu_solve', LU, pivots, B, left, adjoint);
}

/**
 * torch.lu_solve(b, LU_data, LU_pivots): solves `A x = b` from A's compact LU factors (tg.lu); deprecated in
 * PyTorch for linalg.lu_solve (whose arguments are in the other order).
 *
 * @see torch.lu_solve
 * @example
 * ```ts
 * const [LU, pivots] = tg.lu(tg.tensor([[4, 0], [2, 1]]))
 * tg.luSolve(tg.tensor([[8], [6]]), LU, pivots) // tensor([[2.], [2.]])
 * ```
 */
export function luSolveAlias(input: Tensor, LUData: Tensor, LUPivots: Tensor): Tensor {
  return luSolveImpl('lu_solve', LUData, LUPivots, input, true, false);
}

/** e^A of one n x n row-major matrix: scaling and squaring over a degree-18 Taylor sum (|A / 2^s|_1 <= 1/2). */
function expm(a: ArrayLike<number>, off: number, n: number, out: Float64Array, ooff: number): void {
  let norm1 = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[off + i * n + j] as number);
    norm1 = Math.max(norm1, s);
  }
  if (!Number.isFinite(norm1)) {
    out.fill(NaN, ooff, ooff + n * n);
    return;
  }
  const s = norm1 > 0.5 ? Math.ceil(Math.log2(norm1 / 0.5)) : 0;
  const scale = 2 ** -s;
  const X = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) X[i] = (a[off + i] as number) * scale;
  const mul = (p: Float64Array, q: Float64Array): Float64Array => {
    const r = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
      const v = p[i * n + k]!;
      if (v !== 0) for (let j = 0; j < n; j++) r[i * n + j]! += v * q[k * n + j]!;
    }
    return r;
  };
  // Horner: I + X (I + X/2 (I + X/3 (...)))
  let R: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) R[i * n + i] = 1;
  for (let k = 18; k >= 1; k--) {
    R = mul(X, R);
    for (let i = 0; i < n * n; i++) R[i]! /= k;
    for (let i = 0; i < n; i++) R[i * n + i]! += 1;
  }
  for (let i = 0; i < s; i++) R = mul(R, R);
  out.set(R, ooff);
}

/**
 * The matrix exponential e^A = sum A^k / k! of a square matrix (or batch).
 *
 * linalg.matrix_exp(A) (also torch.matrix_exp, x.matrixExp()): LinalgMatrixExpBackward0.
 *
 * @see torch.linalg.matrix_exp
 * @example
 * ```ts
 * tg.linalg.matrixExp(tg.tensor([[0, 1], [0, 0]]))
 * // tensor([[1., 1.],
 * //         [0., 1.]])
 * ```
 */
export function matrixExp(A: Tensor): Tensor {
  const op = 'linalg.matrix_exp';
  checkFloatMatrix(op, A, 'A', true);
  const n = A.shape[A.dim() - 1]!, count = n === 0 ? 0 : A.numel() / (n * n);
  const src = A._data as ArrayLike<number>, out = new Float64Array(count * n * n);
  for (let b = 0; b < count; b++) expm(src, b * n * n, n, out, b * n * n);
  const E = fromValues(out, [...A.shape], A.dtype);
  return record('linalgMatrixExp', [A], E, () => ({ A }));
}

/**
 * The inverse of a symmetric positive-definite matrix from its Cholesky factor: `(L L^T)^-1`, or
 * `(U^T U)^-1` with `upper`. Batched.
 *
 * torch.cholesky_inverse(input, upper=False): CholeskyInverseBackward0.
 *
 * @see torch.cholesky_inverse
 * @example
 * ```ts
 * const L = tg.linalg.cholesky(tg.tensor([[4, 2], [2, 3]]))
 * tg.choleskyInverse(L)
 * // tensor([[ 0.3750, -0.2500],
 * //         [-0.2500,  0.5000]])
 * ```
 */
export function choleskyInverse(input: Tensor, upper: boolean = false): Tensor {
  const op = 'cholesky_inverse';
  checkFloatMatrix(op, input, 'input', true);
  if (typeof upper !== 'boolean') throw typeError(op, `upper must be a boolean, got ${describe(upper)}`);
  const n = input.shape[input.dim() - 1]!, count = n === 0 ? 0 : input.numel() / (n * n);
  const t = f64Copy(input._data as ArrayLike<number>, 0, count * n * n);
  const x = new Float64Array(count * n * n);
  for (let b = 0; b < count; b++) for (let i = 0; i < n; i++) x[b * n * n + i * n + i] = 1;
  trsmBatch(t, x, count, n, n, upper, false, upper);
  trsmBatch(t, x, count, n, n, upper, false, !upper);
  const out = fromValues(x, [...input.shape], input.dtype);
  return record('choleskyInverse', [input], out, () => ({ L: input, result: out, upper }));
}

/** `{ solution, cloned_coefficient }` of torch.triangular_solve. */
export interface TriangularSolve { solution: Tensor; cloned_coefficient: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }

/**
 * Solves `op(A) X = b` for triangular A (op = transpose with `transpose`), reading only A's upper (or lower)
 * triangle; returns the solution and a copy of A (both broadcast to the common batch shape). Deprecated in
 * PyTorch for linalg.solve_triangular.
 *
 * torch.triangular_solve(b, A, upper=True, transpose=False, unitriangular=False): TriangularSolveBackward0.
 *
 * @see torch.triangular_solve
 * @example
 * ```ts
 * const A = tg.tensor([[2, 1], [0, 4]])
 * tg.triangularSolve(tg.tensor([[4], [8]]), A).solution // tensor([[1.], [2.]])
 * ```
 */
export function triangularSolve(input: Tensor, A: Tensor, upper: boolean = true, transpose_: boolean = false, unitriangular: boolean = false): TriangularSolve {
  const op = 'triangular_solve';
  checkFloatMatrix(op, A, 'A', true);
  checkFloatMatrix(op, input, 'input', false);
  if (typeof upper !== 'boolean' || typeof transpose_ !== 'boolean' || typeof unitriangular !== 'boolean') throw typeError(op, 'upper, transpose and unitriangular must be booleans');
  if (input.dtype !== A.dtype) throw typeError(op, `Expected b and A to have the same dtype, but found b of type ${input.dtype} and A of type ${A.dtype} instead.`);
  const n = A.shape[A.dim() - 1]!, r = input.shape[input.dim() - 2]!, c = input.shape[input.dim() - 1]!;
  if (r !== n) throw rangeError(op, `Incompatible matrix sizes for triangular_solve: each A matrix is ${n} by ${n} but each b matrix is ${r} by ${c} (b of shape ${fmtShape(input.shape)}, A of shape ${fmtShape(A.shape)})`);
  const batch = broadcastBatch(op, input, A, 'b', 'A');
  const Ae = expandTo(A, [...batch, n, n]), Be = expandTo(input, [...batch, n, c]);
  const count = prod(batch);
  const x = f64Copy(Be._data as ArrayLike<number>, 0, count * n * c);
  trsmBatch(f64Copy(Ae._data as ArrayLike<number>, 0, count * n * n), x, count, n, c, upper, unitriangular, transpose_);
  const solution = fromValues(x, [...batch, n, c], A.dtype);
  const coeff = fromValues(f64Copy(Ae._data as ArrayLike<number>, 0, count * n * n), [...batch, n, n], A.dtype);
  record('triangularSolve', [Be, Ae], [solution, coeff], () => ({ A: Ae, result: solution, upper, transpose: transpose_, unitriangular }));
  return named('triangular_solve', { solution, cloned_coefficient: coeff }) as unknown as TriangularSolve;
}

export type { DType };
