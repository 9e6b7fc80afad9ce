// float64 gradcheck + gradgradcheck specs, one or more per derivative-table row (keyed by the row key of `D`).
// test/autograd/derivatives.test.ts fails when a row of D has no entry here. Inputs are tiny (gradgradcheck
// costs O(inputs^2) graph runs) and chosen away from non-differentiable points: positive for log/sqrt/rsqrt/
// pow, well separated values (no ties) for max/min/maximum/relu/abs/clamp, non-zero for prod/div.
import { slice as sliceDim } from '../../lib/ops/shape.js';
import tg, { Tensor } from '../../lib/index.js';
import type { OpCase } from '../helpers/ops_fixture.js';
import { firstGrad } from '../helpers/ops_fixture.js';
import { erf, mulScalar } from '../../lib/ops/nn.js';
import { slice as sliceOp } from '../../lib/ops/shape.js';
import { clampMin } from '../../lib/ops/loss.js';
import { lstmCell, lstmLayer } from '../../lib/ops/rnn.js';
import { NN16_SPECS } from './gradcheck_specs_nn16.js';
import { NN6_SPECS } from './gradcheck_specs_nn6.js';
import { i1 } from '../../lib/ops/special_extra.js';

const F = tg.nn.functional;

export interface GradSpec {
  group: OpCase['group'];
  /** Fresh float64 inputs (the ones that require grad are checked). */
  inputs: () => Tensor[];
  fn: (...xs: Tensor[]) => Tensor | Tensor[];
  /** Overrides for gradcheck (only where the inputs cannot be float64; say why). */
  options?: { eps?: number; atol?: number; rtol?: number };
}

// Small deterministic PRNG (mulberry32) so the inputs do not depend on tg's generator.
let state = 0x2545f491;
function rnd(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const numel = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

function leaf(values: number[], shape: number[], dtype: 'float64' | 'float32' = 'float64', rg = true): Tensor {
  const t = tg.tensor(values, { dtype }).reshape(shape);
  return rg ? t.requiresGrad_(true) : t;
}
/** Uniform in [lo, hi). */
export function r(shape: number[], lo = -1, hi = 1): Tensor {
  return leaf(Array.from({ length: numel(shape) }, () => lo + (hi - lo) * rnd()), shape);
}
/** Positive, in [lo, hi). */
export function p(shape: number[], lo = 0.5, hi = 1.5): Tensor {
  return r(shape, lo, hi);
}
/** Distinct values at least (hi - lo) / (2n) apart, shuffled, never 0; `off` shifts the grid (no ties between two). */
export function dd(shape: number[], lo = -1, hi = 1, off = 0): Tensor {
  const n = numel(shape);
  const vals = Array.from({ length: n }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / n + off);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [vals[i], vals[j]] = [vals[j], vals[i]];
  }
  return leaf(vals, shape);
}
function cond(values: boolean[], shape: number[]): Tensor {
  return tg.tensor(values, { dtype: 'bool' }).reshape(shape);
}

/** A batch of diagonally dominant (well-conditioned) matrices, entries in [-1, 1) plus n on the diagonal. */
function wc(shape: number[], negRow = false): Tensor {
  const n = shape[shape.length - 1];
  const vals = Array.from({ length: numel(shape) }, (_, i) => -1 + 2 * rnd() + ((i % (n * n)) % (n + 1) === 0 ? n : 0));
  if (negRow) for (let i = 0; i < vals.length; i++) if (i % (n * n) < n) vals[i] = -vals[i];
  return leaf(vals, shape);
}

/** X X^T + 3I: symmetric positive-definite, differentiable in X. */
const spd = (x: Tensor): Tensor => x.matmul(x.transpose(-2, -1)).add(tg.eye(x.shape[x.ndim - 1], { dtype: 'float64' }).mul(3));

const S = (group: GradSpec['group'], inputs: () => Tensor[], fn: GradSpec['fn'], options?: GradSpec['options']): GradSpec => ({
  group,
  inputs,
  fn,
  options,
});

const X = 'indexing';
const i32 = (values: unknown): Tensor => tg.tensor(values as number[], { dtype: 'int32' });

