// Sorting and order statistics along a dim: sort, argsort, msort, topk, kthvalue, median, mode. Indices are int32.
// Note [Sort order]: NaN sorts above every number (last ascending, first descending) and -0 equals 0, as in
// PyTorch; sort is stable (ties keep their order) in both directions, as PyTorch's CPU sort is.
import { Tensor, checkTensor } from '../tensor.js';
import { outData, type Data } from '../storage.js';
import { wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record } from '../autograd/record.js';
import { wrap } from './creation.js';
import { around, eachSlice, valuesIndices, type ValuesIndices } from './cumulative.js';
import { native } from '../native.js';
import { longFrom, orderKeys } from './int64.js';

/** a before b ascending: NaN is the largest value; equal values compare 0 (the sort is stable). */
function ascending(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The positions 0..n-1 of one slice in sorted order (stable); the first `k` only (topk). */
function order(src: ArrayLike<number>, base: number, stride: number, n: number, descending: boolean, k = n): ArrayLike<number> {
  if (k <= 32 && k < n >> 3) return firstK(src, base, stride, n, descending, k);
  const codes = sortCodes(src, base, stride, n, descending);
  if (codes !== null) return k < n >> 3 ? smallestK(codes, n, k) : radixOrder(codes, n).subarray(0, k);
  const idx = Array.from({ length: n }, (_, i) => i);
  const v = (i: number) => src[base + i * stride];
  return (descending ? idx.sort((a, b) => ascending(v(b), v(a))) : idx.sort((a, b) => ascending(v(a), v(b)))).slice(0, k);
}

/**
 * Note [Small topk]: for a k of at most 32 from a long slice, one pass keeps the k first so far in order, each
 * newcomer inserted after the values equal to it (stable, as the radix order), and skips every value not strictly
 * ahead of the k-th: one comparison per element instead of coding and histogramming the whole slice.
 */
function firstK(src: ArrayLike<number>, base: number, stride: number, n: number, descending: boolean, k: number): Int32Array {
  const bi = new Int32Array(k), bv = new Float64Array(k), sg = descending ? -1 : 1;
  let m = 0, thr = 0;
  for (let i = 0, p = base; i < n; i++, p += stride) {
    const v = src[p]!;
    // not strictly ahead of the k-th (thr): the plain comparison, then NaN's place (above every number)
    if (m === k && !(descending ? v > thr : v < thr) && (descending ? v === v || thr !== thr : thr === thr || v !== v)) continue;
    let j = m < k ? m++ : k - 1;
    for (; j > 0 && sg * ascending(v, bv[j - 1]!) < 0; j--) {
      bv[j] = bv[j - 1]!;
      bi[j] = bi[j - 1]!;
    }
    bv[j] = v;
    bi[j] = i;
    thr = bv[k - 1]!;
  }
  return bi;
}

/**
 * Note [Radix sort keys]: a slice sorts by an order-preserving code of each value (NaN above +inf, -0 as +0,
 * inverted for descending), 32 bits for float32, int32 and bool, 64 (two words, the high one last) for float64,
 * with a stable LSD radix sort: ties keep their positions, exactly the stable comparator's order, in 3 or 6
 * linear passes. null on a big-endian host (the float64 words are read in little-endian order): the comparator
 * sort runs.
 */
type Codes = Uint32Array[];
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function sortCodes(src: ArrayLike<number>, base: number, stride: number, n: number, descending: boolean): Codes | null {
  const flip = descending ? 0xffffffff : 0;
  if (src instanceof Float64Array) {
    if (!LITTLE_ENDIAN) return null;
    const u = new Uint32Array(src.buffer, src.byteOffset, src.length * 2);
    const lo = new Uint32Array(n), hi = new Uint32Array(n);
    for (let i = 0, p = base; i < n; i++, p += stride) {
      const v = src[p];
      let h = u[2 * p + 1], l = u[2 * p];
      if (v !== v) h = l = 0xffffffff;
      else if (v === 0) [h, l] = [0x80000000, 0];
      else if (h & 0x80000000) [h, l] = [~h >>> 0, ~l >>> 0];
      else h = (h | 0x80000000) >>> 0;
      hi[i] = (h ^ flip) >>> 0;
      lo[i] = (l ^ flip) >>> 0;
    }
    return [lo, hi];
  }
  const codes = new Uint32Array(n);
  const bits = src instanceof Float32Array ? new Uint32Array(src.buffer, src.byteOffset, src.length) : null;
  const signed = src instanceof Int32Array;
  for (let i = 0, p = base; i < n; i++, p += stride) {
    let code: number;
    if (bits !== null) {
      const v = src[p], u = bits[p];
      code = v !== v ? 0xffffffff : v === 0 ? 0x80000000 : u & 0x80000000 ? ~u >>> 0 : (u | 0x80000000) >>> 0;
    } else code = signed ? src[p] + 0x80000000 : src[p];
    codes[i] = (code ^ flip) >>> 0;
  }
  return [codes];
}

/**
 * The positions of the k smallest codes in stable order, for k much smaller than n (topk): a histogram of the
 * top 11 bits finds the bucket holding the k-th; only the elements up to that bucket (k plus about n / 2048)
 * are radix-sorted, gathered in their original order so ties stay stable.
 */
function smallestK(words: Codes, n: number, k: number): Int32Array {
  if (k === 0) return new Int32Array(0);
  const top = words[words.length - 1];
  const count = new Int32Array(2048);
  for (let i = 0; i < n; i++) count[top[i] >>> 21]++;
  let last = 0, m = 0;
  for (; last < 2048; last++) if ((m += count[last]) >= k) break;
  const pos = new Int32Array(m), sub = words.map(() => new Uint32Array(m));
  for (let i = 0, j = 0; i < n; i++) {
    if (top[i] >>> 21 <= last) {
      pos[j] = i;
      for (let w = 0; w < words.length; w++) sub[w][j] = words[w][i];
      j++;
    }
  }
  const ord = radixOrder(sub, m);
  const out = new Int32Array(k);
  for (let i = 0; i < k; i++) out[i] = pos[ord[i]];
  return out;
}

/** Positions in the stable order of the codes: LSD radix sort, passes of 11 bits from the low word up. */
function radixOrder(words: Codes, n: number): Int32Array {
  let idx: Int32Array = new Int32Array(n), tmp: Int32Array = new Int32Array(n);
  let ws: Codes = words.slice(), wt: Codes = words.map(() => new Uint32Array(n));
  for (let i = 0; i < n; i++) idx[i] = i;
  const count = new Int32Array(2048);
  for (let w = 0; w < ws.length; w++) {
    for (let shift = 0; shift < 32; shift += 11) {
      const key = ws[w];
      count.fill(0);
      for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 2047]++;
      if (count[(key[0] >>> shift) & 2047] === n) continue; // one bucket: this digit orders nothing
      for (let b = 0, sum = 0; b < 2048; b++) {
        const c = count[b];
        count[b] = sum;
        sum += c;
      }
      if (ws.length === 1) {
        const out = wt[0];
        for (let i = 0; i < n; i++) {
          const at = count[(key[i] >>> shift) & 2047]++;
          out[at] = key[i];
          tmp[at] = idx[i];
        }
      } else {
        const [a, b] = ws, [ao, bo] = wt;
        for (let i = 0; i < n; i++) {
          const at = count[(key[i] >>> shift) & 2047]++;
          ao[at] = a[i];
          bo[at] = b[i];
          tmp[at] = idx[i];
        }
      }
      [ws, wt] = [wt, ws];
      [idx, tmp] = [tmp, idx];
    }
  }
  return idx;
}

