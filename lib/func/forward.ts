// The forward-mode function transforms of torch.func (functorch 1.13): jvp, jacfwd and linearize, built on
// tg.autograd.forwardAd (Note [Forward AD] in lib/autograd/forward_ad.ts).
import { Tensor } from '../tensor.js';
import { kw, signature } from '../kwargs.js';
import { fwState } from '../autograd/fw_state.js';
import { makeDual, unpackDual, enterDualLevel, exitDualLevel } from '../autograd/forward_ad.js';
import { zerosLike, eye } from '../ops/creation.js';
import { vmapImpl, levels, BatchedTensor } from './vmap.js';
import './vmap_api.js'; // the batching rules jacfwd's vmap runs the tangent formulas through
// stack through the kw() wrapper, not lib/ops' own: under vmap a batched tensor must reach its batching rule
// (Note [vmap]).
import { SHAPE } from './batching_rules.js';
import { defaultGenerator } from '../ops/random.js';

/** A tensor or a (nested) array of them: the structures the transforms take and return (functorch's pytrees). */
export type Tree = Tensor | readonly Tree[];

const JVP = 'jvp(f, primals, tangents)';
/** Errors name the transform first (as every tensorgrad error names its op), then functorch's message. */
const fail = (api: string, msg: string, E: ErrorConstructor = Error): Error => new E(`${api}: ${msg}`);

function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** The leaves of a tree, depth first; anything that is not an array is a leaf. */
function flatten(x: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(x)) for (const e of x) flatten(e, out);
  else out.push(x);
  return out;
}
/** A tree's structure as functorch prints a TreeSpec, shortened: `[*, [*, *]]` (`*` a leaf). */
function spec(x: unknown): string {
  return Array.isArray(x) ? `[${x.map(spec).join(', ')}]` : '*';
}
/** Rebuilds `like`'s structure from leaves taken in order. */
function unflatten(like: unknown, leaves: unknown[], at = { i: 0 }): unknown {
  return Array.isArray(like) ? like.map((e) => unflatten(e, leaves, at)) : leaves[at.i++];
}

function checkTensors(api: string, list: unknown[], what: string): asserts list is Tensor[] {
  if (list.length === 0) throw fail(api, `${JVP}: Expected ${what} to contain at least one Tensor.`);
  for (const t of list) if (!isTensor(t)) throw fail(api, `${JVP}: Expected ${what} to only contain Tensors, got ${t === null ? 'null' : typeof t}`, TypeError);
}

function checkNotNested(api: string): void {
  if (fwState.level !== -1)
    throw fail(api, `nested forward-mode transforms (jvp or jacfwd inside jvp, jacfwd or a dual level) are not supported: PyTorch 1.13's forward AD has a single dual level`);
}

/**
 * Runs f on duals of `primals` (only the positions in `argnums`, or all) with `tangents`, returning
 * [outputs, output tangents, aux]; errors are jvp's, as functorch's for every forward transform.
 */
function jvpWithArgnums(api: string, f: (...args: unknown[]) => unknown, primals: unknown[], tangents: unknown, argnums: number[] | null, hasAux: boolean): [unknown, unknown, unknown] {
  const diff = argnums === null ? primals : argnums.map((i) => primals[i]);
  const flatP = flatten(diff), flatT = flatten(tangents);
  if (spec(diff) !== spec(tangents))
    throw fail(
      api,
      `${JVP}: Expected primals and tangents to have the same python structure. For example, if primals is a tuple of 3 tensors, ` +
        `tangents also must be. Got primals with structure ${spec(diff)} and tangents with structure ${spec(tangents)}`,
    );
  checkTensors(api, flatP, 'primals');
  checkTensors(api, flatT, 'tangents');
  checkNotNested(api);
  enterDualLevel();
  try {
    const duals = flatP.map((p, i) => makeDual(p, flatT[i]));
    let args: unknown[];
    if (argnums === null) args = unflatten(diff, duals) as unknown[];
    else {
      const replaced = unflatten(diff, duals) as unknown[];
      args = primals.slice();
      argnums.forEach((a, k) => (args[a] = replaced[k]));
    }
    let result = f(...args);
    let aux: unknown = undefined;
    if (hasAux) {
      if (!Array.isArray(result) || result.length !== 2) throw fail(api, `${JVP}: output of function f should be a tuple: (output, aux) if has_aux is True`);
      [result, aux] = result;
    }
    const outs = flatten(result);
    if (outs.length === 0 || (outs.length === 1 && (outs[0] === null || outs[0] === undefined)))
      throw fail(api, `${JVP}: Expected f to be a function that has non-empty output (got output = ${String(result)})`);
    for (const o of outs) if (!isTensor(o)) throw fail(api, `${JVP}: expected f(*primals) to return only tensors, got unsupported type ${o === null ? 'null' : typeof o}`, TypeError);
    const unpacked = (outs as Tensor[]).map((o) => unpackDual(o));
    // As functorch's unwrapping: with no primal or tangent requiring grad, the results carry no graph (one
    // made inside func, e.g. by a requiresGrad_ for autograd.grad, is func's own business).
    const outer = flatP.some((p) => p.requiresGrad) || flatT.some((t) => t.requiresGrad);
    const own = (t: Tensor): Tensor => (outer || !t.requiresGrad ? t : t.detach());
    const prim = unpacked.map((u) => own(u.primal));
    const tang = unpacked.map((u, i) => own(u.tangent ?? zerosLike(outs[i] as Tensor)));
    return [unflatten(result, prim), unflatten(result, tang), aux];
  } finally {
    exitDualLevel();
  }
}

