// The reverse-mode function transforms of torch.func (functorch 1.13): grad, gradAndValue, vjp, jacrev and
// hessian, built on the backward engine (tg.autograd.grad with createGraph) so that they nest and compose.
//
// Note [Transform levels]: functorch wraps a transform's inputs at a new "level" so that each transform sees
// only its own gradients. Here a transform call makes its differentiated inputs fresh: an input that the
// caller's graph tracks (it requires grad and the caller records) becomes an alias of it, a new node whose
// edge the engine captures at, still connected to the caller's graph; any other becomes a detached leaf
// requiring grad. The caller's tensors therefore never get a .grad, and f's graph reaches the caller's
// graph only through those aliases (or through tensors f closes over). The backward runs with createGraph
// only when the result can matter to an outer level: the caller records and f's output reaches a leaf this
// call did not make (Level.reachesOuter walks the graph; a nested transform's input is such a leaf of the
// enclosing one). Every result (gradients, values, aux) that does not reach outside is detached, so neither
// this call's leaves nor its graph leak into the caller's results. As in functorch, f runs with grad mode
// on even inside tg.noGrad (a transform's result does not depend on an outer noGrad), and then its results
// do not require grad.
import { Tensor } from '../tensor.js';
import { gradMode, enableGrad } from '../autograd/grad_mode.js';
import { grad as autogradGrad } from '../autograd/backward.js';
import { AccumulateGrad } from '../autograd/accumulate_grad.js';
import { fwState } from '../autograd/fw_state.js';
import { levels, isBatchedAt, expandedFrom, wrap as wrapBatched, BatchedTensor, vmapImpl } from './vmap.js';
import './vmap_api.js'; // the batching rules, which batchedVjp runs the backward formulas through
import type { Node } from '../autograd/node.js';
import { aliasOf } from '../ops/shape.js';
// cat through the kw() wrapper and reshape/select as methods, not lib/ops' own functions: under vmap a batched
// tensor must reach its batching rule (Note [vmap]).
import { SHAPE } from './batching_rules.js';
import { zeros, zerosLike, eye } from '../ops/creation.js';
import { isFloat } from '../dtype.js';
import { describe, fmtShape } from '../errors.js';
import { kw, signature, isPlainObject, SIGNATURE, type Signature } from '../kwargs.js';
import { treeFlatten, treeUnflatten, treeMap, specEqual, specString } from './pytree.js';

/** Which positional arguments to differentiate: one index, or an array of them (then results are arrays). */
export type Argnums = number | number[];
/** A function of tensors (or pytrees of them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Fn = (...args: any[]) => any;
/** The function vjp returns: cotangents shaped as f's output to one gradient per primal (an array). */
export type VjpFn = (cotangents: unknown, options?: { retainGraph?: boolean; createGraph?: boolean }) => unknown[];

/** One call of a transform: the leaves it made and whether its caller records the graph (Note [Transform levels]). */
class Level {
  readonly leaves = new Set<Node>();
  /** Nodes known not to reach outside this level. */
  private readonly inner = new Set<Node>();
  readonly outerGrad = gradMode.enabled;
  constructor(readonly where: string) {}

  /** A differentiable stand-in for input x of f. */
  wrap(x: unknown): Tensor {
    if (!(x instanceof Tensor)) throw new TypeError(`${this.where}: Thing passed to transform API must be Tensor, got ${describe(x)}`);
    if (!isFloat(x.dtype))
      throw new TypeError(`${this.where}: only Tensors of floating point dtype can require gradients (got ${x.dtype} input of shape ${fmtShape(x.shape)})`);
    if (x.requiresGrad && this.outerGrad) return enableGrad(() => aliasOf(x));
    const t = keepTangent(x, x.detach()).requiresGrad_(true);
    this.leaves.add(t.gradEdge()[0] as Node);
    // Under vmap the graph is recorded on the physical tensors: their leaves are this level's too.
    for (let v: unknown = t; v instanceof BatchedTensor; v = v.value) if (v.value.requiresGrad) this.leaves.add(v.value.gradEdge()[0] as Node);
    // Inside vmap, an unbatched input enters as a batched expanded view, as vmap's own unbatched inputs that
    // require grad do (Note [vmap]), so vmap(grad(f), { inDims: [null, 0] }) gives per-example gradients in
    // one batched backward instead of the per-example loop.
    const lv = levels.length > 0 ? levels[levels.length - 1] : null;
    if (lv !== null && !isBatchedAt(x, lv.level)) {
      const e = t.unsqueeze(0).expand([lv.batchSize, ...t.shape]);
      expandedFrom.set(e, t);
      return wrapBatched(e, lv.level);
    }
    return t;
  }

