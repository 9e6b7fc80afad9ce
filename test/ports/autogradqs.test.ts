// examples/ports/autogradqs.mjs, the PyTorch "Autograd" tutorial ported line by line, prints what PyTorch 1.13
// printed for its twin (examples/ports/autogradqs.py -> autogradqs.expected.txt).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/autogradqs.mjs';

describe('port: pytorch/tutorials basics/autogradqs_tutorial.py', () => {
  it("prints PyTorch's lines", async () => {
    const want = expectedLines('autogradqs');
    const deliberate = [{
      pytorch: 'grad can be implicitly created only for scalar outputs',
      tensorgrad: 'backward: grad can be implicitly created only for scalar outputs (got shape [5, 4])',
      why: 'docs/porting.md "Deliberate differences": error messages start with the op and name the shapes',
    }];
    expect(compareLines(await portLines(main), want, deliberate)).toBe(want.length - deliberate.length);
  });
});
