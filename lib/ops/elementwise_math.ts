// Elementwise math beyond the core of elementwise.ts: hyperbolic and inverse trig, log/exp variants, rounding,
// special functions, two-operand math (atan2, hypot, fmod, remainder, xlogy, lerp, addcmul, addcdiv), logical
// and bitwise ops, and the float predicates. Validate -> promote -> native kernel -> record node.
import { Tensor, TensorLike, checkTensor } from '../tensor.js';
import { native, BinaryOp, UnaryOp } from '../native.js';
import { DType, isFloat, promoteTypes, promoteScalar, defaultFloat } from '../dtype.js';
import { outData } from '../storage.js';
import { broadcastShapes, numelOf } from '../shape.js';
import { typeError, rangeError, describe, disposedError, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { wrap, to, full, clone } from './creation.js';
import { orderedValues, wrapStrided, stridedBinary } from './layout.js';
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
  if (!x._contig || !y._contig) return stridedBinary(op, code, x, y, outDt); // Note [Output layout]
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
const floatOf = (d: DType): DType => (isFloat(d) ? d : defaultFloat());

// ---- unary float math ------------------------------------------------------------------------------------------
/** A float unary kernel; integer and bool inputs compute in float32 (PyTorch's int-to-float promotion). */
function unaryFloat(op: string, code: UnaryOp, x: Tensor): Tensor {
  checkTensor(op, x);
  const src = isFloat(x.dtype) ? x : noGrad(() => to(x, defaultFloat()));
  const { data, strides } = orderedValues(src); // Note [Output layout]
  return wrapStrided(native.unary(code, data, outData(src.dtype, data.length)), x.shape.slice(), src.dtype, strides);
}

/** A row saving `self`, for f(x) whose derivative reads x. */
function savingSelf(row: 'sinh' | 'cosh' | 'asin' | 'acos' | 'atan' | 'asinh' | 'acosh' | 'atanh' | 'log2' | 'log10' | 'log1p' | 'erfc' | 'erf' | 'lgamma' | 'digamma', code: UnaryOp) {
  return (x: Tensor): Tensor => record(row, [x], unaryFloat(row, code, x), () => ({ self: x }));
}
/** A row saving the result, for f(x) whose derivative reads f(x). */
function savingResult(row: 'tan' | 'expm1' | 'exp2' | 'erfinv', code: UnaryOp) {
  return (x: Tensor): Tensor => {
    const out = unaryFloat(row, code, x);
    return record(row, [x], out, () => ({ result: out }));
  };
}

/**
 * Hyperbolic sine, elementwise.
 *
 * @see torch.sinh
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.sinh(x) // tensor([0.0000, 1.1752])
 * ```
 */
export const sinh = savingSelf('sinh', UnaryOp.sinh);
/**
 * Hyperbolic cosine, elementwise.
 *
 * @see torch.cosh
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.cosh(x) // tensor([1.0000, 1.5431])
 * ```
 */
export const cosh = savingSelf('cosh', UnaryOp.cosh);
/**
 * Tangent, elementwise (radians).
 *
 * @see torch.tan
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.tan(x) // tensor([0.0000, 1.5574])
 * ```
 */
export const tan = savingResult('tan', UnaryOp.tan);
/**
 * Arcsine, elementwise.
 *
 * Arcsine (NaN outside [-1, 1]).
 *
 * @see torch.asin
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.asin(x) // tensor([0.0000, 1.5708])
 * ```
 */
export const asin = savingSelf('asin', UnaryOp.asin);
/**
 * Arccosine, elementwise.
 *
 * Arccosine (NaN outside [-1, 1]).
 *
 * @see torch.acos
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.acos(x) // tensor([1.5708, 0.0000])
 * ```
 */
export const acos = savingSelf('acos', UnaryOp.acos);
/**
 * Arctangent, elementwise.
 *
 * @see torch.atan
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.atan(x) // tensor([0.0000, 0.7854])
 * ```
 */
export const atan = savingSelf('atan', UnaryOp.atan);
/**
 * Inverse hyperbolic sine, elementwise.
 *
 * @see torch.asinh
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.asinh(x) // tensor([0.0000, 0.8814])
 * ```
 */
export const asinh = savingSelf('asinh', UnaryOp.asinh);
/**
 * Inverse hyperbolic cosine, elementwise.
 *
 * Inverse hyperbolic cosine (NaN below 1).
 *
 * @see torch.acosh
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.acosh(x) // tensor([0.0000, 1.3170])
 * ```
 */
export const acosh = savingSelf('acosh', UnaryOp.acosh);
/**
 * Inverse hyperbolic tangent, elementwise.
 *
 * @see torch.atanh
 * @example
 * ```ts
 * const x = tg.tensor([0, 0.5])
 * tg.atanh(x) // tensor([0.0000, 0.5493])
 * ```
 */
export const atanh = savingSelf('atanh', UnaryOp.atanh);
/**
 * Base-2 logarithm, elementwise.
 *
 * @see torch.log2
 * @example
 * ```ts
 * const x = tg.tensor([1, 8])
 * tg.log2(x) // tensor([0., 3.])
 * ```
 */
export const log2 = savingSelf('log2', UnaryOp.log2);
/**
 * Base-10 logarithm, elementwise.
 *
 * @see torch.log10
 * @example
 * ```ts
 * const x = tg.tensor([1, 100])
 * tg.log10(x) // tensor([0., 2.])
 * ```
 */
export const log10 = savingSelf('log10', UnaryOp.log10);
/**
 * `log(1 + input)`, accurate for small inputs.
 *
 * log(1 + x), accurate for tiny x (log1p(1e-10) = 1e-10, not log(1 + 1e-10)).
 *
 * @see torch.log1p
 * @example
 * ```ts
 * const x = tg.tensor([0, 1e-8])
 * tg.log1p(x) // tensor([0.0000e+00, 1.0000e-08])
 * ```
 */
export const log1p = savingSelf('log1p', UnaryOp.log1p);
/**
 * `exp(input) - 1`, accurate for small inputs.
 *
 * exp(x) - 1, accurate for tiny x.
 *
 * @see torch.expm1
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.expm1(x) // tensor([0.0000, 1.7183])
 * ```
 */
export const expm1 = savingResult('expm1', UnaryOp.expm1);
/**
 * 2 to the power of each element.
 *
 * @see torch.exp2
 * @example
 * ```ts
 * const x = tg.tensor([0, 3])
 * tg.exp2(x) // tensor([1., 8.])
 * ```
 */
export const exp2 = savingResult('exp2', UnaryOp.exp2);
/**
 * The complementary error function `1 - erf(x)`.
 *
 * Complementary error function 1 - erf(x), accurate where erf(x) is near 1.
 *
 * @see torch.erfc
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.erfc(x) // tensor([1.0000, 0.1573])
 * ```
 */
export const erfc = savingSelf('erfc', UnaryOp.erfc);
/**
 * The inverse error function.
 *
 * Inverse error function on [-1, 1] (±inf at ±1).
 *
 * @see torch.erfinv
 * @example
 * ```ts
 * const x = tg.tensor([0, 0.5])
 * tg.erfinv(x) // tensor([0.0000, 0.4769])
 * ```
 */
export const erfinv = savingResult('erfinv', UnaryOp.erfinv);
/**
 * log |Gamma(x)|, elementwise.
 *
 * @see torch.lgamma
 * @example
 * ```ts
 * const x = tg.tensor([1, 5])
 * tg.lgamma(x) // tensor([0.0000, 3.1781])
 * ```
 */
export const lgamma = savingSelf('lgamma', UnaryOp.lgamma);
/**
 * The digamma function (derivative of lgamma).
 *
 * Digamma (psi), the derivative of lgamma.
 *
 * @see torch.digamma
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.digamma(x) // tensor([-0.5772,  0.4228])
 * ```
 */
export const digamma = savingSelf('digamma', UnaryOp.digamma);

/**
 * The n-th derivative of digamma.
 *
 * The n-th derivative of digamma (n = 0 is digamma itself).
 *
 * @see torch.polygamma
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.polygamma(1, x) // tensor([1.6449, 0.6449])
 * ```
 */
export function polygamma(n: number, x: Tensor): Tensor {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw typeError('polygamma', `n must be a non-negative integer, got ${describe(n)}`);
  checkTensor('polygamma', x);
  const src = isFloat(x.dtype) ? x : noGrad(() => to(x, defaultFloat()));
  const out = wrap(native.binaryScalar(BinaryOp.polygamma, src._data, n, outData(src.dtype, src._data.length)), x.shape.slice(), src.dtype);
  return record('polygamma', [null, x], out, () => ({ n, self: x }));
}

// ---- rounding ---------------------------------------------------------------------------------------------------
/** floor/ceil/round/trunc: float kernels; integers come back as a copy (PyTorch), bool is a TypeError. */
function rounding(op: 'floor' | 'ceil' | 'round' | 'trunc', code: UnaryOp, x: Tensor): Tensor {
  checkTensor(op, x);
  if (x.dtype === 'bool') throw typeError(op, `not implemented for bool tensors (shape ${fmtShape(x.shape)})`);
  if (!isFloat(x.dtype)) return clone(x);
  const { data, strides } = orderedValues(x); // Note [Output layout]
  return record(op, [x], wrapStrided(native.unary(code, data, outData(x.dtype, data.length)), x.shape.slice(), x.dtype, strides));
}
/**
 * Rounds down, elementwise.
 *
 * @see torch.floor
 * @example
 * ```ts
 * const x = tg.tensor([-1.5, 1.5])
 * tg.floor(x) // tensor([-2.,  1.])
 * ```
 */
export const floor = (x: Tensor): Tensor => rounding('floor', UnaryOp.floor, x);
/**
 * Rounds up, elementwise.
 *
 * @see torch.ceil
 * @example
 * ```ts
 * const x = tg.tensor([-1.5, 1.5])
 * tg.ceil(x) // tensor([-1.,  2.])
 * ```
 */
export const ceil = (x: Tensor): Tensor => rounding('ceil', UnaryOp.ceil, x);
/**
 * Rounds toward zero, elementwise.
 *
 * @see torch.trunc
 * @example
 * ```ts
 * const x = tg.tensor([-1.5, 1.5])
 * tg.trunc(x) // tensor([-1.,  1.])
 * ```
 */
export const trunc = (x: Tensor): Tensor => rounding('trunc', UnaryOp.trunc, x);

/**
 * Rounds half to even, or to `decimals` decimal places.
 *
 * Rounds half to even, or to `decimals` places as PyTorch: nearbyint(x * 10^d) / 10^d in x's dtype (for
 * d < 0, nearbyint(x / 10^-d) * 10^-d).
 *
 * @see torch.round
 * @example
 * ```ts
 * const x = tg.tensor([0.5, 1.5, 2.345])
 * tg.round(x) // tensor([0., 2., 2.])
 * ```
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

/**
 * The fractional part `x - trunc(x)`.
 *
 * x - trunc(x), the signed fractional part.
 *
 * @see torch.frac
 * @example
 * ```ts
 * const x = tg.tensor([-1.25, 2.5])
 * tg.frac(x) // tensor([-0.2500,  0.5000])
 * ```
 */
export function frac(x: Tensor): Tensor {
  checkTensor('frac', x);
  if (!isFloat(x.dtype)) throw typeError('frac', `not implemented for ${x.dtype} tensors (shape ${fmtShape(x.shape)})`);
  const out = noGrad(() => E.sub(x, trunc(x)));
  return record('frac', [x], out);
}

// ---- composites with their own node -----------------------------------------------------------------------------
/**
 * The normalized sinc `sin(pi x) / (pi x)`.
 *
 * sin(pi x) / (pi x), 1 at 0 (computed as PyTorch: pi rounded to x's dtype first).
 *
 * @see torch.sinc
 * @example
 * ```ts
 * const x = tg.tensor([0, 0.5])
 * tg.sinc(x) // tensor([1.0000, 0.6366])
 * ```
 */
export function sinc(x: Tensor): Tensor {
  checkTensor('sinc', x);
  const xf = operandAs(x, floatOf(x.dtype));
  const out = noGrad(() => {
    const px = E.mul(xf, Math.PI);
    return E.where(E.eq(xf, 0), 1, E.div(E.sin(px), px));
  });
  return record('sinc', [x], out, () => ({ self: x }));
}

/**
 * Degrees to radians.
 *
 * Degrees to radians, x * (pi / 180).
 *
 * @see torch.deg2rad
 * @example
 * ```ts
 * const x = tg.tensor([180, 90])
 * tg.deg2rad(x) // tensor([3.1416, 1.5708])
 * ```
 */
export function deg2rad(x: Tensor): Tensor {
  checkTensor('deg2rad', x);
  return record('deg2rad', [x], noGrad(() => E.mul(operandAs(x, floatOf(x.dtype)), Math.PI / 180)));
}
/**
 * Radians to degrees.
 *
 * Radians to degrees, x * (180 / pi).
 *
 * @see torch.rad2deg
 * @example
 * ```ts
 * const x = tg.tensor([Math.PI])
 * tg.rad2deg(x) // tensor([180.])
 * ```
 */
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
 * Replaces NaN, +inf and -inf with finite numbers (0 and the dtype's extremes by default).
 *
 * NaN -> nan (0), +inf -> posinf (the dtype's largest finite value), -inf -> neginf (its lowest). Integer and
 * bool tensors come back as a copy.
 *
 * @see torch.nan_to_num
 * @example
 * ```ts
 * const x = tg.tensor([NaN, Infinity, 1])
 * tg.nanToNum(x, { posinf: 100 }) // tensor([  0., 100.,   1.])
 * ```
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
/**
 * True where an element is NaN.
 *
 * @see torch.isnan
 * @example
 * ```ts
 * const x = tg.tensor([NaN, 1])
 * tg.isnan(x) // tensor([ True, False])
 * ```
 */
export const isnan = (x: Tensor): Tensor => predicate('isnan', x, (v) => v !== v, false);
/**
 * True where an element is +inf or -inf.
 *
 * @see torch.isinf
 * @example
 * ```ts
 * const x = tg.tensor([-Infinity, 1])
 * tg.isinf(x) // tensor([ True, False])
 * ```
 */
export const isinf = (x: Tensor): Tensor => predicate('isinf', x, (v) => v === Infinity || v === -Infinity, false);
/**
 * True where an element is neither inf nor NaN.
 *
 * True where x is neither NaN nor infinite.
 *
 * @see torch.isfinite
 * @example
 * ```ts
 * const x = tg.tensor([Infinity, NaN, 1])
 * tg.isfinite(x) // tensor([False, False,  True])
 * ```
 */
export const isfinite = (x: Tensor): Tensor => predicate('isfinite', x, (v) => Number.isFinite(v), true);

// ---- two-operand math -----------------------------------------------------------------------------------------
/**
 * The angle of (other, input), elementwise, in (-pi, pi].
 *
 * @see torch.atan2
 * @example
 * ```ts
 * const x = tg.tensor([1, -1])
 * tg.atan2(x, tg.tensor([1, 1])) // tensor([ 0.7854, -0.7854])
 * ```
 */
export function atan2(input: TensorLike, other: TensorLike): Tensor {
  checkPair('atan2', input, other);
  const out = binaryIn('atan2', BinaryOp.atan2, input, other, floatOf(promoted('atan2', input, other)));
  return record('atan2', [asT(input), asT(other)], out, () => ({ self: input, other }));
}

/**
 * `sqrt(input^2 + other^2)`, elementwise.
 *
 * sqrt(input^2 + other^2) without overflow; float tensors only (as PyTorch).
 *
 * @see torch.hypot
 * @example
 * ```ts
 * const x = tg.tensor([3, 5])
 * tg.hypot(x, tg.tensor([4, 12])) // tensor([ 5., 13.])
 * ```
 */
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
/**
 * Remainder with the sign of the dividend (C's fmod).
 *
 * C's fmod: the remainder of input / other with the sign of input.
 *
 * @see torch.fmod
 * @example
 * ```ts
 * const x = tg.tensor([-3, 3])
 * tg.fmod(x, 2) // tensor([-1.,  1.])
 * ```
 */
export const fmod = (input: TensorLike, other: TensorLike): Tensor => modOp('fmod', BinaryOp.fmod, input, other);
/**
 * Remainder with the sign of the divisor (Python's %).
 *
 * Python's %: the remainder with the sign of other.
 *
 * @see torch.remainder
 * @example
 * ```ts
 * const x = tg.tensor([-3, 3])
 * tg.remainder(x, 2) // tensor([1., 1.])
 * ```
 */
export const remainder = (input: TensorLike, other: TensorLike): Tensor => modOp('remainder', BinaryOp.remainder, input, other);

/**
 * `input * log(other)`, 0 where input is 0.
 *
 * input * log(other), 0 where input is 0 (unless other is NaN).
 *
 * @see torch.xlogy
 * @example
 * ```ts
 * const x = tg.tensor([0, 2])
 * tg.xlogy(x, tg.tensor([0, Math.E])) // tensor([0.0000, 2.0000])
 * ```
 */
export function xlogy(input: TensorLike, other: TensorLike): Tensor {
  checkPair('xlogy', input, other);
  const out = binaryIn('xlogy', BinaryOp.xlogy, input, other, floatOf(promoted('xlogy', input, other)));
  if (!(input instanceof Tensor)) return record('xlogyScalarSelf', [null, other as Tensor], out, () => ({ self: Number(input), other: other as Tensor }));
  if (!(other instanceof Tensor)) return record('xlogyScalarOther', [input as Tensor], out, () => ({ self: input as Tensor, other: Number(other) }));
  return record('xlogy', [input, other], out, () => ({ self: input, other }));
}

/**
 * Linear interpolation `input + weight * (end - input)`.
 *
 * input + weight * (end - input), computed as PyTorch does for accuracy at both ends: for |weight| < 0.5 that
 * form, else end - (end - input) * (1 - weight). Float tensors only.
 *
 * @see torch.lerp
 * @example
 * ```ts
 * const x = tg.tensor([0, 10])
 * tg.lerp(x, tg.tensor([10, 20]), 0.5) // tensor([ 5., 15.])
 * ```
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
/**
 * `input + value * tensor1 * tensor2`.
 *
 * @see torch.addcmul
 * @example
 * ```ts
 * const x = tg.tensor([1, 1])
 * tg.addcmul(x, tg.tensor([2, 3]), tg.tensor([4, 5]), { value: 0.5 }) // tensor([5.0000, 8.5000])
 * ```
 */
export const addcmul = (input: Tensor, tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor => addcOp('addcmul', input, tensor1, tensor2, value);
/**
 * `input + value * tensor1 / tensor2`.
 *
 * input + value * tensor1 / tensor2 (float).
 *
 * @see torch.addcdiv
 * @example
 * ```ts
 * const x = tg.tensor([1, 1])
 * tg.addcdiv(x, tg.tensor([2, 3]), tg.tensor([4, 6]), { value: 2 }) // tensor([2., 2.])
 * ```
 */
export const addcdiv = (input: Tensor, tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor => addcOp('addcdiv', input, tensor1, tensor2, value);

// ---- logical and bitwise ----------------------------------------------------------------------------------------
function logical(op: string, code: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  checkPair(op, a, b);
  promoted(op, a, b); // at least one tensor
  return binaryIn(op, code, a, b, 'bool');
}
/**
 * Elementwise logical AND (zero is false).
 *
 * Elementwise logical and of the truth values (non-zero is true), a bool tensor.
 *
 * @see torch.logical_and
 * @example
 * ```ts
 * const x = tg.tensor([true, true, false])
 * tg.logicalAnd(x, tg.tensor([true, false, false])) // tensor([ True, False, False])
 * ```
 */
export const logicalAnd = (input: TensorLike, other: TensorLike): Tensor => logical('logicalAnd', BinaryOp.logical_and, input, other);
/**
 * Elementwise logical OR (zero is false).
 *
 * @see torch.logical_or
 * @example
 * ```ts
 * const x = tg.tensor([true, true, false])
 * tg.logicalOr(x, tg.tensor([true, false, false])) // tensor([ True,  True, False])
 * ```
 */
export const logicalOr = (input: TensorLike, other: TensorLike): Tensor => logical('logicalOr', BinaryOp.logical_or, input, other);
/**
 * Elementwise logical XOR (zero is false).
 *
 * Elementwise logical exclusive or.
 *
 * @see torch.logical_xor
 * @example
 * ```ts
 * const x = tg.tensor([true, true, false])
 * tg.logicalXor(x, tg.tensor([true, false, false])) // tensor([False,  True, False])
 * ```
 */
export const logicalXor = (input: TensorLike, other: TensorLike): Tensor => logical('logicalXor', BinaryOp.logical_xor, input, other);

function bitwise(op: string, code: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  checkPair(op, a, b);
  const dt = promoted(op, a, b);
  if (isFloat(dt)) throw typeError(op, `not implemented for ${dt} operands (shapes ${shapesOf(a, b)}): bitwise ops take int32 or bool tensors`);
  if (!(a instanceof Tensor) && !Number.isInteger(Number(a))) throw typeError(op, `expected an integer, got ${describe(a)}`);
  if (!(b instanceof Tensor) && !Number.isInteger(Number(b))) throw typeError(op, `expected an integer, got ${describe(b)}`);
  return binaryIn(op, code, a, b, dt);
}
/**
 * Bitwise AND of integer or bool tensors.
 *
 * Bitwise and of int32 or bool tensors.
 *
 * @see torch.bitwise_and
 * @example
 * ```ts
 * const x = tg.tensor([12, 10], { dtype: 'int32' })
 * tg.bitwiseAnd(x, 6) // tensor([4, 2], dtype=torch.int32)
 * ```
 */
export const bitwiseAnd = (input: TensorLike, other: TensorLike): Tensor => bitwise('bitwiseAnd', BinaryOp.bitwise_and, input, other);
/**
 * Bitwise OR of integer or bool tensors.
 *
 * Bitwise or of int32 or bool tensors.
 *
 * @see torch.bitwise_or
 * @example
 * ```ts
 * const x = tg.tensor([12, 10], { dtype: 'int32' })
 * tg.bitwiseOr(x, 1) // tensor([13, 11], dtype=torch.int32)
 * ```
 */
export const bitwiseOr = (input: TensorLike, other: TensorLike): Tensor => bitwise('bitwiseOr', BinaryOp.bitwise_or, input, other);
/**
 * Bitwise XOR of integer or bool tensors.
 *
 * Bitwise xor of int32 or bool tensors.
 *
 * @see torch.bitwise_xor
 * @example
 * ```ts
 * const x = tg.tensor([12, 10], { dtype: 'int32' })
 * tg.bitwiseXor(x, 6) // tensor([10, 12], dtype=torch.int32)
 * ```
 */
export const bitwiseXor = (input: TensorLike, other: TensorLike): Tensor => bitwise('bitwiseXor', BinaryOp.bitwise_xor, input, other);
/**
 * Bitwise NOT of an integer or bool tensor.
 *
 * Bitwise not (~x; logical not for bool).
 *
 * @see torch.bitwise_not
 * @example
 * ```ts
 * const x = tg.tensor([0, 5], { dtype: 'int32' })
 * tg.bitwiseNot(x) // tensor([-1, -6], dtype=torch.int32)
 * ```
 */
export function bitwiseNot(x: Tensor): Tensor {
  checkTensor('bitwiseNot', x);
  if (isFloat(x.dtype)) throw typeError('bitwiseNot', `not implemented for ${x.dtype} tensors (shape ${fmtShape(x.shape)}): bitwise ops take int32 or bool tensors`);
  return wrap(native.unary(UnaryOp.bitwise_not, x._data, outData(x.dtype, x._data.length)), x.shape.slice(), x.dtype);
}

// ---- issue 15's second batch: erf, logaddexp, logaddexp2, logit, sgn, clampMin, clampMax ----------------------
/**
 * The error function 2/sqrt(pi) * integral of exp(-t^2) from 0 to x (the kernel GELU uses).
 *
 * @see torch.erf
 * @example
 * ```ts
 * tg.erf(tg.tensor([0, 0.5, -1])) // tensor([ 0.0000,  0.5205, -0.8427])
 * ```
 */
export const erf = savingSelf('erf', UnaryOp.erf);

function logaddexpOf(op: 'logaddexp' | 'logaddexp2', input: TensorLike, other: TensorLike): Tensor {
  checkPair(op, input, other);
  // shapes checked under this op's name before the maximum/sub below would report their own
  if (input instanceof Tensor && other instanceof Tensor) broadcastShapes(op, input.shape, other.shape);
  const dt = floatOf(promoted(op, input, other));
  broadcastShapes(op, input instanceof Tensor ? input.shape : [], other instanceof Tensor ? other.shape : []); // before maximum's own check
  // PyTorch's kernel: max + log1p(exp(-|a - b|)) (base 2 for logaddexp2), and a itself where a == b is infinite
  // (the difference would be NaN).
  const out = noGrad(() => {
    const a = operandAs(input, dt), b = operandAs(other, dt);
    const m = E.maximum(a, b), d = E.neg(E.abs(E.sub(a, b)));
    const tail = op === 'logaddexp' ? log1p(E.exp(d)) : E.div(log1p(exp2(d)), Math.LN2);
    return E.where(logicalAnd(isinf(a), E.eq(a, b)), a, E.add(m, tail));
  });
  return record(op, [asT(input), asT(other)], out, () => ({ self: input, other }));
}
/**
 * log(exp(input) + exp(other)) without overflow.
 *
 * @see torch.logaddexp
 * @example
 * ```ts
 * tg.logaddexp(tg.tensor([0, 1000]), tg.tensor([0, 1000])) // tensor([6.9315e-01, 1.0007e+03])
 * ```
 */
export const logaddexp = (input: TensorLike, other: TensorLike): Tensor => logaddexpOf('logaddexp', input, other);
/**
 * log2(2^input + 2^other) without overflow.
 *
 * @see torch.logaddexp2
 * @example
 * ```ts
 * tg.logaddexp2(tg.tensor([1, 3]), tg.tensor([1, 3])) // tensor([2., 4.])
 * ```
 */
export const logaddexp2 = (input: TensorLike, other: TensorLike): Tensor => logaddexpOf('logaddexp2', input, other);

export interface LogitOptions {
  eps?: number | null;
}
/**
 * log(x / (1 - x)); with eps, x is clamped to [eps, 1 - eps] first.
 *
 * @see torch.logit
 * @example
 * ```ts
 * tg.logit(tg.tensor([0.25, 0.5, 0.75])) // tensor([-1.0986,  0.0000,  1.0986])
 * tg.logit(tg.tensor([0, 1]), 0.25) // tensor([-1.0986,  1.0986])
 * ```
 */
export function logit(x: Tensor, eps?: number | null | LogitOptions): Tensor {
  checkTensor('logit', x);
  const e = eps !== null && typeof eps === 'object' ? eps.eps ?? null : eps ?? null;
  if (e !== null && typeof e !== 'number') throw typeError('logit', `eps must be a number, got ${describe(e)}`);
  const out = noGrad(() => {
    const z = e === null ? (isFloat(x.dtype) ? x : to(x, defaultFloat())) : E.clamp(isFloat(x.dtype) ? x : to(x, defaultFloat()), e, 1 - e);
    return E.log(E.div(z, E.rsub(z, 1)));
  });
  return record('logit', [x], out, () => ({ self: x, eps: e }));
}

/**
 * The sign of x (for real tensors the same values as sign; PyTorch's complex-aware name).
 *
 * @see torch.sgn
 * @example
 * ```ts
 * tg.sgn(tg.tensor([-2, 0, 3])) // tensor([-1.,  0.,  1.])
 * ```
 */
export function sgn(x: Tensor): Tensor {
  checkTensor('sgn', x);
  const out = noGrad(() => E.sign(x));
  return record('sgn', [x], out);
}

function clampSide(op: 'clampMin' | 'clampMax', x: Tensor, bound: number | Record<string, unknown>, key: 'min' | 'max'): Tensor {
  checkTensor(op, x);
  const b = bound !== null && typeof bound === 'object' ? bound[key] : bound;
  if (typeof b !== 'number') throw typeError(op, `${key} must be a number, got ${describe(b)}`);
  const out = noGrad(() => (key === 'min' ? E.clamp(x, b, null) : E.clamp(x, null, b)));
  return record(op, [x], out, () => ({ self: x, bound: b }));
}
/**
 * max(x, min) elementwise (clamp with only a lower bound).
 *
 * @see torch.clamp_min
 * @example
 * ```ts
 * tg.clampMin(tg.tensor([-1, 0.5, 2]), 0) // tensor([0.0000, 0.5000, 2.0000])
 * ```
 */
export const clampMin = (input: Tensor, min: number | { min: number }): Tensor => clampSide('clampMin', input, min, 'min');
/**
 * min(x, max) elementwise (clamp with only an upper bound).
 *
 * @see torch.clamp_max
 * @example
 * ```ts
 * tg.clampMax(tg.tensor([-1, 0.5, 2]), 1) // tensor([-1.0000,  0.5000,  1.0000])
 * ```
 */
export const clampMax = (input: Tensor, max: number | { max: number }): Tensor => clampSide('clampMax', input, max, 'max');

// ---- NaN-ignoring max/min, copysign, isclose -----------------------------------------------------------------------
function fmaxMin(op: 'fmax' | 'fmin', input: TensorLike, other: TensorLike): Tensor {
  checkPair(op, input, other);
  if (!(input instanceof Tensor) || !(other instanceof Tensor)) throw typeError(op, `expected two Tensors, got ${describe(input)} and ${describe(other)}`);
  const dt = promoted(op, input, other);
  broadcastShapes(op, input.shape, other.shape);
  // The other operand where this one is NaN: where(isnan(b) | a >= b, a, b) for fmax (<= for fmin).
  const out = noGrad(() => {
    const a = operandAs(input, dt), b = operandAs(other, dt);
    return E.where(logicalOr(isnan(b), op === 'fmax' ? E.ge(a, b) : E.le(a, b)), a, b);
  });
  return record(op, [input, other], out, () => ({ self: input, other }));
}
/**
 * Elementwise maximum that ignores NaN (NaN only where both are NaN).
 *
 * @see torch.fmax
 * @example
 * ```ts
 * tg.fmax(tg.tensor([1, NaN, NaN]), tg.tensor([2, 3, NaN])) // tensor([2., 3., nan])
 * ```
 */
export const fmax = (input: TensorLike, other: TensorLike): Tensor => fmaxMin('fmax', input, other);
/**
 * Elementwise minimum that ignores NaN.
 *
 * @see torch.fmin
 * @example
 * ```ts
 * tg.fmin(tg.tensor([1, NaN, NaN]), tg.tensor([2, 3, NaN])) // tensor([1., 3., nan])
 * ```
 */
export const fmin = (input: TensorLike, other: TensorLike): Tensor => fmaxMin('fmin', input, other);

/**
 * |input| with the sign bit of other (-0 counts as negative), in float.
 *
 * @see torch.copysign
 * @example
 * ```ts
 * tg.copysign(tg.tensor([1, -2, 3]), -1) // tensor([-1., -2., -3.])
 * tg.copysign(tg.tensor([1, 2]), tg.tensor([-0, 0])) // tensor([-1.,  2.])
 * ```
 */
export function copysign(input: TensorLike, other: TensorLike): Tensor {
  checkPair('copysign', input, other);
  if (!(input instanceof Tensor)) throw typeError('copysign', `expected input to be a Tensor, got ${describe(input)}`);
  const dt = floatOf(promoted('copysign', input, other));
  // Before the composite below, whose where() would report incompatible shapes under its own name.
  if (other instanceof Tensor) broadcastShapes('copysign', input.shape, other.shape);
  const out = noGrad(() => {
    const a = E.abs(operandAs(input, dt)), b = operandAs(other, dt);
    // The sign bit: b < 0, or b = -0 (1 / -0 = -inf).
    const negative = logicalOr(E.lt(b, 0), logicalAnd(E.eq(b, 0), E.lt(E.reciprocal(b), 0)));
    return E.where(negative, E.neg(a), a);
  });
  if (other instanceof Tensor) return record('copysign', [input, other], out, () => ({ self: input, result: out }));
  return record('copysignScalar', [input], out, () => ({ self: input, result: out }));
}

export interface IscloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}
/**
 * |input - other| <= atol + rtol |other| elementwise (equal infinities are close; NaN only with equalNan).
 *
 * @see torch.isclose
 * @example
 * ```ts
 * const a = tg.tensor([1, 2, NaN]), b = tg.tensor([1.000001, 2.1, NaN])
 * tg.isclose(a, b) // tensor([ True, False, False])
 * tg.isclose(a, b, { rtol: 0.1, equalNan: true }) // tensor([True, True, True])
 * ```
 */
export function isclose(input: Tensor, other: Tensor, rtol?: number | IscloseOptions, atol?: number, equalNan?: boolean): Tensor {
  checkTensor('isclose', input);
  checkTensor('isclose', other, 'other');
  let r = rtol as number | undefined;
  if (rtol !== null && typeof rtol === 'object') ({ rtol: r, atol, equalNan } = rtol);
  r ??= 1e-5;
  atol ??= 1e-8;
  if (typeof r !== 'number' || typeof atol !== 'number') throw typeError('isclose', `rtol and atol must be numbers, got ${describe(r)} and ${describe(atol)}`);
  if (equalNan !== undefined && typeof equalNan !== 'boolean') throw typeError('isclose', `equalNan must be a boolean, got ${describe(equalNan)}`);
  if (r < 0 || atol < 0) throw rangeError('isclose', `rtol and atol must be non-negative, got ${r} and ${atol}`);
  if (input.dtype !== other.dtype) throw typeError('isclose', `${input.dtype} did not match ${other.dtype}`);
  return noGrad(() => {
    const eq = E.eq(input, other);
    if (input.dtype === 'bool') return eq; // PyTorch: bools are close when equal (no subtraction of bools)
    if (!isFloat(input.dtype)) return logicalOr(eq, E.le(E.abs(E.sub(input, other)), E.add(E.mul(E.abs(other), r as number), atol as number)));
    const finite = logicalAnd(isfinite(input), isfinite(other));
    const near = logicalAnd(finite, E.le(E.abs(E.sub(input, other)), E.add(E.mul(E.abs(other), r as number), atol as number)));
    const close = logicalOr(eq, near);
    return equalNan ? logicalOr(close, logicalAnd(isnan(input), isnan(other))) : close;
  });
}
