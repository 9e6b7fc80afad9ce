// The loss modules of torch/nn/modules/loss.py beyond MSELoss / NLLLoss / CrossEntropyLoss / BCEWithLogitsLoss
// (lib/nn/layers.ts): each keeps its constructor options as given and passes them to its tg.nn.functional loss.
// Their repr is the bare class name, as PyTorch's (no extra_repr).
import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import * as L from '../ops/loss.js';
import { ctcLoss } from '../ops/ctc.js';
import { PairwiseDistance } from './distance.js';
import { rangeError, describe } from '../errors.js';
import type { LossReduction } from '../ops/loss.js';
import { signature, parseArgs, declareConstructor, kwMethods, type Signature } from '../kwargs.js';

const LEGACY = 'sizeAverage, reduce, reduction';
const SIG = {
  L1Loss: signature('nn.L1Loss', LEGACY),
  SmoothL1Loss: signature('nn.SmoothL1Loss', `${LEGACY}, beta`),
  HuberLoss: signature('nn.HuberLoss', 'reduction, delta'),
  BCELoss: signature('nn.BCELoss', `weight, ${LEGACY}`),
  KLDivLoss: signature('nn.KLDivLoss', `${LEGACY}, logTarget`),
  PoissonNLLLoss: signature('nn.PoissonNLLLoss', 'logInput, full, sizeAverage, eps, reduce, reduction'),
  GaussianNLLLoss: signature('nn.GaussianNLLLoss', 'full, eps, reduction'),
  MarginRankingLoss: signature('nn.MarginRankingLoss', `margin, ${LEGACY}`),
  HingeEmbeddingLoss: signature('nn.HingeEmbeddingLoss', `margin, ${LEGACY}`),
  CosineEmbeddingLoss: signature('nn.CosineEmbeddingLoss', `margin, ${LEGACY}`),
  TripletMarginLoss: signature('nn.TripletMarginLoss', `margin, p, eps, swap, ${LEGACY}`),
  SoftMarginLoss: signature('nn.SoftMarginLoss', LEGACY),
  MultiLabelSoftMarginLoss: signature('nn.MultiLabelSoftMarginLoss', `weight, ${LEGACY}`),
  MultiMarginLoss: signature('nn.MultiMarginLoss', `p, margin, weight, ${LEGACY}`),
  MultiLabelMarginLoss: signature('nn.MultiLabelMarginLoss', LEGACY),
  CTCLoss: signature('nn.CTCLoss', 'blank, reduction, zeroInfinity'),
  TripletMarginWithDistanceLoss: signature('nn.TripletMarginWithDistanceLoss', 'distanceFunction, margin, swap, reduction'),
};

type Opts = Record<string, unknown>;
type Arg = Opts | Tensor | number | boolean | string | null | undefined;

/** Base of the loss modules: the given options (undefined entries dropped), by their PyTorch names. */
abstract class Loss extends Module {
  readonly opts: Opts;
  constructor(sig: Signature, args: ArrayLike<unknown>) {
    super();
    const values = parseArgs(sig, args);
    const opts: Opts = {};
    sig.names.forEach((n, i) => {
      if (values[i] !== undefined) opts[n] = values[i];
    });
    this.opts = opts;
  }
}

/**
 * Mean absolute error.
 *
 * @see torch.nn.L1Loss
 * @example
 * ```ts
 * const loss = new tg.nn.L1Loss()
 * loss(tg.tensor([1, 2]), tg.tensor([2, 4])) // tensor(1.5000)
 * ```
 */
export class L1Loss extends Loss {
  constructor(sizeAverage?: Arg, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.L1Loss, arguments);
    void sizeAverage, reduce, reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.l1Loss(input, target, this.opts);
  }
}
/**
 * Smooth L1 (quadratic below beta, linear above).
 *
 * @see torch.nn.SmoothL1Loss
 * @example
 * ```ts
 * const loss = new tg.nn.SmoothL1Loss()
 * loss(tg.tensor([0, 3]), tg.tensor([0.5, 0])) // tensor(1.3125)
 * ```
 */
export class SmoothL1Loss extends Loss {
  constructor(sizeAverage?: Arg, reduce?: boolean | null, reduction?: LossReduction, beta?: number) {
    super(SIG.SmoothL1Loss, arguments);
    void sizeAverage, reduce, reduction, beta;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.smoothL1Loss(input, target, this.opts);
  }
}
/**
 * Huber loss (quadratic below delta, delta-scaled linear above).
 *
 * @see torch.nn.HuberLoss
 * @example
 * ```ts
 * const loss = new tg.nn.HuberLoss({ delta: 1 })
 * loss(tg.tensor([0, 3]), tg.tensor([0.5, 0])) // tensor(1.3125)
 * ```
 */
