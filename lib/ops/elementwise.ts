// Elementwise ops: validate -> promote -> broadcast (done by the native iterator) -> kernel -> record node.
import { Tensor, TensorLike, checkTensor } from '../tensor.js';
import { native, BinaryOp, UnaryOp, BinaryBackwardOp } from '../native.js';
import { DType, dtypeCode, isFloat, promoteTypes, promoteScalar, defaultFloat } from '../dtype.js';
import { allocData, outData, type Data } from '../storage.js';
import { broadcastShapes, numelOf, sameShape } from '../shape.js';
import { typeError, describe, fmtShape, rangeError, disposedError } from '../errors.js';
import { record, fwState } from '../autograd/record.js';
import { wrap, to, full, clone } from './creation.js';
import { noGrad } from '../autograd/record.js';
import { nonzeroTuple } from './search.js';
import { wrapStrided, orderedValues, stridedBinary, iterationOrder, stridesInOrder } from './layout.js';

type Scalar = number | boolean;

function isScalar(x: unknown): x is Scalar {
  return typeof x === 'number' || typeof x === 'boolean';
}

function checkOperand(op: string, x: unknown, name: string): void {
  if (!(x instanceof Tensor) && !isScalar(x))
    throw typeError(op, `expected ${name} to be a Tensor or a number, got ${describe(x)}`);
  if (x instanceof Tensor && x.isDisposed) throw disposedError(op, x.shape);
}

function cast(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : to(x, dtype);
}

/** How an op treats dtypes: 'arith' keeps the promoted type, 'float' computes in float, 'compare' gives bool. */
type Kind = 'arith' | 'float' | 'compare' | 'logical';

function computeDtype(kind: Kind, d: DType): DType {
  if (kind === 'float') return isFloat(d) ? d : defaultFloat();
  if (kind === 'logical') return 'bool';
  return d;
}

/**
 * Runs a native binary kernel on two operands of which at least one is a tensor. `rcode` is the kernel for
 * scalar OP tensor when OP is not commutative.
 */
function binaryKernel(op: string, kind: Kind, code: BinaryOp, rcode: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  checkOperand(op, a, 'input');
  checkOperand(op, b, 'other');
  if (a instanceof Tensor && b instanceof Tensor) {
    const common = promoteTypes(a.dtype, a.ndim, b.dtype, b.ndim);
    const dt = computeDtype(kind, common);
    const x = cast(a, dt), y = cast(b, dt);
    const outDtype = kind === 'compare' || kind === 'logical' ? 'bool' : dt;
    if (!x._contig || !y._contig) return stridedBinary(op, code, x, y, outDtype);
    const xd = x._data, yd = y._data; // read once: a view's values are gathered on each read
    const small = (dt === 'float32' || dt === 'float64') && xd.length <= kSmallArith && yd.length <= kSmallArith;
    // A 0-d operand is read here and takes the scalar fast path (no broadcast geometry to build); not an int64
    // one, which the kernels' double scalar could round (it broadcasts instead).
    if (b.ndim === 0 && a.ndim > 0 && dt !== 'int64') {
      const s = yd[0] as number;
      if (small && outDtype === dt) { const r = smallArith(code, xd, s, dt, a.shape); if (r) return r; }
      return wrap(native.binaryScalar(code, xd, s, allocData(dtypeCode[outDtype], xd.length)), a.shape.slice(), outDtype);
    }
    if (a.ndim === 0 && b.ndim > 0 && dt !== 'int64') {
      const s = xd[0] as number;
      if (small && outDtype === dt) { const r = smallArith(rcode, yd, s, dt, b.shape); if (r) return r; }
      return wrap(native.binaryScalar(rcode, yd, s, allocData(dtypeCode[outDtype], yd.length)), b.shape.slice(), outDtype);
    }
    if (sameShape(a.shape, b.shape)) {
      if (small && outDtype === dt) { const r = smallArith(code, xd, yd, dt, a.shape); if (r) return r; }
      return wrap(native.binary(code, xd, yd, null, null, null, allocData(dtypeCode[outDtype], xd.length)), a.shape.slice(), outDtype);
    }
    const shape = broadcastShapes(op, a.shape, b.shape);
    return wrap(native.binary(code, xd, yd, a.shape, b.shape, shape, allocData(dtypeCode[outDtype], numelOf(shape))), shape, outDtype);
  }
  if (a instanceof Tensor || b instanceof Tensor) {
    const [t, s, k] = a instanceof Tensor ? [a, b as Scalar, code] : [b as Tensor, a as Scalar, rcode];
    const dt = computeDtype(kind, kind === 'logical' ? 'bool' : promoteScalar(t.dtype, s));
    const outDtype = kind === 'compare' || kind === 'logical' ? 'bool' : dt;
    // A strided t runs in its iteration order and the result keeps that layout (Note [Output layout]).
    const { data: src, strides } = orderedValues(cast(t, dt));
    if (src.length <= kSmallArith && outDtype === dt && (dt === 'float32' || dt === 'float64') && strides === null) {
      const r = smallArith(k, src, Number(s), dt, t.shape);
      if (r) return r;
    }
    return wrapStrided(native.binaryScalar(k, src, Number(s), allocData(dtypeCode[outDtype], src.length)), t.shape.slice(), outDtype, strides);
  }
  throw typeError(op, `expected at least one Tensor operand, got ${describe(a)} and ${describe(b)}`);
}

