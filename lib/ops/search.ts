// Search ops, none differentiable: nonzero/argwhere/where(condition), searchsorted/bucketize, unique. Indices
// are int64 (PyTorch's). Kernels are JS loops over x._data (the contiguous values; int64 values through an
// exact float64 copy, lib/ops/int64.ts).
import { Tensor, checkTensor } from '../tensor.js';
import { recordNotImplemented } from '../autograd/record.js';
import { contiguousStrides, numelOf, wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { wrap } from './creation.js';
import { outData, type Data } from '../storage.js';
import { promoteScalar, promoteTypes } from '../dtype.js';
import { longFrom, indexInts, exactFloat64, orderKeys } from './int64.js';

/** int32 indices past this many elements would not fit. */
const MAX_INDEX = 2 ** 31 - 1;

function int32(values: ArrayLike<number>, shape: number[]): Tensor {
  const d = new Int32Array(values.length);
  d.set(values);
  return longFrom(d, shape);
}

/** Native-backed storage of the same values (wrap() wants the allocator's buffers). */
function copyInto(values: Int32Array | Float64Array, dtype: Tensor['dtype']): Data {
  const out = outData(dtype, values.length);
  out.set(values as never);
  return out;
}

function checkBool(op: string, name: string, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
  return v;
}

// ---- nonzero / argwhere / where(condition) ----------------------------------------------------------------------

export interface NonzeroOptions {
  asTuple?: boolean;
}

/** Flat positions of the non-zero elements (NaN counts as non-zero; true for bool). */
function nonzeroFlat(x: Tensor): number[] {
  // int64 values are bigints (0n !== 0): test the bool cast instead
  const d = (x.dtype === 'int64' ? x.to('bool')._data : x._data) as Float64Array;
  const out: number[] = [];
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) out.push(i);
  return out;
}

/** One int32 index tensor per dim, for nonzero(asTuple) and where(condition); a 0-d input counts as 1-d. */
export function nonzeroTuple(op: string, x: Tensor): Tensor[] {
  checkTensor(op, x);
  const pos = nonzeroFlat(x);
  if (x.ndim === 0) return [int32(pos, [pos.length])];
  const st = contiguousStrides(x.shape);
  return x.shape.map((size, d) => int32(pos.map((f) => Math.floor(f / st[d]) % size), [pos.length]));
}

/**
 * The indices of the non-zero elements, one row each (or one tensor per dim with `asTuple`).
 *
 * The indices of the non-zero elements: an int32 tensor [count, ndim], or with `{ asTuple: true }` one 1-d
 * tensor per dim.
 *
 * @see torch.nonzero
 * @example
 * ```ts
 * const x = tg.tensor([[0, 1], [2, 0]])
 * tg.nonzero(x).tolist() // => [[0, 1], [1, 0]]
 * ```
 */
export function nonzero(x: Tensor, asTuple?: false | { asTuple?: false }): Tensor;
export function nonzero(x: Tensor, asTuple: true | { asTuple: true }): Tensor[];
export function nonzero(x: Tensor, asTuple?: boolean | NonzeroOptions): Tensor | Tensor[];
export function nonzero(x: Tensor, asTuple?: boolean | NonzeroOptions): Tensor | Tensor[] {
  const op = 'nonzero';
  checkTensor(op, x);
  const t = typeof asTuple === 'object' && asTuple !== null ? asTuple.asTuple : asTuple;
  if (checkBool(op, 'asTuple', t)) return nonzeroTuple(op, x);
  const pos = nonzeroFlat(x);
  const nd = x.ndim;
  const st = contiguousStrides(x.shape);
  const out = new Int32Array(pos.length * nd);
  pos.forEach((f, k) => {
    for (let d = 0; d < nd; d++) out[k * nd + d] = Math.floor(f / st[d]) % x.shape[d];
  });
  return longFrom(out, [pos.length, nd]);
}

/**
 * The indices of the non-zero elements, one row each (like nonzero).
 *
 * nonzero(x) as a [count, ndim] int32 tensor.
 *
 * @see torch.argwhere
 * @example
 * ```ts
 * const x = tg.tensor([0, 3, 0, 4])
 * tg.argwhere(x).tolist() // => [[1], [3]]
 * ```
 */
export function argwhere(x: Tensor): Tensor {
  checkTensor('argwhere', x);
  return nonzero(x);
}

// ---- searchsorted / bucketize -------------------------------------------------------------------------------------

export interface SearchsortedOptions {
  outInt32?: boolean;
  right?: boolean;
  side?: 'left' | 'right' | null;
  sorter?: Tensor | null;
}

