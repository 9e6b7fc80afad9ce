// The declarations of the Tensor op methods (Note [Tensor methods]): an augmentation of the Tensor class's
// type, kept out of tensor.ts so that the class file holds the tensor itself.
import type { Tensor, TensorLike } from './tensor.js';
import type { DType } from './dtype.js';
import type { SVDV } from './ops/linalg_svd.js';
import type { LUFactor, LUFactorEx, TriangularSolve } from './ops/linalg_factor.js';
import type { Geqrf } from './ops/linalg_householder.js';
import type { QR } from './ops/linalg_qr_eig.js';
import type { Data } from './storage.js';
import type { Symeig } from './ops/torch_names.js';
import type * as E from './ops/elementwise.js';
import type * as EM from './ops/elementwise_math.js';
import type * as CU from './ops/cumulative.js';
import type * as SO from './ops/sorting.js';
import type * as R from './ops/reduce.js';
import type { Generator } from './ops/random.js';
import type { IndexEntry } from './ops/indexing.js';
import type { SignLogabsdet } from './ops/linalg_lu.js';
import type { ScaleOptions as ScaleArgs } from './ops/linalg_products.js';
import type * as STA from './ops/statistics.js';
import type * as PX from './ops/pointwise_extra.js';

/** div's rounding modes (PyTorch's rounding_mode). */
type DivRounding = 'trunc' | 'floor';

/**
 * Note [Tensor methods]: the op methods (x.add(y), x.sum(1), ...) are declared here (merged into the
 * class's type by module augmentation) and defined in lib/ops/methods.ts and lib/ops/methods_math.ts. Ops make tensors, so the class sits below them (docs/architecture.md); a class whose
 * methods imported the ops would make every op file and tensor.ts one import cycle. The interface merges
 * with the class, so to TypeScript they are the class's methods; lib/index.ts loads methods.ts.
 */
declare module './tensor.js' {
  interface Tensor {
    /**
     * The tensor's own storage as a typed array without a copy: writes go through (autograd does not see them).
     *
     * The tensor's own storage as a typed array, without a copy (Uint8Array for bool and uint8, Uint16Array of
     * bit patterns for float16 and bfloat16, as toTypedArray): writes through it change
     * the tensor. It is a view of native memory, valid until the tensor is disposed; autograd does not see such
     * writes (no version bump), so do not modify tensors saved for backward this way.
     *
     * @see torch.Tensor.numpy
     * @example
     * ```ts
     * const x = tg.zeros(2)
     * x.asTypedArray()[1] = 5
     * x // tensor([0., 5.])
     * ```
     */
    asTypedArray(): Data;

    // ---- conversions -----------------------------------------------------------------------------------------
    /**
     * A copy in another dtype.
     *
     * @see torch.Tensor.to
     * @example
     * ```ts
     * tg.tensor([1, 2]).to('float64') // tensor([1., 2.], dtype=torch.float64)
     * ```
     */
    to(dtype: DType): Tensor;
    /**
     * A float32 copy (this tensor if it is float32).
     *
     * @see torch.Tensor.float
     * @example
     * ```ts
     * tg.tensor([1, 2], { dtype: 'int32' }).float() // tensor([1., 2.])
     * ```
     */
    float(): Tensor;
    /**
     * A float64 copy.
     *
     * @see torch.Tensor.double
     * @example
     * ```ts
     * tg.tensor([1, 2]).double() // tensor([1., 2.], dtype=torch.float64)
     * ```
     */
    double(): Tensor;
    /**
     * An int32 copy (truncating toward zero).
     *
     * @see torch.Tensor.int
     * @example
     * ```ts
     * tg.tensor([1.7, -1.7]).int().tolist() // => [1, -1]
     * ```
     */
    int(): Tensor;
    /**
     * An int64 copy (PyTorch's long).
     *
     * @see torch.Tensor.long
     * @example
     * ```ts
     * tg.tensor([1.7, -2.2]).long() // tensor([ 1, -2])
     * ```
     */
    long(): Tensor;
    /**
     * A uint8 copy (PyTorch's byte; out-of-range values wrap, as a cast on x86).
     *
     * @see torch.Tensor.byte
     * @example
     * ```ts
     * tg.tensor([1, 255, 256, -1]).byte() // tensor([  1, 255,   0, 255], dtype=torch.uint8)
     * ```
     */
    byte(): Tensor;
    /**
     * PyTorch's type name of the tensor (`'torch.FloatTensor'`, `'torch.HalfTensor'`, ...) without an argument;
     * with a dtype (or such a name), a copy cast to it, as `to`.
     *
     * @see torch.Tensor.type
     * @example
     * ```ts
     * tg.ones([2]).half().type() // => 'torch.HalfTensor'
     * tg.ones([2]).type('torch.ByteTensor').dtype // => 'uint8'
     * ```
     */
    type(): string;
    type(dtype: DType | string): Tensor;
    /**
     * An int8 copy (PyTorch's char; out-of-range values wrap).
     *
     * @see torch.Tensor.char
     * @example
     * ```ts
     * tg.tensor([1.5, 127, 128]).char() // tensor([   1,  127, -128], dtype=torch.int8)
     * ```
     */
    char(): Tensor;
    /**
     * An int16 copy (PyTorch's short; out-of-range values wrap).
     *
     * @see torch.Tensor.short
     * @example
     * ```ts
     * tg.tensor([1, -2]).short() // tensor([ 1, -2], dtype=torch.int16)
     * ```
     */
    short(): Tensor;
    /**
     * A float16 copy (rounded to nearest even; its ops compute in float32 and round each result back).
     *
     * @see torch.Tensor.half
     * @example
     * ```ts
     * tg.tensor([0.1, 70000]).half() // tensor([0.1000,    inf], dtype=torch.float16)
     * ```
     */
    half(): Tensor;
    /**
     * A bfloat16 copy (rounded to nearest even; its ops compute in float32 and round each result back).
     *
     * @see torch.Tensor.bfloat16
     * @example
     * ```ts
     * tg.tensor([1, 1.001]).bfloat16() // tensor([1., 1.], dtype=torch.bfloat16)
     * ```
     */
    bfloat16(): Tensor;
    /**
     * A bool copy (non-zero is true).
     *
     * @see torch.Tensor.bool
     * @example
     * ```ts
     * tg.tensor([0, 2]).bool() // tensor([False,  True])
     * ```
     */
    bool(): Tensor;
    /**
     * A copy of `input` that autograd tracks (the gradient flows back to `input`); the method form of `tg.clone`.
     *
     * @see torch.Tensor.clone
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.clone() // tensor([1., 2.])
     * ```
     */
    clone(): Tensor;
    /**
     * This tensor, or a contiguous copy of a non-contiguous view.
     *
     * This tensor, or (for a copy standing for a non-contiguous PyTorch view) a contiguous clone, as PyTorch.
     *
     * @see torch.Tensor.contiguous
     * @example
     * ```ts
     * tg.zeros(2, 3).t().contiguous().isContiguous() // => true
     * ```
     */
    contiguous(): Tensor;

    // ---- elementwise ------------------------------------------------------------------------------------------
    // Method signatures (PyTorch's keyword names, options objects) are declared in the table after the class.
    /**
     * `input + alpha * other`, elementwise with broadcasting; the method form of `tg.add`.
     *
     * @see torch.Tensor.add
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.add(tg.tensor([10, 20, 30]), { alpha: 2 }) // tensor([21., 42., 63.])
     * ```
     */
    add(other: TensorLike, alpha?: number | { alpha?: number }): Tensor;
    /**
     * `input - alpha * other`, elementwise with broadcasting; the method form of `tg.sub`.
     *
     * @see torch.Tensor.sub
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.sub(1) // tensor([0., 1., 2.])
     * ```
     */
    sub(other: TensorLike, alpha?: number | { alpha?: number }): Tensor;
    /**
     * Elementwise product with broadcasting; the method form of `tg.mul`.
     *
     * @see torch.Tensor.mul
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.mul(tg.tensor([[1], [2]]))
     * // tensor([[1., 2., 3.],
     * //         [2., 4., 6.]])
     * ```
     */
    mul(other: TensorLike): Tensor;
    /**
     * Elementwise true division with broadcasting (ints divide to float), or the quotient rounded by roundingMode
     * ('trunc' | 'floor', integer dtypes kept); the method form of `tg.div`.
     *
     * @see torch.Tensor.div
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.div(2) // tensor([0.5000, 1.0000, 1.5000])
     * x.div(2, { roundingMode: 'floor' }) // tensor([0., 1., 1.])
     * ```
     */
    div(other: TensorLike, roundingMode?: DivRounding | null | { roundingMode?: DivRounding | null }): Tensor;
    /**
     * `input` to the power `exponent`, elementwise; the method form of `tg.pow`.
     *
     * @see torch.Tensor.pow
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.pow(2) // tensor([1., 4., 9.])
     * ```
     */
    pow(exponent: TensorLike): Tensor;
    /**
     * Elementwise maximum of two tensors (NaN propagates); the method form of `tg.maximum`.
     *
     * @see torch.Tensor.maximum
     * @example
     * ```ts
     * const x = tg.tensor([1, 5, 3])
     * x.maximum(tg.tensor([4, 2, 6])) // tensor([4., 5., 6.])
     * ```
     */
    maximum(other: TensorLike): Tensor;
    /**
     * Elementwise minimum of two tensors (NaN propagates); the method form of `tg.minimum`.
     *
     * @see torch.Tensor.minimum
     * @example
     * ```ts
     * const x = tg.tensor([1, 5, 3])
     * x.minimum(tg.tensor([4, 2, 6])) // tensor([1., 2., 3.])
     * ```
     */
    minimum(other: TensorLike): Tensor;
    /**
     * `-input`, elementwise; the method form of `tg.neg`.
     *
     * @see torch.Tensor.neg
     * @example
     * ```ts
     * const x = tg.tensor([1, -2])
     * x.neg() // tensor([-1.,  2.])
     * ```
     */
    neg(): Tensor;
    /**
     * Absolute value, elementwise; the method form of `tg.abs`.
     *
     * @see torch.Tensor.abs
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 2])
     * x.abs() // tensor([1.5000, 2.0000])
     * ```
     */
    abs(): Tensor;
    /**
     * e to the power of each element; the method form of `tg.exp`.
     *
     * @see torch.Tensor.exp
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.exp() // tensor([1.0000, 2.7183])
     * ```
     */
    exp(): Tensor;
    /**
     * Natural logarithm, elementwise; the method form of `tg.log`.
     *
     * @see torch.Tensor.log
     * @example
     * ```ts
     * const x = tg.tensor([1, 100])
     * x.log() // tensor([0.0000, 4.6052])
     * ```
     */
    log(): Tensor;
    /**
     * Square root, elementwise; the method form of `tg.sqrt`.
     *
     * @see torch.Tensor.sqrt
     * @example
     * ```ts
     * const x = tg.tensor([4, 9])
     * x.sqrt() // tensor([2., 3.])
     * ```
     */
    sqrt(): Tensor;
    /**
     * `1 / sqrt(input)`, elementwise; the method form of `tg.rsqrt`.
     *
     * @see torch.Tensor.rsqrt
     * @example
     * ```ts
     * const x = tg.tensor([4, 16])
     * x.rsqrt() // tensor([0.5000, 0.2500])
     * ```
     */
    rsqrt(): Tensor;
    /**
     * `1 / input`, elementwise; the method form of `tg.reciprocal`.
     *
     * @see torch.Tensor.reciprocal
     * @example
     * ```ts
     * const x = tg.tensor([2, 4])
     * x.reciprocal() // tensor([0.5000, 0.2500])
     * ```
     */
    reciprocal(): Tensor;
    /**
     * Sine, elementwise (radians); the method form of `tg.sin`.
     *
     * @see torch.Tensor.sin
     * @example
     * ```ts
     * const x = tg.tensor([0, Math.PI / 2])
     * x.sin() // tensor([0., 1.])
     * ```
     */
    sin(): Tensor;
    /**
     * Cosine, elementwise (radians); the method form of `tg.cos`.
     *
     * @see torch.Tensor.cos
     * @example
     * ```ts
     * const x = tg.tensor([0, Math.PI])
     * x.cos() // tensor([ 1., -1.])
     * ```
     */
    cos(): Tensor;
    /**
     * Hyperbolic tangent, elementwise; the method form of `tg.tanh`.
     *
     * @see torch.Tensor.tanh
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.tanh() // tensor([0.0000, 0.7616])
     * ```
     */
    tanh(): Tensor;
    /**
     * The logistic function `1 / (1 + exp(-x))`, elementwise; the method form of `tg.sigmoid`.
     *
     * @see torch.Tensor.sigmoid
     * @example
     * ```ts
     * const x = tg.tensor([0, 2])
     * x.sigmoid() // tensor([0.5000, 0.8808])
     * ```
     */
    sigmoid(): Tensor;
    /**
     * `max(input, 0)`, elementwise; the method form of `tg.relu`.
     *
     * @see torch.Tensor.relu
     * @example
     * ```ts
     * const x = tg.tensor([-1, 0.5])
     * x.relu() // tensor([0.0000, 0.5000])
     * ```
     */
    relu(): Tensor;
    /**
     * `input * input`, elementwise; the method form of `tg.square`.
     *
     * @see torch.Tensor.square
     * @example
     * ```ts
     * const x = tg.tensor([-2, 3])
     * x.square() // tensor([4., 9.])
     * ```
     */
    square(): Tensor;
    /**
     * -1, 0 or 1 by the sign of each element; the method form of `tg.sign`.
     *
     * @see torch.Tensor.sign
     * @example
     * ```ts
     * const x = tg.tensor([-2, 0, 3])
     * x.sign() // tensor([-1.,  0.,  1.])
     * ```
     */
    sign(): Tensor;
    /**
     * Clamps each element into [min, max] (either bound may be omitted or a tensor); the method form of `tg.clamp`.
     *
     * @see torch.Tensor.clamp
     * @example
     * ```ts
     * const x = tg.tensor([-2, 0.5, 3])
     * x.clamp({ min: 0, max: 1 }) // tensor([0.0000, 0.5000, 1.0000])
     * ```
     */
    clamp(min?: TensorLike | null | E.ClampOptions, max?: TensorLike | null): Tensor;
    /**
     * `where(condition, this, other)`: this tensor where condition holds, else other.
     *
     * @see torch.Tensor.where
     * @example
     * ```ts
     * const x = tg.tensor([1, -2])
     * x.where(x.gt(0), 0) // tensor([1., 0.])
     * ```
     */
    where(condition: TensorLike | { condition?: TensorLike; other?: TensorLike }, other?: TensorLike): Tensor;
    /**
     * Elementwise `==`, a bool tensor; the method form of `tg.eq`.
     *
     * @see torch.Tensor.eq
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.eq(2) // tensor([False,  True, False])
     * ```
     */
    eq(other: TensorLike): Tensor;
    /**
     * Elementwise `!=`, a bool tensor; the method form of `tg.ne`.
     *
     * @see torch.Tensor.ne
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.ne(2) // tensor([ True, False,  True])
     * ```
     */
    ne(other: TensorLike): Tensor;
    /**
     * Elementwise `<`, a bool tensor; the method form of `tg.lt`.
     *
     * @see torch.Tensor.lt
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.lt(2) // tensor([ True, False, False])
     * ```
     */
    lt(other: TensorLike): Tensor;
    /**
     * Elementwise `<=`, a bool tensor; the method form of `tg.le`.
     *
     * @see torch.Tensor.le
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.le(2) // tensor([ True,  True, False])
     * ```
     */
    le(other: TensorLike): Tensor;
    /**
     * Elementwise `>`, a bool tensor; the method form of `tg.gt`.
     *
     * @see torch.Tensor.gt
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.gt(2) // tensor([False, False,  True])
     * ```
     */
    gt(other: TensorLike): Tensor;
    /**
     * Elementwise `>=`, a bool tensor; the method form of `tg.ge`.
     *
     * @see torch.Tensor.ge
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.ge(2) // tensor([False,  True,  True])
     * ```
     */
    ge(other: TensorLike): Tensor;
    /**
     * Elementwise logical NOT (zero is false), a bool tensor; the method form of `tg.logicalNot`.
     *
     * @see torch.Tensor.logical_not
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2])
     * x.logicalNot() // tensor([ True, False, False])
     * ```
     */
    logicalNot(): Tensor;
    /**
     * True when both tensors have the same shape and values; the method form of `tg.equal`.
     *
     * @see torch.Tensor.equal
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.equal(tg.tensor([1, 2])) // => true
     * ```
     */
    equal(other: Tensor): boolean;
    /**
     * True when `|input - other| <= atol + rtol * |other|` everywhere; the method form of `tg.allclose`.
     *
     * @see torch.Tensor.allclose
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.allclose(tg.tensor([1, 2.000001])) // => true
     * ```
     */
    allclose(other: Tensor, rtol?: number | AllcloseOptions, atol?: number, equalNan?: boolean): boolean;

