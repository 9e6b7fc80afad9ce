// Layers and loss modules: Linear, Sequential, ModuleList, activations, Dropout, Flatten, Identity, losses.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import type { GeluApproximate, Reduction } from './ops.js';

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

  constructor(inFeatures: number, outFeatures: number, opts: { bias?: boolean; dtype?: DType } = {}) {
    super();
    this.inFeatures = positiveInt('Linear', 'inFeatures', inFeatures);
    this.outFeatures = positiveInt('Linear', 'outFeatures', outFeatures);
    const dtype = opts.dtype ?? 'float32';
    this.weight = Parameter(empty([outFeatures, inFeatures], { dtype }));
    if (opts.bias ?? true) this.bias = Parameter(empty([outFeatures], { dtype }));
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
  constructor(modules: Module[] = []) {
    super();
    modules.forEach((m) => this.append(m));
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
  override forward(x: Tensor): Tensor {
    return x;
  }
}
export class ReLU extends Module {
  override forward(x: Tensor): Tensor {
    return F.relu(x);
  }
}
export class Tanh extends Module {
  override forward(x: Tensor): Tensor {
    return F.tanh(x);
  }
}
export class Sigmoid extends Module {
  override forward(x: Tensor): Tensor {
    return F.sigmoid(x);
  }
}
export class GELU extends Module {
  readonly approximate: GeluApproximate;
  constructor(opts: { approximate?: GeluApproximate } = {}) {
    super();
    this.approximate = opts.approximate ?? 'none';
  }
  override forward(x: Tensor): Tensor {
    return F.gelu(x, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}
export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return F.softmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
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
  constructor(p = 0.5) {
    super();
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
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return F.flatten(x, this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

// ---- loss modules ------------------------------------------------------------------------------------------------
export class MSELoss extends Module {
  constructor(readonly opts: { reduction?: Reduction } = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, this.opts);
  }
}
export class NLLLoss extends Module {
  constructor(readonly opts: F.NllOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, this.opts);
  }
}
export class CrossEntropyLoss extends Module {
  constructor(readonly opts: F.CrossEntropyOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, this.opts);
  }
}
export class BCEWithLogitsLoss extends Module {
  constructor(readonly opts: F.BceWithLogitsOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, this.opts);
  }
}
