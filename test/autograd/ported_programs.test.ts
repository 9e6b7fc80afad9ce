// Issue 13: silent wrong answers and node names found by porting real PyTorch programs. Each block is one
// item's regression test plus the other instances of the same class the sweep found.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import tg, { Tensor } from '../../lib/index.js';
import { decode, type TensorJson } from '../helpers/ops_fixture.js';

const vals = (t: Tensor | null) => (t === null ? null : t.tolist());

describe('a node has no cap on its number of inputs (item 1)', () => {
  const N = 70;
  const leaves = (shape: number[] = [1]) =>
    Array.from({ length: N }, (_, i) => tg.full(shape, i, { requiresGrad: true }));

  it('cat and stack send a grad to every one of 70 inputs', () => {
    const xs = leaves();
    tg.cat(xs).sum().backward();
    expect(xs.map((x) => vals(x.grad))).toEqual(xs.map(() => [1]));
    const ys = leaves([2]);
    const w = tg.arange(N * 2).reshape([N, 2]);
    tg.stack(ys).mul(w).sum().backward();
    expect(ys.map((y) => vals(y.grad))).toEqual(ys.map((_, i) => [2 * i, 2 * i + 1]));
  });

  it('cat along dim 1 and double backward through cat of 70 inputs', () => {
    const xs = Array.from({ length: N }, (_, i) => tg.full([2, 1], i, { dtype: 'float64', requiresGrad: true }));
    const y = tg.cat(xs, 1);
    expect(y.gradFn!.nextFunctions.length).toBe(N);
    const s = y.mul(y).sum();
    const gs = tg.autograd.grad(s, xs, { createGraph: true });
    expect(gs.map((g) => vals(g))).toEqual(xs.map((_, i) => [[2 * i], [2 * i]]));
    tg.autograd.grad(tg.stack(gs as Tensor[]).sum(), xs).forEach((g) => expect(vals(g)).toEqual([[2], [2]]));
  });

  it('a custom autograd.Function with 70 inputs gets all 70 grads through', () => {
    class SumAll extends tg.autograd.Function {
      static forward(_ctx: unknown, ...xs: Tensor[]) {
        return xs.reduce((a, b) => a.add(b));
      }
      static backward(_ctx: unknown, g: Tensor) {
        return Array.from({ length: N }, (_, i) => g.mul(i));
      }
    }
    const xs = leaves();
    (SumAll.apply(...xs) as Tensor).sum().backward();
    expect(xs.map((x) => vals(x.grad))).toEqual(xs.map((_, i) => [i]));
  });

  it('split into 70 outputs and a Function with 70 outputs route every output grad', () => {
    const x = tg.arange(N, { dtype: 'float64' }).requiresGrad_();
    const parts = x.split(1);
    expect(parts.length).toBe(N);
    parts.reduce((acc, p, i) => acc.add(p.mul(i)), tg.zeros([1], { dtype: 'float64' })).sum().backward();
    expect(vals(x.grad)).toEqual(Array.from({ length: N }, (_, i) => i));
    class Copies extends tg.autograd.Function {
      static forward(_ctx: unknown, a: Tensor) {
        return Array.from({ length: N }, () => a.clone());
      }
      static backward(_ctx: unknown, ...gs: Tensor[]) {
        return gs.reduce((s, g) => s.add(g));
      }
    }
    const a = tg.ones([1], { requiresGrad: true });
    (Copies.apply(a) as Tensor[]).reduce((s, o, i) => s.add(o.mul(i)), tg.zeros([1])).sum().backward();
    expect(vals(a.grad)).toEqual([(N * (N - 1)) / 2]);
  });

  it('every row with a fixed formula list refuses more inputs than it has formulas', async () => {
    const { record } = await import('../../lib/autograd/function_node.js');
    const a = tg.ones([1], { requiresGrad: true });
    expect(() => record('neg', [a, a], a.clone())).toThrow(/NegBackward0.*1 formula.*2 inputs/);
  });
});

