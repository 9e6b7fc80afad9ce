// Elementwise math beyond the core of elementwise.ts: hyperbolic and inverse trig, log/exp variants, rounding,
// special functions, two-operand math (atan2, hypot, fmod, remainder, xlogy, lerp, addcmul, addcdiv), logical
// and bitwise ops, and the float predicates. Validate -> promote -> native kernel -> record node.
import { Tensor, TensorLike, checkTensor } from '../tensor.js';
import { native, BinaryOp, UnaryOp } from '../native.js';
import { DType, isFloat, promoteTypes, promoteScalar } from '../dtype.js';
import { outData } from '../storage.js';
import { broadcastShapes, numelOf } from '../shape.js';
import { typeError, rangeError, describe, disposedError, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { wrap, to, full, clone } from './creation.js';
import * as E from './elementwise.js';

type Scalar = number | boolean;
const isScalar = (x: unknown): x is Scalar => typeof x === 'number' || typeof x === 'boolean';

function checkOperand(op: string, x: unknown, name: string): void {
  if (!(x instanceof Tensor) && !isScalar(x)) throw typeError(op, `expected ${name} to be a Tensor or a number, got ${describe(x)}`);
  if (x instanceof Tensor && x.isDisposed) throw disposedError(op, x.shape);
}

/** x in dtype dt without recording a node (the op records its own), a number as a 0-d tensor. */
function operandAs(x: TensorLike, dt: DType): Tensor {
  if (!(x instanceof Tensor)) return full([], Number(x), { dtype: dt });
  return x.dtype === dt ? x : noGrad(() => to(x, dt));
}

/** The promoted dtype of a and b (a number takes the tensor's category, as PyTorch's wrapped numbers). */
function promoted(op: string, a: TensorLike, b: TensorLike): DType {
  if (a instanceof Tensor && b instanceof Tensor) return promoteTypes(a.dtype, a.ndim, b.dtype, b.ndim);
  if (a instanceof Tensor) return promoteScalar(a.dtype, b as Scalar);
  if (b instanceof Tensor) return promoteScalar(b.dtype, a as Scalar);
  throw typeError(op, `expected at least one Tensor operand, got ${describe(a)} and ${describe(b)}`);
}

/**
 * A native binary kernel over a and b broadcast together, computed in `dt` with an `outDt` result. Numbers
 * become 0-d operands of dt, so one kernel serves tensor OP number and number OP tensor.
 */
function binaryIn(op: string, code: BinaryOp, a: TensorLike, b: TensorLike, dt: DType, outDt: DType = dt): Tensor {
  const x = operandAs(a, dt), y = operandAs(b, dt);
  const shape = broadcastShapes(op, x.shape, y.shape);
  return wrap(native.binary(code, x._data, y._data, x.shape, y.shape, shape, outData(outDt, numelOf(shape))), shape, outDt);
}

/** The shapes of two operands for messages (a number shows as []). */
const shapesOf = (a: TensorLike, b: TensorLike): string => `${fmtShape(a instanceof Tensor ? a.shape : [])} and ${fmtShape(b instanceof Tensor ? b.shape : [])}`;

function checkPair(op: string, a: TensorLike, b: TensorLike): void {
  checkOperand(op, a, 'input');
  checkOperand(op, b, 'other');
}

const asT = (x: TensorLike): Tensor | null => (x instanceof Tensor ? x : null);
const floatOf = (d: DType): DType => (isFloat(d) ? d : 'float32');

// ---- unary float math ------------------------------------------------------------------------------------------
/** A float unary kernel; integer and bool inputs compute in float32 (PyTorch's int-to-float promotion). */
function unaryFloat(op: string, code: UnaryOp, x: Tensor): Tensor {
  checkTensor(op, x);
  const src = isFloat(x.dtype) ? x : noGrad(() => to(x, 'float32'));
  return wrap(native.unary(code, src._data, outData(src.dtype, src._data.length)), x.shape.slice(), src.dtype);
}

/** A row saving `self`, for f(x) whose derivative reads x. */
function savingSelf(row: 'sinh' | 'cosh' | 'asin' | 'acos' | 'atan' | 'asinh' | 'acosh' | 'atanh' | 'log2' | 'log10' | 'log1p' | 'erfc' | 'lgamma' | 'digamma', code: UnaryOp) {
  return (x: Tensor): Tensor => record(row, [x], unaryFloat(row, code, x), () => ({ self: x }));
}
/** A row saving the result, for f(x) whose derivative reads f(x). */
function savingResult(row: 'tan' | 'expm1' | 'exp2' | 'erfinv', code: UnaryOp) {
  return (x: Tensor): Tensor => {
    const out = unaryFloat(row, code, x);
    return record(row, [x], out, () => ({ result: out }));
  };
}

/** Hyperbolic sine. @example tg.sinh(x) */
export const sinh = savingSelf('sinh', UnaryOp.sinh);
/** Hyperbolic cosine. @example x.cosh() */
export const cosh = savingSelf('cosh', UnaryOp.cosh);
/** Tangent. @example x.tan() */
export const tan = savingResult('tan', UnaryOp.tan);
/** Arcsine (NaN outside [-1, 1]). @example x.asin() */
export const asin = savingSelf('asin', UnaryOp.asin);
/** Arccosine (NaN outside [-1, 1]). @example x.acos() */
export const acos = savingSelf('acos', UnaryOp.acos);
/** Arctangent. @example x.atan() */
export const atan = savingSelf('atan', UnaryOp.atan);
/** Inverse hyperbolic sine. @example x.asinh() */
export const asinh = savingSelf('asinh', UnaryOp.asinh);
/** Inverse hyperbolic cosine (NaN below 1). @example x.acosh() */
export const acosh = savingSelf('acosh', UnaryOp.acosh);
/** Inverse hyperbolic tangent. @example x.atanh() */
export const atanh = savingSelf('atanh', UnaryOp.atanh);
/** Base-2 logarithm. @example x.log2() */
export const log2 = savingSelf('log2', UnaryOp.log2);
/** Base-10 logarithm. @example x.log10() */
export const log10 = savingSelf('log10', UnaryOp.log10);
/** log(1 + x), accurate for tiny x (log1p(1e-10) = 1e-10, not log(1 + 1e-10)). @example x.log1p() */
export const log1p = savingSelf('log1p', UnaryOp.log1p);
/** exp(x) - 1, accurate for tiny x. @example x.expm1() */
export const expm1 = savingResult('expm1', UnaryOp.expm1);
/** 2 ** x. @example x.exp2() */
export const exp2 = savingResult('exp2', UnaryOp.exp2);
/** Complementary error function 1 - erf(x), accurate where erf(x) is near 1. @example x.erfc() */
export const erfc = savingSelf('erfc', UnaryOp.erfc);
/** Inverse error function on [-1, 1] (±inf at ±1). @example x.erfinv() */
export const erfinv = savingResult('erfinv', UnaryOp.erfinv);
/** log |Gamma(x)|. @example x.lgamma() */
export const lgamma = savingSelf('lgamma', UnaryOp.lgamma);
/** Digamma (psi), the derivative of lgamma. @example x.digamma() */
export const digamma = savingSelf('digamma', UnaryOp.digamma);

/** The n-th derivative of digamma (n = 0 is digamma itself). @example tg.polygamma(1, x) */
export function polygamma(n: number, x: Tensor): Tensor {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw typeError('polygamma', `n must be a non-negative integer, got ${describe(n)}`);
  checkTensor('polygamma', x);
  const src = isFloat(x.dtype) ? x : noGrad(() => to(x, 'float32'));
  const out = wrap(native.binaryScalar(BinaryOp.polygamma, src._data, n, outData(src.dtype, src._data.length)), x.shape.slice(), src.dtype);
  return record('polygamma', [null, x], out, () => ({ n, self: x }));
}

// ---- rounding ---------------------------------------------------------------------------------------------------
/** floor/ceil/round/trunc: float kernels; integers come back as a copy (PyTorch), bool is a TypeError. */
function rounding(op: 'floor' | 'ceil' | 'round' | 'trunc', code: UnaryOp, x: Tensor): Tensor {
  checkTensor(op, x);
  if (x.dtype === 'bool') throw typeError(op, `not implemented for bool tensors (shape ${fmtShape(x.shape)})`);
  if (!isFloat(x.dtype)) return clone(x);
  return record(op, [x], wrap(native.unary(code, x._data, outData(x.dtype, x._data.length)), x.shape.slice(), x.dtype));
}
/** Rounds down. @example x.floor() */
export const floor = (x: Tensor): Tensor => rounding('floor', UnaryOp.floor, x);
/** Rounds up. @example x.ceil() */
export const ceil = (x: Tensor): Tensor => rounding('ceil', UnaryOp.ceil, x);
/** Rounds toward zero. @example x.trunc() */
export const trunc = (x: Tensor): Tensor => rounding('trunc', UnaryOp.trunc, x);

/**
 * Rounds half to even, or to `decimals` places as PyTorch: nearbyint(x * 10^d) / 10^d in x's dtype (for
 * d < 0, nearbyint(x / 10^-d) * 10^-d). @example x.round(), tg.round(x, { decimals: 2 })
 */
export function round(x: Tensor, decimals?: number | { decimals?: number }): Tensor {
  const d = typeof decimals === 'object' && decimals !== null ? decimals.decimals ?? 0 : decimals ?? 0;
  if (typeof d !== 'number' || !Number.isInteger(d)) throw typeError('round', `decimals must be an integer, got ${describe(d)}`);
  if (d === 0) return rounding('round', UnaryOp.round, x);
  checkTensor('round', x);
  if (!isFloat(x.dtype)) throw typeError('round', `round with decimals is not implemented for ${x.dtype} tensors (shape ${fmtShape(x.shape)})`);
  const ten = 10 ** Math.abs(d);
  const out = noGrad(() => {
    const scaled = d > 0 ? E.mul(x, ten) : E.div(x, ten);
    const n = wrap(native.unary(UnaryOp.round, scaled._data, outData(x.dtype, scaled._data.length)), x.shape.slice(), x.dtype);
    return d > 0 ? E.div(n, ten) : E.mul(n, ten);
  });
  return record('roundDecimals', [x], out);
}

/** x - trunc(x), the signed fractional part. @example x.frac() */
export function frac(x: Tensor): Tensor {
  checkTensor('frac', x);
  if (!isFloat(x.dtype)) throw typeError('frac', `not implemented for ${x.dtype} tensors (shape ${fmtShape(x.shape)})`);
  const out = noGrad(() => E.sub(x, trunc(x)));
  return record('frac', [x], out);
}

// ---- composites with their own node -----------------------------------------------------------------------------
/** sin(pi x) / (pi x), 1 at 0 (computed as PyTorch: pi rounded to x's dtype first). @example x.sinc() */
export function sinc(x: Tensor): Tensor {
  checkTensor('sinc', x);
  const xf = operandAs(x, floatOf(x.dtype));
  const out = noGrad(() => {
    const px = E.mul(xf, Math.PI);
    return E.where(E.eq(xf, 0), 1, E.div(E.sin(px), px));
  });
  return record('sinc', [x], out, () => ({ self: x }));
}

/** Degrees to radians, x * (pi / 180). @example x.deg2rad() */
export function deg2rad(x: Tensor): Tensor {
  checkTensor('deg2rad', x);
  return record('deg2rad', [x], noGrad(() => E.mul(operandAs(x, floatOf(x.dtype)), Math.PI / 180)));
}
/** Radians to degrees, x * (180 / pi). @example x.rad2deg() */
export function rad2deg(x: Tensor): Tensor {
  checkTensor('rad2deg', x);
  return record('rad2deg', [x], noGrad(() => E.mul(operandAs(x, floatOf(x.dtype)), 180 / Math.PI)));
}

export interface NanToNumOptions {
  nan?: number;
  posinf?: number | null;
  neginf?: number | null;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * NaN -> nan (0), +inf -> posinf (the dtype's largest finite value), -inf -> neginf (its lowest). Integer and
 * bool tensors come back as a copy. @example x.nanToNum(), tg.nanToNum(x, { posinf: 1e4 })
 */
export function nanToNum(x: Tensor, nan?: number | NanToNumOptions | null, posinf?: number | null, neginf?: number | null): Tensor {
  checkTensor('nanToNum', x);
  let nv = nan as number | null | undefined;
  if (nan !== null && typeof nan === 'object') ({ nan: nv, posinf, neginf } = nan);
  for (const [k, v] of [['nan', nv], ['posinf', posinf], ['neginf', neginf]] as const)
    if (v !== undefined && v !== null && typeof v !== 'number') throw typeError('nanToNum', `${k} must be a number, got ${describe(v)}`);
  if (!isFloat(x.dtype)) return clone(x);
  const big = x.dtype === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
  const a = nv ?? 0, p = posinf ?? big, m = neginf ?? -big;
  const src = x._data, out = outData(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = v !== v ? a : v === Infinity ? p : v === -Infinity ? m : v;
  }
  return record('nanToNum', [x], wrap(out, x.shape.slice(), x.dtype), () => ({ self: x }));
}

// ---- predicates -----------------------------------------------------------------------------------------------
function predicate(op: string, x: Tensor, test: (v: number) => boolean, nonFloat: boolean): Tensor {
  checkTensor(op, x);
  const out = outData('bool', x.numel());
  if (isFloat(x.dtype)) {
    const src = x._data as Float64Array;
    for (let i = 0; i < src.length; i++) out[i] = test(src[i]) ? 1 : 0;
  } else (out as Uint8Array).fill(nonFloat ? 1 : 0); // pooled storage is not zeroed
  return wrap(out, x.shape.slice(), 'bool');
}
/** True where x is NaN. @example x.isnan() */
export const isnan = (x: Tensor): Tensor => predicate('isnan', x, (v) => v !== v, false);
/** True where x is +-inf. @example x.isinf() */
export const isinf = (x: Tensor): Tensor => predicate('isinf', x, (v) => v === Infinity || v === -Infinity, false);
/** True where x is neither NaN nor infinite. @example x.isfinite() */
export const isfinite = (x: Tensor): Tensor => predicate('isfinite', x, (v) => Number.isFinite(v), true);

// ---- two-operand math -----------------------------------------------------------------------------------------
/** atan2(input, other), the angle of (other, input), in float. @example tg.atan2(y, x) */
export function atan2(input: TensorLike, other: TensorLike): Tensor {
  checkPair('atan2', input, other);
  const out = binaryIn('atan2', BinaryOp.atan2, input, other, floatOf(promoted('atan2', input, other)));
  return record('atan2', [asT(input), asT(other)], out, () => ({ self: input, other }));
}

/** sqrt(input^2 + other^2) without overflow; float tensors only (as PyTorch). @example tg.hypot(a, b) */
export function hypot(input: TensorLike, other: TensorLike): Tensor {
  checkPair('hypot', input, other);
  const dt = promoted('hypot', input, other);
  if (!isFloat(dt)) throw typeError('hypot', `not implemented for ${dt} operands (shapes ${shapesOf(input, other)})`);
  const out = binaryIn('hypot', BinaryOp.hypot, input, other, dt);
  return record('hypot', [asT(input), asT(other)], out, () => ({ self: input, other, result: out }));
}

/** Integer division by zero is PyTorch's ZeroDivisionError: a RangeError here, naming the op. */
function checkIntDivisor(op: string, dt: DType, other: TensorLike, shape: number[]): void {
  if (isFloat(dt)) return;
  const zero = other instanceof Tensor ? (other._data as ArrayLike<number>) : [Number(other)];
  for (let i = 0; i < zero.length; i++)
    if (zero[i] === 0) throw rangeError(`${op}`, `integer division by zero (ZeroDivisionError), input shape ${fmtShape(shape)}`);
}

function modOp(op: 'fmod' | 'remainder', code: BinaryOp, input: TensorLike, other: TensorLike): Tensor {
  checkPair(op, input, other);
  const dt = promoted(op, input, other);
  if (dt === 'bool') throw typeError(op, `not implemented for bool operands (shapes ${shapesOf(input, other)})`);
  checkIntDivisor(op, dt, other, input instanceof Tensor ? input.shape : []);
  const out = binaryIn(op, code, input, other, dt);
  if (other instanceof Tensor) return record(op === 'fmod' ? 'fmod' : 'remainder', [asT(input), other], out, () => ({ self: input, other }));
  return record(op === 'fmod' ? 'fmodScalar' : 'remainderScalar', [asT(input)], out);
}
/** C's fmod: the remainder of input / other with the sign of input. @example x.fmod(2) */
export const fmod = (input: TensorLike, other: TensorLike): Tensor => modOp('fmod', BinaryOp.fmod, input, other);
/** Python's %: the remainder with the sign of other. @example x.remainder(2) */
export const remainder = (input: TensorLike, other: TensorLike): Tensor => modOp('remainder', BinaryOp.remainder, input, other);

/** input * log(other), 0 where input is 0 (unless other is NaN). @example tg.xlogy(p, q) */
export function xlogy(input: TensorLike, other: TensorLike): Tensor {
  checkPair('xlogy', input, other);
  const out = binaryIn('xlogy', BinaryOp.xlogy, input, other, floatOf(promoted('xlogy', input, other)));
  if (!(input instanceof Tensor)) return record('xlogyScalarSelf', [null, other as Tensor], out, () => ({ self: Number(input), other: other as Tensor }));
  if (!(other instanceof Tensor)) return record('xlogyScalarOther', [input as Tensor], out, () => ({ self: input as Tensor, other: Number(other) }));
  return record('xlogy', [input, other], out, () => ({ self: input, other }));
}

/**
 * input + weight * (end - input), computed as PyTorch does for accuracy at both ends: for |weight| < 0.5 that
 * form, else end - (end - input) * (1 - weight). Float tensors only. @example tg.lerp(a, b, 0.25)
 */
export function lerp(input: Tensor, end: TensorLike, weight: TensorLike | { weight: TensorLike }): Tensor {
  checkTensor('lerp', input);
  if (weight !== null && typeof weight === 'object' && !(weight instanceof Tensor)) weight = weight.weight;
  checkOperand('lerp', end, 'end');
  checkOperand('lerp', weight, 'weight');
  const dt = promoted('lerp', input, end);
  if (!isFloat(dt)) throw typeError('lerp', `not implemented for ${dt} tensors (shape ${fmtShape(input.shape)})`);
  const w = weight as TensorLike;
  const shapeOf = (t: TensorLike): number[] => (t instanceof Tensor ? t.shape : []);
  broadcastShapes('lerp', broadcastShapes('lerp', input.shape, shapeOf(end)), shapeOf(w));
  const out = noGrad(() => {
    const a = operandAs(input, dt), b = operandAs(end, dt), wt = operandAs(w, dt);
    const diff = E.sub(b, a);
    const low = E.add(a, E.mul(wt, diff)), high = E.sub(b, E.mul(diff, E.rsub(wt, 1)));
    return E.where(E.lt(E.abs(wt), 0.5), low, high);
  });
  if (w instanceof Tensor) return record('lerpTensor', [input, asT(end), w], out, () => ({ self: input, end, weight: w }));
  return record('lerp', [input, asT(end)], out, () => ({ weight: Number(w) }));
}

export interface ValueOptions {
  value?: number;
}

function addcOp(op: 'addcmul' | 'addcdiv', input: Tensor, t1: Tensor, t2: Tensor, value: number | ValueOptions | undefined): Tensor {
  checkTensor(op, input);
  checkTensor(op, t1, 'tensor1');
  checkTensor(op, t2, 'tensor2');
  const v = typeof value === 'object' && value !== null ? value.value ?? 1 : value ?? 1;
  if (typeof v !== 'number') throw typeError(op, `value must be a number, got ${describe(v)}`);
  if (op === 'addcdiv' && !isFloat(t1.dtype) && !isFloat(t2.dtype))
    throw typeError(op, `integer division with addcdiv is not supported (tensor1 ${t1.dtype} ${fmtShape(t1.shape)}, tensor2 ${t2.dtype} ${fmtShape(t2.shape)}); use (input + value * tg.trunc(tensor1 / tensor2))`);
  broadcastShapes(op, broadcastShapes(op, input.shape, t1.shape), t2.shape);
  // PyTorch's kernel: self + value * t1 * t2 (or value * t1 / t2), left to right in the common dtype.
  const out = noGrad(() => E.add(input, op === 'addcmul' ? E.mul(E.mul(t1, v), t2) : E.div(E.mul(t1, v), t2)));
  return record(op, [input, t1, t2], out, () => ({ tensor1: t1, tensor2: t2, value: v }));
}
/** input + value * tensor1 * tensor2. @example tg.addcmul(x, a, b, { value: 0.5 }) */
export const addcmul = (input: Tensor, tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor => addcOp('addcmul', input, tensor1, tensor2, value);
/** input + value * tensor1 / tensor2 (float). @example tg.addcdiv(x, a, b, { value: -0.1 }) */
export const addcdiv = (input: Tensor, tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor => addcOp('addcdiv', input, tensor1, tensor2, value);

// ---- logical and bitwise ----------------------------------------------------------------------------------------
function logical(op: string, code: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  checkPair(op, a, b);
  promoted(op, a, b); // at least one tensor
  return binaryIn(op, code, a, b, 'bool');
}
/** Elementwise logical and of the truth values (non-zero is true), a bool tensor. @example tg.logicalAnd(a, b) */
export const logicalAnd = (input: TensorLike, other: TensorLike): Tensor => logical('logicalAnd', BinaryOp.logical_and, input, other);
/** Elementwise logical or. @example tg.logicalOr(a, b) */
export const logicalOr = (input: TensorLike, other: TensorLike): Tensor => logical('logicalOr', BinaryOp.logical_or, input, other);
/** Elementwise logical exclusive or. @example tg.logicalXor(a, b) */
export const logicalXor = (input: TensorLike, other: TensorLike): Tensor => logical('logicalXor', BinaryOp.logical_xor, input, other);

function bitwise(op: string, code: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  checkPair(op, a, b);
  const dt = promoted(op, a, b);
  if (isFloat(dt)) throw typeError(op, `not implemented for ${dt} operands (shapes ${shapesOf(a, b)}): bitwise ops take int32 or bool tensors`);
  if (!(a instanceof Tensor) && !Number.isInteger(Number(a))) throw typeError(op, `expected an integer, got ${describe(a)}`);
  if (!(b instanceof Tensor) && !Number.isInteger(Number(b))) throw typeError(op, `expected an integer, got ${describe(b)}`);
  return binaryIn(op, code, a, b, dt);
}
/** Bitwise and of int32 or bool tensors. @example tg.bitwiseAnd(a, 6) */
export const bitwiseAnd = (input: TensorLike, other: TensorLike): Tensor => bitwise('bitwiseAnd', BinaryOp.bitwise_and, input, other);
/** Bitwise or of int32 or bool tensors. @example tg.bitwiseOr(a, b) */
export const bitwiseOr = (input: TensorLike, other: TensorLike): Tensor => bitwise('bitwiseOr', BinaryOp.bitwise_or, input, other);
/** Bitwise xor of int32 or bool tensors. @example tg.bitwiseXor(a, b) */
export const bitwiseXor = (input: TensorLike, other: TensorLike): Tensor => bitwise('bitwiseXor', BinaryOp.bitwise_xor, input, other);
/** Bitwise not (~x; logical not for bool). @example tg.bitwiseNot(a) */
export function bitwiseNot(x: Tensor): Tensor {
  checkTensor('bitwiseNot', x);
  if (isFloat(x.dtype)) throw typeError('bitwiseNot', `not implemented for ${x.dtype} tensors (shape ${fmtShape(x.shape)}): bitwise ops take int32 or bool tensors`);
  return wrap(native.unary(UnaryOp.bitwise_not, x._data, outData(x.dtype, x._data.length)), x.shape.slice(), x.dtype);
}
