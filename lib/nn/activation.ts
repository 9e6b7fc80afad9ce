// The activation modules of torch/nn/modules/activation.py that tg.nn lacked (ReLU, Tanh, Sigmoid, GELU,
// Softmax, LogSoftmax are in lib/nn/layers.ts), forward through lib/ops/activation.ts, with PyTorch's reprs.
//
// Note [Numbers in reprs]: PyTorch's extra_repr prints an option as Python has it, `ELU(alpha=1.0)` for the
// float default but `Hardtanh(min_val=-2, max_val=2)` when given ints. A JS number has no such distinction:
// an option at its default prints as PyTorch's default does, any other integral value as an int and the rest
// as Python's float repr, so every repr PyTorch prints for the same call with int-valued ints matches.
import { Tensor } from '../tensor.js';
import { typeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { Module, Parameter } from './module.js';
import { full } from '../ops/creation.js';
import { softmax } from '../ops/softmax.js';
import * as A from '../ops/activation.js';
import { logsigmoid } from '../ops/loss.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

const SIG = {
  Softplus: signature('nn.Softplus', 'beta, threshold'),
  SiLU: signature('nn.SiLU', 'inplace'),
  Mish: signature('nn.Mish', 'inplace'),
  ELU: signature('nn.ELU', 'alpha, inplace'),
  SELU: signature('nn.SELU', 'inplace'),
  CELU: signature('nn.CELU', 'alpha, inplace'),
  LeakyReLU: signature('nn.LeakyReLU', 'negativeSlope, inplace'),
  Hardtanh: signature('nn.Hardtanh', 'minVal, maxVal, inplace, minValue, maxValue'),
  ReLU6: signature('nn.ReLU6', 'inplace'),
  Hardsigmoid: signature('nn.Hardsigmoid', 'inplace'),
  Hardswish: signature('nn.Hardswish', 'inplace'),
  Softsign: signature('nn.Softsign', ''),
  Tanhshrink: signature('nn.Tanhshrink', ''),
  LogSigmoid: signature('nn.LogSigmoid', ''),
  GLU: signature('nn.GLU', 'dim'),
  PReLU: signature('nn.PReLU', 'numParameters, init, dtype'),
  Softmin: signature('nn.Softmin', 'dim'),
  Softmax2d: signature('nn.Softmax2d', ''),
  Threshold: signature('nn.Threshold', 'threshold, value, inplace'),
  Hardshrink: signature('nn.Hardshrink', 'lambd'),
  Softshrink: signature('nn.Softshrink', 'lambd'),
};

/** Note [Numbers in reprs]: `def` is PyTorch's default as Python prints it. */
function numRepr(v: number, dflt: number, defRepr: string): string {
  if (v === dflt) return defRepr;
  return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
}
function numberOpt(op: string, name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number') throw typeError(op, `${name} must be a number, got ${describe(v)}`);
  return v;
}
/** The inplace flag of an activation module: false unless given, a boolean when given. */
function inplaceFlag(op: string, inplace: unknown): boolean {
  if (inplace !== undefined && inplace !== null && typeof inplace !== 'boolean') throw typeError(op, `inplace must be a boolean, got ${describe(inplace)}`);
  return inplace === true;
}
/** PyTorch's `inplace_str` in a module's repr: only when set. */
const inplaceStr = (inplace: boolean, sep: string): string => (inplace ? `${sep}inplace=True` : '');
type Opt<O> = O | number | boolean | undefined;

/**
 * Applies `log(1 + exp(beta x)) / beta`.
 *
 * @see torch.nn.Softplus
 * @example
 * ```ts
 * const m = new tg.nn.Softplus()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Softplus(beta=1, threshold=20)'
 * ```
 */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(beta?: Opt<{ beta?: number; threshold?: number }>, threshold?: number) {
    super();
    const [b, t] = parseArgs(SIG.Softplus, arguments);
    void beta, threshold;
    this.beta = numberOpt('Softplus', 'beta', b, 1);
    this.threshold = numberOpt('Softplus', 'threshold', t, 20);
  }
  override forward(input: Tensor): Tensor {
    return A.softplus(input, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${numRepr(this.beta, 1, '1')}, threshold=${numRepr(this.threshold, 20, '20')}`;
  }
}

/** A module with only PyTorch's inplace flag: SiLU, Mish, SELU, ReLU6, Hardsigmoid, Hardswish. */
abstract class InplaceOnly extends Module {
  readonly inplace: boolean;
  constructor(name: keyof typeof SIG, args: ArrayLike<unknown>) {
    super();
    this.inplace = inplaceFlag(name, parseArgs(SIG[name], args)[0]);
  }
}
/**
 * Applies `x * sigmoid(x)` (swish).
 *
 * @see torch.nn.SiLU
 * @example
 * ```ts
 * const m = new tg.nn.SiLU()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'SiLU()'
 * ```
 */
export class SiLU extends InplaceOnly {
  constructor(inplace?: Opt<{ inplace?: boolean }>) {
    super('SiLU', arguments);
    void inplace;
  }
  override forward(input: Tensor): Tensor {
    return A.silu(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceStr(this.inplace, '');
  }
}
/**
 * Applies `x * tanh(softplus(x))`.
 *
 * @see torch.nn.Mish
 * @example
 * ```ts
 * const m = new tg.nn.Mish()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Mish()'
 * ```
 */
export class Mish extends InplaceOnly {
  constructor(inplace?: Opt<{ inplace?: boolean }>) {
    super('Mish', arguments);
    void inplace;
  }
  override forward(input: Tensor): Tensor {
    return A.mish(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceStr(this.inplace, '');
  }
}
/**
 * Applies SELU (scaled ELU).
 *
 * @see torch.nn.SELU
 * @example
 * ```ts
 * const m = new tg.nn.SELU()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'SELU()'
 * ```
 */
export class SELU extends InplaceOnly {
  constructor(inplace?: Opt<{ inplace?: boolean }>) {
    super('SELU', arguments);
    void inplace;
  }
  override forward(input: Tensor): Tensor {
    return A.selu(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceStr(this.inplace, '');
  }
}
/**
 * Applies `min(max(x, 0), 6)`.
 *
 * @see torch.nn.ReLU6
 * @example
 * ```ts
 * const m = new tg.nn.ReLU6()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'ReLU6()'
 * ```
 */
export class ReLU6 extends InplaceOnly {
  constructor(inplace?: Opt<{ inplace?: boolean }>) {
    super('ReLU6', arguments);
    void inplace;
  }
  override forward(input: Tensor): Tensor {
    return A.relu6(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceStr(this.inplace, '');
  }
}
/**
 * Applies `relu6(x + 3) / 6`.
 *
 * @see torch.nn.Hardsigmoid
 * @example
 * ```ts
 * const m = new tg.nn.Hardsigmoid()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Hardsigmoid()'
 * ```
 */
export class Hardsigmoid extends InplaceOnly {
  constructor(inplace?: Opt<{ inplace?: boolean }>) {
    super('Hardsigmoid', arguments);
    void inplace;
  }
  override forward(input: Tensor): Tensor {
    return A.hardsigmoid(input, this.inplace);
  }
}
/**
 * Applies `x * relu6(x + 3) / 6`.
 *
 * @see torch.nn.Hardswish
 * @example
 * ```ts
 * const m = new tg.nn.Hardswish()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Hardswish()'
 * ```
 */
export class Hardswish extends InplaceOnly {
  constructor(inplace?: Opt<{ inplace?: boolean }>) {
    super('Hardswish', arguments);
    void inplace;
  }
  override forward(input: Tensor): Tensor {
    return A.hardswish(input, this.inplace);
  }
}

/**
 * Applies ELU: `x` above 0, `alpha * (exp(x) - 1)` below.
 *
 * @see torch.nn.ELU
 * @example
 * ```ts
 * const m = new tg.nn.ELU()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'ELU(alpha=1.0)'
 * ```
 */
export class ELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(alpha?: Opt<{ alpha?: number; inplace?: boolean }>, inplace?: boolean) {
    super();
    const [a, ip] = parseArgs(SIG.ELU, arguments);
    void alpha, inplace;
    this.inplace = inplaceFlag('ELU', ip);
    this.alpha = numberOpt('ELU', 'alpha', a, 1);
  }
  override forward(input: Tensor): Tensor {
    return A.elu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${numRepr(this.alpha, 1, '1.0')}${inplaceStr(this.inplace, ', ')}`;
  }
}
/**
 * Applies CELU with parameter alpha.
 *
 * @see torch.nn.CELU
 * @example
 * ```ts
 * const m = new tg.nn.CELU(2)
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'CELU(alpha=2)'
 * ```
 */
export class CELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(alpha?: Opt<{ alpha?: number; inplace?: boolean }>, inplace?: boolean) {
    super();
    const [a, ip] = parseArgs(SIG.CELU, arguments);
    void alpha, inplace;
    this.inplace = inplaceFlag('CELU', ip);
    this.alpha = numberOpt('CELU', 'alpha', a, 1);
  }
  override forward(input: Tensor): Tensor {
    return A.celu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${numRepr(this.alpha, 1, '1.0')}${inplaceStr(this.inplace, ', ')}`;
  }
}
/**
 * Applies leaky ReLU with `negativeSlope` below 0.
 *
 * @see torch.nn.LeakyReLU
 * @example
 * ```ts
 * const m = new tg.nn.LeakyReLU(0.1)
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'LeakyReLU(negative_slope=0.1)'
 * ```
 */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  readonly inplace: boolean;
  constructor(negativeSlope?: Opt<{ negativeSlope?: number; inplace?: boolean }>, inplace?: boolean) {
    super();
    const [s, ip] = parseArgs(SIG.LeakyReLU, arguments);
    void negativeSlope, inplace;
    this.inplace = inplaceFlag('LeakyReLU', ip);
    this.negativeSlope = numberOpt('LeakyReLU', 'negativeSlope', s, 0.01);
  }
  override forward(input: Tensor): Tensor {
    return A.leakyRelu(input, this.negativeSlope, this.inplace);
  }
  override extraRepr(): string {
    return `negative_slope=${numRepr(this.negativeSlope, 0.01, '0.01')}${inplaceStr(this.inplace, ', ')}`;
  }
}
/**
 * Clamps to [minVal, maxVal] (default [-1, 1]).
 *
 * @see torch.nn.Hardtanh
 * @example
 * ```ts
 * const m = new tg.nn.Hardtanh()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Hardtanh(min_val=-1.0, max_val=1.0)'
 * ```
 */
export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;
  constructor(minVal?: Opt<{ minVal?: number; maxVal?: number; inplace?: boolean; minValue?: number; maxValue?: number }>, maxVal?: number, inplace?: boolean, minValue?: number, maxValue?: number) {
    super();
    const [lo, hi, ip, loOld, hiOld] = parseArgs(SIG.Hardtanh, arguments);
    void minVal, maxVal, inplace, minValue, maxValue;
    this.inplace = inplaceFlag('Hardtanh', ip);
    // minValue / maxValue: PyTorch's deprecated names, which win when given
    this.minVal = numberOpt('Hardtanh', 'minValue', loOld, numberOpt('Hardtanh', 'minVal', lo, -1));
    this.maxVal = numberOpt('Hardtanh', 'maxValue', hiOld, numberOpt('Hardtanh', 'maxVal', hi, 1));
    if (!(this.maxVal > this.minVal)) throw typeError('Hardtanh', `maxVal (${this.maxVal}) must be greater than minVal (${this.minVal})`);
  }
  override forward(input: Tensor): Tensor {
    return A.hardtanh(input, this.minVal, this.maxVal, this.inplace);
  }
  override extraRepr(): string {
    return `min_val=${numRepr(this.minVal, -1, '-1.0')}, max_val=${numRepr(this.maxVal, 1, '1.0')}${inplaceStr(this.inplace, ', ')}`;
  }
}

/**
 * Applies `x / (1 + |x|)`.
 *
 * @see torch.nn.Softsign
 * @example
 * ```ts
 * const m = new tg.nn.Softsign()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Softsign()'
 * ```
 */
export class Softsign extends Module {
  constructor() {
    super();
    parseArgs(SIG.Softsign, arguments);
  }
  override forward(input: Tensor): Tensor {
    return A.softsign(input);
  }
}
/**
 * Applies `x - tanh(x)`.
 *
 * @see torch.nn.Tanhshrink
 * @example
 * ```ts
 * const m = new tg.nn.Tanhshrink()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Tanhshrink()'
 * ```
 */
export class Tanhshrink extends Module {
  constructor() {
    super();
    parseArgs(SIG.Tanhshrink, arguments);
  }
  override forward(input: Tensor): Tensor {
    return A.tanhshrink(input);
  }
}
/**
 * Applies `log(sigmoid(x))`.
 *
 * @see torch.nn.LogSigmoid
 * @example
 * ```ts
 * const m = new tg.nn.LogSigmoid()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'LogSigmoid()'
 * ```
 */
export class LogSigmoid extends Module {
  constructor() {
    super();
    parseArgs(SIG.LogSigmoid, arguments);
  }
  override forward(input: Tensor): Tensor {
    return logsigmoid(input);
  }
}
/**
 * Softmax over the channel dim (-3) of [C, H, W] or [N, C, H, W] input.
 *
 * @see torch.nn.Softmax2d
 * @example
 * ```ts
 * const m = new tg.nn.Softmax2d()
 * m(tg.zeros(1, 2, 1, 1)).flatten() // tensor([0.5000, 0.5000])
 * ```
 */
export class Softmax2d extends Module {
  constructor() {
    super();
    parseArgs(SIG.Softmax2d, arguments);
  }
  override forward(input: Tensor): Tensor {
    if (input.ndim !== 3 && input.ndim !== 4) throw typeError('Softmax2d', `Softmax2d: expected input to be 3D or 4D, got ${input.ndim}D instead (shape [${input.shape.join(', ')}])`);
    return softmax(input, -3);
  }
}

/**
 * Gated linear unit over `dim`: first half times sigmoid of the second half.
 *
 * @see torch.nn.GLU
 * @example
 * ```ts
 * const m = new tg.nn.GLU()
 * m(tg.tensor([1, 2, 0, 100])) // tensor([0.5000, 2.0000])
 * ```
 */
export class GLU extends Module {
  readonly dim: number;
  constructor(dim?: Opt<{ dim?: number }>) {
    super();
    this.dim = numberOpt('GLU', 'dim', parseArgs(SIG.GLU, arguments)[0], -1);
    void dim;
  }
  override forward(input: Tensor): Tensor {
    return A.glu(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
/**
 * Softmin (softmax of -x) along `dim`.
 *
 * @see torch.nn.Softmin
 * @example
 * ```ts
 * const m = new tg.nn.Softmin(0)
 * m(tg.tensor([1, 1])) // tensor([0.5000, 0.5000])
 * ```
 */
export class Softmin extends Module {
  readonly dim: number | null;
  constructor(dim?: number | null | { dim?: number | null }) {
    super();
    const [d] = parseArgs(SIG.Softmin, arguments);
    void dim;
    this.dim = d === undefined || d === null ? null : numberOpt('Softmin', 'dim', d, 0);
  }
  override forward(input: Tensor): Tensor {
    return A.softmin(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim === null ? 'None' : this.dim}`;
  }
}

