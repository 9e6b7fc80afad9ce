// F.interpolate (PyTorch 1.13): modes nearest, nearest-exact, linear, bilinear, bicubic, trilinear, with size
// or scaleFactor, alignCorners and recomputeScaleFactor; one node per call named as PyTorch's vec overloads
// (UpsampleNearest2DBackward1, UpsampleBilinear2DBackward1, ...; rows in lib/autograd/derivatives_loss.ts).
//
// Note [Separable interpolation]: every mode is a product of 1-D maps, one per spatial dim: output index i of
// dim d reads input indices idx_k[i] with weights w_k[i] (1 tap for nearest, 2 for linear, 4 for cubic). The
// forward applies them from the last spatial dim to the first, which is the order of PyTorch's CPU kernels
// (bilinear: h0 (w0 x00 + w1 x01) + h1 (...); bicubic: along x, then along y), so float32 results round alike;
// the taps are computed in PyTorch's precision (float for float32 input; float always for the nearest index).
// The backward is the adjoint, dim by dim in the reverse order (index_add of g w_k at idx_k), written with
// differentiable ops, so double backward works.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat, type DType } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import { tensor, zeros } from './creation.js';
import { indexSelect, indexAdd } from './gather.js';
import { reshape } from './shape.js';

export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear';

/** One 1-D map of Note [Separable interpolation]. */
export interface Taps {
  dim: number;
  inSize: number;
  idx: Tensor[];
  w: (Tensor | null)[];
}

const ROWS = {
  nearest: ['upsampleNearest1d', 'upsampleNearest2d', 'upsampleNearest3d'],
  'nearest-exact': ['upsampleNearestExact1d', 'upsampleNearestExact2d', 'upsampleNearestExact3d'],
  linear: ['upsampleLinear1d'],
  bilinear: ['upsampleBilinear2d'],
  bicubic: ['upsampleBicubic2d'],
  trilinear: ['upsampleTrilinear3d'],
} as const;
const SPATIAL: Record<InterpolateMode, number[]> = {
  nearest: [1, 2, 3], 'nearest-exact': [1, 2, 3], linear: [1], bilinear: [2], bicubic: [2], trilinear: [3],
};

/** Reads x (the input's dtype precision): float32 rounding per operation, as PyTorch's scalar_t math. */
const rounder = (dtype: DType): ((v: number) => number) => (dtype === 'float32' ? Math.fround : (v: number) => v);

/** PyTorch's area_pixel_compute_scale. */
function areaScale(inSize: number, outSize: number, alignCorners: boolean, scale: number | null, r: (v: number) => number): number {
  if (alignCorners) return outSize > 1 ? r(r(inSize - 1) / r(outSize - 1)) : 0;
  return scale !== null && scale > 0 ? r(1 / scale) : r(r(inSize) / r(outSize));
}
/** PyTorch's area_pixel_compute_source_index. */
function sourceIndex(scale: number, i: number, alignCorners: boolean, cubic: boolean, r: (v: number) => number): number {
  if (alignCorners) return r(scale * i);
  const src = r(r(scale * r(i + 0.5)) - 0.5);
  return !cubic && src < 0 ? 0 : src;
}

function cubicCoeffs(t: number, r: (v: number) => number): number[] {
  const A = -0.75;
  const c1 = (x: number): number => r(r(r(r(r((A + 2) * x) - (A + 3)) * x) * x) + 1);
  const c2 = (x: number): number => r(r(r(r(r(r(A * x) - 5 * A) * x) + 8 * A) * x) - 4 * A);
  const x2 = r(1 - t);
  return [c2(r(t + 1)), c1(t), c1(x2), c2(r(x2 + 1))];
}

/** The taps of one spatial dim. */
function tapsOf(mode: InterpolateMode, dim: number, inSize: number, outSize: number, scale: number | null, alignCorners: boolean, dtype: DType): Taps {
  const K = mode === 'bicubic' ? 4 : mode === 'nearest' || mode === 'nearest-exact' ? 1 : 2;
  const idx = Array.from({ length: K }, () => new Array<number>(outSize));
  const w = Array.from({ length: K }, () => new Array<number>(outSize));
  const r = rounder(dtype);
  if (K === 1) {
    // nearest_idx / nearest_exact_idx: the scale and product in float whatever the dtype
    const s = scale !== null && scale > 0 ? Math.fround(1 / scale) : Math.fround(Math.fround(inSize) / Math.fround(outSize));
    for (let i = 0; i < outSize; i++) {
      if (mode === 'nearest')
        idx[0][i] = outSize === inSize ? i : outSize === 2 * inSize ? i >> 1 : Math.min(Math.floor(Math.fround(i * s)), inSize - 1);
      else idx[0][i] = Math.min(Math.floor(Math.fround((i + 0.5) * s)), inSize - 1);
    }
    return { dim, inSize, idx: [tensor(idx[0], { dtype: 'int32' })], w: [null] };
  }
  const s = areaScale(inSize, outSize, alignCorners, scale, r);
  for (let i = 0; i < outSize; i++) {
    const src = sourceIndex(s, i, alignCorners, K === 4, r);
    if (K === 2) {
      const i0 = Math.trunc(src);
      const l1 = Math.min(Math.max(r(src - i0), 0), 1);
      idx[0][i] = i0;
      idx[1][i] = i0 < inSize - 1 ? i0 + 1 : i0;
      w[0][i] = r(1 - l1);
      w[1][i] = l1;
    } else {
      const i0 = Math.floor(src);
      const c = cubicCoeffs(r(src - i0), r);
      for (let k = 0; k < 4; k++) {
        idx[k][i] = Math.min(Math.max(i0 - 1 + k, 0), inSize - 1); // upsample_get_value_bounded
        w[k][i] = c[k];
      }
    }
  }
  return { dim, inSize, idx: idx.map((v) => tensor(v, { dtype: 'int32' })), w: w.map((v) => tensor(v, { dtype })) };
}

