// Normalization over channels: PyTorch 1.13's F.batch_norm (one NativeBatchNormBackward0 node; training
// updates the running stats in place), F.group_norm (NativeGroupNormBackward0), F.instance_norm (batch norm of
// the [1, N * C, ...] view, as PyTorch: ViewBackward0 -> NativeBatchNormBackward0) and F.local_response_norm
// (PyTorch's composite: DivBackward0). layerNorm and rmsNorm are in norm.ts.
//
// Note [Channel statistics]: the forward values come from loops over the contiguous values (batch and group
// norm's in native/cpu/pool_kernels.cc, Note [Channel sums]), accumulating in float64 (two passes: the mean,
// then the biased variance of x - mean). The backward formulas (rows in lib/autograd/derivatives_normalization.ts)
// have two forms: a fused loop when no graph is built (native for batch norm, JS for group norm), and
// differentiable tg ops recomputing xhat from the saved input (so double backward works) otherwise.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { native } from '../native.js';
import { wrap, tensor, zeros } from './creation.js';
import * as E from './elementwise.js';
import { sum, mean } from './reduce.js';
import { reshape, view, unsqueeze, squeeze, cat } from './shape.js';
import { repeat } from './structure.js';
import { avgPool2d } from './pooling.js';

type Floats = Float32Array | Float64Array;

/** input [N, C, *] as (N, C, S = spatial numel). */
function dimsOf(x: Tensor): [number, number, number] {
  const S = x.shape.slice(2).reduce((a, b) => a * b, 1);
  return [x.shape[0], x.shape[1], S];
}
/** Every dim but the channel dim 1. */
const notChannel = (nd: number): number[] => Array.from({ length: nd }, (_, i) => i).filter((i) => i !== 1);
/** [1, C, 1, ...] to broadcast a per-channel vector against [N, C, *]. */
const channelShape = (x: Tensor): number[] => x.shape.map((s, i) => (i === 1 ? s : 1));

function checkFloatInput(op: string, input: unknown, minDims: number): asserts input is Tensor {
  checkTensor(op, input, 'input');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype} (input of shape ${fmtShape(input.shape)})`);
  if (input.ndim < minDims) throw rangeError(op, `expected input with at least ${minDims} dims (N, C, ...), got input of shape ${fmtShape(input.shape)}`);
}

/** A per-channel vector (weight, bias, running stats) must have C elements and the input's dtype. */
function checkChannelVec(op: string, name: string, t: unknown, C: number, input: Tensor): Tensor | null {
  if (t === undefined || t === null) return null;
  checkTensor(op, t, name);
  if (t.numel() !== C) throw rangeError(op, `${name} should contain ${C} elements not ${t.numel()} (${name} of shape ${fmtShape(t.shape)}, input of shape ${fmtShape(input.shape)})`);
  if (t.dtype !== input.dtype) throw typeError(op, `expected ${name} to have the input's dtype ${input.dtype}, got ${t.dtype}`);
  return t;
}

function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(op, `${name} must be a number, got ${describe(v)}`);
  return v;
}

/** Writes values into a running-stat buffer in place (a version bump, as PyTorch's in-place update). */
function storeInPlace(t: Tensor, values: ArrayLike<number>): void {
  const d = outData(t.dtype, t.numel()) as Floats;
  d.set(values);
  t._storeValues(d);
  t._box.version++;
}

/** A [C] tensor of the values (typed-array map() would make storage the allocator does not own). */
function channelVector(v: ArrayLike<number>, dtype: Tensor['dtype']): Tensor {
  const d = outData(dtype, v.length) as Floats;
  d.set(v);
  return wrap(d, [v.length], dtype);
}

// ---- batch norm ----------------------------------------------------------------------------------------------
export interface BatchNormSaved {
  self: Tensor;
  weight: Tensor | null;
  training: boolean;
  eps: number;
  /** Per channel: the batch mean and 1 / sqrt(var + eps) (training) or the running ones (eval), float64. */
  mean: Float64Array;
  invstd: Float64Array;
}

/**
 * Batch normalization over N (and spatial dims) per channel, updating running stats while training.
 *
 * Batch normalization of [N, C, *] input per channel: with the batch's mean and biased variance in training
 * (then runningMean/runningVar, when given, move towards them in place by momentum, the variance unbiased as
 * PyTorch's), with runningMean/runningVar otherwise; then scaled by weight and shifted by bias (both [C],
 * optional). One NativeBatchNormBackward0 node.
 *
 * @see torch.nn.functional.batch_norm
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 6]])
 * tg.nn.functional.batchNorm(x, null, null, { training: true })
 * // tensor([[-1.0000, -1.0000],
 * //         [ 1.0000,  1.0000]])
 * ```
 */
