// The helper formulas of the derivative table (derivatives.ts): grads shared by several rows, or too long to
// read inline. Each is written with tensorgrad ops, so createGraph works through it.
import type { Tensor, TensorLike } from '../tensor.js';
import * as E_ from '../ops/elementwise.js';
import * as R_ from '../ops/reduce.js';
import * as S_ from '../ops/shape.js';
import * as L_ from '../ops/linalg.js';
import * as C_ from '../ops/creation.js';
import * as NN_ from '../ops/nn.js';
import * as F_ from '../ops/softmax.js';
import * as I_ from '../ops/inplace.js';
import * as ST_ from '../ops/structure.js';
import * as IX_ from '../ops/indexing.js';
import * as GA_ from '../ops/gather.js';
import * as SC_ from '../ops/scatter.js';
import * as MK_ from '../ops/masked.js';
import { padTo, maskedScatterSourceGrad, scatterReduceBackward, type ScatterReduceSaved } from './index_grads.js';
import { differentiableFormulas } from './grad_mode.js';
import { BinaryBackwardOp } from '../native.js';
import { batchable } from './batchable.js';

const [E, R, S, L, C, NN, F, I, ST, IX, GA, SC, MK] = [batchable(E_), batchable(R_), batchable(S_), batchable(L_), batchable(C_), batchable(NN_), batchable(F_), batchable(I_), batchable(ST_), batchable(IX_), batchable(GA_), batchable(SC_), batchable(MK_)]; // Note [Batched backward]

export type T = Tensor;
export type Num = TensorLike;
/** A factor mul/div save only when the other input needs its grad (so in-place use of an unneeded one is fine). */
export type IfNeeded<V> = V | null;
export const g_ = (g: T) => g;

/** Re-inserts reduced dims when keepdim was false. */
export function unreduce(g: T, dims: number[] | null, keepdim: boolean): T {
  let r = g;
  if (dims !== null && !keepdim) for (const d of dims) r = S.unsqueeze(r, d);
  return r;
}

/** Re-inserts reduced dims (when keepdim was false) and expands back to the input shape. */
export function expandReduced(g: T, shape: number[], dims: number[] | null, keepdim: boolean): T {
  return S.expand(unreduce(g, dims, keepdim), shape);
}

/** The grad of a sum or mean over `dims` (all when null) for an input of `shape`: compact when no graph is
 * built (Note [Compact grads] in engine.ts), since the formulas that receive it broadcast it anyway. The compact
 * grad keeps the input's rank ([1, 1, ...] for a full sum): a 0-d grad would not take part in type promotion as
 * the full grad does, so DivBackward0's g / other with a float32 other gave float32 values for a float64 input. */
export function reductionGrad(g: T, shape: number[], dims: number[] | null, keepdim: boolean): T {
  if (differentiableFormulas()) return expandReduced(g, shape, dims, keepdim);
  const u = unreduce(g, dims, keepdim);
  return u.ndim === shape.length ? u : S.reshape(u, [...new Array<number>(shape.length - u.ndim).fill(1), ...u.shape]);
}

/** Adds back a reduced dim for values/indices of max(dim)-style ops. */
export function keep(t: T, dim: number, keepdim: boolean, ndim: number): T {
  return keepdim || ndim === 0 ? t : S.unsqueeze(t, dim);
}

/** Puts g into a zero tensor of `shape` at [start, start+len) along dim (SliceBackward/SelectBackward). */
export function sliceBackward(g: T, shape: number[], dim: number, start: number): T {
  return placeInZeros(g, shape, (z) => S.narrow(z, dim, start, g.shape[dim]));
}

/**
 * The grad of a view op: g written into zeros of the input's shape through the same view (`region` redoes the
 * view on the zeros). With createGraph the write is an in-place op on a view, which autograd records as
 * PyTorch's CopySlices, so the result stays differentiable in g.
 */
export function placeInZeros(g: T, shape: number[], region: (z: T) => T): T {
  // (newZeros: batched zeros for a batched grad, Note [Batched backward])
  const z = g.newZeros(shape);
  I.copy_(region(z), g);
  return z;
}

/** Mask where x equals the selected extreme, split evenly among ties (PyTorch's evenly_distribute_backward). */
export function evenlyDistribute(g: T, self: T, result: T): T {
  // A NaN result came from the NaN inputs: they share the grad.
  const r = result.item() as number;
  const mask = C.to(r !== r ? E.ne(self, self) : E.eq(self, result), g.dtype);
  return E.mul(E.div(mask, R.sum(mask)), g);
}

/** Grad of prod (over all or one dim), exact with zeros as PyTorch's prod_backward: where a slice has one
 * zero, that element gets the product of the others; with more zeros every grad is 0. */
