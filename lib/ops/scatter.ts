// The scatter family with PyTorch 1.13's semantics: scatter (src or value, optional legacy reduce),
// scatterAdd, scatterReduce (sum prod mean amax amin, includeSelf) and their in-place forms. Indices are
// checked before use (Note [Checked indices] in ops/indexing.ts).
import { Tensor, checkTensor } from '../tensor.js';
import type { Data } from '../storage.js';
import { outData } from '../storage.js';
import { isFloat } from '../dtype.js';
import { contiguousStrides, wrapDim } from '../shape.js';
import { typeError, rangeError, describe } from '../errors.js';
import { record, recordNotImplemented } from '../autograd/record.js';
import { native } from '../native.js';
import { wrap, clone } from './creation.js';
import { inplaceFrom } from './inplace.js';
import { gradMode } from '../autograd/record.js';
import { indexData, nativeIndexData, checkRange, nonEmpty, baseOffsets, copyOf, checkSameDtype, checkGatherShapes } from './gather.js';
import { noInt64 } from './int64.js';

export type ScatterReduce = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';
/** How a scattered value combines with the one there: replace, scatter's legacy reduce, or scatterReduce's. */
type Mode = 'set' | 'add' | 'multiply' | ScatterReduce;

/**
 * The scatter kernel: a copy of self with src's values (or `value`) at the positions index selects along
 * dim, combined by `mode`. With includeSelf false, the positions written start from the reduction's identity.
 */
function scatterKernel(op: string, self: Tensor, dim: number, index: Tensor, src: Tensor | number, mode: Mode, includeSelf = true): Tensor {
  checkTensor(op, self, 'input');
  const raw = nativeIndexData(op, index);
  const d = wrapDim(op, dim, self.ndim);
  if (src instanceof Tensor || typeof src !== 'number') checkSameDtype(op, self, src, 'src');
  checkGatherShapes(op, self.shape, index.shape, src instanceof Tensor ? src.shape : null, d);
  const xs = nonEmpty(self.shape);
  if (typeof src === 'number' && self.dtype === 'int64') {
    if (!Number.isFinite(src)) throw rangeError(op, `value ${src} cannot be converted to int64 without overflow`);
    // an int64 tensor takes a number as a src of its value truncated, as PyTorch casts it (the JS loop below
    // computes on numbers, which cannot hold every int64)
    const v = outData('int64', index.numel()) as BigInt64Array;
    v.fill(BigInt(Math.trunc(src)));
    src = wrap(v, index.shape.slice(), 'int64');
  }
  // (a number into an integer tensor stays in JS: a C++ cast of NaN or an out-of-range value is undefined)
  const viaNative = src instanceof Tensor ? self.dtype !== 'bool' : mode === 'set' && isFloat(self.dtype);
  if (viaNative) {
    // the native kernel checks every index as it goes (Note [Fused index checks] in native/cpu/index_kernels.cc),
    // with the same message as checkRange, and writes self's copy into o first (Note [Fused scatter copy]); on a
    // bad index it throws with `o` partly written, and `o` is dropped
    const o = outData(self.dtype, self.numel());
    const sT = src instanceof Tensor ? src : null;
    const code = NATIVE_MODE[mode] | (includeSelf || mode === 'set' ? 0 : kNoSelf);
    native.indexScatter(o, xs, d, raw, nonEmpty(index.shape), sT ? sT._data : null, sT ? nonEmpty(sT.shape) : null, sT ? 0 : (src as number), code, op, self._data);
    if (mode === 'mean') meanDivide(op, o, self, xs, d, raw, index, includeSelf);
    return wrap(o, self.shape.slice(), self.dtype);
  }
  const idx = indexData(op, index);
  checkRange(op, idx, xs[d], d);
  const st = contiguousStrides(xs), sd = st[d];
  const base = baseOffsets(nonEmpty(index.shape), st, d);
  const sBase = src instanceof Tensor ? baseOffsets(nonEmpty(index.shape), contiguousStrides(nonEmpty(src.shape)), -1) : null;
  const sd_ = src instanceof Tensor ? src._data : null, v = typeof src === 'number' ? src : 0;
  noInt64(op, self); // the reductions below compute on JS numbers
  const out = copyOf(self) as Float64Array, n = idx.length;
  const at = (i: number): number => base[i] + idx[i] * sd;
  const val = (i: number): number => (sd_ === null ? v : (sd_[(sBase as Int32Array)[i]] as number));
  if (mode === 'set') for (let i = 0; i < n; i++) out[at(i)] = val(i);
  else if (mode === 'add' || mode === 'sum' || mode === 'mean') {
    if (!includeSelf) for (let i = 0; i < n; i++) out[at(i)] = 0;
    for (let i = 0; i < n; i++) out[at(i)] += val(i);
    if (mode === 'mean') meanDivideJs(out, self.dtype, n, at, includeSelf);
  } else if (mode === 'multiply' || mode === 'prod') {
    if (!includeSelf) for (let i = 0; i < n; i++) out[at(i)] = 1;
    for (let i = 0; i < n; i++) out[at(i)] *= val(i);
  } else {
    const max = mode === 'amax';
    // the identity: ±Infinity does not fit an int32 or bool tensor (it would store 0)
    const lo = isFloat(self.dtype) ? -Infinity : self.dtype === 'int32' ? -2147483648 : 0;
    const hi = isFloat(self.dtype) ? Infinity : self.dtype === 'int32' ? 2147483647 : 1;
    if (!includeSelf) for (let i = 0; i < n; i++) out[at(i)] = max ? lo : hi;
    // NaN wins, as PyTorch's ReduceMaximum/ReduceMinimum: a NaN src replaces, a NaN already there stays.
    for (let i = 0; i < n; i++) {
      const p = at(i), s = val(i), c = out[p] as number;
      if (s !== s || (max ? s > c : s < c)) out[p] = s;
    }
  }
  if (self.dtype === 'bool') for (let i = 0; i < out.length; i++) out[i] = out[i] ? 1 : 0;
  return wrap(out, self.shape.slice(), self.dtype);
}

