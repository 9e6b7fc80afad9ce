// Creation ops (tensor zeros ones full empty arange linspace eye rand randn randint *Like), casts, clone.
import { Tensor } from '../tensor.js';
import { Storage, Data, allocData, fillData, gatherValues } from '../storage.js';
import { native } from '../native.js';
import { DType, DTYPE_LIST, dtypeCode, isDType, isFloat, isSmall, defaultFloat } from '../dtype.js';
import { castSmall, checkFits, elementOf } from '../small_cast.js';
import { checkShape, numelOf } from '../shape.js';
import { typeError, rangeError, describe, disposedError } from '../errors.js';
import { record } from '../autograd/record.js';
import { defaultGenerator, Generator, generatorOf } from './random.js';
import { kw, signature } from '../kwargs.js';
import { orderedValues, wrapStrided } from './layout.js';

export interface CreateOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/** @internal Wraps freshly made native data as a tensor. */
export function wrap(data: Data, shape: number[], dtype: DType): Tensor {
  return new Tensor(new Storage(data), shape, dtype);
}


/** @internal A tensor of `shape` over the storage of a fresh op result x (contiguous, not a view). */
export function alias(x: Tensor, shape: number[] = x.shape): Tensor {
  if (!x._isWhole) throw new Error(`internal: alias() of a tensor that is not all of its storage (shape ${JSON.stringify(x.shape)})`);
  x._data; // throws if disposed
  return new Tensor(x._box, shape, x.dtype);
}

function alloc(op: string, dtype: DType, numel: number): Data {
  try {
    return allocData(dtypeCode[dtype], numel);
  } catch (e) {
    // allocData's size limit does not know the op (it serves every op); name it here.
    if (e instanceof RangeError && /^cannot allocate/.test(e.message)) throw rangeError(op, e.message);
    throw e;
  }
}

/**
 * Fresh storage of dtype dt whose values a JS loop writes as numbers. A BigInt64Array takes no numbers, so int64
 * is written into a float64 buffer and cast natively (exact for |v| <= 2^53; fractions truncate as in a cast).
 */
function numbersInto(op: string, dt: DType, n: number, write: (d: Float32Array | Float64Array | Int32Array | Uint8Array) => void): Data {
  if (dt !== 'int64' && !isSmall(dt)) {
    const d = alloc(op, dt, n);
    write(d as Float32Array);
    return d;
  }
  const tmp = alloc(op, 'float64', n) as Float64Array;
  write(tmp);
  if (isSmall(dt)) return castSmall(tmp, 'float64', dt);
  return native.cast(tmp, dtypeCode.int64, alloc(op, 'int64', n));
}

function options(op: string, dtype: unknown, requiresGrad: unknown): CreateOptions {
  if (dtype !== undefined && dtype !== null && !isDType(dtype))
    throw typeError(op, `unknown dtype ${typeof dtype === 'string' ? dtype : describe(dtype)} (expected ${DTYPE_LIST})`);
  if (requiresGrad !== undefined && typeof requiresGrad !== 'boolean')
    throw typeError(op, `requiresGrad must be a boolean, got ${describe(requiresGrad)}`);
  return { dtype: (dtype ?? undefined) as DType | undefined, requiresGrad: requiresGrad as boolean | undefined };
}

function finish(op: string, t: Tensor, o: CreateOptions): Tensor {
  if (o.requiresGrad && !isFloat(t.dtype))
    throw typeError(op, `only Tensors of floating point dtype can require gradients (got ${t.dtype})`);
  if (o.requiresGrad) t.requiresGrad_(true);
  return t;
}

/** The size of a creation op: an array (kw() collects `zeros(2, 3)` into one) or nothing (a 0-d tensor). */
function sizeOf(op: string, size: unknown): number[] {
  return checkShape(op, size === undefined ? [] : size);
}

type Size = number[] | number;
/** Shape functions: `zeros([2, 3])`, `zeros(2, 3)`, `zeros([2, 3], { dtype })`, `zeros({ size: [2, 3] })`. */
type ShapeFn = {
  (size: number[], opts?: CreateOptions & { size?: number[] }): Tensor;
  (...args: (Size | CreateOptions)[]): Tensor;
};

