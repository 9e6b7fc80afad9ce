// tg.func.vmap: PyTorch's functorch vmap over tensorgrad's ops, with the batched tensors, the levels, the one
// interception point and the loop fallback; the per-op batching rules are in batching_rules*.ts.
//
// Note [vmap]: functorch wraps a batched value in a BatchedTensor and intercepts every op at the dispatcher.
// tensorgrad has one place every public op passes through: the kw() wrapper of lib/kwargs.ts (tg.* functions,
// Tensor methods through kwMethods, nn.functional ops, autograd.grad). While a vmap level is active,
// vmapHook.depth is non-zero and kw() hands the call to dispatch() below; outside vmap the cost is that one
// load and compare, so code that never calls vmap runs as before.
//   - A BatchedTensor is a Tensor whose shape is the logical shape user code sees (the batch dim removed) and
//     whose `value` is the physical tensor, batch dim first (the invariant: bdim is always 0; vmap moves an
//     input's inDim to the front with a view). Its storage is a sentinel that throws: an internal code path that
//     reaches a batched tensor without going through a public op fails loudly instead of computing on the
//     wrong values.
//   - Levels: each vmap call pushes a level; a BatchedTensor records its level, and its value may itself be a
//     BatchedTensor of an outer level (vmap(vmap(f)): physical dims are [outer, inner, ...logical]).
//     dispatch() finds the highest level among the arguments, unwraps the arguments batched at that level and
//     runs the op's rule; a rule calls ops on the values through the public entry again, so the outer levels
//     are handled by the same dispatch, one level per pass.
//   - A rule makes one batched call of the op on the physical values (plus views: unsqueeze, reshape of the
//     batch layout). Ops without a rule run the loop fallback: the op once per example on value.select(0, i),
//     stacked; it warns once per op name with PyTorch's performance-warning text.
//   - Autograd: ops record on the physical tensors, so backward through a vmapped function reaches the leaves
//     as usual. autograd.grad inside vmap differentiates the physical outputs with respect to the physical
//     inputs; since examples are independent, that is every example's gradient at once. An unbatched tensor
//     (inDims null) that requires grad is passed in as a batched, expanded view (the expand records the edge
//     to the original), so `tg.autograd.grad(loss, params)` inside vmap gives per-example gradients (what
//     functorch gets from a grad level around the params). linear with such an expanded weight computes with the
//     original weight and records an ExpandedLinear node whose backward gives the expansion its per-example
//     gradients as one bmm (PyTorch's ExpandedWeight), so the forward does not multiply by B copies of the weight.
import { Tensor } from '../tensor.js';
import { Storage } from '../storage.js';
import { vmapHook, parseArgs, type Signature } from '../kwargs.js';
import { isPlainObject } from '../kwargs.js';
import { gradMode } from '../autograd/record.js';
import { describe } from '../errors.js';

/** How random ops behave under vmap (functorch's randomness flag). */
export type Randomness = 'error' | 'same' | 'different';

/** @internal One active vmap level. */
export interface Level {
  readonly level: number;
  readonly batchSize: number;
  readonly randomness: Randomness;
}

/** @internal The active levels, outermost first. */
export const levels: Level[] = [];
let nextLevel = 1;

type VmapBox = Storage & { value: Tensor };
/** A batched tensor's storage: no data of its own; its disposal and delivery count are the physical value's (Note [Spent batched grads]). */
const vmapBoxProto = Object.create(Storage.prototype, {
  data: {
    get() {
      throw new Error('vmap: a batched tensor reached an internal code path that does not go through a public op (tg.* function or Tensor method), so it has no batching rule; call the public op instead');
    },
  },
  disposed: { get(this: VmapBox) { return this.value._box.disposed; }, set() {} },
  deliveries: { get(this: VmapBox) { return this.value._box.deliveries; }, set(this: VmapBox, v: number) { this.value._box.deliveries = v; } },
  deliveryRun: { get(this: VmapBox) { return this.value._box.deliveryRun; }, set(this: VmapBox, v: number) { this.value._box.deliveryRun = v; } },
  dispose: { value(this: VmapBox) { this.value._box.dispose(); } },
}) as Storage;
function vmapStorage(value: Tensor): Storage {
  const box = Object.create(vmapBoxProto) as VmapBox;
  box.value = value;
  box.version = 0;
  box.moved = false;
  return box;
}

