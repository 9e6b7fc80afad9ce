// Layers and loss modules: Linear, Sequential, ModuleList, activations, Dropout, Flatten, Identity, losses.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import type { GeluApproximate, Reduction } from '../ops/nn.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

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

/** The inplace flag of ReLU / Dropout: false unless given, a boolean when given. */
function inplaceFlag(op: string, inplace: unknown): boolean {
  if (inplace !== undefined && inplace !== null && typeof inplace !== 'boolean') throw typeError(op, `inplace must be a boolean, got ${describe(inplace)}`);
  return inplace === true;
}

function positiveInt(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw typeError(op, `${name} must be a non-negative integer, got ${describe(v)}`);
  return v;
}

/** Python's repr of a float (`0.0`, `0.25`, `1e-05`), which PyTorch's extra_repr prints for float options. */
export function pyFloatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [m, e] = v.toExponential().split('e'); // shortest round-trip digits, as Python's repr
  const sign = m.startsWith('-') ? '-' : '';
  const digits = m.replace(/[-.]/g, '');
  const exp = Number(e);
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  return `${sign}${int}.${digits.slice(exp + 1) || '0'}`;
}

/**
 * y = x W^T + b, weight [out, in] and bias [out] initialized as PyTorch does: kaiming_uniform(a=sqrt(5))
 * for the weight (U(-1/sqrt(in), 1/sqrt(in))) and U(-1/sqrt(in), 1/sqrt(in)) for the bias.
 * @see torch.nn.Linear
 * @example const fc = new tg.nn.Linear(784, 256); fc(tg.zeros(2, 784)).shape // => [2, 256]
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
    const dtype = dtypeArg ?? defaultFloat();
    this.weight = Parameter(empty([outFeatures, inFeatures], { dtype }));
    if (bias ?? true) this.bias = Parameter(empty([outFeatures], { dtype }));
    else {
      this.bias = null;
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  /**
   * Re-initializes the parameters as the constructor does (kaiming uniform, PyTorch's bounds).
   *
   * @see Linear.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1)
   * tg.noGrad(() => m.weight.zero_())
   * m.resetParameters()
   * m.weight.abs().sum().item() > 0 // => true
   * ```
   */
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

/** The module at position i of a container's registrations (negative counts from the end), as PyTorch's seq[i]. */
function atPosition(op: string, entries: [string, Module][], i: number): Module {
  if (typeof i !== 'number' || !Number.isInteger(i))
    throw typeError(op, `index must be an integer, got ${describe(i)}`);
  const n = entries.length;
  if (i < -n || i >= n) throw rangeError(op, `index ${i} is out of range`);
  return entries[i < 0 ? i + n : i][1];
}

/** Registrations start..stop-1 with Array.prototype.slice's bounds (PyTorch's [start:stop]). */
function slicePositions(op: string, entries: [string, Module][], start?: number, stop?: number): [string, Module][] {
  for (const [name, v] of [['start', start], ['stop', stop]] as const)
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v)))
      throw typeError(op, `${name} must be an integer, got ${describe(v)}`);
  return entries.slice(start, stop);
}

function checkIterable(op: string, modules: unknown): asserts modules is Iterable<unknown> {
  if (modules === null || typeof (modules as Iterable<unknown>)?.[Symbol.iterator] !== 'function')
    throw typeError(op, `expected an iterable of Modules, got ${describe(modules)}`);
}

/** Re-registers a container's modules as '0', '1', ... in the given order (PyTorch renumbers after a delete). */
function renumber(c: Module, modules: Module[]): void {
  for (const [k] of c._namedModuleEntries()) delete (c as unknown as Record<string, unknown>)[k];
  modules.forEach((m, i) => c.registerModule(String(i), m));
}

/** PyTorch's Sequential/ModuleList pop(idx): the module at a position, removed, the rest renumbered from '0'. */
function popAt(op: string, c: Module, i: number): Module {
  const entries = c._namedModuleEntries();
  const m = atPosition(op, entries, i);
  const n = entries.length, at = i < 0 ? i + n : i;
  renumber(c, entries.filter((_, k) => k !== at).map(([, e]) => e));
  return m;
}

