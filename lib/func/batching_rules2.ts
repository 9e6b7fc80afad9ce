// vmap batching rules (Note [vmap] in vmap.ts), second part: products, nn ops and losses, autograd and the
// tensor's metadata methods.
import { Tensor } from '../tensor.js';
import { ones } from '../ops/creation.js';
import { batchedGrad, grad, type GradOptions } from '../autograd/backward.js';
import {
  rules, NO_RULE, callOp, wrap, isBatchedAt, BatchedTensor, levels, fallbackCounts, warnOnce, expandedFrom, type OpCall, type Rule,
} from './vmap.js';
import { Function as AutogradFunction, FunctionCtx } from '../autograd/function.js';
import { batchedValue, register, normDim, SHAPE } from './batching_rules.js';

// ---- products -----------------------------------------------------------------------------------------------
/**
 * matmul on logical operands: a 1-D operand becomes a matrix (a row on the left, a column on the right) and the
 * added dim is squeezed from the result, as matmul defines it; then the batched operands get size-1 dims up to
 * the common logical rank so that the batch dim stays first and the logical batch dims broadcast. One matmul.
 */
function batchedMatmul(op: OpCall, a: Tensor, b: Tensor): Tensor {
  const L = op.level;
  const ra = a.shape.length, rb = b.shape.length;
  if (ra === 0 || rb === 0) throw new RangeError(`${op.sig.fn}: both arguments need at least 1 dimension, got shapes [${a.shape}] and [${b.shape}]`);
  let pa = isBatchedAt(a, L) ? a.value : a, pb = isBatchedAt(b, L) ? b.value : b;
  const ba = pa !== a, bb = pb !== b;
  if (ra === 1) pa = pa.unsqueeze(ba ? 1 : 0);
  if (rb === 1) pb = pb.unsqueeze(-1);
  const la = Math.max(ra, 2), lb = Math.max(rb, 2), rank = Math.max(la, lb);
  for (let k = la; k < rank && ba; k++) pa = pa.unsqueeze(1);
  for (let k = lb; k < rank && bb; k++) pb = pb.unsqueeze(1);
  let r = pa.matmul(pb);
  if (rb === 1) r = r.squeeze(-1);
  if (ra === 1) r = r.squeeze(-2 + (rb === 1 ? 1 : 0));
  return r;
}
function checkRanks(op: OpCall, a: Tensor, b: Tensor, ra: number, rb: number): void {
  if (a.shape.length !== ra || b.shape.length !== rb)
    throw new RangeError(`${op.sig.fn}: expected ${ra}-D and ${rb}-D tensors, got shapes [${a.shape}] and [${b.shape}]`);
}
const product = (ra: number, rb: number): Rule => (op, args) => {
  const a = args[0] as Tensor, b = args[1] as Tensor;
  if (ra > 0) checkRanks(op, a, b, ra, rb);
  return wrap(batchedMatmul(op, a, b), op.level);
};
rules.set('matmul', product(0, 0));
rules.set('mm', product(2, 2));
rules.set('mv', product(2, 1));
rules.set('dot', product(1, 1));
rules.set('vdot', product(1, 1));
rules.set('inner', product(1, 1));
rules.set('bmm', product(3, 3));
rules.set('outer', (op, args) => {
  const a = args[0] as Tensor, b = args[1] as Tensor;
  checkRanks(op, a, b, 1, 1);
  return a.unsqueeze(1).mul(b.unsqueeze(0));
});
rules.set('ger', rules.get('outer')!);

/**
 * linear with a weight (and bias) that vmap expanded from an unbatched tensor requiring grad (Note [vmap]): one
 * linear with the original weight forward; backward gives the expansion its per-example gradients as one bmm of
 * the output grads and the inputs, as PyTorch's ExpandedWeight does, instead of a bmm against B copies of the weight.
 */
