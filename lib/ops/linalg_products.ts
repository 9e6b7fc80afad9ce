// Products beyond dot/mm/bmm/matmul (linalg.ts): the fused scale-and-add forms addmm, addmv, addr, baddbmm,
// addbmm (PyTorch's Blas.cpp: beta * input + alpha * product, one node each), vdot, inner, tensordot and kron
// (composed as ATen composes them, so the output nodes match), cross (one LinalgCrossBackward0 node) and trace.
import { Tensor, checkTensor } from '../tensor.js';
import { isFloat } from '../dtype.js';
import { broadcastShapes } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { alias } from './creation.js';
import { add, mul, sub } from './elementwise.js';
import { sum } from './reduce.js';
import { reshape, permute, narrow, cat, expand, diagonal } from './shape.js';
import { dot, mm, mv, bmm } from './linalg.js';

export interface ScaleOptions {
  beta?: number;
  alpha?: number;
}

/** (beta, alpha) from positional numbers or a trailing options object. */
function scales(op: string, beta: unknown, alpha: unknown): [number, number] {
  let b = beta, a = alpha;
  if (b !== null && typeof b === 'object') ({ beta: b, alpha: a } = b as ScaleOptions);
  b ??= 1;
  a ??= 1;
  if (typeof b !== 'number' || typeof a !== 'number') throw typeError(op, `beta and alpha must be numbers, got ${describe(b)} and ${describe(a)}`);
  return [b, a];
}

function checkOperands(op: string, input: Tensor, names: [string, Tensor][]): void {
  checkTensor(op, input);
  for (const [name, t] of names) {
    checkTensor(op, t, name);
    if (t.dtype !== input.dtype)
      throw typeError(op, `expected ${name} to have the same dtype as input, but got ${t.dtype} != ${input.dtype}`);
  }
  if (!isFloat(input.dtype)) throw typeError(op, `not implemented for dtype ${input.dtype} (use float32 or float64)`);
}

/**
 * beta * input + alpha * product, as ATen's kernels: beta = 0 ignores input (NaN in it does not propagate), and
 * input broadcasts to the product's shape.
 */
function scaleAdd(op: string, input: Tensor, product: Tensor, beta: number, alpha: number): Tensor {
  broadcastShapes(op, input.shape, product.shape);
  if (broadcastShapes(op, input.shape, product.shape).join() !== product.shape.join())
    throw rangeError(op, `the size of input ${fmtShape(input.shape)} must broadcast to the product's size ${fmtShape(product.shape)}`);
  const p = alpha === 1 ? product : mul(product, alpha);
  if (beta === 0) return p;
  return add(beta === 1 ? input : mul(input, beta), p);
}

function matrixDims(op: string, name: string, t: Tensor, n: number): void {
  if (t.ndim !== n) throw rangeError(op, `${name} must be a ${n}-D tensor, got shape ${fmtShape(t.shape)}`);
}

/**
 * beta * input + alpha * (mat1 @ mat2).
 *
 * @see torch.addmm
 * @example
 * ```ts
 * const bias = tg.tensor([1, -1])
 * const x = tg.tensor([[1, 2], [3, 4]])
 * const w = tg.eye(2)
 * tg.addmm(bias, x, w)
 * // tensor([[2., 1.],
 * //         [4., 3.]])
 * tg.addmm(bias, x, w, { beta: 0, alpha: 2 })
 * // tensor([[2., 4.],
 * //         [6., 8.]])
 * ```
 */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, beta?: number | ScaleOptions, alpha?: number): Tensor {
  checkOperands('addmm', input, [['mat1', mat1], ['mat2', mat2]]);
  matrixDims('addmm', 'mat1', mat1, 2);
  matrixDims('addmm', 'mat2', mat2, 2);
  if (mat1.shape[1] !== mat2.shape[0])
    throw rangeError('addmm', `mat1 and mat2 shapes cannot be multiplied (${mat1.shape[0]}x${mat1.shape[1]} and ${mat2.shape[0]}x${mat2.shape[1]})`);
  const [b, a] = scales('addmm', beta, alpha);
  const out = noGrad(() => scaleAdd('addmm', input, mm(mat1, mat2), b, a));
  return record('addmm', [input, mat1, mat2], out, () => ({ mat1, mat2, beta: b, alpha: a }));
}