/** rand/randn: a ShapeFn whose options take { generator } as well. */
type RandFn = {
  (size: number[], opts?: CreateOptions & { size?: number[]; generator?: Generator | null }): Tensor;
  (...args: (Size | CreateOptions & { generator?: Generator | null })[]): Tensor;
};

function filled(op: string, value: number, size: unknown, dtype: unknown, requiresGrad: unknown): Tensor {
  const shape = sizeOf(op, size);
  const o = options(op, dtype, requiresGrad);
  const dt = o.dtype ?? defaultFloat();
  const data = alloc(op, dt, numelOf(shape));
  fillData(data, isSmall(dt) ? elementOf(dt, value) : value, dt === 'uint8');
  return finish(op, wrap(data, shape, dt), o);
}

/**
 * A tensor of zeros of the given shape.
 *
 * @see torch.zeros
 * @example
 * ```ts
 * tg.zeros(2, 3)
 * // tensor([[0., 0., 0.],
 * //         [0., 0., 0.]])
 * ```
 */
export const zeros: ShapeFn = kw(signature('zeros', '...size, dtype, requiresGrad'), function zeros(size: unknown, dtype?: unknown, requiresGrad?: unknown): Tensor {
  return filled('zeros', 0, size, dtype, requiresGrad);
});
/**
 * A tensor of ones of the given shape.
 *
 * @see torch.ones
 * @example
 * ```ts
 * tg.ones([2, 2], { dtype: 'float64' })
 * // tensor([[1., 1.],
 * //         [1., 1.]], dtype=torch.float64)
 * ```
 */
export const ones: ShapeFn = kw(signature('ones', '...size, dtype, requiresGrad'), function ones(size: unknown, dtype?: unknown, requiresGrad?: unknown): Tensor {
  return filled('ones', 1, size, dtype, requiresGrad);
});
/**
 * An uninitialized tensor of the given shape (its values are arbitrary).
 *
 * @see torch.empty
 * @example
 * ```ts
 * tg.empty(2, 3).shape // => [2, 3]
 * ```
 */
export const empty: ShapeFn = kw(signature('empty', '...size, dtype, requiresGrad'), function empty(size: unknown, dtype?: unknown, requiresGrad?: unknown): Tensor {
  const shape = sizeOf('empty', size);
  const o = options('empty', dtype, requiresGrad);
  const dt = o.dtype ?? defaultFloat();
  return finish('empty', wrap(alloc('empty', dt, numelOf(shape)), shape, dt), o);
});
/**
 * A tensor of the given shape filled with one value.
 *
 * @see torch.full
 * @example
 * ```ts
 * tg.full([2, 2], 7)
 * // tensor([[7., 7.],
 * //         [7., 7.]])
 * ```
 */
export const full = kw(signature('full', 'size, fillValue, dtype, requiresGrad'), function full(
  size: number[], fillValue: number | boolean, dtype?: DType | CreateOptions | null, requiresGrad?: boolean): Tensor {
  const o = options('full', dtype, requiresGrad);
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean') throw typeError('full', `fill value must be a number, got ${describe(fillValue)}`);
  const dt = o.dtype ?? (typeof fillValue === 'boolean' ? 'bool' : defaultFloat());
  const s = checkShape('full', size);
  if (isSmall(dt)) checkFits('full', dt, fillValue);
  const data = alloc('full', dt, numelOf(s));
  fillData(data, isSmall(dt) ? elementOf(dt, fillValue) : Number(fillValue), dt === 'uint8');
  return finish('full', wrap(data, s, dt), o);
});

function likeOf(op: string, x: unknown, dtype: unknown, requiresGrad: unknown): [Tensor, CreateOptions] {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  const o = options(op, dtype, requiresGrad);
  return [x, { dtype: o.dtype ?? x.dtype, requiresGrad: o.requiresGrad }];
}
type LikeFn = (input: Tensor, dtype?: DType | CreateOptions | null, requiresGrad?: boolean) => Tensor;
/**
 * Zeros with the shape (and dtype) of `input`.
 *
 * @see torch.zeros_like
 * @example
 * ```ts
 * tg.zerosLike(tg.ones(2, 2))
 * // tensor([[0., 0.],
 * //         [0., 0.]])
 * ```
 */
