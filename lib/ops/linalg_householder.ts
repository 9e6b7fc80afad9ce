// Householder reflectors as results: torch.geqrf (LAPACK's compact QR on the native blocked Householder QR),
// linalg.householder_product / torch.orgqr (Q from the reflectors) and torch.ormqr (Q or Q^T times a matrix
// without forming Q). householder_product's backward (LinalgHouseholderProductBackward0) is in
// autograd/derivatives_linalgx.ts; geqrf's and ormqr's have no derivative in PyTorch 1.13 (their nodes,
// GeqrfBackward0 and OrmqrBackward0, throw in backward).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, fmtShape, describe } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, recordNotImplemented } from '../autograd/record.js';
import { fromValues } from './linalg_lu.js';
import { f64Copy, qrBatch } from './linalg_native.js';
import { named } from './linalg_factor.js';

function checkFloat(op: string, t: unknown, name: string, minDim: number): asserts t is Tensor {
  checkTensor(op, t, name);
  if (!isFloat(t.dtype)) throw typeError(op, `Expected a floating point tensor as input. Got ${t.dtype}`);
  if (t.dim() < minDim) throw rangeError(op, `${name} must have at least ${minDim} dimensions (got shape ${fmtShape(t.shape)}).`);
}
const prod = (s: readonly number[]): number => s.reduce((p, d) => p * d, 1);
const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** `{ a, tau }` of torch.geqrf. */
export interface Geqrf { a: Tensor; tau: Tensor; 0: Tensor; 1: Tensor; length: 2; [Symbol.iterator](): Iterator<Tensor> }

/**
 * LAPACK's geqrf: the QR factorization in compact form, R on and above the diagonal of `a` and the
 * Householder vectors below it (unit leading entry implied), with their scales `tau`. Batched. Not
 * differentiable (as PyTorch 1.13's).
 *
 * @see torch.geqrf
 * @example
 * ```ts
 * const { a, tau } = tg.geqrf(tg.tensor([[3, 1], [4, 2]]))
 * tg.linalg.householderProduct(a, tau) // Q of linalg.qr: tensor([[-0.6000, -0.8000], [-0.8000,  0.6000]])
 * ```
 */
export function geqrf(input: Tensor): Geqrf {
  const op = 'geqrf';
  checkFloat(op, input, 'input', 2);
  const m = input.shape[input.dim() - 2]!, n = input.shape[input.dim() - 1]!, batch = input.shape.slice(0, -2), count = prod(batch);
  const a = f64Copy(input._data as ArrayLike<number>, 0, count * m * n);
  const { tau } = m * n === 0 ? { tau: new Float64Array(0) } : qrBatch(a, count, m, n, null);
  // both outputs GeqrfBackward0, whose backward throws (PyTorch 1.13's not_implemented("geqrf"))
  const [A, T] = recordNotImplemented('geqrf', [input], [fromValues(a, [...input.shape], input.dtype), fromValues(tau, [...batch, Math.min(m, n)], input.dtype)], 'GeqrfBackward0');
  return named('geqrf', { a: A, tau: T }) as unknown as Geqrf;
}

/** Q's first n columns (m x n) from k reflectors stored in the m x n matrix at `off` (row-major), in place in q. */
function householderValues(a: ArrayLike<number>, off: number, tau: ArrayLike<number>, toff: number, m: number, n: number, k: number, q: Float64Array, qoff: number): void {
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[qoff + i * n + j] = i === j ? 1 : 0;
  const w = new Float64Array(n);
  // Q = H_0 H_1 ... H_{k-1} I: apply the last reflector first
  for (let r = k - 1; r >= 0; r--) {
    const t = tau[toff + r]!;
    if (t === 0) continue;
    const v = (i: number): number => (i < r ? 0 : i === r ? 1 : (a[off + i * n + r] as number));
    w.fill(0);
    for (let i = r; i < m; i++) {
      const vi = v(i);
      for (let j = 0; j < n; j++) w[j]! += vi * q[qoff + i * n + j]!;
    }
    for (let i = r; i < m; i++) {
      const s = t * v(i);
      for (let j = 0; j < n; j++) q[qoff + i * n + j]! -= s * w[j]!;
    }
  }
}

