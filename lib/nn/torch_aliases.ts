// issue 15's fifth batch, torch.* surface (exported by lib/api.ts as api.torch5): the torch.* spellings of nn.functional ops (torch.conv2d,
// torch.max_pool2d, torch.dropout(input, p, train), ...), their in-place forms, the torch.* predicates and dtype
// helpers (isTensor, canCast, ...), scalarTensor, range and isin (type promotion: lib/ops/type_promotion.ts). Spread into tg by index.ts.
import { Tensor, checkTensor, type TensorLike } from '../tensor.js';
import * as F from './functional.js';
import { kw, signature, signatureOf, SIGNATURE } from '../kwargs.js';
import { underName, typeError, rangeError, describe } from '../errors.js';
import { isFloat, isDType, type DType, defaultFloat } from '../dtype.js';
import { resultType } from '../ops/type_promotion.js';
import { tensor, arange } from '../ops/creation.js';
import { noGrad } from '../autograd/record.js';
import { inplaceFrom } from '../ops/inplace.js';
import { orderKeys } from '../ops/int64.js';

type AnyFn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
/** torch.NAME as nn.functional's FN: the same parameters (`drop` left out, `fixed` passed), errors named NAME. */
function fromF<T extends AnyFn>(name: string, fn: T, drop: string[] = [], fixed: Record<string, unknown> = {}): T {
  const sig = signatureOf(fn)!;
  const names = sig.names.filter((n) => !drop.includes(n));
  const impl = ((...args: unknown[]) => {
    const full = sig.names.map((n) => (n in fixed ? fixed[n] : args[names.indexOf(n)]));
    return fn(...full);
  }) as T;
  return kw(signature(name, names.join(', ')), underName(name, [sig.fn, sig.fn.replace(/^nn\.functional\./, '')], impl));
}
/**
 * torch.NAME of an nn.functional loss: PyTorch's torch.* losses take reduction as an int (0 'none', 1 'mean',
 * 2 'sum') and default to 'none' (torch.kl_div(a, b) is elementwise); a string is accepted too.
 */
function lossOf<T extends AnyFn>(name: string, fn: T, drop: string[] = []): T {
  const sig = signatureOf(fn)!, at = sig.names.indexOf('reduction');
  const mapped = ((...args: unknown[]) => {
    const r = args[at];
    const reduction = r === undefined || r === null ? 'none' : typeof r === 'number' ? (['none', 'mean', 'sum'] as const)[r] : r;
    if (reduction === undefined) throw rangeError(name, `reduction must be 0 (none), 1 (mean) or 2 (sum), got ${describe(r)}`);
    const a = args.slice();
    a[at] = reduction;
    return fn(...a);
  }) as unknown as T;
  Object.defineProperty(mapped, SIGNATURE, { value: sig });
  return fromF(name, mapped, drop);
}
/** torch.NAME(input, p, train): nn.functional's dropout family with PyTorch's torch.* parameter names. */
function dropoutOf<T extends AnyFn>(name: string, fn: T, inplace: boolean): (input: Tensor, p?: number, train?: boolean) => Tensor {
  const impl = (input: Tensor, p = 0.5, train = true): Tensor => (inplace ? inplaceFrom(name, input, () => fn(input, p, train)) : fn(input, p, train));
  return kw(signature(name, 'input, p, train'), underName(name, [signatureOf(fn)!.fn], impl));
}
/** torch.NAME_(input, ...): nn.functional's FN computed out of place and written into input (inplaceFrom). */
function inplaceF<T extends AnyFn>(name: string, fn: T): AnyFn {
  const sig = signatureOf(fn)!;
  const names = sig.names.filter((n) => n !== 'inplace');
  const impl = (input: Tensor, ...rest: unknown[]): Tensor => inplaceFrom(name, input, () => fn(input, ...rest));
  return kw(signature(name, names.join(', ')), underName(name, [sig.fn], impl));
}
/** An in-place torch.NAME_(input, ...) as input.METHOD_(...). */
function methodOf(name: string, method: string, params: string): AnyFn {
  return kw(signature(name, params), (input: unknown, ...rest: unknown[]) => {
    if (!(input instanceof Tensor)) throw typeError(name, `expected a Tensor, got ${describe(input)}`);
    return (input as unknown as Record<string, AnyFn>)[method](...rest);
  });
}

