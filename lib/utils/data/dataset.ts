// Datasets: PyTorch 1.13's torch.utils.data.dataset. A map-style dataset has `length` and `get(i)` (PyTorch's
// __len__ and __getitem__); an iterable one is iterable (sync or async).
import { Tensor } from '../../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../../errors.js';
import { randperm } from '../../ops/sampling.js';
import type { Generator } from '../../ops/random.js';
import type { Slice } from '../../ops/indexing.js';
import { parseArgs, signature, declareConstructor, kw, kwMethods } from '../../kwargs.js';

/** Anything with `length` and `get(i)`: a Dataset subclass or a plain object of that shape. */
export interface MapDataset<T = unknown> {
  readonly length: number;
  get(index: number): T;
}

/** @internal Whether `d` is a map-style dataset (get and length). */
export function isMapDataset(d: unknown): d is MapDataset {
  return typeof d === 'object' && d !== null && typeof (d as MapDataset).get === 'function' && typeof (d as MapDataset).length === 'number';
}

/** @internal Whether `d` is iterable, sync or async. */
export function isIterableDataset(d: unknown): d is Iterable<unknown> | AsyncIterable<unknown> {
  return typeof d === 'object' && d !== null && (typeof (d as Iterable<unknown>)[Symbol.iterator] === 'function' || typeof (d as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function');
}

/**
 * The base of map-style datasets: implement get(i) (`__getitem__`) and length (`__len__`).
 *
 * A map-style dataset: subclass it with `get(index)` and a `length` getter.
 *
 * @see torch.utils.data.Dataset
 * @example
 * ```ts
 * class Squares extends tg.utils.data.Dataset { get length() { return 3; } get(i) { return i * i; } }
 * [...new tg.utils.data.DataLoader(new Squares(), { batchSize: 3 })][0].tolist() // => [0, 1, 4]
 * ```
 */
export abstract class Dataset<T = unknown> implements MapDataset<T> {
  abstract get length(): number;
  abstract get(index: number): T;
  /**
   * Concatenates two datasets (Python's `ds1 + ds2`).
   *
   * This dataset followed by `other` (PyTorch's `+`).
   *
   * @see torch.utils.data.Dataset.__add__
   * @example
   * ```ts
   * const a = new tg.utils.data.TensorDataset(tg.tensor([1]))
   * a.add(new tg.utils.data.TensorDataset(tg.tensor([2]))).length // => 2
   * ```
   */
  add(other: MapDataset<T>): ConcatDataset<T> {
    return new ConcatDataset([this, other]);
  }
}
kwMethods(Dataset.prototype, 'Dataset', { add: 'other{}' });

/**
 * The base of iterable datasets: implement `[Symbol.iterator]` (or the async one).
 *
 * An iterable-style dataset (a stream): subclass it with `*[Symbol.iterator]()` or `async *[Symbol.asyncIterator]()`.
 *
 * @see torch.utils.data.IterableDataset
 * @example
 * ```ts
 * class Count extends tg.utils.data.IterableDataset { *[Symbol.iterator]() { for (let i = 0; i < 3; i++) yield i; } }
 * [...new tg.utils.data.DataLoader(new Count(), { batchSize: 2 })].length // => 2
 * ```
 */
export abstract class IterableDataset<T = unknown> {
  /**
   * Chains two iterable datasets (Python's `ds1 + ds2`).
   *
   * This stream followed by `other` (PyTorch's `+`).
   *
   * @see torch.utils.data.IterableDataset.__add__
   * @example
   * ```ts
   * class R extends tg.utils.data.IterableDataset { *[Symbol.iterator]() { yield 1; yield 2; } }
   * [...new R().add(new R())] // => [1, 2, 1, 2]
   * ```
   */
  add(other: IterableDataset<T>): ChainDataset<T> {
    return new ChainDataset([this, other]);
  }
}
kwMethods(IterableDataset.prototype, 'IterableDataset', { add: 'other{}' });

const TENSOR_DATASET_SIG = signature('utils.data.TensorDataset', '...tensors');

/**
 * A dataset of tensors indexed along their first dimension.
 *
 * Samples are the i-th rows of each tensor, as an array.
 *
 * @see torch.utils.data.TensorDataset
 * @example
 * ```ts
 * const ds = new tg.utils.data.TensorDataset(tg.tensor([[1], [2]]), tg.tensor([0, 1]))
 * ds.length // => 2
 * ```
 */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    const [list] = parseArgs(TENSOR_DATASET_SIG, arguments) as [Tensor[]];
    if (list.length === 0) throw rangeError('TensorDataset', 'expected at least one tensor');
    for (const t of list) {
      if (!(t instanceof Tensor)) throw typeError('TensorDataset', `expected Tensors, got ${describe(t)}`);
      if (t.dim() === 0) throw rangeError('TensorDataset', 'a 0-dim tensor has no rows to index');
    }
    if (!list.every((t) => t.shape[0] === list[0].shape[0]))
      throw rangeError('TensorDataset', `Size mismatch between tensors: ${list.map((t) => fmtShape(t.shape)).join(', ')}`);
    this.tensors = list;
  }
  get length(): number {
    return this.tensors[0].shape[0];
  }
  /**
   * The i-th sample: the i-th row of each tensor; any other index of the first dim (a `tg.slice`, an index
   * array or tensor, a mask) picks those rows of each, as PyTorch's `train_ds[i * bs: i * bs + bs]`.
   *
   * @see torch.utils.data.TensorDataset.__getitem__
   * @example
   * ```ts
   * const ds = new tg.utils.data.TensorDataset(tg.tensor([[1], [2], [3]]), tg.tensor([0, 1, 2]))
   * ds.get(1)[0] // tensor([2.])
   * ds.get(tg.slice(0, 2))[1] // tensor([0., 1.])
   * ```
   */
  get(index: number | Slice | Tensor | number[]): Tensor[] {
    if (typeof index === 'number') return this.tensors.map((t) => t.select(0, index));
    // One entry, of the first dim: an array is a list of rows (Python's ds[[1, 3]]), not an index tuple.
    return this.tensors.map((t) => t.index([index]));
  }
}
declareConstructor(TensorDataset, TENSOR_DATASET_SIG);
kwMethods(TensorDataset.prototype, 'TensorDataset', { get: 'index' });

