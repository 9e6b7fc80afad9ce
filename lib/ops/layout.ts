// Non-contiguous layouts the kernels read without a gather (Note [Dense layouts]).
import { Tensor } from '../tensor.js';
import { Storage, type Data } from '../storage.js';
import { contiguousStrides, numelOf } from '../shape.js';
import type { DType } from '../dtype.js';
import { fmtShape } from '../errors.js';

/**
 * Note [Dense layouts]: Tensor._data gathers a non-contiguous tensor into a fresh contiguous copy (Note
 * [Strided tensors]), a pass over memory that PyTorch's TensorIterator avoids. Two layouts are common enough
 * to be read in place:
 * - a permutation of a dense block (x.t(), x.permute(...), x.transpose(...) of a contiguous tensor): an
 *   elementwise op runs over the block as it lies in memory and its result takes the input's strides (as
 *   PyTorch's preserve_format outputs do); a reduction runs over the block viewed in memory order;
 * - an expanded tensor whose other dims are contiguous (the grads of sum and mean, expand() of a row): a
 *   binary op reads its compact data with broadcasting, as if the expand had not happened.
 * Anything else (a slice with a step, a narrow of a transpose, overlapping strides) is gathered first.
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

/** A fresh tensor over `data` laid out with `strides` (a dense permutation: the result of a dense-layout kernel). */
export function wrapStrided(data: Data, shape: number[], dtype: DType, strides: number[]): Tensor {
  return new Tensor(new Storage(data), shape, dtype, strides, 0);
}

/**
 * An expanded tensor's compact data and shape (size 1 where the stride is 0) when the rest is contiguous, so
 * a broadcasting kernel can read it as is; null otherwise.
 */
export function compactOperand(x: Tensor): { data: Data; shape: number[] } | null {
  const st = x._strides;
  if (st === null) return { data: x._data, shape: x.shape };
  const shape = x.shape.map((d, i) => (st[i] === 0 ? 1 : d));
  const want = contiguousStrides(shape);
  for (let i = 0; i < shape.length; i++) if (shape[i] !== 1 && st[i] !== want[i]) return null;
  checkLive(x);
  return { data: x._box.data.subarray(x._offset, x._offset + numelOf(shape)) as Data, shape };
}

/** The strides of a result laid out in memory order `order` (outermost first) with `shape`. */
export function stridesInOrder(shape: readonly number[], order: readonly number[]): number[] {
  const phys = contiguousStrides(order.map((d) => shape[d]));
  const st = new Array<number>(shape.length);
  order.forEach((d, k) => (st[d] = phys[k]));
  return st;
}
