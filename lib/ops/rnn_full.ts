// torch.rnn_tanh / rnn_relu / lstm / gru: the full-sequence recurrent functions nn.RNN, nn.LSTM and nn.GRU call,
// with PyTorch's argument order (input, hx, params, has_biases, num_layers, dropout, train, bidirectional,
// batch_first). Each step is the torch.*_cell function of lib/ops/torch_misc.ts, so grads flow through their
// nodes; params is PyTorch's flat list: per layer and direction w_ih, w_hh (then b_ih, b_hh with has_biases).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape, underName } from '../errors.js';
import * as S from './shape.js';
import * as E from './elementwise.js';
import * as C from './creation.js';
import { bernoulli } from './sampling.js';
import { transpose_ } from './view_inplace.js';
import { rnnTanhCell, rnnReluCell, lstmCell, gruCell } from './torch_misc.js';

type Mode = 'rnnTanh' | 'rnnRelu' | 'lstm' | 'gru';
const CELL: Record<Mode, string> = { rnnTanh: 'rnnTanhCell', rnnRelu: 'rnnReluCell', lstm: 'lstmCell', gru: 'gruCell' };

function run(op: Mode, input: Tensor, hx: Tensor[], params: Tensor[], hasBiases: boolean, numLayers: number, dropout: number,
  train: boolean, bidirectional: boolean, batchFirst: boolean): Tensor[] {
  checkTensor(op, input, 'input');
  if (!Array.isArray(params) || params.some((p) => !(p instanceof Tensor))) throw typeError(op, `params must be a list of Tensors, got ${describe(params)}`);
  if (!Number.isInteger(numLayers) || numLayers < 1) throw rangeError(op, `numLayers must be a positive integer, got ${describe(numLayers)}`);
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) throw rangeError(op, `dropout must be a number in [0, 1], got ${describe(dropout)}`);
  const dirs = bidirectional ? 2 : 1, per = hasBiases ? 4 : 2;
  if (params.length !== numLayers * dirs * per)
    throw rangeError(op, `expected ${numLayers * dirs * per} params (${numLayers} layers x ${dirs} directions x ${per}), got ${params.length}`);
  if (input.ndim !== 3) throw rangeError(op, `expected a 3-D input [seq, batch, feature] ([batch, seq, feature] with batchFirst), got shape ${fmtShape(input.shape)}`);
  for (const h of hx) {
    checkTensor(op, h, 'hx');
    if (h.ndim !== 3 || h.shape[0] !== numLayers * dirs)
      throw rangeError(op, `expected hx of shape [${numLayers * dirs}, batch, hidden], got ${fmtShape(h.shape)} (input of shape ${fmtShape(input.shape)})`);
  }
  const cell = CELL[op];
  const step = (x: Tensor, h: Tensor, c: Tensor | null, w: Tensor[]): [Tensor, Tensor | null] => {
    const [wIh, wHh, bIh = null, bHh = null] = w as [Tensor, Tensor, Tensor?, Tensor?];
    if (op === 'lstm') return lstmCell(x, [h, c as Tensor], wIh, wHh, bIh, bHh);
    return [(op === 'gru' ? gruCell : op === 'rnnTanh' ? rnnTanhCell : rnnReluCell)(x, h, wIh, wHh, bIh, bHh), null];
  };
  return underName(op, [cell], () => {
    let x = batchFirst ? S.transpose(input, 0, 1) : input;
    const hs = S.unbind(hx[0] as Tensor, 0), cs = op === 'lstm' ? S.unbind(hx[1] as Tensor, 0) : null;
    const hN: Tensor[] = [], cN: Tensor[] = [];
    for (let layer = 0; layer < numLayers; layer++) {
      const outs: Tensor[] = [];
      for (let dir = 0; dir < dirs; dir++) {
        const k = layer * dirs + dir, w = params.slice(k * per, (k + 1) * per);
        let h = hs[k] as Tensor, c = cs === null ? null : (cs[k] as Tensor);
        const steps = S.unbind(x, 0), ys = new Array<Tensor>(steps.length);
        for (let i = 0; i < steps.length; i++) {
          const t = dir === 0 ? i : steps.length - 1 - i;
          [h, c] = step(steps[t] as Tensor, h, c, w);
          ys[t] = h;
        }
        outs.push(S.stack(ys, 0));
        hN.push(h);
        if (c !== null) cN.push(c);
      }
      x = dirs === 1 ? (outs[0] as Tensor) : S.cat(outs, 2);
      // dropout on every layer's output but the last, as ATen's _rnn_impl
      if (dropout > 0 && train && layer < numLayers - 1)
        x = E.div(E.mul(x, bernoulli(C.fullLike(x, 1 - dropout))), 1 - dropout);
    }
    // ATen's LSTM transposes back (TransposeBackward0); its GRU and RNN do it in place (transpose_:
    // TransposeBackward1), on the fresh stack/cat result
    const out = !batchFirst ? x : op === 'lstm' ? S.transpose(x, 0, 1) : transpose_(x, 0, 1);
    return op === 'lstm' ? [out, S.stack(hN, 0), S.stack(cN, 0)] : [out, S.stack(hN, 0)];
  })();
}

