// tg.autograd: functional gradients, gradcheck, custom Functions, anomaly mode, graph pictures.
import { grad, autogradBackward, BackwardOptions, GradOptions } from './backward.js';
import { gradcheck, gradgradcheck, GradcheckOptions } from './gradcheck.js';
import { Function } from './function.js';
import { detectAnomaly, setDetectAnomaly, isAnomalyEnabled } from './anomaly.js';
import { toDot } from './dot.js';
import './derivatives.js'; // hands the derivative table to record() (Note [Rows by name] in function_node.ts)
import { kw, signature } from '../kwargs.js';
import type { Tensor } from '../tensor.js';

// PyTorch's positional order for each; the options object form comes from kw() (Note [Keyword arguments]).
type Ts = Tensor | Tensor[];
type GradFn = (...inputs: Tensor[]) => Tensor | Tensor[];

export const autograd = {
  /** grad(outputs, inputs, gradOutputs?, retainGraph?, createGraph?, onlyInputs?, allowUnused?) */
  grad: kw(signature('autograd.grad', 'outputs, inputs, gradOutputs, retainGraph, createGraph, onlyInputs, allowUnused'), function grad_(
    outputs: Ts, inputs: Ts, gradOutputs?: Tensor | (Tensor | null)[] | null | GradOptions, retainGraph?: boolean, createGraph?: boolean,
    onlyInputs?: boolean, allowUnused?: boolean): (Tensor | null)[] {
    void onlyInputs; // deprecated and ignored, as in PyTorch
    return grad(outputs, inputs, { gradOutputs: gradOutputs as Tensor | (Tensor | null)[] | null | undefined, retainGraph, createGraph, allowUnused });
  }),
  /** backward(tensors, gradTensors?, retainGraph?, createGraph?, gradVariables?, inputs?) */
  backward: kw(signature('autograd.backward', 'tensors, gradTensors, retainGraph, createGraph, gradVariables, inputs'), function backward(
    tensors: Ts, gradTensors?: Tensor | (Tensor | null)[] | null | BackwardOptions, retainGraph?: boolean, createGraph?: boolean,
    gradVariables?: Tensor | (Tensor | null)[] | null, inputs?: Ts): void {
    // gradVariables is PyTorch's deprecated name for gradTensors.
    const grads = (gradTensors ?? gradVariables) as Tensor | (Tensor | null)[] | null | undefined;
    autogradBackward(tensors, grads, { retainGraph, createGraph, inputs });
  }),
  // checkCreateGraph is tensorgrad's own: it also checks the derivative formulas' createGraph branch.
  gradcheck: kw(signature('autograd.gradcheck', 'func, inputs, eps, atol, rtol, raiseException, checkCreateGraph'), function gradcheck_(
    func: GradFn, inputs: Ts, eps?: number | GradcheckOptions, atol?: number, rtol?: number, raiseException?: boolean,
    checkCreateGraph?: boolean): boolean {
    return gradcheck(func, inputs, { eps: eps as number | undefined, atol, rtol, raiseException, checkCreateGraph });
  }),
  gradgradcheck: kw(signature('autograd.gradgradcheck', 'func, inputs, gradOutputs, eps, atol, rtol, raiseException'), function gradgradcheck_(
    func: GradFn, inputs: Ts, gradOutputs?: Tensor[] | null | GradcheckOptions, eps?: number, atol?: number, rtol?: number, raiseException?: boolean): boolean {
    return gradgradcheck(func, inputs, gradOutputs as Tensor[] | null | undefined, { eps, atol, rtol, raiseException });
  }),
  Function,
  detectAnomaly: kw(signature('autograd.detectAnomaly', 'fn'), detectAnomaly),
  setDetectAnomaly: kw(signature('autograd.setDetectAnomaly', 'mode'), setDetectAnomaly),
  isAnomalyEnabled: kw(signature('autograd.isAnomalyEnabled', ''), isAnomalyEnabled),
  toDot: kw(signature('autograd.toDot', 'root, showSaved'), function toDot_(root: Tensor, showSaved?: boolean | { showSaved?: boolean }): string {
    return toDot(root, { showSaved: showSaved as boolean | undefined });
  }),
};
