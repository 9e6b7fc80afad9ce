// Modules of the transformer building blocks: Embedding, LayerNorm, Dropout1d, Dropout2d, with PyTorch 1.13's
// constructors, initialization and repr. The functional forms are in lib/ops/embedding.ts, norm.ts, attention.ts.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty, tensor } from '../ops/creation.js';
import { noGrad } from '../autograd/grad_mode.js';
import { indexFill_ } from '../ops/gather.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

const SIG = {
  Embedding: signature('nn.Embedding', 'numEmbeddings, embeddingDim, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse, dtype'),
  LayerNorm: signature('nn.LayerNorm', 'normalizedShape, eps, elementwiseAffine, dtype'),
  Dropout1d: signature('nn.Dropout1d', 'p, inplace'),
  Dropout2d: signature('nn.Dropout2d', 'p, inplace'),
};

function count(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw typeError(op, `${name} must be a non-negative integer, got ${describe(v)}`);
  return v;
}

export interface EmbeddingOptions {
  numEmbeddings?: number;
  embeddingDim?: number;
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
  dtype?: DType;
}

/**
 * A lookup table of numEmbeddings vectors of size embeddingDim, read with int32 indices. The weight starts
 *
 * N(0, 1) with the paddingIdx row zero (PyTorch's reset_parameters); paddingIdx rows get no grad.
 *
 * @see torch.nn.Embedding
 * @example
 * ```ts
 * const m = new tg.nn.Embedding(10, 4, { paddingIdx: 0 })
 * String(m) // => 'Embedding(10, 4, padding_idx=0)'
 * m(tg.tensor([[0, 5]], { dtype: 'int32' })).shape
 * ```
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly sparse: boolean;
  weight: Tensor;

  constructor(numEmbeddings: number | EmbeddingOptions, embeddingDim?: number | EmbeddingOptions, paddingIdx?: number | null | EmbeddingOptions, maxNorm?: number | null,
    normType?: number, scaleGradByFreq?: boolean, sparse?: boolean, dtype?: DType) {
    super();
    [numEmbeddings, embeddingDim, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse, dtype] = parseArgs(SIG.Embedding, arguments) as
      [number, number, number | null | undefined, number | null | undefined, number | undefined, boolean | undefined, boolean | undefined, DType | undefined];
    const op = 'Embedding';
    this.numEmbeddings = count(op, 'numEmbeddings', numEmbeddings);
    this.embeddingDim = count(op, 'embeddingDim', embeddingDim);
    let pad: number | null = null;
    if (paddingIdx !== undefined && paddingIdx !== null) {
      if (typeof paddingIdx !== 'number' || !Number.isInteger(paddingIdx)) throw typeError(op, `paddingIdx must be an integer, got ${describe(paddingIdx)}`);
      if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)
        throw rangeError(op, `paddingIdx ${paddingIdx} must be within numEmbeddings (${numEmbeddings})`);
      pad = paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
    }
    this.paddingIdx = pad;
    if (maxNorm !== undefined && maxNorm !== null && typeof maxNorm !== 'number') throw typeError(op, `maxNorm must be a number, got ${describe(maxNorm)}`);
    this.maxNorm = maxNorm ?? null;
    if (normType !== undefined && typeof normType !== 'number') throw typeError(op, `normType must be a number, got ${describe(normType)}`);
    this.normType = normType ?? 2;
    for (const [name, v] of [['scaleGradByFreq', scaleGradByFreq], ['sparse', sparse]] as const)
      if (v !== undefined && typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
    if (sparse === true) throw typeError(op, 'sparse=true is not supported (tensorgrad has no sparse tensors)');
    this.scaleGradByFreq = scaleGradByFreq ?? false;
    this.sparse = false;
    this.weight = Parameter(empty([this.numEmbeddings, this.embeddingDim], { dtype: dtype ?? defaultFloat() }));
    this.resetParameters();
  }

  /**
   * Re-initializes the weight from N(0, 1) (zeroing paddingIdx's row).
   *
   * @see Embedding.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.Embedding(3, 2, { paddingIdx: 0 })
   * m.resetParameters()
   * m.weight.index(0) // tensor([0., 0.], grad_fn=<SelectBackward0>)
   * ```
   */
  resetParameters(): void {
    init.normal_(this.weight);
    const pad = this.paddingIdx;
    if (pad !== null) noGrad(() => indexFill_(this.weight, 0, tensor([pad], { dtype: 'int32' }), 0));
  }

  override forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, this.paddingIdx, this.maxNorm, this.normType, this.scaleGradByFreq, this.sparse);
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloatRepr(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloatRepr(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    return s;
  }
}

export interface LayerNormOptions {
  normalizedShape?: number | number[];
  eps?: number;
  elementwiseAffine?: boolean;
  dtype?: DType;
}

