// The fused LSTM cell (internal; used by nn.LSTM, lib/nn/rnn.ts): one native pass for the gate nonlinearities
// and the new cell and hidden state (native/cpu/rnn_kernels.cc, Note [Fused LSTM cell]), one node whose plain
// backward is one native pass too. Its differentiable backward (lstmCellBackward) serves double backward.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { record } from '../autograd/record.js';
import { outData } from '../storage.js';
import { native } from '../native.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import { wrap, zeros } from './creation.js';

export interface LstmCellSaved {
  hw: Tensor;
  xw: Tensor;
  c: Tensor;
  /** [batch, 5 hidden]: sigmoid(i), sigmoid(f), tanh(g), sigmoid(o), tanh(cy) (Note [Fused LSTM cell]). */
  ws: Tensor;
}

/**
 * One LSTM step from the hidden projection hw = W_hh h + b_hh and the input projection xw = W_ih x + b_ih
 * ([batch, 4 hidden] each, gates in ATen's order i, f, g, o) and the cell state c ([batch, hidden]):
 * [hy, cy] with cy = sigmoid(f) c + sigmoid(i) tanh(g) and hy = sigmoid(o) tanh(cy), the values of ATen's
 * composite cell. One node for both outputs, named after PyTorch's node of hy (MulBackward0).
 */
export function lstmCell(hw: Tensor, xw: Tensor, c: Tensor): [Tensor, Tensor] {
  checkTensor('lstmCell', hw, 'hw');
  checkTensor('lstmCell', xw, 'xw');
  checkTensor('lstmCell', c, 'c');
  if (c.dtype !== 'float32' && c.dtype !== 'float64')
    throw typeError('lstmCell', `expected a float32 or float64 cell state, got ${c.dtype}`);
  if (hw.dtype !== c.dtype || xw.dtype !== c.dtype)
    throw typeError('lstmCell', `expected hw, xw and c of one dtype, got ${hw.dtype}, ${xw.dtype} and ${c.dtype}`);
  const [b, h] = c.shape;
  const gates = [b, 4 * h];
  if (c.ndim !== 2 || h === 0 || hw.shape.join() !== gates.join() || xw.shape.join() !== gates.join())
    throw rangeError('lstmCell', `expected hw and xw of shape ${fmtShape(gates)} for c of shape ${fmtShape(c.shape)}, got ${fmtShape(hw.shape)} and ${fmtShape(xw.shape)}`);
  const dt = c.dtype;
  const hy = outData(dt, b * h), cy = outData(dt, b * h), ws = outData(dt, b * 5 * h);
  if (b > 0) native.lstmCell(hw._data, xw._data, c._data, h, hy, cy, ws);
  const outs: [Tensor, Tensor] = [wrap(hy, [b, h], dt), wrap(cy, [b, h], dt)];
  return record('lstmCell', [hw, xw, c], outs, () => ({ hw, xw, c, ws: wrap(ws, [b, 5 * h], dt) }));
}

/** The grads of hw (= that of xw) and c in one native pass, without a graph; dhy or dcy may be null (zeros). */
export function lstmCellBackwardFused(s: LstmCellSaved, dhy: Tensor | null, dcy: Tensor | null, needs: readonly boolean[]): (Tensor | null)[] {
  const [b, h] = s.c.shape, dt = s.c.dtype;
  const dgates = outData(dt, b * 4 * h), dc = needs[2] ? outData(dt, b * h) : null;
  if (b > 0) native.lstmCellBackward(dhy === null ? null : dhy._data, dcy === null ? null : dcy._data, s.c._data, s.ws._data, h, dgates, dc);
  const g = wrap(dgates, [b, 4 * h], dt);
  return [needs[0] ? g : null, needs[1] ? g : null, dc === null ? null : wrap(dc, [b, h], dt)];
}

/**
 * The same grads [dgates, dc] from differentiable ops (the gates recomputed from the saved hw, xw), so
 * double backward works: with dcy' = dcy + dhy o (1 - tanh(cy)^2), dgates = [dcy' tanh(g) i (1 - i) |
 * dcy' c f (1 - f) | dcy' i (1 - tanh(g)^2) | dhy tanh(cy) o (1 - o)] and dc = dcy' f.
 */
export function lstmCellBackward(s: LstmCellSaved, dhy: Tensor | null, dcy: Tensor | null): [Tensor, Tensor] {
  const [pi, pf, pg, po] = S.chunk(E.add(s.hw, s.xw), 4, 1);
  const i = E.sigmoid(pi), f = E.sigmoid(pf), g = E.tanh(pg), o = E.sigmoid(po);
  const tc = E.tanh(E.add(E.mul(f, s.c), E.mul(i, g)));
  const dsig = (y: Tensor): Tensor => E.mul(y, E.sub(1, y));
  let gc: Tensor = dcy ?? zeros(s.c.shape, { dtype: s.c.dtype });
  const gh: Tensor = dhy ?? zeros(s.c.shape, { dtype: s.c.dtype });
  if (dhy !== null) gc = E.add(gc, E.mul(E.mul(dhy, o), E.sub(1, E.mul(tc, tc))));
  const dgates = S.cat([
    E.mul(E.mul(gc, g), dsig(i)),
    E.mul(E.mul(gc, s.c), dsig(f)),
    E.mul(E.mul(gc, i), E.sub(1, E.mul(g, g))),
    E.mul(E.mul(gh, tc), dsig(o)),
  ], 1);
  return [dgates, E.mul(gc, f)];
}
