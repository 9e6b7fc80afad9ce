// nn.Module and nn.Parameter: PyTorch's module model in JS.
//
// Note [Registration by assignment]: PyTorch's Module.__setattr__ files a Parameter or Module assigned to an
// attribute under its name. Here the same holds by reading the module's own properties, in assignment order,
// whenever parameters()/children()/stateDict() are asked for: a property holding a Module is a child; one
// holding a Parameter (made by tg.nn.Parameter, or any leaf tensor with requiresGrad true) is a parameter;
// a name given to registerBuffer() holds a buffer (any tensor assigned there later too, unless it is a
// tg.nn.Parameter; a deleted attribute stops being one at the next traversal, as JS cannot intercept delete).
// So `this.weight = tg.nn.Parameter(tg.randn([3, 4]))` in a constructor registers `weight`, and reassigning
// the property replaces it, as in PyTorch. Properties whose name starts with `_` are private bookkeeping and
// never registered.
//
// Note [Registration order]: PyTorch keeps _parameters, _buffers and _modules as dicts, in insertion order.
// Object.keys lists integer-like names ('0', '1') before all others whatever the order they were assigned
// in, so each module records its names in `_names` as it sees them: register*() / addModule() record theirs
// when called, and every traversal first appends any property assigned since (see syncNames). Only integer-like
// names assigned as plain properties (`m['3'] = ...`) can still come out of order; containers never do that.
//
// Note [Shared modules and parameters]: one module or parameter may be registered under several names
// (`new Sequential(lin, lin)`, tied weights). As in PyTorch, the per-name views keep every name:
// stateDict() (and so loadStateDict), the printout, and a container's length, positions and forward; the
// object views deduplicate: children(), modules(), parameters() and their named forms list each object once,
// under its first name, so an optimizer steps a shared parameter once with its grad summed over all uses.
//
// Note [PyTorch names]: attributes follow the naming rule (`bn.runningMean`, `lstm.weightIhL0`, API.md) while
// stateDict keys are PyTorch's own (`running_mean`, `weight_ih_l0`), so checkpoints move between the two. A
// built-in module maps each such attribute to PyTorch's name with _pyName(attr, name); every name the module
// shows (stateDict, loadStateDict, named*(), the repr) is the mapped one, while traversal, to() and
// registration work on attributes. A user's module maps nothing: its names are its attributes, as written.
import { Tensor, kParameter } from '../tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { zeroGradOf } from '../autograd/grad_utils.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isDType, isFloat, type DType } from '../dtype.js';
import { to, emptyLike } from '../ops/creation.js';
import { checkWritable } from '../ops/shape.js';
import { kw, kwMethods, signature, declareConstructor, parseArgs } from '../kwargs.js';
import { BackwardHookState, getSubmodule, getParameter, getBuffer, type FullBackwardHook } from './module_hooks.js';

const MODULE_SIG = signature('nn.Module', '');

const PARAM = kParameter;
type Marked = Tensor & { [PARAM]?: boolean };

/**
 * A tensor that a module registers as a parameter (requiresGrad true by default).
 *
 * A module parameter: a new leaf tensor sharing `data`'s storage, with requiresGrad (default true); `data`
 * itself is left as it was, as in PyTorch. It prints as PyTorch prints one (`Parameter containing:\n...`).
 * A function (`new tg.nn.Parameter(t)` also works from JavaScript).
 *
 * @see torch.nn.Parameter
 * @example
 * ```ts
 * const p = new tg.nn.Parameter(tg.ones(2))
 * p
 * // => Parameter containing:
 * // tensor([1., 1.], requires_grad=True)
 * ```
 */
export const Parameter = kw(signature('nn.Parameter', 'data, requiresGrad'), function Parameter(data: Tensor, requiresGrad: boolean | { requiresGrad?: boolean } = true): Tensor {
  if (!(data instanceof Tensor)) throw typeError('Parameter', `expected a Tensor, got ${describe(data)}`);
  // A Parameter shares storage with its data, and optimizers write it in place.
  checkWritable('Parameter', data);
  const p = data.detach() as Marked;
  p.requiresGrad_(requiresGrad as boolean);
  p[PARAM] = true;
  return p;
});

/**
 * Whether a tensor is an nn.Parameter (registered by modules as a parameter).
 *
 * True for tensors made by nn.Parameter (and for leaves with requiresGrad, which modules also register).
 *
 * @see torch.nn.Parameter
 * @example
 * ```ts
 * tg.nn.isParameter(new tg.nn.Parameter(tg.ones(1))) // => true
 * ```
 */
export function isParameter(x: unknown): x is Tensor {
  return x instanceof Tensor && ((x as Marked)[PARAM] === true || (x.isLeaf && x.requiresGrad));
}

export type StateDict = Record<string, Tensor>;

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

function isModule(x: unknown): x is Module {
  return x instanceof Module;
}

/** A forward pre-hook: hook(module, args); an array it returns replaces args, another value becomes [value]. */
export type ForwardPreHook = (module: Module, args: unknown[]) => unknown;
/** A forward hook: hook(module, args, output); a value it returns replaces the output. */
export type ForwardHook = (module: Module, args: unknown[], output: any) => unknown;
/** hook(module, incompatibleKeys): runs after loadStateDict loaded; it may edit the key lists in place (PyTorch's _IncompatibleKeys). */
export type LoadStateDictPostHook = (module: Module, incompatibleKeys: LoadResult) => void;

let nextHookId = 0;

/** @internal registerBackwardHook's (non-full) hooks, installed by lib/nn/module_backward_hook.ts: attached after forward. */
export const nonFullHooks: { has(m: Module): boolean; attach(m: Module, args: unknown[], result: unknown): void } = {
  has: () => false,
  attach: () => undefined,
};

/** What registerForwardHook and registerForwardPreHook return: remove() unregisters the hook (PyTorch's RemovableHandle). */
export class RemovableHandle {
  /** The hook's id, unique in the process. */
  readonly id: number;
  private readonly table: Map<number, unknown>;
  constructor(table: Map<number, unknown>) {
    this.table = table;
    this.id = nextHookId++;
  }
  /** Unregisters the hook (a second call does nothing). */
  remove(): void {
    this.table.delete(this.id);
  }
}

