// Completeness of the derivative table's tests: every row of D (lib/autograd/derivatives.ts) must have a
// PyTorch 1.13 fixture case with grads (test/fixtures/ops.json, `row` = the row key), and gradcheck +
// gradgradcheck specs (test/ops/gradcheck_specs.ts, run by test/ops/*.test.ts). Adding a row without them fails
// here. Also: the row's node name is the one PyTorch prints, and each spec and fixture case really goes through
// its row. Rows are told apart by identity (FunctionNode.row), not by name: mm and the bias-free F.linear are
// both MmBackward0, and a row no op records (a dead row) must fail here even when another row has its name.
import { describe, expect, it } from 'vitest';
import { D } from '../../lib/autograd/derivatives.js';
import { FunctionNode, type Derivative } from '../../lib/autograd/function_node.js';
import type { Node } from '../../lib/autograd/node.js';
import type { Tensor } from '../../lib/index.js';
import { callOp, decode, FIXTURE } from '../helpers/ops_fixture.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';

const rows = Object.keys(D) as (keyof typeof D)[];
const keyOf = new Map<Derivative, string>(rows.map((k) => [D[k] as Derivative, k]));

/** The row keys of every FunctionNode reachable from the outputs' gradFns, found by the node's row object. */
function graphRows(outs: Tensor | Tensor[]): Set<string> {
  const found = new Set<string>();
  const stack: Node[] = (Array.isArray(outs) ? outs : [outs]).map((o) => o.gradFn).filter((n): n is Node => n !== null);
  const seen = new Set<Node>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node instanceof FunctionNode) found.add(keyOf.get(node.row) ?? `<row not in D: ${node.name}>`);
    for (const [next] of node.nextFunctions) if (next) stack.push(next);
  }
  return found;
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

      it('has gradcheck and gradgradcheck specs that go through the row (by identity)', () => {
        const specs = GRADCHECK[row];
        expect(specs?.length ?? 0, `no gradcheck spec for "${row}" in test/ops/gradcheck_specs.ts`).toBeGreaterThan(0);
        specs.forEach((s, i) => expect([...graphRows(s.fn(...s.inputs()))], `${row}#${i} reaches rows`).toContain(row));
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