function dtypeOf(op: string, d: unknown, what: string): DType {
  if (!isDType(d)) throw typeError(op, `${what} must be a dtype name, got ${describe(d)}`);
  return d;
}

/**
 * Whether a value of dtype `from_` may be cast to `to` by PyTorch's in-place rules (no float into an integer,
 * nothing but bool into bool).
 *
 * @see torch.can_cast
 * @example
 * ```ts
 * tg.canCast('float64', 'int32') // => false
 * tg.canCast('int32', 'float32') // => true
 * ```
 */
export function canCast(from_: DType, to: DType): boolean {
  const a = dtypeOf('canCast', from_, 'from_'), b = dtypeOf('canCast', to, 'to');
  if (isFloat(a)) return isFloat(b);
  if (a !== 'bool') return b !== 'bool';
  return true;
}

/**
 * A 0-d tensor holding `s` (float32 unless a dtype is given, as PyTorch's scalar_tensor).
 *
 * @see torch.scalar_tensor
 * @example
 * ```ts
 * tg.scalarTensor(3) // tensor(3.)
 * ```
 */
export function scalarTensor(s: number | boolean, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  if (typeof s !== 'number' && typeof s !== 'boolean') throw typeError('scalarTensor', `s must be a number or a boolean, got ${describe(s)}`);
  if (dtype !== undefined && dtype !== null && !isDType(dtype)) throw typeError('scalarTensor', `dtype must be a dtype name, got ${describe(dtype)}`);
  return tensor(Number(s), { dtype: dtype ?? defaultFloat(), requiresGrad: requiresGrad ?? false });
}

/**
 * Values from `start` to `end` INCLUDED, `step` apart (deprecated in PyTorch in favour of arange); float32 by default.
 *
 * @see torch.range
 * @example
 * ```ts
 * tg.range(1, 4) // tensor([1., 2., 3., 4.])
 * tg.range(0, 1, 0.25).shape // => [5]
 * ```
 */
export function range(start: number, end: number, step = 1, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const op = 'range';
  for (const [k, val] of [['start', start], ['end', end], ['step', step]] as const)
    if (typeof val !== 'number' || !Number.isFinite(val)) throw typeError(op, `${k} must be a finite number, got ${describe(val)}`);
  if (step === 0) throw rangeError(op, 'step must be nonzero');
  if ((end - start) / step < 0) throw rangeError(op, `upper bound and larger bound inconsistent with step sign (start=${start}, end=${end}, step=${step})`);
  const n = Math.floor((end - start) / step) + 1;
  const dt = dtypeOf(op, dtype ?? defaultFloat(), 'dtype');
  const out = noGrad(() => arange(0, n, 1, 'float64').mul(step).add(start).to(dt));
  if (requiresGrad) out.requiresGrad_(true);
  return out;
}

/**
 * Whether each element of `elements` is in `testElements` (a bool tensor of elements' shape); `invert` flips it.
 *
 * Either argument may be a number. Values compare in the two's promoted dtype; NaN is in nothing. int64 values
 * compare exactly past 2^53.
 *
 * @see torch.isin
 * @example
 * ```ts
 * tg.isin(tg.tensor([[1, 2], [3, 4]]), tg.tensor([2, 3]))
 * // tensor([[False,  True],
 * //         [ True, False]])
 * ```
 */