    // ---- reductions ------------------------------------------------------------------------------------------
    /**
     * Sum of all elements, or along `dim` (optionally keeping it); the method form of `tg.sum`.
     *
     * @see torch.Tensor.sum
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.sum(1)
     * x.sum({ dim: 0, keepdim: true }) // tensor([[4., 6.]])
     * ```
     */
    sum(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor;
    /**
     * Mean of all elements, or along `dim`; the method form of `tg.mean`.
     *
     * @see torch.Tensor.mean
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.mean(0) // tensor([2., 3.])
     * ```
     */
    mean(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor;
    /**
     * Product of all elements, or along `dim`; the method form of `tg.prod`.
     *
     * @see torch.Tensor.prod
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.prod(1) // tensor([ 2., 12.])
     * ```
     */
    prod(dim?: number | R.SumOptions | null, keepdim?: boolean | R.SumOptions, dtype?: DType | null): Tensor;
    /**
     * Maximum of all elements; along `dim` it returns `{ values, indices }`; with a tensor it is `maximum`; the method form of `tg.max`.
     *
     * @see torch.Tensor.max
     * @example
     * ```ts
     * const x = tg.tensor([[1, 5], [3, 4]])
     * x.max()
     * x.max(1).indices.tolist() // => [1, 1]
     * ```
     */
    max(): Tensor;
    max(other: Tensor): Tensor;
    max(dim: number | R.DimOptions & { other?: Tensor }, keepdim?: boolean): R.ValuesIndices;
    /**
     * Minimum of all elements; along `dim` it returns `{ values, indices }`; with a tensor it is `minimum`; the method form of `tg.min`.
     *
     * @see torch.Tensor.min
     * @example
     * ```ts
     * const x = tg.tensor([[1, 5], [3, 4]])
     * x.min()
     * x.min(0).values // tensor([1., 4.])
     * ```
     */
    min(): Tensor;
    min(other: Tensor): Tensor;
    min(dim: number | R.DimOptions & { other?: Tensor }, keepdim?: boolean): R.ValuesIndices;
    /**
     * Index of the maximum, of the flattened tensor or along `dim`; the method form of `tg.argmax`.
     *
     * @see torch.Tensor.argmax
     * @example
     * ```ts
     * const x = tg.tensor([[1, 5], [3, 4]])
     * x.argmax(1).tolist() // => [1, 1]
     * ```
     */
    argmax(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    /**
     * Index of the minimum, of the flattened tensor or along `dim`; the method form of `tg.argmin`.
     *
     * @see torch.Tensor.argmin
     * @example
     * ```ts
     * const x = tg.tensor([[1, 5], [3, 4]])
     * x.argmin().item() // => 0
     * ```
     */
    argmin(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    /**
     * The p-norm (2 by default) of all elements or along `dim`; the method form of `tg.norm`.
     *
     * @see torch.Tensor.norm
     * @example
     * ```ts
     * const x = tg.tensor([3, 4])
     * x.norm() // tensor(5.)
     * ```
     */
    norm(p?: number | R.NormOptions | null, dim?: number | number[] | null, keepdim?: boolean): Tensor;
    /**
     * Variance (Bessel-corrected unless `unbiased: false` / `correction: 0`); the method form of `tg.var`.
     *
     * @see torch.Tensor.var
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3, 4])
     * x.var() // tensor(1.6667)
     * ```
     */
    var(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor;
    /**
     * Standard deviation (Bessel-corrected unless `unbiased: false` / `correction: 0`); the method form of `tg.std`.
     *
     * @see torch.Tensor.std
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3, 4])
     * x.std({ unbiased: false }) // tensor(1.1180)
     * ```
     */
    std(dim?: number | number[] | R.VarOptions | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean, correction?: number | null): Tensor;
    /**
     * `log(sum(exp(input)))` along `dim`, computed stably; the method form of `tg.logsumexp`.
     *
     * @see torch.Tensor.logsumexp
     * @example
     * ```ts
     * const x = tg.tensor([[0, 0], [1, 1]])
     * x.logsumexp(1) // tensor([0.6931, 1.6931])
     * ```
     */
    logsumexp(dim: number | number[] | R.DimOptions, keepdim?: boolean): Tensor;
    /**
     * True if every element is non-zero (overall or along `dim`); the method form of `tg.all`.
     *
     * @see torch.Tensor.all
     * @example
     * ```ts
     * const x = tg.tensor([[1, 0], [1, 1]])
     * x.all(1) // tensor([False,  True])
     * ```
     */
    all(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    /**
     * True if some element is non-zero (overall or along `dim`); the method form of `tg.any`.
     *
     * @see torch.Tensor.any
     * @example
     * ```ts
     * const x = tg.tensor([[1, 0], [0, 0]])
     * x.any(1) // tensor([ True, False])
     * ```
     */
    any(dim?: number | R.DimOptions | null, keepdim?: boolean): Tensor;
    /**
     * `exp(x) / sum(exp(x))` along `dim`; the method form of `tg.softmax`.
     *
     * @see torch.Tensor.softmax
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.softmax(0) // tensor([0.0900, 0.2447, 0.6652])
     * ```
     */
    softmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor;
    /**
     * `log(softmax(x))` along `dim`, computed stably; the method form of `tg.logSoftmax`.
     *
     * @see torch.Tensor.log_softmax
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.logSoftmax(0) // tensor([-2.4076, -1.4076, -0.4076])
     * ```
     */
    logSoftmax(dim: number | { dim: number; dtype?: DType }, dtype?: DType | null): Tensor;

    // ---- shape ----------------------------------------------------------------------------------------------
    // reshape/view/permute/expand also take the sizes as separate numbers, as in PyTorch (x.view(2, 3)).
    /**
     * The same values in a new shape (a view when possible); -1 infers one size; the method form of `tg.reshape`.
     *
     * @see torch.Tensor.reshape
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2, 3, 4, 5])
     * x.reshape(2, -1)
     * // tensor([[0., 1., 2.],
     * //         [3., 4., 5.]])
     * ```
     */
    reshape(...shape: (number | number[] | { shape: number[] })[]): Tensor;
    /**
     * A view with a new shape; the tensor's layout must allow it (else use reshape); the method form of `tg.view`.
     *
     * @see torch.Tensor.view
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2, 3, 4, 5])
     * x.view([3, 2])
     * // tensor([[0., 1.],
     * //         [2., 3.],
     * //         [4., 5.]])
     * ```
     */
    view(...size: (number | number[] | { size: number[] })[]): Tensor;
    /**
     * Flattens dimensions `startDim..endDim` into one; the method form of `tg.flatten`.
     *
     * @see torch.Tensor.flatten
     * @example
     * ```ts
     * const x = tg.zeros(2, 3, 4)
     * x.flatten(1).shape // => [2, 12]
     * ```
     */
    flatten(startDim?: number | { startDim?: number; endDim?: number }, endDim?: number): Tensor;
    /**
     * Removes dimensions of size 1 (all, or the given one); the method form of `tg.squeeze`.
     *
     * @see torch.Tensor.squeeze
     * @example
     * ```ts
     * const x = tg.zeros(1, 3, 1)
     * x.squeeze().shape // => [3]
     * ```
     */
    squeeze(dim?: number | { dim?: number }): Tensor;
    /**
     * Inserts a dimension of size 1 at `dim`; the method form of `tg.unsqueeze`.
     *
     * @see torch.Tensor.unsqueeze
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.unsqueeze(1)
     * // tensor([[1.],
     * //         [2.]])
     * ```
     */
    unsqueeze(dim: number | { dim: number }): Tensor;
    /**
     * Swaps two dimensions (a view); the method form of `tg.transpose`.
     *
     * @see torch.Tensor.transpose
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2, 3]])
     * x.transpose(0, 1)
     * // tensor([[1.],
     * //         [2.],
     * //         [3.]])
     * ```
     */
    transpose(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor;
    /**
     * Reorders the dimensions (a view); the method form of `tg.permute`.
     *
     * @see torch.Tensor.permute
     * @example
     * ```ts
     * const x = tg.zeros(2, 3, 4)
     * x.permute(2, 0, 1).shape // => [4, 2, 3]
     * ```
     */
    permute(...dims: (number | number[] | { dims: number[] })[]): Tensor;
    /**
     * Transposes a 2-D tensor (0-D and 1-D unchanged); the method form of `tg.t`.
     *
     * @see torch.Tensor.t
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.t()
     * // tensor([[1., 3.],
     * //         [2., 4.]])
     * ```
     */
    t(): Tensor;
    readonly T: Tensor;
    /**
     * The transpose of the last two dims (a view): a batch of matrices transposed.
     *
     * `x.transpose(-2, -1)`; a RangeError for a 1-D tensor, as PyTorch's RuntimeError.
     *
     * @see torch.Tensor.mT
     * @example
     * ```ts
     * tg.zeros(5, 2, 3).mT.shape // => [5, 3, 2]
     * ```
     */
    readonly mT: Tensor;
    /**
     * The conjugate transpose of a matrix (a view); tensors are real, so it is the transpose.
     *
     * `x.transpose(0, 1)` for a 2-D tensor (a 0-D tensor is itself); a RangeError for other ranks.
     *
     * @see torch.Tensor.H
     * @example
     * ```ts
     * tg.tensor([[1, 2], [3, 4]]).H // tensor([[1., 3.], [2., 4.]])
     * ```
     */
    readonly H: Tensor;
    /**
     * The conjugate transpose of the last two dims (a view); tensors are real, so it is `mT`.
     *
     * `x.transpose(-2, -1)`; a RangeError for a 1-D tensor.
     *
     * @see torch.Tensor.mH
     * @example
     * ```ts
     * tg.zeros(5, 2, 3).mH.shape // => [5, 3, 2]
     * ```
     */
    readonly mH: Tensor;
    /**
     * The device the tensor is stored on: always `'cpu'` (tensorgrad computes on the CPU only), so
     * `print(f"{x.device}")` ports unchanged.
     *
     * @see torch.Tensor.device
     * @example
     * ```ts
     * tg.ones(2).device // => 'cpu'
     * ```
     */
    readonly device: 'cpu';
    /**
     * Broadcasts size-1 dimensions to a larger size without copying (-1 keeps one); the method form of `tg.expand`.
     *
     * @see torch.Tensor.expand
     * @example
     * ```ts
     * const x = tg.tensor([[1], [2]])
     * x.expand(2, 3)
     * // tensor([[1., 1., 1.],
     * //         [2., 2., 2.]])
     * ```
     */
    expand(...size: (number | number[] | { size: number[] })[]): Tensor;
    /**
     * Expands to the shape of `other` (a view).
     *
     * @see torch.Tensor.expand_as
     * @example
     * ```ts
     * tg.tensor([[1], [2]]).expandAs(tg.zeros(2, 3))
     * // tensor([[1., 1., 1.],
     * //         [2., 2., 2.]])
     * ```
     */
    expandAs(other: Tensor): Tensor;
    /**
     * Splits into chunks of a size (or a list of sizes) along `dim`; the method form of `tg.split`.
     *
     * @see torch.Tensor.split
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2, 3, 4])
     * x.split(2).map(String) // => ['tensor([0., 1.])', 'tensor([2., 3.])', 'tensor([4.])']
     * ```
     */
    split(splitSize: number | number[] | { splitSize: number | number[]; dim?: number }, dim?: number): Tensor[];
    /**
     * Splits into `chunks` nearly equal pieces along `dim`; the method form of `tg.chunk`.
     *
     * @see torch.Tensor.chunk
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2, 3, 4, 5])
     * x.chunk(3)[1] // tensor([2., 3.])
     * ```
     */
    chunk(chunks: number | { chunks: number; dim?: number }, dim?: number): Tensor[];
    /**
     * The slice `start..start+length` of `dim` (a view); the method form of `tg.narrow`.
     *
     * @see torch.Tensor.narrow
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2, 3, 4, 5])
     * x.narrow(0, 2, 3) // tensor([2., 3., 4.])
     * ```
     */
    narrow(dim: number | { dim: number; start: number; length: number }, start?: number, length?: number): Tensor;
    /**
     * The slice at `index` of `dim`, removing that dimension (a view); the method form of `tg.select`.
     *
     * @see torch.Tensor.select
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.select(1, 0) // tensor([1., 3.])
     * ```
     */
    select(dim: number | { dim: number; index: number }, index?: number): Tensor;
    /**
     * Python's `x[...]`: numbers, tg.slice(), null (new axis), '...', integer tensors or arrays, bool masks.
     *
     * Python's x[indices] (API.md "Views and indexing"): one entry or an array of entries.
     *
     * @see torch.Tensor.__getitem__
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
     * x.index([tg.slice(), tg.slice(1)])
     * // tensor([[2., 3.],
     * //         [5., 6.]])
     * ```
     */
    index(indices: IndexEntry | readonly IndexEntry[] | { indices: IndexEntry | readonly IndexEntry[] }): Tensor;
    /**
     * A view of every `size`-long window with step `step` along `dim`, as a new last dim.
     *
     * @see torch.Tensor.unfold
     * @example
     * ```ts
     * tg.tensor([1, 2, 3, 4]).unfold(0, 2, 1)
     * // tensor([[1., 2.],
     * //         [2., 3.],
     * //         [3., 4.]])
     * ```
     */
    unfold(dimension: number | { dimension: number; size: number; step: number }, size?: number, step?: number): Tensor;
    /**
     * The diagonal of a matrix (or of dims dim1, dim2) as a view; the method form of `tg.diagonal`.
     *
     * @see torch.Tensor.diagonal
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.diagonal() // tensor([1., 4.])
     * ```
     */
    diagonal(offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor;
    /**
     * A view with the given sizes, strides and storage offset (no bounds beyond the storage); the method form of `tg.asStrided`.
     *
     * @see torch.Tensor.as_strided
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2, 3, 4, 5])
     * x.asStrided([2, 2], [1, 2])
     * // tensor([[0., 2.],
     * //         [1., 3.]])
     * ```
     */
    asStrided(size: number[] | { size: number[]; stride: number[]; storageOffset?: number | null }, stride?: number[], storageOffset?: number | null): Tensor;
    /**
     * Removes a dimension, returning the slices along it; the method form of `tg.unbind`.
     *
     * @see torch.Tensor.unbind
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.unbind(0)[1] // tensor([3., 4.])
     * ```
     */
    unbind(dim?: number | { dim?: number }): Tensor[];
    /**
     * Moves dimension(s) from `source` to `destination`; the method form of `tg.movedim`.
     *
     * @see torch.Tensor.movedim
     * @example
     * ```ts
     * const x = tg.zeros(2, 3, 4)
     * x.movedim(0, -1).shape // => [3, 4, 2]
     * ```
     */
    movedim(source: number | number[] | { source: number | number[]; destination: number | number[] }, destination?: number | number[]): Tensor;
    /**
     * Alias of movedim; the method form of `tg.moveaxis`.
     *
     * @see torch.Tensor.moveaxis
     * @example
     * ```ts
     * const x = tg.zeros(2, 3, 4)
     * x.moveaxis(2, 0).shape // => [4, 2, 3]
     * ```
     */
    moveaxis(source: number | number[] | { source: number | number[]; destination: number | number[] }, destination?: number | number[]): Tensor;
    /**
     * Alias of transpose; the method form of `tg.swapaxes`.
     *
     * @see torch.Tensor.swapaxes
     * @example
     * ```ts
     * const x = tg.zeros(2, 3)
     * x.swapaxes(0, 1).shape // => [3, 2]
     * ```
     */
    swapaxes(axis0: number | { axis0: number; axis1: number }, axis1?: number): Tensor;
    /**
     * Alias of transpose; the method form of `tg.swapdims`.
     *
     * @see torch.Tensor.swapdims
     * @example
     * ```ts
     * const x = tg.zeros(2, 3)
     * x.swapdims(0, 1).shape // => [3, 2]
     * ```
     */
    swapdims(dim0: number | { dim0: number; dim1: number }, dim1?: number): Tensor;

    // ---- linear algebra -------------------------------------------------------------------------------------
    /**
     * The dot product of two 1-D tensors; the method form of `tg.dot`.
     *
     * @see torch.Tensor.dot
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.dot(tg.tensor([4, 5, 6])) // tensor(32.)
     * ```
     */
    dot(tensor: Tensor): Tensor;
    /**
     * Matrix product with NumPy semantics: 1-D operands are vectors, leading dims broadcast; the method form of `tg.matmul`.
     *
     * @see torch.Tensor.matmul
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.matmul(tg.tensor([1, 1])) // tensor([3., 7.])
     * ```
     */
    matmul(other: Tensor): Tensor;
    /**
     * The product of two matrices; the method form of `tg.mm`.
     *
     * @see torch.Tensor.mm
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.mm(tg.eye(2))
     * // tensor([[1., 2.],
     * //         [3., 4.]])
     * ```
     */
    mm(mat2: Tensor): Tensor;
    /**
     * Batched matrix product of [B, n, m] and [B, m, p] tensors; the method form of `tg.bmm`.
     *
     * @see torch.Tensor.bmm
     * @example
     * ```ts
     * const x = tg.ones(2, 1, 3)
     * x.bmm(tg.ones(2, 3, 1)).shape // => [2, 1, 1]
     * ```
     */
    bmm(mat2: Tensor): Tensor;
    /**
     * Matrix-vector product; the method form of `tg.mv`.
     *
     * @see torch.Tensor.mv
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.mv(tg.tensor([1, 0])) // tensor([1., 3.])
     * ```
     */
    mv(vec: Tensor): Tensor;
    /**
     * The outer product of two vectors; the method form of `tg.outer`.
     *
     * @see torch.Tensor.outer
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.outer(tg.tensor([1, 10]))
     * // tensor([[ 1., 10.],
     * //         [ 2., 20.]])
     * ```
     */
    outer(vec2: Tensor): Tensor;
    /**
     * The inverse of a square matrix (or batch); alias of linalg.inv; the method form of `tg.inverse`.
     *
     * @see torch.Tensor.inverse
     * @example
     * ```ts
     * const x = tg.tensor([[2, 0], [0, 4]])
     * x.inverse()
     * // tensor([[0.5000, 0.0000],
     * //         [0.0000, 0.2500]])
     * ```
     */
    inverse(): Tensor;
    /**
     * The determinant of a square matrix (or batch); the method form of `tg.det`.
     *
     * @see torch.Tensor.det
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.det() // tensor(-2.)
     * ```
     */
    det(): Tensor;
    /**
     * log of the determinant (NaN for a negative determinant); the method form of `tg.logdet`.
     *
     * @see torch.Tensor.logdet
     * @example
     * ```ts
     * const x = tg.tensor([[2, 0], [0, 4]])
     * x.logdet() // tensor(2.0794)
     * ```
     */
    logdet(): Tensor;
    /**
     * The sign and log |det| of a square matrix, as `{ sign, logabsdet }`; the method form of `tg.slogdet`.
     *
     * @see torch.Tensor.slogdet
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.slogdet().sign // tensor(-1.)
     * ```
     */
    slogdet(): SignLogabsdet;
    /**
     * The Cholesky factor L (A = L L^T, or U with A = U^T U when `upper`) of this symmetric positive-definite
     * matrix or batch; the method form of `tg.cholesky`.
     *
     * @see torch.Tensor.cholesky
     * @example
     * ```ts
     * tg.tensor([[4, 2], [2, 3]]).cholesky()
     * // tensor([[2.0000, 0.0000],
     * //         [1.0000, 1.4142]])
     * ```
     */
    cholesky(upper?: boolean | { upper?: boolean }): Tensor;
    /**
     * Solves A X = this given A's Cholesky factor `input2` (L, or U when `upper`); the method form of
     * `tg.choleskySolve`.
     *
     * @see torch.Tensor.cholesky_solve
     * @example
     * ```ts
     * const L = tg.linalg.cholesky(tg.tensor([[4, 2], [2, 3]]))
     * tg.tensor([[6], [5]]).choleskySolve(L)
     * // tensor([[1.],
     * //         [1.]])
     * ```
     */
    choleskySolve(input2: Tensor | { input2: Tensor; upper?: boolean }, upper?: boolean | { upper?: boolean }): Tensor;
    /**
     * The singular value decomposition this = U diag(S) V^T as `[U, S, V]` (also by name), S descending; the
     * method form of `tg.svd` (singular vectors are unique only up to sign).
     *
     * @see torch.Tensor.svd
     * @example
     * ```ts
     * const A = tg.tensor([[4, 2], [2, 3]])
     * const { U, S, V } = A.svd()
     * S // tensor([5.5616, 1.4384])
     * U.matmul(tg.diag(S)).matmul(V.t())
     * // tensor([[4.0000, 2.0000],
     * //         [2.0000, 3.0000]])
     * ```
     */
    svd(some?: boolean | { some?: boolean; computeUv?: boolean }, computeUv?: boolean | { computeUv?: boolean }): SVDV;

    // ---- in place --------------------------------------------------------------------------------------------
    /**
     * Fills this tensor with zeros in place.
     *
     * @see torch.Tensor.zero_
     * @example
     * ```ts
     * const x = tg.ones(2)
     * x.zero_() // tensor([0., 0.])
     * ```
     */
    zero_(): this;
    /**
     * Fills this tensor with a value in place.
     *
     * @see torch.Tensor.fill_
     * @example
     * ```ts
     * const x = tg.zeros(2)
     * x.fill_(3) // tensor([3., 3.])
     * ```
     */
    fill_(value: number | boolean): this;
    /**
     * In place: `input + alpha * other`, elementwise with broadcasting. Returns this tensor.
     *
     * @see torch.Tensor.add_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.add_(tg.tensor([10, 20, 30]), { alpha: 2 })
     * x // tensor([21., 42., 63.])
     * ```
     */
    add_(other: TensorLike, alpha?: number | { alpha?: number }): this;
    /**
     * In place: `input - alpha * other`, elementwise with broadcasting. Returns this tensor.
     *
     * @see torch.Tensor.sub_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.sub_(1)
     * x // tensor([0., 1., 2.])
     * ```
     */
    sub_(other: TensorLike, alpha?: number | { alpha?: number }): this;
    /**
     * In place: elementwise product with broadcasting. Returns this tensor.
     *
     * @see torch.Tensor.mul_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.mul_(2)
     * x // tensor([2., 4., 6.])
     * ```
     */
    mul_(other: TensorLike): this;
    /**
     * In place: elementwise true division with broadcasting, or the quotient rounded by roundingMode ('trunc' |
     * 'floor'; an integer tensor then stays integer). Returns this tensor.
     *
     * @see torch.Tensor.div_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.div_(2)
     * x // tensor([0.5000, 1.0000, 1.5000])
     * tg.tensor([7, -7], { dtype: 'int64' }).div_(2, { roundingMode: 'trunc' }) // tensor([ 3, -3])
     * ```
     */
    div_(other: TensorLike, roundingMode?: DivRounding | null | { roundingMode?: DivRounding | null }): this;
    /**
     * In place: clamps each element into [min, max] (either bound may be omitted or a tensor). Returns this tensor.
     *
     * @see torch.Tensor.clamp_
     * @example
     * ```ts
     * const x = tg.tensor([-2, 0.5, 3])
     * x.clamp_({ min: 0, max: 1 })
     * x // tensor([0.0000, 0.5000, 1.0000])
     * ```
     */
    clamp_(min?: number | null | E.ClampOptions, max?: number | null): this;
    /**
     * Copies `src` (broadcast) into this tensor in place.
     *
     * @see torch.Tensor.copy_
     * @example
     * ```ts
     * const x = tg.zeros(2, 2)
     * x.copy_(tg.tensor([1, 2]))
     * // tensor([[1., 2.],
     * //         [1., 2.]])
     * ```
     */
    copy_(src: Tensor): this;

    // ---- sampling (ops/sampling.ts); each takes { generator } ----------------------------------------------------
    /**
     * Fills in place with U(from, to) samples.
     *
     * @see torch.Tensor.uniform_
     * @example
     * ```ts
     * const x = tg.zeros(100)
     * x.uniform_(2, 3)
     * x.ge(2).all().item() // => true
     * ```
     */
    uniform_(from_?: number | SamplerOptions, to?: number, generator?: Generator | null): this;
    /**
     * Fills in place with N(mean, std) samples.
     *
     * @see torch.Tensor.normal_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.normal_(0, 1).shape // => [3]
     * ```
     */
    normal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): this;
    /**
     * Fills in place with Bernoulli(p) draws.
     *
     * @see torch.Tensor.bernoulli_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.bernoulli_(1) // tensor([1., 1., 1.])
     * ```
     */
    bernoulli_(p?: number | Tensor | SamplerOptions, generator?: Generator | null): this;
    /**
     * Fills in place with Exponential(lambd) samples.
     *
     * @see torch.Tensor.exponential_
     * @example
     * ```ts
     * const x = tg.zeros(10)
     * x.exponential_(2).ge(0).all().item() // => true
     * ```
     */
    exponential_(lambd?: number | SamplerOptions, generator?: Generator | null): this;
    /**
     * Fills in place with integers in [from, to).
     *
     * @see torch.Tensor.random_
     * @example
     * ```ts
     * const x = tg.zeros(10)
     * x.random_(0, 3).lt(3).all().item() // => true
     * ```
     */
    random_(from_?: number | null | SamplerOptions, to?: number | null, generator?: Generator | null): this;
    /**
     * Fills in place with Cauchy(median, sigma) samples.
     *
     * @see torch.Tensor.cauchy_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.cauchy_().shape // => [3]
     * ```
     */
    cauchy_(median?: number | SamplerOptions, sigma?: number, generator?: Generator | null): this;
    /**
     * Fills in place with log-normal samples.
     *
     * @see torch.Tensor.log_normal_
     * @example
     * ```ts
     * const x = tg.zeros(10)
     * x.logNormal_().gt(0).all().item() // => true
     * ```
     */
    logNormal_(mean?: number | SamplerOptions, std?: number, generator?: Generator | null): this;
    /**
     * Fills in place with Geometric(p) samples (1, 2, ...).
     *
     * @see torch.Tensor.geometric_
     * @example
     * ```ts
     * const x = tg.zeros(10)
     * x.geometric_(0.5).ge(1).all().item() // => true
     * ```
     */
    geometric_(p: number | SamplerOptions, generator?: Generator | null): this;
    /**
     * Draws 0 or 1 per element with that element's probability.
     *
     * @see torch.Tensor.bernoulli
     * @example
     * ```ts
     * tg.tensor([0, 1]).bernoulli() // tensor([0., 1.])
     * ```
     */
    bernoulli(p?: number | null | SamplerOptions, generator?: Generator | null): Tensor;
    /**
     * Samples indices from the rows of non-negative weights.
     *
     * @see torch.Tensor.multinomial
     * @example
     * ```ts
     * tg.tensor([0, 0, 1]).multinomial(2, true).tolist() // => [2, 2]
     * ```
     */
    multinomial(numSamples: number | SamplerOptions, replacement?: boolean, generator?: Generator | null): Tensor;

    // ---- structure (ops/structure.ts) and search (ops/search.ts) --------------------------------------------------
    /**
     * The lower triangle of a matrix (below the `diagonal`-th diagonal is kept); the method form of `tg.tril`.
     *
     * @see torch.Tensor.tril
     * @example
     * ```ts
     * const x = tg.ones(3, 3)
     * x.tril()
     * // tensor([[1., 0., 0.],
     * //         [1., 1., 0.],
     * //         [1., 1., 1.]])
     * ```
     */
    tril(diagonal?: number | { diagonal?: number }): Tensor;
    /**
     * The upper triangle of a matrix; the method form of `tg.triu`.
     *
     * @see torch.Tensor.triu
     * @example
     * ```ts
     * const x = tg.ones(3, 3)
     * x.triu(1)
     * // tensor([[0., 1., 1.],
     * //         [0., 0., 1.],
     * //         [0., 0., 0.]])
     * ```
     */
    triu(diagonal?: number | { diagonal?: number }): Tensor;
    /**
     * In place: the lower triangle of a matrix (below the `diagonal`-th diagonal is kept). Returns this tensor.
     *
     * @see torch.Tensor.tril_
     * @example
     * ```ts
     * const x = tg.ones(3, 3)
     * x.tril_()
     * x
     * // tensor([[1., 0., 0.],
     * //         [1., 1., 0.],
     * //         [1., 1., 1.]])
     * ```
     */
    tril_(diagonal?: number | { diagonal?: number }): this;
    /**
     * In place: the upper triangle of a matrix. Returns this tensor.
     *
     * @see torch.Tensor.triu_
     * @example
     * ```ts
     * const x = tg.ones(3, 3)
     * x.triu_(1)
     * x
     * // tensor([[0., 1., 1.],
     * //         [0., 0., 1.],
     * //         [0., 0., 0.]])
     * ```
     */
    triu_(diagonal?: number | { diagonal?: number }): this;
    /**
     * A 1-D tensor to a diagonal matrix, or a matrix's diagonal to 1-D; the method form of `tg.diag`.
     *
     * @see torch.Tensor.diag
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.diag()
     * // tensor([[1., 0.],
     * //         [0., 2.]])
     * ```
     */
    diag(diagonal?: number | { diagonal?: number }): Tensor;
    /**
     * Puts the last dimension on the diagonal of new trailing matrices; the method form of `tg.diagEmbed`.
     *
     * @see torch.Tensor.diag_embed
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2]])
     * x.diagEmbed()
     * // tensor([[[1., 0.],
     * //          [0., 2.]]])
     * ```
     */
    diagEmbed(offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor;
    /**
     * Reverses the order along the given dims; the method form of `tg.flip`.
     *
     * @see torch.Tensor.flip
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.flip([0])
     * // tensor([[3., 4.],
     * //         [1., 2.]])
     * ```
     */
    flip(...dims: (number | number[] | { dims: number | number[] })[]): Tensor;
    /**
     * Reverses the order along dim 1; the method form of `tg.fliplr`.
     *
     * @see torch.Tensor.fliplr
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.fliplr()
     * // tensor([[2., 1.],
     * //         [4., 3.]])
     * ```
     */
    fliplr(): Tensor;
    /**
     * Reverses the order along dim 0; the method form of `tg.flipud`.
     *
     * @see torch.Tensor.flipud
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.flipud()
     * // tensor([[3., 4.],
     * //         [1., 2.]])
     * ```
     */
    flipud(): Tensor;
    /**
     * Rolls elements along dims by `shifts` (wrapping around); the method form of `tg.roll`.
     *
     * @see torch.Tensor.roll
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3, 4])
     * x.roll(1) // tensor([4., 1., 2., 3.])
     * ```
     */
    roll(shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, dims?: number | number[] | null): Tensor;
    /**
     * Tiles the tensor `repeats[i]` times along each dimension; the method form of `tg.repeat`.
     *
     * @see torch.Tensor.repeat
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.repeat(2, 2)
     * // tensor([[1., 2., 1., 2.],
     * //         [1., 2., 1., 2.]])
     * ```
     */
    repeat(...repeats: (number | number[] | { repeats: number[] })[]): Tensor;
    /**
     * Like repeat, padding `dims` with leading ones; the method form of `tg.tile`.
     *
     * @see torch.Tensor.tile
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.tile([2]) // tensor([1., 2., 1., 2.])
     * ```
     */
    tile(...dims: (number | number[] | { dims: number[] })[]): Tensor;
    /**
     * Repeats each element `repeats` times (along `dim`, or flattened); the method form of `tg.repeatInterleave`.
     *
     * @see torch.Tensor.repeat_interleave
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.repeatInterleave(2) // tensor([1., 1., 2., 2.])
     * ```
     */
    repeatInterleave(repeats?: number | Tensor | { repeats?: number | Tensor; dim?: number | null; outputSize?: number | null }, dim?: number | null | { dim?: number | null; outputSize?: number | null }, outputSize?: number | null): Tensor;
    /**
     * The indices of the non-zero elements, one row each (or one tensor per dim with `asTuple`); the method form of `tg.nonzero`.
     *
     * @see torch.Tensor.nonzero
     * @example
     * ```ts
     * const x = tg.tensor([[0, 1], [2, 0]])
     * x.nonzero().tolist() // => [[0, 1], [1, 0]]
     * ```
     */
    nonzero(options?: { asTuple?: false }): Tensor;
    nonzero(options: { asTuple: true }): Tensor[];
    /**
     * The indices of the non-zero elements, one row each (like nonzero); the method form of `tg.argwhere`.
     *
     * @see torch.Tensor.argwhere
     * @example
     * ```ts
     * const x = tg.tensor([0, 3, 0, 4])
     * x.argwhere().tolist() // => [[1], [3]]
     * ```
     */
    argwhere(): Tensor;
    /**
     * The sorted distinct values (with inverse indices and counts on request); the method form of `tg.unique`.
     *
     * @see torch.Tensor.unique
     * @example
     * ```ts
     * const x = tg.tensor([3, 1, 3, 2])
     * x.unique() // tensor([1., 2., 3.])
     * ```
     */
    unique(sorted?: boolean | UniqueOptions, returnInverse?: boolean, returnCounts?: boolean, dim?: number | null): Tensor | Tensor[];

    // ---- indexing (ops/indexing.ts) ----------------------------------------------------------------------------
    /**
     * Out-of-place `x[indices] = values` (accumulating with `accumulate`); the method form of `tg.indexPut`.
     *
     * @see torch.Tensor.index_put
     * @example
     * ```ts
     * const x = tg.zeros(4)
     * x.indexPut([tg.tensor([0, 2], { dtype: 'int32' })], tg.tensor(5)) // tensor([5., 0., 5., 0.])
     * ```
     */
    indexPut(indices: IndexEntry | readonly IndexEntry[] | IndexPutArgs, values?: Tensor | number | boolean | IndexPutArgs, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    /**
     * In place: out-of-place `x[indices] = values` (accumulating with `accumulate`). Returns this tensor.
     *
     * @see torch.Tensor.index_put_
     * @example
     * ```ts
     * const x = tg.zeros(4)
     * x.indexPut_([tg.tensor([0, 2], { dtype: 'int32' })], tg.tensor(5))
     * x // tensor([5., 0., 5., 0.])
     * ```
     */
    indexPut_(indices: IndexEntry | readonly IndexEntry[] | IndexPutArgs, values?: Tensor | number | boolean | IndexPutArgs, accumulate?: boolean | { accumulate?: boolean }): this;
    // ---- gather, scatter, mask ops (ops/gather.ts, ops/scatter.ts, ops/masked.ts); index tensors are int32 ------------------------
    /**
     * Picks values along `dim` at `index` (`out[i][j] = input[i][index[i][j]]` for dim 1); the method form of `tg.gather`.
     *
     * @see torch.Tensor.gather
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.gather(1, tg.tensor([[1], [0]], { dtype: 'int32' }))
     * // tensor([[2.],
     * //         [3.]])
     * ```
     */
    gather(dim: number | IndexingOptions, index?: Tensor, sparseGrad?: boolean | IndexingOptions): Tensor;
    /**
     * The slices of `dim` at the given indices; the method form of `tg.indexSelect`.
     *
     * @see torch.Tensor.index_select
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4], [5, 6]])
     * x.indexSelect(0, tg.tensor([2, 0], { dtype: 'int32' }))
     * // tensor([[5., 6.],
     * //         [1., 2.]])
     * ```
     */
    indexSelect(dim: number | IndexingOptions, index?: Tensor): Tensor;
    /**
     * Adds `alpha * source` slices into `dim` at `index`; the method form of `tg.indexAdd`.
     *
     * @see torch.Tensor.index_add
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.indexAdd(0, tg.tensor([0, 0, 2], { dtype: 'int32' }), tg.tensor([1, 2, 3])) // tensor([3., 0., 3.])
     * ```
     */
    indexAdd(dim: number | IndexingOptions, index?: Tensor, source?: Tensor, alpha?: number | IndexingOptions): Tensor;
    /**
     * In place: adds `alpha * source` slices into `dim` at `index`. Returns this tensor.
     *
     * @see torch.Tensor.index_add_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.indexAdd_(0, tg.tensor([0, 0, 2], { dtype: 'int32' }), tg.tensor([1, 2, 3]))
     * x // tensor([3., 0., 3.])
     * ```
     */
    indexAdd_(dim: number | IndexingOptions, index?: Tensor, source?: Tensor, alpha?: number | IndexingOptions): this;
    /**
     * Fills the slices of `dim` at `index` with a value; the method form of `tg.indexFill`.
     *
     * @see torch.Tensor.index_fill
     * @example
     * ```ts
     * const x = tg.zeros(2, 3)
     * x.indexFill(1, tg.tensor([1], { dtype: 'int32' }), 9)
     * // tensor([[0., 9., 0.],
     * //         [0., 9., 0.]])
     * ```
     */
    indexFill(dim: number | IndexingOptions, index?: Tensor, value?: number | boolean | bigint | Tensor): Tensor;
    /**
     * In place: fills the slices of `dim` at `index` with a value. Returns this tensor.
     *
     * @see torch.Tensor.index_fill_
     * @example
     * ```ts
     * const x = tg.zeros(2, 3)
     * x.indexFill_(1, tg.tensor([1], { dtype: 'int32' }), 9)
     * x
     * // tensor([[0., 9., 0.],
     * //         [0., 9., 0.]])
     * ```
     */
    indexFill_(dim: number | IndexingOptions, index?: Tensor, value?: number | boolean | bigint | Tensor): this;
    /**
     * Copies `source` slices into `dim` at `index`; the method form of `tg.indexCopy`.
     *
     * @see torch.Tensor.index_copy
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.indexCopy(0, tg.tensor([2, 0], { dtype: 'int32' }), tg.tensor([5, 6])) // tensor([6., 0., 5.])
     * ```
     */
    indexCopy(dim: number | IndexingOptions, index?: Tensor, source?: Tensor): Tensor;
    /**
     * In place: copies `source` slices into `dim` at `index`. Returns this tensor.
     *
     * @see torch.Tensor.index_copy_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.indexCopy_(0, tg.tensor([2, 0], { dtype: 'int32' }), tg.tensor([5, 6]))
     * x // tensor([6., 0., 5.])
     * ```
     */
    indexCopy_(dim: number | IndexingOptions, index?: Tensor, source?: Tensor): this;
    /**
     * Writes `src` (or `value`) into `dim` at `index`, optionally reducing; the method form of `tg.scatter`.
     *
     * @see torch.Tensor.scatter
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.scatter(0, tg.tensor([2, 0], { dtype: 'int32' }), tg.tensor([5, 6])) // tensor([6., 0., 5.])
     * ```
     */
    scatter(dim: number | IndexingOptions, index?: Tensor, src?: Tensor | number | IndexingOptions, reduce?: 'add' | 'multiply' | null | IndexingOptions, value?: number): Tensor;
    /**
     * In place: writes `src` (or `value`) into `dim` at `index`, optionally reducing. Returns this tensor.
     *
     * @see torch.Tensor.scatter_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.scatter_(0, tg.tensor([2, 0], { dtype: 'int32' }), tg.tensor([5, 6]))
     * x // tensor([6., 0., 5.])
     * ```
     */
    scatter_(dim: number | IndexingOptions, index?: Tensor, src?: Tensor | number | IndexingOptions, reduce?: 'add' | 'multiply' | null | IndexingOptions, value?: number): this;
    /**
     * Adds `src` into `dim` at `index` (repeated indices accumulate); the method form of `tg.scatterAdd`.
     *
     * @see torch.Tensor.scatter_add
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.scatterAdd(0, tg.tensor([1, 1, 2], { dtype: 'int32' }), tg.tensor([1, 2, 3])) // tensor([0., 3., 3.])
     * ```
     */
    scatterAdd(dim: number | IndexingOptions, index?: Tensor, src?: Tensor): Tensor;
    /**
     * In place: adds `src` into `dim` at `index` (repeated indices accumulate). Returns this tensor.
     *
     * @see torch.Tensor.scatter_add_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.scatterAdd_(0, tg.tensor([1, 1, 2], { dtype: 'int32' }), tg.tensor([1, 2, 3]))
     * x // tensor([0., 3., 3.])
     * ```
     */
    scatterAdd_(dim: number | IndexingOptions, index?: Tensor, src?: Tensor): this;
    /**
     * Reduces `src` into `dim` at `index` with 'sum', 'prod', 'mean', 'amax' or 'amin'; the method form of `tg.scatterReduce`.
     *
     * @see torch.Tensor.scatter_reduce
     * @example
     * ```ts
     * const x = tg.zeros(2)
     * x.scatterReduce(0, tg.tensor([0, 0, 1], { dtype: 'int32' }), tg.tensor([1, 5, 3]), 'amax', { includeSelf: false })
     * // tensor([5., 3.])
     * ```
     */
    scatterReduce(dim: number | IndexingOptions, index?: Tensor, src?: Tensor, reduce?: ScatterReduceKind, includeSelf?: boolean | IndexingOptions): Tensor;
    /**
     * In place: reduces `src` into `dim` at `index` with 'sum', 'prod', 'mean', 'amax' or 'amin'. Returns this tensor.
     *
     * @see torch.Tensor.scatter_reduce_
     * @example
     * ```ts
     * const x = tg.zeros(2)
     * x.scatterReduce_(0, tg.tensor([0, 0, 1], { dtype: 'int32' }), tg.tensor([1, 5, 3]), 'amax', { includeSelf: false })
     * x // tensor([5., 3.])
     * ```
     */
    scatterReduce_(dim: number | IndexingOptions, index?: Tensor, src?: Tensor, reduce?: ScatterReduceKind, includeSelf?: boolean | IndexingOptions): this;
    /**
     * Sets the elements where `mask` is true to `value`; the method form of `tg.maskedFill`.
     *
     * @see torch.Tensor.masked_fill
     * @example
     * ```ts
     * const x = tg.tensor([1, -2, 3])
     * x.maskedFill(x.lt(0), 0) // tensor([1., 0., 3.])
     * ```
     */
    maskedFill(mask: Tensor | IndexingOptions, value?: number | boolean | bigint | Tensor): Tensor;
    /**
     * In place: sets the elements where `mask` is true to `value`. Returns this tensor.
     *
     * @see torch.Tensor.masked_fill_
     * @example
     * ```ts
     * const x = tg.tensor([1, -2, 3])
     * x.maskedFill_(x.lt(0), 0)
     * x // tensor([1., 0., 3.])
     * ```
     */
    maskedFill_(mask: Tensor | IndexingOptions, value?: number | boolean | bigint | Tensor): this;
    /**
     * The elements where `mask` is true, as a 1-D tensor; the method form of `tg.maskedSelect`.
     *
     * @see torch.Tensor.masked_select
     * @example
     * ```ts
     * const x = tg.tensor([1, -2, 3])
     * x.maskedSelect(x.gt(0)) // tensor([1., 3.])
     * ```
     */
    maskedSelect(mask: Tensor | IndexingOptions): Tensor;
    /**
     * Copies consecutive `source` values into the positions where `mask` is true; the method form of `tg.maskedScatter`.
     *
     * @see torch.Tensor.masked_scatter
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.maskedScatter(tg.tensor([true, false, true]), tg.tensor([7, 8])) // tensor([7., 0., 8.])
     * ```
     */
    maskedScatter(mask: Tensor | IndexingOptions, source?: Tensor): Tensor;
    /**
     * In place: copies consecutive `source` values into the positions where `mask` is true. Returns this tensor.
     *
     * @see torch.Tensor.masked_scatter_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.maskedScatter_(tg.tensor([true, false, true]), tg.tensor([7, 8]))
     * x // tensor([7., 0., 8.])
     * ```
     */
    maskedScatter_(mask: Tensor | IndexingOptions, source?: Tensor): this;
    /**
     * Elements of the flattened tensor at `index`; the method form of `tg.take`.
     *
     * @see torch.Tensor.take
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2], [3, 4]])
     * x.take(tg.tensor([0, 3], { dtype: 'int32' })) // tensor([1., 4.])
     * ```
     */
    take(index: Tensor | IndexingOptions): Tensor;
    /**
     * Picks values along `dim` at `indices` (as gather, broadcasting; flattened without dim); the method form of `tg.takeAlongDim`.
     *
     * @see torch.Tensor.take_along_dim
     * @example
     * ```ts
     * const x = tg.tensor([[10, 30], [40, 20]])
     * x.takeAlongDim(tg.argmax(x, 1, true), 1)
     * // tensor([[30.],
     * //         [40.]])
     * ```
     */
    takeAlongDim(indices: Tensor | IndexingOptions, dim?: number | null | IndexingOptions): Tensor;
    /**
     * Writes `source` at flat indices of the tensor (out of place); the method form of `tg.put`.
     *
     * @see torch.Tensor.put
     * @example
     * ```ts
     * const x = tg.zeros(2, 2)
     * x.put(tg.tensor([0, 3], { dtype: 'int32' }), tg.tensor([1, 2]))
     * // tensor([[1., 0.],
     * //         [0., 2.]])
     * ```
     */
    put(index: Tensor | IndexingOptions, source?: Tensor, accumulate?: boolean | IndexingOptions): Tensor;
    /**
     * In place: writes `source` at flat indices of the tensor (out of place). Returns this tensor.
     *
     * @see torch.Tensor.put_
     * @example
     * ```ts
     * const x = tg.zeros(2, 2)
     * x.put_(tg.tensor([0, 3], { dtype: 'int32' }), tg.tensor([1, 2]))
     * x
     * // tensor([[1., 0.],
     * //         [0., 2.]])
     * ```
     */
    put_(index: Tensor | IndexingOptions, source?: Tensor, accumulate?: boolean | IndexingOptions): this;
    // ---- issue 15 (ops/elementwise_math.ts, cumulative.ts, sorting.ts, methods in ops/methods_math.ts) ---------------------------------
    /**
     * Cumulative sum along `dim`; the method form of `tg.cumsum`.
     *
     * @see torch.Tensor.cumsum
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
     * x.cumsum(1)
     * // tensor([[ 1.,  3.,  6.],
     * //         [ 4.,  9., 15.]])
     * ```
     */
    cumsum(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor;
    /**
     * Cumulative product along `dim`; the method form of `tg.cumprod`.
     *
     * @see torch.Tensor.cumprod
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
     * x.cumprod(1)
     * // tensor([[  1.,   2.,   6.],
     * //         [  4.,  20., 120.]])
     * ```
     */
    cumprod(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): Tensor;
    /**
     * Running maximum along `dim` and the index where each was reached, as `{ values, indices }`; the method form of `tg.cummax`.
     *
     * @see torch.Tensor.cummax
     * @example
     * ```ts
     * const x = tg.tensor([1, 3, 2, 5])
     * x.cummax(0).values // tensor([1., 3., 3., 5.])
     * ```
     */
    cummax(dim: number | { dim: number }): CU.ValuesIndices;
    /**
     * Running minimum along `dim` and the index where each was reached, as `{ values, indices }`; the method form of `tg.cummin`.
     *
     * @see torch.Tensor.cummin
     * @example
     * ```ts
     * const x = tg.tensor([4, 3, 5, 1])
     * x.cummin(0).values // tensor([4., 3., 3., 1.])
     * ```
     */
    cummin(dim: number | { dim: number }): CU.ValuesIndices;
    /**
     * `log(cumsum(exp(input)))` along `dim`, computed stably; the method form of `tg.logcumsumexp`.
     *
     * @see torch.Tensor.logcumsumexp
     * @example
     * ```ts
     * const x = tg.tensor([0, 0, 0])
     * x.logcumsumexp(0) // tensor([0.0000, 0.6931, 1.0986])
     * ```
     */
    logcumsumexp(dim: number | { dim: number }): Tensor;
    /**
     * The n-th forward difference along `dim`; the method form of `tg.diff`.
     *
     * @see torch.Tensor.diff
     * @example
     * ```ts
     * const x = tg.tensor([1, 4, 9, 16])
     * x.diff() // tensor([3., 5., 7.])
     * ```
     */
    diff(n?: number | CU.DiffOptions, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor;
    /**
     * Sorts along `dim`; returns `{ values, indices }`; the method form of `tg.sort`.
     *
     * @see torch.Tensor.sort
     * @example
     * ```ts
     * const x = tg.tensor([3, 1, 2])
     * x.sort({ descending: true }).values // tensor([3., 2., 1.])
     * ```
     */
    sort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): CU.ValuesIndices;
    /**
     * The indices that sort `input` along `dim`; the method form of `tg.argsort`.
     *
     * @see torch.Tensor.argsort
     * @example
     * ```ts
     * const x = tg.tensor([3, 1, 2])
     * x.argsort().tolist() // => [1, 2, 0]
     * ```
     */
    argsort(dim?: number | SO.SortOptions, descending?: boolean, stable?: boolean | null): Tensor;
    /**
     * Sorts along the first dimension; the method form of `tg.msort`.
     *
     * @see torch.Tensor.msort
     * @example
     * ```ts
     * const x = tg.tensor([[3, 1], [1, 2]])
     * x.msort()
     * // tensor([[1., 1.],
     * //         [3., 2.]])
     * ```
     */
    msort(): Tensor;
    /**
     * The k largest (or smallest) elements along `dim`, as `{ values, indices }`; the method form of `tg.topk`.
     *
     * @see torch.Tensor.topk
     * @example
     * ```ts
     * const x = tg.tensor([1, 5, 3, 4])
     * x.topk(2).values // tensor([5., 4.])
     * ```
     */
    topk(k: number | SO.TopkOptions, dim?: number, largest?: boolean, sorted?: boolean): CU.ValuesIndices;
    /**
     * The k-th smallest element along `dim`, as `{ values, indices }`; the method form of `tg.kthvalue`.
     *
     * @see torch.Tensor.kthvalue
     * @example
     * ```ts
     * const x = tg.tensor([1, 5, 3, 4])
     * x.kthvalue(2).values // tensor(3.)
     * ```
     */
    kthvalue(k: number | SO.KthOptions, dim?: number, keepdim?: boolean): CU.ValuesIndices;
    /**
     * The median (the lower of the two middle values), overall or along `dim`; the method form of `tg.median`.
     *
     * @see torch.Tensor.median
     * @example
     * ```ts
     * const x = tg.tensor([1, 5, 3, 4])
     * x.median() // tensor(3.)
     * ```
     */
    median(): Tensor;
    median(dim: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices;
    /**
     * The most frequent value along `dim`, as `{ values, indices }`; the method form of `tg.mode`.
     *
     * @see torch.Tensor.mode
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 2, 3])
     * x.mode().values // tensor(2.)
     * ```
     */
    mode(dim?: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices;
    /**
     * In place: cumulative sum along `dim`. Returns this tensor.
     *
     * @see torch.Tensor.cumsum_
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
     * x.cumsum_(1)
     * x
     * // tensor([[ 1.,  3.,  6.],
     * //         [ 4.,  9., 15.]])
     * ```
     */
    cumsum_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): this;
    /**
     * In place: cumulative product along `dim`. Returns this tensor.
     *
     * @see torch.Tensor.cumprod_
     * @example
     * ```ts
     * const x = tg.tensor([[1, 2, 3], [4, 5, 6]])
     * x.cumprod_(1)
     * x
     * // tensor([[  1.,   2.,   6.],
     * //         [  4.,  20., 120.]])
     * ```
     */
    cumprod_(dim: number | { dim: number; dtype?: DType | null }, dtype?: DType | null): this;
    /**
     * Hyperbolic sine, elementwise; the method form of `tg.sinh`.
     *
     * @see torch.Tensor.sinh
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.sinh() // tensor([0.0000, 1.1752])
     * ```
     */
    sinh(): Tensor;
    /**
     * Hyperbolic cosine, elementwise; the method form of `tg.cosh`.
     *
     * @see torch.Tensor.cosh
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.cosh() // tensor([1.0000, 1.5431])
     * ```
     */
    cosh(): Tensor;
    /**
     * Tangent, elementwise (radians); the method form of `tg.tan`.
     *
     * @see torch.Tensor.tan
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.tan() // tensor([0.0000, 1.5574])
     * ```
     */
    tan(): Tensor;
    /**
     * Arcsine, elementwise; the method form of `tg.asin`.
     *
     * @see torch.Tensor.asin
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.asin() // tensor([0.0000, 1.5708])
     * ```
     */
    asin(): Tensor;
    /**
     * Arccosine, elementwise; the method form of `tg.acos`.
     *
     * @see torch.Tensor.acos
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.acos() // tensor([1.5708, 0.0000])
     * ```
     */
    acos(): Tensor;
    /**
     * Arctangent, elementwise; the method form of `tg.atan`.
     *
     * @see torch.Tensor.atan
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.atan() // tensor([0.0000, 0.7854])
     * ```
     */
    atan(): Tensor;
    /**
     * Inverse hyperbolic sine, elementwise; the method form of `tg.asinh`.
     *
     * @see torch.Tensor.asinh
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.asinh() // tensor([0.0000, 0.8814])
     * ```
     */
    asinh(): Tensor;
    /**
     * Inverse hyperbolic cosine, elementwise; the method form of `tg.acosh`.
     *
     * @see torch.Tensor.acosh
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.acosh() // tensor([0.0000, 1.3170])
     * ```
     */
    acosh(): Tensor;
    /**
     * Inverse hyperbolic tangent, elementwise; the method form of `tg.atanh`.
     *
     * @see torch.Tensor.atanh
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.atanh() // tensor([0.0000, 0.5493])
     * ```
     */
    atanh(): Tensor;
    /**
     * Base-2 logarithm, elementwise; the method form of `tg.log2`.
     *
     * @see torch.Tensor.log2
     * @example
     * ```ts
     * const x = tg.tensor([1, 8])
     * x.log2() // tensor([0., 3.])
     * ```
     */
    log2(): Tensor;
    /**
     * Base-10 logarithm, elementwise; the method form of `tg.log10`.
     *
     * @see torch.Tensor.log10
     * @example
     * ```ts
     * const x = tg.tensor([1, 100])
     * x.log10() // tensor([0., 2.])
     * ```
     */
    log10(): Tensor;
    /**
     * `log(1 + input)`, accurate for small inputs; the method form of `tg.log1p`.
     *
     * @see torch.Tensor.log1p
     * @example
     * ```ts
     * const x = tg.tensor([0, 1e-8])
     * x.log1p() // tensor([0.0000e+00, 1.0000e-08])
     * ```
     */
    log1p(): Tensor;
    /**
     * `exp(input) - 1`, accurate for small inputs; the method form of `tg.expm1`.
     *
     * @see torch.Tensor.expm1
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.expm1() // tensor([0.0000, 1.7183])
     * ```
     */
    expm1(): Tensor;
    /**
     * 2 to the power of each element; the method form of `tg.exp2`.
     *
     * @see torch.Tensor.exp2
     * @example
     * ```ts
     * const x = tg.tensor([0, 3])
     * x.exp2() // tensor([1., 8.])
     * ```
     */
    exp2(): Tensor;
    /**
     * The complementary error function `1 - erf(x)`; the method form of `tg.erfc`.
     *
     * @see torch.Tensor.erfc
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.erfc() // tensor([1.0000, 0.1573])
     * ```
     */
    erfc(): Tensor;
    /**
     * The inverse error function; the method form of `tg.erfinv`.
     *
     * @see torch.Tensor.erfinv
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.erfinv() // tensor([0.0000, 0.4769])
     * ```
     */
    erfinv(): Tensor;
    /**
     * log |Gamma(x)|, elementwise; the method form of `tg.lgamma`.
     *
     * @see torch.Tensor.lgamma
     * @example
     * ```ts
     * const x = tg.tensor([1, 5])
     * x.lgamma() // tensor([0.0000, 3.1781])
     * ```
     */
    lgamma(): Tensor;
    /**
     * The digamma function (derivative of lgamma); the method form of `tg.digamma`.
     *
     * @see torch.Tensor.digamma
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.digamma() // tensor([-0.5772,  0.4228])
     * ```
     */
    digamma(): Tensor;
    /**
     * Rounds down, elementwise; the method form of `tg.floor`.
     *
     * @see torch.Tensor.floor
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 1.5])
     * x.floor() // tensor([-2.,  1.])
     * ```
     */
    floor(): Tensor;
    /**
     * Rounds up, elementwise; the method form of `tg.ceil`.
     *
     * @see torch.Tensor.ceil
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 1.5])
     * x.ceil() // tensor([-1.,  2.])
     * ```
     */
    ceil(): Tensor;
    /**
     * Rounds toward zero, elementwise; the method form of `tg.trunc`.
     *
     * @see torch.Tensor.trunc
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 1.5])
     * x.trunc() // tensor([-1.,  1.])
     * ```
     */
    trunc(): Tensor;
    /**
     * The fractional part `x - trunc(x)`; the method form of `tg.frac`.
     *
     * @see torch.Tensor.frac
     * @example
     * ```ts
     * const x = tg.tensor([-1.25, 2.5])
     * x.frac() // tensor([-0.2500,  0.5000])
     * ```
     */
    frac(): Tensor;
    /**
     * The normalized sinc `sin(pi x) / (pi x)`; the method form of `tg.sinc`.
     *
     * @see torch.Tensor.sinc
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.sinc() // tensor([1.0000, 0.6366])
     * ```
     */
    sinc(): Tensor;
    /**
     * Degrees to radians; the method form of `tg.deg2rad`.
     *
     * @see torch.Tensor.deg2rad
     * @example
     * ```ts
     * const x = tg.tensor([180, 90])
     * x.deg2rad() // tensor([3.1416, 1.5708])
     * ```
     */
    deg2rad(): Tensor;
    /**
     * Radians to degrees; the method form of `tg.rad2deg`.
     *
     * @see torch.Tensor.rad2deg
     * @example
     * ```ts
     * const x = tg.tensor([Math.PI])
     * x.rad2deg() // tensor([180.])
     * ```
     */
    rad2deg(): Tensor;
    /**
     * True where an element is NaN; the method form of `tg.isnan`.
     *
     * @see torch.Tensor.isnan
     * @example
     * ```ts
     * const x = tg.tensor([NaN, 1])
     * x.isnan() // tensor([ True, False])
     * ```
     */
    isnan(): Tensor;
    /**
     * True where an element is +inf or -inf; the method form of `tg.isinf`.
     *
     * @see torch.Tensor.isinf
     * @example
     * ```ts
     * const x = tg.tensor([-Infinity, 1])
     * x.isinf() // tensor([ True, False])
     * ```
     */
    isinf(): Tensor;
    /**
     * True where an element is neither inf nor NaN; the method form of `tg.isfinite`.
     *
     * @see torch.Tensor.isfinite
     * @example
     * ```ts
     * const x = tg.tensor([Infinity, NaN, 1])
     * x.isfinite() // tensor([False, False,  True])
     * ```
     */
    isfinite(): Tensor;
    /**
     * Bitwise NOT of an integer or bool tensor; the method form of `tg.bitwiseNot`.
     *
     * @see torch.Tensor.bitwise_not
     * @example
     * ```ts
     * const x = tg.tensor([0, 5], { dtype: 'int32' })
     * x.bitwiseNot() // tensor([-1, -6], dtype=torch.int32)
     * ```
     */
    bitwiseNot(): Tensor;
    /**
     * The n-th derivative of digamma: `x.polygamma(n)`.
     *
     * @see torch.Tensor.polygamma
     * @example
     * ```ts
     * tg.tensor([1, 2]).polygamma(1) // tensor([1.6449, 0.6449])
     * ```
     */
    polygamma(n: number): Tensor;
    /**
     * Rounds half to even, or to `decimals` decimal places; the method form of `tg.round`.
     *
     * @see torch.Tensor.round
     * @example
     * ```ts
     * const x = tg.tensor([0.5, 1.5, 2.345])
     * x.round() // tensor([0., 2., 2.])
     * ```
     */
    round(decimals?: number | { decimals?: number }): Tensor;
    /**
     * Replaces NaN, +inf and -inf with finite numbers (0 and the dtype's extremes by default); the method form of `tg.nanToNum`.
     *
     * @see torch.Tensor.nan_to_num
     * @example
     * ```ts
     * const x = tg.tensor([NaN, Infinity, 1])
     * x.nanToNum({ posinf: 100 }) // tensor([  0., 100.,   1.])
     * ```
     */
    nanToNum(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): Tensor;
    /**
     * The angle of (other, input), elementwise, in (-pi, pi]; the method form of `tg.atan2`.
     *
     * @see torch.Tensor.atan2
     * @example
     * ```ts
     * const x = tg.tensor([1, -1])
     * x.atan2(tg.tensor([1, 1])) // tensor([ 0.7854, -0.7854])
     * ```
     */
    atan2(other: TensorLike): Tensor;
    /**
     * `sqrt(input^2 + other^2)`, elementwise; the method form of `tg.hypot`.
     *
     * @see torch.Tensor.hypot
     * @example
     * ```ts
     * const x = tg.tensor([3, 5])
     * x.hypot(tg.tensor([4, 12])) // tensor([ 5., 13.])
     * ```
     */
    hypot(other: TensorLike): Tensor;
    /**
     * Remainder with the sign of the dividend (C's fmod); the method form of `tg.fmod`.
     *
     * @see torch.Tensor.fmod
     * @example
     * ```ts
     * const x = tg.tensor([-3, 3])
     * x.fmod(2) // tensor([-1.,  1.])
     * ```
     */
    fmod(other: TensorLike): Tensor;
    /**
     * Remainder with the sign of the divisor (Python's %); the method form of `tg.remainder`.
     *
     * @see torch.Tensor.remainder
     * @example
     * ```ts
     * const x = tg.tensor([-3, 3])
     * x.remainder(2) // tensor([1., 1.])
     * ```
     */
    remainder(other: TensorLike): Tensor;
    /**
     * `input * log(other)`, 0 where input is 0; the method form of `tg.xlogy`.
     *
     * @see torch.Tensor.xlogy
     * @example
     * ```ts
     * const x = tg.tensor([0, 2])
     * x.xlogy(tg.tensor([0, Math.E])) // tensor([0.0000, 2.0000])
     * ```
     */
    xlogy(other: TensorLike): Tensor;
    /**
     * Elementwise logical AND (zero is false); the method form of `tg.logicalAnd`.
     *
     * @see torch.Tensor.logical_and
     * @example
     * ```ts
     * const x = tg.tensor([true, true, false])
     * x.logicalAnd(tg.tensor([true, false, false])) // tensor([ True, False, False])
     * ```
     */
    logicalAnd(other: TensorLike): Tensor;
    /**
     * Elementwise logical OR (zero is false); the method form of `tg.logicalOr`.
     *
     * @see torch.Tensor.logical_or
     * @example
     * ```ts
     * const x = tg.tensor([true, true, false])
     * x.logicalOr(tg.tensor([true, false, false])) // tensor([ True,  True, False])
     * ```
     */
    logicalOr(other: TensorLike): Tensor;
    /**
     * Elementwise logical XOR (zero is false); the method form of `tg.logicalXor`.
     *
     * @see torch.Tensor.logical_xor
     * @example
     * ```ts
     * const x = tg.tensor([true, true, false])
     * x.logicalXor(tg.tensor([true, false, false])) // tensor([False,  True, False])
     * ```
     */
    logicalXor(other: TensorLike): Tensor;
    /**
     * Bitwise AND of integer or bool tensors; the method form of `tg.bitwiseAnd`.
     *
     * @see torch.Tensor.bitwise_and
     * @example
     * ```ts
     * const x = tg.tensor([12, 10], { dtype: 'int32' })
     * x.bitwiseAnd(6) // tensor([4, 2], dtype=torch.int32)
     * ```
     */
    bitwiseAnd(other: TensorLike): Tensor;
    /**
     * Bitwise OR of integer or bool tensors; the method form of `tg.bitwiseOr`.
     *
     * @see torch.Tensor.bitwise_or
     * @example
     * ```ts
     * const x = tg.tensor([12, 10], { dtype: 'int32' })
     * x.bitwiseOr(1) // tensor([13, 11], dtype=torch.int32)
     * ```
     */
    bitwiseOr(other: TensorLike): Tensor;
    /**
     * Bitwise XOR of integer or bool tensors; the method form of `tg.bitwiseXor`.
     *
     * @see torch.Tensor.bitwise_xor
     * @example
     * ```ts
     * const x = tg.tensor([12, 10], { dtype: 'int32' })
     * x.bitwiseXor(6) // tensor([10, 12], dtype=torch.int32)
     * ```
     */
    bitwiseXor(other: TensorLike): Tensor;
    /**
     * Linear interpolation `input + weight * (end - input)`; the method form of `tg.lerp`.
     *
     * @see torch.Tensor.lerp
     * @example
     * ```ts
     * const x = tg.tensor([0, 10])
     * x.lerp(tg.tensor([10, 20]), 0.5) // tensor([ 5., 15.])
     * ```
     */
    lerp(end: TensorLike, weight: TensorLike): Tensor;
    /**
     * `input + value * tensor1 * tensor2`; the method form of `tg.addcmul`.
     *
     * @see torch.Tensor.addcmul
     * @example
     * ```ts
     * const x = tg.tensor([1, 1])
     * x.addcmul(tg.tensor([2, 3]), tg.tensor([4, 5]), { value: 0.5 }) // tensor([5.0000, 8.5000])
     * ```
     */
    addcmul(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor;
    /**
     * `input + value * tensor1 / tensor2`; the method form of `tg.addcdiv`.
     *
     * @see torch.Tensor.addcdiv
     * @example
     * ```ts
     * const x = tg.tensor([1, 1])
     * x.addcdiv(tg.tensor([2, 3]), tg.tensor([4, 6]), { value: 2 }) // tensor([2., 2.])
     * ```
     */
    addcdiv(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): Tensor;
    /**
     * In place: e to the power of each element. Returns this tensor.
     *
     * @see torch.Tensor.exp_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.exp_()
     * x // tensor([1.0000, 2.7183])
     * ```
     */
    exp_(): this;
    /**
     * In place: natural logarithm, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.log_
     * @example
     * ```ts
     * const x = tg.tensor([1, 100])
     * x.log_()
     * x // tensor([0.0000, 4.6052])
     * ```
     */
    log_(): this;
    /**
     * In place: square root, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.sqrt_
     * @example
     * ```ts
     * const x = tg.tensor([4, 9])
     * x.sqrt_()
     * x // tensor([2., 3.])
     * ```
     */
    sqrt_(): this;
    /**
     * In place: `1 / sqrt(input)`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.rsqrt_
     * @example
     * ```ts
     * const x = tg.tensor([4, 16])
     * x.rsqrt_()
     * x // tensor([0.5000, 0.2500])
     * ```
     */
    rsqrt_(): this;
    /**
     * In place: absolute value, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.abs_
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 2])
     * x.abs_()
     * x // tensor([1.5000, 2.0000])
     * ```
     */
    abs_(): this;
    /**
     * In place: `-input`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.neg_
     * @example
     * ```ts
     * const x = tg.tensor([1, -2])
     * x.neg_()
     * x // tensor([-1.,  2.])
     * ```
     */
    neg_(): this;
    /**
     * In place: the logistic function `1 / (1 + exp(-x))`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.sigmoid_
     * @example
     * ```ts
     * const x = tg.tensor([0, 2])
     * x.sigmoid_()
     * x // tensor([0.5000, 0.8808])
     * ```
     */
    sigmoid_(): this;
    /**
     * In place: hyperbolic tangent, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.tanh_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.tanh_()
     * x // tensor([0.0000, 0.7616])
     * ```
     */
    tanh_(): this;
    /**
     * In place: `max(input, 0)`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.relu_
     * @example
     * ```ts
     * const x = tg.tensor([-1, 0.5])
     * x.relu_()
     * x // tensor([0.0000, 0.5000])
     * ```
     */
    relu_(): this;
    /**
     * In place: sine, elementwise (radians). Returns this tensor.
     *
     * @see torch.Tensor.sin_
     * @example
     * ```ts
     * const x = tg.tensor([0, Math.PI / 2])
     * x.sin_()
     * x // tensor([0., 1.])
     * ```
     */
    sin_(): this;
    /**
     * In place: cosine, elementwise (radians). Returns this tensor.
     *
     * @see torch.Tensor.cos_
     * @example
     * ```ts
     * const x = tg.tensor([0, Math.PI])
     * x.cos_()
     * x // tensor([ 1., -1.])
     * ```
     */
    cos_(): this;
    /**
     * In place: `1 / input`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.reciprocal_
     * @example
     * ```ts
     * const x = tg.tensor([2, 4])
     * x.reciprocal_()
     * x // tensor([0.5000, 0.2500])
     * ```
     */
    reciprocal_(): this;
    /**
     * In place: -1, 0 or 1 by the sign of each element. Returns this tensor.
     *
     * @see torch.Tensor.sign_
     * @example
     * ```ts
     * const x = tg.tensor([-2, 0, 3])
     * x.sign_()
     * x // tensor([-1.,  0.,  1.])
     * ```
     */
    sign_(): this;
    /**
     * In place: `input * input`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.square_
     * @example
     * ```ts
     * const x = tg.tensor([-2, 3])
     * x.square_()
     * x // tensor([4., 9.])
     * ```
     */
    square_(): this;
    /**
     * In place: elementwise logical NOT (zero is false), a bool tensor. Returns this tensor.
     *
     * @see torch.Tensor.logical_not_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1, 2])
     * x.logicalNot_()
     * x // tensor([1., 0., 0.])
     * ```
     */
    logicalNot_(): this;
    /**
     * In place: `input` to the power `exponent`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.pow_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.pow_(2)
     * x // tensor([1., 4., 9.])
     * ```
     */
    pow_(exponent: TensorLike): this;
    /**
     * In place: hyperbolic sine, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.sinh_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.sinh_()
     * x // tensor([0.0000, 1.1752])
     * ```
     */
    sinh_(): this;
    /**
     * In place: hyperbolic cosine, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.cosh_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.cosh_()
     * x // tensor([1.0000, 1.5431])
     * ```
     */
    cosh_(): this;
    /**
     * In place: tangent, elementwise (radians). Returns this tensor.
     *
     * @see torch.Tensor.tan_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.tan_()
     * x // tensor([0.0000, 1.5574])
     * ```
     */
    tan_(): this;
    /**
     * In place: arcsine, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.asin_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.asin_()
     * x // tensor([0.0000, 1.5708])
     * ```
     */
    asin_(): this;
    /**
     * In place: arccosine, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.acos_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.acos_()
     * x // tensor([1.5708, 0.0000])
     * ```
     */
    acos_(): this;
    /**
     * In place: arctangent, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.atan_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.atan_()
     * x // tensor([0.0000, 0.7854])
     * ```
     */
    atan_(): this;
    /**
     * In place: inverse hyperbolic sine, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.asinh_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.asinh_()
     * x // tensor([0.0000, 0.8814])
     * ```
     */
    asinh_(): this;
    /**
     * In place: inverse hyperbolic cosine, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.acosh_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.acosh_()
     * x // tensor([0.0000, 1.3170])
     * ```
     */
    acosh_(): this;
    /**
     * In place: inverse hyperbolic tangent, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.atanh_
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.atanh_()
     * x // tensor([0.0000, 0.5493])
     * ```
     */
    atanh_(): this;
    /**
     * In place: base-2 logarithm, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.log2_
     * @example
     * ```ts
     * const x = tg.tensor([1, 8])
     * x.log2_()
     * x // tensor([0., 3.])
     * ```
     */
    log2_(): this;
    /**
     * In place: base-10 logarithm, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.log10_
     * @example
     * ```ts
     * const x = tg.tensor([1, 100])
     * x.log10_()
     * x // tensor([0., 2.])
     * ```
     */
    log10_(): this;
    /**
     * In place: `log(1 + input)`, accurate for small inputs. Returns this tensor.
     *
     * @see torch.Tensor.log1p_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1e-8])
     * x.log1p_()
     * x // tensor([0.0000e+00, 1.0000e-08])
     * ```
     */
    log1p_(): this;
    /**
     * In place: `exp(input) - 1`, accurate for small inputs. Returns this tensor.
     *
     * @see torch.Tensor.expm1_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.expm1_()
     * x // tensor([0.0000, 1.7183])
     * ```
     */
    expm1_(): this;
    /**
     * In place: 2 to the power of each element. Returns this tensor.
     *
     * @see torch.Tensor.exp2_
     * @example
     * ```ts
     * const x = tg.tensor([0, 3])
     * x.exp2_()
     * x // tensor([1., 8.])
     * ```
     */
    exp2_(): this;
    /**
     * In place: the complementary error function `1 - erf(x)`. Returns this tensor.
     *
     * @see torch.Tensor.erfc_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.erfc_()
     * x // tensor([1.0000, 0.1573])
     * ```
     */
    erfc_(): this;
    /**
     * In place: the inverse error function. Returns this tensor.
     *
     * @see torch.Tensor.erfinv_
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.erfinv_()
     * x // tensor([0.0000, 0.4769])
     * ```
     */
    erfinv_(): this;
    /**
     * In place: log |Gamma(x)|, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.lgamma_
     * @example
     * ```ts
     * const x = tg.tensor([1, 5])
     * x.lgamma_()
     * x // tensor([0.0000, 3.1781])
     * ```
     */
    lgamma_(): this;
    /**
     * In place: the digamma function (derivative of lgamma). Returns this tensor.
     *
     * @see torch.Tensor.digamma_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.digamma_()
     * x // tensor([-0.5772,  0.4228])
     * ```
     */
    digamma_(): this;
    /**
     * In place: rounds down, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.floor_
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 1.5])
     * x.floor_()
     * x // tensor([-2.,  1.])
     * ```
     */
    floor_(): this;
    /**
     * In place: rounds up, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.ceil_
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 1.5])
     * x.ceil_()
     * x // tensor([-1.,  2.])
     * ```
     */
    ceil_(): this;
    /**
     * In place: rounds toward zero, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.trunc_
     * @example
     * ```ts
     * const x = tg.tensor([-1.5, 1.5])
     * x.trunc_()
     * x // tensor([-1.,  1.])
     * ```
     */
    trunc_(): this;
    /**
     * In place: the fractional part `x - trunc(x)`. Returns this tensor.
     *
     * @see torch.Tensor.frac_
     * @example
     * ```ts
     * const x = tg.tensor([-1.25, 2.5])
     * x.frac_()
     * x // tensor([-0.2500,  0.5000])
     * ```
     */
    frac_(): this;
    /**
     * In place: the normalized sinc `sin(pi x) / (pi x)`. Returns this tensor.
     *
     * @see torch.Tensor.sinc_
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.sinc_()
     * x // tensor([1.0000, 0.6366])
     * ```
     */
    sinc_(): this;
    /**
     * In place: degrees to radians. Returns this tensor.
     *
     * @see torch.Tensor.deg2rad_
     * @example
     * ```ts
     * const x = tg.tensor([180, 90])
     * x.deg2rad_()
     * x // tensor([3.1416, 1.5708])
     * ```
     */
    deg2rad_(): this;
    /**
     * In place: radians to degrees. Returns this tensor.
     *
     * @see torch.Tensor.rad2deg_
     * @example
     * ```ts
     * const x = tg.tensor([Math.PI])
     * x.rad2deg_()
     * x // tensor([180.])
     * ```
     */
    rad2deg_(): this;
    /**
     * In place: bitwise NOT of an integer or bool tensor. Returns this tensor.
     *
     * @see torch.Tensor.bitwise_not_
     * @example
     * ```ts
     * const x = tg.tensor([0, 5], { dtype: 'int32' })
     * x.bitwiseNot_()
     * x // tensor([-1, -6], dtype=torch.int32)
     * ```
     */
    bitwiseNot_(): this;
    /**
     * In place: the n-th derivative of digamma.
     *
     * @see torch.Tensor.polygamma_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.polygamma_(1)
     * x // tensor([1.6449, 0.6449])
     * ```
     */
    polygamma_(n: number): this;
    /**
     * In place: rounds half to even, or to `decimals` decimal places. Returns this tensor.
     *
     * @see torch.Tensor.round_
     * @example
     * ```ts
     * const x = tg.tensor([0.5, 1.5, 2.345])
     * x.round_()
     * x // tensor([0., 2., 2.])
     * ```
     */
    round_(decimals?: number | { decimals?: number }): this;
    /**
     * In place: replaces NaN, +inf and -inf with finite numbers (0 and the dtype's extremes by default). Returns this tensor.
     *
     * @see torch.Tensor.nan_to_num_
     * @example
     * ```ts
     * const x = tg.tensor([NaN, Infinity, 1])
     * x.nanToNum_({ posinf: 100 })
     * x // tensor([  0., 100.,   1.])
     * ```
     */
    nanToNum_(nan?: number | EM.NanToNumOptions | null, posinf?: number | null, neginf?: number | null): this;
    /**
     * In place: the angle of (other, input), elementwise, in (-pi, pi]. Returns this tensor.
     *
     * @see torch.Tensor.atan2_
     * @example
     * ```ts
     * const x = tg.tensor([1, -1])
     * x.atan2_(tg.tensor([1, 1]))
     * x // tensor([ 0.7854, -0.7854])
     * ```
     */
    atan2_(other: TensorLike): this;
    /**
     * In place: `sqrt(input^2 + other^2)`, elementwise. Returns this tensor.
     *
     * @see torch.Tensor.hypot_
     * @example
     * ```ts
     * const x = tg.tensor([3, 5])
     * x.hypot_(tg.tensor([4, 12]))
     * x // tensor([ 5., 13.])
     * ```
     */
    hypot_(other: TensorLike): this;
    /**
     * In place: remainder with the sign of the dividend (C's fmod). Returns this tensor.
     *
     * @see torch.Tensor.fmod_
     * @example
     * ```ts
     * const x = tg.tensor([-3, 3])
     * x.fmod_(2)
     * x // tensor([-1.,  1.])
     * ```
     */
    fmod_(other: TensorLike): this;
    /**
     * In place: remainder with the sign of the divisor (Python's %). Returns this tensor.
     *
     * @see torch.Tensor.remainder_
     * @example
     * ```ts
     * const x = tg.tensor([-3, 3])
     * x.remainder_(2)
     * x // tensor([1., 1.])
     * ```
     */
    remainder_(other: TensorLike): this;
    /**
     * In place: `input * log(other)`, 0 where input is 0. Returns this tensor.
     *
     * @see torch.Tensor.xlogy_
     * @example
     * ```ts
     * const x = tg.tensor([0, 2])
     * x.xlogy_(tg.tensor([0, Math.E]))
     * x // tensor([0.0000, 2.0000])
     * ```
     */
    xlogy_(other: TensorLike): this;
    /**
     * In place: elementwise logical AND (zero is false). Returns this tensor.
     *
     * @see torch.Tensor.logical_and_
     * @example
     * ```ts
     * const x = tg.tensor([true, true, false])
     * x.logicalAnd_(tg.tensor([true, false, false]))
     * x // tensor([ True, False, False])
     * ```
     */
    logicalAnd_(other: TensorLike): this;
    /**
     * In place: elementwise logical OR (zero is false). Returns this tensor.
     *
     * @see torch.Tensor.logical_or_
     * @example
     * ```ts
     * const x = tg.tensor([true, true, false])
     * x.logicalOr_(tg.tensor([true, false, false]))
     * x // tensor([ True,  True, False])
     * ```
     */
    logicalOr_(other: TensorLike): this;
    /**
     * In place: elementwise logical XOR (zero is false). Returns this tensor.
     *
     * @see torch.Tensor.logical_xor_
     * @example
     * ```ts
     * const x = tg.tensor([true, true, false])
     * x.logicalXor_(tg.tensor([true, false, false]))
     * x // tensor([False,  True, False])
     * ```
     */
    logicalXor_(other: TensorLike): this;
    /**
     * In place: bitwise AND of integer or bool tensors. Returns this tensor.
     *
     * @see torch.Tensor.bitwise_and_
     * @example
     * ```ts
     * const x = tg.tensor([12, 10], { dtype: 'int32' })
     * x.bitwiseAnd_(6)
     * x // tensor([4, 2], dtype=torch.int32)
     * ```
     */
    bitwiseAnd_(other: TensorLike): this;
    /**
     * In place: bitwise OR of integer or bool tensors. Returns this tensor.
     *
     * @see torch.Tensor.bitwise_or_
     * @example
     * ```ts
     * const x = tg.tensor([12, 10], { dtype: 'int32' })
     * x.bitwiseOr_(1)
     * x // tensor([13, 11], dtype=torch.int32)
     * ```
     */
    bitwiseOr_(other: TensorLike): this;
    /**
     * In place: bitwise XOR of integer or bool tensors. Returns this tensor.
     *
     * @see torch.Tensor.bitwise_xor_
     * @example
     * ```ts
     * const x = tg.tensor([12, 10], { dtype: 'int32' })
     * x.bitwiseXor_(6)
     * x // tensor([10, 12], dtype=torch.int32)
     * ```
     */
    bitwiseXor_(other: TensorLike): this;
    /**
     * In place: linear interpolation `input + weight * (end - input)`. Returns this tensor.
     *
     * @see torch.Tensor.lerp_
     * @example
     * ```ts
     * const x = tg.tensor([0, 10])
     * x.lerp_(tg.tensor([10, 20]), 0.5)
     * x // tensor([ 5., 15.])
     * ```
     */
    lerp_(end: TensorLike, weight: TensorLike): this;
    /**
     * In place: `input + value * tensor1 * tensor2`. Returns this tensor.
     *
     * @see torch.Tensor.addcmul_
     * @example
     * ```ts
     * const x = tg.tensor([1, 1])
     * x.addcmul_(tg.tensor([2, 3]), tg.tensor([4, 5]), { value: 0.5 })
     * x // tensor([5.0000, 8.5000])
     * ```
     */
    addcmul_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): this;
    /**
     * In place: `input + value * tensor1 / tensor2`. Returns this tensor.
     *
     * @see torch.Tensor.addcdiv_
     * @example
     * ```ts
     * const x = tg.tensor([1, 1])
     * x.addcdiv_(tg.tensor([2, 3]), tg.tensor([4, 6]), { value: 2 })
     * x // tensor([2., 2.])
     * ```
     */
    addcdiv_(tensor1: Tensor, tensor2: Tensor, value?: number | EM.ValueOptions): this;

    // ---- issue 15's second batch (lib/ops/methods_more.ts): PyTorch's alias names, then new ops ------------------
    /**
     * |x| elementwise (PyTorch's alias of abs).
     *
     * @see torch.Tensor.absolute
     * @example
     * ```ts
     * tg.tensor([-1, 2]).absolute() // tensor([1., 2.])
     * ```
     */
    absolute(): Tensor;
    /**
     * In place: absolute. Returns this tensor.
     *
     * @see torch.Tensor.absolute_
     * @example
     * ```ts
     * const x = tg.tensor([-1, 2])
     * x.absolute_()
     * x // tensor([1., 2.])
     * ```
     */
    absolute_(): this;
    /**
     * The inverse cosine elementwise (PyTorch's alias of acos).
     *
     * @see torch.Tensor.arccos
     * @example
     * ```ts
     * tg.tensor([1, 0]).arccos() // tensor([0.0000, 1.5708])
     * ```
     */
    arccos(): Tensor;
    /**
     * In place: arccos. Returns this tensor.
     *
     * @see torch.Tensor.arccos_
     * @example
     * ```ts
     * const x = tg.tensor([1, 0])
     * x.arccos_()
     * x // tensor([0.0000, 1.5708])
     * ```
     */
    arccos_(): this;
    /**
     * The inverse hyperbolic cosine elementwise (PyTorch's alias of acosh).
     *
     * @see torch.Tensor.arccosh
     * @example
     * ```ts
     * tg.tensor([1, 2]).arccosh() // tensor([0.0000, 1.3170])
     * ```
     */
    arccosh(): Tensor;
    /**
     * In place: arccosh. Returns this tensor.
     *
     * @see torch.Tensor.arccosh_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.arccosh_()
     * x // tensor([0.0000, 1.3170])
     * ```
     */
    arccosh_(): this;
    /**
     * The inverse sine elementwise (PyTorch's alias of asin).
     *
     * @see torch.Tensor.arcsin
     * @example
     * ```ts
     * tg.tensor([0, 1]).arcsin() // tensor([0.0000, 1.5708])
     * ```
     */
    arcsin(): Tensor;
    /**
     * In place: arcsin. Returns this tensor.
     *
     * @see torch.Tensor.arcsin_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.arcsin_()
     * x // tensor([0.0000, 1.5708])
     * ```
     */
    arcsin_(): this;
    /**
     * The inverse hyperbolic sine elementwise (PyTorch's alias of asinh).
     *
     * @see torch.Tensor.arcsinh
     * @example
     * ```ts
     * tg.tensor([0, 1]).arcsinh() // tensor([0.0000, 0.8814])
     * ```
     */
    arcsinh(): Tensor;
    /**
     * In place: arcsinh. Returns this tensor.
     *
     * @see torch.Tensor.arcsinh_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.arcsinh_()
     * x // tensor([0.0000, 0.8814])
     * ```
     */
    arcsinh_(): this;
    /**
     * The inverse tangent elementwise (PyTorch's alias of atan).
     *
     * @see torch.Tensor.arctan
     * @example
     * ```ts
     * tg.tensor([0, 1]).arctan() // tensor([0.0000, 0.7854])
     * ```
     */
    arctan(): Tensor;
    /**
     * In place: arctan. Returns this tensor.
     *
     * @see torch.Tensor.arctan_
     * @example
     * ```ts
     * const x = tg.tensor([0, 1])
     * x.arctan_()
     * x // tensor([0.0000, 0.7854])
     * ```
     */
    arctan_(): this;
    /**
     * The inverse hyperbolic tangent elementwise (PyTorch's alias of atanh).
     *
     * @see torch.Tensor.arctanh
     * @example
     * ```ts
     * tg.tensor([0, 0.5]).arctanh() // tensor([0.0000, 0.5493])
     * ```
     */
    arctanh(): Tensor;
    /**
     * In place: arctanh. Returns this tensor.
     *
     * @see torch.Tensor.arctanh_
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.arctanh_()
     * x // tensor([0.0000, 0.5493])
     * ```
     */
    arctanh_(): this;
    /**
     * atan2(this, other): the angle of the point (other, this), in (-pi, pi] (PyTorch's alias of atan2).
     *
     * @see torch.Tensor.arctan2
     * @example
     * ```ts
     * tg.tensor([1, -1]).arctan2(tg.tensor([0, 0])) // tensor([ 1.5708, -1.5708])
     * ```
     */
    arctan2(other: TensorLike): Tensor;
    /**
     * In place: arctan2. Returns this tensor.
     *
     * @see torch.Tensor.arctan2_
     * @example
     * ```ts
     * const y = tg.tensor([1, 1])
     * y.arctan2_(tg.tensor([1, -1]))
     * y // tensor([0.7854, 2.3562])
     * ```
     */
    arctan2_(other: TensorLike): this;
    /**
     * this * other elementwise, broadcasting (PyTorch's alias of mul).
     *
     * @see torch.Tensor.multiply
     * @example
     * ```ts
     * tg.tensor([1, 2]).multiply(3) // tensor([3., 6.])
     * ```
     */
    multiply(other: TensorLike): Tensor;
    /**
     * In place: multiply. Returns this tensor.
     *
     * @see torch.Tensor.multiply_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2])
     * x.multiply_(tg.tensor([3, 4]))
     * x // tensor([3., 8.])
     * ```
     */
    multiply_(other: TensorLike): this;
    /**
     * this / other elementwise, true division (PyTorch's alias of div).
     *
     * @see torch.Tensor.divide
     * @example
     * ```ts
     * tg.tensor([1, 3]).divide(2) // tensor([0.5000, 1.5000])
     * ```
     */
    divide(other: TensorLike, roundingMode?: DivRounding | null | { roundingMode?: DivRounding | null }): Tensor;
    /**
     * In place: divide. Returns this tensor.
     *
     * @see torch.Tensor.divide_
     * @example
     * ```ts
     * const x = tg.tensor([1, 3])
     * x.divide_(2)
     * x // tensor([0.5000, 1.5000])
     * ```
     */
    divide_(other: TensorLike, roundingMode?: DivRounding | null | { roundingMode?: DivRounding | null }): this;
    /**
     * this - alpha * other elementwise (PyTorch's alias of sub).
     *
     * @see torch.Tensor.subtract
     * @example
     * ```ts
     * const x = tg.tensor([5, 6])
     * x.subtract(1) // tensor([4., 5.])
     * x.subtract(tg.tensor([1, 2]), { alpha: 2 }) // tensor([3., 2.])
     * ```
     */
    subtract(other: TensorLike, alpha?: number | { alpha?: number }): Tensor;
    /**
     * In place: subtract. Returns this tensor.
     *
     * @see torch.Tensor.subtract_
     * @example
     * ```ts
     * const x = tg.tensor([5, 6])
     * x.subtract_(1)
     * x // tensor([4., 5.])
     * ```
     */
    subtract_(other: TensorLike, alpha?: number | { alpha?: number }): this;
    /**
     * this / other, always true (float) division (PyTorch's alias of div).
     *
     * @see torch.Tensor.true_divide
     * @example
     * ```ts
     * tg.tensor([1, 3], { dtype: 'int32' }).trueDivide(2) // tensor([0.5000, 1.5000])
     * ```
     */
    trueDivide(other: TensorLike): Tensor;
    /**
     * In place: trueDivide. Returns this tensor.
     *
     * @see torch.Tensor.true_divide_
     * @example
     * ```ts
     * const x = tg.tensor([1, 3])
     * x.trueDivide_(2)
     * x // tensor([0.5000, 1.5000])
     * ```
     */
    trueDivide_(other: TensorLike): this;
    /**
     * this > other elementwise, a bool tensor (PyTorch's alias of gt).
     *
     * @see torch.Tensor.greater
     * @example
     * ```ts
     * tg.tensor([1, 2, 3]).greater(2) // tensor([False, False,  True])
     * ```
     */
    greater(other: TensorLike): Tensor;
    /**
     * this >= other elementwise, a bool tensor (PyTorch's alias of ge).
     *
     * @see torch.Tensor.greater_equal
     * @example
     * ```ts
     * tg.tensor([1, 2, 3]).greaterEqual(2) // tensor([False,  True,  True])
     * ```
     */
    greaterEqual(other: TensorLike): Tensor;
    /**
     * this < other elementwise, a bool tensor (PyTorch's alias of lt).
     *
     * @see torch.Tensor.less
     * @example
     * ```ts
     * tg.tensor([1, 2, 3]).less(2) // tensor([ True, False, False])
     * ```
     */
    less(other: TensorLike): Tensor;
    /**
     * this <= other elementwise, a bool tensor (PyTorch's alias of le).
     *
     * @see torch.Tensor.less_equal
     * @example
     * ```ts
     * tg.tensor([1, 2, 3]).lessEqual(2) // tensor([ True,  True, False])
     * ```
     */
    lessEqual(other: TensorLike): Tensor;
    /**
     * this != other elementwise, a bool tensor (PyTorch's alias of ne).
     *
     * @see torch.Tensor.not_equal
     * @example
     * ```ts
     * tg.tensor([1, 2, 3]).notEqual(2) // tensor([ True, False,  True])
     * ```
     */
    notEqual(other: TensorLike): Tensor;
    /**
     * -this elementwise (PyTorch's alias of neg).
     *
     * @see torch.Tensor.negative
     * @example
     * ```ts
     * tg.tensor([1, -2]).negative() // tensor([-1.,  2.])
     * ```
     */
    negative(): Tensor;
    /**
     * In place: negative. Returns this tensor.
     *
     * @see torch.Tensor.negative_
     * @example
     * ```ts
     * const x = tg.tensor([1, -2])
     * x.negative_()
     * x // tensor([-1.,  2.])
     * ```
     */
    negative_(): this;
    /**
     * This tensor itself (unary +); a TypeError for a bool tensor, as PyTorch.
     *
     * @see torch.Tensor.positive
     * @example
     * ```ts
     * const x = tg.tensor([1, -2])
     * x.positive() === x // => true
     * ```
     */
    positive(): Tensor;
    /**
     * Clamps each element into [min, max] (PyTorch's alias of clamp).
     *
     * @see torch.Tensor.clip
     * @example
     * ```ts
     * tg.tensor([-2, 0.5, 3]).clip(0, 1) // tensor([0.0000, 0.5000, 1.0000])
     * tg.tensor([-2, 0.5, 3]).clip({ max: 1 }) // tensor([-2.0000,  0.5000,  1.0000])
     * ```
     */
    clip(min?: TensorLike | null | { min?: TensorLike | null; max?: TensorLike | null }, max?: TensorLike | null): Tensor;
    /**
     * In place: clip. Returns this tensor.
     *
     * @see torch.Tensor.clip_
     * @example
     * ```ts
     * const x = tg.tensor([-2, 0.5, 3])
     * x.clip_(0, 1)
     * x // tensor([0.0000, 0.5000, 1.0000])
     * ```
     */
    clip_(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): this;
    /**
     * Rounds toward zero (PyTorch's alias of trunc).
     *
     * @see torch.Tensor.fix
     * @example
     * ```ts
     * tg.tensor([-1.7, 1.7]).fix() // tensor([-1.,  1.])
     * ```
     */
    fix(): Tensor;
    /**
     * In place: fix. Returns this tensor.
     *
     * @see torch.Tensor.fix_
     * @example
     * ```ts
     * const x = tg.tensor([-1.7, 1.7])
     * x.fix_()
     * x // tensor([-1.,  1.])
     * ```
     */
    fix_(): this;
    /**
     * The outer product of two 1-D tensors (PyTorch's alias of outer).
     *
     * @see torch.Tensor.ger
     * @example
     * ```ts
     * tg.tensor([1, 2]).ger(tg.tensor([1, 10]))
     * // tensor([[ 1., 10.],
     * //         [ 2., 20.]])
     * ```
     */
    ger(vec2: Tensor): Tensor;
    /**
     * Elementwise maximum that ignores NaN (NaN only where both are NaN).
     *
     * @see torch.Tensor.fmax
     * @example
     * ```ts
     * tg.tensor([1, NaN]).fmax(tg.tensor([2, 3])) // tensor([2., 3.])
     * ```
     */
    fmax(other: Tensor): Tensor;
    /**
     * Elementwise minimum that ignores NaN (NaN only where both are NaN).
     *
     * @see torch.Tensor.fmin
     * @example
     * ```ts
     * tg.tensor([1, NaN]).fmin(tg.tensor([2, 3])) // tensor([1., 3.])
     * ```
     */
    fmin(other: Tensor): Tensor;
    /**
     * |this| with the sign bit of other, elementwise (float).
     *
     * @see torch.Tensor.copysign
     * @example
     * ```ts
     * tg.tensor([1, -2]).copysign(-1) // tensor([-1., -2.])
     * ```
     */
    copysign(other: TensorLike): Tensor;
    /**
     * In place: copysign. Returns this tensor.
     *
     * @see torch.Tensor.copysign_
     * @example
     * ```ts
     * const x = tg.tensor([1, -2])
     * x.copysign_(tg.tensor([-1, 1]))
     * x // tensor([-1.,  2.])
     * ```
     */
    copysign_(other: TensorLike): this;
    /**
     * |this - other| <= atol + rtol * |other| elementwise, a bool tensor (NaN close only with equalNan).
     *
     * @see torch.Tensor.isclose
     * @example
     * ```ts
     * tg.tensor([1, 2]).isclose(tg.tensor([1.000001, 2.1])) // tensor([ True, False])
     * tg.tensor([1, 2]).isclose(tg.tensor([1, 2.1]), { rtol: 0.1 }) // tensor([True, True])
     * ```
     */
    isclose(other: Tensor, rtol?: number | { rtol?: number; atol?: number; equalNan?: boolean }, atol?: number, equalNan?: boolean): Tensor;
    /**
     * Rotated by 90 degrees k times in the plane of dims (from the first towards the second).
     *
     * @see torch.Tensor.rot90
     * @example
     * ```ts
     * tg.tensor([[1, 2], [3, 4]]).rot90()
     * // tensor([[2., 4.],
     * //         [1., 3.]])
     * ```
     */
    rot90(k?: number | { k?: number; dims?: number[] }, dims?: number[]): Tensor;
    /**
     * This tensor flattened onto diagonal `offset` of a square matrix.
     *
     * @see torch.Tensor.diagflat
     * @example
     * ```ts
     * tg.tensor([1, 2]).diagflat()
     * // tensor([[1., 0.],
     * //         [0., 2.]])
     * ```
     */
    diagflat(offset?: number | { offset?: number }): Tensor;
    /**
     * The error function elementwise.
     *
     * @see torch.Tensor.erf
     * @example
     * ```ts
     * tg.tensor([0, 0.5, -1]).erf() // tensor([ 0.0000,  0.5205, -0.8427])
     * ```
     */
    erf(): Tensor;
    /**
     * In place: erf. Returns this tensor.
     *
     * @see torch.Tensor.erf_
     * @example
     * ```ts
     * const x = tg.tensor([0, 0.5])
     * x.erf_()
     * x // tensor([0.0000, 0.5205])
     * ```
     */
    erf_(): this;
    /**
     * log(exp(this) + exp(other)) elementwise, without overflow.
     *
     * @see torch.Tensor.logaddexp
     * @example
     * ```ts
     * tg.tensor([0, 1000]).logaddexp(tg.tensor([0, 1000])) // tensor([6.9315e-01, 1.0007e+03])
     * ```
     */
    logaddexp(other: TensorLike): Tensor;
    /**
     * log2(2^this + 2^other) elementwise, without overflow.
     *
     * @see torch.Tensor.logaddexp2
     * @example
     * ```ts
     * tg.tensor([1, 3]).logaddexp2(tg.tensor([1, 3])) // tensor([2., 4.])
     * ```
     */
    logaddexp2(other: TensorLike): Tensor;
    /**
     * log(p / (1 - p)) elementwise; with eps, p is clamped to [eps, 1 - eps] first.
     *
     * @see torch.Tensor.logit
     * @example
     * ```ts
     * tg.tensor([0.25, 0.5]).logit() // tensor([-1.0986,  0.0000])
     * tg.tensor([0, 1]).logit(0.25) // tensor([-1.0986,  1.0986])
     * ```
     */
    logit(eps?: number | null | { eps?: number | null }): Tensor;
    /**
     * In place: logit. Returns this tensor.
     *
     * @see torch.Tensor.logit_
     * @example
     * ```ts
     * const x = tg.tensor([0.25, 0.5])
     * x.logit_()
     * x // tensor([-1.0986,  0.0000])
     * ```
     */
    logit_(eps?: number | null | { eps?: number | null }): this;
    /**
     * The sign of each element (for real tensors the values of sign).
     *
     * @see torch.Tensor.sgn
     * @example
     * ```ts
     * tg.tensor([-2, 0, 3]).sgn() // tensor([-1.,  0.,  1.])
     * ```
     */
    sgn(): Tensor;
    /**
     * In place: sgn. Returns this tensor.
     *
     * @see torch.Tensor.sgn_
     * @example
     * ```ts
     * const x = tg.tensor([-2, 0, 3])
     * x.sgn_()
     * x // tensor([-1.,  0.,  1.])
     * ```
     */
    sgn_(): this;
    /**
     * max(this, min) elementwise (clamp with only a lower bound).
     *
     * @see torch.Tensor.clamp_min
     * @example
     * ```ts
     * tg.tensor([-1, 2]).clampMin(0) // tensor([0., 2.])
     * ```
     */
    clampMin(min: number | { min: number }): Tensor;
    /**
     * In place: clampMin. Returns this tensor.
     *
     * @see torch.Tensor.clamp_min_
     * @example
     * ```ts
     * const x = tg.tensor([-1, 2])
     * x.clampMin_(0)
     * x // tensor([0., 2.])
     * ```
     */
    clampMin_(min: number | { min: number }): this;
    /**
     * min(this, max) elementwise (clamp with only an upper bound).
     *
     * @see torch.Tensor.clamp_max
     * @example
     * ```ts
     * tg.tensor([-1, 2]).clampMax(1) // tensor([-1.,  1.])
     * ```
     */
    clampMax(max: number | { max: number }): Tensor;
    /**
     * In place: clampMax. Returns this tensor.
     *
     * @see torch.Tensor.clamp_max_
     * @example
     * ```ts
     * const x = tg.tensor([-1, 2])
     * x.clampMax_(1)
     * x // tensor([-1.,  1.])
     * ```
     */
    clampMax_(max: number | { max: number }): this;
    /**
     * The maximum over dim(s) (all by default); ties share the gradient evenly.
     *
     * @see torch.Tensor.amax
     * @example
     * ```ts
     * const x = tg.tensor([[1, 5], [7, 2]])
     * x.amax() // tensor(7.)
     * x.amax(1) // tensor([5., 7.])
     * ```
     */
    amax(dim?: number | number[] | R.DimOptions | null, keepdim?: boolean): Tensor;
    /**
     * The minimum over dim(s) (all by default); ties share the gradient evenly.
     *
     * @see torch.Tensor.amin
     * @example
     * ```ts
     * const x = tg.tensor([[1, 5], [7, 2]])
     * x.amin(0) // tensor([1., 2.])
     * x.amin(1, true)
     * // tensor([[1.],
     * //         [2.]])
     * ```
     */
    amin(dim?: number | number[] | R.DimOptions | null, keepdim?: boolean): Tensor;
    /**
     * The minimum and maximum over dim (one dim, or all), in one call: { min, max }.
     *
     * @see torch.Tensor.aminmax
     * @example
     * ```ts
     * const { min, max } = tg.tensor([[1, 5], [7, 2]]).aminmax({ dim: 1 })
     * min // tensor([1., 2.])
     * max // tensor([5., 7.])
     * ```
     */
    aminmax(dim?: number | R.DimOptions | null, keepdim?: boolean): R.MinMax;
    /**
     * Sum over dim(s) (all by default), treating NaN as zero.
     *
     * @see torch.Tensor.nansum
     * @example
     * ```ts
     * tg.tensor([[1, NaN], [2, 3]]).nansum(0) // tensor([3., 3.])
     * ```
     */
    nansum(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean, dtype?: DType | null): Tensor;
    /**
     * Mean of the non-NaN elements over dim(s) (all by default).
     *
     * @see torch.Tensor.nanmean
     * @example
     * ```ts
     * tg.tensor([1, NaN, 3]).nanmean() // tensor(2.)
     * ```
     */
    nanmean(dim?: number | number[] | R.SumOptions | null, keepdim?: boolean, dtype?: DType | null): Tensor;
    /**
     * The number of non-zero elements over dim(s) (all by default).
     *
     * @see torch.Tensor.count_nonzero
     * @example
     * ```ts
     * const x = tg.tensor([[0, 1, 2], [0, 0, 3]])
     * x.countNonzero().item() // => 3
     * x.countNonzero(1).tolist() // => [2, 1]
     * ```
     */
    countNonzero(dim?: number | number[] | { dim?: number | number[] | null } | null): Tensor;
    /**
     * beta * this + alpha * (mat1 @ mat2).
     *
     * @see torch.Tensor.addmm
     * @example
     * ```ts
     * tg.tensor([1, -1]).addmm(tg.tensor([[1, 2], [3, 4]]), tg.eye(2))
     * // tensor([[2., 1.],
     * //         [4., 3.]])
     * ```
     */
    addmm(mat1: Tensor, mat2: Tensor, beta?: number | ScaleArgs, alpha?: number): Tensor;
    /**
     * In place: addmm. Returns this tensor.
     *
     * @see torch.Tensor.addmm_
     * @example
     * ```ts
     * const x = tg.zeros(2, 2)
     * x.addmm_(tg.tensor([[1, 2], [3, 4]]), tg.eye(2), { alpha: 2 })
     * x
     * // tensor([[2., 4.],
     * //         [6., 8.]])
     * ```
     */
    addmm_(mat1: Tensor, mat2: Tensor, beta?: number | ScaleArgs, alpha?: number): this;
    /**
     * beta * this + alpha * (mat @ vec).
     *
     * @see torch.Tensor.addmv
     * @example
     * ```ts
     * tg.tensor([10, 20]).addmv(tg.tensor([[1, 2], [3, 4]]), tg.tensor([1, 1])) // tensor([13., 27.])
     * ```
     */
    addmv(mat: Tensor, vec: Tensor, beta?: number | ScaleArgs, alpha?: number): Tensor;
    /**
     * In place: addmv. Returns this tensor.
     *
     * @see torch.Tensor.addmv_
     * @example
     * ```ts
     * const x = tg.tensor([10, 20])
     * x.addmv_(tg.tensor([[1, 2], [3, 4]]), tg.tensor([1, 1]), { beta: 0 })
     * x // tensor([3., 7.])
     * ```
     */
    addmv_(mat: Tensor, vec: Tensor, beta?: number | ScaleArgs, alpha?: number): this;
    /**
     * beta * this + alpha * outer(vec1, vec2).
     *
     * @see torch.Tensor.addr
     * @example
     * ```ts
     * tg.zeros(2, 2).addr(tg.tensor([1, 2]), tg.tensor([1, 10]))
     * // tensor([[ 1., 10.],
     * //         [ 2., 20.]])
     * ```
     */
    addr(vec1: Tensor, vec2: Tensor, beta?: number | ScaleArgs, alpha?: number): Tensor;
    /**
     * In place: addr. Returns this tensor.
     *
     * @see torch.Tensor.addr_
     * @example
     * ```ts
     * const x = tg.ones(2, 2)
     * x.addr_(tg.tensor([1, 2]), tg.tensor([1, 10]))
     * x
     * // tensor([[ 2., 11.],
     * //         [ 3., 21.]])
     * ```
     */
    addr_(vec1: Tensor, vec2: Tensor, beta?: number | ScaleArgs, alpha?: number): this;
    /**
     * beta * this + alpha * bmm(batch1, batch2).
     *
     * @see torch.Tensor.baddbmm
     * @example
     * ```ts
     * tg.ones(2, 1, 1).baddbmm(tg.ones(2, 1, 2), tg.ones(2, 2, 1)).shape // => [2, 1, 1]
     * ```
     */
    baddbmm(batch1: Tensor, batch2: Tensor, beta?: number | ScaleArgs, alpha?: number): Tensor;
    /**
     * In place: baddbmm. Returns this tensor.
     *
     * @see torch.Tensor.baddbmm_
     * @example
     * ```ts
     * const x = tg.zeros(1, 1, 1)
     * x.baddbmm_(tg.ones(1, 1, 3), tg.ones(1, 3, 1))
     * x // tensor([[[3.]]])
     * ```
     */
    baddbmm_(batch1: Tensor, batch2: Tensor, beta?: number | ScaleArgs, alpha?: number): this;
    /**
     * beta * this + alpha * the sum over the batch of batch1[i] @ batch2[i].
     *
     * @see torch.Tensor.addbmm
     * @example
     * ```ts
     * tg.zeros(1, 2).addbmm(tg.ones(3, 1, 2), tg.ones(3, 2, 2)) // tensor([[6., 6.]])
     * ```
     */
    addbmm(batch1: Tensor, batch2: Tensor, beta?: number | ScaleArgs, alpha?: number): Tensor;
    /**
     * In place: addbmm. Returns this tensor.
     *
     * @see torch.Tensor.addbmm_
     * @example
     * ```ts
     * const x = tg.ones(1, 2)
     * x.addbmm_(tg.ones(3, 1, 2), tg.ones(3, 2, 2))
     * x // tensor([[7., 7.]])
     * ```
     */
    addbmm_(batch1: Tensor, batch2: Tensor, beta?: number | ScaleArgs, alpha?: number): this;
    /**
     * The dot product of two 1-D tensors (for real tensors the value of dot).
     *
     * @see torch.Tensor.vdot
     * @example
     * ```ts
     * tg.tensor([1, 2, 3]).vdot(tg.tensor([4, 5, 6])) // tensor(32.)
     * ```
     */
    vdot(other: Tensor): Tensor;
    /**
     * The inner product over the last dims (a product when either is 0-d).
     *
     * @see torch.Tensor.inner
     * @example
     * ```ts
     * tg.tensor([[1, 2], [3, 4]]).inner(tg.tensor([1, 1])) // tensor([3., 7.])
     * ```
     */
    inner(other: Tensor): Tensor;
    /**
     * The Kronecker product.
     *
     * @see torch.Tensor.kron
     * @example
     * ```ts
     * tg.tensor([1, 2]).kron(tg.tensor([1, 10])) // tensor([ 1., 10.,  2., 20.])
     * ```
     */
    kron(other: Tensor): Tensor;
    /**
     * The cross product along dim (default: the first dim of size 3, as PyTorch 1.13).
     *
     * @see torch.Tensor.cross
     * @example
     * ```ts
     * tg.tensor([1, 0, 0]).cross(tg.tensor([0, 1, 0])) // tensor([0., 0., 1.])
     * ```
     */
    cross(other: Tensor, dim?: number | null | { dim?: number | null }): Tensor;
    /**
     * The sum of the main diagonal of a 2-D tensor.
     *
     * @see torch.Tensor.trace
     * @example
     * ```ts
     * tg.tensor([[1, 2], [3, 4]]).trace() // tensor(5.)
     * ```
     */
    trace(): Tensor;
    /**
     * This tensor expanded to `size` (a view; -1 keeps a dim).
     *
     * @see torch.Tensor.broadcast_to
     * @example
     * ```ts
     * tg.tensor([1, 2]).broadcastTo([2, 2])
     * // tensor([[1., 2.],
     * //         [1., 2.]])
     * ```
     */
    broadcastTo(size: number[]): Tensor;
    /**
     * A 1-D view when the layout allows, else a flattened contiguous copy.
     *
     * @see torch.Tensor.ravel
     * @example
     * ```ts
     * tg.tensor([[1, 2], [3, 4]]).ravel() // tensor([1., 2., 3., 4.])
     * ```
     */
    ravel(): Tensor;
    /**
     * Dim `dim` split into `sizes` (one -1 infers a size).
     *
     * @see torch.Tensor.unflatten
     * @example
     * ```ts
     * tg.tensor([0, 1, 2, 3, 4, 5]).unflatten(0, [2, 3])
     * // tensor([[0., 1., 2.],
     * //         [3., 4., 5.]])
     * ```
     */
    unflatten(dim: number, sizes: number[]): Tensor;
    /**
     * Splits into n nearly equal parts, or at the given indices, along dim (views).
     *
     * @see torch.Tensor.tensor_split
     * @example
     * ```ts
     * const [a, b] = tg.tensor([0, 1, 2, 3, 4]).tensorSplit(2)
     * a // tensor([0., 1., 2.])
     * b // tensor([3., 4.])
     * ```
     */
    tensorSplit(tensorIndicesOrSections: number | number[] | Tensor | { tensorIndicesOrSections?: number | number[] | Tensor; dim?: number; sections?: number; indices?: number[] }, dim?: number): Tensor[];
    /**
     * Splits along dim 1 (dim 0 for 1-D tensors) into equal sections, or at indices.
     *
     * @see torch.Tensor.hsplit
     * @example
     * ```ts
     * const [a, b] = tg.tensor([0, 1, 2, 3]).hsplit([1])
     * a // tensor([0.])
     * b // tensor([1., 2., 3.])
     * ```
     */
    hsplit(sections: number | number[] | { sections?: number; indices?: number[] }): Tensor[];
    /**
     * Splits along dim 0 (at least 2-D) into equal sections, or at indices.
     *
     * @see torch.Tensor.vsplit
     * @example
     * ```ts
     * const [a, b] = tg.tensor([[0, 1], [2, 3]]).vsplit(2)
     * b // tensor([[2., 3.]])
     * ```
     */
    vsplit(sections: number | number[] | { sections?: number; indices?: number[] }): Tensor[];
    /**
     * Splits along dim 2 (at least 3-D) into equal sections, or at indices.
     *
     * @see torch.Tensor.dsplit
     * @example
     * ```ts
     * tg.zeros(1, 2, 4).dsplit(2).map((p) => p.shape) // => [[1, 2, 2], [1, 2, 2]]
     * ```
     */
    dsplit(sections: number | number[] | { sections?: number; indices?: number[] }): Tensor[];
    /**
     * This tensor reshaped to other's shape.
     *
     * @see torch.Tensor.reshape_as
     * @example
     * ```ts
     * tg.tensor([0, 1, 2, 3]).reshapeAs(tg.zeros(2, 2))
     * // tensor([[0., 1.],
     * //         [2., 3.]])
     * ```
     */
    reshapeAs(other: Tensor): Tensor;
    /**
     * A view of this tensor with other's shape.
     *
     * @see torch.Tensor.view_as
     * @example
     * ```ts
     * tg.tensor([0, 1, 2, 3]).viewAs(tg.zeros(2, 2)).shape // => [2, 2]
     * ```
     */
    viewAs(other: Tensor): Tensor;
    /**
     * This tensor in other's dtype.
     *
     * @see torch.Tensor.type_as
     * @example
     * ```ts
     * tg.tensor([1.5, 2]).typeAs(tg.zeros(1, { dtype: 'int32' })) // tensor([1, 2], dtype=torch.int32)
     * ```
     */
    typeAs(other: Tensor): Tensor;
    /**
     * Whether the dtype is a floating-point one (float32, float64).
     *
     * @see torch.Tensor.is_floating_point
     * @example
     * ```ts
     * tg.tensor([1]).isFloatingPoint() // => true
     * tg.tensor([1], { dtype: 'int32' }).isFloatingPoint() // => false
     * ```
     */
    isFloatingPoint(): boolean;
    /**
     * Whether the dtype is signed (bool is not).
     *
     * @see torch.Tensor.is_signed
     * @example
     * ```ts
     * tg.tensor([1], { dtype: 'int32' }).isSigned() // => true
     * tg.tensor([true]).isSigned() // => false
     * ```
     */
    isSigned(): boolean;
    /**
     * Whether a one-element tensor is non-zero (a RangeError for more elements, as PyTorch raises).
     *
     * @see torch.Tensor.is_nonzero
     * @example
     * ```ts
     * tg.tensor([0.5]).isNonzero() // => true
     * tg.tensor(0).isNonzero() // => false
     * ```
     */
    isNonzero(): boolean;
    /**
     * Whether other has the same shape.
     *
     * @see torch.Tensor.is_same_size
     * @example
     * ```ts
     * tg.zeros(2, 3).isSameSize(tg.ones(2, 3)) // => true
     * ```
     */
    isSameSize(other: Tensor): boolean;
    /**
     * The number of elements (numel).
     *
     * @see torch.Tensor.nelement
     * @example
     * ```ts
     * tg.zeros(2, 3).nelement() // => 6
     * ```
     */
    nelement(): number;
    /**
     * The number of dims (ndim).
     *
     * @see torch.Tensor.ndimension
     * @example
     * ```ts
     * tg.zeros(2, 3).ndimension() // => 2
     * ```
     */
    ndimension(): number;
    /**
     * A tensor of zeros of the given size, in this tensor's dtype unless given.
     *
     * @see torch.Tensor.new_zeros
     * @example
     * ```ts
     * tg.tensor([1], { dtype: 'float64' }).newZeros([2]) // tensor([0., 0.], dtype=torch.float64)
     * ```
     */
    newZeros(size: number[], options?: { dtype?: DType; requiresGrad?: boolean }): Tensor;
    /**
     * A tensor of ones of the given size, in this tensor's dtype unless given.
     *
     * @see torch.Tensor.new_ones
     * @example
     * ```ts
     * tg.tensor([1], { dtype: 'int32' }).newOnes([2, 2])
     * // tensor([[1, 1],
     * //         [1, 1]], dtype=torch.int32)
     * ```
     */
    newOnes(size: number[], options?: { dtype?: DType; requiresGrad?: boolean }): Tensor;
    /**
     * An uninitialized tensor of the given size, in this tensor's dtype unless given.
     *
     * @see torch.Tensor.new_empty
     * @example
     * ```ts
     * tg.tensor([1]).newEmpty([2, 3]).shape // => [2, 3]
     * ```
     */
    newEmpty(size: number[], options?: { dtype?: DType; requiresGrad?: boolean }): Tensor;
    /**
     * A tensor of the given size filled with fillValue, in this tensor's dtype unless given.
     *
     * @see torch.Tensor.new_full
     * @example
     * ```ts
     * tg.tensor([1]).newFull([2], 7) // tensor([7., 7.])
     * ```
     */
    newFull(size: number[], fillValue: number | boolean, options?: { dtype?: DType; requiresGrad?: boolean }): Tensor;
    /**
     * A new tensor (a copy) from data, in this tensor's dtype unless given.
     *
     * @see torch.Tensor.new_tensor
     * @example
     * ```ts
     * tg.tensor([1], { dtype: 'float64' }).newTensor([1, 2]) // tensor([1., 2.], dtype=torch.float64)
     * ```
     */
    newTensor(data: unknown, options?: { dtype?: DType | null; requiresGrad?: boolean }): Tensor;
  }
}


/** Keyword arguments of unique (PyTorch's names camelCased). */
export type UniqueOptions = { sorted?: boolean; returnInverse?: boolean; returnCounts?: boolean; dim?: number | null };

/** Keyword arguments of indexPut / indexPut_ (PyTorch's names). */
export type IndexPutArgs = { indices?: IndexEntry | readonly IndexEntry[]; values?: Tensor | number | boolean; accumulate?: boolean };

/** scatterReduce's reductions. */
export type ScatterReduceKind = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';
/** Keyword arguments of the indexing methods (PyTorch's names). */
export type IndexingOptions = {
  dim?: number | null; index?: Tensor; indices?: Tensor; src?: Tensor | number; source?: Tensor; value?: number | boolean | Tensor;
  mask?: Tensor; reduce?: string | null; includeSelf?: boolean; alpha?: number; accumulate?: boolean; sparseGrad?: boolean;
};

/** Keyword arguments of the samplers (PyTorch's names; `from_` as in Python). */
export type SamplerOptions = { [k in 'from_' | 'to' | 'mean' | 'std' | 'lambd' | 'median' | 'sigma' | 'numSamples']?: number } & { p?: number | Tensor; replacement?: boolean; generator?: Generator | null };

// ==== issue 15's fourth op batch (lib/ops/methods_breadth4.ts) ====================================================
declare module './tensor.js' {
  interface Tensor {
    /**
     * `this / other` rounded down (Python's `//`; PyTorch 1.13 floors), integer dtypes kept; the method form of
     * `tg.floorDivide`.
     *
     * @see torch.Tensor.floor_divide
     * @example
     * ```ts
     * tg.tensor([-7, 7], { dtype: 'int64' }).floorDivide(2) // tensor([-4,  3])
     * ```
     */
    floorDivide(other: TensorLike | { other?: TensorLike }): Tensor;
    /**
     * In place: `this // other` (floorDivide). Returns this tensor.
     *
     * @see torch.Tensor.floor_divide_
     * @example
     * ```ts
     * const x = tg.tensor([-7.5, 7])
     * x.floorDivide_(2)
     * x // tensor([-4.,  3.])
     * ```
     */
    floorDivide_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * The q-th quantiles (all elements, or along `dim`); the method form of `tg.quantile`.
     *
     * @see torch.Tensor.quantile
     * @example
     * ```ts
     * tg.tensor([0, 1, 2, 3]).quantile(0.5) // tensor(1.5000)
     * tg.tensor([0, 1, 2, 3]).quantile(tg.tensor([0.25, 1])) // tensor([0.7500, 3.0000])
     * ```
     */
    quantile(q: number | Tensor | STA.QuantileOptions, dim?: number | null, keepdim?: boolean, interpolation?: STA.QuantileInterpolation): Tensor;
    /**
     * The q-th quantiles ignoring NaN; the method form of `tg.nanquantile`.
     *
     * @see torch.Tensor.nanquantile
     * @example
     * ```ts
     * tg.tensor([0, NaN, 2, 3]).nanquantile(0.5, { interpolation: 'lower' }) // tensor(2.)
     * ```
     */
    nanquantile(q: number | Tensor | STA.QuantileOptions, dim?: number | null, keepdim?: boolean, interpolation?: STA.QuantileInterpolation): Tensor;
    /**
     * The median ignoring NaN, overall or along `dim` (with indices); the method form of `tg.nanmedian`.
     *
     * @see torch.Tensor.nanmedian
     * @example
     * ```ts
     * const x = tg.tensor([1, NaN, 3, 2])
     * x.nanmedian() // tensor(2.)
     * x.nanmedian(0).indices // tensor(3)
     * ```
     */
    nanmedian(): Tensor;
    nanmedian(dim: number | SO.DimKeepOptions, keepdim?: boolean): CU.ValuesIndices;
    /**
     * A histogram with `bins` equal-width bins over [min, max]; the method form of `tg.histc`.
     *
     * @see torch.Tensor.histc
     * @example
     * ```ts
     * tg.tensor([1, 2, 1]).histc(4) // tensor([2., 0., 0., 1.])
     * ```
     */
    histc(bins?: number | { bins?: number; min?: number; max?: number }, min?: number, max?: number): Tensor;
    /**
     * Counts (or summed weights) of each value of a 1-D tensor of non-negative integers; the method form of
     * `tg.bincount`.
     *
     * @see torch.Tensor.bincount
     * @example
     * ```ts
     * tg.tensor([2, 0, 2], { dtype: 'int64' }).bincount() // tensor([1, 0, 2])
     * ```
     */
    bincount(weights?: Tensor | null | { weights?: Tensor | null; minlength?: number }, minlength?: number): Tensor;
    /**
     * A histogram and its bin edges, `{ hist, binEdges }`; the method form of `tg.histogram`.
     *
     * @see torch.Tensor.histogram
     * @example
     * ```ts
     * tg.tensor([1, 2, 1, 4]).histogram(3).hist // tensor([2., 1., 1.])
     * ```
     */
    histogram(bins: number | Tensor | STA.HistogramOptions, range?: [number, number] | null, weight?: Tensor | null, density?: boolean): STA.Histogram;
    /**
     * In place: `this == other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.eq_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.eq_(2)
     * x.dtype // => 'float32'
     * ```
     */
    eq_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this != other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.ne_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.ne_(2)
     * x.dtype // => 'float32'
     * ```
     */
    ne_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this < other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.lt_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.lt_(2)
     * x.dtype // => 'float32'
     * ```
     */
    lt_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this <= other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.le_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.le_(2)
     * x.dtype // => 'float32'
     * ```
     */
    le_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this > other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.gt_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.gt_(2)
     * x.dtype // => 'float32'
     * ```
     */
    gt_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this >= other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.ge_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.ge_(2)
     * x.dtype // => 'float32'
     * ```
     */
    ge_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this != other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.not_equal_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.notEqual_(2)
     * x.dtype // => 'float32'
     * ```
     */
    notEqual_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this < other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.less_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.less_(2)
     * x.dtype // => 'float32'
     * ```
     */
    less_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this <= other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.less_equal_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.lessEqual_(2)
     * x.dtype // => 'float32'
     * ```
     */
    lessEqual_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this > other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.greater_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.greater_(2)
     * x.dtype // => 'float32'
     * ```
     */
    greater_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * In place: `this >= other` elementwise, written as 1 or 0 in this tensor's dtype. Returns this tensor.
     *
     * @see torch.Tensor.greater_equal_
     * @example
     * ```ts
     * const x = tg.tensor([1, 2, 3])
     * x.greaterEqual_(2)
     * x.dtype // => 'float32'
     * ```
     */
    greaterEqual_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * Elementwise test for +infinity; the method form of `tg.isposinf`.
     *
     * @see torch.Tensor.isposinf
     * @example
     * ```ts
     * tg.tensor([Infinity, 1]).isposinf() // tensor([ True, False])
     * ```
     */
    isposinf(): Tensor;
    /**
     * Elementwise test for -infinity; the method form of `tg.isneginf`.
     *
     * @see torch.Tensor.isneginf
     * @example
     * ```ts
     * tg.tensor([-Infinity, 1]).isneginf() // tensor([ True, False])
     * ```
     */
    isneginf(): Tensor;
    /**
     * Elementwise: whether the sign bit is set (-0 included); the method form of `tg.signbit`.
     *
     * @see torch.Tensor.signbit
     * @example
     * ```ts
     * tg.tensor([-0, 1]).signbit() // tensor([ True, False])
     * ```
     */
    signbit(): Tensor;
    /**
     * The Heaviside step with `values` where this is 0; the method form of `tg.heaviside`.
     *
     * @see torch.Tensor.heaviside
     * @example
     * ```ts
     * tg.tensor([-1, 0, 2]).heaviside(tg.tensor([0.5])) // tensor([0.0000, 0.5000, 1.0000])
     * ```
     */
    heaviside(values: Tensor | { values?: Tensor }): Tensor;
    /**
     * In place: the Heaviside step with `values` where this is 0. Returns this tensor.
     *
     * @see torch.Tensor.heaviside_
     * @example
     * ```ts
     * const x = tg.tensor([-1, 0, 2])
     * x.heaviside_(tg.tensor([0.5]))
     * x // tensor([0.0000, 0.5000, 1.0000])
     * ```
     */
    heaviside_(values: Tensor | { values?: Tensor }): this;
    /**
     * `this ** exponent` in float64; the method form of `tg.floatPower`.
     *
     * @see torch.Tensor.float_power
     * @example
     * ```ts
     * tg.tensor([2, 3]).floatPower(2) // tensor([4., 9.], dtype=torch.float64)
     * ```
     */
    floatPower(exponent: TensorLike | { exponent?: TensorLike }): Tensor;
    /**
     * In place: `this ** exponent` computed in float64 (this must be float64). Returns this tensor.
     *
     * @see torch.Tensor.float_power_
     * @example
     * ```ts
     * const x = tg.tensor([2, 3], { dtype: 'float64' })
     * x.floatPower_(0.5)
     * x // tensor([1.4142, 1.7321], dtype=torch.float64)
     * ```
     */
    floatPower_(exponent: TensorLike | { exponent?: TensorLike }): this;
    /**
     * `this * 2 ** other`; the method form of `tg.ldexp`.
     *
     * @see torch.Tensor.ldexp
     * @example
     * ```ts
     * tg.tensor([1, 3]).ldexp(tg.tensor([3, 1], { dtype: 'int64' })) // tensor([8., 6.])
     * ```
     */
    ldexp(other: Tensor | { other?: Tensor }): Tensor;
    /**
     * In place: `this * 2 ** other`. Returns this tensor.
     *
     * @see torch.Tensor.ldexp_
     * @example
     * ```ts
     * const x = tg.tensor([1, 3])
     * x.ldexp_(tg.tensor([3, 1], { dtype: 'int64' }))
     * x // tensor([8., 6.])
     * ```
     */
    ldexp_(other: Tensor | { other?: Tensor }): this;
    /**
     * Mantissa in [0.5, 1) and int32 exponent of each float; the method form of `tg.frexp`.
     *
     * @see torch.Tensor.frexp
     * @example
     * ```ts
     * tg.tensor([8]).frexp().exponent // tensor([4], dtype=torch.int32)
     * ```
     */
    frexp(): PX.Frexp;
    /**
     * The greatest common divisor with other (integers); the method form of `tg.gcd`.
     *
     * @see torch.Tensor.gcd
     * @example
     * ```ts
     * tg.tensor([4, 9], { dtype: 'int64' }).gcd(6) // tensor([2, 3])
     * ```
     */
    gcd(other: TensorLike | { other?: TensorLike }): Tensor;
    /**
     * In place: the greatest common divisor with other. Returns this tensor.
     *
     * @see torch.Tensor.gcd_
     * @example
     * ```ts
     * const x = tg.tensor([4, 9], { dtype: 'int64' })
     * x.gcd_(6)
     * x // tensor([2, 3])
     * ```
     */
    gcd_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * The least common multiple with other (integers); the method form of `tg.lcm`.
     *
     * @see torch.Tensor.lcm
     * @example
     * ```ts
     * tg.tensor([4, 9], { dtype: 'int64' }).lcm(6) // tensor([12, 18])
     * ```
     */
    lcm(other: TensorLike | { other?: TensorLike }): Tensor;
    /**
     * In place: the least common multiple with other. Returns this tensor.
     *
     * @see torch.Tensor.lcm_
     * @example
     * ```ts
     * const x = tg.tensor([4, 9], { dtype: 'int64' })
     * x.lcm_(6)
     * x // tensor([12, 18])
     * ```
     */
    lcm_(other: TensorLike | { other?: TensorLike }): this;
    /**
     * The next representable float toward other; the method form of `tg.nextafter`.
     *
     * @see torch.Tensor.nextafter
     * @example
     * ```ts
     * tg.tensor([1]).nextafter(tg.tensor([2])).item() // => 1.0000001192092896
     * ```
     */
    nextafter(other: Tensor | { other?: Tensor }): Tensor;
    /**
     * In place: the next representable float toward other. Returns this tensor.
     *
     * @see torch.Tensor.nextafter_
     * @example
     * ```ts
     * const x = tg.tensor([1])
     * x.nextafter_(tg.tensor([0]))
     * x.item() // => 0.9999999403953552
     * ```
     */
    nextafter_(other: Tensor | { other?: Tensor }): this;
    /**
     * The p-norm of `this - other`; the method form of `tg.dist`.
     *
     * @see torch.Tensor.dist
     * @example
     * ```ts
     * tg.tensor([1, 2]).dist(tg.tensor([4, 6])) // tensor(5.)
     * ```
     */
    dist(other: Tensor | { other?: Tensor; p?: number }, p?: number): Tensor;
    /**
     * 0 where |x| <= lambd, x elsewhere; the method form of `tg.nn.functional.hardshrink`.
     *
     * @see torch.Tensor.hardshrink
     * @example
     * ```ts
     * tg.tensor([-1, 0.2, 1]).hardshrink() // tensor([-1.,  0.,  1.])
     * ```
     */
    hardshrink(lambd?: number | { lambd?: number }): Tensor;
    /**
     * Sums this tensor down to `size`, which it must broadcast from (the tensor itself when equal).
     *
     * @see torch.Tensor.sum_to_size
     * @example
     * ```ts
     * tg.ones([2, 3]).sumToSize(1, 3) // tensor([[2., 2., 2.]])
     * ```
     */
    sumToSize(...size: (number | number[])[]): Tensor;
    /**
     * Splits into pieces of the given sizes along `dim`; the method form of `tg.splitWithSizes`.
     *
     * @see torch.Tensor.split_with_sizes
     * @example
     * ```ts
     * tg.arange(5).splitWithSizes([2, 3]).map((t) => t.shape) // => [[2], [3]]
     * ```
     */
    splitWithSizes(splitSizes: number[] | { splitSizes?: number[]; dim?: number }, dim?: number): Tensor[];
    /**
     * A copy with `src` written into the diagonal; the method form of `tg.diagonalScatter`.
     *
     * @see torch.Tensor.diagonal_scatter
     * @example
     * ```ts
     * tg.zeros([2, 2]).diagonalScatter(tg.tensor([1, 2]))
     * // tensor([[1., 0.],
     * //         [0., 2.]])
     * ```
     */
    diagonalScatter(src: Tensor | { src?: Tensor; offset?: number; dim1?: number; dim2?: number }, offset?: number, dim1?: number, dim2?: number): Tensor;
    /**
     * A copy with `src` written into `select(dim, index)`; the method form of `tg.selectScatter`.
     *
     * @see torch.Tensor.select_scatter
     * @example
     * ```ts
     * tg.zeros([2, 2]).selectScatter(tg.tensor([5, 6]), 1, 0)
     * // tensor([[5., 0.],
     * //         [6., 0.]])
     * ```
     */
    selectScatter(src: Tensor | { src?: Tensor; dim?: number; index?: number }, dim?: number, index?: number): Tensor;
    /**
     * A copy with `src` written into the slice `start:end:step` of `dim`; the method form of `tg.sliceScatter`.
     *
     * @see torch.Tensor.slice_scatter
     * @example
     * ```ts
     * tg.zeros([3]).sliceScatter(tg.tensor([7, 8]), 0, 1) // tensor([0., 7., 8.])
     * ```
     */
    sliceScatter(src: Tensor | { src?: Tensor; dim?: number; start?: number | null; end?: number | null; step?: number }, dim?: number, start?: number | null, end?: number | null, step?: number): Tensor;
    /**
     * Collapses runs of equal consecutive elements; the method form of `tg.uniqueConsecutive`.
     *
     * @see torch.Tensor.unique_consecutive
     * @example
     * ```ts
     * tg.tensor([1, 1, 2, 1]).uniqueConsecutive() // tensor([1., 2., 1.])
     * ```
     */
    uniqueConsecutive(returnInverse?: boolean | { returnInverse?: boolean; returnCounts?: boolean; dim?: number | null }, returnCounts?: boolean, dim?: number | null): Tensor | Tensor[];
    /**
     * In place: fills the main diagonal with `fillValue` (`wrap`: a tall matrix restarts it every cols + 1 rows).
     * Returns this tensor.
     *
     * @see torch.Tensor.fill_diagonal_
     * @example
     * ```ts
     * tg.zeros([2, 3]).fillDiagonal_(1)
     * // tensor([[1., 0., 0.],
     * //         [0., 1., 0.]])
     * ```
     */
    fillDiagonal_(fillValue: number | boolean | { fillValue?: number | boolean; wrap?: boolean }, wrap?: boolean): this;
    /**
     * Rescales each slice along `dim` whose p-norm exceeds `maxnorm` to that norm; the method form of `tg.renorm`.
     *
     * @see torch.Tensor.renorm
     * @example
     * ```ts
     * tg.tensor([[3, 4], [0.3, 0.4]]).renorm(2, 0, 1)
     * // tensor([[0.6000, 0.8000],
     * //         [0.3000, 0.4000]])
     * ```
     */
    renorm(p: number | { p?: number; dim?: number; maxnorm?: number }, dim?: number, maxnorm?: number): Tensor;
    /**
     * In place: renorm. Returns this tensor.
     *
     * @see torch.Tensor.renorm_
     * @example
     * ```ts
     * const x = tg.tensor([[3, 4], [0.3, 0.4]])
     * x.renorm_(1, 0, 1)
     * x // tensor([[0.4286, 0.5714],
     * //         [0.3000, 0.4000]])
     * ```
     */
    renorm_(p: number | { p?: number; dim?: number; maxnorm?: number }, dim?: number, maxnorm?: number): this;
  }
}

// ==== issue 15's fifth op batch (lib/ops/methods_breadth5.ts) ====================================================
declare module './tensor.js' {
  interface Tensor {
    /**
     * The covariance matrix of the variables in this tensor's rows; the method form of `tg.cov`.
     *
     * @see torch.Tensor.cov
     * @example
     * ```ts
     * tg.tensor([[0, 1, 2], [2, 1, 0.5]]).cov({ correction: 0 }).shape // => [2, 2]
     * ```
     */
    cov(correction?: number | { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }, fweights?: Tensor | null, aweights?: Tensor | null): Tensor;
    /**
     * Pearson's correlation coefficients of the variables in this tensor's rows; the method form of `tg.corrcoef`.
     *
     * @see torch.Tensor.corrcoef
     * @example
     * ```ts
     * tg.tensor([[0, 1, 2], [2, 1, 0.5]]).corrcoef().shape // => [2, 2]
     * ```
     */
    corrcoef(): Tensor;
    /**
     * Removes size-1 dimensions in place (all, or `dim`); returns this tensor. Note [In-place view ops].
     *
     * @see torch.Tensor.squeeze_
     * @example
     * ```ts
     * tg.zeros(2, 1, 3).squeeze_(1).shape // => [2, 3]
     * ```
     */
    squeeze_(dim?: number | null | { dim?: number | null }): this;
    /**
     * Inserts a size-1 dimension at `dim` in place; returns this tensor.
     *
     * @see torch.Tensor.unsqueeze_
     * @example
     * ```ts
     * tg.zeros(2, 3).unsqueeze_(-1).shape // => [2, 3, 1]
     * ```
     */
    unsqueeze_(dim: number | { dim: number }): this;
    /**
     * Transposes this (at most 2-d) tensor in place; returns it.
     *
     * @see torch.Tensor.t_
     * @example
     * ```ts
     * tg.zeros(2, 3).t_().shape // => [3, 2]
     * ```
     */
    t_(): this;
    /**
     * Swaps two dimensions in place; returns this tensor.
     *
     * @see torch.Tensor.transpose_
     * @example
     * ```ts
     * tg.zeros(2, 3, 4).transpose_(0, 2).shape // => [4, 3, 2]
     * ```
     */
    transpose_(dim0: number | { dim0: number; dim1: number }, dim1?: number): this;
    /**
     * transpose_ under NumPy's name.
     *
     * @see torch.Tensor.swapaxes_
     * @example
     * ```ts
     * tg.zeros(2, 3).swapaxes_(0, 1).shape // => [3, 2]
     * ```
     */
    swapaxes_(axis0: number | { axis0: number; axis1: number }, axis1?: number): this;
    /**
     * transpose_ under NumPy's other name.
     *
     * @see torch.Tensor.swapdims_
     * @example
     * ```ts
     * tg.zeros(2, 3).swapdims_(0, 1).shape // => [3, 2]
     * ```
     */
    swapdims_(dim0: number | { dim0: number; dim1: number }, dim1?: number): this;
    /**
     * Gives this tensor new sizes, strides and storage offset over its storage, in place; returns it.
     *
     * @see torch.Tensor.as_strided_
     * @example
     * ```ts
     * tg.arange(6).asStrided_([2, 2], [1, 2], 1).tolist() // => [[1, 3], [2, 4]]
     * ```
     */
    asStrided_(size: number[] | { size: number[]; stride: number[]; storageOffset?: number | null }, stride?: number[], storageOffset?: number | null): this;
    /**
     * Gives this tensor a new (contiguous) shape in place, growing its storage when needed; returns it.
     *
     * @see torch.Tensor.resize_
     * @example
     * ```ts
     * tg.tensor([1, 2, 3, 4]).resize_(2, 2).shape // => [2, 2]
     * ```
     */
    resize_(...size: (number | number[] | { size: number[] })[]): this;
    /**
     * Gives this tensor `theTemplate`'s shape in place (resize_); returns it.
     *
     * @see torch.Tensor.resize_as_
     * @example
     * ```ts
     * tg.tensor([1, 2, 3, 4]).resizeAs_(tg.zeros(2, 2)).shape // => [2, 2]
     * ```
     */
    resizeAs_(theTemplate: Tensor | { theTemplate: Tensor }): this;
    /**
     * Reduces source's slices into this tensor's slices at `index` along `dim`; the method form of `tg.indexReduce`.
     *
     * @see torch.Tensor.index_reduce
     * @example
     * ```ts
     * tg.ones(2, 3).indexReduce(1, tg.tensor([0, 0], { dtype: 'int64' }), tg.tensor([[2, 3], [7, 1]]), 'prod')
     * // tensor([[6., 1., 1.],
     * //         [7., 1., 1.]])
     * ```
     */
    indexReduce(dim: number | { dim: number; index: Tensor; source: Tensor; reduce: 'prod' | 'mean' | 'amax' | 'amin'; includeSelf?: boolean }, index?: Tensor, source?: Tensor, reduce?: 'prod' | 'mean' | 'amax' | 'amin', includeSelf?: boolean | { includeSelf?: boolean }): Tensor;
    /**
     * In place: indexReduce. Returns this tensor.
     *
     * @see torch.Tensor.index_reduce_
     * @example
     * ```ts
     * const x = tg.zeros(3)
     * x.indexReduce_(0, tg.tensor([2], { dtype: 'int64' }), tg.tensor([5]), 'amax')
     * x // tensor([0., 0., 5.])
     * ```
     */
    indexReduce_(dim: number | { dim: number; index: Tensor; source: Tensor; reduce: 'prod' | 'mean' | 'amax' | 'amin'; includeSelf?: boolean }, index?: Tensor, source?: Tensor, reduce?: 'prod' | 'mean' | 'amax' | 'amin', includeSelf?: boolean | { includeSelf?: boolean }): this;
    /**
     * Replaces every element by `callable(element)` in place (a JS loop; not for a tensor that requires grad).
     *
     * @see torch.Tensor.apply_
     * @example
     * ```ts
     * tg.tensor([1, 2]).apply_((v) => (v as number) * 2) // tensor([2., 4.])
     * ```
     */
    apply_(callable: ((v: number | boolean) => number | boolean | bigint) | { callable: (v: number | boolean) => number | boolean | bigint }): this;
    /**
     * Replaces every element by `callable(element, other's element)` in place, `tensor` broadcast to this shape.
     *
     * @see torch.Tensor.map_
     * @example
     * ```ts
     * tg.tensor([1, 2]).map_(tg.tensor([3, 4]), (a, b) => (a as number) + (b as number)) // tensor([4., 6.])
     * ```
     */
    map_(tensor: Tensor | { tensor: Tensor; callable: (a: number | boolean, b: number | boolean) => number | boolean | bigint }, callable?: (a: number | boolean, b: number | boolean) => number | boolean | bigint): this;
    // ==== issue 15's missing linalg and special-function names (lib/ops/methods_linalgx.ts) ====
    /**
     * This square matrix (or batch) to the integer power n; the method form of `tg.matrixPower`.
     *
     * @see torch.Tensor.matrix_power
     * @example
     * ```ts
     * tg.tensor([[1, 1], [0, 1]]).matrixPower(2)
     * // tensor([[1., 2.],
     * //         [0., 1.]])
     * ```
     */
    matrixPower(n: number | { n: number }): Tensor;
    /**
     * The pseudoinverse (singular values below rcond * sigma_max dropped); the method form of `tg.pinverse`.
     *
     * @see torch.Tensor.pinverse
     * @example
     * ```ts
     * tg.tensor([[2, 0], [0, 4]]).pinverse()
     * // tensor([[0.5000, 0.0000],
     * //         [0.0000, 0.2500]])
     * ```
     */
    pinverse(rcond?: number | { rcond?: number }): Tensor;
    /**
     * Removed in PyTorch 1.9 (1.13 keeps the name and raises): throws, naming torch.linalg.lstsq (`tg.linalg.lstsq`).
     *
     * @see torch.Tensor.lstsq
     * @example
     * ```ts
     * let msg = ''
     * try { tg.ones([2, 1]).lstsq(tg.eye(2)) } catch (e) { msg = (e as Error).message }
     * msg // => 'lstsq: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.lstsq` function instead.'
     * ```
     */
    lstsq(other: Tensor | { other: Tensor }): never;
    /**
     * The compact LU factorization with partial pivoting, `[LU, pivots]` (`[LU, pivots, infos]` with getInfos);
     * the method form of `tg.lu`.
     *
     * @see torch.Tensor.lu
     * @example
     * ```ts
     * const [LU, pivots] = tg.tensor([[1, 2], [3, 4]]).lu()
     * LU // tensor([[3.0000, 4.0000], [0.3333, 0.6667]])
     * ```
     */
    lu(pivot?: boolean | { pivot?: boolean; getInfos?: boolean }, getInfos?: boolean | { getInfos?: boolean }): LUFactor | LUFactorEx;
    /**
     * Solves `A x = this` from A's compact LU factors; the method form of `tg.luSolve`.
     *
     * @see torch.Tensor.lu_solve
     * @example
     * ```ts
     * const [LU, pivots] = tg.lu(tg.tensor([[4, 0], [2, 1]]))
     * tg.tensor([[8], [6]]).luSolve(LU, pivots) // tensor([[2.], [2.]])
     * ```
     */
    luSolve(LUData: Tensor | { LUData: Tensor; LUPivots: Tensor }, LUPivots?: Tensor): Tensor;
    /**
     * The matrix exponential of this square matrix (or batch); the method form of `tg.linalg.matrixExp`.
     *
     * @see torch.Tensor.matrix_exp
     * @example
     * ```ts
     * tg.tensor([[0, 1], [0, 0]]).matrixExp()
     * // tensor([[1., 1.],
     * //         [0., 1.]])
     * ```
     */
    matrixExp(): Tensor;
    /**
     * The inverse of L L^T (U^T U with upper) from this Cholesky factor; the method form of `tg.choleskyInverse`.
     *
     * @see torch.Tensor.cholesky_inverse
     * @example
     * ```ts
     * tg.tensor([[2, 0], [1, 1]]).choleskyInverse()
     * // tensor([[ 0.5000, -0.5000],
     * //         [-0.5000,  1.0000]])
     * ```
     */
    choleskyInverse(upper?: boolean | { upper?: boolean }): Tensor;
    /**
     * Solves `op(A) X = this` for triangular A; the method form of `tg.triangularSolve`.
     *
     * @see torch.Tensor.triangular_solve
     * @example
     * ```ts
     * tg.tensor([[4], [8]]).triangularSolve(tg.tensor([[2, 1], [0, 4]])).solution // tensor([[1.], [2.]])
     * ```
     */
    triangularSolve(A: Tensor | { A: Tensor; upper?: boolean; transpose?: boolean; unitriangular?: boolean }, upper?: boolean, transpose?: boolean, unitriangular?: boolean | { unitriangular?: boolean }): TriangularSolve;
    /**
     * Removed in PyTorch 1.9 (1.13 keeps the name and raises): throws, naming torch.linalg.solve (`tg.linalg.solve`).
     *
     * @see torch.Tensor.solve
     * @example
     * ```ts
     * let msg = ''
     * try { tg.ones([2, 1]).solve(tg.eye(2)) } catch (e) { msg = (e as Error).message }
     * msg // => 'solve: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.solve` function instead.'
     * ```
     */
    solve(other: Tensor | { other: Tensor }): never;
    /**
     * Removed in PyTorch 1.9 (1.13 keeps the name and raises): throws, naming torch.linalg.eig.
     *
     * @see torch.Tensor.eig
     * @example
     * ```ts
     * let msg = ''
     * try { tg.eye(2).eig() } catch (e) { msg = (e as Error).message }
     * msg // => 'eig: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.eig` function instead.'
     * ```
     */
    eig(eigenvectors?: boolean | { eigenvectors?: boolean }): never;
    /**
     * The QR decomposition `[Q, R]` (some: reduced, else complete); the method form of `tg.qr`.
     *
     * @see torch.Tensor.qr
     * @example
     * ```ts
     * tg.tensor([[3, 1], [4, 2]]).qr().R // tensor([[-5.0000, -2.2000], [ 0.0000,  0.4000]])
     * ```
     */
    qr(some?: boolean | { some?: boolean }): QR;
    /**
     * LAPACK's compact QR `{ a, tau }` of this matrix (or batch); the method form of `tg.geqrf`.
     *
     * @see torch.Tensor.geqrf
     * @example
     * ```ts
     * tg.tensor([[3, 1], [4, 2]]).geqrf().tau // tensor([1.6000, 0.0000])
     * ```
     */
    geqrf(): Geqrf;
    /**
     * Q from the Householder reflectors in this matrix and `input2` (tau); the method form of `tg.orgqr`.
     *
     * @see torch.Tensor.orgqr
     * @example
     * ```ts
     * const { a, tau } = tg.geqrf(tg.tensor([[3, 1], [4, 2]]))
     * a.orgqr(tau) // tensor([[-0.6000, -0.8000], [-0.8000,  0.6000]])
     * ```
     */
    orgqr(input2: Tensor | { input2: Tensor }): Tensor;
    /**
     * `input3` multiplied by the Q of this matrix's reflectors (scales `input2`); the method form of `tg.ormqr`.
     *
     * @see torch.Tensor.ormqr
     * @example
     * ```ts
     * const { a, tau } = tg.geqrf(tg.tensor([[3, 1], [4, 2]]))
     * a.ormqr(tau, tg.eye(2)) // tensor([[-0.6000, -0.8000], [-0.8000,  0.6000]])
     * ```
     */
    ormqr(input2: Tensor | { input2: Tensor; input3: Tensor; left?: boolean; transpose?: boolean }, input3?: Tensor, left?: boolean, transpose?: boolean | { transpose?: boolean }): Tensor;
    /**
     * The modified Bessel function of order 0, elementwise; the method form of `tg.i0`.
     *
     * @see torch.Tensor.i0
     * @example
     * ```ts
     * tg.tensor([0, 1]).i0() // tensor([1.0000, 1.2661])
     * ```
     */
    i0(): Tensor;
    /**
     * In place: i0. Returns this tensor.
     *
     * @see torch.Tensor.i0_
     * @example
     * ```ts
     * tg.tensor([0, 1]).i0_() // tensor([1.0000, 1.2661])
     * ```
     */
    i0_(): this;
    /**
     * The regularized lower incomplete gamma function P(this, other); the method form of `tg.igamma`.
     *
     * @see torch.Tensor.igamma
     * @example
     * ```ts
     * tg.tensor([1, 2]).igamma(tg.tensor([1, 1])) // tensor([0.6321, 0.2642])
     * ```
     */
    igamma(other: Tensor | number | { other: Tensor | number }): Tensor;
    /**
     * In place: igamma. Returns this tensor.
     *
     * @see torch.Tensor.igamma_
     * @example
     * ```ts
     * tg.tensor([1, 2]).igamma_(tg.tensor([1, 1])) // tensor([0.6321, 0.2642])
     * ```
     */
    igamma_(other: Tensor | number | { other: Tensor | number }): this;
    /**
     * The regularized upper incomplete gamma function Q(this, other); the method form of `tg.igammac`.
     *
     * @see torch.Tensor.igammac
     * @example
     * ```ts
     * tg.tensor([1, 2]).igammac(tg.tensor([1, 1])) // tensor([0.3679, 0.7358])
     * ```
     */
    igammac(other: Tensor | number | { other: Tensor | number }): Tensor;
    /**
     * In place: igammac. Returns this tensor.
     *
     * @see torch.Tensor.igammac_
     * @example
     * ```ts
     * tg.tensor([1, 2]).igammac_(tg.tensor([1, 1])) // tensor([0.3679, 0.7358])
     * ```
     */
    igammac_(other: Tensor | number | { other: Tensor | number }): this;
    /**
     * The multivariate log-gamma function of dimension p; the method form of `tg.mvlgamma`.
     *
     * @see torch.Tensor.mvlgamma
     * @example
     * ```ts
     * tg.tensor([2.5, 3]).mvlgamma(2) // tensor([0.8570, 1.5502])
     * ```
     */
    mvlgamma(p: number | { p: number }): Tensor;
    /**
     * In place: mvlgamma. Returns this tensor.
     *
     * @see torch.Tensor.mvlgamma_
     * @example
     * ```ts
     * tg.tensor([2.5, 3]).mvlgamma_(2) // tensor([0.8570, 1.5502])
     * ```
     */
    mvlgamma_(p: number | { p: number }): this;
    /**
     * Elementwise `this << other` on integers; the method form of `tg.bitwiseLeftShift`.
     *
     * @see torch.Tensor.bitwise_left_shift
     * @example
     * ```ts
     * tg.tensor([1, 2], { dtype: 'int32' }).bitwiseLeftShift(3) // tensor([ 8, 16], dtype=torch.int32)
     * ```
     */
    bitwiseLeftShift(other: Tensor | number | { other: Tensor | number }): Tensor;
    /**
     * In place: bitwiseLeftShift. Returns this tensor.
     *
     * @see torch.Tensor.bitwise_left_shift_
     * @example
     * ```ts
     * tg.tensor([1, 2], { dtype: 'int32' }).bitwiseLeftShift_(1) // tensor([2, 4], dtype=torch.int32)
     * ```
     */
    bitwiseLeftShift_(other: Tensor | number | { other: Tensor | number }): this;
    /**
     * Elementwise arithmetic `this >> other` on integers; the method form of `tg.bitwiseRightShift`.
     *
     * @see torch.Tensor.bitwise_right_shift
     * @example
     * ```ts
     * tg.tensor([8, -8], { dtype: 'int32' }).bitwiseRightShift(1) // tensor([ 4, -4], dtype=torch.int32)
     * ```
     */
    bitwiseRightShift(other: Tensor | number | { other: Tensor | number }): Tensor;
    /**
     * In place: bitwiseRightShift. Returns this tensor.
     *
     * @see torch.Tensor.bitwise_right_shift_
     * @example
     * ```ts
     * tg.tensor([8, -8], { dtype: 'int32' }).bitwiseRightShift_(2) // tensor([ 2, -2], dtype=torch.int32)
     * ```
     */
    bitwiseRightShift_(other: Tensor | number | { other: Tensor | number }): this;
    // ==== session 7's torch.* names (lib/ops/methods_nnmisc.ts) ====
    /**
     * chunk into fresh tensors rather than views (tg.unsafeChunk).
     *
     * @see torch.Tensor.unsafe_chunk
     * @example
     * ```ts
     * tg.arange(5).unsafeChunk(2).map((t) => t.shape) // => [[3], [2]]
     * ```
     */
    unsafeChunk(chunks: number | { chunks: number; dim?: number }, dim?: number): Tensor[];
    /**
     * split into fresh tensors rather than views (tg.unsafeSplit).
     *
     * @see torch.Tensor.unsafe_split
     * @example
     * ```ts
     * tg.arange(5).unsafeSplit(2).length // => 3
     * ```
     */
    unsafeSplit(splitSize: number | { splitSize: number; dim?: number }, dim?: number): Tensor[];
    /**
     * splitWithSizes into fresh tensors rather than views (tg.unsafeSplitWithSizes).
     *
     * @see torch.Tensor.unsafe_split_with_sizes
     * @example
     * ```ts
     * tg.arange(5).unsafeSplitWithSizes([1, 4]).map((t) => t.shape) // => [[1], [4]]
     * ```
     */
    unsafeSplitWithSizes(splitSizes: number[] | { splitSizes: number[]; dim?: number }, dim?: number): Tensor[];
    /**
     * Bytes per element of this tensor's dtype (4 for float32, 8 for float64 and int64, 1 for bool).
     *
     * @see torch.Tensor.element_size
     * @example
     * ```ts
     * tg.ones(2).elementSize() // => 4
     * ```
     */
    elementSize(): number;
    /**
     * An uninitialized tensor of this dtype (unless given) with the given size and strides (tg.emptyStrided).
     *
     * @see torch.Tensor.new_empty_strided
     * @example
     * ```ts
     * tg.ones(1, { dtype: 'float64' }).newEmptyStrided([2, 2], [1, 2]).dtype // => 'float64'
     * ```
     */
    newEmptyStrided(size: number[] | { size: number[]; stride: number[]; dtype?: DType | null; requiresGrad?: boolean }, stride?: number[], dtype?: DType | null, requiresGrad?: boolean): Tensor;
    /**
     * PyTorch's legacy constructor, in this tensor's dtype: new() is empty, new(2, 3) uninitialized, new([1, 2]) from data, new(t) t's data.
     *
     * @see torch.Tensor.new
     * @example
     * ```ts
     * tg.ones(1, { dtype: 'int64' }).new([1, 2]).dtype // => 'int64'
     * tg.ones(1).new(2, 3).shape // => [2, 3]
     * ```
     */
    new(...args: (number | number[] | Tensor)[]): Tensor;
    // ==== session 8's names (lib/ops/methods_names.ts) ====
    /**
     * PReLU with this tensor as input: max(0, x) + weight * min(0, x), weight per channel (dim 1) or one value.
     *
     * @see torch.Tensor.prelu
     * @example
     * ```ts
     * tg.tensor([-2, 3]).prelu(tg.tensor([0.5])).tolist() // => [-1, 3]
     * ```
     */
    prelu(weight: Tensor | { weight: Tensor }): Tensor;
    /**
     * PyTorch's deprecated non-inplace resize: this tensor's values with another shape of the same numel (warns
     * once "non-inplace resize is deprecated").
     *
     * @see torch.Tensor.resize
     * @example
     * ```ts
     * tg.arange(6).resize(2, 3).shape // => [2, 3]
     * ```
     */
    resize(...sizes: (number | number[] | { sizes: number[] })[]): Tensor;
    /**
     * PyTorch's deprecated non-inplace resize_as: resize(tensor.shape) (warns once).
     *
     * @see torch.Tensor.resize_as
     * @example
     * ```ts
     * tg.arange(6).resizeAs(tg.zeros(3, 2)).shape // => [3, 2]
     * ```
     */
    resizeAs(tensor: Tensor | { tensor: Tensor }): Tensor;
    /**
     * Makes this tensor share the storage of the tensor `storage` in place, with that tensor's geometry or the
     * given offset, size and stride (Note [set_]); with no argument, an empty tensor. Returns this tensor.
     *
     * @see torch.Tensor.set_
     * @example
     * ```ts
     * const src = tg.arange(6), x = tg.zeros(1)
     * x.set_(src, 2, [2, 2]).tolist() // => [[2, 3], [4, 5]]
     * ```
     */
    set_(storage?: Tensor | null | { storage?: Tensor | null; offset?: number | null; size?: number[] | null; stride?: number[] | null }, offset?: number | null, size?: number[] | null, stride?: number[] | null): this;
    /**
     * Whether this tensor and `tensor` view the same storage with the same offset, sizes and strides.
     *
     * @see torch.Tensor.is_set_to
     * @example
     * ```ts
     * const a = tg.ones(3)
     * tg.zeros(1).set_(a).isSetTo(a) // => true
     * ```
     */
    isSetTo(tensor: Tensor | { tensor: Tensor }): boolean;
    /**
     * In place, each element becomes callable(self, x, y) of the elements at its place (x and y broadcast to
     * this tensor's shape, of its dtype); not for a tensor that requires grad.
     *
     * @see torch.Tensor.map2_
     * @example
     * ```ts
     * tg.tensor([1, 2]).map2_(tg.tensor([10, 20]), tg.tensor([100]), (a, b, c) => Number(a) + Number(b) + Number(c)).tolist() // => [111, 122]
     * ```
     */
    map2_(x: Tensor | { x: Tensor; y: Tensor; callable: (a: number | boolean, b: number | boolean, c: number | boolean) => unknown }, y?: Tensor, callable?: (a: number | boolean, b: number | boolean, c: number | boolean) => unknown): this;
    /**
     * A copy of this tensor with src written into its strided view (tg.asStridedScatter).
     *
     * @see torch.Tensor.as_strided_scatter
     * @example
     * ```ts
     * tg.zeros(4).asStridedScatter(tg.ones(2), [2], [2]).tolist() // => [1, 0, 1, 0]
     * ```
     */
    asStridedScatter(src: Tensor | { src: Tensor; size: number[]; stride: number[]; storageOffset?: number | null }, size?: number[], stride?: number[], storageOffset?: number | null): Tensor;
    /**
     * PyTorch's deprecated symeig: eigenvalues (and eigenvectors) of this symmetric matrix (tg.symeig).
     *
     * @see torch.Tensor.symeig
     * @example
     * ```ts
     * tg.tensor([[2, 0], [0, 1]]).symeig().eigenvalues.tolist() // => [1, 2]
     * ```
     */
    symeig(eigenvectors?: boolean | { eigenvectors?: boolean; upper?: boolean }, upper?: boolean): Symeig;
  }
}
