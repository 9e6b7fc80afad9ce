// The losses of tg.nn.functional beyond mseLoss / nllLoss / crossEntropy / binaryCrossEntropyWithLogits (those
// live in lib/nn/functional.ts), with PyTorch 1.13's options and graphs. Where ATen has a fused loss with its
// own backward node (binary_cross_entropy, smooth_l1_loss, huber_loss, soft_margin_loss, multi_margin_loss,
// multilabel_margin_loss) the loss is one row of the derivative table (lib/autograd/derivatives_loss.ts);
// where ATen composes other ops (l1_loss, kl_div, poisson_nll_loss, margin_ranking_loss, ...) so does this
// file, op for op, so the graph shows PyTorch's nodes (ClampMinBackward0, AddBackward1, MeanBackward0, ...).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { broadcastShapes, numelOf } from '../shape.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import * as EM from './elementwise_math.js';
import { sum, mean, norm } from './reduce.js';
import { unsqueeze, reshape, expand } from './shape.js';
import { gather } from './gather.js';
import { indexInts, isIndexTensor } from './int64.js';
import { to, arange, tensor } from './creation.js';

export type LossReduction = 'mean' | 'sum' | 'none';

/** The trailing-options forms (the kw() wrapper merges an options object into the positional arguments). */
export interface LegacyLossOptions { sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: LossReduction }
export interface WeightedLossOptions extends LegacyLossOptions { weight?: Tensor | null }
export interface SmoothL1Options extends LegacyLossOptions { beta?: number }
export interface HuberOptions { reduction?: LossReduction; delta?: number }
export interface KlDivOptions { sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: LossReduction | 'batchmean'; logTarget?: boolean }
export interface PoissonNllOptions extends LegacyLossOptions { logInput?: boolean; full?: boolean; eps?: number }
export interface GaussianNllOptions { full?: boolean; eps?: number; reduction?: LossReduction }
export interface MarginLossOptions extends LegacyLossOptions { margin?: number }
export interface TripletMarginOptions extends MarginLossOptions { p?: number; eps?: number; swap?: boolean }
export interface MultiMarginOptions extends WeightedLossOptions { p?: number; margin?: number }
export interface PairwiseDistanceOptions { p?: number; eps?: number; keepdim?: boolean }

/**
 * The reduction, with PyTorch's deprecated sizeAverage / reduce flags overriding it when either is given
 * (_Reduction.legacy_get_string). `extra` admits klDiv's 'batchmean'.
 */
export function lossReduction(op: string, sizeAverage: unknown, reduce: unknown, reduction: unknown, extra?: string): LossReduction {
  const given = (v: unknown): boolean => v !== undefined && v !== null;
  if (given(sizeAverage) || given(reduce)) {
    for (const [name, v] of [['sizeAverage', sizeAverage], ['reduce', reduce]] as const)
      if (given(v) && typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
    if (reduce === false) return 'none';
    return sizeAverage === false ? 'sum' : 'mean';
  }
  const v = reduction ?? 'mean';
  if (v !== 'mean' && v !== 'sum' && v !== 'none' && v !== extra) throw rangeError(op, `${String(v)} is not a valid value for reduction`);
  return v as LossReduction;
}

/** PyTorch's apply_loss_reduction: MeanBackward0 / SumBackward0 over the elementwise loss. */
export function applyReduction(x: Tensor, reduction: LossReduction): Tensor {
  return reduction === 'mean' ? mean(x) : reduction === 'sum' ? sum(x) : x;
}

function checkFloat(op: string, ...ts: [string, Tensor][]): void {
  for (const [name, t] of ts) {
    checkTensor(op, t, name);
    if (!isFloat(t.dtype)) throw typeError(op, `expected a floating point ${name}, got ${t.dtype}`);
  }
}

/**
 * An integer or bool target of a float input, in the input's dtype: PyTorch's elementwise losses promote it
 * (`F.l1_loss(x, torch.tensor([1, 2]))` runs), and a ported `loss(pred, labels)` with int labels must too.
 */
function floatTarget(op: string, like: Tensor, target: Tensor): Tensor {
  checkTensor(op, target, 'target');
  return like instanceof Tensor && isFloat(like.dtype) && !isFloat(target.dtype) ? to(target, like.dtype) : target;
}

function checkNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(op, `${name} must be a number, got ${describe(v)}`);
  return v;
}

/** The scale of the grad of an elementwise loss over n elements: 1/n for 'mean', else 1. */
const normOf = (reduction: LossReduction, n: number): number => (reduction === 'mean' ? 1 / n : 1);

// ---- internal ops with PyTorch's Scalar-overload nodes ------------------------------------------------------
/** x.clamp_min(min) as ATen calls it inside its losses (ClampMinBackward0). */
export function clampMin(x: Tensor, min: number): Tensor {
  return EM.clampMin(x, min);
}
/** x + s for a plain number s, as ATen's add.Scalar (AddBackward1). */
export function addScalar(x: Tensor, s: number): Tensor {
  const out = noGrad(() => E.add(x, s));
  return record('lossAddScalar', [x], out);
}

