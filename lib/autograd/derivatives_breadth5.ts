// Derivative-table rows of issue 15's fifth op batch (the in-place view ops of lib/ops/view_inplace.ts, ...),
// spread into THE table `D` of derivatives.ts. Each in-place view op records the node PyTorch 1.13 names after
// its in-place overload, with the formula of the out-of-place view op.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as S_ from '../ops/shape.js';
import { batchable } from './batchable.js';
import { asStridedBackward } from './index_grads.js';
import type { AsStridedSaved } from './formulas.js';
import { scatterReduceBackward, type ScatterReduceSaved } from './index_grads.js';

type T = Tensor;
const S = batchable(S_); // Note [Batched backward]

export const BREADTH5_ROWS = {
  squeezeInplace: { name: 'SqueezeBackward2', jvp: 'transpose', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
  unsqueezeInplace: { name: 'UnsqueezeBackward1', jvp: 'transpose', grads: [(g: T, s: { dim: number }) => S.squeeze(g, s.dim)] },
  tInplace: { name: 'TBackward1', jvp: 'transpose', grads: [(g: T) => S.t(g)] },
  transposeInplace: { name: 'TransposeBackward1', jvp: 'transpose', grads: [(g: T, s: { dim0: number; dim1: number }) => S.transpose(g, s.dim0, s.dim1)] },
  asStridedInplace: {
    name: 'AsStridedBackward1', jvp: 'transpose',
    grads: [(g: T, s: AsStridedSaved) => asStridedBackward(g, { size: s.shape, stride: s.strides, offset: s.offset }, { size: s.size, stride: s.stride, offset: s.storageOffset })],
  },
  // index_reduce: scatter_reduce's formulas over the index expanded to source's shape (lib/ops/index_reduce.ts)
  indexReduce: {
    name: 'IndexReduceBackward0', jvp: 'transpose',
    grads: [(g: T, s: ScatterReduceSaved) => scatterReduceBackward(g, s, 0), (g: T, s: ScatterReduceSaved) => scatterReduceBackward(g, s, 1)],
  },
} satisfies Record<string, Derivative>;
