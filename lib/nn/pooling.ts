// Pooling modules (torch/nn/modules/pooling.py): MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool1d/2d,
// AdaptiveMaxPool2d, LPPool2d, MaxUnpool2d, with PyTorch 1.13's constructors and repr. The functional forms
// are in lib/ops/pooling.ts (which also validate the arguments, at the first call, as PyTorch's do).
//
// Note [Pooling reprs]: PyTorch prints the sizes as they were given: an int as `2`, a tuple as `(3, 2)` (a JS
// array prints as the tuple), None as `None`; AvgPool1d and MaxUnpool2d store them through _single/_pair and so
// always print tuples. LPPool2d prints norm_type as given, and a JS number cannot tell 2 from 2.0: an
// integer-valued one prints as Python's int.
import { Tensor } from '../tensor.js';
import { typeError, describe } from '../errors.js';
import { Module } from './module.js';
import * as F from './functional.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods, type Signature } from '../kwargs.js';

export type Size = number | (number | null)[];

const SIG = {
  MaxPool1d: signature('nn.MaxPool1d', 'kernelSize, stride, padding, dilation, returnIndices, ceilMode'),
  MaxPool2d: signature('nn.MaxPool2d', 'kernelSize, stride, padding, dilation, returnIndices, ceilMode'),
  AvgPool1d: signature('nn.AvgPool1d', 'kernelSize, stride, padding, ceilMode, countIncludePad'),
  AvgPool2d: signature('nn.AvgPool2d', 'kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride'),
  AdaptiveAvgPool1d: signature('nn.AdaptiveAvgPool1d', 'outputSize'),
  AdaptiveAvgPool2d: signature('nn.AdaptiveAvgPool2d', 'outputSize'),
  AdaptiveMaxPool2d: signature('nn.AdaptiveMaxPool2d', 'outputSize, returnIndices'),
  LPPool2d: signature('nn.LPPool2d', 'normType, kernelSize, stride, ceilMode'),
  MaxUnpool2d: signature('nn.MaxUnpool2d', 'kernelSize, stride, padding'),
};

