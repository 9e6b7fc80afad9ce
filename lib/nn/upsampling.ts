// Upsample, UpsamplingNearest2d and UpsamplingBilinear2d (torch/nn/modules/upsampling.py): F.interpolate with
// the module's options. Repr as PyTorch's: `Upsample(scale_factor=2.0, mode=nearest)` (the scale factor is a
// Python float there) or `Upsample(size=[4, 5], mode=bicubic)`; alignCorners is not printed, as in PyTorch.
import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { interpolate, type InterpolateMode } from '../ops/upsample.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = {
  Upsample: signature('nn.Upsample', 'size, scaleFactor, mode, alignCorners, recomputeScaleFactor'),
  UpsamplingNearest2d: signature('nn.UpsamplingNearest2d', 'size, scaleFactor'),
  UpsamplingBilinear2d: signature('nn.UpsamplingBilinear2d', 'size, scaleFactor'),
};
type Size = number | number[] | null;
interface UpsampleOptions { size?: Size; scaleFactor?: number | number[] | null; mode?: InterpolateMode; alignCorners?: boolean | null; recomputeScaleFactor?: boolean | null }

/**
 * Resamples the spatial dims of [N, C, ...] input.
 *
 * @see torch.nn.Upsample
 * @example
 * ```ts
 * const m = new tg.nn.Upsample({ scaleFactor: 2, mode: 'nearest' })
 * String(m) // => 'Upsample(scale_factor=2.0, mode=nearest)'
 * m(tg.tensor([[[1, 2]]])) // tensor([[[1., 1., 2., 2.]]])
 * ```
 */
export class Upsample extends Module {
  readonly size: Size;
  readonly scaleFactor: number | number[] | null;
  readonly mode: InterpolateMode;
  readonly alignCorners: boolean | null;
  readonly recomputeScaleFactor: boolean | null;
  constructor(size?: Size | UpsampleOptions, scaleFactor?: number | number[] | null, mode?: InterpolateMode, alignCorners?: boolean | null, recomputeScaleFactor?: boolean | null) {
    super();
    const [s, sf, md, ac, rs] = parseArgs(SIG.Upsample, arguments) as [Size | undefined, number | number[] | null | undefined, InterpolateMode | undefined, boolean | null | undefined, boolean | null | undefined];
    void size, scaleFactor, mode, alignCorners, recomputeScaleFactor;
    this.size = s ?? null;
    this.scaleFactor = sf ?? null;
    this.mode = md ?? 'nearest';
    this.alignCorners = ac ?? null;
    this.recomputeScaleFactor = rs ?? null;
  }
  override forward(input: Tensor): Tensor {
    return interpolate(input, this.size, this.scaleFactor, this.mode, this.alignCorners, this.recomputeScaleFactor);
  }
  override extraRepr(): string {
    const list = (v: number | number[], f: (n: number) => string): string => (Array.isArray(v) ? `[${v.map(f).join(', ')}]` : f(v));
    const head = this.scaleFactor !== null ? `scale_factor=${list(this.scaleFactor, pyFloatRepr)}` : `size=${list(this.size ?? [], String)}`;
    return `${head}, mode=${this.mode}`;
  }
}

/**
 * Upsample with mode 'nearest'.
 *
 * @see torch.nn.UpsamplingNearest2d
 * @example
 * ```ts
 * const m = new tg.nn.UpsamplingNearest2d({ scaleFactor: 2 })
 * String(m) // => 'UpsamplingNearest2d(scale_factor=2.0, mode=nearest)'
 * m(tg.zeros(1, 1, 2, 2)).shape
 * ```
 */
export class UpsamplingNearest2d extends Upsample {
  constructor(size?: Size | { size?: Size; scaleFactor?: number | number[] | null }, scaleFactor?: number | number[] | null) {
    const [s, sf] = parseArgs(SIG.UpsamplingNearest2d, arguments) as [Size | undefined, number | number[] | null | undefined];
    void size, scaleFactor;
    super(s ?? null, sf ?? null, 'nearest');
  }
}
/**
 * Upsample with mode 'bilinear' and alignCorners true.
 *
 * @see torch.nn.UpsamplingBilinear2d
 * @example
 * ```ts
 * const m = new tg.nn.UpsamplingBilinear2d({ scaleFactor: 2 })
 * String(m) // => 'UpsamplingBilinear2d(scale_factor=2.0, mode=bilinear)'
 * m(tg.zeros(1, 1, 2, 2)).shape
 * ```
 */
export class UpsamplingBilinear2d extends Upsample {
  constructor(size?: Size | { size?: Size; scaleFactor?: number | number[] | null }, scaleFactor?: number | number[] | null) {
    const [s, sf] = parseArgs(SIG.UpsamplingBilinear2d, arguments) as [Size | undefined, number | number[] | null | undefined];
    void size, scaleFactor;
    super(s ?? null, sf ?? null, 'bilinear', true);
  }
}

for (const [name, cls] of Object.entries({ Upsample, UpsamplingNearest2d, UpsamplingBilinear2d })) declareConstructor(cls, SIG[name as keyof typeof SIG]);
kwMethods(Upsample.prototype, 'Upsample', { forward: 'input', extraRepr: '' });
export interface Upsample { (input: Tensor): Tensor }
