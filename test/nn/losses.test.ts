// The losses and functional utilities of lib/ops/loss.ts and lib/ops/pixel.ts (issue 16): PyTorch 1.13 parity
// from test/fixtures/losses.json (values, grads, gradFn names, the errors PyTorch raises; made by
// test/fixtures/gen/gen_losses.py), float64 gradcheck / gradgradcheck of their derivative-table rows, and
// below: gradcheck of the composite losses, module reprs and forward, error messages.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('loss');
