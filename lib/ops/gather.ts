// Indexing ops along a dim (the gather family) with PyTorch 1.13's semantics: gather, indexSelect, indexAdd, indexFill, indexCopy
// and their in-place forms. The scatter family is in ops/scatter.ts, the mask and flat-index ops in
// ops/masked.ts. Every index is validated in JS before any read or write (Note [Checked indices]).
import { Tensor, checkTensor } from '../tensor.js';
import type { Data } from '../storage.js';
import { outData, gatherValues } from '../storage.js';
import { isFloat } from '../dtype.js';
import { contiguousStrides, numelOf, wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record } from '../autograd/record.js';
import { native } from '../native.js';
import { wrap } from './creation.js';
import { inplaceFrom } from './inplace.js';
import { indexInts, indexValues, fillRange } from './int64.js';

/**
 * Note [Checked indices]: the kernels here are JS loops over typed arrays, where an out-of-range index would
 * read `undefined` (a silent NaN) or write past the view into a neighbour's slab. So every op checks every
 * index against the size it addresses before the loop (checkRange), and throws PyTorch's message with the
 * op, the dim and the size. The native kernels (gather, indexSelect, take/put, scatter/scatterAdd/scatterReduce
 * with a src or scatter with a float value, indexCopy, indexAdd/indexFill of float tensors, and advanced indexing's
 * index/indexPut with tensor values) check each index just before using it
 * instead, with the same message (Note [Fused index checks] in native/cpu/index_kernels.cc); they write only
 * into fresh buffers, so a throw leaves the user's tensors as they were. Index tensors are int64 (PyTorch's) or int32; any other dtype is a TypeError. The
 * native kernels read either width as it is (nativeIndexData); the JS loops read int32 (indexData), where an
 * int64 index beyond int32's range is out of range for any dim.
 */

/** The values of an int64 or int32 index tensor as int32, or a TypeError naming the op (PyTorch: "Expected dtype int64 for index"). */
export function indexData(op: string, index: unknown, what = 'index'): Int32Array {
  checkTensor(op, index, what);
  return indexInts(op, index, what);
}

/**
 * indexData for the native index kernels: the values at their own width, unnarrowed (the kernels read int64
 * directly and check each index: Note [Index widths] in native/binding/index_view.h).
 */
export function nativeIndexData(op: string, index: unknown, what = 'index'): Int32Array | BigInt64Array {
  checkTensor(op, index, what);
  return indexValues(op, index, what);
}

/** Every index in [0, size): else PyTorch's "index 5 is out of bounds for dimension 0 with size 3". */
export function checkRange(op: string, idx: Int32Array, size: number, dim: number): void {
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i];
    if (v < 0 || v >= size) throw rangeError(op, `index ${v} is out of bounds for dimension ${dim} with size ${size}`);
  }
}

/** A 0-d shape as [1] (PyTorch's ensure_nonempty_dim: 0-d and 1-d tensors mix in gather/scatter). */
export const nonEmpty = (shape: readonly number[]): number[] => (shape.length === 0 ? [1] : shape.slice());

/**
 * For each position of a tensor of `shape` (row-major), its offset in a tensor with `strides`, leaving out
 * dim `skip` (-1: none): the base offset gather/scatter add `index * strides[skip]` to.
 */
export function baseOffsets(shape: readonly number[], strides: readonly number[], skip: number): Int32Array {
  const n = numelOf(shape);
  const out = new Int32Array(n);
  const nd = shape.length;
  if (n === 0) return out;
  const last = nd - 1;
  const sl = last < 0 || last === skip ? 0 : strides[last];
  const len = nd === 0 ? 1 : shape[last];
  const pos = new Array<number>(nd).fill(0);
  let off = 0;
  for (let i = 0; i < n; ) {
    for (let k = 0; k < len; k++) out[i++] = off + k * sl;
    for (let d = last - 1; d >= 0; d--) {
      const s = d === skip ? 0 : strides[d];
      if (++pos[d] < shape[d]) {
        off += s;
        break;
      }
      off -= s * (pos[d] - 1);
      pos[d] = 0;
    }
  }
  return out;
}

