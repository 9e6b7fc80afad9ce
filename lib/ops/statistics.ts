// Order statistics and histograms: quantile, nanquantile, histc, bincount, histogram (PyTorch 1.13's algorithms:
// quantile_compute in Sorting.cpp, the histogramdd kernels in HistogramKernel.cpp, bincount in SummaryOps.cpp).
import { Tensor, checkTensor } from '../tensor.js';
import { isInt, type DType } from '../dtype.js';
import { outData, type Data } from '../storage.js';
import { wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, recordNotImplemented, noGrad } from '../autograd/record.js';
import { wrap, clone, to } from './creation.js';
import * as S from './shape.js';
import * as E from './elementwise.js';
import { lerp } from './elementwise_math.js';
import { sort } from './sorting.js';
import { gather } from './gather.js';
import { longFrom } from './int64.js';
import { diff } from './cumulative.js';

/** quantile's interpolation methods (PyTorch's names). */
export type QuantileInterpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';
/** Keyword arguments of quantile / nanquantile. */
export type QuantileOptions = { q?: number | Tensor; dim?: number | null; keepdim?: boolean; interpolation?: QuantileInterpolation };
const INTERPOLATIONS = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];

/** x with its last dim (of size 1) dropped, as PyTorch's in-place squeeze_(-1) records it (SqueezeBackward3). */
function squeezeLast(x: Tensor): Tensor {
  const out = noGrad(() => clone(S.squeeze(x, -1)));
  return record('squeezeInplaceDim', [x], out, () => ({ dim: x.ndim - 1 }));
}

/** Round half to even, as std::nearbyint / Tensor.round_ (nearest interpolation). */
function roundHalfEven(v: number): number {
  const f = Math.floor(v), d = v - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
}

