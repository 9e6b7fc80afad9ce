// Mask and flat-index ops with PyTorch 1.13's semantics: maskedFill, maskedSelect, maskedScatter (the mask
// broadcasts), take and put (indices into the flattened tensor, negative ones from the end), takeAlongDim,
// and the in-place forms. Indices are checked before use (Note [Checked indices] in ops/indexing.ts).
import { Tensor, checkTensor } from '../tensor.js';
import type { Data } from '../storage.js';
import { outData, fillData } from '../storage.js';
import { broadcastShapes, numelOf, sameShape, wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { native } from '../native.js';
import { wrap } from './creation.js';
import { expand, reshape } from './shape.js';
import { inplaceFrom } from './inplace.js';
import { indexData, nativeIndexData, checkSameDtype, copyOf, gatherAs, fillValue } from './gather.js';

/** x's values broadcast to `shape` (no graph: the ops record their own node on the original inputs). */
function valuesAt(x: Tensor, shape: number[]): Data {
  return sameShape(x.shape, shape) ? x._data : noGrad(() => expand(x, shape))._data;
}

function checkMask(op: string, mask: unknown): asserts mask is Tensor {
  checkTensor(op, mask, 'mask');
  if (mask.dtype !== 'bool') throw typeError(op, `expected a bool mask, got a ${mask.dtype} mask of shape ${fmtShape(mask.shape)}`);
}

/**
 * Sets the elements where `mask` is true to `value`.
 *
 * input with value where mask is true (mask broadcasts with input; the result has the broadcast shape).
 * value: a number, or a 0-d tensor whose grad is the sum of the filled entries' grads. Recorded as
 * MaskedFillBackward0 (number) or MaskedFillBackward1 (tensor).
 *
 * @see torch.masked_fill
 * @example
 * ```ts
 * const x = tg.tensor([1, -2, 3])
 * tg.maskedFill(x, x.lt(0), 0) // tensor([1., 0., 3.])
 * ```
 */
export function maskedFill(input: Tensor, mask: Tensor, value: number | boolean | bigint | Tensor): Tensor {
  return maskedFillAs('maskedFill', input, mask, value);
}
function maskedFillAs(op: string, input: Tensor, mask: Tensor, value: number | boolean | bigint | Tensor): Tensor {
  checkTensor(op, input, 'input');
  checkMask(op, mask);
  const v = fillValue(op, value);
  const shape = broadcastShapes(op, input.shape, mask.shape);
  // One native where(mask, value, input) pass; mask and input broadcast in the kernel, not copied (a causal
  // mask [1, 1, T, T] over scores [B, H, T, T] is read in place).
  const fill = outData(input.dtype, 1);
  if (fill instanceof BigInt64Array && typeof v === 'bigint') fill[0] = BigInt.asIntN(64, v); // exact past 2**53
  else fillData(fill, Number(v));
  const out = native.where(mask._data as Uint8Array, fill, input._data, mask.shape, [], input.shape, shape, outData(input.dtype, numelOf(shape)));
  const r = wrap(out, shape, input.dtype);
  if (value instanceof Tensor) return record('maskedFillTensor', [input, value], r, () => ({ mask }));
  return record('maskedFill', [input], r, () => ({ mask }));
}

/**
 * The elements where `mask` is true, as a 1-D tensor.
 *
 * The entries of input where mask is true (both broadcast), as a 1-d tensor in row-major order. Recorded as
 * MaskedSelectBackward0.
 *
 * @see torch.masked_select
 * @example
 * ```ts
 * const x = tg.tensor([1, -2, 3])
 * tg.maskedSelect(x, x.gt(0)) // tensor([1., 3.])
 * ```
 */
export function maskedSelect(input: Tensor, mask: Tensor): Tensor {
  const op = 'maskedSelect';
  checkTensor(op, input, 'input');
  checkMask(op, mask);
  const shape = broadcastShapes(op, input.shape, mask.shape);
  const m = valuesAt(mask, shape), x = valuesAt(input, shape);
  let k = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) k++;
  const out = outData(input.dtype, k);
  k = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) out[k++] = x[i];
  return record('maskedSelect', [input], wrap(out, [k], input.dtype), () => ({ mask, shape }));
}

