// The remaining pooling modules of torch/nn/modules/pooling.py: MaxPool3d, AvgPool3d, AdaptiveAvgPool3d,
// AdaptiveMaxPool1d/3d, LPPool1d, MaxUnpool1d/3d, with PyTorch 1.13's constructors and repr (Note [Pooling
// reprs] in lib/nn/pooling.ts). The functional forms are in lib/ops/pooling3d.ts and lib/ops/pooling.ts.
import { Tensor } from '../tensor.js';
import { typeError, describe } from '../errors.js';
import { Module } from './module.js';
import * as F from './functional.js';
import { pyFloatRepr } from './layers.js';
import { _MaxPoolNd, _AvgPoolNd, pySize, pyBool, strideOr, tuple, flag, type Size, type MaxPoolArgs, type AvgPoolArgs } from './pooling.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = {
  MaxPool3d: signature('nn.MaxPool3d', 'kernelSize, stride, padding, dilation, returnIndices, ceilMode'),
  AvgPool3d: signature('nn.AvgPool3d', 'kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride'),
  AdaptiveAvgPool3d: signature('nn.AdaptiveAvgPool3d', 'outputSize'),
  AdaptiveMaxPool1d: signature('nn.AdaptiveMaxPool1d', 'outputSize, returnIndices'),
  AdaptiveMaxPool3d: signature('nn.AdaptiveMaxPool3d', 'outputSize, returnIndices'),
  LPPool1d: signature('nn.LPPool1d', 'normType, kernelSize, stride, ceilMode'),
  MaxUnpool1d: signature('nn.MaxUnpool1d', 'kernelSize, stride, padding'),
  MaxUnpool3d: signature('nn.MaxUnpool3d', 'kernelSize, stride, padding'),
};

/**
 * Max over kD x kH x kW windows of [N, C, D, H, W] or [C, D, H, W] input (F.maxPool3d).
 *
 * @see torch.nn.MaxPool3d
 * @example
 * ```ts
 * const m = new tg.nn.MaxPool3d(2)
 * String(m) // => 'MaxPool3d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)'
 * m(tg.zeros(1, 2, 4, 4, 4)).shape
 * ```
 */
export class MaxPool3d extends _MaxPoolNd {
  constructor(kernelSize: Size | MaxPoolArgs, stride?: Size | null | MaxPoolArgs, padding?: Size | MaxPoolArgs, dilation?: Size | MaxPoolArgs, returnIndices?: boolean | MaxPoolArgs, ceilMode?: boolean) {
    super('MaxPool3d', parseArgs(SIG.MaxPool3d, arguments));
    void kernelSize, stride, padding, dilation, returnIndices, ceilMode;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.maxPool3d(input, this.kernelSize as number[], this.stride as number[], this.padding as number[], this.dilation as number[], this.ceilMode, this.returnIndices as false);
  }
}

/**
 * Mean over kD x kH x kW windows of [N, C, D, H, W] or [C, D, H, W] input (F.avgPool3d).
 *
 * @see torch.nn.AvgPool3d
 * @example
 * ```ts
 * const m = new tg.nn.AvgPool3d(2)
 * String(m) // => 'AvgPool3d(kernel_size=2, stride=2, padding=0)'
 * m(tg.zeros(1, 2, 4, 4, 4)).shape
 * ```
 */
export class AvgPool3d extends _AvgPoolNd {
  constructor(kernelSize: Size | AvgPoolArgs, stride?: Size | null | AvgPoolArgs, padding?: Size | AvgPoolArgs, ceilMode?: boolean | AvgPoolArgs, countIncludePad?: boolean | AvgPoolArgs, divisorOverride?: number | null) {
    super(SIG.AvgPool3d, arguments);
    void kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride;
  }
  override forward(input: Tensor): Tensor {
    return F.avgPool3d(input, this.kernelSize as number[], this.stride as number[], this.padding as number[], this.ceilMode, this.countIncludePad, this.divisorOverride);
  }
}

/**
 * Average over outputSize adaptive windows of [N, C, D, H, W] or [C, D, H, W] input (F.adaptiveAvgPool3d).
 *
 * @see torch.nn.AdaptiveAvgPool3d
 * @example
 * ```ts
 * const m = new tg.nn.AdaptiveAvgPool3d(1)
 * String(m) // => 'AdaptiveAvgPool3d(output_size=1)'
 * m(tg.zeros(2, 8, 3, 5, 5)).shape
 * ```
 */