export const batchNorm = kw(signature('nn.functional.batchNorm', 'input, runningMean, runningVar, weight, bias, training, momentum, eps'), function batchNorm(
  input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight?: Tensor | null, bias?: Tensor | null, training = false, momentum = 0.1, eps = 1e-5): Tensor {
  return batchNormAs('batchNorm', input, runningMean, runningVar, weight, bias, training, momentum, eps);
});

/** batchNorm with errors naming `op` (instanceNorm is a batch norm). */
function batchNormAs(op: string, input: Tensor, runningMean: unknown, runningVar: unknown, weight: unknown, bias: unknown, training: unknown, momentum: unknown, eps: unknown): Tensor {
  checkFloatInput(op, input, 2);
  const [N, C, S] = dimsOf(input);
  const rm = checkChannelVec(op, 'running_mean', runningMean, C, input), rv = checkChannelVec(op, 'running_var', runningVar, C, input);
  const w = checkChannelVec(op, 'weight', weight, C, input), b = checkChannelVec(op, 'bias', bias, C, input);
  if (typeof training !== 'boolean') throw typeError(op, `training must be a boolean, got ${describe(training)}`);
  const m = num(op, 'momentum', momentum ?? 0.1), e = num(op, 'eps', eps);
  const M = N * S;
  if (training && M <= 1 && op === 'batchNorm') throw rangeError(op, `Expected more than 1 value per channel when training, got input size ${fmtShape(input.shape)}`);
  if (!training && (rm === null || rv === null)) throw rangeError(op, `running_mean and running_var must be defined in evaluation mode (input of shape ${fmtShape(input.shape)})`);
  const xs = input._data as Floats;
  const mu = new Float64Array(C), invstd = new Float64Array(C);
  if (training) {
    const v = new Float64Array(C);
    native.channelStats(xs, null, null, [N, C, S], 0, mu, v);
    for (let c = 0; c < C; c++) invstd[c] = 1 / Math.sqrt(v[c] + e);
    if (rm !== null && M > 0) {
      const old = rm._data;
      storeInPlace(rm, Array.from(mu, (x, c) => (1 - m) * (old[c] as number) + m * x));
    }
    if (rv !== null && M > 0) {
      const old = rv._data;
      storeInPlace(rv, Array.from(v, (x, c) => (1 - m) * (old[c] as number) + (m * x * M) / (M - 1)));
    }
  } else {
    const rmd = rm!._data, rvd = rv!._data;
    for (let c = 0; c < C; c++) {
      mu[c] = rmd[c] as number;
      invstd[c] = 1 / Math.sqrt((rvd[c] as number) + e);
    }
  }
  const out = outData(input.dtype, xs.length) as Floats;
  const wd = w === null ? null : (w._data as Floats), bd = b === null ? null : (b._data as Floats);
  const scale = invstd.map((r, c) => r * (wd === null ? 1 : wd[c])), shift = new Float64Array(C).map((_, c) => (bd === null ? 0 : bd[c]));
  native.channelAffine(xs, null, out, [N, C, S], mu, scale, shift, null);
  const y = wrap(out, input.shape.slice(), input.dtype);
  return record('nnBatchNorm', [input, w, b], y, () => ({ self: input, weight: w, training, eps: e, mean: mu, invstd }));
}

/** rstd * (gx - mean(gx) - xhat * mean(gx * xhat)) over dims: the input grad of a normalization by batch stats. */
function normalizedInputGrad(gx: Tensor, xhat: Tensor, rstd: Tensor, dims: number[]): Tensor {
  return E.mul(E.sub(E.sub(gx, mean(gx, dims, true)), E.mul(xhat, mean(E.mul(gx, xhat), dims, true))), rstd);
}

/** (x - mean) * rstd over dims and rstd, from differentiable ops. */
function standardized(x: Tensor, dims: number[], eps: number): [Tensor, Tensor] {
  const xc = E.sub(x, mean(x, dims, true));
  const rstd = E.rsqrt(E.add(mean(E.mul(xc, xc), dims, true), eps));
  return [E.mul(xc, rstd), rstd];
}

