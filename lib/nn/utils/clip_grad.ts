// Gradient clipping: PyTorch 1.13's torch.nn.utils.clip_grad_norm_ and clip_grad_value_.
import { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe, disposedError } from '../../errors.js';
import { tensor } from '../../ops/creation.js';
import { kw, signature } from '../../kwargs.js';

/** @internal A tensor or an iterable of tensors as a list (PyTorch's _tensor_or_tensors). */
export function tensorList(name: string, parameters: unknown): Tensor[] {
  if (parameters instanceof Tensor) {
    if (parameters.isDisposed) throw disposedError(name, parameters.shape);
    return [parameters];
  }
  if (parameters === null || typeof parameters !== 'object' || typeof (parameters as Iterable<unknown>)[Symbol.iterator] !== 'function')
    throw typeError(name, `parameters must be a Tensor or an iterable of Tensors, got ${describe(parameters)}`);
  const list = [...(parameters as Iterable<unknown>)];
  for (const p of list) if (!(p instanceof Tensor)) throw typeError(name, `parameters must be Tensors, got ${describe(p)}`);
  // A disposed one is refused here, naming the caller, rather than by the first op that touches it.
  for (const p of list as Tensor[]) if (p.isDisposed) throw disposedError(name, p.shape);
  return list as Tensor[];
}

function floatArg(name: string, what: string, v: unknown): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v !== 'number') throw typeError(name, `${what} must be a number, got ${describe(v)}`);
  return v;
}

/** Python's str(float): 2.0, 3.5, inf. */
function pyFloat(x: number): string {
  if (!Number.isFinite(x)) return x !== x ? 'nan' : x > 0 ? 'inf' : '-inf';
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/** The p-norm of a vector of values (torch.norm(x, p) over all elements), accumulated in float64. */
function pNorm(xs: ArrayLike<number>, p: number): number {
  let acc = p === Infinity ? 0 : p === -Infinity ? Infinity : 0;
  for (let i = 0; i < xs.length; i++) {
    const a = Math.abs(xs[i]);
    if (p === Infinity) acc = a > acc || a !== a ? a : acc;
    else if (p === -Infinity) acc = a < acc || a !== a ? a : acc;
    else if (p === 0) acc += a !== 0 ? 1 : 0;
    else if (p === 1) acc += a;
    else if (p === 2) acc += a * a;
    else acc += a ** p;
  }
  if (p === 2) return Math.sqrt(acc);
  if (p === 1 || p === 0 || p === Infinity || p === -Infinity) return acc;
  return acc ** (1 / p);
}

/**
 * Scales the grads of `parameters` in place so that their joint `normType`-norm (as if concatenated) is at
 * most `maxNorm`; returns that total norm (before clipping) as a 0-dim tensor.
 * @example const total = tg.nn.utils.clipGradNorm_(model.parameters(), 1.0)
 */
export const clipGradNorm_ = kw(signature('nn.utils.clipGradNorm_', 'parameters, maxNorm, normType, errorIfNonfinite'), function clipGradNorm_(
  parameters: Iterable<Tensor> | Tensor, maxNorm: number, normType: number | 'inf' = 2, errorIfNonfinite = false,
): Tensor {
  const name = 'nn.utils.clipGradNorm_';
  const grads = tensorList(name, parameters).map((p) => p.grad).filter((g): g is Tensor => g !== null);
  const maxN = floatArg(name, 'max_norm', maxNorm), p = floatArg(name, 'norm_type', normType);
  if (grads.length === 0) return tensor(0);
  // The norms are stacked in the promoted dtype of the grads (float64 if any grad is), as torch.stack does.
  const dtype = grads.some((g) => g.dtype === 'float64') ? 'float64' : 'float32';
  const r = dtype === 'float32' ? Math.fround : (x: number) => x;
  const norms = grads.map((g) => r(pNorm(g._data, p)));
  const total = r(p === Infinity ? pNorm(norms, Infinity) : pNorm(norms, p));
  if (errorIfNonfinite && !Number.isFinite(total))
    throw rangeError(name, `The total norm of order ${pyFloat(p)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``);
  // max_norm / (total_norm + 1e-6) is Tensor.__rtruediv__: reciprocal() * max_norm; then clamp(max=1).
  const coef = r(r(1 / r(total + r(1e-6))) * maxN);
  const clamped = coef > 1 ? 1 : coef;
  noGrad(() => {
    for (const g of grads) g.detach().mul_(clamped);
  });
  return tensor(total, dtype);
});

/**
 * Clamps every grad of `parameters` to [-clipValue, clipValue] in place.
 * @example tg.nn.utils.clipGradValue_(model.parameters(), 0.5)
 */
export const clipGradValue_ = kw(signature('nn.utils.clipGradValue_', 'parameters, clipValue'), function clipGradValue_(
  parameters: Iterable<Tensor> | Tensor, clipValue: number,
): void {
  const name = 'nn.utils.clipGradValue_';
  const list = tensorList(name, parameters);
  const c = floatArg(name, 'clip_value', clipValue);
  noGrad(() => {
    for (const p of list) if (p.grad !== null) p.grad.detach().clamp_(-c, c);
  });
});
