// nn.Bilinear (torch/nn/modules/linear.py): y = x1^T A x2 + b, with PyTorch 1.13's constructor, initialization
// (weight and bias U(-1/sqrt(in1), 1/sqrt(in1))) and repr. The functional form is lib/ops/bilinear.ts.
import { Tensor } from '../tensor.js';
import { typeError, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

const SIG = { Bilinear: signature('nn.Bilinear', 'in1Features, in2Features, outFeatures, bias, dtype') };

export interface BilinearOptions { in1Features?: number; in2Features?: number; outFeatures?: number; bias?: boolean; dtype?: DType }

function count(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw typeError('Bilinear', `${name} must be a non-negative integer, got ${describe(v)}`);
  return v;
}

/**
 * Bilinear transform of two inputs, `y = x1ᵀ A x2 + b` (F.bilinear), with weight [out, in1, in2] and bias [out].
 *
 * @see torch.nn.Bilinear
 * @example
 * ```ts
 * const m = new tg.nn.Bilinear(2, 3, 4)
 * String(m) // => 'Bilinear(in1_features=2, in2_features=3, out_features=4, bias=True)'
 * m(tg.randn(5, 2), tg.randn(5, 3)).shape // => [5, 4]
 * ```
 */
export class Bilinear extends Module {
  readonly in1Features: number;
  readonly in2Features: number;
  readonly outFeatures: number;
  weight: Tensor;
  bias: Tensor | null;
  constructor(in1Features: number | BilinearOptions, in2Features?: number | BilinearOptions, outFeatures?: number | BilinearOptions, bias?: boolean | BilinearOptions, dtype?: DType) {
    super();
    const [a, b, c, useBias, dt] = parseArgs(SIG.Bilinear, arguments) as [unknown, unknown, unknown, unknown, DType | undefined];
    void in1Features, in2Features, outFeatures, bias, dtype;
    this.in1Features = count('in1Features', a);
    this.in2Features = count('in2Features', b);
    this.outFeatures = count('outFeatures', c);
    if (useBias !== undefined && typeof useBias !== 'boolean') throw typeError('Bilinear', `bias must be a boolean, got ${describe(useBias)}`);
    const dtypeOf = { dtype: dt ?? defaultFloat() } as const;
    this.weight = Parameter(empty([this.outFeatures, this.in1Features, this.in2Features], dtypeOf));
    if (useBias ?? true) this.bias = Parameter(empty([this.outFeatures], dtypeOf));
    else {
      this.bias = null;
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  /**
   * Re-initializes weight and bias from U(-1/sqrt(in1Features), 1/sqrt(in1Features)).
   *
   * @see torch.nn.Bilinear.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.Bilinear(4, 2, 1)
   * m.resetParameters()
   * m.weight.abs().max().item() <= 0.5 // => true
   * ```
   */
  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.weight.shape[1]);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias !== null) init.uniform_(this.bias, -bound, bound);
  }

  override forward(input1: Tensor, input2: Tensor): Tensor {
    return F.bilinear(input1, input2, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}

declareConstructor(Bilinear, SIG.Bilinear);
kwMethods(Bilinear.prototype, 'Bilinear', { resetParameters: '', forward: 'input1, input2', extraRepr: '' });

export interface Bilinear { (input1: Tensor, input2: Tensor): Tensor }
