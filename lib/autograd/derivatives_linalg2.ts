// Derivative-table rows of the decompositions (lib/ops/linalg_chol.ts, linalg_qr_eig.ts, linalg_svd.ts), spread
// into THE table `D` of derivatives.ts. PyTorch 1.13's formulas (cholesky_backward, cholesky_solve_backward,
// linalg_solve_triangular_backward, linalg_qr_backward, linalg_eig_backward (hermitian), svd_backward in
// FunctionsManual.cpp), written with tg ops so createGraph works (gradgradcheck in the tests).
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import * as E_ from '../ops/elementwise.js';
import * as S_ from '../ops/shape.js';
import * as L_ from '../ops/linalg.js';
import * as ST_ from '../ops/structure.js';
import * as C_ from '../ops/linalg_chol.js';
import * as PI_ from '../ops/linalg_pinv.js';
import { batchable } from './batchable.js';

const [E, S, L, ST, C, PI] = [batchable(E_), batchable(S_), batchable(L_), batchable(ST_), batchable(C_), batchable(PI_)]; // Note [Batched backward]

type T = Tensor;
type G = readonly (T | null)[];
const mT = (x: T) => S.transpose(x, -2, -1);
const mm = L.matmul;
const diagOf = (x: T) => S.diagonal(x, 0, -2, -1);

/** A = L L^T: gA = sym(L^-T Phi(L^T gL) L^-1), Phi = the lower triangle with its diagonal halved. */
function choleskyBackward(gL: T, Lf: T, upper: boolean): T {
  const Lo = upper ? mT(Lf) : Lf, g = upper ? mT(gL) : gL;
  const P = ST.tril(mm(mT(Lo), g));
  const phi = E.sub(P, E.mul(ST.diagEmbed(diagOf(P)), 0.5));
  const X = C.solveTriangular(Lo, C.solveTriangular(mT(Lo), phi, true, true), false, false);
  return E.mul(E.add(X, mT(X)), 0.5);
}

/**
 * Tangents of the decompositions whose backward symmetrizes (only a symmetric A is in their domain), written
 * as PyTorch's cholesky_jvp and linalg_eig_jvp (hermitian) so a non-symmetric tangent gives PyTorch's values:
 * dL = L Phi(L^-1 dA L^-T); dP = V^T dA V, dlambda = diag(dP), dV = V (dP / (lambda_j - lambda_i), diagonal 0).
 */
function choleskyJvp(t: readonly (T | null)[], s: { L: T; upper: boolean }): T {
  const Lo = s.upper ? mT(s.L) : s.L;
  let dL = C.solveTriangular(mT(Lo), C.solveTriangular(Lo, t[0] as T, false, true), true, false);
  dL = mm(Lo, E.sub(ST.tril(dL), ST.diagEmbed(E.mul(diagOf(dL), 0.5))));
  return s.upper ? mT(dL) : dL;
}
function eighJvp(t: readonly (T | null)[], s: { L: T; V: T }): [T, T] {
  const dP = mm(mm(mT(s.V), t[0] as T), s.V);
  const gap = E.sub(S.unsqueeze(s.L, -2), S.unsqueeze(s.L, -1));
  const eye = ST.diagEmbed(E.add(E.mul(s.L, 0), 1)); // identities of the batch's shape
  // (the gap is 0 on the diagonal: divide by 1 there and zero it)
  return [diagOf(dP), mm(s.V, E.mul(E.div(dP, E.add(gap, eye)), E.sub(1, eye)))];
}

/** X = A^-1 B (A triangular): gB = A^-T g (left), gA = -gB X^T restricted to A's triangle. */
function solveTriangularGrads(g: T, s: { A: T; result: T; upper: boolean; left: boolean; unitriangular: boolean }): [T, T] {
  const gB = C.solveTriangular(mT(s.A), g, !s.upper, s.left, s.unitriangular);
  const gA0 = E.neg(s.left ? mm(gB, mT(s.result)) : mm(mT(s.result), gB));
  const k = s.unitriangular ? 1 : 0;
  return [s.upper ? ST.triu(gA0, k) : ST.tril(gA0, -k), gB];
}

