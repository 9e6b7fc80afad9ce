// Convolutions with PyTorch 1.13's semantics: conv1d/2d/3d and convTranspose1d/2d/3d (one
// ConvolutionBackward0 node each: row `conv` in lib/autograd/derivatives_conv.ts) and unfold/fold (F.unfold,
// F.fold: Im2ColBackward0 / Col2ImBackward0). The work runs in native/cpu/conv_kernels.cc: direct kernels that
// read the input in place where they are faster (native/cpu/conv_direct.h, Note [Direct convolution]), else
// im2col per image feeding the packed GEMM (Note [Conv scratch]).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { native } from '../native.js';
import { wrap, zeros } from './creation.js';
import * as S from './shape.js';
import * as R from './reduce.js';
import * as E from './elementwise.js';
import { matmul } from './linalg.js';
import { pad as padOp } from './padding.js';

/**
 * Note [Conv geometry]: every convolution is described as the forward convolution it is, or whose input grad it
 * is (a transposed convolution): `big` is that convolution's input [N, C, in], `small` its output
 * [N, Cout, out], weight [Cout, C / groups, k]. Spatial lists have 3 entries (1-d and 2-d padded with leading
 * 1s) when handed to the native kernels.
 */
export interface ConvGeo {
  N: number;
  C: number;
  Cout: number;
  groups: number;
  nsp: number;
  inSize: number[];
  k: number[];
  outSize: number[];
  stride: number[];
  pad: number[];
  dil: number[];
}

const three = (a: number[], fill: number): number[] => [...Array(3 - a.length).fill(fill), ...a];

/** The native kernels' geometry array (lib/native.ts convForward). */
export function geomArray(g: ConvGeo): number[] {
  return [g.N, g.C, g.Cout, g.groups, ...three(g.inSize, 1), ...three(g.k, 1), ...three(g.outSize, 1), ...three(g.stride, 1), ...three(g.pad, 0), ...three(g.dil, 1)];
}

/** An int or a list of nsp ints (stride, padding, dilation, kernel size), PyTorch's message otherwise. */
function tupleArg(op: string, name: string, v: unknown, nsp: number, min: number): number[] {
  const list = typeof v === 'number' ? Array(nsp).fill(v) : v;
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'number' && Number.isInteger(x)))
    throw typeError(op, `expected ${name} to be an integer or a list of ${nsp} integers, got ${describe(v)}`);
  if (list.length !== nsp)
    throw rangeError(op, `expected ${name} to be a single integer value or a list of ${nsp} values to match the convolution dimensions, but got ${name}=${fmtShape(list)}`);
  if (list.some((x) => x < min)) {
    if (name === 'padding' || name === 'output_padding') throw rangeError(op, `negative ${name} is not supported, got ${name}=${fmtShape(list)}`);
    throw rangeError(op, `non-positive ${name} is not supported, got ${name}=${fmtShape(list)}`);
  }
  return list as number[];
}

function checkFloat(op: string, input: Tensor, weight: Tensor, bias: Tensor | null): void {
  checkTensor(op, input, 'input');
  checkTensor(op, weight, 'weight');
  if (bias !== null) checkTensor(op, bias, 'bias');
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point input, got ${input.dtype}`);
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const)
    if (t !== null && t.dtype !== input.dtype)
      throw typeError(op, `expected ${name} to have the input's dtype ${input.dtype} (input ${fmtShape(input.shape)}), got ${t.dtype} (${name} ${fmtShape(t.shape)})`);
}

/** input.ndim must be nsp + 2 (batched) or nsp + 1 (unbatched); the weight nsp + 2. Returns whether batched. */
function checkRanks(op: string, nsp: number, input: Tensor, weight: Tensor): boolean {
  if (input.ndim !== nsp + 1 && input.ndim !== nsp + 2)
    throw rangeError(op, `Expected ${nsp + 1}D (unbatched) or ${nsp + 2}D (batched) input to ${op}, but got input of size: ${fmtShape(input.shape)} (weight of size ${fmtShape(weight.shape)})`);
  if (weight.ndim !== nsp + 2)
    throw rangeError(op, `expected a ${nsp + 2}-D weight for input of size ${fmtShape(input.shape)}, but got weight of size ${fmtShape(weight.shape)}`);
  return input.ndim === nsp + 2;
}

