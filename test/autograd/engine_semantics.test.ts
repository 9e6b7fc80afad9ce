// Engine semantics that mutation testing (docs/mutation.md) found unchecked: which nodes a capture or an
// `inputs` list runs, repeated roots and inputs, the grad mode inside backward, grads a custom Function returns
// in the wrong shape or dtype, and retained grads. Expected values are PyTorch 1.13's (checked by hand).
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const vals = (t: Tensor | null) => (t === null ? null : (t.tolist() as number[]));

describe('autograd.grad targets', () => {
  it('captures the grad of a non-leaf without running the graph below it', () => {
    const x = tg.tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    let leafHookRan = false;
    x.registerHook(() => {
      leafHookRan = true;
    });
    const h = x.exp();
    const [gh] = tg.autograd.grad(h.mul(h).sum(), h);
    expect(vals(gh)).toEqual(vals(h.mul(2)));
    expect(leafHookRan).toBe(false);
    expect(x.grad).toBeNull();
  });

  it('returns the same grad at every position an input is listed', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const [a, b] = tg.autograd.grad(x.mul(x).sum(), [x, x]);
    expect(vals(a)).toEqual([2, 4]);
    expect(vals(b)).toEqual([2, 4]);
  });

  it('gives each of several inputs its own grad and leaves .grad alone', () => {
    const a = tg.tensor([1, 2], { requiresGrad: true });
    const b = tg.tensor([3, 4], { requiresGrad: true });
    const [ga, gb] = tg.autograd.grad(a.mul(b).sum(), [b, a]);
    expect(vals(ga)).toEqual([1, 2]);
    expect(vals(gb)).toEqual([3, 4]);
    expect(a.grad).toBeNull();
    expect(b.grad).toBeNull();
  });

  it('names the unused input by index and shape', () => {
    const a = tg.tensor([1, 2], { requiresGrad: true });
    const b = tg.ones([2, 3], { requiresGrad: true });
    expect(() => tg.autograd.grad(a.sum(), [a, b])).toThrow(/input 1, shape \[2, 3\]\) appears to not have been used/);
  });

  it('backward({ inputs }) skips the branches that lead only to other leaves', () => {
    const a = tg.tensor([1, 2], { requiresGrad: true });
    const b = tg.tensor([3, 4], { requiresGrad: true });
    let otherBranchRan = false;
    const hb = b.mul(2);
    hb.registerHook((g) => {
      otherBranchRan = true;
      return g;
    });
    a.mul(3).add(hb).sum().backward({ inputs: [a] });
    expect(vals(a.grad)).toEqual([3, 3]);
    expect(b.grad).toBeNull();
    expect(otherBranchRan).toBe(false);
  });

  // A custom Function's backward returns grads for all its inputs, whatever ctx.needsInputGrad says, so the
  // pruning of the other branch cannot rely on the formulas alone (PyTorch 1.13: tensor([2., 2.]) None 0).
  it('backward({ inputs }) neither runs nor accumulates into the branches a custom Function feeds regardless', () => {
    let idCalls = 0;
    class Both extends tg.autograd.Function {
      static override forward(_ctx: any, a: Tensor, b: Tensor): Tensor {
        return a.mul(b);
      }
      static override backward(_ctx: any, g: Tensor): Tensor[] {
        return [g.mul(2), g.mul(3)];
      }
    }
    class Id extends tg.autograd.Function {
      static override forward(_ctx: any, a: Tensor): Tensor {
        return a.clone();
      }
      static override backward(_ctx: any, g: Tensor): Tensor {
        idCalls++;
        return g;
      }
    }
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = tg.tensor([3, 4], { requiresGrad: true });
    (Both.apply(x, y) as Tensor).sum().backward({ inputs: [x] });
    expect(vals(x.grad)).toEqual([2, 2]);
    expect(y.grad).toBeNull();
    const z = tg.tensor([3, 4], { requiresGrad: true });
    (Both.apply(x, Id.apply(z) as Tensor) as Tensor).sum().backward({ inputs: [x] });
    expect(vals(x.grad)).toEqual([4, 4]);
    expect(z.grad).toBeNull();
    expect(idCalls).toBe(0);
  });
});

