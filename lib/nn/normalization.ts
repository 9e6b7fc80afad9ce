// Normalization modules (torch/nn/modules/batchnorm.py, instancenorm.py, normalization.py): BatchNorm1d/2d/3d,
// InstanceNorm1d/2d/3d, GroupNorm, LocalResponseNorm, with PyTorch 1.13's constructors, buffers, train/eval
// behaviour and repr. The functional forms are in lib/ops/normalization.ts.
//
// Note [Running-stat buffers]: the buffers are the attributes runningMean, runningVar and numBatchesTracked
// (the naming rule), shown under PyTorch's names running_mean, running_var and num_batches_tracked (Note
// [PyTorch names] in module.ts), so stateDict() keys match PyTorch's and checkpoints load through safetensors.
// num_batches_tracked is int64 in PyTorch; tensorgrad has no int64 yet, so it is a 0-dim int32 (exact up to
// 2^31 - 1 training steps; safetensors loads PyTorch's I64 as int32). With trackRunningStats false the three
// buffers are registered as null, as PyTorch's, and so are absent from stateDict.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty, zeros, ones, tensor } from '../ops/creation.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { unsqueeze, squeeze } from '../ops/shape.js';
import { defaultFloat } from '../dtype.js';

const NORM_PARAMS = 'numFeatures, eps, momentum, affine, trackRunningStats, dtype';
const SIG = {
  BatchNorm1d: signature('nn.BatchNorm1d', NORM_PARAMS),
  BatchNorm2d: signature('nn.BatchNorm2d', NORM_PARAMS),
  BatchNorm3d: signature('nn.BatchNorm3d', NORM_PARAMS),
  InstanceNorm1d: signature('nn.InstanceNorm1d', NORM_PARAMS),
  InstanceNorm2d: signature('nn.InstanceNorm2d', NORM_PARAMS),
  InstanceNorm3d: signature('nn.InstanceNorm3d', NORM_PARAMS),
  GroupNorm: signature('nn.GroupNorm', 'numGroups, numChannels, eps, affine, dtype'),
  LocalResponseNorm: signature('nn.LocalResponseNorm', 'size, alpha, beta, k'),
};

export interface NormOptions {
  numFeatures?: number;
  eps?: number;
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
  dtype?: DType;
}

const pyBool = (b: boolean): string => (b ? 'True' : 'False');

function count(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw typeError(op, `${name} must be a non-negative integer, got ${describe(v)}`);
  return v;
}
function flag(op: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
  return v;
}
function float(op: string, name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number') throw typeError(op, `${name} must be a number, got ${describe(v)}`);
  return v;
}