export class HuberLoss extends Loss {
  constructor(reduction?: Arg, delta?: number) {
    super(SIG.HuberLoss, arguments);
    void reduction, delta;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.huberLoss(input, target, this.opts);
  }
}
/**
 * Binary cross entropy of probabilities.
 *
 * @see torch.nn.BCELoss
 * @example
 * ```ts
 * const loss = new tg.nn.BCELoss()
 * loss(tg.tensor([0.5, 0.9]), tg.tensor([0, 1])) // tensor(0.3993)
 * ```
 */
export class BCELoss extends Loss {
  constructor(weight?: Arg, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.BCELoss, arguments);
    void weight, sizeAverage, reduce, reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.binaryCrossEntropy(input, target, this.opts);
  }
}
/**
 * Kullback-Leibler divergence (input in log space; target too with logTarget).
 *
 * @see torch.nn.KLDivLoss
 * @example
 * ```ts
 * const loss = new tg.nn.KLDivLoss({ reduction: 'batchmean' })
 * loss(tg.tensor([[0.5, 0.5]]).log(), tg.tensor([[0.25, 0.75]])) // tensor(0.1308)
 * ```
 */
export class KLDivLoss extends Loss {
  constructor(sizeAverage?: Arg, reduce?: boolean | null, reduction?: LossReduction | 'batchmean', logTarget?: boolean) {
    super(SIG.KLDivLoss, arguments);
    void sizeAverage, reduce, reduction, logTarget;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.klDiv(input, target, this.opts);
  }
}
/**
 * Poisson negative log likelihood.
 *
 * @see torch.nn.PoissonNLLLoss
 * @example
 * ```ts
 * const loss = new tg.nn.PoissonNLLLoss()
 * loss(tg.tensor([0, 1]), tg.tensor([1, 2])) // tensor(0.8591)
 * ```
 */
export class PoissonNLLLoss extends Loss {
  constructor(logInput?: Arg, full?: boolean, sizeAverage?: boolean | null, eps?: number, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.PoissonNLLLoss, arguments);
    void logInput, full, sizeAverage, eps, reduce, reduction;
  }
  override forward(logInput: Tensor, target: Tensor): Tensor {
    return L.poissonNllLoss(logInput, target, this.opts);
  }
}
/**
 * Gaussian negative log likelihood; forward(input, target, var).
 *
 * @see torch.nn.GaussianNLLLoss
 * @example
 * ```ts
 * const loss = new tg.nn.GaussianNLLLoss()
 * loss(tg.tensor([0, 1]), tg.tensor([1, 1]), tg.tensor([1, 2])) // tensor(0.4233)
 * ```
 */
export class GaussianNLLLoss extends Loss {
  constructor(full?: Arg, eps?: number, reduction?: LossReduction) {
    super(SIG.GaussianNLLLoss, arguments);
    void full, eps, reduction;
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return L.gaussianNllLoss(input, target, variance, this.opts);
  }
}
/**
 * max(0, -y (x1 - x2) + margin); forward(input1, input2, target).
 *
 * @see torch.nn.MarginRankingLoss
 * @example
 * ```ts
 * const loss = new tg.nn.MarginRankingLoss({ margin: 0.5 })
 * loss(tg.tensor([1, 2]), tg.tensor([2, 1]), tg.tensor([1, 1])) // tensor(0.7500)
 * ```
 */
export class MarginRankingLoss extends Loss {
  constructor(margin?: Arg, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.MarginRankingLoss, arguments);
    void margin, sizeAverage, reduce, reduction;
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return L.marginRankingLoss(input1, input2, target, this.opts);
  }
}
/**
 * x where y == 1, max(0, margin - x) where y == -1.
 *
 * @see torch.nn.HingeEmbeddingLoss
 * @example
 * ```ts
 * const loss = new tg.nn.HingeEmbeddingLoss()
 * loss(tg.tensor([0.3, 0.3]), tg.tensor([1, -1])) // tensor(0.5000)
 * ```
 */
export class HingeEmbeddingLoss extends Loss {
  constructor(margin?: Arg, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.HingeEmbeddingLoss, arguments);
    void margin, sizeAverage, reduce, reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.hingeEmbeddingLoss(input, target, this.opts);
  }
}
/**
 * 1 - cos where y == 1, max(0, cos - margin) where y == -1; forward(input1, input2, target).
 *
 * @see torch.nn.CosineEmbeddingLoss
 * @example
 * ```ts
 * const loss = new tg.nn.CosineEmbeddingLoss()
 * loss(tg.tensor([[1, 0]]), tg.tensor([[0, 1]]), tg.tensor([1])) // tensor(1.)
 * ```
 */
