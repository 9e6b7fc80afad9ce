// tg.utils.data against PyTorch 1.13 (test/fixtures/gen/gen_data.py): DataLoader batches and lengths over a
// TensorDataset and an IterableDataset, default collate of nested samples, BatchSampler, randomSplit sizes,
// ConcatDataset/Subset indexing and PyTorch's errors; seeded shuffling (Note [Random order is tensorgrad's
// stream] in lib/utils/data/sampler.ts: reproducible, tensorgrad's randperm order, not PyTorch's).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const fx = JSON.parse(readFileSync(join(__dirname, '../fixtures/data.json'), 'utf8'));
const D = tg.utils.data;

/** A value in the fixture's encoding: tensors {t, dtype, shape}, plain objects {dict}. */
function enc(v: unknown): unknown {
  if (v instanceof Tensor) return { t: v.tolist(), dtype: v.dtype, shape: v.shape };
  if (Array.isArray(v)) return v.map(enc);
  if (v !== null && typeof v === 'object') return { dict: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)])) };
  return v;
}
/** The fixture's input encoding: {t, dtype} is a tensor, other objects plain objects. */
function dec(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dec);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('t' in o) return tg.tensor(o.t as number[], { dtype: o.dtype as 'float32' });
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, dec(x)]));
  }
  return v;
}
const tensorDs = (n: number) => new D.TensorDataset(tg.arange(n * 2).reshape(n, 2), tg.arange(n, { dtype: 'int64' }).mul(10));

class Stream extends D.IterableDataset<Record<string, number>> {
  constructor(readonly n: number) {
    super();
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.n; i++) yield { i, sq: i * i + 0.5 };
  }
  get length() {
    return this.n;
  }
}

