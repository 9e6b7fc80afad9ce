// The transformer modules of PyTorch 1.13 (torch/nn/modules/transformer.py): TransformerEncoderLayer,
// TransformerEncoder, TransformerDecoderLayer, TransformerDecoder and Transformer, with PyTorch's constructors,
// submodule names (self_attn, linear1, norm1, ...), post-norm and pre-norm (normFirst) orders, masks and repr.
// PyTorch's inference fast paths (fused encoder layer, nested tensors) compute the same math; every call here
// takes the composite path, so the two agree to rounding.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { full } from '../ops/creation.js';
import { triu } from '../ops/structure.js';
import * as E from '../ops/elementwise.js';
import { Module } from './module.js';
import { Linear, Dropout, ModuleList } from './layers.js';
import { LayerNorm } from './transformer_layers.js';
import { MultiheadAttention } from './multihead_attention.js';
import { deepcopy } from './clone.js';
import * as F from './functional.js';
import * as init from './init.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

/** An activation: 'relu', 'gelu', a function of a tensor, or a module. */
export type Activation = 'relu' | 'gelu' | ((x: Tensor) => Tensor) | Module;

const SIG = {
  TransformerEncoderLayer: signature('nn.TransformerEncoderLayer', 'dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, dtype'),
  TransformerDecoderLayer: signature('nn.TransformerDecoderLayer', 'dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, dtype'),
  TransformerEncoder: signature('nn.TransformerEncoder', 'encoderLayer, numLayers, norm, enableNestedTensor, maskCheck'),
  TransformerDecoder: signature('nn.TransformerDecoder', 'decoderLayer, numLayers, norm'),
  Transformer: signature('nn.Transformer', 'dModel, nhead, numEncoderLayers, numDecoderLayers, dimFeedforward, dropout, activation, customEncoder, customDecoder, layerNormEps, batchFirst, normFirst, dtype'),
};

function activationFn(op: string, a: unknown): Activation {
  if (a === undefined || a === 'relu') return F.relu;
  if (a === 'gelu') return F.gelu;
  if (typeof a === 'function') return a as Activation;
  throw rangeError(op, `activation should be relu/gelu, not ${describe(a)}`);
}

function posInt(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw typeError(op, `${name} must be a positive integer, got ${describe(v)}`);
  return v;
}

interface LayerOptions {
  dModel?: number;
  nhead?: number;
  dimFeedforward?: number;
  dropout?: number;
  activation?: Activation;
  layerNormEps?: number;
  batchFirst?: boolean;
  normFirst?: boolean;
  dtype?: DType;
}
export type TransformerEncoderLayerOptions = LayerOptions;
export type TransformerDecoderLayerOptions = LayerOptions;

/**
 * What both layer kinds share: attention, the feed-forward block, norms, dropouts. Fields are `declare`d so that
 * no class-field initializer reorders or resets them: registration follows assignment order, PyTorch's.
 */
abstract class LayerBase extends Module {
  declare readonly normFirst: boolean;
  declare activation: Activation;
  declare selfAttn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;

  protected constructor(op: string, args: unknown[], decoder: boolean) {
    super();
    const [dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, dtype] = args as
      [number, number, number?, number?, Activation?, number?, boolean?, boolean?, DType?];
    const d = posInt(op, 'dModel', dModel), ff = posInt(op, 'dimFeedforward', dimFeedforward ?? 2048), p = dropout ?? 0.1;
    const eps = layerNormEps ?? 1e-5, dt = dtype ?? defaultFloat();
    if (normFirst !== undefined && typeof normFirst !== 'boolean') throw typeError(op, `normFirst must be a boolean, got ${describe(normFirst)}`);
    this.selfAttn = new MultiheadAttention(d, nhead, { dropout: p, batchFirst: batchFirst ?? false, dtype: dt });
    if (decoder) (this as unknown as Record<string, unknown>).multiheadAttn = new MultiheadAttention(d, nhead, { dropout: p, batchFirst: batchFirst ?? false, dtype: dt });
    this.linear1 = new Linear(d, ff, true, dt);
    this.dropout = new Dropout(p);
    this.linear2 = new Linear(ff, d, true, dt);
    this.normFirst = normFirst ?? false;
    const self = this as unknown as Record<string, unknown>;
    for (let i = 1; i <= (decoder ? 3 : 2); i++) self[`norm${i}`] = new LayerNorm(d, { eps, dtype: dt });
    for (let i = 1; i <= (decoder ? 3 : 2); i++) self[`dropout${i}`] = new Dropout(p);
    this.activation = activationFn(op, activation);
    for (const [attr, name] of [['selfAttn', 'self_attn'], ['multiheadAttn', 'multihead_attn']]) this._pyName(attr, name);
  }