// ---- fused losses (one node each) -----------------------------------------------------------------------------
/**
 * Binary cross entropy of probabilities.
 *
 * Binary cross entropy of probabilities input in [0, 1]: -w (y log(x) + (1 - y) log(1 - x)), each log clamped
 * at -100 as PyTorch does (BinaryCrossEntropyBackward0).
 *
 * @see torch.nn.functional.binary_cross_entropy
 * @example
 * ```ts
 * const p = tg.tensor([0.5, 0.9])
 * tg.nn.functional.binaryCrossEntropy(p, tg.tensor([0, 1])) // tensor(0.3993)
 * ```
 */
export const binaryCrossEntropy = kw(signature('nn.functional.binaryCrossEntropy', 'input, target, weight, sizeAverage, reduce, reduction'), function binaryCrossEntropy(
  input: Tensor, target: Tensor, weight?: Tensor | null | WeightedLossOptions, sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'binaryCrossEntropy';
  checkFloat(op, ['input', input], ['target', target]);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  if (target.shape.join() !== input.shape.join())
    throw rangeError(op, `Using a target size (${fmtShape(target.shape)}) that is different to the input size (${fmtShape(input.shape)}) is deprecated. Please ensure they have the same size.`);
  let w: Tensor | null = null;
  if (weight !== undefined && weight !== null) {
    checkTensor(op, weight, 'weight');
    const shape = broadcastShapes(op, target.shape, weight.shape);
    if (shape.join() !== target.shape.join())
      throw rangeError(op, `weight of shape ${fmtShape(weight.shape)} does not broadcast to the target's shape ${fmtShape(target.shape)}`);
    w = expand(weight, target.shape);
  }
  const xv = input._data;
  for (let i = 0; i < xv.length; i++) if (!(xv[i] >= 0 && xv[i] <= 1)) throw rangeError(op, `all elements of input should be between 0 and 1 (input of shape ${fmtShape(input.shape)})`);
  const out = noGrad(() => {
    const logX = E.clamp(E.log(input), { min: -100 });
    const log1mX = E.clamp(EM.log1p(E.neg(input)), { min: -100 });
    let loss = E.sub(E.mul(E.sub(target, 1), log1mX), E.mul(target, logX));
    if (w !== null) loss = E.mul(loss, w);
    return applyReduction(loss, reduction);
  });
  return record('lossBce', [input, target], out, () => ({ self: input, target, weight: w, norm: normOf(reduction, input.numel()) }));
});

/** The broadcast checks of the elementwise regression losses (PyTorch broadcasts input and target). */
function pairShape(op: string, input: Tensor, target: Tensor): number[] {
  checkFloat(op, ['input', input], ['target', target]);
  return broadcastShapes(op, input.shape, target.shape);
}

/**
 * L1 loss that is quadratic below `beta`.
 *
 * 0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere, d = input - target (SmoothL1LossBackward0).
 *
 * @see torch.nn.functional.smooth_l1_loss
 * @example
 * ```ts
 * const x = tg.tensor([0, 3])
 * tg.nn.functional.smoothL1Loss(x, tg.tensor([0.5, 0])) // tensor(1.3125)
 * ```
 */
export const smoothL1Loss = kw(signature('nn.functional.smoothL1Loss', 'input, target, sizeAverage, reduce, reduction, beta'), function smoothL1Loss(
  input: Tensor, target: Tensor, sizeAverage?: boolean | null | SmoothL1Options, reduce?: boolean | null, reductionArg?: LossReduction, betaArg?: number): Tensor {
  const op = 'smoothL1Loss';
  target = floatTarget(op, input, target);
  const shape = pairShape(op, input, target);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const beta = checkNumber(op, 'beta', betaArg ?? 1);
  if (beta < 0) throw rangeError(op, 'smooth_l1_loss does not support negative values for beta.');
  const out = noGrad(() => {
    const z = E.abs(E.sub(input, target));
    const loss = beta === 0 ? z : E.where(E.lt(z, beta), E.div(E.mul(E.mul(z, z), 0.5), beta), E.sub(z, 0.5 * beta));
    return applyReduction(loss, reduction);
  });
  return record('lossSmoothL1', [input, target], out, () => ({ self: input, target, beta, norm: normOf(reduction, numelOf(shape)) }));
});

/**
 * Huber loss: quadratic below `delta`, linear above.
 *
 * 0.5 d^2 where |d| < delta, delta (|d| - 0.5 delta) elsewhere, d = input - target (HuberLossBackward0).
 *
 * @see torch.nn.functional.huber_loss
 * @example
 * ```ts
 * const x = tg.tensor([0, 3])
 * tg.nn.functional.huberLoss(x, tg.tensor([0.5, 0])) // tensor(1.3125)
 * ```
 */
