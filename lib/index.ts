// The tensorgrad package: named exports plus the `tg` namespace as the default export.
import { Tensor } from './tensor.js';
import './ops/methods.js'; // defines the Tensor methods that call ops (Note [Tensor methods] in tensor.ts)
import * as creation from './ops/creation.js';
import * as api from './api.js';
import { Generator } from './ops/random.js';
import { kw, signature } from './kwargs.js';
import { autograd } from './autograd/index.js';
import * as nn from './nn/index.js';
import * as optim from './optim/index.js';
import * as utils from './utils/index.js';
import * as func from './func/index.js';
import { safetensors, save, load } from './serialization/index.js';
import { fromFile } from './serialization/from_file.js';
import { backends, getNumThreads, setNumThreads } from './backends.js';
import { printOptions } from './format.js';
import { toTransferable, fromTransferable } from './sharing.js';
import * as workers from './workers.js';
import { version } from './version.js';

const creationExtra = api.kwAll('', creation, { clone: 'input', to: 'input, dtype' });

export { Tensor };
export type { TensorLike, Hook } from './tensor.js';
export type { DType } from './dtype.js';
export {
  tensor, zeros, ones, full, empty, arange, linspace, logspace, eye, rand, randn, randint, manualSeed,
  zerosLike, onesLike, emptyLike, fullLike, randLike, randnLike, randintLike,
} from './ops/creation.js';
export { Generator } from './ops/random.js';
export const { clone, to } = creationExtra;
export const {
  add, sub, rsub, mul, div, pow, maximum, minimum, neg, abs, exp, log, sqrt, rsqrt, reciprocal, sin, cos, tanh, sigmoid, relu,
  square, sign, clamp, where, eq, ne, lt, le, gt, ge, logicalNot, equal, allclose,
} = api.elementwise;
export const {
  sinh, cosh, tan, asin, acos, atan, asinh, acosh, atanh, log2, log10, log1p, expm1, exp2, erfc, erfinv, lgamma,
  digamma, polygamma, floor, ceil, trunc, round, frac, sinc, deg2rad, rad2deg, nanToNum, isnan, isinf, isfinite,
  atan2, hypot, fmod, remainder, xlogy, lerp, addcmul, addcdiv, logicalAnd, logicalOr, logicalXor, bitwiseAnd,
  bitwiseOr, bitwiseXor, bitwiseNot,
} = api.elementwiseMath;
export const { cumsum, cumprod, cummax, cummin, logcumsumexp, diff } = api.scans;
export const { sort, argsort, msort, topk, kthvalue, median, mode } = api.sorting;
export const { sum, mean, prod, max, min, argmax, argmin, norm, std, logsumexp, all, any } = api.reduce;
// Not `export const { var: var_ }`: that also exported the name var_ (only the default object dropped it).
const var_ = api.reduce.var;
export { var_ as var };
export const { reshape, view, flatten, squeeze, unsqueeze, transpose, permute, t, expand, cat, stack, split, chunk, narrow, select, diagonal, asStrided, unbind, movedim, moveaxis, swapaxes, swapdims } = api.shape;
export const { dot, matmul, mm, bmm, mv, outer } = api.linalg;
export const { einsum } = api.einsumOps;
export const { inverse, det, logdet, slogdet } = api.linalgAliases;
export const linalg = { ...api.linalgNamespace, ...api.linalgProducts, ...api.linalgxNamespace, ...api.linalgNames };
export const { cholesky, choleskySolve, svd } = api.decompAliases;
export const { softmax, logSoftmax } = api.softmaxes;
export const { noGrad, enableGrad, setGradEnabled, isGradEnabled } = api.gradMode;
export const { normal, bernoulli, multinomial, randperm, seed, initialSeed, getRngState, setRngState } = api.sampling;
export const { tril, triu, diag, diagEmbed, flip, fliplr, flipud, roll, repeat, tile, repeatInterleave, meshgrid } = api.structure;
export const { nonzero, argwhere, searchsorted, bucketize, unique } = api.search;
export const { indexPut, indexPut_, slice } = api.indexing;
export const {
  gather, indexSelect, indexAdd, indexFill, indexCopy, scatter, scatterAdd, scatterReduce, maskedFill, maskedSelect, maskedScatter,
  take, takeAlongDim, put,
} = api.indexing;
export const {
  absolute, arccos, arccosh, arcsin, arcsinh, arctan, arctanh, arctan2, multiply, divide, subtract, trueDivide, greater,
  greaterEqual, less, lessEqual, notEqual, negative, clip, fix, ger, concat, concatenate, positive,
} = api.aliases;
export const { erf, logaddexp, logaddexp2, logit, sgn, clampMin, clampMax, fmax, fmin, copysign, isclose } = api.moreMath;
export const { cdist } = api.distances;
export const { floorDivide, quantile, nanquantile, nanmedian, histc, bincount, histogram } = api.breadth4;
export const {
  isposinf, isneginf, signbit, heaviside, floatPower, ldexp, frexp, gcd, lcm, nextafter, dist, hardshrink, splitWithSizes, gcd_, lcm_, ldexp_,
  diagonalScatter, selectScatter, sliceScatter, uniqueConsecutive, renorm,
} = api.breadth4More;
export const { cov, corrcoef, trapezoid, trapz, cumulativeTrapezoid, vander, gradient, indexReduce, asStrided_, resizeAs_ } = api.breadth5;
export const {
  adaptiveAvgPool1d, adaptiveMaxPool1d, avgPool1d, bilinear, binaryCrossEntropyWithLogits, celu, celu_, channelShuffle, conv1d, conv2d, conv3d,
  convTranspose1d, convTranspose2d, convTranspose3d, cosineEmbeddingLoss, cosineSimilarity, ctcLoss, hingeEmbeddingLoss, klDiv, marginRankingLoss,
  maxPool1d, maxPool2d, maxPool3d, pairwiseDistance, pixelShuffle, pixelUnshuffle, poissonNllLoss, prelu, selu, selu_, threshold, threshold_,
  tripletMarginLoss, dropout, dropout_, alphaDropout, alphaDropout_, featureAlphaDropout, featureAlphaDropout_, layerNorm, groupNorm, arccos_, arccosh_,
  arcsin_, arcsinh_, arctan_, arctanh_, clip_, detach, detach_, isTensor, isFloatingPoint, isSigned, isNonzero, isSameSize, numel, canCast,
  scalarTensor, range, isin,
} = api.torch5;
export const {
  matrixPower, pinverse, chainMatmul, frobeniusNorm, nuclearNorm, matrixRank, lstsq, addmv_, lu, luSolve, luUnpack, matrixExp, choleskyInverse, triangularSolve,
  geqrf, orgqr, ormqr, solve, eig, qr,
} = api.linalgx;
export const { i0, i0_, igamma, igammac, mvlgamma, bitwiseLeftShift, bitwiseRightShift } = api.specialx;
export const { rot90, blockDiag, diagflat, cartesianProd, combinations } = api.moreStructure;
export const { amax, amin, aminmax, nansum, nanmean, countNonzero, varMean, stdMean } = api.moreReductions;
export const { addmm, addmv, addr, baddbmm, addbmm, vdot, inner, tensordot, kron, cross, trace } = api.products;
export const {
  broadcastTo, broadcastShapes, broadcastTensors, atleast1d, atleast2d, atleast3d, hstack, vstack, dstack, columnStack,
  rowStack, ravel, unflatten, tensorSplit, hsplit, vsplit, dsplit,
} = api.joining;
export const { resultType, promoteTypes } = api.typePromotion;
export const {
  typename, unsafeSplit, unsafeSplitWithSizes, unsafeChunk, fill, constantPadNd, batchNorm, instanceNorm, embedding, featureDropout,
  featureDropout_, rrelu, rrelu_, asTensor, asarray, frombuffer, emptyStrided, useDeterministicAlgorithms, areDeterministicAlgorithmsEnabled,
  isDeterministicAlgorithmsWarnOnlyEnabled, setDeterministicDebugMode, getDeterministicDebugMode, setWarnAlways, isWarnAlwaysEnabled,
  getNumInteropThreads, setNumInteropThreads, setFlushDenormal, getFloat32MatmulPrecision, setFloat32MatmulPrecision,
  rnnTanhCell, rnnReluCell, lstmCell, gruCell,
} = api.torchMisc;
export const {
  setDefaultDtype, getDefaultDtype, setDefaultTensorType, initNumThreads, isStorage, poisson, binomial, rnnTanh, rnnRelu,
  lstm, gru, symeig, pdist, normExceptDim, embeddingRenorm_, gridSampler, gridSampler2d, gridSampler3d, affineGridGenerator,
  convolution, convTbc, asStridedScatter, svdLowrank, pcaLowrank, histogramdd, lobpcg, embeddingBag,
} = api.torchNames;
export const {
  abs_, acos_, acosh_, asin_, asinh_, atan_, atanh_, ceil_, clamp_, cos_, cosh_, deg2rad_, erfc_, exp2_, exp_, expm1_,
  fill_, floor_, frac_, log10_, log1p_, log2_, log_, nanToNum_, neg_, rad2deg_, reciprocal_, relu_, round_, rsqrt_,
  sigmoid_, sin_, sinc_, sinh_, sqrt_, square_, tan_, tanh_, trunc_, xlogy_, zero_, fix_, negative_, erf_, clampMin_,
  clampMax_, logit_,
} = api.inplaceFunctions;
export { autograd } from './autograd/index.js';
export const { vmap } = func;
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * as utils from './utils/index.js';
export * as func from './func/index.js';
export { safetensors, save, load } from './serialization/index.js';
export { fromFile } from './serialization/from_file.js';
export { backends, getNumThreads, setNumThreads } from './backends.js';
export { toTransferable, fromTransferable } from './sharing.js';
export type { TransferableTensor, ToTransferableOptions } from './sharing.js';
export * as workers from './workers.js';
export { version } from './version.js';
export { float32, float, float64, double, int64, long, int32, int, bool, float16, half, bfloat16, int16, short, int8, uint8 } from './dtypes_public.js';
import { float32, float, float64, double, int64, long, int32, int, bool, float16, half, bfloat16, int16, short, int8, uint8 } from './dtypes_public.js';

