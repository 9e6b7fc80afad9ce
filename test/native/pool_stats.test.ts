// The thread pool's counters (tg::PoolStats, native.poolStats()): bench/scaling-probe.cjs reads them to tell
// kernel time from the rest of a call and to see whether the second thread got work (docs/performance.md,
// "scaling"). These tests pin what each counter means, and that every issue-18 family at its bench size
// reaches the pool on two threads.
import { afterAll, describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { native } from '../../lib/native.js';

type Stats = ReturnType<typeof native.poolStats>;
const delta = (a: Stats, b: Stats) =>
  Object.fromEntries(Object.keys(a).map((k) => [k, b[k as keyof Stats] - a[k as keyof Stats]])) as Stats;

function counted(threads: number, run: () => unknown): Stats {
  tg.setNumThreads(threads);
  run();  // starts the workers
  const s0 = native.poolStats();
  run();
  return delta(s0, native.poolStats());
}

describe('pool counters', () => {
  const saved = tg.getNumThreads();
  afterAll(() => tg.setNumThreads(saved));

  it('one thread: a kernel above its grain is timed but never reaches the pool', () => {
    const x = tg.rand([1 << 20]);
    const d = counted(1, () => tg.noGrad(() => x.exp()));
    expect(d.workCalls).toBe(1);
    expect(d.workNs).toBeGreaterThan(0);
    expect(d.jobs).toBe(0);
    expect(d.chunks).toBe(0);
  });

  it('below the grain: neither timed nor pooled', () => {
    const x = tg.rand([1000]);
    const d = counted(2, () => tg.noGrad(() => x.exp()));
    expect(d.workCalls).toBe(0);
    expect(d.jobs).toBe(0);
  });

  it('two threads: one job of two chunks, each run by exactly one thread', () => {
    const x = tg.rand([1 << 20]);
    const d = counted(2, () => tg.noGrad(() => x.exp()));
    expect(d.workCalls).toBe(1);
    expect(d.jobs + d.busy).toBe(1);
    if (d.jobs === 1) {
      expect(d.chunks).toBe(2);
      expect(d.workerChunks).toBeGreaterThanOrEqual(0);
      expect(d.workerChunks).toBeLessThanOrEqual(2);
    }
  });

  it('chunk CPU time is summed only while timing is on', () => {
    const x = tg.rand([1 << 20]);
    const run = () => tg.noGrad(() => x.exp());
    native.setPoolCpuTiming(false);
    expect(counted(2, run).chunkCpuNs).toBe(0);
    native.setPoolCpuTiming(true);
    try {
      const d = counted(2, run);
      if (d.jobs === 1) expect(d.chunkCpuNs).toBeGreaterThan(0);
    } finally {
      native.setPoolCpuTiming(false);
    }
  });

  // The families of issue 18 at their bench sizes: each call's parallel kernels all reach the pool.
  const F = tg.nn.functional;
  const families: [string, () => () => unknown, number][] = [
    ['exp(x).sum().backward() 1e6', () => {
      const x = tg.randn([1e6]).requiresGrad_();
      return () => { x.exp().sum().backward(); x.grad = null; };
    }, 3],
    ['layerNorm 8x256x256', () => {
      const x = tg.randn([8, 256, 256]), w = tg.ones([256]), b = tg.zeros([256]);
      return () => tg.noGrad(() => F.layerNorm(x, [256], w, b));
    }, 1],
    ['batchNorm training 128x16x28x28', () => {
      const x = tg.randn([128, 16, 28, 28]), rm = tg.zeros([16]), rv = tg.ones([16]);
      return () => tg.noGrad(() => F.batchNorm(x, rm, rv, null, null, true));
    }, 2],
    ['maxPool2d 128x16x28x28', () => {
      const x = tg.randn([128, 16, 28, 28]);
      return () => tg.noGrad(() => F.maxPool2d(x, 2));
    }, 1],
    ['softmax 8x256x256', () => {
      const x = tg.randn([8, 256, 256]);
      return () => tg.noGrad(() => F.softmax(x, -1));
    }, 1],
  ];
  for (const [name, make, atLeast] of families) {
    it(`${name}: at least ${atLeast} kernel call(s) above the grain, every one pooled on 2 threads`, () => {
      const run = make();
      const one = counted(1, run), two = counted(2, run);
      expect(one.workCalls).toBeGreaterThanOrEqual(atLeast);
      expect(two.workCalls).toBe(one.workCalls);
      expect(two.jobs + two.busy).toBe(two.workCalls);
    });
  }
});

// Note [Chunks per thread]: the chunk count changes how a job is cut, never a result. Every family of issue 18,
// forward and backward, on sizes that are not multiples of any chunk: the same bits on one thread and on two
// at 1, 3 and 16 chunks per thread.
describe('results do not depend on chunks per thread', () => {
  const saved = tg.getNumThreads();
  afterAll(() => {
    tg.setNumThreads(saved);
    native.setChunksPerThread(1);
  });
  const F = tg.nn.functional;
  const bits = (t: { _data: unknown }) => Array.from(new Uint32Array((t._data as Float32Array).slice().buffer));
  const grads = (fn: (x: ReturnType<typeof tg.randn>) => ReturnType<typeof tg.randn>, shape: number[], seed: number) => () => {
    tg.manualSeed(seed);
    const x = tg.randn(shape).requiresGrad_();
    const y = fn(x);
    y.backward(tg.randn(y.shape));
    return [bits(y), bits(x.grad!)];
  };
  const cases: [string, () => number[][]][] = [
    ['exp', grads((x) => x.exp(), [1_000_003], 1)],
    ['tanh', grads((x) => x.tanh(), [1_000_003], 2)],
    ['sigmoid', grads((x) => x.sigmoid(), [1_000_003], 3)],
    ['sum', () => { tg.manualSeed(4); return [bits(tg.randn([1_000_003]).sum())]; }],
    ['layerNorm', grads((x) => F.layerNorm(x, [255]), [7, 301, 255], 5)],
    ['softmax', grads((x) => F.softmax(x, -1), [7, 301, 255], 6)],
    ['logSoftmax dim 1', grads((x) => F.logSoftmax(x, 1), [7, 301, 255], 7)],
    ['batchNorm', grads((x) => F.batchNorm(x, null, null, null, null, true), [61, 16, 27, 29], 8)],
    ['maxPool2d', grads((x) => F.maxPool2d(x, 2), [61, 16, 27, 29], 9)],
    ['cumsum', grads((x) => x.cumsum(1), [7, 150_001], 10)],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      tg.setNumThreads(1);
      const want = run();
      tg.setNumThreads(2);
      for (const c of [1, 3, 16]) {
        native.setChunksPerThread(c);
        const got = run();
        for (let k = 0; k < want.length; k++) {
          let same = got[k].length === want[k].length;
          for (let i = 0; same && i < want[k].length; i++) same = got[k][i] === want[k][i];
          expect(same, `${name} output ${k} at ${c} chunks per thread`).toBe(true);
        }
      }
    });
  }

  it('setChunksPerThread checks its argument and returns the previous value', () => {
    native.setChunksPerThread(1);
    expect(native.setChunksPerThread(5)).toBe(1);
    expect(native.setChunksPerThread(1)).toBe(5);
    expect(() => native.setChunksPerThread(0)).toThrow(/setChunksPerThread: expected 1\.\.64, got 0/);
  });
});
