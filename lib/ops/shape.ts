// Shape ops. reshape/view/flatten/squeeze/unsqueeze share storage (the result is still contiguous);
// transpose/permute/t/expand/narrow/select copy through the native strided gather; cat/stack/split copy rows.
// The copies that PyTorch makes views refuse in-place writes: see Note [Copies that stand for views].
import { Tensor, checkTensor } from '../tensor.js';
import { native } from '../native.js';
import { dtypeCode } from '../dtype.js';
import { allocData, outData, type Storage } from '../storage.js';
import { checkShape, contiguousStrides, numelOf, wrapDim, MAX_DIMS } from '../shape.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { record } from '../autograd/record.js';
import { wrap, alias, clone } from './creation.js';
import * as gradModeFns from '../autograd/record.js';

/**
 * Note [Copies that stand for views]: in PyTorch transpose, permute, t, expand, narrow, select, split and
 * chunk return views, and writing through one in place changes the original tensor. Storage here is
 * contiguous, so they return copies, and a write into one would silently miss the original. Until strided
 * views land, such a copy carries `_viewCopy`: the op that made it and the strides PyTorch's view would have.
 * Every in-place write (ops/inplace.ts, detach_, asTypedArray, nn.Parameter, optimizer steps) refuses it with
 * checkWritable()'s error. Aliases of it (reshape, view, flatten, squeeze, unsqueeze, detach, .data) keep the
 * mark with their own PyTorch strides; a reshape PyTorch cannot do as a view is a real copy here too (clone +
 * UnsafeViewBackward0), and contiguous() of a non-contiguous one is a clone, both free to write. Grads made by
 * the engine lose the mark (engine.ts), since no user tensor is their base. The other direction is caught
 * too: a copy whose original was written in place since (PyTorch's view would show the change) refuses to be
 * read (checkFresh).
 */
export interface ViewCopy {
  /** The op whose result this is (or aliases), e.g. 'narrow'. */
  readonly op: string;
  /** The strides (in elements) PyTorch's view would have. */
  readonly strides: readonly number[];
  /** The storage it was copied from (weakly: a copy must not keep its original's memory alive) ... */
  readonly base: WeakRef<Storage>;
  /** ... and that storage's version then: a later in-place write there makes this copy stale. */
  readonly baseVersion: number;
  /** The original's own mark when it was itself such a copy (its staleness is this one's). */
  readonly upstream: ViewCopy | null;
}

/** The strides PyTorch would give x: its view strides for a marked copy, else contiguous ones. */
function viewStrides(x: Tensor): readonly number[] {
  return x._viewCopy !== null ? x._viewCopy.strides : contiguousStrides(x.shape);
}

/** Marks `out` as the copy of x that `op` made where PyTorch returns a view with `strides`. */
function markCopy<T extends Tensor>(out: T, op: string, strides: readonly number[], x: Tensor): T {
  out._viewCopy = { op, strides: strides.slice(), base: new WeakRef(x._box), baseVersion: x._box.version, upstream: x._viewCopy };
  return out;
}

/** An alias of x keeps x's mark, with the strides PyTorch's view of the alias would have. */
function keepMark<T extends Tensor>(out: T, x: Tensor, strides: () => readonly number[]): T {
  const vc = x._viewCopy;
  if (vc !== null) out._viewCopy = { ...vc, strides: strides().slice() };
  return out;
}

/** PyTorch's is_contiguous for these sizes and strides. */
export function isContiguousStrides(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 0) return true;
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
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

