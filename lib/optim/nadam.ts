// NAdam: PyTorch 1.13's _single_tensor_nadam, op for op (see rmsprop.ts on rounding). PyTorch 1.13's NAdam
// has no maximize option.
import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, checkNonNegative, checkBetas } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.NAdam', 'params, lr, betas, eps, weightDecay, momentumDecay');

export interface NAdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  momentumDecay: number;
}

/** NAdam (Adam with Nesterov momentum). @example new tg.optim.NAdam(model.parameters(), { lr: 2e-3 }) */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: ParamsArg<NAdamOptions>, lr?: number | Partial<NAdamOptions>, betas?: [number, number], eps?: number, weightDecay?: number, momentumDecay?: number) {
    void lr, betas, eps, weightDecay, momentumDecay;
    const { params: ps, ...opts } = givenOptions<NAdamOptions>(SIG, arguments);
    super(ps as ParamsArg<NAdamOptions>, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3, ...opts });
  }

  protected validate(g: ParamGroup<NAdamOptions>): void {
    checkNonNegative('NAdam', 'learning rate', g.lr);
    checkNonNegative('NAdam', 'epsilon value', g.eps);
    checkBetas('NAdam', g.betas);
    checkNonNegative('NAdam', 'weight_decay value', g.weightDecay);
    checkNonNegative('NAdam', 'momentum_decay value', g.momentumDecay);
  }

  step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st, r) => {
      if (st.step === undefined) {
        st.step = 0;
        st.muProduct = 1;
        st.expAvg = zerosLike(p);
        st.expAvgSq = zerosLike(p);
      }
      const step = (st.step as number) + 1;
      st.step = step;
      const [b1, b2] = g.betas;
      const bc2 = 1 - b2 ** step;
      const mu = b1 * (1 - 0.5 * 0.96 ** (step * g.momentumDecay));
      const muNext = b1 * (1 - 0.5 * 0.96 ** ((step + 1) * g.momentumDecay));
      // PyTorch keeps mu_product in a float32 scalar tensor (torch.tensor(1.)), whatever the parameter's dtype.
      const f = Math.fround;
      const muProduct = f(f(st.muProduct as number) * f(mu));
      st.muProduct = muProduct;
      const muProductNext = f(f(muProduct * f(mu)) * f(muNext));
      const v1 = r((-g.lr * (1 - mu)) / (1 - muProduct)), v2 = r((-g.lr * muNext) / (1 - muProductNext));
      const ea = st.expAvg as Tensor, es = st.expAvgSq as Tensor;
      const m = ea._data, v = es._data;
      const beta1 = r(b1), oneMinusBeta1 = r(1 - b1), beta2 = r(b2), oneMinusBeta2 = r(1 - b2);
      const eps = r(g.eps), wd = r(g.weightDecay), bc2r = r(bc2);
      for (let i = 0; i < pd.length; i++) {
        let gi = gd[i];
        if (g.weightDecay !== 0) gi = r(gi + r(wd * pd[i])); // grad.add(param, alpha=weight_decay)
        const mi = r(r(m[i] * beta1) + r(oneMinusBeta1 * gi)); // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        const vi = r(r(v[i] * beta2) + r(r(oneMinusBeta2 * gi) * gi)); // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
        m[i] = mi;
        v[i] = vi;
        const denom = r(r(Math.sqrt(r(vi / bc2r))) + eps); // exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
        const p1 = r(pd[i] + r(r(v1 * gi) / denom)); // param.addcdiv_(grad, denom, value=-lr * (1 - mu) / (1 - mu_product))
        pd[i] = r(p1 + r(r(v2 * mi) / denom)); // param.addcdiv_(exp_avg, denom, value=-lr * mu_next / (1 - mu_product_next))
      }
      return [ea, es];
    });
  }
}

declareConstructor(NAdam, SIG);
kwMethods(NAdam.prototype, 'NAdam', { step: 'closure' });
