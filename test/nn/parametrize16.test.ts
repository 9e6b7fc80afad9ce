// tg.nn.utils.parametrize and the hook-based tg.nn.utils.weightNorm against PyTorch 1.13
// (test/fixtures/parametrize16.json, from test/fixtures/gen/gen_parametrize16.py): the Parametrized<Class> repr,
// stateDict keys (`parametrizations.weight.original`), values and grads, rightInverse on registration and on
// assignment, chained parametrizations with parameters of their own, removal (leaving the parametrized value or
// the original), cached(), errors; weightNorm's weight_g / weight_v, output, grads and node name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, type TensorJson } from '../helpers/ops_fixture.js';

const FIX = JSON.parse(readFileSync(new URL('../fixtures/parametrize16.json', import.meta.url), 'utf8'));
const P = tg.nn.utils.parametrize;
const nn = tg.nn;
const tol = { rtol: 1e-10, atol: 1e-12 };
type Lin = InstanceType<typeof nn.Linear> & { parametrizations: InstanceType<typeof nn.ModuleDict> };

class Symmetric extends nn.Module {
  override forward(x: Tensor): Tensor {
    return x.triu().add(x.triu(1).transpose(0, 1));
  }
}
class Exp extends nn.Module {
  override forward(x: Tensor): Tensor {
    return x.exp();
  }
  rightInverse(x: Tensor): Tensor {
    return x.log();
  }
}
class Scale extends nn.Module {
  s = nn.Parameter(tg.tensor([2], { dtype: 'float64' }));
  override forward(x: Tensor): Tensor {
    return x.mul(this.s);
  }
}

function linear(w: TensorJson, b?: TensorJson): Lin {
  const m = new nn.Linear(w.shape[1], w.shape[0], { dtype: 'float64' }) as Lin;
  tg.noGrad(() => {
    m.weight.copy_(decode(w));
    if (b) m.bias!.copy_(decode(b));
  });
  return m;
}
const original = (m: Lin, name: string): Tensor => (m.parametrizations.get(name) as unknown as { original: Tensor }).original;

describe('parametrize, as PyTorch', () => {
  const S = FIX.parametrize.symmetric;
  it('registerParametrization: ParametrizedLinear repr, stateDict keys, the parametrized weight, output and the grad of original', () => {
    const m = linear(S.weight0, S.bias);
    expect(P.registerParametrization(m, 'weight', new Symmetric())).toBe(m);
    expect(String(m)).toBe(S.repr);
    expect(m.constructor.name).toBe(S.class);
    expect(Object.keys(m.stateDict())).toEqual(S.keys);
    expect(m instanceof nn.Linear).toBe(true);
    expectTensor(m.weight, S.weight, tol, 'weight');
    const y = m.call(decode(S.x));
    expectTensor(y, S.output, tol, 'output');
    y.sum().backward();
    expectTensor(original(m, 'weight').grad!, S.original_grad, tol, 'original grad');
    expect([P.isParametrized(m), P.isParametrized(m, 'weight'), P.isParametrized(m, 'bias')]).toEqual(S.is);
  });

  it('removeParametrizations: the parametrized value stays (same tensor object), the class and repr come back', () => {
    const m = linear(S.weight0, S.bias);
    const w = m.weight;
    P.registerParametrization(m, 'weight', new Symmetric());
    P.removeParametrizations(m, 'weight');
    const R = S.removed;
    expect(String(m)).toBe(R.repr);
    expect(m.constructor.name).toBe(R.class);
    expect(Object.keys(m.stateDict())).toEqual(R.keys);
    expectTensor(m.weight, R.weight, tol, 'weight');
    expect(m.weight).toBe(w);
    expect(nn.isParameter(m.weight)).toBe(true);
    expect(P.isParametrized(m)).toBe(R.is);
    const o = FIX.parametrize.remove_original;
    const k = linear(o.weight0);
    P.registerParametrization(k, 'weight', new Symmetric());
    P.removeParametrizations(k, 'weight', { leaveParametrized: false });
    expectTensor(k.weight, o.weight, tol, 'original kept');
  });

  it('rightInverse: the original stores it at registration, and assigning the parametrized tensor stores rightInverse(value)', () => {
    const R = FIX.parametrize.right_inverse;
    const m = linear(R.weight0);
    P.registerParametrization(m, 'weight', new Exp());
    expectTensor(original(m, 'weight'), R.original, tol, 'original');
    (m as unknown as { weight: Tensor }).weight = decode(R.new);
    expectTensor(original(m, 'weight'), R.original_after_set, tol, 'original after set');
    expectTensor(m.weight, R.weight_after_set, tol, 'weight after set');
    const n = linear(R.weight0);
    P.registerParametrization(n, 'weight', new Symmetric());
    expect(() => ((n as unknown as { weight: Tensor }).weight = decode(R.new))).toThrow(/parametrization Symmetric does not implement rightInverse/);
  });

  it('chained parametrizations with parameters of their own: repr, keys, parameter names, values', () => {
    const C = FIX.parametrize.chained;
    const m = linear(C.weight0, C.bias0);
    P.registerParametrization(m, 'weight', new Symmetric());
    P.registerParametrization(m, 'weight', new Scale());
    P.registerParametrization(m, 'bias', new Scale());
    expect(String(m)).toBe(C.repr);
    expect(Object.keys(m.stateDict())).toEqual(C.keys);
    expect(m.namedParameters().map(([k]) => k)).toEqual(C.named_parameters);
    expectTensor(m.weight, C.weight, tol, 'weight');
    expectTensor(m.bias!, C.bias, tol, 'bias');
  });

  it('cached computes each parametrized tensor once; outside it every read recomputes', () => {
    const m = new nn.Linear(2, 2) as Lin;
    let calls = 0;
    class Counting extends nn.Module {
      override forward(x: Tensor): Tensor {
        calls++;
        return x.mul(1);
      }
    }
    P.registerParametrization(m, 'weight', new Counting());
    calls = 0;
    const same = P.cached(() => m.weight === m.weight && m.weight === m.weight);
    expect([same, calls]).toEqual([true, 1]);
    void m.weight, m.weight;
    expect(calls).toBe(3);
  });

  it('errors name the function (PyTorch raises ValueError for the same three)', () => {
    const E = FIX.parametrize.errors;
    expect(E.missing).toMatch(/does not have a parameter, a buffer, or a parametrized element with name 'foo'/);
    expect(() => P.registerParametrization(new nn.Linear(2, 2), 'foo', new Symmetric())).toThrow(/^registerParametrization: .*does not have a parameter, a buffer, or a parametrized element with name 'foo'/);
    class T extends nn.Module { override forward(x: Tensor): Tensor { return x.t(); } }
    expect(E.shape).toMatch(/may not change the shape/);
    const lin = new nn.Linear(2, 3);
    expect(() => P.registerParametrization(lin, 'weight', new T())).toThrow(/^registerParametrization: .*may not change the shape .*\[3, 2\].*\[2, 3\]/);
    expect(String(lin)).toBe('Linear(in_features=2, out_features=3, bias=True)'); // left as it was
    expect(E.remove_missing).toMatch(/does not have a parametrization on weight/);
    expect(() => P.removeParametrizations(new nn.Linear(2, 2), 'weight')).toThrow(/^removeParametrizations: .*does not have a parametrization on weight/);
  });
});

