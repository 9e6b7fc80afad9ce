// Derivative-table rows of the convolution and padding ops (lib/ops/conv.ts, lib/ops/padding.ts), spread into
// THE table `D` of derivatives.ts. Same conventions: PyTorch's node name literally; the formulas are tg ops
// (convolutions, im2col/col2im, matmul, indexAdd), so createGraph gives double backward.
import type { Tensor } from '../tensor.js';
import { TG } from './tangents.js';
import type { Derivative } from './function_node.js';
import * as CV_ from '../ops/conv.js';
import * as PD_ from '../ops/padding.js';
import { batchable } from './batchable.js';

const [CV, PD] = [batchable(CV_), batchable(PD_)]; // Note [Batched backward]

type T = Tensor;
const padRow = (name: string) => ({ name, jvp: 'transpose' as const, grads: [(g: T, s: PD_.IndexPadSaved) => PD.indexPadBackward(g, s)] });

export const CONV_ROWS = {
  // conv1d/2d/3d and convTranspose1d/2d/3d: one node, grads of input, weight, bias (Note [Conv geometry]).
  conv: {
    name: 'ConvolutionBackward0', jvp: TG.conv,
    grads: [0, 1, 2].map((i) => (g: T, s: CV_.ConvSaved) => CV.convBackward(g, s, i)),
    fused: (g: T, s: CV_.ConvSaved, needs: boolean[]) => CV.convBackwardFused(g, s, needs),
  },
  im2col: { name: 'Im2ColBackward0', jvp: 'transpose', grads: [(g: T, s: { geo: CV_.ConvGeo; unbatched: boolean }) => CV.col2imOp(g, s.geo, s.unbatched)] },
  col2im: { name: 'Col2ImBackward0', jvp: 'transpose', grads: [(g: T, s: { geo: CV_.ConvGeo; unbatched: boolean }) => CV.im2colOp(g, s.geo, s.unbatched)] },
  constantPadNd: { name: 'ConstantPadNdBackward0', jvp: 'transpose', grads: [(g: T, s: { pad: number[] }) => PD.constantPadBackward(g, s)] },
  reflectionPad1d: padRow('ReflectionPad1DBackward0'),
  reflectionPad2d: padRow('ReflectionPad2DBackward0'),
  reflectionPad3d: padRow('ReflectionPad3DBackward0'),
  replicationPad1d: padRow('ReplicationPad1DBackward0'),
  replicationPad2d: padRow('ReplicationPad2DBackward0'),
  replicationPad3d: padRow('ReplicationPad3DBackward0'),
  // PyTorch 1.13 pads circularly by copying into slices of a new tensor, so its node is CopySlices.
  circularPad: padRow('CopySlices'),
} satisfies Record<string, Derivative>;
