// Adadelta: PyTorch 1.13's _single_tensor_adadelta, op for op, in one fused native pass (native/cpu/optim_kernels.cc).
import type { Tensor } from '../tensor.js';
import { rangeError } from '../errors.js';
import { native } from '../native.js';
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

/**
 * Adadelta.
 *
 * @see torch.optim.Adadelta
 * @example
 * ```ts
 * const opt = new tg.optim.Adadelta(new tg.nn.Linear(2, 1).parameters())
 * opt.paramGroups[0].rho // => 0.9
 * ```
 */
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

  /**
   * Performs one Adadelta step.
   *
   * @see Adadelta.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.Adadelta([p], { lr: 1 })
   * p.sum().backward()
   * opt.step()
   * p.data // tensor([0.9968, 1.9968])
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st) => {
      if (st.step === undefined) {
        st.step = 0;
        st.squareAvg = zerosLike(p);
        st.accDelta = zerosLike(p);
      }
      st.step = (st.step as number) + 1;
      const sq = st.squareAvg as Tensor, acc = st.accDelta as Tensor;
      native.optimStep(2, pd, gd, sq._data, acc._data, null, [g.rho, g.eps, g.weightDecay, g.lr, g.maximize ? 1 : 0, 0, 0, 0, 0]);
      return [sq, acc];
    });
  }
}

declareConstructor(Adadelta, SIG);
kwMethods(Adadelta.prototype, 'Adadelta', { step: 'closure' });