/**
 * @internal A tensor inside vmap: the logical view user code sees (shape without the batch dim) over a
 * physical `value` whose dim 0 is the batch dim of `level` (Note [vmap]).
 */
export class BatchedTensor extends Tensor {
  /** @internal */ readonly value: Tensor;
  /** @internal */ readonly level: number;
  constructor(value: Tensor, level: number) {
    super(vmapStorage(value), value.shape.slice(1), value.dtype);
    this.value = value;
    this.level = level;
  }
  // Note [Spent batched grads]: the engine frees a grad that this backward run made and delivered once
  // (Note [Freeing spent grads]); a batched grad's memory is its physical value's, so its storage's delivery
  // count is the value's (vmapStorage) and ownership is the value's: a value another wrapper also delivered
  // counts twice and stays, and a view (a rule's reshaped or transposed result) is never owned. jacrev's
  // intermediate grads go back to the buffer pool instead of waiting for the garbage collector.
  /** @internal */ override _ownedByRun(run: number): boolean {
    return this.value._ownedByRun(run);
  }
  override get _requiresGrad(): boolean {
    return this.value._requiresGrad;
  }
  override set _requiresGrad(flag: boolean) {
    this.value._requiresGrad = flag;
  }
  override get _gradFn() {
    return this.value._gradFn;
  }
  override set _gradFn(_node) {
    throw new Error('vmap: cannot set the grad_fn of a batched tensor');
  }
  override toString(): string {
    return `BatchedTensor(lvl=${this.level}, bdim=0, value=\n${this.value.toString()}\n)`;
  }
}

/** @internal Whether `x` is batched at `level`. */
export function isBatchedAt(x: unknown, level: number): x is BatchedTensor {
  return x instanceof BatchedTensor && x.level === level;
}

/** @internal The value at `level` (the physical tensor of that level), or x itself when not batched there. */
export function unwrapAt(x: Tensor, level: number): Tensor {
  return x instanceof BatchedTensor && x.level === level ? x.value : x;
}

/** @internal Wraps a physical tensor (batch dim 0) as batched at `level`. */
export function wrap(value: Tensor, level: number): BatchedTensor {
  return new BatchedTensor(value, level);
}

