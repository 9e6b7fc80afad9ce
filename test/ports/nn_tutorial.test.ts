// examples/ports/nn_tutorial.mjs, "What is torch.nn really?" on examples/mnist's digits (a hand-written model and
// loop, F.cross_entropy, nn.Module/Parameter/Linear, optim.SGD with momentum, TensorDataset slices, DataLoader
// with a sampler, three CNNs, Sequential with a Lambda, AdaptiveAvgPool2d) prints what PyTorch 1.13 printed for
// its twin (examples/ports/nn_tutorial.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/nn_tutorial.mjs';

describe('port: pytorch/tutorials beginner_source/nn_tutorial.py', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('nn_tutorial');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
