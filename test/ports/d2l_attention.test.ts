// examples/ports/d2l_attention.mjs, d2l's attention scoring functions, multi-head attention and positional
// encoding chapters (masked_softmax with a bool-mask assignment and repeat_interleave, dot-product and additive
// attention, reshape/permute head splitting, strided slice assignment), prints what PyTorch 1.13 printed for its
// twin (examples/ports/d2l_attention.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/d2l_attention.mjs';

// cos(4.6235266f) is -0.08874550263 exactly; PyTorch's float32 cos rounds it to -0.0887455046 (prints -8.8746e-02),
// tensorgrad's (within its documented 1.48 ulp, docs/numerics.md) to the float below, -0.0887454972 (-8.8745e-02).
const DELIBERATE: Deliberate[] = [
  {
    pytorch: '         -2.6354e-01, -8.8746e-02,  8.8848e-02,  2.6364e-01,  4.3012e-01,',
    tensorgrad: '         -2.6354e-01, -8.8745e-02,  8.8848e-02,  2.6364e-01,  4.3012e-01,',
    why: 'float32 cos last bit', ulp: true,
  },
];

describe('port: d2l-en chapter_attention-mechanisms-and-transformers (scoring functions, multi-head, positional encoding)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('d2l_attention');
    expect(compareLines(await portLines(main), want, DELIBERATE)).toBeGreaterThanOrEqual(want.length - DELIBERATE.length);
  });
});
