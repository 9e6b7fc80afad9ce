// Normalization over the trailing dims: layerNorm (PyTorch 1.13's F.layer_norm, one NativeLayerNormBackward0
// node: row nnLayerNorm in lib/autograd/derivatives.ts) and rmsNorm (tensorgrad-only: PyTorch 1.13 has no
// rms_norm; the signature is 2.4's F.rms_norm). layerNorm's forward and its fused backward are native kernels
// (native/cpu/norm_kernels.cc); its composite backward (layerNormBackward) serves double backward.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, noGrad, gradMode, fwState } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { native, type Storage } from '../native.js';
import * as E from './elementwise.js';
import { sum, mean } from './reduce.js';
import { wrap } from './creation.js';
import { asStrided } from './shape.js';

/** normalizedShape as a list of sizes (a number is one trailing dim). */
function shapeArg(op: string, normalizedShape: unknown): number[] {
  const s = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
  if (!Array.isArray(s) || !s.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0))
    throw typeError(op, `normalizedShape must be an integer or a list of integers, got ${describe(normalizedShape)}`);
  return s as number[];
}

/** The trailing dims of input must be normalizedShape; weight and bias (when given) must have that shape. */
function checkNormArgs(op: string, input: Tensor, shape: number[], weight: Tensor | null, bias: Tensor | null, eps: unknown): void {
  checkTensor(op, input, 'input');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype}`);
  const k = shape.length, nd = input.ndim;
  if (k === 0 || nd < k || input.shape.slice(nd - k).some((v, i) => v !== shape[i]))
    throw rangeError(op, `Given normalized_shape=${fmtShape(shape)}, expected input with shape [*, ${shape.join(', ')}], but got input of size ${fmtShape(input.shape)}`);
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t === null) continue;
    checkTensor(op, t, name);
    if (t.shape.length !== k || t.shape.some((v, i) => v !== shape[i]))
      throw rangeError(op, `expected ${name} of shape ${fmtShape(shape)} (normalized_shape), got ${fmtShape(t.shape)}`);
    if (t.dtype !== input.dtype) throw typeError(op, `expected ${name} to have the input's dtype ${input.dtype}, got ${t.dtype}`);
  }
  if (typeof eps !== 'number') throw typeError(op, `eps must be a number, got ${describe(eps)}`);
}

const trailing = (ndim: number, k: number): number[] => Array.from({ length: k }, (_, i) => ndim - k + i);
const leading = (ndim: number, k: number): number[] => Array.from({ length: ndim - k }, (_, i) => i);

/** (x - mean) * rstd over the last k dims, from differentiable ops (the backward formulas reuse it). */
export function normalized(x: Tensor, k: number, eps: number): [Tensor, Tensor] {
  const dims = trailing(x.ndim, k);
  const xc = E.sub(x, mean(x, dims, true));
  const rstd = E.rsqrt(E.add(mean(E.mul(xc, xc), dims, true), eps));
  return [E.mul(xc, rstd), rstd];
}

/**
 * Normalizes over the trailing `normalizedShape` dims (optional affine weight and bias).
 *
 * Normalizes input over its trailing dims normalizedShape (biased variance, eps inside the square root), then
 * scales by weight and shifts by bias (both shaped normalizedShape, optional). One NativeLayerNormBackward0
 * node, as PyTorch.
 *
 * @see torch.nn.functional.layer_norm
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2, 3]])
 * tg.nn.functional.layerNorm(x, [3]) // tensor([[-1.2247,  0.0000,  1.2247]])
 * ```
 */
export const layerNorm = kw(signature('nn.functional.layerNorm', 'input, normalizedShape, weight, bias, eps'), function layerNorm(
  input: Tensor, normalizedShape: number | number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const shape = shapeArg('layerNorm', normalizedShape);
  const w = weight ?? null, b = bias ?? null;
  checkNormArgs('layerNorm', input, shape, w, b, eps);
  const k = shape.length;
  const recording = (gradMode.enabled && (input.requiresGrad || !!w?.requiresGrad || !!b?.requiresGrad)) || fwState.active;
  const [out, stats] = layerNormRows(input, k, w, b, eps, recording);
  return record('nnLayerNorm', [input, w, b], out, () => ({ self: input, weight: w, k, eps, stats }));
});

/**
 * The forward value in one native pass (norm_kernels.cc, Note [layer_norm rows]): per row of the normalized
 * dims, mean, then the biased variance of x - mean, and y = (x - mean) rstd w + b. (PyTorch's CPU kernel
 * computes x * (rstd w) + (b - mean rstd w), which cancels for rows far from zero mean.)
 */
function layerNormRows(x: Tensor, k: number, w: Tensor | null, b: Tensor | null, eps: number, saveStats: boolean): [Tensor, Storage | null] {
  const n = x.shape.slice(x.ndim - k).reduce((a, c) => a * c, 1);
  if (n === 0 || x.numel() === 0) return [wrap(outData(x.dtype, x.numel()), x.shape.slice(), x.dtype), null];
  // Note [layer_norm saved stats] (norm_kernels.cc): each row's mean and rstd, for the fused backward
  const stats = saveStats ? outData(x.dtype, 2 * (x.numel() / n)) : null;
  const y = native.layerNorm(x._data, n, w === null ? null : w._data, b === null ? null : b._data, eps, stats);
  return [wrap(y, x.shape.slice(), x.dtype), stats];
}

