// AccumulateGrad: the node behind every leaf that requires grad; adds incoming grads into leaf.grad.
import type { Tensor } from '../tensor.js';
import { gradMode, noGrad } from './grad_mode.js';
import { Node } from './node.js';
import { sameShape } from '../shape.js';

export class AccumulateGrad extends Node {
  readonly name = 'torch::autograd::AccumulateGrad';

  constructor(readonly variable: Tensor) {
    super([], []);
  }

  apply(): (Tensor | null)[] {
    return [];
  }

  /**
   * Note [Stealing grads]: like PyTorch's AccumulateGrad, the first grad is stored without a copy when
   * nothing else can see it: its storage was made during this backward run and was delivered to exactly one
   * place. Otherwise (a user-given gradient, a grad fanned out to several inputs, a view of one) it is cloned,
   * so later in-place updates of .grad never leak into another tensor.
   */
  accumulate(grad: Tensor, run: number, createGraph: boolean): void {
    const leaf = this.variable;
    let g = grad;
    const cur0 = leaf.grad;
    // A compact grad (Note [Compact grads] in engine.ts) adds into an existing .grad as it is.
    if (!sameShape(g.shape, leaf.shape) && (cur0 === null || createGraph || leaf._hooks.length > 0)) {
      g = g.expand(leaf.shape); // a method call: this file is reached from tensor.ts, below the ops
      g._noteDelivery();
    }
    for (const h of leaf._hooks) {
      const r = h(g);
      if (r !== undefined && r !== null) g = r;
    }
    const cur = leaf.grad;
    if (cur === null) {
      const owned = g._ownedByRun(run);
      leaf.grad = owned ? (createGraph ? g : g.detach()) : createGraph ? g.clone() : noGrad(() => g.clone());
    } else if (!createGraph) {
      // (The engine runs a backward without createGraph in no-grad mode already: no closure then.)
      if (gradMode.enabled) noGrad(() => cur.add_(g));
      else cur.add_(g);
    } else {
      leaf.grad = cur.add(g);
    }
  }
}
