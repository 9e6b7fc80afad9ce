// THE derivative table: one row per differentiable op, with PyTorch's node name written literally and one
// formula per input, written with tensorgrad ops so createGraph works. The engine reduces broadcast grads
// to each input's shape (engine.ts), so formulas never do. Inputs that need no grad are never computed.
import type { Tensor, TensorLike } from '../tensor.js';
import { installDerivatives, type Derivative, type Formula } from './function_node.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import * as C from '../ops/creation.js';
import * as NN from '../ops/nn.js';
import * as F from '../ops/softmax.js';
import { MATH_ROWS } from './derivatives_math.js';
import { gradMode } from './grad_mode.js';
import { BinaryBackwardOp } from '../native.js';

type T = Tensor;
type Num = TensorLike;
/** A factor mul/div save only when the other input needs its grad (so in-place use of an unneeded one is fine). */
type IfNeeded<V> = V | null;
const g_ = (g: T) => g;

/** Re-inserts reduced dims when keepdim was false. */
function unreduce(g: T, dims: number[] | null, keepdim: boolean): T {
  let r = g;
  if (dims !== null && !keepdim) for (const d of dims) r = S.unsqueeze(r, d);
  return r;
}

/** Re-inserts reduced dims (when keepdim was false) and expands back to the input shape. */
function expandReduced(g: T, shape: number[], dims: number[] | null, keepdim: boolean): T {
  return S.expand(unreduce(g, dims, keepdim), shape);
}

/** The grad of a sum or mean over `dims` (all when null) for an input of `shape`: compact when no graph is
 * built (Note [Compact grads] in engine.ts), since the formulas that receive it broadcast it anyway. */
function reductionGrad(g: T, shape: number[], dims: number[] | null, keepdim: boolean): T {
  return gradMode.enabled ? expandReduced(g, shape, dims, keepdim) : unreduce(g, dims, keepdim);
}

/** Adds back a reduced dim for values/indices of max(dim)-style ops. */
function keep(t: T, dim: number, keepdim: boolean, ndim: number): T {
  return keepdim || ndim === 0 ? t : S.unsqueeze(t, dim);
}

/** Puts g into a zero tensor of `shape` at [start, start+len) along dim (SliceBackward/SelectBackward). */
function sliceBackward(g: T, shape: number[], dim: number, start: number): T {
  const parts: T[] = [];
  const before = shape.slice(), after = shape.slice();
  before[dim] = start;
  after[dim] = shape[dim] - start - g.shape[dim];
  if (before[dim] > 0) parts.push(C.zeros(before, { dtype: g.dtype }));
  parts.push(g);
  if (after[dim] > 0) parts.push(C.zeros(after, { dtype: g.dtype }));
  return parts.length === 1 ? g : S.cat(parts, dim);
}

/** Mask where x equals the selected extreme, split evenly among ties (PyTorch's evenly_distribute_backward). */
function evenlyDistribute(g: T, self: T, result: T): T {
  // A NaN result came from the NaN inputs: they share the grad.
  const r = result.item() as number;
  const mask = C.to(r !== r ? E.ne(self, self) : E.eq(self, result), g.dtype);
  return E.mul(E.div(mask, R.sum(mask)), g);
}

/** Grad of prod (over all or one dim), exact with zeros as PyTorch's prod_backward: where a slice has one
 * zero, that element gets the product of the others; with more zeros every grad is 0. */