/** PyTorch's _NormBase (same name): weight/bias (affine) and the running-stat buffers (Note [Running-stat buffers]). */
abstract class _NormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight!: Tensor | null;
  bias!: Tensor | null;
  declare runningMean: Tensor | null;
  declare runningVar: Tensor | null;
  /** A 0-dim int32 (Note [Running-stat buffers]). */
  declare numBatchesTracked: Tensor | null;

  protected constructor(op: string, args: unknown[], affineDefault: boolean, trackDefault: boolean) {
    super();
    const [nf, eps, momentum, affine, track, dtype] = args as [unknown, unknown, unknown, unknown, unknown, DType | undefined];
    this.numFeatures = count(op, 'numFeatures', nf);
    this.eps = float(op, 'eps', eps, 1e-5);
    this.momentum = momentum === null ? null : float(op, 'momentum', momentum, 0.1);
    this.affine = flag(op, 'affine', affine, affineDefault);
    this.trackRunningStats = flag(op, 'trackRunningStats', track, trackDefault);
    const dt = dtype ?? defaultFloat();
    if (this.affine) {
      this.weight = Parameter(empty([this.numFeatures], { dtype: dt }));
      this.bias = Parameter(empty([this.numFeatures], { dtype: dt }));
    } else {
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    if (this.trackRunningStats) {
      this.registerBuffer('runningMean', zeros([this.numFeatures], { dtype: dt }));
      this.registerBuffer('runningVar', ones([this.numFeatures], { dtype: dt }));
      this.registerBuffer('numBatchesTracked', tensor(0, { dtype: 'int64' }));
    } else {
      for (const b of ['runningMean', 'runningVar', 'numBatchesTracked']) this.registerBuffer(b, null);
    }
    for (const [attr, name] of [['runningMean', 'running_mean'], ['runningVar', 'running_var'], ['numBatchesTracked', 'num_batches_tracked']]) this._pyName(attr, name);
    this.resetParameters();
  }

  /**
   * Resets running mean to 0, running var to 1 and the batch counter to 0.
   *
   * Running mean 0, running variance 1, no batches tracked.
   *
   * @see torch.nn.BatchNorm1d.reset_running_stats
   * @example
   * ```ts
   * const bn = new tg.nn.BatchNorm1d(2)
   * bn(tg.tensor([[1, 2], [3, 6]]))
   * bn.resetRunningStats()
   * bn.runningMean // tensor([0., 0.])
   * ```
   */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    this.runningMean!.zero_();
    this.runningVar!.fill_(1);
    this.numBatchesTracked!.zero_();
  }

  /**
   * Resets the running statistics, weight to ones and bias to zeros.
   *
   * resetRunningStats, then weight 1 and bias 0.
   *
   * @see torch.nn.BatchNorm1d.reset_parameters
   * @example
   * ```ts
   * const bn = new tg.nn.BatchNorm1d(2)
   * bn.resetParameters()
   * bn.weight.data // tensor([1., 1.])
   * ```
   */
  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }

  /** In training with running stats: counts the batch, and the momentum (or, when null, 1 / batches seen). */
  protected _averageFactor(): number {
    let factor = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.numBatchesTracked !== null) {
      const n = this.numBatchesTracked;
      n.fill_((n.item() as number) + 1);
      factor = this.momentum ?? 1 / (n.item() as number);
    }
    return factor;
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${pyFloatRepr(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloatRepr(this.momentum)}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`;
  }
}

/** PyTorch's _BatchNorm.forward: batch statistics in training (or without running stats), the running ones in eval. */
abstract class _BatchNorm extends _NormBase {
  protected abstract _checkInputDim(input: Tensor): void;
  override forward(input: Tensor): Tensor {
    this._checkInputDim(input);
    const factor = this._averageFactor();
    const useBatch = this.training || (this.runningMean === null && this.runningVar === null);
    const track = !this.training || this.trackRunningStats;
    return F.batchNorm(input, track ? this.runningMean : null, track ? this.runningVar : null, this.weight, this.bias, useBatch, factor, this.eps);
  }
}

function dimError(op: string, want: string, input: Tensor): RangeError {
  return rangeError(op, `expected ${want} input (got ${input.ndim}D input of shape ${fmtShape(input.shape)})`);
}
function checkTensorArg(op: string, input: unknown): asserts input is Tensor {
  if (!(input instanceof Tensor)) throw typeError(op, `expected a Tensor input, got ${describe(input)}`);
}

/**
 * Batch normalization of [N, C] or [N, C, L] input per channel (F.batchNorm).
 *
 * @see torch.nn.BatchNorm1d
 * @example
 * ```ts
 * const m = new tg.nn.BatchNorm1d(2)
 * String(m) // => 'BatchNorm1d(2, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * m(tg.tensor([[1, 2], [3, 6]]))
 * // tensor([[-1.0000, -1.0000],
 * //         [ 1.0000,  1.0000]], grad_fn=<NativeBatchNormBackward0>)
 * ```
 */
export class BatchNorm1d extends _BatchNorm {
  constructor(numFeatures: number | NormOptions, eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    super('BatchNorm1d', parseArgs(SIG.BatchNorm1d, arguments), true, true);
    void numFeatures, eps, momentum, affine, trackRunningStats, dtype;
  }
  protected _checkInputDim(input: Tensor): void {
    checkTensorArg('BatchNorm1d', input);
    if (input.ndim !== 2 && input.ndim !== 3) throw dimError('BatchNorm1d', '2D or 3D', input);
  }
}

/**
 * Batch normalization of [N, C, H, W] input per channel (F.batchNorm).
 *
 * @see torch.nn.BatchNorm2d
 * @example
 * ```ts
 * const m = new tg.nn.BatchNorm2d(3)
 * String(m) // => 'BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * m(tg.randn(4, 3, 2, 2)).shape
 * ```
 */
export class BatchNorm2d extends _BatchNorm {
  constructor(numFeatures: number | NormOptions, eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    super('BatchNorm2d', parseArgs(SIG.BatchNorm2d, arguments), true, true);
    void numFeatures, eps, momentum, affine, trackRunningStats, dtype;
  }
  protected _checkInputDim(input: Tensor): void {
    checkTensorArg('BatchNorm2d', input);
    if (input.ndim !== 4) throw dimError('BatchNorm2d', '4D', input);
  }
}

/**
 * Batch normalization of [N, C, D, H, W] input per channel (F.batchNorm).
 *
 * @see torch.nn.BatchNorm3d
 * @example
 * ```ts
 * const m = new tg.nn.BatchNorm3d(1)
 * String(m) // => 'BatchNorm3d(1, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * m(tg.randn(2, 1, 2, 2, 2)).shape
 * ```
 */
export class BatchNorm3d extends _BatchNorm {
  constructor(numFeatures: number | NormOptions, eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    super('BatchNorm3d', parseArgs(SIG.BatchNorm3d, arguments), true, true);
    void numFeatures, eps, momentum, affine, trackRunningStats, dtype;
  }
  protected _checkInputDim(input: Tensor): void {
    checkTensorArg('BatchNorm3d', input);
    if (input.ndim !== 5) throw dimError('BatchNorm3d', '5D', input);
  }
}

/** PyTorch's _InstanceNorm.forward: an unbatched input gets a batch dim; running stats used in eval when tracked. */
abstract class _InstanceNorm extends _NormBase {
  protected abstract readonly op: string;
  protected abstract readonly spatial: number;
  override forward(input: Tensor): Tensor {
    const op = this.op, nd = this.spatial;
    checkTensorArg(op, input);
    if (input.ndim !== nd + 1 && input.ndim !== nd + 2) throw dimError(op, `${nd + 1}D or ${nd + 2}D`, input);
    const featureDim = input.ndim - nd - 1;
    // the weight's size, not numFeatures: a lazy module loaded from a checkpoint keeps numFeatures 0 (lazy.ts)
    const nf = this.weight?.shape[0] ?? this.numFeatures;
    if (input.shape[featureDim] !== nf && this.affine)
      throw rangeError(op, `expected input's size at dim=${featureDim} to match num_features (${nf}), but got: ${input.shape[featureDim]} (input of shape ${fmtShape(input.shape)})`);
    const x = input.ndim === nd + 1 ? unsqueeze(input, 0) : input;
    const useInput = this.training || !this.trackRunningStats;
    const y = F.instanceNorm(x, this.runningMean, this.runningVar, this.weight, this.bias, useInput, this.momentum ?? 0.1, this.eps);
    return input.ndim === nd + 1 ? squeeze(y, 0) : y;
  }
}

