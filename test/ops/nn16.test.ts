// issue 16's remaining functional layers (3-D pooling, maxUnpool1d/3d, embeddingBag, bilinear, rrelu, dropout3d,
// channelShuffle): PyTorch 1.13 parity from test/fixtures/nn16.json (gen_nn16.py) and float64 gradcheck /
// gradgradcheck per derivative row (test/ops/gradcheck_specs.ts, group 'nn16').
import { opSuite } from '../helpers/op_suite.js';

opSuite('nn16');
