// examples/ports/test_sort_and_select.mjs, a slice of PyTorch's own test/test_sort_and_select.py (sort with random,
// duplicate and NaN keys, stable sort over nine dtypes, discontiguous layouts, extremal fills; msort; topk against
// sort, integral, non-finite, 4-d, k = 0; unique with dim, unique_consecutive, sorted and unsorted unique; kthvalue
// with NaN) printing each assert's value, prints what PyTorch 1.13 printed for its twin
// (examples/ports/test_sort_and_select.py): 927 of 927 lines.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_sort_and_select.mjs';

const DELIBERATE: Deliberate[] = [];

describe('port: pytorch/pytorch test/test_sort_and_select.py (TestSortAndSelect, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_sort_and_select');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
