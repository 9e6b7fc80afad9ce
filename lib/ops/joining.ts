// Joining, splitting and broadcasting helpers that PyTorch composes from views and cat (TensorShape.cpp):
// broadcastTo/Tensors/Shapes, atleast1d/2d/3d, hstack/vstack/dstack/columnStack/rowStack, ravel, tensorSplit and
// hsplit/vsplit/dsplit, unflatten. Each is composed as ATen composes it, so the nodes are the same views and cats.
import { Tensor, checkTensor } from '../tensor.js';
import { broadcastShapes as broadcast } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { reshape, view, unsqueeze, narrow, cat, expand } from './shape.js';


/** The most parts tensorSplit makes (each is a tensor object; a bound keeps a typo from filling the heap). */
const MAX_PARTS = 1 << 20;

/**
 * x expanded to `size` (an expand view; -1 keeps a dim).
 *
 * @see torch.broadcast_to
 * @example
 * ```ts
 * tg.broadcastTo(tg.tensor([1, 2]), [2, 2])
 * // tensor([[1., 2.],
 * //         [1., 2.]])
 * ```
 */
export function broadcastTo(input: Tensor, size: number[]): Tensor {
  checkTensor('broadcastTo', input);
  return expand(input, size);
}

/**
 * The shape that tensors of the given shapes broadcast to.
 *
 * Called through kw() with the shapes collected into one list; a list of plain numbers is one shape, as
 * torch.broadcast_shapes((2, 1)).
 *
 * @see torch.broadcast_shapes
 * @example
 * ```ts
 * tg.broadcastShapes([2, 1], [3]) // => [2, 3]
 * tg.broadcastShapes(2, [4, 1]) // => [4, 2]
 * ```
 */
export function broadcastShapes(shapes: (number | number[])[]): number[] {
  if (!Array.isArray(shapes)) shapes = shapes === undefined ? [] : [shapes];
  const list = shapes.every((s) => typeof s === 'number') ? [shapes as number[]] : shapes;
  let out: number[] = [];
  for (const s of list) {
    const shape = typeof s === 'number' ? [s] : s;
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) throw typeError('broadcastShapes', `expected shapes of non-negative integers, got ${describe(s)}`);
    out = broadcast('broadcastShapes', out, shape);
  }
  return out;
}

/**
 * The tensors expanded to their common shape (views).
 *
 * @see torch.broadcast_tensors
 * @example
 * ```ts
 * const [a, b] = tg.broadcastTensors(tg.tensor([[1], [2]]), tg.tensor([10, 20]))
 * a
 * // tensor([[1., 1.],
 * //         [2., 2.]])
 * b.shape // => [2, 2]
 * ```
 */
export function broadcastTensors(tensors: Tensor[]): Tensor[] {
  const list = Array.isArray(tensors) ? tensors : tensors === undefined ? [] : [tensors];
  list.forEach((t, i) => checkTensor('broadcastTensors', t, `tensors[${i}]`));
  const shape = list.reduce((s: number[], t) => broadcast('broadcastTensors', s, t.shape), []);
  return list.map((t) => expand(t, shape));
}

/**
 * atleast1d/2d/3d get their tensors collected into one list by kw(); one tensor gives one tensor, several (or a
 * list of several) a list. A list of exactly one tensor also gives the tensor (PyTorch returns a 1-tuple there).
 */
function atleast(op: string, n: 1 | 2 | 3, tensors: Tensor[]): Tensor | Tensor[] {
  const one = (x: Tensor): Tensor => {
    checkTensor(op, x);
    if (x.ndim === 0) return reshape(x, new Array<number>(n).fill(1));
    if (n === 2 && x.ndim === 1) return unsqueeze(x, 0);
    if (n === 3 && x.ndim === 1) return unsqueeze(unsqueeze(x, 0), -1);
    if (n === 3 && x.ndim === 2) return unsqueeze(x, -1);
    return x;
  };
  if (!Array.isArray(tensors)) return one(tensors);
  if (tensors.length === 0) throw rangeError(op, 'expected at least one tensor');
  return tensors.length === 1 ? one(tensors[0]) : tensors.map(one);
}
/**
 * x with at least 1 dim (several tensors give a list).
 *
 * @see torch.atleast_1d
 * @example
 * ```ts
 * tg.atleast1d(tg.tensor(3)) // tensor([3.])
 * ```
 */
