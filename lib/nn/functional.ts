// tg.nn.functional: linear, activations, dropout and losses, with PyTorch 1.13's semantics and node names.
// Fused losses (mseLoss, nllLoss, binaryCrossEntropyWithLogits), linear (addmm) and gelu are rows in the
// derivative table (nn section of lib/autograd/derivatives.ts); the rest compose tensorgrad ops exactly as
// PyTorch composes them (crossEntropy = nllLoss(logSoftmax(x)), label smoothing, probability targets).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { broadcastShapes, numelOf } from '../shape.js';
import { noGrad } from '../autograd/grad_mode.js';
import { record } from '../autograd/function_node.js';
import { indexInts } from '../ops/int64.js';
import * as E from '../ops/elementwise.js';
import { sum, mean } from '../ops/reduce.js';
import { matmul, mm, bmm } from '../ops/linalg.js';
import { t, reshape, view, unsqueeze, squeeze, transpose, expand, narrow, cat, chunk, split, permute, flatten as flattenOp } from '../ops/shape.js';
import { to, arange, rand, full, zeros, zerosLike } from '../ops/creation.js';
import { repeat } from '../ops/structure.js';
import { maskedFill } from '../ops/masked.js';
import { logicalOr } from '../ops/elementwise_math.js';
import { softmax as softmaxOp, logSoftmax as logSoftmaxOp, softmaxInput } from '../ops/softmax.js';
import * as NN from '../ops/nn.js';
import type { Reduction } from '../ops/nn.js';
import { kw, signature } from '../kwargs.js';
import { withInplace } from '../ops/activation.js';
import { inplaceMath } from '../ops/methods_math.js';

export type { Reduction };

function checkReduction(op: string, r: unknown): Reduction {
  const v = r ?? 'mean';
  if (v !== 'mean' && v !== 'sum' && v !== 'none') throw rangeError(op, `${String(v)} is not a valid value for reduction`);
  return v;
}

/**
 * The reduction, with PyTorch's deprecated sizeAverage / reduce flags overriding it when either is given
 * (_Reduction.legacy_get_string).
 */
function reductionOf(op: string, sizeAverage: unknown, reduce: unknown, reduction: unknown): Reduction {
  if ((sizeAverage === undefined || sizeAverage === null) && (reduce === undefined || reduce === null)) return checkReduction(op, reduction);
  for (const [name, v] of [['sizeAverage', sizeAverage], ['reduce', reduce]] as const)
    if (v !== undefined && v !== null && typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
  if (reduce === false) return 'none';
  return sizeAverage === false ? 'sum' : 'mean';
}

/** The trailing-options form of the losses (the kw() wrapper merges it into the positional arguments). */
type LossOptions = { sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: Reduction };

// ---- linear -------------------------------------------------------------------------------------------------
/**
 * `input @ weight.T + bias`.
 *
 * x @ weight^T + bias, recorded as PyTorch records it: AddmmBackward0 for 2-D input with a bias, MmBackward0
 * without; ViewBackward0 over AddmmBackward0 for 3-D input.
 *
 * @see torch.nn.functional.linear
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2]])
 * tg.nn.functional.linear(x, tg.tensor([[1, 1], [0, 1]]), tg.tensor([0, 10])) // tensor([[ 3., 12.]])
 * ```
 */
export const linear = kw(signature('nn.functional.linear', 'input, weight, bias'), function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  checkTensor('linear', input, 'input');
  checkTensor('linear', weight, 'weight');
  if (bias !== undefined && bias !== null) checkTensor('linear', bias, 'bias');
  if (weight.ndim !== 2) throw rangeError('linear', `weight must be 2-D, got shape ${fmtShape(weight.shape)}`);
  const k = input.shape[input.ndim - 1];
  if (input.ndim === 0 || k !== weight.shape[1])
    throw rangeError('linear', `input shape ${fmtShape(input.shape)} and weight shape ${fmtShape(weight.shape)} cannot be multiplied (last dim of input must be ${weight.shape[1]})`);
  const hasBias = bias !== undefined && bias !== null;
  if (hasBias && !(bias.ndim <= 1 && (bias.numel() === weight.shape[0] || bias.numel() === 1)))
    throw rangeError('linear', `bias of shape ${fmtShape(bias.shape)} does not match weight of shape ${fmtShape(weight.shape)}`);
  if (input.dtype !== weight.dtype) throw typeError('linear', `expected input and weight to have the same dtype, but got ${input.dtype} and ${weight.dtype}`);
  if (input.ndim === 2) return NN.linear2d(input, weight, hasBias ? bias : null);
  // A 3-D input whose first two dims merge into one (a contiguous one) runs as one 2-D linear; others go
  // through matmul, which copies them first (PyTorch takes the same two paths).
  if (input.ndim === 3 && hasBias && input.isContiguous()) {
    const [a, b] = input.shape;
    const out = NN.linear2d(view(input, [a * b, k]), weight, bias);
    return view(out, [a, b, weight.shape[0]]);
  }
  const out = matmul(input, t(weight));
  return hasBias ? E.add(out, bias) : out;
});

// ---- activations ----------------------------------------------------------------------------------------------
/**
 * `max(input, 0)`, elementwise (`inplace` modifies input).
 *
 * @see torch.nn.functional.relu
 * @example
 * ```ts
 * const x = tg.tensor([-1, 2])
 * tg.nn.functional.relu(x) // tensor([0., 2.])
 * ```
 */
export const relu = kw(signature('nn.functional.relu', 'input, inplace'), function relu(x: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  if (inplace !== undefined && inplace !== null && typeof inplace !== 'boolean') throw typeError('relu', `inplace must be a boolean, got ${describe(inplace)}`);
  // relu_ saves its result, not self: no copy of x (inplaceMath)
  return inplace === true ? inplaceMath('relu_', x, E.relu) : E.relu(x);
});
/**
 * The logistic function, elementwise.
 *
 * @see torch.nn.functional.sigmoid
 * @example
 * ```ts
 * const x = tg.tensor([0])
 * tg.nn.functional.sigmoid(x) // tensor([0.5000])
 * ```
 */
