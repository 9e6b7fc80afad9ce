// examples/ports/d2l_linreg.mjs, d2l's linear regression from scratch and concise (with the d2l Trainer loop:
// backward and a hand-written SGD step inside no_grad, nn.MSELoss, optim.SGD), prints what PyTorch 1.13 printed
// for its twin (examples/ports/d2l_linreg.py): the loss curve and the estimation errors.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/d2l_linreg.mjs';

describe('port: d2l-en chapter_linear-regression linear-regression-scratch.md + linear-regression-concise.md', () => {
  it("prints PyTorch's lines", async () => {
    const want = expectedLines('d2l_linreg');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
