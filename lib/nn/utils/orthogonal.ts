// tg.nn.utils.parametrizations.orthogonal: PyTorch 1.13's _Orthogonal parametrization. A matrix (or batch) X
// maps to an orthogonal Q by the matrix exponential or the Cayley map of the skew-symmetric part of tril(X), or
// by a product of Householder reflectors; with useTrivialization a buffer `base` (the orthogonalized initial
// value) multiplies Q from the left, and the stored original starts at -I (PyTorch's dynamic trivialization).
import { Tensor } from '../../tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { typeError, rangeError, describe, fmtShape } from '../../errors.js';
import { Module } from '../module.js';
import { kw, signature } from '../../kwargs.js';
import { eye, zeros, tensor, randn } from '../../ops/creation.js';
import { matmul } from '../../ops/linalg.js';
import { solve } from '../../ops/linalg_lu.js';
import { qr } from '../../ops/linalg_qr_eig.js';
import { tril } from '../../ops/structure.js';
import * as E from '../../ops/elementwise.js';
import { sum } from '../../ops/reduce.js';
import { cat, diagonal, expand, narrow, transpose, unsqueeze, reshape } from '../../ops/shape.js';
import { registerParametrization } from './parametrize.js';

type OrthMap = 'matrix_exp' | 'cayley' | 'householder';
const mT = (x: Tensor): Tensor => transpose(x, -2, -1);
const eyeLike = (n: number, k: number, like: Tensor): Tensor => eye(n, k, like.dtype);

/**
 * exp(A) for square A [..., n, n] from recording ops: scaling and squaring over a degree-18 Taylor sum (its
 * truncation error is below the dtype's rounding once ||A / 2^s||_1 <= 1/2).
 */
export function matrixExpComposite(A: Tensor): Tensor {
  const n = A.shape[A.ndim - 1], v = A._data as ArrayLike<number>;
  let norm = 0;
  for (let b = 0; b < v.length; b += n * n)
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += Math.abs(v[b + i * n + j]);
      norm = Math.max(norm, c);
    }
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const X = E.mul(A, 2 ** -s);
  let term = expand(eyeLike(n, n, A), A.shape), out = term;
  for (let k = 1; k <= 18; k++) {
    term = E.mul(matmul(term, X), 1 / k);
    out = E.add(out, term);
  }
  for (let i = 0; i < s; i++) out = matmul(out, out);
  return out;
}

/** linalg.householder_product(A, tau) [..., n, k] from recording ops: H_0 ... H_{k-1} applied to I[:, :k]. */
export function householderProductComposite(A: Tensor, tau: Tensor): Tensor {
  const n = A.shape[A.ndim - 2], k = A.shape[A.ndim - 1];
  const V = E.add(tril(A, -1), eyeLike(n, k, A));
  let Q = expand(eyeLike(n, k, A), A.shape);
  for (let i = k - 1; i >= 0; i--) {
    const vi = narrow(V, -1, i, 1), ti = unsqueeze(narrow(tau, -1, i, 1), -1);
    Q = E.sub(Q, E.mul(ti, matmul(vi, matmul(mT(vi), Q))));
  }
  return Q;
}

/** PyTorch's _make_orthogonal: the Q of A = QR with diag(R) >= 0. */
function makeOrthogonal(A: Tensor): Tensor {
  const { Q, R } = qr(A);
  return E.mul(Q, unsqueeze(E.sign(diagonal(R, 0, -2, -1)), -2));
}

/**
 * PyTorch's _Orthogonal parametrization (see orthogonal()).
 *
 * @see torch.nn.utils.parametrizations.orthogonal
 * @example
 * ```ts
 * const m = tg.nn.utils.parametrizations.orthogonal(new tg.nn.Linear(3, 3))
 * String(m.parametrizations.get('weight').get(0)) // => '_Orthogonal()'
 * ```
 */
export class _Orthogonal extends Module {
  readonly shape: number[];
  readonly orthogonalMap: OrthMap;
  declare base: Tensor | null;