/**
 * Copies consecutive `source` values into the positions where `mask` is true.
 *
 * input with source's values, in row-major order, written where mask is true (both broadcast; source needs at
 * least as many elements as the mask has true entries). Recorded as MaskedScatterBackward0.
 *
 * @see torch.masked_scatter
 * @example
 * ```ts
 * const x = tg.zeros(3)
 * tg.maskedScatter(x, tg.tensor([true, false, true]), tg.tensor([7, 8])) // tensor([7., 0., 8.])
 * ```
 */
export function maskedScatter(input: Tensor, mask: Tensor, source: Tensor): Tensor {
  return maskedScatterAs('maskedScatter', input, mask, source);
}
function maskedScatterAs(op: string, input: Tensor, mask: Tensor, source: Tensor): Tensor {
  checkTensor(op, input, 'input');
  checkMask(op, mask);
  checkSameDtype(op, input, source, 'source');
  const shape = broadcastShapes(op, input.shape, mask.shape);
  const m = valuesAt(mask, shape), x = valuesAt(input, shape), s = source._data;
  let k = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) k++;
  if (k > s.length) throw rangeError(op, `number of elements of source (${s.length}, shape ${fmtShape(source.shape)}) < number of ones in mask (${k}, shape ${fmtShape(mask.shape)})`);
  const out = outData(input.dtype, m.length);
  k = 0;
  for (let i = 0; i < m.length; i++) out[i] = m[i] ? s[k++] : x[i];
  return record('maskedScatter', [input, source], wrap(out, shape, input.dtype), () => ({ mask, sourceShape: source.shape }));
}

const ZERO = new Float64Array(1);
/** Flat positions of `index` into a tensor of n elements, negative from the end; PyTorch's message otherwise. */
function flatIndex(op: string, index: unknown, n: number): Int32Array {
  const raw = nativeIndexData(op, index);
  if (n < 2 ** 31) {
    // one native pass reads the index at its width, wraps negative ones and checks every one (Note [Advanced
    // index runs]); on a bad one the JS loop below names it in take's own words
    const out = outData('int32', raw.length) as Int32Array;
    try {
      return native.indexOffsets([raw], [(index as Tensor).shape.slice()], [0], [n], [1], (index as Tensor).shape.slice(), ZERO, ZERO, op, out);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  const idx = indexData(op, index);
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i];
    if (v < -n || v >= n) throw rangeError(op, `out of range: tried to access index ${v} on a tensor of ${n} elements`);
    out[i] = v < 0 ? v + n : v;
  }
  return out;
}

/**
 * Elements of the flattened tensor at `index`.
 *
 * The entries of input, read as a flat tensor, at `index` (negative counts from the end); the result has
 * index's shape. Recorded as TakeBackward0 (its grad is put with accumulate into zeros).
 *
 * @see torch.take
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.take(x, tg.tensor([0, 3], { dtype: 'int32' })) // tensor([1., 4.])
 * ```
 */
export function take(input: Tensor, index: Tensor): Tensor {
  const op = 'take';
  checkTensor(op, input, 'input');
  const n = input.numel();
  const idx = flatIndex(op, index, n);
  // the flat positions as a 1-d gather (the native kernel checks them again)
  const out = native.indexGather(input._data, [n], 0, idx, [idx.length], op, outData(input.dtype, idx.length));
  return record('take', [input], wrap(out, index.shape.slice(), input.dtype), () => ({ shape: input.shape, index }));
}

/**
 * Writes `source` at flat indices of the tensor (out of place).
 *
 * input with source's values written at the flat positions `index` (same number of elements as source);
 * accumulate adds instead (repeated indices sum). Recorded as PutBackward0.
 *
 * @see torch.put
 * @example
 * ```ts
 * const x = tg.zeros(2, 2)
 * tg.put(x, tg.tensor([0, 3], { dtype: 'int32' }), tg.tensor([1, 2]))
 * // tensor([[1., 0.],
 * //         [0., 2.]])
 * ```
 */
