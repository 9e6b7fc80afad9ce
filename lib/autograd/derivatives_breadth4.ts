// Derivative-table rows of issue 15's fourth op batch (lib/ops/division.ts, ...), spread into THE table `D` of
// derivatives.ts. PyTorch 1.13's formulas from derivatives.yaml, written with tg ops so createGraph works.
import type { Tensor } from '../tensor.js';
import * as C from '../ops/creation.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import { evenlyDistribute, pickedBackward } from './derivatives_math.js';

type T = Tensor;

export const BREADTH4_ROWS = {
  // div(..., rounding_mode): a rounded quotient is piecewise constant; derivatives.yaml gives grad.zeros_like() to both.
  divMode: { name: 'DivBackward2', grads: [(g: T) => C.zerosLike(g), (g: T) => C.zerosLike(g)] },
  // div(..., rounding_mode=None) given explicitly: the same overload (DivBackward2) with true division's grads.
  divModeNone: {
    name: 'DivBackward2',
    grads: [
      (g: T, s: { self: T | number; other: T | number }) => E.div(g, s.other),
      (g: T, s: { self: T | number; other: T | number }) => E.mul(E.neg(g), E.div(E.div(s.self, s.other), s.other)),
    ],
  },
  // nanmedian(): the grad split evenly among the elements equal to the result (evenly_distribute_backward);
  // nanmedian(dim): to the picked index (value_selecting_reduction_backward), as median's.
  nanmedian: { name: 'NanmedianBackward0', grads: [(g: T, s: { self: T; result: T }) => evenlyDistribute(g, s.self, s.result)] },
  nanmedianDim: { name: 'NanmedianBackward1', grads: [pickedBackward] },
  // squeeze_(dim) as recorded by quantile's composite (PyTorch's in-place squeeze_ node).
  squeezeInplaceDim: { name: 'SqueezeBackward3', grads: [(g: T, s: { dim: number }) => S.unsqueeze(g, s.dim)] },
};
