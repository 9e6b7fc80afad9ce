// Derivative-table rows of fractional max pooling (lib/ops/fractional_max_pool.ts), spread into THE table `D` of
// derivatives.ts: as max pooling's, a scatterAdd of the grad at the saved per-plane indices.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import { fractionalMaxPoolBackward } from '../ops/fractional_max_pool.js';

type T = Tensor;
type Saved = { shape: number[]; indices: T; d: number };
const grads = [(g: T, s: Saved) => fractionalMaxPoolBackward(g, s.indices, s.shape, s.d)];

export const FRACTIONAL_ROWS = {
  nnFractionalMaxPool2d: { name: 'FractionalMaxPool2DBackward0', jvp: 'transpose', grads },
  nnFractionalMaxPool3d: { name: 'FractionalMaxPool3DBackward0', jvp: 'transpose', grads },
} satisfies Record<string, Derivative>;
