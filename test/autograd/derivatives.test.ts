// Completeness of the derivative table's tests: every row of D (lib/autograd/derivatives.ts) must have a
// PyTorch 1.13 fixture case with grads (test/fixtures/ops.json, `row` = the row key), and gradcheck +
// gradgradcheck specs (test/ops/gradcheck_specs.ts, run by test/ops/*.test.ts). Adding a row without them fails
// here. Also: the row's node name is the one PyTorch prints, and each spec really goes through its row.
import { describe, expect, it } from 'vitest';
import { D } from '../../lib/autograd/derivatives.js';
import type { Tensor } from '../../lib/index.js';
import { FIXTURE } from '../helpers/ops_fixture.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';

const rows = Object.keys(D) as (keyof typeof D)[];

/** Names of every node reachable from the outputs' gradFns. */
function graphNames(outs: Tensor | Tensor[]): Set<string> {
  const names = new Set<string>();
  const stack = (Array.isArray(outs) ? outs : [outs]).map((o) => o.gradFn).filter((n) => n !== null);
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    names.add(node.name);
    for (const [next] of node.nextFunctions) if (next) stack.push(next);
  }
  return names;
}

describe('derivative table completeness', () => {
  it('has rows', () => {
    expect(rows.length).toBeGreaterThan(50);
  });

  it('every fixture row and gradcheck spec names an existing row', () => {
    const known = new Set<string>(rows);
    const fixtureRows = [...new Set(FIXTURE.cases.map((c) => c.row).filter((r): r is string => r !== null))];
    expect(fixtureRows.filter((r) => !known.has(r)), 'fixture rows missing from D').toEqual([]);
    expect(Object.keys(GRADCHECK).filter((r) => !known.has(r)), 'gradcheck specs for rows missing from D').toEqual([]);
  });

  for (const row of rows) {
    describe(row, () => {
      const cases = FIXTURE.cases.filter((c) => c.row === row);

      it('has a PyTorch fixture case with grads', () => {
        expect(cases.length, `no case in test/fixtures/ops.json has row "${row}" (add one to gen_ops.py)`).toBeGreaterThan(0);
        expect(cases.some((c) => c.grads !== undefined), `no fixture case of "${row}" checks grads`).toBe(true);
      });

      it("is named as PyTorch's node", () => {
        for (const c of cases) expect(D[row].name, c.id).toBe(c.grad_fn);
      });

      it('has gradcheck and gradgradcheck specs that go through the row', () => {
        const specs = GRADCHECK[row];
        expect(specs?.length ?? 0, `no gradcheck spec for "${row}" in test/ops/gradcheck_specs.ts`).toBeGreaterThan(0);
        for (const s of specs) expect([...graphNames(s.fn(...s.inputs()))]).toContain(D[row].name);
      });
    });
  }
});
