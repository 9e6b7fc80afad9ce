// Completeness of the derivative table's tests: every row of D (lib/autograd/derivatives.ts) must have a
// PyTorch 1.13 fixture case with grads (test/fixtures/ops.json, `row` = the row key), and gradcheck +
// gradgradcheck specs (test/ops/gradcheck_specs.ts, run by test/ops/*.test.ts). Adding a row without them fails
// here. Also: the row's node name is the one PyTorch prints, and each spec and fixture case really goes through
// its row. Rows are told apart by identity (FunctionNode.row), not by name: mm and the bias-free F.linear are
// both MmBackward0, and a row no op records (a dead row) must fail here even when another row has its name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../../lib/autograd/derivatives.js';
import { FunctionNode, type Derivative } from '../../lib/autograd/function_node.js';
import { callOp, decode, FIXTURE } from '../helpers/ops_fixture.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';
import { specsMissingRow } from '../helpers/row_identity.js';

const rows = Object.keys(D) as (keyof typeof D)[];
const keyOf = new Map<Derivative, string>(rows.map((k) => [D[k] as Derivative, k]));

describe('derivative table completeness', () => {
  it('has rows', () => {
    expect(rows.length).toBeGreaterThan(50);
  });

  it('every gradcheck spec is in a group that a test file runs (opSuite), so its checks run at all', () => {
    const root = join(__dirname, '..');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts'));
    const suites = new Set(files.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/opSuite\('(\w+)'\)/g)].map((m) => m[1])));
    const groups = new Set(Object.values(GRADCHECK).flatMap((specs) => specs.map((s) => s.group)));
    expect(suites.size).toBeGreaterThan(10);
    expect([...groups].filter((g) => !suites.has(g)), 'spec groups no opSuite() call runs').toEqual([]);
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

      it('has gradcheck and gradgradcheck specs that go through the row (by identity)', () => {
        const specs = GRADCHECK[row];
        expect(specs?.length ?? 0, `no gradcheck spec for "${row}" in test/ops/gradcheck_specs.ts`).toBeGreaterThan(0);
        expect(specsMissingRow(row), `specs of "${row}" whose graph does not go through the row`).toEqual([]);
      });

      it('has fixture cases whose output node is the row itself', () => {
        for (const c of cases) {
          if (c.error !== undefined) continue;
          const outs = callOp(c, c.inputs.map((t) => decode(t)));
          const node = outs[0].gradFn;
          expect(node instanceof FunctionNode ? keyOf.get(node.row) : node?.name, c.id).toBe(row);
        }
      });

      it('has specs with float64 inputs and outputs', () => {
        (GRADCHECK[row] ?? []).forEach((s, i) => {
          const inputs = s.inputs();
          const r = s.fn(...inputs);
          const outs = Array.isArray(r) ? r : [r];
          const floats = [...inputs.filter((t) => t.requiresGrad), ...outs.filter((o) => o.requiresGrad)];
          expect(floats.map((t) => t.dtype), `${row}#${i}: inputs that require grad, then differentiable outputs`).toEqual(
            floats.map(() => 'float64'),
          );
        });
      });
    });
  }
});
