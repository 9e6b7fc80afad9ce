// tg.nn.functional.bilinear: PyTorch 1.13's F.bilinear (ATen's bilinear in Linear.cpp), y = x1^T A x2 + b per
// output feature. Computed as one GEMM of x1 against A laid out [in1, out * in2], times x2 and summed over
// in2; the graph ends as PyTorch's does, in AddBackward0 with a bias and ReshapeAliasBackward0 without (ATen's
// _trilinear node below it is a MulBackward0 / SumBackward1 / MmBackward0 chain here).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import { sum } from './reduce.js';
import { reshape, permute, unsqueeze } from './shape.js';
import { matmul } from './linalg.js';

/**
 * Bilinear transform of two inputs: `y = x1ᵀ A x2 + b`.
 *
 * input1 [..., in1] and input2 [..., in2] (same leading dims), weight [out, in1, in2], bias [out] or null:
 * y[..., o] = sum_ij input1[..., i] weight[o, i, j] input2[..., j] + bias[o], shape [..., out].
 *
 * @see torch.nn.functional.bilinear
 * @example
 * ```ts
 * const w = tg.ones(1, 2, 2)
 * tg.nn.functional.bilinear(tg.tensor([[1, 2]]), tg.tensor([[3, 4]]), w) // tensor([[21.]])
 * ```
 */
export const bilinear = kw(signature('nn.functional.bilinear', 'input1, input2, weight, bias'), function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const op = 'bilinear';
  checkTensor(op, input1, 'input1');
  checkTensor(op, input2, 'input2');
  checkTensor(op, weight, 'weight');
  for (const [name, t] of [['input1', input1], ['input2', input2], ['weight', weight]] as const)
    if (!isFloat(t.dtype)) throw typeError(op, `expected a floating point ${name}, got ${t.dtype} (${name} of shape ${fmtShape(t.shape)})`);
  const s1 = fmtShape(input1.shape), s2 = fmtShape(input2.shape), sw = fmtShape(weight.shape);
  if (input1.ndim < 1 || input1.ndim !== input2.ndim) throw rangeError(op, `input dimensions do not match: got ${input1.ndim} and ${input2.ndim} (input1 of shape ${s1}, input2 of shape ${s2})`);
  const lead = input1.shape.slice(0, -1);
  if (lead.join() !== input2.shape.slice(0, -1).join()) throw rangeError(op, `input batch dimensions do not match: got ${s1} and ${s2}`);
  if (weight.ndim !== 3) throw rangeError(op, `weight must be 3-D [out, in1, in2], got weight of shape ${sw}`);
  const [O, I, J] = weight.shape;
  if (input1.shape[input1.ndim - 1] !== I) throw rangeError(op, `input1 size does not match weight size: got ${input1.shape[input1.ndim - 1]} but expected ${I} (input1 of shape ${s1}, weight of shape ${sw})`);
  if (input2.shape[input2.ndim - 1] !== J) throw rangeError(op, `input2 size does not match weight size: got ${input2.shape[input2.ndim - 1]} but expected ${J} (input2 of shape ${s2}, weight of shape ${sw})`);
  if (bias !== undefined && bias !== null) {
    checkTensor(op, bias, 'bias');
    if (bias.ndim !== 1 || bias.shape[0] !== O) throw rangeError(op, `bias size does not match weight size: got ${bias.shape[bias.ndim - 1] ?? 'a scalar'} but expected ${O} (bias of shape ${fmtShape(bias.shape)}, weight of shape ${sw})`);
  }
  const n = lead.reduce((a, b) => a * b, 1);
  const a = matmul(reshape(input1, [n, I]), reshape(permute(weight, [1, 0, 2]), [I, O * J]));
  const y = sum(E.mul(reshape(a, [n, O, J]), unsqueeze(reshape(input2, [n, J]), 1)), -1);
  const out = reshape(y, [...lead, O]);
  return bias === undefined || bias === null ? out : E.add(out, bias);
});
