// Keyed and parameter containers: ModuleDict, ParameterList, ParameterDict (PyTorch 1.13's torch.nn.modules.container).
// Entries are registered attributes (Note [Registration by assignment]), so `dict.fc`, stateDict keys
// ('fc.weight', 'pl.0'), parameters() and the printout follow from the registration order as in PyTorch.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import { Module, Parameter, isParameter } from './module.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = {
  ModuleDict: signature('nn.ModuleDict', 'modules'),
  ParameterList: signature('nn.ParameterList', 'values'),
  ParameterDict: signature('nn.ParameterDict', 'parameters'),
};

type Attrs = Record<string, unknown>;

/** [key, value] pairs of a Map (in order), a plain object, or an iterable of pairs. */
function pairsOf(op: string, what: string, src: unknown, sortPlain: boolean): [string, unknown][] {
  if (src instanceof Map) return [...src.entries()];
  if (src instanceof Module) throw typeError(op, `expected a Map or object of ${what}, got ${describe(src)}`);
  if (Array.isArray(src) || (src !== null && typeof src === 'object' && Symbol.iterator in src)) {
    return [...(src as Iterable<unknown>)].map((e, i) => {
      if (!Array.isArray(e) || e.length !== 2)
        throw typeError(op, `${what} update sequence element #${i} should be a [key, value] pair, got ${describe(e)}`);
      return [e[0] as string, e[1]];
    });
  }
  if (src === null || typeof src !== 'object') throw typeError(op, `expected a Map or object of ${what}, got ${describe(src)}`);
  const entries = Object.entries(src);
  // PyTorch's ParameterDict.update sorts a plain dict's items (an OrderedDict keeps its order: here a Map).
  return sortPlain ? entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : entries;
}

/** A container's [name, tensor] attributes in registration order, a tensor under two names under both. */
function tensorEntries(m: Module): [string, Tensor][] {
  return m._ownTensorEntries();
}

/** The entries' repr line of a ParameterList/ParameterDict: `Parameter containing: [torch.float32 of size 3x4]`. */
function paramLine(key: string, p: Tensor, typeName: string): string {
  const kind = isParameter(p) ? 'Parameter' : 'Tensor';
  return `  (${key}): ${kind} containing: [${typeName} of size ${p.shape.join('x')}]`;
}
/** torch.typename of a CPU tensor, which ParameterDict prints (ParameterList prints the dtype). */
const TYPENAME: Record<string, string> = {
  float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int32: 'torch.IntTensor', bool: 'torch.BoolTensor',
};

/**
 * Holds submodules by name, registered so their parameters are the parent's.
 *
 * Modules by key, registered as children in insertion order: `dict.fc` and `dict.get('fc')` are the module;
 * `keys()`, `values()`, `items()`, `has(key)`, `length` and iteration (over keys, as a Python dict) follow
 * PyTorch's ModuleDict. A Map keeps its order; a plain object lists integer-like keys first (JS property order).
 *
 * @see torch.nn.ModuleDict
 * @example
 * ```ts
 * const d = new tg.nn.ModuleDict({ enc: new tg.nn.Linear(2, 2) })
 * String(d.get('enc')) // => 'Linear(in_features=2, out_features=2, bias=True)'
 * ```
 */
