// Thin wrappers over native.linalg, the float64 decompositions' one native entry (native/cpu/linalg_kernels.cc;
// operands in native/cpu/linalg.h). Each takes `count` row-major matrices back to back and works in place;
// batches run one matrix per kernel thread (Note [Batched decompositions]).
import { native } from '../native.js';

/** The op codes of native/cpu/linalg.h's LinalgOp. */
const OP = { lu: 0, luSolve: 1, cholesky: 2, trsm: 3, qr: 4, eigh: 5, svdJacobi: 6 } as const;

/** A float64 copy of `len` values of src from `off` (never src's own storage: the kernels write in place). */
export function f64Copy(src: ArrayLike<number>, off: number, len: number): Float64Array {
  if (src instanceof Float64Array) return src.slice(off, off + len);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = src[off + i] as number;
  return out;
}

/** getrf on each n x n matrix of `a` in place: perm (row i of PA is row perm[i] of A), and per matrix info[2b] = the
 * first exactly-zero pivot (1-based, 0: none), info[2b + 1] = the permutation's sign (Note [Native blocked LU]). */
export function luBatch(a: Float64Array, count: number, n: number): { perm: Int32Array; info: Int32Array } {
  const perm = new Int32Array(count * n), info = new Int32Array(2 * count);
  native.linalg(OP.lu, count, n, n, 0, 0, a, null, null, null, perm, info);
  return { perm, info };
}

/** Solves LU X = P B in place in b (count matrices of n x m) from luBatch's factors. */
export function luSolveBatch(lu: Float64Array, perm: Int32Array, b: Float64Array, count: number, n: number, m: number): void {
  native.linalg(OP.luSolve, count, n, n, m, 0, lu, b, null, null, perm, null);
}

/** potrf (lower) on each n x n matrix of `a` in place; per matrix 0 or the failing minor's order. */
export function choleskyBatch(a: Float64Array, count: number, n: number): Int32Array {
  const info = new Int32Array(count);
  native.linalg(OP.cholesky, count, n, n, 0, 0, a, null, null, null, null, info);
  return info;
}

/** op(T) X = B in place in b (count pairs: T n x n, B n x m); T's `upper` or lower triangle, `trans`: T^T. */
export function trsmBatch(t: Float64Array, b: Float64Array, count: number, n: number, m: number, upper: boolean, unit: boolean, trans: boolean): void {
  native.linalg(OP.trsm, count, n, n, m, (upper ? 1 : 0) | (unit ? 2 : 0) | (trans ? 4 : 0), t, b, null, null, null, null);
}

/** geqrf on each m x n matrix of `a` in place (R and the reflectors); tau, and Q's first q columns unless q is null. */
export function qrBatch(a: Float64Array, count: number, m: number, n: number, q: number | null): { tau: Float64Array; Q: Float64Array | null } {
  const tau = new Float64Array(count * Math.min(m, n));
  const Q = q === null ? null : new Float64Array(count * m * q);
  native.linalg(OP.qr, count, m, n, q ?? 0, 0, a, tau, Q, null, null, null);
  return { tau, Q };
}

/** Eigenpairs of each symmetric n x n matrix of `a` (lower triangle read; destroyed): w ascending, V's columns,
 * each with its largest-magnitude entry positive; info[b] = 1 where QL did not converge (Note [Native eigh]). */
export function eighBatch(a: Float64Array, count: number, n: number): { w: Float64Array; V: Float64Array; info: Int32Array } {
  const w = new Float64Array(count * n), V = new Float64Array(count * n * n), info = new Int32Array(count);
  native.linalg(OP.eigh, count, n, n, 0, 0, a, w, V, null, null, info);
  return { w, V, info };
}

/** The one-sided Jacobi sweeps on W's n rows of length m (m >= n), rotations accumulated into Vh's rows, in place. */
export function svdJacobi(W: Float64Array, Vh: Float64Array, m: number, n: number): void {
  native.linalg(OP.svdJacobi, 1, m, n, 0, 0, null, null, W, Vh, null, null);
}
