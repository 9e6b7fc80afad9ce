// The float64 decompositions behind tg.linalg (LU, triangular solves, Cholesky, Householder QR, symmetric
// eigen, Jacobi SVD sweeps): blocked so that most flops run in our packed GEMM, the rest on Vec<double> rows.
// One dispatch entry (cpu/linalg.h documents each op's operands). Compiled once per ISA.
#include "cpu/loops.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "cpu/gemm.h"
#include "cpu/linalg.h"
#include "cpu/linalg_eig.h"
#include "cpu/linalg_rows.h"

namespace tg {
namespace TG_CPU_NS {
namespace {


// The plane rotation (x, y) <- (c x - s y, s x + c y) on Vec<double> rows (axpy and dot: cpu/linalg_rows.h).
void rot(int64_t n, double* x, double* y, double c, double s) {
  const V vc(c), vs(s);
  int64_t j = 0;
  for (; j + W <= n; j += W) {
    const V a = V::loadu(x + j), b = V::loadu(y + j);
    (vc * a - vs * b).storeu(x + j);
    (vs * a + vc * b).storeu(y + j);
  }
  for (; j < n; ++j) {
    const double a = x[j], b = y[j];
    x[j] = c * a - s * b;
    y[j] = s * a + c * b;
  }
}

void gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, double alpha, const double* A, int64_t lda,
          const double* B, int64_t ldb, double beta, double* C, int64_t ldc) {
  if (M > 0 && N > 0) gemm_f64(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

// Note [Native blocked LU]: getrf's right-looking order by panels of nb columns. A panel is factored with
// partial pivoting (row swaps applied to whole rows), the rows of U to its right are solved against its
// unit-lower block, and the trailing matrix takes A22 -= L21 U12 in one GEMM, in place. The factorization goes
// on past an exactly-zero pivot (that column is skipped) and reports the first one 1-based, as getrf's info;
// NaN pivots are skipped without a report, as the TypeScript loop this replaces did.
void lu_one(double* a, int64_t n, int64_t nb, int32_t* perm, int32_t* info) {
  for (int64_t i = 0; i < n; ++i) perm[i] = static_cast<int32_t>(i);
  int sign = 1, zero = 0;
  for (int64_t k0 = 0; k0 < n; k0 += nb) {
    const int64_t ke = std::min(k0 + nb, n), kb = ke - k0, rest = n - ke;
    for (int64_t k = k0; k < ke; ++k) {
      int64_t p = k;
      double best = std::fabs(a[k * n + k]);
      for (int64_t i = k + 1; i < n; ++i) {
        const double v = std::fabs(a[i * n + k]);
        if (v > best) best = v, p = i;
      }
      if (p != k) {
        std::swap_ranges(a + k * n, a + k * n + n, a + p * n);
        std::swap(perm[k], perm[p]);
        sign = -sign;
      }
      const double piv = a[k * n + k];
      if (piv == 0 || piv != piv) {
        if (zero == 0 && piv == 0) zero = static_cast<int>(k + 1);
        continue;
      }
      for (int64_t i = k + 1; i < n; ++i) {
        const double f = (a[i * n + k] /= piv);
        if (f != 0) axpy(ke - k - 1, -f, a + k * n + k + 1, a + i * n + k + 1);
      }
    }
    if (rest == 0) break;
    for (int64_t k = k0; k < ke; ++k)
      for (int64_t i = k + 1; i < ke; ++i) {
        const double f = a[i * n + k];
        if (f != 0) axpy(rest, -f, a + k * n + ke, a + i * n + ke);
      }
    gemm(false, false, rest, rest, kb, -1.0, a + ke * n + k0, n, a + k0 * n + ke, n, 1.0, a + ke * n + ke, n);
  }
  info[0] = zero;
  info[1] = sign;
}

// Note [Blocked TRSM]: T X = B for the n x k row-major B in place, T triangular (row stride n). Blocks of NB
// rows in solve order: each block first takes the rows already solved through one GEMM, then is solved by
// substitution on its diagonal block (division by the diagonal, as the unblocked loop).
void trsm_left(const double* t, int64_t n, bool upper, bool unit, double* b, int64_t k) {
  if (k == 1) {
    // one right-hand side: substitution by dot products over T's rows (no GEMM to feed)
    for (int64_t s = 0; s < n; ++s) {
      const int64_t i = upper ? n - 1 - s : s;
      double x = b[i] - (upper ? dot(n - i - 1, t + i * n + i + 1, b + i + 1) : dot(i, t + i * n, b));
      b[i] = unit ? x : x / t[i * n + i];
    }
    return;
  }
  constexpr int64_t NB = 64;
  for (int64_t s0 = 0; s0 < n; s0 += NB) {
    const int64_t cnt = std::min(NB, n - s0);
    // The block's rows [r0, r1) and the solved rows: above them (lower) or below them (upper).
    const int64_t r0 = upper ? n - s0 - cnt : s0, r1 = r0 + cnt;
    if (upper && r1 < n) gemm(false, false, cnt, k, n - r1, -1.0, t + r0 * n + r1, n, b + r1 * k, k, 1.0, b + r0 * k, k);
    if (!upper && r0 > 0) gemm(false, false, cnt, k, r0, -1.0, t + r0 * n, n, b, k, 1.0, b + r0 * k, k);
    for (int64_t s = 0; s < cnt; ++s) {
      const int64_t i = upper ? r1 - 1 - s : r0 + s;
      double* bi = b + i * k;
      const int64_t j0 = upper ? i + 1 : r0, j1 = upper ? r1 : i;
      for (int64_t j = j0; j < j1; ++j) {
        const double f = t[i * n + j];
        if (f != 0) axpy(k, -f, b + j * k, bi);
      }
      if (!unit) {
        const double d = t[i * n + i];
        for (int64_t c = 0; c < k; ++c) bi[c] /= d;
      }
    }
  }
}

void trsm_one(const double* t, int64_t n, int64_t flags, double* b, int64_t k) {
  const bool upper = flags & 1, unit = flags & 2, trans = flags & 4;
  if (!trans) return trsm_left(t, n, upper, unit, b, k);
  Buf tt(static_cast<size_t>(n * n));
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) tt[j * n + i] = t[i * n + j];
  trsm_left(tt.data(), n, !upper, unit, b, k);
}

void lu_solve_one(const double* lu, int64_t n, const int32_t* perm, double* b, int64_t k) {
  Buf x(static_cast<size_t>(n * k));
  for (int64_t i = 0; i < n; ++i) std::copy(b + perm[i] * k, b + perm[i] * k + k, x.data() + i * k);
  trsm_left(lu, n, false, true, x.data(), k);
  trsm_left(lu, n, true, false, x.data(), k);
  std::copy(x.begin(), x.end(), b);
}

// The row stride of a transposed panel with rows of length r: padded so that it is not a multiple of 512 bytes
// (at r = 512, rows 4 KiB apart map to one L1 set and the transposing copy ran 3x slower than at r = 500).
int64_t panel_ld(int64_t r) {
  const int64_t ld = (r + 7) / 8 * 8;
  return ld % 64 == 0 ? ld + 8 : ld;
}

// Note [Blocked Cholesky panels]: right-looking potrf (lower) by panels of nb columns. The panel's rows k0..n-1
// are copied transposed (P: kb rows of length n - k0, row stride panel_ld(n - k0), P[l][i - k0] = A[i][k0 + l]) so that the unblocked
// factorization of the diagonal block and the solve of the rows below it (potf2 + trsm) are one column-oriented
// loop whose inner steps are contiguous axpys of length n - k0 (in row-major A they would be strided columns
// or dot products of length < nb). The trailing update A22 -= L21 L21^T then runs as GEMMs over fixed blocks
// of 64 rows, each covering its rows' columns up to the diagonal block's end (syrk's lower half plus the
// diagonal blocks' upper parts, which are never read and are zeroed at the end), as tasks over the threads.
// Returns potrf's info (0, or the failing minor's order); on failure the caller recomputes potrf's exact
// partial result (lib/ops/linalg_chol.ts, Note [Native Cholesky]).
// panel widths measured best on one thread (AVX-512, 2026-12-07): 16 to n = 256, 16-24 at 512, 32 at 1024
int64_t chol_nb(int64_t n) { return n <= 384 ? 16 : n <= 768 ? 24 : 32; }

int32_t chol_one(double* a, int64_t n, int64_t nb) {
  thread_local Buf ws;
  int32_t info = 0;
  for (int64_t k0 = 0; k0 < n && info == 0; k0 += nb) {
    const int64_t ke = std::min(k0 + nb, n), kb = ke - k0, len = n - k0, rest = n - ke, lp = panel_ld(len);
    ws.resize(static_cast<size_t>(kb * lp));
    double* P = ws.data();
    for (int64_t i = 0; i < len; ++i)
      for (int64_t l = 0; l < kb; ++l) P[l * lp + i] = a[(k0 + i) * n + k0 + l];
    for (int64_t j = 0; j < kb; ++j) {
      double* pj = P + j * lp;
      const double s = pj[j];
      if (!(s > 0)) {
        info = static_cast<int32_t>(k0 + j + 1);
        break;
      }
      const double d = std::sqrt(s), r = 1 / d;
      pj[j] = d;
      for (int64_t i = j + 1; i < len; ++i) pj[i] *= r;
      for (int64_t l = j + 1; l < kb; ++l) axpy(len - l, -pj[l], pj + l, P + l * lp + l);
    }
    if (info != 0) break;
    for (int64_t i = 0; i < len; ++i)
      for (int64_t l = 0; l < kb; ++l) a[(k0 + i) * n + k0 + l] = P[l * lp + i];
    if (rest == 0) break;
    constexpr int64_t RB = 64;
    const double* L21 = a + ke * n + k0;
    run_tasks((rest + RB - 1) / RB, double(rest) * double(rest) * double(kb) >= 1e6, [&](int64_t t) {
      const int64_t r0 = t * RB, r1 = std::min(rest, r0 + RB);
      gemm(false, false, r1 - r0, r1, kb, -1.0, L21 + r0 * n, n, P + kb, lp, 1.0, a + (ke + r0) * n + ke, n);
    });
  }
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = i + 1; j < n; ++j) a[i * n + j] = 0;
  return info;
}

// QR panel widths measured best on one thread (AVX-512, 2026-12-07) by k = min(m, n): 8 to 128, 16-24 at 256, 32 at 512
int64_t qr_nb(int64_t k) { return k <= 160 ? 8 : k <= 384 ? 16 : 32; }
constexpr int64_t kQrMaxNb = 64;

// Note [Transposed QR panels]: geqr2 on the panel held transposed, Pt (kb rows of length r, row stride
// lp = panel_ld(r), Pt[l][i] = the panel's A[i][l]): each column is a contiguous row, so the reflector's norm, and its application to the later
// columns (w = v . col, col -= tau w v), are dots and axpys of length r. LAPACK's signs (Note [QR signs] in
// lib/ops/linalg_qr_eig.ts).
void geqr2_t(double* Pt, int64_t r, int64_t lp, int64_t kb, double* tau) {
  for (int64_t c = 0; c < std::min(r, kb); ++c) {
    double* v = Pt + c * lp + c;
    const int64_t len = r - c - 1;
    tau[c] = 0;
    const double alpha = v[0], xn = dot(len, v + 1, v + 1);
    if (xn == 0) continue;
    const double beta = -(alpha >= 0 ? 1 : -1) * std::hypot(alpha, std::sqrt(xn));
    const double t = tau[c] = (beta - alpha) / beta, scale = 1 / (alpha - beta);
    for (int64_t i = 1; i <= len; ++i) v[i] *= scale;
    v[0] = beta;
    for (int64_t l = c + 1; l < kb; ++l) {
      double* col = Pt + l * lp + c;
      const double w = t * (col[0] + dot(len, v + 1, col + 1));
      col[0] -= w;
      axpy(len, -w, v + 1, col + 1);
    }
  }
}

// Note [Compact WY]: reflectors j0..j0+kb-1 (tails below the diagonal, rows j0 to `rows`) as H_0 ... H_{kb-1}
// = I - V T V^T (larft, forward columnwise), held as Vt = V^T (kb x r, r = rows - j0, row stride lv = panel_ld(r): each reflector a
// contiguous row with its unit diagonal and zeros before it) and T (kb x kb upper triangular). Applying the
// block is then three GEMMs. Vt from the reflectors stored in a (row stride lda), or from geqrf's transposed
// panel (vt_from_panel); T from Vt's rows by dot products.
void vt_from_a(const double* a, int64_t lda, int64_t r, int64_t lv, int64_t kb, double* Vt) {
  std::fill(Vt, Vt + lv * kb, 0.0);
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < std::min(i + 1, kb); ++j) Vt[j * lv + i] = i == j ? 1.0 : a[i * lda + j];
}

void vt_from_panel(const double* Pt, int64_t r, int64_t lv, int64_t kb, double* Vt) {
  for (int64_t j = 0; j < kb; ++j) {
    std::fill(Vt + j * lv, Vt + j * lv + j, 0.0);
    Vt[j * lv + j] = 1;
    std::copy(Pt + j * lv + j + 1, Pt + j * lv + r, Vt + j * lv + j + 1);
  }
}

void larft(const double* Vt, int64_t r, int64_t lv, int64_t kb, const double* tau, double* T) {
  std::fill(T, T + kb * kb, 0.0);
  double z[kQrMaxNb];
  for (int64_t j = 0; j < kb; ++j) {
    T[j * kb + j] = tau[j];
    if (tau[j] == 0 || j == 0) continue;
    for (int64_t i = 0; i < j; ++i) z[i] = dot(r - j, Vt + i * lv + j, Vt + j * lv + j);
    for (int64_t i = 0; i < j; ++i) {
      double s = 0;
      for (int64_t l = i; l < j; ++l) s += T[i * kb + l] * z[l];
      T[i * kb + j] = -tau[j] * s;
    }
  }
}

// C (r x nc, row stride ldc) <- (I - V op(T) V^T) C, op(T) = T^T when `trans` (Q^T C), else T (Q C); by fixed
// slabs of 128 columns as tasks over the threads (Note [Thread-count-independent blocks]).
void apply_block(const double* Vt, int64_t lv, const double* T, int64_t r, int64_t kb, bool trans, double* C,
                 int64_t nc, int64_t ldc) {
  if (nc <= 0) return;
  constexpr int64_t CB = 128;
  run_tasks((nc + CB - 1) / CB, 4.0 * double(r) * double(nc) * double(kb) >= 2e6, [&](int64_t s) {
    const int64_t c0 = s * CB, w = std::min(CB, nc - c0);
    thread_local Buf ws;
    ws.resize(static_cast<size_t>(2 * kb * w));
    double *w1 = ws.data(), *w2 = w1 + kb * w;
    gemm(false, false, kb, w, r, 1.0, Vt, lv, C + c0, ldc, 0.0, w1, w);
    gemm(trans, false, kb, w, kb, 1.0, T, kb, w1, w, 0.0, w2, w);
    gemm(true, false, r, w, kb, -1.0, Vt, lv, w2, w, 1.0, C + c0, ldc);
  });
}

// The compact WY blocks of geqrf's panels (panel p starts at column p nb), kept for orgqr.
struct WYBlocks {
  std::vector<Buf> Vt, T;
};

// Blocked Householder QR (geqrf) by panels of nb <= kQrMaxNb: each panel by geqr2 (transposed), the trailing
// columns by its compact WY block; the blocks go to `wy` for orgqr unless null.
void geqrf(double* a, int64_t m, int64_t n, int64_t nb, double* tau, WYBlocks* wy) {
  const int64_t k = std::min(m, n);
  Buf Vt, T, Pt;
  for (int64_t j0 = 0; j0 < k; j0 += nb) {
    const int64_t kb = std::min(nb, k - j0), r = m - j0, lv = panel_ld(r);
    Pt.resize(static_cast<size_t>(kb * lv));
    for (int64_t i = 0; i < r; ++i)
      for (int64_t l = 0; l < kb; ++l) Pt[l * lv + i] = a[(j0 + i) * n + j0 + l];
    geqr2_t(Pt.data(), r, lv, kb, tau + j0);
    for (int64_t i = 0; i < r; ++i)
      for (int64_t l = 0; l < kb; ++l) a[(j0 + i) * n + j0 + l] = Pt[l * lv + i];
    if (j0 + kb >= n && wy == nullptr) continue;
    Vt.resize(static_cast<size_t>(kb * lv)), T.resize(static_cast<size_t>(kb * kb));
    vt_from_panel(Pt.data(), r, lv, kb, Vt.data());
    larft(Vt.data(), r, lv, kb, tau + j0, T.data());
    apply_block(Vt.data(), lv, T.data(), r, kb, true, a + j0 * n + j0 + kb, n - j0 - kb, n);
    if (wy != nullptr) wy->Vt.push_back(Vt), wy->T.push_back(T);
  }
}

// The first q columns of Q = H_0 ... H_{k-1} (orgqr) into Q (m x q), blocks of nb applied last to first (from
// `wy` when given, else from the reflectors in a). Columns left of a block are zero in its rows by then, so
// each block updates Q[j0:, j0:] only.
void orgqr(const double* a, int64_t m, int64_t n, int64_t k, int64_t nb, const double* tau, double* Q, int64_t q,
           const WYBlocks* wy) {
  std::fill(Q, Q + m * q, 0.0);
  for (int64_t i = 0; i < std::min(m, q); ++i) Q[i * q + i] = 1;
  Buf Vt, T;
  const int64_t last = k == 0 ? 0 : ((k - 1) / nb) * nb;
  for (int64_t j0 = last; j0 >= 0 && k > 0; j0 -= nb) {
    const int64_t kb = std::min(nb, k - j0), r = m - j0, lv = panel_ld(r);
    const double *vt, *t;
    if (wy != nullptr) {
      vt = wy->Vt[static_cast<size_t>(j0 / nb)].data(), t = wy->T[static_cast<size_t>(j0 / nb)].data();
    } else {
      Vt.resize(static_cast<size_t>(kb * lv)), T.resize(static_cast<size_t>(kb * kb));
      vt_from_a(a + j0 * n + j0, n, r, lv, kb, Vt.data());
      larft(Vt.data(), r, lv, kb, tau + j0, T.data());
      vt = Vt.data(), t = T.data();
    }
    apply_block(vt, lv, t, r, kb, false, Q + j0 * q + j0, q - j0, q);
  }
}

void qr_one(double* a, int64_t m, int64_t n, int64_t nb, double* tau, double* Q, int64_t q) {
  WYBlocks wy;
  geqrf(a, m, n, nb, tau, Q != nullptr ? &wy : nullptr);
  if (Q != nullptr) orgqr(a, m, n, std::min(m, n), nb, tau, Q, q, &wy);
}

// Note [Native eigh]: A (the lower triangle, mirrored) is reduced to a tridiagonal T = Q^T A Q by Householder
// reflectors from the left and right (blocked sytrd on the upper triangle, linalg_eig_kernels.cc: Note [Blocked
// sytrd]; k: its panel width, 0: 8 below n = 128, else 16, measured best on one thread), Q formed blocked (orgqr on the reflectors), then T's eigenvectors by divide and conquer
// (linalg_eig_kernels.cc: QL on blocks of up to 32, merges whose vector updates are GEMMs) and one GEMM for
// Q's product with them. Returns false if QL did not converge on a leaf (the caller falls back to Jacobi).
bool eigh_one(double* a, int64_t n, int64_t nb, double* w, double* Vout) {
  // the lower triangle mirrored into the upper by tiles (row by row, each column read would miss cache)
  constexpr int64_t TB = 32;
  for (int64_t j0 = 0; j0 < n; j0 += TB)
    for (int64_t i0 = 0; i0 <= j0; i0 += TB)
      for (int64_t i = i0; i < std::min(i0 + TB, n); ++i)
        for (int64_t j = std::max(j0, i + 1); j < std::min(j0 + TB, n); ++j) a[i * n + j] = a[j * n + i];
  // Note [Decomposition scratch]: eigh's work arrays (~5 n^2) stay with the thread for its next call: fresh
  // ones cost a page fault per 4 KiB, ~15% of a 256^2 eigh. Above n = 1024 they are released after the call.
  struct Scratch {
    Buf d, e, H, tau, Qp, S, Vm, d2;
  };
  thread_local Scratch ws;
  const int64_t n1 = std::max<int64_t>(n - 1, 1);
  Buf &d = ws.d, &e = ws.e, &H = ws.H, &tau = ws.tau;
  d.assign(n, 0.0), e.assign(n, 0.0), H.assign(n1 * n1, 0.0), tau.assign(n1, 0.0);
  ws.Qp.resize(n1 * n1), ws.S.resize(n * n), ws.Vm.resize(n * n);
  sytrd_upper(a, n, nb, d.data(), e.data(), H.data(), tau.data());
  // T = S diag(d) S^T by divide and conquer (Note [Divide and conquer]); the eigenvectors Q S, Q = diag(1, Q'),
  // Q' from the n-1 reflectors (the last has tau 0)
  double *S = ws.S.data(), *Vm = ws.Vm.data();
  if (!tridiag_eigvecs(d.data(), e.data(), S, n)) return false;
  if (n >= 1) std::copy(S, S + n, Vm);
  if (n >= 2) {
    orgqr(H.data(), n1, n1, n1, qr_nb(n1), tau.data(), ws.Qp.data(), n1, nullptr);
    gemm(false, false, n1, n, n1, 1.0, ws.Qp.data(), n1, S + n, n, 0.0, Vm + n, n);
  }
  // ascending (stable), each eigenvector's largest-magnitude entry positive (Note [Eigenvector signs])
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t i, int64_t j) { return d[i] < d[j]; });
  // by rows of Vm (a column walk misses cache at every entry): each column's first largest-magnitude entry
  Buf& big = ws.d2;
  big.assign(static_cast<size_t>(n), 0.0);
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = 0; c < n; ++c)
      if (std::fabs(Vm[r * n + c]) > std::fabs(big[c])) big[c] = Vm[r * n + c];
  for (int64_t dst = 0; dst < n; ++dst) w[dst] = d[order[dst]];
  for (int64_t r = 0; r < n; ++r)
    for (int64_t dst = 0; dst < n; ++dst) {
      const int64_t src = order[dst];
      Vout[r * n + dst] = big[src] < 0 ? -Vm[r * n + src] : Vm[r * n + src];
    }
  if (n > 1024) ws = Scratch();
  return true;
}