export const huberLoss = kw(signature('nn.functional.huberLoss', 'input, target, reduction, delta'), function huberLoss(
  input: Tensor, target: Tensor, reductionArg?: LossReduction | HuberOptions, deltaArg?: number): Tensor {
  const op = 'huberLoss';
  target = floatTarget(op, input, target);
  const shape = pairShape(op, input, target);
  const reduction = lossReduction(op, undefined, undefined, reductionArg);
  const delta = checkNumber(op, 'delta', deltaArg ?? 1);
  if (!(delta > 0)) throw rangeError(op, 'huber_loss does not support non-positive values for delta.');
  const out = noGrad(() => {
    const z = E.abs(E.sub(input, target));
    return applyReduction(E.where(E.lt(z, delta), E.mul(E.mul(z, z), 0.5), E.mul(E.sub(z, 0.5 * delta), delta)), reduction);
  });
  return record('lossHuber', [input, target], out, () => ({ self: input, target, delta, norm: normOf(reduction, numelOf(shape)) }));
});

/**
 * Logistic loss `log(1 + exp(-y x))` for targets of ±1.
 *
 * log(1 + exp(-y x)) for labels y in {1, -1} (SoftMarginLossBackward0; no grad for the target, as PyTorch).
 *
 * @see torch.nn.functional.soft_margin_loss
 * @example
 * ```ts
 * const x = tg.tensor([1, -1])
 * tg.nn.functional.softMarginLoss(x, tg.tensor([1, 1])) // tensor(0.8133)
 * ```
 */
export const softMarginLoss = kw(signature('nn.functional.softMarginLoss', 'input, target, sizeAverage, reduce, reduction'), function softMarginLoss(
  input: Tensor, target: Tensor, sizeAverage?: boolean | null | LegacyLossOptions, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'softMarginLoss';
  target = floatTarget(op, input, target);
  const shape = pairShape(op, input, target);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const out = noGrad(() => applyReduction(EM.log1p(E.exp(E.neg(E.mul(input, target)))), reduction));
  return record('lossSoftMargin', [input], out, () => ({ self: input, target, norm: normOf(reduction, numelOf(shape)) }));
});

/** int64 or int32 class targets of the margin losses: [N] for input [N, C], [] or [1] for input [C]. */
function marginTargets(op: string, input: Tensor, target: Tensor): { x: Tensor; t: Tensor; n: number; c: number } {
  checkFloat(op, ['input', input]);
  checkTensor(op, target, 'target');
  if (!isIndexTensor(target)) throw typeError(op, `expected an int64 or int32 target of class indices, got ${target.dtype}`);
  if (input.ndim > 2 || input.numel() === 0)
    throw rangeError(op, `Expected non-empty vector or matrix with optional 0-dim batch size, but got input of shape ${fmtShape(input.shape)}`);
  const n = input.ndim === 2 ? input.shape[0] : 1;
  const c = input.ndim === 0 ? 1 : input.shape[input.ndim - 1];
  if (target.numel() !== n || target.ndim > 1)
    throw rangeError(op, `inconsistent target size: ${fmtShape(target.shape)} for input of size: ${fmtShape(input.shape)}`);
  const tv = indexInts(op, target, 'target');
  for (let i = 0; i < tv.length; i++) if (tv[i] < 0 || tv[i] >= c) throw rangeError(op, `target ${tv[i]} out of range for input of shape ${fmtShape(input.shape)} (${c} classes), target of shape ${fmtShape(target.shape)}`);
  return { x: reshape(input, [n, c]), t: reshape(target, [n, 1]), n, c };
}

/**
 * Multi-class hinge loss.
 *
 * Multi-class hinge loss: sum over i != y of max(0, margin - x[y] + x[i])^p * weight[y] / C, p 1 or 2
 * (MultiMarginLossBackward0).
 *
 * @see torch.nn.functional.multi_margin_loss
 * @example
 * ```ts
 * const x = tg.tensor([[0.1, 0.2, 0.4, 0.8]])
 * tg.nn.functional.multiMarginLoss(x, tg.tensor([3], { dtype: 'int32' })) // tensor(0.3250)
 * ```
 */
