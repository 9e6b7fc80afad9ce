// Pooling over the trailing spatial dims, PyTorch 1.13's F.max_pool1d/2d, avg_pool1d/2d, adaptive_avg_pool1d/2d,
// adaptive_max_pool1d/2d, lp_pool1d/2d and max_unpool2d. Each 2-D op is one node with PyTorch's name (rows in
// lib/autograd/derivatives_pooling.ts); the 1-D forms are the 2-D op on x.unsqueeze(-2), squeezed back, which is
// PyTorch's graph too (SqueezeBackward1 -> MaxPool2DWithIndicesBackward0 -> UnsqueezeBackward0).
//
// Note [Pooling planes]: every op views its input as planes of H x W values ([N, C, H, W] or [C, H, W], N * C or
// C planes) and loops over them on the contiguous values (max pooling in native/cpu/pool_kernels.cc, the others
// in JS). Max-pool indices are int32 offsets into one unpadded plane (h * W + w), as PyTorch's int64 ones; a
// window's max is its first maximum, a NaN wins (the last NaN, as PyTorch's `val > max || isnan(val)`).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, gradMode, fwState } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { native } from '../native.js';
import { longFrom, indexInts } from './int64.js';
import { wrap, zeros } from './creation.js';
import * as E from './elementwise.js';
import { mean } from './reduce.js';
import { reshape, squeeze, unsqueeze } from './shape.js';
import { scatterAdd } from './scatter.js';
import { gather } from './gather.js';

type Floats = Float32Array | Float64Array;
/** Zero-filled output storage (outData is uninitialized) for the kernels that accumulate. */
const zeroed = (dtype: Tensor['dtype'], n: number): Floats => (outData(dtype, n) as Floats).fill(0);

/** The geometry of a 2-D pooling (1-D ones have H = 1), see Note [Pooling planes]. */
export interface PoolGeom {
  inShape: number[];
  outShape: number[];
  planes: number;
  H: number;
  W: number;
  Ho: number;
  Wo: number;
  kH: number;
  kW: number;
  sH: number;
  sW: number;
  pH: number;
  pW: number;
  dH: number;
  dW: number;
  countIncludePad: boolean;
  divisor: number | null;
}

/** kernelSize, stride, padding or dilation as nd integers (a number or a list of 1 or nd numbers). */
export function ints(op: string, name: string, v: unknown, nd: number): number[] {
  const a = typeof v === 'number' ? [v] : v;
  if (!Array.isArray(a) || (a.length !== 1 && a.length !== nd) || !a.every((e) => typeof e === 'number' && Number.isInteger(e)))
    throw typeError(op, `${name} must be an integer or a list of ${nd === 1 ? 'one integer' : `${nd} integers`}, got ${describe(v)}${Array.isArray(v) ? ` [${v.join(', ')}]` : ''}`);
  return a.length === nd ? (a as number[]).slice() : Array<number>(nd).fill(a[0] as number);
}

export function bool(op: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
  return v;
}

