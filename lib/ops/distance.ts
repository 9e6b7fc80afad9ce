// normalize and cosineSimilarity (PyTorch 1.13's F.normalize, F.cosine_similarity), composed as PyTorch
// composes them so the graph shows its nodes: x / norm(x).clampMin(eps).expand_as(x) (DivBackward0 over
// ExpandBackward0 over ClampMinBackward0 over NormBackward1), and sum(x1 / |x1| * x2 / |x2|) with each
// squared norm clamped at eps^2 in place without recording (SumBackward1 over MulBackward0 over DivBackward0).
// pairwiseDistance is in lib/ops/loss.ts next to tripletMarginLoss, which uses it.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { broadcastShapes } from '../shape.js';
import { noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import { sum, norm } from './reduce.js';
import { expand } from './shape.js';
import { clampMin } from './loss.js';

function checkDim(op: string, dim: unknown, ndim: number): number {
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw typeError(op, `dim must be an integer, got ${describe(dim)}`);
  const n = Math.max(ndim, 1);
  if (dim < -n || dim >= n) throw rangeError(op, `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  return dim < 0 ? dim + n : dim;
}

/**
 * Divides by the p-norm along `dim` (at least eps).
 *
 * x / max(||x||_p along dim, eps).
 *
 * @see torch.nn.functional.normalize
 * @example
 * ```ts
 * const x = tg.tensor([[3, 4]])
 * tg.nn.functional.normalize(x) // tensor([[0.6000, 0.8000]])
 * ```
 */
export const normalize = kw(signature('nn.functional.normalize', 'input, p, dim, eps'), function normalize(input: Tensor, pArg?: number | { p?: number; dim?: number; eps?: number }, dimArg?: number, epsArg?: number): Tensor {
  const op = 'normalize';
  checkTensor(op, input, 'input');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype}`);
  const p = pArg ?? 2, eps = epsArg ?? 1e-12;
  if (typeof p !== 'number') throw typeError(op, `p must be a number, got ${describe(p)}`);
  if (typeof eps !== 'number') throw typeError(op, `eps must be a number, got ${describe(eps)}`);
  const dim = checkDim(op, dimArg ?? 1, input.ndim);
  const denom = clampMin(norm(input, p, input.ndim === 0 ? null : dim, true), eps);
  return E.div(input, expand(denom, input.shape));
});

/**
 * Cosine of the angle between x1 and x2 along `dim`.
 *
 * Cosine similarity of x1 and x2 along dim (broadcast), each norm at least eps.
 *
 * @see torch.nn.functional.cosine_similarity
 * @example
 * ```ts
 * const a = tg.tensor([[1, 0]])
 * tg.nn.functional.cosineSimilarity(a, tg.tensor([[1, 1]])) // tensor([0.7071])
 * ```
 */
export const cosineSimilarity = kw(signature('nn.functional.cosineSimilarity', 'x1, x2, dim, eps'), function cosineSimilarity(x1: Tensor, x2: Tensor, dimArg?: number | { dim?: number; eps?: number }, epsArg?: number): Tensor {
  const op = 'cosineSimilarity';
  checkTensor(op, x1, 'x1');
  checkTensor(op, x2, 'x2');
  if (!isFloat(x1.dtype) || !isFloat(x2.dtype)) throw typeError(op, `expected floating point inputs, got ${x1.dtype} and ${x2.dtype}`);
  const shape = broadcastShapes(op, x1.shape, x2.shape);
  const dim = checkDim(op, dimArg ?? 1, shape.length);
  if (shape.length === 0) throw rangeError(op, `expected inputs with at least 1 dimension, got ${fmtShape(x1.shape)} and ${fmtShape(x2.shape)}`);
  const eps = epsArg ?? 1e-8;
  if (typeof eps !== 'number') throw typeError(op, `eps must be a number, got ${describe(eps)}`);
  const a = expand(x1, shape), b = expand(x2, shape);
  const unitNorm = (x: Tensor): Tensor => {
    const sq = sum(E.pow(x, 2), dim, true);
    noGrad(() => sq.clamp_(eps * eps)); // in place and unrecorded, as PyTorch: the grad flows as if unclamped
    return E.sqrt(sq);
  };
  return sum(E.mul(E.div(a, unitNorm(a)), E.div(b, unitNorm(b))), dim);
});
