// Volumetric pooling, PyTorch 1.13's F.max_pool3d, avg_pool3d, adaptive_avg_pool3d, adaptive_max_pool3d and
// max_unpool3d, plus max_unpool1d (PyTorch's own composite over max_unpool2d). Each 3-D op is one node with
// PyTorch's name (rows in lib/autograd/derivatives_pooling3d.ts).
//
// Note [Volume planes]: as Note [Pooling planes] one dim up: the input is planes of D x H x W values
// ([N, C, D, H, W] or [C, D, H, W]) looped over on the contiguous values in JS. Max indices are int64 offsets
// into one unpadded volume ((d * H + h) * W + w), as PyTorch's; a window's max is its first maximum and a NaN
// wins, as `val > max || isnan(val)`.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { longFrom, indexInts } from './int64.js';
import { wrap, zeros } from './creation.js';
import { mean } from './reduce.js';
import { reshape, squeeze, unsqueeze } from './shape.js';
import { scatterAdd } from './scatter.js';
import { gather } from './gather.js';
import { ints, bool, checkInput, outSize, maxUnpool2d } from './pooling.js';

type Floats = Float32Array | Float64Array;
const prod = (a: number[]): number => a.reduce((x, y) => x * y, 1);

/** The geometry of a 3-D pooling (Note [Volume planes]); sizes are [D, H, W] triples. */
export interface Pool3Geom {
  inShape: number[];
  outShape: number[];
  planes: number;
  I: number[];
  O: number[];
  k: number[];
  s: number[];
  p: number[];
  d: number[];
  countIncludePad: boolean;
  divisor: number | null;
}

function windowGeom3(op: string, input: Tensor, kernelSize: unknown, stride: unknown, padding: unknown, dilation: unknown, ceilMode: unknown): Pool3Geom {
  checkInput(op, input, 3);
  const k = ints(op, 'kernelSize', kernelSize, 3);
  const noStride = stride === undefined || stride === null || (Array.isArray(stride) && stride.length === 0);
  const s = noStride ? k.slice() : ints(op, 'stride', stride, 3);
  const p = ints(op, 'padding', padding ?? 0, 3);
  const d = ints(op, 'dilation', dilation ?? 1, 3);
  const ceil = bool(op, 'ceilMode', ceilMode, false);
  const shp = fmtShape(input.shape);
  if (k.some((v) => v <= 0)) throw rangeError(op, `kernel size should be greater than zero, but got kernelSize=${fmtShape(k)} (input of shape ${shp})`);
  if (s.some((v) => v <= 0)) throw rangeError(op, `stride should be greater than zero, but got stride=${fmtShape(s)} (input of shape ${shp})`);
  if (d.some((v) => v <= 0)) throw rangeError(op, `dilation should be greater than zero, but got dilation=${fmtShape(d)} (input of shape ${shp})`);
  for (let i = 0; i < 3; i++)
    if (p[i] < 0 || p[i] > k[i] / 2)
      throw rangeError(op, `pad should be at most half of kernel size, but got pad=${p[i]} and kernel_size=${k[i]} (input of shape ${shp})`);
  const I = input.shape.slice(input.ndim - 3);
  const O = I.map((n, i) => outSize(n, k[i], p[i], s[i], d[i], ceil));
  if (O.some((v) => v < 1)) {
    const c = input.shape[input.ndim - 4];
    throw rangeError(op, `Given input size: (${[c, ...I].join('x')}). Calculated output size: (${[c, ...O].join('x')}). Output size is too small (input of shape ${shp}, kernelSize=${fmtShape(k)}, padding=${fmtShape(p)})`);
  }
  const lead = input.shape.slice(0, input.ndim - 3);
  return { inShape: input.shape.slice(), outShape: [...lead, ...O], planes: prod(lead), I, O, k, s, p, d, countIncludePad: true, divisor: null };
}

