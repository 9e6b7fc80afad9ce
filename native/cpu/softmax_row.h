// One softmax row on Vec<T> (max, exp without subnormal intermediates, sum, divide), shared by the softmax and
// attention kernels; included by ISA-compiled files only.
#pragma once
#include "cpu/loops.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace tg {
namespace TG_CPU_NS {
namespace {  // Note [ISA-local helpers] (loops.h)

template <typename T>
inline Vec<T> tail_mask(int count) {
  return vec_iota<T>().cmp_lt(Vec<T>(T(count)));
}

template <typename T>
inline T row_max(const T* p, int64_t n) {
  constexpr int64_t W = Vec<T>::size();
  const T ninf = -std::numeric_limits<T>::infinity();
  Vec<T> m0(ninf), m1(ninf);
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    m0 = maximum(m0, Vec<T>::loadu(p + i));
    m1 = maximum(m1, Vec<T>::loadu(p + i + W));
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
inline Vec<T> exp_nosub(const Vec<T>& x) {
  using V = Vec<T>;
  const V ok = x.cmp_ge(V(ExpBand<T>::kNormalLo)) | x.is_nan();
  if (V::all(ok)) return vexp(x);
  if (!V::all(ok | x.cmp_le(V(vec_math_detail::K<T>::kExpLo)))) return vexp(x);
  return vexp(V::blendv(V(T(0)), x, ok)) & ok;
}

// Writes exp(x - mx) to out (when out != nullptr) and returns the sum of those exps.
template <typename T>
inline T row_exp_sum(const T* p, T* out, int64_t n, T mx) {
  constexpr int64_t W = Vec<T>::size();
  const Vec<T> m(mx);
  Vec<T> s0(T(0)), s1(T(0));
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    Vec<T> e0 = exp_nosub(Vec<T>::loadu(p + i) - m), e1 = exp_nosub(Vec<T>::loadu(p + i + W) - m);
    if (out) {
      e0.storeu(out + i);
      e1.storeu(out + i + W);
    }
    s0 = s0 + e0;
    s1 = s1 + e1;
  }
  for (; i < n; i += W) {
    const int c = static_cast<int>(std::min(W, n - i));
    Vec<T> e = exp_nosub(Vec<T>::loadu(p + i, c) - m);
    if (c < W) e = e & tail_mask<T>(c);
    if (out) e.storeu(out + i, c);
    s0 = s0 + e;
  }
  return (s0 + s1).reduce_add();
}

// softmax of one contiguous row of n >= 1 elements into q (q may be p). When lse is not null it gets the row's
// log-sum-exp, max + log(sum of exp(x - max)) (the attention kernels' saved statistic).
template <typename T>
inline void softmax_row(const T* p, T* q, int64_t n, T* lse = nullptr) {
  using V = Vec<T>;
  constexpr T ninf = -std::numeric_limits<T>::infinity();
  T mx, s;
  if (n <= V::size()) {
    // One vector per row (attention over <= 16 positions): the steps of the loops below on one load, so the
    // results are the same bits.
    const int c = static_cast<int>(n);
    mx = maximum(V(ninf), vec_load_fill(p, c, ninf)).reduce_max();
    V e = exp_nosub(V::loadu(p, c) - V(mx));
    if (c < V::size()) e = e & tail_mask<T>(c);
    s = (e + V(T(0))).reduce_add();
    (e / V(s)).storeu(q, c);
  } else {
    mx = row_max(p, n);
    s = row_exp_sum<T>(p, q, n, mx);
    const V sv(s);
    vec_map(q, q, n, [&](const V& e) { return e / sv; });
  }
  if (lse != nullptr) *lse = mx + slog(s);
}

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
