// tg.autograd.Function: user-defined forward/backward, used as in PyTorch (static forward/backward, apply).
import { Tensor } from '../tensor.js';
import { Node, Edge, TensorMeta, SavedTensor } from './node.js';
import { gradMode, noGrad } from './grad_mode.js';
import { typeError } from '../errors.js';
import { zeros, zerosLike } from '../ops/creation.js';
import { fwState } from './fw_state.js';

/** The ctx a custom Function's forward and backward share. */
export class FunctionCtx {
  /** @internal */ _saved: SavedTensor[] | null = [];
  /** @internal */ _dirty: Tensor[] = [];
  /** @internal */ _nonDifferentiable: Tensor[] = [];
  /** @internal */ _released = false;
  /** @internal */ _materializeGrads = true;
  /** For each forward input: whether its grad is needed. */
  needsInputGrad: boolean[] = [];
  [key: string]: unknown;

  /** Saves tensors for backward (their versions are checked when they are read back). */
  saveForBackward(...tensors: (Tensor | null)[]): void {
    this._saved = tensors.map((t) => (t === null ? (null as unknown as SavedTensor) : new SavedTensor(t, t._version, false)));
  }
  get savedTensors(): (Tensor | null)[] {
    if (this._released || this._saved === null)
      throw new Error('Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Specify retainGraph: true if you need to backward through the graph a second time.');
    return this._saved.map((s) => {
      if (s === null) return null;
      if (s.tensor._version !== s.version)
        throw new Error(`one of the variables needed for gradient computation has been modified by an inplace operation: saved tensor of shape [${s.tensor.shape.join(', ')}] is at version ${s.tensor._version}; expected version ${s.version} instead.`);
      return s.tensor;
    });
  }
  /** Declares inputs that forward modified in place. */
  markDirty(...tensors: Tensor[]): void {
    this._dirty.push(...tensors);
  }
  /**
   * Whether backward gets zeros (true, the default, as in PyTorch) or null for the grad of an output that
   * received none: one marked non-differentiable or one that did not contribute to the loss.
   */
  setMaterializeGrads(value: boolean): void {
    if (typeof value !== 'boolean') throw typeError('setMaterializeGrads', `expected a boolean, got ${typeof value}`);
    this._materializeGrads = value;
  }
  /** Declares outputs that are not differentiable. */
  markNonDifferentiable(...tensors: Tensor[]): void {
    this._nonDifferentiable.push(...tensors);
  }
}

class CustomFunctionNode extends Node {
  constructor(
    readonly name: string,
    private readonly fnClass: typeof Function,
    private readonly ctx: FunctionCtx,
    nextFunctions: Edge[],
    inputMeta: (TensorMeta | null)[],
    /** Shape and dtype of each output, for the zeros that stand in for missing grads. */
    private readonly outMeta: TensorMeta[],
    /** Which forward inputs were tensors. */
    private readonly isTensorInput: boolean[],
  ) {
    super(nextFunctions, inputMeta);
  }
  override get numOutputs(): number {
    return this.outMeta.length;
  }
  apply(grads: (Tensor | null)[], needs: boolean[]): (Tensor | null)[] {
    if (this.ctx._released) this.ctx.savedTensors; // throws the freed-graph error
    this.ctx.needsInputGrad = needs;
    // PyTorch passes zeros, not None, for an output without a grad unless ctx.set_materialize_grads(False).
    const given = this.ctx._materializeGrads
      ? grads.map((g, i) => g ?? noGrad(() => zeros(this.outMeta[i].shape, { dtype: this.outMeta[i].dtype })))
      : grads;
    const r = (this.fnClass as unknown as { backward(ctx: FunctionCtx, ...g: (Tensor | null)[]): unknown }).backward(this.ctx, ...given);
    const list = Array.isArray(r) ? r : [r];
    // As in PyTorch: one grad per forward input (extra trailing nulls allowed), never a silent missing one.
    const n = this.nextFunctions.length;
    let got = list.length;
    while (got > n && (list[got - 1] === null || list[got - 1] === undefined)) got--;
    if (got !== n) throw new Error(`function ${this.name} returned an incorrect number of gradients (expected ${n}, got ${got})`);
    return this.nextFunctions.map((_, i) => {
      const g = list[i];
      if (g === undefined || g === null) return null;
      if (!(g instanceof Tensor)) throw typeError(this.name, `backward must return Tensors or null, got ${typeof g} for input ${i}`);
      if (!this.isTensorInput[i])
        throw new Error(`function ${this.name} returned a gradient different than null at position ${i + 1}, but the corresponding forward input was not a Tensor`);
      return g;
    });
  }
  override release(): void {
    if (this.ctx._saved && this.ctx._saved.length > 0) this.ctx._released = true;
  }
}