export function isin(elements: TensorLike, testElements: TensorLike, assumeUnique = false, invert = false): Tensor {
  const op = 'isin';
  if (!(elements instanceof Tensor) && !(testElements instanceof Tensor)) throw typeError(op, 'expected elements or testElements to be a Tensor');
  if (typeof assumeUnique !== 'boolean' || typeof invert !== 'boolean') throw typeError(op, 'assumeUnique and invert must be booleans');
  for (const [name, v] of [['elements', elements], ['testElements', testElements]] as const) {
    if (v instanceof Tensor) checkTensor(op, v, name);
    else if (typeof v !== 'number' && typeof v !== 'boolean') throw typeError(op, `expected ${name} to be a Tensor or a number, got ${describe(v)}`);
  }
  const common = resultType(elements as Tensor | number | boolean, testElements as Tensor | number | boolean);
  const asT = (v: TensorLike): Tensor => noGrad(() => (v instanceof Tensor ? v.to(common) : tensor(Number(v), { dtype: common })));
  const e = asT(elements), t = asT(testElements);
  const [ek, tk] = common === 'int64' ? orderKeys(op, e, t).keys : [e._data, t._data];
  const set = new Set<number>();
  for (let i = 0; i < tk.length; i++) if (tk[i] === tk[i]) set.add(Number(tk[i])); // NaN is in nothing
  const out = new Uint8Array(ek.length);
  for (let i = 0; i < ek.length; i++) out[i] = set.has(Number(ek[i])) !== invert ? 1 : 0;
  return tensor(Array.from(out, (b) => b === 1), { dtype: 'bool' }).reshape(e.shape.slice());
}

const checked = (op: string, x: unknown): Tensor => {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  return x;
};

