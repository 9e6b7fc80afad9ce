// Explicit tangent formulas (PyTorch's `result:` lines of derivatives.yaml) for the rows whose tangent is not
// auto_element_wise (Jvp in function_node.ts; Note [Forward AD] in forward_ad.ts). Each takes the inputs'
// tangents (null: the input has none), the row's saved values, the outputs and the inputs, and runs with the
// dual level suspended, so the saved values are primals. Linear ops (PyTorch's auto_linear) apply the op itself
// to the tangents; views give views of the tangent, so in-place changes through a view reach its base's tangent.
import type { Tensor } from '../tensor.js';
import type { JvpInput } from './function_node.js';
import * as E_ from '../ops/elementwise.js';
import * as R_ from '../ops/reduce.js';
import * as S_ from '../ops/shape.js';
import * as L_ from '../ops/linalg.js';
import * as C_ from '../ops/creation.js';
import * as ST_ from '../ops/structure.js';
import * as GA_ from '../ops/gather.js';
import * as MK_ from '../ops/masked.js';
import { convTangent } from '../ops/conv.js';
import { cumsum } from '../ops/cumulative.js';
import type { Reduction } from '../ops/nn.js';
import type { ConvSaved } from '../ops/conv.js';
import type { LayerNormSaved } from '../ops/norm.js';
import type { NormSaved } from './formulas.js';
import { batchable } from './batchable.js';

const [E, R, S, L, C, ST, GA, MK] = [batchable(E_), batchable(R_), batchable(S_), batchable(L_), batchable(C_), batchable(ST_), batchable(GA_), batchable(MK_)]; // Note [Batched backward]: batched tangents too

type T = Tensor;
type Ts = readonly (T | null)[];
type Ins = readonly (JvpInput | null | undefined)[];

/** a + b where either may be missing (null when both are). */
export function addOpt(a: T | null, b: T | null): T | null {
  return a === null ? b : b === null ? a : E.add(a, b);
}
/** The tangent of input i, zeros of the input's shape when it has none. */
function orZeros(t: Ts, ins: Ins, i: number): T {
  const x = ins[i] as JvpInput;
  return t[i] ?? C.zeros(x.shape, { dtype: x.dtype });
}
const zerosOf = (_t: Ts, _s: unknown, out: readonly T[]): T => C.zeros(out[0].shape, { dtype: out[0].dtype });
/** beta * t_input + alpha * (t_1 op p_2 + p_1 op t_2): the tangent of the beta/alpha products (addmm, ...). */
function product(t: Ts, beta: number, alpha: number, p1: T, p2: T, op: (a: T, b: T) => T): T | null {
  const prod = addOpt(t[1] && op(t[1], p2), t[2] && op(p1, t[2]));
  return addOpt(t[0] && (beta === 1 ? t[0] : E.mul(t[0], beta)), prod && (alpha === 1 ? prod : E.mul(prod, alpha)));
}
/** Each picked element's tangent (sort, topk, cummax, kthvalue, ...): the tangent gathered at the indices. */
function picked(t: T, s: { shape: number[]; dim: number; indices: T }, keepdim = true): T {
  if (s.shape.length === 0) return S.reshape(t, s.indices.shape);
  const idx = keepdim ? s.indices : S.unsqueeze(s.indices, s.dim);
  const r = GA.gather(t, s.dim, idx);
  return keepdim ? r : S.squeeze(r, s.dim);
}
/** max/min/median over dims with ties: the mean of the tangents of the elements equal to the result. */
function tiedMean(t: T, self: T, result: T, dims: number[] | null, keepdim: boolean): T {
  const back = dims === null || keepdim ? result : dims.slice().sort((a, b) => a - b).reduce((r, d) => S.unsqueeze(r, d), result);
  const mask = C.to(E.eq(self, back), t.dtype);
  const num = dims === null ? R.sum(E.mul(t, mask)) : R.sum(E.mul(t, mask), dims, keepdim);
  const den = dims === null ? R.sum(mask) : R.sum(mask, dims, keepdim);
  return S.reshape(E.div(num, den), result.shape);
}

