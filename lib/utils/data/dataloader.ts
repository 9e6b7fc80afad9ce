// DataLoader: PyTorch 1.13's single-process data loading (num_workers=0): a sampler of indices (or a stream),
// batches of batchSize through a collate function. Iterable with for...of, and with for await...of (which
// also awaits samples a dataset returns as promises, and takes async-iterable datasets).
import { Tensor } from '../../tensor.js';
import { typeError, rangeError, describe } from '../../errors.js';
import { indexSelect } from '../../ops/gather.js';
import { tensor } from '../../ops/creation.js';
import type { Generator } from '../../ops/random.js';
import { parseArgs, signature, declareConstructor, kw, kwMethods } from '../../kwargs.js';
import { TensorDataset, Subset, IterableDataset, isMapDataset, isIterableDataset, type MapDataset } from './dataset.js';
import { RandomSampler, SequentialSampler, BatchSampler } from './sampler.js';
import { defaultCollate, convert } from './collate.js';

const SIG = signature('utils.data.DataLoader',
  'dataset{}, batchSize, shuffle, sampler{}, batchSampler{}, numWorkers, collateFn, pinMemory, dropLast, timeout, workerInitFn, multiprocessingContext, generator, prefetchFactor, persistentWorkers, pinMemoryDevice');

type Collate = (batch: unknown[]) => unknown;

/**
 * Batches a dataset: `for (const [x, y] of loader)`, with shuffle, samplers, dropLast, collateFn and a generator.
 *
 * Batches of a dataset. A map-style dataset (length and get(i)) is read in sampler order (sequential, or
 * shuffled with `generator`); an iterable dataset is read in its own order. `length` is the number of
 * batches per epoch.
 *
 * @see torch.utils.data.DataLoader
 * @example
 * ```ts
 * const ds = new tg.utils.data.TensorDataset(tg.tensor([[1], [2], [3]]), tg.tensor([0, 1, 0]))
 * const [xb, yb] = [...new tg.utils.data.DataLoader(ds, { batchSize: 2 })][0]
 * xb
 * // tensor([[1.],
 * //         [2.]])
 * ```
 */
