// FunctionNode: a graph node built from one derivative-table row, and record(), which ops call to attach it.
import type { Tensor } from '../tensor.js';
import { gradMode, differentiableFormulas } from './grad_mode.js';
import { anomaly } from './anomaly.js';
import { fwState } from './fw_state.js';
import { Edge, Node, SavedTensor, TensorMeta } from './node.js';
import type { D } from './derivatives.js';
import { vmapHook } from '../kwargs.js';
import { anyBatched } from './batchable.js';

/** The name of a derivative-table row (a key of D in derivatives.ts): a misspelt row does not compile. */
export type RowName = keyof typeof D;

/** The saved-values parameter of a formula (any of a row's kinds: per input, variadic, fused). */
type SavedParam<F> = F extends (grad: Tensor, saved: infer S, ...rest: never[]) => unknown ? S : never;
/** Intersection of a union (every formula's saved type at once). */
type AllOf<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/**
 * Note [Saved values by row]: what an op must save for `row`: every field any of the row's formulas reads,
 * with its type, as the row declares it in its formulas' `saved` parameter. record() takes exactly this, so
 * a formula cannot read a field its op did not save, and an op cannot save a field of the wrong type.
 */
/** S with no field beyond Want's (a saved field no formula reads is an error). */
type Exactly<S, Want> = S & { [K in Exclude<keyof S, keyof Want>]: never };
export type SavedOf<N extends RowName> = AllOf<
  | SavedParam<(typeof D)[N]['grads'][number]>
  | ((typeof D)[N] extends { variadic: infer V } ? SavedParam<V> : never)
  | ((typeof D)[N] extends { fused: infer F } ? SavedParam<F> : never)
  | ((typeof D)[N] extends { jvp: infer J } ? JvpSaved<J> : never)
>;
/** The saved-values parameter of a row's explicit tangent formula (none for the markers). */
type JvpSaved<J> = J extends (tangents: never, saved: infer S, ...rest: never[]) => unknown ? (unknown extends S ? never : S) : never;

/**
 * A row's tangent rule for forward-mode AD (Note [Forward AD] in forward_ad.ts), PyTorch's `result:` line:
 * - 'elementwise': PyTorch's auto_element_wise. The op is elementwise in every input (its Jacobian is diagonal),
 *   so the output's tangent is the sum over inputs of the backward formula applied to the input's tangent
 *   broadcast to the output's shape.
 * - 'elementwiseReduced': an elementwise function of the inputs followed by a sum or mean of all elements (a
 *   loss's reduction; the formulas hold the mean's 1/n): 'elementwise' at the inputs' broadcast shape, summed when
 *   the output is reduced.
 * - 'transpose': J t read off the backward formula, which is linear in its grad: J t = d/du <J^T u, t>, one
 *   double-backward through the formula (rows whose formula PyTorch writes out and that are rare on hot paths).
 * - { notImplemented: name }: PyTorch 1.13 has no forward derivative either; a dual input throws its error.
 * - a function: the explicit formula, given every input's tangent (null: none), the saved values, the outputs
 *   and the inputs; it returns each output's tangent (one tensor for a one-output row).
 */
export type Jvp<S> =
  | 'elementwise'
  | 'elementwiseReduced'
  | 'transpose'
  | { readonly notImplemented: string }
  | ((tangents: readonly (Tensor | null)[], saved: S, outputs: readonly Tensor[], inputs: readonly (JvpInput | null | undefined)[]) => Tensor | null | readonly (Tensor | null)[]);
/** What a tangent formula may read of an input (a tensor, or a graph-only input: shape and dtype). */
export interface JvpInput {
  readonly shape: number[];
  readonly dtype: Tensor['dtype'];
}

/**
 * Note [Rows by name]: ops sit below autograd (docs/architecture.md) and the table's formulas call ops, so
 * ops name the row they record and do not import the table; derivatives.ts hands its table over here when
 * it loads (lib/autograd/index.ts imports it, and lib/index.ts imports that).
 */
