// The Tensor methods that forward to ops (x.add(y), x.sum(1), x.matmul(w), ...), declared on the Tensor interface
// in tensor.ts and defined here, above the ops they call (Note [Tensor methods] in tensor.ts).
import { Tensor, type TensorLike, type AllcloseOptions, type SamplerOptions, type ScatterReduceKind } from '../tensor.js';
import type { DType } from '../dtype.js';
import type { Data } from '../storage.js';
import { kwMethods } from '../kwargs.js';
import * as C from './creation.js';
import * as E from './elementwise.js';
import * as R from './reduce.js';
import * as S from './shape.js';
import * as L from './linalg.js';
import * as LU from './linalg_lu.js';
import * as CH from './linalg_chol.js';
import * as SV from './linalg_svd.js';
import * as I from './inplace.js';
import * as F from './softmax.js';
import * as SM from './sampling.js';
import * as ST from './structure.js';
import * as SE from './search.js';
import * as IX from './indexing.js';
import type { IndexEntry } from './indexing.js';
import * as GA from './gather.js';
import * as SC from './scatter.js';
import * as MK from './masked.js';
import type { Generator } from './random.js';
import { typeError, rangeError, describe, disposedError, fmtShape } from '../errors.js';
import './methods_math.js'; // the elementwise-math methods and the in-place forms
import './methods_more.js'; // the second batch's aliases, ops and tensor predicates
import './methods_breadth4.js'; // issue 15's fourth batch (floorDivide, quantile, ...)
import './methods_breadth5.js'; // issue 15's fifth batch (cov, the in-place view ops, indexReduce, ...)
import './methods_linalgx.js'; // issue 15's missing linalg and special-function methods (lu, matrixExp, i0, ...)
import './methods_nnmisc.js'; // session 7's torch.* names (unsafeSplit, elementSize, new, ...)
import './methods_names.js'; // session 8's names (prelu, resize, set_, map2_, asStridedScatter, symeig)
import * as DV from './division.js';
import '../small_dtypes.js'; // installs the small dtypes' dispatch (Note [Small dtypes])

/** PyTorch's legacy type names (Tensor.type()). */
const TENSOR_TYPE: Record<DType, string> = {
  float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', float16: 'torch.HalfTensor', bfloat16: 'torch.BFloat16Tensor',
  int64: 'torch.LongTensor', int32: 'torch.IntTensor', int16: 'torch.ShortTensor', int8: 'torch.CharTensor',
  uint8: 'torch.ByteTensor', bool: 'torch.BoolTensor',
};

