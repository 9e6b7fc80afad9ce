// The ops PyTorch 1.13 records as one node that tensorgrad first composed from other ops (issue 15; rows in
// lib/autograd/derivatives_composed.ts; symeig's in derivatives_linalg2.ts): pdist, convTbc, asStridedScatter,
// resize/resizeAs, symeig. PyTorch fixtures
// (test/fixtures/composed.json from test/fixtures/gen/gen_composed.py: values, grads, node names), float64
// gradcheck and gradgradcheck (opSuite), and what the fixtures cannot show: as_strided_scatter's input grad
// (PyTorch 1.13 leaves it uninitialized), pdist's zero-distance grads under createGraph, the outputs' layout.
// Then the ops whose PyTorch row says not_implemented: their nodes' names and errors (composed_nodes.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('composed');

const f64 = (v: number[][]): Tensor => tg.tensor(v, { dtype: 'float64' }).requiresGrad_(true);

describe('composed ops: what the fixtures do not show', () => {
  it('asStridedScatter: input grad zero where src was written, src grad the view of the output grad', () => {
    const x = tg.zeros([4], { dtype: 'float64', requiresGrad: true }), s = tg.zeros([2], { dtype: 'float64', requiresGrad: true });
    const y = tg.asStridedScatter(x, s, [2], [2], 1);
    expect(y.gradFn?.name).toBe('AsStridedScatterBackward0');
    y.mul(tg.tensor([1, 2, 3, 4], { dtype: 'float64' })).sum().backward();
    expect(x.grad?.tolist()).toEqual([1, 0, 3, 0]);
    expect(s.grad?.tolist()).toEqual([2, 4]);
  });
  it('asStridedScatter of a transposed input keeps its column-major layout, in values and grads', () => {
    const x = tg.arange(12, { dtype: 'float64' }).reshape([3, 4]).requiresGrad_(true), s = tg.tensor([100, 200], { dtype: 'float64', requiresGrad: true });
    const y = tg.asStridedScatter(x.t(), s, [2], [1], 1);
    expect(y.stride()).toEqual([1, 4]);
    expect(y.tolist()).toEqual([[0, 4, 8], [100, 5, 9], [200, 6, 10], [3, 7, 11]]);
    y.mul(tg.arange(12, { dtype: 'float64' }).reshape([4, 3])).sum().backward();
    expect(s.grad?.tolist()).toEqual([3, 6]);
    expect(x.grad?.tolist()).toEqual([[0, 0, 0, 9], [1, 4, 7, 10], [2, 5, 8, 11]]);
  });
  it('pdist: duplicate rows get a zero grad, also through createGraph (no NaN from the dropped branch)', () => {
    for (const p of [0.5, 1.5, 2, 3]) {
      const x = f64([[1, 2], [1, 2], [0, 4]]);
      const [g] = tg.autograd.grad(tg.pdist(x, p), x, { gradOutputs: tg.tensor([1, 0, 0], { dtype: 'float64' }), createGraph: true });
      expect(g!.tolist(), `p = ${p}`).toEqual([[0, 0], [0, 0], [0, 0]]);
      const [gg] = tg.autograd.grad(g!.sum(), x, { allowUnused: true });
      expect(gg === null || (gg.tolist() as number[][]).flat().every((v) => Number.isFinite(v)), `p = ${p} double backward`).toBe(true);
    }
  });
  it('convTbc: a contiguous [T, B, Cout] output; forward AD throws as PyTorch 1.13 does', () => {
    const y = tg.convTbc(tg.ones([5, 2, 3]), tg.ones([3, 3, 4]), tg.zeros([4]), 1);
    expect([y.shape, y.stride(), y.isContiguous()]).toEqual([[5, 2, 4], [8, 4, 1], true]);
    expect(y.tolist()[0]).toEqual([[6, 6, 6, 6], [6, 6, 6, 6]]);
    const fw = tg.autograd.forwardAd;
    expect(() => fw.dualLevel(() => tg.convTbc(fw.makeDual(tg.ones([3, 1, 2]), tg.ones([3, 1, 2])), tg.ones([2, 2, 1]), tg.zeros([1]))))
      .toThrow('Trying to use forward AD with conv_tbc that does not support it');
  });
  it('symeig: SymeigBackward0 on both outputs; without eigenvectors its backward throws PyTorch\'s error', () => {
    const a = f64([[2, 1], [1, 3]]);
    const { eigenvalues: w, eigenvectors: v } = tg.symeig(a);
    expect([w.gradFn?.name, v.gradFn?.name, v.shape]).toEqual(['SymeigBackward0', 'SymeigBackward0', [0]]);
    expect(() => w.sum().backward()).toThrow(/^symeig: torch.symeig\(A, eigenvectors=False\) is not differentiable/);
  });
  it('resize: its own node over the input; the result is not a view for autograd, and writes to x still show', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const x = tg.arange(6, { dtype: 'float64' }).requiresGrad_(true);
      const y = x.resize(2, 3);
      expect(y.gradFn?.name).toBe('ResizeBackward');
      expect(y.gradFn?.nextFunctions[0]?.[0]?.name).toBe('torch::autograd::AccumulateGrad');
      y.mul(tg.arange(6, { dtype: 'float64' }).reshape([2, 3])).sum().backward();
      expect(x.grad?.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
      const z = tg.arange(6, { dtype: 'float64' });
      const w = z.resize(3, 2);
      z.fill_(7);
      expect(w.tolist()).toEqual([[7, 7], [7, 7], [7, 7]]);
    } finally { spy.mockRestore(); }
  });
});

