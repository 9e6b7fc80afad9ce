// Derivative-table row of the fused LSTM cell (lib/ops/rnn.ts), spread into THE table `D` of derivatives.ts:
// differentiable formulas (double backward) and a fused native backward for the plain one.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as RN_ from '../ops/rnn.js';
import { batchable } from './batchable.js';

const RN = batchable(RN_); // Note [Batched backward]

type T = Tensor;

export const RNN_ROWS = {
  // Two outputs (hy, cy); inputs hw, xw (the same grad: their sum is the gates) and c. Named after PyTorch's
  // node of hy in its composite cell, which the fused node stands for.
  lstmCell: {
    name: 'MulBackward0', jvp: 'transpose',
    outputs: 2,
    grads: [0, 1, 2].map((k) => (_g: T, s: RN_.LstmCellSaved, gs: readonly (T | null)[]) => RN.lstmCellBackward(s, gs[0] ?? null, gs[1] ?? null)[k === 2 ? 1 : 0]),
    fused: (_g: T, s: RN_.LstmCellSaved, needs: boolean[], gs: readonly (T | null)[]) => RN.lstmCellBackwardFused(s, gs[0] ?? null, gs[1] ?? null, needs),
  },
  // One LSTM layer direction (Note [Fused LSTM layer]): T + 1 outputs (the hidden states, then the last cell
  // state); inputs xw, h0, c0, W_hh, b_hh. Named after PyTorch's node of its first output (MulBackward0).
  lstmLayer: {
    name: 'MulBackward0', jvp: 'transpose',
    grads: [0, 1, 2, 3, 4].map((k) => (_g: T, s: RN_.LstmLayerSaved, gs: readonly (T | null)[]) => RN.lstmLayerBackward(s, gs)[k]),
    fused: (_g: T, s: RN_.LstmLayerSaved, needs: boolean[], gs: readonly (T | null)[]) => RN.lstmLayerBackwardFused(s, gs, needs),
  },
} satisfies Record<string, Derivative>;
