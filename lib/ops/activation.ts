// The activations of tg.nn.functional beyond relu / gelu / sigmoid / tanh / softmax (PyTorch 1.13's
// F.softplus, silu, mish, elu, selu, celu, leaky_relu, hardtanh, relu6, hardsigmoid, hardswish, glu, prelu,
// threshold, hardshrink, softshrink: one node each, rows in lib/autograd/derivatives_activation.ts; softsign,
// tanhshrink and softmin composed as PyTorch composes them). Values are computed with tensorgrad ops under
// noGrad, then one node is recorded; the derivative formulas are tg ops too, so double backward works.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, noGrad, gradMode } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import * as EM from './elementwise_math.js';
import { narrow, reshape } from './shape.js';
import { softmax } from './softmax.js';
import { clone } from './creation.js';
import { inplaceFrom } from './inplace.js';

function checkFloatInput(op: string, x: unknown): asserts x is Tensor {
  checkTensor(op, x, 'input');
  if (!isFloat(x.dtype)) throw typeError(op, `expected a floating point input, got ${x.dtype}`);
}
function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(op, `${name} must be a number, got ${describe(v)}`);
  return v;
}
/**
 * `f(input, input, false)`, or with inplace=True PyTorch's in-place form (F.hardswish(x, inplace=True) is
 * torch.hardswish_(x)): f's result written into input, which takes f's node as its gradFn (inplaceFrom, Note
 * [In-place ops]). f gets `self`, the tensor its node may save as self: when a graph is recorded, a copy of input
 * (the write bumps input's version), whose own history leads to input's, so double backward works while the
 * node's edge goes to input's old gradFn, as PyTorch's does; and `inPlace`, for the rows PyTorch records for
 * an in-place form that saves its result instead (EluBackward1, LeakyReluBackward1, ...).
 */
export function withInplace(op: string, input: Tensor, inplace: unknown, f: (x: Tensor, self: Tensor, inPlace: boolean) => Tensor): Tensor {
  if (inplace !== undefined && inplace !== null && typeof inplace !== 'boolean') throw typeError(op, `inplace must be a boolean, got ${describe(inplace)}`);
  if (inplace !== true) return f(input, input, false);
  return inplaceFrom(`${op}_`, input, () => f(input, gradMode.enabled && input.requiresGrad ? clone(input) : input, true));
}

// ---- the values, from differentiable ops (also used by the derivative formulas) ------------------------------
/** sigmoid(x) * x */
export const siluValue = (x: Tensor): Tensor => E.mul(x, E.sigmoid(x));
/** log(1 + exp(beta x)) / beta, x itself where beta x > threshold (stable: max(z, 0) + log1p(exp(-|z|))). */
export function softplusValue(x: Tensor, beta: number, threshold: number): Tensor {
  const z = E.mul(x, beta);
  const sp = E.div(E.add(E.relu(z), EM.log1p(E.exp(E.neg(E.abs(z))))), beta);
  return E.where(E.gt(z, threshold), x, sp);
}

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** PyTorch's elu kernel: scale x for x > 0, scale alpha (exp(x inputScale) - 1) elsewhere. */
export function eluValue(x: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  return E.where(E.gt(x, 0), E.mul(x, scale), E.mul(EM.expm1(E.mul(x, inputScale)), scale * alpha));
}

// ---- one node each ---------------------------------------------------------------------------------------------
/**
 * `log(1 + exp(beta x)) / beta`, linear above `threshold`.
 *
 * log(1 + exp(beta x)) / beta, linear above threshold (SoftplusBackward0).
 *
 * @see torch.nn.functional.softplus
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.nn.functional.softplus(x) // tensor([0.6931, 1.3133])
 * ```
 */
export const softplus = kw(signature('nn.functional.softplus', 'input, beta, threshold'), function softplus(input: Tensor, beta: number | { beta?: number; threshold?: number } = 1, threshold = 20): Tensor {
  const op = 'softplus';
  checkFloatInput(op, input);
  const b = num(op, 'beta', beta), t = num(op, 'threshold', threshold);
  const out = noGrad(() => softplusValue(input, b, t));
  return record('actSoftplus', [input], out, () => ({ self: input, beta: b, threshold: t }));
});

/**
 * `x * sigmoid(x)` (swish).
 *
 * x * sigmoid(x) (SiluBackward0).
 *
 * @see torch.nn.functional.silu
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.nn.functional.silu(x) // tensor([0.0000, 0.7311])
 * ```
 */
