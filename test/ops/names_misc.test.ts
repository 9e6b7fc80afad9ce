// Session 8's linalg.ldlFactor / ldlFactorEx / ldlSolve, histogramdd and svdLowrank / pcaLowrank against
// PyTorch 1.13 (test/fixtures/names_misc.json, from test/fixtures/gen/gen_names_misc.py): LAPACK's LD and
// pivots entry for entry, the solutions, the histograms and edges, the singular values of low-rank matrices.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

interface TJ { shape: number[]; dtype: 'float32' | 'float64' | 'int32' | 'int64'; data: number[] }
const FIX: {
  ldl: { name: string; A: TJ; LD: TJ; pivots: TJ; info: TJ; B: TJ; X: TJ }[];
  singular: { LD: TJ; pivots: TJ; info: TJ };
  histogramdd: { name: string; points?: TJ; hist: TJ; bin_edges: TJ[] }[];
  lowrank: { name: string; A: TJ; q: number; S: TJ; pca_S: TJ }[];
  histogramdd_points: TJ;
  lobpcg_A: TJ;
  lobpcg: { name: string; E: TJ }[];
  embedding_bag: { name: string; outs: TJ[]; grad_fn: string }[];
  from_file: Record<'f32_3' | 'f32_2' | 'int32_3' | 'empty', TJ> & { too_big: string };
} = JSON.parse(readFileSync(new URL('../fixtures/names_misc.json', import.meta.url), 'utf8'));
const T = (j: TJ): Tensor => tg.tensor(j.data, { dtype: j.dtype }).reshape(j.shape);
const near = (t: Tensor, j: TJ, tol: number): void => {
  expect(t.shape).toEqual(j.shape);
  expect(t.dtype).toBe(j.dtype);
  const got = Array.from(t._data as ArrayLike<number>, Number);
  got.forEach((v, i) => expect(Math.abs(v - (j.data[i] as number)), `[${i}] ${v} vs ${j.data[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(j.data[i] as number))));
};

describe('linalg.ldlFactor / ldlFactorEx / ldlSolve', () => {
  it.each(FIX.ldl.map((c) => [c.name, c] as const))('%s: LAPACK\'s LD and pivots, and the solution', (_, c) => {
    const tol = c.A.dtype === 'float32' ? 2e-5 : 1e-11;
    const { LD, pivots, info } = tg.linalg.ldlFactorEx(T(c.A));
    expect(pivots.dtype).toBe('int32');
    expect(pivots.tolist()).toEqual(T(c.pivots).tolist());
    expect(info.tolist()).toEqual(T(c.info).tolist());
    near(LD, c.LD, tol);
    near(tg.linalg.ldlSolve(LD, pivots, T(c.B)), c.X, c.A.dtype === 'float32' ? 1e-4 : 1e-9);
    const f = tg.linalg.ldlFactor(T(c.A), { hermitian: true });
    expect(f.pivots.tolist()).toEqual(pivots.tolist());
  });
  it('a singular matrix: info from ldlFactorEx, an error from ldlFactor and with checkErrors', () => {
    const z = tg.zeros([2, 2], { dtype: 'float64' });
    const { LD, pivots, info } = tg.linalg.ldlFactorEx(z);
    expect([LD.tolist(), pivots.tolist(), info.item()]).toEqual([T(FIX.singular.LD).tolist(), T(FIX.singular.pivots).tolist(), T(FIX.singular.info).item()]);
    expect(() => tg.linalg.ldlFactor(z)).toThrow(/^linalg\.ldlFactor: The factorization could not be completed .*\[2, 2\]/);
    expect(() => tg.linalg.ldlFactorEx(z, false, true)).toThrow(/^linalg\.ldlFactorEx: /);
  });
  it('bad input names the op and shapes; ldlSolve broadcasts batches', () => {
    expect(() => tg.linalg.ldlFactor(tg.ones([2, 3]))).toThrow(/^linalg\.ldlFactor: A must be batches of square matrices, but they are 2 by 3 matrices \(A of shape \[2, 3\]\)/);
    expect(() => tg.linalg.ldlFactor(tg.ones([2, 2], { dtype: 'int64' }))).toThrow(TypeError);
    const { LD, pivots } = tg.linalg.ldlFactor(tg.tensor([[4, 1], [1, 3]], { dtype: 'float64' }));
    expect(() => tg.linalg.ldlSolve(LD, pivots, tg.ones([3, 1], { dtype: 'float64' }))).toThrow(/^linalg\.ldlSolve: Expected B of shape \[\.\.\., 2, k\] for LD of shape \[2, 2\], got \[3, 1\]/);
    expect(() => tg.linalg.ldlSolve(LD, pivots.to('int64'), tg.ones([2, 1], { dtype: 'float64' }))).toThrow(/^linalg\.ldlSolve: .*pivots must be int32/);
    const X = tg.linalg.ldlSolve(LD, pivots, tg.tensor([[[5], [4]], [[4], [1]]], { dtype: 'float64' }));
    expect(X.shape).toEqual([2, 2, 1]);
    expect(tg.allclose(tg.tensor([[4, 1], [1, 3]], { dtype: 'float64' }).matmul(X), tg.tensor([[[5], [4]], [[4], [1]]], { dtype: 'float64' }))).toBe(true);
  });
});

describe('histogramdd', () => {
  const pts = T(FIX.histogramdd_points);
  const args: Record<string, () => ReturnType<typeof tg.histogramdd>> = {
    bins_list: () => tg.histogramdd(pts, [2, 3]),
    bins_int: () => tg.histogramdd(pts, 3),
    range_density: () => tg.histogramdd(pts, [2, 2], { range: [0, 1, 0, 2], density: true }),
    edges_weight: () => tg.histogramdd(pts, [tg.tensor([0, 1, 3]), tg.tensor([0, 2, 4])], { weight: tg.arange(1, 7) }),
    one_point: () => tg.histogramdd(tg.tensor([[1, 1]]), 2),
    cube_f64: () => tg.histogramdd(T(FIX.histogramdd.find((c) => c.name === 'cube_f64')!.points!), [2, 3, 4]),
  };
  it.each(FIX.histogramdd.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { hist, binEdges } = args[c.name]!();
    near(hist, c.hist, 1e-6);
    expect(binEdges.length).toBe(c.bin_edges.length);
    binEdges.forEach((e, i) => near(e, c.bin_edges[i]!, 1e-6));
  });
  it('bad input names the op and shapes', () => {
    expect(() => tg.histogramdd(tg.ones([4, 2], { dtype: 'int64' }), 2)).toThrow(/^histogramdd: .*float32 or float64, got int64 \(shape \[4, 2\]\)/);
    expect(() => tg.histogramdd(tg.ones([4, 2]), [2, 2, 2])).toThrow(/^histogramdd: .*bins must be/);
    expect(() => tg.histogramdd(tg.ones([4, 2]), 2, { range: [0, 1] })).toThrow(/^histogramdd: .*range should have 4 elements/);
    expect(() => tg.histogramdd(tg.ones([4, 2]), 2, { weight: tg.ones([3]) })).toThrow(/^histogramdd: .*weight with shape \[3\]/);
  });
});

describe('svdLowrank / pcaLowrank', () => {
  it.each(FIX.lowrank.map((c) => [c.name, c] as const))('%s: PyTorch\'s singular values; U S V^T reconstructs A', (_, c) => {
    const A = T(c.A);
    const [U, S, V] = tg.svdLowrank(A, c.q, { generator: new tg.Generator(1) });
    near(S, c.S, 1e-9);
    expect(tg.allclose(U.mul(S).matmul(V.t()), A, { atol: 1e-9 })).toBe(true);
    expect(tg.allclose(U.t().matmul(U), tg.eye(c.q, { dtype: 'float64' }), { atol: 1e-10 })).toBe(true);
    const [, Sp] = tg.pcaLowrank(A, c.q, { generator: new tg.Generator(2) });
    // the centered matrix has rank <= q: its top singular values PyTorch's, to the approximation
    near(Sp, c.pca_S, 1e-6);
  });
  it('the same generator state gives the same factors; bad q and niter throw', () => {
    const A = tg.randn([6, 4], { dtype: 'float64' });
    const a = tg.svdLowrank(A, 3, 1, null, new tg.Generator(5)), b = tg.svdLowrank(A, 3, 1, null, new tg.Generator(5));
    expect(a[0].tolist()).toEqual(b[0].tolist());
    expect(() => tg.svdLowrank(A, 7)).toThrow(/^svdLowrank: q\(=7\) must not be greater than min\(m, n\)=4 \(A of shape \[6, 4\]\)/);
    expect(() => tg.pcaLowrank(A, 2, true, -1)).toThrow(/^pcaLowrank: niter\(=-1\) must be non-negative integer/);
    expect(() => tg.svdLowrank(tg.ones([3]))).toThrow(/^svdLowrank: expected a matrix or a batch of matrices, got shape \[3\]/);
  });
});

describe('lobpcg', () => {
  const A = T(FIX.lobpcg_A);
  const calls: Record<string, () => [Tensor, Tensor]> = {
    largest2: () => tg.lobpcg(A, 2, { generator: new tg.Generator(1) }),
    smallest2: () => tg.lobpcg(A, 2, { largest: false, generator: new tg.Generator(2) }),
    generalized_B: () => tg.lobpcg(A, 1, tg.eye(12, { dtype: 'float64' }).mul(2), { generator: new tg.Generator(3) }),
    n4_k3: () => tg.lobpcg(A, 3, { n: 4, generator: new tg.Generator(4) }),
  };
  it.each(FIX.lobpcg.map((c) => [c.name, c] as const))('%s: PyTorch\'s eigenvalues, and A x = e B x', (name, c) => {
    const [E, X] = calls[name]!();
    near(E, c.E, 1e-6);
    const Bm = name === 'generalized_B' ? tg.eye(12, { dtype: 'float64' }).mul(2) : tg.eye(12, { dtype: 'float64' });
    const res = A.matmul(X).sub(Bm.matmul(X).mul(E));
    expect(res.abs().max().item()).toBeLessThan(1e-5 * (E.abs().max().item() as number));
  });
  it('X as the start block, float32, and PyTorch\'s errors', () => {
    const [E] = tg.lobpcg(A, 1, null, tg.ones([12, 2], { dtype: 'float64' }));
    expect(E.item()).toBeCloseTo(FIX.lobpcg[0]!.E.data[0] as number, 6);
    expect(tg.lobpcg(A.float(), 1, { generator: new tg.Generator(9) })[0].dtype).toBe('float32');
    expect(() => tg.lobpcg(tg.eye(5), 2)).toThrow(/^lobpcg: LPBPCG algorithm is not applicable when the number of A rows \(=5\) is smaller than 3 x the number of requested eigenpairs \(=2\)/);
    expect(() => tg.lobpcg(tg.ones([3, 4]))).toThrow(/^lobpcg: expected a square matrix A, got shape \[3, 4\]/);
    expect(() => tg.lobpcg(A, 1, tg.eye(3))).toThrow(/^lobpcg: B must have A's shape \[12, 12\], got \[3, 3\]/);
  });
});

describe('torch.embeddingBag (the torch.* spelling with its auxiliary outputs)', () => {
  const idx = (): Tensor => tg.tensor([1, 0, 4, 2, 5], { dtype: 'int64' });
  const off = (v: number[]): Tensor => tg.tensor(v, { dtype: 'int64' });
  const calls: Record<string, (w: Tensor) => Tensor[]> = {
    sum: (w) => tg.embeddingBag(w, idx(), off([0, 2, 4]), false, 0),
    mean: (w) => tg.embeddingBag(w, idx(), off([0, 2, 4]), false, 1),
    max: (w) => tg.embeddingBag(w, idx(), off([0, 2, 4]), false, 2),
    max_empty_bag: (w) => tg.embeddingBag(w, idx(), off([0, 2, 2]), false, 2),
    mean_padding: (w) => tg.embeddingBag(w, idx(), off([0, 2, 2]), false, 1, false, null, false, 4),
    sum_weights: (w) => tg.embeddingBag(w, idx(), off([0, 2, 4]), false, 0, false, tg.tensor([1, 2, 3, 4, 5])),
    // torch.embedding_bag takes offsets (the 2-D form is nn.functional's): the flat form of [[1, 0], [4, 2], [5, 3]]
    mean_2d_flat: (w) => tg.embeddingBag(w, tg.tensor([[1, 0], [4, 2], [5, 3]], { dtype: 'int64' }), null, false, 1),
  };
  it.each(FIX.embedding_bag.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const outs = calls[name]!(tg.arange(12).reshape([6, 2]).requiresGrad_(true));
    expect(outs.length).toBe(4);
    outs.forEach((o, i) => near(o, c.outs[i]!, 1e-6));
    expect(outs[0]!.gradFn?.name).toBe(c.grad_fn);
  });
  it('mode must be 0, 1 or 2', () => {
    expect(() => tg.embeddingBag(tg.ones([3, 2]), tg.tensor([0], { dtype: 'int64' }), tg.tensor([0], { dtype: 'int64' }), false, 3)).toThrow(/^embeddingBag: mode must be 0 \(sum\), 1 \(mean\) or 2 \(max\), got 3/);
  });
});

describe('fromFile', () => {
  it('reads size elements of dtype (the default dtype unless given) from the file\'s bytes, as PyTorch', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'tg-from-file-')), 'f.bin');
    writeFileSync(f, new Uint8Array(new Float32Array([1, 2, 3]).buffer));
    const F = FIX.from_file;
    near(tg.fromFile(f, null, 3), F.f32_3, 0);
    near(tg.fromFile(f, false, 2, 'float32'), F.f32_2, 0);
    near(tg.fromFile(f, { size: 3, dtype: 'int32' }), F.int32_3, 0);
    near(tg.fromFile(f), F.empty, 0);
    expect(F.too_big).toMatch(/size is smaller than the required mapping size <16>/);
    expect(() => tg.fromFile(f, false, 4)).toThrow(/^fromFile: file <.*> size is smaller than the required mapping size <16>/);
    expect(() => tg.fromFile(f, true, 3)).toThrow(/^fromFile: shared=true/);
    expect(tg.fromFile(f, false, 3, null, true).requiresGrad).toBe(true);
  });
});
