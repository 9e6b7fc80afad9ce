// Module.registerBackwardHook (lib/nn/module_backward_hook.ts), PyTorch's deprecated non-full module backward
// hook, against PyTorch 1.13 (test/fixtures/backward_hook.json, from test/fixtures/gen/gen_backward_hook.py):
// the grads the hook sees (those of the module's last node), replacement of gradInput, the resulting grads and
// the warnings forward emits.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

type L = number[] | number[][] | null;
interface Case {
  name: string; x_grad: boolean; replace: boolean; grad_fn: string; warnings: string[];
  seen: { grad_input: L[]; grad_output: L[] }[]; x_grad_value: L; param_grads: Record<string, L>;
}
const FIX: { cases: Case[]; both_error: string } = JSON.parse(readFileSync(new URL('../fixtures/backward_hook.json', import.meta.url), 'utf8'));
const W = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], B = [0.1, -0.2], X = [[1.0, 2.0, -1.0], [0.5, -3.0, 4.0]];

function lin(): InstanceType<typeof tg.nn.Linear> {
  const m = new tg.nn.Linear(3, 2, { dtype: 'float64' });
  tg.noGrad(() => { m.weight.copy_(tg.tensor(W, { dtype: 'float64' })); (m.bias as Tensor).copy_(tg.tensor(B, { dtype: 'float64' })); });
  return m;
}
const MAKE: Record<string, () => InstanceType<typeof tg.nn.Module>> = {
  linear_leaf_input: lin, linear_no_input_grad: lin, linear_replace: lin,
  sequential_relu: () => new tg.nn.Sequential(lin(), new tg.nn.ReLU()),
  sequential_relu_replace: () => new tg.nn.Sequential(lin(), new tg.nn.Tanh()),
};
const list = (t: Tensor | null): L => (t === null ? null : (t.tolist() as L));
const close = (a: unknown, b: unknown): void => {
  if (Array.isArray(b)) {
    expect(Array.isArray(a)).toBe(true);
    expect((a as unknown[]).length).toBe(b.length);
    b.forEach((v, i) => close((a as unknown[])[i], v));
  } else if (b === null) expect(a).toBeNull();
  else if (typeof b === 'object') {
    expect(Object.keys(a as object).sort()).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(b)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
  }
  else expect(a as number).toBeCloseTo(b as number, 12);
};

afterEach(() => vi.restoreAllMocks());

describe('registerBackwardHook against PyTorch 1.13', () => {
  it.each(FIX.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    tg.setWarnAlways(true); // every forward's warning, as the fixture's catch_warnings('always')
    try {
      const m = MAKE[c.name]!();
      const seen: { grad_input: L[]; grad_output: L[] }[] = [];
      m.registerBackwardHook((_mod, gin, gout) => {
        seen.push({ grad_input: gin.map(list), grad_output: gout.map(list) });
        return c.replace ? gin.map((g) => (g === null ? null : g.mul(2))) : undefined;
      });
      const x = tg.tensor(X, { dtype: 'float64', requiresGrad: c.x_grad });
      const y = m(x) as Tensor;
      expect(y.gradFn?.name).toBe(c.grad_fn);
      expect(warn.mock.calls.map((a) => String(a[0]).replace(/^UserWarning: /, ''))).toEqual(c.warnings);
      y.mul(tg.tensor([[1, -2], [3, 0.5]], { dtype: 'float64' })).sum().backward();
      close(seen, c.seen);
      close(list(x.grad), c.x_grad_value);
      const grads = Object.fromEntries(m.namedParameters().map(([n, p]) => [n, list(p.grad)]));
      close(grads, c.param_grads);
    } finally { tg.setWarnAlways(false); }
  });
  it('removing the hook stops it; a full backward hook and this one exclude each other; bad hooks throw', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const m = lin();
    let n = 0;
    const h = m.registerBackwardHook(() => { n++; });
    (m(tg.ones([1, 3], { dtype: 'float64' })) as Tensor).sum().backward();
    h.remove();
    (m(tg.ones([1, 3], { dtype: 'float64' })) as Tensor).sum().backward();
    expect(n).toBe(1);
    const f = lin();
    f.registerFullBackwardHook(() => undefined);
    expect(() => f.registerBackwardHook(() => undefined)).toThrow(FIX.both_error);
    const g = lin();
    g.registerBackwardHook(() => undefined);
    expect(() => g.registerFullBackwardHook(() => undefined)).toThrow(FIX.both_error);
    expect(() => lin().registerBackwardHook(3 as never)).toThrow(/^registerBackwardHook: hook must be a function/);
    const bad = lin();
    bad.registerBackwardHook(() => [null]);
    expect(() => (bad(tg.ones([1, 3], { dtype: 'float64' })) as Tensor).sum().backward()).toThrow(/registerBackwardHook: hook .* has returned an incorrect number of values \(got 1, but expected 3\)/);
  });
});