/** PyTorch's insert: the module placed at index (0..length; negative counts from the end where allowNegative), the rest shifted. */
function insertAt(op: string, c: Module, index: number, m: unknown, allowNegative: boolean): void {
  checkModule(op, m, 'module');
  if (typeof index !== 'number' || !Number.isInteger(index)) throw typeError(op, `index must be an integer, got ${describe(index)}`);
  const entries = c._namedModuleEntries(), n = entries.length;
  if (index > n || index < (allowNegative ? -n : 0)) throw rangeError(op, `Index out of range: ${index} (length ${n})`);
  // PyTorch shifts the entries under the names str(i): a container with other names has no such keys
  const bad = entries.find(([k], i) => k !== String(i));
  if (bad !== undefined) throw rangeError(op, `the modules must be named '0', '1', ... to be shifted, found '${bad[0]}' (PyTorch's KeyError)`);
  const list = entries.map(([, e]) => e);
  list.splice(index < 0 ? index + n : index, 0, m);
  renumber(c, list);
}

function checkModule(op: string, m: unknown, what: string): asserts m is Module {
  if (!(m instanceof Module)) throw typeError(op, `${what} is not a Module (got ${describe(m)})`);
}

type SequentialFusion = (mods: Module[], i: number, x: unknown) => [unknown, number] | null;
let fuseAt: SequentialFusion | null = null;
/** Sets Sequential's inference fusion (lib/nn/conv_fuse.ts registers it: Note [Conv, batch norm and ReLU]). @internal */
export function setSequentialFusion(f: SequentialFusion | null): void {
  fuseAt = f;
}

/**
 * Chains modules: calling it feeds each module's output to the next.
 *
 * Applies its modules in order. Children are named '0', '1', ... (or as given by a Map / object, or by
 * addModule); positions count registrations whatever the names, so `seq.get(0)` is the first module even when
 * it is named 'block 0'. One module given twice runs twice (`new Sequential(lin, lin)`), registered under both
 * names; see Note [Shared modules and parameters]. A Map keeps the order of integer-like names; a plain
 * object lists them first (JS property order).
 *
 * @see torch.nn.Sequential
 * @example
 * ```ts
 * const seq = new tg.nn.Sequential(new tg.nn.Linear(3, 2), new tg.nn.ReLU())
 * String(seq)
 * // => 'Sequential(
 * //   (0): Linear(in_features=3, out_features=2, bias=True)
 * //   (1): ReLU()
 * // )'
 * seq(tg.ones(4, 3)).shape
 * ```
 */
export class Sequential extends Module {
  constructor(...modules: (Module | Record<string, Module> | Map<string, Module>)[]) {
    super();
    // A lone plain object of modules is PyTorch's OrderedDict form, not options.
    if (!(modules.length === 1 && Object.values(modules[0]).some((m) => m instanceof Module))) modules = (parseArgs(SIG.Sequential, modules)[0] ?? []) as Module[];
    if (modules.length === 1 && !(modules[0] instanceof Module)) {
      const named = modules[0];
      if (named === null || typeof named !== 'object')
        throw typeError('Sequential', `argument 0 is not a Module (got ${describe(named)})`);
      const entries = named instanceof Map ? [...named.entries()] : Object.entries(named);
      for (const [k, m] of entries) this.registerModule(k, m);
      return;
    }
    modules.forEach((m, i) => {
      checkModule('Sequential', m, `argument ${i}`);
      this.registerModule(String(i), m);
    });
  }

