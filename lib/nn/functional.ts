// tg.nn.functional: activations, linear, losses.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { add, mul, sub, relu as reluOp, sigmoid as sigmoidOp, tanh as tanhOp } from '../ops/elementwise.js';
import { sum, mean } from '../ops/reduce.js';
import { matmul } from '../ops/linalg.js';
import { t } from '../ops/shape.js';
import { softmax, logSoftmax } from './functional_ops.js';
import { to, arange } from '../ops/creation.js';

export { softmax, logSoftmax };
export const relu = reluOp;
export const sigmoid = sigmoidOp;
export const tanh = tanhOp;

/** x @ weight^T + bias. @example F.linear(x, w, b) */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (!(input instanceof Tensor) || !(weight instanceof Tensor)) throw typeError('linear', 'expected Tensors for input and weight');
  if (weight.ndim !== 2) throw rangeError('linear', `weight must be 2-D, got shape ${fmtShape(weight.shape)}`);
  const out = matmul(input, t(weight));
  return bias === undefined || bias === null ? out : add(out, bias);
}

type Reduction = 'mean' | 'sum' | 'none';

function reduce(op: string, x: Tensor, reduction: Reduction | undefined): Tensor {
  const r = reduction ?? 'mean';
  if (r === 'mean') return mean(x);
  if (r === 'sum') return sum(x);
  if (r === 'none') return x;
  throw rangeError(op, `${String(r)} is not a valid value for reduction`);
}

/** Mean squared error. @example F.mseLoss(pred, target) */
export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  if (!(input instanceof Tensor) || !(target instanceof Tensor)) throw typeError('mseLoss', 'expected Tensors');
  const d = sub(input, target);
  return reduce('mseLoss', mul(d, d), opts.reduction);
}

/** Cross entropy of logits [N, C] against int class indices [N] (or class probabilities [N, C]). */
export function crossEntropy(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  if (!(input instanceof Tensor) || !(target instanceof Tensor)) throw typeError('crossEntropy', `expected Tensors, got ${describe(input)} and ${describe(target)}`);
  if (input.ndim !== 2) throw rangeError('crossEntropy', `expected input of shape [N, C], got ${fmtShape(input.shape)}`);
  const logp = logSoftmax(input, 1);
  if (target.dtype === 'int32') {
    if (target.ndim !== 1 || target.shape[0] !== input.shape[0])
      throw rangeError('crossEntropy', `expected target of shape [${input.shape[0]}], got ${fmtShape(target.shape)}`);
    const c = input.shape[1];
    const tv = target._data;
    for (let i = 0; i < tv.length; i++)
      if (tv[i] < 0 || tv[i] >= c) throw rangeError('crossEntropy', `target ${tv[i]} is out of bounds for ${c} classes`);
    const onehot = to(target.reshape([-1, 1]).eq(arangeRow(c)), input.dtype);
    const picked = sum(mul(logp, onehot), 1);
    return reduce('crossEntropy', mul(picked, -1), opts.reduction);
  }
  const picked = sum(mul(logp, target), 1);
  return reduce('crossEntropy', mul(picked, -1), opts.reduction);
}

function arangeRow(c: number): Tensor {
  return arange(c, { dtype: 'int32' }).reshape([1, c]);
}
