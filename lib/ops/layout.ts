// Non-contiguous layouts the kernels read without a gather (Note [Dense layouts]).
import { Tensor } from '../tensor.js';
import { Storage, allocData, gatherValues, type Data } from '../storage.js';
import { broadcastShapes, contiguousStrides, numelOf } from '../shape.js';
import { native, type BinaryOp } from '../native.js';
import { dtypeCode, type DType } from '../dtype.js';
import { disposedError, fmtShape } from '../errors.js';

/**
 * Note [Dense layouts]: Tensor._data gathers a non-contiguous tensor into a fresh contiguous copy (Note
 * [Strided tensors]), a pass over memory that PyTorch's TensorIterator avoids. Elementwise ops read strided
 * operands in place or gather them in their memory order (Note [Output layout] below); a reduction over a
 * permutation of a dense block (x.t(), x.permute(...) of a contiguous tensor) runs over the block viewed in
 * memory order.
 */
/** x's dims from outermost to innermost in memory when x is a permuted dense block (not contiguous), else null. */
export function memoryOrder(x: Tensor): number[] | null {
  const st = x._strides;
  if (st === null || numelOf(x.shape) === 0) return null;
  const big = x.shape.map((_, i) => i).filter((i) => x.shape[i] !== 1);
  big.sort((a, b) => st[b] - st[a]);
  for (let k = big.length - 1, expect = 1; k >= 0; k--) {
    if (st[big[k]] !== expect) return null;
    expect *= x.shape[big[k]];
  }
  // Size-1 dims hold no layout: they go last.
  return [...big, ...x.shape.map((_, i) => i).filter((i) => x.shape[i] === 1)];
}

/** The storage block a permuted dense tensor covers (its values in memory order). */
export function denseBlock(x: Tensor): Data {
  checkLive(x);
  return x._box.data.subarray(x._offset, x._offset + numelOf(x.shape)) as Data;
}

/** Throws the usual error for a disposed tensor (without reading _data, which would gather a strided one). */
function checkLive(x: Tensor): void {
  if (x._box.disposed) throw new Error(`tensor of shape ${fmtShape(x.shape)} was disposed and cannot be used`);
}

/** A fresh tensor over `data` laid out with `strides` (a dense permutation: the result of a dense-layout kernel; null: row-major). */
export function wrapStrided(data: Data, shape: number[], dtype: DType, strides: number[] | null): Tensor {
  return new Tensor(new Storage(data), shape, dtype, strides, 0);
}

/** The strides of a result laid out in memory order `order` (outermost first) with `shape`. */
export function stridesInOrder(shape: readonly number[], order: readonly number[]): number[] {
  const phys = contiguousStrides(order.map((d) => shape[d]));
  const st = new Array<number>(shape.length);
  order.forEach((d, k) => (st[d] = phys[k]));
  return st;
}

/**
 * Note [Output layout]: PyTorch's TensorIterator lays a fresh elementwise output out in its inputs' memory
 * order (reorder_dimensions): the dims are insertion-sorted by the strides of the first input whose strides
 * tell two dims apart (broadcast, stride-0 dims are skipped; equal strides put the smaller dim inside), and
 * the output is contiguous in that order. So x.t().exp(), x.t().add(y), x.t().mul(2) and x.t() < y are
 * column-major while y.add(x.t()) is row-major, and x.t()[::2].exp() is column-major too. The stride() of a
 * result is user-visible, so every elementwise family (unary, binary with a tensor or a number, casts)
 * computes its layout here (test/ops/output_layout.test.ts checks PyTorch's strides).
 * iterationOrder gives the dims outermost first, or null when the order is row-major (a contiguous output).
 */
export function iterationOrder(ops: readonly Tensor[], shape: readonly number[]): number[] | null {
  const nd = shape.length;
  if (nd <= 1) return null;
  const st = ops.map((t) => broadcastStrides(t, shape));
  // perm[0] is the innermost dim; PyTorch starts from the row-major order and insertion-sorts.
  const perm = shape.map((_, i) => nd - 1 - i);
  const shouldSwap = (d0: number, d1: number): number => {
    for (const s of st) {
      const s0 = s[d0], s1 = s[d1];
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (shape[d0] > shape[d1]) return 1;
    }
    return 0;
  };
  for (let i = 1; i < nd; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0], perm[d1]);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  if (perm.every((d, i) => d === nd - 1 - i)) return null;
  return perm.reverse();
}

/** t's element strides viewed at the broadcast `shape` (0 along broadcast dims). */
export function broadcastStrides(t: Tensor, shape: readonly number[]): number[] {
  const own = t._strides ?? contiguousStrides(t.shape), lead = shape.length - t.ndim;
  return shape.map((n, d) => (d < lead || (t.shape[d - lead] === 1 && n !== 1) ? 0 : own[d - lead]));
}

/**
 * x's values laid out in its iteration order (Note [Output layout]) and the strides of a result laid out the
 * same way (null: row-major, the values are x._data). A dense block already in that order is read in place;
 * anything else is gathered in that order (one pass that reads x's memory in order).
 */
export function orderedValues(x: Tensor): { data: Data; strides: number[] | null } {
  if (x._contig) return { data: x._data, strides: null };
  const order = iterationOrder([x], x.shape);
  if (order === null) return { data: x._data, strides: null };
  const strides = stridesInOrder(x.shape, order);
  const own = x._strides as number[];
  if (x.shape.every((n, d) => n === 1 || own[d] === strides[d])) return { data: denseBlock(x), strides };
  checkLive(x);
  return { data: gatherValues(x._box.data, order.map((d) => x.shape[d]), order.map((d) => own[d]), x._offset), strides };
}

/**
 * A binary kernel on operands one of which is not contiguous, without gathering either: the kernel reads both
 * through their strides (broadcast dims at stride 0) and writes the result contiguously in the operands'
 * iteration order (Note [Output layout]); a transposed operand is read by tiles (Note [Tiled strided operands],
 * native/cpu/loops.h). x and y have the kernel's dtype already; the result has outDtype.
 */
export function stridedBinary(op: string, code: BinaryOp, x: Tensor, y: Tensor, outDtype: DType): Tensor {
  const shape = broadcastShapes(op, x.shape, y.shape);
  const order = iterationOrder([x, y], shape) ?? shape.map((_, i) => i);
  const sx = broadcastStrides(x, shape), sy = broadcastStrides(y, shape);
  for (const t of [x, y]) if (t._box.disposed) throw disposedError(op, t.shape);
  const out = native.binaryStrided(code, x._box.data, x._offset, order.map((d) => sx[d]), y._box.data, y._offset, order.map((d) => sy[d]),
    order.map((d) => shape[d]), allocData(dtypeCode[outDtype], numelOf(shape)));
  return wrapStrided(out, shape, outDtype, stridesInOrder(shape, order));
}
