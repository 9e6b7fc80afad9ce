// The backward engine and autograd API: accumulation, retainGraph, version checks, hooks, higher order,
// grad modes, custom Functions, anomaly mode, toDot, and PyTorch's errors.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const f64 = { dtype: 'float64' as const, requiresGrad: true };
const vals = (t: Tensor | null) => (t === null ? null : (t.tolist() as number[]));

describe('accumulation and graph structure', () => {
  it('accumulates into .grad across backward calls and through reused inputs', () => {
    const x = tg.tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(vals(x.grad)).toEqual([2, 4, 6]);
    x.mul(3).sum().backward();
    expect(vals(x.grad)).toEqual([5, 7, 9]);
  });

  it('keeps .grad of leaves independent when one grad fans out to several of them', () => {
    const a = tg.tensor([1, 2], { requiresGrad: true });
    const b = tg.tensor([3, 4], { requiresGrad: true });
    a.add(b).sum().backward();
    a.grad!.zero_();
    expect(vals(b.grad)).toEqual([1, 1]);
  });

  it('sums grads in place only when nothing else holds them (passed-through grads fan out unaliased)', () => {
    const a = tg.tensor([1, 2, 3], { requiresGrad: true });
    const b = tg.tensor([4, 5, 6], { requiresGrad: true });
    const s = a.add(b);
    s.add(s).mul(1).add(a).sum().backward();
    expect(vals(a.grad)).toEqual([3, 3, 3]);
    expect(vals(b.grad)).toEqual([2, 2, 2]);
    a.grad!.add_(10);
    expect(vals(b.grad)).toEqual([2, 2, 2]);
    // the same grad reaching one leaf through two pass-through nodes and a product
    const c = tg.tensor([2, 3], { requiresGrad: true });
    const u = c.add(1), w = c.sub(1);
    u.add(w).add(u.mul(w)).sum().backward();
    expect(vals(c.grad)).toEqual([2 + 2 * 2, 2 + 2 * 3]);
    const d = tg.tensor([1, 1], { requiresGrad: true });
    const e = tg.tensor([1, 1], { requiresGrad: true });
    d.add(e).add(d).add(e).sum().backward();
    d.grad!.mul_(5);
    expect(vals(e.grad)).toEqual([2, 2]);
    expect(vals(d.grad)).toEqual([10, 10]);
  });

  it('does not alias a user-given gradient as .grad', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const g = tg.tensor([1, 1]);
    x.mul(1).backward(g);
    x.grad!.zero_();
    expect(vals(g)).toEqual([1, 1]);
  });

  it('reduces broadcast grads to each input shape', () => {
    const a = tg.ones([3, 1], { requiresGrad: true });
    const b = tg.ones([4], { requiresGrad: true });
    a.mul(b).sum().backward();
    expect(vals(a.grad)).toEqual([[4], [4], [4]]);
    expect(vals(b.grad)).toEqual([3, 3, 3, 3]);
  });

  it('exposes gradFn names and nextFunctions as [node, index] pairs', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2).add(1);
    expect(y.gradFn!.name).toBe('AddBackward0');
    const [[mulNode, idx], [none]] = y.gradFn!.nextFunctions;
    expect(mulNode!.name).toBe('MulBackward0');
    expect(idx).toBe(0);
    expect(none).toBeNull();
    expect(mulNode!.nextFunctions[0][0]!.name).toBe('torch::autograd::AccumulateGrad');
    expect(x.isLeaf).toBe(true);
    expect(y.isLeaf).toBe(false);
  });

  it('backpropagates a chain of 100,000 ops without a stack overflow', () => {
    const x = tg.tensor(1, { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1);
    y.backward();
    expect(x.grad!.item()).toBe(1);
  });

  it('backward({ inputs }) accumulates only into the given tensors', () => {
    const a = tg.tensor(2, { requiresGrad: true });
    const b = tg.tensor(3, { requiresGrad: true });
    a.mul(b).backward({ inputs: [a] });
    expect(a.grad!.item()).toBe(3);
    expect(b.grad).toBeNull();
  });
});

