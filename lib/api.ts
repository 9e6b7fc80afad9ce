// The public tg.* functions: each op of lib/ops with its signature (Note [Keyword arguments] in kwargs.ts),
// so every PyTorch keyword argument works positionally and in a trailing options object. Internal code
// calls the ops directly and skips the wrapper.
import { Tensor } from './tensor.js';
import type { DType } from './dtype.js';
import * as E from './ops/elementwise.js';
import * as EM from './ops/elementwise_math.js';
import * as CU from './ops/cumulative.js';
import * as SO from './ops/sorting.js';
import * as R from './ops/reduce.js';
import * as S from './ops/shape.js';
import * as L from './ops/linalg.js';
import * as LU from './ops/linalg_lu.js';
import * as CH from './ops/linalg_chol.js';
import * as QE from './ops/linalg_qr_eig.js';
import * as SV from './ops/linalg_svd.js';
import * as PI from './ops/linalg_pinv.js';
import * as FO from './ops/softmax.js';
import * as SM from './ops/sampling.js';
import * as ST from './ops/structure.js';
import * as SE from './ops/search.js';
import * as IX from './ops/indexing.js';
import * as GA from './ops/gather.js';
import * as SC from './ops/scatter.js';
import * as MK from './ops/masked.js';
import * as EI from './ops/einsum.js';
import * as LP from './ops/linalg_products.js';
import * as J from './ops/joining.js';
import * as TP from './ops/type_promotion.js';
import * as LN from './ops/linalg_norms.js';
import * as DV from './ops/division.js';
import * as STA from './ops/statistics.js';
import * as PX from './ops/pointwise_extra.js';
import * as VS from './ops/view_scatter.js';
import * as CO from './ops/correlation.js';
import * as VI from './ops/view_inplace.js';
import * as IG from './ops/integration.js';
import * as IR from './ops/index_reduce.js';
import * as LX from './ops/linalg_extra.js';
import * as LF from './ops/linalg_factor.js';
import * as SPX from './ops/special_extra.js';
import * as HH from './ops/linalg_householder.js';
import { hardshrink as actHardshrink } from './ops/activation.js';
import * as G from './autograd/grad_mode.js';
import { kw, signature } from './kwargs.js';
import { underName } from './errors.js';

/** Wraps each function of `raw` named in `table` (name -> parameter list) with kw(); `prefix` names errors. */
export function kwAll<T extends object>(prefix: string, raw: T, table: { [K in keyof T]?: string }): T {
  const out = {} as T;
  for (const key of Object.keys(table) as (keyof T & string)[]) {
    const fn = raw[key];
    if (typeof fn !== 'function') throw new Error(`kwAll: ${prefix}${key} is not a function`);
    out[key] = kw(signature(`${prefix}${key}`, table[key] as string), fn as (...a: unknown[]) => unknown) as T[typeof key];
  }
  return out;
}

/**
 * `exp(x) / sum(exp(x))` along `dim`.
 *
 * softmax / logSoftmax with PyTorch's dtype argument (the input is cast first).
 *
 * @see torch.softmax
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.softmax(x, 0) // tensor([0.0900, 0.2447, 0.6652])
 * ```
 */
function softmax(input: Tensor, dim: number, dtype?: DType | null): Tensor {
  return FO.softmax(FO.softmaxInput('softmax', input, dtype), dim);
}
/**
 * `log(softmax(x))` along `dim`, computed stably.
 *
 * @see torch.log_softmax
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.logSoftmax(x, 0) // tensor([-2.4076, -1.4076, -0.4076])
 * ```
 */
function logSoftmax(input: Tensor, dim: number, dtype?: DType | null): Tensor {
  return FO.logSoftmax(FO.softmaxInput('logSoftmax', input, dtype), dim);
}

/**
 * Maximum of all elements; along `dim` it returns `{ values, indices }`; with a tensor it is `maximum`.
 *
 * @see torch.max
 * @example
 * ```ts
 * const x = tg.tensor([[1, 5], [3, 4]])
 * tg.max(x) // tensor(5.)
 * tg.max(x, 1).indices.tolist()
 * ```
 */
function max(input: Tensor): Tensor;
function max(input: Tensor, other: Tensor): Tensor;
function max(input: Tensor, dim: number | R.DimOptions, keepdim?: boolean): R.ValuesIndices;
function max(input: Tensor, dim?: unknown, keepdim?: unknown, other?: unknown): Tensor | R.ValuesIndices {
  return R.maxMin('max', input, dim, keepdim, other);
}
/**
 * Minimum of all elements; along `dim` it returns `{ values, indices }`; with a tensor it is `minimum`.
 *
 * @see torch.min
 * @example
 * ```ts
 * const x = tg.tensor([[1, 5], [3, 4]])
 * tg.min(x)
 * tg.min(x, 0).values // tensor([1., 4.])
 * ```
 */
function min(input: Tensor): Tensor;
function min(input: Tensor, other: Tensor): Tensor;
function min(input: Tensor, dim: number | R.DimOptions, keepdim?: boolean): R.ValuesIndices;
function min(input: Tensor, dim?: unknown, keepdim?: unknown, other?: unknown): Tensor | R.ValuesIndices {
  return R.maxMin('min', input, dim, keepdim, other);
}

const unary = 'input';
const binary = 'input, other';

export const elementwise = kwAll('', { ...E, div: DV.divMode }, {
  add: 'input, other, alpha', sub: 'input, other, alpha', rsub: 'input, other, alpha', mul: binary, div: 'input, other, roundingMode', pow: 'input, exponent',
  maximum: binary, minimum: binary, neg: unary, abs: unary, exp: unary, log: unary, sqrt: unary, rsqrt: unary,
  reciprocal: unary,
  sin: unary, cos: unary, tanh: unary, sigmoid: unary, relu: unary, square: unary, sign: unary,
  clamp: 'input, min, max', where: 'condition, input, other', eq: binary, ne: binary, lt: binary, le: binary,
  gt: binary, ge: binary, logicalNot: unary, equal: binary, allclose: 'input, other, rtol, atol, equalNan',
});

const dimKeep = 'input, dim, keepdim';
export const reduce = {
  ...kwAll('', R, {
    sum: 'input, dim, keepdim, dtype', mean: 'input, dim, keepdim, dtype', prod: 'input, dim, keepdim, dtype', argmax: dimKeep,
    argmin: dimKeep, norm: 'input, p, dim, keepdim', var: 'input, dim, unbiased, keepdim, correction',
    std: 'input, dim, unbiased, keepdim, correction', logsumexp: dimKeep, all: dimKeep, any: dimKeep,
  }),
  ...kwAll('', { max, min }, { max: 'input, dim, keepdim, other', min: 'input, dim, keepdim, other' }),
};

export const shape = kwAll('', S, {
  reshape: 'input, ...shape', view: 'input, ...size', flatten: 'input, startDim, endDim', squeeze: 'input, dim',
  unsqueeze: 'input, dim', transpose: 'input, dim0, dim1', permute: 'input, ...dims', t: unary,
  expand: 'input, ...size', cat: 'tensors, dim', stack: 'tensors, dim', split: 'tensor, splitSizeOrSections, dim',
  chunk: 'input, chunks, dim', narrow: 'input, dim, start, length', select: 'input, dim, index',
  diagonal: 'input, offset, dim1, dim2', asStrided: 'input, size, stride, storageOffset', unbind: 'input, dim',
  movedim: 'input, source, destination', moveaxis: 'input, source, destination', swapaxes: 'input, axis0, axis1',
  swapdims: 'input, dim0, dim1',
});

