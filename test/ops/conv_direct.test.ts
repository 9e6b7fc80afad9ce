// The direct convolution kernels (Note [Direct convolution], Note [Direct convolution, positions in lanes],
// Note [Direct input grad], Note [Direct weight grad] in native/cpu/conv_direct.h) and the geometries next to
// them that stay on the im2col + GEMM path: conv1d/2d/3d outputs and all three grads against a float64
// reference written as plain loops, float32 and float64, under every CPU capability (the vector width decides
// which kernel a shape takes: 4 to 16 lanes).
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const F = tg.nn.functional;

interface Case {
  name: string;
  x: number[];
  w: number[];
  stride: number[];
  pad: number[];
  dil: number[];
  groups: number;
}

const vals = (t: Tensor): number[] => Array.from(t.toTypedArray() as ArrayLike<number>);
const three = (a: number[], fill: number): number[] => [...Array(3 - a.length).fill(fill), ...a];

/** y, gx, gw, gb of the convolution c for x, w, b, gy (flat float64 lists), by definition. */
function reference(c: Case, x: number[], w: number[], b: number[], gy: number[]): { y: number[]; gx: number[]; gw: number[]; gb: number[] } {
  const nsp = c.x.length - 2, [N, C] = c.x, Co = c.w[0], G = c.groups, Cg = C / G, Og = Co / G;
  const I = three(c.x.slice(2), 1), k = three(c.w.slice(2), 1), s = three(c.stride, 1), p = three(c.pad, 0), d = three(c.dil, 1);
  const O = I.map((v, i) => Math.floor((v + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i]) + 1);
  const iv = I[0] * I[1] * I[2], ov = O[0] * O[1] * O[2], kv = k[0] * k[1] * k[2];
  const y = new Array(N * Co * ov).fill(0), gx = new Array(x.length).fill(0), gw = new Array(w.length).fill(0), gb = new Array(Co).fill(0);
  void nsp;
  for (let n = 0; n < N; n++)
    for (let co = 0; co < Co; co++) {
      const gi = Math.floor(co / Og);
      for (let o0 = 0; o0 < O[0]; o0++)
        for (let o1 = 0; o1 < O[1]; o1++)
          for (let o2 = 0; o2 < O[2]; o2++) {
            const yi = (n * Co + co) * ov + (o0 * O[1] + o1) * O[2] + o2;
            let acc = b[co];
            gb[co] += gy[yi];
            for (let ci = 0; ci < Cg; ci++)
              for (let a = 0; a < k[0]; a++)
                for (let e = 0; e < k[1]; e++)
                  for (let f = 0; f < k[2]; f++) {
                    const i0 = o0 * s[0] - p[0] + a * d[0], i1 = o1 * s[1] - p[1] + e * d[1], i2 = o2 * s[2] - p[2] + f * d[2];
                    if (i0 < 0 || i0 >= I[0] || i1 < 0 || i1 >= I[1] || i2 < 0 || i2 >= I[2]) continue;
                    const xi = (n * C + gi * Cg + ci) * iv + (i0 * I[1] + i1) * I[2] + i2;
                    const wi = (co * Cg + ci) * kv + (a * k[1] + e) * k[2] + f;
                    acc += w[wi] * x[xi];
                    gx[xi] += w[wi] * gy[yi];
                    gw[wi] += x[xi] * gy[yi];
                  }
            y[yi] = acc;
          }
    }
  return { y, gx, gw, gb };
}

const CASES: Case[] = [
  // LeNet conv2: channels in lanes forward, direct weight grad, positions-in-lanes input grad
  { name: 'lenet2-like', x: [5, 6, 14, 14], w: [16, 6, 5, 5], stride: [1, 1], pad: [0, 0], dil: [1, 1], groups: 1 },
  // LeNet conv1: positions in lanes (6 channels), odd width, padding
  { name: 'lenet1-like', x: [3, 1, 13, 17], w: [6, 1, 5, 5], stride: [1, 1], pad: [2, 2], dil: [1, 1], groups: 1 },
  // groups, dilation, a row stride, unequal padding; 5 channels per group
  { name: 'groups+dilation', x: [3, 4, 11, 19], w: [10, 2, 3, 3], stride: [2, 1], pad: [1, 2], dil: [2, 2], groups: 2 },
  // 12 channels: one vector of 16 lanes or two of 8; dilation along w keeps the weight grad on the GEMM
  { name: '12 channels, dilated w', x: [2, 3, 9, 23], w: [12, 3, 3, 3], stride: [1, 1], pad: [1, 1], dil: [1, 2], groups: 1 },
  // 24 channels: two vectors (float32 avx512) or the GEMM; odd row count
  { name: '24 channels', x: [3, 5, 7, 13], w: [24, 5, 3, 2], stride: [1, 1], pad: [1, 0], dil: [1, 1], groups: 1 },
  // stride along w: the GEMM path
  { name: 'w stride 2', x: [2, 3, 10, 21], w: [6, 3, 3, 3], stride: [1, 2], pad: [1, 1], dil: [1, 1], groups: 1 },
  // padding beyond the dilated window: the input grad stays on col2im (Note [Direct input grad])
  { name: 'padding > d (k - 1)', x: [2, 3, 6, 20], w: [8, 3, 2, 2], stride: [1, 1], pad: [2, 2], dil: [1, 1], groups: 1 },
  // a wide kernel row (k = 7) and many rows: the tiles' row blocks and tails
  { name: 'k 7', x: [2, 2, 30, 33], w: [4, 2, 3, 7], stride: [1, 1], pad: [1, 3], dil: [1, 1], groups: 1 },
  // 40 channels on rows of 19: blocks of two vectors, the last one partial (Note [Direct convolution, wide layers])
  { name: 'wide layer', x: [2, 3, 6, 19], w: [40, 3, 3, 3], stride: [1, 1], pad: [1, 1], dil: [1, 1], groups: 1 },
  { name: 'conv1d', x: [4, 3, 37], w: [7, 3, 4], stride: [1], pad: [1], dil: [1], groups: 1 },
  { name: 'conv3d', x: [2, 3, 5, 6, 17], w: [5, 3, 2, 3, 3], stride: [2, 1, 1], pad: [1, 0, 1], dil: [1, 1, 1], groups: 1 },
  { name: 'batch 1, groups 3', x: [1, 6, 16, 16], w: [9, 2, 3, 3], stride: [1, 1], pad: [1, 1], dil: [1, 1], groups: 3 },
  // rows of 56 (ResNet's): 4 tiles of 14 with two vectors of channels, one image in row blocks that pad only the
  // input rows they read (Note [Direct convolution, claimed units]); 40 channels: the transposed store's partial block
  { name: 'resnet-like rows', x: [1, 8, 9, 56], w: [40, 8, 3, 3], stride: [1, 1], pad: [1, 1], dil: [1, 1], groups: 1 },
  // row blocks of a 3-d output with a depth stride and dilation: the padded rows a block reads span depth planes
  { name: 'conv3d row blocks', x: [1, 2, 7, 5, 18], w: [20, 2, 3, 2, 3], stride: [2, 1, 1], pad: [2, 1, 1], dil: [2, 1, 1], groups: 1 },
];

