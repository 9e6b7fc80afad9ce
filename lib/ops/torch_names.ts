// torch.* names of session 8 (issues 15, 16): the default dtype (Note [Default dtype] in lib/dtype.ts) and
// the torch.* spellings that remained over existing ops. Exported by lib/api.ts as api.torchNames.
import { typeError, describe } from '../errors.js';
import { defaultFloat, setDefaultFloat, type DType } from '../dtype.js';
import { Storage } from '../storage.js';

/** The legacy tensor type names set_default_tensor_type takes, with their dtypes (non-float ones throw). */
const TENSOR_TYPES: Readonly<Record<string, DType>> = {
  'torch.FloatTensor': 'float32', 'torch.DoubleTensor': 'float64', 'torch.HalfTensor': 'float16', 'torch.BFloat16Tensor': 'bfloat16',
  'torch.LongTensor': 'int64', 'torch.IntTensor': 'int32', 'torch.ShortTensor': 'int16', 'torch.CharTensor': 'int8',
  'torch.ByteTensor': 'uint8', 'torch.BoolTensor': 'bool',
};

function setDefault(op: string, d: DType): void {
  // PyTorch 1.13 takes float16 and bfloat16 too, but then every factory and promotion computes in a half type;
  // tensorgrad's kernels compute those in float32, so only the two native float dtypes are accepted.
  if (d !== 'float32' && d !== 'float64') throw typeError(op, `only floating-point types are supported as the default type (float32 or float64), got ${describe(d)}`);
  setDefaultFloat(d);
}

/**
 * Sets the default floating point dtype: the dtype of factories without a dtype (zeros, rand, tensor(1.5), ...),
 * of float results of integer tensors (true division, sqrt, int * 1.5) and of nn layers' parameters.
 *
 * Process-wide, as in PyTorch; only float32 (the initial default) and float64 are accepted.
 *
 * @see torch.set_default_dtype
 * @example
 * ```ts
 * tg.setDefaultDtype('float64')
 * tg.zeros([2]).dtype // => 'float64'
 * tg.setDefaultDtype('float32')
 * ```
 */
export function setDefaultDtype(d: DType): void {
  setDefault('setDefaultDtype', d);
}

/**
 * The default floating point dtype: 'float32' unless setDefaultDtype or setDefaultTensorType changed it.
 *
 * @see torch.get_default_dtype
 * @example
 * ```ts
 * tg.getDefaultDtype() // => 'float32'
 * ```
 */
export function getDefaultDtype(): 'float32' | 'float64' {
  return defaultFloat();
}

/**
 * Sets the default dtype from a legacy tensor type name: 'torch.FloatTensor' (float32) or 'torch.DoubleTensor'
 * (float64); a dtype name is accepted too. Integer types throw, as in PyTorch.
 *
 * @see torch.set_default_tensor_type
 * @example
 * ```ts
 * tg.setDefaultTensorType('torch.DoubleTensor')
 * tg.getDefaultDtype() // => 'float64'
 * tg.setDefaultTensorType('torch.FloatTensor')
 * ```
 */
export function setDefaultTensorType(t: string): void {
  const op = 'setDefaultTensorType';
  if (typeof t !== 'string') throw typeError(op, `expected a tensor type name such as 'torch.DoubleTensor', got ${describe(t)}`);
  const d = TENSOR_TYPES[t] ?? (t === 'float32' || t === 'float64' ? t : undefined);
  if (d === undefined) throw typeError(op, `invalid type: ${describe(t)} (expected 'torch.FloatTensor' or 'torch.DoubleTensor')`);
  setDefault(op, d);
}

/**
 * Initializes the kernels' thread pool: tensorgrad's native pool starts with the addon, so this does nothing.
 *
 * @see torch.init_num_threads
 * @example
 * ```ts
 * tg.initNumThreads()
 * tg.getNumThreads() > 0 // => true
 * ```
 */
export function initNumThreads(): void {
  // the pool is created when the addon loads (native/binding), as ATen's is on first use
}

/**
 * Whether `obj` is a storage object. tensorgrad exposes no storage objects (tensors own their storage), so
 * this is false for every value a program can pass, tensors included, as torch.is_storage(tensor) is.
 *
 * @see torch.is_storage
 * @example
 * ```ts
 * tg.isStorage(tg.zeros([2])) // => false
 * ```
 */
export function isStorage(obj: unknown): boolean {
  return obj instanceof Storage;
}
