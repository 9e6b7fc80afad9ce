// The native GEMM through the public ops, against a float64 naive product: awkward shapes, transposed operands
// (as backward uses them), batches and broadcast batches. Runs under every CPU capability (capability runner).
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

function naive(a: number[][], b: number[][]): number[][] {
  const m = a.length, k = b.length, n = k ? b[0].length : 0;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i][p] * b[p][j];
      return s;
    }),
  );
}

function expectClose(got: Tensor, want: number[][], k: number) {
  const g = got.tolist() as number[][];
  const tol = got.dtype === 'float32' ? 2e-6 * Math.max(1, k) : 1e-12 * Math.max(1, k);
  expect(g.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    for (let j = 0; j < want[i].length; j++) expect(Math.abs(g[i][j] - want[i][j])).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i][j])));
}

const shapes: [number, number, number][] = [
  [0, 3, 4], [3, 0, 4], [3, 4, 0], [1, 1, 1], [1, 7, 1], [7, 1, 7], [2, 3, 5], [13, 17, 19], [31, 29, 37],
  [64, 64, 64], [65, 63, 67], [1, 300, 1], [300, 1, 5], [5, 300, 3], [3, 5, 300], [1, 257, 129], [129, 1, 257],
  [200, 16, 33], [16, 200, 7],
];

describe(`matmul kernels [${tg.backends.cpu.capability()}]`, () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it.each(shapes)(`mm ${dtype} %i x %i @ %i x .`, (m, k, n) => {
      tg.manualSeed(m * 1000 + k * 10 + n);
      const a = tg.randn([m, k], { dtype }), b = tg.randn([k, n], { dtype });
      expectClose(a.mm(b), naive(a.tolist() as number[][], b.tolist() as number[][]), k);
    });
  }

  it.each(shapes.filter(([m, k, n]) => m * k * n > 0))('backward uses transposed operands correctly %i x %i @ %i', (m, k, n) => {
    tg.manualSeed(m + k + n);
    const a = tg.randn([m, k], { dtype: 'float64', requiresGrad: true });
    const b = tg.randn([k, n], { dtype: 'float64', requiresGrad: true });
    const g = tg.randn([m, n], { dtype: 'float64' });
    a.mm(b).backward(g);
    const G = g.tolist() as number[][], A = a.detach().tolist() as number[][], B = b.detach().tolist() as number[][];
    const T = (x: number[][]) => (x.length ? x[0].map((_, j) => x.map((r) => r[j])) : []);
    expectClose(a.grad!, naive(G, T(B)), n);
    expectClose(b.grad!, naive(T(A), G), m);
  });

  it('bmm and broadcast matmul agree with per-batch products', () => {
    tg.manualSeed(7);
    const a = tg.randn([3, 5, 7]), b = tg.randn([3, 7, 4]);
    const c = a.bmm(b);
    for (let i = 0; i < 3; i++) expectClose(c.select(0, i), naive(a.select(0, i).tolist() as number[][], b.select(0, i).tolist() as number[][]), 7);
    const w = tg.randn([7, 6]);
    const d = a.matmul(w);
    expect(d.shape).toEqual([3, 5, 6]);
    for (let i = 0; i < 3; i++) expectClose(d.select(0, i), naive(a.select(0, i).tolist() as number[][], w.tolist() as number[][]), 7);
    const e = tg.randn([2, 1, 5, 7]).matmul(tg.randn([4, 7, 3]));
    expect(e.shape).toEqual([2, 4, 5, 3]);
  });

  it('mv, dot and outer', () => {
    tg.manualSeed(3);
    const a = tg.randn([9, 11], { dtype: 'float64' }), v = tg.randn([11], { dtype: 'float64' });
    const want = naive(a.tolist() as number[][], (v.tolist() as number[]).map((x) => [x]));
    expectClose(a.mv(v).reshape([9, 1]), want, 11);
    const u = tg.randn([11], { dtype: 'float64' });
    expect(tg.dot(u, v).item()).toBeCloseTo((u.tolist() as number[]).reduce((s, x, i) => s + x * (v.tolist() as number[])[i], 0), 12);
    expect(tg.outer(u, v).shape).toEqual([11, 11]);
  });

  it('gradcheck through mm, bmm, mv and matmul', () => {
    const f64 = { dtype: 'float64' as const, requiresGrad: true };
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => a.mm(b), [tg.randn([3, 4], f64), tg.randn([4, 2], f64)])).toBe(true);
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => a.bmm(b), [tg.randn([2, 3, 4], f64), tg.randn([2, 4, 2], f64)])).toBe(true);
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => a.mv(b), [tg.randn([3, 4], f64), tg.randn([4], f64)])).toBe(true);
    expect(tg.autograd.gradcheck((a: Tensor, b: Tensor) => a.matmul(b), [tg.randn([2, 3, 4], f64), tg.randn([4, 5], f64)])).toBe(true);
  });
});
