// Shape ops. The view ops return tensors that share their input's storage (Note [Strided tensors] in
// storage.ts): reshape (when the strides allow), view, flatten, squeeze, unsqueeze, transpose, swapaxes, t,
// permute, movedim, expand, narrow, select, slice, unfold, diagonal, asStrided, split, chunk and unbind.
// Autograd records each as its own node, and learns how to redo it (Note [Views and autograd] in tensor.ts).
// cat and stack copy.
import { Tensor, checkTensor, type ViewInfo } from '../tensor.js';
import { dtypeCode, promoteTypes } from '../dtype.js';
import { allocData } from '../storage.js';
import { native } from '../native.js';
import { checkShape, contiguousStrides, numelOf, wrapDim, MAX_DIMS } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, gradMode } from '../autograd/record.js';
import { wrap, clone } from './creation.js';
import * as gradModeFns from '../autograd/record.js';

/**
 * A view of x with the given geometry, sharing x's storage. `replay` redoes it on another tensor of x's
 * shape; with x's own replay it tells autograd how to make this view from the base (Note [Views and
 * autograd]). `multiOutput` names the node of an op that returns several views (split, chunk, unbind).
 */
function makeView(x: Tensor, shape: number[], strides: number[], offset: number, replay: (t: Tensor) => Tensor, multiOutput?: string): Tensor {
  const out = new Tensor(x._box, shape, x.dtype, strides, offset);
  const parent = x._view;
  let creation: ViewInfo['creation'] = !gradMode.enabled ? 'noGrad' : multiOutput !== undefined ? 'multiOutput' : 'default';
  let opName = multiOutput ?? '';
  if (parent !== null && parent.creation !== 'default') {
    creation = parent.creation;
    opName = parent.opName;
  }
  out._view = {
    base: parent !== null ? parent.base : x,
    replay: parent !== null ? (b: Tensor) => replay(parent.replay(b)) : replay,
    version: x._box.version,
    creation,
    opName,
    baseShape: parent !== null ? parent.baseShape : x.shape,
  };
  return out;
}

/**
 * Throws unless every element of x has its own memory: an in-place write into an expanded tensor (a stride 0
 * over a dim longer than 1) would write one element many times, so PyTorch refuses it, and so does tensorgrad.
 */
export function checkWritable(op: string, x: Tensor): void {
  const st = x._strides;
  // An empty tensor has no element to write twice (PyTorch: it is contiguous, so it has no internal overlap);
  // zero strides appear in empty views of empty tensors (a diagonal of a [2, 2, 0] one; op fuzzer seeds 5, 6).
  if (st === null || numelOf(x.shape) === 0) return;
  for (let i = 0; i < st.length; i++)
    if (st[i] === 0 && x.shape[i] > 1)
      throw new Error(
        `${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location. ` +
          `Please clone() the tensor before performing the operation. (a tensor of shape ${fmtShape(x.shape)} with strides ${fmtShape(st)})`,
      );
}

/** Strides of x viewed as `shape` (ATen's computeStride), or null when no view can have that shape. */
function viewStridesFor(oldShape: readonly number[], oldStrides: readonly number[], shape: readonly number[]): number[] | null {
  if (oldShape.length === 0) return shape.map(() => 1);
  if (numelOf(oldShape) === 0) return oldShape.length === shape.length && oldShape.every((d, i) => d === shape[i]) ? oldStrides.slice() : contiguousStrides(shape);
  const out = new Array<number>(shape.length);
  let viewD = shape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1, viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || shape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= shape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? out : null;
}

