// The declarations of the Tensor op methods (Note [Tensor methods]): an augmentation of the Tensor class's
// type, kept out of tensor.ts so that the class file holds the tensor itself.
import type { Tensor, TensorLike } from './tensor.js';
import type { DType } from './dtype.js';
import type { SVDV } from './ops/linalg_svd.js';
import type { Data } from './storage.js';
import type * as E from './ops/elementwise.js';
import type * as EM from './ops/elementwise_math.js';
import type * as CU from './ops/cumulative.js';
import type * as SO from './ops/sorting.js';
import type * as R from './ops/reduce.js';
import type { Generator } from './ops/random.js';
import type { IndexEntry } from './ops/indexing.js';
import type { SignLogabsdet } from './ops/linalg_lu.js';

/**
 * Note [Tensor methods]: the op methods (x.add(y), x.sum(1), ...) are declared here (merged into the
 * class's type by module augmentation) and defined in lib/ops/methods.ts and lib/ops/methods_math.ts. Ops make tensors, so the class sits below them (docs/architecture.md); a class whose
 * methods imported the ops would make every op file and tensor.ts one import cycle. The interface merges
 * with the class, so to TypeScript they are the class's methods; lib/index.ts loads methods.ts.
 */
declare module './tensor.js' {
  interface Tensor {
    /**
     * The tensor's own storage as a typed array, without a copy (Uint8Array for bool): writes through it change
     * the tensor. It is a view of native memory, valid until the tensor is disposed; autograd does not see such
     * writes (no version bump), so do not modify tensors saved for backward this way.
     */
    asTypedArray(): Data;

    // ---- conversions -----------------------------------------------------------------------------------------
    to(dtype: DType): Tensor;
    float(): Tensor;
    double(): Tensor;
    int(): Tensor;
    bool(): Tensor;
    clone(): Tensor;
    /** This tensor, or (for a copy standing for a non-contiguous PyTorch view) a contiguous clone, as PyTorch. */
    contiguous(): Tensor;

