// linalg.ldl_factor / ldl_factor_ex / ldl_solve: the Bunch-Kaufman LDL^T factorization of a symmetric (or, for
// real input the same, Hermitian) matrix with LAPACK's lower-triangle storage and pivots (dsytf2 / dsytrs,
// which PyTorch's sytrf calls for these sizes), so LD and pivots match PyTorch's and LAPACK's entry for entry.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { recordNotImplemented } from '../autograd/record.js';
import { fromValues } from './linalg_lu.js';
import { named } from './linalg_factor.js';
import * as S from './shape.js';

/** What linalg.ldlFactor returns: LD (L below the diagonal, D's blocks on and next to it) and pivots. */
export interface LDLFactor { LD: Tensor; pivots: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }
/** What linalg.ldlFactorEx returns: LDLFactor and info (0, or k when D's k-th diagonal block is singular). */
export interface LDLFactorEx { LD: Tensor; pivots: Tensor; info: Tensor; 0: Tensor; 1: Tensor; 2: Tensor; length: 3; [Symbol.iterator](): Iterator<Tensor> }

const ALPHA = (1 + Math.sqrt(17)) / 8;

/**
 * LAPACK's dsytf2 with UPLO = 'L' on the n x n row-major matrix a (only its lower triangle is read), in place;
 * ipiv gets the 1-based pivots (negative for a 2 x 2 block). Returns info: 0, or the 1-based k of the first
 * exactly singular diagonal block.
 */
function sytf2(a: Float64Array, n: number, ipiv: Int32Array): number {
  const A = (i: number, j: number): number => a[i * n + j] as number;
  const set = (i: number, j: number, v: number): void => { a[i * n + j] = v; };
  const swap = (i1: number, j1: number, i2: number, j2: number): void => { const t = A(i1, j1); set(i1, j1, A(i2, j2)); set(i2, j2, t); };
  let info = 0;
  for (let k = 0; k < n;) {
    let kstep = 1, kp: number;
    const absakk = Math.abs(A(k, k));
    let imax = k, colmax = 0;
    for (let i = k + 1; i < n; i++) if (Math.abs(A(i, k)) > colmax) colmax = Math.abs(A(i, k)), imax = i;
    if (Math.max(absakk, colmax) === 0 || Number.isNaN(absakk)) {
      if (info === 0) info = k + 1;
      kp = k;
    } else {
      if (absakk >= ALPHA * colmax) kp = k;
      else {
        let rowmax = 0;
        for (let j = k; j < imax; j++) rowmax = Math.max(rowmax, Math.abs(A(imax, j)));
        // LAPACK's idamax keeps the first largest; only the value matters here
        for (let i = imax + 1; i < n; i++) rowmax = Math.max(rowmax, Math.abs(A(i, imax)));
        if (absakk >= ALPHA * colmax * (colmax / rowmax)) kp = k;
        else if (Math.abs(A(imax, imax)) >= ALPHA * rowmax) kp = imax;
        else kp = imax, kstep = 2;
      }
      const kk = k + kstep - 1;
      if (kp !== kk) {
        // interchange rows and columns kk and kp of the trailing submatrix A(k:n, k:n)
        for (let i = kp + 1; i < n; i++) swap(i, kk, i, kp);
        for (let j = kk + 1; j < kp; j++) swap(j, kk, kp, j);
        swap(kk, kk, kp, kp);
        if (kstep === 2) swap(k + 1, k, kp, k);
      }
      if (kstep === 1) {
        if (k < n - 1) {
          // A(k+1:n, k+1:n) -= x x^T / d11 (lower triangle), then the column is L's: x / d11
          const d11 = 1 / A(k, k);
          for (let j = k + 1; j < n; j++) {
            const xj = A(j, k);
            if (xj !== 0) for (let i = j; i < n; i++) set(i, j, A(i, j) - d11 * A(i, k) * xj);
          }
          for (let i = k + 1; i < n; i++) set(i, k, A(i, k) * d11);
        }
      } else if (k < n - 2) {
        let d21 = A(k + 1, k);
        const d11 = A(k + 1, k + 1) / d21, d22 = A(k, k) / d21, t = 1 / (d11 * d22 - 1);
        d21 = t / d21;
        for (let j = k + 2; j < n; j++) {
          const wk = d21 * (d11 * A(j, k) - A(j, k + 1)), wkp1 = d21 * (d22 * A(j, k + 1) - A(j, k));
          for (let i = j; i < n; i++) set(i, j, A(i, j) - A(i, k) * wk - A(i, k + 1) * wkp1);
          set(j, k, wk);
          set(j, k + 1, wkp1);
        }
      }
    }
    if (kstep === 1) ipiv[k] = kp + 1;
    else ipiv[k] = ipiv[k + 1] = -(kp + 1);
    k += kstep;
  }
  // LAPACK leaves the strict upper triangle as it was; PyTorch returns it zeroed
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) set(i, j, 0);
  return info;
}

