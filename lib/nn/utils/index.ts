// tg.nn.utils: PyTorch 1.13's torch.nn.utils (gradient clipping, parameter vectors).
export { clipGradNorm_, clipGradValue_ } from './clip_grad.js';
export { parametersToVector, vectorToParameters } from './convert_parameters.js';
// issue 16: parametrizations (PyTorch 1.13's torch.nn.utils.parametrize) and the hook-based weight_norm.
import { registerParametrization, removeParametrizations, isParametrized, cached } from './parametrize.js';
/**
 * PyTorch 1.13's torch.nn.utils.parametrize: registerParametrization, removeParametrizations, isParametrized, cached.
 *
 * @see torch.nn.utils.parametrize
 * @example
 * ```ts
 * const m = new tg.nn.Linear(2, 2)
 * tg.nn.utils.parametrize.registerParametrization(m, 'weight', new tg.nn.Identity())
 * tg.nn.utils.parametrize.isParametrized(m, 'weight') // => true
 * ```
 */
export const parametrize = { registerParametrization, removeParametrizations, isParametrized, cached };
export { weightNorm, removeWeightNorm } from './weight_norm.js';
// issue 16 (session 6): spectral norm (hook and parametrization forms)
export { spectralNorm, removeSpectralNorm } from './spectral_norm.js';
export { parametrizations } from './parametrizations.js';
export { rnn } from './rnn.js';
