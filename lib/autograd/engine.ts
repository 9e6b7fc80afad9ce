// The backward engine (PyTorch's engine.cpp in shape): dependency counting over an explicit work list, an
// input buffer per node, broadcast grads reduced once, saved tensors released unless retainGraph.
import type { Tensor } from '../tensor.js';
import { fmtShape } from '../errors.js';
import { anomaly } from './anomaly.js';
import { gradMode } from './grad_mode.js';
import { Node, type TensorMeta } from './node.js';
import { AccumulateGrad } from './accumulate_grad.js';
import { FunctionNode, GraphOnlyNode } from './function_node.js';
import { engineState } from '../storage.js';
import { sumToShape, sumCompactToShape, broadcastsTo, castTo, addGrads, hasNaN } from './grad_utils.js';
import { sameShape } from '../shape.js';
import { collectAtBackwardStart, noteBackwardEnd } from '../gc_policy.js';
import * as S from '../ops/shape.js';
import { vmapHook } from '../kwargs.js';
import { anyBatched, batchable } from './batchable.js';

const Sb = batchable(S);


export interface RunOptions {
  keepGraph: boolean;
  createGraph: boolean;
  /** autograd.grad: return the grads of these tensors instead of accumulating into .grad. */
  capture?: readonly Tensor[];
  /** backward({ inputs }): accumulate only into these. */
  accumulateOnly?: readonly Tensor[];
  allowUnused?: boolean;
}

/** The (node, output index) a tensor's gradient flows into. */
function edgeOf(t: Tensor): [Node, number] {
  const [node, nr] = t.gradEdge();
  return [node as Node, nr];
}

export function runBackward(roots: readonly Tensor[], rootGrads: readonly Tensor[], opts: RunOptions): (Tensor | null)[] {
  collectAtBackwardStart();
  const run = engineState.nextRun++;
  const prevRun = engineState.run;
  const prevMode = gradMode.enabled;
  engineState.run = run;
  gradMode.enabled = opts.createGraph;
  // Note [Reentrant backward]: a backward inside a running one (forward AD's 'transpose' rule inside a backward
  // formula) may discover nodes of the outer run; their scratch is put back afterwards.
  const touched: Scratch[] | null = prevRun !== 0 ? [] : null;
  try {
    return execute(run, roots, rootGrads, opts, touched);
  } finally {
    if (touched !== null) for (const [node, r, deps, buffer] of touched) [node.run, node.deps, node.buffer] = [r, deps, buffer];
    engineState.run = prevRun;
    gradMode.enabled = prevMode;
    noteBackwardEnd();
  }
}

type Scratch = [Node, number, number, (Tensor | null)[] | null];

