// Derivative-table rows of the losses and functional utilities of lib/ops/loss.ts and lib/ops/pixel.ts,
// spread into THE table `D` of derivatives.ts (which is near the 600-line file limit). Same conventions:
// PyTorch's node name literally, one formula per input written with tg ops so createGraph works. `norm` is
// the reduction's scale (1/n for 'mean', else 1); a reduced loss's grad g is a scalar that broadcasts.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as E_ from '../ops/elementwise.js';
import * as EM_ from '../ops/elementwise_math.js';
import * as C_ from '../ops/creation.js';
import * as R_ from '../ops/reduce.js';
import * as S_ from '../ops/shape.js';
import { marginTerms, type LossReduction } from '../ops/loss.js';
import { pixelShuffleRaw, pixelUnshuffleRaw } from '../ops/pixel.js';
import { upsampleBackward, type Taps } from '../ops/upsample.js';
import { ctcGrad, type CtcPlan } from '../ops/ctc.js';
import { batchable } from './batchable.js';

const [E, EM, C, R, S] = [batchable(E_), batchable(EM_), batchable(C_), batchable(R_), batchable(S_)]; // Note [Batched backward]

type T = Tensor;
const g_ = (g: T) => g;

/** The indicator of a boolean tensor in x's dtype. */
const as = (b: T, x: T): T => C.to(b, x.dtype);

/** d smoothL1 / d input: -1 below -beta, 1 above beta, d / beta between (PyTorch's smooth_l1_backward). */
function smoothL1Grad(g: T, s: { self: T; target: T; beta: number; norm: number }): T {
  const d = E.sub(s.self, s.target);
  const r = s.beta === 0
    ? E.sub(E.mul(as(E.gt(d, 0), d), 2), 1) // beta 0: x <= -0 takes -1 (also at 0), as PyTorch
    : E.where(E.le(d, -s.beta), -1, E.where(E.ge(d, s.beta), 1, E.div(d, s.beta)));
  return E.mul(E.mul(r, g), s.norm);
}

/** d huber / d input: -delta below -delta, delta above delta, d between (PyTorch's huber_loss_backward). */
function huberGrad(g: T, s: { self: T; target: T; delta: number; norm: number }): T {
  const d = E.sub(s.self, s.target);
  const r = E.where(E.le(d, -s.delta), -s.delta, E.where(E.ge(d, s.delta), s.delta, d));
  return E.mul(E.mul(r, g), s.norm);
}

/** The upstream grad of a per-sample loss, shaped to broadcast against [n, ...trailing]. */
function perSample(g: T, reduction: LossReduction, n: number, trailing: number): T {
  if (reduction === 'mean') return E.div(g, n);
  if (reduction === 'sum') return g;
  return S.reshape(g, [n, ...new Array<number>(trailing).fill(1)]);
}

export interface MultiMarginSaved { self: T; t: T; n: number; c: number; p: number; margin: number; scale: T; reduction: LossReduction }
function multiMarginGrad(g: T, s: MultiMarginSaved): T {
  const x = S.reshape(s.self, [s.n, s.c]);
  const z = marginTerms(x, s.t, s.margin);
  const dh = s.p === 1 ? as(E.gt(z, 0), z) : E.mul(E.relu(z), 2);
  const coef = E.mul(E.mul(dh, s.scale), perSample(g, s.reduction, s.n, 1));
  const onehot = as(E.eq(C.arange(s.c, { dtype: 'int32' }), s.t), x);
  return S.reshape(E.sub(coef, E.mul(onehot, R.sum(coef, 1, true))), s.self.shape);
}

export interface MultilabelSaved { self: T; pairs: T; n: number; c: number; reduction: LossReduction }
function multilabelMarginGrad(g: T, s: MultilabelSaved): T {
  const x = S.reshape(s.self, [s.n, s.c]);
  const z = E.rsub(E.sub(S.unsqueeze(x, 2), S.unsqueeze(x, 1)), 1);
  const w = E.mul(E.mul(s.pairs, as(E.gt(z, 0), z)), perSample(g, s.reduction, s.n, 2));
  return S.reshape(E.sub(R.sum(w, 1), R.sum(w, 2)), s.self.shape);
}

function upsampleGrad(g: T, s: { taps: Taps[] }): T {
  return upsampleBackward(g, s.taps);
}