/**
 * A fresh copy of x's values (the output of an out-of-place index op before its writes). Large or strided: one
 * native pass split over the threads (TypedArray.set copies on one thread, and x._data of a view is a copy
 * already); 1e6 float32 took a quarter of scatterAdd's time with set.
 */
export function copyOf(x: Tensor): Data {
  const n = x.numel(), out = outData(x.dtype, n);
  if (x._contig && n < 65536) out.set(x._data as never);
  else gatherValues(x._box.data, x.shape, x._strides ?? contiguousStrides(x.shape), x._offset, out);
  return out;
}

/** A same-dtype source tensor, or a TypeError naming the op (PyTorch: "Expected self.dtype to be equal to src.dtype"). */
export function checkSameDtype(op: string, x: Tensor, src: unknown, what: string): asserts src is Tensor {
  checkTensor(op, src, what);
  if (src.dtype !== x.dtype) throw typeError(op, `expected ${what} to have the same dtype as self (${x.dtype}), got ${src.dtype}`);
}

/**
 * Picks values along `dim` at `index` (`out[i][j] = input[i][index[i][j]]` for dim 1).
 *
 * Gathers values along dim: out[i][j][k] = input[i][index[i][j][k]][k] for dim 1. index has input's number of
 * dims and no larger size than input's outside dim. Recorded as GatherBackward0 (its grad is scatterAdd into
 * zeros). sparseGrad: true is a TypeError (tensorgrad has no sparse tensors).
 *
 * @see torch.gather
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.gather(x, 1, tg.tensor([[1], [0]], { dtype: 'int32' }))
 * // tensor([[2.],
 * //         [3.]])
 * ```
 */
export function gather(input: Tensor, dim: number, index: Tensor, sparseGrad: boolean | { sparseGrad?: boolean } = false): Tensor {
  return gatherAs('gather', input, dim, index, sparseGrad);
}
/** gather with errors naming `op` (takeAlongDim is a gather after broadcasting). */
export function gatherAs(op: string, input: Tensor, dim: number, index: Tensor, sparseGrad: boolean | { sparseGrad?: boolean } = false): Tensor {
  checkTensor(op, input, 'input');
  const idx = nativeIndexData(op, index);
  const d = wrapDim(op, dim, input.ndim);
  const sparse = typeof sparseGrad === 'object' && sparseGrad !== null ? sparseGrad.sparseGrad ?? false : sparseGrad;
  if (typeof sparse !== 'boolean') throw typeError(op, `sparseGrad must be a boolean, got ${describe(sparse)}`);
  if (sparse) throw typeError(op, 'sparseGrad=true is not supported (tensorgrad has no sparse tensors)');
  checkGatherShapes(op, input.shape, index.shape, null, d);
  // the native kernel checks every index as it goes (Note [Fused index checks] in native/cpu/index_kernels.cc),
  // with the same message as checkRange; the output comes from the storage pool (allocData)
  const out = native.indexGather(input._data, nonEmpty(input.shape), d, idx, nonEmpty(index.shape), op, outData(input.dtype, idx.length));
  return record('gather', [input], wrap(out, index.shape.slice(), input.dtype), () => ({ shape: input.shape, dim: d, index }));
}

/**
 * PyTorch's gather/scatter shape rules: index, self (and src) have the same number of dims; index is no larger
 * than self outside dim and no larger than src anywhere.
 */