/** The weights of a tap viewed to broadcast along dim of an ndim-D tensor. */
const along = (w: Tensor, dim: number, ndim: number): Tensor => reshape(w, Array.from({ length: ndim }, (_, i) => (i === dim ? w.numel() : 1)));

function applyTaps(x: Tensor, t: Taps): Tensor {
  let acc: Tensor | null = null;
  t.idx.forEach((ix, k) => {
    let v = indexSelect(x, t.dim, ix);
    const w = t.w[k];
    if (w !== null) v = E.mul(v, along(w, t.dim, x.ndim));
    acc = acc === null ? v : E.add(acc, v);
  });
  return acc!;
}

/** The adjoint of applyTaps: each output grad back to the input indices it read, times its weight. */
function adjointTaps(g: Tensor, t: Taps): Tensor {
  let acc = zeros(g.shape.map((n, i) => (i === t.dim ? t.inSize : n)), { dtype: g.dtype });
  t.idx.forEach((ix, k) => {
    const w = t.w[k];
    acc = indexAdd(acc, t.dim, ix, w === null ? g : E.mul(g, along(w, t.dim, g.ndim)));
  });
  return acc;
}

/** Grad of an upsample node (Note [Separable interpolation]): the adjoint maps, first spatial dim first. */
export function upsampleBackward(g: Tensor, taps: Taps[]): Tensor {
  let r = g;
  for (const t of taps) r = adjointTaps(r, t);
  return r;
}

function listOf(op: string, name: string, v: unknown, n: number, int: boolean): number[] {
  const arr = Array.isArray(v) ? v : new Array<unknown>(n).fill(v);
  if (arr.length !== n)
    throw rangeError(op, `Input and ${name} must have the same number of spatial dimensions, but got input with spatial dimensions of ${n} and ${name} of length ${arr.length}`);
  for (const e of arr)
    if (typeof e !== 'number' || (int ? !Number.isInteger(e) || e < 0 : !(e > 0))) throw typeError(op, `${name} must be ${int ? 'non-negative integers' : 'positive numbers'}, got ${describe(v)}`);
  return arr as number[];
}

export interface InterpolateOptions {
  size?: number | number[] | null;
  scaleFactor?: number | number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
  antialias?: boolean;
}

/**
 * Resizes by nearest, linear, bilinear, bicubic or area interpolation.
 *
 * Resamples the spatial dims (all but the first two) of [N, C, ...] input to `size` or by `scaleFactor`.
 *
 * @see torch.nn.functional.interpolate
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 2]]])
 * tg.nn.functional.interpolate(x, { scaleFactor: 2, mode: 'nearest' }) // tensor([[[1., 1., 2., 2.]]])
 * ```
 */
export const interpolate = kw(signature('nn.functional.interpolate', 'input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor, antialias'), function interpolate(
  input: Tensor, size?: number | number[] | null | InterpolateOptions, scaleFactor?: number | number[] | null, modeArg?: InterpolateMode, alignCornersArg?: boolean | null,
  recomputeScaleFactor?: boolean | null, antialias?: boolean): Tensor {
  const op = 'interpolate';
  checkTensor(op, input, 'input');
  const mode = modeArg ?? 'nearest';
  if (!(mode in SPATIAL)) throw rangeError(op, `mode must be one of ${Object.keys(SPATIAL).join(', ')}, got ${describe(mode)}`);
  if (antialias === true) throw typeError(op, 'antialias=True is not supported');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype}`);
  const n = input.ndim - 2;
  if (!SPATIAL[mode].includes(n))
    throw rangeError(op, `Got ${input.ndim}D input (shape ${fmtShape(input.shape)}), but ${mode} mode needs ${SPATIAL[mode].map((k) => `${k + 2}D`).join(' or ')} input`);
  const nearest = mode === 'nearest' || mode === 'nearest-exact';
  if (nearest && alignCornersArg !== undefined && alignCornersArg !== null)
    throw rangeError(op, 'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  const alignCorners = alignCornersArg ?? false;
  const hasSize = size !== undefined && size !== null, hasScale = scaleFactor !== undefined && scaleFactor !== null;
  if (hasSize === hasScale) throw rangeError(op, hasSize ? 'only one of size or scale_factor should be defined' : 'either size or scale_factor should be defined');
  const inSizes = input.shape.slice(2);
  let outSizes: number[], scales: (number | null)[];
  if (hasSize) {
    outSizes = listOf(op, 'size', size, n, true);
    scales = outSizes.map(() => null);
  } else {
    const sf = listOf(op, 'scale_factor', scaleFactor, n, false);
    outSizes = inSizes.map((s, i) => Math.floor(s * sf[i]));
    scales = recomputeScaleFactor === true ? sf.map(() => null) : sf;
  }
  if (inSizes.some((s) => s === 0) || outSizes.some((s) => s === 0))
    throw rangeError(op, `Input and output sizes should be greater than 0, but got input ${fmtShape(input.shape)} and output size ${fmtShape(outSizes)}`);
  const taps = inSizes.map((s, i) => tapsOf(mode, i + 2, s, outSizes[i], scales[i], alignCorners, input.dtype));
  const out = noGrad(() => {
    let r = input;
    for (let i = taps.length - 1; i >= 0; i--) r = applyTaps(r, taps[i]);
    return r === input ? input.clone() : r;
  });
  return record(ROWS[mode][mode === 'nearest' || mode === 'nearest-exact' ? n - 1 : 0], [input], out, () => ({ taps }));
});
