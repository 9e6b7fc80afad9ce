// dtype names, their codes in native/core/dtype.h, typed-array types and PyTorch's promotion rules.
export type DType = 'float32' | 'float64' | 'int32' | 'bool' | 'int64' | SmallDType;
/** The storage dtypes whose ops compute in a wider dtype (Note [Small dtypes] in lib/small_dtypes.ts). */
export type SmallDType = 'uint8' | 'int8' | 'int16' | 'float16' | 'bfloat16';

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool', 'int64', 'uint8', 'int8', 'int16', 'float16', 'bfloat16'];
export const dtypeCode: Readonly<Record<DType, number>> = {
  float32: 0, float64: 1, int32: 2, bool: 3, int64: 4, uint8: 5, int8: 6, int16: 7, float16: 8, bfloat16: 9,
};

/** PyTorch's is_floating_point: float16 and bfloat16 included. */
export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';
}

/** An integer dtype (bool is not one here, as in PyTorch's is_integral(include_bool=False)). */
export function isInt(d: DType): boolean {
  return d === 'int32' || d === 'int64' || d === 'uint8' || d === 'int8' || d === 'int16';
}

/** uint8, int8, int16, float16 or bfloat16: stored as such, computed in a wider dtype (lib/small_dtypes.ts). */
export function isSmall(d: unknown): d is SmallDType {
  return d === 'uint8' || d === 'int8' || d === 'int16' || d === 'float16' || d === 'bfloat16';
}

/** Set once a small-dtype storage exists: from then on kw() routes calls through lib/small_dtypes.ts. */
export const smallState = { live: false };

export function isDType(x: unknown): x is DType {
  return x === 'float32' || x === 'float64' || x === 'int32' || x === 'bool' || x === 'int64' || isSmall(x);
}

/** The dtypes an error lists as accepted. */
export const DTYPE_LIST = 'float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8 or bool';

// PyTorch's promotion lattice (c10::promoteTypes): within a category the wider type wins, except uint8 with
// int8 (int16) and float16 with bfloat16 (float32), which neither holds.
const rank: Readonly<Record<DType, number>> = {
  bool: 0, uint8: 1, int8: 1, int16: 2, int32: 3, int64: 4, float16: 5, bfloat16: 5, float32: 6, float64: 7,
};
const category = (d: DType): number => (d === 'bool' ? 0 : isInt(d) ? 1 : 2);

function promotePair(a: DType, b: DType): DType {
  if (a === b) return a;
  const ca = category(a), cb = category(b);
  if (ca !== cb) return ca > cb ? a : b;
  if (rank[a] === rank[b]) return ca === 1 ? 'int16' : 'float32';
  return rank[a] > rank[b] ? a : b;
}

/** Result dtype of two tensors; a 0-d tensor only wins when its category (bool < int < float) is higher. */
export function promoteTypes(a: DType, aDims: number, b: DType, bDims: number): DType {
  if (a === b) return a;
  const aZero = aDims === 0, bZero = bDims === 0;
  if (aZero !== bZero) {
    const [dim, zero] = aZero ? [b, a] : [a, b];
    if (category(zero) <= category(dim)) return dim;
    return zero;
  }
  return promotePair(a, b);
}

/**
 * Note [Default dtype]
 * PyTorch's process-global default floating dtype (torch.set_default_dtype): what a factory makes without a
 * dtype, what an integer or bool tensor computes a float result in (true division, sqrt, a fractional scalar),
 * what nn layers make their parameters in. A module-level setting, not a global on globalThis: every copy of
 * lib shares it through this module. Only float32 and float64, as PyTorch 1.13 on the CPU.
 */
const defaultDtypeState: { dtype: 'float32' | 'float64' } = { dtype: 'float32' };

/** The current default floating dtype (Note [Default dtype]). */
export function defaultFloat(): 'float32' | 'float64' {
  return defaultDtypeState.dtype;
}

/** Sets the default floating dtype; callers validate (lib/ops/default_dtype.ts). */
export function setDefaultFloat(d: 'float32' | 'float64'): void {
  defaultDtypeState.dtype = d;
}

/**
 * Result dtype of a tensor and a plain JS number or boolean (which acts like a Python scalar): an integer keeps
 * an integer tensor's dtype and makes a bool tensor int64; a fractional number makes a non-float tensor the
 * default dtype (Note [Default dtype]).
 * NOTE: an integer beyond int32's range with an int32 tensor gives float32 (PyTorch wraps it to int32; the
 * kernels take the scalar as a double and could not).
 */
export function promoteScalar(t: DType, s: number | boolean): DType {
  if (typeof s === 'boolean') return t;
  if (isFloat(t)) return t;
  if (!Number.isInteger(s)) return defaultFloat();
  // 2^63 itself is past int64's range (the kernels cast the scalar from a double)
  if (t === 'int64' || t === 'bool') return Math.abs(s) < 2 ** 63 ? 'int64' : defaultFloat();
  // int32 and the small ints keep their dtype (uint8 + 300 wraps, as in PyTorch)
  return Math.abs(s) <= 2147483647 ? t : defaultFloat();
}