export const multiMarginLoss = kw(signature('nn.functional.multiMarginLoss', 'input, target, p, margin, weight, sizeAverage, reduce, reduction'), function multiMarginLoss(
  input: Tensor, target: Tensor, pArg?: number | MultiMarginOptions, marginArg?: number, weight?: Tensor | null, sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'multiMarginLoss';
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const p = pArg ?? 1, margin = checkNumber(op, 'margin', marginArg ?? 1);
  if (p !== 1 && p !== 2) throw rangeError(op, `only p == 1 and p == 2 supported, got ${describe(p)}`);
  const { x, t, n, c } = marginTargets(op, input, target);
  let wy: Tensor | null = null;
  if (weight !== undefined && weight !== null) {
    checkTensor(op, weight, 'weight');
    if (weight.ndim !== 1 || weight.shape[0] !== c) throw rangeError(op, `inconsistent weight size, expected ${fmtShape([c])} but got ${fmtShape(weight.shape)}`);
    wy = noGrad(() => gather(to(weight, input.dtype), 0, reshape(t, [n])).reshape([n, 1]));
  }
  const saved = noGrad(() => {
    const others = E.ne(arange(c, { dtype: 'int64' }), t); // [n, c]: 1 off the target class
    let scale = to(others, input.dtype);
    if (wy !== null) scale = E.mul(scale, wy);
    return { others, scale: E.div(scale, c) };
  });
  const out = noGrad(() => {
    const h = E.relu(marginTerms(x, t, margin));
    const per = sum(E.mul(p === 2 ? E.mul(h, h) : h, saved.scale), 1);
    const r = applyReduction(per, reduction);
    return reduction === 'none' ? reshape(r, target.shape) : r;
  });
  return record('lossMultiMargin', [input], out, () => ({ self: input, t, n, c, p, margin, scale: saved.scale, reduction }));
});

/** margin - x[y] + x for every class (x [N, C], y [N, 1]), from differentiable ops. */
export function marginTerms(x: Tensor, t: Tensor, margin: number): Tensor {
  return E.add(E.rsub(gather(x, 1, t), margin), x);
}

/** int64 or int32 multi-label targets: class indices per sample up to the first -1 (PyTorch's multilabel_margin_loss). */
function multilabelTargets(op: string, input: Tensor, target: Tensor): { counts: Tensor; isTarget: Tensor; n: number; c: number } {
  checkFloat(op, ['input', input]);
  checkTensor(op, target, 'target');
  if (!isIndexTensor(target)) throw typeError(op, `expected an int64 or int32 target of class indices, got ${target.dtype}`);
  if (input.ndim > 2 || input.numel() === 0)
    throw rangeError(op, `Expected non-empty vector or matrix with optional 0-dim batch size, but got input of shape ${fmtShape(input.shape)}`);
  if (target.shape.join() !== input.shape.join())
    throw rangeError(op, `inconsistent target size: ${fmtShape(target.shape)} for input of size: ${fmtShape(input.shape)}`);
  const n = input.ndim === 2 ? input.shape[0] : 1;
  const c = input.ndim === 0 ? 1 : input.shape[input.ndim - 1];
  const tv = indexInts(op, target, 'target');
  const counts = new Array<number>(n * c).fill(0);
  const isT = new Array<number>(n * c).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < c; j++) {
      const y = tv[i * c + j];
      if (y < 0) break;
      if (y >= c) throw rangeError(op, `target ${y} out of range for input of shape ${fmtShape(input.shape)} (${c} classes), target of shape ${fmtShape(target.shape)}`);
      counts[i * c + y]++;
      isT[i * c + y] = 1;
    }
  return { counts: tensor(counts, { dtype: input.dtype }).reshape([n, c, 1]), isTarget: tensor(isT, { dtype: input.dtype }).reshape([n, 1, c]), n, c };
}

/** The [N, C, C] weights of the pairs (target j, non-target i) of multilabelMarginLoss, divided by C. */
function multilabelPairs(counts: Tensor, isTarget: Tensor, c: number): Tensor {
  return E.div(E.mul(counts, E.rsub(isTarget, 1)), c);
}

/**
 * Multi-label hinge loss (targets list class indices, ended by -1).
 *
 * Multi-label hinge loss: for each target class j (listed until the first -1) and each non-target class i,
 * max(0, 1 - (x[j] - x[i])), summed and divided by C (MultilabelMarginLossBackward0).
 *
 * @see torch.nn.functional.multilabel_margin_loss
 * @example
 * ```ts
 * const x = tg.tensor([[0.1, 0.2, 0.4, 0.8]])
 * tg.nn.functional.multilabelMarginLoss(x, tg.tensor([[3, 0, -1, 1]], { dtype: 'int32' }))
 * // tensor(0.8500)
 * ```
 */
export const multilabelMarginLoss = kw(signature('nn.functional.multilabelMarginLoss', 'input, target, sizeAverage, reduce, reduction'), function multilabelMarginLoss(
  input: Tensor, target: Tensor, sizeAverage?: boolean | null | LegacyLossOptions, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'multilabelMarginLoss';
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const { counts, isTarget, n, c } = multilabelTargets(op, input, target);
  const x = reshape(input, [n, c]);
  const pairs = noGrad(() => multilabelPairs(counts, isTarget, c));
  const out = noGrad(() => {
    const z = E.relu(E.rsub(E.sub(unsqueeze(x, 2), unsqueeze(x, 1)), 1)); // [n, j, i]: 1 - x[j] + x[i]
    const per = sum(E.mul(z, pairs), [1, 2]);
    const r = applyReduction(per, reduction);
    return reduction === 'none' ? reshape(r, input.ndim === 2 ? [n] : []) : r;
  });
  return record('lossMultilabelMargin', [input], out, () => ({ self: input, pairs, n, c, reduction }));
});