export class ModuleDict extends Module {
  constructor(modules?: Record<string, Module> | Map<string, Module> | Iterable<[string, Module]> | { modules?: unknown }) {
    super();
    // A lone plain object of modules is the modules, not options.
    const isDict = modules !== null && typeof modules === 'object' && !(modules instanceof Map) && Object.values(modules).some((m) => m instanceof Module);
    if (!isDict) [modules] = parseArgs(SIG.ModuleDict, arguments) as [typeof modules];
    if (modules !== undefined && modules !== null) this.update(modules as Map<string, Module>);
  }
  /** The number of modules. */
  override get length(): number {
    return this._namedModuleEntries().length;
  }
  /**
   * The module under a name, as Python's `d[key]`.
   *
   * The module under key; a missing key is a RangeError naming it (PyTorch's KeyError).
   *
   * @see torch.nn.ModuleDict.__getitem__
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict({ a: new tg.nn.ReLU() })
   * String(d.get('a')) // => 'ReLU()'
   * ```
   */
  get(key: string): Module {
    if (!this.has(key)) throw rangeError('ModuleDict.get', `no module under key '${String(key)}' (keys: ${this.keys().join(', ')})`);
    return (this as unknown as Attrs)[key] as Module;
  }
  /**
   * Registers a module under a name, as Python's `d[key] = m`.
   *
   * Adds or replaces the module under key (PyTorch's dict[key] = module); returns this.
   *
   * @see torch.nn.ModuleDict.__setitem__
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict()
   * d.set('act', new tg.nn.ReLU())
   * d.keys() // => ['act']
   * ```
   */
  set(key: string, module: Module): this {
    this.registerModule(key, module);
    return this;
  }
  /**
   * Whether a name is present (Python's `in`).
   *
   * Whether key is registered (PyTorch's `key in dict`).
   *
   * @see torch.nn.ModuleDict.__contains__
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict({ a: new tg.nn.ReLU() })
   * d.has('a') // => true
   * ```
   */
  has(key: string): boolean {
    return this._namedModuleEntries().some(([k]) => k === key);
  }
  /**
   * Removes a module by name and returns it.
   *
   * Removes the module under key and returns it.
   *
   * @see ModuleDict.pop
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict({ a: new tg.nn.ReLU() })
   * String(d.pop('a')) // => 'ReLU()'
   * d.keys()
   * ```
   */
  pop(key: string): Module {
    const m = this.get(key);
    delete (this as unknown as Attrs)[key];
    return m;
  }
  /**
   * Removes every module.
   *
   * @see ModuleDict.clear
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict({ a: new tg.nn.ReLU() })
   * d.clear()
   * d.keys() // => []
   * ```
   */
  clear(): void {
    for (const k of this.keys()) delete (this as unknown as Attrs)[k];
  }
  /**
   * The names, in insertion order.
   *
   * @see ModuleDict.keys
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict({ a: new tg.nn.ReLU(), b: new tg.nn.Tanh() })
   * d.keys() // => ['a', 'b']
   * ```
   */
  keys(): string[] {
    return this._namedModuleEntries().map(([k]) => k);
  }
  /**
   * The modules, in insertion order.
   *
   * @see ModuleDict.values
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict({ a: new tg.nn.ReLU() })
   * d.values().map(String) // => ['ReLU()']
   * ```
   */
  values(): Module[] {
    return this._namedModuleEntries().map(([, m]) => m);
  }
  /**
   * The [name, module] pairs, in insertion order.
   *
   * @see ModuleDict.items
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict({ a: new tg.nn.ReLU() })
   * d.items().map(([k, m]) => k + ':' + m) // => ['a:ReLU()']
   * ```
   */
  items(): [string, Module][] {
    return this._namedModuleEntries();
  }
  /**
   * Adds or replaces modules from an object, Map or pairs.
   *
   * Adds each [key, module] of a Map, a plain object or an iterable of pairs, in order.
   *
   * @see ModuleDict.update
   * @example
   * ```ts
   * const d = new tg.nn.ModuleDict()
   * d.update({ a: new tg.nn.ReLU(), b: new tg.nn.Tanh() })
   * d.keys() // => ['a', 'b']
   * ```
   */
  update(modules: Record<string, Module> | Map<string, Module> | Iterable<[string, Module]>): void {
    for (const [k, m] of pairsOf('ModuleDict.update', 'modules', modules, false)) {
      if (!(m instanceof Module)) throw typeError('ModuleDict.update', `value for key '${k}' is not a Module (got ${describe(m)})`);
      this.registerModule(k, m);
    }
  }
  /** The keys, as iterating a Python dict. */
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
}

/**
 * Holds parameters in a list, registered on the parent module.
 *
 * A list of parameters registered as '0', '1', ... (a plain tensor becomes a Parameter, as in PyTorch 1.13),
 * with `length`, `get(i)`/`at(i)`, `append`, `extend` and iteration.
 *
 * @see torch.nn.ParameterList
 * @example
 * ```ts
 * const l = new tg.nn.ParameterList([new tg.nn.Parameter(tg.ones(2))])
 * l.length // => 1
 * ```
 */