describe('backward({ inputs }) accumulates into non-leaf inputs (item 3)', () => {
  it('fills .grad of a non-leaf input, accumulates, and leaves other tensors alone', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const w = tg.tensor([3, 4], { requiresGrad: true });
    const h = x.mul(w);
    const y = h.mul(h).sum();
    y.backward(undefined, { inputs: [h], retainGraph: true });
    expect(vals(h.grad)).toEqual([6, 16]);
    expect(h.retainsGrad).toBe(true);
    expect(x.grad).toBe(null);
    expect(w.grad).toBe(null);
    // leaves and non-leaves mixed, accumulating
    y.backward({ inputs: [h, x], retainGraph: true });
    expect(vals(h.grad)).toEqual([12, 32]);
    expect(vals(x.grad)).toEqual([18, 64]);
    expect(w.grad).toBe(null);
    // the input stays retained afterwards, as in PyTorch
    y.backward();
    expect(vals(h.grad)).toEqual([18, 48]);
    expect(vals(x.grad)).toEqual([36, 128]);
    expect(vals(w.grad)).toEqual([6, 32]);
  });

  it('with retainGrad, hooks, a multi-output node, the root itself, and a gradient argument', () => {
    const x2 = tg.tensor([1, 2], { requiresGrad: true });
    const h2 = x2.mul(2);
    h2.retainGrad();
    h2.mul(3).sum().backward({ inputs: [h2] });
    expect(vals(h2.grad)).toEqual([3, 3]);
    expect(x2.grad).toBe(null);
    const x4 = tg.tensor([1, 2, 3, 4], { requiresGrad: true });
    const [p, q] = x4.mul(1).split(2);
    p.mul(q).sum().backward({ inputs: [q] });
    expect(vals(q.grad)).toEqual([1, 2]);
    expect(x4.grad).toBe(null);
    const r = x4.mul(2).sum();
    r.backward({ inputs: [r] });
    expect(vals(r.grad)).toBe(1);
    const x5 = tg.tensor([1, 2], { requiresGrad: true });
    const h5 = x5.mul(2);
    h5.registerHook((g) => g.mul(10));
    h5.mul(h5).backward(tg.tensor([1, 0.5]), { inputs: [h5] });
    expect(vals(h5.grad)).toEqual([40, 40]);
    tg.autograd.backward([h5.sum()], null, { inputs: h5 });
    expect(vals(h5.grad)).toEqual([50, 50]);
  });

  it('an input that does not require grad is an error, not a silent no-op', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).sum().backward({ inputs: [tg.tensor([1])] })).toThrow(/backward: can't retain_grad on Tensor that has requires_grad=False/);
  });

  it('autograd.grad with non-leaf inputs returns grads and leaves .grad untouched', () => {
    const x3 = tg.tensor([1, 2], { requiresGrad: true });
    const h3 = x3.mul(x3);
    const [gh, gx] = tg.autograd.grad(h3.mul(h3).sum(), [h3, x3]);
    expect(vals(gh)).toEqual([2, 8]);
    expect(vals(gx)).toEqual([4, 32]);
    expect(h3.grad).toBe(null);
    expect(h3.retainsGrad).toBe(false);
    expect(x3.grad).toBe(null);
  });
});

describe("a custom Function's backward gets zeros for outputs without a grad (item 4)", () => {
  type G = Tensor | null;
  const seen: { ga: unknown; gb: unknown; gc: unknown }[] = [];
  class Three extends tg.autograd.Function {
    static forward(ctx: InstanceType<typeof tg.autograd.Function> & any, x: Tensor) {
      const a = x.mul(2), b = x.gt(0), c = x.double().mul(3);
      ctx.markNonDifferentiable(b);
      return [a, b, c];
    }
    static backward(_ctx: unknown, ga: G, gb: G, gc: G) {
      seen.push({ ga: ga && [ga.dtype, ga.tolist()], gb: gb && [gb.dtype, gb.tolist()], gc: gc && [gc.dtype, gc.tolist()] });
      // Code ported from PyTorch relies on getting tensors here.
      return ga!.mul(2).add(gc!.float()).mul(gb!.logicalNot().float());
    }
  }

  it('passes zeros of the output shape and dtype for a non-differentiable output and an unused one', () => {
    seen.length = 0;
    const x = tg.tensor([1, -2], { requiresGrad: true });
    const [a, b, c] = Three.apply(x) as Tensor[];
    expect(b.requiresGrad).toBe(false);
    expect(c.requiresGrad).toBe(true);
    a.sum().backward();
    expect(seen).toEqual([{ ga: ['float32', [1, 1]], gb: ['bool', [false, false]], gc: ['float64', [0, 0]] }]);
    expect(vals(x.grad)).toEqual([2, 2]);
  });

  it('setMaterializeGrads(false) passes null instead', () => {
    const got: G[][] = [];
    class Lazy extends tg.autograd.Function {
      static forward(ctx: any, x: Tensor) {
        ctx.setMaterializeGrads(false);
        return [x.mul(2), x.mul(3)];
      }
      static backward(_ctx: unknown, g0: G, g1: G) {
        got.push([g0, g1]);
        return g0 === null ? g1!.mul(3) : g0.mul(2);
      }
    }
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const [, y1] = Lazy.apply(x) as Tensor[];
    y1.sum().backward();
    expect(got[0][0]).toBe(null);
    expect(vals(got[0][1])).toEqual([1, 1]);
    expect(vals(x.grad)).toEqual([3, 3]);
  });

  it('backward must return one grad per forward input, and null for non-tensor inputs (PyTorch errors)', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = tg.tensor([3, 4], { requiresGrad: true });
    class TooFew extends tg.autograd.Function {
      static forward(_ctx: unknown, a: Tensor, b: Tensor) {
        return a.mul(b);
      }
      static backward(_ctx: unknown, g: Tensor) {
        return g;
      }
    }
    expect(() => (TooFew.apply(x, y) as Tensor).sum().backward()).toThrow(/function TooFewBackward returned an incorrect number of gradients \(expected 2, got 1\)/);
    class Scaled extends tg.autograd.Function {
      static forward(_ctx: unknown, a: Tensor, n: number) {
        return a.mul(n);
      }
      static backward(_ctx: unknown, g: Tensor) {
        return [g.mul(3), null, null];
      }
    }
    (Scaled.apply(x, 3) as Tensor).sum().backward();
    expect(vals(x.grad)).toEqual([3, 3]);
    class BadScalarGrad extends Scaled {
      static backward(_ctx: unknown, g: Tensor) {
        return [g, tg.ones([1])];
      }
    }
    expect(() => (BadScalarGrad.apply(x, 3) as Tensor).sum().backward()).toThrow(/returned a gradient different than null at position 2/);
    class TooMany extends Scaled {
      static backward(_ctx: unknown, g: Tensor) {
        return [g, null, tg.ones([1])];
      }
    }
    expect(() => (TooMany.apply(x, 3) as Tensor).sum().backward()).toThrow(/expected 2, got 3/);
  });
});