// Note [Small arithmetic in JS]: + - * / on float tensors of at most kSmallArith elements (scalar losses and
// their grads, the lesson's 2 * dot(x, x)) run here rather than through a native call, which costs more than
// the op itself. The result is bit-identical: + - * / of two float32 values computed in double and rounded once to float32
// (Math.fround, on store into the Float32Array) give the correctly rounded float32 result, since double has
// more than 2 * 24 + 2 bits; for float64 the JS operation is the C++ one.
let kSmallArith = 16;

/** @internal Test hook: route small arithmetic through the native kernels too (kernel tail tests need it). */
export function setSmallArithInJs(enabled: boolean): void {
  kSmallArith = enabled ? 16 : -1;
}

/** + - * / of a small float tensor with a same-shaped one or a number, in JS; undefined for other ops. */
function smallArith(code: BinaryOp, a: Data, b: Data | number, dt: DType, shape: number[]): Tensor | undefined {
  if (!isSmallArithOp(code)) return undefined;
  const out = allocData(dtypeCode[dt], a.length);
  smallArithInto(code, a, b, dt, out);
  return wrap(out, shape.slice(), dt);
}

function isSmallArithOp(code: BinaryOp): boolean {
  return code === BinaryOp.add || code === BinaryOp.sub || code === BinaryOp.mul || code === BinaryOp.div ||
    code === BinaryOp.rsub || code === BinaryOp.rdiv;
}

/** out[i] = a[i] OP b[i] (or b) in JS; out may be a (in place). */
function smallArithInto(code: BinaryOp, a: Data, b: Data | number, dt: DType, out: Data): void {
  const n = a.length;
  // NOTE: a number operand is first cast to the op's dtype, as the native kernel (and PyTorch) do.
  const sv = typeof b === 'number' ? (dt === 'float32' ? Math.fround(b) : b) : 0;
  const bd = typeof b === 'number' ? null : (b as Float64Array);
  const ad = a as Float64Array, od = out as Float64Array; // float storage only (callers check dt)
  // (The op is chosen once, outside the element loop.)
  switch (code) {
    case BinaryOp.add: for (let i = 0; i < n; i++) od[i] = ad[i] + (bd === null ? sv : bd[i]); break;
    case BinaryOp.sub: for (let i = 0; i < n; i++) od[i] = ad[i] - (bd === null ? sv : bd[i]); break;
    case BinaryOp.mul: for (let i = 0; i < n; i++) od[i] = ad[i] * (bd === null ? sv : bd[i]); break;
    case BinaryOp.div: for (let i = 0; i < n; i++) od[i] = ad[i] / (bd === null ? sv : bd[i]); break;
    case BinaryOp.rsub: for (let i = 0; i < n; i++) od[i] = (bd === null ? sv : bd[i]) - ad[i]; break;
    default: for (let i = 0; i < n; i++) od[i] = (bd === null ? sv : bd[i]) / ad[i]; break;
  }
}

/**
 * x OP= b for a small float x (Note [Small arithmetic in JS]), b a same-length storage of x's dtype or a
 * number; false when the op or size is not one for the JS path.
 */
export function smallArithInPlace(code: BinaryOp, x: Data, b: Data | number, dt: DType): boolean {
  if (x.length > kSmallArith || (dt !== 'float32' && dt !== 'float64') || !isSmallArithOp(code)) return false;
  smallArithInto(code, x, b, dt, x);
  return true;
}

/** Whether x's grad or tangent is wanted (then the formulas of the other operand read x: save it). */
function needsGrad(x: TensorLike): boolean {
  return x instanceof Tensor && (x.requiresGrad || (fwState.tangents !== null && fwState.tangents.has(x)));
}

function asTensor(x: TensorLike): Tensor | null {
  return x instanceof Tensor ? x : null;
}

function alphaOf(op: string, alpha: unknown): number {
  if (alpha === undefined) return 1;
  const v = typeof alpha === 'object' && alpha !== null ? (alpha as { alpha?: unknown }).alpha ?? 1 : alpha;
  if (typeof v !== 'number') throw typeError(op, `alpha must be a number, got ${describe(v)}`);
  return v;
}

/** PyTorch refuses a fractional alpha when both operands are integral (it would not silently give a float). */
function checkIntegralAlpha(op: string, a: TensorLike, b: TensorLike, alpha: number): void {
  if (Number.isInteger(alpha)) return;
  const integral = (v: TensorLike): boolean => (v instanceof Tensor ? !isFloat(v.dtype) : typeof v === 'boolean' || Number.isInteger(v));
  if (integral(a) && integral(b))
    throw typeError(op, `For integral input tensors, argument alpha must not be a floating point number (got alpha ${alpha}, ${a instanceof Tensor ? a.dtype : typeof a} and ${b instanceof Tensor ? b.dtype : typeof b})`);
}

/** A boolean alpha (torch.add(x, y, alpha=True)), or null. */
function boolAlphaOf(alpha: unknown): boolean | null {
  const v = typeof alpha === 'object' && alpha !== null ? (alpha as { alpha?: unknown }).alpha : alpha;
  return typeof v === 'boolean' ? v : null;
}
const isBoolOperand = (v: TensorLike): boolean => (v instanceof Tensor ? v.dtype === 'bool' : typeof v === 'boolean');

/** add with a boolean alpha: PyTorch takes it only when the result is bool (a or (alpha and b)). */
function addBoolAlpha(a: TensorLike, b: TensorLike, alpha: boolean): Tensor {
  if (!isBoolOperand(a) || !isBoolOperand(b))
    throw typeError('add', `Boolean alpha only supported for Boolean results (got ${a instanceof Tensor ? a.dtype : typeof a} and ${b instanceof Tensor ? b.dtype : typeof b})`);
  const scaled = alpha ? b : binaryKernel('add', 'logical', BinaryOp.logical_and, BinaryOp.logical_and, b, false);
  return binaryKernel('add', 'logical', BinaryOp.logical_or, BinaryOp.logical_or, a, scaled);
}

