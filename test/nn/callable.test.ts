// Callable modules (Note [Callable modules]): model(x) runs forward through PyTorch's __call__ (forward
// pre-hooks, forward, forward hooks), for built-in modules and subclasses, with registration, instanceof,
// getters/setters, printing, JSON and stateDict unchanged by the module being a function object.
import { inspect } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const nn = tg.nn;
// PyTorch's __call__ with hooks (gen_nn_repr.py, section hooks).
const hooksFx = JSON.parse(readFileSync(join(__dirname, '../fixtures/nn_repr.json'), 'utf8')).hooks;

class Net extends nn.Module {
  fc = new nn.Linear(4, 2);
  #calls = 0;
  constructor() {
    super();
    this.registerBuffer('steps', tg.zeros([1]));
  }
  get calls(): number {
    return this.#calls;
  }
  set calls(v: number) {
    this.#calls = v;
  }
  override forward(x: Tensor): Tensor {
    this.#calls++;
    return this.fc(x).relu();
  }
}

describe('callable modules', () => {
  it('model(x) runs forward for built-in modules and subclasses', () => {
    const x = tg.randn([3, 4]);
    const lin = new nn.Linear(4, 2);
    expect(typeof lin).toBe('function');
    expect(tg.equal(lin(x), lin.forward(x))).toBe(true);
    expect(tg.equal(new nn.ReLU()(x), x.relu())).toBe(true);
    const net = new Net();
    expect(tg.equal(net(x), net.fc.forward(x).relu())).toBe(true);
    expect(net.calls).toBe(1);
    net.calls = 10; // a setter on the subclass, with a private field behind it
    net.call(x);
    expect(net.calls).toBe(11);
    const seq = new nn.Sequential(new nn.Linear(4, 3), new nn.Tanh());
    expect(tg.equal(seq(x), seq.get(1).forward(seq.get(0).forward(x) as Tensor) as Tensor)).toBe(true);
    // a keyword options object reaches forward untouched
    expect(tg.equal(lin({ input: x }), lin(x))).toBe(true);
  });

  it('instanceof, constructor, registration and the printout are those of an object instance', () => {
    const net = new Net();
    expect(net).toBeInstanceOf(Net);
    expect(net).toBeInstanceOf(nn.Module);
    expect(net.fc).toBeInstanceOf(nn.Linear);
    expect(net.constructor).toBe(Net);
    expect(Object.getPrototypeOf(net)).toBe(Net.prototype);
    // no own name/length/prototype from the function: only what the module assigned
    expect(Object.keys(net).filter((k) => !k.startsWith('_'))).toEqual(['training', 'fc', 'steps']);
    expect(Object.prototype.hasOwnProperty.call(net, 'prototype')).toBe(false);
    expect(net.namedParameters().map(([n]) => n)).toEqual(['fc.weight', 'fc.bias']);
    expect(Object.keys(net.stateDict())).toEqual(['steps', 'fc.weight', 'fc.bias']);
    expect(String(net)).toBe('Net(\n  (fc): Linear(in_features=4, out_features=2, bias=True)\n)');
    expect(inspect(net)).toBe(String(net));
    expect(`${new nn.ReLU()}`).toBe('ReLU()');
    // JSON.stringify skips functions: toJSON gives the attributes
    const json = JSON.parse(JSON.stringify({ m: new nn.Linear(1, 1) }));
    expect(Object.keys(json.m)).toContain('weight');
    expect(json.m.inFeatures).toBe(1);
    // errors describe a module by its class, not as "function"
    expect(() => new nn.Sequential(net, 3 as never)).toThrow(/argument 1 is not a Module \(got number 3\)/);
    expect(() => net.registerModule('x', 5 as never)).toThrow(/number 5 is not a Module subclass/);
    expect(() => net.registerBuffer('x', net as never)).toThrow(/cannot assign Net as buffer 'x'/);
  });

  it('modules may own attributes named name and length', () => {
    class Named extends nn.Module {
      declare name: string;
      declare length: number;
      constructor() {
        super();
        this.name = 'enc';
        this.length = 3;
      }
      override forward(x: Tensor): Tensor {
        return x.mul(this.length);
      }
    }
    const m = new Named();
    expect(m.name).toBe('enc');
    expect(m.length).toBe(3);
    expect(m(tg.ones([1])).item()).toBe(3);
    expect(new nn.Sequential(new nn.ReLU(), new nn.ReLU()).length).toBe(2);
  });

  it('a Module without forward throws PyTorch\'s message when called', () => {
    expect(() => new nn.Module()(tg.ones([1]))).toThrow('Module [Module] is missing the required "forward" function');
  });
});

