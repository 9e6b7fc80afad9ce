// Internal nn kernels behind tg.nn.functional: each computes its forward value without recording and then
// attaches one row of the derivative table (see the nn section of lib/autograd/derivatives.ts), so the graph
// shows PyTorch's node (AddmmBackward0 over TBackward0, GeluBackward0, MseLossBackward0, NllLossBackward0, ...).
import { Tensor } from '../tensor.js';
import { noGrad, gradMode, fwState } from '../autograd/record.js';
import { record, GraphOnlyInput, GraphOnlyNode } from '../autograd/record.js';
import { isFloat, defaultFloat } from '../dtype.js';
import { typeError } from '../errors.js';
import * as E from './elementwise.js';
import * as C from './creation.js';
import { mmT } from './linalg.js';
import { native } from '../native.js';
import { UnaryOp } from '../op_codes.js';
import { outData } from '../storage.js';
import { wrap } from './creation.js';
import { packedWeight } from './packed_weights.js';

export type Reduction = 'mean' | 'sum' | 'none';

// ---- erf ------------------------------------------------------------------------------------------------------
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
// erf is the public op tg.erf (elementwise_math.ts, row `erf`); GELU's composite formulas below use it.
export { erf } from './elementwise_math.js';
import { erf } from './elementwise_math.js';

/** log1p(u) accurate for tiny u (u >= 0 here): log(1 + u) * u / ((1 + u) - 1), or u where 1 + u rounds to 1. */
export function log1pNoGrad(u: Tensor): Tensor {
  return noGrad(() => {
    const w = E.add(u, 1);
    const den = E.sub(w, 1);
    return E.where(E.eq(den, 0), u, E.div(E.mul(E.log(w), u), den));
  });
}

/** softplus(-|x|) + max(-x, 0) = -logsigmoid(x), built from differentiable ops (used in backward formulas). */
export function negLogSigmoid(x: Tensor): Tensor {
  return E.add(E.relu(E.neg(x)), E.log(E.add(E.exp(E.neg(E.abs(x))), 1)));
}

// ---- linear ---------------------------------------------------------------------------------------------------
/**
 * F.linear on a 2-D input: input @ weight^T (+ bias), the GEMM reading the weight through a transpose flag.
 * Recorded as PyTorch records addmm(bias, input, weight.t()) or mm(input, weight.t()): AddmmBackward0 or
 * MmBackward0 over the TBackward0 node of weight.t() (Note [Graph-only nodes]), with no transpose copied
 * forward or backward.
 */
export function linear2d(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const out = linearValue(input, weight, bias, false);
  // Under a dual level the weight itself stands in when it needs no grad, so its tangent is seen (Note [Forward AD]).
  const wt = weight._requiresGrad && gradMode.enabled ? new GraphOnlyInput(new GraphOnlyNode('TBackward0', weight)) : fwState.active ? weight : null;
  if (bias === null) return record('nnLinearNoBias', [input, wt], out, () => ({ input, weight }));
  return record('nnLinear', [bias, input, wt], out, () => ({ input, weight }));
}

/**
 * input @ weight^T (+ bias) (then ReLU), not recorded. Float operands laid out densely (input contiguous, weight
 * contiguous, bias contiguous of weight's row count and dtype) run as one native gemmLinear: the bias and ReLU
 * in the GEMM's epilogue, and the weight's packed copy from the cache where nothing records it (Note [Linear
 * epilogue and packed weights] in native/cpu/gemm_kernels.cc, Note [Packed weights] in packed_weights.ts). The
 * values are those of mm, add_ and relu one after another, which is what other operands run.
 */
export function linearValue(input: Tensor, weight: Tensor, bias: Tensor | null, relu: boolean): Tensor {
  const dt = input.dtype;
  if ((dt === 'float32' || dt === 'float64') && weight.dtype === dt && input._contig && weight._contig && !input.isDisposed &&
      !weight.isDisposed && (bias === null || (bias.dtype === dt && bias._contig && bias.numel() === weight.shape[0] && !bias.isDisposed))) {
    const [m, k] = input.shape, n = weight.shape[0];
    const packed = gradMode.enabled && weight._requiresGrad ? null : packedWeight(weight, m);
    const data = native.gemmLinear(true, m, n, k, input._data, weight._data, packed, bias === null ? null : bias._data, relu, outData(dt, m * n));
    return wrap(data, [m, n], dt);
  }
  return noGrad(() => {
    const y = mmT(input, weight, false, true);
    const z = bias === null ? y : y.add_(bias);
    return relu ? z.relu_() : z;
  });
}

/** x / s for a plain number s, recorded as DivBackward1 (PyTorch's div.Scalar, as inside its losses). */
export function divScalar(x: Tensor, s: number): Tensor {
  const out = noGrad(() => E.div(x, s));
  return record('nnDivScalar', [x], out, () => ({ other: s }));
}