class ExpandedLinear extends AutogradFunction {
  static override forward(ctx: FunctionCtx, x: Tensor, we: Tensor, be: Tensor | null, w: Tensor, b: Tensor | null): Tensor {
    void we, be;
    ctx.saveForBackward(x, w);
    ctx.hasBias = b !== null;
    return callLinear(x, w, b);
  }
  static override backward(ctx: FunctionCtx, gy: Tensor | null): (Tensor | null)[] {
    const [x, w] = ctx.savedTensors as Tensor[];
    if (gy === null) return [null, null, null, null, null];
    const B = x.shape[0], n = w.shape[0], k = w.shape[1];
    const g3 = gy.reshape([B, -1, n]);
    const gx = ctx.needsInputGrad[0] ? gy.matmul(w) : null;
    const gw = ctx.needsInputGrad[1] ? g3.transpose(1, 2).bmm(x.reshape([B, -1, k])) : null;
    const gb = ctx.hasBias && ctx.needsInputGrad[2] ? g3.sum(1) : null;
    return [gx, gw, gb, null, null];
  }
}
let callLinear: (x: Tensor, w: Tensor, b: Tensor | null) => Tensor = () => {
  throw new Error('vmap: linear is not loaded');
};

/** linear: a batched input alone is one call (linear takes any leading dims); else matmul and add. */
rules.set('linear', (op, args) => {
  const [x, w, bias] = args as [Tensor, Tensor, Tensor | null | undefined];
  const L = op.level;
  if (!isBatchedAt(w, L) && !isBatchedAt(bias, L)) return wrap(callOp(op, [(x as BatchedTensor).value, w, bias]) as Tensor, L);
  // Only over plain physical tensors: under nested vmap the expansion itself may be batched at an outer level.
  const w0 = isBatchedAt(w, L) && !(w.value instanceof BatchedTensor) ? expandedFrom.get(w.value) : undefined;
  const hasBias = bias !== null && bias !== undefined;
  const b0 = hasBias && isBatchedAt(bias, L) && !(bias.value instanceof BatchedTensor) ? expandedFrom.get(bias.value) : undefined;
  if (w0 !== undefined && isBatchedAt(x, L) && x.shape.length >= 1 && w.shape.length === 2 && (!hasBias || !isBatchedAt(bias, L) || b0 !== undefined) && !(x.value instanceof BatchedTensor)) {
    callLinear = (xi, wi, bi) => callOp(op, [xi, wi, bi]) as Tensor;
    const be = hasBias && isBatchedAt(bias, L) ? (bias as BatchedTensor).value : null;
    const bb = hasBias ? (b0 ?? (bias as Tensor)) : null;
    return wrap(ExpandedLinear.apply((x as BatchedTensor).value, (w as BatchedTensor).value, be, w0, bb) as Tensor, L);
  }
  if (w.shape.length !== 2 && w.shape.length !== 1) return NO_RULE;
  const y = wrap(batchedMatmul(op, x, w.shape.length === 2 ? w.t() : w), L);
  return bias === null || bias === undefined ? y : y.add(bias);
});

// ---- nn ops -------------------------------------------------------------------------------------------------
/**
 * conv1d/2d/3d: a batched input with an unbatched weight folds the batch into N; a batched weight folds it into
 * the channels and the groups (input [N, B*C, ...], weight [B*Cout, C/g, ...], groups B*g).
 */
