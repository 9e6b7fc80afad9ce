// torch.* names of session 8 (issues 15, 16): the default dtype (Note [Default dtype] in lib/dtype.ts) and
// the torch.* spellings that remained over existing ops. Exported by lib/api.ts as api.torchNames.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape, underName } from '../errors.js';
import { defaultFloat, setDefaultFloat, isFloat, type DType } from '../dtype.js';
import { Storage } from '../storage.js';
import * as C from './creation.js';
import * as S from './shape.js';
import * as E from './elementwise.js';
import * as CV from './conv.js';
import * as WN from './weight_norm.js';
import { eighRaw } from './linalg_qr_eig.js';
import { vectorNorm } from './linalg_norms.js';
import { indexSelect } from './gather.js';
import { renorm } from './embedding.js';
import { gridSample, affineGrid } from './grid_sampler.js';
import { copy_ } from './inplace.js';
import * as EB from './embedding_bag.js';
import { namedTuple } from './return_types.js';
import { indexAdd } from './gather.js';
import { flip } from './structure.js';
import { sum } from './reduce.js';
import { mm } from './linalg.js';
import { memoryOrder, stridesInOrder, wrapStrided } from './layout.js';
import { noGrad, record } from '../autograd/record.js';

/** The legacy tensor type names set_default_tensor_type takes, with their dtypes (non-float ones throw). */
const TENSOR_TYPES: Readonly<Record<string, DType>> = {
  'torch.FloatTensor': 'float32', 'torch.DoubleTensor': 'float64', 'torch.HalfTensor': 'float16', 'torch.BFloat16Tensor': 'bfloat16',
  'torch.LongTensor': 'int64', 'torch.IntTensor': 'int32', 'torch.ShortTensor': 'int16', 'torch.CharTensor': 'int8',
  'torch.ByteTensor': 'uint8', 'torch.BoolTensor': 'bool',
};

function setDefault(op: string, d: DType): void {
  // PyTorch 1.13 takes float16 and bfloat16 too, but then every factory and promotion computes in a half type;
  // tensorgrad's kernels compute those in float32, so only the two native float dtypes are accepted.
  if (d !== 'float32' && d !== 'float64') throw typeError(op, `only floating-point types are supported as the default type (float32 or float64), got ${describe(d)}`);
  setDefaultFloat(d);
}

/**
 * Sets the default floating point dtype: the dtype of factories without a dtype (zeros, rand, tensor(1.5), ...),
 * of float results of integer tensors (true division, sqrt, int * 1.5) and of nn layers' parameters.
 *
 * Process-wide, as in PyTorch; only float32 (the initial default) and float64 are accepted.
 *
 * @see torch.set_default_dtype
 * @example
 * ```ts
 * tg.setDefaultDtype('float64')
 * tg.zeros([2]).dtype // => 'float64'
 * tg.setDefaultDtype('float32')
 * ```
 */
export function setDefaultDtype(d: DType): void {
  setDefault('setDefaultDtype', d);
}

/**
 * The default floating point dtype: 'float32' unless setDefaultDtype or setDefaultTensorType changed it.
 *
 * @see torch.get_default_dtype
 * @example
 * ```ts
 * tg.getDefaultDtype() // => 'float32'
 * ```
 */
export function getDefaultDtype(): 'float32' | 'float64' {
  return defaultFloat();
}

/**
 * Sets the default dtype from a legacy tensor type name: 'torch.FloatTensor' (float32) or 'torch.DoubleTensor'
 * (float64); a dtype name is accepted too. Integer types throw, as in PyTorch.
 *
 * @see torch.set_default_tensor_type
 * @example
 * ```ts
 * tg.setDefaultTensorType('torch.DoubleTensor')
 * tg.getDefaultDtype() // => 'float64'
 * tg.setDefaultTensorType('torch.FloatTensor')
 * ```
 */
