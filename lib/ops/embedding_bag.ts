// tg.nn.functional.embeddingBag: PyTorch 1.13's F.embedding_bag, the sum, mean or max of "bags" of embedding
// rows without materializing the looked-up rows. One EmbeddingBagBackward0 node (row nnEmbeddingBag in
// lib/autograd/derivatives_layers.ts) with inputs [weight, perSampleWeights].
//
// Note [Embedding bags]: bags come from offsets into a 1-D input (bag b is input[offsets[b] .. offsets[b+1]),
// the last running to the end, or to offsets' last entry with includeLastOffset) or are the rows of a 2-D
// input (PyTorch builds offsets = arange(0, numel, cols), so includeLastOffset then drops the last row, as
// PyTorch). Entries equal to paddingIdx are left out of their bag (not counted by mean; an empty bag is
// zeros). Each entry k has a factor scale[k]: 0 for padding, 1 / (bag size) for mean, its per-sample weight
// for sum; the weight's grad is then an indexAdd of g[bag(k)] * scale[k] (differentiable in g and
// perSampleWeights, so double backward works). Max keeps, per bag and column, the first maximal entry's row.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { indexInts } from './int64.js';
import * as E from './elementwise.js';
import * as C from './creation.js';
import { sum } from './reduce.js';
import { reshape, unsqueeze } from './shape.js';
import { indexAdd, indexSelect } from './gather.js';
import { scatterAdd } from './scatter.js';
import { renorm } from './embedding.js';

type Floats = Float32Array | Float64Array;
const OP = 'embeddingBag';

export interface EmbeddingBagOptions {
  offsets?: Tensor | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  mode?: 'sum' | 'mean' | 'max';
  sparse?: boolean;
  perSampleWeights?: Tensor | null;
  includeLastOffset?: boolean;
  paddingIdx?: number | null;
}

/** The bags of Note [Embedding bags]: flat indices, and bag b's [start, end) in starts/ends. */
function bagsOf(input: Tensor, offsets: Tensor | null | undefined, includeLast: boolean): { idx: Int32Array; starts: number[]; ends: number[] } {
  if (input.dtype !== 'int64' && input.dtype !== 'int32')
    throw typeError(OP, `expected input to be an int64 or int32 tensor of indices, got ${input.dtype} (input of shape ${fmtShape(input.shape)})`);
  let offs: number[];
  if (input.ndim === 2) {
    if (offsets !== undefined && offsets !== null)
      throw rangeError(OP, `if input is 2D, then offsets has to be null, as input is treated as a mini-batch of fixed length sequences; got offsets of shape ${describe(offsets)} (input of shape ${fmtShape(input.shape)})`);
    const cols = input.shape[1];
    offs = cols === 0 ? [] : Array.from({ length: input.shape[0] }, (_, i) => i * cols);
  } else if (input.ndim === 1) {
    if (offsets === undefined || offsets === null) throw rangeError(OP, `offsets has to be a 1D Tensor but got null (input of shape ${fmtShape(input.shape)})`);
    checkTensor(OP, offsets, 'offsets');
    if (offsets.ndim !== 1) throw rangeError(OP, `offsets has to be a 1D Tensor, got offsets of shape ${fmtShape(offsets.shape)}`);
    offs = Array.from(indexInts(OP, offsets, 'offsets'));
    if (offs.length > 0 && offs[0] !== 0)
      throw rangeError(OP, `offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got ${offs[0]} (offsets of shape ${fmtShape(offsets.shape)})`);
  } else {
    throw rangeError(OP, `input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.ndim} (input of shape ${fmtShape(input.shape)})`);
  }
  const n = input.numel();
  for (let i = 0; i < offs.length; i++) {
    if (offs[i] > n) throw rangeError(OP, `offsets[${i}] can not be greater than input's length (${n}), but got ${offs[i]}`);
    if (i > 0 && offs[i] < offs[i - 1]) throw rangeError(OP, `offsets must be non-decreasing, got offsets[${i - 1}] = ${offs[i - 1]} > offsets[${i}] = ${offs[i]}`);
  }
  const B = includeLast ? Math.max(offs.length - 1, 0) : offs.length;
  const starts = offs.slice(0, B), ends = starts.map((_, b) => (b + 1 < offs.length ? offs[b + 1] : n));
  return { idx: indexInts(OP, input, 'input'), starts, ends };
}