export const zerosLike: LikeFn = kw(signature('zerosLike', 'input, dtype, requiresGrad'), function zerosLike(input: Tensor, dtype?: unknown, requiresGrad?: unknown): Tensor {
  const [t, o] = likeOf('zerosLike', input, dtype, requiresGrad);
  return zeros(t.shape, o);
});
/**
 * Ones with the shape (and dtype) of `input`.
 *
 * @see torch.ones_like
 * @example
 * ```ts
 * tg.onesLike(tg.zeros(3)) // tensor([1., 1., 1.])
 * ```
 */
export const onesLike: LikeFn = kw(signature('onesLike', 'input, dtype, requiresGrad'), function onesLike(input: Tensor, dtype?: unknown, requiresGrad?: unknown): Tensor {
  const [t, o] = likeOf('onesLike', input, dtype, requiresGrad);
  return ones(t.shape, o);
});
/**
 * An uninitialized tensor with the shape and dtype of `input`.
 *
 * @see torch.empty_like
 * @example
 * ```ts
 * tg.emptyLike(tg.zeros(2, 3)).shape // => [2, 3]
 * ```
 */
export const emptyLike: LikeFn = kw(signature('emptyLike', 'input, dtype, requiresGrad'), function emptyLike(input: Tensor, dtype?: unknown, requiresGrad?: unknown): Tensor {
  const [t, o] = likeOf('emptyLike', input, dtype, requiresGrad);
  return empty(t.shape, o);
});
/**
 * A tensor with the shape of `input` filled with `fillValue`.
 *
 * @see torch.full_like
 * @example
 * ```ts
 * tg.fullLike(tg.zeros(3), 5) // tensor([5., 5., 5.])
 * ```
 */
export const fullLike = kw(signature('fullLike', 'input, fillValue, dtype, requiresGrad'), function fullLike(
  input: Tensor, fillValue: number | boolean, dtype?: DType | CreateOptions | null, requiresGrad?: boolean): Tensor {
  const [t, o] = likeOf('fullLike', input, dtype, requiresGrad);
  return full(t.shape, fillValue, o);
});
type RandLikeFn = (input: Tensor, dtype?: DType | CreateOptions & { generator?: Generator | null } | null, requiresGrad?: boolean, generator?: Generator | null) => Tensor;
// The *Like samplers take { generator } too (a tensorgrad extension: PyTorch 1.13's do not), last positionally.
/**
 * Uniform [0, 1) samples with the shape of `input`.
 *
 * @see torch.rand_like
 * @example
 * ```ts
 * tg.randLike(tg.zeros(2, 2)).shape // => [2, 2]
 * ```
 */
export const randLike: RandLikeFn = kw(signature('randLike', 'input, dtype, requiresGrad, generator'), function randLike(input: Tensor, dtype?: unknown, requiresGrad?: unknown, generator?: unknown): Tensor {
  const [t, o] = likeOf('randLike', input, dtype, requiresGrad);
  return rand(t.shape, { ...o, generator: generatorOf('randLike', generator) });
});
/**
 * Standard normal samples with the shape of `input`.
 *
 * @see torch.randn_like
 * @example
 * ```ts
 * tg.randnLike(tg.zeros(2, 2)).shape // => [2, 2]
 * ```
 */
export const randnLike: RandLikeFn = kw(signature('randnLike', 'input, dtype, requiresGrad, generator'), function randnLike(input: Tensor, dtype?: unknown, requiresGrad?: unknown, generator?: unknown): Tensor {
  const [t, o] = likeOf('randnLike', input, dtype, requiresGrad);
  return randn(t.shape, { ...o, generator: generatorOf('randnLike', generator) });
});
/**
 * Random integers in [low, high) with the shape of `input`.
 *
 * @see torch.randint_like
 * @example
 * ```ts
 * tg.randintLike(tg.zeros(4), 0, 10).shape // => [4]
 * ```
 */
export const randintLike = kw(signature('randintLike', 'input, low, high, dtype, requiresGrad, generator'), function randintLike(
  input: Tensor, low: number | CreateOptions & { low?: number; high?: number; generator?: Generator | null }, high?: number, dtype?: DType | null, requiresGrad?: boolean, generator?: Generator | null): Tensor {
  const [t, o] = likeOf('randintLike', input, dtype, requiresGrad);
  const g = generatorOf('randintLike', generator);
  if (high === undefined) return randint(0, low as number, t.shape, g, o.dtype, o.requiresGrad);
  return randint(low === undefined ? 0 : low as number, high, t.shape, g, o.dtype, o.requiresGrad);
});

