// tg.linalg.inv / det / slogdet / solve (and tg.inverse, tg.det, tg.logdet): an LU decomposition with partial
// pivoting in native code (blocked over the GEMM, a batch's matrices in parallel: lib/ops/linalg_native.ts),
// in float64 for float32 input too. Backward formulas
// are PyTorch 1.13's, written with differentiable ops (rows in autograd/derivatives_linalg.ts).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { isFloat, type DType } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { wrap } from './creation.js';
import { allocData } from '../storage.js';
import { dtypeCode } from '../dtype.js';
import { luBatch, luSolveBatch, f64Copy } from './linalg_native.js';
import * as E from './elementwise.js';
import { expand, unsqueeze, transpose } from './shape.js';

/** LU of the n x n row-major matrix `a` in place (L unit-lower below the diagonal, U on and above). */
export interface LU {
  perm: Int32Array; // row i of PA is row perm[i] of A
  sign: number; // sign of the permutation
  zeroPivot: number; // 1-based index of the first exactly-zero U diagonal element (LAPACK getrf's info), 0 if none
}

/**
 * Note [LU as getrf]: the factorization goes on past a zero pivot (that column is skipped) and reports the
 * first one 1-based, as LAPACK's getrf does, so the singular-matrix errors name the diagonal element PyTorch
 * names ("The diagonal element 2 is zero"). It runs natively, blocked (Note [Native blocked LU] in
 * native/cpu/linalg_kernels.cc).
 */
export function luInPlace(a: Float64Array, n: number): LU {
  const { perm, info } = luBatch(a, 1, n);
  return { perm, sign: info[1]!, zeroPivot: info[0]! };
}

const dtypeName = (d: DType): string => d;

