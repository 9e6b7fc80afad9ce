// issue 16's last functional layers (session 6: gridSample, affineGrid, ...): PyTorch 1.13 parity from
// test/fixtures/nn6.json (gen_nn6.py) and float64 gradcheck / gradgradcheck per derivative row
// (test/ops/gradcheck_specs_nn6.ts, group 'nn6').
import { opSuite } from '../helpers/op_suite.js';

opSuite('nn6');
