// examples/ports/test_reductions.mjs, a slice of PyTorch's own test/test_reductions.py (the ReductionOpInfo shape
// and empty-tensor rules of 15 reductions, noncontiguous inputs, and the legacy tests: var, uint8 overflow, integer
// upcast with dtype=, mode, var_mean, all / any, max / min with inf and nan, bincount, nansum, logsumexp,
// bucketize / searchsorted) printing each assert's value, prints what PyTorch 1.13 printed for its twin
// (examples/ports/test_reductions.py): 740 of 742 lines (two PyTorch 1.13 bugs).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_reductions.mjs';

// Two PyTorch 1.13 bugs, not reproduced: logsumexp over
// dim=[] of a 2-d tensor fails in its squeeze ("output with shape [] doesn't match the broadcast shape [1, 1]")
// where tensorgrad reduces every dim, as sum(dim=[]) does; prod(dtype=bool) of 256 Falses is True
// (pytorch/pytorch#127866, fixed later; test_prod_bool asserts False). docs/porting.md, "Deliberate differences".
const DELIBERATE: Deliberate[] = [
  { pytorch: 'logsumexp dim=[] ndim=2 raises', tensorgrad: 'logsumexp dim=[] ndim=2 []', why: 'a PyTorch 1.13 bug' },
  { pytorch: 'prod bool tensor(True) tensor(0)', tensorgrad: 'prod bool tensor(False) tensor(0)', why: 'pytorch/pytorch#127866' },
];

describe('port: pytorch/pytorch test/test_reductions.py (TestReductions, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_reductions');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