/**
 * Instance normalization of [N, C, L] or [C, L] input (F.instanceNorm).
 *
 * @see torch.nn.InstanceNorm1d
 * @example
 * ```ts
 * const m = new tg.nn.InstanceNorm1d(2)
 * String(m) // => 'InstanceNorm1d(2, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)'
 * m(tg.tensor([[[1, 3], [2, 6]]]))
 * // tensor([[[-1.0000,  1.0000],
 * //          [-1.0000,  1.0000]]])
 * ```
 */
export class InstanceNorm1d extends _InstanceNorm {
  protected readonly op = 'InstanceNorm1d';
  protected readonly spatial = 1;
  constructor(numFeatures: number | NormOptions, eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    super('InstanceNorm1d', parseArgs(SIG.InstanceNorm1d, arguments), false, false);
    void numFeatures, eps, momentum, affine, trackRunningStats, dtype;
  }
}

/**
 * Instance normalization of [N, C, H, W] or [C, H, W] input (F.instanceNorm).
 *
 * @see torch.nn.InstanceNorm2d
 * @example
 * ```ts
 * const m = new tg.nn.InstanceNorm2d(2, { affine: true })
 * String(m) // => 'InstanceNorm2d(2, eps=1e-05, momentum=0.1, affine=True, track_running_stats=False)'
 * m(tg.randn(1, 2, 3, 3)).shape
 * ```
 */
export class InstanceNorm2d extends _InstanceNorm {
  protected readonly op = 'InstanceNorm2d';
  protected readonly spatial = 2;
  constructor(numFeatures: number | NormOptions, eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    super('InstanceNorm2d', parseArgs(SIG.InstanceNorm2d, arguments), false, false);
    void numFeatures, eps, momentum, affine, trackRunningStats, dtype;
  }
}

/**
 * Instance normalization of [N, C, D, H, W] or [C, D, H, W] input (F.instanceNorm).
 *
 * @see torch.nn.InstanceNorm3d
 * @example
 * ```ts
 * const m = new tg.nn.InstanceNorm3d(2)
 * String(m) // => 'InstanceNorm3d(2, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)'
 * m(tg.randn(1, 2, 2, 3, 3)).shape
 * ```
 */
export class InstanceNorm3d extends _InstanceNorm {
  protected readonly op = 'InstanceNorm3d';
  protected readonly spatial = 3;
  constructor(numFeatures: number | NormOptions, eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    super('InstanceNorm3d', parseArgs(SIG.InstanceNorm3d, arguments), false, false);
    void numFeatures, eps, momentum, affine, trackRunningStats, dtype;
  }
}

/**
 * Group normalization (F.groupNorm) with per-channel weight (ones) and bias (zeros) unless affine is false.
 *
 * @see torch.nn.GroupNorm
 * @example
 * ```ts
 * const m = new tg.nn.GroupNorm(2, 4)
 * String(m) // => 'GroupNorm(2, 4, eps=1e-05, affine=True)'
 * m(tg.randn(1, 4, 3)).shape
 * ```
 */
