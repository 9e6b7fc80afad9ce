// tg.func transforms composed across the branches that built them: forward over reverse (jvp of grad, jacfwd of
// jacrev) must see the tangents of the inputs grad and jacrev make fresh. Before keepTangent (lib/func/reverse.ts)
// both silently returned zeros.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { fallbackCounts } from '../../lib/func/vmap.js';

const tgFallbackCounts = () => [...fallbackCounts.entries()];

const f64 = { dtype: 'float64' as const };
const close = (a: { sub(b: unknown): { abs(): { max(): { item(): unknown } } } }, b: unknown) => expect(a.sub(b).abs().max().item()).toBeLessThan(1e-12);

describe('forward over reverse through tg.func', () => {
  const f = (x: ReturnType<typeof tg.tensor>) => x.pow(3).sum().add(x.select(0, 0).mul(x.select(0, 1)));
  const x = tg.tensor([1, 2], f64);
  // d2f = [[6 x0, 1], [1, 6 x1]]
  const H = tg.tensor([[6, 1], [1, 12]], f64);

  it('jvp(grad(f)) is the Hessian-vector product', () => {
    const v = tg.tensor([1, -2], f64);
    const [g, hv] = tg.func.jvp(tg.func.grad(f), [x], [v]) as [ReturnType<typeof tg.tensor>, ReturnType<typeof tg.tensor>];
    close(g, tg.tensor([3 * 1 + 2, 3 * 4 + 1], f64));
    close(hv, H.matmul(v));
  });

  it('jacfwd(jacrev(f)), jacrev(jacrev(f)) and hessian(f) agree', () => {
    close(tg.func.jacfwd(tg.func.jacrev(f))(x), H);
    close(tg.func.jacrev(tg.func.jacrev(f))(x), H);
    close(tg.func.hessian(f)(x), H);
  });
});

describe('transforms inside vmap', () => {
  const xs = tg.tensor([[1, 2], [3, 4]], f64);
  it('vmap(grad) and vmap(jacrev) give per-example results that carry no graph (as functorch)', () => {
    const g = tg.vmap(tg.func.grad((x: ReturnType<typeof tg.tensor>) => x.pow(3).sum()))(xs);
    close(g, xs.pow(2).mul(3));
    expect(g.requiresGrad).toBe(false);
    const j = tg.vmap(tg.func.jacrev((x: ReturnType<typeof tg.tensor>) => x.pow(3)))(xs);
    close(j, tg.stack([tg.diag(xs.select(0, 0).pow(2).mul(3)), tg.diag(xs.select(0, 1).pow(2).mul(3))]));
    expect(j.requiresGrad).toBe(false);
  });
  it('vmap(grad(f), { inDims: [null, 0] }) batches the unbatched input without the per-example loop', () => {
    const before = tgFallbackCounts();
    const w = tg.tensor([0.5, -1], f64);
    const g = tg.vmap(tg.func.grad((wi: ReturnType<typeof tg.tensor>, x: ReturnType<typeof tg.tensor>) => wi.mul(x).sum().pow(2)), { inDims: [null, 0] })(w, xs);
    // d/dw (w.x)^2 = 2 (w.x) x, per row of xs
    const wx = xs.matmul(w);
    close(g, xs.mul(wx.mul(2).unsqueeze(1)));
    expect(tgFallbackCounts()).toEqual(before);
  });
});
