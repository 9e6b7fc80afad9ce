// tg.nn.utils.parametrize: PyTorch 1.13's torch.nn.utils.parametrize (registerParametrization,
// removeParametrizations, isParametrized, cached).
//
// Note [Parametrizations]: registering a parametrization on `module.weight` does what PyTorch's does: the
// module's class becomes a subclass named `Parametrized<Class>` (so the repr reads ParametrizedLinear) whose
// `weight` is an accessor computing parametrization(original) on every read; the tensor itself moves to
// `module.parametrizations.weight.original` (a ModuleDict of ParametrizationList children), which is where
// stateDict finds it (`parametrizations.weight.original`). A parametrization with a rightInverse maps the
// original value through it first, and assigning `module.weight = x` stores rightInverse(x). Inside
// cached(fn) each parametrized tensor is computed once.
import { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe, fmtShape } from '../../errors.js';
import { Module, Parameter, isParameter } from '../module.js';
import { ModuleList } from '../layers.js';
import { ModuleDict } from '../containers.js';
import { kw, signature } from '../../kwargs.js';

type Attrs = Record<string, unknown>;
/** A parametrization: a module whose forward maps the original tensor to the parametrized one, with an optional rightInverse. */
type Parametrization = Module & { rightInverse?: (x: Tensor) => Tensor };

let cacheEnabled = 0;
const cache = new Map<Module, Map<string, Tensor>>();

/**
 * The parametrizations of one tensor, applied in order to `original` (PyTorch's ParametrizationList).
 *
 * @see torch.nn.utils.parametrize.ParametrizationList
 * @example
 * ```ts
 * const m = new tg.nn.Linear(2, 2)
 * tg.nn.utils.parametrize.registerParametrization(m, 'weight', new tg.nn.Identity())
 * String(m.parametrizations.get('weight'))
 * // => 'ParametrizationList(
 * //   (0): Identity()
 * // )'
 * ```
 */
export class ParametrizationList extends ModuleList {
  /** The unparametrized tensor (a Parameter if the module's tensor was one, else a buffer). */
  declare original: Tensor;
  /** Skips the shape and dtype checks (registerParametrization's unsafe). */
  unsafe = false;

  /** parametrization_n(... parametrization_0(original)). */
  override forward(): Tensor {
    let x = this.original;
    for (const m of this) x = (m as Module)(x) as Tensor;
    return x;
  }

  /** Stores rightInverse(value) of every parametrization, last to first, in original (PyTorch's right_inverse). */
  rightInverse(value: Tensor): void {
    noGrad(() => {
      let v = value;
      for (const m of [...this].reverse()) {
        const ri = (m as Parametrization).rightInverse;
        if (typeof ri !== 'function') throw new Error(`parametrize: parametrization ${m.constructor.name} does not implement rightInverse.`);
        v = ri.call(m, v);
      }
      if (!(v instanceof Tensor)) throw typeError('parametrize', `rightInverse must return a Tensor, got ${describe(v)}`);
      if (v.dtype !== this.original.dtype) throw typeError('parametrize', `When setting the parametrized tensor, rightInverse returned dtype ${v.dtype}, but the original has ${this.original.dtype}`);
      if (v.shape.join() !== this.original.shape.join())
        throw rangeError('parametrize', `When setting the parametrized tensor, rightInverse returned shape ${fmtShape(v.shape)}, but the original has ${fmtShape(this.original.shape)}`);
      this.original.copy_(v);
    });
  }
}

/** The parametrized value of module[name], through the cache inside cached(). */
function parametrized(module: Module, name: string): Tensor {
  const list = (module as unknown as { parametrizations: ModuleDict }).parametrizations.get(name) as ParametrizationList;
  if (cacheEnabled === 0) return list.call() as Tensor;
  let byName = cache.get(module);
  if (byName === undefined) cache.set(module, (byName = new Map()));
  let t = byName.get(name);
  if (t === undefined) byName.set(name, (t = list.call() as Tensor));
  return t;
}

/** Gives module a Parametrized<Class> class of its own (once), as PyTorch's _inject_new_class. */
function injectClass(module: Module): void {
  if (isParametrized(module)) return;
  const base = Object.getPrototypeOf(module).constructor as new (...a: unknown[]) => Module;
  const cls = { [`Parametrized${base.name}`]: class extends base {} }[`Parametrized${base.name}`];
  Object.setPrototypeOf(module, cls.prototype);
  module.registerModule('parametrizations', new ModuleDict());
}

