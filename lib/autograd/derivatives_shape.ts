// Derivative-table rows of shape ops that PyTorch runs in place inside a composite (the node is named after
// the in-place overload), spread into THE table `D` of derivatives.ts.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as S_ from '../ops/shape.js';
import { batchable } from './batchable.js';

const S = batchable(S_); // Note [Batched backward]

type T = Tensor;

export const SHAPE_ROWS = {
  // squeeze_(dim): PyTorch 1.13's matmul of a vector and a matrix is mm(a.unsqueeze(0), b).squeeze_(0), so
  // its result's node is SqueezeBackward3 (the in-place dim overload); same formula as squeeze(dim).
  squeezeDimInplace: { name: 'SqueezeBackward3', jvp: 'transpose', grads: [(g: T, s: { shape: number[] }) => S.reshape(g, s.shape)] },
} satisfies Record<string, Derivative>;