/**
 * Layer normalization over the trailing dims normalizedShape, with a learned per-element weight (ones) and
 *
 * bias (zeros) unless elementwiseAffine is false.
 *
 * @see torch.nn.LayerNorm
 * @example
 * ```ts
 * const m = new tg.nn.LayerNorm(3)
 * String(m) // => 'LayerNorm((3,), eps=1e-05, elementwise_affine=True)'
 * m(tg.tensor([[1, 2, 3]])) // tensor([[-1.2247,  0.0000,  1.2247]], grad_fn=<NativeLayerNormBackward0>)
 * ```
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Tensor | null;
  bias: Tensor | null;

  constructor(normalizedShape: number | number[] | LayerNormOptions, eps?: number | LayerNormOptions, elementwiseAffine?: boolean, dtype?: DType) {
    super();
    [normalizedShape, eps, elementwiseAffine, dtype] = parseArgs(SIG.LayerNorm, arguments) as [number | number[], number | undefined, boolean | undefined, DType | undefined];
    const shape = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
    if (!Array.isArray(shape) || shape.length === 0 || !shape.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0))
      throw typeError('LayerNorm', `normalizedShape must be a non-negative integer or a non-empty list of them, got ${describe(normalizedShape)}`);
    if (eps !== undefined && typeof eps !== 'number') throw typeError('LayerNorm', `eps must be a number, got ${describe(eps)}`);
    if (elementwiseAffine !== undefined && typeof elementwiseAffine !== 'boolean')
      throw typeError('LayerNorm', `elementwiseAffine must be a boolean, got ${describe(elementwiseAffine)}`);
    this.normalizedShape = shape.slice();
    this.eps = eps ?? 1e-5;
    this.elementwiseAffine = elementwiseAffine ?? true;
    if (this.elementwiseAffine) {
      this.weight = Parameter(empty(this.normalizedShape, { dtype: dtype ?? defaultFloat() }));
      this.bias = Parameter(empty(this.normalizedShape, { dtype: dtype ?? defaultFloat() }));
    } else {
      this.weight = null;
      this.bias = null;
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  /**
   * Resets weight to ones and bias to zeros.
   *
   * @see LayerNorm.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.LayerNorm(2)
   * m.resetParameters()
   * m.weight.data // tensor([1., 1.])
   * ```
   */
  resetParameters(): void {
    if (this.weight !== null) init.ones_(this.weight);
    if (this.bias !== null) init.zeros_(this.bias);
  }

  override forward(input: Tensor): Tensor {
    return F.layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    const tuple = this.normalizedShape.length === 1 ? `(${this.normalizedShape[0]},)` : `(${this.normalizedShape.join(', ')})`;
    return `${tuple}, eps=${pyFloatRepr(this.eps)}, elementwise_affine=${this.elementwiseAffine ? 'True' : 'False'}`;
  }
}

function dropoutP(op: string, p: unknown, inplace: unknown): number {
  if (inplace === true) throw typeError(op, 'inplace=True is not supported');
  if (inplace !== undefined && typeof inplace !== 'boolean') throw typeError(op, `inplace must be a boolean, got ${describe(inplace)}`);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError(op, `dropout probability has to be between 0 and 1, but got ${String(p)}`);
  return p;
}

/**
 * Zeroes whole channels of [N, C, L] (or [C, L]) inputs with probability p in training mode.
 *
 * @see torch.nn.Dropout1d
 * @example
 * ```ts
 * const m = new tg.nn.Dropout1d(0.5)
 * String(m) // => 'Dropout1d(p=0.5, inplace=False)'
 * m.eval()(tg.ones(1, 2, 3)).shape
 * ```
 */
export class Dropout1d extends Module {
  readonly p: number;
  constructor(p: number | { p?: number; inplace?: boolean } = 0.5, inplace?: boolean) {
    super();
    [p = 0.5, inplace] = parseArgs(SIG.Dropout1d, arguments) as [number | undefined, boolean | undefined];
    this.p = dropoutP('Dropout1d', p, inplace);
  }
  override forward(input: Tensor): Tensor {
    return F.dropout1d(input, this.p, this.training);
  }
  override extraRepr(): string {
    return `p=${pyFloatRepr(this.p)}, inplace=False`;
  }
}

/**
 * Zeroes whole channels of [N, C, H, W] inputs with probability p in training mode.
 *
 * @see torch.nn.Dropout2d
 * @example
 * ```ts
 * const m = new tg.nn.Dropout2d()
 * String(m) // => 'Dropout2d(p=0.5, inplace=False)'
 * m.eval()(tg.ones(1, 2, 2, 2)).shape
 * ```
 */
export class Dropout2d extends Module {
  readonly p: number;
  constructor(p: number | { p?: number; inplace?: boolean } = 0.5, inplace?: boolean) {
    super();
    [p = 0.5, inplace] = parseArgs(SIG.Dropout2d, arguments) as [number | undefined, boolean | undefined];
    this.p = dropoutP('Dropout2d', p, inplace);
  }
  override forward(input: Tensor): Tensor {
    return F.dropout2d(input, this.p, this.training);
  }
  override extraRepr(): string {
    return `p=${pyFloatRepr(this.p)}, inplace=False`;
  }
}

for (const [name, cls] of Object.entries({ Embedding, LayerNorm, Dropout1d, Dropout2d })) declareConstructor(cls, SIG[name as keyof typeof SIG]);
for (const cls of [Embedding, LayerNorm]) kwMethods(cls.prototype, cls.name, { resetParameters: '', forward: 'input', extraRepr: '' });
for (const cls of [Dropout1d, Dropout2d]) kwMethods(cls.prototype, cls.name, { forward: 'input', extraRepr: '' });
