// PairwiseDistance and CosineSimilarity (torch/nn/modules/distance.py): their options as attributes, forward
// through tg.nn.functional. No extra_repr, as PyTorch's.
import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { pairwiseDistance } from '../ops/loss.js';
import { cosineSimilarity } from '../ops/distance.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = {
  PairwiseDistance: signature('nn.PairwiseDistance', 'p, eps, keepdim'),
  CosineSimilarity: signature('nn.CosineSimilarity', 'dim, eps'),
};

/**
 * ||x1 - x2 + eps||_p over the last dim.
 *
 * @see torch.nn.PairwiseDistance
 * @example
 * ```ts
 * const m = new tg.nn.PairwiseDistance()
 * m(tg.tensor([[0, 0]]), tg.tensor([[3, 4]])) // tensor([5.0000])
 * ```
 */
export class PairwiseDistance extends Module {
  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;
  constructor(p?: number | { p?: number; eps?: number; keepdim?: boolean }, eps?: number, keepdim?: boolean) {
    super();
    const [pp = 2, e = 1e-6, k = false] = parseArgs(SIG.PairwiseDistance, arguments) as [number | undefined, number | undefined, boolean | undefined];
    void p, eps, keepdim;
    this.norm = pp;
    this.eps = e;
    this.keepdim = k;
  }
  override forward(x1: Tensor, x2: Tensor): Tensor {
    return pairwiseDistance(x1, x2, this.norm, this.eps, this.keepdim);
  }
}

/**
 * Cosine similarity along dim.
 *
 * @see torch.nn.CosineSimilarity
 * @example
 * ```ts
 * const m = new tg.nn.CosineSimilarity()
 * m(tg.tensor([[1, 0]]), tg.tensor([[1, 1]])) // tensor([0.7071])
 * ```
 */
export class CosineSimilarity extends Module {
  readonly dim: number;
  readonly eps: number;
  constructor(dim?: number | { dim?: number; eps?: number }, eps?: number) {
    super();
    const [d = 1, e = 1e-8] = parseArgs(SIG.CosineSimilarity, arguments) as [number | undefined, number | undefined];
    void dim, eps;
    this.dim = d;
    this.eps = e;
  }
  override forward(x1: Tensor, x2: Tensor): Tensor {
    return cosineSimilarity(x1, x2, this.dim, this.eps);
  }
}

for (const [name, cls] of Object.entries({ PairwiseDistance, CosineSimilarity })) {
  declareConstructor(cls, SIG[name as keyof typeof SIG]);
  kwMethods(cls.prototype, name, { forward: 'x1, x2' });
}
export interface PairwiseDistance { (x1: Tensor, x2: Tensor): Tensor }
export interface CosineSimilarity { (x1: Tensor, x2: Tensor): Tensor }