function checkConsistent(list: ParametrizationList, name: string, original: Tensor): void {
  if (list.unsafe) return;
  const y = noGrad(() => list.call()) as unknown;
  if (!(y instanceof Tensor)) throw typeError('registerParametrization', `A parametrization must return a tensor. Got ${describe(y)}.`);
  if (y.dtype !== original.dtype) throw typeError('registerParametrization', `Registering a parametrization may not change the dtype of the tensor '${name}': unparametrized dtype ${original.dtype}, parametrized dtype ${y.dtype}`);
  if (y.shape.join() !== original.shape.join())
    throw rangeError('registerParametrization', `Registering a parametrization may not change the shape of the tensor '${name}': unparametrized shape ${fmtShape(original.shape)}, parametrized shape ${fmtShape(y.shape)}`);
}

/**
 * Makes module[tensorName] computed as parametrization(original) on every access (Note [Parametrizations]).
 *
 * The module's class becomes Parametrized<Class>; the tensor moves to module.parametrizations[tensorName].original
 * (after the parametrization's rightInverse, if it has one); a second registration on the same name chains
 * after the first. unsafe skips the shape and dtype checks. Returns the module.
 *
 * @see torch.nn.utils.parametrize.register_parametrization
 * @example
 * ```ts
 * class Symmetric extends tg.nn.Module {
 *   forward(x) { return x.triu().add(x.triu(1).transpose(0, 1)) }
 * }
 * const m = new tg.nn.Linear(3, 3)
 * tg.nn.utils.parametrize.registerParametrization(m, 'weight', new Symmetric())
 * tg.equal(m.weight, m.weight.t()) // => true
 * Object.keys(m.stateDict()) // => ['bias', 'parametrizations.weight.original']
 * ```
 */
export const registerParametrization = kw(signature('nn.utils.parametrize.registerParametrization', 'module, tensorName, parametrization, unsafe'), function registerParametrization(
  module: Module, tensorName: string, parametrization: Module, unsafe = false): Module {
  const op = 'registerParametrization';
  if (!(module instanceof Module)) throw typeError(op, `module must be a Module, got ${describe(module)}`);
  if (typeof tensorName !== 'string') throw typeError(op, `tensorName must be a string, got ${describe(tensorName)}`);
  if (!(parametrization instanceof Module)) throw typeError(op, `parametrization must be a Module, got ${describe(parametrization)}`);
  if (typeof unsafe !== 'boolean') throw typeError(op, `unsafe must be a boolean, got ${describe(unsafe)}`);
  if (isParametrized(module, tensorName)) {
    const list = (module as unknown as { parametrizations: ModuleDict }).parametrizations.get(tensorName) as ParametrizationList;
    list.append(parametrization);
    list.unsafe ||= unsafe;
    try {
      checkConsistent(list, tensorName, list.original);
    } catch (e) {
      list.pop(-1);
      throw e;
    }
    return module;
  }
  const own = Object.prototype.hasOwnProperty.call(module, tensorName) ? (module as unknown as Attrs)[tensorName] : undefined;
  const isParam = own instanceof Tensor && module.parameters(false).includes(own);
  const isBuffer = own instanceof Tensor && !isParam && module.buffers(false).includes(own);
  if (!isParam && !isBuffer) throw rangeError(op, `Module '${module.constructor.name}' does not have a parameter, a buffer, or a parametrized element with name '${tensorName}'`);
  const original = own as Tensor;
  const list = new ParametrizationList([parametrization]);
  list.unsafe = unsafe;
  const ri = (parametrization as Parametrization).rightInverse;
  let value = original;
  if (typeof ri === 'function') {
    try {
      value = noGrad(() => ri.call(parametrization, original)) as Tensor;
    } catch (e) {
      // PyTorch's ParametrizationList skips a right_inverse that raises NotImplementedError at registration
      if (!(e instanceof Error && e.name === 'NotImplementedError')) throw e;
    }
    if (!(value instanceof Tensor)) throw typeError(op, `rightInverse must return a Tensor (tensorgrad does not take a tuple of originals), got ${describe(value)}`);
    // same shape and dtype: stored in the original itself (still the module's Parameter, as PyTorch's original.set_())
    if (value.shape.join() === original.shape.join() && value.dtype === original.dtype) value = noGrad(() => original.copy_(value));
    else value = isParam ? Parameter(value.detach(), original.requiresGrad) : value.detach();
  }
  const stored = typeof ri === 'function' && value !== original ? value : original;
  if (isParam) list.registerParameter('original', stored);
  else list.registerBuffer('original', stored);
  checkConsistent(list, tensorName, original);
  injectClass(module);
  delete (module as unknown as Attrs)[tensorName];
  (module as unknown as { parametrizations: ModuleDict }).parametrizations.set(tensorName, list);
  Object.defineProperty(Object.getPrototypeOf(module), tensorName, {
    configurable: true,
    get(this: Module): Tensor { return parametrized(this, tensorName); },
    set(this: Module, v: Tensor): void {
      ((this as unknown as { parametrizations: ModuleDict }).parametrizations.get(tensorName) as ParametrizationList).rightInverse(v);
    },
  });
  return module;
});

