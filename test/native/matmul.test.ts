// The native GEMM through the public ops, against a float64 naive product: awkward shapes, transposed operands
// (as backward uses them), batches and broadcast batches. Runs under every CPU capability (capability runner).
import { describe, it, expect, afterAll } from 'vitest';
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

// Note [Batched GEMM threads] (native/cpu/gemm_batched.h) and Note [GEMM scheme]: the path and blocking depend
// only on the shape, so every product has the same bits on 1 and 2 threads, and a batch (spread over the
// threads one matrix per task, or threaded within each matrix) matches its matrices multiplied one by one.
describe(`GEMM thread-count independence [${tg.backends.cpu.capability()}]`, () => {
  const bits = (t: Tensor): number[] => Array.from(t.contiguous()._data as Float32Array | Float64Array);
  const same = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  const saved = tg.getNumThreads();
  afterAll(() => tg.setNumThreads(saved));
  const onBoth = (f: () => Tensor): [number[], number[]] => {
    tg.setNumThreads(1);
    const one = bits(f());
    tg.setNumThreads(2);
    return [one, bits(f())];
  };
  // [batch, M, K, N, dtype]: small matrices (one per task), an uneven batch of small ones, an uneven batch of
  // larger ones (threaded within each matrix) and an even one (one per task).
  const batches: [number, number, number, number, 'float32' | 'float64'][] = [
    [64, 64, 64, 64, 'float32'], [5, 100, 70, 90, 'float64'], [3, 200, 150, 180, 'float32'], [4, 200, 150, 180, 'float64'],
  ];
  it.each(batches)('bmm %i x (%i x %i @ . x %i) %s: 1 and 2 threads, and each matrix as its own mm', (bs, m, k, n, dtype) => {
    tg.manualSeed(bs + m);
    const a = tg.randn([bs, m, k], { dtype }), b = tg.randn([bs, k, n], { dtype });
    const [one, two] = onBoth(() => a.bmm(b));
    expect(same(one, two)).toBe(true);
    for (let i = 0; i < bs; i++) {
      const want = bits(a.select(0, i).mm(b.select(0, i)));
      expect(same(two.slice(i * m * n, (i + 1) * m * n), want), `matrix ${i}`).toBe(true);
    }
    expectClose(tg.tensor([two.slice(0, m * n)], { dtype }).reshape([m, n]), naive(a.select(0, 0).tolist() as number[][], b.select(0, 0).tolist() as number[][]), k);
  });
  it('bmm of transposed operands, baddbmm and einsum bij,bjk->bik', () => {
    tg.manualSeed(11);
    const a = tg.randn([6, 40, 30]), b = tg.randn([6, 50, 40]), c = tg.randn([6, 30, 50]);
    const runs: [string, () => Tensor][] = [
      ['bmm(aT, bT)', () => a.transpose(1, 2).bmm(b.transpose(1, 2))],
      ['baddbmm', () => tg.baddbmm(c, a.transpose(1, 2), b.transpose(1, 2), { beta: 0.5, alpha: 2 })],
      ['einsum', () => tg.einsum('bij,bjk->bik', b, a)],
    ];
    for (const [name, f] of runs) {
      const [one, two] = onBoth(f);
      expect(same(one, two), name).toBe(true);
    }
  });
  it('the MLP 784-512-10 GEMMs (batch 128) forward and backward', () => {
    tg.manualSeed(5);
    const x = tg.randn([128, 784]), w1 = tg.randn([512, 784], { requiresGrad: true }), w2 = tg.randn([10, 512], { requiresGrad: true });
    const step = (): Tensor[] => {
      w1.grad = null;
      w2.grad = null;
      const h = tg.nn.functional.linear(x, w1).relu();
      const y = tg.nn.functional.linear(h, w2);
      y.sum().backward();
      return [h, y, w1.grad!, w2.grad!];
    };
    tg.setNumThreads(1);
    const one = step().map(bits);
    tg.setNumThreads(2);
    const two = step().map(bits);
    for (let i = 0; i < one.length; i++) expect(same(one[i], two[i]), `output ${i}`).toBe(true);
  });
});
