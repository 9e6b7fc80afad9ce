// Indexing in the style of libtorch's C++ API (API.md "Views and indexing"): x.index(entries) is Python's
// x[entries], x.indexPut_(indices, values) is x[indices] = values, tg.slice(start, stop, step) is a slice entry.
// See Note [Indexing as PyTorch does it].
import { Tensor, checkTensor } from '../tensor.js';
import { outData } from '../storage.js';
import { contiguousStrides, numelOf } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { wrap } from './creation.js';
import { indexValues, fillRange } from './int64.js';
import { native } from '../native.js';
import { copyOf } from './gather.js';
import { select, unsqueeze, slice as sliceOp, aliasOf, expand, reshape } from './shape.js';
import { inplaceFrom, fill_, copy_, checkTarget } from './inplace.js';

/**
 * Note [Indexing as PyTorch does it]: x.index(entries) follows PyTorch 1.13's __getitem__
 * (torch/csrc/autograd/python_variable_indexing.cpp and ATen's TensorIndexing.h):
 *   1. basic entries are applied left to right as view ops on the running result: an integer selects
 *      (SelectBackward0), a slice slices (SliceBackward0), null inserts a dim (UnsqueezeBackward0), '...'
 *      skips the dims no entry names, a JS boolean inserts a dim that an index tensor [0] (true) or [] (false)
 *      then indexes; a 0-d int32 tensor is an integer and a 0-d bool tensor a boolean;
 *   2. the remaining entries (integer arrays and int32 tensors, one dim each; masks, which stand for their
 *      nonzero() indices and cover as many dims as they have) are broadcast together and gathered by one
 *      IndexBackward0 node. Their dims of the result go where the indexed dims were when those are adjacent
 *      and first otherwise; "adjacent" is judged after the integers were selected away, as in PyTorch
 *      (x[0, :, [0, 1]] has shape [3, 2] for x of shape [2, 3, 4], where NumPy gives [2, 3]);
 *   3. a result that is x itself (no entry, or only '...') is an alias (AliasBackward0).
 * Every '...' skips as many dims as no entry names, as in PyTorch, which accepts several (NumPy allows one).
 * One deliberate difference: PyTorch 1.13 counts a k-d mask as one dim when placing the entries after it, so
 * x[mask2d, 0] selects the wrong dim (or fails with a mask-shape error); here a k-d mask covers k dims, as in
 * NumPy and later PyTorch. A single entry that is not an array is Python's x[e] (its fast paths: x[:] is a
 * SliceBackward0 even when it keeps every element); an array is Python's tuple x[e0, e1, ...], where a slice
 * that provably keeps a whole dim (start 0, stop the size, step 1) is skipped, as PyTorch's applySlice does.
 */

/** A slice entry for x.index: Python's start:stop:step (`null` bounds are omitted ones). */
export class Slice {
  constructor(
    readonly start: number | null,
    readonly stop: number | null,
    readonly step: number | null,
  ) {}
  toString(): string {
    const f = (v: number | null) => (v === null ? '' : String(v));
    return `slice(${f(this.start)}:${f(this.stop)}${this.step === null ? '' : `:${this.step}`})`;
  }
}

/**
 * A slice entry for `x.index(...)` and `x.indexPut_(...)`: Python's `start:stop:step`.
 *
 * The index entry start:stop:step (Python's slice, libtorch's torch::indexing::Slice): `tg.slice()` is `:`,
 * `tg.slice(1)` is `1:`, `tg.slice(null, -1)` is `:-1`, `tg.slice(null, null, 2)` is `::2`.
 *
 * @see torch.slice
 * @example
 * ```ts
 * const x = tg.tensor([0, 1, 2, 3, 4, 5])
 * x.index(tg.slice(1, null, 2)) // tensor([1., 3., 5.])
 * ```
 */
export function slice(start: number | null = null, stop: number | null = null, step: number | null = null): Slice {
  for (const [name, v] of [['start', start], ['stop', stop], ['step', step]] as const)
    if (v !== null && v !== undefined && (typeof v !== 'number' || !Number.isInteger(v)))
      throw typeError('slice', `${name} must be an integer or null, got ${describe(v)}`);
  return new Slice(start ?? null, stop ?? null, step ?? null);
}

