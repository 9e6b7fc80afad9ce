// functionalCall: a module called with given tensors in place of its parameters and buffers (PyTorch 1.13's
// torch.nn.utils.stateless.functional_call, torch.func.functional_call in 2.x), so that modules work under
// the function transforms: grad((p) => loss(functionalCall(model, p, [x]), y))(params).
//
// lib/func sits beside lib/nn in the library layer and may not import it (.dependency-cruiser.cjs): the
// module is used through the few members every nn.Module has (ModuleLike below).
import { Tensor } from '../tensor.js';
import { describe } from '../errors.js';
import { isPlainObject, kw, signature } from '../kwargs.js';

/** What functionalCall needs of an nn.Module (lib/nn/module.ts). */
interface ModuleLike {
  _namedModuleEntries(): [string, ModuleLike][];
  /** Attribute -> PyTorch's name (Note [PyTorch names] in lib/nn/module.ts). */
  _pyNames: Map<string, string>;
  call(...args: unknown[]): unknown;
}

function isModuleLike(m: unknown): m is ModuleLike {
  return typeof m === 'function' && typeof (m as Partial<ModuleLike>)._namedModuleEntries === 'function' && (m as Partial<ModuleLike>)._pyNames instanceof Map;
}

function className(m: object): string {
  return (m as { constructor?: { name?: string } }).constructor?.name ?? 'Module';
}

/** The module that owns the dotted `name`, and the attribute that holds it there. */
function resolve(root: ModuleLike, name: string): [ModuleLike, string] {
  const path = name.split('.');
  let mod = root;
  for (const item of path.slice(0, -1)) {
    const child = mod._namedModuleEntries().find(([n]) => n === item);
    if (child === undefined) {
      if (item in mod) throw new TypeError(`functionalCall: '${item}' of '${className(mod)}' is not an nn.Module (in the name '${name}')`);
      throw new Error(`functionalCall: '${className(mod)}' object has no attribute '${item}' (in the name '${name}')`);
    }
    mod = child[1];
  }
  const leaf = path[path.length - 1];
  // A built-in module shows some attributes under PyTorch's names (runningMean as running_mean).
  for (const [attr, py] of mod._pyNames) if (py === leaf) return [mod, attr];
  return [mod, leaf];
}

/**
 * Calls `module` with the tensors of `parametersAndBuffers` (by dotted name, as `namedParameters()` and
 * `namedBuffers()` list them; a plain object or a Map) in place of its own, then restores them, also when
 * the call throws. Names not given keep the module's tensors; `args` is an array of positional arguments (or
 * one argument), `kwargs` an options object passed last. Used to differentiate with respect to parameters:
 * `tg.func.grad((p) => loss(tg.func.functionalCall(model, p, [x]), y))(params)`.
 *
 * @see torch.func.functional_call
 * @example
 * ```ts
 * const lin = new tg.nn.Linear(2, 1)
 * const out = tg.func.functionalCall(lin, { weight: tg.tensor([[1, 2]]), bias: tg.tensor([0]) }, [tg.tensor([[3, 4]])])
 * out // tensor([[11.]])
 * ```
 */
export const functionalCall = kw(signature('func.functionalCall', 'module, parametersAndBuffers{}, args, kwargs{}'), function functionalCall(
  module: unknown, parametersAndBuffers: Record<string, Tensor> | Map<string, Tensor>, args: unknown = [], kwargs?: Record<string, unknown> | null): unknown {
  const op = 'functionalCall';
  if (!isModuleLike(module)) throw new TypeError(`${op}: expected an nn.Module, got ${describe(module)}`);
  const entries: [string, unknown][] = parametersAndBuffers instanceof Map ? [...parametersAndBuffers]
    : isPlainObject(parametersAndBuffers) ? Object.entries(parametersAndBuffers)
      : (() => { throw new TypeError(`${op}: parametersAndBuffers must be a plain object or a Map of name -> Tensor, got ${describe(parametersAndBuffers)}`); })();
  if (kwargs !== undefined && kwargs !== null && !isPlainObject(kwargs)) throw new TypeError(`${op}: kwargs must be a plain object, got ${describe(kwargs)}`);
  // Resolve every name before swapping anything, so that a bad name leaves the module untouched.
  const swaps = entries.map(([name, t]) => {
    if (typeof name !== 'string') throw new TypeError(`${op}: parameter names must be strings, got ${describe(name)}`);
    if (!(t instanceof Tensor) && t !== null) throw new TypeError(`${op}: expected a Tensor for '${name}', got ${describe(t)}`);
    const [owner, attr] = resolve(module, name);
    const own = Object.prototype.hasOwnProperty.call(owner, attr);
    return { owner: owner as unknown as Record<string, unknown>, attr, own, orig: own ? (owner as unknown as Record<string, unknown>)[attr] : undefined, t };
  });
  const done: typeof swaps = [];
  try {
    for (const s of swaps) {
      s.owner[s.attr] = s.t;
      done.push(s);
    }
    const list = Array.isArray(args) ? args : [args];
    const hasKw = kwargs !== undefined && kwargs !== null && Object.keys(kwargs).length > 0;
    return hasKw ? module.call(...list, kwargs) : module.call(...list);
  } finally {
    // In reverse, so a name given twice (through tied modules) ends with its first original.
    for (let i = done.length - 1; i >= 0; i--) {
      const s = done[i];
      if (s.own) s.owner[s.attr] = s.orig;
      else delete s.owner[s.attr];
    }
  }
});
