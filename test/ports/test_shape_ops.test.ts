// examples/ports/test_shape_ops.mjs, a slice of PyTorch's own test/test_shape_ops.py (unbind, tolist, movedim /
// moveaxis with their errors, diag, diagonal, trace over the real dtypes, clamp / clip with NaNs, flip over five
// dtypes with its errors, fliplr / flipud, rot90, nonzero) printing each assert's value, prints what PyTorch 1.13
// printed for its twin (examples/ports/test_shape_ops.py): 365 of 365 lines.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_shape_ops.mjs';

const DELIBERATE: Deliberate[] = [];

describe('port: pytorch/pytorch test/test_shape_ops.py (TestShapeOps, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_shape_ops');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
