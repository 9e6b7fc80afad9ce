// Autograd of views: in-place ops through a view (PyTorch's CopySlices), views catching up with in-place
// changes of their base, and PyTorch's errors for the in-place uses it forbids. See Note [Views and autograd]
// in tensor.ts. It reaches ops only through Tensor methods: autograd sits above the ops, and the ops reach
// this file through record.ts.
import type { Tensor } from '../tensor.js';
import { gradMode, enableGrad } from './grad_mode.js';
import { Node, type Edge } from './node.js';
import { sameShape } from '../shape.js';

/**
 * PyTorch's CopySlices: the base's node after an in-place op `fn` on one of its views. The base's grad passes
 * through unchanged outside the view's elements; inside, it goes through fn's formulas, whose grad for the
 * view's old values lands back in those elements and whose other grads go to fn's other inputs.
 */
export class CopySlices extends Node {
  readonly name = 'CopySlices';

  constructor(
    baseEdge: Edge,
    private readonly base: { shape: number[]; dtype: Tensor['dtype']; layout?: { strides: number[]; offset: number; size: number } | null },
    private readonly replay: (t: Tensor) => Tensor,
    private readonly fn: Node,
    private readonly fnOutput: number,
  ) {
    super([baseEdge, ...fn.nextFunctions.slice(1)], [{ shape: base.shape, dtype: base.dtype }, ...fn.inputMeta.slice(1)]);
  }

  apply(grads: (Tensor | null)[], needs: boolean[]): (Tensor | null)[] {
    const g0 = grads[0];
    if (!g0) return needs.map(() => null);
    const g = sameShape(g0.shape, this.base.shape) ? g0 : g0.expand(this.base.shape);
    const lay = this.base.layout;
    const result = lay ? g.newZeros([lay.size]).asStrided(this.base.shape, lay.strides, lay.offset).copy_(g) : g.clone();
    const region = this.replay(result);
    const fnGrads = new Array<Tensor | null>(this.fn.numOutputs).fill(null);
    fnGrads[this.fnOutput] = region.clone();
    const res = this.fn.apply(fnGrads, needs);
    if (needs[0]) {
      const r0 = res[0];
      if (r0) region.copy_(r0);
      else region.zero_();
    }
    return [needs[0] ? result : null, ...res.slice(1)];
  }

  override release(): void {
    this.fn.release();
  }
}

/**
 * A regenerated view's node, named as PyTorch names it (AsStridedBackward0): the view's grad passes on to the
 * same view redone from its base's current history (PyTorch's view replay), which routes it to the base.
 */
class RegeneratedView extends Node {
  readonly name = 'AsStridedBackward0';

  constructor(replayed: Tensor) {
    super([replayed.gradEdge()], [{ shape: replayed.shape, dtype: replayed.dtype }]);
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    return [grads[0]];
  }
}

/**
 * Note [In-place view ops on a base]: an in-place view op (t_, transpose_, squeeze_, asStrided_, ...) gives a
 * tensor a new geometry (a new shape array) over the same storage. A view made of it before keeps its place in
 * the storage, but its replay (the view ops from the base) assumed the base's old geometry. Such a view is redone
 * as PyTorch redoes every view: as_strided of the base with the view's own sizes, strides and offset, which holds
 * on any tensor laid out as the base (the base itself, or CopySlices' grad buffer made with the base's strides).
 */
export function replayOf(v: Tensor): (b: Tensor) => Tensor {
  const info = v._view!;
  if (info.baseShape === undefined || info.baseShape === info.base.shape) return info.replay;
  const base = info.base, shape = v.shape.slice(), strides = v.stride(), rel = v._offset - base._offset;
  return (b: Tensor) => b.asStrided(shape, strides, b._offset + rel);
}

/** Gives view v a gradFn from its base's current history. */
function regenerate(v: Tensor): void {
  const info = v._view!;
  const replay = replayOf(v);
  const replayed = enableGrad(() => replay(info.base));
  if (replayed._fn === null) return;
  v._fn = new RegeneratedView(replayed);
  v._outputNr = 0;
  v._rg = true;
}

/** A view whose storage changed since its gradFn was made takes a new one from its base (Note [Views and autograd]). */
export function refresh(v: Tensor): void {
  const info = v._view!;
  const version = v._box.version;
  if (info.version === version) return;
  info.version = version;
  if (info.creation === 'noGrad') return;
  const base = info.base;
  // A leaf base keeps its AccumulateGrad, which the view's chain already ends in.
  if (!base._rg || (base._fn === null && v._rg)) return;
  regenerate(v);
}

/**
 * Makes `node` (output `nr`) the history of x after an in-place op on x. On a view, the base takes a
 * CopySlices around the node and the view a node regenerated from the base (PyTorch's rebase_history).
 */
export function rebaseHistory(x: Tensor, node: Node, nr: number): void {
  const info = x._view;
  if (info === null) {
    x._fn = node;
    x._outputNr = nr;
    x._rg = true;
    return;
  }
  const base = info.base;
  const replay = replayOf(x);
  // the grad buffer takes the base's layout when a view op changed it (Note [In-place view ops on a base])
  const layout = replay === info.replay ? null : { strides: base.stride(), offset: base._offset, size: base._box.data.length };
  base._fn = new CopySlices(base.gradEdge(), { shape: base.shape, dtype: base.dtype, layout }, replay, node, nr);
  base._outputNr = 0;
  base._rg = true;
  info.version = x._box.version;
  regenerate(x);
}

/** PyTorch's errors for in-place ops on a view in grad mode (called by every in-place op's target check). */
export function checkViewInplace(op: string, x: Tensor): void {
  if (!gradMode.enabled) return;
  const info = x._view!;
  const base = info.base;
  if (base._rg && base._fn === null)
    throw new Error(`${op}: a view of a leaf Variable that requires grad is being used in an in-place operation.`);
  if (info.creation === 'noGrad' && base._rg)
    throw new Error(
      `${op}: A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. ` +
        'You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don\'t want the inplace to be tracked) or both outside (if you want the inplace to be tracked).',
    );
  if (info.creation === 'multiOutput' && x._requiresGrad)
    throw new Error(
      `${op}: Output ${x._outputNr} of ${info.opName} is a view and is being modified inplace. This view is the output of a function that returns multiple views. ` +
        'Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.',
    );
}