export const LOSS_ROWS = {
  // ---- lib/ops/loss.ts -------------------------------------------------------------------------------------
  lossAddScalar: { name: 'AddBackward1', jvp: 'elementwise', grads: [g_] },
  lossLogSigmoid: { name: 'LogSigmoidBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, E.sigmoid(E.neg(s.self)))] },
  // grad_input = g (x - y) / max((1 - x) x, 1e-12) w; grad_target = -logit(x) g w (PyTorch's
  // binary_cross_entropy_backward and binary_cross_entropy_target_backward).
  lossBce: {
    name: 'BinaryCrossEntropyBackward0', jvp: 'elementwiseReduced',
    grads: [
      (g: T, s: { self: T; target: T; weight: T | null; norm: number }) => {
        let r = E.div(E.mul(E.sub(s.self, s.target), g), E.clamp(E.mul(E.rsub(s.self, 1), s.self), { min: 1e-12 }));
        if (s.weight !== null) r = E.mul(r, s.weight);
        return s.norm === 1 ? r : E.mul(r, s.norm);
      },
      (g: T, s: { self: T; weight: T | null; norm: number }) => {
        let r = E.mul(E.sub(EM.log1p(E.neg(s.self)), E.log(s.self)), g);
        if (s.weight !== null) r = E.mul(r, s.weight);
        return s.norm === 1 ? r : E.mul(r, s.norm);
      },
    ],
  },
  lossSmoothL1: { name: 'SmoothL1LossBackward0', jvp: 'elementwiseReduced', grads: [smoothL1Grad, (g: T, s: { self: T; target: T; beta: number; norm: number }) => E.neg(smoothL1Grad(g, s))] },
  lossHuber: { name: 'HuberLossBackward0', jvp: 'elementwiseReduced', grads: [huberGrad, (g: T, s: { self: T; target: T; delta: number; norm: number }) => E.neg(huberGrad(g, s))] },
  // -y sigmoid(-y x) (PyTorch's -y z / (1 + z), z = exp(-y x), without its overflow to NaN).
  lossSoftMargin: {
    name: 'SoftMarginLossBackward0', jvp: { notImplemented: 'soft_margin_loss_backward' },
    grads: [(g: T, s: { self: T; target: T; norm: number }) => E.mul(E.mul(E.mul(E.neg(s.target), E.sigmoid(E.neg(E.mul(s.target, s.self)))), g), s.norm)],
  },
  lossMultiMargin: { name: 'MultiMarginLossBackward0', jvp: { notImplemented: 'multi_margin_loss' }, grads: [multiMarginGrad] },
  lossMultilabelMargin: { name: 'MultilabelMarginLossBackward0', jvp: { notImplemented: 'multilabel_margin_loss_forward' }, grads: [multilabelMarginGrad] },
  lossCtc: { name: 'CtcLossBackward0', jvp: { notImplemented: '_ctc_loss' }, grads: [(g: T, s: { self: T; plan: CtcPlan; zeroInfinity: boolean }) => ctcGrad(g, s.self, s.plan, s.zeroInfinity)] },
  // ---- lib/ops/pixel.ts: each shuffle's grad is the other shuffle ---------------------------------------------
  pixelShuffle: { name: 'PixelShuffleBackward0', jvp: 'transpose', grads: [(g: T, s: { factor: number }) => pixelUnshuffleRaw(g, s.factor)] },
  pixelUnshuffle: { name: 'PixelUnshuffleBackward0', jvp: 'transpose', grads: [(g: T, s: { factor: number }) => pixelShuffleRaw(g, s.factor)] },
  // ---- lib/ops/upsample.ts: the adjoint of the separable maps (Note [Separable interpolation]) -------------------
  upsampleNearest1d: { name: 'UpsampleNearest1DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleNearest2d: { name: 'UpsampleNearest2DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleNearest3d: { name: 'UpsampleNearest3DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleNearestExact1d: { name: 'UpsampleNearestExact1DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleNearestExact2d: { name: 'UpsampleNearestExact2DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleNearestExact3d: { name: 'UpsampleNearestExact3DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleLinear1d: { name: 'UpsampleLinear1DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleBilinear2d: { name: 'UpsampleBilinear2DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleBicubic2d: { name: 'UpsampleBicubic2DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
  upsampleTrilinear3d: { name: 'UpsampleTrilinear3DBackward1', jvp: 'transpose', grads: [upsampleGrad] },
} satisfies Record<string, Derivative>;
