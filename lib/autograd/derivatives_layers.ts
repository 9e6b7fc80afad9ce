// Derivative-table rows of issue 16's remaining layers (lib/ops/embedding_bag.ts, rrelu.ts, weight_norm.ts), spread into
// THE table `D` of derivatives.ts; PyTorch's node names, formulas written with tg ops so createGraph works.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as EB_ from '../ops/embedding_bag.js';
import * as E_ from '../ops/elementwise.js';
import * as WN_ from '../ops/weight_norm.js';
import { batchable } from './batchable.js';

const [EB, E, WN] = [batchable(EB_), batchable(E_), batchable(WN_)]; // Note [Batched backward]

type T = Tensor;

export const LAYERS_ROWS = {
  nnEmbeddingBag: {
    name: 'EmbeddingBagBackward0', jvp: 'transpose',
    grads: [(g: T, s: EB_.EmbeddingBagSaved) => EB.embeddingBagWeightGrad(g, s), (g: T, s: EB_.EmbeddingBagSaved) => EB.embeddingBagPswGrad(g, s)],
  },
  // training: g times the drawn slopes (1 where x > 0); eval: leaky ReLU's grad at slope (lower + upper) / 2
  nnRrelu: {
    name: 'RreluWithNoiseBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; noise: T | null; slope: number }) => (s.noise !== null ? E.mul(g, s.noise) : E.where(E.gt(s.self, 0), g, E.mul(g, s.slope)))],
  },
  nnWeightNormInterface: {
    name: 'WeightNormInterfaceBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { v: T; g: T; dim: number }) => WN.weightNormBackward(g, s.v, s.g, s.dim)[0],
      (g: T, s: { v: T; g: T; dim: number }) => WN.weightNormBackward(g, s.v, s.g, s.dim)[1],
    ],
  },
} satisfies Record<string, Derivative>;