const convRule = (spatial: number): Rule => (op, args) => {
  const L = op.level;
  const [x, w, bias, stride, padding, dilation, groupsArg] = args as [Tensor, Tensor, Tensor | null | undefined, unknown, unknown, unknown, number | undefined];
  const groups = groupsArg ?? 1;
  const B = op.batchSize;
  const unbatchedInput = x.shape.length === spatial + 1; // [C, ...] without N
  if (!isBatchedAt(w, L) && !isBatchedAt(bias, L)) {
    const v = (x as BatchedTensor).value;
    if (unbatchedInput) return wrap(callOp(op, [v, w, bias, stride, padding, dilation, groups]) as Tensor, L);
    const n = x.shape[0];
    const y = callOp(op, [v.reshape([B * n, ...x.shape.slice(1)]), w, bias, stride, padding, dilation, groups]) as Tensor;
    return wrap(y.reshape([B, n, ...y.shape.slice(1)]), L);
  }
  if (typeof padding === 'string') return NO_RULE;
  const xv = batchedValue(op, unbatchedInput ? x.unsqueeze(0) : x); // [B, N, C, ...]
  const n = xv.shape[1], c = xv.shape[2];
  const xin = xv.transpose(0, 1).reshape([n, B * c, ...xv.shape.slice(3)]);
  const wv = batchedValue(op, w);
  const cout = wv.shape[1];
  const win = wv.reshape([B * cout, ...wv.shape.slice(2)]);
  const bin = bias === null || bias === undefined ? bias : batchedValue(op, bias).reshape([B * cout]);
  const y = callOp(op, [xin, win, bin, stride, padding, dilation, groups * B]) as Tensor; // [N, B*Cout, ...]
  let r = y.reshape([n, B, cout, ...y.shape.slice(2)]).transpose(0, 1);
  if (unbatchedInput) r = r.squeeze(1);
  return wrap(r, L);
};
rules.set('conv1d', convRule(1));
rules.set('conv2d', convRule(2));
rules.set('conv3d', convRule(3));

/** layerNorm normalizes trailing dims, so a batched input is one call; a batched weight/bias is a mul and add. */
rules.set('layerNorm', (op, args) => {
  const [x, shape, w, b, eps] = args as [Tensor, number[], Tensor | null | undefined, Tensor | null | undefined, number | undefined];
  const L = op.level;
  if (!isBatchedAt(x, L)) return NO_RULE;
  if (!isBatchedAt(w, L) && !isBatchedAt(b, L)) return wrap(callOp(op, [x.value, shape, w, b, eps]) as Tensor, L);
  let y: Tensor = wrap(callOp(op, [x.value, shape, null, null, eps]) as Tensor, L);
  if (w !== null && w !== undefined) y = y.mul(w);
  return b === null || b === undefined ? y : y.add(b);
});

/** gather: input and index both batched (the unbatched one expanded), the dim moved past the batch dim. */
rules.set('gather', (op, args) => {
  const [x, dim, index, sparse] = args as [Tensor, number, Tensor, boolean | undefined];
  const d = normDim(op, dim, x.shape.length) + 1;
  return wrap(callOp(op, [batchedValue(op, x), d, batchedValue(op, index), sparse]) as Tensor, op.level);
});
const indexSelectDim = rules.get('indexSelect')!;
rules.set('indexSelect', (op, args) => {
  const [x, dim, index] = args as [Tensor, number, Tensor];
  if (!isBatchedAt(index, op.level)) return indexSelectDim(op, args);
  if (index.shape.length > 1) return NO_RULE;
  // A batched index: a gather along the dim with the index broadcast over the other dims.
  const r = x.shape.length, d = normDim(op, dim, r);
  const shape = x.shape.slice();
  shape[d] = index.shape.length === 0 ? 1 : index.shape[0];
  let iv = index.value;
  if (index.shape.length === 0) iv = iv.unsqueeze(1);
  for (let k = d + 1; k < r; k++) iv = iv.unsqueeze(-1);
  for (let k = 0; k < d; k++) iv = iv.unsqueeze(1);
  const g = batchedValue(op, x).gather(d + 1, iv.expand([op.batchSize, ...shape]));
  return wrap(r === 0 ? g.squeeze(1) : g, op.level);
});

// ---- losses -------------------------------------------------------------------------------------------------
/** mseLoss as its definition in logical ops (each an elementwise or reduction rule). */
rules.set('mseLoss', (_op, args) => {
  const [x, y, sizeAverage, reduce, reduction] = args as [Tensor, Tensor, unknown, unknown, string | undefined];
  if ((sizeAverage !== undefined && sizeAverage !== null) || (reduce !== undefined && reduce !== null)) return NO_RULE;
  const d = x.sub(y);
  const l = d.mul(d);
  const red = reduction ?? 'mean';
  return red === 'none' ? l : red === 'sum' ? l.sum() : l.mean();
});