describe("PyTorch's errors", () => {
  it('a second backward through a freed graph', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
  });

  it('retainGraph allows a second backward', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward({ retainGraph: true });
    y.backward(undefined, { retainGraph: true });
    expect(vals(x.grad)).toEqual([4, 8]);
  });

  it('an in-place change to a saved tensor', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const z = y.mul(y);
    y.add_(1);
    expect(() => z.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  it('but not for a tensor the row does not read: sign saves nothing, as in PyTorch', () => {
    // sign saved its input although SignBackward0 reads nothing, so this raised the in-place error; PyTorch
    // gives grad [0, 0] (Note [Saved values by row] in lib/autograd/function_node.ts).
    const x = tg.tensor([1, -2], { requiresGrad: true });
    const h = x.mul(1);
    const s = h.sign();
    h.add_(1);
    s.sum().backward();
    expect(vals(x.grad)).toEqual([0, 0]);
  });

  it('in-place on a leaf that requires grad, but fine under noGrad', () => {
    const w = tg.tensor([1, 2], { requiresGrad: true });
    expect(() => w.add_(1)).toThrow(/a leaf Variable that requires grad is being used in an in-place operation/);
    tg.noGrad(() => w.sub_(1));
    expect(vals(w)).toEqual([0, 1]);
  });

  it('an implicit grad for a non-scalar output', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
  });

  it('backward on a tensor that does not require grad', () => {
    expect(() => tg.tensor(1).backward()).toThrow(/does not require grad and does not have a grad_fn/);
  });

  it('.grad of a non-leaf is null unless retained', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const z = x.mul(3);
    z.retainGrad();
    y.add(z).sum().backward();
    expect(y.grad).toBeNull();
    expect(vals(z.grad)).toEqual([1, 1]);
  });
});

describe('hooks', () => {
  it('a tensor hook sees and may replace the grad', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const seen: number[][] = [];
    y.registerHook((g) => {
      seen.push(g.tolist() as number[]);
      return g.mul(10);
    });
    y.sum().backward();
    expect(seen).toEqual([[1, 1]]);
    expect(vals(x.grad)).toEqual([20, 20]);
  });

  it('a leaf hook runs before accumulation and can be removed', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const h = x.registerHook((g) => g.mul(0));
    x.sum().backward();
    expect(vals(x.grad)).toEqual([0, 0]);
    h.remove();
    x.sum().backward();
    expect(vals(x.grad)).toEqual([1, 1]);
  });
});

describe('higher order and functional gradients', () => {
  it('autograd.grad with createGraph gives second derivatives', () => {
    const x = tg.tensor(3, f64);
    const y = x.pow(3);
    const [dy] = tg.autograd.grad(y, x, { createGraph: true });
    expect(dy!.item()).toBeCloseTo(27);
    const [d2y] = tg.autograd.grad(dy!, x);
    expect(d2y!.item()).toBeCloseTo(18);
    expect(x.grad).toBeNull();
  });

  it('Hessian-vector product through tanh', () => {
    const x = tg.tensor([0.5, -1], f64);
    const v = tg.tensor([1, 2], { dtype: 'float64' });
    const [g] = tg.autograd.grad(x.tanh().sum(), x, { createGraph: true });
    const [hv] = tg.autograd.grad(g!, x, { gradOutputs: v });
    const expected = [0.5, -1].map((a, i) => -2 * Math.tanh(a) * (1 - Math.tanh(a) ** 2) * [1, 2][i]);
    (hv!.tolist() as number[]).forEach((h, i) => expect(h).toBeCloseTo(expected[i], 12));
  });

  it('backward with createGraph leaves a differentiable .grad', () => {
    const x = tg.tensor(2, f64);
    x.pow(3).backward({ createGraph: true });
    expect(x.grad!.requiresGrad).toBe(true);
    const [h] = tg.autograd.grad(x.grad!, x);
    expect(h!.item()).toBeCloseTo(12);
  });

  it('allowUnused returns null for unused inputs and errors otherwise', () => {
    const a = tg.tensor(1, { requiresGrad: true });
    const b = tg.tensor(1, { requiresGrad: true });
    expect(() => tg.autograd.grad(a.mul(2), [a, b])).toThrow(/not have been used in the graph/);
    const [ga, gb] = tg.autograd.grad(a.mul(2), [a, b], { allowUnused: true });
    expect(ga!.item()).toBe(2);
    expect(gb).toBeNull();
  });
});

