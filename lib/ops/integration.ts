// Numerical integration, differentiation and Vandermonde matrices as PyTorch 1.13's composites (Integration.cpp,
// gradient in ReduceOps.cpp, vander in LinearAlgebra.cpp): trapezoid, trapz, cumulativeTrapezoid, gradient, vander. Built of tg ops, so autograd records what
// PyTorch records.
import { Tensor, checkTensor } from '../tensor.js';
import { promoteTypes } from '../dtype.js';
import { wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import { cat } from './shape.js';
import { diff } from './cumulative.js';
import { sum } from './reduce.js';
import { cumsum, cumprod } from './cumulative.js';
import { flip } from './structure.js';
import { zeros, empty } from './creation.js';
import { mulScalar, divScalar } from './nn.js';
import { fill_, copy_ } from './inplace.js';

/** x viewed so that its differences broadcast against y's along dim (Integration.cpp's x_viewed). */
function xViewed(op: string, y: Tensor, x: Tensor, dim: number): Tensor {
  checkTensor(op, x, 'x');
  if (x.dtype === 'bool') throw typeError(op, 'received a bool input for `x` or `y`, but bool is not supported');
  if (x.ndim === 1) {
    if (x.shape[0] !== y.shape[dim]) throw rangeError(op, `There must be one \`x\` value for each sample point (x of shape ${fmtShape(x.shape)}, y of shape ${fmtShape(y.shape)}, dim ${dim})`);
    const shape = y.shape.map(() => 1);
    shape[dim] = x.shape[0];
    return S.view(x, shape);
  }
  if (x.ndim < y.ndim) return S.view(x, [...y.shape.slice(0, y.ndim - x.ndim).map(() => 1), ...x.shape]);
  return x;
}

function integrand(op: string, y: Tensor, x: Tensor | number | null | undefined, dim: number, dx: number | null | undefined): { d: number; x: Tensor | null; dx: number } {
  checkTensor(op, y, 'y');
  if (y.ndim === 0) throw rangeError(op, `Dimension specified as ${dim} but tensor has no dimensions`);
  if (y.dtype === 'bool') throw typeError(op, 'received a bool input for `y`, but bool is not supported');
  if (typeof dim !== 'number') throw typeError(op, `dim must be an integer, got ${describe(dim)}`);
  const d = wrapDim(op, dim, y.ndim);
  let step = dx ?? 1;
  let xs: Tensor | null = null;
  if (typeof x === 'number') {
    if (dx !== undefined && dx !== null) throw typeError(op, 'takes x or dx, not both');
    step = x;
  } else if (x !== undefined && x !== null) {
    if (dx !== undefined && dx !== null) throw typeError(op, 'takes x or dx, not both');
    xs = xViewed(op, y, x, d);
  }
  if (typeof step !== 'number') throw typeError(op, `dx must be a number, got ${describe(step)}`);
  return { d, x: xs, dx: step };
}

/**
 * The integral of `y` along `dim` by the trapezoidal rule.
 *
 * With sample points `x` (a 1-d tensor along dim, or a tensor broadcasting with y) or a constant spacing `dx`
 * (default 1). No samples give 0, as NumPy and PyTorch.
 *
 * @see torch.trapezoid
 * @example
 * ```ts
 * const y = tg.tensor([[1, 2, 4], [3, 5, 9]])
 * tg.trapezoid(y) // tensor([ 4.5000, 11.0000])
 * tg.trapezoid(y, tg.tensor([0, 1, 3])) // tensor([ 7.5000, 18.0000])
 * tg.trapezoid(y, { dx: 2, dim: 0 }) // tensor([ 4., 7., 13.])
 * ```
 */
export function trapezoid(y: Tensor, x?: Tensor | number | null, dim = -1, dx?: number | null): Tensor {
  return trapezoidAs('trapezoid', y, x, dim, dx);
}
function trapezoidAs(op: string, y: Tensor, x?: Tensor | number | null, dim = -1, dx?: number | null): Tensor {
  const a = integrand(op, y, x, dim, dx);
  const d = a.d;
  if (y.shape[d] === 0) return zeros(y.shape.filter((_, i) => i !== d), { dtype: y.dtype });
  if (a.x !== null) {
    const step = E.sub(S.slice(a.x, d, 1), S.slice(a.x, d, 0, -1));
    return divScalar(sum(E.mul(step, E.add(S.slice(y, d, 1), S.slice(y, d, 0, -1))), d), 2);
  }
  // PyTorch's mul.Scalar nodes (MulBackward1), as its C++ composite records them
  return mulScalar(E.sub(sum(y, d), mulScalar(E.add(S.select(y, d, 0), S.select(y, d, -1)), 0.5)), a.dx);
}

/**
 * trapezoid under its older name.
 *
 * @see torch.trapz
 * @example
 * ```ts
 * tg.trapz(tg.tensor([1, 2, 4]), { dx: 2 }) // tensor(9.)
 * ```
 */
export function trapz(y: Tensor, x?: Tensor | number | null, dim = -1, dx?: number | null): Tensor {
  return trapezoidAs('trapz', y, x, dim, dx);
}

/**
 * The running integral of `y` along `dim` by the trapezoidal rule (one entry fewer than y along dim).
 *
 * @see torch.cumulative_trapezoid
 * @example
 * ```ts
 * tg.cumulativeTrapezoid(tg.tensor([1, 2, 4])) // tensor([1.5000, 4.5000])
 * tg.cumulativeTrapezoid(tg.tensor([1, 2, 4]), tg.tensor([0, 1, 3])) // tensor([1.5000, 7.5000])
 * ```
 */
export function cumulativeTrapezoid(y: Tensor, x?: Tensor | number | null, dim = -1, dx?: number | null): Tensor {
  const op = 'cumulativeTrapezoid';
  const a = integrand(op, y, x, dim, dx);
  const d = a.d;
  const pairs = E.add(S.slice(y, d, 0, -1), S.slice(y, d, 1));
  if (a.x !== null) {
    const step = E.sub(S.slice(a.x, d, 1), S.slice(a.x, d, 0, -1));
    return divScalar(cumsum(E.mul(step, pairs), d), 2);
  }
  return cumsum(mulScalar(pairs, a.dx / 2), d);
}

/**
 * The Vandermonde matrix of a 1-d tensor: columns x^(N-1), ..., x, 1 (or 1, x, ..., x^(N-1) with `increasing`).
 *
 * N defaults to x's length. Integer and bool inputs give int64, as PyTorch (powers by cumprod).
 *
 * @see torch.vander
 * @example
 * ```ts
 * tg.vander(tg.tensor([1, 2, 3]), 3)
 * // tensor([[1., 1., 1.],
 * //         [4., 2., 1.],
 * //         [9., 3., 1.]])
 * tg.vander(tg.tensor([1, 2, 3]), { N: 2, increasing: true }).shape // => [3, 2]
 * ```
 */
export function vander(x: Tensor, N?: number | null, increasing = false): Tensor {
  const op = 'vander';
  checkTensor(op, x, 'x');
  if (x.ndim !== 1) throw rangeError(op, `x must be a one-dimensional tensor (got shape ${fmtShape(x.shape)})`);
  const n = N ?? x.shape[0];
  if (typeof n !== 'number' || !Number.isInteger(n)) throw typeError(op, `N must be an integer, got ${describe(n)}`);
  if (n < 0) throw rangeError(op, `N must be non-negative (got ${n})`);
  if (typeof increasing !== 'boolean') throw typeError(op, `increasing must be a boolean, got ${describe(increasing)}`);
  const result = empty([x.shape[0], n], { dtype: promoteTypes(x.dtype, 1, 'int64', 1) });
  if (n > 0) {
    fill_(S.select(result, 1, 0), 1);
    if (n > 1) {
      // as PyTorch: the columns from 1 on take x, then their running product (CopySlices when x needs grad)
      copy_(S.slice(result, 1, 1), S.unsqueeze(x, 1));
      copy_(S.slice(result, 1, 1), cumprod(S.slice(result, 1, 1), 1));
    }
  }
  return increasing ? result : flip(result, 1);
}

/** One dim of gradient with a constant spacing h (ReduceOps.cpp's gradient_helper_float, Scalar spacing). */
function gradientUniform(y: Tensor, d: number, h: number, edgeOrder: number): Tensor {
  const sl = (a: number, b?: number): Tensor => S.slice(y, d, a, b ?? null);
  const center = E.div(E.sub(sl(2), sl(0, -2)), h);
  const first = edgeOrder === 1 ? E.div(E.sub(sl(1, 2), sl(0, 1)), h)
    : E.div(E.sub(E.add(E.mul(sl(0, 1), -1.5), E.mul(sl(1, 2), 2)), E.mul(sl(2, 3), 0.5)), h);
  const last = edgeOrder === 1 ? E.div(E.sub(sl(-1), sl(-2, -1)), h)
    : E.div(E.add(E.add(E.mul(sl(-3, -2), 0.5), E.mul(sl(-2, -1), -2)), E.mul(sl(-1), 1.5)), h);
  return cat([first, E.div(center, 2), last], d);
}

/** One dim of gradient at sample coordinates x (ReduceOps.cpp's gradient_helper_float, Tensor spacing). */
function gradientAt(op: string, y: Tensor, d: number, x: Tensor, edgeOrder: number): Tensor {
  if (x.ndim !== 1) throw rangeError(op, `torch.gradient expected each element of spacing to have one dimension, but got an element with ${x.ndim} dimensions!`);
  const shape = y.shape.map((_, i) => (i === d ? -1 : 1));
  const dx = diff(x, 1, 0), dx1 = S.slice(dx, 0, 0, -1), dx2 = S.slice(dx, 0, 1);
  const coef = (t: Tensor): Tensor => S.reshape(t, shape);
  const a = coef(E.div(E.neg(dx2), E.mul(dx1, E.add(dx1, dx2))));
  const b = coef(E.div(E.sub(dx2, dx1), E.mul(dx1, dx2)));
  const c = coef(E.div(dx1, E.mul(dx2, E.add(dx1, dx2))));
  const sl = (p: number, q?: number): Tensor => S.slice(y, d, p, q ?? null);
  const center = E.add(E.add(E.mul(a, sl(0, -2)), E.mul(b, sl(1, -1))), E.mul(c, sl(2)));
  const h0 = S.select(dx, 0, 0), h1 = S.select(dx, 0, 1 % dx.shape[0]), hl = S.select(dx, 0, -1), hm = S.select(dx, 0, dx.shape[0] > 1 ? -2 : -1);
  let first: Tensor, last: Tensor;
  if (edgeOrder === 1) {
    first = E.div(E.sub(sl(1, 2), sl(0, 1)), h0);
    last = E.div(E.sub(sl(-1), sl(-2, -1)), hl);
  } else {
    const fa = E.div(E.neg(E.add(E.mul(h0, 2), h1)), E.mul(h0, E.add(h0, h1)));
    const fb = E.div(E.add(h0, h1), E.mul(h0, h1));
    const fc = E.div(E.neg(h0), E.mul(h1, E.add(h0, h1)));
    first = E.add(E.add(E.mul(fa, sl(0, 1)), E.mul(fb, sl(1, 2))), E.mul(fc, sl(2, 3)));
    const la = E.div(hl, E.mul(hm, E.add(hl, hm)));
    const lb = E.div(E.neg(E.add(hl, hm)), E.mul(hl, hm));
    const lc = E.div(E.add(E.mul(hl, 2), hm), E.mul(hl, E.add(hl, hm)));
    last = E.add(E.add(E.mul(la, sl(-3, -2)), E.mul(lb, sl(-2, -1))), E.mul(lc, sl(-1)));
  }
  return cat([first, center, last], d);
}

/**
 * The gradient of the samples in `input` along each of `dim` (default all dims) by central differences, one-sided
 * (first or second order: `edgeOrder`) at the edges; one tensor per dim.
 *
 * `spacing` is a number (the same step on every dim), a list of numbers (one per dim), or a list of 1-d tensors
 * (each dim's sample coordinates). Each dim needs at least edgeOrder + 1 samples.
 *
 * @see torch.gradient
 * @example
 * ```ts
 * tg.gradient(tg.tensor([1, 2, 4, 8]))[0] // tensor([1.0000, 1.5000, 3.0000, 4.0000])
 * tg.gradient(tg.tensor([[1, 2, 4], [2, 4, 8]]), { spacing: [2, 1], dim: [0, 1] }).length // => 2
 * tg.gradient(tg.tensor([1, 2, 4]), { spacing: [tg.tensor([0, 1, 3])] })[0].shape // => [3]
 * ```
 */
export function gradient(input: Tensor, spacing?: number | number[] | Tensor[] | null, dim?: number | number[] | null, edgeOrder = 1): Tensor[] {
  const op = 'gradient';
  checkTensor(op, input);
  if (edgeOrder !== 1 && edgeOrder !== 2) throw rangeError(op, `torch.gradient only supports edge_order=1 and edge_order=2 (got ${describe(edgeOrder)})`);
  const dims = dim === undefined || dim === null ? input.shape.map((_, i) => i) : (Array.isArray(dim) ? dim : [dim]).map((d) => wrapDim(op, d, input.ndim));
  if (new Set(dims).size !== dims.length) throw rangeError(op, `dim ${fmtShape(dims)} appears multiple times in the list of dims`);
  let steps: (number | Tensor)[];
  if (spacing === undefined || spacing === null) steps = dims.map(() => 1);
  else if (typeof spacing === 'number') steps = dims.map(() => spacing);
  else if (Array.isArray(spacing)) {
    if (spacing.length !== dims.length)
      throw rangeError(op, dim === undefined || dim === null
        ? `torch.gradient expected spacing to be unspecified, a scalar, or a list of length equal to 'self.dim() = ${input.ndim}', since dim argument was not given, but got a list of length ${spacing.length}`
        : `torch.gradient expected spacing to be unspecified, a scalar or it's spacing and dim arguments to have the same length, but got a spacing argument of length ${spacing.length} and a dim argument of length ${dims.length}.`);
    steps = spacing as (number | Tensor)[];
  } else throw typeError(op, `spacing must be a number, a list of numbers or a list of Tensors, got ${describe(spacing)}`);
  for (const d of dims)
    if (input.shape[d] < edgeOrder + 1) throw rangeError(op, `torch.gradient expected each dimension size to be at least edge_order+1 (dim ${d} of shape ${fmtShape(input.shape)})`);
  return dims.map((d, i) => {
    const h = steps[i];
    if (h instanceof Tensor) {
      checkTensor(op, h, 'spacing');
      if (h.ndim === 1 && h.shape[0] !== input.shape[d]) throw rangeError(op, `torch.gradient expected the spacing of dim ${d} to have ${input.shape[d]} coordinates, got ${h.shape[0]}`);
      return gradientAt(op, input, d, h, edgeOrder);
    }
    if (typeof h !== 'number') throw typeError(op, `spacing must hold numbers or Tensors, got ${describe(h)}`);
    return gradientUniform(input, d, h, edgeOrder);
  });
}
