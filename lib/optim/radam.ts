// RAdam: PyTorch 1.13's _single_tensor_radam, op for op, in one fused native pass (native/cpu/optim_kernels.cc). PyTorch 1.13's RAdam
// has no maximize option.
import type { Tensor } from '../tensor.js';
import { native } from '../native.js';
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

/**
 * Rectified Adam.
 *
 * @see torch.optim.RAdam
 * @example
 * ```ts
 * const opt = new tg.optim.RAdam(new tg.nn.Linear(2, 1).parameters())
 * opt.paramGroups[0].lr // => 0.001
 * ```
 */
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

  /**
   * Performs one RAdam step.
   *
   * @see RAdam.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.RAdam([p], { lr: 0.1 })
   * p.sum().backward()
   * opt.step()
   * p.data // tensor([0.9000, 1.9000])
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st) => {
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
      const rect = rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
      const ea = st.expAvg as Tensor, es = st.expAvgSq as Tensor;
      native.optimStep(5, pd, gd, ea._data, es._data, null, [b1, b2, g.eps, g.weightDecay, bc1, g.lr, Math.sqrt(bc2), rect, rhoT > 5 ? 1 : 0]);
      return [ea, es];
    });
  }
}

declareConstructor(RAdam, SIG);
kwMethods(RAdam.prototype, 'RAdam', { step: 'closure' });