export const torch5 = {
  /**
   * nn.functional.adaptiveAvgPool1d under its torch.* name.
   *
   * @see torch.adaptive_avg_pool1d
   * @example
   * ```ts
   * tg.adaptiveAvgPool1d(tg.arange(12, { dtype: 'float32' }).reshape([1, 2, 6]), 3).shape // => [1, 2, 3]
   * ```
   */
  adaptiveAvgPool1d: fromF('adaptiveAvgPool1d', F.adaptiveAvgPool1d),
  /**
   * nn.functional.adaptiveMaxPool1d under its torch.* name: values and indices, as PyTorch's torch.adaptive_max_pool1d.
   *
   * @see torch.adaptive_max_pool1d
   * @example
   * ```ts
   * tg.adaptiveMaxPool1d(tg.arange(12, { dtype: 'float32' }).reshape([1, 2, 6]), 2)[1].tolist() // => [[[2, 5], [2, 5]]]
   * ```
   */
  adaptiveMaxPool1d: fromF('adaptiveMaxPool1d', F.adaptiveMaxPool1d, ['returnIndices'], { returnIndices: true }),
  /**
   * nn.functional.avgPool1d under its torch.* name.
   *
   * @see torch.avg_pool1d
   * @example
   * ```ts
   * tg.avgPool1d(tg.arange(12, { dtype: 'float32' }).reshape([1, 2, 6]), 2).shape // => [1, 2, 3]
   * ```
   */
  avgPool1d: fromF('avgPool1d', F.avgPool1d),
  /**
   * nn.functional.bilinear under its torch.* name.
   *
   * @see torch.bilinear
   * @example
   * ```ts
   * tg.bilinear(tg.ones([2, 3]), tg.ones([2, 4]), tg.ones([5, 3, 4])).shape // => [2, 5]
   * ```
   */
  bilinear: fromF('bilinear', F.bilinear),
  /**
   * nn.functional.binaryCrossEntropyWithLogits under its torch.* name: reduction 'none' by default (or 0, 1, 2), as PyTorch's torch.* losses.
   *
   * @see torch.binary_cross_entropy_with_logits
   * @example
   * ```ts
   * tg.binaryCrossEntropyWithLogits(tg.tensor([0, 2]), tg.tensor([1, 0])).shape // => [2]
   * ```
   */
  binaryCrossEntropyWithLogits: lossOf('binaryCrossEntropyWithLogits', F.binaryCrossEntropyWithLogits),
  /**
   * nn.functional.celu under its torch.* name.
   *
   * @see torch.celu
   * @example
   * ```ts
   * tg.celu(tg.tensor([-1, 1]), 0.5)
   * ```
   */
  celu: fromF('celu', F.celu, ['inplace'], { inplace: false }),
  /**
   * In place: celu written into input; returns input.
   *
   * @see torch.celu_
   * @example
   * ```ts
   * const x = tg.tensor([-1, 1])
   * tg.celu_(x) === x // => true
   * ```
   */
  celu_: inplaceF('celu_', F.celu),
  /**
   * nn.functional.channelShuffle under its torch.* name.
   *
   * @see torch.channel_shuffle
   * @example
   * ```ts
   * tg.channelShuffle(tg.arange(4).reshape([1, 4, 1]), 2).flatten().tolist() // => [0, 2, 1, 3]
   * ```
   */
  channelShuffle: fromF('channelShuffle', F.channelShuffle),
  /**
   * nn.functional.conv1d under its torch.* name.
   *
   * @see torch.conv1d
   * @example
   * ```ts
   * tg.conv1d(tg.ones([1, 2, 5]), tg.ones([3, 2, 2])).shape // => [1, 3, 4]
   * ```
   */
  conv1d: fromF('conv1d', F.conv1d),
  /**
   * nn.functional.conv2d under its torch.* name.
   *
   * @see torch.conv2d
   * @example
   * ```ts
   * tg.conv2d(tg.ones([1, 1, 4, 4]), tg.ones([2, 1, 3, 3]), null, 1, 1).shape // => [1, 2, 4, 4]
   * ```
   */
  conv2d: fromF('conv2d', F.conv2d),
  /**
   * nn.functional.conv3d under its torch.* name.
   *
   * @see torch.conv3d
   * @example
   * ```ts
   * tg.conv3d(tg.ones([1, 1, 3, 3, 3]), tg.ones([1, 1, 2, 2, 2])).shape // => [1, 1, 2, 2, 2]
   * ```
   */
  conv3d: fromF('conv3d', F.conv3d),
  /**
   * nn.functional.convTranspose1d under its torch.* name.
   *
   * @see torch.conv_transpose1d
   * @example
   * ```ts
   * tg.convTranspose1d(tg.ones([1, 2, 3]), tg.ones([2, 1, 2]), null, 2).shape // => [1, 1, 6]
   * ```
   */
  convTranspose1d: fromF('convTranspose1d', F.convTranspose1d),
  /**
   * nn.functional.convTranspose2d under its torch.* name.
   *
   * @see torch.conv_transpose2d
   * @example
   * ```ts
   * tg.convTranspose2d(tg.ones([1, 1, 2, 2]), tg.ones([1, 1, 2, 2]), null, 2).shape // => [1, 1, 4, 4]
   * ```
   */
  convTranspose2d: fromF('convTranspose2d', F.convTranspose2d),
  /**
   * nn.functional.convTranspose3d under its torch.* name.
   *
   * @see torch.conv_transpose3d
   * @example
   * ```ts
   * tg.convTranspose3d(tg.ones([1, 1, 2, 2, 2]), tg.ones([1, 1, 2, 2, 2])).shape // => [1, 1, 3, 3, 3]
   * ```
   */
  convTranspose3d: fromF('convTranspose3d', F.convTranspose3d),
  /**
   * nn.functional.cosineEmbeddingLoss under its torch.* name: reduction 'none' by default (or 0, 1, 2).
   *
   * @see torch.cosine_embedding_loss
   * @example
   * ```ts
   * tg.cosineEmbeddingLoss(tg.ones([2, 3]), tg.ones([2, 3]), tg.tensor([1, -1])).shape // => [2]
   * ```
   */
  cosineEmbeddingLoss: lossOf('cosineEmbeddingLoss', F.cosineEmbeddingLoss),
  /**
   * nn.functional.cosineSimilarity under its torch.* name.
   *
   * @see torch.cosine_similarity
   * @example
   * ```ts
   * tg.cosineSimilarity(tg.tensor([[1, 0]]), tg.tensor([[1, 0]])).tolist() // => [1]
   * ```
   */
  cosineSimilarity: fromF('cosineSimilarity', F.cosineSimilarity),
  /**
   * nn.functional.ctcLoss under its torch.* name: reduction 'none' by default (or 0, 1, 2).
   *
   * @see torch.ctc_loss
   * @example
   * ```ts
   * tg.ctcLoss(tg.zeros([4, 1, 3]).logSoftmax(2), tg.tensor([[1, 2]], { dtype: 'int64' }), [4], [2]).shape // => [1]
   * ```
   */
  ctcLoss: lossOf('ctcLoss', F.ctcLoss),
  /**
   * nn.functional.hingeEmbeddingLoss under its torch.* name: reduction 'none' by default (or 0, 1, 2).
   *
   * @see torch.hinge_embedding_loss
   * @example
   * ```ts
   * tg.hingeEmbeddingLoss(tg.tensor([0.5, 2]), tg.tensor([1, -1])).shape // => [2]
   * ```
   */
  hingeEmbeddingLoss: lossOf('hingeEmbeddingLoss', F.hingeEmbeddingLoss),
  /**
   * nn.functional.klDiv under its torch.* name: reduction 'none' by default (or 0, 1, 2), as PyTorch's torch.kl_div.
   *
   * @see torch.kl_div
   * @example
   * ```ts
   * tg.klDiv(tg.zeros([2, 3]), tg.full([2, 3], 0.5)).shape // => [2, 3]
   * ```
   */
  klDiv: lossOf('klDiv', F.klDiv),
  /**
   * nn.functional.marginRankingLoss under its torch.* name: reduction 'none' by default (or 0, 1, 2).
   *
   * @see torch.margin_ranking_loss
   * @example
   * ```ts
   * tg.marginRankingLoss(tg.tensor([1, 2]), tg.tensor([2, 1]), tg.tensor([1, 1])).tolist() // => [1, 0]
   * ```
   */
  marginRankingLoss: lossOf('marginRankingLoss', F.marginRankingLoss),
  /**
   * nn.functional.maxPool1d under its torch.* name (values only, as PyTorch's torch.max_pool1d).
   *
   * @see torch.max_pool1d
   * @example
   * ```ts
   * tg.maxPool1d(tg.arange(12, { dtype: 'float32' }).reshape([1, 2, 6]), 2).shape // => [1, 2, 3]
   * ```
   */
  maxPool1d: fromF('maxPool1d', F.maxPool1d, ['returnIndices'], { returnIndices: false }),
  /**
   * nn.functional.maxPool2d under its torch.* name (values only).
   *
   * @see torch.max_pool2d
   * @example
   * ```ts
   * tg.maxPool2d(tg.ones([1, 1, 4, 4]), 2).shape // => [1, 1, 2, 2]
   * ```
   */
  maxPool2d: fromF('maxPool2d', F.maxPool2d, ['returnIndices'], { returnIndices: false }),
  /**
   * nn.functional.maxPool3d under its torch.* name (values only).
   *
   * @see torch.max_pool3d
   * @example
   * ```ts
   * tg.maxPool3d(tg.ones([1, 1, 2, 2, 2]), 2).shape // => [1, 1, 1, 1, 1]
   * ```
   */
  maxPool3d: fromF('maxPool3d', F.maxPool3d, ['returnIndices'], { returnIndices: false }),
  /**
   * nn.functional.pairwiseDistance under its torch.* name.
   *
   * @see torch.pairwise_distance
   * @example
   * ```ts
   * tg.pairwiseDistance(tg.tensor([[0, 3]]), tg.tensor([[4, 0]]), 2, 0).tolist() // => [5]
   * ```
   */
  pairwiseDistance: fromF('pairwiseDistance', F.pairwiseDistance),
  /**
   * nn.functional.pixelShuffle under its torch.* name.
   *
   * @see torch.pixel_shuffle
   * @example
   * ```ts
   * tg.pixelShuffle(tg.ones([1, 4, 2, 2]), 2).shape // => [1, 1, 4, 4]
   * ```
   */
  pixelShuffle: fromF('pixelShuffle', F.pixelShuffle),
  /**
   * nn.functional.pixelUnshuffle under its torch.* name.
   *
   * @see torch.pixel_unshuffle
   * @example
   * ```ts
   * tg.pixelUnshuffle(tg.ones([1, 1, 4, 4]), 2).shape // => [1, 4, 2, 2]
   * ```
   */
  pixelUnshuffle: fromF('pixelUnshuffle', F.pixelUnshuffle),
  /**
   * nn.functional.poissonNllLoss under its torch.* name: reduction 'none' by default (or 0, 1, 2).
   *
   * @see torch.poisson_nll_loss
   * @example
   * ```ts
   * tg.poissonNllLoss(tg.zeros([2]), tg.ones([2]), true, false, 1e-8, 1).tolist() // => 1
   * ```
   */
  poissonNllLoss: lossOf('poissonNllLoss', F.poissonNllLoss, ['sizeAverage', 'reduce']),
  /**
   * nn.functional.prelu under its torch.* name.
   *
   * @see torch.prelu
   * @example
   * ```ts
   * tg.prelu(tg.tensor([-2, 2]), tg.tensor([0.5])).tolist() // => [-1, 2]
   * ```
   */
  prelu: fromF('prelu', F.prelu),
  /**
   * nn.functional.selu under its torch.* name.
   *
   * @see torch.selu
   * @example
   * ```ts
   * tg.selu(tg.tensor([0, 1]))
   * ```
   */
  selu: fromF('selu', F.selu, ['inplace'], { inplace: false }),
  /**
   * In place: selu written into input; returns input.
   *
   * @see torch.selu_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.selu_(x) === x // => true
   * ```
   */
  selu_: inplaceF('selu_', F.selu),
  /**
   * nn.functional.threshold under its torch.* name.
   *
   * @see torch.threshold
   * @example
   * ```ts
   * tg.threshold(tg.tensor([-1, 2]), 0, 9).tolist() // => [9, 2]
   * ```
   */
  threshold: fromF('threshold', F.threshold, ['inplace'], { inplace: false }),
  /**
   * In place: threshold written into input; returns input.
   *
   * @see torch.threshold_
   * @example
   * ```ts
   * const x = tg.tensor([-1, 2])
   * tg.threshold_(x, 0, 9)
   * x.tolist() // => [9, 2]
   * ```
   */
  threshold_: inplaceF('threshold_', F.threshold),
  /**
   * nn.functional.tripletMarginLoss under its torch.* name: reduction 'none' by default (or 0, 1, 2).
   *
   * @see torch.triplet_margin_loss
   * @example
   * ```ts
   * tg.tripletMarginLoss(tg.ones([2, 3]), tg.ones([2, 3]), tg.zeros([2, 3])).shape // => [2]
   * ```
   */
  tripletMarginLoss: lossOf('tripletMarginLoss', F.tripletMarginLoss),
  /**
   * nn.functional.dropout with PyTorch's torch.dropout(input, p, train) parameters.
   *
   * @see torch.dropout
   * @example
   * ```ts
   * tg.dropout(tg.ones([3]), 0.5, false).tolist() // => [1, 1, 1]
   * ```
   */
  dropout: dropoutOf('dropout', F.dropout, false),
  /**
   * In place: dropout written into input; returns input.
   *
   * @see torch.dropout_
   * @example
   * ```ts
   * const x = tg.ones([3])
   * tg.dropout_(x, 0.5, false) === x // => true
   * ```
   */
  dropout_: dropoutOf('dropout_', F.dropout, true),
  /**
   * nn.functional.alphaDropout with torch.alpha_dropout(input, p, train) parameters.
   *
   * @see torch.alpha_dropout
   * @example
   * ```ts
   * tg.alphaDropout(tg.ones([3]), 0.5, false).tolist() // => [1, 1, 1]
   * ```
   */
  alphaDropout: dropoutOf('alphaDropout', F.alphaDropout, false),
  /**
   * In place: alphaDropout written into input; returns input.
   *
   * @see torch.alpha_dropout_
   * @example
   * ```ts
   * const x = tg.ones([3])
   * tg.alphaDropout_(x, 0.5, false) === x // => true
   * ```
   */
  alphaDropout_: dropoutOf('alphaDropout_', F.alphaDropout, true),
  /**
   * nn.functional.featureAlphaDropout with torch.feature_alpha_dropout(input, p, train) parameters.
   *
   * @see torch.feature_alpha_dropout
   * @example
   * ```ts
   * tg.featureAlphaDropout(tg.ones([1, 2, 2]), 0.5, false).shape // => [1, 2, 2]
   * ```
   */
  featureAlphaDropout: dropoutOf('featureAlphaDropout', F.featureAlphaDropout, false),
  /**
   * In place: featureAlphaDropout written into input; returns input.
   *
   * @see torch.feature_alpha_dropout_
   * @example
   * ```ts
   * const x = tg.ones([1, 2, 2])
   * tg.featureAlphaDropout_(x, 0.5, false) === x // => true
   * ```
   */
  featureAlphaDropout_: dropoutOf('featureAlphaDropout_', F.featureAlphaDropout, true),
  /**
   * nn.functional.layerNorm with torch.layer_norm's parameters (cudnnEnable is accepted and has no effect).
   *
   * @see torch.layer_norm
   * @example
   * ```ts
   * tg.layerNorm(tg.tensor([[1, 3]]), [2]).shape // => [1, 2]
   * ```
   */
  layerNorm: kw(signature('layerNorm', 'input, normalizedShape, weight, bias, eps, cudnnEnable'), underName('layerNorm', ['nn.functional.layerNorm', 'layerNorm'],
    (input: Tensor, normalizedShape: number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor => F.layerNorm(input, normalizedShape, weight, bias, eps))),
  /**
   * nn.functional.groupNorm with torch.group_norm's parameters (cudnnEnabled is accepted and has no effect).
   *
   * @see torch.group_norm
   * @example
   * ```ts
   * tg.groupNorm(tg.ones([1, 4, 2]), 2).shape // => [1, 4, 2]
   * ```
   */
  groupNorm: kw(signature('groupNorm', 'input, numGroups, weight, bias, eps, cudnnEnabled'), underName('groupNorm', ['nn.functional.groupNorm', 'groupNorm'],
    (input: Tensor, numGroups: number, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor => F.groupNorm(input, numGroups, weight, bias, eps))),
  /**
   * In place: arccos of input (input.arccos_()); returns input.
   *
   * @see torch.arccos_
   * @example
   * ```ts
   * const x = tg.tensor([0.5])
   * tg.arccos_(x) === x // => true
   * ```
   */
  arccos_: methodOf('arccos_', 'arccos_', 'input'),
  /**
   * In place: arccosh of input (input.arccosh_()); returns input.
   *
   * @see torch.arccosh_
   * @example
   * ```ts
   * const x = tg.tensor([1.5])
   * tg.arccosh_(x) === x // => true
   * ```
   */
  arccosh_: methodOf('arccosh_', 'arccosh_', 'input'),
  /**
   * In place: arcsin of input (input.arcsin_()); returns input.
   *
   * @see torch.arcsin_
   * @example
   * ```ts
   * const x = tg.tensor([0.5])
   * tg.arcsin_(x) === x // => true
   * ```
   */
  arcsin_: methodOf('arcsin_', 'arcsin_', 'input'),
  /**
   * In place: arcsinh of input (input.arcsinh_()); returns input.
   *
   * @see torch.arcsinh_
   * @example
   * ```ts
   * const x = tg.tensor([0.5])
   * tg.arcsinh_(x) === x // => true
   * ```
   */
  arcsinh_: methodOf('arcsinh_', 'arcsinh_', 'input'),
  /**
   * In place: arctan of input (input.arctan_()); returns input.
   *
   * @see torch.arctan_
   * @example
   * ```ts
   * const x = tg.tensor([0.5])
   * tg.arctan_(x) === x // => true
   * ```
   */
  arctan_: methodOf('arctan_', 'arctan_', 'input'),
  /**
   * In place: arctanh of input (input.arctanh_()); returns input.
   *
   * @see torch.arctanh_
   * @example
   * ```ts
   * const x = tg.tensor([0.5])
   * tg.arctanh_(x) === x // => true
   * ```
   */
  arctanh_: methodOf('arctanh_', 'arctanh_', 'input'),
  /**
   * In place: input clamped to [min, max] (input.clip_()); returns input.
   *
   * @see torch.clip_
   * @example
   * ```ts
   * const x = tg.tensor([-2, 0.5, 3])
   * tg.clip_(x, -1, 1)
   * x.tolist() // => [-1, 0.5, 1]
   * ```
   */
  clip_: methodOf('clip_', 'clip_', 'input, min, max'),
  /**
   * input.detach() as a function: the same values, cut from the graph.
   *
   * @see torch.detach
   * @example
   * ```ts
   * tg.detach(tg.ones([2], { requiresGrad: true })).requiresGrad // => false
   * ```
   */
  detach: methodOf('detach', 'detach', 'input'),
  /**
   * input.detach_() as a function: input cut from the graph in place.
   *
   * @see torch.detach_
   * @example
   * ```ts
   * const x = tg.ones([2], { requiresGrad: true }).mul(2)
   * tg.detach_(x).requiresGrad // => false
   * ```
   */
  detach_: methodOf('detach_', 'detach_', 'input'),
  /**
   * Whether obj is a Tensor.
   *
   * @see torch.is_tensor
   * @example
   * ```ts
   * tg.isTensor(tg.ones([1])) // => true
   * tg.isTensor([1]) // => false
   * ```
   */
  isTensor: kw(signature('isTensor', 'obj'), (obj: unknown): boolean => obj instanceof Tensor),
  /**
   * Whether input's dtype is a floating point one.
   *
   * @see torch.is_floating_point
   * @example
   * ```ts
   * tg.isFloatingPoint(tg.ones([1])) // => true
   * ```
   */
  isFloatingPoint: kw(signature('isFloatingPoint', 'input'), (input: Tensor): boolean => checked('isFloatingPoint', input).isFloatingPoint()),
  /**
   * Whether input's dtype is signed.
   *
   * @see torch.is_signed
   * @example
   * ```ts
   * tg.isSigned(tg.tensor([true])) // => false
   * ```
   */
  isSigned: kw(signature('isSigned', 'input'), (input: Tensor): boolean => checked('isSigned', input).isSigned()),
  /**
   * Whether a one-element tensor is nonzero.
   *
   * @see torch.is_nonzero
   * @example
   * ```ts
   * tg.isNonzero(tg.tensor([2])) // => true
   * ```
   */
  isNonzero: kw(signature('isNonzero', 'input'), (input: Tensor): boolean => checked('isNonzero', input).isNonzero()),
  /**
   * Whether input and other have the same shape.
   *
   * @see torch.is_same_size
   * @example
   * ```ts
   * tg.isSameSize(tg.ones([2, 3]), tg.zeros([2, 3])) // => true
   * ```
   */
  isSameSize: kw(signature('isSameSize', 'input, other'), (input: Tensor, other: Tensor): boolean => checked('isSameSize', input).isSameSize(checked('isSameSize', other))),
  /**
   * The number of elements of input.
   *
   * @see torch.numel
   * @example
   * ```ts
   * tg.numel(tg.ones([2, 3])) // => 6
   * ```
   */
  numel: kw(signature('numel', 'input'), (input: Tensor): number => checked('numel', input).numel()),
  canCast: kw(signature('canCast', 'from_, to'), canCast),
  scalarTensor: kw(signature('scalarTensor', 's, dtype, requiresGrad'), scalarTensor),
  range: kw(signature('range', 'start, end, step, dtype, requiresGrad'), range),
  isin: kw(signature('isin', 'elements, testElements, assumeUnique, invert'), isin),
};
