// tg.autograd: functional gradients, gradcheck, custom Functions, anomaly mode, graph pictures.
import { grad, autogradBackward, BackwardOptions, GradOptions } from './backward.js';
import { gradcheck, gradgradcheck, GradcheckOptions } from './gradcheck.js';
import { Function } from './function.js';
import { detectAnomaly, setDetectAnomaly, isAnomalyEnabled } from './anomaly.js';
import { toDot } from './dot.js';
import { forwardAd } from './forward_ad.js';
import './derivatives.js'; // hands the derivative table to record() (Note [Rows by name] in function_node.ts)
import { kw, signature } from '../kwargs.js';
import type { Tensor } from '../tensor.js';

// PyTorch's positional order for each; the options object form comes from kw() (Note [Keyword arguments]).
type Ts = Tensor | Tensor[];
type GradFn = (...inputs: Tensor[]) => Tensor | Tensor[];

/** torch.autograd: grad, backward, gradcheck, gradgradcheck, anomaly detection, and toDot pictures of the graph. */
export const autograd = {
  /**
   * The gradients of `outputs` with respect to `inputs` (without touching `.grad`).
   *
   * @see torch.autograd.grad
   * @example
   * ```ts
   * const x = tg.tensor([1, 2], { requiresGrad: true })
   * const [g] = tg.autograd.grad(x.pow(2).sum(), [x])
   * g // tensor([2., 4.])
   * ```
   */
  grad: kw(signature('autograd.grad', 'outputs, inputs, gradOutputs, retainGraph, createGraph, onlyInputs, allowUnused'), function grad_(
    outputs: Ts, inputs: Ts, gradOutputs?: Tensor | (Tensor | null)[] | null | GradOptions, retainGraph?: boolean, createGraph?: boolean,
    onlyInputs?: boolean, allowUnused?: boolean): (Tensor | null)[] {
    void onlyInputs; // deprecated and ignored, as in PyTorch
    return grad(outputs, inputs, { gradOutputs: gradOutputs as Tensor | (Tensor | null)[] | null | undefined, retainGraph, createGraph, allowUnused });
  }),
  /**
   * Accumulates the gradients of `tensors` into the leaves' `.grad`.
   *
   * @see torch.autograd.backward
   * @example
   * ```ts
   * const x = tg.tensor([1, 2], { requiresGrad: true })
   * tg.autograd.backward([x.mul(3).sum()])
   * x.grad // tensor([3., 3.])
   * ```
   */
  backward: kw(signature('autograd.backward', 'tensors, gradTensors, retainGraph, createGraph, gradVariables, inputs'), function backward(
    tensors: Ts, gradTensors?: Tensor | (Tensor | null)[] | null | BackwardOptions, retainGraph?: boolean, createGraph?: boolean,
    gradVariables?: Tensor | (Tensor | null)[] | null, inputs?: Ts): void {
    // gradVariables is PyTorch's deprecated name for gradTensors.
    const grads = (gradTensors ?? gradVariables) as Tensor | (Tensor | null)[] | null | undefined;
    autogradBackward(tensors, grads, { retainGraph, createGraph, inputs });
  }),
  // checkCreateGraph is tensorgrad's own: it also checks the derivative formulas' createGraph branch.
  /**
   * Checks analytical gradients against finite differences (use float64 inputs).
   *
   * @see torch.autograd.gradcheck
   * @example
   * ```ts
   * const x = tg.tensor([0.5, 1.5], { dtype: 'float64', requiresGrad: true })
   * tg.autograd.gradcheck((t) => t.sin().mul(t), [x]) // => true
   * ```
   */
  gradcheck: kw(signature('autograd.gradcheck', 'func, inputs, eps, atol, rtol, raiseException, checkCreateGraph'), function gradcheck_(
    func: GradFn, inputs: Ts, eps?: number | GradcheckOptions, atol?: number, rtol?: number, raiseException?: boolean,
    checkCreateGraph?: boolean): boolean {
    return gradcheck(func, inputs, { eps: eps as number | undefined, atol, rtol, raiseException, checkCreateGraph });
  }),
  /**
   * Checks second derivatives against finite differences of the gradient.
   *
   * @see torch.autograd.gradgradcheck
   * @example
   * ```ts
   * const x = tg.tensor([0.5, 1.5], { dtype: 'float64', requiresGrad: true })
   * tg.autograd.gradgradcheck((t) => t.pow(3), [x]) // => true
   * ```
   */
  gradgradcheck: kw(signature('autograd.gradgradcheck', 'func, inputs, gradOutputs, eps, atol, rtol, raiseException'), function gradgradcheck_(
    func: GradFn, inputs: Ts, gradOutputs?: Tensor[] | null | GradcheckOptions, eps?: number, atol?: number, rtol?: number, raiseException?: boolean): boolean {
    return gradgradcheck(func, inputs, gradOutputs as Tensor[] | null | undefined, { eps, atol, rtol, raiseException });
  }),
  Function,
  /**
   * Runs `fn` with anomaly detection on: a NaN produced in backward names the forward op that recorded it.
   *
   * @see torch.autograd.detect_anomaly
   * @example
   * ```ts
   * tg.autograd.detectAnomaly(() => tg.autograd.isAnomalyEnabled()) // => true
   * ```
   */
  detectAnomaly: kw(signature('autograd.detectAnomaly', 'fn'), detectAnomaly),
  /**
   * Turns anomaly detection on or off globally.
   *
   * @see torch.autograd.set_detect_anomaly
   * @example
   * ```ts
   * tg.autograd.setDetectAnomaly(true)
   * const on = tg.autograd.isAnomalyEnabled()
   * tg.autograd.setDetectAnomaly(false)
   * on // => true
   * ```
   */
  setDetectAnomaly: kw(signature('autograd.setDetectAnomaly', 'mode'), setDetectAnomaly),
  /**
   * Whether anomaly detection is on.
   *
   * @see torch.is_anomaly_enabled
   * @example
   * ```ts
   * tg.autograd.isAnomalyEnabled() // => false
   * ```
   */
  isAnomalyEnabled: kw(signature('autograd.isAnomalyEnabled', ''), isAnomalyEnabled),
  /**
   * The graph behind a tensor as Graphviz DOT text (what torchviz draws).
   *
   * @see torchviz.make_dot
   * @example
   * ```ts
   * const x = tg.tensor([1, 2], { requiresGrad: true })
   * tg.autograd.toDot(x.mul(2).sum()).startsWith('digraph') // => true
   * ```
   */
  toDot: kw(signature('autograd.toDot', 'root, showSaved'), function toDot_(root: Tensor, showSaved?: boolean | { showSaved?: boolean }): string {
    return toDot(root, { showSaved: showSaved as boolean | undefined });
  }),
  /** Forward-mode AD (PyTorch's torch.autograd.forward_ad): dual levels and dual tensors (Note [Forward AD]). */
  forwardAd,
};
