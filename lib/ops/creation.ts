// Creation ops (tensor zeros ones full empty arange linspace eye rand randn randint *Like), casts, clone.
import { Tensor } from '../tensor.js';
import { Storage, Data, allocData, fillData } from '../storage.js';
import { native } from '../native.js';
import { DType, dtypeCode, isDType, isFloat } from '../dtype.js';
import { checkShape, numelOf } from '../shape.js';
import { typeError, rangeError, describe, disposedError } from '../errors.js';
import { record } from '../autograd/function_node.js';
import { D } from '../autograd/derivatives.js';
import { generator } from './random.js';

export interface CreateOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/** @internal Wraps freshly made native data as a tensor. */
export function wrap(data: Data, shape: number[], dtype: DType): Tensor {
  return new Tensor(new Storage(data), shape, dtype);
}

/** @internal A tensor sharing x's storage (detach, view-like results). */
export function alias(x: Tensor, shape: number[] = x.shape): Tensor {
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

function options(op: string, o: unknown): CreateOptions {
  if (o === undefined) return {};
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw typeError(op, `expected an options object, got ${describe(o)}`);
  const opts = o as CreateOptions;
  if (opts.dtype !== undefined && !isDType(opts.dtype))
    throw typeError(op, `unknown dtype ${typeof opts.dtype === 'string' ? opts.dtype : describe(opts.dtype)} (expected float32, float64, int32 or bool)`);
  if (opts.requiresGrad !== undefined && typeof opts.requiresGrad !== 'boolean')
    throw typeError(op, `requiresGrad must be a boolean, got ${describe(opts.requiresGrad)}`);
  return opts;
}

function finish(op: string, t: Tensor, o: CreateOptions): Tensor {
  if (o.requiresGrad && !isFloat(t.dtype))
    throw typeError(op, `only Tensors of floating point dtype can require gradients (got ${t.dtype})`);
  if (o.requiresGrad) t.requiresGrad_(true);
  return t;
}

/** Shape from `[2, 3]`, `2, 3` or `[]`, with an optional trailing options object. */
function shapeAndOptions(op: string, args: unknown[]): [number[], CreateOptions] {
  let opts: unknown;
  if (args.length > 0 && args[args.length - 1] !== null && typeof args[args.length - 1] === 'object' && !Array.isArray(args[args.length - 1])) {
    opts = args[args.length - 1];
    args = args.slice(0, -1);
  }
  const shape = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  return [checkShape(op, shape), options(op, opts)];
}

type ShapeArgs = [number[] | number, ...(number | CreateOptions)[]] | [];

function filled(op: string, value: number, args: unknown[]): Tensor {
  const [shape, o] = shapeAndOptions(op, args);
  const dtype = o.dtype ?? 'float32';
  const data = alloc(op, dtype, numelOf(shape));
  fillData(data, value);
  return finish(op, wrap(data, shape, dtype), o);
}

/** @example tg.zeros([2, 3]) */
export function zeros(...args: ShapeArgs): Tensor {
  return filled('zeros', 0, args);
}
/** @example tg.ones([2, 3], { dtype: 'float64' }) */
export function ones(...args: ShapeArgs): Tensor {
  return filled('ones', 1, args);
}
/** Uninitialized values. @example tg.empty([4]) */
export function empty(...args: ShapeArgs): Tensor {
  const [shape, o] = shapeAndOptions('empty', args);
  const dtype = o.dtype ?? 'float32';
  return finish('empty', wrap(alloc('empty', dtype, numelOf(shape)), shape, dtype), o);
}
/** @example tg.full([2, 2], 7) */
export function full(shape: number[], value: number | boolean, opts?: CreateOptions): Tensor {
  const o = options('full', opts);
  if (typeof value !== 'number' && typeof value !== 'boolean') throw typeError('full', `fill value must be a number, got ${describe(value)}`);
  const dtype = o.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  const s = checkShape('full', shape);
  const data = alloc('full', dtype, numelOf(s));
  native.fill(data, Number(value));
  return finish('full', wrap(data, s, dtype), o);
}

function likeOptions(op: string, x: unknown, o: unknown): [Tensor, CreateOptions] {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  const opts = options(op, o);
  return [x, { dtype: opts.dtype ?? x.dtype, requiresGrad: opts.requiresGrad }];
}
export function zerosLike(x: Tensor, opts?: CreateOptions): Tensor {
  const [t, o] = likeOptions('zerosLike', x, opts);
  return zeros(t.shape, o);
}
export function onesLike(x: Tensor, opts?: CreateOptions): Tensor {
  const [t, o] = likeOptions('onesLike', x, opts);
  return ones(t.shape, o);
}
export function emptyLike(x: Tensor, opts?: CreateOptions): Tensor {
  const [t, o] = likeOptions('emptyLike', x, opts);
  return empty(t.shape, o);
}
export function fullLike(x: Tensor, value: number | boolean, opts?: CreateOptions): Tensor {
  const [t, o] = likeOptions('fullLike', x, opts);
  return full(t.shape, value, o);
}
export function randLike(x: Tensor, opts?: CreateOptions): Tensor {
  const [t, o] = likeOptions('randLike', x, opts);
  return rand(t.shape, o);
}
export function randnLike(x: Tensor, opts?: CreateOptions): Tensor {
  const [t, o] = likeOptions('randnLike', x, opts);
  return randn(t.shape, o);
}
export function randintLike(x: Tensor, low: number, high?: number, opts?: CreateOptions): Tensor {
  const [t, o] = likeOptions('randintLike', x, opts);
  return high === undefined ? randint(0, low, t.shape, o) : randint(low, high, t.shape, o);
}

type Nested = number | boolean | Nested[];

/**
 * A tensor from numbers, booleans, nested arrays or typed arrays. Plain numbers make float32 unless a dtype
 * is given. @example tg.tensor([[1, 2], [3, 4]])
 */
export function tensor(data: Nested | ArrayLike<number> | Tensor, opts?: CreateOptions): Tensor {
  const o = options('tensor', opts);
  if (data instanceof Tensor && data.isDisposed) throw disposedError('tensor', data.shape);
  if (data instanceof Tensor) return finish('tensor', clone(data.detach()).to(o.dtype ?? data.dtype), o);
  let shape: number[];
  let flat: ArrayLike<number | boolean>;
  let inferred: DType = 'float32';
  if (ArrayBuffer.isView(data)) {
    if (data instanceof DataView) throw typeError('tensor', 'a DataView is not supported; pass a typed array');
    shape = [(data as unknown as ArrayLike<number>).length];
    flat = data as unknown as ArrayLike<number>;
    if (data instanceof Float64Array) inferred = 'float64';
    else if (data instanceof Int32Array || data instanceof Int16Array || data instanceof Int8Array || data instanceof Uint16Array || data instanceof Uint8Array || data instanceof Uint8ClampedArray) inferred = 'int32';
    else if (data instanceof BigInt64Array || data instanceof BigUint64Array) throw typeError('tensor', 'BigInt typed arrays are not supported');
  } else {
    shape = [];
    const values: (number | boolean)[] = [];
    let allBool = true;
    let level: unknown = data;
    while (Array.isArray(level)) {
      shape.push(level.length);
      level = level[0];
    }
    const walk = (x: unknown, dim: number): void => {
      if (dim === shape.length) {
        if (typeof x === 'number') allBool = false;
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
    flat = values;
  }
  checkShape('tensor', shape);
  const dtype = o.dtype ?? inferred;
  const out = alloc('tensor', dtype, flat.length);
  // A typed array converts exactly as the loops below do (floats round to float32 the same way, small ints
  // are exact): one bulk copy. Only float -> int32 (truncation, non-finite values) needs the loop.
  if (ArrayBuffer.isView(data) && dtype !== 'bool' && !(dtype === 'int32' && (data instanceof Float32Array || data instanceof Float64Array || data instanceof Uint32Array))) {
    (out as Float32Array).set(data as unknown as ArrayLike<number>);
    return finish('tensor', wrap(out, shape, dtype), o);
  }
  if (dtype === 'bool') for (let i = 0; i < flat.length; i++) out[i] = flat[i] ? 1 : 0;
  else if (dtype === 'int32')
    for (let i = 0; i < flat.length; i++) {
      const v = Number(flat[i]);
      out[i] = Number.isFinite(v) ? Math.trunc(v) : -2147483648;
    }
  else for (let i = 0; i < flat.length; i++) out[i] = Number(flat[i]);
  return finish('tensor', wrap(out, shape, dtype), o);
}

function num(op: string, what: string, x: unknown): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw typeError(op, `${what} must be a number, got ${describe(x)}`);
  return x;
}

/**
 * Values from start to end (exclusive) by step: arange(end) or arange(start, end, step?). float32 unless a
 * dtype is given. @example tg.arange(4) // tensor([0., 1., 2., 3.])
 */
export function arange(...args: (number | CreateOptions)[]): Tensor {
  let o: CreateOptions = {};
  if (args.length > 0 && typeof args[args.length - 1] === 'object') o = options('arange', args.pop());
  const nums = args.map((a, i) => num('arange', `argument ${i}`, a));
  if (nums.length < 1 || nums.length > 3) throw typeError('arange', `expected 1 to 3 numbers, got ${nums.length}`);
  const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (step === 0) throw rangeError('arange', 'step must be nonzero');
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw rangeError('arange', `unsupported range: ${start} -> ${end}`);
  if ((end - start) / step < 0) throw rangeError('arange', `upper bound and larger bound inconsistent with step sign (${start}, ${end}, ${step})`);
  const n = Math.max(0, Math.ceil((end - start) / step));
  const dtype = o.dtype ?? 'float32';
  const data = alloc('arange', dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return finish('arange', wrap(data, [n], dtype), o);
}

/** steps values evenly spaced from start to end inclusive. @example tg.linspace(0, 1, 5) */
export function linspace(start: number, end: number, steps: number, opts?: CreateOptions): Tensor {
  const o = options('linspace', opts);
  num('linspace', 'start', start);
  num('linspace', 'end', end);
  if (!Number.isInteger(steps) || steps < 0) throw rangeError('linspace', `number of steps must be a non-negative integer, got ${describe(steps)}`);
  const dtype = o.dtype ?? 'float32';
  const data = alloc('linspace', dtype, steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Symmetric from both ends, as PyTorch does, so the last value is exactly `end`.
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) data[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
  return finish('linspace', wrap(data, [steps], dtype), o);
}

/** Identity matrix n x m. @example tg.eye(3) */
export function eye(n: number, m?: number | CreateOptions, opts?: CreateOptions): Tensor {
  if (typeof m === 'object') {
    opts = m;
    m = undefined;
  }
  const cols = m ?? n;
  const o = options('eye', opts);
  const shape = checkShape('eye', [n, cols]);
  const dtype = o.dtype ?? 'float32';
  const data = alloc('eye', dtype, n * cols);
  native.fill(data, 0);
  for (let i = 0; i < Math.min(n, cols); i++) data[i * cols + i] = 1;
  return finish('eye', wrap(data, shape, dtype), o);
}

/** Sets the seed of the generator behind rand/randn/randint/dropout. @example tg.manualSeed(0) */
export function manualSeed(seed: number): void {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw typeError('manualSeed', `expected a number, got ${describe(seed)}`);
  generator.seed(seed);
}

function randomTensor(op: string, args: unknown[], fillFn: (d: Data) => void): Tensor {
  const [shape, o] = shapeAndOptions(op, args);
  const dtype = o.dtype ?? 'float32';
  if (!isFloat(dtype)) throw typeError(op, `expected a floating point dtype, got ${dtype}`);
  const data = alloc(op, dtype, numelOf(shape));
  fillFn(data);
  return finish(op, wrap(data, shape, dtype), o);
}

/** Uniform [0, 1). @example tg.rand([2, 3]) */
export function rand(...args: ShapeArgs): Tensor {
  return randomTensor('rand', args, (d) => generator.uniform(d));
}
/** Standard normal. @example tg.randn([3], { requiresGrad: true }) */
export function randn(...args: ShapeArgs): Tensor {
  return randomTensor('randn', args, (d) => generator.normal(d));
}
/** Integers uniform in [low, high); int32 unless a dtype is given. @example tg.randint(0, 10, [5]) */
export function randint(low: number, high: number, shape: number[], opts?: CreateOptions): Tensor {
  const o = options('randint', opts);
  if (!Number.isInteger(low) || !Number.isInteger(high)) throw typeError('randint', `low and high must be integers, got ${describe(low)} and ${describe(high)}`);
  if (high <= low) throw rangeError('randint', `expected low < high, got low=${low}, high=${high}`);
  const s = checkShape('randint', shape);
  const dtype = o.dtype ?? 'int32';
  const data = alloc('randint', dtype, numelOf(s));
  generator.integers(data, low, high);
  return finish('randint', wrap(data, s, dtype), o);
}

/** Casts to dtype (the same tensor when it already has it). Differentiable between float dtypes. */
export function to(x: Tensor, dtype: DType): Tensor {
  if (!(x instanceof Tensor)) throw typeError('to', `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError('to', x.shape);
  if (!isDType(dtype)) throw typeError('to', `unknown dtype ${typeof dtype === 'string' ? dtype : describe(dtype)} (expected float32, float64, int32 or bool)`);
  if (x.dtype === dtype) return x;
  const out = wrap(native.cast(x._data, dtypeCode[dtype], allocData(dtypeCode[dtype], x._data.length)), x.shape.slice(), dtype);
  if (isFloat(dtype)) record(D.toCopy, [x], out, () => ({ dtype: x.dtype }));
  return out;
}

/** A copy with its own storage. @example y = x.clone() */
export function clone(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw typeError('clone', `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError('clone', x.shape);
  const src = x._data;
  const out = wrap(alloc('clone', x.dtype, src.length), x.shape.slice(), x.dtype);
  out._data.set(src as never);
  return record(D.clone, [x], out);
}