  /** Whether any of `ts` depends on a leaf this level did not make. */
  reachesOuter(ts: readonly Tensor[]): boolean {
    const stack: Node[] = [];
    for (const t of ts) if (t.requiresGrad) stack.push(t.gradEdge()[0] as Node);
    const seen = new Set<Node>();
    while (stack.length > 0) {
      const n = stack.pop() as Node;
      if (seen.has(n) || this.inner.has(n)) continue;
      seen.add(n);
      if (n instanceof AccumulateGrad) {
        if (!this.leaves.has(n)) return true;
        continue;
      }
      for (const [c] of n.nextFunctions) if (c !== null) stack.push(c);
    }
    for (const n of seen) this.inner.add(n);
    return false;
  }

  /** A result as the caller sees it: detached unless it matters to the caller's graph. */
  unwrap(t: Tensor): Tensor {
    return t.requiresGrad && !(this.outerGrad && this.reachesOuter([t])) ? keepTangent(t, t.detach()) : t;
  }
  unwrapTree(tree: unknown): unknown {
    return treeMap((x) => (x instanceof Tensor ? this.unwrap(x) : x), tree);
  }
}

function checkFn(where: string, f: unknown): asserts f is Fn {
  if (typeof f !== 'function') throw new TypeError(`${where}: expected a function to transform, got ${describe(f)}`);
}

function checkArgnumsType(where: string, argnums: unknown): void {
  if (Array.isArray(argnums) ? argnums.some((a) => !Number.isInteger(a)) : !Number.isInteger(argnums))
    throw new TypeError(`${where}: argnums must be int or Tuple[int, ...], got: ${Array.isArray(argnums) ? `[${argnums.map(describe).join(', ')}]` : describe(argnums)}`);
}

/** functorch's _slice_argnums checks: in range (negative counts from the end), non-empty, unique. */
function wrapArgnums(where: string, argnums: Argnums, n: number): number | number[] {
  checkArgnumsType(where, argnums);
  const one = (a: number): number => {
    if (a >= 0 && a < n) return a;
    if (a < 0 && a >= -n) return a + n;
    throw new RangeError(`${where}: Got argnum=${a}, but only ${n} positional inputs`);
  };
  if (!Array.isArray(argnums)) return one(argnums);
  if (argnums.length === 0) throw new RangeError(`${where}: argnums must be non-empty`);
  if (new Set(argnums).size !== argnums.length) throw new RangeError(`${where}: argnums elements must be unique, got [${argnums.join(', ')}]`);
  return argnums.map(one);
}

/**
 * `fresh` (a detached copy of `from`) with `from`'s tangent, if a dual level is open and it has one. detach()
 * drops tangents as in PyTorch, but a transform's fresh inputs and detached results are the same dual numbers
 * seen from another graph: without this, forward over reverse (jvp of grad, jacfwd of jacrev, hessian) saw a
 * zero tangent and returned zeros.
 */
function keepTangent(from: Tensor, fresh: Tensor): Tensor {
  const tangent = fwState.tangents?.get(from);
  if (tangent !== undefined) fwState.tangents!.set(fresh, tangent);
  return fresh;
}

/** f's arguments with the differentiated ones made fresh, and those (a pytree, or an array of them). */
function wrapArgs(level: Level, args: unknown[], argnums: number | number[]): [unknown[], unknown] {
  const out = args.slice();
  const wrapOne = (i: number): unknown => (out[i] = treeMap((x) => level.wrap(x), args[i]));
  const diff = Array.isArray(argnums) ? argnums.map(wrapOne) : wrapOne(argnums);
  return [out, diff];
}

