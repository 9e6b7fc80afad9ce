// Forward-mode AD (PyTorch's torch.autograd.forward_ad): dual levels, dual tensors, and the hook record()
// calls to push tangents through every row of the derivative table.
import type { Tensor } from '../tensor.js';
import { isFloat } from '../dtype.js';
import { broadcastShapes } from '../shape.js';
import { typeError, fmtShape, describe } from '../errors.js';
import { fwState } from './fw_state.js';
import { kw, signature, vmapHook } from '../kwargs.js';
import { D } from './derivatives.js';
import { GraphOnlyInput, type Derivative, type JvpInput } from './function_node.js';
import { enableGrad, gradMode } from './grad_mode.js';
import { grad } from './backward.js';
import { sumToShape, broadcastsTo } from './grad_utils.js';
import * as E_ from '../ops/elementwise.js';
import * as R_ from '../ops/reduce.js';
import * as S_ from '../ops/shape.js';
import * as C_ from '../ops/creation.js';
import * as I_ from '../ops/inplace.js';
import { batchable } from './batchable.js';

const [E, R, S, C, I] = [batchable(E_), batchable(R_), batchable(S_), batchable(C_), batchable(I_)]; // Note [Batched backward]: batched tangents too

/**
 * Note [Forward AD]: a dual tensor is a tensor with a tangent at the open dual level (PyTorch 1.13 allows one
 * level, number 0). Tangents live in a WeakMap owned by the level, so ordinary tensors carry nothing and
 * exiting the level drops every tangent at once. Every differentiable op goes through record()
 * (function_node.ts), whose only extra cost with no level open is one boolean check; with a level open it
 * calls `propagate`, which, when any input has a tangent, computes the outputs' tangents from the row's
 * `jvp` rule (Jvp in function_node.ts). Tangent formulas run with the level suspended (fwState.active false),
 * so they see the primals only, as PyTorch's `self_p`; they run in the current grad mode, so with grad mode on
 * the tangents are themselves differentiable (forward-over-reverse: the backward formulas of a createGraph
 * backward are ops too, and their outputs get tangents, which is how jvp(grad(f)) is a Hessian-vector product).
 * In-place ops move the new tangent into the target's own (a view's tangent is a view of its base's), so
 * views see in-place changes of their base's tangent, as in PyTorch.
 */
const rows = D as unknown as Record<string, Derivative>;

function tangentOfInput(x: unknown): Tensor | null {
  if (x instanceof GraphOnlyInput) x = x.node.input;
  if (x === null || typeof x !== 'object' || (x as Tensor)._isTensor !== true) return null;
  return fwState.tangents!.get(x as Tensor) ?? null;
}

/** PyTorch's error for an op without a forward derivative (its aten name). */
export function notImplementedError(name: string): Error {
  const e = new Error(`Trying to use forward AD with ${name} that does not support it because it has not been implemented yet.`);
  e.name = 'NotImplementedError';
  return e;
}

/** The hook record() calls while a level is open. */
function propagate(rowName: string, inputs: readonly unknown[], outputs: Tensor | Tensor[], saved: (() => unknown) | undefined): void {
  let tangents: (Tensor | null)[] | null = null;
  for (let i = 0; i < inputs.length; i++) {
    const t = tangentOfInput(inputs[i]);
    if (t !== null) (tangents ??= new Array<Tensor | null>(inputs.length).fill(null))[i] = t;
  }
  if (tangents === null) return;
  const row = rows[rowName];
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  fwState.active = false;
  let res: readonly (Tensor | null)[];
  try {
    res = outputTangents(row, tangents, inputs, (saved ? saved() : {}) as Record<string, unknown>, outs);
  } finally {
    fwState.active = true;
  }
  for (let k = 0; k < outs.length; k++) {
    let t = res[k];
    if (t === null || t === undefined || !isFloat(outs[k].dtype)) continue;
    // An output that is not a view must not share memory with an input's tangent (x + 1 passes x's tangent
    // through): an in-place op on it would write into the input's tangent.
    if (outs[k]._view === null && tangents.some((ti) => ti !== null && ti._box === t!._box)) t = C.clone(t);
    fwState.tangents!.set(outs[k], t);
  }
}

