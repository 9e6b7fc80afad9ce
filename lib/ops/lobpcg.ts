// torch.lobpcg: k extreme eigenpairs of a symmetric positive definite matrix (generalized with B), by Knyazev's
// locally optimal block preconditioned conjugate gradient: each step a Rayleigh-Ritz over the span of the
// iterate X, the (preconditioned) residuals W and the previous search directions P, B-orthonormalized through
// the eigendecomposition of their Gram matrix (dropping directions that became dependent). PyTorch's defaults:
// k 1, n = k, niter 1000, tol sqrt(eps), largest true, X random; its convergence test per pair,
// ||r_j|| < tol ||x_j|| (||A|| + |e_j| ||B||). Only PyTorch's basic method ('basic' and 'ortho' both run it).
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import * as C from './creation.js';
import * as S from './shape.js';
import * as E from './elementwise.js';
import { matmul } from './linalg.js';
import { eigh } from './linalg_qr_eig.js';
import { noGrad } from '../autograd/record.js';
import type { Generator } from './random.js';

type Gen = Generator | null | undefined;

/** What lobpcg returns: [eigenvalues (k), eigenvectors ([m, k])]. */
export type Lobpcg = [Tensor, Tensor];

const colNorms = (x: Tensor): number[] => (E.sqrt(x.mul(x).sum(0)).tolist() as number[]);

/** S B-orthonormalized: S T with T from the eigendecomposition of S^T B S, dropping the near-null directions. */
function borth(s: Tensor, Bm: Tensor | null, eps: number): Tensor {
  const G = matmul(S.transpose(s, 0, 1), Bm === null ? s : matmul(Bm, s));
  const Gs = E.mul(E.add(G, S.transpose(G, 0, 1)), 0.5);
  const { eigenvalues: w, eigenvectors: V } = eigh(Gs);
  const wv = w.tolist() as number[], top = Math.max(...wv.map(Math.abs));
  const keep = wv.map((v, i) => [v, i] as const).filter(([v]) => v > eps * top).map(([, i]) => i);
  const idx = C.tensor(keep, { dtype: 'int64' });
  const Vk = V.indexSelect(1, idx), wk = w.indexSelect(0, idx);
  return matmul(s, E.div(Vk, E.sqrt(wk)));
}

/** Rayleigh-Ritz on the B-orthonormal basis Q: the n wanted Ritz pairs, values ordered as PyTorch's. */
function ritz(A: Tensor, Q: Tensor, n: number, largest: boolean): [Tensor, Tensor] {
  const H = matmul(S.transpose(Q, 0, 1), matmul(A, Q));
  const { eigenvalues: w, eigenvectors: V } = eigh(E.mul(E.add(H, S.transpose(H, 0, 1)), 0.5));
  const r = w.shape[0] as number;
  const order = largest ? Array.from({ length: n }, (_, i) => r - 1 - i) : Array.from({ length: n }, (_, i) => i);
  const idx = C.tensor(order, { dtype: 'int64' });
  return [w.indexSelect(0, idx), matmul(Q, V.indexSelect(1, idx))];
}

/**
 * The k largest (or smallest) eigenvalues and eigenvectors of a symmetric positive definite A (the
 * generalized problem A x = e B x with an SPD B), by LOBPCG: `X` the initial block ([m, n], random [m, k]
 * by default), `iK` a preconditioner, `niter` (1000) and `tol` (sqrt of the dtype's eps) bound the iteration.
 * Returns [E, X]; E descending for largest, ascending otherwise. Draws the random start from `generator`.
 *
 * @see torch.lobpcg
 * @example
 * ```ts
 * const A = tg.diag(tg.tensor([1, 2, 3, 4, 5, 6], { dtype: 'float64' }))
 * const [E] = tg.lobpcg(A, 2, { generator: new tg.Generator(0) })
 * E.tolist().map(Math.round) // => [6, 5]
 * ```
 */
