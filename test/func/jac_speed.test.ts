// What makes jacrev's one batched backward cheap (issue 19's W19), checked by what it does rather than by time:
// the spent batched grads and the basis go back to the buffer pool (Note [Spent batched grads] in
// lib/func/vmap.ts) while the results stay intact, the fused elementwise backward reads an unbatched saved
// tensor in place (no expanded copy), and mmT with a batched column operand is one GEMM over the batch rows
// (Note [Batched mm, shared a] in lib/func/batching_backward.ts). Each rule agrees with the per-example loop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { freedBy } from '../helpers/storage_spy.js';
import { batchable } from '../../lib/autograd/batchable.js';
import * as E from '../../lib/ops/elementwise.js';
import * as L from '../../lib/ops/linalg.js';
import { fallbackCounts } from '../../lib/func/vmap.js';

const f64 = { dtype: 'float64' as const };
const close = (a: Tensor, b: Tensor, tol = 1e-12): void => {
  expect(a.shape).toEqual(b.shape);
  expect(a.sub(b).abs().max().item() as number).toBeLessThan(tol);
};

afterEach(() => {
  vi.restoreAllMocks();
  fallbackCounts.clear();
});

describe('jacrev releases its spent batched grads', () => {
  const n = 40; // float64 [40, 40] grads: 12,800 bytes, whole buffers of their own (above the small slabs)
  tg.manualSeed(5);
  const x = tg.randn([n], f64);

  it('a chain releases the grads between its nodes and the basis; the Jacobian is intact', () => {
    const f = (v: Tensor) => v.mul(2).tanh().mul(3).sin();
    let J: Tensor | null = null;
    const freed = freedBy(() => (J = tg.func.jacrev(f)(x) as Tensor));
    // sin's, mul's and tanh's grads (each [n, n] physical, made in the run) and the basis
    expect(freed.filter((s) => s.data.length === n * n).length).toBeGreaterThanOrEqual(4);
    const J1 = J as unknown as Tensor;
    expect(J1.isDisposed).toBe(false);
    const u = x.mul(2).tanh().mul(3);
    const d = u.cos().mul(3).mul(x.mul(2).tanh().pow(2).neg().add(1)).mul(2); // chain rule, diagonal
    close(J1, tg.diagEmbed(d));
  });

  it('a grad passed on unchanged is counted where it is used, and released once', () => {
    const b = tg.randn([n], f64);
    const f = (v: Tensor) => v.tanh().add(b).mul(2); // AddBackward0 passes tanh's input grad through
    let J: Tensor | null = null;
    const freed = freedBy(() => (J = tg.func.jacrev(f)(x) as Tensor));
    expect(new Set(freed).size).toBe(freed.length);
    close(J as unknown as Tensor, tg.diagEmbed(x.tanh().pow(2).neg().add(1).mul(2)));
  });

  it('the identity: the result is the basis itself, which is kept', () => {
    let J: Tensor | null = null;
    freedBy(() => (J = tg.func.jacrev((v: Tensor) => v)(x) as Tensor));
    const J1 = J as unknown as Tensor;
    expect(J1.isDisposed).toBe(false);
    close(J1, tg.eye(n, f64));
  });

  it('a grad that reaches two inputs is not released under either', () => {
    const f = (a: Tensor, c: Tensor) => a.mul(c).tanh();
    const c = tg.randn([n], f64);
    const [ja, jc] = tg.func.jacrev(f, [0, 1])(x, c) as Tensor[];
    const t = x.mul(c).tanh().pow(2).neg().add(1);
    close(ja, tg.diagEmbed(t.mul(c)));
    close(jc, tg.diagEmbed(t.mul(x)));
  });

  it('createGraph (hessian) keeps the graph values alive', () => {
    const H = tg.func.hessian((v: Tensor) => v.pow(3).sum())(x) as Tensor;
    close(H, tg.diagEmbed(x.mul(6)));
  });
});

