// tg.Generator and the default generator behind rand/randn/randint/dropout and the samplers of
// ops/sampling.ts: xoshiro128** seeded by splitmix32, Box-Muller normals.
//
// Note [One stream per generator]: every sample is drawn in JS, in element order, from the generator's one
// xoshiro128** stream; no native kernel and no thread draws random numbers. So a seed gives the same values
// whatever tg.setNumThreads or backends.cpu.setCapability say, on every platform (the transforms use only
// IEEE-exact arithmetic plus Math.log/cos/sin, which V8 computes with its own fdlibm port, the same
// everywhere). The stream is not PyTorch's (mt19937); getState() is the whole state (four words, the cached
// Box-Muller spare, the initial seed), so setState() replays the stream exactly.
import type { Data } from '../storage.js';
import { Tensor } from '../tensor.js';
import { Storage, allocData } from '../storage.js';
import { dtypeCode } from '../dtype.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { kwMethods, declareConstructor, signature, parseArgs } from '../kwargs.js';

/** Length of getState()'s int32 tensor: s[0..3], spare flag, spare (float64 bits lo, hi), seed (lo, hi). */
const STATE_WORDS = 9;

const GENERATOR_SIG = signature('Generator', 'seed');

/**
 * A random number generator to pass as `{ generator }` to the samplers; its streams are reproducible on every platform (not PyTorch's values).
 *
 * A random number generator (torch.Generator): pass it as `{ generator }` to rand, randn and randint.
 *
 * @see torch.Generator
 * @example
 * ```ts
 * const g = new tg.Generator(42)
 * const a = tg.rand(2, { generator: g })
 * g.manualSeed(42)
 * tg.equal(a, tg.rand(2, { generator: g })) // => true
 * ```
 */
export class Generator {
  private s = new Uint32Array(4);
  private spare: number | null = null;
  private initial = 0;

  constructor(seed?: number | { seed?: number }) {
    const [s] = parseArgs(GENERATOR_SIG, arguments) as [number | undefined];
    this.reseed(s === undefined || s === null ? Date.now() : checkSeed('Generator', s));
  }

  /**
   * Seeds the generator; returns it.
   *
   * Seeds this generator and returns it.
   *
   * @see torch.Generator.manual_seed
   * @example
   * ```ts
   * const g = new tg.Generator()
   * g.manualSeed(3).initialSeed() // => 3
   * ```
   */
  manualSeed(seed: number): this {
    this.reseed(checkSeed('Generator.manualSeed', seed));
    return this;
  }

  /**
   * The seed the generator was last seeded with.
   *
   * The seed last set.
   *
   * @see torch.Generator.initial_seed
   * @example
   * ```ts
   * new tg.Generator(5).initialSeed() // => 5
   * ```
   */
  initialSeed(): number {
    return this.initial;
  }

  /**
   * Seeds from a non-deterministic source and returns the seed.
   *
   * Seeds with a non-deterministic seed (PyTorch's Generator.seed) and returns that seed.
   *
   * @see torch.Generator.seed
   * @example
   * ```ts
   * typeof new tg.Generator().seed() // => 'number'
   * ```
   */
  seed(): number {
    const s = Math.floor(Math.random() * 2 ** 21) * 2 ** 32 + ((Date.now() ^ Math.floor(Math.random() * 2 ** 32)) >>> 0);
    this.reseed(s);
    return s;
  }

  /**
   * The generator's state as a tensor, for setState.
   *
   * The whole state as an int32 tensor (PyTorch's is a uint8 tensor); setState() restores it.
   *
   * @see torch.Generator.get_state
   * @example
   * ```ts
   * const g = new tg.Generator(1)
   * const s = g.getState()
   * const a = tg.rand(2, { generator: g })
   * g.setState(s)
   * tg.equal(a, tg.rand(2, { generator: g })) // => true
   * ```
   */
  getState(): Tensor {
    const data = allocData(dtypeCode.int32, STATE_WORDS) as Int32Array;
    for (let i = 0; i < 4; i++) data[i] = this.s[i] | 0;
    const f = new Float64Array(2);
    const w = new Int32Array(f.buffer);
    data[4] = this.spare === null ? 0 : 1;
    f[0] = this.spare ?? 0;
    f[1] = this.initial;
    data.set(w, 5);
    return new Tensor(new Storage(data), [STATE_WORDS], 'int32');
  }

  /**
   * Restores a state from getState.
   *
   * Restores a state from getState() and returns this generator.
   *
   * @see torch.Generator.set_state
   * @example
   * ```ts
   * const g = new tg.Generator(1)
   * const s = g.getState()
   * const a = tg.randn(2, { generator: g })
   * g.setState(s)
   * tg.equal(a, tg.randn(2, { generator: g })) // => true
   * ```
   */
  setState(newState: Tensor): this {
    return this._restore('Generator.setState', newState);
  }

