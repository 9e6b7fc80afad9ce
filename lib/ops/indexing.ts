// Indexing in the style of libtorch's C++ API (API.md "Views and indexing"): x.index(entries) is Python's
// x[entries], x.indexPut_(indices, values) is x[indices] = values, tg.slice(start, stop, step) is a slice entry.
// See Note [Indexing as PyTorch does it].
import { Tensor, checkTensor } from '../tensor.js';
import { outData } from '../storage.js';
import { contiguousStrides, numelOf } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { wrap } from './creation.js';
import { select, unsqueeze, slice as sliceOp, aliasOf, expand, reshape } from './shape.js';
import { inplaceFrom } from './inplace.js';

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
 * The index entry start:stop:step (Python's slice, libtorch's torch::indexing::Slice): `tg.slice()` is `:`,
 * `tg.slice(1)` is `1:`, `tg.slice(null, -1)` is `:-1`, `tg.slice(null, null, 2)` is `::2`.
 * @example x.index([tg.slice(), 0])  // x[:, 0]
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

/** An advanced index for one dim: int values (not yet bounds-checked) and their shape. */
interface IntIndex {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
}

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
  | { kind: 'mask'; data: ArrayLike<number>; shape: readonly number[] };

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
    if (e.dtype !== 'int32' && e.dtype !== 'bool')
      throw typeError(op, `tensors used as indices must be int32 or bool tensors, got a ${e.dtype} tensor of shape ${fmtShape(e.shape)}`);
    const data = e._data;
    if (e.ndim === 0) return e.dtype === 'bool' ? { kind: 'bool', value: data[0] !== 0 } : { kind: 'int', value: data[0] };
    return e.dtype === 'bool' ? { kind: 'mask', data, shape: e.shape } : { kind: 'ints', index: { data, shape: e.shape } };
  }
  if (Array.isArray(e)) {
    const p = parseArray(op, e as IndexArray);
    return p.bool ? { kind: 'mask', data: p.data, shape: p.shape } : { kind: 'ints', index: { data: p.data, shape: p.shape } };
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

/** The integer positions of a mask's true elements, one index per mask dim (nonzero(as_tuple=True)). */
function maskIndices(data: ArrayLike<number>, shape: readonly number[]): IntIndex[] {
  const k = shape.length;
  const st = contiguousStrides(shape);
  const cols: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0) continue;
    let r = i;
    for (let d = 0; d < k; d++) {
      cols[d].push(Math.floor(r / st[d]));
      r %= st[d];
    }
  }
  return cols.map((c) => ({ data: c, shape: [c.length] }));
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
  };
  for (const p of parsed) {
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
        put(dim++, { data: p.value ? [0] : [], shape: [p.value ? 1 : 0] });
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
        for (const ix of maskIndices(p.data, p.shape)) put(dim++, ix);
        origDim += p.shape.length;
        break;
      }
    }
  }
  return { result, indices };
}

/**
 * The linear positions, within a contiguous tensor of `shape`, of the elements that the advanced indices
 * pick (PyTorch's index rules for where their dims go: Note [Indexing as PyTorch does it]), with the
 * result's shape. Every index is bounds-checked before use.
 */
function advancedPositions(op: string, shape: readonly number[], indices: readonly (IntIndex | undefined)[]): { pos: Int32Array; shape: number[] } {
  const ks: number[] = [];
  indices.forEach((ix, k) => ix !== undefined && ks.push(k));
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
  // offB[j]: the offset the advanced indices contribute to broadcast position j.
  const offB = new Float64Array(nB);
  const bst = contiguousStrides(b);
  for (const k of ks) {
    const { data, shape: s } = indices[k]!;
    const size = shape[k];
    // Strides of this index within the broadcast shape (0 along broadcast dims).
    const ist = contiguousStrides(s);
    const src = b.map((n, at) => {
      const i = at - (nb - s.length);
      return i < 0 || s[i] === 1 ? 0 : ist[i];
    });
    for (let j = 0; j < nB; j++) {
      let r = j, o = 0;
      for (let d = 0; d < nb; d++) {
        o += Math.floor(r / bst[d]) * src[d];
        r %= bst[d];
      }
      const v = data[o];
      if (v < -size || v >= size) throw rangeError(op, `index ${v} is out of bounds for dimension ${k} with size ${size}`);
      offB[j] += (v < 0 ? v + size : v) * st[k];
    }
  }
  const adjacent = ks.every((k, i) => i === 0 || k === ks[i - 1] + 1);
  const rest = shape.map((_, d) => d).filter((d) => !ks.includes(d));
  const before = adjacent ? rest.filter((d) => d < ks[0]) : [];
  const after = adjacent ? rest.filter((d) => d > ks[0]) : rest;
  const offsets = (dims: number[]): number[] => {
    let o = [0];
    for (const d of dims) {
      const next: number[] = [];
      for (const base of o) for (let i = 0; i < shape[d]; i++) next.push(base + i * st[d]);
      o = next;
    }
    return o;
  };
  const ob = offsets(before), oa = offsets(after);
  const outShape = [...before.map((d) => shape[d]), ...b, ...after.map((d) => shape[d])];
  const pos = new Int32Array(numelOf(outShape));
  let n = 0;
  for (const x of ob) for (let j = 0; j < nB; j++) for (const y of oa) pos[n++] = x + offB[j] + y;
  return { pos, shape: outShape };
}

