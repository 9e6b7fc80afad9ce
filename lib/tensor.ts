// Tensor: shape, dtype and native storage, autograd state, and the declarations of the op methods, which
// lib/ops/methods.ts defines (Note [Tensor methods]).
import type { DType } from './dtype.js';
import { Storage, Data, engineState, gatherValues, scatterValues, dataAddress, shareStorage, allocData } from './storage.js';
import { native } from './native.js';
import { dtypeCode, isFloat } from './dtype.js';
import { smallValue } from './small_cast.js';
import { formatTensor } from './format.js';
import { AccumulateGrad, type Node, type Edge, type BackwardOptions } from './autograd/record.js';
import { typeError, rangeError, fmtShape, describe, disposedError, noteDisposed } from './errors.js';
import { numelOf, contiguousStrides, isContiguousStrides } from './shape.js';
import { kwMethods } from './kwargs.js';
import { viewAutograd, type ViewInfo } from './view_info.js';
import './tensor_methods.js'; // the op methods' declarations (Note [Tensor methods])
export type { UniqueOptions, IndexPutArgs, ScatterReduceKind, IndexingOptions, SamplerOptions } from './tensor_methods.js';

export { viewAutograd, type ViewInfo };

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
 * An int64 value as a JS number for item()/tolist(): exact up to 2^53 in magnitude; past that a number would round,
 * so it is an error that points to the exact path.
 */
function exactNumber(op: string, v: bigint): number {
  if (v > 9007199254740992n || v < -9007199254740992n)
    throw rangeError(op, `int64 value ${v} is not exactly representable as a JS number (|v| > 2^53); use toBigInt64Array()`);
  return Number(v);
}

/** @internal The values of a non-contiguous tensor, gathered into a fresh contiguous typed array. */
function stridedValues(t: Tensor): Data {
  return gatherValues(t._box.data, t.shape, t._strides as number[], t._offset);
}


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

/**
 * A multi-dimensional array with PyTorch's autograd: shape, dtype, requiresGrad, grad and every op as a method.
 *
 * @see torch.Tensor
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]], { requiresGrad: true })
 * x.mul(x).sum().backward()
 * x.grad
 * // tensor([[2., 4.],
 * //         [6., 8.]])
 * ```
 */
export class Tensor {
  /** @internal */ _box: Storage;
  readonly shape: number[];
  readonly dtype: DType;
  /** @internal The stored flag and node; read them through _requiresGrad / _gradFn (views refresh them). */
  _rg = false;
  /** @internal */ _fn: Node | null = null;
  /** @internal */ _outputNr = 0;
  /** @internal */ _grad: Tensor | null = null;
  /** @internal */ _hooks: Hook[] = [];
  /** @internal */ _accNode: AccumulateGrad | null = null;
  /** @internal */ _retainsGrad = false;
  /** @internal Strides in elements, or null for the contiguous ones of `shape` (Note [Strided tensors]). */
  _strides: number[] | null;
  /** @internal Where element [0, ..., 0] sits in the storage, in elements. */
  readonly _offset: number;
  /** @internal Whether the elements lie in row-major order without gaps from _offset on. */
  readonly _contig: boolean;
  /** @internal Set when this tensor is a view of another: its base and how to redo it (Note [Views and autograd]). */
  _view: ViewInfo | null = null;
  /** @internal numel(), computed on first use (-1 until then). */
  private _numel = -1;
  /** @internal The contiguous values' typed array, made once for a contiguous view that is not its whole storage. */
  private _valuesCache: Data | null = null;
  /** @internal */ declare readonly _isTensor: true;

  /**
   * @internal Gives this tensor a new geometry over its storage in place (the in-place view ops squeeze_,
   * transpose_, asStrided_, resize_, ...: lib/ops/view_inplace.ts), as PyTorch's set_sizes_and_strides.
   */
  _setGeometry(shape: number[], strides: number[] | null, offset: number): void {
    const self = this as { -readonly [K in 'shape' | '_offset' | '_contig']: Tensor[K] };
    const contig = strides === null || isContiguousStrides(shape, strides);
    self.shape = shape;
    self._offset = offset;
    self._contig = contig;
    this._strides = contig ? null : strides;
    this._numel = -1;
    this._valuesCache = null;
  }

