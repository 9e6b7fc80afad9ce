// F.interpolate and nn.Upsample (lib/ops/upsample.ts, lib/nn/upsampling.ts; issue 16): PyTorch 1.13 parity from
// test/fixtures/losses.json (group "upsample": values, grads and node names of every mode, size and
// scaleFactor, alignCorners, recomputeScaleFactor, the errors PyTorch raises), float64 gradcheck /
// gradgradcheck of each Upsample*Backward1 row; Upsample's reprs are replayed by test/nn/losses.test.ts.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('upsample');

const F = tg.nn.functional;

describe('nn.Upsample', () => {
  it('forwards to interpolate with its options', () => {
    const x = tg.rand([1, 2, 3, 4], { dtype: 'float64' });
    const m = new tg.nn.Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: true });
    expect(m(x).equal(F.interpolate(x, { scaleFactor: 2, mode: 'bilinear', alignCorners: true }))).toBe(true);
    expect(new tg.nn.Upsample([5, 6])(x).shape).toEqual([1, 2, 5, 6]);
  });
});

describe('interpolate: bad input names the op and the shapes', () => {
  const x = tg.rand([1, 2, 3]);
  it.each([
    [() => F.interpolate(x, { size: 4, mode: 'bilinear' }), /^interpolate: Got 3D input \(shape \[1, 2, 3\]\), but bilinear mode needs 4D input/],
    [() => F.interpolate(x, { size: [4, 5] }), /^interpolate: Input and size must have the same number of spatial dimensions/],
    [() => F.interpolate(x), /^interpolate: either size or scale_factor should be defined/],
    [() => F.interpolate(x, 4, 2), /^interpolate: only one of size or scale_factor should be defined/],
    [() => F.interpolate(x, { scaleFactor: 0.1 }), /^interpolate: Input and output sizes should be greater than 0, but got input \[1, 2, 3\] and output size \[0\]/],
    [() => F.interpolate(x, { size: 4, mode: 'area' as 'linear' }), /^interpolate: mode must be one of/],
  ])('%#', (fn, re) => expect(fn).toThrow(re));
});