function numeric(op: string, what: string, t: Tensor): void {
  if (t.dtype === 'bool') throw typeError(op, `${what} must be a numeric tensor, got dtype bool`);
}

/**
 * Where each value would be inserted into the sorted last dimension to keep it sorted.
 *
 * For each value, the index where it would be inserted into the innermost dim of sortedSequence to keep it
 * sorted: the first position with sorted[i] >= v (or > v with right / side 'right'). sortedSequence is 1-d or
 * has the leading dims of values. `sorter` (int32) holds the indices that sort an unsorted sequence. The
 * result is int64, or int32 with outInt32 (PyTorch).
 *
 * @see torch.searchsorted
 * @example
 * ```ts
 * const x = tg.tensor([1, 3, 5, 7])
 * tg.searchsorted(x, tg.tensor([3, 6])).tolist() // => [1, 3]
 * ```
 */
export function searchsorted(
  sortedSequence: Tensor,
  values: Tensor | number,
  outInt32?: boolean | SearchsortedOptions,
  right?: boolean | null,
  side?: 'left' | 'right' | null,
  sorter?: Tensor | null,
): Tensor {
  const op = 'searchsorted';
  if (typeof outInt32 === 'object' && outInt32 !== null) ({ outInt32, right, side, sorter } = { ...outInt32, right: outInt32.right ?? right, side: outInt32.side ?? side, sorter: outInt32.sorter ?? sorter });
  return search(op, sortedSequence, values, outInt32 as boolean | undefined, right, side, sorter);
}

/**
 * The bucket index of each value among sorted `boundaries`.
 *
 * The bucket of each input value among 1-d `boundaries`: searchsorted(boundaries, input). int32 result.
 *
 * @see torch.bucketize
 * @example
 * ```ts
 * const x = tg.tensor([0.5, 3, 9])
 * tg.bucketize(x, tg.tensor([1, 5])).tolist() // => [0, 1, 2]
 * ```
 */
export function bucketize(input: Tensor | number, boundaries: Tensor, outInt32?: boolean | SearchsortedOptions, right?: boolean | null): Tensor {
  const op = 'bucketize';
  if (typeof outInt32 === 'object' && outInt32 !== null) ({ outInt32, right } = { outInt32: outInt32.outInt32, right: outInt32.right ?? right });
  checkTensor(op, boundaries, 'boundaries');
  if (boundaries.ndim !== 1) throw rangeError(op, `boundaries tensor must be 1 dimension, but got dim(${boundaries.ndim}) (shape ${fmtShape(boundaries.shape)})`);
  return search(op, boundaries, input, outInt32 as boolean | undefined, right, null, null);
}