export const silu = kw(signature('nn.functional.silu', 'input, inplace'), function silu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  checkFloatInput('silu', input);
  return withInplace('silu', input, inplace, (x, self) => record('actSilu', [x], noGrad(() => siluValue(x)), () => ({ self })));
});

/**
 * `x * tanh(softplus(x))`.
 *
 * x * tanh(softplus(x)) (MishBackward0).
 *
 * @see torch.nn.functional.mish
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.nn.functional.mish(x) // tensor([0.0000, 0.8651])
 * ```
 */
export const mish = kw(signature('nn.functional.mish', 'input, inplace'), function mish(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  checkFloatInput('mish', input);
  return withInplace('mish', input, inplace, (x, self) =>
    record('actMish', [x], noGrad(() => E.mul(x, E.tanh(softplusValue(x, 1, 20)))), () => ({ self })));
});

function eluRecorded(row: 'actElu' | 'actCelu', input: Tensor, alpha: number, scale: number, inputScale: number, inPlace = false): Tensor {
  const out = noGrad(() => eluValue(input, alpha, scale, inputScale));
  // elu_ / selu_ / celu_ save their result (EluBackward1, CeluBackward1)
  if (inPlace && row === 'actCelu') return record('actCeluResult', [input], out, () => ({ result: out, alpha }));
  if (inPlace) return record('actEluResult', [input], out, () => ({ result: out, alpha, scale, inputScale }));
  return record(row, [input], out, () => ({ self: input, alpha, scale, inputScale }));
}
/**
 * `x` for x > 0, else `alpha * (exp(x) - 1)`.
 *
 * x for x > 0, alpha (exp(x) - 1) elsewhere (EluBackward0).
 *
 * @see torch.nn.functional.elu
 * @example
 * ```ts
 * const x = tg.tensor([-1, 1])
 * tg.nn.functional.elu(x) // tensor([-0.6321,  1.0000])
 * ```
 */
export const elu = kw(signature('nn.functional.elu', 'input, alpha, inplace'), function elu(input: Tensor, alpha: number | { alpha?: number; inplace?: boolean } = 1, inplace?: boolean): Tensor {
  checkFloatInput('elu', input);
  const a = num('elu', 'alpha', alpha);
  return withInplace('elu', input, inplace, (x, _, inPlace) => eluRecorded('actElu', x, a, 1, 1, inPlace));
});
/**
 * Scaled ELU with PyTorch's fixed alpha and scale.
 *
 * scale * elu(x, alpha) with SELU's constants (EluBackward0, as PyTorch).
 *
 * @see torch.nn.functional.selu
 * @example
 * ```ts
 * const x = tg.tensor([-1, 1])
 * tg.nn.functional.selu(x) // tensor([-1.1113,  1.0507])
 * ```
 */
export const selu = kw(signature('nn.functional.selu', 'input, inplace'), function selu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  checkFloatInput('selu', input);
  return withInplace('selu', input, inplace, (x, _, inPlace) => eluRecorded('actElu', x, SELU_ALPHA, SELU_SCALE, 1, inPlace));
});
/**
 * `max(0, x) + min(0, alpha * (exp(x / alpha) - 1))`.
 *
 * max(0, x) + min(0, alpha (exp(x / alpha) - 1)) (CeluBackward0).
 *
 * @see torch.nn.functional.celu
 * @example
 * ```ts
 * const x = tg.tensor([-1, 1])
 * tg.nn.functional.celu(x, { alpha: 2 }) // tensor([-0.7869,  1.0000])
 * ```
 */
export const celu = kw(signature('nn.functional.celu', 'input, alpha, inplace'), function celu(input: Tensor, alpha: number | { alpha?: number; inplace?: boolean } = 1, inplace?: boolean): Tensor {
  checkFloatInput('celu', input);
  const a = num('celu', 'alpha', alpha);
  if (a === 0) throw rangeError('celu', 'ZeroDivisionError: alpha cannot be 0 for CELU');
  return withInplace('celu', input, inplace, (x, _, inPlace) => eluRecorded('actCelu', x, a, 1, 1 / a, inPlace));
});

/**
 * `x` for x >= 0, else `negativeSlope * x`.
 *
 * x for x > 0, negativeSlope x elsewhere (LeakyReluBackward0).
 *
 * @see torch.nn.functional.leaky_relu
 * @example
 * ```ts
 * const x = tg.tensor([-1, 1])
 * tg.nn.functional.leakyRelu(x, 0.1) // tensor([-0.1000,  1.0000])
 * ```
 */
