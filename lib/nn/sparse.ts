// nn.EmbeddingBag (torch/nn/modules/sparse.py): sums, means or maxes of bags of embeddings, with PyTorch 1.13's
// constructor, initialization (N(0, 1), the paddingIdx row zero), fromPretrained and repr. The functional form
// is lib/ops/embedding_bag.ts (Note [Embedding bags]).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty, tensor } from '../ops/creation.js';
import { noGrad } from '../autograd/grad_mode.js';
import { indexFill_ } from '../ops/gather.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods, kw } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

const SIG = {
  EmbeddingBag: signature('nn.EmbeddingBag', 'numEmbeddings, embeddingDim, maxNorm, normType, scaleGradByFreq, mode, sparse, includeLastOffset, paddingIdx, dtype'),
};

type Mode = 'sum' | 'mean' | 'max';

export interface EmbeddingBagModuleOptions {
  numEmbeddings?: number;
  embeddingDim?: number;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  mode?: Mode;
  sparse?: boolean;
  includeLastOffset?: boolean;
  paddingIdx?: number | null;
  dtype?: DType;
}

export interface FromPretrainedOptions {
  freeze?: boolean;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  mode?: Mode;
  sparse?: boolean;
  includeLastOffset?: boolean;
  paddingIdx?: number | null;
}

function count(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw typeError(op, `${name} must be a non-negative integer, got ${describe(v)}`);
  return v;
}

/** Set by fromPretrained around its constructor call: the weight to adopt instead of a fresh N(0, 1) one (PyTorch's _weight). */
let pretrained: Tensor | null = null;

/**
 * Sums, means or maxes of bags of embedding vectors (F.embeddingBag), without building the looked-up rows.
 *
 * The weight [numEmbeddings, embeddingDim] starts N(0, 1) with the paddingIdx row zero. forward(input,
 * offsets, perSampleWeights) takes a 1-D input with offsets or a 2-D input of equal-length bags.
 *
 * @see torch.nn.EmbeddingBag
 * @example
 * ```ts
 * const m = new tg.nn.EmbeddingBag(10, 3, { mode: 'sum' })
 * String(m) // => 'EmbeddingBag(10, 3, mode=sum)'
 * m(tg.tensor([1, 2, 4, 5, 4, 3, 2, 9], { dtype: 'int64' }), tg.tensor([0, 4], { dtype: 'int64' })).shape // => [2, 3]
 * ```
 */