/** Checks a floating point input of nd spatial dims, unbatched (nd + 1 dims) or batched (nd + 2). */
export function checkInput(op: string, input: unknown, nd: number): asserts input is Tensor {
  checkTensor(op, input, 'input');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype} (input of shape ${fmtShape(input.shape)})`);
  const r = input.ndim;
  // batch dim may be 0; channel and spatial dims must not be
  const ok = (r === nd + 1 || r === nd + 2) && input.shape.slice(r - nd - 1).every((s) => s > 0);
  if (!ok)
    throw rangeError(op, `Expected ${nd + 1}D or ${nd + 2}D (batch mode) tensor with optional 0 dim batch size for input, but got input of shape ${fmtShape(input.shape)}`);
}

/** PyTorch's pooling_output_shape: floor (or ceil) division, a last window starting in the right padding dropped. */
export function outSize(n: number, k: number, p: number, s: number, d: number, ceil: boolean): number {
  let o = Math.floor((n + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)) / s) + 1;
  if (ceil && (o - 1) * s >= n + p) o--;
  return o;
}

/** Validates a windowed pooling's arguments for nd (1 or 2) spatial dims; the geometry as 2-D (H = 1 for 1-D). */
function windowGeom(op: string, input: Tensor, nd: number, kernelSize: unknown, stride: unknown, padding: unknown, dilation: unknown, ceilMode: unknown): PoolGeom {
  checkInput(op, input, nd);
  const k = ints(op, 'kernelSize', kernelSize, nd);
  const noStride = stride === undefined || stride === null || (Array.isArray(stride) && stride.length === 0);
  const s = noStride ? k.slice() : ints(op, 'stride', stride, nd);
  const p = ints(op, 'padding', padding ?? 0, nd);
  const d = ints(op, 'dilation', dilation ?? 1, nd);
  const ceil = bool(op, 'ceilMode', ceilMode, false);
  const shp = fmtShape(input.shape);
  if (k.some((v) => v <= 0)) throw rangeError(op, `kernel size should be greater than zero, but got kernelSize=${fmtShape(k)} (input of shape ${shp})`);
  if (s.some((v) => v <= 0)) throw rangeError(op, `stride should be greater than zero, but got stride=${fmtShape(s)} (input of shape ${shp})`);
  if (d.some((v) => v <= 0)) throw rangeError(op, `dilation should be greater than zero, but got dilation=${fmtShape(d)} (input of shape ${shp})`);
  for (let i = 0; i < nd; i++)
    if (p[i] < 0 || p[i] > k[i] / 2)
      throw rangeError(op, `pad should be at most half of kernel size, but got pad=${p[i]} and kernel_size=${k[i]} (input of shape ${shp})`);
  const sp = input.shape.slice(input.ndim - nd);
  const o = sp.map((n, i) => outSize(n, k[i], p[i], s[i], d[i], ceil));
  if (o.some((v) => v < 1)) {
    const c = input.shape[input.ndim - nd - 1];
    throw rangeError(op, `Given input size: (${[c, ...sp].join('x')}). Calculated output size: (${[c, ...o].join('x')}). Output size is too small (input of shape ${shp}, kernelSize=${fmtShape(k)}, padding=${fmtShape(p)})`);
  }
  const two = (a: number[], one: number): [number, number] => (nd === 1 ? [one, a[0]] : [a[0], a[1]]);
  const [H, W] = two(sp, 1), [Ho, Wo] = two(o, 1), [kH, kW] = two(k, 1), [sH, sW] = two(s, 1), [pH, pW] = two(p, 0), [dH, dW] = two(d, 1);
  const lead = input.shape.slice(0, input.ndim - nd);
  const inShape = nd === 1 ? [...lead, 1, W] : input.shape.slice();
  return {
    inShape, outShape: [...lead, Ho, Wo], planes: lead.reduce((a, b) => a * b, 1), H, W, Ho, Wo, kH, kW, sH, sW, pH, pW, dH, dW,
    countIncludePad: true, divisor: null,
  };
}

// ---- max pooling ---------------------------------------------------------------------------------------------
/**
 * Max pooling on the 2-D geometry: [values, int64 indices], one MaxPool2DWithIndicesBackward0 node. The indices
 * are computed only when asked for or when the node will be recorded (grad or forward AD): an inference pass
 * writes only the values (Note [Max-pool 2x2 stride 2], native/cpu/pool_kernels.cc).
 */
function maxPool2dApply(x: Tensor, g: PoolGeom, wantIndices: boolean): [Tensor, Tensor | null] {
  const n = g.planes * g.Ho * g.Wo;
  const withIndices = wantIndices || (gradMode.enabled && x.requiresGrad) || fwState.active;
  const out = outData(x.dtype, n) as Floats, idx = withIndices ? outData('int64', n) as BigInt64Array : null;
  native.maxPool2d(x._data, [g.planes, g.H, g.W, g.Ho, g.Wo, g.kH, g.kW, g.sH, g.sW, g.pH, g.pW, g.dH, g.dW], out, idx);
  const values = wrap(out, g.outShape.slice(), x.dtype);
  if (idx === null) return [values, null];
  const indices = wrap(idx, g.outShape.slice(), 'int64');
  record('nnMaxPool2d', [x], values, () => ({ shape: g.inShape, indices }));
  return [values, indices];
}

/**
 * Grad of a max pooling (and of adaptiveMaxPool2d, maxUnpool2d's transpose): g added into zeros of `shape` at
 * the saved plane indices. Differentiable in g (a scatterAdd), so double backward works.
 */
export function maxPoolBackward(g: Tensor, indices: Tensor, shape: number[]): Tensor {
  const nd = shape.length, HW = shape[nd - 2] * shape[nd - 1];
  const planes = shape.slice(0, nd - 2).reduce((a, b) => a * b, 1);
  const m = indices.shape[nd - 2] * indices.shape[nd - 1];
  const r = scatterAdd(zeros([planes, HW], { dtype: g.dtype }), 1, reshape(indices, [planes, m]), reshape(g, [planes, m]));
  return reshape(r, shape);
}

/**
 * maxPoolBackward without a graph: native/cpu/pool_kernels.cc's scatter, parallel over planes (Note [Max-pool
 * backward]) for max pooling's own int64 indices; int32 indices take a loop over the outputs.
 */
export function maxPoolBackwardFused(g: Tensor, indices: Tensor, shape: number[]): Tensor {
  const nd = shape.length, HW = shape[nd - 2] * shape[nd - 1];
  const m = indices.shape[nd - 2] * indices.shape[nd - 1];
  const total = shape.reduce((a, b) => a * b, 1);
  const is = indices._data;
  if (is instanceof BigInt64Array) {
    const dx = outData(g.dtype, total) as Floats;
    native.maxPool2dBackward(g._data, is, [total / Math.max(HW, 1), HW, m], dx);
    return wrap(dx, shape.slice(), g.dtype);
  }
  const dx = zeroed(g.dtype, total);
  const gs = g._data as Floats, ii = indexInts('maxPool2d', indices, 'indices');
  for (let o = 0, base = 0; o < gs.length; base += HW) for (let j = 0; j < m; j++, o++) dx[base + ii[o]] += gs[o];
  return wrap(dx, shape.slice(), g.dtype);
}

export interface MaxPoolOptions {
  kernelSize?: number | number[];
  stride?: number | number[] | null;
  padding?: number | number[];
  dilation?: number | number[];
  ceilMode?: boolean;
  returnIndices?: boolean;
}

function maxPoolNd(op: string, nd: number, input: Tensor, kernelSize: unknown, stride: unknown, padding: unknown, dilation: unknown, ceilMode: unknown, returnIndices: unknown): Tensor | [Tensor, Tensor] {
  const g = windowGeom(op, input, nd, kernelSize, stride, padding, dilation, ceilMode);
  const ret = bool(op, 'returnIndices', returnIndices, false);
  if (nd === 2) return ret ? maxPool2dApply(input, g, true) as [Tensor, Tensor] : maxPool2dApply(input, g, false)[0];
  const [v, i] = maxPool2dApply(unsqueeze(input, -2), g, ret);
  return ret ? [squeeze(v, -2), squeeze(i!, -2)] : squeeze(v, -2);
}

/**
 * Max over windows of [N, C, H, W] (or [C, H, W]) input; `returnIndices` adds the argmax.
 *
 * Max over kH x kW windows of [N, C, H, W] or [C, H, W] input (stride defaults to kernelSize; implicit -inf
 * padding; dilation spreads the window; ceilMode rounds the output size up). returnIndices: [values, int32
 * indices into each H x W plane]. One MaxPool2DWithIndicesBackward0 node.
 *
 * @see torch.nn.functional.max_pool2d
 * @example
 * ```ts
 * const x = tg.tensor([[[[1, 2], [3, 4]]]])
 * tg.nn.functional.maxPool2d(x, 2) // tensor([[[[4.]]]])
 * ```
 */
export const maxPool2d = kw(signature('nn.functional.maxPool2d', 'input, kernelSize, stride, padding, dilation, ceilMode, returnIndices'), function maxPool2d(
  input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, dilation: number | number[] = 1, ceilMode = false, returnIndices = false): Tensor {
  return maxPoolNd('maxPool2d', 2, input, kernelSize, stride, padding, dilation, ceilMode, returnIndices) as Tensor;
}) as {
  (input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding?: number | number[], dilation?: number | number[], ceilMode?: boolean, returnIndices?: false): Tensor;
  (input: Tensor, kernelSize: number | number[], stride: number | number[] | null | undefined, padding: number | number[] | undefined, dilation: number | number[] | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
  (input: Tensor, kernelSize: number | number[], options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, kernelSize: number | number[], options?: MaxPoolOptions): Tensor;
  (input: Tensor, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, options: MaxPoolOptions): Tensor;
};

/**
 * Max over windows of the last dim of [N, C, L] or [C, L] input.
 *
 * Max over windows of the last dim of [N, C, L] or [C, L] input; see maxPool2d.
 *
 * @see torch.nn.functional.max_pool1d
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 3, 2, 4]]])
 * tg.nn.functional.maxPool1d(x, 2) // tensor([[[3., 4.]]])
 * ```
 */