export const sigmoid = kw(signature('nn.functional.sigmoid', 'input'), function sigmoid(x: Tensor): Tensor {
  return E.sigmoid(x);
});
/**
 * Hyperbolic tangent, elementwise.
 *
 * @see torch.nn.functional.tanh
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.nn.functional.tanh(x) // tensor([0.0000, 0.7616])
 * ```
 */
export const tanh = kw(signature('nn.functional.tanh', 'input'), function tanh(x: Tensor): Tensor {
  return E.tanh(x);
});

/**
 * Gaussian error linear unit (`approximate: 'tanh'` for the tanh form).
 *
 * Gaussian error linear unit; approximate: 'none' (erf, default) or 'tanh'.
 *
 * @see torch.nn.functional.gelu
 * @example
 * ```ts
 * const x = tg.tensor([-1, 0, 1])
 * tg.nn.functional.gelu(x) // tensor([-0.1587,  0.0000,  0.8413])
 * ```
 */
export const gelu = kw(signature('nn.functional.gelu', 'input, approximate'), function gelu(x: Tensor, approximateArg?: { approximate?: NN.GeluApproximate } | NN.GeluApproximate | null): Tensor {
  checkTensor('gelu', x, 'input');
  const approximate = approximateArg ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') throw rangeError('gelu', `approximate must be 'none' or 'tanh', got ${String(approximate)}`);
  if (!isFloat(x.dtype)) throw typeError('gelu', `not implemented for dtype ${x.dtype}`);
  return NN.gelu(x, approximate);
});

type DimArg = number | { dim: number; dtype?: 'float32' | 'float64' };
type SoftDtype = 'float32' | 'float64' | null;
function softDim(op: string, x: Tensor, dim: DimArg, dtype: SoftDtype | undefined): [Tensor, number] {
  checkTensor(op, x, 'input');
  return [softmaxInput(op, x, dtype), dim as number];
}
/**
 * Softmax along `dim`.
 *
 * @see torch.nn.functional.softmax
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [1, 1]])
 * tg.nn.functional.softmax(x, 1)
 * // tensor([[0.2689, 0.7311],
 * //         [0.5000, 0.5000]])
 * ```
 */
export const softmax = kw(signature('nn.functional.softmax', 'input, dim, dtype'), function softmax(x: Tensor, dim: DimArg, dtype?: SoftDtype): Tensor {
  const [src, d] = softDim('softmax', x, dim, dtype);
  return softmaxOp(src, d);
});
/**
 * log(softmax) along `dim`, computed stably.
 *
 * @see torch.nn.functional.log_softmax
 * @example
 * ```ts
 * const x = tg.tensor([1, 1])
 * tg.nn.functional.logSoftmax(x, 0) // tensor([-0.6931, -0.6931])
 * ```
 */
export const logSoftmax = kw(signature('nn.functional.logSoftmax', 'input, dim, dtype'), function logSoftmax(x: Tensor, dim: DimArg, dtype?: SoftDtype): Tensor {
  const [src, d] = softDim('logSoftmax', x, dim, dtype);
  return logSoftmaxOp(src, d);
});

/**
 * Zeroes elements with probability p and scales the rest by 1/(1-p) while `training`.
 *
 * Zeroes each element with probability p and scales the rest by 1 / (1 - p) when training (default true),
 * as PyTorch does (x * mask: MulBackward0). Uses the tg.manualSeed generator.
 *
 * @see torch.nn.functional.dropout
 * @example
 * ```ts
 * const x = tg.ones(4)
 * tg.nn.functional.dropout(x, { p: 0.5, training: false }) // tensor([1., 1., 1., 1.])
 * ```
 */
export const dropout = kw(signature('nn.functional.dropout', 'input, p, training, inplace'), function dropout(x: Tensor, p: number | { p?: number; training?: boolean; inplace?: boolean } = 0.5, training = true, inplace?: boolean): Tensor {
  checkTensor('dropout', x, 'input');
  const prob = p as number;
  if (typeof prob !== 'number' || !(prob >= 0 && prob <= 1)) throw rangeError('dropout', `dropout probability has to be between 0 and 1, but got ${String(prob)}`);
  if (typeof training !== 'boolean') throw typeError('dropout', `training must be a boolean, got ${describe(training)}`);
  if (!isFloat(x.dtype)) throw typeError('dropout', `expected a floating point tensor, got ${x.dtype}`);
  if (inplace !== undefined && inplace !== null && typeof inplace !== 'boolean') throw typeError('dropout', `inplace must be a boolean, got ${describe(inplace)}`);
  if (prob === 0 || !training || x.numel() === 0) return x;
  return withInplace('dropout', x, inplace, (t) => {
    if (prob === 1) return E.mul(t, full([], 0, { dtype: t.dtype }));
    const mask = noGrad(() => E.div(to(E.lt(rand(t.shape, { dtype: t.dtype }), 1 - prob), t.dtype), 1 - prob));
    return E.mul(t, mask);
  });
});

/**
 * Flattens dims startDim..endDim into one.
 *
 * Flattens dims startDim..endDim (nn.Flatten defaults to 1..-1).
 *
 * @see torch.flatten
 * @example
 * ```ts
 * const x = tg.zeros(2, 3, 4)
 * tg.nn.functional.flatten(x, 1).shape // => [2, 12]
 * ```
 */
export const flatten = kw(signature('nn.functional.flatten', 'input, startDim, endDim'), function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  return flattenOp(x, startDim, endDim);
});

// ---- losses -----------------------------------------------------------------------------------------------------
function reduceValue(x: Tensor, reduction: Reduction): Tensor {
  return reduction === 'mean' ? mean(x) : reduction === 'sum' ? sum(x) : x;
}