/**
 * crossEntropy: the physical call with reduction 'none' over B*N rows, then the logical reduction: a sum, or a mean
 * over the counted targets (without class weights; a weighted mean uses the loop fallback).
 */
rules.set('crossEntropy', (op, args) => {
  const [x, target, weight, sizeAverage, ignoreIndex, reduce, reduction, labelSmoothing] = args as
    [Tensor, Tensor, Tensor | null | undefined, unknown, number | undefined, unknown, string | undefined, number | undefined];
  const L = op.level;
  if ((sizeAverage !== undefined && sizeAverage !== null) || (reduce !== undefined && reduce !== null)) return NO_RULE;
  if (isBatchedAt(weight, L) || x.shape.length > 2 || x.shape.length === 0) return NO_RULE;
  const red = reduction ?? 'mean';
  const weighted = weight !== null && weight !== undefined;
  const probs = target.dtype === 'float32' || target.dtype === 'float64';
  const B = op.batchSize;
  const xv = batchedValue(op, x), tv = batchedValue(op, target);
  const call = (xi: Tensor, ti: Tensor): Tensor => callOp(op, [xi, ti, weight, undefined, ignoreIndex, undefined, 'none', labelSmoothing]) as Tensor;
  if (x.shape.length === 1) {
    if (red === 'mean' && weighted) return NO_RULE;
    return wrap(call(xv, tv), L); // one example: its loss, reduced or not
  }
  const n = x.shape[0], c = x.shape[1];
  const l = call(xv.reshape([B * n, c]), probs ? tv.reshape([B * n, c]) : tv.reshape([B * n])).reshape([B, n]);
  if (red === 'none') return wrap(l, L);
  if (red === 'sum') return wrap(l.sum(1), L);
  if (weighted) return NO_RULE;
  if (probs) return wrap(l.mean(1), L);
  const counted = tv.ne(ignoreIndex ?? -100).sum(1).to(l.dtype);
  return wrap(l.sum(1).div(counted), L);
});

// ---- autograd -----------------------------------------------------------------------------------------------
/** autograd.grad: the public wrapper's body calls grad(), whose vmap hook is below. */
rules.set('autograd.grad', (op, args) => op.impl(...args));

function highestLevel(ts: (Tensor | null | undefined)[]): number {
  let m = 0;
  for (const t of ts) if (t instanceof BatchedTensor && t.level > m) m = t.level;
  return m;
}

/**
 * grad() under vmap (Note [vmap]): with every input batched at the highest level, the physical outputs
 * differentiated with respect to the physical inputs are every example's gradients at once (examples are
 * independent). An input not batched where an output is needs one backward pass per example (warned).
 */
