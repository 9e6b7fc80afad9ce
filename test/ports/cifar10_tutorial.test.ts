// examples/ports/cifar10_tutorial.mjs, the "Training a Classifier" blitz (a Dataset subclass and DataLoader, the
// CNN with Conv2d/MaxPool2d/flatten, CrossEntropyLoss and SGD with momentum, a saved and reloaded state dict,
// torch.max and per-class accuracy) on a synthetic CIFAR10, prints what PyTorch 1.13 printed for its twin
// (examples/ports/cifar10_tutorial.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/cifar10_tutorial.mjs';

describe('port: pytorch/tutorials beginner_source/blitz/cifar10_tutorial.py', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('cifar10_tutorial');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
