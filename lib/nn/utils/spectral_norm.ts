// tg.nn.utils.spectralNorm / removeSpectralNorm: PyTorch 1.13's torch.nn.utils.spectral_norm (the forward-pre-hook
// form; tg.nn.utils.parametrizations.spectralNorm is the parametrization form). weight = weight_orig / sigma,
// sigma = u . (W v) with u, v from power iteration on W (weight_orig as a matrix with dim first), run in training
// mode before every forward and written into the buffers weight_u and weight_v in place.
import { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe } from '../../errors.js';
import type { Module } from '../module.js';
import { kw, signature } from '../../kwargs.js';
import { normalize } from '../../ops/distance.js';
import { dot, mv } from '../../ops/linalg.js';
import { normal } from '../../ops/sampling.js';
import { div } from '../../ops/elementwise.js';
import { permute, reshape, transpose } from '../../ops/shape.js';
import { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from '../conv.js';
import { HookReparam, type Attrs, type HookState } from './hook_reparam.js';

/** weight as a matrix [weight.shape[dim], rest] (PyTorch's reshape_weight_to_matrix). */
export function weightToMatrix(w: Tensor, dim: number): Tensor {
  const m = dim === 0 ? w : permute(w, [dim, ...w.shape.map((_, i) => i).filter((i) => i !== dim)]);
  return reshape(m, [w.shape[dim], -1]);
}

/** The default dim: 1 for ConvTranspose (its weight is [in, out, ...]), else 0. */
export function defaultSpectralDim(module: Module): number {
  return module instanceof ConvTranspose1d || module instanceof ConvTranspose2d || module instanceof ConvTranspose3d ? 1 : 0;
}

/** A normalized standard-normal vector of length n (the buffers' random start). */
export function randomUnit(n: number, like: Tensor, eps: number): Tensor {
  return noGrad(() => normalize(normal(0, 1, [n], undefined, like.dtype), 2, 0, eps));
}

export function checkIterations(op: string, n: unknown, eps: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw typeError(op, `nPowerIterations must be an integer, got ${describe(n)}`);
  if (n <= 0) throw rangeError(op, `Expected n_power_iterations to be positive, but got n_power_iterations=${n}`);
  if (typeof eps !== 'number') throw typeError(op, `eps must be a number, got ${describe(eps)}`);
}

interface State extends HookState { dim: number; n: number; eps: number }
const REPARAM = new HookReparam<State>('spectralNorm', 'removeSpectralNorm', 'spectral_norm');

function compute(module: Module, s: State, powerIteration: boolean): Tensor {
  const self = module as unknown as Attrs;
  const w = self[`${s.name}_orig`] as Tensor;
  let u = self[`${s.name}_u`] as Tensor, v = self[`${s.name}_v`] as Tensor;
  const wm = weightToMatrix(w, s.dim);
  if (powerIteration) {
    noGrad(() => {
      for (let i = 0; i < s.n; i++) {
        v.copy_(normalize(mv(transpose(wm, 0, 1), u), 2, 0, s.eps));
        u.copy_(normalize(mv(wm, v), 2, 0, s.eps));
      }
    });
    // clones: the next forward's in-place update must not touch the values this graph saved
    u = u.clone();
    v = v.clone();
  }
  return div(w, dot(u, mv(wm, v)));
}

/**
 * Rescales module[name] by its spectral norm before every forward (PyTorch 1.13's hook-based spectral_norm).
 *
 * The parameter moves to name_orig; buffers name_u and name_v hold the power iteration's vectors (random at
 * first), and module[name] becomes weight_orig / sigma, sigma = u . (W v), recomputed before every forward, with
 * nPowerIterations power-iteration steps first in training mode. dim (default 0; 1 for ConvTranspose) is the
 * output dim of the weight. Returns the module.
 *
 * @see torch.nn.utils.spectral_norm
 * @example
 * ```ts
 * const m = tg.nn.utils.spectralNorm(new tg.nn.Linear(3, 2))
 * Object.keys(m.stateDict()) // => ['bias', 'weight_orig', 'weight_u', 'weight_v']
 * m.weight_u.shape // => [2]
 * ```
 */
export const spectralNorm = kw(signature('nn.utils.spectralNorm', 'module, name, nPowerIterations, eps, dim'), function spectralNorm<T extends Module>(
  module: T, name = 'weight', nPowerIterations = 1, eps = 1e-12, dim: number | null = null): T {
  const op = 'spectralNorm';
  const w = REPARAM.parameterOf(module, name);
  checkIterations(op, nPowerIterations, eps);
  const d = dim ?? defaultSpectralDim(module);
  if (typeof d !== 'number' || !Number.isInteger(d) || d < -w.ndim || d >= w.ndim || w.ndim < 2)
    throw rangeError(op, `dim ${String(d)} is out of range for the parameter '${name}' of shape [${w.shape.join(', ')}] (a matrix or more is needed)`);
  const dd = d < 0 ? d + w.ndim : d;
  const wm = weightToMatrix(w, dd);
  delete (module as unknown as Attrs)[name];
  module.registerParameter(`${name}_orig`, w);
  (module as unknown as Attrs)[name] = w.detach();
  module.registerBuffer(`${name}_u`, randomUnit(wm.shape[0], w, eps));
  module.registerBuffer(`${name}_v`, randomUnit(wm.shape[1], w, eps));
  REPARAM.attach(module, { name, dim: dd, n: nPowerIterations, eps }, (m, s) => compute(m, s, m.training));
  return module;
});

/**
 * Undoes spectralNorm: module[name] becomes one parameter again (weight_orig / sigma with the current u, v).
 *
 * @see torch.nn.utils.remove_spectral_norm
 * @example
 * ```ts
 * const m = tg.nn.utils.removeSpectralNorm(tg.nn.utils.spectralNorm(new tg.nn.Linear(3, 2)))
 * Object.keys(m.stateDict()) // => ['bias', 'weight']
 * ```
 */
export const removeSpectralNorm = kw(signature('nn.utils.removeSpectralNorm', 'module, name'), function removeSpectralNorm<T extends Module>(module: T, name = 'weight'): T {
  return REPARAM.remove(module, name, (s) => compute(module, s, false), [`${name}_u`, `${name}_v`, `${name}_orig`]);
});