/** NativeBatchNormBackward0's grads of input, weight and bias from differentiable ops (Note [Channel statistics]). */
export function batchNormBackward(g: Tensor, s: BatchNormSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const x = s.self, R = notChannel(x.ndim), bshape = channelShape(x);
  let xhat: Tensor, rstd: Tensor;
  if (s.training) [xhat, rstd] = standardized(x, R, s.eps);
  else {
    rstd = reshape(tensor(Array.from(s.invstd), { dtype: x.dtype }), bshape);
    xhat = E.mul(E.sub(x, reshape(tensor(Array.from(s.mean), { dtype: x.dtype }), bshape)), rstd);
  }
  let dx: Tensor | null = null;
  if (needs[0]) {
    const gx = s.weight !== null ? E.mul(g, reshape(s.weight, bshape)) : g;
    dx = s.training ? normalizedInputGrad(gx, xhat, rstd, R) : E.mul(gx, rstd);
  }
  return [dx, needs[1] ? sum(E.mul(g, xhat), R) : null, needs[2] ? sum(g, R) : null];
}

/**
 * batchNormBackward without a graph, by the native channel kernels: per channel sum(g) and sum(g (x - mean)),
 * then dx = k g + a (x - mean) + b with k = w invstd and, in training, a = -k invstd^2 sum(g (x - mean)) / M,
 * b = -k sum(g) / M (the batch statistics' own grads).
 */
export function batchNormBackwardFused(g: Tensor, s: BatchNormSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const x = s.self, [N, C, S] = dimsOf(x), M = N * S;
  const xs = x._data as Floats, gs = g._data as Floats, wd = s.weight === null ? null : (s.weight._data as Floats);
  const sg = new Float64Array(C), sgx = new Float64Array(C);
  native.channelStats(xs, gs, s.mean, [N, C, S], 1, sg, sgx);
  let dx: Floats | null = null;
  if (needs[0]) {
    dx = outData(x.dtype, xs.length) as Floats;
    const k = s.invstd.map((r, c) => r * (wd === null ? 1 : wd[c]));
    const a = new Float64Array(C), b = new Float64Array(C);
    if (s.training) for (let c = 0; c < C; c++) {
      a[c] = (-k[c] * s.invstd[c] * s.invstd[c] * sgx[c]) / M;
      b[c] = (-k[c] * sg[c]) / M;
    }
    native.channelAffine(xs, gs, dx, [N, C, S], s.mean, a, b, k);
  }
  const pdt = s.weight?.dtype ?? x.dtype;
  const vec = (v: ArrayLike<number>, need: boolean): Tensor | null => (need ? channelVector(v, pdt) : null);
  return [dx === null ? null : wrap(dx, x.shape.slice(), x.dtype), vec(sgx.map((v, c) => v * s.invstd[c]), needs[1]), vec(sg, needs[2])];
}

// ---- group norm ----------------------------------------------------------------------------------------------
export interface GroupNormSaved {
  self: Tensor;
  weight: Tensor | null;
  groups: number;
  eps: number;
}

/**
 * Normalizes groups of channels per sample.
 *
 * Group normalization of [N, C, *] input: the C channels split into numGroups groups, each (sample, group)
 * normalized by its own mean and biased variance, then per-channel weight and bias ([C], optional). One
 * NativeGroupNormBackward0 node.
 *
 * @see torch.nn.functional.group_norm
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 3], [2, 6]]])
 * tg.nn.functional.groupNorm(x, 2)
 * // tensor([[[-1.0000,  1.0000],
 * //          [-1.0000,  1.0000]]])
 * ```
 */