type Nested = number | boolean | Nested[];

/**
 * Builds a tensor from a (nested) array, a typed array or a number, like torch.tensor; JS numbers give float32, booleans bool.
 *
 * A tensor from numbers, booleans, nested arrays or typed arrays. Plain numbers make float32 unless a dtype
 * is given; a typed array keeps its kind, as torch.tensor keeps a numpy array's dtype (Int8Array int8,
 * Int16Array int16, Uint8Array uint8, Int32Array int32, BigInt64Array int64, Float32Array float32, Float64Array
 * float64; Uint16Array and Uint32Array, whose dtypes PyTorch lacks, widen to int32 and int64).
 *
 * @see torch.tensor
 * @example
 * ```ts
 * tg.tensor([[1, 2], [3, 4]])
 * tg.tensor([1, 2, 3], { dtype: 'int32' }) // tensor([1, 2, 3], dtype=torch.int32)
 * tg.tensor(new Uint8Array([1, 255])).dtype // => 'uint8'
 * ```
 */
export const tensor = kw(signature('tensor', 'data, dtype, requiresGrad'), function tensor(
  data: Nested | ArrayLike<number> | BigInt64Array | Tensor, dtype?: DType | CreateOptions | null, requiresGrad?: boolean): Tensor {
  const o = options('tensor', dtype, requiresGrad);
  if (data instanceof Tensor && data.isDisposed) throw disposedError('tensor', data.shape);
  if (data instanceof Tensor) return finish('tensor', clone(data.detach()).to(o.dtype ?? data.dtype), o);
  let shape: number[];
  let flat: ArrayLike<number | boolean>;
  let inferred: DType = defaultFloat();
  let anyBig = false;
  if (ArrayBuffer.isView(data)) {
    if (data instanceof DataView) throw typeError('tensor', 'a DataView is not supported; pass a typed array');
    shape = [(data as unknown as ArrayLike<number>).length];
    flat = data as unknown as ArrayLike<number>;
    // the typed array's own kind, as torch.tensor keeps a numpy array's dtype; Uint16Array and Uint32Array,
    // whose dtypes PyTorch 1.13 lacks, widen losslessly to int32 and int64
    if (data instanceof Float64Array) inferred = 'float64';
    else if (data instanceof Int32Array || data instanceof Uint16Array) inferred = 'int32';
    else if (data instanceof Int16Array) inferred = 'int16';
    else if (data instanceof Int8Array) inferred = 'int8';
    else if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) inferred = 'uint8';
    else if (data instanceof BigInt64Array || (data as unknown) instanceof Uint32Array) inferred = 'int64';
    else if ((data as unknown) instanceof BigUint64Array) throw typeError('tensor', 'a BigUint64Array is not supported (there is no uint64 dtype); pass a BigInt64Array');
  } else {
    shape = [];
    const values: (number | boolean | bigint)[] = [];
    let allBool = true;
    let level: unknown = data;
    while (Array.isArray(level)) {
      shape.push(level.length);
      level = level[0];
    }
    const walk = (x: unknown, dim: number): void => {
      if (dim === shape.length) {
        if (typeof x === 'number') allBool = false;
        else if (typeof x === 'bigint') allBool = false, anyBig = true;
        else if (typeof x !== 'boolean') throw typeError('tensor', `expected numbers or booleans, got ${describe(x)}`);
        values.push(x);
        return;
      }
      if (!Array.isArray(x)) throw rangeError('tensor', `expected a sequence of length ${shape[dim]} at dim ${dim} (got ${describe(x)})`);
      if (x.length !== shape[dim]) throw rangeError('tensor', `expected sequence of length ${shape[dim]} at dim ${dim} (got ${x.length})`);
      for (const v of x) walk(v, dim + 1);
    };
    walk(data, 0);
    if (values.length > 0 && allBool) inferred = 'bool';
    if (anyBig) inferred = 'int64';
    flat = values as ArrayLike<number | boolean>;
  }
  checkShape('tensor', shape);
  const dt = o.dtype ?? inferred;
  // int64 data or dtype: BigInt64Array storage takes bigints only (fromBigInts; numbers go through numbersInto).
  if (data instanceof BigInt64Array) {
    const own = alloc('tensor', 'int64', data.length);
    (own as BigInt64Array).set(data);
    return finish('tensor', dt === 'int64' ? wrap(own, shape, dt) : wrap(own, shape, 'int64').to(dt), o);
  }
  // Note [Small dtypes]: their values are made as float64 and cast (as PyTorch converts a Python float).
  if (isSmall(dt)) return finish('tensor', tensor(data, anyBig ? 'int64' : 'float64').to(dt), o);
  if (dt === 'int64' || anyBig) {
    const t = wrap(fromValues(flat as ArrayLike<number | boolean | bigint>), shape, 'int64');
    return finish('tensor', t.to(dt), o);
  }
  const out = alloc('tensor', dt, flat.length);
  // A typed array converts exactly as the loops below do (floats round to float32 the same way, small ints
  // are exact): one bulk copy. Only float -> int32 (truncation, non-finite values) needs the loop.
  if (ArrayBuffer.isView(data) && dt !== 'bool' && !(dt === 'int32' && (data instanceof Float32Array || data instanceof Float64Array || data instanceof Uint32Array))) {
    (out as Float32Array).set(data as unknown as ArrayLike<number>);
    return finish('tensor', wrap(out, shape, dt), o);
  }
  if (dt === 'bool') for (let i = 0; i < flat.length; i++) out[i] = flat[i] ? 1 : 0;
  else if (dt === 'int32')
    for (let i = 0; i < flat.length; i++) {
      const v = Number(flat[i]);
      out[i] = Number.isFinite(v) ? Math.trunc(v) : -2147483648;
    }
  else for (let i = 0; i < flat.length; i++) out[i] = Number(flat[i]);
  return finish('tensor', wrap(out, shape, dt), o);
});

