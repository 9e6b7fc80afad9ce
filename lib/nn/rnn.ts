// Recurrent layers: RNN, LSTM (with projections), GRU and their cells, with PyTorch 1.13's constructors,
// parameter names and order, initialization, shapes, errors and repr.
//
// Note [Recurrent layers as ops]: PyTorch's CPU path (ATen's RNN.cpp, no cuDNN) is itself a composite of
// ordinary ops: each layer computes the input projection of every time step in one matmul (linear over the
// whole [seq, batch, features] input), then per step adds the hidden projection and applies the gate
// nonlinearities; outputs are stacked over time (StackBackward0), the two directions of a bidirectional
// layer concatenated (CatBackward0), final states stacked over layers. We follow the same steps in the same
// order, so gradients flow through the existing derivative rows and float64 results match PyTorch's to
// rounding; the gate formulas keep ATen's operand order (gates = W_hh h + b_hh + (W_ih x + b_ih); GRU's
// h' = (h - n) * z + n). nn.LSTM instead runs each layer direction as one fused node (lib/ops/rnn.ts, Note
// [Fused LSTM layer]; with projections, one fused node per step, Note [Fused LSTM cell]): the same values to
// rounding, and its outputs keep PyTorch's nodes (StackBackward0, ...); nn.LSTMCell, whose outputs are the
// cell's own nodes (MulBackward0, AddBackward0), keeps the composite.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty, zeros } from '../ops/creation.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import { lstmCell, lstmLayer } from '../ops/rnn.js';
import { transpose_ } from '../ops/view_inplace.js';
import { Module, Parameter } from './module.js';
import * as F from './functional.js';
import * as init from './init.js';
import { pyFloatRepr } from './layers.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import { PackedSequence, packedForward, type PackedRunner } from './utils/rnn.js';
import { defaultFloat } from '../dtype.js';

type Mode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';
const GATES: Record<Mode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

const SIG = {
  RNNBase: signature('nn.RNNBase', 'mode, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, dtype'),
  RNNCellBase: signature('nn.RNNCellBase', 'inputSize, hiddenSize, bias, numChunks, dtype'),
  RNN: signature('nn.RNN', 'inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity, dtype'),
  LSTM: signature('nn.LSTM', 'inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, dtype'),
  GRU: signature('nn.GRU', 'inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype'),
  RNNCell: signature('nn.RNNCell', 'inputSize, hiddenSize, bias, nonlinearity, dtype'),
  LSTMCell: signature('nn.LSTMCell', 'inputSize, hiddenSize, bias, dtype'),
  GRUCell: signature('nn.GRUCell', 'inputSize, hiddenSize, bias, dtype'),
};

function size(op: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw typeError(op, `${name} must be an integer >= ${min}, got ${describe(v)}`);
  return v;
}
function flag(op: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw typeError(op, `${name} must be a boolean, got ${describe(v)}`);
  return v;
}
function nonlinearityOf(op: string, v: unknown): 'tanh' | 'relu' {
  if (v === undefined || v === 'tanh' || v === 'relu') return v ?? 'tanh';
  throw rangeError(op, `Unknown nonlinearity '${String(v)}'`);
}

/** One step of a cell on the input projection xw = W_ih x + b_ih (ATen's cells, Note [Recurrent layers as ops]). */
function cellStep(mode: Mode, xw: Tensor, h: Tensor, c: Tensor | null, wHh: Tensor, bHh: Tensor | null, wHr: Tensor | null, fused = false): [Tensor, Tensor | null] {
  const hw = F.linear(h, wHh, bHh);
  if (mode === 'LSTM' && fused) {
    const [hy, cy] = lstmCell(hw, xw, c as Tensor);
    return [wHr === null ? hy : F.linear(hy, wHr), cy];
  }
  if (mode === 'RNN_TANH') return [E.tanh(E.add(hw, xw)), null];
  if (mode === 'RNN_RELU') return [E.relu(E.add(hw, xw)), null];
  if (mode === 'LSTM') {
    const [i, f, g, o] = S.chunk(E.add(hw, xw), 4, 1);
    const cy = E.add(E.mul(E.sigmoid(f), c as Tensor), E.mul(E.sigmoid(i), E.tanh(g)));
    const hy = E.mul(E.sigmoid(o), E.tanh(cy));
    return [wHr === null ? hy : F.linear(hy, wHr), cy];
  }
  const [ir, iz, inn] = S.chunk(xw, 3, 1);
  const [hr, hz, hn] = S.chunk(hw, 3, 1);
  const r = E.sigmoid(E.add(hr, ir));
  const z = E.sigmoid(E.add(hz, iz));
  const n = E.tanh(E.add(inn, E.mul(hn, r)));
  return [E.add(E.mul(E.sub(h, n), z), n), null];
}

