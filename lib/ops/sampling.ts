// Sampling ops with PyTorch's API: normal (its four forms), bernoulli, multinomial, randperm, and the in-place
// samplers uniform_ normal_ bernoulli_ exponential_ random_ cauchy_ logNormal_ geometric_. Each draws from
// `generator` (a tg.Generator) or the default one, in element order (Note [One stream per generator]).
//
// Note [Samplers and autograd]: PyTorch records zero-gradient nodes for samplers (NormalBackward0..3,
// BernoulliBackward0..2, UniformBackward0, ExponentialBackward0, RandomBackward0..2, CauchyBackward0, ...):
// no gradient flows through a sample. tensorgrad returns samples that do not require grad (the same gradients: none), and
// refuses an in-place sampler on a tensor that is part of a graph (a non-leaf that requires grad, with grad
// mode on) rather than keep its old gradFn, which would send gradients through values it overwrote. Under
// noGrad, or after detach(), sampling in place is always allowed.
import { Tensor } from '../tensor.js';
import { Storage, Data, allocData } from '../storage.js';
import { DType, dtypeCode, isDType, isFloat, defaultFloat } from '../dtype.js';
import { broadcastShapes, checkShape, numelOf, sameShape } from '../shape.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { gradMode, noGrad } from '../autograd/record.js';
import { expand, checkWritable } from './shape.js';
import { defaultGenerator, Generator, generatorOf } from './random.js';
import { longFrom } from './int64.js';
import { native } from '../native.js';

type Gen = Generator | null | undefined;

function dtypeOpt(op: string, dtype: unknown): DType | undefined {
  if (dtype === undefined || dtype === null) return undefined;
  if (!isDType(dtype)) throw typeError(op, `unknown dtype ${String(dtype)} (expected float32, float64, int32 or bool)`);
  return dtype;
}

function finish(op: string, t: Tensor, requiresGrad: unknown): Tensor {
  if (requiresGrad === undefined || requiresGrad === null || requiresGrad === false) return t;
  if (requiresGrad !== true) throw typeError(op, `requiresGrad must be a boolean, got ${describe(requiresGrad)}`);
  if (!isFloat(t.dtype)) throw typeError(op, `only Tensors of floating point dtype can require gradients (got ${t.dtype})`);
  return t.requiresGrad_(true);
}

function make(data: Data, shape: number[], dtype: DType): Tensor {
  return new Tensor(new Storage(data), shape, dtype);
}

function tensorArg(op: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor for ${name}, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError(op, x.shape);
  return x;
}

/** x's values broadcast to shape, as a plain typed array in row-major order. */
function valuesAt(x: Tensor, shape: number[]): Float64Array {
  // float (checked by the callers): typed as Float64Array for the arithmetic
  return (sameShape(x.shape, shape) ? x._data : noGrad(() => expand(x.detach(), shape))._data) as Float64Array;
}

function checkStd(op: string, std: number): void {
  if (!(std >= 0)) throw rangeError(op, `normal expects std >= 0.0, but found std ${std}`);
}

/** Rounds float64 samples into a float32 array without reaching `hi` (float32 rounding can round up to it). */
function store(out: Data, i: number, v: number, hi: number): void {
  out[i] = v;
  if (out instanceof Float32Array && out[i] >= hi && v < hi) out[i] = nextDown32(hi);
}

const f32 = new Float32Array(1), i32 = new Int32Array(f32.buffer);
/** The largest float32 below x (x a finite float32). */
function nextDown32(x: number): number {
  if (x === 0) return -1.401298464324817e-45;
  f32[0] = x;
  i32[0] += x > 0 ? -1 : 1;
  return f32[0];
}

// ---- out of place ------------------------------------------------------------------------------------------

