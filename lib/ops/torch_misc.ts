// torch.* names of session 7 (issue 15's list): the torch.* spellings of nn.functional ops (batch_norm,
// instance_norm, embedding, constant_pad_nd, feature_dropout, rrelu), unsafe_split / unsafe_chunk, fill,
// creation helpers (as_tensor, asarray, frombuffer, empty_strided), typename, and PyTorch's global flags with
// what they do here. Exported by lib/api.ts as api.torchMisc.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape, underName } from '../errors.js';
import { kw, signature } from '../kwargs.js';
import { interpolate, type InterpolateMode } from './upsample.js';
import { isDType, DTYPE_LIST, type DType, defaultFloat } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import * as C from './creation.js';
import * as S from './shape.js';
import * as E from './elementwise.js';
import { matmul } from './linalg.js';
import { addmm } from './linalg_products.js';
import { batchNorm as fBatchNorm, instanceNorm as fInstanceNorm } from './normalization.js';
import { embedding as fEmbedding } from './embedding.js';
import { pad as fPad } from './padding.js';
import { rrelu as fRrelu } from './rrelu.js';
import { bernoulli_ } from './sampling.js';
import { inplaceFrom } from './inplace.js';
import { generatorOf, type Generator } from './random.js';

/** Bytes per element of each dtype (Tensor.element_size). */
export const ELEMENT_SIZE: Readonly<Record<DType, number>> = {
  float64: 8, int64: 8, float32: 4, int32: 4, float16: 2, bfloat16: 2, int16: 2, int8: 1, uint8: 1, bool: 1,
};

/** The legacy tensor type names torch.typename prints (torch.FloatTensor, ...). */
const TYPENAME: Readonly<Record<DType, string>> = {
  float32: 'FloatTensor', float64: 'DoubleTensor', float16: 'HalfTensor', bfloat16: 'BFloat16Tensor', int64: 'LongTensor',
  int32: 'IntTensor', int16: 'ShortTensor', int8: 'CharTensor', uint8: 'ByteTensor', bool: 'BoolTensor',
};

/**
 * The type name of an object: `torch.FloatTensor` style for a tensor (by dtype), else its JS type or class name.
 *
 * @see torch.typename
 * @example
 * ```ts
 * tg.typename(tg.ones(2)) // => 'torch.FloatTensor'
 * tg.typename(tg.ones(2, { dtype: 'int64' })) // => 'torch.LongTensor'
 * tg.typename(3) // => 'number'
 * ```
 */
export function typename(o: unknown): string {
  const obj = o;
  if (obj instanceof Tensor) return `torch.${TYPENAME[obj.dtype]}`;
  if (obj === null) return 'null';
  if (typeof obj === 'object' || typeof obj === 'function') return (obj as { constructor?: { name?: string } }).constructor?.name ?? typeof obj;
  return typeof obj;
}

/** split without views (PyTorch's unsafe_split: the outputs are not tracked as views of input). */
function unsafeSplitAs(op: string, x: Tensor, splitSize: number | number[], dim: number): Tensor[] {
  checkTensor(op, x, 'input');
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw typeError(op, `dim must be an integer, got ${describe(dim)}`);
  const parts = noGrad(() => underName(op, ['split'], S.split)(x, splitSize, dim));
  const d = dim < 0 ? dim + x.ndim : dim;
  const outs = noGrad(() => parts.map((t) => C.clone(t)));
  if (outs.length === 0) return outs;
  const row = Array.isArray(splitSize) ? 'unsafeSplitWithSizes' : 'unsafeSplit';
  return record(row, [x], outs, () => ({ shape: x.shape, dim: d, sizes: parts.map((t) => t.shape[d]), dtype: x.dtype }));
}

/**
 * split into chunks of splitSize along dim, as fresh tensors rather than views (one UnsafeSplitBackward0 node).
 *
 * PyTorch's unsafe_split returns views that autograd does not track as views (so in-place ops on them are
 * not checked); tensorgrad returns copies, which the same code cannot tell apart except that writing into
 * a piece does not change input.
 *
 * @see torch.unsafe_split
 * @example
 * ```ts
 * tg.unsafeSplit(tg.arange(5), 2).map((t) => t.shape) // => [[2], [2], [1]]
 * ```
 */
export function unsafeSplit(input: Tensor, splitSize: number, dim = 0): Tensor[] {
  if (Array.isArray(splitSize)) throw typeError('unsafeSplit', `splitSize must be an integer (use unsafeSplitWithSizes for a list), got ${describe(splitSize)}`);
  return unsafeSplitAs('unsafeSplit', input, splitSize, dim);
}

/**
 * split into pieces of the given sizes along dim, as fresh tensors (one UnsafeSplitWithSizesBackward0 node).
 *
 * @see torch.unsafe_split_with_sizes
 * @example
 * ```ts
 * tg.unsafeSplitWithSizes(tg.arange(5), [2, 3]).map((t) => t.shape) // => [[2], [3]]
 * ```
 */
