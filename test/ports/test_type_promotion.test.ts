// examples/ports/test_type_promotion.mjs, a slice of PyTorch's own test/test_type_promotion.py (in-place ops that
// must not promote, integer / float / half / bool promotion, wrapped numbers and 0-d tensors, mixed-dtype backward,
// add / mul / div / rsub over every pair of ten dtypes on contiguous and transposed tensors, alpha, result_type,
// can_cast, comparisons across dtypes, indexing, true_divide; under float32 and float64 as the default dtype),
// prints what PyTorch 1.13 printed for its twin (examples/ports/test_type_promotion.py): 1912 of 1912 lines.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_type_promotion.mjs';

describe('port: pytorch/pytorch test/test_type_promotion.py (TestTypePromotion, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_type_promotion');
    expect(compareLines(await portLines(main), want)).toBe(want.length);
  });
});
