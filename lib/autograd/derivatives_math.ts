// Derivative-table rows of issue 15's ops (elementwise math, scans, sorting), spread into THE table `D` of
// derivatives.ts (which would pass the 600-line file limit with them). Same conventions: PyTorch's node name
// literally, one formula per input written with tg ops so createGraph works.
import type { Tensor, TensorLike } from '../tensor.js';
import { TG } from './tangents.js';
import type { Derivative } from './function_node.js';
import * as E_ from '../ops/elementwise.js';
import * as EM_ from '../ops/elementwise_math.js';
import * as CU_ from '../ops/cumulative.js';
import * as C_ from '../ops/creation.js';
import * as R_ from '../ops/reduce.js';
import * as S_ from '../ops/shape.js';
import * as ST_ from '../ops/structure.js';
import { differentiableFormulas } from './grad_mode.js';
import { expandReduced } from './formulas.js';
import { batchable } from './batchable.js';

const [E, EM, CU, C, R, S, ST] = [batchable(E_), batchable(EM_), batchable(CU_), batchable(C_), batchable(R_), batchable(S_), batchable(ST_)]; // Note [Batched backward]

type T = Tensor;
type Num = TensorLike;
const g_ = (g: T) => g;

/** a^2 + b^2 for atan2's grads, either may be a number. */
function sumSquares(a: Num, b: Num): T {
  const sq = (v: Num): Num => (v instanceof Object ? E.mul(v, v) : Number(v) * Number(v));
  return E.add(sq(a), sq(b));
}

/** Grad of a value picked per slice (kthvalue, median(dim), mode): to the picked index (value_selecting_reduction_backward). */
export function pickedBackward(g: T, s: { shape: number[]; dim: number; keepdim: boolean; indices: T }): T {
  const up = (t: T) => (s.keepdim || s.shape.length === 0 ? t : S.unsqueeze(t, s.dim));
  return CU.scatterAlong(up(g), up(s.indices), s.dim, s.shape);
}

/** Grad of the values of sort/topk/cummax/cummin: each grad to the index it came from. */
function indexedBackward(g: T, s: { shape: number[]; dim: number; indices: T }): T {
  return CU.scatterAlong(g, s.indices, s.dim, s.shape);
}

/** median() over all elements: split evenly among the elements equal to it (NaN: among the NaNs). */
export function evenlyDistribute(g: T, self: T, result: T): T {
  const r = result.item() as number;
  const mask = C.to(r !== r ? E.ne(self, self) : E.eq(self, result), g.dtype);
  return E.mul(E.div(mask, R.sum(mask)), g);
}

/**
 * CumprodBackward0 as PyTorch's cumprod_backward: sum_{j >= k} g_j y_j / x_k where the slice has no zero;
 * with zeros, exact: before the first zero z the same sum over j < z, at z the products with x_z left out up
 * to the next zero, 0 after. With a graph to build and zeros present, the O(n^2) differentiable form.
 */
function cumprodBackward(g: T, self: T, result: T, dim: number): T {
  if (self.numel() <= 1) return g;
  const hasZero = (R.sum(E.eq(self, 0)).item() as number) > 0;
  if (!hasZero) return E.div(CU.reversedCumsum(E.mul(g, result), dim), self);
  const n = self.shape[dim];
  if (differentiableFormulas()) {
    // d y_j / d x_k = prod_{i <= j, i != k} x_i for j >= k: the cumprod of x with x_k set to 1, masked to j >= k.
    const pos = S.reshape(C.arange(n, { dtype: 'int32' }), self.shape.map((m, i) => (i === dim ? n : 1)));
    const parts: T[] = [];
    for (let k = 0; k < n; k++) {
      const others = CU.cumprod(E.where(E.eq(pos, k), 1, self), dim);
      parts.push(R.sum(E.mul(E.mul(g, others), C.to(E.ge(pos, k), g.dtype)), dim, true));
    }
    return S.cat(parts, dim);
  }
  const x = self._data, gd = g.contiguous()._data, out = new Float64Array(x.length);
  CU.eachSlice(self.shape, dim, (base, stride, len) => {
    let z = len;
    for (let k = 0; k < len; k++) if (x[base + k * stride] === 0) { z = k; break; }
    // before z: suffix sums of g_j y_j over j < z, divided by x_k
    let acc = 0, y = 1;
    const ys: number[] = [];
    for (let k = 0; k < z; k++) ys.push((y *= x[base + k * stride] as number));
    for (let k = z - 1; k >= 0; k--) {
      acc += (gd[base + k * stride] as number) * ys[k];
      out[base + k * stride] = acc / (x[base + k * stride] as number);
    }
    if (z < len) {
      // at z: sum over j >= z of g_j * prod_{i <= j, i != z} x_i, until the next zero
      let p = z === 0 ? 1 : ys[z - 1], s = gd[base + z * stride] as number * p;
      for (let j = z + 1; j < len; j++) {
        p *= x[base + j * stride] as number;
        if (p === 0) break;
        s += (gd[base + j * stride] as number) * p;
      }
      out[base + z * stride] = s;
    }
  });
  return C.to(C.tensor(Array.from(out), { dtype: 'float64' }).reshape(self.shape), g.dtype);
}