  /** The activation, called as PyTorch calls it (a module or a function). */
  /** @internal */
  _act(x: Tensor): Tensor {
    return (this.activation as (x: Tensor) => Tensor)(x);
  }
  /** @internal */
  _saBlock(x: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null, dropout: Dropout): Tensor {
    const [y] = this.selfAttn(x, x, x, { attnMask, keyPaddingMask, needWeights: false }) as [Tensor, Tensor | null];
    return dropout(y) as Tensor;
  }
  /** @internal */
  _ffBlock(x: Tensor, dropout: Dropout): Tensor {
    return dropout(this.linear2(this.dropout(this._act(this.linear1(x))))) as Tensor;
  }
}

/**
 * One encoder layer: self-attention and a feed-forward block, each with a residual and a LayerNorm (after the sum,
 *
 * or before the block with normFirst). forward(src, srcMask?, srcKeyPaddingMask?).
 *
 * @see torch.nn.TransformerEncoderLayer
 * @example
 * ```ts
 * const layer = new tg.nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, batchFirst: true })
 * layer.eval()
 * layer(tg.randn(2, 5, 8)).shape // => [2, 5, 8]
 * ```
 */
export class TransformerEncoderLayer extends LayerBase {
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  constructor(dModel: number | LayerOptions, nhead?: number | LayerOptions, dimFeedforward?: number | LayerOptions, dropout?: number | LayerOptions,
    activation?: Activation | LayerOptions, layerNormEps?: number | LayerOptions, batchFirst?: boolean | LayerOptions, normFirst?: boolean | LayerOptions, dtype?: DType) {
    super('TransformerEncoderLayer', parseArgs(SIG.TransformerEncoderLayer, arguments), false);
  }
  override forward(src: Tensor, srcMask?: Tensor | null, srcKeyPaddingMask?: Tensor | null): Tensor {
    const mask = srcMask ?? null, kpm = srcKeyPaddingMask ?? null;
    let x = src;
    if (this.normFirst) {
      x = E.add(x, this._saBlock(this.norm1(x), mask, kpm, this.dropout1));
      return E.add(x, this._ffBlock(this.norm2(x), this.dropout2));
    }
    x = this.norm1(E.add(x, this._saBlock(x, mask, kpm, this.dropout1)));
    return this.norm2(E.add(x, this._ffBlock(x, this.dropout2)));
  }
}

/**
 * One decoder layer: self-attention over tgt, attention to the encoder's memory, a feed-forward block, each with a
 *
 * residual and a LayerNorm. forward(tgt, memory, tgtMask?, memoryMask?, tgtKeyPaddingMask?, memoryKeyPaddingMask?).
 *
 * @see torch.nn.TransformerDecoderLayer
 * @example
 * ```ts
 * const layer = new tg.nn.TransformerDecoderLayer(8, 2, { dimFeedforward: 16 })
 * layer.eval()
 * layer(tg.randn(4, 2, 8), tg.randn(5, 2, 8)).shape // => [4, 2, 8]
 * ```
 */
