// Derivative-table rows of issue 15's missing linear-algebra names (lib/ops/linalg_factor.ts), spread into THE
// table `D` of derivatives.ts. PyTorch 1.13's formulas (linalg_lu_backward, lu_factor_ex_backward,
// lu_unpack_backward, linalg_lu_solve_LU, differential_analytic_matrix_function, cholesky_inverse_backward,
// triangular_solve_backward in FunctionsManual.cpp), written with tg ops so createGraph works.
import type { Tensor } from '../tensor.js';
import { notImplementedFormula, type Derivative } from './function_node.js';
import * as E_ from '../ops/elementwise.js';
import * as S_ from '../ops/shape.js';
import * as L_ from '../ops/linalg.js';
import * as ST_ from '../ops/structure.js';
import * as C_ from '../ops/linalg_chol.js';
import * as F_ from '../ops/linalg_factor.js';
import * as EM_ from '../ops/elementwise_math.js';
import * as SP_ from '../ops/special_extra.js';
import { arange, eye, tensor } from '../ops/creation.js';
import * as R_ from '../ops/reduce.js';
import { batchable } from './batchable.js';
import { normBackward, type NormSaved } from './formulas.js';
import { TG } from './tangents.js';

const [E, S, L, ST, C, F, EM, SP, R] = [batchable(E_), batchable(S_), batchable(L_), batchable(ST_), batchable(C_), batchable(F_), batchable(EM_), batchable(SP_), batchable(R_)]; // Note [Batched backward]

type T = Tensor;
type G = readonly (T | null)[];
const mT = (x: T) => S.transpose(x, -2, -1);
const mm = L.matmul;
const dim = (x: T, i: number) => x.shape[x.dim() + i]!;

/** PyTorch 1.13's linalg_lu_backward: A's grad from L's and U's (either may be null), A = P L U. */
function luBackward(gL: T | null, gU: T | null, P: T, Lf: T, U: T): T {
  const m = dim(Lf, -2), n = dim(U, -1), k = Math.min(m, n);
  if (m === n) {
    // A_grad = P L^-H [L^H L_grad o L_1 + U_grad U^H o U_1] U^-H (o: tril(-1), triu)
    let phi: T | null = gL ? ST.tril(mm(mT(Lf), gL), -1) : null;
    if (gU) phi = phi ? E.add(phi, ST.triu(mm(gU, mT(U)))) : ST.triu(mm(gU, mT(U)));
    let gA = C.solveTriangular(mT(Lf), phi!, true, true, true);
    gA = C.solveTriangular(mT(U), gA, false, false);
    return mm(P, gA);
  }
  if (m < n) {
    const U1 = S.narrow(U, -1, 0, k);
    let gA: T | null = gL ? mm(mT(Lf), gL) : null;
    if (gU) gA = gA ? E.sub(gA, mm(ST.triu(gU), mT(U))) : E.neg(mm(ST.triu(gU), mT(U)));
    gA = C.solveTriangular(mT(U1), ST.tril(gA!, -1), false, false);
    if (gU) gA = S.cat([E.add(gA, ST.triu(S.narrow(gU, -1, 0, k))), S.narrow(gU, -1, k, n - k)], -1);
    gA = C.solveTriangular(mT(Lf), gA, true, true, true);
    if (!gU) gA = S.cat([gA, E.mul(S.narrow(U, -1, k, n - k), 0)], -1);
    return mm(P, gA);
  }
  const L1 = S.narrow(Lf, -2, 0, k);
  let gA: T | null = gU ? mm(gU, mT(U)) : null;
  if (gL) gA = gA ? E.sub(gA, mm(mT(Lf), ST.tril(gL, -1))) : E.neg(mm(mT(Lf), ST.tril(gL, -1)));
  gA = C.solveTriangular(mT(L1), ST.triu(gA!), true, true, true);
  if (gL) gA = S.cat([E.add(gA, ST.tril(S.narrow(gL, -2, 0, k), -1)), S.narrow(gL, -2, k, m - k)], -2);
  gA = C.solveTriangular(mT(U), gA, false, false);
  if (!gL) gA = S.cat([gA, E.mul(S.narrow(Lf, -2, k, m - k), 0)], -2);
  return mm(P, gA);
}

