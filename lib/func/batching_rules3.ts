// vmap batching rules for ops the batched backward reaches most (Note [Batched backward] in
// lib/autograd/batchable.ts): tril/triu, diag/diagEmbed, maskedFill, indexAdd, and the layerNorm and embedding
// backward functions. Without them each call ran once per example (vmap's loop fallback). An argument these
// rules do not cover (a batched index or mask where the op needs one) returns NO_RULE: the loop, slower, right.
import { Tensor } from '../tensor.js';
import { implSignatures, signature } from '../kwargs.js';
import * as NO from '../ops/norm.js';
import * as EM from '../ops/embedding.js';
import * as CU from '../ops/cumulative.js';
import { isBatchedAt, wrap, callOp, NO_RULE, BatchedTensor, type OpCall } from './vmap.js';
import { register, normDim, batchedValue } from './batching_rules.js';

/** tril/triu act on the last two dims, which a batched value keeps. */
register('tril triu', (op, args) => {
  const x = args[0] as Tensor;
  if (!isBatchedAt(x, op.level) || x.shape.length < 2) return NO_RULE;
  return wrap(callOp(op, [x.value, ...args.slice(1)]) as Tensor, op.level);
});

/** diag: a vector's diagonal matrix is diagEmbed of the batch; a matrix's diagonal is diagonal(dims 1, 2). */
register('diag', (op, args) => {
  const x = args[0] as Tensor, d = (args[1] as number | undefined) ?? 0;
  if (!isBatchedAt(x, op.level) || !Number.isInteger(d)) return NO_RULE;
  if (x.shape.length === 1) return wrap(x.value.diagEmbed(d, 1, 2), op.level);
  if (x.shape.length === 2) return wrap(x.value.diagonal(d, 1, 2).contiguous(), op.level);
  return NO_RULE;
});

/** diagEmbed(input, offset, dim1, dim2): the dims are of the logical output (one more than the input's), shifted by one. */
register('diagEmbed', (op, args) => {
  const [x, offset, dim1, dim2] = args as [Tensor, number | undefined, number | undefined, number | undefined];
  if (!isBatchedAt(x, op.level)) return NO_RULE;
  const rank = x.shape.length + 1;
  const d1 = normDim(op, dim1 ?? -2, rank) + 1, d2 = normDim(op, dim2 ?? -1, rank) + 1;
  return wrap(callOp(op, [x.value, offset ?? 0, d1, d2]) as Tensor, op.level);
});

/** maskedFill(input, mask, value) with a scalar value: input and mask right-aligned under one batch dim. */
register('maskedFill', (op, args) => {
  const [x, mask, value] = args as [Tensor, Tensor, unknown];
  if (value instanceof Tensor && isBatchedAt(value, op.level)) return NO_RULE;
  const rank = Math.max(x.shape.length, mask.shape.length);
  const pad = (t: Tensor): Tensor => (t as BatchedTensor).value.reshape([op.batchSize, ...new Array<number>(rank - t.shape.length).fill(1), ...t.shape]);
  // The result has the input's shape: an unbatched input is expanded to the batch (a fresh result, not a write).
  const px = isBatchedAt(x, op.level) ? pad(x) : batchedValue(op, x);
  const pm = isBatchedAt(mask, op.level) ? pad(mask) : mask;
  if (!isBatchedAt(x, op.level) && x.shape.length < mask.shape.length) return NO_RULE;
  return wrap(callOp(op, [px, pm, value]) as Tensor, op.level);
});

/** indexAdd(input, dim, index, source, alpha) with an unbatched index: along dim + 1 of the batched values. */
register('indexAdd', (op, args) => {
  const [x, dim, index, source, alpha] = args as [Tensor, number, Tensor, Tensor, unknown];
  if (isBatchedAt(index, op.level) || !Number.isInteger(dim)) return NO_RULE;
  const d = normDim(op, dim, x.shape.length) + 1;
  return wrap(callOp(op, [batchedValue(op, x), d, index, batchedValue(op, source), alpha]) as Tensor, op.level);
});

// ---- backward functions without a public op ------------------------------------------------------------------
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sign = (impl: (...a: any[]) => any, name: string, params: string): void => void implSignatures.set(impl, signature(name, params));
sign(NO.layerNormBackward, 'layerNormBackward', 'g, s, needs');
sign(EM.embeddingBackward, 'embeddingBackward', 'g, index, numWeights, scale');

const batchedIn = (op: OpCall, ...ts: (Tensor | null)[]): boolean => ts.some((t) => t !== null && isBatchedAt(t, op.level));

