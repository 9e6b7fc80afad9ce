// examples/ports/neural_networks.mjs, the blitz "Neural Networks" tutorial (LeNet: conv2d, max_pool2d, view; MSELoss,
// the grad_fn chain, zero_grad, optim.SGD) ported line by line, prints what PyTorch 1.13 printed for its twin
// (examples/ports/neural_networks.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/neural_networks.mjs';

describe('port: pytorch/tutorials blitz/neural_networks_tutorial.py', () => {
  it("prints PyTorch's lines", async () => {
    const want = expectedLines('neural_networks');
    // PyTorch 1.13 computes MSELoss against an int64 target but its backward fails; tensorgrad's runs, and gives
    // the grads PyTorch gives for the float target (the next lines of both).
    const why = 'docs/porting.md "Deliberate differences": an integer target of a float loss';
    const deliberate: Deliberate[] = [
      { pytorch: 'Found dtype Long but expected Float', tensorgrad: 'backward ran', why },
      { pytorch: 'tensor([0., 0., 0., 0., 0., 0.])', tensorgrad: 'tensor([ 0.0145, -0.0372,  0.0954, -0.0206,  0.0278,  0.0019])', why },
    ];
    const got = await portLines(main);
    expect(compareLines(got, want, deliberate)).toBe(want.length - deliberate.length);
    expect(got[19]).toBe(want[20]); // the int64 target's grads are the float target's
  });
});
