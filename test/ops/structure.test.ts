// structure ops (lib/ops/structure.ts): PyTorch 1.13 parity from test/fixtures/ops.json (values, dtype, shape,
// gradFn name, grads) plus float64 gradcheck and gradgradcheck for their derivative-table rows.
import { opSuite } from '../helpers/op_suite.js';

opSuite('structure');