interface LayerWeights {
  wIh: Tensor;
  wHh: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
  wHr: Tensor | null;
}

/**
 * PyTorch's RNNBase: the parameters of numLayers layers (two directions when bidirectional) as attributes
 *
 * weightIhL0, weightHhL0, biasIhL0, biasHhL0 (weightHrL0 with projSize), `_reverse` for the second direction,
 * shown under PyTorch's names (weight_ih_l0, ...; Note [PyTorch names]), all initialized U(-1/sqrt(hidden),
 * 1/sqrt(hidden)).
 *
 * @see torch.nn.RNNBase
 * @example
 * ```ts
 * new tg.nn.LSTM(2, 3) instanceof tg.nn.RNNBase // => true
 * ```
 */
export class RNNBase extends Module {
  readonly mode: Mode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly projSize: number;

  constructor(mode: Mode | RNNOptions & { mode?: Mode }, inputSize?: number | RNNOptions, hiddenSize?: number | RNNOptions, numLayers?: number | RNNOptions, bias?: boolean | RNNOptions,
    batchFirst?: boolean | RNNOptions, dropout?: number | RNNOptions, bidirectional?: boolean | RNNOptions, projSize?: number | RNNOptions, dtype?: DType) {
    super();
    [mode, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, dtype] = parseArgs(SIG.RNNBase, arguments) as
      [Mode, number, number, number?, boolean?, boolean?, number?, boolean?, number?, DType?];
    if (!(mode in GATES)) throw rangeError('RNNBase', `Unrecognized RNN mode: ${String(mode)}`);
    const op = mode.startsWith('RNN') ? 'RNN' : mode;
    this.mode = mode;
    this.inputSize = size(op, 'inputSize', inputSize, 0);
    this.hiddenSize = size(op, 'hiddenSize', hiddenSize, 0);
    this.numLayers = size(op, 'numLayers', numLayers ?? 1, 1);
    this.bias = flag(op, 'bias', bias, true);
    this.batchFirst = flag(op, 'batchFirst', batchFirst, false);
    this.bidirectional = flag(op, 'bidirectional', bidirectional, false);
    const p = dropout ?? 0;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1))
      throw rangeError(op, `dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got ${describe(dropout)}`);
    this.dropout = p;
    this.projSize = size(op, 'projSize', projSize ?? 0, 0);
    if (this.projSize > 0 && this.projSize >= this.hiddenSize) throw rangeError(op, 'proj_size has to be smaller than hidden_size');
    const gateSize = GATES[mode] * this.hiddenSize;
    const realHidden = this.projSize > 0 ? this.projSize : this.hiddenSize;
    const dirs = this.bidirectional ? 2 : 1;
    const dt = dtype ?? defaultFloat();
    const self = this as unknown as Record<string, Tensor>;
    for (let layer = 0; layer < this.numLayers; layer++) {
      for (let dir = 0; dir < dirs; dir++) {
        const layerInput = layer === 0 ? this.inputSize : realHidden * dirs;
        const suffix = dir === 1 ? '_reverse' : '';
        const add = (attr: string, name: string, shape: number[]): void => {
          self[attr] = Parameter(empty(shape, { dtype: dt }));
          this._pyName(attr, name);
        };
        add(`weightIhL${layer}${suffix ? 'Reverse' : ''}`, `weight_ih_l${layer}${suffix}`, [gateSize, layerInput]);
        add(`weightHhL${layer}${suffix ? 'Reverse' : ''}`, `weight_hh_l${layer}${suffix}`, [gateSize, realHidden]);
        if (this.bias) {
          add(`biasIhL${layer}${suffix ? 'Reverse' : ''}`, `bias_ih_l${layer}${suffix}`, [gateSize]);
          add(`biasHhL${layer}${suffix ? 'Reverse' : ''}`, `bias_hh_l${layer}${suffix}`, [gateSize]);
        }
        if (this.projSize > 0) add(`weightHrL${layer}${suffix ? 'Reverse' : ''}`, `weight_hr_l${layer}${suffix}`, [this.projSize, this.hiddenSize]);
      }
    }
    this.resetParameters();
  }

  /**
   * Re-initializes every weight from U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)).
   *
   * @see RNNBase.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.LSTM(2, 4)
   * m.resetParameters()
   * m.parameters()[0].abs().max().item() <= 0.5 // => true
   * ```
   */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  /** The weights of layer `layer`, direction `dir` (0 forward, 1 reverse). */
  /** @internal */
  _weightsOf(layer: number, dir: number): LayerWeights {
    const self = this as unknown as Record<string, Tensor | undefined>;
    const s = dir === 1 ? 'Reverse' : '';
    return {
      wIh: self[`weightIhL${layer}${s}`] as Tensor,
      wHh: self[`weightHhL${layer}${s}`] as Tensor,
      bIh: self[`biasIhL${layer}${s}`] ?? null,
      bHh: self[`biasHhL${layer}${s}`] ?? null,
      wHr: self[`weightHrL${layer}${s}`] ?? null,
    };
  }

  /** PyTorch's all_weights: the parameters of each layer and direction, in registration order. */
  get allWeights(): Tensor[][] {
    const out: Tensor[][] = [];
    for (let layer = 0; layer < this.numLayers; layer++)
      for (let dir = 0; dir < (this.bidirectional ? 2 : 1); dir++) {
        const w = this._weightsOf(layer, dir);
        out.push([w.wIh, w.wHh, w.bIh, w.bHh, w.wHr].filter((t): t is Tensor => t !== null));
      }
    return out;
  }

  private get opName(): string {
    return this.constructor.name;
  }

  /** PyTorch's check_input and check_hidden_size, with its messages. */
  /** @internal */
  _checkHidden(h: Tensor, expected: number[], what: string): void {
    if (h.shape.length !== expected.length || h.shape.some((v, i) => v !== expected[i]))
      throw rangeError(this.opName, `Expected ${what} size ${fmtShape(expected)}, got ${fmtShape(h.shape)}`);
  }

  /**
   * Runs the layers over input [seq, batch, inputSize] ([batch, seq, inputSize] with batchFirst; [seq,
   * inputSize] unbatched) from initial states h0 (and c0 for LSTM), [numLayers * directions, batch, hidden]
   * (zeros when not given). Returns [output, hN] (LSTM: [output, [hN, cN]]).
   */
  protected _run(input: Tensor, h0: Tensor | null, c0: Tensor | null): [Tensor, Tensor, Tensor | null] {
    const op = this.opName;
    checkTensor(op, input, 'input');
    if (input.ndim !== 2 && input.ndim !== 3) throw rangeError(op, `Expected input to be 2-D or 3-D but received ${input.ndim}-D tensor of shape ${fmtShape(input.shape)}`);
    const batched = input.ndim === 3;
    if (input.shape[input.ndim - 1] !== this.inputSize)
      throw rangeError(op, `input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${input.shape[input.ndim - 1]} (input of shape ${fmtShape(input.shape)})`);
    if (input.dtype !== (this._weightsOf(0, 0).wIh.dtype)) throw typeError(op, `input must have the type ${this._weightsOf(0, 0).wIh.dtype} of the weights, got ${input.dtype}`);
    const lstm = this.mode === 'LSTM';
    for (const [h, what] of [[h0, 'hx'], [c0, 'cx']] as const) {
      if (h === null) continue;
      checkTensor(op, h, what);
      if (batched && h.ndim !== 3) throw rangeError(op, `For batched 3-D input, ${what} should also be 3-D but got ${h.ndim}-D tensor`);
      if (!batched && h.ndim !== 2) throw rangeError(op, `For unbatched 2-D input, ${what} should also be 2-D but got ${h.ndim}-D tensor`);
    }
    let x = batched ? (this.batchFirst ? S.transpose(input, 0, 1) : input) : S.unsqueeze(input, 1);
    if (!batched) {
      if (h0 !== null) h0 = S.unsqueeze(h0, 1);
      if (c0 !== null) c0 = S.unsqueeze(c0, 1);
    }
    const batch = x.shape[1];
    const dirs = this.bidirectional ? 2 : 1;
    const realHidden = this.projSize > 0 ? this.projSize : this.hiddenSize;
    const hShape = [this.numLayers * dirs, batch, realHidden];
    const cShape = [this.numLayers * dirs, batch, this.hiddenSize];
    h0 ??= zeros(hShape, { dtype: input.dtype });
    if (lstm) c0 ??= zeros(cShape, { dtype: input.dtype });
    this._checkHidden(h0, hShape, lstm ? 'hidden[0]' : 'hidden');
    if (lstm) this._checkHidden(c0 as Tensor, cShape, 'hidden[1]');
    const hs = S.unbind(h0, 0), cs = lstm ? S.unbind(c0 as Tensor, 0) : null;
    const hN: Tensor[] = [], cN: Tensor[] = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outs: Tensor[] = [];
      for (let dir = 0; dir < dirs; dir++) {
        const w = this._weightsOf(layer, dir);
        const idx = layer * dirs + dir;
        const xw = F.linear(x, w.wIh, w.bIh);
        let h = hs[idx], c = cs === null ? null : cs[idx];
        if (this.mode === 'LSTM' && w.wHr === null && xw.shape[0] > 0) {
          // one node per layer and direction (Note [Fused LSTM layer])
          const r = lstmLayer(xw, h, c as Tensor, w.wHh, w.bHh, dir === 1), T = xw.shape[0];
          outs.push(S.stack(r.slice(0, T), 0));
          hN.push(r[dir === 1 ? 0 : T - 1]);
          cN.push(r[T]);
          continue;
        }
        const steps = S.unbind(xw, 0);
        const ys: Tensor[] = new Array(steps.length);
        for (let k = 0; k < steps.length; k++) {
          const t = dir === 0 ? k : steps.length - 1 - k;
          [h, c] = cellStep(this.mode, steps[t], h, c, w.wHh, w.bHh, w.wHr, true);
          ys[t] = h;
        }
        outs.push(S.stack(ys, 0));
        hN.push(h);
        if (c !== null) cN.push(c);
      }
      x = dirs === 1 ? outs[0] : S.cat(outs, outs[0].ndim - 1);
      if (this.dropout > 0 && layer < this.numLayers - 1) x = F.dropout(x, this.dropout, this.training);
    }
    let out = x, hOut = S.stack(hN, 0), cOut = lstm ? S.stack(cN, 0) : null;
    // as ATen: LSTM transposes back (TransposeBackward0), GRU and RNN in place (TransposeBackward1)
    if (batched && this.batchFirst) out = lstm ? S.transpose(out, 0, 1) : transpose_(out, 0, 1);
    if (!batched) {
      out = S.squeeze(out, 1);
      hOut = S.squeeze(hOut, 1);
      if (cOut !== null) cOut = S.squeeze(cOut, 1);
    }
    return [out, hOut, cOut];
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += ', bias=False';
    if (this.batchFirst) s += ', batch_first=True';
    if (this.dropout !== 0) s += `, dropout=${pyFloatRepr(this.dropout)}`;
    if (this.bidirectional) s += ', bidirectional=True';
    return s;
  }
}

