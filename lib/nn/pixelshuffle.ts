// PixelShuffle and PixelUnshuffle (torch/nn/modules/pixelshuffle.py).
import { Tensor } from '../tensor.js';
import { typeError, describe } from '../errors.js';
import { Module } from './module.js';
import { pixelShuffle, pixelUnshuffle } from '../ops/pixel.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = {
  PixelShuffle: signature('nn.PixelShuffle', 'upscaleFactor'),
  PixelUnshuffle: signature('nn.PixelUnshuffle', 'downscaleFactor'),
};

function factorOf(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw typeError(op, `${name} must be a positive integer, got ${describe(v)}`);
  return v;
}

/**
 * [*, C r^2, H, W] -> [*, C, H r, W r].
 *
 * @see torch.nn.PixelShuffle
 * @example
 * ```ts
 * const m = new tg.nn.PixelShuffle(2)
 * String(m) // => 'PixelShuffle(upscale_factor=2)'
 * m(tg.zeros(1, 8, 3, 3)).shape
 * ```
 */
export class PixelShuffle extends Module {
  readonly upscaleFactor: number;
  constructor(upscaleFactor: number | { upscaleFactor: number }) {
    super();
    this.upscaleFactor = factorOf('PixelShuffle', 'upscaleFactor', parseArgs(SIG.PixelShuffle, arguments)[0]);
    void upscaleFactor;
  }
  override forward(input: Tensor): Tensor {
    return pixelShuffle(input, this.upscaleFactor);
  }
  override extraRepr(): string {
    return `upscale_factor=${this.upscaleFactor}`;
  }
}

/**
 * [*, C, H r, W r] -> [*, C r^2, H, W].
 *
 * @see torch.nn.PixelUnshuffle
 * @example
 * ```ts
 * const m = new tg.nn.PixelUnshuffle(2)
 * String(m) // => 'PixelUnshuffle(downscale_factor=2)'
 * m(tg.zeros(1, 2, 4, 4)).shape
 * ```
 */
export class PixelUnshuffle extends Module {
  readonly downscaleFactor: number;
  constructor(downscaleFactor: number | { downscaleFactor: number }) {
    super();
    this.downscaleFactor = factorOf('PixelUnshuffle', 'downscaleFactor', parseArgs(SIG.PixelUnshuffle, arguments)[0]);
    void downscaleFactor;
  }
  override forward(input: Tensor): Tensor {
    return pixelUnshuffle(input, this.downscaleFactor);
  }
  override extraRepr(): string {
    return `downscale_factor=${this.downscaleFactor}`;
  }
}

for (const [name, cls] of Object.entries({ PixelShuffle, PixelUnshuffle })) {
  declareConstructor(cls, SIG[name as keyof typeof SIG]);
  kwMethods(cls.prototype, name, { forward: 'input', extraRepr: '' });
}
export interface PixelShuffle { (input: Tensor): Tensor }
export interface PixelUnshuffle { (input: Tensor): Tensor }
