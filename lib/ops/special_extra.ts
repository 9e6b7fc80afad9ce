// Issue 15's missing special functions: torch.i0 (and special.i1 for its derivative), igamma / igammac (the
// regularized incomplete gamma functions), mvlgamma, and the integer shifts bitwise_left_shift /
// bitwise_right_shift. Element loops in float64 (the dtype's values are rounded once at the end); backward
// rows in autograd/derivatives_linalgx.ts with PyTorch 1.13's formulas and node names.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape, describe } from '../errors.js';
import { isFloat, isInt, type DType, defaultFloat } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { broadcastShapes } from '../shape.js';
import { fromValues } from './linalg_lu.js';
import { resultType } from './type_promotion.js';
import { tensor, arange } from './creation.js';
import { lgamma } from './elementwise_math.js';
import { add } from './elementwise.js';
import { sum } from './reduce.js';
import { expand, unsqueeze } from './shape.js';
import { inplaceMath } from './methods_math.js';

/** A float dtype for a unary special function: float inputs keep theirs, the others give float32 (PyTorch's default). */
const floatOf = (d: DType): DType => (isFloat(d) ? d : defaultFloat());

function unaryFloat(op: string, x: Tensor, f: (v: number) => number): Tensor {
  checkTensor(op, x);
  const src = x._data as ArrayLike<number | bigint>, out = new Float64Array(src.length);
  for (let i = 0; i < out.length; i++) out[i] = f(Number(src[i]));
  return fromValues(out, [...x.shape], floatOf(x.dtype));
}

/** Where PyTorch's exp(|x|) overflows in the dtype (Cephes' large-x form is exp(x) chbevl(32 / x - 2) / sqrt(x)):
 *  from there on its I0 and I1 are inf, though the true value is finite up to about 713 (float64) or 91 (float32). */
const EXP_OVERFLOW: Partial<Record<DType, number>> = { float64: 709.782712893384, float32: 88.72283935546875 };

/**
 * I0(x) and I1(x) by their power series (all terms positive: no cancellation), as PyTorch 1.13 at the ends: inf
 * past exp's overflow in the dtype, NaN at ±inf (inf / inf in Cephes' form; test_i0_special asserts it).
 */
