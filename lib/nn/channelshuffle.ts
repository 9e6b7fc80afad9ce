// nn.RReLU (torch/nn/modules/activation.py) and nn.ChannelShuffle (channelshuffle.py), with PyTorch 1.13's
// constructors and repr. The functional forms are lib/ops/rrelu.ts and lib/ops/dropout.ts.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe } from '../errors.js';
import { Module } from './module.js';
import * as F from './functional.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = {
  RReLU: signature('nn.RReLU', 'lower, upper, inplace'),
  ChannelShuffle: signature('nn.ChannelShuffle', 'groups'),
};

/**
 * Randomized leaky ReLU (F.rrelu): slopes drawn from U[lower, upper) in training, (lower + upper) / 2 in eval.
 *
 * @see torch.nn.RReLU
 * @example
 * ```ts
 * const m = new tg.nn.RReLU(0.1, 0.3)
 * String(m) // => 'RReLU(lower=0.1, upper=0.3)'
 * m.eval()(tg.tensor([-1, 2])) // tensor([-0.2000,  2.0000])
 * ```
 */
export class RReLU extends Module {
  readonly lower: number;
  readonly upper: number;
  constructor(lower?: number | { lower?: number; upper?: number; inplace?: boolean }, upper?: number | { upper?: number; inplace?: boolean }, inplace?: boolean) {
    super();
    const [lo = 1 / 8, hi = 1 / 3, ip] = parseArgs(SIG.RReLU, arguments) as [unknown, unknown, unknown];
    void lower, upper, inplace;
    if (typeof lo !== 'number' || typeof hi !== 'number') throw typeError('RReLU', `lower and upper must be numbers, got ${describe(lo)} and ${describe(hi)}`);
    if (ip === true) throw typeError('RReLU', 'inplace=True is not supported');
    if (ip !== undefined && typeof ip !== 'boolean') throw typeError('RReLU', `inplace must be a boolean, got ${describe(ip)}`);
    this.lower = lo;
    this.upper = hi;
  }
  override forward(input: Tensor): Tensor {
    return F.rrelu(input, this.lower, this.upper, this.training);
  }
  override extraRepr(): string {
    return `lower=${pyFloatRepr(this.lower)}, upper=${pyFloatRepr(this.upper)}`;
  }
}

/**
 * Interleaves the channels of `groups` groups (F.channelShuffle), ShuffleNet's channel permutation.
 *
 * @see torch.nn.ChannelShuffle
 * @example
 * ```ts
 * const m = new tg.nn.ChannelShuffle(2)
 * String(m) // => 'ChannelShuffle(groups=2)'
 * m(tg.arange(4).reshape(1, 4, 1)).flatten().tolist() // => [0, 2, 1, 3]
 * ```
 */
export class ChannelShuffle extends Module {
  readonly groups: number;
  constructor(groups: number | { groups?: number }) {
    super();
    const [g] = parseArgs(SIG.ChannelShuffle, arguments) as [unknown];
    void groups;
    if (typeof g !== 'number' || !Number.isInteger(g)) throw typeError('ChannelShuffle', `groups must be an integer, got ${describe(g)}`);
    if (g <= 0) throw rangeError('ChannelShuffle', `groups must be positive, got ${g}`);
    this.groups = g;
  }
  override forward(input: Tensor): Tensor {
    return F.channelShuffle(input, this.groups);
  }
  override extraRepr(): string {
    return `groups=${this.groups}`;
  }
}

for (const [name, cls] of Object.entries({ RReLU, ChannelShuffle })) {
  declareConstructor(cls, SIG[name as keyof typeof SIG]);
  kwMethods(cls.prototype, name, { forward: 'input', extraRepr: '' });
}
export interface RReLU { (input: Tensor): Tensor }
export interface ChannelShuffle { (input: Tensor): Tensor }
