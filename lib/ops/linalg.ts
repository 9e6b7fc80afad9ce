// Linear algebra: dot mv mm bmm matmul outer, on the native GEMM (transposed operands are flags, not copies).
import { Tensor } from '../tensor.js';
import { native } from '../native.js';
import { outData, type Data } from '../storage.js';
import { isFloat, promoteTypes } from '../dtype.js';
import { broadcastShapes, numelOf } from '../shape.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { record } from '../autograd/record.js';
import { wrap, alias as alias2, clone } from './creation.js';
import { mul } from './elementwise.js';
import { reshape, unsqueeze, expand, transpose, t } from './shape.js';

function checkPair(op: string, a: unknown, b: unknown): [Tensor, Tensor] {
  if (!(a instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(a)}`);
  if (!(b instanceof Tensor)) throw typeError(op, `expected a Tensor for the second operand, got ${describe(b)}`);
  for (const x of [a, b]) if (x.isDisposed) throw disposedError(op, x.shape);
  if (a.dtype !== b.dtype) throw typeError(op, `expected both operands to have the same dtype, but got ${a.dtype} and ${b.dtype}`);
  return [a, b];
}

function floatOnly(op: string, x: Tensor): void {
  if (!isFloat(x.dtype)) throw typeError(op, `not implemented for dtype ${x.dtype} (use float32 or float64)`);
}

/**
 * The dot product of two 1-D tensors.
 *
 * @see torch.dot
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.dot(x, tg.tensor([4, 5, 6])) // tensor(32.)
 * ```
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  checkPair('dot', a, b);
  if (a.ndim !== 1 || b.ndim !== 1)
    throw rangeError('dot', `1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  if (a.shape[0] !== b.shape[0])
    throw rangeError('dot', `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
  const out = wrap(native.dot(a._data, b._data, outData(a.dtype, 1)), [], a.dtype);
  return record('dot', [a, b], out, () => ({ self: a, other: b }));
}

/** C = op(A) @ op(B) over `batch` matrices; transposes are flags for the kernel. */
export function gemm(a: Tensor, b: Tensor, transA: boolean, transB: boolean, batch: number, m: number, n: number, k: number, strideA: number, strideB: number, shape: number[]): Tensor {
  const [da, ta] = operand(a, transA), [db, tb] = operand(b, transB);
  return wrap(native.gemm(ta, tb, batch, m, n, k, da, db, strideA, strideB, outData(a.dtype, batch * m * n)), shape, a.dtype);
}

/**
 * A GEMM operand's data and transpose flag. A view whose matrices are transposed dense ones (x.t(), or
 * x.transpose(-1, -2) of a contiguous batch) is passed as its storage with the flag flipped: the GEMM reads
 * it in place, with no copy. Other non-contiguous operands are gathered first.
 */
function operand(x: Tensor, trans: boolean): [Data, boolean] {
  if (x._contig || x.ndim < 2) return [x._data, trans];
  if (x.isDisposed) throw disposedError('matmul', x.shape);
  const st = x._strides as number[], nd = x.ndim;
  const r = x.shape[nd - 2], c = x.shape[nd - 1];
  let dense = st[nd - 2] === 1 && st[nd - 1] === r;
  for (let d = nd - 3, expect = r * c; dense && d >= 0; d--) {
    if (x.shape[d] !== 1 && st[d] !== expect) dense = false;
    expect *= x.shape[d];
  }
  if (!dense) return [x._data, trans];
  return [x._box.data.subarray(x._offset, x._offset + numelOf(x.shape)) as Data, !trans];
}

/**
 * The product of two matrices.
 *
 * Matrix product of two 2-D tensors.
 *
 * @see torch.mm
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.mm(x, tg.eye(2))
 * // tensor([[1., 2.],
 * //         [3., 4.]])
 * ```
 */
export function mm(a: Tensor, b: Tensor): Tensor {
  checkPair('mm', a, b);
  floatOnly('mm', a);
  if (a.ndim !== 2) throw rangeError('mm', `self must be a matrix, got shape ${fmtShape(a.shape)}`);
  if (b.ndim !== 2) throw rangeError('mm', `mat2 must be a matrix, got shape ${fmtShape(b.shape)}`);
  const [m, k] = a.shape, [k2, n] = b.shape;
  if (k !== k2) throw rangeError('mm', `mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  const out = gemm(a, b, false, false, 1, m, n, k, 0, 0, [m, n]);
  return record('mm', [a, b], out, () => ({ self: a, mat2: b }));
}

/** @internal mm with transposed operands as flags: op(a) @ op(b), for backward formulas. */
export function mmT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const m = transA ? a.shape[1] : a.shape[0], k = transA ? a.shape[0] : a.shape[1];
  const n = transB ? b.shape[0] : b.shape[1];
  return gemm(a, b, transA, transB, 1, m, n, k, 0, 0, [m, n]);
}

/**
 * Matrix-vector product.
 *
 * @see torch.mv
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.mv(x, tg.tensor([1, 0])) // tensor([1., 3.])
 * ```
 */
export function mv(a: Tensor, v: Tensor): Tensor {
  checkPair('mv', a, v);
  floatOnly('mv', a);
  if (a.ndim !== 2 || v.ndim !== 1)
    throw rangeError('mv', `vector + matrix @ vector expected, got ${fmtShape(a.shape)} and ${fmtShape(v.shape)}`);
  if (a.shape[1] !== v.shape[0])
    throw rangeError('mv', `size mismatch, got input (${a.shape[0]}), mat (${a.shape[0]}x${a.shape[1]}), vec (${v.shape[0]})`);
  const out = gemm(a, v, false, false, 1, a.shape[0], 1, a.shape[1], 0, 0, [a.shape[0]]);
  return record('mv', [a, v], out, () => ({ self: a, vec: v }));
}

/**
 * Batched matrix product of [B, n, m] and [B, m, p] tensors.
 *
 * Batched matrix product of two 3-D tensors.
 *
 * @see torch.bmm
 * @example
 * ```ts
 * const x = tg.ones(2, 1, 3)
 * tg.bmm(x, tg.ones(2, 3, 1)).shape // => [2, 1, 1]
 * ```
 */
export function bmm(a: Tensor, b: Tensor): Tensor {
  checkPair('bmm', a, b);
  floatOnly('bmm', a);
  if (a.ndim !== 3) throw rangeError('bmm', `batch1 must be a 3D tensor, got shape ${fmtShape(a.shape)}`);
  if (b.ndim !== 3) throw rangeError('bmm', `batch2 must be a 3D tensor, got shape ${fmtShape(b.shape)}`);
  const [bs, m, k] = a.shape, [bs2, k2, n] = b.shape;
  if (bs !== bs2) throw rangeError('bmm', `batch1 and batch2 must have same number of batches, got ${bs} and ${bs2}`);
  if (k !== k2) throw rangeError('bmm', `Expected size for first two dimensions of batch2 tensor to be: [${bs}, ${k}] but got: [${bs2}, ${k2}].`);
  const out = gemm(a, b, false, false, bs, m, n, k, m * k, k * n, [bs, m, n]);
  return record('bmm', [a, b], out, () => ({ self: a, mat2: b }));
}

/** @internal bmm with transposed operands as flags. */
export function bmmT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const bs = a.shape[0];
  const m = transA ? a.shape[2] : a.shape[1], k = transA ? a.shape[1] : a.shape[2];
  const n = transB ? b.shape[1] : b.shape[2];
  return gemm(a, b, transA, transB, bs, m, n, k, a.shape[1] * a.shape[2], b.shape[1] * b.shape[2], [bs, m, n]);
}

/**
 * The outer product of two vectors.
 *
 * Outer product of two vectors (PyTorch records it as a broadcast multiply).
 *
 * @see torch.outer
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.outer(x, tg.tensor([1, 10]))
 * // tensor([[ 1., 10.],
 * //         [ 2., 20.]])
 * ```
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  checkPair('outer', a, b);
  if (a.ndim !== 1 || b.ndim !== 1) throw rangeError('outer', `expected 1-D tensors, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  return mul(reshape(a, [a.shape[0], 1]), b);
}

/**
 * Matrix product with NumPy semantics: 1-D operands are vectors, leading dims broadcast.
 *
 * PyTorch's matmul: dot, mv, mm, or batched with broadcast batch dims.
 *
 * @see torch.matmul
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.matmul(x, tg.tensor([1, 1])) // tensor([3., 7.])
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw typeError('matmul', `expected Tensors, got ${describe(a)} and ${describe(b)}`);
  for (const x of [a, b]) if (x.isDisposed) throw disposedError('matmul', x.shape);
  if (a.dtype !== b.dtype) {
    const dt = promoteTypes(a.dtype, a.ndim, b.dtype, b.ndim);
    throw typeError('matmul', `expected both operands to have the same dtype, but got ${a.dtype} and ${b.dtype} (cast with .to('${dt}'))`);
  }
  const da = a.ndim, db = b.ndim;
  if (da === 0 || db === 0) throw rangeError('matmul', `both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) {
    if (a.shape[0] !== b.shape[0]) throw rangeError('matmul', `shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied (${a.shape[0]} and ${b.shape[0]})`);
    // PyTorch 1.13: mm(a.unsqueeze(0), b).squeeze_(0), whose node is SqueezeBackward3.
    const r = mm(unsqueeze(a, 0), b);
    return record('squeezeDimInplace', [r], alias2(r, [b.shape[1]]), () => ({ shape: r.shape }));
  }
  if (da === 2 && db === 2) {
    if (a.shape[1] !== b.shape[0]) throw rangeError('matmul', `mat1 and mat2 shapes cannot be multiplied (${a.shape[0]}x${a.shape[1]} and ${b.shape[0]}x${b.shape[1]})`);
    return mm(a, b);
  }
  // N-D with a 1-D or 2-D right operand: fold the batch into rows, one mm.
  if (da >= 3 && db <= 2) {
    const k = a.shape[da - 1];
    const kb = b.shape[0];
    if (k !== kb) throw rangeError('matmul', `shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied (${k} and ${kb})`);
    const rows = numelOf(a.shape.slice(0, -1));
    const a2 = reshape(a, [rows, k]);
    if (db === 1) {
      const r = mv(a2, b);
      return record('unsafeView', [r], alias2(r, a.shape.slice(0, -1)), () => ({ shape: r.shape }));
    }
    const r = mm(a2, b);
    return record('unsafeView', [r], alias2(r, [...a.shape.slice(0, -1), b.shape[1]]), () => ({ shape: r.shape }));
  }
  // A vector or matrix times a batch: PyTorch 1.13 folds the batch too, as (b.mT @ a.mT).mT, with b.mT's batch
  // folded into rows (a copy: UnsafeView of Clone of Transpose) and the result transposed back and made
  // contiguous; the same nodes as PyTorch's, and one mm or mv instead of a bmm over an expanded operand.
  if (db >= 3 && da <= 2) {
    const k = a.shape[da - 1];
    const kb = b.shape[db - 2];
    if (k !== kb) throw rangeError('matmul', `shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied (${k} and ${kb})`);
    const bt = transpose(b, -1, -2);
    const rowsShape = bt.shape.slice(0, -1);
    const b2 = reshape(bt, [numelOf(rowsShape), k]);
    if (da === 1) {
      const r = mv(b2, a);
      return record('unsafeView', [r], alias2(r, rowsShape), () => ({ shape: r.shape }));
    }
    const r = mm(b2, t(a));
    const folded = record('unsafeView', [r], alias2(r, [...rowsShape, a.shape[0]]), () => ({ shape: r.shape }));
    const out = transpose(folded, -1, -2);
    return out.isContiguous() ? out : clone(out);
  }
  // General batched case: broadcast batch dims, then bmm.
  const a3 = da === 1 ? unsqueeze(a, 0) : a;
  const b3 = db === 1 ? unsqueeze(b, 1) : b;
  const [m, k] = a3.shape.slice(-2), [k2, n] = b3.shape.slice(-2);
  if (k !== k2) throw rangeError('matmul', `shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied (${k} and ${k2})`);
  const ba = a3.shape.slice(0, -2), bb = b3.shape.slice(0, -2);
  let batch: number[];
  try {
    batch = broadcastShapes('matmul', ba, bb);
  } catch {
    throw rangeError('matmul', `shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied: batch dims ${fmtShape(ba)} and ${fmtShape(bb)} cannot be broadcast`);
  }
  const nb = numelOf(batch);
  const ae = reshape(expand(a3, [...batch, m, k]), [nb, m, k]);
  const be = reshape(expand(b3, [...batch, k, n]), [nb, k, n]);
  const r = bmm(ae, be);
  const shape = [...batch, m, n];
  if (da === 1) shape.splice(shape.length - 2, 1);
  if (db === 1) shape.splice(shape.length - 1, 1);
  return record('unsafeView', [r], alias2(r, shape), () => ({ shape: r.shape }));
}