  /** The number of registered modules (a module added twice counts twice), as PyTorch's len(seq). */
  override get length(): number {
    return this._namedModuleEntries().length;
  }
  /**
   * The module at an index, as Python's `seq[i]`.
   *
   * The module at position i (negative counts from the end), whatever its name.
   *
   * @see torch.nn.Sequential.__getitem__
   * @example
   * ```ts
   * const s = new tg.nn.Sequential(new tg.nn.ReLU(), new tg.nn.Tanh())
   * String(s.get(0)) // => 'ReLU()'
   * ```
   */
  get(i: number): Module {
    return atPosition('Sequential.get', this._namedModuleEntries(), i);
  }
  /**
   * The module at an index (negative counts from the end), as Python's `seq[i]`.
   *
   * Same as get(i), named like Array.prototype.at.
   *
   * @see torch.nn.Sequential.__getitem__
   * @example
   * ```ts
   * const s = new tg.nn.Sequential(new tg.nn.ReLU(), new tg.nn.Tanh())
   * String(s.at(-1)) // => 'Tanh()'
   * ```
   */
  at(i: number): Module {
    return atPosition('Sequential.at', this._namedModuleEntries(), i);
  }
  /**
   * A new Sequential of the modules in [start, end), as Python's `seq[a:b]`.
   *
   * A new Sequential of the modules at positions start..stop-1 (Array.prototype.slice's bounds; negative count
   * from the end), under their names, as PyTorch's seq[start:stop].
   *
   * @see torch.nn.Sequential.__getitem__
   * @example
   * ```ts
   * const s = new tg.nn.Sequential(new tg.nn.ReLU(), new tg.nn.Tanh(), new tg.nn.Sigmoid())
   * s.slice(1).length // => 2
   * ```
   */
  slice(start?: number, stop?: number): Sequential {
    return new Sequential(new Map(slicePositions('Sequential.slice', this._namedModuleEntries(), start, stop)));
  }
  /**
   * Appends a module; returns the Sequential.
   *
   * Appends a module under the name String(length), as PyTorch does; returns this.
   *
   * @see Sequential.append
   * @example
   * ```ts
   * const s = new tg.nn.Sequential(new tg.nn.ReLU())
   * s.append(new tg.nn.Tanh()).length // => 2
   * ```
   */
  append(m: Module): this {
    checkModule('Sequential.append', m, 'argument');
    this.registerModule(String(this.length), m);
    return this;
  }
  /**
   * Appends several modules; returns the Sequential.
   *
   * Appends each module in turn; returns this.
   *
   * @see Sequential.extend
   * @example
   * ```ts
   * const s = new tg.nn.Sequential()
   * s.extend([new tg.nn.ReLU(), new tg.nn.Tanh()]).length // => 2
   * ```
   */
  extend(modules: Iterable<Module>): this {
    checkIterable('Sequential.extend', modules);
    for (const m of modules) this.append(m);
    return this;
  }
  /** The modules in order, a module added twice visited twice. @example for (const m of seq) console.log(String(m)) */
  /**
   * Inserts a module at an index (negative counts from the end); returns the Sequential.
   *
   * The modules from index on move up one name ('1' -> '2', ...), as PyTorch's insert; an index outside
   * [-length, length] is a RangeError.
   *
   * @see torch.nn.Sequential.insert
   * @example
   * ```ts
   * const s = new tg.nn.Sequential(new tg.nn.ReLU(), new tg.nn.Tanh())
   * String(s.insert(1, new tg.nn.Sigmoid()).get(1)) // => 'Sigmoid()'
   * ```
   */
  insert(index: number, module: Module): this {
    insertAt('Sequential.insert', this, index, module, true);
    return this;
  }
  /**
   * Removes the module at an index (negative counts from the end) and returns it; the rest are renumbered.
   *
   * @see torch.nn.Sequential.pop
   * @example
   * ```ts
   * const s = new tg.nn.Sequential(new tg.nn.ReLU(), new tg.nn.Tanh())
   * String(s.pop(0)) // => 'ReLU()'
   * s.namedChildren().map(([n]) => n) // => ['0']
   * ```
   */
  pop(key: number): Module {
    return popAt('Sequential.pop', this, key);
  }
  [Symbol.iterator](): Iterator<Module> {
    return this._namedModuleEntries().map(([, m]) => m)[Symbol.iterator]();
  }