export function setDefaultTensorType(t: string): void {
  const op = 'setDefaultTensorType';
  if (typeof t !== 'string') throw typeError(op, `expected a tensor type name such as 'torch.DoubleTensor', got ${describe(t)}`);
  const d = TENSOR_TYPES[t] ?? (t === 'float32' || t === 'float64' ? t : undefined);
  if (d === undefined) throw typeError(op, `invalid type: ${describe(t)} (expected 'torch.FloatTensor' or 'torch.DoubleTensor')`);
  setDefault(op, d);
}

/**
 * Initializes the kernels' thread pool: tensorgrad's native pool starts with the addon, so this does nothing.
 *
 * @see torch.init_num_threads
 * @example
 * ```ts
 * tg.initNumThreads()
 * tg.getNumThreads() > 0 // => true
 * ```
 */
export function initNumThreads(): void {
  // the pool is created when the addon loads (native/binding), as ATen's is on first use
}

/**
 * Whether `obj` is a storage object. tensorgrad exposes no storage objects (tensors own their storage), so
 * this is false for every value a program can pass, tensors included, as torch.is_storage(tensor) is.
 *
 * @see torch.is_storage
 * @example
 * ```ts
 * tg.isStorage(tg.zeros([2])) // => false
 * ```
 */
export function isStorage(obj: unknown): boolean {
  return obj instanceof Storage;
}

// ---- torch.* spellings over existing ops ----------------------------------------------------------------------

/** The eigendecomposition torch.symeig returns: eigenvalues ascending, eigenvectors (empty unless asked for). */
export interface Symeig { eigenvalues: Tensor; eigenvectors: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }

/**
 * Eigenvalues (and with `eigenvectors` the eigenvectors) of a symmetric matrix or batch of them, from the
 * lower triangle (`upper` false, the default) or the upper one: PyTorch's deprecated torch.symeig over
 * linalg.eigh. The eigenvectors are an empty tensor unless asked for, as PyTorch's. No deprecation warning.
 *
 * @see torch.symeig
 * @example
 * ```ts
 * tg.symeig(tg.tensor([[2, 0], [0, 1]])).eigenvalues.tolist() // => [1, 2]
 * ```
 */
export function symeig(input: Tensor, eigenvectors = false, upper = false): Symeig {
  const op = 'symeig';
  checkTensor(op, input, 'input');
  if (typeof eigenvectors !== 'boolean' || typeof upper !== 'boolean') throw typeError(op, `eigenvectors and upper must be booleans, got ${describe(eigenvectors)} and ${describe(upper)}`);
  // its own node, SymeigBackward0, on both outputs (the empty eigenvectors too, as PyTorch's)
  const { L: w, V } = eighRaw(op, input, upper ? 'U' : 'L');
  const v = eigenvectors ? V : C.empty([0], { dtype: input.dtype });
  record('symeig', [input], [w, v], () => ({ L: w, V, eigenvectors }));
  return namedTuple<Symeig>('symeig', ['eigenvalues', 'eigenvectors'], [w, v]);
}

/**
 * The p-norm distance between every pair of rows of a 2-D input [N, M]: the upper triangle of cdist(x, x)
 * row by row, N (N - 1) / 2 values.
 *
 * @see torch.pdist
 * @example
 * ```ts
 * tg.pdist(tg.tensor([[0, 0], [3, 4], [6, 8]])).tolist() // => [5, 10, 5]
 * ```
 */