function execute(run: number, roots: readonly Tensor[], rootGrads: readonly Tensor[], opts: RunOptions, touched: Scratch[] | null): (Tensor | null)[] {
  // 1. Discover the graph and count, for every node, the edges that point at it.
  const rootEdges = roots.map(edgeOf);
  const all: Node[] = [];
  const stack: Node[] = [];
  for (const [node] of rootEdges) {
    if (node.run !== run) {
      if (touched !== null) touched.push([node, node.run, node.deps, node.buffer]);
      node.run = run;
      node.deps = 0;
      node.buffer = null;
      all.push(node);
      stack.push(node);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const next = node.nextFunctions;
    for (let i = 0; i < next.length; i++) {
      const child = next[i][0];
      if (child === null) continue;
      if (child.run !== run) {
        if (touched !== null) touched.push([child, child.run, child.deps, child.buffer]);
        child.run = run;
        child.deps = 0;
        child.buffer = null;
        all.push(child);
        stack.push(child);
      }
      child.deps++;
    }
  }

  // 2. Targets: where autograd.grad captures, and which leaves may accumulate.
  let captureAt: Map<Node, Map<number, number[]>> | null = null;
  const captured: (Tensor | null)[] = [];
  if (opts.capture) {
    captureAt = new Map();
    opts.capture.forEach((t, i) => {
      captured.push(null);
      const [node, nr] = edgeOf(t);
      let m = captureAt!.get(node);
      if (!m) captureAt!.set(node, (m = new Map()));
      const list = m.get(nr);
      if (list) list.push(i);
      else m.set(nr, [i]);
    });
  }
  const accumulateOnly = opts.accumulateOnly ? new Set(opts.accumulateOnly.map((t) => edgeOf(t)[0])) : null;
  const needed = opts.capture || accumulateOnly ? markNeeded(all, run, captureAt, accumulateOnly) : null;

  // 3. Seed the root grads and run every node once all of its incoming edges have delivered. A root grad of
  // another dtype is cast to its root's, as engine.cpp's validate_outputs does on the root edges.
  const seeds = rootGrads.map((g, i) => castTo(g, roots[i].dtype));
  const seedSpent: Tensor[] = [];
  for (const g of seeds) g._noteDelivery();
  for (let i = 0; i < rootEdges.length; i++) deliver(rootEdges[i][0], rootEdges[i][1], seeds[i], seedSpent);
  freeSpent(seedSpent, run, opts.createGraph);
  const ready: Node[] = [];
  for (const [node] of rootEdges) if (node.deps === 0 && !ready.includes(node)) ready.push(node);

  while (ready.length > 0) {
    const node = ready.pop() as Node;
    // A node that received no grad at all runs with none (runPreHooks, captures and the formulas skip it).
    const grads: (Tensor | null)[] = node.buffer ?? [];
    node.buffer = null;
    runPreHooks(node, grads);
    if (captureAt) {
      const m = captureAt.get(node);
      if (m) for (const [nr, idx] of m) for (const i of idx) captured[i] = grads[nr] ?? null;
    }
    const isNeeded = needed === null || needed.has(node);
    const spent: Tensor[] = [];
    if (node instanceof AccumulateGrad) {
      if (!opts.capture && (accumulateOnly === null || accumulateOnly.has(node)) && grads[0]) {
        const leaf = node.variable;
        const hadGrad = leaf.grad !== null;
        node.accumulate(grads[0], run, opts.createGraph);
        if (hadGrad && leaf._hooks.length === 0) spent.push(grads[0]);
      }
      freeSpent(spent, run, opts.createGraph);
      continue;
    }
    if (!isNeeded) continue;
    const next = node.nextFunctions;
    let anyGrad = false;
    for (const g of grads) if (g) anyGrad = true;
    let inputGrads: (Tensor | null)[] | null = null;
    // A compact grad reaches only rows that take one; their results then stand for grads of this full shape.
    let full: number[] | null = null;
    if (anyGrad) {
      const needs = new Array<boolean>(next.length);
      for (let i = 0; i < next.length; i++) {
        const child = next[i][0];
        needs[i] = child !== null && (needed === null || needed.has(child));
      }
      if (node instanceof FunctionNode && grads[0] && !sameShape(grads[0].shape, node.outShape)) full = node.outShape;
      inputGrads = vmapHook.depth !== 0 && anyBatched(grads) ? applyBatched(node, grads, needs) : node.apply(grads, needs);
      if (!opts.keepGraph) node.release();
      if ((node instanceof FunctionNode || node instanceof GraphOnlyNode) && !node.preHooks && !(captureAt && captureAt.has(node))) {
        for (const g of grads) {
          if (!g) continue;
          // A grad passed on unchanged (AddBackward0, TBackward0 of F.linear) is no longer held by this node:
          // its next delivery may make it owned again (Note [Stealing grads]).
          // Any other is proposed for freeing; a result that is a view of it counts its own delivery into the
          // same storage box, so such a grad is no longer owned and freeSpent leaves it.
          if (inputGrads.includes(g)) g._box.deliveries--;
          else spent.push(g);
        }
      }
    }
    // Every delivery is counted before any is merged, so a grad sent to two places is never taken as owned.
    // (inputGrads is the node's fresh result array: the fitted grads replace its entries.)
    for (let i = 0; inputGrads !== null && i < next.length; i++) {
      const child = next[i][0];
      const g = inputGrads[i];
      if (child === null || !g) {
        inputGrads[i] = null;
        continue;
      }
      const v = validateGrad(node, i, g, full, child, captureAt);
      if (anomaly.enabled && hasNaN(v)) {
        throw new Error(
          `Function '${node.name}' returned nan values in its ${i}th output.` +
            (node.forwardStack ? `\nForward call that created it:\n${node.forwardStack}` : ''),
        );
      }
      v._noteDelivery();
      // A grad from user code (a custom Function's backward) may be kept elsewhere: never owned.
      if (v === g && !(node instanceof FunctionNode || node instanceof GraphOnlyNode)) v._noteDelivery();
      inputGrads[i] = v;
    }
    for (let i = 0; i < next.length; i++) {
      const [child, nr] = next[i];
      if (child === null) continue;
      const g = inputGrads ? inputGrads[i] : null;
      if (g) deliver(child, nr, g, spent);
      if (--child.deps === 0) ready.push(child);
    }
    freeSpent(spent, run, opts.createGraph);
  }

  if (opts.capture) {
    opts.capture.forEach((t, i) => {
      if (captured[i] === null && !opts.allowUnused) {
        throw new Error(
          `grad: One of the differentiated Tensors (input ${i}, shape ${fmtShape(t.shape)}) appears to not have been ` +
            'used in the graph. Set allowUnused: true if this is the desired behavior.',
        );
      }
    });
  }
  return captured;
}

/**
 * A node's formulas on batched grads (Note [Batched backward] in batchable.ts): they call ops that vmap batches;
 * one that reaches a batched tensor's storage throws, and then the node runs once per example.
 */
function applyBatched(node: Node, grads: (Tensor | null)[], needs: boolean[]): (Tensor | null)[] {
  try {
    return node.apply(grads, needs);
  } catch {
    return vmapHook.loop(node.name, (...gs: (Tensor | null)[]) => node.apply(gs, needs), grads) as (Tensor | null)[];
  }
}

/** Nodes from which a capture target or an allowed leaf can be reached; others need not run. */
function markNeeded(
  all: Node[],
  run: number,
  captureAt: Map<Node, unknown> | null,
  accumulateOnly: Set<Node> | null,
): Set<Node> {
  const needed = new Set<Node>();
  const isTarget = (n: Node) => (captureAt !== null && captureAt.has(n)) || (accumulateOnly !== null && accumulateOnly.has(n));
  // Iterative post-order DFS: a node is needed if it is a target or any child is needed.
  const state = new Map<Node, number>();
  for (const start of all) {
    if (state.has(start)) continue;
    const stack: [Node, number][] = [[start, 0]];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, i] = top;
      const next = node.nextFunctions;
      if (i < next.length) {
        top[1]++;
        const child = next[i][0];
        if (child !== null && child.run === run && !state.has(child)) {
          state.set(child, 1);
          stack.push([child, 0]);
        }
        continue;
      }
      stack.pop();
      let need = isTarget(node);
      if (!need) for (const [child] of next) if (child !== null && needed.has(child)) need = true;
      if (need) needed.add(node);
    }
  }
  return needed;
}