export const leakyRelu = kw(signature('nn.functional.leakyRelu', 'input, negativeSlope, inplace'), function leakyRelu(input: Tensor, negativeSlope: number | { negativeSlope?: number; inplace?: boolean } = 0.01, inplace?: boolean): Tensor {
  checkFloatInput('leakyRelu', input);
  const s = num('leakyRelu', 'negativeSlope', negativeSlope);
  return withInplace('leakyRelu', input, inplace, (x, self, inPlace) => {
    const out = noGrad(() => E.where(E.gt(x, 0), x, E.mul(x, s)));
    // leaky_relu_ saves its result (LeakyReluBackward1)
    if (inPlace) return record('actLeakyReluResult', [x], out, () => ({ result: out, slope: s }));
    return record('actLeakyRelu', [x], out, () => ({ self, slope: s }));
  });
});

function hardtanhRecorded(input: Tensor, self: Tensor, lo: number, hi: number): Tensor {
  const out = noGrad(() => E.clamp(input, lo, hi));
  return record('actHardtanh', [input], out, () => ({ self, min: lo, max: hi }));
}
/**
 * Clamps to [minVal, maxVal] (default [-1, 1]).
 *
 * clamp(x, minVal, maxVal) with zero grad at and beyond the bounds (HardtanhBackward0).
 *
 * @see torch.nn.functional.hardtanh
 * @example
 * ```ts
 * const x = tg.tensor([-2, 0.5, 2])
 * tg.nn.functional.hardtanh(x) // tensor([-1.0000,  0.5000,  1.0000])
 * ```
 */
export const hardtanh = kw(signature('nn.functional.hardtanh', 'input, minVal, maxVal, inplace'), function hardtanh(input: Tensor, minVal: number | { minVal?: number; maxVal?: number; inplace?: boolean } = -1, maxVal = 1, inplace?: boolean): Tensor {
  checkFloatInput('hardtanh', input);
  const lo = num('hardtanh', 'minVal', minVal), hi = num('hardtanh', 'maxVal', maxVal);
  if (!(hi >= lo)) throw rangeError('hardtanh', `max_val cannot be less than min_val (got minVal ${lo}, maxVal ${hi})`);
  return withInplace('hardtanh', input, inplace, (x, self) => hardtanhRecorded(x, self, lo, hi));
});
/**
 * `min(max(x, 0), 6)`.
 *
 * min(max(x, 0), 6) (HardtanhBackward0, as PyTorch).
 *
 * @see torch.nn.functional.relu6
 * @example
 * ```ts
 * const x = tg.tensor([-1, 3, 8])
 * tg.nn.functional.relu6(x) // tensor([0., 3., 6.])
 * ```
 */
export const relu6 = kw(signature('nn.functional.relu6', 'input, inplace'), function relu6(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  checkFloatInput('relu6', input);
  return withInplace('relu6', input, inplace, (x, self) => hardtanhRecorded(x, self, 0, 6));
});

/**
 * Piecewise-linear sigmoid `relu6(x + 3) / 6`.
 *
 * relu6(x + 3) / 6 (HardsigmoidBackward0).
 *
 * @see torch.nn.functional.hardsigmoid
 * @example
 * ```ts
 * const x = tg.tensor([-4, 0, 4])
 * tg.nn.functional.hardsigmoid(x) // tensor([0.0000, 0.5000, 1.0000])
 * ```
 */
export const hardsigmoid = kw(signature('nn.functional.hardsigmoid', 'input, inplace'), function hardsigmoid(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  checkFloatInput('hardsigmoid', input);
  return withInplace('hardsigmoid', input, inplace, (x, self) =>
    record('actHardsigmoid', [x], noGrad(() => E.div(E.clamp(E.add(x, 3), 0, 6), 6)), () => ({ self })));
});
/**
 * `x * relu6(x + 3) / 6`.
 *
 * x relu6(x + 3) / 6 (HardswishBackward0).
 *
 * @see torch.nn.functional.hardswish
 * @example
 * ```ts
 * const x = tg.tensor([-4, 1, 4])
 * tg.nn.functional.hardswish(x) // tensor([-0.0000, 0.6667, 4.0000])
 * ```
 */
export const hardswish = kw(signature('nn.functional.hardswish', 'input, inplace'), function hardswish(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  checkFloatInput('hardswish', input);
  return withInplace('hardswish', input, inplace, (x, self) =>
    record('actHardswish', [x], noGrad(() => E.div(E.mul(x, E.clamp(E.add(x, 3), 0, 6)), 6)), () => ({ self })));
});