export const GRADCHECK: Record<string, GradSpec[]> = {
  // ---- arithmetic
  add: [S('binary', () => [r([2, 3]), r([3])], (a, b) => tg.add(a, b, { alpha: 2 })), S('binary', () => [r([2])], (a) => tg.add(1.5, a))],
  sub: [S('binary', () => [r([2, 1]), r([3])], (a, b) => tg.sub(a, b)), S('binary', () => [r([3])], (a) => tg.sub(a, 1, { alpha: 2 }))],
  rsub: [S('binary', () => [r([2, 1]), r([3])], (a, b) => tg.rsub(a, b, { alpha: 1.5 }))],
  rsubScalar: [S('binary', () => [r([3])], (a) => tg.sub(1, a)), S('binary', () => [r([2, 2])], (a) => tg.rsub(a, 2, { alpha: -3 }))],
  mul: [S('binary', () => [r([2, 3]), r([2, 3])], (a, b) => a.mul(b)), S('binary', () => [r([]), r([3])], (a, b) => tg.mul(a, b))],
  div: [S('binary', () => [r([2, 3]), p([3])], (a, b) => a.div(b)), S('binary', () => [p([3])], (a) => tg.div(a, 2))],
  reciprocal: [S('unary', () => [p([2, 3])], (a) => a.reciprocal()), S('binary', () => [p([3])], (a) => tg.div(2, a))],
  powScalar: [S('binary', () => [p([2, 3])], (a) => a.pow(2.5)), S('binary', () => [r([3])], (a) => a.pow(3))],
  pow: [S('binary', () => [p([2, 2]), r([2, 2])], (a, b) => a.pow(b))],
  powScalarBase: [S('binary', () => [r([4])], (b) => tg.pow(2, b))],
  maximum: [S('binary', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => tg.maximum(a, b))],
  minimum: [S('binary', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => tg.minimum(a, b))],
  neg: [S('unary', () => [r([2, 3])], (a) => a.neg())],
  abs: [S('unary', () => [dd([2, 3])], (a) => a.abs())],
  sign: [S('unary', () => [dd([4])], (a) => a.sign())],
  // ---- unary math
  exp: [S('unary', () => [r([2, 3])], (a) => a.exp())],
  log: [S('unary', () => [p([2, 3])], (a) => a.log())],
  sqrt: [S('unary', () => [p([2, 3])], (a) => a.sqrt())],
  rsqrt: [S('unary', () => [p([2, 3])], (a) => a.rsqrt())],
  sin: [S('unary', () => [r([2, 3], -3, 3)], (a) => a.sin())],
  cos: [S('unary', () => [r([2, 3], -3, 3)], (a) => a.cos())],
  tanh: [S('unary', () => [r([2, 3], -2, 2)], (a) => a.tanh())],
  sigmoid: [S('unary', () => [r([2, 3], -3, 3)], (a) => a.sigmoid())],
  relu: [S('unary', () => [dd([2, 3])], (a) => a.relu())],
  clamp: [S('unary', () => [dd([2, 4])], (a) => a.clamp(-0.55, 0.45)), S('unary', () => [dd([5])], (a) => a.clamp({ min: 0.1 }))],
  where: [S('binary', () => [r([2, 3]), r([3])], (a, b) => tg.where(cond([true, false, true, false, false, true], [2, 3]), a, b))],
  // ---- backward kernels (double backward): d f(x)/dx · go with createGraph
  tanhBackward: [S('unary', () => [r([3]), r([3])], (x, go) => firstGrad((t) => t.tanh(), x, go))],
  sigmoidBackward: [S('unary', () => [r([3]), r([3])], (x, go) => firstGrad((t) => t.sigmoid(), x, go))],
  thresholdBackward: [S('unary', () => [dd([4]), r([4])], (x, go) => firstGrad((t) => t.relu(), x, go))],
  // ---- reductions
  sum: [S('reduce', () => [r([2, 3])], (a) => a.sum())],
  sumDim: [S('reduce', () => [r([2, 3])], (a) => a.sum(1)), S('reduce', () => [r([2, 1, 2])], (a) => a.sum([0, -1], true))],
  mean: [S('reduce', () => [r([2, 3])], (a) => a.mean())],
  meanDim: [S('reduce', () => [r([2, 3])], (a) => a.mean(0, true))],
  prod: [
    S('reduce', () => [dd([2, 3], 0.3, 1.7)], (a) => a.prod()),
    S('reduce', () => [dd([4], -1.5, 1.5)], (a) => a.prod()),
    S('reduce', () => [leaf([1.5, 0, -0.75, 1.25], [2, 2])], (a) => a.prod()), // one zero
    S('reduce', () => [leaf([0, 1.5, 0, -1.25], [4])], (a) => a.prod()), // two zeros
  ],
  prodDim: [
    S('reduce', () => [dd([2, 3], -1.5, 1.5)], (a) => a.prod(1)),
    S('reduce', () => [dd([3, 2], 0.3, 1.7)], (a) => a.prod(0, true)),
    // rows with one zero, two zeros, none (prod is a polynomial, so differences are exact at zeros too)
    S('reduce', () => [leaf([1.5, 0, -0.75, 0, 0, 1.25, 0.5, -1.5, 0.8], [3, 3])], (a) => a.prod(1)),
    // over a dim that is neither the last nor the second, with zeros: the createGraph branch's product of the
    // others moves the dim last and back (Note [prod double backward]); slices with one zero, two, none
    S('reduce', () => [leaf([0, 1.5, 0, -0.75, 1.25, 0.5, 0.8, 0, 0, -1.5, 1.1, -0.6], [2, 3, 2])], (a) => a.prod(0)),
  ],
  maxAll: [S('reduce', () => [dd([2, 3])], (a) => a.max())],
  minAll: [S('reduce', () => [dd([2, 3])], (a) => a.min())],
  maxDim: [S('reduce', () => [dd([2, 3])], (a) => a.max(1).values), S('reduce', () => [dd([3, 2])], (a) => a.max(0, true).values)],
  minDim: [S('reduce', () => [dd([2, 3])], (a) => a.min(-1).values)],
  norm: [
    S('reduce', () => [r([2, 3])], (a) => a.norm()),
    S('reduce', () => [dd([2, 3])], (a) => a.norm(3, 1)),
    S('reduce', () => [dd([4])], (a) => a.norm(1)),
    S('reduce', () => [dd([4], -1, 1, 0.05)], (a) => a.norm(Infinity)), // no ties in |x|
    S('reduce', () => [dd([2, 3])], (a) => a.norm(0, 1).add(a.sum())), // p=0 gives no grad; sum keeps a path
  ],
  var: [S('reduce', () => [r([2, 3])], (a) => a.var()), S('reduce', () => [r([2, 3])], (a) => a.var(1, { correction: 0, keepdim: true }))],
  std: [S('reduce', () => [r([2, 3])], (a) => a.std()), S('reduce', () => [r([3, 2])], (a) => a.std(0))],
  logsumexp: [S('reduce', () => [r([2, 3])], (a) => a.logsumexp(1)), S('reduce', () => [r([2, 2])], (a) => a.logsumexp([0, 1], true))],
  softmax: [S('nn', () => [r([2, 3])], (a) => a.softmax(1)), S('nn', () => [r([3, 2])], (a) => tg.softmax(a, 0))],
  logSoftmax: [S('nn', () => [r([2, 3])], (a) => a.logSoftmax(-1))],
  // ---- shape
  reshape: [S('shape', () => [r([2, 3])], (a) => a.reshape([3, 2]))],
  view: [S('shape', () => [r([2, 3])], (a) => a.view([6]))],
  unsafeView: [S('linalg', () => [r([2, 2, 3]), r([3, 2])], (a, b) => a.matmul(b))],
  squeezeDimInplace: [S('linalg', () => [r([3]), r([3, 2])], (a, b) => a.matmul(b))],
  squeeze: [S('shape', () => [r([2, 1, 3])], (a) => a.squeeze())],
  squeezeDim: [S('shape', () => [r([2, 1, 3])], (a) => a.squeeze(1))],
  unsqueeze: [S('shape', () => [r([2, 3])], (a) => a.unsqueeze(-1))],
  permute: [S('shape', () => [r([2, 3, 2])], (a) => a.permute([2, 0, 1]))],
  transpose: [S('shape', () => [r([2, 3, 2])], (a) => a.transpose(0, -1))],
  t: [S('shape', () => [r([2, 3])], (a) => a.t())],
  expand: [
    S('shape', () => [r([3, 1])], (a) => a.expand([2, 3, 2])),
    S('structure', () => [r([3]), r([2]), r([])], (a, b, c) => tg.meshgrid([a, b, c], { indexing: 'xy' })),
  ],
  narrow: [S('shape', () => [r([4, 2])], (a) => a.narrow(0, 1, 2))],
  select: [S('shape', () => [r([3, 2])], (a) => a.select(1, 1))],
  diagonal: [S('shape', () => [r([3, 4])], (a) => a.diagonal(1)), S('shape', () => [r([2, 3, 3])], (a) => tg.diagonal(a, -1, 1, 2))],
  unfold: [S('shape', () => [r([6])], (a) => a.unfold(0, 3, 1)), S('shape', () => [r([2, 5])], (a) => a.unfold(1, 2, 2))],
  asStrided: [S('shape', () => [r([3, 4])], (a) => a.asStrided([2, 3], [4, 1], 1)), S('shape', () => [r([2, 3])], (a) => a.t().asStrided([2, 2], [3, 1]))],
  unbind: [S('shape', () => [r([3, 2])], (a) => a.unbind(0)), S('shape', () => [r([2, 3])], (a) => tg.unbind(a, 1)[2])],
  // indexing (lib/ops/indexing.ts): slice with steps and negative bounds, alias, gathers (with repeated
  // positions, a mask, separated advanced dims) and index_put (both inputs; accumulate with repeats; without
  // accumulate at distinct positions only, since a repeated position there keeps one value: no derivative)
  slice: [
    S('shape', () => [r([5, 2])], (a) => sliceDim(a, 0, 1, null, 2)),
    S('shape', () => [r([2, 4])], (a) => sliceDim(a.t(), 0, -3, -1, 1)),
    S('shape', () => [r([5, 3])], (a) => sliceOp(a, 0, 1, null, 2)),
    S('shape', () => [r([2, 7])], (a) => a.index([tg.slice(), tg.slice(-6, -1, 3)])),
    S('shape', () => [r([4])], (a) => sliceOp(a, 0, 2, 2)),
  ],
  alias: [S('shape', () => [r([2, 3])], (a) => a.index('...'))],
  index: [
    S('shape', () => [r([3, 4])], (a) => a.index([[2, 0, 2], tg.slice(1)])),
    S('shape', () => [r([2, 3, 4])], (a) => a.index([[1, 0], tg.slice(), [3, 3]])),
    S('shape', () => [r([2, 3])], (a) => a.index(cond([true, false, true, false, true, true], [2, 3]))),
    S('shape', () => [r([3])], (a) => a.index(true)),
  ],
  indexPut: [
    S('shape', () => [r([3, 4]), r([2])], (a, v) => a.indexPut([[2, 0], [1, 3]], v)),
    S('shape', () => [r([4]), r([3])], (a, v) => a.indexPut([[1, 1, 3]], v, { accumulate: true })),
    S('shape', () => [r([3, 4]), r([3, 1])], (a, v) => a.indexPut([tg.slice(), [0, 2]], v)),
    S('shape', () => [r([2, 3])], (a) => a.mul(1).indexPut_([[0, 1], [2, 2]], 0.5).mul(a)),
  ],
  cat: [S('shape', () => [r([2, 1]), r([2, 2])], (a, b) => tg.cat([a, b], 1))],
  stack: [S('shape', () => [r([3]), r([3])], (a, b) => tg.stack([a, b], 1))],
  split: [
    S('shape', () => [r([5])], (a) => a.split(2)),
    S('shape', () => [r([5, 2])], (a) => a.split(2)[1]), // chunks 0 and 2 get no grad
  ],
  splitWithSizes: [
    S('shape', () => [r([2, 3])], (a) => a.split([2, 1], 1)),
    S('shape', () => [r([2, 6])], (a) => { const c = a.split([1, 3, 2], 1); return [c[0], c[2]]; }),
  ],
  // ---- structure (lib/ops/structure.ts)
  tril: [S('structure', () => [r([3, 4])], (a) => a.tril()), S('structure', () => [r([2, 2, 3])], (a) => a.tril(-1))],
  triu: [S('structure', () => [r([3, 3])], (a) => a.triu(1)), S('structure', () => [r([3, 2])], (a) => a.clone().triu_(-1))],
  diag: [
    S('structure', () => [r([3])], (a) => tg.diag(a, -1)),
    S('structure', () => [r([3, 4])], (a) => tg.diag(a, 1)),
    S('structure', () => [r([4, 2])], (a) => tg.diag(a, -2)),
    S('structure', () => [r([2, 3])], (a) => a.diag()),
  ],
  diagEmbed: [
    S('structure', () => [r([2, 2])], (a) => tg.diagEmbed(a)),
    S('structure', () => [r([2, 3])], (a) => tg.diagEmbed(a, 1, 2, 0)),
    S('structure', () => [r([3])], (a) => tg.diagEmbed(a, -1)),
  ],
  flip: [S('structure', () => [r([2, 3, 2])], (a) => a.flip([0, 2])), S('structure', () => [r([2, 3])], (a) => a.fliplr())],
  roll: [S('structure', () => [r([2, 3])], (a) => a.roll(4)), S('structure', () => [r([2, 3, 2])], (a) => a.roll([1, -2], [0, 1]))],
  repeat: [S('structure', () => [r([2, 3])], (a) => a.repeat(2, 1, 2)), S('structure', () => [r([3])], (a) => a.tile([2, 1]))],
  repeatInterleave: [
    S('structure', () => [r([2, 2])], (a) => a.repeatInterleave(2)),
    S('structure', () => [r([2, 3])], (a) => a.repeatInterleave(tg.tensor([2, 0, 1], { dtype: 'int32' }), 1)),
    S('structure', () => [r([3, 2])], (a) => a.repeatInterleave(3, 0)),
  ],
  // ---- linear algebra
  dot: [S('linalg', () => [r([3]), r([3])], (a, b) => tg.dot(a, b))],
  mm: [S('linalg', () => [r([2, 3]), r([3, 2])], (a, b) => a.mm(b))],
  mv: [S('linalg', () => [r([2, 3]), r([3])], (a, b) => a.mv(b))],
  bmm: [S('linalg', () => [r([2, 2, 2]), r([2, 2, 1])], (a, b) => a.bmm(b))],
  // ---- copies and in-place
  // toCopy needs a dtype change: float64 -> float32 -> float64, at values float32 holds exactly, with an eps
  // (2^-8) that keeps x +- eps exact in float32 too, so the differences are exact.
  toCopy: [S('unary', () => [leaf([0.5, -1.25, 2], [3])], (a) => a.to('float32').to('float64'), { eps: 2 ** -8 })],
  clone: [S('unary', () => [r([2, 3])], (a) => a.clone())],
  fill: [S('inplace', () => [r([3])], (a) => a.clone().fill_(2).add(a))],
  zero: [S('inplace', () => [r([3])], (a) => a.clone().zero_().add(a))],
  copy: [S('inplace', () => [r([2, 3]), r([3])], (a, b) => a.mul(2).copy_(b).mul(a))],
  // ---- nn (lib/ops/nn.ts rows, reached through tg.nn.functional)
  nnLinear: [
    S('nn', () => [r([2, 3]), r([4, 3]), r([4])], (x, w, b) => F.linear(x, w, b)),
    S('nn', () => [r([2, 2, 3]), r([4, 3]), r([4])], (x, w, b) => F.linear(x, w, b)),
  ],
  nnLinearNoBias: [S('nn', () => [r([2, 3]), r([4, 3])], (x, w) => F.linear(x, w))],
  nnDivScalar: [S('nn', () => [r([2, 3]), leaf([0.2, 0.3, 0.5, 0.6, 0.3, 0.1], [2, 3], 'float64', false)], (x, p) => F.crossEntropy(x, p))],
  nnMulScalar: [S('nn', () => [r([2, 2])], (x) => mulScalar(x, -1.5))],
  nnNllLoss2d: [S('nn', () => [r([1, 2, 2, 1])], (x) => F.nllLoss(x, tg.tensor([[[1], [0]]], { dtype: 'int32' })))],
  nnGeluBackward: [
    S('nn', () => [r([4], -2, 2), r([4])], (x, go) => firstGrad((t) => F.gelu(t), x, go)),
    S('nn', () => [r([3], -2, 2), r([3])], (x, go) => firstGrad((t) => F.gelu(t, { approximate: 'tanh' }), x, go)),
  ],
  nnGelu: [S('nn', () => [r([4], -2, 2)], (x) => F.gelu(x)), S('nn', () => [r([3], -2, 2)], (x) => F.gelu(x, { approximate: 'tanh' }))],
  nnMseLoss: [S('nn', () => [r([2, 2]), r([2, 2])], (a, b) => F.mseLoss(a, b))],
  nnNllLoss: [S('nn', () => [r([3, 2])], (x) => F.nllLoss(x, tg.tensor([1, 0, 1], { dtype: 'int32' })))],
  nnBceWithLogits: [
    S('nn', () => [r([2, 2]), p([2, 2], 0, 1)], (x, y) => F.binaryCrossEntropyWithLogits(x, y, { posWeight: leaf([0.5, 2], [2], 'float64', false) })),
  ],
  // ---- transformer layers (lib/ops/embedding.ts, lib/ops/norm.ts): repeated indices, padding and frequency scaling
  nnEmbedding: [
    S('nn', () => [r([4, 3])], (w) => F.embedding(i32([[3, 0], [3, 3]]), w)),
    // paddingIdx rows get no grad while the output still reads them: the spec zeroes those outputs so the
    // numerical Jacobian agrees. scaleGradByFreq is not a gradient (PyTorch's fixtures check it).
    S('nn', () => [r([3, 2])], (w) => F.embedding(i32([0, 2, 2, 1, 0]), w, { paddingIdx: 0 }).mul(tg.tensor([[0], [1], [1], [1], [0]], { dtype: 'float64' }))),
  ],
  nnLayerNorm: [
    S('nn', () => [r([2, 3]), r([3]), r([3])], (x, w, b) => F.layerNorm(x, [3], w, b)),
    S('nn', () => [r([2, 2, 2])], (x) => F.layerNorm(x, [2, 2], null, null, 1e-3)),
    S('nn', () => [r([3, 2]), r([2])], (x, w) => F.layerNorm(x, [2], w)),
  ],
  // the fused attention kernel (lib/ops/attention.ts): first order through its native backward, second order
  // through the op formulas; L != S, E != Ev, causal with more queries than keys, a broadcast bool mask
  nnScaledDotProductAttention: [
    S('nn', () => [r([2, 3, 2]), r([2, 4, 2]), r([2, 4, 3])], (q, k, v) => F.scaledDotProductAttention(q, k, v)),
    S('nn', () => [r([1, 4, 2]), r([1, 3, 2]), r([1, 3, 2])], (q, k, v) => F.scaledDotProductAttention(q, k, v, { isCausal: true, scale: 0.7 })),
    S('nn', () => [r([2, 3, 2]), r([2, 3, 2]), r([2, 3, 1])],
      (q, k, v) => F.scaledDotProductAttention(q, k, v, { attnMask: tg.tensor([[true, false, true], [false, true, true], [true, true, false]], { dtype: 'bool' }) })),
  ],
  // the fused LSTM cell (lib/ops/rnn.ts): both outputs, and each alone (the other output's grad is null)
  lstmCell: [
    S('nn', () => [r([2, 8]), r([2, 8]), r([2, 2])], (hw, xw, c) => lstmCell(hw, xw, c)),
    S('nn', () => [r([3, 12]), r([3, 12]), r([3, 3])], (hw, xw, c) => lstmCell(hw, xw, c)[0]),
    S('nn', () => [r([1, 4], -3, 3), r([1, 4]), r([1, 1], -2, 2)], (hw, xw, c) => lstmCell(hw, xw, c)[1]),
  ],
  // one fused LSTM layer direction (lib/ops/rnn.ts): forward and reverse, with and without b_hh, and a grad for
  // the hidden states only
  lstmLayer: [
    S('nn', () => [r([3, 2, 8]), r([2, 2]), r([2, 2]), r([8, 2]), r([8])], (xw, h0, c0, w, b) => lstmLayer(xw, h0, c0, w, b, false)),
    S('nn', () => [r([2, 1, 4]), r([1, 1]), r([1, 1]), r([4, 1])], (xw, h0, c0, w) => lstmLayer(xw, h0, c0, w, null, true)),
    S('nn', () => [r([3, 2, 8]), r([2, 2]), r([2, 2]), r([8, 2]), r([8])], (xw, h0, c0, w, b) => lstmLayer(xw, h0, c0, w, b, true).slice(0, 3)),
  ],
  // ---- pooling and channel normalization (lib/ops/pooling.ts, lib/ops/normalization.ts): distinct values for max
  // pooling (no ties), padding, dilation, ceilMode and the 1-D forms; the composites (lpPool2d, instanceNorm,
  // localResponseNorm) go through the rows they are built on
  nnMaxPool2d: [
    S('nn', () => [dd([1, 2, 4, 4])], (x) => F.maxPool2d(x, 2)),
    S('nn', () => [dd([2, 5, 6])], (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1, dilation: [1, 2], ceilMode: true })),
    S('nn', () => [dd([2, 2, 7])], (x) => F.maxPool1d(x, 3, 2, 1, 1, false, true)[0]),
  ],
  nnAdaptiveMaxPool2d: [S('nn', () => [dd([1, 2, 5, 4])], (x) => F.adaptiveMaxPool2d(x, [2, 3])), S('nn', () => [dd([2, 7])], (x) => F.adaptiveMaxPool1d(x, 3))],
  nnAvgPool2d: [
    S('nn', () => [r([1, 2, 5, 5])], (x) => F.avgPool2d(x, 3, 2, 1, true, false)),
    S('nn', () => [r([2, 4, 4])], (x) => F.avgPool2d(x, 2, { stride: 1, divisorOverride: 3 })),
    S('nn', () => [r([2, 2, 6])], (x) => F.avgPool1d(x, 3, 2, 1)),
    S('nn', () => [p([1, 1, 4, 4])], (x) => F.lpPool2d(x, 2, 2)),
    S('nn', () => [r([1, 4, 3])], (x) => F.localResponseNorm(x, 3, 0.1, 0.75, 1)),
  ],
  nnAvgPool2dBackward: [S('nn', () => [r([1, 2, 5, 5]), r([1, 2, 3, 3])], (x, go) => firstGrad((t) => F.avgPool2d(t, 3, 2, 1, false, false), x, go))],
  nnAdaptiveAvgPool2d: [S('nn', () => [r([1, 2, 5, 4])], (x) => F.adaptiveAvgPool2d(x, [3, 2])), S('nn', () => [r([2, 7])], (x) => F.adaptiveAvgPool1d(x, 3))],
  nnAdaptiveAvgPool2dBackward: [S('nn', () => [r([1, 1, 5, 4]), r([1, 1, 3, 3])], (x, go) => firstGrad((t) => F.adaptiveAvgPool2d(t, 3), x, go))],
  nnMaxUnpool2d: [S('nn', () => [r([1, 1, 2, 2])], (x) => F.maxUnpool2d(x, i32([[[[0, 3], [9, 15]]]]), 2))],
  nnBatchNorm: [
    S('nn', () => [r([3, 2, 2]), r([2]), r([2])], (x, w, b) => F.batchNorm(x, null, null, w, b, true)),
    S('nn', () => [r([2, 2, 2, 2]), leaf([0.1, -0.2], [2], 'float64', false), leaf([0.5, 1.5], [2], 'float64', false), r([2]), r([2])],
      (x, rm, rv, w, b) => F.batchNorm(x, rm, rv, w, b, false)),
    S('nn', () => [r([4, 3])], (x) => F.batchNorm(x, null, null, null, null, true, 0.1, 1e-3)),
    S('nn', () => [r([2, 2, 3]), r([2]), r([2])], (x, w, b) => F.instanceNorm(x, null, null, w, b)),
  ],
  nnGroupNorm: [
    S('nn', () => [r([2, 4, 3]), r([4]), r([4])], (x, w, b) => F.groupNorm(x, 2, w, b)),
    S('nn', () => [r([2, 2, 2])], (x) => F.groupNorm(x, 1, null, null, 1e-3)),
  ],
  // ---- indexing (repeated indices where they accumulate; distinct values for amax/amin; single zeros for prod)
  gather: [
    S(X, () => [r([3, 4])], (x) => x.gather(1, i32([[0, 3, 3], [2, 1, 0]]))),
    S(X, () => [r([2, 3])], (x) => tg.takeAlongDim(x, i32([[2], [0]]), 1)),
  ],
  indexSelect: [S(X, () => [r([4, 2])], (x) => tg.indexSelect(x, 0, i32([3, 0, 3])))],
  indexAdd: [S(X, () => [r([3, 2]), r([3, 2])], (x, s) => tg.indexAdd(x, 0, i32([2, 0, 2]), s, { alpha: 1.5 }))],
  indexFill: [S(X, () => [r([3, 2])], (x) => tg.indexFill(x, 1, i32([1]), 0.5))],
  indexFillTensor: [S(X, () => [r([3, 2]), r([])], (x, v) => tg.indexFill(x, 0, i32([0, 2]), v))],
  indexCopy: [S(X, () => [r([3, 2]), r([2, 2])], (x, s) => tg.indexCopy(x, 0, i32([2, 0]), s))],
  scatter: [
    S(X, () => [r([3, 2]), r([2, 2])], (x, s) => tg.scatter(x, 0, i32([[2, 0], [1, 2]]), s)),
    // src larger than index: its unread entries get a zero grad (PyTorch 1.13 rejects its own wrong-shaped grad)
    S(X, () => [r([3]), r([4])], (x, s) => tg.scatter(x, 0, i32([2, 0]), s)),
  ],
  scatterValue: [S(X, () => [r([3, 2])], (x) => tg.scatter(x, 1, i32([[1], [0], [1]]), 0.5))],
  scatterAdd: [S(X, () => [r([3, 2]), r([3, 2])], (x, s) => tg.scatterAdd(x, 0, i32([[2, 0], [2, 2], [1, 0]]), s))],
  scatterReduce: [
    ...(['sum', 'mean'] as const).flatMap((red) =>
      [true, false].map((inc) => S(X, () => [r([3, 2]), r([3, 2])], (x, s) => tg.scatterReduce(x, 0, i32([[2, 0], [2, 2], [0, 0]]), s, red, { includeSelf: inc }))),
    ),
    ...(['amax', 'amin'] as const).flatMap((red) =>
      [true, false].map((inc) => S(X, () => [dd([3, 2]), dd([3, 2], -1, 1, 0.03)], (x, s) => tg.scatterReduce(x, 0, i32([[2, 0], [2, 2], [0, 0]]), s, red, { includeSelf: inc }))),
    ),
    ...[true, false].map((inc) => S(X, () => [p([3, 2]), p([3, 2])], (x, s) => tg.scatterReduce(x, 0, i32([[2, 0], [2, 2], [0, 0]]), s, 'prod', { includeSelf: inc }))),
    S(X, () => [leaf([0, 1.5, -0.5], [3]), leaf([0.7, 0, 1.2, -0.8], [4])], (x, s) => tg.scatterReduce(x, 0, i32([0, 1, 1, 2]), s, 'prod')),
  ],
  maskedFill: [S(X, () => [r([2, 3])], (x) => tg.maskedFill(x, cond([true, false, true], [3]), 0.5))],
  maskedFillTensor: [S(X, () => [r([2, 2]), r([])], (x, v) => tg.maskedFill(x, cond([true, false, false, true], [2, 2]), v))],
  maskedSelect: [S(X, () => [r([2, 3])], (x) => tg.maskedSelect(x, cond([false, true, true], [3])))],
  maskedScatter: [S(X, () => [r([2, 3]), r([5])], (x, s) => tg.maskedScatter(x, cond([true, false, true, true, false, false], [2, 3]), s))],
  take: [S(X, () => [r([2, 3])], (x) => tg.take(x, i32([[0, -1], [4, 4]])))],
  put: [
    S(X, () => [r([2, 3]), r([3])], (x, s) => tg.put(x, i32([5, 0, -3]), s)),
    S(X, () => [r([2, 3]), r([2, 2])], (x, s) => tg.put(x, i32([[1, 1], [4, -5]]), s, true)),
  ],
  // ---- elementwise math (lib/ops/elementwise_math.ts)
  sinh: [S('math', () => [r([2, 3], -2, 2)], (a) => a.sinh())],
  cosh: [S('math', () => [r([2, 3], -2, 2)], (a) => a.cosh())],
  tan: [S('math', () => [r([2, 3], -1.2, 1.2)], (a) => a.tan())],
  asin: [S('math', () => [r([2, 3], -0.9, 0.9)], (a) => a.asin())],
  acos: [S('math', () => [r([2, 3], -0.9, 0.9)], (a) => a.acos())],
  atan: [S('math', () => [r([2, 3], -3, 3)], (a) => a.atan())],
  asinh: [S('math', () => [r([2, 3], -3, 3)], (a) => a.asinh())],
  acosh: [S('math', () => [r([2, 3], 1.2, 3)], (a) => a.acosh())],
  atanh: [S('math', () => [r([2, 3], -0.9, 0.9)], (a) => a.atanh())],
  log2: [S('math', () => [p([2, 3])], (a) => a.log2())],
  log10: [S('math', () => [p([2, 3])], (a) => a.log10())],
  log1p: [S('math', () => [r([2, 3], -0.5, 2)], (a) => a.log1p())],
  expm1: [S('math', () => [r([2, 3], -2, 2)], (a) => a.expm1())],
  exp2: [S('math', () => [r([2, 3], -2, 2)], (a) => a.exp2())],
  erfc: [S('math', () => [r([2, 3], -2, 2)], (a) => a.erfc())],
  erfinv: [S('math', () => [r([2, 3], -0.9, 0.9)], (a) => a.erfinv())],
  lgamma: [S('math', () => [r([2, 3], 0.3, 4)], (a) => a.lgamma()), S('math', () => [r([3], -0.9, -0.1)], (a) => tg.lgamma(a))],
  digamma: [S('math', () => [r([2, 3], 0.3, 4)], (a) => a.digamma())],
  polygamma: [S('math', () => [r([2, 3], 0.3, 4)], (a) => tg.polygamma(1, a)), S('math', () => [r([3], 0.5, 3)], (a) => a.polygamma(3))],
  floor: [S('math', () => [r([2, 3], -3, 3)], (a) => a.floor().add(a))],
  ceil: [S('math', () => [r([2, 3], -3, 3)], (a) => a.ceil().add(a))],
  round: [S('math', () => [r([2, 3], -3, 3)], (a) => a.round().add(a))],
  roundDecimals: [S('math', () => [r([2, 3], -3, 3)], (a) => a.round({ decimals: 1 }).add(a))],
  trunc: [S('math', () => [r([2, 3], -3, 3)], (a) => a.trunc().add(a))],
  frac: [S('math', () => [r([2, 3], -3, 3)], (a) => a.frac())],
  // (at 0 PyTorch's formula masks the grad to 0, right to first order only: test/fixtures sinc/zero covers it)
  sinc: [S('math', () => [r([2, 3], -2, 2)], (a) => a.sinc())],
  deg2rad: [S('math', () => [r([2, 3], -90, 90)], (a) => a.deg2rad())],
  rad2deg: [S('math', () => [r([2, 3])], (a) => a.rad2deg())],
  nanToNum: [S('math', () => [r([2, 3])], (a) => a.nanToNum())],
  atan2: [S('math', () => [r([2, 3]), r([3])], (a, b) => tg.atan2(a, b)), S('math', () => [r([3])], (b) => tg.atan2(0.5, b))],
  hypot: [S('math', () => [r([2, 3]), r([3])], (a, b) => tg.hypot(a, b))],
  fmod: [S('math', () => [leaf([0.7, -1.3, 2.6, -0.2], [4]), leaf([0.4, 0.9, -1.1, 0.3], [4])], (a, b) => tg.fmod(a, b))],
  fmodScalar: [S('math', () => [leaf([0.7, -1.3, 2.6, -0.2], [4])], (a) => a.fmod(1.5))],
  remainder: [S('math', () => [leaf([0.7, -1.3, 2.6, -0.2], [4]), leaf([0.4, 0.9, -1.1, 0.3], [4])], (a, b) => tg.remainder(a, b))],
  remainderScalar: [S('math', () => [leaf([0.7, -1.3, 2.6, -0.2], [4])], (a) => a.remainder(-1.5))],
  xlogy: [S('math', () => [r([2, 3]), p([3])], (a, b) => tg.xlogy(a, b))],
  xlogyScalarSelf: [S('math', () => [p([3])], (b) => tg.xlogy(2.5, b))],
  xlogyScalarOther: [S('math', () => [r([3])], (a) => tg.xlogy(a, 1.5))],
  lerp: [S('math', () => [r([2, 3]), r([3])], (a, b) => tg.lerp(a, b, 0.3)), S('math', () => [r([3]), r([3])], (a, b) => a.lerp(b, 0.8))],
  lerpTensor: [S('math', () => [r([2, 3]), r([3]), r([2, 1], -0.5, 1.5)], (a, b, w) => tg.lerp(a, b, w))],
  addcmul: [S('math', () => [r([3]), r([2, 3]), r([3])], (a, b, c) => tg.addcmul(a, b, c, { value: 0.5 }))],
  addcdiv: [S('math', () => [r([3]), r([2, 3]), p([3])], (a, b, c) => tg.addcdiv(a, b, c, -2))],
  // ---- scans (lib/ops/cumulative.ts)
  cumsum: [S('cumulative', () => [r([2, 3])], (a) => a.cumsum(1)), S('cumulative', () => [r([3, 2])], (a) => tg.cumsum(a, 0, { dtype: 'float64' }))],
  cumprod: [
    S('cumulative', () => [r([2, 3], 0.5, 1.5)], (a) => a.cumprod(1)),
    // zeros: one per row, two in a row, one at the end (cumprod is a polynomial, so differences are exact there)
    S('cumulative', () => [leaf([1.5, 0, -0.75, 1.25, 0, 0.5, 0, -1.5, 0.8, 1.1, 0.6, 0], [3, 4])], (a) => a.cumprod(1)),
    S('cumulative', () => [leaf([0, 1.5, 2, -0.5, 0.7, 0], [3, 2])], (a) => a.cumprod(0)),
  ],
  logcumsumexp: [S('cumulative', () => [r([2, 3], -2, 2)], (a) => a.logcumsumexp(1)), S('cumulative', () => [r([4])], (a) => tg.logcumsumexp(a, 0))],
  cummax: [S('cumulative', () => [dd([2, 4])], (a) => a.cummax(1).values)],
  cummin: [S('cumulative', () => [dd([4, 2])], (a) => a.cummin(0).values)],
  // ---- sorting (lib/ops/sorting.ts), on distinct values so every pick is stable under the differences
  sort: [S('sorting', () => [dd([2, 4])], (a) => a.sort().values), S('sorting', () => [dd([3, 2])], (a) => a.sort(0, true).values)],
  sortStable: [S('sorting', () => [dd([2, 3])], (a) => a.sort({ stable: true, descending: true }).values)],
  topk: [S('sorting', () => [dd([2, 5])], (a) => a.topk(2).values), S('sorting', () => [dd([4, 2])], (a) => tg.topk(a, 3, 0, false).values)],
  kthvalue: [S('sorting', () => [dd([2, 5])], (a) => a.kthvalue(2).values), S('sorting', () => [dd([4, 2])], (a) => a.kthvalue(3, 0, true).values)],
  medianDim: [S('sorting', () => [dd([2, 5])], (a) => a.median(1).values), S('sorting', () => [dd([4, 2])], (a) => a.median(0, true).values)],
  mode: [S('sorting', () => [dd([2, 4])], (a) => a.mode(1).values)],
  median: [S('sorting', () => [dd([2, 3])], (a) => a.median())],
  // ---- losses and functional utilities (lib/ops/loss.ts, lib/ops/pixel.ts; issue 16): inputs away from the
  // kinks (|input - target| vs beta/delta, margins), probabilities inside (0, 1). Composite losses: test/nn/losses.test.ts.
  lossBce: [
    S('loss', () => [r([2, 3], 0.1, 0.9), r([2, 3], 0.1, 0.9)], (x, y) => F.binaryCrossEntropy(x, y)),
    S('loss', () => [r([3], 0.1, 0.9)], (x) => F.binaryCrossEntropy(x, leaf([0, 1, 0.3], [3], 'float64', false), { weight: leaf([0.5, 2, 1], [3], 'float64', false), reduction: 'none' })),
  ],
  lossSmoothL1: [
    S('loss', () => [r([2, 3], -2, 2), r([2, 3])], (x, y) => F.smoothL1Loss(x, y, { beta: 0.7 })),
    S('loss', () => [r([4], -2, 2), r([4])], (x, y) => F.smoothL1Loss(x, y, { beta: 0, reduction: 'sum' })),
  ],
  lossHuber: [S('loss', () => [r([2, 3], -2, 2), r([3])], (x, y) => F.huberLoss(x, y, { delta: 0.6, reduction: 'none' }))],
  lossSoftMargin: [S('loss', () => [r([2, 3], -2, 2)], (x) => F.softMarginLoss(x, leaf([1, -1, -1, 1, 1, -1], [2, 3], 'float64', false)))],
  lossMultiMargin: [
    S('loss', () => [r([3, 4], -2, 2)], (x) => F.multiMarginLoss(x, i32([1, 0, 3]))),
    S('loss', () => [r([2, 3], -2, 2)], (x) => F.multiMarginLoss(x, i32([2, 0]), { p: 2, margin: 0.8, weight: leaf([0.5, 2, 1], [3], 'float64', false), reduction: 'none' })),
  ],
  lossMultilabelMargin: [S('loss', () => [r([2, 4], -2, 2)], (x) => F.multilabelMarginLoss(x, i32([[3, 0, -1, 1], [1, 1, 2, -1]]), { reduction: 'sum' }))],
  clampMin: [
    S('breadth', () => [dd([2, 3])], (a) => a.clampMin(0.1)),
    S('loss', () => [dd([2, 3])], (x) => clampMin(x, 0.05)),
    S('loss', () => [r([4], -2, 2), r([4], -2, 2)], (a, b) => F.marginRankingLoss(a, b, leaf([1, -1, 1, -1], [4], 'float64', false), { margin: 0.3 })),
    S('loss', () => [r([4], -2, 2)], (x) => F.hingeEmbeddingLoss(x, leaf([1, -1, -1, 1], [4], 'float64', false), { margin: 0.5 })),
    S('loss', () => [r([3, 4]), r([3, 4])], (a, b) => F.cosineEmbeddingLoss(a, b, leaf([1, -1, -1], [3], 'float64', false), { margin: -0.5, reduction: 'none' })),
    S('loss', () => [r([2, 3]), r([2, 3]), r([2, 3])], (a, p, n) => F.tripletMarginLoss(a, p, n, { margin: 3, swap: true })),
  ],
  lossAddScalar: [S('loss', () => [r([3, 2]), r([2])], (a, b) => F.pairwiseDistance(a, b, { p: 3 }))],
  lossLogSigmoid: [
    S('loss', () => [r([2, 3], -3, 3)], (x) => F.logsigmoid(x)),
    S('loss', () => [r([2, 3], -3, 3), r([2, 3], 0, 1)], (x, y) => F.multilabelSoftMarginLoss(x, y, { weight: leaf([0.5, 1, 2], [3], 'float64', false) })),
  ],
  pixelShuffle: [S('loss', () => [r([1, 4, 2, 3])], (x) => F.pixelShuffle(x, 2))],
  pixelUnshuffle: [S('loss', () => [r([2, 1, 4, 2])], (x) => F.pixelUnshuffle(x, 2))],
  // ---- activations (lib/ops/activation.ts; issue 16): distinct values away from 0 and the bounds (dd)
  actSoftplus: [S('activation', () => [dd([2, 3], -3, 3)], (x) => F.softplus(x)), S('activation', () => [dd([2, 3], -3, 3, 0.01)], (x) => F.softplus(x, 2, 1))],
  actSilu: [S('activation', () => [dd([2, 3], -3, 3)], (x) => F.silu(x))],
  actMish: [S('activation', () => [dd([2, 3], -3, 3)], (x) => F.mish(x))],
  actElu: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.elu(x, 0.7)), S('activation', () => [dd([4], -2, 2)], (x) => F.selu(x))],
  actCelu: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.celu(x, 0.6))],
  actLeakyRelu: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.leakyRelu(x, 0.2))],
  actHardtanh: [S('activation', () => [dd([2, 4], -2, 2)], (x) => F.hardtanh(x, -0.7, 0.9)), S('activation', () => [dd([2, 4], -2, 8)], (x) => F.relu6(x))],
  actHardsigmoid: [S('activation', () => [dd([2, 4], -4, 4)], (x) => F.hardsigmoid(x))],
  actHardswish: [S('activation', () => [dd([2, 4], -4, 4)], (x) => F.hardswish(x))],
  actThreshold: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.threshold(x, 0.1, 5))],
  // inplace=True (on a non-leaf: x.mul(1)): the in-place forms' rows
  actEluResult: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.elu(x.mul(1), 0.7, { inplace: true })), S('activation', () => [dd([4], -2, 2)], (x) => F.selu(x.mul(1), { inplace: true }))],
  actCeluResult: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.celu(x.mul(1), 0.6, { inplace: true }))],
  actLeakyReluResult: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.leakyRelu(x.mul(1), 0.2, { inplace: true }))],
  actThresholdInplace: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.threshold(x.mul(1), 0.1, 5, { inplace: true }))],
  actHardshrink: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.hardshrink(x, 0.7))],
  actSoftshrink: [S('activation', () => [dd([2, 3], -2, 2)], (x) => F.softshrink(x, 0.7))],
  actGlu: [S('activation', () => [r([2, 4])], (x) => F.glu(x)), S('activation', () => [r([4, 3])], (x) => F.glu(x, 0))],
  actPrelu: [
    S('activation', () => [dd([2, 3, 2], -2, 2), r([3])], (x, w) => F.prelu(x, w)),
    S('activation', () => [dd([4], -2, 2), r([1])], (x, w) => F.prelu(x, w)),
  ],
  // ---- interpolate (lib/ops/upsample.ts): a linear map, so any inputs
  upsampleNearest1d: [S('upsample', () => [r([1, 2, 3])], (x) => F.interpolate(x, { size: 5 }))],
  upsampleNearest2d: [S('upsample', () => [r([1, 1, 2, 3])], (x) => F.interpolate(x, { scaleFactor: [1.5, 0.7] }))],
  upsampleNearest3d: [S('upsample', () => [r([1, 1, 2, 2, 1])], (x) => F.interpolate(x, { size: [3, 2, 2] }))],
  upsampleNearestExact1d: [S('upsample', () => [r([1, 2, 3])], (x) => F.interpolate(x, { size: 5, mode: 'nearest-exact' }))],
  upsampleNearestExact2d: [S('upsample', () => [r([1, 1, 3, 2])], (x) => F.interpolate(x, { size: [2, 3], mode: 'nearest-exact' }))],
  upsampleNearestExact3d: [S('upsample', () => [r([1, 1, 1, 2, 2])], (x) => F.interpolate(x, { scaleFactor: 1.5, mode: 'nearest-exact' }))],
  upsampleLinear1d: [
    S('upsample', () => [r([1, 2, 3])], (x) => F.interpolate(x, { size: 5, mode: 'linear' })),
    S('upsample', () => [r([1, 1, 4])], (x) => F.interpolate(x, { size: 3, mode: 'linear', alignCorners: true })),
  ],
  upsampleBilinear2d: [S('upsample', () => [r([1, 1, 2, 3])], (x) => F.interpolate(x, { scaleFactor: 1.5, mode: 'bilinear' }))],
  upsampleBicubic2d: [S('upsample', () => [r([1, 1, 3, 3])], (x) => F.interpolate(x, { size: [4, 2], mode: 'bicubic' }))],
  upsampleTrilinear3d: [S('upsample', () => [r([1, 1, 2, 2, 2])], (x) => F.interpolate(x, { size: [3, 2, 3], mode: 'trilinear', alignCorners: true }))],
  // ctcLoss through logSoftmax (its grad, as PyTorch's, assumes log-probabilities: Note [CTC in log space with tensor ops])
  lossCtc: [
    S('loss', () => [r([4, 2, 3])], (x) => F.ctcLoss(x.logSoftmax(2), i32([[1, 2], [1, 1]]), [4, 4], [2, 2], { reduction: 'none' })),
    S('loss', () => [r([5, 1, 4])], (x) => F.ctcLoss(x.logSoftmax(2), i32([3, 1]), [4], [2], { blank: 2, reduction: 'sum' })),
  ],
  // ---- convolutions, unfold/fold and padding (lib/ops/conv.ts, lib/ops/padding.ts): strides, padding, dilation
  // and groups together, transposed forms through the same row
  conv: [
    S('conv', () => [r([2, 2, 4, 3]), r([4, 1, 2, 2]), r([4])], (x, w, b) => F.conv2d(x, w, b, [2, 1], 1, [1, 2], 2)),
    S('conv', () => [r([1, 2, 5]), r([3, 2, 2])], (x, w) => F.conv1d(x, w, null, 1, 'same', 2)),
    S('conv', () => [r([1, 2, 3, 2]), r([2, 2, 1, 1]), r([2])], (x, w, b) => F.conv2d(x, w, b)),
    S('conv', () => [r([1, 1, 3, 2, 2]), r([2, 1, 2, 1, 2])], (x, w) => F.conv3d(x, w, null, 1, [1, 0, 0])),
    S('conv', () => [r([1, 2, 2, 3]), r([2, 2, 2, 2]), r([4])], (x, w, b) => F.convTranspose2d(x, w, b, 2, 1, 1, 2)),
    S('conv', () => [r([2, 2, 3]), r([2, 1, 3])], (x, w) => F.convTranspose1d(x, w, null, 2, 0, 1, 1, 2)),
    // outputPadding 2 >= stride 1 (allowed below dilation 3): the grads keep the forward's sizes
    S('conv', () => [r([1, 1, 3]), r([1, 2, 2]), r([2])], (x, w, b) => F.convTranspose1d(x, w, b, 1, 0, 2, 1, 3)),
  ],
  im2col: [S('conv', () => [r([1, 2, 3, 4])], (x) => F.unfold(x, 2, 1, 1, [1, 2]))],
  col2im: [S('conv', () => [r([1, 8, 4])], (x) => F.fold(x, [3, 3], 2, 1, 0, 1))],
  constantPadNd: [S('conv', () => [r([2, 3])], (x) => F.pad(x, [1, -1, 0, 2], 'constant', 0.5))],
  reflectionPad1d: [S('conv', () => [r([1, 2, 4])], (x) => F.pad(x, [3, 2], 'reflect'))],
  reflectionPad2d: [S('conv', () => [r([2, 3, 3])], (x) => F.pad(x, [1, 2, 2, 0], 'reflect'))],
  reflectionPad3d: [S('conv', () => [r([1, 1, 2, 2, 3])], (x) => F.pad(x, [1, 1, 1, 0, 0, 1], 'reflect'))],
  replicationPad1d: [S('conv', () => [r([2, 3])], (x) => F.pad(x, [2, 1], 'replicate'))],
  replicationPad2d: [S('conv', () => [r([1, 1, 2, 3])], (x) => F.pad(x, [0, 2, 1, 1], 'replicate'))],
  replicationPad3d: [S('conv', () => [r([1, 2, 1, 2, 2])], (x) => F.pad(x, [1, 0, 0, 1, 1, 1], 'replicate'))],
  circularPad: [S('conv', () => [r([1, 2, 3, 2])], (x) => F.pad(x, [1, 2, 2, 1], 'circular'))],
  // ---- LU-based linear algebra (lib/ops/linalg_lu.ts): well-conditioned matrices (diagonally dominant; wcn
  // negates a row for a negative determinant), batched and broadcast forms
  linalgInv: [
    S('linalg', () => [wc([3, 3])], (a) => tg.linalg.inv(a)),
    S('linalg', () => [wc([2, 2, 2])], (a) => a.inverse()),
  ],
  linalgDet: [
    S('linalg', () => [wc([3, 3])], (a) => tg.linalg.det(a)),
    S('linalg', () => [wc([2, 3, 3], true)], (a) => a.det()),
  ],
  linalgSlogdet: [
    S('linalg', () => [wc([3, 3], true)], (a) => tg.linalg.slogdet(a).logabsdet),
    S('linalg', () => [wc([2, 2, 2])], (a) => tg.logdet(a)),
  ],
  linalgSolve: [
    S('linalg', () => [wc([3, 3]), r([3, 2])], (a, b) => tg.linalg.solve(a, b)),
    S('linalg', () => [wc([2, 3, 3]), r([3])], (a, b) => tg.linalg.solve(a, b)),
    S('linalg', () => [wc([2, 2]), r([2, 2, 1])], (a, b) => tg.linalg.solve(a, b)),
    S('linalg', () => [wc([2, 2]), r([3, 2])], (a, b) => tg.linalg.solve(a, b, { left: false })),
  ],
  // issue 15's second batch (group 'breadth', test/ops/breadth.test.ts)
  erf: [S('breadth', () => [r([2, 3], -2, 2)], (a) => a.erf()), S('nn', () => [r([4], -2, 2)], (x) => erf(x))],
  logaddexp: [S('breadth', () => [r([2, 3], -3, 3), r([3], -3, 3)], (a, b) => tg.logaddexp(a, b))],
  logaddexp2: [S('breadth', () => [r([2, 3], -3, 3), r([2, 1], -3, 3)], (a, b) => a.logaddexp2(b))],
  logit: [S('breadth', () => [r([2, 3], 0.1, 0.9)], (a) => a.logit()), S('breadth', () => [r([4], 0.2, 0.8)], (a) => tg.logit(a, 0.1))],
  sgn: [S('breadth', () => [dd([2, 3])], (a) => a.sgn())],
  clampMax: [S('breadth', () => [dd([2, 3])], (a) => tg.clampMax(a, -0.1))],
  amax: [S('breadth', () => [dd([2, 3])], (a) => a.amax(1)), S('breadth', () => [dd([2, 3, 2])], (a) => tg.amax(a, [0, 2], true))],
  amin: [S('breadth', () => [dd([2, 3])], (a) => a.amin()), S('breadth', () => [dd([3, 2])], (a) => tg.amin(a, 0))],
  nansum: [S('breadth', () => [r([2, 3])], (a) => a.nansum(1)), S('breadth', () => [r([2, 3])], (a) => tg.nansum(a))],
  varMean: [S('breadth', () => [r([3, 4])], (a) => { const [v, m] = tg.varMean(a, 1); return v.add(m.mul(2)); })],
  stdMean: [S('breadth', () => [r([3, 4])], (a) => { const [sd, m] = tg.stdMean(a, 0, { keepdim: true }); return sd.mul(m); })],
  addmm: [S('breadth', () => [r([3]), r([2, 3]), r([3, 3])], (c, a, b) => tg.addmm(c, a, b, { beta: 0.5, alpha: 2 }))],
  addmv: [S('breadth', () => [r([2]), r([2, 3]), r([3])], (c, a, b) => tg.addmv(c, a, b, { alpha: -1 }))],
  addr: [S('breadth', () => [r([3, 2]), r([3]), r([2])], (c, a, b) => c.addr(a, b, { beta: 2 }))],
  baddbmm: [S('breadth', () => [r([2, 2, 2]), r([2, 2, 3]), r([2, 3, 2])], (c, a, b) => tg.baddbmm(c, a, b, { alpha: 0.5 }))],
  addbmm: [S('breadth', () => [r([2, 2]), r([2, 2, 3]), r([2, 3, 2])], (c, a, b) => tg.addbmm(c, a, b, { beta: -1 }))],
  vdot: [S('breadth', () => [r([4]), r([4])], (a, b) => tg.vdot(a, b))],
  linalgCross: [S('breadth', () => [r([2, 3]), r([2, 3])], (a, b) => tg.cross(a, b)), S('breadth', () => [r([3, 2]), r([3, 1])], (a, b) => tg.linalg.cross(a.t(), b.t()))],
  trace: [S('breadth', () => [r([3, 3])], (a) => a.trace()), S('breadth', () => [r([2, 4])], (a) => tg.trace(a))],
  linalgVectorNorm: [
    S('breadth', () => [r([2, 3])], (a) => tg.linalg.vectorNorm(a)),
    S('breadth', () => [r([2, 3])], (a) => tg.linalg.vectorNorm(a, 3, 1, true)),
    S('breadth', () => [r([3, 4])], (a) => tg.linalg.matrixNorm(a)),
  ],
  cdist: [S('breadth', () => [r([3, 2]), r([2, 2])], (a, b) => tg.cdist(a, b)), S('breadth', () => [r([2, 3]), r([3, 3])], (a, b) => tg.cdist(a, b, 1.5))],
  euclideanDist: [S('breadth', () => [r([3, 2]), r([2, 2])], (a, b) => tg.cdist(a, b, 2, 'use_mm_for_euclid_dist'))],
  fmax: [S('breadth', () => [dd([2, 3]), r([3])], (a, b) => tg.fmax(a, b))],
  fmin: [S('breadth', () => [dd([2, 3]), r([2, 1])], (a, b) => tg.fmin(a, b))],
  copysign: [S('breadth', () => [dd([2, 3]), leaf([-1.5, 0.7, -0.4], [3])], (a, b) => tg.copysign(a, b))],
  copysignScalar: [S('breadth', () => [dd([2, 3])], (a) => a.copysign(-2))],
  rot90: [S('breadth', () => [r([2, 3])], (a) => a.rot90()), S('breadth', () => [r([2, 2, 3])], (a) => tg.rot90(a, 3, [2, 0]))],
  blockDiag: [S('breadth', () => [r([2, 2]), r([3]), r([])], (a, b, c) => tg.blockDiag(a, b, c))],
  clampTensor: [
    S('breadth', () => [dd([2, 3]), r([3], -3, -2), r([2, 1], 2, 3)], (x, lo, hi) => tg.clamp(x, lo, hi)),
    S('breadth', () => [leaf([0.1, 0.5, -0.3, 0.9], [4]), leaf([0.3, 0.2, -0.5, 1.2], [4])], (x, lo) => x.clamp(lo)),
  ],
  // ---- decompositions (lib/ops/linalg_chol.ts, linalg_qr_eig.ts, linalg_svd.ts): Cholesky inputs made SPD
  // (X X^T + 3I) and eigh's symmetric (X + X^T) inside fn, as PyTorch's own gradchecks; eigen/singular vectors
  // through sign-free squares (their sign is not unique; Note [Eigenvector signs])
  linalgCholesky: [
    S('linalg', () => [r([3, 3])], (x) => tg.linalg.cholesky(spd(x))),
    S('linalg', () => [r([2, 3, 3])], (x) => tg.linalg.choleskyEx(spd(x), { upper: true }).L),
  ],
  cholesky: [S('linalg', () => [r([3, 3])], (x) => tg.cholesky(spd(x), true))],
  linalgSolveTriangular: [
    S('linalg', () => [wc([3, 3]), r([3, 2])], (a, b) => tg.linalg.solveTriangular(a, b, { upper: true })),
    S('linalg', () => [wc([2, 3, 3]), r([2, 3])], (a, b) => tg.linalg.solveTriangular(a, b, { upper: false, left: false, unitriangular: true })),
  ],
  choleskySolve: [
    S('linalg', () => [r([3, 2]), r([3, 3])], (b, x) => tg.choleskySolve(b, tg.linalg.cholesky(spd(x)))),
    S('linalg', () => [r([2, 3, 1]), r([3, 3])], (b, x) => tg.choleskySolve(b, tg.linalg.cholesky(spd(x), { upper: true }), true)),
  ],
  linalgQr: [
    S('linalg', () => [r([4, 3])], (a) => { const [q, rr] = tg.linalg.qr(a); return [q, rr]; }),
    S('linalg', () => [r([2, 3, 5])], (a) => { const [q, rr] = tg.linalg.qr(a); return [q, rr]; }),
    S('linalg', () => [r([3, 3])], (a) => tg.linalg.qr(a, 'complete').R),
  ],
  linalgEigh: [
    S('linalg', () => [r([3, 3])], (x) => { const [l, v] = tg.linalg.eigh(x.add(x.transpose(-2, -1))); return [l, v.mul(v)]; }),
    S('linalg', () => [r([2, 3, 3])], (x) => tg.linalg.eigvalsh(x.add(x.transpose(-2, -1)), 'U')),
  ],
  linalgSvd: [
    S('linalg', () => [r([4, 3])], (a) => { const [u, s, vh] = tg.linalg.svd(a, false); return [u.mul(u), s, vh.mul(vh)]; }),
    S('linalg', () => [r([2, 3, 3])], (a) => { const [u, s, vh] = tg.linalg.svd(a); return [u.mul(u), s, vh.mul(vh)]; }),
    S('linalg', () => [r([3, 4])], (a) => { const [u, s, vh] = tg.linalg.svd(a); return [u.mul(u), s, vh.narrow(-2, 0, 3).mul(vh.narrow(-2, 0, 3))]; }),
    S('linalg', () => [r([3, 4])], (a) => tg.linalg.svdvals(a)),
    S('linalg', () => [r([4, 3])], (a) => { const [u, s, v] = tg.svd(a); return [u.mul(u), s, v.mul(v)]; }),
  ],
  linalgPinv: [
    S('linalg', () => [r([4, 3])], (a) => tg.linalg.pinv(a)),
    S('linalg', () => [r([2, 2, 3])], (a) => tg.linalg.pinv(a)),
    S('linalg', () => [r([3, 3])], (x) => tg.linalg.pinv(spd(x), { hermitian: true })),
  ],
  linalgLstsq: [
    S('linalg', () => [r([4, 3]), r([4, 2])], (a, b) => tg.linalg.lstsq(a, b).solution),
    S('linalg', () => [r([2, 4]), r([2])], (a, b) => tg.linalg.lstsq(a, b).solution),
  ],
  // ---- issue 16's remaining layers (3-D pooling, embeddingBag, rrelu): gradcheck_specs_nn16.ts
  ...NN16_SPECS,
  // ==== issue 15's fourth batch (breadth4): quotients well inside (n, n + 1) so finite differences see the zero slope
  divMode: [
    S('breadth4', () => [leaf([1.3, -2.6, 4.4, 7.1], [2, 2]), leaf([2, -2], [2])], (a, b) => tg.div(a, b, { roundingMode: 'floor' })),
    S('breadth4', () => [leaf([1.3, -2.6, 4.4], [3]), leaf([2, 2, -2], [3])], (a, b) => a.div(b, 'trunc')),
  ],
  nanmedian: [S('breadth4', () => [dd([2, 3])], (a) => tg.nanmedian(a)), S('breadth4', () => [dd([5])], (a) => tg.nanmedian(a.where(a.gt(0.5), NaN)))],
  nanmedianDim: [
    S('breadth4', () => [dd([3, 4])], (a) => tg.nanmedian(a, 1).values),
    S('breadth4', () => [dd([4, 2])], (a) => a.where(a.lt(0.6), NaN).nanmedian(0, true).values),
  ],
  squeezeInplaceDim: [
    S('breadth4', () => [dd([3, 4])], (a) => tg.quantile(a, 0.3, 1)),
    S('breadth4', () => [dd([2, 5])], (a) => tg.quantile(a, tg.tensor([0.2, 0.65], { dtype: 'float64' }), { dim: 1, keepdim: true, interpolation: 'midpoint' })),
    S('breadth4', () => [dd([6])], (a) => tg.nanquantile(a.where(a.gt(-0.4), NaN), 0.4)),
  ],
  eqInplace: [S('breadth4', () => [dd([2, 3])], (a) => a.clone().eq_(0.05))],
  eqInplaceTensor: [S('breadth4', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => a.clone().eq_(b))],
  neInplace: [S('breadth4', () => [dd([2, 3])], (a) => a.clone().ne_(0.05))],
  neInplaceTensor: [S('breadth4', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => a.clone().ne_(b))],
  ltInplace: [S('breadth4', () => [dd([2, 3])], (a) => a.clone().lt_(0.05))],
  ltInplaceTensor: [S('breadth4', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => a.clone().lt_(b))],
  leInplace: [S('breadth4', () => [dd([2, 3])], (a) => a.clone().le_(0.05))],
  leInplaceTensor: [S('breadth4', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => a.clone().le_(b))],
  gtInplace: [S('breadth4', () => [dd([2, 3])], (a) => a.clone().gt_(0.05))],
  gtInplaceTensor: [S('breadth4', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => a.clone().gt_(b))],
  geInplace: [S('breadth4', () => [dd([2, 3])], (a) => a.clone().ge_(0.05))],
  geInplaceTensor: [S('breadth4', () => [dd([2, 3]), dd([3], -1, 1, 0.07)], (a, b) => a.clone().ge_(b))],
  frexp: [S('breadth4', () => [dd([2, 3], -30, 30)], (a) => tg.frexp(a).mantissa)],
  dist: [
    S('breadth4', () => [r([2, 3]), r([3])], (a, b) => tg.dist(a, b)),
    S('breadth4', () => [dd([4]), dd([4], -1, 1, 0.03)], (a, b) => a.dist(b, 1)),
    S('breadth4', () => [r([3]), r([2, 3])], (a, b) => tg.dist(a, b, 3)),
  ],
  diagonalScatter: [
    S('breadth4', () => [r([3, 3]), r([3])], (a, b) => tg.diagonalScatter(a, b)),
    S('breadth4', () => [r([2, 3, 4]), r([4, 2])], (a, b) => a.diagonalScatter(b, 1, 0, 1)),
  ],
  selectScatter: [S('breadth4', () => [r([2, 3]), r([2])], (a, b) => tg.selectScatter(a, b, 1, -1))],
  sliceScatter: [S('breadth4', () => [r([5, 2]), r([2, 2])], (a, b) => tg.sliceScatter(a, b, 0, 1, 4, 2))],
  renorm: [
    S('breadth4', () => [r([3, 4])], (a) => tg.renorm(a, 2, 0, 0.9)),
    S('breadth4', () => [r([2, 3])], (a) => a.renorm(1.5, 1, 0.7)),
  ],
  divModeNone: [
    S('breadth4', () => [r([2, 3]), p([3])], (a, b) => tg.div(a, b, { roundingMode: null })),
    S('breadth4', () => [p([3])], (b) => tg.div(2, b, null)),
  ],
  // ---- issue 16's last layers (session 6: gridSample, affineGrid, ...): gradcheck_specs_nn6.ts
  ...NN6_SPECS,
  // ==== issue 15's fifth batch (breadth5): the in-place view ops on a clone, indexReduce
  squeezeInplace: [S('breadth5', () => [r([2, 1, 3])], (a) => a.mul(1).squeeze_())],
  unsqueezeInplace: [S('breadth5', () => [r([2, 3])], (a) => a.mul(1).unsqueeze_(1))],
  tInplace: [S('breadth5', () => [r([2, 3])], (a) => a.mul(1).t_()), S('breadth5', () => [r([3])], (a) => a.mul(1).t_())],
  transposeInplace: [S('breadth5', () => [r([2, 3, 2])], (a) => a.mul(1).transpose_(0, 2)), S('breadth5', () => [r([2, 3])], (a) => a.mul(1).swapaxes_(1, 0))],
  // mul(1) keeps a strided input's layout (Note [Output layout]) and as_strided_ reads the storage: contiguous() pins it
  asStridedInplace: [S('breadth5', () => [r([6])], (a) => a.mul(1).contiguous().asStrided_([2, 2], [1, 2], 1)), S('breadth5', () => [r([2, 3])], (a) => a.mul(1).contiguous().asStrided_([3], [2]))],
  indexReduce: [
    S('breadth5', () => [dd([3, 4]), dd([3, 3], -1, 1, 0.05)], (a, b) => tg.indexReduce(a, 1, tg.tensor([0, 2, 0], { dtype: 'int64' }), b, 'prod')),
    S('breadth5', () => [dd([3, 4]), dd([3, 3], -1, 1, 0.05)], (a, b) => a.indexReduce(1, tg.tensor([0, 2, 0], { dtype: 'int64' }), b, 'mean', { includeSelf: false })),
    S('breadth5', () => [dd([4, 2]), dd([3, 2], -1, 1, 0.05)], (a, b) => tg.indexReduce(a, 0, tg.tensor([3, 1, 3], { dtype: 'int64' }), b, 'amax')),
    S('breadth5', () => [dd([4, 2]), dd([3, 2], -1, 1, 0.05)], (a, b) => tg.indexReduce(a, 0, tg.tensor([3, 1, 3], { dtype: 'int64' }), b, 'amin', { includeSelf: false })),
  ],
  // ==== issue 15's missing linalg names (linalgx): LU through its compact factors, wide and tall too
  linalgLuFactorEx: [
    S('linalgx', () => [r([3, 3])], (a) => tg.linalg.luFactor(a.add(tg.eye(3, { dtype: 'float64' }).mul(4))).LU), // + 4I: invertible on every view
    S('linalgx', () => [r([2, 4])], (a) => tg.linalg.luFactorEx(a.add(tg.eye(2, 4, { dtype: 'float64' }).mul(4))).LU),
    S('linalgx', () => [r([4, 2])], (a) => tg.lu(a.add(tg.eye(4, 2, { dtype: 'float64' }).mul(4)))[0]!),
  ],
  linalgLu: [
    S('linalgx', () => [r([3, 3])], (a) => { const { L, U } = tg.linalg.lu(a); return [L, U]; }),
    S('linalgx', () => [r([2, 3])], (a) => { const { L, U } = tg.linalg.lu(a); return [L, U]; }),
    S('linalgx', () => [r([3, 2])], (a) => tg.linalg.lu(a).L),
  ],
  luUnpack: [
    S('linalgx', () => [r([3, 3])], (a) => { const [LU, piv] = tg.lu(a.add(tg.eye(3, { dtype: 'float64' }).mul(4))); const { L, U } = tg.luUnpack(LU!, piv!); return [L, U]; }),
    S('linalgx', () => [r([2, 3])], (a) => { const [LU, piv] = tg.lu(a.add(tg.eye(2, 3, { dtype: 'float64' }).mul(4))); return tg.luUnpack(LU!, piv!).U; }),
  ],
  linalgLuSolve: [
    S('linalgx', () => [wc([3, 3]), r([3, 2])], (a, b) => { const { LU, pivots } = tg.linalg.luFactor(a.add(tg.eye(3, { dtype: 'float64' }).mul(4))); return tg.linalg.luSolve(LU, pivots, b); }),
    S('linalgx', () => [wc([3, 3]), r([2, 3])], (a, b) => { const { LU, pivots } = tg.linalg.luFactor(a.add(tg.eye(3, { dtype: 'float64' }).mul(4))); return tg.linalg.luSolve(LU, pivots, b, { left: false, adjoint: true }); }),
    S('linalgx', () => [wc([2, 3, 3]), r([3, 1])], (a, b) => { const { LU, pivots } = tg.linalg.luFactor(a.add(tg.eye(3, { dtype: 'float64' }).mul(4))); return tg.linalg.luSolve(LU, pivots, b, { adjoint: true }); }),
  ],
  linalgMatrixExp: [
    S('linalgx', () => [r([3, 3])], (a) => tg.linalg.matrixExp(a)),
    S('linalgx', () => [r([2, 2, 2], -2, 2)], (a) => a.matrixExp()),
  ],
  choleskyInverse: [
    S('linalgx', () => [r([3, 3])], (x) => tg.choleskyInverse(tg.linalg.cholesky(spd(x)))),
    S('linalgx', () => [r([2, 3, 3])], (x) => tg.choleskyInverse(tg.linalg.cholesky(spd(x), { upper: true }), true)),
  ],
  triangularSolve: [
    S('linalgx', () => [r([3, 2]), wc([3, 3])], (b, a) => { const { solution, cloned_coefficient } = tg.triangularSolve(b, a); return [solution, cloned_coefficient]; }),
    S('linalgx', () => [r([2, 3, 1]), wc([3, 3])], (b, a) => tg.triangularSolve(b, a, false, true).solution),
    S('linalgx', () => [r([3, 2]), wc([3, 3])], (b, a) => b.triangularSolve(a, { unitriangular: true }).solution),
  ],
  linalgHouseholderProduct: [
    S('linalgx', () => [r([4, 3]), r([3], 0.5, 1.5)], (a, t) => tg.linalg.householderProduct(a, t)),
    S('linalgx', () => [r([2, 3, 2]), r([2, 1], 0.5, 1.5)], (a, t) => tg.orgqr(a, t)),
  ],
  normScalar: [S('linalgx', () => [r([3, 4])], (a) => tg.frobeniusNorm(a))],
  // special functions: igamma's input (a) has no derivative in PyTorch, so only x requires grad
  i0: [S('linalgx', () => [r([2, 3], -3, 3)], (a) => tg.i0(a)), S('linalgx', () => [r([3])], (a) => a.mul(1).i0_())],
  specialI1: [S('linalgx', () => [r([5], -3, 3)], (a) => i1(a))],
  igamma: [S('linalgx', () => [leaf([0.5, 1, 2.5, 4], [4], 'float64', false), p([4], 0.5, 5)], (a, x) => tg.igamma(a, x))],
  igammac: [S('linalgx', () => [leaf([0.5, 3], [2, 1], 'float64', false), p([3], 0.5, 5)], (a, x) => a.igammac(x))],
  mvlgamma: [S('linalgx', () => [p([2, 3], 2, 4)], (a) => tg.mvlgamma(a, 3))],
  // ==== session 7's torch.* names (lib/ops/torch_misc.ts)
  unsafeSplit: [S('nnmisc', () => [r([5, 2])], (a) => tg.unsafeSplit(a, 2)), S('nnmisc', () => [r([2, 5])], (a) => a.unsafeChunk(2, 1)[1])],
  unsafeSplitWithSizes: [S('nnmisc', () => [r([2, 6])], (a) => { const c = tg.unsafeSplitWithSizes(a, [1, 3, 2], 1); return [c[0], c[2]]; })],
  fillOut: [S('nnmisc', () => [r([2, 3])], (a) => tg.fill(a, 2).add(a))],
  // ==== ops PyTorch records as one node (lib/autograd/derivatives_composed.ts): distinct values, so no pdist
  // distance, difference or inf-norm tie is 0 or shared
  pdist: [1, 2, 3, 1.5, 0.5, Infinity].map((q) => S('composed', () => [dd([4, 3])], (a) => tg.pdist(a, q))),
  convTbc: [
    S('composed', () => [r([4, 2, 3]), r([2, 3, 2]), r([2])], (x, w, b) => tg.convTbc(x, w, b, 1)),
    S('composed', () => [r([5, 1, 2]), r([3, 2, 3]), r([3])], (x, w, b) => tg.convTbc(x, w, b)),
    S('composed', () => [r([3, 2, 2]), r([2, 2, 1]), r([1])], (x, w, b) => tg.nn.functional.convTbc(x, w, b, 3)),
  ],
  asStridedScatter: [
    S('composed', () => [r([4, 3]), r([2, 2])], (x, s) => tg.asStridedScatter(x, s, [2, 2], [3, 1], 1)),
    S('composed', () => [r([8]), r([3, 2])], (x, s) => x.asStridedScatter(s, [3, 2], [2, 1], 1)),
    S('composed', () => [r([3, 4]), r([2])], (x, s) => tg.asStridedScatter(x.t(), s, [2], [1], 1)),
  ],
  resize: [
    S('composed', () => [r([2, 3])], (a) => a.resize(3, 2)),
    S('composed', () => [r([3, 4])], (a) => a.t().resize([12])),
    S('composed', () => [r([2, 6])], (a) => a.resizeAs(tg.zeros([4, 3]))),
  ],
  symeig: [
    S('composed', () => [r([3, 3])], (x) => { const [l, v] = tg.symeig(x.add(x.t()), true); return [l, v.mul(v)]; }),
    S('composed', () => [r([2, 3, 3])], (x) => tg.symeig(x.add(x.transpose(-2, -1)), true, true).eigenvalues),
  ],
};