export const linalg = kwAll('', L, {
  dot: 'input, tensor', matmul: binary, mm: 'input, mat2', bmm: 'input, mat2', mv: 'input, vec',
  outer: 'input, vec2',
});

// einsum(equation, ...operands): PyTorch's torch.einsum(*args); a lone array of operands is taken as is.
export const einsumOps = kwAll('', EI, { einsum: 'equation, ...operands' });
// tg.linalg (PyTorch's torch.linalg namespace) and the torch.* aliases of its LU-based functions.
export const linalgNamespace = {
  ...kwAll('linalg.', LU, { inv: 'A', det: 'A', slogdet: 'A', solve: 'A, B, left' }),
  // decompositions (lib/ops/linalg_chol.ts, linalg_qr_eig.ts, linalg_svd.ts)
  ...kwAll('linalg.', { cholesky: CH.cholesky, choleskyEx: CH.choleskyEx, solveTriangular: CH.solveTriangular }, { cholesky: 'A, upper', choleskyEx: 'A, upper, checkErrors', solveTriangular: 'A, B, upper, left, unitriangular' }),
  ...kwAll('linalg.', { qr: QE.qr, eigh: QE.eigh, eigvalsh: QE.eigvalsh }, { qr: 'A, mode', eigh: 'A, UPLO', eigvalsh: 'A, UPLO' }),
  ...kwAll('linalg.', { svd: SV.svd, svdvals: SV.svdvals }, { svd: 'A, fullMatrices, driver', svdvals: 'A, driver' }),
  ...kwAll('linalg.', { pinv: PI.pinv, matrixRank: PI.matrixRank, lstsq: PI.lstsq },
    { pinv: 'A, atol, rtol, hermitian', matrixRank: 'A, atol, rtol, hermitian', lstsq: 'A, B, rcond, driver' }),
};
// torch.cholesky (deprecated), torch.cholesky_solve, torch.svd (V, not Vh)
export const decompAliases = kwAll('', { cholesky: CH.choleskyAlias, choleskySolve: CH.choleskySolve, svd: SV.svdV },
  { cholesky: 'input, upper', choleskySolve: 'input, input2, upper', svd: 'input, some, computeUv' });
const luAliases = {
  /**
   * The inverse of a square matrix (or batch); alias of linalg.inv.
   *
   * @see torch.inverse
   * @example
   * ```ts
   * const x = tg.tensor([[2, 0], [0, 4]])
   * tg.inverse(x)
   * // tensor([[0.5000, 0.0000],
   * //         [0.0000, 0.2500]])
   * ```
   */
  inverse: LU.inverse,
  /**
   * log of the determinant of a square matrix (NaN for a negative determinant).
   *
   * @see torch.logdet
   * @example
   * ```ts
   * const x = tg.tensor([[2, 0], [0, 4]])
   * tg.logdet(x) // tensor(2.0794)
   * ```
   */
  logdet: LU.logdet,
  /**
   * The determinant of a square matrix (or batch).
   *
   * @see torch.det
   * @example
   * ```ts
   * const x = tg.tensor([[1, 2], [3, 4]])
   * tg.det(x) // tensor(-2.)
   * ```
   */
  det: (input: Tensor): Tensor => LU.detOf('det', input),
  /**
   * The sign and log |det| of a square matrix, as `{ sign, logabsdet }`.
   *
   * @see torch.slogdet
   * @example
   * ```ts
   * const x = tg.tensor([[1, 2], [3, 4]])
   * tg.slogdet(x).sign // tensor(-1.)
   * ```
   */
  slogdet: (input: Tensor): LU.SignLogabsdet => LU.slogdetOf('slogdet', input),
};
export const linalgAliases = kwAll('', luAliases, { inverse: unary, det: unary, logdet: unary, slogdet: unary });

export const softmaxes = kwAll('', { softmax, logSoftmax }, { softmax: 'input, dim, dtype', logSoftmax: 'input, dim, dtype' });

export const gradMode = kwAll('', G, {
  noGrad: 'fn', enableGrad: 'fn', setGradEnabled: 'mode', isGradEnabled: '',
});

export const sampling = kwAll('', SM, {
  normal: 'mean, std, size, generator, dtype, requiresGrad', bernoulli: 'input, p, generator',
  multinomial: 'input, numSamples, replacement, generator', randperm: 'n, generator, dtype, requiresGrad',
  seed: '', initialSeed: '', getRngState: '', setRngState: 'newState',
});

export const structure = kwAll('', ST, {
  tril: 'input, diagonal', triu: 'input, diagonal', diag: 'input, diagonal', diagEmbed: 'input, offset, dim1, dim2',
  flip: 'input, dims', fliplr: unary, flipud: unary, roll: 'input, shifts, dims', repeat: 'input, ...repeats',
  tile: 'input, dims', repeatInterleave: 'input, repeats, dim, outputSize', meshgrid: '...tensors, indexing',
});

export const search = kwAll('', SE, {
  nonzero: 'input, asTuple', argwhere: unary, searchsorted: 'sortedSequence, input, outInt32, right, side, sorter',
  bucketize: 'input, boundaries, outInt32, right', unique: 'input, sorted, returnInverse, returnCounts, dim',
});

// Indexing (lib/ops/indexing.ts: tg.slice builds a slice entry for x.index, Python's slice(start, stop, step));
// the gather, scatter and mask ops (lib/ops/gather.ts, scatter.ts, masked.ts).
export const indexing = {
  ...kwAll('', IX, {
  indexPut: 'input, indices, values, accumulate', indexPut_: 'input, indices, values, accumulate', slice: 'start, stop, step',
  }),
  ...kwAll('', GA, {
    gather: 'input, dim, index, sparseGrad', indexSelect: 'input, dim, index', indexAdd: 'input, dim, index, source, alpha',
    indexFill: 'input, dim, index, value', indexCopy: 'input, dim, index, source',
  }),
  ...kwAll('', SC, {
    scatter: 'input, dim, index, src, reduce, value', scatterAdd: 'input, dim, index, src',
    scatterReduce: 'input, dim, index, src, reduce, includeSelf',
  }),
  ...kwAll('', MK, {
    maskedFill: 'input, mask, value', maskedSelect: 'input, mask', maskedScatter: 'input, mask, source', take: 'input, index',
    takeAlongDim: 'input, indices, dim', put: 'input, index, source, accumulate',
  }),
};
export const elementwiseMath = kwAll('', EM, {
  sinh: unary, cosh: unary, tan: unary, asin: unary, acos: unary, atan: unary, asinh: unary, acosh: unary,
  atanh: unary, log2: unary, log10: unary, log1p: unary, expm1: unary, exp2: unary, erfc: unary, erfinv: unary,
  lgamma: unary, digamma: unary, polygamma: 'n, input', floor: unary, ceil: unary, trunc: unary,
  round: 'input, decimals', frac: unary, sinc: unary, deg2rad: unary, rad2deg: unary,
  nanToNum: 'input, nan, posinf, neginf', isnan: unary, isinf: unary, isfinite: unary, atan2: binary,
  hypot: binary, fmod: binary, remainder: binary, xlogy: binary, lerp: 'input, end, weight',
  addcmul: 'input, tensor1, tensor2, value', addcdiv: 'input, tensor1, tensor2, value', logicalAnd: binary,
  logicalOr: binary, logicalXor: binary, bitwiseAnd: binary, bitwiseOr: binary, bitwiseXor: binary,
  bitwiseNot: unary,
});