function outputTangents(row: Derivative, tangents: (Tensor | null)[], inputs: readonly unknown[], saved: Record<string, unknown>, outs: Tensor[]): readonly (Tensor | null)[] {
  const jvp = row.jvp;
  if (jvp === undefined) throw new Error(`${row.name}: the derivative row has no tangent rule for forward AD`);
  if (typeof jvp === 'object') throw notImplementedError(jvp.notImplemented);
  if (jvp === 'elementwise') return [elementwise(row, tangents, saved, outs[0], null)];
  if (jvp === 'elementwiseReduced') return [elementwise(row, tangents, saved, outs[0], inputs)];
  if (jvp === 'transpose') return transposed(row, tangents, inputs, saved, outs);
  const r = jvp(tangents, saved, outs, inputs as readonly (JvpInput | null)[]);
  return Array.isArray(r) ? (r as (Tensor | null)[]) : [r as Tensor | null];
}

/** t brought to `shape` (broadcast up, or summed down from a broadcast), as the engine brings grads to inputs. */
function fit(t: Tensor, shape: readonly number[]): Tensor {
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t;
  return broadcastsTo(t.shape, shape) ? S.expand(t, shape as number[]) : sumToShape(t, shape);
}

/**
 * PyTorch's auto_element_wise: the backward formula of each input applied to its tangent broadcast to the output.
 * With `inputs` ('elementwiseReduced'), broadcast to the inputs' shape instead and summed if the output is reduced.
 */
function elementwise(row: Derivative, tangents: (Tensor | null)[], saved: Record<string, unknown>, out: Tensor, inputs: readonly unknown[] | null): Tensor {
  let shape = out.shape;
  if (inputs !== null) {
    shape = [];
    for (const x of inputs) if (x !== null && x !== undefined && (x as Tensor)._isTensor === true) shape = broadcastShapes(row.name, shape, (x as Tensor).shape);
  }
  let acc: Tensor | null = null;
  for (let i = 0; i < tangents.length; i++) {
    const t = tangents[i];
    if (t === null) continue;
    const te = fit(t, shape);
    const c = row.grads[i](te, saved, [te]);
    if (c !== null) acc = acc === null ? c : E.add(acc, c);
  }
  if (acc === null) return C.zeros(out.shape, { dtype: out.dtype });
  return inputs !== null && out.ndim === 0 && acc.ndim > 0 ? R.sum(acc) : fit(acc, out.shape);
}

/** Tensors of saved values detached (the nested backward below must not walk the graph they belong to). */
function detached(saved: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in saved) {
    const v = saved[k];
    if (v !== null && typeof v === 'object' && (v as Tensor)._isTensor === true) out[k] = (v as Tensor).detach();
    else if (Array.isArray(v)) out[k] = v.map((e) => (e !== null && typeof e === 'object' && (e as Tensor)._isTensor === true ? (e as Tensor).detach() : e));
    else out[k] = v;
  }
  return out;
}

/** Whether a tangent computed now should carry reverse-mode history (grad mode on and a value requires grad). */
function wantsHistory(tangents: (Tensor | null)[], saved: Record<string, unknown>): boolean {
  if (!gradMode.enabled) return false;
  for (const t of tangents) if (t !== null && t.requiresGrad) return true;
  for (const k in saved) {
    const v = saved[k];
    if (v !== null && typeof v === 'object' && (v as Tensor)._isTensor === true && (v as Tensor).requiresGrad) return true;
    if (Array.isArray(v) && v.some((e) => e !== null && typeof e === 'object' && (e as Tensor)._isTensor === true && (e as Tensor).requiresGrad)) return true;
  }
  return false;
}

/**
 * The 'transpose' rule: each backward formula is linear in the output grads u, so J t = d/du sum_i <J_i^T u, t_i>,
 * one backward through the formulas. When the tangent should carry reverse-mode history (reverse over forward),
 * that backward builds a graph (createGraph) over the saved values and tangents themselves (Note [Reentrant
 * backward] in engine.ts); otherwise it runs on detached values, so it walks no graph but its own.
 */
function transposed(row: Derivative, tangents: (Tensor | null)[], inputs: readonly unknown[], saved: Record<string, unknown>, outs: Tensor[]): (Tensor | null)[] {
  const history = wantsHistory(tangents, saved);
  return enableGrad(() => {
    const us = outs.map((o) => (isFloat(o.dtype) ? C.zeros(o.shape, { dtype: o.dtype }).requiresGrad_(true) : null));
    const s = history ? saved : detached(saved);
    let acc: Tensor | null = null;
    for (let i = 0; i < tangents.length; i++) {
      const t = tangents[i];
      if (t === null) continue;
      const gi = row.variadic !== undefined ? row.variadic(us[0] as Tensor, s, i) : row.grads[i](us[0] as Tensor, s, us);
      if (gi === null) continue;
      const term = R.sum(E.mul(fit(gi, (inputs[i] as { shape: number[] }).shape), history ? t : t.detach()));
      acc = acc === null ? term : E.add(acc, term);
    }
    const live = us.filter((u): u is Tensor => u !== null);
    const gs = acc !== null && acc.requiresGrad ? grad([acc], live, { allowUnused: true, createGraph: history }) : live.map(() => null);
    let j = 0;
    return outs.map((o, k) => (us[k] === null ? null : (gs[j++] ?? C.zeros(o.shape, { dtype: o.dtype }))));
  });
}

