// Adadelta: PyTorch 1.13's _single_tensor_adadelta, op for op (see rmsprop.ts on rounding).
import type { Tensor } from '../tensor.js';
import { rangeError } from '../errors.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, checkNonNegative } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.Adadelta', 'params, lr, rho, eps, weightDecay, maximize');

export interface AdadeltaOptions {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/** Adadelta. @example new tg.optim.Adadelta(model.parameters(), { rho: 0.95 }) */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: ParamsArg<AdadeltaOptions>, lr?: number | Partial<AdadeltaOptions>, rho?: number, eps?: number, weightDecay?: number, maximize?: boolean) {
    void lr, rho, eps, weightDecay, maximize;
    const { params: ps, ...opts } = givenOptions<AdadeltaOptions>(SIG, arguments);
    super(ps as ParamsArg<AdadeltaOptions>, { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false, ...opts });
  }

  protected validate(g: ParamGroup<AdadeltaOptions>): void {
    checkNonNegative('Adadelta', 'learning rate', g.lr);
    if (!(g.rho >= 0 && g.rho <= 1)) throw rangeError('Adadelta', `Invalid rho value: ${g.rho}`);
    checkNonNegative('Adadelta', 'epsilon value', g.eps);
    checkNonNegative('Adadelta', 'weight_decay value', g.weightDecay);
  }

  step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st, r) => {
      if (st.step === undefined) {
        st.step = 0;
        st.squareAvg = zerosLike(p);
        st.accDelta = zerosLike(p);
      }
      st.step = (st.step as number) + 1;
      const sq = st.squareAvg as Tensor, acc = st.accDelta as Tensor;
      const s = sq._data, a = acc._data;
      const rho = r(g.rho), oneMinusRho = r(1 - g.rho), eps = r(g.eps), wd = r(g.weightDecay), negLr = r(-g.lr);
      for (let i = 0; i < pd.length; i++) {
        let gi = g.maximize ? -gd[i] : gd[i];
        if (g.weightDecay !== 0) gi = r(gi + r(wd * pd[i])); // grad.add(param, alpha=weight_decay)
        const si = r(r(s[i] * rho) + r(r(oneMinusRho * gi) * gi)); // square_avg.mul_(rho).addcmul_(grad, grad, 1 - rho)
        s[i] = si;
        const std = r(Math.sqrt(r(si + eps))); // square_avg.add(eps).sqrt_()
        const delta = r(r(r(Math.sqrt(r(a[i] + eps))) / std) * gi); // acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
        a[i] = r(r(a[i] * rho) + r(r(oneMinusRho * delta) * delta)); // acc_delta.mul_(rho).addcmul_(delta, delta, 1 - rho)
        pd[i] = r(pd[i] + r(negLr * delta)); // param.add_(delta, alpha=-lr)
      }
      return [sq, acc];
    });
  }
}

declareConstructor(Adadelta, SIG);
kwMethods(Adadelta.prototype, 'Adadelta', { step: 'closure' });