export class GroupNorm extends Module {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  constructor(numGroups: number | { numGroups?: number; numChannels?: number; eps?: number; affine?: boolean; dtype?: DType }, numChannels?: number | object, eps?: number | object, affine?: boolean | object, dtype?: DType) {
    super();
    const [g, c, e, a, dt] = parseArgs(SIG.GroupNorm, arguments) as [unknown, unknown, unknown, unknown, DType | undefined];
    const op = 'GroupNorm';
    this.numGroups = count(op, 'numGroups', g);
    this.numChannels = count(op, 'numChannels', c);
    if (this.numGroups === 0 || this.numChannels % this.numGroups !== 0) throw rangeError(op, `num_channels (${this.numChannels}) must be divisible by num_groups (${this.numGroups})`);
    this.eps = float(op, 'eps', e, 1e-5);
    this.affine = flag(op, 'affine', a, true);
    if (this.affine) {
      this.weight = Parameter(empty([this.numChannels], { dtype: dt ?? defaultFloat() }));
      this.bias = Parameter(empty([this.numChannels], { dtype: dt ?? defaultFloat() }));
    } else {
      this.weight = null;
      this.bias = null;
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    this.resetParameters();
    void numGroups, numChannels, eps, affine, dtype;
  }
  /**
   * Resets weight to ones and bias to zeros.
   *
   * @see GroupNorm.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.GroupNorm(1, 2)
   * m.resetParameters()
   * m.bias.data // tensor([0., 0.])
   * ```
   */
  resetParameters(): void {
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }
  override forward(input: Tensor): Tensor {
    return F.groupNorm(input, this.numGroups, this.weight, this.bias, this.eps);
  }
  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloatRepr(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}

/**
 * Local response normalization across channels (F.localResponseNorm).
 *
 * @see torch.nn.LocalResponseNorm
 * @example
 * ```ts
 * const m = new tg.nn.LocalResponseNorm(2)
 * String(m) // => 'LocalResponseNorm(2, alpha=0.0001, beta=0.75, k=1.0)'
 * m(tg.ones(1, 3, 2)).shape
 * ```
 */
export class LocalResponseNorm extends Module {
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;
  constructor(size: number | { size?: number; alpha?: number; beta?: number; k?: number }, alpha?: number | object, beta?: number | object, k?: number) {
    super();
    const [s, a, b, kk] = parseArgs(SIG.LocalResponseNorm, arguments) as [unknown, unknown, unknown, unknown];
    const op = 'LocalResponseNorm';
    this.size = count(op, 'size', s);
    this.alpha = float(op, 'alpha', a, 1e-4);
    this.beta = float(op, 'beta', b, 0.75);
    this.k = float(op, 'k', kk, 1);
    void size, alpha, beta, k;
  }
  override forward(input: Tensor): Tensor {
    return F.localResponseNorm(input, this.size, this.alpha, this.beta, this.k);
  }
  override extraRepr(): string {
    return `${this.size}, alpha=${pyFloatRepr(this.alpha)}, beta=${pyFloatRepr(this.beta)}, k=${pyFloatRepr(this.k)}`;
  }
}

const CLASSES = { BatchNorm1d, BatchNorm2d, BatchNorm3d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, GroupNorm, LocalResponseNorm };
for (const [name, cls] of Object.entries(CLASSES)) declareConstructor(cls, SIG[name as keyof typeof SIG]);
kwMethods(_NormBase.prototype, '_NormBase', { resetRunningStats: '', resetParameters: '', extraRepr: '' });
kwMethods(_BatchNorm.prototype, '_BatchNorm', { forward: 'input' });
kwMethods(_InstanceNorm.prototype, '_InstanceNorm', { forward: 'input' });
kwMethods(GroupNorm.prototype, 'GroupNorm', { resetParameters: '', forward: 'input', extraRepr: '' });
kwMethods(LocalResponseNorm.prototype, 'LocalResponseNorm', { forward: 'input', extraRepr: '' });

export interface BatchNorm1d { (input: Tensor): Tensor }
export interface BatchNorm2d { (input: Tensor): Tensor }
export interface BatchNorm3d { (input: Tensor): Tensor }
export interface InstanceNorm1d { (input: Tensor): Tensor }
export interface InstanceNorm2d { (input: Tensor): Tensor }
export interface InstanceNorm3d { (input: Tensor): Tensor }
export interface GroupNorm { (input: Tensor): Tensor }
export interface LocalResponseNorm { (input: Tensor): Tensor }