  override forward(x: unknown): any {
    const mods = this._namedModuleEntries().map(([, m]) => m);
    let y = x;
    for (let i = 0; i < mods.length; i++) {
      const fused = fuseAt === null ? null : fuseAt(mods, i, y); // Note [Conv, batch norm and ReLU]
      if (fused !== null) [y, i] = [fused[0], i + fused[1] - 1];
      else y = mods[i](y);
    }
    return y;
  }
}

/**
 * Holds submodules in a list, registered so their parameters are the parent's.
 *
 * A list of modules registered as children '0', '1', ... (no forward of its own), with Sequential's
 * positional API: `length`, `get(i)`, `at(i)`, `slice`, `append`, `extend` and iteration.
 *
 * @see torch.nn.ModuleList
 * @example
 * ```ts
 * const layers = new tg.nn.ModuleList([new tg.nn.Linear(2, 2), new tg.nn.Linear(2, 2)])
 * layers.length // => 2
 * String(layers.at(0))
 * ```
 */
export class ModuleList extends Module {
  constructor(modules?: Iterable<Module> | { modules?: Iterable<Module> }) {
    super();
    [modules] = parseArgs(SIG.ModuleList, arguments) as [Iterable<Module> | undefined];
    this.extend(modules ?? []);
  }
  /** The number of registered modules (a module added twice counts twice). */
  override get length(): number {
    return this._namedModuleEntries().length;
  }
  /**
   * The module at an index, as Python's `layers[i]`.
   *
   * The module at position i (negative counts from the end).
   *
   * @see torch.nn.ModuleList.__getitem__
   * @example
   * ```ts
   * const l = new tg.nn.ModuleList([new tg.nn.ReLU()])
   * String(l.get(0)) // => 'ReLU()'
   * ```
   */
  get(i: number): Module {
    return atPosition('ModuleList.get', this._namedModuleEntries(), i);
  }
  /**
   * The module at an index (negative counts from the end).
   *
   * Same as get(i).
   *
   * @see torch.nn.ModuleList.__getitem__
   * @example
   * ```ts
   * const l = new tg.nn.ModuleList([new tg.nn.ReLU(), new tg.nn.Tanh()])
   * String(l.at(-1)) // => 'Tanh()'
   * ```
   */
  at(i: number): Module {
    return atPosition('ModuleList.at', this._namedModuleEntries(), i);
  }
  /**
   * A new ModuleList of the modules in [start, end).
   *
   * A new ModuleList of the modules at positions start..stop-1, renumbered from '0' as PyTorch's list[start:stop].
   *
   * @see torch.nn.ModuleList.__getitem__
   * @example
   * ```ts
   * const l = new tg.nn.ModuleList([new tg.nn.ReLU(), new tg.nn.Tanh()])
   * l.slice(0, 1).length // => 1
   * ```
   */
  slice(start?: number, stop?: number): ModuleList {
    return new ModuleList(slicePositions('ModuleList.slice', this._namedModuleEntries(), start, stop).map(([, m]) => m));
  }
  /**
   * Appends a module; returns the list.
   *
   * Appends a module under the name String(length); returns this.
   *
   * @see ModuleList.append
   * @example
   * ```ts
   * const l = new tg.nn.ModuleList()
   * l.append(new tg.nn.ReLU()).length // => 1
   * ```
   */
  append(m: Module): this {
    checkModule('ModuleList.append', m, 'argument');
    this.registerModule(String(this.length), m);
    return this;
  }
  /**
   * Appends several modules; returns the list.
   *
   * Appends each module in turn; returns this.
   *
   * @see ModuleList.extend
   * @example
   * ```ts
   * const l = new tg.nn.ModuleList()
   * l.extend([new tg.nn.ReLU(), new tg.nn.ReLU()]).length // => 2
   * ```
   */
  extend(modules: Iterable<Module>): this {
    checkIterable('ModuleList.extend', modules);
    for (const m of modules) this.append(m);
    return this;
  }
  /**
   * Inserts a module before an index (0..length); the later modules move up one name.
   *
   * As PyTorch 1.13's ModuleList.insert, which shifts the names str(i) up from the end: a negative index is a
   * RangeError (PyTorch's KeyError).
   *
   * @see torch.nn.ModuleList.insert
   * @example
   * ```ts
   * const l = new tg.nn.ModuleList([new tg.nn.ReLU()])
   * l.insert(0, new tg.nn.Tanh())
   * String(l.get(0)) // => 'Tanh()'
   * ```
   */
  insert(index: number, module: Module): void {
    insertAt('ModuleList.insert', this, index, module, false);
  }
  /**
   * Removes the module at an index (negative counts from the end) and returns it; the rest are renumbered.
   *
   * @see torch.nn.ModuleList.pop
   * @example
   * ```ts
   * const l = new tg.nn.ModuleList([new tg.nn.ReLU(), new tg.nn.Tanh()])
   * String(l.pop(-1)) // => 'Tanh()'
   * l.length // => 1
   * ```
   */
  pop(key: number): Module {
    return popAt('ModuleList.pop', this, key);
  }
  [Symbol.iterator](): Iterator<Module> {
    return this._namedModuleEntries().map(([, m]) => m)[Symbol.iterator]();
  }
}

