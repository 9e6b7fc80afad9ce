// AdaptiveLogSoftmaxWithLoss of torch/nn/modules/adaptive.py (Grave et al., 2016): a head over the shortlist of
// frequent classes plus one entry per tail cluster, and one two-layer projection per cluster, each narrower by
// divValue. forward returns PyTorch's _ASMoutput (output, loss); logProb and predict as PyTorch's.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import type { DType } from '../dtype.js';
import { Module } from './module.js';
import { Linear, Sequential, ModuleList } from './layers.js';
import * as F from './functional.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { tensor, zeros } from '../ops/creation.js';
import { indexSelect, indexAdd, gather } from '../ops/gather.js';
import { indexValues } from '../ops/int64.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import { mean, argmax } from '../ops/reduce.js';

const SIG = signature('nn.AdaptiveLogSoftmaxWithLoss', 'inFeatures, nClasses, cutoffs, divValue, headBias, dtype');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

/** PyTorch's _ASMoutput named tuple: [output, loss] with .output and .loss, printed as Python prints it. */
export type ASMoutput = [Tensor, Tensor] & { readonly output: Tensor; readonly loss: Tensor };
function asmOutput(output: Tensor, loss: Tensor): ASMoutput {
  const r = [output, loss];
  const repr = (): string => `_ASMoutput(output=${String(output)}, loss=${String(loss)})`;
  for (const [k, v] of [['output', output], ['loss', loss], ['toString', repr], [kInspect, repr]] as const) Object.defineProperty(r, k, { value: v, enumerable: false });
  return r as unknown as ASMoutput;
}

const long = (v: number[]): Tensor => tensor(v, { dtype: 'int64' });

/**
 * Efficient softmax over many classes: the shortlist and cluster logits in a head, rare classes in tails.
 *
 * cutoffs (increasing, in [1, nClasses - 1]) split the classes into the shortlist [0, cutoffs[0]) and clusters;
 * cluster i's projection is Linear(inFeatures, floor(inFeatures / divValue^(i+1))) then Linear(.., cluster size),
 * both without bias; headBias adds a bias to the head. forward(input [B, in], target [B]) returns [output, loss]
 * (the target's log-probability per row, and the mean negative of it); logProb gives every class's, predict the
 * most likely class.
 *
 * @see torch.nn.AdaptiveLogSoftmaxWithLoss
 * @example
 * ```ts
 * const asm = new tg.nn.AdaptiveLogSoftmaxWithLoss(8, 10, [4, 8])
 * const { output, loss } = asm(tg.randn(3, 8), tg.tensor([0, 5, 9], { dtype: 'int64' }))
 * output.shape // => [3]
 * tg.allclose(asm.logProb(tg.randn(2, 8)).exp().sum(1), tg.ones(2)) // => true
 * ```
 */
export class AdaptiveLogSoftmaxWithLoss extends Module {
  readonly inFeatures: number;
  readonly nClasses: number;
  readonly cutoffs: number[];
  readonly divValue: number;
  readonly headBias: boolean;
  readonly shortlistSize: number;
  readonly nClusters: number;
  readonly headSize: number;
  declare head: Linear;
  declare tail: ModuleList;

  constructor(inFeatures: number | object, nClasses?: number, cutoffs?: number[], divValue?: number, headBias?: boolean, dtype?: DType) {
    super();
    [inFeatures, nClasses, cutoffs, divValue, headBias, dtype] = parseArgs(SIG, arguments) as [number, number, number[], number?, boolean?, DType?];
    const op = 'AdaptiveLogSoftmaxWithLoss';
    if (!Array.isArray(cutoffs)) throw typeError(op, `cutoffs must be a list of integers, got ${describe(cutoffs)}`);
    const c = cutoffs.slice();
    if (c.length === 0 || c.some((v, i) => !Number.isInteger(v) || (i > 0 && v <= c[i - 1])) || Math.min(...c) <= 0 || Math.max(...c) > nClasses - 1)
      throw rangeError(op, `cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and n_classes-1 (got ${JSON.stringify(cutoffs)} for n_classes=${nClasses})`);
    this.inFeatures = inFeatures;
    this.nClasses = nClasses;
    this.cutoffs = [...c, nClasses];
    this.divValue = divValue ?? 4;
    this.headBias = headBias ?? false;
    this.shortlistSize = this.cutoffs[0];
    this.nClusters = this.cutoffs.length - 1;
    this.headSize = this.shortlistSize + this.nClusters;
    this.head = new Linear(inFeatures, this.headSize, this.headBias, dtype);
    this.tail = new ModuleList();
    for (let i = 0; i < this.nClusters; i++) {
      const hsz = Math.floor(inFeatures / this.divValue ** (i + 1)), osz = this.cutoffs[i + 1] - this.cutoffs[i];
      this.tail.append(new Sequential(new Linear(inFeatures, hsz, false, dtype), new Linear(hsz, osz, false, dtype)));
    }
  }

  /**
   * Re-initializes the head and every tail projection (each Linear's own initialization).
   *
   * @see torch.nn.AdaptiveLogSoftmaxWithLoss.reset_parameters
   * @example
   * ```ts
   * const asm = new tg.nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2])
   * asm.resetParameters()
   * asm.head.weight.shape // => [3, 4]
   * ```
   */
  resetParameters(): void {
    this.head.resetParameters();
    for (const seq of this.tail) for (const lin of seq as Sequential) (lin as Linear).resetParameters();
  }