/**
 * Sums, means or maxes of bags of embedding rows.
 *
 * Bags of rows of weight [numEmbeddings, embeddingDim]: a 1-D input with offsets (bag b starts at offsets[b]) or a
 * 2-D input whose rows are the bags; result [bags, embeddingDim]. mode 'mean' (default), 'sum' or 'max';
 * perSampleWeights (input's shape, mode 'sum' only) weight each entry; paddingIdx entries are left out;
 * includeLastOffset takes offsets' last entry as the end of the last bag; maxNorm renormalizes the looked-up
 * rows of weight in place first. One EmbeddingBagBackward0 node.
 *
 * @see torch.nn.functional.embedding_bag
 * @example
 * ```ts
 * const w = tg.tensor([[1, 1], [2, 2], [3, 3]])
 * const input = tg.tensor([0, 2, 1, 2], { dtype: 'int64' })
 * tg.nn.functional.embeddingBag(input, w, tg.tensor([0, 2], { dtype: 'int64' }), { mode: 'sum' })
 * // tensor([[4., 4.],
 * //         [5., 5.]])
 * ```
 */
export const embeddingBag = kw(signature('nn.functional.embeddingBag', 'input, weight, offsets, maxNorm, normType, scaleGradByFreq, mode, sparse, perSampleWeights, includeLastOffset, paddingIdx'), function embeddingBag(
  input: Tensor, weight: Tensor, offsets?: Tensor | null, maxNorm?: number | null, normType = 2, scaleGradByFreq = false, mode: 'sum' | 'mean' | 'max' = 'mean', sparse = false,
  perSampleWeights?: Tensor | null, includeLastOffset = false, paddingIdx?: number | null): Tensor {
  checkTensor(OP, input, 'input');
  checkTensor(OP, weight, 'weight');
  if (weight.ndim !== 2) throw rangeError(OP, `'weight' must be 2-D, got weight of shape ${fmtShape(weight.shape)}`);
  if (!isFloat(weight.dtype)) throw typeError(OP, `expected a floating point weight, got ${weight.dtype} (weight of shape ${fmtShape(weight.shape)})`);
  if (mode !== 'sum' && mode !== 'mean' && mode !== 'max') throw typeError(OP, `mode has to be one of sum, mean or max, got ${describe(mode)}`);
  for (const [name, v] of [['scaleGradByFreq', scaleGradByFreq], ['sparse', sparse], ['includeLastOffset', includeLastOffset]] as const)
    if (typeof v !== 'boolean') throw typeError(OP, `${name} must be a boolean, got ${describe(v)}`);
  if (sparse) throw typeError(OP, 'sparse=true is not supported (tensorgrad has no sparse tensors)');
  if (typeof normType !== 'number') throw typeError(OP, `normType must be a number, got ${describe(normType)}`);
  const N = weight.shape[0], Dm = weight.shape[1];
  let psw: Tensor | null = null;
  if (perSampleWeights !== undefined && perSampleWeights !== null) {
    checkTensor(OP, perSampleWeights, 'perSampleWeights');
    if (perSampleWeights.shape.join() !== input.shape.join())
      throw rangeError(OP, `If perSampleWeights (${fmtShape(perSampleWeights.shape)}) is not null, then it must have the same shape as the input (${fmtShape(input.shape)})`);
    if (mode !== 'sum') throw rangeError(OP, `perSampleWeights was not null. perSampleWeights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`);
    if (perSampleWeights.dtype !== weight.dtype) throw typeError(OP, `expected perSampleWeights of weight's dtype ${weight.dtype}, got ${perSampleWeights.dtype}`);
    psw = reshape(perSampleWeights, [-1]);
  }
  let pad = -1;
  if (paddingIdx !== undefined && paddingIdx !== null) {
    if (typeof paddingIdx !== 'number' || !Number.isInteger(paddingIdx)) throw typeError(OP, `paddingIdx must be an integer, got ${describe(paddingIdx)}`);
    if (paddingIdx >= N || paddingIdx < -N) throw rangeError(OP, `paddingIdx must be within the number of embeddings, got ${paddingIdx} (weight of shape ${fmtShape(weight.shape)})`);
    pad = paddingIdx < 0 ? paddingIdx + N : paddingIdx;
  }
  const { idx, starts, ends } = bagsOf(input, offsets, includeLastOffset as boolean);
  for (const v of idx)
    if (v < 0 || v >= N) throw rangeError(OP, `index ${v} is out of range for an embedding of size ${fmtShape(weight.shape)} (input of shape ${fmtShape(input.shape)}; valid indices are 0..${N - 1})`);
  if (maxNorm !== undefined && maxNorm !== null) {
    if (typeof maxNorm !== 'number') throw typeError(OP, `maxNorm must be a number, got ${describe(maxNorm)}`);
    renorm(weight, idx, maxNorm, normType);
  }
  const B = starts.length, w = weight._data as Floats, pw = psw === null ? null : (psw._data as Floats);
  const out = (outData(weight.dtype, B * Dm) as Floats).fill(0);
  const m = idx.length, bagOf = new Int32Array(m), scale = new Float64Array(m);
  const maxIdx = mode === 'max' ? new Int32Array(B * Dm).fill(-1) : null;
  for (let b = 0; b < B; b++) {
    let count = 0;
    for (let k = starts[b]; k < ends[b]; k++) if (idx[k] !== pad) count++;
    for (let k = starts[b]; k < ends[b]; k++) {
      bagOf[k] = b;
      if (idx[k] === pad) continue;
      const row = idx[k] * Dm, o = b * Dm;
      if (maxIdx !== null) {
        for (let j = 0; j < Dm; j++)
          if (maxIdx[o + j] === -1 || w[row + j] > out[o + j]) {
            out[o + j] = w[row + j];
            maxIdx[o + j] = idx[k];
          }
      } else {
        const f = mode === 'mean' ? 1 / count : pw === null ? 1 : pw[k];
        scale[k] = mode === 'mean' ? 1 / count : 1;
        for (let j = 0; j < Dm; j++) out[o + j] += w[row + j] * f;
      }
    }
  }
  // entries past the last bag (includeLastOffset with offsets ending early) belong to no bag: factor 0
  for (let k = B > 0 ? ends[B - 1] : 0; k < m; k++) scale[k] = 0;
  if (scaleGradByFreq && maxIdx === null) {
    const counts = new Map<number, number>();
    for (const v of idx) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (let k = 0; k < m; k++) scale[k] /= counts.get(idx[k])!;
  }
  const y = C.wrap(out, [B, Dm], weight.dtype);
  return record('nnEmbeddingBag', [weight, psw], y, () => ({
    weight, numWeights: N, index: C.tensor(Array.from(idx), { dtype: 'int32' }), bagOf: C.tensor(Array.from(bagOf), { dtype: 'int32' }),
    scale: C.tensor(Array.from(scale), { dtype: weight.dtype }), psw, maxIdx: maxIdx === null ? null : maxIdx,
  }));
}) as (input: Tensor, weight: Tensor, offsets?: Tensor | null | EmbeddingBagOptions, maxNorm?: number | null | EmbeddingBagOptions, normType?: number | EmbeddingBagOptions,
  scaleGradByFreq?: boolean | EmbeddingBagOptions, mode?: 'sum' | 'mean' | 'max' | EmbeddingBagOptions, sparse?: boolean | EmbeddingBagOptions,
  perSampleWeights?: Tensor | null | EmbeddingBagOptions, includeLastOffset?: boolean | EmbeddingBagOptions, paddingIdx?: number | null | EmbeddingBagOptions) => Tensor;