export class DataLoader<B = unknown> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: MapDataset | Iterable<unknown> | AsyncIterable<unknown>;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly sampler: Iterable<number> | null;
  readonly batchSampler: Iterable<number[]> | null;
  readonly generator: Generator | null;
  readonly collateFn: Collate;
  readonly numWorkers = 0;
  private readonly iterable: boolean;

  constructor(
    dataset: MapDataset | Iterable<unknown> | AsyncIterable<unknown> | object, batchSize?: number | null, shuffle?: boolean | null,
    sampler?: Iterable<number> | null, batchSampler?: Iterable<number[]> | null, numWorkers?: number, collateFn?: Collate | null,
    pinMemory?: boolean, dropLast?: boolean, timeout?: number, workerInitFn?: ((id: number) => void) | null, multiprocessingContext?: unknown,
    generator?: Generator | null, prefetchFactor?: number, persistentWorkers?: boolean, pinMemoryDevice?: string,
  ) {
    void batchSize, shuffle, sampler, batchSampler, numWorkers, collateFn, pinMemory, dropLast, timeout, workerInitFn, multiprocessingContext, generator, prefetchFactor, persistentWorkers, pinMemoryDevice;
    const a = parseArgs(SIG, arguments);
    const name = 'DataLoader';
    const ds = a[0];
    const given = (i: number) => a[i] !== undefined;
    let bs = given(1) ? (a[1] as number | null) : 1;
    const sh = (a[2] as boolean | null | undefined) ?? null;
    let smp = (a[3] as Iterable<number> | null | undefined) ?? null;
    let bsmp = (a[4] as Iterable<number[]> | null | undefined) ?? null;
    let dl = (a[8] as boolean | undefined) ?? false;
    // tensorgrad loads in the calling thread: PyTorch's worker options must keep their num_workers=0 values.
    const workers = (a[5] as number | undefined) ?? 0;
    if (workers < 0) throw rangeError(name, 'num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.');
    if (workers !== 0) throw rangeError(name, `tensorgrad loads data in the calling thread: numWorkers must be 0, got ${workers}`);
    if (((a[9] as number | undefined) ?? 0) < 0) throw rangeError(name, 'timeout option should be non-negative');
    if (((a[13] as number | undefined) ?? 2) !== 2) throw rangeError(name, 'prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.');
    if (a[14] === true) throw rangeError(name, 'persistent_workers option needs num_workers > 0');
    if (a[11] !== undefined && a[11] !== null) throw rangeError(name, 'multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got num_workers=0');
    const mapStyle = isMapDataset(ds) && !(ds instanceof IterableDataset);
    if (!mapStyle && !isIterableDataset(ds)) throw typeError(name, `dataset must have length and get(index), or be iterable, got ${describe(ds)}`);
    this.iterable = !mapStyle;
    if (this.iterable) {
      if (sh !== null && sh !== false) throw rangeError(name, `DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${String(sh)}`);
      if (smp !== null) throw rangeError(name, `DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${describe(smp)}`);
      if (bsmp !== null) throw rangeError(name, `DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${describe(bsmp)}`);
    }
    if (smp !== null && sh) throw rangeError(name, 'sampler option is mutually exclusive with shuffle');
    if (bsmp !== null) {
      if (bs !== 1 || sh || smp !== null || dl) throw rangeError(name, 'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
      bs = null;
      dl = false;
    } else if (bs === null && dl) throw rangeError(name, 'batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
    if (bs !== null && (typeof bs !== 'number' || !Number.isInteger(bs) || bs <= 0)) throw rangeError(name, `batch_size should be a positive integer value, but got batch_size=${String(bs)}`);
    const gen = (a[12] as Generator | null | undefined) ?? null;
    if (!this.iterable && smp === null) smp = sh ? new RandomSampler(ds as MapDataset, false, null, gen) : new SequentialSampler(ds as MapDataset);
    if (!this.iterable && bs !== null && bsmp === null) bsmp = new BatchSampler(smp as Iterable<number>, bs, dl);
    for (const [what, s] of [['sampler', smp], ['batch_sampler', bsmp]] as const)
      if (s !== null && (typeof s !== 'object' || typeof (s as Iterable<unknown>)[Symbol.iterator] !== 'function')) throw typeError(name, `${what} must be iterable, got ${describe(s)}`);
    const cf = (a[6] as Collate | null | undefined) ?? null;
    if (cf !== null && typeof cf !== 'function') throw typeError(name, `collate_fn must be a function, got ${describe(cf)}`);
    this.dataset = ds as MapDataset;
    this.batchSize = bs;
    this.dropLast = dl;
    this.sampler = smp;
    this.batchSampler = bsmp;
    this.generator = gen;
    this.collateFn = cf ?? (bs !== null || bsmp !== null ? (defaultCollate as Collate) : (convert as Collate));
  }

  /**
   * PyTorch's check that numWorkers does not exceed the CPUs the process may use (it warns then). tensorgrad
   * loads in the calling thread (numWorkers is always 0), for which PyTorch's check returns at once.
   *
   * @see torch.utils.data.DataLoader.check_worker_number_rationality
   * @example
   * ```ts
   * new tg.utils.data.DataLoader([1, 2, 3]).checkWorkerNumberRationality() // => undefined
   * ```
   */
  checkWorkerNumberRationality(): void {
    if (this.numWorkers === 0) return;
  }

  /** Batches per epoch (for an iterable dataset: from its length, if it has one). */
  get length(): number {
    if (this.iterable) {
      const n = (this.dataset as { length?: unknown }).length;
      if (typeof n !== 'number') throw typeError('DataLoader', 'this iterable dataset has no length');
      if (this.batchSize === null) return n;
      return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
    }
    const s = (this.batchSampler ?? this.sampler) as { length?: unknown };
    if (typeof s.length !== 'number') throw typeError('DataLoader', 'the sampler has no length');
    return s.length;
  }

  /**
   * Note [TensorDataset batches]: with the default collate, a batch of a TensorDataset (or of Subsets of one)
   * is each tensor's rows at the batch's indices: one indexSelect per tensor instead of batchSize selects and a
   * stack (the same values). An index out of range takes the ordinary path, whose select names the problem.
   */
  private _fetch(indices: number[]): unknown {
    const ds = this.dataset;
    if (this.collateFn === defaultCollate) {
      // Through Subsets (randomSplit's output) down to a TensorDataset, mapping the indices on the way.
      let base: unknown = ds, idx = indices;
      while (base instanceof Subset) {
        const sub: Subset = base;
        idx = idx.map((i) => sub.indices[i < 0 ? i + sub.indices.length : i]);
        base = sub.dataset;
      }
      if (base instanceof TensorDataset && idx.every((i) => Number.isInteger(i) && i >= 0 && i < base.length)) {
        const it = tensor(idx, 'int32');
        return base.tensors.map((t: Tensor) => indexSelect(t, 0, it));
      }
    }
    return this.collateFn(indices.map((i) => (ds as MapDataset).get(i)));
  }

  *[Symbol.iterator](): Iterator<B> {
    if (this.iterable) {
      const ds = this.dataset as Iterable<unknown>;
      if (typeof ds[Symbol.iterator] !== 'function') throw typeError('DataLoader', 'this dataset is only async-iterable: use for await...of');
      yield* this._batchesOf(ds[Symbol.iterator]()) as Iterable<B>;
      return;
    }
    if (this.batchSampler !== null) for (const indices of this.batchSampler) yield this._fetch(indices) as B;
    else for (const i of this.sampler as Iterable<number>) yield this.collateFn((this.dataset as MapDataset).get(i) as unknown[]) as B;
  }

  private *_batchesOf(it: Iterator<unknown>): Iterable<unknown> {
    if (this.batchSize === null) {
      for (let r = it.next(); !r.done; r = it.next()) yield this.collateFn(r.value as unknown[]);
      return;
    }
    for (;;) {
      const batch: unknown[] = [];
      while (batch.length < this.batchSize) {
        const r = it.next();
        if (r.done) break;
        batch.push(r.value);
      }
      if (batch.length === 0 || (this.dropLast && batch.length < this.batchSize)) return;
      yield this.collateFn(batch);
      if (batch.length < this.batchSize) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<B> {
    const ds = this.dataset;
    if (this.iterable) {
      const src = ds as AsyncIterable<unknown> & Iterable<unknown>;
      if (typeof src[Symbol.asyncIterator] !== 'function') {
        yield* this as Iterable<B>;
        return;
      }
      let batch: unknown[] = [];
      for await (const x of src) {
        if (this.batchSize === null) {
          yield this.collateFn(x as unknown[]) as B;
          continue;
        }
        batch.push(x);
        if (batch.length === this.batchSize) {
          yield this.collateFn(batch) as B;
          batch = [];
        }
      }
      if (batch.length > 0 && !this.dropLast) yield this.collateFn(batch) as B;
      return;
    }
    const map = ds as MapDataset;
    if (this.batchSampler !== null) {
      for (const indices of this.batchSampler) {
        if (this.collateFn === defaultCollate && (map instanceof TensorDataset || map instanceof Subset)) yield this._fetch(indices) as B;
        else yield this.collateFn(await Promise.all(indices.map((i) => map.get(i)))) as B;
      }
    } else for (const i of this.sampler as Iterable<number>) yield this.collateFn((await map.get(i)) as unknown[]) as B;
  }
}
declareConstructor(DataLoader, SIG);
kwMethods(DataLoader.prototype, 'DataLoader', { checkWorkerNumberRationality: '' });

/** What tg.utils.data.getWorkerInfo returns inside a loader's worker (id, numWorkers, seed, dataset). */
export interface WorkerInfo { id: number; numWorkers: number; seed: number; dataset: unknown }
/**
 * Information about the data-loading worker the caller runs in, or null in the main thread. tensorgrad's
 * DataLoader loads in the calling thread (numWorkers 0), so this is always null, as PyTorch's is in the main
 * process; a dataset written for PyTorch's workers (sharding by worker id) then reads everything itself.
 *
 * @see torch.utils.data.get_worker_info
 * @example
 * ```ts
 * tg.utils.data.getWorkerInfo() // => null
 * ```
 */
export const getWorkerInfo = kw(signature('utils.data.getWorkerInfo', ''), function getWorkerInfo(): WorkerInfo | null {
  return null;
});