/**
 * Runs a multi-layer Elman RNN with tanh over a whole sequence (the function behind nn.RNN); returns
 * [output, hN].
 *
 * @see torch.rnn_tanh
 * @example
 * ```ts
 * const [out, h] = tg.rnnTanh(tg.ones(4, 1, 2), tg.zeros(1, 1, 3), [tg.ones(3, 2), tg.ones(3, 3)], false, 1, 0, false, false, false)
 * out.shape // => [4, 1, 3]
 * ```
 */
export function rnnTanh(input: Tensor, hx: Tensor, params: Tensor[], hasBiases: boolean, numLayers: number, dropout: number, train: boolean, bidirectional: boolean, batchFirst: boolean): [Tensor, Tensor] {
  return run('rnnTanh', input, [hx], params, hasBiases, numLayers, dropout, train, bidirectional, batchFirst) as [Tensor, Tensor];
}
/**
 * Runs a multi-layer Elman RNN with ReLU over a whole sequence; returns [output, hN].
 *
 * @see torch.rnn_relu
 * @example
 * ```ts
 * const [out, h] = tg.rnnRelu(tg.ones(4, 1, 2), tg.zeros(1, 1, 3), [tg.ones(3, 2), tg.ones(3, 3)], false, 1, 0, false, false, false)
 * h.shape // => [1, 1, 3]
 * ```
 */
export function rnnRelu(input: Tensor, hx: Tensor, params: Tensor[], hasBiases: boolean, numLayers: number, dropout: number, train: boolean, bidirectional: boolean, batchFirst: boolean): [Tensor, Tensor] {
  return run('rnnRelu', input, [hx], params, hasBiases, numLayers, dropout, train, bidirectional, batchFirst) as [Tensor, Tensor];
}
/**
 * Runs a multi-layer LSTM over a whole sequence (the function behind nn.LSTM) from hx = [h0, c0]; returns
 * [output, hN, cN].
 *
 * @see torch.lstm
 * @example
 * ```ts
 * const z = tg.zeros(1, 1, 3)
 * const [out, h, c] = tg.lstm(tg.ones(4, 1, 2), [z, z], [tg.ones(12, 2), tg.ones(12, 3)], false, 1, 0, false, false, false)
 * c.shape // => [1, 1, 3]
 * ```
 */
export function lstm(input: Tensor, hx: [Tensor, Tensor], params: Tensor[], hasBiases: boolean, numLayers: number, dropout: number, train: boolean, bidirectional: boolean, batchFirst: boolean): [Tensor, Tensor, Tensor] {
  if (!Array.isArray(hx) || hx.length !== 2) throw typeError('lstm', `hx must be a pair [h0, c0], got ${describe(hx)}`);
  return run('lstm', input, hx, params, hasBiases, numLayers, dropout, train, bidirectional, batchFirst) as [Tensor, Tensor, Tensor];
}
/**
 * Runs a multi-layer GRU over a whole sequence (the function behind nn.GRU); returns [output, hN].
 *
 * @see torch.gru
 * @example
 * ```ts
 * const [out, h] = tg.gru(tg.ones(4, 1, 2), tg.zeros(1, 1, 3), [tg.ones(9, 2), tg.ones(9, 3)], false, 1, 0, false, false, false)
 * out.shape // => [4, 1, 3]
 * ```
 */
export function gru(input: Tensor, hx: Tensor, params: Tensor[], hasBiases: boolean, numLayers: number, dropout: number, train: boolean, bidirectional: boolean, batchFirst: boolean): [Tensor, Tensor] {
  return run('gru', input, [hx], params, hasBiases, numLayers, dropout, train, bidirectional, batchFirst) as [Tensor, Tensor];
}