let table: Record<RowName, Derivative> | null = null;

/** @internal Called once by derivatives.ts with the table. */
export function installDerivatives(rows: Record<RowName, Derivative>): void {
  table = rows;
}

/** One formula per input: (grad of output 0, saved values, grads of all outputs) -> grad of that input. */
export type Formula<S> = (grad: Tensor, saved: S, grads: readonly (Tensor | null)[]) => Tensor | null;

/** A derivative-table row: PyTorch's node name and one formula per differentiable input. */
export interface Derivative<S = any> {
  readonly name: string;
  readonly grads: readonly Formula<S>[];
  /**
   * One formula for every input, given its index, for ops that take any number of inputs (cat, stack): a
   * row's input count has no cap (see Note [Formula per input]). Rows with it leave `grads` empty.
   */
  readonly variadic?: (grad: Tensor, saved: S, i: number) => Tensor | null;
  /** Number of outputs (split, max(dim) values+indices); 1 when absent. */
  readonly outputs?: number;
  /** The formulas stay right for a grad of any shape that broadcasts to the output's (Note [Compact grads]). */
  readonly compactGrad?: boolean;
  /**
   * Every input's grad in one fused kernel when no graph is being built; null falls back to the formulas.
   * `grads` holds every output's grad (a multi-output row's grad of output 0 may be null).
   */
  readonly fused?: (grad: Tensor, saved: S, needs: boolean[], grads: readonly (Tensor | null)[]) => (Tensor | null)[] | null;
  /** The tangent rule for forward-mode AD (every row has one: test/autograd/forward_ad_rows.test.ts). */
  readonly jvp?: Jvp<S>;
  /** Saves what PyTorch saves as index tensors (a plan of positions): freed after backward as saved tensors are. */
  readonly savesIndices?: true;
}

export class FunctionNode extends Node {
  private saved: Record<string, unknown> | null;
  private readonly hadSaved: boolean;
  private readonly nOutputs: number;

  constructor(
    readonly row: Derivative,
    saved: Record<string, unknown>,
    nextFunctions: Edge[],
    inputMeta: (TensorMeta | null)[],
    nOutputs: number,
    /** Shape of output 0: the full shape of a compact grad (Note [Compact grads] in engine.ts). */
    readonly outShape: number[],
  ) {
    super(nextFunctions, inputMeta);
    this.saved = saved;
    this.nOutputs = nOutputs;
    let any = false;
    for (const k in saved) if (saved[k] instanceof SavedTensor) any = true;
    this.hadSaved = any || row.savesIndices === true;
  }

  get name(): string {
    return this.row.name;
  }

  override get numOutputs(): number {
    return this.nOutputs;
  }

  /** Saved values with tensors unpacked; throws if the graph was freed or a saved tensor changed in place. */
  unpack(): Record<string, unknown> {
    if (this.saved === null) {
      throw new Error(
        'Trying to backward through the graph a second time (or directly access saved tensors after they have ' +
          'already been freed). Saved intermediate values of the graph are freed when you call .backward() or ' +
          'autograd.grad(). Specify retainGraph: true if you need to backward through the graph a second time or ' +
          `if you need to access saved tensors after calling backward. (in ${this.name})`,
      );
    }
    const out: Record<string, unknown> = {};
    for (const k in this.saved) {
      const v = this.saved[k];
      if (v instanceof SavedTensor) {
        const t = v.tensor;
        if (t._version !== v.version) {
          throw new Error(
            'one of the variables needed for gradient computation has been modified by an inplace operation: ' +
              `[${t.dtype} tensor of shape [${t.shape.join(', ')}]]` +
              (v.isOutput ? `, which is output 0 of ${this.name},` : '') +
              ` is at version ${t._version}; expected version ${v.version} instead (saved by ${this.name}). ` +
              'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with ' +
              'tg.autograd.setDetectAnomaly(true).',
          );
        }
        out[k] = t;
      } else {
        out[k] = v;
      }
    }
    return out;
  }

