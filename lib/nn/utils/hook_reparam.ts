// The hook form of a reparametrization (PyTorch 1.13's weight_norm and spectral_norm): module[name] replaced by
// tensors it is computed from before every forward (a forward pre-hook), with a per-module registry of the
// reparametrized names and the removal that makes module[name] one parameter again. Shared by
// lib/nn/utils/weight_norm.ts and spectral_norm.ts.
import type { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe } from '../../errors.js';
import { Module, Parameter, isParameter, type RemovableHandle } from '../module.js';

export type Attrs = Record<string, unknown>;

/** One reparametrized name of one module: the options it was made with, and the hook computing it. */
export interface HookState { name: string; handle: RemovableHandle }

/** A kind of hook reparametrization ('weight_norm', 'spectral_norm'): its registry and checks. */
export class HookReparam<S extends HookState> {
  private readonly states = new WeakMap<Module, Map<string, S>>();
  /** op: the apply function's name (weightNorm); removeOp: the removal's (removeWeightNorm); pyName: PyTorch's (weight_norm). */
  constructor(readonly op: string, readonly removeOp: string, readonly pyName: string) {}

  /** The apply function's checks: a Module, a string name not yet reparametrized, naming a parameter. Returns it. */
  parameterOf(module: unknown, name: unknown): Tensor {
    if (!(module instanceof Module)) throw typeError(this.op, `module must be a Module, got ${describe(module)}`);
    if (typeof name !== 'string') throw typeError(this.op, `name must be a string, got ${describe(name)}`);
    if (this.states.get(module)?.has(name)) throw new Error(`${this.op}: Cannot register two ${this.pyName} hooks on the same parameter ${name}`);
    const w = (module as unknown as Attrs)[name];
    if (!isParameter(w)) throw rangeError(this.op, `module ${module.constructor.name} has no parameter '${name}'`);
    return w;
  }

  /** Registers the forward pre-hook that sets module[name] = compute(module, state) and files the state. */
  attach(module: Module, state: Omit<S, 'handle'>, compute: (m: Module, s: S) => Tensor): S {
    const s = state as S;
    s.handle = module.registerForwardPreHook((m) => void ((m as unknown as Attrs)[s.name] = compute(m, s)));
    const states = this.states.get(module) ?? new Map<string, S>();
    states.set(s.name, s);
    this.states.set(module, states);
    return s;
  }

  /**
   * The removal: module[name] becomes one parameter holding final(state) (computed without grad); the hook and
   * the attributes `drop` (name and the tensors it was computed from) go. Returns the module.
   */
  remove<T extends Module>(module: T, name: string, final: (s: S) => Tensor, drop: string[]): T {
    if (!(module instanceof Module)) throw typeError(this.removeOp, `module must be a Module, got ${describe(module)}`);
    const s = this.states.get(module)?.get(name);
    if (s === undefined) throw rangeError(this.removeOp, `${this.pyName} of '${String(name)}' not found in ${module.constructor.name}`);
    const w = noGrad(() => final(s));
    s.handle.remove();
    this.states.get(module)!.delete(name);
    for (const k of [name, ...drop]) delete (module as unknown as Attrs)[k];
    module.registerParameter(name, Parameter(w.detach()));
    return module;
  }
}