/**
 * layerNormBackward without a graph (NativeLayerNormBackward0's fused path), one native pass: per row, xhat and
 * rstd as in the forward, dx = rstd (g w - mean(g w) - xhat mean(g w xhat)); dweight = sum(g xhat) and
 * dbias = sum(g) over the rows, each column summed in row order.
 */
export function layerNormBackwardRows(g: Tensor, s: LayerNormSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const x = s.self, k = s.k;
  const shape = x.shape.slice(x.ndim - k);
  const n = shape.reduce((a, c) => a * c, 1);
  const total = x.numel(), dt = x.dtype;
  const dx = needs[0] ? outData(dt, total) : null;
  const dw = needs[1] ? outData(dt, n) : null, db = needs[2] ? outData(dt, n) : null;
  // NOTE: outData is not zeroed: an empty batch's dweight and dbias (sums over no rows) are filled here.
  if (total === 0) for (const a of [dw, db]) (a as Float64Array | null)?.fill(0);
  else if (n > 0) native.layerNormBackward(gradRows(g, k), x._data, n, s.weight === null ? null : s.weight._data, s.eps, dx, dw, db, s.stats ?? null);
  const asTensor = (a: Storage | null, sh: number[]): Tensor | null => (a === null ? null : wrap(a, sh, dt));
  return [asTensor(dx, x.shape.slice()), asTensor(dw, shape.slice()), asTensor(db, shape.slice())];
}

/**
 * g's values for the fused backward: all of them, or a single row when every leading dim is broadcast (stride 0,
 * as sum()'s expanded grad), which the kernel reads for every row instead of a gathered copy of the whole grad
 * (Note [layer_norm backward blocks], norm_kernels.cc).
 */
function gradRows(g: Tensor, k: number): Storage {
  const lead = g.ndim - k, st = g.stride();
  if (g.isContiguous() || lead === 0 || !st.slice(0, lead).every((v, i) => v === 0 || g.shape[i] === 1)) return g._data;
  return noGrad(() => asStrided(g, g.shape.slice(lead), st.slice(lead), g.storageOffset()))._data;
}

export interface LayerNormSaved {
  self: Tensor;
  weight: Tensor | null;
  k: number;
  eps: number;
  /** The forward's per-row mean then rstd (Note [layer_norm saved stats]); null for an empty input. */
  stats?: Storage | null;
}

/**
 * NativeLayerNormBackward0's grads of input, weight and bias (null where not needed), from differentiable
 * ops so double backward works: with xhat = (x - mean) rstd and gx = g * weight,
 * dx = rstd (gx - mean(gx) - xhat mean(gx xhat)), dweight = sum(g xhat), dbias = sum(g) over the leading dims.
 */
export function layerNormBackward(g: Tensor, s: LayerNormSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const x = s.self, k = s.k;
  const lead = leading(x.ndim, k), dims = trailing(x.ndim, k);
  const [xhat, rstd] = normalized(x, k, s.eps);
  let dx: Tensor | null = null;
  if (needs[0]) {
    const gx = s.weight !== null ? E.mul(g, s.weight) : g;
    const inner = E.sub(E.sub(gx, mean(gx, dims, true)), E.mul(xhat, mean(E.mul(gx, xhat), dims, true)));
    dx = E.mul(inner, rstd);
  }
  const reduceLead = (t: Tensor): Tensor => (lead.length > 0 ? sum(t, lead) : t);
  const dw = needs[1] ? reduceLead(E.mul(g, xhat)) : null;
  const db = needs[2] ? reduceLead(g) : null;
  return [dx, dw, db];
}

/**
 * Root-mean-square normalization over the trailing dims.
 *
 * Root-mean-square normalization over the trailing dims normalizedShape: x / sqrt(mean(x^2) + eps) * weight.
 * eps defaults to the dtype's machine epsilon (as PyTorch 2.4's F.rms_norm). tensorgrad-only in 1.13 terms; its
 * grads come from the ops it is built of.
 *
 * @see torch.nn.functional.rms_norm (PyTorch 2.4)
 * @example
 * ```ts
 * const x = tg.tensor([[3, 4]])
 * tg.nn.functional.rmsNorm(x, [2]) // tensor([[0.8485, 1.1314]])
 * ```
 */
export const rmsNorm = kw(signature('nn.functional.rmsNorm', 'input, normalizedShape, weight, eps'), function rmsNorm(
  input: Tensor, normalizedShape: number | number[], weight?: Tensor | null, eps?: number | null): Tensor {
  const shape = shapeArg('rmsNorm', normalizedShape);
  const w = weight ?? null;
  const e = eps ?? (input instanceof Tensor && input.dtype === 'float64' ? 2.220446049250313e-16 : 1.1920928955078125e-7);
  checkNormArgs('rmsNorm', input, shape, w, null, e);
  const dims = trailing(input.ndim, shape.length);
  const y = E.mul(input, E.rsqrt(E.add(mean(E.mul(input, input), dims, true), e)));
  return w !== null ? E.mul(y, w) : y;
});