/** Resolves one -1 in a requested shape against numel. */
function inferShape(op: string, shape: unknown, numel: number): number[] {
  if (!Array.isArray(shape)) throw typeError(op, `expected a shape array, got ${describe(shape)}`);
  let infer = -1;
  let known = 1;
  const out = shape.slice() as number[];
  for (let i = 0; i < out.length; i++) {
    const d = out[i];
    if (typeof d !== 'number' || !Number.isInteger(d)) throw typeError(op, `shape ${fmtShape(out)} must hold integers`);
    if (d === -1) {
      if (infer >= 0) throw rangeError(op, 'only one dimension can be inferred');
      infer = i;
    } else if (d < 0) throw rangeError(op, `invalid shape dimension ${d}`);
    else known *= d;
  }
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw rangeError(op, `shape ${fmtShape(out)} is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) throw rangeError(op, `shape ${fmtShape(out)} is invalid for input of size ${numel}`);
  return checkShape(op, out);
}

/**
 * The same values in a new shape (a view when possible); -1 infers one size.
 *
 * Same data, new shape (one dim may be -1): a view when the strides allow it, else a copy, as PyTorch.
 *
 * @see torch.reshape
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4, 5])
 * tg.reshape(x, 2, -1)
 * // tensor([[0., 1., 2.],
 * //         [3., 4., 5.]])
 * ```
 */
export function reshape(x: Tensor, shape: number[]): Tensor {
  checkTensor('reshape', x);
  const s = inferShape('reshape', shape, x.numel());
  const st = viewStridesFor(x.shape, x._stridesOrContiguous, s);
  if (st === null) {
    // PyTorch copies here (a fresh tensor): so does tensorgrad, with PyTorch's nodes.
    const c = clone(x);
    return record('unsafeView', [c], makeRoot(c, s), () => ({ shape: x.shape }));
  }
  return record('reshape', [x], makeView(x, s, st, x._offset, (b) => reshape(b, s)), () => ({ shape: x.shape }));
}

/** A tensor of `shape` over c's storage (c contiguous and not a view, so neither is the result). */
function makeRoot(c: Tensor, shape: number[]): Tensor {
  return new Tensor(c._box, shape, c.dtype);
}

/**
 * A view with a new shape; the tensor's layout must allow it (else use reshape).
 *
 * The same data with a new shape; an error when the strides do not allow it (use reshape).
 *
 * @see torch.view
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4, 5])
 * tg.view(x, [3, 2])
 * // tensor([[0., 1.],
 * //         [2., 3.],
 * //         [4., 5.]])
 * ```
 */
export function view(x: Tensor, shape: number[]): Tensor {
  checkTensor('view', x);
  const s = inferShape('view', shape, x.numel());
  const st = viewStridesFor(x.shape, x._stridesOrContiguous, s);
  if (st === null)
    throw rangeError('view', `view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead. (input of shape ${fmtShape(x.shape)} and strides ${fmtShape(x.stride())}, viewed as ${fmtShape(s)})`);
  return record('view', [x], makeView(x, s, st, x._offset, (b) => view(b, s)), () => ({ shape: x.shape }));
}

/**
 * Flattens dimensions `startDim..endDim` into one.
 *
 * Merges dims startDim..endDim into one.
 *
 * @see torch.flatten
 * @example
 * ```ts
 * const x = tg.zeros(2, 3, 4)
 * tg.flatten(x, 1).shape // => [2, 12]
 * ```
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  checkTensor('flatten', x);
  if (x.ndim === 0) return reshape(x, [1]);
  const s = wrapDim('flatten', startDim, x.ndim), e = wrapDim('flatten', endDim, x.ndim);
  if (s > e) throw rangeError('flatten', 'start_dim cannot come after end_dim');
  if (s === e) return x;
  const shape = [...x.shape.slice(0, s), numelOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/**
 * Removes dimensions of size 1 (all, or the given one).
 *
 * Drops size-1 dims (all, or the given one if it has size 1).
 *
 * @see torch.squeeze
 * @example
 * ```ts
 * const x = tg.zeros(1, 3, 1)
 * tg.squeeze(x).shape // => [3]
 * ```
 */
export function squeeze(x: Tensor, dim?: number): Tensor {
  checkTensor('squeeze', x);
  const st = x._stridesOrContiguous;
  if (dim === undefined) {
    const keep = (_: number, i: number) => x.shape[i] !== 1;
    const out = makeView(x, x.shape.filter(keep), st.filter(keep), x._offset, (b) => squeeze(b));
    return record('squeeze', [x], out, () => ({ shape: x.shape }));
  }
  const d = wrapDim('squeeze', dim, x.ndim);
  const drop = x.ndim > 0 && x.shape[d] === 1;
  const keep = (_: number, i: number) => !drop || i !== d;
  const out = makeView(x, x.shape.filter(keep), st.filter(keep), x._offset, (b) => squeeze(b, d));
  return record('squeezeDim', [x], out, () => ({ shape: x.shape }));
}

/**
 * Inserts a dimension of size 1 at `dim`.
 *
 * @see torch.unsqueeze
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.unsqueeze(x, 1)
 * // tensor([[1.],
 * //         [2.]])
 * ```
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  checkTensor('unsqueeze', x);
  const d = wrapDim('unsqueeze', dim, x.ndim + 1);
  if (x.ndim + 1 > MAX_DIMS) throw rangeError('unsqueeze', `at most ${MAX_DIMS} dims are supported`);
  const shape = x.shape.slice();
  shape.splice(d, 0, 1);
  const st = x._stridesOrContiguous.slice();
  st.splice(d, 0, d >= x.ndim ? 1 : x.shape[d] * st[d]);
  return record('unsqueeze', [x], makeView(x, shape, st, x._offset, (b) => unsqueeze(b, d)), () => ({ dim: d }));
}

/** fn(), with the allocator's size-limit RangeError (which serves every op) renamed to op. */
/** fn(), with the allocator's size-limit RangeError (which serves every op) renamed to op. */
function allocating<R>(op: string, fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError && /^cannot allocate/.test(e.message)) throw rangeError(op, e.message);
    throw e;
  }
}

