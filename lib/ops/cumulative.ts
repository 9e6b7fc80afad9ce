// Scans along a dim: cumsum, cumprod, cummax, cummin, logcumsumexp, and diff; plus the helpers their
// backward formulas use (flip, reversed cumsum, scatter of grads to indices).
import { Tensor, checkTensor } from '../tensor.js';
import { DType, isDType, isFloat } from '../dtype.js';
import { outData, type Data } from '../storage.js';
import { native } from '../native.js';
import { wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { namedTuple } from './return_types.js';
import { record, noGrad, differentiableFormulas } from '../autograd/record.js';
import { wrap, to, arange } from './creation.js';
import * as E from './elementwise.js';
import * as R from './reduce.js';
import * as S from './shape.js';
import * as ST from './structure.js';
import { logicalXor } from './elementwise_math.js';
import { longFrom } from './int64.js';

/** A tensor of values and a tensor of int32 indices, by position and by name (PyTorch's named tuple). */
export type ValuesIndices = Omit<[Tensor, Tensor], 'values'> & { values: Tensor; indices: Tensor };
/** A named tuple torch.return_types.<op>(values, indices) (return_types.ts). */
export function valuesIndices(op: string, values: Tensor, indices: Tensor): ValuesIndices {
  return namedTuple<ValuesIndices>(op, ['values', 'indices'], [values, indices]);
}

/** The [outer, n, inner] view of a contiguous tensor around dim (a 0-d tensor is one slice of length 1). */
export function around(shape: readonly number[], dim: number): { outer: number; n: number; inner: number } {
  if (shape.length === 0) return { outer: 1, n: 1, inner: 1 };
  let outer = 1, inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i];
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  return { outer, n: shape[dim], inner };
}

/** Calls f(base, stride) once per slice along dim: elements base + k * stride, k < n. */
export function eachSlice(shape: readonly number[], dim: number, f: (base: number, stride: number, n: number) => void): void {
  const { outer, n, inner } = around(shape, dim);
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) f(o * n * inner + i, inner, n);
}

/** dim from a number or { dim }, wrapped; `required` when PyTorch has no default. */
function dimOf(op: string, x: Tensor, dim: unknown): number {
  const d = dim !== null && typeof dim === 'object' ? (dim as { dim?: unknown }).dim : dim;
  if (d === undefined) throw typeError(op, `missing the required argument dim (input shape ${fmtShape(x.shape)})`);
  return wrapDim(op, d, x.ndim);
}

/** The dtype a cumsum/cumprod computes in: `dtype` if given, else the input's, with integers and bool as int64 (PyTorch). */
function scanDtype(op: string, x: Tensor, dtype: unknown): DType {
  if (dtype !== undefined && dtype !== null) {
    if (!isDType(dtype)) throw typeError(op, `dtype must be a dtype name, got ${describe(dtype)}`);
    return dtype;
  }
  return isFloat(x.dtype) ? x.dtype : 'int64';
}

/** cumsum/cumprod in int64: bigint accumulators wrapped to 64 bits, as the int64 kernels wrap. */
function scanInt64(src: BigInt64Array, out: BigInt64Array, outer: number, n: number, inner: number, op: ScanOp): void {
  const acc: bigint[] = new Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(op === 'sum' ? 0n : 1n);
    for (let k = 0, row = o * n * inner; k < n; k++, row += inner)
      for (let i = 0; i < inner; i++)
        out[row + i] = acc[i] = BigInt.asIntN(64, op === 'sum' ? acc[i] + src[row + i] : acc[i] * src[row + i]);
  }
}

type ScanOp = 'sum' | 'prod' | 'logaddexp';

/**
 * out[k] = out[k-1] OP x[k] along dim, accumulated in double (PyTorch's CPU acc_type for float is double), int32
 * wrapping as the native kernels do. Runs row by row over [outer, n, inner] with one accumulator per inner
 * position, so memory is read in order whatever the dim.
 */
