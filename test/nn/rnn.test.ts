// The recurrent layers (lib/nn/rnn.ts) against PyTorch 1.13 (test/fixtures/rnn.json, gen_rnn.py): each case
// loads PyTorch's state_dict into the tensorgrad module built from the same arguments, runs the same input and
// initial state, and compares outputs, output node names, and the grads of the same weighted sum with respect
// to the input, the initial states and every parameter. Then init, dropout, errors and the module API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { dec, opts, maxDiff, type TensorJson as TJ } from '../helpers/module_fixture.js';
import { gradcheck, gradgradcheck } from '../../lib/autograd/gradcheck.js';

interface Case {
  id: string; module: string; kwargs: Record<string, unknown>; dtype: 'float32' | 'float64'; repr: string;
  state: [string, TJ][]; input: TJ; hx: TJ | TJ[] | null; outs: TJ[]; names: string[]; weights: TJ[]; grads: TJ[];
}
const FIX = JSON.parse(readFileSync(join(__dirname, '../fixtures/rnn.json'), 'utf8')) as {
  cases: Case[]; reprs: [string, Record<string, unknown>, string][];
  checkpoint: { file: string; kwargs: Record<string, unknown>; x: TJ; outs: TJ[] };
};

const nn = tg.nn;
type Ctor = new (...a: unknown[]) => tg.nn.Module;
const build = (name: string, kw: Record<string, unknown>, dtype?: string): tg.nn.Module =>
  new (nn as unknown as Record<string, Ctor>)[name]({ ...opts(kw), ...(dtype ? { dtype } : {}) });