/**
 * layerNorm's backward with a batched grad over an unbatched forward (jacrev of a layer): the batch is one more
 * leading dim for the input's grad (the rows are independent), while the weight's and bias's grads sum over the
 * example's own leading dims only.
 */
register('layerNormBackward', (op, args) => {
  const [g, s, needs] = args as [Tensor, NO.LayerNormSaved, boolean[]];
  if (batchedIn(op, s.self, s.weight) || !isBatchedAt(g, op.level)) return NO_RULE;
  const B = op.batchSize, x = s.self, pg = g.value.expand([B, ...x.shape]);
  const xb = x.unsqueeze(0).expand([B, ...x.shape]);
  const saved = { ...s, self: xb };
  const [dx] = needs[0] ? (callOp(op, [pg, saved, [true, false, false]]) as (Tensor | null)[]) : [null];
  const lead = Array.from({ length: x.shape.length - s.k }, (_, i) => i + 1);
  const reduce = (t: Tensor): Tensor => (lead.length > 0 ? t.sum(lead) : t);
  let dw: Tensor | null = null;
  if (needs[1]) {
    const [xhat] = NO.normalized(x, s.k, s.eps);
    dw = reduce(pg.mul(xhat));
  }
  const db = needs[2] ? reduce(pg) : null;
  return [dx, dw, db].map((t) => (t === null ? null : wrap(t, op.level)));
});

/** embedding's backward: each example's rows are index-added into its own zero table (indexAdd along dim 1). */
register('embeddingBackward', (op, args) => {
  const [g, index, numWeights, scale] = args as [Tensor, Tensor, number, Tensor | null];
  if (batchedIn(op, index, scale) || !isBatchedAt(g, op.level)) return NO_RULE;
  const B = op.batchSize, dim = g.shape[g.shape.length - 1];
  let rows = g.value.reshape([B, index.numel(), dim]);
  if (scale !== null) rows = rows.mul(scale.to(rows.dtype));
  const table = rows.newZeros([B, numWeights, dim]);
  return wrap(table.indexAdd(1, index.reshape([-1]), rows), op.level);
});

// ---- the scatter family: an index of the input's rank, so every operand takes the batch dim ---------------
/** scatter / scatterAdd (input, dim, index, src or value, ...): along dim + 1, each tensor operand batched or expanded. */
const scatterRule = (op: OpCall, args: unknown[]): unknown => {
  const [x, dim, index, src, ...rest] = args as [Tensor, number, Tensor, unknown, ...unknown[]];
  if (!Number.isInteger(dim)) return NO_RULE;
  const d = normDim(op, dim, x.shape.length) + 1;
  const ps = src instanceof Tensor ? batchedValue(op, src) : src;
  return wrap(callOp(op, [batchedValue(op, x), d, batchedValue(op, index), ps, ...rest]) as Tensor, op.level);
};
register('scatter scatterAdd', scatterRule);

sign(CU.scatterAlong, 'scatterAlong', 'g, indices, dim, shape');
/** The backward of cummax/cummin-style ops: g scattered along dim at the saved indices into zeros of `shape`. */
register('scatterAlong', (op, args) => {
  const [g, indices, dim, shape] = args as [Tensor, Tensor, number, number[]];
  if (shape.length === 0) return wrap(batchedValue(op, g).reshape([op.batchSize]), op.level);
  return wrap(callOp(op, [batchedValue(op, g), batchedValue(op, indices), normDim(op, dim, shape.length) + 1, [op.batchSize, ...shape]]) as Tensor, op.level);
});

sign(CU.reversedCumsum, 'reversedCumsum', 'g, dim');
/** cumsum's backward (a cumsum from the end): along dim + 1. */
register('reversedCumsum', (op, args) => {
  const [g, dim] = args as [Tensor, number];
  return wrap(callOp(op, [batchedValue(op, g), normDim(op, dim, g.shape.length) + 1]) as Tensor, op.level);
});

/** linalg.solveTriangular broadcasts batch dims: a batched operand gets unit dims after the batch dim up to the common rank. */
register('linalg.solveTriangular', (op, args) => {
  const [A, Bm, ...rest] = args as [Tensor, Tensor, ...unknown[]];
  const rank = Math.max(A.shape.length, Bm.shape.length);
  const pad = (t: Tensor): Tensor => (isBatchedAt(t, op.level) ? t.value.reshape([op.batchSize, ...new Array<number>(rank - t.shape.length).fill(1), ...t.shape]) : t);
  return wrap(callOp(op, [pad(A), pad(Bm), ...rest]) as Tensor, op.level);
});