function splitAux(where: string, out: unknown, hasAux: boolean): [unknown, unknown] {
  if (!hasAux) return [out, undefined];
  if (!Array.isArray(out) || out.length !== 2)
    throw new TypeError(`${where}: output of function f should be a tuple: (output, aux) if has_aux is True (got ${describe(out)}${Array.isArray(out) ? ` of length ${out.length}` : ''})`);
  return [out[0], out[1]];
}

/** functorch's assert_non_empty_tensor_output and vjp's floating-point check. */
function checkOutputs(where: string, flat: unknown[]): Tensor[] {
  if (flat.length === 0 || (flat.length === 1 && (flat[0] === null || flat[0] === undefined)))
    throw new TypeError(`${where}: Expected f to be a function that has non-empty output (got output = ${flat.length === 0 ? '[]' : String(flat[0])})`);
  for (const o of flat) {
    if (!(o instanceof Tensor)) throw new TypeError(`${where}: expected f(*primals) to return only tensors, got unsupported type ${describe(o)}`);
    if (!isFloat(o.dtype))
      throw new TypeError(`${where}: All outputs of f must be floating-point or complex Tensors, got Tensor with dtype ${o.dtype} (shape ${fmtShape(o.shape)})`);
  }
  return flat as Tensor[];
}

/**
 * functorch's _autograd_grad: grads of `outputs` (seeded with `cotangents`, or ones for scalars) with respect to
 * `inputs`; outputs that do not require grad are skipped, and an input nothing depends on gets zeros.
 */
function vjpCore(outputs: readonly Tensor[], inputs: Tensor[], cotangents: readonly Tensor[] | null, retainGraph: boolean, createGraph: boolean): Tensor[] {
  const keep: number[] = [];
  outputs.forEach((o, i) => o.requiresGrad && keep.push(i));
  if (keep.length === 0) return inputs.map((x) => zerosLike(x));
  const gs = autogradGrad(keep.map((i) => outputs[i]), inputs, {
    gradOutputs: cotangents === null ? null : keep.map((i) => cotangents[i]),
    retainGraph,
    createGraph,
    allowUnused: true,
  });
  return gs.map((g, i) => g ?? zerosLike(inputs[i]));
}

function gradAndValueCall(where: string, f: Fn, argnums: Argnums, hasAux: boolean, args: unknown[]): [unknown, unknown] {
  const level = new Level(where);
  return enableGrad(() => {
    const [fargs, diff] = wrapArgs(level, args, wrapArgnums(where, argnums, args.length));
    const [out, aux] = splitAux(where, f(...fargs), hasAux);
    if (!(out instanceof Tensor)) throw new TypeError(`${where}: Expected f(*args) to return a Tensor, got ${describe(out)}`);
    if (out.ndim !== 0)
      throw new RangeError(`${where}: Expected f(*args) to return a scalar Tensor, got tensor with ${out.ndim} dims. Maybe you wanted to use the vjp or jacrev APIs instead? (output shape ${fmtShape(out.shape)})`);
    const [flat, spec] = treeFlatten(diff);
    const createGraph = level.outerGrad && level.reachesOuter([out]);
    const gs = vjpCore([out], flat as Tensor[], null, createGraph, createGraph);
    const g = treeUnflatten(gs.map((t) => level.unwrap(t)), spec);
    const value = level.unwrap(out);
    return [g, hasAux ? [value, level.unwrapTree(aux)] : value];
  });
}

function checkFlag(where: string, name: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new TypeError(`${where}: ${name} must be a boolean, got ${describe(v)}`);
  return v;
}