/**
 * LogcumsumexpBackward0 as PyTorch: positive and negative grads through reversed logcumsumexps, so nothing
 * overflows. The masked-out entries are the dtype's lowest finite value, not -inf, as PyTorch's: -inf would
 * make -inf - -inf = NaN in the double backward.
 */
function logcumsumexpBackward(g: T, self: T, result: T, dim: number): T {
  const rev = (t: T) => CU.flip(CU.logcumsumexp(CU.flip(t, dim), dim), dim);
  const logAbs = E.log(E.abs(g));
  const lowest = g.dtype === 'float32' ? -3.4028234663852886e38 : -Number.MAX_VALUE;
  const pos = E.where(E.gt(g, 0), logAbs, lowest), neg = E.where(E.lt(g, 0), logAbs, lowest);
  return E.sub(E.exp(E.add(rev(E.sub(pos, result)), self)), E.exp(E.add(rev(E.sub(neg, result)), self)));
}

/** amax/amin: the grad split evenly among the elements equal to the result in each reduced slice (scale_grad_by_count). */
function extremumBackward(g: T, s: { self: T; result: T; dims: number[]; keepdim: boolean }): T {
  const shape = s.self.shape;
  const mask = C.to(E.eq(s.self, expandReduced(s.result, shape, s.dims, s.keepdim)), g.dtype);
  return E.mul(E.div(expandReduced(g, shape, s.dims, s.keepdim), R.sum(mask, s.dims, true)), mask);
}

export interface StatMeanSaved {
  self: T;
  stat: T;
  dims: number[];
  keepdim: boolean;
  correction: number;
  n: number;
}
/** var_mean / std_mean: the var (or std) grad plus the mean grad, each only when its output got a grad. */
function statMeanBackward(s: StatMeanSaved, gs: readonly (T | null)[], isStd: boolean): T {
  const shape = s.self.shape;
  const parts: T[] = [];
  const [gStat, gMean] = gs;
  if (gStat) {
    const centered = E.sub(s.self, R.mean(s.self, s.dims, true));
    const gx = expandReduced(gStat, shape, s.dims, s.keepdim);
    parts.push(isStd
      ? E.div(E.mul(gx, centered), E.mul(expandReduced(s.stat, shape, s.dims, s.keepdim), s.n - s.correction))
      : E.mul(gx, E.div(E.mul(centered, 2), s.n - s.correction)));
  }
  if (gMean) parts.push(E.div(expandReduced(gMean, shape, s.dims, s.keepdim), s.n));
  return parts.length === 2 ? E.add(parts[0], parts[1]) : parts[0];
}

/** copysign's input grad: g * result / self, 0 where self is 0 (copysign_tensor_self_backward). */
function copysignGrad(g: T, s: { self: T; result: T }): T {
  return E.mul(g, E.where(E.eq(s.self, 0), 0, E.div(s.result, s.self)));
}

