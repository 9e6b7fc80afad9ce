// RNNBase's (and LSTM's) public argument checks and helpers of PyTorch 1.13 (check_input, check_hidden_size,
// check_forward_args, get_expected_hidden_size, get_expected_cell_size, permute_hidden, flatten_parameters),
// installed on the classes of lib/nn/rnn.ts (kept apart: that file is at the per-file line limit).
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { indexSelect } from '../ops/gather.js';
import { RNNBase, LSTM } from './rnn.js';
import { kwMethods } from '../kwargs.js';

type Sizes = [number, number, number];

declare module './rnn.js' {
  interface RNNBase {
    /**
     * Checks input's rank (2 when batchSizes is given: packed data, else 3) and its last dim against inputSize.
     *
     * @see torch.nn.RNNBase.check_input
     * @example
     * ```ts
     * const rnn = new tg.nn.GRU(3, 4)
     * rnn.checkInput(tg.ones(5, 2, 3), null) // passes
     * ```
     */
    checkInput(input: Tensor, batchSizes: Tensor | null): void;
    /**
     * The hidden state's expected size: [numLayers * directions, batch, projSize || hiddenSize].
     *
     * @see torch.nn.RNNBase.get_expected_hidden_size
     * @example
     * ```ts
     * new tg.nn.GRU(3, 4, 2).getExpectedHiddenSize(tg.ones(5, 6, 3), null) // => [2, 6, 4]
     * ```
     */
    getExpectedHiddenSize(input: Tensor, batchSizes: Tensor | null): Sizes;
    /**
     * Throws "Expected hidden size (...), got [...]" (or msg with its two {} filled) unless hx's shape is expectedHiddenSize.
     *
     * @see torch.nn.RNNBase.check_hidden_size
     * @example
     * ```ts
     * new tg.nn.RNN(3, 4).checkHiddenSize(tg.zeros(1, 2, 4), [1, 2, 4]) // passes
     * ```
     */
    checkHiddenSize(hx: Tensor, expectedHiddenSize: number[], msg?: string): void;
    /**
     * checkInput, then the hidden state's size (LSTM: both of [h, c], the cell's against getExpectedCellSize).
     *
     * @see torch.nn.RNNBase.check_forward_args
     * @example
     * ```ts
     * new tg.nn.GRU(3, 4).checkForwardArgs(tg.ones(5, 2, 3), tg.zeros(1, 2, 4), null) // passes
     * ```
     */
    checkForwardArgs(input: Tensor, hidden: Tensor | [Tensor, Tensor], batchSizes: Tensor | null): void;
    /**
     * hx reordered along the batch dim by permutation (a PackedSequence's sortedIndices); hx itself when permutation is null.
     *
     * @see torch.nn.RNNBase.permute_hidden
     * @example
     * ```ts
     * new tg.nn.GRU(1, 1).permuteHidden(tg.tensor([[[1], [2]]]), tg.tensor([1, 0], { dtype: 'int64' })).flatten().tolist() // => [2, 1]
     * ```
     */
    permuteHidden<H extends Tensor | [Tensor, Tensor]>(hx: H, permutation: Tensor | null): H;
    /**
     * A no-op, as in PyTorch on the CPU (it packs cuDNN's weight buffer); returns undefined.
     *
     * @see torch.nn.RNNBase.flatten_parameters
     * @example
     * ```ts
     * new tg.nn.LSTM(2, 3).flattenParameters() // => undefined
     * ```
     */
    flattenParameters(): void;
  }
  interface LSTM {
    /**
     * The cell state's expected size: [numLayers * directions, batch, hiddenSize].
     *
     * @see torch.nn.LSTM.get_expected_cell_size
     * @example
     * ```ts
     * new tg.nn.LSTM(3, 4, { projSize: 2 }).getExpectedCellSize(tg.ones(5, 6, 3), null) // => [1, 6, 4]
     * ```
     */
    getExpectedCellSize(input: Tensor, batchSizes: Tensor | null): Sizes;
  }
}