/** LAPACK's dsytrs with UPLO = 'L': solves A X = B in place on b (n x r row-major) from sytf2's a and ipiv. */
function sytrs(a: Float64Array, n: number, ipiv: Int32Array, b: Float64Array, r: number): void {
  const A = (i: number, j: number): number => a[i * n + j] as number;
  const swapRows = (i: number, j: number): void => {
    for (let c = 0; c < r; c++) { const t = b[i * r + c] as number; b[i * r + c] = b[j * r + c] as number; b[j * r + c] = t; }
  };
  // L D Y = P B
  for (let k = 0; k < n;) {
    if ((ipiv[k] as number) > 0) {
      const kp = (ipiv[k] as number) - 1;
      if (kp !== k) swapRows(k, kp);
      for (let i = k + 1; i < n; i++) for (let c = 0; c < r; c++) b[i * r + c] = (b[i * r + c] as number) - A(i, k) * (b[k * r + c] as number);
      for (let c = 0; c < r; c++) b[k * r + c] = (b[k * r + c] as number) / A(k, k);
      k += 1;
    } else {
      const kp = -(ipiv[k] as number) - 1;
      if (kp !== k + 1) swapRows(k + 1, kp);
      for (let i = k + 2; i < n; i++)
        for (let c = 0; c < r; c++) b[i * r + c] = (b[i * r + c] as number) - A(i, k) * (b[k * r + c] as number) - A(i, k + 1) * (b[(k + 1) * r + c] as number);
      const akm1k = A(k + 1, k), akm1 = A(k, k) / akm1k, ak = A(k + 1, k + 1) / akm1k, denom = akm1 * ak - 1;
      for (let c = 0; c < r; c++) {
        const bkm1 = (b[k * r + c] as number) / akm1k, bk = (b[(k + 1) * r + c] as number) / akm1k;
        b[k * r + c] = (ak * bkm1 - bk) / denom;
        b[(k + 1) * r + c] = (akm1 * bk - bkm1) / denom;
      }
      k += 2;
    }
  }
  // L^T X = Y, undoing the interchanges
  for (let k = n - 1; k >= 0;) {
    const dot = (col: number, row: number): void => {
      for (let c = 0; c < r; c++) {
        let s = 0;
        for (let i = col + 1; i < n; i++) s += A(i, col) * (b[i * r + c] as number);
        b[row * r + c] = (b[row * r + c] as number) - s;
      }
    };
    if ((ipiv[k] as number) > 0) {
      dot(k, k);
      const kp = (ipiv[k] as number) - 1;
      if (kp !== k) swapRows(k, kp);
      k -= 1;
    } else {
      // rows k and k - 1 both take the sum over i > k (column k, then column k - 1)
      for (let c = 0; c < r; c++) {
        let s0 = 0, s1 = 0;
        for (let i = k + 1; i < n; i++) s0 += A(i, k) * (b[i * r + c] as number), s1 += A(i, k - 1) * (b[i * r + c] as number);
        b[k * r + c] = (b[k * r + c] as number) - s0;
        b[(k - 1) * r + c] = (b[(k - 1) * r + c] as number) - s1;
      }
      const kp = -(ipiv[k] as number) - 1;
      if (kp !== k) swapRows(k, kp);
      k -= 2;
    }
  }
}

