// examples/ports/test_unary_ufuncs.mjs, a slice of PyTorch's own test/test_unary_ufuncs.py (its hand-written tests:
// nan_to_num over every real dtype, digamma's special points and poles, mvlgamma, polygamma, ~ / bitwise_not,
// hardshrink, hardswish / hardsigmoid with inplace=True, silu, threshold over the integer dtypes, igamma / igammac,
// i0 at its ends, abs of signed zeros, isfinite / isinf / isnan / isposinf / isneginf, nonzero of empty tensors, exp,
// sign, signbit) printing each assertEqual's actual value, prints what PyTorch 1.13 printed for its twin
// (examples/ports/test_unary_ufuncs.py): 291 of 292 lines.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_unary_ufuncs.mjs';

// float32 digamma is computed in double and rounded once (Note [Unary math in double]); PyTorch's float-arithmetic
// recurrence is 1.6 ulp off near the pole at 0: digamma(1.11e-7) is -9009009.58, printed -9009010 here and
// -9009008 by PyTorch (docs/porting.md, "Deliberate differences").
const DELIBERATE: Deliberate[] = [
  {
    pytorch: 'digamma poles tensor([      nan,       nan,       nan,       nan, -9009008.,  9009008.,',
    tensorgrad: 'digamma poles tensor([      nan,       nan,       nan,       nan, -9009010.,  9009009.,',
    why: 'float32 digamma in double (Note [Unary math in double])',
  },
];

describe('port: pytorch/pytorch test/test_unary_ufuncs.py (TestUnaryUfuncs, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_unary_ufuncs');
    expect(compareLines(await portLines(main), want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