function levelOfValue(v: unknown): number {
  if (v instanceof BatchedTensor) return v.level;
  if (Array.isArray(v)) {
    let m = 0;
    for (let i = 0; i < v.length; i++) if (v[i] instanceof BatchedTensor && v[i].level > m) m = v[i].level;
    return m;
  }
  if (isPlainObject(v)) {
    let m = 0;
    for (const k in v) {
      const e = v[k];
      if (e instanceof BatchedTensor && e.level > m) m = e.level;
    }
    return m;
  }
  return 0;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Impl = (...a: any[]) => any;

/** @internal One intercepted call, as the rules see it. */
export interface OpCall {
  /** The op's name without 'Tensor.' / 'nn.functional.' ('add', 'sum'). */
  readonly name: string;
  readonly sig: Signature;
  readonly impl: Impl;
  /** A Tensor method: args[0] is `this`. */
  readonly method: boolean;
  readonly level: number;
  readonly batchSize: number;
  /** `this` of a non-Tensor method (a module's forward), passed through. */
  readonly self: unknown;
}

/**
 * A batching rule: the op's result for `args` (positional, `this` first for a method) where some argument is
 * batched at op.level; or NO_RULE to use the loop fallback for this call.
 */
export type Rule = (op: OpCall, args: unknown[]) => unknown;
export const NO_RULE: unique symbol = Symbol('vmap.noRule');

/** @internal The rule table, by op name ('add'; 'Tensor.where' for a method whose arguments differ). */
export const rules = new Map<string, Rule>();

/** @internal Fallback use per op name, read by the tests that check the rules do not loop. */
export const fallbackCounts = new Map<string, number>();
const warned = new Set<string>();

function baseName(fn: string): string {
  if (fn.startsWith('Tensor.')) return fn.slice(7);
  if (fn.startsWith('nn.functional.')) return fn.slice(14);
  return fn;
}

/** @internal Calls the op again with new positional args (through dispatch: outer levels still apply). */
export function callOp(op: OpCall, args: unknown[]): unknown {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const self = op.method ? args[0] : op.self;
  let rest = args.slice(op.method ? 1 : 0, n);
  const r = op.sig.rest;
  if (r >= 0 && rest.length > r + 1) {
    // Parameters after a varargs one are keyword-only: pass them as the options object.
    const opts: Record<string, unknown> = {};
    for (let i = r + 1; i < rest.length; i++) if (rest[i] !== undefined) opts[op.sig.names[i]] = rest[i];
    rest = [...rest.slice(0, r + 1), opts];
  }
  return vmapHook.depth !== 0 ? dispatch(op.sig, op.impl, self, rest) : op.impl.apply(self, rest);
}

/** @internal Random ops (Note [vmap] randomness): intercepted even without batched arguments. */
export const randomOps = new Set<string>();
/** @internal Levels at or above this one already applied their randomness mode to the current call. */
export const randomState = { ceiling: Infinity };
/** @internal The randomness handler (batching_random.ts installs it). */
export const randomHook: { handle: (op: OpCall, args: unknown[]) => unknown } = {
  handle: () => {
    throw new Error('vmap: randomness handling is not loaded');
  },
};

function dispatch(sig: Signature, impl: Impl, self: unknown, argsLike: ArrayLike<unknown>): unknown {
  const method = sig.fn.startsWith('Tensor.');
  let level = method ? levelOfValue(self) : 0;
  for (let i = 0; i < argsLike.length; i++) {
    const l = levelOfValue(argsLike[i]);
    if (l > level) level = l;
  }
  const name = baseName(sig.fn);
  const random = randomOps.has(name) && randomState.ceiling > 0;
  if (level === 0 && !random) {
    // As the kw() wrapper would: varargs and a trailing options object become the positional list.
    const n = argsLike.length;
    const parse = sig.rest >= 0 || (n > 0 && isPlainObject(argsLike[n - 1]));
    return impl.apply(self, parse ? parseArgs(sig, argsLike) : (argsLike as unknown[]));
  }
  const parsed = parseArgs(sig, argsLike);
  const args = method ? [self, ...parsed] : parsed;
  const lv = level === 0 ? null : levelInfo(level);
  const op: OpCall = { name, sig, impl, method, level, batchSize: lv === null ? 0 : lv.batchSize, self: method ? undefined : self };
  if (random) return randomHook.handle(op, args);
  if (name.endsWith('_') && loopCopies.has(args[0] as Tensor)) throw inplaceError(name);
  const rule = (method ? rules.get(`Tensor.${name}`) : undefined) ?? rules.get(name);
  // A module's forward composes public ops, each of which dispatches: run it on the batched tensors as is.
  // So do the transforms (func.grad, func.functionalCall, ...): they call public ops on what they are given.
  if (rule === undefined && (name.endsWith('.forward') || name.startsWith('func.'))) return impl.apply(self, parsed);
  if (rule !== undefined) {
    const r = rule(op, args);
    if (r !== NO_RULE) return r;
  }
  return fallback(op, args);
}
vmapHook.dispatch = dispatch;

/** @internal The active level `level` (an error for a tensor that escaped its vmap). */
export function levelInfo(level: number): Level {
  for (let i = levels.length - 1; i >= 0; i--) if (levels[i].level === level) return levels[i];
  throw new Error(`vmap: a batched tensor of a vmap level that has ended (level ${level}) was used; return tensors from the vmapped function instead of storing them`);
}

/** @internal Warns once per op name that the loop fallback ran (PyTorch's performance-warning text). */
export function warnOnce(name: string): void {
  if (warned.has(name)) return;
  warned.add(name);
  const msg = `vmap: There is a performance drop because we have not yet implemented the batching rule for ${name}. ` +
    'Please file us an issue on GitHub so that we can prioritize its implementation.';
  const p = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (p !== undefined && typeof p.emitWarning === 'function') p.emitWarning(msg, { type: 'PerformanceWarning', code: 'TG_VMAP_FALLBACK' });
  else console.warn(msg);
}

function selectAt(v: unknown, level: number, i: number): unknown {
  if (isBatchedAt(v, level)) return v.value.select(0, i);
  if (Array.isArray(v)) return v.some((e) => isBatchedAt(e, level)) ? v.map((e) => selectAt(e, level, i)) : v;
  if (isPlainObject(v) && levelOfValue(v) === level) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = selectAt(v[k], level, i);
    return o;
  }
  return v;
}