/** The grad of a max pooling over volumes: g added into zeros of `shape` at the saved volume indices (a scatterAdd, so double backward works). */
export function volumeScatterBackward(g: Tensor, indices: Tensor, shape: number[]): Tensor {
  const planes = prod(shape.slice(0, shape.length - 3)), n = prod(shape.slice(-3));
  const m = indices.numel() / Math.max(planes, 1);
  return reshape(scatterAdd(zeros([planes, n], { dtype: g.dtype }), 1, reshape(indices, [planes, m]), reshape(g, [planes, m])), shape);
}

// ---- max pooling ------------------------------------------------------------------------------------------------
function maxPool3dKernel(x: Floats, g: Pool3Geom, out: Floats, idx: Int32Array): void {
  const [D, H, W] = g.I, [Do, Ho, Wo] = g.O, [kD, kH, kW] = g.k, [sD, sH, sW] = g.s, [pD, pH, pW] = g.p, [dD, dH, dW] = g.d;
  let o = 0;
  for (let pl = 0; pl < g.planes; pl++) {
    const base = pl * D * H * W;
    for (let od = 0; od < Do; od++)
      for (let oh = 0; oh < Ho; oh++)
        for (let ow = 0; ow < Wo; ow++, o++) {
          let t0 = od * sD - pD, h0 = oh * sH - pH, w0 = ow * sW - pW;
          const t1 = Math.min(t0 + (kD - 1) * dD + 1, D), h1 = Math.min(h0 + (kH - 1) * dH + 1, H), w1 = Math.min(w0 + (kW - 1) * dW + 1, W);
          while (t0 < 0) t0 += dD;
          while (h0 < 0) h0 += dH;
          while (w0 < 0) w0 += dW;
          let mi = (t0 * H + h0) * W + w0, mv = -Infinity;
          for (let t = t0; t < t1; t += dD)
            for (let h = h0; h < h1; h += dH)
              for (let w = w0; w < w1; w += dW) {
                const j = (t * H + h) * W + w, v = x[base + j];
                if (v > mv || v !== v) {
                  mv = v;
                  mi = j;
                }
              }
          out[o] = mv;
          idx[o] = mi;
        }
  }
}

export interface MaxPool3dOptions {
  kernelSize?: number | number[];
  stride?: number | number[] | null;
  padding?: number | number[];
  dilation?: number | number[];
  ceilMode?: boolean;
  returnIndices?: boolean;
}

/**
 * Max over kD x kH x kW windows of [N, C, D, H, W] or [C, D, H, W] input.
 *
 * Stride defaults to kernelSize; implicit -inf padding; dilation spreads the window; ceilMode rounds the output
 * size up. returnIndices: [values, int64 indices into each D x H x W volume]. One MaxPool3DWithIndicesBackward0 node.
 *
 * @see torch.nn.functional.max_pool3d
 * @example
 * ```ts
 * const x = tg.arange(8).reshape(1, 1, 2, 2, 2)
 * tg.nn.functional.maxPool3d(x, 2) // tensor([[[[[7.]]]]])
 * ```
 */
