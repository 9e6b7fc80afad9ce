// float64 gradcheck + gradgradcheck specs of issue 16's last layers (session 6; rows in lib/autograd/
// derivatives_sampling.ts), spread into GRADCHECK by gradcheck_specs.ts; group 'nn6' (replayed by
// test/ops/nn6.test.ts). Grid points are random, so none sits within eps of a tap boundary (a kink).
import tg, { Tensor } from '../../lib/index.js';
import { r, dd, type GradSpec } from './gradcheck_specs.js';

const F = tg.nn.functional;
const S = (inputs: () => Tensor[], fn: GradSpec['fn']): GradSpec => ({ group: 'nn6', inputs, fn });

export const NN6_SPECS: Record<string, GradSpec[]> = {
  nnGridSampler2d: [
    S(() => [r([1, 2, 3, 3]), r([1, 2, 2, 2], -1.2, 1.2)], (x, g) => F.gridSample(x, g, { alignCorners: false })),
    S(() => [r([1, 1, 3, 4]), r([1, 2, 1, 2], -1.4, 1.4)], (x, g) => F.gridSample(x, g, 'bilinear', 'reflection', true)),
    S(() => [r([1, 1, 3, 3]), r([1, 1, 2, 2], -1.4, 1.4)], (x, g) => F.gridSample(x, g, 'bicubic', 'border', false)),
    S(() => [r([1, 1, 4, 3]), r([1, 1, 2, 2], -1.3, 1.3)], (x, g) => F.gridSample(x, g, 'bicubic', 'zeros', true)),
    S(() => [r([1, 2, 3, 3]), r([1, 2, 2, 2], -0.9, 0.9)], (x, g) => F.gridSample(x, g, { mode: 'nearest', alignCorners: false })),
  ],
  nnGridSampler3d: [
    S(() => [r([1, 1, 2, 3, 2]), r([1, 1, 2, 1, 3], -1.2, 1.2)], (x, g) => F.gridSample(x, g, { paddingMode: 'border', alignCorners: true })),
    S(() => [r([1, 2, 2, 2, 3]), r([1, 1, 1, 2, 3], -1.3, 1.3)], (x, g) => F.gridSample(x, g, 'bilinear', 'reflection', false)),
  ],
  nnAffineGrid: [
    S(() => [r([2, 2, 3])], (t) => F.affineGrid(t, [2, 1, 2, 3], false)),
    S(() => [r([1, 3, 4])], (t) => F.affineGrid(t, [1, 1, 2, 2, 3], true)),
  ],
  // fixed samples: the windows do not move between gradcheck's evaluations
  nnFractionalMaxPool2d: [
    S(() => [dd([1, 2, 5, 4])], (x) => F.fractionalMaxPool2d(x, 2, [3, 2], null, false, tg.tensor([[[0.2, 0.7], [0.9, 0.1]]], { dtype: 'float64' }))),
  ],
  nnFractionalMaxPool3d: [
    S(() => [dd([1, 1, 4, 3, 4])], (x) => F.fractionalMaxPool3d(x, 2, { outputSize: [2, 1, 2], _randomSamples: tg.tensor([[[0.4, 0.5, 0.8]]], { dtype: 'float64' }) })),
  ],
};
