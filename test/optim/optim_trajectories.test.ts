// Every optimizer against PyTorch 1.13 trajectories (test/fixtures/gen/gen_optim.py): fixed gradient sequences
// (first-order optimizers, every option that changes the math, per-group options, float32) and LBFGS on a
// quartic with and without the strong-Wolfe line search. float64 must agree to 1e-12 relative.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { native } from '../../lib/native.js';

const fx = JSON.parse(readFileSync(join(__dirname, '../fixtures/optim.json'), 'utf8'));
type Opt = InstanceType<typeof tg.optim.SGD>;
const ctor = (name: string) => (tg.optim as unknown as Record<string, new (p: unknown, o?: object) => Opt>)[name];

function close(got: ArrayLike<number>, want: number[], rtol: number, what: string): void {
  expect(got.length, what).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  expect(worst, `${what}: worst relative error`).toBeLessThanOrEqual(rtol);
}

const params = (dtype: 'float32' | 'float64'): Tensor[] =>
  fx.P0.map((v: number[], i: number) => tg.tensor(v, { dtype }).reshape(fx.shapes[i]).detach().requiresGrad_());

describe('first-order optimizers follow PyTorch 1.13 step for step', () => {
  for (const c of fx.cases.filter((c: { lbfgs?: unknown }) => !c.lbfgs)) {
    it(`${c.optimizer} ${JSON.stringify(c.opts)}`, () => {
      const { dtype = 'float64', groups, ...opts } = c.opts;
      const rtol = dtype === 'float64' ? 1e-12 : 2e-6;
      const ps = params(dtype);
      const opt = groups === undefined ? new (ctor(c.optimizer))(ps, opts) : new (ctor(c.optimizer))(ps.map((p, i) => ({ params: [p], ...groups[i] })), opts);
      c.steps.forEach((want: number[][], k: number) => {
        ps.forEach((p, i) => {
          p.grad = tg.tensor(fx.grads[k][i], { dtype }).reshape(fx.shapes[i]);
        });
        opt.step();
        ps.forEach((p, i) => close(p._data, want[i], rtol, `param ${i} after step ${k + 1}`));
      });
      // The state dict has PyTorch's structure: state keyed by parameter index, PyTorch's entries (camelCased).
      const sd = opt.stateDict();
      expect(sd.paramGroups.map((g) => g.params)).toEqual(groups === undefined ? [[0, 1]] : [[0], [1]]);
      c.state.forEach((want: Record<string, number | number[] | null>, i: number) => {
        expect(Object.keys(sd.state[i]).sort(), `state ${i} keys`).toEqual(Object.keys(want).sort());
        for (const [k, v] of Object.entries(want)) {
          const got = sd.state[i][k];
          if (v === null) expect(got, `state ${i}.${k}`).toBeNull();
          else if (typeof v === 'number') close([got instanceof Tensor ? (got.item() as number) : (got as number)], [v], rtol, `state ${i}.${k}`);
          else close((got as Tensor)._data, v, rtol, `state ${i}.${k}`);
        }
      });
    });
  }
});

describe('LBFGS follows PyTorch 1.13', () => {
  for (const c of fx.cases.filter((c: { lbfgs?: unknown }) => c.lbfgs)) {
    it(JSON.stringify(c.opts), () => {
      const { dtype, ...opts } = c.opts;
      const ps = params(dtype);
      const A = fx.A.map((v: number[]) => Float64Array.from(v)), C = fx.C.map((v: number[]) => Float64Array.from(v));
      const Arr = dtype === 'float32' ? Float32Array : Float64Array;
      const opt = new tg.optim.LBFGS(ps, opts);
      const closure = (): number => {
        opt.zeroGrad();
        let loss = 0;
        ps.forEach((p, i) => {
          // The same operations as the generator: a*p + c + p*p*p, elementwise in the parameter's dtype.
          const x = p._data as Float64Array, a = Arr.from(A[i]), cc = Arr.from(C[i]);
          const g = new Arr(x.length);
          for (let j = 0; j < x.length; j++) {
            const t = new Arr([a[j] * x[j], 0, 0]);
            t[1] = t[0] + cc[j];
            t[2] = x[j] * x[j];
            t[2] = t[2] * x[j];
            g[j] = t[1] + t[2];
            loss += 0.5 * a[j] * x[j] * x[j] + cc[j] * x[j] + 0.25 * x[j] * x[j] * x[j] * x[j];
          }
          p.grad = tg.tensor(Array.from(g), { dtype }).reshape(fx.shapes[i]);
        });
        return loss;
      };
      const rtol = dtype === 'float64' ? 1e-12 : 1e-5;
      c.lbfgs.forEach((want: { loss: number; params: number[][]; funcEvals: number; nIter: number }, k: number) => {
        const loss = opt.step(closure) as number;
        close([loss], [want.loss], rtol, `loss of step ${k + 1}`);
        ps.forEach((p, i) => close(p._data, want.params[i], rtol, `param ${i} after step ${k + 1}`));
        const st = opt.state.get(ps[0]) as Record<string, unknown>;
        if (dtype === 'float64') expect([st.funcEvals, st.nIter], `evaluations after step ${k + 1}`).toEqual([want.funcEvals, want.nIter]);
      });
    });
  }
});

