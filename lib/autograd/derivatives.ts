// THE derivative table: one row per differentiable op, with PyTorch's node name written literally and one
// formula per input, written with tensorgrad ops so createGraph works. The engine reduces broadcast grads
// to each input's shape (engine.ts), so formulas never do. Inputs that need no grad are never computed.
import type { Tensor, TensorLike } from '../tensor.js';
import { TG } from './tangents.js';
import { installDerivatives, type Derivative, type Formula } from './function_node.js';
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
import * as EM_ from '../ops/embedding.js';
import * as NO_ from '../ops/norm.js';
import * as AT_ from '../ops/attention.js';
import { padTo, maskedScatterSourceGrad, scatterReduceBackward, asStridedBackward, type ScatterReduceSaved } from './index_grads.js';
import { MATH_ROWS } from './derivatives_math.js';
import { NNMISC_ROWS } from './derivatives_nnmisc.js';
import { LOSS_ROWS } from './derivatives_loss.js';
import { ACTIVATION_ROWS } from './derivatives_activation.js';
import { CONV_ROWS } from './derivatives_conv.js';
import { POOLING_ROWS } from './derivatives_pooling.js';
import { NORMALIZATION_ROWS } from './derivatives_normalization.js';
import { LINALG_ROWS } from './derivatives_linalg.js';
import { LINALG2_ROWS } from './derivatives_linalg2.js';
import { LINALGX_ROWS } from './derivatives_linalgx.js';
import { RNN_ROWS } from './derivatives_rnn.js';
import { SHAPE_ROWS } from './derivatives_shape.js';
import { POOLING3D_ROWS } from './derivatives_pooling3d.js';
import { SAMPLING_ROWS } from './derivatives_sampling.js';
import { FRACTIONAL_ROWS } from './derivatives_pooling_fractional.js';
import { LAYERS_ROWS } from './derivatives_layers.js';
import { differentiableFormulas } from './grad_mode.js';
import { BREADTH4_ROWS } from './derivatives_breadth4.js';
import { BREADTH5_ROWS } from './derivatives_breadth5.js';
import { COMPOSED_ROWS } from './derivatives_composed.js';
import { BinaryBackwardOp } from '../native.js';
import { g_, expandReduced, reductionGrad, sliceBackward, placeInZeros, evenlyDistribute, prodBackward, tieSplit, splitGrad, selectedBackward, linearWeightGrad, invert, normBackward, catGrad, diagonalOf, diagScatter, repeatBackward, indexSelectBackward, type T, type Num, type IfNeeded } from './formulas.js';
import { batchable } from './batchable.js';

const [E, R, S, L, C, NN, F, I, ST, IX, GA, SC, MK, EM, NO] = [batchable(E_), batchable(R_), batchable(S_), batchable(L_), batchable(C_), batchable(NN_), batchable(F_), batchable(I_), batchable(ST_), batchable(IX_), batchable(GA_), batchable(SC_), batchable(MK_), batchable(EM_), batchable(NO_)]; // Note [Batched backward]
const AT = batchable(AT_);