/** A nested array of numbers or booleans (an index array or mask). */
export type IndexArray = readonly (number | boolean | IndexArray)[];
/** One entry of x.index([...]): see API.md. */
export type IndexEntry = number | boolean | null | '...' | Slice | Tensor | IndexArray;

/**
 * An advanced index: int values (not yet bounds-checked) and their shape. It indexes `span` consecutive dims
 * at once, its values being positions within them in row-major order: 1 for an index array, the mask's rank
 * for a mask (its true elements' positions, which stand for its nonzero() indices of every dim).
 */
interface IntIndex {
  readonly data: Int32Array | BigInt64Array; // an index tensor's own storage, at its width (Note [Index widths])
  readonly shape: readonly number[];
  readonly span: number;
}
/** Marks the dims after a mask's first that the mask also indexes. */
const COVERED: IntIndex = { data: new Int32Array(0), shape: [], span: 0 };

/** A nested JS array as data + shape; booleans make a mask, numbers integers (an empty array is integers). */
function parseArray(op: string, a: IndexArray): { data: number[]; shape: number[]; bool: boolean } {
  const shape: number[] = [];
  for (let cur: unknown = a; Array.isArray(cur); cur = cur[0]) {
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  const data: number[] = [];
  let kind: 'number' | 'boolean' | null = null;
  const walk = (v: unknown, depth: number): void => {
    if (depth < shape.length) {
      if (!Array.isArray(v) || v.length !== shape[depth]) throw typeError(op, `an index array must be rectangular (nested arrays of equal lengths), got ${describe(a)}`);
      for (const e of v) walk(e, depth + 1);
      return;
    }
    const k = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' && Number.isInteger(v) ? 'number' : null;
    if (k === null || (kind !== null && k !== kind))
      throw typeError(op, `an index array must hold only integers or only booleans, got ${describe(v)} in ${describe(a)}`);
    kind = k;
    data.push(Number(v));
  };
  walk(a, 0);
  return { data, shape, bool: kind === 'boolean' };
}

type Parsed =
  | { kind: 'int'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'slice'; s: Slice }
  | { kind: 'ints'; index: IntIndex }
  | { kind: 'mask'; data: Uint8Array; shape: readonly number[] };

const ENTRY_KINDS = "an integer, tg.slice(...), null, '...', a boolean, an integer or boolean array, or an int32 or bool tensor";

function parseEntry(op: string, e: unknown): Parsed {
  if (typeof e === 'number') {
    if (!Number.isInteger(e)) throw typeError(op, `an integer index must be an integer, got ${e}`);
    return { kind: 'int', value: e };
  }
  if (typeof e === 'boolean') return { kind: 'bool', value: e };
  if (e === null) return { kind: 'none' };
  if (e === '...') return { kind: 'ellipsis' };
  if (e instanceof Slice) return { kind: 'slice', s: e };
  if (e instanceof Tensor) {
    checkTensor(op, e);
    if (e.dtype !== 'int64' && e.dtype !== 'int32' && e.dtype !== 'bool')
      throw typeError(op, `tensors used as indices must be long, int or bool tensors, got a ${e.dtype} tensor of shape ${fmtShape(e.shape)}`);
    const data = e.dtype === 'bool' ? e._data : indexValues(op, e);
    if (e.ndim === 0) {
      if (e.dtype === 'bool') return { kind: 'bool', value: data[0] !== 0 };
      const v = data[0] as number | bigint;
      // a 0-d int64 index beyond 2^53 is out of range of any dim: keep it out of range as a number
      return { kind: 'int', value: typeof v === 'bigint' ? (v > 2n ** 53n || v < -(2n ** 53n) ? Number.MAX_SAFE_INTEGER * Math.sign(Number(v)) : Number(v)) : v };
    }
    return e.dtype === 'bool' ? { kind: 'mask', data: data as Uint8Array, shape: e.shape } : { kind: 'ints', index: { data: data as Int32Array | BigInt64Array, shape: e.shape, span: 1 } };
  }
  if (Array.isArray(e)) {
    const p = parseArray(op, e as IndexArray);
    return p.bool ? { kind: 'mask', data: Uint8Array.from(p.data), shape: p.shape } : { kind: 'ints', index: { data: Int32Array.from(p.data), shape: p.shape, span: 1 } };
  }
  throw typeError(op, `an index must be ${ENTRY_KINDS}; got ${describe(e)}`);
}

/** PyTorch's applySelect: integer index i along dim of the running result (origDim names it in errors). */
function applySelect(op: string, x: Tensor, dim: number, i: number, origDim: number): Tensor {
  if (x.ndim === 0) throw rangeError(op, 'invalid index of a 0-dim tensor. Use `tensor.item()` to convert a 0-dim tensor to a number');
  const size = x.shape[dim];
  if (i < -size || i >= size) throw rangeError(op, `index ${i} is out of bounds for dimension ${origDim} with size ${size}`);
  return select(x, dim, i);
}

/** PyTorch's applySlice (the whole-dim shortcut only when `optimize`, i.e. inside a tuple). */
function applySlice(op: string, x: Tensor, dim: number, s: Slice, optimize: boolean): Tensor {
  const step = s.step ?? 1;
  if (step <= 0) throw rangeError(op, step === 0 ? 'slice step cannot be zero' : `step must be greater than zero, got ${step} (negative steps are not supported, as in PyTorch)`);
  if (optimize && (s.start ?? 0) === 0 && s.stop === x.shape[dim] && step === 1) return x;
  return sliceOp(x, dim, s.start, s.stop, step);
}

/** A mask as one index over its dims: the row-major positions of its true elements. */
function maskIndex(data: Uint8Array, shape: readonly number[]): IntIndex {
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) count++;
  const at = new Int32Array(count);
  for (let i = 0, n = 0; i < data.length; i++) if (data[i] !== 0) at[n++] = i;
  return { data: at, shape: [count], span: shape.length };
}

