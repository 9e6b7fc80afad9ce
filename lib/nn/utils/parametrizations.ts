// tg.nn.utils.parametrizations: PyTorch 1.13's torch.nn.utils.parametrizations (spectral_norm and orthogonal as
// parametrizations, registered through lib/nn/utils/parametrize.ts: Note [Parametrizations]).
import { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe } from '../../errors.js';
import { Module } from '../module.js';
import { kw, signature } from '../../kwargs.js';
import { normalize } from '../../ops/distance.js';
import { dot, mv } from '../../ops/linalg.js';
import { div } from '../../ops/elementwise.js';
import { transpose } from '../../ops/shape.js';
import { registerParametrization } from './parametrize.js';
import { orthogonal } from './orthogonal.js';
import { weightToMatrix, defaultSpectralDim, randomUnit, checkIterations } from './spectral_norm.js';

type Attrs = Record<string, unknown>;

/**
 * The spectral-norm parametrization (PyTorch's _SpectralNorm): weight / sigma, sigma = u . (W v).
 *
 * Buffers _u and _v (15 power-iteration steps at construction) are updated in place by nPowerIterations steps
 * before each training-mode forward; a 1-D weight is just normalized.
 *
 * @see torch.nn.utils.parametrizations.spectral_norm
 * @example
 * ```ts
 * const m = tg.nn.utils.parametrizations.spectralNorm(new tg.nn.Linear(3, 2))
 * String(m.parametrizations.get('weight').get(0)) // => '_SpectralNorm()'
 * ```
 */
export class _SpectralNorm extends Module {
  declare u: Tensor;
  declare v: Tensor;
  dim: number;
  eps: number;
  nPowerIterations: number;

  constructor(weight: Tensor, nPowerIterations = 1, dim = 0, eps = 1e-12) {
    super();
    const op = 'spectralNorm';
    const nd = weight.ndim;
    if (!Number.isInteger(dim) || dim >= nd || dim < -nd) throw rangeError(op, `Dimension out of range (expected to be in range of [-${nd}, ${nd - 1}] but got ${dim})`);
    checkIterations(op, nPowerIterations, eps);
    this.dim = dim >= 0 ? dim : dim + nd;
    this.eps = eps;
    this.nPowerIterations = nPowerIterations;
    if (nd > 1) {
      const wm = weightToMatrix(weight, this.dim);
      this.registerBuffer('u', randomUnit(wm.shape[0], weight, eps));
      this.registerBuffer('v', randomUnit(wm.shape[1], weight, eps));
      this._pyName('u', '_u');
      this._pyName('v', '_v');
      this.powerMethod(wm, 15);
    }
  }

  /** n steps of u = normalize(W v), v = normalize(W^T u), in place in the buffers. */
  powerMethod(wm: Tensor, n: number): void {
    noGrad(() => {
      for (let i = 0; i < n; i++) {
        this.u.copy_(normalize(mv(wm, this.v), 2, 0, this.eps));
        this.v.copy_(normalize(mv(transpose(wm, 0, 1), this.u), 2, 0, this.eps));
      }
    });
  }

  override forward(weight: Tensor): Tensor {
    if (weight.ndim === 1) return normalize(weight, 2, 0, this.eps);
    const wm = weightToMatrix(weight, this.dim);
    if (this.training) this.powerMethod(wm, this.nPowerIterations);
    // clones: the next forward's in-place update must not touch the values this graph saved
    return div(weight, dot(this.u.clone(), mv(wm, this.v.clone())));
  }

  /** The parametrized value is stored as given (PyTorch's right_inverse is the identity). */
  rightInverse(value: Tensor): Tensor {
    return value;
  }
}

/**
 * Registers a spectral-norm parametrization on module[name] (PyTorch 1.13's parametrization form).
 *
 * module[name] becomes weight / sigma, sigma the largest singular value of the weight as a matrix (dim first;
 * default 0, 1 for ConvTranspose) estimated by power iteration; the original lives in
 * module.parametrizations[name].original and the vectors in its _SpectralNorm's _u, _v. Returns the module.
 *
 * @see torch.nn.utils.parametrizations.spectral_norm
 * @example
 * ```ts
 * const m = tg.nn.utils.parametrizations.spectralNorm(new tg.nn.Linear(3, 2))
 * Object.keys(m.stateDict())
 * // => ['bias', 'parametrizations.weight.original', 'parametrizations.weight.0._u', 'parametrizations.weight.0._v']
 * ```
 */
export const spectralNorm = kw(signature('nn.utils.parametrizations.spectralNorm', 'module, name, nPowerIterations, eps, dim'), function spectralNorm<T extends Module>(
  module: T, name = 'weight', nPowerIterations = 1, eps = 1e-12, dim: number | null = null): T {
  const op = 'spectralNorm';
  if (!(module instanceof Module)) throw typeError(op, `module must be a Module, got ${describe(module)}`);
  const w = (module as unknown as Attrs)[name];
  if (!(w instanceof Tensor)) throw rangeError(op, `Module '${module.constructor.name}' has no parameter or buffer with name '${String(name)}'`);
  registerParametrization(module, name, new _SpectralNorm(w, nPowerIterations, dim ?? defaultSpectralDim(module), eps));
  return module;
});

/**
 * PyTorch 1.13's torch.nn.utils.parametrizations: spectralNorm and orthogonal.
 *
 * @see torch.nn.utils.parametrizations
 * @example
 * ```ts
 * const m = tg.nn.utils.parametrizations.spectralNorm(new tg.nn.Linear(2, 2))
 * tg.nn.utils.parametrize.isParametrized(m, 'weight') // => true
 * ```
 */
export const parametrizations = { spectralNorm, orthogonal };
