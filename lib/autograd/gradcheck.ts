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
  /**
   * Also build the analytical Jacobian with createGraph: true and check it against the same numerical one.
   * Derivative formulas take a different branch when a graph is built (differentiable ops instead of GEMM
   * transpose flags or fused kernels), and only this catches a wrong gradient there. Default false.
   */
  checkCreateGraph?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];
type Jacobian = number[][][]; // [input][input element][output element]

function outputsOf(fn: Fn, inputs: Tensor[]): Tensor[] {
  const r = fn(...inputs);
  const list = Array.isArray(r) ? r : [r];
  for (const t of list) if (!(t instanceof Tensor)) throw typeError('gradcheck', 'fn must return a Tensor or an array of Tensors');
  return list;
}

/** The outputs gradcheck looks at: those in the graph and every float one (an int output has no Jacobian). */
function checkedOutputs(fn: Fn, inputs: Tensor[]): Tensor[] {
  return outputsOf(fn, inputs).filter((o) => o.requiresGrad || o.dtype === 'float32' || o.dtype === 'float64');
}

function flatValues(ts: Tensor[]): number[] {
  const out: number[] = [];
  for (const t of ts) for (const v of t._data) out.push(Number(v));
  return out;
}

/** Numerical Jacobian, column by input element: (f(x + eps) - f(x - eps)) / 2eps. */
function numericalJacobian(fn: Fn, ins: Tensor[], diff: Tensor[], eps: number): Jacobian {
  return diff.map((t) => {
    const cols: number[][] = [];
    const d = t._data as Float64Array; // float inputs only
    for (let i = 0; i < d.length; i++) {
      const orig = d[i];
      d[i] = orig + eps;
      const plus = flatValues(noGrad(() => checkedOutputs(fn, ins)));
      d[i] = orig - eps;
      const minus = flatValues(noGrad(() => checkedOutputs(fn, ins)));
      d[i] = orig;
      cols.push(plus.map((p, k) => (p - minus[k]) / (2 * eps)));
    }
    return cols;
  });
}

/** Analytical Jacobian, row by output element: one vector-Jacobian product with a one-hot grad_output. */
function analyticalJacobian(fn: Fn, ins: Tensor[], diff: Tensor[], createGraph: boolean): Jacobian {
  const outs = checkedOutputs(fn, ins);
  const nOut = outs.reduce((n, o) => n + o.numel(), 0);
  const analytical: Jacobian = diff.map((t) => Array.from({ length: t.numel() }, () => new Array<number>(nOut).fill(0)));
  let row = 0;
  for (const o of outs) {
    for (let j = 0; j < o.numel(); j++, row++) {
      if (!o.requiresGrad) continue;
      const gOut = outs.map((x) => zerosLike(x));
      gOut[outs.indexOf(o)]._data[j] = 1;
      const out2 = checkedOutputs(fn, ins);
      const roots = out2.filter((x) => x.requiresGrad);
      const gradOutputs = out2.map((_, k) => gOut[k]).filter((_, k) => out2[k].requiresGrad);
      const grads = grad(roots, diff, { gradOutputs, allowUnused: true, createGraph });
      grads.forEach((g, k) => {
        if (!g) return;
        const gd = g._data;
        for (let i = 0; i < gd.length; i++) analytical[k][i][row] = Number(gd[i]);
      });
    }
  }
  return analytical;
}

interface Mismatch {
  input: number;
  index: number;
  output: number;
  a: number;
  n: number;
  err: number;
}

function worstMismatch(analytical: Jacobian, numerical: Jacobian, atol: number, rtol: number): Mismatch | null {
  let worst: Mismatch | null = null;
  analytical.forEach((rows, k) => {
    rows.forEach((cols, i) => {
      cols.forEach((a, r) => {
        const n = numerical[k][i][r];
        const err = Math.abs(a - n) - (atol + rtol * Math.abs(n));
        const bad = err > 0 || Number.isNaN(a) !== Number.isNaN(n);
        if (bad && (!worst || err > worst.err)) worst = { input: k, index: i, output: r, a, n, err };
      });
    });
  });
  return worst;
}

/**
 * The Jacobian of `analyticFn` by backward (once without createGraph, and once with it when asked) against
 * finite differences of `numericFn`, which must compute the same function (gradgradcheck passes a version
 * that builds no graph, so the numbers do not come from the code under test).
 */
function checkJacobians(what: string, analyticFn: Fn, numericFn: Fn, ins: Tensor[], options: GradcheckOptions): boolean {
  const eps = options.eps ?? 1e-6, atol = options.atol ?? 1e-5, rtol = options.rtol ?? 1e-3;
  const diff = ins.filter((t) => t.requiresGrad);
  if (diff.length === 0) throw new Error(`${what}: expects at least one input tensor to require gradient`);
  const numerical = numericalJacobian(numericFn, ins, diff, eps);
  const branches = options.checkCreateGraph ? [false, true] : [false];
  for (const createGraph of branches) {
    const worst = worstMismatch(analyticalJacobian(analyticFn, ins, diff, createGraph), numerical, atol, rtol);
    if (worst === null) continue;
    if (options.raiseException === false) return false;
    throw new Error(
      `${what}: Jacobian mismatch for output ${worst.output} with respect to input ${worst.input} ` +
        `(shape ${fmtShape(diff[worst.input].shape)}, element ${worst.index})` +
        `${createGraph ? ', analytical grads built with createGraph' : ''}:\n` +
        `  numerical:  ${worst.n}\n  analytical: ${worst.a}\n  tolerance:  atol=${atol}, rtol=${rtol}, eps=${eps}`,
    );
  }
  return true;
}

