// Spatial transformers with PyTorch's API: gridSample (ATen's grid_sampler_2d/3d: bilinear, nearest, bicubic;
// zeros/border/reflection padding) and affineGrid (affine_grid_generator).
//
// Note [Grid sampling as taps]: an output point is a weighted sum of input values at integer taps around its
// source coordinate (2^d taps for bilinear, 4x4 for bicubic, one for nearest). The taps' indices and in-bounds
// masks are integers computed in JS from the coordinate's value (locally constant: no gradient); the weights are
// differentiable functions of the source coordinate, built of recording ops, and each tap's values are one gather.
// So gridSampleTaps is a composite whose graph gives both grads (input: scatter-adds of the gathers; grid: the
// weights' derivatives). gridSample runs it without a graph and records one GridSampler2DBackward0 node (PyTorch's
// name) whose formula differentiates the composite again (lib/autograd/derivatives_sampling.ts).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat, type DType } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import { tensor, zeros } from './creation.js';
import { gather } from './gather.js';
import { bmm } from './linalg.js';
import { reshape, select, unsqueeze, expand, transpose } from './shape.js';

export type GridSampleMode = 'bilinear' | 'nearest' | 'bicubic';
export type GridSamplePadding = 'zeros' | 'border' | 'reflection';
export interface GridSampleOptions {
  mode: GridSampleMode;
  paddingMode: GridSamplePadding;
  alignCorners: boolean;
}

const MODES: readonly string[] = ['bilinear', 'nearest', 'bicubic'];
const PADDINGS: readonly string[] = ['zeros', 'border', 'reflection'];
const CUBIC_A = -0.75;

/** A constant tensor of dtype dt and shape sh from JS values. */
const konst = (vals: ArrayLike<number>, sh: number[], dt: DType): Tensor => reshape(tensor(Array.from(vals), { dtype: dt }), sh);

/** PyTorch's grid_sampler_unnormalize: [-1, 1] to pixel coordinates, in its order of operations (float32 parity). */
function unnormalize(g: Tensor, size: number, alignCorners: boolean): Tensor {
  return alignCorners ? E.mul(E.mul(E.add(g, 1), 0.5), size - 1) : E.mul(E.sub(E.mul(E.add(g, 1), size), 1), 0.5);
}

/** reflect_coordinates over [twiceLow / 2, twiceHigh / 2], differentiable in x (abs, then a sign per flip). */
function reflect(x: Tensor, twiceLow: number, twiceHigh: number): Tensor {
  if (twiceLow === twiceHigh) return E.mul(x, 0);
  const min = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
  const a = E.abs(E.sub(x, min));
  const av = a._data as ArrayLike<number>;
  const sign = new Float64Array(av.length), off = new Float64Array(av.length);
  for (let i = 0; i < av.length; i++) {
    const flips = Math.floor(av[i] / span);
    // extra = a - flips span; even flips: extra + min, odd: span - extra + min
    sign[i] = flips % 2 === 0 ? 1 : -1;
    off[i] = flips % 2 === 0 ? min - flips * span : span + min + flips * span;
  }
  return E.add(E.mul(a, konst(sign, a.shape, a.dtype)), konst(off, a.shape, a.dtype));
}

/** compute_coordinates: the padding mode's map of a source coordinate (border clips, reflection reflects). */
function padCoord(x: Tensor, size: number, o: GridSampleOptions): Tensor {
  if (o.paddingMode === 'border') return E.clamp(x, 0, size - 1);
  if (o.paddingMode === 'reflection') {
    const r = o.alignCorners ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1);
    return E.clamp(r, 0, size - 1);
  }
  return x;
}

/** The same map on an integer tap (bicubic's get_value_bounded), in JS. */
function padIndex(i: number, size: number, o: GridSampleOptions): number {
  if (o.paddingMode === 'border') return Math.min(Math.max(i, 0), size - 1);
  if (o.paddingMode === 'reflection') {
    const [lo, hi] = o.alignCorners ? [0, 2 * (size - 1)] : [-1, 2 * size - 1];
    let r = 0;
    if (lo !== hi) {
      const min = lo / 2, span = (hi - lo) / 2, a = Math.abs(i - min);
      const flips = Math.floor(a / span), extra = a - flips * span;
      r = flips % 2 === 0 ? extra + min : span - extra + min;
    }
    return Math.trunc(Math.min(Math.max(r, 0), size - 1));
  }
  return i;
}