  constructor(weight: Tensor, orthogonalMap: OrthMap, useTrivialization = true) {
    super();
    this.shape = weight.shape.slice();
    this.orthogonalMap = orthogonalMap;
    if (useTrivialization) this.registerBuffer('base', null);
  }

  get trivialization(): boolean {
    return this._bufferNames.has('base');
  }

  override forward(X: Tensor): Tensor {
    let n = X.shape[X.ndim - 2], k = X.shape[X.ndim - 1];
    const transposed = n < k;
    if (transposed) [X, n, k] = [mT(X), k, n];
    let Q: Tensor;
    if (this.orthogonalMap === 'householder') {
      const A = tril(X, -1);
      const tau = E.div(2, E.add(sum(E.mul(A, A), -2), 1));
      Q = householderProductComposite(A, tau);
      // PyTorch multiplies by X.diagonal().int(): the diagonal truncated to integers (the -1s of the start)
      const d = noGrad(() => diagonal(X, 0, -2, -1));
      Q = E.mul(Q, unsqueeze(tensor(Array.from(d._data as ArrayLike<number>, Math.trunc), { dtype: X.dtype }).reshape(d.shape), -2));
    } else {
      let T = tril(X);
      if (n !== k) T = cat([T, zeros([...X.shape.slice(0, -2), n, n - k], { dtype: X.dtype })], -1);
      const A = E.sub(T, mT(T));
      if (this.orthogonalMap === 'matrix_exp') Q = matrixExpComposite(A);
      else {
        const I = eyeLike(n, n, A);
        Q = solve(E.add(I, E.mul(A, -0.5)), E.add(I, E.mul(A, 0.5)));
      }
      if (n !== k) Q = narrow(Q, -1, 0, k);
    }
    if (this.trivialization && this.base !== null) Q = matmul(this.base, Q);
    return transposed ? mT(Q) : Q;
  }

  /** What to store for a given orthogonal Q (PyTorch's right_inverse). */
  rightInverse(Qin: Tensor): Tensor {
    return noGrad(() => {
      if (Qin.shape.join() !== this.shape.join()) throw rangeError('orthogonal', `Expected a matrix or batch of matrices of shape ${fmtShape(this.shape)}. Got a tensor of shape ${fmtShape(Qin.shape)}.`);
      let Q = Qin, n = Q.shape[Q.ndim - 2], k = Q.shape[Q.ndim - 1];
      const transpose_ = n < k;
      if (transpose_) [Q, n, k] = [mT(Q), k, n];
      if (!this.trivialization) {
        if (this.orthogonalMap !== 'householder')
          throw Object.assign(new Error('orthogonal: It is not possible to assign to the matrix exponential or the Cayley parametrizations when useTrivialization=false.'), { name: 'NotImplementedError' });
        const A = geqrfSigned(Q);
        return transpose_ ? mT(A) : A;
      }
      if (n === k) {
        const eps = Q.dtype === 'float64' ? 2.220446049250313e-16 : 1.1920928955078125e-7;
        const ok = E.allclose(matmul(mT(Q), Q), eyeLike(k, k, Q), 1e-5, 10 * n * eps);
        Q = ok ? Q.clone() : makeOrthogonal(Q);
      } else {
        Q = makeOrthogonal(cat([Q, randn([...Q.shape.slice(0, -2), n, n - k], { dtype: Q.dtype })], -1));
      }
      this.base = Q;
      const negId = E.mul(expand(eyeLike(Qin.shape[Qin.ndim - 2], Qin.shape[Qin.ndim - 1], Qin), Qin.shape), -1);
      return negId.contiguous();
    });
  }
}

/**
 * right_inverse without trivialization: geqrf(Q) (LAPACK's Householder QR, dlarfg's signs) in JS, then the
 * diagonal replaced by sign(diag R), flipped where tau = 0, as PyTorch's A.diagonal().sign_() and [tau == 0] *= -1.
 */