export const groupNorm = kw(signature('nn.functional.groupNorm', 'input, numGroups, weight, bias, eps'), function groupNorm(
  input: Tensor, numGroups: number, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const op = 'groupNorm';
  checkFloatInput(op, input, 2);
  const [N, C, S] = dimsOf(input);
  if (typeof numGroups !== 'number' || !Number.isInteger(numGroups) || numGroups <= 0) throw typeError(op, `numGroups must be a positive integer, got ${describe(numGroups)}`);
  if (C % numGroups !== 0)
    throw rangeError(op, `Expected number of channels in input to be divisible by num_groups, but got input of shape ${fmtShape(input.shape)} and num_groups=${numGroups}`);
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const)
    if (t !== undefined && t !== null && t instanceof Tensor && (t.ndim !== 1 || t.shape[0] !== C))
      throw rangeError(op, `Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape ${fmtShape(t.shape)} and input of shape ${fmtShape(input.shape)}`);
  const w = checkChannelVec(op, 'weight', weight, C, input), b = checkChannelVec(op, 'bias', bias, C, input);
  const e = num(op, 'eps', eps);
  const G = numGroups, M = (C / G) * S;
  const xs = input._data as Floats, out = outData(input.dtype, xs.length) as Floats;
  const wd = w === null ? null : (w._data as Floats), bd = b === null ? null : (b._data as Floats);
  // the channel kernels (Note [Channel statistics]): each (sample, group) is one "channel" of [1, N G, M] for
  // the statistics, each (sample, channel) one of [1, N C, S] for the affine output
  const mu = new Float64Array(N * G), v = new Float64Array(N * G);
  if (M > 0) native.channelStats(xs, null, null, [1, N * G, M], 0, mu, v);
  const mean = new Float64Array(N * C), scale = new Float64Array(N * C), shift = new Float64Array(N * C);
  for (let r = 0; r < N * C; r++) {
    const c = r % C, grp = Math.floor(r / (C / G)); // grp = n * G + c / (C / G)
    mean[r] = mu[grp];
    scale[r] = (1 / Math.sqrt(v[grp] + e)) * (wd === null ? 1 : wd[c]);
    shift[r] = bd === null ? 0 : bd[c];
  }
  native.channelAffine(xs, null, out, [1, N * C, S], mean, scale, shift, null);
  const y = wrap(out, input.shape.slice(), input.dtype);
  return record('nnGroupNorm', [input, w, b], y, () => ({ self: input, weight: w, groups: G, eps: e }));
});

/** NativeGroupNormBackward0's grads from differentiable ops (Note [Channel statistics]). */
export function groupNormBackward(g: Tensor, s: GroupNormSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const x = s.self, N = x.shape[0], grouped = [N, s.groups, x.numel() / Math.max(1, N * s.groups)];
  const [xhatG, rstd] = standardized(reshape(x, grouped), [2], s.eps);
  const xhat = reshape(xhatG, x.shape);
  const R = notChannel(x.ndim), bshape = channelShape(x);
  let dx: Tensor | null = null;
  if (needs[0]) {
    const gx = s.weight !== null ? E.mul(g, reshape(s.weight, bshape)) : g;
    dx = reshape(normalizedInputGrad(reshape(gx, grouped), xhatG, rstd, [2]), x.shape);
  }
  return [dx, needs[1] ? sum(E.mul(g, xhat), R) : null, needs[2] ? sum(g, R) : null];
}

/** groupNormBackward without a graph: per (sample, group) loops in float64. */
export function groupNormBackwardFused(g: Tensor, s: GroupNormSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const x = s.self, [N, C, S] = dimsOf(x), G = s.groups, M = (C / G) * S;
  const xs = x._data as Floats, gs = g._data as Floats, wd = s.weight === null ? null : (s.weight._data as Floats);
  const dx = needs[0] ? (outData(x.dtype, xs.length) as Floats) : null;
  const dw = new Float64Array(C), db = new Float64Array(C), xh = new Float64Array(M), gx = new Float64Array(M);
  for (let ng = 0; ng < N * G; ng++) {
    const base = ng * M, c0 = (ng % G) * (C / G);
    let s0 = 0;
    for (let i = 0; i < M; i++) s0 += xs[base + i];
    const mu = s0 / M;
    let s1 = 0;
    for (let i = 0; i < M; i++) s1 += (xs[base + i] - mu) ** 2;
    const rstd = 1 / Math.sqrt(s1 / M + s.eps);
    let sg = 0, sgx = 0;
    for (let i = 0; i < M; i++) {
      const c = c0 + Math.floor(i / S), gi = gs[base + i], h = (xs[base + i] - mu) * rstd;
      xh[i] = h;
      dw[c] += gi * h;
      db[c] += gi;
      const t = wd === null ? gi : gi * wd[c];
      gx[i] = t;
      sg += t;
      sgx += t * h;
    }
    if (dx !== null) for (let i = 0; i < M; i++) dx[base + i] = rstd * (gx[i] - sg / M - (xh[i] * sgx) / M);
  }
  const pdt = s.weight?.dtype ?? x.dtype;
  const vec = (a: Float64Array, need: boolean): Tensor | null => (need ? channelVector(a, pdt) : null);
  return [dx === null ? null : wrap(dx, x.shape.slice(), x.dtype), vec(dw, needs[1]), vec(db, needs[2])];
}

