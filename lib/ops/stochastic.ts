// The random functional layers beyond dropout: gumbelSoftmax (PyTorch 1.13's F.gumbel_softmax, with a
// generator argument as tensorgrad's samplers take) and alphaDropout / featureAlphaDropout (ATen's
// _dropout_impl with alpha: x * (a mask) + b, recorded as AddBackward0 over MulBackward0). Their draws come
// from tensorgrad's generator (tg.manualSeed or a tg.Generator), not PyTorch's stream.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import { emptyLike, empty, zerosLike, full } from './creation.js';
import { max } from './reduce.js';
import { softmax } from './softmax.js';
import { scatter } from './scatter.js';
import { exponential_, bernoulli_ } from './sampling.js';
import type { Generator } from './random.js';

/**
 * Samples from the Gumbel-softmax distribution (one-hot with `hard: true`).
 *
 * Softmax of (logits + Gumbel noise) / tau along dim; hard: the one-hot of its argmax in the forward pass with
 * the soft sample's gradient (straight-through).
 *
 * @see torch.nn.functional.gumbel_softmax
 * @example
 * ```ts
 * const s = tg.nn.functional.gumbelSoftmax(tg.zeros(2, 3), { hard: true })
 * s.sum(1) // tensor([1., 1.])
 * ```
 */
export const gumbelSoftmax = kw(signature('nn.functional.gumbelSoftmax', 'logits, tau, hard, eps, dim, generator'), function gumbelSoftmax(
  logits: Tensor, tauArg?: number | GumbelSoftmaxOptions, hard?: boolean, eps?: number, dimArg?: number, generator?: Generator | null): Tensor {
  const op = 'gumbelSoftmax';
  checkTensor(op, logits, 'logits');
  if (!isFloat(logits.dtype)) throw typeError(op, `expected floating point logits, got ${logits.dtype}`);
  const tau = tauArg ?? 1, dim = dimArg ?? -1;
  if (typeof tau !== 'number') throw typeError(op, `tau must be a number, got ${describe(tau)}`);
  if (eps !== undefined && typeof eps !== 'number') throw typeError(op, `eps must be a number, got ${describe(eps)}`); // unused, as in PyTorch
  if (hard !== undefined && typeof hard !== 'boolean') throw typeError(op, `hard must be a boolean, got ${describe(hard)}`);
  const gumbels = noGrad(() => E.neg(E.log(exponential_(emptyLike(logits), 1, generator))));
  const ySoft = softmax(E.div(E.add(logits, gumbels), tau), dim);
  if (hard !== true) return ySoft;
  const yHard = noGrad(() => scatter(zerosLike(logits), dim, max(ySoft, dim, true).indices, 1));
  return E.add(E.sub(yHard, ySoft.detach()), ySoft);
});

export interface GumbelSoftmaxOptions { tau?: number; hard?: boolean; eps?: number; dim?: number; generator?: Generator | null }
export interface AlphaDropoutOptions { p?: number; training?: boolean; inplace?: boolean }

const ALPHA = 1.7580993408473766; // SELU's -scale * alpha: the value a dropped SELU activation takes

function alphaDropoutImpl(op: string, x: Tensor, p: number, training: boolean, inplace: boolean | undefined, feature: boolean): Tensor {
  checkTensor(op, x, 'input');
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError(op, `dropout probability has to be between 0 and 1, but got ${typeof p === 'number' ? p : describe(p)}`);
  if (typeof training !== 'boolean') throw typeError(op, `training must be a boolean, got ${describe(training)}`);
  if (inplace === true) throw typeError(op, 'inplace=True is not supported (use the out-of-place result)');
  if (!isFloat(x.dtype)) throw typeError(op, `expected a floating point tensor, got ${x.dtype}`);
  if (feature && x.ndim < 2) throw rangeError(op, `Feature dropout requires at least 2 dimensions in the input, got shape ${fmtShape(x.shape)}`);
  if (p === 0 || !training || x.numel() === 0) return x;
  if (p === 1) return E.mul(x, full([], 0, { dtype: x.dtype }));
  const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
  const [noise, b] = noGrad(() => {
    const shape = feature ? x.shape.map((s, i) => (i < 2 ? s : 1)) : x.shape;
    const keep = bernoulli_(empty(shape, { dtype: x.dtype }), 1 - p);
    return [E.mul(keep, a), E.add(E.mul(E.sub(keep, 1), ALPHA * a), ALPHA * a * p)];
  });
  return E.add(E.mul(x, noise), b);
}

/**
 * Dropout that keeps SELU's mean and variance, while training.
 *
 * Dropout that keeps SELU's self-normalizing mean and variance: dropped elements take SELU's saturation value,
 * then an affine map restores mean 0 / variance 1 (training defaults to false, as PyTorch's).
 *
 * @see torch.nn.functional.alpha_dropout
 * @example
 * ```ts
 * const x = tg.ones(3)
 * tg.nn.functional.alphaDropout(x, { p: 0.2, training: false }) // tensor([1., 1., 1.])
 * ```
 */
export const alphaDropout = kw(signature('nn.functional.alphaDropout', 'input, p, training, inplace'), function alphaDropout(input: Tensor, p: number | AlphaDropoutOptions = 0.5, training = false, inplace?: boolean): Tensor {
  return alphaDropoutImpl('alphaDropout', input, p as number, training, inplace, false);
});

/**
 * Alpha dropout of whole channels, while training.
 *
 * alphaDropout of whole channels (dims 0 and 1 draw, the rest share the draw).
 *
 * @see torch.nn.functional.feature_alpha_dropout
 * @example
 * ```ts
 * const x = tg.ones(1, 2, 2)
 * tg.nn.functional.featureAlphaDropout(x, { p: 0.2, training: false }).shape // => [1, 2, 2]
 * ```
 */
export const featureAlphaDropout = kw(signature('nn.functional.featureAlphaDropout', 'input, p, training, inplace'), function featureAlphaDropout(input: Tensor, p: number | AlphaDropoutOptions = 0.5, training = false, inplace?: boolean): Tensor {
  return alphaDropoutImpl('featureAlphaDropout', input, p as number, training, inplace, true);
});