export const scans = kwAll('', CU, {
  cumsum: 'input, dim, dtype', cumprod: 'input, dim, dtype', cummax: 'input, dim', cummin: 'input, dim',
  logcumsumexp: 'input, dim', diff: 'input, n, dim, prepend, append',
});

export const sorting = kwAll('', SO, {
  sort: 'input, dim, descending, stable', argsort: 'input, dim, descending, stable', msort: unary,
  topk: 'input, k, dim, largest, sorted', kthvalue: 'input, k, dim, keepdim', median: 'input, dim, keepdim',
  mode: 'input, dim, keepdim',
});

// ---- issue 15's second batch ------------------------------------------------------------------------------------
// PyTorch's alias names: each calls the aliased op, so values, grads and node names are that op's (torch.multiply
// records MulBackward0, torch.clip ClampBackward1, torch.fix TruncBackward0), as PyTorch's aliases share one kernel.
const aliasOps = {
  /**
   * |input| elementwise (PyTorch's alias of abs).
   *
   * @see torch.absolute
   * @example
   * ```ts
   * tg.absolute(tg.tensor([-1, 2])) // tensor([1., 2.])
   * ```
   */
  absolute: E.abs,
  /**
   * The inverse cosine elementwise (PyTorch's alias of acos).
   *
   * @see torch.arccos
   * @example
   * ```ts
   * tg.arccos(tg.tensor([1, 0])) // tensor([0.0000, 1.5708])
   * ```
   */
  arccos: EM.acos,
  /**
   * The inverse hyperbolic cosine elementwise (PyTorch's alias of acosh).
   *
   * @see torch.arccosh
   * @example
   * ```ts
   * tg.arccosh(tg.tensor([1, 2])) // tensor([0.0000, 1.3170])
   * ```
   */
  arccosh: EM.acosh,
  /**
   * The inverse sine elementwise (PyTorch's alias of asin).
   *
   * @see torch.arcsin
   * @example
   * ```ts
   * tg.arcsin(tg.tensor([0, 1])) // tensor([0.0000, 1.5708])
   * ```
   */
  arcsin: EM.asin,
  /**
   * The inverse hyperbolic sine elementwise (PyTorch's alias of asinh).
   *
   * @see torch.arcsinh
   * @example
   * ```ts
   * tg.arcsinh(tg.tensor([0, 1])) // tensor([0.0000, 0.8814])
   * ```
   */
  arcsinh: EM.asinh,
  /**
   * The inverse tangent elementwise (PyTorch's alias of atan).
   *
   * @see torch.arctan
   * @example
   * ```ts
   * tg.arctan(tg.tensor([0, 1])) // tensor([0.0000, 0.7854])
   * ```
   */
  arctan: EM.atan,
  /**
   * The inverse hyperbolic tangent elementwise (PyTorch's alias of atanh).
   *
   * @see torch.arctanh
   * @example
   * ```ts
   * tg.arctanh(tg.tensor([0, 0.5])) // tensor([0.0000, 0.5493])
   * ```
   */
  arctanh: EM.atanh,
  /**
   * atan2(input, other): the angle of the point (other, input), in (-pi, pi] (PyTorch's alias of atan2).
   *
   * @see torch.arctan2
   * @example
   * ```ts
   * tg.arctan2(tg.tensor([1, 1]), tg.tensor([1, -1])) // tensor([0.7854, 2.3562])
   * ```
   */
  arctan2: EM.atan2,
  /**
   * input * other elementwise, broadcasting (PyTorch's alias of mul).
   *
   * @see torch.multiply
   * @example
   * ```ts
   * tg.multiply(tg.tensor([1, 2]), tg.tensor([3, 4])) // tensor([3., 8.])
   * ```
   */
  multiply: E.mul,
  /**
   * input / other elementwise, true division or rounded by roundingMode (PyTorch's alias of div).
   *
   * @see torch.divide
   * @example
   * ```ts
   * tg.divide(tg.tensor([1, 3]), 2) // tensor([0.5000, 1.5000])
   * tg.divide(tg.tensor([1, 3]), 2, { roundingMode: 'floor' }) // tensor([0., 1.])
   * ```
   */
  divide: DV.divMode,
  /**
   * input - alpha * other elementwise (PyTorch's alias of sub).
   *
   * @see torch.subtract
   * @example
   * ```ts
   * tg.subtract(tg.tensor([5, 6]), tg.tensor([1, 2]), { alpha: 2 }) // tensor([3., 2.])
   * ```
   */
  subtract: E.sub,
  /**
   * input / other, always true (float) division (PyTorch's alias of div).
   *
   * @see torch.true_divide
   * @example
   * ```ts
   * tg.trueDivide(tg.tensor([1, 3], { dtype: 'int32' }), 2) // tensor([0.5000, 1.5000])
   * ```
   */
  trueDivide: E.div,
  /**
   * input > other elementwise, a bool tensor (PyTorch's alias of gt).
   *
   * @see torch.greater
   * @example
   * ```ts
   * tg.greater(tg.tensor([1, 2, 3]), 2) // tensor([False, False,  True])
   * ```
   */
  greater: E.gt,
  /**
   * input >= other elementwise, a bool tensor (PyTorch's alias of ge).
   *
   * @see torch.greater_equal
   * @example
   * ```ts
   * tg.greaterEqual(tg.tensor([1, 2, 3]), 2) // tensor([False,  True,  True])
   * ```
   */
  greaterEqual: E.ge,
  /**
   * input < other elementwise, a bool tensor (PyTorch's alias of lt).
   *
   * @see torch.less
   * @example
   * ```ts
   * tg.less(tg.tensor([1, 2, 3]), 2) // tensor([ True, False, False])
   * ```
   */
  less: E.lt,
  /**
   * input <= other elementwise, a bool tensor (PyTorch's alias of le).
   *
   * @see torch.less_equal
   * @example
   * ```ts
   * tg.lessEqual(tg.tensor([1, 2, 3]), 2) // tensor([ True,  True, False])
   * ```
   */
  lessEqual: E.le,
  /**
   * input != other elementwise, a bool tensor (PyTorch's alias of ne).
   *
   * @see torch.not_equal
   * @example
   * ```ts
   * tg.notEqual(tg.tensor([1, 2, 3]), 2) // tensor([ True, False,  True])
   * ```
   */
  notEqual: E.ne,
  /**
   * -input elementwise (PyTorch's alias of neg).
   *
   * @see torch.negative
   * @example
   * ```ts
   * tg.negative(tg.tensor([1, -2])) // tensor([-1.,  2.])
   * ```
   */
  negative: E.neg,
  /**
   * Clamps each element into [min, max] (either bound may be omitted or a tensor) (PyTorch's alias of clamp).
   *
   * @see torch.clip
   * @example
   * ```ts
   * tg.clip(tg.tensor([-2, 0.5, 3]), 0, 1) // tensor([0.0000, 0.5000, 1.0000])
   * tg.clip(tg.tensor([-2, 0.5, 3]), { min: 0 }) // tensor([0.0000, 0.5000, 3.0000])
   * ```
   */
  clip: E.clamp,
  /**
   * Rounds toward zero elementwise (PyTorch's alias of trunc).
   *
   * @see torch.fix
   * @example
   * ```ts
   * tg.fix(tg.tensor([-1.7, 1.7])) // tensor([-1.,  1.])
   * ```
   */
  fix: EM.trunc,
  /**
   * The outer product of two 1-D tensors (PyTorch's alias of outer).
   *
   * @see torch.ger
   * @example
   * ```ts
   * tg.ger(tg.tensor([1, 2]), tg.tensor([1, 10]))
   * // tensor([[ 1., 10.],
   * //         [ 2., 20.]])
   * ```
   */
  ger: L.outer,
  /**
   * Concatenates tensors along an existing dim (default 0) (PyTorch's alias of cat).
   *
   * @see torch.concat
   * @example
   * ```ts
   * tg.concat([tg.tensor([1, 2]), tg.tensor([3])]) // tensor([1., 2., 3.])
   * ```
   */
  concat: S.cat,
  /**
   * Concatenates tensors along an existing dim (default 0) (PyTorch's alias of cat).
   *
   * @see torch.concatenate
   * @example
   * ```ts
   * tg.concatenate([tg.ones(1, 2), tg.zeros(1, 2)], 1) // tensor([[1., 1., 0., 0.]])
   * ```
   */
  concatenate: S.cat,
  /**
   * The input itself (unary +); a TypeError for a bool tensor, as PyTorch.
   *
   * @see torch.positive
   * @example
   * ```ts
   * const x = tg.tensor([1, -2])
   * tg.positive(x) === x // => true
   * ```
   */
  positive: (input: Tensor): Tensor => {
    if (!(input instanceof Tensor)) throw new TypeError(`positive: expected a Tensor, got ${typeof input}`);
    if (input.dtype === 'bool') throw new TypeError('positive: The `+` operator, on a bool tensor is not supported.');
    return input;
  },
};
const ALIAS_TARGETS: Record<string, string[]> = {
  absolute: ['abs'], arccos: ['acos'], arccosh: ['acosh'], arcsin: ['asin'], arcsinh: ['asinh'], arctan: ['atan'], arctanh: ['atanh'],
  arctan2: ['atan2'], multiply: ['mul'], divide: ['div'], subtract: ['sub'], trueDivide: ['div'], greater: ['gt'], greaterEqual: ['ge'],
  less: ['lt'], lessEqual: ['le'], notEqual: ['ne'], negative: ['neg'], clip: ['clamp'], fix: ['trunc'], ger: ['outer'], concat: ['cat'],
  concatenate: ['cat'],
};
/** The new ops' errors from the ops they are built of, renamed to the op the user called. */
const BUILT_FROM: Record<string, string[]> = {
  nansum: ['sum', 'to'], nanmean: ['sum', 'div', 'nansum'], countNonzero: ['sum', 'ne'], vdot: ['dot'], diagflat: ['diag', 'reshape'],
  hsplit: ['tensorSplit'], vsplit: ['tensorSplit'], dsplit: ['tensorSplit'], inner: ['tensordot', 'mul', 'mm'], clampMin: ['clamp'],
  clampMax: ['clamp'], broadcastTo: ['expand'], ravel: ['view', 'clone'], unflatten: ['view'], tensordot: ['permute', 'reshape', 'mm'],
  kron: ['reshape', 'mul'], cartesianProd: ['meshgrid', 'stack'], combinations: ['indexSelect', 'stack'], hstack: ['cat'], vstack: ['cat'],
  dstack: ['cat'], columnStack: ['cat', 'reshape'], rowStack: ['cat'], broadcastTensors: ['expand'], atleast1d: ['reshape'],
  atleast2d: ['reshape', 'unsqueeze'], atleast3d: ['reshape', 'unsqueeze'],
};
/** Wraps the functions of `ns` listed in BUILT_FROM with underName. */
function renamedErrors<T extends object>(ns: T): T {
  const out = { ...ns } as Record<string, unknown>;
  for (const [name, targets] of Object.entries(BUILT_FROM))
    if (typeof out[name] === 'function') out[name] = underName(name, targets, out[name] as (...a: never[]) => unknown);
  return out as T;
}
for (const [name, targets] of Object.entries(ALIAS_TARGETS))
  (aliasOps as Record<string, unknown>)[name] = underName(name, targets, (aliasOps as Record<string, (...a: never[]) => unknown>)[name]);