batchedGrad.run = (outputs, inputs, options: GradOptions) => {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const go = options.gradOutputs;
  const gos: (Tensor | null)[] = go === undefined || go === null ? outs.map(() => null) : Array.isArray(go) ? go : [go];
  // Batched cotangents over a graph vmap did not batch (jacrev, vjp under vmap): the engine runs once with the
  // batched grads, each formula through the batching rules (Note [Batched backward] in lib/autograd/batchable.ts).
  const Lg = highestLevel([...outs, ...ins]);
  if (Lg === 0) return undefined;
  // Cotangents batched only at levels above the graph's (vmap(jacrev(f))): they pass as grads of the graph's
  // physical tensors, where the same holds one level down. One that also holds the graph's level inside runs per
  // example of the top level.
  const holdsLevel = (t: Tensor | null) => {
    for (let v: unknown = t; v instanceof BatchedTensor; v = v.value) if (v.level === Lg) return v !== t;
    return false;
  };
  const L = gos.some(holdsLevel) ? highestLevel([...outs, ...ins, ...gos]) : Lg;
  const lv = levels.find((l) => l.level === L);
  if (lv === undefined) throw new Error('vmap: a batched tensor of a vmap level that has ended was passed to autograd.grad');
  const B = lv.batchSize;
  const createGraph = options.createGraph ?? false;
  const perExample = ins.some((t) => !isBatchedAt(t, L)) && [...outs, ...gos].some((t) => isBatchedAt(t, L));
  if (perExample) {
    const name = 'autograd.grad (an input not batched by vmap)';
    fallbackCounts.set(name, (fallbackCounts.get(name) ?? 0) + 1);
    warnOnce(name);
    const res: (Tensor | null)[][] = [];
    for (let i = 0; i < B; i++) {
      const sel = (t: Tensor | null) => (t !== null && isBatchedAt(t, L) ? t.value.select(0, i) : t);
      res.push(grad(outs.map((o) => sel(o) as Tensor), ins, { ...options, gradOutputs: gos.map(sel), retainGraph: true }));
    }
    return ins.map((_, j) => (res[0][j] === null ? null : wrap(SHAPE.stack(res.map((r) => r[j] as Tensor), 0), L)));
  }
  const gv = outs.map((o, j) => {
    const g = gos[j];
    if (!isBatchedAt(o, L)) return g;
    if (g !== null) return batchedValue({ level: L, batchSize: B } as OpCall, g);
    if (o.shape.reduce((a, b) => a * b, 1) !== 1) throw new Error('grad: grad can be implicitly created only for scalar outputs');
    return ones(o.value.shape, { dtype: o.dtype });
  });
  const r = grad(outs.map((o) => (isBatchedAt(o, L) ? o.value : o)), ins.map((t) => (t as BatchedTensor).value), {
    ...options, gradOutputs: gv, retainGraph: options.retainGraph ?? createGraph,
  });
  return r.map((g) => (g === null ? null : wrapBelow(g, L)));
};

/**
 * @internal The physical grad (or tangent) `g` as batched at `L`, below any higher level that batches it (a cotangent's level): those
 * stay outermost, with their batch dim moved past L's.
 */
export function wrapBelow(g: Tensor, L: number): Tensor {
  if (g instanceof BatchedTensor && g.level > L) return wrap(wrapBelow(g.value.transpose(0, 1), L), g.level);
  return wrap(g, L);
}

/** Tensor.backward on a batched tensor: backward of its physical value (the leaves get the sum over examples). */
rules.set('backward', (op, args) => {
  const [self, gradient, retainGraph, createGraph, inputs] = args as [Tensor, Tensor | null | undefined, boolean, boolean, unknown];
  const L = op.level;
  if (!isBatchedAt(self, L)) return NO_RULE;
  let g: Tensor;
  if (gradient !== null && gradient !== undefined) g = batchedValue(op, gradient);
  else {
    if (self.numel() !== 1) throw new Error('backward: grad can be implicitly created only for scalar outputs');
    g = ones(self.value.shape, { dtype: self.dtype });
  }
  self.value.backward(g, retainGraph, createGraph, inputs as never);
  return undefined;
});
/** requiresGrad_ / retainGrad act on the physical value; size, dim and numel read the logical shape. */
rules.set('requiresGrad_', (op, args) => {
  const self = args[0] as BatchedTensor;
  if (!isBatchedAt(self, op.level)) return NO_RULE;
  self.value.requiresGrad_(args[1] as boolean | undefined);
  return self;
});
rules.set('retainGrad', (op, args) => {
  (args[0] as BatchedTensor).value.retainGrad();
  return args[0];
});
register('size dim numel', (op, args) => op.impl.apply(args[0], args.slice(1)));
rules.set('dispose', (_op, args) => (args[0] as BatchedTensor).value.dispose());
// x.T is a getter over the internal permute; on a batched tensor it is the dispatched permute.
Object.defineProperty(BatchedTensor.prototype, 'T', {
  get(this: BatchedTensor): Tensor {
    return this.permute(this.shape.map((_, i) => this.shape.length - 1 - i));
  },
  configurable: true,
});