// ---- composite losses (PyTorch's own composition, node for node) ---------------------------------------------
/**
 * Mean absolute error.
 *
 * mean |input - target| (PyTorch 1.13: MeanBackward0 over AbsBackward0 over SubBackward0).
 *
 * @see torch.nn.functional.l1_loss
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.nn.functional.l1Loss(x, tg.tensor([2, 4])) // tensor(1.5000)
 * ```
 */
export const l1Loss = kw(signature('nn.functional.l1Loss', 'input, target, sizeAverage, reduce, reduction'), function l1Loss(
  input: Tensor, target: Tensor, sizeAverage?: boolean | null | LegacyLossOptions, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'l1Loss';
  target = floatTarget(op, input, target);
  pairShape(op, input, target);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  return applyReduction(E.abs(E.sub(input, target)), reduction);
});

/**
 * Kullback-Leibler divergence, with `input` as log-probabilities.
 *
 * Kullback-Leibler divergence of log-probabilities input from target (probabilities, or log-probabilities
 * with logTarget). 'batchmean' divides the sum by the batch size.
 *
 * @see torch.nn.functional.kl_div
 * @example
 * ```ts
 * const logq = tg.tensor([0.5, 0.5]).log()
 * tg.nn.functional.klDiv(logq, tg.tensor([0.25, 0.75]), { reduction: 'sum' }) // tensor(0.1308)
 * ```
 */
export const klDiv = kw(signature('nn.functional.klDiv', 'input, target, sizeAverage, reduce, reduction, logTarget'), function klDiv(
  input: Tensor, target: Tensor, sizeAverage?: boolean | null | KlDivOptions, reduce?: boolean | null, reductionArg?: LossReduction | 'batchmean', logTarget?: boolean): Tensor {
  const op = 'klDiv';
  pairShape(op, input, target);
  const given = (sizeAverage !== undefined && sizeAverage !== null) || (reduce !== undefined && reduce !== null);
  const red = given ? lossReduction(op, sizeAverage, reduce, undefined) : (lossReduction(op, undefined, undefined, reductionArg, 'batchmean') as LossReduction | 'batchmean');
  if (logTarget !== undefined && typeof logTarget !== 'boolean') throw typeError(op, `logTarget must be a boolean, got ${describe(logTarget)}`);
  const loss = logTarget === true ? E.mul(E.exp(target), E.sub(target, input)) : E.sub(EM.xlogy(target, target), E.mul(target, input));
  if (red !== 'batchmean') return applyReduction(loss, red);
  const s = sum(loss);
  return input.ndim === 0 ? s : E.div(s, input.shape[0]);
});

/**
 * Poisson negative log likelihood (log input by default).
 *
 * Negative log likelihood of a Poisson target: exp(input) - target * input (logInput), or
 * input - target * log(input + eps); full adds Stirling's term where target > 1.
 *
 * @see torch.nn.functional.poisson_nll_loss
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.nn.functional.poissonNllLoss(x, tg.tensor([1, 2])) // tensor(0.8591)
 * ```
 */
export const poissonNllLoss = kw(signature('nn.functional.poissonNllLoss', 'input, target, logInput, full, sizeAverage, eps, reduce, reduction'), function poissonNllLoss(
  input: Tensor, target: Tensor, logInput?: boolean | PoissonNllOptions, full?: boolean, sizeAverage?: boolean | null, epsArg?: number, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'poissonNllLoss';
  target = floatTarget(op, input, target);
  pairShape(op, input, target);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const eps = checkNumber(op, 'eps', epsArg ?? 1e-8);
  let loss = logInput === false ? E.sub(input, E.mul(target, E.log(addScalar(input, eps)))) : E.sub(E.exp(input), E.mul(target, input));
  if (full === true) {
    const stirling = E.add(E.sub(E.mul(target, E.log(target)), target), E.mul(E.log(E.mul(target, 2 * Math.PI)), 0.5));
    loss = E.add(loss, E.where(E.le(target, 1), 0, stirling));
  }
  return applyReduction(loss, reduction);
});

/**
 * Gaussian negative log likelihood with a predicted variance.
 *
 * Gaussian negative log likelihood: 0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps)), var
 * shaped like input or one dim short / with a last dim of 1 (homoscedastic); full adds 0.5 log(2 pi).
 *
 * @see torch.nn.functional.gaussian_nll_loss
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.nn.functional.gaussianNllLoss(x, tg.tensor([1, 1]), tg.tensor([1, 2])) // tensor(0.4233)
 * ```
 */
