// examples/ports/test_print.mjs, a slice of PyTorch's own test/test_torch.py (TestTorch.test_print: how tensors
// print, set_printoptions; dtype names, allclose, is_nonzero), prints what PyTorch 1.13 printed for its twin
// (examples/ports/test_print.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_print.mjs';

const why = 'docs/porting.md "Deliberate differences": error messages start with the op and name the shapes';
const DELIBERATE: Deliberate[] = [
  {
    pytorch: 'is_nonzero raises Boolean value of Tensor with no values is ambiguous',
    tensorgrad: 'is_nonzero raises isNonzero: Boolean value of Tensor with no values is ambiguous (shape [0])',
    why,
  },
  {
    pytorch: 'is_nonzero raises Boolean value of Tensor with more than one value is ambiguous',
    tensorgrad: 'is_nonzero raises isNonzero: Boolean value of Tensor with more than one value is ambiguous (shape [2])',
    why,
  },
];

describe('port: pytorch/pytorch test/test_torch.py (TestTorch.test_print and neighbours)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_print');
    expect(compareLines(await portLines(main), want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
