// AlphaDropout, FeatureAlphaDropout and Dropout3d (torch/nn/modules/dropout.py): active only in training mode, with
// PyTorch's repr `AlphaDropout(p=0.5, inplace=False)`.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import { Module } from './module.js';
import { alphaDropout, featureAlphaDropout } from '../ops/stochastic.js';
import { dropout3d } from '../ops/dropout.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = {
  AlphaDropout: signature('nn.AlphaDropout', 'p, inplace'),
  FeatureAlphaDropout: signature('nn.FeatureAlphaDropout', 'p, inplace'),
  Dropout3d: signature('nn.Dropout3d', 'p, inplace'),
};

function probOf(op: string, args: ArrayLike<unknown>, sig: (typeof SIG)[keyof typeof SIG]): number {
  const [p = 0.5, inplace] = parseArgs(sig, args) as [number | undefined, boolean | undefined];
  if (inplace === true) throw typeError(op, 'inplace=True is not supported');
  if (inplace !== undefined && typeof inplace !== 'boolean') throw typeError(op, `inplace must be a boolean, got ${describe(inplace)}`);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw rangeError(op, `dropout probability has to be between 0 and 1, but got ${String(p)}`);
  return p;
}

/**
 * Alpha dropout for SELU networks.
 *
 * @see torch.nn.AlphaDropout
 * @example
 * ```ts
 * const m = new tg.nn.AlphaDropout(0.2)
 * String(m) // => 'AlphaDropout(p=0.2, inplace=False)'
 * m.eval()(tg.ones(3)) // tensor([1., 1., 1.])
 * ```
 */
export class AlphaDropout extends Module {
  readonly p: number;
  constructor(p?: number | { p?: number; inplace?: boolean }, inplace?: boolean) {
    super();
    this.p = probOf('AlphaDropout', arguments, SIG.AlphaDropout);
    void p, inplace;
  }
  override forward(input: Tensor): Tensor {
    return alphaDropout(input, this.p, this.training);
  }
  override extraRepr(): string {
    return `p=${pyFloatRepr(this.p)}, inplace=False`;
  }
}

/**
 * Alpha dropout of whole channels.
 *
 * @see torch.nn.FeatureAlphaDropout
 * @example
 * ```ts
 * const m = new tg.nn.FeatureAlphaDropout(0.2)
 * String(m) // => 'FeatureAlphaDropout(p=0.2, inplace=False)'
 * m.eval()(tg.ones(1, 2, 2)).shape
 * ```
 */
export class FeatureAlphaDropout extends Module {
  readonly p: number;
  constructor(p?: number | { p?: number; inplace?: boolean }, inplace?: boolean) {
    super();
    this.p = probOf('FeatureAlphaDropout', arguments, SIG.FeatureAlphaDropout);
    void p, inplace;
  }
  override forward(input: Tensor): Tensor {
    return featureAlphaDropout(input, this.p, this.training);
  }
  override extraRepr(): string {
    return `p=${pyFloatRepr(this.p)}, inplace=False`;
  }
}

/**
 * Zeroes whole channels of [N, C, D, H, W] (or [C, D, H, W]) input with probability p in training mode
 * (F.dropout3d).
 *
 * @see torch.nn.Dropout3d
 * @example
 * ```ts
 * const m = new tg.nn.Dropout3d()
 * String(m) // => 'Dropout3d(p=0.5, inplace=False)'
 * m.eval()(tg.ones(1, 2, 2, 2, 2)).shape
 * ```
 */
export class Dropout3d extends Module {
  readonly p: number;
  constructor(p?: number | { p?: number; inplace?: boolean }, inplace?: boolean) {
    super();
    this.p = probOf('Dropout3d', arguments, SIG.Dropout3d);
    void p, inplace;
  }
  override forward(input: Tensor): Tensor {
    return dropout3d(input, this.p, this.training);
  }
  override extraRepr(): string {
    return `p=${pyFloatRepr(this.p)}, inplace=False`;
  }
}

for (const [name, cls] of Object.entries({ AlphaDropout, FeatureAlphaDropout, Dropout3d })) {
  declareConstructor(cls, SIG[name as keyof typeof SIG]);
  kwMethods(cls.prototype, name, { forward: 'input', extraRepr: '' });
}
export interface AlphaDropout { (input: Tensor): Tensor }
export interface FeatureAlphaDropout { (input: Tensor): Tensor }
export interface Dropout3d { (input: Tensor): Tensor }