/** Basic entries applied as view ops, and the advanced indices left (per dim of the result; holes undefined). */
function applySlicing(op: string, x: Tensor, entries: readonly unknown[]): { result: Tensor; indices: (IntIndex | undefined)[] } {
  const parsed = entries.map((e) => parseEntry(op, e));
  let specified = 0;
  for (const p of parsed) {
    if (p.kind === 'int' || p.kind === 'slice' || p.kind === 'ints') specified++;
    else if (p.kind === 'mask') specified += p.shape.length;
  }
  if (specified > x.ndim) throw rangeError(op, `too many indices for tensor of dimension ${x.ndim} (got ${specified}, tensor of shape ${fmtShape(x.shape)})`);
  let result = x;
  let dim = 0, origDim = 0;
  const indices: (IntIndex | undefined)[] = [];
  const put = (at: number, ix: IntIndex) => {
    while (indices.length < at) indices.push(undefined);
    indices[at] = ix;
    for (let d = 1; d < ix.span; d++) indices[at + d] = COVERED;
  };
  // Several '...' can push the running dim past the end (PyTorch accepts them, and fails late).
  const need = (n: number) => {
    if (dim + n > result.ndim) throw rangeError(op, `too many indices for tensor of dimension ${x.ndim} (the entries after '...' name dims past the last; tensor of shape ${fmtShape(x.shape)})`);
  };
  for (const p of parsed) {
    need(p.kind === 'int' || p.kind === 'slice' || p.kind === 'ints' ? 1 : p.kind === 'mask' ? p.shape.length : 0);
    switch (p.kind) {
      case 'int':
        result = applySelect(op, result, dim, p.value, origDim++);
        break;
      case 'slice':
        result = applySlice(op, result, dim++, p.s, true);
        origDim++;
        break;
      case 'none':
        result = unsqueeze(result, dim++);
        break;
      case 'ellipsis':
        dim += x.ndim - specified;
        origDim += x.ndim - specified;
        break;
      case 'bool':
        result = unsqueeze(result, dim);
        put(dim++, { data: new Int32Array(p.value ? 1 : 0), shape: [p.value ? 1 : 0], span: 1 });
        break;
      case 'ints':
        put(dim++, p.index);
        origDim++;
        break;
      case 'mask': {
        p.shape.forEach((n, j) => {
          if (n !== result.shape[dim + j])
            throw rangeError(op, `the shape of the mask ${fmtShape(p.shape)} at index ${j} does not match the shape of the indexed tensor ${fmtShape(result.shape)} at index ${dim + j} (dimension ${origDim + j} of size ${result.shape[dim + j]})`);
        });
        put(dim, maskIndex(p.data, p.shape));
        dim += p.shape.length;
        origDim += p.shape.length;
        break;
      }
    }
  }
  return { result, indices };
}