/** Adds a grad, its delivery already counted, into a node's input buffer slot. */
function deliver(node: Node, nr: number, g: Tensor, spent: Tensor[]): void {
  if (node.buffer === null) {
    const n = node.numOutputs;
    node.buffer = n === 1 ? [null] : new Array<Tensor | null>(n).fill(null);
  }
  const cur = node.buffer[nr];
  if (cur) {
    // Like PyTorch's InputBuffer, a grad nothing else holds (made in this run, delivered only here) takes the
    // sum in place; otherwise the sum is a new tensor. (Both have the input's dtype: validateGrad and the
    // seeds' cast see to it.)
    if (!gradMode.enabled && g._ownedByRun(engineState.run) && (sameShape(g.shape, cur.shape) || broadcastsTo(cur.shape, g.shape))) {
      g.add_(cur); // (grad mode is off here: the test above)
      node.buffer[nr] = g;
      spent.push(cur);
      return;
    }
    const sum = addGrads(cur, g);
    sum._noteDelivery();
    node.buffer[nr] = sum;
    spent.push(cur, g);
  } else {
    node.buffer[nr] = g;
  }
}

/**
 * Note [Freeing spent grads]: a grad made during this backward run and delivered to exactly one place is
 * dead once that place has used it (summed into a buffer, consumed by a node's formulas without being
 * passed on, added into an existing .grad). Freeing it right away lets the next allocation reuse its memory
 * from the storage cache instead of waiting for the garbage collector, which is what keeps large backward
 * passes free of page faults. Grads that hooks, captures or createGraph graphs may still hold are left alone,
 * and this runs only after all of a node's deliveries, when the delivery counts are final.
 */