/**
 * Sets how tensors print (precision, threshold, edgeitems, linewidth, profile, sciMode).
 *
 * Sets print options like torch.set_printoptions: `profile` ('default', 'short' or 'full') first resets
 * precision, threshold, edgeitems and linewidth to its values, then the given ones apply; `sciMode` is set on
 * every call, so leaving it out turns the automatic choice back on, as in PyTorch.
 *
 * @see torch.set_printoptions
 * @example
 * ```ts
 * tg.setPrintOptions({ precision: 2 })
 * const s = String(tg.tensor([1 / 3]))
 * tg.setPrintOptions({ profile: 'default' })
 * s // => 'tensor([0.33])'
 * ```
 */
function setPrintOptionsImpl(
  precision?: number, threshold?: number, edgeitems?: number, linewidth?: number, profile?: string | null, sciMode?: boolean | null,
): void {
  if (profile !== undefined && profile !== null) {
    const p = PRINT_PROFILES[profile];
    if (p === undefined) throw new RangeError(`setPrintOptions: profile must be 'default', 'short' or 'full', got ${JSON.stringify(profile)}`);
    Object.assign(printOptions, p);
  }
  const given = { precision, threshold, edgeitems, linewidth };
  for (const [k, v] of Object.entries(given)) if (v !== undefined && v !== null) (printOptions as unknown as Record<string, unknown>)[k] = v;
  // Note: PyTorch assigns sci_mode unconditionally (its default None is the automatic choice).
  printOptions.sciMode = sciMode ?? null;
}
const PRINT_PROFILES: Record<string, { precision: number; threshold: number; edgeitems: number; linewidth: number }> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};
const PRINT_OPTIONS = 'precision, threshold, edgeitems, linewidth, profile, sciMode';
export const setPrintOptions = kw(signature('setPrintOptions', PRINT_OPTIONS), setPrintOptionsImpl);