/** x with its dims in the order `perm` (a view). */
function permuted(x: Tensor, perm: number[], replay: (t: Tensor) => Tensor): Tensor {
  const st = x._stridesOrContiguous;
  return makeView(x, perm.map((p) => x.shape[p]), perm.map((p) => st[p]), x._offset, replay);
}

/**
 * Reorders the dimensions (a view).
 *
 * Reorders dims (a view).
 *
 * @see torch.permute
 * @example
 * ```ts
 * const x = tg.zeros(2, 3, 4)
 * tg.permute(x, 2, 0, 1).shape // => [4, 2, 3]
 * ```
 */
export function permute(x: Tensor, dims: number[]): Tensor {
  checkTensor('permute', x);
  if (!Array.isArray(dims)) throw typeError('permute', `expected an array of dims, got ${describe(dims)}`);
  if (dims.length !== x.ndim)
    throw rangeError('permute', `number of dims don't match in permute: got ${dims.length} dims for a ${x.ndim}-d tensor of shape ${fmtShape(x.shape)}`);
  const perm = dims.map((d) => wrapDim('permute', d, x.ndim));
  if (new Set(perm).size !== perm.length) throw rangeError('permute', `repeated dim in ${fmtShape(dims)}`);
  return record('permute', [x], permuted(x, perm, (b) => permute(b, perm)), () => ({ dims: perm }));
}

/**
 * Moves dimension(s) from `source` to `destination`.
 *
 * Moves dims `source` to positions `destination` (a view; PyTorch records it as a permute).
 *
 * @see torch.movedim
 * @example
 * ```ts
 * const x = tg.zeros(2, 3, 4)
 * tg.movedim(x, 0, -1).shape // => [3, 4, 2]
 * ```
 */
export function movedim(x: Tensor, source: number | number[], destination: number | number[]): Tensor {
  return movedimAs('movedim', x, source, destination);
}

/**
 * Alias of movedim.
 *
 * movedim's NumPy name.
 *
 * @see torch.moveaxis
 * @example
 * ```ts
 * const x = tg.zeros(2, 3, 4)
 * tg.moveaxis(x, 2, 0).shape // => [4, 2, 3]
 * ```
 */
export function moveaxis(x: Tensor, source: number | number[], destination: number | number[]): Tensor {
  return movedimAs('moveaxis', x, source, destination);
}

function movedimAs(op: string, x: Tensor, source: number | number[], destination: number | number[]): Tensor {
  checkTensor(op, x);
  const src = (Array.isArray(source) ? source : [source]).map((d) => wrapDim(op, d, x.ndim));
  const dst = (Array.isArray(destination) ? destination : [destination]).map((d) => wrapDim(op, d, x.ndim));
  if (src.length !== dst.length)
    throw rangeError(op, `Invalid source or destination dims: source (${fmtShape(src)} dims) should contain the same number of dims as destination (${fmtShape(dst)} dims)`);
  if (new Set(src).size !== src.length) throw rangeError(op, `repeated dim in source (${fmtShape(src)})`);
  if (new Set(dst).size !== dst.length) throw rangeError(op, `repeated dim in destination (${fmtShape(dst)})`);
  // A 0-d tensor (dims 0 and -1 wrap as for one dim) is returned as an alias, as PyTorch does: there is no
  // permutation of no dims to build from [0].
  if (x.ndim === 0) return aliasOf(x);
  const perm = new Array<number>(x.ndim).fill(-1);
  src.forEach((s0, i) => (perm[dst[i]] = s0));
  const rest = x.shape.map((_, i) => i).filter((i) => !src.includes(i));
  for (let i = 0, k = 0; i < perm.length; i++) if (perm[i] === -1) perm[i] = rest[k++];
  return permute(x, perm);
}

