// Anomaly mode: keep forward stacks on nodes and throw when a backward node produces NaN.
export const anomaly = { enabled: false };

/** Turns anomaly detection on or off. @example tg.autograd.setDetectAnomaly(true) */
export function setDetectAnomaly(enabled: boolean): void {
  if (typeof enabled !== 'boolean') throw new TypeError('setDetectAnomaly: expected a boolean');
  anomaly.enabled = enabled;
}

export function isAnomalyEnabled(): boolean {
  return anomaly.enabled;
}

/** Runs fn with anomaly detection on and returns its result. */
export function detectAnomaly<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError('detectAnomaly: expected a function');
  const prev = anomaly.enabled;
  anomaly.enabled = true;
  try {
    return fn();
  } finally {
    anomaly.enabled = prev;
  }
}
