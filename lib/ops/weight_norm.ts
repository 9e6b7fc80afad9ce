// torch._weight_norm (ATen's weight_norm in WeightNorm.cpp), the computation behind tg.nn.utils.weightNorm:
// v * (g / ||v||), the norm over every dim but `dim` (norm_except_dim). As PyTorch 1.13 on CPU, dim 0 and the
// last dim go through one fused node, WeightNormInterfaceBackward0 (row nnWeightNormInterface in
// lib/autograd/derivatives_layers.ts); any other dim (and -1, the whole tensor) is the composite, MulBackward0.
import type { Tensor } from '../tensor.js';
import { record, noGrad } from '../autograd/record.js';
import * as E from './elementwise.js';
import { norm, sum } from './reduce.js';
import { view, transpose } from './shape.js';

/**
 * PyTorch's norm_except_dim(v, pow, dim): the pow-norm of v over every dim but dim, shaped to broadcast against v
 * (size 1 except at dim); dim -1 is the norm of the whole tensor.
 */
export function normExceptDim(v: Tensor, pow: number, dim: number): Tensor {
  // ATen's composite, node for node: v.norm(pow) (NormBackward0) for the whole tensor; for dim 0 (the last
  // dim) v.contiguous().view(size(0), -1).norm(pow, 1) (.norm(pow, 0) of view(-1, size(-1))), then a view to
  // the broadcasting shape (ViewBackward0); any other dim through transposes.
  if (dim === -1) {
    const out = noGrad(() => norm(v, pow));
    return record('normScalar', [v], out, () => ({ self: v, result: out, p: pow, dims: null, keepdim: false }));
  }
  const c = v.contiguous();
  if (dim === 0) return view(norm(view(c, [v.shape[0], -1]), pow, 1), [v.shape[0], ...v.shape.slice(1).map(() => 1)]);
  if (dim === v.ndim - 1) {
    const n = v.shape[dim];
    return view(norm(view(c, [-1, n]), pow, 0), [...v.shape.slice(0, -1).map(() => 1), n]);
  }
  return transpose(normExceptDim(transpose(v, 0, dim), pow, 0), 0, dim);
}

/** v * (g / normExceptDim(v, 2, dim)), one WeightNormInterfaceBackward0 node for dim 0 or the last dim. */
export function weightNormOp(v: Tensor, g: Tensor, dim: number): Tensor {
  if (dim !== 0 && dim !== v.ndim - 1) return E.mul(v, E.div(g, normExceptDim(v, 2, dim)));
  const out = noGrad(() => E.mul(v, E.div(g, normExceptDim(v, 2, dim))));
  return record('nnWeightNormInterface', [v, g], out, () => ({ v, g, dim }));
}

/** sum of x over every dim but dim, keeping dims (the shape of normExceptDim). */
function sumExceptDim(x: Tensor, dim: number): Tensor {
  const dims = x.shape.map((_, i) => i).filter((i) => i !== dim);
  return dims.length === 0 ? x : sum(x, dims, true);
}

/** WeightNormInterfaceBackward0's formulas (PyTorch's _weight_norm_differentiable_backward): [grad_v, grad_g]. */
export function weightNormBackward(grad: Tensor, v: Tensor, g: Tensor, dim: number): [Tensor, Tensor] {
  const n = normExceptDim(v, 2, dim);
  const s = sumExceptDim(E.mul(grad, v), dim);
  const gradG = E.div(s, n);
  const gradV = E.mul(E.div(g, n), E.sub(grad, E.mul(v, E.div(s, E.mul(n, n)))));
  return [gradV, gradG];
}
