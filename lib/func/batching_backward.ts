// vmap batching rules for the internal ops the backward formulas call (Note [Batched backward] in
// lib/autograd/batchable.ts): the fused elementwise backward kernels, the transposed GEMMs, softmax's backward,
// the zeros a formula writes a grad into. They have no public op, so each gets a signature here
// (implSignatures), which is how a batchable() call of it reaches its rule.
import { Tensor } from '../tensor.js';
import { implSignatures, signature } from '../kwargs.js';
import * as E from '../ops/elementwise.js';
import * as L from '../ops/linalg.js';
import * as NN from '../ops/nn.js';
import * as F from '../ops/softmax.js';
import * as S from '../ops/shape.js';
import * as I from '../ops/inplace.js';
import { batchable } from '../autograd/batchable.js';
import { rules, levelInfo, isBatchedAt, wrap, callOp, NO_RULE, BatchedTensor, type Rule } from './vmap.js';
import { register, normDim, batchedValue } from './batching_rules.js';
import { wrapBelow } from './batching_rules2.js';
import { broadcastShapes } from '../shape.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sign = (impl: (...a: any[]) => any, name: string, params: string): void => void implSignatures.set(impl, signature(name, params));
sign(E.div, 'div', 'input, other'); // the public div is divMode (roundingMode); the formulas call this one
sign(E.tanhBackward, 'tanhBackward', 'grad, result');
sign(E.sigmoidBackward, 'sigmoidBackward', 'grad, result');
sign(E.thresholdBackward, 'thresholdBackward', 'grad, self');
sign(NN.geluBackward, 'geluBackward', 'grad, x, approximate');
sign(NN.geluBackwardSelfGrad, 'geluBackwardSelfGrad', 'gg, grad, x, approximate');
sign(F.softmaxBackward, 'softmaxBackward', 'g, y, dim, isLog');
sign(L.mmT, 'mmT', 'a, b, transA, transB');
sign(L.bmmT, 'bmmT', 'a, b, transA, transB');
sign(I.copy_, 'copy_', 'input, src'); // forward AD writes a batched tangent into a view of its base's
sign(S.slice, 'slice', 'input, dim, start, end, step'); // tg.slice is the index entry, not this view

/** Every tensor argument's physical value at the common shape [B, ...broadcast of the logical shapes]. */
function physicalAtFullShape(level: number, batch: number, args: unknown[]): unknown[] {
  const ts = args.filter((a): a is Tensor => a instanceof Tensor);
  const full = ts.reduce((s: number[], t) => broadcastShapes('vmap', s, t.shape), []);
  return args.map((a) => {
    if (!(a instanceof Tensor)) return a;
    const v = isBatchedAt(a, level) ? a.value.reshape([batch, ...new Array<number>(full.length - a.shape.length).fill(1), ...a.shape]) : a;
    return v.expand([batch, ...full]);
  });
}

/**
 * The fused elementwise backward kernels write an output of the saved tensor's shape (a compact grad broadcasts
 * to it): every operand at the full physical shape, one kernel call.
 */
const fullElementwise: Rule = (op, args) => wrap(callOp(op, physicalAtFullShape(op.level, op.batchSize, args)) as Tensor, op.level);
register('geluBackward geluBackwardSelfGrad', fullElementwise);

/**
 * tanh's, sigmoid's and relu's fused backward broadcast both operands to the output natively (fusedBackward):
 * a batched operand's physical value gains unit dims up to the full rank, an unbatched one stays as it is
 * (broadcast from the right), so an unbatched saved result (jacrev: a batch of cotangents through one forward)
 * is read in place instead of being expanded and gathered B times over.
 */
register('tanhBackward sigmoidBackward thresholdBackward', (op, args) => {
  const [g, y] = args as [Tensor, Tensor];
  const nd = Math.max(g.shape.length, y.shape.length), B = op.batchSize;
  const phys = (t: Tensor): Tensor => (isBatchedAt(t, op.level) ? t.value.reshape([B, ...new Array<number>(nd - t.shape.length).fill(1), ...t.shape]) : t);
  return wrap(callOp(op, [phys(g), phys(y)]) as Tensor, op.level);
});

rules.set('softmaxBackward', (op, args) => {
  const [g, y, dim, isLog] = args as [Tensor, Tensor, number, boolean];
  const [pg, py] = physicalAtFullShape(op.level, op.batchSize, [g, y]);
  return wrap(callOp(op, [pg, py, normDim(op, dim, y.shape.length) + 1, isLog]) as Tensor, op.level);
});

const Lb = batchable(L);
/**
 * a @ b with either transposed, one of them batched: the batch folds into the rows of a batched a (one GEMM
 * against the shared b), or into the columns of a batched b; both batched is one bmm.
 */