export interface RNNOptions {
  inputSize?: number;
  hiddenSize?: number;
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  nonlinearity?: 'tanh' | 'relu';
  projSize?: number;
  dtype?: DType;
}

/**
 * An Elman RNN, h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu), over numLayers layers. forward(input,
 *
 * hx?) returns [output, hN].
 *
 * @see torch.nn.RNN
 * @example
 * ```ts
 * const rnn = new tg.nn.RNN(4, 8, { numLayers: 2, batchFirst: true })
 * String(rnn) // => 'RNN(4, 8, num_layers=2, batch_first=True)'
 * const [out, hN] = rnn(tg.zeros(3, 5, 4))
 * [out.shape, hN.shape] // => [[3, 5, 8], [2, 3, 8]]
 * ```
 */
export class RNN extends RNNBase {
  readonly nonlinearity: 'tanh' | 'relu';
  constructor(inputSize: number | RNNOptions, hiddenSize?: number | RNNOptions, numLayers?: number | RNNOptions, bias?: boolean | RNNOptions, batchFirst?: boolean | RNNOptions,
    dropout?: number | RNNOptions, bidirectional?: boolean | RNNOptions, nonlinearity?: 'tanh' | 'relu' | RNNOptions, dtype?: DType) {
    [inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity, dtype] = parseArgs(SIG.RNN, arguments) as
      [number, number, number?, boolean?, boolean?, number?, boolean?, ('tanh' | 'relu')?, DType?];
    const nl = nonlinearityOf('RNN', nonlinearity);
    super(nl === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, dtype);
    this.nonlinearity = nl;
  }
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    const [out, h] = input instanceof PackedSequence ? packedForward(this as unknown as PackedRunner, input, hx ?? null, null) : this._run(input, hx ?? null, null);
    return [out, h];
  }
}