/**
 * The base class of every module. An instance is callable: `model(x)` runs forward(x) through PyTorch's
 * __call__ (forward pre-hooks, forward, forward hooks); see Note [Callable modules].
 */
export interface Module {
  /** Runs forward(...args) with the forward hooks, as PyTorch's module(x). @example const y = model(x) */
  (...args: any[]): any;
}

// Note [Callable modules]: PyTorch modules are called, `model(x)`, and a class instance in JS cannot be. So
// the Module constructor returns, in place of `this`, an arrow function that runs this module's __call__, with
// new.target's prototype: subclass field initializers, methods, getters/setters and `instanceof` then act on
// the function as on any instance, since a derived constructor's `this` is what super() returned. An arrow
// function has no own `prototype`, `arguments` or `caller`; its own `name` and `length` are deleted, so
// Object.keys lists only what the module assigns (see Note [Registration by assignment]) and modules may own
// `length` (Sequential's getter) or a `name` attribute. Module.prototype is not under Function.prototype, so
// Module's own call/apply/toString are the ones seen. Fields of Module itself would be defined on the discarded
// `this`, so they are `declare`d and assigned in the constructor. JSON.stringify skips functions: toJSON gives
// the own attributes as a plain object, as it did for an object instance.
/**
 * The base class of all modules: subclass it, assign submodules and parameters as properties in the constructor, and write forward.
 *
 * @see torch.nn.Module
 * @example
 * ```ts
 * class Net extends tg.nn.Module { constructor() { super(); this.fc = new tg.nn.Linear(2, 1); } forward(x) { return this.fc(x).sigmoid(); } }
 * const net = new Net()
 * String(net)
 * // => 'Net(
 * //   (fc): Linear(in_features=2, out_features=1, bias=True)
 * // )'
 * net(tg.zeros(3, 2)).shape
 * ```
 */
export class Module {
  /** Training mode (dropout active); set by train()/eval(). */
  declare training: boolean;
  /** @internal Names of parameters registered as null (e.g. Linear without bias). */
  declare _nullParams: Set<string>;
  /** @internal Own property names in registration order. See Note [Registration order]. */
  declare _names: string[];
  /** @internal The same names as a set. */
  declare _nameSet: Set<string>;
  /** @internal Names registered by registerBuffer (PyTorch's _buffers). */
  declare _bufferNames: Set<string>;
  /** @internal Buffers left out of stateDict (registerBuffer(name, t, { persistent: false })). */
  declare _nonPersistent: Set<string>;
  /** @internal Forward pre-hooks by handle id, in registration order. */
  declare _forwardPreHooks: Map<number, ForwardPreHook>;
  /** @internal Forward hooks by handle id, in registration order. */
  declare _forwardHooks: Map<number, ForwardHook>;
  /** @internal Attribute -> PyTorch's name for it. See Note [PyTorch names]. */
  declare _pyNames: Map<string, string>;
  /** @internal Full backward hooks by handle id (lib/nn/module_hooks.ts). */
  declare _backwardHooks: Map<number, FullBackwardHook>;
  /** @internal Load-state-dict post hooks by handle id (registerLoadStateDictPostHook). */
  declare _loadStateDictPostHooks: Map<number, LoadStateDictPostHook>;