/**
 * Where the elements of an indexing result sit in its (contiguous) source: element i * run + c of the result
 * (row-major over `shape`) is element starts[i] + c of the source. `run` is the number of trailing result
 * elements that are consecutive in the source (the trailing dims no index names), so gathers and scatters
 * copy whole runs; 1 when nothing is known.
 */
export interface Plan {
  readonly starts: Int32Array;
  readonly run: number;
  readonly shape: readonly number[];
}

/**
 * Where the elements that the advanced indices pick from a contiguous tensor of `shape` sit (PyTorch's rules
 * for where their dims go: Note [Indexing as PyTorch does it]), as the native passes' arguments; the pass that
 * reads the indices checks every one.
 */
function advancedSpec(op: string, shape: readonly number[], indices: readonly (IntIndex | undefined)[]): AdvSpec {
  const ks: number[] = [];
  indices.forEach((ix, k) => ix !== undefined && ix.span > 0 && ks.push(k));
  // Broadcast the index shapes together.
  const nb = Math.max(...ks.map((k) => indices[k]!.shape.length));
  const b = new Array<number>(nb).fill(1);
  for (const k of ks) {
    const s = indices[k]!.shape;
    for (let i = 0; i < s.length; i++) {
      const at = nb - s.length + i;
      if (s[i] !== b[at] && s[i] !== 1 && b[at] !== 1)
        throw rangeError(op, `shape mismatch: indexing tensors could not be broadcast together with shapes ${ks.map((q) => fmtShape(indices[q]!.shape)).join(', ')}`);
      if (s[i] !== 1) b[at] = s[i];
    }
  }
  const nB = numelOf(b);
  const st = contiguousStrides(shape);
  // A mask's positions run over its dims as one (they are contiguous in the source).
  const sizes = ks.map((k) => numelOf(shape.slice(k, k + indices[k]!.span)));
  const strides = ks.map((k) => st[k + indices[k]!.span - 1]);
  const adjacent = ks.every((k, i) => i === 0 || k === ks[i - 1] + indices[ks[i - 1]]!.span);
  const rest = shape.map((_, d) => d).filter((d) => indices[d] === undefined);
  const before = adjacent ? rest.filter((d) => d < ks[0]) : [];
  const after = adjacent ? rest.filter((d) => d > ks[0]) : rest;
  // The trailing dims of `after` that end the source's dims are one contiguous run.
  let cut = after.length;
  while (cut > 0 && after[cut - 1] === shape.length - (after.length - cut + 1)) cut--;
  const run = numelOf(after.slice(cut).map((d) => shape[d]));
  const offsets = (dims: number[]): Float64Array => {
    let o = new Float64Array([0]);
    for (const d of dims) {
      const n = shape[d], sd = st[d];
      const next = new Float64Array(o.length * n);
      for (let a = 0; a < o.length; a++) for (let i = 0; i < n; i++) next[a * n + i] = o[a] + i * sd;
      o = next;
    }
    return o;
  };
  const ob = offsets(before), oa = run === 0 ? new Float64Array(0) : offsets(after.slice(0, cut));
  const outShape = [...before.map((d) => shape[d]), ...b, ...after.map((d) => shape[d])];
  const args: AdvSpec['args'] = [ks.map((k) => indices[k]!.data), ks.map((k) => indices[k]!.shape.slice()), ks, sizes, strides, b, ob, oa, op];
  return { args, count: ob.length * nB * oa.length, run: run === 0 ? 1 : run, shape: outShape };
}

