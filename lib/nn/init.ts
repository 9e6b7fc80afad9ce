// tg.nn.init: PyTorch 1.13's in-place initializers (torch.nn.init). Each runs under noGrad, as PyTorch's, and
// every random one takes a trailing `generator` (a tensorgrad extension in 1.13 terms; PyTorch 2.x added it),
// drawing from the tg.manualSeed generator without one.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { typeError, rangeError, describe, disposedError, fmtShape } from '../errors.js';
import * as SM from '../ops/sampling.js';
import { Generator, generatorOf } from '../ops/random.js';
import { kw, signature } from '../kwargs.js';
import { checkWritable } from '../ops/shape.js';

type Gen = Generator | null;

function check(op: string, t: unknown): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw typeError(op, `expected a Tensor, got ${describe(t)}`);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw typeError(op, `expected a floating point tensor, got ${t.dtype}`);
  if (t.isDisposed) throw disposedError(op, t.shape);
  checkWritable(op, t);
}

/** PyTorch divides by fanIn + fanOut (a ZeroDivisionError when a dim is 0): the same failure, named by op. */
function noFans(op: string, t: Tensor, fans: number): void {
  if (fans === 0) throw rangeError(op, `fanIn + fanOut is 0 for a tensor of shape ${fmtShape(t.shape)} (a zero-size dim): the bound would divide by zero`);
}
function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(op, `${name} must be a number, got ${describe(v)}`);
  return v;
}

/**
 * The fan in and fan out of a weight tensor, as [fanIn, fanOut].
 *
 * [fan_in, fan_out] of a weight (dim 1 and dim 0 times the receptive field).
 *
 * @see torch.nn.init._calculate_fan_in_and_fan_out
 * @example
 * ```ts
 * tg.nn.init.calculateFanInAndFanOut(tg.empty(3, 5)) // => [5, 3]
 * ```
 */
export const calculateFanInAndFanOut = kw(signature('nn.init.calculateFanInAndFanOut', 'tensor'), function calculateFanInAndFanOut(t: Tensor): [number, number] {
  if (!(t instanceof Tensor)) throw typeError('calculateFanInAndFanOut', `expected a Tensor, got ${describe(t)}`);
  if (t.ndim < 2) throw rangeError('calculateFanInAndFanOut', 'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1] * receptive, t.shape[0] * receptive];
});

const LINEAR_FNS = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];

/**
 * The recommended gain for a nonlinearity.
 *
 * PyTorch's calculate_gain: the recommended gain for a nonlinearity (param: leaky_relu's negative slope).
 *
 * @see torch.nn.init.calculate_gain
 * @example
 * ```ts
 * tg.nn.init.calculateGain('relu') // => 1.4142135623730951
 * ```
 */
export const calculateGain = kw(signature('nn.init.calculateGain', 'nonlinearity, param'), function calculateGain(nonlinearity: string, param?: number | null): number {
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  switch (nonlinearity) {
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leaky_relu': {
      if (param !== undefined && param !== null && typeof param !== 'number') throw rangeError('calculateGain', `negative_slope ${typeof param === 'string' ? param : describe(param)} not a valid number`);
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu': return 3 / 4;
    default: throw rangeError('calculateGain', `Unsupported nonlinearity ${typeof nonlinearity === 'string' ? nonlinearity : describe(nonlinearity)}`);
  }
});

/**
 * Fills a tensor in place with U(a, b) samples (no autograd).
 *
 * @see torch.nn.init.uniform_
 * @example
 * ```ts
 * const w = tg.empty(2, 2)
 * tg.nn.init.uniform_(w, -1, 1)
 * w.abs().le(1).all().item() // => true
 * ```
 */
