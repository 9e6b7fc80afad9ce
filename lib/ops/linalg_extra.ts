// Issue 15's remaining torch.linalg names that PyTorch 1.13 builds from other ops (CompositeImplicitAutograd):
// cond, inv_ex, solve_ex, diagonal, matmul, vecdot, vander, tensorinv, tensorsolve, and the torch.* forms
// pinverse, chain_matmul, frobenius_norm, nuclear_norm. They are composed of differentiable tensorgrad ops in
// ATen's order, so their grad_fn is the node PyTorch's composition ends in (Note [Composite linalg ops]).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape, describe } from '../errors.js';
import { isFloat } from '../dtype.js';
import { noGrad, record } from '../autograd/record.js';
import * as LU from './linalg_lu.js';
import { luBatch, f64Copy } from './linalg_native.js';
import { pinv } from './linalg_pinv.js';
import { named } from './linalg_factor.js';
import { qr as linalgQr, type QR } from './linalg_qr_eig.js';
import { svdvals } from './linalg_svd.js';
import { matrixNorm, multiDot, matrixPower as linalgMatrixPower, type MatrixOrd } from './linalg_norms.js';
import { matmul } from './linalg.js';
import { reshape, movedim, diagonal as diagonalView, cat, expand, unsqueeze, narrow, squeeze, flatten } from './shape.js';
import { cumprod } from './cumulative.js';
import { sum, norm } from './reduce.js';
import { mul, div, sqrt } from './elementwise.js';
import { nanToNum } from './elementwise_math.js';
import { ones } from './creation.js';
import { maskedFill } from './masked.js';

/**
 * Note [Composite linalg ops]: PyTorch 1.13 implements these with other ATen ops and no derivative of their
 * own; tensorgrad composes the same ops in the same order, so values, grads and the output's grad_fn name
 * match (linalg.cond(A) ends in SqueezeBackward1, vecdot in SumBackward1, vander in CatBackward0, ...).
 */
const numelOf = (s: readonly number[]): number => s.reduce((p, d) => p * d, 1);

/** f() with its error renamed to `op` (the ops it is built of name themselves: "linalg.inv: ..."). */
function under<R>(op: string, f: () => R): R {
  try {
    return f();
  } catch (e) {
    const m = e instanceof Error ? /^[\w.]+: /.exec(e.message) : null;
    if (m) (e as Error).message = `${op}: ${(e as Error).message.slice(m[0].length)}`;
    throw e;
  }
}

/** A^-1 of possibly singular matrices (inf/NaN there, as LAPACK's), recorded as linalg.inv_ex's node. */
function invRecorded(A: Tensor): Tensor {
  const out = LU.invUnchecked(A);
  return record('linalgInv', [A], out, () => ({ result: out }));
}

/** linalg.solve_ex's result for a batch with a singular matrix (no check): A^-1 B through invRecorded. */
function solveUnchecked(A: Tensor, B: Tensor, left: boolean): Tensor {
  const Ai = invRecorded(A);
  const vector = left && (B.dim() === 1 || (B.dim() === A.dim() - 1 && B.shape.every((d, i) => d === A.shape[i])));
  if (vector) return squeeze(matmul(Ai, unsqueeze(B, -1)), -1);
  return left ? matmul(Ai, B) : matmul(B, Ai);
}

/** Per matrix: the 1-based index of the first zero pivot of its LU (LAPACK getrf's info), 0 if none. */
function luInfo(A: Tensor): Int32Array {
  const n = A.shape[A.dim() - 1]!;
  const count = n === 0 ? 0 : A.numel() / (n * n);
  const { info } = luBatch(f64Copy(A._data as ArrayLike<number>, 0, count * n * n), count, n);
  const out = new Int32Array(count);
  for (let b = 0; b < count; b++) out[b] = info[2 * b]!;
  return out;
}