describe('recurrent layers match PyTorch 1.13 (rnn.json)', () => {
  for (const c of FIX.cases) {
    it(c.id, () => {
      const m = build(c.module, c.kwargs, c.dtype);
      expect(String(m)).toBe(c.repr);
      // state_dict keys in PyTorch's order, then PyTorch's values loaded into them
      expect(Object.keys(m.stateDict())).toEqual(c.state.map(([k]) => k));
      m.loadStateDict(Object.fromEntries(c.state.map(([k, t]) => [k, dec(t)])));
      const x = dec(c.input, true);
      const hx = c.hx === null ? null : Array.isArray(c.hx) ? c.hx.map((h) => dec(h, true)) : dec(c.hx, true);
      const out = (hx === null ? m(x) : m(x, hx)) as Tensor | [Tensor, Tensor | [Tensor, Tensor]];
      const outs: Tensor[] = out instanceof Tensor ? [out] : (out as unknown[]).flat() as Tensor[];
      expect(outs.length).toBe(c.outs.length);
      const tol = c.dtype === 'float64' ? 1e-12 : 2e-6;
      outs.forEach((o, i) => {
        expect(o.dtype).toBe(c.dtype);
        expect(maxDiff(o, dec(c.outs[i]))).toBeLessThan(tol);
        expect(o.gradFn?.name).toBe(c.names[i]);
      });
      const loss = outs.map((o, i) => o.mul(dec(c.weights[i])).sum()).reduce((a, b) => a.add(b));
      const wrt = [x, ...(hx === null ? [] : Array.isArray(hx) ? hx : [hx]), ...m.parameters()];
      const grads = tg.autograd.grad(loss, wrt);
      expect(grads.length).toBe(c.grads.length);
      grads.forEach((g, i) => expect(maxDiff(g as Tensor, dec(c.grads[i]))).toBeLessThan(c.dtype === 'float64' ? 1e-11 : 1e-5));
    });
  }

  it("a PyTorch LSTM checkpoint (safetensors) loads by PyTorch's keys and gives PyTorch's outputs", () => {
    const ck = FIX.checkpoint;
    const lstm = build('LSTM', ck.kwargs) as InstanceType<typeof tg.nn.LSTM>;
    const state = tg.load(join(__dirname, '../fixtures', ck.file));
    expect(Object.keys(state)).toEqual(Object.keys(lstm.stateDict()));
    expect(lstm.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    const [o, [h, c]] = tg.noGrad(() => lstm(dec(ck.x))) as [Tensor, [Tensor, Tensor]];
    [o, h, c].forEach((t, i) => expect(maxDiff(t, dec(ck.outs[i]))).toBeLessThan(2e-6));
  });

  it('reprs of the other options', () => {
    for (const [name, kw, repr] of FIX.reprs) expect(String(build(name, kw))).toBe(repr);
  });
});

describe('recurrent layers: gradcheck in float64 (first and second order)', () => {
  const cases: [string, () => tg.nn.Module, number[], (m: tg.nn.Module, x: Tensor, h: Tensor) => Tensor][] = [
    ['LSTM bidirectional proj', () => new nn.LSTM(2, 3, { numLayers: 2, bidirectional: true, projSize: 2, dtype: 'float64' }), [3, 2, 2],
      (m, x, h) => { const [o, [hn, cn]] = m(x, [h, h.narrow(2, 0, 2).mul(0).add(h.sum())]) as [Tensor, [Tensor, Tensor]]; void cn; return o.sum().add(hn.pow(2).sum()); }],
    ['GRU batchFirst', () => new nn.GRU(2, 3, { batchFirst: true, dtype: 'float64' }), [2, 3, 2],
      (m, x, h) => { const [o, hn] = m(x, h) as [Tensor, Tensor]; return o.pow(2).sum().add(hn.sum()); }],
    ['RNN relu 2 layers', () => new nn.RNN(2, 3, 2, { nonlinearity: 'relu', dtype: 'float64' }), [3, 2, 2],
      (m, x, h) => { const [o] = m(x, h) as [Tensor, Tensor]; return o.sum(); }],
  ];
  for (const [name, make, shape, f] of cases) {
    it(name, () => {
      tg.manualSeed(11);
      const m = make();
      const x = tg.randn(shape, { dtype: 'float64', requiresGrad: true });
      const d = (m as unknown as { bidirectional: boolean; numLayers: number; projSize: number; hiddenSize: number; batchFirst: boolean });
      const hShape = [d.numLayers * (d.bidirectional ? 2 : 1), shape[d.batchFirst ? 0 : 1], d.projSize || d.hiddenSize];
      const h = tg.randn(hShape, { dtype: 'float64' }).mul(0.5).requiresGrad_(true);
      if (name.startsWith('LSTM')) {
        // c0 is built from h inside f; gradcheck through both
        const fh = (xx: Tensor, hh: Tensor): Tensor => {
          const [o, [hn, cn]] = m(xx, [hh, tg.zeros([hShape[0], hShape[1], d.hiddenSize], { dtype: 'float64' }).add(hh.sum().mul(0.1))]) as [Tensor, [Tensor, Tensor]];
          return o.sum().add(hn.pow(2).sum()).add(cn.sum());
        };
        expect(gradcheck(fh, [x, h])).toBe(true);
        expect(gradgradcheck(fh, [x, h])).toBe(true);
        return;
      }
      expect(gradcheck((xx: Tensor, hh: Tensor) => f(m, xx, hh), [x, h])).toBe(true);
      expect(gradgradcheck((xx: Tensor, hh: Tensor) => f(m, xx, hh), [x, h])).toBe(true);
    });
  }
});

describe('recurrent layers: init, dropout, module API', () => {
  it("parameters start U(-1/sqrt(hidden), 1/sqrt(hidden)) and are registered in PyTorch's order", () => {
    tg.manualSeed(0);
    const lstm = new nn.LSTM(30, 64, 2, { bidirectional: true });
    const bound = 1 / 8;
    expect(lstm.namedParameters().map(([k]) => k).slice(0, 5)).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', 'weight_ih_l0_reverse']);
    for (const p of lstm.parameters()) expect(p.abs().max().item()).toBeLessThanOrEqual(bound);
    const w = lstm.weightHhL1Reverse as Tensor;
    expect(w.shape).toEqual([256, 64]);
    expect(lstm.weightIhL1.shape).toEqual([256, 128]);
    expect((w.var().item() as number) / (bound * bound / 3)).toBeCloseTo(1, 1);
    expect(lstm.allWeights.map((ws) => ws.length)).toEqual([4, 4, 4, 4]);
    tg.manualSeed(0);
    expect(new nn.LSTM(30, 64, 2, { bidirectional: true }).weightIhL0.equal(lstm.weightIhL0)).toBe(true);
  });

  it('attributes are camelCase, stateDict keys PyTorch’s; a PyTorch-keyed state loads, a wrong shape throws naming the key', () => {
    const cell = new nn.LSTMCell(3, 4);
    expect(Object.keys(cell.stateDict())).toEqual(['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']);
    expect(cell.weightIh.shape).toEqual([16, 3]);
    const sd = cell.stateDict();
    expect(() => cell.loadStateDict({ ...sd, weight_hh: tg.zeros([16, 3]) })).toThrow(/size mismatch for weight_hh: copying a param with shape \[16, 3\].*\[16, 4\]/);
    expect(() => cell.loadStateDict({ ...sd, weightHh: sd.weight_hh })).toThrow(/Unexpected key\(s\) in state_dict: "weightHh"/);
    const nobias = new nn.GRUCell(2, 2, false);
    expect(Object.keys(nobias.stateDict())).toEqual(['weight_ih', 'weight_hh']);
    expect(nobias.biasIh).toBeNull();
  });

  it('dropout between layers: active in training only, never after the last layer', () => {
    tg.manualSeed(5);
    const rnn = new nn.RNN(4, 50, 2, { dropout: 0.5, dtype: 'float64' });
    const x = tg.randn([3, 2, 4], { dtype: 'float64' });
    const [a] = rnn(x) as [Tensor, Tensor];
    const [b] = rnn(x) as [Tensor, Tensor];
    expect(a.equal(b)).toBe(false);
    rnn.eval();
    const [c] = rnn(x) as [Tensor, Tensor];
    const [d] = rnn(x) as [Tensor, Tensor];
    expect(c.equal(d)).toBe(true);
    // one layer: the dropout option has nothing to act on (PyTorch warns), results are deterministic
    const one = new nn.GRU(4, 5, 1, { dropout: 0.5 });
    expect((one(x.float()) as Tensor[])[0].equal((one(x.float()) as Tensor[])[0])).toBe(true);
  });

  it('keyword arguments: positional, options object and mixed build the same module', () => {
    tg.manualSeed(1);
    const a = new nn.LSTM(3, 4, 2, true, true, 0, true, 2, 'float64');
    tg.manualSeed(1);
    const b = new nn.LSTM(3, 4, { numLayers: 2, batchFirst: true, bidirectional: true, projSize: 2, dtype: 'float64' });
    expect(String(a)).toBe(String(b));
    expect(a.parameters().every((p, i) => p.equal(b.parameters()[i]))).toBe(true);
    expect(String(new nn.RNNCell(2, 3, { nonlinearity: 'relu' }))).toBe('RNNCell(2, 3, nonlinearity=relu)');
    expect(() => new nn.LSTM(3, 4, { nonlinearity: 'relu' })).toThrow(/unexpected keyword argument 'nonlinearity'/);
  });

  it('double() converts every weight; a float64 input then runs', () => {
    const gru = new nn.GRU(2, 3).double();
    expect(gru.parameters().every((p) => p.dtype === 'float64')).toBe(true);
    const [o] = gru(tg.randn([2, 1, 2], { dtype: 'float64' })) as [Tensor, Tensor];
    expect(o.dtype).toBe('float64');
  });
});

describe('recurrent layers: bad input names the layer and the shapes', () => {
  const lstm = new nn.LSTM(3, 4, 2);
  it.each([
    ['rank', () => lstm(tg.zeros([2, 3, 3, 3])), /LSTM.*Expected input to be 2-D or 3-D but received 4-D tensor of shape \[2, 3, 3, 3\]/],
    ['features', () => lstm(tg.zeros([5, 2, 7])), /LSTM.*input.size\(-1\) must be equal to input_size. Expected 3, got 7/],
    ['h0 shape', () => lstm(tg.zeros([5, 2, 3]), [tg.zeros([2, 3, 4]), tg.zeros([2, 2, 4])]), /LSTM.*Expected hidden\[0\] size \[2, 2, 4\], got \[2, 3, 4\]/],
    ['c0 shape', () => lstm(tg.zeros([5, 2, 3]), [tg.zeros([2, 2, 4]), tg.zeros([1, 2, 4])]), /LSTM.*Expected hidden\[1\] size \[2, 2, 4\], got \[1, 2, 4\]/],
    ['hx rank for batched input', () => new nn.GRU(3, 4)(tg.zeros([5, 2, 3]), tg.zeros([2, 4])), /GRU.*For batched 3-D input, hx should also be 3-D but got 2-D tensor/],
    ['hx rank for unbatched input', () => new nn.RNN(3, 4)(tg.zeros([5, 3]), tg.zeros([1, 1, 4])), /RNN.*For unbatched 2-D input, hx should also be 2-D but got 3-D tensor/],
    ['hx not a pair', () => lstm(tg.zeros([5, 2, 3]), tg.zeros([2, 2, 4]) as never), /LSTM.*hx must be a pair/],
    ['dtype', () => lstm(tg.zeros([5, 2, 3], { dtype: 'float64' })), /LSTM.*float32.*float64/],
    ['cell rank', () => new nn.GRUCell(3, 4)(tg.zeros([2, 2, 3])), /GRUCell.*Expected input to be 1-D or 2-D but received 3-D tensor/],
    ['cell features', () => new nn.RNNCell(3, 4)(tg.zeros([2, 5])), /RNNCell.*input has inconsistent input_size: got 5 expected 3/],
    ['cell batch', () => new nn.LSTMCell(3, 4)(tg.zeros([2, 3]), [tg.zeros([3, 4]), tg.zeros([3, 4])]), /LSTMCell.*Input batch size 2 doesn't match hidden0 batch size 3/],
    ['cell hidden', () => new nn.GRUCell(3, 4)(tg.zeros([2, 3]), tg.zeros([2, 5])), /GRUCell.*hidden0 has inconsistent hidden_size: got 5, expected 4/],
    ['projSize', () => new nn.LSTM(3, 4, { projSize: 4 }), /LSTM.*proj_size has to be smaller than hidden_size/],
    ['dropout', () => new nn.GRU(3, 4, 2, { dropout: 1.5 }), /GRU.*dropout should be a number in range \[0, 1\]/],
    ['nonlinearity', () => new nn.RNN(3, 4, { nonlinearity: 'gelu' as never }), /RNN.*Unknown nonlinearity 'gelu'/],
    ['sizes', () => new nn.LSTM(3.5, 4), /LSTM.*inputSize must be an integer/],
  ])('%s', (_, f, re) => {
    expect(f).toThrow(re);
  });
});
