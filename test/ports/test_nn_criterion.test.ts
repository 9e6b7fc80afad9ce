// examples/ports/test_nn_criterion.mjs, a slice of PyTorch's own test/test_nn.py (the criterion tests of
// common_nn.py's criterion_tests table: every loss module with its constructor arguments, reductions and
// no-batch-dim forms, in float64) printing each loss, its grad_fn and its input gradients, prints what PyTorch
// 1.13 printed for its twin (examples/ports/test_nn_criterion.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_nn_criterion.mjs';

const DELIBERATE: Deliberate[] = [];

describe('port: pytorch/pytorch test/test_nn.py (criterion tests, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_nn_criterion');
    expect(compareLines(await portLines(main), want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
