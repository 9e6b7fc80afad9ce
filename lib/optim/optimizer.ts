// Optimizer base: param groups, per-parameter state, zeroGrad, stateDict/loadStateDict (torch.optim.Optimizer).
import { Tensor } from '../tensor.js';
import { noGrad, enableGrad } from '../autograd/grad_mode.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { zeroGradOf } from '../autograd/grad_utils.js';
import { clone } from '../ops/creation.js';
import { checkWritable } from '../ops/shape.js';
import { parseArgs, kwMethods, type Signature } from '../kwargs.js';

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
export type OptimizerState = Record<string, Tensor | number | null>;

export interface OptimizerStateDict<O> {
  state: Record<number, OptimizerState>;
  paramGroups: (O & { params: number[] })[];
}

export abstract class Optimizer<O extends object> {
  readonly defaults: O;
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state (momentum buffers, Adam moments, step counts). */
  readonly state: Map<Tensor, OptimizerState> = new Map();

  constructor(params: ParamsArg<O>, defaults: O) {
    this.defaults = defaults;
    if (params === null || typeof params !== 'object' || typeof (params as Iterable<Tensor>)[Symbol.iterator] !== 'function')
      throw typeError(this.constructor.name, `params argument given to the optimizer should be an iterable of Tensors or param groups, but got ${describe(params)}`);
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw rangeError(this.constructor.name, 'optimizer got an empty parameter list');
    if (list[0] instanceof Tensor) this.addParamGroup({ params: list as Tensor[] } as Partial<O> & { params: Tensor[] });
    else for (const g of list) this.addParamGroup(g as Partial<O> & { params: Iterable<Tensor> });
  }

  /** Adds a group of parameters with its own options (the rest from the defaults). */
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
    const full = { ...this.defaults, ...group, params } as ParamGroup<O>;
    this.validate(full);
    this.paramGroups.push(full);
  }

  /** Checks a group's options (throws RangeError like PyTorch's ValueError). */
  protected abstract validate(group: ParamGroup<O>): void;

  /** One update of every parameter that has a grad. A closure, if given, re-evaluates the loss first. */
  abstract step(closure?: () => Tensor | number): Tensor | number | undefined;

  protected runClosure(closure?: () => Tensor | number): Tensor | number | undefined {
    if (closure === undefined) return undefined;
    if (typeof closure !== 'function') throw typeError(`${this.constructor.name}.step`, `closure must be a function, got ${describe(closure)}`);
    return enableGrad(closure);
  }

  /**
   * Clears the grads of every parameter. PyTorch 1.13's default (setToNone false) zeroes them in place;
   * setToNone: true sets them to null.
   */
  zeroGrad(setToNone: boolean | { setToNone?: boolean } = false): void {
    for (const g of this.paramGroups) for (const p of g.params) zeroGradOf(p, setToNone === true);
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

  /** State and options with parameters replaced by their index (torch's optimizer.state_dict()). */
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
      for (const k of Object.keys(s)) {
        const v = s[k];
        copy[k] = v instanceof Tensor ? noGrad(() => clone(v)) : v;
      }
      state[i] = copy;
    }
    return { state, paramGroups };
  }

  /** Restores state and group options from stateDict() output (same parameter layout). */
  loadStateDict(sd: OptimizerStateDict<O>): void {
    const name = `${this.constructor.name}.loadStateDict`;
    if (sd === null || typeof sd !== 'object' || !Array.isArray(sd.paramGroups)) throw typeError(name, 'expected an optimizer state dict');
    if (sd.paramGroups.length !== this.paramGroups.length) throw rangeError(name, 'loaded state dict has a different number of parameter groups');
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
        if (v instanceof Tensor && k !== 'step' && v.shape.join() !== p.shape.join())
          throw rangeError(name, `state ${k} of shape ${fmtShape(v.shape)} does not match its parameter's shape ${fmtShape(p.shape)}`);
        copy[k] = v instanceof Tensor ? noGrad(() => clone(v).to(p.dtype)) : v;
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

// Method signatures in PyTorch's names (Note [Keyword arguments] in kwargs.ts).
kwMethods(Optimizer.prototype, 'Optimizer', {
  addParamGroup: 'paramGroup{}', zeroGrad: 'setToNone', stateDict: '', loadStateDict: 'stateDict{}',
});
