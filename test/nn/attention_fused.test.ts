// The fused scaled-dot-product attention kernel (native/cpu/attention_kernels.cc, Note [Fused attention]) beyond
// its PyTorch fixtures (layers.json sdpa/*, replayed by test/ops/nn.test.ts) and gradcheck specs: it agrees with
// the composite math path (forward and grads, every capability, any thread count), reads strided views in place,
// gives NaN for a fully masked row as the math path does, and rejects bad geometry with an error, not a crash.
import { afterEach, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { native } from '../../lib/native.js';

const F = tg.nn.functional;
const NODE = 'ScaledDotProductFlashAttentionForCpuBackward0';
type DT = 'float32' | 'float64';

const maxDiff = (a: Tensor, b: Tensor): number => {
  expect(a.shape).toEqual(b.shape);
  return a.sub(b).abs().max().item() as number;
};

/** The composite path's result for the same call: a float mask (0 or -inf) sends the call there. */
function composite(q: Tensor, k: Tensor, v: Tensor, o: { isCausal?: boolean; attnMask?: Tensor; scale?: number }): Tensor {
  const [L, S] = [q.shape[q.ndim - 2], k.shape[k.ndim - 2]];
  let mask = o.attnMask ?? (o.isCausal ? tg.ones([L, S], { dtype: 'bool' }).tril() : tg.ones([L, S], { dtype: 'bool' }));
  mask = tg.zeros(mask.shape, { dtype: q.dtype }).maskedFill(mask.logicalNot(), -Infinity);
  return F.scaledDotProductAttention(q, k, v, { attnMask: mask, scale: o.scale });
}

/** Forward and the three grads of both paths, for one seeded grad of the output. */
function bothPaths(shapes: number[][], dtype: DT, o: { isCausal?: boolean; attnMask?: Tensor; scale?: number }) {
  const [q, k, v] = shapes.map((s) => tg.randn(s, { dtype, requiresGrad: true }));
  const g = tg.randn([...q.shape.slice(0, -1), v.shape[v.ndim - 1]], { dtype });
  const run = (fn: () => Tensor): [Tensor, Tensor[], string | undefined] => {
    for (const t of [q, k, v]) t.grad = null;
    const y = fn();
    y.backward(g);
    return [y.detach(), [q, k, v].map((t) => t.grad as Tensor), y.gradFn?.name];
  };
  const fused = run(() => F.scaledDotProductAttention(q, k, v, o));
  const comp = run(() => composite(q, k, v, o));
  return { fused, comp };
}

const CASES: [string, number[][], { isCausal?: boolean; attnMask?: () => Tensor; scale?: number }][] = [
  ['makemore causal', [[2, 4, 16, 16], [2, 4, 16, 16], [2, 4, 16, 16]], { isCausal: true }],
  ['odd sizes', [[2, 3, 7, 5], [2, 3, 19, 5], [2, 3, 19, 9]], {}],
  ['long causal, L > S', [[1, 45, 6], [1, 37, 6], [1, 37, 3]], { isCausal: true, scale: 0.4 }],
  ['one query row', [[3, 1, 4], [3, 6, 4], [3, 6, 2]], {}],
  ['2-d, bool mask broadcast', [[5, 3], [33, 3], [33, 2]], { attnMask: () => tg.rand([5, 33]).gt(0.3) }],
];

describe('fused attention agrees with the composite math path', () => {
  afterEach(() => tg.backends.cpu.setCapability(tg.backends.cpu.capabilities().at(-1) as string));
  for (const cap of tg.backends.cpu.capabilities()) {
    for (const dtype of ['float32', 'float64'] as DT[]) {
      it(`${cap} ${dtype}`, () => {
        tg.backends.cpu.setCapability(cap);
        const tol = dtype === 'float32' ? 2e-5 : 1e-12;
        tg.manualSeed(7);
        for (const [what, shapes, o] of CASES) {
          const opts = { isCausal: o.isCausal, scale: o.scale, attnMask: o.attnMask?.() };
          const { fused, comp } = bothPaths(shapes, dtype, opts);
          expect(fused[2], what).toBe(NODE);
          expect(comp[2], what).not.toBe(NODE);
          expect(maxDiff(fused[0], comp[0]), `${what}: output`).toBeLessThan(tol);
          for (let i = 0; i < 3; i++) expect(maxDiff(fused[1][i], comp[1][i]), `${what}: grad ${i}`).toBeLessThan(tol);
        }
      });
    }
  }
});

describe('fused attention layouts and edge cases', () => {
  it('reads transposed views (makemore splits heads with view + transpose) as their contiguous copies', () => {
    tg.manualSeed(3);
    const x = tg.randn([2, 16, 3 * 64], { requiresGrad: true });
    const heads = (t: Tensor): Tensor => t.view(2, 16, 4, 16).transpose(1, 2);
    const [q, k, v] = x.split(64, 2).map(heads);
    expect(q.isContiguous()).toBe(false);
    const y = F.scaledDotProductAttention(q, k, v, { isCausal: true });
    const g = tg.randn(y.shape);
    y.backward(g);
    const gx = x.grad as Tensor;
    x.grad = null;
    const [qc, kc, vc] = x.split(64, 2).map((t) => heads(t).contiguous());
    const yc = F.scaledDotProductAttention(qc, kc, vc, { isCausal: true });
    yc.backward(g);
    expect(maxDiff(y, yc)).toBe(0);
    expect(maxDiff(gx, x.grad as Tensor)).toBe(0);
    // a last dim that is not contiguous (a transposed key) is gathered first
    const kt = tg.randn([2, 5, 4]).transpose(1, 2);
    const a = tg.randn([2, 3, 5]), b = tg.randn([2, 4, 6]);
    expect(maxDiff(F.scaledDotProductAttention(a, kt, b), F.scaledDotProductAttention(a, kt.contiguous(), b))).toBe(0);
  });

  it('gives the same bits with 1 and 2 threads', () => {
    tg.manualSeed(4);
    const [q, k, v] = [0, 1, 2].map(() => tg.randn([8, 4, 32, 16], { requiresGrad: true }));
    const run = (): Tensor[] => {
      for (const t of [q, k, v]) t.grad = null;
      const y = F.scaledDotProductAttention(q, k, v, { isCausal: true });
      y.square().sum().backward();
      return [y.detach(), q.grad as Tensor, k.grad as Tensor, v.grad as Tensor];
    };
    const n = tg.getNumThreads();
    try {
      tg.setNumThreads(1);
      const one = run();
      tg.setNumThreads(2);
      run().forEach((t, i) => expect(t.equal(one[i])).toBe(true));
    } finally {
      tg.setNumThreads(n);
    }
  });

  it('a fully masked row is NaN, as the math path gives', () => {
    const q = tg.randn([2, 3, 4]);
    const mask = tg.tensor([[true, true], [false, false], [true, false]], { dtype: 'bool' });
    const y = F.scaledDotProductAttention(q, tg.randn([2, 2, 4]), tg.randn([2, 2, 3]), { attnMask: mask });
    const rows = y.isnan().any(-1).tolist();
    expect(rows).toEqual([[false, true, false], [false, true, false]]);
  });

  it('records one node only when grad is needed; saved tensors are version-checked', () => {
    const [q, k, v] = [0, 1, 2].map(() => tg.randn([2, 3, 4]));
    expect(F.scaledDotProductAttention(q, k, v).gradFn).toBeNull();
    const kg = k.clone().requiresGrad_(true);
    const y = F.scaledDotProductAttention(q, kg, v, { isCausal: true });
    expect(y.gradFn?.name).toBe(NODE);
    expect(y.gradFn?.nextFunctions.map((e) => e[0]?.name ?? null)).toEqual([null, 'torch::autograd::AccumulateGrad', null]);
    q.add_(1);
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  it('a bool mask with more batch than the query takes the composite path (the output broadcasts), or its error', () => {
    const [q, k, v] = [tg.randn([1, 3, 4]), tg.randn([1, 5, 4]), tg.randn([1, 5, 2])];
    const mask = tg.rand([2, 3, 5]).gt(0.2).logicalOr(tg.arange(5).eq(0));
    const y = F.scaledDotProductAttention(q, k, v, { attnMask: mask });
    expect(y.shape).toEqual([2, 3, 2]);
    expect(maxDiff(y, composite(q, k, v, { attnMask: mask }))).toBe(0);
    expect(() => F.scaledDotProductAttention(q.expand(3, 3, 4), k.expand(3, 5, 4), v.expand(3, 5, 2), { attnMask: mask })).toThrow();
  });

  it('no keys (S = 0) takes the composite path: zeros, as the math path', () => {
    const y = F.scaledDotProductAttention(tg.randn([2, 3, 4]), tg.zeros([2, 0, 4]), tg.zeros([2, 0, 5]));
    expect(y.shape).toEqual([2, 3, 5]);
  });

  it('the binding rejects a geometry that reaches outside a storage (a thrown RangeError, not a crash)', () => {
    const q = new Float32Array(2 * 3 * 4), kv = new Float32Array(2 * 5 * 4);
    // [nbd, batch, L, S, E, Ev, sqrtScale, causal, (off, bstride, rs) x 4, maskCs]
    const geom = (L: number) => new Float64Array([1, 2, L, 5, 4, 4, 0.7, 0, 0, 12, 4, 0, 20, 4, 0, 20, 4, 0, 0, 0, 0]);
    expect(native.sdpa(q, kv, kv, null, geom(3), null).length).toBe(2 * 3 * 4);
    expect(() => native.sdpa(q, kv, kv, null, geom(4), null)).toThrow(/^scaledDotProductAttention: query reaches element 27 of a storage of 24/);
    expect(() => native.sdpa(q, kv, kv, null, new Float64Array([1, 2]), null)).toThrow(RangeError);
    expect(() => native.sdpa(q, kv, new Float64Array(40), null, geom(3), null)).toThrow(/differ in dtype/);
    const g = geom(3);
    g[9] = -12;
    expect(() => native.sdpa(q, kv, kv, null, g, null)).toThrow(/bad size or stride -12/);
  });
});