/**
 * Alias of transpose.
 *
 * transpose's NumPy names.
 *
 * @see torch.swapaxes
 * @example
 * ```ts
 * const x = tg.zeros(2, 3)
 * tg.swapaxes(x, 0, 1).shape // => [3, 2]
 * ```
 */
export function swapaxes(x: Tensor, axis0: number, axis1: number): Tensor {
  return transposeAs('swapaxes', x, axis0, axis1);
}
/**
 * Alias of transpose.
 *
 * @see torch.swapdims
 * @example
 * ```ts
 * const x = tg.zeros(2, 3)
 * tg.swapdims(x, 0, 1).shape // => [3, 2]
 * ```
 */
export function swapdims(x: Tensor, dim0: number, dim1: number): Tensor {
  return transposeAs('swapdims', x, dim0, dim1);
}

/**
 * Swaps two dimensions (a view).
 *
 * Swaps two dims (a view).
 *
 * @see torch.transpose
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2, 3]])
 * tg.transpose(x, 0, 1)
 * // tensor([[1.],
 * //         [2.],
 * //         [3.]])
 * ```
 */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  return transposeAs('transpose', x, dim0, dim1);
}

function transposeAs(op: string, x: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor(op, x);
  const a = wrapDim(op, dim0, x.ndim), b = wrapDim(op, dim1, x.ndim);
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return record('transpose', [x], permuted(x, perm, (t0) => transpose(t0, a, b)), () => ({ dim0: a, dim1: b }));
}

/**
 * Transposes a 2-D tensor (0-D and 1-D unchanged).
 *
 * Transpose of a tensor with at most 2 dims (a view).
 *
 * @see torch.t
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.t(x)
 * // tensor([[1., 3.],
 * //         [2., 4.]])
 * ```
 */
export function t(x: Tensor): Tensor {
  checkTensor('t', x);
  if (x.ndim > 2) throw rangeError('t', `t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  return record('t', [x], permuted(x, x.ndim < 2 ? x.shape.map((_, i) => i) : [1, 0], (b) => t(b)));
}

/**
 * Broadcasts size-1 dimensions to a larger size without copying (-1 keeps one).
 *
 * Broadcasts size-1 dims to a larger shape (-1 keeps a dim): a view with stride 0 along the new sizes.
 *
 * @see torch.expand
 * @example
 * ```ts
 * const x = tg.tensor([[1], [2]])
 * tg.expand(x, 2, 3)
 * // tensor([[1., 1., 1.],
 * //         [2., 2., 2.]])
 * ```
 */
export function expand(x: Tensor, shape: number[]): Tensor {
  checkTensor('expand', x);
  if (!Array.isArray(shape)) throw typeError('expand', `expected a shape array, got ${describe(shape)}`);
  if (shape.length < x.ndim)
    throw rangeError('expand', `the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  const lead = shape.length - x.ndim;
  const st = x._stridesOrContiguous;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d));
  checkShape('expand', target);
  // a size past 2^53 passes as an integer and as an element count when another size is 0, but no kernel can index it
  const huge = target.find((d) => !Number.isSafeInteger(d));
  if (huge !== undefined) throw rangeError('expand', `size ${huge} is too large (target sizes ${fmtShape(shape)}, tensor sizes ${fmtShape(x.shape)})`);
  const strides = target.map((d, i) => {
    if (i < lead) return 0;
    const src = x.shape[i - lead];
    if (src === d) return st[i - lead];
    if (src === 1) return 0;
    throw rangeError('expand', `the expanded size of the tensor (${d}) must match the existing size (${src}) at non-singleton dimension ${i}. Target sizes: ${fmtShape(shape)}. Tensor sizes: ${fmtShape(x.shape)}`);
  });
  return record('expand', [x], makeView(x, target, strides, x._offset, (b) => expand(b, target)));
}