function checkBias(op: string, weight: Tensor, bias: Tensor | null, channels: number): void {
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== channels))
    throw rangeError(op, `Given weight of size ${fmtShape(weight.shape)}, expected bias to be 1-dimensional with ${channels} elements, but got bias of size ${fmtShape(bias.shape)} instead`);
}

const spatialStr = (a: number[]): string => `(${a.join(' x ')})`;

/**
 * The inference epilogue native.convForward applies to its output (Note [Conv epilogue], native/cpu/conv_direct.h):
 * a (y - mean) + b per output channel when `a` is given (an eval batch norm's), then the ReLU when `relu`.
 * @internal
 */
export interface ConvPost {
  mean: Float64Array | null;
  a: Float64Array | null;
  b: Float64Array | null;
  relu: boolean;
}

/** Batched forward convolution with symmetric padding (validated), one ConvolutionBackward0 node. */
function convCore(op: string, nsp: number, x: Tensor, w: Tensor, b: Tensor | null, stride: number[], pad: number[], dil: number[], groups: number, post?: ConvPost): Tensor {
  const [N, C] = x.shape, Cout = w.shape[0];
  if (Cout % groups !== 0)
    throw rangeError(op, `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size ${fmtShape(w.shape)} instead (input of size ${fmtShape(x.shape)})`);
  if (w.shape[1] * groups !== C)
    throw rangeError(op, `Given groups=${groups}, weight of size ${fmtShape(w.shape)}, expected input${fmtShape(x.shape)} to have ${w.shape[1] * groups} channels, but got ${C} channels instead`);
  checkBias(op, w, b, Cout);
  const inSize = x.shape.slice(2), k = w.shape.slice(2);
  const padded = inSize.map((v, i) => v + 2 * pad[i]), eff = k.map((v, i) => dil[i] * (v - 1) + 1);
  if (padded.some((v, i) => v < eff[i]))
    throw rangeError(op, `Calculated padded input size per channel: ${spatialStr(padded)}. Kernel size: ${spatialStr(eff)}. Kernel size can't be greater than actual input size (input ${fmtShape(x.shape)}, weight ${fmtShape(w.shape)})`);
  const outSize = padded.map((v, i) => Math.floor((v - eff[i]) / stride[i]) + 1);
  return convFromGeo(x, w, b, { N, C, Cout, groups, nsp, inSize, k, outSize, stride, pad, dil }, post);
}

/** The forward convolution geo describes (sizes explicit: a transposed convolution's grad keeps its own). */
function convFromGeo(x: Tensor, w: Tensor, b: Tensor | null, geo: ConvGeo, post?: ConvPost): Tensor {
  const bd = b === null ? null : b._data, ga = geomArray(geo);
  const data = post === undefined ? native.convForward(x._data, w._data, bd, ga) : native.convForward(x._data, w._data, bd, ga, post.mean, post.a, post.b, post.relu);
  const out = wrap(data, [geo.N, geo.Cout, ...geo.outSize], x.dtype);
  if (post !== undefined) return out; // inference only: the caller made sure nothing records (lib/nn/conv_fuse.ts)
  return record('conv', [x, w, b], out, () => ({ input: x, weight: w, geo, transposed: false }));
}

/** Batched transposed convolution (validated): the input grad of the convolution geo describes, plus bias. */
function convTransposeCore(x: Tensor, w: Tensor, b: Tensor | null, geo: ConvGeo): Tensor {
  const data = native.convBackward(null, w._data, x._data, geomArray(geo), true, false, false)[0]!;
  let out = wrap(data, [geo.N, geo.C, ...geo.inSize], x.dtype);
  if (b !== null) out = noGrad(() => E.add(out, S.reshape(b, [geo.C, ...geo.inSize.map(() => 1)])));
  return record('conv', [x, w, b], out, () => ({ input: x, weight: w, geo, transposed: true }));
}

