// Adamax: PyTorch 1.13's _single_tensor_adamax, op for op (see rmsprop.ts on rounding).
import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, checkNonNegative, checkBetas } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.Adamax', 'params, lr, betas, eps, weightDecay, maximize');

export interface AdamaxOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/** Adamax (Adam with the infinity norm). @example new tg.optim.Adamax(model.parameters(), { lr: 2e-3 }) */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: ParamsArg<AdamaxOptions>, lr?: number | Partial<AdamaxOptions>, betas?: [number, number], eps?: number, weightDecay?: number, maximize?: boolean) {
    void lr, betas, eps, weightDecay, maximize;
    const { params: ps, ...opts } = givenOptions<AdamaxOptions>(SIG, arguments);
    super(ps as ParamsArg<AdamaxOptions>, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false, ...opts });
  }

  protected validate(g: ParamGroup<AdamaxOptions>): void {
    checkNonNegative('Adamax', 'learning rate', g.lr);
    checkNonNegative('Adamax', 'epsilon value', g.eps);
    checkBetas('Adamax', g.betas);
    checkNonNegative('Adamax', 'weight_decay value', g.weightDecay);
  }

  step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st, r) => {
      if (st.step === undefined) {
        st.step = 0;
        st.expAvg = zerosLike(p);
        st.expInf = zerosLike(p);
      }
      const step = (st.step as number) + 1;
      st.step = step;
      const ea = st.expAvg as Tensor, ei = st.expInf as Tensor;
      const m = ea._data, u = ei._data;
      const [b1, b2] = g.betas;
      const beta1 = r(b1), oneMinusBeta1 = r(1 - b1), beta2 = r(b2), eps = r(g.eps), wd = r(g.weightDecay);
      const negClr = r(-(g.lr / (1 - b1 ** step)));
      for (let i = 0; i < pd.length; i++) {
        let gi = g.maximize ? -gd[i] : gd[i];
        if (g.weightDecay !== 0) gi = r(gi + r(wd * pd[i])); // grad.add(param, alpha=weight_decay)
        const mi = r(r(m[i] * beta1) + r(oneMinusBeta1 * gi)); // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        m[i] = mi;
        // amax(cat([exp_inf.mul_(beta2), grad.abs().add_(eps)])): NaN from either side wins.
        const x = r(u[i] * beta2), y = r(Math.abs(gi) + eps);
        const ui = x !== x || x > y ? x : y;
        u[i] = ui;
        pd[i] = r(pd[i] + r(r(negClr * mi) / ui)); // param.addcdiv_(exp_avg, exp_inf, value=-clr)
      }
      return [ea, ei];
    });
  }
}

declareConstructor(Adamax, SIG);
kwMethods(Adamax.prototype, 'Adamax', { step: 'closure' });