export const maxPool1d = kw(signature('nn.functional.maxPool1d', 'input, kernelSize, stride, padding, dilation, ceilMode, returnIndices'), function maxPool1d(
  input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, dilation: number | number[] = 1, ceilMode = false, returnIndices = false): Tensor {
  return maxPoolNd('maxPool1d', 1, input, kernelSize, stride, padding, dilation, ceilMode, returnIndices) as Tensor;
}) as typeof maxPool2d;

// ---- average pooling -----------------------------------------------------------------------------------------
/** Per window: [h0, h1, w0, w1] clipped to the input and the divisor (PyTorch's avg_pool2d). */
function avgWindow(g: PoolGeom, oh: number, ow: number, w: Int32Array): number {
  let h0 = oh * g.sH - g.pH, w0 = ow * g.sW - g.pW;
  let h1 = Math.min(h0 + g.kH, g.H + g.pH), w1 = Math.min(w0 + g.kW, g.W + g.pW);
  const poolSize = (h1 - h0) * (w1 - w0);
  h0 = Math.max(h0, 0);
  w0 = Math.max(w0, 0);
  h1 = Math.min(h1, g.H);
  w1 = Math.min(w1, g.W);
  w[0] = h0;
  w[1] = h1;
  w[2] = w0;
  w[3] = w1;
  return g.divisor ?? (g.countIncludePad ? poolSize : (h1 - h0) * (w1 - w0));
}

