// eigh's reduction to tridiagonal form (blocked sytrd) and its symmetric tridiagonal eigensolvers (cpu/linalg_eig.h):
// tql2's implicit QL, and Cuppen's divide and conquer (LAPACK's dstedc/dlaed0-dlaed4) whose eigenvector work is GEMMs. Compiled once per ISA.
#include "cpu/loops.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "cpu/gemm.h"
#include "cpu/linalg_eig.h"
#include "cpu/linalg_rows.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

constexpr double kEps = 2.220446049250313e-16;

// sqrt(a^2 + b^2) without std::hypot's cost (QL calls it per rotation) where the squares cannot overflow or
// lose the larger one to underflow; std::hypot elsewhere (and for NaN).
inline double hyp(double a, double b) {
  const double big = std::max(std::fabs(a), std::fabs(b));
  if (big < 1e150 && big > 1e-150) return std::sqrt(a * a + b * b);
  return std::hypot(a, b);
}

// Note [Rotation chains]: QL's sweep is a chain of rotations on rows (i, i+1), i from hi - 1 down to lo. Per
// block of columns the row below is carried in registers: each rotation loads row i once, stores row i+1's
// final value and carries row i's new value on (dlasr's order, half the memory traffic of rotating row pairs).
void rot_chain(double* Z, int64_t ld, int64_t lo, int64_t hi, const double* cs, const double* sn, int64_t j0, int64_t j1) {
  constexpr int U = 4;
  int64_t j = j0;
  for (; j + U * W <= j1; j += U * W) {
    V y[U];
    for (int u = 0; u < U; ++u) y[u] = V::loadu(Z + hi * ld + j + u * W);
    for (int64_t i = hi - 1; i >= lo; --i) {
      const V c(cs[i]), s(sn[i]);
      const double* xi = Z + i * ld + j;
      double* yi = Z + (i + 1) * ld + j;
      for (int u = 0; u < U; ++u) {
        const V x = V::loadu(xi + u * W);
        fmadd(s, x, c * y[u]).storeu(yi + u * W);
        y[u] = c * x - s * y[u];
      }
    }
    for (int u = 0; u < U; ++u) y[u].storeu(Z + lo * ld + j + u * W);
  }
  for (; j < j1; j += W) {
    const int r = static_cast<int>(std::min<int64_t>(W, j1 - j));
    V y = V::loadu(Z + hi * ld + j, r);
    for (int64_t i = hi - 1; i >= lo; --i) {
      const V c(cs[i]), s(sn[i]);
      const V x = V::loadu(Z + i * ld + j, r);
      fmadd(s, x, c * y).storeu(Z + (i + 1) * ld + j, r);
      y = c * x - s * y;
    }
    y.storeu(Z + lo * ld + j, r);
  }
}

void gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, double alpha, const double* A, int64_t lda,
          const double* B, int64_t ldb, double beta, double* C, int64_t ldc) {
  if (M > 0 && N > 0) gemm_f64(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

// sum z_i^2 / dd_i and sum (z_i / dd_i)^2 over [i0, i1), dd_i = (d_i - dorg) - tau stored into delta.
void secular_sums(const double* dl, const double* zl, int64_t i0, int64_t i1, double dorg, double tau, double* delta,
                  double& sum, double& dsum) {
  const V vo(dorg), vt(tau);
  V s(0.0), ds(0.0);
  int64_t i = i0;
  for (; i + W <= i1; i += W) {
    const V dd = (V::loadu(dl + i) - vo) - vt, z = V::loadu(zl + i), t = z / dd;
    dd.storeu(delta + i);
    s = fmadd(z, t, s), ds = fmadd(t, t, ds);
  }
  sum = s.reduce_add(), dsum = ds.reduce_add();
  for (; i < i1; ++i) {
    const double dd = (dl[i] - dorg) - tau, t = zl[i] / dd;
    delta[i] = dd, sum += zl[i] * t, dsum += t * t;
  }
}

// Note [Secular equation]: the j-th root of f(l) = 1 + rho sum_i z_i^2 / (d_i - l) (rho > 0, d ascending,
// every z_i nonzero) lies in (d_j, d_j+1), the last in (d_k-1, d_k-1 + rho |z|^2). It is found as an offset
// tau from the nearer pole d_org (decided by f's sign at the midpoint), so that every d_i - l is formed as
// (d_i - d_org) - tau without cancellation (dlaed4's origin shift). Each step solves the two-pole model
// a + s1 / (x1 - eta) + s2 / (x2 - eta) that matches the left and right partial sums and their derivatives at
// the current point (the fixed-weight method; quadratic convergence), guarded by a bisection bracket.
// delta[i] takes d_i - l; returns l.
double secular_root(const double* dl, const double* zl, int64_t k, double rho, int64_t j, double* delta) {
  if (k == 1) {
    delta[0] = -rho * zl[0] * zl[0];
    return dl[0] + rho * zl[0] * zl[0];
  }
  const bool last = j == k - 1;
  const int64_t s = last ? k - 2 : j;  // the model's poles: s (left sum's) and s + 1 (right sum's)
  int64_t org;
  double lo, hi;
  if (last) {
    double zz = 0;
    for (int64_t i = 0; i < k; ++i) zz += zl[i] * zl[i];
    org = j, lo = 0, hi = rho * zz;
  } else {
    const double del = dl[j + 1] - dl[j], mid = del / 2;
    double f = 1;
    for (int64_t i = 0; i < k; ++i) f += rho * zl[i] * zl[i] / ((dl[i] - dl[j]) - mid);
    if (f >= 0) org = j, lo = 0, hi = mid;
    else org = j + 1, lo = mid - del, hi = 0;
  }
  const double dorg = dl[org];
  double tau = org == j ? hi : lo;  // the midpoint (last root: the bound) , where the model step starts
  bool final = false;
  for (int it = 0;; ++it) {
    double psi, dpsi, phi, dphi;
    secular_sums(dl, zl, 0, s + 1, dorg, tau, delta, psi, dpsi);
    secular_sums(dl, zl, s + 1, k, dorg, tau, delta, phi, dphi);
    psi *= rho, dpsi *= rho, phi *= rho, dphi *= rho;
    const double f = 1 + psi + phi;
    if (final || f == 0) break;
    (f > 0 ? hi : lo) = tau;  // f increases with tau
    if (std::fabs(f) <= 8 * kEps * (1 + std::fabs(psi) + std::fabs(phi))) break;
    const double x1 = delta[s], x2 = delta[s + 1];
    const double s1 = dpsi * x1 * x1, s2 = dphi * x2 * x2, a = f - dpsi * x1 - dphi * x2;
    // a (x1 - eta)(x2 - eta) + s1 (x2 - eta) + s2 (x1 - eta) = 0: the root in (x1, x2), or above x2 for the last
    const double B = a * (x1 + x2) + s1 + s2, C = a * x1 * x2 + s1 * x2 + s2 * x1, disc = B * B - 4 * a * C;
    double next = (lo + hi) / 2;
    if (disc >= 0) {
      const double q = B >= 0 ? B + std::sqrt(disc) : B - std::sqrt(disc);
      const double r[2] = {a != 0 ? q / (2 * a) : NAN, q != 0 ? 2 * C / q : NAN};
      for (const double eta : r)
        if (eta > x2 ? last : (!last && eta > x1 && eta < x2)) {
          if (tau + eta > lo && tau + eta < hi) next = tau + eta;
          break;
        }
    }
    if (it >= 80 || std::fabs(next - tau) <= 2 * kEps * std::max(std::fabs(tau), std::fabs(next))) final = true;
    tau = next;
  }
  return dorg + tau;
}

// Note [Divide and conquer]: T = diag(T1, T2) + rho v v^T with v = (e_last, sign(rho) e_first) and |rho| taken off
// the two diagonal entries at the cut. With T1 = Q1 D1 Q1^T, T2 = Q2 D2 Q2^T (recursively; QL below kLeaf),
// T = Q (D + rho z z^T) Q^T, Q = diag(Q1, Q2), z = Q^T v / sqrt 2 (rho doubled). dlaed2's deflation drops
// components where rho |z_i| is negligible and rotates together pairs of nearly equal d_i; the k that remain
// are the roots of the secular equation (Note [Secular equation]). Note [Gu-Eisenstat vectors]: the eigenvector
// for root l_j is (z'_i / (d_i - l_j))_i normalized, with z' recomputed from the computed roots (Loewner's
// formula z'_i^2 = -prod_j (d_i - l_j) / prod_{j != i} (d_i - d_j)), so that the computed roots are the exact
// eigenvalues of a nearby problem and the vectors orthogonal to rounding however close the roots. The new
// vectors are Q's kept columns times that k x k matrix: Q1's columns meet only the top n1 rows and Q2's the
// bottom ones, so the kept columns are ordered top-only, mixed (a deflation rotation joined a Q1 and a Q2
// column), bottom-only, and two GEMMs skip the zero blocks (dlaed3's column types).
constexpr int64_t kLeaf = 32;

struct DivideConquer {
  double *d = nullptr, *e = nullptr, *Q = nullptr;
  int64_t N = 0;
  Buf z, dl, zl, lam, DL, UT, Qc, Out, nd, w, tmp;
  std::vector<int64_t> idx, keep, defl, pos;
  std::vector<int8_t> type;

  bool leaf(int64_t lo, int64_t n) {
    Buf dd(d + lo, d + lo + n), ee(e + lo, e + lo + n), Z(static_cast<size_t>(n * n), 0.0);
    ee[n - 1] = 0;
    for (int64_t i = 0; i < n; ++i) Z[i * n + i] = 1;
    if (!tql2(dd.data(), ee.data(), Z.data(), n)) return false;
    for (int64_t i = 0; i < n; ++i) d[lo + i] = dd[i];
    for (int64_t r = 0; r < n; ++r)
      for (int64_t c = 0; c < n; ++c) Q[(lo + r) * N + lo + c] = Z[c * n + r];
    return true;
  }

  bool solve(int64_t lo, int64_t n) {
    if (n <= kLeaf) return leaf(lo, n);
    const int64_t n1 = n / 2;
    const double rho = e[lo + n1 - 1];
    d[lo + n1 - 1] -= std::fabs(rho);
    d[lo + n1] -= std::fabs(rho);
    if (!solve(lo, n1) || !solve(lo + n1, n - n1)) return false;
    merge(lo, n, n1, rho);
    return true;
  }

  void merge(int64_t lo, int64_t n, int64_t n1, double rho0) {
    double* Qb = Q + lo * N + lo;
    double* db = d + lo;
    const double sg = rho0 < 0 ? -1 : 1, rho = 2 * std::fabs(rho0), r2 = std::sqrt(0.5);
    z.resize(n), type.resize(n), idx.resize(n);
    for (int64_t i = 0; i < n; ++i) {
      z[i] = i < n1 ? Qb[(n1 - 1) * N + i] * r2 : sg * Qb[n1 * N + i] * r2;
      type[i] = i < n1 ? 1 : 3;
    }
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) { return db[a] < db[b]; });
    double dmax = 0, zmax = 0;
    for (int64_t i = 0; i < n; ++i) dmax = std::max(dmax, std::fabs(db[i])), zmax = std::max(zmax, std::fabs(z[i]));
    const double tol = 8 * kEps * std::max(dmax, zmax);
    keep.clear(), defl.clear();
    int64_t pj = -1;
    for (int64_t jj = 0; jj < n; ++jj) {
      const int64_t j = idx[jj];
      if (rho * std::fabs(z[j]) <= tol) {
        defl.push_back(j);
        continue;
      }
      if (pj < 0) {
        pj = j;
        continue;
      }
      double s = z[pj], c = z[j];
      const double tau = hyp(c, s), t = db[j] - db[pj];
      c /= tau, s = -s / tau;
      if (std::fabs(t * c * s) <= tol) {  // close d's: rotate pj's weight into j, pj deflates
        z[j] = tau, z[pj] = 0;
        if (type[j] != type[pj]) type[j] = 2;
        for (int64_t r = 0; r < n; ++r) {
          double* q = Qb + r * N;
          const double x = q[pj], y = q[j];
          q[pj] = c * x + s * y, q[j] = c * y - s * x;
        }
        const double dp = db[pj] * c * c + db[j] * s * s;
        db[j] = db[pj] * s * s + db[j] * c * c, db[pj] = dp;
        defl.push_back(pj);
      } else {
        keep.push_back(pj);
      }
      pj = j;
    }
    if (pj >= 0) keep.push_back(pj);
    const int64_t k = static_cast<int64_t>(keep.size());
    if (k == 0) return;  // rho negligible: Q and d stand
    dl.resize(k), zl.resize(k), lam.resize(k), tmp.resize(k), DL.resize(k * k), UT.resize(k * k), pos.resize(k);
    for (int64_t i = 0; i < k; ++i) dl[i] = db[keep[i]], zl[i] = z[keep[i]];
    parallel_for(0, k, 32, [&](int64_t j0, int64_t j1) {
      for (int64_t j = j0; j < j1; ++j) lam[j] = secular_root(dl.data(), zl.data(), k, rho, j, DL.data() + j * k);
    });
    // Note [Gu-Eisenstat vectors]: w_i = (d_i - l_i) prod_{j != i} (d_i - l_j) / (d_i - d_j); row j of DL holds d_i - l_j
    w.assign(k, 1.0);
    for (int64_t j = 0; j < k; ++j) {
      const double* Dj = DL.data() + j * k;
      const double dj = dl[j];
      for (int64_t i = 0; i < j; ++i) w[i] *= Dj[i] / (dl[i] - dj);
      for (int64_t i = j + 1; i < k; ++i) w[i] *= Dj[i] / (dl[i] - dj);
      w[j] *= Dj[j];
    }
    for (int64_t i = 0; i < k; ++i) w[i] = std::copysign(std::sqrt(std::max(-w[i], 0.0)), zl[i]);
    int64_t k1 = 0, k2 = 0, at = 0;
    for (int64_t i = 0; i < k; ++i) k1 += type[keep[i]] == 1, k2 += type[keep[i]] == 2;
    for (int8_t ty : {1, 2, 3})
      for (int64_t i = 0; i < k; ++i)
        if (type[keep[i]] == ty) pos[i] = at++;
    for (int64_t j = 0; j < k; ++j) {
      const double* Dj = DL.data() + j * k;
      double* u = UT.data() + j * k;
      for (int64_t i = 0; i < k; ++i) tmp[i] = w[i] / Dj[i];
      double nrm = 0;
      for (int64_t i = 0; i < k; ++i) nrm += tmp[i] * tmp[i];
      const double inv = 1 / std::sqrt(nrm);
      for (int64_t i = 0; i < k; ++i) u[pos[i]] = tmp[i] * inv;
    }
    Qc.resize(n * k), Out.resize(n * n), nd.resize(n);
    for (int64_t r = 0; r < n; ++r)
      for (int64_t i = 0; i < k; ++i) Qc[r * k + pos[i]] = Qb[r * N + keep[i]];
    gemm(false, true, n1, k, k1 + k2, 1.0, Qc.data(), k, UT.data(), k, 0.0, Out.data(), n);
    gemm(false, true, n - n1, k, k - k1, 1.0, Qc.data() + n1 * k + k1, k, UT.data() + k1, k, 0.0, Out.data() + n1 * n, n);
    for (int64_t j = 0; j < k; ++j) nd[j] = lam[j];
    for (int64_t t = 0; t < n - k; ++t) {
      nd[k + t] = db[defl[t]];
      for (int64_t r = 0; r < n; ++r) Out[r * n + k + t] = Qb[r * N + defl[t]];
    }
    for (int64_t r = 0; r < n; ++r) std::copy(Out.data() + r * n, Out.data() + r * n + n, Qb + r * N);
    std::copy(nd.begin(), nd.begin() + n, db);
  }
};

