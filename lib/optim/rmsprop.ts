// RMSprop: PyTorch 1.13's _single_tensor_rmsprop, op for op (each element rounded to the parameter's dtype
// after every tensor op PyTorch does, so float64 agrees to the last bits and float32 to rounding).
import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, checkNonNegative } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.RMSprop', 'params, lr, alpha, eps, weightDecay, momentum, centered, maximize');

export interface RMSpropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

/** RMSprop (Hinton's). @example new tg.optim.RMSprop(model.parameters(), { lr: 1e-2, momentum: 0.9 }) */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsArg<RMSpropOptions>, lr?: number | Partial<RMSpropOptions>, alpha?: number, eps?: number, weightDecay?: number, momentum?: number, centered?: boolean, maximize?: boolean) {
    void lr, alpha, eps, weightDecay, momentum, centered, maximize;
    const { params: ps, ...opts } = givenOptions<RMSpropOptions>(SIG, arguments);
    super(ps as ParamsArg<RMSpropOptions>, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, ...opts });
  }

  protected validate(g: ParamGroup<RMSpropOptions>): void {
    checkNonNegative('RMSprop', 'learning rate', g.lr);
    checkNonNegative('RMSprop', 'epsilon value', g.eps);
    checkNonNegative('RMSprop', 'momentum value', g.momentum);
    checkNonNegative('RMSprop', 'weight_decay value', g.weightDecay);
    checkNonNegative('RMSprop', 'alpha value', g.alpha);
  }

  step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st, r) => {
      if (st.step === undefined) {
        st.step = 0;
        st.squareAvg = zerosLike(p);
        if (g.momentum > 0) st.momentumBuffer = zerosLike(p);
        if (g.centered) st.gradAvg = zerosLike(p);
      }
      st.step = (st.step as number) + 1;
      const sq = st.squareAvg as Tensor, ga = g.centered ? (st.gradAvg as Tensor) : null;
      const mb = g.momentum > 0 ? (st.momentumBuffer as Tensor) : null;
      const s = sq._data, a = ga?._data, b = mb?._data;
      const alpha = r(g.alpha), oneMinusAlpha = r(1 - g.alpha), wd = r(g.weightDecay), eps = r(g.eps);
      const momentum = r(g.momentum), negLr = r(-g.lr);
      for (let i = 0; i < pd.length; i++) {
        let gi = g.maximize ? -gd[i] : gd[i];
        if (g.weightDecay !== 0) gi = r(gi + r(wd * pd[i])); // grad.add(param, alpha=weight_decay)
        const si = r(r(s[i] * alpha) + r(r(oneMinusAlpha * gi) * gi)); // square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha)
        s[i] = si;
        let avg: number;
        if (a !== undefined) {
          const ai = r(r(a[i] * alpha) + r(oneMinusAlpha * gi)); // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
          a[i] = ai;
          avg = r(Math.sqrt(r(si + r(-ai * ai)))); // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
        } else avg = r(Math.sqrt(si));
        avg = r(avg + eps);
        if (b !== undefined) {
          const bi = r(r(b[i] * momentum) + r(gi / avg)); // buf.mul_(momentum).addcdiv_(grad, avg)
          b[i] = bi;
          pd[i] = r(pd[i] + r(negLr * bi)); // param.add_(buf, alpha=-lr)
        } else pd[i] = r(pd[i] + r(r(negLr * gi) / avg)); // param.addcdiv_(grad, avg, value=-lr)
      }
      return [sq, ...(ga ? [ga] : []), ...(mb ? [mb] : [])];
    });
  }
}

declareConstructor(RMSprop, SIG);
kwMethods(RMSprop.prototype, 'RMSprop', { step: 'closure' });