  apply(grads: (Tensor | null)[], needs: boolean[]): (Tensor | null)[] {
    const saved = this.hadSaved || this.saved === null ? this.unpack() : (this.saved as Record<string, unknown>);
    const g = grads[0] as Tensor;
    // A fused kernel reads the grad's storage: a batched grad takes the formulas (Note [Batched backward]).
    if (this.row.fused !== undefined && !differentiableFormulas() && !(vmapHook.depth !== 0 && anyBatched(grads))) {
      const r = this.row.fused(g, saved, needs, grads);
      if (r !== null) return r;
    }
    const formulas = this.row.grads;
    const variadic = this.row.variadic;
    const n = this.nextFunctions.length;
    const out = new Array<Tensor | null>(n);
    for (let i = 0; i < n; i++) {
      if (!needs[i]) out[i] = null;
      else out[i] = variadic !== undefined ? variadic(g, saved, i) : formulas[i](g, saved, grads);
    }
    return out;
  }

  override release(): void {
    if (this.hadSaved) this.saved = null;
  }

  /** The saved values (tensors unpacked), for inspection and graph pictures. */
  get savedValues(): Record<string, unknown> {
    return this.unpack();
  }
}

/**
 * Note [Graph-only nodes]: F.linear multiplies by weight.t() through a GEMM transpose flag, so the transposed
 * weight is never materialized; PyTorch's graph still has its TBackward0 node (AddmmBackward0 -> TBackward0 ->
 * AccumulateGrad). A GraphOnlyNode keeps that node in the graph without a tensor behind it. The formula that
 * feeds it already delivers the weight's grad in the weight's layout, so the node passes it on unchanged.
 */
export class GraphOnlyNode extends Node {
  constructor(
    readonly name: string,
    /** The tensor behind the node (forward AD reads its tangent). */
    readonly input: Tensor,
  ) {
    super([input.gradEdge()], [{ shape: input.shape, dtype: input.dtype }]);
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    return [grads[0]];
  }
}

/** An input of record() that exists only in the graph: the edge into a GraphOnlyNode, with its grad's meta. */
export class GraphOnlyInput {
  readonly _requiresGrad = true;
  readonly shape: number[];
  readonly dtype: Tensor['dtype'];
  constructor(readonly node: GraphOnlyNode) {
    const meta = node.inputMeta[0] as TensorMeta;
    this.shape = meta.shape;
    this.dtype = meta.dtype;
  }
  gradEdge(): Edge {
    return [this.node, 0];
  }
}

/**
 * Attaches a FunctionNode for the table row `rowName` to `outputs` when grad mode is on and any input requires grad.
 * `saved` may hold tensors (saved with their version) and plain values; pass it as a thunk so nothing is
 * built when no graph is recorded.
 */
export function record<N extends RowName, T extends Tensor | Tensor[], S extends SavedOf<N>>(
  rowName: N,
  inputs: readonly (Tensor | GraphOnlyInput | null | undefined)[],
  outputs: T,
  ...saved: {} extends SavedOf<N> ? [saved?: () => Exactly<S, SavedOf<N>>] : [saved: () => Exactly<S, SavedOf<N>>]
): T {
  // Note [Forward AD]: the one check ordinary ops pay. Tangents flow whatever the grad mode, and are computed
  // after the node is attached, so a formula reading an output sees its history (reverse over forward).
  if (fwState.active) {
    recordGraph(rowName, inputs, outputs, saved[0]);
    fwState.hook!(rowName, inputs, outputs, saved[0]);
    return outputs;
  }
  return recordGraph(rowName, inputs, outputs, saved[0]);
}

