// Optimizer base: param groups, per-parameter state, zeroGrad, stateDict/loadStateDict (torch.optim.Optimizer).
import { Tensor } from '../tensor.js';
import { noGrad, enableGrad } from '../autograd/grad_mode.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { zeroGradOf } from '../autograd/grad_utils.js';
import { clone } from '../ops/creation.js';
import { checkWritable } from '../ops/shape.js';
import { parseArgs, kwMethods, isPlainObject, snakeToCamel, type Signature } from '../kwargs.js';

/** @internal An optimizer constructor's arguments (positional or options) as { params, ...given options }. */
export function givenOptions<O>(sig: Signature, args: ArrayLike<unknown>): Partial<O> & { params?: unknown } {
  const values = parseArgs(sig, args);
  const out: Record<string, unknown> = {};
  sig.names.forEach((n, i) => {
    if (values[i] !== undefined) out[n] = values[i];
  });
  return out as Partial<O> & { params?: unknown };
}

export type ParamGroup<O> = O & { params: Tensor[] };
export type ParamsArg<O> = Iterable<Tensor> | (Partial<O> & { params: Iterable<Tensor> })[];
export type OptimizerState = Record<string, Tensor | number | null | string | (Tensor | number | null)[]>;

/** Rounds a result to the parameter's dtype, as each of PyTorch's tensor ops does (identity for float64). */
export type Round = (x: number) => number;

export interface OptimizerStateDict<O> {
  state: Record<number, OptimizerState>;
  paramGroups: (O & { params: number[] })[];
}

/** The built-in optimizers' boolean and numeric options (a user's subclass may add options of any type). */
const FLAG_OPTIONS = new Set(['nesterov', 'maximize', 'amsgrad', 'centered']);
const NUMBER_OPTIONS = new Set([
  'lr', 'momentum', 'dampening', 'weightDecay', 'eps', 'alpha', 'lrDecay', 'initialAccumulatorValue', 'rho', 'momentumDecay',
  'maxIter', 'maxEval', 'toleranceGrad', 'toleranceChange', 'historySize', 'lambd', 't0',
]);

// Group keys PyTorch 1.13's optimizers carry for options tensorgrad does not have (foreach, fused, ...), with
// their defaults, so that print(optimizer) shows PyTorch's lines.
const PYTORCH_ONLY_KEYS: Readonly<Record<string, Readonly<Record<string, null | boolean>>>> = {
  SGD: { foreach: null, differentiable: false },
  Adam: { foreach: null, capturable: false, differentiable: false, fused: false },
  AdamW: { foreach: null, capturable: false },
  RMSprop: { foreach: null, differentiable: false },
  Adagrad: { foreach: null }, Adadelta: { foreach: null }, Adamax: { foreach: null }, NAdam: { foreach: null }, RAdam: { foreach: null },
  ASGD: { foreach: null }, Rprop: { foreach: null },
};

/** Python's repr of a float: shortest round-trip digits, positional for exponents -4..15, else d.ddde-XX. */
function pyFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x); // an int option (PyTorch's defaults are ints)
  const [m, e] = x.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(x);
}

