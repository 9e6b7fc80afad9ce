// Keyword arguments: PyTorch's keyword arguments as a trailing options object, for every public function and
// method, from one small signature declaration each.
//
// Note [Keyword arguments]: a public function declares its parameters once, in PyTorch's names camelCased
// and in the positional order tensorgrad takes them: `signature('sum', 'input, dim, keepdim, dtype')`.
// kw(sig, impl) wraps a purely positional implementation so that every parameter can be given either way:
// `tg.sum(x, 1, true)`, `tg.sum(x, { dim: 1, keepdim: true })`, `tg.sum(x, 1, { keepdim: true })`,
// `tg.sum({ input: x, dim: 1 })`. The rules:
//   - a trailing argument is the options object when it is a plain object (its prototype is Object.prototype
//     or null); tensors, arrays, typed arrays, Maps and class instances never are. A parameter that itself
//     takes a plain object (marked `name{}`: a state dict, safetensors metadata) keeps one at its position
//     unless every key of it is a parameter name;
//   - the options are merged into the positional list: an unknown key is a TypeError naming the function,
//     the key and the accepted names (PyTorch's "got an unexpected keyword argument"); a key whose parameter
//     was also given positionally (not undefined) is a TypeError (PyTorch's "got multiple values for
//     argument"); an option whose value is undefined counts as not given;
//   - more positional arguments than parameters is a TypeError;
//   - `...name` is a varargs parameter (torch.zeros(*size)): the implementation receives one array, from
//     `zeros(2, 3)`, `zeros([2, 3])` or `zeros({ size: [2, 3] })`; parameters after it are keyword-only.
// The positional path allocates nothing: it checks the last argument's type and forwards `arguments` with
// Function.prototype.apply, which V8 optimizes without materializing the arguments object.

import { smallState } from './dtype.js';

/** A declared parameter list; see Note [Keyword arguments]. */
export interface Signature {
  /** The name errors use: 'sum', 'Tensor.sum', 'nn.functional.mseLoss'. */
  readonly fn: string;
  /** Parameter names in positional order (PyTorch's, camelCased). */
  readonly names: readonly string[];
  /** Position of each name. */
  readonly index: ReadonlyMap<string, number>;
  /** Position of the varargs parameter, or -1. */
  readonly rest: number;
  /** Bit i set: parameter i takes a plain object itself (only the first 31 parameters can be marked). */
  readonly objectMask: number;
}

/**
 * @internal The vmap interception point (Note [vmap] in lib/func/vmap.ts): `depth` counts the active vmap levels
 * and every kw()-wrapped op hands its call to `dispatch` while it is non-zero, so a call outside vmap pays one
 * load and compare. lib/func/vmap.ts installs `dispatch` (kwargs.ts sits below it and cannot import it).
 */
