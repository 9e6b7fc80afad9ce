// gradcheck / gradgradcheck: analytical grads (vector-Jacobian products) against float64 central differences.
import { Tensor } from '../tensor.js';
import { grad } from './backward.js';
import { noGrad, enableGrad } from './grad_mode.js';
import { typeError, fmtShape, describe, disposedError } from '../errors.js';
import { randnLike, zerosLike } from '../ops/creation.js';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw a report on failure (PyTorch's raise_exception=True); false returns false instead. */
  raiseException?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];

function outputsOf(fn: Fn, inputs: Tensor[]): Tensor[] {
  const r = fn(...inputs);
  const list = Array.isArray(r) ? r : [r];
  for (const t of list) if (!(t instanceof Tensor)) throw typeError('gradcheck', 'fn must return a Tensor or an array of Tensors');
  return list;
}

function flatValues(ts: Tensor[]): number[] {
  const out: number[] = [];
  for (const t of ts) for (const v of t._data) out.push(Number(v));
  return out;
}

/**
 * Checks fn's analytical gradients against finite differences for every input that requires grad
 * (inputs should be float64). Returns true, or throws a report naming the worst element.
 * @example tg.autograd.gradcheck((x) => x.tanh().sum(), [tg.randn([3], { dtype: 'float64', requiresGrad: true })])
 */
export function gradcheck(fn: Fn, inputs: Tensor | Tensor[], options: GradcheckOptions = {}): boolean {
  if (options === null || typeof options !== 'object') throw typeError('gradcheck', `expected an options object, got ${describe(options)}`);
  const eps = options.eps ?? 1e-6, atol = options.atol ?? 1e-5, rtol = options.rtol ?? 1e-3;
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  if (typeof fn !== 'function') throw typeError('gradcheck', 'expected a function');
  for (const t of ins) if (!(t instanceof Tensor)) throw typeError('gradcheck', 'inputs must be Tensors');
  for (const t of ins) if (t.isDisposed) throw disposedError('gradcheck', t.shape);
  const diff = ins.filter((t) => t.requiresGrad);
  if (diff.length === 0) throw new Error('gradcheck: expects at least one input tensor to require gradient');

  const outs = outputsOf(fn, ins).filter((o) => o.requiresGrad || o.dtype === 'float32' || o.dtype === 'float64');
  const nOut = outs.reduce((n, o) => n + o.numel(), 0);

  // Numerical Jacobian, column by input element: (f(x + eps) - f(x - eps)) / 2eps.
  const numerical: number[][][] = diff.map((t) => {
    const cols: number[][] = [];
    const d = t._data;
    for (let i = 0; i < d.length; i++) {
      const orig = d[i];
      d[i] = orig + eps;
      const plus = flatValues(noGrad(() => outputsOf(fn, ins)));
      d[i] = orig - eps;
      const minus = flatValues(noGrad(() => outputsOf(fn, ins)));
      d[i] = orig;
      cols.push(plus.map((p, k) => (p - minus[k]) / (2 * eps)));
    }
    return cols;
  });

  // Analytical Jacobian, row by output element: one vector-Jacobian product with a one-hot grad_output.
  const analytical: number[][][] = diff.map((t) => Array.from({ length: t.numel() }, () => new Array<number>(nOut).fill(0)));
  let row = 0;
  for (const o of outs) {
    for (let j = 0; j < o.numel(); j++, row++) {
      if (!o.requiresGrad) continue;
      const gOut = outs.map((x) => zerosLike(x));
      gOut[outs.indexOf(o)]._data[j] = 1;
      const out2 = outputsOf(fn, ins).filter((x) => x.requiresGrad || x.dtype === 'float32' || x.dtype === 'float64');
      const roots = out2.filter((x) => x.requiresGrad);
      const grads = grad(roots, diff, { gradOutputs: out2.map((_, k) => gOut[k]).filter((_, k) => out2[k].requiresGrad), allowUnused: true });
      grads.forEach((g, k) => {
        if (!g) return;
        const gd = g._data;
        for (let i = 0; i < gd.length; i++) analytical[k][i][row] = gd[i];
      });
    }
  }

  let worst: { input: number; index: number; output: number; a: number; n: number; err: number } | null = null;
  diff.forEach((t, k) => {
    for (let i = 0; i < t.numel(); i++)
      for (let r = 0; r < nOut; r++) {
        const a = analytical[k][i][r], n = numerical[k][i][r];
        const err = Math.abs(a - n) - (atol + rtol * Math.abs(n));
        if ((err > 0 || Number.isNaN(a) !== Number.isNaN(n)) && (!worst || err > worst.err))
          worst = { input: k, index: i, output: r, a, n, err };
      }
  });
  if (worst === null) return true;
  if (options.raiseException === false) return false;
  const w = worst as { input: number; index: number; output: number; a: number; n: number; err: number };
  throw new Error(
    `gradcheck: Jacobian mismatch for output ${w.output} with respect to input ${w.input} ` +
      `(shape ${fmtShape(diff[w.input].shape)}, element ${w.index}):\n` +
      `  numerical:  ${w.n}\n  analytical: ${w.a}\n  tolerance:  atol=${atol}, rtol=${rtol}, eps=${eps}`,
  );
}

/**
 * Checks second derivatives: gradcheck of (inputs, gradOutputs) -> grad(fn(inputs), inputs, gradOutputs)
 * built with createGraph. @example tg.autograd.gradgradcheck((x) => x.tanh(), [x])
 */
export function gradgradcheck(fn: Fn, inputs: Tensor | Tensor[], gradOutputs?: Tensor | Tensor[] | null, options: GradcheckOptions = {}): boolean {
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  if (typeof fn !== 'function') throw typeError('gradgradcheck', `expected a function, got ${describe(fn)}`);
  for (const t of ins) {
    if (!(t instanceof Tensor)) throw typeError('gradgradcheck', `inputs must be Tensors, got ${describe(t)}`);
    if (t.isDisposed) throw disposedError('gradgradcheck', t.shape);
  }
  const outs = outputsOf(fn, ins).filter((o) => o.requiresGrad);
  if (gradOutputs instanceof Tensor) gradOutputs = [gradOutputs];
  if (gradOutputs != null && (!Array.isArray(gradOutputs) || gradOutputs.some((g) => !(g instanceof Tensor))))
    throw typeError('gradgradcheck', `gradOutputs must be a Tensor or an array of Tensors, got ${describe(gradOutputs)}`);
  const gOuts = gradOutputs ?? outs.map((o) => randnLike(o, { dtype: o.dtype }).requiresGrad_(true));
  const diff = ins.filter((t) => t.requiresGrad);
  const n = ins.length;
  // NOTE: gradcheck evaluates its function under noGrad for the numerical Jacobian; the first-order grads
  // must still be built with the graph on, or every numerical column would be zero.
  const first = (...all: Tensor[]): Tensor[] =>
    enableGrad(() => {
      const xs = all.slice(0, n);
      const gs = all.slice(n);
      const os = outputsOf(fn, xs).filter((o) => o.requiresGrad);
      const gradsIn = grad(os, xs.filter((t) => t.requiresGrad), { gradOutputs: gs, createGraph: true, allowUnused: true });
      return gradsIn.map((g, k) => g ?? zerosLike(diff[k]));
    });
  return gradcheck(first, [...ins, ...gOuts], options);
}