/** 'same' / 'valid' / ints: the symmetric padding, and for 'same' with an odd total the extra right padding. */
function paddingArg(op: string, padding: unknown, nsp: number, stride: number[], dil: number[], k: number[]): [number[], number[] | null] {
  if (padding === 'valid') return [Array(nsp).fill(0), null];
  if (padding === 'same') {
    if (stride.some((s) => s !== 1)) throw rangeError(op, `padding='same' is not supported for strided convolutions (stride=${fmtShape(stride)})`);
    const total = k.map((v, i) => dil[i] * (v - 1));
    const extra = total.map((t) => t % 2);
    return [total.map((t) => Math.floor(t / 2)), extra.some((e) => e !== 0) ? extra : null];
  }
  if (typeof padding === 'string') throw rangeError(op, `Invalid padding string '${padding}', should be one of ['valid', 'same']`);
  return [tupleArg(op, 'padding', padding, nsp, 0), null];
}

function convolution(op: string, nsp: number, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, stride: unknown, padding: unknown, dilation: unknown, groups: unknown, post?: ConvPost): Tensor {
  const b = bias ?? null;
  checkFloat(op, input, weight, b);
  const batched = checkRanks(op, nsp, input, weight);
  if (typeof groups !== 'number' || !Number.isInteger(groups) || groups < 1) throw rangeError(op, `non-positive groups is not supported, got ${describe(groups)}`);
  const st = tupleArg(op, 'stride', stride, nsp, 1), dil = tupleArg(op, 'dilation', dilation, nsp, 1);
  let x = batched ? input : S.unsqueeze(input, 0);
  const [pad, extra] = paddingArg(op, padding, nsp, st, dil, weight.shape.slice(2));
  // 'same' with an odd total padding: PyTorch pads the extra element on the right first (F.pad, constant 0).
  if (extra !== null) x = padOp(x, extra.slice().reverse().flatMap((e) => [0, e]));
  const out = convCore(op, nsp, x, weight, b, st, pad, dil, groups, post);
  return batched ? out : S.squeeze(out, 0);
}

/** The transposed convolution's checks and geometry (output size (in - 1) s - 2 p + d (k - 1) + outputPadding + 1). */
function transposed(op: string, nsp: number, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, stride: unknown, padding: unknown, outputPadding: unknown, groups: unknown, dilation: unknown): Tensor {
  const b = bias ?? null;
  checkFloat(op, input, weight, b);
  const batched = checkRanks(op, nsp, input, weight);
  if (typeof groups !== 'number' || !Number.isInteger(groups) || groups < 1) throw rangeError(op, `non-positive groups is not supported, got ${describe(groups)}`);
  const st = tupleArg(op, 'stride', stride, nsp, 1), dil = tupleArg(op, 'dilation', dilation, nsp, 1);
  const pad = tupleArg(op, 'padding', padding, nsp, 0), op_ = tupleArg(op, 'output_padding', outputPadding, nsp, 0);
  if (op_.some((p, i) => p >= st[i] && p >= dil[i]))
    throw rangeError(op, `output padding must be smaller than either stride or dilation, but got output_padding=${fmtShape(op_)}, stride=${fmtShape(st)}, dilation=${fmtShape(dil)}`);
  const x = batched ? input : S.unsqueeze(input, 0);
  const [N, Cin] = x.shape;
  if (weight.shape[0] !== Cin)
    throw rangeError(op, `Given transposed=1, weight of size ${fmtShape(weight.shape)}, expected input${fmtShape(x.shape)} to have ${weight.shape[0]} channels, but got ${Cin} channels instead`);
  if (Cin % groups !== 0)
    throw rangeError(op, `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size ${fmtShape(weight.shape)} instead (input of size ${fmtShape(x.shape)})`);
  const C = weight.shape[1] * groups;
  checkBias(op, weight, b, C);
  const k = weight.shape.slice(2), small = x.shape.slice(2);
  const big = small.map((v, i) => (v - 1) * st[i] - 2 * pad[i] + dil[i] * (k[i] - 1) + op_[i] + 1);
  if (big.some((v) => v <= 0))
    throw rangeError(op, `Given input size per channel: ${spatialStr(small)}, calculated output size per channel: ${spatialStr(big)}. Output size is too small (input ${fmtShape(x.shape)}, weight ${fmtShape(weight.shape)})`);
  const geo: ConvGeo = { N, C, Cout: Cin, groups, nsp, inSize: big, k, outSize: small, stride: st, pad, dil };
  const out = convTransposeCore(x, weight, b, geo);
  return batched ? out : S.squeeze(out, 0);
}