  constructor() {
    // Module() takes no arguments: a stray options object is an error (subclasses call super() bare).
    parseArgs(MODULE_SIG, arguments);
    const self = ((...args: unknown[]) => self._callImpl(args)) as unknown as Module;
    delete (self as { name?: string }).name;
    delete (self as { length?: number }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    self.training = true;
    self._nullParams = new Set();
    self._names = [];
    self._nameSet = new Set();
    self._bufferNames = new Set();
    self._nonPersistent = new Set();
    self._forwardPreHooks = new Map();
    self._forwardHooks = new Map();
    self._pyNames = new Map();
    self._backwardHooks = new Map();
    self._loadStateDictPostHooks = new Map();
    return self;
  }

  /**
   * The computation of the module; subclasses override it, and calling the module (`m(x)`) runs it with the hooks.
   *
   * @see torch.nn.Module.forward
   * @example
   * ```ts
   * class Double extends tg.nn.Module { forward(x) { return x.mul(2); } }
   * new Double()(tg.tensor([1, 2])) // tensor([2., 4.])
   * ```
   */
  forward(...args: unknown[]): unknown {
    void args;
    throw new Error(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /**
   * @internal PyTorch's _call_impl: each forward pre-hook may replace the arguments (an array is the new
   * argument list, any other value a single argument), then forward, then each forward hook may replace the
   * output. A hook returning undefined or null (PyTorch's None) changes nothing.
   */
  _callImpl(args: unknown[]): any {
    if (this._forwardPreHooks.size === 0 && this._forwardHooks.size === 0 && this._backwardHooks.size === 0 && !nonFullHooks.has(this)) return this.forward(...args);
    // Copies, so that a hook removing itself (or adding another) does not disturb this call's iteration.
    for (const hook of [...this._forwardPreHooks.values()]) {
      const r = hook(this, args);
      if (r !== undefined && r !== null) args = Array.isArray(r) ? r : [r];
    }
    const bw = this._backwardHooks.size > 0 ? new BackwardHookState(this, [...this._backwardHooks.values()]) : null;
    if (bw) args = bw.setupInputs(args);
    let result = this.forward(...args);
    for (const hook of [...this._forwardHooks.values()]) {
      const r = hook(this, args, result);
      if (r !== undefined && r !== null) result = r;
    }
    if (nonFullHooks.has(this)) nonFullHooks.attach(this, args, result);
    return bw ? bw.setupOutputs(result) : result;
  }

  /**
   * Runs forward with the forward pre-hooks and hooks (PyTorch's `__call__`); `m(x)` is the same.
   *
   * Runs forward with the hooks, the same as calling the module.
   *
   * @see torch.nn.Module.__call__
   * @example
   * ```ts
   * const m = new tg.nn.ReLU()
   * m.call(tg.tensor([-1, 1])) // tensor([0., 1.])
   * ```
   */
  call(...args: any[]): any {
    return this._callImpl(args);
  }

  /**
   * Registers `hook(module, args)` to run before forward; it may replace the arguments.
   *
   * Registers hook(module, args) to run before every forward; a value it returns replaces the arguments (an
   * array is the whole argument list).
   *
   * @see torch.nn.Module.register_forward_pre_hook
   * @example
   * ```ts
   * const m = new tg.nn.ReLU()
   * m.registerForwardPreHook((mod, args) => [args[0].neg()])
   * m(tg.tensor([-3])) // tensor([3.])
   * ```
   */
  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    if (typeof hook !== 'function') throw typeError('registerForwardPreHook', `hook must be a function, got ${describe(hook)}`);
    const h = new RemovableHandle(this._forwardPreHooks);
    this._forwardPreHooks.set(h.id, hook);
    return h;
  }
  /**
   * Registers `hook(module, args, output)` to run after forward; it may replace the output. Returns a handle with remove().
   *
   * Registers hook(module, args, output) to run after every forward; a value it returns replaces the output.
   *
   * @see torch.nn.Module.register_forward_hook
   * @example
   * ```ts
   * const m = new tg.nn.ReLU()
   * const h = m.registerForwardHook((mod, args, out) => out.mul(10))
   * m(tg.tensor([1])) // tensor([10.])
   * h.remove()
   * ```
   */
  registerForwardHook(hook: ForwardHook): RemovableHandle {
    if (typeof hook !== 'function') throw typeError('registerForwardHook', `hook must be a function, got ${describe(hook)}`);
    const h = new RemovableHandle(this._forwardHooks);
    this._forwardHooks.set(h.id, hook);
    return h;
  }

  /**
   * Registers hook(module, gradInput, gradOutput), called when the grads of the module's inputs are computed.
   *
   * Returns a handle whose remove() unregisters it. gradInput and gradOutput are lists (null for an input that needs
   * no grad); a list the hook returns replaces gradInput.
   *
   * @see torch.nn.Module.register_full_backward_hook
   * @example
   * ```ts
   * const lin = new tg.nn.Linear(2, 1)
   * const seen = []
   * const handle = lin.registerFullBackwardHook((m, gradInput, gradOutput) => { seen.push(gradOutput[0].shape) })
   * lin(tg.ones(3, 2, { requiresGrad: true })).sum().backward()
   * seen // => [[3, 1]]
   * handle.remove()
   * ```
   */
  registerFullBackwardHook(hook: FullBackwardHook): RemovableHandle {
    if (typeof hook !== 'function') throw typeError('registerFullBackwardHook', `hook must be a function, got ${describe(hook)}`);
    if (nonFullHooks.has(this)) throw new Error('registerFullBackwardHook: Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.');
    const h = new RemovableHandle(this._backwardHooks);
    this._backwardHooks.set(h.id, hook);
    return h;
  }
  /**
   * The submodule at a dotted path ('' is this module).
   *
   * @see torch.nn.Module.get_submodule
   * @example
   * ```ts
   * const model = new tg.nn.Sequential(new tg.nn.Linear(2, 3), new tg.nn.ReLU())
   * String(model.getSubmodule('0')) // => 'Linear(in_features=2, out_features=3, bias=True)'
   * model.getSubmodule('') === model // => true
   * ```
   */
  getSubmodule(target: string): Module { return getSubmodule(this, target); }
  /**
   * The parameter at a dotted path.
   *
   * @see torch.nn.Module.get_parameter
   * @example
   * ```ts
   * const model = new tg.nn.Sequential(new tg.nn.Linear(2, 3))
   * model.getParameter('0.bias').shape // => [3]
   * ```
   */
  getParameter(target: string): Tensor { return getParameter(this, target); }
  /**
   * The buffer at a dotted path.
   *
   * @see torch.nn.Module.get_buffer
   * @example
   * ```ts
   * const model = new tg.nn.Sequential(new tg.nn.BatchNorm1d(2))
   * model.getBuffer('0.running_var') // tensor([1., 1.])
   * ```
   */
  getBuffer(target: string): Tensor { return getBuffer(this, target); }

  /**
   * The repr as a string, so JSON.stringify and console.log show the module as PyTorch prints it.
   *
   * The module's own attributes as a plain object (JSON.stringify skips functions; it passes the property
   * key, unused). See Note [Callable modules].
   *
   * @see torch.nn.Module.__repr__
   * @example
   * ```ts
   * JSON.stringify({ m: new tg.nn.ReLU() })
   * // => '{"m":{"training":true,"_nullParams":{},"_names":[],"_nameSet":{},"_bufferNames":{},"_nonPersistent":{},"_forwardPreHooks":{},"_forwardHooks":{},"_pyNames":{},"_backwardHooks":{},"_loadStateDictPostHooks":{},"inplace":false}}'
   * ```
   */
  toJSON(key?: string): Record<string, unknown> {
    void key;
    return { ...(this as unknown as Record<string, unknown>) };
  }

  // ---- registration ----------------------------------------------------------------------------------------
  /**
   * @internal Shows attribute `attr` under PyTorch's `name` in stateDict, named*() and the repr (Note [PyTorch
   * names]). @example this._pyName('runningMean', 'running_mean')
   */
  _pyName(attr: string, name: string): void {
    this._pyNames.set(attr, name);
  }
  /** @internal The name shown for attribute `attr`. */
  _shownName(attr: string): string {
    return this._pyNames.get(attr) ?? attr;
  }

  private checkName(op: string, name: unknown): asserts name is string {
    if (typeof name !== 'string') throw typeError(op, `name must be a string, got ${describe(name)}`);
    if (name === '' || name.includes('.')) throw rangeError(op, `name can't be empty or contain ".", got "${name}"`);
    if (name.startsWith('_')) throw rangeError(op, `names starting with "_" are reserved, got "${name}"`);
    // PyTorch's KeyError "attribute 'x' already exists": a method, getter or the training flag would be shadowed
    // (a ModuleDict key 'keys', a buffer named 'forward').
    if (name === 'training' || (name in this && !Object.prototype.hasOwnProperty.call(this, name)))
      throw rangeError(op, `attribute '${name}' already exists`);
  }

  /**
   * Registers a parameter under a name (null to declare an absent one).
   *
   * Adds a parameter (or null, a placeholder that stateDict skips).
   *
   * @see torch.nn.Module.register_parameter
   * @example
   * ```ts
   * const m = new tg.nn.Module()
   * m.registerParameter('scale', new tg.nn.Parameter(tg.ones(1)))
   * Object.keys(m.stateDict()) // => ['scale']
   * ```
   */
  registerParameter(name: string, param: Tensor | null): void {
    this.checkName('registerParameter', name);
    if (param !== null && !(param instanceof Tensor)) throw typeError('registerParameter', `cannot assign ${describe(param)} as parameter '${name}' (a Tensor or null is required)`);
    if (param === null) this._nullParams.add(name);
    else {
      this._nullParams.delete(name);
      (param as Marked)[PARAM] = true;
    }
    this.setNamed(name, param);
  }

  /**
   * Registers a buffer (state that is not a parameter; persistent buffers go into stateDict).
   *
   * Adds a buffer: state that is not a parameter (running stats), saved in stateDict unless persistent is
   * false. Assigning another tensor to the attribute later keeps it a buffer, as in PyTorch; a Parameter
   * assigned there makes it a parameter.
   *
   * @see torch.nn.Module.register_buffer
   * @example
   * ```ts
   * const m = new tg.nn.Module()
   * m.registerBuffer('step', tg.zeros(1))
   * Object.keys(m.stateDict()) // => ['step']
   * ```
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent: boolean | { persistent?: boolean } = true): void {
    this.checkName('registerBuffer', name);
    if (tensor !== null && !(tensor instanceof Tensor)) throw typeError('registerBuffer', `cannot assign ${describe(tensor)} as buffer '${name}' (a Tensor or null is required)`);
    if (typeof persistent !== 'boolean') throw typeError('registerBuffer', `persistent must be a boolean, got ${describe(persistent)}`);
    this.setNamed(name, tensor);
    // After setNamed: its sync drops buffer names that are not yet own properties.
    this._bufferNames.add(name);
    if (persistent) this._nonPersistent.delete(name);
    else this._nonPersistent.add(name);
  }

  /**
   * Registers a submodule under a name (alias of addModule).
   *
   * Adds a child module (a name already in use keeps its place).
   *
   * @see torch.nn.Module.register_module
   * @example
   * ```ts
   * const m = new tg.nn.Module()
   * m.registerModule('act', new tg.nn.Tanh())
   * m.namedChildren().map(([n]) => n) // => ['act']
   * ```
   */
  registerModule(name: string, module: Module | null): void {
    this.checkName('registerModule', name);
    if (module !== null && !isModule(module)) throw typeError('registerModule', `${describe(module)} is not a Module subclass`);
    this.setNamed(name, module);
  }
  /**
   * Registers a submodule under a name (PyTorch's add_module).
   *
   * registerModule under PyTorch's other name.
   *
   * @see torch.nn.Module.add_module
   * @example
   * ```ts
   * const m = new tg.nn.Module()
   * m.addModule('act', new tg.nn.ReLU())
   * String(m)
   * // => 'Module(
   * //   (act): ReLU()
   * // )'
   * ```
   */
  addModule(name: string, module: Module | null): void {
    this.registerModule(name, module);
  }

  /** Assigns a registered property, recording its place. See Note [Registration order]. */
  private setNamed(name: string, value: unknown): void {
    this.syncNames();
    (this as Record<string, unknown>)[name] = value;
    if (!this._nameSet.has(name)) {
      this._names.push(name);
      this._nameSet.add(name);
    }
  }
  /** Brings _names up to date with the own properties: drops deleted ones, appends ones assigned since. */
  private syncNames(): void {
    const keys = Object.keys(this).filter((k) => !k.startsWith('_') && k !== 'training');
    if (keys.length === this._names.length && keys.every((k) => this._nameSet.has(k))) return;
    const own = new Set(keys);
    const names = this._names.filter((k) => own.has(k));
    const known = new Set(names);
    for (const k of keys) if (!known.has(k)) {
      names.push(k);
      known.add(k);
    }
    this._names = names;
    this._nameSet = known;
    // A deleted attribute is no longer a buffer (PyTorch's __delattr__).
    for (const k of [...this._bufferNames]) if (!own.has(k)) {
      this._bufferNames.delete(k);
      this._nonPersistent.delete(k);
    }
  }
  private ownEntries(): [string, unknown][] {
    this.syncNames();
    return this._names.map((k) => [k, (this as Record<string, unknown>)[k]]);
  }

  // ---- traversal -----------------------------------------------------------------------------------------
  /** [name, parameter] pairs of this module only. */
  private ownParameters(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [k, v] of this.ownEntries()) if (isParameter(v) && !this.isBufferEntry(k, v)) out.push([k, v]);
    return out;
  }
  /** A buffer is a tensor under a name given to registerBuffer, unless a Parameter was assigned there since. */
  private isBufferEntry(k: string, v: unknown): v is Tensor {
    return v instanceof Tensor && this._bufferNames.has(k) && (v as Marked)[PARAM] !== true;
  }
  private ownBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [k, v] of this.ownEntries()) if (this.isBufferEntry(k, v)) out.push([k, v]);
    return out;
  }

  /** @internal Every [name, tensor] attribute in registration order (the parameter containers' entries). */
  _ownTensorEntries(): [string, Tensor][] {
    return this.ownEntries().filter((e): e is [string, Tensor] => e[1] instanceof Tensor);
  }

  /**
   * @internal Every [name, child] registration, in order, a module registered twice under both names (PyTorch's
   * _modules). See Note [Shared modules and parameters].
   */
  _namedModuleEntries(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [k, v] of this.ownEntries()) if (isModule(v)) out.push([this._shownName(k), v]);
    return out;
  }

  /**
   * The direct submodules with their names.
   *
   * [name, child] pairs in registration order, each child once (under its first name).
   *
   * @see torch.nn.Module.named_children
   * @example
   * ```ts
   * const m = new tg.nn.Sequential(new tg.nn.Linear(2, 1), new tg.nn.ReLU())
   * m.namedChildren().map(([n]) => n) // => ['0', '1']
   * ```
   */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    for (const [k, v] of this.ownEntries()) {
      if (isModule(v) && !seen.has(v)) {
        seen.add(v);
        out.push([this._shownName(k), v]);
      }
    }
    return out;
  }
  /**
   * The direct submodules.
   *
   * @see torch.nn.Module.children
   * @example
   * ```ts
   * const m = new tg.nn.Sequential(new tg.nn.Linear(2, 2), new tg.nn.ReLU())
   * m.children().map(String) // => ['Linear(in_features=2, out_features=2, bias=True)', 'ReLU()']
   * ```
   */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /**
   * This module and every submodule with dotted names ('' for this one).
   *
   * This module and every descendant, with dotted names ('' for this one, or `prefix`). Shared modules appear
   * once unless removeDuplicate is false (then each registration is visited). `memo` is PyTorch's set of
   * modules already listed.
   *
   * @see torch.nn.Module.named_modules
   * @example
   * ```ts
   * const m = new tg.nn.Sequential(new tg.nn.Linear(2, 1))
   * m.namedModules().map(([n]) => n) // => ['', '0']
   * ```
   */
  namedModules(memo: Set<Module> | null = null, prefix = '', removeDuplicate = true): [string, Module][] {
    if (memo !== null && !(memo instanceof Set)) throw typeError('namedModules', `memo must be a Set or null, got ${describe(memo)}`);
    if (typeof prefix !== 'string') throw typeError('namedModules', `prefix must be a string, got ${describe(prefix)}`);
    memo ??= new Set();
    if (memo.has(this)) return [];
    if (removeDuplicate) memo.add(this);
    const out: [string, Module][] = [[prefix, this]];
    const kids = removeDuplicate ? this.namedChildren() : this._namedModuleEntries();
    for (const [k, m] of kids) out.push(...m.namedModules(memo, prefix ? `${prefix}.${k}` : k, removeDuplicate));
    return out;
  }
  /**
   * This module and all submodules, depth first.
   *
   * @see torch.nn.Module.modules
   * @example
   * ```ts
   * const m = new tg.nn.Sequential(new tg.nn.Linear(2, 2))
   * m.modules().length // => 2
   * ```
   */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /**
   * The parameters with their dotted names, as [name, tensor] pairs.
   *
   * [dotted name, parameter] pairs of this module and its descendants (each tensor once).
   *
   * @see torch.nn.Module.named_parameters
   * @example
   * ```ts
   * const m = new tg.nn.Sequential(new tg.nn.Linear(2, 1))
   * m.namedParameters().map(([n]) => n) // => ['0.weight', '0.bias']
   * ```
   */
  namedParameters(prefix = '', recurse = true): [string, Tensor][] {
    const mods: [string, Module][] = recurse === false ? [[prefix, this]] : this.namedModules(null, prefix);
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [mp, m] of mods)
      for (const [k, p] of m.ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        out.push([mp ? `${mp}.${m._shownName(k)}` : m._shownName(k), p]);
      }
    return out;
  }
  /**
   * The module's parameters, including submodules', for an optimizer.
   *
   * Every parameter, in registration order (what optimizers take).
   *
   * @see torch.nn.Module.parameters
   * @example
   * ```ts
   * new tg.nn.Linear(2, 3).parameters().map((p) => p.shape) // => [[3, 2], [3]]
   * ```
   */
  parameters(recurse = true): Tensor[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }
  /**
   * The buffers with their dotted names.
   *
   * [dotted name, buffer] pairs of this module (and, with recurse, its descendants); each tensor once, as parameters.
   *
   * @see torch.nn.Module.named_buffers
   * @example
   * ```ts
   * new tg.nn.BatchNorm1d(2).namedBuffers().map(([n]) => n)
   * // => ['running_mean', 'running_var', 'num_batches_tracked']
   * ```
   */
  namedBuffers(prefix = '', recurse = true): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    const mods: [string, Module][] = recurse === false ? [[prefix, this]] : this.namedModules(null, prefix);
    for (const [mp, m] of mods)
      for (const [k, b] of m.ownBuffers()) {
        if (seen.has(b)) continue;
        seen.add(b);
        out.push([mp ? `${mp}.${m._shownName(k)}` : m._shownName(k), b]);
      }
    return out;
  }
  /**
   * The module's buffers (running stats, ...) including submodules'.
   *
   * @see torch.nn.Module.buffers
   * @example
   * ```ts
   * const bn = new tg.nn.BatchNorm1d(2)
   * bn.buffers().length // => 3
   * ```
   */
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, b]) => b);
  }

  /**
   * Calls `fn` on every submodule and then this module (e.g. custom initialization).
   *
   * Calls fn on every descendant and then on this module; returns this.
   *
   * @see torch.nn.Module.apply
   * @example
   * ```ts
   * const m = new tg.nn.Sequential(new tg.nn.Linear(2, 2), new tg.nn.Linear(2, 1))
   * m.apply((l) => { if (l instanceof tg.nn.Linear) tg.nn.init.zeros_(l.bias); })
   * m.get(1).bias.data // tensor([0.])
   * ```
   */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  // ---- modes and grads ------------------------------------------------------------------------------------
  /**
   * Sets training mode (dropout active, batch norm updating its statistics) for this module and its children.
   *
   * Sets training mode here and in every descendant; returns this.
   *
   * @see torch.nn.Module.train
   * @example
   * ```ts
   * const m = new tg.nn.Dropout(0.5)
   * m.eval().train()
   * m.training // => true
   * ```
   */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw typeError('train', `training mode is expected to be a boolean, got ${describe(mode)}`);
    this.training = mode;
    for (const c of this.children()) c.train(mode);
    return this;
  }
  /**
   * Sets evaluation mode (dropout off, batch norm using running statistics); returns the module.
   *
   * train(false).
   *
   * @see torch.nn.Module.eval
   * @example
   * ```ts
   * const m = new tg.nn.Dropout(0.5).eval()
   * m(tg.ones(3)) // tensor([1., 1., 1.])
   * ```
   */
  eval(): this {
    return this.train(false);
  }
  /**
   * Sets requiresGrad on every parameter (freezing with false); returns the module.
   *
   * Sets requiresGrad on every parameter; returns this.
   *
   * @see torch.nn.Module.requires_grad_
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1).requiresGrad_(false)
   * m.weight.requiresGrad // => false
   * ```
   */
  requiresGrad_(flag = true): this {
    for (const p of this.parameters()) p.requiresGrad_(flag);
    return this;
  }

  /**
   * Zeroes the gradients of all parameters (PyTorch 1.13's default); `setToNone: true` sets them to null instead.
   *
   * Clears the grads of every parameter. PyTorch 1.13's default (setToNone false) zeroes them in place;
   * setToNone: true drops them (grad = null).
   *
   * @see torch.nn.Module.zero_grad
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1)
   * m(tg.ones(1, 2)).sum().backward()
   * m.zeroGrad()
   * m.weight.grad // tensor([[0., 0.]])
   * ```
   */
  zeroGrad(setToNone: boolean | { setToNone?: boolean } = false): void {
    for (const p of this.parameters()) zeroGradOf(p, setToNone === true);
  }

  // ---- state ------------------------------------------------------------------------------------------------
  /**
   * The parameters and persistent buffers by PyTorch's dotted names (detached), for checkpoints.
   *
   * Parameters and buffers by dotted name, sharing storage with the module (detached). A module or parameter
   * registered under several names appears under each (see Note [Shared modules and parameters]). `prefix` is
   * put in front of every key as given (PyTorch's state_dict(prefix='model.')).
   *
   * @see torch.nn.Module.state_dict
   * @example
   * ```ts
   * Object.keys(new tg.nn.Linear(2, 1).stateDict()) // => ['weight', 'bias']
   * ```
   */
  stateDict(destination?: StateDict | null | { destination?: StateDict | null; prefix?: string; keepVars?: boolean }, prefix = '', keepVars = false): StateDict {
    const out: StateDict = (destination ?? {}) as StateDict;
    this.saveStateTo(out, prefix, keepVars);
    return out;
  }
  private saveStateTo(out: StateDict, prefix: string, keepVars: boolean): void {
    for (const [k, t] of this.ownParameters()) out[prefix + this._shownName(k)] = keepVars ? t : t.detach();
    for (const [k, t] of this.ownBuffers()) if (!this._nonPersistent.has(k)) out[prefix + this._shownName(k)] = keepVars ? t : t.detach();
    // Note [Extra state]: a subclass that overrides getExtraState saves it under PyTorch's key `_extra_state`
    // (any value, not only a tensor), and loadStateDict hands it back to setExtraState.
    if (hasExtraState(this, 'getExtraState')) (out as Record<string, unknown>)[`${prefix}_extra_state`] = this.getExtraState();
    for (const [k, m] of this._namedModuleEntries()) m.saveStateTo(out, `${prefix}${k}.`, keepVars);
  }

  /**
   * Copies tensors from a state dict into the parameters and buffers (strict by default); returns missing and unexpected keys.
   *
   * Copies tensors into the parameters and buffers of the same names (cast to their dtype). With strict
   * (default true) missing or unexpected keys and any shape mismatch throw; otherwise the missing and
   * unexpected keys are returned.
   *
   * @see torch.nn.Module.load_state_dict
   * @example
   * ```ts
   * const a = new tg.nn.Linear(2, 1), b = new tg.nn.Linear(2, 1)
   * b.loadStateDict(a.stateDict())
   * tg.equal(a.weight, b.weight) // => true
   * ```
   */
  loadStateDict(state: StateDict | Map<string, Tensor>, strictArg: { strict?: boolean } | boolean = true): LoadResult {
    const strict = strictArg !== false;
    if (state === null || typeof state !== 'object') throw typeError('loadStateDict', `expected an object of Tensors, got ${describe(state)}`);
    const entries = state instanceof Map ? [...state.entries()] : Object.entries(state);
    const given = new Map<string, unknown>(entries);
    // Lazy modules materialize their uninitialized tensors to the loaded shapes first (Note [Lazy modules], lazy.ts)
    for (const [name, m] of this.namedModules()) (m as { _lazyLoad?: (prefix: string, given: Map<string, unknown>) => void })._lazyLoad?.(name ? `${name}.` : '', given);
    const own = this.stateDict(null, '', true);
    // Note [Extra state]: the `_extra_state` keys of the modules that override setExtraState
    const extra = new Map<string, Module>();
    for (const [name, m] of this.namedModules()) if (hasExtraState(m, 'setExtraState')) extra.set(name ? `${name}._extra_state` : '_extra_state', m);
    const tensorKeys = Object.keys(own).filter((k) => !extra.has(k) && own[k] instanceof Tensor);
    const errors: string[] = [];
    for (const [name, src] of entries) {
      const dst = own[name];
      if (dst === undefined || extra.has(name)) continue;
      if (!(src instanceof Tensor)) errors.push(`expected a Tensor for "${name}", got ${describe(src)}`);
      else if (src.shape.join() !== dst.shape.join())
        errors.push(`size mismatch for ${name}: copying a param with shape ${fmtShape(src.shape)} from checkpoint, the shape in current model is ${fmtShape(dst.shape)}.`);
    }
    if (errors.length) throw new Error(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join('\n\t')}`);
    noGrad(() => {
      for (const k of tensorKeys) if (given.has(k)) own[k].copy_(given.get(k) as Tensor);
    });
    for (const [k, m] of extra) if (given.has(k)) m.setExtraState(given.get(k));
    // PyTorch's recursive load: each module adds its own missing and unexpected keys, then its children's, then
    // runs its post hooks (which see the lists so far and may edit them) — all before the strict check
    const result: LoadResult = { missingKeys: [], unexpectedKeys: [] };
    this.loadKeys('', given, result);
    if (strict) {
      if (result.unexpectedKeys.length) errors.push(`Unexpected key(s) in state_dict: ${result.unexpectedKeys.map((k) => `"${k}"`).join(', ')}.`);
      if (result.missingKeys.length) errors.push(`Missing key(s) in state_dict: ${result.missingKeys.map((k) => `"${k}"`).join(', ')}.`);
      if (errors.length) throw new Error(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join('\n\t')}`);
    }
    return result;
  }

  /** One module's part of loadStateDict's key check and post hooks (see loadStateDict), recursing into its children. */
  private loadKeys(prefix: string, given: Map<string, unknown>, res: LoadResult): void {
    const local = new Set<string>();
    for (const [k] of this.ownParameters()) local.add(this._shownName(k));
    for (const [k] of this.ownBuffers()) if (!this._nonPersistent.has(k)) local.add(this._shownName(k));
    const extraKey = hasExtraState(this, 'setExtraState') ? `${prefix}_extra_state` : null;
    for (const k of local) if (!given.has(prefix + k)) res.missingKeys.push(prefix + k);
    if (extraKey !== null && !given.has(extraKey)) res.missingKeys.push(extraKey);
    const children = this._namedModuleEntries();
    const childNames = new Set(children.map(([k]) => k));
    for (const key of given.keys()) {
      if (!key.startsWith(prefix) || key === extraKey) continue;
      const head = key.slice(prefix.length).split('.', 1)[0];
      if (!childNames.has(head) && !local.has(head)) res.unexpectedKeys.push(key);
    }
    for (const [k, c] of children) c.loadKeys(`${prefix}${k}.`, given, res);
    for (const hook of this._loadStateDictPostHooks.values()) {
      const out = hook(this, res) as unknown;
      if (out !== undefined && out !== null)
        throw new Error('registerLoadStateDictPostHook: hooks are not expected to return new values; edit incompatibleKeys in place instead');
    }
  }

  /**
   * Registers `hook(module, incompatibleKeys)` to run after every loadStateDict into this module (or a parent).
   *
   * incompatibleKeys is the { missingKeys, unexpectedKeys } that loadStateDict returns; the hook may remove
   * entries from its lists in place, before a strict load checks them; it must return nothing. Returns a
   * handle whose remove() unregisters it.
   *
   * @see torch.nn.Module.register_load_state_dict_post_hook
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1)
   * m.registerLoadStateDictPostHook((mod, keys) => { keys.missingKeys.length = 0 })
   * m.loadStateDict({ weight: tg.ones(1, 2) }).missingKeys // => []
   * ```
   */
  registerLoadStateDictPostHook(hook: LoadStateDictPostHook): RemovableHandle {
    if (typeof hook !== 'function') throw typeError('registerLoadStateDictPostHook', `hook must be a function, got ${describe(hook)}`);
    const h = new RemovableHandle(this._loadStateDictPostHooks);
    this._loadStateDictPostHooks.set(h.id, hook);
    return h;
  }

  /**
   * The module's extra state for stateDict; subclasses override it (and setExtraState) to save non-tensor state.
   *
   * The base method throws, as PyTorch's: a module's stateDict holds `_extra_state` only when its class overrides
   * getExtraState (Note [Extra state]).
   *
   * @see torch.nn.Module.get_extra_state
   * @example
   * ```ts
   * class Counter extends tg.nn.Module {
   *   count = 3
   *   override getExtraState() { return { count: this.count } }
   *   override setExtraState(s) { this.count = s.count }
   * }
   * new Counter().stateDict()._extra_state // => { count: 3 }
   * ```
   */
  getExtraState(): unknown {
    throw new Error('getExtraState: Reached a code path in Module.getExtraState() that should never be called (override it in the subclass, with setExtraState).');
  }

  /**
   * Restores the extra state returned by getExtraState; subclasses override both (Note [Extra state]).
   *
   * @see torch.nn.Module.set_extra_state
   * @example
   * ```ts
   * class Counter extends tg.nn.Module {
   *   count = 0
   *   override getExtraState() { return this.count }
   *   override setExtraState(s) { this.count = s }
   * }
   * const c = new Counter()
   * c.loadStateDict({ _extra_state: 7 })
   * c.count // => 7
   * ```
   */
  setExtraState(state: unknown): void {
    void state;
    throw new Error('setExtraState: Reached a code path in Module.setExtraState() that should never be called (override it in the subclass, with getExtraState).');
  }

  // ---- dtype ------------------------------------------------------------------------------------------------
  /**
   * Casts parameters and buffers to a dtype in place; returns the module.
   *
   * Casts every floating point parameter and buffer to dtype (new tensors, re-registered); returns this. A
   * parameter registered under several names (tied weights) becomes one new parameter under all of them.
   *
   * @see torch.nn.Module.to
   * @example
   * ```ts
   * new tg.nn.Linear(2, 1).to('float64').weight.dtype // => 'float64'
   * ```
   */
  to(dtype: DType): this {
    return this.castTensors(dtype, true);
  }
  /** Casts the parameters and buffers (only floating point ones when floatsOnly, as `to`; all of them for `type`). */
  private castTensors(dtype: DType, floatsOnly: boolean): this {
    const converted = new Map<Tensor, Tensor>();
    const skip = (t: Tensor): boolean => t.dtype === dtype || (floatsOnly && !isFloat(t.dtype));
    for (const m of this.modules()) {
      const self = m as unknown as Record<string, unknown>;
      for (const [k, p] of m.ownParameters()) {
        if (skip(p)) continue;
        let np = converted.get(p);
        if (np === undefined) {
          np = Parameter(noGrad(() => to(p.detach(), dtype)), p.requiresGrad);
          if (p.grad !== null) np.grad = noGrad(() => to(p.grad as Tensor, dtype));
          converted.set(p, np);
        }
        self[k] = np;
      }
      // NOTE: PyTorch's _apply converts a buffer per name (a shared buffer becomes one tensor per name).
      for (const [k, b] of m.ownBuffers()) {
        if (skip(b)) continue;
        self[k] = noGrad(() => to(b, dtype));
      }
    }
    return this;
  }
  /**
   * Casts every parameter and buffer, integer ones included, to dstType; returns the module.
   *
   * Unlike `to(dtype)`, which leaves integer tensors (a batch norm's num_batches_tracked) as they are, this casts
   * all of them, as PyTorch's Module.type. tensorgrad has no float16 or bfloat16, so there is no half() or
   * bfloat16().
   *
   * @see torch.nn.Module.type
   * @example
   * ```ts
   * const bn = new tg.nn.BatchNorm1d(2).type('float64')
   * bn.numBatchesTracked.dtype // => 'float64'
   * ```
   */
  type(dstType: DType): this {
    if (!isDType(dstType)) throw typeError('type', `dstType must be a dtype name, got ${describe(dstType)}`);
    return this.castTensors(dstType, false);
  }
  /**
   * Replaces every parameter and buffer by an uninitialized tensor of its shape and dtype; returns the module.
   *
   * PyTorch's to_empty moves a module built on the meta device to a real one without copying; tensorgrad has
   * one device, so this gives fresh storage (parameters stay parameters, with their requiresGrad), to be
   * filled by an initializer or loadStateDict.
   *
   * @see torch.nn.Module.to_empty
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 3).toEmpty()
   * m.weight.shape // => [3, 2]
   * ```
   */
  toEmpty(): this {
    const fresh = new Map<Tensor, Tensor>();
    for (const m of this.modules()) {
      const self = m as unknown as Record<string, unknown>;
      for (const [k, p] of m.ownParameters()) {
        if (!fresh.has(p)) fresh.set(p, Parameter(emptyLike(p), p.requiresGrad));
        self[k] = fresh.get(p);
      }
      for (const [k, b] of m.ownBuffers()) self[k] = emptyLike(b);
    }
    return this;
  }
  /**
   * Casts the parameters and buffers to float64 in place; returns the module.
   *
   * @see torch.nn.Module.double
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1).double()
   * m.weight.dtype // => 'float64'
   * ```
   */
  double(): this {
    return this.to('float64');
  }
  /**
   * Casts the parameters and buffers to float32 in place; returns the module.
   *
   * @see torch.nn.Module.float
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1).double().float()
   * m.weight.dtype // => 'float32'
   * ```
   */
  float(): this {
    return this.to('float32');
  }
  /**
   * Casts the floating-point parameters and buffers to float16 in place; returns the module.
   *
   * @see torch.nn.Module.half
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1).half()
   * m.weight.dtype // => 'float16'
   * ```
   */
  half(): this {
    return this.to('float16');
  }
  /**
   * Casts the floating-point parameters and buffers to bfloat16 in place; returns the module.
   *
   * @see torch.nn.Module.bfloat16
   * @example
   * ```ts
   * const m = new tg.nn.Linear(2, 1).bfloat16()
   * m.bias.dtype // => 'bfloat16'
   * ```
   */
  bfloat16(): this {
    return this.to('bfloat16');
  }

  /**
   * The text inside the parentheses of this module's repr; subclasses override it as PyTorch's extra_repr.
   *
   * Extra text inside the parentheses of this module's repr (Linear: in_features=..., ...).
   *
   * @see torch.nn.Module.extra_repr
   * @example
   * ```ts
   * new tg.nn.Linear(2, 3).extraRepr() // => 'in_features=2, out_features=3, bias=True'
   * ```
   */
  extraRepr(): string {
    return '';
  }

  /**
   * The module's repr, exactly as PyTorch prints it.
   *
   * PyTorch's module repr: `Sequential(\n  (0): Linear(in_features=784, out_features=256, bias=True)\n ...)`.
   *
   * @see torch.nn.Module.__repr__
   * @example
   * ```ts
   * String(new tg.nn.Sequential(new tg.nn.Linear(2, 1)))
   * // => 'Sequential(
   * //   (0): Linear(in_features=2, out_features=1, bias=True)
   * // )'
   * ```
   */
  toString(): string {
    // Module.__repr__: a one-line extraRepr and no children stay on one line; otherwise every extraRepr line
    // and every child (its own repr indented by 2 after its first line) go on their own lines, indented by 2.
    const extra = this.extraRepr();
    const extraLines = extra ? extra.split('\n') : [];
    const childLines = this._namedModuleEntries().map(([k, m]) => `(${k}): ${String(m).split('\n').join('\n  ')}`);
    const lines = [...extraLines, ...childLines];
    if (lines.length === 0) return `${this.constructor.name}()`;
    if (extraLines.length === 1 && childLines.length === 0) return `${this.constructor.name}(${extraLines[0]})`;
    return `${this.constructor.name}(\n  ${lines.join('\n  ')}\n)`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

// Method signatures in PyTorch's names (Note [Keyword arguments]); forward and call are the user's own.
declareConstructor(Module, MODULE_SIG);
kwMethods(Module.prototype, 'Module', {
  registerParameter: 'name, param', registerBuffer: 'name, tensor, persistent', registerModule: 'name, module', addModule: 'name, module',
  namedChildren: '', children: '', namedModules: 'memo, prefix, removeDuplicate', modules: '', namedParameters: 'prefix, recurse',
  parameters: 'recurse', namedBuffers: 'prefix, recurse', buffers: 'recurse', apply: 'fn', train: 'mode', eval: '',
  requiresGrad_: 'requiresGrad', zeroGrad: 'setToNone', stateDict: 'destination{}, prefix, keepVars',
  loadStateDict: 'stateDict{}, strict', registerForwardPreHook: 'hook', registerForwardHook: 'hook', registerFullBackwardHook: 'hook',
  getSubmodule: 'target', getParameter: 'target', getBuffer: 'target', toJSON: 'key', to: 'dtype', double: '', float: '', half: '', bfloat16: '', extraRepr: '', toString: '',
  registerLoadStateDictPostHook: 'hook', getExtraState: '', setExtraState: 'state', type: 'dstType', toEmpty: '',
});

/** Whether m's class overrides Module's getExtraState / setExtraState (Note [Extra state]). */
function hasExtraState(m: Module, method: 'getExtraState' | 'setExtraState'): boolean {
  return m[method] !== Module.prototype[method];
}
