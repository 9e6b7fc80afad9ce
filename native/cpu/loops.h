// Strided N-d iteration and Vec<T> loop drivers shared by the kernel families; included by ISA-compiled files only.
#pragma once
// NOTE: vec.h first: the AVX-512 header silences a GCC warning inside immintrin.h only if it includes it first.
#include "cpu/vec/vec.h"
#include "cpu/vec/vec_math.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/parallel.h"
#include "cpu/kernel_table.h"

namespace tg {
// Note [ISA-local helpers]: every kernel source is compiled once per instruction set and linked into one
// binary. Inline functions with external linkage would be merged by the linker across ISAs (an AVX-512 copy
// could end up called on a baseline CPU), so helpers included by kernel sources live in an unnamed namespace.
namespace {

inline int64_t numel_of(const Strided& g) {
  int64_t n = 1;
  for (int d = 0; d < g.ndim; ++d) n *= g.shape[d];
  return n;
}

// Calls run(o, off, n, s) for each innermost run of output elements in [begin, end): n elements at output
// offset o (stride 1); off[k] and s[k] (k < N) are the offset and inner stride of input k + 1 (geom operand
// k + 1), strides 0 or 1 for contiguous inputs.
template <int N, typename F>
inline void for_each_run_n(const Strided& g, int64_t begin, int64_t end, const F& run) {
  static_assert(N >= 1 && N < kMaxOperands, "inputs are geom operands 1..kMaxOperands-1");
  int64_t off[N] = {}, s[N];
  if (g.ndim == 0) {
    for (int k = 0; k < N; ++k) s[k] = 0;
    if (begin < end) run(int64_t(0), static_cast<const int64_t*>(off), int64_t(1), static_cast<const int64_t*>(s));
    return;
  }
  const int last = g.ndim - 1;
  const int64_t inner = g.shape[last];
  for (int k = 0; k < N; ++k) s[k] = g.stride[k + 1][last];
  int64_t idx[kMaxDims];
  int64_t rem = begin;
  for (int d = last; d >= 0; --d) {
    idx[d] = rem % g.shape[d];
    rem /= g.shape[d];
    for (int k = 0; k < N; ++k) off[k] += idx[d] * g.stride[k + 1][d];
  }
  int64_t pos = begin;
  while (pos < end) {
    int64_t n = inner - idx[last];
    if (n > end - pos) n = end - pos;
    run(pos, static_cast<const int64_t*>(off), n, static_cast<const int64_t*>(s));
    pos += n;
    if (pos >= end) break;
    // Back to the start of this row, then carry into the outer dims.
    for (int k = 0; k < N; ++k) off[k] -= idx[last] * s[k];
    idx[last] = 0;
    for (int d = last - 1; d >= 0; --d) {
      if (++idx[d] < g.shape[d]) {
        for (int k = 0; k < N; ++k) off[k] += g.stride[k + 1][d];
        break;
      }
      idx[d] = 0;
      for (int k = 0; k < N; ++k) off[k] -= (g.shape[d] - 1) * g.stride[k + 1][d];
    }
  }
}

// Two-input form: run(o, i1, i2, n, s1, s2).
template <typename F>
inline void for_each_run(const Strided& g, int64_t begin, int64_t end, const F& run) {
  for_each_run_n<2>(g, begin, end, [&](int64_t o, const int64_t* off, int64_t n, const int64_t* s) {
    run(o, off[0], off[1], n, s[0], s[1]);
  });
}

// Note [Tiled strided operands]: a binary op whose input is read across its memory order (x.t() + y with the
// output laid out as y, or y + x.t()) would touch one cache line per element in for_each_run's rows. When the
// last dim of the (collapsed) geometry has an input stride other than 0 or 1, the last two dims are cut into
// kTile x kTile tiles: each such input's tile is first copied into a contiguous buffer (read in whichever
// order its strides make sequential, so the copy stays in L1), then every tile row runs as a contiguous
// (stride 0/1) row: row(o, x, sx, y, sy, n) with sx, sy in {0, 1}. Returns false (nothing done) when the
// geometry does not need it. Every element is computed by the same row code as elsewhere, so results do not
// depend on the tiling or the thread split.
constexpr int64_t kTile = 64;

template <typename T>
inline void pack_tile(const T* p, int64_t s0, int64_t s1, int64_t m, int64_t w, T* buf) {
  if ((s0 < 0 ? -s0 : s0) < (s1 < 0 ? -s1 : s1)) {
    for (int64_t j = 0; j < w; ++j)
      for (int64_t i = 0; i < m; ++i) buf[i * kTile + j] = p[i * s0 + j * s1];
  } else {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < w; ++j) buf[i * kTile + j] = p[i * s0 + j * s1];
  }
}

template <typename T, typename R, typename F>
inline bool for_each_tile2(const Strided& g, const T* a, const T* b, R* out, const F& row) {
  if (g.ndim < 2) return false;
  const int last = g.ndim - 1;
  const int64_t sa = g.stride[1][last], sb = g.stride[2][last];
  const bool ta = sa != 0 && sa != 1, tb = sb != 0 && sb != 1;
  const int64_t rows = g.shape[last - 1], cols = g.shape[last];
  if ((!ta && !tb) || rows < 16 || cols < 16) return false;
  const int64_t tr = (rows + kTile - 1) / kTile, tc = (cols + kTile - 1) / kTile;
  int64_t batch = 1;
  for (int d = 0; d < last - 1; ++d) batch *= g.shape[d];
  parallel_for(0, batch * tr * tc, std::max<int64_t>(1, kGrainSize / (kTile * kTile)), [&](int64_t begin, int64_t end) {
    std::vector<T> bufa(ta ? kTile * kTile : 0), bufb(tb ? kTile * kTile : 0);
    for (int64_t t = begin; t < end; ++t) {
      int64_t rem = t / (tr * tc), oa = 0, ob = 0;
      for (int d = last - 2; d >= 0; --d) {
        const int64_t id = rem % g.shape[d];
        rem /= g.shape[d];
        oa += id * g.stride[1][d];
        ob += id * g.stride[2][d];
      }
      const int64_t i0 = (t % (tr * tc)) / tc * kTile, j0 = t % tc * kTile;
      const int64_t m = std::min(kTile, rows - i0), w = std::min(kTile, cols - j0);
      const T* pa = a + oa + i0 * g.stride[1][last - 1] + j0 * sa;
      const T* pb = b + ob + i0 * g.stride[2][last - 1] + j0 * sb;
      if (ta) pack_tile(pa, g.stride[1][last - 1], sa, m, w, bufa.data());
      if (tb) pack_tile(pb, g.stride[2][last - 1], sb, m, w, bufb.data());
      R* po = out + (t / (tr * tc)) * rows * cols + i0 * cols + j0;
      for (int64_t i = 0; i < m; ++i)
        row(po + i * cols, ta ? bufa.data() + i * kTile : pa + i * g.stride[1][last - 1], ta ? int64_t(1) : sa,
            tb ? bufb.data() + i * kTile : pb + i * g.stride[2][last - 1], tb ? int64_t(1) : sb, w);
    }
  });
  return true;
}

}  // namespace

