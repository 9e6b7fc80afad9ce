// Fractional max pooling with PyTorch's API (Graham, 2014): fractionalMaxPool2d / 3d. Each plane's pooling
// windows start at pseudo-random, increasing offsets drawn from its _randomSamples (one number in [0, 1) per
// spatial dim; ATen's generate_intervals), so the output size is any size up to input - kernel + 1.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { outData } from '../storage.js';
import { wrap, zeros, rand } from './creation.js';
import { longFrom } from './int64.js';
import { reshape } from './shape.js';
import { scatterAdd } from './scatter.js';

type Floats = Float32Array | Float64Array;
const prod = (a: number[]): number => a.reduce((x, y) => x * y, 1);

/**
 * ATen's generate_intervals: the window starts along one dim, computed in the input's precision (float32
 * rounding included, so the windows are PyTorch's for the same samples).
 */
function intervals(sample: number, inSize: number, outSize: number, pool: number, f32: boolean): number[] {
  const r = f32 ? Math.fround : (v: number): number => v;
  const seq = new Array<number>(outSize);
  if (outSize > 1) {
    const alpha = r(r(inSize - pool) / r(outSize - 1));
    for (let i = 0; i < outSize - 1; i++) seq[i] = Math.trunc(r(r(i + sample) * alpha)) - Math.trunc(r(sample * alpha));
  }
  if (outSize > 0) seq[outSize - 1] = inSize - pool;
  return seq;
}

function sizes(op: string, name: string, v: unknown, d: number): number[] {
  const a = typeof v === 'number' ? new Array<number>(d).fill(v) : v;
  if (!Array.isArray(a) || a.length !== d || !a.every((x) => Number.isInteger(x) && x > 0))
    throw typeError(op, `${name} must be a positive integer or a list of ${d}, got ${describe(v)}`);
  return a as number[];
}

