// softmax and logSoftmax along a dim (max-subtracted), with PyTorch's fused backward nodes.
import { Tensor } from '../tensor.js';
import { isFloat, isDType } from '../dtype.js';
import { wrapDim } from '../shape.js';
import { typeError, describe, disposedError } from '../errors.js';
import { noGrad, differentiableFormulas } from '../autograd/record.js';
import { native } from '../native.js';
import { outData } from '../storage.js';
import { wrap, to } from './creation.js';
import { record } from '../autograd/record.js';
import { sub, exp, mul } from './elementwise.js';
import { sum } from './reduce.js';

function prepare(op: string, x: unknown, dim: unknown): [Tensor, number] {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError(op, x.shape);
  if (dim === undefined) throw typeError(op, 'dim is required (implicit dim choice is deprecated in PyTorch)');
  const d = wrapDim(op, dim, x.ndim);
  // As PyTorch: no implicit cast of integer input (F.softmax(x, { dim, dtype }) casts first).
  if (!isFloat(x.dtype)) throw typeError(op, `not implemented for dtype ${x.dtype} (cast with .to('float32') first)`);
  return [x, d];
}

/** exp(x) / sum(exp(x)) along dim, by the native kernel (max-subtracted). @example x.softmax(1) */
/**
 * The input of softmax / logSoftmax with PyTorch's dtype argument: checked under the op's name, then cast.
 */
export function softmaxInput(op: string, x: unknown, dtype: unknown): Tensor {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError(op, x.shape);
  if (dtype === undefined || dtype === null) return x;
  if (typeof dtype !== 'string' || !isDType(dtype))
    throw typeError(op, `unknown dtype ${typeof dtype === 'string' ? dtype : describe(dtype)} (expected float32, float64, int32 or bool)`);
  return to(x, dtype);
}

export function softmax(x: Tensor, dim: number): Tensor {
  const [src, d] = prepare('softmax', x, dim);
  const out = src.ndim === 0 ? noGrad(() => exp(sub(src, src))) : wrap(native.softmax(src._data, src.shape, d, outData(src.dtype, src.numel())), src.shape.slice(), src.dtype);
  return record('softmax', [x], out, () => ({ result: out, dim: d }));
}

/** x - logsumexp(x) along dim, by the native kernel. @example x.logSoftmax(1) */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const [src, d] = prepare('logSoftmax', x, dim);
  const out = src.ndim === 0 ? noGrad(() => sub(src, src)) : wrap(native.logSoftmax(src._data, src.shape, d, outData(src.dtype, src.numel())), src.shape.slice(), src.dtype);
  return record('logSoftmax', [x], out, () => ({ result: out, dim: d }));
}

/**
 * The softmax / logSoftmax input grad: the fused native kernel when no graph is being built, otherwise the
 * same math in differentiable ops (so createGraph and double backward work).
 */
export function softmaxBackward(g: Tensor, y: Tensor, dim: number, isLog: boolean): Tensor {
  if (!differentiableFormulas() && y.ndim > 0 && g.dtype === y.dtype) {
    const kernel = isLog ? native.logSoftmaxBackward : native.softmaxBackward;
    return wrap(kernel(g._data, y._data, y.shape, dim, outData(y.dtype, y.numel())), y.shape.slice(), y.dtype);
  }
  if (isLog) return sub(g, mul(exp(y), sum(g, [dim], true)));
  return mul(sub(g, sum(mul(g, y), [dim], true)), y);
}