/**
 * The slice `start..start+length` of `dim` (a view).
 *
 * Elements start..start+length along dim (a view).
 *
 * @see torch.narrow
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4, 5])
 * tg.narrow(x, 0, 2, 3) // tensor([2., 3., 4.])
 * ```
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor('narrow', x);
  if (x.ndim === 0) throw rangeError('narrow', 'narrow() cannot be applied to a 0-dim tensor.');
  const d = wrapDim('narrow', dim, x.ndim);
  const size = x.shape[d];
  if (!Number.isInteger(start) || !Number.isInteger(length)) throw typeError('narrow', 'start and length must be integers');
  const s = start < 0 ? start + size : start;
  if (s < 0 || s > size) throw rangeError('narrow', `start (${start}) is out of bounds for dim ${d} of size ${size}`);
  if (length < 0 || s + length > size) throw rangeError('narrow', `start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  const out = narrowView(x, d, s, length, (b) => narrow(b, d, s, length));
  return record('narrow', [x], out, () => ({ shape: x.shape, dim: d, start: s }));
}

function narrowView(x: Tensor, d: number, s: number, length: number, replay: (t: Tensor) => Tensor, multiOutput?: string): Tensor {
  const shape = x.shape.slice();
  shape[d] = length;
  const st = x._stridesOrContiguous;
  return makeView(x, shape, st.slice(), x._offset + (length > 0 ? s * st[d] : 0), replay, multiOutput);
}

/**
 * The slice at `index` of `dim`, removing that dimension (a view).
 *
 * The slice at index along dim, with that dim removed (a view).
 *
 * @see torch.select
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.select(x, 1, 0) // tensor([1., 3.])
 * ```
 */