export const aliases = kwAll('', aliasOps, {
  absolute: unary, arccos: unary, arccosh: unary, arcsin: unary, arcsinh: unary, arctan: unary, arctanh: unary,
  arctan2: binary, multiply: binary, divide: 'input, other, roundingMode', subtract: 'input, other, alpha', trueDivide: binary,
  greater: binary, greaterEqual: binary, less: binary, lessEqual: binary, notEqual: binary, negative: unary,
  clip: 'input, min, max', fix: unary, ger: 'input, vec2', concat: 'tensors, dim', concatenate: 'tensors, dim',
  positive: unary,
});

export const moreMath = kwAll('', renamedErrors(EM), {
  erf: unary, logaddexp: binary, logaddexp2: binary, logit: 'input, eps', sgn: unary, clampMin: 'input, min',
  clampMax: 'input, max', fmax: binary, fmin: binary, copysign: binary, isclose: 'input, other, rtol, atol, equalNan',
});

export const moreReductions = kwAll('', renamedErrors(R), {
  amax: dimKeep, amin: dimKeep, aminmax: dimKeep, nansum: 'input, dim, keepdim, dtype', nanmean: 'input, dim, keepdim, dtype',
  countNonzero: 'input, dim', varMean: 'input, dim, unbiased, keepdim, correction',
  stdMean: 'input, dim, unbiased, keepdim, correction',
});

export const products = kwAll('', renamedErrors(LP), {
  addmm: 'input, mat1, mat2, beta, alpha', addmv: 'input, mat, vec, beta, alpha', addr: 'input, vec1, vec2, beta, alpha',
  baddbmm: 'input, batch1, batch2, beta, alpha', addbmm: 'input, batch1, batch2, beta, alpha', vdot: binary,
  inner: binary, tensordot: 'a, b, dims', kron: binary, cross: 'input, other, dim', trace: unary,
});
export const linalgProducts = {
  ...kwAll('linalg.', { cross: LP.linalgCross }, { cross: 'input, other, dim' }),
  ...kwAll('linalg.', { vectorNorm: LN.vectorNorm, matrixNorm: LN.matrixNorm, norm: underName('linalg.norm', ['linalg.vectorNorm', 'linalg.matrixNorm'], LN.linalgNorm), multiDot: LN.multiDot, matrixPower: LN.matrixPower }, {
    vectorNorm: 'x, ord, dim, keepdim, dtype', matrixNorm: 'A, ord, dim, keepdim, dtype', norm: 'A, ord, dim, keepdim, dtype',
    multiDot: 'tensors', matrixPower: 'A, n',
  }),
};
export const distances = kwAll('', { cdist: LN.cdist }, { cdist: 'x1, x2, p, computeMode' });
export const moreStructure = kwAll('', renamedErrors(ST), {
  rot90: 'input, k, dims', blockDiag: '...tensors', diagflat: 'input, offset', cartesianProd: '...tensors',
  combinations: 'input, r, withReplacement',
});

export const typePromotion = kwAll('', TP, { resultType: 'tensor, other', promoteTypes: 'type1, type2' });