function checkSquare(op: string, A: Tensor, name: string): number {
  checkTensor(op, A, name);
  if (A.ndim < 2 || A.shape[A.ndim - 1] !== A.shape[A.ndim - 2])
    throw rangeError(op, `${name} must be batches of square matrices, but they are ${A.ndim < 2 ? A.ndim + '-D' : `${A.shape[A.ndim - 2]} by ${A.shape[A.ndim - 1]} matrices`} (${name} of shape ${fmtShape(A.shape)})`);
  if (A.dtype !== 'float32' && A.dtype !== 'float64') throw typeError(op, `Expected a floating point tensor as input. Got ${A.dtype} (${name} of shape ${fmtShape(A.shape)})`);
  return A.shape[A.ndim - 1] as number;
}

function factorImpl(op: string, A: Tensor, hermitian: boolean, checkErrors: boolean): LDLFactorEx {
  const n = checkSquare(op, A, 'A');
  if (typeof hermitian !== 'boolean') throw typeError(op, `hermitian must be a boolean, got ${describe(hermitian)}`);
  if (typeof checkErrors !== 'boolean') throw typeError(op, `checkErrors must be a boolean, got ${describe(checkErrors)}`);
  // real input: the Hermitian and the symmetric factorizations are the same (LAPACK's hetrf is sytrf)
  const batch = A.shape.slice(0, -2), count = batch.reduce((x, y) => x * y, 1);
  const src = A._data as ArrayLike<number>, ld = new Float64Array(count * n * n), piv = new Int32Array(count * n), info = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    const a = Float64Array.from({ length: n * n }, (_, i) => src[b * n * n + i] as number);
    info[b] = sytf2(a, n, piv.subarray(b * n, (b + 1) * n));
    ld.set(a, b * n * n);
    if (checkErrors && info[b] !== 0)
      throw rangeError(op, `${count > 1 || batch.length > 0 ? `(Batch element ${b}): ` : ''}The factorization could not be completed because the input is not invertible: D's diagonal block ${info[b]} is singular (A of shape ${fmtShape(A.shape)})`);
  }
  const LD = recordNotImplemented(op, [A], fromValues(ld, A.shape.slice(), A.dtype));
  const pivots = fromValues(Float64Array.from(piv), [...batch, n], 'int32');
  return named('linalg_ldl_factor_ex', { LD, pivots, info: fromValues(info, batch, 'int32') }) as unknown as LDLFactorEx;
}

/**
 * The Bunch-Kaufman LDL^T factorization of a symmetric matrix (or batch), reading its lower triangle:
 * `LD` holds L (unit diagonal implied) below the diagonal and D's 1 x 1 and 2 x 2 blocks, `pivots` LAPACK's
 * 1-based interchanges (int32; a 2 x 2 block's two entries are both -p), `info` 0 or the 1-based index of a
 * singular block of D. `hermitian` is the same factorization for real input. Not differentiable, as PyTorch's.
 *
 * @see torch.linalg.ldl_factor_ex
 * @example
 * ```ts
 * const { LD, pivots, info } = tg.linalg.ldlFactorEx(tg.tensor([[0, 1, 2], [1, 0, 3], [2, 3, 1]], { dtype: 'float64' }))
 * pivots.tolist() // => [-3, -3, 3]
 * info.item() // => 0
 * ```
 */
export function ldlFactorEx(A: Tensor, hermitian = false, checkErrors = false): LDLFactorEx {
  return factorImpl('linalg.ldlFactorEx', A, hermitian, checkErrors);
}