/** A slice-wise selection: for each slice, `pick` gives the positions (along dim) that make up the output slice. */
function select(x: Tensor, dim: number, k: number, pick: (base: number, stride: number, n: number) => ArrayLike<number>): [Tensor, Tensor] {
  const shape = x.shape.slice();
  if (shape.length > 0) shape[dim] = k;
  // Values are copied as they are (int64 ones as bigints); only the order is computed on keys.
  const src = x._data as unknown as number[], n = shape.reduce((a, b) => a * b, 1);
  const vals = outData(x.dtype, n) as unknown as number[], idx = new Int32Array(n);
  const inner = x.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  eachSlice(x.shape, dim, (base, stride, len) => {
    const o = Math.floor(base / (len * inner || 1)), i = base % inner;
    const out0 = o * k * inner + i;
    const ks = pick(base, stride, len);
    for (let j = 0; j < k; j++) {
      vals[out0 + j * inner] = src[base + ks[j] * stride];
      idx[out0 + j * inner] = ks[j];
    }
  });
  return [wrap(vals as unknown as Data, shape, x.dtype), longFrom(idx, shape.slice())];
}

/** The values a sort orders by: the data itself, or for int64 exact order keys (orderKeys: ranks past 2^53). */
function keysOf(op: string, x: Tensor): ArrayLike<number> {
  return x.dtype === 'int64' ? orderKeys(op, x).keys[0] : (x._data as ArrayLike<number>);
}

