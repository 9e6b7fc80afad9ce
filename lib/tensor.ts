// Tensor: shape, dtype and native storage, autograd state, and one-line method forwards to the ops.
import { inspect } from 'node:util';
import type { DType } from './dtype.js';
import { Storage, Data } from './storage.js';
import { formatTensor } from './format.js';
import { Node, Edge } from './autograd/node.js';
import { AccumulateGrad } from './autograd/accumulate_grad.js';
import { backward as runTensorBackward, BackwardOptions } from './autograd/backward.js';
import { gradMode } from './autograd/grad_mode.js';
import { engineState } from './autograd/engine_state.js';
import { typeError, rangeError, fmtShape, describe } from './errors.js';
import { numelOf } from './shape.js';
import * as C from './ops/creation.js';
import * as E from './ops/elementwise.js';
import * as R from './ops/reduce.js';
import * as S from './ops/shape.js';
import * as L from './ops/linalg.js';
import * as I from './ops/inplace.js';
import * as F from './nn/functional_ops.js';

type Tail<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;
export type TensorLike = Tensor | number | boolean;
export type Hook = (grad: Tensor) => Tensor | void;

/** The most JS values (numbers and nested arrays) tolist() builds. */
const kMaxListValues = 2 ** 26;

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
    if (!Number.isInteger(dim) || dim < -n || dim >= n) throw rangeError('size', `dim ${dim} out of range for a ${n}-d tensor`);
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
  /** @internal */ _retainGradValue(g: Tensor): void {
    this._grad = this._grad === null ? (gradMode.enabled ? g.clone() : C.clone(g.detach())) : this._grad.add(g);
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
  /** Computes the gradient of this tensor w.r.t. graph leaves (see tg.autograd.backward). */
  backward(gradient?: Tensor | BackwardOptions | null, options?: BackwardOptions): void {
    runTensorBackward(this, gradient, options);
  }
  /** A new tensor sharing storage, cut from the graph. */
  detach(): Tensor {
    return C.alias(this);
  }
  /** Cuts this tensor from the graph in place and returns it. */
  detach_(): this {
    this._gradFn = null;
    this._outputNr = 0;
    this._requiresGrad = false;
    return this;
  }
  /** A tensor sharing storage, cut from the graph (PyTorch's .data). */
  get data(): Tensor {
    return C.alias(this);
  }

  // ---- values out ------------------------------------------------------------------------------------------
  item(): number | boolean {
    if (this.numel() !== 1)
      throw rangeError('item', `a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    const v = this._data[0];
    return this.dtype === 'bool' ? v !== 0 : v;
  }
  tolist(): unknown {
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
  /**
   * The tensor's own storage as a typed array, without a copy (Uint8Array for bool): writes through it change
   * the tensor. It is a view of native memory, valid until the tensor is disposed; autograd does not see such
   * writes (no version bump), so do not modify tensors saved for backward this way.
   */
  asTypedArray(): Data {
    return this._data;
  }
  /** A copy of the data as the dtype's typed array (Uint8Array for bool). */
  toTypedArray(): Data {
    return this._data.slice() as Data;
  }
  toString(): string {
    const suffixes: string[] = [];
    if (this._gradFn !== null) suffixes.push(`grad_fn=<${this._gradFn.name}>`);
    else if (this._requiresGrad) suffixes.push('requires_grad=True');
    if (this._box.disposed) return `tensor(<disposed>, size=(${this.shape.join(', ')}))`;
    return formatTensor(this._data, this.shape, this.dtype, suffixes);
  }
  [inspect.custom](): string {
    return this.toString();
  }
  [Symbol.toPrimitive](hint: string): number | string | boolean {
    if (hint === 'string') return this.toString();
    if (this.numel() !== 1)
      throw rangeError('toPrimitive', `only a one-element tensor can be converted to a number (this one has shape ${fmtShape(this.shape)}); use toString() or tolist()`);
    return this.item();
  }
  get [Symbol.toStringTag](): string {
    return 'Tensor';
  }

  // ---- conversions -----------------------------------------------------------------------------------------
  to(dtype: DType): Tensor {
    return C.to(this, dtype);
  }
  float(): Tensor {
    return C.to(this, 'float32');
  }
  double(): Tensor {
    return C.to(this, 'float64');
  }
  int(): Tensor {
    return C.to(this, 'int32');
  }
  bool(): Tensor {
    return C.to(this, 'bool');
  }
  clone(): Tensor {
    return C.clone(this);
  }
  contiguous(): Tensor {
    return this;
  }

  // ---- elementwise ------------------------------------------------------------------------------------------
  add(other: TensorLike, ...rest: Tail<Tail<Parameters<typeof E.add>>>): Tensor { return E.add(this, other, ...rest); }
  sub(other: TensorLike, ...rest: Tail<Tail<Parameters<typeof E.sub>>>): Tensor { return E.sub(this, other, ...rest); }
  mul(other: TensorLike): Tensor { return E.mul(this, other); }
  div(other: TensorLike): Tensor { return E.div(this, other); }
  pow(exponent: TensorLike): Tensor { return E.pow(this, exponent); }
  maximum(other: TensorLike): Tensor { return E.maximum(this, other); }
  minimum(other: TensorLike): Tensor { return E.minimum(this, other); }
  neg(): Tensor { return E.neg(this); }
  abs(): Tensor { return E.abs(this); }
  exp(): Tensor { return E.exp(this); }
  log(): Tensor { return E.log(this); }
  sqrt(): Tensor { return E.sqrt(this); }
  rsqrt(): Tensor { return E.rsqrt(this); }
  sin(): Tensor { return E.sin(this); }
  cos(): Tensor { return E.cos(this); }
  tanh(): Tensor { return E.tanh(this); }
  sigmoid(): Tensor { return E.sigmoid(this); }
  relu(): Tensor { return E.relu(this); }
  square(): Tensor { return E.square(this); }
  sign(): Tensor { return E.sign(this); }
  clamp(...args: Tail<Parameters<typeof E.clamp>>): Tensor { return E.clamp(this, ...args); }
  where(condition: TensorLike, other: TensorLike): Tensor { return E.where(condition, this, other); }
  eq(other: TensorLike): Tensor { return E.eq(this, other); }
  ne(other: TensorLike): Tensor { return E.ne(this, other); }
  lt(other: TensorLike): Tensor { return E.lt(this, other); }
  le(other: TensorLike): Tensor { return E.le(this, other); }
  gt(other: TensorLike): Tensor { return E.gt(this, other); }
  ge(other: TensorLike): Tensor { return E.ge(this, other); }
  logicalNot(): Tensor { return E.logicalNot(this); }
  equal(other: Tensor): boolean { return E.equal(this, other); }
  allclose(other: Tensor, ...rest: Tail<Tail<Parameters<typeof E.allclose>>>): boolean { return E.allclose(this, other, ...rest); }

  // ---- reductions ------------------------------------------------------------------------------------------
  sum(...args: Tail<Parameters<typeof R.sum>>): Tensor { return R.sum(this, ...args); }
  mean(...args: Tail<Parameters<typeof R.mean>>): Tensor { return R.mean(this, ...args); }
  prod(...args: Tail<Parameters<typeof R.prod>>): Tensor { return R.prod(this, ...args); }
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(dim: number | R.DimOptions, keepdim?: boolean): R.ValuesIndices;
  max(...args: unknown[]): Tensor | R.ValuesIndices { return (R.max as (...a: unknown[]) => Tensor)(this, ...args); }
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(dim: number | R.DimOptions, keepdim?: boolean): R.ValuesIndices;
  min(...args: unknown[]): Tensor | R.ValuesIndices { return (R.min as (...a: unknown[]) => Tensor)(this, ...args); }
  argmax(...args: Tail<Parameters<typeof R.argmax>>): Tensor { return R.argmax(this, ...args); }
  argmin(...args: Tail<Parameters<typeof R.argmin>>): Tensor { return R.argmin(this, ...args); }
  norm(...args: Tail<Parameters<typeof R.norm>>): Tensor { return R.norm(this, ...args); }
  var(...args: Tail<Parameters<typeof R.var_>>): Tensor { return R.var_(this, ...args); }
  std(...args: Tail<Parameters<typeof R.std>>): Tensor { return R.std(this, ...args); }
  logsumexp(...args: Tail<Parameters<typeof R.logsumexp>>): Tensor { return R.logsumexp(this, ...args); }
  all(...args: Tail<Parameters<typeof R.all>>): Tensor { return R.all(this, ...args); }
  any(...args: Tail<Parameters<typeof R.any>>): Tensor { return R.any(this, ...args); }
  softmax(dim: number): Tensor { return F.softmax(this, dim); }
  logSoftmax(dim: number): Tensor { return F.logSoftmax(this, dim); }

  // ---- shape ----------------------------------------------------------------------------------------------
  reshape(shape: number[]): Tensor { return S.reshape(this, shape); }
  view(shape: number[]): Tensor { return S.view(this, shape); }
  flatten(startDim?: number, endDim?: number): Tensor { return S.flatten(this, startDim, endDim); }
  squeeze(dim?: number): Tensor { return S.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return S.unsqueeze(this, dim); }
  transpose(dim0: number, dim1: number): Tensor { return S.transpose(this, dim0, dim1); }
  permute(dims: number[]): Tensor { return S.permute(this, dims); }
  t(): Tensor { return S.t(this); }
  get T(): Tensor { return S.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i)); }
  expand(shape: number[]): Tensor { return S.expand(this, shape); }
  expandAs(other: Tensor): Tensor { return S.expand(this, other.shape); }
  split(splitSize: number | number[], dim?: number): Tensor[] { return S.split(this, splitSize, dim); }
  chunk(chunks: number, dim?: number): Tensor[] { return S.chunk(this, chunks, dim); }
  narrow(dim: number, start: number, length: number): Tensor { return S.narrow(this, dim, start, length); }
  select(dim: number, index: number): Tensor { return S.select(this, dim, index); }
  index(i: number): Tensor { return S.select(this, 0, i); }

  // ---- linear algebra -------------------------------------------------------------------------------------
  dot(other: Tensor): Tensor { return L.dot(this, other); }
  matmul(other: Tensor): Tensor { return L.matmul(this, other); }
  mm(other: Tensor): Tensor { return L.mm(this, other); }
  bmm(other: Tensor): Tensor { return L.bmm(this, other); }
  mv(other: Tensor): Tensor { return L.mv(this, other); }
  outer(other: Tensor): Tensor { return L.outer(this, other); }

  // ---- in place --------------------------------------------------------------------------------------------
  zero_(): this { return I.zero_(this); }
  fill_(value: number | boolean): this { return I.fill_(this, value); }
  add_(other: TensorLike, ...rest: Tail<Tail<Parameters<typeof E.add>>>): this { return I.add_(this, other, ...rest); }
  sub_(other: TensorLike, ...rest: Tail<Tail<Parameters<typeof E.sub>>>): this { return I.sub_(this, other, ...rest); }
  mul_(other: TensorLike): this { return I.mul_(this, other); }
  div_(other: TensorLike): this { return I.div_(this, other); }
  clamp_(...args: Tail<Parameters<typeof E.clamp>>): this { return I.clamp_(this, ...args); }
  copy_(src: Tensor): this { return I.copy_(this, src); }
}

Object.defineProperty(Tensor.prototype, '_isTensor', { value: true });
