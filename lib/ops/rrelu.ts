// tg.nn.functional.rrelu: PyTorch 1.13's randomized leaky ReLU (torch.rrelu -> rrelu_with_noise). Training:
// each non-positive x is scaled by its own slope drawn uniformly from [lower, upper) (from tensorgrad's generator,
// tg.manualSeed, not PyTorch's stream); eval: the fixed slope (lower + upper) / 2. One RreluWithNoiseBackward0
// node in both modes, as PyTorch's (row nnRrelu in lib/autograd/derivatives_layers.ts).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { wrap, empty } from './creation.js';
import { uniform_ } from './sampling.js';

type Floats = Float32Array | Float64Array;

/**
 * Randomized leaky ReLU: x for x > 0, a x elsewhere (a ~ U[lower, upper) per element when training).
 *
 * In eval (training: false, the default of the functional form) the slope is (lower + upper) / 2. inplace: true
 * is a TypeError (use the result). One RreluWithNoiseBackward0 node (the grad is g times the slope used).
 *
 * @see torch.nn.functional.rrelu
 * @example
 * ```ts
 * tg.nn.functional.rrelu(tg.tensor([-1, 2]), { lower: 0.1, upper: 0.3 }) // tensor([-0.2000,  2.0000])
 * ```
 */
export const rrelu = kw(signature('nn.functional.rrelu', 'input, lower, upper, training, inplace'), function rrelu(input: Tensor, lower = 1 / 8, upper = 1 / 3, training = false, inplace = false): Tensor {
  const op = 'rrelu';
  checkTensor(op, input, 'input');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype}`);
  if (typeof lower !== 'number' || typeof upper !== 'number') throw typeError(op, `lower and upper must be numbers, got ${describe(lower)} and ${describe(upper)}`);
  if (!(lower <= upper)) throw rangeError(op, `Lower bound should be less than or equal to the upper bound, got lower=${lower}, upper=${upper}`);
  if (typeof training !== 'boolean') throw typeError(op, `training must be a boolean, got ${describe(training)}`);
  if (typeof inplace !== 'boolean') throw typeError(op, `inplace must be a boolean, got ${describe(inplace)}`);
  if (inplace) throw typeError(op, 'inplace=True is not supported (use the out-of-place result)');
  const x = input._data as Floats, n = x.length;
  const out = outData(input.dtype, n) as Floats;
  let noise: Tensor | null = null;
  if (training) {
    noise = noGrad(() => uniform_(empty(input.shape, { dtype: input.dtype }), lower, upper));
    const r = noise._data as Floats;
    for (let i = 0; i < n; i++) {
      if (x[i] > 0) r[i] = 1; // noise is 1 where x passes through, its slope elsewhere (PyTorch's noise)
      out[i] = x[i] * r[i];
    }
  } else {
    const slope = (lower + upper) / 2;
    for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : x[i] * slope;
  }
  return record('nnRrelu', [input], wrap(out, input.shape.slice(), input.dtype), () => ({ self: input, noise, slope: (lower + upper) / 2 }));
}) as (input: Tensor, lower?: number | RreluOptions, upper?: number | RreluOptions, training?: boolean | RreluOptions, inplace?: boolean | RreluOptions) => Tensor;

export interface RreluOptions { lower?: number; upper?: number; training?: boolean; inplace?: boolean }