function scan(x: Tensor, dt: DType, dim: number, op: ScanOp, reverse = false): Tensor {
  const data = (x.dtype === dt ? x : noGrad(() => to(x, dt)))._data;
  const { outer, n, inner } = around(x.shape, dim);
  // The native scan (Note [Sequential scans], native/cpu/scan_kernels.cc): PyTorch's sequential order and double
  // accumulator, without the per-element costs of the loops below.
  if (op !== 'logaddexp' && (dt === 'float32' || dt === 'float64' || dt === 'int64'))
    return wrap(native.scan(op === 'sum' ? 0 : 1, data, outer, n, inner, reverse, outData(dt, data.length)), x.shape.slice(), dt);
  if (data instanceof BigInt64Array) {
    if (op === 'logaddexp') throw typeError('logcumsumexp', `not implemented for dtype int64`);
    const o64 = outData('int64', data.length) as BigInt64Array;
    scanInt64(data, o64, outer, n, inner, op);
    return wrap(o64, x.shape.slice(), dt);
  }
  const src = data as Float64Array, out = outData(dt, src.length) as Float64Array;
  const acc = new Float64Array(inner);
  const isInt = dt === 'int32';
  if (inner === 1 && op === 'sum' && !isInt) {
    // the common case (a scan along the last dim) as one plain loop per slice
    for (let o = 0, b = 0; o < outer; o++, b += n) {
      let a = 0;
      for (let k = b; k < b + n; k++) out[k] = a += src[k];
    }
    return wrap(out, x.shape.slice(), dt);
  }
  for (let o = 0; o < outer; o++) {
    const b = o * n * inner;
    acc.fill(op === 'sum' ? 0 : op === 'prod' ? 1 : -Infinity);
    for (let k = 0; k < n; k++) {
      const row = b + k * inner;
      if (op === 'sum') {
        if (isInt) for (let i = 0; i < inner; i++) out[row + i] = acc[i] = (acc[i] + src[row + i]) | 0;
        else for (let i = 0; i < inner; i++) out[row + i] = acc[i] += src[row + i];
      } else if (op === 'prod') {
        if (isInt) for (let i = 0; i < inner; i++) out[row + i] = acc[i] = Math.imul(acc[i], src[row + i]);
        else for (let i = 0; i < inner; i++) out[row + i] = acc[i] *= src[row + i];
      } else {
        // PyTorch's _log_add_exp_helper: max + log1p(exp(min - max)), and -inf/inf pairs left as they are.
        for (let i = 0; i < inner; i++) {
          const a = acc[i], v = src[row + i], lo = Math.min(a, v), hi = Math.max(a, v);
          out[row + i] = acc[i] = lo !== hi || Number.isFinite(lo) ? hi + Math.log1p(Math.exp(lo - hi)) : a;
        }
      }
    }
  }
  return wrap(out, x.shape.slice(), dt);
}

/**
 * Cumulative sum along `dim`.
 *
 * @see torch.cumsum
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
 * tg.cumsum(x, 1)
 * // tensor([[ 1.,  3.,  6.],
 * //         [ 4.,  9., 15.]])
 * ```
 */