/** After an in-place op wrote into x: its tangent becomes `t` (null: zero), written into its existing one. */
function inplace(x: Tensor, t: Tensor | null): void {
  const map = fwState.tangents!;
  let own = map.get(x) ?? null;
  if (own === null && t === null) {
    if (x._view === null || !map.has(x._view.base)) return;
  }
  fwState.active = false;
  try {
    if (own === null && x._view !== null) {
      // A view of a base: its tangent is the same view of the base's (made zero if the base has none yet).
      const base = x._view.base;
      let tb = map.get(base) ?? null;
      // (zeros batched as t is, for a batched tangent: Note [Batched backward])
      if (tb === null) map.set(base, (tb = t !== null && vmapHook.batched(t) ? t.newZeros(base.shape) : C.zeros(base.shape, { dtype: base.dtype })));
      own = x._view.replay(tb);
      map.set(x, own);
    }
    if (own === null) map.set(x, t as Tensor);
    else if (t === null) I.zero_(own);
    else if (t !== own) I.copy_(own, t);
  } finally {
    fwState.active = true;
  }
}

function open(): void {
  fwState.level = 0;
  fwState.tangents = new WeakMap();
  fwState.hook = propagate;
  fwState.inplace = inplace;
  fwState.active = true;
}

/**
 * Opens a dual level (forward-mode AD): until {@link exitDualLevel}, dual tensors made with {@link makeDual}
 * carry their tangents through every op. PyTorch 1.13 supports one level at a time. Returns the level (0).
 *
 * @see torch.autograd.forward_ad.enter_dual_level
 * @example
 * ```ts
 * const level = tg.autograd.forwardAd.enterDualLevel()
 * const x = tg.autograd.forwardAd.makeDual(tg.tensor([1, 2]), tg.tensor([1, 0]))
 * const { tangent } = tg.autograd.forwardAd.unpackDual(x.mul(x))
 * tg.autograd.forwardAd.exitDualLevel()
 * level // => 0
 * tangent // tensor([2., 0.])
 * ```
 */
export const enterDualLevel = kw(signature('autograd.forwardAd.enterDualLevel', ''), function enterDualLevel(): number {
  if (fwState.level !== -1) throw new Error('enterDualLevel: Nested forward mode AD is not supported at the moment');
  open();
  return 0;
});

/**
 * Closes the dual level: every tangent made in it is dropped (the tensors keep their primal values).
 *
 * @see torch.autograd.forward_ad.exit_dual_level
 * @example
 * ```ts
 * tg.autograd.forwardAd.enterDualLevel()
 * const x = tg.autograd.forwardAd.makeDual(tg.tensor([1]), tg.tensor([1]))
 * tg.autograd.forwardAd.exitDualLevel()
 * tg.autograd.forwardAd.unpackDual(x).tangent // => null
 * ```
 */
export const exitDualLevel = kw(signature('autograd.forwardAd.exitDualLevel', 'level'), function exitDualLevel(level: number | null = null): void {
  level ??= fwState.level;
  // a non-number level (a tensor, a string) is refused by name before any comparison coerces it
  if (typeof level !== 'number') throw new TypeError(`exitDualLevel: level must be a number, got ${describe(level)}`);
  if (fwState.level === -1 || level < 0) throw new Error('exitDualLevel: Dual level must be a positive number.');
  if (level !== fwState.level)
    throw new Error('exitDualLevel: Trying to exit a forward AD level that was not the last one that was created. This is not supported.');
  fwState.active = false;
  fwState.level = -1;
  fwState.tangents = null;
  fwState.hook = null;
  fwState.inplace = null;
});

/**
 * Runs `fn` inside a new dual level (PyTorch's `with fwAD.dual_level():`) and returns its result; the level
 * is closed even if `fn` throws. `fn` must be synchronous.
 *
 * @see torch.autograd.forward_ad.dual_level
 * @example
 * ```ts
 * const fwAd = tg.autograd.forwardAd
 * const t = fwAd.dualLevel(() => {
 *   const x = fwAd.makeDual(tg.tensor([0.5, 1]), tg.tensor([1, 1]))
 *   return fwAd.unpackDual(x.sin()).tangent.allclose(tg.tensor([0.5, 1]).cos())
 * })
 * t // => true
 * ```
 */
