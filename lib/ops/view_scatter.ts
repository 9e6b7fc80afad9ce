// The view-scatter ops (diagonalScatter, selectScatter, sliceScatter: a copy of input with src written into one
// view of it) and uniqueConsecutive.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape, underName } from '../errors.js';
import { record, noGrad, recordNotImplemented } from '../autograd/record.js';
import { clone, wrap } from './creation.js';
import * as S from './shape.js';
import { copy_ } from './inplace.js';
import { longFrom } from './int64.js';
import { outData, type Data } from '../storage.js';
import { wrapDim } from '../shape.js';

/** A copy of input with src written into view(copy); src must have the view's shape. */
function scatterInto(op: string, input: Tensor, src: Tensor, view: (t: Tensor) => Tensor): Tensor {
  checkTensor(op, input);
  checkTensor(op, src);
  return noGrad(() => {
    const out = clone(input), v = underName(op, ['select', 'slice', 'diagonal'], view)(out); // their errors named as op
    if (v.shape.length !== src.shape.length || v.shape.some((d, i) => d !== src.shape[i]))
      throw rangeError(op, `expected src to have a size equal to the slice of self. src size = ${fmtShape(src.shape)}, slice size = ${fmtShape(v.shape)}`);
    underName(op, ['copy_'], copy_)(v, src);
    return out;
  });
}

/**
 * A copy of `input` with `src` written into its diagonal (offset, dim1, dim2), as `input.diagonal(...)` would see it.
 *
 * @see torch.diagonal_scatter
 * @example
 * ```ts
 * tg.diagonalScatter(tg.zeros([2, 3]), tg.tensor([1, 2]), 1)
 * // tensor([[0., 1., 0.],
 * //         [0., 0., 2.]])
 * ```
 */
export function diagonalScatter(input: Tensor, src: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const out = scatterInto('diagonalScatter', input, src, (t) => S.diagonal(t, offset, dim1, dim2));
  return record('diagonalScatter', [input, src], out, () => ({ offset, dim1, dim2, srcShape: src.shape }));
}

/**
 * A copy of `input` with `src` written into the slice `input.select(dim, index)`.
 *
 * @see torch.select_scatter
 * @example
 * ```ts
 * tg.selectScatter(tg.zeros([2, 2]), tg.tensor([5, 6]), 0, 1)
 * // tensor([[0., 0.],
 * //         [5., 6.]])
 * ```
 */
export function selectScatter(input: Tensor, src: Tensor, dim: number, index: number): Tensor {
  const out = scatterInto('selectScatter', input, src, (t) => S.select(t, dim, index));
  return record('selectScatter', [input, src], out, () => ({ dim, index, srcShape: src.shape }));
}

/**
 * A copy of `input` with `src` written into the slice `start:end:step` of `dim`.
 *
 * @see torch.slice_scatter
 * @example
 * ```ts
 * tg.sliceScatter(tg.zeros([4]), tg.tensor([1, 2]), 0, 1, null, 2) // tensor([0., 1., 0., 2.])
 * ```
 */
export function sliceScatter(input: Tensor, src: Tensor, dim = 0, start: number | null = null, end: number | null = null, step = 1): Tensor {
  const out = scatterInto('sliceScatter', input, src, (t) => S.slice(t, dim, start, end, step));
  return record('sliceScatter', [input, src], out, () => ({ dim, start, end, step, srcShape: src.shape }));
}

/** uniqueConsecutive's result with a flag set: [output, inverse?, counts?] (PyTorch's tuple). */
export type UniqueConsecutive = Tensor | Tensor[];

/**
 * Collapses each run of equal consecutive elements (or slices along `dim`) into one; with `returnInverse`, the
 * run each input element belongs to, and with `returnCounts`, each run's length (int64 both).
 *
 * @see torch.unique_consecutive
 * @example
 * ```ts
 * const x = tg.tensor([1, 1, 2, 2, 3, 1, 1], { dtype: 'int64' })
 * tg.uniqueConsecutive(x) // tensor([1, 2, 3, 1])
 * const [out, inverse, counts] = tg.uniqueConsecutive(x, true, true)
 * counts // tensor([2, 2, 1, 2])
 * ```
 */