/**
 * The gradient of a scalar function: `grad(f)(x)` is d f(x) / d x, with the arguments at `argnums` (an array:
 * an array of gradients, one per argument) as pytrees of tensors; `hasAux`: f returns `[output, aux]` and the
 * result is `[grad, aux]`. The inputs are fresh inside (the caller's tensors never get a `.grad`), an input f
 * does not use gets zeros, and `grad(grad(f))` nests.
 *
 * @see torch.func.grad
 * @example
 * ```ts
 * const df = tg.func.grad((x) => x.sin().sum())
 * df(tg.tensor([0, Math.PI])) // tensor([ 1., -1.])
 * ```
 */
export const grad = kw(signature('func.grad', 'func, argnums, hasAux'), function grad(func: Fn, argnums: Argnums = 0, hasAux?: boolean): Fn {
  checkFn('grad', func);
  checkArgnumsType('grad', argnums);
  const aux = checkFlag('grad', 'hasAux', hasAux);
  return function gradOf(...args: unknown[]): unknown {
    const [g, v] = gradAndValueCall('grad', func, argnums, aux, args);
    return aux ? [g, (v as unknown[])[1]] : g;
  };
});

/**
 * Like {@link grad}, but the transformed function returns `[grad, value]` (with `hasAux`: `[grad, [value, aux]]`).
 *
 * @see torch.func.grad_and_value
 * @example
 * ```ts
 * const [g, v] = tg.func.gradAndValue((x) => x.pow(2).sum())(tg.tensor([1, 2]))
 * g // tensor([2., 4.])
 * v // tensor(5.)
 * ```
 */
export const gradAndValue = kw(signature('func.gradAndValue', 'func, argnums, hasAux'), function gradAndValue(func: Fn, argnums: Argnums = 0, hasAux?: boolean): Fn {
  checkFn('gradAndValue', func);
  checkArgnumsType('gradAndValue', argnums);
  const aux = checkFlag('gradAndValue', 'hasAux', hasAux);
  return function gradAndValueOf(...args: unknown[]): unknown {
    return gradAndValueCall('gradAndValue', func, argnums, aux, args);
  };
});

// vjp's primals are varargs and each is a pytree: unlike other varargs (Note [Keyword arguments]), a lone
// array is one primal (PyTorch's vjp(f, [x, y]) passes f one list), and a trailing plain object is the
// options only when every key of it is one of vjp's parameter names (else it is a dict primal).
const VJP_SIG: Signature = signature('func.vjp', 'func, ...primals{}, hasAux');
function vjpArgs(args: unknown[]): [unknown, unknown[], unknown] {
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last) && Object.keys(last).length > 0 && Object.keys(last).every((k) => VJP_SIG.index.has(k))) {
    const o = last as { func?: unknown; primals?: unknown; hasAux?: unknown };
    const pos = args.slice(0, -1);
    if (o.func !== undefined && pos.length > 0) throw new TypeError("func.vjp() got multiple values for argument 'func'");
    if (o.primals !== undefined && pos.length > 1) throw new TypeError("func.vjp() got multiple values for argument 'primals'");
    if (o.primals !== undefined && !Array.isArray(o.primals)) throw new TypeError(`vjp: primals must be an array of the primal arguments, got ${describe(o.primals)}`);
    return [o.func ?? pos[0], (o.primals as unknown[] | undefined) ?? pos.slice(1), o.hasAux];
  }
  return [args[0], args.slice(1), undefined];
}

/**
 * f's output at `primals` and the function that maps cotangents (shaped as that output) to the
 * vector-Jacobian products, one per primal: `[output, vjpFn]`, or `[output, vjpFn, aux]` with `hasAux`.
 * Each primal is a pytree of tensors (an array argument is one primal, as in PyTorch). `vjpFn(cotangents,
 * { retainGraph = true, createGraph })` may be called many times.
 *
 * @see torch.func.vjp
 * @example
 * ```ts
 * const [y, vjpFn] = tg.func.vjp((x) => x.mul(x), tg.tensor([1, 2]))
 * y // tensor([1., 4.])
 * vjpFn(tg.tensor([1, 1]))[0] // tensor([2., 4.])
 * ```
 */