/** x * s for a plain number s, recorded as MulBackward1 (PyTorch's mul.Scalar, as inside its losses). */
export function mulScalar(x: Tensor, s: number): Tensor {
  const out = noGrad(() => E.mul(x, s));
  return record('nnMulScalar', [x], out, () => ({ other: s }));
}

// ---- gelu -----------------------------------------------------------------------------------------------------
export type GeluApproximate = 'none' | 'tanh';
const SQRT1_2 = Math.SQRT1_2;
const K_BETA = Math.SQRT2 * TWO_OVER_SQRT_PI * 0.5; // sqrt(2 / pi)
const K_KAPPA = 0.044715;

/** The GELU value from differentiable ops (so its derivative formula, below, can be differentiated again). */
export function geluValue(x: Tensor, approximate: GeluApproximate): Tensor {
  if (approximate === 'tanh') {
    const inner = E.mul(E.add(x, E.mul(E.mul(E.mul(x, x), x), K_KAPPA)), K_BETA);
    return E.mul(E.mul(x, 0.5), E.add(E.tanh(inner), 1));
  }
  return E.mul(E.mul(x, 0.5), E.add(erf(E.mul(x, SQRT1_2)), 1));
}

/** gelu'(x) from differentiable ops (PyTorch's gelu_backward formulas without the grad factor). */
export function geluDerivative(x: Tensor, approximate: GeluApproximate): Tensor {
  if (approximate === 'tanh') {
    const xSq = E.mul(x, x);
    const inner = E.mul(E.add(x, E.mul(E.mul(xSq, x), K_KAPPA)), K_BETA);
    const th = E.tanh(inner);
    const leftDerivative = E.mul(E.add(th, 1), 0.5);
    const rightDerivative = E.mul(E.mul(E.mul(x, 0.5), E.sub(1, E.mul(th, th))), E.mul(E.add(E.mul(xSq, 3 * K_KAPPA), 1), K_BETA));
    return E.add(leftDerivative, rightDerivative);
  }
  const cdf = E.mul(E.add(erf(E.mul(x, SQRT1_2)), 1), 0.5);
  const pdf = E.mul(E.exp(E.mul(E.mul(x, x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
  return E.add(cdf, E.mul(x, pdf));
}

/**
 * gelu''(x): for erf, pdf(x) (2 - x^2); for tanh, with t = tanh(u), u = beta (x + kappa x^3) and
 * u' = beta (1 + 3 kappa x^2): (1 - t^2) (u' - x t u'^2 + 3 beta kappa x^2).
 */
function geluSecondDerivative(x: Tensor, approximate: GeluApproximate): Tensor {
  const xSq = E.mul(x, x);
  if (approximate === 'tanh') {
    const t = E.tanh(E.mul(E.add(x, E.mul(E.mul(xSq, x), K_KAPPA)), K_BETA));
    const du = E.mul(E.add(E.mul(xSq, 3 * K_KAPPA), 1), K_BETA);
    const inner = E.add(E.sub(du, E.mul(E.mul(x, t), E.mul(du, du))), E.mul(xSq, 3 * K_BETA * K_KAPPA));
    return E.mul(E.sub(1, E.mul(t, t)), inner);
  }
  const pdf = E.mul(E.exp(E.mul(xSq, -0.5)), 1 / Math.sqrt(2 * Math.PI));
  return E.mul(pdf, E.sub(2, xSq));
}

/**
 * grad * gelu'(x): GELU's backward as an op, recorded as GeluBackwardBackward0 so double backward shows
 * PyTorch's node; its own derivatives are written with tensorgrad ops (higher orders work too).
 */
export function geluBackward(grad: Tensor, x: Tensor, approximate: GeluApproximate): Tensor {
  // One native pass (binary_kernels.cc's GeluBwOp) when grad and x are float tensors of one dtype; the
  // composite, the same formula op by op, otherwise.
  const fused = isFloat(x.dtype) && grad.dtype === x.dtype;
  const out = fused ? E.geluBackwardKernel(grad, x, approximate) : noGrad(() => E.mul(grad, geluDerivative(x, approximate)));
  return record('nnGeluBackward', [grad, x], out, () => ({ grad, self: x, approximate }));
}

/** grad * grad_output * gelu''(x): the self-derivative of geluBackward. */
export function geluBackwardSelfGrad(gg: Tensor, grad: Tensor, x: Tensor, approximate: GeluApproximate): Tensor {
  return E.mul(E.mul(gg, grad), geluSecondDerivative(x, approximate));
}

export function gelu(x: Tensor, approximate: GeluApproximate): Tensor {
  if (!(x instanceof Tensor)) throw typeError('gelu', 'expected a Tensor');
  const src = isFloat(x.dtype) ? x : C.to(x, defaultFloat());
  const out = E.geluKernel(src, approximate); // one native pass; geluValue is the same formula op by op
  return record('nnGelu', [x], out, () => ({ self: x, approximate }));
}