export const atleast1d = (tensors: Tensor[]): Tensor | Tensor[] => atleast('atleast1d', 1, tensors);
/**
 * x with at least 2 dims (a 1-D tensor becomes a row).
 *
 * @see torch.atleast_2d
 * @example
 * ```ts
 * tg.atleast2d(tg.tensor([1, 2])) // tensor([[1., 2.]])
 * ```
 */
export const atleast2d = (tensors: Tensor[]): Tensor | Tensor[] => atleast('atleast2d', 2, tensors);
/**
 * x with at least 3 dims (1-D [n] becomes [1, n, 1]; 2-D [m, n] becomes [m, n, 1]).
 *
 * @see torch.atleast_3d
 * @example
 * ```ts
 * tg.atleast3d(tg.tensor([1, 2])).shape // => [1, 2, 1]
 * tg.atleast3d(tg.ones(2, 3)).shape // => [2, 3, 1]
 * ```
 */
export const atleast3d = (tensors: Tensor[]): Tensor | Tensor[] => atleast('atleast3d', 3, tensors);

const atleastAll = (op: string, n: 1 | 2 | 3, tensors: Tensor[]): Tensor[] => tensors.map((t) => atleast(op, n, [t]) as Tensor);
function tensorList(op: string, tensors: Tensor[]): Tensor[] {
  if (!Array.isArray(tensors)) throw typeError(op, `expected a list of tensors, got ${describe(tensors)}`);
  if (tensors.length === 0) throw rangeError(op, 'expects a non-empty TensorList');
  return tensors;
}
/**
 * Stacks horizontally: cat along dim 1 (dim 0 for 1-D tensors).
 *
 * @see torch.hstack
 * @example
 * ```ts
 * tg.hstack([tg.tensor([1, 2]), tg.tensor([3])]) // tensor([1., 2., 3.])
 * ```
 */
export function hstack(tensors: Tensor[]): Tensor {
  const list = atleastAll('hstack', 1, tensorList('hstack', tensors));
  return cat(list, list[0].ndim === 1 ? 0 : 1);
}
/**
 * Stacks vertically: cat along dim 0 after atleast2d.
 *
 * @see torch.vstack
 * @example
 * ```ts
 * tg.vstack([tg.tensor([1, 2]), tg.tensor([3, 4])])
 * // tensor([[1., 2.],
 * //         [3., 4.]])
 * ```
 */
export function vstack(tensors: Tensor[]): Tensor {
  return cat(atleastAll('vstack', 2, tensorList('vstack', tensors)), 0);
}
/**
 * vstack's other name.
 *
 * @see torch.row_stack
 * @example
 * ```ts
 * tg.rowStack([tg.tensor([1, 2]), tg.tensor([3, 4])])
 * // tensor([[1., 2.],
 * //         [3., 4.]])
 * ```
 */
export function rowStack(tensors: Tensor[]): Tensor {
  return cat(atleastAll('rowStack', 2, tensorList('rowStack', tensors)), 0);
}
/**
 * Stacks depthwise: cat along dim 2 after atleast3d.
 *
 * @see torch.dstack
 * @example
 * ```ts
 * tg.dstack([tg.tensor([1, 2]), tg.tensor([3, 4])])
 * // tensor([[[1., 3.],
 * //          [2., 4.]]])
 * ```
 */
export function dstack(tensors: Tensor[]): Tensor {
  return cat(atleastAll('dstack', 3, tensorList('dstack', tensors)), 2);
}
/**
 * Stacks as columns: 0-d and 1-d tensors become [n, 1] columns, then cat along dim 1.
 *
 * @see torch.column_stack
 * @example
 * ```ts
 * tg.columnStack([tg.tensor([1, 2]), tg.tensor([3, 4])])
 * // tensor([[1., 3.],
 * //         [2., 4.]])
 * ```
 */