export const D = {
  // ---- arithmetic -------------------------------------------------------------------------------------------
  add: { name: 'AddBackward0', jvp: 'elementwise', compactGrad: true, grads: [g_, (g: T, s: { alpha: number }) => (s.alpha === 1 ? g : E.mul(g, s.alpha))] },
  sub: { name: 'SubBackward0', jvp: 'elementwise', compactGrad: true, grads: [g_, (g: T, s: { alpha: number }) => E.mul(g, -s.alpha)] },
  // torch.rsub(x, other, alpha) = other - alpha * x; `4.2 - x` (Note [Scalar-first forms] in ops/elementwise.ts)
  rsub: { name: 'RsubBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { alpha: number }) => E.mul(g, -s.alpha), g_] },
  rsubScalar: { name: 'RsubBackward1', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { alpha: number }) => E.mul(g, -s.alpha)] },
  mul: {
    name: 'MulBackward0', jvp: 'elementwise',
    compactGrad: true,
    grads: [(g: T, s: { other: IfNeeded<Num> }) => E.mul(g, s.other!), (g: T, s: { self: IfNeeded<Num> }) => E.mul(g, s.self!)],
    fused: (g: T, s: { self: IfNeeded<Num>; other: IfNeeded<Num> }, needs: boolean[]) => E.binaryBackward(BinaryBackwardOp.mul, g, s.self!, s.other!, needs),
  },
  div: {
    name: 'DivBackward0', jvp: 'elementwise',
    compactGrad: true,
    grads: [
      (g: T, s: { other: Num }) => E.div(g, s.other),
      // Written as PyTorch does, -g * ((self / other) / other), so large divisors do not overflow other^2.
      (g: T, s: { self: IfNeeded<Num>; other: Num }) => E.mul(E.neg(g), E.div(E.div(s.self!, s.other), s.other)),
    ],
    fused: (g: T, s: { self: IfNeeded<Num>; other: Num }, needs: boolean[]) => E.binaryBackward(BinaryBackwardOp.div, g, s.self!, s.other, needs),
  },
  powScalar: {
    name: 'PowBackward0', jvp: 'elementwise',
    compactGrad: true,
    grads: [
      (g: T, s: { self: T; exponent: number }) =>
        s.exponent === 0 ? C.zerosLike(s.self) : E.mul(g, E.mul(E.pow(s.self, s.exponent - 1), s.exponent)),
    ],
  },
  pow: {
    name: 'PowBackward1', jvp: 'elementwise',
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
    name: 'PowBackward1', jvp: 'elementwise',
    grads: [
      null as never,
      (g: T, s: { self: number; exponent: T; result: T }) =>
        s.self === 0
          ? E.where(E.ge(s.exponent, 0), 0, E.mul(g, E.mul(s.result, -Infinity)))
          : E.mul(g, E.mul(s.result, Math.log(s.self))),
    ],
  },
  maximum: {
    name: 'MaximumBackward0', jvp: 'elementwise',
    grads: [
      // PyTorch: where(self == other, g / 2, g) zeroed where self < other (so NaN inputs pass the grad).
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.lt(s.self, s.other)),
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.gt(s.self, s.other)),
    ],
  },
  minimum: {
    name: 'MinimumBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.gt(s.self, s.other)),
      (g: T, s: { self: Num; other: Num }) => tieSplit(g, s.self, s.other, E.lt(s.self, s.other)),
    ],
  },
  neg: { name: 'NegBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T) => E.neg(g)] },
  abs: { name: 'AbsBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { self: T }) => E.mul(g, E.sign(s.self))] },
  sign: { name: 'SignBackward0', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g)] },

  // ---- unary math --------------------------------------------------------------------------------------------
  exp: { name: 'ExpBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { result: T }) => E.mul(g, s.result)] },
  log: { name: 'LogBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { self: T }) => E.div(g, s.self)] },
  sqrt: { name: 'SqrtBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { result: T }) => E.div(g, E.mul(s.result, 2))] },
  reciprocal: { name: 'ReciprocalBackward0', jvp: 'elementwise', grads: [(g: T, s: { result: T }) => E.mul(E.neg(g), E.mul(s.result, s.result))] },
  rsqrt: { name: 'RsqrtBackward0', jvp: 'elementwise', grads: [(g: T, s: { result: T }) => E.mul(E.mul(g, E.pow(s.result, 3)), -0.5)] },
  sin: { name: 'SinBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { self: T }) => E.mul(g, E.cos(s.self))] },
  cos: { name: 'CosBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { self: T }) => E.mul(g, E.neg(E.sin(s.self)))] },
  tanh: { name: 'TanhBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { result: T }) => E.tanhBackward(g, s.result)] },
  sigmoid: { name: 'SigmoidBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { result: T }) => E.sigmoidBackward(g, s.result)] },
  relu: { name: 'ReluBackward0', jvp: 'elementwise', compactGrad: true, grads: [(g: T, s: { result: T }) => E.thresholdBackward(g, s.result)] },
  clamp: {
    name: 'ClampBackward1', jvp: 'elementwise',
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
  clampTensor: {
    name: 'ClampBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: T; min: T | null; max: T | null }) => {
        let keep = E.eq(s.self, s.self);
        if (s.min) keep = E.mul(keep, E.ge(s.self, s.min));
        if (s.max) keep = E.mul(keep, E.le(s.self, s.max));
        return E.where(keep, g, 0);
      },
      (g: T, s: { self: T; min: T | null; max: T | null }) => {
        const min = s.min as T;
        return E.where(E.lt(s.self, min), s.max ? E.where(E.lt(min, s.max), g, 0) : g, 0);
      },
      (g: T, s: { self: T; min: T | null; max: T | null }) => {
        const max = s.max as T;
        return E.where(E.gt(s.self, max), g, s.min ? E.where(E.lt(max, s.min), g, 0) : 0);
      },
    ],
  },
  where: {
    name: 'WhereBackward0', jvp: 'elementwise',
    compactGrad: true,
    grads: [(g: T, s: { condition: T }) => E.where(s.condition, g, 0), (g: T, s: { condition: T }) => E.where(s.condition, 0, g)],
  },

  // ---- backward kernels as ops (double backward) ---------------------------------------------------------------
  tanhBackward: {
    name: 'TanhBackwardBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { result: T }) => E.tanhBackward(g, s.result),
      (g: T, s: { grad: T; result: T }) => E.mul(E.mul(E.mul(g, s.grad), s.result), -2),
    ],
  },
  sigmoidBackward: {
    name: 'SigmoidBackwardBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { result: T }) => E.sigmoidBackward(g, s.result),
      (g: T, s: { grad: T; result: T }) => E.mul(E.mul(g, s.grad), E.sub(1, E.mul(s.result, 2))),
    ],
  },
  thresholdBackward: {
    name: 'ThresholdBackwardBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T }) => E.thresholdBackward(g, s.self), (g: T) => C.zerosLike(g)],
  },

  // ---- reductions ------------------------------------------------------------------------------------------------
  sum: { name: 'SumBackward0', jvp: TG.sum, grads: [(g: T, s: { shape: number[] }) => reductionGrad(g, s.shape, null, false)] },
  sumDim: {
    name: 'SumBackward1', jvp: TG.sumDim,
    grads: [(g: T, s: { shape: number[]; dims: number[]; keepdim: boolean }) => reductionGrad(g, s.shape, s.dims, s.keepdim)],
  },
  mean: { name: 'MeanBackward0', jvp: TG.mean, grads: [(g: T, s: { shape: number[]; count: number }) => E.div(reductionGrad(g, s.shape, null, false), s.count)] },
  meanDim: {
    name: 'MeanBackward1', jvp: TG.meanDim,
    grads: [
      (g: T, s: { shape: number[]; dims: number[]; keepdim: boolean; count: number }) =>
        E.div(reductionGrad(g, s.shape, s.dims, s.keepdim), s.count),
    ],
  },
  prod: { name: 'ProdBackward0', jvp: 'transpose', grads: [(g: T, s: { self: T; result: T }) => prodBackward(g, s.self, s.result, null, false)] },
  prodDim: {
    name: 'ProdBackward1', jvp: 'transpose',
    grads: [
      (g: T, s: { self: T; result: T; dims: number[]; keepdim: boolean }) =>
        prodBackward(g, s.self, s.result, s.dims.length ? s.dims[0] : null, s.keepdim),
    ],
  },
  maxAll: { name: 'MaxBackward1', jvp: TG.tiedAll, grads: [(g: T, s: { self: T; result: T }) => evenlyDistribute(g, s.self, s.result)] },
  minAll: { name: 'MinBackward1', jvp: TG.tiedAll, grads: [(g: T, s: { self: T; result: T }) => evenlyDistribute(g, s.self, s.result)] },
  maxDim: { name: 'MaxBackward0', jvp: TG.selected, outputs: 2, grads: [selectedBackward] },
  minDim: { name: 'MinBackward0', jvp: TG.selected, outputs: 2, grads: [selectedBackward] },
  norm: { name: 'NormBackward1', jvp: TG.norm, grads: [normBackward] },
  var: {
    name: 'VarBackward0', jvp: TG.var,
    grads: [
      (g: T, s: { self: T; dims: number[]; keepdim: boolean; correction: number; n: number }) =>
        E.mul(expandReduced(g, s.self.shape, s.dims, s.keepdim), E.div(E.mul(E.sub(s.self, R.mean(s.self, s.dims, true)), 2), s.n - s.correction)),
    ],
  },
  std: {
    name: 'StdBackward0', jvp: TG.std,
    grads: [
      (g: T, s: { self: T; result: T; dims: number[]; keepdim: boolean; correction: number; n: number }) =>
        E.div(
          E.mul(expandReduced(g, s.self.shape, s.dims, s.keepdim), E.sub(s.self, R.mean(s.self, s.dims, true))),
          E.mul(expandReduced(s.result, s.self.shape, s.dims, s.keepdim), s.n - s.correction),
        ),
    ],
  },
  logsumexp: {
    name: 'LogsumexpBackward0', jvp: TG.logsumexp,
    grads: [
      (g: T, s: { self: T; result: T; dims: number[]; keepdim: boolean }) =>
        E.mul(expandReduced(g, s.self.shape, s.dims, s.keepdim), E.exp(E.sub(s.self, expandReduced(s.result, s.self.shape, s.dims, s.keepdim)))),
    ],
  },
  softmax: {
    name: 'SoftmaxBackward0', jvp: TG.softmax,
    grads: [(g: T, s: { result: T; dim: number }) => F.softmaxBackward(g, s.result, s.dim, false)],
  },
  logSoftmax: {
    name: 'LogSoftmaxBackward0', jvp: TG.logSoftmax,
    grads: [(g: T, s: { result: T; dim: number }) => F.softmaxBackward(g, s.result, s.dim, true)],
  },

  // ---- shape -----------------------------------------------------------------------------------------------------
  reshape: { name: 'ReshapeAliasBackward0', jvp: TG.reshape, grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  view: { name: 'ViewBackward0', jvp: TG.reshape, grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  unsafeView: { name: 'UnsafeViewBackward0', jvp: TG.reshape, grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  squeeze: { name: 'SqueezeBackward0', jvp: TG.reshape, grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  squeezeDim: { name: 'SqueezeBackward1', jvp: TG.reshape, grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  unsqueeze: { name: 'UnsqueezeBackward0', jvp: TG.unsqueeze, grads: [(g: T, s: { dim: number }) => S.squeeze(g, s.dim)] },
  permute: { name: 'PermuteBackward0', jvp: TG.permute, grads: [(g: T, s: { dims: number[] }) => S.permute(g, invert(s.dims))] },
  transpose: { name: 'TransposeBackward0', jvp: TG.transpose, grads: [(g: T, s: { dim0: number; dim1: number }) => S.transpose(g, s.dim0, s.dim1)] },
  t: { name: 'TBackward0', jvp: TG.t, grads: [(g: T) => S.t(g)] },
  // The engine sums the expanded grad back to the input's shape.
  expand: { name: 'ExpandBackward0', jvp: TG.expand, grads: [g_] },
  narrow: {
    name: 'SliceBackward0', jvp: TG.narrow,
    grads: [(g: T, s: { shape: number[]; dim: number; start: number }) => sliceBackward(g, s.shape, s.dim, s.start)],
  },
  select: {
    name: 'SelectBackward0', jvp: TG.select,
    grads: [(g: T, s: { shape: number[]; dim: number; index: number }) => sliceBackward(S.unsqueeze(g, s.dim), s.shape, s.dim, s.index)],
  },
  slice: {
    name: 'SliceBackward0', jvp: TG.slice,
    grads: [(g: T, s: { shape: number[]; dim: number; start: number; end: number; step: number }) => placeInZeros(g, s.shape, (z) => S.slice(z, s.dim, s.start, s.end, s.step))],
  },
  diagonal: {
    name: 'DiagonalBackward0', jvp: TG.diagonal,
    grads: [(g: T, s: { shape: number[]; offset: number; dim1: number; dim2: number }) => placeInZeros(g, s.shape, (z) => S.diagonal(z, s.offset, s.dim1, s.dim2))],
  },
  // Windows overlap when step < size: the grad of each element sums over the windows that hold it, one
  // strided slice per position within the window.
  unfold: {
    name: 'UnfoldBackward0', jvp: TG.unfold,
    grads: [
      (g: T, s: { shape: number[]; dim: number; size: number; step: number }) => {
        const z = C.zeros(s.shape, { dtype: g.dtype });
        if (s.shape.length === 0) return I.add_(z, S.select(g, 0, 0));
        const n = g.shape[s.dim];
        // (n >= 1: unfold checks size <= the dim's length, so there is always a window)
        for (let k = 0; k < s.size; k++) I.add_(S.slice(z, s.dim, k, k + (n - 1) * s.step + 1, s.step), S.select(g, -1, k));
        return z;
      },
    ],
  },
  asStrided: {
    name: 'AsStridedBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { shape: number[]; strides: number[]; offset: number; size: number[]; stride: number[]; storageOffset: number }) =>
        asStridedBackward(g, { size: s.shape, stride: s.strides, offset: s.offset }, { size: s.size, stride: s.stride, offset: s.storageOffset }),
    ],
  },
  unbind: {
    name: 'UnbindBackward0', jvp: TG.unbind,
    grads: [
      (_g: T, s: { shape: number[]; dim: number; dtype: T['dtype'] }, grads: readonly (T | null)[]) => {
        const sub = s.shape.filter((_, k) => k !== s.dim);
        return S.stack(grads.map((gi) => gi ?? C.zeros(sub, { dtype: s.dtype })), s.dim);
      },
    ],
  },
  // Any number of inputs: one formula, given the input's index (Note [Formula per input] in function_node.ts).
  cat: { name: 'CatBackward0', jvp: TG.cat, grads: [], variadic: catGrad },
  stack: { name: 'StackBackward0', jvp: TG.stack, grads: [], variadic: (g: T, s: { dim: number }, i: number) => S.select(g, s.dim, i) },
  split: { name: 'SplitBackward0', jvp: TG.split, grads: [splitGrad] },
  splitWithSizes: { name: 'SplitWithSizesBackward0', jvp: TG.split, grads: [splitGrad] },
  // structure ops (lib/ops/structure.ts): tile records RepeatBackward0 through repeat, fliplr/flipud FlipBackward0
  // through flip, and repeat_interleave is index_select in PyTorch 1.13 (IndexSelectBackward0).
  tril: { name: 'TrilBackward0', jvp: TG.tril, grads: [(g: T, s: { diagonal: number }) => ST.tril(g, s.diagonal)] },
  triu: { name: 'TriuBackward0', jvp: TG.triu, grads: [(g: T, s: { diagonal: number }) => ST.triu(g, s.diagonal)] },
  diag: {
    name: 'DiagBackward0', jvp: TG.diag,
    grads: [(g: T, s: { shape: number[]; diagonal: number }) => (s.shape.length === 1 ? diagonalOf(g, s.diagonal, 0, 1) : diagScatter(g, s.shape, s.diagonal))],
  },
  diagEmbed: {
    name: 'DiagEmbedBackward0', jvp: 'transpose',
    grads: [(g: T, s: { offset: number; dim1: number; dim2: number }) => diagonalOf(g, s.offset, s.dim1, s.dim2)],
  },
  flip: { name: 'FlipBackward0', jvp: TG.flip, grads: [(g: T, s: { dims: number[] }) => ST.flip(g, s.dims)] },
  roll: {
    name: 'RollBackward0', jvp: TG.roll,
    grads: [(g: T, s: { shifts: number[]; dims: number[] }) => ST.roll(g, s.shifts.map((v) => -v), s.dims)],
  },
  repeat: { name: 'RepeatBackward0', jvp: TG.repeat, grads: [(g: T, s: { shape: number[]; repeats: number[] }) => repeatBackward(g, s.shape, s.repeats)] },
  repeatInterleave: {
    name: 'IndexSelectBackward0', jvp: 'transpose',
    grads: [(g: T, s: { dim: number; index: Int32Array; size: number }) => indexSelectBackward(g, s.dim, s.index, s.size)],
  },
  // indexing (lib/ops/indexing.ts): slice and alias are the view ops of basic indexing; index and indexPut
  // gather and scatter by a saved plan of positions, each the other's grad, so double backward works.
  alias: { name: 'AliasBackward0', jvp: TG.alias, grads: [g_] },
  index: {
    name: 'IndexBackward0', jvp: 'transpose', savesIndices: true,
    grads: [(g: T, s: { shape: number[]; plan: IX_.Plan }) => IX.putLinear(C.zeros(s.shape, { dtype: g.dtype }), s.plan, g, true)],
  },
  indexPut: {
    name: 'IndexPutBackward0', jvp: 'transpose', savesIndices: true,
    grads: [
      // Without accumulate the written positions no longer depend on self.
      (g: T, s: { plan: IX_.Plan; accumulate: boolean }) => (s.accumulate ? g : IX.putLinear(g, s.plan, 0, false)),
      // Every value's grad is g at its position (repeated positions included, as PyTorch's grad.index(indices)).
      (g: T, s: { plan: IX_.Plan }) => IX.takeLinear(g, s.plan),
    ],
  },

  // ---- linear algebra ------------------------------------------------------------------------------------------
  dot: {
    name: 'DotBackward0', jvp: TG.dot,
    grads: [(g: T, s: { other: T }) => E.mul(s.other, g), (g: T, s: { self: T }) => E.mul(s.self, g)],
  },
  // Without a graph to build, the transposes are GEMM flags (no copies); with createGraph, differentiable ops.
  mm: {
    name: 'MmBackward0', jvp: TG.mm,
    grads: [
      (g: T, s: { mat2: T }) => (differentiableFormulas() ? L.mm(g, S.t(s.mat2)) : L.mmT(g, s.mat2, false, true)),
      (g: T, s: { self: T }) => (differentiableFormulas() ? L.mm(S.t(s.self), g) : L.mmT(s.self, g, true, false)),
    ],
  },
  mv: {
    name: 'MvBackward0', jvp: TG.mv,
    grads: [
      (g: T, s: { vec: T }) => L.outer(g, s.vec),
      (g: T, s: { self: T }) => (differentiableFormulas() ? L.mv(S.t(s.self), g) : S.reshape(L.mmT(s.self, S.reshape(g, [g.shape[0], 1]), true, false), [s.self.shape[1]])),
    ],
  },
  bmm: {
    name: 'BmmBackward0', jvp: TG.bmm,
    grads: [
      (g: T, s: { mat2: T }) => (differentiableFormulas() ? L.bmm(g, S.transpose(s.mat2, 1, 2)) : L.bmmT(g, s.mat2, false, true)),
      (g: T, s: { self: T }) => (differentiableFormulas() ? L.bmm(S.transpose(s.self, 1, 2), g) : L.bmmT(s.self, g, true, false)),
    ],
  },

  // ---- copies and in-place --------------------------------------------------------------------------------------
  toCopy: { name: 'ToCopyBackward0', jvp: TG.toCopy, grads: [g_] },
  clone: { name: 'CloneBackward0', jvp: TG.clone, grads: [g_] },
  // fill_ and zero_ on a tensor in the graph (in-place overloads: PyTorch 1.13 numbers them after fill/fill.Tensor)
  fill: { name: 'FillBackward2', jvp: TG.zeros, grads: [(g: T) => C.zerosLike(g)] },
  zero: { name: 'ZeroBackward0', jvp: TG.zeros, grads: [(g: T) => C.zerosLike(g)] },
  copy: { name: 'CopyBackwards', jvp: TG.copy, grads: [(g: T) => C.zerosLike(g), g_] },

  // ==== nn (lib/ops/nn.ts, lib/nn/functional.ts) ==================================================================
  // Rows for tg.nn.functional. Each formula is written with tensorgrad ops so createGraph / double backward works;
  // F.linear (lib/ops/nn.ts linear2d): its weight input is the graph-only TBackward0 node of weight.t(), which
  // passes the grad on as it is, so the weight's grad is formed in the weight's layout: grad^T @ input.
  nnLinear: {
    name: 'AddmmBackward0', jvp: TG.linear,
    grads: [g_, (g: T, s: { weight: T }) => L.mm(g, s.weight), (g: T, s: { input: T }) => linearWeightGrad(g, s.input)],
  },
  nnLinearNoBias: {
    name: 'MmBackward0', jvp: TG.linearNoBias,
    grads: [(g: T, s: { weight: T }) => L.mm(g, s.weight), (g: T, s: { input: T }) => linearWeightGrad(g, s.input)],
  },
  nnDivScalar: { name: 'DivBackward1', jvp: 'elementwise', grads: [(g: T, s: { other: number }) => E.div(g, s.other)] },
  nnMulScalar: { name: 'MulBackward1', jvp: 'elementwise', grads: [(g: T, s: { other: number }) => E.mul(g, s.other)] },
  nnGelu: {
    name: 'GeluBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; approximate: NN_.GeluApproximate }) => NN.geluBackward(g, s.self, s.approximate)],
  },
  nnGeluBackward: {
    name: 'GeluBackwardBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: T; approximate: NN_.GeluApproximate }) => NN.geluBackward(g, s.self, s.approximate),
      (g: T, s: { grad: T; self: T; approximate: NN_.GeluApproximate }) => NN.geluBackwardSelfGrad(g, s.grad, s.self, s.approximate),
    ],
  },
  nnMseLoss: {
    name: 'MseLossBackward0', jvp: TG.mseLoss,
    grads: [
      (g: T, s: { self: T; target: T; norm: number }) => E.mul(E.mul(E.sub(s.self, s.target), s.norm), g),
      (g: T, s: { self: T; target: T; norm: number }) => E.neg(E.mul(E.mul(E.sub(s.self, s.target), s.norm), g)),
    ],
  },
  // mask: one-hot of the target along the class dim, times the class weight, zero where target == ignoreIndex.
  nnNllLoss: {
    name: 'NllLossBackward0', jvp: TG.nllLoss,
    grads: [
      (g: T, s: { mask: T; reduction: NN_.Reduction; totalWeight: T; classDim: number; ndim: number }) => {
        if (s.reduction === 'mean') return E.neg(E.mul(s.mask, E.div(g, s.totalWeight)));
        if (s.reduction === 'sum' || s.ndim === 1) return E.neg(E.mul(s.mask, g));
        return E.neg(E.mul(s.mask, S.unsqueeze(g, s.classDim)));
      },
    ],
  },
  nnNllLoss2d: { name: 'NllLoss2DBackward0', jvp: TG.nllLoss, grads: [] as Formula<any>[] },
  // loss = (1 - y) x + lw (max(-x, 0) + log1p(exp(-|x|))), lw = (posWeight - 1) y + 1, times weight.
  nnBceWithLogits: {
    name: 'BinaryCrossEntropyWithLogitsBackward0', jvp: 'elementwiseReduced',
    grads: [
      (g: T, s: { self: T; target: T; weight: T | null; posWeight: T | null; norm: number }) => {
        let r: T;
        if (s.posWeight !== null) {
          const t = E.mul(s.posWeight, s.target);
          r = E.sub(E.mul(E.sub(E.add(t, 1), s.target), E.sigmoid(s.self)), t);
        } else r = E.sub(E.sigmoid(s.self), s.target);
        r = E.mul(r, g);
        if (s.weight !== null) r = E.mul(r, s.weight);
        return E.div(r, s.norm);
      },
      (g: T, s: { self: T; weight: T | null; posWeight: T | null; norm: number }) => {
        // d/dy = logsigmoid(-x) - posWeight * logsigmoid(x); without posWeight, -x.
        let r: T;
        if (s.posWeight !== null)
          r = E.sub(E.mul(s.posWeight, NN.negLogSigmoid(s.self)), NN.negLogSigmoid(E.neg(s.self)));
        else r = E.neg(s.self);
        r = E.mul(r, g);
        if (s.weight !== null) r = E.mul(r, s.weight);
        return E.div(r, s.norm);
      },
    ],
  },
  // ---- transformer layers (ops/embedding.ts, ops/norm.ts): one node each, formulas written with ops ---------
  nnEmbedding: {
    name: 'EmbeddingBackward0', jvp: TG.embedding,
    grads: [(g: T, s: { index: T; numWeights: number; scale: T | null }) => EM.embeddingBackward(g, s.index, s.numWeights, s.scale)],
  },
  nnLayerNorm: {
    name: 'NativeLayerNormBackward0', jvp: TG.layerNorm,
    grads: [0, 1, 2].map((i) => (g: T, s: NO_.LayerNormSaved) => NO.layerNormBackward(g, s, [i === 0, i === 1, i === 2])[i]!),
    fused: (g: T, s: NO_.LayerNormSaved, needs: boolean[]) => NO.layerNormBackwardRows(g, s, needs),
  },
  // Note [Fused attention node]: PyTorch 1.13 has no scaled_dot_product_attention; PyTorch 2.x's CPU fused path
  // (_scaled_dot_product_flash_attention_for_cpu, which saves the output and the log-sum-exp as this row does)
  // records ScaledDotProductFlashAttentionForCpuBackward0, so the fused kernel's node takes that name.
  nnScaledDotProductAttention: {
    name: 'ScaledDotProductFlashAttentionForCpuBackward0', jvp: 'transpose',
    grads: [0, 1, 2].map((i) => (g: T, s: AT_.AttentionSaved) => AT.attentionBackward(g, s, [i === 0, i === 1, i === 2])[i]!),
    fused: (g: T, s: AT_.AttentionSaved, needs: boolean[]) => AT_.attentionBackwardFused(g, s, needs),
  },
  // ---- indexing (ops/indexing.ts, ops/scatter.ts, ops/masked.ts); grads of index ops are index ops ---------
  gather: {
    name: 'GatherBackward0', jvp: TG.gather,
    grads: [(g: T, s: { shape: number[]; dim: number; index: T }) => SC.scatterAdd(C.zeros(s.shape, { dtype: g.dtype }), s.dim, s.index, g)],
  },
  indexSelect: {
    name: 'IndexSelectBackward0', jvp: TG.indexSelect,
    grads: [(g: T, s: { shape: number[]; dim: number; index: T }) => GA.indexAdd(C.zeros(s.shape, { dtype: g.dtype }), s.dim, s.index, g)],
  },
  indexAdd: {
    name: 'IndexAddBackward0', jvp: 'transpose',
    grads: [
      g_,
      (g: T, s: { dim: number; index: T; alpha: number; sourceShape: number[] }) => {
        const r = GA.indexSelect(g, s.dim, s.index);
        return S.reshape(E.mul(r, s.alpha), s.sourceShape);
      },
    ],
  },
  indexFill: { name: 'IndexFillBackward0', jvp: 'transpose', grads: [(g: T, s: { dim: number; index: T }) => GA.indexFill(g, s.dim, s.index, 0)] },
  indexFillTensor: {
    name: 'IndexFillBackward1', jvp: 'transpose',
    grads: [(g: T, s: { dim: number; index: T }) => GA.indexFill(g, s.dim, s.index, 0), (g: T, s: { dim: number; index: T }) => R.sum(GA.indexSelect(g, s.dim, s.index))],
  },
  indexCopy: {
    name: 'IndexCopyBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { dim: number; index: T }) => GA.indexFill(g, s.dim, s.index, 0),
      (g: T, s: { dim: number; index: T; sourceShape: number[] }) => S.reshape(GA.indexSelect(g, s.dim, s.index), s.sourceShape),
    ],
  },
  scatter: {
    name: 'ScatterBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { dim: number; index: T }) => SC.scatter(g, s.dim, s.index, 0),
      (g: T, s: { dim: number; index: T; srcShape: number[] }) => padTo(GA.gather(g, s.dim, s.index), s.srcShape),
    ],
  },
  scatterValue: { name: 'ScatterBackward1', jvp: 'transpose', grads: [(g: T, s: { dim: number; index: T }) => SC.scatter(g, s.dim, s.index, 0)] },
  scatterAdd: {
    name: 'ScatterAddBackward0', jvp: 'transpose',
    grads: [g_, (g: T, s: { dim: number; index: T; srcShape: number[] }) => padTo(GA.gather(g, s.dim, s.index), s.srcShape)],
  },
  scatterReduce: {
    name: 'ScatterReduceBackward0', jvp: 'transpose',
    grads: [(g: T, s: ScatterReduceSaved) => scatterReduceBackward(g, s, 0), (g: T, s: ScatterReduceSaved) => scatterReduceBackward(g, s, 1)],
  },
  maskedFill: { name: 'MaskedFillBackward0', jvp: 'transpose', grads: [(g: T, s: { mask: T }) => MK.maskedFill(g, s.mask, 0)] },
  maskedFillTensor: {
    name: 'MaskedFillBackward1', jvp: 'transpose',
    grads: [(g: T, s: { mask: T }) => MK.maskedFill(g, s.mask, 0), (g: T, s: { mask: T }) => R.sum(E.where(s.mask, g, 0))],
  },
  maskedSelect: {
    name: 'MaskedSelectBackward0', jvp: 'transpose',
    grads: [(g: T, s: { mask: T; shape: number[] }) => MK.maskedScatter(C.zeros(s.shape, { dtype: g.dtype }), s.mask, g)],
  },
  maskedScatter: {
    name: 'MaskedScatterBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { mask: T }) => MK.maskedFill(g, s.mask, 0),
      (g: T, s: { mask: T; sourceShape: number[] }) => maskedScatterSourceGrad(g, s.mask, s.sourceShape),
    ],
  },
  take: { name: 'TakeBackward0', jvp: TG.take, grads: [(g: T, s: { shape: number[]; index: T }) => MK.put(C.zeros(s.shape, { dtype: g.dtype }), s.index, g, true)] },
  put: {
    name: 'PutBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { index: T; accumulate: boolean; sourceShape: number[] }) => (s.accumulate ? g : MK.put(g, s.index, C.zeros(s.sourceShape, { dtype: g.dtype }), false)),
      (g: T, s: { index: T; sourceShape: number[] }) => S.reshape(MK.take(g, s.index), s.sourceShape),
    ],
  },
  // ==== issue 15's elementwise math, scans and sorting: rows in derivatives_math.ts ==========================
  ...MATH_ROWS,
  // ==== issue 16's losses and functional utilities: rows in derivatives_loss.ts ================================
  ...LOSS_ROWS,
  ...ACTIVATION_ROWS,
  // ==== issue 16's convolutions and padding: rows in derivatives_conv.ts ====================================
  ...CONV_ROWS,
  // ==== issue 16's pooling and channel normalization: rows in derivatives_pooling.ts, derivatives_normalization.ts
  ...POOLING_ROWS,
  ...NORMALIZATION_ROWS,
  // ==== issue 15's LU-based linear algebra (inv, det, slogdet, solve): rows in derivatives_linalg.ts ==========
  ...LINALG_ROWS,
  ...LINALG2_ROWS,
  // ==== issue 16's fused LSTM cell: derivatives_rnn.ts
  ...RNN_ROWS,
  // ==== in-place shape nodes of composites (matmul's squeeze_): derivatives_shape.ts
  ...SHAPE_ROWS,
  // ==== issue 16's 3-D pooling, embeddingBag and rrelu: derivatives_pooling3d.ts, derivatives_layers.ts
  ...POOLING3D_ROWS,
  ...LAYERS_ROWS,
  // ==== issue 15's fourth op batch (rounding division, ...): derivatives_breadth4.ts
  ...BREADTH4_ROWS,
  // ==== issue 16's spatial transformers (gridSample, affineGrid) and fractional max pooling: derivatives_sampling.ts,
  // derivatives_pooling_fractional.ts
  ...SAMPLING_ROWS,
  ...FRACTIONAL_ROWS,
  // ==== issue 15's fifth op batch (in-place view ops, ...): derivatives_breadth5.ts
  ...BREADTH5_ROWS,
  ...LINALGX_ROWS,
  // ==== session 7's torch.* names (unsafeSplit, fill): derivatives_nnmisc.ts
  ...NNMISC_ROWS,
  // ==== ops PyTorch records as one node that were composed before (pdist, convTbc, ...): derivatives_composed.ts
  ...COMPOSED_ROWS,
} satisfies Record<string, Derivative>;
(D.nnNllLoss2d.grads as unknown[]).push(...D.nnNllLoss.grads); // same formula as NllLossBackward0
installDerivatives(D); // Note [Rows by name] in function_node.ts