/**
 * x for x > 0, a x elsewhere, with a learnable a (one, or one per channel), initialized to `init`.
 *
 * @see torch.nn.PReLU
 * @example
 * ```ts
 * const m = new tg.nn.PReLU()
 * String(m) // => 'PReLU(num_parameters=1)'
 * m(tg.tensor([-4, 4])) // tensor([-1.,  4.], grad_fn=<PreluBackward0>)
 * ```
 */
export class PReLU extends Module {
  readonly numParameters: number;
  weight: Tensor;
  constructor(numParameters?: Opt<{ numParameters?: number; init?: number; dtype?: DType }>, init?: number, dtype?: DType) {
    super();
    const [n, i, dt] = parseArgs(SIG.PReLU, arguments) as [unknown, unknown, DType | undefined];
    void numParameters, init, dtype;
    const num = numberOpt('PReLU', 'numParameters', n, 1);
    if (!Number.isInteger(num) || num < 1) throw typeError('PReLU', `numParameters must be a positive integer, got ${describe(n)}`);
    this.numParameters = num;
    this.weight = Parameter(full([num], numberOpt('PReLU', 'init', i, 0.25), { dtype: dt ?? defaultFloat() }));
  }
  override forward(input: Tensor): Tensor {
    return A.prelu(input, this.weight);
  }
  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}