export function unsafeSplitWithSizes(input: Tensor, splitSizes: number[], dim = 0): Tensor[] {
  if (!Array.isArray(splitSizes)) throw typeError('unsafeSplitWithSizes', `splitSizes must be a list of integers, got ${describe(splitSizes)}`);
  return unsafeSplitAs('unsafeSplitWithSizes', input, splitSizes, dim);
}

/**
 * chunk into `chunks` nearly equal pieces along dim, as fresh tensors (PyTorch's node: UnsafeSplitBackward0).
 *
 * @see torch.unsafe_chunk
 * @example
 * ```ts
 * tg.unsafeChunk(tg.arange(5), 2).map((t) => t.shape) // => [[3], [2]]
 * ```
 */
export function unsafeChunk(input: Tensor, chunks: number, dim = 0): Tensor[] {
  const op = 'unsafeChunk';
  checkTensor(op, input, 'input');
  if (typeof chunks !== 'number' || !Number.isInteger(chunks)) throw typeError(op, `chunks must be an integer, got ${describe(chunks)}`);
  if (chunks <= 0) throw rangeError(op, `chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  if (input.ndim === 0) throw rangeError(op, 'chunk expects at least a 1-dimensional tensor');
  const d = dim < 0 ? dim + input.ndim : dim;
  if (!(d >= 0 && d < input.ndim)) throw rangeError(op, `Dimension out of range (expected to be in range of [${-input.ndim}, ${input.ndim - 1}], but got ${dim})`);
  const size = input.shape[d];
  return unsafeSplitAs(op, input, Math.max(1, Math.ceil(size / chunks)), d);
}

/**
 * A copy of input filled with value (out of place; one FillBackward0 node, whose grad is zero).
 *
 * @see torch.fill
 * @example
 * ```ts
 * tg.fill(tg.zeros(3), 2) // tensor([2., 2., 2.])
 * ```
 */
export function fill(input: Tensor, value: number | boolean | Tensor): Tensor {
  const op = 'fill';
  checkTensor(op, input, 'input');
  let v = value;
  if (v instanceof Tensor) {
    if (v.ndim !== 0) throw rangeError(op, `fill only supports 0-dimension value tensor but got tensor with ${v.ndim} dimensions (shape ${fmtShape(v.shape)})`);
    v = v.item() as number;
  }
  if (typeof v !== 'number' && typeof v !== 'boolean') throw typeError(op, `value must be a number or a 0-d Tensor, got ${describe(value)}`);
  const out = noGrad(() => underName(op, ['full'], C.full)(input.shape.slice(), Number(v), { dtype: input.dtype }));
  return record('fillOut', [input], out, () => ({}));
}

/**
 * Pads input with a constant value (pad lists each dim's before and after, last dim first; negative pads crop).
 *
 * @see torch.constant_pad_nd
 * @example
 * ```ts
 * tg.constantPadNd(tg.ones(2), [1, 2], 5) // tensor([5., 1., 1., 5., 5.])
 * ```
 */
export function constantPadNd(input: Tensor, pad: number[], value = 0): Tensor {
  return underName('constantPadNd', ['pad', 'nn.functional.pad'], fPad)(input, pad, 'constant', value);
}

/**
 * Batch normalization with torch.batch_norm's argument order (F.batchNorm's op; cudnnEnabled is ignored).
 *
 * @see torch.batch_norm
 * @example
 * ```ts
 * tg.batchNorm(tg.tensor([[1, 2], [3, 6]]), null, null, null, null, true, 0.1, 1e-5, false)
 * // tensor([[-1.0000, -1.0000],
 * //         [ 1.0000,  1.0000]])
 * ```
 */
export function batchNorm(input: Tensor, weight: Tensor | null, bias: Tensor | null, runningMean: Tensor | null, runningVar: Tensor | null,
  training: boolean, momentum: number, eps: number, cudnnEnabled = true): Tensor {
  void cudnnEnabled;
  return fBatchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps);
}

/**
 * Instance normalization with torch.instance_norm's argument order (F.instanceNorm's op; cudnnEnabled is ignored).
 *
 * @see torch.instance_norm
 * @example
 * ```ts
 * tg.instanceNorm(tg.tensor([[[1, 3]]]), null, null, null, null, true, 0.1, 1e-5, false) // tensor([[[-1.0000,  1.0000]]])
 * ```
 */
export function instanceNorm(input: Tensor, weight: Tensor | null, bias: Tensor | null, runningMean: Tensor | null, runningVar: Tensor | null,
  useInputStats: boolean, momentum: number, eps: number, cudnnEnabled = true): Tensor {
  void cudnnEnabled;
  return fInstanceNorm(input, runningMean, runningVar, weight, bias, useInputStats, momentum, eps);
}

/**
 * The rows of weight at indices (torch.embedding: weight first; paddingIdx -1 means none, as ATen's).
 *
 * @see torch.embedding
 * @example
 * ```ts
 * tg.embedding(tg.tensor([[1, 2], [3, 4]]), tg.tensor([1, 0], { dtype: 'int64' })).tolist() // => [[3, 4], [1, 2]]
 * ```
 */
export function embedding(weight: Tensor, indices: Tensor, paddingIdx = -1, scaleGradByFreq = false, sparse = false): Tensor {
  if (typeof paddingIdx !== 'number' || !Number.isInteger(paddingIdx)) throw typeError('embedding', `paddingIdx must be an integer, got ${describe(paddingIdx)}`);
  return fEmbedding(indices, weight, paddingIdx === -1 ? null : paddingIdx, null, 2, scaleGradByFreq, sparse);
}

function featureDropoutOf(op: string, input: Tensor, p: number, train: boolean): Tensor {
  checkTensor(op, input, 'input');
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError(op, `dropout probability has to be between 0 and 1, but got ${describe(p)}`);
  if (typeof train !== 'boolean') throw typeError(op, `train must be a boolean, got ${describe(train)}`);
  if (input.ndim < 2) throw rangeError(op, `Feature dropout requires at least 2 dimensions in the input (got shape ${fmtShape(input.shape)})`);
  if (!train || p === 0) return input;
  return underName(op, ['mul', 'div', 'bernoulli_', 'empty'], () => featureNoise(input, p))();
}
function featureNoise(input: Tensor, p: number): Tensor {
  if (p === 1) return E.mul(input, 0);
  // one Bernoulli draw per (sample, channel), broadcast over the feature map (ATen's _dropout_impl with feature_dropout)
  const noise = noGrad(() => E.div(bernoulli_(C.empty([input.shape[0], input.shape[1], ...input.shape.slice(2).map(() => 1)], { dtype: input.dtype }), 1 - p), 1 - p));
  return E.mul(input, noise);
}

/**
 * Dropout of whole feature maps: each channel of each sample zeroed with probability p (the rest scaled by 1/(1-p)).
 *
 * input is [N, C, ...]; with train false it is returned as is. The graph is the MulBackward0 of PyTorch's.
 *
 * @see torch.feature_dropout
 * @example
 * ```ts
 * tg.featureDropout(tg.ones(2, 3, 4), 0.5, false).shape // => [2, 3, 4]
 * ```
 */
export function featureDropout(input: Tensor, p: number, train: boolean): Tensor {
  return featureDropoutOf('featureDropout', input, p, train);
}

/**
 * In place: featureDropout written into input.
 *
 * @see torch.feature_dropout_
 * @example
 * ```ts
 * tg.featureDropout_(tg.ones(2, 3), 0.5, false) // tensor([[1., 1., 1.], [1., 1., 1.]])
 * ```
 */
export function featureDropout_(input: Tensor, p: number, train: boolean): Tensor {
  return inplaceFrom('featureDropout_', input, () => featureDropoutOf('featureDropout_', input, p, train));
}

/**
 * Randomized leaky ReLU under its torch.* name (F.rrelu; training draws the slopes from generator or tg's default).
 *
 * @see torch.rrelu
 * @example
 * ```ts
 * tg.rrelu(tg.tensor([-1, 2]), 0.1, 0.3) // tensor([-0.2000,  2.0000])
 * ```
 */
export function rrelu(input: Tensor, lower = 1 / 8, upper = 1 / 3, training = false, generator: Generator | null = null): Tensor {
  if (generator !== null && training) {
    const g = generatorOf('rrelu', generator);
    return withGenerator(g, () => fRrelu(input, lower, upper, training));
  }
  return fRrelu(input, lower, upper, training);
}

/**
 * In place: rrelu written into input.
 *
 * @see torch.rrelu_
 * @example
 * ```ts
 * tg.rrelu_(tg.tensor([-1, 2]), 0.1, 0.3) // tensor([-0.2000,  2.0000])
 * ```
 */
export function rrelu_(input: Tensor, lower = 1 / 8, upper = 1 / 3, training = false, generator: Generator | null = null): Tensor {
  return inplaceFrom('rrelu_', input, () => rrelu(input, lower, upper, training, generator));
}

/** Runs fn with g's stream standing in for the default generator's (rrelu draws from the default one). */
function withGenerator<R>(g: Generator, fn: () => R): R {
  const def = generatorOf('rrelu', undefined);
  if (g === def) return fn();
  const saved = def.getState();
  def.setState(g.getState());
  try {
    return fn();
  } finally {
    g.setState(def.getState());
    def.setState(saved);
  }
}

// ---- creation ------------------------------------------------------------------------------------------------

function dtypeArg(op: string, d: unknown): DType | undefined {
  if (d === undefined || d === null) return undefined;
  if (!isDType(d)) throw typeError(op, `dtype must be a dtype name, got ${describe(d)} (expected ${DTYPE_LIST})`);
  return d;
}

/**
 * data as a tensor, sharing it when it already is one of the dtype asked (no copy), else as tg.tensor.
 *
 * @see torch.as_tensor
 * @example
 * ```ts
 * const x = tg.ones(2)
 * tg.asTensor(x) === x // => true
 * tg.asTensor([1, 2], 'float64').dtype // => 'float64'
 * ```
 */
export function asTensor(data: unknown, dtype?: DType | null): Tensor {
  const dt = dtypeArg('asTensor', dtype);
  if (data instanceof Tensor) return dt === undefined || dt === data.dtype ? data : underName('asTensor', ['to'], C.to)(data, dt);
  return underName('asTensor', ['tensor'], C.tensor)(data as number[], dt === undefined ? {} : { dtype: dt });
}

/**
 * obj as a tensor: a tensor is shared unless copy is true or another dtype is asked (copy false then throws).
 *
 * @see torch.asarray
 * @example
 * ```ts
 * const x = tg.ones(2)
 * tg.asarray(x) === x // => true
 * tg.asarray(x, { copy: true }) === x // => false
 * ```
 */
export function asarray(obj: unknown, dtype?: DType | null, copy: boolean | null = null, requiresGrad = false): Tensor {
  const op = 'asarray';
  const dt = dtypeArg(op, dtype);
  if (copy !== null && typeof copy !== 'boolean') throw typeError(op, `copy must be a boolean or null, got ${describe(copy)}`);
  if (obj instanceof Tensor) {
    const same = dt === undefined || dt === obj.dtype;
    if (copy === false && !same) throw rangeError(op, `can't alias tensor of dtype ${obj.dtype} as ${dt} (copy=False)`);
    let out = same && copy !== true ? obj : noGrad(() => C.clone(underName(op, ['to'], C.to)(obj, dt ?? obj.dtype)));
    if (out === obj && copy === true) out = noGrad(() => C.clone(obj));
    if (requiresGrad && !out.requiresGrad) out = out === obj ? obj.detach().requiresGrad_(true) : out.requiresGrad_(true);
    return out;
  }
  if (copy === false && !(ArrayBuffer.isView(obj))) throw rangeError(op, `can't alias ${describe(obj)} (copy=False): only a tensor shares its memory here`);
  return underName(op, ['tensor'], C.tensor)(obj as number[], { ...(dt === undefined ? {} : { dtype: dt }), requiresGrad });
}

