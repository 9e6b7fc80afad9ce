// argmax / argmin along one dim (KernelTable::argmax/argmin): a Vec scan of each contiguous row, or lanes
// across the inner positions of a strided dim. Included by reduce_kernels.cc only.
#pragma once
#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "cpu/loops.h"

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

// Note [argmax semantics]: first occurrence of the extreme; a NaN counts as the extreme, so the first NaN wins
// (PyTorch). Lanes see increasing indices and only replace on a strict improvement (or a first NaN), so each
// lane holds the first occurrence of its own extreme; lanes then merge by (NaN, value, lowest index).

template <bool kMax, typename T>
inline bool better(T x, T best) {
  if (best != best) return false;
  if (x != x) return true;
  return kMax ? x > best : x < best;
}

// Row scan of n contiguous values from index 0.
template <bool kMax, typename T>
int64_t arg_row(const T* p, int64_t n) {
  int64_t bi = 0;
  T bv = p[0];
  int64_t i = 1;
  if constexpr (std::is_floating_point<T>::value) {
    constexpr int W = Vec<T>::size();
    // Lane indices are held as T: exact below 2^24 (float) / 2^53 (double).
    const int64_t exact = int64_t(1) << (std::numeric_limits<T>::digits - 1);
    if (n >= 2 * W && n < exact) {
      Vec<T> best = Vec<T>::loadu(p), idx = vec_iota<T>(), cur = idx;
      const Vec<T> step{T(W)};
      i = W;
      for (; i + W <= n; i += W) {
        cur = cur + step;
        Vec<T> x = Vec<T>::loadu(p + i);
        Vec<T> take = (kMax ? x.cmp_gt(best) : x.cmp_lt(best)) | andnot(x.is_nan(), best.is_nan());
        best = Vec<T>::blendv(best, x, take);
        idx = Vec<T>::blendv(idx, cur, take);
      }
      bv = best[0];
      bi = static_cast<int64_t>(idx[0]);
      for (int l = 1; l < W; ++l) {
        const T v = best[l];
        const int64_t li = static_cast<int64_t>(idx[l]);
        if (better<kMax>(v, bv) || (li < bi && (v == bv || (v != v && bv != bv)))) {
          bv = v;
          bi = li;
        }
      }
    }
  }
  for (; i < n; ++i)
    if (better<kMax>(p[i], bv)) {
      bv = p[i];
      bi = i;
    }
  return bi;
}

template <typename T>
constexpr int64_t arg_lanes() {
  if constexpr (std::is_floating_point<T>::value) return Vec<T>::size();
  else return 16;
}

template <bool kMax, typename T>
void arg_kernel(const void* a_, int64_t* out, int64_t outer, int64_t n, int64_t inner) {
  const T* a = static_cast<const T*>(a_);
  if (inner == 1) {
    parallel_for(0, outer, std::max<int64_t>(1, kGrainSize / n), [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o) out[o] = arg_row<kMax>(a + o * n, n);
    });
    return;
  }
  // Along a strided dim: lanes span the inner positions, rows are scanned in order.
  constexpr int64_t W = arg_lanes<T>();
  const int64_t tiles = (inner + W - 1) / W;
  parallel_for(0, outer * tiles, std::max<int64_t>(1, kGrainSize / (n * W)), [&](int64_t b, int64_t e) {
    for (int64_t it = b; it < e; ++it) {
      const int64_t o = it / tiles, i0 = (it % tiles) * W, c = std::min(W, inner - i0);
      const T* base = a + o * n * inner + i0;
      int64_t* dst = out + o * inner + i0;
      if constexpr (std::is_floating_point<T>::value) {
        const int64_t exact = int64_t(1) << (std::numeric_limits<T>::digits - 1);
        if (n < exact) {
          const int ci = static_cast<int>(c);
          Vec<T> best = Vec<T>::loadu(base, ci), idx(T(0));
          for (int64_t r = 1; r < n; ++r) {
            Vec<T> x = Vec<T>::loadu(base + r * inner, ci);
            Vec<T> take = (kMax ? x.cmp_gt(best) : x.cmp_lt(best)) | andnot(x.is_nan(), best.is_nan());
            best = Vec<T>::blendv(best, x, take);
            idx = Vec<T>::blendv(idx, Vec<T>(T(r)), take);
          }
          for (int64_t l = 0; l < c; ++l) dst[l] = static_cast<int64_t>(idx[static_cast<int>(l)]);
          continue;
        }
      }
      for (int64_t l = 0; l < c; ++l) {
        T bv = base[l];
        int64_t bi = 0;
        for (int64_t r = 1; r < n; ++r)
          if (better<kMax>(base[r * inner + l], bv)) {
            bv = base[r * inner + l];
            bi = r;
          }
        dst[l] = bi;
      }
    }
  });
}

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
