// Convolutions, unfold/fold and pad: PyTorch 1.13 parity from test/fixtures/conv.json (gen_conv.py: values,
// grads, gradFn names, bad input) plus float64 gradcheck and gradgradcheck for their derivative-table rows.
import { opSuite } from '../helpers/op_suite.js';

opSuite('conv');