/** A size as PyTorch prints it (Note [Pooling reprs]). */
export function pySize(v: Size | null | undefined): string {
  if (v === null || v === undefined) return 'None';
  if (!Array.isArray(v)) return String(v);
  const items = v.map((e) => (e === null ? 'None' : String(e)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}
export const pyBool = (b: boolean): string => (b ? 'True' : 'False');
/** A stride of null, undefined or [] means kernelSize (PyTorch's `stride if (stride is not None) else kernel_size`). */
export const strideOr = (stride: Size | null | undefined, k: Size): Size => (stride === null || stride === undefined || (Array.isArray(stride) && stride.length === 0) ? k : stride);
export const tuple = (v: Size, n: number): number[] => (Array.isArray(v) ? (v.length === 1 ? Array<number>(n).fill(v[0] as number) : (v as number[])) : Array<number>(n).fill(v));

export function flag(op: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
  return v;
}

export abstract class _MaxPoolNd extends Module {
  readonly kernelSize: Size;
  readonly stride: Size;
  readonly padding: Size;
  readonly dilation: Size;
  readonly returnIndices: boolean;
  readonly ceilMode: boolean;
  protected constructor(op: string, args: unknown[]) {
    super();
    const [k, s, p = 0, d = 1, ri, cm] = args as [Size, Size | null | undefined, Size | undefined, Size | undefined, unknown, unknown];
    this.kernelSize = k;
    this.stride = strideOr(s, k);
    this.padding = p;
    this.dilation = d;
    this.returnIndices = flag(op, 'returnIndices', ri, false);
    this.ceilMode = flag(op, 'ceilMode', cm, false);
  }
  override extraRepr(): string {
    return `kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.stride)}, padding=${pySize(this.padding)}, dilation=${pySize(this.dilation)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}

/**
 * Max over windows of the last dim of [N, C, L] or [C, L] input (F.maxPool1d).
 *
 * @see torch.nn.MaxPool1d
 * @example
 * ```ts
 * const m = new tg.nn.MaxPool1d(2)
 * String(m) // => 'MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)'
 * m(tg.tensor([[[1, 3, 2, 4]]])) // tensor([[[3., 4.]]])
 * ```
 */
export class MaxPool1d extends _MaxPoolNd {
  constructor(kernelSize: Size | MaxPoolArgs, stride?: Size | null | MaxPoolArgs, padding?: Size | MaxPoolArgs, dilation?: Size | MaxPoolArgs, returnIndices?: boolean | MaxPoolArgs, ceilMode?: boolean) {
    super('MaxPool1d', parseArgs(SIG.MaxPool1d, arguments));
    void kernelSize, stride, padding, dilation, returnIndices, ceilMode;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.maxPool1d(input, this.kernelSize as number[], this.stride as number[], this.padding as number[], this.dilation as number[], this.ceilMode, this.returnIndices as false);
  }
}

/**
 * Max over kH x kW windows of [N, C, H, W] or [C, H, W] input (F.maxPool2d).
 *
 * @see torch.nn.MaxPool2d
 * @example
 * ```ts
 * const m = new tg.nn.MaxPool2d(2, { stride: 2 })
 * String(m) // => 'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)'
 * m(tg.zeros(1, 3, 8, 8)).shape
 * ```
 */
export class MaxPool2d extends _MaxPoolNd {
  constructor(kernelSize: Size | MaxPoolArgs, stride?: Size | null | MaxPoolArgs, padding?: Size | MaxPoolArgs, dilation?: Size | MaxPoolArgs, returnIndices?: boolean | MaxPoolArgs, ceilMode?: boolean) {
    super('MaxPool2d', parseArgs(SIG.MaxPool2d, arguments));
    void kernelSize, stride, padding, dilation, returnIndices, ceilMode;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.maxPool2d(input, this.kernelSize as number[], this.stride as number[], this.padding as number[], this.dilation as number[], this.ceilMode, this.returnIndices as false);
  }
}

export interface MaxPoolArgs {
  kernelSize?: Size;
  stride?: Size | null;
  padding?: Size;
  dilation?: Size;
  returnIndices?: boolean;
  ceilMode?: boolean;
}

export interface AvgPoolArgs {
  kernelSize?: Size;
  stride?: Size | null;
  padding?: Size;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

/**
 * Mean over windows of the last dim of [N, C, L] or [C, L] input (F.avgPool1d).
 *
 * @see torch.nn.AvgPool1d
 * @example
 * ```ts
 * const m = new tg.nn.AvgPool1d(2)
 * String(m) // => 'AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))'
 * m(tg.tensor([[[1, 3, 2, 4]]])) // tensor([[[2., 3.]]])
 * ```
 */
export class AvgPool1d extends Module {
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  constructor(kernelSize: Size | AvgPoolArgs, stride?: Size | null | AvgPoolArgs, padding?: Size | AvgPoolArgs, ceilMode?: boolean | AvgPoolArgs, countIncludePad?: boolean) {
    super();
    const [k, s, p = 0, cm, cip] = parseArgs(SIG.AvgPool1d, arguments) as [Size, Size | null | undefined, Size | undefined, unknown, unknown];
    this.kernelSize = tuple(k, 1);
    this.stride = tuple(strideOr(s, k), 1);
    this.padding = tuple(p, 1);
    this.ceilMode = flag('AvgPool1d', 'ceilMode', cm, false);
    this.countIncludePad = flag('AvgPool1d', 'countIncludePad', cip, true);
    void kernelSize, stride, padding, ceilMode, countIncludePad;
  }
  override forward(input: Tensor): Tensor {
    return F.avgPool1d(input, this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad);
  }
  override extraRepr(): string {
    return `kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.stride)}, padding=${pySize(this.padding)}`;
  }
}

/**
 * PyTorch's _AvgPoolNd for AvgPool2d and AvgPool3d: the options in PyTorch's order (kernelSize, stride, padding,
 * ceilMode, countIncludePad, divisorOverride), parsed by the subclass's signature, and the shared repr.
 *
 * @internal
 */
export abstract class _AvgPoolNd extends Module {
  readonly kernelSize: Size;
  readonly stride: Size;
  readonly padding: Size;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;
  constructor(sig: Signature, args: IArguments) {
    super();
    const [k, s, p = 0, cm, cip, dv] = parseArgs(sig, args) as [Size, Size | null | undefined, Size | undefined, unknown, unknown, number | null | undefined];
    this.kernelSize = k;
    this.stride = strideOr(s, k);
    this.padding = p;
    const name = sig.fn.replace(/^nn\./, ''); // errors name the class, as flag's other callers do
    this.ceilMode = flag(name, 'ceilMode', cm, false);
    this.countIncludePad = flag(name, 'countIncludePad', cip, true);
    this.divisorOverride = dv ?? null;
  }
  override extraRepr(): string {
    return `kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.stride)}, padding=${pySize(this.padding)}`;
  }
}

/**
 * Mean over kH x kW windows of [N, C, H, W] or [C, H, W] input (F.avgPool2d).
 *
 * @see torch.nn.AvgPool2d
 * @example
 * ```ts
 * const m = new tg.nn.AvgPool2d(2)
 * String(m) // => 'AvgPool2d(kernel_size=2, stride=2, padding=0)'
 * m(tg.zeros(1, 3, 8, 8)).shape
 * ```
 */
export class AvgPool2d extends _AvgPoolNd {
  constructor(kernelSize: Size | AvgPoolArgs, stride?: Size | null | AvgPoolArgs, padding?: Size | AvgPoolArgs, ceilMode?: boolean | AvgPoolArgs, countIncludePad?: boolean | AvgPoolArgs, divisorOverride?: number | null) {
    super(SIG.AvgPool2d, arguments);
    void kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride;
  }
  override forward(input: Tensor): Tensor {
    return F.avgPool2d(input, this.kernelSize as number[], this.stride as number[], this.padding as number[], this.ceilMode, this.countIncludePad, this.divisorOverride);
  }
}

/**
 * Average over outputSize adaptive windows of the last dim (F.adaptiveAvgPool1d).
 *
 * @see torch.nn.AdaptiveAvgPool1d
 * @example
 * ```ts
 * const m = new tg.nn.AdaptiveAvgPool1d(1)
 * String(m) // => 'AdaptiveAvgPool1d(output_size=1)'
 * m(tg.tensor([[[1, 3, 2, 4]]])) // tensor([[[2.5000]]])
 * ```
 */
export class AdaptiveAvgPool1d extends Module {
  readonly outputSize: Size;
  constructor(outputSize: Size | { outputSize?: Size }) {
    super();
    [this.outputSize] = parseArgs(SIG.AdaptiveAvgPool1d, arguments) as [Size];
    void outputSize;
  }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool1d(input, this.outputSize as number);
  }
  override extraRepr(): string {
    return `output_size=${pySize(this.outputSize)}`;
  }
}

/**
 * Average over outputSize adaptive windows (F.adaptiveAvgPool2d).
 *
 * @see torch.nn.AdaptiveAvgPool2d
 * @example
 * ```ts
 * const m = new tg.nn.AdaptiveAvgPool2d([1, 1])
 * String(m) // => 'AdaptiveAvgPool2d(output_size=(1, 1))'
 * m(tg.zeros(2, 8, 5, 5)).shape
 * ```
 */
export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: Size;
  constructor(outputSize: Size | { outputSize?: Size }) {
    super();
    [this.outputSize] = parseArgs(SIG.AdaptiveAvgPool2d, arguments) as [Size];
    void outputSize;
  }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool2d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${pySize(this.outputSize)}`;
  }
}

