// tg.autograd.gradcheck's checkCreateGraph option and gradgradcheck's numerics (issue 22): a backward that is
// right when no graph is built but wrong when one is (createGraph: true) must fail both.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const f64 = { dtype: 'float64' as const, requiresGrad: true };

/** x^2 whose backward is 2x g without a graph, and `factor` * 2x g when one is built. */
function squareWithGraphFactor(factor: number): (x: Tensor) => Tensor {
  class Square extends tg.autograd.Function {
    static override forward(ctx: any, x: Tensor): Tensor {
      ctx.saveForBackward(x);
      return x.mul(x);
    }
    static override backward(ctx: any, g: Tensor): Tensor {
      const [x] = ctx.savedTensors as Tensor[];
      const r = g.mul(x).mul(2);
      return tg.isGradEnabled() ? r.mul(factor) : r;
    }
  }
  return (x) => Square.apply(x) as Tensor;
}

describe('gradcheck checkCreateGraph', () => {
  const x = () => tg.tensor([0.5, -1.25, 2], f64);

  it('passes a backward that is right on both branches', () => {
    expect(tg.autograd.gradcheck(squareWithGraphFactor(1), [x()], { checkCreateGraph: true })).toBe(true);
  });

  it('fails a backward that is wrong only when a graph is built, and only when asked to look', () => {
    const f = squareWithGraphFactor(2);
    expect(tg.autograd.gradcheck(f, [x()])).toBe(true);
    // The worst element is x = 2: d(x^2)/dx = 4, the createGraph branch says 8.
    expect(() => tg.autograd.gradcheck(f, [x()], { checkCreateGraph: true })).toThrow(
      /gradcheck: Jacobian mismatch .*element 2\), analytical grads built with createGraph:\n\s+numerical:\s+(4\.0*\d*|3\.99\d*)\n\s+analytical: 8\n/,
    );
    expect(tg.autograd.gradcheck(f, [x()], { checkCreateGraph: true, raiseException: false })).toBe(false);
  });
});

describe('gradgradcheck', () => {
  const x = () => tg.tensor([0.5, -1.25, 2], f64);

  it('passes right second derivatives', () => {
    expect(tg.autograd.gradgradcheck((t) => t.mul(t).mul(t).sum(), [x()])).toBe(true);
    expect(tg.autograd.gradgradcheck(squareWithGraphFactor(1), [x()])).toBe(true);
  });

  it('fails a createGraph grad that is differentiated consistently but is not the first derivative', () => {
    // The grads built with createGraph are 2 * 2x g, a function whose own derivatives the engine gets right:
    // only comparing with the grads built without a graph shows it.
    const f = squareWithGraphFactor(2);
    expect(() => tg.autograd.gradgradcheck(f, [x()])).toThrow(/gradgradcheck: the first-order grads built with createGraph differ/);
    expect(tg.autograd.gradgradcheck(f, [x()], null, { raiseException: false })).toBe(false);
  });

  it('fails a first derivative whose graph has a wrong derivative', () => {
    // Right value 2x g, but x is detached in the graph: d/dx of the grad misses its 2g term.
    class Detached extends tg.autograd.Function {
      static override forward(ctx: any, x: Tensor): Tensor {
        ctx.saveForBackward(x);
        return x.mul(x);
      }
      static override backward(ctx: any, g: Tensor): Tensor {
        const [x] = ctx.savedTensors as Tensor[];
        return g.mul(x.detach()).mul(2);
      }
    }
    expect(() => tg.autograd.gradgradcheck((t) => Detached.apply(t) as Tensor, [x()])).toThrow(/gradgradcheck: Jacobian mismatch/);
  });
});