export const maxPool3d = kw(signature('nn.functional.maxPool3d', 'input, kernelSize, stride, padding, dilation, ceilMode, returnIndices'), function maxPool3d(
  input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, dilation: number | number[] = 1, ceilMode = false, returnIndices = false): Tensor {
  const g = windowGeom3('maxPool3d', input, kernelSize, stride, padding, dilation, ceilMode);
  const ret = bool('maxPool3d', 'returnIndices', returnIndices, false);
  const n = g.planes * prod(g.O);
  const out = outData(input.dtype, n) as Floats, idx = new Int32Array(n);
  maxPool3dKernel(input._data as Floats, g, out, idx);
  const values = wrap(out, g.outShape.slice(), input.dtype), indices = longFrom(idx, g.outShape.slice());
  record('nnMaxPool3d', [input], values, () => ({ shape: g.inShape, indices }));
  return (ret ? [values, indices] : values) as Tensor;
}) as {
  (input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding?: number | number[], dilation?: number | number[], ceilMode?: boolean, returnIndices?: false): Tensor;
  (input: Tensor, kernelSize: number | number[], stride: number | number[] | null | undefined, padding: number | number[] | undefined, dilation: number | number[] | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
  (input: Tensor, kernelSize: number | number[], options: MaxPool3dOptions & { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, kernelSize: number | number[], options?: MaxPool3dOptions): Tensor;
  (input: Tensor, options: MaxPool3dOptions & { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, options: MaxPool3dOptions): Tensor;
};

// ---- average pooling --------------------------------------------------------------------------------------------
/** avg pooling forward (backward: false) or its transpose (backward: true) from src into dst (zeroed for backward). */
function avgPool3dKernel(src: Floats, dst: Floats, g: Pool3Geom, backward: boolean): void {
  const [D, H, W] = g.I, [Do, Ho, Wo] = g.O, [kD, kH, kW] = g.k, [sD, sH, sW] = g.s, [pD, pH, pW] = g.p;
  let o = 0;
  for (let pl = 0; pl < g.planes; pl++) {
    const base = pl * D * H * W;
    for (let od = 0; od < Do; od++)
      for (let oh = 0; oh < Ho; oh++)
        for (let ow = 0; ow < Wo; ow++, o++) {
          let t0 = od * sD - pD, h0 = oh * sH - pH, w0 = ow * sW - pW;
          let t1 = Math.min(t0 + kD, D + pD), h1 = Math.min(h0 + kH, H + pH), w1 = Math.min(w0 + kW, W + pW);
          const poolSize = (t1 - t0) * (h1 - h0) * (w1 - w0);
          t0 = Math.max(t0, 0), h0 = Math.max(h0, 0), w0 = Math.max(w0, 0);
          t1 = Math.min(t1, D), h1 = Math.min(h1, H), w1 = Math.min(w1, W);
          if (t0 >= t1 || h0 >= h1 || w0 >= w1) {
            if (!backward) dst[o] = 0; // a window entirely in the padding: 0, as PyTorch
            continue;
          }
          const div = g.divisor ?? (g.countIncludePad ? poolSize : (t1 - t0) * (h1 - h0) * (w1 - w0));
          if (backward) {
            const v = src[o] / div;
            for (let t = t0; t < t1; t++) for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) dst[base + (t * H + h) * W + w] += v;
          } else {
            let acc = 0;
            for (let t = t0; t < t1; t++) for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) acc += src[base + (t * H + h) * W + w];
            dst[o] = acc / div;
          }
        }
  }
}

/** Average pooling on a 3-D geometry: one AvgPool3DBackward0 node. */
export function avgPool3dApply(x: Tensor, g: Pool3Geom): Tensor {
  const out = outData(x.dtype, g.planes * prod(g.O)) as Floats;
  avgPool3dKernel(x._data as Floats, out, g, false);
  return record('nnAvgPool3d', [x], wrap(out, g.outShape.slice(), x.dtype), () => ({ geom: g, self: x }));
}

/** AvgPool3DBackward0's formula; one AvgPool3DBackwardBackward0 node (inputs grad and self; self's grad is zeros). */
export function avgPool3dBackward(grad: Tensor, self: Tensor, g: Pool3Geom): Tensor {
  const dx = (outData(grad.dtype, g.planes * prod(g.I)) as Floats).fill(0);
  avgPool3dKernel(grad._data as Floats, dx, g, true);
  return record('nnAvgPool3dBackward', [grad, self], wrap(dx, g.inShape.slice(), grad.dtype), () => ({ geom: g, shape: self.shape }));
}

export interface AvgPool3dOptions {
  kernelSize?: number | number[];
  stride?: number | number[] | null;
  padding?: number | number[];
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

/**
 * Average over kD x kH x kW windows of [N, C, D, H, W] or [C, D, H, W] input.
 *
 * Zero padding counts in the divisor unless countIncludePad is false; divisorOverride replaces the divisor.
 * One AvgPool3DBackward0 node.
 *
 * @see torch.nn.functional.avg_pool3d
 * @example
 * ```ts
 * const x = tg.arange(8).reshape(1, 1, 2, 2, 2)
 * tg.nn.functional.avgPool3d(x, 2) // tensor([[[[[3.5000]]]]])
 * ```
 */
export const avgPool3d = kw(signature('nn.functional.avgPool3d', 'input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride'), function avgPool3d(
  input: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, ceilMode = false, countIncludePad = true, divisorOverride?: number | null): Tensor {
  const op = 'avgPool3d';
  const g = windowGeom3(op, input, kernelSize, stride, padding, 1, ceilMode);
  g.countIncludePad = bool(op, 'countIncludePad', countIncludePad, true);
  if (divisorOverride !== undefined && divisorOverride !== null) {
    if (typeof divisorOverride !== 'number' || !Number.isInteger(divisorOverride)) throw typeError(op, `divisorOverride must be an integer, got ${describe(divisorOverride)}`);
    if (divisorOverride === 0) throw rangeError(op, `divisor must be not zero (input of shape ${fmtShape(input.shape)})`);
    g.divisor = divisorOverride;
  }
  return avgPool3dApply(input, g);
}) as (input: Tensor, kernelSize: number | number[] | AvgPool3dOptions, stride?: number | number[] | null | AvgPool3dOptions, padding?: number | number[] | AvgPool3dOptions,
  ceilMode?: boolean | AvgPool3dOptions, countIncludePad?: boolean | AvgPool3dOptions, divisorOverride?: number | null | AvgPool3dOptions) => Tensor;

// ---- adaptive pooling -------------------------------------------------------------------------------------------
function adaptiveGeom3(op: string, input: Tensor, outputSize: unknown): Pool3Geom {
  checkInput(op, input, 3);
  const a = typeof outputSize === 'number' || outputSize === null ? [outputSize] : outputSize;
  if (!Array.isArray(a) || (a.length !== 1 && a.length !== 3) || !a.every((e) => e === null || (typeof e === 'number' && Number.isInteger(e) && e >= 0)))
    throw typeError(op, `outputSize must be a non-negative integer or a list of 3 of them (or null), got ${describe(outputSize)}`);
  const I = input.shape.slice(input.ndim - 3);
  const O = I.map((n, i) => ((a.length === 3 ? a[i] : a[0]) as number | null) ?? n);
  const lead = input.shape.slice(0, input.ndim - 3);
  return { inShape: input.shape.slice(), outShape: [...lead, ...O], planes: prod(lead), I, O, k: [0, 0, 0], s: [0, 0, 0], p: [0, 0, 0], d: [1, 1, 1], countIncludePad: true, divisor: null };
}

const start = (o: number, O: number, I: number): number => Math.floor((o * I) / O);
const end = (o: number, O: number, I: number): number => Math.ceil(((o + 1) * I) / O);

/** adaptive average ('avg'), its transpose ('avgBackward', dst zeroed) or adaptive max ('max', with idx). */
function adaptive3dKernel(src: Floats, dst: Floats, g: Pool3Geom, mode: 'avg' | 'avgBackward' | 'max', idx?: Int32Array): void {
  const [D, H, W] = g.I, [Do, Ho, Wo] = g.O;
  let o = 0;
  for (let pl = 0; pl < g.planes; pl++) {
    const base = pl * D * H * W;
    for (let od = 0; od < Do; od++) {
      const t0 = start(od, Do, D), t1 = end(od, Do, D);
      for (let oh = 0; oh < Ho; oh++) {
        const h0 = start(oh, Ho, H), h1 = end(oh, Ho, H);
        for (let ow = 0; ow < Wo; ow++, o++) {
          const w0 = start(ow, Wo, W), w1 = end(ow, Wo, W);
          const n = (t1 - t0) * (h1 - h0) * (w1 - w0);
          if (mode === 'avgBackward') {
            const v = src[o] / n;
            for (let t = t0; t < t1; t++) for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) dst[base + (t * H + h) * W + w] += v;
          } else if (mode === 'avg') {
            let acc = 0;
            for (let t = t0; t < t1; t++) for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) acc += src[base + (t * H + h) * W + w];
            dst[o] = acc / n;
          } else {
            let mi = (t0 * H + h0) * W + w0, mv = -Infinity;
            for (let t = t0; t < t1; t++)
              for (let h = h0; h < h1; h++)
                for (let w = w0; w < w1; w++) {
                  const j = (t * H + h) * W + w, v = src[base + j];
                  if (v > mv || v !== v) {
                    mv = v;
                    mi = j;
                  }
                }
            dst[o] = mv;
            idx![o] = mi;
          }
        }
      }
    }
  }
}