const CONCAT_SIG = signature('utils.data.ConcatDataset', 'datasets');

/**
 * The concatenation of map-style datasets.
 *
 * Map-style datasets one after another.
 *
 * @see torch.utils.data.ConcatDataset
 * @example
 * ```ts
 * const a = new tg.utils.data.TensorDataset(tg.zeros(2))
 * new tg.utils.data.ConcatDataset([a, a]).length // => 4
 * ```
 */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly datasets: MapDataset<T>[];
  readonly cumulativeSizes: number[];
  constructor(datasets: Iterable<MapDataset<T>> | object) {
    super();
    const [ds] = parseArgs(CONCAT_SIG, arguments);
    if (ds === null || typeof ds !== 'object' || typeof (ds as Iterable<unknown>)[Symbol.iterator] !== 'function')
      throw typeError('ConcatDataset', `datasets must be an iterable of datasets, got ${describe(ds)}`);
    this.datasets = [...(ds as Iterable<MapDataset<T>>)];
    if (this.datasets.length === 0) throw rangeError('ConcatDataset', 'datasets should not be an empty iterable');
    for (const d of this.datasets) {
      if (d instanceof IterableDataset || !isMapDataset(d)) throw typeError('ConcatDataset', `ConcatDataset does not support IterableDataset (got ${describe(d)})`);
    }
    let s = 0;
    this.cumulativeSizes = this.datasets.map((d) => (s += d.length));
    void datasets;
  }
  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1];
  }
  /**
   * The i-th sample across the datasets in order.
   *
   * @see torch.utils.data.ConcatDataset.__getitem__
   * @example
   * ```ts
   * const a = new tg.utils.data.TensorDataset(tg.tensor([1]))
   * const b = new tg.utils.data.TensorDataset(tg.tensor([2]))
   * new tg.utils.data.ConcatDataset([a, b]).get(1)[0] // tensor(2.)
   * ```
   */
  get(idx: number): T {
    if (idx < 0) {
      if (-idx > this.length) throw rangeError('ConcatDataset', 'absolute value of index should not exceed dataset length');
      idx = this.length + idx;
    }
    let i = 0;
    while (i < this.cumulativeSizes.length && this.cumulativeSizes[i] <= idx) i++; // bisect_right
    if (i === this.datasets.length) throw rangeError('ConcatDataset', `index ${idx} is out of range for a dataset of length ${this.length}`);
    return this.datasets[i].get(i === 0 ? idx : idx - this.cumulativeSizes[i - 1]);
  }
}
declareConstructor(ConcatDataset, CONCAT_SIG);
kwMethods(ConcatDataset.prototype, 'ConcatDataset', { get: 'idx' });