const op = (m: RNNBase): string => m.constructor.name;
function tensorArg(m: RNNBase, name: string, v: unknown): asserts v is Tensor {
  if (!(v instanceof Tensor)) throw typeError(op(m), `${name} must be a Tensor, got ${describe(v)}`);
}
function batchOf(m: RNNBase, input: Tensor, batchSizes: Tensor | null): number {
  tensorArg(m, 'input', input);
  if (batchSizes !== null && batchSizes !== undefined) return Number((batchSizes as Tensor).select(0, 0).item());
  return input.shape[m.batchFirst ? 0 : 1];
}
const pyTuple = (s: number[]): string => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
// PyTorch formats expected_hidden_size (a tuple) and list(hx.size()) into its message
const formatMsg = (msg: string, expected: number[], got: number[]): string => {
  let k = 0;
  return msg.replace(/\{\}/g, () => (k++ === 0 ? pyTuple(expected) : fmtShape(got)));
};

const methods = {
  checkInput(this: RNNBase, input: Tensor, batchSizes: Tensor | null): void {
    tensorArg(this, 'input', input);
    const want = batchSizes !== null && batchSizes !== undefined ? 2 : 3;
    if (input.ndim !== want) throw rangeError(op(this), `input must have ${want} dimensions, got ${input.ndim}`);
    if (this.inputSize !== input.shape[input.ndim - 1])
      throw rangeError(op(this), `input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${input.shape[input.ndim - 1]}`);
  },
  getExpectedHiddenSize(this: RNNBase, input: Tensor, batchSizes: Tensor | null): Sizes {
    const dirs = this.bidirectional ? 2 : 1;
    return [this.numLayers * dirs, batchOf(this, input, batchSizes), this.projSize > 0 ? this.projSize : this.hiddenSize];
  },
  checkHiddenSize(this: RNNBase, hx: Tensor, expectedHiddenSize: number[], msg = 'Expected hidden size {}, got {}'): void {
    tensorArg(this, 'hx', hx);
    if (hx.shape.length !== expectedHiddenSize.length || hx.shape.some((v, i) => v !== expectedHiddenSize[i]))
      throw rangeError(op(this), formatMsg(msg, expectedHiddenSize, hx.shape));
  },
  checkForwardArgs(this: RNNBase, input: Tensor, hidden: Tensor | [Tensor, Tensor], batchSizes: Tensor | null): void {
    this.checkInput(input, batchSizes);
    const expected = this.getExpectedHiddenSize(input, batchSizes);
    if (this instanceof LSTM) {
      if (!Array.isArray(hidden) || hidden.length !== 2) throw typeError(op(this), `hidden must be a pair [h, c], got ${describe(hidden)}`);
      this.checkHiddenSize(hidden[0], expected, 'Expected hidden[0] size {}, got {}');
      this.checkHiddenSize(hidden[1], this.getExpectedCellSize(input, batchSizes), 'Expected hidden[1] size {}, got {}');
    } else this.checkHiddenSize(hidden as Tensor, expected);
  },
  permuteHidden<H extends Tensor | [Tensor, Tensor]>(this: RNNBase, hx: H, permutation: Tensor | null): H {
    if (permutation === null || permutation === undefined) return hx;
    const perm = (h: Tensor): Tensor => indexSelect(h, 1, permutation);
    return (Array.isArray(hx) ? [perm(hx[0]), perm(hx[1])] : perm(hx as Tensor)) as H;
  },
  flattenParameters(this: RNNBase): void {},
};
for (const [name, fn] of Object.entries(methods)) Object.defineProperty(RNNBase.prototype, name, { value: fn, writable: true, configurable: true });
Object.defineProperty(LSTM.prototype, 'getExpectedCellSize', {
  value: function getExpectedCellSize(this: LSTM, input: Tensor, batchSizes: Tensor | null): Sizes {
    return [this.numLayers * (this.bidirectional ? 2 : 1), batchOf(this, input, batchSizes), this.hiddenSize];
  },
  writable: true, configurable: true,
});
kwMethods(RNNBase.prototype, 'RNNBase', {
  checkInput: 'input, batchSizes', getExpectedHiddenSize: 'input, batchSizes', checkHiddenSize: 'hx, expectedHiddenSize, msg',
  checkForwardArgs: 'input, hidden, batchSizes', permuteHidden: 'hx, permutation', flattenParameters: '',
});
kwMethods(LSTM.prototype, 'LSTM', { getExpectedCellSize: 'input, batchSizes' });