/** int64 storage from numbers (truncated; non-finite ones give INT64_MIN as a cast does), booleans and bigints (wrapped to 64 bits). */
function fromValues(flat: ArrayLike<number | boolean | bigint>): BigInt64Array {
  const out = alloc('tensor', 'int64', flat.length) as BigInt64Array;
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v === 'bigint') out[i] = BigInt.asIntN(64, v);
    else {
      const x = Math.trunc(Number(v));
      out[i] = Number.isFinite(x) && Math.abs(x) < 2 ** 63 ? BigInt(x) : -(2n ** 63n);
    }
  }
  return out;
}

function num(op: string, what: string, x: unknown): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw typeError(op, `${what} must be a number, got ${describe(x)}`);
  return x;
}

/**
 * Values from `start` to `end` (exclusive) by `step`; float32 unless a dtype is given (PyTorch makes int64 from integers).
 *
 * Values from start to end (exclusive) by step: arange(end) or arange(start, end, step?). float32 unless a
 * dtype is given.
 *
 * @see torch.arange
 * @example
 * ```ts
 * tg.arange(5).tolist() // => [0, 1, 2, 3, 4]
 * tg.arange(0, 1, 0.25) // tensor([0.0000, 0.2500, 0.5000, 0.7500])
 * ```
 */
export const arange = kw(signature('arange', 'start, end, step, dtype, requiresGrad'), function arange(
  start: number | CreateOptions & { start?: number; end?: number; step?: number }, end?: number | CreateOptions, step?: number, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const o = options('arange', dtype, requiresGrad);
  // arange(end): a lone start is the end, as in PyTorch.
  let lo: unknown = start, hi: unknown = end;
  if (hi === undefined) [lo, hi] = [0, start];
  else if (lo === undefined) lo = 0;
  const a = num('arange', 'start', lo), e = num('arange', 'end', hi), st = step === undefined ? 1 : num('arange', 'step', step);
  if (st === 0) throw rangeError('arange', 'step must be nonzero');
  if (!Number.isFinite(a) || !Number.isFinite(e)) throw rangeError('arange', `unsupported range: ${a} -> ${e}`);
  if ((e - a) / st < 0) throw rangeError('arange', `upper bound and larger bound inconsistent with step sign (${a}, ${e}, ${st})`);
  const n = Math.max(0, Math.ceil((e - a) / st));
  const dt = o.dtype ?? defaultFloat();
  const data = numbersInto('arange', dt, n, (d) => {
    for (let i = 0; i < n; i++) d[i] = a + i * st;
  });
  return finish('arange', wrap(data, [n], dt), o);
});

