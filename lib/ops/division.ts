// Rounding division: div's roundingMode ('trunc' | 'floor'), floorDivide, and their in-place forms, with
// PyTorch 1.13's dtype rules (a rounding mode keeps an integer dtype; true division gives float).
import { Tensor, TensorLike } from '../tensor.js';
import { DType, dtypeCode, isFloat, isInt, promoteScalar, promoteTypes } from '../dtype.js';
import { allocData } from '../storage.js';
import { broadcastShapes, numelOf } from '../shape.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { record, recordNotImplemented, noGrad } from '../autograd/record.js';
import { wrap, to } from './creation.js';
import { expand } from './shape.js';
import { div } from './elementwise.js';
import { div_, inplaceFrom } from './inplace.js';

/** div's rounding modes (PyTorch's rounding_mode; null is true division). */
export type RoundingMode = 'trunc' | 'floor';
/** Keyword arguments of div / divide with a rounding mode. */
export type DivOptions = { roundingMode?: RoundingMode | null };

function modeOf(op: string, mode: unknown): RoundingMode | null {
  if (mode === undefined || mode === null) return null;
  if (typeof mode === 'object' && !(mode instanceof Tensor)) return modeOf(op, (mode as DivOptions).roundingMode);
  if (mode === 'trunc' || mode === 'floor') return mode;
  throw typeError(op, `expected roundingMode to be one of null, 'trunc', or 'floor' but found ${typeof mode === 'string' ? `'${mode}'` : describe(mode)}`);
}

function checkArg(op: string, x: unknown, name: string): void {
  if (x instanceof Tensor) {
    if (x.isDisposed) throw disposedError(op, x.shape);
    return;
  }
  if (typeof x !== 'number' && typeof x !== 'boolean') throw typeError(op, `expected ${name} to be a Tensor or a number, got ${describe(x)}`);
}

/** The operand's values as dt, broadcast to shape, contiguous. */
function valuesOf(x: TensorLike, dt: DType, shape: number[]): ArrayLike<number> | BigInt64Array {
  if (!(x instanceof Tensor)) {
    const out = allocData(dtypeCode[dt], numelOf(shape)) as Float64Array | BigInt64Array;
    if (out instanceof BigInt64Array) out.fill(BigInt(Math.trunc(Number(x))));
    else out.fill(Number(x));
    return out;
  }
  return noGrad(() => expand(x.dtype === dt ? x : to(x, dt), shape))._data as ArrayLike<number> | BigInt64Array;
}

// Note [Floor division of floats]: PyTorch 1.13 (c10 div_floor_floating) does not compute floor(a / b), whose
// rounded quotient can land on the wrong integer: it takes the exact remainder fmod(a, b), divides a - mod,
// steps down when mod and b differ in sign, and rounds a quotient within 0.5 of the next integer up. Zero
// divisors give IEEE's a / b. float32 results round each step with fround, which equals float32 arithmetic
// for + - * / of float32 operands.
function floorDivFloat(a: number, b: number, r: (v: number) => number): number {
  if (b === 0) return r(a / b);
  const mod = a % b;
  let q = r(r(a - mod) / b);
  if (mod !== 0 && (b < 0) !== (mod < 0)) q = r(q - 1);
  if (q === 0) {
    const s = r(a / b); // copysign(0, a / b)
    return s < 0 || Object.is(s, -0) ? -0 : 0;
  }
  let f = Math.floor(q);
  if (r(q - f) > 0.5) f += 1;
  return f;
}

/** a / b rounded by mode, elementwise (Note [Floor division of floats]; integer division never divides by zero). */
function roundDivData(op: string, mode: RoundingMode, a: ArrayLike<number> | BigInt64Array, b: ArrayLike<number> | BigInt64Array, dt: DType, n: number, shape: number[]) {
  const out = allocData(dtypeCode[dt], n);
  if (isInt(dt)) {
    for (let i = 0; i < n; i++)
      if (b[i] === 0 || b[i] === 0n) throw rangeError(op, `ZeroDivisionError: integer division by zero (${dt} operands of broadcast shape ${fmtShape(shape)})`);
  }
  if (out instanceof BigInt64Array) {
    const x = a as BigInt64Array, y = b as BigInt64Array;
    for (let i = 0; i < n; i++) {
      let q = x[i] / y[i]; // truncates; -2^63 / -1 wraps on store, as the int64 kernels
      if (mode === 'floor' && q * y[i] !== x[i] && (x[i] < 0n) !== (y[i] < 0n)) q -= 1n;
      out[i] = q;
    }
  } else if (isInt(dt)) {
    const o = out as Int32Array, x = a as ArrayLike<number>, y = b as ArrayLike<number>;
    for (let i = 0; i < n; i++) o[i] = mode === 'trunc' ? Math.trunc(x[i] / y[i]) : Math.floor(x[i] / y[i]); // exact for 32-bit operands
  } else {
    const o = out as Float32Array | Float64Array, x = a as ArrayLike<number>, y = b as ArrayLike<number>;
    const r = dt === 'float32' ? Math.fround : (v: number): number => v;
    if (mode === 'trunc') for (let i = 0; i < n; i++) o[i] = Math.trunc(r(x[i] / y[i]));
    else for (let i = 0; i < n; i++) o[i] = floorDivFloat(x[i], y[i], r);
  }
  return out;
}