const TYPED: Partial<Record<DType, { BYTES_PER_ELEMENT: number; new (b: ArrayBuffer, o: number, n: number): ArrayLike<number> | BigInt64Array }>> = {
  float32: Float32Array, float64: Float64Array, int32: Int32Array, int64: BigInt64Array, int16: Int16Array, int8: Int8Array, uint8: Uint8Array,
};

/**
 * A 1-d tensor of `count` elements (-1: all) read from an ArrayBuffer's bytes from `offset`, as torch.frombuffer.
 *
 * PyTorch's tensor shares the buffer's memory; tensorgrad's storage is its own native memory, so this is a
 * copy of the bytes (later writes to the buffer do not show in the tensor). dtype defaults to float32.
 *
 * @see torch.frombuffer
 * @example
 * ```ts
 * tg.frombuffer(new Float64Array([1, 2, 3]).buffer, 'float64', 2, 8) // tensor([2., 3.], dtype=torch.float64)
 * ```
 */
export function frombuffer(buffer: ArrayBuffer | ArrayBufferView, dtype: DType = 'float32', count = -1, offset = 0, requiresGrad = false): Tensor {
  const op = 'frombuffer';
  const dt = dtypeArg(op, dtype) ?? defaultFloat();
  let buf: ArrayBuffer, base = 0, len: number;
  if (buffer instanceof ArrayBuffer) [buf, len] = [buffer, buffer.byteLength];
  else if (ArrayBuffer.isView(buffer)) [buf, base, len] = [buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength];
  else throw typeError(op, `buffer must be an ArrayBuffer or a typed array, got ${describe(buffer)}`);
  const Typed = TYPED[dt];
  if (Typed === undefined) throw typeError(op, `dtype ${dt} is not supported here (the buffer's elements must be one of float32, float64, int64, int32, int16, int8, uint8)`);
  for (const [k, v] of [['count', count], ['offset', offset]] as const) if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(op, `${k} must be an integer, got ${describe(v)}`);
  const size = Typed.BYTES_PER_ELEMENT;
  if (offset < 0 || offset > len - 1 + (len === 0 ? 1 : 0)) throw rangeError(op, `offset (${offset} bytes) must be non-negative and no greater than buffer length (${len} bytes) minus 1`);
  if (count === 0 || (count < 0 && count !== -1)) throw rangeError(op, `count must be positive or -1, got ${count}`);
  const n = count === -1 ? (len - offset) / size : count;
  if (count === -1 && !Number.isInteger(n)) throw rangeError(op, `buffer length (${len - offset} bytes) after offset (${offset} bytes) must be a multiple of element size (${size})`);
  if (offset + n * size > len) throw rangeError(op, `requested buffer length (${count} * ${size} bytes) after offset (${offset} bytes) must not be greater than actual buffer length (${len} bytes)`);
  const bytes = new Uint8Array(buf, base + offset, n * size).slice(); // aligned copy
  return underName(op, ['tensor'], C.tensor)(new Typed(bytes.buffer, 0, n) as number[], { dtype: dt, requiresGrad });
}

