// examples/ports/test_binary_ufuncs.mjs, a slice of PyTorch's own test/test_binary_ufuncs.py (broadcasting and its
// errors over 24 binary ufuncs, comparisons, bitwise ops, division rounding modes, pow's values / dtypes / in-place
// and error rules, arithmetic against Python's, maximum / minimum, the add promotion table over ten dtypes)
// printing each assert's value, prints what PyTorch 1.13 printed for its twin (examples/ports/test_binary_ufuncs.py):
// 1,137 of 1,141 lines (three Python float literals, one last-bit float32 pow).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_binary_ufuncs.mjs';

// A JavaScript number has no float type: PyTorch's int64 ** 0.0 / 1.0 / 2.0 is a float32 power, tensorgrad's
// int64 ** 0 / 1 / 2 an integer one (as PyTorch's int64 ** 2). float32 ** 5: tensorgrad's pow is correctly
// rounded more often than PyTorch's powf (61 against 1,764 of 100,000 values off the float64 result rounded), so
// a float64 sum of 125 powers differs in its last printed digits. docs/porting.md, "Deliberate differences".
const DELIBERATE: Deliberate[] = [
  {
    pytorch: 'pow torch.float32 (5, 5, 5) ** 5 torch.float32 pow_ same tensor(1783812.9766, dtype=torch.float64)',
    tensorgrad: 'pow torch.float32 (5, 5, 5) ** 5 torch.float32 pow_ same tensor(1783812.9771, dtype=torch.float64)',
    why: 'last-bit float32 pow', ulp: true,
  },
  {
    pytorch: 'pow int64 ** 0.0 torch.float32 pow_ raises tensor([1., 1., 1., 1.])',
    tensorgrad: 'pow int64 ** 0.0 torch.int64 pow_ same tensor([1, 1, 1, 1])', why: 'a JavaScript number has no float type',
  },
  {
    pytorch: 'pow int64 ** 1.0 torch.float32 pow_ raises tensor([0.0000e+00, 1.0000e+00, 2.3000e+01, 4.5670e+03])',
    tensorgrad: 'pow int64 ** 1.0 torch.int64 pow_ same tensor([   0,    1,   23, 4567])', why: 'a JavaScript number has no float type',
  },
  {
    pytorch: 'pow int64 ** 2.0 torch.float32 pow_ raises tensor([0.0000e+00, 1.0000e+00, 5.2900e+02, 2.0857e+07])',
    tensorgrad: 'pow int64 ** 2.0 torch.int64 pow_ same tensor([       0,        1,      529, 20857489])', why: 'a JavaScript number has no float type',
  },
];

describe('port: pytorch/pytorch test/test_binary_ufuncs.py (TestBinaryUfuncs, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_binary_ufuncs');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
