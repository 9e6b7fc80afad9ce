// inplace ops: PyTorch 1.13 parity from test/fixtures/ops.json (forward values, dtype, shape, gradFn name, grads)
// plus float64 gradcheck and gradgradcheck for the derivative-table rows of this family.
import { opSuite } from '../helpers/op_suite.js';

opSuite('inplace');