export function select(x: Tensor, dim: number, index: number): Tensor {
  checkTensor('select', x);
  if (x.ndim === 0) throw rangeError('select', 'select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim('select', dim, x.ndim);
  const size = x.shape[d];
  if (!Number.isInteger(index)) throw typeError('select', `index must be an integer, got ${describe(index)}`);
  if (index < -size || index >= size) throw rangeError('select', `index ${index} out of range for tensor of size ${fmtShape(x.shape)} at dimension ${d}`);
  const i = index < 0 ? index + size : index;
  const st = x._stridesOrContiguous;
  const keep = (_: number, k: number) => k !== d;
  const out = makeView(x, x.shape.filter(keep), st.filter(keep), x._offset + i * st[d], (b) => select(b, d, i));
  return record('select', [x], out, () => ({ shape: x.shape, dim: d, index: i }));
}

/**
 * Elements start, start + step, ... below end along dim (a view; Python's x[start:end:step] on one dim). Bounds
 * are clamped to the dim as Python's slices are; negative ones count from the end; step must be positive.
 */
export function slice(x: Tensor, dim = 0, start: number | null = null, end: number | null = null, step = 1): Tensor {
  checkTensor('slice', x);
  if (x.ndim === 0) throw rangeError('slice', 'slice() cannot be applied to a 0-dim tensor.');
  const d = wrapDim('slice', dim, x.ndim);
  for (const [name, v] of [['start', start], ['end', end], ['step', step]] as const)
    if (v !== null && !Number.isInteger(v)) throw typeError('slice', `${name} must be an integer or null, got ${describe(v)}`);
  if (step <= 0) throw rangeError('slice', `slice step must be positive, got ${step}`);
  const size = x.shape[d];
  const clampBound = (v: number | null, dflt: number) => (v === null ? dflt : Math.min(Math.max(v < 0 ? v + size : v, 0), size));
  const s = clampBound(start, 0);
  const e = Math.max(clampBound(end, size), s);
  const length = Math.ceil((e - s) / step);
  const shape = x.shape.slice();
  shape[d] = length;
  const st = x._stridesOrContiguous.slice();
  const offset = x._offset + (length > 0 ? s * st[d] : 0);
  st[d] *= step;
  const out = makeView(x, shape, st, offset, (b) => slice(b, d, s, e, step));
  return record('slice', [x], out, () => ({ shape: x.shape, dim: d, start: s, end: e, step }));
}

/** Windows of `size` elements every `step` along dim, as a new last dim (a view; PyTorch's Tensor.unfold). */
export function unfold(x: Tensor, dimension: number, size: number, step: number): Tensor {
  checkTensor('unfold', x);
  const d = wrapDim('unfold', dimension, Math.max(1, x.ndim));
  const len = x.ndim === 0 ? 1 : x.shape[d];
  for (const [name, v] of [['size', size], ['step', step]] as const)
    if (!Number.isInteger(v)) throw typeError('unfold', `${name} must be an integer, got ${describe(v)}`);
  if (size < 0) throw rangeError('unfold', `size is ${size} but must be >= 0`);
  if (size > len) throw rangeError('unfold', `maximum size for tensor at dimension ${d} is ${len} but size is ${size}`);
  if (step <= 0) throw rangeError('unfold', `step is ${step} but must be > 0`);
  const st = x._stridesOrContiguous;
  const shape = x.ndim === 0 ? [size] : x.shape.slice();
  const strides = x.ndim === 0 ? [1] : st.slice();
  if (x.ndim > 0) {
    shape[d] = Math.floor((len - size) / step) + 1;
    strides[d] = st[d] * step;
    shape.push(size);
    strides.push(st[d]);
  }
  const out = makeView(x, shape, strides, x._offset, (b) => unfold(b, d, size, step));
  return record('unfold', [x], out, () => ({ shape: x.shape, dim: d, size, step }));
}

/**
 * The diagonal of a matrix (or of dims dim1, dim2) as a view.
 *
 * The diagonal at `offset` of the (dim1, dim2) planes, as a new last dim (a view).
 *
 * @see torch.diagonal
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.diagonal(x) // tensor([1., 4.])
 * ```
 */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  checkTensor('diagonal', x);
  if (!Number.isInteger(offset)) throw typeError('diagonal', `offset must be an integer, got ${describe(offset)}`);
  const a = wrapDim('diagonal', dim1, x.ndim), b = wrapDim('diagonal', dim2, x.ndim);
  if (a === b) throw rangeError('diagonal', `diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const st = x._stridesOrContiguous;
  let n: number, off = x._offset;
  if (offset >= 0) {
    n = Math.max(0, Math.min(x.shape[a], x.shape[b] - offset));
    if (n > 0) off += offset * st[b];
  } else {
    n = Math.max(0, Math.min(x.shape[a] + offset, x.shape[b]));
    if (n > 0) off -= offset * st[a];
  }
  const keep = (_: number, k: number) => k !== a && k !== b;
  const shape = [...x.shape.filter(keep), n];
  const strides = [...st.filter(keep), st[a] + st[b]];
  const out = makeView(x, shape, strides, off, (t0) => diagonal(t0, offset, a, b));
  return record('diagonal', [x], out, () => ({ shape: x.shape, offset, dim1: a, dim2: b }));
}

/**
 * A view with the given sizes, strides and storage offset (no bounds beyond the storage).
 *
 * A view of x's storage with any sizes, strides and offset (PyTorch's as_strided; the offset is from the start
 * of the storage, x's own by default). Every element it names must lie in the storage.
 *
 * @see torch.as_strided
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4, 5])
 * tg.asStrided(x, [2, 2], [1, 2])
 * // tensor([[0., 2.],
 * //         [1., 3.]])
 * ```
 */
export function asStrided(x: Tensor, size: number[], stride: number[], storageOffset: number | null = null): Tensor {
  checkTensor('asStrided', x);
  if (!Array.isArray(size) || !Array.isArray(stride)) throw typeError('asStrided', 'expected size and stride arrays');
  checkShape('asStrided', size);
  if (size.length !== stride.length) throw rangeError('asStrided', `mismatch in length of strides and shape (${size.length} sizes, ${stride.length} strides)`);
  for (const s0 of stride) if (!Number.isInteger(s0) || s0 < 0) throw rangeError('asStrided', `as_strided: Negative strides are not supported at the moment, got strides: ${fmtShape(stride)}`);
  const off = storageOffset ?? x._offset;
  if (!Number.isInteger(off) || off < 0) throw rangeError('asStrided', `Tensor: invalid storage offset ${off}`);
  let reach = off;
  for (let i = 0; i < size.length; i++) if (size[i] > 0) reach += (size[i] - 1) * stride[i];
  const storage = x._box.data.length;
  if (numelOf(size) > 0 && reach >= storage)
    throw rangeError('asStrided', `setStorage: sizes ${fmtShape(size)}, strides ${fmtShape(stride)}, storage offset ${off} require a storage of ${reach + 1} elements, but the storage has ${storage}`);
  const sz = size.slice(), sd = stride.slice();
  const out = makeView(x, sz, sd, off, (b) => asStrided(b, sz, sd, off - x._offset + b._offset));
  return record('asStrided', [x], out, () => ({ shape: x.shape, strides: x._stridesOrContiguous.slice(), offset: x._offset, size: sz, stride: sd, storageOffset: off }));
}

function checkList(op: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0) throw typeError(op, 'expected a non-empty array of Tensors');
  for (const t of tensors) checkTensor(op, t);
  return tensors as Tensor[];
}

/**
 * Concatenates tensors along an existing dimension.
 *
 * Concatenates along an existing dim.
 *
 * @see torch.cat
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2]])
 * tg.cat([x, x], 0)
 * // tensor([[1., 2.],
 * //         [1., 2.]])
 * ```
 */
export function cat(tensors: Tensor[], dim = 0): Tensor {
  const list = checkList('cat', tensors);
  list.forEach((t, i) => {
    if (t.ndim === 0) throw rangeError('cat', `zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const ref = list.find((t) => !(t.ndim === 1 && t.shape[0] === 0)) ?? list[0];
  const d = wrapDim('cat', dim, ref.ndim);
  const dtype = list.reduce((dt, t) => promoteTypes(dt, 1, t.dtype, 1), list[0].dtype);
  const parts = list.filter((t) => !(t.ndim === 1 && t.shape[0] === 0 && ref.ndim !== 1));
  for (const t of parts) {
    if (t.ndim !== ref.ndim) throw rangeError('cat', `tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
    for (let k = 0; k < ref.ndim; k++)
      if (k !== d && t.shape[k] !== ref.shape[k])
        throw rangeError('cat', `sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${t.shape[k]} for tensor of shape ${fmtShape(t.shape)}`);
  }
  const shape = ref.shape.slice();
  shape[d] = parts.reduce((n, t) => n + t.shape[d], 0);
  const outer = numelOf(shape.slice(0, d));
  const inner = numelOf(shape.slice(d + 1));
  const out = wrap(allocating('cat', () => allocData(dtypeCode[dtype], numelOf(shape))), shape, dtype);
  const o = out._data;
  // Each part goes into its slab of out in one native strided copy that reads the part through its own
  // strides: no gather of a view (the grads split's backward concatenates are transposed views), no per-row loop.
  const outStrides = contiguousStrides(shape);
  let col = 0;
  for (const t of parts) {
    const src = t.dtype === dtype ? t : t.to(dtype);
    const chunk = t.shape[d] * inner;
    if (chunk > 0 && outer > 0) native.stridedCopy(o, col, outStrides, src._box.data, src._offset, src._stridesOrContiguous, src.shape);
    col += chunk;
  }
  return record('cat', list, out, () => ({ dim: d, sizes: list.map((t) => (t.ndim === 1 && t.shape[0] === 0 && ref.ndim !== 1 ? 0 : t.shape[d])) }));
}

/**
 * Stacks same-shaped tensors along a new dimension.
 *
 * Stacks same-shaped tensors along a new dim.
 *
 * @see torch.stack
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.stack([x, x], 1)
 * // tensor([[1., 1.],
 * //         [2., 2.]])
 * ```
 */
export function stack(tensors: Tensor[], dim = 0): Tensor {
  const list = checkList('stack', tensors);
  const d = wrapDim('stack', dim, list[0].ndim + 1);
  for (const t of list)
    if (t.shape.join() !== list[0].shape.join())
      throw rangeError('stack', `stack expects each tensor to be equal size, but got ${fmtShape(list[0].shape)} and ${fmtShape(t.shape)}`);
  const { noGrad } = gradModeFns;
  const out = noGrad(() => cat(list.map((t) => unsqueeze(t, d)), d));
  return record('stack', list, out, () => ({ dim: d }));
}

/**
 * Splits into chunks of a size (or a list of sizes) along `dim`.
 *
 * Splits into chunks of splitSize (the last may be smaller) or into the given sizes, along dim (views).
 *
 * @see torch.split
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4])
 * tg.split(x, 2).map(String) // => ['tensor([0., 1.])', 'tensor([2., 3.])', 'tensor([4.])']
 * ```
 */
export function split(x: Tensor, splitSize: number | number[], dim = 0): Tensor[] {
  checkTensor('split', x);
  if (x.ndim === 0) throw rangeError('split', 'split expects at least a 1-dimensional tensor');
  const d = wrapDim('split', dim, x.ndim);
  const size = x.ndim === 0 ? 1 : x.shape[d];
  let sizes: number[];
  if (Array.isArray(splitSize)) {
    sizes = splitSize.slice();
    if (sizes.some((s) => !Number.isInteger(s) || s < 0) || sizes.reduce((a, b) => a + b, 0) !== size)
      throw rangeError('split', `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${fmtShape(sizes)}`);
  } else {
    if (!Number.isInteger(splitSize) || splitSize < 0 || (splitSize === 0 && size !== 0)) throw rangeError('split', `split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
    sizes = [];
    for (let s = 0; s < size; s += splitSize) sizes.push(Math.min(splitSize, size - s));
    if (sizes.length === 0) sizes.push(0);
  }
  // The table's row object itself (never a copy): nodes are traced to their row by identity.
  const row = Array.isArray(splitSize) ? 'splitWithSizes' : 'split';
  const name = row === 'split' ? 'SplitBackward0' : 'SplitWithSizesBackward0';
  let start = 0;
  const outs = sizes.map((n) => {
    const s0 = start;
    start += n;
    return narrowView(x, d, s0, n, (b) => narrow(b, d, s0, n), name);
  });
  if (outs.length === 0) return outs; // split([]) of a size-0 dim (PyTorch: an empty tuple); no node to record
  return record(row, [x], outs, () => ({ shape: x.shape, dim: d, sizes, dtype: x.dtype }));
}

/**
 * Removes a dimension, returning the slices along it.
 *
 * The slices along dim, each with that dim removed (views).
 *
 * @see torch.unbind
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.unbind(x, 0)[1] // tensor([3., 4.])
 * ```
 */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  checkTensor('unbind', x);
  if (x.ndim === 0) throw rangeError('unbind', 'Dimension specified as 0 but tensor has no dimensions');
  const d = wrapDim('unbind', dim, x.ndim);
  const st = x._stridesOrContiguous;
  const keep = (_: number, k: number) => k !== d;
  const shape = x.shape.filter(keep), strides = st.filter(keep);
  const outs = Array.from({ length: x.shape[d] }, (_, i) => makeView(x, shape.slice(), strides.slice(), x._offset + i * st[d], (b) => select(b, d, i), 'UnbindBackward0'));
  if (outs.length === 0) return outs;
  return record('unbind', [x], outs, () => ({ shape: x.shape, dim: d, dtype: x.dtype }));
}

/**
 * Splits into `chunks` nearly equal pieces along `dim`.
 *
 * Splits into `chunks` nearly equal parts along dim.
 *
 * @see torch.chunk
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4, 5])
 * tg.chunk(x, 3)[1] // tensor([2., 3.])
 * ```
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  checkTensor('chunk', x);
  if (x.ndim === 0) throw rangeError('chunk', 'chunk expects at least a 1-dimensional tensor');
  if (!Number.isInteger(chunks) || chunks <= 0) throw rangeError('chunk', `chunk expects \`chunks\` to be greater than 0, got: ${typeof chunks === 'number' ? chunks : describe(chunks)}`);
  const d = wrapDim('chunk', dim, x.ndim);
  const size = x.shape[d];
  return split(x, Math.max(1, Math.ceil(size / chunks)), d);
}

/** A view of all of x (aten::alias; x.index('...') returns it, as x[...] does in PyTorch). */
export function aliasOf(x: Tensor): Tensor {
  checkTensor('alias', x);
  return record('alias', [x], makeView(x, x.shape.slice(), x._stridesOrContiguous.slice(), x._offset, (b) => aliasOf(b)));
}
