// tg.nn.functional.dropout3d (PyTorch 1.13's F.dropout3d: feature dropout over [N, C, D, H, W], one draw per
// channel, MulBackward0) and channelShuffle (F.channel_shuffle, ShuffleNet's channel permutation).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { kw, signature } from '../kwargs.js';
import { reshape, transpose, squeeze, unsqueeze } from './shape.js';
import { featureDropout, checkDropout } from './attention.js';

/**
 * Zeroes whole channels of [N, C, D, H, W] input with probability p while training.
 *
 * Zeroes whole channels of input [N, C, D, H, W] (or [C, D, H, W]) with probability p and scales the rest by
 * 1 / (1 - p) when training. Uses the tg.manualSeed generator.
 *
 * @see torch.nn.functional.dropout3d
 * @example
 * ```ts
 * const x = tg.ones(1, 2, 2, 2, 2)
 * tg.nn.functional.dropout3d(x, { training: false }).shape // => [1, 2, 2, 2, 2]
 * ```
 */
export const dropout3d = kw(signature('nn.functional.dropout3d', 'input, p, training, inplace'), function dropout3d(input: Tensor, p = 0.5, training = true, inplace?: boolean): Tensor {
  checkDropout('dropout3d', input, p, training, inplace);
  // PyTorch 1.13 warns for other ranks and then drops channels of dim 1 of whatever it got; 4-D is unbatched
  if (input.ndim !== 4 && input.ndim !== 5) throw rangeError('dropout3d', `Expected 4D or 5D input, but received a ${input.ndim}D input of shape ${fmtShape(input.shape)}`);
  if (input.ndim === 5) return featureDropout(input, p, training);
  return squeeze(featureDropout(unsqueeze(input, 0), p, training), 0);
});

/**
 * Splits the channels of [N, C, *] input into `groups` groups and interleaves them.
 *
 * Output channel c * groups + g is input channel g * (C / groups) + c. Computed as view, transpose,
 * contiguous and view, which makes it differentiable: PyTorch 1.13's channel_shuffle has no derivative
 * ("derivative for channel_shuffle is not implemented"), its math fallback is this composite.
 *
 * @see torch.nn.functional.channel_shuffle
 * @example
 * ```ts
 * const x = tg.arange(4).reshape(1, 4, 1)
 * tg.nn.functional.channelShuffle(x, 2).flatten().tolist() // => [0, 2, 1, 3]
 * ```
 */
export const channelShuffle = kw(signature('nn.functional.channelShuffle', 'input, groups'), function channelShuffle(input: Tensor, groups: number): Tensor {
  const op = 'channelShuffle';
  checkTensor(op, input, 'input');
  if (typeof groups !== 'number' || !Number.isInteger(groups)) throw typeError(op, `groups must be an integer, got ${describe(groups)}`);
  if (groups <= 0) throw rangeError(op, `Number of groups to divide channels in must be positive. Value of groups:${groups} (input of shape ${fmtShape(input.shape)})`);
  if (input.ndim <= 2) throw rangeError(op, `channel_shuffle expects input to have at least 3 dimensions, but got input of shape ${fmtShape(input.shape)}`);
  const [N, C] = input.shape, rest = input.shape.slice(2);
  if (C % groups !== 0) throw rangeError(op, `Number of channels must be divisible by groups. Got ${C} channels and ${groups} groups (input of shape ${fmtShape(input.shape)})`);
  const x = reshape(input, [N, groups, C / groups, ...rest]);
  return reshape(transpose(x, 1, 2), input.shape.slice());
});