export function lobpcg(A: Tensor, k: number | null = null, B: Tensor | null = null, X: Tensor | null = null, n: number | null = null, iK: Tensor | null = null,
  niter: number | null = null, tol: number | null = null, largest: boolean | null = null, method: 'basic' | 'ortho' | null = null, generator?: Gen): Lobpcg {
  const op = 'lobpcg';
  checkTensor(op, A, 'A');
  if (A.ndim !== 2 || A.shape[0] !== A.shape[1]) throw rangeError(op, `expected a square matrix A, got shape ${fmtShape(A.shape)}`);
  if (A.dtype !== 'float32' && A.dtype !== 'float64') throw typeError(op, `expected a float32 or float64 A, got ${A.dtype} (shape ${fmtShape(A.shape)})`);
  const m = A.shape[0] as number;
  for (const [name, t] of [['B', B], ['iK', iK]] as const) {
    if (t === null || t === undefined) continue;
    checkTensor(op, t, name);
    if (t.shape.join() !== A.shape.join()) throw rangeError(op, `${name} must have A's shape ${fmtShape(A.shape)}, got ${fmtShape(t.shape)}`);
  }
  if (X !== null && X !== undefined) {
    checkTensor(op, X, 'X');
    if (X.ndim !== 2 || X.shape[0] !== m) throw rangeError(op, `X must be [${m}, n], got ${fmtShape(X.shape)} (A of shape ${fmtShape(A.shape)})`);
  }
  if (method !== null && method !== undefined && method !== 'basic' && method !== 'ortho') throw rangeError(op, `method must be 'basic' or 'ortho', got ${describe(method)}`);
  const kk = k ?? (X ? (X.shape[1] as number) : 1);
  const nn = X ? (X.shape[1] as number) : n ?? kk;
  if (!Number.isInteger(kk) || kk < 1 || kk > nn) throw rangeError(op, `k must be an integer in [1, n=${nn}], got ${describe(k)}`);
  if (m < 3 * nn) throw rangeError(op, `LPBPCG algorithm is not applicable when the number of A rows (=${m}) is smaller than 3 x the number of requested eigenpairs (=${nn})`);
  const big = largest ?? true, maxIter = niter ?? 1000;
  const eps = A.dtype === 'float32' ? 1.2e-7 : 2.23e-16, tl = tol ?? Math.sqrt(eps);
  return noGrad(() => {
    const Ad = A.detach(), Bd = B ? B.detach() : null;
    const frob = (t: Tensor): number => Math.sqrt(t.mul(t).sum().item() as number);
    const aNorm = frob(Ad), bNorm = Bd ? frob(Bd) : 1;
    let x = X ? X.detach().to(A.dtype) : C.randn([m, nn], { generator: generator ?? null, dtype: A.dtype });
    let q0 = borth(x, Bd, eps);
    // a start block of rank below n (repeated columns) is completed with random directions
    for (let tries = 0; (q0.shape[1] as number) < nn && tries < 3; tries++)
      q0 = borth(S.cat([q0, C.randn([m, nn - (q0.shape[1] as number)], { generator: generator ?? null, dtype: A.dtype })], 1), Bd, eps);
    if ((q0.shape[1] as number) < nn) throw rangeError(op, `could not build ${nn} independent start vectors for A of shape ${fmtShape(A.shape)}`);
    let [e, xs] = ritz(Ad, q0, nn, big);
    x = xs;
    let p: Tensor | null = null;
    for (let it = 0; it < maxIter; it++) {
      const bx = Bd ? matmul(Bd, x) : x;
      const R = E.sub(matmul(Ad, x), E.mul(bx, e));
      const rn = colNorms(R), xn = colNorms(x), ev = e.tolist() as number[];
      if (rn.slice(0, kk).every((r, j) => r < tl * (xn[j] as number) * (aNorm + Math.abs(ev[j] as number) * bNorm))) break;
      const W = iK ? matmul(iK.detach(), R) : R;
      const basis = p === null ? S.cat([x, W], 1) : S.cat([x, W, p], 1);
      const Q = borth(basis, Bd, eps * 1e3);
      const [e2, x2] = ritz(Ad, Q, nn, big);
      // the new directions: the part of the step outside the old iterate's span (B-orthogonal to x)
      p = E.sub(x2, matmul(x, matmul(S.transpose(bx, 0, 1), x2)));
      e = e2;
      x = x2;
    }
    return [S.narrow(e, 0, 0, kk).contiguous(), S.narrow(x, 1, 0, kk).contiguous()] as Lobpcg;
  });
}
