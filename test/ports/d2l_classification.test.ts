// examples/ports/d2l_classification.mjs, d2l's softmax regression from scratch and the MLP from scratch and concise
// (d2l.Classifier, the Trainer loop, SGD) on a synthetic FashionMNIST, prints what PyTorch 1.13 printed for its twin
// (examples/ports/d2l_classification.py): the loss and accuracy curves, predictions and the final losses, 75 of 76
// lines (a last-bit float32 sum).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/d2l_classification.mjs';

// The hand-written softmax's row sums: PyTorch's exp rounds them to exactly 1, tensorgrad's to 1 + 1 ulp in one
// row (docs/porting.md: last-bit float32 results, "1." against "1.0000").
const DELIBERATE: Deliberate[] = [
  {
    pytorch: '        [0.2655, 0.2348, 0.1108, 0.1558, 0.2331]]) tensor([1., 1.])',
    tensorgrad: '        [0.2655, 0.2348, 0.1108, 0.1558, 0.2331]]) tensor([1.0000, 1.0000])',
    why: 'last-bit float32 exp', ulp: true,
  },
];

describe('port: d2l-en softmax-regression-scratch.md + mlp-implementation.md', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('d2l_classification');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
