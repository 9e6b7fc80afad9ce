// The float64 decompositions' one dispatch entry (native/cpu/linalg_kernels.cc, KernelTable::linalg_f64): an op
// code and its operands. Kept out of kernel_table.h so that a change here rebuilds only the linalg sources.
#pragma once
#include <cstdint>

namespace tg {

// Per op (all matrices row-major, `batch` of them back to back; the binding checks every length):
//   lu:         a [n, n] -> L\U in place (getrf), ipiv [n] row i of PA = row ipiv[i] of A, info [2] = first
//               zero pivot (1-based, 0: none) and the permutation's sign; k: panel width (0: default).
//   lu_solve:   a [n, n] from lu, ipiv [n], b [n, k] -> X in place (LU X = P B).
//   cholesky:   a [n, n] -> L in place (reads the lower triangle, zeros above), info [1] = potrf's info;
//               k: panel width (0: default).
//   trsm:       a [n, n], b [n, k] -> op(T)^-1 b in place; flags bit 0 upper, bit 1 unit diagonal, bit 2 T^T.
//   qr:         a [m, n] -> R and the reflectors in place (geqrf), b = tau [min(m, n)]; c = Q [m, k] (orgqr's
//               first k columns) unless null; flags: panel width (0: default, at most 64).
//   eigh:       a [n, n] (lower triangle read) -> b = w [n] ascending, c = V [n, n] eigenvectors as columns,
//               the largest-magnitude entry of each positive; info [1] = 1 if QL did not converge; k: the
//               tridiagonalization's panel width (0: default).
//   svd_jacobi: c = W [n, m] (A's m >= n columns as rows), d = Vh [n, n] -> W's rows rotated orthogonal,
//               Vh the accumulated rotations (lib/ops/linalg_svd.ts finishes: norms, order, U).
enum class LinalgOp : int32_t { lu = 0, lu_solve = 1, cholesky = 2, trsm = 3, qr = 4, eigh = 5, svd_jacobi = 6, count };

struct LinalgArgs {
  LinalgOp op;
  int64_t batch, m, n, k, flags;
  double *a, *b, *c, *d;
  int32_t *ipiv, *info;
};

}  // namespace tg