/**
 * conv1d/2d/3d (the same checks and errors) whose output gets the inference epilogue `post`, recording nothing:
 * for callers that have checked no grad or tangent is wanted (lib/nn/conv_fuse.ts). @internal
 */
export function convWithEpilogue(nsp: number, input: Tensor, weight: Tensor, bias: Tensor | null, stride: unknown, padding: unknown, dilation: unknown, groups: unknown, post: ConvPost): Tensor {
  return convolution(`conv${nsp}d`, nsp, input, weight, bias, stride, padding, dilation, groups, post);
}

const convSig = (n: number) => signature(`nn.functional.conv${n}d`, 'input, weight, bias, stride, padding, dilation, groups');
const convTSig = (n: number) => signature(`nn.functional.convTranspose${n}d`, 'input, weight, bias, stride, padding, outputPadding, groups, dilation');
type Pad = number | number[] | 'same' | 'valid';

/**
 * 1-D convolution (cross-correlation) of [N, C, L] input.
 *
 * 1-d convolution of input [N, C, L] (or unbatched [C, L]) with weight [Cout, C / groups, k] (+ bias [Cout]);
 * padding an int, a list, 'same' or 'valid'. One ConvolutionBackward0 node.
 *
 * @see torch.nn.functional.conv1d
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 2, 3, 4]]])
 * tg.nn.functional.conv1d(x, tg.tensor([[[1, -1]]])) // tensor([[[-1., -1., -1.]]])
 * ```
 */
export const conv1d = kw(convSig(1), function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride: number | number[] = 1, padding: Pad = 0, dilation: number | number[] = 1, groups = 1): Tensor {
  return convolution('conv1d', 1, input, weight, bias, stride, padding, dilation, groups);
});

/**
 * 2-D convolution (cross-correlation) of [N, C, H, W] input; stride, padding ('same'), dilation, groups.
 *
 * 2-d convolution of input [N, C, H, W] (or unbatched [C, H, W]) with weight [Cout, C / groups, kh, kw]
 * (+ bias [Cout]). One ConvolutionBackward0 node.
 *
 * @see torch.nn.functional.conv2d
 * @example
 * ```ts
 * const x = tg.ones(1, 1, 3, 3)
 * tg.nn.functional.conv2d(x, tg.ones(1, 1, 2, 2), null, { padding: 0 })
 * // tensor([[[[4., 4.],
 * //           [4., 4.]]]])
 * ```
 */
export const conv2d = kw(convSig(2), function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride: number | number[] = 1, padding: Pad = 0, dilation: number | number[] = 1, groups = 1): Tensor {
  return convolution('conv2d', 2, input, weight, bias, stride, padding, dilation, groups);
});

/**
 * 3-D convolution of [N, C, D, H, W] input.
 *
 * 3-d convolution of input [N, C, D, H, W] (or unbatched) with weight [Cout, C / groups, kd, kh, kw].
 *
 * @see torch.nn.functional.conv3d
 * @example
 * ```ts
 * const x = tg.ones(1, 1, 2, 2, 2)
 * tg.nn.functional.conv3d(x, tg.ones(1, 1, 2, 2, 2)) // tensor([[[[[8.]]]]])
 * ```
 */
export const conv3d = kw(convSig(3), function conv3d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride: number | number[] = 1, padding: Pad = 0, dilation: number | number[] = 1, groups = 1): Tensor {
  return convolution('conv3d', 3, input, weight, bias, stride, padding, dilation, groups);
});

/**
 * Transposed 1-D convolution (the gradient of conv1d).
 *
 * 1-d transposed convolution of input [N, Cin, L] with weight [Cin, Cout / groups, k].
 *
 * @see torch.nn.functional.conv_transpose1d
 * @example
 * ```ts
 * const x = tg.tensor([[[1, 2]]])
 * tg.nn.functional.convTranspose1d(x, tg.tensor([[[1, 1]]])) // tensor([[[1., 3., 2.]]])
 * ```
 */