describe('the new optimizers share the Optimizer API', () => {
  const names = ['RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'NAdam', 'RAdam'];
  const opts: Record<string, object> = {
    RMSprop: { lr: 0.01, momentum: 0.9, centered: true }, Adagrad: { lr: 0.1, lrDecay: 0.1 }, Adadelta: {},
    Adamax: { lr: 0.1 }, NAdam: { lr: 0.1 }, RAdam: { lr: 0.1 },
  };
  const run = (name: string, split: boolean): Tensor[] => {
    const ps = params('float64');
    let opt = new (ctor(name))(ps, opts[name]);
    fx.grads.forEach((gs: number[][], k: number) => {
      if (split && k === 4) {
        const sd = opt.stateDict();
        // A fresh optimizer over the same parameters continues identically from the loaded state.
        opt = new (ctor(name))(ps, opts[name]);
        opt.loadStateDict(sd);
      }
      ps.forEach((p, i) => {
        p.grad = tg.tensor(gs[i], { dtype: 'float64' }).reshape(fx.shapes[i]);
      });
      opt.step();
    });
    return ps;
  };
  for (const name of names) {
    it(`${name}: stateDict/loadStateDict continue identically; zeroGrad; addParamGroup`, () => {
      const a = run(name, false), b = run(name, true);
      a.forEach((p, i) => expect(p.equal(b[i])).toBe(true));
      const [w, v] = params('float64');
      const opt = new (ctor(name))([w], opts[name]);
      opt.addParamGroup({ params: [v], lr: 0 });
      w.grad = tg.onesLike(w);
      v.grad = tg.onesLike(v);
      const v0 = v.clone();
      const w0 = w.clone();
      opt.step();
      expect(opt.paramGroups[1].lr).toBe(0);
      expect(v.equal(v0)).toBe(true); // lr 0 in its own group
      expect(w.equal(w0)).toBe(false);
      expect(Object.keys(opt.stateDict().state)).toEqual(['0', '1']);
      const g = w.grad as Tensor;
      opt.zeroGrad();
      expect(w.grad).toBe(g);
      expect(g.abs().sum().item()).toBe(0);
      opt.zeroGrad({ setToNone: true });
      expect(w.grad).toBeNull();
    });
    it(`${name}: bad options throw PyTorch's errors naming the optimizer`, () => {
      const [w] = params('float64');
      expect(() => new (ctor(name))([w], { lr: -1 })).toThrow(new RegExp(`^${name}: Invalid learning rate: -1$`));
      expect(() => new (ctor(name))([w], { eps: -1 })).toThrow(new RegExp(`^${name}: Invalid epsilon value: -1$`));
      expect(() => new (ctor(name))([w], { weightDecay: -0.5 })).toThrow(new RegExp(`^${name}: Invalid weight_decay value: -0.5$`));
      expect(() => new (ctor(name))([w.mul(2)])).toThrow(new RegExp(`^${name}: can't optimize a non-leaf Tensor`));
      expect(() => new (ctor(name))([1, 2])).toThrow(new RegExp(`^${name}: optimizer can only optimize Tensors`));
      expect(() => new (ctor(name))(w)).toThrow(TypeError);
      expect(() => new (ctor(name))([w], { lrr: 1 })).toThrow(/unexpected keyword argument 'lrr'/);
    });
  }
  it('option-specific errors', () => {
    const [w] = params('float64');
    expect(() => new tg.optim.RMSprop([w], { alpha: -1 })).toThrow(/^RMSprop: Invalid alpha value: -1$/);
    expect(() => new tg.optim.RMSprop([w], { momentum: -1 })).toThrow(/^RMSprop: Invalid momentum value: -1$/);
    expect(() => new tg.optim.Adagrad([w], { lrDecay: -1 })).toThrow(/^Adagrad: Invalid lr_decay value: -1$/);
    expect(() => new tg.optim.Adagrad([w], { initialAccumulatorValue: -1 })).toThrow(/^Adagrad: Invalid initial_accumulator_value value: -1$/);
    expect(() => new tg.optim.Adadelta([w], { rho: 1.5 })).toThrow(/^Adadelta: Invalid rho value: 1.5$/);
    for (const n of ['Adamax', 'NAdam', 'RAdam']) {
      expect(() => new (ctor(n))([w], { betas: [1, 0.9] })).toThrow(new RegExp(`^${n}: Invalid beta parameter at index 0: 1$`));
      expect(() => new (ctor(n))([w], { betas: [0.9, -0.1] })).toThrow(new RegExp(`^${n}: Invalid beta parameter at index 1: -0.1$`));
    }
    expect(() => new tg.optim.NAdam([w], { momentumDecay: -1 })).toThrow(/^NAdam: Invalid momentum_decay value: -1$/);
    expect(() => new tg.optim.LBFGS([{ params: [w] }, { params: [params('float64')[1]] }])).toThrow(/^LBFGS: LBFGS doesn't support per-parameter options/);
    expect(() => new tg.optim.LBFGS([w], { lineSearchFn: 'armijo' as never })).toThrow(/^LBFGS: only 'strong_wolfe' is supported/);
    expect(() => new tg.optim.LBFGS([w]).step()).toThrow(/^LBFGS.step: LBFGS needs a closure/);
    // Options keep their types, for every optimizer (a TypeError naming it and the option).
    for (const n of ['SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'NAdam', 'RAdam', 'LBFGS']) {
      expect(() => new (ctor(n))([w], { lr: '0.1' })).toThrow(new RegExp(`^${n}: lr must be a number, got string$`));
      expect(() => new (ctor(n))([{ params: [w], lr: null }], { lr: 0.1 })).toThrow(new RegExp(`^${n}: lr must be a number, got null$`));
    }
    expect(() => new tg.optim.Adam([w], { amsgrad: 1 as never })).toThrow(/^Adam: amsgrad must be a boolean, got number 1$/);
    expect(() => new tg.optim.RMSprop([w], { centered: 'yes' as never })).toThrow(/^RMSprop: centered must be a boolean, got string$/);
    // Adagrad's state exists from construction, as in PyTorch.
    expect(new tg.optim.Adagrad([w], { initialAccumulatorValue: 0.5 }).stateDict().state[0]).toMatchObject({ step: 0 });
  });
  it('LBFGS state dict round trip continues identically', () => {
    const quad = (ps: Tensor[]) => () => {
      ps.forEach((p) => {
        p.grad = tg.noGrad(() => p.mul(p).mul(p).add(p.mul(2)).sub(1));
      });
      return ps.reduce((s, p) => s + (p.pow(4).mul(0.25).add(p.mul(p)).sub(p).sum().item() as number), 0);
    };
    const go = (split: boolean) => {
      const ps = params('float64');
      let opt = new tg.optim.LBFGS(ps, { maxIter: 3, historySize: 4 });
      for (let k = 0; k < 4; k++) {
        if (split && k === 2) {
          const sd = opt.stateDict();
          opt = new tg.optim.LBFGS(ps, { maxIter: 3, historySize: 4 });
          opt.loadStateDict(sd);
        }
        opt.step(quad(ps));
      }
      return ps;
    };
    const a = go(false), b = go(true);
    a.forEach((p, i) => expect(p.equal(b[i])).toBe(true));
  });
});

describe('the native optimStep checks its operands', () => {
  it('kind, dtypes, lengths, the state each kind reads, the hyperparameter count', () => {
    const d = (n: number, dtype: 'float32' | 'float64' = 'float32') => tg.zeros([n], { dtype })._data as Float32Array;
    const h = [0.9, 1e-8, 0, 0, 0.01, 0, 0, 0, 0];
    expect(() => native.optimStep(6, d(4), d(4), d(4), null, null, h)).toThrow(/^optimStep: kind must be 0..5/);
    expect(() => native.optimStep(0, d(4), d(5), d(4), null, null, h)).toThrow(/optimStep: grad has 5 elements of float32, the first operand 4 of float32/);
    expect(() => native.optimStep(0, d(4), d(4, 'float64'), d(4), null, null, h)).toThrow(/optimStep: grad has 4 elements of float64/);
    expect(() => native.optimStep(0, d(4), d(4), d(4), null, null, [1])).toThrow(/optimStep: expected 9 hyperparameters, got 1/);
    // RMSprop centered reads grad_avg, with momentum the buffer; Adadelta two states.
    expect(() => native.optimStep(0, d(4), d(4), d(4), null, null, [0.9, 1e-8, 0, 0, 0.01, 1, 0, 0, 0])).toThrow(/optimStep: grad and the state this optimizer reads must be tensors/);
    expect(() => native.optimStep(0, d(4), d(4), d(4), d(4), null, [0.9, 1e-8, 0, 0.5, 0.01, 1, 0, 0, 0])).toThrow(/must be tensors/);
    expect(() => native.optimStep(2, d(4), d(4), d(4), null, null, h)).toThrow(/must be tensors/);
    expect(() => native.optimStep(1, d(4), d(4), d(4), null, null, h)).not.toThrow();
  });
});
