// The fused LSTM cell (internal; used by nn.LSTM, lib/nn/rnn.ts): one native pass for the gate nonlinearities
// and the new cell and hidden state (native/cpu/rnn_kernels.cc, Note [Fused LSTM cell]), one node whose plain
// backward is one native pass too. Its differentiable backward (lstmCellBackward) serves double backward.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { outData } from '../storage.js';
import { native, type Storage } from '../native.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import { wrap, zeros } from './creation.js';
import { mm, mmT } from './linalg.js';
import { sum } from './reduce.js';
import { linear2d } from './nn.js';

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

export interface LstmLayerSaved {
  xw: Tensor;
  h0: Tensor;
  c0: Tensor;
  wHh: Tensor;
  bHh: Tensor | null;
  reverse: boolean;
  /** [T, batch, hidden] each, indexed by time: the h and c each step read; [T, batch, 5 hidden]: its workspace. */
  hp: Tensor;
  cp: Tensor;
  ws: Tensor;
}

/**
 * Note [Fused LSTM layer]: one direction of one nn.LSTM layer (no projection) as one node: from the input
 * projections xw ([T, batch, 4 hidden]), h0, c0 ([batch, hidden]), W_hh and b_hh, the T hidden states in time
 * order and the last cell state (T + 1 outputs; nn.LSTM stacks them, so its outputs keep PyTorch's nodes).
 * Each step is the fused cell (Note [Fused LSTM cell]); the backward runs the steps back with the fused cell
 * backward and one [batch, 4H] x [4H, H] product for dh, and then W_hh's grad as ONE product over all steps,
 * dgates^T [4H, T batch] x h [T batch, H], instead of T products with an inner size of only batch (PyTorch's
 * per-step AddmmBackward0) and T accumulations into the grad. Double backward recomputes the steps with ops.
 */
export function lstmLayer(xw: Tensor, h0: Tensor, c0: Tensor, wHh: Tensor, bHh: Tensor | null, reverse: boolean): Tensor[] {
  const [T, B, G] = xw.shape, H = G / 4, dt = xw.dtype;
  const xd = xw._data as Storage;
  const hp = outData(dt, T * B * H), cp = outData(dt, T * B * H), ws = outData(dt, T * B * 5 * H);
  const ys = new Array<Tensor>(T);
  let h = h0, c = c0._data as Storage;
  noGrad(() => {
    for (let k = 0; k < T; k++) {
      const t = reverse ? T - 1 - k : k;
      const hw = linear2d(h, wHh, bHh);
      hp.set(h._data as never, t * B * H);
      cp.set(c as never, t * B * H);
      const hy = outData(dt, B * H), cy = outData(dt, B * H);
      if (B > 0) native.lstmCell(hw._data, xd.subarray(t * B * G, (t + 1) * B * G), c, H, hy, cy, ws.subarray(t * B * 5 * H, (t + 1) * B * 5 * H));
      h = ys[t] = wrap(hy, [B, H], dt);
      c = cy;
    }
  });
  const outs = [...ys, wrap(c, [B, H], dt)];
  return record('lstmLayer', [xw, h0, c0, wHh, bHh], outs, () => ({
    xw, h0, c0, wHh, bHh, reverse, hp: wrap(hp, [T, B, H], dt), cp: wrap(cp, [T, B, H], dt), ws: wrap(ws, [T, B, 5 * H], dt),
  }));
}

/** lstmLayer's grads of xw, h0, c0, W_hh, b_hh without a graph (Note [Fused LSTM layer]); gs: the outputs' grads. */
export function lstmLayerBackwardFused(s: LstmLayerSaved, gs: readonly (Tensor | null)[], needs: readonly boolean[]): (Tensor | null)[] {
  const [T, B, G] = s.xw.shape, H = G / 4, dt = s.xw.dtype;
  const hp = s.hp._data as Storage, cp = s.cp._data as Storage, ws = s.ws._data as Storage;
  const dg = outData(dt, T * B * G);
  let dh: Tensor | null = null, dc: Storage | null = gs[T] === null || gs[T] === undefined ? null : (gs[T] as Tensor)._data as Storage;
  for (let k = T - 1; k >= 0; k--) {
    const t = s.reverse ? T - 1 - k : k;
    const gy = gs[t] ?? null;
    const dhy = gy === null ? dh : dh === null ? gy : E.add(gy, dh);
    const dcPrev = outData(dt, B * H), dgt = dg.subarray(t * B * G, (t + 1) * B * G);
    if (B > 0) native.lstmCellBackward(dhy === null ? null : dhy._data, dc, cp.subarray(t * B * H, (t + 1) * B * H), ws.subarray(t * B * 5 * H, (t + 1) * B * 5 * H), H, dgt, dcPrev);
    dh = mmT(wrap(dgt.slice(), [B, G], dt), s.wHh, false, false);
    dc = dcPrev;
  }
  const flat = wrap(dg, [T * B, G], dt);
  return [
    needs[0] ? wrap(dg, [T, B, G], dt) : null,
    needs[1] ? dh ?? zeros([B, H], { dtype: dt }) : null,
    needs[2] ? (dc === null ? zeros([B, H], { dtype: dt }) : wrap(dc, [B, H], dt)) : null,
    needs[3] ? mmT(flat, wrap(hp, [T * B, H], dt), true, false) : null,
    needs[4] ? sum(flat, 0) : null,
  ];
}

/** The same grads from differentiable ops, the steps recomputed from the saved inputs (double backward). */
export function lstmLayerBackward(s: LstmLayerSaved, gs: readonly (Tensor | null)[]): (Tensor | null)[] {
  const T = s.xw.shape[0];
  const steps = S.unbind(s.xw, 0);
  const saved: LstmCellSaved[] = new Array(T), hs: Tensor[] = new Array(T);
  let h = s.h0, c = s.c0;
  for (let k = 0; k < T; k++) {
    const t = s.reverse ? T - 1 - k : k;
    const hw = linear2d(h, s.wHh, s.bHh);
    saved[t] = { hw, xw: steps[t], c, ws: s.ws };
    hs[t] = h;
    const [i, f, g, o] = S.chunk(E.add(hw, steps[t]), 4, 1);
    c = E.add(E.mul(E.sigmoid(f), c), E.mul(E.sigmoid(i), E.tanh(g)));
    h = E.mul(E.sigmoid(o), E.tanh(c));
  }
  const dgs: Tensor[] = new Array(T);
  let dh: Tensor | null = null, dc: Tensor | null = gs[T] ?? null;
  for (let k = T - 1; k >= 0; k--) {
    const t = s.reverse ? T - 1 - k : k;
    const gy = gs[t] ?? null;
    const dhy = gy === null ? dh : dh === null ? gy : E.add(gy, dh);
    const [dgt, dcPrev] = lstmCellBackward(saved[t], dhy, dc);
    dgs[t] = dgt;
    dh = mm(dgt, s.wHh);
    dc = dcPrev;
  }
  const dgAll = S.cat(dgs, 0), dt = s.xw.dtype;
  return [
    S.stack(dgs, 0),
    dh ?? zeros(s.h0.shape, { dtype: dt }),
    dc ?? zeros(s.c0.shape, { dtype: dt }),
    mm(S.transpose(dgAll, 0, 1), S.cat(hs, 0)),
    sum(dgAll, 0),
  ];
}