const CHAIN_SIG = signature('utils.data.ChainDataset', 'datasets');

/**
 * The chaining of iterable datasets.
 *
 * Iterable datasets one after another.
 *
 * @see torch.utils.data.ChainDataset
 * @example
 * ```ts
 * class R extends tg.utils.data.IterableDataset { *[Symbol.iterator]() { yield 'x'; } }
 * [...new tg.utils.data.ChainDataset([new R(), new R()])] // => ['x', 'x']
 * ```
 */
export class ChainDataset<T = unknown> extends IterableDataset<T> {
  readonly datasets: Iterable<T>[];
  constructor(datasets: Iterable<IterableDataset<T>> | object) {
    super();
    const [ds] = parseArgs(CHAIN_SIG, arguments);
    if (ds === null || typeof ds !== 'object' || typeof (ds as Iterable<unknown>)[Symbol.iterator] !== 'function')
      throw typeError('ChainDataset', `datasets must be an iterable of datasets, got ${describe(ds)}`);
    this.datasets = [...(ds as Iterable<Iterable<T>>)];
    void datasets;
  }
  *[Symbol.iterator](): Iterator<T> {
    for (const d of this.datasets) {
      if (typeof (d as Iterable<T>)[Symbol.iterator] !== 'function') throw typeError('ChainDataset', `ChainDataset only supports (synchronously) iterable datasets, got ${describe(d)}`);
      yield* d;
    }
  }
  get length(): number {
    let total = 0;
    for (const d of this.datasets) {
      const n = (d as { length?: unknown }).length;
      if (typeof n !== 'number') throw typeError('ChainDataset', `a dataset in the chain has no length (${describe(d)})`);
      total += n;
    }
    return total;
  }
}
declareConstructor(ChainDataset, CHAIN_SIG);

const SUBSET_SIG = signature('utils.data.Subset', 'dataset{}, indices');

/**
 * The samples of a dataset at given indices.
 *
 * The samples of `dataset` at `indices`, in that order.
 *
 * @see torch.utils.data.Subset
 * @example
 * ```ts
 * const ds = new tg.utils.data.TensorDataset(tg.tensor([10, 20, 30]))
 * new tg.utils.data.Subset(ds, [0, 2]).length // => 2
 * ```
 */
