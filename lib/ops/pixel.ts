// pixelShuffle / pixelUnshuffle (PyTorch 1.13's F.pixel_shuffle / F.pixel_unshuffle): a rearrangement of
// [*, C r^2, H, W] into [*, C, H r, W r] and back, one node each (PixelShuffleBackward0 /
// PixelUnshuffleBackward0, rows in lib/autograd/derivatives_loss.ts) whose grad is the other op.
import { Tensor, checkTensor } from '../tensor.js';
import { rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { reshape, permute } from './shape.js';

function checkFactor(op: string, name: string, input: Tensor, r: unknown): number {
  checkTensor(op, input, 'input');
  if (typeof r !== 'number' || !Number.isInteger(r) || r <= 0) throw rangeError(op, `${name} must be a positive integer, got ${describe(r)}`);
  if (input.ndim < 3) throw rangeError(op, `expected an input of at least 3 dims [*, C, H, W], got shape ${fmtShape(input.shape)}`);
  return r;
}

/** The recorded rearrangement [*, C r^2, H, W] -> [*, C, H r, W r], without argument checks (used by the grads). */
export function pixelShuffleRaw(input: Tensor, r: number): Tensor {
  const nd = input.ndim, batch = input.shape.slice(0, nd - 3);
  const [c, h, w] = input.shape.slice(nd - 3);
  const oc = c / (r * r), b = batch.length;
  const out = noGrad(() => {
    const v = reshape(input, [...batch, oc, r, r, h, w]);
    const p = permute(v, [...batch.map((_, i) => i), b, b + 3, b + 1, b + 4, b + 2]);
    return reshape(p.contiguous(), [...batch, oc, h * r, w * r]);
  });
  return record('pixelShuffle', [input], out, () => ({ factor: r }));
}

/** The recorded rearrangement [*, C, H r, W r] -> [*, C r^2, H, W], without argument checks. */
export function pixelUnshuffleRaw(input: Tensor, r: number): Tensor {
  const nd = input.ndim, batch = input.shape.slice(0, nd - 3);
  const [c, h, w] = input.shape.slice(nd - 3);
  const oh = h / r, ow = w / r, b = batch.length;
  const out = noGrad(() => {
    const v = reshape(input, [...batch, c, oh, r, ow, r]);
    const p = permute(v, [...batch.map((_, i) => i), b, b + 2, b + 4, b + 1, b + 3]);
    return reshape(p.contiguous(), [...batch, c * r * r, oh, ow]);
  });
  return record('pixelUnshuffle', [input], out, () => ({ factor: r }));
}

/**
 * Rearranges [N, C r^2, H, W] into [N, C, H r, W r].
 *
 * @see torch.nn.functional.pixel_shuffle
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3, 4]).reshape(1, 4, 1, 1)
 * tg.nn.functional.pixelShuffle(x, 2)
 * // tensor([[[[1., 2.],
 * //           [3., 4.]]]])
 * ```
 */
export const pixelShuffle = kw(signature('nn.functional.pixelShuffle', 'input, upscaleFactor'), function pixelShuffle(input: Tensor, upscaleFactor: number): Tensor {
  const op = 'pixelShuffle';
  const r = checkFactor(op, 'upscaleFactor', input, upscaleFactor);
  const c = input.shape[input.ndim - 3];
  if (c % (r * r) !== 0)
    throw rangeError(op, `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r} (input of shape ${fmtShape(input.shape)})`);
  return pixelShuffleRaw(input, r);
});

/**
 * The inverse of pixelShuffle.
 *
 * [*, C, H r, W r] -> [*, C r^2, H, W].
 *
 * @see torch.nn.functional.pixel_unshuffle
 * @example
 * ```ts
 * const x = tg.tensor([[[[1, 2], [3, 4]]]])
 * tg.nn.functional.pixelUnshuffle(x, 2).flatten() // tensor([1., 2., 3., 4.])
 * ```
 */
export const pixelUnshuffle = kw(signature('nn.functional.pixelUnshuffle', 'input, downscaleFactor'), function pixelUnshuffle(input: Tensor, downscaleFactor: number): Tensor {
  const op = 'pixelUnshuffle';
  const r = checkFactor(op, 'downscaleFactor', input, downscaleFactor);
  const [h, w] = input.shape.slice(input.ndim - 2);
  if (h % r !== 0 || w % r !== 0)
    throw rangeError(op, `pixel_unshuffle expects height and width to be divisible by downscale_factor ${r}, got input of shape ${fmtShape(input.shape)}`);
  return pixelUnshuffleRaw(input, r);
});