export class EmbeddingBag extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly mode: Mode;
  readonly sparse: boolean;
  readonly includeLastOffset: boolean;
  readonly paddingIdx: number | null;
  weight: Tensor;

  constructor(numEmbeddings: number | EmbeddingBagModuleOptions, embeddingDim?: number | EmbeddingBagModuleOptions, maxNorm?: number | null | EmbeddingBagModuleOptions,
    normType?: number | EmbeddingBagModuleOptions, scaleGradByFreq?: boolean | EmbeddingBagModuleOptions, mode?: Mode | EmbeddingBagModuleOptions, sparse?: boolean | EmbeddingBagModuleOptions,
    includeLastOffset?: boolean | EmbeddingBagModuleOptions, paddingIdx?: number | null | EmbeddingBagModuleOptions, dtype?: DType) {
    super();
    const [n, dim, mn, nt, sg, md, sp, ilo, pi, dt] = parseArgs(SIG.EmbeddingBag, arguments) as unknown[];
    void numEmbeddings, embeddingDim, maxNorm, normType, scaleGradByFreq, mode, sparse, includeLastOffset, paddingIdx, dtype;
    const op = 'EmbeddingBag';
    this.numEmbeddings = count(op, 'numEmbeddings', n);
    this.embeddingDim = count(op, 'embeddingDim', dim);
    if (mn !== undefined && mn !== null && typeof mn !== 'number') throw typeError(op, `maxNorm must be a number, got ${describe(mn)}`);
    this.maxNorm = (mn as number | null | undefined) ?? null;
    if (nt !== undefined && typeof nt !== 'number') throw typeError(op, `normType must be a number, got ${describe(nt)}`);
    this.normType = (nt as number | undefined) ?? 2;
    for (const [name, v] of [['scaleGradByFreq', sg], ['sparse', sp], ['includeLastOffset', ilo]] as const)
      if (v !== undefined && typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
    if (sp === true) throw typeError(op, 'sparse=true is not supported (tensorgrad has no sparse tensors)');
    this.scaleGradByFreq = (sg as boolean | undefined) ?? false;
    this.sparse = false;
    this.includeLastOffset = (ilo as boolean | undefined) ?? false;
    if (md !== undefined && md !== 'sum' && md !== 'mean' && md !== 'max') throw typeError(op, `mode has to be one of sum, mean or max, got ${describe(md)}`);
    this.mode = (md as Mode | undefined) ?? 'mean';
    let pad: number | null = null;
    if (pi !== undefined && pi !== null) {
      if (typeof pi !== 'number' || !Number.isInteger(pi)) throw typeError(op, `paddingIdx must be an integer, got ${describe(pi)}`);
      if (pi >= this.numEmbeddings || pi < -this.numEmbeddings) throw rangeError(op, `paddingIdx ${pi} must be within numEmbeddings (${this.numEmbeddings})`);
      pad = pi < 0 ? pi + this.numEmbeddings : pi;
    }
    this.paddingIdx = pad;
    if (pretrained !== null) {
      this.weight = Parameter(pretrained);
    } else {
      this.weight = Parameter(empty([this.numEmbeddings, this.embeddingDim], { dtype: (dt as DType | undefined) ?? defaultFloat() }));
      this.resetParameters();
    }
  }

  /**
   * Re-initializes the weight from N(0, 1), zeroing paddingIdx's row.
   *
   * @see torch.nn.EmbeddingBag.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.EmbeddingBag(3, 2, { paddingIdx: 0 })
   * m.resetParameters()
   * m.weight.index(0).tolist() // => [0, 0]
   * ```
   */
  resetParameters(): void {
    init.normal_(this.weight);
    const pad = this.paddingIdx;
    if (pad !== null) noGrad(() => indexFill_(this.weight, 0, tensor([pad], { dtype: 'int32' }), 0));
  }

  override forward(input: Tensor, offsets: Tensor | null = null, perSampleWeights: Tensor | null = null): Tensor {
    return F.embeddingBag(input, this.weight, offsets, this.maxNorm, this.normType, this.scaleGradByFreq, this.mode, this.sparse, perSampleWeights, this.includeLastOffset, this.paddingIdx);
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloatRepr(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloatRepr(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    s += `, mode=${this.mode}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    return s;
  }

  /**
   * An EmbeddingBag whose weight is the given 2-D tensor (frozen unless freeze is false).
   *
   * The module's weight is a Parameter sharing the tensor's storage (no padding row is zeroed).
   *
   * @see torch.nn.EmbeddingBag.from_pretrained
   * @example
   * ```ts
   * const m = tg.nn.EmbeddingBag.fromPretrained(tg.tensor([[1, 1], [2, 2], [3, 3]]), { mode: 'sum' })
   * m(tg.tensor([[0, 2]], { dtype: 'int64' })) // tensor([[4., 4.]])
   * ```
   */
  static fromPretrained(embeddings: Tensor, freeze?: boolean | FromPretrainedOptions, maxNorm?: number | null, normType?: number, scaleGradByFreq?: boolean,
    mode?: Mode, sparse?: boolean, includeLastOffset?: boolean, paddingIdx?: number | null): EmbeddingBag {
    void embeddings, freeze, maxNorm, normType, scaleGradByFreq, mode, sparse, includeLastOffset, paddingIdx;
    // the arguments as given, so that a trailing options object stays last
    return (fromPretrained as unknown as (...a: unknown[]) => EmbeddingBag)(...Array.from(arguments));
  }
}

const fromPretrained = kw(signature('nn.EmbeddingBag.fromPretrained', 'embeddings, freeze, maxNorm, normType, scaleGradByFreq, mode, sparse, includeLastOffset, paddingIdx'), function fromPretrained(
  embeddings: Tensor, freeze = true, maxNorm: number | null = null, normType = 2, scaleGradByFreq = false, mode: Mode = 'mean', sparse = false, includeLastOffset = false, paddingIdx: number | null = null): EmbeddingBag {
  const op = 'EmbeddingBag.fromPretrained';
  checkTensor(op, embeddings, 'embeddings');
  if (embeddings.ndim !== 2) throw rangeError(op, `Embeddings parameter is expected to be 2-dimensional, got embeddings of shape ${fmtShape(embeddings.shape)}`);
  if (typeof freeze !== 'boolean') throw typeError(op, `freeze must be a boolean, got ${describe(freeze)}`);
  pretrained = embeddings;
  try {
    const m = new EmbeddingBag(embeddings.shape[0], embeddings.shape[1], maxNorm, normType, scaleGradByFreq, mode, sparse, includeLastOffset, paddingIdx);
    m.weight.requiresGrad_(!freeze);
    return m;
  } finally {
    pretrained = null;
  }
}) as unknown as typeof EmbeddingBag.fromPretrained;

declareConstructor(EmbeddingBag, SIG.EmbeddingBag);
kwMethods(EmbeddingBag.prototype, 'EmbeddingBag', { resetParameters: '', forward: 'input, offsets, perSampleWeights', extraRepr: '' });

export interface EmbeddingBag { (input: Tensor, offsets?: Tensor | null, perSampleWeights?: Tensor | null): Tensor }