/**
 * Replaces elements not above `threshold` by `value`.
 *
 * @see torch.nn.Threshold
 * @example
 * ```ts
 * const m = new tg.nn.Threshold(0.1, 20)
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Threshold(threshold=0.1, value=20)'
 * ```
 */
export class Threshold extends Module {
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;
  constructor(threshold: number | { threshold: number; value: number; inplace?: boolean }, value?: number, inplace?: boolean) {
    super();
    const [t, v, ip] = parseArgs(SIG.Threshold, arguments);
    void threshold, value, inplace;
    this.inplace = inplaceFlag('Threshold', ip);
    if (typeof t !== 'number' || typeof v !== 'number') throw typeError('Threshold', `threshold and value must be numbers, got ${describe(t)} and ${describe(v)}`);
    this.threshold = t;
    this.value = v;
  }
  override forward(input: Tensor): Tensor {
    return A.threshold(input, this.threshold, this.value, this.inplace);
  }
  override extraRepr(): string {
    const r = (v: number): string => (Number.isInteger(v) ? String(v) : pyFloatRepr(v));
    return `threshold=${r(this.threshold)}, value=${r(this.value)}${inplaceStr(this.inplace, ', ')}`;
  }
}
/**
 * Zeroes elements with |x| <= lambd (0.5).
 *
 * @see torch.nn.Hardshrink
 * @example
 * ```ts
 * const m = new tg.nn.Hardshrink()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Hardshrink(0.5)'
 * ```
 */