export const gaussianNllLoss = kw(signature('nn.functional.gaussianNllLoss', 'input, target, var, full, eps, reduction'), function gaussianNllLoss(
  input: Tensor, target: Tensor, variance: Tensor, full?: boolean | GaussianNllOptions, epsArg?: number, reductionArg?: LossReduction): Tensor {
  const op = 'gaussianNllLoss';
  target = floatTarget(op, input, target);
  pairShape(op, input, target);
  checkFloat(op, ['var', variance]);
  const eps = checkNumber(op, 'eps', epsArg ?? 1e-6);
  let v = variance;
  const head = input.shape.slice(0, -1).join();
  if (v.shape.join() !== input.shape.join()) {
    if (input.ndim > 0 && v.shape.join() === head && v.ndim === input.ndim - 1) v = unsqueeze(v, -1);
    else if (!(v.ndim === input.ndim && v.ndim > 0 && v.shape.slice(0, -1).join() === head && v.shape[v.ndim - 1] === 1))
      throw rangeError(op, `var is of incorrect size: ${fmtShape(variance.shape)} for input of size ${fmtShape(input.shape)}`);
  }
  const reduction = lossReduction(op, undefined, undefined, reductionArg);
  const vv = v._data;
  for (let i = 0; i < vv.length; i++) if (vv[i] < 0) throw rangeError(op, 'var has negative entry/entries');
  // PyTorch clamps a clone of var in place without recording: the grad flows to var as if unclamped.
  v = v.clone();
  noGrad(() => v.clamp_(eps));
  const d = E.sub(input, target);
  let loss = E.mul(E.add(E.log(v), E.div(E.pow(d, 2), v)), 0.5);
  if (full === true) loss = E.add(loss, 0.5 * Math.log(2 * Math.PI));
  return applyReduction(loss, reduction);
});

/**
 * `max(0, -y (x1 - x2) + margin)`.
 *
 * max(0, -target (input1 - input2) + margin) for target in {1, -1}.
 *
 * @see torch.nn.functional.margin_ranking_loss
 * @example
 * ```ts
 * const a = tg.tensor([1, 2])
 * tg.nn.functional.marginRankingLoss(a, tg.tensor([2, 1]), tg.tensor([1, 1])) // tensor(0.5000)
 * ```
 */
export const marginRankingLoss = kw(signature('nn.functional.marginRankingLoss', 'input1, input2, target, margin, sizeAverage, reduce, reduction'), function marginRankingLoss(
  input1: Tensor, input2: Tensor, target: Tensor, marginArg?: number | MarginLossOptions, sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'marginRankingLoss';
  target = floatTarget(op, input1, target);
  checkFloat(op, ['input1', input1], ['input2', input2], ['target', target]);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const margin = checkNumber(op, 'margin', marginArg ?? 0);
  if (input1.ndim !== input2.ndim || input1.ndim !== target.ndim)
    throw rangeError(op, `All input tensors should have same dimension but got sizes: input1: ${fmtShape(input1.shape)}, input2: ${fmtShape(input2.shape)}, target: ${fmtShape(target.shape)}`);
  broadcastShapes(op, broadcastShapes(op, input1.shape, input2.shape), target.shape);
  return applyReduction(clampMin(addScalar(E.mul(E.neg(target), E.sub(input1, input2)), margin), 0), reduction);
});

/**
 * `x` for y = 1, `max(0, margin - x)` for y = -1.
 *
 * input where target == 1, max(0, margin - input) where target == -1 (both terms where target is neither).
 *
 * @see torch.nn.functional.hinge_embedding_loss
 * @example
 * ```ts
 * const x = tg.tensor([0.3, 0.3])
 * tg.nn.functional.hingeEmbeddingLoss(x, tg.tensor([1, -1])) // tensor(0.5000)
 * ```
 */
export const hingeEmbeddingLoss = kw(signature('nn.functional.hingeEmbeddingLoss', 'input, target, margin, sizeAverage, reduce, reduction'), function hingeEmbeddingLoss(
  input: Tensor, target: Tensor, marginArg?: number | MarginLossOptions, sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'hingeEmbeddingLoss';
  target = floatTarget(op, input, target);
  pairShape(op, input, target);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const margin = checkNumber(op, 'margin', marginArg ?? 1);
  const marginClamp = clampMin(E.sub(margin, input), 0);
  const out = E.add(E.where(E.ne(target, 1), marginClamp, 0), E.where(E.ne(target, -1), input, 0));
  return applyReduction(out, reduction);
});

/**
 * `1 - cos(x1, x2)` for y = 1, `max(0, cos - margin)` for y = -1.
 *
 * 1 - cos(x1, x2) where target == 1, max(0, cos(x1, x2) - margin) where target == -1 (inputs [N, D] or [D]).
 *
 * @see torch.nn.functional.cosine_embedding_loss
 * @example
 * ```ts
 * const a = tg.tensor([[1, 0]])
 * tg.nn.functional.cosineEmbeddingLoss(a, tg.tensor([[0, 1]]), tg.tensor([1])) // tensor(1.)
 * ```
 */