export const dualLevel = kw(signature('autograd.forwardAd.dualLevel', 'fn'), function dualLevel<R>(fn: () => R): R {
  if (typeof fn !== 'function') throw typeError('dualLevel', `expected a function, got ${describe(fn)}`);
  if (fwState.level !== -1) throw new Error('dualLevel: Nested forward mode AD is not supported at the moment');
  enterDualLevel();
  try {
    return fn();
  } finally {
    exitDualLevel();
  }
}) as <R>(fn: () => R) => R;

function isTensorValue(x: unknown): x is Tensor {
  return x !== null && typeof x === 'object' && (x as Tensor)._isTensor === true;
}

/**
 * A dual tensor: a view of `tensor` whose tangent at the open level is `tangent` (same shape; both floating
 * point). Ops on it carry the tangent along: `unpackDual(f(x)).tangent` is the Jacobian of f times `tangent`.
 *
 * @see torch.autograd.forward_ad.make_dual
 * @example
 * ```ts
 * const fwAd = tg.autograd.forwardAd
 * const slope = fwAd.dualLevel(() => {
 *   const x = fwAd.makeDual(tg.tensor([3]), tg.tensor([1]))
 *   return fwAd.unpackDual(x.pow(2)).tangent.item()
 * })
 * slope // => 6
 * ```
 */
export const makeDual = kw(signature('autograd.forwardAd.makeDual', 'tensor, tangent, level'), function makeDual(tensor: Tensor, tangent: Tensor, level: number | null = null): Tensor {
  if (!isTensorValue(tensor)) throw typeError('makeDual', `expected tensor to be a Tensor, got ${describe(tensor)}`);
  if (!isTensorValue(tangent)) throw typeError('makeDual', `expected tangent to be a Tensor, got ${describe(tangent)}`);
  level ??= fwState.level;
  // a non-number level (a tensor, a string) is refused by name before any comparison coerces it
  if (typeof level !== 'number') throw new TypeError(`exitDualLevel: level must be a number, got ${describe(level)}`);
  if (fwState.level === -1 || level < 0)
    throw new Error('makeDual: Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() first.');
  if (level !== fwState.level) throw new Error(`makeDual: Invalid level ${level}: the open dual level is ${fwState.level}`);
  if (!isFloat(tensor.dtype)) throw typeError('makeDual', `Expected primal to be floating point or complex, but got: ${tensor.dtype}`);
  if (!isFloat(tangent.dtype)) throw typeError('makeDual', `Expected tangent to be floating point or complex, but got: ${tangent.dtype}`);
  if (tensor.shape.length !== tangent.shape.length || tensor.shape.some((d, i) => d !== tangent.shape[i]))
    throw new RangeError(
      'makeDual: Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. ' +
        `Tensor is of size ${fmtShape(tensor.shape)} while the given forward gradient is of size ${fmtShape(tangent.shape)}.`,
    );
  if (fwState.tangents!.has(tensor))
    throw new Error(`makeDual: Making a dual Tensor based on a Tensor that already has a forward gradient at the same level ${level} is not supported.`);
  const dual = S.aliasOf(tensor);
  fwState.tangents!.set(dual, tangent);
  return dual;
});

/**
 * The primal (a view of `tensor` without its tangent) and the tangent (null when it has none, or when no
 * level is open).
 *
 * @see torch.autograd.forward_ad.unpack_dual
 * @example
 * ```ts
 * const fwAd = tg.autograd.forwardAd
 * const pair = fwAd.dualLevel(() => {
 *   const { primal, tangent } = fwAd.unpackDual(fwAd.makeDual(tg.tensor([2]), tg.tensor([5])).mul(3))
 *   return [primal.item(), tangent.item()]
 * })
 * pair // => [6, 15]
 * ```
 */
export const unpackDual = kw(signature('autograd.forwardAd.unpackDual', 'tensor, level'), function unpackDual(tensor: Tensor, level: number | null = null): { primal: Tensor; tangent: Tensor | null } {
  if (!isTensorValue(tensor)) throw typeError('unpackDual', `expected a Tensor, got ${describe(tensor)}`);
  level ??= fwState.level;
  if (fwState.level === -1 || level !== fwState.level) return { primal: tensor, tangent: null };
  const tangent = fwState.tangents!.get(tensor) ?? null;
  if (tangent === null) return { primal: tensor, tangent: null };
  fwState.active = false;
  try {
    return { primal: S.aliasOf(tensor), tangent };
  } finally {
    fwState.active = true;
  }
});

/** tg.autograd.forwardAd: PyTorch's torch.autograd.forward_ad. */
export const forwardAd = { dualLevel, enterDualLevel, exitDualLevel, makeDual, unpackDual };