/**
 * @internal Gives `out` the named elements of `r` (the `{ values, indices }` results are arrays with non-enumerable
 * names): out[name] is the element of out at the position r[name] holds in r.
 */
export function namesLike(r: unknown[], out: unknown[]): void {
  for (const k of Object.getOwnPropertyNames(r)) {
    if (k === 'length' || /^\d+$/.test(k)) continue;
    const i = r.indexOf((r as unknown as Record<string, unknown>)[k]);
    if (i >= 0) Object.defineProperty(out, k, { value: out[i], enumerable: false });
  }
}

/** Stacks the per-example results (tensors, arrays or plain objects of tensors) into batched results. */function stackOf(op: OpCall, outs: unknown[]): unknown {
  const first = outs[0];
  if (first instanceof Tensor) return wrap(stackTensors(outs as Tensor[]), op.level);
  if (Array.isArray(first)) {
    const r: unknown[] = first.map((_, j) => stackOf(op, outs.map((o) => (o as unknown[])[j])));
    namesLike(first, r);
    return r;
  }
  if (isPlainObject(first)) {
    const r: Record<string, unknown> = {};
    for (const k of Object.keys(first)) r[k] = stackOf(op, outs.map((o) => (o as Record<string, unknown>)[k]));
    return r;
  }
  for (const o of outs)
    if (o !== first)
      throw new Error(`vmap: ${op.sig.fn} returned a non-Tensor value (${String(first)}) that differs between examples; vmap cannot batch a data-dependent Python value`);
  return first;
}

/** @internal Installed by batching_rules.ts: tg.stack through dispatch (vmap.ts cannot import lib/api). */
export const stackHook: { stack: (ts: Tensor[]) => Tensor; cat: (ts: Tensor[], dim: number) => Tensor } = {
  stack: () => {
    throw new Error('vmap: stack is not loaded');
  },
  cat: () => {
    throw new Error('vmap: cat is not loaded');
  },
};
function stackTensors(ts: Tensor[]): Tensor {
  return stackHook.stack(ts);
}

/** @internal The loop fallback: the op once per example, stacked (Note [vmap]). */
export function fallback(op: OpCall, args: unknown[]): unknown {
  if (op.name === 'item' || op.name === 'tolist')
    throw new Error(`vmap: It looks like you're calling .${op.name}() on a Tensor. We don't support vmap over calling .${op.name}() on a Tensor, please try to rewrite what you're doing with other operations. If error is occurring somewhere inside PyTorch internals, please file a bug report.`);
  if (op.name.endsWith('_') && op.method && !isBatchedAt(args[0], op.level)) throw inplaceError(op.name);
  fallbackCounts.set(op.sig.fn, (fallbackCounts.get(op.sig.fn) ?? 0) + 1);
  warnOnce(op.sig.fn);
  const outs: unknown[] = [];
  for (let i = 0; i < op.batchSize; i++) outs.push(callOp(op, args.map((a) => selectAt(a, op.level, i))));
  if (op.name.endsWith('_') && op.method) return args[0];
  return stackOf(op, outs);
}

/**
 * The results of loopInternal: stacked copies, so an internal view op that looped does not alias its input. A
 * formula writing into one (copy_ into a view of a zero buffer) would lose the write: an in-place op on one
 * throws instead, and the engine runs that node once per example.
 */
const loopCopies = new WeakSet<Tensor>();

/**
 * @internal An internal function (a backward formula's helper, or a whole node: Note [Batched backward] in
 * lib/autograd/batchable.ts) called with batched arguments: once per example of the highest level, stacked.
 */