export const joining = kwAll('', renamedErrors(J), {
  broadcastTo: 'input, size', broadcastShapes: '...shapes', broadcastTensors: '...tensors', atleast1d: '...tensors',
  atleast2d: '...tensors', atleast3d: '...tensors', hstack: 'tensors', vstack: 'tensors', dstack: 'tensors',
  columnStack: 'tensors', rowStack: 'tensors', ravel: unary, unflatten: 'input, dim, sizes',
  tensorSplit: 'input, tensorIndicesOrSections, dim, sections, indices', hsplit: 'input, sections, indices',
  vsplit: 'input, sections, indices', dsplit: 'input, sections, indices',
});

/** torch.X_ for PyTorch's in-place functions: x.X_(...), the same op and node as the method. */
function inplaceFunction(name: string): (input: Tensor, ...args: unknown[]) => Tensor {
  return (input: Tensor, ...args: unknown[]): Tensor => {
    if (!(input instanceof Tensor)) throw new TypeError(`${name}: expected a Tensor, got ${typeof input}`);
    return (input as unknown as Record<string, (...a: unknown[]) => Tensor>)[name](...args);
  };
}
const INPLACE_FUNCTIONS: Record<string, string> = {
  abs_: unary, acos_: unary, acosh_: unary, asin_: unary, asinh_: unary, atan_: unary, atanh_: unary, ceil_: unary,
  clamp_: 'input, min, max', cos_: unary, cosh_: unary, deg2rad_: unary, erfc_: unary, exp2_: unary, exp_: unary,
  expm1_: unary, fill_: 'input, value', floor_: unary, frac_: unary, log10_: unary, log1p_: unary, log2_: unary,
  log_: unary, nanToNum_: 'input, nan, posinf, neginf', neg_: unary, rad2deg_: unary, reciprocal_: unary, relu_: unary,
  round_: 'input, decimals', rsqrt_: unary, sigmoid_: unary, sin_: unary, sinc_: unary, sinh_: unary, sqrt_: unary,
  square_: unary, tan_: unary, tanh_: unary, trunc_: unary, xlogy_: 'input, other', zero_: unary, fix_: unary,
  negative_: unary, erf_: unary, clampMin_: 'input, min', clampMax_: 'input, max', logit_: 'input, eps',
};
/**
 * The type of the torch.X_ functions made above: one member per function, so that each has its own doc comment
 * (TypeDoc and scripts/doc-coverage.mjs read lib/index.ts's destructured names' docs from the table's members).
 */