export const uniform_ = kw(signature('nn.init.uniform_', 'tensor, a, b, generator'), function uniform_(t: Tensor, a = 0, b = 1, generator?: Gen): Tensor {
  check('uniform_', t);
  return noGrad(() => SM.uniform_(t, num('uniform_', 'a', a), num('uniform_', 'b', b), generator));
});
/**
 * Fills a tensor in place with N(mean, std) samples.
 *
 * Fills with N(mean, std^2).
 *
 * @see torch.nn.init.normal_
 * @example
 * ```ts
 * const w = tg.empty(1000)
 * tg.nn.init.normal_(w, 0, 0.01)
 * w.std().item() < 0.02 // => true
 * ```
 */
export const normal_ = kw(signature('nn.init.normal_', 'tensor, mean, std, generator'), function normal_(t: Tensor, mean = 0, std = 1, generator?: Gen): Tensor {
  check('normal_', t);
  return noGrad(() => SM.normal_(t, num('normal_', 'mean', mean), num('normal_', 'std', std), generator));
});

/** erf to 1.2e-7 relative error in erfc (Numerical Recipes' erfcc, Chebyshev fit). */
function erfc(x: number): number {
  const z = Math.abs(x), t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
const normCdf = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
function normQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - 0.02425) return -normQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Fills with normal samples truncated to [a, b].
 *
 * Fills with N(mean, std^2) truncated to [a, b]. Draws are exact rejection samples of the normal while at
 * least 5% of its mass lies in [a, b]; past that (a window far in a tail) by the inverse CDF, as PyTorch.
 *
 * @see torch.nn.init.trunc_normal_
 * @example
 * ```ts
 * const w = tg.empty(100)
 * tg.nn.init.truncNormal_(w, { a: -1, b: 1 })
 * w.abs().le(1).all().item() // => true
 * ```
 */
export const truncNormal_ = kw(signature('nn.init.truncNormal_', 'tensor, mean, std, a, b, generator'), function truncNormal_(
  t: Tensor, mean = 0, std = 1, a = -2, b = 2, generator?: Gen): Tensor {
  const op = 'truncNormal_';
  check(op, t);
  for (const [n, v] of [['mean', mean], ['std', std], ['a', a], ['b', b]] as const) num(op, n, v);
  // std = 0 is PyTorch's ZeroDivisionError ((a - mean) / std).
  if (!(std > 0)) throw rangeError(op, `expected std > 0, got ${std}`);
  if (!(a <= b)) throw rangeError(op, `expected a <= b, got a=${a}, b=${b}`);
  const g = generatorOf(op, generator);
  return noGrad(() => {
    checkWritable(op, t);
    const d = t._data;
    const lo = normCdf((a - mean) / std), hi = normCdf((b - mean) / std);
    const clampAB = (v: number): number => (v < a ? a : v > b ? b : v);
    if (hi - lo >= 0.05) {
      for (let i = 0; i < d.length; i++) {
        let v = mean + std * g.gauss();
        while (!(v >= a && v <= b)) v = mean + std * g.gauss();
        d[i] = v;
      }
    } else {
      for (let i = 0; i < d.length; i++) d[i] = clampAB(mean + std * normQuantile(lo + (hi - lo) * g.double()));
    }
    t._storeValues(d);
    t._box.version++;
    return t;
  });
});

/**
 * Fills a tensor in place with one value.
 *
 * @see torch.nn.init.constant_
 * @example
 * ```ts
 * const w = tg.empty(2)
 * tg.nn.init.constant_(w, 0.5) // tensor([0.5000, 0.5000])
 * ```
 */
export const constant_ = kw(signature('nn.init.constant_', 'tensor, val'), function constant_(t: Tensor, val: number): Tensor {
  check('constant_', t);
  num('constant_', 'val', val);
  return noGrad(() => t.fill_(val));
});
/**
 * Fills a tensor in place with zeros.
 *
 * @see torch.nn.init.zeros_
 * @example
 * ```ts
 * const w = tg.empty(2)
 * tg.nn.init.zeros_(w) // tensor([0., 0.])
 * ```
 */
export const zeros_ = kw(signature('nn.init.zeros_', 'tensor'), function zeros_(t: Tensor): Tensor {
  check('zeros_', t);
  return constant_(t, 0);
});
/**
 * Fills a tensor in place with ones.
 *
 * @see torch.nn.init.ones_
 * @example
 * ```ts
 * const w = tg.empty(2)
 * tg.nn.init.ones_(w) // tensor([1., 1.])
 * ```
 */