/** copyltu(M) = tril(M) + tril(M, -1)^T: M's lower triangle mirrored. */
const copyltu = (M: T): T => E.add(ST.tril(M), mT(ST.tril(M, -1)));

/** A = QR, A m x n with m >= n (Q m x n): gA = (gQ + Q copyltu(R gR^T - gQ^T Q)) R^-T. */
function qrTall(gQ: T | null, gR: T | null, Q: T, R: T): T {
  let M: T | null = gR ? mm(R, mT(gR)) : null;
  if (gQ) M = M ? E.sub(M, mm(mT(gQ), Q)) : E.neg(mm(mT(gQ), Q));
  let b = mm(Q, copyltu(M!));
  if (gQ) b = E.add(b, gQ);
  return C.solveTriangular(mT(R), b, false, false);
}

function qrBackward(gs: G, s: { Q: T; R: T; mode: string }): T {
  if (s.mode === 'r') throw new Error("linalg_qr_backward: The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.");
  const m = s.Q.shape[s.Q.dim() - 2]!, n = s.R.shape[s.R.dim() - 1]!;
  if (s.mode === 'complete' && m > n) throw new Error("linalg_qr_backward: The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
  const gQ = gs[0] ?? null, gR = gs[1] ?? null;
  if (m >= n) return qrTall(gQ, gR, s.Q, s.R);
  // m < n: A = Q [X | Y] with R = [U | V]: Y = Q V; gY = Q gV, gX from the square case with gQ + Y gV^T.
  const U = S.narrow(s.R, -1, 0, m), V = S.narrow(s.R, -1, m, n - m);
  const gU = gR ? S.narrow(gR, -1, 0, m) : null, gV = gR ? S.narrow(gR, -1, m, n - m) : null;
  let gQ2 = gQ;
  if (gV) {
    const t = mm(mm(s.Q, V), mT(gV));
    gQ2 = gQ2 ? E.add(gQ2, t) : t;
  }
  const gX = qrTall(gQ2, gU, s.Q, U);
  const gY = gV ? mm(s.Q, gV) : E.mul(S.narrow(s.R, -1, m, n - m), 0);
  return S.cat([gX, gY], -1);
}

/** Hermitian eig: gA = V (skew(V^T gV) / E + diag(gL)) V^T, E_ij = L_j - L_i (1 on the diagonal). */
function eighBackward(gL: T | null, gV: T | null, Lv: T, V: T): T {
  if (!gV) return mm(E.mul(V, S.unsqueeze(gL!, -2)), mT(V));
  const VgV = mm(mT(V), gV);
  const skew = E.mul(E.sub(VgV, mT(VgV)), 0.5);
  const Ediff = E.sub(S.unsqueeze(Lv, -2), S.unsqueeze(Lv, -1));
  const eye = ST.diagEmbed(E.add(E.mul(Lv, 0), 1));
  let inner = E.div(skew, E.add(Ediff, eye));
  inner = E.mul(inner, E.sub(1, eye)); // skew's diagonal is 0; keeps it exact
  if (gL) inner = E.add(inner, ST.diagEmbed(gL));
  return mm(mm(V, inner), mT(V));
}

/** PyTorch 1.13's svd_backward (reduced U, Vh: full ones are narrowed to their first k columns/rows first). */
function svdBackward(gU0: T | null, gS: T | null, gVh0: T | null, U0: T, Sv: T, Vh0: T, full: boolean): T {
  const k = Sv.shape[Sv.dim() - 1]!;
  const U = full ? S.narrow(U0, -1, 0, k) : U0, Vh = full ? S.narrow(Vh0, -2, 0, k) : Vh0;
  const gU = gU0 && full ? S.narrow(gU0, -1, 0, k) : gU0, gVh = gVh0 && full ? S.narrow(gVh0, -2, 0, k) : gVh0;
  const m = U.shape[U.dim() - 2]!, n = Vh.shape[Vh.dim() - 1]!;
  if (!gU && !gVh) return m >= n ? mm(U, E.mul(S.unsqueeze(gS!, -1), Vh)) : mm(E.mul(U, S.unsqueeze(gS!, -2)), Vh);
  const skew = (X: T) => E.sub(X, mT(X));
  const UhgU = gU ? skew(mm(mT(U), gU)) : null;
  const VhgV = gVh ? skew(mm(Vh, mT(gVh))) : null;
  const S2 = E.mul(Sv, Sv);
  const eye = ST.diagEmbed(E.add(E.mul(Sv, 0), 1));
  const Em = E.add(E.sub(S.unsqueeze(S2, -2), S.unsqueeze(S2, -1)), eye);
  let ret: T;
  if (UhgU && VhgV) ret = E.div(E.add(E.mul(UhgU, S.unsqueeze(Sv, -2)), E.mul(S.unsqueeze(Sv, -1), VhgV)), Em);
  else if (UhgU) ret = E.div(E.mul(UhgU, S.unsqueeze(Sv, -2)), Em);
  else ret = E.div(E.mul(S.unsqueeze(Sv, -1), VhgV!), Em);
  if (gS) ret = E.add(ret, ST.diagEmbed(gS));
  if (m > n && gU) {
    let gA = mm(U, ret);
    const gUSinv = E.div(gU, S.unsqueeze(Sv, -2));
    gA = E.sub(E.add(gA, gUSinv), mm(U, mm(mT(U), gUSinv)));
    return mm(gA, Vh);
  }
  if (m < n && gVh) {
    let gA = mm(ret, Vh);
    const SinvgVh = E.div(gVh, S.unsqueeze(Sv, -1));
    gA = E.sub(E.add(gA, SinvgVh), mm(mm(SinvgVh, mT(Vh)), Vh));
    return mm(U, gA);
  }
  return m >= n ? mm(U, mm(ret, Vh)) : mm(mm(U, ret), Vh);
}

/** PyTorch 1.13's pinv_backward (products ordered to keep the smaller dimension inside). */
function pinvBackward(g: T, pinvA: T, A: T): T {
  const m = A.shape[A.dim() - 2]!, n = A.shape[A.dim() - 1]!;
  const pinvAh = mT(pinvA), gh = mT(g);
  if (m <= n) {
    const K = mm(gh, pinvA);
    const KpinvAh = mm(K, pinvAh);
    return E.add(E.sub(E.add(E.neg(mT(mm(pinvA, K))), KpinvAh), mm(mm(A, pinvA), KpinvAh)), mm(mm(pinvAh, pinvA), E.sub(gh, mm(K, A))));
  }
  const K = mm(pinvA, gh);
  const pinvAhK = mm(pinvAh, K);
  return E.sub(E.add(E.add(E.neg(mT(mm(K, pinvA))), mm(mm(E.sub(gh, mm(A, K)), pinvA), pinvAh)), pinvAhK), mm(mm(pinvAhK, pinvA), A));
}

/** X = pinv(A) B: gA = pinv_backward(gX B^T, pinv(A), A), gB = pinv(A)^T gX (vector B: as a column). */
function lstsqGrads(g: T, s: { A: T; B: T; vector: boolean }, which: 0 | 1): T {
  const gX = s.vector ? S.unsqueeze(g, -1) : g, B = s.vector ? S.unsqueeze(s.B, -1) : s.B;
  const P = PI.pinv(s.A);
  if (which === 0) return pinvBackward(mm(gX, mT(B)), P, s.A);
  const gB = mm(mT(P), gX);
  return s.vector ? S.squeeze(gB, -1) : gB;
}

export const LINALG2_ROWS = {
  linalgPinv: {
    name: 'LinalgPinvBackward0', jvp: 'transpose',
    grads: [(g: T, s: { A: T; result: T }) => pinvBackward(g, s.result, s.A)],
  },
  linalgLstsq: {
    name: 'LinalgLstsqBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { A: T; B: T; vector: boolean }) => lstsqGrads(g, s, 0),
      (g: T, s: { A: T; B: T; vector: boolean }) => lstsqGrads(g, s, 1),
    ],
  },
  linalgCholesky: {
    name: 'LinalgCholeskyExBackward0', jvp: choleskyJvp,
    grads: [(g: T, s: { L: T; upper: boolean }) => choleskyBackward(g, s.L, s.upper)],
  },
  cholesky: {
    name: 'CholeskyBackward0', jvp: choleskyJvp,
    grads: [(g: T, s: { L: T; upper: boolean }) => choleskyBackward(g, s.L, s.upper)],
  },
  linalgSolveTriangular: {
    name: 'LinalgSolveTriangularBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { A: T; result: T; upper: boolean; left: boolean; unitriangular: boolean }) => solveTriangularGrads(g, s)[0],
      (g: T, s: { A: T; result: T; upper: boolean; left: boolean; unitriangular: boolean }) => solveTriangularGrads(g, s)[1],
    ],
  },
  choleskySolve: {
    name: 'CholeskySolveBackward0', jvp: 'transpose',
    // X = (L L^T)^-1 B: gB = cholesky_solve(g, L), gL = -(X gB^T + gB X^T) L (upper: -U (...))
    grads: [
      (g: T, s: { L: T; upper: boolean }) => C.choleskySolve(g, s.L, s.upper),
      (g: T, s: { L: T; result: T; upper: boolean }) => {
        const gB = C.choleskySolve(g, s.L, s.upper);
        const ct0 = mm(gB, mT(s.result));
        const ct = E.add(ct0, mT(ct0));
        return E.neg(s.upper ? mm(s.L, ct) : mm(ct, s.L));
      },
    ],
  },
  linalgQr: {
    name: 'LinalgQrBackward0', jvp: 'transpose',
    outputs: 2,
    grads: [(_g: T | null, s: { Q: T; R: T; mode: string }, gs: G) => qrBackward(gs, s)],
  },
  linalgEigh: {
    name: 'LinalgEighBackward0', jvp: eighJvp,
    outputs: 2,
    grads: [(_g: T | null, s: { L: T; V: T }, gs: G) => eighBackward(gs[0] ?? null, gs[1] ?? null, s.L, s.V)],
  },
  // torch.symeig (lib/ops/torch_names.ts): linalg_eig_backward(..., is_hermitian, symeig_eigenvectors), eigh's
  // formula; without eigenvectors it throws PyTorch's error; no forward derivative in PyTorch 1.13
  symeig: {
    name: 'SymeigBackward0', jvp: { notImplemented: 'symeig' },
    outputs: 2,
    grads: [(_g: T | null, s: { L: T; V: T; eigenvectors: boolean }, gs: G) => {
      if (!s.eigenvectors) throw new Error('symeig: torch.symeig(A, eigenvectors=False) is not differentiable. Use tg.linalg.eigvalsh(A) instead.');
      return eighBackward(gs[0] ?? null, gs[1] ?? null, s.L, s.V);
    }],
  },
  linalgSvd: {
    name: 'LinalgSvdBackward0', jvp: 'transpose',
    outputs: 3,
    grads: [(_g: T | null, s: { U: T; S: T; Vh: T; full: boolean }, gs: G) =>
      svdBackward(gs[0] ?? null, gs[1] ?? null, gs[2] ?? null, s.U, s.S, s.Vh, s.full)],
  },
} satisfies Record<string, Derivative>;
