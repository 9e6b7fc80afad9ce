// The conv kernels split the batch into blocks claimed by threads and put several small images into one GEMM
// (Note [Conv scratch], Note [Conv image groups] in native/cpu/conv_kernels.cc): a batched convolution must
// equal the same convolution image by image (outputs and input grads exactly, weight and bias grads summed
// up to float64 rounding), for batch sizes around the block and group boundaries, with any thread count.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const F = tg.nn.functional;

function maxDiff(a: Tensor, b: Tensor): number {
  return a.sub(b).abs().max().item() as number;
}

function check(xs: number[], ws: number[], padding: number, groups: number): void {
  const opts = { dtype: 'float64' as const };
  const x = tg.randn(xs, opts).requiresGrad_(), w = tg.randn(ws, opts).requiresGrad_(), b = tg.randn([ws[0]], opts).requiresGrad_();
  const y = F.conv2d(x, w, b, 1, padding, 1, groups);
  const go = tg.randnLike(y);
  y.backward(go);
  const gw = tg.zerosLike(w), gb = tg.zerosLike(b);
  for (let n = 0; n < xs[0]; n++) {
    const xn = x.detach().narrow(0, n, 1).clone().requiresGrad_(), wn = w.detach().clone().requiresGrad_(), bn = b.detach().clone().requiresGrad_();
    const yn = F.conv2d(xn, wn, bn, 1, padding, 1, groups);
    yn.backward(go.narrow(0, n, 1));
    expect(maxDiff(yn, y.narrow(0, n, 1)), `output of image ${n}`).toBe(0);
    expect(maxDiff(xn.grad!, x.grad!.narrow(0, n, 1)), `input grad of image ${n}`).toBe(0);
    gw.add_(wn.grad!);
    gb.add_(bn.grad!);
  }
  expect(maxDiff(gw, w.grad!)).toBeLessThan(1e-11);
  expect(maxDiff(gb, b.grad!)).toBeLessThan(1e-11);
}

describe('conv2d over a batch equals image by image', () => {
  for (const threads of [1, 2]) {
    it(`${threads} thread(s): small planes (several images per GEMM), blocks with remainders`, () => {
      const before = tg.getNumThreads();
      tg.setNumThreads(threads);
      try {
        tg.manualSeed(3);
        check([37, 6, 14, 14], [16, 6, 5, 5], 0, 1);
        check([9, 1, 28, 28], [6, 1, 5, 5], 2, 1);
        check([11, 4, 3, 3], [6, 2, 1, 1], 0, 2); // pointwise
        check([5, 4, 7, 7], [6, 2, 3, 3], 1, 2);
        check([10, 4, 5, 5], [64, 2, 3, 3], 1, 2); // 32 output channels per group: transposed products
        check([3, 3, 9, 9], [40, 3, 3, 3], 1, 1);
        check([3, 3, 20, 17], [40, 3, 3, 3], 1, 1); // planes over 256 columns: column tiles
      } finally {
        tg.setNumThreads(before);
      }
    });
  }
});

describe('conv kernels under every CPU capability', () => {
  it('forward and grads agree with the default (SSE2/plain) kernels, float32 and float64', () => {
    const caps = tg.backends.cpu.capabilities();
    const before = tg.backends.cpu.capability();
    const run = (dtype: 'float32' | 'float64'): number[][] => {
      tg.manualSeed(5);
      const x = tg.randn([5, 4, 6, 5], { dtype }).requiresGrad_(), w = tg.randn([40, 2, 3, 2], { dtype }).requiresGrad_(), b = tg.randn([40], { dtype }).requiresGrad_();
      const y = F.conv2d(x, w, b, [1, 2], 1, 1, 2);
      y.backward(tg.onesLike(y));
      const t = F.convTranspose2d(x.detach(), w.detach().narrow(0, 0, 4), null, 2, 1, 1, 2);
      return [y, x.grad!, w.grad!, b.grad!, t].map((v) => Array.from(v.toTypedArray() as ArrayLike<number>));
    };
    try {
      for (const dtype of ['float32', 'float64'] as const) {
        tg.backends.cpu.setCapability('default');
        const ref = run(dtype);
        for (const cap of caps) {
          tg.backends.cpu.setCapability(cap);
          const got = run(dtype);
          const tol = dtype === 'float64' ? 1e-12 : 2e-5;
          got.forEach((vals, k) => vals.forEach((v, i) => expect(Math.abs(v - ref[k][i]), `${cap} ${dtype} output ${k}[${i}]`).toBeLessThanOrEqual(tol * (1 + Math.abs(ref[k][i])))));
        }
      }
    } finally {
      tg.backends.cpu.setCapability(before);
    }
  });
});