/**
 * Mean squared error.
 *
 * Mean squared error (MseLossBackward0).
 *
 * @see torch.nn.functional.mse_loss
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.nn.functional.mseLoss(x, tg.tensor([1, 4])) // tensor(2.)
 * ```
 */
export const mseLoss = kw(signature('nn.functional.mseLoss', 'input, target, sizeAverage, reduce, reduction'), function mseLoss(input: Tensor, target: Tensor, sizeAverage?: boolean | null | LossOptions, reduce?: boolean | null, reductionArg?: Reduction): Tensor {
  checkTensor('mseLoss', input, 'input');
  checkTensor('mseLoss', target, 'target');
  const reduction = reductionOf('mseLoss', sizeAverage, reduce, reductionArg);
  // An integer target of a float input is promoted, as PyTorch's forward does (its backward then fails with
  // "Found dtype Long but expected Float"; here it works: docs/porting.md).
  if (isFloat(input.dtype) && !isFloat(target.dtype)) target = target.to(input.dtype);
  if (!isFloat(input.dtype) || !isFloat(target.dtype)) throw typeError('mseLoss', `expected floating point input and target, got ${input.dtype} and ${target.dtype}`);
  broadcastShapes('mseLoss', input.shape, target.shape);
  const out = noGrad(() => {
    const d = E.sub(input, target);
    return reduceValue(E.mul(d, d), reduction);
  });
  const n = numelOf(broadcastShapes('mseLoss', input.shape, target.shape));
  return record('nnMseLoss', [input, target], out, () => ({ self: input, target, norm: reduction === 'mean' ? 2 / n : 2 }));
});

export interface NllOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
  reduction?: Reduction;
}

interface ClassTargets {
  classDim: number;
  nClasses: number;
  /** one-hot * class weight * (target != ignoreIndex), shaped like input, in input's dtype. */
  mask: Tensor;
  /** the target with the class dim inserted (for the label-smoothing path). */
  valid: Tensor;
}

/** The checks of classTargets alone (O(n)), for crossEntropy to report a bad target under its own name. */
function checkClassTargets(op: string, input: Tensor, target: Tensor, weight: Tensor | null | undefined, ignoreIndex: number): void {
  if (input.ndim === 0) throw rangeError(op, 'input must have at least 1 dimension (classes)');
  const classDim = input.ndim === 1 ? 0 : 1;
  const nClasses = input.shape[classDim];
  const expected = input.ndim === 1 ? [] : [input.shape[0], ...input.shape.slice(2)];
  if (target.shape.join() !== expected.join())
    throw rangeError(op, `expected target of shape ${fmtShape(expected)} for input of shape ${fmtShape(input.shape)}, got ${fmtShape(target.shape)}`);
  if (!Number.isInteger(ignoreIndex)) throw typeError(op, `ignoreIndex must be an integer, got ${describe(ignoreIndex)}`);
  const tv = indexInts(op, target, 'target'); // numbers: an int64 target's values are bigints (-100n !== -100)
  for (let i = 0; i < tv.length; i++) {
    const v = tv[i];
    if (v !== ignoreIndex && (v < 0 || v >= nClasses)) throw rangeError(op, `Target ${v} is out of bounds (${nClasses} classes; input of shape ${fmtShape(input.shape)}, target of shape ${fmtShape(target.shape)}).`);
  }
  if (weight !== undefined && weight !== null) {
    checkTensor(op, weight, 'weight');
    if (weight.ndim !== 1 || weight.shape[0] !== nClasses)
      throw rangeError(op, `weight tensor should be defined either for all ${nClasses} classes or no classes but got weight tensor of shape: ${fmtShape(weight.shape)}`);
  }
}

/** Validates class-index targets and builds the weighted one-hot mask used by nllLoss and crossEntropy. */
function classTargets(op: string, input: Tensor, target: Tensor, weight: Tensor | null | undefined, ignoreIndex: number): ClassTargets {
  checkClassTargets(op, input, target, weight, ignoreIndex);
  const classDim = input.ndim === 1 ? 0 : 1;
  const nClasses = input.shape[classDim];
  const viewShape = input.shape.map((n, i) => (i === classDim ? n : 1));
  return noGrad(() => {
    const tgt = input.ndim === 1 ? target : unsqueeze(target, 1);
    const positions = reshape(arange(nClasses, { dtype: 'int64' }), viewShape);
    let mask = to(E.eq(tgt, positions), input.dtype);
    if (weight !== undefined && weight !== null) mask = E.mul(mask, reshape(to(weight, input.dtype), viewShape));
    const valid = E.ne(tgt, ignoreIndex);
    if (ignoreIndex >= 0 && ignoreIndex < nClasses) mask = E.mul(mask, valid);
    if (mask.shape.join() !== input.shape.join()) mask = mask.expand(input.shape);
    return { classDim, nClasses, mask, valid };
  });
}

/**
 * Negative log likelihood of target classes given log-probabilities.
 *
 * Negative log likelihood of log-probabilities input [N, C] (or [C], or [N, C, d...]) at int64 (or int32) class
 * indices target [N] (NllLossBackward0).
 *
 * @see torch.nn.functional.nll_loss
 * @example
 * ```ts
 * const logp = tg.tensor([[-0.1, -2.3], [-1.2, -0.4]])
 * tg.nn.functional.nllLoss(logp, tg.tensor([0, 1], { dtype: 'int32' })) // tensor(0.2500)
 * ```
 */
