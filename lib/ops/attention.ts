// The attention-side helpers of tg.nn.functional: scaledDotProductAttention (PyTorch 2.x's
// F.scaled_dot_product_attention: a fused native kernel, or the math composite where the kernel does not
// apply; PyTorch 1.13 has no public one), oneHot, and the channel-wise dropouts dropout1d / dropout2d
// (PyTorch's feature_dropout: x * mask, one draw per channel, MulBackward0).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { isFloat, type DType } from '../dtype.js';
import { noGrad, record, gradMode, fwState } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { native, type Storage } from '../native.js';
import * as E from './elementwise.js';
import * as C from './creation.js';
import { indexInts, longFrom } from './int64.js';
import { matmul } from './linalg.js';
import { transpose, unsqueeze, squeeze } from './shape.js';
import { softmax, softmaxBackward } from './softmax.js';
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
 * weights (always applied, as PyTorch's functional form).
 *
 * Which path runs: float32/float64 query, key and value with the same batch dims, no dropout and no mask or a
 * bool one run the fused native kernel (one ScaledDotProductFlashAttentionForCpuBackward0 node, PyTorch 2.x's
 * name: Note [Fused attention node]); it computes ATen's math path row by row without the [L, S] weights and
 * saves the output and each row's log-sum-exp for its fused backward. Anything else (dropoutP > 0, a float
 * mask, broadcast batch dims, an empty key) runs the composite ATen's math path
 * (_scaled_dot_product_attention_math: query and key each scaled by sqrt(scale)), whose grads come from its ops.
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
  if (dropoutP === 0) {
    const fused = fusedAttention(query, key, value, mask, isCausal, s);
    if (fused !== null) return fused;
  }
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

// ---- the fused kernel (native/cpu/attention_kernels.cc, Note [Fused attention]) --------------------------------
/** What the fused node saves: the inputs, the output, each row's log-sum-exp, the mask and the scale. */
export interface AttentionSaved {
  query: Tensor;
  key: Tensor;
  value: Tensor;
  result: Tensor;
  /** The forward's log-sum-exp of each row's masked scores ([batch, L] values of the dtype). */
  lse: Storage;
  mask: Tensor | null;
  causal: boolean;
  sqrtScale: number;
}

/** The kernel's operands: storages (whole, read through offsets and strides) and the geometry array. */
interface AttentionOperands {
  q: Storage;
  k: Storage;
  v: Storage;
  m: Storage | null;
  geom: Float64Array;
  batch: number[];
}

/** An operand's storage and layout; a last dim that is not contiguous is gathered first. */
function layoutOf(x: Tensor): [Storage, number, number[]] {
  const st = x.stride();
  if (x.shape[x.ndim - 1] > 1 && st[x.ndim - 1] !== 1) return [x._data as Storage, 0, contiguousStrides(x.shape)];
  return [x._box.data as Storage, x._offset, st];
}

function contiguousStrides(shape: number[]): number[] {
  const st = new Array<number>(shape.length);
  for (let d = shape.length - 1, acc = 1; d >= 0; d--) {
    st[d] = acc;
    acc *= shape[d];
  }
  return st;
}

/**
 * The operands of the fused kernel, or null when it does not apply: dtypes other than float32/float64, batch dims
 * that differ between query, key and value, a mask that is not bool or whose batch dims do not broadcast to the
 * query's, or no keys.
 */
function attentionOperands(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, causal: boolean, sqrtScale: number): AttentionOperands | null {
  if ((q.dtype !== 'float32' && q.dtype !== 'float64') || q.ndim !== k.ndim || q.ndim !== v.ndim) return null;
  const nbd = q.ndim - 2;
  for (let d = 0; d < nbd; d++) if (k.shape[d] !== q.shape[d] || v.shape[d] !== q.shape[d]) return null;
  if (mask !== null && (mask.dtype !== 'bool' || mask.ndim > q.ndim)) return null;
  // a mask whose batch dims would broadcast the output beyond the query's (or not broadcast) takes the composite
  for (let md = 0, lead = q.ndim - (mask?.ndim ?? 0); mask !== null && md < mask.ndim - 2; md++)
    if (mask.shape[md] !== 1 && mask.shape[md] !== q.shape[md + lead]) return null;
  const [L, E] = [q.shape[nbd], q.shape[nbd + 1]], [S, Ev] = [k.shape[nbd], v.shape[nbd + 1]];
  if (S === 0) return null;
  for (const x of [q, k, v, mask]) if (x !== null && x.isDisposed) throw disposedError('scaledDotProductAttention', x.shape);
  const geom = new Float64Array(1 + nbd + 6 + 4 * (nbd + 2) + 1);
  let at = 0;
  geom[at++] = nbd;
  for (let d = 0; d < nbd; d++) geom[at++] = q.shape[d];
  geom[at++] = L;
  geom[at++] = S;
  geom[at++] = E;
  geom[at++] = Ev;
  geom[at++] = sqrtScale;
  geom[at++] = causal ? 1 : 0;
  const stores: Storage[] = [];
  for (const x of [q, k, v]) {
    const [data, off, st] = layoutOf(x);
    stores.push(data);
    geom[at++] = off;
    for (let d = 0; d < nbd + 1; d++) geom[at++] = x.shape[d] === 1 ? 0 : st[d];
  }
  let m: Storage | null = null;
  if (mask !== null) {
    // the mask broadcast against [...batch, L, S]: stride 0 on its missing and size-1 dims
    const st = mask.stride(), lead = q.ndim - mask.ndim;
    const at0 = at;
    geom[at++] = mask._offset;
    for (let d = 0; d < nbd + 2; d++) {
      const md = d - lead;
      geom[at0 + 1 + d] = md < 0 || mask.shape[md] === 1 ? 0 : st[md];
    }
    at = at0 + 1 + nbd + 2;
    m = mask._box.data as Storage;
  } else {
    at += nbd + 3;
  }
  return { q: stores[0], k: stores[1], v: stores[2], m, geom, batch: q.shape.slice(0, nbd) };
}

