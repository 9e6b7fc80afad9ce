// dtype names, their codes in native/core/dtype.h, typed-array types and PyTorch's promotion rules.
export type DType = 'float32' | 'float64' | 'int32' | 'bool' | 'int64';

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool', 'int64'];
export const dtypeCode: Readonly<Record<DType, number>> = { float32: 0, float64: 1, int32: 2, bool: 3, int64: 4 };

export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

/** int32 or int64 (bool is not an integer dtype here, as in PyTorch's is_integral(include_bool=False)). */
export function isInt(d: DType): boolean {
  return d === 'int32' || d === 'int64';
}

export function isDType(x: unknown): x is DType {
  return x === 'float32' || x === 'float64' || x === 'int32' || x === 'bool' || x === 'int64';
}

const rank: Readonly<Record<DType, number>> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };
const category = (d: DType): number => (d === 'bool' ? 0 : isInt(d) ? 1 : 2);

/** Result dtype of two tensors; a 0-d tensor only wins when its category (bool < int < float) is higher. */
export function promoteTypes(a: DType, aDims: number, b: DType, bDims: number): DType {
  if (a === b) return a;
  const aZero = aDims === 0, bZero = bDims === 0;
  if (aZero !== bZero) {
    const [dim, zero] = aZero ? [b, a] : [a, b];
    if (category(zero) <= category(dim)) return dim;
    return zero;
  }
  return rank[a] >= rank[b] ? a : b;
}

/**
 * Result dtype of a tensor and a plain JS number or boolean (which acts like a Python scalar): an integer keeps
 * an integer tensor's dtype and makes a bool tensor int64; a fractional number makes a non-float tensor float32.
 * NOTE: an integer beyond int32's range with an int32 tensor gives float32 (PyTorch wraps it to int32; the
 * kernels take the scalar as a double and could not).
 */
export function promoteScalar(t: DType, s: number | boolean): DType {
  if (typeof s === 'boolean') return t;
  if (isFloat(t)) return t;
  if (!Number.isInteger(s)) return 'float32';
  // 2^63 itself is past int64's range (the kernels cast the scalar from a double)
  if (t === 'int64' || t === 'bool') return Math.abs(s) < 2 ** 63 ? 'int64' : 'float32';
  return Math.abs(s) <= 2147483647 ? t : 'float32';
}
