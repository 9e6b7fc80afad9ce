// tg.func.functionalCall (issue 19 item 2) against PyTorch 1.13's torch.nn.utils.stateless.functional_call: a
// small MLP called with given parameters, grad of a loss with respect to the parameter dict, buffers under
// PyTorch's names, partial dicts, restoring the module (also when forward throws), and the errors.
// Fixtures: test/fixtures/gen/gen_func_reverse.py -> test/fixtures/func_reverse.json ("functionalCall").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

type TJ = { shape: number[]; data: number[] };
const FC = JSON.parse(readFileSync(join(__dirname, '../fixtures/func_reverse.json'), 'utf8')).functionalCall;
const T = (j: TJ): Tensor => tg.tensor(j.data, { dtype: 'float64' }).reshape(j.shape);
const dict = (o: Record<string, TJ>): Record<string, Tensor> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, T(v)]));

function close(got: Tensor, want: TJ, what: string): void {
  expect([what, got.shape]).toEqual([what, want.shape]);
  const a = Array.from(got.contiguous()._data as ArrayLike<number>);
  const bad = a.findIndex((v, i) => !(Math.abs(v - want.data[i]) <= 1e-9 * (1 + Math.abs(want.data[i]))));
  expect([what, bad]).toEqual([what, -1]);
}

const mlp = () => new tg.nn.Sequential(new tg.nn.Linear(4, 8), new tg.nn.Tanh(), new tg.nn.Linear(8, 3)).double();
const { functionalCall, grad, gradAndValue } = tg.func;

describe('tg.func.functionalCall (PyTorch 1.13 fixtures)', () => {
  const x = T(FC.x), y = T(FC.y);

  it('calls the module with the given parameters', () => {
    const m = mlp();
    close(functionalCall(m, dict(FC.params), [x]) as Tensor, FC.out, 'out');
    // A Map works as well, and a lone argument need not be in an array.
    close(functionalCall(m, new Map(Object.entries(dict(FC.params))), x) as Tensor, FC.out, 'out (Map)');
  });

  it('grad of a loss with respect to the parameter dict (the MLP of torch.func\'s docs)', () => {
    const m = mlp();
    const own = m.parameters();
    const loss = (p: Record<string, Tensor>, xb: Tensor, yb: Tensor) => tg.nn.functional.mseLoss(functionalCall(m, p, [xb]) as Tensor, yb);
    const [g, v] = gradAndValue(loss)(dict(FC.params), x, y) as [Record<string, Tensor>, Tensor];
    expect(Object.keys(g)).toEqual(Object.keys(FC.grad));
    for (const k of Object.keys(FC.grad)) close(g[k], FC.grad[k], `grad ${k}`);
    close(v, FC.loss, 'loss');
    // Per-example gradients by a loop over grad (vmap(grad) after the vmap merge).
    FC.perExample.forEach((want: Record<string, TJ>, i: number) => {
      const gi = grad(loss)(dict(FC.params), x.narrow(0, i, 1), y.narrow(0, i, 1)) as Record<string, Tensor>;
      for (const k of Object.keys(want)) close(gi[k], want[k], `example ${i} ${k}`);
    });
    // The module keeps its own parameters, untouched and without grads.
    expect(m.parameters()).toEqual(own);
    expect(m.parameters().every((p, i) => p === own[i] && p.grad === null)).toBe(true);
  });

  it('names not given keep the module\'s own tensors', () => {
    const m = mlp();
    m.loadStateDict(dict(FC.ownParams));
    close(m(x) as Tensor, FC.ownOut, 'own out');
    close(functionalCall(m, { '2.bias': T(FC.params['2.bias']) }, [x]) as Tensor, FC.partialOut, 'partial out');
    close(m(x) as Tensor, FC.ownOut, 'own out after');
  });

  it('buffers by PyTorch\'s names (running_mean), as module.namedBuffers() lists them', () => {
    const bn = new tg.nn.BatchNorm1d(3).double().eval();
    const before = bn.namedBuffers().map(([n, b]) => [n, b]);
    close(functionalCall(bn, dict(FC.bnBuffers), [T(FC.bnX)]) as Tensor, FC.bnOut, 'bn out');
    expect(bn.namedBuffers()).toEqual(before);
    expect(bn.namedBuffers().every(([n, b], i) => n === before[i][0] && b === before[i][1])).toBe(true);
    // The registration order and the stateDict keys are as before.
    expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
  });

  it('restores the module when forward throws', () => {
    class Boom extends tg.nn.Module {
      lin = new tg.nn.Linear(2, 2);
      forward(): never {
        throw new Error('boom');
      }
    }
    const m = new Boom();
    const w = m.lin.weight;
    expect(() => functionalCall(m, { 'lin.weight': tg.ones([2, 2]), extra: tg.ones(1) }, [tg.ones(2)])).toThrow('boom');
    expect(m.lin.weight).toBe(w);
    expect('extra' in m).toBe(false);
    expect(m.namedParameters().map(([n]) => n)).toEqual(['lin.weight', 'lin.bias']);
  });

  it('passes kwargs as the trailing options object of forward', () => {
    class Scale extends tg.nn.Module {
      w = new tg.nn.Parameter(tg.ones(2));
      forward(x: Tensor, o: { by?: number } = {}): Tensor {
        return x.mul(this.w).mul(o.by ?? 1);
      }
    }
    const r = functionalCall(new Scale(), { w: tg.tensor([2, 3]) }, [tg.tensor([1, 1])], { by: 10 }) as Tensor;
    expect(r.tolist()).toEqual([20, 30]);
  });

  it("PyTorch's error for a name whose module does not exist; bad arguments are TypeErrors", () => {
    const m = mlp();
    const w = m.get(0).weight;
    expect(() => functionalCall(m, { '5.weight': tg.ones(2), '0.weight': tg.ones([8, 4]) }, [x])).toThrow(`functionalCall: ${FC.unknownModule}`);
    expect(m.get(0).weight).toBe(w); // nothing was swapped
    expect(() => functionalCall(m, { '0.weight.foo': tg.ones(2) }, [x])).toThrow(/functionalCall: 'weight' of 'Linear' is not an nn.Module/);
    expect(() => functionalCall(m, { '0.weight': 3 } as never, [x])).toThrow(/functionalCall: expected a Tensor for '0.weight', got number 3/);
    expect(() => functionalCall((() => 1) as never, {}, [x])).toThrow(/functionalCall: expected an nn.Module/);
    expect(() => functionalCall(m, [tg.ones(1)] as never, [x])).toThrow(/functionalCall: parametersAndBuffers must be a plain object or a Map/);
  });
});