export function cumsum(x: Tensor, dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor {
  checkTensor('cumsum', x);
  if (dim !== null && typeof dim === 'object') dtype = dim.dtype ?? dtype;
  const d = dimOf('cumsum', x, dim);
  const dt = scanDtype('cumsum', x, dtype);
  const out = scan(x, dt, d, 'sum');
  return record('cumsum', [x], out, () => ({ dim: d }));
}

/**
 * Cumulative product along `dim`.
 *
 * @see torch.cumprod
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
 * tg.cumprod(x, 1)
 * // tensor([[  1.,   2.,   6.],
 * //         [  4.,  20., 120.]])
 * ```
 */
export function cumprod(x: Tensor, dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor {
  checkTensor('cumprod', x);
  if (dim !== null && typeof dim === 'object') dtype = dim.dtype ?? dtype;
  const d = dimOf('cumprod', x, dim);
  const dt = scanDtype('cumprod', x, dtype);
  const out = scan(x, dt, d, 'prod');
  return record('cumprod', [x], out, () => ({ self: x, result: out, dim: d }));
}

/**
 * `log(cumsum(exp(input)))` along `dim`, computed stably.
 *
 * log(cumsum(exp(x))) along dim without overflow.
 *
 * @see torch.logcumsumexp
 * @example
 * ```ts
 * const x = tg.tensor([0, 0, 0])
 * tg.logcumsumexp(x, 0) // tensor([0.0000, 0.6931, 1.0986])
 * ```
 */
export function logcumsumexp(x: Tensor, dim: number | { dim: number }): Tensor {
  checkTensor('logcumsumexp', x);
  const d = dimOf('logcumsumexp', x, dim);
  // PyTorch's dispatch error, with its scalar type names
  const pyName: Record<string, string> = { int64: 'Long', int32: 'Int', bool: 'Bool' };
  if (!isFloat(x.dtype)) throw typeError('logcumsumexp', `"logcumsumexp_out_cpu" not implemented for '${pyName[x.dtype] ?? x.dtype}' (shape ${fmtShape(x.shape)})`);
  const out = scan(x, x.dtype, d, 'logaddexp');
  return record('logcumsumexp', [x], out, () => ({ self: x, result: out, dim: d }));
}

function cumExtreme(op: 'cummax' | 'cummin', x: Tensor, dim: unknown): ValuesIndices {
  checkTensor(op, x);
  const d = dimOf(op, x, dim);
  const isMax = op === 'cummax';
  // Comparisons only: int64 values compare exactly as bigints (the `v !== v` NaN test is false for them).
  const src = x._data as ArrayLike<number>, vals = outData(x.dtype, src.length) as unknown as number[], idx = new Int32Array(src.length);
  // PyTorch: a tie moves the index to the later element (>=), and NaN sticks, its index moving to each later NaN.
  eachSlice(x.shape, d, (base, stride, n) => {
    let best = 0, bi = 0;
    for (let k = 0, p = base; k < n; k++, p += stride) {
      const v = src[p];
      if (k === 0 || v !== v || (best === best && (isMax ? v >= best : v <= best))) {
        best = v;
        bi = k;
      }
      vals[p] = best;
      idx[p] = bi;
    }
  });
  const values = wrap(vals as unknown as Data, x.shape.slice(), x.dtype), indices = longFrom(idx, x.shape.slice());
  record(op, [x], values, () => ({ shape: x.shape, dim: d, indices }));
  return valuesIndices(op, values, indices);
}
/**
 * Running maximum along `dim` and the index where each was reached, as `{ values, indices }`.
 *
 * @see torch.cummax
 * @example
 * ```ts
 * const x = tg.tensor([1, 3, 2, 5])
 * tg.cummax(x, 0).values // tensor([1., 3., 3., 5.])
 * ```
 */
export const cummax = (x: Tensor, dim: number | { dim: number }): ValuesIndices => cumExtreme('cummax', x, dim);
/**
 * Running minimum along `dim` and the index where each was reached, as `{ values, indices }`.
 *
 * @see torch.cummin
 * @example
 * ```ts
 * const x = tg.tensor([4, 3, 5, 1])
 * tg.cummin(x, 0).values // tensor([4., 3., 3., 1.])
 * ```
 */
export const cummin = (x: Tensor, dim: number | { dim: number }): ValuesIndices => cumExtreme('cummin', x, dim);

export interface DiffOptions {
  n?: number;
  dim?: number;
  prepend?: Tensor | null;
  append?: Tensor | null;
}

/**
 * The n-th forward difference along `dim`.
 *
 * n-th forward difference along dim, x[1:] - x[:-1] n times, after concatenating prepend and append (a
 * composite: its node is SubBackward0, as in PyTorch).
 *
 * @see torch.diff
 * @example
 * ```ts
 * const x = tg.tensor([1, 4, 9, 16])
 * tg.diff(x) // tensor([3., 5., 7.])
 * ```
 */
export function diff(x: Tensor, n?: number | DiffOptions, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor {
  checkTensor('diff', x);
  if (n !== null && typeof n === 'object') ({ n, dim, prepend, append } = n);
  const times = n ?? 1;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 0) throw rangeError('diff', `order must be a non-negative integer, got ${describe(times)}`);
  if (x.ndim === 0) throw rangeError('diff', 'expects input to be at least one-dimensional (got shape [])');
  const d = wrapDim('diff', dim ?? -1, x.ndim);
  const parts: Tensor[] = [];
  for (const [name, t] of [['prepend', prepend], ['append', append]] as const) {
    if (t === undefined || t === null) continue;
    checkTensor('diff', t, name);
    if (t.ndim !== x.ndim) throw rangeError('diff', `${name} must have the same number of dims as input (got shapes ${fmtShape(t.shape)} and ${fmtShape(x.shape)})`);
  }
  if (prepend) parts.push(prepend);
  parts.push(x);
  if (append) parts.push(append);
  let r = parts.length === 1 ? x : S.cat(parts, d);
  const boolIn = r.dtype === 'bool';
  for (let i = 0; i < times && r.shape[d] > 0; i++) {
    const len = r.shape[d] - 1;
    const hi = S.narrow(r, d, 1, len), lo = S.narrow(r, d, 0, len);
    r = boolIn ? logicalXor(hi, lo) : E.sub(hi, lo);
  }
  return r;
}

// ---- helpers of the backward formulas ------------------------------------------------------------------------
/** Reverses x along one dim (structure.ts's flip; FlipBackward0). @internal */
export function flip(x: Tensor, dim: number): Tensor {
  return ST.flip(x, [dim]);
}

/** sum_{j >= k} g_j along dim, as PyTorch's reversed_cumsum: flip, cumsum, flip. @internal */
export function reversedCumsum(g: Tensor, dim: number): Tensor {
  // One reversed native scan, the same additions in the same order as flip-cumsum-flip; the composite only
  // when the grad itself is differentiated (double backward).
  if (!g.requiresGrad && (g.dtype === 'float32' || g.dtype === 'float64')) return scan(g, g.dtype, wrapDim('cumsum', dim, g.ndim), 'sum', true);
  return flip(cumsum(flip(g, dim), dim), dim);
}

/**
 * The grad of an op that picked elements at `indices` along dim (cummax/cummin, sort, topk): grad_input[i]
 * is the sum of grad[j] over the j whose index is i (PyTorch's scatter_add into zeros). Without a graph to
 * build it is one pass; with one, a sum over a one-hot mask (differentiable in g, O(n * k) along dim). @internal
 */
export function scatterAlong(g: Tensor, indices: Tensor, dim: number, shape: number[]): Tensor {
  if (shape.length === 0) return S.reshape(g, []);
  if (!differentiableFormulas()) {
    const out = outData(g.dtype, shape.reduce((a, b) => a * b, 1)) as Float64Array; // grads are float
    out.fill(0);
    const gd = g._data, id = indices._data, n = shape[dim], { inner } = around(shape, dim);
    eachSlice(g.shape, dim, (base, stride, k) => {
      const o = k === 0 ? 0 : Math.floor(base / (k * inner)), i = base % inner;
      for (let j = 0; j < k; j++) out[o * n * inner + i + Number(id[base + j * stride]) * inner] += gd[base + j * stride] as number;
    });
    return wrap(out, shape.slice(), g.dtype);
  }
  // mask[..., i, j] = indices[..., j] == i with dim moved last; grad_i = sum_j mask * g_j.
  const n = shape[dim];
  const gl = S.unsqueeze(S.transpose(g, dim, -1), -2), il = S.unsqueeze(S.transpose(indices, dim, -1), -2);
  const pos = S.reshape(arange(n, { dtype: 'int64' }), [n, 1]);
  const summed = R.sum(E.mul(gl, to(E.eq(il, pos), g.dtype)), -1);
  return S.transpose(summed, dim, -1);
}
