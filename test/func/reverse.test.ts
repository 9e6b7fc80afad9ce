// tg.func's reverse-mode transforms (issue 19 item 2) against functorch 1.13: grad, gradAndValue, vjp, jacrev,
// hessian over every op family, argnums / hasAux / pytrees, nesting, the no-grad and leaf semantics, and
// functorch's error messages. Fixtures: test/fixtures/gen/gen_func_reverse.py -> test/fixtures/func_reverse.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

type TJ = { shape: number[]; data: (number | string)[] };
type Tree = TJ | Tree[] | { [k: string]: Tree };
const FIX = JSON.parse(readFileSync(join(__dirname, '../fixtures/func_reverse.json'), 'utf8'));
const F = tg.nn.functional;
const func = tg.func;

const isTJ = (v: unknown): v is TJ => typeof v === 'object' && v !== null && 'shape' in v && 'data' in v;
const num = (v: number | string): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0' ? -0 : (v as number));
const T = (j: TJ): Tensor => tg.tensor(j.data.map(num), { dtype: 'float64' }).reshape(j.shape);
/** A fixture tree of tensors as tensors. */
const dec = (j: Tree): unknown => (isTJ(j) ? T(j) : Array.isArray(j) ? j.map(dec) : Object.fromEntries(Object.entries(j).map(([k, v]) => [k, dec(v as Tree)])));

/** Compares a result tree with a fixture tree: same structure, shapes and values (float64, tight). */
function close(got: unknown, want: Tree, path = 'result', tol = 1e-9): void {
  if (isTJ(want)) {
    expect(got, path).toBeInstanceOf(Tensor);
    const g = got as Tensor;
    expect([path, g.shape]).toEqual([path, want.shape]);
    const a = Array.from(g.contiguous()._data as ArrayLike<number>);
    const b = want.data.map(num);
    const bad = a.findIndex((v, i) => !(Math.abs(v - b[i]) <= tol * (1 + Math.abs(b[i])) || (Number.isNaN(v) && Number.isNaN(b[i]))));
    expect([path, bad, a[bad], b[bad]]).toEqual([path, -1, undefined, undefined]);
    return;
  }
  if (Array.isArray(want)) {
    expect(Array.isArray(got), `${path} is an array`).toBe(true);
    expect((got as unknown[]).length, `${path}.length`).toBe(want.length);
    want.forEach((w, i) => close((got as unknown[])[i], w, `${path}[${i}]`, tol));
    return;
  }
  expect(Object.keys(got as object), `${path} keys`).toEqual(Object.keys(want));
  for (const k of Object.keys(want)) close((got as Record<string, unknown>)[k], (want as Record<string, Tree>)[k], `${path}.${k}`, tol);
}

