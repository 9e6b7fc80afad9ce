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

/** max pooling by definition over each plane: the first maximum of the window, a NaN wins (the last NaN). */
function maxPoolRef(x: number[], planes: number, H: number, W: number, k: number, s: number, ceil: boolean): [number[], number[]] {
  const out = (n: number) => (ceil ? Math.ceil((n - k) / s) : Math.floor((n - k) / s)) + 1;
  const Ho = out(H), Wo = out(W), v: number[] = [], ix: number[] = [];
  for (let p = 0; p < planes; p++)
    for (let oh = 0; oh < Ho; oh++)
      for (let ow = 0; ow < Wo; ow++) {
        let m = -Infinity, mi = oh * s * W + ow * s;
        for (let h = oh * s; h < Math.min(oh * s + k, H); h++)
          for (let w = ow * s; w < Math.min(ow * s + k, W); w++) {
            const a = x[p * H * W + h * W + w];
            if (a > m || Number.isNaN(a)) [m, mi] = [a, h * W + w];
          }
        v.push(m);
        ix.push(mi);
      }
  return [v, ix];
}

describe('max pooling 2x2 stride 2 (Note [Max-pool 2x2 stride 2]) and values without indices', () => {
  it('values and indices as by definition (ties, NaN, -inf), the same values without indices (noGrad), for the fast path and the generic one, under every capability and 1 or 2 threads', () => {
    const cap0 = tg.backends.cpu.capability(), th0 = tg.getNumThreads();
    try {
      // odd planes leave a trailing row and column outside every window (fast path); ceil mode makes partial windows (generic)
      for (const [shape, ceil] of [[[3, 5, 12, 40], false], [[2, 3, 9, 35], false], [[2, 3, 9, 35], true], [[4, 1, 2, 2], false]] as [number[], boolean][])
        for (const dtype of ['float32', 'float64'] as const) {
          const n = shape.reduce((a, b) => a * b, 1);
          // few distinct values: ties in most windows, among them +0 against -0 (the first one wins); a NaN, inf and -inf here and there
          const data = Array.from({ length: n }, (_, i) => {
            const v = i % 97 === 5 ? NaN : i % 89 === 3 ? -Infinity : i % 211 === 8 ? Infinity : ((i * 7919) % 5) - 2;
            return v === 0 && i % 3 === 0 ? -0 : v;
          });
          const x = tg.tensor(data, { dtype }).view(shape);
          const [H, W] = shape.slice(2);
          const [rv, ri] = maxPoolRef(data, shape[0] * shape[1], H, W, 2, 2, ceil);
          for (const cap of tg.backends.cpu.capabilities())
            for (const threads of [1, 2]) {
              tg.backends.cpu.setCapability(cap);
              tg.setNumThreads(threads);
              const at = `${shape} ceil=${ceil} ${dtype} ${cap} ${threads} thread(s)`;
              const [v, i] = F.maxPool2d(x, 2, 2, 0, 1, ceil, true) as unknown as [Tensor, Tensor];
              expect(vals(v), at).toEqual(rv);
              expect(vals(i), at).toEqual(ri);
              const only = tg.noGrad(() => F.maxPool2d(x, 2, 2, 0, 1, ceil));
              expect(vals(only), `${at}, values only`).toEqual(rv);
              // the 1-D form on the same rows: a window of 2, stride 2
              const r = x.view([shape[0], shape[1] * H, W]);
              const [v1, i1] = F.maxPool1d(r, 2, 2, 0, 1, ceil, true) as unknown as [Tensor, Tensor];
              expect(vals(tg.noGrad(() => F.maxPool1d(r, 2, 2, 0, 1, ceil))), `${at}, 1-D values only`).toEqual(vals(v1));
              expect(vals(i1).length, at).toBe(vals(v1).length);
            }
        }
    } finally {
      tg.backends.cpu.setCapability(cap0);
      tg.setNumThreads(th0);
    }
  });
  it('records the node with its indices when the input requires grad, and under forward AD', () => {
    const x = tg.randn([2, 3, 8, 6], { requiresGrad: true });
    const y = F.maxPool2d(x, 2);
    expect(y.gradFn?.name).toBe('MaxPool2DWithIndicesBackward0');
    const gy = tg.randn([2, 3, 4, 3]);
    y.backward(gy);
    const [, i] = F.maxPool2d(x.detach(), 2, 2, 0, 1, false, true) as unknown as [Tensor, Tensor];
    expect(vals(x.grad!)).toEqual(scatter([2, 3, 8, 6], vals(i), vals(gy)));
    const t = tg.randn([2, 3, 8, 6]);
    const [, jvp] = tg.func.jvp((a: Tensor) => F.maxPool2d(a, 2), [x.detach()], [t]) as [Tensor, Tensor];
    expect(vals(jvp)).toEqual(vals(t.flatten(2).gather(2, i.flatten(2)).view([2, 3, 4, 3])));
  });
});