namespace TG_CPU_NS {
namespace {

// Note [Vec loops]: the elementwise drivers below run every element through the Vec lambda, the last partial
// vector through loadu(p, count)/storeu(p, count). The Vec math is lane-wise, so an element's result does not
// depend on where a thread's chunk starts or ends: results are bit-identical for any thread count.

// out[i] = f(a[i]) for i < n.
template <typename T, typename F>
inline void vec_map(const T* a, T* out, int64_t n, const F& f) {
  using V = Vec<T>;
  constexpr int64_t W = V::size();
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    V x0 = V::loadu(a + i), x1 = V::loadu(a + i + W);
    f(x0).storeu(out + i);
    f(x1).storeu(out + i + W);
  }
  for (; i < n; i += W) {
    const int c = static_cast<int>(n - i < W ? n - i : W);
    f(V::loadu(a + i, c)).storeu(out + i, c);
  }
}

// out[i] = f(a[i * sa], b[i * sb]) for i < n with sa, sb in {0, 1} (0 broadcasts element 0).
template <typename T, typename F>
inline void vec_map2(const T* a, int64_t sa, const T* b, int64_t sb, T* out, int64_t n, const F& f) {
  using V = Vec<T>;
  constexpr int64_t W = V::size();
  auto body = [&](auto load_a, auto load_b) {
    int64_t i = 0;
    for (; i + 2 * W <= n; i += 2 * W) {
      f(load_a(i, int(W)), load_b(i, int(W))).storeu(out + i);
      f(load_a(i + W, int(W)), load_b(i + W, int(W))).storeu(out + i + W);
    }
    for (; i < n; i += W) {
      const int c = static_cast<int>(n - i < W ? n - i : W);
      f(load_a(i, c), load_b(i, c)).storeu(out + i, c);
    }
  };
  auto full_a = [&](int64_t i, int c) { return c == W ? V::loadu(a + i) : V::loadu(a + i, c); };
  auto full_b = [&](int64_t i, int c) { return c == W ? V::loadu(b + i) : V::loadu(b + i, c); };
  if (sa == 1 && sb == 1) {
    body(full_a, full_b);
  } else if (sa == 1) {
    const V bv(b[0]);
    body(full_a, [&](int64_t, int) { return bv; });
  } else if (sb == 1) {
    const V av(a[0]);
    body([&](int64_t, int) { return av; }, full_b);
  } else {
    const V av(a[0]), bv(b[0]);
    body([&](int64_t, int) { return av; }, [&](int64_t, int) { return bv; });
  }
}

// Lanes 0, 1, 2, ... as T (indices and tail masks).
template <typename T>
inline Vec<T> vec_iota() {
  T buf[Vec<T>::size()];
  for (int i = 0; i < Vec<T>::size(); ++i) buf[i] = T(i);
  return Vec<T>::loadu(buf);
}

// x in lanes < count, fill elsewhere.
template <typename T>
inline Vec<T> vec_load_fill(const T* p, int count, T fill) {
  using V = Vec<T>;
  if (count >= V::size()) return V::loadu(p);
  return V::blendv(V(fill), V::loadu(p, count), vec_iota<T>().cmp_lt(V(T(count))));
}

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