export const ones_ = kw(signature('nn.init.ones_', 'tensor'), function ones_(t: Tensor): Tensor {
  check('ones_', t);
  return constant_(t, 1);
});

/**
 * Fills a 2-D tensor in place with the identity.
 *
 * The 2-D identity (ones on the diagonal of a rectangular matrix too).
 *
 * @see torch.nn.init.eye_
 * @example
 * ```ts
 * const w = tg.empty(2, 3)
 * tg.nn.init.eye_(w)
 * // tensor([[1., 0., 0.],
 * //         [0., 1., 0.]])
 * ```
 */
export const eye_ = kw(signature('nn.init.eye_', 'tensor'), function eye_(t: Tensor): Tensor {
  check('eye_', t);
  if (t.ndim !== 2) throw rangeError('eye_', `Only tensors with 2 dimensions are supported, got shape ${fmtShape(t.shape)}`);
  return noGrad(() => {
    t.zero_();
    const [r, c] = t.shape, d = t._data;
    for (let i = 0; i < Math.min(r, c); i++) d[i * c + i] = 1;
    t._storeValues(d);
    return t;
  });
});

/**
 * Fills a conv weight in place so the convolution is the identity.
 *
 * The Dirac delta of a 3-, 4- or 5-D convolution weight: a convolution with it keeps its input's channels
 * (the first min(out per group, in) of each of `groups` groups).
 *
 * @see torch.nn.init.dirac_
 * @example
 * ```ts
 * const w = tg.empty(1, 1, 3)
 * tg.nn.init.dirac_(w) // tensor([[[0., 1., 0.]]])
 * ```
 */
export const dirac_ = kw(signature('nn.init.dirac_', 'tensor, groups'), function dirac_(t: Tensor, groups = 1): Tensor {
  check('dirac_', t);
  if (t.ndim < 3 || t.ndim > 5) throw rangeError('dirac_', `Only tensors with 3, 4, or 5 dimensions are supported, got shape ${fmtShape(t.shape)}`);
  if (!Number.isInteger(groups) || groups < 1) throw rangeError('dirac_', `groups must be a positive integer, got ${describe(groups)}`);
  const sizes = t.shape;
  if (sizes[0] % groups !== 0) throw rangeError('dirac_', `dim 0 must be divisible by groups (shape ${fmtShape(sizes)}, groups ${groups})`);
  const outPerGroup = sizes[0] / groups;
  const minDim = Math.min(outPerGroup, sizes[1]);
  return noGrad(() => {
    t.zero_();
    const d = t._data;
    const strides = sizes.map((_, i) => sizes.slice(i + 1).reduce((x, y) => x * y, 1));
    let center = 0;
    for (let k = 2; k < sizes.length; k++) center += Math.floor(sizes[k] / 2) * strides[k];
    for (let g = 0; g < groups; g++) for (let i = 0; i < minDim; i++) d[(g * outPerGroup + i) * strides[0] + i * strides[1] + center] = 1;
    t._storeValues(d);
    return t;
  });
});

/** fn(), with an error of a helper it calls (calculateGain, calculateFanInAndFanOut) renamed to op's. */
function as<R>(op: string, fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && /^(calculateGain|calculateFanInAndFanOut): /.test(e.message)) e.message = `${op}: ${e.message.replace(/^\w+: /, '')}`;
    throw e;
  }
}

