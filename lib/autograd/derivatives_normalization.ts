// Derivative-table rows of the channel normalizations (lib/ops/normalization.ts), spread into THE table `D` of
// derivatives.ts. Each row has differentiable formulas (double backward) and a fused loop for the plain
// backward (Note [Channel statistics] in ops/normalization.ts).
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as N_ from '../ops/normalization.js';
import { batchable } from './batchable.js';

const N = batchable(N_); // Note [Batched backward]

type T = Tensor;
const three = [0, 1, 2];

export const NORMALIZATION_ROWS = {
  nnBatchNorm: {
    name: 'NativeBatchNormBackward0', jvp: 'transpose',
    grads: three.map((i) => (g: T, s: N_.BatchNormSaved) => N.batchNormBackward(g, s, [i === 0, i === 1, i === 2])[i]!),
    fused: (g: T, s: N_.BatchNormSaved, needs: boolean[]) => N.batchNormBackwardFused(g, s, needs),
  },
  nnGroupNorm: {
    name: 'NativeGroupNormBackward0', jvp: 'transpose',
    grads: three.map((i) => (g: T, s: N_.GroupNormSaved) => N.groupNormBackward(g, s, [i === 0, i === 1, i === 2])[i]!),
    fused: (g: T, s: N_.GroupNormSaved, needs: boolean[]) => N.groupNormBackwardFused(g, s, needs),
  },
} satisfies Record<string, Derivative>;
