// Shape helpers shared by all ops: validation, broadcasting, dim wrapping (same rules as native/core/shape.h).
import { fmtShape, rangeError, typeError, describe } from './errors.js';

export const MAX_DIMS = 32;

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks a user-given shape (array of non-negative integers) and returns a copy. */
export function checkShape(op: string, shape: unknown): number[] {
  if (typeof shape === 'number') shape = [shape];
  if (!Array.isArray(shape)) throw typeError(op, `expected a shape array, got ${describe(shape)}`);
  if (shape.length > MAX_DIMS) throw rangeError(op, `at most ${MAX_DIMS} dims are supported, got ${shape.length}`);
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d)) throw typeError(op, `shape ${fmtShape(shape)} must hold integers`);
    if (d < 0) throw rangeError(op, `negative dimension in shape ${fmtShape(shape)}`);
  }
  const n = numelOf(shape as number[]);
  // As PyTorch, the running product must not overflow int64 even when a later dim is 0 ([1e308, 1e308, 0]
  // made numel Infinity * 0 = NaN, which reached the native allocator).
  let running = 1;
  for (const d of shape as number[]) if ((running *= d) >= 2 ** 63)
    throw rangeError(op, `shape ${fmtShape(shape)} overflows the element count`);
  if (n > 2 ** 40) throw rangeError(op, `shape ${fmtShape(shape)} has ${n} elements, more than can be allocated`);
  return (shape as number[]).slice();
}

export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1)
      throw rangeError(op, `shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Wraps a possibly negative dim into [0, ndim); a 0-d tensor accepts dims -1 and 0. */
export function wrapDim(op: string, dim: unknown, ndim: number): number {
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw typeError(op, `expected an integer dim, got ${describe(dim)}`);
  const n = Math.max(ndim, 1);
  if (dim < -n || dim >= n)
    throw rangeError(op, `dim ${dim} is out of range for a ${ndim}-d tensor (expected ${-n} to ${n - 1})`);
  return dim < 0 ? dim + n : dim;
}

/** Contiguous (row-major) strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** PyTorch's is_contiguous for these sizes and strides. */
export function isContiguousStrides(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 0) return true;
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}
