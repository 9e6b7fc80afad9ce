// Adam and AdamW: PyTorch 1.13's _single_tensor_adam / _single_tensor_adamw (the default, non-foreach path),
// step for step, each parameter's update one fused native pass that allocates nothing.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { rangeError } from '../errors.js';
import { native } from '../native.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const ADAM_SIG = {
  Adam: signature('optim.Adam', 'params, lr, betas, eps, weightDecay, amsgrad, maximize'),
  AdamW: signature('optim.AdamW', 'params, lr, betas, eps, weightDecay, amsgrad, maximize'),
};

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

abstract class AdamBase extends Optimizer<AdamOptions> {
  protected abstract readonly decoupled: boolean;

  protected validate(g: ParamGroup<AdamOptions>): void {
    const name = this.constructor.name;
    if (!(g.lr >= 0)) throw rangeError(name, `Invalid learning rate: ${g.lr}`);
    if (!(g.eps >= 0)) throw rangeError(name, `Invalid epsilon value: ${g.eps}`);
    if (!Array.isArray(g.betas) || g.betas.length !== 2) throw rangeError(name, `betas must be a pair of numbers, got ${Array.isArray(g.betas) ? `an array of ${g.betas.length}` : String(g.betas)}`);
    if (!(g.betas[0] >= 0 && g.betas[0] < 1)) throw rangeError(name, `Invalid beta parameter at index 0: ${g.betas[0]}`);
    if (!(g.betas[1] >= 0 && g.betas[1] < 1)) throw rangeError(name, `Invalid beta parameter at index 1: ${g.betas[1]}`);
    if (!(g.weightDecay >= 0)) throw rangeError(name, `Invalid weight_decay value: ${g.weightDecay}`);
  }

  /**
   * Performs one Adam (or AdamW, with decoupled weight decay) step.
   *
   * @see torch.optim.Adam.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.Adam([p], { lr: 0.1 })
   * p.sum().backward()
   * opt.step()
   * p.data // tensor([0.9000, 1.9000])
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    const loss = this.runClosure(closure);
    noGrad(() => {
      for (const g of this.paramGroups) {
        const [beta1, beta2] = g.betas;
        for (const p of g.params) {
          const grad = p.grad;
          if (grad === null) continue;
          const st = this.stateOf(p);
          if (st.step === undefined) {
            st.step = 0;
            st.expAvg = zerosLike(p);
            st.expAvgSq = zerosLike(p);
          }
          if (g.amsgrad && st.maxExpAvgSq === undefined) st.maxExpAvgSq = zerosLike(p);
          const expAvg = st.expAvg as Tensor, expAvgSq = st.expAvgSq as Tensor;
          const maxExpAvgSq = g.amsgrad ? (st.maxExpAvgSq as Tensor) : null;
          const step = (st.step as number) + 1;
          st.step = step;
          // One fused pass (Note [Fused optimizer steps] in native/cpu/optim_kernels.cc) doing PyTorch's
          // _single_tensor_adam(w): weight decay, exp_avg, exp_avg_sq (and its running max), the update.
          const pd = p._data; // a copy for a non-contiguous parameter, stored back below
          native.adamStep(pd, grad._data, expAvg._data, expAvgSq._data, maxExpAvgSq === null ? null : maxExpAvgSq._data, [
            beta1,
            beta2,
            g.eps,
            this.decoupled ? 0 : g.weightDecay,
            this.decoupled ? 1 - g.lr * g.weightDecay : 1,
            g.lr / (1 - beta1 ** step),
            Math.sqrt(1 - beta2 ** step),
            g.maximize ? 1 : 0,
          ]);
          if (!p._contig) p._storeValues(pd);
          for (const t of [p, expAvg, expAvgSq, maxExpAvgSq]) if (t !== null) t._box.version++;
        }
      }
    });
    return loss;
  }
}

/**
 * Adam (with amsgrad, maximize and L2 weight decay).
 *
 * @see torch.optim.Adam
 * @example
 * ```ts
 * const opt = new tg.optim.Adam(new tg.nn.Linear(2, 1).parameters(), { lr: 1e-3, betas: [0.9, 0.99] })
 * opt.paramGroups[0].betas // => [0.9, 0.99]
 * ```
 */
export class Adam extends AdamBase {
  protected readonly decoupled = false;
  constructor(params: ParamsArg<AdamOptions>, lr?: number | Partial<AdamOptions>, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean, maximize?: boolean) {
    void lr, betas, eps, weightDecay, amsgrad, maximize;
    const { params: ps, ...opts } = givenOptions<AdamOptions>(ADAM_SIG.Adam, arguments);
    super(ps as ParamsArg<AdamOptions>, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, ...opts });
  }
}

/**
 * Adam with decoupled weight decay.
 *
 * @see torch.optim.AdamW
 * @example
 * ```ts
 * const opt = new tg.optim.AdamW(new tg.nn.Linear(2, 1).parameters(), { lr: 1e-3 })
 * opt.paramGroups[0].weightDecay // => 0.01
 * ```
 */
export class AdamW extends AdamBase {
  protected readonly decoupled = true;
  constructor(params: ParamsArg<AdamOptions>, lr?: number | Partial<AdamOptions>, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean, maximize?: boolean) {
    void lr, betas, eps, weightDecay, amsgrad, maximize;
    const { params: ps, ...opts } = givenOptions<AdamOptions>(ADAM_SIG.AdamW, arguments);
    super(ps as ParamsArg<AdamOptions>, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false, ...opts });
  }
}

kwMethods(AdamBase.prototype, 'Adam', { step: 'closure' });
declareConstructor(Adam, ADAM_SIG.Adam);
declareConstructor(AdamW, ADAM_SIG.AdamW);
