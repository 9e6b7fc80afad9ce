// search ops (lib/ops/search.ts): PyTorch 1.13 parity from test/fixtures/ops.json (values, dtype, shape).
import { opSuite } from '../helpers/op_suite.js';

opSuite('search');