/**
 * An uninitialized tensor of `size` laid out with `stride` (the storage holds every element the strides reach).
 *
 * @see torch.empty_strided
 * @example
 * ```ts
 * const x = tg.emptyStrided([2, 3], [1, 2])
 * x.stride() // => [1, 2]
 * ```
 */
export function emptyStrided(size: number[], stride: number[], dtype?: DType | null, requiresGrad = false): Tensor {
  const op = 'emptyStrided';
  const dt = dtypeArg(op, dtype) ?? defaultFloat();
  if (!Array.isArray(size) || !Array.isArray(stride)) throw typeError(op, `size and stride must be lists of integers, got ${describe(size)} and ${describe(stride)}`);
  if (size.length !== stride.length) throw rangeError(op, `mismatch in length of strides and shape (size ${fmtShape(size)}, stride ${fmtShape(stride)})`);
  if (size.some((s) => !Number.isInteger(s) || s < 0) || stride.some((s) => !Number.isInteger(s) || s < 0))
    throw rangeError(op, `sizes and strides must be non-negative integers, got size ${fmtShape(size)} and stride ${fmtShape(stride)}`);
  const numel = size.reduce((a, b) => a * b, 1);
  const extent = numel === 0 ? 0 : 1 + size.reduce((a, s, i) => a + (s - 1) * stride[i], 0);
  const out = noGrad(() => S.asStrided(C.zeros([extent], { dtype: dt }), size.slice(), stride.slice(), 0));
  // a fresh leaf over the strided storage (not a view of the temporary)
  const leaf = out.detach();
  if (requiresGrad) leaf.requiresGrad_(true);
  return leaf;
}

