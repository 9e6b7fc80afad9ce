// PyTorch 1.13's deprecated and legacy modules (torch/nn/modules/container.py's Container, loss.py's NLLLoss2d,
// normalization.py's CrossMapLRN2d), kept so ported code runs: each warns once as PyTorch's UserWarning does.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { Module } from './module.js';
import { NLLLoss, pyFloatRepr } from './layers.js';
import { tensor } from '../ops/creation.js';
import { einsum } from '../ops/einsum.js';
import * as E from '../ops/elementwise.js';
import { signature, parseArgs, declareConstructor, kwMethods } from '../kwargs.js';
import type { Reduction } from '../ops/nn.js';

const warned = new Set<string>();
function warnOnce(msg: string): void {
  if (!warned.has(msg)) console.warn(`UserWarning: ${msg}`);
  warned.add(msg);
}

/** Python's str of a number option: an integer as an int (k=1), else the float repr (alpha=0.0001). */
const pyNum = (v: number): string => (Number.isInteger(v) ? String(v) : pyFloatRepr(v));

const SIG = {
  CrossMapLRN2d: signature('nn.CrossMapLRN2d', 'size, alpha, beta, k'),
  NLLLoss2d: signature('nn.NLLLoss2d', 'weight, sizeAverage, ignoreIndex, reduce, reduction'),
  Container: signature('nn.Container', 'kwargs{}'),
};

/**
 * Deprecated NLLLoss (PyTorch warns "NLLLoss2d has been deprecated"): the same loss, for [N, C, H, W] input too.
 *
 * @see torch.nn.NLLLoss2d
 * @example
 * ```ts
 * const loss = new tg.nn.NLLLoss2d()
 * loss(tg.tensor([[-0.5, -1]]), tg.tensor([1], { dtype: 'int64' })) // tensor(1.)
 * ```
 */
export class NLLLoss2d extends NLLLoss {
  constructor(weight?: Tensor | null | object, sizeAverage?: boolean | null, ignoreIndex?: number, reduce?: boolean | null, reduction?: Reduction) {
    const a = parseArgs(SIG.NLLLoss2d, arguments);
    super(...(a as [Tensor | null]));
    warnOnce('NLLLoss2d has been deprecated. Please use NLLLoss instead as a drop-in replacement and see https://pytorch.org/docs/master/nn.html#torch.nn.NLLLoss for more details.');
    void [weight, sizeAverage, ignoreIndex, reduce, reduction];
  }
}

/**
 * Legacy local response normalization across channels of a 4-d input (PyTorch's CrossMapLRN2d, Lua Torch's).
 *
 * y = x (k + alpha / size * s)^-beta, s the sum of x^2 over a window of channels as PyTorch's legacy loop
 * computes it (which, unlike LocalResponseNorm's, always keeps channel 0 in the window and is not centred
 * the same way), so its values match PyTorch's CrossMapLRN2d, not LocalResponseNorm. The grad is the true
 * derivative of that forward, through the composite's ops: PyTorch's legacy backward (the Python Function
 * CrossMapLRN2dBackward) uses a centred window that does not match its forward, so its grads differ.
 *
 * @see torch.nn.CrossMapLRN2d
 * @example
 * ```ts
 * const m = new tg.nn.CrossMapLRN2d(3, 1e-4)
 * String(m) // => 'CrossMapLRN2d(3, alpha=0.0001, beta=0.75, k=1)'
 * m(tg.ones(1, 2, 2, 2)).shape // => [1, 2, 2, 2]
 * ```
 */
export class CrossMapLRN2d extends Module {
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;
  constructor(size: number | { size?: number; alpha?: number; beta?: number; k?: number }, alpha?: number, beta?: number, k?: number) {
    super();
    const [s, a, b, kk] = parseArgs(SIG.CrossMapLRN2d, arguments) as [number, number | undefined, number | undefined, number | undefined];
    if (typeof s !== 'number' || !Number.isInteger(s) || s <= 0) throw typeError('CrossMapLRN2d', `size must be a positive integer, got ${describe(s)}`);
    for (const [name, v] of [['alpha', a], ['beta', b], ['k', kk]] as const) if (v !== undefined && typeof v !== 'number') throw typeError('CrossMapLRN2d', `${name} must be a number, got ${describe(v)}`);
    this.size = s;
    this.alpha = a ?? 1e-4;
    this.beta = b ?? 0.75;
    this.k = kk ?? 1;
    void [size, alpha, beta, k];
  }
  override forward(input: Tensor): Tensor {
    if (!(input instanceof Tensor)) throw typeError('CrossMapLRN2d', `expected a Tensor, got ${describe(input)}`);
    if (input.ndim !== 4) throw rangeError('CrossMapLRN2d', `expected a 4-d input [N, C, H, W], got shape ${fmtShape(input.shape)}`);
    const C = input.shape[1], pre = Math.trunc((this.size - 1) / 2 + 1);
    // window[c][j]: whether channel j's square counts for channel c (the legacy running sum, which never drops channel 0)
    const w: number[][] = [];
    for (let c = 0; c < C; c++) {
      const lo = c === 0 ? 0 : Math.max(1, c - pre + 1), hi = Math.min(C - 1, c + pre - 1);
      w.push(Array.from({ length: C }, (_, j) => (j === 0 || (j >= lo && j <= hi) ? 1 : 0)));
    }
    const win = tensor(w, { dtype: input.dtype });
    const s = einsum('cj,njhw->nchw', win, E.mul(input, input));
    return E.mul(input, E.pow(E.add(E.mul(s, this.alpha / this.size), this.k), -this.beta));
  }
  override extraRepr(): string {
    return `${this.size}, alpha=${pyNum(this.alpha)}, beta=${pyNum(this.beta)}, k=${pyNum(this.k)}`;
  }
}

/**
 * Deprecated module container (PyTorch warns "nn.Container is deprecated"): a Module holding the given named modules.
 *
 * @see torch.nn.Container
 * @example
 * ```ts
 * const c = new tg.nn.Container({ a: new tg.nn.Linear(2, 3) })
 * c.namedChildren().map(([n]) => n) // => ['a']
 * ```
 */
export class Container extends Module {
  constructor(kwargs?: Record<string, Module>) {
    super();
    const [mods] = parseArgs(SIG.Container, arguments) as [Record<string, Module> | undefined];
    warnOnce("nn.Container is deprecated. All of it's functionality is now implemented in nn.Module. Subclass that instead.");
    for (const [name, m] of Object.entries(mods ?? {})) this.addModule(name, m);
    void kwargs;
  }
}

declareConstructor(NLLLoss2d, SIG.NLLLoss2d);
declareConstructor(CrossMapLRN2d, SIG.CrossMapLRN2d);
declareConstructor(Container, SIG.Container);
kwMethods(CrossMapLRN2d.prototype, 'CrossMapLRN2d', { forward: 'input', extraRepr: '' });
