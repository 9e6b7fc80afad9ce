// scans (lib/ops/cumulative.ts): PyTorch 1.13 parity from test/fixtures/ops.json
// (values, int32 indices, gradFn name, grads), float64 gradcheck and gradgradcheck per derivative row.
import { opSuite } from '../helpers/op_suite.js';

opSuite('cumulative');