export class TransformerDecoderLayer extends LayerBase {
  declare multiheadAttn: MultiheadAttention;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare norm3: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  declare dropout3: Dropout;
  constructor(dModel: number | LayerOptions, nhead?: number | LayerOptions, dimFeedforward?: number | LayerOptions, dropout?: number | LayerOptions,
    activation?: Activation | LayerOptions, layerNormEps?: number | LayerOptions, batchFirst?: boolean | LayerOptions, normFirst?: boolean | LayerOptions, dtype?: DType) {
    super('TransformerDecoderLayer', parseArgs(SIG.TransformerDecoderLayer, arguments), true);
  }
  /** @internal */
  _mhaBlock(x: Tensor, mem: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    const [y] = this.multiheadAttn(x, mem, mem, { attnMask, keyPaddingMask, needWeights: false }) as [Tensor, Tensor | null];
    return this.dropout2(y) as Tensor;
  }
  override forward(tgt: Tensor, memory: Tensor, tgtMask?: Tensor | null, memoryMask?: Tensor | null, tgtKeyPaddingMask?: Tensor | null, memoryKeyPaddingMask?: Tensor | null): Tensor {
    const tm = tgtMask ?? null, mm = memoryMask ?? null, tk = tgtKeyPaddingMask ?? null, mk = memoryKeyPaddingMask ?? null;
    let x = tgt;
    if (this.normFirst) {
      x = E.add(x, this._saBlock(this.norm1(x), tm, tk, this.dropout1));
      x = E.add(x, this._mhaBlock(this.norm2(x), memory, mm, mk));
      return E.add(x, this._ffBlock(this.norm3(x), this.dropout3));
    }
    x = this.norm1(E.add(x, this._saBlock(x, tm, tk, this.dropout1)));
    x = this.norm2(E.add(x, this._mhaBlock(x, memory, mm, mk)));
    return this.norm3(E.add(x, this._ffBlock(x, this.dropout3)));
  }
}

/** numLayers deep copies of layer in a ModuleList (PyTorch's _get_clones). */
function clones(op: string, layer: unknown, n: unknown, cls: typeof TransformerEncoderLayer | typeof TransformerDecoderLayer): ModuleList {
  if (!(layer instanceof Module)) throw typeError(op, `expected a ${cls.name}, got ${describe(layer)}`);
  const count = posInt(op, 'numLayers', n);
  return new ModuleList(Array.from({ length: count }, () => deepcopy(layer)));
}

function normArg(op: string, norm: unknown): Module | null {
  if (norm === undefined || norm === null) return null;
  if (!(norm instanceof Module)) throw typeError(op, `norm must be a Module or null, got ${describe(norm)}`);
  return norm;
}

/**
 * A stack of numLayers copies of encoderLayer, then norm if given. forward(src, mask?, srcKeyPaddingMask?).
 *
 * @see torch.nn.TransformerEncoder
 * @example
 * ```ts
 * const enc = new tg.nn.TransformerEncoder(new tg.nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }), 2)
 * enc.eval()
 * enc(tg.randn(5, 2, 8)).shape // => [5, 2, 8]
 * ```
 */
export class TransformerEncoder extends Module {
  layers: ModuleList;
  readonly numLayers: number;
  norm: Module | null;
  constructor(encoderLayer: TransformerEncoderLayer | { encoderLayer?: TransformerEncoderLayer; numLayers?: number; norm?: Module | null }, numLayers?: number | object,
    norm?: Module | null | object, enableNestedTensor?: boolean | object, maskCheck?: boolean | object) {
    super();
    [encoderLayer, numLayers, norm, enableNestedTensor, maskCheck] = parseArgs(SIG.TransformerEncoder, arguments) as [TransformerEncoderLayer, number, Module | null, boolean?, boolean?];
    void enableNestedTensor; // nested tensors are a fast-path representation; results are the same without them
    void maskCheck;
    this.layers = clones('TransformerEncoder', encoderLayer, numLayers, TransformerEncoderLayer);
    this.numLayers = numLayers;
    this.norm = normArg('TransformerEncoder', norm);
  }
  override forward(src: Tensor, mask?: Tensor | null, srcKeyPaddingMask?: Tensor | null): Tensor {
    let out = src;
    for (const layer of this.layers) out = layer(out, mask ?? null, srcKeyPaddingMask ?? null) as Tensor;
    return this.norm === null ? out : (this.norm(out) as Tensor);
  }
}

