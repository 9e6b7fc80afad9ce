// Numerical integration and Vandermonde matrices as PyTorch 1.13's composites (Integration.cpp, vander in
// LinearAlgebra.cpp): trapezoid, trapz, cumulativeTrapezoid, vander. Built of tg ops, so autograd records what
// PyTorch records.
import { Tensor, checkTensor } from '../tensor.js';
import { promoteTypes } from '../dtype.js';
import { wrapDim } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
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