export const cosineEmbeddingLoss = kw(signature('nn.functional.cosineEmbeddingLoss', 'input1, input2, target, margin, sizeAverage, reduce, reduction'), function cosineEmbeddingLoss(
  input1: Tensor, input2: Tensor, target: Tensor, marginArg?: number | MarginLossOptions, sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'cosineEmbeddingLoss';
  target = floatTarget(op, input1, target);
  checkFloat(op, ['input1', input1], ['input2', input2], ['target', target]);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const margin = checkNumber(op, 'margin', marginArg ?? 0);
  const td = target.ndim;
  if (td > 1) throw rangeError(op, `0D or 1D target tensor expected, multi-target not supported (target of shape ${fmtShape(target.shape)})`);
  const want = td === 1 ? 2 : 1;
  if (input1.ndim !== want || input2.ndim !== want)
    throw rangeError(op, `${td}D target tensor expects ${want}D input tensors, but found inputs with sizes ${fmtShape(input1.shape)} and ${fmtShape(input2.shape)}.`);
  if (input1.shape.join() !== input2.shape.join() || (td === 1 && target.shape[0] !== input1.shape[0]))
    throw rangeError(op, `input1 ${fmtShape(input1.shape)}, input2 ${fmtShape(input2.shape)} and target ${fmtShape(target.shape)} do not match`);
  const EPS = 1e-12;
  const prodSum = sum(E.mul(input1, input2), td);
  const mag1 = addScalar(sum(E.mul(input1, input1), td), EPS);
  const mag2 = addScalar(sum(E.mul(input2, input2), td), EPS);
  const cos = E.div(prodSum, E.sqrt(E.mul(mag1, mag2)));
  const pos = E.sub(1, cos);
  const neg = clampMin(E.sub(cos, margin), 0);
  return applyReduction(E.add(E.where(E.eq(target, 1), pos, 0), E.where(E.eq(target, -1), neg, 0)), reduction);
});

/**
 * The p-norm distance between rows of x1 and x2.
 *
 * ||x1 - x2 + eps||_p over the last dim (PyTorch's pairwise_distance: NormBackward1 over AddBackward1).
 *
 * @see torch.nn.functional.pairwise_distance
 * @example
 * ```ts
 * const a = tg.tensor([[0, 0]])
 * tg.nn.functional.pairwiseDistance(a, tg.tensor([[3, 4]])) // tensor([5.0000])
 * ```
 */
export const pairwiseDistance = kw(signature('nn.functional.pairwiseDistance', 'x1, x2, p, eps, keepdim'), function pairwiseDistance(
  x1: Tensor, x2: Tensor, pArg?: number | PairwiseDistanceOptions, epsArg?: number, keepdim?: boolean): Tensor {
  const op = 'pairwiseDistance';
  checkFloat(op, ['x1', x1], ['x2', x2]);
  const p = checkNumber(op, 'p', pArg ?? 2), eps = checkNumber(op, 'eps', epsArg ?? 1e-6);
  const shape = broadcastShapes(op, x1.shape, x2.shape);
  if (shape.length === 0) throw rangeError(op, `expected inputs with at least 1 dimension, got ${fmtShape(x1.shape)} and ${fmtShape(x2.shape)}`);
  return norm(addScalar(E.sub(x1, x2), eps), p, shape.length - 1, keepdim ?? false);
});

/**
 * `max(d(a, p) - d(a, n) + margin, 0)` with the p-norm distance.
 *
 * max(0, margin + d(anchor, positive) - d(anchor, negative)); swap uses min(d(a, n), d(p, n)).
 *
 * @see torch.nn.functional.triplet_margin_loss
 * @example
 * ```ts
 * const a = tg.tensor([[0, 0]])
 * tg.nn.functional.tripletMarginLoss(a, tg.tensor([[0, 1]]), tg.tensor([[0, 3]])) // tensor(0.)
 * ```
 */
export const tripletMarginLoss = kw(signature('nn.functional.tripletMarginLoss', 'anchor, positive, negative, margin, p, eps, swap, sizeAverage, reduce, reduction'), function tripletMarginLoss(
  anchor: Tensor, positive: Tensor, negative: Tensor, marginArg?: number | TripletMarginOptions, pArg?: number, epsArg?: number, swap?: boolean, sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'tripletMarginLoss';
  checkFloat(op, ['anchor', anchor], ['positive', positive], ['negative', negative]);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  const margin = checkNumber(op, 'margin', marginArg ?? 1), p = pArg ?? 2, eps = epsArg ?? 1e-6;
  if (anchor.ndim !== positive.ndim || anchor.ndim !== negative.ndim)
    throw rangeError(op, `The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${fmtShape(anchor.shape)}, positive ${fmtShape(positive.shape)}, and negative ${fmtShape(negative.shape)} inputs`);
  const dPos = pairwiseDistance(anchor, positive, p, eps);
  let dNeg = pairwiseDistance(anchor, negative, p, eps);
  if (swap === true) dNeg = E.minimum(dNeg, pairwiseDistance(positive, negative, p, eps));
  return applyReduction(clampMin(E.sub(addScalar(dPos, margin), dNeg), 0), reduction);
});