function search(
  op: string,
  seq: Tensor,
  values: Tensor | number,
  outInt32: boolean | undefined,
  right: boolean | null | undefined,
  side: 'left' | 'right' | null | undefined,
  sorter: Tensor | null | undefined,
): Tensor {
  checkTensor(op, seq, 'sortedSequence');
  numeric(op, 'sortedSequence', seq);
  checkBool(op, 'outInt32', outInt32);
  const r = checkBool(op, 'right', right);
  if (side !== undefined && side !== null && side !== 'left' && side !== 'right')
    throw rangeError(op, `side can only be 'left' or 'right' but got ${typeof side === 'string' ? side : describe(side)}`);
  if (side === 'left' && r) throw rangeError(op, "side and right can't be set to opposites, got side of left while right was True");
  const upper = r || side === 'right';
  let v: Tensor;
  if (typeof values === 'number') v = wrap(copyInto(Float64Array.of(values), 'float64'), [], 'float64');
  else {
    checkTensor(op, values, 'values');
    numeric(op, 'values', values);
    v = values;
  }
  // PyTorch compares in the result type of the two (a number or a 0-d tensor counts for less, as in add):
  // float32 [0.1] holds 0.1 exactly for the number 0.1, not for a float64 tensor [0.1].
  const common = typeof values === 'number' ? promoteScalar(seq.dtype, values) : promoteTypes(seq.dtype, seq.ndim, v.dtype, v.ndim);
  const round = (d: Data): Data => {
    if (common !== 'float32' || d instanceof Float32Array) return d;
    const r = new Float32Array(d.length);
    r.set(d as ArrayLike<number>);
    return r;
  };
  if (seq.ndim === 0) throw rangeError(op, 'boundaries tensor should have positive dimension, but got 0 dimension');
  if (seq.ndim > 1) {
    const lead = seq.shape.slice(0, -1);
    if (v.ndim !== seq.ndim || lead.some((d, i) => d !== v.shape[i]))
      throw rangeError(op, `boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${fmtShape(seq.shape)} and input value tensor ${fmtShape(v.shape)}`);
  }
  const m = seq.shape[seq.ndim - 1];
  let order: Int32Array | null = null;
  if (sorter !== undefined && sorter !== null) {
    checkTensor(op, sorter, 'sorter');
    if (sorter.dtype !== 'int64' && sorter.dtype !== 'int32') throw typeError(op, `sorter must be an int64 or int32 tensor, but got dtype ${sorter.dtype}`);
    if (sorter.shape.length !== seq.shape.length || sorter.shape.some((d, i) => d !== seq.shape[i]))
      throw rangeError(op, `boundary and sorter must have the same size, but got boundary tensor ${fmtShape(seq.shape)} and sorter tensor ${fmtShape(sorter.shape)}`);
    order = indexInts(op, sorter, 'sorter');
    for (let i = 0; i < order.length; i++)
      if (order[i] < 0 || order[i] >= m) throw rangeError(op, `sorter index ${order[i]} is out of bounds for a sequence of size ${m} (sorter of shape ${fmtShape(sorter.shape)})`);
  }
  // int64 past 2^53 compares by joint ranks (orderKeys), exact
  const joint = seq.dtype === 'int64' && v.dtype === 'int64' ? orderKeys(op, seq, v).keys : null;
  const s = joint ? joint[0] : round(seq.dtype === 'int64' ? exactFloat64(op, seq) : seq._data), vals = joint ? joint[1] : round(v.dtype === 'int64' ? exactFloat64(op, v) : v._data);
  const nv = vals.length;
  const perRow = seq.ndim === 1 ? nv : v.ndim === 0 ? 1 : v.shape[v.ndim - 1];
  const out = new Int32Array(nv);
  for (let k = 0; k < nv; k++) {
    const base = seq.ndim === 1 ? 0 : Math.floor(k / perRow) * m;
    const val = vals[k];
    let lo = 0, hi = m;
    // As ATen's cus_lower_bound / cus_upper_bound, so NaNs land where PyTorch puts them.
    while (lo < hi) {
      const mid = lo + ((hi - lo) >> 1);
      const mv = s[base + (order === null ? mid : order[base + mid])];
      if (upper ? !(mv > val) : !(mv >= val)) lo = mid + 1;
      else hi = mid;
    }
    out[k] = lo;
  }
  // int64 as PyTorch's, int32 with outInt32
  return outInt32 ? wrap(copyInto(out, 'int32'), v.shape.slice(), 'int32') : longFrom(out, v.shape.slice());
}

// ---- unique --------------------------------------------------------------------------------------------------------

export interface UniqueOptions {
  sorted?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
  dim?: number | null;
}

