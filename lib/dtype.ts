// dtype names, their codes in native/core/dtype.h, typed-array types and PyTorch's promotion rules.
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];
export const dtypeCode: Readonly<Record<DType, number>> = { float32: 0, float64: 1, int32: 2, bool: 3 };

export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

export function isDType(x: unknown): x is DType {
  return x === 'float32' || x === 'float64' || x === 'int32' || x === 'bool';
}

const rank: Readonly<Record<DType, number>> = { bool: 0, int32: 1, float32: 2, float64: 3 };
const category = (d: DType): number => (d === 'bool' ? 0 : d === 'int32' ? 1 : 2);

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

/** Result dtype of a tensor and a plain JS number or boolean (which acts like a Python scalar). */
export function promoteScalar(t: DType, s: number | boolean): DType {
  if (typeof s === 'boolean') return t;
  if (isFloat(t)) return t;
  if (Number.isInteger(s) && Math.abs(s) <= 2147483647) return t === 'bool' ? 'int32' : t;
  return 'float32';
}