export function uniqueConsecutive(input: Tensor, returnInverse = false, returnCounts = false, dim: number | null = null): UniqueConsecutive {
  checkTensor('uniqueConsecutive', input);
  if (typeof returnInverse !== 'boolean' || typeof returnCounts !== 'boolean')
    throw typeError('uniqueConsecutive', `returnInverse and returnCounts must be booleans, got ${describe(returnInverse)} and ${describe(returnCounts)}`);
  const flat = dim === null || dim === undefined;
  if (!flat && (typeof dim !== 'number' || !Number.isInteger(dim))) throw typeError('uniqueConsecutive', `dim must be an integer or null, got ${describe(dim)}`);
  const d = flat ? 0 : wrapDim('uniqueConsecutive', dim as number, input.ndim);
  // Runs over slices along d: x moved so d is first, each slice one row of `width` values.
  const x = noGrad(() => (flat ? S.reshape(input, [input.numel()]) : S.movedim(input, d, 0)).contiguous());
  const n = flat ? input.numel() : input.ndim === 0 ? 1 : input.shape[d], width = n === 0 ? 0 : x.numel() / n;
  const src = x._data as ArrayLike<number | bigint>;
  const same = (i: number, j: number): boolean => {
    for (let k = 0; k < width; k++) if (src[i * width + k] !== src[j * width + k]) return false;
    return true;
  };
  const firsts: number[] = [], inverse = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (i === 0 || !same(i, i - 1)) firsts.push(i);
    inverse[i] = firsts.length - 1;
  }
  const vals = outData(input.dtype, firsts.length * width) as unknown as (number | bigint)[];
  firsts.forEach((f, r) => { for (let k = 0; k < width; k++) vals[r * width + k] = src[f * width + k]; });
  const rowShape = flat ? [] : x.shape.slice(1);
  let out = wrap(vals as unknown as Data, [firsts.length, ...rowShape], input.dtype);
  if (!flat) out = noGrad(() => S.movedim(out, 0, d).contiguous());
  const counts = new Int32Array(firsts.length);
  firsts.forEach((f, r) => (counts[r] = (r + 1 < firsts.length ? firsts[r + 1] : n) - f));
  const inv = longFrom(inverse, flat ? input.shape.slice() : [n]);
  recordNotImplemented('unique_consecutive', [input], out, 'UniqueConsecutiveBackward0'); // its backward throws, as PyTorch's
  const parts = [out, ...(returnInverse ? [inv] : []), ...(returnCounts ? [longFrom(counts, [firsts.length])] : [])];
  return parts.length === 1 ? out : parts;
}

/**
 * In place: fills the main diagonal (every dim equal for more than 2 dims) with `fillValue`; a tall matrix with
 * `wrap` restarts the diagonal every `cols + 1` rows. Through a strided view, as PyTorch's fill_diagonal_.
 *
 * @see torch.Tensor.fill_diagonal_
 * @example
 * ```ts
 * tg.zeros([3, 3]).fillDiagonal_(7)
 * // tensor([[7., 0., 0.],
 * //         [0., 7., 0.],
 * //         [0., 0., 7.]])
 * ```
 */
export function fillDiagonal_<T extends Tensor>(x: T, fillValue: number | boolean, wrap = false): T {
  checkTensor('fillDiagonal_', x);
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean') throw typeError('fillDiagonal_', `fillValue must be a number, got ${describe(fillValue)}`);
  if (typeof wrap !== 'boolean') throw typeError('fillDiagonal_', `wrap must be a boolean, got ${describe(wrap)}`);
  if (x.ndim < 2) throw rangeError('fillDiagonal_', `dimensions must larger than 1 (shape ${fmtShape(x.shape)})`);
  const [h, w] = x.shape;
  if (x.ndim > 2 && x.shape.some((d) => d !== h)) throw rangeError('fillDiagonal_', `all dimensions of input must be of equal length (shape ${fmtShape(x.shape)})`);
  const st = x.stride(), stride = st.reduce((a, b) => a + b, 0), size = Math.min(h, w);
  const fill = (n: number, off: number): void => { if (n > 0) S.asStrided(x, [n], [stride], x._offset + off).fill_(fillValue); };
  underName('fillDiagonal_', ['fill_', 'asStrided'], fill)(size, 0);
  if (wrap && x.ndim === 2 && h > w + 1) underName('fillDiagonal_', ['fill_', 'asStrided'], fill)(Math.floor((x.numel() + w) / (w + 1)) - size, st[0] * (w + 1));
  return x;
}