/**
 * Normal samples: tensor means/stds broadcast, or a number mean and std with a size.
 *
 * Normal samples, PyTorch's four forms: normal(mean: Tensor, std: Tensor) (broadcast, mean's dtype),
 * normal(mean: Tensor, std = 1), normal(mean: number, std: Tensor), normal(mean, std, size, { dtype }).
 *
 * @see torch.normal
 * @example
 * ```ts
 * tg.normal(0, 1, [2, 3]).shape
 * tg.normal(tg.zeros(4), 1).shape // => [4]
 * ```
 */
export function normal(mean: Tensor | number, std?: Tensor | number, size?: number[], generator?: Gen, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const op = 'normal';
  const g = generatorOf(op, generator);
  const mT = mean instanceof Tensor, sT = std instanceof Tensor;
  if (!mT && typeof mean !== 'number') throw typeError(op, `mean must be a Tensor or a number, got ${describe(mean)}`);
  if (!sT && std !== undefined && typeof std !== 'number') throw typeError(op, `std must be a Tensor or a number, got ${describe(std)}`);
  if (!mT && !sT) {
    // normal(mean, std, size, *, dtype, requiresGrad)
    if (size === undefined || size === null) throw typeError(op, 'normal(mean: number, std: number) needs a size (or pass mean or std as a Tensor)');
    const s = (std ?? 1) as number;
    checkStd(op, s);
    const shape = checkShape(op, size);
    const dt = dtypeOpt(op, dtype) ?? defaultFloat();
    if (!isFloat(dt)) throw typeError(op, `"normal_kernel_cpu" not implemented for ${dt}: expected a floating point dtype`);
    const out = allocData(dtypeCode[dt], numelOf(shape));
    for (let i = 0; i < out.length; i++) out[i] = (mean as number) + s * g.gauss();
    return finish(op, make(out, shape, dt), requiresGrad);
  }
  if (size !== undefined && size !== null) throw typeError(op, 'size is only accepted when mean and std are numbers (normal(mean, std, size))');
  if (dtype !== undefined && dtype !== null) throw typeError(op, 'dtype is only accepted when mean and std are numbers (normal(mean, std, size, { dtype }))');
  if (requiresGrad !== undefined && requiresGrad !== null) throw typeError(op, 'requiresGrad is only accepted when mean and std are numbers (normal(mean, std, size, { requiresGrad }))');
  const m = mT ? tensorArg(op, 'mean', mean) : null;
  const sd = sT ? tensorArg(op, 'std', std) : null;
  const dt = (m ?? (sd as Tensor)).dtype;
  if (!isFloat(dt)) throw typeError(op, `"normal_kernel_cpu" not implemented for ${dt}: expected a floating point ${m ? 'mean' : 'std'}`);
  const shape = m && sd ? broadcastShapes(op, m.shape, sd.shape) : (m ?? (sd as Tensor)).shape.slice();
  const md = m ? valuesAt(m, shape) : null;
  const sdd = sd ? valuesAt(sd, shape) : null;
  const sc = sT ? 0 : ((std ?? 1) as number);
  if (sdd) {
    for (let i = 0; i < sdd.length; i++) if (!(sdd[i] >= 0)) throw rangeError(op, 'normal expects all elements of std >= 0.0');
  } else checkStd(op, sc);
  const out = allocData(dtypeCode[dt], numelOf(shape));
  for (let i = 0; i < out.length; i++) out[i] = (md ? md[i] : (mean as number)) + (sdd ? sdd[i] : sc) * g.gauss();
  return make(out, shape, dt);
}

function checkProbabilities(op: string, d: Data): void {
  for (let i = 0; i < d.length; i++) {
    const p = d[i];
    if (!(p >= 0 && p <= 1)) throw rangeError(op, `expects all probabilities to be in [0, 1], but found ${p} at index ${i}`);
  }
}

/**
 * Draws 0 or 1 for each element with the element's probability.
 *
 * 0/1 samples: bernoulli(input) draws each element with probability input[i]; bernoulli(input, p) with p.
 * The result has input's shape and dtype.
 *
 * @see torch.bernoulli
 * @example
 * ```ts
 * tg.bernoulli(tg.tensor([0, 1, 1, 0])) // tensor([0., 1., 1., 0.])
 * ```
 */