/**
 * `input + alpha * other`, elementwise with broadcasting.
 *
 * a + alpha * b, with broadcasting.
 *
 * @see torch.add
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.add(x, tg.tensor([10, 20, 30]), { alpha: 2 }) // tensor([21., 42., 63.])
 * ```
 */
export function add(a: TensorLike, b: TensorLike, alpha?: number | boolean | { alpha?: number | boolean }): Tensor {
  const boolAlpha = boolAlphaOf(alpha);
  if (boolAlpha !== null) return addBoolAlpha(a, b, boolAlpha);
  const al = alphaOf('add', alpha);
  checkIntegralAlpha('add', a, b, al);
  if (al !== 1) checkOperand('add', b, 'other');
  const bb = al === 1 ? b : b instanceof Tensor ? noGradScale(b, al, a) : Number(b) * al;
  const boolCase = a instanceof Tensor && a.dtype === 'bool' && (!(bb instanceof Tensor) || bb.dtype === 'bool') && typeof bb !== 'number';
  const out = boolCase
    ? binaryKernel('add', 'logical', BinaryOp.logical_or, BinaryOp.logical_or, a, bb)
    : binaryKernel('add', 'arith', BinaryOp.add, BinaryOp.add, a, bb);
  // `1 + x` is x.__radd__(1): the tensor is self (Note [Scalar-first forms]).
  if (isScalar(a) && al === 1) return record('add', [asTensor(b), null], out, () => ({ alpha: 1 }));
  return record('add', [asTensor(a), asTensor(b)], out, () => ({ alpha: al }));
}

/**
 * Note [Scalar-first forms]: JavaScript has no operator overloading, so `tg.sub(4.2, x)` is how a port writes
 * Python's `4.2 - x`; a number first means the Python operator, which PyTorch routes through the reflected
 * method: `1 + x` and `2 * x` record the tensor as self (AddBackward0 / MulBackward0 with next functions
 * (x, None)), `4.2 - x` is rsub (RsubBackward1), `3 / x` is `x.reciprocal() * 3` (MulBackward0 over
 * ReciprocalBackward0, and its rounding), `2 ** x` is pow with a wrapped-number base (PowBackward1). Forms
 * with an alpha other than 1 have no operator and follow the torch call (torch.add(1, x, alpha=2),
 * torch.sub(4.2, x, alpha=2): AddBackward0 / SubBackward0 with next functions (None, x)).
 * test/fixtures/scalar_forms.json holds PyTorch's names, next functions, values and grads for each form.
 */

/**
 * `input - alpha * other`, elementwise with broadcasting.
 *
 * a - alpha * b.
 *
 * @see torch.sub
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.sub(x, 1) // tensor([0., 1., 2.])
 * ```
 */
export function sub(a: TensorLike, b: TensorLike, alpha?: number | { alpha?: number }): Tensor {
  const al = alphaOf('sub', alpha);
  checkOperand('sub', b, 'other'); // before `b * alpha`, which would report a bad b as mul's or Number()'s
  checkIntegralAlpha('sub', a, b, al);
  if ((a instanceof Tensor && a.dtype === 'bool') || (b instanceof Tensor && b.dtype === 'bool'))
    throw typeError('sub', 'subtraction with bool tensors is not supported; use logicalXor or logicalNot');
  // `4.2 - x` is torch.rsub(x, 4.2) (Note [Scalar-first forms]).
  if (isScalar(a) && b instanceof Tensor && al === 1) return rsub(b, a);
  const bb = al === 1 ? b : b instanceof Tensor ? noGradScale(b, al, a) : Number(b) * al;
  const out = binaryKernel('sub', 'arith', BinaryOp.sub, BinaryOp.rsub, a, bb);
  return record('sub', [asTensor(a), asTensor(b)], out, () => ({ alpha: al }));
}

/**
 * `other - alpha * input` (subtraction with the operands swapped).
 *
 * other - alpha * x (torch.rsub: RsubBackward1 for a number other, RsubBackward0 for a tensor).
 *
 * @see torch.rsub
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.rsub(x, 10) // tensor([9., 8., 7.])
 * ```
 */
export function rsub(x: Tensor, other: TensorLike, alpha?: number | { alpha?: number }): Tensor {
  const al = alphaOf('rsub', alpha);
  checkOperand('rsub', x, 'input');
  if (!(x instanceof Tensor)) throw typeError('rsub', `expected input to be a Tensor, got ${describe(x)}`);
  checkOperand('rsub', other, 'other');
  if (x.dtype === 'bool' || (other instanceof Tensor && other.dtype === 'bool'))
    throw typeError('rsub', 'subtraction with bool tensors is not supported; use logicalXor or logicalNot');
  const xx = al === 1 ? x : noGradScale(x, al, other);
  const out = binaryKernel('rsub', 'arith', BinaryOp.rsub, BinaryOp.sub, xx, other);
  if (other instanceof Tensor) return record('rsub', [x, other], out, () => ({ alpha: al }));
  return record('rsubScalar', [x], out, () => ({ alpha: al }));
}

/**
 * alpha * b without recording a node (the op's own row applies alpha in its formula), in the dtype b is
 * promoted to against the other operand a, as PyTorch scales in the op's computation dtype.
 */
