// The fused LSTM cell (lib/ops/rnn.ts, Note [Fused LSTM cell]) against ATen's composite cell written with ops:
// the same float64 values, first grads (fused native backward) and second grads (the differentiable formulas),
// including a grad for only one of the two outputs; and its argument errors.
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { lstmCell, lstmLayer } from '../../lib/ops/rnn.js';
import { maxDiff } from '../helpers/module_fixture.js';

const f64 = (shape: number[], scale = 1): Tensor => tg.randn(shape, { dtype: 'float64' }).mul(scale).requiresGrad_();

function composite(hw: Tensor, xw: Tensor, c: Tensor): [Tensor, Tensor] {
  const [i, f, g, o] = hw.add(xw).chunk(4, 1);
  const cy = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
  return [o.sigmoid().mul(cy.tanh()), cy];
}

describe('fused LSTM cell', () => {
  tg.manualSeed(7);
  const B = 3, H = 5; // H = 5: a Vec tail on every ISA
  const ins = () => [f64([B, 4 * H], 2), f64([B, 4 * H]), f64([B, H])];
  const wh = tg.randn([B, H], { dtype: 'float64' }), wc = tg.randn([B, H], { dtype: 'float64' });
  const losses: [string, (hy: Tensor, cy: Tensor) => Tensor][] = [
    ['both outputs', (hy, cy) => hy.mul(wh).sum().add(cy.mul(wc).sum())],
    ['hy only', (hy) => hy.mul(wh).sum()],
    ['cy only', (_hy, cy) => cy.mul(wc).sum()],
  ];

  it('computes the composite values to rounding (float64 and float32)', () => {
    for (const [dtype, tol] of [['float64', 1e-15], ['float32', 1e-6]] as const) {
      const [a, b, c] = ins().map((t) => t.detach().to(dtype));
      const [hy, cy] = lstmCell(a, b, c), [rh, rc] = composite(a, b, c);
      expect(maxDiff(hy, rh)).toBeLessThan(tol);
      expect(maxDiff(cy, rc)).toBeLessThan(tol);
    }
  });

  for (const [name, loss] of losses) {
    it(`matches the composite's first and second grads (${name})`, () => {
      const x = ins();
      const [hy, cy] = lstmCell(x[0], x[1], x[2]);
      expect(hy.gradFn?.name).toBe('MulBackward0');
      expect(cy.gradFn).toBe(hy.gradFn); // one node for both outputs
      const g = tg.autograd.grad(loss(hy, cy), x, { createGraph: true }) as Tensor[];
      const gPlain = tg.autograd.grad(loss(...lstmCell(x[0], x[1], x[2])), x) as Tensor[];
      const r = tg.autograd.grad(loss(...composite(x[0], x[1], x[2])), x, { createGraph: true }) as Tensor[];
      for (let k = 0; k < 3; k++) {
        expect(maxDiff(gPlain[k], r[k])).toBeLessThan(1e-14);
        expect(maxDiff(g[k], r[k])).toBeLessThan(1e-14);
      }
      // second order: d/dx of sum(grads * v)
      const v = x.map((t) => tg.randn(t.shape, { dtype: 'float64' }));
      const s = (gs: Tensor[]) => gs.map((t, k) => t.mul(v[k]).sum()).reduce((p, q) => p.add(q));
      const gg = tg.autograd.grad(s(g), x, { allowUnused: true }) as (Tensor | null)[];
      const rr = tg.autograd.grad(s(r), x, { allowUnused: true }) as (Tensor | null)[];
      for (let k = 0; k < 3; k++) expect(maxDiff(gg[k] as Tensor, rr[k] as Tensor)).toBeLessThan(1e-12);
    });
  }

  it('passes gradcheck and gradgradcheck', () => {
    const x = ins();
    expect(tg.autograd.gradcheck((a, b, c) => lstmCell(a, b, c), x)).toBe(true);
    expect(tg.autograd.gradgradcheck((a, b, c) => lstmCell(a, b, c), x)).toBe(true);
  });

  it('nn.LSTM (fused steps) matches the composite nn.LSTMCell steps in float64', () => {
    tg.manualSeed(3);
    const lstm = new tg.nn.LSTM(4, 6, { dtype: 'float64' });
    const cell = new tg.nn.LSTMCell(4, 6, { dtype: 'float64' });
    const sd = lstm.stateDict();
    cell.loadStateDict({ weight_ih: sd.weight_ih_l0, weight_hh: sd.weight_hh_l0, bias_ih: sd.bias_ih_l0, bias_hh: sd.bias_hh_l0 });
    const x = tg.randn([5, 2, 4], { dtype: 'float64' });
    const [out] = lstm(x) as [Tensor, unknown];
    let h = tg.zeros([2, 6], { dtype: 'float64' }), c = h;
    for (let t = 0; t < 5; t++) {
      [h, c] = cell(x.select(0, t), [h, c]) as [Tensor, Tensor];
      expect(maxDiff(out.select(0, t), h)).toBeLessThan(1e-14);
    }
  });

  it('rejects bad arguments naming the op and shapes', () => {
    const z = (s: number[], dtype: 'float32' | 'float64' | 'int32' = 'float32') => tg.zeros(s, { dtype });
    expect(() => lstmCell(z([2, 8]), z([2, 4]), z([2, 2]))).toThrow(/^lstmCell: .*\[2, 8\].*\[2, 4\]/);
    expect(() => lstmCell(z([2, 8]), z([2, 8]), z([2, 3]))).toThrow(RangeError);
    expect(() => lstmCell(z([2, 8]), z([2, 8], 'float64'), z([2, 2]))).toThrow(/^lstmCell: .*float64/);
    expect(() => lstmCell(z([2, 8], 'int32'), z([2, 8], 'int32'), z([2, 2], 'int32'))).toThrow(TypeError);
  });
});

