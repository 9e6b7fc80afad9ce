// softmax / log_softmax along a dim (max-subtracted) and their backward kernels, on Vec<T> and vec_math.h.
// Compiled once per ISA.
#include "cpu/loops.h"
#include "cpu/softmax_row.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace tg {
namespace TG_CPU_NS {
namespace {

template <typename T> using V = Vec<T>;

// Note [softmax layout]: the input is viewed as [outer, n, inner] with the softmax dim in the middle. For
// inner == 1 each row is contiguous and the Vec runs along it (tails zero/-inf filled so they do not count).
// Otherwise the Vec runs across W adjacent inner positions and walks the n rows, so every lane is an
// independent softmax. Each row (or lane tile) is handled by one thread: results do not depend on threads.

template <typename T>
inline T row_dot(const T* a, const T* b, int64_t n) {
  constexpr int64_t W = V<T>::size();
  V<T> s0(T(0)), s1(T(0));
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    s0 = fmadd(V<T>::loadu(a + i), V<T>::loadu(b + i), s0);
    s1 = fmadd(V<T>::loadu(a + i + W), V<T>::loadu(b + i + W), s1);
  }
  for (; i < n; i += W) {
    const int c = static_cast<int>(std::min(W, n - i));
    s0 = fmadd(V<T>::loadu(a + i, c), V<T>::loadu(b + i, c), s0);
  }
  return (s0 + s1).reduce_add();
}

template <typename T>
inline T row_sum(const T* a, int64_t n) {
  constexpr int64_t W = V<T>::size();
  V<T> s0(T(0)), s1(T(0));
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    s0 = s0 + V<T>::loadu(a + i);
    s1 = s1 + V<T>::loadu(a + i + W);
  }
  for (; i < n; i += W) s0 = s0 + V<T>::loadu(a + i, static_cast<int>(std::min(W, n - i)));
  return (s0 + s1).reduce_add();
}

// Runs row(o) for each contiguous row, or tile(o, i0, c) for each group of c <= W inner positions.
template <typename T, typename Row, typename Tile>
inline void for_each_softmax_slice(int64_t outer, int64_t n, int64_t inner, const Row& row, const Tile& tile) {
  constexpr int64_t W = V<T>::size();
  if (inner == 1) {
    parallel_for(0, outer, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, n)), [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o) row(o);
    });
    return;
  }
  const int64_t tiles = (inner + W - 1) / W;
  parallel_for(0, outer * tiles, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, n * W)),
               [&](int64_t b, int64_t e) {
                 for (int64_t it = b; it < e; ++it) {
                   const int64_t o = it / tiles, i0 = (it % tiles) * W;
                   tile(o, i0, static_cast<int>(std::min(W, inner - i0)));
                 }
               });
}

template <bool kLog, typename T>
void softmax_kernel(const void* a_, void* out_, int64_t outer, int64_t n, int64_t inner) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  if (outer == 0 || n == 0 || inner == 0) return;
  for_each_softmax_slice<T>(
      outer, n, inner,
      [&](int64_t o) {
        const T* p = a + o * n;
        T* q = out + o * n;
        if constexpr (kLog) {
          const T mx = row_max(p, n);
          const T ls = slog(row_exp_sum<T>(p, nullptr, n, mx));
          const V<T> m(mx), l(ls);
          vec_map(p, q, n, [&](const V<T>& x) { return (x - m) - l; });
        } else {
          softmax_row(p, q, n);
        }
      },
      [&](int64_t o, int64_t i0, int c) {
        const T* p = a + o * n * inner + i0;
        T* q = out + o * n * inner + i0;
        V<T> m(-std::numeric_limits<T>::infinity());
        for (int64_t r = 0; r < n; ++r) m = maximum(m, V<T>::loadu(p + r * inner, c));
        V<T> s(T(0));
        for (int64_t r = 0; r < n; ++r) {
          V<T> e = exp_nosub(V<T>::loadu(p + r * inner, c) - m);
          if constexpr (!kLog) e.storeu(q + r * inner, c);
          s = s + e;
        }
        if constexpr (kLog) {
          const V<T> l = vlog(s);
          for (int64_t r = 0; r < n; ++r) ((V<T>::loadu(p + r * inner, c) - m) - l).storeu(q + r * inner, c);
        } else {
          for (int64_t r = 0; r < n; ++r) (V<T>::loadu(q + r * inner, c) / s).storeu(q + r * inner, c);
        }
      });
}

// softmax: (g - sum(g * y)) * y; log_softmax: g - exp(y) * sum(g).
template <bool kLog, typename T>
void softmax_backward_kernel(const void* g_, const void* y_, void* out_, int64_t outer, int64_t n, int64_t inner) {
  const T* g = static_cast<const T*>(g_);
  const T* y = static_cast<const T*>(y_);
  T* out = static_cast<T*>(out_);
  if (outer == 0 || n == 0 || inner == 0) return;
  for_each_softmax_slice<T>(
      outer, n, inner,
      [&](int64_t o) {
        const T* gp = g + o * n;
        const T* yp = y + o * n;
        T* q = out + o * n;
        if constexpr (kLog) {
          const V<T> s(row_sum(gp, n));
          vec_map2(gp, 1, yp, 1, q, n, [&](const V<T>& gv, const V<T>& yv) { return gv - vexp(yv) * s; });
        } else {
          const V<T> d(row_dot(gp, yp, n));
          vec_map2(gp, 1, yp, 1, q, n, [&](const V<T>& gv, const V<T>& yv) { return (gv - d) * yv; });
        }
      },
      [&](int64_t o, int64_t i0, int c) {
        const int64_t base = o * n * inner + i0;
        V<T> s(T(0));
        for (int64_t r = 0; r < n; ++r) {
          const V<T> gv = V<T>::loadu(g + base + r * inner, c);
          s = kLog ? s + gv : fmadd(gv, V<T>::loadu(y + base + r * inner, c), s);
        }
        for (int64_t r = 0; r < n; ++r) {
          const int64_t k = base + r * inner;
          const V<T> gv = V<T>::loadu(g + k, c), yv = V<T>::loadu(y + k, c);
          (kLog ? gv - vexp(yv) * s : (gv - s) * yv).storeu(out + k, c);
        }
      });
}

template <typename T>
void set_typed(KernelTable& t, DType d) {
  t.softmax[0][int(d)] = &softmax_kernel<false, T>;
  t.softmax[1][int(d)] = &softmax_kernel<true, T>;
  t.softmax_backward[0][int(d)] = &softmax_backward_kernel<false, T>;
  t.softmax_backward[1][int(d)] = &softmax_backward_kernel<true, T>;
}

}  // namespace

void register_softmax_kernels(KernelTable& t) {
  set_typed<float>(t, DType::Float32);
  set_typed<double>(t, DType::Float64);
}

}  // namespace TG_CPU_NS
}  // namespace tg
