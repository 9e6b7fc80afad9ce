// Derivative-table rows of the pooling ops (lib/ops/pooling.ts), spread into THE table `D` of derivatives.ts.
// Same conventions: PyTorch's node name literally, one formula per input written with tg ops so createGraph
// works. Average pooling's backward is itself a recorded op (AvgPool2DBackwardBackward0, whose grad is the
// forward pooling again); max pooling's backward is a scatterAdd at the saved indices.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as P_ from '../ops/pooling.js';
import * as C_ from '../ops/creation.js';
import { batchable } from './batchable.js';

const [P, C] = [batchable(P_), batchable(C_)]; // Note [Batched backward]

type T = Tensor;
type MaxSaved = { shape: number[]; indices: T };
type Saved = { geom: P_.PoolGeom; self: T };
/** The backward of average pooling does not depend on self's values: zeros (PyTorch's zeros_like(self)). */
const selfZeros = (g: T, s: { shape: number[] }) => C.zeros(s.shape, { dtype: g.dtype });

export const POOLING_ROWS = {
  nnMaxPool2d: {
    name: 'MaxPool2DWithIndicesBackward0', jvp: 'transpose',
    grads: [(g: T, s: MaxSaved) => P.maxPoolBackward(g, s.indices, s.shape)],
    fused: (g: T, s: MaxSaved) => [P.maxPoolBackwardFused(g, s.indices, s.shape)],
  },
  nnAdaptiveMaxPool2d: {
    name: 'AdaptiveMaxPool2DBackward0', jvp: 'transpose',
    grads: [(g: T, s: MaxSaved) => P.maxPoolBackward(g, s.indices, s.shape)],
    fused: (g: T, s: MaxSaved) => [P.maxPoolBackwardFused(g, s.indices, s.shape)],
  },
  nnAvgPool2d: { name: 'AvgPool2DBackward0', jvp: 'transpose', grads: [(g: T, s: Saved) => P.avgPool2dBackward(g, s.self, s.geom)] },
  nnAvgPool2dBackward: { name: 'AvgPool2DBackwardBackward0', jvp: 'transpose', grads: [(g: T, s: { geom: P_.PoolGeom }) => P.avgPool2dApply(g, s.geom), selfZeros] },
  nnAdaptiveAvgPool2d: { name: 'AdaptiveAvgPool2DBackward0', jvp: 'transpose', grads: [(g: T, s: Saved) => P.adaptiveAvgPool2dBackward(g, s.self, s.geom)] },
  nnAdaptiveAvgPool2dBackward: {
    name: 'AdaptiveAvgPool2DBackwardBackward0', jvp: 'transpose',
    grads: [(g: T, s: { geom: P_.PoolGeom }) => P.adaptiveAvgPool2dApply(g, s.geom), selfZeros],
  },
  nnMaxUnpool2d: { name: 'MaxUnpool2DBackward0', jvp: 'transpose', grads: [(g: T, s: { indices: T; planes: number }) => P.maxUnpoolBackward(g, s.indices, s.planes)] },
} satisfies Record<string, Derivative>;