/**
 * The Jacobian-vector product of `func` at `primals` along `tangents` (forward mode): returns
 * `[output, jvpOut]`, `func(...primals)` and J·tangents with the same structure, or `[output, jvpOut, aux]`
 * with `hasAux` (func returns `[output, aux]`). One forward pass; nothing is saved for backward.
 *
 * @see functorch.jvp (torch.func.jvp)
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * const [out, jvpOut] = tg.func.jvp((t) => t.sin(), [x], [tg.tensor([1, 1])])
 * jvpOut.allclose(x.cos()) // => true
 * ```
 */
export const jvp = kw(signature('func.jvp', 'func, primals, tangents, strict, hasAux'), function jvp(
  func: (...args: any[]) => any, primals: readonly Tree[], tangents: readonly Tree[], strict?: boolean, hasAux?: boolean): any[] {
  if (typeof func !== 'function') throw fail('jvp', `${JVP}: expected f to be a function`, TypeError);
  if (!Array.isArray(primals)) throw fail('jvp', `${JVP}: Expected primals to be a tuple. E.g. it should be valid to call f(*primals).`);
  if (strict) throw fail('jvp', `${JVP}: strict=True is not supported yet (as in functorch 1.13).`);
  const [out, t, aux] = jvpWithArgnums('jvp', func, primals as unknown[], tangents, null, hasAux ?? false);
  return hasAux ? [out, t, aux] : [out, t];
});

type Randomness = 'error' | 'different' | 'same';

function checkArgnums(argnums: number | readonly number[], n: number): number[] {
  const one = (a: unknown): number => {
    if (typeof a !== 'number' || !Number.isInteger(a)) throw fail('jacfwd', `argnum must be int, got: ${typeof a}`, TypeError);
    if (a >= 0 && a < n) return a;
    if (a < 0 && a >= -n) return a + n;
    throw fail('jacfwd', `Got argnum=${a}, but only ${n} positional inputs`, RangeError);
  };
  if (typeof argnums === 'number') return [one(argnums)];
  if (!Array.isArray(argnums)) throw fail('jacfwd', `argnums must be int or Tuple[int, ...], got: ${typeof argnums}`, TypeError);
  if (argnums.length === 0) throw fail('jacfwd', 'argnums must be non-empty');
  const r = argnums.map(one);
  if (new Set(r).size !== r.length) throw fail('jacfwd', `argnums elements must be unique, got (${argnums.join(', ')})`);
  return r;
}

/** The RNG state of the default generator, to compare or restore around each basis pass (`randomness`). */
function rngState(): Tensor {
  return defaultGenerator.getState();
}

/** A batched tensor of a vmap level that has ended. */
const escaped = (t: Tensor): boolean => t instanceof BatchedTensor && !levels.some((l) => l.level === t.level);

/** The jvp once per basis tangent k, each output's tangents stacked along a new first dim. */
function basisLoop(total: number, jvpAt: (k: number) => Tensor[], randomness: Randomness): Tensor[] {
  const start = rngState();
  const columns: Tensor[][] = [];
  for (let k = 0; k < total; k++) {
    if (randomness === 'same' && k > 0) defaultGenerator.setState(start);
    columns.push(jvpAt(k));
    if (randomness === 'error' && k === 0 && !rngState().equal(start))
      throw fail('jacfwd', 'vmap: called random operation while in randomness error mode. Please either use the ' +
        "'same' or 'different' randomness flags on vmap or perform the randomness operation out of vmap");
  }
  return columns[0].map((_, j) => SHAPE.stack(columns.map((c) => c[j]), 0));
}

/**
 * The Jacobian of `func` with respect to the argument(s) at `argnums`, by forward mode: one jvp per input
 * element (a basis tangent). For one argnum it returns a tensor of shape output.shape + input.shape (a
 * structure of them for a structured output); for an array of argnums, one such per argnum. With `hasAux`,
 * `[jacobian, aux]`. `randomness` as functorch's: 'error' throws if func draws random numbers, 'same' gives
 * every pass the same ones, 'different' lets them differ.
 *
 * @see functorch.jacfwd (torch.func.jacfwd)
 * @example
 * ```ts
 * const J = tg.func.jacfwd((x) => x.pow(2))(tg.tensor([1, 2, 3]))
 * J
 * // tensor([[2., 0., 0.],
 * //         [0., 4., 0.],
 * //         [0., 0., 6.]])
 * ```
 */
