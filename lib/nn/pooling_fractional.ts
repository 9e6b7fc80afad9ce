// FractionalMaxPool2d / 3d of torch/nn/modules/pooling.py, with PyTorch 1.13's constructor checks and its bare
// repr ('FractionalMaxPool2d()'). The functional forms are in lib/ops/fractional_max_pool.ts.
import { Tensor } from '../tensor.js';
import { rangeError, typeError, describe } from '../errors.js';
import { Module } from './module.js';
import * as F from './functional.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';

type Sz = number | number[];
const tuple = (v: Sz | null | undefined, d: number): number[] | null => (v === null || v === undefined ? null : typeof v === 'number' ? new Array<number>(d).fill(v) : v.slice());

/** The shared constructor of FractionalMaxPool2d / 3d. */
abstract class _FractionalMaxPoolNd extends Module {
  readonly kernelSize: number[];
  readonly outputSize: number[] | null;
  readonly outputRatio: number[] | null;
  readonly returnIndices: boolean;
  declare randomSamples: Tensor | null;

  constructor(name: string, d: number, [kernelSize, outputSize, outputRatio, returnIndices, randomSamples]: [Sz, Sz?, Sz?, boolean?, Tensor?]) {
    super();
    this.kernelSize = tuple(kernelSize, d) as number[];
    this.returnIndices = returnIndices ?? false;
    if (typeof this.returnIndices !== 'boolean') throw typeError(name, `returnIndices must be a boolean, got ${describe(returnIndices)}`);
    // PyTorch's buffer _random_samples (a null buffer stays out of stateDict)
    this.registerBuffer('randomSamples', randomSamples ?? null);
    this._pyName('randomSamples', '_random_samples');
    this.outputSize = tuple(outputSize, d);
    this.outputRatio = tuple(outputRatio, d);
    if (this.outputSize === null && this.outputRatio === null) throw rangeError(name, `${name} requires specifying either an output size, or a pooling ratio`);
    if (this.outputSize !== null && this.outputRatio !== null) throw rangeError(name, 'only one of output_size and output_ratio may be specified');
    if (this.outputRatio !== null && !this.outputRatio.every((r) => r > 0 && r < 1))
      throw rangeError(name, `output_ratio must be between 0 and 1 (got ${JSON.stringify(outputRatio)})`);
  }
}

/**
 * Fractional max pooling over [N, C, H, W] or [C, H, W] input (F.fractionalMaxPool2d): new random windows each call unless _randomSamples is given.
 *
 * @see torch.nn.FractionalMaxPool2d
 * @example
 * ```ts
 * const m = new tg.nn.FractionalMaxPool2d(3, { outputRatio: 0.5 })
 * String(m) // => 'FractionalMaxPool2d()'
 * m(tg.zeros(1, 2, 10, 10)).shape // => [1, 2, 5, 5]
 * ```
 */
export class FractionalMaxPool2d extends _FractionalMaxPoolNd {
  constructor(kernelSize: Sz, outputSize?: Sz | null | object, outputRatio?: Sz | null, returnIndices?: boolean, _randomSamples?: Tensor | null) {
    super('FractionalMaxPool2d', 2, parseArgs(SIG.FractionalMaxPool2d, arguments) as [Sz, Sz?, Sz?, boolean?, Tensor?]);
    void kernelSize, outputSize, outputRatio, returnIndices, _randomSamples;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.fractionalMaxPool2d(input, this.kernelSize, this.outputSize, this.outputRatio, this.returnIndices, this.randomSamples);
  }
}

/**
 * Fractional max pooling over [N, C, T, H, W] or [C, T, H, W] input (F.fractionalMaxPool3d).
 *
 * @see torch.nn.FractionalMaxPool3d
 * @example
 * ```ts
 * const m = new tg.nn.FractionalMaxPool3d(2, { outputSize: [2, 3, 2] })
 * m(tg.zeros(1, 1, 4, 5, 4)).shape // => [1, 1, 2, 3, 2]
 * ```
 */
export class FractionalMaxPool3d extends _FractionalMaxPoolNd {
  constructor(kernelSize: Sz, outputSize?: Sz | null | object, outputRatio?: Sz | null, returnIndices?: boolean, _randomSamples?: Tensor | null) {
    super('FractionalMaxPool3d', 3, parseArgs(SIG.FractionalMaxPool3d, arguments) as [Sz, Sz?, Sz?, boolean?, Tensor?]);
    void kernelSize, outputSize, outputRatio, returnIndices, _randomSamples;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return F.fractionalMaxPool3d(input, this.kernelSize, this.outputSize, this.outputRatio, this.returnIndices, this.randomSamples);
  }
}

const SIG = {
  FractionalMaxPool2d: signature('nn.FractionalMaxPool2d', 'kernelSize, outputSize, outputRatio, returnIndices, _randomSamples'),
  FractionalMaxPool3d: signature('nn.FractionalMaxPool3d', 'kernelSize, outputSize, outputRatio, returnIndices, _randomSamples'),
};
declareConstructor(FractionalMaxPool2d, SIG.FractionalMaxPool2d);
declareConstructor(FractionalMaxPool3d, SIG.FractionalMaxPool3d);
kwMethods(FractionalMaxPool2d.prototype, 'FractionalMaxPool2d', { forward: 'input' });
kwMethods(FractionalMaxPool3d.prototype, 'FractionalMaxPool3d', { forward: 'input' });