describe('batching rules of the backward kernels', () => {
  tg.manualSeed(6);
  const B = 5;
  const Eb = batchable(E), Lb = batchable(L);

  it('tanh/sigmoid/threshold backward: an unbatched saved tensor with a batched (or compact) grad, as the loop', () => {
    const y = tg.randn([3, 4], f64).tanh();
    for (const gShape of [[3, 4], [4], [1], []]) {
      const g = tg.randn([B, ...gShape], f64);
      for (const fn of ['tanhBackward', 'sigmoidBackward', 'thresholdBackward'] as const) {
        fallbackCounts.clear();
        const got = tg.vmap((gi: Tensor) => Eb[fn](gi, y))(g) as Tensor;
        expect([...fallbackCounts.keys()]).toEqual([]);
        const want = tg.stack(g.unbind(0).map((gi) => E[fn](gi, y)));
        close(got, want);
      }
    }
  });

  it('no strided copy: tanhBackward reads an unbatched result in place, mmT takes a batched column as it is', () => {
    const y = tg.randn([64], f64).tanh(), g = tg.randn([B, 64], f64), a = tg.randn([64, 64], f64);
    // Tensor._data of a non-contiguous tensor is a gathered copy (Note [Strided tensors]): count those reads.
    const desc = Object.getOwnPropertyDescriptor(Tensor.prototype, '_data') as PropertyDescriptor;
    let gathers = 0;
    vi.spyOn(Tensor.prototype, '_data', 'get').mockImplementation(function (this: Tensor) {
      if (!this.isContiguous()) gathers++;
      return desc.get!.call(this);
    });
    const t = tg.vmap((gi: Tensor) => Eb.tanhBackward(gi, y))(g) as Tensor;
    const m = tg.vmap((gi: Tensor) => Lb.mmT(a, gi.reshape([64, 1]), true, false))(g) as Tensor;
    vi.restoreAllMocks();
    expect(gathers).toBe(0);
    close(t, g.mul(y.pow(2).neg().add(1)));
    close(m, g.matmul(a).unsqueeze(2));
  });

  it('tanhBackward with both batched, and with only the saved tensor batched', () => {
    const g = tg.randn([B, 4], f64), y = tg.randn([B, 3, 4], f64).tanh();
    close(tg.vmap((gi: Tensor, yi: Tensor) => Eb.tanhBackward(gi, yi))(g, y) as Tensor,
      tg.stack(g.unbind(0).map((gi, i) => E.tanhBackward(gi, y.select(0, i)))));
    const g1 = tg.randn([4], f64);
    close(tg.vmap((yi: Tensor) => Eb.tanhBackward(g1, yi))(y) as Tensor, tg.stack(y.unbind(0).map((yi) => E.tanhBackward(g1, yi))));
  });

  it('mmT with a batched second operand, every transpose and a column or matrix, as the loop', () => {
    const a = tg.randn([3, 3], f64);
    for (const nb of [1, 2]) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const b = tg.randn(tb ? [B, nb, 3] : [B, 3, nb], f64);
          fallbackCounts.clear();
          const got = tg.vmap((bi: Tensor) => Lb.mmT(a, bi, ta, tb))(b) as Tensor;
          expect([...fallbackCounts.keys()]).toEqual([]);
          close(got, tg.stack(b.unbind(0).map((bi) => L.mmT(a, bi, ta, tb))));
        }
      }
    }
  });
});