// ---- global flags --------------------------------------------------------------------------------------------

const FLAGS = { deterministic: false, warnOnly: false, warnAlways: false, interopThreads: 1, matmulPrecision: 'highest' as 'highest' | 'high' | 'medium' };

/**
 * Records whether to require deterministic algorithms; tensorgrad's CPU kernels always are, so nothing changes.
 *
 * PyTorch then refuses the nondeterministic CUDA kernels; tensorgrad has none (index_add, scatter_add and the
 * pooling backward kernels run in one order), so the flag is only stored for areDeterministicAlgorithmsEnabled.
 *
 * @see torch.use_deterministic_algorithms
 * @example
 * ```ts
 * tg.useDeterministicAlgorithms(true)
 * tg.areDeterministicAlgorithmsEnabled() // => true
 * tg.useDeterministicAlgorithms(false)
 * ```
 */
export function useDeterministicAlgorithms(mode: boolean, warnOnly = false): void {
  if (typeof mode !== 'boolean') throw typeError('useDeterministicAlgorithms', `mode must be a boolean, got ${describe(mode)}`);
  if (typeof warnOnly !== 'boolean') throw typeError('useDeterministicAlgorithms', `warnOnly must be a boolean, got ${describe(warnOnly)}`);
  FLAGS.deterministic = mode;
  FLAGS.warnOnly = warnOnly;
}
/**
 * Whether useDeterministicAlgorithms(true) is in force (tensorgrad's kernels are deterministic either way).
 *
 * @see torch.are_deterministic_algorithms_enabled
 * @example
 * ```ts
 * tg.areDeterministicAlgorithmsEnabled() // => false
 * ```
 */
export function areDeterministicAlgorithmsEnabled(): boolean { return FLAGS.deterministic; }
/**
 * Whether useDeterministicAlgorithms was given warnOnly: true.
 *
 * @see torch.is_deterministic_algorithms_warn_only_enabled
 * @example
 * ```ts
 * tg.isDeterministicAlgorithmsWarnOnlyEnabled() // => false
 * ```
 */
export function isDeterministicAlgorithmsWarnOnlyEnabled(): boolean { return FLAGS.warnOnly; }
/**
 * Sets the deterministic flags by level: 0 or 'default' (off), 1 or 'warn' (warn only), 2 or 'error' (on).
 *
 * @see torch.set_deterministic_debug_mode
 * @example
 * ```ts
 * tg.setDeterministicDebugMode('warn')
 * tg.getDeterministicDebugMode() // => 1
 * tg.setDeterministicDebugMode(0)
 * ```
 */
export function setDeterministicDebugMode(debugMode: number | 'default' | 'warn' | 'error'): void {
  const level = typeof debugMode === 'string' ? ['default', 'warn', 'error'].indexOf(debugMode) : debugMode;
  if (![0, 1, 2].includes(level as number))
    throw rangeError('setDeterministicDebugMode', `invalid value of debug_mode, expected one of 0, 1, 2 or 'default', 'warn', 'error', got ${describe(debugMode)}`);
  useDeterministicAlgorithms(level !== 0, level === 1);
}
/**
 * The deterministic debug level: 0 (off), 1 (warn only) or 2 (on).
 *
 * @see torch.get_deterministic_debug_mode
 * @example
 * ```ts
 * tg.getDeterministicDebugMode() // => 0
 * ```
 */