/** avg pooling forward (backward: false) or its transpose (backward: true) from src into a fresh dst. */
function avgPoolKernel(src: Floats, dst: Floats, g: PoolGeom, backward: boolean): void {
  const { H, W, Ho, Wo } = g;
  const win = new Int32Array(4);
  for (let pl = 0; pl < g.planes; pl++) {
    const base = pl * H * W;
    for (let oh = 0, o = pl * Ho * Wo; oh < Ho; oh++) {
      for (let ow = 0; ow < Wo; ow++, o++) {
        const div = avgWindow(g, oh, ow, win);
        const [h0, h1, w0, w1] = win;
        if (h0 >= h1 || w0 >= w1) continue; // a window entirely in the padding: 0, as PyTorch
        if (backward) {
          const v = src[o] / div;
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) dst[base + ih * W + iw] += v;
        } else {
          let s = 0;
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) s += src[base + ih * W + iw];
          dst[o] = s / div;
        }
      }
    }
  }
}

/** Average pooling on the 2-D geometry: one AvgPool2DBackward0 node. */
export function avgPool2dApply(x: Tensor, g: PoolGeom): Tensor {
  const out = outData(x.dtype, g.planes * g.Ho * g.Wo) as Floats;
  avgPoolKernel(x._data as Floats, out, g, false);
  return record('nnAvgPool2d', [x], wrap(out, g.outShape.slice(), x.dtype), () => ({ geom: g, self: x }));
}

/**
 * AvgPool2DBackward0's formula: the grad spread over each window / divisor; one AvgPool2DBackwardBackward0 node
 * whose inputs are the grad and self (self's grad is zeros, as PyTorch's avg_pool2d_backward).
 */
export function avgPool2dBackward(grad: Tensor, self: Tensor, g: PoolGeom): Tensor {
  const dx = zeroed(grad.dtype, g.planes * g.H * g.W);
  avgPoolKernel(grad._data as Floats, dx, g, true);
  return record('nnAvgPool2dBackward', [grad, self], wrap(dx, g.inShape.slice(), grad.dtype), () => ({ geom: g, shape: self.shape }));
}

