// tg.nn.init: in-place initializers (PyTorch's torch.nn.init), drawing from the tg.manualSeed generator.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { typeError, rangeError, describe, disposedError } from '../errors.js';
import { rand, randn } from '../ops/creation.js';
import * as E from '../ops/elementwise.js';
import { kw, signature } from '../kwargs.js';
import { checkWritable } from '../ops/shape.js';

function check(op: string, t: unknown): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(t)}`);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw typeError(op, `expected a floating point tensor, got ${t.dtype}`);
  if (t.isDisposed) throw disposedError(op, t.shape);
  checkWritable(op, t);
}

function checkNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(op, `${name} must be a number, got ${describe(v)}`);
  return v;
}

/** calculateFanInAndFanOut reporting the initializer that asked (its errors name the called op). */
function fans(op: string, t: Tensor): [number, number] {
  if (!(t instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(t)}`);
  if (t.ndim < 2) throw rangeError(op, 'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

/** [fan_in, fan_out] of a weight (dim 1 and dim 0 times the receptive field). */
export const calculateFanInAndFanOut = kw(signature('nn.init.calculateFanInAndFanOut', 'tensor'), function calculateFanInAndFanOut(t: Tensor): [number, number] {
  return fans('calculateFanInAndFanOut', t);
});

/** PyTorch's calculate_gain. */
export const calculateGain = kw(signature('nn.init.calculateGain', 'nonlinearity, param'), function calculateGain(nonlinearity: string, param?: number): number {
  return gain('calculateGain', nonlinearity, param);
});
function gain(op: string, nonlinearity: string, param?: number): number {
  if (param !== undefined) checkNumber(op, 'param', param);
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d': case 'sigmoid': return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu': return 3 / 4;
    default: throw rangeError(op, `unsupported nonlinearity ${typeof nonlinearity === 'string' ? nonlinearity : describe(nonlinearity)}`);
  }
}

/** Fills with U(a, b). */
export const uniform_ = kw(signature('nn.init.uniform_', 'tensor, a, b'), function uniform_(t: Tensor, a = 0, b = 1): Tensor {
  check('uniform_', t);
  checkNumber('uniform_', 'a', a);
  checkNumber('uniform_', 'b', b);
  return noGrad(() => t.copy_(E.add(E.mul(rand(t.shape, { dtype: t.dtype }), b - a), a)));
});
/** Fills with N(mean, std^2). */
export const normal_ = kw(signature('nn.init.normal_', 'tensor, mean, std'), function normal_(t: Tensor, mean = 0, std = 1): Tensor {
  check('normal_', t);
  checkNumber('normal_', 'mean', mean);
  checkNumber('normal_', 'std', std);
  return noGrad(() => t.copy_(E.add(E.mul(randn(t.shape, { dtype: t.dtype }), std), mean)));
});
export const constant_ = kw(signature('nn.init.constant_', 'tensor, val'), function constant_(t: Tensor, val: number): Tensor {
  check('constant_', t);
  checkNumber('constant_', 'val', val);
  return noGrad(() => t.fill_(val));
});
export const zeros_ = kw(signature('nn.init.zeros_', 'tensor'), function zeros_(t: Tensor): Tensor {
  check('zeros_', t);
  return constant_(t, 0);
});
export const ones_ = kw(signature('nn.init.ones_', 'tensor'), function ones_(t: Tensor): Tensor {
  check('ones_', t);
  return constant_(t, 1);
});

export interface KaimingOptions {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: string;
}

/** He uniform: U(-bound, bound), bound = gain * sqrt(3 / fan). nn.Linear uses a = sqrt(5). */
export const kaimingUniform_ = kw(signature('nn.init.kaimingUniform_', 'tensor, a, mode, nonlinearity'), function kaimingUniform_(t: Tensor, a?: number | KaimingOptions, mode?: KaimingOptions['mode'], nonlinearity?: string): Tensor {
  check('kaimingUniform_', t);
  const opts: KaimingOptions = { a: a as number | undefined, mode, nonlinearity };
  const [fanIn, fanOut] = fans('kaimingUniform_', t);
  const fan = (opts.mode ?? 'fan_in') === 'fan_in' ? fanIn : fanOut;
  const g = gain('kaimingUniform_', opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
  const bound = Math.sqrt(3) * (g / Math.sqrt(fan));
  return uniform_(t, -bound, bound);
});
/** He normal: N(0, (gain / sqrt(fan))^2). */
export const kaimingNormal_ = kw(signature('nn.init.kaimingNormal_', 'tensor, a, mode, nonlinearity'), function kaimingNormal_(t: Tensor, a?: number | KaimingOptions, mode?: KaimingOptions['mode'], nonlinearity?: string): Tensor {
  check('kaimingNormal_', t);
  const opts: KaimingOptions = { a: a as number | undefined, mode, nonlinearity };
  const [fanIn, fanOut] = fans('kaimingNormal_', t);
  const fan = (opts.mode ?? 'fan_in') === 'fan_in' ? fanIn : fanOut;
  const g = gain('kaimingNormal_', opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
  return normal_(t, 0, g / Math.sqrt(fan));
});
/** Glorot uniform: bound = gain * sqrt(6 / (fan_in + fan_out)). */
export const xavierUniform_ = kw(signature('nn.init.xavierUniform_', 'tensor, gain'), function xavierUniform_(t: Tensor, gain = 1): Tensor {
  check('xavierUniform_', t);
  checkNumber('xavierUniform_', 'gain', gain);
  const [fanIn, fanOut] = fans('xavierUniform_', t);
  const a = Math.sqrt(3) * gain * Math.sqrt(2 / (fanIn + fanOut));
  return uniform_(t, -a, a);
});
/** Glorot normal: std = gain * sqrt(2 / (fan_in + fan_out)). */
export const xavierNormal_ = kw(signature('nn.init.xavierNormal_', 'tensor, gain'), function xavierNormal_(t: Tensor, gain = 1): Tensor {
  check('xavierNormal_', t);
  checkNumber('xavierNormal_', 'gain', gain);
  const [fanIn, fanOut] = fans('xavierNormal_', t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)));
});
