// Grad mode: whether ops record the graph. noGrad/enableGrad restore the previous mode even on exceptions.
export const gradMode = { enabled: true };

/** Whether operations currently record autograd history. @example tg.isGradEnabled() // true */
export function isGradEnabled(): boolean {
  return gradMode.enabled;
}

/** Turns graph recording on or off (like `torch.set_grad_enabled`). @example tg.setGradEnabled(false) */
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

/** Runs fn without recording the graph and returns its result. @example tg.noGrad(() => w.sub_(g.mul(lr))) */
export function noGrad<T>(fn: () => T): T {
  return withMode('noGrad', false, fn);
}

/** Runs fn with graph recording on (inside noGrad too) and returns its result. */
export function enableGrad<T>(fn: () => T): T {
  return withMode('enableGrad', true, fn);
}
