// Small tensor helpers the engine needs (reduce a broadcast grad to a shape, cast, add, NaN check), and
// zeroGradOf for Module.zeroGrad and Optimizer.zeroGrad.
import type { Tensor } from '../tensor.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as E from '../ops/elementwise.js';
import * as C from '../ops/creation.js';
import { batchable } from './batchable.js';
import { vmapHook } from '../kwargs.js';
import { fmtShape } from '../errors.js';
import type { DType } from '../dtype.js';
import { noGrad } from './grad_mode.js';

// The engine's helpers see batched grads too (Note [Batched backward]).
const [Rb, Sb, Eb, Cb] = [batchable(R), batchable(S), batchable(E), batchable(C)];

/** Sums g over the dims that broadcasting added or expanded, so it has `shape` (PyTorch's sum_to). */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  const lead = g.shape.length - shape.length;
  if (lead < 0) throw new RangeError(`sumToShape: cannot reduce ${fmtShape(g.shape)} to ${fmtShape(shape)}`);
  const dims: number[] = [];
  for (let d = 0; d < g.shape.length; d++) {
    if (d < lead) dims.push(d);
    else if (shape[d - lead] === 1 && g.shape[d] !== 1) dims.push(d);
    else if (shape[d - lead] !== g.shape[d])
      throw new RangeError(`sumToShape: cannot reduce ${fmtShape(g.shape)} to ${fmtShape(shape)}`);
  }
  const r = dims.length > 0 ? Rb.sum(g, dims, true) : g;
  return r.shape.length === shape.length ? r : Sb.reshape(r, shape as number[]);
}

/** True when `from` broadcasts to `to` without being equal to it (a compact grad of a `to`-shaped value). */
export function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  const lead = to.length - from.length;
  if (lead < 0) return false;
  let equal = lead === 0;
  for (let d = 0; d < from.length; d++) {
    if (from[d] !== to[d + lead]) {
      if (from[d] !== 1) return false;
      equal = false;
    }
  }
  return !equal;
}

/**
 * Reduces a grad computed from a compact grad of a `full`-shaped output to an input of `shape`: the grad
 * stands for g broadcast to `full`, so where the input was broadcast the full grad is summed, and along a
 * dim where g itself has size 1 that sum is size times g. The result broadcasts to `shape` (it may still be
 * compact).
 */
export function sumCompactToShape(g: Tensor, shape: readonly number[], full: readonly number[]): Tensor {
  const rank = full.length;
  const sLead = rank - shape.length, gLead = rank - g.shape.length;
  const dims: number[] = [];
  let factor = 1;
  for (let d = 0; d < rank; d++) {
    const s = d < sLead ? 1 : shape[d - sLead];
    if (s !== 1 || full[d] === 1) continue;
    if (d >= gLead && g.shape[d - gLead] !== 1) dims.push(d - gLead);
    else factor *= full[d];
  }
  let r = dims.length > 0 ? Rb.sum(g, dims, true) : g;
  // factor 0: the full grad is empty along a dim (the grad of an empty mean is inf or NaN), and a sum of no
  // terms is +0, not g * 0 (seed 1 of the op fuzzer: x.narrow(0, 0, 0).add(y).mean() gave y NaN grads).
  if (factor === 0) r = Cb.zeros(r.shape, { dtype: r.dtype });
  else if (factor !== 1) r = Eb.mul(r, factor);
  // Dims the input does not have are all 1 now: drop them.
  const drop = r.shape.length - shape.length;
  return drop > 0 ? Sb.reshape(r, r.shape.slice(drop)) : r;
}

export function castTo(g: Tensor, dtype: DType): Tensor {
  return g.dtype === dtype ? g : Cb.to(g, dtype);
}

export function addGrads(a: Tensor, b: Tensor): Tensor {
  return Eb.add(a, b);
}

export function hasNaN(g: Tensor): boolean {
  if (g.dtype !== 'float32' && g.dtype !== 'float64') return false;
  if (vmapHook.batched(g)) return hasNaN((g as Tensor & { value: Tensor }).value);
  const d = g._data;
  for (let i = 0; i < d.length; i++) if (d[i] !== d[i]) return true;
  return false;
}

/** Clears one tensor's grad as PyTorch's zero_grad does. */
export function zeroGradOf(p: Tensor, setToNone: boolean): void {
  const g = p.grad;
  if (g === null) return;
  if (setToNone) {
    p.grad = null;
    return;
  }
  if (g.gradFn !== null) {
    // PyTorch: p.grad.detach_() (or requires_grad_(False)), then zero_().
    g.detach_();
  } else if (g.requiresGrad) g.requiresGrad_(false);
  noGrad(() => g.zero_());
}
