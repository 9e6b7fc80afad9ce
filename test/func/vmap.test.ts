// tg.func.vmap against functorch 1.13 (test/fixtures/func_vmap.json from gen/gen_func_vmap.py): every rule family,
// inDims/outDims variants and nesting, per-example gradients, chunkSize, randomness, errors, and checks that the
// ops with batching rules make batched calls (no loop fallback) while the fallback warns once and is still right.
import { describe, test, expect, afterEach, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import tg, { Tensor } from '../../lib/index.js';
import { fallbackCounts } from '../../lib/func/vmap.js';

const F = tg.nn.functional;
type Enc = { values?: number[]; shape?: number[]; dtype?: string; list?: Enc[]; dict?: Record<string, Enc>; value?: unknown };
interface Case { name: string; args: Enc[]; inDims: unknown; outDims: unknown; out: Enc }
const fx = JSON.parse(readFileSync(new URL('../fixtures/func_vmap.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  perExample: { params: Enc[]; x: Enc; y: Enc; grads: Enc[] };
  errors: Record<string, string>;
};

function dec(e: Enc): unknown {
  if (e.list !== undefined) return e.list.map(dec);
  if (e.dict !== undefined) return Object.fromEntries(Object.entries(e.dict).map(([k, v]) => [k, dec(v)]));
  if (e.values !== undefined) return tg.tensor(e.values, { dtype: e.dtype === 'int64' ? 'int64' : 'float64' }).reshape(e.shape as number[]);
  return e.value;
}

function expectClose(got: unknown, want: Enc, what: string): void {
  if (want.list !== undefined) {
    expect(Array.isArray(got), what).toBe(true);
    want.list.forEach((w, i) => expectClose((got as unknown[])[i], w, `${what}[${i}]`));
    return;
  }
  expect(got, what).toBeInstanceOf(Tensor);
  const t = got as Tensor;
  expect(t.shape, what).toEqual(want.shape);
  const v = Array.from(t.to('float64').contiguous().toTypedArray() as Float64Array);
  (want.values as number[]).forEach((w, i) => expect(Math.abs(v[i] - w), `${what} at ${i}: ${v[i]} vs ${w}`).toBeLessThan(1e-9 * (1 + Math.abs(w))));
}

const T = (x: unknown) => x as Tensor;
/** The same functions as FNS in gen_func_vmap.py. */
const FNS: Record<string, (...a: never[]) => unknown> = {
  exp: (x: Tensor) => x.exp(),
  tanh_sigmoid: (x: Tensor) => x.tanh().add(x.sigmoid()),
  relu_abs_neg: (x: Tensor) => x.relu().sub(x.abs().neg()),
  sqrt_log: (x: Tensor) => x.abs().add(1).sqrt().mul(x.abs().add(1).log()),
  add_bcast: (x: Tensor, y: Tensor) => x.add(y),
  mul_ranks: (x: Tensor, y: Tensor) => x.mul(y),
  sub_scalar_pow: (x: Tensor) => x.sub(2).pow(2).div(3),
  where: (c: Tensor, x: Tensor, y: Tensor) => tg.where(c.gt(0), x, y),
  clamp_t: (x: Tensor, lo: Tensor) => tg.clamp(x, { min: lo }),
  maximum: (x: Tensor, y: Tensor) => tg.maximum(x, y),
  sum_all: (x: Tensor) => x.sum(),
  sum_dim: (x: Tensor) => x.sum(1),
  sum_dims_keep: (x: Tensor) => x.sum([0, 1], true),
  mean_neg_keep: (x: Tensor) => x.mean(-1, { keepdim: true }),
  amax: (x: Tensor) => tg.amax(x, 0),
  prod: (x: Tensor) => x.prod(1),
  var: (x: Tensor) => x.var(1),
  std_all: (x: Tensor) => x.std(),
  logsumexp: (x: Tensor) => x.logsumexp(1),
  argmax_all: (x: Tensor) => x.argmax(),
  argmax_dim: (x: Tensor) => x.argmax(1),
  max_dim: (x: Tensor) => (x.max(1) as { values: Tensor }).values,
  norm: (x: Tensor) => x.norm(),
  view: (x: Tensor) => x.view(-1),
  reshape: (x: Tensor) => x.reshape(2, 6),
  transpose: (x: Tensor) => x.transpose(0, 1).mul(tg.arange(3, { dtype: 'float64' })),
  permute: (x: Tensor) => x.permute(2, 0, 1),
  unsqueeze_squeeze: (x: Tensor) => x.unsqueeze(1).squeeze(),
  expand: (x: Tensor) => x.unsqueeze(0).expand(2, 3, 4),
  narrow: (x: Tensor) => x.narrow(1, 1, 2),
  select: (x: Tensor) => x.select(0, 2),
  index_slices: (x: Tensor) => x.index([tg.slice(1, null), tg.slice(null, null, 2)]),
  cat: (x: Tensor, y: Tensor) => tg.cat([x, y], 0),
  stack: (x: Tensor, y: Tensor) => tg.stack([x, y], 1),
  flatten: (x: Tensor) => x.flatten(),
  t: (x: Tensor) => x.t(),
  mv: (m: Tensor, v: Tensor) => m.mv(v),
  matmul_both: (a: Tensor, b: Tensor) => a.matmul(b),
  mm_left: (a: Tensor, b: Tensor) => a.mm(b),
  dot: (a: Tensor, b: Tensor) => a.dot(b),
  bmm: (a: Tensor, b: Tensor) => a.bmm(b),
  linear: (x: Tensor, w: Tensor, b: Tensor) => F.linear(x, w, b),
  linear_w: (x: Tensor, w: Tensor, b: Tensor) => F.linear(x, w, b),
  outer: (a: Tensor, b: Tensor) => tg.outer(a, b),
  softmax: (x: Tensor) => x.softmax(1),
  log_softmax: (x: Tensor) => F.logSoftmax(x, 0),
  layer_norm: (x: Tensor, w: Tensor, b: Tensor) => F.layerNorm(x, [4], w, b),
  conv2d: (x: Tensor, w: Tensor, b: Tensor) => F.conv2d(x, w, b, { padding: 1 }),
  conv2d_w: (x: Tensor, w: Tensor, b: Tensor) => F.conv2d(x, w, b, { stride: 2 }),
  gather: (x: Tensor, i: Tensor) => x.gather(1, i),
  index_select: (x: Tensor, i: Tensor) => x.indexSelect(0, i),
  cross_entropy: (x: Tensor, t: Tensor) => F.crossEntropy(x, t),
  cross_entropy_1d: (x: Tensor, t: Tensor) => F.crossEntropy(x, t),
  mse_loss: (x: Tensor, t: Tensor) => F.mseLoss(x, t),
  in_dim_1: (x: Tensor, y: Tensor) => x.mul(y),
  nested_args: (xs: Tensor[], s: number) => xs[0].mul(xs[1]).add(s),
  dict_args: (d: { a: Tensor; b: Tensor }) => d.a.sub(d.b),
  out_tuple: (x: Tensor) => [x.sum(0), x.mul(2)],
  nested_vmap: (x: Tensor, y: Tensor) => tg.vmap((a: Tensor, b: Tensor) => a.dot(b), { inDims: [0, 0] })(x, y),
  unbatched_out: (x: Tensor, y: Tensor) => [x.sum(), y.mul(2)],
};

afterEach(() => fallbackCounts.clear());

describe('vmap matches functorch 1.13', () => {
  for (const c of fx.cases) {
    test(c.name, () => {
      const fn = FNS[c.name] as (...a: unknown[]) => unknown;
      expect(fn, `no TS twin for ${c.name}`).toBeTypeOf('function');
      const args = c.args.map(dec);
      const out = tg.func.vmap(fn, { inDims: c.inDims as never, outDims: c.outDims as never })(...args);
      expectClose(out, c.out, c.name);
      // Every op these functions use has a batching rule: nothing ran the per-example loop.
      expect([...fallbackCounts.keys()], `${c.name} used the loop fallback`).toEqual([]);
    });
  }
});

describe('per-example gradients', () => {
  const params = fx.perExample.params.map((p) => T(dec(p)));
  const xs = T(dec(fx.perExample.x)), ys = T(dec(fx.perExample.y));
  const loss = (ps: Tensor[], x: Tensor, y: Tensor) => {
    const [w1, c1, w2, c2] = ps;
    const h = F.linear(x, w1, c1).tanh();
    return F.crossEntropy(F.linear(h, w2, c2).unsqueeze(0), y.unsqueeze(0));
  };
  const gradOf = (ps: Tensor[], x: Tensor, y: Tensor) => tg.autograd.grad(loss(ps, x, y), ps, { createGraph: true }) as Tensor[];

  test('vmap over tg.autograd.grad with inDims [null, 0, 0] matches functorch vmap(grad) and a loop', () => {
    const ps = params.map((p) => p.detach().requiresGrad_());
    const g = tg.vmap(gradOf, { inDims: [null, 0, 0] })(ps, xs, ys);
    fx.perExample.grads.forEach((w, i) => expectClose(g[i], w, `grad ${i}`));
    const n = xs.shape[0];
    for (let e = 0; e < n; e++) {
      const ref = gradOf(ps, xs.select(0, e), ys.select(0, e));
      ref.forEach((r, i) => expect(g[i].select(0, e).sub(r).abs().max().item()).toBeLessThan(1e-12));
    }
    expect([...fallbackCounts.keys()]).toEqual([]);
  });

  test('createGraph: the per-example gradients are differentiable with respect to the params', () => {
    const ps = params.map((p) => p.detach().requiresGrad_());
    const g = tg.vmap(gradOf, { inDims: [null, 0, 0] })(ps, xs, ys);
    const [h] = tg.autograd.grad(g[3].pow(2).sum(), [ps[3]]) as Tensor[];
    // Reference: sum over examples of d/dc2 ||grad_e(c2)||^2, each example on its own.
    let ref = tg.zerosLike(ps[3]);
    for (let e = 0; e < xs.shape[0]; e++) {
      const ge = gradOf(ps, xs.select(0, e), ys.select(0, e));
      ref = ref.add((tg.autograd.grad(ge[3].pow(2).sum(), [ps[3]]) as Tensor[])[0]);
    }
    expect(h.sub(ref).abs().max().item()).toBeLessThan(1e-12);
  });

  test('params that do not require grad: grad inside vmap with respect to a batched leaf made in the function', () => {
    // The func.grad pattern (detach, requiresGrad_ inside the transformed function) composes with vmap.
    const inner = (ps: Tensor[], x: Tensor, y: Tensor) => {
      const leaves = ps.map((p) => p.detach().requiresGrad_());
      return tg.autograd.grad(loss(leaves, x, y), leaves) as Tensor[];
    };
    const ps = params.map((p) => p.detach());
    const g = tg.vmap(inner, { inDims: [0, 0, 0] })(ps.map((p) => p.unsqueeze(0).expand([xs.shape[0], ...p.shape])), xs, ys);
    fx.perExample.grads.forEach((w, i) => expectClose(g[i], w, `grad ${i}`));
  });

  test('an unbatched input of autograd.grad under vmap: one backward per example, warned, still right', () => {
    const w = params[3].detach().requiresGrad_();
    const f = (x: Tensor) => (tg.autograd.grad(x.mul(w).sum(), [w]) as Tensor[])[0];
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const x = tg.randn(4, 3, { dtype: 'float64' });
    // w is closed over (not passed through vmap): grad with respect to it runs the loop.
    const g = tg.vmap(f)(x);
    expect(g.sub(x).abs().max().item()).toBe(0);
    expect(fallbackCounts.get('autograd.grad (an input not batched by vmap)')).toBe(1);
    spy.mockRestore();
  });

  test('backward around a vmapped function reaches the leaves', () => {
    const w = tg.randn(3, { dtype: 'float64', requiresGrad: true });
    const x = tg.randn(4, 3, { dtype: 'float64' });
    tg.vmap((xi: Tensor, wi: Tensor) => xi.mul(wi).sum(), { inDims: [0, null] })(x, w).sum().backward();
    expect(T(w.grad).sub(x.sum(0)).abs().max().item()).toBeLessThan(1e-12);
  });
});

describe('chunkSize', () => {
  test('chunks give the same values as one batch', () => {
    const x = tg.randn(7, 3, { dtype: 'float64' }), w = tg.randn(3, 2, { dtype: 'float64' });
    const f = (xi: Tensor) => [xi.matmul(w).tanh(), xi.sum()];
    const full = tg.vmap(f)(x), chunked = tg.vmap(f, { chunkSize: 3 })(x);
    expect(chunked[0].shape).toEqual([7, 2]);
    expect(chunked[0].sub(full[0]).abs().max().item()).toBeLessThan(1e-12);
    expect(chunked[1].sub(full[1]).abs().max().item()).toBeLessThan(1e-12);
    expect(() => tg.vmap(f, { chunkSize: 0 })).toThrow('chunk_size should be None or greater than 0');
  });
});

describe('randomness', () => {
  const x = tg.ones(4, 3);
  test("'error' throws functorch's error for a random op", () => {
    expect(() => tg.vmap(() => tg.rand(3))(x)).toThrow(fx.errors.random);
    expect(() => tg.vmap((xi: Tensor) => F.dropout(xi, 0.5))(x)).toThrow(fx.errors.random);
    // Dropout that draws nothing is not random.
    expect(tg.vmap((xi: Tensor) => F.dropout(xi, 0.5, false))(x).shape).toEqual([4, 3]);
  });
  test("'same' shares one draw across the batch; 'different' draws per example", () => {
    const same = tg.vmap((xi: Tensor) => xi.add(tg.rand(3)), { randomness: 'same' })(x);
    for (let i = 1; i < 4; i++) expect(same.select(0, i).equal(same.select(0, 0))).toBe(true);
    const diff = tg.vmap((xi: Tensor) => xi.add(tg.rand(3)), { randomness: 'different' })(x);
    expect(diff.shape).toEqual([4, 3]);
    expect(diff.select(0, 1).equal(diff.select(0, 0))).toBe(false);
    const dsame = tg.vmap((xi: Tensor) => F.dropout(xi, 0.5), { randomness: 'same' })(tg.ones(4, 50));
    for (let i = 1; i < 4; i++) expect(dsame.select(0, i).equal(dsame.select(0, 0))).toBe(true);
    const ddiff = tg.vmap((xi: Tensor) => F.dropout(xi, 0.5), { randomness: 'different' })(tg.ones(4, 50));
    expect(ddiff.select(0, 1).equal(ddiff.select(0, 0))).toBe(false);
    expect(() => tg.vmap((xi: Tensor) => xi, { randomness: 'foo' as never })).toThrow(fx.errors.randomness_value);
  });
});

describe('errors', () => {
  const after = (m: string) => m.slice(m.indexOf(')(<inputs>): ') >= 0 ? m.indexOf(')(<inputs>): ') + 13 : 0);
  const f = (...a: Tensor[]) => a[0];
  test("functorch's messages", () => {
    expect(() => tg.vmap((x: Tensor, y: Tensor) => x.add(y))(tg.ones(2, 3), tg.ones(3, 3))).toThrow(fx.errors.batch_sizes);
    expect(() => tg.vmap(f, { inDims: 2 })(tg.ones(2, 3))).toThrow(after(fx.errors.in_dim_range));
    expect(() => tg.vmap(f, { inDims: 0 })(1 as never)).toThrow(after(fx.errors.in_dim_non_tensor).replace("<class 'int'>", 'number'));
    expect(() => tg.vmap(f, { inDims: null })(tg.ones(2))).toThrow(after(fx.errors.in_dims_none).replace("<class 'NoneType'>", 'null'));
    const one = () => 1;
    expect(() => tg.vmap(one)(tg.ones(2))).toThrow(fx.errors.non_tensor_out.replaceAll('<lambda>', 'one').replace("<class 'int'>", 'number'));
    expect(() => tg.vmap((x: Tensor, y: Tensor) => x.mul_(y), { inDims: [null, 0] })(tg.ones(3), tg.ones(2, 3))).toThrow(fx.errors.inplace);
    expect(() => tg.vmap((x: Tensor) => x.item())(tg.ones(2))).toThrow(fx.errors.item);
  });
  test('an out-of-range dim names the op and the logical shape', () => {
    expect(() => tg.vmap((x: Tensor) => x.sum(2))(tg.ones(2, 3))).toThrow('Tensor.sum: Dimension out of range (expected to be in range of [-1, 0], but got 2)');
  });
});

describe('the loop fallback', () => {
  test('an op without a batching rule runs per example, warns once naming it, and is right', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const x = tg.randn(3, 4, 4, { dtype: 'float64' });
    const f = (m: Tensor) => m.roll(1, 0).det();
    const got = tg.vmap(f)(x);
    const again = tg.vmap(f)(x);
    const want = tg.stack([0, 1, 2].map((i) => f(x.select(0, i))));
    expect(got.sub(want).abs().max().item()).toBeLessThan(1e-12);
    expect(again.equal(got)).toBe(true);
    const msgs = spy.mock.calls.map((c) => String(c[0]));
    expect(msgs.filter((m) => m.includes('batching rule for Tensor.roll')).length).toBe(1);
    expect(msgs[0]).toContain('There is a performance drop because we have not yet implemented the batching rule for');
    spy.mockRestore();
  });
  test('in-place ops on a batched tensor write through to the physical value', () => {
    const x = tg.zeros(3, 2);
    tg.vmap((xi: Tensor, v: Tensor) => xi.add_(v), { inDims: [0, 0] })(x, tg.tensor([[1, 2], [3, 4], [5, 6]]));
    expect(x.tolist()).toEqual([[1, 2], [3, 4], [5, 6]]);
  });
});

describe('nesting and levels', () => {
  test('vmap(vmap(f)) matches a double loop, with inDims on both levels', () => {
    const a = tg.randn(2, 3, 4, { dtype: 'float64' }), b = tg.randn(3, 4, { dtype: 'float64' });
    const inner = tg.vmap((u: Tensor, v: Tensor) => u.mul(v).sum().add(u.softmax(0).max()), { inDims: [0, 0] });
    const got = tg.vmap(inner, { inDims: [0, null] })(a, b);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) {
        const u = a.select(0, i).select(0, j), v = b.select(0, j);
        expect(Math.abs(got.select(0, i).select(0, j).item() - (u.mul(v).sum().item() + T(u.softmax(0).max()).item()))).toBeLessThan(1e-12);
      }
    expect([...fallbackCounts.keys()]).toEqual([]);
  });
  test('a batched tensor that escapes its vmap cannot be used', () => {
    let leaked: Tensor | null = null;
    tg.vmap((x: Tensor) => { leaked = x; return x; })(tg.ones(2, 3));
    expect(() => T(leaked).add(1)).toThrow('vmap');
  });
});

describe('modules and getters under vmap', () => {
  test('an nn.Sequential and x.T inside vmap match the batched call', () => {
    const model = new tg.nn.Sequential(new tg.nn.Linear(4, 3), new tg.nn.ReLU(), new tg.nn.Linear(3, 2));
    const x = tg.randn(5, 4);
    const got = tg.vmap((xi: Tensor) => model.forward(xi.unsqueeze(0)).T.squeeze(1))(x);
    const want = tg.noGrad(() => model.forward(x));
    expect(got.shape).toEqual([5, 2]);
    expect(got.sub(want).abs().max().item()).toBeLessThan(1e-6);
    expect([...fallbackCounts.keys()]).toEqual([]);
  });
});

describe('transforms nest with gradients', () => {
  test('an ensemble of models (outer vmap over W) times per-example gradients (inner vmap) matches a double loop', () => {
    // The inner vmap expands W, which is itself batched by the outer one: the expanded-weight linear must not
    // take that path (it threw "cannot set the grad_fn of a batched tensor").
    const E = 3, B = 4;
    const W = tg.randn(E, 2, 5, { dtype: 'float64' }).requiresGrad_();
    const x = tg.randn(B, 5, { dtype: 'float64' }), y = tg.randn(B, 2, { dtype: 'float64' });
    const g = (w: Tensor, xi: Tensor, yi: Tensor) => (tg.autograd.grad(F.mseLoss(F.linear(xi, w).tanh(), yi), [w]) as Tensor[])[0];
    const out = tg.vmap(tg.vmap(g, { inDims: [null, 0, 0] }), { inDims: [0, null, null] })(W, x, y);
    expect(out.shape).toEqual([E, B, 2, 5]);
    for (let e = 0; e < E; e++)
      for (let i = 0; i < B; i++) {
        const ref = g(W.select(0, e).detach().requiresGrad_(), x.select(0, i), y.select(0, i));
        expect(out.select(0, e).select(0, i).sub(ref).abs().max().item()).toBeLessThan(1e-12);
      }
  });
  test('per-example gradients of a conv2d weight (the batched-weight conv folds the batch into groups)', () => {
    const w = tg.randn(4, 1, 3, 3, { dtype: 'float64' }).requiresGrad_();
    const imgs = tg.randn(5, 1, 6, 6, { dtype: 'float64' });
    const cg = (wi: Tensor, im: Tensor) => (tg.autograd.grad(F.conv2d(im.unsqueeze(0), wi).pow(2).sum(), [wi]) as Tensor[])[0];
    const got = tg.vmap(cg, { inDims: [null, 0] })(w, imgs);
    for (let i = 0; i < 5; i++) expect(got.select(0, i).sub(cg(w, imgs.select(0, i))).abs().max().item()).toBeLessThan(1e-12);
    expect([...fallbackCounts.keys()]).toEqual([]);
  });
});
