// Derivative-table rows of the activations of lib/ops/activation.ts, spread into THE table `D` of
// derivatives.ts. Same conventions: PyTorch's node name literally, one formula per input written with tg ops
// so createGraph works; the masks follow PyTorch's backward kernels at the kinks (which side of x == 0 or of a
// bound takes which slope).
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as E_ from '../ops/elementwise.js';
import * as EM_ from '../ops/elementwise_math.js';
import * as C_ from '../ops/creation.js';
import * as R_ from '../ops/reduce.js';
import * as S_ from '../ops/shape.js';
import { softplusValue, preluWeightView } from '../ops/activation.js';
import { batchable } from './batchable.js';

const [E, EM, C, R, S] = [batchable(E_), batchable(EM_), batchable(C_), batchable(R_), batchable(S_)]; // Note [Batched backward]

type T = Tensor;
const as = (b: T, x: T): T => C.to(b, x.dtype);

/** Zero where mask is set, g elsewhere. */
const zeroWhere = (mask: T, g: T): T => E.where(mask, 0, g);

export const ACTIVATION_ROWS = {
  // softplus_backward: g sigmoid(beta x) below the threshold, g above.
  actSoftplus: {
    name: 'SoftplusBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; beta: number; threshold: number }) => {
      const z = E.mul(s.self, s.beta);
      return E.where(E.gt(z, s.threshold), g, E.mul(g, E.sigmoid(z)));
    }],
  },
  actSilu: {
    name: 'SiluBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T }) => {
      const sg = E.sigmoid(s.self);
      return E.mul(g, E.mul(sg, E.add(E.mul(s.self, E.rsub(sg, 1)), 1)));
    }],
  },
  actMish: {
    name: 'MishBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T }) => {
      const t = E.tanh(softplusValue(s.self, 1, 20));
      return E.mul(g, E.add(t, E.mul(E.mul(s.self, E.sigmoid(s.self)), E.rsub(E.mul(t, t), 1))));
    }],
  },
  // elu_backward (is_result false): g scale for x > 0, g inputScale scale alpha exp(x inputScale) elsewhere.
  actElu: {
    name: 'EluBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; alpha: number; scale: number; inputScale: number }) =>
      E.mul(g, E.where(E.gt(s.self, 0), s.scale, E.mul(E.exp(E.mul(s.self, s.inputScale)), s.inputScale * s.scale * s.alpha)))],
  },
  // PyTorch's CeluBackward0 passes input_scale 1.0 / alpha.toFloat(): alpha rounded to float32 first.
  actCelu: {
    name: 'CeluBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; alpha: number }) => {
      const inputScale = 1 / Math.fround(s.alpha);
      return E.mul(g, E.where(E.gt(s.self, 0), 1, E.mul(E.exp(E.mul(s.self, inputScale)), inputScale * s.alpha)));
    }],
  },
  actLeakyRelu: { name: 'LeakyReluBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T; slope: number }) => E.where(E.gt(s.self, 0), g, E.mul(g, s.slope))] },
  // The in-place forms elu_ / selu_ / celu_ / leaky_relu_ save their result: elu_backward(is_result=true) takes
  // g inputScale (result + alpha scale) where result <= 0; leaky_relu_backward(self_is_result) g slope there.
  actEluResult: {
    name: 'EluBackward1', jvp: 'elementwise',
    grads: [(g: T, s: { result: T; alpha: number; scale: number; inputScale: number }) =>
      E.mul(g, E.where(E.le(s.result, 0), E.mul(E.add(s.result, s.alpha * s.scale), s.inputScale), s.scale))],
  },
  actCeluResult: {
    name: 'CeluBackward1', jvp: 'elementwise',
    grads: [(g: T, s: { result: T; alpha: number }) => {
      const inputScale = 1 / Math.fround(s.alpha);
      return E.mul(g, E.where(E.le(s.result, 0), E.mul(E.add(s.result, s.alpha), inputScale), 1));
    }],
  },
  actLeakyReluResult: {
    name: 'LeakyReluBackward1', jvp: 'elementwise',
    grads: [(g: T, s: { result: T; slope: number }) => {
      if (s.slope < 0) throw new Error('In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.');
      return E.where(E.gt(s.result, 0), g, E.mul(g, s.slope));
    }],
  },
  // hardtanh_backward: no grad at or beyond either bound.
  actHardtanh: {
    name: 'HardtanhBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; min: number; max: number }) => zeroWhere(EM.logicalOr(E.le(s.self, s.min), E.ge(s.self, s.max)), g)],
  },
  actHardsigmoid: {
    name: 'HardsigmoidBackward0', jvp: 'elementwise',
    // PyTorch's kernel multiplies by scalar_t(1.0f / 6.0f): 1/6 rounded to float32, also for float64.
    // Outside (-3, 3) the grad is +0 whatever g's sign, as the kernel's `: 0` (g times a 0 mask gave -0 for g < 0).
    grads: [(g: T, s: { self: T }) => E.where(EM.logicalAnd(E.gt(s.self, -3), E.lt(s.self, 3)), E.mul(g, Math.fround(1 / 6)), 0)],
  },
  // hardswish_backward: 0 below -3, g (x / 3 + 0.5) up to 3, g above.
  actHardswish: {
    name: 'HardswishBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T }) => E.where(E.lt(s.self, -3), 0, E.where(E.le(s.self, 3), E.mul(g, E.add(E.div(s.self, 3), 0.5)), g))],
  },
  actThreshold: { name: 'ThresholdBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T; threshold: number }) => E.where(E.gt(s.self, s.threshold), g, 0)] },
  // threshold_: the same formula on the input it overwrote (saved as a copy)
  actThresholdInplace: { name: 'ThresholdBackward1', jvp: 'elementwise', grads: [(g: T, s: { self: T; threshold: number }) => E.where(E.gt(s.self, s.threshold), g, 0)] },
  actHardshrink: {
    name: 'HardshrinkBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; lambd: number }) => zeroWhere(EM.logicalAnd(E.ge(s.self, -s.lambd), E.le(s.self, s.lambd)), g)],
  },
  actSoftshrink: {
    name: 'SoftshrinkBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; lambd: number }) => zeroWhere(EM.logicalAnd(E.ge(s.self, -s.lambd), E.le(s.self, s.lambd)), g)],
  },
  // glu_backward: [g sigmoid(b), g a sigmoid(b) (1 - sigmoid(b))] along dim.
  actGlu: {
    name: 'GluBackward0', jvp: 'transpose',
    grads: [(g: T, s: { self: T; dim: number }) => {
      const h = s.self.shape[s.dim] / 2;
      const a = S.narrow(s.self, s.dim, 0, h);
      const sb = E.sigmoid(S.narrow(s.self, s.dim, h, h));
      return S.cat([E.mul(g, sb), E.mul(E.mul(E.mul(g, a), sb), E.rsub(sb, 1))], s.dim);
    }],
  },
  // prelu: input g (x > 0) + g w (x <= 0); weight: sum of g x over x <= 0, per channel.
  actPrelu: {
    name: 'PreluBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { self: T; weight: T }) => E.where(E.gt(s.self, 0), g, E.mul(g, preluWeightView(s.weight, s.self.ndim))),
      (g: T, s: { self: T; weight: T }) => {
        const gx = E.where(E.gt(s.self, 0), 0, E.mul(g, s.self));
        if (s.weight.numel() === 1) return S.reshape(R.sum(gx), s.weight.shape);
        const dims = s.self.shape.map((_, i) => i).filter((i) => i !== 1);
        return S.reshape(R.sum(gx, dims), s.weight.shape);
      },
    ],
  },
} satisfies Record<string, Derivative>;