  /** @internal setState under the name of the public function that called it (tg.setRngState). */
  _restore(op: string, newState: Tensor): this {
    if (!(newState instanceof Tensor)) throw typeError(op, `expected a Tensor from getState(), got ${describe(newState)}`);
    if (newState.dtype !== 'int32') throw typeError(op, `expected an int32 tensor from getState(), got ${newState.dtype}`);
    if (newState.shape.length !== 1 || newState.shape[0] !== STATE_WORDS)
      throw rangeError(op, `RNG state is wrong size: expected shape [${STATE_WORDS}], got ${fmtShape(newState.shape)}`);
    const d = newState._data as Int32Array;
    if ((d[0] | d[1] | d[2] | d[3]) === 0 || (d[4] !== 0 && d[4] !== 1)) throw rangeError(op, 'invalid RNG state (not made by getState())');
    for (let i = 0; i < 4; i++) this.s[i] = d[i] >>> 0;
    const f = new Float64Array(new Int32Array(d.subarray(5, 9)).buffer);
    this.spare = d[4] === 1 ? f[0] : null;
    this.initial = f[1];
    return this;
  }

  private reseed(seed: number): void {
    this.initial = seed;
    // splitmix32 of the low 32 bits; the bits above (negative seeds count as 2^64 + seed, as PyTorch's
    // uint64 seeds) are mixed in by a second pass, so seeds below 2^32 keep their streams and no two
    // integer seeds share one.
    const lo = (seed >= 0 ? seed % 4294967296 : 4294967296 + (seed % 4294967296)) >>> 0;
    const hi = seed >= 0 && seed < 4294967296 ? 0 : Math.floor(seed / 4294967296) | 0;
    let x = lo;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      this.s[i] = mix32(x);
    }
    if (hi !== 0) {
      let y = hi >>> 0;
      for (let i = 0; i < 4; i++) {
        y = (y + 0x7f4a7c15) >>> 0;
        this.s[i] = (this.s[i] ^ mix32(y ^ 0x5bd1e995)) >>> 0;
      }
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
    this.spare = null;
  }

  /** @internal 32 random bits. */
  next(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  /** @internal Uniform in [0, 1) with 53 random bits. */
  double(): number {
    return ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) / 9007199254740992;
  }

  /**
   * @internal The values of out.length double() calls, in order. next() is inlined with the state in locals
   * (written back at the end): the same stream, several times faster than a call and four typed-array reads
   * and writes per 32 bits (dropout's masks draw a value per element every training step).
   */
  uniform(out: Data): void {
    const st = this.s;
    let s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const a = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const b = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      out[i] = ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992;
    }
    st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
    if (out instanceof Float32Array) for (let i = 0; i < n; i++) if (out[i] >= 1) out[i] = 0.99999994;
  }

  /** @internal */
  normal(out: Data): void {
    for (let i = 0; i < out.length; i++) out[i] = this.gauss();
  }

  /** @internal */
  integers(out: Data, low: number, high: number): void {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + Math.floor(this.double() * span);
  }

  /** @internal An integer uniform in [0, n), n <= 2^53: rejection sampling, so unbiased for every n. */
  below(n: number): number {
    // Past 2^53 the limit below would be 0 and the loop endless.
    if (!(n >= 1 && n <= 9007199254740992)) throw new RangeError(`Generator: cannot draw uniformly from ${n} integers (at most 2^53)`);
    if (n <= 4294967296) {
      // The largest multiple of n below 2^32: draws at or past it are rejected (fewer than half of them).
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const r = this.next();
        if (r < limit) return r % n;
      }
    }
    const limit = 9007199254740992 - (9007199254740992 % n);
    for (;;) {
      const r = this.double() * 9007199254740992;
      if (r < limit) return r % n;
    }
  }

  /** @internal One standard normal (shares the Box-Muller spare with normal()). */
  gauss(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    const u1 = 1 - this.double();
    const u2 = this.double();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** @internal One Exp(1) sample: -log(1 - u), u in [0, 1), so finite and >= 0. */
  exp1(): number {
    return -Math.log(1 - this.double());
  }
}

/** splitmix32's finalizer. */
function mix32(x: number): number {
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A seed: an integer JS represents exactly (PyTorch: "manual_seed expected a long"). */
function checkSeed(op: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw typeError(op, `expected an integer seed (|seed| <= 2^53 - 1), got ${describe(seed)}`);
  return seed;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

// Signatures (Note [Keyword arguments]); uniform/normal/integers are tensorgrad's internal sampling helpers.
declareConstructor(Generator, GENERATOR_SIG);
kwMethods(Generator.prototype, 'Generator', { manualSeed: 'seed', initialSeed: '', seed: '', getState: '', setState: 'newState' });

/** The default generator (tg.manualSeed seeds it). */
export const defaultGenerator = new Generator(Date.now());

/** @internal A sampler's `generator` argument: a tg.Generator, or the default one for null/undefined. */
export function generatorOf(op: string, g: unknown): Generator {
  if (g === undefined || g === null) return defaultGenerator;
  if (!(g instanceof Generator)) throw typeError(op, `generator must be a tg.Generator, got ${describe(g)}`);
  return g;
}