describe('grads a custom Function returns for inputs that need none', () => {
  // PyTorch's validate_outputs skips inputs without an edge, so even a grad of the wrong shape is ignored there
  // (PyTorch 1.13: x.grad tensor([2., 2.]), y.grad None).
  it('are ignored, whatever their shape', () => {
    class F extends tg.autograd.Function {
      static override forward(_ctx: any, a: Tensor, b: Tensor): Tensor {
        return a.mul(b);
      }
      static override backward(_ctx: any, g: Tensor): Tensor[] {
        return [g.mul(2), tg.ones([5])];
      }
    }
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = tg.tensor([3, 4]);
    (F.apply(x, y) as Tensor).sum().backward();
    expect(vals(x.grad)).toEqual([2, 2]);
    expect(y.grad).toBeNull();
  });
});

describe('hooks that return nothing', () => {
  // As a Python hook returning None: the grad passes on unchanged, for undefined and null alike.
  it('leave the grad unchanged (undefined or null)', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(tg.tensor([3, 4]));
    y.registerHook(() => null as unknown as Tensor);
    y.registerHook(() => undefined);
    y.sum().backward();
    expect(vals(x.grad)).toEqual([3, 4]);
  });
});

describe('nodes that receive no grad', () => {
  // NormBackward1 gives no grad for p = 0, so MulBackward0 gets none and must not run its formula on null
  // (PyTorch 1.13: x.grad is None).
  it('do not run: (x * 2).norm(0).backward() leaves x.grad null', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    x.mul(2).norm(0).backward();
    expect(x.grad).toBeNull();
    const w = tg.tensor([1, 2], { requiresGrad: true });
    let hookRan = false;
    const h = w.mul(tg.tensor([3, 4]));
    h.registerHook((g) => {
      hookRan = true;
      return g;
    });
    h.norm(0).backward();
    expect(hookRan).toBe(false);
    expect(w.grad).toBeNull();
  });
});

describe('tensor hooks of an output that receives no grad', () => {
  // A deliberate difference (docs/autograd.md): PyTorch 1.13 calls such a hook with None (`a, b = x.split(2);
  // b.register_hook(f); a.sum().backward()` calls f(None)); tensorgrad's hooks are typed to receive a Tensor
  // and run only when the tensor receives a grad. The sibling output's hook still runs.
  it('do not run, while the sibling output’s hooks do', () => {
    const x = tg.tensor([1, 2, 3, 4], { requiresGrad: true });
    const [a, b] = x.split(2);
    const seen: string[] = [];
    b.registerHook((g) => {
      seen.push(`b ${String(g)}`);
      return g;
    });
    a.registerHook((g) => {
      seen.push('a');
      return g.mul(10);
    });
    a.sum().backward();
    expect(seen).toEqual(['a']);
    expect(vals(x.grad)).toEqual([10, 10, 0, 0]);
  });
});

describe('roots', () => {
  it('backward over the same root twice adds both seeds once each', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const z = x.mul(2).add(x);
    tg.autograd.backward([z, z], [tg.ones([2]), tg.tensor([1, 2])]);
    expect(vals(x.grad)).toEqual([6, 9]);
  });

  it('backward over two roots that share part of the graph', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const h = x.mul(x);
    tg.autograd.backward([h.sum(), h.mul(3).sum()]);
    expect(vals(x.grad)).toEqual([8, 16]);
  });
});