function quantileOf(op: 'quantile' | 'nanquantile', input: Tensor, q: number | Tensor, dim?: number | null, keepdim?: boolean, interpolation?: QuantileInterpolation): Tensor {
  checkTensor(op, input);
  const interp = interpolation ?? 'linear';
  if (!INTERPOLATIONS.includes(interp)) throw rangeError(op, `interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${describe(interp)}`);
  if (input.dtype !== 'float32' && input.dtype !== 'float64') throw typeError(op, `input tensor must be either float or double dtype, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
  if (input.numel() === 0) throw rangeError(op, `input tensor must be non-empty (shape ${fmtShape(input.shape)})`);
  if (typeof q !== 'number' && !(q instanceof Tensor)) throw typeError(op, `q must be a number or a Tensor, got ${describe(q)}`);
  if (q instanceof Tensor) {
    if (q.ndim > 1) throw rangeError(op, `q must be a scalar or 1D tensor, got shape ${fmtShape(q.shape)}`);
    if (q.dtype !== input.dtype) throw typeError(op, `q tensor must be same dtype as the input tensor (${q.dtype} and ${input.dtype})`);
  }
  const qs = typeof q === 'number' ? [q] : Array.from(q._data as ArrayLike<number>);
  for (const v of qs) if (!(v >= 0 && v <= 1)) throw rangeError(op, `q must be in the range [0, 1] but got ${v}`);
  if (keepdim !== undefined && typeof keepdim !== 'boolean') throw typeError(op, `keepdim must be a boolean, got ${describe(keepdim)}`);
  const keep = keepdim ?? false;
  // The values to pick from, sorted along the last dim, laid out as the output (keepdim's 1s included).
  let x: Tensor;
  if (dim === undefined || dim === null) {
    x = S.reshape(input, keep ? [...input.shape.map(() => 1), input.numel()] : [input.numel()]);
  } else {
    if (typeof dim !== 'number' || !Number.isInteger(dim)) throw typeError(op, `dim must be an integer or null, got ${describe(dim)}`);
    const d = wrapDim(op, dim, input.ndim);
    x = input.ndim === 0 ? S.reshape(input, [1]) : S.movedim(input, d, -1);
    if (keep && input.ndim > 0) x = S.unsqueeze(x, d);
  }
  const sorted = sort(x, -1).values;
  const n = sorted.shape[sorted.ndim - 1], slices = sorted.numel() / n, nq = qs.length;
  const keys = noGrad(() => to(sorted, 'float64'))._data as Float64Array;
  // Ranks per (slice, q) as quantile_compute: NaN slices pick the last (NaN) value in quantile; nanquantile
  // ranks within the non-NaN count (rank 0, a NaN, when there is none).
  const below = new Int32Array(slices * nq), above = new Int32Array(slices * nq), weight = new Float64Array(slices * nq);
  for (let s = 0; s < slices; s++) {
    let valid = n;
    while (valid > 0 && keys[s * n + valid - 1] !== keys[s * n + valid - 1]) valid--;
    for (let j = 0; j < nq; j++) {
      const qv = input.dtype === 'float32' ? Math.fround(qs[j]) : qs[j];
      const r0 = op === 'nanquantile' ? Math.max(qv * (valid - 1), 0) : valid < n ? n - 1 : qv * (n - 1);
      const rank = input.dtype === 'float32' ? Math.fround(r0) : r0;
      const r = interp === 'lower' ? Math.floor(rank) : interp === 'higher' ? Math.ceil(rank) : interp === 'nearest' ? roundHalfEven(rank) : rank;
      below[s * nq + j] = Math.trunc(r);
      above[s * nq + j] = Math.ceil(r);
      weight[s * nq + j] = interp === 'midpoint' ? 0.5 : r - Math.trunc(r);
    }
  }
  const idxShape = [...sorted.shape.slice(0, -1), nq];
  let out = gather(sorted, -1, longFrom(below, idxShape));
  if (interp === 'linear' || interp === 'midpoint') {
    const w = wrap(noGrad(() => to(wrap(weight as unknown as Data, idxShape, 'float64'), input.dtype))._data, idxShape, input.dtype);
    out = lerp(out, gather(sorted, -1, longFrom(above, idxShape.slice())), w);
  }
  if (typeof q === 'number' || q.ndim === 0) return squeezeLast(out);
  return squeezeLast(S.transpose(S.unsqueeze(out, 0), 0, -1));
}

/**
 * The q-th quantiles of `input` (all elements, or along `dim`), interpolating between the two nearest values as
 * `interpolation` says. A tensor `q` gives one result per quantile along a new first dim. NaN where a slice
 * holds NaN.
 *
 * @see torch.quantile
 * @example
 * ```ts
 * const x = tg.tensor([[0, 1, 2, 3], [4, 5, 6, 7]])
 * tg.quantile(x, 0.25) // tensor(1.7500)
 * tg.quantile(x, 0.5, { dim: 1 }) // tensor([1.5000, 5.5000])
 * tg.quantile(x, tg.tensor([0.1, 0.9]), { dim: 1, interpolation: 'lower' })
 * // tensor([[0., 4.],
 * //         [2., 6.]])
 * ```
 */
export function quantile(input: Tensor, q: number | Tensor | QuantileOptions, dim?: number | null | QuantileOptions, keepdim?: boolean, interpolation?: QuantileInterpolation): Tensor {
  return quantileOf('quantile', input, q as number | Tensor, dim as number | null | undefined, keepdim, interpolation);
}

/**
 * quantile ignoring NaN: each slice's quantiles over its non-NaN values (NaN where all are NaN).
 *
 * @see torch.nanquantile
 * @example
 * ```ts
 * const x = tg.tensor([1, NaN, 3, 2])
 * tg.nanquantile(x, 0.5) // tensor(2.)
 * tg.quantile(x, 0.5) // tensor(nan)
 * ```
 */
export function nanquantile(input: Tensor, q: number | Tensor | QuantileOptions, dim?: number | null | QuantileOptions, keepdim?: boolean, interpolation?: QuantileInterpolation): Tensor {
  return quantileOf('nanquantile', input, q as number | Tensor, dim as number | null | undefined, keepdim, interpolation);
}

// Note [Histogram bins]: PyTorch's histogram kernel (histogramdd_cpu_contiguous) bins an element x in [lo, hi] by
// linear interpolation in the input's dtype, pos = trunc((x - lo) * bins / (hi - lo)) (float32 rounds each step,
// emulated with fround), x = hi going to the last bin; histogram then corrects pos by a search among the
// neighbouring edges (LINEAR_INTERPOLATION_WITH_LOCAL_SEARCH), histc does not. Explicit edges are searched
// (upper_bound). Values outside [lo, hi] are not counted; NaN is, in the bin PyTorch's undefined cast leaves it.
function binIndex(x: number, lo: number, hi: number, edges: ArrayLike<number> | null, nb: number, r: (v: number) => number, search: boolean): number {
  // NaN passes PyTorch's range test and its bin comes from int64 wraparound: INT64_MIN * 8 bytes is bin 0 of
  // histc; the local search reads edges -1..1 and returns 1; the binary search runs to the end, the last bin.
  if (x !== x) return edges === null ? 0 : search ? Math.min(1, nb - 1) : nb - 1;
  let pos: number;
  if (edges !== null && !search) pos = upperBound(edges, 0, nb + 1, x) - 1;
  else {
    pos = Math.trunc(r(r(r(x - lo) * nb) / r(hi - lo)));
    if (edges !== null) pos = upperBound(edges, Math.max(0, pos - 1), Math.min(pos + 2, nb + 1), x) - 1;
  }
  return pos === nb ? nb - 1 : pos;
}
function upperBound(a: ArrayLike<number>, from: number, to: number, x: number): number {
  while (from < to) {
    const m = (from + to) >> 1;
    if (a[m] <= x) from = m + 1;
    else to = m;
  }
  return from;
}

/** torch.linspace in the given float dtype, step and values in that dtype's arithmetic (LinspaceKernel's halves). */
function linspaceAs(start: number, end: number, steps: number, dt: DType): Tensor {
  const r = dt === 'float32' ? Math.fround : (v: number): number => v;
  const a = r(start), b = r(end), step = r(r(b - a) / (steps - 1)), half = Math.floor(steps / 2);
  const out = outData(dt, steps) as Float32Array | Float64Array;
  for (let i = 0; i < steps; i++) out[i] = i < half ? r(a + r(step * i)) : r(b - r(step * (steps - i - 1)));
  return wrap(out as Data, [steps], dt);
}

function checkFloatInput(op: string, input: Tensor): void {
  checkTensor(op, input);
  if (input.dtype !== 'float32' && input.dtype !== 'float64') throw typeError(op, `"histogram_cpu" not implemented for ${input.dtype} (shape ${fmtShape(input.shape)}); cast to a float dtype first`);
}
function checkBins(op: string, bins: unknown): number {
  if (typeof bins !== 'number' || !Number.isInteger(bins)) throw typeError(op, `bins must be an integer, got ${describe(bins)}`);
  if (bins <= 0) throw rangeError(op, `bins must be > 0, but got ${bins}`);
  // Past the largest typed array: the allocation would fail with the allocator's own message.
  if (bins >= 2 ** 31) throw rangeError(op, `cannot allocate ${bins} bins`);
  return bins;
}
/** The histogram counts (input's dtype) of the values in [lo, hi] among nb bins (Note [Histogram bins]). */
function countBins(input: Tensor, nb: number, lo: number, hi: number, edges: ArrayLike<number> | null, search: boolean, weight: ArrayLike<number> | null): Tensor {
  const r = input.dtype === 'float32' ? Math.fround : (v: number): number => v;
  const hist = (outData(input.dtype, nb) as Float32Array | Float64Array).fill(0), src = input._data as ArrayLike<number>;
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (x < lo || x > hi) continue; // NaN is counted (Note [Histogram bins])
    const p = binIndex(x, lo, hi, edges, nb, r, search);
    hist[p] = r(hist[p] + (weight === null ? 1 : weight[i]));
  }
  return wrap(hist as Data, [nb], input.dtype);
}

/**
 * A histogram of `input` with `bins` equal-width bins over [min, max] (the data's range when min equals max), in
 * the input's dtype. Values outside the range are ignored.
 *
 * @see torch.histc
 * @example
 * ```ts
 * tg.histc(tg.tensor([1, 2, 1, 4, 2.5]), { bins: 4, min: 0, max: 4 }) // tensor([0., 2., 2., 1.])
 * ```
 */
export function histc(input: Tensor, bins: number | { bins?: number; min?: number; max?: number } = 100, min = 0, max = 0): Tensor {
  checkFloatInput('histc', input);
  const nb = checkBins('histc', bins);
  if (typeof min !== 'number' || typeof max !== 'number') throw typeError('histc', `min and max must be numbers, got ${describe(min)} and ${describe(max)}`);
  let lo = min, hi = max;
  if (lo === hi && input.numel() > 0) {
    const src = input._data as ArrayLike<number>;
    lo = Infinity; hi = -Infinity;
    for (let i = 0; i < src.length; i++) {
      if (src[i] !== src[i]) { lo = hi = NaN; break; }
      lo = Math.min(lo, src[i]); hi = Math.max(hi, src[i]);
    }
  }
  if (lo === hi) { lo -= 1; hi += 1; }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw rangeError('histc', `range of [${lo}, ${hi}] is not finite`);
  if (!(lo < hi)) throw rangeError('histc', `max must be larger than min (min ${lo}, max ${hi})`);
  const r = input.dtype === 'float32' ? Math.fround : (v: number): number => v;
  return countBins(input, nb, r(lo), r(hi), null, false, null);
}

/**
 * Counts of each value of a 1-D tensor of non-negative integers (length max + 1, at least minlength); with
 * `weights`, the sum of the weights of each value instead (float32 weights sum in float32, others in float64).
 *
 * @see torch.bincount
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 1, 3], { dtype: 'int64' })
 * tg.bincount(x) // tensor([1, 2, 0, 1])
 * tg.bincount(x, { weights: tg.tensor([0.5, 1, 2, 3]), minlength: 5 }) // tensor([0.5000, 3.0000, 0.0000, 3.0000, 0.0000])
 * ```
 */
export function bincount(input: Tensor, weights?: Tensor | null | { weights?: Tensor | null; minlength?: number }, minlength = 0): Tensor {
  checkTensor('bincount', input);
  if (!isInt(input.dtype)) throw typeError('bincount', `"bincount_cpu" not implemented for ${input.dtype} (shape ${fmtShape(input.shape)}); it counts integers`);
  if (typeof minlength !== 'number' || !Number.isInteger(minlength)) throw typeError('bincount', `minlength must be an integer, got ${describe(minlength)}`);
  if (minlength < 0) throw rangeError('bincount', `minlength should be >= 0, got ${minlength}`);
  if (weights !== undefined && weights !== null) {
    if (!(weights instanceof Tensor)) throw typeError('bincount', `weights must be a Tensor or null, got ${describe(weights)}`);
    if (weights.ndim !== 1 || weights.shape[0] !== input.shape[0]) throw rangeError('bincount', `weights should be 1-d and have the same length as input (input shape ${fmtShape(input.shape)}, weights shape ${fmtShape(weights.shape)})`);
  }
  const vals = Array.from(input._data as ArrayLike<number | bigint>, Number);
  if (input.ndim !== 1 || vals.some((v) => v < 0)) throw rangeError('bincount', `only supports 1-d non-negative integral inputs (input shape ${fmtShape(input.shape)})`);
  const len = vals.reduce((m, v) => Math.max(m, v + 1), minlength);
  if (len >= 2 ** 31) throw rangeError('bincount', `cannot allocate ${len} bins (the largest value or minlength is too large)`);
  if (weights === undefined || weights === null) {
    const counts = new Int32Array(len);
    for (const v of vals) counts[v]++;
    return longFrom(counts, [len]);
  }
  const dt: DType = weights.dtype === 'float32' ? 'float32' : 'float64';
  const r = dt === 'float32' ? Math.fround : (v: number): number => v;
  const w = Array.from(weights._data as ArrayLike<number | bigint>, Number), out = (outData(dt, len) as Float32Array | Float64Array).fill(0);
  vals.forEach((v, i) => { out[v] = r(out[v] + w[i]); });
  return recordNotImplemented('bincount', [weights], wrap(out as Data, [len], dt));
}

/** histogram's result: [hist, binEdges] that also has .hist and .binEdges (PyTorch's namedtuple). */
export type Histogram = Omit<[Tensor, Tensor], 'hist'> & { hist: Tensor; binEdges: Tensor };
/** Keyword arguments of histogram (PyTorch's names). */
export type HistogramOptions = { bins?: number | Tensor; range?: [number, number] | null; weight?: Tensor | null; density?: boolean };

/**
 * A histogram of `input`: `bins` equal-width bins over `range` (the data's range by default), or the bins
 * between the given edges (a 1-D tensor). Optional per-element `weight`; `density` normalizes to a density.
 * Returns `{ hist, binEdges }` (also an array).
 *
 * @see torch.histogram
 * @example
 * ```ts
 * const { hist, binEdges } = tg.histogram(tg.tensor([1, 2, 1, 4, 2.5]), 3)
 * hist // tensor([2., 2., 1.])
 * binEdges // tensor([1., 2., 3., 4.])
 * tg.histogram(tg.tensor([1, 2, 1]), tg.tensor([0, 1.5, 3]), { density: true }).hist // tensor([0.4444, 0.2222])
 * ```
 */
export function histogram(input: Tensor, bins: number | Tensor | HistogramOptions, range?: [number, number] | null, weight?: Tensor | null, density?: boolean): Histogram {
  checkFloatInput('histogram', input);
  if (weight !== undefined && weight !== null) {
    checkTensor('histogram', weight);
    if (weight.dtype !== input.dtype) throw typeError('histogram', `input tensor and weight tensor should have the same dtype, but got input(${input.dtype}) and weight(${weight.dtype})`);
    if (weight.shape.length !== input.shape.length || weight.shape.some((s, i) => s !== input.shape[i]))
      throw rangeError('histogram', `weight tensor should have the same shape as the input tensor, but got input shape ${fmtShape(input.shape)} and weight shape ${fmtShape(weight.shape)}`);
  }
  if (density !== undefined && typeof density !== 'boolean') throw typeError('histogram', `density must be a boolean, got ${describe(density)}`);
  let edges: Tensor;
  let search = true;
  if (bins instanceof Tensor) {
    if (bins.ndim !== 1) throw rangeError('histogram', `bins tensor should have one dimension, but got ${bins.ndim} dimensions`);
    if (bins.dtype !== input.dtype) throw typeError('histogram', `input tensor and bins tensor should have the same dtype, but got input with dtype ${input.dtype} and bins with dtype ${bins.dtype}`);
    if (bins.numel() < 1) throw rangeError('histogram', 'bins tensor should have at least 1 element');
    edges = noGrad(() => clone(bins as Tensor));
    search = false;
  } else {
    const nb = checkBins('histogram', bins);
    let lo = 0, hi = 1;
    if (range !== undefined && range !== null) {
      if (!Array.isArray(range) || range.length !== 2 || range.some((v) => typeof v !== 'number')) throw typeError('histogram', `range must be [min, max], got ${describe(range)}`);
      [lo, hi] = range;
    } else if (input.numel() > 0) {
      const src = input._data as ArrayLike<number>;
      lo = Infinity; hi = -Infinity;
      for (let i = 0; i < src.length; i++) { lo = Math.min(lo, src[i]); hi = Math.max(hi, src[i]); }
      if (Array.prototype.some.call(src, (v: number) => v !== v)) lo = hi = NaN;
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw rangeError('histogram', `range [${lo}, ${hi}] is not finite`);
    if (lo > hi) throw rangeError('histogram', `min should not exceed max, but got min ${lo} max ${hi}`);
    if (lo === hi) { lo -= 0.5; hi += 0.5; }
    edges = linspaceAs(lo, hi, nb + 1, input.dtype);
  }
  const e = edges._data as ArrayLike<number>, nb = e.length - 1;
  const flat = noGrad(() => S.reshape(input, [input.numel()]).contiguous());
  let hist = nb === 0 ? wrap(outData(input.dtype, 0), [0], input.dtype)
    : countBins(flat, nb, e[0], e[nb], e, search, weight ? (noGrad(() => S.reshape(weight as Tensor, [input.numel()]).contiguous())._data as ArrayLike<number>) : null);
  if (density) hist = noGrad(() => E.div(E.div(hist, hist.sum()), diff(edges)));
  const inputs = weight ? [input, weight] : [input];
  recordNotImplemented('histogram', inputs, hist);
  recordNotImplemented('histogram', inputs, edges);
  const out = [hist, edges] as unknown as Histogram;
  Object.defineProperty(out, 'hist', { value: hist, enumerable: false });
  Object.defineProperty(out, 'binEdges', { value: edges, enumerable: false });
  return out;
}