export const nllLoss = kw(signature('nn.functional.nllLoss', 'input, target, weight, sizeAverage, ignoreIndex, reduce, reduction'), function nllLoss(input: Tensor, target: Tensor, weightArg?: Tensor | null | NllOptions & LossOptions, sizeAverage?: boolean | null, ignoreIndexArg?: number,
  reduce?: boolean | null, reductionArg?: Reduction): Tensor {
  checkTensor('nllLoss', input, 'input');
  checkTensor('nllLoss', target, 'target');
  const o: NllOptions = { weight: weightArg as Tensor | null | undefined, ignoreIndex: ignoreIndexArg };
  const reduction = reductionOf('nllLoss', sizeAverage, reduce, reductionArg);
  if (!isFloat(input.dtype)) throw typeError('nllLoss', `expected a floating point input, got ${input.dtype}`);
  if (target.dtype !== 'int64' && target.dtype !== 'int32') throw typeError('nllLoss', `expected an int64 or int32 target of class indices, got ${target.dtype}`);
  const ignoreIndex = o.ignoreIndex ?? -100;
  if (input.ndim <= 2 || input.ndim === 4) return nllCore(input, target, o.weight, ignoreIndex, reduction);
  // PyTorch's nll_loss_nd: other ranks go through nll_loss2d on a 4-D view.
  if (input.ndim > 2 && target.ndim !== input.ndim - 1)
    throw rangeError('nllLoss', `expected target of shape [N, d1, ...] for input of shape ${fmtShape(input.shape)}, got ${fmtShape(target.shape)}`);
  checkClassTargets('nllLoss', input, target, o.weight, ignoreIndex); // on the caller's shapes, not the 4-D view's
  const [n, c] = input.shape;
  const v4 = input.ndim === 3 ? [n, c, input.shape[2], 1] : [n, c, 1, -1];
  const t3 = input.ndim === 3 ? [n, target.shape[1], 1] : [n, 1, -1];
  // PyTorch's nll_loss_nd views input.contiguous() (a clone for a non-contiguous input).
  const out = nllCore(view(input.contiguous(), v4), reshape(target, t3), o.weight, ignoreIndex, reduction);
  return reduction === 'none' ? view(out, target.shape) : out;
});

function nllCore(input: Tensor, target: Tensor, weight: Tensor | null | undefined, ignoreIndex: number, reduction: Reduction): Tensor {
  const { classDim, mask } = classTargets('nllLoss', input, target, weight, ignoreIndex);
  const [out, totalWeight] = noGrad(() => {
    const per = E.neg(sum(E.mul(input, mask), classDim));
    const total = sum(mask);
    const r = reduction === 'mean' ? E.div(sum(per), total) : reduction === 'sum' ? sum(per) : per;
    return [r, total];
  });
  const row = input.ndim === 4 ? 'nnNllLoss2d' : 'nnNllLoss';
  return record(row, [input], out, () => ({ mask, reduction, totalWeight, classDim, ndim: input.ndim }));
}

export interface CrossEntropyOptions extends NllOptions {
  labelSmoothing?: number;
}

/**
 * Cross entropy of logits against class indices or probabilities (with label smoothing).
 *
 * Cross entropy of logits [N, C] (or [C], [N, C, d...]) against int32 class indices or class probabilities
 * shaped like the input. As PyTorch: nllLoss(logSoftmax(x)) for indices; label smoothing mixes in the
 * uniform distribution.
 *
 * @see torch.nn.functional.cross_entropy
 * @example
 * ```ts
 * const logits = tg.tensor([[2, 0], [0, 2]])
 * tg.nn.functional.crossEntropy(logits, tg.tensor([0, 1], { dtype: 'int32' })) // tensor(0.1269)
 * ```
 */
export const crossEntropy = kw(signature('nn.functional.crossEntropy', 'input, target, weight, sizeAverage, ignoreIndex, reduce, reduction, labelSmoothing'), function crossEntropy(input: Tensor, target: Tensor, weightArg?: Tensor | null | CrossEntropyOptions & LossOptions, sizeAverage?: boolean | null,
  ignoreIndex?: number, reduce?: boolean | null, reductionArg?: Reduction, labelSmoothing?: number): Tensor {
  checkTensor('crossEntropy', input, 'input');
  checkTensor('crossEntropy', target, 'target');
  const o: CrossEntropyOptions = { weight: weightArg as Tensor | null | undefined, ignoreIndex, labelSmoothing };
  const reduction = reductionOf('crossEntropy', sizeAverage, reduce, reductionArg);
  const ls = o.labelSmoothing ?? 0;
  if (typeof ls !== 'number' || !(ls >= 0 && ls <= 1)) throw rangeError('crossEntropy', `labelSmoothing must be between 0.0 and 1.0. Got: ${String(ls)}`);
  if (!isFloat(input.dtype)) throw typeError('crossEntropy', `expected a floating point input, got ${input.dtype}`);
  if (input.ndim === 0) throw rangeError('crossEntropy', 'input must have at least 1 dimension (classes)');
  const classDim = input.ndim === 1 ? 0 : 1;
  const nClasses = input.shape[classDim];
  const weight = o.weight ?? null;
  const viewShape = input.shape.map((n, i) => (i === classDim ? n : 1));

  if (target.dtype === 'int64' || target.dtype === 'int32') {
    const ignoreIndex = o.ignoreIndex ?? -100;
    checkClassTargets('crossEntropy', input, target, weight, ignoreIndex); // else nllLoss reports a bad target
    const logp = logSoftmaxOp(input, classDim);
    const nll = nllLoss(logp, target, { weight, ignoreIndex, reduction });
    if (ls === 0) return nll;
    // PyTorch's cross_entropy_loss_label_smoothing.
    const { valid, mask } = classTargets('crossEntropy', input, target, weight, ignoreIndex);
    const validF = noGrad(() => to(input.ndim === 1 ? valid : valid.squeeze(1), input.dtype));
    let smooth = weight !== null ? E.neg(sum(E.mul(logp, reshape(weight, viewShape)), classDim)) : E.neg(sum(logp, classDim));
    smooth = E.mul(smooth, validF);
    let ret: Tensor;
    if (reduction === 'mean') {
      const denom = noGrad(() => (weight !== null ? sum(mask) : sum(validF)));
      ret = E.div(sum(smooth), denom);
    } else ret = reduction === 'sum' ? sum(smooth) : smooth;
    return E.add(NN.mulScalar(nll, 1 - ls), NN.mulScalar(ret, ls / nClasses));
  }

  if (!isFloat(target.dtype)) throw typeError('crossEntropy', `expected int32 class indices or floating point class probabilities as target, got ${target.dtype}`);
  if (target.shape.join() !== input.shape.join())
    throw rangeError('crossEntropy', `expected class-probability target of shape ${fmtShape(input.shape)}, got ${fmtShape(target.shape)}`);
  if (o.ignoreIndex !== undefined && o.ignoreIndex !== -100)
    throw rangeError('crossEntropy', 'ignoreIndex is only supported for class-index (int32) targets');
  if (weight !== null && (weight.ndim !== 1 || weight.shape[0] !== nClasses))
    throw rangeError('crossEntropy', `weight tensor should be defined for all ${nClasses} classes, got shape ${fmtShape(weight.shape)}`);
  // PyTorch's cross_entropy_loss_prob_target.
  const tgt = ls > 0 ? E.add(E.mul(target, 1 - ls), ls / nClasses) : target;
  const logp = logSoftmaxOp(input, classDim);
  let prod = E.mul(logp, tgt);
  if (weight !== null) prod = E.mul(prod, reshape(weight, viewShape));
  if (reduction === 'mean') return NN.divScalar(E.neg(sum(prod)), input.numel() / nClasses);
  if (reduction === 'sum') return E.neg(sum(prod));
  return E.neg(sum(prod, classDim));
});

