// The blocked float64 kernels of Cholesky (Note [Blocked Cholesky panels]), QR (Notes [Transposed QR panels],
// [Compact WY]) and eigh's tridiagonalization (Note [Blocked sytrd]) in native/cpu/linalg_kernels.cc and
// linalg_eig_kernels.cc: residuals and orthogonality at sizes on both sides of the panel widths (8 to 32) and the
// 64/128-wide GEMM task blocks, batched, float32 and float64, under every CPU capability; and results bitwise
// the same at one and two threads (Note [Thread-count-independent blocks]). The bounds are met by the unblocked
// paths these replaced with a margin of 2-4x (docs/performance.md, "linalg"); a wrong block gives O(1).
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const mT = (t: Tensor): Tensor => t.transpose(-2, -1);
const fro = (t: Tensor): number => Math.sqrt(t.double().pow(2).sum().item() as number);
const vals = (t: Tensor): number[] => Array.from(t.contiguous().toTypedArray() as Float64Array | Float32Array);

/** A fixed matrix (batch) from an LCG, so every capability and thread count sees the same input. */
function mat(batch: number, m: number, n: number): Tensor {
  let s = 12345 + 7 * m + n;
  const v = Array.from({ length: Math.max(batch, 1) * m * n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  });
  return tg.tensor(v, { dtype: 'float64' }).reshape(batch ? [batch, m, n] : [m, n]);
}

/** The three test matrices of one size: symmetric positive-definite, symmetric, general. */
function inputs(batch: number, n: number, dtype: 'float32' | 'float64'): { S: Tensor; Sy: Tensor; A: Tensor } {
  const X = mat(batch, n, n);
  return { S: X.matmul(mT(X)).add(tg.eye(n, { dtype: 'float64' }).mul(n)).to(dtype), Sy: X.add(mT(X)).to(dtype), A: X.to(dtype) };
}

const SIZES: [number, number][] = [[0, 1], [0, 2], [0, 7], [0, 31], [0, 33], [0, 65], [0, 129], [0, 256], [0, 257], [3, 33]];

function check(batch: number, n: number, dtype: 'float32' | 'float64', tag: string): void {
  const { S, Sy, A } = inputs(batch, n, dtype);
  const I = tg.eye(n, { dtype: 'float64' });
  const f64 = dtype === 'float64';
  const b = Math.max(batch, 1);
  // float64: O(eps) residuals, orthogonality O(n eps); float32: the factors rounded once to float32
  const res = f64 ? 4e-15 : 3e-7;
  const orth = f64 ? Math.max(n, 2) * 4e-16 * Math.sqrt(b) : 6e-8 * Math.sqrt(n * b) + 1e-7;
  const L = tg.linalg.cholesky(S);
  expect(L.dtype, tag).toBe(dtype);
  expect(fro(L.double().matmul(mT(L.double())).sub(S.double())) / fro(S), `${tag} cholesky L L^T = A`).toBeLessThan(f64 ? 1e-15 : res);
  expect(fro(L.sub(L.tril())), `${tag} cholesky L lower`).toBe(0);
  const [Q, R] = tg.linalg.qr(A);
  const Qd = Q.double();
  expect(fro(Qd.matmul(R.double()).sub(A.double())) / fro(A), `${tag} qr Q R = A`).toBeLessThan(res);
  expect(fro(mT(Qd).matmul(Qd).sub(I)), `${tag} qr Q^T Q = I`).toBeLessThan(orth);
  expect(fro(R.sub(R.triu())), `${tag} qr R upper`).toBe(0);
  const { eigenvalues: w, eigenvectors: V } = tg.linalg.eigh(Sy);
  const Vd = V.double();
  const back = Vd.matmul(tg.diagEmbed(w.double())).matmul(mT(Vd));
  expect(fro(back.sub(Sy.double())) / fro(Sy), `${tag} eigh V diag(w) V^T = A`).toBeLessThan(f64 ? 1e-14 : res);
  expect(fro(mT(Vd).matmul(Vd).sub(I)), `${tag} eigh V^T V = I`).toBeLessThan(orth);
  const wv = vals(w);
  for (let j = 0; j < b; j++) for (let i = 1; i < n; i++) expect(wv[j * n + i]!, `${tag} eigh ascending`).toBeGreaterThanOrEqual(wv[j * n + i - 1]!);
}

describe('blocked decompositions', () => {
  it('cholesky, qr and eigh: residuals and orthogonality at 1 to 257, batched, float32 and float64, every capability', () => {
    const cap0 = tg.backends.cpu.capability();
    try {
      for (const cap of tg.backends.cpu.capabilities()) {
        tg.backends.cpu.setCapability(cap);
        for (const [batch, n] of SIZES) {
          // the non-default capabilities at the sizes that cover their panels and edges, not all of them
          if (cap !== cap0 && n > 129) continue;
          for (const dtype of ['float64', 'float32'] as const) check(batch, n, dtype, `${cap} ${batch ? `${batch}x` : ''}${n} ${dtype}`);
        }
      }
    } finally {
      tg.backends.cpu.setCapability(cap0);
    }
  });

  it('qr of tall and wide matrices across the panel widths: Q R = A, Q orthonormal (reduced and complete)', () => {
    for (const [m, n] of [[300, 40], [40, 300], [200, 129], [129, 200], [513, 17]] as const) {
      const A = mat(0, m, n);
      for (const mode of ['reduced', 'complete'] as const) {
        const [Q, R] = tg.linalg.qr(A, mode);
        expect(fro(Q.matmul(R).sub(A)) / fro(A), `${m}x${n} ${mode}`).toBeLessThan(4e-15);
        expect(fro(mT(Q).matmul(Q).sub(tg.eye(Q.shape[1]!, { dtype: 'float64' }))), `${m}x${n} ${mode}`).toBeLessThan(Math.max(m, n) * 4e-16);
      }
    }
  });

  it('results are bitwise the same at one and two threads (the GEMM tasks are fixed by the shape)', () => {
    const th0 = tg.getNumThreads();
    const run = (): number[][] => {
      const out: number[][] = [];
      for (const [batch, n] of [[0, 256], [0, 300], [2, 130]] as const) {
        const { S, Sy, A } = inputs(batch, n, 'float64');
        const [Q, R] = tg.linalg.qr(A);
        const { eigenvalues: w, eigenvectors: V } = tg.linalg.eigh(Sy);
        out.push(vals(tg.linalg.cholesky(S)), vals(Q), vals(R), vals(w), vals(V), vals(tg.linalg.svdvals(A)));
      }
      return out;
    };
    try {
      tg.setNumThreads(1);
      const one = run();
      tg.setNumThreads(2);
      const two = run();
      expect(one.length).toBe(18);
      one.forEach((r, i) => expect(two[i], `result ${i}`).toEqual(r));
    } finally {
      tg.setNumThreads(th0);
    }
  });
});
