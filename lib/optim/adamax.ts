// Adamax: PyTorch 1.13's _single_tensor_adamax, op for op, in one fused native pass (native/cpu/optim_kernels.cc).
import type { Tensor } from '../tensor.js';
import { native } from '../native.js';
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

/**
 * Adamax (Adam with the infinity norm).
 *
 * @see torch.optim.Adamax
 * @example
 * ```ts
 * const opt = new tg.optim.Adamax(new tg.nn.Linear(2, 1).parameters())
 * opt.paramGroups[0].lr // => 0.002
 * ```
 */
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

  /**
   * Performs one Adamax step.
   *
   * @see Adamax.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.Adamax([p], { lr: 0.1 })
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
        st.expInf = zerosLike(p);
      }
      const step = (st.step as number) + 1;
      st.step = step;
      const ea = st.expAvg as Tensor, ei = st.expInf as Tensor;
      const [b1, b2] = g.betas;
      native.optimStep(3, pd, gd, ea._data, ei._data, null, [b1, b2, g.eps, g.weightDecay, g.lr / (1 - b1 ** step), g.maximize ? 1 : 0, 0, 0, 0]);
      return [ea, ei];
    });
  }
}

declareConstructor(Adamax, SIG);
kwMethods(Adamax.prototype, 'Adamax', { step: 'closure' });