export interface AvgPoolOptions {
  kernelSize?: number | number[];
  stride?: number | number[] | null;
  padding?: number | number[];
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

function avgPoolNd(op: string, nd: number, input: Tensor, kernelSize: unknown, stride: unknown, padding: unknown, ceilMode: unknown, countIncludePad: unknown, divisorOverride: unknown): Tensor {
  const g = windowGeom(op, input, nd, kernelSize, stride, padding, 1, ceilMode);
  g.countIncludePad = bool(op, 'countIncludePad', countIncludePad, true);
  if (divisorOverride !== undefined && divisorOverride !== null) {
    if (typeof divisorOverride !== 'number' || !Number.isInteger(divisorOverride)) throw typeError(op, `divisorOverride must be an integer, got ${describe(divisorOverride)}`);
    if (divisorOverride === 0) throw rangeError(op, `divisor must be not zero (input of shape ${fmtShape(input.shape)})`);
    g.divisor = divisorOverride;
  }
  return nd === 2 ? avgPool2dApply(input, g) : squeeze(avgPool2dApply(unsqueeze(input, -2), g), -2);
}

/**
 * Average over windows of [N, C, H, W] or [C, H, W] input.
 *
 * Mean over kH x kW windows of [N, C, H, W] or [C, H, W] input; zero padding counts in the divisor unless
 * countIncludePad is false; divisorOverride replaces the divisor. One AvgPool2DBackward0 node.
 *
 * @see torch.nn.functional.avg_pool2d
 * @example
 * ```ts
 * const x = tg.tensor([[[[1, 2], [3, 4]]]])
 * tg.nn.functional.avgPool2d(x, 2) // tensor([[[[2.5000]]]])
 * ```
 */
export const avgPool2d = kw(signature('nn.functional.avgPool2d', 'input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride'), function avgPool2d(
  input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, ceilMode = false, countIncludePad = true, divisorOverride?: number | null): Tensor {
  return avgPoolNd('avgPool2d', 2, input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
}) as (input: Tensor, kernelSize: number | number[] | AvgPoolOptions, stride?: number | number[] | null | AvgPoolOptions, padding?: number | number[] | AvgPoolOptions,
  ceilMode?: boolean | AvgPoolOptions, countIncludePad?: boolean | AvgPoolOptions, divisorOverride?: number | null | AvgPoolOptions) => Tensor;

/**
 * Average over windows of the last dim.
 *
 * Mean over windows of the last dim of [N, C, L] or [C, L] input; see avgPool2d.
 *
 * @see torch.nn.functional.avg_pool1d
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 3, 2, 4]]])
 * tg.nn.functional.avgPool1d(x, 2) // tensor([[[2., 3.]]])
 * ```
 */
export const avgPool1d = kw(signature('nn.functional.avgPool1d', 'input, kernelSize, stride, padding, ceilMode, countIncludePad'), function avgPool1d(
  input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, ceilMode = false, countIncludePad = true): Tensor {
  return avgPoolNd('avgPool1d', 1, input, kernelSize, stride, padding, ceilMode, countIncludePad, null);
}) as (input: Tensor, kernelSize: number | number[] | AvgPoolOptions, stride?: number | number[] | null | AvgPoolOptions, padding?: number | number[] | AvgPoolOptions,
  ceilMode?: boolean | AvgPoolOptions, countIncludePad?: boolean | AvgPoolOptions) => Tensor;

// ---- adaptive pooling ----------------------------------------------------------------------------------------
/** Validates an adaptive pooling's input and outputSize (null keeps that dim's size) for nd spatial dims. */
function adaptiveGeom(op: string, input: Tensor, nd: number, outputSize: unknown): PoolGeom {
  checkInput(op, input, nd);
  const a = typeof outputSize === 'number' || outputSize === null ? [outputSize] : outputSize;
  const sp = input.shape.slice(input.ndim - nd);
  if (!Array.isArray(a) || (a.length !== 1 && a.length !== nd) || !a.every((e) => e === null || (typeof e === 'number' && Number.isInteger(e) && e >= 0)))
    throw typeError(op, `outputSize must be a non-negative integer or a list of ${nd} of them (or null), got ${describe(outputSize)}`);
  const o = sp.map((n, i) => ((a.length === nd ? a[i] : a[0]) as number | null) ?? n);
  const lead = input.shape.slice(0, input.ndim - nd);
  const [H, W] = nd === 1 ? [1, sp[0]] : sp, [Ho, Wo] = nd === 1 ? [1, o[0]] : o;
  return {
    inShape: nd === 1 ? [...lead, 1, W] : input.shape.slice(), outShape: [...lead, Ho, Wo], planes: lead.reduce((x, y) => x * y, 1),
    H, W, Ho, Wo, kH: 0, kW: 0, sH: 0, sW: 0, pH: 0, pW: 0, dH: 1, dW: 1, countIncludePad: true, divisor: null,
  };
}

const start = (o: number, O: number, I: number): number => Math.floor((o * I) / O);
const end = (o: number, O: number, I: number): number => Math.ceil(((o + 1) * I) / O);

/** adaptive average (mode 'avg'), its transpose ('avgBackward') or adaptive max ('max', with idx). */
function adaptiveKernel(src: Floats, dst: Floats, g: PoolGeom, mode: 'avg' | 'avgBackward' | 'max', idx?: Int32Array): void {
  const { H, W, Ho, Wo } = g;
  for (let pl = 0; pl < g.planes; pl++) {
    const base = pl * H * W;
    for (let oh = 0, o = pl * Ho * Wo; oh < Ho; oh++) {
      const h0 = start(oh, Ho, H), h1 = end(oh, Ho, H);
      for (let ow = 0; ow < Wo; ow++, o++) {
        const w0 = start(ow, Wo, W), w1 = end(ow, Wo, W);
        const n = (h1 - h0) * (w1 - w0);
        if (mode === 'avgBackward') {
          const v = src[o] / n;
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) dst[base + ih * W + iw] += v;
        } else if (mode === 'avg') {
          let s = 0;
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) s += src[base + ih * W + iw];
          dst[o] = s / n;
        } else {
          let mi = h0 * W + w0, mv = -Infinity;
          for (let ih = h0; ih < h1; ih++)
            for (let iw = w0; iw < w1; iw++) {
              const v = src[base + ih * W + iw];
              if (v > mv || v !== v) {
                mv = v;
                mi = ih * W + iw;
              }
            }
          dst[o] = mv;
          idx![o] = mi;
        }
      }
    }
  }
}