export const convTranspose1d = kw(convTSig(1), function convTranspose1d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride: number | number[] = 1, padding: number | number[] = 0, outputPadding: number | number[] = 0, groups = 1, dilation: number | number[] = 1): Tensor {
  return transposed('convTranspose1d', 1, input, weight, bias, stride, padding, outputPadding, groups, dilation);
});

/**
 * Transposed 2-D convolution (the gradient of conv2d).
 *
 * 2-d transposed convolution of input [N, Cin, H, W] with weight [Cin, Cout / groups, kh, kw].
 *
 * @see torch.nn.functional.conv_transpose2d
 * @example
 * ```ts
 * const x = tg.ones(1, 1, 2, 2)
 * tg.nn.functional.convTranspose2d(x, tg.ones(1, 1, 2, 2))
 * // tensor([[[[1., 2., 1.],
 * //           [2., 4., 2.],
 * //           [1., 2., 1.]]]])
 * ```
 */
export const convTranspose2d = kw(convTSig(2), function convTranspose2d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride: number | number[] = 1, padding: number | number[] = 0, outputPadding: number | number[] = 0, groups = 1, dilation: number | number[] = 1): Tensor {
  return transposed('convTranspose2d', 2, input, weight, bias, stride, padding, outputPadding, groups, dilation);
});

/**
 * Transposed 3-D convolution.
 *
 * 3-d transposed convolution of input [N, Cin, D, H, W] with weight [Cin, Cout / groups, kd, kh, kw].
 *
 * @see torch.nn.functional.conv_transpose3d
 * @example
 * ```ts
 * const x = tg.ones(1, 1, 1, 1, 1)
 * tg.nn.functional.convTranspose3d(x, tg.ones(1, 1, 2, 2, 2)).shape // => [1, 1, 2, 2, 2]
 * ```
 */
export const convTranspose3d = kw(convTSig(3), function convTranspose3d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride: number | number[] = 1, padding: number | number[] = 0, outputPadding: number | number[] = 0, groups = 1, dilation: number | number[] = 1): Tensor {
  return transposed('convTranspose3d', 3, input, weight, bias, stride, padding, outputPadding, groups, dilation);
});

// ---- backward (rows in lib/autograd/derivatives_conv.ts) --------------------------------------------------

export interface ConvSaved {
  input: Tensor;
  weight: Tensor;
  geo: ConvGeo;
  transposed: boolean;
}

const channelDims = (nsp: number): number[] => [0, ...Array.from({ length: nsp }, (_, i) => i + 2)];

/** ConvolutionBackward0 without a graph: the native kernels (needs: input, weight, bias). */
export function convBackwardFused(g: Tensor, s: ConvSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const { geo, weight: w, input: x } = s;
  const ga = geomArray(geo);
  const wrapW = (d: unknown) => (d === null ? null : wrap(d as Float32Array, w.shape.slice(), w.dtype));
  if (!s.transposed) {
    const [gx, gw, gb] = native.convBackward(needs[1] ? x._data : null, w._data, g._data, ga, needs[0], needs[1], needs[2]);
    return [gx === null ? null : wrap(gx, x.shape.slice(), x.dtype), wrapW(gw), gb === null ? null : wrap(gb, [geo.Cout], w.dtype)];
  }
  // Transposed: x is the small side, g the big one.
  const gx = needs[0] ? wrap(native.convForward(g._data, w._data, null, ga), x.shape.slice(), x.dtype) : null;
  const gw = needs[1] ? wrapW(native.convBackward(g._data, w._data, x._data, ga, false, true, false)[1]) : null;
  const gb = needs[2] ? noGrad(() => R.sum(g, channelDims(geo.nsp))) : null;
  return [gx, gw, gb];
}