// y += xt row and returns row . x, in one pass over row (the symmetric matvec's row of Note [Blocked sytrd]).
double axpy_dot(int64_t n, const double* row, double xt, const double* x, double* y) {
  const V vx(xt);
  V s0(0.0), s1(0.0);
  int64_t j = 0;
  for (; j + 2 * W <= n; j += 2 * W) {
    const V r0 = V::loadu(row + j), r1 = V::loadu(row + j + W);
    fmadd(vx, r0, V::loadu(y + j)).storeu(y + j);
    fmadd(vx, r1, V::loadu(y + j + W)).storeu(y + j + W);
    s0 = fmadd(r0, V::loadu(x + j), s0);
    s1 = fmadd(r1, V::loadu(x + j + W), s1);
  }
  for (; j < n; j += W) {
    const int c = static_cast<int>(std::min<int64_t>(W, n - j));
    const V r = V::loadu(row + j, c);
    fmadd(vx, r, V::loadu(y + j, c)).storeu(y + j, c);
    s0 = fmadd(r, V::loadu(x + j, c), s0);
  }
  return (s0 + s1).reduce_add();
}

}  // namespace

// Note [Blocked sytrd]: LAPACK's dsytrd/dlatrd on the upper triangle of the row-major a (row i from the
// diagonal on is column i below it, contiguous). Per panel of nb columns, each column is first brought up to
// date with the panel's earlier reflectors (A[i:, i] -= V W[i]^T + W V[i]^T, 2c axpys), then reflected (LAPACK's
// signs), and w = tau (A22 v - W V^T v - V W^T v), w -= (tau/2)(w . v) v, with A22 the trailing matrix as of
// the panel's start: a symmetric matvec reading the upper triangle once (axpy_dot per row). After the panel,
// the trailing matrix takes A22 -= V W^T + W V^T (syr2k) as GEMMs over fixed blocks of 64 rows, each from its
// diagonal on (the blocks' parts below the diagonal are written but never read), as tasks over the threads
// (Note [Thread-count-independent blocks]). The unblocked form it replaced (sytd2 on full storage) made one
// read-write pass over the whole trailing matrix per column; this reads half of it, read-only, and moves
// the rank-2 updates into GEMMs.
void sytrd_upper(double* a, int64_t n, int64_t nb, double* d, double* e, double* H, double* tau) {
  const int64_t n1 = std::max<int64_t>(n - 1, 1);
  thread_local Buf ws;
  ws.resize(static_cast<size_t>(3 * nb * n + 2 * nb));
  double* P = ws.data();  // rows of length n: V (kb rows), W (kb), V again (the syr2k's [W; V] operand)
  double *y1 = P + 3 * nb * n, *y2 = y1 + nb;
  for (int64_t j0 = 0; j0 < n; j0 += nb) {
    const int64_t kb = std::min(nb, n - j0), je = j0 + kb;
    double *Vr = P, *Wr = P + kb * n;
    for (int64_t c = 0; c < kb; ++c) {
      const int64_t i = j0 + c, r = n - i - 1;
      double* row = a + i * n + i;
      for (int64_t l = 0; l < c; ++l) {
        axpy(r + 1, -Wr[l * n + i], Vr + l * n + i, row);
        axpy(r + 1, -Vr[l * n + i], Wr + l * n + i, row);
      }
      d[i] = row[0];
      if (r == 0) continue;
      const double* x = row + 1;
      double *v = Vr + c * n + i + 1, *w = Wr + c * n + i + 1;
      const double alpha = x[0], xn = dot(r - 1, x + 1, x + 1);
      v[0] = 1;
      if (xn == 0) {
        e[i] = alpha, tau[i] = 0;
        std::copy(x + 1, x + r, v + 1);
        std::fill(w, w + r, 0.0);
        continue;
      }
      const double beta = -(alpha >= 0 ? 1 : -1) * std::hypot(alpha, std::sqrt(xn));
      const double t = tau[i] = (beta - alpha) / beta, scale = 1 / (alpha - beta);
      e[i] = beta;
      for (int64_t q = 1; q < r; ++q) H[(i + q) * n1 + i] = v[q] = x[q] * scale;
      std::fill(w, w + r, 0.0);
      for (int64_t q = 0; q < r; ++q) {
        const double* ar = a + (i + 1 + q) * n + i + 1 + q;
        w[q] += ar[0] * v[q] + axpy_dot(r - q - 1, ar + 1, v[q], v + q + 1, w + q + 1);
      }
      for (int64_t l = 0; l < c; ++l) {
        y1[l] = dot(r, Vr + l * n + i + 1, v);
        y2[l] = dot(r, Wr + l * n + i + 1, v);
      }
      for (int64_t l = 0; l < c; ++l) {
        axpy(r, -y1[l], Wr + l * n + i + 1, w);
        axpy(r, -y2[l], Vr + l * n + i + 1, w);
      }
      for (int64_t q = 0; q < r; ++q) w[q] *= t;
      axpy(r, -0.5 * t * dot(r, w, v), v, w);
    }
    if (je >= n) break;
    const int64_t r2 = n - je;
    for (int64_t l = 0; l < kb; ++l) std::copy(Vr + l * n + je, Vr + l * n + n, P + (2 * kb + l) * n + je);
    constexpr int64_t RB = 64;
    double* C = a + je * n + je;
    run_tasks((r2 + RB - 1) / RB, double(r2) * double(r2) * double(kb) >= 5e5, [&](int64_t q) {
      const int64_t p0 = q * RB, p1 = std::min(r2, p0 + RB);
      gemm(true, false, p1 - p0, r2 - p0, 2 * kb, -1.0, P + je + p0, n, P + kb * n + je + p0, n, 1.0, C + p0 * n + p0, n);
    });
  }
}