export function loopInternal(name: string, impl: Impl, args: unknown[]): unknown {
  let level = 0;
  for (const a of args) level = Math.max(level, levelOfValue(a));
  const lv = levelInfo(level);
  const sig = { fn: `autograd formula ${name}` } as Signature;
  const op: OpCall = { name, sig, impl, method: false, level, batchSize: lv.batchSize, self: undefined };
  fallbackCounts.set(sig.fn, (fallbackCounts.get(sig.fn) ?? 0) + 1);
  warnOnce(sig.fn);
  const outs: unknown[] = [];
  for (let i = 0; i < lv.batchSize; i++) {
    const sel = args.map((a) => selectAt(a, level, i));
    // An outer level may still batch an argument: the same again, one level down.
    const r = sel.some((a) => levelOfValue(a) > 0) ? loopInternal(name, impl, sel) : impl(...sel);
    // A function that wrote into an unbatched argument would get every example's write: functorch's error.
    if ((name.endsWith('_') || args.includes(r)) && (!isBatchedAt(args[0], level) || loopCopies.has(args[0]))) throw inplaceError(name);
    outs.push(r);
  }
  const out = stackOf(op, outs);
  if (out instanceof BatchedTensor) loopCopies.add(out);
  return out;
}
vmapHook.batched = (x) => x instanceof BatchedTensor;
vmapHook.loop = loopInternal;

/** @internal functorch's error for an in-place op on an unbatched tensor with a batched argument. */
export function inplaceError(name: string): Error {
  void name; // functorch's text names the family, not the op
  return new Error('vmap: inplace arithmetic(self, *extra_args) is not possible because there exists a Tensor `other` in extra_args that has more elements than `self`. This happened due to `other` being vmapped over but `self` not being vmapped over in a vmap. Please try to use out-of-place operators instead of inplace arithmetic. If said operator is being called inside the PyTorch framework, please file a bug report instead.');
}

/**
 * @internal The physical expansions vmap made of unbatched inputs that require grad (Note [vmap]), to the tensor
 * expanded: rules such as linear's compute with the original and record per-example gradients for the expansion
 * (PyTorch's ExpandedWeight does the same for per-sample gradients).
 */
export const expandedFrom = new WeakMap<Tensor, Tensor>();

/** @internal Pushes a level for `fn`'s duration. */
export function withLevel<T>(batchSize: number, randomness: Randomness, fn: (level: number) => T): T {
  const level = nextLevel++;
  levels.push({ level, batchSize, randomness });
  vmapHook.depth = levels.length;
  try {
    return fn(level);
  } finally {
    levels.pop();
    vmapHook.depth = levels.length;
  }
}

/** @internal Whether grad mode is on (an unbatched input that requires grad then enters vmap expanded). */
export function gradEnabled(): boolean {
  return gradMode.enabled;
}

// ---- the transform ------------------------------------------------------------------------------------------
/** A pytree of in/out dims: a number or null for a whole subtree, or arrays/objects matching the arguments. */
export type Dims = number | null | readonly Dims[] | { readonly [key: string]: Dims };

/** vmap's options, PyTorch's keyword arguments in camelCase. */
export interface VmapOptions {
  /** The batch dim of each argument (null: not batched), a number for all; nested as the arguments. Default 0. */
  inDims?: Dims;
  /** Where each output's batch dim goes (null: the output is not batched). Default 0. */
  outDims?: Dims;
  /** 'error' (default), 'same' or 'different': how random ops behave (Note [vmap randomness]). */
  randomness?: Randomness;
  /** Run the batch in chunks of this many examples (less memory, more calls); default all at once. */
  chunkSize?: number | null;
}

function fmtDims(d: Dims | undefined): string {
  return JSON.stringify(d ?? 0);
}

interface Leaf {
  t: unknown;
  dim: number | null;
}

/** Pairs each leaf of `args` with its in_dim (a number/null covers a subtree). */
function flattenDims(name: string, dims: Dims, args: unknown, out: Leaf[], where: string): void {
  if (dims === null || typeof dims === 'number') {
    if (Array.isArray(args)) for (const a of args) flattenDims(name, dims, a, out, where);
    else if (isPlainObject(args)) for (const k of Object.keys(args)) flattenDims(name, dims, args[k], out, where);
    else out.push({ t: args, dim: dims });
    return;
  }
  if (Array.isArray(dims)) {
    if (!Array.isArray(args) || args.length !== dims.length)
      throw new Error(`${where}: in_dims is not compatible with the structure of \`inputs\`. in_dims has structure ${fmtDims(dims)} but inputs has structure of ${Array.isArray(args) ? `length ${args.length}` : typeof args}.`);
    dims.forEach((d, i) => flattenDims(name, d, args[i], out, where));
    return;
  }
  if (!isPlainObject(args)) throw new Error(`${where}: in_dims is not compatible with the structure of \`inputs\`.`);
  for (const k of Object.keys(args)) flattenDims(name, (dims as Record<string, Dims>)[k] ?? null, args[k], out, where);
}

