// Layers and loss modules: Linear, Sequential, ModuleList, activations, Dropout, Flatten, Identity, losses.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import type { GeluApproximate, Reduction } from './ops.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

// Constructor signatures (Note [Keyword arguments]): each constructor parses its arguments with parseArgs, so
// `new Linear(4, 2, false)`, `new Linear(4, 2, { bias: false })` and `new Linear({ inFeatures: 4, outFeatures: 2 })`
// agree and an unknown option is a TypeError.
const SIG = {
  Linear: signature('nn.Linear', 'inFeatures, outFeatures, bias, dtype'),
  Sequential: signature('nn.Sequential', '...args'),
  ModuleList: signature('nn.ModuleList', 'modules'),
  Identity: signature('nn.Identity', ''),
  ReLU: signature('nn.ReLU', 'inplace'),
  Tanh: signature('nn.Tanh', ''),
  Sigmoid: signature('nn.Sigmoid', ''),
  GELU: signature('nn.GELU', 'approximate'),
  Softmax: signature('nn.Softmax', 'dim'),
  LogSoftmax: signature('nn.LogSoftmax', 'dim'),
  Dropout: signature('nn.Dropout', 'p, inplace'),
  Flatten: signature('nn.Flatten', 'startDim, endDim'),
  MSELoss: signature('nn.MSELoss', 'sizeAverage, reduce, reduction'),
  NLLLoss: signature('nn.NLLLoss', 'weight, sizeAverage, ignoreIndex, reduce, reduction'),
  CrossEntropyLoss: signature('nn.CrossEntropyLoss', 'weight, sizeAverage, ignoreIndex, reduce, reduction, labelSmoothing'),
  BCEWithLogitsLoss: signature('nn.BCEWithLogitsLoss', 'weight, sizeAverage, reduce, reduction, posWeight'),
};

function noInplace(op: string, inplace: unknown): void {
  if (inplace === true) throw typeError(op, 'inplace=True is not supported');
  if (inplace !== undefined && typeof inplace !== 'boolean') throw typeError(op, `inplace must be a boolean, got ${describe(inplace)}`);
}

function positiveInt(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw typeError(op, `${name} must be a non-negative integer, got ${describe(v)}`);
  return v;
}

/**
 * y = x W^T + b, weight [out, in] and bias [out] initialized as PyTorch does: kaiming_uniform(a=sqrt(5))
 * for the weight (U(-1/sqrt(in), 1/sqrt(in))) and U(-1/sqrt(in), 1/sqrt(in)) for the bias.
 * @example const fc = new tg.nn.Linear(784, 256); fc.call(x)
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Tensor;
  bias: Tensor | null;

  constructor(inFeatures: number | LinearOptions, outFeatures?: number | LinearOptions, bias?: boolean | LinearOptions, dtypeArg?: DType) {
    super();
    [inFeatures, outFeatures, bias, dtypeArg] = parseArgs(SIG.Linear, arguments) as [number, number, boolean | undefined, DType | undefined];
    this.inFeatures = positiveInt('Linear', 'inFeatures', inFeatures);
    this.outFeatures = positiveInt('Linear', 'outFeatures', outFeatures);
    const dtype = dtypeArg ?? 'float32';
    this.weight = Parameter(empty([outFeatures, inFeatures], { dtype }));
    if (bias ?? true) this.bias = Parameter(empty([outFeatures], { dtype }));
    else {
      this.bias = null;
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = init.calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }

  override forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}

/** Applies its modules in order. Children are named '0', '1', ...; `seq[i]` or `seq.at(i)` reads one. */
export class Sequential extends Module {
  [index: number]: Module;