function freeSpent(spent: Tensor[], run: number, createGraph: boolean): void {
  if (createGraph) return;
  for (const t of spent) if (t._ownedByRun(run) && !t._box.disposed) t._box.dispose();
}

function runPreHooks(node: Node, grads: (Tensor | null)[]): void {
  if (node.preHooks === null && node.retained === null) return; // (retainedFirst is set only with retained)
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (!g) continue;
    const hooks = node.preHooks?.[i] ?? [];
    const retained = node.retained?.[i];
    // Note [retainGrad and hooks]: as in PyTorch 1.13, where a tensor's hooks run as one group, placed where the
    // first of them was registered, .grad is the grad before every hook when retainGrad() came before the first
    // one, and after every hook (also later ones) otherwise. (retainGrad() sets retained[i] and
    // retainedFirst[i] together.)
    const retainFirst = node.retainedFirst?.[i] === true;
    if (retainFirst) retainGradValue(retained as Tensor, g);
    let cur = g;
    for (const h of hooks) {
      const r = h(cur);
      if (r !== undefined && r !== null) cur = r;
    }
    if (retained && !retainFirst) retainGradValue(retained, cur);
    grads[i] = cur;
  }
}

/**
 * Note [Compact grads]: the grad of x.sum() or x.mean() is one number broadcast to x's shape; PyTorch
 * passes it on as an expanded view that costs no memory. Storage here is contiguous, so the engine instead
 * lets such a grad stay compact (any shape that broadcasts to the full one) while it flows through rows
 * marked compactGrad, elementwise formulas that broadcast it for free (MulBackward0 reads one operand
 * instead of two). A grad is expanded to its full shape before anything else can see it: other rows,
 * hooks, retainGrad, autograd.grad's results, a leaf's first .grad. Formulas make compact grads only
 * without createGraph, so graphs built by backward never hold one.
 */
function takesCompact(child: Node, captureAt: Map<Node, unknown> | null): boolean {
  if (captureAt !== null && captureAt.has(child)) return false;
  if (child instanceof AccumulateGrad) return true;
  return child instanceof FunctionNode && child.row.compactGrad === true && child.preHooks === null && child.retained === null;
}

/**
 * Fits a grad to the input's shape and dtype (engine.cpp's validate_outputs): sums broadcast dims away,
 * keeps a compact grad compact where the receiving node takes one (Note [Compact grads]), casts.
 */
function validateGrad(node: Node, i: number, g: Tensor, full: number[] | null, child: Node, captureAt: Map<Node, unknown> | null): Tensor {
  // Every input with an edge has its meta (record(), Function.apply, CopySlices, GraphOnlyNode).
  const meta = node.inputMeta[i] as TensorMeta;
  let out = g;
  const s = meta.shape;
  if (full !== null) {
    // From a compact grad, even a grad shaped like the input may stand for a sum over a broadcast dim.
    out = sumCompactToShape(out, s, full);
  } else if (sameShape(out.shape, s)) {
    // the common case: nothing to reduce
  } else if (!(node instanceof FunctionNode && broadcastsTo(out.shape, s))) {
    // Sums the dims broadcasting added; a grad of the input's shape comes back as it is.
    try {
      out = sumToShape(out, s);
    } catch {
      throw new Error(
        `Function ${node.name} returned an invalid gradient at index ${i} - got ${fmtShape(g.shape)} but expected ` +
          `shape compatible with ${fmtShape(s)}`,
      );
    }
  }
  // (expand makes a view even of the same shape, and a view is never owned: Note [Stealing grads])
  if (!sameShape(out.shape, s) && !takesCompact(child, captureAt)) out = Sb.expand(out, s);
  return castTo(out, meta.dtype); // the same tensor when the dtype is already right
}

/** Stores g into a retainGrad() non-leaf's .grad (a copy, or added to the one there). */
function retainGradValue(t: Tensor, g: Tensor): void {
  t._grad = t._grad === null ? (gradMode.enabled ? g.clone() : g.detach().clone()) : t._grad.add(g);
}