describe('root grads of another dtype', () => {
  // PyTorch 1.13 casts the grads given for the roots to the roots' dtypes (the engine's validate_outputs on
  // the root edges); tensorgrad passed them on as they were, so a float64 grad for a float32 leaf failed in
  // the .grad setter and one for a float32 node ran the node's formula in float64.
  it('are cast to their roots\' dtypes, as PyTorch', () => {
    const f64 = (n: number[]) => tg.tensor(n, { dtype: 'float64' });
    const x = tg.ones([3], { requiresGrad: true });
    x.backward(f64([1, 2, 3]));
    expect([x.grad!.dtype, vals(x.grad)]).toEqual(['float32', [1, 2, 3]]);
    const y = tg.ones([3], { requiresGrad: true });
    y.mul(2).backward(f64([1, 2, 3]));
    expect([y.grad!.dtype, vals(y.grad)]).toEqual(['float32', [2, 4, 6]]);
    // two roots on one node: the float64 seed and the float32 grad from h * 2 meet in h's buffer slot
    const w = tg.tensor([0, 1], { requiresGrad: true });
    const h = w.exp();
    tg.autograd.backward([h, h.mul(2)], [f64([1, 1]), tg.ones([2])]);
    expect(w.grad!.dtype).toBe('float32');
    expect(vals(w.grad)).toEqual(vals(w.detach().exp().mul(3)));
    const [gz] = tg.autograd.grad(w.exp(), w, { gradOutputs: f64([1, 1]), createGraph: true });
    expect(gz!.dtype).toBe('float32');
  });
});

describe('grad mode during backward', () => {
  it('is off inside hooks unless createGraph, and restored afterwards, also when a hook throws', () => {
    const seen: boolean[] = [];
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const watch = (t: Tensor) => t.registerHook(() => void seen.push(tg.isGradEnabled()));
    let y = x.mul(2);
    watch(y);
    y.sum().backward();
    y = x.mul(2);
    watch(y);
    y.sum().backward({ createGraph: true });
    expect(seen).toEqual([false, true]);
    expect(tg.isGradEnabled()).toBe(true);
    tg.noGrad(() => {
      const w = tg.enableGrad(() => x.mul(2).sum());
      w.backward({ createGraph: true });
      expect(tg.isGradEnabled()).toBe(false);
    });
    const v = x.mul(2);
    v.registerHook(() => {
      throw new Error('hook failed');
    });
    expect(() => v.sum().backward({ createGraph: true })).toThrow('hook failed');
    expect(tg.isGradEnabled()).toBe(true);
  });

  it('a backward run inside a hook leaves the outer run intact', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const u = tg.tensor([5, 7], { requiresGrad: true });
    let inner: Tensor | null = null;
    const y = x.mul(3);
    y.registerHook((g) => {
      [inner] = tg.enableGrad(() => tg.autograd.grad(u.mul(u).sum(), u));
      return g;
    });
    // x is reached twice, so its two grads are summed after the nested run.
    y.add(x.mul(4)).sum().backward();
    expect(vals(inner)).toEqual([10, 14]);
    expect(vals(x.grad)).toEqual([7, 7]);
  });
});

describe('grads a custom Function returns', () => {
  class Returns extends tg.autograd.Function {
    static grad: () => Tensor = () => tg.ones([1]);
    static override forward(_ctx: any, x: Tensor): Tensor {
      return x.mul(1);
    }
    static override backward(_ctx: any, _g: Tensor): Tensor {
      return Returns.grad();
    }
  }

  it('a grad of an unrelated shape is an error naming the node, the index and both shapes', () => {
    Returns.grad = () => tg.ones([3]);
    const x = tg.ones([2], { requiresGrad: true });
    expect(() => (Returns.apply(x) as Tensor).sum().backward()).toThrow(
      'Function ReturnsBackward returned an invalid gradient at index 0 - got [3] but expected shape compatible with [2]',
    );
  });

  it('a grad with extra broadcast dims is summed to the input shape and cast to its dtype', () => {
    Returns.grad = () => tg.ones([2, 3], { dtype: 'float64' });
    const x = tg.ones([3], { requiresGrad: true });
    (Returns.apply(x) as Tensor).sum().backward();
    expect(vals(x.grad)).toEqual([2, 2, 2]);
    expect(x.grad!.dtype).toBe('float32');
    Returns.grad = () => tg.ones([3], { dtype: 'float64' });
    const z = tg.ones([3], { requiresGrad: true });
    (Returns.apply(z) as Tensor).sum().backward();
    expect(z.grad!.dtype).toBe('float32');
    expect(vals(z.grad)).toEqual([1, 1, 1]);
  });
});