/** The fused forward (null when the kernel does not apply), recording one node when grad is needed. */
function fusedAttention(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, causal: boolean, sqrtScale: number): Tensor | null {
  const ops = attentionOperands(q, k, v, mask, causal, sqrtScale);
  if (ops === null) return null;
  const L = q.shape[q.ndim - 2], Ev = v.shape[v.ndim - 1];
  const nb = ops.batch.reduce((a, c) => a * c, 1);
  const recording = (gradMode.enabled && (q.requiresGrad || k.requiresGrad || v.requiresGrad)) || fwState.active;
  const lse = recording ? outData(q.dtype, nb * L) : null;
  const out = C.wrap(native.sdpa(ops.q, ops.k, ops.v, ops.m, ops.geom, lse), [...ops.batch, L, Ev], q.dtype);
  return record('nnScaledDotProductAttention', [q, k, v], out, () => ({
    query: q, key: k, value: v, result: out, lse: lse as Storage, mask, causal, sqrtScale,
  }));
}

/**
 * The fused backward (ScaledDotProductFlashAttentionForCpuBackward0 without a graph): dq, dk, dv (null where not
 * needed) in one native pass that recomputes each row's scores and weights from the saved log-sum-exp.
 */
export function attentionBackwardFused(g: Tensor, s: AttentionSaved, needs: readonly boolean[]): (Tensor | null)[] | null {
  const { query: q, key: k, value: v } = s;
  const ops = attentionOperands(q, k, v, s.mask, s.causal, s.sqrtScale);
  if (ops === null || g.dtype !== q.dtype) return null;
  const dt = q.dtype;
  const dq = needs[0] ? outData(dt, q.numel()) : null;
  const dk = needs[1] ? outData(dt, k.numel()) : null;
  const dv = needs[2] ? outData(dt, v.numel()) : null;
  native.sdpaBackward(ops.q, ops.k, ops.v, ops.m, ops.geom, s.result._data, s.lse, g._data, dq, dk, dv);
  const asTensor = (a: Storage | null, x: Tensor): Tensor | null => (a === null ? null : C.wrap(a, x.shape.slice(), dt));
  return [asTensor(dq, q), asTensor(dk, k), asTensor(dv, v)];
}

/**
 * ScaledDotProductFlashAttentionForCpuBackward0's grads written with differentiable ops (createGraph, vmap):
 * the weights p recomputed as the math path computes them, dv = p^T g, ds = softmax's backward of g v^T, and
 * dq = ds (k sqrt(scale)) sqrt(scale), dk = ds^T (q sqrt(scale)) sqrt(scale).
 */
export function attentionBackward(g: Tensor, s: AttentionSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const qs = E.mul(s.query, s.sqrtScale), ks = E.mul(s.key, s.sqrtScale);
  const L = s.query.shape[s.query.ndim - 2], S = s.key.shape[s.key.ndim - 2];
  let scores = matmul(qs, transpose(ks, -2, -1));
  if (s.causal) scores = E.add(scores, noGrad(() => boolMaskToBias(tril(C.ones([L, S], { dtype: 'bool' })), g.dtype)));
  else if (s.mask !== null) scores = E.add(scores, noGrad(() => boolMaskToBias(s.mask as Tensor, g.dtype)));
  const p = softmax(scores, -1);
  const dv = needs[2] ? matmul(transpose(p, -2, -1), g) : null;
  if (!needs[0] && !needs[1]) return [null, null, dv];
  const ds = softmaxBackward(matmul(g, transpose(s.value, -2, -1)), p, -1, false);
  const dq = needs[0] ? E.mul(matmul(ds, ks), s.sqrtScale) : null;
  const dk = needs[1] ? E.mul(matmul(transpose(ds, -2, -1), qs), s.sqrtScale) : null;
  return [dq, dk, dv];
}
