// layer_norm's forward and backward over rows of n contiguous elements, on Vec<T>. Compiled once per ISA.
#include "cpu/loops.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace tg {
namespace TG_CPU_NS {
namespace {

template <typename T> using V = Vec<T>;

// Note [layer_norm rows]: each row is normalized by one thread, in a fixed order (Vec lanes, then the scalar
// tail), so results do not depend on the thread count. The statistics are two-pass (mean, then the mean of
// (x - mean)^2), and y = (x - mean) rstd w + b, as lib/ops/norm.ts's reference: PyTorch's CPU kernel folds it
// into x (rstd w) + (b - mean rstd w), which cancels for rows far from zero mean.

template <typename T>
inline T row_sum(const T* p, int64_t n) {
  constexpr int64_t W = V<T>::size();
  V<T> s0(T(0)), s1(T(0));
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    s0 = s0 + V<T>::loadu(p + i);
    s1 = s1 + V<T>::loadu(p + i + W);
  }
  T s = (s0 + s1).reduce_add();
  for (; i < n; ++i) s += p[i];
  return s;
}

// mean and 1 / sqrt(var + eps) of one row (biased variance).
template <typename T>
inline void row_stats(const T* p, int64_t n, double eps, T* mean, T* rstd) {
  constexpr int64_t W = V<T>::size();
  const T mu = row_sum(p, n) / T(n);
  const V<T> m(mu);
  V<T> s0(T(0));
  int64_t i = 0;
  for (; i + W <= n; i += W) {
    const V<T> d = V<T>::loadu(p + i) - m;
    s0 = fmadd(d, d, s0);
  }
  T v = s0.reduce_add();
  for (; i < n; ++i) v += (p[i] - mu) * (p[i] - mu);
  *mean = mu;
  *rstd = T(1) / std::sqrt(v / T(n) + T(eps));
}

template <typename T>
void layer_norm_kernel(const void* x_, const void* w_, const void* b_, void* y_, void* stats_, int64_t rows, int64_t n, double eps) {
  const T *x = static_cast<const T*>(x_), *w = static_cast<const T*>(w_), *b = static_cast<const T*>(b_);
  T *y = static_cast<T*>(y_), *stats = static_cast<T*>(stats_);
  if (rows == 0 || n == 0) return;
  constexpr int64_t W = V<T>::size();
  parallel_for(0, rows, std::max<int64_t>(1, kGrainSize / n), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const T* p = x + r * n;
      T* q = y + r * n;
      T mu, rs;
      row_stats(p, n, eps, &mu, &rs);
      if (stats != nullptr) {
        stats[r] = mu;
        stats[rows + r] = rs;
      }
      const V<T> m(mu), s(rs);
      int64_t i = 0;
      for (; i + W <= n; i += W) {
        V<T> v = (V<T>::loadu(p + i) - m) * s;
        if (w != nullptr) v = v * V<T>::loadu(w + i);
        if (b != nullptr) v = v + V<T>::loadu(b + i);
        v.storeu(q + i);
      }
      for (; i < n; ++i) {
        T v = (p[i] - mu) * rs;
        if (w != nullptr) v *= w[i];
        if (b != nullptr) v += b[i];
        q[i] = v;
      }
    }
  });
}

// Note [layer_norm backward blocks]: one pass over the rows computes dx and the partial sums of dw = sum of
// g xhat and db = sum of g: rows go in blocks of kRowBlock (a constant, not a thread count), each block summed
// by one thread in row order into its own partial row, and the partial rows are then added in block order per
// column. So the sums do not depend on the thread count, and x and g are read once (the former kernel
// re-read both column tile by column tile for dw and db). g's rows are gs elements apart: gs = n for a
// contiguous grad, 0 for one row broadcast over all (sum()'s grad, expanded: no gathered copy of it).
constexpr int64_t kRowBlock = 16;

// Note [layer_norm saved stats]: the forward can write each row's mean and rstd (2 rows values, as PyTorch's
// NativeLayerNormBackward0 saves them), and the backward then reads them instead of two more passes over each
// row for row_stats. Both come from the same row_stats call on the same row, so the backward's results are the
// same bits either way (fused_kernels.test.ts compares them).