export interface EmbeddingBagSaved {
  weight: Tensor;
  numWeights: number;
  index: Tensor;
  bagOf: Tensor;
  scale: Tensor;
  psw: Tensor | null;
  maxIdx: Int32Array | null;
}

/** EmbeddingBagBackward0's weight grad (Note [Embedding bags]). */
export function embeddingBagWeightGrad(g: Tensor, s: EmbeddingBagSaved): Tensor {
  const Dm = g.shape[1];
  if (s.maxIdx !== null) {
    // empty bags' columns point at row 0 with their grad masked out
    const mask = C.tensor(Array.from(s.maxIdx, (v) => (v < 0 ? 0 : 1)), { dtype: g.dtype });
    const at = C.tensor(Array.from(s.maxIdx, (v) => Math.max(v, 0)), { dtype: 'int32' });
    return scatterAdd(C.zeros([s.numWeights, Dm], { dtype: g.dtype }), 0, reshape(at, g.shape), E.mul(g, reshape(mask, g.shape)));
  }
  let f = s.scale.dtype === g.dtype ? s.scale : C.to(s.scale, g.dtype);
  if (s.psw !== null) f = E.mul(f, s.psw);
  const rows = E.mul(indexSelect(g, 0, s.bagOf), unsqueeze(f, 1));
  return indexAdd(C.zeros([s.numWeights, Dm], { dtype: g.dtype }), 0, s.index, rows);
}

/** EmbeddingBagBackward0's perSampleWeights grad: g[bag(k)] . weight[index[k]] (0 at padding), shaped as the weights. */
export function embeddingBagPswGrad(g: Tensor, s: EmbeddingBagSaved): Tensor {
  const dots = sum(E.mul(indexSelect(g, 0, s.bagOf), indexSelect(s.weight, 0, s.index)), 1);
  const live = E.ne(s.scale, 0);
  return E.where(live, dots, C.zeros([], { dtype: g.dtype }));
}