const conv = (nsp: number) => (nsp === 1 ? F.conv1d : nsp === 2 ? F.conv2d : F.conv3d);

function runCase(c: Case, dtype: 'float32' | 'float64'): void {
  tg.manualSeed(11);
  const x = tg.randn(c.x, { dtype }).requiresGrad_(), w = tg.randn(c.w, { dtype }).requiresGrad_(), b = tg.randn([c.w[0]], { dtype }).requiresGrad_();
  const y = conv(c.x.length - 2)(x, w, b, c.stride, c.pad, c.dil, c.groups);
  const gy = tg.randnLike(y);
  y.backward(gy);
  const ref = reference(c, vals(x), vals(w), vals(b), vals(gy));
  const tol = dtype === 'float64' ? 1e-12 : 3e-5;
  for (const [what, got, want] of [['output', y, ref.y], ['input grad', x.grad!, ref.gx], ['weight grad', w.grad!, ref.gw], ['bias grad', b.grad!, ref.gb]] as const) {
    const g = vals(got);
    expect(g.length, `${c.name} ${dtype} ${what} length`).toBe(want.length);
    const scale = Math.max(1, ...want.map(Math.abs));
    let worst = 0;
    for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - want[i]) / scale);
    expect(worst, `${c.name} ${dtype} ${what} (${tg.backends.cpu.capability()})`).toBeLessThan(tol);
  }
}

describe('direct convolution kernels', () => {
  it('outputs and grads equal the definition under every CPU capability, float32 and float64', () => {
    const before = tg.backends.cpu.capability();
    try {
      for (const cap of tg.backends.cpu.capabilities()) {
        tg.backends.cpu.setCapability(cap);
        for (const c of CASES) for (const dtype of ['float32', 'float64'] as const) runCase(c, dtype);
      }
    } finally {
      tg.backends.cpu.setCapability(before);
    }
  });

  it('do not depend on the thread count', () => {
    const before = tg.getNumThreads();
    const run = (): number[][] => {
      tg.manualSeed(4);
      const x = tg.randn([7, 6, 14, 14]).requiresGrad_(), w = tg.randn([16, 6, 5, 5]).requiresGrad_(), b = tg.randn([16]).requiresGrad_();
      const y = F.conv2d(x, w, b);
      y.backward(tg.randnLike(y));
      const z = F.conv2d(x.detach(), w.detach().narrow(0, 0, 6), null, 1, 2);
      // one image in row blocks, two vectors of channels (Note [Direct convolution, claimed units])
      const u = F.conv2d(tg.randn([1, 5, 12, 40]), tg.randn([48, 5, 3, 3]), tg.randn([48]), 1, 1);
      return [y, x.grad!, w.grad!, b.grad!, z, u].map(vals);
    };
    try {
      tg.setNumThreads(1);
      const one = run();
      tg.setNumThreads(2);
      const two = run();
      one.forEach((v, k) => expect(two[k], `result ${k}`).toEqual(v));
    } finally {
      tg.setNumThreads(before);
    }
  });

  it('an empty batch gives empty outputs and zero weight and bias grads', () => {
    const x = tg.zeros([0, 6, 14, 14]).requiresGrad_(), w = tg.randn([16, 6, 5, 5]).requiresGrad_(), b = tg.randn([16]).requiresGrad_();
    const y = F.conv2d(x, w, b);
    expect(y.shape).toEqual([0, 16, 10, 10]);
    y.sum().backward();
    expect(x.grad!.shape).toEqual([0, 6, 14, 14]);
    expect(vals(w.grad!).every((v) => v === 0)).toBe(true);
    expect(vals(b.grad!).every((v) => v === 0)).toBe(true);
  });
});
