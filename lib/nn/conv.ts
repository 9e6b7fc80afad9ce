// Convolution and padding modules (torch/nn/modules/conv.py, fold.py, padding.py): Conv1d/2d/3d,
// ConvTranspose1d/2d/3d, Unfold, Fold, and the padding layers, with PyTorch 1.13's init and repr.
import type { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

const SIG = {
  conv: (n: number) => signature(`nn.Conv${n}d`, 'inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype'),
  convT: (n: number) => signature(`nn.ConvTranspose${n}d`, 'inChannels, outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype'),
  Unfold: signature('nn.Unfold', 'kernelSize, dilation, padding, stride'),
  Fold: signature('nn.Fold', 'outputSize, kernelSize, dilation, padding, stride'),
};

/** Python's repr of a tuple of ints: (3,) or (5, 5). */
export const pyTuple = (a: readonly number[]): string => `(${a.join(', ')}${a.length === 1 ? ',' : ''})`;
/** Python's repr of an int-or-tuple argument as the user gave it. */
const pyArg = (v: number | number[]): string => (typeof v === 'number' ? String(v) : pyTuple(v));

function ntuple(op: string, name: string, v: unknown, n: number, min: number): number[] {
  const a = typeof v === 'number' ? Array(n).fill(v) : v;
  if (!Array.isArray(a) || a.length !== n || !a.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= min))
    throw typeError(op, `${name} must be an integer >= ${min} or a list of ${n} of them, got ${describe(v)}`);
  return a as number[];
}

function posInt(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw typeError(op, `${name} must be a positive integer, got ${describe(v)}`);
  return v;
}

