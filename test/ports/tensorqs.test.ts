// examples/ports/tensorqs.mjs, the PyTorch "Tensors" tutorial ported line by line, prints what PyTorch 1.13
// printed for its twin (examples/ports/tensorqs.py -> tensorqs.expected.txt).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/tensorqs.mjs';

describe('port: pytorch/tutorials basics/tensorqs_tutorial.py', () => {
  it("prints PyTorch's lines", async () => {
    const want = expectedLines('tensorqs');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