export interface BceWithLogitsOptions {
  weight?: Tensor | null;
  posWeight?: Tensor | null;
  reduction?: Reduction;
}

/**
 * Binary cross entropy of logits, computed stably (with posWeight).
 *
 * Binary cross entropy on logits, stable for any x: max(x, 0) - x*y + log1p(exp(-|x|)), with optional
 * per-element weight and per-class posWeight (BinaryCrossEntropyWithLogitsBackward0).
 *
 * @see torch.nn.functional.binary_cross_entropy_with_logits
 * @example
 * ```ts
 * const z = tg.tensor([0, 2])
 * tg.nn.functional.binaryCrossEntropyWithLogits(z, tg.tensor([0, 1])) // tensor(0.4100)
 * ```
 */
export const binaryCrossEntropyWithLogits = kw(signature('nn.functional.binaryCrossEntropyWithLogits', 'input, target, weight, sizeAverage, reduce, reduction, posWeight'), function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, weightArg?: Tensor | null | BceWithLogitsOptions & LossOptions,
  sizeAverage?: boolean | null, reduce?: boolean | null, reductionArg?: Reduction, posWeightArg?: Tensor | null): Tensor {
  checkTensor('binaryCrossEntropyWithLogits', input, 'input');
  checkTensor('binaryCrossEntropyWithLogits', target, 'target');
  const o: BceWithLogitsOptions = { weight: weightArg as Tensor | null | undefined, posWeight: posWeightArg };
  const reduction = reductionOf('binaryCrossEntropyWithLogits', sizeAverage, reduce, reductionArg);
  if (target.shape.join() !== input.shape.join())
    throw rangeError('binaryCrossEntropyWithLogits', `Target size (${fmtShape(target.shape)}) must be the same as input size (${fmtShape(input.shape)})`);
  if (!isFloat(input.dtype) || !isFloat(target.dtype)) throw typeError('binaryCrossEntropyWithLogits', `expected floating point input and target, got ${input.dtype} and ${target.dtype}`);
  const weight = o.weight ?? null, posWeight = o.posWeight ?? null;
  if (weight !== null) checkTensor('binaryCrossEntropyWithLogits', weight, 'weight');
  if (posWeight !== null) checkTensor('binaryCrossEntropyWithLogits', posWeight, 'posWeight');
  const out = noGrad(() => {
    const softplusNeg = E.add(E.relu(E.neg(input)), NN.log1pNoGrad(E.exp(E.neg(E.abs(input))))); // -logsigmoid(x)
    const lw = posWeight !== null ? E.add(E.mul(E.sub(posWeight, 1), target), 1) : null;
    let loss = E.add(E.mul(E.sub(1, target), input), lw !== null ? E.mul(lw, softplusNeg) : softplusNeg);
    if (weight !== null) loss = E.mul(loss, weight);
    return reduceValue(loss, reduction);
  });
  return record('nnBceWithLogits', [input, target], out, () => ({
    self: input,
    target,
    weight,
    posWeight,
    norm: reduction === 'mean' ? input.numel() : 1,
  }));
});

// ---- transformer building blocks (lib/ops/embedding.ts, lib/ops/norm.ts, lib/ops/attention.ts) ----------------
export { embedding } from '../ops/embedding.js';
export type { EmbeddingOptions } from '../ops/embedding.js';
export { layerNorm, rmsNorm } from '../ops/norm.js';
export { oneHot, dropout1d, dropout2d, scaledDotProductAttention } from '../ops/attention.js';

// ---- multi-head attention (PyTorch 1.13's F.multi_head_attention_forward) ------------------------------------
const MHA_OP = 'multiHeadAttentionForward';

function mhaCheck(cond: boolean, message: string): void {
  if (!cond) throw rangeError(MHA_OP, message);
}

/** A bool mask as an additive float mask (-inf where true), as PyTorch converts attn_mask and key_padding_mask. */
function additiveMask(mask: Tensor, dtype: 'float32' | 'float64'): Tensor {
  return mask.dtype === 'bool' ? maskedFill(zerosLike(mask, { dtype }), mask, -Infinity) : mask;
}

/** mask with one more zero (not masked) column at the end of its last dim (PyTorch's pad(mask, (0, 1))). */
function padLast(mask: Tensor): Tensor {
  const col = zerosLike(narrow(mask, mask.ndim - 1, 0, 1));
  return cat([mask, col], mask.ndim - 1);
}

