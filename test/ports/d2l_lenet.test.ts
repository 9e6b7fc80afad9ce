// examples/ports/d2l_lenet.mjs, d2l's LeNet (Conv2d, AvgPool2d, Sigmoid, the layer-by-layer shapes, train_ch6 with
// xavier_uniform_ init, SGD and CrossEntropyLoss) on a synthetic FashionMNIST, prints what PyTorch 1.13 printed for
// its twin (examples/ports/d2l_lenet.py): 48 of 48 lines, the losses and accuracies of 24 SGD steps included.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/d2l_lenet.mjs';

const DELIBERATE: Deliberate[] = [];

describe('port: d2l-en chapter_convolutional-neural-networks/lenet.md', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('d2l_lenet');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
