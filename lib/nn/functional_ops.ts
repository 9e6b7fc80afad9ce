// softmax and logSoftmax along a dim (max-subtracted), with PyTorch's fused backward nodes.
import { Tensor } from '../tensor.js';
import { isFloat } from '../dtype.js';
import { wrapDim } from '../shape.js';
import { typeError, describe } from '../errors.js';
import { noGrad } from '../autograd/grad_mode.js';
import { record } from '../autograd/function_node.js';
import { D } from '../autograd/derivatives.js';
import { sub, exp, div, log } from '../ops/elementwise.js';
import { sum, maxKeepdim } from '../ops/reduce.js';

function prepare(op: string, x: unknown, dim: unknown): [Tensor, number] {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  if (dim === undefined) throw typeError(op, 'dim is required (implicit dim choice is deprecated in PyTorch)');
  const d = wrapDim(op, dim, x.ndim);
  // As PyTorch: no implicit cast of integer input (F.softmax(x, { dim, dtype }) casts first).
  if (!isFloat(x.dtype)) throw typeError(op, `not implemented for dtype ${x.dtype} (cast with .to('float32') first)`);
  return [x, d];
}

/** exp(x) / sum(exp(x)) along dim. @example x.softmax(1) */
export function softmax(x: Tensor, dim: number): Tensor {
  const [src, d] = prepare('softmax', x, dim);
  const dims = src.ndim === 0 ? [] : [d];
  const out = noGrad(() => {
    if (src.ndim === 0) return exp(sub(src, src));
    const e = exp(sub(src, maxKeepdim(src, dims)));
    return div(e, sum(e, dims, true));
  });
  return record(D.softmax, [x], out, () => ({ result: out, dim: d }));
}

/** x - logsumexp(x) along dim. @example x.logSoftmax(1) */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const [src, d] = prepare('logSoftmax', x, dim);
  const dims = src.ndim === 0 ? [] : [d];
  const out = noGrad(() => {
    if (src.ndim === 0) return sub(src, src);
    const shifted = sub(src, maxKeepdim(src, dims));
    return sub(shifted, log(sum(exp(shifted), dims, true)));
  });
  return record(D.logSoftmax, [x], out, () => ({ result: out, dim: d }));
}