function correctFan(op: string, t: Tensor, mode: string): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw rangeError(op, `Mode ${String(mode)} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = as(op, () => calculateFanInAndFanOut(t));
  return mode === 'fan_in' ? fanIn : fanOut;
}

export interface KaimingOptions {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: string;
  generator?: Gen;
}

/**
 * He uniform init for ReLU-family layers (fan_in mode by default).
 *
 * He uniform: U(-bound, bound), bound = gain * sqrt(3 / fan). nn.Linear uses a = sqrt(5).
 *
 * @see torch.nn.init.kaiming_uniform_
 * @example
 * ```ts
 * const w = tg.empty(4, 6)
 * tg.nn.init.kaimingUniform_(w, { a: Math.sqrt(5) })
 * w.abs().max().item() <= 1 / Math.sqrt(6) // => true
 * ```
 */
export const kaimingUniform_ = kw(signature('nn.init.kaimingUniform_', 'tensor, a, mode, nonlinearity, generator'), function kaimingUniform_(
  t: Tensor, a: number | KaimingOptions = 0, mode: KaimingOptions['mode'] = 'fan_in', nonlinearity = 'leaky_relu', generator?: Gen): Tensor {
  check('kaimingUniform_', t);
  generatorOf('kaimingUniform_', generator); // a bad generator names this op, not the uniform_/normal_ it calls
  if (t.numel() === 0) return t; // PyTorch: "Initializing zero-element tensors is a no-op"
  const fan = correctFan('kaimingUniform_', t, mode);
  const bound = Math.sqrt(3) * (as('kaimingUniform_', () => calculateGain(nonlinearity, a as number)) / Math.sqrt(fan));
  return uniform_(t, -bound, bound, generator);
});
/**
 * He normal init, std `gain / sqrt(fan)`.
 *
 * He normal: N(0, (gain / sqrt(fan))^2).
 *
 * @see torch.nn.init.kaiming_normal_
 * @example
 * ```ts
 * const w = tg.empty(4, 6)
 * tg.nn.init.kaimingNormal_(w, { mode: 'fan_out', nonlinearity: 'relu' }).shape // => [4, 6]
 * ```
 */
export const kaimingNormal_ = kw(signature('nn.init.kaimingNormal_', 'tensor, a, mode, nonlinearity, generator'), function kaimingNormal_(
  t: Tensor, a: number | KaimingOptions = 0, mode: KaimingOptions['mode'] = 'fan_in', nonlinearity = 'leaky_relu', generator?: Gen): Tensor {
  check('kaimingNormal_', t);
  generatorOf('kaimingNormal_', generator);
  if (t.numel() === 0) return t;
  const fan = correctFan('kaimingNormal_', t, mode);
  return normal_(t, 0, as('kaimingNormal_', () => calculateGain(nonlinearity, a as number)) / Math.sqrt(fan), generator);
});
/**
 * Glorot uniform init, bound `gain * sqrt(6 / (fanIn + fanOut))`.
 *
 * Glorot uniform: bound = gain * sqrt(6 / (fan_in + fan_out)).
 *
 * @see torch.nn.init.xavier_uniform_
 * @example
 * ```ts
 * const w = tg.empty(3, 5)
 * tg.nn.init.xavierUniform_(w)
 * w.abs().max().item() <= Math.sqrt(6 / 8) // => true
 * ```
 */
export const xavierUniform_ = kw(signature('nn.init.xavierUniform_', 'tensor, gain, generator'), function xavierUniform_(t: Tensor, gain = 1, generator?: Gen): Tensor {
  check('xavierUniform_', t);
  generatorOf('xavierUniform_', generator);
  const [fanIn, fanOut] = as('xavierUniform_', () => calculateFanInAndFanOut(t));
  noFans('xavierUniform_', t, fanIn + fanOut);
  const a = Math.sqrt(3) * num('xavierUniform_', 'gain', gain) * Math.sqrt(2 / (fanIn + fanOut));
  return uniform_(t, -a, a, generator);
});
/**
 * Glorot normal init, std `gain * sqrt(2 / (fanIn + fanOut))`.
 *
 * Glorot normal: std = gain * sqrt(2 / (fan_in + fan_out)).
 *
 * @see torch.nn.init.xavier_normal_
 * @example
 * ```ts
 * const w = tg.empty(3, 5)
 * tg.nn.init.xavierNormal_(w).shape // => [3, 5]
 * ```
 */
export const xavierNormal_ = kw(signature('nn.init.xavierNormal_', 'tensor, gain, generator'), function xavierNormal_(t: Tensor, gain = 1, generator?: Gen): Tensor {
  check('xavierNormal_', t);
  generatorOf('xavierNormal_', generator);
  const [fanIn, fanOut] = as('xavierNormal_', () => calculateFanInAndFanOut(t));
  noFans('xavierNormal_', t, fanIn + fanOut);
  return normal_(t, 0, num('xavierNormal_', 'gain', gain) * Math.sqrt(2 / (fanIn + fanOut)), generator);
});

/**
 * Householder QR of the m x n (m >= n) row-major matrix A, in place: returns the first n columns of Q, as
 * an m x n row-major array, times the sign of R's diagonal, i.e. the Q of the QR whose R has a positive
 * diagonal (unique for a full-rank A, so independent of the reflections' sign convention).
 */
function orthonormalColumns(A: Float64Array, m: number, n: number): Float64Array {
  const vs: Float64Array[] = [];
  const rdiag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += A[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const x0 = A[k * n + k];
    const alpha = x0 >= 0 ? -norm : norm; // R_kk; the sign opposite to x0 avoids cancellation
    rdiag[k] = alpha;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = A[i * n + k];
    v[0] -= alpha;
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i] * v[i];
    vs.push(v);
    if (vn === 0) continue; // the column is zero below the diagonal already
    // A[k:, k:] -= 2 v (v^T A[k:, k:]) / (v^T v)
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i - k] * A[i * n + j];
      s = (2 * s) / vn;
      for (let i = k; i < m; i++) A[i * n + j] -= s * v[i - k];
    }
  }
  // Q[:, :n] = H_0 ... H_{n-1} I[:, :n], applied right to left.
  const Q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) Q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i] * v[i];
    if (vn === 0) continue;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i - k] * Q[i * n + j];
      s = (2 * s) / vn;
      for (let i = k; i < m; i++) Q[i * n + j] -= s * v[i - k];
    }
  }
  for (let j = 0; j < n; j++) if (rdiag[j] < 0) for (let i = 0; i < m; i++) Q[i * n + j] = -Q[i * n + j];
  return Q;
}

/**
 * Fills with a (semi-)orthogonal matrix times `gain`.
 *
 * A (semi-)orthogonal matrix, as PyTorch: the Q factor of a standard normal matrix (rows = dim 0, the other
 * dims flattened), with R's diagonal made positive so Q is Haar distributed, times gain.
 *
 * @see torch.nn.init.orthogonal_
 * @example
 * ```ts
 * const w = tg.empty(3, 3)
 * tg.nn.init.orthogonal_(w)
 * tg.allclose(w.mm(w.t()), tg.eye(3), { atol: 1e-5 }) // => true
 * ```
 */
export const orthogonal_ = kw(signature('nn.init.orthogonal_', 'tensor, gain, generator'), function orthogonal_(t: Tensor, gain = 1, generator?: Gen): Tensor {
  const op = 'orthogonal_';
  check(op, t);
  if (t.ndim < 2) throw rangeError(op, `Only tensors with 2 or more dimensions are supported, got shape ${fmtShape(t.shape)}`);
  num(op, 'gain', gain);
  if (t.numel() === 0) return t;
  const g = generatorOf(op, generator);
  const rows = t.shape[0], cols = t.numel() / rows;
  return noGrad(() => {
    checkWritable(op, t);
    const flat = new Float64Array(rows * cols);
    for (let i = 0; i < flat.length; i++) flat[i] = g.gauss();
    const d = t._data;
    if (rows >= cols) {
      const q = orthonormalColumns(flat, rows, cols);
      for (let i = 0; i < q.length; i++) d[i] = q[i] * gain;
    } else {
      // Orthonormal rows: the QR of the transpose (cols x rows), transposed back.
      const tr = new Float64Array(cols * rows);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) tr[j * rows + i] = flat[i * cols + j];
      const q = orthonormalColumns(tr, cols, rows);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) d[i * cols + j] = q[j * rows + i] * gain;
    }
    t._storeValues(d);
    t._box.version++;
    return t;
  });
});

/**
 * Fills a 2-D tensor with N(0, std) and zeroes a `sparsity` fraction of each column.
 *
 * A sparse 2-D matrix: N(0, std^2) with ceil(sparsity * rows) zeros in each column, at random rows.
 *
 * @see torch.nn.init.sparse_
 * @example
 * ```ts
 * const w = tg.empty(4, 2)
 * tg.nn.init.sparse_(w, 0.5)
 * w.eq(0).sum().item() // => 4
 * ```
 */
export const sparse_ = kw(signature('nn.init.sparse_', 'tensor, sparsity, std, generator'), function sparse_(t: Tensor, sparsity: number, std = 0.01, generator?: Gen): Tensor {
  const op = 'sparse_';
  check(op, t);
  if (t.ndim !== 2) throw rangeError(op, `Only tensors with 2 dimensions are supported, got shape ${fmtShape(t.shape)}`);
  num(op, 'sparsity', sparsity);
  if (!(sparsity >= 0 && sparsity <= 1)) throw rangeError(op, `sparsity must be in [0, 1], got ${sparsity}`);
  const [rows, cols] = t.shape;
  const zeros = Math.ceil(sparsity * rows);
  return noGrad(() => {
    SM.normal_(t, 0, num(op, 'std', std), generator);
    const d = t._data;
    for (let c = 0; c < cols; c++) {
      const perm = SM.randperm(rows, generator)._data;
      for (let k = 0; k < zeros; k++) d[Number(perm[k]) * cols + c] = 0;
    }
    t._storeValues(d);
    t._box.version++;
    return t;
  });
});

// ---- PyTorch's deprecated spellings without the underscore (its _make_deprecate): each calls the in-place
// initializer of the same name with a `_`, as PyTorch's do after their DeprecationWarning (tensorgrad prints no
// warnings; the TSDoc carries @deprecated).
type DeprecatedFanMode = 'fan_in' | 'fan_out';
type DeprecatedNonlinearity = Parameters<typeof calculateGain>[0];

/**
 * Deprecated spelling of uniform_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.uniform_, as PyTorch's nn.init.uniform warns.
 * @see torch.nn.init.uniform
 * @example
 * ```ts
 * tg.nn.init.uniform(tg.empty(2, 2), -1, 1).shape // => [2, 2]
 * ```
 */
export const uniform = kw(signature('nn.init.uniform', 'tensor, a, b, generator'), function uniform(t: Tensor, a?: number, b?: number, generator?: Gen): Tensor {
  return (uniform_ as (...a: unknown[]) => Tensor)(t, a, b, generator);
});

/**
 * Deprecated spelling of normal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.normal_, as PyTorch's nn.init.normal warns.
 * @see torch.nn.init.normal
 * @example
 * ```ts
 * tg.nn.init.normal(tg.empty(2, 2)).shape // => [2, 2]
 * ```
 */
export const normal = kw(signature('nn.init.normal', 'tensor, mean, std, generator'), function normal(t: Tensor, mean?: number, std?: number, generator?: Gen): Tensor {
  return (normal_ as (...a: unknown[]) => Tensor)(t, mean, std, generator);
});

/**
 * Deprecated spelling of constant_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.constant_, as PyTorch's nn.init.constant warns.
 * @see torch.nn.init.constant
 * @example
 * ```ts
 * tg.nn.init.constant(tg.empty(2), 3).tolist() // => [3, 3]
 * ```
 */
export const constant = kw(signature('nn.init.constant', 'tensor, val'), function constant(t: Tensor, val: number): Tensor {
  return (constant_ as (...a: unknown[]) => Tensor)(t, val);
});

/**
 * Deprecated spelling of eye_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.eye_, as PyTorch's nn.init.eye warns.
 * @see torch.nn.init.eye
 * @example
 * ```ts
 * tg.nn.init.eye(tg.empty(2, 2)).tolist() // => [[1, 0], [0, 1]]
 * ```
 */
export const eye = kw(signature('nn.init.eye', 'tensor'), function eye(t: Tensor): Tensor {
  return (eye_ as (...a: unknown[]) => Tensor)(t);
});

/**
 * Deprecated spelling of dirac_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.dirac_, as PyTorch's nn.init.dirac warns.
 * @see torch.nn.init.dirac
 * @example
 * ```ts
 * tg.nn.init.dirac(tg.empty(2, 2, 3)).sum().item() // => 2
 * ```
 */
export const dirac = kw(signature('nn.init.dirac', 'tensor, groups'), function dirac(t: Tensor, groups?: number): Tensor {
  return (dirac_ as (...a: unknown[]) => Tensor)(t, groups);
});

/**
 * Deprecated spelling of kaimingUniform_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.kaimingUniform_, as PyTorch's nn.init.kaiming_uniform warns.
 * @see torch.nn.init.kaiming_uniform
 * @example
 * ```ts
 * tg.nn.init.kaimingUniform(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const kaimingUniform = kw(signature('nn.init.kaimingUniform', 'tensor, a, mode, nonlinearity, generator'), function kaimingUniform(t: Tensor, a?: number, mode?: DeprecatedFanMode, nonlinearity?: DeprecatedNonlinearity, generator?: Gen): Tensor {
  return (kaimingUniform_ as (...a: unknown[]) => Tensor)(t, a, mode, nonlinearity, generator);
});

/**
 * Deprecated spelling of kaimingNormal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.kaimingNormal_, as PyTorch's nn.init.kaiming_normal warns.
 * @see torch.nn.init.kaiming_normal
 * @example
 * ```ts
 * tg.nn.init.kaimingNormal(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const kaimingNormal = kw(signature('nn.init.kaimingNormal', 'tensor, a, mode, nonlinearity, generator'), function kaimingNormal(t: Tensor, a?: number, mode?: DeprecatedFanMode, nonlinearity?: DeprecatedNonlinearity, generator?: Gen): Tensor {
  return (kaimingNormal_ as (...a: unknown[]) => Tensor)(t, a, mode, nonlinearity, generator);
});

/**
 * Deprecated spelling of xavierUniform_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.xavierUniform_, as PyTorch's nn.init.xavier_uniform warns.
 * @see torch.nn.init.xavier_uniform
 * @example
 * ```ts
 * tg.nn.init.xavierUniform(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const xavierUniform = kw(signature('nn.init.xavierUniform', 'tensor, gain, generator'), function xavierUniform(t: Tensor, gain?: number, generator?: Gen): Tensor {
  return (xavierUniform_ as (...a: unknown[]) => Tensor)(t, gain, generator);
});

/**
 * Deprecated spelling of xavierNormal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.xavierNormal_, as PyTorch's nn.init.xavier_normal warns.
 * @see torch.nn.init.xavier_normal
 * @example
 * ```ts
 * tg.nn.init.xavierNormal(tg.empty(3, 4)).shape // => [3, 4]
 * ```
 */
export const xavierNormal = kw(signature('nn.init.xavierNormal', 'tensor, gain, generator'), function xavierNormal(t: Tensor, gain?: number, generator?: Gen): Tensor {
  return (xavierNormal_ as (...a: unknown[]) => Tensor)(t, gain, generator);
});

/**
 * Deprecated spelling of orthogonal_ (fills the tensor in place and returns it).
 *
 * @deprecated Use tg.nn.init.orthogonal_, as PyTorch's nn.init.orthogonal warns.
 * @see torch.nn.init.orthogonal
 * @example
 * ```ts
 * tg.nn.init.orthogonal(tg.empty(3, 3)).shape // => [3, 3]
 * ```
 */
export const orthogonal = kw(signature('nn.init.orthogonal', 'tensor, gain, generator'), function orthogonal(t: Tensor, gain?: number, generator?: Gen): Tensor {
  return (orthogonal_ as (...a: unknown[]) => Tensor)(t, gain, generator);
});