/** lu_unpack_backward: the compact LU's grad, tril(-1) of L's and triu of U's, placed in the m x n frame. */
function luUnpackBackward(gL: T | null, gU: T | null, m: number, n: number, like: T): T {
  const k = Math.min(m, n);
  const l = gL ? ST.tril(gL, -1) : null, u = gU ? ST.triu(gU) : null;
  if (m === n) return l && u ? E.add(l, u) : (l ?? u ?? E.mul(like, 0));
  if (m < n) {
    // U is k x n (the frame); L is m x k
    const base = u ?? E.mul(like, 0);
    if (!l) return base;
    return S.cat([E.add(S.narrow(base, -1, 0, k), l), S.narrow(base, -1, k, n - k)], -1);
  }
  const base = l ?? E.mul(like, 0);
  if (!u) return base;
  return S.cat([E.add(S.narrow(base, -2, 0, k), u), S.narrow(base, -2, k, m - k)], -2);
}

export interface LuSolveSaved { LU: T; pivots: T; result: T; left: boolean; adjoint: boolean }
/** The grad of A (as a whole) and of B for lu_solve; A's is then split into its L and U parts. */
function luSolveGrads(g: T, s: LuSolveSaved): { gA: T; gB: T } {
  const X = s.result;
  // AX = B: gB = A^-T g, gA = -gB X^T; A^T X = B: gB = A^-1 g, gA = -X gB^T;
  // XA = B: gB = g A^-T, gA = -X^T gB; X A^T = B: gB = g A^-1, gA = -gB^T X.
  const gB = F.luSolve(s.LU, s.pivots, g, s.left, !s.adjoint);
  const gA = s.left ? (s.adjoint ? E.neg(mm(X, mT(gB))) : E.neg(mm(gB, mT(X)))) : s.adjoint ? E.neg(mm(mT(gB), X)) : E.neg(mm(mT(X), gB));
  return { gA, gB };
}
function luSolveLU(g: T, s: LuSolveSaved): T {
  const { gA } = luSolveGrads(g, s);
  // A = P L U: gL = (P^T gA U^T) o tril(-1), gU = (L^T P^T gA) o triu, packed into one compact grad.
  const { P, L: Lf, U } = F.luUnpack(s.LU, s.pivots);
  const PtgA = mm(mT(P), gA);
  return E.add(ST.tril(mm(PtgA, mT(U)), -1), ST.triu(mm(mT(Lf), PtgA)));
}

/** differential_analytic_matrix_function for exp: the top-right block of exp([[A^T, g], [0, A^T]]). */
function matrixExpBackward(g: T, A: T): T {
  const n = dim(A, -1), At = mT(A);
  const top = S.cat([At, g], -1), bottom = S.cat([E.mul(At, 0), At], -1);
  const big = F.matrixExp(S.cat([top, bottom], -2));
  return S.narrow(S.narrow(big, -2, 0, n), -1, n, n);
}

export interface TriSaved { A: T; result: T; upper: boolean; transpose: boolean; unitriangular: boolean }
/** triangular_solve_backward: op(A) X = b; gb = op(A)^-T gX, gA = -gb X^T (transposed back), triangle kept; + grad of the copy. */
function triangularSolveGrads(gs: G, s: TriSaved, which: 0 | 1): T | null {
  const gX = gs[0] ?? null, gM = gs[1] ?? null;
  let gb: T | null = null, gA: T | null = null;
  if (gX) {
    // op(A)^T is A^T (the other triangle) without transpose, A itself with it
    gb = s.transpose ? C.solveTriangular(s.A, gX, s.upper, true, s.unitriangular) : C.solveTriangular(mT(s.A), gX, !s.upper, true, s.unitriangular);
    if (which === 1) {
      const full = s.transpose ? E.neg(mm(s.result, mT(gb))) : E.neg(mm(gb, mT(s.result)));
      const k = s.unitriangular ? 1 : 0;
      gA = s.upper ? ST.triu(full, k) : ST.tril(full, -k);
    }
  }
  if (which === 0) return gb;
  if (gM) gA = gA ? E.add(gA, gM) : gM;
  return gA;
}