/** Python's repr of an option value: None, True/False, numbers, tuples, strings. */
function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyFloat(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`;
  return String(v);
}

/**
 * The base of the optimizers: parameter groups, per-parameter state, zeroGrad, stateDict and loadStateDict.
 *
 * @see torch.optim.Optimizer
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(2))], { lr: 0.1 })
 * opt instanceof tg.optim.Optimizer // => true
 * ```
 */
export abstract class Optimizer<O extends object> {
  readonly defaults: O;
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state (momentum buffers, Adam moments, step counts). */
  readonly state: Map<Tensor, OptimizerState> = new Map();

  constructor(params: ParamsArg<O>, defaults: O) {
    this.defaults = defaults;
    // As PyTorch's constructors: the options are checked before the params (SGD(None, momentum=-0.5) is the
    // momentum's ValueError there).
    this.validate({ ...defaults, params: [] });
    if (params === null || typeof params !== 'object' || typeof (params as Iterable<Tensor>)[Symbol.iterator] !== 'function')
      throw typeError(this.constructor.name, `params argument given to the optimizer should be an iterable of Tensors or param groups, but got ${describe(params)}`);
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw rangeError(this.constructor.name, 'optimizer got an empty parameter list');
    // Param groups are plain objects; anything else is one list of parameters (checked by addParamGroup).
    if (!isPlainObject(list[0])) this.addParamGroup({ params: list as Tensor[] } as Partial<O> & { params: Tensor[] });
    else for (const g of list) this.addParamGroup(g as Partial<O> & { params: Iterable<Tensor> });
  }

  /**
   * Adds a parameter group with its own options (e.g. a fine-tuned layer's learning rate).
   *
   * Adds a group of parameters with its own options (the rest from the defaults).
   *
   * @see torch.optim.Optimizer.add_param_group
   * @example
   * ```ts
   * const a = new tg.nn.Parameter(tg.ones(1)), b = new tg.nn.Parameter(tg.ones(1))
   * const opt = new tg.optim.SGD([a], { lr: 0.1 })
   * opt.addParamGroup({ params: [b], lr: 0.01 })
   * opt.paramGroups.map((g) => g.lr) // => [0.1, 0.01]
   * ```
   */
  addParamGroup(group: Partial<O> & { params: Iterable<Tensor> | Tensor }): void {
    const name = this.constructor.name;
    if (group === null || typeof group !== 'object') throw typeError(name, `param group must be an object, got ${describe(group)}`);
    const params = group.params instanceof Tensor ? [group.params] : [...group.params];
    for (const p of params) {
      if (!(p instanceof Tensor)) throw typeError(name, `optimizer can only optimize Tensors, but one of the params is ${describe(p)}`);
      if (!p.isLeaf) throw rangeError(name, "can't optimize a non-leaf Tensor");
      checkWritable(name, p); // step() writes the parameter in place
      if (p.dtype !== 'float32' && p.dtype !== 'float64') throw typeError(name, `can only optimize floating point Tensors, got ${p.dtype}`);
    }
    if (new Set(params).size !== params.length)
      console.warn(`${name}: optimizer contains a parameter group with duplicate parameters; in future, this will cause an error`);
    for (const g of this.paramGroups)
      for (const p of params) if (g.params.includes(p)) throw rangeError(name, 'some parameters appear in more than one parameter group');
    checkGroupKeys(name, this.defaults, group);
    const full = { ...this.defaults, ...group, params } as ParamGroup<O>;
    // Options are numbers, the flags booleans (PyTorch fails on `0.0 <= 'a'` or takes a truthy non-bool as a flag).
    for (const k of Object.keys(this.defaults)) {
      const v = (full as Record<string, unknown>)[k];
      const want = FLAG_OPTIONS.has(k) ? 'boolean' : NUMBER_OPTIONS.has(k) ? 'number' : null;
      if (want !== null && typeof v !== want) throw typeError(name, `${k} must be a ${want}, got ${describe(v)}`);
    }
    this.validate(full);
    this.paramGroups.push(full);
  }

  /**
   * PyTorch's repr: the class name, then each param group's options sorted by their PyTorch (snake_case) names.
   *
   * @see torch.optim.Optimizer.__repr__
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 0.1 })
   * String(opt).split('\n').slice(0, 4) // => ['SGD (', 'Parameter Group 0', '    dampening: 0', '    differentiable: False']
   * ```
   */
  toString(): string {
    const extra = PYTORCH_ONLY_KEYS[this.constructor.name] ?? {};
    let s = `${this.constructor.name} (`;
    this.paramGroups.forEach((g, i) => {
      s += `\nParameter Group ${i}\n`;
      const entries = new Map<string, unknown>(Object.entries(extra));
      for (const [k, v] of Object.entries(g)) if (k !== 'params') entries.set(k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v);
      for (const k of [...entries.keys()].sort()) s += `    ${k}: ${pyRepr(entries.get(k))}\n`;
    });
    return `${s})`;
  }

  /** util.inspect / console.log print toString(). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** @internal Whether each state tensor has its parameter's shape (LBFGS keeps flat vectors over all parameters). */
  protected readonly perElementState: boolean = true;

  /** Checks a group's options (throws RangeError like PyTorch's ValueError). */
  protected abstract validate(group: ParamGroup<O>): void;

  /**
   * One update of every parameter that has a grad; a closure, if given, re-evaluates the loss first.
   *
   * Each optimizer defines it; the base class's throws, as PyTorch's raises NotImplementedError.
   *
   * @see torch.optim.Optimizer.step
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 0.1 })
   * let msg = ''
   * try { tg.optim.Optimizer.prototype.step.call(opt) } catch (e) { msg = e.message }
   * msg.startsWith('SGD.step: not implemented') // => true
   * ```
   */
  step(closure?: () => Tensor | number): Tensor | number | undefined {
    void closure;
    throw new Error(`${this.constructor.name}.step: not implemented (the Optimizer base class has no update rule; PyTorch's NotImplementedError)`);
  }

  protected runClosure(closure?: () => Tensor | number): Tensor | number | undefined {
    for (const g of this.paramGroups) checkGroupKeys(`${this.constructor.name}.step`, this.defaults, g);
    if (closure === undefined) return undefined;
    if (typeof closure !== 'function') throw typeError(`${this.constructor.name}.step`, `closure must be a function, got ${describe(closure)}`);
    return enableGrad(closure);
  }

  /**
   * Zeroes the gradients of every parameter (PyTorch 1.13's default); `setToNone: true` sets them to null instead.
   *
   * Clears the grads of every parameter. PyTorch 1.13's default (setToNone false) zeroes them in place;
   * setToNone: true sets them to null.
   *
   * @see torch.optim.Optimizer.zero_grad
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.ones(1))
   * p.sum().backward()
   * const opt = new tg.optim.SGD([p], { lr: 1 })
   * opt.zeroGrad()
   * p.grad // tensor([0.])
   * ```
   */
  zeroGrad(setToNone: boolean | { setToNone?: boolean } = false): void {
    for (const g of this.paramGroups) for (const p of g.params) zeroGradOf(p, setToNone === true);
  }

  /**
   * @internal One step over every parameter with a grad: runs the closure (with grad enabled), then, without
   * grad, `update(group, p, values, grad, state)` with the parameter's contiguous values (written back
   * afterwards for a non-contiguous parameter); `update` returns the state tensors it wrote.
   */
  protected updateEach(
    closure: (() => Tensor | number) | undefined,
    update: (g: ParamGroup<O>, p: Tensor, values: Float32Array | Float64Array, grad: Float32Array | Float64Array, st: OptimizerState) => Tensor[],
  ): Tensor | number | undefined {
    const loss = this.runClosure(closure);
    noGrad(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          const grad = p.grad;
          if (grad === null) continue;
          const pd = p._data as Float32Array | Float64Array; // a copy for a non-contiguous parameter, stored back below
          const written = update(g, p, pd, grad._data as Float32Array | Float64Array, this.stateOf(p));
          if (!p._contig) p._storeValues(pd);
          p._box.version++;
          for (const t of written) t._box.version++;
        }
      }
    });
    return loss;
  }

  /** @internal This parameter's state object (created empty on first use). */
  protected stateOf(p: Tensor): OptimizerState {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  /**
   * The optimizer's state and parameter groups, with parameters as indices (PyTorch's layout).
   *
   * State and options with parameters replaced by their index (torch's optimizer.state_dict()).
   *
   * @see torch.optim.Optimizer.state_dict
   * @example
   * ```ts
   * const opt = new tg.optim.Adam([new tg.nn.Parameter(tg.ones(1))])
   * opt.stateDict().paramGroups[0].params // => [0]
   * ```
   */
  stateDict(): OptimizerStateDict<O> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const { params, ...rest } = g;
      return { ...(rest as unknown as O), params: params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p) as number;
      }) };
    });
    const state: Record<number, OptimizerState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i === undefined) continue;
      const copy: OptimizerState = {};
      for (const k of Object.keys(s)) copy[k] = copyStateValue(s[k]);
      state[i] = copy;
    }
    return { state, paramGroups };
  }

  /**
   * Restores a state saved by stateDict (for an optimizer over the same parameters).
   *
   * Restores state and group options from stateDict() output (same parameter layout).
   *
   * @see torch.optim.Optimizer.load_state_dict
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.ones(1))
   * const a = new tg.optim.SGD([p], { lr: 0.5 })
   * const b = new tg.optim.SGD([p], { lr: 1 })
   * b.loadStateDict(a.stateDict())
   * b.paramGroups[0].lr // => 0.5
   * ```
   */
  loadStateDict(sd: OptimizerStateDict<O>): void {
    const name = `${this.constructor.name}.loadStateDict`;
    if (sd === null || typeof sd !== 'object' || !Array.isArray(sd.paramGroups)) throw typeError(name, 'expected an optimizer state dict');
    if (sd.paramGroups.length !== this.paramGroups.length) throw rangeError(name, 'loaded state dict has a different number of parameter groups');
    for (const g of sd.paramGroups) checkGroupKeys(name, this.defaults, g);
    const byIndex = new Map<number, Tensor>();
    sd.paramGroups.forEach((g, gi) => {
      const own = this.paramGroups[gi];
      if (g.params.length !== own.params.length)
        throw rangeError(name, "loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      g.params.forEach((idx, k) => byIndex.set(idx, own.params[k]));
    });
    this.state.clear();
    for (const [key, s] of Object.entries(sd.state ?? {})) {
      const p = byIndex.get(Number(key));
      if (p === undefined) continue;
      const copy: OptimizerState = {};
      for (const k of Object.keys(s)) {
        const v = s[k];
        if (v instanceof Tensor && this.perElementState && k !== 'step' && v.shape.join() !== p.shape.join())
          throw rangeError(name, `state ${k} of shape ${fmtShape(v.shape)} does not match its parameter's shape ${fmtShape(p.shape)}`);
        copy[k] = v instanceof Tensor ? noGrad(() => clone(v).to(p.dtype)) : copyStateValue(v);
      }
      this.state.set(p, copy);
    }
    sd.paramGroups.forEach((g, gi) => {
      const { params, ...rest } = g;
      void params;
      Object.assign(this.paramGroups[gi], rest);
    });
  }
}