/**
 * Subclass with static forward(ctx, ...inputs) and backward(ctx, ...grads), then call MyFn.apply(...inputs).
 * @example
 * class Exp extends tg.autograd.Function {
 *   static forward(ctx, x) { const y = x.exp(); ctx.saveForBackward(y); return y; }
 *   static backward(ctx, g) { const [y] = ctx.savedTensors; return g.mul(y); }
 * }
 */
export class Function {
  static forward(_ctx: FunctionCtx, ..._inputs: unknown[]): Tensor | Tensor[] {
    throw new Error('autograd.Function: subclasses must implement static forward(ctx, ...inputs)');
  }
  static backward(_ctx: FunctionCtx, ..._grads: (Tensor | null)[]): Tensor | null | (Tensor | null)[] {
    throw new Error('autograd.Function: subclasses must implement static backward(ctx, ...grads)');
  }
  static apply(...inputs: unknown[]): Tensor | Tensor[] {
    const ctx = new FunctionCtx();
    const tensorInputs = inputs.map((x) => (x instanceof Tensor ? x : null));
    ctx.needsInputGrad = tensorInputs.map((t) => t !== null && t.requiresGrad);
    // Forward AD (Note [Forward AD]): as PyTorch, a dual input needs the class's static jvp(ctx, ...tangents);
    // forward itself runs on the primals (the level suspended).
    const tangents = fwState.active ? tensorInputs.map((t) => (t === null ? null : fwState.tangents!.get(t) ?? null)) : null;
    const dual = tangents !== null && tangents.some((t) => t !== null);
    const jvp = (this as unknown as { jvp?: (ctx: FunctionCtx, ...ts: (Tensor | null)[]) => Tensor | Tensor[] }).jvp;
    if (dual && jvp === undefined) {
      const e = new Error(`${this.name}.apply: You must implement the jvp function for custom autograd.Function to use it with forward mode AD.`);
      e.name = 'NotImplementedError';
      throw e;
    }
    if (dual) fwState.active = false;
    let result: Tensor | Tensor[];
    try {
      result = noGrad(() => this.forward(ctx, ...inputs));
    } finally {
      if (dual) fwState.active = true;
    }
    const outs = Array.isArray(result) ? result : [result];
    for (const o of outs) if (!(o instanceof Tensor)) throw typeError(`${this.name}.forward`, 'must return a Tensor or an array of Tensors');
    if (dual) {
      fwState.active = false;
      let touts: Tensor | Tensor[];
      try {
        touts = jvp!.call(this, ctx, ...tangents!.map((t, i) => (t === null && tensorInputs[i] !== null ? zerosLike(tensorInputs[i] as Tensor) : t)));
      } finally {
        fwState.active = true;
      }
      (Array.isArray(touts) ? touts : [touts]).forEach((t, i) => {
        if (t instanceof Tensor && outs[i] !== undefined) fwState.tangents!.set(outs[i], t);
      });
    }
    const anyGrad = gradMode.enabled && ctx.needsInputGrad.some(Boolean);
    if (anyGrad) {
      // As PyTorch's check_inplace: a dirty leaf would otherwise get this node as its grad_fn and stop being a leaf.
      for (const d of ctx._dirty)
        if (tensorInputs.includes(d) && d.isLeaf && d.requiresGrad)
          throw new Error(`${this.name}.apply: a leaf Variable that requires grad has been used in an in-place operation.`);
      // Outputs that are inputs (returned as is, or modified in place) get new tensor objects only if not dirty.
      const finalOuts = outs.map((o) => (tensorInputs.includes(o) && !ctx._dirty.includes(o) ? o.detach() : o));
      const edges: Edge[] = tensorInputs.map((t) => (t && t.requiresGrad ? t.gradEdge() : [null, 0]));
      const metas = tensorInputs.map((t) => (t && t.requiresGrad ? { shape: t.shape, dtype: t.dtype } : null));
      const outMeta = finalOuts.map((o) => ({ shape: o.shape, dtype: o.dtype }));
      const node = new CustomFunctionNode(`${this.name}Backward`, this, ctx, edges, metas, outMeta, tensorInputs.map((t) => t !== null));
      finalOuts.forEach((o, i) => {
        if (ctx._nonDifferentiable.includes(o)) return;
        if (ctx._dirty.includes(o)) o._box.version++;
        o._setGradFn(node, i);
      });
      return Array.isArray(result) ? finalOuts : finalOuts[0];
    }
    return result;
  }
}