function checkArgs(what: string, fn: Fn, ins: unknown[]): void {
  if (typeof fn !== 'function') throw typeError(what, `expected a function, got ${describe(fn)}`);
  for (const t of ins) {
    if (!(t instanceof Tensor)) throw typeError(what, `inputs must be Tensors, got ${describe(t)}`);
    if (t.isDisposed) throw disposedError(what, t.shape);
  }
}

/**
 * Checks fn's analytical gradients against finite differences for every input that requires grad
 * (inputs should be float64). Returns true, or throws a report naming the worst element.
 * @example tg.autograd.gradcheck((x) => x.tanh().sum(), [tg.randn([3], { dtype: 'float64', requiresGrad: true })])
 */
export function gradcheck(fn: Fn, inputs: Tensor | Tensor[], options: GradcheckOptions = {}): boolean {
  if (options === null || typeof options !== 'object') throw typeError('gradcheck', `expected an options object, got ${describe(options)}`);
  for (const k of ['eps', 'atol', 'rtol'] as const)
    if (options[k] !== undefined && typeof options[k] !== 'number') throw typeError('gradcheck', `${k} must be a number, got ${describe(options[k])}`);
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  checkArgs('gradcheck', fn, ins);
  return checkJacobians('gradcheck', fn, fn, ins, options);
}

/**
 * Checks second derivatives as PyTorch's gradgradcheck: the Jacobian of (inputs, gradOutputs) -> grad(fn(inputs),
 * inputs, gradOutputs), by backward through the first-order grads built with createGraph, against finite
 * differences of the first-order grads. Note [gradgradcheck numerics]: the finite differences are taken of
 * grads computed WITHOUT createGraph, the branch gradcheck checks against f itself, and the createGraph grads
 * must equal them at the base point; so a createGraph branch that computes a different first derivative fails
 * here even when it is differentiated consistently. @example tg.autograd.gradgradcheck((x) => x.tanh(), [x])
 */
export function gradgradcheck(fn: Fn, inputs: Tensor | Tensor[], gradOutputs?: Tensor | Tensor[] | null, options: GradcheckOptions = {}): boolean {
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  checkArgs('gradgradcheck', fn, ins);
  const outs = outputsOf(fn, ins).filter((o) => o.requiresGrad);
  if (gradOutputs instanceof Tensor) gradOutputs = [gradOutputs];
  if (gradOutputs != null && (!Array.isArray(gradOutputs) || gradOutputs.some((g) => !(g instanceof Tensor))))
    throw typeError('gradgradcheck', `gradOutputs must be a Tensor or an array of Tensors, got ${describe(gradOutputs)}`);
  const gOuts = gradOutputs ?? outs.map((o) => randnLike(o, { dtype: o.dtype }).requiresGrad_(true));
  const diff = ins.filter((t) => t.requiresGrad);
  const n = ins.length;
  // NOTE: gradcheck evaluates its function under noGrad for the numerical Jacobian; the first-order grads
  // must still be computed with the graph on, or there would be nothing to differentiate.
  const first =
    (createGraph: boolean) =>
    (...all: Tensor[]): Tensor[] =>
      enableGrad(() => {
        const xs = all.slice(0, n);
        const gs = all.slice(n);
        const os = outputsOf(fn, xs).filter((o) => o.requiresGrad);
        const gradsIn = grad(os, xs.filter((t) => t.requiresGrad), { gradOutputs: gs, createGraph, allowUnused: true });
        return gradsIn.map((g, k) => g ?? zerosLike(diff[k]));
      });
  const all = [...ins, ...gOuts];
  const atol = options.atol ?? 1e-5, rtol = options.rtol ?? 1e-3;
  const withGraph = flatValues(first(true)(...all)), without = flatValues(first(false)(...all));
  const bad = withGraph.findIndex((a, i) => {
    const b = without[i];
    return Number.isNaN(a) !== Number.isNaN(b) || Math.abs(a - b) > atol + rtol * Math.abs(b);
  });
  if (bad >= 0) {
    if (options.raiseException === false) return false;
    throw new Error(
      `gradgradcheck: the first-order grads built with createGraph differ from those without at element ${bad}:\n` +
        `  createGraph: ${withGraph[bad]}\n  without:     ${without[bad]}\n  tolerance:   atol=${atol}, rtol=${rtol}`,
    );
  }
  return checkJacobians('gradgradcheck', first(true), first(false), all, options);
}