describe('weightNorm (hook-based, PyTorch 1.13), as PyTorch', () => {
  for (const W of FIX.weight_norm as Record<string, TensorJson & Record<string, unknown>>[]) {
    it(`${W.what}: weight_g, weight_v, stateDict keys, output, node, grads; removeWeightNorm`, () => {
      const m = (W.what === 'conv1d' ? new nn.Conv1d(2, 3, 2, { dtype: 'float64' }) : new nn.Linear(3, 2, { dtype: 'float64' })) as InstanceType<typeof nn.Module> & Record<string, Tensor>;
      tg.noGrad(() => {
        m.weight.copy_(decode(W.weight0 as TensorJson));
        m.bias.copy_(decode(W.bias0 as TensorJson));
      });
      const kw = W.kwargs as { dim?: number | null };
      tg.nn.utils.weightNorm(m, 'weight', 'dim' in kw ? kw.dim : 0);
      expect(Object.keys(m.stateDict())).toEqual(W.keys);
      expect(String(m)).toBe(W.repr);
      expectTensor(m.weight_g, W.weight_g as TensorJson, tol, 'weight_g');
      expectTensor(m.weight_v, W.weight_v as TensorJson, tol, 'weight_v');
      const y = m.call(decode(W.x as TensorJson)) as Tensor;
      expectTensor(y, W.output as TensorJson, tol, 'output');
      expect(m.weight.gradFn?.name).toBe(W.grad_fn);
      y.sum().backward();
      expectTensor(m.weight_g.grad!, W.g_grad as TensorJson, tol, 'g grad');
      expectTensor(m.weight_v.grad!, W.v_grad as TensorJson, tol, 'v grad');
      tg.nn.utils.removeWeightNorm(m);
      expect(Object.keys(m.stateDict())).toEqual(W.removed_keys);
      expectTensor(m.weight, W.removed_weight as TensorJson, tol, 'weight after removal');
    });
  }

  it('errors name the function', () => {
    const m = tg.nn.utils.weightNorm(new nn.Linear(2, 2));
    expect(() => tg.nn.utils.weightNorm(m)).toThrow(/^weightNorm: Cannot register two weight_norm hooks/);
    expect(() => tg.nn.utils.removeWeightNorm(new nn.Linear(2, 2))).toThrow(/^removeWeightNorm: weight_norm of 'weight' not found in Linear/);
    expect(() => tg.nn.utils.weightNorm(new nn.Linear(2, 2), 'foo')).toThrow(/^weightNorm: module Linear has no parameter 'foo'/);
  });
});