describe('forward hooks (PyTorch __call__)', () => {
  it('pre-hooks see (module, args) and may replace the arguments; hooks see the output and may replace it', () => {
    const lin = new nn.Linear(4, 2);
    const x = tg.randn([3, 4]);
    const seen: unknown[] = [];
    const pre = lin.registerForwardPreHook((m, args) => {
      seen.push(['pre', m === lin, args.length]);
      return (args[0] as Tensor).mul(2); // a non-array: the single argument
    });
    const post = lin.registerForwardHook((m, args, out) => {
      seen.push(['post', m === lin, tg.equal(args[0] as Tensor, x.mul(2))]);
      return (out as Tensor).neg();
    });
    expect(tg.allclose(lin(x), lin.forward(x.mul(2)).neg())).toBe(true);
    expect(seen).toEqual([['pre', true, 1], ['post', true, true]]);
    // forward itself runs no hooks
    expect(tg.equal(lin.forward(x), x.matmul(lin.weight.t()).add(lin.bias as Tensor))).toBe(true);
    expect(pre.id).not.toBe(post.id);
    pre.remove();
    post.remove();
    post.remove(); // a second remove does nothing
    expect(tg.equal(lin(x), lin.forward(x))).toBe(true);
  });

  it('Sequential(lin, Tanh) with hooks on lin gives PyTorch\'s values and order, before and after remove()', () => {
    const lin = new nn.Linear(2, 2);
    tg.noGrad(() => {
      lin.weight.copy_(tg.tensor(hooksFx.weight).reshape([2, 2]));
      (lin.bias as Tensor).copy_(tg.tensor(hooksFx.bias));
    });
    const x = tg.tensor(hooksFx.x).reshape([2, 2]);
    const order: string[] = [];
    const h1 = lin.registerForwardPreHook((_, args) => (order.push('pre1'), (args[0] as Tensor).mul(2)));
    lin.registerForwardPreHook(() => (order.push('pre2'), undefined));
    const h3 = lin.registerForwardHook((_, __, out) => (order.push('hook1'), (out as Tensor).neg()));
    lin.registerForwardHook(() => (order.push('hook2'), null));
    const seq = new nn.Sequential(lin, new nn.Tanh());
    const close = (t: Tensor, e: number[]) => Array.from(t.toTypedArray() as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(e[i], 6));
    close(seq(x), hooksFx.hooked);
    h1.remove();
    h3.remove();
    close(seq(x), hooksFx.afterRemove);
    expect(order).toEqual(hooksFx.order);
  });

  it('hooks run in registration order; undefined/null keep the value; an array from a pre-hook is the argument list', () => {
    class Two extends nn.Module {
      override forward(a: Tensor, b: Tensor): Tensor {
        return a.sub(b);
      }
    }
    const m = new Two();
    const order: string[] = [];
    m.registerForwardPreHook(() => void order.push('p1'));
    m.registerForwardPreHook((_, args) => (order.push('p2'), [args[1], args[0]]));
    m.registerForwardHook(() => (order.push('h1'), null));
    m.registerForwardHook((_, __, out) => (order.push('h2'), (out as Tensor).mul(10)));
    const r = m(tg.tensor([1]), tg.tensor([4]));
    expect(r.tolist()).toEqual([30]);
    expect(order).toEqual(['p1', 'p2', 'h1', 'h2']);
  });

  it('hooks of children fire inside Sequential and a subclass forward (activations capture)', () => {
    const seq = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2));
    const acts: Record<string, number[]> = {};
    const handles = seq.namedChildren().map(([n, c]) => c.registerForwardHook((_, __, out) => void (acts[n] = (out as Tensor).shape)));
    const net = new Net();
    let fcCalls = 0;
    net.fc.registerForwardHook(() => void fcCalls++);
    seq(tg.randn([5, 4]));
    net(tg.randn([5, 4]));
    expect(acts).toEqual({ 0: [5, 3], 1: [5, 3], 2: [5, 2] });
    expect(fcCalls).toBe(1);
    for (const h of handles) h.remove();
    expect(seq.get(0)._forwardHooks.size).toBe(0);
  });

  it('a hook removing itself during the call does not disturb the others', () => {
    const m = new nn.Identity();
    const order: number[] = [];
    const h1 = m.registerForwardHook(() => (order.push(1), h1.remove()));
    m.registerForwardHook(() => void order.push(2));
    m(tg.ones([1]));
    m(tg.ones([1]));
    expect(order).toEqual([1, 2, 2]);
  });

  it('a hook that is not a function is a TypeError naming the method', () => {
    expect(() => new nn.ReLU().registerForwardHook(3 as never)).toThrow(/registerForwardHook.*hook must be a function, got number 3/);
    expect(() => new nn.ReLU().registerForwardPreHook(null as never)).toThrow(/registerForwardPreHook.*hook must be a function, got null/);
  });
});
