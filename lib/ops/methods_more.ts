// The Tensor methods of issue 15's second batch: PyTorch's alias names (x.multiply, x.absolute_, ...), the new
// math, reductions, products and joining ops, and the tensor predicates and factories (x.newZeros, x.isSigned,
// ...). Declared in lib/tensor_methods.ts (Note [Tensor methods] there).
import { Tensor, checkTensor, type TensorLike } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import { isFloat, type DType } from '../dtype.js';
import { typeError, rangeError, fmtShape, underName, disposedError } from '../errors.js';
import * as E from './elementwise.js';
import * as EM from './elementwise_math.js';
import * as R from './reduce.js';
import * as S from './shape.js';
import * as L from './linalg.js';
import * as LP from './linalg_products.js';
import * as J from './joining.js';
import * as ST from './structure.js';
import * as C from './creation.js';
import { inplaceMath } from './methods_math.js';
import * as DV from './division.js';

/** The options of x.newZeros(...) etc.: x's dtype unless given (PyTorch's new_* keep the tensor's dtype). */
function newOptions(x: Tensor, dtype: DType | undefined, requiresGrad: boolean | undefined): { dtype: DType; requiresGrad: boolean } {
  return { dtype: dtype ?? x.dtype, requiresGrad: requiresGrad ?? false };
}