type Opts<K extends string> = { [key in K]?: number | boolean | null };
export type SortOptions = Opts<'dim' | 'descending' | 'stable'>;
export type TopkOptions = Opts<'k' | 'dim' | 'largest' | 'sorted'>;
export type KthOptions = Opts<'k' | 'dim' | 'keepdim'>;
export type DimKeepOptions = Opts<'dim' | 'keepdim'>;
function opt<T>(o: unknown, key: string, given: T): T {
  return o !== null && typeof o === 'object' && !(o instanceof Tensor) ? ((o as Record<string, T>)[key] ?? given) : given;
}
function checkBool(op: string, name: string, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
  return v;
}

/**
 * Sorts along `dim`; returns `{ values, indices }`.
 *
 * Sorts along dim (default -1), ascending unless `descending`; values and int32 indices. Always stable (the
 * `stable` flag is accepted; Note [Sort order]).
 *
 * @see torch.sort
 * @example
 * ```ts
 * const x = tg.tensor([3, 1, 2])
 * tg.sort(x, { descending: true }).values // tensor([3., 2., 1.])
 * ```
 */
export function sort(x: Tensor, dim?: number | Opts<'dim' | 'descending' | 'stable'>, descending?: boolean, stable?: boolean | null): ValuesIndices {
  checkTensor('sort', x);
  const o = dim;
  const d = wrapDim('sort', opt(o, 'dim', typeof o === 'object' ? undefined : o) ?? -1, x.ndim);
  const desc = checkBool('sort', 'descending', opt(o, 'descending', descending));
  const st = opt(o, 'stable', stable);
  checkBool('sort', 'stable', st);
  const n = x.ndim === 0 ? 1 : x.shape[d];
  const keys = keysOf('sort', x);
  const [values, indices] = select(x, d, n, (base, stride, len) => order(keys, base, stride, len, desc));
  // Given a `stable` flag, PyTorch calls the sort.stable overload, whose node is SortBackward1.
  record(st === undefined || st === null ? 'sort' : 'sortStable', [x], values, () => ({ shape: x.shape, dim: d, indices }));
  return valuesIndices('sort', values, indices);
}

/**
 * The indices that sort `input` along `dim`.
 *
 * @see torch.argsort
 * @example
 * ```ts
 * const x = tg.tensor([3, 1, 2])
 * tg.argsort(x).tolist() // => [1, 2, 0]
 * ```
 */
export function argsort(x: Tensor, dim?: number | Opts<'dim' | 'descending' | 'stable'>, descending?: boolean, stable?: boolean | null): Tensor {
  checkTensor('argsort', x);
  const o = dim;
  const d = wrapDim('argsort', opt(o, 'dim', typeof o === 'object' ? undefined : o) ?? -1, x.ndim);
  const desc = checkBool('argsort', 'descending', opt(o, 'descending', descending));
  checkBool('argsort', 'stable', opt(o, 'stable', stable));
  const keys = keysOf('argsort', x);
  return select(x, d, x.ndim === 0 ? 1 : x.shape[d], (base, stride, len) => order(keys, base, stride, len, desc))[1];
}

/**
 * Sorts along the first dimension.
 *
 * Sorts along dim 0, values only (sort(x, 0).values).
 *
 * @see torch.msort
 * @example
 * ```ts
 * const x = tg.tensor([[3, 1], [1, 2]])
 * tg.msort(x)
 * // tensor([[1., 1.],
 * //         [3., 2.]])
 * ```
 */
export function msort(x: Tensor): Tensor {
  checkTensor('msort', x);
  return sort(x, 0).values;
}