function checkSquareFloat(op: string, A: unknown): asserts A is Tensor {
  checkTensor(op, A, 'A');
  if (!isFloat(A.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${A.dtype}`);
  if (A.dim() < 2) throw rangeError(op, `The input tensor A must have at least 2 dimensions (got shape ${fmtShape(A.shape)}).`);
  const r = A.shape[A.dim() - 2]!, c = A.shape[A.dim() - 1]!;
  if (r !== c) throw rangeError(op, `A must be batches of square matrices, but they are ${r} by ${c} matrices (shape ${fmtShape(A.shape)})`);
}

/** `{ inverse, info }` of linalg.inv_ex (also iterable as `[inverse, info]`). */
export interface InvEx { inverse: Tensor; info: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }
/** `{ result, info }` of linalg.solve_ex (also iterable as `[result, info]`). */
export interface SolveEx { result: Tensor; info: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }

function pair<K extends string>(name: string, k0: K, a: Tensor, b: Tensor): { [key in K | 'info']: Tensor } & { 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> } {
  return named(name, { [k0]: a, info: b } as Record<string, Tensor>) as never;
}

/**
 * The inverse of a square matrix (or batch) and, per matrix, LAPACK's info: 0, or the 1-based index of the
 * first zero pivot of a singular matrix. Singular matrices throw only with `checkErrors`; otherwise their
 * inverse is the inf/NaN of the elimination, as PyTorch's on CPU.
 *
 * linalg.inv_ex(A, *, check_errors=False): LinalgInvExBackward0.
 *
 * @see torch.linalg.inv_ex
 * @example
 * ```ts
 * const { inverse, info } = tg.linalg.invEx(tg.tensor([[2, 0], [0, 4]]))
 * inverse // tensor([[0.5000, 0.0000], [0.0000, 0.2500]])
 * info.item() // => 0
 * ```
 */
export function invEx(A: Tensor, checkErrors: boolean = false): InvEx {
  const op = 'linalg.inv_ex';
  checkSquareFloat(op, A);
  if (typeof checkErrors !== 'boolean') throw typeError(op, `check_errors must be a boolean, got ${describe(checkErrors)}`);
  const info = luInfo(A);
  const infoT = LU.fromValues(Float64Array.from(info), A.shape.slice(0, -2), 'int32');
  if (!info.some((i) => i !== 0)) return pair('linalg_inv_ex', 'inverse', LU.inv(A), infoT);
  if (checkErrors) return pair('linalg_inv_ex', 'inverse', under(op, () => LU.inv(A)), infoT);
  return pair('linalg_inv_ex', 'inverse', invRecorded(A), infoT);
}

/**
 * Solves `A X = B` (`X A = B` with `left: false`) and returns, per matrix, LAPACK's info (0, or the 1-based
 * index of the first zero pivot). A singular A throws only with `checkErrors`.
 *
 * linalg.solve_ex(A, B, *, left=True, check_errors=False): LinalgSolveExBackward0.
 *
 * @see torch.linalg.solve_ex
 * @example
 * ```ts
 * const { result, info } = tg.linalg.solveEx(tg.tensor([[2, 0], [0, 4]]), tg.tensor([2, 8]))
 * result // tensor([1., 2.])
 * info.item() // => 0
 * ```
 */
export function solveEx(A: Tensor, B: Tensor, left: boolean = true, checkErrors: boolean = false): SolveEx {
  const op = 'linalg.solve_ex';
  checkSquareFloat(op, A);
  if (typeof checkErrors !== 'boolean') throw typeError(op, `check_errors must be a boolean, got ${describe(checkErrors)}`);
  const info = luInfo(A);
  const infoT = LU.fromValues(Float64Array.from(info), A.shape.slice(0, -2), 'int32');
  if (checkErrors || !info.some((i) => i !== 0)) return pair('linalg_solve_ex', 'result', under(op, () => LU.solve(A, B, left)), infoT);
  return pair('linalg_solve_ex', 'result', solveUnchecked(A, B, left), infoT);
}

/**
 * The condition number of a matrix (or batch) in the norm `p`: the ratio of the largest to the smallest
 * singular value for `p` null, 2 (-2: the reverse); otherwise `norm(A, p) * norm(inv(A), p)` for square
 * matrices, +inf for singular ones. `p` is one of null, 2, -2, 1, -1, Infinity, -Infinity, 'fro', 'nuc'.
 *
 * @see torch.linalg.cond
 * @example
 * ```ts
 * tg.linalg.cond(tg.tensor([[1, 0], [0, 4]])) // tensor(4.)
 * tg.linalg.cond(tg.tensor([[1, 1], [0, 1]]), 1) // tensor(4.)
 * ```
 */
export function cond(A: Tensor, p: MatrixOrd | null = null): Tensor {
  const op = 'linalg.cond';
  checkTensor(op, A, 'A');
  if (!isFloat(A.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${A.dtype}`);
  if (A.dim() < 2) throw rangeError(op, `The input tensor A must have at least 2 dimensions (got shape ${fmtShape(A.shape)}).`);
  const ord = p ?? 2;
  if (!(ord === 'fro' || ord === 'nuc' || [1, -1, 2, -2, Infinity, -Infinity].includes(ord as number)))
    throw rangeError(op, `linalg.cond got an invalid norm type: ${String(ord)}`);
  if (A.numel() === 0 && (ord === 2 || ord === -2)) return noGrad(() => mul(sum(A, [-2, -1]), 0));
  if (ord === 2 || ord === -2) {
    const s = svdvals(A);
    const smax = narrow(s, -1, 0, 1), smin = narrow(s, -1, s.shape[s.dim() - 1]! - 1, 1);
    return squeeze(ord === -2 ? div(smin, smax) : div(smax, smin), -1);
  }
  checkSquareFloat(`linalg.cond(ord=${typeof ord === 'string' ? ord : ord === Infinity ? 'inf' : ord === -Infinity ? '-inf' : ord})`, A);
  if (A.numel() === 0) return noGrad(() => mul(sum(A, [-2, -1]), 0));
  // ATen's _linalg_cond_helper: inv_ex without the check, +inf where a matrix is singular, then the product
  // of the norms with nan_to_num(inf, inf, -inf) (0 * inf of a singular matrix -> inf).
  const info = luInfo(A);
  let inverse = invRecorded(A);
  if (info.some((i) => i !== 0)) {
    const mask = LU.fromValues(Float64Array.from(info, (i) => (i > 0 ? 1 : 0)), [...A.shape.slice(0, -2), 1, 1], 'bool');
    inverse = maskedFill(inverse, mask, Infinity);
  }
  return nanToNum(mul(matrixNorm(A, ord), matrixNorm(inverse, ord)), Infinity, Infinity, -Infinity);
}

/**
 * The diagonals of the matrices of A (a view): linalg.diagonal(A, *, offset=0, dim1=-2, dim2=-1), torch.diagonal
 * with the matrix dims last by default.
 *
 * @see torch.linalg.diagonal
 * @example
 * ```ts
 * tg.linalg.diagonal(tg.tensor([[1, 2], [3, 4]])) // tensor([1., 4.])
 * ```
 */
export function linalgDiagonal(A: Tensor, offset: number = 0, dim1: number = -2, dim2: number = -1): Tensor {
  checkTensor('linalg.diagonal', A, 'A');
  return diagonalView(A, offset, dim1, dim2);
}

/**
 * The matrix product of two tensors, as tg.matmul (its linalg alias).
 *
 * @see torch.linalg.matmul
 * @example
 * ```ts
 * tg.linalg.matmul(tg.tensor([[1, 2]]), tg.tensor([[3], [4]])) // tensor([[11.]])
 * ```
 */
export function linalgMatmul(input: Tensor, other: Tensor): Tensor {
  return matmul(input, other);
}

/**
 * The dot product of vectors along `dim` (broadcasting the rest): `(x * y).sum(dim)`.
 *
 * linalg.vecdot(x, y, *, dim=-1).
 *
 * @see torch.linalg.vecdot
 * @example
 * ```ts
 * tg.linalg.vecdot(tg.tensor([[1, 2], [3, 4]]), tg.tensor([1, 1])) // tensor([3., 7.])
 * ```
 */
export function vecdot(x: Tensor, y: Tensor, dim: number = -1): Tensor {
  const op = 'linalg.vecdot';
  checkTensor(op, x, 'x');
  checkTensor(op, y, 'y');
  if (x.dtype !== y.dtype) throw typeError(op, `Expected x and y to have the same dtype, but found x of type ${x.dtype} and y of type ${y.dtype} instead (x of shape ${fmtShape(x.shape)}, y of shape ${fmtShape(y.shape)})`);
  if (!Number.isInteger(dim)) throw typeError(op, `dim must be an integer, got ${describe(dim)}`);
  return sum(mul(x, y), dim);
}

/**
 * The Vandermonde matrix of x with increasing powers: `[1, x, x^2, ..., x^(N-1)]` along a new last dim
 * (N defaults to x's last size). Batched over x's leading dims.
 *
 * linalg.vander(x, *, N=None): CatBackward0.
 *
 * @see torch.linalg.vander
 * @example
 * ```ts
 * tg.linalg.vander(tg.tensor([1, 2, 3]))
 * // tensor([[1., 1., 1.],
 * //         [1., 2., 4.],
 * //         [1., 3., 9.]])
 * ```
 */
export function linalgVander(x: Tensor, N: number | null = null): Tensor {
  const op = 'linalg.vander';
  checkTensor(op, x, 'x');
  if (x.dtype === 'bool') throw typeError(op, `linalg.vander supports floating point, complex, and integer tensors, but got Bool`);
  const x1 = x.dim() === 0 ? unsqueeze(x, -1) : x;
  const n = N ?? x1.shape[x1.dim() - 1]!;
  if (!Number.isInteger(n)) throw typeError(op, `N must be an integer or null, got ${describe(N)}`);
  if (n <= 1) throw rangeError(op, `N must be greater than 1. (x of shape ${fmtShape(x.shape)}, N=${n})`);
  const powers = cumprod(expand(unsqueeze(x1, -1), [...x1.shape, n - 1]), -1);
  return cat([ones([...x1.shape, 1], { dtype: powers.dtype }), powers], -1);
}

/**
 * The "inverse" of a tensor for tensordot: the result R satisfies `tensordot(R, A, ind) = I` (A reshaped to
 * a square matrix of prod(shape[:ind]) rows, inverted, reshaped to shape[ind:] + shape[:ind]).
 *
 * @see torch.linalg.tensorinv
 * @example
 * ```ts
 * const A = tg.eye(4).mul(2).reshape([4, 2, 2])
 * tg.linalg.tensorinv(A, 1).shape // => [2, 2, 4]
 * ```
 */
export function tensorinv(A: Tensor, ind: number = 2): Tensor {
  const op = 'linalg.tensorinv';
  checkTensor(op, A, 'A');
  if (!Number.isInteger(ind) || ind <= 0) throw rangeError(op, `Expected a strictly positive integer for 'ind', but got ${describe(ind)}`);
  const end = A.shape.slice(ind), start = A.shape.slice(0, ind);
  const pe = numelOf(end), ps = numelOf(start);
  if (pe !== ps) throw rangeError(op, `Expected self to satisfy the requirement prod(self.shape[ind:]) == prod(self.shape[:ind]), but got ${pe} != ${ps} (shape ${fmtShape(A.shape)}, ind=${ind})`);
  const inv = under(op, () => LU.inv(reshape(A, [pe, pe])));
  return reshape(inv, [...end, ...start]);
}

/**
 * Solves `tensordot(A, X, X.ndim) = B` for X: A's last dims (after moving `dims` there) form X's shape.
 *
 * @see torch.linalg.tensorsolve
 * @example
 * ```ts
 * const A = tg.eye(6).mul(2).reshape([2, 3, 6])
 * tg.linalg.tensorsolve(A, tg.ones([2, 3])).shape // => [6]
 * ```
 */
export function tensorsolve(A: Tensor, B: Tensor, dims: number[] | null = null): Tensor {
  const op = 'linalg.tensorsolve';
  checkTensor(op, A, 'A');
  checkTensor(op, B, 'B');
  let a = A;
  if (dims !== null && dims !== undefined) {
    if (!Array.isArray(dims)) throw typeError(op, `dims must be an array of integers or null, got ${describe(dims)}`);
    a = movedim(a, dims, dims.map((_, i) => A.dim() - dims.length + i));
  }
  const resultShape = a.shape.slice(B.dim());
  const rp = numelOf(resultShape), bp = numelOf(B.shape);
  if (rp !== bp) throw rangeError(op, `Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == prod(self.shape[:other.ndim]), but got ${rp} != ${bp} (A of shape ${fmtShape(A.shape)}, B of shape ${fmtShape(B.shape)})`);
  const X = under(op, () => LU.solve(reshape(a, [rp, rp]), flatten(B)));
  return reshape(X, resultShape);
}

/**
 * The pseudoinverse with singular values below `rcond * sigma_max` dropped: linalg.pinv(input, atol=0,
 * rtol=rcond). LinalgPinvBackward0.
 *
 * @see torch.pinverse
 * @example
 * ```ts
 * tg.pinverse(tg.tensor([[2, 0], [0, 4]]))
 * // tensor([[0.5000, 0.0000],
 * //         [0.0000, 0.2500]])
 * ```
 */
export function pinverse(input: Tensor, rcond: number = 1e-15): Tensor {
  if (typeof rcond !== 'number') throw typeError('pinverse', `rcond must be a number, got ${describe(rcond)}`);
  return under('pinverse', () => pinv(input, 0, rcond));
}

/**
 * The product of 2-D matrices in the cheapest order (linalg.multi_dot); one matrix is cloned. Deprecated in
 * PyTorch for linalg.multi_dot.
 *
 * @see torch.chain_matmul
 * @example
 * ```ts
 * tg.chainMatmul(tg.ones([2, 3]), tg.ones([3, 4]), tg.ones([4, 1])) // tensor([[12.], [12.]])
 * ```
 */
export function chainMatmul(...matrices: Tensor[]): Tensor {
  const op = 'chain_matmul';
  const ms = matrices.length === 1 && Array.isArray(matrices[0]) ? (matrices[0] as unknown as Tensor[]) : matrices;
  if (ms.length === 0) throw rangeError(op, 'chain_matmul(): Expected one or more matrices');
  ms.forEach((m, i) => {
    checkTensor(op, m, `matrices[${i}]`);
    if (m.dim() !== 2) throw rangeError(op, `Tensor dimension is ${m.dim()}, expected 2 instead (matrices[${i}] of shape ${fmtShape(m.shape)}).`);
  });
  if (ms.length === 1) return ms[0]!.clone();
  return under(op, () => multiDot(ms));
}

/**
 * The Frobenius norm over `dim` (at most two dims; all of them when omitted): torch.norm(input, 2, dim, keepdim).
 *
 * @see torch.frobenius_norm
 * @example
 * ```ts
 * tg.frobeniusNorm(tg.tensor([[3, 0], [0, 4]])) // tensor(5.)
 * ```
 */
export function frobeniusNorm(input: Tensor, dim: number | number[] | null = null, keepdim: boolean = false): Tensor {
  const op = 'frobenius_norm';
  checkTensor(op, input);
  const d = dim === null || dim === undefined ? [] : typeof dim === 'number' ? [dim] : dim;
  if (d.length > 2) throw rangeError(op, `Expected at most 2 dimensions, but got ${d.length} dimensions instead (input of shape ${fmtShape(input.shape)}).`);
  if (d.length === 2) {
    const w = d.map((x) => (x < 0 ? x + input.dim() : x));
    if (w[0] === w[1]) throw rangeError(op, `Expected dims to be different, got [${d.join(', ')}] instead`);
  }
  if (!isFloat(input.dtype)) throw typeError(op, `expected a floating point tensor, got ${input.dtype} (shape ${fmtShape(input.shape)})`);
  // ATen: two dims sqrt(sum(x * x)); one dim norm(x, 2, dim); none aten::norm.Scalar (NormBackward0)
  if (d.length === 2) return sqrt(sum(mul(input, input), d, keepdim));
  if (d.length === 1 || keepdim) return under(op, () => norm(input, 2, d.length === 0 ? null : d, keepdim));
  const out = noGrad(() => norm(input, 2));
  return record('normScalar', [input], out, () => ({ self: input, result: out, p: 2, dims: null, keepdim: false }));
}

/**
 * The nuclear norm (sum of singular values) of a 2-D input, or of the matrices over the two dims `dim`.
 *
 * @see torch.nuclear_norm
 * @example
 * ```ts
 * tg.nuclearNorm(tg.tensor([[3, 0], [0, -4]])) // tensor(7.)
 * ```
 */
export function nuclearNorm(input: Tensor, dim: number[] | null = null, keepdim: boolean = false): Tensor {
  const op = 'nuclear_norm';
  checkTensor(op, input);
  if (dim === null || dim === undefined) {
    if (input.dim() !== 2) throw rangeError(op, `Expected a tensor with 2 dimensions, but got a tensor with ${input.dim()} dimension${input.dim() === 1 ? '' : 's'} instead (shape ${fmtShape(input.shape)}).`);
    return under(op, () => matrixNorm(input, 'nuc', [0, 1], keepdim));
  }
  return under(op, () => matrixNorm(input, 'nuc', dim, keepdim));
}

/** PyTorch 1.13's RuntimeError of a function removed in 1.9 (the name stays, raising). */
function removed(op: string, replacement: string): never {
  throw new Error(`${op}: This function was deprecated since version 1.9 and is now removed. Please use the \`${replacement}\` function instead.`);
}

/**
 * Removed in PyTorch 1.9 (PyTorch 1.13 keeps the name and raises): throws, naming torch.linalg.matrix_rank,
 * which is `tg.linalg.matrixRank`.
 *
 * @see torch.matrix_rank
 * @example
 * ```ts
 * let msg = ''
 * try { tg.matrixRank(tg.eye(2)) } catch (e) { msg = (e as Error).message }
 * msg // => 'matrix_rank: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.matrix_rank` function instead.'
 * ```
 */
export function matrixRankRemoved(input: Tensor, tol: number | null = null, symmetric: boolean = false): never {
  void input, void tol, void symmetric;
  return removed('matrix_rank', 'torch.linalg.matrix_rank');
}

/**
 * Removed in PyTorch 1.9 (PyTorch 1.13 keeps the name and raises): throws, naming torch.linalg.lstsq, which
 * is `tg.linalg.lstsq`.
 *
 * @see torch.lstsq
 * @example
 * ```ts
 * let msg = ''
 * try { tg.lstsq(tg.ones([2, 1]), tg.eye(2)) } catch (e) { msg = (e as Error).message }
 * msg // => 'lstsq: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.lstsq` function instead.'
 * ```
 */
export function lstsqRemoved(input: Tensor, A: Tensor): never {
  void input, void A;
  return removed('lstsq', 'torch.linalg.lstsq');
}

/**
 * A square matrix (or batch) to the integer power n (negative: of its inverse), as linalg.matrix_power.
 *
 * @see torch.matrix_power
 * @example
 * ```ts
 * tg.matrixPower(tg.tensor([[1, 1], [0, 1]]), 3)
 * // tensor([[1., 3.],
 * //         [0., 1.]])
 * ```
 */
export function matrixPower(input: Tensor, n: number): Tensor {
  return under('matrix_power', () => linalgMatrixPower(input, n));
}

/**
 * In place: `input = beta * input + alpha * (mat @ vec)` (torch.addmv_, the function form of x.addmv_).
 *
 * @see torch.addmv_
 * @example
 * ```ts
 * const x = tg.tensor([1, 1])
 * tg.addmv_(x, tg.tensor([[1, 2], [3, 4]]), tg.tensor([1, 1])) // tensor([4., 8.])
 * ```
 */
export function addmv_(input: Tensor, mat: Tensor, vec: Tensor, beta: number = 1, alpha: number = 1): Tensor {
  checkTensor('addmv_', input);
  return input.addmv_(mat, vec, beta, alpha);
}

/**
 * Removed in PyTorch 1.9 (PyTorch 1.13 keeps the name and raises): throws, naming torch.linalg.solve, which
 * is `tg.linalg.solve`.
 *
 * @see torch.solve
 * @example
 * ```ts
 * let msg = ''
 * try { tg.solve(tg.ones([2, 1]), tg.eye(2)) } catch (e) { msg = (e as Error).message }
 * msg // => 'solve: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.solve` function instead.'
 * ```
 */
export function solveRemoved(input: Tensor, A: Tensor): never {
  void input, void A;
  return removed('solve', 'torch.linalg.solve');
}

/**
 * Removed in PyTorch 1.9 (PyTorch 1.13 keeps the name and raises): throws, naming torch.linalg.eig (complex
 * eigenvalues, which tensorgrad does not have; `tg.linalg.eigh` for symmetric matrices).
 *
 * @see torch.eig
 * @example
 * ```ts
 * let msg = ''
 * try { tg.eig(tg.eye(2)) } catch (e) { msg = (e as Error).message }
 * msg // => 'eig: This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.eig` function instead.'
 * ```
 */
export function eigRemoved(input: Tensor, eigenvectors: boolean = false): never {
  void input, void eigenvectors;
  return removed('eig', 'torch.linalg.eig');
}

/**
 * The QR decomposition `[Q, R]` with torch.qr's boolean `some` (true: reduced, false: complete); deprecated
 * in PyTorch for linalg.qr. LinalgQrBackward0.
 *
 * @see torch.qr
 * @example
 * ```ts
 * const { Q, R } = tg.qr(tg.tensor([[3, 1], [4, 2]]))
 * R // tensor([[-5.0000, -2.2000], [ 0.0000,  0.4000]])
 * ```
 */
export function qrSome(input: Tensor, some: boolean = true): QR {
  if (typeof some !== 'boolean') throw typeError('qr', `some must be a boolean, got ${describe(some)}`);
  return under('qr', () => linalgQr(input, some ? 'reduced' : 'complete'));
}