/**
 * beta * input + alpha * (mat @ vec).
 *
 * @see torch.addmv
 * @example
 * ```ts
 * const A = tg.tensor([[1, 2], [3, 4]])
 * tg.addmv(tg.tensor([10, 20]), A, tg.tensor([1, 1])) // tensor([13., 27.])
 * ```
 */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, beta?: number | ScaleOptions, alpha?: number): Tensor {
  checkOperands('addmv', input, [['mat', mat], ['vec', vec]]);
  matrixDims('addmv', 'mat', mat, 2);
  matrixDims('addmv', 'vec', vec, 1);
  if (mat.shape[1] !== vec.shape[0]) throw rangeError('addmv', `size mismatch, got mat ${fmtShape(mat.shape)} and vec ${fmtShape(vec.shape)}`);
  const [b, a] = scales('addmv', beta, alpha);
  const out = noGrad(() => scaleAdd('addmv', input, mv(mat, vec), b, a));
  return record('addmv', [input, mat, vec], out, () => ({ mat, vec, beta: b, alpha: a }));
}

/**
 * beta * input + alpha * outer(vec1, vec2).
 *
 * @see torch.addr
 * @example
 * ```ts
 * tg.addr(tg.zeros(2, 3), tg.tensor([1, 2]), tg.tensor([1, 10, 100]))
 * // tensor([[  1.,  10., 100.],
 * //         [  2.,  20., 200.]])
 * ```
 */
export function addr(input: Tensor, vec1: Tensor, vec2: Tensor, beta?: number | ScaleOptions, alpha?: number): Tensor {
  checkOperands('addr', input, [['vec1', vec1], ['vec2', vec2]]);
  matrixDims('addr', 'vec1', vec1, 1);
  matrixDims('addr', 'vec2', vec2, 1);
  const [b, a] = scales('addr', beta, alpha);
  const out = noGrad(() => scaleAdd('addr', input, mul(reshape(vec1, [vec1.shape[0], 1]), vec2), b, a));
  return record('addr', [input, vec1, vec2], out, () => ({ vec1, vec2, beta: b, alpha: a }));
}

function checkBatches(op: string, batch1: Tensor, batch2: Tensor): void {
  matrixDims(op, 'batch1', batch1, 3);
  matrixDims(op, 'batch2', batch2, 3);
  if (batch1.shape[0] !== batch2.shape[0] || batch1.shape[2] !== batch2.shape[1])
    throw rangeError(op, `batch1 and batch2 shapes cannot be multiplied (${batch1.shape.join('x')} and ${batch2.shape.join('x')})`);
}

/**
 * beta * input + alpha * bmm(batch1, batch2).
 *
 * @see torch.baddbmm
 * @example
 * ```ts
 * const a = tg.ones(2, 1, 2), b = tg.ones(2, 2, 1)
 * tg.baddbmm(tg.ones(2, 1, 1), a, b, { alpha: 0.5 })
 * // tensor([[[2.]],
 * //
 * //         [[2.]]])
 * ```
 */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, beta?: number | ScaleOptions, alpha?: number): Tensor {
  checkOperands('baddbmm', input, [['batch1', batch1], ['batch2', batch2]]);
  checkBatches('baddbmm', batch1, batch2);
  const [b, a] = scales('baddbmm', beta, alpha);
  const out = noGrad(() => scaleAdd('baddbmm', input, bmm(batch1, batch2), b, a));
  return record('baddbmm', [input, batch1, batch2], out, () => ({ batch1, batch2, beta: b, alpha: a }));
}

/**
 * beta * input + alpha * the sum over the batch of batch1[i] @ batch2[i].
 *
 * @see torch.addbmm
 * @example
 * ```ts
 * const a = tg.ones(3, 1, 2), b = tg.ones(3, 2, 2)
 * tg.addbmm(tg.zeros(1, 2), a, b) // tensor([[6., 6.]])
 * ```
 */
export function addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, beta?: number | ScaleOptions, alpha?: number): Tensor {
  checkOperands('addbmm', input, [['batch1', batch1], ['batch2', batch2]]);
  checkBatches('addbmm', batch1, batch2);
  const [b, a] = scales('addbmm', beta, alpha);
  const out = noGrad(() => scaleAdd('addbmm', input, sum(bmm(batch1, batch2), 0), b, a));
  return record('addbmm', [input, batch1, batch2], out, () => ({ batch1, batch2, beta: b, alpha: a }));
}

/**
 * Dot product of two 1-D tensors (for real tensors the same value as dot; VdotBackward0).
 *
 * @see torch.vdot
 * @example
 * ```ts
 * tg.vdot(tg.tensor([1, 2, 3]), tg.tensor([4, 5, 6])) // tensor(32.)
 * ```
 */
export function vdot(input: Tensor, other: Tensor): Tensor {
  checkTensor('vdot', input);
  checkTensor('vdot', other, 'other');
  const out = noGrad(() => dot(input, other));
  return record('vdot', [input, other], out, () => ({ self: input, other }));
}

