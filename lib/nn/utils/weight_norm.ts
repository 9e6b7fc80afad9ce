// tg.nn.utils.weightNorm / removeWeightNorm: PyTorch 1.13's torch.nn.utils.weight_norm (the forward-pre-hook
// form; the parametrization form is 2.1's). weight = g * v / ||v||, the norm over every dim but `dim`
// (PyTorch's norm_except_dim), recomputed before each forward from the parameters weight_g and weight_v
// (lib/ops/weight_norm.ts, PyTorch's _weight_norm).
import { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe } from '../../errors.js';
import { Module, Parameter, isParameter, type RemovableHandle } from '../module.js';
import { kw, signature } from '../../kwargs.js';
import { normExceptDim, weightNormOp } from '../../ops/weight_norm.js';

type Attrs = Record<string, unknown>;

interface WeightNormState { name: string; dim: number; handle: RemovableHandle }
const STATE = new WeakMap<Module, Map<string, WeightNormState>>();

function compute(module: Module, s: WeightNormState): Tensor {
  const g = (module as unknown as Attrs)[`${s.name}_g`] as Tensor, v = (module as unknown as Attrs)[`${s.name}_v`] as Tensor;
  return weightNormOp(v, g, s.dim);
}

/**
 * Reparametrizes module[name] as `g * v / ||v||` (PyTorch 1.13's hook-based weight_norm); returns the module.
 *
 * The parameter is replaced by two: name_g (the norms over every dim but dim; dim null: over everything) and
 * name_v (the direction), both at the end of stateDict (`weight_g`, `weight_v`), and module[name] becomes a
 * plain tensor recomputed from them before every forward (a forward pre-hook).
 *
 * @see torch.nn.utils.weight_norm
 * @example
 * ```ts
 * const m = tg.nn.utils.weightNorm(new tg.nn.Linear(3, 2))
 * Object.keys(m.stateDict()) // => ['bias', 'weight_g', 'weight_v']
 * m.weight_g.shape // => [2, 1]
 * ```
 */
export const weightNorm = kw(signature('nn.utils.weightNorm', 'module, name, dim'), function weightNorm<T extends Module>(module: T, name = 'weight', dim: number | null = 0): T {
  const op = 'weightNorm';
  if (!(module instanceof Module)) throw typeError(op, `module must be a Module, got ${describe(module)}`);
  if (typeof name !== 'string') throw typeError(op, `name must be a string, got ${describe(name)}`);
  if (dim !== null && (typeof dim !== 'number' || !Number.isInteger(dim))) throw typeError(op, `dim must be an integer or null, got ${describe(dim)}`);
  const states = STATE.get(module) ?? new Map<string, WeightNormState>();
  if (states.has(name)) throw new Error(`weightNorm: Cannot register two weight_norm hooks on the same parameter ${name}`);
  const w = (module as unknown as Attrs)[name];
  if (!isParameter(w)) throw rangeError(op, `module ${module.constructor.name} has no parameter '${name}'`);
  const d = dim === null ? -1 : dim < -1 || dim >= w.ndim ? NaN : dim;
  if (Number.isNaN(d)) throw rangeError(op, `dim ${dim} is out of range for the parameter '${name}' of shape [${w.shape.join(', ')}]`);
  delete (module as unknown as Attrs)[name];
  module.registerParameter(`${name}_g`, Parameter(noGrad(() => normExceptDim(w, 2, d))));
  module.registerParameter(`${name}_v`, Parameter(w.detach()));
  const s: WeightNormState = { name, dim: d, handle: module.registerForwardPreHook((m) => void ((m as unknown as Attrs)[name] = compute(m, s))) };
  (module as unknown as Attrs)[name] = compute(module, s);
  states.set(name, s);
  STATE.set(module, states);
  return module;
});

/**
 * Undoes weightNorm: module[name] becomes one parameter again (the current g * v / ||v||); returns the module.
 *
 * @see torch.nn.utils.remove_weight_norm
 * @example
 * ```ts
 * const m = tg.nn.utils.removeWeightNorm(tg.nn.utils.weightNorm(new tg.nn.Linear(3, 2)))
 * Object.keys(m.stateDict()) // => ['bias', 'weight']
 * ```
 */
export const removeWeightNorm = kw(signature('nn.utils.removeWeightNorm', 'module, name'), function removeWeightNorm<T extends Module>(module: T, name = 'weight'): T {
  if (!(module instanceof Module)) throw typeError('removeWeightNorm', `module must be a Module, got ${describe(module)}`);
  const s = STATE.get(module)?.get(name);
  if (s === undefined) throw rangeError('removeWeightNorm', `weight_norm of '${String(name)}' not found in ${module.constructor.name}`);
  const w = noGrad(() => compute(module, s));
  s.handle.remove();
  STATE.get(module)!.delete(name);
  const self = module as unknown as Attrs;
  delete self[name];
  delete self[`${name}_g`];
  delete self[`${name}_v`];
  module.registerParameter(name, Parameter(w));
  return module;
});