const IDX = tg.tensor([2, 0, 2], { dtype: 'int64' });
const GIDX = tg.tensor([[0, 2, 1], [1, 1, 0]], { dtype: 'int64' });
const MASK = tg.tensor([[true, false, true], [false, true, true]]);
type Fn = (...a: Tensor[]) => Tensor;
// The JS twin of OPS in gen_func_reverse.py.
const FNS: Record<string, Fn> = {
  sin: (x) => x.sin(), cos: (x) => x.cos(), tan: (x) => x.tan(), exp: (x) => x.exp(), expm1: (x) => x.expm1(),
  log: (x) => x.log(), log1p: (x) => x.log1p(), sqrt: (x) => x.sqrt(), rsqrt: (x) => x.rsqrt(),
  reciprocal: (x) => x.reciprocal(), square: (x) => x.square(), powScalar: (x) => x.pow(3), abs: (x) => x.abs(),
  neg: (x) => x.neg(), asin: (x) => x.asin(), atan: (x) => x.atan(), sinh: (x) => x.sinh(), cosh: (x) => x.cosh(),
  tanh: (x) => x.tanh(), sigmoid: (x) => x.sigmoid(), erf: (x) => x.erf(), relu: (x) => x.relu(),
  gelu: (x) => F.gelu(x), silu: (x) => F.silu(x), elu: (x) => F.elu(x), softplus: (x) => F.softplus(x),
  leakyRelu: (x) => F.leakyRelu(x, 0.1), clamp: (x) => x.clamp(-0.5, 0.5), floor: (x) => x.floor(), sign: (x) => x.sign(),
  logSigmoid: (x) => F.logsigmoid(x),
  add: (x, y) => x.add(y), sub: (x, y) => x.sub(y), mul: (x, y) => x.mul(y), div: (x, y) => x.div(y),
  pow: (x, y) => x.pow(y), atan2: (x, y) => tg.atan2(x, y), maximum: (x, y) => tg.maximum(x, y),
  where: (x, y) => tg.where(MASK, x, y), minimum: (x, y) => tg.minimum(x, y), remainder: (x) => x.remainder(0.7),
  lerp: (a, b, w) => a.lerp(b, w), addcmul: (a, b, c) => a.addcmul(b, c, 0.5),
  sum: (x) => x.sum(1), mean: (x) => x.mean(0, true), prod: (x) => x.prod(1), amax: (x) => x.amax(1),
  norm: (x) => x.norm(), logsumexp: (x) => x.logsumexp(1), var: (x) => x.var(1), cumsum: (x) => x.cumsum(1),
  std: (x) => x.std(0), maxDim: (x) => x.max(1).values,
  matmul: (a, b) => a.matmul(b), mv: (a, b) => tg.mv(a, b), bmm: (a, b) => tg.bmm(a, b),
  linear: (x, w, b) => F.linear(x, w, b), conv2d: (x, w, b) => F.conv2d(x, w, b, { padding: 1 }),
  softmax: (x) => tg.softmax(x, 1), logSoftmax: (x) => tg.logSoftmax(x, 1),
  layerNorm: (x, w, b) => F.layerNorm(x, [3], w, b),
  indexSelect: (x) => x.indexSelect(1, IDX), gather: (x) => x.gather(1, GIDX), advancedIndex: (x) => x.index(IDX),
  slice: (x) => x.index([tg.slice(), tg.slice(1)]), transposeReshape: (x) => x.t().reshape(6),
  maskedFill: (x) => x.maskedFill(MASK, 0), cat: (x, y) => tg.cat([x, y], 0), embedding: (w) => F.embedding(IDX, w),
  mseLoss: (x, y) => F.mseLoss(x, y), crossEntropy: (x) => F.crossEntropy(x, tg.tensor([2, 0], { dtype: 'int64' })),
};
const scalarOf = (f: Fn, C: Tensor) => (...a: Tensor[]) => f(...a).mul(C).sum();

describe('tg.func reverse transforms over the op families (functorch 1.13 fixtures)', () => {
  it('the JS table covers exactly the fixture ops', () => {
    expect(Object.keys(FNS).sort()).toEqual(FIX.ops.map((c: { name: string }) => c.name).sort());
  });
  for (const c of FIX.ops) {
    it(c.name, () => {
      const f = FNS[c.name];
      const args = c.args.map(T);
      const n = args.length;
      const all = Array.from({ length: n }, (_, i) => i);
      const C = T(c.C);
      close(func.jacrev(f, all)(...args), c.jacrev, 'jacrev');
      const [out, vjpFn] = func.vjp(f, ...args) as [Tensor, (ct: Tensor) => Tensor[]];
      close(out, c.out, 'vjp output');
      close(vjpFn(T(c.cotangent)), c.vjp, 'vjp');
      const [g, v] = func.gradAndValue(scalarOf(f, C), all)(...args) as [Tensor[], Tensor];
      close(g, c.grad, 'gradAndValue grad');
      close(v, c.value, 'gradAndValue value');
      close(func.grad(scalarOf(f, C), all)(...args), c.grad, 'grad');
      if (c.hessian) close(func.hessian(scalarOf(f, C))(...args), c.hessian, 'hessian', 1e-8);
      // The caller's tensors stay as they were: no .grad, no graph.
      for (const a of args) expect([a.requiresGrad, a.grad]).toEqual([false, null]);
    });
  }
});