export function put(input: Tensor, index: Tensor, source: Tensor, accumulate: boolean | { accumulate?: boolean } = false): Tensor {
  return putAs('put', input, index, source, accumulate);
}
function putAs(op: string, input: Tensor, index: Tensor, source: Tensor, accumulate: boolean | { accumulate?: boolean } = false): Tensor {
  checkTensor(op, input, 'input');
  const acc = typeof accumulate === 'object' && accumulate !== null ? accumulate.accumulate ?? false : accumulate;
  if (typeof acc !== 'boolean') throw typeError(op, `accumulate must be a boolean, got ${describe(acc)}`);
  const idx = flatIndex(op, index, input.numel());
  checkSameDtype(op, input, source, 'source');
  if (source.numel() !== idx.length)
    throw rangeError(op, `expected source and index to have the same number of elements, but got source.numel() = ${source.numel()} (shape ${fmtShape(source.shape)}), index.numel() = ${idx.length}`);
  const out = copyOf(input), s = source._data;
  if (input.dtype !== 'bool') native.indexScatter(out, [out.length], 0, idx, [idx.length], s, [s.length], 0, acc ? 1 : 0, op);
  else if (acc) for (let i = 0; i < idx.length; i++) out[idx[i]] = out[idx[i]] || s[i] ? 1 : 0;
  else for (let i = 0; i < idx.length; i++) out[idx[i]] = s[i];
  return record('put', [input, source], wrap(out, input.shape.slice(), input.dtype), () => ({ index, accumulate: acc, sourceShape: source.shape }));
}

/**
 * Picks values along `dim` at `indices` (as gather, broadcasting; flattened without dim).
 *
 * input's values at `indices` along dim, input and indices broadcast outside dim (gather after broadcasting,
 * so recorded as GatherBackward0 as in PyTorch); without dim, take along the flattened input.
 *
 * @see torch.take_along_dim
 * @example
 * ```ts
 * const x = tg.tensor([[10, 30], [40, 20]])
 * tg.takeAlongDim(x, tg.argmax(x, 1, true), 1)
 * // tensor([[30.],
 * //         [40.]])
 * ```
 */
export function takeAlongDim(input: Tensor, indices: Tensor, dim?: number | null): Tensor {
  const op = 'takeAlongDim';
  checkTensor(op, input, 'input');
  nativeIndexData(op, indices, 'indices');
  if (dim === undefined || dim === null) return gatherAs(op, reshape(input, [-1]), 0, reshape(indices, [-1]));
  const d = wrapDim(op, dim, input.ndim);
  if (input.ndim !== indices.ndim)
    throw rangeError(op, `input ${fmtShape(input.shape)} and indices ${fmtShape(indices.shape)} should have the same number of dimensions`);
  const xs = input.shape.slice(), is = indices.shape.slice();
  xs[d] = is[d];
  const b = broadcastShapes(op, xs, is);
  const selfShape = b.slice(), idxShape = b.slice();
  selfShape[d] = input.shape[d];
  idxShape[d] = indices.shape[d];
  const x = sameShape(selfShape, input.shape) ? input : expand(input, selfShape);
  const i = sameShape(idxShape, indices.shape) ? indices : expand(indices, idxShape);
  return gatherAs(op, x, d, i);
}

/** In-place maskedFill (the mask broadcasts to x's shape). @example x.maskedFill_(x.lt(0), 0) */
export function maskedFill_<T extends Tensor>(x: T, mask: Tensor, value: number | boolean | bigint | Tensor): T {
  return inplaceFrom('maskedFill_', x, () => maskedFillAs('maskedFill_', x, mask, value));
}
/** In-place maskedScatter. @example x.maskedScatter_(mask, src) */
export function maskedScatter_<T extends Tensor>(x: T, mask: Tensor, source: Tensor): T {
  return inplaceFrom('maskedScatter_', x, () => maskedScatterAs('maskedScatter_', x, mask, source));
}
/** In-place put. @example x.put_(idx, src, true) */
export function put_<T extends Tensor>(x: T, index: Tensor, source: Tensor, accumulate: boolean | { accumulate?: boolean } = false): T {
  return inplaceFrom('put_', x, () => putAs('put_', x, index, source, accumulate));
}