export function bernoulli(input: Tensor, p?: number | null, generator?: Gen): Tensor {
  const op = 'bernoulli';
  const x = tensorArg(op, 'input', input);
  const g = generatorOf(op, generator);
  const out = allocData(dtypeCode[x.dtype], x.numel());
  if (p === undefined || p === null) {
    if (!isFloat(x.dtype)) throw typeError(op, `"bernoulli_tensor_cpu_p_" not implemented for ${x.dtype}: expected floating point probabilities`);
    const pd = x._data;
    checkProbabilities(op, pd);
    for (let i = 0; i < out.length; i++) out[i] = g.double() < pd[i] ? 1 : 0;
  } else {
    if ((p as unknown) instanceof Tensor) throw typeError(op, 'p must be a number (pass a tensor of probabilities as input: bernoulli(p))');
    if (typeof p !== 'number') throw typeError(op, `p must be a number, got ${describe(p)}`);
    if (!(p >= 0 && p <= 1)) throw rangeError(op, `bernoulli_ expects p to be in [0, 1], but got p=${p}`);
    for (let i = 0; i < out.length; i++) out[i] = g.double() < p ? 1 : 0;
  }
  return make(out, x.shape.slice(), x.dtype);
}

/** Largest number of categories multinomial takes (PyTorch's limit). */
const kMaxCategories = 2 ** 24;

/**
 * Samples category indices from each row of non-negative weights.
 *
 * Indices drawn from the categorical distributions in the rows of input (1-D: one distribution; 2-D: one
 * per row), weights need not sum to 1. Without replacement (the default) an index appears at most once per
 * row, and a zero-weight category is never drawn. int32 indices of shape [numSamples] or [rows, numSamples].
 *
 * @see torch.multinomial
 * @example
 * ```ts
 * tg.multinomial(tg.tensor([0, 0, 1]), 2, true).tolist() // => [2, 2]
 * ```
 */
