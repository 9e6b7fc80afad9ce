// dtype behaviour: type promotion of int32/bool/float operands (a JS number acts like a Python scalar),
// PyTorch int64 results as int32, and dtype combinations PyTorch rejects. Forward only, from ops.json.
import { opSuite } from '../helpers/op_suite.js';

opSuite('promotion');
