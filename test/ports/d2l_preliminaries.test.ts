// examples/ports/d2l_preliminaries.mjs, d2l's "Data Manipulation" and "Linear Algebra" PyTorch cells ported line by
// line, prints what PyTorch 1.13 printed for its twin (examples/ports/d2l_preliminaries.py): views written through
// (X[:2, :] = 12 changes x), int64/float32 promotion, broadcasting, reductions with NumPy's axis/keepdims.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/d2l_preliminaries.mjs';

describe('port: d2l-en chapter_preliminaries ndarray.md + linear-algebra.md', () => {
  it("prints PyTorch's lines", async () => {
    const want = expectedLines('d2l_preliminaries');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
