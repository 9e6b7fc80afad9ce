// indexing ops (gather, indexSelect, index*, scatter*, masked*, take, takeAlongDim, put): PyTorch 1.13 parity
// from test/fixtures/indexing.json (forward values, dtype, shape, gradFn name, grads) plus float64 gradcheck and
// gradgradcheck for their derivative-table rows.
import { opSuite } from '../helpers/op_suite.js';

opSuite('indexing');