/**
 * `steps` evenly spaced values from `start` to `end` inclusive.
 *
 * @see torch.linspace
 * @example
 * ```ts
 * tg.linspace(0, 1, 5) // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
 * ```
 */
export const linspace = kw(signature('linspace', 'start, end, steps, dtype, requiresGrad'), function linspace(
  start: number, end: number, steps: number | CreateOptions, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const o = options('linspace', dtype, requiresGrad);
  num('linspace', 'start', start);
  num('linspace', 'end', end);
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) throw rangeError('linspace', `number of steps must be a non-negative integer, got ${describe(steps)}`);
  const dt = o.dtype ?? defaultFloat();
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Symmetric from both ends, as PyTorch does, so the last value is exactly `end`; one step is `start`.
  const half = steps === 1 ? 1 : Math.floor(steps / 2);
  const data = numbersInto('linspace', dt, steps, (d) => {
    for (let i = 0; i < steps; i++) d[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
  });
  return finish('linspace', wrap(data, [steps], dt), o);
});

/**
 * base ** linspace(start, end, steps): `steps` values spaced evenly on a log scale.
 *
 * @see torch.logspace
 * @example
 * ```ts
 * tg.logspace(0, 2, 3) // tensor([  1.,  10., 100.])
 * ```
 */
export const logspace = kw(signature('logspace', 'start, end, steps, base, dtype, requiresGrad'), function logspace(
  start: number, end: number, steps: number, base?: number | null, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const o = options('logspace', dtype, requiresGrad);
  num('logspace', 'start', start);
  num('logspace', 'end', end);
  const b = base ?? 10;
  num('logspace', 'base', b);
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) throw rangeError('logspace', `number of steps must be a non-negative integer, got ${describe(steps)}`);
  const dt = o.dtype ?? defaultFloat();
  const data = alloc('logspace', dt, steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // The exponents as linspace lays them out (symmetric from both ends; one step is `start`), then the power
  // in double.
  const half = steps === 1 ? 1 : Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) data[i] = b ** (i < half ? start + step * i : end - step * (steps - 1 - i));
  return finish('logspace', wrap(data, [steps], dt), o);
});

/**
 * The n x m identity matrix.
 *
 * @see torch.eye
 * @example
 * ```ts
 * tg.eye(2)
 * // tensor([[1., 0.],
 * //         [0., 1.]])
 * ```
 */
export const eye = kw(signature('eye', 'n, m, dtype, requiresGrad'), function eye(
  n: number, m?: number | CreateOptions | null, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const cols = (m ?? n) as number;
  const o = options('eye', dtype, requiresGrad);
  const shape = checkShape('eye', [n, cols]);
  const dt = o.dtype ?? defaultFloat();
  const data = numbersInto('eye', dt, n * cols, (d) => {
    d.fill(0);
    for (let i = 0; i < Math.min(n, cols); i++) d[i * cols + i] = 1;
  });
  return finish('eye', wrap(data, shape, dt), o);
});

/**
 * Seeds the default generator and returns it; the streams are tensorgrad's own, reproducible on every platform (not PyTorch's values).
 *
 * Sets the seed of the default generator behind rand/randn/randint/dropout.
 *
 * @see torch.manual_seed
 * @example
 * ```ts
 * tg.manualSeed(0)
 * const a = tg.rand(3)
 * tg.manualSeed(0)
 * tg.equal(a, tg.rand(3)) // => true
 * ```
 */
export const manualSeed = kw(signature('manualSeed', 'seed'), function manualSeed(seed: number): Generator {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw typeError('manualSeed', `expected an integer seed (|seed| <= 2^53 - 1), got ${describe(seed)}`);
  return defaultGenerator.manualSeed(seed);
});

function randomTensor(op: string, size: unknown, gen: unknown, dtype: unknown, requiresGrad: unknown, fillFn: (g: Generator, d: Data) => void): Tensor {
  const shape = sizeOf(op, size);
  const g = generatorOf(op, gen);
  const o = options(op, dtype, requiresGrad);
  const dt = o.dtype ?? defaultFloat();
  if (!isFloat(dt)) throw typeError(op, `expected a floating point dtype, got ${dt}`);
  const data = alloc(op, dt, numelOf(shape));
  fillFn(g, data);
  return finish(op, wrap(data, shape, dt), o);
}

