// Parameters as one flat vector and back: PyTorch 1.13's torch.nn.utils.parameters_to_vector and
// vector_to_parameters.
import { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../../errors.js';
import { cat, reshape } from '../../ops/shape.js';
import { kw, signature } from '../../kwargs.js';
import { tensorList } from './clip_grad.js';

/**
 * Flattens parameters into one vector.
 *
 * Every parameter flattened and concatenated, in order (differentiable, like torch.cat of views).
 *
 * @see torch.nn.utils.parameters_to_vector
 * @example
 * ```ts
 * const m = new tg.nn.Linear(2, 1)
 * tg.nn.utils.parametersToVector(m.parameters()).shape // => [3]
 * ```
 */
export const parametersToVector = kw(signature('nn.utils.parametersToVector', 'parameters'), function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  const list = tensorList('nn.utils.parametersToVector', parameters);
  if (list.length === 0) throw rangeError('nn.utils.parametersToVector', 'expected a non-empty list of Tensors');
  for (const p of list) if (p.isDisposed) throw disposedError('nn.utils.parametersToVector', p.shape);
  return cat(list.map((p) => reshape(p, [-1])));
});

/**
 * Copies a vector's slices into the parameters (in place).
 *
 * Writes consecutive slices of `vec` into the parameters (each takes as many values as it has elements).
 * PyTorch rebinds each param.data to a view of vec; tensorgrad copies the values into the parameter's own
 * storage (a tensor's storage cannot be rebound), so the parameters do not alias vec afterwards.
 *
 * @see torch.nn.utils.vector_to_parameters
 * @example
 * ```ts
 * const m = new tg.nn.Linear(2, 1)
 * tg.nn.utils.vectorToParameters(tg.tensor([1, 2, 3]), m.parameters())
 * m.weight.data // tensor([[1., 2.]])
 * ```
 */
export const vectorToParameters = kw(signature('nn.utils.vectorToParameters', 'vec, parameters'), function vectorToParameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  const name = 'nn.utils.vectorToParameters';
  if (!(vec instanceof Tensor)) throw typeError(name, `expected Tensor, but got: ${describe(vec)}`);
  if (vec.isDisposed) throw disposedError(name, vec.shape);
  const list = tensorList(name, parameters);
  for (const t of [vec, ...list]) if (t.isDisposed) throw disposedError(name, t.shape);
  const total = list.reduce((s, p) => s + p.numel(), 0);
  if (vec.dim() !== 1 || vec.numel() < total)
    throw rangeError(name, `vec of shape ${fmtShape(vec.shape)} cannot fill parameters with ${total} elements in all`);
  noGrad(() => {
    let offset = 0;
    for (const p of list) {
      const n = p.numel();
      p.detach().copy_(vec.narrow(0, offset, n).reshape(p.shape));
      offset += n;
    }
  });
});
