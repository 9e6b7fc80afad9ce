// Max pooling's backward as a native scatter (Note [Max-pool backward] in native/cpu/pool_kernels.cc): the input
// grad equals gy summed at the recorded indices, including windows that share a maximum, for max_pool1d/2d
// and adaptive max pooling, float32 and float64, under every CPU capability and thread count; the binding
// rejects an index outside the plane instead of writing out of bounds.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { native } from '../../lib/native.js';

const F = tg.nn.functional;
const vals = (t: Tensor): number[] => Array.from(t.toTypedArray() as ArrayLike<number | bigint>, Number); // indices are int64

/** gx by definition: zeros of x's shape with gy added at each output's plane index. */
function scatter(xShape: number[], idx: number[], gy: number[]): number[] {
  const HW = xShape.length === 3 ? xShape[2] : xShape[xShape.length - 2] * xShape[xShape.length - 1];
  const gx = new Array(xShape.reduce((a, b) => a * b, 1)).fill(0);
  const m = idx.length / (gx.length / HW);
  idx.forEach((i, o) => (gx[Math.floor(o / m) * HW + i] += gy[o]));
  return gx;
}

type Pool = (x: Tensor) => [Tensor, Tensor];
const POOLS: [string, number[], Pool][] = [
  // overlapping windows: one input is the maximum of several windows
  ['k3 s1', [3, 5, 9, 11], (x) => F.maxPool2d(x, 3, 1, 0, 1, false, true) as unknown as [Tensor, Tensor]],
  ['k2 s2', [2, 3, 8, 8], (x) => F.maxPool2d(x, 2, 2, 0, 1, false, true) as unknown as [Tensor, Tensor]],
  ['padding, dilation, ceil', [2, 3, 13, 10], (x) => F.maxPool2d(x, [3, 2], [2, 1], [1, 1], [2, 3], true, true) as unknown as [Tensor, Tensor]],
  ['maxPool1d', [4, 3, 25], (x) => F.maxPool1d(x, 4, 3, 2, 1, true, true) as unknown as [Tensor, Tensor]],
  ['adaptive', [2, 4, 10, 7], (x) => F.adaptiveMaxPool2d(x, [4, 3], true) as unknown as [Tensor, Tensor]],
];

describe('max pooling backward', () => {
  it('scatters gy at the indices under every CPU capability and thread count, float32 and float64', () => {
    const cap0 = tg.backends.cpu.capability(), th0 = tg.getNumThreads();
    try {
      for (const cap of tg.backends.cpu.capabilities())
        for (const threads of [1, 2]) {
          tg.backends.cpu.setCapability(cap);
          tg.setNumThreads(threads);
          for (const [name, shape, pool] of POOLS)
            for (const dtype of ['float32', 'float64'] as const) {
              tg.manualSeed(2);
              // few distinct values, so ties and shared maxima are common
              const x = tg.randint(0, 4, shape).to(dtype).requiresGrad_();
              const [y, i] = pool(x);
              const gy = tg.randnLike(y);
              y.backward(gy);
              const want = scatter(shape, vals(i), vals(gy));
              const got = vals(x.grad!);
              const tol = dtype === 'float64' ? 1e-12 : 1e-5;
              want.forEach((v, k) => expect(Math.abs(got[k] - v), `${name} ${dtype} ${cap} ${threads} threads [${k}]`).toBeLessThanOrEqual(tol * (1 + Math.abs(v))));
            }
        }
    } finally {
      tg.backends.cpu.setCapability(cap0);
      tg.setNumThreads(th0);
    }
  });

  it('the native scatter rejects an index outside the plane', () => {
    const gy = new Float32Array([1, 2, 3, 4]), gx = new Float32Array(8);
    const i64 = (v: number[]): BigInt64Array => BigInt64Array.from(v.map(BigInt));
    expect(() => native.maxPool2dBackward(gy, i64([0, 1, 3, 4]), [2, 4, 2], gx)).toThrow(RangeError);
    expect(() => native.maxPool2dBackward(gy, i64([0, -1, 3, 0]), [2, 4, 2], gx)).toThrow(RangeError);
    expect(() => native.maxPool2dBackward(gy, i64([0, 1, 3]), [2, 4, 2], gx)).toThrow(RangeError);
    // max pooling's indices are int64 (PyTorch's dtype): an int32 array is refused, not read at the wrong width
    expect(() => native.maxPool2dBackward(gy, new Int32Array([3, 3, 0, 2]) as never, [2, 4, 2], gx)).toThrow(RangeError);
    native.maxPool2dBackward(gy, i64([3, 3, 0, 2]), [2, 4, 2], gx);
    expect(Array.from(gx)).toEqual([0, 0, 0, 3, 3, 0, 4, 0]);
  });
});