// ---- instance norm -------------------------------------------------------------------------------------------
/**
 * Normalizes each channel of each sample over its spatial dims.
 *
 * Instance normalization: each (sample, channel) of [N, C, *] input normalized by its own statistics
 * (useInputStats, default) or by runningMean/runningVar ([C]). As PyTorch, the batch norm of the [1, N * C, *]
 * view with weight, bias and running stats repeated N times; the running stats then take the mean over the
 * batch of the updated copies.
 *
 * @see torch.nn.functional.instance_norm
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 3], [2, 6]]])
 * tg.nn.functional.instanceNorm(x)
 * // tensor([[[-1.0000,  1.0000],
 * //          [-1.0000,  1.0000]]])
 * ```
 */
export const instanceNorm = kw(signature('nn.functional.instanceNorm', 'input, runningMean, runningVar, weight, bias, useInputStats, momentum, eps'), function instanceNorm(
  input: Tensor, runningMean?: Tensor | null, runningVar?: Tensor | null, weight?: Tensor | null, bias?: Tensor | null, useInputStats = true, momentum = 0.1, eps = 1e-5): Tensor {
  const op = 'instanceNorm';
  checkFloatInput(op, input, 2);
  const [N, C, S] = dimsOf(input);
  const rm = checkChannelVec(op, 'running_mean', runningMean, C, input), rv = checkChannelVec(op, 'running_var', runningVar, C, input);
  const w = checkChannelVec(op, 'weight', weight, C, input), b = checkChannelVec(op, 'bias', bias, C, input);
  if (typeof useInputStats !== 'boolean') throw typeError(op, `useInputStats must be a boolean, got ${describe(useInputStats)}`);
  if (useInputStats && S <= 1) throw rangeError(op, `Expected more than 1 spatial element when training, got input size ${fmtShape(input.shape)}`);
  const rep = (t: Tensor | null): Tensor | null => (t === null ? null : repeat(t, [N]));
  const rm2 = noGrad(() => rep(rm)), rv2 = noGrad(() => rep(rv));
  const y = batchNormAs(op, view(input.contiguous(), [1, N * C, ...input.shape.slice(2)]), rm2, rv2, rep(w), rep(b), useInputStats, momentum, eps);
  if (useInputStats)
    noGrad(() => {
      for (const [t, t2] of [[rm, rm2], [rv, rv2]] as const) if (t !== null) storeInPlace(t, mean(reshape(t2!, [N, C]), 0)._data as Floats);
    });
  return view(y, input.shape);
});

// ---- local response norm -------------------------------------------------------------------------------------
/**
 * Normalizes each element by the squares of neighbouring channels.
 *
 * Local response normalization across channels of [N, C, *] input: x / (k + alpha * mean of x^2 over `size`
 * neighbouring channels)^beta, zero padded, from avgPool2d as PyTorch's composite (DivBackward0).
 *
 * @see torch.nn.functional.local_response_norm
 * @example
 * ```ts
 * const x = tg.ones(1, 3, 1)
 * tg.nn.functional.localResponseNorm(x, 2)
 * // tensor([[[1.0000],
 * //          [0.9999],
 * //          [0.9999]]])
 * ```
 */
export const localResponseNorm = kw(signature('nn.functional.localResponseNorm', 'input, size, alpha, beta, k'), function localResponseNorm(
  input: Tensor, size: number, alpha = 1e-4, beta = 0.75, k = 1.0): Tensor {
  const op = 'localResponseNorm';
  checkTensor(op, input, 'input');
  if (input.ndim < 3) throw rangeError(op, `Expected 3D or higher dimensionality input (got ${input.ndim} dimensions, input of shape ${fmtShape(input.shape)})`);
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) throw typeError(op, `size must be a positive integer, got ${describe(size)}`);
  const a = num(op, 'alpha', alpha), bt = num(op, 'beta', beta), kk = num(op, 'k', k);
  if (input.numel() === 0) return input;
  const [N, C, S] = dimsOf(input);
  // [N, 1, C, S]: the channel window is a (size x 1) average over zero-padded channels
  let div = unsqueeze(reshape(E.mul(input, input), [N, C, S]), 1);
  const before = Math.floor(size / 2), after = Math.floor((size - 1) / 2);
  const pad = (n: number): Tensor[] => (n > 0 ? [zeros([N, 1, n, S], { dtype: input.dtype })] : []);
  div = cat([...pad(before), div, ...pad(after)], 2);
  div = reshape(squeeze(avgPool2d(div, [size, 1], 1), 1), input.shape);
  return E.div(input, E.pow(E.add(E.mul(div, a), kk), bt));
});
