// Error builders: every message starts with the op name and shows the offending shapes or values.
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function typeError(op: string, message: string): TypeError {
  return new TypeError(`${op}: ${message}`);
}

export function rangeError(op: string, message: string): RangeError {
  return new RangeError(`${op}: ${message}`);
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  if (typeof x === 'number') return `number ${x}`;
  return typeof x;
}
