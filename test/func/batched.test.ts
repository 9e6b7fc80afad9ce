// jacrev, jacfwd, hessian and vjp under vmap as ONE batched pass over the basis (Note [Batched VJP] in
// lib/func/reverse.ts, Note [Batched jvp] in lib/func/forward.ts, Note [Batched backward] in
// lib/autograd/batchable.ts): f runs once, nothing falls back to vmap's per-example loop, and the values are the
// closed forms.
import { afterEach, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { fallbackCounts } from '../../lib/func/vmap.js';

const f64 = { dtype: 'float64' as const };
const close = (a: Tensor, b: Tensor, tol = 1e-12): void => {
  expect(a.shape).toEqual(b.shape);
  expect(a.sub(b).abs().max().item() as number).toBeLessThan(tol);
};

afterEach(() => fallbackCounts.clear());

describe('batched function transforms', () => {
  tg.manualSeed(3);
  const n = 6;
  const W = tg.randn([n, n], f64), b = tg.randn([n], f64), x = tg.randn([n], f64);
  let calls = 0;
  const layer = (v: Tensor): Tensor => {
    calls++;
    return tg.tanh(tg.mv(W, v).add(b));
  };
  const y = tg.tanh(tg.mv(W, x).add(b));
  const J = W.mul(y.pow(2).neg().add(1).unsqueeze(1)); // diag(1 - y^2) W

  it('jacrev of a tanh layer is one backward over the basis: f once, no loop fallback', () => {
    fallbackCounts.clear();
    calls = 0;
    close(tg.func.jacrev(layer)(x) as Tensor, J);
    expect(calls).toBe(1);
    expect([...fallbackCounts.keys()]).toEqual([]);
  });

  it('jacfwd of a tanh layer is one jvp over the basis: f once, no loop fallback', () => {
    fallbackCounts.clear();
    calls = 0;
    close(tg.func.jacfwd(layer)(x) as Tensor, J);
    expect(calls).toBe(1);
    expect([...fallbackCounts.keys()]).toEqual([]);
  });

  it('vjp under vmap with batched cotangents runs one backward (no per-example autograd.grad)', () => {
    const [, vjpFn] = tg.func.vjp(layer, x) as [Tensor, (c: Tensor) => Tensor[]];
    const cts = tg.randn([4, n], f64);
    fallbackCounts.clear();
    const got = tg.vmap((c: Tensor) => vjpFn(c)[0])(cts) as Tensor;
    expect([...fallbackCounts.keys()]).toEqual([]);
    close(got, cts.matmul(J));
  });

  it('hessian (jacrev of jacrev) and jacfwd(jacrev(f)) agree with the closed form', () => {
    const g = (v: Tensor): Tensor => v.pow(3).sum().add(v.sin().mul(v).sum());
    const want = tg.diagEmbed(x.mul(6).add(x.cos().mul(2)).sub(x.sin().mul(x)));
    close(tg.func.hessian(g)(x) as Tensor, want, 1e-10);
    close(tg.func.jacfwd(tg.func.jacrev(g))(x) as Tensor, want, 1e-10);
  });

  it('vmap(jacfwd(f)) and vmap(jacrev(f)) give every example its Jacobian', () => {
    const xs = tg.randn([3, n], f64);
    const want = tg.stack([0, 1, 2].map((i) => tg.func.jacrev(layer)(xs.select(0, i)) as Tensor));
    close(tg.vmap(tg.func.jacfwd(layer))(xs) as Tensor, want);
    close(tg.vmap(tg.func.jacrev(layer))(xs) as Tensor, want);
  });
});