export class ParameterList extends Module {
  constructor(values?: Iterable<Tensor> | { values?: Iterable<Tensor> }) {
    super();
    [values] = parseArgs(SIG.ParameterList, arguments) as [Iterable<Tensor> | undefined];
    if (values !== undefined && values !== null) this.extend(values);
  }
  private _entries(): [string, Tensor][] {
    return tensorEntries(this);
  }
  override get length(): number {
    return this._entries().length;
  }
  /**
   * The parameter at an index.
   *
   * The parameter at position i (negative counts from the end).
   *
   * @see torch.nn.ParameterList.__getitem__
   * @example
   * ```ts
   * const l = new tg.nn.ParameterList([new tg.nn.Parameter(tg.zeros(2))])
   * l.get(0).shape // => [2]
   * ```
   */
  get(i: number): Tensor {
    const e = this._entries();
    if (typeof i !== 'number' || !Number.isInteger(i)) throw typeError('ParameterList.get', `index must be an integer, got ${describe(i)}`);
    if (i < -e.length || i >= e.length) throw rangeError('ParameterList.get', `index ${i} is out of range`);
    return e[i < 0 ? i + e.length : i][1];
  }
  /**
   * The parameter at an index (negative counts from the end).
   *
   * Same as get(i).
   *
   * @see torch.nn.ParameterList.__getitem__
   * @example
   * ```ts
   * const l = new tg.nn.ParameterList([new tg.nn.Parameter(tg.ones(1))])
   * l.at(-1).shape // => [1]
   * ```
   */
  at(i: number): Tensor {
    return this.get(i);
  }
  /**
   * Appends a parameter; returns the list.
   *
   * Appends a parameter (a plain tensor is made a Parameter) under String(length); returns this.
   *
   * @see ParameterList.append
   * @example
   * ```ts
   * const l = new tg.nn.ParameterList()
   * l.append(new tg.nn.Parameter(tg.ones(1))).length // => 1
   * ```
   */
  append(value: Tensor): this {
    if (!(value instanceof Tensor)) throw typeError('ParameterList.append', `expected a Tensor, got ${describe(value)}`);
    this.registerParameter(String(this.length), isParameter(value) ? value : Parameter(value));
    return this;
  }
  /**
   * Appends several parameters; returns the list.
   *
   * Appends each tensor in turn; returns this.
   *
   * @see ParameterList.extend
   * @example
   * ```ts
   * const l = new tg.nn.ParameterList()
   * l.extend([new tg.nn.Parameter(tg.ones(1)), new tg.nn.Parameter(tg.ones(1))]).length // => 2
   * ```
   */
  extend(values: Iterable<Tensor>): this {
    if (values === null || typeof (values as Iterable<Tensor>)?.[Symbol.iterator] !== 'function')
      throw typeError('ParameterList.extend', `expected an iterable of Tensors, got ${describe(values)}`);
    for (const v of values) this.append(v);
    return this;
  }
  [Symbol.iterator](): Iterator<Tensor> {
    return this._entries().map(([, p]) => p)[Symbol.iterator]();
  }
  /**
   * One line per parameter, as PyTorch's ParameterList prints.
   *
   * @see ParameterList.extra_repr
   * @example
   * ```ts
   * new tg.nn.ParameterList([new tg.nn.Parameter(tg.zeros(2))]).extraRepr()
   * // => '  (0): Parameter containing: [torch.float32 of size 2]'
   * ```
   */
  override extraRepr(): string {
    return this._entries().map(([k, p]) => paramLine(k, p, `torch.${p.dtype}`)).join('\n');
  }
}

/**
 * Holds parameters by name, registered on the parent module.
 *
 * Parameters by key (a plain tensor becomes a Parameter): `pd.alpha` and `pd.get('alpha')`; a plain object's
 * keys are sorted, as PyTorch 1.13 sorts a dict's (a Map keeps its order).
 *
 * @see torch.nn.ParameterDict
 * @example
 * ```ts
 * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(2)) })
 * d.get('w').shape // => [2]
 * ```
 */
