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
import * as G from './autograd/grad_mode.js';
import { kw, signature } from './kwargs.js';

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

/** softmax / logSoftmax with PyTorch's dtype argument (the input is cast first). */
function softmax(input: Tensor, dim: number, dtype?: DType | null): Tensor {
  return FO.softmax(FO.softmaxInput('softmax', input, dtype), dim);
}
function logSoftmax(input: Tensor, dim: number, dtype?: DType | null): Tensor {
  return FO.logSoftmax(FO.softmaxInput('logSoftmax', input, dtype), dim);
}

function max(input: Tensor): Tensor;
function max(input: Tensor, other: Tensor): Tensor;
function max(input: Tensor, dim: number | R.DimOptions, keepdim?: boolean): R.ValuesIndices;
function max(input: Tensor, dim?: unknown, keepdim?: unknown, other?: unknown): Tensor | R.ValuesIndices {
  return R.maxMin('max', input, dim, keepdim, other);
}
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
  inverse: LU.inverse, logdet: LU.logdet,
  det: (input: Tensor): Tensor => LU.detOf('det', input),
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
