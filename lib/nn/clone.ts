// Deep copies of modules (Python's copy.deepcopy of an nn.Module), which PyTorch's TransformerEncoder and
// TransformerDecoder use to stack numLayers independent copies of the layer they are given.
//
// Note [Deep copies of modules]: a module is a callable function object (Note [Callable modules]), so a copy is
// made the way the Module constructor makes one: Reflect.construct(Module, [], Subclass) gives a fresh callable
// with the subclass's prototype, without running the subclass constructor (which would draw new random
// weights). Every own property is then copied: a parameter becomes a new leaf Parameter with a copy of the data
// and the same requiresGrad, a buffer or other tensor a detached copy, a child module a deep copy, arrays,
// Maps and Sets element-wise; anything else (numbers, strings, functions such as an activation) is shared. One
// memo per copy keeps sharing: tied weights and a module registered twice stay one object in the copy.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { Module, Parameter, isParameter } from './module.js';

function copyValue(v: unknown, memo: Map<unknown, unknown>): unknown {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  let out: unknown;
  if (v instanceof Module) out = copyModule(v, memo);
  else if (v instanceof Tensor) {
    const data = noGrad(() => v.detach().clone());
    out = isParameter(v) ? Parameter(data, v.requiresGrad) : data;
  } else if (Array.isArray(v)) {
    const arr: unknown[] = [];
    memo.set(v, arr);
    for (const e of v) arr.push(copyValue(e, memo));
    return arr;
  } else if (v instanceof Map) {
    const m = new Map();
    memo.set(v, m);
    for (const [k, e] of v) m.set(k, copyValue(e, memo));
    return m;
  } else if (v instanceof Set) {
    const s = new Set();
    memo.set(v, s);
    for (const e of v) s.add(copyValue(e, memo));
    return s;
  } else return v; // functions and other objects are shared, as deepcopy shares functions
  memo.set(v, out);
  return out;
}

function copyModule<M extends Module>(m: M, memo: Map<unknown, unknown>): M {
  const copy = Reflect.construct(Module, [], m.constructor) as M;
  memo.set(m, copy);
  for (const key of Object.keys(m)) (copy as unknown as Record<string, unknown>)[key] = copyValue((m as unknown as Record<string, unknown>)[key], memo);
  return copy;
}

/**
 * A deep copy of module m: its own parameters, buffers and submodules, same structure and values, sharing
 * nothing with m (see Note [Deep copies of modules]). @example const layers = [0, 1, 2].map(() => deepcopy(layer))
 */
export function deepcopy<M extends Module>(m: M): M {
  return copyModule(m, new Map());
}
