// examples/ports/test_view_ops.mjs, a slice of PyTorch's own test/test_view_ops.py (every view op returns a view
// whose writes reach its base, the copying ops a copy, as_strided's gradients through overlapping geometry pass
// gradcheck and gradgradcheck), prints what PyTorch 1.13 printed for its twin (examples/ports/test_view_ops.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_view_ops.mjs';

describe('port: pytorch/pytorch test/test_view_ops.py (TestViewOps, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_view_ops');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