export interface TripletDistanceOptions { distanceFunction?: ((a: Tensor, b: Tensor) => Tensor) | null; margin?: number; swap?: boolean; reduction?: LossReduction }
/**
 * Triplet margin loss with a distance function of your choice.
 *
 * tripletMarginLoss with any distance (default pairwiseDistance): max(0, margin + d(a, p) - d(a, n)).
 *
 * @see torch.nn.functional.triplet_margin_with_distance_loss
 * @example
 * ```ts
 * const a = tg.tensor([[0, 0]])
 * tg.nn.functional.tripletMarginWithDistanceLoss(a, tg.tensor([[0, 1]]), tg.tensor([[0, 3]]), { distanceFunction: (x, y) => x.sub(y).abs().sum(1) })
 * // tensor(0.)
 * ```
 */
export const tripletMarginWithDistanceLoss = kw(signature('nn.functional.tripletMarginWithDistanceLoss', 'anchor, positive, negative, distanceFunction, margin, swap, reduction'), function tripletMarginWithDistanceLoss(
  anchor: Tensor, positive: Tensor, negative: Tensor, distanceFunction?: ((a: Tensor, b: Tensor) => Tensor) | null | TripletDistanceOptions, marginArg?: number, swap?: boolean, reductionArg?: LossReduction): Tensor {
  const op = 'tripletMarginWithDistanceLoss';
  checkFloat(op, ['anchor', anchor], ['positive', positive], ['negative', negative]);
  const reduction = lossReduction(op, undefined, undefined, reductionArg);
  const margin = checkNumber(op, 'margin', marginArg ?? 1);
  if (distanceFunction !== undefined && distanceFunction !== null && typeof distanceFunction !== 'function')
    throw typeError(op, `distanceFunction must be a function, got ${describe(distanceFunction)}`);
  const dist = (distanceFunction as ((a: Tensor, b: Tensor) => Tensor) | null | undefined) ?? ((a: Tensor, b: Tensor) => pairwiseDistance(a, b));
  const dPos = dist(anchor, positive);
  let dNeg = dist(anchor, negative);
  if (swap === true) dNeg = E.minimum(dNeg, dist(positive, negative));
  // PyTorch 1.13's Python composition: torch.clamp(d_pos - d_neg + margin, min=0.0) (ClampBackward1)
  return applyReduction(E.clamp(E.add(E.sub(dPos, dNeg), margin), { min: 0 }), reduction);
});

/**
 * Multi-label one-versus-all logistic loss.
 *
 * -(y logsigmoid(x) + (1 - y) logsigmoid(-x)), times weight, averaged over the classes (the last dim).
 *
 * @see torch.nn.functional.multilabel_soft_margin_loss
 * @example
 * ```ts
 * const x = tg.tensor([[0, 2]])
 * tg.nn.functional.multilabelSoftMarginLoss(x, tg.tensor([[0, 1]])) // tensor(0.4100)
 * ```
 */
export const multilabelSoftMarginLoss = kw(signature('nn.functional.multilabelSoftMarginLoss', 'input, target, weight, sizeAverage, reduce, reduction'), function multilabelSoftMarginLoss(
  input: Tensor, target: Tensor, weight?: Tensor | null | WeightedLossOptions, sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: LossReduction): Tensor {
  const op = 'multilabelSoftMarginLoss';
  target = floatTarget(op, input, target);
  pairShape(op, input, target);
  const reduction = lossReduction(op, sizeAverage, reduce, reductionArg);
  if (input.ndim === 0) throw rangeError(op, 'expected an input with a class dim, got a 0-d tensor');
  let loss = E.neg(E.add(E.mul(target, logsigmoid(input)), E.mul(E.rsub(target, 1), logsigmoid(E.neg(input)))));
  if (weight !== undefined && weight !== null) {
    checkTensor(op, weight, 'weight');
    broadcastShapes(op, loss.shape, weight.shape);
    loss = E.mul(loss, weight);
  }
  const classDim = input.ndim - 1;
  return applyReduction(E.div(sum(loss, classDim), input.shape[classDim]), reduction);
});

/**
 * `log(sigmoid(x))`, computed stably.
 *
 * log(sigmoid(x)) computed stably as -(max(-x, 0) + log1p(exp(-|x|))) (LogSigmoidBackward0).
 *
 * @see torch.nn.functional.logsigmoid
 * @example
 * ```ts
 * const x = tg.tensor([0, 2])
 * tg.nn.functional.logsigmoid(x) // tensor([-0.6931, -0.1269])
 * ```
 */
export const logsigmoid = kw(signature('nn.functional.logsigmoid', 'input'), function logsigmoid(input: Tensor): Tensor {
  checkFloat('logsigmoid', ['input', input]);
  const out = noGrad(() => E.neg(E.add(E.relu(E.neg(input)), EM.log1p(E.exp(E.neg(E.abs(input)))))));
  return record('lossLogSigmoid', [input], out, () => ({ self: input }));
});
