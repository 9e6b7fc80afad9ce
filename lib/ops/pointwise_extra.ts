// Issue 15's fourth batch of pointwise ops: the comparisons' in-place forms, isposinf/isneginf/signbit, heaviside,
// floatPower, ldexp, frexp, gcd/lcm, nextafter, and dist / sumToSize; each as PyTorch 1.13 computes it.
import { Tensor, TensorLike, checkTensor } from '../tensor.js';
import { isFloat, isInt, promoteTypes, promoteScalar, type DType, defaultFloat } from '../dtype.js';
import { outData, type Data } from '../storage.js';
import { broadcastShapes, numelOf } from '../shape.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { record, recordNotImplemented, noGrad } from '../autograd/record.js';
import { wrap, to } from './creation.js';
import * as E from './elementwise.js';
import * as R from './reduce.js';
import * as S from './shape.js';
import { inplaceFrom } from './inplace.js';
import { vectorNorm } from './linalg_norms.js';
import { wrapDim } from '../shape.js';

type Cmp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
const CMP_ROW = {
  eq: ['eqInplace', 'eqInplaceTensor'], ne: ['neInplace', 'neInplaceTensor'], lt: ['ltInplace', 'ltInplaceTensor'],
  le: ['leInplace', 'leInplaceTensor'], gt: ['gtInplace', 'gtInplaceTensor'], ge: ['geInplace', 'geInplaceTensor'],
} as const;

/**
 * In place: `x OP other` elementwise, written into x as 1 / 0 in x's dtype (x.ge_(y) and friends). PyTorch's
 * node is OpBackward0 (a number) or OpBackward1 (a tensor), whose grads are zeros.
 */
export function compareInplace<T extends Tensor>(cmp: Cmp, name: string, x: T, other: TensorLike): T {
  return inplaceFrom(name, x, () => {
    const r = noGrad(() => to(E[cmp](x, other), x.dtype));
    return other instanceof Tensor ? record(CMP_ROW[cmp][1], [x, other], r) : record(CMP_ROW[cmp][0], [x], r);
  });
}

function floatBits(op: string, x: Tensor): { hi: Uint32Array; step: number } {
  const d = x.contiguous()._data as Float32Array | Float64Array;
  if (d instanceof Float32Array) return { hi: new Uint32Array(d.buffer, d.byteOffset, d.length), step: 1 };
  if (d instanceof Float64Array) return { hi: new Uint32Array(d.buffer, d.byteOffset + 4, d.length * 2 - 1), step: 2 };
  throw typeError(op, `unexpected dtype ${x.dtype}`);
}

/** A bool tensor of pred over the values (read as numbers; int64 as exact bigints compared to 0). */
function boolOf(x: Tensor, pred: (v: number) => boolean): Tensor {
  const src = x._data as ArrayLike<number | bigint>, out = outData('bool', src.length) as Uint8Array;
  for (let i = 0; i < src.length; i++) out[i] = pred(Number(src[i])) ? 1 : 0;
  return wrap(out as Data, x.shape.slice(), 'bool');
}

/**
 * Elementwise test for +infinity (false for every integer).
 *
 * @see torch.isposinf
 * @example
 * ```ts
 * tg.isposinf(tg.tensor([-Infinity, 1, Infinity])) // tensor([False, False,  True])
 * ```
 */
export function isposinf(input: Tensor): Tensor {
  checkTensor('isposinf', input);
  return boolOf(input, (v) => v === Infinity && isFloat(input.dtype));
}
/**
 * Elementwise test for -infinity (false for every integer).
 *
 * @see torch.isneginf
 * @example
 * ```ts
 * tg.isneginf(tg.tensor([-Infinity, 1, Infinity])) // tensor([ True, False, False])
 * ```
 */
export function isneginf(input: Tensor): Tensor {
  checkTensor('isneginf', input);
  return boolOf(input, (v) => v === -Infinity && isFloat(input.dtype));
}
/**
 * Elementwise: whether the sign bit is set (true for -0 and for a NaN with its sign bit set).
 *
 * @see torch.signbit
 * @example
 * ```ts
 * tg.signbit(tg.tensor([-2, -0, 0, 3])) // tensor([ True,  True, False, False])
 * ```
 */