/** Adaptive average pooling on a 3-D geometry: one AdaptiveAvgPool3DBackward0 node. */
export function adaptiveAvgPool3dApply(x: Tensor, g: Pool3Geom): Tensor {
  const out = outData(x.dtype, g.planes * prod(g.O)) as Floats;
  adaptive3dKernel(x._data as Floats, out, g, 'avg');
  return record('nnAdaptiveAvgPool3d', [x], wrap(out, g.outShape.slice(), x.dtype), () => ({ geom: g, self: x }));
}

/** AdaptiveAvgPool3DBackward0's formula; one AdaptiveAvgPool3DBackwardBackward0 node (inputs grad and self). */
export function adaptiveAvgPool3dBackward(grad: Tensor, self: Tensor, g: Pool3Geom): Tensor {
  const dx = (outData(grad.dtype, g.planes * prod(g.I)) as Floats).fill(0);
  adaptive3dKernel(grad._data as Floats, dx, g, 'avgBackward');
  return record('nnAdaptiveAvgPool3dBackward', [grad, self], wrap(dx, g.inShape.slice(), grad.dtype), () => ({ geom: g, shape: self.shape }));
}

/**
 * Average over windows chosen to give `outputSize` ([N, C, D, H, W] or [C, D, H, W] input).
 *
 * Window i of a dim spans floor(i D / Do) to ceil((i + 1) D / Do); a null size keeps the input's. One
 * AdaptiveAvgPool3DBackward0 node (a mean, MeanBackward1, for a 1 x 1 x 1 output, as PyTorch).
 *
 * @see torch.nn.functional.adaptive_avg_pool3d
 * @example
 * ```ts
 * const x = tg.arange(8).reshape(1, 1, 2, 2, 2)
 * tg.nn.functional.adaptiveAvgPool3d(x, 1) // tensor([[[[[3.5000]]]]])
 * ```
 */