/**
 * A long short-term memory network (gates i, f, g, o in that order; projSize adds h = W_hr h). forward(input,
 *
 * [h0, c0]?) returns [output, [hN, cN]].
 *
 * @see torch.nn.LSTM
 * @example
 * ```ts
 * const lstm = new tg.nn.LSTM(4, 8)
 * String(lstm) // => 'LSTM(4, 8)'
 * const [out, [hN, cN]] = lstm(tg.zeros(5, 3, 4))
 * [out.shape, hN.shape, cN.shape] // => [[5, 3, 8], [1, 3, 8], [1, 3, 8]]
 * ```
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number | RNNOptions, hiddenSize?: number | RNNOptions, numLayers?: number | RNNOptions, bias?: boolean | RNNOptions, batchFirst?: boolean | RNNOptions,
    dropout?: number | RNNOptions, bidirectional?: boolean | RNNOptions, projSize?: number | RNNOptions, dtype?: DType) {
    [inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, dtype] = parseArgs(SIG.LSTM, arguments) as
      [number, number, number?, boolean?, boolean?, number?, boolean?, number?, DType?];
    super('LSTM', inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, dtype);
  }
  override forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  override forward(input: PackedSequence, hx?: [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  override forward(input: Tensor | PackedSequence, hx?: [Tensor, Tensor] | null): [Tensor | PackedSequence, [Tensor, Tensor]] {
    if (hx !== undefined && hx !== null && (!Array.isArray(hx) || hx.length !== 2))
      throw typeError('LSTM', `hx must be a pair [h0, c0], got ${describe(hx)}`);
    const [h0, c0] = [hx?.[0] ?? null, hx?.[1] ?? null];
    const [out, h, c] = input instanceof PackedSequence ? packedForward(this as unknown as PackedRunner, input, h0, c0) : this._run(input, h0, c0);
    return [out, [h, c as Tensor]];
  }
}

/**
 * A gated recurrent unit network (gates r, z, n in that order). forward(input, hx?) returns [output, hN].
 *
 * @see torch.nn.GRU
 * @example
 * ```ts
 * const gru = new tg.nn.GRU(4, 8)
 * String(gru) // => 'GRU(4, 8)'
 * const [out, hN] = gru(tg.zeros(5, 3, 4))
 * [out.shape, hN.shape] // => [[5, 3, 8], [1, 3, 8]]
 * ```
 */
