// examples/ports/test_indexing.mjs, a slice of PyTorch's own test/test_indexing.py (test_index, test_advancedindex's
// get/set tables on contiguous, transposed and strided tensors, None/step/bool-mask cases, index_put_ with
// accumulate) printing each assertEqual's actual value, prints what PyTorch 1.13 printed for its twin
// (examples/ports/test_indexing.py): 540 of 555 lines.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_indexing.mjs';

// reference[0.0] is an IndexError in PyTorch; JavaScript's 0.0 is the integer 0. A 2-d bool mask followed by more
// index entries covers two dims here, as in NumPy and in the PyTorch that test_indexing.py now tests (its
// expected shapes: x[m, ::2] is (1, 2), x[..., m, ::2] is (3, 1, 3), ...); PyTorch 1.13 counted it as one dim
// and refuses these (docs/porting.md, "Deliberate differences").
const DELIBERATE: Deliberate[] = [
  { pytorch: '[0.0] raises', tensorgrad: '[0.0] no error', why: 'a JavaScript number has no float type' },
  { pytorch: '[0.0, :, 0.0] raises', tensorgrad: '[0.0, :, 0.0] no error', why: 'a JavaScript number has no float type' },
  { pytorch: 'x[m, ::2] raises', tensorgrad: 'x[m, ::2] [1, 2] 0 2', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, None] raises', tensorgrad: 'x[m, None] [1, 1, 3] 0 1 2', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, 0] raises', tensorgrad: 'x[m, 0] [1] 0', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, z] raises', tensorgrad: 'x[m, z] [1] 0', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, True] raises', tensorgrad: 'x[m, True] [1, 3] 0 1 2', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, True, True, True, True] raises', tensorgrad: 'x[m, True, True, True, True] [1, 3] 0 1 2', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, False] raises', tensorgrad: 'x[m, False] [0, 3] ', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, True, True, False, True] raises', tensorgrad: 'x[m, True, True, False, True] [0, 3] ', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, t] raises', tensorgrad: 'x[m, t] [1, 3] 0 1 2', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[m, f] raises', tensorgrad: 'x[m, f] [0, 3] ', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[0, m, ::2] raises', tensorgrad: 'x[0, m, ::2] [1, 3] 0 2 4', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[..., m, ::2] raises', tensorgrad: 'x[..., m, ::2] [3, 1, 3] 0 2 4 20 22 24 40 42 44', why: 'k-d bool mask then more entries (docs/porting.md)' },
  { pytorch: 'x[None, ..., m, ::2] raises', tensorgrad: 'x[None, ..., m, ::2] [1, 3, 1, 3] 0 2 4 20 22 24 40 42 44', why: 'k-d bool mask then more entries (docs/porting.md)' },
];

describe('port: pytorch/pytorch test/test_indexing.py (a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_indexing');
    expect(compareLines(await portLines(main), want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