/**
 * Replaces elements not above `threshold` by `value`.
 *
 * x where x > threshold, value elsewhere (ThresholdBackward0).
 *
 * @see torch.nn.functional.threshold
 * @example
 * ```ts
 * const x = tg.tensor([0.5, 2])
 * tg.nn.functional.threshold(x, 1, -1) // tensor([-1.,  2.])
 * ```
 */
export const threshold = kw(signature('nn.functional.threshold', 'input, threshold, value, inplace'), function threshold(input: Tensor, thresholdArg: number | { threshold: number; value: number; inplace?: boolean }, value: number, inplace?: boolean): Tensor {
  checkTensor('threshold', input, 'input');
  if (input.dtype === 'bool') throw typeError('threshold', `"threshold_cpu" not implemented for 'Bool' (input of shape ${fmtShape(input.shape)})`);
  let t = num('threshold', 'threshold', thresholdArg), v = num('threshold', 'value', value);
  // An integer input keeps its dtype: PyTorch casts both scalars to it (threshold 0.5 is 0, value 2.7 is 2).
  if (!isFloat(input.dtype)) [t, v] = [Math.trunc(t), Math.trunc(v)];
  return withInplace('threshold', input, inplace, (x, self, inPlace) =>
    // threshold_ saves the input it overwrote (ThresholdBackward1)
    record(inPlace ? 'actThresholdInplace' : 'actThreshold', [x], noGrad(() => E.where(E.gt(x, t), x, v)), () => ({ self, threshold: t })));
});

/**
 * Zeroes elements with |x| <= lambd.
 *
 * x where |x| > lambd, 0 elsewhere (HardshrinkBackward0).
 *
 * @see torch.nn.functional.hardshrink
 * @example
 * ```ts
 * const x = tg.tensor([-1, 0.2, 1])
 * tg.nn.functional.hardshrink(x) // tensor([-1.,  0.,  1.])
 * ```
 */
export const hardshrink = kw(signature('nn.functional.hardshrink', 'input, lambd'), function hardshrink(input: Tensor, lambd: number | { lambd?: number } = 0.5): Tensor {
  checkFloatInput('hardshrink', input);
  const l = num('hardshrink', 'lambd', lambd);
  const out = noGrad(() => E.where(EM.logicalAnd(E.ge(input, -l), E.le(input, l)), 0, input));
  return record('actHardshrink', [input], out, () => ({ self: input, lambd: l }));
});
/**
 * Shrinks toward zero by lambd (zero inside [-lambd, lambd]).
 *
 * x - lambd above lambd, x + lambd below -lambd, 0 between (SoftshrinkBackward0).
 *
 * @see torch.nn.functional.softshrink
 * @example
 * ```ts
 * const x = tg.tensor([-1, 0.2, 1])
 * tg.nn.functional.softshrink(x) // tensor([-0.5000,  0.0000,  0.5000])
 * ```
 */
export const softshrink = kw(signature('nn.functional.softshrink', 'input, lambd'), function softshrink(input: Tensor, lambd: number | { lambd?: number } = 0.5): Tensor {
  checkFloatInput('softshrink', input);
  const l = num('softshrink', 'lambd', lambd);
  if (l < 0) throw rangeError('softshrink', `lambda must be greater or equal to 0, but found to be ${l}.`);
  const out = noGrad(() => E.where(E.gt(input, l), E.sub(input, l), E.where(E.lt(input, -l), E.add(input, l), 0)));
  return record('actSoftshrink', [input], out, () => ({ self: input, lambd: l }));
});

/**
 * Gated linear unit: first half times sigmoid of the second half along `dim`.
 *
 * a * sigmoid(b) for the two halves a, b of input along dim (GluBackward0).
 *
 * @see torch.nn.functional.glu
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 0, 100])
 * tg.nn.functional.glu(x) // tensor([0.5000, 2.0000])
 * ```
 */
export const glu = kw(signature('nn.functional.glu', 'input, dim'), function glu(input: Tensor, dim: number | { dim?: number } = -1): Tensor {
  const op = 'glu';
  checkFloatInput(op, input);
  if (input.ndim === 0) throw rangeError(op, 'glu does not support scalars because halving size must be even');
  const d = num(op, 'dim', dim);
  if (!Number.isInteger(d) || d < -input.ndim || d >= input.ndim) throw rangeError(op, `Dimension out of range (expected to be in range of [${-input.ndim}, ${input.ndim - 1}], but got ${d})`);
  const dd = d < 0 ? d + input.ndim : d;
  if (input.shape[dd] % 2 !== 0) throw rangeError(op, `Halving dimension must be even, but dimension ${dd} is size ${input.shape[dd]} (input of shape ${fmtShape(input.shape)})`);
  const out = noGrad(() => {
    // narrow, not chunk: chunk(x, 2) of a size-0 dim gives a single chunk.
    const h = input.shape[dd] / 2;
    return E.mul(narrow(input, dd, 0, h), E.sigmoid(narrow(input, dd, h, h)));
  });
  return record('actGlu', [input], out, () => ({ self: input, dim: dd }));
});