/** input / other rounded by mode: the dtype promotion, broadcasting and integer checks shared by div and floorDivide. */
function roundDiv(op: string, input: TensorLike, other: TensorLike, mode: RoundingMode): Tensor {
  checkArg(op, input, 'input');
  checkArg(op, other, 'other');
  if (!(input instanceof Tensor) && !(other instanceof Tensor)) throw typeError(op, `expected input or other to be a Tensor, got two numbers`);
  const dt = input instanceof Tensor
    ? (other instanceof Tensor ? promoteTypes(input.dtype, input.ndim, other.dtype, other.ndim) : promoteScalar(input.dtype, other))
    : promoteScalar((other as Tensor).dtype, input);
  if (dt === 'bool') throw typeError(op, `"div_${mode}_cpu" not implemented for 'Bool' (shapes ${shapes(input, other)})`);
  const shape = broadcastShapes(op, input instanceof Tensor ? input.shape : [], other instanceof Tensor ? other.shape : []);
  const n = numelOf(shape);
  return wrap(roundDivData(op, mode, valuesOf(input, dt, shape), valuesOf(other, dt, shape), dt, n, shape), shape, dt);
}

function shapes(a: TensorLike, b: TensorLike): string {
  return [a, b].map((t) => (t instanceof Tensor ? fmtShape(t.shape) : 'scalar')).join(' and ');
}

const tensorsOf = (a: TensorLike, b: TensorLike): Tensor[] => [a, b].filter((t): t is Tensor => t instanceof Tensor);

/**
 * Elementwise division `input / other`; with `roundingMode` the quotient is rounded toward zero (`'trunc'`) or
 * down (`'floor'`) and integer inputs keep their dtype, as in PyTorch (integer division by zero throws).
 *
 * @see torch.div
 * @example
 * ```ts
 * const x = tg.tensor([-7, 7, 5], { dtype: 'int64' })
 * tg.div(x, 2) // tensor([-3.5000,  3.5000,  2.5000])
 * tg.div(x, 2, { roundingMode: 'floor' }) // tensor([-4,  3,  2])
 * tg.div(x, 2, 'trunc') // tensor([-3,  3,  2])
 * ```
 */
export function divMode(input: TensorLike, other: TensorLike, roundingMode?: RoundingMode | null | DivOptions): Tensor {
  const mode = modeOf('div', roundingMode);
  const [a, b] = [input instanceof Tensor ? input : null, other instanceof Tensor ? other : null];
  const given = roundingMode === null || (typeof roundingMode === 'object' && roundingMode !== null && roundingMode.roundingMode === null);
  if (mode === null && !given) return div(input, other);
  // An explicit null mode is PyTorch's div.Tensor_mode overload too: DivBackward2 with true division's grads.
  const num = (v: TensorLike): Tensor | number => (typeof v === 'boolean' ? Number(v) : v);
  if (mode === null) return record('divModeNone', [a, b], noGrad(() => div(input, other)), () => ({ self: num(input), other: num(other) }));
  const out = roundDiv('div', input, other, mode);
  // DivBackward2 (div.Tensor_mode): a rounded quotient is piecewise constant, its grads are zeros.
  return record('divMode', [a, b], out);
}

/**
 * `input / other` rounded down (Python's `//`): PyTorch 1.13's floor_divide, which floors (earlier releases
 * truncated). Integer inputs keep their dtype; it has no derivative (PyTorch's NotImplemented node).
 *
 * @see torch.floor_divide
 * @example
 * ```ts
 * tg.floorDivide(tg.tensor([-7, 7, 5], { dtype: 'int64' }), tg.tensor([2, -2, 3], { dtype: 'int64' })) // tensor([-4, -4,  1])
 * tg.floorDivide(tg.tensor([-7.5, 7]), 2) // tensor([-4.,  3.])
 * ```
 */
export function floorDivide(input: TensorLike, other: TensorLike): Tensor {
  const out = roundDiv('floorDivide', input, other, 'floor');
  return recordNotImplemented('floor_divide', tensorsOf(input, other), out);
}

/** An integer target cannot take a float result (PyTorch's "result type Float can't be cast..."). */
function checkInto(op: string, x: Tensor, other: TensorLike): void {
  if (!(x instanceof Tensor)) return;
  const r = other instanceof Tensor ? promoteTypes(x.dtype, x.ndim, other.dtype, other.ndim) : typeof other === 'number' || typeof other === 'boolean' ? promoteScalar(x.dtype, other) : x.dtype;
  if (!isFloat(x.dtype) && isFloat(r)) throw typeError(op, `result type ${r} can't be cast to the desired output type ${x.dtype}`);
}

/**
 * In place: `x / other`, rounded by `roundingMode` when given (an integer tensor then stays integer). Returns x.
 *
 * @see torch.Tensor.div_
 * @example
 * ```ts
 * const x = tg.tensor([7, -7], { dtype: 'int64' })
 * x.div_(2, { roundingMode: 'floor' }) // tensor([ 3, -4])
 * ```
 */
export function divMode_<T extends Tensor>(x: T, other: TensorLike, roundingMode?: RoundingMode | null | DivOptions): T {
  const mode = modeOf('div_', roundingMode);
  if (mode === null) return div_(x, other);
  checkInto('div_', x, other);
  return inplaceFrom('div_', x, () => divMode(x, other, mode));
}

/**
 * In place: `x // other` (floorDivide). Returns x.
 *
 * @see torch.Tensor.floor_divide_
 * @example
 * ```ts
 * const x = tg.tensor([7, -7], { dtype: 'int64' })
 * x.floorDivide_(2) // tensor([ 3, -4])
 * ```
 */
export function floorDivide_<T extends Tensor>(x: T, other: TensorLike): T {
  checkInto('floorDivide_', x, other);
  return inplaceFrom('floorDivide_', x, () => floorDivide(x, other));
}
