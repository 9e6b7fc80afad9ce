// issue 15's missing linear-algebra names (lib/ops/linalg_extra.ts, linalg_factor.ts): PyTorch 1.13 parity from
// test/fixtures/linalgx.json (gen_linalgx.py) plus float64 gradcheck / gradgradcheck of their rows, and the
// errors and edge cases the fixtures do not pin.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('linalgx');