/** scatterReduce 'mean' in the JS loop (bool self): each written position divided by its count. */
function meanDivideJs(out: Data, dtype: Tensor['dtype'], n: number, at: (i: number) => number, includeSelf: boolean): void {
  const count = new Map<number, number>();
  for (let i = 0; i < n; i++) count.set(at(i), (count.get(at(i)) ?? (includeSelf ? 1 : 0)) + 1);
  const float = isFloat(dtype);
  for (const [p, c] of count) out[p] = float ? (out[p] as number) / c : Math.floor((out[p] as number) / c);
}

/** The native scatter kernel's mode codes (kernel_table.h: kScatterSet ... kScatterMin, kScatterNoSelf). */
const NATIVE_MODE: Record<Mode, number> = { set: 0, add: 1, sum: 1, mean: 1, multiply: 2, prod: 2, amax: 3, amin: 4 };
const kNoSelf = 8;

/**
 * scatterReduce 'mean' after the native sum: each position divided by its count (self's own value counting
 * once with includeSelf; a position nothing was written to, with none, divided by 1), floor division for
 * integer tensors, as PyTorch's. The counts are a native scatter-add of ones, in float64 (exact up to 2^53).
 */
function meanDivide(op: string, out: Data, self: Tensor, xs: number[], d: number, raw: Int32Array | BigInt64Array, index: Tensor, includeSelf: boolean): void {
  const n = out.length;
  const count = outData('float64', n) as Float64Array;
  count.fill(includeSelf ? 1 : 0);
  const ones = outData('float64', raw.length) as Float64Array;
  ones.fill(1);
  const is = nonEmpty(index.shape);
  native.indexScatter(count, xs, d, raw, is, ones, is, 0, NATIVE_MODE.add, op);
  if (out instanceof BigInt64Array) {
    for (let i = 0; i < n; i++) {
      const c = count[i];
      if (c <= 1) continue;
      const a = out[i], b = BigInt(c), q = a / b;
      out[i] = a % b !== 0n && a < 0n ? q - 1n : q; // floor, as PyTorch's div(rounding_mode='floor')
    }
  } else if (isFloat(self.dtype)) {
    for (let i = 0; i < n; i++) if (count[i] > 1) out[i] = (out[i] as number) / count[i];
  } else {
    for (let i = 0; i < n; i++) if (count[i] > 1) out[i] = Math.floor((out[i] as number) / count[i]);
  }
}

function isTensorArg(src: unknown): src is Tensor {
  return src instanceof Tensor;
}

/**
 * Writes `src` (or `value`) into `dim` at `index`, optionally reducing.
 *
 * self with src's values (or a number `value`) written at the positions index selects along dim:
 * out[index[i][j]][j] = src[i][j] for dim 0. `reduce` 'add' | 'multiply' combines with the value there instead
 * (PyTorch records no derivative for it: backward throws). Recorded as ScatterBackward0 (src) or
 * ScatterBackward1 (value). For a repeated index the last write wins (PyTorch leaves it unspecified).
 *
 * @see torch.scatter
 * @example
 * ```ts
 * const x = tg.zeros(3)
 * tg.scatter(x, 0, tg.tensor([2, 0], { dtype: 'int32' }), tg.tensor([5, 6])) // tensor([6., 0., 5.])
 * ```
 */
