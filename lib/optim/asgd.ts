// ASGD: PyTorch 1.13's _single_tensor_asgd, op for op, as an elementwise loop over the parameter's values.
import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, checkNonNegative, Round } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.ASGD', 'params, lr, lambd, alpha, t0, weightDecay, maximize');

export interface ASGDOptions {
  lr: number;
  lambd: number;
  alpha: number;
  t0: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * Averaged stochastic gradient descent: SGD with a decaying step size and a running average of the iterates (state `ax`).
 *
 * The state holds PyTorch's step, eta (the step size), mu (the averaging weight) and ax (the average). As in
 * PyTorch 1.13, eta and mu are float32 scalars (PyTorch keeps them as float32 0-dim tensors), so their values
 * are rounded to float32 even for a float64 parameter.
 *
 * @see torch.optim.ASGD
 * @example
 * ```ts
 * const p = new tg.nn.Parameter(tg.tensor([1, 2], { dtype: 'float64' }))
 * const opt = new tg.optim.ASGD([p], { lr: 0.1, t0: 0 })
 * p.sum().backward()
 * opt.step()
 * p.data // tensor([0.9000, 1.9000], dtype=torch.float64)
 * ```
 */
export class ASGD extends Optimizer<ASGDOptions> {
  constructor(params: ParamsArg<ASGDOptions>, lr?: number | Partial<ASGDOptions>, lambd?: number, alpha?: number, t0?: number, weightDecay?: number, maximize?: boolean) {
    void lr, lambd, alpha, t0, weightDecay, maximize;
    const { params: ps, ...opts } = givenOptions<ASGDOptions>(SIG, arguments);
    super(ps as ParamsArg<ASGDOptions>, { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false, ...opts });
  }

  protected validate(g: ParamGroup<ASGDOptions>): void {
    checkNonNegative('ASGD', 'learning rate', g.lr);
    checkNonNegative('ASGD', 'weight_decay value', g.weightDecay);
  }

  /**
   * PyTorch's repr; t0's default is the Python float 1e6, which prints as 1000000.0 (a JS number cannot tell 1e6 from 1000000).
   *
   * @see torch.optim.Optimizer.__repr__
   * @example
   * ```ts
   * String(new tg.optim.ASGD([new tg.nn.Parameter(tg.ones(1))])).split('\n')[7] // => '    t0: 1000000.0'
   * ```
   */
  override toString(): string {
    return super.toString().replace(/^( {4}t0: )1000000$/gm, '$11000000.0');
  }

  /**
   * Performs one ASGD step.
   *
   * @see ASGD.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.ASGD([p])
   * p.sum().backward()
   * opt.step()
   * opt.state.get(p).step // => 1
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st) => {
      if (st.step === undefined) {
        st.step = 0;
        st.eta = Math.fround(g.lr);
        st.mu = 1;
        st.ax = zerosLike(p);
      }
      const r: Round = p.dtype === 'float32' ? Math.fround : (x) => x;
      const ax = st.ax as Tensor;
      const axd = ax._data as Float32Array | Float64Array;
      const step = (st.step as number) + 1;
      st.step = step;
      const eta = st.eta as number, mu = st.mu as number;
      const wd = r(g.weightDecay), decay = r(1 - g.lambd * eta), negEta = r(-eta);
      for (let i = 0; i < pd.length; i++) {
        let grad = g.maximize ? -gd[i] : gd[i];
        if (g.weightDecay !== 0) grad = r(grad + wd * pd[i]);
        let v = r(pd[i] * decay);
        v = r(v + negEta * grad);
        pd[i] = v;
        axd[i] = mu !== 1 ? r(axd[i] + r(r(v - axd[i]) * mu)) : v;
      }
      if (!ax._contig) ax._storeValues(axd);
      st.eta = Math.fround(g.lr / Math.pow(1 + g.lambd * g.lr * step, g.alpha));
      st.mu = Math.fround(1 / Math.max(1, step - g.t0));
      return [ax];
    });
  }
}

declareConstructor(ASGD, SIG);
kwMethods(ASGD.prototype, 'ASGD', { step: 'closure', toString: '' });