/** An advanced-indexing plan before its starts: indexOffsets' arguments but `out`, and what the starts describe. */
interface AdvSpec {
  readonly args: [(Int32Array | BigInt64Array)[], number[][], number[], number[], number[], number[], Float64Array, Float64Array, string];
  readonly count: number;
  readonly run: number;
  readonly shape: readonly number[];
}

/**
 * The plan of the elements that the advanced indices pick from a contiguous tensor of `shape`: the native pass
 * checks every index (as PyTorch, even when the result is empty), wraps negative ones and writes the starts
 * (Note [Advanced index runs] in native/cpu/index_kernels.cc).
 */
function planOf(spec: AdvSpec): Plan {
  const starts = outData('int32', spec.count) as Int32Array;
  native.indexOffsets(...spec.args, starts);
  return { starts, run: spec.run, shape: spec.shape };
}

function advancedPlan(op: string, shape: readonly number[], indices: readonly (IntIndex | undefined)[]): Plan {
  return planOf(advancedSpec(op, shape, indices));
}

/** x.index(...)'s IndexBackward0 node: the picked runs copied in one native pass without the starts, which are
 * built only when autograd saves the plan (Note [Advanced index blocks] in native/cpu/index_kernels.cc). */
function takeAdvanced(x: Tensor, spec: AdvSpec): Tensor {
  const data = outData(x.dtype, spec.count * spec.run);
  native.indexTake(...spec.args, x._data, spec.run, data);
  const out = wrap(data, spec.shape.slice(), x.dtype);
  return record('index', [x], out, () => ({ shape: x.shape, plan: planOf(spec) }));
}

/** x's elements at the plan's positions (the result has the plan's shape): the IndexBackward0 node. */
export function takeLinear(x: Tensor, plan: Plan): Tensor {
  const { starts, run } = plan;
  const data = outData(x.dtype, starts.length * run);
  // the runs in one native pass split over the threads (it checks every start against x's length)
  if (data.length > 0) native.indexRuns(0, x._data, starts, run, data, 'index');
  const out = wrap(data, plan.shape.slice(), x.dtype);
  return record('index', [x], out, () => ({ shape: x.shape, plan }));
}

/** A copy of x with `values` (broadcast to the plan's shape) written, or added with `accumulate`, at the plan's
 * positions: the IndexPutBackward0 node. Without accumulate a repeated position keeps the last value written. */
export function putLinear(x: Tensor, plan: Plan, values: Tensor | number, accumulate: boolean): Tensor {
  const data = copyOf(x) as Float64Array; // int64 values are bigints: no arithmetic mixes them with numbers below
  const { starts, run } = plan;
  const m = starts.length;
  const bool = x.dtype === 'bool';
  if (values instanceof Tensor) {
    const same = values.shape.length === plan.shape.length && values.shape.every((d, i) => d === plan.shape[i]);
    const v = (same ? values : noGrad(() => expand(values, plan.shape.slice())))._data;
    // one native pass on one thread: repeated positions take their writes in index order (Note [Advanced index runs])
    if (m > 0) native.indexRuns(accumulate ? 2 : 1, data, starts, run, v, 'indexPut');
  } else {
    const v = bool ? (values ? 1 : 0) : values;
    if (!accumulate) for (let i = 0; i < m; i++) fillRange(data, v, starts[i], starts[i] + run);
    else if (data instanceof BigInt64Array) {
      // a number into int64: truncated as PyTorch casts a Scalar, then exact bigint sums (wrapping as int64)
      if (!Number.isFinite(v)) throw rangeError('indexPut', `value ${v} cannot be converted to int64 without overflow`);
      const b = BigInt(Math.trunc(v as number));
      const big = data as BigInt64Array;
      for (let i = 0; i < m; i++) for (let c = 0, p = starts[i]; c < run; c++, p++) big[p] += b;
    } else
      for (let i = 0; i < m; i++)
        for (let c = 0, p = starts[i]; c < run; c++, p++) data[p] = bool ? (data[p] || v ? 1 : 0) : data[p] + v;
  }
  const out = wrap(data, x.shape.slice(), x.dtype);
  return record('indexPut', [x, values instanceof Tensor ? values : null], out, () => ({ plan, accumulate }));
}