function checkReflectors(op: string, A: unknown, tau: unknown, names: [string, string]): asserts A is Tensor {
  checkFloat(op, A, names[0], 2);
  checkFloat(op, tau, names[1], 1);
  const t = tau as Tensor;
  const m = A.shape[A.dim() - 2]!, n = A.shape[A.dim() - 1]!;
  if (m < n) throw rangeError(op, `${names[0]}.shape[-2] must be greater than or equal to ${names[0]}.shape[-1] (${names[0]} of shape ${fmtShape(A.shape)})`);
  if (t.shape[t.dim() - 1]! > n) throw rangeError(op, `${names[1]}.shape[-1] must be less than or equal to ${names[0]}.shape[-1] (${names[0]} of shape ${fmtShape(A.shape)}, ${names[1]} of shape ${fmtShape(t.shape)})`);
  if (t.dim() !== A.dim() - 1 || !same(t.shape.slice(0, -1), A.shape.slice(0, -2)))
    throw rangeError(op, `Expected batch dimensions of ${names[1]} to be equal to ${names[0]}.shape[:-2] (${names[0]} of shape ${fmtShape(A.shape)}, ${names[1]} of shape ${fmtShape(t.shape)})`);
  if (t.dtype !== A.dtype) throw typeError(op, `Expected ${names[1]} to have the same dtype as ${names[0]}, but got ${t.dtype} and ${A.dtype}`);
}

function householderImpl(op: string, A: Tensor, tau: Tensor, names: [string, string]): Tensor {
  checkReflectors(op, A, tau, names);
  const m = A.shape[A.dim() - 2]!, n = A.shape[A.dim() - 1]!, k = tau.shape[tau.dim() - 1]!, count = prod(A.shape.slice(0, -2));
  const a = A._data as ArrayLike<number>, t = tau._data as ArrayLike<number>;
  const q = new Float64Array(count * m * n);
  for (let b = 0; b < count; b++) householderValues(a, b * m * n, t, b * k, m, n, k, q, b * m * n);
  const Q = fromValues(q, [...A.shape], A.dtype);
  return record('linalgHouseholderProduct', [A, tau], Q, () => ({ A, tau }));
}

/**
 * The first n columns of the product of Householder reflectors `H_i = I - tau_i v_i v_i^T`, v_i the i-th
 * column of A below the diagonal with a unit leading entry (geqrf's storage): Q of a QR from geqrf's output.
 *
 * linalg.householder_product(A, tau): LinalgHouseholderProductBackward0.
 *
 * @see torch.linalg.householder_product
 * @example
 * ```ts
 * const { a, tau } = tg.geqrf(tg.tensor([[3, 1], [4, 2]]))
 * tg.linalg.householderProduct(a, tau) // tensor([[-0.6000, -0.8000], [-0.8000,  0.6000]])
 * ```
 */
export function householderProduct(A: Tensor, tau: Tensor): Tensor {
  return householderImpl('linalg.householder_product', A, tau, ['A', 'tau']);
}

/**
 * torch.orgqr(input, tau): linalg.householder_product under LAPACK's name.
 *
 * @see torch.orgqr
 * @example
 * ```ts
 * const { a, tau } = tg.geqrf(tg.tensor([[3, 1], [4, 2]]))
 * tg.orgqr(a, tau) // tensor([[-0.6000, -0.8000], [-0.8000,  0.6000]])
 * ```
 */
export function orgqr(input: Tensor, input2: Tensor): Tensor {
  return householderImpl('orgqr', input, input2, ['input', 'tau']);
}

