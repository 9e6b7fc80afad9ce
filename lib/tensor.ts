// Tensor: shape, dtype and native storage, autograd state, and the declarations of the op methods, which
// lib/ops/methods.ts defines (Note [Tensor methods]).
import type { DType } from './dtype.js';
import { Storage, Data, engineState } from './storage.js';
import { formatTensor } from './format.js';
import { AccumulateGrad, type Node, type Edge, type BackwardOptions } from './autograd/record.js';
import { typeError, rangeError, fmtShape, describe, disposedError } from './errors.js';
import { numelOf } from './shape.js';
import type * as E from './ops/elementwise.js';
import type * as EM from './ops/elementwise_math.js';
import type * as CU from './ops/cumulative.js';
import type * as SO from './ops/sorting.js';
import type * as R from './ops/reduce.js';
import type { ViewCopy } from './ops/shape.js';
import type { Generator } from './ops/random.js';
import { kwMethods } from './kwargs.js';

export type TensorLike = Tensor | number | boolean;
export type Hook = (grad: Tensor) => Tensor | void;

/** The most JS values (numbers and nested arrays) tolist() builds. */
const kMaxListValues = 2 ** 26;
/**
 * util.inspect.custom, spelled through the global symbol registry rather than imported from Node's util module: the
 * published .d.ts must not need Node's typings (`@types/node`).
 */
const kInspect = Symbol.for('nodejs.util.inspect.custom');
/** @internal Set by nn.Parameter on the tensors it makes (they print as `Parameter containing:`). */
export const kParameter = Symbol('tensorgrad.parameter');

export interface AllcloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}

/**
 * Note [Tensor methods]: the op methods (x.add(y), x.sum(1), ...) are declared here and defined in
 * lib/ops/methods.ts. Ops make tensors, so the class sits below them (docs/architecture.md); a class whose
 * methods imported the ops would make every op file and tensor.ts one import cycle. The interface merges
 * with the class, so to TypeScript they are the class's methods; lib/index.ts loads methods.ts.
 */
export interface Tensor {
  /**
   * The tensor's own storage as a typed array, without a copy (Uint8Array for bool): writes through it change
   * the tensor. It is a view of native memory, valid until the tensor is disposed; autograd does not see such
   * writes (no version bump), so do not modify tensors saved for backward this way.
   */
  asTypedArray(): Data;

  // ---- conversions -----------------------------------------------------------------------------------------
  to(dtype: DType): Tensor;
  float(): Tensor;
  double(): Tensor;
  int(): Tensor;
  bool(): Tensor;
  clone(): Tensor;
  /** This tensor, or (for a copy standing for a non-contiguous PyTorch view) a contiguous clone, as PyTorch. */
  contiguous(): Tensor;

  // ---- elementwise ------------------------------------------------------------------------------------------
  // Method signatures (PyTorch's keyword names, options objects) are declared in the table after the class.
  add(other: TensorLike, alpha?: number | { alpha?: number }): Tensor;
  sub(other: TensorLike, alpha?: number | { alpha?: number }): Tensor;
  mul(other: TensorLike): Tensor;
  div(other: TensorLike): Tensor;
  pow(exponent: TensorLike): Tensor;
  maximum(other: TensorLike): Tensor;
  minimum(other: TensorLike): Tensor;
  neg(): Tensor;
  abs(): Tensor;
  exp(): Tensor;
  log(): Tensor;
  sqrt(): Tensor;
  rsqrt(): Tensor;
  reciprocal(): Tensor;
  sin(): Tensor;
  cos(): Tensor;
  tanh(): Tensor;
  sigmoid(): Tensor;
  relu(): Tensor;
  square(): Tensor;
  sign(): Tensor;
  clamp(min?: number | null | E.ClampOptions, max?: number | null): Tensor;
  where(condition: TensorLike | { condition?: TensorLike; other?: TensorLike }, other?: TensorLike): Tensor;
  eq(other: TensorLike): Tensor;
  ne(other: TensorLike): Tensor;
  lt(other: TensorLike): Tensor;
  le(other: TensorLike): Tensor;
  gt(other: TensorLike): Tensor;
  ge(other: TensorLike): Tensor;
  logicalNot(): Tensor;
  equal(other: Tensor): boolean;
  allclose(other: Tensor, rtol?: number | AllcloseOptions, atol?: number, equalNan?: boolean): boolean;