function asEntries(indices: unknown): readonly unknown[] | null {
  return Array.isArray(indices) ? indices : null;
}

/** x indexed by `entries` (one entry, or an array of them), with `op` naming errors. */
function indexWith(op: string, x: Tensor, indices: unknown): Tensor {
  const list = asEntries(indices);
  if (list === null) {
    // Python's x[e] for a single non-tuple e, with its fast paths.
    if (indices === null) return unsqueeze(x, 0);
    if (indices === '...') return aliasOf(x);
    if (typeof indices === 'number' && Number.isInteger(indices)) return applySelect(op, x, 0, indices, 0);
    if (indices instanceof Slice) {
      if (x.ndim === 0) throw rangeError(op, 'invalid index of a 0-dim tensor: a slice needs at least one dim');
      return applySlice(op, x, 0, indices, false);
    }
    return indexWith(op, x, [indices]);
  }
  const { result, indices: adv } = applySlicing(op, x, list);
  if (!adv.some((ix) => ix !== undefined)) return result === x ? aliasOf(x) : result;
  return takeAdvanced(result, advancedSpec(op, result.shape, adv));
}

/**
 * Python's x[indices]: `indices` is one entry or an array of entries (an integer, tg.slice(...), null for a
 * new axis, '...', an integer array or int32 tensor, a boolean array or bool tensor as a mask, or a JS
 * boolean). Basic entries give what select/slice/unsqueeze give; integer arrays, tensors and masks gather a
 * copy (IndexBackward0). See Note [Indexing as PyTorch does it].
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
 * x.index([tg.slice(), 0]) // tensor([1., 4., 7.])
 * x.index([[0, 2], tg.slice(1)]) // tensor([[2., 3.], [8., 9.]])
 * x.index(x.gt(7)) // tensor([8., 9.])
 * ```
 */
export function index(x: Tensor, indices: IndexEntry | readonly IndexEntry[]): Tensor {
  checkTensor('index', x);
  if (indices === undefined) throw typeError('index', `expected an index entry or an array of entries (${ENTRY_KINDS}), got undefined`);
  return indexWith('index', x, indices);
}

/** The plan of the elements of x that x.index(indices) picks. */
function positionsOf(op: string, x: Tensor, indices: unknown): Plan {
  const list = asEntries(indices);
  if (list !== null && list.length > 0 && list.every(isAdvanced)) {
    // Only index arrays, int32 tensors and masks (PyTorch's index_put_ form): no view op runs, so the positions
    // come straight from the indices, without numbering every element of x.
    return advancedPlan(op, x.shape, applySlicing(op, x, list).indices);
  }
  const n = x.numel();
  const ids = outData('int32', n);
  for (let i = 0; i < n; i++) ids[i] = i;
  const picked = noGrad(() => indexWith(op, wrap(ids, x.shape.slice(), 'int32'), indices));
  return { starts: picked._data as Int32Array, run: 1, shape: picked.shape.slice() };
}

/** An entry that x.index gathers by (an index array or mask, an int32 or bool tensor of at least one dim). */
function isAdvanced(e: unknown): boolean {
  return Array.isArray(e) || (e instanceof Tensor && e.ndim > 0);
}

function checkValues(op: string, x: Tensor, values: unknown, shape: readonly number[]): Tensor | number {
  if (typeof values === 'number' || typeof values === 'boolean') return Number(values);
  checkTensor(op, values, 'values');
  if (values.dtype !== x.dtype)
    throw typeError(op, `index put requires the source and destination dtypes match, got ${x.dtype} for the destination and ${values.dtype} for the source`);
  // Leading size-1 dims past the result's rank are dropped (PyTorch's setitem does the same).
  let s = values.shape;
  while (s.length > shape.length && s[0] === 1) s = s.slice(1);
  const off = shape.length - s.length;
  if (off < 0 || s.some((d, i) => d !== 1 && d !== shape[off + i]))
    throw rangeError(op, `shape mismatch: value tensor of shape ${fmtShape(values.shape)} cannot be broadcast to indexing result of shape ${fmtShape(shape)}`);
  return s.length === values.shape.length ? values : reshape(values, s);
}