/** x's elements at linear positions `pos` (an int32 tensor; the result has its shape): the IndexBackward0 node. */
export function takeLinear(x: Tensor, pos: Tensor): Tensor {
  const src = x._data, p = pos._data;
  const n = p.length;
  const data = outData(x.dtype, n);
  for (let i = 0; i < n; i++) data[i] = src[p[i]];
  const out = wrap(data, pos.shape.slice(), x.dtype);
  return record('index', [x], out, () => ({ shape: x.shape, pos }));
}

/** A copy of x with `values` (broadcast to pos's shape) written, or added with `accumulate`, at positions
 * `pos`: the IndexPutBackward0 node. Without accumulate a repeated position keeps the last value written. */
export function putLinear(x: Tensor, pos: Tensor, values: Tensor | number, accumulate: boolean): Tensor {
  const data = outData(x.dtype, x.numel());
  data.set(x._data as never);
  const p = pos._data;
  const n = p.length;
  const bool = x.dtype === 'bool';
  if (values instanceof Tensor) {
    const v = (values.shape.length === pos.shape.length && values.shape.every((d, i) => d === pos.shape[i]) ? values : noGrad(() => expand(values, pos.shape)))._data;
    if (accumulate) for (let i = 0; i < n; i++) data[p[i]] = bool ? (data[p[i]] || v[i] ? 1 : 0) : data[p[i]] + v[i];
    else for (let i = 0; i < n; i++) data[p[i]] = v[i];
  } else {
    const v = bool ? (values ? 1 : 0) : values;
    if (accumulate) for (let i = 0; i < n; i++) data[p[i]] = bool ? (data[p[i]] || v ? 1 : 0) : data[p[i]] + v;
    else for (let i = 0; i < n; i++) data[p[i]] = v;
  }
  const out = wrap(data, x.shape.slice(), x.dtype);
  return record('indexPut', [x, values instanceof Tensor ? values : null], out, () => ({ pos, accumulate }));
}

/** A fresh int32 tensor (native storage) holding a copy of `data`. */
function int32Tensor(data: ArrayLike<number>, shape: readonly number[]): Tensor {
  const d = outData('int32', data.length);
  d.set(data as never);
  return wrap(d, shape.slice(), 'int32');
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
  const { pos, shape } = advancedPositions(op, result.shape, adv);
  return takeLinear(result, int32Tensor(pos, shape));
}

/**
 * Python's x[indices]: `indices` is one entry or an array of entries (an integer, tg.slice(...), null for a
 * new axis, '...', an integer array or int32 tensor, a boolean array or bool tensor as a mask, or a JS
 * boolean). Basic entries give what select/slice/unsqueeze give; integer arrays, tensors and masks gather a
 * copy (IndexBackward0). See Note [Indexing as PyTorch does it].
 * @example x.index([tg.slice(), 0])      // x[:, 0]
 * @example x.index([[0, 2], tg.slice(1)]) // x[[0, 2], 1:]
 * @example x.index(x.gt(0))              // x[x > 0]
 */
export function index(x: Tensor, indices: IndexEntry | readonly IndexEntry[]): Tensor {
  checkTensor('index', x);
  if (indices === undefined) throw typeError('index', `expected an index entry or an array of entries (${ENTRY_KINDS}), got undefined`);
  return indexWith('index', x, indices);
}

/** The positions within x of the elements x.index(indices) picks (an int32 tensor of that result's shape). */
function positionsOf(op: string, x: Tensor, indices: unknown): Tensor {
  const n = x.numel();
  const ids = outData('int32', n);
  for (let i = 0; i < n; i++) ids[i] = i;
  const picked = noGrad(() => indexWith(op, wrap(ids, x.shape.slice(), 'int32'), indices));
  return int32Tensor(picked._data, picked.shape);
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

/** Options of indexPut / indexPut_. */
export interface IndexPutOptions {
  accumulate?: boolean;
}

function indexPutImpl(op: string, x: Tensor, indices: unknown, values: unknown, accumulate: unknown): Tensor {
  checkTensor(op, x);
  if (accumulate !== undefined && accumulate !== null && typeof accumulate !== 'boolean') throw typeError(op, `accumulate must be a boolean, got ${describe(accumulate)}`);
  if (indices === undefined) throw typeError(op, `expected an array of indices (int32 tensors, integer arrays or masks, or any x.index entries), got undefined`);
  const pos = positionsOf(op, x, indices);
  const v = checkValues(op, x, values, pos.shape);
  return putLinear(x, pos, v, accumulate === true);
}

/**
 * x with `values` written at x.index(indices) (PyTorch's index_put; indices as for x.index, so
 * `x.indexPut([tg.slice(), 0], 0)` is `x[:, 0] = 0` on a copy). `values` (a tensor of x's dtype or a number)
 * is broadcast to the indexed shape. With `accumulate` values at repeated positions are summed; without it a
 * repeated position keeps the value that comes last in the index order (as PyTorch's CPU kernel).
 * The node is IndexPutBackward0 for every kind of entry (PyTorch shows CopySlices where the entries include
 * basic ones, since it writes into a view there).
 */
export function indexPut(x: Tensor, indices: IndexEntry | readonly IndexEntry[], values: Tensor | number | boolean, accumulate = false): Tensor {
  return indexPutImpl('indexPut', x, indices, values, accumulate);
}

/** In-place indexPut: x[indices] = values (or += with accumulate). Returns x. */
export function indexPut_<T extends Tensor>(x: T, indices: IndexEntry | readonly IndexEntry[], values: Tensor | number | boolean, accumulate = false): T {
  return inplaceFrom('indexPut_', x, () => indexPutImpl('indexPut_', x, indices, values, accumulate));
}
