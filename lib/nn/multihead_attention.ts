// nn.MultiheadAttention (PyTorch 1.13's, torch/nn/modules/activation.py): the parameters, their init and names,
// and forward through F.multiHeadAttentionForward. PyTorch's inference fast path
// (torch._native_multi_head_attention, taken in eval mode without grad) computes the same math in one kernel;
// here every call takes the composite path, so results agree to rounding in both modes.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { transpose } from '../ops/shape.js';
import { Module, Parameter } from './module.js';
import { Linear } from './layers.js';
import * as F from './functional.js';
import * as init from './init.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

const SIG = {
  MultiheadAttention: signature('nn.MultiheadAttention', 'embedDim, numHeads, dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst, dtype'),
  NonDynamicallyQuantizableLinear: signature('nn.NonDynamicallyQuantizableLinear', 'inFeatures, outFeatures, bias, dtype'),
};

/** PyTorch's marker subclass of Linear for MultiheadAttention's out_proj (it shows in the repr). */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface MultiheadAttentionOptions {
  embedDim?: number;
  numHeads?: number;
  dropout?: number;
  bias?: boolean;
  addBiasKv?: boolean;
  addZeroAttn?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batchFirst?: boolean;
  dtype?: DType;
}

export interface MultiheadAttentionForwardOptions {
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  averageAttnWeights?: boolean;
}

function posInt(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw typeError('MultiheadAttention', `${name} must be a positive integer, got ${describe(v)}`);
  return v;
}

