// Rprop: PyTorch 1.13's _single_tensor_rprop, op for op, as an elementwise loop over the parameter's values.
import type { Tensor } from '../tensor.js';
import { zerosLike, fullLike } from '../ops/creation.js';
import { rangeError, describe } from '../errors.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, checkNonNegative, Round } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.Rprop', 'params, lr, etas, stepSizes, maximize');

export interface RpropOptions {
  lr: number;
  etas: [number, number];
  stepSizes: [number, number];
  maximize: boolean;
}

function checkPair(what: string, v: unknown): asserts v is [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || v.some((e) => typeof e !== 'number')) throw rangeError('Rprop', `${what} must be a pair of numbers, got ${describe(v)}`);
}

/**
 * The resilient backpropagation algorithm: a per-element step size grown by etas[1] while the gradient keeps its sign and shrunk by etas[0] when it flips.
 *
 * Only the sign of the gradient is used; the step sizes stay within stepSizes (min, max). The state holds
 * PyTorch's step, prev (the last gradient, zeroed where its sign flipped) and stepSize.
 *
 * @see torch.optim.Rprop
 * @example
 * ```ts
 * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
 * const opt = new tg.optim.Rprop([p], { lr: 0.5 })
 * p.sum().backward()
 * opt.step()
 * p.data // tensor([0.5000, 1.5000])
 * ```
 */
export class Rprop extends Optimizer<RpropOptions> {
  constructor(params: ParamsArg<RpropOptions>, lr?: number | Partial<RpropOptions>, etas?: [number, number], stepSizes?: [number, number], maximize?: boolean) {
    void lr, etas, stepSizes, maximize;
    const { params: ps, ...opts } = givenOptions<RpropOptions>(SIG, arguments);
    super(ps as ParamsArg<RpropOptions>, { lr: 1e-2, etas: [0.5, 1.2], stepSizes: [1e-6, 50], maximize: false, ...opts });
  }

  protected validate(g: ParamGroup<RpropOptions>): void {
    checkNonNegative('Rprop', 'learning rate', g.lr);
    checkPair('etas', g.etas);
    checkPair('stepSizes', g.stepSizes);
    if (!(g.etas[0] > 0 && g.etas[0] < 1 && g.etas[1] > 1)) throw rangeError('Rprop', `Invalid eta values: ${g.etas[0]}, ${g.etas[1]}`);
  }

  /**
   * Performs one Rprop step.
   *
   * @see Rprop.step
   * @example
   * ```ts
   * const p = new tg.nn.Parameter(tg.tensor([1, 2]))
   * const opt = new tg.optim.Rprop([p])
   * p.sum().backward()
   * opt.step()
   * opt.state.get(p).step // => 1
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    return this.updateEach(closure, (g, p, pd, gd, st) => {
      if (st.step === undefined) {
        st.step = 0;
        st.prev = zerosLike(p);
        st.stepSize = fullLike(p, g.lr);
      }
      st.step = (st.step as number) + 1;
      const r: Round = p.dtype === 'float32' ? Math.fround : (x) => x;
      const prev = st.prev as Tensor, size = st.stepSize as Tensor;
      const pv = prev._data as Float32Array | Float64Array, sv = size._data as Float32Array | Float64Array;
      const [etaMinus, etaPlus] = g.etas.map(r), [lo, hi] = g.stepSizes.map(r);
      for (let i = 0; i < pd.length; i++) {
        const grad = g.maximize ? -gd[i] : gd[i];
        const s = r(grad * pv[i]);
        // sign(grad * prev) mapped to etaplus / etaminus / 1 (NaN stays NaN, as PyTorch's masked writes leave it)
        const factor = s > 0 ? etaPlus : s < 0 ? etaMinus : s === 0 ? 1 : NaN;
        const scaled = r(sv[i] * factor);
        sv[i] = Number.isNaN(scaled) ? NaN : Math.min(Math.max(scaled, lo), hi);
        const gz = factor === etaMinus ? 0 : grad; // no update where the sign flipped
        pd[i] = r(pd[i] - Math.sign(gz) * sv[i]);
        pv[i] = gz;
      }
      if (!prev._contig) prev._storeValues(pv);
      if (!size._contig) size._storeValues(sv);
      return [prev, size];
    });
  }
}

declareConstructor(Rprop, SIG);
kwMethods(Rprop.prototype, 'Rprop', { step: 'closure' });