  // ---- reductions ------------------------------------------------------------------------------------------
  sum(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor;
  mean(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor;
  prod(dim?: number | R.DimOptions | null, keepdim?: boolean | R.DimOptions): Tensor;
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(dim: number | R.DimOptions & { other?: Tensor }, keepdim?: boolean): R.ValuesIndices;
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(dim: number | R.DimOptions & { other?: Tensor }, keepdim?: boolean): R.ValuesIndices;
  argmax(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
  argmin(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
  norm(p?: number | R.NormOptions | null, dim?: number | number[] | null, keepdim?: boolean): Tensor;
  var(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor;
  std(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor;
  logsumexp(dim: number | number[] | R.DimOptions, keepdim?: boolean): Tensor;
  all(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
  any(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
  softmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor;
  logSoftmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor;

  // ---- shape ----------------------------------------------------------------------------------------------
  // reshape/view/permute/expand also take the sizes as separate numbers, as in PyTorch (x.view(2, 3)).
  reshape(...shape: (number | number[] | { shape: number[] })[]): Tensor;
  view(...size: (number | number[] | { size: number[] })[]): Tensor;
  flatten(startDim?: number | { startDim?: number; endDim?: number }, endDim?: number): Tensor;
  squeeze(dim?: number | { dim?: number }): Tensor;
  unsqueeze(dim: number | { dim: number }): Tensor;
  transpose(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor;
  permute(...dims: (number | number[] | { dims: number[] })[]): Tensor;
  t(): Tensor;
  readonly T: Tensor;
  expand(...size: (number | number[] | { size: number[] })[]): Tensor;
  expandAs(other: Tensor): Tensor;
  split(splitSize: number | number[] | { splitSize: number | number[]; dim?: number }, dim?: number): Tensor[];
  chunk(chunks: number | { chunks: number; dim?: number }, dim?: number): Tensor[];
  narrow(dim: number | { dim: number; start: number; length: number }, start?: number, length?: number): Tensor;
  select(dim: number | { dim: number; index: number }, index?: number): Tensor;
  index(i: number): Tensor;

  // ---- linear algebra -------------------------------------------------------------------------------------
  dot(tensor: Tensor): Tensor;
  matmul(other: Tensor): Tensor;
  mm(mat2: Tensor): Tensor;
  bmm(mat2: Tensor): Tensor;
  mv(vec: Tensor): Tensor;
  outer(vec2: Tensor): Tensor;

  // ---- in place --------------------------------------------------------------------------------------------
  zero_(): this;
  fill_(value: number | boolean): this;
  add_(other: TensorLike, alpha?: number | { alpha?: number }): this;
  sub_(other: TensorLike, alpha?: number | { alpha?: number }): this;
  mul_(other: TensorLike): this;
  div_(other: TensorLike): this;
  clamp_(min?: number | null | E.ClampOptions, max?: number | null): this;
  copy_(src: Tensor): this;

  // ---- sampling (ops/sampling.ts); each takes { generator } ----------------------------------------------------
  uniform_(from_?: number | SamplerOptions, to?: number, generator?: Generator | null): this;
  normal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): this;
  bernoulli_(p?: number | Tensor | SamplerOptions, generator?: Generator | null): this;
  exponential_(lambd?: number | SamplerOptions, generator?: Generator | null): this;
  random_(from_?: number | null | SamplerOptions, to?: number | null, generator?: Generator | null): this;
  cauchy_(median?: number | SamplerOptions, sigma?: number, generator?: Generator | null): this;
  logNormal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): this;
  geometric_(p: number | SamplerOptions, generator?: Generator | null): this;
  bernoulli(p?: number | null | SamplerOptions, generator?: Generator | null): Tensor;
  multinomial(numSamples: number | SamplerOptions, replacement?: boolean, generator?: Generator | null): Tensor;
  // ---- issue 15 (ops/elementwise_math.ts, cumulative.ts, sorting.ts, methods in ops/methods_math.ts) ---------------------------------
  cumsum(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor;
  cumprod(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor;
  cummax(dim: number | { dim: number }): CU.ValuesIndices;
  cummin(dim: number | { dim: number }): CU.ValuesIndices;
  logcumsumexp(dim: number | { dim: number }): Tensor;
  diff(n?: number | CU.DiffOptions, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor;
  sort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): CU.ValuesIndices;
  argsort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): Tensor;
  msort(): Tensor;
  topk(k: number | SO.TopkOptions, dim?: number, largest?: boolean, sorted?: boolean): CU.ValuesIndices;
  kthvalue(k: number | SO.KthOptions, dim?: number, keepdim?: boolean): CU.ValuesIndices;
  median(): Tensor;
  median(dim: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices;
  mode(dim?: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices;
  cumsum_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): this;
  cumprod_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): this;
  sinh(): Tensor;
  cosh(): Tensor;
  tan(): Tensor;
  asin(): Tensor;
  acos(): Tensor;
  atan(): Tensor;
  asinh(): Tensor;
  acosh(): Tensor;
  atanh(): Tensor;
  log2(): Tensor;
  log10(): Tensor;
  log1p(): Tensor;
  expm1(): Tensor;
  exp2(): Tensor;
  erfc(): Tensor;
  erfinv(): Tensor;
  lgamma(): Tensor;
  digamma(): Tensor;
  floor(): Tensor;
  ceil(): Tensor;
  trunc(): Tensor;
  frac(): Tensor;
  sinc(): Tensor;
  deg2rad(): Tensor;
  rad2deg(): Tensor;
  isnan(): Tensor;
  isinf(): Tensor;
  isfinite(): Tensor;
  bitwiseNot(): Tensor;
  polygamma(n: number): Tensor;
  round(decimals?: number | { decimals?: number }): Tensor;
  nanToNum(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): Tensor;
  atan2(other: TensorLike): Tensor;
  hypot(other: TensorLike): Tensor;
  fmod(other: TensorLike): Tensor;
  remainder(other: TensorLike): Tensor;
  xlogy(other: TensorLike): Tensor;
  logicalAnd(other: TensorLike): Tensor;
  logicalOr(other: TensorLike): Tensor;
  logicalXor(other: TensorLike): Tensor;
  bitwiseAnd(other: TensorLike): Tensor;
  bitwiseOr(other: TensorLike): Tensor;
  bitwiseXor(other: TensorLike): Tensor;
  lerp(end: TensorLike, weight: TensorLike): Tensor;
  addcmul(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor;
  addcdiv(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor;
  exp_(): this;
  log_(): this;
  sqrt_(): this;
  rsqrt_(): this;
  abs_(): this;
  neg_(): this;
  sigmoid_(): this;
  tanh_(): this;
  relu_(): this;
  sin_(): this;
  cos_(): this;
  reciprocal_(): this;
  sign_(): this;
  square_(): this;
  logicalNot_(): this;
  pow_(exponent: TensorLike): this;
  sinh_(): this;
  cosh_(): this;
  tan_(): this;
  asin_(): this;
  acos_(): this;
  atan_(): this;
  asinh_(): this;
  acosh_(): this;
  atanh_(): this;
  log2_(): this;
  log10_(): this;
  log1p_(): this;
  expm1_(): this;
  exp2_(): this;
  erfc_(): this;
  erfinv_(): this;
  lgamma_(): this;
  digamma_(): this;
  floor_(): this;
  ceil_(): this;
  trunc_(): this;
  frac_(): this;
  sinc_(): this;
  deg2rad_(): this;
  rad2deg_(): this;
  bitwiseNot_(): this;
  polygamma_(n: number): this;
  round_(decimals?: number | { decimals?: number }): this;
  nanToNum_(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): this;
  atan2_(other: TensorLike): this;
  hypot_(other: TensorLike): this;
  fmod_(other: TensorLike): this;
  remainder_(other: TensorLike): this;
  xlogy_(other: TensorLike): this;
  logicalAnd_(other: TensorLike): this;
  logicalOr_(other: TensorLike): this;
  logicalXor_(other: TensorLike): this;
  bitwiseAnd_(other: TensorLike): this;
  bitwiseOr_(other: TensorLike): this;
  bitwiseXor_(other: TensorLike): this;
  lerp_(end: TensorLike, weight: TensorLike): this;
  addcmul_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): this;
  addcdiv_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): this;
}

/** Keyword arguments of the samplers (PyTorch's names; `from_` as in Python). */
export type SamplerOptions = { [k in 'from_' | 'to' | 'mean' | 'std' | 'lambd' | 'median' | 'sigma' | 'numSamples']?: number } & { p?: number | Tensor; replacement?: boolean; generator?: Generator | null };

/**
 * @internal Tensor.backward's body: lib/autograd/backward.ts installs it when it loads (autograd sits above
 * tensor.ts, so tensor.ts cannot import the engine).
 */
export const tensorBackward = {
  run(t: Tensor, gradient: Tensor | BackwardOptions | null | undefined, opts: BackwardOptions): void {
    void t, gradient, opts;
    throw new Error('backward: autograd is not loaded (import tensorgrad through lib/index.ts)');
  },
};

export class Tensor {
  /** @internal */ _box: Storage;
  readonly shape: number[];
  readonly dtype: DType;
  /** @internal */ _requiresGrad = false;
  /** @internal */ _gradFn: Node | null = null;
  /** @internal */ _outputNr = 0;
  /** @internal */ _grad: Tensor | null = null;
  /** @internal */ _hooks: Hook[] = [];
  /** @internal */ _accNode: AccumulateGrad | null = null;
  /** @internal */ _retainsGrad = false;
  /** @internal A copy standing for a PyTorch view: in-place writes are refused (Note [Copies that stand for views]). */
  _viewCopy: ViewCopy | null = null;
  /** @internal */ declare readonly _isTensor: true;

  /** @internal Tensors are made by the creation functions (tg.tensor, tg.zeros, ...), not with `new`. */
  constructor(box: Storage, shape: number[], dtype: DType) {
    this._box = box;
    this.shape = shape;
    this.dtype = dtype;
  }

  // ---- storage and metadata --------------------------------------------------------------------------------
  /** @internal The live typed array over the storage; throws after dispose(). */
  get _data(): Data {
    if (this._box.disposed) throw new Error(`tensor of shape ${fmtShape(this.shape)} was disposed and cannot be used`);
    if (this._viewCopy !== null) checkFresh(this);
    return this._box.data;
  }
  /** @internal */ get _version(): number {
    return this._box.version;
  }
  get ndim(): number {
    return this.shape.length;
  }
  numel(): number {
    return numelOf(this.shape);
  }
  dim(): number {
    return this.shape.length;
  }
  /** size() is the shape; size(d) one dim (negative counts from the end). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    const n = this.shape.length;
    if (!Number.isInteger(dim) || dim < -n || dim >= n) throw rangeError('size', `dim ${typeof dim === 'number' ? dim : describe(dim)} out of range for a ${n}-d tensor`);
    return this.shape[dim < 0 ? dim + n : dim];
  }
  get isDisposed(): boolean {
    return this._box.disposed;
  }
  /** Frees the native storage now (it is otherwise freed when the tensor is garbage collected). Views share it. */
  dispose(): void {
    this._box.dispose();
  }

  // ---- autograd state --------------------------------------------------------------------------------------
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(flag: boolean) {
    this.requiresGrad_(flag);
  }
  /** Sets requiresGrad in place and returns this (only on leaves; non-leaves already follow their inputs). */
  requiresGrad_(flag = true): this {
    if (typeof flag !== 'boolean') throw typeError('requiresGrad_', `expected a boolean, got ${describe(flag)}`);
    if (this._gradFn !== null && !flag)
      throw new Error(
        'requiresGrad_: you can only change requires_grad flags of leaf variables. If you want to use a computed ' +
          'variable in a subgraph that doesn\'t require differentiation use varNoGrad = var.detach().',
      );
    if (flag && this.dtype !== 'float32' && this.dtype !== 'float64')
      throw new Error(`requiresGrad_: only Tensors of floating point dtype can require gradients (got ${this.dtype})`);
    this._requiresGrad = flag;
    return this;
  }
  get grad(): Tensor | null {
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null && !(g instanceof Tensor)) throw typeError('grad', `expected a Tensor or null, got ${describe(g)}`);
    if (g !== null && (g.dtype !== this.dtype || g.shape.join() !== this.shape.join()))
      throw rangeError('grad', `assigned grad has dtype ${g.dtype} and shape ${fmtShape(g.shape)} but the tensor has ${this.dtype} ${fmtShape(this.shape)}`);
    this._grad = g;
  }
  get gradFn(): Node | null {
    return this._gradFn;
  }
  get isLeaf(): boolean {
    return this._gradFn === null;
  }
  /** @internal */ _setGradFn(node: Node, outputNr: number): void {
    this._gradFn = node;
    this._outputNr = outputNr;
    this._requiresGrad = true;
  }
  /** @internal The edge this tensor's gradient flows into. */
  gradEdge(): Edge {
    if (this._gradFn !== null) return [this._gradFn, this._outputNr];
    if (!this._requiresGrad) return [null, 0];
    if (this._accNode === null) this._accNode = new AccumulateGrad(this);
    return [this._accNode, 0];
  }
  /** Keeps .grad of a non-leaf after backward (leaves always keep it). */
  retainGrad(): void {
    if (!this._requiresGrad) throw new Error("retainGrad: can't retain_grad on Tensor that has requires_grad=False");
    if (this._gradFn === null || this._retainsGrad) return;
    this._retainsGrad = true;
    const node = this._gradFn;
    if (!node.retained) node.retained = [];
    node.retained[this._outputNr] = this;
    (node.retainedFirst ??= [])[this._outputNr] = !node.preHooks?.[this._outputNr];
  }
  get retainsGrad(): boolean {
    return this._retainsGrad;
  }
  /** Registers fn(grad) to run when this tensor's grad is computed; a returned tensor replaces the grad. */
  registerHook(fn: Hook): { remove(): void } {
    if (typeof fn !== 'function') throw typeError('registerHook', `expected a function, got ${describe(fn)}`);
    if (!this._requiresGrad) throw new Error("registerHook: cannot register a hook on a tensor that doesn't require gradient");
    if (this._gradFn === null) {
      this._hooks.push(fn);
      return { remove: () => void (this._hooks = this._hooks.filter((h) => h !== fn)) };
    }
    const node = this._gradFn;
    if (!node.preHooks) node.preHooks = [];
    const list = (node.preHooks[this._outputNr] ??= []);
    list.push(fn);
    return { remove: () => void list.splice(list.indexOf(fn) >>> 0, 1) };
  }
  /** @internal */ _noteDelivery(): void {
    const box = this._box;
    // Deliveries are counted per engine run; see Note [Stealing grads].
    if (box.deliveryRun !== engineState.run) {
      box.deliveryRun = engineState.run;
      box.deliveries = 0;
    }
    box.deliveries++;
  }
  /** @internal */ _ownedByRun(run: number): boolean {
    const box = this._box;
    return box.born === run && box.deliveryRun === run && box.deliveries === 1;
  }
  /**
   * Computes the gradient of this tensor w.r.t. graph leaves (see tg.autograd.backward): backward(gradient?,
   * retainGraph?, createGraph?, inputs?), or with an options object, `y.backward({ retainGraph: true })`.
   */
  backward(gradient?: Tensor | BackwardOptions | null, retainGraph?: boolean | BackwardOptions, createGraph?: boolean, inputs?: Tensor | Tensor[]): void {
    tensorBackward.run(this, gradient, { retainGraph: retainGraph as boolean | undefined, createGraph, inputs });
  }
  /** A new tensor sharing storage, cut from the graph. */
  detach(): Tensor {
    if (this._box.disposed) throw disposedError('detach', this.shape);
    const d = new Tensor(this._box, this.shape, this.dtype);
    d._viewCopy = this._viewCopy;
    return d;
  }
  /** Cuts this tensor from the graph in place and returns it. */
  detach_(): this {
    if (this._viewCopy !== null)
      throw new Error(`detach_: Can't detach views in-place. Use detach() instead. (this is the result of ${this._viewCopy.op}(), a view in PyTorch)`);
    this._gradFn = null;
    this._outputNr = 0;
    this._requiresGrad = false;
    return this;
  }
  /** A tensor sharing storage, cut from the graph (PyTorch's .data). */
  get data(): Tensor {
    if (this._box.disposed) throw disposedError('data', this.shape);
    return this.detach();
  }

  // ---- values out ------------------------------------------------------------------------------------------
  item(): number | boolean {
    if (this._box.disposed) throw disposedError('item', this.shape);
    if (this.numel() !== 1)
      throw rangeError('item', `a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    const v = this._data[0];
    return this.dtype === 'bool' ? v !== 0 : v;
  }
  tolist(): unknown {
    if (this._box.disposed) throw disposedError('tolist', this.shape);
    const d = this._data;
    const conv = this.dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
    if (this.shape.length === 0) return conv(d[0]);
    // Nested arrays live on the JS heap: past kMaxListValues values (an empty tensor of shape [2 ** 40, 0] is
    // 2 ** 40 empty lists) building them would exhaust it and kill the process, so that is an error.
    let values = 0;
    for (let k = 0, lists = 1; k < this.shape.length; k++) values += lists *= this.shape[k];
    if (values > kMaxListValues)
      throw rangeError('tolist', `a tensor of shape ${fmtShape(this.shape)} makes ${values} nested JS values, more than ${kMaxListValues}; use toTypedArray()`);
    const build = (dim: number, offset: number): unknown[] => {
      const n = this.shape[dim];
      const out = new Array(n);
      if (dim === this.shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = conv(d[offset + i]);
        return out;
      }
      const stride = numelOf(this.shape.slice(dim + 1));
      for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }
  /** A copy of the data as the dtype's typed array (Uint8Array for bool). */
  toTypedArray(): Data {
    if (this._box.disposed) throw disposedError('toTypedArray', this.shape);
    return this._data.slice() as Data;
  }
  /** PyTorch's print format; a Parameter's starts with `Parameter containing:\n` as in PyTorch. */
  toString(): string {
    const suffixes: string[] = [];
    if (this._gradFn !== null) suffixes.push(`grad_fn=<${this._gradFn.name}>`);
    else if (this._requiresGrad) suffixes.push('requires_grad=True');
    const head = (this as { [kParameter]?: boolean })[kParameter] === true ? 'Parameter containing:\n' : '';
    if (this._box.disposed) return `${head}tensor(<disposed>, size=(${this.shape.join(', ')}))`;
    return head + formatTensor(this._data, this.shape, this.dtype, suffixes);
  }
  /** util.inspect / console.log print toString(). */
  [kInspect](): string {
    return this.toString();
  }
  [Symbol.toPrimitive](hint: string): number | string | boolean {
    if (hint === 'string') return this.toString();
    if (this._box.disposed) throw disposedError('toPrimitive', this.shape);
    if (this.numel() !== 1)
      throw rangeError('toPrimitive', `only a one-element tensor can be converted to a number (this one has shape ${fmtShape(this.shape)}); use toString() or tolist()`);
    return this.item();
  }
  get [Symbol.toStringTag](): string {
    return 'Tensor';
  }
}

/** Throws the op's TypeError unless x is a live Tensor; `what` names the argument (e.g. 'target'). */
export function checkTensor(op: string, x: unknown, what?: string): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw typeError(op, `expected a Tensor${what === undefined ? '' : ` for ${what}`}, got ${describe(x)}`);
  if (x.isDisposed) throw disposedError(op, x.shape);
}

/**
 * Throws when the original of a marked copy was written in place after the copy was made: PyTorch's view
 * would show the new values, the copy holds the old ones (Note [Copies that stand for views] in
 * ops/shape.ts). Tensor._data
 * calls it, so every read of a stale copy fails instead of giving the old values.
 */
function checkFresh(x: Tensor): void {
  for (let vc = x._viewCopy; vc !== null; vc = vc.upstream) {
    const b = vc.base.deref();
    if (b !== undefined && !b.disposed && b.version !== vc.baseVersion) {
      const op = x._viewCopy!.op;
      throw new Error(
        `${op}: this tensor (shape ${fmtShape(x.shape)}) is the result of ${op}(), a copy in tensorgrad, and the ` +
          `tensor it was copied from has since been modified in place; in PyTorch it is a view and would show ` +
          `the change, here it still holds the old values. Call ${op}() again after the in-place change, or ` +
          `.clone() the result before it to keep the old values on purpose.`,
      );
    }
  }
}

// Every method's parameters in PyTorch's names (the op methods' are in lib/ops/methods.ts), so each works positionally and with a trailing options
// object (Note [Keyword arguments] in kwargs.ts). Tensor methods that take no argument are listed too, so a
// stray options object is an error rather than ignored.
const unary = '';
kwMethods(Tensor.prototype, 'Tensor', {
  size: 'dim', numel: unary, dim: unary, dispose: unary, requiresGrad_: 'requiresGrad', retainGrad: unary,
  registerHook: 'hook', backward: 'gradient, retainGraph, createGraph, inputs', detach: unary, detach_: unary,
  item: unary, tolist: unary, toTypedArray: unary, toString: unary,
});

Object.defineProperty(Tensor.prototype, '_isTensor', { value: true });