/**
 * Max over outputSize adaptive windows (F.adaptiveMaxPool2d).
 *
 * @see torch.nn.AdaptiveMaxPool2d
 * @example
 * ```ts
 * const m = new tg.nn.AdaptiveMaxPool2d(2)
 * String(m) // => 'AdaptiveMaxPool2d(output_size=2)'
 * m(tg.zeros(1, 1, 5, 5)).shape
 * ```
 */
export class AdaptiveMaxPool2d extends Module {
  readonly outputSize: Size;
  readonly returnIndices: boolean;
  constructor(outputSize: Size | { outputSize?: Size; returnIndices?: boolean }, returnIndices?: boolean) {
    super();
    const [o, ri] = parseArgs(SIG.AdaptiveMaxPool2d, arguments) as [Size, unknown];
    this.outputSize = o;
    this.returnIndices = flag('AdaptiveMaxPool2d', 'returnIndices', ri, false);
    void outputSize, returnIndices;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.adaptiveMaxPool2d(input, this.outputSize, this.returnIndices as false);
  }
  override extraRepr(): string {
    return `output_size=${pySize(this.outputSize)}`;
  }
}

/**
 * Power-average pooling (F.lpPool2d).
 *
 * @see torch.nn.LPPool2d
 * @example
 * ```ts
 * const m = new tg.nn.LPPool2d(2, 2)
 * String(m) // => 'LPPool2d(norm_type=2, kernel_size=2, stride=None, ceil_mode=False)'
 * m(tg.zeros(1, 1, 4, 4)).shape
 * ```
 */