rules.set('mmT', (op, args) => {
  const [a, b, ta, tb] = args as [Tensor, Tensor, boolean, boolean];
  const lv = op.level, B = op.batchSize;
  const ba = isBatchedAt(a, lv), bb = isBatchedAt(b, lv);
  if (ba && bb) return wrap(Lb.bmmT(a.value, b.value, ta, tb), lv);
  if (ba) {
    const v = ta ? a.value.transpose(1, 2) : a.value; // [B, m, k]
    const r = callOp(op, [v.reshape([B * v.shape[1], v.shape[2]]), b, false, tb]) as Tensor;
    return wrap(r.reshape([B, v.shape[1], r.shape[1]]), lv);
  }
  const bv = (b as BatchedTensor).value; // [B, k, nb], or [B, nb, k] when tb
  const nb = tb ? bv.shape[1] : bv.shape[2];
  if (tb || nb === 1) {
    // Note [Batched mm, shared a]: op(a) @ op(b_i) for every i is (op(b_i)^T @ op(a)^T)^T, and the op(b_i)^T
    // stack is b's physical value itself when tb (or when b_i is a column: a matrix-vector backward, jacrev's
    // common case): one GEMM with the batch in its rows, no copy of b, and a result that is a transposed view
    // (a free one when nb = 1), where folding the batch into b's columns gathers b first.
    const r = callOp(op, [bv.reshape([B * nb, bv.shape[tb ? 2 : 1]]), a, false, !ta]) as Tensor; // [B*nb, m]
    return wrap(r.reshape([B, nb, r.shape[1]]).transpose(1, 2), lv);
  }
  const r = callOp(op, [a, bv.permute([1, 0, 2]).reshape([bv.shape[1], B * nb]), ta, false]) as Tensor;
  return wrap(r.reshape([r.shape[0], B, nb]).permute([1, 0, 2]), lv);
});
/** The batch folds into bmm's batch dim (an unbatched operand expanded). */
rules.set('bmmT', (op, args) => {
  const [a, b, ta, tb] = args as [Tensor, Tensor, boolean, boolean];
  const lv = op.level, B = op.batchSize;
  const phys = (t: Tensor) => (isBatchedAt(t, lv) ? t.value : t.unsqueeze(0).expand([B, ...t.shape]));
  const [pa, pb] = [phys(a), phys(b)];
  const r = callOp(op, [pa.reshape([B * a.shape[0], ...a.shape.slice(1)]), pb.reshape([B * b.shape[0], ...b.shape.slice(1)]), ta, tb]) as Tensor;
  return wrap(r.reshape([B, ...r.shape]).reshape([B, a.shape[0], ...r.shape.slice(1)]), lv);
});

/** zerosLike / onesLike of a batched tensor: of its physical value. */
register('zerosLike onesLike', (op, args) => wrap(callOp(op, [(args[0] as BatchedTensor).value, ...args.slice(1)]) as Tensor, op.level));
/** newZeros on a batched tensor (a formula's zero buffer for a batched grad): batched zeros. */
rules.set('newZeros', (op, args) => {
  const [self, size, ...rest] = args as [BatchedTensor, number[], ...unknown[]];
  return wrap(callOp(op, [self.value, [op.batchSize, ...size], ...rest]) as Tensor, op.level);
});
/** The strided slice view (SliceBackward0 writes the grad through it): of the physical value, one dim further. */
rules.set('slice', (op, args) => {
  const [x, dim, ...rest] = args as [Tensor, number | undefined, ...unknown[]];
  if (!isBatchedAt(x, op.level)) return NO_RULE;
  return wrap(callOp(op, [x.value, normDim(op, dim ?? 0, x.shape.length) + 1, ...rest]) as Tensor, op.level);
});

// ---- forward AD under vmap (jacfwd: one jvp over a batched basis of tangents) ----------------------------------
/**
 * makeDual: an unbatched primal takes the batched tangent as is (its tangent formulas then run on the batch, as the
 * backward formulas do); a batched primal's physical value takes the tangent's physical form at that level.
 */
rules.set('autograd.forwardAd.makeDual', (op, args) => {
  const [primal, tangent, level] = args as [Tensor, Tensor, number | null | undefined];
  if (!(primal instanceof BatchedTensor)) return op.impl(primal, tangent, level);
  const at = { ...op, level: primal.level, batchSize: levelInfo(primal.level).batchSize };
  return wrap(callOp(at, [primal.value, batchedValue(at, tangent), level]) as Tensor, primal.level);
});
/** unpackDual of a batched dual: its physical value's, wrapped back (a tangent batched higher stays outermost). */
rules.set('autograd.forwardAd.unpackDual', (op, args) => {
  const [t, level] = args as [Tensor, number | null | undefined];
  if (!isBatchedAt(t, op.level)) return NO_RULE;
  const r = callOp(op, [t.value, level]) as { primal: Tensor; tangent: Tensor | null };
  return { primal: wrap(r.primal, op.level), tangent: r.tangent === null ? null : wrapBelow(r.tangent, op.level) };
});
