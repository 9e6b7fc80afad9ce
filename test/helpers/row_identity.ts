// Which derivative-table rows a graph goes through, told apart by identity (FunctionNode.row), not by node
// name: mm and the bias-free F.linear are both MmBackward0, so a row no op records (a dead row) would pass a
// check by name. Used by test/autograd/derivatives.test.ts (completeness) and planted_mutations.test.ts.
import { D } from '../../lib/autograd/derivatives.js';
import { FunctionNode, type Derivative } from '../../lib/autograd/function_node.js';
import type { Node } from '../../lib/autograd/node.js';
import type { Tensor } from '../../lib/index.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';

/** The row keys of every FunctionNode reachable from the outputs' gradFns, found by the node's row object. */
export function graphRows(outs: Tensor | Tensor[]): Set<string> {
  const keyOf = new Map<Derivative, string>(Object.entries(D).map(([k, d]) => [d as Derivative, k]));
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

/** The indices of the row's gradcheck specs whose graph does not go through the row itself. */
export function specsMissingRow(row: string): number[] {
  const specs = GRADCHECK[row] ?? [];
  return specs.flatMap((s, i) => (graphRows(s.fn(...s.inputs())).has(row) ? [] : [i]));
}
