// Grad mode: whether ops record the graph. noGrad/enableGrad restore the previous mode even on exceptions.
import { fwState } from './fw_state.js';

export const gradMode = { enabled: true };

/**
 * Whether a backward formula must be built from recording ops: grad mode is on (createGraph), or a dual level
 * is open, so its ops carry tangents (forward over reverse, Note [Forward AD]). Otherwise formulas may take
 * fused kernels and GEMM flags that record nothing.
 */
export function differentiableFormulas(): boolean {
  return gradMode.enabled || fwState.active;
}

/**
 * Whether operations are recorded for autograd right now.
 *
 * Whether operations currently record autograd history.
 *
 * @see torch.is_grad_enabled
 * @example
 * ```ts
 * tg.isGradEnabled() // => true
 * ```
 */
export function isGradEnabled(): boolean {
  return gradMode.enabled;
}

/**
 * Turns gradient recording on or off globally (prefer noGrad for a scope).
 *
 * Turns graph recording on or off (like `torch.set_grad_enabled`).
 *
 * @see torch.set_grad_enabled
 * @example
 * ```ts
 * tg.setGradEnabled(false)
 * const off = tg.isGradEnabled()
 * tg.setGradEnabled(true)
 * off // => false
 * ```
 */
export function setGradEnabled(enabled: boolean): void {
  if (typeof enabled !== 'boolean') throw new TypeError(`setGradEnabled: expected a boolean, got ${typeof enabled}`);
  gradMode.enabled = enabled;
}

function withMode<T>(op: string, enabled: boolean, fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError(`${op}: expected a function`);
  const prev = gradMode.enabled;
  gradMode.enabled = enabled;
  try {
    return fn();
  } finally {
    gradMode.enabled = prev;
  }
}

/**
 * Runs `fn` with gradient recording off (PyTorch's `with torch.no_grad():`) and returns its result.
 *
 * Runs fn without recording the graph and returns its result.
 *
 * @see torch.no_grad
 * @example
 * ```ts
 * const w = tg.ones(2, { requiresGrad: true })
 * const y = tg.noGrad(() => w.mul(2))
 * y.requiresGrad // => false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withMode('noGrad', false, fn);
}

/**
 * Runs `fn` with gradient recording on, even inside noGrad.
 *
 * Runs fn with graph recording on (inside noGrad too) and returns its result.
 *
 * @see torch.enable_grad
 * @example
 * ```ts
 * const w = tg.ones(2, { requiresGrad: true })
 * tg.noGrad(() => tg.enableGrad(() => w.mul(2))).requiresGrad // => true
 * ```
 */
export function enableGrad<T>(fn: () => T): T {
  return withMode('enableGrad', true, fn);
}
