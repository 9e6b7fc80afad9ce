// torch.histogramdd: the D-dimensional histogram of N points (input [..., D]), numpy's histogramdd rules: per
// dim, equal-width bins over the range (the data's by default, widened by 0.5 each way when empty) or given
// edges; a bin holds [e_i, e_i+1), the last one also its right edge; points outside are dropped.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import * as C from './creation.js';
import { noGrad, recordNotImplemented } from '../autograd/record.js';

/** What histogramdd returns: [hist, binEdges], also by name. */
export type HistogramDD = Omit<[Tensor, Tensor[]], 'hist'> & { hist: Tensor; binEdges: Tensor[] };

/** The bin of v among edges e (n + 1 sorted values), or -1 outside [e_0, e_n]. */
function binOf(e: ArrayLike<number>, v: number): number {
  const n = e.length - 1;
  if (!(v >= (e[0] as number) && v <= (e[n] as number))) return -1;
  if (v === e[n]) {
    // the last bin keeps its right edge; repeated trailing edges leave the last non-empty one
    let k = n - 1;
    while (k > 0 && e[k] === e[n]) k--;
    return k;
  }
  let lo = 0, hi = n; // e[lo] <= v < e[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((e[mid] as number) <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The histogram of N points in D dimensions (input [..., D]): `bins` a count for every dim, a count per dim,
 * or a 1-D tensor of edges per dim; `range` [min0, max0, min1, max1, ...] for counted bins; optional `weight`
 * per point; `density` normalizes by the total and the bin volumes. Returns { hist, binEdges }.
 *
 * @see torch.histogramdd
 * @example
 * ```ts
 * const { hist, binEdges } = tg.histogramdd(tg.tensor([[0, 1], [1, 1], [2, 3], [2, 2]]), [2, 3])
 * hist.tolist() // => [[1, 0, 0], [1, 1, 1]]
 * binEdges[0].tolist() // => [0, 1, 2]
 * ```
 */
export function histogramdd(input: Tensor, bins: number | number[] | Tensor[], range: number[] | null = null, weight: Tensor | null = null, density = false): HistogramDD {
  const op = 'histogramdd';
  checkTensor(op, input, 'input');
  if (input.dtype !== 'float32' && input.dtype !== 'float64') throw typeError(op, `torch.histogramdd: input tensor must be float32 or float64, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
  if (input.ndim < 1) throw rangeError(op, `torch.histogramdd: input tensor should have at least 1 dimension, but got a 0-D tensor`);
  const D = input.shape[input.ndim - 1] as number, N = input.numel() / Math.max(D, 1);
  const pts = input._data as ArrayLike<number>;
  let w: ArrayLike<number> | null = null;
  if (weight !== null && weight !== undefined) {
    checkTensor(op, weight, 'weight');
    if (weight.dtype !== input.dtype) throw typeError(op, `torch.histogramdd: input tensor and weight tensor should have the same dtype, got ${input.dtype} and ${weight.dtype}`);
    const want = input.shape.slice(0, -1);
    if (weight.shape.join() !== want.join()) throw rangeError(op, `torch.histogramdd: if weight tensor is provided it should have the same shape as the input tensor excluding its innermost dimension, but got input with shape ${fmtShape(input.shape)} and weight with shape ${fmtShape(weight.shape)}`);
    w = weight._data as ArrayLike<number>;
  }
  if (typeof density !== 'boolean') throw typeError(op, `density must be a boolean, got ${describe(density)}`);
  const edges: Tensor[] = [];
  if (Array.isArray(bins) && bins.length > 0 && bins[0] instanceof Tensor) {
    if (bins.length !== D) throw rangeError(op, `torch.histogramdd: expected ${D} sequences of bin edges for each of the ${D} input dimensions, but got ${bins.length} bin edges`);
    for (const b of bins as Tensor[]) {
      checkTensor(op, b, 'bins');
      if (b.ndim !== 1 || b.numel() < 1) throw rangeError(op, `torch.histogramdd: bins tensors must be 1-D with at least one edge, got shape ${fmtShape(b.shape)}`);
      if (b.dtype !== input.dtype) throw typeError(op, `torch.histogramdd: input tensor and bins tensors should have the same dtype, got ${input.dtype} and ${b.dtype}`);
      edges.push(noGrad(() => b.detach().clone()));
    }
  } else {
    const counts = typeof bins === 'number' ? new Array<number>(D).fill(bins) : (bins as number[]);
    if (!Array.isArray(counts) || counts.length !== D || counts.some((c) => typeof c !== 'number' || !Number.isInteger(c) || c < 1))
      throw rangeError(op, `torch.histogramdd: bins must be a positive integer, ${D} positive integers or ${D} edge tensors (input of shape ${fmtShape(input.shape)}), got ${describe(bins)}`);
    if (range !== null && range !== undefined && (!Array.isArray(range) || range.length !== 2 * D || range.some((v) => typeof v !== 'number')))
      throw rangeError(op, `torch.histogramdd: for a ${D}-dimensional histogram, range should have ${2 * D} elements, but got ${describe(range)}`);
    for (let d = 0; d < D; d++) {
      let lo: number, hi: number;
      if (range !== null && range !== undefined) [lo, hi] = [range[2 * d] as number, range[2 * d + 1] as number];
      else {
        lo = Infinity; hi = -Infinity;
        for (let i = 0; i < N; i++) { const v = pts[i * D + d] as number; if (v < lo) lo = v; if (v > hi) hi = v; }
        if (N === 0) [lo, hi] = [0, 0];
      }
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw rangeError(op, `torch.histogramdd: range of [${lo}, ${hi}] is not finite (dim ${d})`);
      if (lo > hi) throw rangeError(op, `torch.histogramdd: min should not exceed max, but got min ${lo} max ${hi} (dim ${d})`);
      if (lo === hi) { lo -= 0.5; hi += 0.5; }
      edges.push(C.linspace(lo, hi, (counts[d] as number) + 1, input.dtype));
    }
  }
  const e = edges.map((t) => t._data as ArrayLike<number>), sizes = e.map((x) => x.length - 1);
  const strides = new Array<number>(D);
  for (let d = D - 1, k = 1; d >= 0; d--) strides[d] = k, k *= sizes[d] as number;
  const hist = new Float64Array(sizes.reduce((a, b) => a * b, 1));
  for (let i = 0; i < N; i++) {
    let at = 0;
    for (let d = 0; d < D && at >= 0; d++) {
      const b = (sizes[d] as number) === 0 ? -1 : binOf(e[d] as ArrayLike<number>, pts[i * D + d] as number);
      at = b < 0 ? -1 : at + b * (strides[d] as number);
    }
    if (at >= 0) hist[at] += w === null ? 1 : (w[i] as number);
  }
  if (density) {
    let total = 0;
    for (const v of hist) total += v;
    for (let j = 0; j < hist.length; j++) {
      let vol = 1;
      for (let d = 0, r = j; d < D; d++) {
        const b = Math.floor(r / (strides[d] as number)); r -= b * (strides[d] as number);
        vol *= (e[d] as ArrayLike<number>)[b + 1]! - (e[d] as ArrayLike<number>)[b]!;
      }
      hist[j] = (hist[j] as number) / total / vol;
    }
  }
  // not differentiable: as PyTorch's, the results of an input (or weight) that requires grad carry
  // NotImplemented nodes, whose backward throws
  const from = weight !== null && weight !== undefined ? [input, weight] : [input];
  const h = recordNotImplemented('_histogramdd_from_bin_cts', from, C.tensor(hist, { dtype: input.dtype }).reshape(sizes).detach());
  if (!(Array.isArray(bins) && bins[0] instanceof Tensor)) recordNotImplemented('_histogramdd_bin_edges', [input], edges);
  const out = [h, edges] as unknown as HistogramDD;
  Object.defineProperty(out, 'hist', { value: h, enumerable: false });
  Object.defineProperty(out, 'binEdges', { value: edges, enumerable: false });
  return out;
}