/** tensordot's dims: a count of trailing/leading dims, or the two lists of contracted dims. */
export type TensordotDims = number | [number[], number[]] | [number, number];

/**
 * Sums the products of a's and b's elements over the given dims (an int n: a's last n and b's first n).
 *
 * Contracts dims of a with dims of b, as ATen does: both permuted so the contracted dims meet, reshaped to matrices,
 * one mm, reshaped to the free dims.
 *
 * @see torch.tensordot
 * @example
 * ```ts
 * const a = tg.tensor([[0, 1, 2], [3, 4, 5]]), b = tg.ones(3, 2)
 * tg.tensordot(a, b, [[1], [0]])
 * // tensor([[ 3.,  3.],
 * //         [12., 12.]])
 * tg.tensordot(a, a, 2) // tensor(55.)
 * ```
 */
export function tensordot(a: Tensor, b: Tensor, dims: TensordotDims | { dims?: TensordotDims } = 2): Tensor {
  checkTensor('tensordot', a, 'a');
  checkTensor('tensordot', b, 'b');
  let d = dims as TensordotDims;
  if (d !== null && typeof d === 'object' && !Array.isArray(d)) d = (d as { dims?: TensordotDims }).dims ?? 2;
  let da: number[], db: number[];
  if (typeof d === 'number') {
    if (!Number.isInteger(d) || d < 0) throw rangeError('tensordot', `expects dims >= 0, but got dims=${d}`);
    if (d > a.ndim || d > b.ndim) throw rangeError('tensordot', `expects dims <= the operands' dims, got dims=${d} for shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
    da = Array.from({ length: d }, (_, i) => a.ndim - d + i);
    db = Array.from({ length: d }, (_, i) => i);
  } else if (Array.isArray(d) && d.length === 2) {
    da = (Array.isArray(d[0]) ? d[0] : [d[0]]) as number[];
    db = (Array.isArray(d[1]) ? d[1] : [d[1]]) as number[];
  } else throw typeError('tensordot', `dims must be a number or two lists of dims, got ${describe(d)}`);
  if (da.length !== db.length) throw rangeError('tensordot', `both dimension lists should have same length, got ${da.length} and ${db.length}`);
  const wrapD = (x: number, n: number): number => {
    if (!Number.isInteger(x) || x < -n || x >= n) throw rangeError('tensordot', `dim ${x} out of range for a ${n}-D tensor`);
    return x < 0 ? x + n : x;
  };
  da = da.map((x) => wrapD(x, a.ndim));
  db = db.map((x) => wrapD(x, b.ndim));
  let csize = 1;
  da.forEach((x, i) => {
    if (a.shape[x] !== b.shape[db[i]])
      throw rangeError('tensordot', `contracted dimensions need to match, but first has size ${a.shape[x]} in dim ${x} and second has size ${b.shape[db[i]]} in dim ${db[i]}`);
    csize *= a.shape[x];
  });
  const freeA = a.shape.map((_, i) => i).filter((i) => !da.includes(i));
  const freeB = b.shape.map((_, i) => i).filter((i) => !db.includes(i));
  const size1 = freeA.reduce((n, i) => n * a.shape[i], 1), size2 = freeB.reduce((n, i) => n * b.shape[i], 1);
  const t1 = reshape(permute(a, [...freeA, ...da]), [size1, csize]);
  const t2 = reshape(permute(b, [...db, ...freeB]), [csize, size2]);
  return reshape(mm(t1, t2), [...freeA.map((i) => a.shape[i]), ...freeB.map((i) => b.shape[i])]);
}

/**
 * Inner product over the last dims (a product when either is 0-d).
 *
 * @see torch.inner
 * @example
 * ```ts
 * tg.inner(tg.tensor([1, 2]), tg.tensor([3, 4])) // tensor(11.)
 * tg.inner(tg.tensor([[1, 2], [3, 4]]), tg.tensor([1, 1])) // tensor([3., 7.])
 * ```
 */
export function inner(input: Tensor, other: Tensor): Tensor {
  checkTensor('inner', input);
  checkTensor('inner', other, 'other');
  if (input.ndim === 0 || other.ndim === 0) return mul(input, other);
  const k = input.shape[input.ndim - 1], k2 = other.shape[other.ndim - 1];
  if (k !== k2) throw rangeError('inner', `last dimension of the inputs must match, got ${fmtShape(input.shape)} and ${fmtShape(other.shape)}`);
  return tensordot(input, other, [[-1], [-1]]);
}

/**
 * Kronecker product, composed as ATen's: interleaved views of both, one broadcast multiply, one view.
 *
 * @see torch.kron
 * @example
 * ```ts
 * tg.kron(tg.tensor([1, 2]), tg.tensor([1, 10, 100])) // tensor([  1.,  10., 100.,   2.,  20., 200.])
 * ```
 */
export function kron(input: Tensor, other: Tensor): Tensor {
  checkTensor('kron', input);
  checkTensor('kron', other, 'other');
  const n = Math.max(input.ndim, other.ndim);
  const pad = (s: number[]): number[] => [...new Array<number>(n - s.length).fill(1), ...s];
  const sa = pad(input.shape), sb = pad(other.shape);
  const va: number[] = [], vb: number[] = [];
  for (let i = 0; i < n; i++) va.push(sa[i], 1), vb.push(1, sb[i]);
  const r = mul(reshape(input, va), reshape(other, vb));
  const shape = sa.map((s, i) => s * sb[i]);
  return record('unsafeView', [r], alias(r, shape), () => ({ shape: r.shape }));
}

function crossOf(op: string, input: Tensor, other: Tensor, dim: number | null): Tensor {
  checkTensor(op, input);
  checkTensor(op, other, 'other');
  if (input.ndim !== other.ndim) throw rangeError(op, `inputs must have the same number of dimensions, got ${fmtShape(input.shape)} and ${fmtShape(other.shape)}`);
  const shape = broadcastShapes(op, input.shape, other.shape);
  let d = dim;
  if (d === null) {
    // torch.cross without dim: the first dim of size 3 (PyTorch 1.13's deprecated default).
    d = shape.findIndex((s) => s === 3);
    if (d < 0) throw rangeError(op, `no dimension of size 3 in input (shapes ${fmtShape(input.shape)} and ${fmtShape(other.shape)})`);
  }
  if (!Number.isInteger(d) || d < -shape.length || d >= shape.length) throw rangeError(op, `dim ${d} out of range for ${shape.length}-D inputs`);
  if (d < 0) d += shape.length;
  if (input.shape[d] !== 3 || other.shape[d] !== 3)
    throw rangeError(op, `inputs dimension ${d} must have length 3, got ${fmtShape(input.shape)} and ${fmtShape(other.shape)}`);
  const axis = d;
  const out = noGrad(() => {
    const a = expand(input, shape), b = expand(other, shape);
    const c = (t: Tensor, i: number): Tensor => narrow(t, axis, i % 3, 1);
    const part = (i: number): Tensor => sub(mul(c(a, i + 1), c(b, i + 2)), mul(c(a, i + 2), c(b, i + 1)));
    return cat([part(0), part(1), part(2)], axis);
  });
  return record('linalgCross', [input, other], out, () => ({ self: input, other, dim: axis }));
}
/**
 * Cross product along dim (default: the first dim of size 3, as PyTorch 1.13's torch.cross).
 *
 * @see torch.cross
 * @example
 * ```ts
 * tg.cross(tg.tensor([1, 0, 0]), tg.tensor([0, 1, 0])) // tensor([0., 0., 1.])
 * ```
 */
export function cross(input: Tensor, other: Tensor, dim?: number | null | { dim?: number | null }): Tensor {
  const d = dim !== null && typeof dim === 'object' ? dim.dim ?? null : dim ?? null;
  return crossOf('cross', input, other, d);
}
/**
 * The cross product along dim (default -1; the other dims broadcast).
 *
 * @see torch.linalg.cross
 * @example
 * ```ts
 * tg.linalg.cross(tg.tensor([[1, 0, 0], [0, 1, 0]]), tg.tensor([[0, 0, 1]]))
 * // tensor([[ 0., -1.,  0.],
 * //         [ 1.,  0.,  0.]])
 * ```
 */
export function linalgCross(input: Tensor, other: Tensor, dim?: number | { dim?: number }): Tensor {
  const d = dim !== null && typeof dim === 'object' ? dim.dim ?? -1 : dim ?? -1;
  return crossOf('linalg.cross', input, other, d);
}

/**
 * Sum of the main diagonal of a 2-D tensor.
 *
 * @see torch.trace
 * @example
 * ```ts
 * tg.trace(tg.tensor([[1, 2], [3, 4]])) // tensor(5.)
 * ```
 */
export function trace(input: Tensor): Tensor {
  checkTensor('trace', input);
  if (input.ndim !== 2) throw rangeError('trace', `expected a matrix, but got tensor with dim ${input.ndim} (shape ${fmtShape(input.shape)})`);
  const [n, m] = input.shape;
  const out = noGrad(() => sum(diagonal(input)));
  return record('trace', [input], out, () => ({ shape: [n, m] }));
}