export class LPPool2d extends Module {
  readonly normType: number;
  readonly kernelSize: Size;
  readonly stride: Size | null;
  readonly ceilMode: boolean;
  constructor(normType: number | { normType?: number; kernelSize?: Size; stride?: Size | null; ceilMode?: boolean }, kernelSize?: Size | object, stride?: Size | null | object, ceilMode?: boolean) {
    super();
    const [p, k, s, cm] = parseArgs(SIG.LPPool2d, arguments) as [number, Size, Size | null | undefined, unknown];
    if (typeof p !== 'number') throw typeError('LPPool2d', `normType must be a number, got ${describe(p)}`);
    this.normType = p;
    this.kernelSize = k;
    this.stride = s ?? null;
    this.ceilMode = flag('LPPool2d', 'ceilMode', cm, false);
    void normType, kernelSize, stride, ceilMode;
  }
  override forward(input: Tensor): Tensor {
    return F.lpPool2d(input, this.normType, this.kernelSize as number[], this.stride as number[] | null, this.ceilMode);
  }
  override extraRepr(): string {
    const p = Number.isInteger(this.normType) ? String(this.normType) : pyFloatRepr(this.normType);
    return `norm_type=${p}, kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.stride)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}

/**
 * The inverse of MaxPool2d from its indices (F.maxUnpool2d).
 *
 * @see torch.nn.MaxUnpool2d
 * @example
 * ```ts
 * const pool = new tg.nn.MaxPool2d(2, { returnIndices: true })
 * const unpool = new tg.nn.MaxUnpool2d(2)
 * String(unpool) // => 'MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))'
 * const [y, i] = pool(tg.tensor([[[[1, 2], [3, 4]]]]))
 * unpool(y, i)
 * // tensor([[[[0., 0.],
 * //           [0., 4.]]]])
 * ```
 */
export class MaxUnpool2d extends Module {
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  constructor(kernelSize: Size | { kernelSize?: Size; stride?: Size | null; padding?: Size }, stride?: Size | null | object, padding?: Size) {
    super();
    const [k, s, p = 0] = parseArgs(SIG.MaxUnpool2d, arguments) as [Size, Size | null | undefined, Size | undefined];
    this.kernelSize = tuple(k, 2);
    this.stride = tuple(strideOr(s, k), 2);
    this.padding = tuple(p, 2);
    void kernelSize, stride, padding;
  }
  override forward(input: Tensor, indices: Tensor, outputSize: number[] | null = null): Tensor {
    return F.maxUnpool2d(input, indices, this.kernelSize, this.stride, this.padding, outputSize);
  }
  override extraRepr(): string {
    return `kernel_size=${pySize(this.kernelSize)}, stride=${pySize(this.stride)}, padding=${pySize(this.padding)}`;
  }
}

const CLASSES = { MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, LPPool2d, MaxUnpool2d };
for (const [name, cls] of Object.entries(CLASSES)) declareConstructor(cls, SIG[name as keyof typeof SIG]);
for (const cls of [_MaxPoolNd, _AvgPoolNd, ...Object.values(CLASSES)]) {
  const own = (m: string): boolean => Object.prototype.hasOwnProperty.call(cls.prototype, m);
  const table: Record<string, string> = {};
  if (own('forward')) table.forward = cls === MaxUnpool2d ? 'input, indices, outputSize' : 'input';
  if (own('extraRepr')) table.extraRepr = '';
  kwMethods(cls.prototype, cls.name, table);
}

export interface MaxPool1d { (input: Tensor): Tensor | [Tensor, Tensor] }
export interface MaxPool2d { (input: Tensor): Tensor | [Tensor, Tensor] }
export interface AvgPool1d { (input: Tensor): Tensor }
export interface AvgPool2d { (input: Tensor): Tensor }
export interface AdaptiveAvgPool1d { (input: Tensor): Tensor }
export interface AdaptiveAvgPool2d { (input: Tensor): Tensor }
export interface AdaptiveMaxPool2d { (input: Tensor): Tensor | [Tensor, Tensor] }
export interface LPPool2d { (input: Tensor): Tensor }
export interface MaxUnpool2d { (input: Tensor, indices: Tensor, outputSize?: number[] | null): Tensor }