/** d/dx of P(a, x): x^(a-1) e^-x / Gamma(a), as exp((a - 1) log x - x - lgamma(a)). */
const igammaDx = (a: T, x: T): T => E.exp(E.sub(E.sub(E.mul(E.sub(a, 1), E.log(x)), x), EM.lgamma(a)));

/**
 * householder_product's backward through its reflectors: Q = X_0, X_r = H_r X_{r+1}, X_k = I (m x n), with
 * H_r = I - tau_r v_r v_r^T. Going back from G_0 = gQ: w = v^T X_{r+1}, u = v^T G_r; g tau_r = -u . w,
 * g v_r = -tau_r (G_r w^T + X_{r+1} u^T) (A's column r below the diagonal), G_{r+1} = H_r G_r. Written with
 * tg ops, so double backward works.
 */
function householderBackward(g: T, A: T, tau: T): [T, T] {
  const m = dim(A, -2), n = dim(A, -1), k = dim(tau, -1);
  const vs: T[] = [], taus: T[] = [];
  for (let r = 0; r < k; r++) {
    const below = tensor(Array.from({ length: m }, (_, i) => (i > r ? 1 : 0)), { dtype: A.dtype });
    const unit = tensor(Array.from({ length: m }, (_, i) => (i === r ? 1 : 0)), { dtype: A.dtype });
    vs.push(E.add(E.mul(S.select(A, -1, r), below), unit));
    taus.push(S.unsqueeze(S.unsqueeze(S.select(tau, -1, r), -1), -1));
  }
  const Xs: T[] = new Array(k + 1);
  Xs[k] = S.expand(eye(m, n, A.dtype), [...A.shape]);
  for (let r = k - 1; r >= 0; r--) {
    const v = S.unsqueeze(vs[r]!, -1);
    Xs[r] = E.sub(Xs[r + 1]!, E.mul(taus[r]!, mm(v, mm(mT(v), Xs[r + 1]!))));
  }
  let G = g;
  const gv: T[] = [], gt: T[] = [];
  for (let r = 0; r < k; r++) {
    const v = S.unsqueeze(vs[r]!, -1), X = Xs[r + 1]!;
    const w = mm(mT(v), X), u = mm(mT(v), G);
    gt.push(E.neg(R.sum(E.mul(u, w), [-2, -1])));
    const below = tensor(Array.from({ length: m }, (_, i) => (i > r ? 1 : 0)), { dtype: A.dtype });
    gv.push(E.mul(S.squeeze(E.neg(E.mul(taus[r]!, E.add(mm(G, mT(w)), mm(X, mT(u))))), -1), below));
    G = E.sub(G, E.mul(taus[r]!, mm(v, u)));
  }
  const zeros = E.mul(S.select(A, -1, 0), 0);
  const cols = Array.from({ length: n }, (_, j) => (j < k ? gv[j]! : zeros));
  return [S.stack(cols, -1), S.stack(gt, -1)];
}