/** Both forms (d = 2 or 3 spatial dims): [output, indices] with one FractionalMaxPool{2,3}DBackward0 node. */
function fractionalMaxPool(d: 2 | 3, input: Tensor, kernelSize: number | number[], outputSize: number | number[] | null | undefined,
  outputRatio: number | number[] | null | undefined, randomSamples: Tensor | null | undefined): [Tensor, Tensor] {
  const op = `fractionalMaxPool${d}d`;
  checkTensor(op, input, 'input');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype}`);
  if (input.ndim !== d + 1 && input.ndim !== d + 2) throw rangeError(op, `Expected ${d + 1}D or ${d + 2}D tensor, but got ${fmtShape(input.shape)}`);
  const k = sizes(op, 'kernelSize', kernelSize, d);
  const I = input.shape.slice(-d);
  let O: number[];
  if (outputSize !== null && outputSize !== undefined) O = sizes(op, 'outputSize', outputSize, d);
  else if (outputRatio !== null && outputRatio !== undefined) {
    const r = typeof outputRatio === 'number' ? new Array<number>(d).fill(outputRatio) : outputRatio;
    if (!Array.isArray(r) || r.length !== d || !r.every((x) => typeof x === 'number')) throw typeError(op, `outputRatio must be a number or a list of ${d}, got ${describe(outputRatio)}`);
    O = I.map((s, i) => Math.trunc(s * r[i]));
  } else throw typeError(op, `requires specifying either an outputSize or an outputRatio`);
  const names = d === 2 ? ['height', 'width'] : ['time', 'height', 'width'];
  // NOTE: ATen allows the last window to end at the input's edge in 2-D (<=) but not in 3-D (<)
  O.forEach((o, i) => {
    if (d === 2 ? o + k[i] - 1 > I[i] : o + k[i] - 1 >= I[i]) throw rangeError(op, `pool ${names[i]} ${k[i]} too large relative to input ${names[i]} ${I[i]} (output ${names[i]} ${o}, input of shape ${fmtShape(input.shape)})`);
  });
  const batched = input.ndim === d + 2;
  const N = batched ? input.shape[0] : 1, C = input.shape[batched ? 1 : 0];
  const samples = randomSamples ?? noGrad(() => rand([N, C, d], { dtype: input.dtype }));
  checkTensor(op, samples, '_randomSamples');
  if (samples.ndim !== 3 || samples.shape[0] !== N || samples.shape[1] < C || samples.shape[2] !== d)
    throw rangeError(op, `expected _randomSamples of shape [${N}, ${C}, ${d}] for input of shape ${fmtShape(input.shape)}, got ${fmtShape(samples.shape)}`);
  const sv = samples._data as ArrayLike<number>, x = input._data as Floats;
  const planes = N * C, nIn = prod(I), nOut = prod(O), f32 = input.dtype === 'float32';
  const out = outData(input.dtype, planes * nOut) as Floats, idx = new Float64Array(planes * nOut);
  const sC = samples.shape[1];
  for (let pl = 0; pl < planes; pl++) {
    const sBase = (Math.floor(pl / C) * sC + (pl % C)) * d;
    // ATen's order of samples: 2-D (w, h), 3-D (t, h, w)
    const starts = d === 2
      ? [intervals(sv[sBase + 1], I[0], O[0], k[0], f32), intervals(sv[sBase], I[1], O[1], k[1], f32)]
      : [0, 1, 2].map((a) => intervals(sv[sBase + a], I[a], O[a], k[a], f32));
    const base = pl * nIn;
    for (let o = 0; o < nOut; o++) {
      const oc: number[] = [];
      for (let a = d - 1, r = o; a >= 0; a--) { oc[a] = r % O[a]; r = Math.floor(r / O[a]); }
      const st = oc.map((c, a) => starts[a][c]);
      let best = -Infinity, bi = st.reduce((acc, s, a) => acc * I[a] + s, 0);
      const nk = prod(k);
      for (let t = 0; t < nk; t++) {
        let li = 0;
        for (let a = 0, r = t, div = nk; a < d; a++) { div /= k[a]; const off = Math.floor(r / div); r -= off * div; li = li * I[a] + st[a] + off; }
        const v = x[base + li];
        // NaN wins, as ATen's (val > maxVal) || isnan(val)
        if (v > best || Number.isNaN(v)) { best = v; bi = li; }
      }
      out[pl * nOut + o] = best;
      idx[pl * nOut + o] = bi;
    }
  }
  const outShape = [...input.shape.slice(0, input.ndim - d), ...O];
  const indices = longFrom(idx, outShape.slice());
  const y = record(d === 2 ? 'nnFractionalMaxPool2d' : 'nnFractionalMaxPool3d', [input], wrap(out, outShape, input.dtype), () => ({ shape: input.shape.slice(), indices, d }));
  return [y, indices];
}

/** FractionalMaxPool{2,3}DBackward0's formula: g added into zeros of the input's shape at the saved per-plane indices. */
export function fractionalMaxPoolBackward(g: Tensor, indices: Tensor, shape: number[], d: number): Tensor {
  const planes = prod(shape.slice(0, shape.length - d)), n = prod(shape.slice(-d));
  const m = indices.numel() / Math.max(planes, 1);
  return reshape(scatterAdd(zeros([planes, n], { dtype: g.dtype }), 1, reshape(indices, [planes, m]), reshape(g, [planes, m])), shape);
}

/**
 * Max pooling over pseudo-random windows of kernelSize whose starts step fractionally (output size or ratio).
 *
 * input [N, C, H, W] or [C, H, W]; outputSize (or outputRatio of the input size) sets the output's spatial size.
 * _randomSamples [N, C, 2] in [0, 1) fix the windows (default: drawn from the global generator); returns the
 * output, or [output, indices] (flat within each plane, int64) with returnIndices.
 *
 * @see torch.nn.functional.fractional_max_pool2d
 * @example
 * ```ts
 * const x = tg.arange(25).reshape([1, 1, 5, 5])
 * const s = tg.tensor([[[0.5, 0.5]]])
 * tg.nn.functional.fractionalMaxPool2d(x, 2, { outputSize: 2, _randomSamples: s })
 * // tensor([[[[ 6.,  9.],
 * //           [21., 24.]]]])
 * ```
 */
export const fractionalMaxPool2d = kw(signature('nn.functional.fractionalMaxPool2d', 'input, kernelSize, outputSize, outputRatio, returnIndices, _randomSamples'), function fractionalMaxPool2d(
  input: Tensor, kernelSize: number | number[], outputSize?: number | number[] | null, outputRatio?: number | number[] | null, returnIndices = false,
  _randomSamples?: Tensor | null): Tensor | [Tensor, Tensor] {
  const r = fractionalMaxPool(2, input, kernelSize, outputSize, outputRatio, _randomSamples);
  return returnIndices ? r : r[0];
});

/**
 * Volumetric fractional max pooling: fractionalMaxPool2d over [N, C, T, H, W] (samples [N, C, 3]).
 *
 * @see torch.nn.functional.fractional_max_pool3d
 * @example
 * ```ts
 * const x = tg.arange(27).reshape([1, 1, 3, 3, 3])
 * tg.nn.functional.fractionalMaxPool3d(x, 2, { outputSize: 1, _randomSamples: tg.tensor([[[0.3, 0.3, 0.3]]]) })
 * // tensor([[[[[26.]]]]])
 * ```
 */
export const fractionalMaxPool3d = kw(signature('nn.functional.fractionalMaxPool3d', 'input, kernelSize, outputSize, outputRatio, returnIndices, _randomSamples'), function fractionalMaxPool3d(
  input: Tensor, kernelSize: number | number[], outputSize?: number | number[] | null, outputRatio?: number | number[] | null, returnIndices = false,
  _randomSamples?: Tensor | null): Tensor | [Tensor, Tensor] {
  const r = fractionalMaxPool(3, input, kernelSize, outputSize, outputRatio, _randomSamples);
  return returnIndices ? r : r[0];
});