export class ParameterDict extends Module {
  constructor(parameters?: Record<string, Tensor> | Map<string, Tensor> | Iterable<[string, Tensor]> | { parameters?: unknown }) {
    super();
    const isDict = parameters !== null && typeof parameters === 'object' && !(parameters instanceof Map) && Object.values(parameters).some((p) => p instanceof Tensor);
    if (!isDict) [parameters] = parseArgs(SIG.ParameterDict, arguments) as [typeof parameters];
    if (parameters !== undefined && parameters !== null) this.update(parameters as Map<string, Tensor>);
  }
  private _entries(): [string, Tensor][] {
    return tensorEntries(this);
  }
  override get length(): number {
    return this.keys().length;
  }
  /**
   * The parameter under a name.
   *
   * The parameter under key, or `default` (undefined if not given) when the key is missing (Python's dict.get).
   *
   * @see torch.nn.ParameterDict.__getitem__
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(2)) })
   * d.get('w').shape // => [2]
   * ```
   */
  get(key: string, defaultValue?: Tensor | null): Tensor | null | undefined {
    return this.has(key) ? ((this as unknown as Attrs)[key] as Tensor) : defaultValue;
  }
  /**
   * Registers a parameter under a name.
   *
   * Adds or replaces the parameter under key (a plain tensor is made a Parameter); returns this.
   *
   * @see torch.nn.ParameterDict.__setitem__
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict()
   * d.set('b', new tg.nn.Parameter(tg.zeros(1)))
   * d.keys() // => ['b']
   * ```
   */
  set(key: string, value: Tensor): this {
    if (!(value instanceof Tensor)) throw typeError('ParameterDict.set', `value for key '${String(key)}' is not a Tensor (got ${describe(value)})`);
    this.registerParameter(key, isParameter(value) ? value : Parameter(value));
    return this;
  }
  /**
   * Whether a name is present (Python's `in`).
   *
   * @see torch.nn.ParameterDict.__contains__
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.has('w') // => true
   * ```
   */
  has(key: string): boolean {
    return this.keys().includes(key);
  }
  /**
   * Removes a parameter by name and returns it.
   *
   * Removes the parameter under key and returns it; a missing key is a RangeError naming it.
   *
   * @see ParameterDict.pop
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.pop('w').shape // => [1]
   * ```
   */
  pop(key: string): Tensor {
    if (!this.has(key)) throw rangeError('ParameterDict.pop', `no parameter under key '${String(key)}'`);
    const p = (this as unknown as Attrs)[key] as Tensor;
    delete (this as unknown as Attrs)[key];
    return p;
  }
  /**
   * A new ParameterDict holding the same parameters (a shallow copy).
   *
   * @see torch.nn.ParameterDict.copy
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.copy().get('w') === d.get('w') // => true
   * ```
   */
  copy(): ParameterDict {
    return new ParameterDict(new Map(this._entries()));
  }
  /**
   * A new ParameterDict with each of keys holding `default` (the same tensor under every key).
   *
   * PyTorch allows a None default; tensorgrad's ParameterDict holds tensors, so default is required.
   *
   * @see torch.nn.ParameterDict.fromkeys
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict().fromkeys(['a', 'b'], new tg.nn.Parameter(tg.zeros(2)))
   * d.keys() // => ['a', 'b']
   * ```
   */
  fromkeys(keys: Iterable<string>, defaultValue: Tensor): ParameterDict {
    const op = 'ParameterDict.fromkeys';
    if (keys === null || typeof (keys as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== 'function' || typeof keys === 'string')
      throw typeError(op, `keys must be an iterable of strings, got ${describe(keys)}`);
    if (!(defaultValue instanceof Tensor)) throw typeError(op, `default must be a Tensor (tensorgrad's ParameterDict holds tensors), got ${describe(defaultValue)}`);
    const p = isParameter(defaultValue) ? defaultValue : Parameter(defaultValue);
    return new ParameterDict(new Map([...keys].map((k) => [k, p] as [string, Tensor])));
  }
  /**
   * Removes the last inserted parameter and returns [key, parameter]; an empty dict is a RangeError.
   *
   * @see torch.nn.ParameterDict.popitem
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ a: new tg.nn.Parameter(tg.ones(1)), b: new tg.nn.Parameter(tg.zeros(1)) })
   * d.popitem()[0] // => 'b'
   * d.keys() // => ['a']
   * ```
   */
  popitem(): [string, Tensor] {
    const keys = this.keys();
    if (keys.length === 0) throw rangeError('ParameterDict.popitem', 'popitem(): dictionary is empty');
    const k = keys[keys.length - 1];
    return [k, this.pop(k)];
  }
  /**
   * The parameter under key, first setting it to `default` when the key is missing.
   *
   * @see torch.nn.ParameterDict.setdefault
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict()
   * d.setdefault('w', new tg.nn.Parameter(tg.ones(2))).shape // => [2]
   * d.keys() // => ['w']
   * ```
   */
  setdefault(key: string, defaultValue: Tensor): Tensor {
    if (!this.has(key)) {
      if (!(defaultValue instanceof Tensor)) throw typeError('ParameterDict.setdefault', `no parameter under key '${String(key)}' and the default is not a Tensor (got ${describe(defaultValue)})`);
      this.set(key, defaultValue);
    }
    return (this as unknown as Attrs)[key] as Tensor;
  }
  /**
   * Removes every parameter.
   *
   * @see ParameterDict.clear
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.clear()
   * d.keys() // => []
   * ```
   */
  clear(): void {
    for (const k of this.keys()) delete (this as unknown as Attrs)[k];
  }
  /**
   * The names, in insertion order.
   *
   * @see ParameterDict.keys
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.keys() // => ['w']
   * ```
   */
  keys(): string[] {
    return this._entries().map(([k]) => k);
  }
  /**
   * The parameters, in insertion order.
   *
   * @see ParameterDict.values
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.values().length // => 1
   * ```
   */
  values(): Tensor[] {
    return this._entries().map(([, p]) => p);
  }
  /**
   * The [name, parameter] pairs.
   *
   * @see ParameterDict.items
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.items()[0][0] // => 'w'
   * ```
   */
  items(): [string, Tensor][] {
    return this._entries();
  }
  /**
   * Adds or replaces parameters from an object, Map or pairs.
   *
   * Adds each [key, parameter] of a Map or an iterable of pairs in order, or of a plain object in sorted key order.
   *
   * @see ParameterDict.update
   * @example
   * ```ts
   * const d = new tg.nn.ParameterDict()
   * d.update({ w: new tg.nn.Parameter(tg.ones(1)) })
   * d.keys() // => ['w']
   * ```
   */
  update(parameters: Record<string, Tensor> | Map<string, Tensor> | Iterable<[string, Tensor]>): void {
    for (const [k, p] of pairsOf('ParameterDict.update', 'parameters', parameters, true)) {
      if (!(p instanceof Tensor)) throw typeError('ParameterDict.update', `value for key '${k}' is not a Tensor (got ${describe(p)})`);
      this.set(k, p);
    }
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  /**
   * One line per parameter, as PyTorch's ParameterDict prints.
   *
   * @see ParameterDict.extra_repr
   * @example
   * ```ts
   * new tg.nn.ParameterDict({ w: new tg.nn.Parameter(tg.ones(2)) }).extraRepr()
   * // => '  (w): Parameter containing: [torch.FloatTensor of size 2]'
   * ```
   */
  override extraRepr(): string {
    return this._entries().map(([k, p]) => paramLine(k, p, TYPENAME[p.dtype] ?? `torch.${p.dtype}`)).join('\n');
  }
}

for (const [name, cls] of Object.entries({ ModuleDict, ParameterList, ParameterDict })) declareConstructor(cls, SIG[name as keyof typeof SIG]);
kwMethods(ModuleDict.prototype, 'ModuleDict', {
  get: 'key', set: 'key, module', has: 'key', pop: 'key', clear: '', keys: '', values: '', items: '', update: 'modules{}',
});
kwMethods(ParameterList.prototype, 'ParameterList', { get: 'idx', at: 'idx', append: 'value', extend: 'values', extraRepr: '' });
kwMethods(ParameterDict.prototype, 'ParameterDict', {
  get: 'key, default', set: 'key, value', has: 'key', pop: 'key', clear: '', keys: '', values: '', items: '', update: 'parameters{}', extraRepr: '',
  copy: '', fromkeys: 'keys, default', popitem: '', setdefault: 'key, default',
});
