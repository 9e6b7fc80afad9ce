// Structure ops that copy elements to new places: tril/triu, diag, diagEmbed, flip/fliplr/flipud, roll,
// repeat/tile, repeatInterleave, meshgrid. The kernels are index loops in JS (none of these is hot); every
// input is read through x._data (its contiguous values), every output is a fresh contiguous tensor.
import { Tensor, checkTensor } from '../tensor.js';
import { outData, type Data } from '../storage.js';
import { indexInts, longFrom } from './int64.js';
import { checkShape, contiguousStrides, numelOf, wrapDim, MAX_DIMS } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad as noGradRecord } from '../autograd/record.js';
import { promoteTypes, type DType, defaultFloat } from '../dtype.js';
import { wrap, zeros } from './creation.js';
import { indexSelect } from './gather.js';
import { inplaceFrom } from './inplace.js';
import * as S from './shape.js';

function checkInt(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(op, `${name} must be an integer, got ${describe(v)}`);
  return v;
}

/** A list of integers from a number or an array of numbers (PyTorch's IntArrayRef takes a lone int too). */
function intList(op: string, name: string, v: unknown): number[] {
  if (typeof v === 'number') return [checkInt(op, name, v)];
  if (!Array.isArray(v)) throw typeError(op, `${name} must be an integer or an array of integers, got ${describe(v)}`);
  return v.map((e) => checkInt(op, name, e));
}

/** Allocates the output, with the allocator's size-limit RangeError renamed to op. */
function alloc(op: string, x: Tensor, shape: number[]): Data {
  checkShape(op, shape);
  try {
    return outData(x.dtype, numelOf(shape));
  } catch (e) {
    if (e instanceof RangeError && /^cannot allocate/.test(e.message)) throw rangeError(op, e.message);
    throw e;
  }
}

/**
 * A new tensor of `shape` whose element at each multi-index `idx` is x's element at flat index src(idx), or 0
 * where src returns -1. `idx` is reused between calls (read it, do not keep it).
 */
function remap(op: string, x: Tensor, shape: number[], src: (idx: number[]) => number): Tensor {
  const out = alloc(op, x, shape);
  const xd = x._data;
  const n = out.length;
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  const zero = (xd instanceof BigInt64Array ? 0n : 0) as number; // an int64 storage takes bigints only
  for (let k = 0; k < n; k++) {
    const s = src(idx);
    out[k] = s < 0 ? zero : xd[s];
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return wrap(out, shape, x.dtype);
}

/** Flat index in a contiguous tensor of these strides. */
function flat(idx: number[], strides: number[]): number {
  let f = 0;
  for (let d = 0; d < idx.length; d++) f += idx[d] * strides[d];
  return f;
}

// ---- tril / triu ---------------------------------------------------------------------------------------------

function triangle(op: 'tril' | 'triu', x: Tensor, diagonal: number): Tensor {
  checkTensor(op, x);
  const k = checkInt(op, 'diagonal', diagonal);
  if (x.ndim < 2) throw rangeError(op, `input tensor must have at least 2 dimensions, got shape ${fmtShape(x.shape)}`);
  const nd = x.ndim;
  const st = contiguousStrides(x.shape);
  const keep = op === 'tril' ? (i: number, j: number) => j - i <= k : (i: number, j: number) => j - i >= k;
  const out = remap(op, x, x.shape.slice(), (idx) => (keep(idx[nd - 2], idx[nd - 1]) ? flat(idx, st) : -1));
  return record(op, [x], out, () => ({ diagonal: k }));
}

/**
 * The lower triangle of a matrix (below the `diagonal`-th diagonal is kept).
 *
 * The lower triangle of the last two dims (elements with j - i <= diagonal), zeros elsewhere.
 *
 * @see torch.tril
 * @example
 * ```ts
 * const x = tg.ones(3, 3)
 * tg.tril(x)
 * // tensor([[1., 0., 0.],
 * //         [1., 1., 0.],
 * //         [1., 1., 1.]])
 * ```
 */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle('tril', x, diagonal);
}
/**
 * The upper triangle of a matrix.
 *
 * The upper triangle of the last two dims (elements with j - i >= diagonal), zeros elsewhere.
 *
 * @see torch.triu
 * @example
 * ```ts
 * const x = tg.ones(3, 3)
 * tg.triu(x, 1)
 * // tensor([[0., 1., 1.],
 * //         [0., 0., 1.],
 * //         [0., 0., 0.]])
 * ```
 */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle('triu', x, diagonal);
}
/** tril in place. @example x.tril_() */
export function tril_<T extends Tensor>(x: T, diagonal = 0): T {
  return inplaceFrom('tril_', x, () => triangle('tril', x, diagonal));
}
/** triu in place. @example x.triu_(1) */
export function triu_<T extends Tensor>(x: T, diagonal = 0): T {
  return inplaceFrom('triu_', x, () => triangle('triu', x, diagonal));
}

