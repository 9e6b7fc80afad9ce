// indexReduce / indexReduce_ (PyTorch 1.13's index_reduce: 'prod', 'mean', 'amax', 'amin' of source's slices
// into input's slices at index along dim), run as scatterReduce over the index expanded to source's shape;
// recorded as IndexReduceBackward0 with scatter_reduce's formulas (derivatives.yaml gives both the same ones).
import { Tensor, checkTensor } from '../tensor.js';
import { wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, gradMode, noGrad } from '../autograd/record.js';
import { clone } from './creation.js';
import { inplaceFrom } from './inplace.js';
import { indexInts } from './int64.js';
import * as S from './shape.js';
import { scatterReduce } from './scatter.js';

export type IndexReduce = 'prod' | 'mean' | 'amax' | 'amin';
const REDUCES: readonly string[] = ['prod', 'mean', 'amax', 'amin'];

function indexReduceAs(op: string, input: Tensor, dim: number, index: Tensor, source: Tensor, reduce: IndexReduce, includeSelf: boolean | { includeSelf?: boolean } = true): Tensor {
  checkTensor(op, input, 'input');
  checkTensor(op, index, 'index');
  checkTensor(op, source, 'source');
  const inc = typeof includeSelf === 'object' && includeSelf !== null ? includeSelf.includeSelf ?? true : includeSelf;
  if (typeof inc !== 'boolean') throw typeError(op, `includeSelf must be a boolean, got ${describe(inc)}`);
  if (!REDUCES.includes(reduce as string)) throw rangeError(op, `Expected reduce to be one of prod, mean, amax or amin but got ${typeof reduce === 'string' ? reduce : describe(reduce)}`);
  if (index.dtype !== 'int64' && index.dtype !== 'int32') throw typeError(op, `Expected dtype int32/int64 for index but got: ${index.dtype} (shape ${fmtShape(index.shape)})`);
  if (index.ndim > 1) throw rangeError(op, `Index is supposed to be a vector, but got dim: ${index.ndim} with size: ${fmtShape(index.shape)}`);
  if (source.dtype !== input.dtype) throw typeError(op, `expected source of dtype ${input.dtype} (self's), got ${source.dtype}`);
  if (input.ndim === 0) {
    // a 0-d input is one slice of length 1 (PyTorch treats it as 1-d)
    const m0 = index.numel();
    const r = indexReduceAs(op, S.reshape(input, [1]), dim === -1 ? 0 : dim, index, S.reshape(source, [m0]), reduce, inc);
    return S.reshape(r, []);
  }
  const d = wrapDim(op, dim, input.ndim);
  const m = index.numel();
  const srcShape = input.shape.map((n, i) => (i === d ? m : n));
  if (source.ndim !== srcShape.length || source.shape.some((n, i) => n !== srcShape[i]))
    throw rangeError(op, `source of shape ${fmtShape(source.shape)} does not match self ${fmtShape(input.shape)} with ${m} indices at dimension ${d} (expected ${fmtShape(srcShape)})`);
  const size = input.shape[d];
  const idx = indexInts(op, index, 'index', size, d);
  for (let i = 0; i < idx.length; i++) if (idx[i] < 0 || idx[i] >= size) throw rangeError(op, `index out of range in self (index ${idx[i]} for dimension ${d} with size ${size})`);
  // the index along dim, expanded to source's shape: scatterReduce's index
  const along = S.view(index, input.shape.map((_, i) => (i === d ? m : 1)));
  const expanded = noGrad(() => S.expand(along, source.shape).contiguous());
  const out = noGrad(() => scatterReduce(input, d, expanded, source, reduce, inc));
  return record('indexReduce', [input, source], out, () => ({ self: input, src: source, index: expanded, dim: d, reduce, includeSelf: inc, result: out }));
}

/**
 * Reduces the slices of `source` into the slices of `input` at `index` along `dim`, by 'prod', 'mean', 'amax' or 'amin'.
 *
 * input with source's slice i combined into input's slice index[i] along dim; includeSelf (default true) says
 * whether input's own values take part. Integer 'mean' floors. Recorded as IndexReduceBackward0.
 *
 * @see torch.index_reduce
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
 * tg.indexReduce(x, 1, tg.tensor([0, 0], { dtype: 'int64' }), tg.tensor([[2, 3], [7, 1]]), 'amax')
 * // tensor([[3., 2., 3.],
 * //         [7., 5., 6.]])
 * ```
 */
export function indexReduce(input: Tensor, dim: number, index: Tensor, source: Tensor, reduce: IndexReduce, includeSelf: boolean | { includeSelf?: boolean } = true): Tensor {
  return indexReduceAs('indexReduce', input, dim, index, source, reduce, includeSelf);
}

/** In-place indexReduce. @example x.indexReduce_(0, idx, src, 'amax') */
export function indexReduce_<T extends Tensor>(x: T, dim: number, index: Tensor, source: Tensor, reduce: IndexReduce, includeSelf: boolean | { includeSelf?: boolean } = true): T {
  return inplaceFrom('indexReduce_', x, () => indexReduceAs('indexReduce_', gradMode.enabled && x.requiresGrad ? clone(x) : x, dim, index, source, reduce, includeSelf));
}
