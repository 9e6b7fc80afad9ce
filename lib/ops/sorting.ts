// Sorting and order statistics along a dim: sort, argsort, msort, topk, kthvalue, median, mode. Indices are int32.
// Note [Sort order]: NaN sorts above every number (last ascending, first descending) and -0 equals 0, as in
// PyTorch; sort is stable (ties keep their order) in both directions, as PyTorch's CPU sort is.
import { Tensor, checkTensor } from '../tensor.js';
import { outData } from '../storage.js';
import { wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record } from '../autograd/record.js';
import { wrap } from './creation.js';
import { eachSlice, valuesIndices, type ValuesIndices } from './cumulative.js';

/** a before b ascending: NaN is the largest value; equal values compare 0 (the sort is stable). */
function ascending(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The positions 0..n-1 of one slice in sorted order (stable). */
function order(src: ArrayLike<number>, base: number, stride: number, n: number, descending: boolean): number[] {
  const idx = Array.from({ length: n }, (_, k) => k);
  const v = (k: number) => src[base + k * stride];
  return descending ? idx.sort((a, b) => ascending(v(b), v(a))) : idx.sort((a, b) => ascending(v(a), v(b)));
}

/** A slice-wise selection: for each slice, `pick` gives the positions (along dim) that make up the output slice. */
function select(x: Tensor, dim: number, k: number, pick: (base: number, stride: number, n: number) => number[]): [Tensor, Tensor] {
  const shape = x.shape.slice();
  if (shape.length > 0) shape[dim] = k;
  const src = x._data, n = shape.reduce((a, b) => a * b, 1);
  const vals = outData(x.dtype, n), idx = outData('int32', n);
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
  return [wrap(vals, shape, x.dtype), wrap(idx, shape.slice(), 'int32')];
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
 * Sorts along dim (default -1), ascending unless `descending`; values and int32 indices. Always stable (the
 * `stable` flag is accepted; Note [Sort order]). @example x.sort(), tg.sort(x, { dim: 0, descending: true })
 */
export function sort(x: Tensor, dim?: number | Opts<'dim' | 'descending' | 'stable'>, descending?: boolean, stable?: boolean | null): ValuesIndices {
  checkTensor('sort', x);
  const o = dim;
  const d = wrapDim('sort', opt(o, 'dim', typeof o === 'object' ? undefined : o) ?? -1, x.ndim);
  const desc = checkBool('sort', 'descending', opt(o, 'descending', descending));
  const st = opt(o, 'stable', stable);
  checkBool('sort', 'stable', st);
  const n = x.ndim === 0 ? 1 : x.shape[d];
  const [values, indices] = select(x, d, n, (base, stride, len) => order(x._data, base, stride, len, desc));
  // Given a `stable` flag, PyTorch calls the sort.stable overload, whose node is SortBackward1.
  record(st === undefined || st === null ? 'sort' : 'sortStable', [x], values, () => ({ shape: x.shape, dim: d, indices }));
  return valuesIndices(values, indices);
}

/** The indices that sort x along dim. @example x.argsort({ descending: true }) */
export function argsort(x: Tensor, dim?: number | Opts<'dim' | 'descending' | 'stable'>, descending?: boolean, stable?: boolean | null): Tensor {
  checkTensor('argsort', x);
  const o = dim;
  const d = wrapDim('argsort', opt(o, 'dim', typeof o === 'object' ? undefined : o) ?? -1, x.ndim);
  const desc = checkBool('argsort', 'descending', opt(o, 'descending', descending));
  checkBool('argsort', 'stable', opt(o, 'stable', stable));
  return select(x, d, x.ndim === 0 ? 1 : x.shape[d], (base, stride, len) => order(x._data, base, stride, len, desc))[1];
}

/** Sorts along dim 0, values only (sort(x, 0).values). @example x.msort() */
export function msort(x: Tensor): Tensor {
  checkTensor('msort', x);
  return sort(x, 0).values;
}

/**
 * The k largest (or smallest, largest: false) elements along dim (default -1) and their indices, in sorted
 * order (with sorted: false too, which PyTorch leaves unspecified). @example x.topk(3), tg.topk(x, 2, { largest: false })
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
  const [values, indices] = select(x, d, kk, (base, stride, len) => order(x._data, base, stride, len, lg));
  record('topk', [x], values, () => ({ shape: x.shape, dim: d, indices }));
  return valuesIndices(values, indices);
}

/** One value per slice along dim (kthvalue, median, mode), keepdim as asked. */
function reduceSelect(op: 'kthvalue' | 'medianDim' | 'mode', x: Tensor, d: number, keepdim: boolean, pick: (base: number, stride: number, n: number) => number): ValuesIndices {
  let [values, indices] = select(x, d, 1, (base, stride, n) => [pick(base, stride, n)]);
  if (!keepdim && x.ndim > 0) {
    const shape = x.shape.filter((_, i) => i !== d);
    values = wrap(values._data, shape, x.dtype);
    indices = wrap(indices._data, shape.slice(), 'int32');
  }
  const idx = indices;
  record(op, [x], values, () => ({ shape: x.shape, dim: d, keepdim, indices: idx }));
  return valuesIndices(values, indices);
}

function dimKeep(op: string, x: Tensor, dim: unknown, keepdim: unknown, dflt: number | undefined): { d: number; keep: boolean } {
  const o = dim;
  const dv = opt(o, 'dim', typeof o === 'object' && o !== null ? undefined : o) ?? dflt;
  const keep = checkBool(op, 'keepdim', opt(o, 'keepdim', keepdim));
  return { d: wrapDim(op, dv, x.ndim), keep };
}

/** The k-th smallest element (1-based) along dim (default -1) and its index. @example x.kthvalue(2, 0) */
export function kthvalue(x: Tensor, k: number | Opts<'k' | 'dim' | 'keepdim'>, dim?: number, keepdim?: boolean): ValuesIndices {
  checkTensor('kthvalue', x);
  const o = k;
  const kk = opt(o, 'k', typeof o === 'object' ? undefined : o) as number | undefined;
  const { d, keep } = dimKeep('kthvalue', x, typeof o === 'object' ? o : dim, keepdim, -1);
  const n = x.ndim === 0 ? 1 : x.shape[d];
  if (typeof kk !== 'number' || !Number.isInteger(kk)) throw typeError('kthvalue', `k must be an integer, got ${describe(kk)}`);
  if (kk < 1 || kk > n) throw rangeError('kthvalue', `k (${kk}) is out of range for dim ${d} of size ${n} (input shape ${fmtShape(x.shape)})`);
  return reduceSelect('kthvalue', x, d, keep, (base, stride, len) => order(x._data, base, stride, len, false)[kk - 1]);
}

/** Lower median position of a slice; the first NaN if there is one (PyTorch propagates NaN). */
function medianPos(src: ArrayLike<number>, base: number, stride: number, n: number): number {
  for (let k = 0; k < n; k++) if (src[base + k * stride] !== src[base + k * stride]) return k;
  return order(src, base, stride, n, false)[(n - 1) >> 1];
}

/**
 * The lower median: of all elements (a 0-d tensor), or along dim with its index (values, indices). NaN if the
 * slice holds one. @example x.median(), x.median(0).values
 */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number | Opts<'dim' | 'keepdim'>, keepdim?: boolean): ValuesIndices;
export function median(x: Tensor, dim?: number | Opts<'dim' | 'keepdim'> | null, keepdim?: boolean): Tensor | ValuesIndices {
  checkTensor('median', x);
  const given = dim !== undefined && dim !== null && !(typeof dim === 'object' && (dim as { dim?: unknown }).dim === undefined);
  if (!given) {
    if (x.numel() === 0) throw rangeError('median', `cannot compute the median of an empty tensor (shape ${fmtShape(x.shape)})`);
    const src = x._data;
    const p = medianPos(src, 0, 1, src.length);
    const out = wrap(outData(x.dtype, 1), [], x.dtype);
    out._data[0] = src[p];
    return record('median', [x], out, () => ({ self: x, result: out }));
  }
  const { d, keep } = dimKeep('median', x, dim, keepdim, undefined);
  if (x.ndim > 0 && x.shape[d] === 0) throw rangeError('median', `cannot compute the median along dim ${d} of size 0 (shape ${fmtShape(x.shape)})`);
  return reduceSelect('medianDim', x, d, keep, (base, stride, n) => medianPos(x._data, base, stride, n));
}

/**
 * The most frequent value along dim (default -1), the smallest on ties, and the index of its last occurrence
 * (PyTorch's CPU mode). @example x.mode(0)
 */
export function mode(x: Tensor, dim?: number | Opts<'dim' | 'keepdim'>, keepdim?: boolean): ValuesIndices {
  checkTensor('mode', x);
  const { d, keep } = dimKeep('mode', x, dim, keepdim, -1);
  if (x.ndim > 0 && x.shape[d] === 0) throw rangeError('mode', `cannot compute the mode along dim ${d} of size 0 (shape ${fmtShape(x.shape)})`);
  const src = x._data;
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