export function pdist(input: Tensor, p = 2): Tensor {
  const op = 'pdist';
  checkTensor(op, input, 'input');
  if (input.ndim !== 2) throw rangeError(op, `pdist only supports 2D tensors, got: ${input.ndim}D (shape ${fmtShape(input.shape)})`);
  if (!isFloat(input.dtype)) throw typeError(op, `pdist only supports floating-point dtypes, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
  if (typeof p !== 'number' || !(p >= 0)) throw rangeError(op, `pdist only supports non-negative p values, got ${describe(p)}`);
  const out = noGrad(() => {
    const [I, J] = pairIndex(input.shape[0] as number);
    return vectorNorm(E.sub(indexSelect(input, 0, I), indexSelect(input, 0, J)), p, 1);
  });
  return record('pdist', [input], out, () => ({ self: input, p, result: out }));
}

/** The row pairs (i, j), i < j, in pdist's order, as two int64 index tensors. */
function pairIndex(n: number): [Tensor, Tensor] {
  const rows: number[] = [], cols: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) rows.push(i), cols.push(j);
  return [C.tensor(rows, { dtype: 'int64' }), C.tensor(cols, { dtype: 'int64' })];
}

/**
 * Note [pdist backward]: ATen's _pdist_backward. Each pair's grad g over its distance d and difference
 * diff = x_i - x_j gives the pair a term t (per element), added to row i and subtracted from row j:
 *   p = 0: 0;  p = 1: sign(diff) g;  p = inf: sign(diff) g where |diff| = d (every tie gets it whole);
 *   p < 2: sign(diff) |diff|^(p-1) g / d^(p-1);  p = 2: diff g / d;  else: diff |diff|^(p-2) g / d^(p-1);
 * and 0 where d = 0 (and, for p < 1, where diff = 0). Written with ops, so createGraph differentiates it once
 * more (PyTorch's _pdist_backward has no derivative). |diff| is replaced by 1 where diff = 0 (sign(diff) = 0
 * makes the term 0 there, as ATen's p < 1 test does, without 0 * inf), d by 1 where d = 0 (a branch `where`
 * drops), so no inf or NaN goes back through the graph; the general p is written sign(diff) |diff|^(p-1),
 * whose derivative is finite at diff = 0.
 */
export function pdistBackward(grad: Tensor, self: Tensor, p: number, result: Tensor): Tensor {
  const n = self.shape[0] as number;
  if (p === 0 || n < 2 || self.shape[1] === 0) return C.zerosLike(self);
  const [I, J] = pairIndex(n);
  const diff = E.sub(indexSelect(self, 0, I), indexSelect(self, 0, J));
  const g = S.unsqueeze(grad, 1), d = S.unsqueeze(result, 1), zero = E.eq(d, 0), safe = E.where(zero, 1, d);
  let t: Tensor;
  if (p === 1) t = E.mul(E.sign(diff), g);
  else if (p === Infinity) t = E.where(E.eq(E.abs(diff), d), E.mul(E.sign(diff), g), 0);
  else if (p === 2) t = E.where(zero, 0, E.div(E.mul(diff, g), safe));
  else {
    const mag = E.pow(E.where(E.eq(diff, 0), 1, E.abs(diff)), p - 1);
    t = E.where(zero, 0, E.div(E.mul(E.mul(E.sign(diff), mag), g), E.pow(safe, p - 1)));
  }
  return E.sub(indexAdd(C.zerosLike(self), 0, I, t), indexAdd(C.zerosLike(self), 0, J, t));
}

/**
 * pdistBackward when no graph is being built: the same terms in one pass over the pairs, added into rows i
 * and j as they are made (no [pairs, M] temporaries; the ops version above allocates about ten).
 */
export function pdistBackwardFused(grad: Tensor, self: Tensor, p: number, result: Tensor): Tensor {
  const n = self.shape[0] as number, m = self.shape[1] as number, out = C.zeros([n, m], { dtype: self.dtype });
  if (p === 0 || n < 2 || m === 0) return out;
  const x = self._data as Float64Array, gd = grad._data as Float64Array, dd = result._data as Float64Array, o = out._data as Float64Array;
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      const g = gd[k] as number, d = dd[k] as number;
      if (d === 0 && p !== 1 && p !== Infinity) continue;
      const dp = p === 1 || p === 2 || p === Infinity ? 1 : Math.pow(d, p - 1);
      for (let c = 0, a = i * m, b = j * m; c < m; c++, a++, b++) {
        const diff = (x[a] as number) - (x[b] as number);
        let t: number;
        if (p === 1) t = Math.sign(diff) * g;
        else if (p === Infinity) t = Math.abs(diff) === d ? Math.sign(diff) * g : 0;
        else if (p === 2) t = (diff * g) / d;
        else t = diff === 0 ? 0 : (Math.sign(diff) * Math.pow(Math.abs(diff), p - 1) * g) / dp;
        o[a] = (o[a] as number) + t;
        o[b] = (o[b] as number) - t;
      }
    }
  }
  return out;
}

/**
 * The `pow`-norm of v over every dim but `dim`, shaped to broadcast against v (size 1 except at dim); dim -1
 * gives the norm of the whole tensor (weight normalization's norm).
 *
 * @see torch.norm_except_dim
 * @example
 * ```ts
 * tg.normExceptDim(tg.tensor([[3, 4], [6, 8]]), 2, 0).tolist() // => [[5], [10]]
 * ```
 */
export function normExceptDim(v: Tensor, pow = 2, dim = 0): Tensor {
  const op = 'normExceptDim';
  checkTensor(op, v, 'v');
  if (!Number.isInteger(dim) || dim < -1 || dim >= Math.max(v.ndim, 1)) throw rangeError(op, `dim must be -1 or in [0, ${v.ndim - 1}], got ${String(dim)} (v of shape ${fmtShape(v.shape)})`);
  if (typeof pow !== 'number') throw typeError(op, `pow must be a number, got ${describe(pow)}`);
  return WN.normExceptDim(v, pow, dim);
}

/**
 * In place, scales each distinct row of `input` (an embedding weight) that `indices` looks up and whose
 * `normType`-norm exceeds `maxNorm` to norm maxNorm; returns input. Not recorded by autograd, as PyTorch's.
 *
 * @see torch.embedding_renorm_
 * @example
 * ```ts
 * const w = tg.tensor([[3, 4], [1, 0]])
 * tg.embeddingRenorm_(w, tg.tensor([0, 1], { dtype: 'int64' }), 1, 2).tolist()[1] // => [1, 0]
 * ```
 */
export function embeddingRenorm_<T extends Tensor>(input: T, indices: Tensor, maxNorm: number, normType: number): T {
  const op = 'embeddingRenorm_';
  checkTensor(op, input, 'input');
  checkTensor(op, indices, 'indices');
  if (input.ndim !== 2) throw rangeError(op, `input must be 2-D, got shape ${fmtShape(input.shape)}`);
  if (!isFloat(input.dtype)) throw typeError(op, `input must be a floating point tensor, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
  if (isFloat(indices.dtype) || indices.dtype === 'bool') throw typeError(op, `indices must be an integer tensor, got ${indices.dtype} (shape ${fmtShape(indices.shape)})`);
  if (typeof maxNorm !== 'number' || typeof normType !== 'number') throw typeError(op, `maxNorm and normType must be numbers, got ${describe(maxNorm)} and ${describe(normType)}`);
  const n = input.shape[0] as number, idx = Int32Array.from(Array.from(indices._data as ArrayLike<number | bigint>, Number));
  for (const i of idx) if (i < 0 || i >= n) throw rangeError(op, `index ${i} is out of range for an input of shape ${fmtShape(input.shape)}`);
  renorm(input, idx, maxNorm, normType);
  return input;
}

const GRID_MODES = ['bilinear', 'nearest', 'bicubic'] as const, GRID_PADDINGS = ['zeros', 'border', 'reflection'] as const;
function gridSamplerOf(op: string, ndim: number | null, input: Tensor, grid: Tensor, interpolationMode: number, paddingMode: number, alignCorners: boolean): Tensor {
  checkTensor(op, input, 'input');
  checkTensor(op, grid, 'grid');
  if (ndim !== null && input.ndim !== ndim) throw rangeError(op, `expected ${ndim}-D input, got shape ${fmtShape(input.shape)} (grid of shape ${fmtShape(grid.shape)})`);
  const mode = GRID_MODES[interpolationMode], pad = GRID_PADDINGS[paddingMode];
  if (!Number.isInteger(interpolationMode) || mode === undefined) throw rangeError(op, `interpolationMode must be 0 (bilinear), 1 (nearest) or 2 (bicubic), got ${describe(interpolationMode)}`);
  if (!Number.isInteger(paddingMode) || pad === undefined) throw rangeError(op, `paddingMode must be 0 (zeros), 1 (border) or 2 (reflection), got ${describe(paddingMode)}`);
  if (typeof alignCorners !== 'boolean') throw typeError(op, `alignCorners must be a boolean, got ${describe(alignCorners)}`);
  return underName(op, ['nn.functional.gridSample', 'gridSample'], () => gridSample(input, grid, mode, pad, alignCorners))();
}
/**
 * PyTorch's integer-mode grid sampler: gridSample with interpolationMode 0 bilinear, 1 nearest, 2 bicubic and
 * paddingMode 0 zeros, 1 border, 2 reflection; 4-D or 5-D input.
 *
 * @see torch.grid_sampler
 * @example
 * ```ts
 * tg.gridSampler(tg.ones(1, 1, 2, 2), tg.zeros(1, 1, 1, 2), 0, 0, false).tolist() // => [[[[1]]]]
 * ```
 */
export function gridSampler(input: Tensor, grid: Tensor, interpolationMode: number, paddingMode: number, alignCorners: boolean): Tensor {
  return gridSamplerOf('gridSampler', null, input, grid, interpolationMode, paddingMode, alignCorners);
}
/**
 * gridSampler for a 4-D input [N, C, H, W] and grid [N, Ho, Wo, 2].
 *
 * @see torch.grid_sampler_2d
 * @example
 * ```ts
 * tg.gridSampler2d(tg.ones(1, 1, 2, 2), tg.zeros(1, 1, 1, 2), 1, 0, true).shape // => [1, 1, 1, 1]
 * ```
 */
export function gridSampler2d(input: Tensor, grid: Tensor, interpolationMode: number, paddingMode: number, alignCorners: boolean): Tensor {
  return gridSamplerOf('gridSampler2d', 4, input, grid, interpolationMode, paddingMode, alignCorners);
}
/**
 * gridSampler for a 5-D input [N, C, D, H, W] and grid [N, Do, Ho, Wo, 3].
 *
 * @see torch.grid_sampler_3d
 * @example
 * ```ts
 * tg.gridSampler3d(tg.ones(1, 1, 2, 2, 2), tg.zeros(1, 1, 1, 1, 3), 0, 1, false).shape // => [1, 1, 1, 1, 1]
 * ```
 */
export function gridSampler3d(input: Tensor, grid: Tensor, interpolationMode: number, paddingMode: number, alignCorners: boolean): Tensor {
  return gridSamplerOf('gridSampler3d', 5, input, grid, interpolationMode, paddingMode, alignCorners);
}
/**
 * The sampling grid of affine matrices theta for an output of `size` (affineGrid with a required alignCorners).
 *
 * @see torch.affine_grid_generator
 * @example
 * ```ts
 * tg.affineGridGenerator(tg.tensor([[[1, 0, 0], [0, 1, 0]]]), [1, 1, 2, 2], true).shape // => [1, 2, 2, 2]
 * ```
 */
export function affineGridGenerator(theta: Tensor, size: number[], alignCorners: boolean): Tensor {
  const op = 'affineGridGenerator';
  if (typeof alignCorners !== 'boolean') throw typeError(op, `alignCorners must be a boolean, got ${describe(alignCorners)}`);
  return underName(op, ['nn.functional.affineGrid', 'affineGrid'], () => affineGrid(theta, size, alignCorners))();
}

/**
 * The generic convolution entry: conv1d/2d/3d, or with `transposed` convTranspose1d/2d/3d (with
 * outputPadding), chosen by weight's dims; all arguments positional as ATen's.
 *
 * @see torch.convolution
 * @example
 * ```ts
 * tg.convolution(tg.ones(1, 1, 4), tg.ones(1, 1, 2), null, [1], [0], [1], false, [0], 1).tolist() // => [[[2, 2, 2]]]
 * ```
 */
export function convolution(input: Tensor, weight: Tensor, bias: Tensor | null, stride: number[], padding: number[], dilation: number[],
  transposed: boolean, outputPadding: number[], groups: number): Tensor {
  const op = 'convolution';
  checkTensor(op, input, 'input');
  checkTensor(op, weight, 'weight');
  const d = weight.ndim - 2;
  if (d < 1 || d > 3) throw rangeError(op, `expected a 3-D, 4-D or 5-D weight, got shape ${fmtShape(weight.shape)} (input of shape ${fmtShape(input.shape)})`);
  if (typeof transposed !== 'boolean') throw typeError(op, `transposed must be a boolean, got ${describe(transposed)}`);
  const b = bias ?? null;
  if (transposed) {
    const f = [CV.convTranspose1d, CV.convTranspose2d, CV.convTranspose3d][d - 1] as typeof CV.convTranspose2d;
    const names = ['convTranspose1d', 'convTranspose2d', 'convTranspose3d'];
    return underName(op, [...names.map((n) => `nn.functional.${n}`), ...names], () => f(input, weight, b, stride, padding, outputPadding, groups, dilation))();
  }
  if (outputPadding.some((v) => v !== 0)) throw rangeError(op, `outputPadding is only for a transposed convolution, got ${fmtShape(outputPadding)}`);
  const f = [CV.conv1d, CV.conv2d, CV.conv3d][d - 1] as typeof CV.conv2d, names = ['conv1d', 'conv2d', 'conv3d'];
  return underName(op, [...names.map((n) => `nn.functional.${n}`), ...names], () => f(input, weight, b, stride, padding, dilation, groups))();
}

/**
 * A 1-D convolution in time-batch-channel layout: input [T, B, Cin], weight [K, Cin, Cout], bias [Cout],
 * `pad` zeros on both ends of time; the result is [T + 2 pad - K + 1, B, Cout].
 *
 * @see torch.conv_tbc
 * @example
 * ```ts
 * tg.convTbc(tg.ones(5, 2, 3), tg.ones(3, 3, 4), tg.zeros(4), 1).shape // => [5, 2, 4]
 * ```
 */
export function convTbc(input: Tensor, weight: Tensor, bias: Tensor, pad = 0): Tensor {
  const op = 'convTbc';
  checkTensor(op, input, 'input');
  checkTensor(op, weight, 'weight');
  checkTensor(op, bias, 'bias');
  if (input.ndim !== 3) throw rangeError(op, `Input must have 3 dims: time, batch, in_channel; got shape ${fmtShape(input.shape)}`);
  if (weight.ndim !== 3) throw rangeError(op, `Weight tensor must have 3 dims: kernel_width, in_channels, out_channels; got shape ${fmtShape(weight.shape)}`);
  if (bias.ndim !== 1) throw rangeError(op, `Bias must be 1-D, got shape ${fmtShape(bias.shape)}`);
  if (input.shape[2] !== weight.shape[1]) throw rangeError(op, `Input dim 2 (input channels) is not == dim 1 in the weight tensor: input ${fmtShape(input.shape)}, weight ${fmtShape(weight.shape)}`);
  if (weight.shape[2] !== bias.shape[0]) throw rangeError(op, `Bias size must equal dim 2 in the weight tensor (output channels): weight ${fmtShape(weight.shape)}, bias ${fmtShape(bias.shape)}`);
  if (!Number.isInteger(pad) || pad < 0) throw rangeError(op, `pad must be a non-negative integer, got ${describe(pad)}`);
  const out = noGrad(() => {
    const x = S.permute(input, [1, 2, 0]), w = S.permute(weight, [2, 1, 0]);
    const y = underName(op, ['nn.functional.conv1d', 'conv1d'], () => CV.conv1d(x, w, bias, 1, pad))();
    return C.clone(S.permute(y, [2, 0, 1])); // [T, B, Cout] contiguous, as ATen's
  });
  return record('convTbc', [input, weight, bias], out, () => ({ self: input, weight, pad }));
}

/** What conv_tbc's node saves (bias only gets the sum of the grad). */
export interface ConvTbcSaved { self: Tensor; weight: Tensor; pad: number }

/**
 * ATen's conv_tbc_backward, input i (0 input, 1 weight, 2 bias), written with ops: out[t] = bias +
 * sum_k xpad[t + k] @ w[k], so the input's grad is conv_tbc of the grad with the kernel flipped in time and
 * transposed, padded by K - 1 and cut to the input's T steps; the weight's grad at tap k is, as ATen's loop,
 * x[t + k - pad]^T @ g[t] over the steps t where the input is not padding (one GEMM of [Cin, steps * B] by
 * [steps * B, Cout] per tap); the bias's sums the grad.
 */
export function convTbcBackward(g: Tensor, s: ConvTbcSaved, i: number): Tensor {
  const K = s.weight.shape[0] as number, T = s.self.shape[0] as number;
  if (i === 2) return sum(g, [0, 1]);
  if (i === 0) {
    const wt = S.transpose(flip(s.weight, 0), 1, 2);
    return S.narrow(convTbc(g, wt, C.zeros([s.self.shape[2] as number], { dtype: g.dtype }), K - 1), 0, s.pad, T);
  }
  const Tout = g.shape[0] as number, B = g.shape[1] as number, Cin = s.self.shape[2] as number, Cout = g.shape[2] as number;
  const taps = Array.from({ length: K }, (_, k) => {
    const lo = Math.max(0, s.pad - k), hi = Math.min(Tout, T + s.pad - k);
    if (hi <= lo) return C.zeros([Cin, Cout], { dtype: g.dtype });
    const xs = S.reshape(S.narrow(s.self, 0, lo + k - s.pad, hi - lo), [(hi - lo) * B, Cin]);
    return mm(S.transpose(xs, 0, 1), S.reshape(S.narrow(g, 0, lo, hi - lo), [(hi - lo) * B, Cout]));
  });
  return S.stack(taps, 0);
}

/**
 * A copy of `input` with `src` written into the strided view asStrided(size, stride, storageOffset) of it (the
 * view taken of the copy's contiguous storage); differentiable in both.
 *
 * @see torch.as_strided_scatter
 * @example
 * ```ts
 * tg.asStridedScatter(tg.zeros(4), tg.ones(2), [2], [2], 1).tolist() // => [0, 1, 0, 1]
 * ```
 */
export function asStridedScatter(input: Tensor, src: Tensor, size: number[], stride: number[], storageOffset: number | null = null): Tensor {
  const op = 'asStridedScatter';
  checkTensor(op, input, 'input');
  checkTensor(op, src, 'src');
  // ATen clones input (a dense input keeps its layout: the strides of x.t() stay column-major) and views the
  // clone's storage
  const order = memoryOrder(input) ?? input.shape.map((_, i) => i), at = storageOffset ?? 0;
  const out = noGrad(() => {
    const dense = order.some((d, i) => d !== i) ? stridesInOrder(input.shape, order) : null;
    const o = wrapStrided(C.clone(S.permute(input, order))._data, input.shape.slice(), input.dtype, dense);
    const view = underName(op, ['asStrided'], () => S.asStrided(o, size, stride, at))();
    if (view.shape.join() !== src.shape.join())
      throw rangeError(op, `expected src to have the view's shape ${fmtShape(view.shape)}, got ${fmtShape(src.shape)} (input of shape ${fmtShape(input.shape)})`);
    copy_(view, src);
    return o;
  });
  return record('asStridedScatter', [input, src], out, () => ({ order, size: size.slice(), stride: stride.slice(), storageOffset: at }));
}

/** What as_strided_scatter's node saves: the output's memory order and the view's geometry. */
export interface AsStridedScatterSaved { order: number[]; size: number[]; stride: number[]; storageOffset: number }

/**
 * as_strided_scatter's grads, input i (0 input, 1 src): the grad laid out as the output's storage, src's the
 * view of it, input's the rest (zero where src was written). PyTorch 1.13's as_strided_scatter_backward
 * leaves input's grad uninitialized where src was written (it fills an empty tensor); this is the zero the
 * derivative is. Written with asStrided and asStridedScatter, so createGraph differentiates it again.
 */
export function asStridedScatterBackward(g: Tensor, s: AsStridedScatterSaved, i: number): Tensor {
  const permuted = C.clone(S.permute(g, s.order)), flat = S.reshape(permuted, [g.numel()]);
  if (i === 1) return S.asStrided(flat, s.size, s.stride, s.storageOffset);
  const rest = asStridedScatter(flat, C.zeros(s.size, { dtype: g.dtype }), s.size, s.stride, s.storageOffset);
  const inverse = s.order.map((_, d) => s.order.indexOf(d));
  return S.permute(S.reshape(rest, permuted.shape), inverse);
}

/** What torch.embedding_bag returns: the bags and the kernel's auxiliary outputs (int64). */
export type EmbeddingBagResult = [output: Tensor, offset2bag: Tensor, bagSize: Tensor, maxIndices: Tensor];

/**
 * torch.embedding_bag's spelling of nn.functional.embeddingBag: (weight, indices, offsets, ...) with mode an
 * integer (0 sum, 1 mean, 2 max), returning [output, offset2bag, bagSize, maxIndices] as ATen's CPU kernel:
 * offset2bag the bag of each index, bagSize the non-padding count per bag, maxIndices the rows max picked
 * (mode max; bagSize for mean); empty offset2bag and zeros in sum mode. Differentiable in output.
 *
 * @see torch.embedding_bag
 * @example
 * ```ts
 * const w = tg.arange(12).reshape([6, 2])
 * const [out, , bagSize] = tg.embeddingBag(w, tg.tensor([1, 0, 4, 2, 5], { dtype: 'int64' }), tg.tensor([0, 2, 4], { dtype: 'int64' }), false, 1)
 * bagSize.tolist() // => [2, 2, 1]
 * ```
 */
export function embeddingBag(weight: Tensor, indices: Tensor, offsets: Tensor | null = null, scaleGradByFreq = false, mode = 0, sparse = false,
  perSampleWeights: Tensor | null = null, includeLastOffset = false, paddingIdx: number | null = null): EmbeddingBagResult {
  const op = 'embeddingBag';
  const m = (['sum', 'mean', 'max'] as const)[mode];
  if (!Number.isInteger(mode) || m === undefined) throw rangeError(op, `mode must be 0 (sum), 1 (mean) or 2 (max), got ${String(mode)}`);
  const out = underName(op, ['nn.functional.embeddingBag'], () => EB.embeddingBag(indices, weight, offsets, null, 2, scaleGradByFreq, m, sparse, perSampleWeights, includeLastOffset, paddingIdx))();
  const idx = Array.from(indices._data as ArrayLike<number | bigint>, Number);
  // the bag of every index: rows of a 2-D input, else from the offsets
  let starts: number[];
  if (indices.ndim === 2) starts = Array.from({ length: indices.shape[0] as number }, (_, b) => b * (indices.shape[1] as number));
  else {
    starts = Array.from((offsets as Tensor)._data as ArrayLike<number | bigint>, Number);
    if (includeLastOffset) starts = starts.slice(0, -1);
  }
  const nb = out.shape[0] as number, D = weight.shape[1] as number;
  const long = (v: number[], shape: number[]): Tensor => C.tensor(v, { dtype: 'int64' }).reshape(shape);
  if (m === 'sum') return [out, C.zeros([0], { dtype: 'int64' }), long(new Array<number>(starts.length).fill(0), [starts.length]), long(new Array<number>(starts.length).fill(0), [starts.length])];
  const o2b = new Array<number>(idx.length), size = new Array<number>(nb).fill(0);
  for (let b = 0; b < nb; b++) {
    const end = b + 1 < starts.length ? (starts[b + 1] as number) : idx.length;
    for (let j = starts[b] as number; j < end; j++) {
      o2b[j] = b;
      if (idx[j] !== paddingIdx) size[b] = (size[b] as number) + 1;
    }
  }
  if (m === 'mean') return [out, long(o2b, [idx.length]), long(size, [nb]), long(size, [nb])];
  const wd = weight._data as ArrayLike<number>, arg = new Array<number>(nb * D).fill(0);
  for (let b = 0; b < nb; b++) {
    const end = b + 1 < starts.length ? (starts[b + 1] as number) : idx.length;
    for (let d = 0; d < D; d++) {
      let best = -Infinity;
      for (let j = starts[b] as number; j < end; j++) {
        const r = idx[j] as number;
        if (r === paddingIdx) continue;
        const v = wd[r * D + d] as number;
        if (v > best) best = v, arg[b * D + d] = r;
      }
    }
  }
  return [out, long(o2b, [idx.length]), long(size, [nb]), long(arg, [nb, D])];
}