/**
 * @internal A group keeps keys of the user's own (as PyTorch's does), but a known option in PyTorch's spelling
 * (`weight_decay`, given to the constructor, set later as `group.weight_decay = x`, or in a loaded state dict)
 * would be kept unread and leave that option at its value: a silent wrong answer for a ported program.
 */
export function checkGroupKeys(name: string, defaults: object, group: object): void {
  for (const k of Object.keys(group)) {
    const c = snakeToCamel(k);
    if (c !== k && !(k in defaults) && c in defaults)
      throw typeError(name, `param group option '${k}' is PyTorch's spelling: tensorgrad's is '${c}'`);
  }
}

/** A deep copy of one state entry (tensors cloned; LBFGS keeps lists of tensors). */
function copyStateValue(v: OptimizerState[string]): OptimizerState[string] {
  if (v instanceof Tensor) return noGrad(() => clone(v));
  if (Array.isArray(v)) return v.map((e) => (e instanceof Tensor ? noGrad(() => clone(e)) : e));
  return v;
}

// Method signatures in PyTorch's names (Note [Keyword arguments] in kwargs.ts).
kwMethods(Optimizer.prototype, 'Optimizer', {
  addParamGroup: 'paramGroup{}', zeroGrad: 'setToNone', stateDict: '', loadStateDict: 'stateDict{}', toString: '',
});

/** @internal PyTorch's `if not 0.0 <= value: raise ValueError("Invalid <label>: <value>")`. */
export function checkNonNegative(name: string, label: string, value: number): void {
  if (!(value >= 0)) throw rangeError(name, `Invalid ${label}: ${value}`);
}

/** @internal The betas checks of Adam and its variants. */
export function checkBetas(name: string, betas: unknown): void {
  if (!Array.isArray(betas) || betas.length !== 2) throw rangeError(name, `betas must be a pair of numbers, got ${describe(betas)}`);
  if (!(betas[0] >= 0 && betas[0] < 1)) throw rangeError(name, `Invalid beta parameter at index 0: ${betas[0]}`);
  if (!(betas[1] >= 0 && betas[1] < 1)) throw rangeError(name, `Invalid beta parameter at index 1: ${betas[1]}`);
}
