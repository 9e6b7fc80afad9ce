// tg.nn.functional.embedding: rows of a weight matrix looked up by int64 or int32 indices, with PyTorch 1.13's
// paddingIdx, maxNorm (in-place renorm of the looked-up rows) and scaleGradByFreq. Recorded as one
// EmbeddingBackward0 node (row nnEmbedding in lib/autograd/derivatives.ts) whose formula is an indexAdd of the
// output grad, so double backward goes through IndexAddBackward0.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { indexInts } from './int64.js';
import { record, noGrad } from '../autograd/record.js';
import { native } from '../native.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import * as C from './creation.js';
import { norm } from './reduce.js';
import { reshape } from './shape.js';
import { indexAdd, indexCopy_ } from './gather.js';

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
}

/** An int64 or int32 tensor of indices, or a TypeError naming embedding. */
function checkIndices(input: unknown): asserts input is Tensor {
  checkTensor('embedding', input, 'input');
  if (input.dtype !== 'int64' && input.dtype !== 'int32')
    throw typeError('embedding', `expected input to be an int64 or int32 tensor of indices, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
}

/** The indices (int64 or int32) of an embedding lookup, as int32, each checked against the number of rows (Note [Checked indices] in ops/gather.ts). */
function embeddingIndices(input: Tensor, weight: Tensor): Int32Array {
  const idx = indexInts('embedding', input, 'input');
  const n = weight.shape[0];
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i];
    if (v < 0 || v >= n)
      throw rangeError('embedding', `index ${v} is out of range for an embedding of size ${fmtShape(weight.shape)} (input shape ${fmtShape(input.shape)}; valid indices are 0..${n - 1})`);
  }
  return idx;
}

/**
 * PyTorch's embedding_renorm_ under no_grad: every distinct looked-up row whose normType-norm exceeds maxNorm
 * is scaled in place by maxNorm / (norm + 1e-7). Bumps weight's version as PyTorch's in-place write does.
 */
export function renorm(weight: Tensor, idx: Int32Array, maxNorm: number, normType: number): void {
  const rows = [...new Set(idx)].sort((a, b) => a - b);
  if (rows.length === 0) return;
  noGrad(() => {
    const index = C.tensor(rows, { dtype: 'int32' });
    const looked = C.wrap(native.indexSelect(weight._data, weight.shape.slice(), 0, index._data as Int32Array, 'embedding'), [rows.length, weight.shape[1]], weight.dtype);
    const norms = norm(looked, normType, 1)._data;
    const scale = new Array<number>(rows.length);
    let any = false;
    for (let i = 0; i < rows.length; i++) {
      const nv = Number(norms[i]);
      scale[i] = nv > maxNorm ? maxNorm / (nv + 1e-7) : 1;
      any ||= nv > maxNorm;
    }
    if (!any) return;
    const s = reshape(C.tensor(scale, { dtype: weight.dtype }), [rows.length, 1]);
    indexCopy_(weight, 0, index, E.mul(looked, s));
  });
}

/**
 * Looks up rows of `weight` by integer index.
 *
 * The rows of weight [numEmbeddings, embeddingDim] at the int32 indices of input (any shape): shape
 * [...input.shape, embeddingDim]. paddingIdx (negative counts from the end) rows get no grad; maxNorm
 * renormalizes the looked-up rows of weight in place first; scaleGradByFreq divides each row's grad by how often
 * it occurs in input. sparse: true is a TypeError (tensorgrad has no sparse tensors).
 *
 * @see torch.nn.functional.embedding
 * @example
 * ```ts
 * const w = tg.tensor([[0, 0], [1, 1], [2, 2]])
 * tg.nn.functional.embedding(tg.tensor([2, 0], { dtype: 'int32' }), w)
 * // tensor([[2., 2.],
 * //         [0., 0.]])
 * ```
 */
export const embedding = kw(signature('nn.functional.embedding', 'input, weight, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse'), function embedding(
  input: Tensor, weight: Tensor, paddingIdx?: number | null | EmbeddingOptions, maxNorm?: number | null, normType?: number, scaleGradByFreq?: boolean, sparse?: boolean): Tensor {
  checkTensor('embedding', weight, 'weight');
  if (weight.ndim !== 2) throw rangeError('embedding', `'weight' must be 2-D, got weight of shape ${fmtShape(weight.shape)}`);
  if (!isFloat(weight.dtype)) throw typeError('embedding', `expected a floating point weight, got ${weight.dtype}`);
  checkIndices(input);
  const n = weight.shape[0], dim = weight.shape[1];
  let pad = -1;
  if (paddingIdx !== undefined && paddingIdx !== null) {
    const p = paddingIdx as number;
    if (typeof p !== 'number' || !Number.isInteger(p)) throw typeError('embedding', `paddingIdx must be an integer, got ${describe(p)}`);
    if (p >= n || p < -n) throw rangeError('embedding', `paddingIdx ${p} must be within num_embeddings (weight of shape ${fmtShape(weight.shape)})`);
    pad = p < 0 ? p + n : p;
  }
  const p = normType ?? 2;
  if (typeof p !== 'number') throw typeError('embedding', `normType must be a number, got ${describe(p)}`);
  if (scaleGradByFreq !== undefined && typeof scaleGradByFreq !== 'boolean') throw typeError('embedding', `scaleGradByFreq must be a boolean, got ${describe(scaleGradByFreq)}`);
  if (sparse !== undefined && typeof sparse !== 'boolean') throw typeError('embedding', `sparse must be a boolean, got ${describe(sparse)}`);
  if (sparse === true) throw typeError('embedding', 'sparse=true is not supported (tensorgrad has no sparse tensors)');
  if (maxNorm !== undefined && maxNorm !== null) {
    if (typeof maxNorm !== 'number') throw typeError('embedding', `maxNorm must be a number, got ${describe(maxNorm)}`);
    renorm(weight, embeddingIndices(input, weight), maxNorm, p);
  }
  const out = C.wrap(lookup(input, weight), [...input.shape, dim], weight.dtype);
  const freq = scaleGradByFreq === true;
  return record('nnEmbedding', [weight], out, () => ({ index: reshape(input, [-1]), numWeights: n, scale: gradScale(input, pad, freq, weight) }));
});

/**
 * weight's rows at input's indices: the native index_select reads int64 indices as they are and checks each
 * (Note [Index widths] in native/binding/index_view.h); on a bad one, embedding's own message from the JS check.
 */
function lookup(input: Tensor, weight: Tensor): ReturnType<typeof native.indexSelect> {
  try {
    return native.indexSelect(weight._data, weight.shape.slice(), 0, input._data as Int32Array | BigInt64Array, 'embedding');
  } catch (e) {
    if (e instanceof RangeError) embeddingIndices(input, weight);
    throw e;
  }
}

/** Per looked-up row, the factor of its grad ([m, 1]): 0 at paddingIdx, 1 / count with scaleGradByFreq; null if all 1. */
function gradScale(input: Tensor, pad: number, freq: boolean, weight: Tensor): Tensor | null {
  if (!freq && pad < 0) return null;
  const idx = indexInts('embedding', input, 'input'); // checked by the lookup
  if (!freq && !idx.includes(pad)) return null;
  const counts = new Map<number, number>();
  if (freq) for (const v of idx) counts.set(v, (counts.get(v) ?? 0) + 1);
  const s = Array.from(idx, (v) => (v === pad ? 0 : freq ? 1 / counts.get(v)! : 1));
  return reshape(C.tensor(s, { dtype: weight.dtype }), [idx.length, 1]);
}

/** EmbeddingBackward0's formula: the output grad's rows added into zeros at their indices (differentiable in g). */
export function embeddingBackward(g: Tensor, index: Tensor, numWeights: number, scale: Tensor | null): Tensor {
  const dim = g.shape[g.ndim - 1];
  let rows = reshape(g, [index.numel(), dim]);
  if (scale !== null) rows = E.mul(rows, scale.dtype === g.dtype ? scale : C.to(scale, g.dtype));
  return indexAdd(C.zeros([numWeights, dim], { dtype: g.dtype }), 0, index, rows);
}
