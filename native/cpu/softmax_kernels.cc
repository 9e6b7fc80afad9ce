// softmax / log_softmax along a dim (max-subtracted) and their backward kernels, on Vec<T> and vec_math.h.
// Compiled once per ISA.
#include "cpu/loops.h"

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
inline Vec<T> tail_mask(int count) {
  return vec_iota<T>().cmp_lt(V<T>(T(count)));
}

template <typename T>
inline T row_max(const T* p, int64_t n) {
  constexpr int64_t W = V<T>::size();
  const T ninf = -std::numeric_limits<T>::infinity();
  V<T> m0(ninf), m1(ninf);
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    m0 = maximum(m0, V<T>::loadu(p + i));
    m1 = maximum(m1, V<T>::loadu(p + i + W));
  }
  for (; i < n; i += W) m0 = maximum(m0, vec_load_fill(p + i, static_cast<int>(std::min(W, n - i)), ninf));
  return maximum(m0, m1).reduce_max();
}

// Note [softmax underflow]: a score far below its row's max (every masked -inf of a causal mask) has an exp
// that underflows, and making a subnormal or zero through the scaling step costs a microcode assist per
// vector while FTZ is off (Node's default): the masked [32, 4, 16, 16] softmax of makemore ran 4x slower than
// the unmasked one. exp_nosub gives vexp's bits exactly: lanes at or below vexp's clamp (kExpLo, where vexp
// returns 0) are set to 0 without computing them, and only a vector with a lane in the subnormal band between
// kExpLo and kNormalLo (rare) goes through vexp as it is.
template <typename T> struct ExpBand;
template <> struct ExpBand<float> {
  static constexpr float kNormalLo = -87.0f;  // exp(-87) = 1.6e-38 > FLT_MIN: normal above
};
template <> struct ExpBand<double> {
  static constexpr double kNormalLo = -708.0;  // exp(-708) = 3.3e-308 > DBL_MIN
};

template <typename T>
inline V<T> exp_nosub(const V<T>& x) {
  const V<T> ok = x.cmp_ge(V<T>(ExpBand<T>::kNormalLo)) | x.is_nan();
  if (V<T>::all(ok)) return vexp(x);
  if (!V<T>::all(ok | x.cmp_le(V<T>(vec_math_detail::K<T>::kExpLo)))) return vexp(x);
  return vexp(V<T>::blendv(V<T>(T(0)), x, ok)) & ok;
}

// Writes exp(x - mx) to out (when out != nullptr) and returns the sum of those exps.
template <typename T>
inline T row_exp_sum(const T* p, T* out, int64_t n, T mx) {
  constexpr int64_t W = V<T>::size();
  const V<T> m(mx);
  V<T> s0(T(0)), s1(T(0));
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    V<T> e0 = exp_nosub(V<T>::loadu(p + i) - m), e1 = exp_nosub(V<T>::loadu(p + i + W) - m);
    if (out) {
      e0.storeu(out + i);
      e1.storeu(out + i + W);
    }
    s0 = s0 + e0;
    s1 = s1 + e1;
  }
  for (; i < n; i += W) {
    const int c = static_cast<int>(std::min(W, n - i));
    V<T> e = exp_nosub(V<T>::loadu(p + i, c) - m);
    if (c < W) e = e & tail_mask<T>(c);
    if (out) e.storeu(out + i, c);
    s0 = s0 + e;
  }
  return (s0 + s1).reduce_add();
}

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
        if (n <= V<T>::size()) {
          // One vector per row (attention over <= 16 positions): the steps of the loops below on one load,
          // so the results are the same bits.
          const int c = static_cast<int>(n);
          const V<T> x = V<T>::loadu(p, c);
          const T mx = maximum(V<T>(-std::numeric_limits<T>::infinity()),
                               vec_load_fill(p, c, -std::numeric_limits<T>::infinity())).reduce_max();
          const V<T> m(mx);
          V<T> e = exp_nosub(x - m);
          if (c < V<T>::size()) e = e & tail_mask<T>(c);
          const T s = (e + V<T>(T(0))).reduce_add();
          if constexpr (kLog) {
            ((x - m) - V<T>(slog(s))).storeu(q, c);
          } else {
            (e / V<T>(s)).storeu(q, c);
          }
          return;
        }
        const T mx = row_max(p, n);
        if constexpr (kLog) {
          const T ls = slog(row_exp_sum<T>(p, nullptr, n, mx));
          const V<T> m(mx), l(ls);
          vec_map(p, q, n, [&](const V<T>& x) { return (x - m) - l; });
        } else {
          const V<T> s(row_exp_sum<T>(p, q, n, mx));
          vec_map(q, q, n, [&](const V<T>& e) { return e / s; });
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