export class Subset<T = unknown> extends Dataset<T> {
  readonly dataset: MapDataset<T>;
  readonly indices: number[];
  constructor(dataset: MapDataset<T> | object, indices?: ArrayLike<number>) {
    super();
    const [d, idx] = parseArgs(SUBSET_SIG, arguments);
    if (!isMapDataset(d)) throw typeError('Subset', `dataset must have length and get(index), got ${describe(d)}`);
    if (idx === null || typeof idx !== 'object' || typeof (idx as ArrayLike<number>).length !== 'number')
      throw typeError('Subset', `indices must be an array of integers, got ${describe(idx)}`);
    this.dataset = d as MapDataset<T>;
    this.indices = Array.from(idx as ArrayLike<number>);
    void dataset, indices;
  }
  get length(): number {
    return this.indices.length;
  }
  /**
   * The sample at the i-th of the subset's indices.
   *
   * @see torch.utils.data.Subset.__getitem__
   * @example
   * ```ts
   * const ds = new tg.utils.data.TensorDataset(tg.tensor([10, 20, 30]))
   * new tg.utils.data.Subset(ds, [2, 0]).get(0)[0] // tensor(30.)
   * ```
   */
  get(idx: number): T {
    // An array of positions maps to an array of indices of the underlying dataset, as PyTorch's list index.
    if (Array.isArray(idx)) return (this.dataset.get as (i: unknown) => T)(idx.map((i) => this._at(i)));
    return this.dataset.get(this._at(idx));
  }
  private _at(i: number): number {
    const n = this.indices.length;
    const j = i < 0 ? i + n : i;
    if (!Number.isInteger(j) || j < 0 || j >= n) throw rangeError('Subset', `index ${i} is out of range for a subset of length ${n}`);
    return this.indices[j];
  }
}
declareConstructor(Subset, SUBSET_SIG);
kwMethods(Subset.prototype, 'Subset', { get: 'idx' });

/**
 * Splits a dataset into non-overlapping random subsets of given lengths or fractions.
 *
 * Splits a map-style dataset into non-overlapping random subsets of the given lengths, or of the given
 * fractions of its length (floored, the remainder spread one by one from the first split), from one
 * randperm drawn with `generator`.
 *
 * @see torch.utils.data.random_split
 * @example
 * ```ts
 * const ds = new tg.utils.data.TensorDataset(tg.arange(10))
 * const [a, b] = tg.utils.data.randomSplit(ds, [0.8, 0.2], new tg.Generator(42))
 * [a.length, b.length] // => [8, 2]
 * ```
 */
export const randomSplit = kw(signature('utils.data.randomSplit', 'dataset{}, lengths, generator'), function randomSplit<T>(
  dataset: MapDataset<T>, lengths: number[], generator?: Generator | null,
): Subset<T>[] {
  const name = 'utils.data.randomSplit';
  if (!isMapDataset(dataset)) throw typeError(name, `dataset must have length and get(index), got ${describe(dataset)}`);
  if (!Array.isArray(lengths) || lengths.some((l) => typeof l !== 'number')) throw typeError(name, `lengths must be an array of numbers, got ${describe(lengths)}`);
  const n = dataset.length;
  let ls = lengths.slice();
  const sum = ls.reduce((a, b) => a + b, 0);
  // math.isclose(sum, 1) (rel_tol 1e-9) and sum <= 1: fractions.
  if (Math.abs(sum - 1) <= 1e-9 * Math.max(Math.abs(sum), 1) && sum <= 1) {
    ls = ls.map((f, i) => {
      if (f < 0 || f > 1) throw rangeError(name, `Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * f);
    });
    const remainder = n - ls.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) ls[i % ls.length] += 1;
    ls.forEach((l, i) => {
      if (l === 0) console.warn(`${name}: Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  if (!ls.every((l) => Number.isInteger(l) && l >= 0)) throw rangeError(name, `lengths must be non-negative integers or fractions summing to 1, got [${lengths.join(', ')}]`);
  const total = ls.reduce((a, b) => a + b, 0);
  if (total !== n) throw rangeError(name, 'Sum of input lengths does not equal the length of the input dataset!');
  const perm = Array.from(randperm(total, generator ?? undefined, 'int32')._data as Int32Array);
  let offset = 0;
  return ls.map((l) => new Subset(dataset, perm.slice(offset, (offset += l))));
});