const methods: ThisType<Tensor> = {
  // ---- PyTorch's alias names (the aliased op itself) ---------------------------------------------------------
  absolute(): Tensor { return E.abs(this); },
  absolute_(): Tensor { return this.abs_(); },
  arccos(): Tensor { return EM.acos(this); },
  arccos_(): Tensor { return this.acos_(); },
  arccosh(): Tensor { return EM.acosh(this); },
  arccosh_(): Tensor { return this.acosh_(); },
  arcsin(): Tensor { return EM.asin(this); },
  arcsin_(): Tensor { return this.asin_(); },
  arcsinh(): Tensor { return EM.asinh(this); },
  arcsinh_(): Tensor { return this.asinh_(); },
  arctan(): Tensor { return EM.atan(this); },
  arctan_(): Tensor { return this.atan_(); },
  arctanh(): Tensor { return EM.atanh(this); },
  arctanh_(): Tensor { return this.atanh_(); },
  arctan2(other: TensorLike): Tensor { return EM.atan2(this, other); },
  arctan2_(other: TensorLike): Tensor { return this.atan2_(other); },
  multiply(other: TensorLike): Tensor { return E.mul(this, other); },
  multiply_(other: TensorLike): Tensor { return this.mul_(other); },
  divide(other: TensorLike, roundingMode?: DV.RoundingMode | null): Tensor { return DV.divMode(this, other, roundingMode); },
  divide_(other: TensorLike, roundingMode?: DV.RoundingMode | null): Tensor { return DV.divMode_(this, other, roundingMode); },
  subtract(other: TensorLike, alpha?: number): Tensor { return E.sub(this, other, alpha); },
  subtract_(other: TensorLike, alpha?: number): Tensor { return this.sub_(other, alpha); },
  trueDivide(other: TensorLike): Tensor { return E.div(this, other); },
  trueDivide_(other: TensorLike): Tensor { return this.div_(other); },
  greater(other: TensorLike): Tensor { return E.gt(this, other); },
  greaterEqual(other: TensorLike): Tensor { return E.ge(this, other); },
  less(other: TensorLike): Tensor { return E.lt(this, other); },
  lessEqual(other: TensorLike): Tensor { return E.le(this, other); },
  notEqual(other: TensorLike): Tensor { return E.ne(this, other); },
  negative(): Tensor { return E.neg(this); },
  negative_(): Tensor { return this.neg_(); },
  positive(): Tensor {
    if (this.dtype === 'bool') throw typeError('positive', 'The `+` operator, on a bool tensor is not supported.');
    return this;
  },
  clip(min?: TensorLike | null, max?: TensorLike | null): Tensor { return E.clamp(this, min, max); },
  clip_(min?: number | null, max?: number | null): Tensor { return this.clamp_(min, max); },
  fix(): Tensor { return EM.trunc(this); },
  fix_(): Tensor { return this.trunc_(); },
  ger(vec2: Tensor): Tensor { return L.outer(this, vec2); },

  // ---- math ----------------------------------------------------------------------------------------------------
  erf(): Tensor { return EM.erf(this); },
  erf_(): Tensor { return inplaceMath('erf_', this, (x) => EM.erf(x)); },
  logaddexp(other: TensorLike): Tensor { return EM.logaddexp(this, other); },
  logaddexp2(other: TensorLike): Tensor { return EM.logaddexp2(this, other); },
  logit(eps?: number | null): Tensor { return EM.logit(this, eps); },
  logit_(eps?: number | null): Tensor { return inplaceMath('logit_', this, (x) => EM.logit(x, eps)); },
  sgn(): Tensor { return EM.sgn(this); },
  sgn_(): Tensor { return inplaceMath('sgn_', this, (x) => EM.sgn(x)); },
  clampMin(min: number): Tensor { return EM.clampMin(this, min); },
  clampMin_(min: number): Tensor { return inplaceMath('clampMin_', this, (x) => EM.clampMin(x, min)); },
  clampMax(max: number): Tensor { return EM.clampMax(this, max); },
  clampMax_(max: number): Tensor { return inplaceMath('clampMax_', this, (x) => EM.clampMax(x, max)); },

  fmax(other: Tensor): Tensor { return EM.fmax(this, other); },
  fmin(other: Tensor): Tensor { return EM.fmin(this, other); },
  copysign(other: TensorLike): Tensor { return EM.copysign(this, other); },
  copysign_(other: TensorLike): Tensor { return inplaceMath('copysign_', this, (x) => EM.copysign(x, other)); },
  isclose(other: Tensor, rtol?: number, atol?: number, equalNan?: boolean): Tensor { return EM.isclose(this, other, rtol, atol, equalNan); },
  rot90(k?: number, dims?: number[]): Tensor { return ST.rot90(this, k, dims); },
  diagflat(offset?: number): Tensor { return ST.diagflat(this, offset); },

  // ---- reductions ------------------------------------------------------------------------------------------------
  amax(dim?: number | number[] | null, keepdim?: boolean): Tensor { return R.amax(this, dim, keepdim); },
  amin(dim?: number | number[] | null, keepdim?: boolean): Tensor { return R.amin(this, dim, keepdim); },
  aminmax(dim?: number | null, keepdim?: boolean): R.MinMax { return R.aminmax(this, dim, keepdim); },
  nansum(dim?: number | number[] | null, keepdim?: boolean, dtype?: DType | null): Tensor { return R.nansum(this, dim, keepdim, dtype); },
  nanmean(dim?: number | number[] | null, keepdim?: boolean, dtype?: DType | null): Tensor { return R.nanmean(this, dim, keepdim, dtype); },
  countNonzero(dim?: number | number[] | null): Tensor { return R.countNonzero(this, dim); },

  // ---- products ----------------------------------------------------------------------------------------------------
  addmm(mat1: Tensor, mat2: Tensor, beta?: number, alpha?: number): Tensor { return LP.addmm(this, mat1, mat2, beta, alpha); },
  addmm_(mat1: Tensor, mat2: Tensor, beta?: number, alpha?: number): Tensor { return inplaceMath('addmm_', this, (x) => LP.addmm(x, mat1, mat2, beta, alpha)); },
  addmv(mat: Tensor, vec: Tensor, beta?: number, alpha?: number): Tensor { return LP.addmv(this, mat, vec, beta, alpha); },
  addmv_(mat: Tensor, vec: Tensor, beta?: number, alpha?: number): Tensor { return inplaceMath('addmv_', this, (x) => LP.addmv(x, mat, vec, beta, alpha)); },
  addr(vec1: Tensor, vec2: Tensor, beta?: number, alpha?: number): Tensor { return LP.addr(this, vec1, vec2, beta, alpha); },
  addr_(vec1: Tensor, vec2: Tensor, beta?: number, alpha?: number): Tensor { return inplaceMath('addr_', this, (x) => LP.addr(x, vec1, vec2, beta, alpha)); },
  baddbmm(batch1: Tensor, batch2: Tensor, beta?: number, alpha?: number): Tensor { return LP.baddbmm(this, batch1, batch2, beta, alpha); },
  baddbmm_(batch1: Tensor, batch2: Tensor, beta?: number, alpha?: number): Tensor { return inplaceMath('baddbmm_', this, (x) => LP.baddbmm(x, batch1, batch2, beta, alpha)); },
  addbmm(batch1: Tensor, batch2: Tensor, beta?: number, alpha?: number): Tensor { return LP.addbmm(this, batch1, batch2, beta, alpha); },
  addbmm_(batch1: Tensor, batch2: Tensor, beta?: number, alpha?: number): Tensor { return inplaceMath('addbmm_', this, (x) => LP.addbmm(x, batch1, batch2, beta, alpha)); },
  vdot(other: Tensor): Tensor { return LP.vdot(this, other); },
  inner(other: Tensor): Tensor { return LP.inner(this, other); },
  kron(other: Tensor): Tensor { return LP.kron(this, other); },
  cross(other: Tensor, dim?: number | null): Tensor { return LP.cross(this, other, dim); },
  trace(): Tensor { return LP.trace(this); },

  // ---- joining and views ---------------------------------------------------------------------------------------------
  broadcastTo(size: number[]): Tensor { return J.broadcastTo(this, size); },
  ravel(): Tensor { return J.ravel(this); },
  unflatten(dim: number, sizes: number[]): Tensor { return J.unflatten(this, dim, sizes); },
  tensorSplit(tensorIndicesOrSections?: number | number[] | Tensor, dim?: number, sections?: number, indices?: number[]): Tensor[] { return J.tensorSplit(this, tensorIndicesOrSections, dim, sections, indices); },
  hsplit(sections?: number | number[], indices?: number[]): Tensor[] { return J.hsplit(this, sections, indices); },
  vsplit(sections?: number | number[], indices?: number[]): Tensor[] { return J.vsplit(this, sections, indices); },
  dsplit(sections?: number | number[], indices?: number[]): Tensor[] { return J.dsplit(this, sections, indices); },
  reshapeAs(other: Tensor): Tensor { checkTensor('reshapeAs', other, 'other'); return S.reshape(this, other.shape.slice()); },
  viewAs(other: Tensor): Tensor { checkTensor('viewAs', other, 'other'); return S.view(this, other.shape.slice()); },
  typeAs(other: Tensor): Tensor { checkTensor('typeAs', other, 'other'); return C.to(this, other.dtype); },

  // ---- predicates and factories ------------------------------------------------------------------------------------
  isFloatingPoint(): boolean { return isFloat(this.dtype); },
  isSigned(): boolean { return this.dtype !== 'bool'; },
  isNonzero(): boolean {
    checkTensor('isNonzero', this);
    if (this.numel() !== 1) throw rangeError('isNonzero', `Boolean value of Tensor with ${this.numel() === 0 ? 'no values' : 'more than one value'} is ambiguous (shape ${fmtShape(this.shape)})`);
    return Number(this.item()) !== 0;
  },
  isSameSize(other: Tensor): boolean { checkTensor('isSameSize', other, 'other'); return this.shape.length === other.shape.length && this.shape.every((s, i) => s === other.shape[i]); },
  nelement(): number { return this.numel(); },
  ndimension(): number { return this.ndim; },
  newZeros(size: number[], dtype?: DType, requiresGrad?: boolean): Tensor { return C.zeros(size, newOptions(this, dtype, requiresGrad)); },
  newOnes(size: number[], dtype?: DType, requiresGrad?: boolean): Tensor { return C.ones(size, newOptions(this, dtype, requiresGrad)); },
  newEmpty(size: number[], dtype?: DType, requiresGrad?: boolean): Tensor { return C.empty(size, newOptions(this, dtype, requiresGrad)); },
  newFull(size: number[], fillValue: number | boolean, dtype?: DType, requiresGrad?: boolean): Tensor {
    return C.full(size, fillValue, newOptions(this, dtype, requiresGrad));
  },
  newTensor(data: unknown, dtype?: DType | null, requiresGrad?: boolean): Tensor {
    return C.tensor(data as never, newOptions(this, dtype ?? undefined, requiresGrad));
  },
};