export interface InplaceFunctions {
  /**
   * In place: |input| elementwise; returns input.
   *
   * @see torch.abs_
   * @example
   * ```ts
   * const x = tg.tensor([-1, 2])
   * tg.abs_(x)
   * x // tensor([1., 2.])
   * ```
   */
  abs_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the inverse cosine elementwise; returns input.
   *
   * @see torch.acos_
   * @example
   * ```ts
   * const x = tg.tensor([1, 0])
   * tg.acos_(x)
   * x // tensor([0.0000, 1.5708])
   * ```
   */
  acos_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the inverse hyperbolic cosine elementwise; returns input.
   *
   * @see torch.acosh_
   * @example
   * ```ts
   * const x = tg.tensor([1, 2])
   * tg.acosh_(x)
   * x // tensor([0.0000, 1.3170])
   * ```
   */
  acosh_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the inverse sine elementwise; returns input.
   *
   * @see torch.asin_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.asin_(x)
   * x // tensor([0.0000, 1.5708])
   * ```
   */
  asin_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the inverse hyperbolic sine elementwise; returns input.
   *
   * @see torch.asinh_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.asinh_(x)
   * x // tensor([0.0000, 0.8814])
   * ```
   */
  asinh_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the inverse tangent elementwise; returns input.
   *
   * @see torch.atan_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.atan_(x)
   * x // tensor([0.0000, 0.7854])
   * ```
   */
  atan_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the inverse hyperbolic tangent elementwise; returns input.
   *
   * @see torch.atanh_
   * @example
   * ```ts
   * const x = tg.tensor([0, 0.5])
   * tg.atanh_(x)
   * x // tensor([0.0000, 0.5493])
   * ```
   */
  atanh_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: rounds up elementwise; returns input.
   *
   * @see torch.ceil_
   * @example
   * ```ts
   * const x = tg.tensor([-1.5, 1.2])
   * tg.ceil_(x)
   * x // tensor([-1.,  2.])
   * ```
   */
  ceil_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: clamps each element into [min, max]; returns input.
   *
   * @see torch.clamp_
   * @example
   * ```ts
   * const x = tg.tensor([-2, 0.5, 3])
   * tg.clamp_(x, 0, 1)
   * x // tensor([0.0000, 0.5000, 1.0000])
   * tg.clamp_(x, { max: 0.25 }) // tensor([0.0000, 0.2500, 0.2500])
   * ```
   */
  clamp_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the cosine elementwise; returns input.
   *
   * @see torch.cos_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.cos_(x)
   * x // tensor([1.0000, 0.5403])
   * ```
   */
  cos_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the hyperbolic cosine elementwise; returns input.
   *
   * @see torch.cosh_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.cosh_(x)
   * x // tensor([1.0000, 1.5431])
   * ```
   */
  cosh_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: degrees to radians elementwise; returns input.
   *
   * @see torch.deg2rad_
   * @example
   * ```ts
   * const x = tg.tensor([180, 90])
   * tg.deg2rad_(x)
   * x // tensor([3.1416, 1.5708])
   * ```
   */
  deg2rad_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the complementary error function elementwise; returns input.
   *
   * @see torch.erfc_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.erfc_(x)
   * x // tensor([1.0000, 0.1573])
   * ```
   */
  erfc_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: 2^input elementwise; returns input.
   *
   * @see torch.exp2_
   * @example
   * ```ts
   * const x = tg.tensor([0, 3])
   * tg.exp2_(x)
   * x // tensor([1., 8.])
   * ```
   */
  exp2_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: e^input elementwise; returns input.
   *
   * @see torch.exp_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.exp_(x)
   * x // tensor([1.0000, 2.7183])
   * ```
   */
  exp_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: e^input - 1 elementwise; returns input.
   *
   * @see torch.expm1_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.expm1_(x)
   * x // tensor([0.0000, 1.7183])
   * ```
   */
  expm1_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: fills input with value; returns input.
   *
   * @see torch.fill_
   * @example
   * ```ts
   * const x = tg.zeros(2)
   * tg.fill_(x, 7)
   * x // tensor([7., 7.])
   * ```
   */
  fill_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: rounds down elementwise; returns input.
   *
   * @see torch.floor_
   * @example
   * ```ts
   * const x = tg.tensor([-1.5, 1.2])
   * tg.floor_(x)
   * x // tensor([-2.,  1.])
   * ```
   */
  floor_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the fractional part elementwise (sign of input); returns input.
   *
   * @see torch.frac_
   * @example
   * ```ts
   * const x = tg.tensor([-1.5, 1.25])
   * tg.frac_(x)
   * x // tensor([-0.5000,  0.2500])
   * ```
   */
  frac_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the base-10 logarithm elementwise; returns input.
   *
   * @see torch.log10_
   * @example
   * ```ts
   * const x = tg.tensor([1, 100])
   * tg.log10_(x)
   * x // tensor([0., 2.])
   * ```
   */
  log10_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: log(1 + input) elementwise; returns input.
   *
   * @see torch.log1p_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.log1p_(x)
   * x // tensor([0.0000, 0.6931])
   * ```
   */
  log1p_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the base-2 logarithm elementwise; returns input.
   *
   * @see torch.log2_
   * @example
   * ```ts
   * const x = tg.tensor([1, 8])
   * tg.log2_(x)
   * x // tensor([0., 3.])
   * ```
   */
  log2_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the natural logarithm elementwise; returns input.
   *
   * @see torch.log_
   * @example
   * ```ts
   * const x = tg.tensor([1, 100])
   * tg.log_(x)
   * x // tensor([0.0000, 4.6052])
   * ```
   */
  log_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: replaces NaN, +inf and -inf with the given numbers (defaults: 0 and the dtype's extremes); returns
   * input.
   *
   * @see torch.nan_to_num_
   * @example
   * ```ts
   * const x = tg.tensor([NaN, Infinity, -Infinity, 1])
   * tg.nanToNum_(x, { nan: 0, posinf: 9, neginf: -9 })
   * x // tensor([ 0.,  9., -9.,  1.])
   * ```
   */
  nanToNum_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: -input elementwise; returns input.
   *
   * @see torch.neg_
   * @example
   * ```ts
   * const x = tg.tensor([1, -2])
   * tg.neg_(x)
   * x // tensor([-1.,  2.])
   * ```
   */
  neg_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: radians to degrees elementwise; returns input.
   *
   * @see torch.rad2deg_
   * @example
   * ```ts
   * const x = tg.tensor([Math.PI / 2, 0])
   * tg.rad2deg_(x)
   * x // tensor([90.,  0.])
   * ```
   */
  rad2deg_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: 1 / input elementwise; returns input.
   *
   * @see torch.reciprocal_
   * @example
   * ```ts
   * const x = tg.tensor([2, 4])
   * tg.reciprocal_(x)
   * x // tensor([0.5000, 0.2500])
   * ```
   */
  reciprocal_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: max(input, 0) elementwise; returns input.
   *
   * @see torch.relu_
   * @example
   * ```ts
   * const x = tg.tensor([-1, 2])
   * tg.relu_(x)
   * x // tensor([0., 2.])
   * ```
   */
  relu_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: rounds half to even elementwise (or to `decimals` decimal places); returns input.
   *
   * @see torch.round_
   * @example
   * ```ts
   * const x = tg.tensor([0.5, 1.5, 2.6])
   * tg.round_(x)
   * x // tensor([0., 2., 3.])
   * ```
   */
  round_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: 1 / sqrt(input) elementwise; returns input.
   *
   * @see torch.rsqrt_
   * @example
   * ```ts
   * const x = tg.tensor([1, 4])
   * tg.rsqrt_(x)
   * x // tensor([1.0000, 0.5000])
   * ```
   */
  rsqrt_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: 1 / (1 + e^-input) elementwise; returns input.
   *
   * @see torch.sigmoid_
   * @example
   * ```ts
   * const x = tg.tensor([0, 2])
   * tg.sigmoid_(x)
   * x // tensor([0.5000, 0.8808])
   * ```
   */
  sigmoid_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the sine elementwise; returns input.
   *
   * @see torch.sin_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.sin_(x)
   * x // tensor([0.0000, 0.8415])
   * ```
   */
  sin_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: sin(pi x) / (pi x) elementwise (1 at 0); returns input.
   *
   * @see torch.sinc_
   * @example
   * ```ts
   * const x = tg.tensor([0, 0.5])
   * tg.sinc_(x)
   * x // tensor([1.0000, 0.6366])
   * ```
   */
  sinc_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the hyperbolic sine elementwise; returns input.
   *
   * @see torch.sinh_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.sinh_(x)
   * x // tensor([0.0000, 1.1752])
   * ```
   */
  sinh_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the square root elementwise; returns input.
   *
   * @see torch.sqrt_
   * @example
   * ```ts
   * const x = tg.tensor([4, 9])
   * tg.sqrt_(x)
   * x // tensor([2., 3.])
   * ```
   */
  sqrt_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: input^2 elementwise; returns input.
   *
   * @see torch.square_
   * @example
   * ```ts
   * const x = tg.tensor([2, -3])
   * tg.square_(x)
   * x // tensor([4., 9.])
   * ```
   */
  square_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the tangent elementwise; returns input.
   *
   * @see torch.tan_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.tan_(x)
   * x // tensor([0.0000, 1.5574])
   * ```
   */
  tan_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the hyperbolic tangent elementwise; returns input.
   *
   * @see torch.tanh_
   * @example
   * ```ts
   * const x = tg.tensor([0, 1])
   * tg.tanh_(x)
   * x // tensor([0.0000, 0.7616])
   * ```
   */
  tanh_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: rounds toward zero elementwise; returns input.
   *
   * @see torch.trunc_
   * @example
   * ```ts
   * const x = tg.tensor([-1.7, 1.7])
   * tg.trunc_(x)
   * x // tensor([-1.,  1.])
   * ```
   */
  trunc_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: input * log(other) elementwise (0 where input is 0); returns input.
   *
   * @see torch.xlogy_
   * @example
   * ```ts
   * const x = tg.tensor([0, 2])
   * tg.xlogy_(x, tg.tensor([0, 3]))
   * x // tensor([0.0000, 2.1972])
   * ```
   */
  xlogy_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: fills input with zeros; returns input.
   *
   * @see torch.zero_
   * @example
   * ```ts
   * const x = tg.tensor([1, 2])
   * tg.zero_(x)
   * x // tensor([0., 0.])
   * ```
   */
  zero_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: rounds toward zero elementwise (trunc_); returns input.
   *
   * @see torch.fix_
   * @example
   * ```ts
   * const x = tg.tensor([-1.7, 1.7])
   * tg.fix_(x)
   * x // tensor([-1.,  1.])
   * ```
   */
  fix_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: -input elementwise (neg_); returns input.
   *
   * @see torch.negative_
   * @example
   * ```ts
   * const x = tg.tensor([1, -2])
   * tg.negative_(x)
   * x // tensor([-1.,  2.])
   * ```
   */
  negative_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: the error function elementwise; returns input.
   *
   * @see torch.erf_
   * @example
   * ```ts
   * const x = tg.tensor([0, 0.5])
   * tg.erf_(x)
   * x // tensor([0.0000, 0.5205])
   * ```
   */
  erf_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: max(input, min) elementwise; returns input.
   *
   * @see torch.clamp_min_
   * @example
   * ```ts
   * const x = tg.tensor([-1, 2])
   * tg.clampMin_(x, 0)
   * x // tensor([0., 2.])
   * ```
   */
  clampMin_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: min(input, max) elementwise; returns input.
   *
   * @see torch.clamp_max_
   * @example
   * ```ts
   * const x = tg.tensor([-1, 2])
   * tg.clampMax_(x, 1)
   * x // tensor([-1.,  1.])
   * ```
   */
  clampMax_(input: Tensor, ...args: unknown[]): Tensor;
  /**
   * In place: log(p / (1 - p)) elementwise (p clamped to [eps, 1 - eps] first when eps is given); returns input.
   *
   * @see torch.logit_
   * @example
   * ```ts
   * const x = tg.tensor([0.25, 0.5])
   * tg.logit_(x)
   * x // tensor([-1.0986,  0.0000])
   * ```
   */
  logit_(input: Tensor, ...args: unknown[]): Tensor;
}
export const inplaceFunctions = kwAll('', Object.fromEntries(Object.keys(INPLACE_FUNCTIONS).map((n) => [n, inplaceFunction(n)])) as unknown as InplaceFunctions, INPLACE_FUNCTIONS);