/**
 * The k largest (or smallest) elements along `dim`, as `{ values, indices }`.
 *
 * The k largest (or smallest, largest: false) elements along dim (default -1) and their indices, in sorted
 * order (with sorted: false too, which PyTorch leaves unspecified).
 *
 * @see torch.topk
 * @example
 * ```ts
 * const x = tg.tensor([1, 5, 3, 4])
 * tg.topk(x, 2).values // tensor([5., 4.])
 * ```
 */
export function topk(x: Tensor, k: number | Opts<'k' | 'dim' | 'largest' | 'sorted'>, dim?: number, largest?: boolean, sorted?: boolean): ValuesIndices {
  checkTensor('topk', x);
  const o = k;
  const kk = opt(o, 'k', typeof o === 'object' ? undefined : o) as number | undefined;
  const d = wrapDim('topk', opt(o, 'dim', dim) ?? -1, x.ndim);
  const lg = opt(o, 'largest', largest) ?? true;
  if (typeof lg !== 'boolean') throw typeError('topk', `largest must be a boolean, got ${describe(lg)}`);
  checkBool('topk', 'sorted', opt(o, 'sorted', sorted) ?? true);
  const n = x.ndim === 0 ? 1 : x.shape[d];
  if (typeof kk !== 'number' || !Number.isInteger(kk)) throw typeError('topk', `k must be an integer, got ${describe(kk)}`);
  if (kk < 0 || kk > n) throw rangeError('topk', `k (${kk}) is out of range for dim ${d} of size ${n} (input shape ${fmtShape(x.shape)})`);
  const [values, indices] = (x.dtype === 'float32' || x.dtype === 'float64') && kk > 0 && kk * 64 <= n
    ? nativeTopk(x, d, kk, lg)
    : select(x, d, kk, (base, stride, len) => order(keysOf('topk', x), base, stride, len, lg, kk));
  record('topk', [x], values, () => ({ shape: x.shape, dim: d, indices }));
  return valuesIndices('topk', values, indices);
}

/**
 * topk where PyTorch runs std::partial_sort (k * 64 <= n): the native kernel replays its heap, so ties come out in
 * PyTorch's order (Note [Topk order], native/cpu/scan_kernels.cc), with Vec compares skipping the elements behind the k-th.
 */
function nativeTopk(x: Tensor, dim: number, k: number, largest: boolean): [Tensor, Tensor] {
  const { outer, n, inner } = around(x.shape, dim);
  const shape = x.shape.slice();
  if (shape.length > 0) shape[dim] = k;
  const values = outData(x.dtype, outer * k * inner), indices = outData('int64', outer * k * inner) as BigInt64Array;
  native.topk(x._data, outer, n, inner, k, largest, values, indices);
  return [wrap(values, shape, x.dtype), wrap(indices, shape.slice(), 'int64')];
}

/** One value per slice along dim (kthvalue, median, mode), keepdim as asked. */
function reduceSelect(op: 'kthvalue' | 'medianDim' | 'mode' | 'nanmedianDim', x: Tensor, d: number, keepdim: boolean, pick: (base: number, stride: number, n: number) => number): ValuesIndices {
  let [values, indices] = select(x, d, 1, (base, stride, n) => [pick(base, stride, n)]);
  if (!keepdim && x.ndim > 0) {
    const shape = x.shape.filter((_, i) => i !== d);
    values = wrap(values._data, shape, x.dtype);
    indices = wrap(indices._data, shape.slice(), 'int64');
  }
  const idx = indices;
  record(op, [x], values, () => ({ shape: x.shape, dim: d, keepdim, indices: idx }));
  return valuesIndices(op === 'medianDim' ? 'median' : op, values, indices);
}

function dimKeep(op: string, x: Tensor, dim: unknown, keepdim: unknown, dflt: number | undefined): { d: number; keep: boolean } {
  const o = dim;
  const dv = opt(o, 'dim', typeof o === 'object' && o !== null ? undefined : o) ?? dflt;
  const keep = checkBool(op, 'keepdim', opt(o, 'keepdim', keepdim));
  return { d: wrapDim(op, dv, x.ndim), keep };
}

/**
 * The k-th smallest element along `dim`, as `{ values, indices }`.
 *
 * The k-th smallest element (1-based) along dim (default -1) and its index.
 *
 * @see torch.kthvalue
 * @example
 * ```ts
 * const x = tg.tensor([1, 5, 3, 4])
 * tg.kthvalue(x, 2).values // tensor(3.)
 * ```
 */
