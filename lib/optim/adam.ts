// Adam and AdamW: PyTorch 1.13's _single_tensor_adam / _single_tensor_adamw (the default, non-foreach path),
// step for step. Updates run under noGrad with the native in-place kernels; per parameter and step the only
// allocation is sqrt(exp_avg_sq) (plus grad + weightDecay * param for Adam with weight decay).
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { rangeError } from '../errors.js';
import { add, neg, sqrt, maximum } from '../ops/elementwise.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg } from './optimizer.js';

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
    if (!Array.isArray(g.betas) || g.betas.length !== 2) throw rangeError(name, `betas must be a pair of numbers, got ${String(g.betas)}`);
    if (!(g.betas[0] >= 0 && g.betas[0] < 1)) throw rangeError(name, `Invalid beta parameter at index 0: ${g.betas[0]}`);
    if (!(g.betas[1] >= 0 && g.betas[1] < 1)) throw rangeError(name, `Invalid beta parameter at index 1: ${g.betas[1]}`);
    if (!(g.weightDecay >= 0)) throw rangeError(name, `Invalid weight_decay value: ${g.weightDecay}`);
  }

  step(closure?: () => Tensor | number): Tensor | number | undefined {
    const loss = this.runClosure(closure);
    noGrad(() => {
      for (const g of this.paramGroups) {
        const [beta1, beta2] = g.betas;
        for (const p of g.params) {
          const g0 = p.grad;
          if (g0 === null) continue;
          const st = this.stateOf(p);
          if (st.step === undefined) {
            st.step = 0;
            st.expAvg = zerosLike(p);
            st.expAvgSq = zerosLike(p);
            if (g.amsgrad) st.maxExpAvgSq = zerosLike(p);
          }
          const expAvg = st.expAvg as Tensor, expAvgSq = st.expAvgSq as Tensor;
          const scratch = this.scratchOf(p);
          let grad = g.maximize ? neg(g0) : g0;
          const step = (st.step as number) + 1;
          st.step = step;
          if (this.decoupled) {
            if (g.lr * g.weightDecay !== 0) p.mul_(1 - g.lr * g.weightDecay);
          } else if (g.weightDecay !== 0) grad = add(grad, p, g.weightDecay);
          // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
          expAvg.mul_(beta1);
          this.axpy(expAvg, grad, 1 - beta1, scratch);
          // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
          expAvgSq.mul_(beta2);
          expAvgSq.add_(scratch.copy_(grad).mul_(1 - beta2).mul_(grad));
          const biasCorrection1 = 1 - beta1 ** step;
          const biasCorrection2 = 1 - beta2 ** step;
          const stepSize = g.lr / biasCorrection1;
          const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
          let v = expAvgSq;
          if (g.amsgrad) {
            let mx = st.maxExpAvgSq as Tensor | undefined;
            if (mx === undefined) mx = st.maxExpAvgSq = zerosLike(p);
            mx.copy_(maximum(mx, expAvgSq));
            v = mx;
          }
          const denom = sqrt(v).div_(biasCorrection2Sqrt).add_(g.eps);
          // param.addcdiv_(exp_avg, denom, value=-step_size)
          p.add_(scratch.copy_(expAvg).mul_(-stepSize).div_(denom));
          denom.dispose();
        }
      }
    });
    return loss;
  }
}

/** Adam (L2 weight decay added to the gradient). @example new tg.optim.Adam(model.parameters(), { lr: 1e-3 }) */
export class Adam extends AdamBase {
  protected readonly decoupled = false;
  constructor(params: ParamsArg<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, ...opts });
  }
}

/** AdamW (decoupled weight decay, default 1e-2). @example new tg.optim.AdamW(model.parameters(), { lr: 1e-3 }) */
export class AdamW extends AdamBase {
  protected readonly decoupled = true;
  constructor(params: ParamsArg<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false, ...opts });
  }
}