// ---- diag / diagEmbed ------------------------------------------------------------------------------------------

/** Length of diagonal `offset` of an n x m matrix (0 when it lies outside). */
function diagLength(n: number, m: number, offset: number): number {
  return Math.max(0, offset >= 0 ? Math.min(n, m - offset) : Math.min(n + offset, m));
}

/**
 * A 1-D tensor to a diagonal matrix, or a matrix's diagonal to 1-D.
 *
 * 1-d input: the square matrix with x on diagonal `diagonal`. 2-d input: that diagonal of x as a 1-d tensor.
 *
 * @see torch.diag
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.diag(x)
 * // tensor([[1., 0.],
 * //         [0., 2.]])
 * ```
 */
export function diag(x: Tensor, diagonal = 0): Tensor {
  const op = 'diag';
  checkTensor(op, x);
  const k = checkInt(op, 'diagonal', diagonal);
  if (x.ndim !== 1 && x.ndim !== 2) throw rangeError(op, `matrix or a vector expected, got a ${x.ndim}-d tensor of shape ${fmtShape(x.shape)}`);
  const shape = x.shape.slice();
  let out: Tensor;
  if (x.ndim === 1) {
    const n = x.shape[0] + Math.abs(k);
    out = remap(op, x, [n, n], ([i, j]) => (j - i === k ? (k >= 0 ? i : j) : -1));
  } else {
    const [n, m] = x.shape;
    const len = diagLength(n, m, k);
    const start = k >= 0 ? k : -k * m;
    out = remap(op, x, [len], ([t]) => start + t * (m + 1));
  }
  return record(op, [x], out, () => ({ shape, diagonal: k }));
}

/**
 * Puts the last dimension on the diagonal of new trailing matrices.
 *
 * A tensor whose 2-d planes over dims (dim1, dim2) have the last dim of x on diagonal `offset`; the other
 * dims of x come first, in order.
 *
 * @see torch.diag_embed
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2]])
 * tg.diagEmbed(x)
 * // tensor([[[1., 0.],
 * //          [0., 2.]]])
 * ```
 */