export function multinomial(input: Tensor, numSamples: number, replacement = false, generator?: Gen): Tensor {
  const op = 'multinomial';
  const x = tensorArg(op, 'input', input);
  const g = generatorOf(op, generator);
  if (!isFloat(x.dtype)) throw typeError(op, `multinomial only supports floating-point dtypes for input, got: ${x.dtype}`);
  if (typeof numSamples !== 'number' || !Number.isInteger(numSamples)) throw typeError(op, `numSamples must be an integer, got ${describe(numSamples)}`);
  if (typeof replacement !== 'boolean') throw typeError(op, `replacement must be a boolean, got ${describe(replacement)}`);
  if (x.ndim !== 1 && x.ndim !== 2) throw rangeError(op, `prob_dist must be 1 or 2 dim, got shape ${fmtShape(x.shape)}`);
  if (numSamples <= 0) throw rangeError(op, `cannot sample n_sample <= 0 samples (numSamples=${numSamples})`);
  const k = x.shape[x.ndim - 1];
  const rows = x.ndim === 2 ? x.shape[0] : 1;
  if (!replacement && numSamples > k) throw rangeError(op, `cannot sample n_sample > prob_dist.size(-1) samples without replacement (numSamples=${numSamples}, input of shape ${fmtShape(x.shape)})`);
  if (k > kMaxCategories) throw rangeError(op, `number of categories cannot exceed 2^24 (got ${k})`);
  const p = x._data as Float64Array; // float probabilities (checked above)
  const out = new Int32Array(rows * numSamples);
  const cdf = new Float64Array(k);
  // Validate every row before drawing, so an error leaves the generator untouched.
  for (let r = 0; r < rows; r++) {
    let total = 0, nonzero = 0;
    for (let j = 0; j < k; j++) {
      const v = p[r * k + j];
      if (!(v >= 0 && v < Infinity)) throw rangeError(op, `probability tensor contains either \`inf\`, \`nan\` or element < 0 (row ${r}, index ${j}: ${v})`);
      total += v;
      if (v > 0) nonzero++;
    }
    if (!(total > 0)) throw rangeError(op, `invalid multinomial distribution (sum of probabilities <= 0) in row ${r}`);
    if (!replacement && nonzero < numSamples)
      throw rangeError(op, `invalid multinomial distribution (with replacement=False, not enough non-negative category to sample): row ${r} has ${nonzero} categories of non-zero weight, ${numSamples} samples asked`);
  }
  let scratch: AliasScratch | undefined;
  const keys = replacement ? null : new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const base = r * k, o = r * numSamples;
    // Few draws per category: the CDF (a branch-free prefix sum, then log2(k) steps a draw); many: the
    // alias table (its build costs a few branchy passes over the categories, then O(1) a draw).
    if (numSamples === 1 || (replacement && numSamples * 4 < k)) {
      // Inverse CDF: the first index whose cumulative weight exceeds u * total (zero weights are never hit).
      let acc = 0;
      for (let j = 0; j < k; j++) cdf[j] = acc += p[base + j];
      for (let s = 0; s < numSamples; s++) {
        const u = g.double() * acc;
        let lo = 0, hi = k - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cdf[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        out[o + s] = lo;
      }
    } else if (replacement) {
      // Walker's alias method (Note [Alias tables]).
      const table = aliasTable(p, base, k, (scratch ??= aliasScratch(k)));
      for (let s = 0; s < numSamples; s++) {
        const u = g.double() * k;
        const i = Math.floor(u);
        out[o + s] = u - i < table[2 * i] ? i : table[2 * i + 1];
      }
    } else {
      // Without replacement, as PyTorch: the numSamples smallest keys E_j / p_j (E_j ~ Exp(1)) are the
      // sequential draws' outcome in order (the exponential race). Zero weights get key +inf, never chosen.
      const kk = keys as Float64Array;
      for (let j = 0; j < k; j++) {
        const e = g.exp1();
        const w = p[base + j];
        kk[j] = w > 0 ? e / w : Infinity;
      }
      const idx = smallestK(kk, numSamples);
      for (let s = 0; s < numSamples; s++) out[o + s] = idx[s];
    }
  }
  return longFrom(out, x.ndim === 2 ? [rows, numSamples] : [numSamples]);
}

/**
 * Note [Alias tables]: Vose's alias table of the weights p[base, base + k): slot i keeps category i with
 * probability prob[i] and gives alias[i] otherwise, so a draw is one uniform u in [0, k) (its integer part the
 * slot, its fraction the coin; 53 bits hold both for k <= 2^24). Categories are scaled to mean 1 and split
 * into small (< 1) and large; each small slot is topped up from a large one. Only categories of positive
 * weight are ever aliases or left over at the end (where rounding leaves a slot whose prob is 1 within
 * 1e-15), so a zero-weight category is never drawn.
 */
type AliasScratch = ReturnType<typeof aliasScratch>;
function aliasScratch(k: number) {
  return { scaled: new Float64Array(k), prob: new Float64Array(k), alias: new Int32Array(k), small: new Int32Array(k), large: new Int32Array(k), table: new Float64Array(2 * k) };
}
function aliasTable(p: Float64Array, base: number, k: number, w: AliasScratch): Float64Array {
  let total = 0;
  for (let j = 0; j < k; j++) total += p[base + j];
  const { scaled, prob, alias, small, large, table } = w;
  let ns = 0, nl = 0, anyPositive = -1;
  for (let j = 0; j < k; j++) {
    scaled[j] = (p[base + j] * k) / total;
    if (p[base + j] > 0) anyPositive = j;
    if (scaled[j] < 1) small[ns++] = j;
    else large[nl++] = j;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns], l = large[--nl];
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  while (nl > 0) {
    const l = large[--nl];
    prob[l] = 1;
    alias[l] = l;
  }
  // Leftover small slots come from rounding; a zero-weight one must still never be drawn.
  while (ns > 0) {
    const s = small[--ns];
    prob[s] = p[base + s] > 0 ? 1 : 0;
    alias[s] = p[base + s] > 0 ? s : anyPositive;
  }
  // Interleaved (prob, alias) pairs: one cache line per draw.
  for (let j = 0; j < k; j++) {
    table[2 * j] = prob[j];
    table[2 * j + 1] = alias[j];
  }
  return table;
}

