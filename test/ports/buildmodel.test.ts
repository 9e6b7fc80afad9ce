// examples/ports/buildmodel.mjs, the PyTorch "Build the Neural Network" tutorial ported line by line, prints what
// PyTorch 1.13 printed for its twin (examples/ports/buildmodel.py -> buildmodel.expected.txt): module reprs,
// parameter names and slices, layer outputs with their grad_fn, a named tuple.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/buildmodel.mjs';

describe('port: pytorch/tutorials basics/buildmodel_tutorial.py', () => {
  it("prints PyTorch's lines", async () => {
    const want = expectedLines('buildmodel');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
