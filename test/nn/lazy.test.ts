// Lazy modules (lib/nn/lazy.ts) against PyTorch 1.13 (test/fixtures/nnmisc.json, from
// test/fixtures/gen/gen_nnmisc.py): reprs before and after the first call, the class they become, the shapes
// inferred by a dry run, loadStateDict into a lazy module with an optimizer built before it, one SGD step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, type TensorJson } from '../helpers/ops_fixture.js';

type Mod = InstanceType<typeof tg.nn.Module>;
interface LazyCase {
  cls: string; args: number[]; kwargs: Record<string, unknown>; input: TensorJson; repr: string; state_keys: string[];
  repr_after: string; class_after: string; shapes_after: Record<string, number[]>; state: Record<string, TensorJson>;
  repr_loaded: string; output: TensorJson; repr_loaded_after: string; stepped: Record<string, TensorJson>;
}
const FIX: { lazy: LazyCase[] } = JSON.parse(readFileSync(new URL('../fixtures/nnmisc.json', import.meta.url), 'utf8'));
const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const tol = { rtol: 1e-10, atol: 1e-12 };

function build(c: LazyCase): Mod {
  const Cls = (tg.nn as unknown as Record<string, new (...a: unknown[]) => Mod>)[c.cls];
  const kw = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [camel(k), v]));
  return new Cls(...c.args, { ...kw, dtype: 'float64' });
}

describe('lazy modules as PyTorch 1.13', () => {
  for (const c of FIX.lazy) {
    const label = `${c.cls}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`;
    it(`${label}: repr, stateDict keys, dry run`, () => {
      const m = build(c);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.state_keys);
      expect((m as unknown as { hasUninitializedParams(): boolean }).hasUninitializedParams()).toBe(c.cls.includes('Norm') ? c.repr.includes('affine=True') || c.repr.includes('track_running_stats=True') : true);
      m(decode(c.input));
      expect(String(m)).toBe(c.repr_after);
      expect(m.constructor.name).toBe(c.class_after);
      expect(m).toBeInstanceOf((tg.nn as unknown as Record<string, new () => Mod>)[c.class_after]);
      expect(m).not.toBeInstanceOf((tg.nn as unknown as Record<string, new () => Mod>)[c.cls]);
      const shapes = Object.fromEntries(Object.entries(m.stateDict()).map(([k, v]) => [k, v.shape]));
      expect(shapes).toEqual(c.shapes_after);
      for (const t of Object.values(m.stateDict())) expect(tg.nn.isLazy(t)).toBe(false);
      // a second call is an ordinary forward (the hook is gone)
      expect(m(decode(c.input)).shape).toEqual(c.output.shape);
    });
    it(`${label}: loadStateDict into the lazy module, optimizer built before, one SGD step`, () => {
      const m = build(c);
      const params = m.parameters();
      const opt = params.length ? new tg.optim.SGD(params, { lr: 0.1 }) : null;
      const state = Object.fromEntries(Object.entries(c.state).map(([k, t]) => [k, decode(t)]));
      m.loadStateDict(state);
      expect(String(m)).toBe(c.repr_loaded);
      const y = m(decode(c.input)) as Tensor;
      expectTensor(y, c.output, tol, `${label} output`);
      expect(String(m)).toBe(c.repr_loaded_after);
      if (opt) {
        y.mul(tg.sin(tg.arange(y.numel(), { dtype: 'float64' }).mul(0.7).add(5)).reshape(y.shape)).sum().backward();
        opt.step();
      }
      const got = m.stateDict();
      expect(Object.keys(got)).toEqual(Object.keys(c.stepped));
      for (const [k, t] of Object.entries(c.stepped)) expectTensor(got[k], t, tol, `${label} ${k} after step`);
    });
  }

  it('bad input is a thrown error naming the module', () => {
    expect(() => new tg.nn.LazyConv2d(4, 3)(tg.ones(2, 3))).toThrow(/^LazyConv2d: Expected 3D \(unbatched\) or 4D \(batched\) input to LazyConv2d, but got input of size: \[2, 3\]/);
    expect(() => new tg.nn.LazyConv2d(4, 3, { groups: 2 })(tg.ones(1, 3, 5, 5))).toThrow(/^LazyConv2d: in_channels must be divisible by groups/);
    expect(() => new tg.nn.LazyLinear(3)(tg.tensor(1))).toThrow(/^LazyLinear: expected an input with at least 1 dim/);
    expect(() => new tg.nn.LazyLinear({ outFeatures: 3, foo: 1 } as never)).toThrow(TypeError);
  });

  it('uninitialized tensors: isLazy, materialized in place (same object), stateDict holds them before', () => {
    const m = new tg.nn.LazyLinear(2, { bias: false });
    const w = m.weight;
    expect(tg.nn.isLazy(w)).toBe(true);
    expect(tg.nn.isLazy(m.stateDict({ keepVars: true }).weight)).toBe(true);
    expect(tg.nn.isParameter(w)).toBe(true);
    m(tg.ones(1, 3));
    expect(m.weight).toBe(w);
    expect(w.shape).toEqual([2, 3]);
    expect(w.requiresGrad).toBe(true);
    expect(w.abs().sum().item()).toBeGreaterThan(0);
    expect(tg.nn.isLazy(tg.nn.UninitializedBuffer())).toBe(true);
    expect(tg.nn.isLazy(tg.ones(1))).toBe(false);
  });
});
