// toDot: the backward graph of a tensor as Graphviz DOT, like torchviz (nodes by PyTorch name, leaves with shapes).
import type { Tensor } from '../tensor.js';
import { Node } from './node.js';
import { AccumulateGrad } from './accumulate_grad.js';
import { FunctionNode } from './function_node.js';
import { typeError } from '../errors.js';

/** Returns DOT source; render with `dot -Tsvg`. @example fs.writeFileSync('g.dot', tg.autograd.toDot(loss)) */
export function toDot(root: Tensor, opts: { showSaved?: boolean } = {}): string {
  if (!root || !(root as Tensor)._isTensor) throw typeError('toDot', 'expected a Tensor');
  const ids = new Map<Node, string>();
  const lines: string[] = ['digraph backward {', '  node [style=filled, shape=box, align=left, fontsize=10, height=0.2, ranksep=0.1];'];
  const id = (n: Node) => {
    let s = ids.get(n);
    if (!s) ids.set(n, (s = `n${ids.size}`));
    return s;
  };
  const shape = (t: Tensor) => `(${t.shape.join(', ')})`;
  lines.push(`  out [label="${shape(root)}", fillcolor=darkolivegreen1];`);
  const start = root.gradFn ?? (root.requiresGrad ? root.gradEdge()[0] : null);
  if (!start) return [...lines, '}'].join('\n');
  lines.push(`  ${id(start)} -> out;`);
  const stack: Node[] = [start];
  const seen = new Set<Node>([start]);
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n instanceof AccumulateGrad) {
      lines.push(`  ${id(n)} [label="${shape(n.variable)}", fillcolor=lightblue];`);
    } else {
      lines.push(`  ${id(n)} [label="${n.name}", fillcolor=lightgrey];`);
      if (opts.showSaved !== false && n instanceof FunctionNode) {
        try {
          const saved = n.savedValues;
          for (const k in saved) {
            const v = saved[k] as Tensor;
            if (v && v._isTensor) {
              const sid = `${id(n)}_${k}`;
              lines.push(`  ${sid} [label="${k}\\n${shape(v)}", fillcolor=orange];`, `  ${sid} -> ${id(n)} [style=dotted];`);
            }
          }
        } catch {
          // Saved tensors already freed by a backward without retainGraph.
        }
      }
    }
    for (const [child] of n.nextFunctions) {
      if (!child) continue;
      lines.push(`  ${id(child)} -> ${id(n)};`);
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  lines.push('}');
  return lines.join('\n');
}