export class AdaptiveAvgPool3d extends Module {
  readonly outputSize: Size;
  constructor(outputSize: Size | { outputSize?: Size }) {
    super();
    [this.outputSize] = parseArgs(SIG.AdaptiveAvgPool3d, arguments) as [Size];
    void outputSize;
  }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool3d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${pySize(this.outputSize)}`;
  }
}

abstract class _AdaptiveMaxPoolNd extends Module {
  readonly outputSize: Size;
  readonly returnIndices: boolean;
  protected constructor(op: string, args: unknown[]) {
    super();
    const [o, ri] = args as [Size, unknown];
    this.outputSize = o;
    this.returnIndices = flag(op, 'returnIndices', ri, false);
  }
  override extraRepr(): string {
    return `output_size=${pySize(this.outputSize)}`;
  }
}

/**
 * Max over outputSize adaptive windows of the last dim of [N, C, L] or [C, L] input (F.adaptiveMaxPool1d).
 *
 * @see torch.nn.AdaptiveMaxPool1d
 * @example
 * ```ts
 * const m = new tg.nn.AdaptiveMaxPool1d(2)
 * String(m) // => 'AdaptiveMaxPool1d(output_size=2)'
 * m(tg.tensor([[[1, 3, 2, 4]]])) // tensor([[[3., 4.]]])
 * ```
 */
export class AdaptiveMaxPool1d extends _AdaptiveMaxPoolNd {
  constructor(outputSize: Size | { outputSize?: Size; returnIndices?: boolean }, returnIndices?: boolean) {
    super('AdaptiveMaxPool1d', parseArgs(SIG.AdaptiveMaxPool1d, arguments));
    void outputSize, returnIndices;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.adaptiveMaxPool1d(input, this.outputSize as number, this.returnIndices as false);
  }
}

/**
 * Max over outputSize adaptive windows of [N, C, D, H, W] or [C, D, H, W] input (F.adaptiveMaxPool3d).
 *
 * @see torch.nn.AdaptiveMaxPool3d
 * @example
 * ```ts
 * const m = new tg.nn.AdaptiveMaxPool3d([2, null, 3])
 * String(m) // => 'AdaptiveMaxPool3d(output_size=(2, None, 3))'
 * m(tg.zeros(1, 1, 4, 5, 6)).shape
 * ```
 */
export class AdaptiveMaxPool3d extends _AdaptiveMaxPoolNd {
  constructor(outputSize: Size | { outputSize?: Size; returnIndices?: boolean }, returnIndices?: boolean) {
    super('AdaptiveMaxPool3d', parseArgs(SIG.AdaptiveMaxPool3d, arguments));
    void outputSize, returnIndices;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.adaptiveMaxPool3d(input, this.outputSize, this.returnIndices as false);
  }
}

/**
 * Power-average pooling over windows of the last dim (F.lpPool1d).
 *
 * @see torch.nn.LPPool1d
 * @example
 * ```ts
 * const m = new tg.nn.LPPool1d(2, 2)
 * String(m) // => 'LPPool1d(norm_type=2, kernel_size=2, stride=None, ceil_mode=False)'
 * m(tg.tensor([[[3, 4]]])) // tensor([[[5.]]])
 * ```
 */
export class LPPool1d extends Module {
  readonly normType: number;
  readonly kernelSize: Size;
  readonly stride: Size | null;
  readonly ceilMode: boolean;
  constructor(normType: number | { normType?: number; kernelSize?: Size; stride?: Size | null; ceilMode?: boolean }, kernelSize?: Size | object, stride?: Size | null | object, ceilMode?: boolean) {
    super();
    const [p, k, s, cm] = parseArgs(SIG.LPPool1d, arguments) as [number, Size, Size | null | undefined, unknown];
    if (typeof p !== 'number') throw typeError('LPPool1d', `normType must be a number, got ${describe(p)}`);
    this.normType = p;
    this.kernelSize = k;
    this.stride = s ?? null;
    this.ceilMode = flag('LPPool1d', 'ceilMode', cm, false);
    void normType, kernelSize, stride, ceilMode;
  }
  override forward(input: Tensor): Tensor {
    return F.lpPool1d(input, this.normType, this.kernelSize as number[], this.stride as number[] | null, this.ceilMode);
  }
  override extraRepr(): string {
    const p = Number.isInteger(this.normType) ? String(this.normType) : pyFloatRepr(this.normType);
    return `norm_type=${p}, kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.stride)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}