function geqrfSigned(Q: Tensor): Tensor {
  const n = Q.shape[Q.ndim - 2], k = Q.shape[Q.ndim - 1];
  const batch = Q.numel() / (n * k), q = Q.contiguous()._data as ArrayLike<number>;
  const out = new Float64Array(batch * n * k);
  for (let b = 0; b < batch; b++) {
    const a = Array.from({ length: n * k }, (_, i) => q[b * n * k + i]);
    for (let j = 0; j < k; j++) {
      let tail = 0;
      for (let i = j + 1; i < n; i++) tail += a[i * k + j] ** 2;
      const x0 = a[j * k + j];
      let beta = x0, tau = 0;
      const v = new Array<number>(n - j).fill(0);
      v[0] = 1;
      if (tail > 0) {
        const nrm = Math.sqrt(x0 * x0 + tail);
        beta = x0 >= 0 ? -nrm : nrm;
        tau = (beta - x0) / beta;
        for (let i = j + 1; i < n; i++) v[i - j] = a[i * k + j] / (x0 - beta);
        for (let c = j + 1; c < k; c++) {
          let dot = 0;
          for (let i = j; i < n; i++) dot += v[i - j] * a[i * k + c];
          for (let i = j; i < n; i++) a[i * k + c] -= tau * v[i - j] * dot;
        }
      }
      for (let i = j + 1; i < n; i++) out[b * n * k + i * k + j] = v[i - j];
      for (let c = j + 1; c < k; c++) out[b * n * k + j * k + c] = a[j * k + c];
      const sg = beta > 0 ? 1 : beta < 0 ? -1 : 0;
      out[b * n * k + j * k + j] = tau === 0 ? -sg : sg;
    }
  }
  return reshape(tensor(Array.from(out), { dtype: Q.dtype }), Q.shape.slice());
}

/**
 * Registers an orthogonal parametrization on module[name] (a matrix or batch of matrices; PyTorch 1.13's).
 *
 * orthogonalMap 'matrix_exp' (default for square), 'cayley' or 'householder' (default otherwise); with
 * useTrivialization (default) the original is stored as -I and the initial value (orthogonalized by QR if it is
 * not orthogonal) as the buffer `base`. Returns the module.
 *
 * @see torch.nn.utils.parametrizations.orthogonal
 * @example
 * ```ts
 * const m = tg.nn.utils.parametrizations.orthogonal(new tg.nn.Linear(3, 5, { dtype: 'float64' }))
 * tg.allclose(m.weight.t().matmul(m.weight), tg.eye(3, { dtype: 'float64' }), 1e-5, 1e-9) // => true
 * ```
 */
export const orthogonal = kw(signature('nn.utils.parametrizations.orthogonal', 'module, name, orthogonalMap, useTrivialization'), function orthogonal<T extends Module>(
  module: T, name = 'weight', orthogonalMap: OrthMap | null = null, useTrivialization = true): T {
  const op = 'orthogonal';
  if (!(module instanceof Module)) throw typeError(op, `module must be a Module, got ${describe(module)}`);
  const w = (module as unknown as Record<string, unknown>)[name];
  if (!(w instanceof Tensor)) throw rangeError(op, `Module '${module.constructor.name}' has no parameter or buffer with name '${String(name)}'`);
  if (w.ndim < 2) throw rangeError(op, `Expected a matrix or batch of matrices. Got a tensor of ${w.ndim} dimensions.`);
  const map = orthogonalMap ?? (w.shape[w.ndim - 2] === w.shape[w.ndim - 1] ? 'matrix_exp' : 'householder');
  if (map !== 'matrix_exp' && map !== 'cayley' && map !== 'householder')
    throw rangeError(op, `orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: ${String(orthogonalMap)}`);
  if (typeof useTrivialization !== 'boolean') throw typeError(op, `useTrivialization must be a boolean, got ${describe(useTrivialization)}`);
  registerParametrization(module, name, new _Orthogonal(w, map, useTrivialization), true);
  return module;
});