function recordGraph<T extends Tensor | Tensor[]>(
  rowName: RowName,
  inputs: readonly (Tensor | GraphOnlyInput | null | undefined)[],
  outputs: T,
  saved: (() => unknown) | undefined,
): T {
  if (!gradMode.enabled) return outputs;
  let any = false;
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    if (t && t._requiresGrad) {
      any = true;
      break;
    }
  }
  if (!any) return outputs;
  if (table === null) throw new Error(`${rowName}: the derivative table is not loaded (import tensorgrad through lib/index.ts)`);
  const row = table[rowName];
  // Note [Formula per input]: every input of a node gets its grad from a formula; an input past the end of a
  // row's formula list would silently get none (cat dropped grads past its 64th input that way).
  if (row.variadic === undefined && inputs.length > row.grads.length)
    throw new Error(`${row.name}: the derivative row has ${row.grads.length} formula(s) but the op recorded ${inputs.length} inputs`);
  const outs = Array.isArray(outputs) ? (outputs as Tensor[]) : [outputs as Tensor];
  const edges: Edge[] = new Array(inputs.length);
  const metas: (TensorMeta | null)[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    if (t && t._requiresGrad) {
      edges[i] = t.gradEdge();
      metas[i] = { shape: t.shape, dtype: t.dtype };
    } else {
      edges[i] = [null, 0];
      metas[i] = null;
    }
  }
  const raw: Record<string, unknown> = saved ? (saved() as Record<string, unknown>) : {};
  for (const k in raw) {
    const v = raw[k];
    if (v !== null && typeof v === 'object' && (v as Tensor)._isTensor) {
      const t = v as Tensor;
      raw[k] = new SavedTensor(t, t._version, outs.includes(t));
    }
  }
  const node = new FunctionNode(row, raw, edges, metas, outs.length, outs[0].shape);
  if (anomaly.enabled) node.forwardStack = new Error('forward call').stack ?? null;
  for (let i = 0; i < outs.length; i++) outs[i]._setGradFn(node, i);
  return outputs;
}

/**
 * Note [Not implemented derivatives]: PyTorch records a `NotImplemented` node for an op that has no
 * derivative formula (scatter with `reduce`): the forward works, and backward through it throws. The node
 * keeps that: grad_fn is named NotImplemented, and apply() throws PyTorch's message. An op whose
 * derivatives.yaml row exists but says not_implemented (nextafter, geqrf, _unique2) gets a node of the row's
 * name (NextafterBackward0), whose apply() throws that row's message instead.
 */
export class NotImplementedNode extends Node {
  readonly name: string;
  constructor(
    readonly op: string,
    inputs: readonly Tensor[],
    /** The node name of PyTorch's not_implemented row; none: ATen's NotImplemented node. */
    rowName?: string,
  ) {
    super(
      inputs.map((t) => (t._requiresGrad ? t.gradEdge() : ([null, 0] as Edge))),
      inputs.map((t) => (t._requiresGrad ? { shape: t.shape, dtype: t.dtype } : null)),
    );
    this.name = rowName ?? 'NotImplemented';
  }

  apply(): (Tensor | null)[] {
    if (this.name !== 'NotImplemented') throw new Error(`the derivative for '${this.op}' is not implemented.`);
    throw new Error(`derivative for aten::${this.op} is not implemented`);
  }
}

/**
 * A derivatives.yaml `not_implemented("what")` formula for one input of a row whose other inputs have formulas
 * (igamma's input): backward (or a tangent) through that input throws PyTorch's error. Tagged, so the tests that
 * plant wrong formulas know it computes nothing.
 */
export function notImplementedFormula(what: string): Formula<unknown> & { readonly notImplemented: string } {
  const f = (): never => {
    throw new Error(`the derivative for '${what}' is not implemented.`);
  };
  return Object.assign(f, { notImplemented: what });
}

/**
 * Attaches a NotImplementedNode to `output` (every output, one node each) when grad mode is on and an input
 * requires grad; `rowName` names it after PyTorch's not_implemented row (Note [Not implemented derivatives]).
 */
export function recordNotImplemented<T extends Tensor | Tensor[]>(op: string, inputs: readonly Tensor[], output: T, rowName?: string): T {
  if (!gradMode.enabled || !inputs.some((t) => t._requiresGrad)) return output;
  for (const o of Array.isArray(output) ? output : [output]) o._setGradFn(new NotImplementedNode(op, inputs, rowName), 0);
  return output;
}