export const MATH_ROWS = {
  // ==== elementwise math (lib/ops/elementwise_math.ts) ===========================================================
  sinh: { name: 'SinhBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, EM.cosh(s.self))] },
  cosh: { name: 'CoshBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, EM.sinh(s.self))] },
  tan: { name: 'TanBackward0', jvp: 'elementwise', grads: [(g: T, s: { result: T }) => E.mul(g, E.add(E.mul(s.result, s.result), 1))] },
  asin: { name: 'AsinBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, E.rsqrt(E.rsub(E.mul(s.self, s.self), 1)))] },
  acos: { name: 'AcosBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, E.neg(E.rsqrt(E.rsub(E.mul(s.self, s.self), 1))))] },
  atan: { name: 'AtanBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.div(g, E.add(E.mul(s.self, s.self), 1))] },
  asinh: { name: 'AsinhBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, E.rsqrt(E.add(E.mul(s.self, s.self), 1)))] },
  acosh: { name: 'AcoshBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, E.rsqrt(E.sub(E.mul(s.self, s.self), 1)))] },
  atanh: { name: 'AtanhBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.div(g, E.rsub(E.mul(s.self, s.self), 1))] },
  log2: { name: 'Log2Backward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.div(g, E.mul(s.self, Math.LN2))] },
  log10: { name: 'Log10Backward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.div(g, E.mul(s.self, Math.LN10))] },
  log1p: { name: 'Log1PBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.div(g, E.add(s.self, 1))] },
  expm1: { name: 'Expm1Backward0', jvp: 'elementwise', grads: [(g: T, s: { result: T }) => E.mul(g, E.add(s.result, 1))] },
  exp2: { name: 'Exp2Backward0', jvp: 'elementwise', grads: [(g: T, s: { result: T }) => E.mul(g, E.mul(s.result, Math.LN2))] },
  amax: { name: 'AmaxBackward0', jvp: TG.extremum, grads: [extremumBackward] },
  amin: { name: 'AminBackward0', jvp: TG.extremum, grads: [extremumBackward] },
  nansum: {
    name: 'NansumBackward0', jvp: 'transpose',
    grads: [(g: T, s: { self: T; dims: number[]; keepdim: boolean }) => E.mul(expandReduced(g, s.self.shape, s.dims, s.keepdim), C.to(E.eq(s.self, s.self), g.dtype))],
  },
  varMean: { name: 'VarMeanBackward0', jvp: 'transpose', outputs: 2, grads: [(_g: T, s: StatMeanSaved, gs: readonly (T | null)[]) => statMeanBackward(s, gs, false)] },
  stdMean: { name: 'StdMeanBackward0', jvp: 'transpose', outputs: 2, grads: [(_g: T, s: StatMeanSaved, gs: readonly (T | null)[]) => statMeanBackward(s, gs, true)] },
  // fmax/fmin: the grad goes to the operand the result came from (self wins ties; other where self is the pick's NaN partner).
  fmax: {
    name: 'FmaxBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: T; other: T }) => E.where(EM.logicalOr(E.ge(s.self, s.other), EM.isnan(s.other)), g, 0),
      (g: T, s: { self: T; other: T }) => E.where(EM.logicalOr(E.ge(s.self, s.other), EM.isnan(s.other)), 0, g),
    ],
  },
  fmin: {
    name: 'FminBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: T; other: T }) => E.where(EM.logicalOr(E.le(s.self, s.other), EM.isnan(s.other)), g, 0),
      (g: T, s: { self: T; other: T }) => E.where(EM.logicalOr(E.le(s.self, s.other), EM.isnan(s.other)), 0, g),
    ],
  },
  // d copysign(a, b)/da = result / a (0 at a = 0); b gets no grad (zeros), as PyTorch.
  copysign: { name: 'CopysignBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T; result: T }) => copysignGrad(g, s), (g: T) => C.zerosLike(g)] },
  copysignScalar: { name: 'CopysignBackward1', jvp: 'elementwise', grads: [(g: T, s: { self: T; result: T }) => copysignGrad(g, s)] },
  rot90: { name: 'Rot90Backward0', jvp: 'transpose', grads: [(g: T, s: { k: number; dims: number[] }) => ST.rot90(g, -s.k, s.dims)] },
  // block i's grad: its block of g, reshaped back to the input's shape (0-d, 1-d or 2-d).
  blockDiag: {
    name: 'BlockDiagBackward0', jvp: 'transpose',
    grads: [],
    variadic: (g: T, s: { shapes: number[][]; blocks: number[][] }, i: number) => {
      let r = 0, c = 0;
      for (let k = 0; k < i; k++) [r, c] = [r + s.blocks[k][0], c + s.blocks[k][1]];
      return S.reshape(S.narrow(S.narrow(g, 0, r, s.blocks[i][0]), 1, c, s.blocks[i][1]), s.shapes[i]);
    },
  },
  erf: { name: 'ErfBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, E.mul(E.exp(E.neg(E.mul(s.self, s.self))), 2 / Math.sqrt(Math.PI)))] },
  logaddexp: {
    name: 'LogaddexpBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: Num; other: Num }) => E.div(g, E.add(E.exp(E.sub(s.other, s.self)), 1)),
      (g: T, s: { self: Num; other: Num }) => E.div(g, E.add(E.exp(E.sub(s.self, s.other)), 1)),
    ],
  },
  logaddexp2: {
    name: 'Logaddexp2Backward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: Num; other: Num }) => E.div(g, E.add(EM.exp2(E.sub(s.other, s.self)), 1)),
      (g: T, s: { self: Num; other: Num }) => E.div(g, E.add(EM.exp2(E.sub(s.self, s.other)), 1)),
    ],
  },
  // d/dx log(x / (1 - x)) = 1 / (x (1 - x)); outside the domain NaN, or 0 outside [eps, 1 - eps] with eps.
  logit: {
    name: 'LogitBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: T; eps: number | null }) => {
        const lo = s.eps ?? 0, hi = 1 - lo;
        const outside = EM.logicalOr(E.lt(s.self, lo), E.gt(s.self, hi));
        return E.where(outside, s.eps === null ? NaN : 0, E.div(g, E.mul(s.self, E.rsub(s.self, 1))));
      },
    ],
  },
  sgn: { name: 'SgnBackward0', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g)] },
  clampMin: { name: 'ClampMinBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T; bound: number }) => E.where(E.ge(s.self, s.bound), g, 0)] },
  clampMax: { name: 'ClampMaxBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T; bound: number }) => E.where(E.le(s.self, s.bound), g, 0)] },
  erfc: { name: 'ErfcBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, E.mul(E.exp(E.neg(E.mul(s.self, s.self))), -2 / Math.sqrt(Math.PI)))] },
  erfinv: { name: 'ErfinvBackward0', jvp: 'elementwise', grads: [(g: T, s: { result: T }) => E.mul(g, E.mul(E.exp(E.mul(s.result, s.result)), Math.sqrt(Math.PI) / 2))] },
  lgamma: { name: 'LgammaBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, EM.digamma(s.self))] },
  digamma: { name: 'DigammaBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, EM.polygamma(1, s.self))] },
  polygamma: { name: 'PolygammaBackward0', jvp: 'elementwise', grads: [null as never, (g: T, s: { n: number; self: T }) => E.mul(g, EM.polygamma(s.n + 1, s.self))] },
  floor: { name: 'FloorBackward0', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g)] },
  ceil: { name: 'CeilBackward0', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g)] },
  round: { name: 'RoundBackward0', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g)] },
  roundDecimals: { name: 'RoundBackward1', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g)] },
  trunc: { name: 'TruncBackward0', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g)] },
  frac: { name: 'FracBackward0', jvp: 'elementwise', grads: [g_] },
  sinc: {
    name: 'SincBackward0', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: T }) => {
        const px = E.mul(s.self, Math.PI);
        const d = E.div(E.sub(E.mul(px, E.cos(px)), E.sin(px)), E.mul(E.mul(s.self, s.self), Math.PI));
        return E.where(E.eq(s.self, 0), 0, E.mul(g, d));
      },
    ],
  },
  deg2rad: { name: 'Deg2RadBackward0', jvp: 'elementwise', grads: [(g: T) => E.mul(g, Math.PI / 180)] },
  rad2deg: { name: 'Rad2DegBackward0', jvp: 'elementwise', grads: [(g: T) => E.mul(g, 180 / Math.PI)] },
  nanToNum: { name: 'NanToNumBackward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, C.to(EM.isfinite(s.self), g.dtype))] },
  atan2: {
    name: 'Atan2Backward0', jvp: 'elementwise',
    grads: [
      // PyTorch's atan2_backward: recip = (self^2 + other^2).reciprocal(); g * other * recip, g * -self * recip
      (g: T, s: { self: Num; other: Num }) => E.mul(E.mul(g, s.other), E.reciprocal(sumSquares(s.self, s.other))),
      (g: T, s: { self: Num; other: Num }) => E.mul(E.mul(g, s.self instanceof Object ? E.neg(s.self) : -Number(s.self)), E.reciprocal(sumSquares(s.self, s.other))),
    ],
  },
  hypot: {
    name: 'HypotBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: Num; result: T }) => E.div(E.mul(g, s.self), s.result), (g: T, s: { other: Num; result: T }) => E.div(E.mul(g, s.other), s.result)],
  },
  fmod: { name: 'FmodBackward1', jvp: 'elementwise', grads: [g_, (g: T, s: { self: Num; other: T }) => E.mul(E.neg(g), EM.trunc(E.div(s.self, s.other)))] },
  fmodScalar: { name: 'FmodBackward0', jvp: 'elementwise', grads: [g_] },
  remainder: { name: 'RemainderBackward1', jvp: 'elementwise', grads: [g_, (g: T, s: { self: Num; other: T }) => E.mul(E.neg(g), EM.floor(E.div(s.self, s.other)))] },
  remainderScalar: { name: 'RemainderBackward0', jvp: 'elementwise', grads: [g_] },
  xlogy: {
    name: 'XlogyBackward0', jvp: 'elementwise',
    grads: [(g: T, s: { self: T; other: T }) => E.mul(g, EM.xlogy(C.to(E.ne(s.self, 0), g.dtype), s.other)), (g: T, s: { self: T; other: T }) => E.div(E.mul(g, s.self), s.other)],
  },
  xlogyScalarSelf: { name: 'XlogyBackward1', jvp: 'elementwise', grads: [null as never, (g: T, s: { self: number; other: T }) => E.div(E.mul(g, s.self), s.other)] },
  xlogyScalarOther: { name: 'XlogyBackward2', jvp: 'elementwise', grads: [(g: T, s: { self: T; other: number }) => E.mul(g, EM.xlogy(C.to(E.ne(s.self, 0), g.dtype), s.other))] },
  lerp: { name: 'LerpBackward0', jvp: 'elementwise', grads: [(g: T, s: { weight: number }) => E.mul(g, 1 - s.weight), (g: T, s: { weight: number }) => E.mul(g, s.weight)] },
  lerpTensor: {
    name: 'LerpBackward1', jvp: 'elementwise',
    grads: [
      (g: T, s: { weight: T }) => E.mul(g, E.rsub(s.weight, 1)),
      (g: T, s: { weight: T }) => E.mul(g, s.weight),
      (g: T, s: { self: T; end: Num }) => E.mul(g, E.sub(s.end, s.self)),
    ],
  },
  addcmul: {
    name: 'AddcmulBackward0', jvp: 'elementwise',
    grads: [g_, (g: T, s: { tensor2: T; value: number }) => E.mul(E.mul(g, s.tensor2), s.value), (g: T, s: { tensor1: T; value: number }) => E.mul(E.mul(g, s.tensor1), s.value)],
  },
  addcdiv: {
    name: 'AddcdivBackward0', jvp: 'elementwise',
    grads: [
      g_,
      (g: T, s: { tensor2: T; value: number }) => E.div(E.mul(g, s.value), s.tensor2),
      (g: T, s: { tensor1: T; tensor2: T; value: number }) => E.div(E.mul(E.mul(E.neg(g), s.value), s.tensor1), E.mul(s.tensor2, s.tensor2)),
    ],
  },

  // ==== scans (lib/ops/cumulative.ts) ==============================================================================
  cumsum: { name: 'CumsumBackward0', jvp: TG.cumsum, grads: [(g: T, s: { dim: number }) => CU.reversedCumsum(g, s.dim)] },
  cumprod: { name: 'CumprodBackward0', jvp: 'transpose', grads: [(g: T, s: { self: T; result: T; dim: number }) => cumprodBackward(g, s.self, s.result, s.dim)] },
  logcumsumexp: { name: 'LogcumsumexpBackward0', jvp: { notImplemented: 'logcumsumexp' }, grads: [(g: T, s: { self: T; result: T; dim: number }) => logcumsumexpBackward(g, s.self, s.result, s.dim)] },
  cummax: { name: 'CummaxBackward0', jvp: TG.indexed, grads: [indexedBackward] },
  cummin: { name: 'CumminBackward0', jvp: TG.indexed, grads: [indexedBackward] },
  // ==== sorting (lib/ops/sorting.ts) ================================================================================
  sort: { name: 'SortBackward0', jvp: TG.indexed, grads: [indexedBackward] },
  sortStable: { name: 'SortBackward1', jvp: TG.indexed, grads: [indexedBackward] },
  topk: { name: 'TopkBackward0', jvp: TG.indexed, grads: [indexedBackward] },
  kthvalue: { name: 'KthvalueBackward0', jvp: TG.pickedDim, grads: [pickedBackward] },
  medianDim: { name: 'MedianBackward1', jvp: TG.pickedDim, grads: [pickedBackward] },
  mode: { name: 'ModeBackward0', jvp: TG.pickedDim, grads: [pickedBackward] },
  median: { name: 'MedianBackward0', jvp: TG.tiedAll, grads: [(g: T, s: { self: T; result: T }) => evenlyDistribute(g, s.self, s.result)] },
} satisfies Record<string, Derivative>;
