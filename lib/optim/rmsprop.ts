// RMSprop: PyTorch 1.13's _single_tensor_rmsprop, op for op, in one fused native pass (native/cpu/optim_kernels.cc:
// every intermediate in the parameter's dtype, as PyTorch's tensor ops round).
import type { Tensor } from '../tensor.js';
import { native } from '../native.js';
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

/**
 * RMSprop (centered, with momentum on request).
 *
 * @see torch.optim.RMSprop
 * @example
 * ```ts
 * const opt = new tg.optim.RMSprop(new tg.nn.Linear(2, 1).parameters(), { lr: 0.01 })
 * opt.paramGroups[0].alpha // => 0.99
 * ```
 */
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

  /**
   * Performs one RMSprop step.
   *
   * @see RMSprop.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.RMSprop([p], { lr: 0.01 })
   * p.sum().backward()
   * opt.step()
   * p.data // tensor([0.9000, 1.9000])
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st) => {
      if (st.step === undefined) {
        st.step = 0;
        st.squareAvg = zerosLike(p);
        if (g.momentum > 0) st.momentumBuffer = zerosLike(p);
        if (g.centered) st.gradAvg = zerosLike(p);
      }
      st.step = (st.step as number) + 1;
      const sq = st.squareAvg as Tensor, ga = g.centered ? (st.gradAvg as Tensor) : null;
      const mb = g.momentum > 0 ? (st.momentumBuffer as Tensor) : null;
      // One fused native pass (Note [Fused optimizer steps] in native/cpu/optim_kernels.cc).
      native.optimStep(0, pd, gd, sq._data, ga?._data ?? null, mb?._data ?? null, [
        g.alpha, g.eps, g.weightDecay, g.momentum, g.lr, g.centered ? 1 : 0, g.maximize ? 1 : 0, 0, 0,
      ]);
      return [sq, ...(ga ? [ga] : []), ...(mb ? [mb] : [])];
    });
  }
}

declareConstructor(RMSprop, SIG);
kwMethods(RMSprop.prototype, 'RMSprop', { step: 'closure' });