export const TG = {
  // ---- reductions (linear) ----
  sum: (t: Ts) => R.sum(t[0] as T),
  sumDim: (t: Ts, s: { dims: number[]; keepdim: boolean }) => R.sum(t[0] as T, s.dims, s.keepdim),
  mean: (t: Ts) => R.mean(t[0] as T),
  meanDim: (t: Ts, s: { dims: number[]; keepdim: boolean }) => R.mean(t[0] as T, s.dims, s.keepdim),
  // max(dim)/min(dim): the tangent of the selected element of each slice.
  selected: (t: Ts, s: { dim: number; keepdim: boolean; indices: T }): Ts => {
    const idx = s.keepdim ? s.indices : S.unsqueeze(s.indices, s.dim);
    const r = GA.gather(t[0] as T, s.dim, idx);
    return [s.keepdim ? r : S.squeeze(r, s.dim), null];
  },
  // logsumexp: sum of softmax(self) * t over the reduced dims.
  logsumexp: (t: Ts, s: { self: T; result: T; dims: number[]; keepdim: boolean }) => {
    const res = s.keepdim ? s.result : s.dims.slice().sort((a, b) => a - b).reduce((r, d) => S.unsqueeze(r, d), s.result);
    return R.sum(E.mul(E.exp(E.sub(s.self, res)), t[0] as T), s.dims, s.keepdim);
  },
  // softmax: y (t - sum(y t)); log_softmax: t - sum(exp(y) t) (PyTorch's _softmax / _log_softmax lines).
  softmax: (t: Ts, s: { dim: number }, out: readonly T[]) => {
    const y = out[0];
    return E.mul(y, E.sub(t[0] as T, R.sum(E.mul(y, t[0] as T), s.dim, true)));
  },
  logSoftmax: (t: Ts, s: { dim: number }, out: readonly T[]) => E.sub(t[0] as T, R.sum(E.mul(E.exp(out[0]), t[0] as T), s.dim, true)),

  // ---- views and shape (auto_linear: the op on the tangent) ----
  reshape: (t: Ts, _s: unknown, out: readonly T[]) => S.reshape(t[0] as T, out[0].shape),
  unsqueeze: (t: Ts, s: { dim: number }) => S.unsqueeze(t[0] as T, s.dim),
  permute: (t: Ts, s: { dims: number[] }) => S.permute(t[0] as T, s.dims),
  transpose: (t: Ts, s: { dim0: number; dim1: number }) => S.transpose(t[0] as T, s.dim0, s.dim1),
  t: (t: Ts) => S.t(t[0] as T),
  expand: (t: Ts, _s: unknown, out: readonly T[]) => S.expand(t[0] as T, out[0].shape),
  narrow: (t: Ts, s: { dim: number; start: number }, out: readonly T[]) => S.narrow(t[0] as T, s.dim, s.start, out[0].shape[s.dim]),
  select: (t: Ts, s: { dim: number; index: number }) => S.select(t[0] as T, s.dim, s.index),
  slice: (t: Ts, s: { dim: number; start: number; end: number; step: number }) => S.slice(t[0] as T, s.dim, s.start, s.end, s.step),
  diagonal: (t: Ts, s: { offset: number; dim1: number; dim2: number }) => S.diagonal(t[0] as T, s.offset, s.dim1, s.dim2),
  unfold: (t: Ts, s: { dim: number; size: number; step: number }) => S.unfold(t[0] as T, s.dim, s.size, s.step),
  unbind: (t: Ts, s: { dim: number }) => S.unbind(t[0] as T, s.dim),
  cat: (t: Ts, s: { dim: number }, _out: readonly T[], ins: Ins) => S.cat(t.map((_, i) => orZeros(t, ins, i)), s.dim),
  stack: (t: Ts, s: { dim: number }, _out: readonly T[], ins: Ins) => S.stack(t.map((_, i) => orZeros(t, ins, i)), s.dim),
  split: (t: Ts, s: { dim: number; sizes: number[] }): Ts => {
    let start = 0;
    return s.sizes.map((n) => S.narrow(t[0] as T, s.dim, (start += n) - n, n));
  },
  tril: (t: Ts, s: { diagonal: number }) => ST.tril(t[0] as T, s.diagonal),
  triu: (t: Ts, s: { diagonal: number }) => ST.triu(t[0] as T, s.diagonal),
  diag: (t: Ts, s: { diagonal: number }) => ST.diag(t[0] as T, s.diagonal),
  flip: (t: Ts, s: { dims: number[] }) => ST.flip(t[0] as T, s.dims),
  roll: (t: Ts, s: { shifts: number[]; dims: number[] }) => ST.roll(t[0] as T, s.shifts, s.dims),
  repeat: (t: Ts, s: { repeats: number[] }) => ST.repeat(t[0] as T, s.repeats),
  alias: (t: Ts) => S.aliasOf(t[0] as T),

  // ---- copies ----
  toCopy: (t: Ts, _s: unknown, out: readonly T[]) => C.to(t[0] as T, out[0].dtype),
  clone: (t: Ts) => C.clone(t[0] as T),
  zeros: zerosOf,
  // copy_(self, src): the tangent of src, broadcast and cast to self's; zeros when src has none.
  copy: (t: Ts, _s: unknown, out: readonly T[]) => {
    const src = t[1];
    if (src === null) return zerosOf(t, _s, out);
    return C.clone(S.expand(C.to(src, out[0].dtype), out[0].shape));
  },

  // ---- linear algebra (product rule) ----
  dot: (t: Ts, s: { self: T; other: T }) => addOpt(t[0] && L.dot(t[0], s.other), t[1] && L.dot(s.self, t[1])),
  mm: (t: Ts, s: { self: T; mat2: T }) => addOpt(t[0] && L.mm(t[0], s.mat2), t[1] && L.mm(s.self, t[1])),
  mv: (t: Ts, s: { self: T; vec: T }) => addOpt(t[0] && L.mv(t[0], s.vec), t[1] && L.mv(s.self, t[1])),
  bmm: (t: Ts, s: { self: T; mat2: T }) => addOpt(t[0] && L.bmm(t[0], s.mat2), t[1] && L.bmm(s.self, t[1])),
  // F.linear: inputs [bias, input, weight]; the weight's tangent is in the weight's layout (x W^T: a GEMM flag).
  linear: (t: Ts, s: { input: T; weight: T }) =>
    addOpt(addOpt(t[0], t[1] && L.mmT(t[1], s.weight, false, true)), t[2] && L.mmT(s.input, t[2], false, true)),
  linearNoBias: (t: Ts, s: { input: T; weight: T }) => addOpt(t[0] && L.mmT(t[0], s.weight, false, true), t[1] && L.mmT(s.input, t[1], false, true)),

  // beta * input + alpha * product (lib/ops/linalg_products.ts), inputs [input, first, second]
  addmm: (t: Ts, s: { mat1: T; mat2: T; beta: number; alpha: number }) => product(t, s.beta, s.alpha, s.mat1, s.mat2, L.mm),
  addmv: (t: Ts, s: { mat: T; vec: T; beta: number; alpha: number }) => product(t, s.beta, s.alpha, s.mat, s.vec, L.mv),
  addr: (t: Ts, s: { vec1: T; vec2: T; beta: number; alpha: number }) => product(t, s.beta, s.alpha, s.vec1, s.vec2, L.outer),
  baddbmm: (t: Ts, s: { batch1: T; batch2: T; beta: number; alpha: number }) => product(t, s.beta, s.alpha, s.batch1, s.batch2, L.bmm),
  addbmm: (t: Ts, s: { batch1: T; batch2: T; beta: number; alpha: number }) =>
    product(t, s.beta, s.alpha, s.batch1, s.batch2, (a, b) => R.sum(L.bmm(a, b), 0)),
  vdot: (t: Ts, s: { self: T; other: T }) => addOpt(t[0] && L.dot(t[0], s.other), t[1] && L.dot(s.self, t[1])),
  // inv: dX = -X dA X
  inv: (t: Ts, _s: unknown, out: readonly T[]) => E.neg(L.matmul(L.matmul(out[0], t[0] as T), out[0])),
  // convolution: linear in each input
  conv: (t: Ts, s: ConvSaved) => convTangent(t, s),

  // ---- reductions that pick elements ----
  indexed: (t: Ts, s: { shape: number[]; dim: number; indices: T }): Ts => [picked(t[0] as T, s), null],
  pickedDim: (t: Ts, s: { shape: number[]; dim: number; keepdim: boolean; indices: T }): Ts => [picked(t[0] as T, s, s.keepdim), null],
  extremum: (t: Ts, s: { self: T; result: T; dims: number[]; keepdim: boolean }) => tiedMean(t[0] as T, s.self, s.result, s.dims, s.keepdim),
  tiedAll: (t: Ts, s: { self: T; result: T }) => tiedMean(t[0] as T, s.self, s.result, null, false),

  // ---- normalization and losses ----
  // layer norm over the last k dims: dxhat = rstd (dx - mean(dx) - xhat mean(xhat dx)); dy = dxhat w + xhat dw + db
  layerNorm: (t: Ts, s: LayerNormSaved) => {
    const x = s.self;
    const dims = Array.from({ length: s.k }, (_, i) => x.ndim - s.k + i);
    const xc = E.sub(x, R.mean(x, dims, true));
    const rstd = E.rsqrt(E.add(R.mean(E.mul(xc, xc), dims, true), s.eps));
    const xhat = E.mul(xc, rstd);
    let dy: T | null = null;
    if (t[0] !== null) {
      const dc = E.sub(t[0], R.mean(t[0], dims, true));
      const dxhat = E.mul(E.sub(dc, E.mul(xhat, R.mean(E.mul(xhat, dc), dims, true))), rstd);
      dy = s.weight === null ? dxhat : E.mul(dxhat, s.weight);
    }
    return addOpt(addOpt(dy, t[1] && E.mul(xhat, t[1])), t[2]);
  },
  // mse: norm (x - y) (dx - dy), summed when reduced (norm holds 2 / n for 'mean', 2 otherwise)
  mseLoss: (t: Ts, s: { self: T; target: T; norm: number }, out: readonly T[]) => {
    const d = E.mul(E.mul(E.sub(s.self, s.target), s.norm), addOpt(t[0], t[1] && E.neg(t[1])) as T);
    return out[0].ndim === 0 && d.ndim > 0 ? R.sum(d) : d;
  },

  // nll: -(mask t) over the class dim, summed ('sum'), over the total weight ('mean'); mask = weighted one-hot
  nllLoss: (t: Ts, s: { mask: T; reduction: Reduction; totalWeight: T; classDim: number; ndim: number }) => {
    const mt = E.neg(E.mul(s.mask, t[0] as T));
    if (s.reduction === 'mean') return E.div(R.sum(mt), s.totalWeight);
    return s.reduction === 'sum' || s.ndim === 1 ? R.sum(mt) : R.sum(mt, s.classDim);
  },
  // var: 2 sum((x - mean) t) / (n - correction); std: var's tangent / (2 std)
  var: (t: Ts, s: { self: T; dims: number[]; keepdim: boolean; correction: number; n: number }) =>
    E.div(R.sum(E.mul(E.sub(s.self, R.mean(s.self, s.dims, true)), t[0] as T), s.dims, s.keepdim), (s.n - s.correction) / 2),
  std: (t: Ts, s: { self: T; result: T; dims: number[]; keepdim: boolean; correction: number; n: number }) =>
    E.div(R.sum(E.mul(E.sub(s.self, R.mean(s.self, s.dims, true)), t[0] as T), s.dims, s.keepdim), E.mul(s.result, s.n - s.correction)),
  cumsum: (t: Ts, s: { dim: number }) => cumsum(t[0] as T, s.dim),
  // p-norms (PyTorch's norm_jvp): sum(sign(x) |x|^(p-1) t) / |x|_p^(p-1), 0 where the norm is 0; +-inf: the
  // tangents of the elements of largest (smallest) |x|, averaged over ties.
  norm: (t: Ts, s: NormSaved) => {
    const x = s.self, dt = t[0] as T;
    const red = (v: T) => (s.dims === null ? R.sum(v) : R.sum(v, s.dims, s.keepdim));
    if (s.p === 0) return C.zerosLike(s.result);
    if (s.p === 1) return red(E.mul(E.sign(x), dt));
    if (s.p === Infinity || s.p === -Infinity) return tiedMean(E.mul(E.sign(x), dt), E.abs(x), s.result, s.dims, s.keepdim);
    const num = red(E.mul(s.p === 2 ? x : E.mul(E.sign(x), E.pow(E.abs(x), s.p - 1)), dt));
    const den = s.p === 2 ? s.result : E.pow(s.result, s.p - 1);
    return E.where(E.eq(s.result, 0), 0, E.div(num, den));
  },

  // ---- indexing (linear in the indexed tensor) ----
  gather: (t: Ts, s: { dim: number; index: T }) => GA.gather(t[0] as T, s.dim, s.index),
  indexSelect: (t: Ts, s: { dim: number; index: T }) => GA.indexSelect(t[0] as T, s.dim, s.index),
  take: (t: Ts, s: { index: T }) => MK.take(t[0] as T, s.index),
  embedding: (t: Ts, s: { index: T }, out: readonly T[]) => S.reshape(GA.indexSelect(t[0] as T, 0, s.index), out[0].shape),
};