describe('scalar forms of the arithmetic ops match PyTorch 1.13 (item 6, test/fixtures/scalar_forms.json)', () => {
  interface FormCase {
    id: string;
    js: string;
    py: string;
    x: TensorJson;
    t: TensorJson;
    grad_output: number[];
    out: TensorJson;
    node: { name: string; next: [string | null, number][] };
    grad_x: TensorJson | null;
    grad_t: TensorJson | null;
  }
  const fixture: { cases: FormCase[] } = JSON.parse(
    readFileSync(new URL('../fixtures/scalar_forms.json', import.meta.url), 'utf8'),
  );
  const same = (got: Tensor | null, want: TensorJson | null, what: string) => {
    if (want === null) return expect(got, what).toBe(null);
    expect(got, what).not.toBe(null);
    expect(got!.dtype, `${what} dtype`).toBe(want.dtype);
    expect(got!.shape, `${what} shape`).toEqual(want.shape);
    const w = decode(want).toTypedArray();
    const g = got!.toTypedArray();
    // Values to the bit (3 / x rounds as x.reciprocal() * 3 does); grads within an ulp or two.
    const tol = what === 'out' ? 0 : want.dtype === 'float64' ? 1e-15 : 3e-7;
    for (let i = 0; i < w.length; i++) {
      if (Number.isNaN(w[i])) expect(Number.isNaN(g[i]), `${what}[${i}] NaN`).toBe(true);
      else if (!Number.isFinite(w[i]) || tol === 0) expect(g[i], `${what}[${i}]`).toBe(w[i]);
      else expect(Math.abs(g[i] - w[i]), `${what}[${i}]: ${g[i]} vs ${w[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(w[i])));
    }
  };

  it('covers the scalar-first, scalar-second and method forms of add sub rsub mul div reciprocal pow', () => {
    expect(fixture.cases.length).toBeGreaterThan(60);
    for (const form of ['tg.sub(4.2, x)', 'tg.div(1, x)', 'tg.pow(2, x)', 'tg.add(1, x)', 'tg.mul(2, x)', 'x.pow(2)', 'x.div(3)', 'tg.rsub(x, 4.2)'])
      expect(fixture.cases.some((c) => c.js === form), form).toBe(true);
  });

  for (const c of fixture.cases) {
    it(`${c.id}  (PyTorch: ${c.py})`, () => {
      const x = decode(c.x, true), t = decode(c.t, true);
      const out = new Function('tg', 'x', 't', `return ${c.js};`)(tg, x, t) as Tensor;
      same(out, c.out, 'out');
      expect(out.gradFn?.name, 'gradFn.name').toBe(c.node.name);
      const next = out.gradFn!.nextFunctions.map(([n, nr]) => [n === null ? null : n.name, nr]);
      expect(next, 'gradFn.nextFunctions').toEqual(c.node.next);
      out.backward(tg.tensor(c.grad_output, { dtype: out.dtype }));
      same(x.grad, c.grad_x, 'grad of x');
      same(t.grad, c.grad_t, 'grad of t');
    });
  }
});

// Item 5 (in-place writes into copies standing for views) became real views: test/ops/views.test.ts.