export const jacfwd = kw(signature('func.jacfwd', 'func, argnums, hasAux, randomness'), function jacfwd(
  func: (...args: any[]) => any, argnums: number | readonly number[] = 0, hasAux = false, randomness: Randomness = 'error'): (...args: any[]) => any {
  if (typeof func !== 'function') throw new TypeError('jacfwd: expected func to be a function');
  if (randomness !== 'error' && randomness !== 'different' && randomness !== 'same')
    throw fail('jacfwd', `Only allowed values for randomness are 'error', 'different', or 'same'. Got ${String(randomness)}`);
  return function jacfwdOf(...args: unknown[]): unknown {
    const nums = checkArgnums(argnums, args.length);
    const diff = nums.map((i) => args[i]);
    const flatP = flatten(diff);
    checkTensors('jacfwd', flatP, 'primals');
    const numels = flatP.map((p) => p.numel());
    const total = numels.reduce((a, b) => a + b, 0);
    if (total === 0) throw fail('jacfwd', `${JVP}: Expected primals to contain at least one element`);
    // Note [Batched jvp]: functorch's jacfwd is vmap(jvp)(basis): one jvp with the standard basis over the
    // flattened inputs as a batch of tangents (forward AD under vmap: the tangent formulas run on the batch through
    // the batching rules, Note [Batched backward] in lib/autograd/batchable.ts). Input i's tangents are the
    // columns of the identity that belong to it, shaped [total, ...input.shape].
    const dtype = flatP[0].dtype;
    const identity = eye(total, total, dtype);
    let offset = 0;
    const basis = flatP.map((p, i) => {
      const part = identity.narrow(1, offset, numels[i]).reshape([total, ...p.shape]);
      offset += numels[i];
      return p.dtype === dtype ? part : part.to(p.dtype);
    });
    let outSpec: unknown = null, aux: unknown = undefined;
    const once = (bs: Tensor[]): Tensor[] => {
      const [out, t, a] = jvpWithArgnums('jacfwd', func, args, unflatten(diff, bs), nums, hasAux);
      [outSpec, aux] = [out, a];
      return flatten(t) as Tensor[];
    };
    let columns: Tensor[];
    try {
      columns = vmapImpl((...bs: Tensor[]) => once(bs), 0, 0, randomness)(...basis) as Tensor[];
      if (columns.some(escaped)) throw new Error('jacfwd: a batched tangent escaped its level');
    } catch (e) {
      // Forward AD through a backward (jacfwd(jacrev(f))) writes batched tangents into views of tangents made
      // before the batch (forward_ad.ts inplace), which the batching rules do not cover yet: one jvp per basis
      // tangent there. f's own errors come back from the loop as well.
      void e;
      columns = basisLoop(total, (k) => once(basis.map((b) => b.select(0, k))), randomness);
    }
    // For each output: its tangents [total, ...o.shape] with the basis dim last, split per input, each shaped.
    const jacs = (flatten(outSpec) as Tensor[]).map((o, j) => {
      const all = columns[j].movedim(0, -1);
      let off = 0;
      const perInput = flatP.map((p, i) => {
        const part = all.narrow(-1, off, numels[i]);
        off += numels[i];
        return part.reshape([...o.shape, ...p.shape]);
      });
      const tree = unflatten(diff, perInput) as unknown[];
      return typeof argnums === 'number' ? tree[0] : tree;
    });
    const jac = unflatten(outSpec, jacs);
    return hasAux ? [jac, aux] : jac;
  };
});

/**
 * `func(...primals)` and a function that gives its jvp at `primals` for any tangents: `[output, jvpFn]`,
 * `jvpFn(...tangents)` equal to `jvp(func, primals, tangents)[1]`. (PyTorch 2's torch.func.linearize traces
 * func once; here jvpFn reruns func's forward pass in forward mode at the same primals.)
 *
 * @see torch.func.linearize
 * @example
 * ```ts
 * const [out, jvpFn] = tg.func.linearize((x) => x.mul(x), tg.tensor([1, 2]))
 * jvpFn(tg.tensor([1, 1])) // tensor([2., 4.])
 * ```
 */
export const linearize = kw(signature('func.linearize', 'func, ...primals'), function linearize(
  func: (...args: any[]) => any, primals: Tree[]): [any, (...tangents: any[]) => any] {
  if (typeof func !== 'function') throw new TypeError('linearize: expected func to be a function');
  const fixed = Array.isArray(primals) ? primals.slice() : [primals as Tree]; // ({ primals: x }) gives x alone
  checkTensors('linearize', flatten(fixed), 'primals');
  checkNotNested('linearize');
  const out = func(...fixed);
  const jvpFn = (...tangents: unknown[]): unknown => jvpWithArgnums('linearize', func, fixed, tangents, null, false)[1];
  return [out, jvpFn];
});
