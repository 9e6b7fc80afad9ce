// Samplers: PyTorch 1.13's torch.utils.data.sampler. Each is iterable (indices, or index batches for
// BatchSampler) and has `length`.
//
// Note [Random order is tensorgrad's stream]: RandomSampler, SubsetRandomSampler, WeightedRandomSampler and
// randomSplit draw exactly what PyTorch's draw (randperm(n), randint(n, [32]) chunks, multinomial), from the
// given tg.Generator; but tensorgrad's generator is xoshiro128** (lib/ops/random.ts), not PyTorch's mt19937,
// so a seed gives a different (equally uniform) order than PyTorch's same seed. Orders are reproducible
// within tensorgrad: a seeded generator gives the same batches on every run and platform.
import { typeError, rangeError, describe } from '../../errors.js';
import { randperm, multinomial } from '../../ops/sampling.js';
import { randint, tensor } from '../../ops/creation.js';
import { Generator, defaultGenerator } from '../../ops/random.js';
import { parseArgs, signature, declareConstructor } from '../../kwargs.js';

/** A sized source of samples: anything with a numeric `length`. */
export interface Sized {
  readonly length: number;
}

function lengthOf(name: string, d: unknown): number {
  const n = (d as Sized | null)?.length;
  if (typeof n !== 'number') throw typeError(name, `data_source must have a length, got ${describe(d)}`);
  return n;
}

/**
 * The base of samplers: an iterable of dataset indices.
 *
 * Base of the samplers: iterable over indices, with a length.
 *
 * @see torch.utils.data.Sampler
 * @example
 * ```ts
 * [...new tg.utils.data.SequentialSampler([5, 6, 7])]
 * new tg.utils.data.SequentialSampler([1]) instanceof tg.utils.data.Sampler // => true
 * ```
 */
export abstract class Sampler<T = number> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
  abstract get length(): number;
}

const SEQ_SIG = signature('utils.data.SequentialSampler', 'dataSource{}');

/**
 * Yields 0..n-1 in order.
 *
 * 0, 1, ..., length - 1.
 *
 * @see torch.utils.data.SequentialSampler
 * @example
 * ```ts
 * [...new tg.utils.data.SequentialSampler([5, 6, 7])] // => [0, 1, 2]
 * ```
 */
export class SequentialSampler extends Sampler<number> {
  readonly dataSource: Sized;
  constructor(dataSource: Sized | object) {
    super();
    const [d] = parseArgs(SEQ_SIG, arguments);
    lengthOf('SequentialSampler', d);
    this.dataSource = d as Sized;
    void dataSource;
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    for (let i = 0; i < n; i++) yield i;
  }
  get length(): number {
    return this.dataSource.length;
  }
}
declareConstructor(SequentialSampler, SEQ_SIG);

const RANDOM_SIG = signature('utils.data.RandomSampler', 'dataSource{}, replacement, numSamples, generator');

/**
 * Yields a random permutation of 0..n-1 (or numSamples draws with replacement).
 *
 * A random permutation of the indices (again as needed for numSamples), or numSamples indices drawn with
 * replacement. See Note [Random order is tensorgrad's stream].
 *
 * @see torch.utils.data.RandomSampler
 * @example
 * ```ts
 * [...new tg.utils.data.RandomSampler([5, 6, 7], { generator: new tg.Generator(0) })].sort()
 * // => [0, 1, 2]
 * ```
 */
export class RandomSampler extends Sampler<number> {
  readonly dataSource: Sized;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  private readonly _numSamples: number | null;
  constructor(dataSource: Sized | object, replacement?: boolean, numSamples?: number | null, generator?: Generator | null) {
    super();
    const [d, rep, num, gen] = parseArgs(RANDOM_SIG, arguments);
    lengthOf('RandomSampler', d);
    this.dataSource = d as Sized;
    this.replacement = (rep as boolean | undefined) ?? false;
    this._numSamples = (num as number | null | undefined) ?? null;
    this.generator = (gen as Generator | null | undefined) ?? null;
    if (typeof this.replacement !== 'boolean') throw typeError('RandomSampler', `replacement should be a boolean value, but got replacement=${String(this.replacement)}`);
    if (this.generator !== null && !(this.generator instanceof Generator)) throw typeError('RandomSampler', `generator must be a tg.Generator, got ${describe(this.generator)}`);
    const ns = this.numSamples;
    if (!Number.isInteger(ns) || ns <= 0) throw rangeError('RandomSampler', `num_samples should be a positive integer value, but got num_samples=${ns}`);
    void dataSource, replacement, numSamples, generator;
  }
  /** How many indices one pass yields (the dataset's length unless numSamples was given). */
  get numSamples(): number {
    return this._numSamples ?? this.dataSource.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    // Without a generator, one seeded from the default generator per pass (as PyTorch does).
    const g = this.generator ?? new Generator(Math.floor(defaultGenerator.double() * 2 ** 53));
    const ns = this.numSamples;
    if (this.replacement) {
      for (let k = 0; k < Math.floor(ns / 32); k++) yield* randint(0, n, [32], g, 'int32')._data as Int32Array;
      if (ns % 32 > 0) yield* randint(0, n, [ns % 32], g, 'int32')._data as Int32Array;
    } else {
      for (let k = 0; k < Math.floor(ns / n); k++) yield* randperm(n, g, 'int32')._data as Int32Array;
      if (ns % n > 0) yield* (randperm(n, g, 'int32')._data as Int32Array).subarray(0, ns % n);
    }
  }
  get length(): number {
    return this.numSamples;
  }
}
declareConstructor(RandomSampler, RANDOM_SIG);