/** The weight of prelu viewed to broadcast along the channel dim (dim 1). */
export function preluWeightView(weight: Tensor, ndim: number): Tensor {
  if (weight.numel() === 1) return reshape(weight, []);
  return reshape(weight, [weight.numel(), ...new Array<number>(ndim - 2).fill(1)]);
}
/**
 * Leaky ReLU with a learned slope per channel.
 *
 * x for x > 0, weight x elsewhere, weight one value or one per channel (PreluBackward0).
 *
 * @see torch.nn.functional.prelu
 * @example
 * ```ts
 * const x = tg.tensor([-2, 2])
 * tg.nn.functional.prelu(x, tg.tensor([0.25])) // tensor([-0.5000,  2.0000])
 * ```
 */
export const prelu = kw(signature('nn.functional.prelu', 'input, weight'), function prelu(input: Tensor, weight: Tensor): Tensor {
  const op = 'prelu';
  checkFloatInput(op, input);
  checkTensor(op, weight, 'weight');
  const n = weight.numel();
  if (n !== 1) {
    const channels = input.ndim >= 2 ? input.shape[1] : 1; // PyTorch 1.13: a 1-D input has one channel
    if (weight.ndim !== 1 || n !== channels)
      throw rangeError(op, `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} (weight of shape ${fmtShape(weight.shape)}) and channel size = ${channels} (input of shape ${fmtShape(input.shape)}).`);
  }
  if (weight.dtype !== input.dtype) throw typeError(op, `expected weight to have the input's dtype ${input.dtype}, got ${weight.dtype}`);
  const w = preluWeightView(weight, input.ndim);
  const out = noGrad(() => E.where(E.gt(input, 0), input, E.mul(input, w)));
  return record('actPrelu', [input, weight], out, () => ({ self: input, weight }));
});

// ---- composites (PyTorch's own composition) -------------------------------------------------------------------
/**
 * `x / (1 + |x|)`.
 *
 * x / (1 + |x|) (DivBackward0 over AddBackward0, as PyTorch).
 *
 * @see torch.nn.functional.softsign
 * @example
 * ```ts
 * const x = tg.tensor([-1, 3])
 * tg.nn.functional.softsign(x) // tensor([-0.5000,  0.7500])
 * ```
 */
export const softsign = kw(signature('nn.functional.softsign', 'input'), function softsign(input: Tensor): Tensor {
  checkFloatInput('softsign', input);
  return E.div(input, E.add(E.abs(input), 1));
});
/**
 * `x - tanh(x)`.
 *
 * x - tanh(x) (SubBackward0).
 *
 * @see torch.nn.functional.tanhshrink
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.nn.functional.tanhshrink(x) // tensor([0.0000, 0.2384])
 * ```
 */
export const tanhshrink = kw(signature('nn.functional.tanhshrink', 'input'), function tanhshrink(input: Tensor): Tensor {
  checkFloatInput('tanhshrink', input);
  return E.sub(input, E.tanh(input));
});
/**
 * `softmax(-x)` along `dim`.
 *
 * softmax(-x) along dim (SoftmaxBackward0 over NegBackward0). dim null: PyTorch's legacy choice (0 for 0-, 1- and 3-D input, else 1).
 *
 * @see torch.nn.functional.softmin
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.nn.functional.softmin(x, 0) // tensor([0.7311, 0.2689])
 * ```
 */
export const softmin = kw(signature('nn.functional.softmin', 'input, dim, dtype'), function softmin(input: Tensor, dim?: number | null | { dim?: number | null; dtype?: 'float32' | 'float64' | null }, dtype?: 'float32' | 'float64' | null): Tensor {
  checkFloatInput('softmin', input);
  const d = dim === undefined || dim === null ? (input.ndim === 0 || input.ndim === 1 || input.ndim === 3 ? 0 : 1) : num('softmin', 'dim', dim);
  const n = Math.max(input.ndim, 1);
  if (!Number.isInteger(d) || d < -n || d >= n) throw rangeError('softmin', `dim ${d} is out of range for a ${input.ndim}-d tensor (expected ${-n} to ${n - 1})`);
  const x = dtype !== undefined && dtype !== null && dtype !== input.dtype ? input.to(dtype) : input;
  return softmax(E.neg(x), d);
});