/** Indices of the m smallest keys, in increasing key order (ties by index). */
function smallestK(keys: Float64Array, m: number): Int32Array {
  const n = keys.length;
  // A native numeric sort of a copy gives the order; a map from key to index gives the indices back, when
  // the m smallest keys are distinct (ties have probability ~0 for continuous keys; then the slow path).
  const sorted = Float64Array.from(keys).sort();
  const kth = sorted[m - 1];
  const pos = new Map<number, number>();
  let distinct = true;
  for (let i = 0; i < n && distinct; i++) {
    const v = keys[i];
    if (v > kth) continue;
    if (pos.has(v)) distinct = false;
    else pos.set(v, i);
  }
  const out = new Int32Array(m);
  if (distinct && pos.size === m) {
    for (let s = 0; s < m; s++) out[s] = pos.get(sorted[s]) as number;
    return out;
  }
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  for (let s = 0; s < m; s++) out[s] = idx[s];
  return out;
}

/**
 * A random permutation of 0..n-1.
 *
/** A random permutation of 0..n-1 (Fisher-Yates); int64 (PyTorch's default) unless a dtype is given.
 *
 * @see torch.randperm
 * @example
 * ```ts
 * tg.randperm(5).sort().values.tolist() // => [0, 1, 2, 3, 4]
 * ```
 */