/**
 * A stack of numLayers copies of decoderLayer, then norm if given. forward(tgt, memory, tgtMask?, memoryMask?, ...).
 *
 * @see torch.nn.TransformerDecoder
 * @example
 * ```ts
 * const dec = new tg.nn.TransformerDecoder(new tg.nn.TransformerDecoderLayer(8, 2, { dimFeedforward: 16 }), 2)
 * dec.eval()
 * dec(tg.randn(4, 2, 8), tg.randn(5, 2, 8)).shape // => [4, 2, 8]
 * ```
 */
export class TransformerDecoder extends Module {
  layers: ModuleList;
  readonly numLayers: number;
  norm: Module | null;
  constructor(decoderLayer: TransformerDecoderLayer | { decoderLayer?: TransformerDecoderLayer; numLayers?: number; norm?: Module | null }, numLayers?: number | object, norm?: Module | null | object) {
    super();
    [decoderLayer, numLayers, norm] = parseArgs(SIG.TransformerDecoder, arguments) as [TransformerDecoderLayer, number, Module | null];
    this.layers = clones('TransformerDecoder', decoderLayer, numLayers, TransformerDecoderLayer);
    this.numLayers = numLayers;
    this.norm = normArg('TransformerDecoder', norm);
  }
  override forward(tgt: Tensor, memory: Tensor, tgtMask?: Tensor | null, memoryMask?: Tensor | null, tgtKeyPaddingMask?: Tensor | null, memoryKeyPaddingMask?: Tensor | null): Tensor {
    let out = tgt;
    for (const layer of this.layers) out = layer(out, memory, tgtMask ?? null, memoryMask ?? null, tgtKeyPaddingMask ?? null, memoryKeyPaddingMask ?? null) as Tensor;
    return this.norm === null ? out : (this.norm(out) as Tensor);
  }
}

export interface TransformerOptions extends LayerOptions {
  numEncoderLayers?: number;
  numDecoderLayers?: number;
  customEncoder?: Module | null;
  customDecoder?: Module | null;
}

/**
 * The encoder-decoder transformer of "Attention Is All You Need" (PyTorch's nn.Transformer, defaults dModel 512,
 *
 * 8 heads, 6 + 6 layers, feed-forward 2048, dropout 0.1); every weight matrix re-initialized Xavier-uniform.
 * forward(src, tgt, srcMask?, tgtMask?, memoryMask?, srcKeyPaddingMask?, tgtKeyPaddingMask?, memoryKeyPaddingMask?).
 *
 * @see torch.nn.Transformer
 * @example
 * ```ts
 * const t = new tg.nn.Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16 })
 * t.eval()
 * t(tg.randn(5, 2, 8), tg.randn(4, 2, 8)).shape // => [4, 2, 8]
 * ```
 */