/** The weight grad sum_n small[n] im2col(big[n])^T per group, from differentiable ops (double backward). */
function weightGrad(big: Tensor, small: Tensor, w: Tensor, geo: ConvGeo): Tensor {
  const G = geo.groups, L = geo.outSize.reduce((a, c) => a * c, 1), K = (geo.C / G) * geo.k.reduce((a, c) => a * c, 1);
  const col = S.reshape(im2colOp(big, geo), [geo.N, G, K, L]);
  const gy = S.reshape(small, [geo.N, G, geo.Cout / G, L]);
  return S.reshape(R.sum(matmul(gy, S.transpose(col, 2, 3)), [0]), w.shape.slice());
}

/** ConvolutionBackward0's grads from differentiable ops (createGraph): convolutions and im2col + matmul. */
export function convBackward(g: Tensor, s: ConvSaved, i: number): Tensor | null {
  const { geo, weight: w, input: x } = s;
  if (i === 2) return R.sum(g, channelDims(geo.nsp));
  if (!s.transposed) {
    if (i === 0) return convTransposeCore(g, w, null, geo);
    return weightGrad(x, g, w, geo);
  }
  // geo's own sizes: recomputing them from g would be off when outputPadding >= stride (allowed below dilation)
  if (i === 0) return convFromGeo(g, w, null, geo);
  return weightGrad(g, x, w, geo);
}

/**
 * The tangent of a convolution (forward-mode AD): linear in each input, so the convolution of the input's
 * tangent with the weight, plus the input with the weight's tangent, plus the bias's tangent. @internal
 */
export function convTangent(t: readonly (Tensor | null)[], s: ConvSaved): Tensor {
  const { geo, weight: w, input: x } = s;
  const conv = (a: Tensor, k: Tensor, b: Tensor | null) => (s.transposed ? convTransposeCore(a, k, b, geo) : convFromGeo(a, k, b, geo));
  let out: Tensor | null = t[0] ? conv(t[0], w, t[2]) : null;
  if (t[1]) out = out === null ? conv(x, t[1], t[2]) : E.add(out, conv(x, t[1], null));
  if (out === null) {
    const shape = s.transposed ? [geo.N, geo.C, ...geo.inSize] : [geo.N, geo.Cout, ...geo.outSize];
    out = E.add(zeros(shape, { dtype: x.dtype }), S.reshape(t[2] as Tensor, [shape[1], ...geo.inSize.map(() => 1)]));
  }
  return out;
}

// ---- unfold / fold: im2col and col2im as ops --------------------------------------------------------------

/** im2col of x [N, C, in] (or unbatched [C, in]) to [N, C * kvol, L] (Im2ColBackward0; its grad is col2im). */
export function im2colOp(x: Tensor, geo: ConvGeo, unbatched = false): Tensor {
  const rows = geo.C * geo.k.reduce((a, c) => a * c, 1), L = geo.outSize.reduce((a, c) => a * c, 1);
  const shape = unbatched ? [rows, L] : [geo.N, rows, L];
  const out = wrap(native.im2col(x._data, geomArray(geo)), shape, x.dtype);
  return record('im2col', [x], out, () => ({ geo, unbatched }));
}

/** col2im of col [N, C * kvol, L] (or unbatched) to [N, C, in] (Col2ImBackward0; its grad is im2col). */
export function col2imOp(col: Tensor, geo: ConvGeo, unbatched = false): Tensor {
  const shape = unbatched ? [geo.C, ...geo.inSize] : [geo.N, geo.C, ...geo.inSize];
  const out = wrap(native.col2im(col._data, geomArray(geo)), shape, col.dtype);
  return record('col2im', [col], out, () => ({ geo, unbatched }));
}

/**
 * Extracts sliding blocks of [N, C, H, W] into columns (im2col).
 *
 * Sliding blocks of a [N, C, H, W] (or [C, H, W]) input: [N, C * kh * kw, L].
 *
 * @see torch.nn.functional.unfold
 * @example
 * ```ts
 * const x = tg.tensor([[[[1, 2], [3, 4]]]])
 * tg.nn.functional.unfold(x, 1) // tensor([[[1., 2., 3., 4.]]])
 * ```
 */