/** Throws when x is a copy standing for a PyTorch view (Note [Copies that stand for views]). */
export function checkWritable(op: string, x: Tensor): void {
  const vc = x._viewCopy;
  if (vc === null) return;
  throw new Error(
    `${op}: the result of ${vc.op}() is a copy in tensorgrad, not a view of its input; writing to it in place ` +
      `would not change the original tensor (shape ${fmtShape(x.shape)}). Write into the original tensor instead ` +
      '(e.g. build the new values with tg.cat / tg.where and copy_ them into it), or call .clone() on the ' +
      'result first if a separate tensor is what you want.',
  );
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

/** Same data, new shape (one dim may be -1); shares storage. @example x.reshape([2, -1]) */
export function reshape(x: Tensor, shape: number[]): Tensor {
  checkTensor('reshape', x);
  const s = inferShape('reshape', shape, x.numel());
  if (x._viewCopy !== null) {
    const st = viewStridesFor(x.shape, x._viewCopy.strides, s);
    // PyTorch copies here (a fresh tensor): so does tensorgrad, with PyTorch's nodes.
    if (st === null) {
      const c = clone(x);
      return record('unsafeView', [c], alias(c, s), () => ({ shape: x.shape }));
    }
    return keepMark(record('reshape', [x], alias(x, s), () => ({ shape: x.shape })), x, () => st);
  }
  return record('reshape', [x], alias(x, s), () => ({ shape: x.shape }));
}

/** Like reshape (always a view here, since storage is contiguous). */
export function view(x: Tensor, shape: number[]): Tensor {
  checkTensor('view', x);
  const s = inferShape('view', shape, x.numel());
  if (x._viewCopy !== null) {
    const st = viewStridesFor(x.shape, x._viewCopy.strides, s);
    if (st === null)
      throw rangeError('view', `view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead. (input of shape ${fmtShape(x.shape)}, the result of ${x._viewCopy.op}(), viewed as ${fmtShape(s)})`);
    return keepMark(record('view', [x], alias(x, s), () => ({ shape: x.shape })), x, () => st);
  }
  return record('view', [x], alias(x, s), () => ({ shape: x.shape }));
}

/** Merges dims startDim..endDim into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  checkTensor('flatten', x);
  if (x.ndim === 0) return reshape(x, [1]);
  const s = wrapDim('flatten', startDim, x.ndim), e = wrapDim('flatten', endDim, x.ndim);
  if (s > e) throw rangeError('flatten', 'start_dim cannot come after end_dim');
  if (s === e) return x;
  const shape = [...x.shape.slice(0, s), numelOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** Drops size-1 dims (all, or the given one if it has size 1). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  checkTensor('squeeze', x);
  if (dim === undefined) {
    const out = alias(x, x.shape.filter((d) => d !== 1));
    keepMark(out, x, () => viewStrides(x).filter((_, i) => x.shape[i] !== 1));
    return record('squeeze', [x], out, () => ({ shape: x.shape }));
  }
  const d = wrapDim('squeeze', dim, x.ndim);
  const drop = x.ndim > 0 && x.shape[d] === 1;
  const shape = drop ? x.shape.filter((_, i) => i !== d) : x.shape.slice();
  const out = keepMark(alias(x, shape), x, () => viewStrides(x).filter((_, i) => !drop || i !== d));
  return record('squeezeDim', [x], out, () => ({ shape: x.shape }));
}

/** Inserts a size-1 dim at dim. @example x.unsqueeze(0) */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  checkTensor('unsqueeze', x);
  const d = wrapDim('unsqueeze', dim, x.ndim + 1);
  if (x.ndim + 1 > MAX_DIMS) throw rangeError('unsqueeze', `at most ${MAX_DIMS} dims are supported`);
  const shape = x.shape.slice();
  shape.splice(d, 0, 1);
  const out = keepMark(alias(x, shape), x, () => {
    const st = viewStrides(x).slice();
    st.splice(d, 0, d >= x.ndim ? 1 : x.shape[d] * st[d]);
    return st;
  });
  return record('unsqueeze', [x], out, () => ({ dim: d }));
}

/** Copies a strided view of x (strides and offset in elements) into a new contiguous tensor. */
/** fn(), with the allocator's size-limit RangeError (which serves every op) renamed to op. */
function allocating<R>(op: string, fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError && /^cannot allocate/.test(e.message)) throw rangeError(op, e.message);
    throw e;
  }
}

function gather(x: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  return wrap(native.gather(x._data, shape, strides, offset, outData(x.dtype, numelOf(shape))), shape, x.dtype);
}

function permuted(x: Tensor, perm: number[]): Tensor {
  const st = contiguousStrides(x.shape);
  return gather(x, perm.map((p) => x.shape[p]), perm.map((p) => st[p]), 0);
}

/** Reorders dims. @example x.permute([2, 0, 1]) */
export function permute(x: Tensor, dims: number[]): Tensor {
  checkTensor('permute', x);
  if (!Array.isArray(dims)) throw typeError('permute', `expected an array of dims, got ${describe(dims)}`);
  if (dims.length !== x.ndim)
    throw rangeError('permute', `number of dims don't match in permute: got ${dims.length} dims for a ${x.ndim}-d tensor of shape ${fmtShape(x.shape)}`);
  const perm = dims.map((d) => wrapDim('permute', d, x.ndim));
  if (new Set(perm).size !== perm.length) throw rangeError('permute', `repeated dim in ${fmtShape(dims)}`);
  const st = viewStrides(x);
  return record('permute', [x], markCopy(permuted(x, perm), 'permute', perm.map((p) => st[p]), x), () => ({ dims: perm }));
}