export const vjp = Object.defineProperty(function vjp(...args: unknown[]): unknown[] {
  const where = 'vjp';
  const [func, primals, hasAux] = vjpArgs(args);
  checkFn(where, func);
  const withAux = checkFlag(where, 'hasAux', hasAux);
  const level = new Level(where);
  return enableGrad(() => {
    const diff = primals.map((p) => treeMap((x) => level.wrap(x), p));
    const [out, aux] = splitAux(where, func(...diff), withAux);
    const [flatRaw, outSpec] = treeFlatten(out);
    const flatOut = checkOutputs(where, flatRaw);
    const [flatDiff, primalsSpec] = treeFlatten(diff);
    const inputs = flatDiff as Tensor[];
    const result = treeUnflatten(flatOut.map((t) => level.unwrap(t)), outSpec);
    const vjpFn: VjpFn = (cotangents, options = {}) => {
      const retainGraph = checkFlag(where, 'retainGraph', options.retainGraph ?? true);
      const [cts, ctSpec] = treeFlatten(cotangents);
      if (!specEqual(ctSpec, outSpec))
        throw new TypeError(`${where}: Expected pytree structure of cotangents to be the same as pytree structure of outputs to the function. cotangents: ${specString(ctSpec)}, primal output: ${specString(outSpec)}`);
      cts.forEach((c, i) => {
        if (!(c instanceof Tensor)) throw new TypeError(`${where}: expected the cotangents to be Tensors, got ${describe(c)} at position ${i}`);
        const o = flatOut[i];
        if (c.shape.length !== o.shape.length || c.shape.some((d, k) => d !== o.shape[k]))
          throw new RangeError(`${where}: Mismatch in shape: grad_output[${i}] has a shape of ${fmtShape(c.shape)} and output[${i}] has a shape of ${fmtShape(o.shape)}.`);
      });
      const tensors = cts as Tensor[];
      // functorch: createGraph defaults to whether grad mode is on where vjpFn is called.
      const createGraph = checkFlag(where, 'createGraph', options.createGraph ?? gradMode.enabled) &&
        (level.reachesOuter(flatOut) || tensors.some((c) => c.requiresGrad));
      const gs = enableGrad(() => vjpCore(flatOut, inputs, tensors, retainGraph, createGraph));
      return treeUnflatten(gs.map((g) => (createGraph ? level.unwrap(g) : g)), primalsSpec) as unknown[];
    };
    return withAux ? [result, vjpFn, level.unwrapTree(aux)] : [result, vjpFn];
  });
}, SIGNATURE, { value: VJP_SIG });

/**
 * Note [Batched VJP]: functorch's jacrev computes all rows of a Jacobian as vmap(vjpOne)(basis), one batched
 * backward, and so does this: under vmap, autograd.grad with the batched basis as the cotangent over f's graph
 * (which vmap did not batch) runs the engine once with batched grads, every backward formula through vmap's
 * batching rules (Note [Batched backward] in lib/autograd/batchable.ts). basis is [B, ...out.shape]; the result
 * has one [B, ...input.shape] tensor per input.
 */
export function batchedVjp(vjpOne: (cotangent: Tensor) => Tensor[], basis: Tensor): Tensor[] {
  return vmapImpl(vjpOne)(basis) as Tensor[];
}

/** Rows s..s+c of the identity of size n, shaped [c, ...shape] (the standard basis chunk for one output). */
function basisChunk(n: number, s: number, c: number, like: Tensor): Tensor {
  const dtype = like.dtype;
  const id = eye(c, n - s, dtype);
  const rows = s === 0 ? id : SHAPE.cat([zeros([c, s], { dtype }), id], 1);
  return rows.reshape([c, ...like.shape]);
}