/** Ascending, NaNs last (for the slices of unique(dim)). */
function cmpValues(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The sorted distinct values (with inverse indices and counts on request).
 *
 * The distinct elements (or, with dim, the distinct slices along dim) in ascending order; with returnInverse
 * also where each input element (slice) went, with returnCounts how often each occurs. Returns the values
 * alone when neither is asked, else [values, inverse?, counts?] as PyTorch's tuple. Not differentiable: the
 * values carry PyTorch's node (Unique2Backward0, UniqueDimBackward0 with a dim), whose backward throws.
 * `sorted: false` gives the sorted order too (PyTorch leaves that order unspecified). NaNs are each distinct
 * and come last.
 *
 * @see torch.unique
 * @example
 * ```ts
 * const x = tg.tensor([3, 1, 3, 2])
 * tg.unique(x) // tensor([1., 2., 3.])
 * ```
 */
export function unique(
  x: Tensor,
  sorted?: boolean | UniqueOptions,
  returnInverse?: boolean,
  returnCounts?: boolean,
  dim?: number | null,
): Tensor | Tensor[] {
  const op = 'unique';
  checkTensor(op, x);
  if (x.dtype === 'int64') {
    // on exact order keys (the values, or their ranks past 2^53: orderKeys), the distinct values mapped back
    const { keys, distinct } = orderKeys(op, x);
    const r = unique(wrap(keys[0], x.shape.slice(), 'float64'), sorted, returnInverse, returnCounts, dim);
    const back = (u: Tensor): Tensor => (distinct === null ? u.to('int64') : wrap(BigInt64Array.from(u._data as Float64Array, (k) => distinct[k]), u.shape.slice(), 'int64'));
    return Array.isArray(r) ? [back(r[0]), ...r.slice(1)] : back(r);
  }
  if (typeof sorted === 'object' && sorted !== null) ({ sorted, returnInverse, returnCounts, dim } = { ...sorted, returnInverse: sorted.returnInverse ?? returnInverse, returnCounts: sorted.returnCounts ?? returnCounts, dim: sorted.dim ?? dim });
  checkBool(op, 'sorted', sorted);
  const wantInv = checkBool(op, 'returnInverse', returnInverse);
  const wantCounts = checkBool(op, 'returnCounts', returnCounts);
  let values: Tensor, inverse: Tensor, counts: Tensor;
  if (dim === undefined || dim === null) {
    const d = x._data;
    const n = d.length;
    if (n > MAX_INDEX) throw rangeError(op, `input of ${n} elements is too large for int32 indices`);
    // A typed-array sort (NaNs last), the distinct numbers, then each element's place by binary search; every
    // NaN is its own value (NaN != NaN), numbered in input order after the numbers.
    const sortedVals = Float64Array.from(d as ArrayLike<number>).sort();
    const uniq: number[] = [];
    let nans = 0;
    for (let k = 0; k < n; k++) {
      const val = sortedVals[k];
      if (val !== val) nans++;
      else if (uniq.length === 0 || val !== uniq[uniq.length - 1]) uniq.push(val);
    }
    const numbers = uniq.length;
    const u = Float64Array.from(uniq);
    const inv = new Int32Array(n);
    const cnt = new Array<number>(numbers + nans).fill(0);
    let nan = numbers;
    for (let i = 0; i < n; i++) {
      const val = d[i];
      let lo = 0;
      if (val !== val) lo = nan++;
      else
        for (let hi = numbers - 1; lo < hi; ) {
          const mid = (lo + hi) >> 1;
          if (u[mid] < val) lo = mid + 1;
          else hi = mid;
        }
      inv[i] = lo;
      cnt[lo]++;
    }
    for (let k = 0; k < nans; k++) uniq.push(NaN);
    const vd = outData(x.dtype, uniq.length);
    vd.set(uniq as never);
    values = wrap(vd, [uniq.length], x.dtype);
    inverse = longFrom(inv, x.shape.slice());
    counts = int32(cnt, [cnt.length]);
  } else {
    if (x.ndim === 0) throw rangeError(op, `dim ${dim} is out of range: the input has no dimensions (shape [])`);
    const dd = wrapDim(op, dim, x.ndim);
    const size = x.shape[dd];
    if (x.numel() === 0 && x.shape.some((s, i) => s === 0 && i !== dd))
      throw rangeError(op, `There are 0 sized dimensions, and they aren't selected, so unique cannot be applied (input of shape ${fmtShape(x.shape)}, dim ${dd})`);
    const outer = numelOf(x.shape.slice(0, dd)), inner = numelOf(x.shape.slice(dd + 1));
    const d = x._data as Float64Array;
    // slice s as a flat list: for each outer o, the inner run at (o, s)
    const slice = (s: number): number[] => {
      const r: number[] = [];
      for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) r.push(d[(o * size + s) * inner + i]);
      return r;
    };
    const slices = Array.from({ length: size }, (_, s) => slice(s));
    const cmpSlices = (a: number[], b: number[]): number => {
      for (let i = 0; i < a.length; i++) {
        const c = cmpValues(a[i], b[i]);
        if (c !== 0) return c;
      }
      return 0;
    };
    const same = (a: number[], b: number[]): boolean => a.every((v, i) => v === b[i]);
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => cmpSlices(slices[a], slices[b]) || a - b);
    const inv = new Int32Array(size);
    const keep: number[] = [];
    const cnt: number[] = [];
    for (let k = 0; k < size; k++) {
      if (k === 0 || !same(slices[order[k]], slices[order[k - 1]])) {
        keep.push(order[k]);
        cnt.push(0);
      }
      inv[order[k]] = keep.length - 1;
      cnt[cnt.length - 1]++;
    }
    const shape = x.shape.slice();
    shape[dd] = keep.length;
    const vd = outData(x.dtype, numelOf(shape));
    let w = 0;
    for (let o = 0; o < outer; o++) for (const s of keep) for (let i = 0; i < inner; i++) vd[w++] = d[(o * size + s) * inner + i];
    values = wrap(vd, shape, x.dtype);
    inverse = int32(inv, [size]);
    counts = int32(cnt, [cnt.length]);
  }
  // the values get PyTorch's node (_unique2, or unique_dim with a dim), whose backward throws
  recordNotImplemented(dim === undefined || dim === null ? '_unique2' : 'unique_dim', [x], values, dim === undefined || dim === null ? 'Unique2Backward0' : 'UniqueDimBackward0');
  if (!wantInv && !wantCounts) return values;
  const out = [values];
  if (wantInv) out.push(inverse);
  if (wantCounts) out.push(counts);
  return out;
}