/**
 * Uniform samples in [0, 1) of the given shape.
 *
 * @see torch.rand
 * @example
 * ```ts
 * tg.manualSeed(0)
 * tg.rand(2, 3).shape // => [2, 3]
 * ```
 */
export const rand: RandFn = kw(signature('rand', '...size, generator, dtype, requiresGrad'), function rand(size: unknown, generator?: unknown, dtype?: unknown, requiresGrad?: unknown): Tensor {
  return randomTensor('rand', size, generator, dtype, requiresGrad, (g, d) => g.uniform(d));
});
/**
 * Standard normal samples of the given shape.
 *
 * @see torch.randn
 * @example
 * ```ts
 * tg.randn([2, 3], { generator: new tg.Generator(1) }).shape // => [2, 3]
 * ```
 */
export const randn: RandFn = kw(signature('randn', '...size, generator, dtype, requiresGrad'), function randn(size: unknown, generator?: unknown, dtype?: unknown, requiresGrad?: unknown): Tensor {
  return randomTensor('randn', size, generator, dtype, requiresGrad, (g, d) => g.normal(d));
});
/**
 * Random integers in [low, high) of the given shape.
 *
 * Integers uniform in [low, high); int64 (PyTorch's default) unless a dtype is given. randint(high, size) takes low = 0, as in
 * PyTorch.
 *
 * @see torch.randint
 * @example
 * ```ts
 * tg.randint(0, 10, [5]).shape // => [5]
 * ```
 */
export const randint = kw(signature('randint', 'low, high, size, generator, dtype, requiresGrad'), function randint(
  low: number, high: number | number[], size?: number[] | CreateOptions, generator?: Generator | null, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  if (Array.isArray(high) && size === undefined) [low, high, size] = [0, low, high];
  else if (low === undefined) low = 0;
  const o = options('randint', dtype, requiresGrad);
  const g = generatorOf('randint', generator);
  if (!Number.isInteger(low) || !Number.isInteger(high)) throw typeError('randint', `low and high must be integers, got ${describe(low)}, ${describe(high)}`);
  const hi = high as number;
  if (hi <= low) throw rangeError('randint', `expected low < high, got low=${low}, high=${hi}`);
  const s = checkShape('randint', size);
  const dt = o.dtype ?? 'int64';
  const data = numbersInto('randint', dt, numelOf(s), (d) => g.integers(d, low, hi));
  return finish('randint', wrap(data, s, dt), o);
});

/**
 * Casts `input` to another dtype (a copy; the same tensor when the dtype already matches).
 *
 * Casts to dtype (the same tensor when it already has it). Differentiable between float dtypes.
 *
 * @see torch.to
 * @example
 * ```ts
 * tg.to(tg.tensor([1.7, -2.5]), 'int32') // tensor([ 1, -2], dtype=torch.int32)
 * ```
 */
export function to(x: Tensor, dtype: DType): Tensor {
  if (!(x instanceof Tensor)) throw typeError('to', `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError('to', x.shape);
  if (!isDType(dtype)) throw typeError('to', `unknown dtype ${typeof dtype === 'string' ? dtype : describe(dtype)} (expected ${DTYPE_LIST})`);
  if (x.dtype === dtype) return x;
  // A strided x is cast in its iteration order and the result keeps that layout (Note [Output layout]).
  const { data: d, strides } = orderedValues(x);
  const out = wrapStrided(isSmall(dtype) || isSmall(x.dtype) ? castSmall(d, x.dtype, dtype)
    : native.cast(d, dtypeCode[dtype], allocData(dtypeCode[dtype], d.length)), x.shape.slice(), dtype, strides);
  if (isFloat(dtype)) record('toCopy', [x], out);
  return out;
}

/**
 * A copy of `input` that autograd tracks (the gradient flows back to `input`).
 *
 * A copy with its own storage.
 *
 * @see torch.clone
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * tg.clone(x) // tensor([1., 2.])
 * ```
 */
export function clone(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw typeError('clone', `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError('clone', x.shape);
  const out = wrap(alloc('clone', x.dtype, x.numel()), x.shape.slice(), x.dtype);
  // A non-contiguous x is gathered straight into the result (one pass, no temporary).
  if (x._contig) out._data.set(x._data as never);
  else gatherValues(x._box.data, x.shape, x._strides as number[], x._offset, out._data);
  return record('clone', [x], out);
}