// Errors of an alias name the alias (x.multiply's say "multiply: ...", not "mul: ...").
const ALIASED: Record<string, string[]> = {
  absolute: ['abs'], absolute_: ['abs_', 'abs'], arccos: ['acos'], arccos_: ['acos_', 'acos'], arccosh: ['acosh'], arccosh_: ['acosh_', 'acosh'],
  arcsin: ['asin'], arcsin_: ['asin_', 'asin'], arcsinh: ['asinh'], arcsinh_: ['asinh_', 'asinh'], arctan: ['atan'], arctan_: ['atan_', 'atan'],
  arctanh: ['atanh'], arctanh_: ['atanh_', 'atanh'], arctan2: ['atan2'], arctan2_: ['atan2_', 'atan2'], multiply: ['mul'], multiply_: ['mul_', 'mul'],
  divide: ['div'], divide_: ['div_', 'div'], subtract: ['sub'], subtract_: ['sub_', 'sub'], trueDivide: ['div'], trueDivide_: ['div_', 'div'],
  greater: ['gt'], greaterEqual: ['ge'], less: ['lt'], lessEqual: ['le'], notEqual: ['ne'], negative: ['neg'], negative_: ['neg_', 'neg'],
  clip: ['clamp'], clip_: ['clamp_', 'clamp'], fix: ['trunc'], fix_: ['trunc_', 'trunc'], ger: ['outer'], newZeros: ['zeros'], newOnes: ['ones'],
  newEmpty: ['empty'], newFull: ['full'], newTensor: ['tensor'], reshapeAs: ['reshape'], viewAs: ['view'], typeAs: ['to'],
  broadcastTo: ['expand'], ravel: ['view', 'clone'], unflatten: ['view'], nansum: ['sum', 'to'], nanmean: ['sum', 'div', 'nansum'],
  countNonzero: ['sum', 'ne'], vdot: ['dot'], diagflat: ['diag', 'reshape'], hsplit: ['tensorSplit'], vsplit: ['tensorSplit'],
  dsplit: ['tensorSplit'], inner: ['tensordot', 'mul', 'mm'], clampMin: ['clamp'], clampMax: ['clamp'],
};
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods))) {
  const value = ALIASED[name] ? underName(name, ALIASED[name], desc.value) : desc.value;
  Object.defineProperty(Tensor.prototype, name, { ...desc, value, enumerable: false });
}