export class CosineEmbeddingLoss extends Loss {
  constructor(margin?: Arg, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.CosineEmbeddingLoss, arguments);
    void margin, sizeAverage, reduce, reduction;
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return L.cosineEmbeddingLoss(input1, input2, target, this.opts);
  }
}
/**
 * max(0, margin + d(a, p) - d(a, n)); forward(anchor, positive, negative).
 *
 * @see torch.nn.TripletMarginLoss
 * @example
 * ```ts
 * const loss = new tg.nn.TripletMarginLoss()
 * loss(tg.tensor([[0, 0]]), tg.tensor([[0, 1]]), tg.tensor([[0, 3]])) // tensor(0.)
 * ```
 */
export class TripletMarginLoss extends Loss {
  constructor(margin?: Arg, p?: number, eps?: number, swap?: boolean, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.TripletMarginLoss, arguments);
    void margin, p, eps, swap, sizeAverage, reduce, reduction;
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return L.tripletMarginLoss(anchor, positive, negative, this.opts);
  }
}
/**
 * log(1 + exp(-y x)).
 *
 * @see torch.nn.SoftMarginLoss
 * @example
 * ```ts
 * const loss = new tg.nn.SoftMarginLoss()
 * loss(tg.tensor([1, -1]), tg.tensor([1, 1])) // tensor(0.8133)
 * ```
 */
export class SoftMarginLoss extends Loss {
  constructor(sizeAverage?: Arg, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.SoftMarginLoss, arguments);
    void sizeAverage, reduce, reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.softMarginLoss(input, target, this.opts);
  }
}
/**
 * Per-class binary cross entropy on logits, averaged over the classes.
 *
 * @see torch.nn.MultiLabelSoftMarginLoss
 * @example
 * ```ts
 * const loss = new tg.nn.MultiLabelSoftMarginLoss()
 * loss(tg.tensor([[0, 2]]), tg.tensor([[0, 1]])) // tensor(0.4100)
 * ```
 */
export class MultiLabelSoftMarginLoss extends Loss {
  constructor(weight?: Arg, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.MultiLabelSoftMarginLoss, arguments);
    void weight, sizeAverage, reduce, reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.multilabelSoftMarginLoss(input, target, this.opts);
  }
}
/**
 * Multi-class hinge loss on int32 class targets.
 *
 * @see torch.nn.MultiMarginLoss
 * @example
 * ```ts
 * const loss = new tg.nn.MultiMarginLoss()
 * loss(tg.tensor([[0.1, 0.2, 0.4, 0.8]]), tg.tensor([3], { dtype: 'int32' })) // tensor(0.3250)
 * ```
 */
export class MultiMarginLoss extends Loss {
  constructor(p?: Arg, margin?: number, weight?: Tensor | null, sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.MultiMarginLoss, arguments);
    void p, margin, weight, sizeAverage, reduce, reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.multiMarginLoss(input, target, this.opts);
  }
}
/**
 * Multi-label hinge loss on int32 targets (class indices up to the first -1).
 *
 * @see torch.nn.MultiLabelMarginLoss
 * @example
 * ```ts
 * const loss = new tg.nn.MultiLabelMarginLoss()
 * loss(tg.tensor([[0.1, 0.2, 0.4, 0.8]]), tg.tensor([[3, 0, -1, 1]], { dtype: 'int32' }))
 * // tensor(0.8500)
 * ```
 */
export class MultiLabelMarginLoss extends Loss {
  constructor(sizeAverage?: Arg, reduce?: boolean | null, reduction?: LossReduction) {
    super(SIG.MultiLabelMarginLoss, arguments);
    void sizeAverage, reduce, reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.multilabelMarginLoss(input, target, this.opts);
  }
}

/**
 * Connectionist temporal classification loss; forward(logProbs, targets, inputLengths, targetLengths).
 *
 * @see torch.nn.CTCLoss
 * @example
 * ```ts
 * const loss = new tg.nn.CTCLoss()
 * const lp = tg.randn(5, 1, 3).logSoftmax(2)
 * loss(lp, tg.tensor([[1, 2]], { dtype: 'int32' }), [5], [2]).ndim // => 0
 * ```
 */
export class CTCLoss extends Loss {
  constructor(blank?: Arg, reduction?: LossReduction, zeroInfinity?: boolean) {
    super(SIG.CTCLoss, arguments);
    void blank, reduction, zeroInfinity;
  }
  override forward(logProbs: Tensor, targets: Tensor, inputLengths: number[] | Tensor, targetLengths: number[] | Tensor): Tensor {
    return ctcLoss(logProbs, targets, inputLengths, targetLengths, this.opts);
  }
}