describe("ops whose PyTorch 1.13 row says not_implemented: the row's node, whose backward throws its error", () => {
  const FIX: { not_implemented: Record<string, { grad_fn: (string | null)[]; error: string }> } =
    JSON.parse(readFileSync(new URL('../fixtures/composed_nodes.json', import.meta.url), 'utf8'));
  const f64 = (shape: number[], seed = 0): Tensor => { tg.manualSeed(seed); return tg.rand(shape, { dtype: 'float64' }).add(0.5).requiresGrad_(true); };
  const m = f64([4, 3]), { a, tau } = tg.geqrf(m.detach());
  const CALLS: Record<string, () => Tensor | Tensor[]> = {
    nextafter: () => tg.nextafter(f64([3]), f64([3], 1)),
    geqrf: () => { const r = tg.geqrf(m); return [r.a, r.tau]; },
    ormqr: () => tg.ormqr(a, tau, f64([4, 2])),
    igamma_input: () => tg.igamma(f64([3]), f64([3], 1)),
    igammac_input: () => tg.igammac(f64([3]), f64([3], 1)),
    unique: () => tg.unique(m, { returnInverse: true, returnCounts: true }),
    unique_dim: () => tg.unique(m, { dim: 0 }),
    unique_consecutive: () => tg.uniqueConsecutive(m, false, true),
    unique_consecutive_dim: () => tg.uniqueConsecutive(m, false, false, 1),
    histogramdd: () => { const h = tg.histogramdd(m, [2, 3, 2]); return [h.hist, ...h.binEdges]; },
    histogramdd_weight: () => [tg.histogramdd(m.detach(), 2, null, f64([4])).hist],
  };
  it('every fixture call has a tensorgrad twin', () => expect(Object.keys(CALLS).sort()).toEqual(Object.keys(FIX.not_implemented).sort()));
  for (const [name, want] of Object.entries(FIX.not_implemented)) {
    it(name, () => {
      const r = CALLS[name]!();
      const outs = Array.isArray(r) ? r : [r];
      expect(outs.map((o) => o.gradFn?.name ?? null)).toEqual(want.grad_fn);
      expect(() => outs[0]!.sum().backward()).toThrow(want.error);
    });
  }
});