export function scatter(input: Tensor, dim: number, index: Tensor, src?: Tensor | number, reduce?: 'add' | 'multiply' | null, value?: number): Tensor {
  return scatterAs('scatter', input, dim, index, src, reduce, value);
}
function scatterAs(op: string, input: Tensor, dim: number, index: Tensor, src?: Tensor | number, reduce?: 'add' | 'multiply' | null, value?: number): Tensor {
  if (src !== undefined && src !== null && value !== undefined && value !== null) throw typeError(op, 'takes src or value, not both');
  const s = src ?? value;
  if (!isTensorArg(s) && typeof s !== 'number') throw typeError(op, `expected src to be a Tensor or value a number, got ${describe(s)}`);
  if (reduce !== undefined && reduce !== null && reduce !== 'add' && reduce !== 'multiply')
    throw typeError(op, `reduce argument must be either add or multiply, got ${describe(reduce)}`);
  const out = scatterKernel(op, input, dim, index, s, reduce ?? 'set');
  const d = wrapDim(op, dim, input.ndim);
  if (reduce) return recordNotImplemented('scatter', isTensorArg(s) ? [input, s] : [input], out);
  if (isTensorArg(s)) return record('scatter', [input, s], out, () => ({ dim: d, index, srcShape: s.shape }));
  return record('scatterValue', [input], out, () => ({ dim: d, index }));
}

/**
 * Adds `src` into `dim` at `index` (repeated indices accumulate).
 *
 * self with src's values added at the positions index selects along dim (repeated indices accumulate).
 * Recorded as ScatterAddBackward0.
 *
 * @see torch.scatter_add
 * @example
 * ```ts
 * const x = tg.zeros(3)
 * tg.scatterAdd(x, 0, tg.tensor([1, 1, 2], { dtype: 'int32' }), tg.tensor([1, 2, 3]))
 * // tensor([0., 3., 3.])
 * ```
 */
export function scatterAdd(input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatterAddAs('scatterAdd', input, dim, index, src);
}
function scatterAddAs(op: string, input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkTensor(op, input, 'input');
  checkSameDtype(op, input, src, 'src');
  const out = scatterKernel(op, input, dim, index, src, 'add');
  return record('scatterAdd', [input, src], out, () => ({ dim: wrapDim(op, dim, input.ndim), index, srcShape: src.shape }));
}

const REDUCES: readonly string[] = ['sum', 'prod', 'mean', 'amax', 'amin'];

/**
 * Reduces `src` into `dim` at `index` with 'sum', 'prod', 'mean', 'amax' or 'amin'.
 *
 * self with src's values reduced into the positions index selects along dim, by 'sum' | 'prod' | 'mean' |
 * 'amax' | 'amin'; includeSelf (default true) says whether self's value there takes part. Recorded as
 * ScatterReduceBackward0, with PyTorch's gradients (ties of amax/amin share the grad, zeros of prod exact).
 *
 * @see torch.scatter_reduce
 * @example
 * ```ts
 * const x = tg.zeros(2)
 * tg.scatterReduce(x, 0, tg.tensor([0, 0, 1], { dtype: 'int32' }), tg.tensor([1, 5, 3]), 'amax', { includeSelf: false })
 * // tensor([5., 3.])
 * ```
 */
export function scatterReduce(input: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, includeSelf: boolean | { includeSelf?: boolean } = true): Tensor {
  return scatterReduceAs('scatterReduce', input, dim, index, src, reduce, includeSelf);
}
function scatterReduceAs(op: string, input: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, includeSelf: boolean | { includeSelf?: boolean } = true): Tensor {
  const inc = typeof includeSelf === 'object' && includeSelf !== null ? includeSelf.includeSelf ?? true : includeSelf;
  if (typeof inc !== 'boolean') throw typeError(op, `includeSelf must be a boolean, got ${describe(inc)}`);
  if (!REDUCES.includes(reduce as string)) throw typeError(op, `reduce argument must be either sum, prod, mean, amax or amin, got ${describe(reduce)}`);
  checkTensor(op, input, 'input');
  checkSameDtype(op, input, src, 'src');
  const out = scatterKernel(op, input, dim, index, src, reduce, inc);
  const d = wrapDim(op, dim, input.ndim);
  return record('scatterReduce', [input, src], out, () => ({ self: input, src, index, dim: d, reduce, includeSelf: inc, result: out }));
}

/** A copy of x to save for backward when the in-place op's formula reads self (inplace.ts's selfForSave). */
function saveable(x: Tensor): Tensor {
  return gradMode.enabled && x.requiresGrad ? clone(x) : x;
}

/** In-place scatter. @example x.scatter_(1, idx, src) */
export function scatter_<T extends Tensor>(x: T, dim: number, index: Tensor, src?: Tensor | number, reduce?: 'add' | 'multiply' | null, value?: number): T {
  return inplaceFrom('scatter_', x, () => scatterAs('scatter_', x, dim, index, src, reduce, value));
}
/** In-place scatterAdd. @example x.scatterAdd_(0, idx, src) */
export function scatterAdd_<T extends Tensor>(x: T, dim: number, index: Tensor, src: Tensor): T {
  return inplaceFrom('scatterAdd_', x, () => scatterAddAs('scatterAdd_', x, dim, index, src));
}
/** In-place scatterReduce. @example x.scatterReduce_(0, idx, src, 'amax') */
export function scatterReduce_<T extends Tensor>(x: T, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, includeSelf: boolean | { includeSelf?: boolean } = true): T {
  return inplaceFrom('scatterReduce_', x, () => scatterReduceAs('scatterReduce_', saveable(x), dim, index, src, reduce, includeSelf));
}