/** Adaptive average pooling on the 2-D geometry: one AdaptiveAvgPool2DBackward0 node. */
export function adaptiveAvgPool2dApply(x: Tensor, g: PoolGeom): Tensor {
  const out = outData(x.dtype, g.planes * g.Ho * g.Wo) as Floats;
  adaptiveKernel(x._data as Floats, out, g, 'avg');
  return record('nnAdaptiveAvgPool2d', [x], wrap(out, g.outShape.slice(), x.dtype), () => ({ geom: g, self: x }));
}

/** AdaptiveAvgPool2DBackward0's formula; one AdaptiveAvgPool2DBackwardBackward0 node (inputs grad and self). */
export function adaptiveAvgPool2dBackward(grad: Tensor, self: Tensor, g: PoolGeom): Tensor {
  const dx = zeroed(grad.dtype, g.planes * g.H * g.W);
  adaptiveKernel(grad._data as Floats, dx, g, 'avgBackward');
  return record('nnAdaptiveAvgPool2dBackward', [grad, self], wrap(dx, g.inShape.slice(), grad.dtype), () => ({ geom: g, shape: self.shape }));
}

function adaptiveAvgNd(op: string, nd: number, input: Tensor, outputSize: unknown): Tensor {
  const g = adaptiveGeom(op, input, nd, outputSize);
  const x = nd === 1 ? unsqueeze(input, -2) : input;
  // PyTorch's adaptive_avg_pool2d takes a mean when the output is 1 x 1 (MeanBackward1)
  const y = g.Ho === 1 && g.Wo === 1 ? mean(x, [-2, -1], true) : adaptiveAvgPool2dApply(x, g);
  return nd === 1 ? squeeze(y, -2) : y;
}

/**
 * Average over windows chosen to give `outputSize`.
 *
 * Average over outputSize adaptive windows (start floor(i H / Ho), end ceil((i + 1) H / Ho)) of [N, C, H, W] or
 * [C, H, W] input; a null size keeps the input's. One AdaptiveAvgPool2DBackward0 node (a mean for 1 x 1).
 *
 * @see torch.nn.functional.adaptive_avg_pool2d
 * @example
 * ```ts
 * const x = tg.tensor([[[[1, 2], [3, 4]]]])
 * tg.nn.functional.adaptiveAvgPool2d(x, 1) // tensor([[[[2.5000]]]])
 * ```
 */
export const adaptiveAvgPool2d = kw(signature('nn.functional.adaptiveAvgPool2d', 'input, outputSize'), function adaptiveAvgPool2d(
  input: Tensor, outputSize: number | (number | null)[]): Tensor {
  return adaptiveAvgNd('adaptiveAvgPool2d', 2, input, outputSize);
});

/**
 * Average over windows of the last dim chosen to give `outputSize`.
 *
 * Average over outputSize adaptive windows of the last dim of [N, C, L] or [C, L] input.
 *
 * @see torch.nn.functional.adaptive_avg_pool1d
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 3, 2, 4]]])
 * tg.nn.functional.adaptiveAvgPool1d(x, 2) // tensor([[[2., 3.]]])
 * ```
 */
export const adaptiveAvgPool1d = kw(signature('nn.functional.adaptiveAvgPool1d', 'input, outputSize'), function adaptiveAvgPool1d(
  input: Tensor, outputSize: number | number[]): Tensor {
  return adaptiveAvgNd('adaptiveAvgPool1d', 1, input, outputSize);
});

function adaptiveMaxNd(op: string, nd: number, input: Tensor, outputSize: unknown, returnIndices: unknown): Tensor | [Tensor, Tensor] {
  const g = adaptiveGeom(op, input, nd, outputSize);
  const ret = bool(op, 'returnIndices', returnIndices, false);
  const x = nd === 1 ? unsqueeze(input, -2) : input;
  const n = g.planes * g.Ho * g.Wo;
  const out = outData(x.dtype, n) as Floats, idx = new Int32Array(n);
  adaptiveKernel(x._data as Floats, out, g, 'max', idx);
  let values = wrap(out, g.outShape.slice(), x.dtype), indices = longFrom(idx, g.outShape.slice());
  record('nnAdaptiveMaxPool2d', [x], values, () => ({ shape: g.inShape, indices }));
  if (nd === 1) [values, indices] = [squeeze(values, -2), squeeze(indices, -2)];
  return ret ? [values, indices] : values;
}