function besselI(x: number, order: 0 | 1, dtype: DType): number {
  if (Number.isNaN(x) || !Number.isFinite(x)) return NaN;
  const ax = Math.abs(x);
  if (ax > (EXP_OVERFLOW[dtype] ?? 88.72283935546875)) return order === 1 && x < 0 ? -Infinity : Infinity;
  const q = (ax * ax) / 4;
  let term = order === 0 ? 1 : ax / 2, sum = term;
  for (let k = 1; k < 2000; k++) {
    term *= q / (k * (k + order));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return order === 1 && x < 0 ? -sum : sum;
}

/**
 * The modified Bessel function of the first kind of order 0, elementwise (integer input gives float32).
 *
 * torch.i0(input): I0Backward0 (grad * i1(x)).
 *
 * @see torch.i0
 * @example
 * ```ts
 * tg.i0(tg.tensor([0, 1, 2])) // tensor([1.0000, 1.2661, 2.2796])
 * ```
 */
export function i0(input: Tensor): Tensor {
  const out = unaryFloat('i0', input, (v) => besselI(v, 0, floatOf(input.dtype)));
  return isFloat(input.dtype) ? record('i0', [input], out, () => ({ self: input })) : out;
}

/** The modified Bessel function of order 1 (torch.special.i1): i0's derivative, SpecialI1Backward0. */
export function i1(input: Tensor): Tensor {
  const out = unaryFloat('special.i1', input, (v) => besselI(v, 1, floatOf(input.dtype)));
  return isFloat(input.dtype) ? record('specialI1', [input], out, () => ({ self: input, result: out })) : out;
}

/** P(a, x), the regularized lower incomplete gamma function (Cephes igam / igamc: series or continued fraction). */
function igam(a: number, x: number, upper: boolean, lga: number): number {
  if (Number.isNaN(a) || Number.isNaN(x)) return NaN;
  if (x < 0 || a < 0) return NaN;
  if (a === 0) return x > 0 ? (upper ? 0 : 1) : NaN;
  if (x === 0) return upper ? 1 : 0;
  if (!Number.isFinite(a)) return !Number.isFinite(x) ? NaN : upper ? 1 : 0;
  if (!Number.isFinite(x)) return upper ? 0 : 1;
  const ax = a * Math.log(x) - x - lga;
  if (x < 1 || x < a) {
    // series: x^a e^-x / Gamma(a + 1) * sum x^n / ((a + 1) ... (a + n))
    let r = a, c = 1, sum = 1;
    for (let n = 0; n < 10000; n++) {
      r += 1;
      c *= x / r;
      sum += c;
      if (c <= sum * 1e-17) break;
    }
    const p = Math.exp(ax) * sum / a;
    return upper ? 1 - p : p;
  }
  // continued fraction for Q (modified Lentz)
  const tiny = 1e-300;
  let b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  const q = Math.exp(ax) * h;
  return upper ? q : 1 - q;
}

/** Broadcast float binary op over tensors (or a number for other), in float64. */
function binaryFloat(op: string, a: Tensor, b: Tensor | number, f: (x: number, y: number, lgx: number) => number): { out: Tensor; A: Tensor; B: Tensor } {
  checkTensor(op, a, 'input');
  const B = typeof b === 'number' ? tensor(b, { dtype: isFloat(a.dtype) ? a.dtype : defaultFloat() }) : b;
  checkTensor(op, B, 'other');
  const dt = resultType(a, B);
  const dtype = floatOf(dt);
  const shape = broadcastShapes(op, a.shape, B.shape);
  const av = noGrad(() => expand(a, shape))._data as ArrayLike<number | bigint>, bv = noGrad(() => expand(B, shape))._data as ArrayLike<number | bigint>;
  const out = new Float64Array(av.length);
  // ln Gamma of the first operand from the native lgamma kernel, in float64
  const lg = noGrad(() => lgamma(fromValues(Float64Array.from(av, Number), shape, 'float64')))._data as Float64Array;
  for (let i = 0; i < out.length; i++) out[i] = f(Number(av[i]), Number(bv[i]), lg[i]!);
  return { out: fromValues(out, shape, dtype), A: a, B };
}

function igammaOp(op: 'igamma' | 'igammac', input: Tensor, other: Tensor | number): Tensor {
  const { out, A, B } = binaryFloat(op, input, other, (x, y, lg) => igam(x, y, op === 'igammac', lg));
  // PyTorch 1.13 has no derivative for input (a): its IgammaBackward0 throws for it (the row's first formula)
  return record(op, [A, B], out, () => ({ self: A, other: B }));
}

/**
 * The regularized lower incomplete gamma function P(input, other) = gamma(input, other) / Gamma(input),
 * elementwise with broadcasting (input, other >= 0).
 *
 * torch.igamma(input, other) (torch.special.gammainc): IgammaBackward0 (other only; input's derivative is
 * not implemented, as PyTorch's).
 *
 * @see torch.igamma
 * @example
 * ```ts
 * tg.igamma(tg.tensor([1, 2]), tg.tensor([1, 1])) // tensor([0.6321, 0.2642])
 * ```
 */
export function igamma(input: Tensor, other: Tensor | number): Tensor {
  return igammaOp('igamma', input, other);
}

/**
 * The regularized upper incomplete gamma function Q(input, other) = 1 - P(input, other), elementwise.
 *
 * torch.igammac(input, other) (torch.special.gammaincc): IgammacBackward0 (other only).
 *
 * @see torch.igammac
 * @example
 * ```ts
 * tg.igammac(tg.tensor([1, 2]), tg.tensor([1, 1])) // tensor([0.3679, 0.7358])
 * ```
 */
export function igammac(input: Tensor, other: Tensor | number): Tensor {
  return igammaOp('igammac', input, other);
}

/**
 * The multivariate log-gamma function of dimension p, elementwise:
 * `sum_{j<p} lgamma(x - j/2) + p (p - 1) / 4 log(pi)`; every element must exceed (p - 1) / 2.
 *
 * torch.mvlgamma(input, p) (torch.special.multigammaln): MvlgammaBackward0.
 *
 * @see torch.mvlgamma
 * @example
 * ```ts
 * tg.mvlgamma(tg.tensor([2.5, 3]), 2) // tensor([0.8570, 1.5502])
 * ```
 */
export function mvlgamma(input: Tensor, p: number): Tensor {
  const op = 'mvlgamma';
  checkTensor(op, input);
  if (!Number.isInteger(p)) throw typeError(op, `p must be an integer, got ${describe(p)}`);
  if (p < 1) throw rangeError(op, `p has to be greater than or equal to 1 (got p=${p}, input of shape ${fmtShape(input.shape)})`);
  if (!isFloat(input.dtype)) throw typeError(op, `mvlgamma is not implemented for ${input.dtype} tensors (input of shape ${fmtShape(input.shape)})`);
  // ATen's order: lgamma(x + [-(p-1)/2, ..., -1/2, 0]) summed, plus p (p - 1) / 4 log(pi); no domain check in 1.13
  const r = noGrad(() => {
    const offs = arange(-p * 0.5 + 0.5, 0.5, 0.5, input.dtype);
    return add(sum(lgamma(add(unsqueeze(input, -1), offs)), -1), ((p * (p - 1)) / 4) * Math.log(Math.PI));
  });
  return record('mvlgamma', [input], r, () => ({ self: input, p }));
}

const BITS: Partial<Record<DType, number>> = { int8: 8, uint8: 8, int16: 16, int32: 32, int64: 64 };

/** a << b or a >> b over broadcast integer tensors (or an integer number), PyTorch's out-of-range rules. */
function shift(op: string, input: Tensor, other: Tensor | number, left: boolean): Tensor {
  checkTensor(op, input, 'input');
  const B = typeof other === 'number' ? tensor(other, { dtype: input.dtype === 'bool' ? 'int64' : input.dtype }) : other;
  checkTensor(op, B, 'other');
  if (typeof other === 'number' && !Number.isInteger(other)) throw typeError(op, `"${left ? 'lshift' : 'rshift'}_cpu" not implemented for a float shift (other=${other})`);
  const dtype = typeof other === 'number' ? (input.dtype === 'bool' ? 'int64' : input.dtype) : resultType(input, B);
  const bits = BITS[dtype];
  if (bits === undefined || !isInt(dtype)) throw typeError(op, `"${left ? 'lshift' : 'rshift'}_cpu" not implemented for '${dtype}' (input of shape ${fmtShape(input.shape)}${typeof other === 'number' ? '' : `, other of shape ${fmtShape(B.shape)}`})`);
  const shape = broadcastShapes(op, input.shape, B.shape);
  const av = noGrad(() => expand(input, shape))._data as ArrayLike<number | bigint>, bv = noGrad(() => expand(B, shape))._data as ArrayLike<number | bigint>;
  const n = av.length;
  // PyTorch 1.13 shifts as C++ on x86 does: the count masked to the width of int (int64: of int64) and the
  // narrow types computed in int, then truncated (Note [Shift counts])
  if (bits === 64) {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const a = BigInt(av[i]!), s = BigInt(Number(bv[i]!) & 63);
      out[i] = left ? BigInt.asIntN(64, a << s) : a >> s;
    }
    return tensor(out, { dtype: 'int64' }).reshape(shape);
  }
  const out = new Float64Array(n);
  const wrapBits = (v: number): number => (dtype === 'uint8' ? v & 0xff : dtype === 'int8' ? (v << 24) >> 24 : dtype === 'int16' ? (v << 16) >> 16 : v | 0);
  for (let i = 0; i < n; i++) {
    const a = Number(av[i]), s = Number(bv[i]);
    out[i] = wrapBits(left ? a << s : a >> s); // JS masks the count to 5 bits, as x86's shl/sar
  }
  return fromValues(out, shape, dtype);
}