export const vmapHook: {
  depth: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  dispatch: (sig: Signature, impl: (...a: any[]) => any, self: unknown, args: ArrayLike<unknown>) => unknown;
  /** Whether x is a BatchedTensor (Note [Batched backward] in lib/autograd/batchable.ts). */
  batched: (x: unknown) => boolean;
  /** An internal op without a signature called on batched tensors: once per example, stacked. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  loop: (name: string, impl: (...a: any[]) => any, args: unknown[]) => unknown;
} = { depth: 0, dispatch: () => undefined, batched: () => false, loop: () => undefined };

/**
 * @internal The signature each kw()-wrapped function's impl was wrapped with (the first one), so that an internal
 * call of that impl on batched tensors (a backward formula, Note [Batched backward]) reaches its batching rule.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const implSignatures = new WeakMap<(...a: any[]) => any, Signature>();

/**
 * @internal The small dtypes' interception point (Note [Small dtypes] in lib/small_dtypes.ts): once a uint8, int8,
 * int16, float16 or bfloat16 storage exists (smallState.live), every kw()-wrapped op offers its call to `dispatch`,
 * which returns `none` when no argument has such a dtype. lib/small_dtypes.ts installs it.
 */
export const smallHook: {
  none: symbol;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  dispatch: (sig: Signature, wrapped: (...a: any[]) => any, self: unknown, args: ArrayLike<unknown>) => unknown;
} = { none: Symbol('none'), dispatch: () => smallHook.none };

/** The signature behind a wrapped function (read by the options test and by introspection). */
export const SIGNATURE: unique symbol = Symbol.for('tensorgrad.signature');

/** Parses 'input, dim, keepdim, dtype' ('...size' varargs, 'stateDict{}' a plain-object parameter). */
export function signature(fn: string, params: string): Signature {
  const names: string[] = [];
  let rest = -1, objectMask = 0;
  for (const raw of params.split(',')) {
    let p = raw.trim();
    if (p === '') continue;
    if (p.startsWith('...')) {
      rest = names.length;
      p = p.slice(3);
    }
    if (p.endsWith('{}')) {
      objectMask |= 1 << names.length;
      p = p.slice(0, -2);
    }
    names.push(p);
  }
  return { fn, names, index: new Map(names.map((n, i) => [n, i])), rest, objectMask };
}

/** A plain object: what a trailing options argument is. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** PyTorch's snake_case name camelCased, as tensorgrad spells it. */
export function snakeToCamel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function unexpected(sig: Signature, key: string): TypeError {
  const camel = snakeToCamel(key);
  const hint = camel !== key && sig.index.has(camel) ? ` (did you mean '${camel}'? tensorgrad spells PyTorch's names in camelCase)`
    : key === 'out' && !sig.index.has('out') ? " (tensorgrad has no out=: use the returned tensor, or out.copy_(result))" : '';
  return new TypeError(`${sig.fn}() got an unexpected keyword argument '${key}'${hint} (accepted: ${sig.names.join(', ')})`);
}

function tooMany(sig: Signature, given: number): TypeError {
  const n = sig.names.length;
  return new TypeError(`${sig.fn}() takes at most ${n} positional argument${n === 1 ? '' : 's'} (${sig.names.join(', ')}) but ${given} were given`);
}

/** Whether the last argument `v`, at position `pos`, is the options object. */
function isOptionsAt(sig: Signature, v: object, pos: number): boolean {
  if (!isPlainObject(v)) return false;
  if (pos < 31 && (sig.objectMask >> pos) & 1) {
    // A parameter that takes a plain object keeps it unless it reads as options (every key a parameter name).
    for (const k of Object.keys(v)) if (!sig.index.has(k)) return false;
    return Object.keys(v).length > 0;
  }
  return true;
}

/** Positional args [0, npos) merged with the options object, as the full positional list. */
function merge(sig: Signature, args: ArrayLike<unknown>, npos: number, opts: Record<string, unknown>): unknown[] {
  const n = sig.names.length;
  if (npos > n) throw tooMany(sig, npos);
  const out: unknown[] = new Array(n).fill(undefined);
  for (let i = 0; i < npos; i++) out[i] = args[i];
  return mergeOptions(sig, out, opts);
}

// Note [NumPy argument names]: PyTorch's argument parser, behind its native functions and Tensor methods
// (torch.*, torch.linalg.*, torch.special.*, torch.fft.*, Tensor.*), also takes NumPy's names: axis for dim,
// keepdims for keepdim, x / a / x1 for input, x2 for other (numpy_compatibility_arg_names in
// torch/csrc/utils/python_arg_parser.cpp), so d2l's `A.sum(axis=1, keepdims=True)` runs. Python-level functions
// (torch.norm, torch.split, torch.unique, Tensor.unflatten, torch.nn.functional.*) take only their own names.
const NUMPY_NAMES: Readonly<Record<string, string>> = { axis: 'dim', keepdims: 'keepdim', x: 'input', a: 'input', x1: 'input', x2: 'other' };
const PYTHON_LEVEL = new Set(['norm', 'split', 'unique', 'uniqueConsecutive', 'stft', 'istft', 'lstsq', 'solve', 'matrixRank', 'unflatten']);
function numpyAlias(sig: Signature, key: string): number | undefined {
  const target = NUMPY_NAMES[key];
  if (target === undefined) return undefined;
  const m = /^(Tensor\.|linalg\.|special\.|fft\.)?(\w+)$/.exec(sig.fn);
  if (m === null || (m[1] === undefined || m[1] === 'Tensor.') && PYTHON_LEVEL.has(m[2])) return undefined;
  return sig.index.get(target);
}

/** Puts each option into its parameter's slot of `out` (unknown names and values given twice are errors). */
function mergeOptions(sig: Signature, out: unknown[], opts: Record<string, unknown>): unknown[] {
  for (const key of Object.keys(opts)) {
    const i = sig.index.get(key) ?? numpyAlias(sig, key);
    if (i === undefined) throw unexpected(sig, key);
    const v = opts[key];
    if (v === undefined) continue;
    if (out[i] !== undefined) throw new TypeError(`${sig.fn}() got multiple values for argument '${key}'`);
    out[i] = v;
  }
  return out;
}

/** Varargs: positional args with the run at sig.rest collected into one array (a lone array is used as is). */
function collectRest(sig: Signature, args: ArrayLike<unknown>, npos: number, opts: Record<string, unknown> | null): unknown[] {
  const r = sig.rest;
  const n = sig.names.length;
  const out: unknown[] = new Array(n).fill(undefined);
  for (let i = 0; i < Math.min(npos, r); i++) out[i] = args[i];
  if (npos > r) {
    const run = npos - r;
    out[r] = run === 1 && (Array.isArray(args[r]) || args[r] === undefined) ? args[r] : Array.prototype.slice.call(args, r, npos);
  }
  return opts === null ? out : mergeOptions(sig, out, opts);
}

/**
 * The full positional argument list of a call: for constructors and other places that cannot be wrapped by
 * kw() (it allocates; use kw() on hot paths).
 */
export function parseArgs(sig: Signature, args: ArrayLike<unknown>): unknown[] {
  const argc = args.length;
  const last = argc > 0 ? args[argc - 1] : undefined;
  const hasOpts = argc > 0 && typeof last === 'object' && last !== null && isOptionsAt(sig, last, argc - 1);
  const npos = hasOpts ? argc - 1 : argc;
  if (sig.rest >= 0) return collectRest(sig, args, npos, hasOpts ? (last as Record<string, unknown>) : null);
  if (hasOpts) return merge(sig, args, npos, last as Record<string, unknown>);
  if (argc > sig.names.length) throw tooMany(sig, argc);
  const out: unknown[] = new Array(sig.names.length).fill(undefined);
  for (let i = 0; i < argc; i++) out[i] = args[i];
  return out;
}

/**
 * `impl` (purely positional, in sig's order) callable with options too; `this` is passed through, so it
 * wraps methods as well. The result keeps impl's name and carries sig under SIGNATURE.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function kw<F extends (...args: any[]) => any>(sig: Signature, impl: F): F {
  const n = sig.names.length;
  let wrapped: F;
  if (sig.rest >= 0) {
    wrapped = function (this: unknown) {
      if (vmapHook.depth !== 0) return vmapHook.dispatch(sig, impl, this, arguments);
      if (smallState.live) {
        const r = smallHook.dispatch(sig, wrapped, this, arguments);
        if (r !== smallHook.none) return r;
      }
      return impl.apply(this, parseArgs(sig, arguments));
    } as F;
  } else {
    wrapped = function (this: unknown) {
      if (vmapHook.depth !== 0) return vmapHook.dispatch(sig, impl, this, arguments);
      if (smallState.live) {
        const r = smallHook.dispatch(sig, wrapped, this, arguments);
        if (r !== smallHook.none) return r;
      }
      const argc = arguments.length;
      if (argc !== 0) {
        const last = arguments[argc - 1];
        if (typeof last === 'object' && last !== null && isOptionsAt(sig, last, argc - 1))
          return impl.apply(this, merge(sig, arguments, argc - 1, last as Record<string, unknown>));
        if (argc > n) throw tooMany(sig, argc);
      }
      // eslint-disable-next-line prefer-rest-params
      return impl.apply(this, arguments as unknown as Parameters<F>);
    } as F;
  }
  if (!implSignatures.has(impl)) implSignatures.set(impl, sig);
  Object.defineProperty(wrapped, 'name', { value: impl.name });
  Object.defineProperty(wrapped, 'length', { value: impl.length });
  Object.defineProperty(wrapped, SIGNATURE, { value: sig });
  return wrapped;
}

/** The signature of a kw()-wrapped function (or a class whose constructor declares one), else undefined. */
export function signatureOf(f: unknown): Signature | undefined {
  return typeof f === 'function' ? (f as unknown as { [SIGNATURE]?: Signature })[SIGNATURE] : undefined;
}

/**
 * Wraps methods of a prototype in place: table maps a method name to its parameter list (without self).
 * `owner` names the class in errors ('Tensor' gives 'Tensor.sum').
 */
export function kwMethods(proto: object, owner: string, table: Record<string, string>): void {
  for (const name of Object.keys(table)) {
    const impl = (proto as Record<string, unknown>)[name];
    if (typeof impl !== 'function') throw new Error(`kwMethods: ${owner}.${name} is not a method`);
    // A method takes `this`: not a signature for internal calls of impl (implSignatures).
    const known = implSignatures.has(impl as never);
    Object.defineProperty(proto, name, {
      value: kw(signature(`${owner}.${name}`, table[name]), impl as (...a: unknown[]) => unknown),
      writable: true,
      configurable: true,
      enumerable: false,
    });
    if (!known) implSignatures.delete(impl as never);
  }
}

/** Marks a class as declaring sig for its constructor (which calls parseArgs(sig, arguments) itself). */
export function declareConstructor(cls: object, sig: Signature): void {
  Object.defineProperty(cls, SIGNATURE, { value: sig });
}
