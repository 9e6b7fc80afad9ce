// Reductions over all elements or any dims, with keepdim: sum mean prod max min argmax argmin norm var std
// logsumexp all any. Positional (dim, keepdim) and options ({ dim, keepdim }) forms are both accepted.
import { Tensor, checkTensor } from '../tensor.js';
import { native, ReduceOp, BinaryOp, UnaryOp } from '../native.js';
import { noGrad as noGradCompute } from '../autograd/record.js';
import { DType, dtypeCode, isFloat, isDType, defaultFloat } from '../dtype.js';
import { outData } from '../storage.js';
import { numelOf, wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { namedTuple } from './return_types.js';
import { record, recordNotImplemented } from '../autograd/record.js';
import { wrap, to } from './creation.js';
import { sub, mul, div, sqrt, exp, log, add, abs, pow, maximum, minimum } from './elementwise.js';
import { reshape } from './shape.js';
import { memoryOrder, denseBlock, wrapStrided, stridesInOrder } from './layout.js';

export interface DimOptions {
  dim?: number | number[] | null;
  keepdim?: boolean;
}
export interface SumOptions extends DimOptions {
  dtype?: DType;
}
export interface VarOptions extends DimOptions {
  unbiased?: boolean;
  correction?: number;
}

/** max(dim)/min(dim) result: [values, indices] that also has .values and .indices. */
export type ValuesIndices = Omit<[Tensor, Tensor], 'values'> & { values: Tensor; indices: Tensor };

/** A named tuple torch.return_types.<op>(values, indices) (return_types.ts). */
function valuesIndices(op: string, values: Tensor, indices: Tensor): ValuesIndices {
  return namedTuple<ValuesIndices>(op, ['values', 'indices'], [values, indices]);
}

interface Parsed {
  dims: number[] | null; // null: all dims
  keepdim: boolean;
  rest: Record<string, unknown>;
}

/** Parses (dim?, keepdim?) or ({ dim, keepdim, ... }) into sorted, wrapped, unique dims. */
/** The reductions whose PyTorch 1.13 signatures take keepdim only beside dim (amax, argmax, nansum, ... accept it alone). */
const KEEPDIM_NEEDS_DIM = new Set(['sum', 'mean', 'prod', 'var', 'std', 'all', 'any']);

function parseDims(op: string, x: Tensor, dimArg: unknown, keepArg: unknown): Parsed {
  let dim = dimArg, keepdim = keepArg, rest: Record<string, unknown> = {};
  if (dim !== null && typeof dim === 'object' && !Array.isArray(dim)) {
    rest = dim as Record<string, unknown>;
    dim = rest.dim;
    keepdim = rest.keepdim ?? keepArg;
  } else if (keepdim !== null && typeof keepdim === 'object') {
    rest = keepdim as Record<string, unknown>;
    keepdim = rest.keepdim;
  }
  if (keepdim !== undefined && typeof keepdim !== 'boolean') throw typeError(op, `keepdim must be a boolean, got ${describe(keepdim)}`);
  if (dim === undefined || dim === null) {
    // PyTorch 1.13 has no sum(input, keepdim=True) form (a TypeError); ignoring keepdim would give a wrong shape.
    if (keepdim === true && KEEPDIM_NEEDS_DIM.has(op))
      throw typeError(op, `keepdim=true needs a dim (PyTorch 1.13's ${op} reduces all dims only without keepdim); got input of shape [${x.shape.join(', ')}]`);
    return { dims: null, keepdim: keepdim ?? false, rest };
  }
  // As in PyTorch 1.13, an empty dim list reduces over every dim (as an explicit dim list: SumBackward1).
  const list = Array.isArray(dim) ? (dim.length === 0 ? x.shape.map((_, i) => i) : dim) : [dim];
  const dims = list.map((d) => wrapDim(op, d, x.ndim));
  if (x.ndim === 0) return { dims: [], keepdim: keepdim ?? false, rest };
  const sorted = [...new Set(dims)].sort((a, b) => a - b);
  if (sorted.length !== dims.length) throw rangeError(op, `dim ${dims.join(', ')} appears multiple times in the list of dims`);
  return { dims: sorted, keepdim: keepdim ?? false, rest };
}

function outShape(shape: readonly number[], dims: number[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (dims.includes(d)) {
      if (keepdim) out.push(1);
    } else out.push(shape[d]);
  }
  return out;
}

/** The native reduction: over all elements (dims null/all) or the flagged dims. */
function reduceKernel(code: ReduceOp, x: Tensor, dims: number[] | null, keepdim: boolean): Tensor {
  if (dims === null || dims.length === x.ndim) {
    // A permuted dense block is reduced as it lies in memory (Note [Dense layouts]).
    const values = !x._contig && memoryOrder(x) !== null ? denseBlock(x) : x._data;
    const out = wrap(native.reduceAll(code, values, outData(x.dtype, 1)), [], x.dtype);
    return keepdim && dims !== null ? reshape(out, x.shape.map(() => 1)) : out;
  }
  if (dims.length === 0) return wrap(x._data.slice() as never, x.shape.slice(), x.dtype);
  if (!x._contig) {
    const r = denseReduce(code, x, dims, keepdim);
    if (r !== null) return r;
  }
  const flags = x.shape.map((_, d) => dims.includes(d));
  const shape = outShape(x.shape, dims, keepdim);
  return wrap(native.reduceDims(code, x._data, x.shape, flags, outData(x.dtype, numelOf(shape))), shape, x.dtype);
}

/**
 * A reduction over dims of a permuted dense block: the block viewed in memory order is a contiguous tensor, its
 * reduced dims are the same dims there, and the result takes that order's strides (Note [Dense layouts]).
 */
function denseReduce(code: ReduceOp, x: Tensor, dims: number[], keepdim: boolean): Tensor | null {
  const order = memoryOrder(x);
  if (order === null) return null;
  const kept = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
  const data = native.reduceDims(code, denseBlock(x), order.map((d) => x.shape[d]), order.map((d) => dims.includes(d)), outData(x.dtype, numelOf(kept)));
  const strides = stridesInOrder(kept, order);
  if (keepdim) return wrapStrided(data, kept, x.dtype, strides);
  const keep = (_: number, i: number) => !dims.includes(i);
  return wrapStrided(data, kept.filter(keep), x.dtype, strides.filter(keep));
}

function sumDtype(x: Tensor, requested: unknown): DType {
  if (requested !== undefined) {
    if (requested !== 'float32' && requested !== 'float64' && requested !== 'int32' && requested !== 'int64') throw typeError('sum', `unsupported dtype ${String(requested)}`);
    return requested;
  }
  // PyTorch sums bool and integer tensors in int64.
  return isFloat(x.dtype) ? x.dtype : 'int64';
}

/**
 * Sum of all elements, or along `dim` (optionally keeping it).
 *
 * Sum of all elements, or over dim(s).
 *
 * @see torch.sum
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.sum(x, 1)
 * tg.sum(x, { dim: 0, keepdim: true }) // tensor([[4., 6.]])
 * ```
 */
export function sum(x: Tensor, dim?: number | number[] | SumOptions | null, keepdim?: boolean | SumOptions, dtype?: DType | null): Tensor {
  checkTensor('sum', x);
  const p = parseDims('sum', x, dim, keepdim);
  const src = to(x, sumDtype(x, dtype ?? p.rest.dtype));
  const out = reduceKernel(ReduceOp.sum, src, p.dims, p.keepdim);
  const dims = p.dims;
  if (dims === null) return record('sum', [x], out, () => ({ shape: x.shape }));
  return record('sumDim', [x], out, () => ({ shape: x.shape, dims, keepdim: p.keepdim }));
}

/**
 * Mean of all elements, or along `dim`.
 *
 * Mean (floating point only).
 *
 * @see torch.mean
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.mean(x, 0) // tensor([2., 3.])
 * ```
 */
export function mean(x: Tensor, dim?: number | number[] | SumOptions | null, keepdim?: boolean | SumOptions, dtype?: DType | null): Tensor {
  checkTensor('mean', x);
  const p = parseDims('mean', x, dim, keepdim);
  const dt = dtype ?? (p.rest.dtype as DType | undefined) ?? x.dtype;
  if (!isFloat(dt))
    throw typeError('mean', `could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype}`);
  const src = to(x, dt);
  const count = p.dims === null ? x.numel() : p.dims.reduce((n, d) => n * x.shape[d], 1);
  const s = reduceKernel(ReduceOp.sum, src, p.dims, p.keepdim);
  const out = wrap(native.binaryScalar(BinaryOp.div, s._data, count, outData(s.dtype, s.numel())), s.shape, s.dtype);
  const dims = p.dims;
  if (dims === null) return record('mean', [x], out, () => ({ shape: x.shape, count }));
  return record('meanDim', [x], out, () => ({ shape: x.shape, dims, keepdim: p.keepdim, count }));
}

/**
 * Product of all elements, or along `dim`.
 *
 * Product of all elements or over one dim.
 *
 * @see torch.prod
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.prod(x, 1) // tensor([ 2., 12.])
 * ```
 */
export function prod(x: Tensor, dim?: number | SumOptions | null, keepdim?: boolean | SumOptions, dtype?: DType | null): Tensor {
  checkTensor('prod', x);
  const p = parseDims('prod', x, dim, keepdim);
  const want = (dtype ?? p.rest.dtype) as DType | undefined;
  if (want !== undefined && want !== 'bool' && sumDtype(x, want) !== want) throw typeError('prod', `unsupported dtype ${String(want)}`);
  // dtype= casts the input first (a bool product is a logical and); PyTorch's prod of bool and integers is int64,
  // and an int32 product computed in int64 wraps to the same int32 as PyTorch's int32 accumulation.
  const self = want === undefined ? x : to(x, want);
  const src = isFloat(self.dtype) ? self : to(self, 'int64');
  const raw = reduceKernel(ReduceOp.prod, src, p.dims, p.keepdim);
  const out = want !== undefined && raw.dtype !== want ? to(raw, want) : raw;
  const dims = p.dims;
  if (dims === null) return record('prod', [self], out, () => ({ self, result: out }));
  return record('prodDim', [self], out, () => ({ self, result: out, dims, keepdim: p.keepdim }));
}

/** Index of the max/min along dim (first occurrence; NaN counts as the max/min), by the native kernel. */
function argExtreme(op: string, x: Tensor, dim: number, isMax: boolean): BigInt64Array {
  const shape = x.shape;
  const n = shape.length === 0 ? 1 : shape[dim];
  if (n === 0) throw rangeError(op, `cannot perform reduction over a zero-size dimension ${dim} of shape ${fmtShape(shape)}`);
  const out = outData('int64', shape.length === 0 ? 1 : x.numel() / n);
  return (isMax ? native.argmax : native.argmin)(x._data, shape, dim, out);
}

function extreme(op: 'max' | 'min', x: Tensor, dim: unknown, keepdim: unknown): Tensor | ValuesIndices {
  checkTensor(op, x);
  if (dim instanceof Tensor) return op === 'max' ? maximum(x, dim) : minimum(x, dim);
  const isMax = op === 'max';
  if (dim === undefined || (dim !== null && typeof dim === 'object' && !Array.isArray(dim) && (dim as DimOptions).dim == null)) {
    if (x.numel() === 0)
      throw rangeError(op, `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    const out = reduceKernel(isMax ? ReduceOp.max : ReduceOp.min, x, null, false);
    return record(isMax ? 'maxAll' : 'minAll', [x], out, () => ({ self: x, result: out }));
  }
  const p = parseDims(op, x, dim, keepdim);
  if (p.dims === null || p.dims.length > 1) throw typeError(op, 'expected a single dim');
  const d = p.dims.length === 0 ? 0 : p.dims[0];
  const idx = argExtreme(op, x, d, isMax);
  const shape = x.ndim === 0 ? [] : outShape(x.shape, [d], p.keepdim);
  const values = reduceKernel(isMax ? ReduceOp.max : ReduceOp.min, x, x.ndim === 0 ? [] : [d], p.keepdim);
  const indices = wrap(idx, shape, 'int64');
  record(isMax ? 'maxDim' : 'minDim', [x], values, () => ({ shape: x.shape, dim: d, keepdim: p.keepdim, indices }));
  return valuesIndices(op, values, indices);
}

/** max(): the largest element; max(dim, keepdim?): [values, indices]; max(other): elementwise maximum. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim: number | DimOptions, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: unknown, keepdim?: unknown): Tensor | ValuesIndices {
  return extreme('max', x, dim, keepdim);
}
/** min(): the smallest element; min(dim, keepdim?): [values, indices]; min(other): elementwise minimum. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim: number | DimOptions, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: unknown, keepdim?: unknown): Tensor | ValuesIndices {
  return extreme('min', x, dim, keepdim);
}

/**
 * max/min with PyTorch's keyword names (input, dim, keepdim, other): the reduction, [values, indices] along
 * dim, or with `other` the elementwise maximum/minimum.
 */
export function maxMin(op: 'max' | 'min', x: Tensor, dim?: unknown, keepdim?: unknown, other?: unknown): Tensor | ValuesIndices {
  if (other === undefined || other === null) return extreme(op, x, dim, keepdim);
  if (dim !== undefined || keepdim !== undefined) throw typeError(op, 'other cannot be combined with dim or keepdim');
  if (!(other instanceof Tensor)) throw typeError(op, `other must be a Tensor, got ${describe(other)}`);
  return extreme(op, x, other, undefined);
}

function argReduce(op: string, x: Tensor, dim: unknown, keepdim: unknown, isMax: boolean): Tensor {
  checkTensor(op, x);
  const p = parseDims(op, x, dim, keepdim);
  if (p.dims === null) {
    if (x.numel() === 0) throw rangeError(op, 'cannot perform reduction over an empty tensor');
    const flat = reshape(x.detach(), [x.numel()]);
    const idx = argExtreme(op, flat, 0, isMax);
    return wrap(idx, p.keepdim ? x.shape.map(() => 1) : [], 'int64');
  }
  const d = p.dims.length === 0 ? 0 : p.dims[0];
  const idx = argExtreme(op, x, d, isMax);
  return wrap(idx, x.ndim === 0 ? [] : outShape(x.shape, [d], p.keepdim), 'int64');
}
/**
 * Index of the maximum, of the flattened tensor or along `dim`.
 *
 * Index of the largest element (flattened) or along dim, as int64.
 *
 * @see torch.argmax
 * @example
 * ```ts
 * const x = tg.tensor([[1, 5], [3, 4]])
 * tg.argmax(x, 1).tolist() // => [1, 1]
 * ```
 */
export function argmax(x: Tensor, dim?: number | DimOptions | null, keepdim?: boolean): Tensor {
  return argReduce('argmax', x, dim, keepdim, true);
}
/**
 * Index of the minimum, of the flattened tensor or along `dim`.
 *
 * Index of the smallest element (flattened) or along dim, as int64.
 *
 * @see torch.argmin
 * @example
 * ```ts
 * const x = tg.tensor([[1, 5], [3, 4]])
 * tg.argmin(x).item() // => 0
 * ```
 */
export function argmin(x: Tensor, dim?: number | DimOptions | null, keepdim?: boolean): Tensor {
  return argReduce('argmin', x, dim, keepdim, false);
}

export interface NormOptions extends DimOptions {
  p?: number;
}

/**
 * The p-norm (2 by default) of all elements or along `dim`.
 *
 * Vector p-norm (default 2) of all elements or over dim(s).
 *
 * @see torch.norm
 * @example
 * ```ts
 * const x = tg.tensor([3, 4])
 * tg.norm(x) // tensor(5.)
 * ```
 */
export function norm(x: Tensor, p?: number | NormOptions | null, dim?: number | number[] | null, keepdim?: boolean): Tensor {
  checkTensor('norm', x);
  let ord = 2;
  let dimArg: unknown = dim, keepArg: unknown = keepdim;
  if (p !== null && typeof p === 'object') {
    ord = p.p ?? 2;
    dimArg = p.dim;
    keepArg = p.keepdim;
  } else if (p !== undefined && p !== null) ord = p;
  if (typeof ord !== 'number') throw typeError('norm', `p must be a number, got ${describe(ord)}`);
  if (!isFloat(x.dtype)) throw typeError('norm', `expected a floating point tensor, got ${x.dtype}`);
  const pd = parseDims('norm', x, dimArg, keepArg);
  let out: Tensor;
  if (ord === 2) {
    const ss = reduceKernel(ReduceOp.sumsq, x, pd.dims, pd.keepdim);
    out = wrap(native.unary(UnaryOp.sqrt, ss._data, outData(ss.dtype, ss.numel())), ss.shape, ss.dtype);
  } else {
    // Composite in no-grad mode; the node below gives it NormBackward1's gradient.
    out = noGradCompute(() => {
      const a = abs(x);
      if (ord === Infinity) return reduceKernel(ReduceOp.max, a, pd.dims, pd.keepdim);
      if (ord === -Infinity) return reduceKernel(ReduceOp.min, a, pd.dims, pd.keepdim);
      if (ord === 0) return sum(to(a.ne(0), x.dtype), pd.dims as number[] | undefined, pd.keepdim);
      if (ord === 1) return sum(a, pd.dims as number[] | undefined, pd.keepdim);
      return pow(sum(pow(a, ord), pd.dims as number[] | undefined, pd.keepdim), 1 / ord);
    });
  }
  return record('norm', [x], out, () => ({ self: x, result: out, p: ord, dims: pd.dims, keepdim: pd.keepdim }));
}

function correctionOf(op: string, rest: Record<string, unknown>): number {
  if (rest.correction !== undefined) {
    if (typeof rest.correction !== 'number') throw typeError(op, `correction must be a number, got ${describe(rest.correction)}`);
    return rest.correction;
  }
  if (rest.unbiased !== undefined) return rest.unbiased ? 1 : 0;
  return 1;
}

/**
 * PyTorch's positional forms var(unbiased), var(dim, unbiased, keepdim?) and var(dim, { correction, keepdim })
 * as (dim, options) for parseDims.
 */
function varArgs(dim: unknown, unbiased: unknown, keepdim: unknown): [unknown, unknown] {
  if (typeof dim === 'boolean') return [null, { unbiased: dim }];
  if (typeof unbiased === 'boolean') return [dim, { unbiased, keepdim }];
  if (unbiased === undefined && keepdim !== undefined) return [dim, { keepdim }];
  return [dim, unbiased];
}

/**
 * Variance (Bessel-corrected unless `unbiased: false` / `correction: 0`).
 *
 * Variance (unbiased by default; { correction } or { unbiased }), positional like PyTorch: (dim, unbiased,
 * keepdim).
 *
 * @see torch.var
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3, 4])
 * tg.var(x) // tensor(1.6667)
 * ```
 */
export function var_(x: Tensor, dim?: number | number[] | VarOptions | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean, correctionArg?: number | null): Tensor {
  checkTensor('var', x);
  if (!isFloat(x.dtype)) throw typeError('var', `expected a floating point tensor, got ${x.dtype}`);
  const p = parseDims('var', x, ...varArgs(dim, unbiased, keepdim));
  if (correctionArg !== undefined && correctionArg !== null) p.rest = { ...p.rest, correction: correctionArg };
  const correction = correctionOf('var', p.rest);
  const dims = p.dims ?? x.shape.map((_, i) => i);
  const n = dims.reduce((k, d) => k * x.shape[d], 1);
  const out = noGradCompute(() => {
    const m = mean(x, dims, true);
    const c = sub(x, m);
    return div(sum(mul(c, c), dims, p.keepdim), Math.max(0, n - correction));
  });
  return record('var', [x], out, () => ({ self: x, dims, keepdim: p.keepdim, correction, n }));
}
export { var_ as var };

/**
 * Standard deviation (Bessel-corrected unless `unbiased: false` / `correction: 0`).
 *
 * Standard deviation, sqrt of var with the same arguments.
 *
 * @see torch.std
 * @example
 * ```ts
 * const x = tg.tensor([1, 2, 3, 4])
 * tg.std(x, { unbiased: false }) // tensor(1.1180)
 * ```
 */
export function std(x: Tensor, dim?: number | number[] | VarOptions | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean, correctionArg?: number | null): Tensor {
  checkTensor('std', x);
  if (!isFloat(x.dtype)) throw typeError('std', `expected a floating point tensor, got ${x.dtype}`);
  const p = parseDims('std', x, ...varArgs(dim, unbiased, keepdim));
  if (correctionArg !== undefined && correctionArg !== null) p.rest = { ...p.rest, correction: correctionArg };
  const correction = correctionOf('std', p.rest);
  const dims = p.dims ?? x.shape.map((_, i) => i);
  const n = dims.reduce((k, d) => k * x.shape[d], 1);
  const out = noGradCompute(() => sqrt(var_(x, { dim: dims, keepdim: p.keepdim, correction })));
  return record('std', [x], out, () => ({ self: x, result: out, dims, keepdim: p.keepdim, correction, n }));
}

/**
 * `log(sum(exp(input)))` along `dim`, computed stably.
 *
 * log(sum(exp(x))) over dim(s), computed stably by subtracting the max.
 *
 * @see torch.logsumexp
 * @example
 * ```ts
 * const x = tg.tensor([[0, 0], [1, 1]])
 * tg.logsumexp(x, 1) // tensor([0.6931, 1.6931])
 * ```
 */
export function logsumexp(x: Tensor, dim: number | number[] | DimOptions, keepdim?: boolean): Tensor {
  checkTensor('logsumexp', x);
  const src = isFloat(x.dtype) ? x : to(x, defaultFloat());
  const p = parseDims('logsumexp', src, dim, keepdim);
  if (p.dims === null) throw typeError('logsumexp', 'dim is required');
  const dims = p.dims;
  const out = noGradCompute(() => {
    if (src.numel() === 0) return log(sum(exp(src), dims, p.keepdim));
    let m = reduceKernel(ReduceOp.max, src, dims, true);
    // An infinite max would give inf - inf = NaN; shift by 0 there instead.
    m = m.where(m.abs().ne(Infinity), 0) as Tensor;
    const s = sum(exp(sub(src, m)), dims, true);
    const r = add(log(s), m);
    return p.keepdim ? r : reshape(r, outShape(src.shape, dims, false));
  });
  return record('logsumexp', [x], out, () => ({ self: src, result: out, dims, keepdim: p.keepdim }));
}

/**
 * True if every element is non-zero (overall or along `dim`).
 *
 * True where all elements (or all along dim) are nonzero; a bool tensor.
 *
 * @see torch.all
 * @example
 * ```ts
 * const x = tg.tensor([[1, 0], [1, 1]])
 * tg.all(x, 1) // tensor([False,  True])
 * ```
 */
export function all(x: Tensor, dim?: number | DimOptions | null, keepdim?: boolean): Tensor {
  checkTensor('all', x);
  const p = parseDims('all', x, dim, keepdim);
  return reduceKernel(ReduceOp.min, to(x, 'bool'), p.dims, p.keepdim);
}
/**
 * True if some element is non-zero (overall or along `dim`).
 *
 * True where any element (or any along dim) is nonzero; a bool tensor.
 *
 * @see torch.any
 * @example
 * ```ts
 * const x = tg.tensor([[1, 0], [0, 0]])
 * tg.any(x, 1) // tensor([ True, False])
 * ```
 */
export function any(x: Tensor, dim?: number | DimOptions | null, keepdim?: boolean): Tensor {
  checkTensor('any', x);
  const p = parseDims('any', x, dim, keepdim);
  return reduceKernel(ReduceOp.max, to(x, 'bool'), p.dims, p.keepdim);
}

// ---- issue 15's second batch: amax amin aminmax nansum nanmean countNonzero varMean stdMean ----------------------
function extremum(op: 'amax' | 'amin', x: Tensor, dim: unknown, keepdim: unknown): Tensor {
  checkTensor(op, x);
  // PyTorch's default dim=() reduces every dim, as an empty list does (parseDims).
  const p = parseDims(op, x, dim === undefined || dim === null ? [] : dim, keepdim);
  const dims = p.dims ?? x.shape.map((_, i) => i);
  for (const d of dims)
    if (x.shape[d] === 0) throw rangeError(op, `Expected reduction dim ${d} to have non-zero size (input shape ${fmtShape(x.shape)})`);
  if (x.ndim > 0 && x.numel() === 0 && dims.length === 0) throw rangeError(op, `expected a non-empty input, got shape ${fmtShape(x.shape)}`);
  const out = reduceKernel(op === 'amax' ? ReduceOp.max : ReduceOp.min, x, dims, p.keepdim);
  return record(op, [x], out, () => ({ self: x, result: out, dims, keepdim: p.keepdim }));
}
/**
 * The maximum over dim(s) (all by default); ties share the grad evenly (AmaxBackward0).
 *
 * @see torch.amax
 * @example
 * ```ts
 * const x = tg.tensor([[1, 5], [7, 2]])
 * x.amax(1) // tensor([5., 7.])
 * tg.amax(x) // tensor(7.)
 * ```
 */
export const amax = (input: Tensor, dim?: number | number[] | DimOptions | null, keepdim?: boolean): Tensor => extremum('amax', input, dim, keepdim);
/**
 * The minimum over dim(s) (all by default); ties share the grad evenly.
 *
 * @see torch.amin
 * @example
 * ```ts
 * const x = tg.tensor([[1, 5], [7, 2]])
 * x.amin(0) // tensor([1., 2.])
 * tg.amin(x, [0, 1]) // tensor(1.)
 * ```
 */
export const amin = (input: Tensor, dim?: number | number[] | DimOptions | null, keepdim?: boolean): Tensor => extremum('amin', input, dim, keepdim);

/** aminmax's result: [min, max] that also has .min and .max (PyTorch's namedtuple). */
export type MinMax = Omit<[Tensor, Tensor], 'min' | 'max'> & { min: Tensor; max: Tensor };
/**
 * The minimum and maximum over dim (one dim, or all), in one call.
 *
 * PyTorch 1.13 has no derivative for it: a backward through it throws, as there.
 *
 * @see torch.aminmax
 * @example
 * ```ts
 * const x = tg.tensor([[1, 5], [7, 2]])
 * const { min, max } = tg.aminmax(x, { dim: 0 })
 * min // tensor([1., 2.])
 * max // tensor([7., 5.])
 * ```
 */
export function aminmax(input: Tensor, dim?: number | DimOptions | null, keepdim?: boolean): MinMax {
  checkTensor('aminmax', input);
  if (Array.isArray(dim)) throw typeError('aminmax', `dim must be a single int, got ${describe(dim)}`);
  const p = parseDims('aminmax', input, dim, keepdim);
  const dims = p.dims ?? input.shape.map((_, i) => i);
  if (input.numel() === 0) throw rangeError('aminmax', `cannot compute aminmax over an empty dimension as the operation has no identity (input shape ${fmtShape(input.shape)})`);
  const lo = reduceKernel(ReduceOp.min, input, dims, p.keepdim), hi = reduceKernel(ReduceOp.max, input, dims, p.keepdim);
  recordNotImplemented('aminmax', [input], lo);
  recordNotImplemented('aminmax', [input], hi);
  return namedTuple<MinMax>('aminmax', ['min', 'max'], [lo, hi]);
}

/**
 * Sum treating NaN as zero.
 *
 * @see torch.nansum
 * @example
 * ```ts
 * const x = tg.tensor([[1, NaN], [2, 3]])
 * tg.nansum(x) // tensor(6.)
 * x.nansum(1) // tensor([1., 5.])
 * ```
 */
export function nansum(input: Tensor, dim?: number | number[] | SumOptions | null, keepdim?: boolean | SumOptions, dtype?: DType | null): Tensor {
  checkTensor('nansum', input);
  if (!isFloat(input.dtype)) return sum(input, dim, keepdim, dtype);
  const p = parseDims('nansum', input, dim, keepdim);
  const dt = (p.rest.dtype as DType | undefined) ?? dtype ?? undefined;
  const dims = p.dims ?? input.shape.map((_, i) => i);
  const out = noGradCompute(() => {
    const src = dt !== undefined && dt !== input.dtype ? to(input, dt) : input;
    return sum(src.where(src.eq(src), 0) as Tensor, dims, p.keepdim); // x.where(cond, y): x where cond holds
  });
  return record('nansum', [input], out, () => ({ self: input, dims, keepdim: p.keepdim }));
}

/**
 * Mean of the non-NaN elements (PyTorch's composite: nansum / count of non-NaN, so DivBackward0).
 *
 * @see torch.nanmean
 * @example
 * ```ts
 * const x = tg.tensor([[1, NaN], [2, 4]])
 * tg.nanmean(x) // tensor(2.3333)
 * x.nanmean(1) // tensor([1., 3.])
 * ```
 */
export function nanmean(input: Tensor, dim?: number | number[] | SumOptions | null, keepdim?: boolean | SumOptions, dtype?: DType | null): Tensor {
  checkTensor('nanmean', input);
  if (!isFloat(input.dtype) && (dtype === undefined || dtype === null)) throw typeError('nanmean', `expected input to have floating point dtype but got ${input.dtype}`);
  if (dtype !== undefined && dtype !== null && !isDType(dtype)) throw typeError('nanmean', `dtype must be a dtype name, got ${describe(dtype)}`);
  const p = parseDims('nanmean', input, dim, keepdim);
  const dims = p.dims ?? input.shape.map((_, i) => i);
  const count = sum(input.isnan().logicalNot(), dims, p.keepdim);
  return div(nansum(input, dims, p.keepdim, (p.rest.dtype as DType | undefined) ?? dtype), count);
}

/**
 * The number of non-zero elements (over dim(s), or all).
 *
 * @see torch.count_nonzero
 * @example
 * ```ts
 * const x = tg.tensor([[0, 1, 2], [0, 0, 3]])
 * tg.countNonzero(x).item() // => 3
 * x.countNonzero(0).tolist() // => [0, 1, 2]
 * ```
 */
export function countNonzero(input: Tensor, dim?: number | number[] | { dim?: number | number[] | null } | null): Tensor {
  checkTensor('countNonzero', input);
  const d = dim !== null && typeof dim === 'object' && !Array.isArray(dim) ? dim.dim : dim;
  return sum(input.ne(0), d === undefined || d === null ? undefined : d);
}

/** varMean/stdMean's result: [var or std, mean]. */
export type StatMean = [Tensor, Tensor];
function statMean(op: 'varMean' | 'stdMean', x: Tensor, dim: unknown, unbiased: unknown, keepdim: unknown, correctionArg: number | null | undefined): StatMean {
  checkTensor(op, x);
  if (!isFloat(x.dtype)) throw typeError(op, `expected a floating point tensor, got ${x.dtype}`);
  const p = parseDims(op, x, ...varArgs(dim, unbiased, keepdim));
  if (correctionArg !== undefined && correctionArg !== null) p.rest = { ...p.rest, correction: correctionArg };
  const correction = correctionOf(op, p.rest);
  const dims = p.dims ?? x.shape.map((_, i) => i);
  const n = dims.reduce((k, d) => k * x.shape[d], 1);
  const [stat, m] = noGradCompute(() => {
    const v = var_(x, { dim: dims, keepdim: p.keepdim, correction });
    return [op === 'varMean' ? v : sqrt(v), mean(x, dims, p.keepdim)];
  });
  return record(op, [x], [stat, m], () => ({ self: x, stat, dims, keepdim: p.keepdim, correction, n }));
}
/**
 * [var, mean] over dim(s) in one call (VarMeanBackward0), arguments as var.
 *
 * @see torch.var_mean
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2, 3], [4, 6, 8]])
 * const [v, m] = tg.varMean(x, 1)
 * v // tensor([1., 4.])
 * m // tensor([2., 6.])
 * ```
 */
export const varMean = (input: Tensor, dim?: number | number[] | VarOptions | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean, correction?: number | null): StatMean =>
  statMean('varMean', input, dim, unbiased, keepdim, correction);
/**
 * [std, mean] over dim(s) in one call (StdMeanBackward0), arguments as std.
 *
 * @see torch.std_mean
 * @example
 * ```ts
 * const [s, m] = tg.stdMean(tg.tensor([1, 2, 3, 4]))
 * s // tensor(1.2910)
 * m // tensor(2.5000)
 * ```
 */
export const stdMean = (input: Tensor, dim?: number | number[] | VarOptions | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean, correction?: number | null): StatMean =>
  statMean('stdMean', input, dim, unbiased, keepdim, correction);