function noGradScale(b: Tensor, alpha: number, a: TensorLike): Tensor {
  const dt = a instanceof Tensor ? promoteTypes(b.dtype, b.ndim, a.dtype, a.ndim) : promoteScalar(b.dtype, a);
  return binaryKernel('mul', 'arith', BinaryOp.mul, BinaryOp.mul, b.dtype === dt ? b : noGrad(() => to(b, dt)), alpha);
}

/**
 * Elementwise product with broadcasting.
 *
 * a * b.
 *
 * @see torch.mul
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.mul(x, tg.tensor([[1], [2]]))
 * // tensor([[1., 2., 3.],
 * //         [2., 4., 6.]])
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const bothBool = (!(a instanceof Tensor) || a.dtype === 'bool') && (!(b instanceof Tensor) || b.dtype === 'bool') && typeof a !== 'number' && typeof b !== 'number';
  const out = bothBool
    ? binaryKernel('mul', 'logical', BinaryOp.logical_and, BinaryOp.logical_and, a, b)
    : binaryKernel('mul', 'arith', BinaryOp.mul, BinaryOp.mul, a, b);
  // `2 * x` is x.__rmul__(2): the tensor is self (Note [Scalar-first forms]).
  if (isScalar(a)) return record('mul', [asTensor(b), null], out, () => ({ self: null, other: a }));
  // Save only what the needed formulas read, so in-place use of a factor that no formula needs is fine.
  return record('mul', [asTensor(a), asTensor(b)], out, () => ({ self: needsGrad(b) ? a : null, other: needsGrad(a) ? b : null }));
}

/**
 * Elementwise true division with broadcasting (ints divide to float).
 *
 * True division a / b (integers promote to float32).
 *
 * @see torch.div
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.div(x, 2) // tensor([0.5000, 1.0000, 1.5000])
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  // `3 / x` is x.reciprocal() * 3 in PyTorch, rounding included (Note [Scalar-first forms]).
  checkOperand('div', b, 'other'); // before the scalar-first form, which would report a bad b as reciprocal's
  if (isScalar(a) && b instanceof Tensor) return mul(reciprocal(b), a);
  const out = binaryKernel('div', 'float', BinaryOp.div, BinaryOp.rdiv, a, b);
  return record('div', [asTensor(a), asTensor(b)], out, () => ({ self: needsGrad(b) ? a : null, other: b }));
}

/**
 * `input` to the power `exponent`, elementwise.
 *
 * a ** b.
 *
 * @see torch.pow
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.pow(x, 2) // tensor([1., 4., 9.])
 * ```
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('pow', a, 'input');
  checkOperand('pow', b, 'exponent');
  if (isBoolPair(a, b)) throw typeError('pow', 'not implemented for bool operands (as in PyTorch); cast with .to() first');
  if (a instanceof Tensor && isScalar(b)) {
    // PyTorch refuses an integer tensor to a negative integer (a number) power: 2 ** -1 has no integer value.
    if (!isFloat(a.dtype) && a.dtype !== 'bool' && typeof b === 'number' && Number.isInteger(b) && b < 0)
      throw rangeError('pow', `integers to negative integer powers are not allowed (got a ${a.dtype} tensor of shape [${a.shape.join(', ')}] and exponent ${b})`);
    const out = binaryKernel('pow', 'arith', BinaryOp.pow, BinaryOp.rpow, a, b);
    return record('powScalar', [a], out, () => ({ self: a, exponent: Number(b) }));
  }
  if (isScalar(a) && b instanceof Tensor) {
    const out = binaryKernel('pow', 'arith', BinaryOp.pow, BinaryOp.rpow, a, b);
    return record('powScalarBase', [null, b], out, () => ({ self: Number(a), exponent: b, result: out }));
  }
  const out = binaryKernel('pow', 'arith', BinaryOp.pow, BinaryOp.rpow, a, b);
  // Both are tensors here: the scalar forms returned above, and binaryKernel refuses two scalars.
  return record('pow', [asTensor(a), asTensor(b)], out, () => ({ self: a as Tensor, exponent: b as Tensor, result: out }));
}

/** Both operands bool tensors or booleans (at least one a tensor, checked by binaryKernel). */
function isBoolPair(a: TensorLike, b: TensorLike): boolean {
  const isBool = (x: TensorLike) => (x instanceof Tensor ? x.dtype === 'bool' : typeof x === 'boolean');
  return isBool(a) && isBool(b);
}

/**
 * Elementwise maximum of two tensors (NaN propagates).
 *
 * Elementwise maximum (NaN if either is NaN).
 *
 * @see torch.maximum
 * @example
 * ```ts
 * const x = tg.tensor([1, 5, 3])
 * tg.maximum(x, tg.tensor([4, 2, 6])) // tensor([4., 5., 6.])
 * ```
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  // On bools the maximum is the logical or (PyTorch's too); the native max kernels have no bool loop.
  const out = isBoolPair(a, b)
    ? binaryKernel('maximum', 'logical', BinaryOp.logical_or, BinaryOp.logical_or, a, b)
    : binaryKernel('maximum', 'arith', BinaryOp.maximum, BinaryOp.maximum, a, b);
  return record('maximum', [asTensor(a), asTensor(b)], out, () => ({ self: a, other: b }));
}

/**
 * Elementwise minimum of two tensors (NaN propagates).
 *
 * Elementwise minimum (NaN if either is NaN).
 *
 * @see torch.minimum
 * @example
 * ```ts
 * const x = tg.tensor([1, 5, 3])
 * tg.minimum(x, tg.tensor([4, 2, 6])) // tensor([1., 2., 3.])
 * ```
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const out = isBoolPair(a, b)
    ? binaryKernel('minimum', 'logical', BinaryOp.logical_and, BinaryOp.logical_and, a, b)
    : binaryKernel('minimum', 'arith', BinaryOp.minimum, BinaryOp.minimum, a, b);
  return record('minimum', [asTensor(a), asTensor(b)], out, () => ({ self: a, other: b }));
}

function compare(op: string, code: BinaryOp, rcode: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  return binaryKernel(op, 'compare', code, rcode, a, b);
}
/**
 * Elementwise `==`, a bool tensor.
 *
 * @see torch.eq
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.eq(x, 2) // tensor([False,  True, False])
 * ```
 */
