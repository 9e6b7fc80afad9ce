// tg.optim against PyTorch 1.13: each configuration runs 5 steps on one fixed tiny problem and must match
// torch's parameters after every step (rtol 1e-5); plus zeroGrad, param groups, state dicts and errors.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { nnFixture, fromEnc, expectClose } from '../nn/helpers.js';
import { native } from '../../lib/native.js';

const F = tg.nn.functional;
const fx = nnFixture.optim;
type AnyOpt = InstanceType<typeof tg.optim.Adam> | InstanceType<typeof tg.optim.SGD>;
const make = (name: string, params: Tensor[], opts: object): AnyOpt =>
  new (tg.optim as unknown as Record<string, new (p: Tensor[], o: object) => AnyOpt>)[name](params, opts);

function problem() {
  const W = fromEnc(fx.W0, true), b = fromEnc(fx.b0, true);
  const X = fromEnc(fx.X), Y = fromEnc(fx.Y);
  const loss = () => F.mseLoss(X.matmul(W.t()).add(b).tanh(), Y).add(W.pow(3).sum().mul(0.1));
  return { W, b, loss };
}

describe('optimizers match PyTorch 1.13 step for step', () => {
  for (const c of fx.cases) {
    it(`${c.optimizer} ${JSON.stringify(c.opts)}`, () => {
      const { W, b, loss } = problem();
      const opt = make(c.optimizer, [W, b], c.opts);
      c.steps.forEach((s: { loss: number; W: number[]; b: number[] }, i: number) => {
        opt.zeroGrad();
        const l = loss();
        l.backward();
        opt.step();
        expect(l.item()).toBeCloseTo(s.loss, 5);
        expectClose(W, s.W, 1e-5, 1e-7, `W after step ${i + 1}`);
        expectClose(b, s.b, 1e-5, 1e-7, `b after step ${i + 1}`);
      });
    });
  }
});