/** Rebuilds `args` with each leaf replaced by the next of `leaves`. */
function unflatten(args: unknown, leaves: unknown[], pos: { i: number }): unknown {
  if (Array.isArray(args)) return args.map((a) => unflatten(a, leaves, pos));
  if (isPlainObject(args)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(args)) o[k] = unflatten(args[k], leaves, pos);
    return o;
  }
  return leaves[pos.i++];
}

function checkInDims(where: string, leaves: Leaf[]): number {
  const sizes: number[] = [];
  for (const { t, dim } of leaves) {
    if (dim === null) continue;
    if (typeof dim !== 'number' || !Number.isInteger(dim))
      throw new TypeError(`${where}: in_dims must be an int or None, got ${describe(dim)}`);
    if (!(t instanceof Tensor))
      throw new TypeError(`${where}: Got in_dim=${dim} for an input but the input is of type ${t === null ? 'null' : typeof t}. We cannot vmap over non-Tensor arguments, please use None as the respective in_dim`);
    const n = t.shape.length;
    if (dim < -n || dim >= n)
      throw new RangeError(`${where}: Got in_dim=${dim} for some input, but that input is a Tensor of dimensionality ${n} so expected in_dim to satisfy -${n} <= in_dim < ${n}.`);
    sizes.push(t.shape[dim < 0 ? dim + n : dim]);
  }
  if (sizes.length === 0)
    throw new Error(`${where}: at least one input must be batched: got all in_dims=None (or no tensor inputs)`);
  if (sizes.some((s) => s !== sizes[0]))
    throw new RangeError(`vmap: Expected all tensors to have the same size in the mapped dimension, got sizes [${sizes.join(', ')}] for the mapped dimension`);
  return sizes[0];
}

/** The output leaves with their batch dim placed at out_dims (Note [vmap]). */
function placeOutputs(where: string, name: string, dims: Dims, out: unknown, level: number, B: number): unknown {
  if (dims === null || typeof dims === 'number') {
    if (Array.isArray(out)) return out.map((o) => placeOutputs(where, name, dims, o, level, B));
    if (isPlainObject(out)) {
      const r: Record<string, unknown> = {};
      for (const k of Object.keys(out)) r[k] = placeOutputs(where, name, dims, out[k], level, B);
      return r;
    }
    if (!(out instanceof Tensor)) {
      if (dims === null) return out;
      throw new TypeError(`vmap(${name}, ...): \`${name}\` must only return Tensors, got type ${out === null ? 'null' : typeof out} as a return.`);
    }
    if (dims === null) {
      if (isBatchedAt(out, level)) throw new Error(`${where}: \`${name}\` can not return a BatchedTensor when out_dim is None`);
      return out;
    }
    const n = out.shape.length + 1;
    if (!Number.isInteger(dims) || dims < -n || dims >= n)
      throw new RangeError(`${where}: Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dims}) for out_dims`);
    const v = isBatchedAt(out, level) ? out.value : out.unsqueeze(0).expand([B, ...out.shape]);
    const d = dims < 0 ? dims + n : dims;
    return d === 0 ? v : v.movedim(0, d);
  }
  if (Array.isArray(dims)) {
    const outs = Array.isArray(out) ? out : [out];
    if (outs.length !== dims.length)
      throw new Error(`${where}: out_dims is not compatible with the structure of \`outputs\`. out_dims has structure ${fmtDims(dims)} but outputs has ${outs.length} element(s).`);
    return outs.map((o, i) => placeOutputs(where, name, dims[i], o, level, B));
  }
  if (!isPlainObject(out)) throw new Error(`${where}: out_dims is not compatible with the structure of \`outputs\`.`);
  const r: Record<string, unknown> = {};
  for (const k of Object.keys(out)) r[k] = placeOutputs(where, name, (dims as Record<string, Dims>)[k] ?? 0, out[k], level, B);
  return r;
}