/**
 * The Bunch-Kaufman LDL^T factorization (linalg.ldlFactorEx without info), throwing when D is singular.
 *
 * @see torch.linalg.ldl_factor
 * @example
 * ```ts
 * const A = tg.tensor([[4, 1], [1, 3]], { dtype: 'float64' })
 * const { LD, pivots } = tg.linalg.ldlFactor(A)
 * tg.linalg.ldlSolve(LD, pivots, tg.tensor([[5], [4]], { dtype: 'float64' })).tolist() // => [[1], [1]]
 * ```
 */
export function ldlFactor(A: Tensor, hermitian = false): LDLFactor {
  const { LD, pivots } = factorImpl('linalg.ldlFactor', A, hermitian, true);
  return named('linalg_ldl_factor', { LD, pivots }) as unknown as LDLFactor;
}

/**
 * Solves A X = B from linalg.ldlFactor's LD and pivots (batches broadcast); B is [..., n, k].
 *
 * @see torch.linalg.ldl_solve
 * @example
 * ```ts
 * const { LD, pivots } = tg.linalg.ldlFactor(tg.tensor([[2, 0], [0, 4]], { dtype: 'float64' }))
 * tg.linalg.ldlSolve(LD, pivots, tg.tensor([[2], [2]], { dtype: 'float64' })).tolist() // => [[1], [0.5]]
 * ```
 */
export function ldlSolve(LD: Tensor, pivots: Tensor, B: Tensor, hermitian = false): Tensor {
  const op = 'linalg.ldlSolve';
  const n = checkSquare(op, LD, 'LD');
  checkTensor(op, pivots, 'pivots');
  checkTensor(op, B, 'B');
  if (typeof hermitian !== 'boolean') throw typeError(op, `hermitian must be a boolean, got ${describe(hermitian)}`);
  if (pivots.dtype !== 'int32') throw typeError(op, `Expected LD and pivots from linalg.ldlFactor: pivots must be int32, got ${pivots.dtype} (shape ${fmtShape(pivots.shape)})`);
  if (pivots.shape.join() !== LD.shape.slice(0, -1).join()) throw rangeError(op, `Expected pivots of shape ${fmtShape(LD.shape.slice(0, -1))} for LD of shape ${fmtShape(LD.shape)}, got ${fmtShape(pivots.shape)}`);
  if (B.ndim < 2 || B.shape[B.ndim - 2] !== n) throw rangeError(op, `Expected B of shape [..., ${n}, k] for LD of shape ${fmtShape(LD.shape)}, got ${fmtShape(B.shape)}`);
  if (B.dtype !== LD.dtype) throw typeError(op, `Expected B to have the same dtype as LD, but got B ${B.dtype} and LD ${LD.dtype}`);
  const k = B.shape[B.ndim - 1] as number;
  const batch = broadcastBatch(op, LD.shape.slice(0, -2), B.shape.slice(0, -2));
  const count = batch.reduce((x, y) => x * y, 1);
  const ld = S.expand(LD.detach(), [...batch, n, n])._data as ArrayLike<number>;
  const pv = S.expand(pivots, [...batch, n])._data as ArrayLike<number>;
  const bd = S.expand(B.detach(), [...batch, n, k])._data as ArrayLike<number>;
  const out = new Float64Array(count * n * k);
  for (let b = 0; b < count; b++) {
    const a = Float64Array.from({ length: n * n }, (_, i) => ld[b * n * n + i] as number);
    const p = Int32Array.from({ length: n }, (_, i) => pv[b * n + i] as number);
    const x = Float64Array.from({ length: n * k }, (_, i) => bd[b * n * k + i] as number);
    sytrs(a, n, p, x, k);
    out.set(x, b * n * k);
  }
  return recordNotImplemented(op, [LD, B], fromValues(out, [...batch, n, k], B.dtype));
}

function broadcastBatch(op: string, a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length), out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw rangeError(op, `the batch dims of LD ${fmtShape(a)} and B ${fmtShape(b)} do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}