export const adaptiveAvgPool3d = kw(signature('nn.functional.adaptiveAvgPool3d', 'input, outputSize'), function adaptiveAvgPool3d(
  input: Tensor, outputSize: number | (number | null)[]): Tensor {
  const g = adaptiveGeom3('adaptiveAvgPool3d', input, outputSize);
  return g.O.every((v) => v === 1) ? mean(input, [-3, -2, -1], true) : adaptiveAvgPool3dApply(input, g);
});

/**
 * Max over windows chosen to give `outputSize` ([N, C, D, H, W] or [C, D, H, W] input).
 *
 * returnIndices: [values, int64 volume indices]. One AdaptiveMaxPool3DBackward0 node.
 *
 * @see torch.nn.functional.adaptive_max_pool3d
 * @example
 * ```ts
 * const x = tg.arange(8).reshape(1, 1, 2, 2, 2)
 * tg.nn.functional.adaptiveMaxPool3d(x, 1) // tensor([[[[[7.]]]]])
 * ```
 */
export const adaptiveMaxPool3d = kw(signature('nn.functional.adaptiveMaxPool3d', 'input, outputSize, returnIndices'), function adaptiveMaxPool3d(
  input: Tensor, outputSize: number | (number | null)[], returnIndices = false): Tensor {
  const g = adaptiveGeom3('adaptiveMaxPool3d', input, outputSize);
  const ret = bool('adaptiveMaxPool3d', 'returnIndices', returnIndices, false);
  const n = g.planes * prod(g.O);
  const out = outData(input.dtype, n) as Floats, idx = new Int32Array(n);
  adaptive3dKernel(input._data as Floats, out, g, 'max', idx);
  const values = wrap(out, g.outShape.slice(), input.dtype), indices = longFrom(idx, g.outShape.slice());
  record('nnAdaptiveMaxPool3d', [input], values, () => ({ shape: g.inShape, indices }));
  return (ret ? [values, indices] : values) as Tensor;
}) as {
  (input: Tensor, outputSize: number | (number | null)[], returnIndices?: false | { returnIndices?: false }): Tensor;
  (input: Tensor, outputSize: number | (number | null)[], returnIndices: true | { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, options: { outputSize: number | (number | null)[]; returnIndices?: boolean }): Tensor | [Tensor, Tensor];
};

// ---- unpooling --------------------------------------------------------------------------------------------------
/**
 * Puts 3-D pooled maxima back at their indices (zeros elsewhere).
 *
 * The inverse of maxPool3d: each value of [N, C, D, H, W] (or [C, D, H, W]) input written at its volume index
 * in zeros of the output size ((D - 1) stride - 2 padding + kernelSize per dim, or outputSize's last three).
 * One MaxUnpool3DBackward0 node (its grad gathers at the indices).
 *
 * @see torch.nn.functional.max_unpool3d
 * @example
 * ```ts
 * const x = tg.arange(8).reshape(1, 1, 2, 2, 2)
 * const [y, i] = tg.nn.functional.maxPool3d(x, 2, { returnIndices: true })
 * tg.nn.functional.maxUnpool3d(y, i, 2).sum() // tensor(7.)
 * ```
 */
export const maxUnpool3d = kw(signature('nn.functional.maxUnpool3d', 'input, indices, kernelSize, stride, padding, outputSize'), function maxUnpool3d(
  input: Tensor, indices: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, outputSize?: number[] | null): Tensor {
  const op = 'maxUnpool3d';
  checkInput(op, input, 3);
  checkTensor(op, indices, 'indices');
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') throw typeError(op, `expected indices to be an int64 or int32 tensor, got ${indices.dtype} (indices of shape ${fmtShape(indices.shape)})`);
  if (indices.shape.join() !== input.shape.join())
    throw rangeError(op, `Expected shape of indices to be same as that of the input tensor (${fmtShape(input.shape)}) but got indices tensor with shape: ${fmtShape(indices.shape)}`);
  const k = ints(op, 'kernelSize', kernelSize, 3);
  const s = stride === undefined || stride === null || (Array.isArray(stride) && stride.length === 0) ? k.slice() : ints(op, 'stride', stride, 3);
  const p = ints(op, 'padding', padding, 3);
  const nd = input.ndim, I = input.shape.slice(nd - 3);
  let size = I.map((n, i) => (n - 1) * s[i] - 2 * p[i] + k[i]);
  if (outputSize !== undefined && outputSize !== null) {
    if (!Array.isArray(outputSize) || (outputSize.length !== 3 && outputSize.length !== nd))
      throw typeError(op, `outputSize must have 3 or ${nd} elements, got ${describe(outputSize)}`);
    size = outputSize.slice(-3);
  }
  const lead = input.shape.slice(0, nd - 3), planes = prod(lead), n = prod(size);
  const out = (outData(input.dtype, planes * n) as Floats).fill(0);
  const xs = input._data as Floats, is = indexInts(op, indices, 'indices'), m = prod(I);
  for (let pl = 0, o = 0; pl < planes; pl++)
    for (let j = 0; j < m; j++, o++) {
      const i = is[o];
      if (i < 0 || i >= n) throw rangeError(op, `Found an invalid max index: ${i} (output volumes are of size ${size.join('x')}; input of shape ${fmtShape(input.shape)})`);
      out[pl * n + i] = xs[o];
    }
  return record('nnMaxUnpool3d', [input], wrap(out, [...lead, ...size], input.dtype), () => ({ indices, planes }));
});

/** MaxUnpool3DBackward0's formula: the grad at the indices (a gather, so double backward works). */
export function maxUnpool3dBackward(g: Tensor, indices: Tensor, planes: number): Tensor {
  const n = prod(g.shape.slice(-3)), m = indices.numel() / Math.max(planes, 1);
  return reshape(gather(reshape(g, [planes, n]), 1, reshape(indices, [planes, m])), indices.shape);
}

/**
 * Puts 1-D pooled maxima back at their indices (zeros elsewhere).
 *
 * The inverse of maxPool1d on [N, C, L] or [C, L] input: PyTorch's composite, maxUnpool2d on a trailing unit
 * dim (SqueezeBackward1 over MaxUnpool2DBackward0). Output length (L - 1) stride - 2 padding + kernelSize, or
 * outputSize's last.
 *
 * @see torch.nn.functional.max_unpool1d
 * @example
 * ```ts
 * const [y, i] = tg.nn.functional.maxPool1d(tg.tensor([[[1, 3, 2, 4]]]), 2, { returnIndices: true })
 * tg.nn.functional.maxUnpool1d(y, i, 2) // tensor([[[0., 3., 0., 4.]]])
 * ```
 */
export const maxUnpool1d = kw(signature('nn.functional.maxUnpool1d', 'input, indices, kernelSize, stride, padding, outputSize'), function maxUnpool1d(
  input: Tensor, indices: Tensor, kernelSize: number | number[], stride?: number | number[] | null, padding: number | number[] = 0, outputSize?: number[] | null): Tensor {
  const op = 'maxUnpool1d';
  checkInput(op, input, 1);
  checkTensor(op, indices, 'indices');
  const k = ints(op, 'kernelSize', kernelSize, 1);
  const s = stride === undefined || stride === null || (Array.isArray(stride) && stride.length === 0) ? k.slice() : ints(op, 'stride', stride, 1);
  const p = ints(op, 'padding', padding, 1);
  let size: number[] | null = null;
  if (outputSize !== undefined && outputSize !== null) {
    if (!Array.isArray(outputSize) || (outputSize.length !== 1 && outputSize.length !== input.ndim))
      throw typeError(op, `outputSize must have 1 or ${input.ndim} elements, got ${describe(outputSize)}`);
    size = [outputSize[outputSize.length - 1], 1];
  }
  if (indices.shape.join() !== input.shape.join())
    throw rangeError(op, `Expected shape of indices to be same as that of the input tensor (${fmtShape(input.shape)}) but got indices tensor with shape: ${fmtShape(indices.shape)}`);
  const L = size?.[0] ?? (input.shape[input.ndim - 1] - 1) * s[0] - 2 * p[0] + k[0];
  for (const i of indexInts(op, indices, 'indices'))
    if (i < 0 || i >= L) throw rangeError(op, `Found an invalid max index: ${i} (output length is ${L}; input of shape ${fmtShape(input.shape)})`);
  return squeeze(maxUnpool2d(unsqueeze(input, -1), unsqueeze(indices, -1), [k[0], 1], [s[0], 1], [p[0], 0], size), -1);
});