export function prodBackward(g: T, self: T, result: T, dim: number | null, keepdim: boolean): T {
  const up = (t: T, kept: boolean) => expandReduced(t, self.shape, dim === null ? null : [dim], kept);
  const isZero = E.eq(self, 0);
  if (differentiableFormulas() && (R.sum(isZero).item() as number) > 0) return E.mul(up(g, keepdim), prodOfOthers(self, dim));
  const safe = E.where(isZero, 1, self);
  const zeroCount = up(dim === null ? R.sum(isZero) : R.sum(isZero, dim, true), true);
  const prodOthers = up(dim === null ? R.prod(safe) : R.prod(safe, dim, true), true);
  const gx = up(g, keepdim);
  const noZero = E.div(E.mul(gx, up(result, keepdim)), safe);
  const oneZero = E.where(isZero, E.mul(gx, prodOthers), 0);
  return E.where(E.eq(zeroCount, 0), noZero, E.where(E.eq(zeroCount, 1), oneZero, 0));
}

/**
 * Note [prod double backward]: where a slice holds a zero, the masks of prodBackward make a right first
 * derivative whose own derivative is wrong (the grads it zeroes depend on the zero element). With a graph to
 * build, as PyTorch's prod_safe_zeros_backward, the grad is then written as the product of the other elements,
 * prod_{j != i} x_j, here the product of each slice with its own element replaced by 1: O(n^2) but differentiable.
 */
export function prodOfOthers(self: T, dim: number | null): T {
  const x = dim === null ? S.reshape(self, [self.numel()]) : S.transpose(self, dim, -1);
  const n = x.shape[x.ndim - 1];
  const square = S.expand(S.unsqueeze(x, -2), [...x.shape.slice(0, -1), n, n]);
  const others = R.prod(E.where(C.to(C.eye(n), 'bool'), 1, square), -1);
  return dim === null ? S.reshape(others, self.shape) : S.transpose(others, dim, -1);
}

/** maximum/minimum backward: g, halved on ties, zero where `loses`. */
export function tieSplit(g: T, self: Num, other: Num, loses: T): T {
  return E.where(loses, 0, E.where(E.eq(self, other), E.mul(g, 0.5), g));
}

/** One-hot mask of `indices` along dim, to route grads of max(dim)/min(dim) (value_selecting_reduction_backward). */
export function indexMask(indices: T, shape: number[], dim: number, dtype: T['dtype']): T {
  const n = shape[dim] ?? 1;
  const viewShape = shape.map((_, i) => (i === dim ? n : 1));
  const positions = S.reshape(C.arange(n, { dtype: 'int32' }), viewShape);
  return C.to(E.eq(positions, indices), dtype);
}

/** Grad of split / split_with_sizes: the output grads concatenated, zeros for outputs that got none. */
export function splitGrad(_g: T, s: { shape: number[]; dim: number; sizes: number[]; dtype: T['dtype'] }, grads: readonly (T | null)[]): T {
  const parts = s.sizes.map((n, i) => {
    const gi = grads[i];
    if (gi) return gi;
    const shape = s.shape.slice();
    shape[s.dim] = n;
    return C.zeros(shape, { dtype: s.dtype });
  });
  return S.cat(parts, s.dim);
}

/** max(dim)/min(dim): the grad goes to the selected element of each slice. */
export function selectedBackward(g: T, s: { shape: number[]; dim: number; keepdim: boolean; indices: T }): T {
  const nd = s.shape.length;
  return E.mul(keep(g, s.dim, s.keepdim, nd), indexMask(keep(s.indices, s.dim, s.keepdim, nd), s.shape, s.dim, g.dtype));
}

/** grad^T @ input: the weight's grad of F.linear, the transpose a GEMM flag unless a graph is being built. */
export function linearWeightGrad(g: T, input: T): T {
  return differentiableFormulas() ? L.mm(S.t(g), input) : L.mmT(g, input, true, false);
}

/** Inverse of a permutation. */
export function invert(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}


/** max/min over dims with ties split evenly, for norm(p=±inf). */
export function evenlyDistributeDims(g: T, self: T, result: T, dims: number[] | null): T {
  // PyTorch's norm_backward for p = +-inf: the mask counts ties (and NaNs) per reduced slice, not over the whole
  // tensor (summing over everything gave each tie 1/3 instead of 1/2 when another row had its own maximum).
  const a = E.abs(self);
  const mask = E.add(C.to(E.eq(a, result), g.dtype), C.to(E.ne(a, a), g.dtype)); // == and NaN never both hold
  const count = dims === null ? R.sum(mask) : R.sum(mask, dims, true);
  return E.mul(E.mul(g, E.sign(self)), E.div(mask, count));
}

/** CatBackward0's formula for input i: its slice of the output grad along dim. */
export function catGrad(g: T, s: { dim: number; sizes: number[] }, i: number): T {
  let start = 0;
  for (let k = 0; k < i; k++) start += s.sizes[k];
  return S.narrow(g, s.dim, start, s.sizes[i]);
}

/** Length of diagonal `offset` of an n x m matrix (0 when it lies outside). */
export function diagLength(n: number, m: number, offset: number): number {
  return Math.max(0, offset >= 0 ? Math.min(n, m - offset) : Math.min(n + offset, m));
}

