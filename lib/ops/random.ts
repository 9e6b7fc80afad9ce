// tg.Generator and the default generator behind rand/randn/randint/dropout: xoshiro128** seeded by
// splitmix32, Box-Muller normals.
import type { Data } from '../storage.js';
import { kwMethods, declareConstructor, signature, parseArgs } from '../kwargs.js';

const GENERATOR_SIG = signature('Generator', 'seed');

/** A random number generator (torch.Generator): pass it as `{ generator }` to rand, randn and randint. */
export class Generator {
  private s = new Uint32Array(4);
  private spare: number | null = null;
  private initial = 0;

  constructor(seed?: number | { seed?: number }) {
    const [s] = parseArgs(GENERATOR_SIG, arguments) as [number | undefined];
    this.reseed(s ?? Date.now());
  }

  /** Seeds this generator and returns it. @example const g = new tg.Generator().manualSeed(0) */
  manualSeed(seed: number): this {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new TypeError(`Generator.manualSeed: expected a number, got ${typeof seed}`);
    this.reseed(seed);
    return this;
  }

  /** The seed last set. */
  initialSeed(): number {
    return this.initial;
  }

  private reseed(seed: number): void {
    this.initial = seed;
    let x = (Math.floor(Math.abs(seed)) % 4294967296) >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
    this.spare = null;
  }

  private next(): number {
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

  /** @internal */
  uniform(out: Data): void {
    for (let i = 0; i < out.length; i++) out[i] = this.double();
    if (out instanceof Float32Array) for (let i = 0; i < out.length; i++) if (out[i] >= 1) out[i] = 0.99999994;
  }

  /** @internal */
  normal(out: Data): void {
    for (let i = 0; i < out.length; i++) {
      if (this.spare !== null) {
        out[i] = this.spare;
        this.spare = null;
        continue;
      }
      const u1 = 1 - this.double();
      const u2 = this.double();
      const r = Math.sqrt(-2 * Math.log(u1));
      out[i] = r * Math.cos(2 * Math.PI * u2);
      this.spare = r * Math.sin(2 * Math.PI * u2);
    }
  }

  /** @internal */
  integers(out: Data, low: number, high: number): void {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + Math.floor(this.double() * span);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

// Signatures (Note [Keyword arguments]); uniform/normal/integers are tensorgrad's internal sampling helpers.
declareConstructor(Generator, GENERATOR_SIG);
kwMethods(Generator.prototype, 'Generator', { manualSeed: 'seed', initialSeed: '' });

/** The default generator (tg.manualSeed seeds it). */
export const defaultGenerator = new Generator(Date.now());
