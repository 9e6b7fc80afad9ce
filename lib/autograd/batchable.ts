// The lib/ops namespaces as the backward formulas see them: each function reaches vmap's batching rules when it
// is given a batched tensor, and is itself otherwise.
//
// Note [Batched backward]: functorch's jacrev runs every row of a Jacobian as one backward, vmapped over the
// basis of cotangents: the graph is unbatched, the grads flowing through it are batched. Here autograd.grad under
// vmap with batched gradOutputs over an unbatched graph runs the engine as usual with BatchedTensors as the grads
// (lib/func/batching_rules2.ts). The formulas call lib/ops functions directly, not the kw()-wrapped public ops
// that vmap intercepts, so the derivative table imports lib/ops through batchable(): a function called on a
// batched argument inside vmap goes to dispatch with the signature its public op was wrapped with
// (implSignatures in lib/kwargs.ts), hence to that op's batching rule; an internal function without a public
// op runs once per example (vmapHook.loop). Outside vmap, or with no batched argument, the call is the
// function's own, behind one comparison. A formula that still reaches a batched tensor's storage (a helper
// imported by name) throws, and the engine then runs that node once per example (engine.ts applyBatched):
// slower, never wrong. The fused kernels (a row's `fused`) read storage, so a batched grad takes the formulas.
import { vmapHook, implSignatures, signatureOf } from '../kwargs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...a: any[]) => any;

/** Whether any argument (or an element of an array argument) is a BatchedTensor. */
export function anyBatched(args: ArrayLike<unknown>): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (Array.isArray(a)) {
      for (const e of a) if (vmapHook.batched(e)) return true;
    } else if (vmapHook.batched(a)) return true;
  }
  return false;
}

function batchableFn(name: string, impl: Fn): Fn {
  const wrapped = signatureOf(impl) !== undefined;
  return function (this: unknown) {
    // (A kw()-wrapped export dispatches by itself.) `arguments` passed straight on: no rest array per call.
    // eslint-disable-next-line prefer-rest-params
    if (vmapHook.depth === 0 || wrapped) return impl.apply(this, arguments as unknown as unknown[]);
    // eslint-disable-next-line prefer-rest-params
    const args = Array.prototype.slice.call(arguments) as unknown[];
    if (!anyBatched(args)) return impl.apply(this, args);
    const sig = implSignatures.get(impl);
    return sig !== undefined ? vmapHook.dispatch(sig, impl, undefined, args) : vmapHook.loop(name, impl, args);
  };
}

const isClass = (f: Fn): boolean => /^class\b/.test(Function.prototype.toString.call(f));

/** `ns` (a lib/ops module namespace) with its functions made batchable (Note [Batched backward]). */
export function batchable<N extends object>(ns: N): N {
  // Lazily: at import time a namespace in an import cycle may not be initialized yet. A name is looked up in the
  // namespace on its first read, through the proxy behind `front`, and then kept as `front`'s own data property,
  // so later reads (every formula's E.mul, S.reshape, ...) are plain property loads, not proxy traps. (A value
  // not yet defined at the first read is not kept: the next read looks again.)
  const front = Object.create(
    new Proxy(ns, {
      get(target, key) {
        const v = Reflect.get(target, key) as unknown;
        const w = typeof v === 'function' && !isClass(v as Fn) ? batchableFn(String(key), v as Fn) : v;
        if (v !== undefined) Object.defineProperty(front, key, { value: w, enumerable: true, configurable: true });
        return w;
      },
    }),
  ) as N;
  return front;
}