/** The 0/1 matrix [n, m] with ones on diagonal `offset`. */
export function diagMask(n: number, m: number, offset: number, dtype: T['dtype']): T {
  const vals = new Array<number>(n * m).fill(0);
  for (let i = 0; i < n; i++) if (i + offset >= 0 && i + offset < m) vals[i * m + i + offset] = 1;
  return S.reshape(C.tensor(vals, { dtype }), [n, m]);
}

/**
 * Diagonal `offset` of the planes over (dim1, dim2), as a last dim after the others (PyTorch's diagonal()),
 * written as a masked sum so that it is differentiable: the grad of diag(1-d) and of diagEmbed.
 */
export function diagonalOf(g: T, offset: number, dim1: number, dim2: number): T {
  const others = g.shape.map((_, d) => d).filter((d) => d !== dim1 && d !== dim2);
  const n1 = g.shape[dim1], n2 = g.shape[dim2];
  const len = diagLength(n1, n2, offset);
  if (len === 0) return C.zeros([...others.map((d) => g.shape[d]), 0], { dtype: g.dtype });
  const planes = E.mul(S.permute(g, [...others, dim1, dim2]), diagMask(n1, n2, offset, g.dtype));
  // offset >= 0: element (i, i + offset) is at column i + offset of the column sums; else at row i - offset.
  return offset >= 0 ? S.narrow(R.sum(planes, -2), -1, offset, len) : S.narrow(R.sum(planes, -1), -1, -offset, len);
}

/** Grad of diag(2-d): g (the diagonal) put back on diagonal `offset` of a zero matrix of `shape`. */
export function diagScatter(g: T, shape: number[], offset: number): T {
  const [n, m] = shape;
  if (g.shape[0] === 0) return C.zeros(shape, { dtype: g.dtype });
  // diag(g, offset) is square, of size len + |offset| <= m columns (offset >= 0) or <= n rows (offset < 0);
  // the rows or columns it lacks are zeros, the ones it has beyond the shape hold no diagonal element.
  const fit = (t: T, dim: number, size: number): T => {
    const have = t.shape[dim];
    if (have > size) return S.narrow(t, dim, 0, size);
    if (have === size) return t;
    const pad = t.shape.slice();
    pad[dim] = size - have;
    return S.cat([t, C.zeros(pad, { dtype: t.dtype })], dim);
  };
  return fit(fit(ST.diag(g, offset), 0, n), 1, m);
}

/** Grad of repeat: the output grad split into (repeat, size) pairs of dims, summed over the repeats. */
export function repeatBackward(g: T, shape: number[], repeats: number[]): T {
  const lead = repeats.length - shape.length;
  const split: number[] = [];
  const sumDims: number[] = [];
  repeats.forEach((r, d) => {
    sumDims.push(split.length);
    split.push(r, d < lead ? 1 : shape[d - lead]);
  });
  if (sumDims.length === 0) return S.reshape(g, shape);
  return S.reshape(R.sum(S.reshape(g, split), sumDims), shape);
}

/**
 * Grad of index_select along dim (repeatInterleave): the output grad times the one-hot [outLen, size] matrix
 * of the selected indices, which sums the grads of each source slice's copies (PyTorch's index_add into zeros).
 */
export function indexSelectBackward(g: T, dim: number, index: Int32Array, size: number): T {
  const vals = new Array<number>(index.length * size).fill(0);
  index.forEach((src, j) => (vals[j * size + src] = 1));
  const onehot = S.reshape(C.tensor(vals, { dtype: g.dtype }), [index.length, size]);
  return S.transpose(L.matmul(S.transpose(g, dim, -1), onehot), dim, -1);
}

/** What norm-like nodes save: the input, the result and the reduction (dims null: all). */
export interface NormSaved {
  self: T;
  result: T;
  p: number;
  dims: number[] | null;
  keepdim: boolean;
}
/** PyTorch's norm_backward (NormBackward1, LinalgVectorNormBackward0). */
export function normBackward(g: T, s: NormSaved): T | null {
  // PyTorch's norm_backward returns an undefined grad for p=0 (a count of non-zeros): no grad at all.
  if (s.p === 0) return null;
  const shape = s.self.shape;
  const gx = expandReduced(g, shape, s.dims, s.keepdim);
  const rx = expandReduced(s.result, shape, s.dims, s.keepdim);
  if (s.p === 2) return E.where(E.eq(rx, 0), 0, E.div(E.mul(gx, s.self), rx));
  if (s.p === 1) return E.mul(gx, E.sign(s.self));
  if (s.p === Infinity || s.p === -Infinity) return evenlyDistributeDims(gx, s.self, rx, s.dims);
  // d/dx (sum |x|^p)^(1/p) = x |x|^(p-2) / norm^(p-1)
  const num = E.mul(s.self, E.pow(E.abs(s.self), s.p - 2));
  return E.where(E.eq(rx, 0), 0, E.div(E.mul(gx, num), E.pow(rx, s.p - 1)));
}

export type AsStridedSaved = { shape: number[]; strides: number[]; offset: number; size: number[]; stride: number[]; storageOffset: number };
