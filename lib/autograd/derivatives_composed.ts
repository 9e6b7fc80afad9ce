// Derivative-table rows of the ops that PyTorch 1.13 records as one node and tensorgrad first composed from
// other ops (issue 15: their graphs showed the nodes of the ops they were built from): pdist, conv_tbc,
// as_strided_scatter and the deprecated non-inplace resize. Spread into THE table `D` of derivatives.ts;
// PyTorch's node names, each formula as its derivatives.yaml entry, written with tg ops so createGraph works.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as TN_ from '../ops/torch_names.js';
import * as S_ from '../ops/shape.js';
import { batchable } from './batchable.js';

const [TN, S] = [batchable(TN_), batchable(S_)]; // Note [Batched backward]

type T = Tensor;

export const COMPOSED_ROWS = {
  // _pdist_forward: self: _pdist_backward(grad, self, p, result) (Note [pdist backward]); no forward derivative
  pdist: {
    name: 'PdistBackward0', jvp: { notImplemented: '_pdist_forward' },
    grads: [(g: T, s: { self: T; p: number; result: T }) => TN.pdistBackward(g, s.self, s.p, s.result)],
    fused: (g: T, s: { self: T; p: number; result: T }) => [TN_.pdistBackwardFused(g, s.self, s.p, s.result)],
  },
  // conv_tbc: self, weight, bias: conv_tbc_backward(grad, self, weight, bias, pad); no forward derivative
  convTbc: {
    name: 'ConvTbcBackward0', jvp: { notImplemented: 'conv_tbc' },
    grads: [0, 1, 2].map((i) => (g: T, s: TN_.ConvTbcSaved) => TN.convTbcBackward(g, s, i)),
  },
  // as_strided_scatter: self: as_strided_scatter_backward(grad, ...), src: grad.contiguous().as_strided(...);
  // result: auto_linear
  asStridedScatter: {
    name: 'AsStridedScatterBackward0', jvp: 'transpose',
    grads: [0, 1].map((i) => (g: T, s: TN_.AsStridedScatterSaved) => TN.asStridedScatterBackward(g, s, i)),
  },
  // Tensor.resize / resize_as (torch.autograd._functions.Resize, a Python Function): grad.contiguous().view(
  // input_sizes). PyTorch's Function has no jvp; the tangent here is the one the formula gives.
  resize: { name: 'ResizeBackward', jvp: 'transpose', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
} satisfies Record<string, Derivative>;
