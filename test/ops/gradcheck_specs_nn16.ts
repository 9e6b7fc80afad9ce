// float64 gradcheck + gradgradcheck specs of issue 16's remaining layers (rows in lib/autograd/
// derivatives_pooling3d.ts and derivatives_layers.ts), spread into GRADCHECK by gradcheck_specs.ts; group 'nn16'
// (replayed by test/ops/nn16.test.ts).
import tg, { Tensor } from '../../lib/index.js';
import { firstGrad } from '../helpers/ops_fixture.js';
import { r, dd, p, type GradSpec } from './gradcheck_specs.js';
import { weightNormOp } from '../../lib/ops/weight_norm.js';

const F = tg.nn.functional;
const S = (inputs: () => Tensor[], fn: GradSpec['fn']): GradSpec => ({ group: 'nn16', inputs, fn });
const i32 = (values: unknown): Tensor => tg.tensor(values as number[], { dtype: 'int32' });
const i64 = (values: unknown): Tensor => tg.tensor(values as number[], { dtype: 'int64' });

export const NN16_SPECS: Record<string, GradSpec[]> = {
  nnMaxPool3d: [
    S(() => [dd([1, 1, 4, 4, 4])], (x) => F.maxPool3d(x, 2)),
    S(() => [dd([2, 4, 5, 4])], (x) => F.maxPool3d(x, 3, { stride: 2, padding: 1, dilation: [1, 2, 1], ceilMode: true })),
  ],
  nnAdaptiveMaxPool3d: [S(() => [dd([1, 2, 3, 4, 5])], (x) => F.adaptiveMaxPool3d(x, [2, 2, 3]))],
  nnAvgPool3d: [
    S(() => [r([1, 2, 4, 4, 4])], (x) => F.avgPool3d(x, 3, 2, 1, false, false)),
    S(() => [r([2, 3, 3, 4])], (x) => F.avgPool3d(x, 2, { stride: 1, ceilMode: true, divisorOverride: 3 })),
  ],
  nnAvgPool3dBackward: [S(() => [r([1, 1, 4, 4, 3]), r([1, 1, 2, 2, 2])], (x, go) => firstGrad((t) => F.avgPool3d(t, 3, 2, 1), x, go))],
  nnAdaptiveAvgPool3d: [S(() => [r([1, 2, 5, 4, 3])], (x) => F.adaptiveAvgPool3d(x, [3, 2, 2]))],
  nnAdaptiveAvgPool3dBackward: [S(() => [r([1, 1, 4, 3, 3]), r([1, 1, 3, 2, 2])], (x, go) => firstGrad((t) => F.adaptiveAvgPool3d(t, [3, 2, 2]), x, go))],
  nnMaxUnpool3d: [S(() => [r([1, 1, 1, 2, 2])], (x) => F.maxUnpool3d(x, i32([[[[[0, 3], [9, 15]]]]]), 2))],
  nnEmbeddingBag: [
    S(() => [r([5, 3]), r([6])], (w, psw) => F.embeddingBag(i64([1, 2, 4, 2, 0, 3]), w, i64([0, 2, 5]), { mode: 'sum', perSampleWeights: psw })),
    S(() => [r([5, 2])], (w) => F.embeddingBag(i64([[0, 2, 0], [1, 4, 4]]), w, { paddingIdx: 0 })),
    S(() => [dd([5, 3])], (w) => F.embeddingBag(i64([1, 2, 4, 3, 1]), w, i64([0, 0, 3]), { mode: 'max' })),
  ],
  // tg.nn.utils.weightNorm's fused node (dim 0 and the last dim; lib/ops/weight_norm.ts)
  nnWeightNormInterface: [
    S(() => [r([3, 2, 2]), p([3, 1, 1])], (v, g) => weightNormOp(v, g, 0)),
    S(() => [r([2, 3]), p([1, 3])], (v, g) => weightNormOp(v, g, 1)),
  ],
  nnRrelu: [
    S(() => [r([2, 3])], (x) => F.rrelu(x, 0.1, 0.3)),
    // training draws from the global generator: reseeded per call so every gradcheck evaluation sees the same slopes
    S(() => [r([3, 3])], (x) => (tg.manualSeed(3), F.rrelu(x, 0.1, 0.3, true))),
  ],
};