/** The chunk [start, start + size) of every batched leaf along its in_dim. */
function chunkLeaves(leaves: Leaf[], start: number, size: number): unknown[] {
  return leaves.map(({ t, dim }) => (dim === null ? t : (t as Tensor).narrow(dim, start, size)));
}

/** Joins the chunks' outputs along their out_dims. */
function joinChunks(dims: Dims, outs: unknown[]): unknown {
  const first = outs[0];
  if (first instanceof Tensor) {
    if (dims === null) return first;
    const d = typeof dims === 'number' ? dims : 0;
    return stackHook.cat(outs as Tensor[], d < 0 ? d + first.shape.length : d);
  }
  if (Array.isArray(first)) return first.map((_, i) => joinChunks(Array.isArray(dims) ? (dims as Dims[])[i] : dims, outs.map((o) => (o as unknown[])[i])));
  if (isPlainObject(first)) {
    const r: Record<string, unknown> = {};
    for (const k of Object.keys(first)) r[k] = joinChunks(isPlainObject(dims) ? (dims as Record<string, Dims>)[k] : dims, outs.map((o) => (o as Record<string, unknown>)[k]));
    return r;
  }
  return first;
}

/** @internal tg.func.vmap's body (vmap_api.ts wraps it with its keyword arguments; the docs are there). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function vmapImpl<F extends (...args: any[]) => any>(func: F, inDims?: Dims | VmapOptions, outDims?: Dims, randomness?: Randomness, chunkSize?: number | null): F {
  if (typeof func !== 'function') throw new TypeError(`vmap: func must be a function, got ${describe(func)}`);
  const ind: Dims = inDims === undefined ? 0 : (inDims as Dims);
  const outd: Dims = outDims === undefined ? 0 : outDims;
  const mode: Randomness = randomness ?? 'error';
  if (mode !== 'error' && mode !== 'same' && mode !== 'different')
    throw new RangeError(`vmap: Only allowed values for randomness are 'error', 'different', or 'same'. Got ${String(randomness)}`);
  if (chunkSize !== undefined && chunkSize !== null && (!Number.isInteger(chunkSize) || chunkSize < 1))
    throw new RangeError(`vmap: chunk_size should be None or greater than 0. (got ${String(chunkSize)})`);
  const name = func.name || 'fn';
  const where = `vmap(${name}, in_dims=${fmtDims(ind)}, ...)(<inputs>)`;
  const run = function (this: unknown, ...args: unknown[]): unknown {
    if (!Array.isArray(ind) && typeof ind !== 'number' && !isPlainObject(ind))
      throw new TypeError(`${where}: expected \`in_dims\` to be int or a (potentially nested) tuple matching the structure of inputs, got: ${describe(ind)}.`);
    if (Array.isArray(ind) && ind.length !== args.length)
      throw new Error(`${where}: Expected len(in_dims) == len(args) (got ${ind.length} in_dims and ${args.length} args)`);
    const leaves: Leaf[] = [];
    flattenDims(name, ind, args, leaves, where);
    const B = checkInDims(where, leaves);
    const once = (ls: unknown[], b: number): unknown => withLevel(b, mode, (level) => {
      const inner = ls.map((t, i) => {
        const dim = leaves[i].dim;
        if (!(t instanceof Tensor)) return t;
        if (dim === null) {
          // Note [vmap]: an unbatched input that requires grad is passed as a batched view so that gradients
          // taken inside vmap are per example.
          if (!(t.requiresGrad && gradMode.enabled)) return t;
          const e = t.unsqueeze(0).expand([b, ...t.shape]);
          expandedFrom.set(e, t);
          return wrap(e, level);
        }
        return wrap(dim === 0 ? t : t.movedim(dim, 0), level);
      });
      const out = func.apply(this, unflatten(args, inner, { i: 0 }) as unknown[]);
      return placeOutputs(where, name, outd, out, level, b);
    });
    if (chunkSize === undefined || chunkSize === null || chunkSize >= B) return once(leaves.map((l) => l.t), B);
    const parts: unknown[] = [];
    for (let s = 0; s < B; s += chunkSize) {
      const n = Math.min(chunkSize, B - s);
      parts.push(once(chunkLeaves(leaves, s, n), n));
    }
    return joinChunks(outd, parts);
  };
  Object.defineProperty(run, 'name', { value: `vmap(${name})` });
  return run as unknown as F;
}
