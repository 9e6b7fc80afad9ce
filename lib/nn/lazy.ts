// Lazy modules (torch/nn/modules/lazy.py and the Lazy* classes of linear.py, conv.py, batchnorm.py,
// instancenorm.py): modules whose input size is inferred at the first call.
//
// Note [Lazy modules]: a lazy module is built with its parameters (and running-stat buffers) uninitialized:
// 0-element tensors of the module's dtype, marked as PyTorch's UninitializedParameter / UninitializedBuffer
// (isLazy). Its constructor registers a forward pre-hook, as LazyModuleMixin does; the first call reads the
// input size from the input, materializes each uninitialized tensor IN PLACE (the same Tensor object grows to
// its shape, so an optimizer built before the dry run updates the real parameters), resets the parameters,
// removes the hook and turns the module into its non-lazy class (PyTorch's cls_to_become: a LazyLinear
// becomes a Linear, repr and all). loadStateDict into a lazy module first materializes each uninitialized
// tensor to the shape of the loaded one (PyTorch's _lazy_load_hook) without changing in_features, so, as in
// PyTorch, the module keeps in_features=0 in its repr after its first call.
import type { Tensor } from '../tensor.js';
import { typeError, rangeError, fmtShape, describe } from '../errors.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { resize_ } from '../ops/view_inplace.js';
import { noGrad } from '../autograd/grad_mode.js';
import { Module, Parameter } from './module.js';
import { Linear } from './layers.js';
import { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from './conv.js';
import type { ConvOptions } from './conv.js';
import { BatchNorm1d, BatchNorm2d, BatchNorm3d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from './normalization.js';
import type { NormOptions } from './normalization.js';
import { signature, parseArgs, declareConstructor, kwMethods, kw } from '../kwargs.js';
import { defaultFloat } from '../dtype.js';

const UNINITIALIZED = new WeakSet<Tensor>();

/**
 * A parameter without data yet, for a lazy module to materialize at its first call (Note [Lazy modules]).
 *
 * It is a 0-element Parameter of the given dtype until materialized; `tg.nn.isLazy` tells it apart.
 *
 * @see torch.nn.parameter.UninitializedParameter
 * @example
 * ```ts
 * const p = tg.nn.UninitializedParameter()
 * tg.nn.isLazy(p) // => true
 * ```
 */
export const UninitializedParameter = kw(signature('nn.UninitializedParameter', 'requiresGrad, dtype'), function UninitializedParameter(requiresGrad = true, dtype: DType = defaultFloat()): Tensor {
  if (typeof requiresGrad !== 'boolean') throw typeError('UninitializedParameter', `requiresGrad must be a boolean, got ${describe(requiresGrad)}`);
  const p = Parameter(empty([0], { dtype }), requiresGrad);
  UNINITIALIZED.add(p);
  return p;
}) as (requiresGrad?: boolean | { requiresGrad?: boolean; dtype?: DType }, dtype?: DType) => Tensor;

/**
 * A buffer without data yet, for a lazy module to materialize at its first call (Note [Lazy modules]).
 *
 * @see torch.nn.parameter.UninitializedBuffer
 * @example
 * ```ts
 * tg.nn.isLazy(tg.nn.UninitializedBuffer()) // => true
 * ```
 */
export const UninitializedBuffer = kw(signature('nn.UninitializedBuffer', 'requiresGrad, dtype'), function UninitializedBuffer(requiresGrad = false, dtype: DType = defaultFloat()): Tensor {
  if (typeof requiresGrad !== 'boolean') throw typeError('UninitializedBuffer', `requiresGrad must be a boolean, got ${describe(requiresGrad)}`);
  const b = empty([0], { dtype, requiresGrad });
  UNINITIALIZED.add(b);
  return b;
}) as (requiresGrad?: boolean | { requiresGrad?: boolean; dtype?: DType }, dtype?: DType) => Tensor;

/**
 * Whether a tensor is an uninitialized parameter or buffer of a lazy module (Note [Lazy modules]).
 *
 * @see torch.nn.parameter.is_lazy
 * @example
 * ```ts
 * const m = new tg.nn.LazyLinear(3)
 * tg.nn.isLazy(m.weight) // => true
 * m(tg.ones(2, 4))
 * tg.nn.isLazy(m.weight) // => false
 * ```
 */
export function isLazy(t: unknown): boolean {
  return typeof t === 'object' || typeof t === 'function' ? UNINITIALIZED.has(t as Tensor) : false;
}

/** Gives an uninitialized tensor its shape in place (zeros until the module resets it), as PyTorch's materialize. */
function materialize(t: Tensor, shape: number[]): void {
  if (!UNINITIALIZED.has(t)) return;
  const rg = t.requiresGrad;
  noGrad(() => {
    if (rg) t.requiresGrad_(false); // resize_ refuses a tensor that requires grad
    resize_(t, shape);
    t.zero_();
    if (rg) t.requiresGrad_(true);
  });
  UNINITIALIZED.delete(t);
}

type Lazy = Module & {
  initializeParameters(input: Tensor): void;
  hasUninitializedParams(): boolean;
  resetParameters(): void;
};

/** The module's own tensors (parameters then buffers) as [attribute, tensor], nulls left out. */
function ownTensors(m: Module): [string, Tensor][] {
  return m._ownTensorEntries();
}

/**
 * LazyModuleMixin's constructor part: the forward pre-hook that infers the parameters at the first call, and
 * the state-dict hook that materializes from a checkpoint (Note [Lazy modules]).
 */
function makeLazy(m: Lazy, becomes: { prototype: object }): void {
  const handle = m.registerForwardPreHook((mod, args) => {
    m.initializeParameters(args[0] as Tensor);
    if (m.hasUninitializedParams()) throw new Error(`module ${m.constructor.name} has not been fully initialized`);
    handle.remove();
    delete (m as { _lazyLoad?: unknown })._lazyLoad;
    Object.setPrototypeOf(m, becomes.prototype);
    void mod;
  });
  (m as unknown as { _lazyLoad: (prefix: string, given: Map<string, unknown>) => void })._lazyLoad = (prefix, given) => {
    for (const [attr, t] of ownTensors(m)) {
      const src = given.get(prefix + m._shownName(attr));
      if (src !== undefined && src !== null && UNINITIALIZED.has(t) && !isLazy(src)) materialize(t, (src as Tensor).shape);
    }
  };
}

function hasUninit(m: Module): boolean {
  return ownTensors(m).some(([, t]) => UNINITIALIZED.has(t));
}

function checkInput(op: string, input: unknown): asserts input is Tensor {
  if (input === null || typeof input !== 'object' || !('shape' in (input as object)))
    throw typeError(op, `expected a Tensor input, got ${describe(input)}`);
}

const SIG = {
  LazyLinear: signature('nn.LazyLinear', 'outFeatures, bias, dtype'),
  conv: (n: number) => signature(`nn.LazyConv${n}d`, 'outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype'),
  convT: (n: number) => signature(`nn.LazyConvTranspose${n}d`, 'outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype'),
  norm: (name: string) => signature(`nn.${name}`, 'eps, momentum, affine, trackRunningStats, dtype'),
};

/**
 * A Linear whose inFeatures is inferred from the input's last dim at the first call (Note [Lazy modules]).
 *
 * Until then its weight and bias are uninitialized (isLazy) and its repr shows in_features=0; the first call
 * materializes them, initializes them as Linear does and turns the module into a Linear.
 *
 * @see torch.nn.LazyLinear
 * @example
 * ```ts
 * const m = new tg.nn.LazyLinear(3)
 * String(m) // => 'LazyLinear(in_features=0, out_features=3, bias=True)'
 * m(tg.ones(2, 4)).shape // => [2, 3]
 * String(m) // => 'Linear(in_features=4, out_features=3, bias=True)'
 * ```
 */
export class LazyLinear extends Linear {
  constructor(outFeatures: number | { outFeatures?: number; bias?: boolean; dtype?: DType }, bias?: boolean | object, dtype?: DType) {
    const [o, b, dt] = parseArgs(SIG.LazyLinear, arguments) as [number, boolean | undefined, DType | undefined];
    super(0, o, b ?? true, dt ?? defaultFloat());
    this.weight = UninitializedParameter(true, dt ?? defaultFloat());
    if (this.bias !== null) this.bias = UninitializedParameter(true, dt ?? defaultFloat());
    makeLazy(this, Linear);
    void [outFeatures, bias, dtype];
  }
  /**
   * Whether the weight or bias is still uninitialized (LazyModuleMixin.has_uninitialized_params).
   *
   * @see torch.nn.LazyLinear.has_uninitialized_params
   * @example
   * ```ts
   * new tg.nn.LazyLinear(3).hasUninitializedParams() // => true
   * ```
   */
  hasUninitializedParams(): boolean {
    return hasUninit(this);
  }
  /**
   * Infers inFeatures from the input's last dim and materializes and initializes the parameters.
   *
   * @see torch.nn.LazyLinear.initialize_parameters
   * @example
   * ```ts
   * const m = new tg.nn.LazyLinear(3)
   * m.initializeParameters(tg.ones(2, 5))
   * m.weight.shape // => [3, 5]
   * ```
   */
  initializeParameters(input: Tensor): void {
    checkInput('LazyLinear', input);
    if (!this.hasUninitializedParams()) return;
    if (input.shape.length === 0) throw rangeError('LazyLinear', `expected an input with at least 1 dim, got shape ${fmtShape(input.shape)}`);
    const inF = input.shape[input.shape.length - 1];
    (this as { inFeatures: number }).inFeatures = inF;
    materialize(this.weight, [this.outFeatures, inF]);
    if (this.bias !== null) materialize(this.bias, [this.outFeatures]);
    this.resetParameters();
  }
  /**
   * Initializes the parameters as Linear does, once they are materialized and inFeatures is known.
   *
   * @see torch.nn.LazyLinear.reset_parameters
   * @example
   * ```ts
   * const m = new tg.nn.LazyLinear(3)
   * m.resetParameters() // a no-op before the first call
   * tg.nn.isLazy(m.weight) // => true
   * ```
   */
  override resetParameters(): void {
    if (!hasUninit(this) && this.inFeatures !== 0) super.resetParameters();
  }
}

type ConvLike = Conv1d & { inChannels: number };
type ConvCls = { prototype: object };

/** The conv module's parameters made uninitialized, and the lazy hooks (LazyConvXd's __init__). */
function lazyConvSetup(m: ConvLike & Lazy, becomes: ConvCls, dtype: DType | undefined): void {
  (m as { inChannels: number }).inChannels = 0;
  m.weight = UninitializedParameter(true, dtype ?? defaultFloat());
  if (m.bias !== null) m.bias = UninitializedParameter(true, dtype ?? defaultFloat());
  makeLazy(m, becomes);
}

/** _LazyConvXdMixin.initialize_parameters: inChannels from the channel dim of a batched or unbatched input. */
function lazyConvInit(m: ConvLike, input: Tensor, n: number): void {
  const op = m.constructor.name;
  checkInput(op, input);
  if (!hasUninit(m)) return;
  if (input.ndim !== n + 1 && input.ndim !== n + 2)
    throw rangeError(op, `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${op}, but got input of size: ${fmtShape(input.shape)}`);
  const inC = input.shape[input.ndim === n + 2 ? 1 : 0];
  if (inC % m.groups !== 0) throw rangeError(op, `in_channels must be divisible by groups (in_channels=${inC}, groups=${m.groups})`);
  m.inChannels = inC;
  const w = m.transposed ? [inC, m.outChannels / m.groups, ...m.kernelSize] : [m.outChannels, inC / m.groups, ...m.kernelSize];
  materialize(m.weight, w);
  if (m.bias !== null) materialize(m.bias, [m.outChannels]);
  m.resetParameters();
}

function convArgs(n: number, args: IArguments): unknown[] {
  const [o, k, s, p, d, g, b, mode, dt] = parseArgs(SIG.conv(n), args);
  return [(g as number | undefined) ?? 1, o, k, s, p, d, g, b, mode, dt];
}
function convTArgs(n: number, args: IArguments): unknown[] {
  const [o, k, s, p, op, g, b, d, mode, dt] = parseArgs(SIG.convT(n), args);
  return [(g as number | undefined) ?? 1, o, k, s, p, op, g, b, d, mode, dt];
}
type CA = number | number[] | ConvOptions;
type PM = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** Methods every lazy conv shares: hasUninitializedParams, initializeParameters, resetParameters. */
function lazyConvMethods(cls: { prototype: object }, n: number): void {
  Object.defineProperties(cls.prototype, {
    hasUninitializedParams: { value(this: Module) { return hasUninit(this); }, writable: true, configurable: true },
    initializeParameters: { value(this: ConvLike, input: Tensor) { lazyConvInit(this, input, n); }, writable: true, configurable: true },
    resetParameters: {
      value(this: ConvLike) {
        if (!hasUninit(this) && this.inChannels !== 0) (Object.getPrototypeOf(cls.prototype) as { resetParameters(): void }).resetParameters.call(this);
      },
      writable: true, configurable: true,
    },
  });
}

export interface LazyModuleMethods {
  /**
   * Whether a parameter or buffer is still uninitialized.
   *
   * @see torch.nn.modules.lazy.LazyModuleMixin.has_uninitialized_params
   * @example
   * ```ts
   * new tg.nn.LazyConv2d(4, 3).hasUninitializedParams() // => true
   * ```
   */
  hasUninitializedParams(): boolean;
  /**
   * Infers the input size (inChannels or numFeatures) from the input and materializes and initializes the parameters.
   *
   * @see torch.nn.modules.lazy.LazyModuleMixin.initialize_parameters
   * @example
   * ```ts
   * const m = new tg.nn.LazyBatchNorm1d()
   * m.initializeParameters(tg.ones(2, 5))
   * m.weight.shape // => [5]
   * ```
   */
  initializeParameters(input: Tensor): void;
}

/**
 * A Conv1d whose inChannels is inferred from the input at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyConv1d
 * @example
 * ```ts
 * const m = new tg.nn.LazyConv1d(4, 3)
 * String(m) // => 'LazyConv1d(0, 4, kernel_size=(3,), stride=(1,))'
 * m(tg.ones(1, 2, 5)).shape // => [1, 4, 3]
 * String(m) // => 'Conv1d(2, 4, kernel_size=(3,), stride=(1,))'
 * ```
 */
export class LazyConv1d extends Conv1d {
  constructor(outChannels: number | ConvOptions, kernelSize?: CA, stride?: CA, padding?: CA | 'same' | 'valid', dilation?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, paddingMode?: PM | ConvOptions, dtype?: DType) {
    const a = convArgs(1, arguments);
    super(...(a as [number]));
    lazyConvSetup(this as never, Conv1d, a[9] as DType | undefined);
    void [outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype];
  }
}
/**
 * A Conv2d whose inChannels is inferred from the input at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyConv2d
 * @example
 * ```ts
 * const m = new tg.nn.LazyConv2d(4, 3)
 * String(m) // => 'LazyConv2d(0, 4, kernel_size=(3, 3), stride=(1, 1))'
 * m(tg.ones(1, 2, 5, 5)).shape // => [1, 4, 3, 3]
 * String(m) // => 'Conv2d(2, 4, kernel_size=(3, 3), stride=(1, 1))'
 * ```
 */
export class LazyConv2d extends Conv2d {
  constructor(outChannels: number | ConvOptions, kernelSize?: CA, stride?: CA, padding?: CA | 'same' | 'valid', dilation?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, paddingMode?: PM | ConvOptions, dtype?: DType) {
    const a = convArgs(2, arguments);
    super(...(a as [number]));
    lazyConvSetup(this as never, Conv2d, a[9] as DType | undefined);
    void [outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype];
  }
}
/**
 * A Conv3d whose inChannels is inferred from the input at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyConv3d
 * @example
 * ```ts
 * const m = new tg.nn.LazyConv3d(2, 1)
 * m(tg.ones(1, 3, 2, 2, 2)).shape // => [1, 2, 2, 2, 2]
 * String(m) // => 'Conv3d(3, 2, kernel_size=(1, 1, 1), stride=(1, 1, 1))'
 * ```
 */
export class LazyConv3d extends Conv3d {
  constructor(outChannels: number | ConvOptions, kernelSize?: CA, stride?: CA, padding?: CA | 'same' | 'valid', dilation?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, paddingMode?: PM | ConvOptions, dtype?: DType) {
    const a = convArgs(3, arguments);
    super(...(a as [number]));
    lazyConvSetup(this as never, Conv3d, a[9] as DType | undefined);
    void [outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype];
  }
}
/**
 * A ConvTranspose1d whose inChannels is inferred from the input at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyConvTranspose1d
 * @example
 * ```ts
 * const m = new tg.nn.LazyConvTranspose1d(2, 3)
 * m(tg.ones(1, 5, 4)).shape // => [1, 2, 6]
 * String(m) // => 'ConvTranspose1d(5, 2, kernel_size=(3,), stride=(1,))'
 * ```
 */
export class LazyConvTranspose1d extends ConvTranspose1d {
  constructor(outChannels: number | ConvOptions, kernelSize?: CA, stride?: CA, padding?: CA, outputPadding?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, dilation?: CA, paddingMode?: PM | ConvOptions, dtype?: DType) {
    const a = convTArgs(1, arguments);
    super(...(a as [number]));
    lazyConvSetup(this as never, ConvTranspose1d, a[10] as DType | undefined);
    void [outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype];
  }
}
/**
 * A ConvTranspose2d whose inChannels is inferred from the input at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyConvTranspose2d
 * @example
 * ```ts
 * const m = new tg.nn.LazyConvTranspose2d(2, 3)
 * m(tg.ones(1, 5, 4, 4)).shape // => [1, 2, 6, 6]
 * ```
 */
export class LazyConvTranspose2d extends ConvTranspose2d {
  constructor(outChannels: number | ConvOptions, kernelSize?: CA, stride?: CA, padding?: CA, outputPadding?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, dilation?: CA, paddingMode?: PM | ConvOptions, dtype?: DType) {
    const a = convTArgs(2, arguments);
    super(...(a as [number]));
    lazyConvSetup(this as never, ConvTranspose2d, a[10] as DType | undefined);
    void [outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype];
  }
}
/**
 * A ConvTranspose3d whose inChannels is inferred from the input at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyConvTranspose3d
 * @example
 * ```ts
 * const m = new tg.nn.LazyConvTranspose3d(2, 1)
 * m(tg.ones(1, 5, 2, 2, 2)).shape // => [1, 2, 2, 2, 2]
 * ```
 */
export class LazyConvTranspose3d extends ConvTranspose3d {
  constructor(outChannels: number | ConvOptions, kernelSize?: CA, stride?: CA, padding?: CA, outputPadding?: CA, groups?: number | ConvOptions, bias?: boolean | ConvOptions, dilation?: CA, paddingMode?: PM | ConvOptions, dtype?: DType) {
    const a = convTArgs(3, arguments);
    super(...(a as [number]));
    lazyConvSetup(this as never, ConvTranspose3d, a[10] as DType | undefined);
    void [outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, paddingMode, dtype];
  }
}
for (const [cls, n] of [[LazyConv1d, 1], [LazyConv2d, 2], [LazyConv3d, 3], [LazyConvTranspose1d, 1], [LazyConvTranspose2d, 2], [LazyConvTranspose3d, 3]] as const) lazyConvMethods(cls, n);
export interface LazyConv1d extends LazyModuleMethods {}
export interface LazyConv2d extends LazyModuleMethods {}
export interface LazyConv3d extends LazyModuleMethods {}
export interface LazyConvTranspose1d extends LazyModuleMethods {}
export interface LazyConvTranspose2d extends LazyModuleMethods {}
export interface LazyConvTranspose3d extends LazyModuleMethods {}

type NormLike = BatchNorm1d & { numFeatures: number };
type NormCls = { prototype: object };

/** _LazyNormBase.__init__: PyTorch 1.13 defaults affine and trackRunningStats to True for every lazy norm. */
function normArgs(name: string, args: IArguments): unknown[] {
  const [eps, momentum, affine, track, dt] = parseArgs(SIG.norm(name), args);
  return [0, eps, momentum, affine ?? true, track ?? true, dt];
}
function lazyNormSetup(m: NormLike & Lazy, becomes: NormCls, dtype: DType | undefined): void {
  const dt = dtype ?? defaultFloat();
  if (m.affine) {
    m.weight = UninitializedParameter(true, dt);
    m.bias = UninitializedParameter(true, dt);
  }
  if (m.trackRunningStats) {
    m.runningMean = UninitializedBuffer(false, dt);
    m.runningVar = UninitializedBuffer(false, dt);
  }
  makeLazy(m, becomes);
}
function lazyNormMethods(cls: { prototype: object }): void {
  Object.defineProperties(cls.prototype, {
    hasUninitializedParams: { value(this: Module) { return hasUninit(this); }, writable: true, configurable: true },
    initializeParameters: {
      value(this: NormLike, input: Tensor) {
        checkInput(this.constructor.name, input);
        if (!hasUninit(this)) return;
        if (input.ndim < 2) throw rangeError(this.constructor.name, `expected an input with at least 2 dims, got shape ${fmtShape(input.shape)}`);
        const nf = input.shape[1]; // PyTorch's _LazyNormBase reads dim 1, batched or not
        this.numFeatures = nf;
        for (const t of [this.weight, this.bias, this.runningMean, this.runningVar]) if (t !== null) materialize(t, [nf]);
        this.resetParameters();
      },
      writable: true, configurable: true,
    },
    resetParameters: {
      value(this: NormLike) {
        if (!hasUninit(this) && this.numFeatures !== 0) (Object.getPrototypeOf(cls.prototype) as { resetParameters(): void }).resetParameters.call(this);
      },
      writable: true, configurable: true,
    },
  });
}

/**
 * A BatchNorm1d whose numFeatures is inferred from the input's dim 1 at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyBatchNorm1d
 * @example
 * ```ts
 * const m = new tg.nn.LazyBatchNorm1d()
 * String(m) // => 'LazyBatchNorm1d(0, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * m(tg.ones(2, 3)).shape // => [2, 3]
 * String(m) // => 'BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * ```
 */
export class LazyBatchNorm1d extends BatchNorm1d {
  constructor(eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    const a = normArgs('LazyBatchNorm1d', arguments);
    super(...(a as [number]));
    lazyNormSetup(this as never, BatchNorm1d, a[5] as DType | undefined);
    void [eps, momentum, affine, trackRunningStats, dtype];
  }
}
/**
 * A BatchNorm2d whose numFeatures is inferred from the input's dim 1 at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyBatchNorm2d
 * @example
 * ```ts
 * const m = new tg.nn.LazyBatchNorm2d()
 * m(tg.ones(2, 3, 2, 2)).shape // => [2, 3, 2, 2]
 * m.runningMean.shape // => [3]
 * ```
 */
export class LazyBatchNorm2d extends BatchNorm2d {
  constructor(eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    const a = normArgs('LazyBatchNorm2d', arguments);
    super(...(a as [number]));
    lazyNormSetup(this as never, BatchNorm2d, a[5] as DType | undefined);
    void [eps, momentum, affine, trackRunningStats, dtype];
  }
}
/**
 * A BatchNorm3d whose numFeatures is inferred from the input's dim 1 at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyBatchNorm3d
 * @example
 * ```ts
 * const m = new tg.nn.LazyBatchNorm3d()
 * m(tg.ones(2, 3, 1, 2, 2)).shape // => [2, 3, 1, 2, 2]
 * ```
 */
export class LazyBatchNorm3d extends BatchNorm3d {
  constructor(eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    const a = normArgs('LazyBatchNorm3d', arguments);
    super(...(a as [number]));
    lazyNormSetup(this as never, BatchNorm3d, a[5] as DType | undefined);
    void [eps, momentum, affine, trackRunningStats, dtype];
  }
}
/**
 * An InstanceNorm1d whose numFeatures is inferred from the input's dim 1 at the first call (Note [Lazy modules]).
 *
 * PyTorch 1.13 gives the lazy instance norms affine=True and trackRunningStats=True by default (unlike
 * InstanceNorm1d's False), and so does tensorgrad.
 *
 * @see torch.nn.LazyInstanceNorm1d
 * @example
 * ```ts
 * const m = new tg.nn.LazyInstanceNorm1d()
 * m(tg.randn(2, 3, 4)).shape // => [2, 3, 4]
 * String(m) // => 'InstanceNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * ```
 */
export class LazyInstanceNorm1d extends InstanceNorm1d {
  constructor(eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    const a = normArgs('LazyInstanceNorm1d', arguments);
    super(...(a as [number]));
    lazyNormSetup(this as never, InstanceNorm1d, a[5] as DType | undefined);
    void [eps, momentum, affine, trackRunningStats, dtype];
  }
}
/**
 * An InstanceNorm2d whose numFeatures is inferred from the input's dim 1 at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyInstanceNorm2d
 * @example
 * ```ts
 * const m = new tg.nn.LazyInstanceNorm2d()
 * m(tg.randn(1, 3, 4, 4)).shape // => [1, 3, 4, 4]
 * ```
 */
export class LazyInstanceNorm2d extends InstanceNorm2d {
  constructor(eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    const a = normArgs('LazyInstanceNorm2d', arguments);
    super(...(a as [number]));
    lazyNormSetup(this as never, InstanceNorm2d, a[5] as DType | undefined);
    void [eps, momentum, affine, trackRunningStats, dtype];
  }
}
/**
 * An InstanceNorm3d whose numFeatures is inferred from the input's dim 1 at the first call (Note [Lazy modules]).
 *
 * @see torch.nn.LazyInstanceNorm3d
 * @example
 * ```ts
 * const m = new tg.nn.LazyInstanceNorm3d()
 * m(tg.randn(1, 2, 2, 2, 2)).shape // => [1, 2, 2, 2, 2]
 * ```
 */
export class LazyInstanceNorm3d extends InstanceNorm3d {
  constructor(eps?: number | NormOptions, momentum?: number | null | NormOptions, affine?: boolean | NormOptions, trackRunningStats?: boolean | NormOptions, dtype?: DType) {
    const a = normArgs('LazyInstanceNorm3d', arguments);
    super(...(a as [number]));
    lazyNormSetup(this as never, InstanceNorm3d, a[5] as DType | undefined);
    void [eps, momentum, affine, trackRunningStats, dtype];
  }
}
for (const cls of [LazyBatchNorm1d, LazyBatchNorm2d, LazyBatchNorm3d, LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d]) lazyNormMethods(cls);
export interface LazyBatchNorm1d extends LazyModuleMethods {}
export interface LazyBatchNorm2d extends LazyModuleMethods {}
export interface LazyBatchNorm3d extends LazyModuleMethods {}
export interface LazyInstanceNorm1d extends LazyModuleMethods {}
export interface LazyInstanceNorm2d extends LazyModuleMethods {}
export interface LazyInstanceNorm3d extends LazyModuleMethods {}

const LAZY_METHODS = { hasUninitializedParams: '', initializeParameters: 'input', resetParameters: '' };
declareConstructor(LazyLinear, SIG.LazyLinear);
kwMethods(LazyLinear.prototype, 'LazyLinear', LAZY_METHODS);
for (const [cls, n] of [[LazyConv1d, 1], [LazyConv2d, 2], [LazyConv3d, 3]] as const) declareConstructor(cls, SIG.conv(n));
for (const [cls, n] of [[LazyConvTranspose1d, 1], [LazyConvTranspose2d, 2], [LazyConvTranspose3d, 3]] as const) declareConstructor(cls, SIG.convT(n));
for (const cls of [LazyBatchNorm1d, LazyBatchNorm2d, LazyBatchNorm3d, LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d]) declareConstructor(cls, SIG.norm(cls.name));
for (const cls of [LazyConv1d, LazyConv2d, LazyConv3d, LazyConvTranspose1d, LazyConvTranspose2d, LazyConvTranspose3d, LazyBatchNorm1d, LazyBatchNorm2d,
  LazyBatchNorm3d, LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d]) kwMethods(cls.prototype, cls.name, LAZY_METHODS);