  constructor(...modules: (Module | Record<string, Module> | Map<string, Module>)[]) {
    super();
    // A lone plain object of modules is PyTorch's OrderedDict form, not options.
    if (!(modules.length === 1 && Object.values(modules[0]).some((m) => m instanceof Module))) modules = (parseArgs(SIG.Sequential, modules)[0] ?? []) as Module[];
    if (modules.length === 1 && !(modules[0] instanceof Module)) {
      const named = modules[0];
      const entries = named instanceof Map ? [...named.entries()] : Object.entries(named);
      for (const [k, m] of entries) this.registerModule(k, m);
      return;
    }
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw typeError('Sequential', `argument ${i} is not a Module (got ${describe(m)})`);
      this.registerModule(String(i), m);
    });
  }

  get length(): number {
    return this.children().length;
  }
  /** The i-th module (negative counts from the end). */
  at(i: number): Module {
    const cs = this.children();
    const j = i < 0 ? i + cs.length : i;
    if (!Number.isInteger(j) || j < 0 || j >= cs.length) throw rangeError('Sequential', `index ${i} is out of range`);
    return cs[j];
  }
  /** Appends a module; returns this. */
  append(m: Module): this {
    this.registerModule(String(this.length), m);
    return this;
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }

  override forward(x: unknown): any {
    let y = x;
    for (const m of this.children()) y = m.forward(y);
    return y;
  }
}

/** A list of modules registered as children '0', '1', ... (no forward of its own). */
export class ModuleList extends Module {
  [index: number]: Module;
  constructor(modules?: Module[] | { modules?: Module[] }) {
    super();
    [modules] = parseArgs(SIG.ModuleList, arguments) as [Module[] | undefined];
    (modules ?? []).forEach((m) => this.append(m));
  }
  get length(): number {
    return this.children().length;
  }
  at(i: number): Module {
    return this.children().at(i) as Module;
  }
  append(m: Module): this {
    this.registerModule(String(this.length), m);
    return this;
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }
}