export class GRU extends RNNBase {
  constructor(inputSize: number | RNNOptions, hiddenSize?: number | RNNOptions, numLayers?: number | RNNOptions, bias?: boolean | RNNOptions, batchFirst?: boolean | RNNOptions,
    dropout?: number | RNNOptions, bidirectional?: boolean | RNNOptions, dtype?: DType) {
    [inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype] = parseArgs(SIG.GRU, arguments) as
      [number, number, number?, boolean?, boolean?, number?, boolean?, DType?];
    super('GRU', inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, dtype);
  }
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    const [out, h] = input instanceof PackedSequence ? packedForward(this as unknown as PackedRunner, input, hx ?? null, null) : this._run(input, hx ?? null, null);
    return [out, h];
  }
}

/**
 * PyTorch's RNNCellBase: weightIh [chunks * hidden, input], weightHh, biasIh, biasHh (PyTorch's names weight_ih, ...).
 *
 * @see torch.nn.RNNCellBase
 * @example
 * ```ts
 * new tg.nn.GRUCell(2, 3) instanceof tg.nn.RNNCellBase // => true
 * ```
 */
export class RNNCellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;

  constructor(inputSize: number | RNNCellOptions, hiddenSize?: number | RNNCellOptions, bias?: boolean | RNNCellOptions, numChunks?: number | RNNCellOptions, dtype?: DType) {
    super();
    [inputSize, hiddenSize, bias, numChunks, dtype] = parseArgs(SIG.RNNCellBase, arguments) as [number, number, boolean | undefined, number, DType | undefined];
    const op = this.constructor.name;
    this.inputSize = size(op, 'inputSize', inputSize, 0);
    this.hiddenSize = size(op, 'hiddenSize', hiddenSize, 0);
    this.bias = flag(op, 'bias', bias, true);
    const dt = dtype ?? defaultFloat(), g = size(op, 'numChunks', numChunks, 1) * this.hiddenSize;
    this.weightIh = Parameter(empty([g, this.inputSize], { dtype: dt }));
    this.weightHh = Parameter(empty([g, this.hiddenSize], { dtype: dt }));
    this._pyName('weightIh', 'weight_ih');
    this._pyName('weightHh', 'weight_hh');
    if (this.bias) {
      this.biasIh = Parameter(empty([g], { dtype: dt }));
      this.biasHh = Parameter(empty([g], { dtype: dt }));
    } else {
      this.biasIh = null;
      this.biasHh = null;
      this.registerParameter('biasIh', null);
      this.registerParameter('biasHh', null);
    }
    this._pyName('biasIh', 'bias_ih');
    this._pyName('biasHh', 'bias_hh');
    this.resetParameters();
  }

  /**
   * Re-initializes every weight from U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)).
   *
   * @see RNNCellBase.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.GRUCell(2, 4)
   * m.resetParameters()
   * m.parameters()[1].abs().max().item() <= 0.5 // => true
   * ```
   */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  /** @internal The cell's kind (a subclass's). */
  _mode(): Mode {
    throw new Error(`${this.constructor.name} is a base class: use RNNCell, LSTMCell or GRUCell`);
  }

  /** One step from input [batch, inputSize] (or [inputSize]) and states [batch, hidden] (or [hidden]). */
  protected _step(input: Tensor, h: Tensor | null, c: Tensor | null): [Tensor, Tensor | null] {
    const op = this.constructor.name;
    checkTensor(op, input, 'input');
    if (input.ndim !== 1 && input.ndim !== 2) throw rangeError(op, `Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor`);
    const batched = input.ndim === 2;
    if (input.shape[input.ndim - 1] !== this.inputSize)
      throw rangeError(op, `input has inconsistent input_size: got ${input.shape[input.ndim - 1]} expected ${this.inputSize}`);
    const x = batched ? input : S.unsqueeze(input, 0);
    const states = [h, c].map((s, k) => {
      if (s === null) return zeros([x.shape[0], this.hiddenSize], { dtype: input.dtype });
      checkTensor(op, s, k === 0 ? 'hx' : 'cx');
      const t = batched ? s : S.unsqueeze(s, 0);
      if (t.ndim !== 2 || t.shape[0] !== x.shape[0])
        throw rangeError(op, `Input batch size ${x.shape[0]} doesn't match hidden${k} batch size ${t.ndim === 2 ? t.shape[0] : fmtShape(s.shape)}`);
      if (t.shape[1] !== this.hiddenSize) throw rangeError(op, `hidden${k} has inconsistent hidden_size: got ${t.shape[1]}, expected ${this.hiddenSize}`);
      return t;
    });
    const mode = this._mode();
    let [hy, cy] = cellStep(mode, F.linear(x, this.weightIh, this.biasIh), states[0], mode === 'LSTM' ? states[1] : null, this.weightHh, this.biasHh, null);
    if (!batched) {
      hy = S.squeeze(hy, 0);
      if (cy !== null) cy = S.squeeze(cy, 0);
    }
    return [hy, cy];
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (!this.bias) s += ', bias=False';
    const nl = (this as { nonlinearity?: string }).nonlinearity;
    if (nl !== undefined && nl !== 'tanh') s += `, nonlinearity=${nl}`;
    return s;
  }
}