  /** @internal Tensors are made by the creation functions (tg.tensor, tg.zeros, ...), not with `new`. */
  constructor(box: Storage, shape: number[], dtype: DType, strides: number[] | null = null, offset = 0) {
    this._box = box;
    this.shape = shape;
    this.dtype = dtype;
    this._offset = offset;
    const contig = strides === null || isContiguousStrides(shape, strides);
    this._strides = contig ? null : strides;
    this._contig = contig;
  }

  /** @internal Whether this tensor requires grad (a view first catches up with in-place changes of its base). */
  get _requiresGrad(): boolean {
    if (this._view !== null) viewAutograd.refresh(this);
    return this._rg;
  }
  set _requiresGrad(flag: boolean) {
    this._rg = flag;
  }
  /** @internal The node that made this tensor (a view first catches up with in-place changes of its base). */
  get _gradFn(): Node | null {
    if (this._view !== null) viewAutograd.refresh(this);
    return this._fn;
  }
  set _gradFn(node: Node | null) {
    this._fn = node;
  }

  // ---- storage and metadata --------------------------------------------------------------------------------
  /**
   * @internal The tensor's values in row-major order as a typed array; throws after dispose(). For a contiguous
   * tensor it is its part of the storage (writes through it change the tensor); for any other it is a fresh
   * copy (Note [Strided tensors]): code that writes into a tensor goes through _storeValues().
   */
  get _data(): Data {
    const box = this._box;
    if (box.disposed) throw new Error(`tensor of shape ${fmtShape(this.shape)} was ${box.moved ? 'moved to another thread' : 'disposed'} and cannot be used`);
    if (this._contig) {
      if (this._offset === 0 && this._valuesCache === null && box.data.length === this.numel()) return box.data;
      // The cache is dropped when shareMemory_() has moved the storage into new memory since it was made.
      const c = this._valuesCache;
      if (c !== null && c.buffer === box.data.buffer) return c;
      return (this._valuesCache = box.data.subarray(this._offset, this._offset + this.numel()) as Data);
    }
    return stridedValues(this);
  }
  /**
   * @internal Stores contiguous row-major values (this dtype and numel) into this tensor: a copy into its part
   * of the storage, or a write through its strides. No version bump.
   */
  _storeValues(values: Data): void {
    if (this.isDisposed) throw disposedError('write', this.shape);
    if (this._contig) {
      const d = this._data;
      if (d !== values) d.set(values as never);
    } else scatterValues(this._box.data, this.shape, this._strides as number[], this._offset, values);
  }
  /** @internal Whether this tensor's values are all of its storage, in order (a fresh op result). */
  get _isWhole(): boolean {
    return this._contig && this._offset === 0 && this._box.data.length === this.numel();
  }
  /**
   * The strides (in elements) of the tensor's view, or of one dimension.
   *
   * Strides in elements, one per dim (stride(d) for one), as PyTorch.
   *
   * @see torch.Tensor.stride
   * @example
   * ```ts
   * tg.zeros(2, 3).stride() // => [3, 1]
   * ```
   */
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    const st = this._strides ?? contiguousStrides(this.shape);
    if (dim === undefined) return st.slice();
    const n = this.shape.length;
    if (!Number.isInteger(dim) || dim < -n || dim >= n) throw rangeError('stride', `dim ${typeof dim === 'number' ? dim : describe(dim)} out of range for a ${n}-d tensor`);
    return st[dim < 0 ? dim + n : dim];
  }
  /** @internal Strides without a copy (do not modify). */
  get _stridesOrContiguous(): number[] {
    return this._strides ?? contiguousStrides(this.shape);
  }
  /**
   * Whether the view is laid out contiguously in row-major order.
   *
   * Whether the elements lie in row-major order without gaps (PyTorch's is_contiguous).
   *
   * @see torch.Tensor.is_contiguous
   * @example
   * ```ts
   * tg.zeros(2, 3).t().isContiguous() // => false
   * ```
   */
  isContiguous(): boolean {
    return this._contig;
  }
  /**
   * The offset of the first element in the storage (in elements).
   *
   * Offset of the first element in the storage, in elements (PyTorch's storage_offset).
   *
   * @see torch.Tensor.storage_offset
   * @example
   * ```ts
   * tg.tensor([1, 2, 3]).narrow(0, 1, 2).storageOffset() // => 1
   * ```
   */
  storageOffset(): number {
    return this._offset;
  }
  /**
   * Whether this tensor is a view of another tensor's storage (see base).
   *
   * Whether this tensor is a view of another (PyTorch's _is_view).
   *
   * @see torch.Tensor._is_view
   * @example
   * ```ts
   * tg.zeros(4).narrow(0, 0, 2).isView() // => true
   * ```
   */
  isView(): boolean {
    return this._view !== null;
  }
  /**
   * The tensor this view was made from (null for a non-view).
   *
   * The tensor this one is a view of (PyTorch's `_base`), or null.
   *
   * @see torch.Tensor._base
   * @example
   * ```ts
   * const x = tg.zeros(4)
   * x.narrow(0, 0, 2).base === x // => true
   * ```
   */
  get base(): Tensor | null {
    return this._view === null ? null : this._view.base;
  }
  /**
   * The address of the first element, to tell whether two tensors share memory.
   *
   * Address of the first element (PyTorch's data_ptr): equal for tensors that start at the same memory.
   *
   * @see torch.Tensor.data_ptr
   * @example
   * ```ts
   * const x = tg.zeros(4)
   * x.view(2, 2).dataPtr() === x.dataPtr() // => true
   * ```
   */
  dataPtr(): number {
    if (this.isDisposed) throw disposedError('dataPtr', this.shape);
    return dataAddress(this._box.data) + this._offset * this._box.data.BYTES_PER_ELEMENT;
  }
  /** @internal */ get _version(): number {
    return this._box.version;
  }
  /**
   * The number of dimensions.
   *
   * @see torch.Tensor.ndim
   * @example
   * ```ts
   * tg.zeros(2, 3).ndim // => 2
   * ```
   */
  get ndim(): number {
    return this.shape.length;
  }
  /**
   * The number of elements.
   *
   * @see torch.Tensor.numel
   * @example
   * ```ts
   * tg.zeros(2, 3).numel() // => 6
   * ```
   */
  numel(): number {
    return this._numel >= 0 ? this._numel : (this._numel = numelOf(this.shape));
  }
  /**
   * The number of dimensions (same as ndim).
   *
   * @see torch.Tensor.dim
   * @example
   * ```ts
   * tg.zeros(2, 3).dim() // => 2
   * ```
   */
  dim(): number {
    return this.shape.length;
  }
  /**
   * The shape, or the size of one dimension (negative counts from the end).
   *
   * @see torch.Tensor.size
   * @example
   * ```ts
   * const x = tg.zeros(2, 3)
   * x.size(-1) // => 3
   * ```
   */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    const n = this.shape.length;
    if (!Number.isInteger(dim) || dim < -n || dim >= n) throw rangeError('size', `dim ${typeof dim === 'number' ? dim : describe(dim)} out of range for a ${n}-d tensor`);
    return this.shape[dim < 0 ? dim + n : dim];
  }
  /**
   * Whether dispose() has freed this tensor's buffer.
   *
   * @see (no PyTorch counterpart: JS frees memory by GC)
   * @example
   * ```ts
   * const x = tg.ones(2)
   * x.dispose()
   * x.isDisposed // => true
   * ```
   */
  get isDisposed(): boolean {
    const box = this._box;
    if (box.disposed) noteDisposed(box.moved); // Note [Moved tensors]
    return box.disposed;
  }
  /**
   * Moves the storage into shared memory so that the tensor crosses worker threads without a copy; returns this.
   *
   * One copy, none if the storage is shared already; every view of the storage is shared with it. See Note [Sharing
   * tensors across threads] in lib/sharing.ts.
   *
   * @see torch.Tensor.share_memory_
   * @example
   * ```ts
   * const x = tg.tensor([1, 2])
   * x.isShared() // => false
   * x.shareMemory_() === x // => true
   * x.isShared() // => true
   * ```
   */
  shareMemory_(): this {
    if (this.isDisposed) throw disposedError('shareMemory_', this.shape);
    shareStorage(this._box);
    return this;
  }
  /**
   * Whether the storage is in shared memory (PyTorch's is_shared).
   *
   * @see torch.Tensor.is_shared
   * @example
   * ```ts
   * const x = tg.zeros(2)
   * x.isShared() // => false
   * x.shareMemory_().isShared() // => true
   * ```
   */
  isShared(): boolean {
    return this._box.shared;
  }
  /**
   * Frees the tensor's native buffer now instead of at garbage collection.
   *
   * Frees the native storage now (it is otherwise freed when the tensor is garbage collected). Views share it.
   *
   * @see (no PyTorch counterpart: JS frees memory by GC)
   * @example
   * ```ts
   * const x = tg.zeros(1000)
   * x.dispose()
   * x.isDisposed // => true
   * ```
   */
  dispose(): void {
    this._box.dispose();
  }

  // ---- autograd state --------------------------------------------------------------------------------------
  /**
   * Whether autograd records ops on this tensor; settable on leaves.
   *
   * @see torch.Tensor.requires_grad
   * @example
   * ```ts
   * const x = tg.ones(2)
   * x.requiresGrad = true
   * x.add(1).requiresGrad // => true
   * ```
   */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(flag: boolean) {
    this.requiresGrad_(flag);
  }
  /**
   * Sets requiresGrad in place (a leaf only); returns the tensor.
   *
   * Sets requiresGrad in place and returns this (only on leaves; non-leaves already follow their inputs).
   *
   * @see torch.Tensor.requires_grad_
   * @example
   * ```ts
   * tg.ones(2).requiresGrad_() // tensor([1., 1.], requires_grad=True)
   * ```
   */
  requiresGrad_(flag = true): this {
    if (typeof flag !== 'boolean') throw typeError('requiresGrad_', `expected a boolean, got ${describe(flag)}`);
    if (this._gradFn !== null && !flag)
      throw new Error(
        'requiresGrad_: you can only change requires_grad flags of leaf variables. If you want to use a computed ' +
          'variable in a subgraph that doesn\'t require differentiation use varNoGrad = var.detach().',
      );
    if (flag && !isFloat(this.dtype))
      throw new Error(`requiresGrad_: only Tensors of floating point dtype can require gradients (got ${this.dtype})`);
    this._requiresGrad = flag;
    return this;
  }
  /**
   * The accumulated gradient after backward (null until then); settable.
   *
   * @see torch.Tensor.grad
   * @example
   * ```ts
   * const x = tg.tensor([1, 2], { requiresGrad: true })
   * x.sum().backward()
   * x.grad // tensor([1., 1.])
   * ```
   */
  get grad(): Tensor | null {
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null && !(g instanceof Tensor)) throw typeError('grad', `expected a Tensor or null, got ${describe(g)}`);
    if (g !== null && (g.dtype !== this.dtype || g.shape.join() !== this.shape.join()))
      throw rangeError('grad', `assigned grad has dtype ${g.dtype} and shape ${fmtShape(g.shape)} but the tensor has ${this.dtype} ${fmtShape(this.shape)}`);
    this._grad = g;
  }
  /**
   * The node that made this tensor (null for leaves); `.name` is PyTorch's node name.
   *
   * @see torch.Tensor.grad_fn
   * @example
   * ```ts
   * const x = tg.tensor([1, 2], { requiresGrad: true })
   * x.mul(2).gradFn.name // => 'MulBackward0'
   * ```
   */
  get gradFn(): Node | null {
    return this._gradFn;
  }
  /**
   * True for tensors not made by a recorded op (user-created, or not requiring grad).
   *
   * @see torch.Tensor.is_leaf
   * @example
   * ```ts
   * const x = tg.tensor([1], { requiresGrad: true })
   * [x.isLeaf, x.mul(2).isLeaf] // => [true, false]
   * ```
   */
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
  /**
   * Makes this non-leaf tensor keep its .grad after backward.
   *
   * Keeps .grad of a non-leaf after backward (leaves always keep it).
   *
   * @see torch.Tensor.retain_grad
   * @example
   * ```ts
   * const x = tg.ones(2, { requiresGrad: true })
   * const y = x.mul(3)
   * y.retainGrad()
   * y.sum().backward()
   * y.grad // tensor([1., 1.])
   * ```
   */
  retainGrad(): void {
    if (!this._requiresGrad) throw new Error("retainGrad: can't retain_grad on Tensor that has requires_grad=False");
    if (this._gradFn === null || this._retainsGrad) return;
    this._retainsGrad = true;
    const node = this._gradFn;
    if (!node.retained) node.retained = [];
    node.retained[this._outputNr] = this;
    (node.retainedFirst ??= [])[this._outputNr] = !node.preHooks?.[this._outputNr];
  }
  /**
   * Whether this non-leaf keeps its .grad (see retainGrad).
   *
   * @see torch.Tensor.retains_grad
   * @example
   * ```ts
   * const x = tg.ones(1, { requiresGrad: true })
   * const y = x.mul(2)
   * y.retainGrad()
   * y.retainsGrad // => true
   * ```
   */
  get retainsGrad(): boolean {
    return this._retainsGrad;
  }
  /**
   * Registers `hook(grad)` to run when this tensor's gradient is computed; it may return a replacement. Returns a handle with remove().
   *
   * Registers fn(grad) to run when this tensor's grad is computed; a returned tensor replaces the grad.
   *
   * @see torch.Tensor.register_hook
   * @example
   * ```ts
   * const x = tg.ones(2, { requiresGrad: true })
   * x.registerHook((g) => g.mul(10))
   * x.sum().backward()
   * x.grad // tensor([10., 10.])
   * ```
   */
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
    // Only a tensor that is all of its storage: a view's storage is shared with its base.
    return box.born === run && box.deliveryRun === run && box.deliveries === 1 && this._view === null && this._isWhole;
  }
  /**
   * Computes the gradients of this tensor with respect to the graph's leaves, accumulating into their .grad.
   *
   * Computes the gradient of this tensor w.r.t. graph leaves (see tg.autograd.backward): backward(gradient?,
   * retainGraph?, createGraph?, inputs?), or with an options object, `y.backward({ retainGraph: true })`.
   *
   * @see torch.Tensor.backward
   * @example
   * ```ts
   * const x = tg.tensor([1, 2], { requiresGrad: true })
   * x.pow(2).sum().backward()
   * x.grad // tensor([2., 4.])
   * ```
   */
  backward(gradient?: Tensor | BackwardOptions | null, retainGraph?: boolean | BackwardOptions, createGraph?: boolean, inputs?: Tensor | Tensor[]): void {
    tensorBackward.run(this, gradient, { retainGraph: retainGraph as boolean | undefined, createGraph, inputs });
  }
  /**
   * A tensor sharing this one's data, cut from the graph.
   *
   * A new tensor sharing storage, cut from the graph.
   *
   * @see torch.Tensor.detach
   * @example
   * ```ts
   * const x = tg.tensor([1], { requiresGrad: true })
   * x.mul(2).detach() // tensor([2.])
   * ```
   */
  detach(): Tensor {
    if (this.isDisposed) throw disposedError('detach', this.shape);
    // Shares storage and the version counter, as PyTorch's detach(); not a view for autograd (no base).
    return new Tensor(this._box, this.shape, this.dtype, this._strides, this._offset);
  }
  /**
   * Cuts this tensor from the graph in place (it becomes a leaf).
   *
   * Cuts this tensor from the graph in place and returns it.
   *
   * @see torch.Tensor.detach_
   * @example
   * ```ts
   * const y = tg.tensor([1], { requiresGrad: true }).mul(2)
   * y.detach_()
   * y.isLeaf // => true
   * ```
   */
  detach_(): this {
    if (this._view !== null)
      throw new Error(`detach_: Can't detach views in-place. Use detach() instead. (a view of shape ${fmtShape(this.shape)})`);
    this._gradFn = null;
    this._outputNr = 0;
    this._requiresGrad = false;
    return this;
  }
  /**
   * The same values without autograd history (a detached alias); assigning replaces the values.
   *
   * A tensor sharing storage, cut from the graph (PyTorch's .data).
   *
   * @see torch.Tensor.data
   * @example
   * ```ts
   * const x = tg.ones(2, { requiresGrad: true })
   * x.data // tensor([1., 1.])
   * ```
   */
  get data(): Tensor {
    if (this.isDisposed) throw disposedError('data', this.shape);
    return this.detach();
  }

  // ---- values out ------------------------------------------------------------------------------------------
  /**
   * The value of a one-element tensor as a JS number (or boolean).
   *
   * @see torch.Tensor.item
   * @example
   * ```ts
   * tg.tensor([[2.5]]).item() // => 2.5
   * ```
   */
  item(): number | boolean {
    if (this.isDisposed) throw disposedError('item', this.shape);
    if (this.numel() !== 1)
      throw rangeError('item', `a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    const v = this._data[0];
    if (this.dtype === 'int64') return exactNumber('item', v as unknown as bigint);
    if (this.dtype === 'float16' || this.dtype === 'bfloat16') return smallValue(this.dtype, v as number);
    return this.dtype === 'bool' ? v !== 0 : (v as number);
  }
  /**
   * The values as nested JS arrays (a number for a 0-d tensor).
   *
   * @see torch.Tensor.tolist
   * @example
   * ```ts
   * tg.tensor([[1, 2], [3, 4]]).tolist() // => [[1, 2], [3, 4]]
   * ```
   */
  tolist(): unknown {
    if (this._box.disposed) throw disposedError('tolist', this.shape);
    const d = this._data as ArrayLike<number>;
    const conv = this.dtype === 'bool' ? (v: number) => v !== 0
      : this.dtype === 'int64' ? (v: number) => exactNumber('tolist', v as unknown as bigint)
      : this.dtype === 'float16' || this.dtype === 'bfloat16' ? (v: number) => smallValue(this.dtype, v) : (v: number) => v;
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
   * A copy of the values as a typed array (Uint8Array for bool).
   *
   * A copy of the data as the dtype's typed array: Uint8Array for bool and uint8, Int8Array for int8,
   * Int16Array for int16, and Uint16Array of IEEE bit patterns for float16 and bfloat16 (not their values:
   * `item()`, `tolist()` or `.float()` give those).
   *
   * @see torch.Tensor.numpy
   * @example
   * ```ts
   * tg.tensor([1, 2]).toTypedArray() // => Float32Array(2) [ 1, 2 ]
   * ```
   */
  toTypedArray(): Data {
    if (this.isDisposed) throw disposedError('toTypedArray', this.shape);
    return this._data.slice() as Data;
  }
  /**
   * The values as int64 in a fresh BigInt64Array: exact for every int64 (item() and tolist() give numbers only up
   * to 2^53); other dtypes are cast first, as .long().
   *
   * @see torch.Tensor.tolist
   * @example
   * ```ts
   * tg.tensor([2 ** 60, -3], { dtype: 'int64' }).toBigInt64Array()[0] === 2n ** 60n // => true
   * ```
   */
  toBigInt64Array(): BigInt64Array {
    if (this._box.disposed) throw disposedError('toBigInt64Array', this.shape);
    const d = this._data;
    if (d instanceof BigInt64Array) return d.slice();
    return native.cast(d, dtypeCode.int64, allocData(dtypeCode.int64, d.length)).slice() as BigInt64Array;
  }
  /**
   * PyTorch's repr of the tensor (values, dtype, grad_fn).
   *
   * PyTorch's print format; a Parameter's starts with `Parameter containing:\n` as in PyTorch.
   *
   * @see torch.Tensor.__repr__
   * @example
   * ```ts
   * String(tg.tensor([1.5, 2], { requiresGrad: true }))
   * // => 'tensor([1.5000, 2.0000], requires_grad=True)'
   * ```
   */
  toString(): string {
    const suffixes: string[] = [];
    if (this._gradFn !== null) suffixes.push(`grad_fn=<${this._gradFn.name}>`);
    else if (this._requiresGrad) suffixes.push('requires_grad=True');
    const head = (this as { [kParameter]?: boolean })[kParameter] === true ? 'Parameter containing:\n' : '';
    if (this._box.disposed) return `${head}tensor(<disposed>, size=(${this.shape.join(', ')}))`;
    const d = this._data, half = this.dtype === 'float16' || this.dtype === 'bfloat16';
    return head + formatTensor(half ? Array.from(d as Uint16Array, (v) => smallValue(this.dtype, v)) : d, this.shape, this.dtype, suffixes);
  }
  /** util.inspect / console.log print toString(). */
  [kInspect](): string {
    return this.toString();
  }
  [Symbol.toPrimitive](hint: string): number | string | boolean {
    if (hint === 'string') return this.toString();
    if (this.isDisposed) throw disposedError('toPrimitive', this.shape);
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

// Every method's parameters in PyTorch's names (the op methods' are in lib/ops/methods.ts), so each works positionally and with a trailing options
// object (Note [Keyword arguments] in kwargs.ts). Tensor methods that take no argument are listed too, so a
// stray options object is an error rather than ignored.
const unary = '';
kwMethods(Tensor.prototype, 'Tensor', {
  size: 'dim', numel: unary, dim: unary, dispose: unary, requiresGrad_: 'requiresGrad', retainGrad: unary,
  registerHook: 'hook', backward: 'gradient, retainGraph, createGraph, inputs', detach: unary, detach_: unary,
  item: unary, tolist: unary, toTypedArray: unary, toBigInt64Array: unary, toString: unary, stride: 'dim', isContiguous: unary,
  storageOffset: unary, isView: unary, dataPtr: unary, shareMemory_: unary, isShared: unary,
});

Object.defineProperty(Tensor.prototype, '_isTensor', { value: true });
