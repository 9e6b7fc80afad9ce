// In-place ops (zero_ fill_ add_ sub_ mul_ div_ clamp_ copy_): the leaf check, version bumps, and graph
// rebasing when the result needs grad. See Note [In-place ops].
import { Tensor, TensorLike } from '../tensor.js';
import { native, BinaryOp } from '../native.js';
import { fillData, type Data } from '../storage.js';
import { gradMode, noGrad, rebaseHistory, checkViewInplace, fwState } from '../autograd/record.js';
import { promoteScalar, promoteTypes, isFloat, isInt, isSmall, defaultFloat } from '../dtype.js';
import { checkFits, elementOf } from '../small_cast.js';
import { broadcastShapes, sameShape } from '../shape.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { add, sub, mul, div, clamp, ClampOptions, smallArithInPlace } from './elementwise.js';
import { to, clone } from './creation.js';
import { expand, checkWritable } from './shape.js';
import { record } from '../autograd/record.js';

// Note [In-place ops]: an in-place op on a tensor that takes part in autograd is computed out of place with
// the graph recorded as usual, then copied into the tensor's storage, and the tensor takes the new node as
// its gradFn (rebaseHistory; on a view, its base takes PyTorch's CopySlices: lib/autograd/views.ts). Every
// in-place write bumps the storage's version, so a node that saved the old value fails loudly at backward
// time instead of using the new one. Without autograd the kernel writes in place; into a non-contiguous view
// the result is computed out of place and written through the strides.

/**
 * The checks of every in-place op on its target (Note [In-place ops]), errors named by op. `sameValue`: every
 * element gets one value (fill_, zero_), so writing a shared place many times is well defined (PyTorch allows
 * it on an expanded tensor).
 */
export function checkTarget(op: string, x: unknown, sameValue = false): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError(op, x.shape);
  if (!sameValue) checkWritable(op, x);
  if (gradMode.enabled) {
    if (x.isLeaf && x.requiresGrad) throw new Error(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
    if (x._view !== null) checkViewInplace(op, x);
  }
}


function needsGraph(x: Tensor, other: TensorLike): boolean {
  return gradMode.enabled && (x.requiresGrad || (other instanceof Tensor && other.requiresGrad));
}

/** Result dtype of x OP other must be castable back into x (PyTorch's rule: no float into int, no int into bool). */
function checkResultType(op: string, x: Tensor, other: TensorLike, floatResult = false): void {
  let r = other instanceof Tensor ? promoteTypes(x.dtype, x.ndim, other.dtype, other.ndim) : promoteScalar(x.dtype, other as number);
  if (floatResult && !isFloat(r)) r = defaultFloat();
  const ok = r === x.dtype || isFloat(x.dtype) || (isInt(x.dtype) && !isFloat(r)); // int64 into int32 casts, as PyTorch
  if (!ok) throw typeError(op, `result type ${r} can't be cast to the desired output type ${x.dtype}`);
}

function commit(x: Tensor, r: Tensor): void {
  const src = r.dtype === x.dtype ? r : noGrad(() => to(r, x.dtype));
  x._storeValues(src._data);
  x._box.version++;
  if (r.gradFn !== null) rebaseHistory(x, r.gradFn, r._outputNr);
  if (fwState.active) fwState.inplace!(x, fwState.tangents!.get(r) ?? null); // Note [Forward AD]
}

/** Records row on x as an in-place op: its node takes x's place in the graph (Note [In-place ops]). */
function recordInPlace(row: 'zero' | 'fill' | 'copy', inputs: Tensor[], x: Tensor): void {
  const stand = record(row, inputs, new Tensor(x._box, x.shape, x.dtype));
  if (stand._gradFn !== null) rebaseHistory(x, stand._gradFn, 0);
  if (fwState.active) fwState.inplace!(x, fwState.tangents!.get(stand) ?? null); // Note [Forward AD]
}

/**
 * The in-place form of an out-of-place op (indexFill_, maskedFill_, scatter_, ...): checks x as a target, runs
 * `outOfPlace()` (which reads x and records its node as usual) and writes the result into x, which takes the
 * node as its gradFn (Note [In-place ops]). The result must have x's shape.
 */
export function inplaceFrom<T extends Tensor>(op: string, x: T, outOfPlace: () => Tensor): T {
  checkTarget(op, x);
  const r = outOfPlace();
  if (!sameShape(r.shape, x.shape)) throw rangeError(op, `the result of shape ${fmtShape(r.shape)} does not fit the tensor of shape ${fmtShape(x.shape)}`);
  commit(x, r);
  return x;
}

function binaryInplace(op: string, code: BinaryOp | -1, x: Tensor, other: TensorLike, outOfPlace: () => Tensor, floatResult = false): Tensor {
  checkTarget(op, x);
  if (!(other instanceof Tensor) && typeof other !== 'number' && typeof other !== 'boolean')
    throw typeError(op, `expected a Tensor or a number, got ${describe(other)}`);
  if (other instanceof Tensor && other.isDisposed) throw disposedError(op, other.shape);
  checkResultType(op, x, other, floatResult);
  // An operand over x's own memory at another place would be read while it is being written: read a copy.
  if (other instanceof Tensor && other._box === x._box && (other._offset !== x._offset || other._contig !== x._contig)) other = noGrad(() => clone(other as Tensor));
  if (other instanceof Tensor && !sameShape(broadcastShapes(op, x.shape, other.shape), x.shape))
    throw rangeError(op, `output with shape ${fmtShape(x.shape)} doesn't match the broadcast shape ${fmtShape(broadcastShapes(op, x.shape, other.shape))}`);
  const fast = x._contig && !needsGraph(x, other) && !fwState.active && isFloat(x.dtype) && (!(other instanceof Tensor) || other.dtype === x.dtype);
  if (fast && code !== -1) {
    const same = other instanceof Tensor && sameShape(x.shape, other.shape);
    if ((same || !(other instanceof Tensor)) && smallArithInPlace(code, x._data, same ? (other as Tensor)._data : Number(other), x.dtype)) {
      x._box.version++;
      return x;
    }
    if (other instanceof Tensor) {
      if (same) native.binary(code, x._data, other._data, null, null, null, x._data);
      else native.binary(code, x._data, other._data, x.shape, other.shape, x.shape, x._data);
    } else {
      native.binaryScalar(code, x._data, Number(other), x._data);
    }
    x._box.version++;
    return x;
  }
  commit(x, outOfPlace());
  return x;
}