export function getDeterministicDebugMode(): number { return FLAGS.deterministic ? (FLAGS.warnOnly ? 1 : 2) : 0; }
/**
 * Records whether warnings that PyTorch shows once should show every time (tensorgrad's warn once per message).
 *
 * @see torch.set_warn_always
 * @example
 * ```ts
 * tg.setWarnAlways(true)
 * tg.isWarnAlwaysEnabled() // => true
 * tg.setWarnAlways(false)
 * ```
 */
export function setWarnAlways(b: boolean): void {
  if (typeof b !== 'boolean') throw typeError('setWarnAlways', `b must be a boolean, got ${describe(b)}`);
  FLAGS.warnAlways = b;
}
/**
 * Whether setWarnAlways(true) is in force.
 *
 * @see torch.is_warn_always_enabled
 * @example
 * ```ts
 * tg.isWarnAlwaysEnabled() // => false
 * ```
 */
export function isWarnAlwaysEnabled(): boolean { return FLAGS.warnAlways; }
/**
 * The inter-op thread count: tensorgrad runs ops one after another on the calling thread, so 1 unless set.
 *
 * @see torch.get_num_interop_threads
 * @example
 * ```ts
 * tg.getNumInteropThreads() // => 1
 * ```
 */
export function getNumInteropThreads(): number { return FLAGS.interopThreads; }
/**
 * Records an inter-op thread count (tensorgrad has no inter-op pool: ops run in order on the calling thread).
 *
 * The intra-op threads are tg.setNumThreads'. (PyTorch refuses a call once its inter-op pool has started; there is no pool here.)
 *
 * @see torch.set_num_interop_threads
 * @example
 * ```ts
 * typeof tg.setNumInteropThreads // => 'function'
 * ```
 */
export function setNumInteropThreads(num: number): void {
  const numThreads = num;
  if (typeof numThreads !== 'number' || !Number.isInteger(numThreads) || numThreads <= 0) throw rangeError('setNumInteropThreads', `Expected positive number of threads, got ${describe(numThreads)}`);
  FLAGS.interopThreads = numThreads;
}
/**
 * Asks for denormal floats to be flushed to zero; returns false: tensorgrad's kernels keep IEEE denormals.
 *
 * PyTorch returns whether the CPU supports the mode (SSE3) and sets it; tensorgrad does not change the
 * floating-point mode of the Node.js thread, so it reports the mode as unsupported, as PyTorch does on such CPUs.
 *
 * @see torch.set_flush_denormal
 * @example
 * ```ts
 * tg.setFlushDenormal(true) // => false
 * ```
 */
export function setFlushDenormal(mode: boolean): boolean {
  if (typeof mode !== 'boolean') throw typeError('setFlushDenormal', `mode must be a boolean, got ${describe(mode)}`);
  return false;
}
/**
 * The float32 matmul precision setting ('highest' unless set; tensorgrad's float32 matmul is full precision).
 *
 * @see torch.get_float32_matmul_precision
 * @example
 * ```ts
 * tg.getFloat32MatmulPrecision() // => 'highest'
 * ```
 */
export function getFloat32MatmulPrecision(): string { return FLAGS.matmulPrecision; }
/**
 * Records the float32 matmul precision ('highest', 'high' or 'medium'); tensorgrad always computes at 'highest'.
 *
 * @see torch.set_float32_matmul_precision
 * @example
 * ```ts
 * tg.setFloat32MatmulPrecision('high')
 * tg.getFloat32MatmulPrecision() // => 'high'
 * tg.setFloat32MatmulPrecision('highest')
 * ```
 */
export function setFloat32MatmulPrecision(precision: 'highest' | 'high' | 'medium'): void {
  if (!['highest', 'high', 'medium'].includes(precision)) throw rangeError('setFloat32MatmulPrecision', `precision must be 'highest', 'high' or 'medium', got ${describe(precision)}`);
  FLAGS.matmulPrecision = precision;
}

// ---- nn.functional's deprecated aliases and rrelu_ ------------------------------------------------------------

const warnedOnce = new Set<string>();
/** PyTorch's UserWarning, shown once per message (Python's default filter) unless setWarnAlways(true). */
function deprecated(name: string): void {
  const msg = `nn.functional.${name} is deprecated. Use nn.functional.interpolate instead.`;
  if (FLAGS.warnAlways || !warnedOnce.has(msg)) console.warn(`UserWarning: ${msg}`);
  warnedOnce.add(msg);
}
/** A UserWarning shown once per message (Python's default filter) unless setWarnAlways(true). */
export function userWarningOnce(msg: string): void {
  if (FLAGS.warnAlways || !warnedOnce.has(msg)) console.warn(`UserWarning: ${msg}`);
  warnedOnce.add(msg);
}

/**
 * Deprecated alias of interpolate (PyTorch warns, as this does once): the same resizing.
 *
 * @see torch.nn.functional.upsample
 * @example
 * ```ts
 * tg.nn.functional.upsample(tg.ones(1, 1, 2), { scaleFactor: 2 }).shape // => [1, 1, 4]
 * ```
 */
