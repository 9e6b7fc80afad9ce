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
import * as LN from './ops/linalg_norms.js';
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

export const elementwise = kwAll('', E, {
  add: 'input, other, alpha', sub: 'input, other, alpha', rsub: 'input, other, alpha', mul: binary, div: binary, pow: 'input, exponent',
  maximum: binary, minimum: binary, neg: unary, abs: unary, exp: unary, log: unary, sqrt: unary, rsqrt: unary,
  reciprocal: unary,
  sin: unary, cos: unary, tanh: unary, sigmoid: unary, relu: unary, square: unary, sign: unary,
  clamp: 'input, min, max', where: 'condition, input, other', eq: binary, ne: binary, lt: binary, le: binary,
  gt: binary, ge: binary, logicalNot: unary, equal: binary, allclose: 'input, other, rtol, atol, equalNan',
});

const dimKeep = 'input, dim, keepdim';
export const reduce = {
  ...kwAll('', R, {
    sum: 'input, dim, keepdim, dtype', mean: 'input, dim, keepdim, dtype', prod: dimKeep, argmax: dimKeep,
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
export const linalgNamespace = kwAll('linalg.', LU, { inv: 'A', det: 'A', slogdet: 'A', solve: 'A, B, left' });
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
  absolute: E.abs, arccos: EM.acos, arccosh: EM.acosh, arcsin: EM.asin, arcsinh: EM.asinh, arctan: EM.atan,
  arctanh: EM.atanh, arctan2: EM.atan2, multiply: E.mul, divide: E.div, subtract: E.sub, trueDivide: E.div,
  greater: E.gt, greaterEqual: E.ge, less: E.lt, lessEqual: E.le, notEqual: E.ne, negative: E.neg, clip: E.clamp,
  fix: EM.trunc, ger: L.outer, concat: S.cat, concatenate: S.cat,
  /** torch.positive: the input itself (an error for bool, as PyTorch's unary +). */
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
  arctan2: binary, multiply: binary, divide: binary, subtract: 'input, other, alpha', trueDivide: binary,
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
  ...kwAll('linalg.', { vectorNorm: LN.vectorNorm, matrixNorm: LN.matrixNorm, norm: LN.linalgNorm, multiDot: LN.multiDot, matrixPower: LN.matrixPower }, {
    vectorNorm: 'x, ord, dim, keepdim, dtype', matrixNorm: 'A, ord, dim, keepdim, dtype', norm: 'A, ord, dim, keepdim, dtype',
    multiDot: 'tensors', matrixPower: 'A, n',
  }),
};
export const distances = kwAll('', { cdist: LN.cdist }, { cdist: 'x1, x2, p, computeMode' });
export const moreStructure = kwAll('', renamedErrors(ST), {
  rot90: 'input, k, dims', blockDiag: '...tensors', diagflat: 'input, offset', cartesianProd: '...tensors',
  combinations: 'input, r, withReplacement',
});

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
export const inplaceFunctions = kwAll('', Object.fromEntries(Object.keys(INPLACE_FUNCTIONS).map((n) => [n, inplaceFunction(n)])) as Record<string, (input: Tensor, ...args: unknown[]) => Tensor>, INPLACE_FUNCTIONS);