function indexPutImpl(op: string, x: Tensor, indices: unknown, values: unknown, accumulate: unknown): Tensor {
  checkTensor(op, x);
  if (accumulate !== undefined && accumulate !== null && typeof accumulate !== 'boolean') throw typeError(op, `accumulate must be a boolean, got ${describe(accumulate)}`);
  if (indices === undefined) throw typeError(op, `expected an array of indices (int32 tensors, integer arrays or masks, or any x.index entries), got undefined`);
  const plan = positionsOf(op, x, indices);
  const v = checkValues(op, x, values, plan.shape);
  return putLinear(x, plan, v, accumulate === true);
}

/**
 * Out-of-place `x[indices] = values` (accumulating with `accumulate`).
 *
 * x with `values` written at x.index(indices) (PyTorch's index_put; indices as for x.index, so
 * `x.indexPut([tg.slice(), 0], 0)` is `x[:, 0] = 0` on a copy). `values` (a tensor of x's dtype or a number)
 * is broadcast to the indexed shape. With `accumulate` values at repeated positions are summed; without it a
 * repeated position keeps the value that comes last in the index order (as PyTorch's CPU kernel).
 * The node is IndexPutBackward0 for every kind of entry (PyTorch shows CopySlices where the entries include
 * basic ones, since it writes into a view there).
 *
 * @see torch.index_put
 * @example
 * ```ts
 * const x = tg.zeros(4)
 * tg.indexPut(x, [tg.tensor([0, 2], { dtype: 'int32' })], tg.tensor(5)) // tensor([5., 0., 5., 0.])
 * ```
 */
export function indexPut(x: Tensor, indices: IndexEntry | readonly IndexEntry[], values: Tensor | number | boolean, accumulate = false): Tensor {
  return indexPutImpl('indexPut', x, indices, values, accumulate);
}

/**
 * In-place `x[indices] = values`.
 *
 * In-place indexPut: x[indices] = values (or += with accumulate). Returns x. Entries that are all basic
 * (integers, slices, null, '...') name a view of x, and the write is a copy into it, as PyTorch's
 * __setitem__ does (so autograd records CopySlices on x, as there).
 *
 * @see torch.index_put_
 * @example
 * ```ts
 * const x = tg.zeros(4)
 * tg.indexPut_(x, [tg.tensor([1], { dtype: 'int32' })], 7) // tensor([0., 7., 0., 0.])
 * ```
 */
export function indexPut_<T extends Tensor>(x: T, indices: IndexEntry | readonly IndexEntry[], values: Tensor | number | boolean, accumulate = false): T {
  const list = Array.isArray(indices) ? indices : [indices];
  const basic = (e: unknown) => (typeof e === 'number' && Number.isInteger(e)) || e === null || e === '...' || e instanceof Slice;
  if (!accumulate && list.every(basic) && (typeof values === 'number' || typeof values === 'boolean' || (values instanceof Tensor && values.dtype === x.dtype))) {
    checkTensor('indexPut_', x);
    const region = indexWith('indexPut_', x, list); // errors name indexPut_, not index
    checkTarget('indexPut_', region);
    if (typeof values === 'number' || typeof values === 'boolean') fill_(region, values);
    else {
      if (!broadcastsTo(values.shape, region.shape))
        throw rangeError('indexPut_', `shape mismatch: value tensor of shape ${fmtShape(values.shape)} cannot be broadcast to indexing result of shape ${fmtShape(region.shape)}`);
      copy_(region, values);
    }
    return x;
  }
  return inplaceFrom('indexPut_', x, () => indexPutImpl('indexPut_', x, indices, values, accumulate));
}

/** Whether `from` broadcasts to `to` (expand's rule). */
function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  const off = to.length - from.length;
  return off >= 0 && from.every((d, i) => d === 1 || d === to[off + i]);
}