/**
 * Note [Shift counts]: PyTorch 1.13's CPU kernels shift with C++'s operators, so a count outside [0, bits) is
 * what the x86 instructions make of it (masked to 5 bits, 6 for int64), not 0: tensorgrad gives the same.
 *
 * Elementwise `input << other` on integer tensors (broadcasting).
 *
 * @see torch.bitwise_left_shift
 * @example
 * ```ts
 * tg.bitwiseLeftShift(tg.tensor([1, 2, 3], { dtype: 'int32' }), 2) // tensor([ 4,  8, 12], dtype=torch.int32)
 * ```
 */
export function bitwiseLeftShift(input: Tensor, other: Tensor | number): Tensor {
  return shift('bitwise_left_shift', input, other, true);
}

/**
 * Elementwise arithmetic `input >> other` on integer tensors (broadcasting; counts as Note [Shift counts]).
 *
 * @see torch.bitwise_right_shift
 * @example
 * ```ts
 * tg.bitwiseRightShift(tg.tensor([8, -8], { dtype: 'int32' }), 2) // tensor([ 2, -2], dtype=torch.int32)
 * ```
 */
export function bitwiseRightShift(input: Tensor, other: Tensor | number): Tensor {
  return shift('bitwise_right_shift', input, other, false);
}

/**
 * In place: input = i0(input) (a float tensor).
 *
 * @see torch.i0_
 * @example
 * ```ts
 * const x = tg.tensor([0, 1])
 * tg.i0_(x) // tensor([1.0000, 1.2661])
 * ```
 */
export function i0_(input: Tensor): Tensor {
  return inplaceMath('i0_', input, (x) => i0(x));
}