  override forward(input: Tensor, target: Tensor): ASMoutput {
    const op = 'AdaptiveLogSoftmaxWithLoss';
    checkTensor(op, input, 'input');
    checkTensor(op, target, 'target');
    const batched = target.ndim > 0;
    if (target.ndim > 1) throw rangeError(op, `0D or 1D target tensor expected, multi-target not supported (target of shape ${fmtShape(target.shape)})`);
    if (batched && input.ndim !== 2) throw rangeError(op, `1D target tensor expects 2D input tensors, but found inputs with size ${fmtShape(input.shape)}`);
    if (batched && input.shape[0] !== target.shape[0])
      throw rangeError(op, `Input and target should have the same size in the batch dimension (input ${fmtShape(input.shape)}, target ${fmtShape(target.shape)})`);
    if (!batched && input.ndim !== 1) throw rangeError(op, `0D target tensor expects 1D input tensors, but found inputs with size ${fmtShape(input.shape)}`);
    const x = batched ? input : S.unsqueeze(input, 0);
    const t = Array.from(indexValues(op, batched ? target : S.unsqueeze(target, 0), 'target'), Number);
    const B = t.length;
    const bad = t.filter((v) => v < 0 || v >= this.nClasses);
    if (bad.length > 0)
      throw rangeError(op, `Target values should be in [0, ${this.nClasses - 1}], but values in range [${Math.min(...t)}, ${Math.max(...t)}] were found.`);
    // head column per row: its class in the shortlist, else its cluster's entry
    const headCol = t.map((v) => (v < this.shortlistSize ? v : this.shortlistSize + this.cutoffs.findIndex((c) => v < c) - 1));
    let output: Tensor = zeros([B], { dtype: x.dtype });
    for (let i = 1; i < this.cutoffs.length; i++) {
      const lo = this.cutoffs[i - 1], hi = this.cutoffs[i];
      const rows = t.map((v, r) => (v >= lo && v < hi ? r : -1)).filter((r) => r >= 0);
      if (rows.length === 0) continue;
      const logp = F.logSoftmax((this.tail.get(i - 1) as Sequential)(indexSelect(x, 0, long(rows))) as Tensor, 1);
      const local = gather(logp, 1, S.unsqueeze(long(rows.map((r) => t[r] - lo)), 1));
      output = indexAdd(output, 0, long(rows), S.squeeze(local, 1));
    }
    const headLogp = F.logSoftmax(this.head(x) as Tensor, 1);
    output = E.add(output, S.squeeze(gather(headLogp, 1, S.unsqueeze(long(headCol), 1)), 1));
    const loss = mean(E.neg(output));
    return asmOutput(batched ? output : S.squeeze(output, 0), loss);
  }

  /** @internal log-probabilities of every class [B, nClasses] from the head's output (PyTorch's _get_full_log_prob). */
  _fullLogProb(x: Tensor, headOutput: Tensor): Tensor {
    const headLogp = F.logSoftmax(headOutput, 1);
    const parts = [S.narrow(headLogp, 1, 0, this.shortlistSize)];
    for (let i = 0; i < this.nClusters; i++) {
      const logp = F.logSoftmax((this.tail.get(i) as Sequential)(x) as Tensor, 1);
      parts.push(E.add(logp, S.narrow(headLogp, 1, this.shortlistSize + i, 1)));
    }
    return S.cat(parts, 1);
  }

  /**
   * Log-probabilities of every class for input [B, inFeatures] (or [inFeatures]).
   *
   * @see torch.nn.AdaptiveLogSoftmaxWithLoss.log_prob
   * @example
   * ```ts
   * const asm = new tg.nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2])
   * asm.logProb(tg.randn(4)).shape // => [6]
   * ```
   */
  logProb(input: Tensor): Tensor {
    checkTensor('AdaptiveLogSoftmaxWithLoss.logProb', input, 'input');
    const x = input.ndim > 1 ? input : S.unsqueeze(input, 0);
    const out = this._fullLogProb(x, this.head(x) as Tensor);
    return input.ndim > 1 ? out : S.squeeze(out, 0);
  }

  /**
   * The most likely class of each row (int64): the head's argmax when it is a shortlist class, else the
   * argmax of the full log-probabilities.
   *
   * @see torch.nn.AdaptiveLogSoftmaxWithLoss.predict
   * @example
   * ```ts
   * const asm = new tg.nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2])
   * asm.predict(tg.randn(3, 4)).shape // => [3]
   * ```
   */
  predict(input: Tensor): Tensor {
    checkTensor('AdaptiveLogSoftmaxWithLoss.predict', input, 'input');
    const x = input.ndim > 1 ? input : S.unsqueeze(input, 0);
    const headOutput = this.head(x) as Tensor;
    const first = Array.from(indexValues('predict', argmax(headOutput, 1)), Number);
    const rows = first.map((v, r) => (v >= this.shortlistSize ? r : -1)).filter((r) => r >= 0);
    let pred = first;
    if (rows.length > 0) {
      const sel = long(rows);
      const full = Array.from(indexValues('predict', argmax(this._fullLogProb(indexSelect(x, 0, sel), indexSelect(headOutput, 0, sel)), 1)), Number);
      pred = first.slice();
      rows.forEach((r, k) => (pred[r] = full[k]));
    }
    const out = long(pred);
    return input.ndim > 1 ? out : S.squeeze(out, 0);
  }
}
declareConstructor(AdaptiveLogSoftmaxWithLoss, SIG);
// forward's keyword names are PyTorch's (input_, target_)
kwMethods(AdaptiveLogSoftmaxWithLoss.prototype, 'AdaptiveLogSoftmaxWithLoss', { forward: 'input_, target_', logProb: 'input', predict: 'input', resetParameters: '' });