export const eq = (a: TensorLike, b: TensorLike): Tensor => compare('eq', BinaryOp.eq, BinaryOp.eq, a, b);
/**
 * Elementwise `!=`, a bool tensor.
 *
 * @see torch.ne
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.ne(x, 2) // tensor([ True, False,  True])
 * ```
 */
export const ne = (a: TensorLike, b: TensorLike): Tensor => compare('ne', BinaryOp.ne, BinaryOp.ne, a, b);
/**
 * Elementwise `<`, a bool tensor.
 *
 * @see torch.lt
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.lt(x, 2) // tensor([ True, False, False])
 * ```
 */
export const lt = (a: TensorLike, b: TensorLike): Tensor => compare('lt', BinaryOp.lt, BinaryOp.gt, a, b);
/**
 * Elementwise `<=`, a bool tensor.
 *
 * @see torch.le
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.le(x, 2) // tensor([ True,  True, False])
 * ```
 */
export const le = (a: TensorLike, b: TensorLike): Tensor => compare('le', BinaryOp.le, BinaryOp.ge, a, b);
/**
 * Elementwise `>`, a bool tensor.
 *
 * @see torch.gt
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.gt(x, 2) // tensor([False, False,  True])
 * ```
 */
export const gt = (a: TensorLike, b: TensorLike): Tensor => compare('gt', BinaryOp.gt, BinaryOp.lt, a, b);
/**
 * Elementwise `>=`, a bool tensor.
 *
 * @see torch.ge
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3])
 * tg.ge(x, 2) // tensor([False,  True,  True])
 * ```
 */
export const ge = (a: TensorLike, b: TensorLike): Tensor => compare('ge', BinaryOp.ge, BinaryOp.le, a, b);

/**
 * Elementwise logical NOT (zero is false), a bool tensor.
 *
 * @see torch.logical_not
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2])
 * tg.logicalNot(x) // tensor([ True, False, False])
 * ```
 */