bool tql2(double* d, double* e, double* Z, int64_t n) {
  Buf cs(static_cast<size_t>(n)), sn(static_cast<size_t>(n));
  double f = 0, tst1 = 0;
  if (n >= 1) e[n - 1] = 0;
  for (int64_t l = 0; l < n; ++l) {
    tst1 = std::max(tst1, std::fabs(d[l]) + std::fabs(e[l]));
    int64_t m = l;
    while (m < n && std::fabs(e[m]) > kEps * tst1) ++m;
    if (m == n) m = n - 1;
    if (m > l) {
      int iter = 0;
      do {
        if (++iter > 60) return false;
        double g = d[l];
        double pp = (d[l + 1] - g) / (2 * e[l]);
        double r = hyp(pp, 1.0);
        if (pp < 0) r = -r;
        d[l] = e[l] / (pp + r);
        d[l + 1] = e[l] * (pp + r);
        const double dl1 = d[l + 1];
        double h = g - d[l];
        for (int64_t i = l + 2; i < n; ++i) d[i] -= h;
        f += h;
        pp = d[m];
        double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const double el1 = e[l + 1];
        for (int64_t i = m - 1; i >= l; --i) {
          c3 = c2, c2 = c, s2 = s;
          g = c * e[i], h = c * pp;
          r = hyp(pp, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r, c = pp / r;
          pp = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          cs[i] = c, sn[i] = s;
        }
        // rows i, i+1 of Z take (c x - s y, s x + c y), i from m-1 down to l, per block of columns
        const int64_t grain = (m - l) * n >= 65536 ? 64 : n;
        parallel_for(0, n, grain, [&](int64_t j0, int64_t j1) { rot_chain(Z, n, l, m, cs.data(), sn.data(), j0, j1); });
        pp = -s * s2 * c3 * el1 * e[l] / dl1;
        e[l] = s * pp;
        d[l] = c * pp;
      } while (std::fabs(e[l]) > kEps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  return true;
}

// dstedc's scaling: the problem runs on T / max|T| (the secular sums and deflation tests assume no overflow).
bool tridiag_eigvecs(double* d, double* e, double* S, int64_t n) {
  std::fill(S, S + n * n, 0.0);
  double nrm = 0;
  for (int64_t i = 0; i < n; ++i) nrm = std::max(nrm, std::fabs(d[i]));
  for (int64_t i = 0; i + 1 < n; ++i) nrm = std::max(nrm, std::fabs(e[i]));
  if (!(nrm > 0) || !std::isfinite(nrm)) nrm = 1;
  for (int64_t i = 0; i < n; ++i) d[i] /= nrm, e[i] /= nrm;
  // the merge buffers stay with the thread for the next call (Note [Decomposition scratch] in linalg_kernels.cc)
  thread_local DivideConquer dc;
  dc.d = d, dc.e = e, dc.Q = S, dc.N = n;
  const bool ok = n == 0 || dc.solve(0, n);
  if (n > 1024) dc = DivideConquer();
  for (int64_t i = 0; i < n; ++i) d[i] *= nrm;
  return ok;
}

}  // namespace TG_CPU_NS
}  // namespace tg