export const upsample = kw(signature('nn.functional.upsample', 'input, size, scaleFactor, mode, alignCorners'), function upsample(
  input: Tensor, size?: number | number[] | null, scaleFactor?: number | number[] | null, mode: InterpolateMode = 'nearest', alignCorners: boolean | null = null): Tensor {
  deprecated('upsample');
  return underName('upsample', ['nn.functional.interpolate', 'interpolate'], () => interpolate(input, size ?? null, scaleFactor ?? null, mode, alignCorners))();
}) as (input: Tensor, size?: number | number[] | null | { size?: number | number[] | null; scaleFactor?: number | number[] | null; mode?: InterpolateMode; alignCorners?: boolean | null },
  scaleFactor?: number | number[] | null, mode?: InterpolateMode, alignCorners?: boolean | null) => Tensor;

/**
 * Deprecated: nearest-neighbour upsampling of a 4-d (N, C, H, W) input, interpolate(input, size, scaleFactor, 'nearest').
 *
 * @see torch.nn.functional.upsample_nearest
 * @example
 * ```ts
 * tg.nn.functional.upsampleNearest(tg.ones(1, 1, 2, 2), null, 2).shape // => [1, 1, 4, 4]
 * ```
 */
export const upsampleNearest = kw(signature('nn.functional.upsampleNearest', 'input, size, scaleFactor'), function upsampleNearest(
  input: Tensor, size?: number | number[] | null, scaleFactor?: number | number[] | null): Tensor {
  deprecated('upsample_nearest');
  return underName('upsampleNearest', ['nn.functional.interpolate', 'interpolate'], () => interpolate(input, size ?? null, scaleFactor ?? null, 'nearest'))();
}) as (input: Tensor, size?: number | number[] | null | { size?: number | number[] | null; scaleFactor?: number | number[] | null }, scaleFactor?: number | number[] | null) => Tensor;

/**
 * Deprecated: bilinear upsampling of a 4-d input with alignCorners true, interpolate(input, size, scaleFactor, 'bilinear', true).
 *
 * @see torch.nn.functional.upsample_bilinear
 * @example
 * ```ts
 * tg.nn.functional.upsampleBilinear(tg.arange(4).reshape(1, 1, 2, 2), null, 2).shape // => [1, 1, 4, 4]
 * ```
 */
export const upsampleBilinear = kw(signature('nn.functional.upsampleBilinear', 'input, size, scaleFactor'), function upsampleBilinear(
  input: Tensor, size?: number | number[] | null, scaleFactor?: number | number[] | null): Tensor {
  deprecated('upsample_bilinear');
  return underName('upsampleBilinear', ['nn.functional.interpolate', 'interpolate'], () => interpolate(input, size ?? null, scaleFactor ?? null, 'bilinear', true))();
}) as (input: Tensor, size?: number | number[] | null | { size?: number | number[] | null; scaleFactor?: number | number[] | null }, scaleFactor?: number | number[] | null) => Tensor;

/**
 * In place: F.rrelu written into input.
 *
 * @see torch.nn.functional.rrelu_
 * @example
 * ```ts
 * const x = tg.tensor([-1, 2])
 * tg.nn.functional.rrelu_(x, 0.1, 0.3)
 * x // tensor([-0.2000,  2.0000])
 * ```
 */
export const fRrelu_ = kw(signature('nn.functional.rrelu_', 'input, lower, upper, training'), function rrelu_F(input: Tensor, lower = 1 / 8, upper = 1 / 3, training = false): Tensor {
  return inplaceFrom('rrelu_', input, () => fRrelu(input, lower, upper, training));
}) as (input: Tensor, lower?: number | { lower?: number; upper?: number; training?: boolean }, upper?: number, training?: boolean) => Tensor;

// ---- torch.*_cell: one recurrent step, ATen's composite cells (no module) ---------------------------------------

function cellArgs(op: string, input: Tensor, hx: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor | null, bHh: Tensor | null, gates: number): void {
  for (const [name, t] of [['input', input], ['hx', hx], ['wIh', wIh], ['wHh', wHh]] as const) checkTensor(op, t, name);
  if (input.ndim !== 2 || hx.ndim !== 2) throw rangeError(op, `expected 2-d input [batch, inputSize] and hx [batch, hidden], got ${fmtShape(input.shape)} and ${fmtShape(hx.shape)}`);
  const H = hx.shape[1];
  if (wIh.ndim !== 2 || wIh.shape[0] !== gates * H || wIh.shape[1] !== input.shape[1])
    throw rangeError(op, `wIh must be [${gates * H}, ${input.shape[1]}] for input ${fmtShape(input.shape)} and hx ${fmtShape(hx.shape)}, got ${fmtShape(wIh.shape)}`);
  if (wHh.ndim !== 2 || wHh.shape[0] !== gates * H || wHh.shape[1] !== H) throw rangeError(op, `wHh must be [${gates * H}, ${H}], got ${fmtShape(wHh.shape)}`);
  for (const [name, b] of [['bIh', bIh], ['bHh', bHh]] as const) {
    if (b === null || b === undefined) continue;
    checkTensor(op, b, name);
    if (b.ndim !== 1 || b.shape[0] !== gates * H) throw rangeError(op, `${name} must be [${gates * H}], got ${fmtShape(b.shape)}`);
  }
  if (input.shape[0] !== hx.shape[0]) throw rangeError(op, `Input batch size ${input.shape[0]} doesn't match hidden batch size ${hx.shape[0]}`);
}
/** The errors of the ops a cell is built of, named as the cell. */
const CELL_OPS = ['addmm', 'matmul', 'mm', 'add', 'sub', 'mul', 'tanh', 'relu', 'sigmoid', 'chunk', 'transpose'];
/** x W^T + b (the linear of ATen's cells: addmm with a bias, mm without). */
const lin = (x: Tensor, w: Tensor, b: Tensor | null): Tensor => (b === null || b === undefined ? matmul(x, S.transpose(w, 0, 1)) : addmm(b, x, S.transpose(w, 0, 1)));

