// Derivative-table rows of the volumetric pooling ops (lib/ops/pooling3d.ts), spread into THE table `D` of
// derivatives.ts. As derivatives_pooling.ts one dim up: average pooling's backward is itself a recorded op
// (AvgPool3DBackwardBackward0, whose grad is the forward pooling again); max pooling's is a scatterAdd at the
// saved volume indices; unpooling's a gather.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as P_ from '../ops/pooling3d.js';
import * as C_ from '../ops/creation.js';
import { batchable } from './batchable.js';

const [P, C] = [batchable(P_), batchable(C_)]; // Note [Batched backward]

type T = Tensor;
type MaxSaved = { shape: number[]; indices: T };
type Saved = { geom: P_.Pool3Geom; self: T };
/** The backward of average pooling does not depend on self's values: zeros (PyTorch's zeros_like(self)). */
const selfZeros = (g: T, s: { shape: number[] }) => C.zeros(s.shape, { dtype: g.dtype });

export const POOLING3D_ROWS = {
  nnMaxPool3d: { name: 'MaxPool3DWithIndicesBackward0', jvp: 'transpose', grads: [(g: T, s: MaxSaved) => P.volumeScatterBackward(g, s.indices, s.shape)] },
  nnAdaptiveMaxPool3d: { name: 'AdaptiveMaxPool3DBackward0', jvp: 'transpose', grads: [(g: T, s: MaxSaved) => P.volumeScatterBackward(g, s.indices, s.shape)] },
  nnAvgPool3d: { name: 'AvgPool3DBackward0', jvp: 'transpose', grads: [(g: T, s: Saved) => P.avgPool3dBackward(g, s.self, s.geom)] },
  nnAvgPool3dBackward: { name: 'AvgPool3DBackwardBackward0', jvp: 'transpose', grads: [(g: T, s: { geom: P_.Pool3Geom }) => P.avgPool3dApply(g, s.geom), selfZeros] },
  nnAdaptiveAvgPool3d: { name: 'AdaptiveAvgPool3DBackward0', jvp: 'transpose', grads: [(g: T, s: Saved) => P.adaptiveAvgPool3dBackward(g, s.self, s.geom)] },
  nnAdaptiveAvgPool3dBackward: {
    name: 'AdaptiveAvgPool3DBackwardBackward0', jvp: 'transpose',
    grads: [(g: T, s: { geom: P_.Pool3Geom }) => P.adaptiveAvgPool3dApply(g, s.geom), selfZeros],
  },
  nnMaxUnpool3d: { name: 'MaxUnpool3DBackward0', jvp: 'transpose', grads: [(g: T, s: { indices: T; planes: number }) => P.maxUnpool3dBackward(g, s.indices, s.planes)] },
} satisfies Record<string, Derivative>;