// One fused LSTM layer direction (Note [Fused LSTM layer]) against the same steps composed of ops.
describe('fused LSTM layer', () => {
  tg.manualSeed(11);
  const T = 4, B = 2, H = 3;
  const f64s = () => [f64([T, B, 4 * H], 2), f64([B, H]), f64([B, H]), f64([4 * H, H]), f64([4 * H])];
  function composite(xw: Tensor, h0: Tensor, c0: Tensor, w: Tensor, b: Tensor, reverse: boolean): Tensor[] {
    const ys: Tensor[] = new Array(T);
    let h = h0, c = c0;
    for (let k = 0; k < T; k++) {
      const t = reverse ? T - 1 - k : k;
      const [i, f, g, o] = tg.nn.functional.linear(h, w, b).add(xw.select(0, t)).chunk(4, 1);
      c = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
      h = o.sigmoid().mul(c.tanh());
      ys[t] = h;
    }
    return [...ys, c];
  }
  const weights = Array.from({ length: T + 1 }, () => tg.randn([B, H], { dtype: 'float64' }));
  const loss = (outs: Tensor[], skipLastC: boolean) =>
    outs.slice(0, skipLastC ? T : T + 1).map((o, k) => o.mul(weights[k]).sum()).reduce((p, q) => p.add(q));

  for (const reverse of [false, true]) {
    for (const skipLastC of [false, true]) {
      it(`matches the composite's values, grads and second grads (reverse ${reverse}, grad of cT ${!skipLastC})`, () => {
        const x = f64s();
        const outs = lstmLayer(x[0], x[1], x[2], x[3], x[4], reverse);
        const ref = composite(x[0], x[1], x[2], x[3], x[4], reverse);
        outs.forEach((o, k) => expect(maxDiff(o, ref[k])).toBeLessThan(1e-15));
        const gPlain = tg.autograd.grad(loss(lstmLayer(x[0], x[1], x[2], x[3], x[4], reverse), skipLastC), x) as Tensor[];
        const g = tg.autograd.grad(loss(outs, skipLastC), x, { createGraph: true }) as Tensor[];
        const r = tg.autograd.grad(loss(ref, skipLastC), x, { createGraph: true }) as Tensor[];
        for (let k = 0; k < 5; k++) {
          expect(maxDiff(gPlain[k], r[k])).toBeLessThan(1e-13);
          expect(maxDiff(g[k], r[k])).toBeLessThan(1e-13);
        }
        const v = x.map((t) => tg.randn(t.shape, { dtype: 'float64' }));
        const s = (gs: Tensor[]) => gs.map((t, k) => t.mul(v[k]).sum()).reduce((p, q) => p.add(q));
        const gg = tg.autograd.grad(s(g), x, { allowUnused: true }) as (Tensor | null)[];
        const rr = tg.autograd.grad(s(r), x, { allowUnused: true }) as (Tensor | null)[];
        for (let k = 0; k < 5; k++) expect(maxDiff(gg[k] as Tensor, rr[k] as Tensor)).toBeLessThan(1e-12);
      });
    }
  }
});
