// The Tensor methods of issue 15's ops (lib/ops/elementwise_math.ts, cumulative.ts, sorting.ts) and the in-place
// forms (`x.exp_()`, ...) of the elementwise ops, declared on the Tensor interface in tensor.ts (Note [Tensor
// methods] there).
import { Tensor, type TensorLike } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import { isFloat, isInt } from '../dtype.js';
import { typeError, fmtShape } from '../errors.js';
import { gradMode } from '../autograd/record.js';
import * as E from './elementwise.js';
import * as EM from './elementwise_math.js';
import { clone } from './creation.js';
import * as CU from './cumulative.js';
import * as SO from './sorting.js';
import type { DType } from '../dtype.js';
import { inplaceFrom } from './inplace.js';

/** In-place forms whose op saves no `self` for backward (nothing, or its result): they need no copy of x. */
const SAVES_NO_SELF = new Set(['exp_', 'sqrt_', 'rsqrt_', 'neg_', 'sigmoid_', 'tanh_', 'relu_', 'reciprocal_', 'sign_',
  'tan_', 'expm1_', 'exp2_', 'erfinv_', 'floor_', 'ceil_', 'round_', 'trunc_', 'frac_', 'deg2rad_', 'rad2deg_', 'cumsum_']);

/**
 * x.op_(...): op(x, ...) written into x (inplaceFrom). When a graph is recorded and the op's node saves self,
 * the op sees a copy of x (the write bumps x's version; PyTorch saves `original_self` the same way). A result
 * x's dtype cannot hold (exp_ of an int32 tensor) is PyTorch's TypeError, before x changes.
 */
export function inplaceMath(op: string, x: Tensor, f: (x: Tensor) => Tensor): Tensor {
  return inplaceFrom(op, x, () => {
    const r = f(gradMode.enabled && x.requiresGrad && !SAVES_NO_SELF.has(op) ? clone(x) : x);
    const ok = r.dtype === x.dtype || isFloat(x.dtype) || (isInt(x.dtype) && !isFloat(r.dtype));
    if (!ok) throw typeError(op, `result type ${r.dtype} can't be cast to the desired output type ${x.dtype} (shape ${fmtShape(x.shape)})`);
    return r;
  });
}

