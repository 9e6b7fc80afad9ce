// SGD with momentum, dampening, Nesterov and weight decay: PyTorch 1.13's _single_tensor_sgd, step for step.
import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { rangeError } from '../errors.js';
import { emptyLike } from '../ops/creation.js';
import { native } from '../native.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SGD_SIG = signature('optim.SGD', 'params, lr, momentum, dampening, weightDecay, nesterov, maximize');

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay.
 *
 * @see torch.optim.SGD
 * @example
 * ```ts
 * const model = new tg.nn.Linear(2, 1)
 * const opt = new tg.optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 })
 * opt.paramGroups[0].momentum // => 0.9
 * ```
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsArg<SGDOptions>, lr?: number | Partial<SGDOptions>, momentum?: number, dampening?: number, weightDecay?: number, nesterov?: boolean, maximize?: boolean) {
    void lr, momentum, dampening, weightDecay, nesterov, maximize;
    const opts = givenOptions<SGDOptions>(SGD_SIG, arguments);
    params = opts.params as ParamsArg<SGDOptions>;
    delete opts.params;
    if (opts.lr === undefined) throw rangeError('SGD', 'lr is required (PyTorch 1.13 has no default learning rate for SGD)');
    super(params, { lr: opts.lr, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...opts });
  }

  protected validate(g: ParamGroup<SGDOptions>): void {
    if (!(g.lr >= 0)) throw rangeError('SGD', `Invalid learning rate: ${g.lr}`);
    if (!(g.momentum >= 0)) throw rangeError('SGD', `Invalid momentum value: ${g.momentum}`);
    if (!(g.weightDecay >= 0)) throw rangeError('SGD', `Invalid weight_decay value: ${g.weightDecay}`);
    if (g.nesterov && (g.momentum <= 0 || g.dampening !== 0)) throw rangeError('SGD', 'Nesterov momentum requires a momentum and zero dampening');
  }

  /**
   * Performs one optimization step: SGD with optional momentum, dampening, Nesterov and weight decay.
   *
   * @see SGD.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.SGD([p], { lr: 0.1 })
   * p.sum().backward()
   * opt.step()
   * p.data // tensor([0.9000, 1.9000])
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    const loss = this.runClosure(closure);
    noGrad(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          const grad = p.grad;
          if (grad === null) continue;
          let buf: Tensor | null = null, firstStep = false;
          // PyTorch records momentum_buffer for every stepped parameter, None without momentum.
          if (g.momentum === 0) this.stateOf(p).momentumBuffer = null;
          else {
            const st = this.stateOf(p);
            buf = (st.momentumBuffer as Tensor | null | undefined) ?? null;
            if (buf === null) {
              buf = st.momentumBuffer = emptyLike(p);
              firstStep = true;
            }
          }
          // One fused pass (Note [Fused optimizer steps] in native/cpu/optim_kernels.cc) doing PyTorch's
          // _single_tensor_sgd: weight decay, the momentum buffer (set to the grad on its first step), the update.
          const pd = p._data; // a copy for a non-contiguous parameter, stored back below
          native.sgdStep(pd, grad._data, buf === null ? null : buf._data, [
            g.lr,
            g.momentum,
            g.dampening,
            g.weightDecay,
            g.nesterov ? 1 : 0,
            g.maximize ? 1 : 0,
            firstStep ? 1 : 0,
          ]);
          if (!p._contig) p._storeValues(pd);
          p._box.version++;
          if (buf !== null) buf._box.version++;
        }
      }
    });
    return loss;
  }
}

declareConstructor(SGD, SGD_SIG);
kwMethods(SGD.prototype, 'SGD', { step: 'closure' });
