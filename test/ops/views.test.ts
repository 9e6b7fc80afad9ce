// Strided views (issue 14 items 1-3): views share storage, writes through a view change the base, autograd
// of in-place ops on views (PyTorch's CopySlices), and PyTorch's errors. PyTorch 1.13 results of the same
// programs: test/fixtures/views.json, made by test/fixtures/gen/gen_views.py (each scenario has its twin here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { slice as sliceDim } from '../../lib/ops/shape.js';

type Json = Record<string, any>;
const FIX: Json = JSON.parse(readFileSync(join(__dirname, '../fixtures/views.json'), 'utf8'));

/** The inputs of gen_views.py: arange(n) / scale - shift, float64. */
function inp(shape: number[], scale = 7, shift = 0.5, requiresGrad = true): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.arange(n, { dtype: 'float64' }).reshape(shape).div(scale).sub(shift).detach().requiresGrad_(requiresGrad);
}
const vals = (t: Tensor | null) => (t as Tensor).detach().tolist();
const name = (t: Tensor) => t.gradFn?.name ?? null;

/** Deep equality of nested number lists within float64 rounding. */
function close(actual: unknown, expected: unknown, what: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), what).toBe(true);
    expect((actual as unknown[]).length, what).toBe(expected.length);
    expected.forEach((e, i) => close((actual as unknown[])[i], e, `${what}[${i}]`));
  } else if (typeof expected === 'number') {
    expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  } else expect(actual, what).toEqual(expected);
}

// The twins of gen_views.py's scenarios, line by line.
const SCENARIOS: Record<string, () => Json> = {
  mul_on_column: () => {
    const x = inp([3, 4]), s = inp([3], 3, -1);
    const b = x.mul(1);
    const v = b.select(1, 0);
    v.mul_(s);
    b.mul(b).sum().backward();
    return { b: vals(b), names: [name(v), name(b)], next: b.gradFn!.nextFunctions[0][0]!.name, grads: [vals(x.grad), vals(s.grad)] };
  },
  add_on_transposed: () => {
    const x = inp([3, 4]), y = inp([4, 3], 5);
    const b = x.mul(2);
    b.t().add_(y);
    b.pow(2).sum().backward();
    return { b: vals(b), names: [name(b)], grads: [vals(x.grad), vals(y.grad)] };
  },
  copy_into_step_slice: () => {
    const x = inp([3, 4]), z = inp([3, 2], 2);
    const b = x.clone();
    sliceDim(b, 1, null, null, 2).copy_(z);
    const c = tg.arange(12, { dtype: 'float64' }).reshape([3, 4]);
    b.mul(c).sum().backward();
    return { b: vals(b), names: [name(b)], grads: [vals(x.grad), vals(z.grad)] };
  },
  base_inplace_then_view: () => {
    const x = inp([3, 4]);
    const b = x.mul(1);
    const v = b.index(1);
    b.mul_(3);
    v.mul(v).sum().backward();
    return { v: vals(v), names: [name(v), name(b)], grads: [vals(x.grad)] };
  },
  view_of_zeros_gains_grad: () => {
    const x0 = inp([4]);
    const z = tg.zeros([3, 4], { dtype: 'float64' });
    const v = z.index(2);
    z.index(0).add_(x0);
    z.mul(z).sum().add(v.sum()).backward();
    return { z: vals(z), names: [name(z), name(v)], requires_grad: [z.requiresGrad, v.requiresGrad], grads: [vals(x0.grad)] };
  },
  diagonal_fill: () => {
    const x = inp([3, 3]);
    const b = x.mul(1);
    b.diagonal().fill_(0);
    b.mul(tg.arange(9, { dtype: 'float64' }).reshape([3, 3])).sum().backward();
    return { b: vals(b), names: [name(b)], grads: [vals(x.grad)] };
  },
  narrow_zero_and_chain: () => {
    const x = inp([2, 5]), w = inp([2, 2], 3);
    const b = x.mul(2);
    b.narrow(1, 1, 2).zero_();
    b.narrow(1, 3, 2).t().mul_(w);
    b.sum().backward();
    return { b: vals(b), names: [name(b)], grads: [vals(x.grad), vals(w.grad)] };
  },
  two_views_one_write: () => {
    const x = inp([4, 4]);
    const b = x.mul(1);
    const top = b.index(0), col = b.select(1, 1);
    top.mul_(10);
    col.mul(col).sum().add(top.sum()).backward();
    return { col: vals(col), names: [name(col), name(top)], grads: [vals(x.grad)] };
  },
  geometry: () => {
    const a = tg.arange(24, { dtype: 'float64' }).reshape([2, 3, 4]);
    const views: Record<string, Tensor> = {
      t: a.index(0).t(),
      permute: a.permute([2, 0, 1]),
      narrow: a.narrow(2, 1, 2),
      select: a.select(1, 2),
      slice_step: sliceDim(a, 2, 1, null, 2),
      expand: a.narrow(1, 0, 1).expand([2, 3, 4]),
      unsqueeze_t: a.index(0).t().unsqueeze(1),
      diagonal: a.diagonal(0, 1, 2),
      unfold: a.unfold(2, 2, 1),
      reshape_view: sliceDim(a, 1, 1).reshape([4, 4]),
      movedim: a.movedim(0, -1),
      as_strided: a.asStrided([3, 3], [5, 1], 2),
    };
    return Object.fromEntries(Object.entries(views).map(([k, v]) => [k, { shape: v.shape, stride: v.stride(), offset: v.storageOffset(), contiguous: v.isContiguous(), values: v.tolist() }]));
  },
};