describe('retained grads', () => {
  it('a retained non-leaf grad is the sum over every path, and hooks registered before retainGrad apply to it', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.retainGrad();
    y.mul(3).add(y).sum().backward();
    expect(vals(y.grad)).toEqual([4, 4]);
    const w = x.mul(2);
    w.registerHook((g) => g.mul(10));
    w.retainGrad();
    w.mul(3).sum().backward();
    expect(vals(w.grad)).toEqual([30, 30]);
  });

  it('the grad of a float64 copy reaches a float32 leaf as float32', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    x.to('float64').mul(tg.tensor([0.5, 0.25], { dtype: 'float64' })).sum().backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(vals(x.grad)).toEqual([0.5, 0.25]);
  });
});

describe('retainGrad among hooks', () => {
  it('.grad is the grad before every hook if retainGrad came first, else after every hook (PyTorch 1.13)', () => {
    // Values from PyTorch 1.13, where a tensor's Python hooks run as one group at the place of the first one.
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.retainGrad();
    y.registerHook((g) => g.mul(10));
    y.mul(3).sum().backward();
    expect(vals(y.grad)).toEqual([3, 3]);
    expect(vals(x.grad)).toEqual([60, 60]);
    // a hook first: the retained grad follows every hook, even one registered after retainGrad
    const w = x.mul(2);
    w.registerHook((g) => g.mul(10));
    w.retainGrad();
    w.registerHook((g) => g.mul(100));
    w.sum().backward();
    expect(vals(w.grad)).toEqual([1000, 1000]);
    // ... and still does once that first hook is removed
    const v = x.mul(2);
    const h = v.registerHook((g) => g.mul(10));
    v.retainGrad();
    v.registerHook((g) => g.mul(7));
    h.remove();
    v.sum().backward();
    expect(vals(v.grad)).toEqual([7, 7]);
  });
});

describe('grads that user code holds are never freed or summed into', () => {
  it('a leaf hook may keep the grad it sees, also when .grad already exists', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    x.mul(2).sum().backward();
    let kept: Tensor | null = null;
    x.registerHook((g) => {
      kept = g;
    });
    x.mul(3).sum().backward();
    expect(vals(kept)).toEqual([3, 3]);
    expect(vals(x.grad)).toEqual([5, 5]);
    // Also a full-shape grad made in this run (the one above reaches the leaf through the compact path).
    x.mul(tg.tensor([3, 4])).mul(tg.tensor([1, 1])).backward(tg.tensor([1, 1]));
    expect(vals(kept)).toEqual([3, 4]);
    expect(vals(x.grad)).toEqual([8, 9]);
  });

  it('a non-leaf hook may keep the grad it sees', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x);
    let kept: Tensor | null = null;
    y.registerHook((g) => {
      kept = g;
    });
    y.mul(3).sum().backward();
    expect(vals(kept)).toEqual([3, 3]);
    expect(vals(x.grad)).toEqual([6, 12]);
  });

  it('with createGraph, grads reaching one input twice are summed out of place (second derivative of x*x)', () => {
    const x = tg.tensor([2, 3], { dtype: 'float64', requiresGrad: true });
    const [g] = tg.autograd.grad(x.mul(x).sum(), x, { createGraph: true });
    expect(vals(g)).toEqual([4, 6]);
    const [h] = tg.autograd.grad(g!.sum(), x);
    expect(vals(h)).toEqual([2, 2]);
  });

  it('a retained grad of a row that takes compact grads has the full shape', () => {
    const x = tg.ones([2, 3], { requiresGrad: true });
    const y = x.mul(2);
    y.retainGrad();
    y.mul(5).sum().backward();
    expect(y.grad!.shape).toEqual([2, 3]);
    expect(vals(y.grad)).toEqual([[5, 5, 5], [5, 5, 5]]);
    expect(vals(x.grad)).toEqual([[10, 10, 10], [10, 10, 10]]);
  });
});

describe('anomaly mode', () => {
  it('names the failing output index, and adds no forward stack for a graph built outside anomaly mode', () => {
    const x = tg.tensor([0, 1], { requiresGrad: true });
    const y = x.sqrt().mul(0).sum();
    let msg = '';
    try {
      tg.autograd.detectAnomaly(() => y.backward());
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toBe("Function 'SqrtBackward0' returned nan values in its 0th output.");
  });
});
