// Module.registerFullBackwardHook's machinery (PyTorch's torch/utils/hooks.py BackwardHook) and the dotted-path
// lookups getSubmodule / getParameter / getBuffer: Module API that module.ts calls into, kept here so that the
// class file stays the module itself.
import { Tensor } from '../tensor.js';
import { Function as AutogradFunction, type FunctionCtx } from '../autograd/function.js';
import { isGradEnabled } from '../autograd/grad_mode.js';
import { typeError } from '../errors.js';
import type { Module } from './module.js';

/** hook(module, gradInput, gradOutput): gradInput/gradOutput hold one entry per tensor input/output (null where none). */
export type FullBackwardHook = (module: Module, gradInput: (Tensor | null)[], gradOutput: (Tensor | null)[]) => (Tensor | null)[] | null | undefined | void;

type GradsFn = (grads: (Tensor | null)[]) => (Tensor | null)[];

/**
 * PyTorch's BackwardHookFunction: the identity on its tensors, one node for all of them (so its outputs show
 * `BackwardHookFunctionBackward`), whose backward hands the incoming grads to a callback that may replace them.
 */
class BackwardHookFunction extends AutogradFunction {
  static override forward(ctx: FunctionCtx, onGrads: GradsFn, ...tensors: Tensor[]): Tensor[] {
    (ctx as unknown as { onGrads: GradsFn }).onGrads = onGrads;
    ctx.markNonDifferentiable(...tensors.filter((t) => !t.requiresGrad));
    return tensors;
  }
  static override backward(ctx: FunctionCtx, ...grads: (Tensor | null)[]): (Tensor | null)[] {
    return [null, ...(ctx as unknown as { onGrads: GradsFn }).onGrads(grads)];
  }
}

/** Replaces the tensors among `values` (an argument list or a single output) by their identity through one hook node. */
function throughHook(values: unknown[], onGrads: GradsFn): { values: unknown[]; count: number } | null {
  const idx = values.map((v, i) => (v instanceof Tensor ? i : -1)).filter((i) => i >= 0);
  const tensors = idx.map((i) => values[i] as Tensor);
  if (!isGradEnabled() || !tensors.some((t) => t.requiresGrad)) return null;
  const outs = BackwardHookFunction.apply(onGrads, ...tensors);
  const list = Array.isArray(outs) ? outs : [outs];
  const copy = values.slice();
  idx.forEach((i, k) => (copy[i] = list[k]));
  return { values: copy, count: tensors.length };
}

/**
 * One forward call's backward hooks (PyTorch's BackwardHook): the inputs go through a hook node whose backward
 * calls each hook with (module, grads of the inputs, grads of the outputs), the outputs through one that records
 * the output grads first. When no input requires grad, the hooks run at the output node with null input grads.
 */
export class BackwardHookState {
  private gradOutputs: (Tensor | null)[] = [];
  private inputCount = -1;
  private tensorInputs = 0;
  constructor(private readonly module: Module, private readonly hooks: FullBackwardHook[]) {}

  setupInputs(args: unknown[]): unknown[] {
    this.tensorInputs = args.filter((a) => a instanceof Tensor).length;
    const r = throughHook(args, (grads) => this.runHooks(grads));
    if (r === null) return args;
    this.inputCount = r.count;
    return r.values;
  }

  setupOutputs(result: unknown): unknown {
    const single = !Array.isArray(result);
    const values = single ? [result] : (result as unknown[]);
    const r = throughHook(values, (grads) => {
      this.gradOutputs = grads;
      if (this.inputCount < 0) {
        // No input requires grad: the hooks see null input grads now and may not replace them (PyTorch's rule).
        const none = new Array<Tensor | null>(this.tensorInputs).fill(null);
        for (const hook of this.hooks) {
          const res = hook(this.module, none, grads);
          if (res !== undefined && res !== null && res.some((g) => g !== null))
            throw new Error('registerFullBackwardHook: Backward hook for Modules where no input requires gradient should always return None or None for all gradients.');
        }
      }
      return grads;
    });
    if (r === null) return result;
    return single ? r.values[0] : r.values;
  }

  private runHooks(gradInputs: (Tensor | null)[]): (Tensor | null)[] {
    let grads = gradInputs;
    for (const hook of this.hooks) {
      const res = hook(this.module, grads, this.gradOutputs);
      if (res === undefined || res === null) continue;
      if (!Array.isArray(res) || res.length !== grads.length)
        throw new Error(`registerFullBackwardHook: Backward hook returned an invalid number of grad_input, got ${Array.isArray(res) ? res.length : typeof res}, but expected ${grads.length}`);
      grads = res;
    }
    return grads;
  }
}

/** Walks a dotted path ('layer1.0.conv') from `root` through submodules, as PyTorch's get_submodule. */
export function getSubmodule(root: Module, target: string): Module {
  if (typeof target !== 'string') throw typeError('getSubmodule', `target must be a string, got ${typeof target}`);
  if (target === '') return root;
  let mod = root;
  for (const item of target.split('.')) {
    const children = new Map(mod.namedChildren());
    const child = children.get(item);
    if (child === undefined) {
      if (item in mod) throw new Error(`getSubmodule: \`${item}\` is not an nn.Module`);
      throw new Error(`getSubmodule: ${mod.constructor.name} has no attribute \`${item}\``);
    }
    mod = child;
  }
  return mod;
}

function ownTensor(op: 'getParameter' | 'getBuffer', root: Module, target: string): Tensor {
  if (typeof target !== 'string') throw typeError(op, `target must be a string, got ${typeof target}`);
  const dot = target.lastIndexOf('.');
  const mod = getSubmodule(root, dot < 0 ? '' : target.slice(0, dot));
  const name = target.slice(dot + 1);
  const own = op === 'getParameter' ? mod.namedParameters('', false) : mod.namedBuffers('', false);
  const hit = own.find(([n]) => n === name);
  if (hit) return hit[1];
  const known = name in mod || [...mod.namedParameters('', false), ...mod.namedBuffers('', false)].some(([n]) => n === name);
  if (!known) throw new Error(`${op}: ${mod.constructor.name} has no attribute \`${name}\``);
  throw new Error(`${op}: \`${name}\` is not ${op === 'getParameter' ? 'an nn.Parameter' : 'a buffer'}`);
}
/** The parameter at a dotted path ('encoder.layers.0.linear1.weight'). */
export const getParameter = (root: Module, target: string): Tensor => ownTensor('getParameter', root, target);
/** The buffer at a dotted path ('bn1.running_mean'). */
export const getBuffer = (root: Module, target: string): Tensor => ownTensor('getBuffer', root, target);