describe('batching rules the batched backward reaches (tril/triu, diag, diagEmbed, maskedFill, indexAdd, layerNorm, embedding)', () => {
  tg.manualSeed(7);
  const B = 4;
  /** vmap(fn)(...xs) equals fn per example, stacked, without the loop fallback. */
  const asLoop = (fn: (...a: Tensor[]) => Tensor, inDims: (number | null)[], ...xs: Tensor[]): void => {
    fallbackCounts.clear();
    const got = tg.vmap(fn, { inDims })(...xs) as Tensor;
    expect([...fallbackCounts.keys()]).toEqual([]);
    const want = tg.stack(Array.from({ length: B }, (_, i) => fn(...xs.map((x, k) => (inDims[k] === null ? x : x.select(0, i))))));
    close(got, want);
  };

  it('tril and triu with offsets, on matrices and batches of matrices', () => {
    for (const d of [0, 1, -1]) {
      asLoop((x) => x.tril(d), [0], tg.randn([B, 3, 4], f64));
      asLoop((x) => tg.triu(x, d), [0], tg.randn([B, 2, 3, 3], f64));
    }
  });

  it('diag of a vector and of a matrix, with offsets; diagEmbed with default and explicit dims', () => {
    for (const d of [0, 1, -2]) {
      asLoop((x) => tg.diag(x, d), [0], tg.randn([B, 3], f64));
      asLoop((x) => tg.diag(x, d), [0], tg.randn([B, 3, 4], f64));
    }
    asLoop((x) => tg.diagEmbed(x), [0], tg.randn([B, 2, 3], f64));
    asLoop((x) => tg.diagEmbed(x, 1, 0, 2), [0], tg.randn([B, 2, 3], f64));
    asLoop((x) => tg.diagEmbed(x, -1, -1, 0), [0], tg.randn([B, 3], f64));
  });

  it('maskedFill: batched input, batched mask over an unbatched input, a broadcast mask', () => {
    const x = tg.randn([B, 3, 4], f64), m = tg.randn([B, 3, 4], f64).gt(0);
    asLoop((a, k) => a.maskedFill(k, 7), [0, null], x, m.select(0, 0));
    asLoop((a, k) => a.maskedFill(k, -1), [null, 0], x.select(0, 1), m);
    asLoop((a, k) => a.maskedFill(k, 2), [0, 0], x, tg.randn([B, 4], f64).gt(0));
  });

  it('indexAdd with an unbatched index: batched source into an unbatched input, and both batched', () => {
    const idx = tg.tensor([2, 0, 2], { dtype: 'int64' });
    const x = tg.randn([B, 3, 5], f64), src = tg.randn([B, 3, 3], f64);
    asLoop((a, s) => a.indexAdd(1, idx, s), [null, 0], x.select(0, 0), src);
    asLoop((a, s) => tg.indexAdd(a, -1, idx, s, { alpha: 2 }), [0, 0], x, src);
  });

  it('scatter and scatterAdd: batched src, index or input, the others shared; scatter with a value', () => {
    const x = tg.randn([B, 3, 4], f64), src = tg.randn([B, 2, 4], f64);
    const idx = tg.tensor([[0, 2, 1, 0], [2, 2, 0, 1]], { dtype: 'int64' });
    const idxB = tg.stack(Array.from({ length: B }, (_, i) => idx.add(i).remainder(3)));
    asLoop((a, s) => a.scatterAdd(0, idx, s), [null, 0], x.select(0, 0), src);
    asLoop((a, i, s) => tg.scatterAdd(a, -2, i, s), [0, 0, null], x, idxB, src.select(0, 1));
    asLoop((a, s) => a.scatter(0, idx, s), [0, 0], x, src);
    asLoop((a, i) => a.scatter(1, i.narrow(0, 0, 1), 5), [null, 0], x.select(0, 2), idxB);
  });

  it('linalg.solveTriangular: batched A, batched B, either with batch dims of its own', () => {
    const A = tg.randn([B, 3, 3], f64).tril().add(tg.eye(3, f64).mul(4)), Bm = tg.randn([B, 2, 3, 2], f64);
    asLoop((a, b) => tg.linalg.solveTriangular(a, b, { upper: false }), [0, null], A, Bm.select(0, 0));
    asLoop((a, b) => tg.linalg.solveTriangular(a, b, { upper: false, left: true }), [null, 0], A.select(0, 1), Bm);
    asLoop((a, b) => tg.linalg.solveTriangular(a.transpose(-1, -2), b.transpose(-1, -2), { upper: true, left: false }), [0, 0], A, Bm.select(1, 0));
  });

  it('cumsum, cummax and sort rows run batched under jacrev', () => {
    const x = tg.randn([3, 4], f64);
    for (const f of [(v: Tensor) => v.cumsum(1).sin(), (v: Tensor) => (v.cummax(0) as unknown as Tensor[])[0].sin(), (v: Tensor) => (v.sort(1) as unknown as Tensor[])[0].mul(v)]) {
      fallbackCounts.clear();
      const got = tg.func.jacrev(f)(x) as Tensor;
      expect([...fallbackCounts.keys()]).toEqual([]);
      close(got, tg.func.jacfwd(f)(x) as Tensor, 1e-10);
    }
  });

  it('layerNorm and embedding rows: jacrev runs them batched and matches the per-row Jacobian', () => {
    const w = tg.randn([4], f64), b = tg.randn([4], f64), table = tg.randn([6, 4], f64);
    const idx = tg.tensor([[1, 5], [1, 0]], { dtype: 'int64' });
    const ln = (x: Tensor, wt: Tensor, bs: Tensor) => tg.nn.functional.layerNorm(x, [4], wt, bs).tanh();
    const emb = (t: Tensor) => tg.nn.functional.embedding(idx, t).sin();
    const x = tg.randn([2, 4], f64);
    for (const [f, args] of [[ln, [x, w, b]], [emb, [table]]] as [(...a: Tensor[]) => Tensor, Tensor[]][]) {
      fallbackCounts.clear();
      const argnums = args.map((_, i) => i);
      const got = tg.func.jacrev(f, argnums)(...args) as Tensor[];
      expect([...fallbackCounts.keys()]).toEqual([]);
      const want = tg.func.jacfwd(f, argnums)(...args) as Tensor[];
      got.forEach((g, i) => close(g, want[i], 1e-10));
    }
  });
});