export function diagEmbed(x: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  const op = 'diagEmbed';
  checkTensor(op, x);
  const k = checkInt(op, 'offset', offset);
  if (x.ndim === 0) throw rangeError(op, 'expected a tensor with at least 1 dimension, got shape []');
  const nd = x.ndim + 1;
  if (nd > MAX_DIMS) throw rangeError(op, `at most ${MAX_DIMS} dims are supported (input of shape ${fmtShape(x.shape)})`);
  const d1 = wrapDim(op, dim1, nd), d2 = wrapDim(op, dim2, nd);
  if (d1 === d2) throw rangeError(op, `diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const n = x.shape[x.ndim - 1];
  const size = n + Math.abs(k);
  const rest = x.shape.slice(0, -1);
  const shape: number[] = [];
  const restPos: number[] = []; // output dim of each of x's leading dims
  for (let d = 0, r = 0; d < nd; d++) {
    if (d === d1 || d === d2) shape.push(size);
    else {
      restPos.push(d);
      shape.push(rest[r++]);
    }
  }
  const st = contiguousStrides(x.shape);
  const out = remap(op, x, shape, (idx) => {
    const i = idx[d1], j = idx[d2];
    if (j - i !== k) return -1;
    let f = (k >= 0 ? i : j) * st[x.ndim - 1];
    for (let r = 0; r < restPos.length; r++) f += idx[restPos[r]] * st[r];
    return f;
  });
  return record(op, [x], out, () => ({ offset: k, dim1: d1, dim2: d2 }));
}

// ---- flip / roll -------------------------------------------------------------------------------------------------

/**
 * Reverses the order along the given dims.
 *
 * Reverses the order of elements along each of dims.
 *
 * @see torch.flip
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.flip(x, [0])
 * // tensor([[3., 4.],
 * //         [1., 2.]])
 * ```
 */
export function flip(x: Tensor, dims: number | number[]): Tensor {
  const op = 'flip';
  checkTensor(op, x);
  const ds = intList(op, 'dims', dims).map((d) => wrapDim(op, d, x.ndim));
  const seen = new Set<number>();
  for (const d of ds) {
    if (seen.has(d)) throw rangeError(op, `dim ${d} appears multiple times in the list of dims ${fmtShape(intList(op, 'dims', dims))}`);
    seen.add(d);
  }
  const on = x.shape.map((_, d) => seen.has(d));
  const st = contiguousStrides(x.shape);
  const shape = x.shape.slice();
  const out = remap(op, x, shape, (idx) => {
    let f = 0;
    for (let d = 0; d < idx.length; d++) f += (on[d] ? shape[d] - 1 - idx[d] : idx[d]) * st[d];
    return f;
  });
  return record(op, [x], out, () => ({ dims: x.ndim === 0 ? [] : [...seen] }));
}

/**
 * Reverses the order along dim 1.
 *
 * Flips left-right (dim 1); the input needs at least 2 dims.
 *
 * @see torch.fliplr
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.fliplr(x)
 * // tensor([[2., 1.],
 * //         [4., 3.]])
 * ```
 */
export function fliplr(x: Tensor): Tensor {
  checkTensor('fliplr', x);
  if (x.ndim < 2) throw rangeError('fliplr', `Input must be >= 2-d, got shape ${fmtShape(x.shape)}`);
  return flip(x, [1]);
}
/**
 * Reverses the order along dim 0.
 *
 * Flips up-down (dim 0); the input needs at least 1 dim.
 *
 * @see torch.flipud
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.flipud(x)
 * // tensor([[3., 4.],
 * //         [1., 2.]])
 * ```
 */
export function flipud(x: Tensor): Tensor {
  checkTensor('flipud', x);
  if (x.ndim < 1) throw rangeError('flipud', 'Input must be >= 1-d, got shape []');
  return flip(x, [0]);
}

/**
 * Rolls elements along dims by `shifts` (wrapping around).
 *
 * Rolls elements along dims by shifts (wrapping around); without dims, over the flattened tensor.
 *
 * @see torch.roll
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3, 4])
 * tg.roll(x, 1) // tensor([4., 1., 2., 3.])
 * ```
 */
export function roll(x: Tensor, shifts: number | number[], dims?: number | number[] | null): Tensor {
  const op = 'roll';
  checkTensor(op, x);
  const sh = intList(op, 'shifts', shifts);
  const ds = dims === undefined || dims === null ? [] : intList(op, 'dims', dims);
  if (sh.length !== ds.length && !(ds.length === 0 && sh.length === 1))
    throw rangeError(op, `shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  const n = x.numel();
  let out: Tensor;
  if (ds.length === 0) {
    const s = n === 0 ? 0 : ((sh[0] % n) + n) % n;
    const od = alloc(op, x, x.shape.slice());
    const xd = x._data;
    for (let i = 0; i < n; i++) od[(i + s) % n] = xd[i];
    out = wrap(od, x.shape.slice(), x.dtype);
  } else {
    const total = new Array<number>(Math.max(x.ndim, 1)).fill(0);
    ds.forEach((d, i) => (total[wrapDim(op, d, x.ndim)] += sh[i]));
    const st = contiguousStrides(x.shape);
    const shape = x.shape.slice();
    out = remap(op, x, shape, (idx) => {
      let f = 0;
      for (let d = 0; d < idx.length; d++) {
        const size = shape[d];
        f += ((((idx[d] - total[d]) % size) + size) % size) * st[d];
      }
      return f;
    });
  }
  return record(op, [x], out, () => ({ shifts: sh, dims: ds }));
}

// ---- repeat / tile / repeatInterleave ---------------------------------------------------------------------------

/**
 * Tiles the tensor `repeats[i]` times along each dimension.
 *
 * Tiles x `repeats[d]` times along each dim (leading repeats add dims).
 *
 * @see torch.repeat
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.repeat(x, 2, 2)
 * // tensor([[1., 2., 1., 2.],
 * //         [1., 2., 1., 2.]])
 * ```
 */
export function repeat(x: Tensor, repeats: number[]): Tensor {
  return repeatAs('repeat', x, repeats);
}

/** repeat, with errors named after `op` (tile). */
function repeatAs(op: string, x: Tensor, repeats: number[]): Tensor {
  checkTensor(op, x);
  const reps = intList(op, 'repeats', repeats);
  if (reps.length < x.ndim)
    throw rangeError(op, `Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor (repeats ${fmtShape(reps)} for a tensor of shape ${fmtShape(x.shape)})`);
  for (const r of reps) if (r < 0) throw rangeError(op, `repeats can not be negative, got ${fmtShape(reps)}`);
  const lead = reps.length - x.ndim;
  const xs = [...new Array<number>(lead).fill(1), ...x.shape];
  const shape = xs.map((s, d) => s * reps[d]);
  const st = contiguousStrides(xs);
  const out = remap(op, x, shape, (idx) => {
    let f = 0;
    for (let d = lead; d < idx.length; d++) f += (idx[d] % xs[d]) * st[d];
    return f;
  });
  return record('repeat', [x], out, () => ({ shape: x.shape, repeats: reps }));
}

/**
 * Like repeat, padding `dims` with leading ones.
 *
 * repeat, with dims padded with leading 1s to the tensor's rank.
 *
 * @see torch.tile
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.tile(x, [2]) // tensor([1., 2., 1., 2.])
 * ```
 */
export function tile(x: Tensor, dims: number[]): Tensor {
  checkTensor('tile', x);
  const ds = intList('tile', 'dims', dims);
  for (const r of ds) if (r < 0) throw rangeError('tile', `dims can not be negative, got ${fmtShape(ds)}`);
  const pad = Math.max(0, x.ndim - ds.length);
  return repeatAs('tile', x, [...new Array<number>(pad).fill(1), ...ds]);
}

/**
 * Repeats each element `repeats` times (along `dim`, or flattened).
 *
 * Repeats each element (or each slice along dim) `repeats` times, an integer or an int32 tensor with one count
 * per slice; without dim the input is flattened first. With a tensor alone, `repeatInterleave(r)` gives r[i]
 * copies of each index i.
 *
 * @see torch.repeat_interleave
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.repeatInterleave(x, 2) // tensor([1., 1., 2., 2.])
 * ```
 */
export function repeatInterleave(x: Tensor, repeats?: number | Tensor, dim?: number | null, outputSize?: number | null): Tensor {
  const op = 'repeatInterleave';
  checkTensor(op, x);
  if (repeats === undefined || repeats === null) {
    // the single-tensor form: x holds the counts
    if (x.dtype !== 'int64' && x.dtype !== 'int32') throw typeError(op, `repeats must be an int64 or int32 tensor, got dtype ${x.dtype}`);
    if (x.ndim > 1) throw rangeError(op, `repeat_interleave only accept 1D vector as repeat, got shape ${fmtShape(x.shape)}`);
    const counts = Array.from(indexInts(op, x, 'repeats'));
    const index = expandCounts(op, counts, outputSize);
    return longFrom(index, [index.length]);
  }
  let src = x;
  let d: number;
  if (dim === undefined || dim === null) {
    src = S.flatten(x);
    d = 0;
  } else d = wrapDim(op, dim, x.ndim);
  const size = src.ndim === 0 ? 1 : src.shape[d];
  let counts: number[];
  if (repeats instanceof Tensor) {
    checkTensor(op, repeats);
    if (repeats.dtype !== 'int64' && repeats.dtype !== 'int32') throw typeError(op, `repeats must be an int64 or int32 tensor, got dtype ${repeats.dtype}`);
    if (repeats.ndim > 1) throw rangeError(op, `repeat_interleave only accept 1D vector as repeat, got shape ${fmtShape(repeats.shape)}`);
    const r = Array.from(indexInts(op, repeats, 'repeats'));
    if (r.length === 1) counts = new Array<number>(size).fill(r[0]);
    else if (r.length === size) counts = r;
    else throw rangeError(op, `repeats must have the same size as input along dim: got ${r.length} repeats for size ${size} at dim ${d} of shape ${fmtShape(src.shape)}`);
  } else {
    const r = checkInt(op, 'repeats', repeats);
    counts = new Array<number>(size).fill(r);
  }
  const index = expandCounts(op, counts, outputSize);
  const xs = src.ndim === 0 ? [1] : src.shape;
  const shape = xs.slice();
  shape[d] = index.length;
  const st = contiguousStrides(xs);
  const out = remap(op, src, shape, (idx) => {
    let f = 0;
    for (let k = 0; k < idx.length; k++) f += (k === d ? index[idx[k]] : idx[k]) * st[k];
    return f;
  });
  return record('repeatInterleave', [src], out, () => ({ dim: d, index, size }));
}

/** [0]*c0 ++ [1]*c1 ++ ...; counts must be >= 0 and, when given, sum to outputSize. */
function expandCounts(op: string, counts: number[], outputSize: number | null | undefined): Int32Array {
  let total = 0;
  for (const c of counts) {
    if (c < 0) throw rangeError(op, `repeats can not be negative, got ${c}`);
    total += c;
  }
  if (outputSize !== undefined && outputSize !== null && checkInt(op, 'outputSize', outputSize) !== total)
    throw rangeError(op, `allocated size does not match required size: outputSize is ${outputSize} but the repeats sum to ${total}`);
  if (total > 2 ** 31 - 1) throw rangeError(op, `the repeats sum to ${total}, more elements than int32 indices reach`);
  const index = new Int32Array(total);
  let k = 0;
  counts.forEach((c, i) => index.fill(i, k, (k += c)));
  return index;
}

// ---- meshgrid ------------------------------------------------------------------------------------------------------

export interface MeshgridOptions {
  indexing?: 'ij' | 'xy';
}

/**
 * Coordinate grids from 1-D tensors (`indexing: 'ij'` or `'xy'`).
 *
 * Grids from 0-d or 1-d tensors: output i varies along dim i ('ij') or, for the first two, along the swapped
 * dims ('xy', Cartesian). Each output is an expand of a view of its input, so grads flow back to the inputs.
 *
 * @see torch.meshgrid
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.meshgrid([x, tg.tensor([3, 4, 5])], { indexing: 'ij' })[1]
 * // tensor([[3., 4., 5.],
 * //         [3., 4., 5.]])
 * ```
 */
export function meshgrid(tensors: Tensor[], indexing: 'ij' | 'xy' | MeshgridOptions = 'ij'): Tensor[] {
  const op = 'meshgrid';
  if (!Array.isArray(tensors) || tensors.length === 0) throw typeError(op, 'expects a non-empty array of Tensors');
  const ix = typeof indexing === 'object' && indexing !== null ? indexing.indexing ?? 'ij' : indexing ?? 'ij';
  if (ix !== 'ij' && ix !== 'xy') throw rangeError(op, `indexing must be one of "xy" or "ij", but received: ${String(ix)}`);
  tensors.forEach((t, i) => {
    checkTensor(op, t, `tensors[${i}]`);
    if (t.ndim > 1) throw rangeError(op, `Expected 0D or 1D tensor in the tensor list but got a tensor of shape ${fmtShape(t.shape)} at position ${i}`);
    if (t.dtype !== tensors[0].dtype) throw typeError(op, `expects all tensors to have the same dtype, got ${tensors[0].dtype} and ${t.dtype} (position ${i})`);
  });
  if (tensors.length > MAX_DIMS) throw rangeError(op, `at most ${MAX_DIMS} tensors are supported, got ${tensors.length}`);
  const n = tensors.length;
  const swap = ix === 'xy' && n >= 2;
  const pos = (i: number): number => (swap && i < 2 ? 1 - i : i);
  const shape = new Array<number>(n);
  tensors.forEach((t, i) => (shape[pos(i)] = t.numel()));
  return tensors.map((t, i) => {
    const vshape = new Array<number>(n).fill(1);
    vshape[pos(i)] = t.numel();
    return S.expand(S.view(t, vshape), shape);
  });
}

// ---- issue 15's second batch: rot90, blockDiag, diagflat, cartesianProd, combinations ------------------------------
/**
 * x rotated by 90 degrees k times in the plane of dims (from the first towards the second).
 *
 * @see torch.rot90
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.rot90(x)
 * // tensor([[2., 4.],
 * //         [1., 3.]])
 * x.rot90(1, [1, 0])
 * // tensor([[3., 1.],
 * //         [4., 2.]])
 * ```
 */
export function rot90(x: Tensor, k = 1, dims: number[] = [0, 1]): Tensor {
  const op = 'rot90';
  checkTensor(op, x);
  checkInt(op, 'k', k);
  if (!Array.isArray(dims) || dims.length !== 2) throw rangeError(op, `expected total rotation dims == 2, but got dims = ${describe(dims)}`);
  if (x.ndim < 2) throw rangeError(op, `expected total dims >= 2, but got total dims = ${x.ndim}`);
  const [d0, d1] = dims.map((d) => wrapDim(op, d, x.ndim));
  if (d0 === d1) throw rangeError(op, `expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  const turns = ((k % 4) + 4) % 4;
  const out = noGradRecord(() => {
    if (turns === 1) return S.transpose(flip(x, d1), d0, d1).contiguous();
    if (turns === 2) return flip(x, [d0, d1]);
    if (turns === 3) return S.transpose(flip(x, d0), d0, d1).contiguous();
    return x.clone();
  });
  return record('rot90', [x], out, () => ({ k, dims: [d0, d1] }));
}

/**
 * The matrices (0-d: 1x1, 1-d: one row) on the diagonal of a zero matrix.
 *
 * @see torch.block_diag
 * @example
 * ```ts
 * tg.blockDiag(tg.tensor([[1, 2]]), tg.tensor(3))
 * // tensor([[1., 2., 0.],
 * //         [0., 0., 3.]])
 * ```
 */
export function blockDiag(tensors: Tensor[]): Tensor {
  const op = 'blockDiag';
  if (!Array.isArray(tensors)) throw typeError(op, `expected tensors, got ${describe(tensors)}`);
  tensors.forEach((t, i) => {
    checkTensor(op, t, `tensors[${i}]`);
    if (t.ndim > 2) throw rangeError(op, `Input tensors must have 2 or fewer dimensions. Input ${i} has ${t.ndim} dimensions`);
  });
  const mats = tensors.map((t) => (t.ndim === 2 ? t : S.reshape(t, [1, t.numel()])));
  const rows = mats.reduce((n, m) => n + m.shape[0], 0), cols = mats.reduce((n, m) => n + m.shape[1], 0);
  const dt = tensors.reduce((d, t) => (d === null ? t.dtype : promoteTypes(d, 1, t.dtype, 1)), null as DType | null) ?? defaultFloat();
  const out = noGradRecord(() => {
    const z = zeros([rows, cols], { dtype: dt });
    let r = 0, c = 0;
    for (const m of mats) {
      S.narrow(S.narrow(z, 0, r, m.shape[0]), 1, c, m.shape[1]).copy_(m);
      r += m.shape[0];
      c += m.shape[1];
    }
    return z;
  });
  return record('blockDiag', tensors, out, () => ({ shapes: tensors.map((t) => t.shape.slice()), blocks: mats.map((m) => m.shape.slice()) }));
}

/**
 * x flattened onto diagonal `offset` of a square matrix.
 *
 * @see torch.diagflat
 * @example
 * ```ts
 * tg.diagflat(tg.tensor([1, 2]))
 * // tensor([[1., 0.],
 * //         [0., 2.]])
 * tg.diagflat(tg.tensor([1, 2]), 1)
 * // tensor([[0., 1., 0.],
 * //         [0., 0., 2.],
 * //         [0., 0., 0.]])
 * ```
 */
export function diagflat(x: Tensor, offset = 0): Tensor {
  checkTensor('diagflat', x);
  return diag(S.reshape(x, [-1]), offset);
}

/**
 * Every combination of one element from each 1-D tensor, one per row (itertools.product).
 *
 * @see torch.cartesian_prod
 * @example
 * ```ts
 * tg.cartesianProd(tg.tensor([1, 2]), tg.tensor([3, 4]))
 * // tensor([[1., 3.],
 * //         [1., 4.],
 * //         [2., 3.],
 * //         [2., 4.]])
 * ```
 */
export function cartesianProd(tensors: Tensor[]): Tensor {
  const op = 'cartesianProd';
  if (!Array.isArray(tensors) || tensors.length === 0) throw rangeError(op, 'expects a non-empty list of tensors');
  tensors.forEach((t, i) => {
    checkTensor(op, t, `tensors[${i}]`);
    if (t.ndim !== 1) throw rangeError(op, `Expect a 1D vector, but got shape ${fmtShape(t.shape)}`);
  });
  if (tensors.length === 1) return tensors[0];
  return S.stack(meshgrid(tensors, 'ij').map((g) => S.reshape(g, [-1])), 1);
}

/**
 * The r-length combinations of a 1-D tensor's elements, one per row (itertools.combinations, or with replacement).
 *
 * @see torch.combinations
 * @example
 * ```ts
 * tg.combinations(tg.tensor([1, 2, 3]))
 * // tensor([[1., 2.],
 * //         [1., 3.],
 * //         [2., 3.]])
 * tg.combinations(tg.tensor([1, 2]), { withReplacement: true })
 * // tensor([[1., 1.],
 * //         [1., 2.],
 * //         [2., 2.]])
 * ```
 */
export function combinations(input: Tensor, r = 2, withReplacement = false): Tensor {
  const op = 'combinations';
  checkTensor(op, input);
  if (input.ndim !== 1) throw rangeError(op, `Expect a 1D vector, but got shape ${fmtShape(input.shape)}`);
  checkInt(op, 'r', r);
  if (r < 0) throw rangeError(op, `Expect a non-negative number, but got ${r}`);
  if (r === 0) return input.newEmpty([0]);
  const n = input.shape[0];
  // The result's element count, before enumerating: C(n, r), or C(n + r - 1, r) with replacement.
  const top = withReplacement ? n + r - 1 : n;
  let count = r > top ? 0 : 1;
  for (let i = 0; i < Math.min(r, top - r) && count > 0; i++) count = (count * (top - i)) / (i + 1);
  if (Math.round(count) * r > 2 ** 28) throw rangeError(op, `${Math.round(count)} combinations of ${r} elements of a size-${n} input are more than this op makes (2^28 elements)`);
  if (count === 0) {
    // No combinations: an empty [0, r] result, as PyTorch's, for an r a shape can hold (r > n here).
    if (r > Number.MAX_SAFE_INTEGER) throw rangeError(op, `r ${r} is more than a dimension can hold (2^53 - 1)`);
    return input.newEmpty([0, r]);
  }
  const cols: number[][] = Array.from({ length: r }, () => []);
  const pick = (start: number, depth: number, chosen: number[]): void => {
    if (depth === r) {
      chosen.forEach((v, i) => cols[i].push(v));
      return;
    }
    for (let i = start; i < n; i++) pick(withReplacement ? i : i + 1, depth + 1, [...chosen, i]);
  };
  pick(0, 0, []);
  if (cols[0].length === 0) return input.newEmpty([0, r]);
  return S.stack(cols.map((c) => indexSelect(input, 0, wrap(Int32Array.from(c), [c.length], 'int32'))), 1);
}