export interface RNNCellOptions {
  inputSize?: number;
  hiddenSize?: number;
  bias?: boolean;
  nonlinearity?: 'tanh' | 'relu';
  dtype?: DType;
}

/**
 * One Elman RNN step: forward(input, hx?) returns h'.
 *
 * @see torch.nn.RNNCell
 * @example
 * ```ts
 * const cell = new tg.nn.RNNCell(4, 8)
 * String(cell) // => 'RNNCell(4, 8)'
 * cell(tg.zeros(3, 4)).shape
 * ```
 */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: 'tanh' | 'relu';
  constructor(inputSize: number | RNNCellOptions, hiddenSize?: number | RNNCellOptions, bias?: boolean | RNNCellOptions, nonlinearity?: 'tanh' | 'relu' | RNNCellOptions, dtype?: DType) {
    [inputSize, hiddenSize, bias, nonlinearity, dtype] = parseArgs(SIG.RNNCell, arguments) as [number, number, boolean?, ('tanh' | 'relu')?, DType?];
    const nl = nonlinearityOf('RNNCell', nonlinearity);
    super(inputSize, hiddenSize, bias, 1, dtype);
    this.nonlinearity = nl;
  }
  override _mode(): Mode {
    return this.nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU';
  }
  override forward(input: Tensor, hx?: Tensor | null): Tensor {
    return this._step(input, hx ?? null, null)[0];
  }
}