describe('tg.func: argnums, hasAux, pytrees, nesting', () => {
  const tr = FIX.transforms;
  const x = T(tr.x), y = T(tr.y), z = T(tr.z), s = T(tr.s);
  const f2 = (a: Tensor, b: Tensor) => a.sin().mul(b.pow(2)).sum();

  it('argnums: an index, a negative index, an array (then an array of grads in its order)', () => {
    close(func.grad(f2, 1)(x, y), tr.gradArgnum1);
    close(func.grad(f2, { argnums: -2 })(x, y), tr.gradArgnumNeg);
    close(func.grad(f2, [1, 0])(x, y), tr.gradArgnums);
    close(func.gradAndValue(f2, [0, 1])(x, y), tr.gradAndValue);
  });

  it('hasAux: [grad, aux] and [grad, [value, aux]], aux a pytree passed through', () => {
    close(func.grad((a: Tensor) => [a.exp().sum(), { e: a.exp(), l: [a.cos()] }], { hasAux: true })(x), tr.gradAux);
    close(func.gradAndValue((a: Tensor) => [a.exp().sum(), a.cos()], 0, true)(x), tr.gradAndValueAux);
    // Non-tensor aux leaves come back as they are (torch.func 2.x; functorch 1.13 rejects them).
    const [g, aux] = func.grad((a: Tensor) => [a.sum(), { n: 3, s: 'x', t: a.mul(2) }], 0, true)(x) as [Tensor, { n: number; s: string; t: Tensor }];
    expect([aux.n, aux.s, aux.t.requiresGrad, g.requiresGrad]).toEqual([3, 'x', false, false]);
  });

  it('an input f does not use gets zeros, as does a constant output', () => {
    close(func.grad((a: Tensor, b: Tensor) => a.sum().mul(2), [0, 1])(x, y), tr.gradUnused);
    close(func.grad(() => tg.ones([], { dtype: 'float64' }))(x), tr.gradConstant);
  });

  it('pytree inputs and outputs (arrays and plain objects of tensors)', () => {
    close(func.grad((p: { w: Tensor; b: Tensor[] }) => p.w.mul(p.b[0]).sum().add(p.b[1].pow(3).sum()))({ w: x, b: [y, z] }), tr.gradPytree);
    const [, vjpFn] = func.vjp((p: Tensor[]) => ({ a: p[0].mul(p[1]), b: [p[0].exp()] }), [x, y]) as [unknown, (c: unknown) => unknown];
    close(vjpFn({ a: y, b: [x] }), tr.vjpPytree);
    close(func.vjp((a: Tensor) => [a.sin(), a.cos()], x, { hasAux: true })[2], tr.vjpAux);
    close((func.vjp((a: Tensor, b: Tensor) => a.mul(b.exp()), x, y)[1] as (c: Tensor) => Tensor[])(y), tr.vjpTwo);
    close(func.jacrev((a: Tensor, b: Tensor) => [a.mul(b), tg.outer(a, b).sum(0), a.sum()], [0, 1])(x, y), tr.jacrevMultiOut);
    close(func.jacrev((a: Tensor) => ({ sq: a.pow(2), m: z.matmul(a) }))(x), tr.jacrevDictOut);
    close(func.jacrev((a: Tensor) => tg.stack([a.sin(), a.cos(), a.mul(a)]))(s), tr.jacrevScalarIn);
    close(func.jacrev((a: Tensor) => [a.exp(), a.sum()], { hasAux: true })(x), tr.jacrevAux);
    close(func.jacrev((p: { u: Tensor; v: Tensor }) => p.u.mul(p.v.sum()))({ u: x, v: z }), tr.jacrevPytreeIn);
  });

  it('jacrev runs f once and differentiates its one recorded graph for every row', () => {
    let calls = 0;
    const J = func.jacrev((a: Tensor) => (calls++, a.exp()))(x) as Tensor;
    expect([calls, J.shape]).toEqual([1, [3, 3]]);
    // hessian = jacrev(jacrev(f)): f still runs once.
    calls = 0;
    func.hessian((a: Tensor) => (calls++, a.exp().sum()))(x);
    expect(calls).toBe(1);
  });

  it('jacrev chunkSize gives the same Jacobian in chunks', () => {
    const f = (a: Tensor) => ({ sq: a.pow(2), m: z.matmul(a) });
    for (const chunkSize of [1, 2, 5]) close(func.jacrev(f, { chunkSize })(x), tr.jacrevDictOut, `chunkSize ${chunkSize}`);
    expect(() => func.jacrev(f, 0, false, 0)).toThrow(/jacrev: `chunkSize` should be greater than 0/);
  });

  it('nesting: grad of grad (of grad), jacrev of jacrev, hessian (with argnums)', () => {
    close(func.grad(func.grad((a: Tensor) => a.sin().mul(a.pow(3))))(s), tr.gradgrad);
    close(func.grad(func.grad(func.grad((a: Tensor) => a.exp().mul(a.sin()))))(s), tr.gradgradgrad);
    close(func.jacrev(func.jacrev((a: Tensor) => a.sin().mul(a.sum())))(x), tr.jacrevjacrev);
    close(func.hessian((a: Tensor) => a.pow(3).mul(a.sum()).sum())(x), tr.hessian);
    close(func.hessian((a: Tensor, b: Tensor) => a.pow(2).mul(b.exp()).sum(), [0, 1])(x, y), tr.hessianArgnums);
  });

  it('nesting across transforms and closures over the outer input', () => {
    // The inner grad differentiates with respect to its own input only, while its result stays a function of
    // the outer input (no perturbation confusion).
    close(func.grad((a: Tensor) => func.grad((b: Tensor) => a.mul(b.sin()).sum())(y).mul(a).sum())(x), tr.gradOfGradClosure);
    close(func.grad((a: Tensor) => func.jacrev((b: Tensor) => b.pow(2).mul(a))(y).pow(2).sum())(x), tr.gradOfJacrev);
    close(func.jacrev((a: Tensor) => (func.vjp((b: Tensor) => b.sin().mul(a), y)[1] as (c: Tensor) => Tensor[])(a)[0])(x), tr.jacrevOfVjp);
  });

  it("the caller's leaf gets no .grad; the result stays differentiable by the caller's graph (functorch)", () => {
    const xr = x.clone().requiresGrad_(true);
    const g = func.grad((a: Tensor) => a.pow(3).sum())(xr) as Tensor;
    expect([g.requiresGrad, xr.grad === null]).toEqual([tr.topLevel.requiresGrad, tr.topLevel.leafGradNone]);
    close(tg.autograd.grad(g.sum(), [xr])[0], tr.topLevel.outerGrad);
    expect(xr.grad).toBe(null);
  });

  it('inside tg.noGrad the transforms still differentiate, and their results do not require grad', () => {
    const xr = x.clone().requiresGrad_(true);
    const g = tg.noGrad(() => func.grad((a: Tensor) => a.pow(3).sum())(xr)) as Tensor;
    const j = tg.noGrad(() => func.jacrev((a: Tensor) => a.pow(3))(xr)) as Tensor;
    close(g, tr.noGrad.grad);
    expect([g.requiresGrad, j.requiresGrad]).toEqual([tr.noGrad.requiresGrad, tr.noGrad.jacRequiresGrad]);
    // f's own noGrad is respected.
    close(func.grad((a: Tensor) => a.sub(tg.noGrad(() => a.pow(2))).sum())(x), tr.innerNoGrad);
  });

  it("an inner transform's graph does not leak into results that do not need it", () => {
    // Nothing outside requires grad: the results are plain tensors.
    const [g, v] = func.gradAndValue((a: Tensor) => a.sin().sum())(x) as [Tensor, Tensor];
    const [out, vjpFn] = func.vjp((a: Tensor) => a.exp(), x) as [Tensor, (c: Tensor) => Tensor[]];
    const j = func.jacrev((a: Tensor) => a.exp())(x) as Tensor;
    expect([g.requiresGrad, v.requiresGrad, out.requiresGrad, vjpFn(y)[0].requiresGrad, j.requiresGrad]).toEqual([false, false, false, false, false]);
    // A nested grad's result depends on the outer transform's input only, not on the inner one's leaf: its
    // graph reaches the outer input through an alias node.
    let inner: Tensor | null = null;
    func.grad((a: Tensor) => {
      inner = func.grad((b: Tensor) => b.pow(3).sum())(a) as Tensor;
      return inner.sum();
    })(x);
    const leaves = new Set<unknown>();
    const walk = (n: { name: string; nextFunctions: [unknown, number][]; variable?: unknown } | null): void => {
      if (n === null) return;
      if (n.name === 'torch::autograd::AccumulateGrad') leaves.add(n.variable);
      for (const [c] of n.nextFunctions) walk(c as typeof n);
    };
    walk((inner as unknown as Tensor).gradFn as never);
    // One leaf: the outer transform's fresh input (not the caller's x, which stays without graph or grad).
    expect(leaves.size).toBe(1);
    expect([...leaves][0]).not.toBe(x);
    expect([x.requiresGrad, x.grad]).toEqual([false, null]);
  });
});

