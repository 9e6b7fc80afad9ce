// elementwise math (lib/ops/elementwise_math.ts) and the in-place forms: PyTorch 1.13 parity from
// test/fixtures/ops.json (values, dtype, gradFn name, grads), float64 gradcheck and gradgradcheck per row.
import { opSuite } from '../helpers/op_suite.js';

opSuite('math');