/** Checks A: a float tensor of batches of square matrices; returns n and the batch count. */
function checkSquare(op: string, A: unknown): { n: number; batch: number } {
  checkTensor(op, A, 'A');
  if (!isFloat(A.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${dtypeName(A.dtype)}`);
  if (A.dim() < 2) throw rangeError(op, `The input tensor A must have at least 2 dimensions (got shape ${fmtShape(A.shape)}).`);
  const r = A.shape[A.dim() - 2]!;
  const c = A.shape[A.dim() - 1]!;
  if (r !== c) throw rangeError(op, `A must be batches of square matrices, but they are ${r} by ${c} matrices (shape ${fmtShape(A.shape)})`);
  return { n: r, batch: A.shape.slice(0, -2).reduce((p, d) => p * d, 1) };
}

const batchPrefix = (batched: boolean, b: number): string => (batched ? `(Batch element ${b}): ` : '');
/** Native storage for a result (the engine frees spent intermediates through the native allocator). */
const alloc = (dtype: DType, len: number): Float32Array | Float64Array => allocData(dtypeCode[dtype], len) as Float32Array | Float64Array;
/** A fresh tensor of `dtype` holding the float64 values `v`. */
export function fromValues(v: Float64Array, shape: number[], dtype: DType): Tensor {
  const out = alloc(dtype, v.length);
  if (out instanceof BigInt64Array) for (let i = 0; i < v.length; i++) (out as BigInt64Array)[i] = BigInt(v[i]);
  else out.set(v);
  return wrap(out, shape, dtype);
}

/** fromValues for a fresh `v` that nothing else keeps: float64 takes it as the tensor's storage (no copy). */
export function ownValues(v: Float64Array, shape: number[], dtype: DType): Tensor {
  return dtype === 'float64' ? wrap(v, shape, dtype) : fromValues(v, shape, dtype);
}

/** n x n identity matrices, `count` of them back to back. */
function eyes(count: number, n: number): Float64Array {
  const x = new Float64Array(count * n * n);
  for (let b = 0; b < count; b++) for (let i = 0; i < n; i++) x[b * n * n + i * n + i] = 1;
  return x;
}

/** The inverse of each square matrix of A; singular: PyTorch's error naming the zero diagonal element. */
function invRaw(op: string, A: Tensor): Tensor {
  const { n, batch } = checkSquare(op, A);
  const a = f64Copy(A._data as ArrayLike<number>, 0, batch * n * n);
  const { perm, info } = luBatch(a, batch, n);
  for (let b = 0; b < batch; b++) {
    if (info[2 * b]) {
      throw rangeError(op, `${batchPrefix(A.dim() > 2, b)}The diagonal element ${info[2 * b]} is zero, the inversion could not be completed because the input matrix is singular.`);
    }
  }
  const x = eyes(batch, n);
  luSolveBatch(a, perm, x, batch, n, n);
  const out = alloc(A.dtype, x.length);
  out.set(x);
  return wrap(out, [...A.shape], A.dtype);
}

/**
 * The inverse of a square matrix or batch of them (LU with partial pivoting).
 *
 * linalg.inv(A): LinalgInvExBackward0, grad -A^-T g A^-T.
 *
 * @see torch.linalg.inv
 * @example
 * ```ts
 * const A = tg.tensor([[4, 7], [2, 6]])
 * tg.linalg.inv(A)
 * // tensor([[ 0.6000, -0.7000],
 * //         [-0.2000,  0.4000]])
 * ```
 */
export function inv(A: Tensor): Tensor {
  const out = invRaw('linalg.inv', A);
  return record('linalgInv', [A], out, () => ({ result: out }));
}
/** torch.inverse / x.inverse(): linalg.inv under its own name in errors. */
export function inverse(input: Tensor): Tensor {
  const out = invRaw('inverse', input); // PyTorch says linalg.inv; errors name the op called (fuzz-args)
  return record('linalgInv', [input], out, () => ({ result: out }));
}

/** Sign and log|det| (or det) per matrix, from one LU each. */
function detParts(op: string, A: Tensor): { sign: Float64Array; logabs: Float64Array; det: Float64Array; batchShape: number[] } {
  const { n, batch } = checkSquare(op, A);
  const a = f64Copy(A._data as ArrayLike<number>, 0, batch * n * n);
  const { info } = luBatch(a, batch, n);
  const sign = new Float64Array(batch);
  const logabs = new Float64Array(batch);
  const det = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const o = b * n * n;
    let s = info[2 * b + 1]!;
    let l = 0;
    let d = s;
    for (let i = 0; i < n; i++) {
      const u = a[o + i * n + i]!;
      d *= u;
      l += Math.log(Math.abs(u));
      s = u === 0 ? 0 : s * (u > 0 ? 1 : u < 0 ? -1 : NaN); // +0 sign once a pivot is 0, as PyTorch's
    }
    sign[b] = s;
    logabs[b] = s === 0 ? -Infinity : l;
    det[b] = d;
  }
  return { sign, logabs, det, batchShape: A.shape.slice(0, -2) };
}

export function detOf(op: string, A: Tensor): Tensor {
  const p = detParts(op, A);
  const out = fromValues(p.det, p.batchShape, A.dtype);
  return record('linalgDet', [A], out, () => ({ self: A, result: out }));
}
/**
 * The determinant of a square matrix or batch of them.
 *
 * linalg.det(A): LinalgDetBackward0. The determinant of a singular matrix is 0 (no error).
 *
 * @see torch.linalg.det
 * @example
 * ```ts
 * const A = tg.tensor([[2, 1], [1, 3]])
 * tg.linalg.det(A) // tensor(5.)
 * ```
 */
export function det(A: Tensor): Tensor {
  return detOf('linalg.det', A);
}

export interface SignLogabsdet { sign: Tensor; logabsdet: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }

export function slogdetOf(op: string, A: Tensor): SignLogabsdet {
  const p = detParts(op, A);
  const sign = fromValues(p.sign, p.batchShape, A.dtype);
  const logabsdet = fromValues(p.logabs, p.batchShape, A.dtype);
  // Both outputs are in the graph as in PyTorch; only logabsdet carries a grad (the sign is locally constant).
  record('linalgSlogdet', [A], [sign, logabsdet], () => ({ self: A, singular: p.sign.includes(0) }));
  const pair = [sign, logabsdet] as unknown as SignLogabsdet;
  pair.sign = sign;
  pair.logabsdet = logabsdet;
  return pair;
}
/**
 * Sign and log |det|, as `{ sign, logabsdet }`.
 *
 * linalg.slogdet(A): [sign, logabsdet] (also as .sign, .logabsdet), LinalgSlogdetBackward0 on logabsdet.
 *
 * @see torch.linalg.slogdet
 * @example
 * ```ts
 * const A = tg.tensor([[4, 7], [2, 6]])
 * tg.linalg.slogdet(A).logabsdet // tensor(2.3026)
 * ```
 */
export function slogdet(A: Tensor): SignLogabsdet {
  return slogdetOf('linalg.slogdet', A);
}
/** torch.logdet: log det, NaN for a negative determinant (PyTorch builds it with where: WhereBackward0). */
export function logdet(input: Tensor): Tensor {
  const { sign, logabsdet } = slogdetOf('logdet', input);
  return E.where(E.lt(sign, 0), NaN, logabsdet);
}

/** A^-1 without the singular check (no graph): inf/NaN where a pivot is 0, for slogdet's grad there, as PyTorch's. */
export function invUnchecked(A: Tensor): Tensor {
  const n = A.shape[A.dim() - 1]!;
  const count = n === 0 ? 0 : A.numel() / (n * n);
  const a = f64Copy(A._data as ArrayLike<number>, 0, count * n * n);
  const { perm } = luBatch(a, count, n);
  const x = eyes(count, n);
  luSolveBatch(a, perm, x, count, n, n);
  return fromValues(x, [...A.shape], A.dtype);
}

/** Broadcast of two batch shapes, or null. */
function broadcastBatch(a: number[], b: number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/**
 * Solves `A X = B` (or `X A = B` with `left: false`).
 *
 * linalg.solve(A, B): X with AX = B, batched with broadcasting. B is a vector (or a batch of vectors) when it
 * has one dimension, or when its shape is A's without the last dimension, as PyTorch decides.
 *
 * @see torch.linalg.solve
 * @example
 * ```ts
 * const A = tg.tensor([[2, 0], [0, 4]])
 * tg.linalg.solve(A, tg.tensor([2, 8])) // tensor([1., 2.])
 * ```
 */
export function solve(A: Tensor, B: Tensor, left: boolean = true): Tensor {
  const op = 'linalg.solve';
  const { n } = checkSquare(op, A);
  checkTensor(op, B, 'B');
  if (!isFloat(B.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${dtypeName(B.dtype)}`);
  if (A.dtype !== B.dtype) {
    throw typeError(op, `Expected A and B to have the same dtype, but found A of type ${A.dtype} and B of type ${B.dtype} instead`);
  }
  if (typeof left !== 'boolean') throw typeError(op, `left must be a boolean, got ${typeof left}`);
  // left=false solves XA = B: A^T X^T = B^T (B is never a vector then).
  const vectorCase = left && (B.dim() === 1 || (B.dim() === A.dim() - 1 && B.shape.every((d, i) => d === A.shape[i])));
  if (!left && B.dim() < 2) throw rangeError(op, `Vector broadcasting of B is not supported for left=false (B of shape ${fmtShape(B.shape)})`);
  const Bm = vectorCase ? unsqueeze(B, -1) : left ? B : transpose(B, -2, -1);
  const incompatible = () => rangeError(op, `Incompatible shapes of A and B for the equation AX = B (${n}x${n} and ${Bm.shape.slice(-2).join('x')})`);
  if (Bm.dim() < 2 || Bm.shape[Bm.dim() - 2] !== n) throw incompatible();
  const batch = broadcastBatch(A.shape.slice(0, -2), Bm.shape.slice(0, -2));
  if (batch === null) throw rangeError(op, `Incompatible batch shapes of A ${fmtShape(A.shape)} and B ${fmtShape(B.shape)}`);
  const m = Bm.shape[Bm.dim() - 1]!;
  // Expanding (differentiable views) first lets the expand nodes sum the grads back to the inputs' shapes.
  const Ae = sameShape(A.shape, [...batch, n, n]) ? A : expand(A, [...batch, n, n]);
  const bShape = vectorCase ? [...batch, n] : left ? [...batch, n, m] : [...batch, m, n];
  const Be = sameShape(B.shape, bShape) ? B : expand(B, bShape);
  const count = batch.reduce((p, d) => p * d, 1);
  const srcA = left ? Ae._data : transpose(Ae, -2, -1)._data;
  const srcB = left ? Be._data : transpose(Be, -2, -1)._data;
  const a = f64Copy(srcA as ArrayLike<number>, 0, count * n * n);
  const x = f64Copy(srcB as ArrayLike<number>, 0, count * n * m);
  const { perm, info } = luBatch(a, count, n);
  for (let k = 0; k < count; k++) {
    if (info[2 * k]) throw rangeError(`torch.${op}`, `${batchPrefix(batch.length > 0, k)}The solver failed because the input matrix is singular.`);
  }
  luSolveBatch(a, perm, x, count, n, m);
  const out = alloc(A.dtype, count * n * m);
  out.set(x);
  let X = wrap(out, left ? bShape : [...batch, n, m], A.dtype);
  if (!left) X = noGrad(() => transpose(X, -2, -1).contiguous());
  return record('linalgSolve', [Ae, Be], X, () => ({ A: Ae, result: X, vector: vectorCase, left }));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