export function columnStack(tensors: Tensor[]): Tensor {
  const cols = tensorList('columnStack', tensors).map((t) => {
    checkTensor('columnStack', t);
    return t.ndim <= 1 ? reshape(t, [t.numel(), 1]) : t;
  });
  return cat(cols, 1);
}

/**
 * A 1-D view of x when its layout allows, else a contiguous copy flattened.
 *
 * @see torch.ravel
 * @example
 * ```ts
 * tg.ravel(tg.tensor([[1, 2], [3, 4]])) // tensor([1., 2., 3., 4.])
 * ```
 */
export function ravel(input: Tensor): Tensor {
  checkTensor('ravel', input);
  return view(input.contiguous(), [-1]);
}

/**
 * dim `dim` of x split into `sizes` (one -1 infers a size).
 *
 * @see torch.unflatten
 * @example
 * ```ts
 * tg.unflatten(tg.zeros(2, 6), 1, [2, 3]).shape // => [2, 2, 3]
 * tg.tensor([0, 1, 2, 3]).unflatten(0, [2, -1])
 * // tensor([[0., 1.],
 * //         [2., 3.]])
 * ```
 */
export function unflatten(input: Tensor, dim: number, sizes: number[]): Tensor {
  checkTensor('unflatten', input);
  if (!Array.isArray(sizes) || sizes.length === 0) throw rangeError('unflatten', `sizes must be non-empty, got ${describe(sizes)}`);
  if (!Number.isInteger(dim) || dim < -input.ndim || dim >= Math.max(input.ndim, 1)) throw rangeError('unflatten', `dim ${describe(dim)} out of range for a ${input.ndim}-D tensor`);
  if (sizes.some((x) => !Number.isInteger(x))) throw typeError('unflatten', `sizes must be integers, got ${describe(sizes)}`);
  const d = dim < 0 ? dim + input.ndim : dim;
  const known = sizes.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
  const inferred = sizes.map((s) => (s === -1 ? input.shape[d] / known : s));
  if (inferred.reduce((a, b) => a * b, 1) !== input.shape[d] || inferred.some((s) => !Number.isInteger(s)))
    throw rangeError('unflatten', `Provided sizes ${fmtShape(sizes)} don't multiply up to the size of dim ${dim} (${input.shape[d]}) in the input tensor`);
  return view(input, [...input.shape.slice(0, d), ...inferred, ...input.shape.slice(d + 1)]);
}

/**
 * Splits into n nearly equal parts, or at the given indices, along dim (views).
 *
 * With `sections` parts, the first size % sections are one larger; every part is a view (SliceBackward0), as
 * numpy.array_split.
 *
 * @see torch.tensor_split
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4])
 * tg.tensorSplit(x, 3) // => [tensor([0., 1.]), tensor([2., 3.]), tensor([4.])]
 * tg.tensorSplit(x, [1, 4]) // => [tensor([0.]), tensor([1., 2., 3.]), tensor([4.])]
 * ```
 */