export function signbit(input: Tensor): Tensor {
  checkTensor('signbit', input);
  if (!isFloat(input.dtype)) return boolOf(input, (v) => v < 0);
  const { hi, step } = floatBits('signbit', input), n = input.numel(), out = outData('bool', n) as Uint8Array;
  for (let i = 0; i < n; i++) out[i] = hi[i * step] >>> 31;
  return wrap(out as Data, input.shape.slice(), 'bool');
}

function checkPair(op: string, a: unknown, b: unknown): void {
  for (const [v, name] of [[a, 'input'], [b, 'other']] as const) {
    if (v instanceof Tensor) { if (v.isDisposed) throw disposedError(op, v.shape); }
    else if (typeof v !== 'number' && typeof v !== 'boolean') throw typeError(op, `expected ${name} to be a Tensor or a number, got ${describe(v)}`);
  }
}
const shapeOf = (t: TensorLike): number[] => (t instanceof Tensor ? t.shape : []);
const dtypeOf = (a: TensorLike, b: TensorLike): DType =>
  a instanceof Tensor ? (b instanceof Tensor ? promoteTypes(a.dtype, a.ndim, b.dtype, b.ndim) : promoteScalar(a.dtype, b)) : promoteScalar((b as Tensor).dtype, a);

/** Broadcast operands as dt values, and the output shape (elementwise ops computed here in JS). */
function operands(op: string, a: TensorLike, b: TensorLike, dt: DType): [ArrayLike<number | bigint>, ArrayLike<number | bigint>, number[]] {
  const shape = broadcastShapes(op, shapeOf(a), shapeOf(b));
  const vals = (t: TensorLike): ArrayLike<number | bigint> => {
    if (t instanceof Tensor) return noGrad(() => S.expand(t.dtype === dt ? t : to(t, dt), shape))._data as ArrayLike<number>;
    const n = numelOf(shape), v = dt === 'int64' ? BigInt(Math.trunc(Number(t))) : Number(t);
    return Array.from({ length: n }, () => v) as ArrayLike<number | bigint>;
  };
  return [vals(a), vals(b), shape];
}

/**
 * The Heaviside step: 0 where input < 0, `values` where input is 0, 1 where input > 0 (NaN gives 0). Both must
 * have the same dtype.
 *
 * @see torch.heaviside
 * @example
 * ```ts
 * tg.heaviside(tg.tensor([-1.5, 0, 2]), tg.tensor([0.5])) // tensor([0.0000, 0.5000, 1.0000])
 * ```
 */
export function heaviside(input: Tensor, values: Tensor): Tensor {
  checkTensor('heaviside', input);
  checkTensor('heaviside', values);
  if (input.dtype !== values.dtype) throw typeError('heaviside', `is not yet implemented for tensors with different dtypes (${input.dtype} and ${values.dtype})`);
  if (input.dtype === 'bool') throw typeError('heaviside', `"heaviside_cpu" not implemented for 'Bool'`);
  const dt = input.dtype;
  const [a, b, shape] = operands('heaviside', input, values, dt);
  const out = outData(dt, numelOf(shape)) as unknown as (number | bigint)[];
  const one = dt === 'int64' ? 1n : 1, zero = dt === 'int64' ? 0n : 0;
  for (let i = 0; i < out.length; i++) out[i] = Number(a[i]) === 0 ? b[i] : Number(a[i]) > 0 ? one : zero;
  return recordNotImplemented('heaviside', [input, values], wrap(out as unknown as Data, shape, dt));
}

/**
 * `input ** exponent` computed in float64 (PyTorch's float_power; the result is float64).
 *
 * @see torch.float_power
 * @example
 * ```ts
 * tg.floatPower(tg.tensor([2, 3], { dtype: 'int32' }), 2) // tensor([4., 9.], dtype=torch.float64)
 * ```
 */
