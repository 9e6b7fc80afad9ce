// Exceptions thrown inside hooks, custom autograd Functions and noGrad blocks leave the engine and grad mode
// consistent: grad mode restored, a later backward works.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const boom = () => {
  throw new Error('boom');
};

function healthy(): void {
  expect(tg.isGradEnabled()).toBe(true);
  const x = tg.tensor([1, 2, 3], { requiresGrad: true });
  x.mul(x).sum().backward();
  expect(x.grad!.tolist()).toEqual([2, 4, 6]);
}

describe('exceptions inside autograd callbacks', () => {
  it('a throwing hook on a leaf', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    x.registerHook(boom);
    expect(() => x.mul(2).sum().backward()).toThrow('boom');
    healthy();
  });

  it('a throwing hook on a non-leaf, under createGraph', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    y.registerHook(boom);
    expect(() => y.sum().backward({ createGraph: true })).toThrow('boom');
    healthy();
    // The same graph runs again once the hook is gone (the failed run released nothing it had not used).
    const x2 = tg.tensor([1, 2], { requiresGrad: true });
    const y2 = x2.mul(3);
    const h = y2.registerHook(boom);
    const loss = y2.sum();
    expect(() => loss.backward({ retainGraph: true })).toThrow('boom');
    h.remove();
    loss.backward();
    expect(x2.grad!.tolist()).toEqual([3, 3]);
  });

  it('a hook returning a non-Tensor is an Error, not a crash', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.registerHook((() => 'not a tensor') as never);
    expect(() => y.sum().backward()).toThrow(Error);
    healthy();
  });

  it('a custom Function whose forward throws (grad mode was off inside forward)', () => {
    class Bad extends tg.autograd.Function {
      static forward(): Tensor {
        expect(tg.isGradEnabled()).toBe(false);
        throw new Error('forward failed');
      }
    }
    expect(() => Bad.apply(tg.ones([2], { requiresGrad: true }))).toThrow('forward failed');
    healthy();
  });

  it('a custom Function whose backward throws, or returns junk', () => {
    class BadBack extends tg.autograd.Function {
      static forward(_ctx: unknown, x: Tensor): Tensor {
        return x.mul(2);
      }
      static backward(): Tensor {
        throw new Error('backward failed');
      }
    }
    class Junk extends tg.autograd.Function {
      static forward(_ctx: unknown, x: Tensor): Tensor {
        return x.mul(2);
      }
      static backward(): Tensor {
        return 'junk' as never;
      }
    }
    class WrongShape extends tg.autograd.Function {
      static forward(_ctx: unknown, x: Tensor): Tensor {
        return x.mul(2);
      }
      static backward(): Tensor {
        return tg.ones([7]);
      }
    }
    for (const F of [BadBack, Junk, WrongShape]) {
      const x = tg.ones([2], { requiresGrad: true });
      expect(() => (F.apply(x) as Tensor).sum().backward({ createGraph: true })).toThrow(Error);
      healthy();
    }
  });

  it('throws inside noGrad / enableGrad / autograd.grad restore the mode', () => {
    expect(() => tg.noGrad(boom)).toThrow('boom');
    expect(tg.isGradEnabled()).toBe(true);
    tg.setGradEnabled(false);
    expect(() => tg.enableGrad(boom)).toThrow('boom');
    expect(tg.isGradEnabled()).toBe(false);
    tg.setGradEnabled(true);
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.registerHook(boom);
    expect(() => tg.autograd.grad(y.sum(), [x])).toThrow('boom');
    healthy();
  });

  it('anomaly mode reports NaN grads as an Error and switches back off', () => {
    const x = tg.tensor([0], { requiresGrad: true });
    expect(() => tg.autograd.detectAnomaly(() => x.sqrt().mul(0).div(0).sum().backward())).toThrow(/nan/);
    expect(tg.autograd.isAnomalyEnabled()).toBe(false);
    healthy();
  });
});