describe('DataLoader follows PyTorch 1.13', () => {
  for (const c of fx.loaders) {
    it(`TensorDataset n=${c.n} batchSize=${c.batchSize} dropLast=${c.dropLast}`, async () => {
      const dl = new D.DataLoader(tensorDs(c.n), { batchSize: c.batchSize, dropLast: c.dropLast });
      expect(dl.length).toBe(c.len);
      expect(enc([...dl])).toEqual(c.batches);
      const viaAwait: unknown[] = [];
      for await (const b of dl) viaAwait.push(b);
      expect(enc(viaAwait)).toEqual(c.batches);
      // The TensorDataset fast path (Note [TensorDataset batches]) equals collating the samples one by one.
      if (c.batchSize !== null) expect(enc([...new D.DataLoader(tensorDs(c.n), { batchSize: c.batchSize, dropLast: c.dropLast, collateFn: (b: unknown[]) => D.defaultCollate(b) })])).toEqual(c.batches);
    });
  }
  for (const c of fx.iterables) {
    it(`IterableDataset n=${c.n} batchSize=${c.batchSize} dropLast=${c.dropLast}`, async () => {
      const dl = new D.DataLoader(new Stream(c.n), c.batchSize, { dropLast: c.dropLast });
      expect(dl.length).toBe(c.len);
      expect(enc([...dl])).toEqual(c.batches);
      // An async-iterable stream batches the same under for await.
      const src = new Stream(c.n);
      const asyncSrc = { async *[Symbol.asyncIterator]() { yield* src; } };
      const got: unknown[] = [];
      for await (const b of new D.DataLoader(asyncSrc, { batchSize: c.batchSize, dropLast: c.dropLast })) got.push(b);
      expect(enc(got)).toEqual(c.batches);
    });
  }
  it('defaultCollate', () => {
    for (const c of fx.collate) expect(enc(D.defaultCollate(dec(c.batch) as unknown[]))).toEqual(c.out);
    expect(() => D.defaultCollate([[1, 2], [3]])).toThrow(`utils.data.defaultCollate: ${fx.collateErrors[0]}`);
    expect(() => D.defaultCollate([new Map(), new Map()])).toThrow(/^utils.data.defaultCollate: default_collate: batch must contain tensors/);
    expect(() => D.defaultCollate([tg.zeros([2]), tg.zeros([3])])).toThrow(/stack/);
  });
  it('BatchSampler', () => {
    for (const c of fx.batchSamplers) {
      const b = new D.BatchSampler(new D.SequentialSampler({ length: c.n }), c.batchSize, c.dropLast);
      expect([b.length, [...b]]).toEqual([c.len, c.batches]);
    }
  });
  it('randomSplit sizes (lengths or fractions)', () => {
    for (const c of fx.splits) {
      const ds = { length: c.n, get: (i: number) => i };
      const parts = D.randomSplit(ds, c.lengths, new tg.Generator(0));
      expect(parts.map((p) => p.length)).toEqual(c.sizes);
      // Disjoint and covering.
      expect(parts.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.get(i))).sort((a, b) => a - b)).toEqual(Array.from({ length: c.n }, (_, i) => i));
    }
  });
  it('ConcatDataset and Subset', () => {
    const range = (a: number, b: number) => ({ length: b - a, get: (i: number) => a + i });
    const c = fx.concat;
    const cat = new D.ConcatDataset(c.sizes.map((n: number, k: number) => range(c.starts[k], c.starts[k] + n)));
    expect([cat.length, cat.cumulativeSizes]).toEqual([c.len, c.cumulativeSizes]);
    expect(Array.from({ length: cat.length }, (_, i) => cat.get(i))).toEqual(c.items);
    expect(Array.from({ length: cat.length }, (_, i) => cat.get(-(i + 1)))).toEqual(c.negative);
    const sub = new D.Subset(range(100, 110), [9, 0, 4, 4]);
    expect([sub.length, Array.from({ length: sub.length }, (_, i) => sub.get(i))]).toEqual([fx.subset.len, fx.subset.items]);
    // Dataset.add concatenates, as PyTorch's +.
    class R extends D.Dataset<number> {
      get length() { return 2; }
      get(i: number) { return i; }
    }
    expect(new R().add(range(5, 7)).get(3)).toBe(6);
  });
  it("PyTorch's errors, naming the class", () => {
    const e = fx.errors;
    const ds = tensorDs(4);
    expect(() => new D.DataLoader(ds, { sampler: [0, 1], shuffle: true })).toThrow(`DataLoader: ${e.sampler_shuffle}`);
    expect(() => new D.DataLoader(ds, { batchSampler: [[0]], batchSize: 2 })).toThrow(`DataLoader: ${e.batch_sampler_exclusive}`);
    expect(() => new D.DataLoader(ds, { batchSize: null, dropLast: true })).toThrow(`DataLoader: ${e.none_drop_last}`);
    expect(() => new D.DataLoader(new Stream(3), { shuffle: true })).toThrow(`DataLoader: ${e.iterable_shuffle.replace('True', 'true')}`);
    expect(() => new D.DataLoader(ds, { timeout: -1 })).toThrow(`DataLoader: ${e.timeout}`);
    expect(() => new D.DataLoader(ds, { numWorkers: -1 })).toThrow(`DataLoader: ${e.num_workers}`);
    expect(() => new D.DataLoader(ds, { numWorkers: 2 })).toThrow(/^DataLoader: tensorgrad loads data in the calling thread: numWorkers must be 0, got 2$/);
    expect(() => new D.DataLoader(ds, { persistentWorkers: true })).toThrow(`DataLoader: ${e.persistent}`);
    expect(() => new D.DataLoader(42)).toThrow(/^DataLoader: dataset must have length and get\(index\), or be iterable, got number 42$/);
    expect(() => new D.BatchSampler([0, 1], 0, false)).toThrow(`BatchSampler: ${e.batch_size}`);
    expect(() => new D.BatchSampler([0, 1], 2, 1 as never)).toThrow(`BatchSampler: ${e.drop_last}`);
    expect(() => new D.RandomSampler(ds, { numSamples: 0 })).toThrow(`RandomSampler: ${e.num_samples}`);
    expect(() => new D.RandomSampler(ds, 1 as never)).toThrow(`RandomSampler: ${e.replacement}`);
    expect(() => new D.WeightedRandomSampler([1], 0)).toThrow(`WeightedRandomSampler: ${e.weighted_num_samples}`);
    expect(() => D.randomSplit(ds, [2, 1])).toThrow(`utils.data.randomSplit: ${e.split_sum}`);
    expect(() => D.randomSplit(ds, [1.5, -0.5])).toThrow(`utils.data.randomSplit: ${e.split_fraction}`);
    expect(() => new D.ConcatDataset([])).toThrow(`ConcatDataset: ${e.concat_empty}`);
    expect(() => new D.ConcatDataset([ds]).get(-10)).toThrow(`ConcatDataset: ${e.concat_negative}`);
    expect(() => new D.ConcatDataset([new Stream(2) as never])).toThrow(/^ConcatDataset: ConcatDataset does not support IterableDataset/);
    expect(() => new D.TensorDataset(tg.zeros([3, 2]), tg.zeros([4]))).toThrow(/^TensorDataset: Size mismatch between tensors: \[3, 2\], \[4\]$/);
    expect(() => new D.DataLoader(ds, { batchSize: 2, shuffles: true } as never)).toThrow(/unexpected keyword argument 'shuffles'/);
  });
});

