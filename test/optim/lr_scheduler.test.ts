// tg.optim.lrScheduler against PyTorch 1.13 (test/fixtures/gen/gen_lr_scheduler.py): every group's lr (and
// momentum / beta1) after construction and after each step, getLastLr(), and the state dict's plain entries,
// for the chainable step(), the deprecated closed-form step(epoch) (Note [Chainable and closed-form
// schedules]), two schedulers composing on one optimizer, ChainedScheduler and SequentialLR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, vi } from 'vitest';
import tg from '../../lib/index.js';

const fx = JSON.parse(readFileSync(join(__dirname, '../fixtures/lr_scheduler.json'), 'utf8'));
const S = tg.optim.lrScheduler as unknown as Record<string, new (...a: unknown[]) => Sched>;
interface Sched {
  step(x?: unknown): void;
  getLastLr(): number[];
  stateDict(): Record<string, unknown>;
  loadStateDict(sd: Record<string, unknown>): void;
}
const LAMBDAS: Record<string, (e: number) => number> = {
  pow95: (e) => 0.95 ** e, inv: (e) => 1 / (e + 1), const09: () => 0.9, warm: (e) => Math.min(1, (e + 1) / 4),
};
const dec = (v: unknown): unknown => (v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : Array.isArray(v) ? v.map(dec) : v);
const closeTo = (got: number[], want: number[], what: string): void => {
  expect(got.length, what).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `${what}[${i}]: ${g} vs ${want[i]}`).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(want[i]))));
};

function build(c: { optimizer: string; schedulers: [string, Record<string, unknown>][] }) {
  const p1 = tg.zeros([2], { requiresGrad: true }), p2 = tg.zeros([3], { requiresGrad: true });
  const groups = [{ params: [p1], lr: 0.1 }, { params: [p2], lr: 0.05 }];
  const opt = c.optimizer === 'SGD' ? new tg.optim.SGD(groups, { lr: 0.1, momentum: 0.9 }) : new tg.optim.Adam(groups);
  const made: Sched[] = [];
  for (const [name, kw] of c.schedulers) {
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(kw)) {
      if (k === 'lrLambda') args[k] = Array.isArray(v) ? v.map((x) => LAMBDAS[x]) : LAMBDAS[v as string];
      else if (k === 'schedulers') args[k] = (v as number[]).map((i) => made[i]);
      else args[k] = v;
    }
    made.push(name === 'ChainedScheduler' ? new S[name](args) : new S[name](opt, args));
  }
  return { opt, made };
}

describe('lr schedulers follow PyTorch 1.13', () => {
  for (const c of fx.cases) {
    it(c.id, () => {
      const { opt, made } = build(c);
      const driven = c.drive === 'all' ? made : [made[made.length - 1]];
      const groups = opt.paramGroups as unknown as { lr: number; momentum?: number; betas?: number[] }[];
      const check = (row: Record<string, number[]>, when: string) => {
        closeTo(groups.map((g) => g.lr), row.lr, `lr ${when}`);
        if (row.momentum) closeTo(groups.map((g) => g.momentum as number), row.momentum, `momentum ${when}`);
        if (row.beta1) closeTo(groups.map((g) => (g.betas as number[])[0]), row.beta1, `beta1 ${when}`);
        if (row.lastLr) closeTo(driven[driven.length - 1].getLastLr(), row.lastLr, `getLastLr() ${when}`);
      };
      check(c.rows[0], 'after construction');
      for (let i = 1; i < c.rows.length; i++) {
        opt.step();
        for (const s of driven) {
          if (c.metrics) s.step(c.metrics[i - 1]);
          else if (c.epochs) s.step(c.epochs[i - 1]);
          else s.step();
        }
        check(c.rows[i], `after step ${i}`);
      }
      const sd = driven[driven.length - 1].stateDict();
      for (const [k, v] of Object.entries(c.state)) {
        expect(k in sd, `stateDict has ${k}`).toBe(true);
        const want = dec(v), got = sd[k];
        if (typeof want === 'number' && Number.isFinite(want)) closeTo([got as number], [want], `stateDict.${k}`);
        else if (Array.isArray(want)) closeTo(got as number[], want as number[], `stateDict.${k}`);
        else expect(got, `stateDict.${k}`).toEqual(want);
      }
    });
  }
});