const methods: ThisType<Tensor> = {
  // ---- values out --------------------------------------------------------------------------------------------
  asTypedArray(): Data {
    if (this._box.disposed) throw disposedError('asTypedArray', this.shape);
    if (!this._contig)
      throw new Error(`asTypedArray: the tensor (shape ${JSON.stringify(this.shape)}, strides ${JSON.stringify(this.stride())}) is not contiguous, so its storage is not its values in order; call contiguous() first (or toTypedArray() for a copy)`);
    this._box.escaped = true;
    return this._data;
  },

  // ---- conversions -----------------------------------------------------------------------------------------
  to(dtype: DType): Tensor { return C.to(this, dtype); },
  float(): Tensor { return C.to(this, 'float32'); },
  double(): Tensor { return C.to(this, 'float64'); },
  int(): Tensor { return C.to(this, 'int32'); },
  long(): Tensor { return C.to(this, 'int64'); },
  bool(): Tensor { return C.to(this, 'bool'); },
  // the small dtypes (Note [Small dtypes] in lib/small_dtypes.ts)
  byte(): Tensor { return C.to(this, 'uint8'); },
  char(): Tensor { return C.to(this, 'int8'); },
  short(): Tensor { return C.to(this, 'int16'); },
  half(): Tensor { return C.to(this, 'float16'); },
  bfloat16(): Tensor { return C.to(this, 'bfloat16'); },
  type(dtype?: DType | string): Tensor | string {
    if (dtype === undefined || dtype === null) return TENSOR_TYPE[this.dtype];
    const named = Object.keys(TENSOR_TYPE).find((d) => TENSOR_TYPE[d as DType] === dtype) as DType | undefined;
    return C.to(this, named ?? (dtype as DType));
  },
  clone(): Tensor { return C.clone(this); },
  contiguous(): Tensor {
    return this._contig ? this : C.clone(this);
  },

  // ---- elementwise ------------------------------------------------------------------------------------------
  add(other: TensorLike, alpha?: number | { alpha?: number }): Tensor { return E.add(this, other, alpha); },
  sub(other: TensorLike, alpha?: number | { alpha?: number }): Tensor { return E.sub(this, other, alpha); },
  mul(other: TensorLike): Tensor { return E.mul(this, other); },
  div(other: TensorLike, roundingMode?: DV.RoundingMode | null): Tensor { return DV.divMode(this, other, roundingMode); },
  pow(exponent: TensorLike): Tensor { return E.pow(this, exponent); },
  maximum(other: TensorLike): Tensor { return E.maximum(this, other); },
  minimum(other: TensorLike): Tensor { return E.minimum(this, other); },
  neg(): Tensor { return E.neg(this); },
  abs(): Tensor { return E.abs(this); },
  exp(): Tensor { return E.exp(this); },
  log(): Tensor { return E.log(this); },
  sqrt(): Tensor { return E.sqrt(this); },
  rsqrt(): Tensor { return E.rsqrt(this); },
  reciprocal(): Tensor { return E.reciprocal(this); },
  sin(): Tensor { return E.sin(this); },
  cos(): Tensor { return E.cos(this); },
  tanh(): Tensor { return E.tanh(this); },
  sigmoid(): Tensor { return E.sigmoid(this); },
  relu(): Tensor { return E.relu(this); },
  square(): Tensor { return E.square(this); },
  sign(): Tensor { return E.sign(this); },
  clamp(min?: TensorLike | null | E.ClampOptions, max?: TensorLike | null): Tensor { return E.clamp(this, min, max); },
  where(condition: TensorLike | { condition?: TensorLike; other?: TensorLike }, other?: TensorLike): Tensor { return E.where(condition as TensorLike, this, other as TensorLike); },
  eq(other: TensorLike): Tensor { return E.eq(this, other); },
  ne(other: TensorLike): Tensor { return E.ne(this, other); },
  lt(other: TensorLike): Tensor { return E.lt(this, other); },
  le(other: TensorLike): Tensor { return E.le(this, other); },
  gt(other: TensorLike): Tensor { return E.gt(this, other); },
  ge(other: TensorLike): Tensor { return E.ge(this, other); },
  logicalNot(): Tensor { return E.logicalNot(this); },
  equal(other: Tensor): boolean { return E.equal(this, other); },
  allclose(other: Tensor, rtol?: number | AllcloseOptions, atol?: number, equalNan?: boolean): boolean { return E.allclose(this, other, rtol as number, atol, equalNan); },

  // ---- reductions ------------------------------------------------------------------------------------------
  sum(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor { return R.sum(this, dim, keepdim, dtype); },
  mean(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor { return R.mean(this, dim, keepdim, dtype); },
  prod(dim?: number | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor { return R.prod(this, dim, keepdim, dtype); },
  max(dim?: unknown, keepdim?: unknown, other?: unknown): Tensor | R.ValuesIndices { return R.maxMin('max', this, dim, keepdim, other); },
  min(dim?: unknown, keepdim?: unknown, other?: unknown): Tensor | R.ValuesIndices { return R.maxMin('min', this, dim, keepdim, other); },
  argmax(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor { return R.argmax(this, dim, keepdim); },
  argmin(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor { return R.argmin(this, dim, keepdim); },
  norm(p?: number | R.NormOptions | null, dim?: number | number[] | null, keepdim?: boolean): Tensor { return R.norm(this, p, dim, keepdim); },
  var(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor { return R.var_(this, dim, unbiased, keepdim, correction); },
  std(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor { return R.std(this, dim, unbiased, keepdim, correction); },
  logsumexp(dim: number | number[] | R.DimOptions, keepdim?: boolean): Tensor { return R.logsumexp(this, dim, keepdim); },
  all(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor { return R.all(this, dim, keepdim); },
  any(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor { return R.any(this, dim, keepdim); },
  softmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor { return F.softmax(F.softmaxInput('softmax', this, dtype), dim as number); },
  logSoftmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor { return F.logSoftmax(F.softmaxInput('logSoftmax', this, dtype), dim as number); },

  // ---- shape ----------------------------------------------------------------------------------------------
  reshape(shape: number[]): Tensor { return S.reshape(this, shape); },
  view(size: number[]): Tensor { return S.view(this, size); },
  flatten(startDim?: number | { startDim?: number; endDim?: number }, endDim?: number): Tensor { return S.flatten(this, startDim as number, endDim); },
  squeeze(dim?: number | { dim?: number }): Tensor { return S.squeeze(this, dim as number); },
  unsqueeze(dim: number | { dim: number }): Tensor { return S.unsqueeze(this, dim as number); },
  transpose(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor { return S.transpose(this, dim0 as number, dim1 as number); },
  permute(dims: number[]): Tensor { return S.permute(this, dims); },
  t(): Tensor { return S.t(this); },
  get T(): Tensor { return S.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i)); },
  get mT(): Tensor { return matrixTranspose('mT', this); },
  get H(): Tensor {
    // PyTorch's H is for matrices only (a 0-D tensor passes, as there); mH is the batched form.
    if (this.isDisposed) throw disposedError('H', this.shape);
    if (this.ndim !== 0 && this.ndim !== 2)
      throw rangeError('H', `tensor.H is only supported on matrices (2-D tensors). Got ${this.ndim}-D tensor of shape ${fmtShape(this.shape)}${this.ndim > 2 ? '. For batches of matrices, consider using tensor.mH' : ''}`);
    return this.ndim === 0 ? S.permute(this, []) : S.transpose(this, 0, 1);
  },
  get mH(): Tensor { return matrixTranspose('mH', this); },
  // tensorgrad computes on the CPU only (docs/porting.md).
  get device(): 'cpu' { return 'cpu'; },
  expand(size: number[]): Tensor { return S.expand(this, size); },
  expandAs(other: Tensor): Tensor {
    if (!(other instanceof Tensor)) throw typeError('expandAs', `expected a Tensor, got ${describe(other)}`);
    return S.expand(this, other.shape);
  },
  split(splitSize: number | number[] | { splitSize: number | number[]; dim?: number }, dim?: number): Tensor[] { return S.split(this, splitSize as number, dim); },
  chunk(chunks: number | { chunks: number; dim?: number }, dim?: number): Tensor[] { return S.chunk(this, chunks as number, dim); },
  unfold(dimension: number | { dimension: number; size: number; step: number }, size?: number, step?: number): Tensor { return S.unfold(this, dimension as number, size as number, step as number); },
  diagonal(offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor { return S.diagonal(this, offset as number | undefined, dim1, dim2); },
  asStrided(size: number[] | { size: number[]; stride: number[]; storageOffset?: number | null }, stride?: number[], storageOffset?: number | null): Tensor { return S.asStrided(this, size as number[], stride as number[], storageOffset); },
  unbind(dim?: number | { dim?: number }): Tensor[] { return S.unbind(this, dim as number | undefined); },
  movedim(source: number | number[] | { source: number | number[]; destination: number | number[] }, destination?: number | number[]): Tensor { return S.movedim(this, source as number | number[], destination as number | number[]); },
  moveaxis(source: number | number[] | { source: number | number[]; destination: number | number[] }, destination?: number | number[]): Tensor { return S.moveaxis(this, source as number | number[], destination as number | number[]); },
  swapaxes(axis0: number | { axis0: number; axis1: number }, axis1?: number): Tensor { return S.swapaxes(this, axis0 as number, axis1 as number); },
  swapdims(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor { return S.swapdims(this, dim0 as number, dim1 as number); },
  narrow(dim: number | { dim: number; start: number; length: number }, start?: number, length?: number): Tensor { return S.narrow(this, dim as number, start as number, length as number); },
  select(dim: number | { dim: number; index: number }, index?: number): Tensor { return S.select(this, dim as number, index as number); },
  index(indices: IndexEntry | readonly IndexEntry[]): Tensor { return IX.index(this, indices); },

  // ---- linear algebra -------------------------------------------------------------------------------------
  dot(tensor: Tensor): Tensor { return L.dot(this, tensor); },
  matmul(other: Tensor): Tensor { return L.matmul(this, other); },
  mm(mat2: Tensor): Tensor { return L.mm(this, mat2); },
  bmm(mat2: Tensor): Tensor { return L.bmm(this, mat2); },
  mv(vec: Tensor): Tensor { return L.mv(this, vec); },
  outer(vec2: Tensor): Tensor { return L.outer(this, vec2); },
  inverse(): Tensor { return LU.inverse(this); },
  det(): Tensor { return LU.detOf('det', this); },
  logdet(): Tensor { return LU.logdet(this); },
  slogdet(): LU.SignLogabsdet { return LU.slogdetOf('slogdet', this); },
  cholesky(upper?: boolean): Tensor { return CH.choleskyAlias(this, upper); },
  choleskySolve(input2: Tensor, upper?: boolean): Tensor { return CH.choleskySolve(this, input2, upper); },
  svd(some?: boolean, computeUv?: boolean): SV.SVDV { return SV.svdV(this, some, computeUv); },

  // ---- in place --------------------------------------------------------------------------------------------
  zero_(): Tensor { return I.zero_(this); },
  fill_(value: number | boolean): Tensor { return I.fill_(this, value); },
  add_(other: TensorLike, alpha?: number | { alpha?: number }): Tensor { return I.add_(this, other, alpha); },
  sub_(other: TensorLike, alpha?: number | { alpha?: number }): Tensor { return I.sub_(this, other, alpha); },
  mul_(other: TensorLike): Tensor { return I.mul_(this, other); },
  div_(other: TensorLike, roundingMode?: DV.RoundingMode | null): Tensor { return DV.divMode_(this, other, roundingMode); },
  clamp_(min?: number | null | E.ClampOptions, max?: number | null): Tensor { return I.clamp_(this, min, max); },
  copy_(src: Tensor): Tensor { return I.copy_(this, src); },

  // ---- sampling (ops/sampling.ts); each takes { generator } ----------------------------------------------------
  uniform_(from_?: number | SamplerOptions, to?: number, generator?: Generator | null): Tensor { return SM.uniform_(this, from_ as number, to, generator); },
  normal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): Tensor { return SM.normal_(this, mean as number, std, generator); },
  bernoulli_(p?: number | Tensor | SamplerOptions, generator?: Generator | null): Tensor { return SM.bernoulli_(this, p as number, generator); },
  exponential_(lambd?: number | SamplerOptions, generator?: Generator | null): Tensor { return SM.exponential_(this, lambd as number, generator); },
  random_(from_?: number | null | SamplerOptions, to?: number | null, generator?: Generator | null): Tensor { return SM.random_(this, from_ as number, to, generator); },
  cauchy_(median?: number | SamplerOptions, sigma?: number, generator?: Generator | null): Tensor { return SM.cauchy_(this, median as number, sigma, generator); },
  logNormal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): Tensor { return SM.logNormal_(this, mean as number, std, generator); },
  geometric_(p: number | SamplerOptions, generator?: Generator | null): Tensor { return SM.geometric_(this, p as number, generator); },
  bernoulli(p?: number | null | SamplerOptions, generator?: Generator | null): Tensor { return SM.bernoulli(this, p as number, generator); },
  multinomial(numSamples: number | SamplerOptions, replacement?: boolean, generator?: Generator | null): Tensor { return SM.multinomial(this, numSamples as number, replacement, generator); },

  // ---- structure (ops/structure.ts) and search (ops/search.ts) --------------------------------------------------
  tril(diagonal?: number): Tensor { return ST.tril(this, diagonal); },
  triu(diagonal?: number): Tensor { return ST.triu(this, diagonal); },
  tril_(diagonal?: number): Tensor { return ST.tril_(this, diagonal); },
  triu_(diagonal?: number): Tensor { return ST.triu_(this, diagonal); },
  diag(diagonal?: number): Tensor { return ST.diag(this, diagonal); },
  diagEmbed(offset?: number, dim1?: number, dim2?: number): Tensor { return ST.diagEmbed(this, offset, dim1, dim2); },
  flip(dims: number[]): Tensor { return ST.flip(this, dims); },
  fliplr(): Tensor { return ST.fliplr(this); },
  flipud(): Tensor { return ST.flipud(this); },
  roll(shifts: number | number[], dims?: number | number[] | null): Tensor { return ST.roll(this, shifts, dims); },
  repeat(repeats: number[]): Tensor { return ST.repeat(this, repeats); },
  tile(dims: number[]): Tensor { return ST.tile(this, dims); },
  repeatInterleave(repeats?: number | Tensor, dim?: number | null, outputSize?: number | null): Tensor { return ST.repeatInterleave(this, repeats, dim, outputSize); },
  nonzero(asTuple?: boolean): Tensor | Tensor[] { return SE.nonzero(this, asTuple); },
  argwhere(): Tensor { return SE.argwhere(this); },
  unique(sorted?: boolean, returnInverse?: boolean, returnCounts?: boolean, dim?: number | null): Tensor | Tensor[] { return SE.unique(this, sorted, returnInverse, returnCounts, dim); },
  // ---- indexing (ops/indexing.ts) ----------------------------------------------------------------------------
  indexPut(indices: IndexEntry | readonly IndexEntry[], values: Tensor | number | boolean, accumulate?: boolean): Tensor { return IX.indexPut(this, indices, values, accumulate); },
  indexPut_(indices: IndexEntry | readonly IndexEntry[], values: Tensor | number | boolean, accumulate?: boolean): Tensor { return IX.indexPut_(this, indices, values, accumulate); },
  // ---- indexing (ops/indexing.ts, ops/scatter.ts, ops/masked.ts); kwMethods below turns options into positions ----
  gather(dim: number, index: Tensor, sparseGrad?: boolean): Tensor { return GA.gather(this, dim, index, sparseGrad); },
  indexSelect(dim: number, index: Tensor): Tensor { return GA.indexSelect(this, dim, index); },
  indexAdd(dim: number, index: Tensor, source: Tensor, alpha?: number): Tensor { return GA.indexAdd(this, dim, index, source, alpha); },
  indexAdd_(dim: number, index: Tensor, source: Tensor, alpha?: number): Tensor { return GA.indexAdd_(this, dim, index, source, alpha); },
  indexFill(dim: number, index: Tensor, value: number | boolean | bigint | Tensor): Tensor { return GA.indexFill(this, dim, index, value); },
  indexFill_(dim: number, index: Tensor, value: number | boolean | bigint | Tensor): Tensor { return GA.indexFill_(this, dim, index, value); },
  indexCopy(dim: number, index: Tensor, source: Tensor): Tensor { return GA.indexCopy(this, dim, index, source); },
  indexCopy_(dim: number, index: Tensor, source: Tensor): Tensor { return GA.indexCopy_(this, dim, index, source); },
  scatter(dim: number, index: Tensor, src?: Tensor | number, reduce?: 'add' | 'multiply' | null, value?: number): Tensor { return SC.scatter(this, dim, index, src, reduce, value); },
  scatter_(dim: number, index: Tensor, src?: Tensor | number, reduce?: 'add' | 'multiply' | null, value?: number): Tensor { return SC.scatter_(this, dim, index, src, reduce, value); },
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor { return SC.scatterAdd(this, dim, index, src); },
  scatterAdd_(dim: number, index: Tensor, src: Tensor): Tensor { return SC.scatterAdd_(this, dim, index, src); },
  scatterReduce(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduceKind, includeSelf?: boolean): Tensor { return SC.scatterReduce(this, dim, index, src, reduce, includeSelf); },
  scatterReduce_(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduceKind, includeSelf?: boolean): Tensor { return SC.scatterReduce_(this, dim, index, src, reduce, includeSelf); },
  maskedFill(mask: Tensor, value: number | boolean | bigint | Tensor): Tensor { return MK.maskedFill(this, mask, value); },
  maskedFill_(mask: Tensor, value: number | boolean | bigint | Tensor): Tensor { return MK.maskedFill_(this, mask, value); },
  maskedSelect(mask: Tensor): Tensor { return MK.maskedSelect(this, mask); },
  maskedScatter(mask: Tensor, source: Tensor): Tensor { return MK.maskedScatter(this, mask, source); },
  maskedScatter_(mask: Tensor, source: Tensor): Tensor { return MK.maskedScatter_(this, mask, source); },
  take(index: Tensor): Tensor { return MK.take(this, index); },
  takeAlongDim(indices: Tensor, dim?: number | null): Tensor { return MK.takeAlongDim(this, indices, dim); },
  put(index: Tensor, source: Tensor, accumulate?: boolean): Tensor { return MK.put(this, index, source, accumulate); },
  put_(index: Tensor, source: Tensor, accumulate?: boolean): Tensor { return MK.put_(this, index, source, accumulate); },
};

for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods)))
  Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

// Every method's parameters in PyTorch's names (Note [Keyword arguments] in kwargs.ts), as in tensor.ts.
const unary = '';
kwMethods(Tensor.prototype, 'Tensor', {
  asTypedArray: unary, to: 'dtype', float: unary, double: unary, int: unary, long: unary, bool: unary, type: 'dtype', byte: unary, char: unary, short: unary, half: unary, bfloat16: unary, clone: unary,
  contiguous: unary, add: 'other, alpha', sub: 'other, alpha', mul: 'other', div: 'other, roundingMode', pow: 'exponent',
  maximum: 'other', minimum: 'other', neg: unary, abs: unary, exp: unary, log: unary, sqrt: unary, rsqrt: unary,
  reciprocal: unary, sin: unary, cos: unary, tanh: unary, sigmoid: unary, relu: unary, square: unary, sign: unary,
  clamp: 'min, max', where: 'condition, other', eq: 'other', ne: 'other', lt: 'other', le: 'other', gt: 'other',
  ge: 'other', logicalNot: unary, equal: 'other', allclose: 'other, rtol, atol, equalNan',
  sum: 'dim, keepdim, dtype', mean: 'dim, keepdim, dtype', prod: 'dim, keepdim, dtype', max: 'dim, keepdim, other',
  min: 'dim, keepdim, other', argmax: 'dim, keepdim', argmin: 'dim, keepdim', norm: 'p, dim, keepdim',
  var: 'dim, unbiased, keepdim, correction', std: 'dim, unbiased, keepdim, correction', logsumexp: 'dim, keepdim',
  all: 'dim, keepdim', any: 'dim, keepdim', softmax: 'dim, dtype', logSoftmax: 'dim, dtype', reshape: '...shape',
  view: '...size', flatten: 'startDim, endDim', squeeze: 'dim', unsqueeze: 'dim', transpose: 'dim0, dim1',
  permute: '...dims', t: unary, expand: '...size', expandAs: 'other', split: 'splitSize, dim', chunk: 'chunks, dim',
  narrow: 'dim, start, length', select: 'dim, index', unfold: 'dimension, size, step', diagonal: 'offset, dim1, dim2',
  asStrided: 'size, stride, storageOffset', unbind: 'dim', movedim: 'source, destination', moveaxis: 'source, destination',
  swapaxes: 'axis0, axis1', swapdims: 'dim0, dim1', index: 'indices', dot: 'tensor', matmul: 'other', mm: 'mat2',
  bmm: 'mat2', mv: 'vec', outer: 'vec2', zero_: unary, fill_: 'value', add_: 'other, alpha', sub_: 'other, alpha',
  mul_: 'other', div_: 'other, roundingMode', clamp_: 'min, max', copy_: 'src',
  uniform_: 'from_, to, generator', normal_: 'mean, std, generator', bernoulli_: 'p, generator',
  exponential_: 'lambd, generator', random_: 'from_, to, generator', bernoulli: 'p, generator',
  multinomial: 'numSamples, replacement, generator', cauchy_: 'median, sigma, generator',
  logNormal_: 'mean, std, generator', geometric_: 'p, generator',
  tril: 'diagonal', triu: 'diagonal', tril_: 'diagonal', triu_: 'diagonal', diag: 'diagonal',
  diagEmbed: 'offset, dim1, dim2', flip: '...dims', fliplr: unary, flipud: unary, roll: 'shifts, dims',
  repeat: '...repeats', tile: '...dims', repeatInterleave: 'repeats, dim, outputSize', nonzero: 'asTuple',
  argwhere: unary, unique: 'sorted, returnInverse, returnCounts, dim',
  indexPut: 'indices, values, accumulate', indexPut_: 'indices, values, accumulate',
  gather: 'dim, index, sparseGrad', indexSelect: 'dim, index', indexAdd: 'dim, index, source, alpha',
  indexAdd_: 'dim, index, source, alpha', indexFill: 'dim, index, value', indexFill_: 'dim, index, value',
  indexCopy: 'dim, index, source', indexCopy_: 'dim, index, source', scatter: 'dim, index, src, reduce, value',
  scatter_: 'dim, index, src, reduce, value', scatterAdd: 'dim, index, src', scatterAdd_: 'dim, index, src',
  scatterReduce: 'dim, index, src, reduce, includeSelf', scatterReduce_: 'dim, index, src, reduce, includeSelf',
  maskedFill: 'mask, value', maskedFill_: 'mask, value', maskedSelect: 'mask', maskedScatter: 'mask, source',
  maskedScatter_: 'mask, source', take: 'index', takeAlongDim: 'indices, dim', put: 'index, source, accumulate',
  put_: 'index, source, accumulate',
  inverse: unary, det: unary, logdet: unary, slogdet: unary,
  cholesky: 'upper', choleskySolve: 'input2, upper', svd: 'some, computeUv',
});

/** x.mT / x.mH (the conjugate is a no-op on real tensors): the last two dims swapped; PyTorch lets a 0-D tensor through. */
function matrixTranspose(op: 'mT' | 'mH', x: Tensor): Tensor {
  if (x.isDisposed) throw disposedError(op, x.shape);
  if (x.ndim === 1) throw rangeError(op, `tensor.${op} is only supported on matrices or batches of matrices. Got 1-D tensor of shape ${fmtShape(x.shape)}`);
  return x.ndim === 0 ? S.permute(x, []) : S.transpose(x, -2, -1);
}