/** The MHA options (PyTorch's keywords after the positional ones). */
export interface MhaOptions {
  training?: boolean;
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  useSeparateProjWeight?: boolean;
  qProjWeight?: Tensor | null;
  kProjWeight?: Tensor | null;
  vProjWeight?: Tensor | null;
  staticK?: Tensor | null;
  staticV?: Tensor | null;
  averageAttnWeights?: boolean;
}

/**
 * The functional multi-head attention behind nn.MultiheadAttention (packed in-projection).
 *
 * Multi-head attention over query [L, N, E] (or [L, E]), key and value [S, N, *] (or [S, *]), as PyTorch 1.13's
 * F.multi_head_attention_forward, step for step: the packed (or separate) input projections, biasK/biasV and
 * addZeroAttn columns, bool or float attnMask ([L, S] or [N * heads, L, S]) and keyPaddingMask ([N, S], true
 * = ignore), softmax(q k^T / sqrt(head dim) + mask) v per head, dropout on the weights when training, the output
 * projection. Returns [output, weights] with weights [N, L, S] averaged over heads (or [N, heads, L, S]), null
 * when needWeights is false. nn.MultiheadAttention calls it.
 *
 * @see torch.nn.functional.multi_head_attention_forward
 * @example
 * ```ts
 * const mha = new tg.nn.MultiheadAttention(4, 2)
 * const q = tg.randn(3, 1, 4)
 * const [out] = tg.nn.functional.multiHeadAttentionForward(q, q, q, 4, 2, mha.inProjWeight, mha.inProjBias, null, null, false, 0, mha.outProj.weight, mha.outProj.bias, { training: false })
 * out.shape // => [3, 1, 4]
 * ```
 */