export function checkGatherShapes(op: string, self: readonly number[], index: readonly number[], src: readonly number[] | null, d: number): void {
  const xs = nonEmpty(self), is = nonEmpty(index);
  if (is.length !== xs.length || (src !== null && nonEmpty(src).length !== xs.length))
    throw rangeError(op, `index ${fmtShape(index)} must have the same number of dimensions as self ${fmtShape(self)}${src === null ? '' : ` and src ${fmtShape(src)}`}`);
  if (numelOf(index) === 0) return;
  const ss = src === null ? null : nonEmpty(src);
  for (let k = 0; k < xs.length; k++) {
    if ((k !== d && is[k] > xs[k]) || (ss !== null && is[k] > ss[k]))
      throw rangeError(op, `size does not match at dimension ${k}: expected index ${fmtShape(index)} to be smaller than self ${fmtShape(self)} apart from dimension ${d}${ss === null ? '' : ` and to be smaller than src ${fmtShape(src as number[])}`}`);
  }
}

/**
 * Checks an index along dim for the JS loops of the index* ops: 0-d or 1-d, every value in range; returns the
 * values as int32.
 */
function vectorIndex(op: string, x: Tensor, d: number, index: unknown): Int32Array {
  const idx = indexData(op, index);
  checkVector(op, index as Tensor);
  checkRange(op, idx, nonEmpty(x.shape)[d], d);
  return idx;
}
/** A 0-d or 1-d index for a native kernel, at its own width (the kernel checks the values). */
function nativeVectorIndex(op: string, index: unknown): Int32Array | BigInt64Array {
  const raw = nativeIndexData(op, index);
  checkVector(op, index as Tensor);
  return raw;
}
function checkVector(op: string, index: Tensor): void {
  if (index.ndim > 1) throw rangeError(op, `index must be a vector (0-d or 1-d), got shape ${fmtShape(index.shape)}`);
}

/** [outer, size, inner] of x around dim d: element (o, i, k) is at (o * size + i) * inner + k. */
function around(shape: readonly number[], d: number): [number, number, number] {
  const s = nonEmpty(shape);
  return [numelOf(s.slice(0, d)), s[d], numelOf(s.slice(d + 1))];
}

/** The shape a source of index* ops must have: x's, with size index.numel() at dim. */
function sourceShapeFor(x: Tensor, d: number, m: number): number[] {
  const s = nonEmpty(x.shape);
  s[d] = m;
  return s;
}

function checkSource(op: string, x: Tensor, d: number, m: number, source: unknown): asserts source is Tensor {
  checkSameDtype(op, x, source, 'source');
  const want = sourceShapeFor(x, d, m);
  const got = nonEmpty(source.shape);
  if (got.length !== want.length || got.some((v, i) => v !== want[i]))
    throw rangeError(op, `source of shape ${fmtShape(source.shape)} does not match self ${fmtShape(x.shape)} with ${m} indices at dimension ${d} (expected ${fmtShape(want)})`);
}

/**
 * The slices of `dim` at the given indices.
 *
 * The slices of input at `index` along dim (index 0-d or 1-d). Recorded as IndexSelectBackward0 (its grad is
 * indexAdd into zeros).
 *
 * @see torch.index_select
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4], [5, 6]])
 * tg.indexSelect(x, 0, tg.tensor([2, 0], { dtype: 'int32' }))
 * // tensor([[5., 6.],
 * //         [1., 2.]])
 * ```
 */
export function indexSelect(input: Tensor, dim: number, index: Tensor): Tensor {
  const op = 'indexSelect';
  checkTensor(op, input, 'input');
  const d = wrapDim(op, dim, input.ndim);
  // the native kernel checks the indices (Note [Fused index checks]); the output comes from the storage pool
  const idx = nativeVectorIndex(op, index);
  const m = idx.length;
  const shape = input.ndim === 0 ? [] : sourceShapeFor(input, d, m);
  const out = native.indexSelect(input._data, nonEmpty(input.shape), d, idx, op, outData(input.dtype, numelOf(shape)));
  return record('indexSelect', [input], wrap(out, shape, input.dtype), () => ({ shape: input.shape, dim: d, index }));
}

