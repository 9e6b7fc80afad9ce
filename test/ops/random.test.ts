// Random sampling (issue 15 item 4): tg.Generator's state, the samplers' shapes, dtypes and errors against
// PyTorch 1.13 (test/fixtures/random.json, made by test/fixtures/gen/gen_random.py), their distributions, and
// determinism for a seed across thread counts and kernel capabilities.
//
// Note [Statistical tests]: every test draws from a fixed seed, so it is deterministic; the threshold of each
// is the critical value at significance 0.001 (a correct sampler with a random seed would fail with
// probability 0.001), and its sample size is chosen for the power stated beside it. KS: D_crit = 1.949 /
// sqrt(n); chi-square critical values are the 0.999 quantiles for the degrees of freedom given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, afterEach } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { runCase, type RandomCase } from './random_fixture.js';

const FIXTURE: { cases: RandomCase[] } = JSON.parse(readFileSync(join(__dirname, '../fixtures/random.json'), 'utf8'));

// PyTorch messages tensorgrad words differently, with the reason (every other error contains PyTorch's own text).
const OWN_WORDING: Record<string, string> = {
  'normal/tensor_tensor_mismatch': "tensorgrad's broadcast error",
  'bernoulli_/p_tensor_wrong_shape': "tensorgrad's broadcast error",
  'bernoulli_/p_tensor_bigger': "tensorgrad's broadcast error",
  'normal/float_float_no_size': "Python's overload resolution message",
  'normal/tensor_with_size': "Python's overload resolution message",
  'multinomial/float_samples': "Python's argument parser message",
  'randperm/non_integer': "Python's argument parser message",
  'randperm/int_requires_grad': 'no complex dtypes in tensorgrad',
  'bernoulli/probs_above_one': 'PyTorch\'s "Expected p_in >= 0 && p_in <= 1" names no value; ours does',
  'bernoulli/probs_negative': 'as above',
  'bernoulli/probs_nan': 'as above',
  'bernoulli_/p_tensor_out_of_range': 'as above',
};

/** PyTorch's message in tensorgrad's spelling of dtypes and values. */
function tgSpelling(msg: string): string {
  return msg.replace(/'Int'/g, 'int32').replace(/'Bool'/g, 'bool').replace(/: Int$/, ': int32').replace(/std nan/, 'std NaN')
    .replace(/lambda=nan/, 'lambda=NaN').replace(/for float$/, 'for float32').replace(/for int$/, 'for int32');
}

describe('samplers: shapes, dtypes and errors as PyTorch 1.13', () => {
  it('has cases', () => expect(FIXTURE.cases.length).toBeGreaterThan(80));
  for (const c of FIXTURE.cases) {
    it(c.id, () => {
      const op = c.fn.replace(/^(torch|Tensor|nn\.init)\./, '').replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
      if (c.out) {
        const r = runCase(c);
        if (c.out.value !== undefined) return void expect(r).toBe(c.out.value);
        const t = r as Tensor;
        expect([t.shape, t.dtype, t.requiresGrad]).toEqual([c.out.shape, c.out.dtype, c.out.requires_grad]);
        if (c.out.values) expect(values(t)).toEqual(c.out.values);
        return;
      }
      let err: unknown = null;
      try {
        runCase(c);
      } catch (e) {
        err = e;
      }
      expect(err, `PyTorch: ${c.error}`).toBeInstanceOf(Error);
      const msg = (err as Error).message;
      expect(msg.startsWith(`${op}:`), msg).toBe(true);
      if (!(c.id in OWN_WORDING)) expect(msg).toContain(tgSpelling(c.error as string));
    });
  }
});

// ---- statistics ------------------------------------------------------------------------------------------------

/** erf, Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7, far below the KS thresholds). */
function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x), t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const normalCdf = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));

/** Kolmogorov-Smirnov statistic of the samples against cdf. */
function ks(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(samples).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}
const ksCrit = (n: number): number => 1.949 / Math.sqrt(n);

