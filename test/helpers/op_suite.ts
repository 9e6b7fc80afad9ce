// The per-op suite shared by test/ops/*.test.ts: fixture cases of one group (grads without and with
// createGraph), then, for every derivative-table row whose spec belongs to that group, float64 gradcheck (on
// both branches of the formulas), gradgradcheck, and first-order grads equal with and without createGraph.
// test/autograd/planted_mutations.test.ts plants wrong formulas and checks these same procedures catch them.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { casesOf, checkCase, checkCaseCreateGraph, OpCase } from './ops_fixture.js';
import { GRADCHECK, GradSpec } from '../ops/gradcheck_specs.js';

/**
 * Fixture cases that fail because of a bug in native/ (C++), which this suite may not fix. Each entry is
 * reported to the native owner; the test is `it.fails` so it flips to red once the kernel is fixed.
 */
export const NATIVE_BUGS: Record<string, string> = {};

export function opSuite(group: OpCase['group']): void {
  describe(`${group}: PyTorch 1.13 fixtures`, () => {
    for (const c of casesOf(group)) {
      const bug = NATIVE_BUGS[c.id];
      if (bug) it.fails(`${c.id} [native bug: ${bug}]`, () => checkCase(c));
      else it(c.id, () => checkCase(c));
      if (c.grads !== undefined && !bug) it(`${c.id} createGraph grads`, () => checkCaseCreateGraph(c));
    }
  });
  const rows = Object.entries(GRADCHECK).filter(([, specs]) => specs.some((s) => s.group === group));
  if (rows.length === 0) return;
  describe(`${group}: float64 gradcheck / gradgradcheck`, () => {
    for (const [row, specs] of rows)
      specs.forEach((s, i) => {
        if (s.group !== group) return;
        it(`${row}#${i} gradcheck`, () => specGradcheck(s));
        it(`${row}#${i} gradgradcheck`, () => specGradgradcheck(s));
        it(`${row}#${i} createGraph grads equal`, () => specCreateGraphGrads(s));
      });
  });
}

/** gradcheck of a spec, with the analytical Jacobian built both without and with createGraph. */
export function specGradcheck(s: GradSpec): void {
  tg.autograd.gradcheck(s.fn, s.inputs(), { ...s.options, checkCreateGraph: true });
}

/** gradgradcheck of a spec: second derivatives against finite differences of the first-order grads. */
export function specGradgradcheck(s: GradSpec): void {
  tg.autograd.gradgradcheck(s.fn, s.inputs(), null, s.options);
}

/** Deterministic grad_outputs in [-1, 1), so that no entry is 0 and none repeat often. */
function gradOutputsFor(outs: Tensor[]): Tensor[] {
  let k = 0;
  return outs.map((o) => {
    const n = o.numel();
    const vals = Array.from({ length: n }, () => ((k++ * 0.618033988749895) % 1) * 2 - 1 + 0.05);
    return tg.tensor(vals, { dtype: o.dtype }).reshape(o.shape);
  });
}

/**
 * The first-order grads of a spec with createGraph: true equal those without, to float64 rounding: the two
 * branches of every formula the spec reaches compute the same gradient.
 */
export function specCreateGraphGrads(s: GradSpec): void {
  const inputs = s.inputs();
  const wrt = inputs.filter((t) => t.requiresGrad);
  const run = (createGraph: boolean): (Tensor | null)[] =>
    tg.enableGrad(() => {
      const r = s.fn(...inputs);
      const outs = (Array.isArray(r) ? r : [r]).filter((o) => o.requiresGrad);
      return tg.autograd.grad(outs, wrt, { gradOutputs: gradOutputsFor(outs), createGraph, allowUnused: true });
    });
  const without = run(false), withGraph = run(true);
  without.forEach((a, k) => {
    const b = withGraph[k];
    expect(b === null, `input ${k}: grad is null with createGraph iff without`).toBe(a === null);
    if (a === null || b === null) return;
    expect(b.shape, `input ${k}: shape`).toEqual(a.shape);
    const x = Array.from(a.toTypedArray() as ArrayLike<number>), y = Array.from(b.toTypedArray() as ArrayLike<number>);
    const bad = x.map((v, i) => [i, v, y[i]]).filter(([, v, w]) => !(Math.abs(v - w) <= 1e-12 + 1e-10 * Math.abs(v)));
    expect(bad, `input ${k}: [index, without, with createGraph] that differ`).toEqual([]);
  });
}