describe('tg.func errors (functorch 1.13 messages)', () => {
  const E = FIX.errors as Record<string, { message: string }>;
  const x = T(FIX.transforms.x), y = T(FIX.transforms.y), z = T(FIX.transforms.z);
  const f2 = (a: Tensor, b: Tensor) => a.sin().mul(b.pow(2)).sum();
  /** functorch's message without its transform prefix, in JS notation (shapes, dtypes, tuples, camelCase). */
  const py = (k: string): string => E[k].message
    .replace(/^(grad_and_value\(f\)\(\*args\)|vjp\(f, \*primals\)|vjp\(f, \.\.\.\)): /, '')
    .replace(/torch\.Size\(\[([^\]]*)\]\)/g, '[$1]').replace(/torch\.(int64|float64)/g, '$1')
    .replace(/\((\d+), (\d+)\)$/, '[$1, $2]').replace(/ <class '[a-z]+'>$/, '')
    .replace(/\(\*, \*\)/, '[*, *]');
  const cases: [string, () => unknown, ErrorConstructor][] = [
    ['gradNonScalar', () => func.grad((a: Tensor) => a.mul(2))(x), RangeError],
    ['gradNotTensor', () => func.grad(() => 3)(x), TypeError],
    ['gradAuxNotPair', () => func.grad((a: Tensor) => a.sum(), 0, true)(x), TypeError],
    ['gradAuxTriple', () => func.grad((a: Tensor) => [a.sum(), a, a], 0, true)(x), TypeError],
    ['argnumOutOfRange', () => func.grad(f2, 2)(x, y), RangeError],
    ['argnumNegOutOfRange', () => func.grad(f2, -3)(x, y), RangeError],
    ['argnumsEmpty', () => func.grad(f2, [])(x, y), RangeError],
    ['argnumsDuplicate', () => func.grad(f2, [0, 0])(x, y), RangeError],
    ['argnumsFloat', () => func.grad(f2, 1.5), TypeError],
    ['notTensorInput', () => func.grad((a: Tensor) => a)(3), TypeError],
    ['vjpAuxNotPair', () => func.vjp((a: Tensor) => a.sin(), x, { hasAux: true }), TypeError],
    ['vjpNotTensorOut', () => func.vjp((a: Tensor) => [a, 3], x), TypeError],
    ['vjpIntOut', () => func.vjp((a: Tensor) => a.to('int64'), x), TypeError],
    ['vjpEmptyOut', () => func.vjp(() => [], x), TypeError],
    ['vjpCotangentStructure', () => (func.vjp((a: Tensor) => [a, a], x)[1] as (c: Tensor) => unknown)(x), TypeError],
    ['vjpCotangentShape', () => (func.vjp((a: Tensor) => a, x)[1] as (c: Tensor) => unknown)(z), RangeError],
    ['jacrevArgnum', () => func.jacrev((a: Tensor) => a, 1)(x), RangeError],
    ['jacrevAuxNotPair', () => func.jacrev((a: Tensor) => a, { hasAux: true })(x), TypeError],
    ['intInput', () => func.grad((a: Tensor) => a.sum())(tg.tensor([1, 2], { dtype: 'int64' })), TypeError],
  ];
  it('every fixture error has a case', () => expect(cases.map(([k]) => k).sort()).toEqual(Object.keys(E).sort()));
  for (const [k, thunk, type] of cases) {
    it(k, () => {
      let caught: unknown = null;
      try {
        thunk();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(type);
      const msg = (caught as Error).message;
      expect(msg).toMatch(/^(grad|gradAndValue|vjp|jacrev): /);
      expect(msg.replace('hasAux is true', 'has_aux is True')).toContain(py(k));
    });
  }
  it('bad transform arguments', () => {
    expect(() => func.grad(3 as never)).toThrow(/^grad: expected a function to transform, got number 3/);
    expect(() => func.jacrev((a: Tensor) => a, { hasAux: 1 as never })).toThrow(/jacrev: hasAux must be a boolean/);
    expect(() => func.grad((a: Tensor) => a, { argnum: 0 } as never)).toThrow(/unexpected keyword argument 'argnum'/);
  });
});