const SUBSET_RANDOM_SIG = signature('utils.data.SubsetRandomSampler', 'indices, generator');

/**
 * Yields the given indices in random order.
 *
 * @see torch.utils.data.SubsetRandomSampler
 * @example
 * ```ts
 * [...new tg.utils.data.SubsetRandomSampler([4, 8])].sort() // => [4, 8]
 * ```
 */
export class SubsetRandomSampler extends Sampler<number> {
  readonly indices: number[];
  readonly generator: Generator | null;
  constructor(indices: ArrayLike<number> | object, generator?: Generator | null) {
    super();
    const [idx, gen] = parseArgs(SUBSET_RANDOM_SIG, arguments);
    if (idx === null || typeof idx !== 'object' || typeof (idx as ArrayLike<number>).length !== 'number')
      throw typeError('SubsetRandomSampler', `indices must be an array of integers, got ${describe(idx)}`);
    this.indices = Array.from(idx as ArrayLike<number>);
    this.generator = (gen as Generator | null | undefined) ?? null;
    void indices, generator;
  }
  *[Symbol.iterator](): Iterator<number> {
    for (const i of randperm(this.indices.length, this.generator ?? undefined, 'int32')._data as Int32Array) yield this.indices[i];
  }
  get length(): number {
    return this.indices.length;
  }
}
declareConstructor(SubsetRandomSampler, SUBSET_RANDOM_SIG);

const WEIGHTED_SIG = signature('utils.data.WeightedRandomSampler', 'weights, numSamples, replacement, generator');

/**
 * Draws indices with probability proportional to the weights.
 *
 * numSamples indices drawn with probability proportional to weights.
 *
 * @see torch.utils.data.WeightedRandomSampler
 * @example
 * ```ts
 * [...new tg.utils.data.WeightedRandomSampler([0, 1, 0], 3)] // => [1, 1, 1]
 * ```
 */
export class WeightedRandomSampler extends Sampler<number> {
  readonly weights: number[];
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  constructor(weights: ArrayLike<number> | object, numSamples?: number, replacement?: boolean, generator?: Generator | null) {
    super();
    const [w, ns, rep, gen] = parseArgs(WEIGHTED_SIG, arguments);
    const name = 'WeightedRandomSampler';
    if (typeof ns !== 'number' || !Number.isInteger(ns) || ns <= 0) throw rangeError(name, `num_samples should be a positive integer value, but got num_samples=${String(ns)}`);
    const r = (rep as boolean | undefined) ?? true;
    if (typeof r !== 'boolean') throw rangeError(name, `replacement should be a boolean value, but got replacement=${String(r)}`);
    const list = w !== null && typeof w === 'object' && 'shape' in (w as object) ? ((w as { tolist(): unknown }).tolist() as unknown) : w;
    if (!Array.isArray(list) && !ArrayBuffer.isView(list)) throw typeError(name, `weights must be a 1d sequence of numbers, got ${describe(w)}`);
    const arr = Array.from(list as ArrayLike<unknown>);
    if (arr.some((x) => typeof x !== 'number')) throw rangeError(name, 'weights should be a 1d sequence of numbers');
    this.weights = arr as number[];
    this.numSamples = ns;
    this.replacement = r;
    this.generator = (gen as Generator | null | undefined) ?? null;
    void weights, numSamples, replacement, generator;
  }
  *[Symbol.iterator](): Iterator<number> {
    yield* multinomial(tensor(this.weights, 'float64'), this.numSamples, this.replacement, this.generator ?? undefined).int()._data as Int32Array;
  }
  get length(): number {
    return this.numSamples;
  }
}
declareConstructor(WeightedRandomSampler, WEIGHTED_SIG);

const BATCH_SIG = signature('utils.data.BatchSampler', 'sampler{}, batchSize, dropLast');

/**
 * Groups another sampler's indices into batches.
 *
 * @see torch.utils.data.BatchSampler
 * @example
 * ```ts
 * [...new tg.utils.data.BatchSampler(new tg.utils.data.SequentialSampler([1, 2, 3]), 2, false)]
 * // => [[0, 1], [2]]
 * ```
 */
export class BatchSampler extends Sampler<number[]> {
  readonly sampler: Iterable<number>;
  readonly batchSize: number;
  readonly dropLast: boolean;
  constructor(sampler: Iterable<number> | object, batchSize?: number, dropLast?: boolean) {
    super();
    const [s, bs, dl] = parseArgs(BATCH_SIG, arguments);
    if (typeof bs !== 'number' || !Number.isInteger(bs) || bs <= 0) throw rangeError('BatchSampler', `batch_size should be a positive integer value, but got batch_size=${String(bs)}`);
    if (typeof dl !== 'boolean') throw rangeError('BatchSampler', `drop_last should be a boolean value, but got drop_last=${String(dl)}`);
    if (s === null || typeof s !== 'object' || typeof (s as Iterable<number>)[Symbol.iterator] !== 'function')
      throw typeError('BatchSampler', `sampler must be an iterable of indices, got ${describe(s)}`);
    this.sampler = s as Iterable<number>;
    this.batchSize = bs;
    this.dropLast = dl;
    void sampler, batchSize, dropLast;
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
  get length(): number {
    const n = lengthOf('BatchSampler', this.sampler);
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }
}
declareConstructor(BatchSampler, BATCH_SIG);

