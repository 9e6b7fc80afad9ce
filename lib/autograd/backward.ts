// The user-facing entry points into the engine: tensor.backward(), tg.autograd.backward and tg.autograd.grad.
import { tensorBackward, viewAutograd, type Tensor } from '../tensor.js';
import { refresh as refreshView } from './views.js';
import { runBackward } from './engine.js';
import { typeError, fmtShape, describe, disposedError } from '../errors.js';
import { onesLike, wrap } from '../ops/creation.js';
import { outData } from '../storage.js';
import { vmapHook } from '../kwargs.js';

/**
 * @internal grad() under vmap (Note [vmap] in lib/func/vmap.ts, which installs it): the gradients when an output
 * or input is batched, or undefined to go on as usual. autograd sits below lib/func and cannot import it.
 */
export const batchedGrad = {
  run(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], options: GradOptions): (Tensor | null)[] | undefined {
    void outputs, inputs, options;
    return undefined;
  },
};

export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
  inputs?: Tensor | Tensor[];
}

export interface GradOptions {
  gradOutputs?: Tensor | (Tensor | null)[] | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  allowUnused?: boolean;
}

function isTensor(x: unknown): x is Tensor {
  return x !== null && typeof x === 'object' && (x as Tensor)._isTensor === true;
}

function asList(op: string, what: string, x: unknown): Tensor[] {
  const list = Array.isArray(x) ? x : [x];
  for (const t of list) if (!isTensor(t)) throw typeError(op, `expected ${what} to be Tensors, got ${describe(t)}`);
  return list as Tensor[];
}

/** Grads for the roots: the given ones (checked against their outputs) or ones for scalar outputs. */
function rootGrads(op: string, outputs: Tensor[], given: (Tensor | null | undefined)[]): Tensor[] {
  return outputs.map((out, i) => {
    if (!out.requiresGrad)
      throw new Error(`${op}: element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = given[i];
    if (g === null || g === undefined) {
      if (out.numel() !== 1)
        throw new Error(`${op}: grad can be implicitly created only for scalar outputs (got shape ${fmtShape(out.shape)})`);
      // The implicit grad 1 of a float32/float64 scalar, made directly (onesLike parses options first).
      if (vmapHook.depth === 0 && (out.dtype === 'float32' || out.dtype === 'float64')) {
        const d = outData(out.dtype, 1);
        d[0] = 1;
        return wrap(d, out.shape.slice(), out.dtype);
      }
      return onesLike(out);
    }
    if (!isTensor(g)) throw typeError(op, `gradient must be a Tensor, got ${describe(g)}`);
    if (g.isDisposed) throw disposedError(op, g.shape);
    if (g.shape.length !== out.shape.length || g.shape.some((d, k) => d !== out.shape[k]))
      throw new RangeError(`${op}: Mismatch in shape: grad_output[${i}] has a shape of ${fmtShape(g.shape)} and output[${i}] has a shape of ${fmtShape(out.shape)}.`);
    return g;
  });
}

function checkOptions(op: string, o: unknown): void {
  if (o !== undefined && (o === null || typeof o !== 'object' || Array.isArray(o)))
    throw typeError(op, `expected an options object, got ${describe(o)}`);
}

/** tensor.backward(gradient?, options?): a lone plain object argument is the options. */
export function backward(self: Tensor, gradient?: Tensor | BackwardOptions | null, options?: BackwardOptions): void {
  let grad: Tensor | null | undefined;
  let opts: BackwardOptions | undefined = options;
  if (gradient !== undefined && gradient !== null && !isTensor(gradient)) {
    if (options !== undefined) throw typeError('backward', `gradient must be a Tensor, got ${describe(gradient)}`);
    opts = gradient as BackwardOptions;
  } else {
    grad = gradient as Tensor | null | undefined;
  }
  checkOptions('backward', opts);
  autogradBackward(self, grad ?? null, opts ?? {});
}

/** tg.autograd.backward(tensors, grads?, options?): accumulates into the leaves' .grad. */
export function autogradBackward(
  tensors: Tensor | Tensor[],
  grads?: Tensor | (Tensor | null)[] | null,
  options: BackwardOptions = {},
): void {
  const op = 'backward';
  checkOptions(op, options);
  const outs = asList(op, 'tensors', tensors);
  const given = grads === undefined || grads === null ? [] : Array.isArray(grads) ? grads : [grads];
  const roots = rootGrads(op, outs, given);
  const createGraph = options.createGraph ?? false;
  const inputs = options.inputs === undefined ? undefined : asList(op, 'inputs', options.inputs);
  if (inputs && inputs.length === 0) throw new Error(`${op}: 'inputs' argument to backward() cannot be empty.`);
  // As in PyTorch, a non-leaf input's grad accumulates into its .grad through retainGrad(), which stays on
  // afterwards; the engine runs the input's gradFn (its pre-hooks) but nothing past it unless needed.
  inputs?.forEach((t, i) => {
    if (!t.requiresGrad) throw new Error(`${op}: can't retain_grad on Tensor that has requires_grad=False (inputs[${i}] of shape ${fmtShape(t.shape)})`);
    t.retainGrad();
  });
  runBackward(outs, roots, {
    keepGraph: options.retainGraph ?? createGraph,
    createGraph,
    accumulateOnly: inputs,
  });
}

/** tg.autograd.grad(outputs, inputs, options): returns d(outputs)/d(inputs) without touching .grad. */
export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], options: GradOptions = {}): (Tensor | null)[] {
  if (vmapHook.depth !== 0) {
    const r = batchedGrad.run(outputs, inputs, options);
    if (r !== undefined) return r;
  }
  const op = 'grad';
  checkOptions(op, options);
  const outs = asList(op, 'outputs', outputs);
  const ins = asList(op, 'inputs', inputs);
  ins.forEach((t, i) => {
    if (!t.requiresGrad) throw new Error(`${op}: One of the differentiated Tensors (input ${i}) does not require grad`);
  });
  const go = options.gradOutputs;
  const given = go === undefined || go === null ? [] : Array.isArray(go) ? go : [go];
  const roots = rootGrads(op, outs, given);
  const createGraph = options.createGraph ?? false;
  return runBackward(outs, roots, {
    keepGraph: options.retainGraph ?? createGraph,
    createGraph,
    capture: ins,
    allowUnused: options.allowUnused ?? false,
  });
}

tensorBackward.run = backward as typeof tensorBackward.run; // Tensor.backward (tensor.ts sits below autograd)
viewAutograd.refresh = refreshView; // Note [Views and autograd] in tensor.ts