export function add_<T extends Tensor>(x: T, other: TensorLike, alpha?: number | { alpha?: number }): T {
  const plain = alpha === undefined || alpha === 1 || (typeof alpha === 'object' && alpha !== null && (alpha.alpha ?? 1) === 1);
  return binaryInplace('add_', plain ? BinaryOp.add : -1, x, other, () => add(x, other, alpha)) as T;
}
export function sub_<T extends Tensor>(x: T, other: TensorLike, alpha?: number | { alpha?: number }): T {
  const plain = alpha === undefined || alpha === 1 || (typeof alpha === 'object' && alpha !== null && (alpha.alpha ?? 1) === 1);
  return binaryInplace('sub_', plain ? BinaryOp.sub : -1, x, other, () => sub(x, other, alpha)) as T;
}
/**
 * x itself, or a graph-recording copy when the out-of-place op would save x for backward: commit() overwrites
 * x's storage, so the node must hold the original values (PyTorch saves `original_self` the same way).
 */
function selfForSave(x: Tensor, saves: boolean): Tensor {
  return saves && gradMode.enabled && x.requiresGrad ? clone(x) : x;
}
const savesSelf = (other: TensorLike): boolean => other instanceof Tensor && other.requiresGrad;

export function mul_<T extends Tensor>(x: T, other: TensorLike): T {
  return binaryInplace('mul_', BinaryOp.mul, x, other, () => mul(selfForSave(x, savesSelf(other)), other)) as T;
}
export function div_<T extends Tensor>(x: T, other: TensorLike): T {
  return binaryInplace('div_', BinaryOp.div, x, other, () => div(selfForSave(x, savesSelf(other)), other), true) as T;
}
export function clamp_<T extends Tensor>(x: T, min?: number | null | ClampOptions, max?: number | null): T {
  checkTarget('clamp_', x);
  const r = clamp(selfForSave(x, true), min, max);
  // Tensor bounds broadcast: a result larger than x cannot be written into it (PyTorch's message).
  if (r.shape.length !== x.shape.length || r.shape.some((d, i) => d !== x.shape[i]))
    throw rangeError('clamp_', `output with shape ${fmtShape(x.shape)} doesn't match the broadcast shape ${fmtShape(r.shape)}`);
  commit(x, r);
  return x;
}

/** Fills with a value. */
export function fill_<T extends Tensor>(x: T, value: number | boolean): T {
  return fillWith('fill_', x, value);
}
/** Fills with zeros (its own node, ZeroBackward0, as in PyTorch). */
export function zero_<T extends Tensor>(x: T): T {
  return fillWith('zero_', x, 0);
}
function fillWith<T extends Tensor>(op: 'fill_' | 'zero_', x: T, value: number | boolean): T {
  checkTarget(op, x, true);
  if (typeof value !== 'number' && typeof value !== 'boolean') throw typeError(op, `expected a number, got ${describe(value)}`);
  // Note [Small dtypes]: their fill value is checked and converted to the stored element here.
  if (isSmall(x.dtype)) checkFits(op, x.dtype, value);
  const v = isSmall(x.dtype) ? elementOf(x.dtype, value) : Number(value);
  if (x._contig) fillData(x._data, v, x.dtype === 'uint8');
  else {
    const values = x._data; // a fresh copy
    fillData(values, v, x.dtype === 'uint8');
    x._storeValues(values);
  }
  x._box.version++;
  if ((gradMode.enabled && x.requiresGrad) || fwState.active) recordInPlace(op === 'zero_' ? 'zero' : 'fill', [x], x);
  return x;
}

/** Copies src (broadcast to x's shape, cast to x's dtype) into x. */
/** src can be broadcast to shape (expand's rule), else a RangeError naming op (not expand). */
function broadcastTo(op: string, src: readonly number[], shape: readonly number[]): void {
  const off = shape.length - src.length;
  if (off < 0 || src.some((d, i) => d !== 1 && d !== shape[off + i]))
    throw rangeError(op, `source of shape ${fmtShape(src)} cannot be broadcast to the destination shape ${fmtShape(shape)}`);
}

export function copy_<T extends Tensor>(x: T, src: Tensor): T {
  checkTarget('copy_', x);
  if (!(src instanceof Tensor)) throw typeError('copy_', `expected a Tensor, got ${describe(src)}`);
  if (src.isDisposed) throw disposedError('copy_', src.shape);
  broadcastTo('copy_', src.shape, x.shape);
  // A source in x's own memory is read whole before any element is written.
  const from = src._box === x._box ? noGrad(() => clone(src)) : src;
  const expanded = noGrad(() => (sameShape(from.shape, x.shape) ? from : expand(from, x.shape)));
  const cast = noGrad(() => to(expanded, x.dtype));
  x._storeValues(cast._data);
  x._box.version++;
  if ((gradMode.enabled && (x.requiresGrad || src.requiresGrad)) || fwState.active) recordInPlace('copy', [x, src], x);
  return x;
}