/**
 * Returns its input unchanged (a placeholder module).
 *
 * @see torch.nn.Identity
 * @example
 * ```ts
 * const m = new tg.nn.Identity()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Identity()'
 * ```
 */
export class Identity extends Module {
  constructor() {
    super();
    parseArgs(SIG.Identity, arguments);
  }
  override forward(x: Tensor): Tensor {
    return x;
  }
}
/**
 * Applies `max(x, 0)` elementwise.
 *
 * @see torch.nn.ReLU
 * @example
 * ```ts
 * const m = new tg.nn.ReLU()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'ReLU()'
 * ```
 */
export class ReLU extends Module {
  readonly inplace: boolean;
  constructor(inplace?: boolean | { inplace?: boolean }) {
    super();
    this.inplace = inplaceFlag('ReLU', parseArgs(SIG.ReLU, arguments)[0]);
    void inplace;
  }
  override forward(x: Tensor): Tensor {
    return F.relu(x, this.inplace);
  }
  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}
/**
 * Applies tanh elementwise.
 *
 * @see torch.nn.Tanh
 * @example
 * ```ts
 * const m = new tg.nn.Tanh()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Tanh()'
 * ```
 */
export class Tanh extends Module {
  constructor() {
    super();
    parseArgs(SIG.Tanh, arguments);
  }
  override forward(x: Tensor): Tensor {
    return F.tanh(x);
  }
}
/**
 * Applies the logistic function elementwise.
 *
 * @see torch.nn.Sigmoid
 * @example
 * ```ts
 * const m = new tg.nn.Sigmoid()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'Sigmoid()'
 * ```
 */
export class Sigmoid extends Module {
  constructor() {
    super();
    parseArgs(SIG.Sigmoid, arguments);
  }
  override forward(x: Tensor): Tensor {
    return F.sigmoid(x);
  }
}
/**
 * Applies the Gaussian error linear unit (`approximate: 'tanh'` for the tanh form).
 *
 * @see torch.nn.GELU
 * @example
 * ```ts
 * const m = new tg.nn.GELU()
 * m(tg.tensor([-2, -0.5, 0.5, 2]))
 * String(m) // => 'GELU(approximate='none')'
 * ```
 */
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
/**
 * Softmax along `dim`.
 *
 * @see torch.nn.Softmax
 * @example
 * ```ts
 * const m = new tg.nn.Softmax(1)
 * m(tg.tensor([[1, 1]]))
 * String(m) // => 'Softmax(dim=1)'
 * ```
 */
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
/**
 * log(softmax) along `dim`.
 *
 * @see torch.nn.LogSoftmax
 * @example
 * ```ts
 * const m = new tg.nn.LogSoftmax(0)
 * m(tg.tensor([1, 1])) // tensor([-0.6931, -0.6931])
 * ```
 */
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

/**
 * Dropout with probability p, active only in training mode.
 *
 * @see torch.nn.Dropout
 * @example
 * ```ts
 * const m = new tg.nn.Dropout(0.5)
 * String(m) // => 'Dropout(p=0.5, inplace=False)'
 * m.eval()(tg.ones(3)) // tensor([1., 1., 1.])
 * ```
 */
