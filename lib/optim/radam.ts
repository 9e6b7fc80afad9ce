// RAdam: PyTorch 1.13's _single_tensor_radam, op for op (see rmsprop.ts on rounding). PyTorch 1.13's RAdam
// has no maximize option.
import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, checkNonNegative, checkBetas } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.RAdam', 'params, lr, betas, eps, weightDecay');

export interface RAdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

/** RAdam (rectified Adam). @example new tg.optim.RAdam(model.parameters(), { lr: 1e-3 }) */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(params: ParamsArg<RAdamOptions>, lr?: number | Partial<RAdamOptions>, betas?: [number, number], eps?: number, weightDecay?: number) {
    void lr, betas, eps, weightDecay;
    const { params: ps, ...opts } = givenOptions<RAdamOptions>(SIG, arguments);
    super(ps as ParamsArg<RAdamOptions>, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, ...opts });
  }

  protected validate(g: ParamGroup<RAdamOptions>): void {
    checkNonNegative('RAdam', 'learning rate', g.lr);
    checkNonNegative('RAdam', 'epsilon value', g.eps);
    checkBetas('RAdam', g.betas);
    checkNonNegative('RAdam', 'weight_decay value', g.weightDecay);
  }

  step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st, r) => {
      if (st.step === undefined) {
        st.step = 0;
        st.expAvg = zerosLike(p);
        st.expAvgSq = zerosLike(p);
      }
      const step = (st.step as number) + 1;
      st.step = step;
      const [b1, b2] = g.betas;
      const bc1 = 1 - b1 ** step, bc2 = 1 - b2 ** step;
      const rhoInf = 2 / (1 - b2) - 1;
      const rhoT = rhoInf - (2 * step * b2 ** step) / bc2;
      // The variance is tractable after about 5 steps: rectified adaptive step, else plain momentum SGD.
      const rect = rhoT > 5 ? r(Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT))) : 0;
      const ea = st.expAvg as Tensor, es = st.expAvgSq as Tensor;
      const m = ea._data, v = es._data;
      const beta1 = r(b1), oneMinusBeta1 = r(1 - b1), beta2 = r(b2), oneMinusBeta2 = r(1 - b2);
      const eps = r(g.eps), wd = r(g.weightDecay), bc1r = r(bc1), lr = r(g.lr), sqrtBc2 = r(Math.sqrt(bc2));
      for (let i = 0; i < pd.length; i++) {
        let gi = gd[i];
        if (g.weightDecay !== 0) gi = r(gi + r(wd * pd[i])); // grad.add(param, alpha=weight_decay)
        const mi = r(r(m[i] * beta1) + r(oneMinusBeta1 * gi)); // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        const vi = r(r(v[i] * beta2) + r(r(oneMinusBeta2 * gi) * gi)); // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
        m[i] = mi;
        v[i] = vi;
        const corrected = r(r(mi / bc1r) * lr); // exp_avg / bias_correction1 * lr
        if (rhoT > 5) {
          // math.sqrt(bias_correction2) / exp_avg_sq.sqrt().add_(eps) is Tensor.__rtruediv__: reciprocal() * scalar
          const adaptive = r(r(1 / r(r(Math.sqrt(vi)) + eps)) * sqrtBc2);
          pd[i] = r(pd[i] - r(r(corrected * adaptive) * rect)); // param.add_(... * adaptive_lr * rect, alpha=-1)
        } else pd[i] = r(pd[i] - corrected); // param.add_(bias_corrected_exp_avg * lr, alpha=-1)
      }
      return [ea, es];
    });
  }
}

declareConstructor(RAdam, SIG);
kwMethods(RAdam.prototype, 'RAdam', { step: 'closure' });