export function tensorSplit(input: Tensor, tensorIndicesOrSections?: number | number[] | Tensor, dim = 0, sections?: number, indices?: number[]): Tensor[] {
  checkTensor('tensorSplit', input);
  const indicesOrSections = tensorIndicesOrSections ?? sections ?? indices;
  if (indicesOrSections === undefined) throw typeError('tensorSplit', 'expected sections or indices');
  if (input.ndim === 0) throw rangeError('tensorSplit', 'expected at least a 1-dimensional tensor');
  if (!Number.isInteger(dim) || dim < -input.ndim || dim >= input.ndim) throw rangeError('tensorSplit', `dim ${describe(dim)} out of range for a ${input.ndim}-D tensor`);
  const d = dim < 0 ? dim + input.ndim : dim;
  const size = input.shape[d];
  // A disposed indices tensor is named here, not by the tolist() below (fuzz-args, seed 42).
  if (indicesOrSections instanceof Tensor) checkTensor('tensorSplit', indicesOrSections, 'tensor_indices_or_sections');
  let spec: number | number[] = indicesOrSections instanceof Tensor ? (indicesOrSections.ndim === 0 ? (indicesOrSections.item() as number) : (indicesOrSections.tolist() as number[])) : indicesOrSections;
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec <= 0) throw rangeError('tensorSplit', `number of sections must be larger than 0, got ${describe(spec)}`);
    // Every section is a tensor object; past the dim's size they are empty. A bound keeps a typo from filling the heap.
    if (spec > MAX_PARTS) throw rangeError('tensorSplit', `${spec} sections would make ${spec} tensors (at most ${MAX_PARTS}) of a dim of size ${size}`);
    const base = Math.floor(size / spec), extra = size % spec;
    const out: Tensor[] = [];
    let start = 0;
    for (let i = 0; i < spec; i++) {
      const len = base + (i < extra ? 1 : 0);
      out.push(narrow(input, d, start, len));
      start += len;
    }
    return out;
  }
  if (!Array.isArray(spec) || spec.some((i) => !Number.isInteger(i))) throw typeError('tensorSplit', `expected a number of sections or a list of indices, got ${describe(indicesOrSections)}`);
  const clampI = (i: number): number => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const bounds = [0, ...spec.map(clampI), size];
  const out: Tensor[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push(narrow(input, d, bounds[i], Math.max(0, bounds[i + 1] - bounds[i])));
  return out;
}

function directionalSplit(op: 'hsplit' | 'vsplit' | 'dsplit', input: Tensor, sectionsArg: number | number[] | undefined, indices: number[] | undefined): Tensor[] {
  checkTensor(op, input);
  const sections = sectionsArg ?? indices;
  if (sections === undefined) throw typeError(op, 'expected sections or indices');
  if (typeof sections !== 'number' && !(Array.isArray(sections) && sections.every((i) => Number.isInteger(i))))
    throw typeError(op, `expected an int number of sections or a list of indices, got ${describe(sections)}`);
  const [minDims, dim] = op === 'hsplit' ? [1, input.ndim === 1 ? 0 : 1] : op === 'vsplit' ? [2, 0] : [3, 2];
  if (input.ndim < minDims)
    throw rangeError(op, `torch.${op} requires a tensor with at least ${minDims} dimension${minDims > 1 ? 's' : ''}, but got a tensor with ${input.ndim} dimensions!`);
  if (typeof sections === 'number' && sections > 0 && input.shape[dim] % sections !== 0)
    throw rangeError(op, `torch.${op} attempted to split along dimension ${dim}, but the size of the dimension ${input.shape[dim]} is not divisible by the split_size ${sections}!`);
  return tensorSplit(input, sections, dim);
}
/**
 * Splits along dim 1 (dim 0 for 1-D): equal sections, or at indices.
 *
 * @see torch.hsplit
 * @example
 * ```ts
 * const x = tg.tensor([[0, 1, 2, 3], [4, 5, 6, 7]])
 * const [a, b] = x.hsplit(2)
 * b
 * // tensor([[2., 3.],
 * //         [6., 7.]])
 * ```
 */
export const hsplit = (input: Tensor, sections?: number | number[], indices?: number[]): Tensor[] => directionalSplit('hsplit', input, sections, indices);
/**
 * Splits along dim 0 (at least 2-D).
 *
 * @see torch.vsplit
 * @example
 * ```ts
 * const x = tg.tensor([[0, 1], [2, 3], [4, 5]])
 * const [top, rest] = tg.vsplit(x, [1])
 * top // tensor([[0., 1.]])
 * rest.shape // => [2, 2]
 * ```
 */
export const vsplit = (input: Tensor, sections?: number | number[], indices?: number[]): Tensor[] => directionalSplit('vsplit', input, sections, indices);
/**
 * Splits along dim 2 (at least 3-D).
 *
 * @see torch.dsplit
 * @example
 * ```ts
 * const x = tg.tensor([[[0, 1, 2, 3], [4, 5, 6, 7]]])
 * tg.dsplit(x, 2).map((p) => p.shape) // => [[1, 2, 2], [1, 2, 2]]
 * ```
 */
export const dsplit = (input: Tensor, sections?: number | number[], indices?: number[]): Tensor[] => directionalSplit('dsplit', input, sections, indices);