// The one-sided (Hestenes) Jacobi sweeps of lib/ops/linalg_svd.ts on W's n rows of length m (usually already
// preconditioned there: Note [Jacobi SVD preconditioning]), rotations accumulated into Vh's rows.
// Note [Jacobi stopping]: a pair whose cosine is within the rounding of its own dot product (~sqrt(m) eps) can
// bounce forever at the eps threshold; a sweep whose largest cosine was below that is the last.
// Note [Jacobi first-order sweep]: from the Gram GEMM of W's rows (the same dot products a sweep forms one by
// one), a pair whose rotation has |tan| = |t| < 1e-9 has cos = 1 in float64, so its rotation is exactly
// (w_p, w_q) += t (-w_q, w_p); the rotations of all such pairs are applied at once, W += Theta W and
// Vh += Theta Vh (two GEMMs, Theta antisymmetric). Applying them together instead of in sequence changes each
// by O(t^2) = 1e-18 relative, below rounding (so does (I + Theta)'s departure from orthogonality, n t^2). Pairs
// with larger angles (close singular values, or before preconditioning) then rotate one by one from fresh dot
// products as before, and the next sweep's Gram GEMM tests convergence (Note [Jacobi stopping by GEMM]).
// After the preconditioner nearly every pair is first-order (cosines 1e-16 to 1e-10 on a random 256^2).
void svd_jacobi_one(double* Wm, int64_t m, int64_t n, double* Vh) {
  const double eps = 2.220446049250313e-16, tolc = std::sqrt(double(m)) * eps;
  Buf nrm(static_cast<size_t>(n)), G(static_cast<size_t>(n >= 16 ? n * n : 0)), Th, W0;
  std::vector<std::pair<int64_t, int64_t>> rest;
  for (int sweep = 0; sweep < 80; ++sweep) {
    bool rotated = false, some = false;
    double maxOff = 0;
    if (n >= 16) {
      // Note [Jacobi stopping by GEMM]: the stopping test first, on all cosines at once from one Gram GEMM: a
      // sweep that would find every cosine below the bound is skipped, with only its sub-rounding rotations.
      gemm(false, true, n, n, m, 1.0, Wm, m, Wm, m, 0.0, G.data(), n);
      Th.assign(n * n, 0.0), rest.clear();
      int64_t first = 0;
      for (int64_t p = 0; p < n; ++p)
        for (int64_t q = p + 1; q < n; ++q) {
          const double ga = G[p * n + q], al = G[p * n + p], be = G[q * n + q];
          const double off = std::fabs(ga) / std::sqrt(al * be);
          maxOff = std::max(maxOff, off);
          if (ga == 0 || !(off > eps)) continue;
          const double zeta = (be - al) / (2 * ga);
          if (std::fabs(zeta) > 1e9) {
            const double t = 1 / (2 * zeta);
            Th[p * n + q] = -t, Th[q * n + p] = t, ++first;
          } else {
            rest.emplace_back(p, q);
          }
        }
      if (maxOff < tolc) break;
      if (first > 0) {
        W0.assign(Wm, Wm + n * m);
        gemm(false, false, n, m, n, 1.0, Th.data(), n, W0.data(), m, 1.0, Wm, m);
        W0.assign(Vh, Vh + n * n);
        gemm(false, false, n, n, n, 1.0, Th.data(), n, W0.data(), n, 1.0, Vh, n);
        rotated = true;
      }
      some = true;
    }
    for (int64_t j = 0; j < n; ++j) nrm[j] = dot(m, Wm + j * m, Wm + j * m);
    const auto pair_rot = [&](int64_t p, int64_t q) {
      const double ga = dot(m, Wm + p * m, Wm + q * m);
      const double al = nrm[p], be = nrm[q];
      const double off = std::fabs(ga) / std::sqrt(al * be);
      if (ga == 0 || !(off > eps)) return;
      if (!some) maxOff = std::max(maxOff, off);
      rotated = true;
      const double zeta = (be - al) / (2 * ga);
      const double t = (zeta >= 0 ? 1 : -1) / (std::fabs(zeta) + std::sqrt(1 + zeta * zeta));
      const double c = 1 / std::sqrt(1 + t * t), s = c * t;
      nrm[p] = al - t * ga;
      nrm[q] = be + t * ga;
      rot(m, Wm + p * m, Wm + q * m, c, s);
      rot(n, Vh + p * n, Vh + q * n, c, s);
    };
    if (some) {
      for (const auto& pq : rest) pair_rot(pq.first, pq.second);
    } else {
      for (int64_t p = 0; p + 1 < n; ++p)
        for (int64_t q = p + 1; q < n; ++q) pair_rot(p, q);
    }
    if (!rotated || maxOff < tolc) break;
  }
}

