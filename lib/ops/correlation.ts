// cov and corrcoef as PyTorch 1.13's composites (aten/src/ATen/native/Correlation.cpp): built of tg ops, so
// autograd records what PyTorch records (SqueezeBackward0 for cov, ClampBackward1 for corrcoef).
import { Tensor, checkTensor } from '../tensor.js';
import { isFloat, isInt } from '../dtype.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { noGrad } from '../autograd/record.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import { sum } from './reduce.js';
import { mm } from './linalg.js';
import { diag } from './structure.js';
import { full } from './creation.js';

function checkWeights(op: string, w: Tensor, name: 'fweights' | 'aweights', observations: number): void {
  checkTensor(op, w, name);
  if (w.ndim > 1) throw rangeError(op, `expected ${name} to have one or fewer dimensions but got ${name} with ${w.ndim} dimensions (shape ${fmtShape(w.shape)})`);
  if (name === 'fweights' ? !isInt(w.dtype) : !isFloat(w.dtype))
    throw typeError(op, `expected ${name} to have ${name === 'fweights' ? 'integral' : 'floating point'} dtype but got ${name} with ${w.dtype} dtype`);
  if (w.numel() !== observations)
    throw rangeError(op, `expected ${name} to have the same numel as there are observations in the input but got ${w.numel()} != ${observations}`);
  if (observations > 0 && Number(noGrad(() => w.min().item())) < 0) throw rangeError(op, `${name} cannot be negative`);
}

function checkInput(op: string, input: Tensor): void {
  checkTensor(op, input);
  if (input.ndim > 2) throw rangeError(op, `expected input to have two or fewer dimensions but got an input with ${input.ndim} dimensions (shape ${fmtShape(input.shape)})`);
  if (input.dtype === 'bool') throw typeError(op, 'bool dtype is not supported for input');
}

/**
 * The covariance matrix of the variables in the rows of `input` (observations in the columns).
 *
 * A 1-d input is one variable. `correction` (default 1, Bessel's) is subtracted from the observation count (or,
 * with weights, from the weight sum, scaled by the aweights as NumPy does); integer `fweights` repeat observations
 * and float `aweights` weigh them. A non-positive number of degrees of freedom divides by zero (inf or NaN), as
 * PyTorch, which also warns. The result is squeezed: a 0-d tensor for one variable.
 *
 * @see torch.cov
 * @example
 * ```ts
 * const x = tg.tensor([[0, 1, 2], [2, 1, 0.5]])
 * tg.cov(x)
 * // tensor([[ 1.0000, -0.7500],
 * //         [-0.7500,  0.5833]])
 * tg.cov(x, { correction: 0, fweights: tg.tensor([1, 2, 3], { dtype: 'int64' }) }).shape // => [2, 2]
 * ```
 */
export function cov(input: Tensor, correction: number = 1, fweights: Tensor | null = null, aweights: Tensor | null = null): Tensor {
  const op = 'cov';
  checkInput(op, input);
  if (typeof correction !== 'number' || !Number.isInteger(correction)) throw typeError(op, `correction must be an integer, got ${describe(correction)}`);
  const x = input.ndim < 2 ? S.reshape(input, [1, -1]) : input;
  const n = x.shape[1];
  const fw = fweights ?? null, aw = aweights ?? null;
  let w: Tensor | null = null;
  if (fw !== null) {
    checkWeights(op, fw, 'fweights', n);
    w = fw;
  }
  if (aw !== null) {
    checkWeights(op, aw, 'aweights', n);
    w = w !== null ? E.mul(w, aw) : aw;
  }
  const wSum = w !== null ? sum(w) : full([], n, 'int64');
  if (w !== null && Number(noGrad(() => wSum.item())) === 0) throw rangeError(op, "weights sum to zero, can't be normalized");
  const avg = E.div(sum(w !== null ? E.mul(x, w) : x, 1), wSum);
  let norm: Tensor;
  if (w !== null && correction !== 0 && aw !== null) norm = E.sub(wSum, E.div(E.mul(sum(E.mul(w, aw)), correction), wSum));
  else norm = E.sub(wSum, correction);
  // PyTorch warns and divides by zero when there are no degrees of freedom left.
  if (Number(noGrad(() => norm.item())) <= 0) norm = noGrad(() => E.mul(norm, 0));
  const centered = E.sub(x, S.unsqueeze(avg, 1));
  const c = mm(centered, S.t(w !== null ? E.mul(centered, w) : centered));
  return S.squeeze(E.div(c, norm));
}

/**
 * Pearson's correlation coefficients of the variables in the rows of `input` (observations in the columns).
 *
 * cov(input) normalized by the standard deviations and clipped to [-1, 1]; a constant variable gives NaN. A
 * 1-d input gives a 0-d tensor: 1, or NaN when its variance is 0, NaN or infinite.
 *
 * @see torch.corrcoef
 * @example
 * ```ts
 * tg.corrcoef(tg.tensor([[0, 1, 2], [2, 1, 0.5]]))
 * // tensor([[ 1.0000, -0.9820],
 * //         [-0.9820,  1.0000]])
 * ```
 */
export function corrcoef(input: Tensor): Tensor {
  checkInput('corrcoef', input);
  const c = cov(input);
  if (c.ndim === 0) return E.div(c, c);
  const sd = E.sqrt(diag(c));
  return E.clamp(E.div(E.div(c, S.reshape(sd, [-1, 1])), S.reshape(sd, [1, -1])), -1, 1);
}
