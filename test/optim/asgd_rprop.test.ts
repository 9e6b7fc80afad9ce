// ASGD and Rprop (lib/optim/asgd.ts, rprop.ts) beyond the step-for-step trajectories of
// test/optim/optim_trajectories.test.ts (test/fixtures/optim.json): PyTorch 1.13's repr
// (test/fixtures/nnmisc.json, from test/fixtures/gen/gen_nnmisc.py), a stateDict round trip mid-run, option
// errors, and the base class's step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const FIX: { optim_repr: Record<string, string> } = JSON.parse(readFileSync(new URL('../fixtures/nnmisc.json', import.meta.url), 'utf8'));
type Opt = InstanceType<typeof tg.optim.SGD>;

describe('ASGD and Rprop', () => {
  it("print(optimizer) as PyTorch's", () => {
    const p1 = new tg.nn.Parameter(tg.zeros(2)), p2 = new tg.nn.Parameter(tg.zeros(1));
    expect(String(new tg.optim.ASGD([{ params: [p1] }, { params: [p2], lr: 0.5, t0: 3 }], { lambd: 1e-3 }))).toBe(FIX.optim_repr.ASGD);
    expect(String(new tg.optim.Rprop([{ params: [p1] }, { params: [p2], etas: [0.3, 1.5] }], { lr: 0.1, stepSizes: [1e-5, 2] }))).toBe(FIX.optim_repr.Rprop);
  });

  for (const [name, make] of [
    ['ASGD', (ps: Tensor[]) => new tg.optim.ASGD(ps, { lr: 0.1, t0: 1, lambd: 0.01 })],
    ['Rprop', (ps: Tensor[]) => new tg.optim.Rprop(ps, { lr: 0.1 })],
  ] as [string, (ps: Tensor[]) => Opt][]) {
    it(`${name}: stateDict round trip mid-run continues as the original`, () => {
      const grads = [0, 1, 2, 3, 4, 5].map((k) => tg.sin(tg.arange(3, { dtype: 'float64' }).mul(1.3).add(k * 0.9)));
      const run = (opt: Opt, p: Tensor, from: number, to: number): void => {
        for (let k = from; k < to; k++) {
          p.grad = grads[k];
          opt.step();
        }
      };
      const a = new tg.nn.Parameter(tg.tensor([0.5, -1, 2], { dtype: 'float64' }));
      const optA = make([a]);
      run(optA, a, 0, 6);
      const b = new tg.nn.Parameter(tg.tensor([0.5, -1, 2], { dtype: 'float64' }));
      const optB = make([b]);
      run(optB, b, 0, 3);
      const c = new tg.nn.Parameter(b.detach().clone());
      const optC = make([c]);
      optC.loadStateDict(optB.stateDict());
      run(optC, c, 3, 6);
      expect(Array.from(c._data as Float64Array)).toEqual(Array.from(a._data as Float64Array));
      expect(Object.keys(optC.stateDict().state[0]).sort()).toEqual(name === 'ASGD' ? ['ax', 'eta', 'mu', 'step'] : ['prev', 'step', 'stepSize']);
    });
  }

  it("bad options are PyTorch's ValueErrors, as RangeErrors naming the optimizer", () => {
    const p = (): Tensor[] => [new tg.nn.Parameter(tg.ones(1))];
    expect(() => new tg.optim.ASGD(p(), { lr: -1 })).toThrow(/^ASGD: Invalid learning rate: -1/);
    expect(() => new tg.optim.ASGD(p(), { weightDecay: -1 })).toThrow(/^ASGD: Invalid weight_decay value: -1/);
    expect(() => new tg.optim.ASGD(p(), { t0: 'a' } as never)).toThrow(TypeError);
    expect(() => new tg.optim.Rprop(p(), { etas: [1.5, 1.2] })).toThrow(/^Rprop: Invalid eta values: 1.5, 1.2/);
    expect(() => new tg.optim.Rprop(p(), { lr: -0.1 })).toThrow(/^Rprop: Invalid learning rate: -0.1/);
    expect(() => new tg.optim.Rprop(p(), { stepSizes: [1] as never })).toThrow(/^Rprop: stepSizes must be a pair of numbers/);
  });

  it("Optimizer.step of the base class throws (PyTorch's NotImplementedError)", () => {
    const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 0.1 });
    expect(() => tg.optim.Optimizer.prototype.step.call(opt)).toThrow(/^SGD\.step: not implemented/);
  });
});