export function floatPower(input: TensorLike, exponent: TensorLike): Tensor {
  checkPair('floatPower', input, exponent);
  if (!(input instanceof Tensor) && !(exponent instanceof Tensor)) throw typeError('floatPower', 'expected input or exponent to be a Tensor, got two numbers');
  const f64 = (t: TensorLike): TensorLike => (t instanceof Tensor ? to(t, 'float64') : Number(t));
  return E.pow(f64(input), f64(exponent));
}

/**
 * `input * 2 ** other` (integers give float32).
 *
 * @see torch.ldexp
 * @example
 * ```ts
 * tg.ldexp(tg.tensor([1, -3]), tg.tensor([2, 1], { dtype: 'int64' })) // tensor([ 4., -6.])
 * ```
 */
export function ldexp(input: Tensor, other: Tensor): Tensor {
  checkTensor('ldexp', input);
  checkTensor('ldexp', other);
  // PyTorch's at::pow(2.0, other): a float base, so an integer exponent gives float32, not an integer power.
  return E.mul(input, E.pow(2, isFloat(other.dtype) ? other : to(other, defaultFloat())));
}

/** frexp's result: [mantissa, exponent] that also has .mantissa and .exponent (PyTorch's namedtuple). */
export type Frexp = Omit<[Tensor, Tensor], 'mantissa'> & { mantissa: Tensor; exponent: Tensor };
/**
 * Splits each float into a mantissa in [0.5, 1) (by magnitude) and an int32 exponent: input = mantissa * 2 ** exponent.
 *
 * @see torch.frexp
 * @example
 * ```ts
 * const { mantissa, exponent } = tg.frexp(tg.tensor([8, -0.75, 0]))
 * mantissa // tensor([ 0.5000, -0.7500,  0.0000])
 * exponent // tensor([4, 0, 0], dtype=torch.int32)
 * ```
 */
