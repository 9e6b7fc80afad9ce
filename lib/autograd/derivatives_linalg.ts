// Derivative-table rows of the LU-based linear algebra (lib/ops/linalg_lu.ts), spread into THE table `D` of
// derivatives.ts. PyTorch 1.13's formulas (linalg_inv / linalg_det / slogdet / linalg_solve backward in
// FunctionsManual.cpp), written with tg ops so createGraph works (gradgradcheck in the tests).
import type { Tensor } from '../tensor.js';
import { TG } from './tangents.js';
import type { Derivative } from './function_node.js';
import * as E_ from '../ops/elementwise.js';
import * as S_ from '../ops/shape.js';
import * as L_ from '../ops/linalg.js';
import * as LU_ from '../ops/linalg_lu.js';
import * as LP_ from '../ops/linalg_products.js';
import * as LN_ from '../ops/linalg_norms.js';
import { normBackward, type NormSaved } from './formulas.js';
import * as C_ from '../ops/creation.js';
import * as R_ from '../ops/reduce.js';
import { batchable } from './batchable.js';

const [E, S, L, LU, LP, LN, C, R] = [batchable(E_), batchable(S_), batchable(L_), batchable(LU_), batchable(LP_), batchable(LN_), batchable(C_), batchable(R_)]; // Note [Batched backward]

type T = Tensor;
const mT = (x: T) => S.transpose(x, -2, -1);
const toMatrix = (t: T) => S.unsqueeze(S.unsqueeze(t, -1), -1);
/** PyTorch's maybe_multiply: the grad itself when the scale is 1. */
const scaled = (g: T, k: number): T => (k === 1 ? g : E.mul(g, k));

/**
 * d det / dA = det A^-T = the cofactor matrix. For an invertible A it is written with inv (differentiable);
 * when a matrix of the batch has det exactly 0, the cofactors themselves (minors by LU, not differentiable
 * further), which is PyTorch's value there too (rank n-1: adj(A)^T; lower rank: 0).
 */
function detBackward(g: T, self: T, result: T): T {
  const dets = result._data;
  let singular = false;
  for (let i = 0; i < dets.length; i++) if (dets[i] === 0) singular = true;
  if (!singular) return E.mul(toMatrix(E.mul(g, result)), mT(LU.inv(self)));
  return E.mul(toMatrix(g), cofactors(self));
}

function cofactors(A: T): T {
  const n = A.shape[A.dim() - 1]!;
  const src = A._data;
  const out = new Float64Array(src.length);
  const m = new Float64Array((n - 1) * (n - 1));
  for (let b = 0; b * n * n < src.length; b++) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let k = 0;
      for (let r = 0; r < n; r++) if (r !== i) for (let c = 0; c < n; c++) if (c !== j) m[k++] = src[b * n * n + r * n + c] as number;
      const lu = LU.luInPlace(m, n - 1);
      let d = lu.sign;
      for (let q = 0; q < n - 1; q++) d *= m[q * (n - 1) + q]!;
      out[b * n * n + i * n + j] = (i + j) % 2 === 0 ? d : -d;
    }
  }
  return LU.fromValues(out, [...A.shape], A.dtype);
}

/** Tangents: d det = <cofactors, dA> (the grad of det for a grad of 1, so singular matrices too); d logabsdet =
 * <A^-T, dA>, the sign's 0 (real input); solve: dX = A^-1 (dB - dA X) (left) or (dB - X dA) A^-1. */
const detJvp = (t: readonly (T | null)[], s: { self: T; result: T }): T =>
  R.sum(E.mul(detBackward(C.onesLike(s.result), s.self, s.result), t[0] as T), [-2, -1]);
const slogdetJvp = (t: readonly (T | null)[], s: { self: T; singular: boolean }, out: readonly T[]): T[] => {
  const inv = s.singular ? LU.invUnchecked(s.self) : LU.inv(s.self);
  return [C.zerosLike(out[0]), R.sum(E.mul(mT(inv), t[0] as T), [-2, -1])];
};
function solveJvp(t: readonly (T | null)[], s: { A: T; result: T; vector: boolean; left: boolean }): T {
  const [tA, tB] = t;
  let rhs: T | null = tB;
  if (tA !== null) {
    const dAX = !s.left ? L.matmul(s.result, tA) : s.vector ? S.squeeze(L.matmul(tA, S.unsqueeze(s.result, -1)), -1) : L.matmul(tA, s.result);
    rhs = rhs === null ? E.neg(dAX) : E.sub(rhs, dAX);
  }
  return LU.solve(s.A, rhs as T, s.left);
}

/** X = A^-1 B (left) or B A^-1: gB = solve(A^T, g, left), gA = -gB X^T (left; an outer product for vector B) or -X^T gB. */
function solveGradB(g: T, A: T, left: boolean): T {
  return LU.solve(mT(A), g, left);
}