describe('optimizer API', () => {
  it('step(closure) returns the loss; params without grad are skipped', () => {
    const { W, b, loss } = problem();
    const frozen = tg.zeros([2], { requiresGrad: true });
    const opt = new tg.optim.SGD([W, b, frozen], { lr: 0.1 });
    const l = opt.step(() => {
      opt.zeroGrad();
      const v = loss();
      v.backward();
      return v;
    });
    expect(l).toBeInstanceOf(Tensor);
    expect(frozen.grad).toBeNull();
    expect(frozen.abs().sum().item()).toBe(0);
  });

  it('zeroGrad: in place by default, setToNone drops grads', () => {
    const { W, b, loss } = problem();
    const opt = new tg.optim.Adam([W, b]);
    loss().backward();
    const g = W.grad as Tensor;
    opt.zeroGrad();
    expect(W.grad).toBe(g);
    expect(g.abs().sum().item()).toBe(0);
    opt.zeroGrad({ setToNone: true });
    expect(W.grad).toBeNull();
  });

  it('param groups take their own options; state dict round trip continues identically', () => {
    const run = (split: boolean) => {
      const { W, b, loss } = problem();
      const opt = new tg.optim.Adam([{ params: [W] }, { params: [b], lr: 0.1 }], { lr: 0.01 });
      for (let i = 0; i < 3; i++) {
        opt.zeroGrad();
        loss().backward();
        opt.step();
      }
      let o = opt;
      if (split) {
        o = new tg.optim.Adam([{ params: [W] }, { params: [b], lr: 0.5 }], { lr: 0.01 });
        o.loadStateDict(opt.stateDict());
      }
      for (let i = 0; i < 2; i++) {
        o.zeroGrad();
        loss().backward();
        o.step();
      }
      return [W, b];
    };
    const [w1, b1] = run(false), [w2, b2] = run(true);
    expect(w1.equal(w2) && b1.equal(b2)).toBe(true);
    const { W } = problem();
    const sd = new tg.optim.SGD([W], { lr: 0.1, momentum: 0.9 }).stateDict();
    expect(sd.paramGroups[0]).toMatchObject({ lr: 0.1, momentum: 0.9, params: [0] });
  });

  it('updates in place and allocate little (the parameter keeps its storage)', () => {
    const { W, b, loss } = problem();
    const data = W.toTypedArray.call(W); void data;
    const before = (W as unknown as { _box: { data: unknown } })._box.data;
    const opt = new tg.optim.AdamW([W, b], { lr: 0.01 });
    loss().backward();
    opt.step();
    expect((W as unknown as { _box: { data: unknown } })._box.data).toBe(before);
    expect(W.isLeaf && W.requiresGrad && W.gradFn === null).toBe(true);
  });

  it('fused steps match a float64 reference on a parameter large enough to split across threads', () => {
    // Note [Fused optimizer steps]: the update of each element is PyTorch's op sequence; in float64 the fused
    // kernel and a plain JS transcription of _single_tensor_adam/_single_tensor_sgd agree to rounding.
    const n = 100_003;
    const p0 = Array.from({ length: n }, (_, i) => Math.sin(i * 0.37));
    const grads = [0, 1, 2].map((s) => Array.from({ length: n }, (_, i) => Math.cos(i * 0.11 + s) * (1 + (i % 7))));
    const configs: [string, Record<string, unknown>][] = [
      ['Adam', { lr: 0.01, weightDecay: 0.1, amsgrad: true }],
      ['AdamW', { lr: 0.02, weightDecay: 0.5, maximize: true }],
      ['SGD', { lr: 0.05, momentum: 0.9, dampening: 0.2, weightDecay: 0.01 }],
      ['SGD', { lr: 0.05, momentum: 0.8, nesterov: true, maximize: true }],
    ];
    for (const [name, opts] of configs) {
      const p = tg.tensor(p0, { dtype: 'float64', requiresGrad: true });
      const opt = make(name, [p], opts);
      const ref = p0.slice(), m = new Array<number>(n).fill(0), v = new Array<number>(n).fill(0), vmax = v.slice();
      const o = { momentum: 0, dampening: 0, weightDecay: 0, betas: [0.9, 0.999], eps: 1e-8, ...opts } as Record<string, any>;
      grads.forEach((gv, k) => {
        p.grad = tg.tensor(gv, { dtype: 'float64' });
        opt.step();
        const step = k + 1;
        for (let i = 0; i < n; i++) {
          let g = o.maximize ? -gv[i] : gv[i];
          if (name === 'SGD') {
            if (o.weightDecay) g += o.weightDecay * ref[i];
            m[i] = k === 0 ? g : m[i] * o.momentum + (1 - o.dampening) * g;
            const d = o.nesterov ? g + o.momentum * m[i] : m[i];
            ref[i] -= o.lr * d;
            continue;
          }
          if (name === 'AdamW') ref[i] *= 1 - o.lr * o.weightDecay;
          else if (o.weightDecay) g += o.weightDecay * ref[i];
          m[i] = m[i] * o.betas[0] + (1 - o.betas[0]) * g;
          v[i] = v[i] * o.betas[1] + (1 - o.betas[1]) * g * g;
          vmax[i] = Math.max(vmax[i], v[i]);
          const denom = Math.sqrt(o.amsgrad ? vmax[i] : v[i]) / Math.sqrt(1 - o.betas[1] ** step) + o.eps;
          ref[i] -= ((o.lr / (1 - o.betas[0] ** step)) * m[i]) / denom;
        }
      });
      const got = p.tolist() as number[];
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(got[i] - ref[i]) / Math.max(1, Math.abs(ref[i])));
      expect(worst, `${name} ${JSON.stringify(opts)}`).toBeLessThan(1e-12);
    }
  });

  it('the fused kernels check their operands in C++ too (the grad setter already rejects a mismatch)', () => {
    const p = tg.zeros([4], { requiresGrad: true });
    expect(() => {
      p.grad = tg.zeros([5]);
    }).toThrow(/assigned grad has dtype float32 and shape \[5\]/);
    const d = (t: Tensor) => t._data as Float32Array;
    const four = () => tg.zeros([4]);
    expect(() => native.adamStep(d(p), d(tg.zeros([5])), d(four()), d(four()), null, [0.9, 0.999, 1e-8, 0, 1, 1e-3, 1, 0]))
      .toThrow(/adamStep: grad has 5 elements/);
    expect(() => native.sgdStep(d(p), d(tg.zeros([4], { dtype: 'float64' })), null, [0.1, 0, 0, 0, 0, 0, 0]))
      .toThrow(/sgdStep: grad has 4 elements of float64/);
    expect(() => native.sgdStep(d(p), d(four()), null, [0.1])).toThrow(/sgdStep: expected 7 hyperparameters/);
  });

  it('errors like PyTorch', () => {
    const { W } = problem();
    expect(() => new tg.optim.SGD([], { lr: 0.1 })).toThrow(/empty parameter list/);
    expect(() => new tg.optim.SGD([W], {})).toThrow(/lr is required/);
    expect(() => new tg.optim.Adam([W], { lr: -1 })).toThrow(/Invalid learning rate: -1/);
    expect(() => new tg.optim.Adam([W], { betas: [1, 0.9] })).toThrow(/Invalid beta parameter at index 0/);
    expect(() => new tg.optim.SGD([W.mul(2)], { lr: 0.1 })).toThrow(/non-leaf/);
    expect(() => new tg.optim.SGD([W], { lr: 0.1, nesterov: true })).toThrow(/Nesterov/);
    expect(() => new tg.optim.SGD([{ params: [W] }, { params: [W] }], { lr: 0.1 })).toThrow(/more than one parameter group/);
  });
});