/**
 * Max over windows chosen to give `outputSize`.
 *
 * Max over outputSize adaptive windows of [N, C, H, W] or [C, H, W] input; returnIndices: [values, int32 plane
 * indices]. One AdaptiveMaxPool2DBackward0 node.
 *
 * @see torch.nn.functional.adaptive_max_pool2d
 * @example
 * ```ts
 * const x = tg.tensor([[[[1, 2], [3, 4]]]])
 * tg.nn.functional.adaptiveMaxPool2d(x, 1) // tensor([[[[4.]]]])
 * ```
 */
export const adaptiveMaxPool2d = kw(signature('nn.functional.adaptiveMaxPool2d', 'input, outputSize, returnIndices'), function adaptiveMaxPool2d(
  input: Tensor, outputSize: number | (number | null)[], returnIndices = false): Tensor {
  return adaptiveMaxNd('adaptiveMaxPool2d', 2, input, outputSize, returnIndices) as Tensor;
}) as {
  (input: Tensor, outputSize: number | (number | null)[], returnIndices?: false | { returnIndices?: false }): Tensor;
  (input: Tensor, outputSize: number | (number | null)[], returnIndices: true | { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, options: { outputSize: number | (number | null)[]; returnIndices?: boolean }): Tensor | [Tensor, Tensor];
};

/**
 * Max over windows of the last dim chosen to give `outputSize`.
 *
 * Max over outputSize adaptive windows of the last dim of [N, C, L] or [C, L] input.
 *
 * @see torch.nn.functional.adaptive_max_pool1d
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 3, 2, 4]]])
 * tg.nn.functional.adaptiveMaxPool1d(x, 2) // tensor([[[3., 4.]]])
 * ```
 */
export const adaptiveMaxPool1d = kw(signature('nn.functional.adaptiveMaxPool1d', 'input, outputSize, returnIndices'), function adaptiveMaxPool1d(
  input: Tensor, outputSize: number | number[], returnIndices = false): Tensor {
  return adaptiveMaxNd('adaptiveMaxPool1d', 1, input, outputSize, returnIndices) as Tensor;
}) as typeof adaptiveMaxPool2d;

// ---- power-average and unpooling -----------------------------------------------------------------------------
function lpPoolNd(op: string, nd: number, input: Tensor, normType: unknown, kernelSize: unknown, stride: unknown, ceilMode: unknown): Tensor {
  // the whole window checked under this op's name before the avgPool that computes it
  windowGeom(op, input, nd, kernelSize, stride, 0, 1, ceilMode);
  if (typeof normType !== 'number') throw typeError(op, `normType must be a number, got ${describe(normType)}`);
  const k = ints(op, 'kernelSize', kernelSize, nd);
  const pooled = nd === 2 ? avgPool2d(E.pow(input, normType), k, stride as number[] | null, 0, ceilMode as boolean) : avgPool1d(E.pow(input, normType), k, stride as number[] | null, 0, ceilMode as boolean);
  // PyTorch's formula: (sign(out) * relu(|out|)) * (kernel elements), to the 1/p
  return E.pow(E.mul(E.mul(E.sign(pooled), E.relu(E.abs(pooled))), k.reduce((a, b) => a * b, 1)), 1 / normType);
}

/**
 * Power-average pooling: `(sum x^p)^(1/p)` over windows.
 *
 * Power-average pooling: (sum over each window of x^p)^(1/p), from avgPool2d as PyTorch's F.lp_pool2d.
 *
 * @see torch.nn.functional.lp_pool2d
 * @example
 * ```ts
 * const x = tg.tensor([[[[3, 4], [0, 0]]]])
 * tg.nn.functional.lpPool2d(x, 2, 2) // tensor([[[[5.]]]])
 * ```
 */
export const lpPool2d = kw(signature('nn.functional.lpPool2d', 'input, normType, kernelSize, stride, ceilMode'), function lpPool2d(
  input: Tensor, normType: number, kernelSize: number | number[], stride?: number | number[] | null, ceilMode = false): Tensor {
  return lpPoolNd('lpPool2d', 2, input, normType, kernelSize, stride, ceilMode);
});

/**
 * Power-average pooling over windows of the last dim.
 *
 * Power-average pooling over the last dim; see lpPool2d.
 *
 * @see torch.nn.functional.lp_pool1d
 * @example
 * ```ts
 * const x = tg.tensor([[[3, 4]]])
 * tg.nn.functional.lpPool1d(x, 2, 2) // tensor([[[5.]]])
 * ```
 */
export const lpPool1d = kw(signature('nn.functional.lpPool1d', 'input, normType, kernelSize, stride, ceilMode'), function lpPool1d(
  input: Tensor, normType: number, kernelSize: number | number[], stride?: number | number[] | null, ceilMode = false): Tensor {
  return lpPoolNd('lpPool1d', 1, input, normType, kernelSize, stride, ceilMode);
});

/**
 * Puts pooled maxima back at their indices (zeros elsewhere).
 *
 * The inverse of maxPool2d: each value of [N, C, H, W] (or [C, H, W]) input written at its int32 plane index
 * in zeros of the output size ((H - 1) stride - 2 padding + kernelSize, or outputSize's last two dims). One
 * MaxUnpool2DBackward0 node (its grad gathers at the indices).
 *
 * @see torch.nn.functional.max_unpool2d
 * @example
 * ```ts
 * const x = tg.tensor([[[[1, 2], [3, 4]]]])
 * const [y, i] = tg.nn.functional.maxPool2d(x, 2, { returnIndices: true })
 * tg.nn.functional.maxUnpool2d(y, i, 2)
 * // tensor([[[[0., 0.],
 * //           [0., 4.]]]])
 * ```
 */
export const maxUnpool2d = kw(signature('nn.functional.maxUnpool2d', 'input, indices, kernelSize, stride, padding, outputSize'), function maxUnpool2d(
  input: Tensor, indices: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, outputSize?: number[] | null): Tensor {
  const op = 'maxUnpool2d';
  checkInput(op, input, 2);
  checkTensor(op, indices, 'indices');
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') throw typeError(op, `expected indices to be an int64 or int32 tensor, got ${indices.dtype} (indices of shape ${fmtShape(indices.shape)})`);
  if (indices.shape.join() !== input.shape.join())
    throw rangeError(op, `Expected shape of indices to be same as that of the input tensor (${fmtShape(input.shape)}) but got indices tensor with shape: ${fmtShape(indices.shape)}`);
  const k = ints(op, 'kernelSize', kernelSize, 2);
  const s = stride === undefined || stride === null || (Array.isArray(stride) && stride.length === 0) ? k.slice() : ints(op, 'stride', stride, 2);
  const p = ints(op, 'padding', padding, 2);
  const nd = input.ndim, H = input.shape[nd - 2], W = input.shape[nd - 1];
  let size = [(H - 1) * s[0] - 2 * p[0] + k[0], (W - 1) * s[1] - 2 * p[1] + k[1]];
  if (outputSize !== undefined && outputSize !== null) {
    if (!Array.isArray(outputSize) || (outputSize.length !== 2 && outputSize.length !== nd))
      throw typeError(op, `outputSize must have 2 or ${nd} elements, got ${describe(outputSize)}`);
    size = outputSize.slice(-2);
  }
  const lead = input.shape.slice(0, nd - 2), planes = lead.reduce((a, b) => a * b, 1), HW = size[0] * size[1];
  const out = zeroed(input.dtype, planes * HW);
  const xs = input._data as Floats, is = indexInts(op, indices, 'indices'), m = H * W;
  for (let pl = 0, o = 0; pl < planes; pl++)
    for (let j = 0; j < m; j++, o++) {
      const i = is[o];
      if (i < 0 || i >= HW) throw rangeError(op, `Found an invalid max index: ${i} (output volumes are of size ${size[0]}x${size[1]}; input of shape ${fmtShape(input.shape)})`);
      out[pl * HW + i] = xs[o];
    }
  const y = wrap(out, [...lead, size[0], size[1]], input.dtype);
  return record('nnMaxUnpool2d', [input], y, () => ({ indices, planes }));
});

/** MaxUnpool2DBackward0's formula: the grad at the indices (a gather, so double backward works). */
export function maxUnpoolBackward(g: Tensor, indices: Tensor, planes: number): Tensor {
  const nd = g.ndim, HW = g.shape[nd - 2] * g.shape[nd - 1];
  const m = indices.numel() / Math.max(planes, 1);
  return reshape(gather(reshape(g, [planes, HW]), 1, reshape(indices, [planes, m])), indices.shape);
}