/** Swaps two dims (a copy: storage stays contiguous). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor('transpose', x);
  const a = wrapDim('transpose', dim0, x.ndim), b = wrapDim('transpose', dim1, x.ndim);
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  const st = viewStrides(x);
  const vst = perm.map((p) => st[p]);
  const out = a === b || x.ndim < 2 ? keepMark(alias(x), x, () => vst) : markCopy(permuted(x, perm), 'transpose', vst, x);
  return record('transpose', [x], out, () => ({ dim0: a, dim1: b }));
}

/** Transpose of a tensor with at most 2 dims. */
export function t(x: Tensor): Tensor {
  checkTensor('t', x);
  if (x.ndim > 2) throw rangeError('t', `t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  const st = viewStrides(x);
  const out = x.ndim < 2 ? keepMark(alias(x), x, () => st) : markCopy(permuted(x, [1, 0]), 't', [st[1], st[0]], x);
  return record('t', [x], out);
}

/** Broadcasts size-1 dims to a larger shape (-1 keeps a dim); the result is materialized. */
export function expand(x: Tensor, shape: number[]): Tensor {
  checkTensor('expand', x);
  if (!Array.isArray(shape)) throw typeError('expand', `expected a shape array, got ${describe(shape)}`);
  if (shape.length < x.ndim)
    throw rangeError('expand', `the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  const lead = shape.length - x.ndim;
  const st = contiguousStrides(x.shape);
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d));
  checkShape('expand', target);
  const strides = target.map((d, i) => {
    if (i < lead) return 0;
    const src = x.shape[i - lead];
    if (src === d) return st[i - lead];
    if (src === 1) return 0;
    throw rangeError('expand', `the expanded size of the tensor (${d}) must match the existing size (${src}) at non-singleton dimension ${i}. Target sizes: ${fmtShape(shape)}. Tensor sizes: ${fmtShape(x.shape)}`);
  });
  const same = lead === 0 && target.every((d, i) => d === x.shape[i]);
  const vst = viewStrides(x);
  const vstrides = strides.map((s0, i) => (s0 === 0 ? 0 : vst[i - lead]));
  const out = same ? keepMark(alias(x), x, () => vst) : markCopy(allocating('expand', () => gather(x, target, strides, 0)), 'expand', vstrides, x);
  return record('expand', [x], out);
}

/** Elements start..start+length along dim (a copy). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor('narrow', x);
  if (x.ndim === 0) throw rangeError('narrow', 'narrow() cannot be applied to a 0-dim tensor.');
  const d = wrapDim('narrow', dim, x.ndim);
  const size = x.shape[d];
  if (!Number.isInteger(start) || !Number.isInteger(length)) throw typeError('narrow', 'start and length must be integers');
  const s = start < 0 ? start + size : start;
  if (s < 0 || s > size) throw rangeError('narrow', `start (${start}) is out of bounds for dim ${d} of size ${size}`);
  if (length < 0 || s + length > size) throw rangeError('narrow', `start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  const shape = x.shape.slice();
  shape[d] = length;
  const st = contiguousStrides(x.shape);
  const out = markCopy(gather(x, shape, st, s * st[d]), 'narrow', viewStrides(x), x);
  return record('narrow', [x], out, () => ({ shape: x.shape, dim: d, start: s }));
}

/** The slice at index along dim, with that dim removed (a copy). @example x.select(0, 1) */
export function select(x: Tensor, dim: number, index: number): Tensor {
  checkTensor('select', x);
  if (x.ndim === 0) throw rangeError('select', 'select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim('select', dim, x.ndim);
  const size = x.shape[d];
  if (!Number.isInteger(index)) throw typeError('select', `index must be an integer, got ${describe(index)}`);
  if (index < -size || index >= size) throw rangeError('select', `index ${index} out of range for tensor of size ${fmtShape(x.shape)} at dimension ${d}`);
  const i = index < 0 ? index + size : index;
  const st = contiguousStrides(x.shape);
  const shape = x.shape.filter((_, k) => k !== d);
  const out = gather(x, shape, st.filter((_, k) => k !== d), i * st[d]);
  markCopy(out, 'select', viewStrides(x).filter((_, k) => k !== d), x);
  return record('select', [x], out, () => ({ shape: x.shape, dim: d, index: i }));
}

function checkList(op: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0) throw typeError(op, 'expected a non-empty array of Tensors');
  for (const t of tensors) checkTensor(op, t);
  return tensors as Tensor[];
}