export class Dropout extends Module {
  readonly p: number;
  readonly inplace: boolean;
  constructor(p: number | { p?: number; inplace?: boolean } = 0.5, inplace?: boolean) {
    super();
    [p = 0.5, inplace] = parseArgs(SIG.Dropout, arguments) as [number | undefined, boolean | undefined];
    this.inplace = inplaceFlag('Dropout', inplace);
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError('Dropout', `dropout probability has to be between 0 and 1, but got ${String(p)}`);
    this.p = p;
  }
  override forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, this.training, this.inplace);
  }
  override extraRepr(): string {
    return `p=${pyFloatRepr(this.p)}, inplace=${this.inplace ? 'True' : 'False'}`;
  }
}

/**
 * Flattens dims startDim..endDim (default 1..-1: keeps the batch dim).
 *
 * @see torch.nn.Flatten
 * @example
 * ```ts
 * const m = new tg.nn.Flatten()
 * String(m) // => 'Flatten(start_dim=1, end_dim=-1)'
 * m(tg.zeros(2, 3, 4)).shape
 * ```
 */
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

const UNFLATTEN_SIG = signature('nn.Unflatten', 'dim, unflattenedSize');

/**
 * Splits dim into unflattenedSize (one entry may be -1, inferred), the inverse of Flatten. It prints the size
 *
 * as PyTorch prints a tuple: `Unflatten(dim=1, unflattened_size=(2, 5))`.
 *
 * @see torch.nn.Unflatten
 * @example
 * ```ts
 * const m = new tg.nn.Unflatten(1, [2, 3])
 * String(m) // => 'Unflatten(dim=1, unflattened_size=(2, 3))'
 * m(tg.zeros(4, 6)).shape
 * ```
 */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattenedSize: readonly number[];
  constructor(dim: number | { dim: number; unflattenedSize: number[] }, unflattenedSize?: number[]) {
    super();
    const [d, size] = parseArgs(UNFLATTEN_SIG, arguments) as [unknown, unknown];
    void dim, unflattenedSize;
    if (typeof d !== 'number' || !Number.isInteger(d)) throw typeError('Unflatten', `dim must be an integer, got ${describe(d)}`);
    if (!Array.isArray(size)) throw typeError('Unflatten', `unflattenedSize must be an array of integers, got ${describe(size)}`);
    size.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError('Unflatten', `unflattenedSize must be an array of integers, but found ${describe(v)} at position ${i}`);
    });
    this.dim = d;
    this.unflattenedSize = Object.freeze([...size] as number[]);
  }
  override forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) throw typeError('Unflatten', `expected a Tensor, got ${describe(x)}`);
    const shape = x.shape;
    const nd = shape.length;
    if (this.dim < -Math.max(nd, 1) || this.dim >= Math.max(nd, 1)) throw rangeError('Unflatten', `dim ${this.dim} is out of range for an input of shape ${fmtShape(shape)}`);
    const d = this.dim < 0 ? this.dim + nd : this.dim;
    const sizes = [...this.unflattenedSize];
    const infer = sizes.indexOf(-1);
    if (sizes.some((v, i) => v < -1 || (v === -1 && i !== infer))) throw rangeError('Unflatten', `unflattenedSize ${fmtShape(sizes)} may hold one -1 and no other negative size`);
    const known = sizes.reduce((a, v) => (v === -1 ? a : a * v), 1);
    if (infer >= 0 && known > 0 && shape[d] % known === 0) sizes[infer] = shape[d] / known;
    if (sizes.reduce((a, v) => a * v, 1) !== shape[d] || (infer >= 0 && sizes[infer] === -1))
      throw rangeError('Unflatten', `sizes ${fmtShape(this.unflattenedSize)} don't multiply up to the size of dim ${d} (${shape[d]}) of the input of shape ${fmtShape(shape)}`);
    return x.reshape([...shape.slice(0, d), ...sizes, ...shape.slice(d + 1)]);
  }
  override extraRepr(): string {
    const s = this.unflattenedSize;
    return `dim=${this.dim}, unflattened_size=(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
  }
}
declareConstructor(Unflatten, UNFLATTEN_SIG);
kwMethods(Unflatten.prototype, 'Unflatten', { forward: 'input', extraRepr: '' });
export interface Unflatten { (input: Tensor): Tensor }

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

/**
 * Mean squared error loss (`reduction` 'mean', 'sum' or 'none').
 *
 * @see torch.nn.MSELoss
 * @example
 * ```ts
 * const loss = new tg.nn.MSELoss()
 * loss(tg.tensor([1, 2]), tg.tensor([1, 4])) // tensor(2.)
 * ```
 */
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
/**
 * Negative log likelihood loss over log-probabilities and class indices.
 *
 * @see torch.nn.NLLLoss
 * @example
 * ```ts
 * const loss = new tg.nn.NLLLoss()
 * loss(tg.tensor([[-0.5, -1]]), tg.tensor([1], { dtype: 'int32' })) // tensor(1.)
 * ```
 */
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
/**
 * Cross entropy of logits against class indices or probabilities (weight, ignoreIndex, labelSmoothing).
 *
 * @see torch.nn.CrossEntropyLoss
 * @example
 * ```ts
 * const loss = new tg.nn.CrossEntropyLoss()
 * loss(tg.tensor([[2, 0], [0, 2]]), tg.tensor([0, 1], { dtype: 'int32' })) // tensor(0.1269)
 * ```
 */
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
/**
 * Binary cross entropy of logits (stable; posWeight).
 *
 * @see torch.nn.BCEWithLogitsLoss
 * @example
 * ```ts
 * const loss = new tg.nn.BCEWithLogitsLoss()
 * loss(tg.tensor([0, 2]), tg.tensor([0, 1])) // tensor(0.4100)
 * ```
 */
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
kwMethods(Sequential.prototype, 'Sequential', { at: 'idx', get: 'idx', slice: 'start, stop', append: 'module', extend: 'sequential', insert: 'index, module', pop: 'key' });
kwMethods(ModuleList.prototype, 'ModuleList', { at: 'idx', get: 'idx', slice: 'start, stop', append: 'module', extend: 'modules', insert: 'index, module', pop: 'key' });
kwMethods(Linear.prototype, 'Linear', { resetParameters: '', forward: 'input', extraRepr: '' });
kwMethods(Sequential.prototype, 'Sequential', { forward: 'input' });
for (const cls of [Identity, ReLU, Tanh, Sigmoid, GELU, Softmax, LogSoftmax, Dropout, Flatten]) kwMethods(cls.prototype, cls.name, { forward: 'input' });
for (const cls of [ReLU, GELU, Softmax, LogSoftmax, Dropout, Flatten]) kwMethods(cls.prototype, cls.name, { extraRepr: '' });
for (const cls of [MSELoss, NLLLoss, CrossEntropyLoss, BCEWithLogitsLoss]) kwMethods(cls.prototype, cls.name, { forward: 'input, target' });

// The built-in modules' call signatures (Note [Callable modules]): `lin(x)` is typed as lin.forward(x).
export interface Linear { (input: Tensor): Tensor }
export interface Identity { (input: Tensor): Tensor }
export interface ReLU { (input: Tensor): Tensor }
export interface Tanh { (input: Tensor): Tensor }
export interface Sigmoid { (input: Tensor): Tensor }
export interface GELU { (input: Tensor): Tensor }
export interface Softmax { (input: Tensor): Tensor }
export interface LogSoftmax { (input: Tensor): Tensor }
export interface Dropout { (input: Tensor): Tensor }
export interface Flatten { (input: Tensor): Tensor }
export interface MSELoss { (input: Tensor, target: Tensor): Tensor }
export interface NLLLoss { (input: Tensor, target: Tensor): Tensor }
export interface CrossEntropyLoss { (input: Tensor, target: Tensor): Tensor }
export interface BCEWithLogitsLoss { (input: Tensor, target: Tensor): Tensor }
