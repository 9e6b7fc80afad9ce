// The deprecated spellings of tg.nn.init without the trailing underscore (PyTorch 1.13's torch.nn.init.uniform,
// normal, constant, eye, dirac, kaiming_uniform, kaiming_normal, xavier_uniform, xavier_normal, orthogonal, made
// by its _make_deprecate): each calls the in-place initializer of the same name with a `_`, as PyTorch's do after
// their DeprecationWarning (tensorgrad prints no warnings; the TSDoc carries @deprecated).
import type { Tensor } from '../tensor.js';
import type { Generator as Gen } from '../ops/random.js';
import { kw, signature } from '../kwargs.js';
import * as I from './init.js';

type FanMode = 'fan_in' | 'fan_out';
type Nonlinearity = Parameters<typeof I.calculateGain>[0];

/**
 * Deprecated spelling of uniform_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.uniform_, as PyTorch's nn.init.uniform warns.
 * @see torch.nn.init.uniform
 * @example
 * ```ts
 * tg.nn.init.uniform(tg.empty(2, 2), -1, 1).shape // => [2, 2]
 * ```
 */
export const uniform = kw(signature('nn.init.uniform', 'tensor, a, b, generator'), function uniform(t: Tensor, a?: number, b?: number, generator?: Gen): Tensor {
  return (I.uniform_ as (...a: unknown[]) => Tensor)(t, a, b, generator);
});

/**
 * Deprecated spelling of normal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.normal_, as PyTorch's nn.init.normal warns.
 * @see torch.nn.init.normal
 * @example
 * ```ts
 * tg.nn.init.normal(tg.empty(2, 2)).shape // => [2, 2]
 * ```
 */
export const normal = kw(signature('nn.init.normal', 'tensor, mean, std, generator'), function normal(t: Tensor, mean?: number, std?: number, generator?: Gen): Tensor {
  return (I.normal_ as (...a: unknown[]) => Tensor)(t, mean, std, generator);
});

/**
 * Deprecated spelling of constant_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.constant_, as PyTorch's nn.init.constant warns.
 * @see torch.nn.init.constant
 * @example
 * ```ts
 * tg.nn.init.constant(tg.empty(2), 3).tolist() // => [3, 3]
 * ```
 */
export const constant = kw(signature('nn.init.constant', 'tensor, val'), function constant(t: Tensor, val: number): Tensor {
  return (I.constant_ as (...a: unknown[]) => Tensor)(t, val);
});

/**
 * Deprecated spelling of eye_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.eye_, as PyTorch's nn.init.eye warns.
 * @see torch.nn.init.eye
 * @example
 * ```ts
 * tg.nn.init.eye(tg.empty(2, 2)).tolist() // => [[1, 0], [0, 1]]
 * ```
 */
export const eye = kw(signature('nn.init.eye', 'tensor'), function eye(t: Tensor): Tensor {
  return (I.eye_ as (...a: unknown[]) => Tensor)(t);
});

/**
 * Deprecated spelling of dirac_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.dirac_, as PyTorch's nn.init.dirac warns.
 * @see torch.nn.init.dirac
 * @example
 * ```ts
 * tg.nn.init.dirac(tg.empty(2, 2, 3)).sum().item() // => 2
 * ```
 */
export const dirac = kw(signature('nn.init.dirac', 'tensor, groups'), function dirac(t: Tensor, groups?: number): Tensor {
  return (I.dirac_ as (...a: unknown[]) => Tensor)(t, groups);
});

/**
 * Deprecated spelling of kaimingUniform_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.kaimingUniform_, as PyTorch's nn.init.kaiming_uniform warns.
 * @see torch.nn.init.kaiming_uniform
 * @example
 * ```ts
 * tg.nn.init.kaimingUniform(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const kaimingUniform = kw(signature('nn.init.kaimingUniform', 'tensor, a, mode, nonlinearity, generator'), function kaimingUniform(t: Tensor, a?: number, mode?: FanMode, nonlinearity?: Nonlinearity, generator?: Gen): Tensor {
  return (I.kaimingUniform_ as (...a: unknown[]) => Tensor)(t, a, mode, nonlinearity, generator);
});

/**
 * Deprecated spelling of kaimingNormal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.kaimingNormal_, as PyTorch's nn.init.kaiming_normal warns.
 * @see torch.nn.init.kaiming_normal
 * @example
 * ```ts
 * tg.nn.init.kaimingNormal(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const kaimingNormal = kw(signature('nn.init.kaimingNormal', 'tensor, a, mode, nonlinearity, generator'), function kaimingNormal(t: Tensor, a?: number, mode?: FanMode, nonlinearity?: Nonlinearity, generator?: Gen): Tensor {
  return (I.kaimingNormal_ as (...a: unknown[]) => Tensor)(t, a, mode, nonlinearity, generator);
});

/**
 * Deprecated spelling of xavierUniform_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.xavierUniform_, as PyTorch's nn.init.xavier_uniform warns.
 * @see torch.nn.init.xavier_uniform
 * @example
 * ```ts
 * tg.nn.init.xavierUniform(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const xavierUniform = kw(signature('nn.init.xavierUniform', 'tensor, gain, generator'), function xavierUniform(t: Tensor, gain?: number, generator?: Gen): Tensor {
  return (I.xavierUniform_ as (...a: unknown[]) => Tensor)(t, gain, generator);
});

/**
 * Deprecated spelling of xavierNormal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.xavierNormal_, as PyTorch's nn.init.xavier_normal warns.
 * @see torch.nn.init.xavier_normal
 * @example
 * ```ts
 * tg.nn.init.xavierNormal(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const xavierNormal = kw(signature('nn.init.xavierNormal', 'tensor, gain, generator'), function xavierNormal(t: Tensor, gain?: number, generator?: Gen): Tensor {
  return (I.xavierNormal_ as (...a: unknown[]) => Tensor)(t, gain, generator);
});

/**
 * Deprecated spelling of orthogonal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.orthogonal_, as PyTorch's nn.init.orthogonal warns.
 * @see torch.nn.init.orthogonal
 * @example
 * ```ts
 * tg.nn.init.orthogonal(tg.empty(3, 3)).shape // => [3, 3]
 * ```
 */
export const orthogonal = kw(signature('nn.init.orthogonal', 'tensor, gain, generator'), function orthogonal(t: Tensor, gain?: number, generator?: Gen): Tensor {
  return (I.orthogonal_ as (...a: unknown[]) => Tensor)(t, gain, generator);
});