describe('grad modes', () => {
  it('noGrad/enableGrad nest, return their result and restore the mode on throw', () => {
    const x = tg.tensor(1, { requiresGrad: true });
    const y = tg.noGrad(() => {
      expect(tg.isGradEnabled()).toBe(false);
      return tg.enableGrad(() => x.mul(2));
    });
    expect(y.requiresGrad).toBe(true);
    expect(tg.noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(() => tg.noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(tg.isGradEnabled()).toBe(true);
    tg.setGradEnabled(false);
    expect(x.mul(2).gradFn).toBeNull();
    tg.setGradEnabled(true);
  });

  it('detach and detach_ cut the graph; requiresGrad propagates', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    const y = x.mul(2);
    y.detach_();
    expect(y.gradFn).toBeNull();
    expect(tg.tensor(1).add(x).requiresGrad).toBe(true);
  });
});

describe('custom Functions', () => {
  class Cube extends tg.autograd.Function {
    static override forward(ctx: InstanceType<typeof tg.autograd.Function> extends never ? never : any, x: Tensor): Tensor {
      ctx.saveForBackward(x);
      return x.pow(3);
    }
    static override backward(ctx: any, g: Tensor): Tensor {
      const [x] = ctx.savedTensors as Tensor[];
      return g.mul(x.pow(2).mul(3));
    }
  }

  it('runs user forward/backward, passes gradcheck and reports needsInputGrad', () => {
    const x = tg.tensor([1, 2], f64);
    const y = Cube.apply(x) as Tensor;
    expect(y.gradFn!.name).toBe('CubeBackward');
    y.sum().backward();
    expect(vals(x.grad)).toEqual([3, 12]);
    expect(tg.autograd.gradcheck((t: Tensor) => Cube.apply(t) as Tensor, [tg.randn([3], f64)])).toBe(true);
  });
});

describe('custom Functions keep what their backward returns', () => {
  it('a grad the user also stores is neither summed into nor stolen as .grad', () => {
    const kept: Tensor[] = [];
    class Keep extends tg.autograd.Function {
      static override forward(_ctx: any, x: Tensor): Tensor {
        return x.mul(1);
      }
      static override backward(_ctx: any, g: Tensor): Tensor {
        const r = g.mul(2);
        kept.push(r);
        return r;
      }
    }
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = Keep.apply(x) as Tensor;
    y.add(x.mul(5)).sum().backward();
    expect(vals(x.grad)).toEqual([7, 7]);
    expect(vals(kept[0])).toEqual([2, 2]);
    x.grad!.zero_();
    expect(vals(kept[0])).toEqual([2, 2]);
    const z = tg.tensor([3, 4], { requiresGrad: true });
    (Keep.apply(z) as Tensor).sum().backward();
    z.grad!.zero_();
    expect(vals(kept[1])).toEqual([2, 2]);
  });
});

describe('gradcheck and anomaly mode', () => {
  it('gradcheck reports the worst element of a wrong gradient', () => {
    class Wrong extends tg.autograd.Function {
      static override forward(_ctx: any, x: Tensor): Tensor {
        return x.mul(2);
      }
      static override backward(_ctx: any, g: Tensor): Tensor {
        return g.mul(3);
      }
    }
    expect(() => tg.autograd.gradcheck((t: Tensor) => Wrong.apply(t) as Tensor, [tg.randn([2], f64)])).toThrow(/numerical:\s+(2|1\.99)[\s\S]*analytical: 3/);
  });

  it('anomaly mode names the node that produced NaN and carries the forward stack', () => {
    const x = tg.tensor([0], { requiresGrad: true });
    expect(() => tg.autograd.detectAnomaly(() => x.sqrt().mul(0).sum().backward())).toThrow(/Function 'SqrtBackward0' returned nan values[\s\S]*forward call/);
    // Outside anomaly mode the same NaN flows silently, as in PyTorch.
    x.sqrt().mul(0).sum().backward();
    expect(Number.isNaN(x.grad!.item())).toBe(true);
  });
});

describe('toDot', () => {
  it('draws nodes by PyTorch name, leaves with shapes and saved tensors', () => {
    const x = tg.ones([2, 3], { requiresGrad: true });
    const dot = tg.autograd.toDot(x.exp().sum());
    expect(dot).toMatch(/^digraph/);
    expect(dot).toContain('SumBackward0');
    expect(dot).toContain('ExpBackward0');
    expect(dot).toContain('(2, 3)');
    expect(dot).toContain('result');
  });
});
