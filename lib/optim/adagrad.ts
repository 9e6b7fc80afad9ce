// Adagrad: PyTorch 1.13's _single_tensor_adagrad (dense grads), op for op, in one fused native pass (native/cpu/optim_kernels.cc).
import type { Tensor } from '../tensor.js';
import { native } from '../native.js';
import { fullLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, OptimizerState, givenOptions, checkNonNegative } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.Adagrad', 'params, lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize');

export interface AdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

/**
 * Adagrad.
 *
 * @see torch.optim.Adagrad
 * @example
 * ```ts
 * const opt = new tg.optim.Adagrad(new tg.nn.Linear(2, 1).parameters(), { lr: 0.1 })
 * opt.paramGroups[0].lr // => 0.1
 * ```
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsArg<AdagradOptions>, lr?: number | Partial<AdagradOptions>, lrDecay?: number, weightDecay?: number, initialAccumulatorValue?: number, eps?: number, maximize?: boolean) {
    void lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize;
    const { params: ps, ...opts } = givenOptions<AdagradOptions>(SIG, arguments);
    super(ps as ParamsArg<AdagradOptions>, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false, ...opts });
    // PyTorch creates the state of the constructor's parameters eagerly (so state_dict() lists them at once).
    for (const g of this.paramGroups) for (const p of g.params) this._initState(this.stateOf(p), p);
  }

  private _initState(st: OptimizerState, p: Tensor): void {
    if (st.step !== undefined) return;
    st.step = 0;
    // PyTorch fills every sum with the constructor's initial_accumulator_value, not the group's.
    st.sum = fullLike(p, this.defaults.initialAccumulatorValue);
  }

  protected validate(g: ParamGroup<AdagradOptions>): void {
    checkNonNegative('Adagrad', 'learning rate', g.lr);
    checkNonNegative('Adagrad', 'lr_decay value', g.lrDecay);
    checkNonNegative('Adagrad', 'weight_decay value', g.weightDecay);
    checkNonNegative('Adagrad', 'initial_accumulator_value value', g.initialAccumulatorValue);
    checkNonNegative('Adagrad', 'epsilon value', g.eps);
  }

  /**
   * Performs one Adagrad step.
   *
   * @see Adagrad.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.Adagrad([p], { lr: 0.1 })
   * p.sum().backward()
   * opt.step()
   * p.data // tensor([0.9000, 1.9000])
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st) => {
      this._initState(st, p);
      const step = (st.step as number) + 1;
      st.step = step;
      const sum = st.sum as Tensor;
      const clr = g.lr / (1 + (step - 1) * g.lrDecay);
      native.optimStep(1, pd, gd, sum._data, null, null, [clr, g.weightDecay, g.eps, g.maximize ? 1 : 0, 0, 0, 0, 0, 0]);
      return [sum];
    });
  }
}

declareConstructor(Adagrad, SIG);
kwMethods(Adagrad.prototype, 'Adagrad', { step: 'closure' });
