// Derivative-table rows of issue 15's fourth op batch (lib/ops/division.ts, ...), spread into THE table `D` of
// derivatives.ts. PyTorch 1.13's formulas from derivatives.yaml, written with tg ops so createGraph works.
import type { Derivative } from './function_node.js';
import type { Tensor } from '../tensor.js';
import * as C_ from '../ops/creation.js';
import * as E_ from '../ops/elementwise.js';
import * as S_ from '../ops/shape.js';
import { evenlyDistribute, pickedBackward } from './derivatives_math.js';
import { normBackward } from './formulas.js';
import * as VS_ from '../ops/view_scatter.js';
import * as PX_ from '../ops/pointwise_extra.js';
import * as R_ from '../ops/reduce.js';
import { vectorNorm } from '../ops/linalg_norms.js';
import { batchable } from './batchable.js';

const [C, E, S, VS, PX, R] = [batchable(C_), batchable(E_), batchable(S_), batchable(VS_), batchable(PX_), batchable(R_)]; // Note [Batched backward]

type T = Tensor;
type DiagSaved = { offset: number; dim1: number; dim2: number; srcShape: number[] };
type SelectSaved = { dim: number; index: number; srcShape: number[] };
type SliceSaved = { dim: number; start: number | null; end: number | null; step: number; srcShape: number[] };
const zeros = (g: T): T => C.zerosLike(g);
type DistSaved = { self: T; other: T; p: number; result: T };

export const BREADTH4_ROWS = {
  // div(..., rounding_mode): a rounded quotient is piecewise constant; derivatives.yaml gives grad.zeros_like() to both.
  divMode: { name: 'DivBackward2', jvp: 'elementwise', grads: [(g: T) => C.zerosLike(g), (g: T) => C.zerosLike(g)] },
  // div(..., rounding_mode=None) given explicitly: the same overload (DivBackward2) with true division's grads.
  divModeNone: {
    name: 'DivBackward2', jvp: 'elementwise',
    grads: [
      (g: T, s: { self: T | number; other: T | number }) => E.div(g, s.other),
      (g: T, s: { self: T | number; other: T | number }) => E.mul(E.neg(g), E.div(E.div(s.self, s.other), s.other)),
    ],
  },
  // nanmedian(): the grad split evenly among the elements equal to the result (evenly_distribute_backward);
  // nanmedian(dim): to the picked index (value_selecting_reduction_backward), as median's.
  nanmedian: { name: 'NanmedianBackward0', jvp: 'transpose', grads: [(g: T, s: { self: T; result: T }) => evenlyDistribute(g, s.self, s.result)] },
  nanmedianDim: { name: 'NanmedianBackward1', jvp: 'transpose', grads: [pickedBackward] },
  // squeeze_(dim) as recorded by quantile's composite (PyTorch's in-place squeeze_ node).
  squeezeInplaceDim: { name: 'SqueezeBackward3', jvp: 'transpose', grads: [(g: T, s: { dim: number }) => S.unsqueeze(g, s.dim)] },
  // x.OP_(other): the comparison written into x; OpBackward0 (a number) / OpBackward1 (a tensor), zero grads.
  eqInplace: { name: 'EqBackward0', jvp: 'elementwise', grads: [zeros] },
  eqInplaceTensor: { name: 'EqBackward1', jvp: 'elementwise', grads: [zeros, zeros] },
  neInplace: { name: 'NeBackward0', jvp: 'elementwise', grads: [zeros] },
  neInplaceTensor: { name: 'NeBackward1', jvp: 'elementwise', grads: [zeros, zeros] },
  ltInplace: { name: 'LtBackward0', jvp: 'elementwise', grads: [zeros] },
  ltInplaceTensor: { name: 'LtBackward1', jvp: 'elementwise', grads: [zeros, zeros] },
  leInplace: { name: 'LeBackward0', jvp: 'elementwise', grads: [zeros] },
  leInplaceTensor: { name: 'LeBackward1', jvp: 'elementwise', grads: [zeros, zeros] },
  gtInplace: { name: 'GtBackward0', jvp: 'elementwise', grads: [zeros] },
  gtInplaceTensor: { name: 'GtBackward1', jvp: 'elementwise', grads: [zeros, zeros] },
  geInplace: { name: 'GeBackward0', jvp: 'elementwise', grads: [zeros] },
  geInplaceTensor: { name: 'GeBackward1', jvp: 'elementwise', grads: [zeros, zeros] },
  // frexp: mantissa = self / 2^exponent, the exponent piecewise constant (derivatives.yaml: grad / exponent.exp2()).
  frexp: { name: 'FrexpBackward0', jvp: 'elementwise', grads: [(g: T, s: { exponent: T }) => E.div(g, E.pow(2, C.to(s.exponent, g.dtype)))] },
  // dist(self, other, p) = norm(self - other, p): norm_backward on the difference, negated for other.
  dist: {
    name: 'DistBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: DistSaved) => normBackward(g, { self: E.sub(s.self, s.other), result: s.result, p: s.p, dims: null, keepdim: false }),
      (g: T, s: DistSaved) => { const r = normBackward(g, { self: E.sub(s.self, s.other), result: s.result, p: s.p, dims: null, keepdim: false }); return r === null ? null : E.neg(r); },
    ],
  },
  // The view scatters: self's grad is g with the view zeroed, src's grad is g's view (derivatives.yaml).
  diagonalScatter: {
    name: 'DiagonalScatterBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: DiagSaved) => VS.diagonalScatter(g, C.zeros(s.srcShape, { dtype: g.dtype }), s.offset, s.dim1, s.dim2),
      (g: T, s: DiagSaved) => S.diagonal(g, s.offset, s.dim1, s.dim2),
    ],
  },
  selectScatter: {
    name: 'SelectScatterBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: SelectSaved) => VS.selectScatter(g, C.zeros(s.srcShape, { dtype: g.dtype }), s.dim, s.index),
      (g: T, s: SelectSaved) => S.select(g, s.dim, s.index),
    ],
  },
  sliceScatter: {
    name: 'SliceScatterBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: SliceSaved) => VS.sliceScatter(g, C.zeros(s.srcShape, { dtype: g.dtype }), s.dim, s.start, s.end, s.step),
      (g: T, s: SliceSaved) => S.slice(g, s.dim, s.start, s.end, s.step),
    ],
  },
  // renorm_backward (FunctionsManual.cpp): where a slice was rescaled, factor * g minus the rescale's own
  // derivative, maxnorm / (norm + 1e-7)^2 * norm_backward(sum(self * g)); g elsewhere.
  renorm: {
    name: 'RenormBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { self: T; p: number; dim: number; maxnorm: number }) => {
        const dims = PX.renormDims(s.self, s.dim), norm = vectorNorm(s.self, s.p, dims, true);
        const nb = normBackward(R.sum(E.mul(s.self, g), dims, true), { self: s.self, result: norm, p: s.p, dims, keepdim: true }) as T;
        const inv = E.reciprocal(E.add(norm, 1e-7));
        return E.where(E.gt(norm, s.maxnorm), E.sub(E.mul(E.mul(inv, s.maxnorm), g), E.mul(E.mul(E.mul(inv, inv), s.maxnorm), nb)), g);
      },
    ],
  },
} satisfies Record<string, Derivative>;