export const unfold = kw(signature('nn.functional.unfold', 'input, kernelSize, dilation, padding, stride'), function unfold(
  input: Tensor, kernelSize: number | number[], dilation: number | number[] = 1, padding: number | number[] = 0, stride: number | number[] = 1): Tensor {
  const op = 'unfold';
  checkTensor(op, input, 'input');
  if (input.ndim !== 3 && input.ndim !== 4)
    throw rangeError(op, `Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size ${fmtShape(input.shape)}`);
  const k = tupleArg(op, 'kernel_size', kernelSize, 2, 1), dil = tupleArg(op, 'dilation', dilation, 2, 1);
  const pad = tupleArg(op, 'padding', padding, 2, 0), st = tupleArg(op, 'stride', stride, 2, 1);
  const x = input.ndim === 4 ? input : S.unsqueeze(input, 0);
  const inSize = x.shape.slice(2);
  const unbatched = input.ndim === 3;
  const outSize = inSize.map((v, i) => Math.floor((v + 2 * pad[i] - dil[i] * (k[i] - 1) - 1) / st[i]) + 1);
  if (outSize.some((v) => v < 1))
    throw rangeError(op, `Given input with spatial size ${fmtShape(inSize)}, kernel_size=${fmtShape(k)}, dilation=${fmtShape(dil)}, padding=${fmtShape(pad)}, calculated shape of the array of sliding blocks as ${fmtShape(outSize)}, but its components must be at least one.`);
  // PyTorch's im2col takes the unbatched input as it is (one Im2ColBackward0 node, no unsqueeze/squeeze).
  return im2colOp(input, { N: x.shape[0], C: x.shape[1], Cout: x.shape[1], groups: 1, nsp: 2, inSize, k, outSize, stride: st, pad, dil }, unbatched);
});

/**
 * Sums columns of blocks back into [N, C, H, W] (col2im, the inverse of unfold).
 *
 * Sums sliding blocks [N, C * kh * kw, L] (or unbatched) back into [N, C, outputSize].
 *
 * @see torch.nn.functional.fold
 * @example
 * ```ts
 * const cols = tg.tensor([[[1, 2, 3, 4]]])
 * tg.nn.functional.fold(cols, [2, 2], 1)
 * // tensor([[[[1., 2.],
 * //           [3., 4.]]]])
 * ```
 */
export const fold = kw(signature('nn.functional.fold', 'input, outputSize, kernelSize, dilation, padding, stride'), function fold(
  input: Tensor, outputSize: number | number[], kernelSize: number | number[], dilation: number | number[] = 1, padding: number | number[] = 0, stride: number | number[] = 1): Tensor {
  const op = 'fold';
  checkTensor(op, input, 'input');
  if (input.ndim !== 2 && input.ndim !== 3)
    throw rangeError(op, `Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got input of size ${fmtShape(input.shape)}`);
  const size = tupleArg(op, 'output_size', outputSize, 2, 1), k = tupleArg(op, 'kernel_size', kernelSize, 2, 1);
  const dil = tupleArg(op, 'dilation', dilation, 2, 1), pad = tupleArg(op, 'padding', padding, 2, 0), st = tupleArg(op, 'stride', stride, 2, 1);
  const x = input.ndim === 3 ? input : S.unsqueeze(input, 0);
  const kv = k[0] * k[1];
  if (x.shape[1] % kv !== 0)
    throw rangeError(op, `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${x.shape[1]} and kernel_size=${fmtShape(k)} (input ${fmtShape(input.shape)})`);
  const blocks = size.map((v, i) => Math.floor((v + 2 * pad[i] - dil[i] * (k[i] - 1) - 1) / st[i]) + 1);
  if (blocks.some((v) => v < 1) || blocks[0] * blocks[1] !== x.shape[2])
    throw rangeError(op, `Given output_size=${fmtShape(size)}, kernel_size=${fmtShape(k)}, dilation=${fmtShape(dil)}, padding=${fmtShape(pad)}, stride=${fmtShape(st)}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${blocks.join(' * ')} = ${blocks[0] * blocks[1]}, but got input.size(2)=${x.shape[2]} (input ${fmtShape(input.shape)}).`);
  const C = x.shape[1] / kv;
  return col2imOp(input, { N: x.shape[0], C, Cout: C, groups: 1, nsp: 2, inSize: size, k, outSize: blocks, stride: st, pad, dil }, input.ndim === 2);
});