export const LINALG_ROWS = {
  linalgInv: {
    name: 'LinalgInvExBackward0', jvp: TG.inv,
    grads: [(g: T, s: { result: T }) => E.neg(L.matmul(L.matmul(mT(s.result), g), mT(s.result)))],
  },
  linalgDet: {
    name: 'LinalgDetBackward0', jvp: detJvp,
    grads: [(g: T, s: { self: T; result: T }) => detBackward(g, s.self, s.result)],
  },
  linalgSlogdet: {
    name: 'LinalgSlogdetBackward0', jvp: slogdetJvp,
    outputs: 2,
    // outputs [sign, logabsdet]: the grad is logabsdet's (grads[1]); the sign's is ignored (real input).
    grads: [(_g: T, s: { self: T; singular: boolean }, gs: readonly (T | null)[]) =>
      (gs[1] ? E.mul(toMatrix(gs[1]), mT(s.singular ? LU.invUnchecked(s.self) : LU.inv(s.self))) : null)],
  },
  linalgSolve: {
    name: 'LinalgSolveExBackward0', jvp: solveJvp,
    grads: [
      (g: T, s: { A: T; result: T; vector: boolean; left: boolean }) => {
        const gB = solveGradB(g, s.A, s.left);
        if (!s.left) return E.neg(L.matmul(mT(s.result), gB));
        return E.neg(s.vector ? E.mul(S.unsqueeze(gB, -1), S.unsqueeze(s.result, -2)) : L.matmul(gB, mT(s.result)));
      },
      (g: T, s: { A: T; left: boolean }) => solveGradB(g, s.A, s.left),
    ],
  },
  // ---- beta * input + alpha * product (lib/ops/linalg_products.ts); input's grad is reduced to its shape by the engine
  addmm: {
    name: 'AddmmBackward0', jvp: TG.addmm,
    grads: [
      (g: T, s: { beta: number }) => scaled(g, s.beta),
      (g: T, s: { mat2: T; alpha: number }) => scaled(L.mm(g, mT(s.mat2)), s.alpha),
      (g: T, s: { mat1: T; alpha: number }) => scaled(L.mm(mT(s.mat1), g), s.alpha),
    ],
  },
  addmv: {
    name: 'AddmvBackward0', jvp: TG.addmv,
    grads: [
      (g: T, s: { beta: number }) => scaled(g, s.beta),
      (g: T, s: { vec: T; alpha: number }) => scaled(L.outer(g, s.vec), s.alpha),
      (g: T, s: { mat: T; alpha: number }) => scaled(L.mv(mT(s.mat), g), s.alpha),
    ],
  },
  addr: {
    name: 'AddrBackward0', jvp: TG.addr,
    grads: [
      (g: T, s: { beta: number }) => scaled(g, s.beta),
      (g: T, s: { vec2: T; alpha: number }) => scaled(L.mv(g, s.vec2), s.alpha),
      (g: T, s: { vec1: T; alpha: number }) => scaled(L.mv(mT(g), s.vec1), s.alpha),
    ],
  },
  baddbmm: {
    name: 'BaddbmmBackward0', jvp: TG.baddbmm,
    grads: [
      (g: T, s: { beta: number }) => scaled(g, s.beta),
      (g: T, s: { batch2: T; alpha: number }) => scaled(L.bmm(g, mT(s.batch2)), s.alpha),
      (g: T, s: { batch1: T; alpha: number }) => scaled(L.bmm(mT(s.batch1), g), s.alpha),
    ],
  },
  addbmm: {
    name: 'AddbmmBackward0', jvp: TG.addbmm,
    grads: [
      (g: T, s: { beta: number }) => scaled(g, s.beta),
      (g: T, s: { batch1: T; batch2: T; alpha: number }) => scaled(L.bmm(S.expand(S.unsqueeze(g, 0), [s.batch1.shape[0], ...g.shape]), mT(s.batch2)), s.alpha),
      (g: T, s: { batch1: T; alpha: number }) => scaled(L.bmm(mT(s.batch1), S.expand(S.unsqueeze(g, 0), [s.batch1.shape[0], ...g.shape])), s.alpha),
    ],
  },
  vdot: { name: 'VdotBackward0', jvp: TG.vdot, grads: [(g: T, s: { other: T }) => E.mul(g, s.other), (g: T, s: { self: T }) => E.mul(g, s.self)] },
  // c = a x b: dL/da = b x g, dL/db = g x a (PyTorch's linalg_cross rows).
  linalgCross: {
    name: 'LinalgCrossBackward0', jvp: 'transpose',
    grads: [
      (g: T, s: { other: T; dim: number }) => LP.linalgCross(s.other, g, s.dim),
      (g: T, s: { self: T; dim: number }) => LP.linalgCross(g, s.self, s.dim),
    ],
  },
  trace: { name: 'TraceBackward0', jvp: 'transpose', grads: [(g: T, s: { shape: number[] }) => E.mul(C.eye(s.shape[0], s.shape[1], g.dtype), g)] },
  // ---- norms and distances (lib/ops/linalg_norms.ts)
  linalgVectorNorm: { name: 'LinalgVectorNormBackward0', jvp: TG.norm, grads: [(g: T, s: NormSaved) => normBackward(g, s)] },
  cdist: {
    name: 'CdistBackward0', jvp: { notImplemented: '_cdist_forward' },
    grads: [0, 1].map((k) => (g: T, s: { x1: T; x2: T; result: T; p: number }) =>
      LN.cdistBackward(g, s, (gg, diff) => normBackward(gg, { self: diff, result: s.result, p: s.p, dims: [diff.ndim - 1], keepdim: false }))[k]),
  },
  euclideanDist: {
    name: 'EuclideanDistBackward0', jvp: 'transpose',
    grads: [(g: T, s: { x1: T; x2: T; result: T }) => LN.euclideanDistBackward(g, s, 0), (g: T, s: { x1: T; x2: T; result: T }) => LN.euclideanDistBackward(g, s, 1)],
  },
} satisfies Record<string, Derivative>;
