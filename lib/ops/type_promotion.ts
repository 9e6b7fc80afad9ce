// PyTorch's type promotion as functions: torch.result_type and torch.promote_types (lib/dtype.ts holds the
// lattice; Note [Small dtypes] in lib/small_dtypes.ts the dtypes that compute in a wider one).
import { Tensor } from '../tensor.js';
import { DType, DTYPE_LIST, isDType, promoteScalar, promoteTypes as promotePair, defaultFloat } from '../dtype.js';
import { typeError, describe } from '../errors.js';

function operand(op: string, name: string, x: unknown): Tensor | number | boolean {
  if (x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean') return x;
  throw typeError(op, `expected ${name} to be a Tensor or a number, got ${describe(x)}`);
}

/**
 * The dtype an arithmetic op on `tensor` and `other` gives: PyTorch's promotion, where a dimensioned tensor's
 * dtype beats a 0-d tensor's and a number's of the same kind (bool < integer < floating point).
 *
 * @see torch.result_type
 * @example
 * ```ts
 * tg.resultType(tg.ones([2], { dtype: 'uint8' }), tg.ones([2], { dtype: 'int8' })) // => 'int16'
 * tg.resultType(tg.ones([2], { dtype: 'float16' }), 2.5) // => 'float16'
 * ```
 */
export function resultType(tensor: Tensor | number | boolean, other: Tensor | number | boolean): DType {
  const a = operand('resultType', 'tensor', tensor), b = operand('resultType', 'other', other);
  if (a instanceof Tensor && b instanceof Tensor) return promotePair(a.dtype, a.ndim, b.dtype, b.ndim);
  if (a instanceof Tensor) return promoteScalar(a.dtype, b as number | boolean);
  if (b instanceof Tensor) return promoteScalar(b.dtype, a);
  // Two numbers: the wider kind's default dtype, as torch.result_type(2, 3) is int64 and (2, 2.5) float32.
  const kind = (v: number | boolean): number => (typeof v === 'boolean' ? 0 : Number.isInteger(v) ? 1 : 2);
  return (['bool', 'int64', defaultFloat()] as const)[Math.max(kind(a as number | boolean), kind(b as number | boolean))];
}

/**
 * The smallest dtype both `type1` and `type2` convert to without losing kind or range (uint8 and int8 give
 * int16, float16 and bfloat16 float32).
 *
 * @see torch.promote_types
 * @example
 * ```ts
 * tg.promoteTypes('uint8', 'int8') // => 'int16'
 * tg.promoteTypes('float16', 'bfloat16') // => 'float32'
 * ```
 */
export function promoteTypes(type1: DType, type2: DType): DType {
  for (const [name, t] of [['type1', type1], ['type2', type2]] as const) if (!isDType(t)) throw typeError('promoteTypes', `${name} must be a dtype name, got ${describe(t)} (expected ${DTYPE_LIST})`);
  return promotePair(type1, 1, type2, 1);
}