export function frexp(input: Tensor): Frexp {
  checkTensor('frexp', input);
  if (!isFloat(input.dtype)) throw typeError('frexp', `only supports floating-point dtypes, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
  const src = input._data as ArrayLike<number>, n = src.length;
  const m = outData(input.dtype, n) as Float32Array | Float64Array, e = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = src[i];
    if (v === 0 || !Number.isFinite(v)) { m[i] = v; e[i] = 0; continue; }
    let k = Math.floor(Math.log2(Math.abs(v))) + 1;
    let f = v / 2 ** (k - 1) / 2; // two steps: 2^k overflows for the largest floats
    if (Math.abs(f) >= 1) { f /= 2; k++; } else if (Math.abs(f) < 0.5) { f *= 2; k--; }
    m[i] = f;
    e[i] = k;
  }
  const mantissa = wrap(m as Data, input.shape.slice(), input.dtype), exponent = wrap(e as Data, input.shape.slice(), 'int32');
  record('frexp', [input], mantissa, () => ({ exponent }));
  const out = [mantissa, exponent] as unknown as Frexp;
  Object.defineProperty(out, 'mantissa', { value: mantissa, enumerable: false });
  Object.defineProperty(out, 'exponent', { value: exponent, enumerable: false });
  return out;
}

function intPair(op: 'gcd' | 'lcm', input: TensorLike, other: TensorLike): [ArrayLike<number | bigint>, ArrayLike<number | bigint>, number[], DType] {
  checkPair(op, input, other);
  if (!(input instanceof Tensor)) throw typeError(op, `expected input to be a Tensor, got ${describe(input)}`);
  const dt = dtypeOf(input, other);
  if (!isInt(dt)) throw typeError(op, `"${op}_cpu" not implemented for ${dt} (shapes ${fmtShape(input.shape)} and ${fmtShape(shapeOf(other))}); it takes integers`);
  return [...operands(op, input, other, dt), dt];
}
function gcdOf(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a; b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function intOp(op: 'gcd' | 'lcm', input: TensorLike, other: TensorLike): Tensor {
  const [a, b, shape, dt] = intPair(op, input, other);
  const out = outData(dt, numelOf(shape)) as unknown as (number | bigint)[];
  for (let i = 0; i < out.length; i++) {
    const x = BigInt(a[i]), y = BigInt(b[i]), g = gcdOf(x, y);
    const r = op === 'gcd' ? g : g === 0n ? 0n : (x / g) * y;
    const v = r < 0n ? -r : r;
    out[i] = dt === 'int64' ? BigInt.asIntN(64, v) : Number(BigInt.asIntN(32, v));
  }
  return wrap(out as unknown as Data, shape, dt);
}
/**
 * The greatest common divisor of integer tensors, elementwise (non-negative; gcd(0, 0) = 0).
 *
 * @see torch.gcd
 * @example
 * ```ts
 * tg.gcd(tg.tensor([0, -4, 6], { dtype: 'int64' }), tg.tensor([0, 6, -9], { dtype: 'int64' })) // tensor([0, 2, 3])
 * ```
 */
export const gcd = (input: Tensor, other: TensorLike): Tensor => intOp('gcd', input, other);
/**
 * The least common multiple of integer tensors, elementwise (non-negative; 0 where either is 0).
 *
 * @see torch.lcm
 * @example
 * ```ts
 * tg.lcm(tg.tensor([0, -4, 6], { dtype: 'int64' }), tg.tensor([0, 6, -9], { dtype: 'int64' })) // tensor([ 0, 12, 18])
 * ```
 */
export const lcm = (input: Tensor, other: TensorLike): Tensor => intOp('lcm', input, other);

/** The next float after x toward y in float32 or float64 (C's nextafter). */
function nextAfter(x: number, y: number, f32: boolean): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return y;
  if (x === 0) return (y > 0 ? 1 : -1) * (f32 ? 2 ** -149 : Number.MIN_VALUE);
  if (f32) {
    const b = new Float32Array([x]), u = new Int32Array(b.buffer);
    u[0] += (y > x) === (x > 0) ? 1 : -1;
    return b[0];
  }
  const b = new Float64Array([x]), u = new BigInt64Array(b.buffer);
  u[0] += (y > x) === (x > 0) ? 1n : -1n;
  return b[0];
}
/**
 * The next representable float after input toward other, elementwise (in the input's float dtype).
 *
 * @see torch.nextafter
 * @example
 * ```ts
 * tg.nextafter(tg.tensor([1], { dtype: 'float64' }), tg.tensor([2], { dtype: 'float64' })).sub(1).item() // => 2.220446049250313e-16
 * ```
 */
export function nextafter(input: Tensor, other: Tensor): Tensor {
  checkTensor('nextafter', input);
  checkTensor('nextafter', other);
  const dt = dtypeOf(input, other);
  if (!isFloat(dt)) throw typeError('nextafter', `"nextafter_cpu" not implemented for ${dt} (shapes ${fmtShape(input.shape)} and ${fmtShape(other.shape)})`);
  const [a, b, shape] = operands('nextafter', input, other, dt);
  const out = outData(dt, numelOf(shape)) as Float32Array | Float64Array;
  for (let i = 0; i < out.length; i++) out[i] = nextAfter(a[i] as number, b[i] as number, dt === 'float32');
  return recordNotImplemented('nextafter', [input, other], wrap(out as Data, shape, dt), 'NextafterBackward0');
}

/**
 * The p-norm of `input - other` (broadcast), a 0-d tensor.
 *
 * @see torch.dist
 * @example
 * ```ts
 * tg.dist(tg.tensor([1, 2]), tg.tensor([4, 6])) // tensor(5.)
 * tg.dist(tg.tensor([1, 2]), tg.tensor([4, 6]), 1) // tensor(7.)
 * ```
 */
export function dist(input: Tensor, other: Tensor, p = 2): Tensor {
  checkTensor('dist', input);
  checkTensor('dist', other);
  if (typeof p !== 'number') throw typeError('dist', `p must be a number, got ${describe(p)}`);
  const dt = dtypeOf(input, other);
  if (!isFloat(dt)) throw typeError('dist', `expected a floating point dtype, got ${dt} (shapes ${fmtShape(input.shape)} and ${fmtShape(other.shape)})`);
  // PyTorch's dist subtracts, and refuses a bool operand as subtraction does; named here, not by sub.
  if (input.dtype === 'bool' || other.dtype === 'bool')
    throw typeError('dist', `subtraction with a bool tensor is not supported (shapes ${fmtShape(input.shape)} and ${fmtShape(other.shape)})`);
  broadcastShapes('dist', input.shape, other.shape);
  const diff = noGrad(() => E.sub(input, other));
  const out = noGrad(() => R.norm(diff, p));
  return record('dist', [input, other], out, () => ({ self: input, other, p, result: out }));
}

/**
 * Sums this tensor down to `size`, which it must broadcast from (PyTorch's sum_to_size); the tensor itself when
 * the sizes are equal.
 *
 * @see torch.Tensor.sum_to_size
 * @example
 * ```ts
 * tg.ones([2, 3]).sumToSize([1, 3]) // tensor([[2., 2., 2.]])
 * ```
 */
export function sumToSize(x: Tensor, size: number[]): Tensor {
  checkTensor('sumToSize', x);
  if (!Array.isArray(size) || size.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0)) throw typeError('sumToSize', `size must be a list of non-negative integers, got ${describe(size)}`);
  const lead = x.ndim - size.length;
  if (lead < 0 || size.some((d, i) => d !== 1 && d !== x.shape[lead + i]))
    throw rangeError('sumToSize', `size ${fmtShape(size)} is not expandable to size ${fmtShape(x.shape)}`);
  const dims: number[] = [];
  for (let i = 0; i < x.ndim; i++) if (i < lead || (size[i - lead] === 1 && x.shape[i] !== 1)) dims.push(i);
  const r = dims.length ? R.sum(x, dims, true) : x;
  return lead > 0 ? S.view(r, size) : r;
}

/**
 * Rescales each slice along `dim` whose p-norm exceeds `maxnorm` to norm `maxnorm` (PyTorch scales by
 * maxnorm / (norm + 1e-7)); the other slices are unchanged.
 *
 * @see torch.renorm
 * @example
 * ```ts
 * tg.renorm(tg.tensor([[3, 4], [0.3, 0.4]]), 2, 0, 1)
 * // tensor([[0.6000, 0.8000],
 * //         [0.3000, 0.4000]])
 * ```
 */
export function renorm(input: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  checkTensor('renorm', input);
  if (typeof p !== 'number' || typeof maxnorm !== 'number') throw typeError('renorm', `p and maxnorm must be numbers, got ${describe(p)} and ${describe(maxnorm)}`);
  if (!(p > 0)) throw rangeError('renorm', `non-positive-norm not supported (p = ${p})`);
  if (!(maxnorm >= 0)) throw rangeError('renorm', `expected maxnorm to be >= 0 but got ${maxnorm}`);
  if (input.ndim < 2) throw rangeError('renorm', `input needs at least 2 dimensions, got ${input.ndim} dimensions (shape ${fmtShape(input.shape)})`);
  if (!isFloat(input.dtype)) throw typeError('renorm', `expected a floating point tensor, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw typeError('renorm', `dim must be an integer, got ${describe(dim)}`);
  const d = wrapDim('renorm', dim, input.ndim);
  const out = noGrad(() => E.mul(input, renormFactor(input, p, d, maxnorm)));
  return record('renorm', [input], out, () => ({ self: input, p, dim: d, maxnorm }));
}

/** The dims renorm reduces over: all but dim. */
export const renormDims = (x: Tensor, dim: number): number[] => x.shape.map((_, i) => i).filter((i) => i !== dim);
/** Each slice's scale: maxnorm / (norm + 1e-7) where its norm exceeds maxnorm, else 1 (keepdim shape). */
export function renormFactor(x: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  const norm = vectorNorm(x, p, renormDims(x, dim), true);
  return E.where(E.gt(norm, maxnorm), E.div(maxnorm, E.add(norm, 1e-7)), 1);
}