describe('programs that write through views match PyTorch 1.13 (values, node names, grads, strides)', () => {
  it('every scenario of the fixture has a twin here', () => expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(FIX).sort()));
  for (const [id, run] of Object.entries(SCENARIOS)) it(id, () => close(run(), FIX[id], id));
});

describe('views share storage', () => {
  const base = () => tg.arange(6, { dtype: 'float32' }).reshape([2, 3]);
  const VIEWS: [string, (a: Tensor) => Tensor][] = [
    ['narrow', (a) => a.narrow(0, 0, 1)],
    ['select', (a) => a.select(1, 0)],
    ['index', (a) => a.index(1)],
    ['transpose', (a) => a.transpose(0, 1)],
    ['permute', (a) => a.permute([1, 0])],
    ['t', (a) => a.t()],
    ['T', (a) => a.T],
    ['split', (a) => a.split(1)[1]],
    ['chunk', (a) => a.chunk(3, 1)[2]],
    ['unbind', (a) => a.unbind(1)[1]],
    ['slice with a step', (a) => sliceDim(a, 1, 0, null, 2)],
    ['diagonal', (a) => a.diagonal()],
    ['unfold', (a) => a.unfold(1, 2, 1).select(2, 0)],
    ['movedim', (a) => a.movedim(0, 1)],
    ['swapaxes', (a) => a.swapaxes(0, 1)],
    ['asStrided', (a) => a.asStrided([2, 2], [1, 3], 1)],
    ['t().reshape (viewable)', (a) => a.t().reshape([3, 2, 1])],
    ['narrow().view', (a) => a.narrow(0, 1, 1).view([3])],
    ['select().unsqueeze', (a) => a.select(0, 0).unsqueeze(0)],
    ['t().detach', (a) => a.t().detach()],
    ['t().data', (a) => a.t().data],
    ['narrow(0,0,1).contiguous (already contiguous)', (a) => a.narrow(0, 0, 1).contiguous()],
    ['transpose().transpose', (a) => a.transpose(0, 1).transpose(1, 0)],
    ['t().to(same dtype)', (a) => a.t().to('float32')],
    ['reshape', (a) => a.reshape([3, 2])],
    ['flatten', (a) => a.flatten()],
    ['unsqueeze', (a) => a.unsqueeze(1)],
    ['detach', (a) => a.detach()],
  ];
  const WRITES: [string, (v: Tensor) => unknown, (old: number) => number][] = [
    ['fill_', (v) => v.fill_(9), () => 9],
    ['zero_', (v) => v.zero_(), () => 0],
    ['add_', (v) => v.add_(1), (o) => o + 1],
    ['sub_ (tensor)', (v) => v.sub_(tg.ones(v.shape)), (o) => o - 1],
    ['mul_', (v) => v.mul_(2), (o) => o * 2],
    ['div_', (v) => v.div_(2), (o) => o / 2],
    ['clamp_', (v) => v.clamp_(1, 3), (o) => Math.min(Math.max(o, 1), 3)],
    ['copy_', (v) => v.copy_(tg.full(v.shape, 5)), () => 5],
  ];
  for (const [name0, make] of VIEWS) {
    it(`${name0}: every in-place write lands in the base, and the view sees writes to the base`, () => {
      for (const [w, write, f] of WRITES) {
        const a = base();
        const v = make(a);
        const expected = a.tolist() as number[][];
        const touched = new Set<number>();
        // the positions the view covers: a marker written through it on another base shows where it lands
        const probe = base();
        make(probe).fill_(-1);
        (probe.tolist() as number[][]).forEach((row, i) => row.forEach((x, j) => x === -1 && touched.add(i * 3 + j)));
        write(v);
        const got = a.tolist() as number[][];
        expected.forEach((row, i) => row.forEach((x, j) => expect(got[i][j], `${w} on ${name0} at [${i}, ${j}]`).toBe(touched.has(i * 3 + j) ? f(x) : x)));
      }
      const a = base();
      const v = make(a);
      a.add_(100);
      expect(Math.min(...(v.flatten().tolist() as number[])), `${name0} sees the base's write`).toBeGreaterThanOrEqual(100);
    });
  }

  it('stride, storageOffset, isContiguous, isView, base, dataPtr', () => {
    const a = tg.zeros([3, 4]);
    const v = a.t();
    expect(v.stride()).toEqual([1, 4]);
    expect(v.stride(-1)).toEqual(4);
    expect(v.isContiguous()).toBe(false);
    expect(v.isView()).toBe(true);
    expect(v.base).toBe(a);
    expect(v.t().base).toBe(a); // the base of a view of a view is the first base, as PyTorch's _base
    expect(a.isView()).toBe(false);
    expect(a.base).toBe(null);
    expect(a.narrow(1, 1, 2).storageOffset()).toBe(1);
    expect(a.narrow(1, 1, 2).dataPtr()).toBe(a.dataPtr() + 4);
    expect(v.dataPtr()).toBe(a.dataPtr());
    expect(a.detach().isView()).toBe(false); // not a view for autograd, as PyTorch's detach()
    expect(a.detach().dataPtr()).toBe(a.dataPtr());
    expect(() => a.stride(2)).toThrow(/^stride: dim 2 out of range/);
  });

  it('contiguous() copies only when needed; asTypedArray() of a non-contiguous tensor throws', () => {
    const a = tg.arange(12, { dtype: 'float32' }).reshape([3, 4]);
    expect(a.contiguous()).toBe(a);
    const n = a.narrow(0, 1, 2);
    expect(n.contiguous()).toBe(n);
    expect(n.asTypedArray()).toEqual(new Float32Array([4, 5, 6, 7, 8, 9, 10, 11]));
    n.asTypedArray()[0] = -4;
    expect(a.index(1).index(0).item()).toBe(-4);
    const e = tg.arange(4, { dtype: 'float32' }).expand([3, 4]);
    const c = e.contiguous();
    expect(c.isContiguous()).toBe(true);
    expect(c.isView()).toBe(false);
    expect(c.dataPtr()).not.toBe(e.dataPtr());
    expect(c.tolist()).toEqual(e.tolist());
    expect(() => a.t().asTypedArray()).toThrow(/^asTypedArray: the tensor .* is not contiguous.*call contiguous\(\) first/);
    expect(a.t().toTypedArray()).toEqual(new Float32Array([0, -4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]));
  });

  it("the issue's examples: x[:, 0].fill_(0), w.detach()[0, 0].fill_(42), a.t().mul_(2), x.expand().contiguous()", () => {
    const x = tg.ones([2, 3]);
    x.select(1, 0).fill_(0);
    expect(x.tolist()).toEqual([[0, 1, 1], [0, 1, 1]]);
    const w = tg.zeros([2, 2], { requiresGrad: true });
    w.detach().index(0).index(0).fill_(42);
    expect(w.tolist()).toEqual([[42, 0], [0, 0]]);
    const a = tg.tensor([[1, 2], [3, 4]]);
    a.t().mul_(2);
    expect(a.tolist()).toEqual([[2, 4], [6, 8]]);
    const s = tg.tensor([1, 2]);
    const big = s.expand([3, 2]).contiguous();
    big.fill_(0);
    expect(s.tolist()).toEqual([1, 2]);
    // the same through index() with the spelling of the entries
    const x2 = tg.ones([2, 3]);
    x2.index([tg.slice(), 0]).fill_(0);
    expect(x2.tolist()).toEqual([[0, 1, 1], [0, 1, 1]]);
    const w2 = tg.zeros([2, 2], { requiresGrad: true });
    w2.detach().index([0, 0]).fill_(42);
    expect(w2.tolist()).toEqual([[42, 0], [0, 0]]);
    const x3 = tg.arange(4, { dtype: 'float32' });
    const e3 = x3.expand([3, 4]);
    expect(e3.dataPtr()).toBe(x3.dataPtr());
    const c3 = e3.contiguous();
    expect(c3.dataPtr()).not.toBe(x3.dataPtr());
    c3.fill_(-1);
    expect(x3.tolist()).toEqual([0, 1, 2, 3]);
  });

  it('reshape is a view when the strides allow it, else a copy with PyTorch nodes; view() of those is an error', () => {
    const x = tg.arange(6, { dtype: 'float32' }).reshape([2, 3]).requiresGrad_();
    const v = x.t();
    const r = v.reshape([-1]);
    expect(r.gradFn!.name).toBe('UnsafeViewBackward0');
    expect(r.gradFn!.nextFunctions[0][0]!.name).toBe('CloneBackward0');
    expect(r.isView()).toBe(false);
    expect(() => v.view([-1])).toThrow(/^view: view size is not compatible with input tensor's size and stride/);
    expect(x.narrow(0, 0, 1).reshape([-1]).isView()).toBe(true);
    r.sum().backward();
    expect(vals(x.grad)).toEqual([[1, 1, 1], [1, 1, 1]]);
  });

  it('overlapping writes: a partial overlap of source and target reads the old values, as a copy would', () => {
    const a = tg.arange(5, { dtype: 'float32' });
    a.narrow(0, 1, 4).copy_(a.narrow(0, 0, 4));
    expect(a.tolist()).toEqual([0, 0, 1, 2, 3]);
    const b = tg.arange(5, { dtype: 'float32' });
    b.narrow(0, 0, 4).add_(b.narrow(0, 1, 4));
    expect(b.tolist()).toEqual([1, 3, 5, 7, 4]);
    const m = tg.arange(4, { dtype: 'float32' }).reshape([2, 2]);
    m.copy_(m.t());
    expect(m.tolist()).toEqual([[0, 2], [1, 3]]);
  });
});

describe('indexPut_ with basic entries writes through a view, as __setitem__ (CopySlices)', () => {
  it('y[:, 0] = w and y[1] = 5', () => {
    const w = tg.arange(3, { dtype: 'float64' }).requiresGrad_();
    const y = tg.zeros([3, 4], { dtype: 'float64' }).mul(1);
    y.indexPut_([tg.slice(), 0], w);
    expect(y.gradFn!.name).toBe('CopySlices');
    expect(y.gradFn!.nextFunctions.map(([n]) => n?.name ?? null)).toEqual([null, 'torch::autograd::AccumulateGrad']);
    expect(vals(y.select(1, 0))).toEqual([0, 1, 2]);
    y.sum().backward();
    expect(vals(w.grad)).toEqual([1, 1, 1]);
    const z = tg.zeros([3, 4]).mul(1);
    z.indexPut_(1, 5);
    expect(z.gradFn).toBe(null);
    expect(vals(z.index(1))).toEqual([5, 5, 5, 5]);
    expect(() => tg.ones([2], { requiresGrad: true }).indexPut_([0], 3)).toThrow(/^indexPut_: a view of a leaf Variable that requires grad/);
  });
});

describe("PyTorch's errors for in-place ops through views", () => {
  it('a view of a leaf that requires grad (allowed under noGrad)', () => {
    const w = tg.ones([2, 3], { requiresGrad: true });
    expect(() => w.index(0).mul_(2)).toThrow(/^mul_: a view of a leaf Variable that requires grad is being used in an in-place operation\.$/);
    expect(() => w.t().fill_(0)).toThrow(/^fill_: a view of a leaf Variable/);
    tg.noGrad(() => w.index(0).mul_(2));
    expect(w.tolist()).toEqual([[2, 2, 2], [1, 1, 1]]);
  });

  it('a view made under noGrad, modified with grad mode on', () => {
    const b = tg.ones([3], { requiresGrad: true }).mul(1);
    const n = tg.noGrad(() => b.narrow(0, 0, 2));
    expect(() => n.mul_(2)).toThrow(/^mul_: A view was created in no_grad mode and is being modified inplace with grad mode enabled/);
    tg.noGrad(() => n.mul_(2));
  });

  it('an output of split, chunk or unbind that requires grad', () => {
    const b = tg.ones([4, 2], { requiresGrad: true }).mul(1);
    expect(() => b.split(2)[1].mul_(2)).toThrow(/^mul_: Output 1 of SplitBackward0 is a view and is being modified inplace\. This view is the output of a function that returns multiple views/);
    expect(() => b.unbind(0)[0].add_(1)).toThrow(/^add_: Output 0 of UnbindBackward0 is a view/);
    expect(() => b.chunk(2, 1)[0].zero_()).toThrow(/^zero_: Output 0 of SplitBackward0 is a view/);
    tg.ones([4, 2]).split(2)[0].fill_(3); // no grad involved: allowed
  });

  it('an expanded view (several elements share memory)', () => {
    const e = tg.zeros([3]).expand([2, 3]);
    expect(() => e.add_(1)).toThrow(/^add_: unsupported operation: more than one element of the written-to tensor refers to a single memory location\. Please clone\(\) the tensor before performing the operation\./);
    // fill_ gives every element one value, so PyTorch 1.13 allows it (and zero_) on an expanded tensor.
    expect(e.fill_(1).tolist()).toEqual([[1, 1, 1], [1, 1, 1]]);
    expect(() => e.copy_(tg.ones([2, 3]))).toThrow(/^copy_: unsupported operation/);
    e.clone().add_(1);
  });

  it('detach_ on a view', () => {
    expect(() => tg.ones([2, 2]).t().detach_()).toThrow(/^detach_: Can't detach views in-place\. Use detach\(\) instead\./);
  });

  it('modifying, through a view, a tensor saved for backward (the version counter is shared)', () => {
    const x = tg.ones([2, 3], { requiresGrad: true });
    const y = x.exp();
    const z = y.sum();
    y.narrow(1, 1, 2).zero_(); // ExpBackward0 saved y
    expect(() => z.backward()).toThrow(/one of the variables needed for gradient computation has been modified by an inplace operation/);
    const b = x.mul(1);
    const v = b.t();
    const w = v.mul(v).sum(); // MulBackward0 saved the view v
    b.add_(1);
    expect(() => w.backward()).toThrow(/modified by an inplace operation/);
    expect(b._version).toBe(v._version);
  });
});

describe('autograd through in-place ops on views', () => {
  it('gradcheck and gradgradcheck through CopySlices (float64)', () => {
    const f = (x: Tensor, s: Tensor) => {
      const b = x.mul(1.5);
      b.narrow(1, 1, 2).mul_(s);
      sliceDim(b, 0, 0, null, 2).t().add_(s.sum());
      return b.pow(2);
    };
    const ins = () => [tg.rand([3, 4], { dtype: 'float64', requiresGrad: true }), tg.rand([3, 2], { dtype: 'float64', requiresGrad: true })];
    expect(tg.autograd.gradcheck(f, ins(), { checkCreateGraph: true })).toBe(true);
    expect(tg.autograd.gradgradcheck(f, ins())).toBe(true);
    const g = (x: Tensor) => {
      const z = tg.zeros([3, 3], { dtype: 'float64' });
      z.diagonal().copy_(x);
      return z.mm(z.t());
    };
    expect(tg.autograd.gradgradcheck(g, [tg.rand([3], { dtype: 'float64', requiresGrad: true })])).toBe(true);
  });

  it('the grads of the new view ops are ordinary writable tensors', () => {
    const b = tg.ones([3], { requiresGrad: true });
    b.expand([2, 3]).sum().backward();
    expect(b.grad!.isContiguous()).toBe(true);
    b.grad!.add_(1);
    expect(vals(b.grad)).toEqual([3, 3, 3]);
    const m = tg.ones([2, 3], { requiresGrad: true });
    m.t().narrow(0, 0, 2).sum().backward();
    m.grad!.zero_();
    const xs = [tg.ones([2], { requiresGrad: true }), tg.ones([3], { requiresGrad: true })];
    const y = tg.cat(xs);
    y.mul(2).sum().backward({ retainGraph: true });
    y.mul(2).sum().backward();
    expect(xs.map((x) => vals(x.grad))).toEqual([[4, 4], [4, 4, 4]]);
    xs[0].grad!.mul_(0.5);
    expect(vals(xs[0].grad)).toEqual([2, 2]);
  });

  it('an optimizer step through a transposed view of a parameter is seen by the view', () => {
    const w = tg.nn.Parameter(tg.ones([2, 3]));
    const opt = new tg.optim.SGD([w], { lr: 0.5 });
    const wt = w.t();
    tg.ones([4, 3]).mm(wt).sum().backward();
    opt.step();
    expect(vals(wt)).toEqual([[-1, -1], [-1, -1], [-1, -1]]);
    expect(vals(tg.ones([1, 3]).mm(wt))).toEqual([[-3, -3]]);
  });

  it('matmul on t() views reads the storage in place (same values as on contiguous copies)', () => {
    const a = tg.rand([5, 7], { dtype: 'float64' }), b = tg.rand([6, 7], { dtype: 'float64' });
    expect(a.mm(b.t()).tolist()).toEqual(a.mm(b.t().contiguous()).tolist());
    expect(a.t().t().mm(b.t()).tolist()).toEqual(a.mm(b.t().contiguous()).tolist());
    const ba = tg.rand([3, 4, 5], { dtype: 'float64' }), bb = tg.rand([3, 6, 5], { dtype: 'float64' });
    expect(ba.matmul(bb.transpose(-1, -2)).tolist()).toEqual(ba.matmul(bb.transpose(-1, -2).contiguous()).tolist());
    expect(sliceDim(a, 1, 0, null, 2).t().mm(a.narrow(1, 0, 4).t().t()).shape).toEqual([4, 4]);
  });
});
