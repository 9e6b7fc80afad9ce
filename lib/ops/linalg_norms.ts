// tg.linalg's norms and products of several matrices: vectorNorm (one LinalgVectorNormBackward0 node),
// matrixNorm and norm (composed from vectorNorm and amax/amin as ATen composes them), multiDot (the cheapest
// multiplication order), matrixPower (binary powering), and tg.cdist (pairwise p-norm distances; the matrix-product
// form for large Euclidean inputs as ATen's default compute mode).
import { wrapDim } from '../shape.js';
import { Tensor, checkTensor } from '../tensor.js';
import { isFloat, type DType } from '../dtype.js';
import { broadcastShapes } from '../shape.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad } from '../autograd/record.js';
import { to, eye, onesLike, clone } from './creation.js';
import { sub, mul, pow, sqrt } from './elementwise.js';
import { norm, sum, amax, amin } from './reduce.js';
import { unsqueeze, view, cat, expand, transpose, permute } from './shape.js';
import { svdvals } from './linalg_svd.js';
import { mm, matmul } from './linalg.js';
import { inv } from './linalg_lu.js';

export interface VectorNormOptions {
  ord?: number;
  dim?: number | number[] | null;
  keepdim?: boolean;
  dtype?: DType | null;
}

function floatInput(op: string, x: Tensor, dtype: DType | null | undefined): Tensor {
  checkTensor(op, x);
  if (!isFloat(x.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${x.dtype} (shape ${fmtShape(x.shape)})`);
  if (dtype !== undefined && dtype !== null) {
    if (!isFloat(dtype)) throw typeError(op, `dtype should be floating point, got ${String(dtype)}`);
    return x.dtype === dtype ? x : to(x, dtype);
  }
  return x;
}

/**
 * The p-norm of x over dim(s) (all by default), in float.
 *
 * @see torch.linalg.vector_norm
 * @example
 * ```ts
 * const x = tg.tensor([[3, 4], [-1, 1]])
 * tg.linalg.vectorNorm(x) // tensor(5.1962)
 * tg.linalg.vectorNorm(x, 1, -1) // tensor([7., 2.])
 * tg.linalg.vectorNorm(x, { ord: Infinity, dim: 1 }) // tensor([4., 1.])
 * ```
 */
export function vectorNorm(x: Tensor, ord?: number | VectorNormOptions, dim?: number | number[] | null, keepdim?: boolean, dtype?: DType | null): Tensor {
  let p = ord as number | undefined;
  if (ord !== null && typeof ord === 'object') ({ ord: p, dim, keepdim, dtype } = ord);
  p ??= 2;
  if (typeof p !== 'number') throw typeError('linalg.vectorNorm', `ord must be a number, got ${describe(p)}`);
  if (keepdim !== undefined && keepdim !== null && typeof keepdim !== 'boolean') throw typeError('linalg.vectorNorm', `keepdim must be a boolean, got ${describe(keepdim)}`);
  const src = floatInput('linalg.vectorNorm', x, dtype);
  const dims = dim === undefined || dim === null ? null : Array.isArray(dim) ? dim : [dim];
  if (dims !== null) for (const d of dims) wrapDim('linalg.vectorNorm', d, x.ndim);
  const out = noGrad(() => norm(src, p, dims, keepdim ?? false));
  const wrapped = dims === null ? null : dims.map((d) => (d < 0 ? d + x.ndim : d)).sort((a, b) => a - b);
  return record('linalgVectorNorm', [src], out, () => ({ self: src, result: out, p: p as number, dims: wrapped, keepdim: keepdim ?? false }));
}

export type MatrixOrd = number | 'fro' | 'nuc';
export interface MatrixNormOptions {
  ord?: MatrixOrd;
  dim?: number[];
  keepdim?: boolean;
  dtype?: DType | null;
}

/**
 * Frobenius (default), 1, -1, inf or -inf norm of the matrices over dim (the last two dims).
 *
 * @see torch.linalg.matrix_norm
 * @example
 * ```ts
 * const A = tg.tensor([[1, -2], [3, 4]])
 * tg.linalg.matrixNorm(A) // tensor(5.4772)
 * tg.linalg.matrixNorm(A, 1) // tensor(6.)
 * ```
 */
export function matrixNorm(A: Tensor, ord?: MatrixOrd | MatrixNormOptions, dim?: number[], keepdim?: boolean, dtype?: DType | null): Tensor {
  let o = ord as MatrixOrd | undefined;
  if (ord !== null && typeof ord === 'object') ({ ord: o, dim, keepdim, dtype } = ord);
  o ??= 'fro';
  const op = 'linalg.matrixNorm';
  checkTensor(op, A);
  const d = dim ?? [-2, -1];
  if (!Array.isArray(d) || d.length !== 2) throw rangeError(op, `dim must be a 2-tuple. Got ${describe(d)}`);
  if (A.ndim < 2) throw rangeError(op, `The input tensor A must have at least 2 dimensions. (shape ${fmtShape(A.shape)})`);
  const dims = d.map((x) => {
    if (!Number.isInteger(x) || x < -A.ndim || x >= A.ndim) throw rangeError(op, `dim ${x} out of range for a ${A.ndim}-D tensor`);
    return x < 0 ? x + A.ndim : x;
  });
  if (dims[0] === dims[1]) throw rangeError(op, `dims must be different. Got (${d[0]}, ${d[1]})`);
  const kd = keepdim ?? false;
  floatInput(op, A, dtype);
  if (o === 'fro') return vectorNorm(A, 2, dims, kd, dtype);
  if (o === 'nuc' || o === 2 || o === -2) {
    // ATen: the two dims moved last, the singular values, then their sum (nuc), max (2) or min (-2); with
    // keepdim the reduced dims come back through the inverse permutation.
    const src = floatInput(op, A, dtype);
    const perm = [...src.shape.map((_, i) => i).filter((i) => i !== dims[0] && i !== dims[1]), dims[0], dims[1]];
    const sv = svdvals(permute(src, perm));
    const r = o === 'nuc' ? sum(sv, -1) : o === 2 ? amax(sv, -1) : amin(sv, -1);
    if (!kd) return r;
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return permute(unsqueeze(unsqueeze(r, -1), -1), inverse);
  }
  if (o !== 1 && o !== -1 && o !== Infinity && o !== -Infinity) throw rangeError(op, `Order ${String(o)} not supported.`);
  floatInput(op, A, dtype);
  // ATen: the vector 1-norm over one dim, then the max (min for negative ord) over the other.
  let [inner, outer] = Math.abs(o) === Infinity ? [dims[1], dims[0]] : [dims[0], dims[1]];
  const cols = vectorNorm(A, 1, inner, kd, dtype);
  if (!kd && inner < outer) outer--;
  return o > 0 ? amax(cols, outer, kd) : amin(cols, outer, kd);
}

/**
 * A vector norm, or a matrix norm when ord is given with 2 dims (or for a 2-D input without dim).
 *
 * @see torch.linalg.norm
 * @example
 * ```ts
 * tg.linalg.norm(tg.tensor([3, 4])) // tensor(5.)
 * tg.linalg.norm(tg.tensor([[1, -2], [3, 4]]), Infinity) // tensor(7.)
 * ```
 */
export function linalgNorm(A: Tensor, ord?: MatrixOrd | null | (VectorNormOptions & { ord?: MatrixOrd | null }), dim?: number | number[] | null, keepdim?: boolean, dtype?: DType | null): Tensor {
  let o = ord as MatrixOrd | null | undefined;
  if (ord !== null && typeof ord === 'object') ({ ord: o, dim, keepdim, dtype } = ord as VectorNormOptions & { ord?: MatrixOrd | null });
  floatInput('linalg.norm', A, null);
  const dims = dim === undefined || dim === null ? null : Array.isArray(dim) ? dim : [dim];
  if (dims !== null && dims.length !== 1 && dims.length !== 2) throw rangeError('linalg.norm', `If dim is specified, it must be of length 1 or 2. Got ${fmtShape(dims)}`);
  if (dims === null && o !== undefined && o !== null && A.ndim !== 1 && A.ndim !== 2)
    throw rangeError('linalg.norm', `If dim is not specified but ord is, the input must be 1D or 2D. Got ${A.ndim}D.`);
  if (typeof o === 'string' && !(dims?.length === 2 || (dims === null && A.ndim === 2))) throw rangeError('linalg.norm', `ord='${o}' is a matrix norm: give 2 dims or a 2-D input`);
  if (o !== undefined && o !== null && ((dims !== null && dims.length === 2) || (dims === null && A.ndim === 2)))
    return matrixNorm(A, o, dims ?? [0, 1], keepdim, dtype);
  return vectorNorm(A, (o as number | null | undefined) ?? 2, dims, keepdim, dtype);
}

/**
 * The product of the matrices in the cheapest order (1-D first and last operands are a row and a column).
 *
 * @see torch.linalg.multi_dot
 * @example
 * ```ts
 * const A = tg.ones(2, 3), B = tg.ones(3, 4), v = tg.ones(4)
 * tg.linalg.multiDot([A, B, v]) // tensor([12., 12.])
 * ```
 */
export function multiDot(tensors: Tensor[]): Tensor {
  const op = 'linalg.multiDot';
  if (!Array.isArray(tensors)) throw typeError(op, `expected a list of tensors, got ${describe(tensors)}`);
  const n = tensors.length;
  if (n < 2) throw rangeError(op, `expected at least 2 tensors but got ${n}`);
  tensors.forEach((t, i) => {
    checkTensor(op, t, `tensors[${i}]`);
    const ok = i === 0 || i === n - 1 ? t.ndim === 1 || t.ndim === 2 : t.ndim === 2;
    if (!ok) throw rangeError(op, `tensor ${i} must be ${i === 0 ? 'the first' : i === n - 1 ? 'the last' : 'a middle'} operand with ${i === 0 || i === n - 1 ? '1 or 2' : '2'} dimensions but got ${t.ndim}D (shape ${fmtShape(t.shape)})`);
    if (t.dtype !== tensors[0].dtype) throw typeError(op, `all tensors must have the same dtype, got ${tensors[0].dtype} and ${t.dtype}`);
  });
  const first = tensors[0].ndim === 1, last = tensors[n - 1].ndim === 1;
  const ms = tensors.map((t, i) => (i === 0 && first ? unsqueeze(t, 0) : i === n - 1 && last ? unsqueeze(t, 1) : t));
  for (let i = 0; i + 1 < n; i++)
    if (ms[i].shape[1] !== ms[i + 1].shape[0])
      throw rangeError(op, `tensors[${i}] and tensors[${i + 1}] cannot be multiplied (${ms[i].shape.join('x')} and ${ms[i + 1].shape.join('x')})`);
  const outShape = [...(first ? [] : [ms[0].shape[0]]), ...(last ? [] : [ms[n - 1].shape[1]])];
  // The matrix-chain order by dynamic programming over the dims p0..pn (textbook; numpy and ATen do the same).
  const p = [ms[0].shape[0], ...ms.map((m) => m.shape[1])];
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let len = 1; len < n; len++)
    for (let i = 0; i + len < n; i++) {
      const j = i + len;
      cost[i][j] = Infinity;
      for (let k = i; k < j; k++) {
        const c = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
        if (c < cost[i][j]) [cost[i][j], split[i][j]] = [c, k];
      }
    }
  const chain = (i: number, j: number): Tensor => (i === j ? ms[i] : mm(chain(i, split[i][j]), chain(split[i][j] + 1, j)));
  return view(chain(0, n - 1), outShape);
}

/**
 * A to the integer power n (n = 0: identity; n < 0: the inverse's power).
 *
 * @see torch.linalg.matrix_power
 * @example
 * ```ts
 * const A = tg.tensor([[1, 1], [0, 1]])
 * tg.linalg.matrixPower(A, 3)
 * // tensor([[1., 3.],
 * //         [0., 1.]])
 * tg.linalg.matrixPower(A, -1)
 * // tensor([[ 1., -1.],
 * //         [ 0.,  1.]])
 * ```
 */
export function matrixPower(A: Tensor, n: number | { n: number }): Tensor {
  const op = 'linalg.matrixPower';
  checkTensor(op, A);
  let k = typeof n === 'object' && n !== null ? n.n : n;
  if (!Number.isInteger(k)) throw typeError(op, `n must be an integer, got ${describe(k)}`);
  if (A.ndim < 2 || A.shape[A.ndim - 1] !== A.shape[A.ndim - 2])
    throw rangeError(op, `A must be batches of square matrices, but they are ${A.ndim < 2 ? `${A.ndim}-D` : `${A.shape[A.ndim - 2]} by ${A.shape[A.ndim - 1]} matrices`}`);
  if (k === 0) return clone(A).copy_(expand(eye(A.shape[A.ndim - 1], null, A.dtype), A.shape));
  let a = A;
  if (k < 0) {
    a = inv(A);
    k = -k;
  }
  if (k === 1) return clone(a);
  if (k === 2) return matmul(a, a);
  if (k === 3) return matmul(matmul(a, a), a);
  // Binary powering, ATen's loop: z = a^(2^i), result gathers the set bits.
  let z: Tensor | null = null, result: Tensor | null = null;
  while (k > 0) {
    const bit = k % 2;
    k = Math.floor(k / 2);
    z = z === null ? a : matmul(z, z);
    if (bit === 1) result = result === null ? z : matmul(result, z);
  }
  return result as Tensor;
}

export type CdistMode = 'use_mm_for_euclid_dist_if_necessary' | 'use_mm_for_euclid_dist' | 'donot_use_mm_for_euclid_dist';

/**
 * The p-norm distance between each row of x1 [..., r1, m] and each row of x2 [..., r2, m] (batch dims broadcast).
 *
 * For p = 2 with more than 25 rows (or computeMode 'use_mm_for_euclid_dist') ATen computes |a|^2 - 2ab + |b|^2
 * through one matrix product, and so does this (same values to rounding, same node).
 *
 * @see torch.cdist
 * @example
 * ```ts
 * const a = tg.tensor([[0, 0], [1, 1]]), b = tg.tensor([[3, 4]])
 * tg.cdist(a, b)
 * // tensor([[5.0000],
 * //         [3.6056]])
 * tg.cdist(a, b, { p: 1 })
 * // tensor([[7.],
 * //         [5.]])
 * ```
 */
export function cdist(x1: Tensor, x2: Tensor, p: number | { p?: number; computeMode?: CdistMode } = 2, computeMode: CdistMode = 'use_mm_for_euclid_dist_if_necessary'): Tensor {
  let pv = p as number;
  if (p !== null && typeof p === 'object') ({ p: pv = 2, computeMode = 'use_mm_for_euclid_dist_if_necessary' } = p);
  checkTensor('cdist', x1, 'x1');
  checkTensor('cdist', x2, 'x2');
  if (!isFloat(x1.dtype) || !isFloat(x2.dtype)) throw typeError('cdist', `only supports floating-point dtypes, X1 got: ${x1.dtype}, X2 got: ${x2.dtype}`);
  if (x1.dtype !== x2.dtype) throw typeError('cdist', `X1 and X2 must have the same dtype, got ${x1.dtype} and ${x2.dtype}`);
  if (x1.ndim < 2 || x2.ndim < 2) throw rangeError('cdist', `only supports at least 2D tensors, X1 got: ${x1.ndim}D, X2 got: ${x2.ndim}D`);
  const m = x1.shape[x1.ndim - 1];
  if (x2.shape[x2.ndim - 1] !== m) throw rangeError('cdist', `X1 and X2 must have the same number of columns. X1: ${m} X2: ${x2.shape[x2.ndim - 1]}`);
  if (typeof pv !== 'number' || !(pv >= 0)) throw rangeError('cdist', `only supports non-negative p values, got ${describe(pv)}`);
  const modes: CdistMode[] = ['use_mm_for_euclid_dist_if_necessary', 'use_mm_for_euclid_dist', 'donot_use_mm_for_euclid_dist'];
  if (!modes.includes(computeMode)) throw rangeError('cdist', `${String(computeMode)} is not a valid value for compute_mode`);
  const r1 = x1.shape[x1.ndim - 2], r2 = x2.shape[x2.ndim - 2];
  const batch = broadcastShapes('cdist', x1.shape.slice(0, -2), x2.shape.slice(0, -2));
  const a = expand(x1, [...batch, r1, m]), b = expand(x2, [...batch, r2, m]);
  const useMm = pv === 2 && (computeMode === 'use_mm_for_euclid_dist' || (computeMode === 'use_mm_for_euclid_dist_if_necessary' && (r1 > 25 || r2 > 25)));
  if (useMm) return view(euclideanDist(a, b), [...batch, r1, r2]);
  const out = noGrad(() => norm(sub(unsqueeze(a, -2), unsqueeze(b, -3)), pv, -1));
  return record('cdist', [a, b], out, () => ({ x1: a, x2: b, result: out, p: pv }));
}

/**
 * ATen's _euclidean_dist (cdist's matrix-product path): sqrt(|a|^2 - 2ab + |b|^2) through one batched product of
 * [-2a, |a|^2, 1] and [b, 1, |b|^2], clamped at 1e-30 before the root; one EuclideanDistBackward0 node.
 */
export function euclideanDist(a: Tensor, b: Tensor): Tensor {
  const out = noGrad(() => {
    const an = sum(pow(a, 2), -1, true), bn = sum(pow(b, 2), -1, true);
    const a2 = cat([mul(a, -2), an, onesLike(an)], -1), b2 = cat([b, onesLike(bn), bn], -1);
    return sqrt(matmul(a2, transpose(b2, -1, -2)).clampMin(1e-30));
  });
  return record('euclideanDist', [a, b], out, () => ({ x1: a, x2: b, result: out }));
}

/** The distance grads of cdist: through |x1_i - x2_j|_p with norm's formula, summed over the other operand's rows. */
export function cdistBackward(g: Tensor, s: { x1: Tensor; x2: Tensor; result: Tensor; p: number }, normGrad: (g: Tensor, diff: Tensor) => Tensor | null): [Tensor | null, Tensor | null] {
  const diff = sub(unsqueeze(s.x1, -2), unsqueeze(s.x2, -3));
  const gd = normGrad(g, diff);
  if (gd === null) return [null, null];
  return [sum(gd, -2), mul(sum(gd, -3), -1)];
}

/** ATen's _euclidean_dist_backward: ratio = g / d (0 where d = 0); x1: x1 * ratio.sum(-1) - ratio @ x2. */
export function euclideanDistBackward(g: Tensor, s: { x1: Tensor; x2: Tensor; result: Tensor }, which: 0 | 1): Tensor {
  const ratio = g.div(s.result).where(s.result.ne(0), 0);
  if (which === 0) return sub(mul(s.x1, sum(ratio, -1, true)), matmul(ratio, s.x2));
  return sub(mul(s.x2, unsqueeze(sum(ratio, -2), -1)), matmul(transpose(ratio, -1, -2), s.x1));
}

