// Forward-mode AD (tg.autograd.forwardAd) and the forward transforms (tg.func.jvp, jacfwd, linearize) against
// PyTorch 1.13: torch.autograd.forward_ad primal and tangent values over a representative op set, functorch's
// jvp and jacfwd, and a Hessian-vector product by forward-over-reverse (test/fixtures/gen/gen_func_forward.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const F = tg.nn.functional;
const fwAd = tg.autograd.forwardAd;

interface Enc {
  shape: number[];
  data: (number | boolean)[];
}
const FIX = JSON.parse(readFileSync(join(__dirname, '../fixtures/func_forward.json'), 'utf8'));
const dec = (e: Enc, dtype: 'float64' | 'int64' | 'bool' = 'float64'): Tensor => tg.tensor(e.data as number[], { dtype }).reshape(e.shape);

function close(got: Tensor | null, want: Enc, what: string, tol = 1e-10): void {
  expect(got, what).not.toBeNull();
  expect(got!.shape, `${what} shape`).toEqual(want.shape);
  const g = Array.from(got!.contiguous().toTypedArray() as Float64Array);
  const w = want.data as number[];
  for (let i = 0; i < w.length; i++) expect(Math.abs(g[i] - w[i]), `${what}[${i}]: ${g[i]} vs ${w[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(w[i])));
}

type Fn = (...xs: Tensor[]) => Tensor;
const OPS: Record<string, Fn> = {
  exp: (x) => tg.exp(x),
  log: (x) => tg.log(x),
  sqrt: (x) => tg.sqrt(x),
  sin: (x) => tg.sin(x),
  tanh: (x) => tg.tanh(x),
  sigmoid: (x) => tg.sigmoid(x),
  relu: (x) => tg.relu(x),
  abs: (x) => tg.abs(x),
  erf: (x) => tg.erf(x),
  atan: (x) => tg.atan(x),
  log1p: (x) => tg.log1p(x),
  gelu: (x) => F.gelu(x),
  silu: (x) => F.silu(x),
  softplus: (x) => F.softplus(x),
  elu: (x) => F.elu(x),
  leakyRelu: (x) => F.leakyRelu(x, 0.1),
  add: (a, b) => tg.add(a, b, { alpha: 2 }),
  sub: (a, b) => tg.sub(a, b),
  mul: (a, b) => tg.mul(a, b),
  div: (a, b) => tg.div(a, b),
  pow: (a, b) => tg.pow(a, b),
  powScalar: (x) => x.pow(2.5),
  maximum: (a, b) => tg.maximum(a, b),
  atan2: (a, b) => tg.atan2(a, b),
  hypot: (a, b) => tg.hypot(a, b),
  clamp: (x) => tg.clamp(x, -0.5, 0.5),
  where: (a, b, c) => tg.where(c, a, b),
  lerp: (a, b) => tg.lerp(a, b, 0.3),
  addcmul: (a, b, c) => tg.addcmul(a, b, c, { value: 0.5 }),
  sum: (x) => x.sum(1),
  mean: (x) => x.mean(),
  prod: (x) => x.prod(0),
  maxDim: (x) => x.max(1).values,
  amax: (x) => x.amax(0),
  logsumexp: (x) => x.logsumexp(1),
  var: (x) => x.var(1),
  std: (x) => x.std(),
  norm: (x) => x.norm(),
  cumsum: (x) => x.cumsum(0),
  sort: (x) => x.sort().values,
  topk: (x) => x.topk(2).values,
  matmul: (a, b) => tg.matmul(a, b),
  mm: (a, b) => tg.mm(a, b),
  bmm: (a, b) => tg.bmm(a, b),
  mv: (a, b) => tg.mv(a, b),
  dot: (a, b) => tg.dot(a, b),
  linear: (x, w, b) => F.linear(x, w, b),
  conv2d: (x, w, b) => F.conv2d(x, w, b, { padding: 1 }),
  softmax: (x) => tg.softmax(x, 1),
  logSoftmax: (x) => tg.logSoftmax(x, 1),
  layerNorm: (x, w, b) => F.layerNorm(x, [4], w, b),
  batchNorm: (x, w, b) => F.batchNorm(x, null, null, w, b, { training: true }),
  gather: (x, i) => tg.gather(x, 1, i),
  indexSelect: (x, i) => tg.indexSelect(x, 0, i),
  advancedIndex: (x, i) => x.index([i, tg.slice(1)]),
  maskedSelect: (x, m) => x.index(m),
  scatterAdd: (x, s, i) => x.scatterAdd(0, i, s),
  transposeReshape: (x) => x.t().reshape([6]),
  cat: (a, b) => tg.cat([a, b], 0),
  narrowExpand: (x) => x.narrow(0, 1, 2).unsqueeze(0).expand([2, 2, 2]),
  inv: (a) => tg.linalg.inv(a),
  det: (a) => tg.linalg.det(a),
  solve: (a, b) => tg.linalg.solve(a, b),
  cholesky: (a) => tg.linalg.cholesky(a),
  eighValues: (a) => tg.linalg.eigh(a).eigenvalues,
  mseLoss: (a, b) => F.mseLoss(a, b),
  crossEntropy: (x, t) => F.crossEntropy(x, t),
  bceWithLogits: (a, b) => F.binaryCrossEntropyWithLogits(a, b),
};

describe('forward AD against torch.autograd.forward_ad', () => {
  it('has a tg function for every fixture case', () => {
    expect(FIX.cases.map((c: { id: string }) => c.id).filter((id: string) => !(id in OPS))).toEqual([]);
  });
  for (const c of FIX.cases as { id: string; inputs: Enc[]; tangents: Enc[]; consts: Enc[]; constDtypes: ('int64' | 'bool')[]; primal: Enc; tangent: Enc }[]) {
    it(`${c.id}: primal and tangent`, () => {
      const consts = c.consts.map((e, i) => dec(e, c.constDtypes[i]));
      const { primal, tangent } = fwAd.dualLevel(() => {
        const duals = c.inputs.map((x, i) => fwAd.makeDual(dec(x), dec(c.tangents[i])));
        return fwAd.unpackDual(OPS[c.id](...duals, ...consts));
      });
      close(primal, c.primal, 'primal');
      close(tangent, c.tangent, 'tangent', 1e-9);
    });
  }
});

describe('forwardAd API', () => {
  const x = () => tg.tensor([0.5, -1, 2], { dtype: 'float64' });
  it('makeDual and unpackDual: the tangent rides along; none outside the level or on a plain tensor', () => {
    const [y, t, plain] = fwAd.dualLevel(() => {
      const d = fwAd.makeDual(x(), tg.ones([3], { dtype: 'float64' }));
      const y = d.mul(d).add(1);
      return [y, fwAd.unpackDual(y).tangent, fwAd.unpackDual(x()).tangent];
    });
    expect(t!.tolist()).toEqual([1, -2, 4]);
    expect(plain).toBeNull();
    expect(fwAd.unpackDual(y).tangent).toBeNull(); // dropped when the level exited
    expect(y.tolist()).toEqual([1.25, 2, 5]);
  });
  it("PyTorch's errors: no level, nesting, shape, non-float, an existing tangent", () => {
    expect(() => fwAd.makeDual(x(), x())).toThrow('Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() first.');
    expect(() => fwAd.exitDualLevel()).toThrow('Dual level must be a positive number.');
    fwAd.dualLevel(() => {
      expect(() => fwAd.enterDualLevel()).toThrow('Nested forward mode AD is not supported at the moment');
      expect(() => fwAd.makeDual(x(), tg.ones([4], { dtype: 'float64' }))).toThrow(
        'Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. Tensor is of size [3] while the given forward gradient is of size [4].',
      );
      expect(() => fwAd.makeDual(tg.tensor([1, 2], { dtype: 'int64' }), tg.ones([2]))).toThrow('Expected primal to be floating point or complex, but got: int64');
      expect(() => fwAd.makeDual(x(), tg.tensor([1, 2, 3], { dtype: 'int64' }))).toThrow('Expected tangent to be floating point or complex, but got: int64');
      const d = fwAd.makeDual(x(), x());
      expect(() => fwAd.makeDual(d, x())).toThrow('Making a dual Tensor based on a Tensor that already has a forward gradient at the same level 0 is not supported.');
    });
    // the level was closed although fn threw inside dualLevel
    expect(() => fwAd.dualLevel(() => { throw new Error('boom'); })).toThrow('boom');
    expect(fwAd.enterDualLevel()).toBe(0);
    fwAd.exitDualLevel();
  });
  it('tangents flow under noGrad too (forward AD does not depend on grad mode), as in PyTorch', () => {
    const t = fwAd.dualLevel(() => tg.noGrad(() => fwAd.unpackDual(fwAd.makeDual(x(), tg.ones([3], { dtype: 'float64' })).mul(3)).tangent));
    expect(t!.tolist()).toEqual([3, 3, 3]);
  });
  it('in-place ops update the tangent in place; a view of a dual base shares its tangent (PyTorch values)', () => {
    fwAd.dualLevel(() => {
      const d = fwAd.makeDual(tg.tensor([1, 2, 3], { dtype: 'float64' }), tg.ones([3], { dtype: 'float64' }));
      // e = ones; e *= d: e's tangent is d's tangent times 1 (PyTorch: [1, 1, 1])
      const e = tg.ones([3], { dtype: 'float64' });
      e.mul_(d);
      expect(fwAd.unpackDual(e).tangent!.tolist()).toEqual([1, 1, 1]);
      // v = zeros(4); v[1:].copy_(d): v's tangent is [0, 1, 1, 1] (a zero tangent made for the base)
      const v = tg.zeros([4], { dtype: 'float64' });
      v.narrow(0, 1, 3).copy_(d);
      expect(fwAd.unpackDual(v).tangent!.tolist()).toEqual([0, 1, 1, 1]);
      // a view of a dual tensor: in-place through it reaches the base's tangent
      const base = fwAd.makeDual(tg.zeros([2, 2], { dtype: 'float64' }), tg.zeros([2, 2], { dtype: 'float64' }));
      const row = base.select(0, 1);
      row.add_(d.narrow(0, 0, 2));
      expect(fwAd.unpackDual(base).tangent!.tolist()).toEqual([[0, 0], [1, 1]]);
      // y = x + 1 does not share x's tangent: y.mul_(2) leaves x's alone
      const y = d.add(1);
      y.mul_(2);
      expect(fwAd.unpackDual(d).tangent!.tolist()).toEqual([1, 1, 1]);
      expect(fwAd.unpackDual(y).tangent!.tolist()).toEqual([2, 2, 2]);
      // fill_ zeroes the tangent
      y.fill_(0);
      expect(fwAd.unpackDual(y).tangent!.tolist()).toEqual([0, 0, 0]);
    });
  });
  it("ops PyTorch 1.13 has no forward derivative for throw its error (and only those)", () => {
    fwAd.dualLevel(() => {
      const d = fwAd.makeDual(tg.tensor([0.1, 0.2, 0.3], { dtype: 'float64' }), tg.ones([3], { dtype: 'float64' }));
      expect(() => d.logcumsumexp(0)).toThrow('Trying to use forward AD with logcumsumexp that does not support it because it has not been implemented yet.');
      const a = fwAd.makeDual(tg.ones([3, 2], { dtype: 'float64' }), tg.ones([3, 2], { dtype: 'float64' }));
      expect(() => tg.cdist(a, tg.zeros([2, 2], { dtype: 'float64' }))).toThrow('Trying to use forward AD with _cdist_forward');
    });
  });
  it('a custom autograd.Function needs a static jvp for dual inputs (PyTorch\'s error), and uses it', () => {
    class Twice extends tg.autograd.Function {
      static forward(_ctx: unknown, x: Tensor) { return x.mul(2); }
      static backward(_ctx: unknown, g: Tensor) { return g.mul(2); }
    }
    class Straight extends Twice {
      // a straight-through rule: the tangent passes unchanged whatever forward computes
      static jvp(_ctx: unknown, t: Tensor) { return t.clone(); }
    }
    fwAd.dualLevel(() => {
      const d = fwAd.makeDual(tg.tensor([1, 2], { dtype: 'float64' }), tg.tensor([1, -1], { dtype: 'float64' }));
      expect(() => Twice.apply(d)).toThrow('You must implement the jvp function for custom autograd.Function to use it with forward mode AD.');
      const y = Straight.apply(d) as Tensor;
      expect(y.tolist()).toEqual([2, 4]);
      expect(fwAd.unpackDual(y).tangent!.tolist()).toEqual([1, -1]);
    });
  });
  it('reverse over forward: the tangent is differentiable (also through a transposed row)', () => {
    // d/dx of sum(J(x) v) for f = prod (a 'transpose' row) and f = softmax (an explicit formula), against
    // finite differences of the forward tangent.
    for (const f of [(t: Tensor) => t.prod(), (t: Tensor) => tg.softmax(t, 0).mul(tg.tensor([1, 2, 3], { dtype: 'float64' })).sum()]) {
      const v = tg.tensor([0.3, -0.7, 1.1], { dtype: 'float64' });
      const jv = (xs: number[]): Tensor => {
        const x = tg.tensor(xs, { dtype: 'float64', requiresGrad: true });
        return fwAd.dualLevel(() => fwAd.unpackDual(f(fwAd.makeDual(x, v))).tangent!);
      };
      const x0 = [0.5, 1.5, -0.8];
      const x = tg.tensor(x0, { dtype: 'float64', requiresGrad: true });
      const t = fwAd.dualLevel(() => fwAd.unpackDual(f(fwAd.makeDual(x, v))).tangent!);
      expect(t.requiresGrad).toBe(true);
      const [g] = tg.autograd.grad(t.sum(), [x]);
      const eps = 1e-6;
      x0.forEach((_, i) => {
        const up = x0.slice(), dn = x0.slice();
        up[i] += eps;
        dn[i] -= eps;
        const fd = ((jv(up).sum().item() as number) - (jv(dn).sum().item() as number)) / (2 * eps);
        expect(Math.abs((g!.tolist() as number[])[i] - fd)).toBeLessThan(1e-6);
      });
    }
  });
});

describe('tg.func.jvp, jacfwd, linearize against functorch 1.13', () => {
  it('jvp of a two-input, two-output function; hasAux', () => {
    const c = FIX.jvps[0];
    const f = (x: Tensor, y: Tensor) => [x.sin().mul(y).sum(0), x.matmul(y.t())];
    const [out, jv] = tg.func.jvp(f, c.primals.map((e: Enc) => dec(e)), c.tangents.map((e: Enc) => dec(e)));
    (out as Tensor[]).forEach((o, i) => close(o, c.out[i], `out ${i}`));
    (jv as Tensor[]).forEach((o, i) => close(o, c.jvp[i], `jvp ${i}`));
    const a = FIX.jvps[1];
    const [o2, j2, aux] = tg.func.jvp((x: Tensor) => { const y = x.tanh(); return [y.sum(), y]; }, [dec(a.primals[0])], [dec(a.tangents[0])], { hasAux: true });
    close(o2, a.out[0], 'aux out');
    close(j2, a.jvp[0], 'aux jvp');
    close(aux, a.aux, 'aux');
    expect(fwAd.unpackDual(aux).tangent).toBeNull();
  });
  it("jvp's errors are functorch's", () => {
    const x = tg.ones([2], { dtype: 'float64' });
    expect(() => tg.func.jvp((t: Tensor) => t, x as never, [x])).toThrow('jvp(f, primals, tangents): Expected primals to be a tuple. E.g. it should be valid to call f(*primals).');
    expect(() => tg.func.jvp((t: Tensor) => t, [x], [x, x])).toThrow('jvp(f, primals, tangents): Expected primals and tangents to have the same python structure.');
    expect(() => tg.func.jvp((t: Tensor) => t, [], [])).toThrow('jvp(f, primals, tangents): Expected primals to contain at least one Tensor.');
    expect(() => tg.func.jvp((t: Tensor) => t, [x], [x], { hasAux: true })).toThrow('jvp(f, primals, tangents): output of function f should be a tuple: (output, aux) if has_aux is True');
    expect(() => tg.func.jvp(() => 3, [x], [x])).toThrow('jvp(f, primals, tangents): expected f(*primals) to return only tensors');
    expect(() => tg.func.jvp((t: Tensor) => tg.func.jvp((u: Tensor) => u, [t], [t])[1], [x], [x])).toThrow('nested forward-mode transforms');
  });
  it('jacfwd: one argnum, several argnums, hasAux, a structured output', () => {
    const j = FIX.jacfwd;
    const x = dec(j.x), y = dec(j.y);
    close(tg.func.jacfwd((a: Tensor, b: Tensor) => tg.outer(a.exp(), b))(x, y), j.single, 'single');
    const multi = tg.func.jacfwd((a: Tensor, b: Tensor) => tg.softmax(a.mul(b.sum()), 0), [0, 1])(x, y);
    close(multi[0], j.multi[0], 'multi 0');
    close(multi[1], j.multi[1], 'multi 1');
    const [ja, aux] = tg.func.jacfwd((a: Tensor, b: Tensor) => [a.pow(2).sum().mul(b), a.cos()], 0, true)(x, y);
    close(ja, j.aux, 'aux jac');
    close(aux, j.auxValue, 'aux value');
    const tup = tg.func.jacfwd((a: Tensor, b: Tensor) => [a.sin(), a.narrow(0, 0, 2).mul(b)], { argnums: 1 })(x, y);
    close(tup[0], j.tupleOut[0], 'tuple out 0');
    close(tup[1], j.tupleOut[1], 'tuple out 1');
  });
  it("jacfwd's argnums and randomness checks", () => {
    const x = tg.ones([2], { dtype: 'float64' });
    expect(() => tg.func.jacfwd((t: Tensor) => t, 1)(x)).toThrow('Got argnum=1, but only 1 positional inputs');
    expect(() => tg.func.jacfwd((t: Tensor) => t, [])(x)).toThrow('argnums must be non-empty');
    expect(() => tg.func.jacfwd((t: Tensor) => t, [0, 0])(x)).toThrow('argnums elements must be unique');
    expect(() => tg.func.jacfwd((t: Tensor) => t, 0, false, 'sometimes' as never)).toThrow("Only allowed values for randomness are 'error', 'different', or 'same'");
    const noisy = (t: Tensor) => t.add(tg.rand([2], { dtype: 'float64' }));
    expect(() => tg.func.jacfwd(noisy)(x)).toThrow('vmap: called random operation while in randomness error mode');
    expect(tg.func.jacfwd(noisy, { randomness: 'same' })(x).tolist()).toEqual([[1, 0], [0, 1]]);
  });
  it('linearize: the output, and a jvp function equal to jvp at the same primals', () => {
    const f = (a: Tensor, b: Tensor) => a.sin().mul(b).sum();
    const a = tg.tensor([0.3, 1.2], { dtype: 'float64' }), b = tg.tensor([2, -1], { dtype: 'float64' });
    const [out, jvpFn] = tg.func.linearize(f, a, b);
    expect(out.item()).toBeCloseTo(f(a, b).item() as number, 14);
    for (const [ta, tb] of [[tg.tensor([1, 0], { dtype: 'float64' }), tg.tensor([0, 1], { dtype: 'float64' })], [tg.tensor([0.5, -2], { dtype: 'float64' }), tg.tensor([3, 1], { dtype: 'float64' })]]) {
      const want = tg.func.jvp(f, [a, b], [ta, tb])[1] as Tensor;
      expect((jvpFn(ta, tb) as Tensor).item()).toBeCloseTo(want.item() as number, 14);
    }
  });
});

describe('forward over reverse', () => {
  it("jvp of autograd.grad(createGraph) is the Hessian-vector product (torch.autograd.functional.hvp on an MLP's loss)", () => {
    const h = FIX.hvp;
    const X = dec(h.X), Y = tg.tensor(h.Y, { dtype: 'int64' }), b1 = dec(h.b1), W2 = dec(h.W2), b2 = dec(h.b2);
    const loss = (w1: Tensor) => F.crossEntropy(F.linear(F.linear(X, w1, b1).tanh(), W2, b2), Y);
    const gradOf = (w1: Tensor): Tensor => {
      const w = w1.requiresGrad ? w1 : w1.requiresGrad_(true);
      return tg.autograd.grad(loss(w), [w], { createGraph: true })[0]!;
    };
    const W1 = dec(h.W1);
    expect(loss(W1).item()).toBeCloseTo(h.loss, 12);
    const [, hv] = tg.func.jvp(gradOf, [W1], [dec(h.v)]);
    close(hv as Tensor, h.hvp, 'hvp', 1e-9);
    expect((hv as Tensor).requiresGrad, 'no graph escapes from the requiresGrad_ inside the function').toBe(false);
    // without createGraph too: the backward formulas are ops, and carry tangents whatever the grad mode
    const [, hv2] = tg.func.jvp((w1: Tensor) => tg.autograd.grad(loss(w1.requiresGrad_(true)), [w1])[0]!, [W1], [dec(h.v)]);
    close(hv2 as Tensor, h.hvp, 'hvp without createGraph', 1e-9);
  });
});