/**
 * Whether module has a parametrization (on tensorName, or on any tensor when it is null).
 *
 * @see torch.nn.utils.parametrize.is_parametrized
 * @example
 * ```ts
 * const m = new tg.nn.Linear(2, 2)
 * tg.nn.utils.parametrize.isParametrized(m) // => false
 * ```
 */
export const isParametrized = kw(signature('nn.utils.parametrize.isParametrized', 'module, tensorName'), function isParametrized(module: Module, tensorName: string | null = null): boolean {
  if (!(module instanceof Module)) throw typeError('isParametrized', `module must be a Module, got ${describe(module)}`);
  const p = (module as unknown as Attrs).parametrizations;
  if (!(p instanceof ModuleDict) || !Object.getPrototypeOf(module).constructor.name.startsWith('Parametrized')) return false;
  return tensorName === null || tensorName === undefined ? p.length > 0 : p.has(tensorName);
});

/**
 * Removes the parametrizations of module[tensorName], leaving the parametrized value (or the original) as a plain tensor.
 *
 * With leaveParametrized (default) the original tensor object takes the current parametrized value, so an
 * optimizer holding it keeps working; otherwise it keeps its unparametrized value. The tensor is registered
 * again under tensorName (last in stateDict, as PyTorch's); when no parametrization is left, the module gets
 * its own class back. Returns the module.
 *
 * @see torch.nn.utils.parametrize.remove_parametrizations
 * @example
 * ```ts
 * const m = new tg.nn.Linear(2, 2)
 * tg.nn.utils.parametrize.registerParametrization(m, 'weight', new tg.nn.Identity())
 * tg.nn.utils.parametrize.removeParametrizations(m, 'weight')
 * String(m) // => 'Linear(in_features=2, out_features=2, bias=True)'
 * ```
 */
export const removeParametrizations = kw(signature('nn.utils.parametrize.removeParametrizations', 'module, tensorName, leaveParametrized'), function removeParametrizations(
  module: Module, tensorName: string, leaveParametrized = true): Module {
  const op = 'removeParametrizations';
  if (!(module instanceof Module)) throw typeError(op, `module must be a Module, got ${describe(module)}`);
  if (typeof leaveParametrized !== 'boolean') throw typeError(op, `leaveParametrized must be a boolean, got ${describe(leaveParametrized)}`);
  if (!isParametrized(module, tensorName)) throw rangeError(op, `Module ${module.constructor.name} does not have a parametrization on ${String(tensorName)}`);
  const dict = (module as unknown as { parametrizations: ModuleDict }).parametrizations;
  const list = dict.get(tensorName) as ParametrizationList;
  const original = list.original;
  const isParam = isParameter(original);
  if (leaveParametrized) {
    const t = noGrad(() => (module as unknown as Attrs)[tensorName] as Tensor);
    if (t.shape.join() !== original.shape.join() || t.dtype !== original.dtype)
      throw rangeError(op, `the parametrized tensor of shape ${fmtShape(t.shape)} (${t.dtype}) cannot be stored in the original of shape ${fmtShape(original.shape)} (${original.dtype})`);
    noGrad(() => original.copy_(t));
  }
  delete (Object.getPrototypeOf(module) as Attrs)[tensorName];
  dict.pop(tensorName);
  if (isParam) module.registerParameter(tensorName, original);
  else module.registerBuffer(tensorName, original);
  if (dict.length === 0) {
    delete (module as unknown as Attrs).parametrizations;
    Object.setPrototypeOf(module, Object.getPrototypeOf(Object.getPrototypeOf(module)));
  }
  return module;
});

/**
 * Runs fn with each parametrized tensor computed at most once (PyTorch's `with cached():`); returns fn's result.
 *
 * @see torch.nn.utils.parametrize.cached
 * @example
 * ```ts
 * const m = new tg.nn.Linear(2, 2)
 * tg.nn.utils.parametrize.registerParametrization(m, 'weight', new tg.nn.Identity())
 * tg.nn.utils.parametrize.cached(() => m.weight === m.weight) // => true
 * ```
 */
export const cached = kw(signature('nn.utils.parametrize.cached', 'fn'), function cached<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw typeError('cached', `expected a function to run with the cache on, got ${describe(fn)}`);
  cacheEnabled++;
  try {
    return fn();
  } finally {
    if (--cacheEnabled === 0) cache.clear();
  }
});