export class Transformer extends Module {
  encoder: Module;
  decoder: Module;
  readonly dModel: number;
  readonly nhead: number;
  readonly batchFirst: boolean;
  constructor(dModel?: number | TransformerOptions, nhead?: number | TransformerOptions, numEncoderLayers?: number | TransformerOptions, numDecoderLayers?: number | TransformerOptions,
    dimFeedforward?: number | TransformerOptions, dropout?: number | TransformerOptions, activation?: Activation | TransformerOptions, customEncoder?: Module | null | TransformerOptions,
    customDecoder?: Module | null | TransformerOptions, layerNormEps?: number | TransformerOptions, batchFirst?: boolean | TransformerOptions, normFirst?: boolean | TransformerOptions, dtype?: DType) {
    super();
    const a = parseArgs(SIG.Transformer, arguments) as [number?, number?, number?, number?, number?, number?, Activation?, (Module | null)?, (Module | null)?, number?, boolean?, boolean?, DType?];
    [dModel, nhead, numEncoderLayers, numDecoderLayers, dimFeedforward, dropout, activation, customEncoder, customDecoder, layerNormEps, batchFirst, normFirst, dtype] = a;
    const d = dModel ?? 512, h = nhead ?? 8, eps = layerNormEps ?? 1e-5, dt = dtype ?? defaultFloat();
    const layerArgs = { dimFeedforward: dimFeedforward ?? 2048, dropout: dropout ?? 0.1, activation: activation ?? 'relu', layerNormEps: eps, batchFirst: batchFirst ?? false, normFirst: normFirst ?? false, dtype: dt } as LayerOptions;
    this.encoder = customEncoder ?? new TransformerEncoder(new TransformerEncoderLayer(d, h, layerArgs), numEncoderLayers ?? 6, new LayerNorm(d, { eps, dtype: dt }));
    this.decoder = customDecoder ?? new TransformerDecoder(new TransformerDecoderLayer(d, h, layerArgs), numDecoderLayers ?? 6, new LayerNorm(d, { eps, dtype: dt }));
    this.dModel = d;
    this.nhead = h;
    this.batchFirst = batchFirst ?? false;
    for (const p of this.parameters()) if (p.ndim > 1) init.xavierUniform_(p);
  }
  override forward(src: Tensor, tgt: Tensor, srcMask?: Tensor | null, tgtMask?: Tensor | null, memoryMask?: Tensor | null,
    srcKeyPaddingMask?: Tensor | null, tgtKeyPaddingMask?: Tensor | null, memoryKeyPaddingMask?: Tensor | null): Tensor {
    const batched = src.ndim === 3;
    if (!this.batchFirst && src.shape[1] !== tgt.shape[1] && batched) throw rangeError('Transformer', 'the batch number of src and tgt must be equal');
    if (this.batchFirst && src.shape[0] !== tgt.shape[0] && batched) throw rangeError('Transformer', 'the batch number of src and tgt must be equal');
    if (src.shape[src.ndim - 1] !== this.dModel || tgt.shape[tgt.ndim - 1] !== this.dModel)
      throw rangeError('Transformer', 'the feature number of src and tgt must be equal to d_model');
    const memory = this.encoder(src, srcMask ?? null, srcKeyPaddingMask ?? null) as Tensor;
    return this.decoder(tgt, memory, tgtMask ?? null, memoryMask ?? null, tgtKeyPaddingMask ?? null, memoryKeyPaddingMask ?? null) as Tensor;
  }
  /**
   * The causal mask: -inf above the diagonal, 0 elsewhere.
   *
   * A float mask for sequences of length sz: -inf above the diagonal, 0 elsewhere (PyTorch's static method).
   *
   * @see torch.nn.Transformer.generate_square_subsequent_mask
   * @example
   * ```ts
   * tg.nn.Transformer.generateSquareSubsequentMask(3)
   * // tensor([[0., -inf, -inf],
   * //         [0., 0., -inf],
   * //         [0., 0., 0.]])
   * ```
   */
  static generateSquareSubsequentMask(sz: number): Tensor {
    return triu(full([sz, sz], -Infinity), 1);
  }
}

for (const [cls, sig] of [[TransformerEncoderLayer, SIG.TransformerEncoderLayer], [TransformerDecoderLayer, SIG.TransformerDecoderLayer],
  [TransformerEncoder, SIG.TransformerEncoder], [TransformerDecoder, SIG.TransformerDecoder], [Transformer, SIG.Transformer]] as const) declareConstructor(cls, sig);
kwMethods(TransformerEncoderLayer.prototype, 'TransformerEncoderLayer', { forward: 'src, srcMask, srcKeyPaddingMask' });
kwMethods(TransformerDecoderLayer.prototype, 'TransformerDecoderLayer', { forward: 'tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask' });
kwMethods(TransformerEncoder.prototype, 'TransformerEncoder', { forward: 'src, mask, srcKeyPaddingMask' });
kwMethods(TransformerDecoder.prototype, 'TransformerDecoder', { forward: 'tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask' });
kwMethods(Transformer.prototype, 'Transformer', { forward: 'src, tgt, srcMask, tgtMask, memoryMask, srcKeyPaddingMask, tgtKeyPaddingMask, memoryKeyPaddingMask' });