/** Concatenates along an existing dim. @example tg.cat([a, b], 0) */
export function cat(tensors: Tensor[], dim = 0): Tensor {
  const list = checkList('cat', tensors);
  list.forEach((t, i) => {
    if (t.ndim === 0) throw rangeError('cat', `zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const ref = list.find((t) => !(t.ndim === 1 && t.shape[0] === 0)) ?? list[0];
  const d = wrapDim('cat', dim, ref.ndim);
  const dtype = list.reduce((dt, t) => (t.dtype === 'float64' || dt === 'float64' ? 'float64' : t.dtype === 'float32' || dt === 'float32' ? 'float32' : t.dtype === 'int32' || dt === 'int32' ? 'int32' : dt), list[0].dtype);
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
  let col = 0;
  for (const t of parts) {
    const src = (t.dtype === dtype ? t : t.to(dtype))._data;
    const chunk = t.shape[d] * inner;
    const row = shape[d] * inner;
    for (let i = 0; i < outer; i++) o.set(src.subarray(i * chunk, (i + 1) * chunk) as never, i * row + col);
    col += chunk;
  }
  return record('cat', list, out, () => ({ dim: d, sizes: list.map((t) => (t.ndim === 1 && t.shape[0] === 0 && ref.ndim !== 1 ? 0 : t.shape[d])) }));
}

/** Stacks same-shaped tensors along a new dim. @example tg.stack([a, b]) */
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

/** Splits into chunks of splitSize (the last may be smaller) or into the given sizes, along dim. */
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
  let start = 0;
  const outs = gradModeFns.noGrad(() =>
    sizes.map((n) => {
      const r = narrow(x, d, start, n);
      start += n;
      return markCopy(r, 'split', r._viewCopy!.strides, x);
    }),
  );
  if (outs.length === 0) return outs; // split([]) of a size-0 dim (PyTorch: an empty tuple); no node to record
  // The table's row object itself (never a copy): nodes are traced to their row by identity.
  const row = Array.isArray(splitSize) ? 'splitWithSizes' : 'split';
  return record(row, [x], outs, () => ({ shape: x.shape, dim: d, sizes, dtype: x.dtype }));
}

/** Splits into `chunks` nearly equal parts along dim. */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  checkTensor('chunk', x);
  if (x.ndim === 0) throw rangeError('chunk', 'chunk expects at least a 1-dimensional tensor');
  if (!Number.isInteger(chunks) || chunks <= 0) throw rangeError('chunk', `chunk expects \`chunks\` to be greater than 0, got: ${typeof chunks === 'number' ? chunks : describe(chunks)}`);
  const d = wrapDim('chunk', dim, x.ndim);
  const size = x.shape[d];
  return split(x, Math.max(1, Math.ceil(size / chunks)), d);
}

// ---- slice and alias (the view ops behind basic indexing, lib/ops/indexing.ts) ----------------------------------

/**
 * Elements start, start+step, ... before end along dim (a copy standing for PyTorch's view, like narrow):
 * aten::slice, which has no public torch.slice (x[a:b:c] reaches it); tensorgrad reaches it through
 * x.index(tg.slice(a, b, c)). Bounds as ATen clamps them: null start is 0, null end the size, negative ones
 * count from the end, then both are clamped into [0, size] with end >= start. The step must be positive.
 */
export function slice(x: Tensor, dim = 0, start: number | null = null, end: number | null = null, step = 1): Tensor {
  checkTensor('slice', x);
  if (x.ndim === 0) throw rangeError('slice', 'slice() cannot be applied to a 0-dim tensor.');
  const d = wrapDim('slice', dim, x.ndim);
  for (const [name, v] of [['start', start], ['end', end], ['step', step]] as const)
    if (v !== null && !Number.isInteger(v)) throw typeError('slice', `${name} must be an integer or null, got ${describe(v)}`);
  if (step <= 0) throw rangeError('slice', `slice step must be positive, got ${step}`);
  const size = x.shape[d];
  let s = start ?? 0, e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  const shape = x.shape.slice();
  shape[d] = Math.ceil((e - s) / step);
  const st = contiguousStrides(x.shape);
  const gst = st.slice();
  gst[d] *= step;
  const vst = viewStrides(x).slice();
  vst[d] *= step;
  const out = markCopy(gather(x, shape, gst, shape[d] === 0 ? 0 : s * st[d]), 'slice', vst, x);
  return record('slice', [x], out, () => ({ shape: x.shape, dim: d, start: s, step }));
}

/** A new tensor sharing x's data (aten::alias; x.index('...') returns it, as x[...] does in PyTorch). */
export function aliasOf(x: Tensor): Tensor {
  checkTensor('alias', x);
  return record('alias', [x], keepMark(alias(x), x, () => viewStrides(x)));
}