const unary = '';
const scaled = (a: string, b: string): string => `${a}, ${b}, beta, alpha`;
kwMethods(Tensor.prototype, 'Tensor', {
  absolute: unary, absolute_: unary, arccos: unary, arccos_: unary, arccosh: unary, arccosh_: unary, arcsin: unary,
  arcsin_: unary, arcsinh: unary, arcsinh_: unary, arctan: unary, arctan_: unary, arctanh: unary, arctanh_: unary,
  arctan2: 'other', arctan2_: 'other', multiply: 'other', multiply_: 'other', divide: 'other, roundingMode', divide_: 'other, roundingMode',
  subtract: 'other, alpha', subtract_: 'other, alpha', trueDivide: 'other', trueDivide_: 'other', greater: 'other',
  greaterEqual: 'other', less: 'other', lessEqual: 'other', notEqual: 'other', negative: unary, negative_: unary,
  positive: unary, clip: 'min, max', clip_: 'min, max', fix: unary, fix_: unary, ger: 'vec2',
  erf: unary, erf_: unary, logaddexp: 'other', logaddexp2: 'other', logit: 'eps', logit_: 'eps', sgn: unary, sgn_: unary,
  clampMin: 'min', clampMin_: 'min', clampMax: 'max', clampMax_: 'max', fmax: 'other', fmin: 'other', copysign: 'other',
  copysign_: 'other', isclose: 'other, rtol, atol, equalNan', rot90: 'k, dims', diagflat: 'offset',
  amax: 'dim, keepdim', amin: 'dim, keepdim', aminmax: 'dim, keepdim', nansum: 'dim, keepdim, dtype', nanmean: 'dim, keepdim, dtype',
  countNonzero: 'dim',
  addmm: scaled('mat1', 'mat2'), addmm_: scaled('mat1', 'mat2'), addmv: scaled('mat', 'vec'), addmv_: scaled('mat', 'vec'),
  addr: scaled('vec1', 'vec2'), addr_: scaled('vec1', 'vec2'), baddbmm: scaled('batch1', 'batch2'), baddbmm_: scaled('batch1', 'batch2'),
  addbmm: scaled('batch1', 'batch2'), addbmm_: scaled('batch1', 'batch2'), vdot: 'other', inner: 'other', kron: 'other',
  cross: 'other, dim', trace: unary,
  broadcastTo: 'size', ravel: unary, unflatten: 'dim, sizes', tensorSplit: 'tensorIndicesOrSections, dim, sections, indices',
  hsplit: 'sections, indices', vsplit: 'sections, indices', dsplit: 'sections, indices', reshapeAs: 'other', viewAs: 'other',
  typeAs: 'other', isFloatingPoint: unary, isSigned: unary, isNonzero: unary, isSameSize: 'other', nelement: unary,
  ndimension: unary, newZeros: '...size, dtype, requiresGrad', newOnes: '...size, dtype, requiresGrad',
  newEmpty: '...size, dtype, requiresGrad', newFull: 'size, fillValue, dtype, requiresGrad', newTensor: 'data, dtype, requiresGrad',
});