// dx = rstd (gw - mean(gw) - xhat mean(gw xhat)) with gw = g w and xhat = (x - mean) rstd, per row.
template <typename T>
void layer_norm_backward_kernel(const void* g_, int64_t gs, const void* x_, const void* w_, const void* stats_, void* dx_, void* dw_,
                                void* db_, int64_t rows, int64_t n, double eps) {
  const T *g = static_cast<const T*>(g_), *x = static_cast<const T*>(x_), *w = static_cast<const T*>(w_);
  const T* stats = static_cast<const T*>(stats_);
  T *dx = static_cast<T*>(dx_), *dw = static_cast<T*>(dw_), *db = static_cast<T*>(db_);
  if (n == 0) return;
  constexpr int64_t W = V<T>::size();
  const bool sums = dw != nullptr || db != nullptr;
  const int64_t blocks = (rows + kRowBlock - 1) / kRowBlock;
  // per block: the partial dw row then the partial db row (value-initialized: zeros)
  std::vector<T> part(sums ? blocks * 2 * n : 0);
  parallel_for(0, blocks, std::max<int64_t>(1, kGrainSize / (kRowBlock * n)), [&](int64_t b0, int64_t b1) {
    for (int64_t blk = b0; blk < b1; ++blk) {
      T* pw = sums ? part.data() + blk * 2 * n : nullptr;
      T* pb = sums ? pw + n : nullptr;
      for (int64_t r = blk * kRowBlock, r1 = std::min(rows, r + kRowBlock); r < r1; ++r) {
        const T *p = x + r * n, *gr = g + r * gs;
        T mu, rs;
        if (stats != nullptr) {
          mu = stats[r];
          rs = stats[rows + r];
        } else {
          row_stats(p, n, eps, &mu, &rs);
        }
        const V<T> m(mu), s(rs);
        T mg = 0, mgx = 0;
        if (dx != nullptr) {
          V<T> a0(T(0)), a1(T(0));
          int64_t i = 0;
          for (; i + W <= n; i += W) {
            V<T> gw = V<T>::loadu(gr + i);
            if (w != nullptr) gw = gw * V<T>::loadu(w + i);
            a0 = a0 + gw;
            a1 = fmadd(gw, (V<T>::loadu(p + i) - m) * s, a1);
          }
          T sg = a0.reduce_add(), sgx = a1.reduce_add();
          for (; i < n; ++i) {
            const T gw = w != nullptr ? gr[i] * w[i] : gr[i];
            sg += gw;
            sgx += gw * ((p[i] - mu) * rs);
          }
          mg = sg / T(n);
          mgx = sgx / T(n);
        }
        const V<T> vmg(mg), vmgx(mgx);
        T* q = dx != nullptr ? dx + r * n : nullptr;
        int64_t i = 0;
        for (; i + W <= n; i += W) {
          const V<T> gv = V<T>::loadu(gr + i), xh = (V<T>::loadu(p + i) - m) * s;
          if (q != nullptr) {
            const V<T> gw = w != nullptr ? gv * V<T>::loadu(w + i) : gv;
            (s * (gw - vmg - xh * vmgx)).storeu(q + i);
          }
          if (sums) {
            fmadd(gv, xh, V<T>::loadu(pw + i)).storeu(pw + i);
            (V<T>::loadu(pb + i) + gv).storeu(pb + i);
          }
        }
        for (; i < n; ++i) {
          const T xh = (p[i] - mu) * rs;
          if (q != nullptr) {
            const T gw = w != nullptr ? gr[i] * w[i] : gr[i];
            q[i] = rs * (gw - mg - xh * mgx);
          }
          if (sums) {
            pw[i] += gr[i] * xh;
            pb[i] += gr[i];
          }
        }
      }
    }
  });
  if (!sums) return;
  // the partial rows added in block order, columns in tiles of W split over the threads
  const int64_t tiles = (n + W - 1) / W;
  parallel_for(0, tiles, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, blocks * W)), [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t c0 = t * W;
      const int c = static_cast<int>(std::min(W, n - c0));
      V<T> aw(T(0)), ab(T(0));
      for (int64_t blk = 0; blk < blocks; ++blk) {
        aw = aw + V<T>::loadu(part.data() + blk * 2 * n + c0, c);
        ab = ab + V<T>::loadu(part.data() + blk * 2 * n + n + c0, c);
      }
      if (dw != nullptr) aw.storeu(dw + c0, c);
      if (db != nullptr) ab.storeu(db + c0, c);
    }
  });
}

}  // namespace

void register_norm_kernels(KernelTable& t) {
  t.layer_norm[int(DType::Float32)] = &layer_norm_kernel<float>;
  t.layer_norm[int(DType::Float64)] = &layer_norm_kernel<double>;
  t.layer_norm_backward[int(DType::Float32)] = &layer_norm_backward_kernel<float>;
  t.layer_norm_backward[int(DType::Float64)] = &layer_norm_backward_kernel<double>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