function prodBackward(g: T, self: T, result: T, dim: number | null, keepdim: boolean): T {
  const up = (t: T, kept: boolean) => expandReduced(t, self.shape, dim === null ? null : [dim], kept);
  const isZero = E.eq(self, 0);
  if (gradMode.enabled && self.ndim > 0 && (R.sum(isZero).item() as number) > 0) return E.mul(up(g, keepdim), prodOfOthers(self, dim));
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
function prodOfOthers(self: T, dim: number | null): T {
  const x = dim === null ? S.reshape(self, [self.numel()]) : S.transpose(self, dim, -1);
  const n = x.shape[x.ndim - 1];
  const square = S.expand(S.unsqueeze(x, -2), [...x.shape.slice(0, -1), n, n]);
  const others = R.prod(E.where(C.to(C.eye(n), 'bool'), 1, square), -1);
  return dim === null ? S.reshape(others, self.shape) : S.transpose(others, dim, -1);
}

/** maximum/minimum backward: g, halved on ties, zero where `loses`. */
function tieSplit(g: T, self: Num, other: Num, loses: T): T {
  return E.where(loses, 0, E.where(E.eq(self, other), E.mul(g, 0.5), g));
}

/** One-hot mask of `indices` along dim, to route grads of max(dim)/min(dim) (value_selecting_reduction_backward). */
function indexMask(indices: T, shape: number[], dim: number, dtype: T['dtype']): T {
  const n = shape[dim] ?? 1;
  const viewShape = shape.map((_, i) => (i === dim ? n : 1));
  const positions = S.reshape(C.arange(n, { dtype: 'int32' }), viewShape);
  return C.to(E.eq(positions, indices), dtype);
}

/** Grad of split / split_with_sizes: the output grads concatenated, zeros for outputs that got none. */
function splitGrad(_g: T, s: { shape: number[]; dim: number; sizes: number[]; dtype: T['dtype'] }, grads: readonly (T | null)[]): T {
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
function selectedBackward(g: T, s: { shape: number[]; dim: number; keepdim: boolean; indices: T }): T {
  const nd = s.shape.length;
  return E.mul(keep(g, s.dim, s.keepdim, nd), indexMask(keep(s.indices, s.dim, s.keepdim, nd), s.shape, s.dim, g.dtype));
}

/** grad^T @ input: the weight's grad of F.linear, the transpose a GEMM flag unless a graph is being built. */
function linearWeightGrad(g: T, input: T): T {
  return gradMode.enabled ? L.mm(S.t(g), input) : L.mmT(g, input, true, false);
}

/** Inverse of a permutation. */
function invert(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

export const D = {
  // ---- arithmetic -------------------------------------------------------------------------------------------
  add: { name: 'AddBackward0', compactGrad: true, grads: [g_, (g: T, s: { alpha: number }) => (s.alpha === 1 ? g : E.mul(g, s.alpha))] },
  sub: { name: 'SubBackward0', compactGrad: true, grads: [g_, (g: T, s: { alpha: number }) => E.mul(g, -s.alpha)] },
  // torch.rsub(x, other, alpha) = other - alpha * x; `4.2 - x` (Note [Scalar-first forms] in ops/elementwise.ts)
  rsub: { name: 'RsubBackward0', compactGrad: true, grads: [(g: T, s: { alpha: number }) => E.mul(g, -s.alpha), g_] },
  rsubScalar: { name: 'RsubBackward1', compactGrad: true, grads: [(g: T, s: { alpha: number }) => E.mul(g, -s.alpha)] },
  mul: {
    name: 'MulBackward0',
    compactGrad: true,
    grads: [(g: T, s: { other: IfNeeded<Num> }) => E.mul(g, s.other!), (g: T, s: { self: IfNeeded<Num> }) => E.mul(g, s.self!)],
    fused: (g: T, s: { self: IfNeeded<Num>; other: IfNeeded<Num> }, needs: boolean[]) => E.binaryBackward(BinaryBackwardOp.mul, g, s.self!, s.other!, needs),
  },
  div: {
    name: 'DivBackward0',
    compactGrad: true,
    grads: [
      (g: T, s: { other: Num }) => E.div(g, s.other),
      // Written as PyTorch does, -g * ((self / other) / other), so large divisors do not overflow other^2.
      (g: T, s: { self: IfNeeded<Num>; other: Num }) => E.mul(E.neg(g), E.div(E.div(s.self!, s.other), s.other)),
    ],
    fused: (g: T, s: { self: IfNeeded<Num>; other: Num }, needs: boolean[]) => E.binaryBackward(BinaryBackwardOp.div, g, s.self!, s.other, needs),
  },
  powScalar: {
    name: 'PowBackward0',
    compactGrad: true,
    grads: [
      (g: T, s: { self: T; exponent: number }) =>
        s.exponent === 0 ? C.zerosLike(s.self) : E.mul(g, E.mul(E.pow(s.self, s.exponent - 1), s.exponent)),
    ],
  },
  pow: {
    name: 'PowBackward1',
    grads: [
      // NOTE: x ** 0 has grad 0 everywhere, even where x ** -1 is inf or NaN.
      (g: T, s: { self: T; exponent: T }) =>
        E.where(E.eq(s.exponent, 0), 0, E.mul(g, E.mul(s.exponent, E.pow(s.self, E.sub(s.exponent, 1))))),
      // NOTE: where self == 0 and exponent >= 0 the grad is 0, not 0 * log(0) = NaN.
      (g: T, s: { self: T; exponent: T; result: T }) =>
        E.where(E.mul(E.eq(s.self, 0), E.ge(s.exponent, 0)), 0, E.mul(g, E.mul(s.result, E.log(s.self)))),
    ],
    fused: (g: T, s: { self: T; exponent: T; result: T }, needs: boolean[]) => E.binaryBackward(BinaryBackwardOp.pow, g, s.self, s.exponent, needs, s.result),
  },
  // `2 ** x`: PyTorch wraps the number as a tensor and records PowBackward1 (torch.pow(2, x) would be
  // PowBackward2; Note [Scalar-first forms] in ops/elementwise.ts). As there, a zero base gives grad 0 where
  // the exponent is >= 0.
  powScalarBase: {
    name: 'PowBackward1',
    grads: [
      null as never,
      (g: T, s: { self: number; exponent: T; result: T }) =>
        s.self === 0
          ? E.where(E.ge(s.exponent, 0), 0, E.mul(g, E.mul(s.result, -Infinity)))
          : E.mul(g, E.mul(s.result, Math.log(s.self))),
    ],
  },
  maximum: {
    name: 'MaximumBackward0',
    grads: [
      // PyTorch: where(self == other, g / 2, g) zeroed where self < other (so NaN inputs pass the grad).
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.lt(s.self, s.other)),
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.gt(s.self, s.other)),
    ],
  },
  minimum: {
    name: 'MinimumBackward0',
    grads: [
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.gt(s.self, s.other)),
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.lt(s.self, s.other)),
    ],
  },
  neg: { name: 'NegBackward0', compactGrad: true, grads: [(g: T) => E.neg(g)] },
  abs: { name: 'AbsBackward0', compactGrad: true, grads: [(g: T, s: { self: T }) => E.mul(g, E.sign(s.self))] },
  sign: { name: 'SignBackward0', grads: [(g: T) => C.zerosLike(g)] },

  // ---- unary math --------------------------------------------------------------------------------------------
  exp: { name: 'ExpBackward0', compactGrad: true, grads: [(g: T, s: { result: T }) => E.mul(g, s.result)] },
  log: { name: 'LogBackward0', compactGrad: true, grads: [(g: T, s: { self: T }) => E.div(g, s.self)] },
  sqrt: { name: 'SqrtBackward0', compactGrad: true, grads: [(g: T, s: { result: T }) => E.div(g, E.mul(s.result, 2))] },
  reciprocal: { name: 'ReciprocalBackward0', grads: [(g: T, s: { result: T }) => E.mul(E.neg(g), E.mul(s.result, s.result))] },
  rsqrt: { name: 'RsqrtBackward0', grads: [(g: T, s: { result: T }) => E.mul(E.mul(g, E.pow(s.result, 3)), -0.5)] },
  sin: { name: 'SinBackward0', compactGrad: true, grads: [(g: T, s: { self: T }) => E.mul(g, E.cos(s.self))] },
  cos: { name: 'CosBackward0', compactGrad: true, grads: [(g: T, s: { self: T }) => E.mul(g, E.neg(E.sin(s.self)))] },
  tanh: { name: 'TanhBackward0', compactGrad: true, grads: [(g: T, s: { result: T }) => E.tanhBackward(g, s.result)] },
  sigmoid: { name: 'SigmoidBackward0', compactGrad: true, grads: [(g: T, s: { result: T }) => E.sigmoidBackward(g, s.result)] },
  relu: { name: 'ReluBackward0', compactGrad: true, grads: [(g: T, s: { result: T }) => E.thresholdBackward(g, s.result)] },
  clamp: {
    name: 'ClampBackward1',
    compactGrad: true,
    grads: [
      (g: T, s: { self: T; min: number | null; max: number | null }) => {
        let mask = E.eq(s.self, s.self);
        if (s.min !== null) mask = E.mul(mask, E.ge(s.self, s.min));
        if (s.max !== null) mask = E.mul(mask, E.le(s.self, s.max));
        return E.mul(g, mask);
      },
    ],
  },
  where: {
    name: 'WhereBackward0',
    compactGrad: true,
    grads: [(g: T, s: { condition: T }) => E.where(s.condition, g, 0), (g: T, s: { condition: T }) => E.where(s.condition, 0, g)],
  },

  // ---- backward kernels as ops (double backward) ---------------------------------------------------------------
  tanhBackward: {
    name: 'TanhBackwardBackward0',
    grads: [
      (g: T, s: { result: T }) => E.tanhBackward(g, s.result),
      (g: T, s: { grad: T; result: T }) => E.mul(E.mul(E.mul(g, s.grad), s.result), -2),
    ],
  },
  sigmoidBackward: {
    name: 'SigmoidBackwardBackward0',
    grads: [
      (g: T, s: { result: T }) => E.sigmoidBackward(g, s.result),
      (g: T, s: { grad: T; result: T }) => E.mul(E.mul(g, s.grad), E.sub(1, E.mul(s.result, 2))),
    ],
  },
  thresholdBackward: {
    name: 'ThresholdBackwardBackward0',
    grads: [(g: T, s: { self: T }) => E.thresholdBackward(g, s.self), (g: T) => C.zerosLike(g)],
  },

  // ---- reductions ------------------------------------------------------------------------------------------------
  sum: { name: 'SumBackward0', grads: [(g: T, s: { shape: number[] }) => reductionGrad(g, s.shape, null, false)] },
  sumDim: {
    name: 'SumBackward1',
    grads: [(g: T, s: { shape: number[]; dims: number[]; keepdim: boolean }) => reductionGrad(g, s.shape, s.dims, s.keepdim)],
  },
  mean: { name: 'MeanBackward0', grads: [(g: T, s: { shape: number[]; count: number }) => E.div(reductionGrad(g, s.shape, null, false), s.count)] },
  meanDim: {
    name: 'MeanBackward1',
    grads: [
      (g: T, s: { shape: number[]; dims: number[]; keepdim: boolean; count: number }) =>
        E.div(reductionGrad(g, s.shape, s.dims, s.keepdim), s.count),
    ],
  },
  prod: { name: 'ProdBackward0', grads: [(g: T, s: { self: T; result: T }) => prodBackward(g, s.self, s.result, null, false)] },
  prodDim: {
    name: 'ProdBackward1',
    grads: [
      (g: T, s: { self: T; result: T; dims: number[]; keepdim: boolean }) =>
        prodBackward(g, s.self, s.result, s.dims.length ? s.dims[0] : null, s.keepdim),
    ],
  },
  maxAll: { name: 'MaxBackward1', grads: [(g: T, s: { self: T; result: T }) => evenlyDistribute(g, s.self, s.result)] },
  minAll: { name: 'MinBackward1', grads: [(g: T, s: { self: T; result: T }) => evenlyDistribute(g, s.self, s.result)] },
  maxDim: { name: 'MaxBackward0', outputs: 2, grads: [selectedBackward] },
  minDim: { name: 'MinBackward0', outputs: 2, grads: [selectedBackward] },
  norm: {
    name: 'NormBackward1',
    grads: [
      (g: T, s: { self: T; result: T; p: number; dims: number[] | null; keepdim: boolean }): T | null => {
        // PyTorch's norm_backward returns an undefined grad for p=0 (a count of non-zeros): no grad at all.
        if (s.p === 0) return null;
        const shape = s.self.shape;
        const gx = expandReduced(g, shape, s.dims, s.keepdim);
        const rx = expandReduced(s.result, shape, s.dims, s.keepdim);
        if (s.p === 2) return E.where(E.eq(rx, 0), 0, E.div(E.mul(gx, s.self), rx));
        if (s.p === 1) return E.mul(gx, E.sign(s.self));
        if (s.p === Infinity || s.p === -Infinity) return evenlyDistributeDims(gx, s.self, rx);
        // d/dx (sum |x|^p)^(1/p) = x |x|^(p-2) / norm^(p-1)
        const num = E.mul(s.self, E.pow(E.abs(s.self), s.p - 2));
        return E.where(E.eq(rx, 0), 0, E.div(E.mul(gx, num), E.pow(rx, s.p - 1)));
      },
    ],
  },
  var: {
    name: 'VarBackward0',
    grads: [
      (g: T, s: { self: T; dims: number[]; keepdim: boolean; correction: number; n: number }) =>
        E.mul(expandReduced(g, s.self.shape, s.dims, s.keepdim), E.div(E.mul(E.sub(s.self, R.mean(s.self, s.dims, true)), 2), s.n - s.correction)),
    ],
  },
  std: {
    name: 'StdBackward0',
    grads: [
      (g: T, s: { self: T; result: T; dims: number[]; keepdim: boolean; correction: number; n: number }) =>
        E.div(
          E.mul(expandReduced(g, s.self.shape, s.dims, s.keepdim), E.sub(s.self, R.mean(s.self, s.dims, true))),
          E.mul(expandReduced(s.result, s.self.shape, s.dims, s.keepdim), s.n - s.correction),
        ),
    ],
  },
  logsumexp: {
    name: 'LogsumexpBackward0',
    grads: [
      (g: T, s: { self: T; result: T; dims: number[]; keepdim: boolean }) =>
        E.mul(expandReduced(g, s.self.shape, s.dims, s.keepdim), E.exp(E.sub(s.self, expandReduced(s.result, s.self.shape, s.dims, s.keepdim)))),
    ],
  },
  softmax: {
    name: 'SoftmaxBackward0',
    grads: [(g: T, s: { result: T; dim: number }) => F.softmaxBackward(g, s.result, s.dim, false)],
  },
  logSoftmax: {
    name: 'LogSoftmaxBackward0',
    grads: [(g: T, s: { result: T; dim: number }) => F.softmaxBackward(g, s.result, s.dim, true)],
  },

  // ---- shape -----------------------------------------------------------------------------------------------------
  reshape: { name: 'ReshapeAliasBackward0', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  view: { name: 'ViewBackward0', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  unsafeView: { name: 'UnsafeViewBackward0', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  squeeze: { name: 'SqueezeBackward0', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  squeezeDim: { name: 'SqueezeBackward1', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  unsqueeze: { name: 'UnsqueezeBackward0', grads: [(g: T, s: { dim: number }) => S.squeeze(g, s.dim)] },
  permute: { name: 'PermuteBackward0', grads: [(g: T, s: { dims: number[] }) => S.permute(g, invert(s.dims))] },
  transpose: { name: 'TransposeBackward0', grads: [(g: T, s: { dim0: number; dim1: number }) => S.transpose(g, s.dim0, s.dim1)] },
  t: { name: 'TBackward0', grads: [(g: T) => S.t(g)] },
  // The engine sums the expanded grad back to the input's shape.
  expand: { name: 'ExpandBackward0', grads: [g_] },
  narrow: {
    name: 'SliceBackward0',
    grads: [(g: T, s: { shape: number[]; dim: number; start: number }) => sliceBackward(g, s.shape, s.dim, s.start)],
  },
  select: {
    name: 'SelectBackward0',
    grads: [(g: T, s: { shape: number[]; dim: number; index: number }) => sliceBackward(S.unsqueeze(g, s.dim), s.shape, s.dim, s.index)],
  },
  // Any number of inputs: one formula, given the input's index (Note [Formula per input] in function_node.ts).
  cat: { name: 'CatBackward0', grads: [], variadic: catGrad },
  stack: { name: 'StackBackward0', grads: [], variadic: (g: T, s: { dim: number }, i: number) => S.select(g, s.dim, i) },
  split: { name: 'SplitBackward0', grads: [splitGrad] },
  splitWithSizes: { name: 'SplitWithSizesBackward0', grads: [splitGrad] },

  // ---- linear algebra ------------------------------------------------------------------------------------------
  dot: {
    name: 'DotBackward0',
    grads: [(g: T, s: { other: T }) => E.mul(s.other, g), (g: T, s: { self: T }) => E.mul(s.self, g)],
  },
  // Without a graph to build, the transposes are GEMM flags (no copies); with createGraph, differentiable ops.
  mm: {
    name: 'MmBackward0',
    grads: [
      (g: T, s: { mat2: T }) => (gradMode.enabled ? L.mm(g, S.t(s.mat2)) : L.mmT(g, s.mat2, false, true)),
      (g: T, s: { self: T }) => (gradMode.enabled ? L.mm(S.t(s.self), g) : L.mmT(s.self, g, true, false)),
    ],
  },
  mv: {
    name: 'MvBackward0',
    grads: [
      (g: T, s: { vec: T }) => L.outer(g, s.vec),
      (g: T, s: { self: T }) => (gradMode.enabled ? L.mv(S.t(s.self), g) : S.reshape(L.mmT(s.self, S.reshape(g, [g.shape[0], 1]), true, false), [s.self.shape[1]])),
    ],
  },
  bmm: {
    name: 'BmmBackward0',
    grads: [
      (g: T, s: { mat2: T }) => (gradMode.enabled ? L.bmm(g, S.transpose(s.mat2, 1, 2)) : L.bmmT(g, s.mat2, false, true)),
      (g: T, s: { self: T }) => (gradMode.enabled ? L.bmm(S.transpose(s.self, 1, 2), g) : L.bmmT(s.self, g, true, false)),
    ],
  },

  // ---- copies and in-place --------------------------------------------------------------------------------------
  toCopy: { name: 'ToCopyBackward0', grads: [g_] },
  clone: { name: 'CloneBackward0', grads: [g_] },
  // fill_ and zero_ on a tensor in the graph (in-place overloads: PyTorch 1.13 numbers them after fill/fill.Tensor)
  fill: { name: 'FillBackward2', grads: [(g: T) => C.zerosLike(g)] },
  zero: { name: 'ZeroBackward0', grads: [(g: T) => C.zerosLike(g)] },
  copy: { name: 'CopyBackwards', grads: [(g: T) => C.zerosLike(g), g_] },

  // ==== nn (lib/ops/nn.ts, lib/nn/functional.ts) ==================================================================
  // Rows for tg.nn.functional. Each formula is written with tensorgrad ops so createGraph / double backward works;
  // F.linear (lib/ops/nn.ts linear2d): its weight input is the graph-only TBackward0 node of weight.t(), which
  // passes the grad on as it is, so the weight's grad is formed in the weight's layout: grad^T @ input.
  nnLinear: {
    name: 'AddmmBackward0',
    grads: [g_, (g: T, s: { weight: T }) => L.mm(g, s.weight), (g: T, s: { input: T }) => linearWeightGrad(g, s.input)],
  },
  nnLinearNoBias: {
    name: 'MmBackward0',
    grads: [(g: T, s: { weight: T }) => L.mm(g, s.weight), (g: T, s: { input: T }) => linearWeightGrad(g, s.input)],
  },
  nnDivScalar: { name: 'DivBackward1', grads: [(g: T, s: { other: number }) => E.div(g, s.other)] },
  nnMulScalar: { name: 'MulBackward1', grads: [(g: T, s: { other: number }) => E.mul(g, s.other)] },
  nnErf: {
    name: 'ErfBackward0',
    grads: [(g: T, s: { self: T }) => E.mul(g, E.mul(E.exp(E.neg(E.mul(s.self, s.self))), 2 / Math.sqrt(Math.PI)))],
  },
  nnGelu: {
    name: 'GeluBackward0',
    grads: [(g: T, s: { self: T; approximate: NN.GeluApproximate }) => NN.geluBackward(g, s.self, s.approximate)],
  },
  nnGeluBackward: {
    name: 'GeluBackwardBackward0',
    grads: [
      (g: T, s: { self: T; approximate: NN.GeluApproximate }) => NN.geluBackward(g, s.self, s.approximate),
      (g: T, s: { grad: T; self: T; approximate: NN.GeluApproximate }) => NN.geluBackwardSelfGrad(g, s.grad, s.self, s.approximate),
    ],
  },
  nnMseLoss: {
    name: 'MseLossBackward0',
    grads: [
      (g: T, s: { self: T; target: T; norm: number }) => E.mul(E.mul(E.sub(s.self, s.target), s.norm), g),
      (g: T, s: { self: T; target: T; norm: number }) => E.neg(E.mul(E.mul(E.sub(s.self, s.target), s.norm), g)),
    ],
  },
  // mask: one-hot of the target along the class dim, times the class weight, zero where target == ignoreIndex.
  nnNllLoss: {
    name: 'NllLossBackward0',
    grads: [
      (g: T, s: { mask: T; reduction: NN.Reduction; totalWeight: T; classDim: number; ndim: number }) => {
        if (s.reduction === 'mean') return E.neg(E.mul(s.mask, E.div(g, s.totalWeight)));
        if (s.reduction === 'sum' || s.ndim === 1) return E.neg(E.mul(s.mask, g));
        return E.neg(E.mul(s.mask, S.unsqueeze(g, s.classDim)));
      },
    ],
  },
  nnNllLoss2d: { name: 'NllLoss2DBackward0', grads: [] as Formula<any>[] },
  // loss = (1 - y) x + lw (max(-x, 0) + log1p(exp(-|x|))), lw = (posWeight - 1) y + 1, times weight.
  nnBceWithLogits: {
    name: 'BinaryCrossEntropyWithLogitsBackward0',
    grads: [
      (g: T, s: { self: T; target: T; weight: T | null; posWeight: T | null; norm: number }) => {
        let r: T;
        if (s.posWeight !== null) {
          const t = E.mul(s.posWeight, s.target);
          r = E.sub(E.mul(E.sub(E.add(t, 1), s.target), E.sigmoid(s.self)), t);
        } else r = E.sub(E.sigmoid(s.self), s.target);
        r = E.mul(r, g);
        if (s.weight !== null) r = E.mul(r, s.weight);
        return s.norm === 1 ? r : E.div(r, s.norm);
      },
      (g: T, s: { self: T; weight: T | null; posWeight: T | null; norm: number }) => {
        // d/dy = logsigmoid(-x) - posWeight * logsigmoid(x); without posWeight, -x.
        let r: T;
        if (s.posWeight !== null)
          r = E.sub(E.mul(s.posWeight, NN.negLogSigmoid(s.self)), NN.negLogSigmoid(E.neg(s.self)));
        else r = E.neg(s.self);
        r = E.mul(r, g);
        if (s.weight !== null) r = E.mul(r, s.weight);
        return s.norm === 1 ? r : E.div(r, s.norm);
      },
    ],
  },
  // ==== issue 15's elementwise math, scans and sorting: rows in derivatives_math.ts ==========================
  ...MATH_ROWS,
} satisfies Record<string, Derivative>;
(D.nnNllLoss2d.grads as unknown[]).push(...D.nnNllLoss.grads); // same formula as NllLossBackward0
installDerivatives(D); // Note [Rows by name] in function_node.ts

/** max/min over dims with ties split evenly, for norm(p=±inf). */
function evenlyDistributeDims(g: T, self: T, result: T): T {
  const mask = C.to(E.eq(E.abs(self), result), g.dtype);
  return E.mul(E.mul(g, E.sign(self)), E.div(mask, R.sum(mask)));
}

/** CatBackward0's formula for input i: its slice of the output grad along dim. */
function catGrad(g: T, s: { dim: number; sizes: number[] }, i: number): T {
  let start = 0;
  for (let k = 0; k < i; k++) start += s.sizes[k];
  return S.narrow(g, s.dim, start, s.sizes[i]);
}
