// PyTorch's dtype objects as tensorgrad's dtype names: `dtype=torch.float64` ports as `{ dtype: tg.float64 }`,
// `x.to(torch.long)` as `x.to(tg.long)`. tensorgrad's dtypes are strings (API.md); these are only their PyTorch
// spellings, so a line that names one works as written.

/**
 * `torch.float32`: the name of the 32-bit float dtype (the default), `'float32'`.
 *
 * @see torch.float32
 * @example
 * ```ts
 * tg.zeros([2], { dtype: tg.float32 }).dtype // => 'float32'
 * ```
 */
export const float32 = 'float32' as const;
/**
 * `torch.float`, PyTorch's alias of float32: `'float32'`.
 *
 * @see torch.float
 * @example
 * ```ts
 * tg.ones([2]).to(tg.float).dtype // => 'float32'
 * ```
 */
export const float = 'float32' as const;
/**
 * `torch.float64`: the name of the 64-bit float dtype, `'float64'`.
 *
 * @see torch.float64
 * @example
 * ```ts
 * tg.tensor([1.5], { dtype: tg.float64 }) // tensor([1.5000], dtype=torch.float64)
 * ```
 */
export const float64 = 'float64' as const;
/**
 * `torch.double`, PyTorch's alias of float64: `'float64'`.
 *
 * @see torch.double
 * @example
 * ```ts
 * tg.ones([1]).to(tg.double).dtype // => 'float64'
 * ```
 */
export const double = 'float64' as const;
/**
 * `torch.int64`: the name of the 64-bit integer dtype (indices), `'int64'`.
 *
 * @see torch.int64
 * @example
 * ```ts
 * tg.tensor([1, 2], { dtype: tg.int64 }) // tensor([1, 2])
 * ```
 */
export const int64 = 'int64' as const;
/**
 * `torch.long`, PyTorch's alias of int64: `'int64'`.
 *
 * @see torch.long
 * @example
 * ```ts
 * tg.tensor([2.7]).to(tg.long).dtype // => 'int64'
 * ```
 */
export const long = 'int64' as const;
/**
 * `torch.int32`: the name of the 32-bit integer dtype, `'int32'`.
 *
 * @see torch.int32
 * @example
 * ```ts
 * tg.tensor([1, -2], { dtype: tg.int32 }) // tensor([ 1, -2], dtype=torch.int32)
 * ```
 */
export const int32 = 'int32' as const;
/**
 * `torch.int`, PyTorch's alias of int32: `'int32'`.
 *
 * @see torch.int
 * @example
 * ```ts
 * tg.tensor([3]).to(tg.int).dtype // => 'int32'
 * ```
 */
export const int = 'int32' as const;
/**
 * `torch.bool`: the name of the boolean dtype, `'bool'`.
 *
 * @see torch.bool
 * @example
 * ```ts
 * tg.tensor([0, 2]).to(tg.bool) // tensor([False,  True])
 * ```
 */
export const bool = 'bool' as const;

// The small dtypes (Note [Small dtypes] in lib/small_dtypes.ts): stored as such, computed in a wider dtype.

/**
 * `torch.float16`: the name of the 16-bit IEEE half dtype, `'float16'` (its ops compute in float32 and round back).
 *
 * @see torch.float16
 * @example
 * ```ts
 * tg.float16 // => 'float16'
 * ```
 */
export const float16 = 'float16' as const;
/**
 * `torch.half`, PyTorch's alias of float16: `'float16'`.
 *
 * @see torch.half
 * @example
 * ```ts
 * tg.half // => 'float16'
 * ```
 */
export const half = 'float16' as const;
/**
 * `torch.bfloat16`: the name of the brain-float dtype (float32's exponent, 8 significand bits), `'bfloat16'`.
 *
 * @see torch.bfloat16
 * @example
 * ```ts
 * tg.bfloat16 // => 'bfloat16'
 * ```
 */
export const bfloat16 = 'bfloat16' as const;
/**
 * `torch.int16`: the name of the 16-bit integer dtype, `'int16'`.
 *
 * @see torch.int16
 * @example
 * ```ts
 * tg.int16 // => 'int16'
 * ```
 */
export const int16 = 'int16' as const;
/**
 * `torch.short`, PyTorch's alias of int16: `'int16'`.
 *
 * @see torch.short
 * @example
 * ```ts
 * tg.short // => 'int16'
 * ```
 */
export const short = 'int16' as const;
/**
 * `torch.int8`: the name of the 8-bit signed integer dtype, `'int8'`.
 *
 * @see torch.int8
 * @example
 * ```ts
 * tg.int8 // => 'int8'
 * ```
 */
export const int8 = 'int8' as const;
/**
 * `torch.uint8`: the name of the 8-bit unsigned integer dtype (bytes, images), `'uint8'`.
 *
 * @see torch.uint8
 * @example
 * ```ts
 * tg.uint8 // => 'uint8'
 * ```
 */
export const uint8 = 'uint8' as const;