export function logicalNot(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw typeError('logicalNot', `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError('logicalNot', x.shape);
  return wrap(native.unary(UnaryOp.logical_not, to(x, 'bool')._data, outData('bool', x.numel())), x.shape.slice(), 'bool');
}

/**
 * True when both tensors have the same shape and values.
 *
 * @see torch.equal
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.equal(x, tg.tensor([1, 2])) // => true
 * ```
 */
export function equal(a: Tensor, b: Tensor): boolean {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw typeError('equal', 'expected two Tensors');
  for (const x of [a, b]) if (x.isDisposed) throw disposedError('equal', x.shape);
  if (!sameShape(a.shape, b.shape)) return false;
  const e = eq(a, b)._data;
  for (let i = 0; i < e.length; i++) if (!e[i]) return false;
  return true;
}

/**
 * True when `|input - other| <= atol + rtol * |other|` everywhere.
 *
 * |a - b| <= atol + rtol * |b| everywhere (PyTorch's defaults rtol 1e-5, atol 1e-8).
 *
 * @see torch.allclose
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.allclose(x, tg.tensor([1, 2.000001])) // => true
 * ```
 */
export function allclose(a: Tensor, b: Tensor, rtol = 1e-5, atol = 1e-8, equalNan = false): boolean {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw typeError('allclose', 'expected two Tensors');
  for (const x of [a, b]) if (x.isDisposed) throw disposedError('allclose', x.shape);
  for (const [k, v] of [['rtol', rtol], ['atol', atol]] as const)
    if (typeof v !== 'number') throw typeError('allclose', `${k} must be a number, got ${describe(v)}`);
  broadcastShapes('allclose', a.shape, b.shape);
  const x = to(a, 'float64'), y = to(b, 'float64');
  const shape = broadcastShapes('allclose', a.shape, b.shape);
  const xs = x.expand(shape)._data as Float64Array, ys = y.expand(shape)._data as Float64Array;
  for (let i = 0; i < xs.length; i++) {
    const u = xs[i], v = ys[i];
    if (u !== u || v !== v) {
      if (equalNan && u !== u && v !== v) continue;
      return false;
    }
    if (u === v) continue;
    // As isclose: an infinity is close only to itself (|inf - -inf| <= atol + rtol * inf would hold).
    if (u === Infinity || u === -Infinity || v === Infinity || v === -Infinity) return false;
    if (!(Math.abs(u - v) <= atol + rtol * Math.abs(v))) return false;
  }
  return true;
}

/** Runs a unary kernel; float-only ops compute integer inputs in float32. */
function unaryKernel(op: string, code: UnaryOp, x: Tensor, floatOnly: boolean): Tensor {
  checkTensor(op, x);
  const src = floatOnly && !isFloat(x.dtype) ? to(x, defaultFloat()) : x.dtype === 'bool' ? to(x, 'int32') : x;
  // A strided input runs in its iteration order and the result keeps that layout (Note [Output layout]).
  const { data: d, strides } = orderedValues(src);
  return wrapStrided(native.unary(code, d, outData(src.dtype, d.length)), x.shape.slice(), src.dtype, strides);
}

/**
 * `1 / input`, elementwise.
 *
 * 1 / x (integers promote to float32).
 *
 * @see torch.reciprocal
 * @example
 * ```ts
 * const x = tg.tensor([2, 4])
 * tg.reciprocal(x) // tensor([0.5000, 0.2500])
 * ```
 */
export function reciprocal(x: Tensor): Tensor {
  checkTensor('reciprocal', x);
  const out = binaryKernel('reciprocal', 'float', BinaryOp.rdiv, BinaryOp.div, x, 1);
  return record('reciprocal', [x], out, () => ({ result: out }));
}

/**
 * `-input`, elementwise.
 *
 * @see torch.neg
 * @example
 * ```ts
 * const x = tg.tensor([1, -2])
 * tg.neg(x) // tensor([-1.,  2.])
 * ```
 */
export function neg(x: Tensor): Tensor {
  if (x instanceof Tensor && x.dtype === 'bool') throw typeError('neg', 'negation, the `-` operator, on a bool tensor is not supported');
  return record('neg', [x], unaryKernel('neg', UnaryOp.neg, x, false));
}
/**
 * Absolute value, elementwise.
 *
 * @see torch.abs
 * @example
 * ```ts
 * const x = tg.tensor([-1.5, 2])
 * tg.abs(x) // tensor([1.5000, 2.0000])
 * ```
 */
export function abs(x: Tensor): Tensor {
  if (x instanceof Tensor && x.dtype === 'bool') throw typeError('abs', 'abs is not implemented for bool tensors');
  return record('abs', [x], unaryKernel('abs', UnaryOp.abs, x, false), () => ({ self: x }));
}
/**
 * e to the power of each element.
 *
 * @see torch.exp
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.exp(x) // tensor([1.0000, 2.7183])
 * ```
 */
export function exp(x: Tensor): Tensor {
  const out = unaryKernel('exp', UnaryOp.exp, x, true);
  return record('exp', [x], out, () => ({ result: out }));
}
/**
 * Natural logarithm, elementwise.
 *
 * @see torch.log
 * @example
 * ```ts
 * const x = tg.tensor([1, 100])
 * tg.log(x) // tensor([0.0000, 4.6052])
 * ```
 */
export function log(x: Tensor): Tensor {
  return record('log', [x], unaryKernel('log', UnaryOp.log, x, true), () => ({ self: x }));
}
/**
 * Square root, elementwise.
 *
 * @see torch.sqrt
 * @example
 * ```ts
 * const x = tg.tensor([4, 9])
 * tg.sqrt(x) // tensor([2., 3.])
 * ```
 */
export function sqrt(x: Tensor): Tensor {
  const out = unaryKernel('sqrt', UnaryOp.sqrt, x, true);
  return record('sqrt', [x], out, () => ({ result: out }));
}
/**
 * `1 / sqrt(input)`, elementwise.
 *
 * @see torch.rsqrt
 * @example
 * ```ts
 * const x = tg.tensor([4, 16])
 * tg.rsqrt(x) // tensor([0.5000, 0.2500])
 * ```
 */
export function rsqrt(x: Tensor): Tensor {
  const out = unaryKernel('rsqrt', UnaryOp.rsqrt, x, true);
  return record('rsqrt', [x], out, () => ({ result: out }));
}
/**
 * Sine, elementwise (radians).
 *
 * @see torch.sin
 * @example
 * ```ts
 * const x = tg.tensor([0, Math.PI / 2])
 * tg.sin(x) // tensor([0., 1.])
 * ```
 */
export function sin(x: Tensor): Tensor {
  return record('sin', [x], unaryKernel('sin', UnaryOp.sin, x, true), () => ({ self: x }));
}
/**
 * Cosine, elementwise (radians).
 *
 * @see torch.cos
 * @example
 * ```ts
 * const x = tg.tensor([0, Math.PI])
 * tg.cos(x) // tensor([ 1., -1.])
 * ```
 */
export function cos(x: Tensor): Tensor {
  return record('cos', [x], unaryKernel('cos', UnaryOp.cos, x, true), () => ({ self: x }));
}
/**
 * Hyperbolic tangent, elementwise.
 *
 * @see torch.tanh
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.tanh(x) // tensor([0.0000, 0.7616])
 * ```
 */
export function tanh(x: Tensor): Tensor {
  const out = unaryKernel('tanh', UnaryOp.tanh, x, true);
  return record('tanh', [x], out, () => ({ result: out }));
}
/**
 * The logistic function `1 / (1 + exp(-x))`, elementwise.
 *
 * @see torch.sigmoid
 * @example
 * ```ts
 * const x = tg.tensor([0, 2])
 * tg.sigmoid(x) // tensor([0.5000, 0.8808])
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  const out = unaryKernel('sigmoid', UnaryOp.sigmoid, x, true);
  return record('sigmoid', [x], out, () => ({ result: out }));
}
/**
 * `max(input, 0)`, elementwise.
 *
 * @see torch.relu
 * @example
 * ```ts
 * const x = tg.tensor([-1, 0.5])
 * tg.relu(x) // tensor([0.0000, 0.5000])
 * ```
 */
export function relu(x: Tensor): Tensor {
  if (x instanceof Tensor && x.dtype === 'bool') throw typeError('relu', 'relu is not implemented for bool tensors');
  const out = unaryKernel('relu', UnaryOp.relu, x, false);
  return record('relu', [x], out, () => ({ result: out }));
}
/**
 * `input * input`, elementwise.
 *
 * @see torch.square
 * @example
 * ```ts
 * const x = tg.tensor([-2, 3])
 * tg.square(x) // tensor([4., 9.])
 * ```
 */
export function square(x: Tensor): Tensor {
  checkTensor('square', x);
  const out = unaryKernel('square', UnaryOp.square, x, false);
  return record('powScalar', [x], out, () => ({ self: x, exponent: 2 }));
}
/**
 * -1, 0 or 1 by the sign of each element.
 *
 * @see torch.sign
 * @example
 * ```ts
 * const x = tg.tensor([-2, 0, 3])
 * tg.sign(x) // tensor([-1.,  0.,  1.])
 * ```
 */
export function sign(x: Tensor): Tensor {
  checkTensor('sign', x);
  if (!isFloat(x.dtype)) return to(unaryKernel('sign', UnaryOp.sign, to(x, 'float32'), true), x.dtype);
  return record('sign', [x], unaryKernel('sign', UnaryOp.sign, x, true));
}

/** Backward kernels, themselves differentiable (see derivatives.ts) so double backward works. */
/**
 * A fused backward kernel: code(grad, saved) elementwise, shaped like `saved`. The grad may be a compact
 * one that broadcasts to that shape (Note [Compact grads] in autograd/engine.ts).
 */
function fusedBackward(code: BinaryOp, grad: Tensor, saved: Tensor): Tensor {
  const sd = saved._data;
  if (sameShape(grad.shape, saved.shape)) return wrap(native.binary(code, grad._data, sd, null, null, null, allocData(dtypeCode[grad.dtype], sd.length)), saved.shape.slice(), grad.dtype);
  // Both operands broadcast natively: the grad (a compact one) to saved's shape, or, under vmap, an unbatched
  // saved tensor to the batched grad's (Note [Batched backward]).
  const shape = broadcastShapes('backward', grad.shape, saved.shape);
  const out = allocData(dtypeCode[grad.dtype], numelOf(shape));
  native.binary(code, grad._data, sd, grad.shape, saved.shape, shape, out);
  return wrap(out, shape, grad.dtype);
}
/**
 * mul's, div's or pow's two input grads in one native pass (Note [Fused binary backward]
 * in native/cpu/binary_kernels.cc), when both are needed and grad, self, other (and pow's result) are float
 * tensors of one shape and dtype; null otherwise (the derivative formulas then run one by one).
 */
export function binaryBackward(op: BinaryBackwardOp, grad: Tensor, self: TensorLike, other: TensorLike, needs: boolean[], result: Tensor | null = null): (Tensor | null)[] | null {
  if (!needs[0] || !needs[1] || !(self instanceof Tensor) || !(other instanceof Tensor)) return null;
  const dt = grad.dtype;
  if (!isFloat(dt) || self.dtype !== dt || other.dtype !== dt || grad.numel() <= kSmallArith) return null;
  if (!sameShape(grad.shape, self.shape) || !sameShape(grad.shape, other.shape)) return null;
  if (op === BinaryBackwardOp.pow && (result === null || result.dtype !== dt || !sameShape(result.shape, grad.shape))) return null;
  const n = grad.numel();
  const ga = allocData(dtypeCode[dt], n), gb = allocData(dtypeCode[dt], n);
  native.binaryBackward(op, grad._data, self._data, other._data, result === null ? null : result._data, ga, gb);
  return [wrap(ga, grad.shape.slice(), dt), wrap(gb, grad.shape.slice(), dt)];
}

/**
 * GELU's value and its backward grad * gelu'(x) in one native pass each (not recorded: lib/ops/nn.ts records
 * them as GeluBackward0 / GeluBackwardBackward0). x must be a float tensor.
 */
export function geluKernel(x: Tensor, approximate: 'none' | 'tanh'): Tensor {
  return unaryKernel('gelu', approximate === 'tanh' ? UnaryOp.gelu_tanh : UnaryOp.gelu, x, true);
}
export function geluBackwardKernel(grad: Tensor, x: Tensor, approximate: 'none' | 'tanh'): Tensor {
  return fusedBackward(approximate === 'tanh' ? BinaryOp.gelu_tanh_backward : BinaryOp.gelu_backward, grad, x);
}

export function tanhBackward(grad: Tensor, result: Tensor): Tensor {
  return record('tanhBackward', [grad, result], fusedBackward(BinaryOp.tanh_backward, grad, result), () => ({ grad, result }));
}
export function sigmoidBackward(grad: Tensor, result: Tensor): Tensor {
  return record('sigmoidBackward', [grad, result], fusedBackward(BinaryOp.sigmoid_backward, grad, result), () => ({ grad, result }));
}
export function thresholdBackward(grad: Tensor, self: Tensor): Tensor {
  return record('thresholdBackward', [grad, self], fusedBackward(BinaryOp.threshold_backward, grad, self), () => ({ self }));
}

export interface ClampOptions {
  min?: TensorLike | null;
  max?: TensorLike | null;
}

/**
 * Clamps each element into [min, max] (either bound may be omitted or a tensor).
 *
 * @see torch.clamp
 * @example
 * ```ts
 * const x = tg.tensor([-2, 0.5, 3])
 * tg.clamp(x, { min: 0, max: 1 }) // tensor([0.0000, 0.5000, 1.0000])
 * ```
 */
export function clamp(x: Tensor, min?: TensorLike | null | ClampOptions, max?: TensorLike | null): Tensor {
  checkTensor('clamp', x);
  let lo = min as TensorLike | null | undefined, hi = max;
  if (min !== null && typeof min === 'object' && !(min instanceof Tensor)) ({ min: lo, max: hi } = min);
  if (lo === undefined) lo = null;
  if (hi === undefined) hi = null;
  if (lo === null && hi === null) throw typeError('clamp', "at least one of 'min' or 'max' must not be None");
  if (lo instanceof Tensor || hi instanceof Tensor) return clampTensor(x, lo, hi);
  for (const v of [lo, hi]) if (v !== null && typeof v !== 'number') throw typeError('clamp', `bounds must be numbers or Tensors, got ${describe(v)}`);
  const a = lo as number | null, b = hi as number | null;
  let dt = x.dtype;
  for (const v of [a, b]) if (v !== null) dt = promoteScalar(dt, v);
  const { data: src, strides } = orderedValues(cast(x, dt)); // Note [Output layout]
  const out = wrapStrided(native.clamp(src, a, b, outData(dt, src.length)), x.shape.slice(), dt, strides);
  return record('clamp', [x], out, () => ({ self: x, min: a, max: b }));
}

/**
 * clamp with tensor bounds (broadcast with x): min(max(x, min), max) as ATen, so where min > max the result is
 * max. One ClampBackward0 node: x's grad where min <= x <= max, min's where x < min < max, max's where x > max or
 * max < min (PyTorch's clamp_backward_min_max).
 */
function clampTensor(x: Tensor, lo: TensorLike | null, hi: TensorLike | null): Tensor {
  for (const b of [lo, hi]) {
    if (b !== null && !(b instanceof Tensor) && typeof b !== 'number') throw typeError('clamp', `bounds must be Tensors or numbers, got ${describe(b)}`);
    if (b instanceof Tensor) checkTensor('clamp', b, 'a bound');
  }
  const asT = (b: TensorLike | null): Tensor | null => (b === null ? null : b instanceof Tensor ? b : full([], Number(b), { dtype: x.dtype }));
  const minT = asT(lo), maxT = asT(hi);
  let shape = x.shape;
  for (const b of [minT, maxT]) if (b) shape = broadcastShapes('clamp', shape, b.shape);
  const out = noGrad(() => {
    let r: Tensor = x;
    if (minT) r = maximum(r, minT);
    if (maxT) r = minimum(r, maxT);
    return r === x ? clone(x) : r;
  });
  return record('clampTensor', [x, minT, maxT], out, () => ({ self: x, min: minT, max: maxT }));
}

/**
 * Picks `input` where `condition` is true and `other` elsewhere, with broadcasting.
 *
 * Picks x where condition is true, else y (broadcast together). With the condition alone, the indices of its
 * non-zero elements, one int32 tensor per dim (nonzero(condition, { asTuple: true })).
 *
 * @see torch.where
 * @example
 * ```ts
 * const x = tg.tensor([1, -2, 3])
 * tg.where(x.gt(0), x, 0) // tensor([1., 0., 3.])
 * ```
 */
export function where(condition: TensorLike): Tensor[];
export function where(condition: TensorLike, x: TensorLike, y: TensorLike): Tensor;
export function where(condition: TensorLike, x?: TensorLike, y?: TensorLike): Tensor | Tensor[] {
  if (!(condition instanceof Tensor)) throw typeError('where', `condition must be a Tensor, got ${describe(condition)}`);
  if (condition.isDisposed) throw disposedError('where', condition.shape);
  if (x === undefined && y === undefined) return nonzeroTuple('where', condition);
  if (x === undefined || y === undefined) throw typeError('where', 'expected the condition alone or the condition, input and other');
  checkOperand('where', x, 'input');
  checkOperand('where', y, 'other');
  if (condition.dtype !== 'bool') throw typeError('where', `expected condition to be a bool tensor, but got a tensor with dtype ${condition.dtype}`);
  const cond = condition;
  const xt = x instanceof Tensor ? x : null, yt = y instanceof Tensor ? y : null;
  let dt: DType;
  if (xt && yt) dt = promoteTypes(xt.dtype, xt.ndim, yt.dtype, yt.ndim);
  else if (xt) dt = promoteScalar(xt.dtype, y as Scalar);
  else if (yt) dt = promoteScalar(yt.dtype, x as Scalar);
  else dt = defaultFloat();
  const xs = xt ? xt.shape : [], ys = yt ? yt.shape : [];
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, xs), ys);
  const xv = xt ? cast(xt, dt) : full([], Number(x), { dtype: dt });
  const yv = yt ? cast(yt, dt) : full([], Number(y), { dtype: dt });
  // Strided operands: the result takes their iteration order (condition first, as PyTorch's iterator), each
  // operand read in that order (Note [Output layout]).
  const order = cond._contig && xv._contig && yv._contig ? null : iterationOrder([cond, xv, yv], shape);
  if (order !== null) {
    const inOrder = (t: Tensor) => noGrad(() => t.expand(shape).permute(order)._data);
    const data = native.where(inOrder(cond) as Uint8Array, inOrder(xv), inOrder(yv), null, null, null, null, outData(dt, numelOf(shape)));
    return record('where', [xt, yt], wrapStrided(data, shape, dt, stridesInOrder(shape, order)), () => ({ condition: cond }));
  }
  const data = native.where(cond._data as Uint8Array, xv._data, yv._data, cond.shape, xv.shape, yv.shape, shape, outData(dt, numelOf(shape)));
  return record('where', [xt, yt], wrap(data, shape, dt), () => ({ condition: cond }));
}