export function kthvalue(x: Tensor, k: number | Opts<'k' | 'dim' | 'keepdim'>, dim?: number, keepdim?: boolean): ValuesIndices {
  checkTensor('kthvalue', x);
  const o = k;
  const kk = opt(o, 'k', typeof o === 'object' ? undefined : o) as number | undefined;
  const { d, keep } = dimKeep('kthvalue', x, typeof o === 'object' ? o : dim, keepdim, -1);
  const n = x.ndim === 0 ? 1 : x.shape[d];
  if (typeof kk !== 'number' || !Number.isInteger(kk)) throw typeError('kthvalue', `k must be an integer, got ${describe(kk)}`);
  if (kk < 1 || kk > n) throw rangeError('kthvalue', `k (${kk}) is out of range for dim ${d} of size ${n} (input shape ${fmtShape(x.shape)})`);
  const keys = keysOf('kthvalue', x);
  return reduceSelect('kthvalue', x, d, keep, (base, stride, len) => order(keys, base, stride, len, false)[kk - 1]);
}

/** Lower median position of a slice; the first NaN if there is one (PyTorch propagates NaN). */
function medianPos(src: ArrayLike<number>, base: number, stride: number, n: number): number {
  for (let k = 0; k < n; k++) if (src[base + k * stride] !== src[base + k * stride]) return k;
  return order(src, base, stride, n, false)[(n - 1) >> 1];
}

/**
 * The median (the lower of the two middle values), overall or along `dim`.
 *
 * The lower median: of all elements (a 0-d tensor), or along dim with its index (values, indices). NaN if the
 * slice holds one.
 *
 * @see torch.median
 * @example
 * ```ts
 * const x = tg.tensor([1, 5, 3, 4])
 * tg.median(x) // tensor(3.)
 * ```
 */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number | Opts<'dim' | 'keepdim'>, keepdim?: boolean): ValuesIndices;
export function median(x: Tensor, dim?: number | Opts<'dim' | 'keepdim'> | null, keepdim?: boolean): Tensor | ValuesIndices {
  checkTensor('median', x);
  const given = dim !== undefined && dim !== null && !(typeof dim === 'object' && (dim as { dim?: unknown }).dim === undefined);
  if (!given) {
    if (x.numel() === 0) throw rangeError('median', `cannot compute the median of an empty tensor (shape ${fmtShape(x.shape)})`);
    const p = medianPos(keysOf('median', x), 0, 1, x.numel());
    const out = wrap(outData(x.dtype, 1), [], x.dtype);
    (out._data as unknown as number[])[0] = (x._data as unknown as number[])[p];
    return record('median', [x], out, () => ({ self: x, result: out }));
  }
  const { d, keep } = dimKeep('median', x, dim, keepdim, undefined);
  if (x.ndim > 0 && x.shape[d] === 0) throw rangeError('median', `cannot compute the median along dim ${d} of size 0 (shape ${fmtShape(x.shape)})`);
  const keys = keysOf('median', x);
  return reduceSelect('medianDim', x, d, keep, (base, stride, n) => medianPos(keys, base, stride, n));
}

/**
 * The most frequent value along `dim`, as `{ values, indices }`.
 *
 * The most frequent value along dim (default -1), the smallest on ties, and the index of its last occurrence
 * (PyTorch's CPU mode).
 *
 * @see torch.mode
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 2, 3])
 * tg.mode(x).values // tensor(2.)
 * ```
 */
export function mode(x: Tensor, dim?: number | Opts<'dim' | 'keepdim'>, keepdim?: boolean): ValuesIndices {
  checkTensor('mode', x);
  const { d, keep } = dimKeep('mode', x, dim, keepdim, -1);
  if (x.ndim > 0 && x.shape[d] === 0) throw rangeError('mode', `cannot compute the mode along dim ${d} of size 0 (shape ${fmtShape(x.shape)})`);
  const src = keysOf('mode', x);
  return reduceSelect('mode', x, d, keep, (base, stride, n) => {
    const ord = order(src, base, stride, n, false);
    let best = ord[0], bestCount = 0;
    for (let i = 0; i < n; ) {
      let j = i;
      const v = src[base + ord[i] * stride];
      while (j < n && ascending(src[base + ord[j] * stride], v) === 0) j++;
      // the run ord[i..j) holds equal values in original order: its last element is the last occurrence
      if (j - i > bestCount) {
        bestCount = j - i;
        best = ord[j - 1];
      }
      i = j;
    }
    return best;
  });
}