/**
 * One Elman RNN step with tanh: tanh(input W_ih^T + b_ih + hx W_hh^T + b_hh).
 *
 * @see torch.rnn_tanh_cell
 * @example
 * ```ts
 * tg.rnnTanhCell(tg.ones(1, 2), tg.zeros(1, 1), tg.ones(1, 2), tg.ones(1, 1)).shape // => [1, 1]
 * ```
 */
export function rnnTanhCell(input: Tensor, hx: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor | null = null, bHh: Tensor | null = null): Tensor {
  cellArgs('rnnTanhCell', input, hx, wIh, wHh, bIh, bHh, 1);
  return underName('rnnTanhCell', CELL_OPS, () => E.tanh(E.add(lin(input, wIh, bIh), lin(hx, wHh, bHh))))();
}
/**
 * One Elman RNN step with ReLU: relu(input W_ih^T + b_ih + hx W_hh^T + b_hh).
 *
 * @see torch.rnn_relu_cell
 * @example
 * ```ts
 * tg.rnnReluCell(tg.ones(1, 2), tg.zeros(1, 1), tg.ones(1, 2), tg.ones(1, 1)).tolist() // => [[2]]
 * ```
 */
export function rnnReluCell(input: Tensor, hx: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor | null = null, bHh: Tensor | null = null): Tensor {
  cellArgs('rnnReluCell', input, hx, wIh, wHh, bIh, bHh, 1);
  return underName('rnnReluCell', CELL_OPS, () => E.relu(E.add(lin(input, wIh, bIh), lin(hx, wHh, bHh))))();
}
/**
 * One LSTM step from hx = [h, c] (gates i, f, g, o); returns [h', c'].
 *
 * @see torch.lstm_cell
 * @example
 * ```ts
 * const [h, c] = tg.lstmCell(tg.ones(1, 2), [tg.zeros(1, 1), tg.zeros(1, 1)], tg.ones(4, 2), tg.ones(4, 1))
 * h.shape // => [1, 1]
 * ```
 */
export function lstmCell(input: Tensor, hx: [Tensor, Tensor], wIh: Tensor, wHh: Tensor, bIh: Tensor | null = null, bHh: Tensor | null = null): [Tensor, Tensor] {
  if (!Array.isArray(hx) || hx.length !== 2) throw typeError('lstmCell', `hx must be a pair [h, c], got ${describe(hx)}`);
  cellArgs('lstmCell', input, hx[0], wIh, wHh, bIh, bHh, 4);
  checkTensor('lstmCell', hx[1], 'cx');
  if (hx[1].shape.join() !== hx[0].shape.join()) throw rangeError('lstmCell', `cx must have hx's shape ${fmtShape(hx[0].shape)}, got ${fmtShape(hx[1].shape)}`);
  return underName('lstmCell', CELL_OPS, (): [Tensor, Tensor] => {
    const [i, f, g, o] = S.chunk(E.add(lin(input, wIh, bIh), lin(hx[0], wHh, bHh)), 4, 1);
    const cy = E.add(E.mul(E.sigmoid(f), hx[1]), E.mul(E.sigmoid(i), E.tanh(g)));
    return [E.mul(E.sigmoid(o), E.tanh(cy)), cy];
  })();
}
/**
 * One GRU step (gates r, z, n): n = tanh(x_n + r * h_n), h' = (1 - z) n + z hx.
 *
 * @see torch.gru_cell
 * @example
 * ```ts
 * tg.gruCell(tg.ones(1, 2), tg.zeros(1, 1), tg.ones(3, 2), tg.ones(3, 1)).shape // => [1, 1]
 * ```
 */
export function gruCell(input: Tensor, hx: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor | null = null, bHh: Tensor | null = null): Tensor {
  cellArgs('gruCell', input, hx, wIh, wHh, bIh, bHh, 3);
  return underName('gruCell', CELL_OPS, () => {
    const [ir, iz, inn] = S.chunk(lin(input, wIh, bIh), 3, 1);
    const [hr, hz, hn] = S.chunk(lin(hx, wHh, bHh), 3, 1);
    const r = E.sigmoid(E.add(ir, hr)), z = E.sigmoid(E.add(iz, hz));
    const n = E.tanh(E.add(inn, E.mul(r, hn)));
    return E.add(n, E.mul(z, E.sub(hx, n)));
  })();
}
