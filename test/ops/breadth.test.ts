// issue 15's second batch (aliases, erf, logaddexp, logit, sgn, clampMin/Max, amax/amin, nansum/nanmean, varMean/
// stdMean, the addmm family, vdot, inner, tensordot, kron, cross, trace, the joining helpers): PyTorch 1.13 parity
// from test/fixtures/breadth.json (gen_breadth.py) and float64 gradcheck/gradgradcheck per derivative row.
import { opSuite } from '../helpers/op_suite.js';

opSuite('breadth');