/**
 * `tg.setPrintOptions` under PyTorch's own spelling (`set_printoptions` camel-cased), so a ported line works as is.
 *
 * @see torch.set_printoptions
 * @example
 * ```ts
 * tg.setPrintoptions({ precision: 6 })
 * const s = String(tg.tensor([1 / 3]))
 * tg.setPrintoptions({ precision: 4 })
 * s // => 'tensor([0.333333])'
 * ```
 */
export const setPrintoptions = kw(signature('setPrintoptions', PRINT_OPTIONS), setPrintOptionsImpl);

/** The `tg` namespace (PyTorch's `torch`), the default export: every named export in one object. */
const tg = {
  Tensor,
  Generator,
  ...creation,
  clone,
  to,
  ...api.elementwise,
  ...api.elementwiseMath,
  ...api.scans,
  ...api.sorting,
  ...api.reduce,
  ...api.shape,
  ...api.linalg,
  ...api.einsumOps,
  ...api.linalgAliases,
  ...api.decompAliases,
  linalg,
  ...api.softmaxes,
  ...api.gradMode,
  ...api.sampling,
  ...api.structure,
  ...api.search,
  ...api.indexing,
  ...api.aliases,
  ...api.moreMath,
  ...api.moreReductions,
  ...api.products,
  ...api.joining,
  ...api.typePromotion,
  ...api.distances,
  ...api.moreStructure,
  ...api.inplaceFunctions,
  ...api.breadth4,
  ...api.breadth4More,
  ...api.breadth5,
  ...api.torch5,
  ...api.linalgx,
  ...api.specialx,
  ...api.torchMisc,
  ...api.torchNames,
  autograd,
  nn,
  optim,
  utils,
  safetensors,
  save,
  load,
  fromFile,
  backends,
  getNumThreads,
  setNumThreads,
  setPrintOptions,
  setPrintoptions,
  float32, float, float64, double, int64, long, int32, int, bool, float16, half, bfloat16, int16, short, int8, uint8,
  toTransferable,
  fromTransferable,
  workers,
  version,
  // ---- tg.func (torch.func): function transforms ----
  func,
  vmap: func.vmap,
};
// Internal helpers that the module spreads above bring along: not API (tg.gemm reached the native GEMM with
// unchecked sizes and strides; tg.gradMode is the mutable grad-mode record).
for (const internal of ['wrap', 'alias', 'defaultGenerator', 'sigmoidBackward', 'tanhBackward', 'thresholdBackward', 'var_',
  'bmmT', 'gemm', 'mmT', 'gradMode', 'binaryBackward', 'smallArithInPlace', 'setSmallArithInJs'])
  delete (tg as Record<string, unknown>)[internal];

export default tg;