describe('shuffling and samplers', () => {
  it("a seeded shuffle is reproducible and is tensorgrad's randperm order (not PyTorch's: a different generator)", () => {
    const n = 10;
    const order = (seed: number) => [...new D.DataLoader(tensorDs(n), { batchSize: 4, shuffle: true, generator: new tg.Generator(seed) })].flatMap((b) => (b as Tensor[])[1].div(10).tolist() as number[]);
    expect(order(7)).toEqual(order(7));
    expect(order(7)).not.toEqual(order(8));
    expect(order(7)).toEqual(tg.randperm(n, { generator: new tg.Generator(7) }).tolist());
    // One generator across epochs: each epoch a new permutation, reproducible as a sequence.
    const epochs = (g: InstanceType<typeof tg.Generator>) => {
      const dl = new D.DataLoader(tensorDs(n), { batchSize: n, shuffle: true, generator: g });
      return [0, 1, 2].map(() => ([...dl][0] as Tensor[])[1].tolist());
    };
    const [e1, e2] = [epochs(new tg.Generator(3)), epochs(new tg.Generator(3))];
    expect(e1).toEqual(e2);
    expect(e1[0]).not.toEqual(e1[1]);
    for (const e of e1) expect([...(e as number[])].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i * 10));
    // Without a generator, the default generator seeds each epoch (tg.manualSeed makes it reproducible).
    tg.manualSeed(11);
    const a = [...new D.RandomSampler({ length: 6 })];
    tg.manualSeed(11);
    expect([...new D.RandomSampler({ length: 6 })]).toEqual(a);
  });
  it('RandomSampler with replacement and numSamples; SubsetRandomSampler; WeightedRandomSampler', () => {
    const g = new tg.Generator(1);
    const rep = [...new D.RandomSampler({ length: 5 }, true, 70, g)];
    expect(rep.length).toBe(70);
    expect(rep.every((i) => Number.isInteger(i) && i >= 0 && i < 5)).toBe(true);
    const more = new D.RandomSampler({ length: 4 }, { numSamples: 10, generator: g });
    const m = [...more];
    expect([more.length, m.length]).toEqual([10, 10]);
    expect([...m.slice(0, 8)].sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3]); // two whole permutations first
    const sub = [...new D.SubsetRandomSampler([5, 7, 9], g)];
    expect(sub.sort()).toEqual([5, 7, 9]);
    const w = new D.WeightedRandomSampler([0, 1, 0, 3], 50, { generator: g });
    const ws = [...w];
    expect([w.length, ws.length, ws.every((i) => i === 1 || i === 3)]).toEqual([50, 50, true]);
    expect([...new D.WeightedRandomSampler([1, 1, 1], 3, false, g)].sort()).toEqual([0, 1, 2]);
  });
  it('batches of Subsets of a TensorDataset (the fast path) equal collating the samples', () => {
    const ds = tensorDs(9);
    const [a] = D.randomSplit(ds, [5, 4], new tg.Generator(5));
    const sub = new D.Subset(a, [4, 0, 2, -1]);
    const fast = [...new D.DataLoader(sub, { batchSize: 3 })];
    const slow = [...new D.DataLoader(sub, { batchSize: 3, collateFn: (b: unknown[]) => D.defaultCollate(b) })];
    expect(enc(fast)).toEqual(enc(slow));
    expect((fast[0] as Tensor[])[1].tolist()).toEqual([4, 0, 2].map((i) => (a.indices[i]) * 10));
    expect(() => [...new D.DataLoader(new D.Subset(ds, [0, 12]), { batchSize: 2 })]).toThrow(/select/);
  });
  it('a sampler or batchSampler drives the loader; batchSize null yields samples; async get is awaited', async () => {
    const ds = tensorDs(6);
    const bySampler = [...new D.DataLoader(ds, { batchSize: 2, sampler: [5, 4, 3, 2, 1, 0] })];
    expect((bySampler[0] as Tensor[])[1].tolist()).toEqual([50, 40]);
    const byBatch = [...new D.DataLoader(ds, { batchSampler: [[0, 5], [2]] })];
    expect(byBatch.map((b) => (b as Tensor[])[1].tolist())).toEqual([[0, 50], [20]]);
    const single = [...new D.DataLoader(ds, { batchSize: null })];
    expect(single.length).toBe(6);
    expect((single[2] as Tensor[])[0].tolist()).toEqual([4, 5]);
    const slow = { length: 3, get: async (i: number) => ({ v: i * 2 }) };
    const got: unknown[] = [];
    for await (const b of new D.DataLoader(slow, { batchSize: 2 })) got.push(enc(b));
    expect(got).toEqual([{ dict: { v: { t: [0, 2], dtype: 'int64', shape: [2] } } }, { dict: { v: { t: [4], dtype: 'int64', shape: [1] } } }]);
    const chain = new Stream(2).add(new Stream(3));
    expect([...chain].length).toBe(5);
    expect(chain.length).toBe(5);
  });
});

describe('plain objects as datasets and samplers', () => {
  it('an iterable plain object is a sampler, not options', () => {
    const sampler = { *[Symbol.iterator]() { yield* [2, 0]; } };
    expect([...new D.BatchSampler(sampler, 1, false)]).toEqual([[2], [0]]);
    const dl = new D.DataLoader({ length: 3, get: (i: number) => i }, 1, false, sampler);
    expect([...dl].map((b) => (b as Tensor).tolist())).toEqual([[2], [0]]);
  });
});