/**
 * Adds `alpha * source` slices into `dim` at `index`.
 *
 * input with alpha * source added at `index` along dim (repeated indices accumulate). source has input's shape
 * with index.numel() at dim. Recorded as IndexAddBackward0.
 *
 * @see torch.index_add
 * @example
 * ```ts
 * const x = tg.zeros(3)
 * tg.indexAdd(x, 0, tg.tensor([0, 0, 2], { dtype: 'int32' }), tg.tensor([1, 2, 3]))
 * // tensor([3., 0., 3.])
 * ```
 */
export function indexAdd(input: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number | { alpha?: number } = 1): Tensor {
  return indexAddAs('indexAdd', input, dim, index, source, alpha);
}
function indexAddAs(op: string, input: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number | { alpha?: number } = 1): Tensor {
  checkTensor(op, input, 'input');
  const a = typeof alpha === 'object' && alpha !== null ? alpha.alpha ?? 1 : alpha;
  if (typeof a !== 'number') throw typeError(op, `alpha must be a number, got ${describe(a)}`);
  const d = wrapDim(op, dim, input.ndim);
  if (isFloat(input.dtype)) {
    // one native pass that reads the index at its width and checks it (Note [Index put along a dim] in
    // native/cpu/index_kernels.cc); on a bad index it throws before any write
    const raw = nativeVectorIndex(op, index);
    checkSource(op, input, d, raw.length, source);
    const out = copyOf(input);
    native.indexPutDim(out, nonEmpty(input.shape), d, raw, source._data, 0, a, 1, op);
    return record('indexAdd', [input, source], wrap(out, input.shape.slice(), input.dtype), () => ({ dim: d, index, alpha: a, sourceShape: source.shape }));
  }
  const idx = vectorIndex(op, input, d, index);
  checkSource(op, input, d, idx.length, source);
  const [outer, size, inner] = around(input.shape, d);
  const m = idx.length;
  const out = copyOf(input), src = source._data;
  const alphaT = isFloat(input.dtype) ? a : Math.trunc(a); // PyTorch casts alpha to the tensor's dtype
  if (out instanceof BigInt64Array) {
    // exact, with int64's wrap-around (the BigInt64Array store wraps)
    if (!Number.isFinite(alphaT)) throw rangeError(op, `alpha ${a} cannot be converted to int64 without overflow`);
    const al = BigInt(alphaT), sb = src as BigInt64Array;
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < m; j++) {
        const to = (o * size + idx[j]) * inner, from = (o * m + j) * inner;
        for (let k = 0; k < inner; k++) out[to + k] += al * sb[from + k];
      }
  } else for (let o = 0; o < outer; o++)
    for (let j = 0; j < m; j++) {
      const to = (o * size + idx[j]) * inner, from = (o * m + j) * inner;
      for (let k = 0; k < inner; k++) (out as Float64Array)[to + k] += alphaT * (src as Float64Array)[from + k];
    }
  if (input.dtype === 'bool') for (let i = 0; i < out.length; i++) out[i] = out[i] ? 1 : 0;
  return record('indexAdd', [input, source], wrap(out, input.shape.slice(), input.dtype), () => ({ dim: d, index, alpha: a, sourceShape: source.shape }));
}

/**
 * Fills the slices of `dim` at `index` with a value.
 *
 * input with the slices at `index` along dim set to value (a number, or a 0-d tensor whose grad is the sum of
 * the filled entries' grads). Recorded as IndexFillBackward0 (number) or IndexFillBackward1 (tensor).
 *
 * @see torch.index_fill
 * @example
 * ```ts
 * const x = tg.zeros(2, 3)
 * tg.indexFill(x, 1, tg.tensor([1], { dtype: 'int32' }), 9)
 * // tensor([[0., 9., 0.],
 * //         [0., 9., 0.]])
 * ```
 */
export function indexFill(input: Tensor, dim: number, index: Tensor, value: number | boolean | bigint | Tensor): Tensor {
  return indexFillAs('indexFill', input, dim, index, value);
}
/**
 * The fill value of indexFill / maskedFill: a number, a boolean, a bigint or a 0-d tensor (PyTorch's Scalar or 0-d
 * Tensor overloads). An int64 value (a bigint, or a 0-d int64 tensor's element) stays a bigint, exact past 2**53.
 */
