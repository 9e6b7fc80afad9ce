// int64 (PyTorch's long) at the JS boundary: index-returning ops produce int64, index-consuming ops read either
// integer width, and JS loops that compute on values read int64 through an exact float64 copy.
import { Tensor } from '../tensor.js';
import { Storage, Data, allocData } from '../storage.js';
import { native, ReduceOp } from '../native.js';
import { dtypeCode } from '../dtype.js';
import { rangeError, typeError, fmtShape } from '../errors.js';

/** An int64 tensor of `shape` from integer storage a JS loop or an int32 kernel wrote (one native cast). */
export function longFrom(data: Data, shape: number[]): Tensor {
  const out = data instanceof BigInt64Array ? data : native.cast(data, dtypeCode.int64, allocData(dtypeCode.int64, data.length));
  return new Tensor(new Storage(out), shape, 'int64');
}

/** The extreme values of int64 storage (exact, as bigints); [0n, 0n] when empty. */
function extremes(d: BigInt64Array): [bigint, bigint] {
  if (d.length === 0) return [0n, 0n];
  const lo = native.reduceAll(ReduceOp.min, d) as BigInt64Array, hi = native.reduceAll(ReduceOp.max, d) as BigInt64Array;
  return [lo[0], hi[0]];
}

/**
 * The values of x as float64 for a JS loop: an int64 tensor's are exact only up to 2^53 in magnitude, so larger
 * ones are a RangeError naming the op (never a rounded result); other dtypes are cast.
 */
export function exactFloat64(op: string, x: Tensor): Float64Array {
  const d = x._data;
  if (d instanceof BigInt64Array) {
    const [lo, hi] = extremes(d);
    if (lo < -(2n ** 53n) || hi > 2n ** 53n)
      throw rangeError(op, `int64 values beyond 2^53 in magnitude are not supported (got ${lo < -(2n ** 53n) ? lo : hi}, shape ${fmtShape(x.shape)})`);
  }
  if (d instanceof Float64Array) return d;
  return native.cast(d, dtypeCode.float64, allocData(dtypeCode.float64, d.length)) as Float64Array;
}

/**
 * Order keys for JS loops that only compare values (sort, topk, median, mode, unique, searchsorted): each
 * tensor's values as float64 numbers that order and tie exactly as the values do. int64 values within 2^53 are
 * their own keys; past that, every value's key is its rank among the distinct values of all the tensors (exact
 * bigint compares, once), and `distinct` holds those values in order, so distinct[key] is the value back.
 */
export function orderKeys(op: string, ...ts: Tensor[]): { keys: Float64Array[]; distinct: BigInt64Array | null } {
  const datas = ts.map((t) => t._data);
  const wide = datas.some((d) => {
    if (!(d instanceof BigInt64Array)) return false;
    const [lo, hi] = extremes(d);
    return lo < -(2n ** 53n) || hi > 2n ** 53n;
  });
  if (!wide) return { keys: ts.map((t) => exactFloat64(op, t)), distinct: null };
  for (const t of ts) if (t.dtype !== 'int64') throw typeError(op, `cannot compare int64 values beyond 2^53 with ${t.dtype} values (shape ${fmtShape(t.shape)})`);
  const all = new BigInt64Array(datas.reduce((n, d) => n + d.length, 0));
  let at = 0;
  for (const d of datas) all.set(d as BigInt64Array, (at += d.length) - d.length);
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i];
  const distinct = all.slice(0, m);
  const rank = (v: bigint): number => {
    let lo = 0, hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { keys: datas.map((d) => Float64Array.from(d as BigInt64Array, rank)), distinct };
}

/**
 * The values of an int32 or int64 index tensor at their own width, for the native index kernels, which read both
 * widths and check every index against its dim (Note [Index widths] in native/binding/index_view.h); any other
 * dtype is a TypeError naming the op.
 */
export function indexValues(op: string, t: Tensor, what = 'index'): Int32Array | BigInt64Array {
  if (t.dtype !== 'int64' && t.dtype !== 'int32')
    throw typeError(op, `expected ${what} to be an int64 or int32 tensor, got ${t.dtype} (shape ${fmtShape(t.shape)})`);
  return t._data as Int32Array | BigInt64Array;
}

/**
 * The values of an int32 or int64 index tensor as an Int32Array for a JS loop or an int32 kernel. An int64
 * index outside int32's range can index nothing (no dim is that long): PyTorch's out-of-bounds error, naming
 * `size` and `dim` when given.
 */
export function indexInts(op: string, t: Tensor, what = 'index', size?: number, dim?: number): Int32Array {
  const d = indexValues(op, t, what);
  if (d instanceof Int32Array) return d;
  const [lo, hi] = extremes(d as BigInt64Array);
  if (lo < -2147483648n || hi > 2147483647n) {
    const bad = lo < -2147483648n ? lo : hi;
    throw rangeError(op, size === undefined ? `${what} ${bad} is out of bounds` : `index ${bad} is out of bounds for dimension ${dim ?? 0} with size ${size}`);
  }
  return native.cast(d, dtypeCode.int32, allocData(dtypeCode.int32, d.length)) as Int32Array;
}

/** Whether t is an integer index tensor (int64 or int32). */
export function isIndexTensor(t: Tensor): boolean {
  return t.dtype === 'int64' || t.dtype === 'int32';
}

/** A TypeError for an op whose JS loop computes on values and has no int64 form (never a wrong result). */
export function noInt64(op: string, x: Tensor): void {
  if (x.dtype === 'int64') throw typeError(op, `not implemented for dtype int64 (shape ${fmtShape(x.shape)})`);
}

/** data[from, to) = v; an int64 storage takes the value as a bigint. */
export function fillRange(data: Data, v: number | bigint, from: number, to: number): void {
  if (data instanceof BigInt64Array) data.fill(typeof v === 'bigint' ? BigInt.asIntN(64, v) : BigInt(Math.trunc(v)), from, to);
  else (data as Float64Array).fill(Number(v), from, to);
}
