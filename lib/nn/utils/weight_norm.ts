// tg.nn.utils.weightNorm / removeWeightNorm: PyTorch 1.13's torch.nn.utils.weight_norm (the forward-pre-hook
// form; the parametrization form is 2.1's). weight = g * v / ||v||, the norm over every dim but `dim`
// (PyTorch's norm_except_dim), recomputed before each forward from the parameters weight_g and weight_v
// (lib/ops/weight_norm.ts, PyTorch's _weight_norm).
import type { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe } from '../../errors.js';
import { Module, Parameter } from '../module.js';
import { kw, signature } from '../../kwargs.js';
import { normExceptDim, weightNormOp } from '../../ops/weight_norm.js';
import { HookReparam, type Attrs, type HookState } from './hook_reparam.js';

interface WeightNormState extends HookState { dim: number }
const REPARAM = new HookReparam<WeightNormState>('weightNorm', 'removeWeightNorm', 'weight_norm');

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
  const w = REPARAM.parameterOf(module, name);
  if (dim !== null && (typeof dim !== 'number' || !Number.isInteger(dim))) throw typeError(op, `dim must be an integer or null, got ${describe(dim)}`);
  const d = dim === null ? -1 : dim < -1 || dim >= w.ndim ? NaN : dim;
  if (Number.isNaN(d)) throw rangeError(op, `dim ${dim} is out of range for the parameter '${name}' of shape [${w.shape.join(', ')}]`);
  delete (module as unknown as Attrs)[name];
  module.registerParameter(`${name}_g`, Parameter(noGrad(() => normExceptDim(w, 2, d))));
  module.registerParameter(`${name}_v`, Parameter(w.detach()));
  const s = REPARAM.attach(module, { name, dim: d }, compute);
  (module as unknown as Attrs)[name] = compute(module, s);
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
  return REPARAM.remove(module, name, (s) => compute(module, s), [`${name}_g`, `${name}_v`]);
});