export class Identity extends Module {
  constructor() {
    super();
    parseArgs(SIG.Identity, arguments);
  }
  override forward(x: Tensor): Tensor {
    return x;
  }
}
export class ReLU extends Module {
  constructor(inplace?: boolean | { inplace?: boolean }) {
    super();
    inplace = parseArgs(SIG.ReLU, arguments)[0] as boolean | undefined;
    noInplace('ReLU', inplace);
  }
  override forward(x: Tensor): Tensor {
    return F.relu(x);
  }
}
export class Tanh extends Module {
  constructor() {
    super();
    parseArgs(SIG.Tanh, arguments);
  }
  override forward(x: Tensor): Tensor {
    return F.tanh(x);
  }
}
export class Sigmoid extends Module {
  constructor() {
    super();
    parseArgs(SIG.Sigmoid, arguments);
  }
  override forward(x: Tensor): Tensor {
    return F.sigmoid(x);
  }
}
export class GELU extends Module {
  readonly approximate: GeluApproximate;
  constructor(approximate?: GeluApproximate | { approximate?: GeluApproximate }) {
    super();
    [approximate] = parseArgs(SIG.GELU, arguments) as [GeluApproximate | undefined];
    this.approximate = approximate ?? 'none';
  }
  override forward(x: Tensor): Tensor {
    return F.gelu(x, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}
export class Softmax extends Module {
  readonly dim: number;
  constructor(dim: number | { dim: number }) {
    super();
    [this.dim] = parseArgs(SIG.Softmax, arguments) as [number];
  }
  override forward(x: Tensor): Tensor {
    return F.softmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
export class LogSoftmax extends Module {
  readonly dim: number;
  constructor(dim: number | { dim: number }) {
    super();
    [this.dim] = parseArgs(SIG.LogSoftmax, arguments) as [number];
  }
  override forward(x: Tensor): Tensor {
    return F.logSoftmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** Dropout with probability p, active only in training mode. */
export class Dropout extends Module {
  readonly p: number;
  constructor(p: number | { p?: number; inplace?: boolean } = 0.5, inplace?: boolean) {
    super();
    [p = 0.5, inplace] = parseArgs(SIG.Dropout, arguments) as [number | undefined, boolean | undefined];
    noInplace('Dropout', inplace);
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError('Dropout', `dropout probability has to be between 0 and 1, but got ${String(p)}`);
    this.p = p;
  }
  override forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, this.training);
  }
  override extraRepr(): string {
    return `p=${this.p}, inplace=False`;
  }
}

/** Flattens dims startDim..endDim (default 1..-1: keeps the batch dim). */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;
  constructor(startDim: number | { startDim?: number; endDim?: number } = 1, endDim = -1) {
    super();
    const [s = 1, e = -1] = parseArgs(SIG.Flatten, arguments) as [number | undefined, number | undefined];
    this.startDim = s;
    this.endDim = e;
    void startDim, endDim;
  }
  override forward(x: Tensor): Tensor {
    return F.flatten(x, this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

// ---- loss modules ------------------------------------------------------------------------------------------------
/** The losses keep their options as given (undefined entries dropped) and pass them to tg.nn.functional. */
function lossOptions(sig: (typeof SIG)[keyof typeof SIG], args: ArrayLike<unknown>): Record<string, unknown> {
  const values = parseArgs(sig, args);
  const opts: Record<string, unknown> = {};
  sig.names.forEach((n, i) => {
    if (values[i] !== undefined) opts[n] = values[i];
  });
  return opts;
}
type LossArg<O> = O | Tensor | boolean | null;

export class MSELoss extends Module {
  readonly opts: { sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: Reduction };
  constructor(sizeAverage?: LossArg<{ reduction?: Reduction }>, reduce?: boolean | null, reduction?: Reduction) {
    super();
    void sizeAverage, reduce, reduction;
    this.opts = lossOptions(SIG.MSELoss, arguments);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, this.opts);
  }
}
export class NLLLoss extends Module {
  readonly opts: F.NllOptions;
  constructor(weight?: LossArg<F.NllOptions>, sizeAverage?: boolean | null, ignoreIndex?: number, reduce?: boolean | null, reduction?: Reduction) {
    super();
    void weight, sizeAverage, ignoreIndex, reduce, reduction;
    this.opts = lossOptions(SIG.NLLLoss, arguments);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, this.opts);
  }
}
export class CrossEntropyLoss extends Module {
  readonly opts: F.CrossEntropyOptions;
  constructor(weight?: LossArg<F.CrossEntropyOptions>, sizeAverage?: boolean | null, ignoreIndex?: number, reduce?: boolean | null, reduction?: Reduction, labelSmoothing?: number) {
    super();
    void weight, sizeAverage, ignoreIndex, reduce, reduction, labelSmoothing;
    this.opts = lossOptions(SIG.CrossEntropyLoss, arguments);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, this.opts);
  }
}
export class BCEWithLogitsLoss extends Module {
  readonly opts: F.BceWithLogitsOptions;
  constructor(weight?: LossArg<F.BceWithLogitsOptions>, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: Reduction, posWeight?: Tensor | null) {
    super();
    void weight, sizeAverage, reduce, reduction, posWeight;
    this.opts = lossOptions(SIG.BCEWithLogitsLoss, arguments);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, this.opts);
  }
}

interface LinearOptions {
  inFeatures?: number;
  outFeatures?: number;
  bias?: boolean;
  dtype?: DType;
}

for (const [name, cls] of Object.entries({ Linear, Sequential, ModuleList, Identity, ReLU, Tanh, Sigmoid, GELU, Softmax, LogSoftmax, Dropout, Flatten, MSELoss, NLLLoss, CrossEntropyLoss, BCEWithLogitsLoss }))
  declareConstructor(cls, SIG[name as keyof typeof SIG]);
kwMethods(Sequential.prototype, 'Sequential', { at: 'idx', append: 'module' });
kwMethods(ModuleList.prototype, 'ModuleList', { at: 'idx', append: 'module' });
kwMethods(Linear.prototype, 'Linear', { resetParameters: '', forward: 'input', extraRepr: '' });
kwMethods(Sequential.prototype, 'Sequential', { forward: 'input' });
for (const cls of [Identity, ReLU, Tanh, Sigmoid, GELU, Softmax, LogSoftmax, Dropout, Flatten]) kwMethods(cls.prototype, cls.name, { forward: 'input' });
for (const cls of [GELU, Softmax, LogSoftmax, Dropout, Flatten]) kwMethods(cls.prototype, cls.name, { extraRepr: '' });
for (const cls of [MSELoss, NLLLoss, CrossEntropyLoss, BCEWithLogitsLoss]) kwMethods(cls.prototype, cls.name, { forward: 'input, target' });