/**
 * Attention from query to key/value over numHeads heads of embedDim / numHeads channels each. Parameters (PyTorch's
 *
 * names in stateDict): in_proj_weight [3E, E] (or q/k/v_proj_weight when kdim or vdim differ from embedDim),
 * in_proj_bias, out_proj (a Linear), bias_k/bias_v with addBiasKv. forward(query, key, value, keyPaddingMask?,
 * needWeights = true, attnMask?, averageAttnWeights = true) returns [output, weights or null].
 *
 * @see torch.nn.MultiheadAttention
 * @example
 * ```ts
 * const mha = new tg.nn.MultiheadAttention(8, 2, { batchFirst: true })
 * const x = tg.randn(2, 5, 8)
 * const [y, w] = mha(x, x, x)
 * [y.shape, w.shape] // => [[2, 5, 8], [2, 5, 5]]
 * ```
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly numHeads: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly headDim: number;
  readonly addZeroAttn: boolean;
  inProjWeight: Tensor | null;
  qProjWeight: Tensor | null;
  kProjWeight: Tensor | null;
  vProjWeight: Tensor | null;
  inProjBias: Tensor | null;
  outProj: NonDynamicallyQuantizableLinear;
  biasK: Tensor | null;
  biasV: Tensor | null;

  constructor(embedDim: number | MultiheadAttentionOptions, numHeads?: number | MultiheadAttentionOptions, dropout?: number | MultiheadAttentionOptions,
    bias?: boolean | MultiheadAttentionOptions, addBiasKv?: boolean | MultiheadAttentionOptions, addZeroAttn?: boolean | MultiheadAttentionOptions,
    kdim?: number | null | MultiheadAttentionOptions, vdim?: number | null | MultiheadAttentionOptions, batchFirst?: boolean | MultiheadAttentionOptions, dtype?: DType) {
    super();
    [embedDim, numHeads, dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst, dtype] = parseArgs(SIG.MultiheadAttention, arguments) as
      [number, number, number?, boolean?, boolean?, boolean?, (number | null)?, (number | null)?, boolean?, DType?];
    this.embedDim = posInt('embedDim', embedDim);
    this.kdim = kdim === undefined || kdim === null ? this.embedDim : posInt('kdim', kdim);
    this.vdim = vdim === undefined || vdim === null ? this.embedDim : posInt('vdim', vdim);
    this.numHeads = posInt('numHeads', numHeads);
    const p = dropout ?? 0;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError('MultiheadAttention', `dropout probability has to be between 0 and 1, but got ${describe(dropout)}`);
    this.dropout = p;
    for (const [n, v] of [['bias', bias], ['addBiasKv', addBiasKv], ['addZeroAttn', addZeroAttn], ['batchFirst', batchFirst]] as const)
      if (v !== undefined && typeof v !== 'boolean') throw typeError('MultiheadAttention', `${n} must be a boolean, got ${describe(v)}`);
    this.batchFirst = batchFirst ?? false;
    this.headDim = Math.floor(this.embedDim / this.numHeads);
    if (this.headDim * this.numHeads !== this.embedDim)
      throw rangeError('MultiheadAttention', `embed_dim must be divisible by num_heads (embedDim ${this.embedDim}, numHeads ${this.numHeads})`);
    const E = this.embedDim, dt = { dtype: dtype ?? defaultFloat() as DType };
    this.inProjWeight = this.qProjWeight = this.kProjWeight = this.vProjWeight = null;
    if (!this.sameEmbedDim) {
      this.qProjWeight = Parameter(empty([E, E], dt));
      this.kProjWeight = Parameter(empty([E, this.kdim], dt));
      this.vProjWeight = Parameter(empty([E, this.vdim], dt));
      this.registerParameter('inProjWeight', null);
    } else {
      this.inProjWeight = Parameter(empty([3 * E, E], dt));
      for (const n of ['qProjWeight', 'kProjWeight', 'vProjWeight']) this.registerParameter(n, null);
    }
    if (bias ?? true) this.inProjBias = Parameter(empty([3 * E], dt));
    else {
      this.inProjBias = null;
      this.registerParameter('inProjBias', null);
    }
    this.outProj = new NonDynamicallyQuantizableLinear(E, E, bias ?? true, dt.dtype);
    if (addBiasKv === true) {
      this.biasK = Parameter(empty([1, 1, E], dt));
      this.biasV = Parameter(empty([1, 1, E], dt));
    } else this.biasK = this.biasV = null;
    this.addZeroAttn = addZeroAttn ?? false;
    for (const [attr, name] of [['inProjWeight', 'in_proj_weight'], ['qProjWeight', 'q_proj_weight'], ['kProjWeight', 'k_proj_weight'], ['vProjWeight', 'v_proj_weight'],
      ['inProjBias', 'in_proj_bias'], ['outProj', 'out_proj'], ['biasK', 'bias_k'], ['biasV', 'bias_v']]) this._pyName(attr, name);
    this._resetParameters();
  }

  /** PyTorch's _qkv_same_embed_dim: key and value have embedDim features, so one packed projection serves all three. */
  get sameEmbedDim(): boolean {
    return this.kdim === this.embedDim && this.vdim === this.embedDim;
  }

  /** @internal PyTorch's (private) _reset_parameters: Xavier-uniform projections, zero biases, Xavier-normal biasK/biasV. */
  _resetParameters(): void {
    for (const w of [this.inProjWeight, this.qProjWeight, this.kProjWeight, this.vProjWeight]) if (w !== null) init.xavierUniform_(w);
    if (this.inProjBias !== null) {
      init.constant_(this.inProjBias, 0);
      if (this.outProj.bias !== null) init.constant_(this.outProj.bias, 0);
    }
    for (const b of [this.biasK, this.biasV]) if (b !== null) init.xavierNormal_(b);
  }

  override forward(query: Tensor, key: Tensor, value: Tensor, keyPaddingMask?: Tensor | null | MultiheadAttentionForwardOptions, needWeights?: boolean,
    attnMask?: Tensor | null, averageAttnWeights?: boolean): [Tensor, Tensor | null] {
    for (const [n, t] of [['query', query], ['key', key], ['value', value]] as const) checkTensor('MultiheadAttention', t, n);
    const batched = query.ndim === 3;
    if (this.batchFirst && batched) {
      // Keep the identities (query === key === value) that pick the packed projection.
      if (key === value) {
        if (query === key) query = key = value = transpose(query, 1, 0);
        else {
          query = transpose(query, 1, 0);
          key = value = transpose(key, 1, 0);
        }
      } else [query, key, value] = [query, key, value].map((x) => transpose(x, 1, 0));
    }
    const [out, weights] = F.multiHeadAttentionForward(query, key, value, this.embedDim, this.numHeads, this.inProjWeight, this.inProjBias,
      this.biasK, this.biasV, this.addZeroAttn, this.dropout, this.outProj.weight, this.outProj.bias, this.training,
      (keyPaddingMask as Tensor | null | undefined) ?? null, needWeights ?? true, attnMask ?? null, !this.sameEmbedDim,
      this.qProjWeight, this.kProjWeight, this.vProjWeight, null, null, averageAttnWeights ?? true);
    return [this.batchFirst && batched ? transpose(out, 1, 0) : out, weights];
  }
}

declareConstructor(MultiheadAttention, SIG.MultiheadAttention);
declareConstructor(NonDynamicallyQuantizableLinear, SIG.NonDynamicallyQuantizableLinear);
kwMethods(MultiheadAttention.prototype, 'MultiheadAttention', { forward: 'query, key, value, keyPaddingMask, needWeights, attnMask, averageAttnWeights' });
