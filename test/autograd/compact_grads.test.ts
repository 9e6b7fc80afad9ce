// Note [Compact grads] (lib/autograd/engine.ts): the grads of sum/mean flow through elementwise rows
// without being expanded. The oracle is the same backward with createGraph, where every formula expands
// (no compact grads), and a float64 hand computation for the broadcast cases.
import { readFileSync } from 'node:fs';
import { describe, it, expect, vi } from 'vitest';
import { FunctionNode } from '../../lib/autograd/function_node.js';
import tg, { Tensor } from '../../lib/index.js';

const vals = (t: Tensor | null) => (t === null ? null : t.tolist());

function leaf(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => Math.sin(seed * 7.3 + i * 1.7) + (seed % 2 === 0 ? 1.5 : 0));
  return tg.tensor(data, { dtype: 'float64' }).reshape(shape).requiresGrad_();
}

type Binary = (a: Tensor, b: Tensor) => Tensor;
type Unary = (t: Tensor) => Tensor;
type Reduce = (t: Tensor) => Tensor;

const binaries: [string, Binary][] = [
  ['add', (a, b) => a.add(b)],
  ['sub alpha', (a, b) => tg.sub(a, b, { alpha: 2 })],
  ['mul', (a, b) => a.mul(b)],
  ['div', (a, b) => a.div(b.abs().add(1))],
  ['where', (a, b) => tg.where(a.gt(0), a, b)],
  ['a*b+a', (a, b) => a.mul(b).add(a)],
];
const unaries: [string, Unary][] = [
  ['id', (t) => t],
  ['exp', (t) => t.exp()],
  ['tanh', (t) => t.tanh()],
  ['sigmoid', (t) => t.sigmoid()],
  ['relu', (t) => t.relu()],
  ['neg.abs', (t) => t.neg().abs()],
  ['sin.cos', (t) => t.sin().cos()],
  ['pow 3', (t) => t.pow(3)],
  ['clamp', (t) => t.clamp(-0.5, 0.5)],
];
const reductions: [string, Reduce][] = [
  ['sum()', (t) => t.sum()],
  ['mean()', (t) => t.mean()],
  ['sum(0)', (t) => (t.ndim > 0 ? t.sum(0) : t.sum()).sum()],
  ['mean(-1, keepdim)', (t) => (t.ndim > 0 ? t.mean(-1, true) : t.mean()).mul(3).sum()],
];
const shapePairs: [number[], number[]][] = [
  [[5], [5]],
  [[2], [1]],
  [[4], []],
  [[3, 1], [1, 4]],
  [[2, 3], [3]],
  [[1, 3], [2, 1]],
];

/** Equal up to float64 rounding: a compact grad sums in another order (n * g instead of g + g + ...). */
function expectClose(got: unknown, want: unknown): void {
  const a = [got].flat(Infinity) as (number | null)[], b = [want].flat(Infinity) as (number | null)[];
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => {
    const w = b[i];
    if (v === null || w === null || !Number.isFinite(w)) expect(v).toBe(w);
    else expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(w)));
  });
}

function grads(f: () => Tensor, leaves: Tensor[], createGraph: boolean): unknown[] {
  for (const l of leaves) l.grad = null;
  f().backward({ createGraph });
  return leaves.map((l) => vals(l.grad === null ? null : l.grad.detach()));
}

describe('compact grads give the same leaf grads as fully expanded ones', () => {
  for (const [sa, sb] of shapePairs) {
    for (const [bn, bf] of binaries) {
      for (const [un, uf] of unaries) {
        for (const [rn, rf] of reductions) {
          it(`${rn} of ${un}(${bn}(${JSON.stringify(sa)}, ${JSON.stringify(sb)}))`, () => {
            const a = leaf(sa, 1), b = leaf(sb, 2);
            const f = () => rf(uf(bf(a, b)));
            const got = grads(f, [a, b], false);
            const want = grads(f, [a, b], true);
            expectClose(got, want);
            expect((a.grad as Tensor).shape).toEqual(sa);
            expect((b.grad as Tensor).shape).toEqual(sb);
          });
        }
      }
    }
  }
});