describe('lr scheduler API', () => {
  const sgd = () => new tg.optim.SGD([tg.zeros([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });

  it('stateDict/loadStateDict resume a schedule exactly', () => {
    const run = (split: boolean) => {
      const opt = sgd();
      let s: Sched = new tg.optim.lrScheduler.CosineAnnealingWarmRestarts(opt, { T0: 3, TMult: 2 });
      const lrs: number[] = [];
      for (let i = 0; i < 12; i++) {
        if (split && i === 5) {
          const sd = s.stateDict();
          s = new tg.optim.lrScheduler.CosineAnnealingWarmRestarts(opt, { T0: 3, TMult: 2 });
          s.loadStateDict(sd);
        }
        opt.step();
        s.step();
        lrs.push(s.getLastLr()[0]);
      }
      return lrs;
    };
    expect(run(true)).toEqual(run(false));
    const opt = sgd();
    const plateau = new tg.optim.lrScheduler.ReduceLROnPlateau(opt, { patience: 0 });
    plateau.step(tg.tensor(1));
    plateau.step(2);
    const restored = new tg.optim.lrScheduler.ReduceLROnPlateau(opt, { patience: 5 });
    restored.loadStateDict(plateau.stateDict());
    expect(restored.patience).toBe(0);
    expect(restored.best).toBe(1);
    expect(restored.getLastLr()).toEqual(plateau.getLastLr());
  });

  it('verbose prints PyTorch\'s messages', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const s = new tg.optim.lrScheduler.StepLR(sgd(), 1, { gamma: 0.5, verbose: true });
      s.step();
      s.step(7);
      expect(log.mock.calls.map((c) => c[0])).toEqual([
        'Adjusting learning rate of group 0 to 1.0000e-01.',
        'Adjusting learning rate of group 0 to 5.0000e-02.',
        'Epoch 00007: adjusting learning rate of group 0 to 7.8125e-04.',
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it("bad arguments throw PyTorch's errors naming the scheduler", () => {
    const L = tg.optim.lrScheduler;
    expect(() => new L.StepLR({} as never, 3)).toThrow(/^StepLR: Object is not an Optimizer$/);
    expect(() => new L.StepLR(sgd(), 3, { lastEpoch: 4 })).toThrow(/^StepLR: param 'initial_lr' is not specified in param_groups\[0\] when resuming an optimizer$/);
    expect(() => new L.ConstantLR(sgd(), 2)).toThrow(/^ConstantLR: Constant multiplicative factor expected to be between 0 and 1\.$/);
    expect(() => new L.LinearLR(sgd(), -1)).toThrow(/^LinearLR: Starting multiplicative factor/);
    expect(() => new L.LinearLR(sgd(), 0.5, 2)).toThrow(/^LinearLR: Ending multiplicative factor/);
    expect(() => new L.LambdaLR(sgd(), [() => 1, () => 1])).toThrow(/^LambdaLR: Expected 1 lr_lambdas, but got 2$/);
    expect(() => new L.CosineAnnealingWarmRestarts(sgd(), 0)).toThrow(/^CosineAnnealingWarmRestarts: Expected positive integer T_0, but got 0$/);
    expect(() => new L.CosineAnnealingWarmRestarts(sgd(), 2, 1.5)).toThrow(/Expected integer T_mult >= 1, but got 1.5/);
    expect(() => new L.CosineAnnealingWarmRestarts(sgd(), 2).step(-1)).toThrow(/Expected non-negative epoch, but got -1/);
    expect(() => new L.OneCycleLR(sgd(), 0.1)).toThrow(/^OneCycleLR: You must define either total_steps OR \(epochs AND steps_per_epoch\)$/);
    expect(() => new L.OneCycleLR(sgd(), 0.1, 2.5)).toThrow(/Expected positive integer total_steps, but got 2.5/);
    expect(() => new L.OneCycleLR(sgd(), 0.1, { epochs: 2, stepsPerEpoch: 0 })).toThrow(/Expected positive integer steps_per_epoch, but got 0/);
    expect(() => new L.OneCycleLR(sgd(), 0.1, 10, { pctStart: 1.5 })).toThrow(/Expected float between 0 and 1 pct_start, but got 1.5/);
    expect(() => new L.OneCycleLR(sgd(), 0.1, 10, { annealStrategy: 'exp' as never })).toThrow(/anneal_strategy must by one of 'cos' or 'linear', instead got exp/);
    expect(() => new L.OneCycleLR(new tg.optim.Adagrad([tg.zeros([1], { requiresGrad: true })]), 0.1, 10)).toThrow(/optimizer must support momentum/);
    const one = new L.OneCycleLR(sgd(), 0.1, 2);
    one.step();
    one.step();
    expect(() => one.step()).toThrow(/^OneCycleLR: Tried to step 4 times. The specified number of total steps is 2$/);
    expect(() => new L.ReduceLROnPlateau(sgd(), { factor: 1 })).toThrow(/^ReduceLROnPlateau: Factor should be < 1.0.$/);
    expect(() => new L.ReduceLROnPlateau(sgd(), 'mid' as never)).toThrow(/^ReduceLROnPlateau: mode mid is unknown!$/);
    expect(() => new L.ReduceLROnPlateau(sgd(), { thresholdMode: 'x' as never })).toThrow(/threshold mode x is unknown!/);
    expect(() => new L.ReduceLROnPlateau(sgd(), { minLr: [0, 0] })).toThrow(/expected 1 min_lrs, got 2/);
    expect(() => new L.ReduceLROnPlateau(sgd()).step(tg.zeros([2]))).toThrow(/^ReduceLROnPlateau.step: metrics must be a number or a one-element Tensor/);
    // Where PyTorch divides by an argument (ZeroDivisionError), zero would give NaN learning rates: checked up front.
    expect(() => new L.StepLR(sgd(), 0)).toThrow(/^StepLR: step_size must be positive, got 0$/);
    expect(() => new L.StepLR(sgd(), '2' as never)).toThrow(/^StepLR: step_size must be a number, got string$/);
    expect(() => new L.CosineAnnealingLR(sgd(), 0)).toThrow(/^CosineAnnealingLR: T_max must be positive, got 0$/);
    expect(() => new L.PolynomialLR(sgd(), 0)).toThrow(/^PolynomialLR: total_iters must be positive, got 0$/);
    expect(() => new L.LinearLR(sgd(), 0.5, 1, 0)).toThrow(/^LinearLR: total_iters must be positive, got 0$/);
    expect(() => new L.ExponentialLR(sgd(), null as never)).toThrow(/^ExponentialLR: gamma must be a number, got null$/);
    expect(() => new L.CyclicLR(sgd(), 0.01, 0.1, 0)).toThrow(/^CyclicLR: step_size_up must be positive, got 0$/);
    const a = sgd(), b = sgd();
    const sa = new L.ExponentialLR(a, 0.9), sb = new L.ExponentialLR(b, 0.9);
    expect(() => new L.SequentialLR(a, [sa, sb], [2])).toThrow(/^SequentialLR: Sequential Schedulers expects all schedulers to belong to the same optimizer/);
    expect(() => new L.SequentialLR(a, [sa], [2])).toThrow(/expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 1 and the number of milestones to be equal to 1/);
    expect(() => new L.ChainedScheduler([sa, sb])).toThrow(/^ChainedScheduler: ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and 1 to be different$/);
    expect(() => new L.CyclicLR(sgd(), 0.01, 0.1, { mode: 'sine' as never })).toThrow(/^CyclicLR: mode is invalid and scale_fn is None$/);
    expect(() => new L.CyclicLR(new tg.optim.Adam([tg.zeros([1], { requiresGrad: true })]), 0.01, 0.1)).toThrow(/optimizer must support momentum with `cycle_momentum` option enabled/);
  });
});

describe('a user-defined scheduler', () => {
  it('subclasses LRScheduler: fields, then _init(), then getLr drives step()', () => {
    class Halving extends tg.optim.lrScheduler.LRScheduler {
      every: number;
      constructor(opt: InstanceType<typeof tg.optim.SGD>, every: number) {
        super(opt);
        this.every = every;
        this._init();
      }
      override getLr(): number[] {
        return this.baseLrs.map((b) => b * 0.5 ** Math.floor(this.lastEpoch / this.every));
      }
    }
    const opt = new tg.optim.SGD([tg.zeros([1], { requiresGrad: true })], { lr: 1 });
    const s = new Halving(opt, 2);
    const lrs = [s.getLastLr()[0]];
    for (let i = 0; i < 5; i++) {
      opt.step();
      s.step();
      lrs.push(s.getLastLr()[0]);
    }
    expect(lrs).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
    expect(opt.paramGroups[0]).toMatchObject({ lr: 0.25, initialLr: 1 });
  });
});