// ==== issue 15's fourth op batch ==================================================================================
export const breadth4 = kwAll('', {
  floorDivide: DV.floorDivide, quantile: STA.quantile, nanquantile: STA.nanquantile, nanmedian: SO.nanmedian, histc: STA.histc,
  bincount: STA.bincount, histogram: STA.histogram,
}, {
  floorDivide: binary, quantile: 'input, q, dim, keepdim, interpolation', nanquantile: 'input, q, dim, keepdim, interpolation',
  nanmedian: dimKeep, histc: 'input, bins, min, max', bincount: 'input, weights, minlength', histogram: 'input, bins, range, weight, density',
});
/** input itself when it is a tensor, else the TypeError naming op (the torch.X_ functions below call its method). */
function inplaceTarget(op: string, input: unknown): Tensor {
  if (!(input instanceof Tensor)) throw new TypeError(`${op}: expected input to be a Tensor, got ${input === null ? 'null' : typeof input}`);
  return input;
}
/** In place into input (torch.gcd_, torch.lcm_, torch.ldexp_): the method of the same name. */
const breadth4Inplace = {
  /**
   * In place: the gcd of input and other, written into input; returns input.
   *
   * @see torch.gcd_
   * @example
   * ```ts
   * const x = tg.tensor([4, 9], { dtype: 'int64' })
   * tg.gcd_(x, tg.tensor([6, 6], { dtype: 'int64' })) // tensor([2, 3])
   * ```
   */
  gcd_: (input: Tensor, other: Tensor | number): Tensor => inplaceTarget('gcd_', input).gcd_(other),
  /**
   * In place: the lcm of input and other, written into input; returns input.
   *
   * @see torch.lcm_
   * @example
   * ```ts
   * const x = tg.tensor([4, 9], { dtype: 'int64' })
   * tg.lcm_(x, tg.tensor([6, 6], { dtype: 'int64' })) // tensor([12, 18])
   * ```
   */
  lcm_: (input: Tensor, other: Tensor | number): Tensor => inplaceTarget('lcm_', input).lcm_(other),
  /**
   * In place: input * 2 ** other, written into input; returns input.
   *
   * @see torch.ldexp_
   * @example
   * ```ts
   * const x = tg.tensor([1, 3])
   * tg.ldexp_(x, tg.tensor([2, 1], { dtype: 'int64' })) // tensor([4., 6.])
   * ```
   */
  ldexp_: (input: Tensor, other: Tensor): Tensor => inplaceTarget('ldexp_', input).ldexp_(other),
};
export const breadth4More = kwAll('', {
  isposinf: PX.isposinf, isneginf: PX.isneginf, signbit: PX.signbit, heaviside: PX.heaviside, floatPower: PX.floatPower, ldexp: PX.ldexp,
  frexp: PX.frexp, gcd: PX.gcd, lcm: PX.lcm, nextafter: PX.nextafter, dist: PX.dist,
  /**
   * 0 where |input| <= lambd, input elsewhere (tg.nn.functional.hardshrink as a torch.* function).
   *
   * @see torch.hardshrink
   * @example
   * ```ts
   * tg.hardshrink(tg.tensor([-1, 0.2, 1])) // tensor([-1.,  0.,  1.])
   * ```
   */
  hardshrink: actHardshrink as (input: Tensor, lambd?: number | { lambd?: number }) => Tensor,
  /**
   * Splits input into pieces of the given sizes along `dim` (tg.split with a list of sizes).
   *
   * @see torch.split_with_sizes
   * @example
   * ```ts
   * tg.splitWithSizes(tg.arange(5), [2, 3]).map((t) => t.shape) // => [[2], [3]]
   * ```
   */
  splitWithSizes: underName('splitWithSizes', ['split'], S.split as (input: Tensor, splitSizes: number[], dim?: number) => Tensor[]), ...breadth4Inplace,
  diagonalScatter: VS.diagonalScatter, selectScatter: VS.selectScatter, sliceScatter: VS.sliceScatter, uniqueConsecutive: VS.uniqueConsecutive, renorm: PX.renorm,
}, {
  isposinf: unary, isneginf: unary, signbit: unary, heaviside: 'input, values', floatPower: 'input, exponent', ldexp: binary, frexp: unary,
  gcd: binary, lcm: binary, nextafter: binary, dist: 'input, other, p', hardshrink: 'input, lambd', splitWithSizes: 'input, splitSizes, dim',
  gcd_: binary, lcm_: binary, ldexp_: binary, diagonalScatter: 'input, src, offset, dim1, dim2', selectScatter: 'input, src, dim, index',
  sliceScatter: 'input, src, dim, start, end, step', uniqueConsecutive: 'input, returnInverse, returnCounts, dim', renorm: 'input, p, dim, maxnorm',
});

// ==== issue 15's fifth op batch (lib/ops/correlation.ts, view_inplace.ts, integration.ts, index_reduce.ts) ==========
export const breadth5 = kwAll('', {
  cov: CO.cov, corrcoef: CO.corrcoef, trapezoid: IG.trapezoid, trapz: IG.trapz, cumulativeTrapezoid: IG.cumulativeTrapezoid, vander: IG.vander, gradient: IG.gradient,
  indexReduce: IR.indexReduce,
  /**
   * In place: gives input the sizes, strides and storage offset given over its storage (input.asStrided_).
   *
   * @see torch.as_strided_
   * @example
   * ```ts
   * const x = tg.arange(4)
   * tg.asStrided_(x, [2], [2]) // tensor([0., 2.])
   * ```
   */
  asStrided_: (input: Tensor, size: number[], stride: number[], storageOffset?: number | null): Tensor => VI.asStrided_(input, size, stride, storageOffset ?? null),
  /**
   * In place: gives input theTemplate's shape (input.resizeAs_).
   *
   * @see torch.resize_as_
   * @example
   * ```ts
   * const x = tg.tensor([1, 2, 3, 4])
   * tg.resizeAs_(x, tg.zeros(2, 2)).shape // => [2, 2]
   * ```
   */
  resizeAs_: (input: Tensor, theTemplate: Tensor): Tensor => VI.resizeAs_(input, theTemplate),
}, {
  cov: 'input, correction, fweights, aweights', corrcoef: 'input', trapezoid: 'y, x, dim, dx', trapz: 'y, x, dim, dx', cumulativeTrapezoid: 'y, x, dim, dx',
  vander: 'x, N, increasing', gradient: 'input, spacing, dim, edgeOrder', indexReduce: 'input, dim, index, source, reduce, includeSelf', asStrided_: 'input, size, stride, storageOffset',
  resizeAs_: 'input, theTemplate',
});

// torch.* spellings of nn.functional ops, predicates and dtype helpers (issue 15's fifth batch)
export { torch5 } from './nn/torch_aliases.js';