/**
 * One LSTM step: forward(input, [hx, cx]?) returns [h', c'].
 *
 * @see torch.nn.LSTMCell
 * @example
 * ```ts
 * const cell = new tg.nn.LSTMCell(4, 8)
 * String(cell) // => 'LSTMCell(4, 8)'
 * const [h, c] = cell(tg.zeros(3, 4))
 * [h.shape, c.shape] // => [[3, 8], [3, 8]]
 * ```
 */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number | RNNCellOptions, hiddenSize?: number | RNNCellOptions, bias?: boolean | RNNCellOptions, dtype?: DType) {
    [inputSize, hiddenSize, bias, dtype] = parseArgs(SIG.LSTMCell, arguments) as [number, number, boolean?, DType?];
    super(inputSize, hiddenSize, bias, 4, dtype);
  }
  override _mode(): Mode {
    return 'LSTM';
  }
  override forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, Tensor] {
    if (hx !== undefined && hx !== null && (!Array.isArray(hx) || hx.length !== 2))
      throw typeError('LSTMCell', `hx must be a pair [hx, cx], got ${describe(hx)}`);
    const [h, c] = this._step(input, hx?.[0] ?? null, hx?.[1] ?? null);
    return [h, c as Tensor];
  }
}

/**
 * One GRU step: forward(input, hx?) returns h'.
 *
 * @see torch.nn.GRUCell
 * @example
 * ```ts
 * const cell = new tg.nn.GRUCell(4, 8)
 * String(cell) // => 'GRUCell(4, 8)'
 * cell(tg.zeros(3, 4)).shape
 * ```
 */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number | RNNCellOptions, hiddenSize?: number | RNNCellOptions, bias?: boolean | RNNCellOptions, dtype?: DType) {
    [inputSize, hiddenSize, bias, dtype] = parseArgs(SIG.GRUCell, arguments) as [number, number, boolean?, DType?];
    super(inputSize, hiddenSize, bias, 3, dtype);
  }
  override _mode(): Mode {
    return 'GRU';
  }
  override forward(input: Tensor, hx?: Tensor | null): Tensor {
    return this._step(input, hx ?? null, null)[0];
  }
}

for (const [cls, sig] of [[RNNBase, SIG.RNNBase], [RNNCellBase, SIG.RNNCellBase], [RNN, SIG.RNN], [LSTM, SIG.LSTM], [GRU, SIG.GRU], [RNNCell, SIG.RNNCell], [LSTMCell, SIG.LSTMCell], [GRUCell, SIG.GRUCell]] as const)
  declareConstructor(cls, sig);
kwMethods(RNNBase.prototype, 'RNNBase', { resetParameters: '', extraRepr: '' });
kwMethods(RNNCellBase.prototype, 'RNNCellBase', { resetParameters: '', extraRepr: '' });
kwMethods(RNN.prototype, 'RNN', { forward: 'input, hx' });
kwMethods(LSTM.prototype, 'LSTM', { forward: 'input, hx' });
kwMethods(GRU.prototype, 'GRU', { forward: 'input, hx' });
kwMethods(RNNCell.prototype, 'RNNCell', { forward: 'input, hx' });
kwMethods(LSTMCell.prototype, 'LSTMCell', { forward: 'input, hx' });
kwMethods(GRUCell.prototype, 'GRUCell', { forward: 'input, hx' });