describe('compact grads are expanded before anyone sees them', () => {
  it('sums over a broadcast dim of size 1 in the input (a [1] input added to [2])', () => {
    const a = leaf([2], 1), b = leaf([1], 2);
    a.add(b).sum(0).backward();
    expect(vals(b.grad)).toEqual([2]);
    const c = leaf([3, 1], 3), d = leaf([1, 4], 4);
    c.mul(d).mean().backward();
    const dv = (d.tolist() as number[][])[0];
    const cv = (c.tolist() as number[][]).map((r) => r[0]);
    const dsum = dv.reduce((x, y) => x + y, 0), csum = cv.reduce((x, y) => x + y, 0);
    (vals(c.grad) as number[][]).forEach((r) => expect(r[0]).toBeCloseTo(dsum / 12, 12));
    (vals(d.grad) as number[][])[0].forEach((v) => expect(v).toBeCloseTo(csum / 12, 12));
  });

  it('tensor hooks and retainGrad see full-shaped grads', () => {
    const x = leaf([3, 2], 1);
    const y = x.mul(2);
    y.retainGrad();
    const seen: number[][] = [];
    y.registerHook((g) => {
      seen.push(g.shape);
    });
    x.registerHook((g) => {
      seen.push(g.shape);
    });
    y.exp().sum().backward();
    expect(seen).toEqual([[3, 2], [3, 2]]);
    expect((y.grad as Tensor).shape).toEqual([3, 2]);
    expect((x.grad as Tensor).shape).toEqual([3, 2]);
  });

  it('autograd.grad returns full-shaped grads, for leaves and intermediate tensors', () => {
    const x = leaf([4], 1);
    const h = x.mul(x);
    const [gx, gh] = tg.autograd.grad(h.add(1).sum(), [x, h]);
    expect(gx.shape).toEqual([4]);
    expect(gh.shape).toEqual([4]);
    expect(vals(gh)).toEqual([1, 1, 1, 1]);
  });

  it('adds a compact grad into an existing .grad, and a first .grad is a tensor of its own', () => {
    const x = leaf([3], 1);
    x.add(1).sum().backward();
    const first = x.grad as Tensor;
    expect(vals(first)).toEqual([1, 1, 1]);
    x.add(1).mean().backward();
    expect(x.grad).toBe(first);
    (vals(first) as number[]).forEach((v) => expect(v).toBeCloseTo(1 + 1 / 3, 14));
    first.zero_();
    x.sub(2).sum().backward();
    expect(vals(x.grad)).toEqual([1, 1, 1]);
  });

  it('a compact grad meeting a full one in an input buffer sums correctly', () => {
    const x = leaf([2, 3], 1);
    const s = x.sum();
    x.mul(s).sum().backward();
    // d/dx sum(x * sum(x)) = sum(x) + sum(x) = 2 sum(x) for every element
    const total = (x.tolist() as number[][]).flat().reduce((a, b) => a + b, 0);
    (vals(x.grad) as number[][]).flat().forEach((v) => expect(v).toBeCloseTo(2 * total, 12));
  });

  it('rows that need the full shape (reshape, matmul, softmax) get it', () => {
    const x = leaf([2, 3], 1);
    const w = leaf([3, 2], 2);
    const f = () => x.reshape([3, 2]).t().matmul(w).softmax(-1).mul(2).sum();
    const got = grads(f, [x, w], false);
    const want = grads(f, [x, w], true);
    expectClose(got, want);
  });
});