const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];
type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** The shared state of Conv*d and ConvTranspose*d (PyTorch's _ConvNd). */
abstract class ConvNd extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[] | 'same' | 'valid';
  readonly dilation: number[];
  readonly transposed: boolean;
  readonly outputPadding: number[];
  readonly groups: number;
  readonly paddingMode: PaddingMode;
  weight: Tensor;
  bias: Tensor | null;
  /** F.pad's list for a non-zeros paddingMode: each dim's (left, right), last dim first. */
  protected readonly reversedPadding: number[];

  constructor(op: string, n: number, transposed: boolean, a: unknown[]) {
    super();
    const [inC, outC, k, stride, padding, dilation, groups, bias, outputPadding, paddingMode, dtype] = a as [
      number, number, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, DType | undefined];
    this.inChannels = posInt(op, 'inChannels', inC);
    this.outChannels = posInt(op, 'outChannels', outC);
    this.groups = posInt(op, 'groups', groups ?? 1);
    if (inC % this.groups !== 0) throw rangeError(op, 'in_channels must be divisible by groups');
    if (outC % this.groups !== 0) throw rangeError(op, 'out_channels must be divisible by groups');
    this.kernelSize = ntuple(op, 'kernelSize', k, n, 1);
    this.stride = ntuple(op, 'stride', stride ?? 1, n, 1);
    this.dilation = ntuple(op, 'dilation', dilation ?? 1, n, 1);
    const p = padding ?? 0;
    if (p === 'same' || p === 'valid') {
      if (transposed) throw typeError(op, `padding must be an integer or a list of ${n} integers for transposed convolutions, got '${p}'`);
      if (p === 'same' && this.stride.some((s) => s !== 1)) throw rangeError(op, "padding='same' is not supported for strided convolutions");
      this.padding = p;
    } else if (typeof p === 'string') throw rangeError(op, `Invalid padding string '${p}', should be one of ['valid', 'same']`);
    else this.padding = ntuple(op, 'padding', p, n, 0);
    this.outputPadding = ntuple(op, 'outputPadding', outputPadding ?? 0, n, 0);
    const mode = paddingMode ?? 'zeros';
    if (typeof mode !== 'string' || !PADDING_MODES.includes(mode))
      throw rangeError(op, `padding_mode must be one of ${JSON.stringify(PADDING_MODES)}, but got padding_mode='${String(mode)}'`);
    if (transposed && mode !== 'zeros') throw rangeError(op, `Only "zeros" padding mode is supported for ${op}`);
    this.paddingMode = mode as PaddingMode;
    this.transposed = transposed;
    this.reversedPadding = [];
    for (let i = n - 1; i >= 0; i--) {
      if (this.padding === 'valid') this.reversedPadding.push(0, 0);
      else if (this.padding === 'same') {
        const total = this.dilation[i] * (this.kernelSize[i] - 1), left = Math.floor(total / 2);
        this.reversedPadding.push(left, total - left);
      } else this.reversedPadding.push(this.padding[i], this.padding[i]);
    }
    const dt = dtype ?? defaultFloat();
    const wShape = transposed ? [inC, outC / this.groups, ...this.kernelSize] : [outC, inC / this.groups, ...this.kernelSize];
    this.weight = Parameter(empty(wShape, { dtype: dt }));
    if (bias ?? true) this.bias = Parameter(empty([outC], { dtype: dt }));
    else {
      this.bias = null;
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  /**
   * Re-initializes weight and bias as the constructor does (kaiming uniform, PyTorch's bounds).
   *
   * PyTorch's init: kaiming_uniform(a=sqrt(5)) for the weight, U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for the bias.
   *
   * @see torch.nn.Conv2d.reset_parameters
   * @example
   * ```ts
   * const c = new tg.nn.Conv2d(1, 1, 3)
   * c.resetParameters()
   * c.weight.abs().max().item() <= 1 / 3 // => true
   * ```
   */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = init.calculateFanInAndFanOut(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        init.uniform_(this.bias, -bound, bound);
      }
    }
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((v) => v !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((v) => v !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.outputPadding.some((v) => v !== 0)) s += `, output_padding=${pyTuple(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}

type ConvFn = (input: Tensor, weight: Tensor, bias: Tensor | null, stride: number[], padding: number[] | 'same' | 'valid', dilation: number[], groups: number) => Tensor;

function convForward(m: ConvNd, input: Tensor, conv: ConvFn): Tensor {
  if (m.paddingMode !== 'zeros')
    return conv(F.pad(input, m['reversedPadding'], m.paddingMode), m.weight, m.bias, m.stride, m.kernelSize.map(() => 0), m.dilation, m.groups);
  return conv(input, m.weight, m.bias, m.stride, m.padding, m.dilation, m.groups);
}

/** Arguments of a conv module's constructor in the _ConvNd order (outputPadding unused for Conv*d). */
function convArgs(n: number, args: IArguments): unknown[] {
  const [a, b, k, s, p, d, g, bias, mode, dtype] = parseArgs(SIG.conv(n), args);
  return [a, b, k, s, p, d, g, bias, 0, mode, dtype];
}
function convTArgs(n: number, args: IArguments): unknown[] {
  const [a, b, k, s, p, op, g, bias, d, mode, dtype] = parseArgs(SIG.convT(n), args);
  return [a, b, k, s, p, d, g, bias, op, mode, dtype];
}

export interface ConvOptions {
  inChannels?: number;
  outChannels?: number;
  kernelSize?: number | number[];
  stride?: number | number[];
  padding?: number | number[] | 'same' | 'valid';
  dilation?: number | number[];
  groups?: number;
  bias?: boolean;
  paddingMode?: PaddingMode;
  outputPadding?: number | number[];
  dtype?: DType;
}
type CA = number | number[] | ConvOptions;

/**
 * 1-d convolution over [N, C, L]: weight [out, in / groups, k].
 *
 * @see torch.nn.Conv1d
 * @example
 * ```ts
 * const m = new tg.nn.Conv1d(2, 4, 3, { padding: 1 })
 * String(m) // => 'Conv1d(2, 4, kernel_size=(3,), stride=(1,), padding=(1,))'
 * m(tg.zeros(1, 2, 10)).shape
 * ```
 */
export class Conv1d extends ConvNd {
  constructor(inChannels: number | ConvOptions, outChannels?: CA, kernelSize?: CA, stride?: CA, padding?: CA | 'same' | 'valid', dilation?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, paddingMode?: PaddingMode | ConvOptions, dtype?: DType) {
    super('Conv1d', 1, false, convArgs(1, arguments));
    void [inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype];
  }
  override forward(input: Tensor): Tensor {
    return convForward(this, input, F.conv1d as ConvFn);
  }
}

/**
 * 2-d convolution over [N, C, H, W]: weight [out, in / groups, kh, kw].
 *
 * @see torch.nn.Conv2d
 * @example
 * ```ts
 * const m = new tg.nn.Conv2d(3, 8, 3, { stride: 2 })
 * String(m) // => 'Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2))'
 * m(tg.zeros(1, 3, 9, 9)).shape
 * ```
 */
export class Conv2d extends ConvNd {
  constructor(inChannels: number | ConvOptions, outChannels?: CA, kernelSize?: CA, stride?: CA, padding?: CA | 'same' | 'valid', dilation?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, paddingMode?: PaddingMode | ConvOptions, dtype?: DType) {
    super('Conv2d', 2, false, convArgs(2, arguments));
    void [inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype];
  }
  override forward(input: Tensor): Tensor {
    return convForward(this, input, F.conv2d as ConvFn);
  }
}

/**
 * 3-d convolution over [N, C, D, H, W].
 *
 * @see torch.nn.Conv3d
 * @example
 * ```ts
 * const m = new tg.nn.Conv3d(1, 2, 2)
 * String(m) // => 'Conv3d(1, 2, kernel_size=(2, 2, 2), stride=(1, 1, 1))'
 * m(tg.zeros(1, 1, 3, 3, 3)).shape
 * ```
 */
export class Conv3d extends ConvNd {
  constructor(inChannels: number | ConvOptions, outChannels?: CA, kernelSize?: CA, stride?: CA, padding?: CA | 'same' | 'valid', dilation?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, paddingMode?: PaddingMode | ConvOptions, dtype?: DType) {
    super('Conv3d', 3, false, convArgs(3, arguments));
    void [inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype];
  }
  override forward(input: Tensor): Tensor {
    return convForward(this, input, F.conv3d as ConvFn);
  }
}

type ConvTFn = (input: Tensor, weight: Tensor, bias: Tensor | null, stride: number[], padding: number[], outputPadding: number[], groups: number, dilation: number[]) => Tensor;

/** outputSize given to forward: the output padding that reaches it (PyTorch's _output_padding). */
function outputPaddingFor(m: ConvNd, input: Tensor, outputSize: number[] | null | undefined, n: number): number[] {
  if (outputSize === null || outputSize === undefined) return m.outputPadding;
  const want = outputSize.length === n + 2 || outputSize.length === n + 1 ? outputSize.slice(-n) : outputSize;
  if (want.length !== n) throw rangeError(m.constructor.name, `output_size must have ${n} or ${n + 2} elements (got ${outputSize.length})`);
  const sp = input.shape.slice(-n), pad = m.padding as number[];
  return want.map((w, i) => {
    const min = (sp[i] - 1) * m.stride[i] - 2 * pad[i] + m.dilation[i] * (m.kernelSize[i] - 1) + 1;
    const r = w - min;
    if (r < 0 || r >= Math.max(m.stride[i], m.dilation[i]))
      throw rangeError(m.constructor.name, `requested an output size of ${JSON.stringify(want)}, but valid sizes range from ${min} to ${min + Math.max(m.stride[i], m.dilation[i]) - 1} at dim ${i} (for an input of ${JSON.stringify(input.shape)})`);
    return r;
  });
}

function convTForward(m: ConvNd, input: Tensor, outputSize: number[] | null | undefined, n: number, conv: ConvTFn): Tensor {
  const op = outputPaddingFor(m, input, outputSize, n);
  return conv(input, m.weight, m.bias, m.stride, m.padding as number[], op, m.groups, m.dilation);
}

/**
 * 1-d transposed convolution: weight [in, out / groups, k].
 *
 * @see torch.nn.ConvTranspose1d
 * @example
 * ```ts
 * const m = new tg.nn.ConvTranspose1d(2, 1, 2, { stride: 2 })
 * String(m) // => 'ConvTranspose1d(2, 1, kernel_size=(2,), stride=(2,))'
 * m(tg.zeros(1, 2, 4)).shape
 * ```
 */
export class ConvTranspose1d extends ConvNd {
  constructor(inChannels: number | ConvOptions, outChannels?: CA, kernelSize?: CA, stride?: CA, padding?: CA, outputPadding?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, dilation?: CA, paddingMode?: PaddingMode | ConvOptions, dtype?: DType) {
    super('ConvTranspose1d', 1, true, convTArgs(1, arguments));
    void [inChannels, outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype];
  }
  override forward(input: Tensor, outputSize?: number[] | null): Tensor {
    return convTForward(this, input, outputSize, 1, F.convTranspose1d as ConvTFn);
  }
}

/**
 * 2-d transposed convolution: weight [in, out / groups, kh, kw].
 *
 * @see torch.nn.ConvTranspose2d
 * @example
 * ```ts
 * const m = new tg.nn.ConvTranspose2d(4, 2, 2, { stride: 2 })
 * String(m) // => 'ConvTranspose2d(4, 2, kernel_size=(2, 2), stride=(2, 2))'
 * m(tg.zeros(1, 4, 3, 3)).shape
 * ```
 */
export class ConvTranspose2d extends ConvNd {
  constructor(inChannels: number | ConvOptions, outChannels?: CA, kernelSize?: CA, stride?: CA, padding?: CA, outputPadding?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, dilation?: CA, paddingMode?: PaddingMode | ConvOptions, dtype?: DType) {
    super('ConvTranspose2d', 2, true, convTArgs(2, arguments));
    void [inChannels, outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype];
  }
  override forward(input: Tensor, outputSize?: number[] | null): Tensor {
    return convTForward(this, input, outputSize, 2, F.convTranspose2d as ConvTFn);
  }
}

/**
 * 3-d transposed convolution: weight [in, out / groups, kd, kh, kw].
 *
 * @see torch.nn.ConvTranspose3d
 * @example
 * ```ts
 * const m = new tg.nn.ConvTranspose3d(1, 1, 2)
 * String(m) // => 'ConvTranspose3d(1, 1, kernel_size=(2, 2, 2), stride=(1, 1, 1))'
 * m(tg.zeros(1, 1, 2, 2, 2)).shape
 * ```
 */
export class ConvTranspose3d extends ConvNd {
  constructor(inChannels: number | ConvOptions, outChannels?: CA, kernelSize?: CA, stride?: CA, padding?: CA, outputPadding?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, dilation?: CA, paddingMode?: PaddingMode | ConvOptions, dtype?: DType) {
    super('ConvTranspose3d', 3, true, convTArgs(3, arguments));
    void [inChannels, outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype];
  }
  override forward(input: Tensor, outputSize?: number[] | null): Tensor {
    return convTForward(this, input, outputSize, 3, F.convTranspose3d as ConvTFn);
  }
}

/**
 * Sliding local blocks of a batched input (F.unfold).
 *
 * @see torch.nn.Unfold
 * @example
 * ```ts
 * const m = new tg.nn.Unfold(2)
 * String(m) // => 'Unfold(kernel_size=2, dilation=1, padding=0, stride=1)'
 * m(tg.zeros(1, 3, 4, 4)).shape
 * ```
 */
export class Unfold extends Module {
  readonly kernelSize: number | number[];
  readonly dilation: number | number[];
  readonly padding: number | number[];
  readonly stride: number | number[];
  constructor(kernelSize: number | number[] | object, dilation?: number | number[], padding?: number | number[], stride?: number | number[]) {
    super();
    [kernelSize, dilation, padding, stride] = parseArgs(SIG.Unfold, arguments) as number[];
    this.kernelSize = kernelSize as number;
    this.dilation = dilation ?? 1;
    this.padding = padding ?? 0;
    this.stride = stride ?? 1;
  }
  override forward(input: Tensor): Tensor {
    return F.unfold(input, this.kernelSize, this.dilation, this.padding, this.stride);
  }
  override extraRepr(): string {
    return `kernel_size=${pyArg(this.kernelSize)}, dilation=${pyArg(this.dilation)}, padding=${pyArg(this.padding)}, stride=${pyArg(this.stride)}`;
  }
}

/**
 * Sums sliding local blocks back into a batched tensor (F.fold).
 *
 * @see torch.nn.Fold
 * @example
 * ```ts
 * const m = new tg.nn.Fold([3, 3], 2)
 * String(m) // => 'Fold(output_size=(3, 3), kernel_size=2, dilation=1, padding=0, stride=1)'
 * m(tg.zeros(1, 12, 4)).shape
 * ```
 */
export class Fold extends Module {
  readonly outputSize: number | number[];
  readonly kernelSize: number | number[];
  readonly dilation: number | number[];
  readonly padding: number | number[];
  readonly stride: number | number[];
  constructor(outputSize: number | number[] | object, kernelSize?: number | number[], dilation?: number | number[], padding?: number | number[], stride?: number | number[]) {
    super();
    [outputSize, kernelSize, dilation, padding, stride] = parseArgs(SIG.Fold, arguments) as number[];
    this.outputSize = outputSize as number;
    this.kernelSize = kernelSize!;
    this.dilation = dilation ?? 1;
    this.padding = padding ?? 0;
    this.stride = stride ?? 1;
  }
  override forward(input: Tensor): Tensor {
    return F.fold(input, this.outputSize, this.kernelSize, this.dilation, this.padding, this.stride);
  }
  override extraRepr(): string {
    return `output_size=${pyArg(this.outputSize)}, kernel_size=${pyArg(this.kernelSize)}, dilation=${pyArg(this.dilation)}, padding=${pyArg(this.padding)}, stride=${pyArg(this.stride)}`;
  }
}

// ---- padding layers (torch/nn/modules/padding.py) ---------------------------------------------------------

/** A pad module of `dims` padded dims: padding an int (all sides) or a list of 2 * dims. */
abstract class PadNd extends Module {
  readonly padding: number[];
  readonly value: number;
  constructor(op: string, dims: number, readonly mode: 'constant' | 'reflect' | 'replicate', args: unknown[]) {
    super();
    this.padding = ntuple(op, 'padding', args[0], 2 * dims, -Infinity);
    const v = args[1] ?? 0;
    if (typeof v !== 'number') throw typeError(op, `value must be a number, got ${describe(v)}`);
    this.value = v;
  }
  override forward(input: Tensor): Tensor {
    return F.pad(input, this.padding, this.mode, this.mode === 'constant' ? this.value : null);
  }
  override extraRepr(): string {
    return pyTuple(this.padding);
  }
}

const padSig = (name: string) => signature(`nn.${name}`, 'padding');
const constSig = (name: string) => signature(`nn.${name}`, 'padding, value');
const PAD_SIG = {
  ZeroPad2d: padSig('ZeroPad2d'), ConstantPad1d: constSig('ConstantPad1d'), ConstantPad2d: constSig('ConstantPad2d'), ConstantPad3d: constSig('ConstantPad3d'),
  ReflectionPad1d: padSig('ReflectionPad1d'), ReflectionPad2d: padSig('ReflectionPad2d'), ReplicationPad1d: padSig('ReplicationPad1d'), ReplicationPad2d: padSig('ReplicationPad2d'),
  ReflectionPad3d: padSig('ReflectionPad3d'), ReplicationPad3d: padSig('ReplicationPad3d'),
};
type PadArg = number | number[] | { padding: number | number[]; value?: number };

/**
 * Zero padding of the last 2 dims.
 *
 * @see torch.nn.ZeroPad2d
 * @example
 * ```ts
 * const m = new tg.nn.ZeroPad2d(1)
 * String(m) // => 'ZeroPad2d((1, 1, 1, 1))'
 * m(tg.ones(1, 1, 1))
 * // tensor([[[0., 0., 0.],
 * //          [0., 1., 0.],
 * //          [0., 0., 0.]]])
 * ```
 */
export class ZeroPad2d extends PadNd {
  constructor(padding: PadArg) { super('ZeroPad2d', 2, 'constant', parseArgs(PAD_SIG.ZeroPad2d, arguments)); void padding; }
}

/** Constant padding with value: `padding=(..), value=v` in the repr. */
abstract class ConstantPadNd extends PadNd {
  override extraRepr(): string {
    return `padding=${pyTuple(this.padding)}, value=${this.value}`;
  }
}
/**
 * Constant padding of the last dim.
 *
 * @see torch.nn.ConstantPad1d
 * @example
 * ```ts
 * const m = new tg.nn.ConstantPad1d([1, 2], 9)
 * String(m) // => 'ConstantPad1d(padding=(1, 2), value=9)'
 * m(tg.ones(1, 2)) // tensor([[9., 1., 1., 9., 9.]])
 * ```
 */
export class ConstantPad1d extends ConstantPadNd {
  constructor(padding: PadArg, value?: number) { super('ConstantPad1d', 1, 'constant', parseArgs(PAD_SIG.ConstantPad1d, arguments)); void [padding, value]; }
}
/**
 * Constant padding of the last 2 dims.
 *
 * @see torch.nn.ConstantPad2d
 * @example
 * ```ts
 * const m = new tg.nn.ConstantPad2d(1, 0.5)
 * String(m) // => 'ConstantPad2d(padding=(1, 1, 1, 1), value=0.5)'
 * m(tg.ones(1, 2, 2)).shape
 * ```
 */
export class ConstantPad2d extends ConstantPadNd {
  constructor(padding: PadArg, value?: number) { super('ConstantPad2d', 2, 'constant', parseArgs(PAD_SIG.ConstantPad2d, arguments)); void [padding, value]; }
}
/**
 * Constant padding of the last 3 dims.
 *
 * @see torch.nn.ConstantPad3d
 * @example
 * ```ts
 * const m = new tg.nn.ConstantPad3d(1, 0)
 * String(m) // => 'ConstantPad3d(padding=(1, 1, 1, 1, 1, 1), value=0)'
 * m(tg.ones(1, 1, 1, 1)).shape
 * ```
 */
export class ConstantPad3d extends ConstantPadNd {
  constructor(padding: PadArg, value?: number) { super('ConstantPad3d', 3, 'constant', parseArgs(PAD_SIG.ConstantPad3d, arguments)); void [padding, value]; }
}
/**
 * Reflection padding of the last dim.
 *
 * @see torch.nn.ReflectionPad1d
 * @example
 * ```ts
 * const m = new tg.nn.ReflectionPad1d(2)
 * String(m) // => 'ReflectionPad1d((2, 2))'
 * m(tg.tensor([[[1, 2, 3]]])) // tensor([[[3., 2., 1., 2., 3., 2., 1.]]])
 * ```
 */
export class ReflectionPad1d extends PadNd {
  constructor(padding: PadArg) { super('ReflectionPad1d', 1, 'reflect', parseArgs(PAD_SIG.ReflectionPad1d, arguments)); void padding; }
}
/**
 * Reflection padding of the last 2 dims.
 *
 * @see torch.nn.ReflectionPad2d
 * @example
 * ```ts
 * const m = new tg.nn.ReflectionPad2d(1)
 * String(m) // => 'ReflectionPad2d((1, 1, 1, 1))'
 * m(tg.zeros(1, 1, 3, 3)).shape
 * ```
 */
export class ReflectionPad2d extends PadNd {
  constructor(padding: PadArg) { super('ReflectionPad2d', 2, 'reflect', parseArgs(PAD_SIG.ReflectionPad2d, arguments)); void padding; }
}
/**
 * Replication padding of the last dim.
 *
 * @see torch.nn.ReplicationPad1d
 * @example
 * ```ts
 * const m = new tg.nn.ReplicationPad1d([2, 0])
 * String(m) // => 'ReplicationPad1d((2, 0))'
 * m(tg.tensor([[[1, 2, 3]]])) // tensor([[[1., 1., 1., 2., 3.]]])
 * ```
 */
export class ReplicationPad1d extends PadNd {
  constructor(padding: PadArg) { super('ReplicationPad1d', 1, 'replicate', parseArgs(PAD_SIG.ReplicationPad1d, arguments)); void padding; }
}
/**
 * Replication padding of the last 2 dims.
 *
 * @see torch.nn.ReplicationPad2d
 * @example
 * ```ts
 * const m = new tg.nn.ReplicationPad2d(1)
 * String(m) // => 'ReplicationPad2d((1, 1, 1, 1))'
 * m(tg.zeros(1, 1, 2, 2)).shape
 * ```
 */
export class ReplicationPad2d extends PadNd {
  constructor(padding: PadArg) { super('ReplicationPad2d', 2, 'replicate', parseArgs(PAD_SIG.ReplicationPad2d, arguments)); void padding; }
}
/**
 * Reflection padding of the last 3 dims.
 *
 * @see torch.nn.ReflectionPad3d
 * @example
 * ```ts
 * const m = new tg.nn.ReflectionPad3d(1)
 * String(m) // => 'ReflectionPad3d((1, 1, 1, 1, 1, 1))'
 * m(tg.zeros(1, 1, 2, 2, 2)).shape
 * ```
 */
export class ReflectionPad3d extends PadNd {
  constructor(padding: PadArg) { super('ReflectionPad3d', 3, 'reflect', parseArgs(PAD_SIG.ReflectionPad3d, arguments)); void padding; }
}
/**
 * Replication padding of the last 3 dims.
 *
 * @see torch.nn.ReplicationPad3d
 * @example
 * ```ts
 * const m = new tg.nn.ReplicationPad3d(1)
 * String(m) // => 'ReplicationPad3d((1, 1, 1, 1, 1, 1))'
 * m(tg.zeros(1, 1, 2, 2, 2)).shape
 * ```
 */
export class ReplicationPad3d extends PadNd {
  constructor(padding: PadArg) { super('ReplicationPad3d', 3, 'replicate', parseArgs(PAD_SIG.ReplicationPad3d, arguments)); void padding; }
}

const CONVS = { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d };
for (const [name, cls] of Object.entries(CONVS)) declareConstructor(cls, name.startsWith('ConvT') ? SIG.convT(Number(name[13])) : SIG.conv(Number(name[4])));
kwMethods(ConvNd.prototype, 'ConvNd', { resetParameters: '', extraRepr: '' });
for (const cls of [Conv1d, Conv2d, Conv3d]) kwMethods(cls.prototype, cls.name, { forward: 'input' });
for (const cls of [ConvTranspose1d, ConvTranspose2d, ConvTranspose3d]) kwMethods(cls.prototype, cls.name, { forward: 'input, outputSize' });
declareConstructor(Unfold, SIG.Unfold);
declareConstructor(Fold, SIG.Fold);
for (const [name, cls] of Object.entries({ ZeroPad2d, ConstantPad1d, ConstantPad2d, ConstantPad3d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d, ReplicationPad1d, ReplicationPad2d, ReplicationPad3d }))
  declareConstructor(cls, PAD_SIG[name as keyof typeof PAD_SIG]);
for (const cls of [Unfold, Fold]) kwMethods(cls.prototype, cls.name, { forward: 'input', extraRepr: '' });
kwMethods(PadNd.prototype, 'PadNd', { forward: 'input', extraRepr: '' });
kwMethods(ConstantPadNd.prototype, 'ConstantPadNd', { extraRepr: '' });

// Call signatures (Note [Callable modules]).
export interface Conv1d { (input: Tensor): Tensor }
export interface Conv2d { (input: Tensor): Tensor }
export interface Conv3d { (input: Tensor): Tensor }
export interface ConvTranspose1d { (input: Tensor, outputSize?: number[] | null): Tensor }
export interface ConvTranspose2d { (input: Tensor, outputSize?: number[] | null): Tensor }
export interface ConvTranspose3d { (input: Tensor, outputSize?: number[] | null): Tensor }
export interface Unfold { (input: Tensor): Tensor }
export interface Fold { (input: Tensor): Tensor }
export interface ZeroPad2d { (input: Tensor): Tensor }
export interface ConstantPad1d { (input: Tensor): Tensor }
export interface ConstantPad2d { (input: Tensor): Tensor }
export interface ConstantPad3d { (input: Tensor): Tensor }
export interface ReflectionPad1d { (input: Tensor): Tensor }
export interface ReflectionPad2d { (input: Tensor): Tensor }
export interface ReplicationPad1d { (input: Tensor): Tensor }
export interface ReplicationPad2d { (input: Tensor): Tensor }
export interface ReflectionPad3d { (input: Tensor): Tensor }
export interface ReplicationPad3d { (input: Tensor): Tensor }