export function fillValue(op: string, value: unknown): number | bigint {
  if (value instanceof Tensor) {
    checkTensor(op, value, 'value');
    if (value.ndim !== 0) throw rangeError(op, `only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s)`);
    const v = value._data[0];
    return typeof v === 'bigint' ? v : Number(v);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  if (typeof value === 'bigint') return value;
  throw typeError(op, `value must be a number, a bigint or a 0-d Tensor, got ${describe(value)}`);
}

function indexFillAs(op: string, input: Tensor, dim: number, index: Tensor, value: number | boolean | bigint | Tensor): Tensor {
  checkTensor(op, input, 'input');
  const d = wrapDim(op, dim, input.ndim);
  let out: Data;
  if (isFloat(input.dtype)) {
    const raw = nativeVectorIndex(op, index), v = Number(fillValue(op, value));
    out = copyOf(input);
    native.indexPutDim(out, nonEmpty(input.shape), d, raw, null, v, 1, 0, op);
  } else {
    const idx = vectorIndex(op, input, d, index);
    const v = fillValue(op, value);
    const [outer, size, inner] = around(input.shape, d);
    out = copyOf(input);
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < idx.length; j++) fillRange(out, v, (o * size + idx[j]) * inner, (o * size + idx[j] + 1) * inner);
  }
  const r = wrap(out, input.shape.slice(), input.dtype);
  if (value instanceof Tensor) return record('indexFillTensor', [input, value], r, () => ({ dim: d, index }));
  return record('indexFill', [input], r, () => ({ dim: d, index }));
}

/**
 * Copies `source` slices into `dim` at `index`.
 *
 * input with the slices at `index` along dim replaced by source's (for a repeated index the last one wins).
 * Recorded as IndexCopyBackward0.
 *
 * @see torch.index_copy
 * @example
 * ```ts
 * const x = tg.zeros(3)
 * tg.indexCopy(x, 0, tg.tensor([2, 0], { dtype: 'int32' }), tg.tensor([5, 6])) // tensor([6., 0., 5.])
 * ```
 */
export function indexCopy(input: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  return indexCopyAs('indexCopy', input, dim, index, source);
}
function indexCopyAs(op: string, input: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  checkTensor(op, input, 'input');
  const d = wrapDim(op, dim, input.ndim);
  const raw = nativeVectorIndex(op, index);
  checkSource(op, input, d, raw.length, source);
  // every dtype: a copy of slices (Note [Index put along a dim] in native/cpu/index_kernels.cc)
  const out = copyOf(input);
  native.indexPutDim(out, nonEmpty(input.shape), d, raw, source._data, 0, 1, 0, op);
  return record('indexCopy', [input, source], wrap(out, input.shape.slice(), input.dtype), () => ({ dim: d, index, sourceShape: source.shape }));
}

/** In-place indexAdd. @example x.indexAdd_(0, idx, src) */
export function indexAdd_<T extends Tensor>(x: T, dim: number, index: Tensor, source: Tensor, alpha: number | { alpha?: number } = 1): T {
  return inplaceFrom('indexAdd_', x, () => indexAddAs('indexAdd_', x, dim, index, source, alpha));
}
/** In-place indexFill. @example x.indexFill_(1, idx, 0) */
export function indexFill_<T extends Tensor>(x: T, dim: number, index: Tensor, value: number | boolean | bigint | Tensor): T {
  return inplaceFrom('indexFill_', x, () => indexFillAs('indexFill_', x, dim, index, value));
}
/** In-place indexCopy. @example x.indexCopy_(0, idx, src) */
export function indexCopy_<T extends Tensor>(x: T, dim: number, index: Tensor, source: Tensor): T {
  return inplaceFrom('indexCopy_', x, () => indexCopyAs('indexCopy_', x, dim, index, source));
}
