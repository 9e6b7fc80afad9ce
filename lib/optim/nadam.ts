// NAdam: PyTorch 1.13's _single_tensor_nadam, op for op, in one fused native pass (native/cpu/optim_kernels.cc). PyTorch 1.13's NAdam
// has no maximize option.
import type { Tensor } from '../tensor.js';
import { native } from '../native.js';
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

/**
 * Adam with Nesterov momentum.
 *
 * @see torch.optim.NAdam
 * @example
 * ```ts
 * const opt = new tg.optim.NAdam(new tg.nn.Linear(2, 1).parameters())
 * opt.paramGroups[0].momentumDecay // => 0.004
 * ```
 */
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

  /**
   * Performs one NAdam step.
   *
   * @see NAdam.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.NAdam([p], { lr: 0.1 })
   * p.sum().backward()
   * opt.step()
   * p.data // tensor([0.8950, 1.8950])
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st) => {
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
      const ea = st.expAvg as Tensor, es = st.expAvgSq as Tensor;
      native.optimStep(4, pd, gd, ea._data, es._data, null, [b1, b2, g.eps, g.weightDecay, bc2, (-g.lr * (1 - mu)) / (1 - muProduct), (-g.lr * muNext) / (1 - muProductNext), 0, 0]);
      return [ea, es];
    });
  }
}

declareConstructor(NAdam, SIG);
kwMethods(NAdam.prototype, 'NAdam', { step: 'closure' });
