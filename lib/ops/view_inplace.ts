// The in-place view ops: squeeze_, unsqueeze_, t_, transpose_ (swapaxes_, swapdims_), asStrided_, resize_ and
// resizeAs_. They change the tensor's own geometry over the same storage, as PyTorch's. See Note [In-place view ops].
import { Tensor, checkTensor } from '../tensor.js';
import { allocData } from '../storage.js';
import { dtypeCode } from '../dtype.js';
import { checkShape, contiguousStrides, numelOf } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, gradMode, noGrad, checkViewInplace, fwState, type RowName } from '../autograd/record.js';
import * as S from './shape.js';

/**
 * Note [In-place view ops]: x.OP_(...) computes the view x.OP(...) with grad mode off (its checks, its
 * geometry), then gives x that geometry and bumps the version, as PyTorch's set_sizes_and_strides plus the
 * in-place op's bump (so a node that saved x fails at backward). With autograd, x's node becomes PyTorch's node of
 * the in-place overload (UnsqueezeBackward1, TBackward1, ...) fed by x's old history; a view keeps its base and
 * its replay gains the op, so later in-place writes through it still reach the base (CopySlices), and no
 * CopySlices is made for the view op itself. As in PyTorch, a leaf that requires grad and any view of one refuse
 * ("a view of a leaf Variable ..."). Views made of x earlier keep their own places in the storage (Note [In-place
 * view ops on a base] in lib/autograd/views.ts).
 */
function viewInplace<T extends Tensor>(op: string, x: T, view: (t: Tensor) => Tensor, row: RowName, saved: () => object): T {
  checkTensor(op, x);
  if (gradMode.enabled) {
    if (x.requiresGrad && x.isLeaf) throw new Error(`${op}: a view of a leaf Variable that requires grad is being used in an in-place operation.`);
    if (x._view !== null) checkViewInplace(op, x);
  }
  const v = noGrad(() => view(x));
  const strides = v.stride(), offset = v._offset;
  let stand: Tensor | null = null;
  if ((gradMode.enabled && x.requiresGrad) || fwState.active) {
    stand = new Tensor(x._box, v.shape.slice(), x.dtype, strides, offset);
    record(row, [x], stand, saved as never);
  }
  x._setGeometry(v.shape.slice(), strides, offset);
  x._box.version++;
  const info = x._view;
  if (info !== null) {
    const prev = info.replay;
    x._view = { ...info, replay: (b: Tensor) => view(prev(b)), version: x._box.version };
  }
  if (stand !== null && stand._fn !== null) {
    x._fn = stand._fn;
    x._outputNr = 0;
    x._rg = true;
  }
  if (stand !== null && fwState.active) {
    // x's tangent takes the new geometry too: the view op's tangent of the old one (Note [Forward AD])
    const t = fwState.tangents!.get(stand);
    if (t !== undefined) fwState.tangents!.set(x, t);
    else fwState.tangents!.delete(x);
  }
  return x;
}

/**
 * Removes size-1 dimensions of this tensor in place (all, or the given one); returns it.
 *
 * The in-place form of `tg.squeeze`: the tensor's own shape changes (no copy); recorded as SqueezeBackward2 (all
 * dims) or SqueezeBackward3 (one dim). See Note [In-place view ops].
 *
 * @see torch.Tensor.squeeze_
 * @example
 * ```ts
 * const x = tg.zeros(2, 1, 3)
 * x.squeeze_().shape // => [2, 3]
 * ```
 */
export function squeeze_<T extends Tensor>(x: T, dim?: number | null): T {
  const oldShape = () => ({ shape: x.shape.slice() });
  if (dim === undefined || dim === null) return viewInplace('squeeze_', x, (t) => S.squeeze(t), 'squeezeInplace', oldShape);
  return viewInplace('squeeze_', x, (t) => S.squeeze(t, dim), 'squeezeDimInplace', oldShape);
}

/**
 * Inserts a size-1 dimension at `dim` in place; returns this tensor.
 *
 * @see torch.Tensor.unsqueeze_
 * @example
 * ```ts
 * const x = tg.zeros(2, 3)
 * x.unsqueeze_(0).shape // => [1, 2, 3]
 * ```
 */
export function unsqueeze_<T extends Tensor>(x: T, dim: number): T {
  if (typeof dim !== 'number') throw typeError('unsqueeze_', `dim must be an integer, got ${describe(dim)}`);
  const d = dim < 0 ? dim + x.ndim + 1 : dim;
  return viewInplace('unsqueeze_', x, (t) => S.unsqueeze(t, dim), 'unsqueezeInplace', () => ({ dim: d }));
}

/**
 * Transposes this tensor (at most 2-d) in place; returns it.
 *
 * @see torch.Tensor.t_
 * @example
 * ```ts
 * const x = tg.zeros(2, 3)
 * x.t_().shape // => [3, 2]
 * ```
 */
export function t_<T extends Tensor>(x: T): T {
  checkTensor('t_', x);
  if (x.ndim > 2) throw rangeError('t_', `t_() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D (shape ${fmtShape(x.shape)})`);
  return viewInplace('t_', x, (t) => S.t(t), 'tInplace', () => ({}));
}