/**
 * tripletMarginLoss with any distance; PyTorch's options are keyword-only (here positional too). Without a
 *
 * distanceFunction the module holds a PairwiseDistance child named distance_function, as PyTorch's (its repr).
 *
 * @see torch.nn.TripletMarginWithDistanceLoss
 * @example
 * ```ts
 * const loss = new tg.nn.TripletMarginWithDistanceLoss({ distanceFunction: (a, b) => a.sub(b).abs().sum(1) })
 * loss(tg.tensor([[0, 0]]), tg.tensor([[0, 1]]), tg.tensor([[0, 3]])) // tensor(0.)
 * ```
 */
export class TripletMarginWithDistanceLoss extends Loss {
  constructor(distanceFunction?: Arg | ((a: Tensor, b: Tensor) => Tensor), margin?: number, swap?: boolean, reduction?: LossReduction) {
    super(SIG.TripletMarginWithDistanceLoss, arguments);
    void distanceFunction, margin, swap, reduction;
    const m = this.opts.margin ?? 1;
    if (typeof m !== 'number' || !(m > 0)) throw rangeError('TripletMarginWithDistanceLoss', `expected margin to be greater than 0, got ${typeof m === "number" ? m : describe(m)}`);
    if (this.opts.distanceFunction === undefined || this.opts.distanceFunction === null) {
      const d = new PairwiseDistance();
      this.registerModule('distance_function', d);
      this.opts.distanceFunction = (a: Tensor, b: Tensor): Tensor => d(a, b);
    }
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return L.tripletMarginWithDistanceLoss(anchor, positive, negative, this.opts);
  }
}

const CLASSES = {
  L1Loss, SmoothL1Loss, HuberLoss, BCELoss, KLDivLoss, PoissonNLLLoss, GaussianNLLLoss, MarginRankingLoss, HingeEmbeddingLoss,
  CosineEmbeddingLoss, TripletMarginLoss, SoftMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss, MultiLabelMarginLoss, CTCLoss, TripletMarginWithDistanceLoss,
};
const FORWARD: Partial<Record<keyof typeof CLASSES, string>> = {
  PoissonNLLLoss: 'logInput, target', GaussianNLLLoss: 'input, target, var', MarginRankingLoss: 'input1, input2, target',
  CosineEmbeddingLoss: 'input1, input2, target', TripletMarginLoss: 'anchor, positive, negative',
  CTCLoss: 'logProbs, targets, inputLengths, targetLengths', TripletMarginWithDistanceLoss: 'anchor, positive, negative',
};
for (const [name, cls] of Object.entries(CLASSES)) {
  declareConstructor(cls, SIG[name as keyof typeof SIG]);
  kwMethods(cls.prototype, name, { forward: FORWARD[name as keyof typeof CLASSES] ?? 'input, target' });
}

// The call signatures (Note [Callable modules]): `loss(x, y)` is typed as loss.forward(x, y).
export interface L1Loss { (input: Tensor, target: Tensor): Tensor }
export interface SmoothL1Loss { (input: Tensor, target: Tensor): Tensor }
export interface HuberLoss { (input: Tensor, target: Tensor): Tensor }
export interface BCELoss { (input: Tensor, target: Tensor): Tensor }
export interface KLDivLoss { (input: Tensor, target: Tensor): Tensor }
export interface PoissonNLLLoss { (logInput: Tensor, target: Tensor): Tensor }
export interface GaussianNLLLoss { (input: Tensor, target: Tensor, variance: Tensor): Tensor }
export interface MarginRankingLoss { (input1: Tensor, input2: Tensor, target: Tensor): Tensor }
export interface HingeEmbeddingLoss { (input: Tensor, target: Tensor): Tensor }
export interface CosineEmbeddingLoss { (input1: Tensor, input2: Tensor, target: Tensor): Tensor }
export interface TripletMarginLoss { (anchor: Tensor, positive: Tensor, negative: Tensor): Tensor }
export interface SoftMarginLoss { (input: Tensor, target: Tensor): Tensor }
export interface MultiLabelSoftMarginLoss { (input: Tensor, target: Tensor): Tensor }
export interface MultiMarginLoss { (input: Tensor, target: Tensor): Tensor }
export interface MultiLabelMarginLoss { (input: Tensor, target: Tensor): Tensor }
export interface CTCLoss { (logProbs: Tensor, targets: Tensor, inputLengths: number[] | Tensor, targetLengths: number[] | Tensor): Tensor }
export interface TripletMarginWithDistanceLoss { (anchor: Tensor, positive: Tensor, negative: Tensor): Tensor }
