// torch.poisson and torch.binomial: integer-valued samples (as floats) drawn in JS from a tg.Generator's
// uniform stream, with the algorithms ATen uses (Knuth's product and Hörmann's PTRS for Poisson; inversion of
// geometric waiting times and Hörmann's BTRS for the binomial). Not bit-equal to PyTorch's streams; the same
// generator state gives the same samples.
import { Tensor } from '../tensor.js';
import { Storage, allocData } from '../storage.js';
import { dtypeCode, isFloat } from '../dtype.js';
import { broadcastShapes, sameShape } from '../shape.js';
import { typeError, rangeError, fmtShape, describe } from '../errors.js';
import { noGrad } from '../autograd/record.js';
import { expand } from './shape.js';
import { generatorOf, type Generator } from './random.js';

type Gen = Generator | null | undefined;

/** log(k!) for k >= 0: exact sums up to 20, Stirling's series beyond (error below 1e-15 there). */
function logFactorial(k: number): number {
  if (k < 20) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  const n = k + 1, n2 = n * n;
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 * n2 * n2 * n);
}

function samplePoisson(g: Generator, lam: number): number {
  if (lam === 0) return 0;
  if (lam < 10) {
    // Knuth: count uniforms until their product drops below e^-lam
    const enlam = Math.exp(-lam);
    let x = 0, prod = 1;
    for (;;) {
      prod *= g.double();
      if (prod > enlam) x += 1;
      else return x;
    }
  }
  // PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random variables")
  const slam = Math.sqrt(lam), loglam = Math.log(lam), b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = g.double() - 0.5, V = g.double(), us = 0.5 - Math.abs(U);
    const k = Math.floor((2 * a / us + b) * U + lam + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) return k;
  }
}

const STIRLING_TAIL = [0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287];
function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL[k] as number;
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

function sampleBinomial(g: Generator, count: number, prob: number): number {
  if (count <= 0 || prob <= 0) return 0;
  if (prob >= 1) return count;
  if (prob > 0.5) return count - sampleBinomial(g, count, 1 - prob);
  if (count * prob < 10) {
    // inversion: the number of geometric waiting times that fit in count trials
    const logq = Math.log1p(-prob);
    let sum = 0, n = 0;
    for (;;) {
      sum += Math.ceil(Math.log(g.double()) / logq);
      if (sum > count) return n;
      n += 1;
    }
  }
  // BTRS (Hörmann 1993, "The generation of binomial random variates")
  const stddev = Math.sqrt(count * prob * (1 - prob)), b = 1.15 + 2.53 * stddev, a = -0.0873 + 0.0248 * b + 0.01 * prob;
  const c = count * prob + 0.5, vr = 0.92 - 4.2 / b, r = prob / (1 - prob), alpha = (2.83 + 5.1 / b) * stddev;
  const m = Math.floor((count + 1) * prob);
  for (;;) {
    const U = g.double() - 0.5;
    let V = g.double();
    const us = 0.5 - Math.abs(U), k = Math.floor((2 * a / us + b) * U + c);
    if (k < 0 || k > count) continue;
    if (us >= 0.07 && V <= vr) return k;
    V = Math.log(V * alpha / (a / (us * us) + b));
    const bound = (m + 0.5) * Math.log((m + 1) / (r * (count - m + 1))) + (count + 1) * Math.log((count - m + 1) / (count - k + 1))
      + (k + 0.5) * Math.log(r * (count - k + 1) / (k + 1)) + stirlingTail(m) + stirlingTail(count - m) - stirlingTail(k) - stirlingTail(count - k);
    if (V <= bound) return k;
  }
}

function floatArg(op: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw typeError(op, `${name} must be a Tensor, got ${describe(x)}`);
  if (!isFloat(x.dtype)) throw typeError(op, `${name} must be a floating point tensor, got ${x.dtype} (shape ${fmtShape(x.shape)})`);
  return x;
}

/**
 * Samples from Poisson distributions: each element of the result is a draw with rate `input`'s element.
 *
 * The result has input's shape and dtype; rates must be non-negative. Knuth's method below rate 10, Hörmann's
 * PTRS above, as ATen; the same generator state gives the same samples (the stream differs from PyTorch's).
 *
 * @see torch.poisson
 * @example
 * ```ts
 * const g = new tg.Generator(0)
 * tg.poisson(tg.tensor([0, 2, 50]), { generator: g }).shape // => [3]
 * ```
 */
export function poisson(input: Tensor, generator?: Gen): Tensor {
  const op = 'poisson';
  const x = floatArg(op, 'input', input), g = generatorOf(op, generator);
  const rates = x._data as Float64Array, out = allocData(dtypeCode[x.dtype], rates.length);
  for (let i = 0; i < rates.length; i++) {
    const lam = rates[i] as number;
    if (!(lam >= 0)) throw rangeError(op, `invalid Poisson rate, expected rate to be non-negative, got ${lam} (input of shape ${fmtShape(x.shape)})`);
    out[i] = samplePoisson(g, lam);
  }
  return new Tensor(new Storage(out), x.shape.slice(), x.dtype);
}

/**
 * Samples from binomial distributions: the number of successes in `count` trials of probability `prob`.
 *
 * `count` and `prob` are floating point tensors of one dtype whose shapes broadcast; the result has that dtype.
 * Inversion of geometric waiting times for count * min(prob, 1 - prob) < 10, Hörmann's BTRS above, as ATen.
 *
 * @see torch.binomial
 * @example
 * ```ts
 * const g = new tg.Generator(0)
 * tg.binomial(tg.tensor([10, 100]), tg.tensor([0, 1]), { generator: g }).tolist() // => [0, 100]
 * ```
 */
export function binomial(count: Tensor, prob: Tensor, generator?: Gen): Tensor {
  const op = 'binomial';
  const n = floatArg(op, 'count', count), p = floatArg(op, 'prob', prob), g = generatorOf(op, generator);
  if (n.dtype !== p.dtype) throw typeError(op, `expected count and prob of the same dtype, got ${n.dtype} (shape ${fmtShape(n.shape)}) and ${p.dtype} (shape ${fmtShape(p.shape)})`);
  const shape = broadcastShapes(op, n.shape, p.shape);
  const at = (t: Tensor): Float64Array => (sameShape(t.shape, shape) ? t._data : noGrad(() => expand(t.detach(), shape))._data) as Float64Array;
  const nd = at(n), pd = at(p), out = allocData(dtypeCode[n.dtype], nd.length);
  for (let i = 0; i < nd.length; i++) {
    const c = nd[i] as number, q = pd[i] as number;
    if (!(c >= 0) || !Number.isFinite(c)) throw rangeError(op, `count must be finite and non-negative, got ${c} (count of shape ${fmtShape(n.shape)})`);
    if (!(q >= 0 && q <= 1)) throw rangeError(op, `prob must be in [0, 1], got ${q} (prob of shape ${fmtShape(p.shape)})`);
    out[i] = sampleBinomial(g, Math.floor(c), q);
  }
  return new Tensor(new Storage(out), shape, n.dtype);
}