/** d out / d inputs for every element of out: per input, a [out.numel(), ...input.shape] tensor. */
function jacobianRows(out: Tensor, inputs: Tensor[], createGraph: boolean, chunkSize: number | null): Tensor[] {
  const n = out.numel();
  if (!out.requiresGrad || n === 0) return inputs.map((x) => zeros([n, ...x.shape], { dtype: x.dtype }));
  const vjpOne = (ct: Tensor): Tensor[] => vjpCore([out], inputs, [ct], true, createGraph);
  const step = chunkSize ?? n;
  const parts: Tensor[][] = inputs.map(() => []);
  for (let s = 0; s < n; s += step) {
    const c = Math.min(step, n - s);
    const basis = basisChunk(n, s, c, out);
    const rows = batchedVjp(vjpOne, basis);
    rows.forEach((g, i) => parts[i].push(g));
    // Without createGraph nothing holds the basis after the backward unless a row is (a view of) it (f the
    // identity): its buffer goes back to the pool for the next chunk or call instead of to the collector.
    if (!createGraph && rows.every((g) => g._box !== basis._box)) basis._box.dispose();
  }
  return parts.map((p) => (p.length === 1 ? p[0] : SHAPE.cat(p, 0)));
}

/**
 * The Jacobian of f by reverse mode: for each output (a pytree) and each argument at `argnums`, a tensor of
 * shape `output.shape + input.shape`; `hasAux`: `[jacobian, aux]`; `chunkSize` bounds how many rows one
 * batched backward computes.
 *
 * @see torch.func.jacrev
 * @example
 * ```ts
 * const J = tg.func.jacrev((x) => x.pow(2))(tg.tensor([1, 2]))
 * J // tensor([[2., 0.],
 *   //         [0., 4.]])
 * ```
 */
export const jacrev = kw(signature('func.jacrev', 'func, argnums, hasAux, chunkSize'), function jacrev(
  func: Fn, argnums: Argnums = 0, hasAux?: boolean, chunkSize?: number | null): Fn {
  const where = 'jacrev';
  checkFn(where, func);
  checkArgnumsType(where, argnums);
  const withAux = checkFlag(where, 'hasAux', hasAux);
  if (chunkSize !== undefined && chunkSize !== null && !(Number.isInteger(chunkSize) && chunkSize > 0))
    throw new RangeError(`${where}: \`chunkSize\` should be greater than 0, got ${describe(chunkSize)}`);
  return function jacrevOf(...args: unknown[]): unknown {
    const level = new Level(where);
    return enableGrad(() => {
      const nums = wrapArgnums(where, argnums, args.length);
      const [fargs, diff] = wrapArgs(level, args, nums);
      const [out, aux] = splitAux(where, func(...fargs), withAux);
      const [flatRaw, outSpec] = treeFlatten(out);
      const flatOut = checkOutputs(where, flatRaw);
      const [flatDiff, primalsSpec] = treeFlatten(diff);
      const inputs = flatDiff as Tensor[];
      const createGraph = level.outerGrad && level.reachesOuter(flatOut);
      const perOut = flatOut.map((o) =>
        treeUnflatten(jacobianRows(o, inputs, createGraph, chunkSize ?? null).map((r, i) => level.unwrap(r.reshape([...o.shape, ...inputs[i].shape]))), primalsSpec));
      const jac = treeUnflatten(perOut, outSpec);
      return withAux ? [jac, level.unwrapTree(aux)] : jac;
    });
  };
});

/**
 * The Hessian of a scalar function: the Jacobian of its gradient, shape `input.shape + input.shape` per argument.
 *
 * @see torch.func.hessian
 * @example
 * ```ts
 * const H = tg.func.hessian((x) => x.pow(3).sum())(tg.tensor([1, 2]))
 * H // tensor([[ 6.,  0.],
 *   //         [ 0., 12.]])
 * ```
 */
export const hessian = kw(signature('func.hessian', 'func, argnums'), function hessian(func: Fn, argnums: Argnums = 0): Fn {
  checkFn('hessian', func);
  checkArgnumsType('hessian', argnums);
  // PyTorch builds it as jacfwd(jacrev(f)). Reverse over reverse gives the same values as two batched backwards
  // (Note [Batched VJP]), where jacfwd over reverse still runs f and its backward once per input element (Note
  // [Batched jvp] in forward.ts); jacfwd(jacrev(f)) itself is tested to agree (test/func/compose.test.ts).
  return jacrev(jacrev(func, argnums), argnums);
});