abstract class _MaxUnpoolNd extends Module {
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  protected constructor(nd: number, args: unknown[]) {
    super();
    const [k, s, p = 0] = args as [Size, Size | null | undefined, Size | undefined];
    this.kernelSize = tuple(k, nd);
    this.stride = tuple(strideOr(s, k), nd);
    this.padding = tuple(p, nd);
  }
  override extraRepr(): string {
    return `kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.stride)}, padding=${pySize(this.padding)}`;
  }
}

/**
 * The inverse of MaxPool1d from its indices (F.maxUnpool1d).
 *
 * @see torch.nn.MaxUnpool1d
 * @example
 * ```ts
 * const [y, i] = new tg.nn.MaxPool1d(2, { returnIndices: true })(tg.tensor([[[1, 3, 2, 4]]]))
 * const m = new tg.nn.MaxUnpool1d(2)
 * String(m) // => 'MaxUnpool1d(kernel_size=(2,), stride=(2,), padding=(0,))'
 * m(y, i) // tensor([[[0., 3., 0., 4.]]])
 * ```
 */
export class MaxUnpool1d extends _MaxUnpoolNd {
  constructor(kernelSize: Size | { kernelSize?: Size; stride?: Size | null; padding?: Size }, stride?: Size | null | object, padding?: Size) {
    super(1, parseArgs(SIG.MaxUnpool1d, arguments));
    void kernelSize, stride, padding;
  }
  override forward(input: Tensor, indices: Tensor, outputSize: number[] | null = null): Tensor {
    return F.maxUnpool1d(input, indices, this.kernelSize, this.stride, this.padding, outputSize);
  }
}

/**
 * The inverse of MaxPool3d from its indices (F.maxUnpool3d).
 *
 * @see torch.nn.MaxUnpool3d
 * @example
 * ```ts
 * const [y, i] = new tg.nn.MaxPool3d(2, { returnIndices: true })(tg.arange(8).reshape(1, 1, 2, 2, 2))
 * const m = new tg.nn.MaxUnpool3d(2)
 * String(m) // => 'MaxUnpool3d(kernel_size=(2, 2, 2), stride=(2, 2, 2), padding=(0, 0, 0))'
 * m(y, i).sum() // tensor(7.)
 * ```
 */
export class MaxUnpool3d extends _MaxUnpoolNd {
  constructor(kernelSize: Size | { kernelSize?: Size; stride?: Size | null; padding?: Size }, stride?: Size | null | object, padding?: Size) {
    super(3, parseArgs(SIG.MaxUnpool3d, arguments));
    void kernelSize, stride, padding;
  }
  override forward(input: Tensor, indices: Tensor, outputSize: number[] | null = null): Tensor {
    return F.maxUnpool3d(input, indices, this.kernelSize, this.stride, this.padding, outputSize);
  }
}

const CLASSES = { MaxPool3d, AvgPool3d, AdaptiveAvgPool3d, AdaptiveMaxPool1d, AdaptiveMaxPool3d, LPPool1d, MaxUnpool1d, MaxUnpool3d };
for (const [name, cls] of Object.entries(CLASSES)) declareConstructor(cls, SIG[name as keyof typeof SIG]);
for (const cls of [_AdaptiveMaxPoolNd, _MaxUnpoolNd, ...Object.values(CLASSES)]) {
  const own = (m: string): boolean => Object.prototype.hasOwnProperty.call(cls.prototype, m);
  const table: Record<string, string> = {};
  if (own('forward')) table.forward = cls === MaxUnpool1d || cls === MaxUnpool3d ? 'input, indices, outputSize' : 'input';
  if (own('extraRepr')) table.extraRepr = '';
  kwMethods(cls.prototype, cls.name, table);
}

export interface MaxPool3d { (input: Tensor): Tensor | [Tensor, Tensor] }
export interface AvgPool3d { (input: Tensor): Tensor }
export interface AdaptiveAvgPool3d { (input: Tensor): Tensor }
export interface AdaptiveMaxPool1d { (input: Tensor): Tensor | [Tensor, Tensor] }
export interface AdaptiveMaxPool3d { (input: Tensor): Tensor | [Tensor, Tensor] }
export interface LPPool1d { (input: Tensor): Tensor }
export interface MaxUnpool1d { (input: Tensor, indices: Tensor, outputSize?: number[] | null): Tensor }
export interface MaxUnpool3d { (input: Tensor, indices: Tensor, outputSize?: number[] | null): Tensor }