const cubic1 = (x: Tensor): Tensor => E.add(E.mul(E.mul(E.sub(E.mul(x, CUBIC_A + 2), CUBIC_A + 3), x), x), 1);
const cubic2 = (x: Tensor): Tensor => E.sub(E.mul(E.add(E.mul(E.sub(E.mul(x, CUBIC_A), 5 * CUBIC_A), x), 8 * CUBIC_A), x), 4 * CUBIC_A);

/** nearbyint: round half to even, as std::nearbyint in the default rounding mode. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

interface Axis {
  /** per tap along this axis: the integer index of every output point, and its weight (null: 1) */
  taps: { index: Int32Array; weight: Tensor | null; inBounds: Uint8Array }[];
}

/** One spatial axis's taps: coordinate g (the grid's component, [N, P]) over an input dim of `size`. */
function axisTaps(g: Tensor, size: number, o: GridSampleOptions): Axis {
  const dt = g.dtype, sh = g.shape;
  const x = o.mode === 'bicubic' ? unnormalize(g, size, o.alignCorners) : padCoord(unnormalize(g, size, o.alignCorners), size, o);
  const xv = x._data as ArrayLike<number>, n = xv.length;
  const idx = (f: (i: number) => number): { index: Int32Array; inBounds: Uint8Array } => {
    const index = new Int32Array(n), inBounds = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = f(i);
      // NaN coordinates (a NaN grid) read nothing, as PyTorch's within_bounds check on the cast index
      inBounds[i] = Number.isFinite(v) && v >= 0 && v < size ? 1 : 0;
      index[i] = inBounds[i] ? v : 0;
    }
    return { index, inBounds };
  };
  if (o.mode === 'nearest') return { taps: [{ ...idx((i) => roundHalfEven(xv[i])), weight: null }] };
  const base = Array.from(xv, (v) => Math.floor(v));
  if (o.mode === 'bilinear') {
    const x0 = konst(base, sh, dt), x1 = konst(base.map((b) => b + 1), sh, dt);
    return { taps: [{ ...idx((i) => base[i]), weight: E.sub(x1, x) }, { ...idx((i) => base[i] + 1), weight: E.sub(x, x0) }] };
  }
  const t = E.sub(x, konst(base, sh, dt));
  const ws = [cubic2(E.add(t, 1)), cubic1(t), cubic1(E.sub(1, t)), cubic2(E.sub(2, t))];
  return { taps: ws.map((weight, k) => ({ ...idx((i) => padIndex(base[i] - 1 + k, size, o)), weight })) };
}

/**
 * gridSample's value from recording ops (Note [Grid sampling as taps]): input [N, C, *S] sampled at grid
 * [N, *P, d] (d = number of spatial dims; grid[..., 0] indexes the last input dim).
 */
export function gridSampleTaps(input: Tensor, grid: Tensor, o: GridSampleOptions): Tensor {
  const d = input.ndim - 2, [N, C] = input.shape, S = input.shape.slice(2), P = grid.shape.slice(1, -1);
  const np = P.reduce((a, b) => a * b, 1), ns = S.reduce((a, b) => a * b, 1);
  const outShape = [N, C, ...P];
  // nothing to sample: zeros (no graph; the node's formula reads unused grads as zeros)
  if (N * C * np === 0) return zeros(outShape, { dtype: input.dtype });
  const g = reshape(grid, [N, np, d]);
  // axes[k] covers input dim 2 + k, from grid component d - 1 - k
  const axes = S.map((size, k) => axisTaps(select(g, 2, d - 1 - k), size, o));
  const flat = reshape(input, [N, C, ns]);
  let out: Tensor | null = null;
  const counts = axes.map((a) => a.taps.length);
  const total = counts.reduce((a, b) => a * b, 1);
  for (let t = 0; t < total; t++) {
    // tap t: axis 0 (outermost input dim) varies slowest, as PyTorch's nw, ne, sw, se order
    const pick: number[] = [];
    for (let k = d - 1, r = t; k >= 0; k--) { pick[k] = r % counts[k]; r = Math.floor(r / counts[k]); }
    const lin = new Int32Array(N * np), mask = new Float64Array(N * np);
    for (let i = 0; i < N * np; i++) {
      let li = 0, ok = 1;
      for (let k = 0; k < d; k++) {
        const tap = axes[k].taps[pick[k]];
        li = li * S[k] + tap.index[i];
        ok &= tap.inBounds[i];
      }
      lin[i] = ok ? li : 0;
      mask[i] = ok;
    }
    // the weight is the product over axes from the innermost (x) out, as PyTorch's (ix_se - ix) * (iy_se - iy)
    let w: Tensor | null = null;
    for (let k = d - 1; k >= 0; k--) {
      const wk = axes[k].taps[pick[k]].weight;
      if (wk !== null) w = w === null ? wk : E.mul(w, wk);
    }
    const m = konst(mask, [N, np], input.dtype);
    w = w === null ? m : E.mul(w, m);
    const idx = expand(unsqueeze(konst(lin, [N, np], 'int32'), 1), [N, C, np]);
    const term = E.mul(gather(flat, 2, idx), unsqueeze(w, 1));
    out = out === null ? term : E.add(out, term);
  }
  return reshape(out as Tensor, outShape);
}