const methods: ThisType<Tensor> = {
  sinh(): Tensor { return EM.sinh(this); },
  cosh(): Tensor { return EM.cosh(this); },
  tan(): Tensor { return EM.tan(this); },
  asin(): Tensor { return EM.asin(this); },
  acos(): Tensor { return EM.acos(this); },
  atan(): Tensor { return EM.atan(this); },
  asinh(): Tensor { return EM.asinh(this); },
  acosh(): Tensor { return EM.acosh(this); },
  atanh(): Tensor { return EM.atanh(this); },
  log2(): Tensor { return EM.log2(this); },
  log10(): Tensor { return EM.log10(this); },
  log1p(): Tensor { return EM.log1p(this); },
  expm1(): Tensor { return EM.expm1(this); },
  exp2(): Tensor { return EM.exp2(this); },
  erfc(): Tensor { return EM.erfc(this); },
  erfinv(): Tensor { return EM.erfinv(this); },
  lgamma(): Tensor { return EM.lgamma(this); },
  digamma(): Tensor { return EM.digamma(this); },
  floor(): Tensor { return EM.floor(this); },
  ceil(): Tensor { return EM.ceil(this); },
  trunc(): Tensor { return EM.trunc(this); },
  frac(): Tensor { return EM.frac(this); },
  sinc(): Tensor { return EM.sinc(this); },
  deg2rad(): Tensor { return EM.deg2rad(this); },
  rad2deg(): Tensor { return EM.rad2deg(this); },
  isnan(): Tensor { return EM.isnan(this); },
  isinf(): Tensor { return EM.isinf(this); },
  isfinite(): Tensor { return EM.isfinite(this); },
  bitwiseNot(): Tensor { return EM.bitwiseNot(this); },
  polygamma(n: number): Tensor { return EM.polygamma(n, this); },
  round(decimals?: number | { decimals?: number }): Tensor { return EM.round(this, decimals); },
  nanToNum(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): Tensor { return EM.nanToNum(this, nan, posinf, neginf); },
  atan2(other: TensorLike): Tensor { return EM.atan2(this, other); },
  hypot(other: TensorLike): Tensor { return EM.hypot(this, other); },
  fmod(other: TensorLike): Tensor { return EM.fmod(this, other); },
  remainder(other: TensorLike): Tensor { return EM.remainder(this, other); },
  xlogy(other: TensorLike): Tensor { return EM.xlogy(this, other); },
  logicalAnd(other: TensorLike): Tensor { return EM.logicalAnd(this, other); },
  logicalOr(other: TensorLike): Tensor { return EM.logicalOr(this, other); },
  logicalXor(other: TensorLike): Tensor { return EM.logicalXor(this, other); },
  bitwiseAnd(other: TensorLike): Tensor { return EM.bitwiseAnd(this, other); },
  bitwiseOr(other: TensorLike): Tensor { return EM.bitwiseOr(this, other); },
  bitwiseXor(other: TensorLike): Tensor { return EM.bitwiseXor(this, other); },
  lerp(end: TensorLike, weight: TensorLike): Tensor { return EM.lerp(this, end, weight); },
  addcmul(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor { return EM.addcmul(this, tensor1, tensor2, value); },
  addcdiv(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor { return EM.addcdiv(this, tensor1, tensor2, value); },
  // ---- scans and sorting ------------------------------------------------------------------------------------
  cumsum(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor { return CU.cumsum(this, dim, dtype); },
  cumprod(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor { return CU.cumprod(this, dim, dtype); },
  cummax(dim: number | { dim: number }): CU.ValuesIndices { return CU.cummax(this, dim); },
  cummin(dim: number | { dim: number }): CU.ValuesIndices { return CU.cummin(this, dim); },
  logcumsumexp(dim: number | { dim: number }): Tensor { return CU.logcumsumexp(this, dim); },
  diff(n?: number | CU.DiffOptions, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor { return CU.diff(this, n, dim, prepend, append); },
  sort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): CU.ValuesIndices { return SO.sort(this, dim, descending, stable); },
  argsort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): Tensor { return SO.argsort(this, dim, descending, stable); },
  msort(): Tensor { return SO.msort(this); },
  topk(k: number | SO.TopkOptions, dim?: number, largest?: boolean, sorted?: boolean): CU.ValuesIndices { return SO.topk(this, k, dim, largest, sorted); },
  kthvalue(k: number | SO.KthOptions, dim?: number, keepdim?: boolean): CU.ValuesIndices { return SO.kthvalue(this, k, dim, keepdim); },
  median(dim?: number | SO.DimKeepOptions | null, keepdim?: boolean): Tensor | CU.ValuesIndices { return dim === undefined || dim === null ? SO.median(this) : SO.median(this, dim, keepdim); },
  mode(dim?: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices { return SO.mode(this, dim, keepdim); },
  // ---- in place --------------------------------------------------------------------------------------------
  cumsum_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor { return inplaceMath('cumsum_', this, (x) => CU.cumsum(x, dim, dtype)); },
  cumprod_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor { return inplaceMath('cumprod_', this, (x) => CU.cumprod(x, dim, dtype)); },
  exp_(): Tensor { return inplaceMath('exp_', this, (x) => E.exp(x)); },
  log_(): Tensor { return inplaceMath('log_', this, (x) => E.log(x)); },
  sqrt_(): Tensor { return inplaceMath('sqrt_', this, (x) => E.sqrt(x)); },
  rsqrt_(): Tensor { return inplaceMath('rsqrt_', this, (x) => E.rsqrt(x)); },
  abs_(): Tensor { return inplaceMath('abs_', this, (x) => E.abs(x)); },
  neg_(): Tensor { return inplaceMath('neg_', this, (x) => E.neg(x)); },
  sigmoid_(): Tensor { return inplaceMath('sigmoid_', this, (x) => E.sigmoid(x)); },
  tanh_(): Tensor { return inplaceMath('tanh_', this, (x) => E.tanh(x)); },
  relu_(): Tensor { return inplaceMath('relu_', this, (x) => E.relu(x)); },
  sin_(): Tensor { return inplaceMath('sin_', this, (x) => E.sin(x)); },
  cos_(): Tensor { return inplaceMath('cos_', this, (x) => E.cos(x)); },
  reciprocal_(): Tensor { return inplaceMath('reciprocal_', this, (x) => E.reciprocal(x)); },
  sign_(): Tensor { return inplaceMath('sign_', this, (x) => E.sign(x)); },
  square_(): Tensor { return inplaceMath('square_', this, (x) => E.square(x)); },
  logicalNot_(): Tensor { return inplaceMath('logicalNot_', this, (x) => E.logicalNot(x)); },
  pow_(exponent: TensorLike): Tensor { return inplaceMath('pow_', this, (x) => E.pow(x, exponent)); },
  sinh_(): Tensor { return inplaceMath('sinh_', this, (x) => EM.sinh(x)); },
  cosh_(): Tensor { return inplaceMath('cosh_', this, (x) => EM.cosh(x)); },
  tan_(): Tensor { return inplaceMath('tan_', this, (x) => EM.tan(x)); },
  asin_(): Tensor { return inplaceMath('asin_', this, (x) => EM.asin(x)); },
  acos_(): Tensor { return inplaceMath('acos_', this, (x) => EM.acos(x)); },
  atan_(): Tensor { return inplaceMath('atan_', this, (x) => EM.atan(x)); },
  asinh_(): Tensor { return inplaceMath('asinh_', this, (x) => EM.asinh(x)); },
  acosh_(): Tensor { return inplaceMath('acosh_', this, (x) => EM.acosh(x)); },
  atanh_(): Tensor { return inplaceMath('atanh_', this, (x) => EM.atanh(x)); },
  log2_(): Tensor { return inplaceMath('log2_', this, (x) => EM.log2(x)); },
  log10_(): Tensor { return inplaceMath('log10_', this, (x) => EM.log10(x)); },
  log1p_(): Tensor { return inplaceMath('log1p_', this, (x) => EM.log1p(x)); },
  expm1_(): Tensor { return inplaceMath('expm1_', this, (x) => EM.expm1(x)); },
  exp2_(): Tensor { return inplaceMath('exp2_', this, (x) => EM.exp2(x)); },
  erfc_(): Tensor { return inplaceMath('erfc_', this, (x) => EM.erfc(x)); },
  erfinv_(): Tensor { return inplaceMath('erfinv_', this, (x) => EM.erfinv(x)); },
  lgamma_(): Tensor { return inplaceMath('lgamma_', this, (x) => EM.lgamma(x)); },
  digamma_(): Tensor { return inplaceMath('digamma_', this, (x) => EM.digamma(x)); },
  floor_(): Tensor { return inplaceMath('floor_', this, (x) => EM.floor(x)); },
  ceil_(): Tensor { return inplaceMath('ceil_', this, (x) => EM.ceil(x)); },
  trunc_(): Tensor { return inplaceMath('trunc_', this, (x) => EM.trunc(x)); },
  frac_(): Tensor { return inplaceMath('frac_', this, (x) => EM.frac(x)); },
  sinc_(): Tensor { return inplaceMath('sinc_', this, (x) => EM.sinc(x)); },
  deg2rad_(): Tensor { return inplaceMath('deg2rad_', this, (x) => EM.deg2rad(x)); },
  rad2deg_(): Tensor { return inplaceMath('rad2deg_', this, (x) => EM.rad2deg(x)); },
  bitwiseNot_(): Tensor { return inplaceMath('bitwiseNot_', this, (x) => EM.bitwiseNot(x)); },
  polygamma_(n: number): Tensor { return inplaceMath('polygamma_', this, (x) => EM.polygamma(n, this)); },
  round_(decimals?: number | { decimals?: number }): Tensor { return inplaceMath('round_', this, (x) => EM.round(x, decimals)); },
  nanToNum_(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): Tensor { return inplaceMath('nanToNum_', this, (x) => EM.nanToNum(x, nan, posinf, neginf)); },
  atan2_(other: TensorLike): Tensor { return inplaceMath('atan2_', this, (x) => EM.atan2(x, other)); },
  hypot_(other: TensorLike): Tensor { return inplaceMath('hypot_', this, (x) => EM.hypot(x, other)); },
  fmod_(other: TensorLike): Tensor { return inplaceMath('fmod_', this, (x) => EM.fmod(x, other)); },
  remainder_(other: TensorLike): Tensor { return inplaceMath('remainder_', this, (x) => EM.remainder(x, other)); },
  xlogy_(other: TensorLike): Tensor { return inplaceMath('xlogy_', this, (x) => EM.xlogy(x, other)); },
  logicalAnd_(other: TensorLike): Tensor { return inplaceMath('logicalAnd_', this, (x) => EM.logicalAnd(x, other)); },
  logicalOr_(other: TensorLike): Tensor { return inplaceMath('logicalOr_', this, (x) => EM.logicalOr(x, other)); },
  logicalXor_(other: TensorLike): Tensor { return inplaceMath('logicalXor_', this, (x) => EM.logicalXor(x, other)); },
  bitwiseAnd_(other: TensorLike): Tensor { return inplaceMath('bitwiseAnd_', this, (x) => EM.bitwiseAnd(x, other)); },
  bitwiseOr_(other: TensorLike): Tensor { return inplaceMath('bitwiseOr_', this, (x) => EM.bitwiseOr(x, other)); },
  bitwiseXor_(other: TensorLike): Tensor { return inplaceMath('bitwiseXor_', this, (x) => EM.bitwiseXor(x, other)); },
  lerp_(end: TensorLike, weight: TensorLike): Tensor { return inplaceMath('lerp_', this, (x) => EM.lerp(x, end, weight)); },
  addcmul_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor { return inplaceMath('addcmul_', this, (x) => EM.addcmul(x, tensor1, tensor2, value)); },
  addcdiv_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor { return inplaceMath('addcdiv_', this, (x) => EM.addcdiv(x, tensor1, tensor2, value)); },
};

for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods)))
  Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

const unary = '';
kwMethods(Tensor.prototype, 'Tensor', {
  cumsum: 'dim, dtype', cumprod: 'dim, dtype', cummax: 'dim', cummin: 'dim', logcumsumexp: 'dim', diff: 'n, dim, prepend, append',
  sort: 'dim, descending, stable', argsort: 'dim, descending, stable', msort: unary, topk: 'k, dim, largest, sorted',
  kthvalue: 'k, dim, keepdim', median: 'dim, keepdim', mode: 'dim, keepdim', cumsum_: 'dim, dtype', cumprod_: 'dim, dtype',
  sinh: unary, cosh: unary, tan: unary, asin: unary, acos: unary, atan: unary, asinh: unary, acosh: unary,
  atanh: unary, log2: unary, log10: unary, log1p: unary, expm1: unary, exp2: unary, erfc: unary, erfinv: unary,
  lgamma: unary, digamma: unary, floor: unary, ceil: unary, trunc: unary, frac: unary, sinc: unary, deg2rad: unary,
  rad2deg: unary, isnan: unary, isinf: unary, isfinite: unary, bitwiseNot: unary, polygamma: 'n', round: 'decimals',
  nanToNum: 'nan, posinf, neginf', atan2: 'other', hypot: 'other', fmod: 'other', remainder: 'other', xlogy: 'other',
  logicalAnd: 'other', logicalOr: 'other', logicalXor: 'other', bitwiseAnd: 'other', bitwiseOr: 'other',
  bitwiseXor: 'other', lerp: 'end, weight', addcmul: 'tensor1, tensor2, value', addcdiv: 'tensor1, tensor2, value',
  exp_: unary, log_: unary, sqrt_: unary, rsqrt_: unary, abs_: unary, neg_: unary, sigmoid_: unary, tanh_: unary,
  relu_: unary, sin_: unary, cos_: unary, reciprocal_: unary, sign_: unary, square_: unary, logicalNot_: unary,
  pow_: 'exponent', sinh_: unary, cosh_: unary, tan_: unary, asin_: unary, acos_: unary, atan_: unary, asinh_: unary,
  acosh_: unary, atanh_: unary, log2_: unary, log10_: unary, log1p_: unary, expm1_: unary, exp2_: unary,
  erfc_: unary, erfinv_: unary, lgamma_: unary, digamma_: unary, floor_: unary, ceil_: unary, trunc_: unary,
  frac_: unary, sinc_: unary, deg2rad_: unary, rad2deg_: unary, bitwiseNot_: unary, polygamma_: 'n',
  round_: 'decimals', nanToNum_: 'nan, posinf, neginf', atan2_: 'other', hypot_: 'other', fmod_: 'other',
  remainder_: 'other', xlogy_: 'other', logicalAnd_: 'other', logicalOr_: 'other', logicalXor_: 'other',
  bitwiseAnd_: 'other', bitwiseOr_: 'other', bitwiseXor_: 'other', lerp_: 'end, weight',
  addcmul_: 'tensor1, tensor2, value', addcdiv_: 'tensor1, tensor2, value'
});
