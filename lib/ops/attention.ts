// The attention-side helpers of tg.nn.functional: scaledDotProductAttention (the math composite of PyTorch
// 2.0's F.scaled_dot_product_attention; PyTorch 1.13 has no public one), oneHot, and the channel-wise dropouts
// dropout1d / dropout2d (PyTorch's feature_dropout: x * mask, one draw per channel, MulBackward0).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat, type DType } from '../dtype.js';
import { noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import * as E from './elementwise.js';
import * as C from './creation.js';
import { indexInts, longFrom } from './int64.js';
import { matmul } from './linalg.js';
import { transpose, unsqueeze, squeeze } from './shape.js';
import { softmax } from './softmax.js';
import { tril } from './structure.js';
import { maskedFill } from './masked.js';

// ---- oneHot -----------------------------------------------------------------------------------------------------
/**
 * One-hot encoding of integer class indices (an int tensor with a trailing class dim).
 *
 * The one-hot encoding of int64 (or int32) class indices: shape [...tensor.shape, numClasses], int64 as PyTorch's.
 * numClasses -1 (default) is max + 1. Not differentiable.
 *
 * @see torch.nn.functional.one_hot
 * @example
 * ```ts
 * tg.nn.functional.oneHot(tg.tensor([0, 2], { dtype: 'int32' }), 3).tolist() // => [[1, 0, 0], [0, 0, 1]]
 * ```
 */
export const oneHot = kw(signature('nn.functional.oneHot', 'tensor, numClasses'), function oneHot(tensor: Tensor, numClasses = -1): Tensor {
  checkTensor('oneHot', tensor, 'tensor');
  if (tensor.dtype !== 'int64' && tensor.dtype !== 'int32') throw typeError('oneHot', `one_hot is only applicable to index tensors (int64 or int32), got ${tensor.dtype} (shape ${fmtShape(tensor.shape)})`);
  if (typeof numClasses !== 'number' || !Number.isInteger(numClasses) || numClasses < -1)
    throw typeError('oneHot', `numClasses must be -1 or a non-negative integer, got ${describe(numClasses)}`);
  const idx = indexInts('oneHot', tensor);
  let n = numClasses;
  if (n === -1) {
    if (idx.length === 0) throw rangeError('oneHot', `Can not infer total number of classes from empty tensor of shape ${fmtShape(tensor.shape)}`);
    n = idx.reduce((a, b) => Math.max(a, b), -Infinity) + 1;
  }
  for (const v of idx) {
    if (v < 0) throw rangeError('oneHot', `Class values must be non-negative, got ${v} (tensor of shape ${fmtShape(tensor.shape)})`);
    if (v >= n) throw rangeError('oneHot', `Class values must be smaller than num_classes (${n}), got ${v} (tensor of shape ${fmtShape(tensor.shape)})`);
  }
  const out = new Int32Array(idx.length * n);
  for (let i = 0; i < idx.length; i++) out[i * n + idx[i]] = 1;
  return longFrom(out, [...tensor.shape, n]);
});

// ---- channel-wise dropout -----------------------------------------------------------------------------------------
/** PyTorch's feature_dropout: input [N, C, ...] times a [N, C, 1, ...] mask of 0 or 1 / (1 - p). */
export function featureDropout(x: Tensor, p: number, training: boolean): Tensor {
  if (p === 0 || !training || x.numel() === 0) return x;
  if (p === 1) return E.mul(x, C.zeros([], { dtype: x.dtype }));
  const noiseShape = x.shape.map((v, i) => (i < 2 ? v : 1));
  const mask = noGrad(() => E.div(C.to(E.lt(C.rand(noiseShape, { dtype: x.dtype }), 1 - p), x.dtype), 1 - p));
  return E.mul(x, mask);
}

export function checkDropout(op: string, x: unknown, p: unknown, training: unknown, inplace: unknown): asserts x is Tensor {
  checkTensor(op, x, 'input');
  if (inplace === true) throw typeError(op, 'inplace=True is not supported (use the out-of-place result)');
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError(op, `dropout probability has to be between 0 and 1, but got ${typeof p === 'number' ? p : describe(p)}`);
  if (typeof training !== 'boolean') throw typeError(op, `training must be a boolean, got ${describe(training)}`);
  if (!isFloat(x.dtype)) throw typeError(op, `expected a floating point tensor, got ${x.dtype}`);
}

/**
 * Zeroes whole channels of [N, C, L] input with probability p while training.
 *
 * Zeroes whole channels of input [N, C, L] (or [C, L]) with probability p and scales the rest by 1 / (1 - p)
 * when training. Uses the tg.manualSeed generator.
 *
 * @see torch.nn.functional.dropout1d
 * @example
 * ```ts
 * const x = tg.ones(1, 2, 3)
 * tg.nn.functional.dropout1d(x, { p: 0.5, training: false }).shape // => [1, 2, 3]
 * ```
 */
export const dropout1d = kw(signature('nn.functional.dropout1d', 'input, p, training, inplace'), function dropout1d(input: Tensor, p = 0.5, training = true, inplace?: boolean): Tensor {
  checkDropout('dropout1d', input, p, training, inplace);
  if (input.ndim !== 2 && input.ndim !== 3)
    throw rangeError('dropout1d', `Expected 2D or 3D input, but received a ${input.ndim}D input of shape ${fmtShape(input.shape)}`);
  if (input.ndim === 3) return featureDropout(input, p, training);
  return squeeze(featureDropout(unsqueeze(input, 0), p, training), 0);
});

/**
 * Zeroes whole channels of [N, C, H, W] input with probability p while training.
 *
 * Zeroes whole channels of input [N, C, H, W] with probability p and scales the rest by 1 / (1 - p) when
 * training. As PyTorch 1.13, a 3-D input is taken as [N, C, L] (dropout1d's behaviour).
 *
 * @see torch.nn.functional.dropout2d
 * @example
 * ```ts
 * const x = tg.ones(1, 2, 2, 2)
 * tg.nn.functional.dropout2d(x, { training: false }).shape // => [1, 2, 2, 2]
 * ```
 */
export const dropout2d = kw(signature('nn.functional.dropout2d', 'input, p, training, inplace'), function dropout2d(input: Tensor, p = 0.5, training = true, inplace?: boolean): Tensor {
  checkDropout('dropout2d', input, p, training, inplace);
  // PyTorch warns (and still runs) for other ranks; feature_dropout needs the channel dim.
  if (input.ndim < 2) throw rangeError('dropout2d', `Expected a 3D or 4D input, but received a ${input.ndim}D input of shape ${fmtShape(input.shape)}`);
  return featureDropout(input, p, training);
});

// ---- scaled dot-product attention -------------------------------------------------------------------------------
/**
 * `softmax(q k^T / sqrt(d) + mask) v`, with `isCausal` and dropout.
 *
 * softmax(query key^T * scale + mask) value over the last two dims, batch dims broadcast (matmul's rules):
 * query [..., L, E], key [..., S, E], value [..., S, Ev] -> [..., L, Ev]. scale defaults to 1 / sqrt(E).
 * attnMask: bool (true = may attend) or float (added to the scores), broadcastable to [..., L, S]. isCausal
 * masks out j > i (with an explicit attnMask it is an error, as in PyTorch 2.0). dropoutP drops attention
 * weights (always applied, as PyTorch's functional form). Computed as ATen's math path
 * (_scaled_dot_product_attention_math: query and key each scaled by sqrt(scale)); the grads come from the ops.
 *
 * @see torch.nn.functional.scaled_dot_product_attention
 * @example
 * ```ts
 * const q = tg.ones(1, 2, 4)
 * tg.nn.functional.scaledDotProductAttention(q, q, tg.tensor([[[1, 2, 3, 4], [5, 6, 7, 8]]]))
 * // tensor([[[3., 4., 5., 6.],
 * //          [3., 4., 5., 6.]]])
 * ```
 */
export const scaledDotProductAttention = kw(signature('nn.functional.scaledDotProductAttention', 'query, key, value, attnMask, dropoutP, isCausal, scale'), function scaledDotProductAttention(
  query: Tensor, key: Tensor, value: Tensor, attnMask?: Tensor | null, dropoutP = 0, isCausal = false, scale?: number | null): Tensor {
  const op = 'scaledDotProductAttention';
  checkTensor(op, query, 'query');
  checkTensor(op, key, 'key');
  checkTensor(op, value, 'value');
  if (!isFloat(query.dtype) || key.dtype !== query.dtype || value.dtype !== query.dtype)
    throw typeError(op, `expected query, key and value of the same floating point dtype, got ${query.dtype}, ${key.dtype} and ${value.dtype}`);
  if (query.ndim < 2 || key.ndim < 2 || value.ndim < 2)
    throw rangeError(op, `expected query, key and value with at least 2 dims, got shapes ${fmtShape(query.shape)}, ${fmtShape(key.shape)} and ${fmtShape(value.shape)}`);
  const [L, Eq] = query.shape.slice(-2), [S, Ek] = key.shape.slice(-2);
  if (Eq !== Ek || value.shape[value.ndim - 2] !== S)
    throw rangeError(op, `expected query [..., L, E], key [..., S, E] and value [..., S, Ev], got shapes ${fmtShape(query.shape)}, ${fmtShape(key.shape)} and ${fmtShape(value.shape)}`);
  if (typeof dropoutP !== 'number' || !(dropoutP >= 0 && dropoutP <= 1)) throw rangeError(op, `dropoutP must be between 0 and 1, got ${typeof dropoutP === 'number' ? dropoutP : describe(dropoutP)}`);
  if (typeof isCausal !== 'boolean') throw typeError(op, `isCausal must be a boolean, got ${describe(isCausal)}`);
  if (scale !== undefined && scale !== null && typeof scale !== 'number') throw typeError(op, `scale must be a number, got ${describe(scale)}`);
  const mask = attnMask ?? null;
  if (mask !== null) {
    checkTensor(op, mask, 'attnMask');
    if (isCausal) throw typeError(op, 'an explicit attnMask should not be set when isCausal=true');
    if (mask.dtype !== 'bool' && mask.dtype !== query.dtype)
      throw typeError(op, `expected attnMask to be bool or ${query.dtype} (the query's dtype), got ${mask.dtype}`);
    const ms = mask.shape;
    const want = [L, S];
    for (let i = 0; i < Math.min(ms.length, 2); i++) {
      const m = ms[ms.length - 1 - i], w = want[1 - i];
      if (m !== 1 && m !== w) throw rangeError(op, `attnMask of shape ${fmtShape(ms)} does not broadcast to the scores' [..., ${L}, ${S}] (query ${fmtShape(query.shape)}, key ${fmtShape(key.shape)})`);
    }
  }
  const s = Math.sqrt(scale ?? 1 / Math.sqrt(Eq));
  let bias: Tensor | null = null;
  if (isCausal) bias = noGrad(() => boolMaskToBias(tril(C.ones([L, S], { dtype: 'bool' })), query.dtype));
  else if (mask !== null) bias = mask.dtype === 'bool' ? noGrad(() => boolMaskToBias(mask, query.dtype)) : mask;
  let attn = matmul(E.mul(query, s), E.mul(transpose(key, -2, -1), s));
  if (bias !== null) attn = E.add(attn, bias);
  attn = softmax(attn, -1);
  if (dropoutP > 0) attn = dropoutWeights(attn, dropoutP);
  return matmul(attn, value);
});

/** 0 where the bool mask is true, -inf where false (ATen's convert_boolean_attn_mask). */
function boolMaskToBias(mask: Tensor, dtype: DType): Tensor {
  return maskedFill(C.zeros(mask.shape, { dtype }), E.logicalNot(mask), -Infinity);
}

function dropoutWeights(attn: Tensor, p: number): Tensor {
  if (p === 1) return E.mul(attn, C.zeros([], { dtype: attn.dtype }));
  const keep = noGrad(() => E.div(C.to(E.lt(C.rand(attn.shape, { dtype: attn.dtype }), 1 - p), attn.dtype), 1 - p));
  return E.mul(attn, keep);
}