export const multiHeadAttentionForward = kw(signature('nn.functional.multiHeadAttentionForward',
  'query, key, value, embedDimToCheck, numHeads, inProjWeight, inProjBias, biasK, biasV, addZeroAttn, dropoutP, outProjWeight, outProjBias, training, keyPaddingMask, needWeights, attnMask, useSeparateProjWeight, qProjWeight, kProjWeight, vProjWeight, staticK, staticV, averageAttnWeights'),
function multiHeadAttentionForward(query: Tensor, key: Tensor, value: Tensor, embedDimToCheck: number, numHeads: number,
  inProjWeight: Tensor | null, inProjBias: Tensor | null, biasK: Tensor | null, biasV: Tensor | null, addZeroAttn: boolean, dropoutP: number,
  outProjWeight: Tensor, outProjBias: Tensor | null, training = true, keyPaddingMask: Tensor | null = null, needWeights = true, attnMask: Tensor | null = null,
  useSeparateProjWeight = false, qProjWeight: Tensor | null = null, kProjWeight: Tensor | null = null, vProjWeight: Tensor | null = null,
  staticK: Tensor | null = null, staticV: Tensor | null = null, averageAttnWeights = true): [Tensor, Tensor | null] {
  for (const [name, t] of [['query', query], ['key', key], ['value', value], ['outProjWeight', outProjWeight]] as const) checkTensor(MHA_OP, t, name);
  // _mha_shape_check
  const batched = query.ndim === 3;
  if (batched) {
    mhaCheck(key.ndim === 3 && value.ndim === 3, `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`);
    mhaCheck(keyPaddingMask === null || keyPaddingMask.ndim === 2, `For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${keyPaddingMask?.ndim}-D tensor instead`);
    mhaCheck(attnMask === null || attnMask.ndim === 2 || attnMask.ndim === 3, `For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask?.ndim}-D tensor instead`);
  } else if (query.ndim === 2) {
    mhaCheck(key.ndim === 2 && value.ndim === 2, `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`);
    mhaCheck(keyPaddingMask === null || keyPaddingMask.ndim === 1, `For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${keyPaddingMask?.ndim}-D tensor instead`);
    mhaCheck(attnMask === null || attnMask.ndim === 2 || attnMask.ndim === 3, `For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask?.ndim}-D tensor instead`);
    if (attnMask !== null && attnMask.ndim === 3) {
      const want = [numHeads, query.shape[0], key.shape[0]];
      mhaCheck(attnMask.shape.every((v, i) => v === want[i]), `Expected \`attn_mask\` shape to be ${fmtShape(want)} but got ${fmtShape(attnMask.shape)}`);
    }
  } else throw rangeError(MHA_OP, `query should be unbatched 2D or batched 3D tensor but received ${query.ndim}-D query tensor (shape ${fmtShape(query.shape)})`);
  if (!batched) {
    query = unsqueeze(query, 1);
    key = unsqueeze(key, 1);
    value = unsqueeze(value, 1);
    if (keyPaddingMask !== null) keyPaddingMask = unsqueeze(keyPaddingMask, 0);
  }
  const [tgtLen, bsz, embedDim] = query.shape;
  if (keyPaddingMask !== null && keyPaddingMask.dtype !== 'bool' && !isFloat(keyPaddingMask.dtype))
    throw typeError(MHA_OP, 'only bool and floating types of key_padding_mask are supported');
  mhaCheck(embedDim === embedDimToCheck, `was expecting embedding dimension of ${embedDimToCheck}, but got ${embedDim}`);
  const headDim = Math.floor(embedDim / numHeads);
  mhaCheck(headDim * numHeads === embedDim, `embed_dim ${embedDim} not divisible by num_heads ${numHeads}`);
  // Note [MHA layouts]: a batch-first module's query is the transposed view of a contiguous [N, L, E] tensor;
  // then the packed projection runs in that order (one GEMM with its bias, no gathered copy of the input) and
  // the output is built [N, L, E]-contiguous, returned as the [L, N, E] view. The heads are copied once into
  // [N * heads, L, headDim]-contiguous tensors, which bmm (forward and backward) reads in place.
  const bf = batched && !query.isContiguous() && transpose(query, 0, 1).isContiguous();
  let q: Tensor, k: Tensor, v: Tensor;
  if (useSeparateProjWeight) {
    mhaCheck(key.shape[0] === value.shape[0] && key.shape[1] === value.shape[1], `key's sequence and batch dims ${fmtShape(key.shape.slice(0, 2))} do not match value's ${fmtShape(value.shape.slice(0, 2))}`);
    mhaCheck(qProjWeight !== null && kProjWeight !== null && vProjWeight !== null, 'use_separate_proj_weight is True but q_proj_weight, k_proj_weight or v_proj_weight is None');
    const [bq, bk, bv] = inProjBias === null ? [null, null, null] : chunk(inProjBias, 3);
    q = linear(query, qProjWeight as Tensor, bq);
    k = linear(key, kProjWeight as Tensor, bk);
    v = linear(value, vProjWeight as Tensor, bv);
  } else {
    mhaCheck(key.shape.length === value.shape.length && key.shape.every((s, i) => s === value.shape[i]), `key shape ${fmtShape(key.shape)} does not match value shape ${fmtShape(value.shape)}`);
    mhaCheck(inProjWeight !== null, 'use_separate_proj_weight is False but in_proj_weight is None');
    const w = inProjWeight as Tensor;
    // _in_projection_packed: one matmul when query, key and value are the same tensor (self-attention), two
    // when key is value (encoder-decoder attention).
    if (key === value && query === key) [q, k, v] = chunk(bf ? transpose(linear(transpose(query, 0, 1), w, inProjBias), 0, 1) : linear(query, w, inProjBias), 3, -1);
    else if (key === value) {
      const [wq, wkv] = split(w, [embedDim, 2 * embedDim]);
      const [bq, bkv] = inProjBias === null ? [null, null] : split(inProjBias, [embedDim, 2 * embedDim]);
      q = linear(query, wq, bq);
      [k, v] = chunk(linear(key, wkv, bkv), 2, -1);
    } else {
      const [wq, wk, wv] = chunk(w, 3);
      const [bq, bk, bv] = inProjBias === null ? [null, null, null] : chunk(inProjBias, 3);
      q = linear(query, wq, bq);
      k = linear(key, wk, bk);
      v = linear(value, wv, bv);
    }
  }
  if (attnMask !== null) {
    if (attnMask.dtype !== 'bool' && !isFloat(attnMask.dtype)) throw typeError(MHA_OP, `Only float, byte, and bool types are supported for attn_mask, not ${attnMask.dtype}`);
    if (attnMask.ndim === 2) {
      mhaCheck(attnMask.shape[0] === tgtLen && attnMask.shape[1] === key.shape[0], `The shape of the 2D attn_mask is ${fmtShape(attnMask.shape)}, but should be ${fmtShape([tgtLen, key.shape[0]])}.`);
      attnMask = unsqueeze(attnMask, 0);
    } else if (attnMask.ndim === 3) {
      const want = [bsz * numHeads, tgtLen, key.shape[0]];
      mhaCheck(attnMask.shape.every((s, i) => s === want[i]), `The shape of the 3D attn_mask is ${fmtShape(attnMask.shape)}, but should be ${fmtShape(want)}.`);
    } else throw rangeError(MHA_OP, `attn_mask's dimension ${attnMask.ndim} is not supported`);
  }
  if (biasK !== null && biasV !== null) {
    mhaCheck(staticK === null && staticV === null, 'bias cannot be added to static key or value.');
    k = cat([k, repeat(biasK, [1, bsz, 1])]);
    v = cat([v, repeat(biasV, [1, bsz, 1])]);
    if (attnMask !== null) attnMask = padLast(attnMask);
    if (keyPaddingMask !== null) keyPaddingMask = padLast(keyPaddingMask);
  } else mhaCheck(biasK === null && biasV === null, 'biasK and biasV must be given together');
  // [len, batch, E] -> [batch * heads, len, headDim]
  const heads = (x: Tensor): Tensor => view(permute(reshape(x, [x.shape[0], bsz, numHeads, headDim]), [1, 2, 0, 3]).contiguous(), [bsz * numHeads, x.shape[0], headDim]);
  q = heads(q);
  for (const [isK, st] of [[true, staticK], [false, staticV]] as const) {
    if (st === null) {
      if (isK) k = heads(k);
      else v = heads(v);
      continue;
    }
    mhaCheck(st.shape[0] === bsz * numHeads, `expecting static_${isK ? 'k' : 'v'}.size(0) of ${bsz * numHeads}, but got ${st.shape[0]}`);
    mhaCheck(st.shape[2] === headDim, `expecting static_${isK ? 'k' : 'v'}.size(2) of ${headDim}, but got ${st.shape[2]}`);
    if (isK) k = st;
    else v = st;
  }
  if (addZeroAttn) {
    k = cat([k, zeros([bsz * numHeads, 1, headDim], { dtype: k.dtype })], 1);
    v = cat([v, zeros([bsz * numHeads, 1, headDim], { dtype: v.dtype })], 1);
    if (attnMask !== null) attnMask = padLast(attnMask);
    if (keyPaddingMask !== null) keyPaddingMask = padLast(keyPaddingMask);
  }
  const srcLen = k.shape[1];
  if (keyPaddingMask !== null) {
    mhaCheck(keyPaddingMask.shape[0] === bsz && keyPaddingMask.shape[1] === srcLen, `expecting key_padding_mask shape of ${fmtShape([bsz, srcLen])}, but got ${fmtShape(keyPaddingMask.shape)}`);
    const kpm = reshape(expand(view(keyPaddingMask, [bsz, 1, 1, srcLen]), [bsz, numHeads, 1, srcLen]), [bsz * numHeads, 1, srcLen]);
    if (attnMask === null) attnMask = kpm;
    else if (attnMask.dtype === 'bool') attnMask = logicalOr(attnMask, kpm);
    else attnMask = maskedFill(attnMask, kpm, -Infinity);
  }
  if (attnMask !== null) attnMask = additiveMask(attnMask, q.dtype as 'float32' | 'float64');
  const p = training ? dropoutP : 0;
  const qScaled = E.div(q, Math.sqrt(q.shape[2]));
  let weights = bmm(qScaled, transpose(k, -2, -1));
  if (attnMask !== null) weights = E.add(attnMask, weights);
  weights = softmaxOp(weights, -1);
  if (p > 0) weights = dropout(weights, p);
  let out = bmm(weights, v);
  // (the same-shape view keeps PyTorch's output node, ViewBackward0)
  if (bf) out = view(transpose(linear(view(permute(view(out, [bsz, numHeads, tgtLen, headDim]), [0, 2, 1, 3]).contiguous(), [bsz, tgtLen, embedDim]), outProjWeight, outProjBias), 0, 1), [tgtLen, bsz, outProjWeight.shape[0]]);
  else out = view(linear(view(transpose(out, 0, 1).contiguous(), [tgtLen * bsz, embedDim]), outProjWeight, outProjBias), [tgtLen, bsz, outProjWeight.shape[0]]);
  if (!needWeights) return [batched ? out : squeeze(out, 1), null];
  weights = view(weights, [bsz, numHeads, tgtLen, srcLen]);
  if (averageAttnWeights) weights = E.div(sum(weights, 1), numHeads);
  if (!batched) return [squeeze(out, 1), squeeze(weights, 0)];
  return [out, weights];
});
// ---- losses and functional utilities (lib/ops/loss.ts, lib/ops/pixel.ts) -----------------------------------------
export {
  binaryCrossEntropy, l1Loss, smoothL1Loss, huberLoss, klDiv, poissonNllLoss, gaussianNllLoss, marginRankingLoss,
  hingeEmbeddingLoss, cosineEmbeddingLoss, tripletMarginLoss, softMarginLoss, multilabelSoftMarginLoss, multiMarginLoss,
  multilabelMarginLoss, pairwiseDistance, logsigmoid, tripletMarginWithDistanceLoss,
} from '../ops/loss.js';
export { pixelShuffle, pixelUnshuffle } from '../ops/pixel.js';
export { normalize, cosineSimilarity } from '../ops/distance.js';
export { gumbelSoftmax, alphaDropout, featureAlphaDropout } from '../ops/stochastic.js';
export {
  softplus, silu, mish, elu, selu, celu, leakyRelu, hardtanh, relu6, hardsigmoid, hardswish, threshold, hardshrink, softshrink, glu,
  prelu, softsign, tanhshrink, softmin,
} from '../ops/activation.js';
export { interpolate } from '../ops/upsample.js';
export type { InterpolateMode, InterpolateOptions } from '../ops/upsample.js';
export { ctcLoss } from '../ops/ctc.js';
// ---- convolution and padding (lib/ops/conv.ts, lib/ops/padding.ts) -----------------------------------------
export { conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d, unfold, fold } from '../ops/conv.js';
export { pad } from '../ops/padding.js';
// ---- pooling and channel normalization (lib/ops/pooling.ts, lib/ops/normalization.ts) -----------------------
export { maxPool1d, maxPool2d, avgPool1d, avgPool2d, adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool1d, adaptiveMaxPool2d, lpPool1d, lpPool2d, maxUnpool2d } from '../ops/pooling.js';
export type { MaxPoolOptions, AvgPoolOptions } from '../ops/pooling.js';
export { batchNorm, groupNorm, instanceNorm, localResponseNorm } from '../ops/normalization.js';
// ---- issue 16's remaining layers: 3-D pooling, embeddingBag, bilinear, rrelu, dropout3d, channelShuffle ------
export { maxPool3d, avgPool3d, adaptiveAvgPool3d, adaptiveMaxPool3d, maxUnpool3d, maxUnpool1d } from '../ops/pooling3d.js';
export type { MaxPool3dOptions, AvgPool3dOptions } from '../ops/pooling3d.js';
export { embeddingBag } from '../ops/embedding_bag.js';
export type { EmbeddingBagOptions } from '../ops/embedding_bag.js';
export { bilinear } from '../ops/bilinear.js';
export { rrelu } from '../ops/rrelu.js';
export type { RreluOptions } from '../ops/rrelu.js';
export { dropout3d, channelShuffle } from '../ops/dropout.js';
// ---- issue 16's last layers (session 6): spatial transformers -----------------------------------------------
export { gridSample, affineGrid } from '../ops/grid_sampler.js';
export type { GridSampleMode, GridSamplePadding } from '../ops/grid_sampler.js';
export { fractionalMaxPool2d, fractionalMaxPool3d } from '../ops/fractional_max_pool.js';
// ---- session 7: interpolate's deprecated aliases and rrelu_ (lib/ops/torch_misc.ts) ----------------------------
export { upsample, upsampleNearest, upsampleBilinear, fRrelu_ as rrelu_ } from '../ops/torch_misc.js';
// ---- session 8: pdist and conv_tbc (lib/ops/torch_names.ts) ------------------------------------------------
import { pdist as pdistOp, convTbc as convTbcOp } from '../ops/torch_names.js';
/**
 * The p-norm distance between every pair of rows of a 2-D input (tg.pdist).
 *
 * @see torch.nn.functional.pdist
 * @example
 * ```ts
 * tg.nn.functional.pdist(tg.tensor([[0, 0], [3, 4]])).tolist() // => [5]
 * ```
 */
export const pdist = kw(signature('nn.functional.pdist', 'input, p'), pdistOp);
/**
 * A 1-D convolution in time-batch-channel layout (tg.convTbc).
 *
 * @see torch.nn.functional.conv_tbc
 * @example
 * ```ts
 * tg.nn.functional.convTbc(tg.ones(5, 2, 3), tg.ones(3, 3, 4), tg.zeros(4)).shape // => [3, 2, 4]
 * ```
 */
export const convTbc = kw(signature('nn.functional.convTbc', 'input, weight, bias, pad'), convTbcOp);