function checkGridSample(input: unknown, grid: unknown, mode: unknown, paddingMode: unknown, alignCorners: unknown): void {
  const op = 'gridSample';
  checkTensor(op, input, 'input');
  checkTensor(op, grid, 'grid');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype}`);
  if (grid.dtype !== input.dtype) throw typeError(op, `expected input and grid to have same dtype, but input has ${input.dtype} and grid has ${grid.dtype}`);
  if (typeof mode !== 'string' || !MODES.includes(mode))
    throw typeError(op, `mode must be 'bilinear', 'nearest' or 'bicubic', but got ${describe(mode)}`);
  if (typeof paddingMode !== 'string' || !PADDINGS.includes(paddingMode))
    throw typeError(op, `paddingMode must be 'zeros', 'border' or 'reflection', but got ${describe(paddingMode)}`);
  if (alignCorners !== null && alignCorners !== undefined && typeof alignCorners !== 'boolean')
    throw typeError(op, `alignCorners must be a boolean, got ${describe(alignCorners)}`);
  const shapes = `input with sizes ${fmtShape(input.shape)} and grid with sizes ${fmtShape(grid.shape)}`;
  if ((input.ndim !== 4 && input.ndim !== 5) || grid.ndim !== input.ndim)
    throw rangeError(op, `expected 4D or 5D input and grid with same number of dimensions, but got ${shapes}`);
  if (input.shape[0] !== grid.shape[0]) throw rangeError(op, `expected grid and input to have same batch size, but got ${shapes}`);
  if (grid.shape[grid.ndim - 1] !== input.ndim - 2)
    throw rangeError(op, `expected grid to have size ${input.ndim - 2} in last dimension, but got grid with sizes ${fmtShape(grid.shape)}`);
  if (input.shape.slice(2).some((s) => s === 0))
    throw rangeError(op, `expected input to have non-empty spatial dimensions, but input has sizes ${fmtShape(input.shape)} with dimension ${input.shape.slice(2).indexOf(0) + 2} being empty`);
  if (mode === 'bicubic' && input.ndim !== 4) throw rangeError(op, `bicubic interpolation only supports 4D input, got input with sizes ${fmtShape(input.shape)}`);
}

/**
 * Samples input at the (normalized) locations of grid: a spatial transformer's sampler.
 *
 * input is [N, C, H, W] (or [N, C, D, H, W]) and grid [N, Ho, Wo, 2] (or [N, Do, Ho, Wo, 3]) with x, y(, z) in
 * [-1, 1] (-1 the left/top edge: the first pixel's centre with alignCorners, its outer edge without). mode
 * 'bilinear' (trilinear in 5-D), 'nearest' (half to even) or 'bicubic' (4-D only, A = -0.75); paddingMode
 * 'zeros', 'border' or 'reflection' for locations outside. Output [N, C, Ho, Wo]. Differentiable in input and
 * grid (one GridSampler2DBackward0 / GridSampler3DBackward0 node); alignCorners defaults to false.
 *
 * @see torch.nn.functional.grid_sample
 * @example
 * ```ts
 * const x = tg.arange(4).reshape([1, 1, 2, 2])
 * const grid = tg.tensor([[[[0, 0], [-1, -1]]]])
 * tg.nn.functional.gridSample(x, grid, { alignCorners: true }) // tensor([[[[1.5000, 0.0000]]]])
 * ```
 */
export const gridSample = kw(signature('nn.functional.gridSample', 'input, grid, mode, paddingMode, alignCorners'), function gridSample(
  input: Tensor, grid: Tensor, mode: GridSampleMode = 'bilinear', paddingMode: GridSamplePadding = 'zeros', alignCorners?: boolean | null): Tensor {
  checkGridSample(input, grid, mode, paddingMode, alignCorners);
  const o: GridSampleOptions = { mode, paddingMode, alignCorners: alignCorners ?? false };
  const out = noGrad(() => gridSampleTaps(input, grid, o));
  return record(input.ndim === 4 ? 'nnGridSampler2d' : 'nnGridSampler3d', [input, grid], out, () => ({ input, grid, o }));
});

/** affine_grid's base grid [*S, d + 1]: per point (x, y(, z), 1), x along the last dim of size. */
export function affineBaseGrid(size: number[], alignCorners: boolean, dt: DType): Tensor {
  const S = size.slice(2), d = S.length, np = S.reduce((a, b) => a * b, 1);
  const lin = (n: number): number[] => Array.from({ length: n }, (_, i) => {
    if (n <= 1) return 0;
    // linspace(-1, 1, n), scaled by (n - 1) / n without alignCorners (pixel centres)
    const v = -1 + (2 * i) / (n - 1);
    return alignCorners ? v : (v * (n - 1)) / n;
  });
  const axes = S.map(lin);
  const vals = new Float64Array(np * (d + 1));
  for (let p = 0; p < np; p++) {
    let r = p;
    for (let k = d - 1; k >= 0; k--) {
      // component d - 1 - k of the point is the coordinate along input dim k
      vals[p * (d + 1) + (d - 1 - k)] = axes[k][r % S[k]];
      r = Math.floor(r / S[k]);
    }
    vals[p * (d + 1) + d] = 1;
  }
  return konst(vals, [np, d + 1], dt);
}

/** The grid [N, *S, d] = base [N, np, d + 1] @ theta^T, from recording ops. */
export function affineGridOf(theta: Tensor, size: number[], alignCorners: boolean): Tensor {
  const N = size[0], S = size.slice(2), d = S.length;
  const base = affineBaseGrid(size, alignCorners, theta.dtype);
  const b = expand(unsqueeze(base, 0), [N, base.shape[0], d + 1]);
  return reshape(bmm(b, transpose(theta, 1, 2)), [N, ...S, d]);
}

/**
 * A batch of sampling grids for gridSample from affine matrices.
 *
 * theta is [N, 2, 3] for a 4-D size [N, C, H, W] (grid [N, H, W, 2]) or [N, 3, 4] for a 5-D size
 * [N, C, D, H, W] (grid [N, D, H, W, 3]); each grid point is theta applied to the normalized (x, y(, z), 1) of
 * an output pixel. One AffineGridGeneratorBackward0 node; alignCorners defaults to false.
 *
 * @see torch.nn.functional.affine_grid
 * @example
 * ```ts
 * const theta = tg.tensor([[[1, 0, 0], [0, 1, 0]]])
 * tg.nn.functional.affineGrid(theta, [1, 1, 1, 2], { alignCorners: true }).shape // [1, 1, 2, 2]
 * ```
 */
export const affineGrid = kw(signature('nn.functional.affineGrid', 'theta, size, alignCorners'), function affineGrid(
  theta: Tensor, size: number[], alignCorners?: boolean | null): Tensor {
  const op = 'affineGrid';
  checkTensor(op, theta, 'theta');
  if (!isFloat(theta.dtype)) throw typeError(op, `expected theta to be floating point, got ${theta.dtype}`);
  if (!Array.isArray(size) || !size.every((v) => Number.isInteger(v) && v >= 0)) throw typeError(op, `size must be a list of integers, got ${describe(size)}`);
  if (alignCorners !== null && alignCorners !== undefined && typeof alignCorners !== 'boolean')
    throw typeError(op, `alignCorners must be a boolean, got ${describe(alignCorners)}`);
  if (size.length !== 4 && size.length !== 5)
    throw rangeError(op, `only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size ${fmtShape(size)}`);
  const d = size.length - 2;
  if (theta.ndim !== 3 || theta.shape[0] !== size[0] || theta.shape[1] !== d || theta.shape[2] !== d + 1)
    throw rangeError(op, `Expected a batch of ${d}D affine matrices of shape Nx${d}x${d + 1} for size ${fmtShape(size)}. Got ${fmtShape(theta.shape)}`);
  if (size.slice(2).some((s) => s <= 0)) throw rangeError(op, `Expected non-zero, positive output size. Got ${fmtShape(size)}`);
  const a = alignCorners ?? false;
  const out = noGrad(() => affineGridOf(theta, size, a));
  return record('nnAffineGrid', [theta], out, () => ({ size: size.slice(), alignCorners: a }));
});

/** AffineGridGeneratorBackward0's formula: dtheta[n] = (base^T grad[n])^T, as [N, d, d + 1]. */
export function affineGridBackward(g: Tensor, size: number[], alignCorners: boolean): Tensor {
  const N = size[0], d = size.length - 2;
  const base = affineBaseGrid(size, alignCorners, g.dtype);
  const gf = reshape(g, [N, base.shape[0], d]);
  return bmm(transpose(gf, 1, 2), expand(unsqueeze(base, 0), [N, base.shape[0], d + 1]));
}