describe('which nodes receive a compact grad (observed at FunctionNode.apply)', () => {
  /** [node name, shape of its incoming grad] for every table node that runs during f's backward. */
  function received(f: () => Tensor, createGraph = false): [string, number[]][] {
    const seen: [string, number[]][] = [];
    const apply = FunctionNode.prototype.apply;
    const spy = vi.spyOn(FunctionNode.prototype, 'apply').mockImplementation(function (this: FunctionNode, grads, needs) {
      seen.push([this.name, grads[0]?.shape ?? []]);
      return apply.call(this, grads, needs);
    });
    try {
      f().backward(undefined, { createGraph });
    } finally {
      spy.mockRestore();
    }
    return seen;
  }
  const x = () => leaf([2, 3], 1);

  it("sum()'s and mean(dim)'s grads stay compact through rows that take them, and only without createGraph", () => {
    const a = x(), b = x();
    expect(received(() => a.exp().mul(b).sum())).toEqual([['SumBackward0', []], ['MulBackward0', [1, 1]], ['ExpBackward0', [2, 3]]]);
    expect(received(() => a.exp().mean(1).sum())).toEqual([['SumBackward0', []], ['MeanBackward1', [2]], ['ExpBackward0', [2, 1]]]);
    expect(received(() => a.exp().mul(b).sum(), true)).toEqual([['SumBackward0', []], ['MulBackward0', [2, 3]], ['ExpBackward0', [2, 3]]]);
  });

  it('rows that do not take compact grads, and nodes with hooks or retainGrad, receive the full shape', () => {
    const a = x();
    expect(received(() => a.reciprocal().exp().sum())).toEqual([['SumBackward0', []], ['ExpBackward0', [1, 1]], ['ReciprocalBackward0', [2, 3]]]);
    const h = a.exp();
    h.registerHook(() => undefined);
    expect(received(() => h.mul(1).sum())).toEqual([['SumBackward0', []], ['MulBackward0', [1, 1]], ['ExpBackward0', [2, 3]]]);
    const r = a.exp();
    r.retainGrad();
    expect(received(() => r.mul(1).sum())).toEqual([['SumBackward0', []], ['MulBackward0', [1, 1]], ['ExpBackward0', [2, 3]]]);
  });
});

// A compact grad keeps the input's rank, so it takes part in type promotion as the full grad does: a 0-d compact
// grad of x.sum() made DivBackward0's g / other float32 for a float64 x and a float32 other (the
// test_type_promotion port, test_mixed_type_backward). PyTorch 1.13 values from test/fixtures/
// mixed_dtype_backward.json (gen_mixed_dtype_backward.py), to the bit.
describe('compact grads: mixed float dtypes give the promoted precision (PyTorch 1.13)', () => {
  type Case = { op: string; dx: 'float32' | 'float64'; dy: 'float32' | 'float64' | 'int32'; reduction: 'sum' | 'mean'; y: number[]; outDtype: string; gradX: number[]; gradY: number[] | null };
  const fx = JSON.parse(readFileSync(new URL('../fixtures/mixed_dtype_backward.json', import.meta.url), 'utf8')) as { x: number[]; cases: Case[] };
  const OPS: Record<string, (a: Tensor, b: Tensor) => Tensor> = {
    add: tg.add, sub: tg.sub, rsub: tg.rsub, mul: tg.mul, div: tg.div, pow: tg.pow, atan2: tg.atan2, maximum: tg.maximum, hypot: tg.hypot,
  };
  it.each(fx.cases.map((c) => [`${c.op} ${c.dx} ${c.dy} ${c.reduction}`, c] as const))('%s', (_, c) => {
    const x = tg.tensor(fx.x, { dtype: c.dx, requiresGrad: true });
    const y = tg.tensor(c.y, { dtype: c.dy, requiresGrad: c.gradY !== null });
    const r = OPS[c.op](x, y);
    expect(r.dtype).toBe(c.outDtype);
    (c.reduction === 'sum' ? r.sum() : r.mean()).backward();
    expect(x.grad!.tolist()).toEqual(c.gradX);
    if (c.gradY !== null) expect(y.grad!.tolist()).toEqual(c.gradY);
  });
});