export function randperm(n: number, generator?: Gen, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const op = 'randperm';
  if (typeof n !== 'number' || !Number.isInteger(n)) throw typeError(op, `n must be an integer, got ${describe(n)}`);
  if (n < 0) throw rangeError(op, `Trying to create tensor with negative dimension ${n}: [${n}]`);
  const g = generatorOf(op, generator);
  const dt = dtypeOpt(op, dtype) ?? 'int64';
  if (dt === 'bool') throw typeError(op, '"randperm" not implemented for bool');
  if (dt === 'float32' && n > 2 ** 24 + 1) throw rangeError(op, `n must be at most 2^24 + 1 for float32 (every index exactly representable), got ${n}`);
  const shape = checkShape(op, [n]);
  let out: ReturnType<typeof allocData>;
  try {
    // int64 is shuffled as float64 (exact: n <= 2^53) and cast once: a BigInt64Array takes no numbers.
    out = allocData(dtypeCode[dt === 'int64' ? 'float64' : dt], n);
  } catch (e) {
    // allocData's size limit serves every op: name this one
    if (e instanceof RangeError && /^cannot allocate/.test(e.message)) throw rangeError(op, e.message);
    throw e;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.below(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  if (dt === 'int64') out = native.cast(out, dtypeCode.int64, allocData(dtypeCode.int64, n));
  return finish(op, make(out, shape, dt), requiresGrad);
}

// ---- in place ----------------------------------------------------------------------------------------------

/** The checks of every in-place op (Note [In-place ops]) plus Note [Samplers and autograd]; returns the data. */
function target(op: string, x: unknown, floatKernel: string | null): Data {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError(op, x.shape);
  checkWritable(op, x);
  if (gradMode.enabled && x.requiresGrad) {
    if (x.isLeaf) throw new Error(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
    throw new Error(`${op}: sampling in place into a tensor of shape ${fmtShape(x.shape)} that is part of the autograd graph (it requires grad) is not supported; sample into x.detach() or under tg.noGrad (no gradient flows through samples)`);
  }
  // floatKernel: PyTorch's kernel name, which its error for an integer tensor names.
  if (floatKernel !== null && !isFloat(x.dtype)) throw typeError(op, `"${floatKernel}" not implemented for ${x.dtype}: expected a floating point tensor`);
  // int64 (random_, bernoulli_, geometric_): the samplers write JS numbers into a float64 scratch, cast by done()
  return x.dtype === 'int64' ? new Float64Array(x.numel()) : x._data;
}

/** Ends an in-place sampler: writes d (the values target() gave) into x if x is a non-contiguous view. */
function done<T extends Tensor>(x: T, d: Data): T {
  if (x.dtype === 'int64') {
    // the float64 scratch of target(), or the bigints random_() drew
    let out = d as BigInt64Array;
    if (!(d instanceof BigInt64Array)) {
      out = new BigInt64Array(d.length);
      for (let i = 0; i < d.length; i++) out[i] = (d[i] as number) >= 2 ** 63 ? 2n ** 63n - 1n : BigInt(d[i] as number);
    }
    x._storeValues(out);
  } else if (!x._contig) x._storeValues(d);
  x._box.version++;
  return x;
}

/** Fills with U(from, to). @example x.uniform_(-1, 1, { generator: g }) */
export function uniform_<T extends Tensor>(x: T, from_ = 0, to = 1, generator?: Gen): T {
  const op = 'uniform_';
  const d = target(op, x, 'check_uniform_bounds');
  const g = generatorOf(op, generator);
  if (typeof from_ !== 'number' || typeof to !== 'number') throw typeError(op, `from_ and to must be numbers, got ${describe(from_)}, ${describe(to)}`);
  const max = x.dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
  if (!(Math.abs(from_) <= max)) throw rangeError(op, `from is out of bounds for ${x.dtype} (from=${from_})`);
  if (!(Math.abs(to) <= max)) throw rangeError(op, `to is out of bounds for ${x.dtype} (to=${to})`);
  if (from_ > to) throw rangeError(op, `uniform_ expects to return a [from, to) range, but found from=${from_} > to=${to}`);
  if (!(to - from_ <= max)) throw rangeError(op, `uniform_ expects to-from <= the dtype's largest value, but found to=${to} and from=${from_}`);
  const span = to - from_;
  for (let i = 0; i < d.length; i++) store(d, i, from_ + span * g.double(), to);
  return done(x, d);
}

/** Fills with N(mean, std^2). @example x.normal_(0, 0.02, { generator: g }) */
export function normal_<T extends Tensor>(x: T, mean = 0, std = 1, generator?: Gen): T {
  const op = 'normal_';
  const d = target(op, x, 'normal_kernel_cpu');
  const g = generatorOf(op, generator);
  if (typeof mean !== 'number' || typeof std !== 'number') throw typeError(op, `mean and std must be numbers, got ${describe(mean)}, ${describe(std)}`);
  checkStd(op, std);
  for (let i = 0; i < d.length; i++) d[i] = mean + std * g.gauss();
  return done(x, d);
}

/** Fills with 0/1 drawn with probability p (a number, or a tensor broadcast to x's shape). */
export function bernoulli_<T extends Tensor>(x: T, p: number | Tensor = 0.5, generator?: Gen): T {
  const op = 'bernoulli_';
  const d = target(op, x, null);
  const g = generatorOf(op, generator);
  if (p instanceof Tensor) {
    if (p.isDisposed) throw disposedError(op, p.shape);
    if (!isFloat(p.dtype)) throw typeError(op, `expected floating point probabilities, got ${p.dtype}`);
    if (broadcastShapes(op, x.shape, p.shape).join() !== x.shape.join())
      throw rangeError(op, `probabilities of shape ${fmtShape(p.shape)} do not broadcast to the tensor's shape ${fmtShape(x.shape)}`);
    const pd = valuesAt(p, x.shape);
    checkProbabilities(op, pd);
    for (let i = 0; i < d.length; i++) d[i] = g.double() < pd[i] ? 1 : 0;
  } else {
    if (typeof p !== 'number') throw typeError(op, `p must be a number, got ${describe(p)}`);
    if (!(p >= 0 && p <= 1)) throw rangeError(op, `bernoulli_ expects p to be in [0, 1], but got p=${p}`);
    for (let i = 0; i < d.length; i++) d[i] = g.double() < p ? 1 : 0;
  }
  return done(x, d);
}

/** Fills with Exp(lambd) samples (density lambd * exp(-lambd x)). */
export function exponential_<T extends Tensor>(x: T, lambd = 1, generator?: Gen): T {
  const op = 'exponential_';
  const d = target(op, x, 'exponential_cpu');
  const g = generatorOf(op, generator);
  if (typeof lambd !== 'number' || !(lambd >= 0)) throw rangeError(op, `exponential_ expects lambda >= 0.0, but found lambda=${typeof lambd === 'number' ? lambd : describe(lambd)}`);
  // lambd = 0: every sample is +inf, as PyTorch (exp1() can be -0, and -0 / 0 would be NaN).
  for (let i = 0; i < d.length; i++) d[i] = lambd === 0 ? Infinity : g.exp1() / lambd;
  return done(x, d);
}

/** Fills with Cauchy(median, sigma) samples: median + sigma * tan(pi * (u - 1/2)). */
export function cauchy_<T extends Tensor>(x: T, median = 0, sigma = 1, generator?: Gen): T {
  const op = 'cauchy_';
  const d = target(op, x, 'cauchy_cpu');
  const g = generatorOf(op, generator);
  if (typeof median !== 'number' || typeof sigma !== 'number') throw typeError(op, `median and sigma must be numbers, got ${describe(median)}, ${describe(sigma)}`);
  for (let i = 0; i < d.length; i++) d[i] = median + sigma * Math.tan(Math.PI * (g.double() - 0.5));
  return done(x, d);
}

/** Fills with exp(N(mean, std^2)) samples (log-normal; mean and std are the underlying normal's). */
export function logNormal_<T extends Tensor>(x: T, mean = 1, std = 2, generator?: Gen): T {
  const op = 'logNormal_';
  const d = target(op, x, 'log_normal_cpu');
  const g = generatorOf(op, generator);
  if (typeof mean !== 'number') throw typeError(op, `mean must be a number, got ${describe(mean)}`);
  if (typeof std !== 'number' || !(std > 0)) throw rangeError(op, `log_normal_ expects std > 0.0, but found std=${typeof std === 'number' ? std : describe(std)}`);
  for (let i = 0; i < d.length; i++) d[i] = Math.exp(mean + std * g.gauss());
  return done(x, d);
}

/** Fills with Geometric(p) samples: the number of Bernoulli(p) trials up to the first success (1, 2, ...). */
export function geometric_<T extends Tensor>(x: T, p: number, generator?: Gen): T {
  const op = 'geometric_';
  const d = target(op, x, null);
  if (x.dtype === 'bool') throw typeError(op, '"geometric_cpu" not implemented for bool');
  const g = generatorOf(op, generator);
  if (typeof p !== 'number') throw typeError(op, `p must be a number, got ${describe(p)}`);
  if (!(p > 0 && p < 1)) throw rangeError(op, `geometric_ expects p to be in (0, 1), but got p=${p}`);
  const l = Math.log1p(-p);
  // 1 - u is in (0, 1]: its log is finite, and a draw of exactly 1 (log 0) is the first trial.
  for (let i = 0; i < d.length; i++) d[i] = Math.min(Math.max(1, Math.ceil(Math.log(1 - g.double()) / l)), x.dtype === 'int32' ? 2147483647 : Infinity);
  return done(x, d);
}

/**
 * Fills with integers uniform in [from_, to): random_(to) is [0, to); random_() is [0, 2^mantissa] for
 * floats (2^24 float32, 2^53 float64), [0, 2^31 - 1] for int32, [0, 2^63 - 1] for int64, {0, 1} for bool, as in
 * PyTorch.
 */
export function random_<T extends Tensor>(x: T, from_?: number | null, to?: number | null, generator?: Gen): T {
  const op = 'random_';
  const d = target(op, x, null);
  const g = generatorOf(op, generator);
  let lo: number, hi: number;
  if ((from_ === undefined || from_ === null) && (to === undefined || to === null)) {
    lo = 0;
    // float64: [0, 2^53) (PyTorch's [0, 2^53] less its top value: the generator draws at most 2^53 values).
    if (x.dtype === 'int64') {
      // [0, 2^63 - 1] as PyTorch: 63 random bits, exact as bigints
      const out = new BigInt64Array(d.length);
      for (let i = 0; i < d.length; i++) out[i] = (BigInt(g.next() >>> 1) << 32n) | BigInt(g.next());
      return done(x, out);
    }
    hi = x.dtype === 'float32' ? 2 ** 24 + 1 : x.dtype === 'float64' ? 2 ** 53 : x.dtype === 'int32' ? 2 ** 31 : 2;
  } else {
    if (to === undefined || to === null) [from_, to] = [0, from_];
    lo = from_ ?? 0;
    hi = to as number;
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) throw typeError(op, `from_ and to must be integers, got ${describe(lo)}, ${describe(hi)}`);
    if (lo >= hi) throw rangeError(op, `random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
    // Float tensors take any integer range the generator draws exactly (PyTorch: up to the dtype's max).
    const [min, max] = x.dtype === 'int32' ? [-(2 ** 31), 2 ** 31 - 1] : x.dtype === 'bool' ? [0, 1] : [-(2 ** 53), 2 ** 53];
    if (lo < min || lo > max) throw rangeError(op, `from is out of bounds for ${x.dtype} (from=${lo})`);
    if (hi - 1 < min || hi - 1 > max) throw rangeError(op, `to - 1 is out of bounds for ${x.dtype} (to=${hi})`);
  }
  const span = hi - lo;
  if (span > 2 ** 53) throw rangeError(op, `a range [from, to) of more than 2^53 integers is not supported (from=${lo}, to=${hi})`);
  for (let i = 0; i < d.length; i++) d[i] = lo + g.below(span);
  return done(x, d);
}

// ---- the default generator (torch.seed, initial_seed, get_rng_state, set_rng_state) ---------------------
/**
 * Seeds the default generator from a non-deterministic source and returns the seed.
 *
 * @see torch.seed
 * @example
 * ```ts
 * typeof tg.seed() // => 'number'
 * ```
 */
export const seed = (): number => defaultGenerator.seed();
/**
 * The seed the default generator was last seeded with.
 *
 * @see torch.initial_seed
 * @example
 * ```ts
 * tg.manualSeed(7)
 * tg.initialSeed() // => 7
 * ```
 */
export const initialSeed = (): number => defaultGenerator.initialSeed();
/**
 * The default generator's state as a tensor, for setRngState.
 *
 * @see torch.get_rng_state
 * @example
 * ```ts
 * const s = tg.getRngState()
 * const a = tg.rand(2)
 * tg.setRngState(s)
 * tg.equal(a, tg.rand(2)) // => true
 * ```
 */
export const getRngState = (): Tensor => defaultGenerator.getState();
/**
 * Restores the default generator's state saved by getRngState.
 *
 * @see torch.set_rng_state
 * @example
 * ```ts
 * const s = tg.getRngState()
 * const a = tg.randn(3)
 * tg.setRngState(s)
 * tg.equal(a, tg.randn(3)) // => true
 * ```
 */
export const setRngState = (newState: Tensor): void => void defaultGenerator._restore('setRngState', newState);