/**
 * Multiplies `other` by the Q of geqrf's reflectors without forming it: `Q C`, `Q^T C` (transpose),
 * `C Q` or `C Q^T` (left false). Q is m x m, built from the k reflectors of `input` (m x k or wider).
 * Not differentiable (as PyTorch 1.13's).
 *
 * @see torch.ormqr
 * @example
 * ```ts
 * const { a, tau } = tg.geqrf(tg.tensor([[3, 1], [4, 2]]))
 * tg.ormqr(a, tau, tg.eye(2)) // tensor([[-0.6000, -0.8000], [-0.8000,  0.6000]])
 * ```
 */
export function ormqr(input: Tensor, input2: Tensor, input3: Tensor, left: boolean = true, transpose: boolean = false): Tensor {
  const op = 'ormqr';
  checkFloat(op, input, 'input', 2);
  checkFloat(op, input2, 'tau', 1);
  checkFloat(op, input3, 'other', 2);
  if (typeof left !== 'boolean' || typeof transpose !== 'boolean') throw typeError(op, `left and transpose must be booleans, got ${describe(left)} and ${describe(transpose)}`);
  const mA = input.shape[input.dim() - 2]!, nA = input.shape[input.dim() - 1]!, k = input2.shape[input2.dim() - 1]!;
  const r = input3.shape[input3.dim() - 2]!, c = input3.shape[input3.dim() - 1]!;
  const mq = left ? r : c;
  if (mA !== mq) throw rangeError(op, `input.shape[-2] must be equal to other.shape[${left ? -2 : -1}] (input of shape ${fmtShape(input.shape)}, other of shape ${fmtShape(input3.shape)})`);
  if (k > nA) throw rangeError(op, `tau.shape[-1] must be less than or equal to input.shape[-1] (input of shape ${fmtShape(input.shape)}, tau of shape ${fmtShape(input2.shape)})`);
  if (!same(input.shape.slice(0, -2), input3.shape.slice(0, -2)) || !same(input2.shape.slice(0, -1), input.shape.slice(0, -2)))
    throw rangeError(op, `Expected batch dimensions of input, tau and other to be equal (input of shape ${fmtShape(input.shape)}, tau of shape ${fmtShape(input2.shape)}, other of shape ${fmtShape(input3.shape)})`);
  if (input2.dtype !== input.dtype || input3.dtype !== input.dtype) throw typeError(op, `Expected input, tau and other to have the same dtype, got ${input.dtype}, ${input2.dtype} and ${input3.dtype}`);
  const count = prod(input.shape.slice(0, -2));
  const a = input._data as ArrayLike<number>, t = input2._data as ArrayLike<number>, C = f64Copy(input3._data as ArrayLike<number>, 0, count * r * c);
  for (let b = 0; b < count; b++) {
    const ao = b * mA * nA, co = b * r * c;
    const v = (i: number, j: number): number => (i < j ? 0 : i === j ? 1 : (a[ao + i * nA + j] as number));
    // Q = H_0 ... H_{k-1}; Q C applies H_{k-1} first, Q^T C applies H_0 first; C Q applies H_0 first, C Q^T H_{k-1} first
    const order = (left ? !transpose : transpose) ? Array.from({ length: k }, (_, i) => k - 1 - i) : Array.from({ length: k }, (_, i) => i);
    for (const j of order) {
      const tj = t[b * k + j] as number;
      if (tj === 0) continue;
      if (left) {
        for (let col = 0; col < c; col++) {
          let w = 0;
          for (let i = j; i < r; i++) w += v(i, j) * C[co + i * c + col]!;
          for (let i = j; i < r; i++) C[co + i * c + col]! -= tj * v(i, j) * w;
        }
      } else {
        for (let row = 0; row < r; row++) {
          let w = 0;
          for (let i = j; i < c; i++) w += C[co + row * c + i]! * v(i, j);
          for (let i = j; i < c; i++) C[co + row * c + i]! -= tj * w * v(i, j);
        }
      }
    }
  }
  return recordNotImplemented('ormqr', [input, input2, input3], fromValues(C, [...input3.shape], input.dtype), 'OrmqrBackward0');
}