export class Hardshrink extends Module {
  readonly lambd: number;
  constructor(lambd?: Opt<{ lambd?: number }>) {
    super();
    this.lambd = numberOpt('Hardshrink', 'lambd', parseArgs(SIG.Hardshrink, arguments)[0], 0.5);
    void lambd;
  }
  override forward(input: Tensor): Tensor {
    return A.hardshrink(input, this.lambd);
  }
  override extraRepr(): string {
    return numRepr(this.lambd, 0.5, '0.5');
  }
}
/**
 * Shrinks elements toward zero by lambd (0.5).
 *
 * @see torch.nn.Softshrink
 * @example
 * ```ts
 * const m = new tg.nn.Softshrink()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Softshrink(0.5)'
 * ```
 */
export class Softshrink extends Module {
  readonly lambd: number;
  constructor(lambd?: Opt<{ lambd?: number }>) {
    super();
    this.lambd = numberOpt('Softshrink', 'lambd', parseArgs(SIG.Softshrink, arguments)[0], 0.5);
    void lambd;
  }
  override forward(input: Tensor): Tensor {
    return A.softshrink(input, this.lambd);
  }
  override extraRepr(): string {
    return numRepr(this.lambd, 0.5, '0.5');
  }
}

const CLASSES = {
  Softplus, SiLU, Mish, ELU, SELU, CELU, LeakyReLU, Hardtanh, ReLU6, Hardsigmoid, Hardswish, Softsign, Tanhshrink, LogSigmoid, GLU, PReLU,
  Softmin, Softmax2d, Threshold, Hardshrink, Softshrink,
};
const WITH_EXTRA_REPR = new Set(['Softplus', 'SiLU', 'Mish', 'ELU', 'SELU', 'CELU', 'LeakyReLU', 'Hardtanh', 'ReLU6', 'GLU', 'PReLU', 'Softmin', 'Threshold', 'Hardshrink', 'Softshrink']);
for (const [name, cls] of Object.entries(CLASSES)) {
  declareConstructor(cls, SIG[name as keyof typeof SIG]);
  kwMethods(cls.prototype, name, WITH_EXTRA_REPR.has(name) ? { forward: 'input', extraRepr: '' } : { forward: 'input' });
}

// The call signatures (Note [Callable modules]).
export interface Softplus { (input: Tensor): Tensor }
export interface SiLU { (input: Tensor): Tensor }
export interface Mish { (input: Tensor): Tensor }
export interface ELU { (input: Tensor): Tensor }
export interface SELU { (input: Tensor): Tensor }
export interface CELU { (input: Tensor): Tensor }
export interface LeakyReLU { (input: Tensor): Tensor }
export interface Hardtanh { (input: Tensor): Tensor }
export interface ReLU6 { (input: Tensor): Tensor }
export interface Hardsigmoid { (input: Tensor): Tensor }
export interface Hardswish { (input: Tensor): Tensor }
export interface Softsign { (input: Tensor): Tensor }
export interface Tanhshrink { (input: Tensor): Tensor }
export interface LogSigmoid { (input: Tensor): Tensor }
export interface GLU { (input: Tensor): Tensor }
export interface PReLU { (input: Tensor): Tensor }
export interface Softmin { (input: Tensor): Tensor }
export interface Softmax2d { (input: Tensor): Tensor }
export interface Threshold { (input: Tensor): Tensor }
export interface Hardshrink { (input: Tensor): Tensor }
export interface Softshrink { (input: Tensor): Tensor }