/**
 * Swaps dimensions `dim0` and `dim1` of this tensor in place; returns it.
 *
 * @see torch.Tensor.transpose_
 * @example
 * ```ts
 * const x = tg.zeros(2, 3, 4)
 * x.transpose_(0, 2).shape // => [4, 3, 2]
 * ```
 */
export function transpose_<T extends Tensor>(x: T, dim0: number, dim1: number): T {
  return transposeAs('transpose_', x, dim0, dim1);
}
function transposeAs<T extends Tensor>(op: string, x: T, dim0: number, dim1: number): T {
  return viewInplace(op, x, (t) => S.transpose(t, dim0, dim1), 'transposeInplace', () => ({ dim0, dim1 }));
}
/**
 * transpose_ under NumPy's name; returns this tensor.
 *
 * @see torch.Tensor.swapaxes_
 * @example
 * ```ts
 * tg.zeros(2, 3).swapaxes_(0, 1).shape // => [3, 2]
 * ```
 */
export function swapaxes_<T extends Tensor>(x: T, axis0: number, axis1: number): T {
  return transposeAs('swapaxes_', x, axis0, axis1);
}
/**
 * transpose_ under NumPy's other name; returns this tensor.
 *
 * @see torch.Tensor.swapdims_
 * @example
 * ```ts
 * tg.zeros(2, 3).swapdims_(0, 1).shape // => [3, 2]
 * ```
 */
export function swapdims_<T extends Tensor>(x: T, dim0: number, dim1: number): T {
  return transposeAs('swapdims_', x, dim0, dim1);
}

/**
 * Gives this tensor the sizes, strides and storage offset given, over its storage (in place); returns it.
 *
 * The in-place form of `tg.asStrided` (AsStridedBackward1); the geometry must stay inside the storage.
 *
 * @see torch.Tensor.as_strided_
 * @example
 * ```ts
 * const x = tg.arange(6)
 * x.asStrided_([2, 2], [1, 2], 1)
 * // tensor([[1., 3.],
 * //         [2., 4.]])
 * ```
 */
export function asStrided_<T extends Tensor>(x: T, size: number[], stride: number[], storageOffset: number | null = null): T {
  checkTensor('asStrided_', x);
  if (storageOffset !== null && !Number.isSafeInteger(storageOffset)) throw typeError('asStrided_', `storageOffset must be an integer, got ${describe(storageOffset)}`);
  const before = { shape: x.shape.slice(), strides: x.stride(), offset: x._offset };
  const off = storageOffset ?? x._offset, rel = off - x._offset; // relative, so the view replays on any tensor laid out as x
  return viewInplace('asStrided_', x, (t) => S.asStrided(t, size, stride, t._offset + rel), 'asStridedInplace', () => ({
    ...before, size: size.slice(), stride: stride.slice(), storageOffset: off,
  }));
}

/**
 * Gives this tensor a new shape in place, growing its storage when needed; returns it.
 *
 * The tensor becomes contiguous with the given sizes at its storage offset. When the storage is too short it is
 * reallocated (the old values kept, the new ones uninitialized: zeros here) and every view of it sees the new
 * storage; it never shrinks. A tensor that requires grad is refused, as PyTorch ("cannot resize variables that
 * require grad"). No version bump (PyTorch's resize_ leaves _version alone).
 *
 * @see torch.Tensor.resize_
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3, 4])
 * x.resize_(2, 2)
 * // tensor([[1., 2.],
 * //         [3., 4.]])
 * ```
 */
export function resize_<T extends Tensor>(x: T, ...size: (number | number[])[]): T {
  const shape = (size.length === 1 && Array.isArray(size[0]) ? size[0] : size) as number[];
  return resizeAs('resize_', x, shape);
}
function resizeAs<T extends Tensor>(op: string, x: T, shape: number[]): T {
  checkTensor(op, x);
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== 'number')) throw typeError(op, `expected a list of sizes, got ${describe(shape)}`);
  if (shape.some((d) => d < 0)) throw rangeError(op, `Trying to create tensor with negative dimension: sizes ${fmtShape(shape)}`);
  checkShape(op, shape);
  if (x.requiresGrad) throw new Error(`${op}: cannot resize variables that require grad (a tensor of shape ${fmtShape(x.shape)})`);
  const need = x._offset + numelOf(shape);
  const box = x._box;
  if (numelOf(shape) > 0 && need > box.data.length) {
    const old = box.data;
    const grown = box.shared ? new (old.constructor as new (b: SharedArrayBuffer) => typeof old)(new SharedArrayBuffer(need * old.BYTES_PER_ELEMENT)) : allocData(dtypeCode[x.dtype], need);
    grown.set(old as never);
    box.data = grown;
  }
  x._setGeometry(shape.slice(), contiguousStrides(shape), x._offset);
  return x;
}

/**
 * Gives this tensor `other`'s shape in place (resize_(other.shape)); returns it. Its dtype stays.
 *
 * @see torch.Tensor.resize_as_
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3, 4])
 * x.resizeAs_(tg.zeros(2, 2)).shape // => [2, 2]
 * ```
 */
export function resizeAs_<T extends Tensor>(x: T, other: Tensor): T {
  checkTensor('resizeAs_', other, 'other');
  return resizeAs('resizeAs_', x, other.shape);
}