// ---- issue 15's fourth batch: nanmedian -----------------------------------------------------------------------------
/**
 * Note [nanmedian of an all-NaN slice]: PyTorch picks the median with std::nth_element over the positions, NaNs
 * ordered after numbers and ties by position, so any slice with a number has one answer (the k-th in that order,
 * k = (numbers - 1) / 2). An all-NaN slice has only equivalent elements, and its index is where libstdc++'s
 * introselect leaves position 0: each round moves the middle element first and swaps pairs inward. This replays
 * those rounds (the index is all that differs; the value is NaN).
 */
function allNanNth(n: number): number {
  const idx = Array.from({ length: n }, (_, i) => i);
  const swap = (a: number, b: number): void => { [idx[a], idx[b]] = [idx[b], idx[a]]; };
  let first = 0, last = n;
  while (last - first > 3) {
    swap(first, first + ((last - first) >> 1)); // __move_median_to_first: every comparison false
    let lo = first + 1, hi = last;
    for (;;) { // __unguarded_partition around idx[first]
      hi--;
      if (!(lo < hi)) break;
      swap(lo, hi);
      lo++;
    }
    if (lo <= 0) first = lo; // nth = 0: keep the part holding position 0
    else last = lo;
  }
  return idx[0];
}

/** The lower median of the non-NaN values of a slice (Note [nanmedian of an all-NaN slice]). */
function nanmedianPos(src: ArrayLike<number>, base: number, stride: number, n: number): number {
  let nan = 0;
  for (let k = 0; k < n; k++) if (src[base + k * stride] !== src[base + k * stride]) nan++;
  if (nan === n) return allNanNth(n);
  return order(src, base, stride, n, false)[Math.trunc((n - nan - 1) / 2)];
}

/**
 * The median ignoring NaN (the lower of the two middle values): of all elements (a 0-d tensor), or along `dim`
 * as `{ values, indices }`. NaN only where every value is NaN.
 *
 * @see torch.nanmedian
 * @example
 * ```ts
 * const x = tg.tensor([[1, NaN, 3, 2], [NaN, 5, NaN, NaN]])
 * tg.nanmedian(x) // tensor(2.)
 * tg.nanmedian(x, 1).values // tensor([2., 5.])
 * ```
 */
export function nanmedian(x: Tensor): Tensor;
export function nanmedian(x: Tensor, dim: number | Opts<'dim' | 'keepdim'>, keepdim?: boolean): ValuesIndices;
export function nanmedian(x: Tensor, dim?: number | Opts<'dim' | 'keepdim'> | null, keepdim?: boolean): Tensor | ValuesIndices {
  checkTensor('nanmedian', x);
  const given = dim !== undefined && dim !== null && !(typeof dim === 'object' && (dim as { dim?: unknown }).dim === undefined);
  if (!given) {
    const out = wrap(outData(x.dtype, 1), [], x.dtype);
    if (x.numel() === 0) {
      if (x.dtype !== 'float32' && x.dtype !== 'float64') throw rangeError('nanmedian', `cannot compute the median of an empty ${x.dtype} tensor (shape ${fmtShape(x.shape)})`);
      (out._data as Float32Array)[0] = NaN;
      return out;
    }
    const p = nanmedianPos(keysOf('nanmedian', x), 0, 1, x.numel());
    (out._data as unknown as number[])[0] = (x._data as unknown as number[])[p];
    return record('nanmedian', [x], out, () => ({ self: x, result: out }));
  }
  const { d, keep } = dimKeep('nanmedian', x, dim, keepdim, undefined);
  if (x.ndim > 0 && x.shape[d] === 0) throw rangeError('nanmedian', `Expected reduction dim ${d} to have non-zero size (shape ${fmtShape(x.shape)})`);
  const keys = keysOf('nanmedian', x);
  return reduceSelect('nanmedianDim', x, d, keep, (base, stride, n) => nanmedianPos(keys, base, stride, n));
}