int64_t linalg_f64(const LinalgArgs& g) {
  const int64_t n = g.n, m = g.m, k = g.k;
  // Note [Batched decompositions]: matrices of a batch are independent: one task per matrix (the GEMMs inside
  // then run on the calling thread); a single matrix gets the threads inside its GEMMs instead.
  parallel_for(0, g.batch, 1, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) switch (g.op) {
        case LinalgOp::lu: {
          const int64_t nb = k > 0 ? k : (n >= 64 ? 16 : std::max<int64_t>(n, 1));
          lu_one(g.a + b * n * n, n, nb, g.ipiv + b * n, g.info + 2 * b);
          break;
        }
        case LinalgOp::lu_solve: lu_solve_one(g.a + b * n * n, n, g.ipiv + b * n, g.b + b * n * k, k); break;
        case LinalgOp::cholesky: g.info[b] = chol_one(g.a + b * n * n, n, k > 0 ? k : chol_nb(n)); break;
        case LinalgOp::trsm: trsm_one(g.a + b * n * n, n, g.flags, g.b + b * n * k, k); break;
        case LinalgOp::qr:
          qr_one(g.a + b * m * n, m, n, g.flags > 0 ? std::min(g.flags, kQrMaxNb) : qr_nb(std::min(m, n)), g.b + b * std::min(m, n),
                 g.c ? g.c + b * m * k : nullptr, k);
          break;
        case LinalgOp::eigh: g.info[b] = eigh_one(g.a + b * n * n, n, k > 0 ? k : (n < 128 ? 8 : 16), g.b + b * n, g.c + b * n * n) ? 0 : 1; break;
        case LinalgOp::svd_jacobi: svd_jacobi_one(g.c + b * n * m, m, n, g.d + b * n * n); break;
        default: break;
      }
  });
  return 0;
}

}  // namespace

void register_linalg_kernels(KernelTable& t) { t.linalg_f64 = linalg_f64; }

}  // namespace TG_CPU_NS
}  // namespace tg