    // ---- elementwise ------------------------------------------------------------------------------------------
    // Method signatures (PyTorch's keyword names, options objects) are declared in the table after the class.
    add(other: TensorLike, alpha?: number | { alpha?: number }): Tensor;
    sub(other: TensorLike, alpha?: number | { alpha?: number }): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike): Tensor;
    pow(exponent: TensorLike): Tensor;
    maximum(other: TensorLike): Tensor;
    minimum(other: TensorLike): Tensor;
    neg(): Tensor;
    abs(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    rsqrt(): Tensor;
    reciprocal(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    relu(): Tensor;
    square(): Tensor;
    sign(): Tensor;
    clamp(min?: number | null | E.ClampOptions, max?: number | null): Tensor;
    where(condition: TensorLike | { condition?: TensorLike; other?: TensorLike }, other?: TensorLike): Tensor;
    eq(other: TensorLike): Tensor;
    ne(other: TensorLike): Tensor;
    lt(other: TensorLike): Tensor;
    le(other: TensorLike): Tensor;
    gt(other: TensorLike): Tensor;
    ge(other: TensorLike): Tensor;
    logicalNot(): Tensor;
    equal(other: Tensor): boolean;
    allclose(other: Tensor, rtol?: number | AllcloseOptions, atol?: number, equalNan?: boolean): boolean;

    // ---- reductions ------------------------------------------------------------------------------------------
    sum(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor;
    mean(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor;
    prod(dim?: number | R.DimOptions | null, keepdim?: boolean | R.DimOptions): Tensor;
    max(): Tensor;
    max(other: Tensor): Tensor;
    max(dim: number | R.DimOptions & { other?: Tensor }, keepdim?: boolean): R.ValuesIndices;
    min(): Tensor;
    min(other: Tensor): Tensor;
    min(dim: number | R.DimOptions & { other?: Tensor }, keepdim?: boolean): R.ValuesIndices;
    argmax(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    argmin(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    norm(p?: number | R.NormOptions | null, dim?: number | number[] | null, keepdim?: boolean): Tensor;
    var(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor;
    std(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor;
    logsumexp(dim: number | number[] | R.DimOptions, keepdim?: boolean): Tensor;
    all(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    any(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    softmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor;
    logSoftmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor;

    // ---- shape ----------------------------------------------------------------------------------------------
    // reshape/view/permute/expand also take the sizes as separate numbers, as in PyTorch (x.view(2, 3)).
    reshape(...shape: (number | number[] | { shape: number[] })[]): Tensor;
    view(...size: (number | number[] | { size: number[] })[]): Tensor;
    flatten(startDim?: number | { startDim?: number; endDim?: number }, endDim?: number): Tensor;
    squeeze(dim?: number | { dim?: number }): Tensor;
    unsqueeze(dim: number | { dim: number }): Tensor;
    transpose(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor;
    permute(...dims: (number | number[] | { dims: number[] })[]): Tensor;
    t(): Tensor;
    readonly T: Tensor;
    expand(...size: (number | number[] | { size: number[] })[]): Tensor;
    expandAs(other: Tensor): Tensor;
    split(splitSize: number | number[] | { splitSize: number | number[]; dim?: number }, dim?: number): Tensor[];
    chunk(chunks: number | { chunks: number; dim?: number }, dim?: number): Tensor[];
    narrow(dim: number | { dim: number; start: number; length: number }, start?: number, length?: number): Tensor;
    select(dim: number | { dim: number; index: number }, index?: number): Tensor;
    /** Python's x[indices] (API.md "Views and indexing"): one entry or an array of entries. */
    index(indices: IndexEntry | readonly IndexEntry[] | { indices: IndexEntry | readonly IndexEntry[] }): Tensor;
    unfold(dimension: number | { dimension: number; size: number; step: number }, size?: number, step?: number): Tensor;
    diagonal(offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor;
    asStrided(size: number[] | { size: number[]; stride: number[]; storageOffset?: number | null }, stride?: number[], storageOffset?: number | null): Tensor;
    unbind(dim?: number | { dim?: number }): Tensor[];
    movedim(source: number | number[] | { source: number | number[]; destination: number | number[] }, destination?: number | number[]): Tensor;
    moveaxis(source: number | number[] | { source: number | number[]; destination: number | number[] }, destination?: number | number[]): Tensor;
    swapaxes(axis0: number | { axis0: number; axis1: number }, axis1?: number): Tensor;
    swapdims(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor;

    // ---- linear algebra -------------------------------------------------------------------------------------
    dot(tensor: Tensor): Tensor;
    matmul(other: Tensor): Tensor;
    mm(mat2: Tensor): Tensor;
    bmm(mat2: Tensor): Tensor;
    mv(vec: Tensor): Tensor;
    outer(vec2: Tensor): Tensor;
    inverse(): Tensor;
    det(): Tensor;
    logdet(): Tensor;
    slogdet(): SignLogabsdet;
    cholesky(upper?: boolean | { upper?: boolean }): Tensor;
    choleskySolve(input2: Tensor | { input2: Tensor; upper?: boolean }, upper?: boolean | { upper?: boolean }): Tensor;
    svd(some?: boolean | { some?: boolean; computeUv?: boolean }, computeUv?: boolean | { computeUv?: boolean }): SVDV;

    // ---- in place --------------------------------------------------------------------------------------------
    zero_(): this;
    fill_(value: number | boolean): this;
    add_(other: TensorLike, alpha?: number | { alpha?: number }): this;
    sub_(other: TensorLike, alpha?: number | { alpha?: number }): this;
    mul_(other: TensorLike): this;
    div_(other: TensorLike): this;
    clamp_(min?: number | null | E.ClampOptions, max?: number | null): this;
    copy_(src: Tensor): this;

    // ---- sampling (ops/sampling.ts); each takes { generator } ----------------------------------------------------
    uniform_(from_?: number | SamplerOptions, to?: number, generator?: Generator | null): this;
    normal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): this;
    bernoulli_(p?: number | Tensor | SamplerOptions, generator?: Generator | null): this;
    exponential_(lambd?: number | SamplerOptions, generator?: Generator | null): this;
    random_(from_?: number | null | SamplerOptions, to?: number | null, generator?: Generator | null): this;
    cauchy_(median?: number | SamplerOptions, sigma?: number, generator?: Generator | null): this;
    logNormal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): this;
    geometric_(p: number | SamplerOptions, generator?: Generator | null): this;
    bernoulli(p?: number | null | SamplerOptions, generator?: Generator | null): Tensor;
    multinomial(numSamples: number | SamplerOptions, replacement?: boolean, generator?: Generator | null): Tensor;

    // ---- structure (ops/structure.ts) and search (ops/search.ts) --------------------------------------------------
    tril(diagonal?: number | { diagonal?: number }): Tensor;
    triu(diagonal?: number | { diagonal?: number }): Tensor;
    tril_(diagonal?: number | { diagonal?: number }): this;
    triu_(diagonal?: number | { diagonal?: number }): this;
    diag(diagonal?: number | { diagonal?: number }): Tensor;
    diagEmbed(offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor;
    flip(...dims: (number | number[] | { dims: number | number[] })[]): Tensor;
    fliplr(): Tensor;
    flipud(): Tensor;
    roll(shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, dims?: number | number[] | null): Tensor;
    repeat(...repeats: (number | number[] | { repeats: number[] })[]): Tensor;
    tile(...dims: (number | number[] | { dims: number[] })[]): Tensor;
    repeatInterleave(repeats?: number | Tensor | { repeats?: number | Tensor; dim?: number | null; outputSize?: number | null }, dim?: number | null | { dim?: number | null; outputSize?: number | null }, outputSize?: number | null): Tensor;
    nonzero(options?: { asTuple?: false }): Tensor;
    nonzero(options: { asTuple: true }): Tensor[];
    argwhere(): Tensor;
    unique(sorted?: boolean | UniqueOptions, returnInverse?: boolean, returnCounts?: boolean, dim?: number | null): Tensor | Tensor[];

    // ---- indexing (ops/indexing.ts) ----------------------------------------------------------------------------
    indexPut(indices: IndexEntry | readonly IndexEntry[] | IndexPutArgs, values?: Tensor | number | boolean | IndexPutArgs, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    indexPut_(indices: IndexEntry | readonly IndexEntry[] | IndexPutArgs, values?: Tensor | number | boolean | IndexPutArgs, accumulate?: boolean | { accumulate?: boolean }): this;
    // ---- gather, scatter, mask ops (ops/gather.ts, ops/scatter.ts, ops/masked.ts); index tensors are int32 ------------------------
    gather(dim: number | IndexingOptions, index?: Tensor, sparseGrad?: boolean | IndexingOptions): Tensor;
    indexSelect(dim: number | IndexingOptions, index?: Tensor): Tensor;
    indexAdd(dim: number | IndexingOptions, index?: Tensor, source?: Tensor, alpha?: number | IndexingOptions): Tensor;
    indexAdd_(dim: number | IndexingOptions, index?: Tensor, source?: Tensor, alpha?: number | IndexingOptions): this;
    indexFill(dim: number | IndexingOptions, index?: Tensor, value?: number | boolean | Tensor): Tensor;
    indexFill_(dim: number | IndexingOptions, index?: Tensor, value?: number | boolean | Tensor): this;
    indexCopy(dim: number | IndexingOptions, index?: Tensor, source?: Tensor): Tensor;
    indexCopy_(dim: number | IndexingOptions, index?: Tensor, source?: Tensor): this;
    scatter(dim: number | IndexingOptions, index?: Tensor, src?: Tensor | number | IndexingOptions, reduce?: 'add' | 'multiply' | null | IndexingOptions, value?: number): Tensor;
    scatter_(dim: number | IndexingOptions, index?: Tensor, src?: Tensor | number | IndexingOptions, reduce?: 'add' | 'multiply' | null | IndexingOptions, value?: number): this;
    scatterAdd(dim: number | IndexingOptions, index?: Tensor, src?: Tensor): Tensor;
    scatterAdd_(dim: number | IndexingOptions, index?: Tensor, src?: Tensor): this;
    scatterReduce(dim: number | IndexingOptions, index?: Tensor, src?: Tensor, reduce?: ScatterReduceKind, includeSelf?: boolean | IndexingOptions): Tensor;
    scatterReduce_(dim: number | IndexingOptions, index?: Tensor, src?: Tensor, reduce?: ScatterReduceKind, includeSelf?: boolean | IndexingOptions): this;
    maskedFill(mask: Tensor | IndexingOptions, value?: number | boolean | Tensor): Tensor;
    maskedFill_(mask: Tensor | IndexingOptions, value?: number | boolean | Tensor): this;
    maskedSelect(mask: Tensor | IndexingOptions): Tensor;
    maskedScatter(mask: Tensor | IndexingOptions, source?: Tensor): Tensor;
    maskedScatter_(mask: Tensor | IndexingOptions, source?: Tensor): this;
    take(index: Tensor | IndexingOptions): Tensor;
    takeAlongDim(indices: Tensor | IndexingOptions, dim?: number | null | IndexingOptions): Tensor;
    put(index: Tensor | IndexingOptions, source?: Tensor, accumulate?: boolean | IndexingOptions): Tensor;
    put_(index: Tensor | IndexingOptions, source?: Tensor, accumulate?: boolean | IndexingOptions): this;
    // ---- issue 15 (ops/elementwise_math.ts, cumulative.ts, sorting.ts, methods in ops/methods_math.ts) ---------------------------------
    cumsum(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor;
    cumprod(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor;
    cummax(dim: number | { dim: number }): CU.ValuesIndices;
    cummin(dim: number | { dim: number }): CU.ValuesIndices;
    logcumsumexp(dim: number | { dim: number }): Tensor;
    diff(n?: number | CU.DiffOptions, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor;
    sort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): CU.ValuesIndices;
    argsort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): Tensor;
    msort(): Tensor;
    topk(k: number | SO.TopkOptions, dim?: number, largest?: boolean, sorted?: boolean): CU.ValuesIndices;
    kthvalue(k: number | SO.KthOptions, dim?: number, keepdim?: boolean): CU.ValuesIndices;
    median(): Tensor;
    median(dim: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices;
    mode(dim?: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices;
    cumsum_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): this;
    cumprod_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): this;
    sinh(): Tensor;
    cosh(): Tensor;
    tan(): Tensor;
    asin(): Tensor;
    acos(): Tensor;
    atan(): Tensor;
    asinh(): Tensor;
    acosh(): Tensor;
    atanh(): Tensor;
    log2(): Tensor;
    log10(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    exp2(): Tensor;
    erfc(): Tensor;
    erfinv(): Tensor;
    lgamma(): Tensor;
    digamma(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    trunc(): Tensor;
    frac(): Tensor;
    sinc(): Tensor;
    deg2rad(): Tensor;
    rad2deg(): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
    isfinite(): Tensor;
    bitwiseNot(): Tensor;
    polygamma(n: number): Tensor;
    round(decimals?: number | { decimals?: number }): Tensor;
    nanToNum(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): Tensor;
    atan2(other: TensorLike): Tensor;
    hypot(other: TensorLike): Tensor;
    fmod(other: TensorLike): Tensor;
    remainder(other: TensorLike): Tensor;
    xlogy(other: TensorLike): Tensor;
    logicalAnd(other: TensorLike): Tensor;
    logicalOr(other: TensorLike): Tensor;
    logicalXor(other: TensorLike): Tensor;
    bitwiseAnd(other: TensorLike): Tensor;
    bitwiseOr(other: TensorLike): Tensor;
    bitwiseXor(other: TensorLike): Tensor;
    lerp(end: TensorLike, weight: TensorLike): Tensor;
    addcmul(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor;
    addcdiv(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor;
    exp_(): this;
    log_(): this;
    sqrt_(): this;
    rsqrt_(): this;
    abs_(): this;
    neg_(): this;
    sigmoid_(): this;
    tanh_(): this;
    relu_(): this;
    sin_(): this;
    cos_(): this;
    reciprocal_(): this;
    sign_(): this;
    square_(): this;
    logicalNot_(): this;
    pow_(exponent: TensorLike): this;
    sinh_(): this;
    cosh_(): this;
    tan_(): this;
    asin_(): this;
    acos_(): this;
    atan_(): this;
    asinh_(): this;
    acosh_(): this;
    atanh_(): this;
    log2_(): this;
    log10_(): this;
    log1p_(): this;
    expm1_(): this;
    exp2_(): this;
    erfc_(): this;
    erfinv_(): this;
    lgamma_(): this;
    digamma_(): this;
    floor_(): this;
    ceil_(): this;
    trunc_(): this;
    frac_(): this;
    sinc_(): this;
    deg2rad_(): this;
    rad2deg_(): this;
    bitwiseNot_(): this;
    polygamma_(n: number): this;
    round_(decimals?: number | { decimals?: number }): this;
    nanToNum_(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): this;
    atan2_(other: TensorLike): this;
    hypot_(other: TensorLike): this;
    fmod_(other: TensorLike): this;
    remainder_(other: TensorLike): this;
    xlogy_(other: TensorLike): this;
    logicalAnd_(other: TensorLike): this;
    logicalOr_(other: TensorLike): this;
    logicalXor_(other: TensorLike): this;
    bitwiseAnd_(other: TensorLike): this;
    bitwiseOr_(other: TensorLike): this;
    bitwiseXor_(other: TensorLike): this;
    lerp_(end: TensorLike, weight: TensorLike): this;
    addcmul_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): this;
    addcdiv_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): this;
  }
}


/** Keyword arguments of unique (PyTorch's names camelCased). */
export type UniqueOptions = { sorted?: boolean; returnInverse?: boolean; returnCounts?: boolean; dim?: number | null };

/** Keyword arguments of indexPut / indexPut_ (PyTorch's names). */
export type IndexPutArgs = { indices?: IndexEntry | readonly IndexEntry[]; values?: Tensor | number | boolean; accumulate?: boolean };

/** scatterReduce's reductions. */
export type ScatterReduceKind = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';
/** Keyword arguments of the indexing methods (PyTorch's names). */
export type IndexingOptions = {
  dim?: number | null; index?: Tensor; indices?: Tensor; src?: Tensor | number; source?: Tensor; value?: number | boolean | Tensor;
  mask?: Tensor; reduce?: string | null; includeSelf?: boolean; alpha?: number; accumulate?: boolean; sparseGrad?: boolean;
};

/** Keyword arguments of the samplers (PyTorch's names; `from_` as in Python). */
export type SamplerOptions = { [k in 'from_' | 'to' | 'mean' | 'std' | 'lambd' | 'median' | 'sigma' | 'numSamples']?: number } & { p?: number | Tensor; replacement?: boolean; generator?: Generator | null };