export const LINALGX_ROWS = {
  linalgHouseholderProduct: {
    name: 'LinalgHouseholderProductBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { A: T; tau: T }) => householderBackward(g, s.A, s.tau)[0],
      (g: T, s: { A: T; tau: T }) => householderBackward(g, s.A, s.tau)[1],
    ],
  },
  // ---- special functions (lib/ops/special_extra.ts)
  i0: { name: 'I0Backward0', jvp: 'elementwise', grads: [(g: T, s: { self: T }) => E.mul(g, SP.i1(s.self))] },
  specialI1: {
    name: 'SpecialI1Backward0', jvp: 'elementwise',
    // i1'(x) = i0(x) - i1(x) / x, 0.5 at x = 0 (ATen's i1_backward, with its tiny-x guard)
    grads: [(g: T, s: { self: T; result: T }) => {
      const eps = s.self.dtype === 'float64' ? 2.220446049250313e-16 : 1.1920928955078125e-7;
      const notTiny = E.gt(E.abs(s.self), eps);
      const safe = E.where(notTiny, s.self, eps);
      return E.mul(g, E.where(notTiny, E.sub(SP.i0(safe), E.div(s.result, safe)), 0.5));
    }],
  },
  // input (a) has no derivative in PyTorch 1.13: igammaOp records a NotImplemented node when it requires grad
  igamma: {
    name: 'IgammaBackward0', jvp: 'elementwise',
    grads: [notImplementedFormula('igamma: input') as never, (g: T, s: { self: T; other: T }) => E.mul(g, igammaDx(s.self, s.other))],
  },
  igammac: {
    name: 'IgammacBackward0', jvp: 'elementwise',
    grads: [notImplementedFormula('igammac: input') as never, (g: T, s: { self: T; other: T }) => E.neg(E.mul(g, igammaDx(s.self, s.other)))],
  },
  mvlgamma: {
    name: 'MvlgammaBackward0', jvp: 'elementwise',
    // grad * sum_j digamma(x - j/2), j < p
    grads: [(g: T, s: { self: T; p: number }) => {
      const offs = arange(-s.p * 0.5 + 0.5, 0.5, 0.5, s.self.dtype);
      return E.mul(g, R.sum(EM.digamma(E.add(S.unsqueeze(s.self, -1), offs)), -1));
    }],
  },
  // torch.frobenius_norm(A) over all elements: aten::norm.Scalar (NormBackward0), norm_backward as NormBackward1's
  normScalar: { name: 'NormBackward0', jvp: TG.norm, grads: [(g: T, s: NormSaved) => normBackward(g, s)] },
  linalgLuFactorEx: {
    name: 'LinalgLuFactorExBackward0', jvp: 'transpose',
    grads: [(g: T, s: { LU: T; pivots: T }) => {
      const { P, L: Lf, U } = F.luUnpack(s.LU, s.pivots);
      // L's part of the compact grad is its first k columns, U's its first k rows
      const m = dim(g, -2), n = dim(g, -1), k = Math.min(m, n);
      const gL = ST.tril(n > k ? S.narrow(g, -1, 0, k) : g, -1), gU = ST.triu(m > k ? S.narrow(g, -2, 0, k) : g);
      return luBackward(gL, gU, P, Lf, U);
    }],
  },
  linalgLu: {
    name: 'LinalgLuBackward0', jvp: 'transpose',
    outputs: 2,
    grads: [(_g: T | null, s: { P: T; L: T; U: T }, gs: G) => luBackward(gs[0] ?? null, gs[1] ?? null, s.P, s.L, s.U)],
  },
  luUnpack: {
    name: 'LuUnpackBackward0', jvp: 'transpose',
    outputs: 2,
    grads: [(_g: T | null, s: { m: number; n: number }, gs: G, ) => {
      const like = gs[0] ?? gs[1]!;
      const zeros = S.expand(E.mul(S.narrow(S.narrow(like, -2, 0, 1), -1, 0, 1), 0), [...like.shape.slice(0, -2), s.m, s.n]);
      return luUnpackBackward(gs[0] ?? null, gs[1] ?? null, s.m, s.n, zeros);
    }],
  },
  linalgLuSolve: {
    name: 'LinalgLuSolveBackward0', jvp: 'transpose',
    grads: [(g: T, s: LuSolveSaved) => luSolveLU(g, s), (g: T, s: LuSolveSaved) => luSolveGrads(g, s).gB],
  },
  linalgMatrixExp: {
    name: 'LinalgMatrixExpBackward0', jvp: 'transpose',
    grads: [(g: T, s: { A: T }) => matrixExpBackward(g, s.A)],
  },
  choleskyInverse: {
    name: 'CholeskyInverseBackward0', jvp: 'transpose',
    // common = X (g + g^T) X; gL = -common L (lower), -U common (upper)
    grads: [(g: T, s: { L: T; result: T; upper: boolean }) => {
      const common = mm(s.result, mm(E.add(g, mT(g)), s.result));
      return E.neg(s.upper ? mm(s.L, common) : mm(common, s.L));
    }],
  },
  triangularSolve: {
    name: 'TriangularSolveBackward0', jvp: 'transpose',
    outputs: 2,
    grads: [
      (_g: T | null, s: TriSaved, gs: G) => triangularSolveGrads(gs, s, 0),
      (_g: T | null, s: TriSaved, gs: G) => triangularSolveGrads(gs, s, 1),
    ],
  },
} satisfies Record<string, Derivative>;