function chiSquare(observed: number[], expected: number[]): number {
  let s = 0;
  for (let i = 0; i < observed.length; i++) s += (observed[i] - expected[i]) ** 2 / expected[i];
  return s;
}
/** 0.999 quantiles of chi-square by degrees of freedom. */
const CHI2_999: Record<number, number> = { 2: 13.816, 6: 22.458, 8: 26.124, 11: 31.264, 23: 49.728 };

const values = (t: Tensor): number[] => Array.from(t.toTypedArray() as ArrayLike<number>, Number);
const N = 50000; // KS: rejects any CDF off by >= 0.02 anywhere with power > 0.9999 (0.02 - D_crit = 5 sd of the empirical CDF)

describe('distributions (Note [Statistical tests])', () => {
  it('normal(mean, std, size) and normal_ are N(mean, std^2) (KS; std off by 10% moves the CDF by 0.024)', () => {
    const a = tg.normal(1.5, 2, [N], { generator: new tg.Generator(1), dtype: 'float64' });
    expect(ks(values(a), (x) => normalCdf((x - 1.5) / 2))).toBeLessThan(ksCrit(N));
    const b = tg.zeros([N]).normal_(-1, 0.5, { generator: new tg.Generator(2) });
    expect(ks(values(b), (x) => normalCdf((x + 1) / 0.5))).toBeLessThan(ksCrit(N));
    // The test can fail: the same samples against a 10% wider normal.
    expect(ks(values(a), (x) => normalCdf((x - 1.5) / 2.2))).toBeGreaterThan(ksCrit(N));
  });

  it("normal's tensor forms use each element's mean and std, broadcast (KS of the standardized samples)", () => {
    const g = new tg.Generator(3);
    const mean = tg.arange(N, { dtype: 'float64' }).div(N / 10);
    const std = tg.tensor(Array.from({ length: N }, (_, i) => 0.5 + (i % 7)), { dtype: 'float64' });
    const forms: [Tensor, number[], number[]][] = [];
    const ms = values(mean), ss = values(std);
    forms.push([tg.normal(mean, std, { generator: g }), ms, ss]);
    forms.push([tg.normal(mean, 3, { generator: g }), ms, ms.map(() => 3)]);
    forms.push([tg.normal(-2, std, { generator: g }), ms.map(() => -2), ss]);
    const col = tg.tensor([[0], [10]], { dtype: 'float64' });
    const row = tg.full([N / 2], 2, { dtype: 'float64' });
    const bc = tg.normal(col, row, { generator: g });
    expect(bc.shape).toEqual([2, N / 2]);
    forms.push([bc, [...Array(N / 2).fill(0), ...Array(N / 2).fill(10)], Array(N).fill(2)]);
    for (const [out, m, s] of forms) {
      const z = values(out).map((v, i) => (v - m[i]) / s[i]);
      expect(ks(z, normalCdf)).toBeLessThan(ksCrit(N));
    }
  });

  it('uniform_ is U(from, to) and stays below to in float32 (KS)', () => {
    const a = tg.zeros([N], { dtype: 'float64' }).uniform_(-2, 3, { generator: new tg.Generator(4) });
    expect(ks(values(a), (x) => Math.min(1, Math.max(0, (x + 2) / 5)))).toBeLessThan(ksCrit(N));
    const b = values(tg.zeros([N]).uniform_(1, 1.0000001, { generator: new tg.Generator(5) }));
    expect(Math.max(...b)).toBeLessThan(Math.fround(1.0000001));
    expect(Math.min(...b)).toBeGreaterThanOrEqual(1);
  });

  it('exponential_ is Exp(lambd) (KS); lambd = 0 gives inf as PyTorch', () => {
    const a = tg.zeros([N], { dtype: 'float64' }).exponential_(2, { generator: new tg.Generator(6) });
    expect(ks(values(a), (x) => 1 - Math.exp(-2 * x))).toBeLessThan(ksCrit(N));
    expect(ks(values(a), (x) => 1 - Math.exp(-2.2 * x))).toBeGreaterThan(ksCrit(N)); // power: a 10% rate error fails
    expect(values(tg.zeros([3]).exponential_(0))).toEqual([Infinity, Infinity, Infinity]);
  });

  it('bernoulli draws each element with its probability (binomial z-tests at |z| < 3.29, sd 0.0035 per group)', () => {
    const n = 20000;
    const p = tg.tensor(Array.from({ length: 3 * n }, (_, i) => [0.1, 0.5, 0.9][i % 3]), { dtype: 'float64' });
    const draws = [
      values(tg.bernoulli(p, { generator: new tg.Generator(7) })),
      values(tg.zeros([3 * n]).bernoulli_(p, { generator: new tg.Generator(8) })),
      values(tg.zeros([n, 3]).bernoulli_(tg.tensor([0.1, 0.5, 0.9]), { generator: new tg.Generator(9) })),
    ];
    for (const d of draws)
      for (let k = 0; k < 3; k++) {
        const pk = [0.1, 0.5, 0.9][k];
        let hits = 0;
        for (let i = k; i < d.length; i += 3) hits += d[i];
        expect(Math.abs(hits - n * pk) / Math.sqrt(n * pk * (1 - pk))).toBeLessThan(3.29);
      }
    const scalar = values(tg.bernoulli(tg.zeros([n]), 0.25, { generator: new tg.Generator(10) }));
    expect(Math.abs(scalar.reduce((a, b) => a + b) - n / 4) / Math.sqrt(n * 0.1875)).toBeLessThan(3.29);
    expect(values(tg.bernoulli(tg.zeros([100])))).toEqual(Array(100).fill(0));
    expect(values(tg.bernoulli(tg.ones([100])))).toEqual(Array(100).fill(1));
  });

  it('multinomial with replacement follows the weights; a zero weight is never drawn (chi-square df 8)', () => {
    // 45000 draws, expected 1000 * w: moving 1% of the mass from any category to another gives noncentrality
    // >= 60, rejected with power > 0.99 (a planted 1.1% shift in the CDF path fails it; 0.66% does not).
    // Both samplers: the alias table (many draws per category) and the CDF (one row of 2 draws per 10 categories).
    const w = tg.tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const draws = [
      values(tg.multinomial(w, 45000, true, { generator: new tg.Generator(11) })),
      values(tg.multinomial(w.expand([22500, 10]), 2, true, { generator: new tg.Generator(12) })),
      values(tg.multinomial(w.expand([45000, 10]), 1, { generator: new tg.Generator(13) })),
    ];
    for (const d of draws) {
      const counts = Array(10).fill(0);
      for (const i of d) counts[i]++;
      expect(counts[0]).toBe(0);
      expect(chiSquare(counts.slice(1), [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => 1000 * k))).toBeLessThan(CHI2_999[8]);
    }
  });

  it('multinomial without replacement: distinct indices, ordered pairs as sequential draws (chi-square df 11)', () => {
    // P(i then j) = p_i p_j / (1 - p_i); 30000 rows, expected counts >= 1000 per cell.
    const rows = 30000, p = [0.1, 0.2, 0.3, 0.4];
    const out = tg.multinomial(tg.tensor(p).mul(10).expand([rows, 4]), 2, { generator: new tg.Generator(12) });
    expect(out.shape).toEqual([rows, 2]);
    const v = values(out);
    const obs: number[] = [], exp: number[] = [];
    const count = new Map<string, number>();
    let repeats = 0;
    for (let r = 0; r < rows; r++) {
      if (v[2 * r] === v[2 * r + 1]) repeats++;
      const k = `${v[2 * r]},${v[2 * r + 1]}`;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    expect(repeats).toBe(0);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        if (i !== j) {
          obs.push(count.get(`${i},${j}`) ?? 0);
          exp.push((rows * p[i] * p[j]) / (1 - p[i]));
        }
    expect(chiSquare(obs, exp)).toBeLessThan(CHI2_999[11]);
    // Zero weights are never drawn; asking for more than the non-zero categories is PyTorch's (CUDA) error.
    for (let s = 0; s < 50; s++) expect(values(tg.multinomial(tg.tensor([0, 1, 0, 3]), 2)).sort()).toEqual([1, 3]);
    expect(() => tg.multinomial(tg.tensor([0, 1, 0, 3]), 3)).toThrow(/multinomial: invalid multinomial distribution \(with replacement=False, not enough non-negative category to sample\)/);
    // All categories: a permutation.
    expect(values(tg.multinomial(tg.ones([100]), 100)).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('randperm gives each of the 24 permutations of 4 equally often (chi-square df 23) and is a permutation', () => {
    const g = new tg.Generator(13);
    const count = new Map<string, number>();
    for (let i = 0; i < 24000; i++) {
      const k = values(tg.randperm(4, { generator: g })).join();
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    expect(count.size).toBe(24);
    expect(chiSquare([...count.values()], Array(24).fill(1000))).toBeLessThan(CHI2_999[23]);
    expect(values(tg.randperm(1000, { generator: g })).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('cauchy_, logNormal_ and geometric_ have their distributions (KS; chi-square df 6 on 1..6 and 7+)', () => {
    const c = values(tg.zeros([N], { dtype: 'float64' }).cauchy_(1, 0.5, { generator: new tg.Generator(31) }));
    expect(ks(c, (x) => 0.5 + Math.atan((x - 1) / 0.5) / Math.PI)).toBeLessThan(ksCrit(N));
    expect(ks(c, (x) => 0.5 + Math.atan((x - 1) / 0.55) / Math.PI)).toBeGreaterThan(ksCrit(N)); // power: a 10% wider scale fails
    const ln = values(tg.zeros([N], { dtype: 'float64' }).logNormal_(0.5, 0.25, { generator: new tg.Generator(32) }));
    expect(ks(ln.map(Math.log), (x) => normalCdf((x - 0.5) / 0.25))).toBeLessThan(ksCrit(N));
    // geometric(0.3): P(k) = 0.7^(k-1) 0.3; 30000 draws in int32 and float32.
    for (const dtype of ['int32', 'float32'] as const) {
      const gd = values(tg.zeros([30000], { dtype }).geometric_(0.3, { generator: new tg.Generator(33) }));
      expect(gd.every((k) => Number.isInteger(k) && k >= 1)).toBe(true);
      const obs = Array(7).fill(0);
      for (const k of gd) obs[Math.min(k, 7) - 1]++;
      const exp = obs.map((_, i) => 30000 * (i < 6 ? 0.7 ** i * 0.3 : 0.7 ** 6));
      expect(chiSquare(obs, exp)).toBeLessThan(CHI2_999[6]);
    }
  });

  it('random_ is uniform on [from, to) (chi-square df 6) and on its dtype range without bounds', () => {
    const counts = Array(7).fill(0);
    for (const v of values(tg.zeros([70000], { dtype: 'int32' }).random_(-3, 4, { generator: new tg.Generator(14) }))) counts[v + 3]++;
    expect(chiSquare(counts, Array(7).fill(10000))).toBeLessThan(CHI2_999[6]);
    const f = values(tg.zeros([1000]).random_({ generator: new tg.Generator(15) }));
    expect(f.every((v) => Number.isInteger(v) && v >= 0 && v <= 2 ** 24)).toBe(true);
    expect(Math.max(...f)).toBeGreaterThan(2 ** 23); // not stuck in a small range
    // float64 draws from [0, 2^53); a range wider than 2^53 is an error, not an endless loop (it used to hang).
    const f64 = values(tg.zeros([1000], { dtype: 'float64' }).random_({ generator: new tg.Generator(15) }));
    expect(f64.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 53)).toBe(true);
    expect(Math.max(...f64)).toBeGreaterThan(2 ** 52);
    expect(() => tg.zeros([2], { dtype: 'float64' }).random_(-(2 ** 53), 2 ** 53)).toThrow(/^random_: a range \[from, to\) of more than 2\^53 integers/);
    const b = values(tg.zeros([1000], { dtype: 'bool' }).random_({ generator: new tg.Generator(16) }));
    expect(chiSquare([b.filter((v) => v === 0).length, b.filter((v) => v === 1).length], [500, 500])).toBeLessThan(10.828);
  });

  it('randintLike takes a generator and draws in [low, high)', () => {
    const x = tg.zeros([2, 3]);
    const a = tg.randintLike(x, 2, 5, { generator: new tg.Generator(17) });
    expect(a.shape).toEqual([2, 3]);
    expect(a.dtype).toBe('float32');
    expect(values(a).every((v) => v >= 2 && v < 5 && Number.isInteger(v))).toBe(true);
    expect(a.tolist()).toEqual(tg.randintLike(x, 2, 5, { generator: new tg.Generator(17) }).tolist());
  });
});

// ---- generators ------------------------------------------------------------------------------------------------

/** One of every sampler, from generator g. */
function everySampler(g: InstanceType<typeof tg.Generator>): number[][] {
  const o = { generator: g };
  return [
    tg.rand([5], o), tg.randn([5], o), tg.randint(0, 9, [5], o), tg.normal(0, 1, [5], o), tg.normal(tg.zeros([5]), tg.ones([5]), o),
    tg.bernoulli(tg.full([5], 0.5), o), tg.multinomial(tg.tensor([1, 2, 3, 4]), 3, o), tg.multinomial(tg.tensor([1, 2, 3, 4]), 6, true, o),
    tg.randperm(7, o), tg.zeros([5]).uniform_(-1, 1, o), tg.zeros([5]).normal_(0, 1, o), tg.zeros([5]).bernoulli_(0.5, o),
    tg.zeros([5]).exponential_(1, o), tg.zeros([5]).random_(0, 100, o), tg.randLike(tg.zeros([3]), o), tg.randnLike(tg.zeros([3]), o),
    tg.randintLike(tg.zeros([3]), 10, o), tg.zeros([3]).cauchy_(0, 1, o), tg.zeros([3]).logNormal_(0, 1, o),
    tg.zeros([3]).geometric_(0.5, o),
  ].map(values);
}

describe('tg.Generator', () => {
  afterEach(() => {
    tg.setNumThreads(tg.getNumThreads());
  });

  it('a seed gives the same stream whatever the thread count and kernel capability (Note [One stream per generator])', () => {
    const threads = tg.getNumThreads(), cap = tg.backends.cpu.capability();
    try {
      tg.setNumThreads(1);
      const ref = everySampler(new tg.Generator(21));
      tg.setNumThreads(2);
      expect(everySampler(new tg.Generator(21))).toEqual(ref);
      for (const c of tg.backends.cpu.capabilities()) {
        tg.backends.cpu.setCapability(c);
        expect(everySampler(new tg.Generator(21)), c).toEqual(ref);
      }
      expect(everySampler(new tg.Generator(22))).not.toEqual(ref);
    } finally {
      tg.setNumThreads(threads);
      tg.backends.cpu.setCapability(cap);
    }
  });

  it('getState / setState replay the stream, including a cached Box-Muller spare', () => {
    const g = new tg.Generator(23);
    tg.randn([3], { generator: g }); // odd: one spare normal cached
    const state = g.getState();
    expect([state.dtype, state.shape]).toEqual(['int32', [9]]);
    const a = everySampler(g);
    g.manualSeed(99);
    expect(g.setState(state)).toBe(g);
    expect(everySampler(g)).toEqual(a);
    expect(g.initialSeed()).toBe(23);
    // Another generator takes the state too; the state tensor is a copy (drawing does not change it).
    expect(everySampler(new tg.Generator(0).setState(state))).toEqual(a);
    expect(g.getState().tolist()).not.toEqual(state.tolist());
  });

  it('distinct integer seeds give distinct streams (2^32 apart, negative); seeds are integers', () => {
    const first = (seed: number) => values(tg.rand([4], { generator: new tg.Generator(seed) }));
    const seeds = [0, 2 ** 32, 5, -5, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 40 + 5, 5 - 2 ** 40];
    const streams = new Set(seeds.map((s) => first(s).join()));
    expect(streams.size).toBe(seeds.length);
    for (const s of seeds) expect(first(s)).toEqual(first(s));
    expect(new tg.Generator(-5).initialSeed()).toBe(-5);
    for (const bad of [1.5, NaN, Infinity, 2 ** 53, '3'])
      for (const f of [() => new tg.Generator(bad as number), () => new tg.Generator(0).manualSeed(bad as number), () => tg.manualSeed(bad as number)])
        expect(f).toThrow(/^(Generator|Generator\.manualSeed|manualSeed): expected an integer seed/);
  });

  it('setState rejects what getState cannot have made', () => {
    const g = new tg.Generator(1);
    expect(() => g.setState(tg.zeros([9]))).toThrow(/Generator\.setState: expected an int32 tensor/);
    expect(() => g.setState(tg.zeros([5], { dtype: 'int32' }))).toThrow(/Generator\.setState: RNG state is wrong size/);
    expect(() => g.setState(tg.zeros([9], { dtype: 'int32' }))).toThrow(/Generator\.setState: invalid RNG state/);
    expect(() => g.setState([1, 2] as never)).toThrow(TypeError);
  });

  it('seed() picks a fresh seed, returns it and reseeds', () => {
    const g = new tg.Generator(1);
    const s = g.seed();
    expect(g.initialSeed()).toBe(s);
    expect(Number.isSafeInteger(s)).toBe(true);
    expect(everySampler(g)).toEqual(everySampler(new tg.Generator(s)));
    expect(new tg.Generator(1).seed()).not.toBe(s);
  });

  it('the default generator: manualSeed, seed, initialSeed, getRngState / setRngState', () => {
    tg.manualSeed(31);
    expect(tg.initialSeed()).toBe(31);
    const st = tg.getRngState();
    const a = [tg.normal(0, 1, [4]), tg.randperm(6), tg.zeros([3]).uniform_()].map(values);
    tg.setRngState(st);
    expect([tg.normal(0, 1, [4]), tg.randperm(6), tg.zeros([3]).uniform_()].map(values)).toEqual(a);
    const s = tg.seed();
    expect(tg.initialSeed()).toBe(s);
  });

  it('samplers reject a generator that is not a tg.Generator', () => {
    expect(() => tg.normal(0, 1, [2], { generator: {} as never })).toThrow(/normal: generator must be a tg.Generator/);
    expect(() => tg.zeros([2]).uniform_(0, 1, 3 as never)).toThrow(/uniform_: generator must be a tg.Generator/);
    expect(() => tg.randintLike(tg.zeros([2]), 3, { generator: 5 as never })).toThrow(/randintLike: generator must be a tg.Generator/);
  });
});

describe('in-place samplers refuse what in-place ops refuse', () => {
  const samplers: [string, (t: Tensor) => Tensor][] = [
    ['uniform_', (t) => t.uniform_()], ['normal_', (t) => t.normal_()], ['bernoulli_', (t) => t.bernoulli_(0.5)],
    ['exponential_', (t) => t.exponential_()], ['random_', (t) => t.random_(0, 5)], ['cauchy_', (t) => t.cauchy_()],
    ['logNormal_', (t) => t.logNormal_()], ['geometric_', (t) => t.geometric_(0.5)],
  ];
  for (const [name, f] of samplers) {
    it(name, () => {
      const leaf = tg.zeros([3], { requiresGrad: true });
      expect(() => f(leaf)).toThrow(new RegExp(`^${name}: a leaf Variable that requires grad`));
      tg.noGrad(() => f(leaf)); // allowed without grad mode, as in PyTorch
      const inGraph = leaf.mul(2);
      expect(() => f(inGraph)).toThrow(new RegExp(`^${name}: sampling in place into a tensor .* part of the autograd graph`));
      f(inGraph.detach()); // a detached alias is free to write
      // Into a non-contiguous view: the same values as into a contiguous tensor, written through to the base.
      const base = tg.zeros([3, 4]);
      tg.manualSeed(7);
      f(base.narrow(1, 0, 2));
      tg.manualSeed(7);
      const same = f(tg.zeros([3, 2]));
      expect(base.narrow(1, 0, 2).tolist()).toEqual(same.tolist());
      expect(base.narrow(1, 2, 2).tolist()).toEqual([[0, 0], [0, 0], [0, 0]]);
      expect(() => f(tg.zeros([3]).expand([2, 3]))).toThrow(new RegExp(`^${name}: unsupported operation: more than one element of the written-to tensor`));
      const d = tg.zeros([3]);
      d.dispose();
      expect(() => f(d)).toThrow(new RegExp(`^${name}: tensor of shape \\[3\\] was disposed`));
      // The write bumps the version: a graph that saved the tensor refuses to backward through old values.
      const w = tg.ones([3], { requiresGrad: true });
      const x = tg.ones([3]);
      const y = w.mul(x);
      f(x);
      expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
      expect(f(x)).toBe(x);
    });
  }
});

describe('nn.init (Note [Statistical tests])', () => {
  const init = tg.nn.init;
  const gen = (s: number) => new tg.Generator(s);

  it('every random initializer draws from its generator: the same seed gives the same values', () => {
    const fns: [string, (g: InstanceType<typeof tg.Generator>) => Tensor][] = [
      ['uniform_', (g) => init.uniform_(tg.zeros([4, 5]), -1, 1, g)], ['normal_', (g) => init.normal_(tg.zeros([4, 5]), 0, 1, g)],
      ['truncNormal_', (g) => init.truncNormal_(tg.zeros([4, 5]), { generator: g })],
      ['kaimingUniform_', (g) => init.kaimingUniform_(tg.zeros([4, 5]), { generator: g })],
      ['kaimingNormal_', (g) => init.kaimingNormal_(tg.zeros([4, 5]), { generator: g })],
      ['xavierUniform_', (g) => init.xavierUniform_(tg.zeros([4, 5]), { generator: g })],
      ['xavierNormal_', (g) => init.xavierNormal_(tg.zeros([4, 5]), { generator: g })],
      ['orthogonal_', (g) => init.orthogonal_(tg.zeros([4, 5]), { generator: g })],
      ['sparse_', (g) => init.sparse_(tg.zeros([4, 5]), 0.5, { generator: g })],
    ];
    for (const [name, f] of fns) {
      expect(values(f(gen(1))), name).toEqual(values(f(gen(1))));
      expect(values(f(gen(1))), name).not.toEqual(values(f(gen(2))));
      tg.manualSeed(3);
      const a = values(f(null as never));
      tg.manualSeed(3);
      expect(values(f(null as never)), `${name} without a generator: the default one`).toEqual(a);
    }
  });

  it('uniform_, normal_, kaiming and xavier have their bounds and spreads (KS, n = 50000)', () => {
    const w = () => tg.zeros([250, 200], { dtype: 'float64' }); // fan_in 200, fan_out 250
    const unif = (b: number) => (x: number) => Math.min(1, Math.max(0, (x + b) / (2 * b)));
    const norm = (s: number) => (x: number) => normalCdf(x / s);
    const cases: [string, Tensor, (x: number) => number][] = [
      ['uniform_', init.uniform_(w(), -3, 3, gen(1)), unif(3)],
      ['normal_', init.normal_(w(), 0, 0.02, gen(2)), norm(0.02)],
      ['kaimingUniform_ a=sqrt(5)', init.kaimingUniform_(w(), Math.sqrt(5), { generator: gen(3) }), unif(1 / Math.sqrt(200))],
      ['kaimingNormal_ relu fan_out', init.kaimingNormal_(w(), 0, 'fan_out', 'relu', gen(4)), norm(Math.SQRT2 / Math.sqrt(250))],
      ['xavierUniform_ gain 2', init.xavierUniform_(w(), 2, gen(5)), unif(2 * Math.sqrt(6 / 450))],
      ['xavierNormal_', init.xavierNormal_(w(), 1, gen(6)), norm(Math.sqrt(2 / 450))],
    ];
    for (const [name, t, cdf] of cases) expect(ks(values(t), cdf), name).toBeLessThan(ksCrit(N));
  });

  it('truncNormal_ is the truncated normal in both of its regimes (KS), within [a, b]', () => {
    const truncCdf = (m: number, s: number, a: number, b: number) => {
      const lo = normalCdf((a - m) / s), hi = normalCdf((b - m) / s);
      return (x: number) => (x <= a ? 0 : x >= b ? 1 : (normalCdf((x - m) / s) - lo) / (hi - lo));
    };
    // Rejection (95% of the mass inside) and the inverse CDF (a window holding 0.6% of it, in the tail).
    for (const [m, s, a, b, seed] of [[0.5, 2, -2, 2, 7], [0, 1, 2.5, 4, 8], [1, 0.5, -3, 0, 9]]) {
      const v = values(init.truncNormal_(tg.zeros([N], { dtype: 'float64' }), m, s, a, b, gen(seed)));
      expect(v.every((x) => x >= a && x <= b)).toBe(true);
      expect(ks(v, truncCdf(m, s, a, b)), `${[m, s, a, b]}`).toBeLessThan(ksCrit(N));
    }
    expect(() => init.truncNormal_(tg.zeros([3]), 5, 0, -1, 1)).toThrow(/^truncNormal_: expected std > 0/); // PyTorch: ZeroDivisionError
    expect(() => init.truncNormal_(tg.zeros([3]), 0, 1, 1, -1)).toThrow(/^truncNormal_: expected a <= b/);
  });

  it('orthogonal_: orthonormal rows or columns, times gain; Haar distributed (Q[0][0] of 3x3 is U(-1, 1), KS)', () => {
    for (const shape of [[5, 3], [3, 5], [4, 2, 3], [6, 6]]) {
      const q = init.orthogonal_(tg.zeros(shape, { dtype: 'float64' }), 1.5, gen(10)).reshape([shape[0], -1]);
      const [r, c] = q.shape;
      const gram = r >= c ? q.t().matmul(q) : q.matmul(q.t());
      expect(gram.sub(tg.eye(Math.min(r, c), { dtype: 'float64' }).mul(2.25)).abs().max().item()).toBeLessThan(1e-12);
    }
    const g = gen(11), n = 20000;
    const q00 = Array.from({ length: n }, () => init.orthogonal_(tg.zeros([3, 3], { dtype: 'float64' }), 1, g).tolist() as number[][]).map((m) => m[0][0]);
    expect(ks(q00, (x) => (x + 1) / 2)).toBeLessThan(ksCrit(n));
  });

  it('sparse_: ceil(sparsity * rows) zeros per column, the rest N(0, std^2) (KS)', () => {
    const t = init.sparse_(tg.zeros([400, 150], { dtype: 'float64' }), 0.3, 0.5, gen(12));
    const v = values(t);
    for (let c = 0; c < 150; c++) {
      let zeros = 0;
      for (let r = 0; r < 400; r++) if (v[r * 150 + c] === 0) zeros++;
      expect(zeros).toBe(120);
    }
    const nz = v.filter((x) => x !== 0);
    expect(ks(nz, (x) => normalCdf(x / 0.5))).toBeLessThan(ksCrit(nz.length));
  });

  it("initializes a Parameter (noGrad inside) and writes through a view", () => {
    const p = tg.nn.Parameter(tg.zeros([3, 4]));
    for (const f of [init.uniform_, init.normal_, init.truncNormal_, init.kaimingUniform_, init.xavierNormal_, init.orthogonal_, init.eye_]) {
      expect((f as (t: Tensor) => Tensor)(p)).toBe(p);
      expect(p.requiresGrad).toBe(true);
      const base = tg.zeros([3, 8]);
      tg.manualSeed(3);
      (f as (t: Tensor) => Tensor)(base.narrow(1, 0, 4));
      tg.manualSeed(3);
      const same = (f as (t: Tensor) => Tensor)(tg.zeros([3, 4]));
      expect(base.narrow(1, 0, 4).tolist()).toEqual(same.tolist());
      expect(base.narrow(1, 4, 4).abs().sum().item()).toBe(0);
    }
  });
});

describe('rand: the inlined uniform fill is the generator stream', () => {
  it('gives the values of successive draws of the same generator, and leaves the state after them', () => {
    // Generator.uniform inlines xoshiro128** with the state in locals; it must be the stream double() draws.
    const a = new tg.Generator(2026), b = new tg.Generator(2026);
    const got = tg.rand([1001], { generator: a, dtype: 'float64' })._data as Float64Array;
    const drawn = b as unknown as { double(): number; next(): number };
    let same = 0;
    for (let i = 0; i < got.length; i++) if (got[i] === drawn.double()) same++;
    expect(same).toBe(1001);
    expect(tg.rand([3], { generator: a }).tolist()).toEqual(tg.rand([3], { generator: b }).tolist());
  });
});