// issue 15's missing linear-algebra names (linalgx): lib/ops/linalg_extra.ts
export const linalgxNamespace = kwAll('linalg.', {
  invEx: LX.invEx, solveEx: LX.solveEx, cond: LX.cond, diagonal: LX.linalgDiagonal, matmul: LX.linalgMatmul, vecdot: LX.vecdot,
  vander: LX.linalgVander, tensorinv: LX.tensorinv, tensorsolve: LX.tensorsolve,
  luFactor: LF.luFactor, luFactorEx: LF.luFactorEx, lu: LF.linalgLu, luSolve: LF.luSolve, matrixExp: LF.matrixExp,
  householderProduct: HH.householderProduct,
}, {
  householderProduct: 'A, tau',
  luFactor: 'A, pivot', luFactorEx: 'A, pivot, checkErrors', lu: 'A, pivot', luSolve: 'LU, pivots, B, left, adjoint', matrixExp: 'A',
  invEx: 'A, checkErrors', solveEx: 'A, B, left, checkErrors', cond: 'A, p', diagonal: 'A, offset, dim1, dim2', matmul: 'input, other',
  vecdot: 'x, y, dim', vander: 'x, N', tensorinv: 'A, ind', tensorsolve: 'A, B, dims',
});
export const linalgx = kwAll('', {
  matrixPower: LX.matrixPower, pinverse: LX.pinverse, chainMatmul: LX.chainMatmul, frobeniusNorm: LX.frobeniusNorm, nuclearNorm: LX.nuclearNorm,
  matrixRank: LX.matrixRankRemoved, lstsq: LX.lstsqRemoved, addmv_: LX.addmv_,
  lu: LF.lu, luSolve: LF.luSolveAlias, luUnpack: LF.luUnpack, matrixExp: LF.matrixExp, choleskyInverse: LF.choleskyInverse, triangularSolve: LF.triangularSolve,
  geqrf: HH.geqrf, orgqr: HH.orgqr, ormqr: HH.ormqr, solve: LX.solveRemoved, eig: LX.eigRemoved, qr: LX.qrSome,
}, {
  solve: 'input, A', eig: 'input, eigenvectors', qr: 'input, some',
  geqrf: 'input', orgqr: 'input, input2', ormqr: 'input, input2, input3, left, transpose',
  lu: 'input, pivot, getInfos', luSolve: 'input, LUData, LUPivots', luUnpack: 'LUData, LUPivots, unpackData, unpackPivots', matrixExp: 'input',
  choleskyInverse: 'input, upper', triangularSolve: 'input, A, upper, transpose, unitriangular',
  matrixPower: 'input, n', pinverse: 'input, rcond', chainMatmul: '...matrices', frobeniusNorm: 'input, dim, keepdim', nuclearNorm: 'input, dim, keepdim',
  matrixRank: 'input, tol, symmetric', lstsq: 'input, A', addmv_: 'input, mat, vec, beta, alpha',
});
export const specialx = kwAll('', {
  i0: SPX.i0, i0_: SPX.i0_, igamma: SPX.igamma, igammac: SPX.igammac, mvlgamma: SPX.mvlgamma,
  bitwiseLeftShift: SPX.bitwiseLeftShift, bitwiseRightShift: SPX.bitwiseRightShift,
}, {
  i0: unary, i0_: unary, igamma: 'input, other', igammac: 'input, other', mvlgamma: 'input, p',
  bitwiseLeftShift: 'input, other', bitwiseRightShift: 'input, other',
});
// ==== session 7's torch.* names (lib/ops/torch_misc.ts): torch.* spellings, unsafe_split, creation helpers, flags ===
import * as TM from './ops/torch_misc.js';
export const torchMisc = kwAll('', TM, {
  typename: 'o', unsafeSplit: 'input, splitSize, dim', unsafeSplitWithSizes: 'input, splitSizes, dim', unsafeChunk: 'input, chunks, dim',
  fill: 'input, value', constantPadNd: 'input, pad, value',
  batchNorm: 'input, weight, bias, runningMean, runningVar, training, momentum, eps, cudnnEnabled',
  instanceNorm: 'input, weight, bias, runningMean, runningVar, useInputStats, momentum, eps, cudnnEnabled',
  embedding: 'weight, indices, paddingIdx, scaleGradByFreq, sparse', featureDropout: 'input, p, train', featureDropout_: 'input, p, train',
  rrelu: 'input, lower, upper, training, generator', rrelu_: 'input, lower, upper, training, generator',
  asTensor: 'data, dtype', asarray: 'obj, dtype, copy, requiresGrad', frombuffer: 'buffer, dtype, count, offset, requiresGrad',
  emptyStrided: 'size, stride, dtype, requiresGrad',
  useDeterministicAlgorithms: 'mode, warnOnly', areDeterministicAlgorithmsEnabled: '', isDeterministicAlgorithmsWarnOnlyEnabled: '',
  setDeterministicDebugMode: 'debugMode', getDeterministicDebugMode: '', setWarnAlways: 'b', isWarnAlwaysEnabled: '',
  getNumInteropThreads: '', setNumInteropThreads: 'num', setFlushDenormal: 'mode', getFloat32MatmulPrecision: '',
  setFloat32MatmulPrecision: 'precision',
  rnnTanhCell: 'input, hx, wIh, wHh, bIh, bHh', rnnReluCell: 'input, hx, wIh, wHh, bIh, bHh', lstmCell: 'input, hx, wIh, wHh, bIh, bHh',
  gruCell: 'input, hx, wIh, wHh, bIh, bHh',
});
// ==== session 8's torch.* names (lib/ops/torch_names.ts): the default dtype and the last torch.* spellings ====
import * as TN from './ops/torch_names.js';
import * as SD from './ops/sampling_discrete.js';
import * as RF from './ops/rnn_full.js';
import * as LR from './ops/linalg_lowrank.js';
import * as HD from './ops/histogramdd.js';
import * as LDL from './ops/linalg_ldl.js';
import * as LOB from './ops/lobpcg.js';
const RNN_FULL = 'input, hx, params, hasBiases, numLayers, dropout, train, bidirectional, batchFirst';
export const torchNames = kwAll('', { ...TN, ...SD, ...RF, ...LR, ...HD, ...LOB }, {
  lobpcg: 'A, k, B, X, n, iK, niter, tol, largest, method, generator',
  embeddingBag: 'weight, indices, offsets, scaleGradByFreq, mode, sparse, perSampleWeights, includeLastOffset, paddingIdx',
  svdLowrank: 'A, q, niter, M, generator', pcaLowrank: 'A, q, center, niter, generator', histogramdd: 'input, bins, range, weight, density',
  setDefaultDtype: 'd', getDefaultDtype: '', setDefaultTensorType: 't', initNumThreads: '', isStorage: 'obj',
  poisson: 'input, generator', binomial: 'count, prob, generator',
  rnnTanh: RNN_FULL, rnnRelu: RNN_FULL, lstm: RNN_FULL, gru: RNN_FULL,
  symeig: 'input, eigenvectors, upper', pdist: 'input, p', normExceptDim: 'v, pow, dim',
  embeddingRenorm_: 'input, indices, maxNorm, normType',
  gridSampler: 'input, grid, interpolationMode, paddingMode, alignCorners',
  gridSampler2d: 'input, grid, interpolationMode, paddingMode, alignCorners',
  gridSampler3d: 'input, grid, interpolationMode, paddingMode, alignCorners',
  affineGridGenerator: 'theta, size, alignCorners',
  convolution: 'input, weight, bias, stride, padding, dilation, transposed, outputPadding, groups',
  convTbc: 'input, weight, bias, pad', asStridedScatter: 'input, src, size, stride, storageOffset',
});
export const linalgNames = kwAll('linalg.', { ldlFactor: LDL.ldlFactor, ldlFactorEx: LDL.ldlFactorEx, ldlSolve: LDL.ldlSolve }, {
  ldlFactor: 'A, hermitian', ldlFactorEx: 'A, hermitian, checkErrors', ldlSolve: 'LD, pivots, B, hermitian',
});
