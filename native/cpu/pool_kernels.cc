// Pooling and per-channel normalization kernels (lib/ops/pooling.ts, lib/ops/normalization.ts), float32 and
// float64. Compiled once per ISA.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>

#include "cpu/kernel_table.h"
#include "cpu/loops.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

template <typename T> using V = Vec<T>;

// Note [Max-pool kernel]: windows of a strided pooling do not map onto Vec lanes (a 2x2 stride-2 window reads
// every other element), so the max runs as scalar loops; each thread takes whole planes. Same semantics as
// PyTorch's cpu_max_pool and lib/ops/pooling.ts: the first maximum of the window, a NaN wins (the last one),
// the index h * W + w within the unpadded plane.
//
// Note [Max-pool 2x2 stride 2]: the CNN's pooling (2 x 2 windows, stride 2, no padding, every window inside the
// plane) runs as its own loop over output rows, without the generic loop's per-window bounds, and, when no grad
// will need them, without the indices (idx null, lib/ops/pooling.ts). Its comparisons are `v > m` selects in the
// generic loop's order (a, b, c, d of the window from a: equal to starting from -inf with a's index), which
// compile to max/cmov without branches; the NaN rule (a NaN wins, the last one) would need an unordered test per
// value, which GCC compiles to mispredicted branches (measured 3x slower on random data), so a window whose sum
// is NaN (a NaN in it, or inf - inf) is redone by the generic rule instead. Same values and indices as the
// generic loop.
template <typename T>
inline void max_window_nan(const T (&v)[4], const int64_t (&at)[4], T& mv, int64_t& mi) {
  mv = -std::numeric_limits<T>::infinity();
  mi = at[0];
  for (int j = 0; j < 4; ++j)
    if (v[j] > mv || v[j] != v[j]) {
      mv = v[j];
      mi = at[j];
    }
}

template <typename T>
void max_pool2x2_plane(const T* xp, T* op, int64_t* ip, const PoolGeom2d& g) {
  for (int64_t oh = 0; oh < g.Ho; ++oh) {
    const T* r0 = xp + 2 * oh * g.W;
    const T* r1 = r0 + g.W;
    T* o = op + oh * g.Wo;
    if (ip == nullptr) {
      for (int64_t ow = 0; ow < g.Wo; ++ow) {
        const T v[4] = {r0[2 * ow], r0[2 * ow + 1], r1[2 * ow], r1[2 * ow + 1]};
        T mv = v[0];
        for (int j = 1; j < 4; ++j) mv = v[j] > mv ? v[j] : mv;
        const T sum = (v[0] + v[1]) + (v[2] + v[3]);
        if (__builtin_expect(sum != sum, 0)) {
          int64_t unused;
          max_window_nan(v, {0, 1, 2, 3}, mv, unused);
        }
        o[ow] = mv;
      }
      continue;
    }
    int64_t* io = ip + oh * g.Wo;
    for (int64_t ow = 0; ow < g.Wo; ++ow) {
      const T v[4] = {r0[2 * ow], r0[2 * ow + 1], r1[2 * ow], r1[2 * ow + 1]};
      T mv = v[0];
      for (int j = 1; j < 4; ++j) mv = v[j] > mv ? v[j] : mv;
      // the first of the window equal to its maximum, found without branches (bit 3: d, when none before is)
      const unsigned eq = unsigned(v[0] == mv) | unsigned(v[1] == mv) << 1 | unsigned(v[2] == mv) << 2 | 8u;
      const int j = __builtin_ctz(eq);
      const int64_t a = 2 * oh * g.W + 2 * ow;
      int64_t mi = a + (j & 1) + (j >> 1) * g.W;
      const T sum = (v[0] + v[1]) + (v[2] + v[3]);
      if (__builtin_expect(sum != sum, 0)) max_window_nan(v, {a, a + 1, a + g.W, a + g.W + 1}, mv, mi);
      o[ow] = mv;
      io[ow] = mi;
    }
  }
}

template <typename T>
void max_pool2d_kernel(const void* x_, void* out_, int64_t* idx, const PoolGeom2d& g) {
  const T* x = static_cast<const T*>(x_);
  T* out = static_cast<T*>(out_);
  const int64_t plane_in = g.H * g.W, plane_out = g.Ho * g.Wo;
  const bool k2 = g.kH == 2 && g.kW == 2 && g.dH == 1 && g.dW == 1;
  const bool fast = k2 && g.sH == 2 && g.sW == 2 && g.pH == 0 && g.pW == 0 && 2 * g.Ho <= g.H && 2 * g.Wo <= g.W;
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, plane_in)), [&](int64_t b, int64_t e) {
    for (int64_t pl = b; pl < e; ++pl) {
      const T* xp = x + pl * plane_in;
      T* op = out + pl * plane_out;
      int64_t* ip = idx == nullptr ? nullptr : idx + pl * plane_out;
      if (fast) {
        max_pool2x2_plane(xp, op, ip, g);
        continue;
      }
      for (int64_t oh = 0; oh < g.Ho; ++oh) {
        int64_t h0 = oh * g.sH - g.pH;
        const int64_t h1 = std::min(h0 + (g.kH - 1) * g.dH + 1, g.H);
        while (h0 < 0) h0 += g.dH;
        for (int64_t ow = 0; ow < g.Wo; ++ow) {
          int64_t w0 = ow * g.sW - g.pW;
          const int64_t w1 = std::min(w0 + (g.kW - 1) * g.dW + 1, g.W);
          while (w0 < 0) w0 += g.dW;
          int64_t mi = h0 * g.W + w0;
          T mv = -std::numeric_limits<T>::infinity();
          if (k2 && h1 - h0 == 2 && w1 - w0 == 2) {
            // the common 2 x 2 window, unrolled in the generic loop's order
            const T* r0 = xp + h0 * g.W + w0;
            const T* r1 = r0 + g.W;
            const T v[4] = {r0[0], r0[1], r1[0], r1[1]};
            const int64_t at[4] = {h0 * g.W + w0, h0 * g.W + w0 + 1, (h0 + 1) * g.W + w0, (h0 + 1) * g.W + w0 + 1};
            for (int j = 0; j < 4; ++j) {
              // branch-free: on random data the comparison is a coin flip the predictor loses
              const bool take = (v[j] > mv) | (v[j] != v[j]);
              mv = take ? v[j] : mv;
              mi = take ? at[j] : mi;
            }
            op[oh * g.Wo + ow] = mv;
            if (ip != nullptr) ip[oh * g.Wo + ow] = static_cast<int64_t>(mi);
            continue;
          }
          for (int64_t ih = h0; ih < h1; ih += g.dH) {
            const T* row = xp + ih * g.W;
            for (int64_t iw = w0; iw < w1; iw += g.dW) {
              const T v = row[iw];
              const bool take = (v > mv) | (v != v);
              mv = take ? v : mv;
              mi = take ? ih * g.W + iw : mi;
            }
          }
          op[oh * g.Wo + ow] = mv;
          if (ip != nullptr) ip[oh * g.Wo + ow] = static_cast<int64_t>(mi);
        }
      }
    }
  });
}

// Note [Max-pool backward]: gx = zeros, then gx[plane, idx[j]] += gy[plane, j] (several windows may share a
// maximum). Each thread takes whole planes, zeroes them and scatters into them while they are in its cache, and
// sums in output order, so results do not depend on the thread count. An index outside the plane is skipped
// and counted (the caller throws); max pooling's own indices never are.
template <typename T>
int64_t max_pool2d_backward_kernel(const void* gy_, const int64_t* idx, void* gx_, int64_t planes, int64_t in_plane,
                                   int64_t out_plane) {
  const T* gy = static_cast<const T*>(gy_);
  T* gx = static_cast<T*>(gx_);
  std::atomic<int64_t> bad{0};
  parallel_for(0, planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, in_plane + out_plane)), [&](int64_t b, int64_t e) {
    int64_t nbad = 0;
    std::fill(gx + b * in_plane, gx + e * in_plane, T(0));
    for (int64_t pl = b; pl < e; ++pl) {
      T* xp = gx + pl * in_plane;
      const T* gp = gy + pl * out_plane;
      const int64_t* ip = idx + pl * out_plane;
      for (int64_t j = 0; j < out_plane; ++j) {
        const int64_t i = ip[j];
        if (i < 0 || i >= in_plane) {
          ++nbad;
          continue;
        }
        xp[i] += gp[j];
      }
    }
    if (nbad > 0) bad.fetch_add(nbad);
  });
  return bad.load();
}

// Note [Channel sums]: x is [N, C, S] (S the spatial size). A row of S elements is summed in Vec<T> lanes, and
// the rows of a channel in a double, so a float32 channel of 10^5 values keeps float64-like accuracy. Each
// thread takes whole channels: results do not depend on the thread count.
template <typename T, typename F>
double row_sum(int64_t S, const F& term) {
  constexpr int64_t W = V<T>::size();
  V<T> s0(T(0)), s1(T(0));
  int64_t i = 0;
  for (; i + 2 * W <= S; i += 2 * W) {
    s0 = s0 + term(i, int(W));
    s1 = s1 + term(i + W, int(W));
  }
  for (; i < S; i += W) {
    const int c = static_cast<int>(std::min(W, S - i));
    s0 = s0 + term(i, c);  // term() zero-fills the lanes past c
  }
  return static_cast<double>((s0 + s1).reduce_add());
}

// mode 0: out1 = mean, out2 = biased variance (two passes); mode 1: out1 = sum(g), out2 = sum(g * (x - mean)).
template <typename T>
void channel_stats_kernel(const void* x_, const void* g_, const double* mean, int64_t N, int64_t C, int64_t S, int mode,
                          double* out1, double* out2) {
  const T* x = static_cast<const T*>(x_);
  const T* g = static_cast<const T*>(g_);
  const double M = static_cast<double>(N * S);
  auto ld = [](const T* p, int c) { return c == V<T>::size() ? V<T>::loadu(p) : V<T>::loadu(p, c); };
  parallel_for(0, C, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, N * S)), [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      if (mode == 0) {
        double s = 0;
        for (int64_t n = 0; n < N; ++n) {
          const T* p = x + (n * C + c) * S;
          s += row_sum<T>(S, [&](int64_t i, int k) { return ld(p + i, k); });
        }
        const double mu = M > 0 ? s / M : std::numeric_limits<double>::quiet_NaN();
        const V<T> m(static_cast<T>(mu));
        double q = 0;
        for (int64_t n = 0; n < N; ++n) {
          const T* p = x + (n * C + c) * S;
          q += row_sum<T>(S, [&](int64_t i, int k) {
            V<T> d = ld(p + i, k) - m;
            if (k < V<T>::size()) d = V<T>::blendv(V<T>(T(0)), d, vec_iota<T>().cmp_lt(V<T>(T(k))));
            return d * d;
          });
        }
        out1[c] = mu;
        out2[c] = M > 0 ? q / M : std::numeric_limits<double>::quiet_NaN();
      } else {
        const V<T> m(static_cast<T>(mean[c]));
        double sg = 0, sgx = 0;
        for (int64_t n = 0; n < N; ++n) {
          const T* p = x + (n * C + c) * S;
          const T* q = g + (n * C + c) * S;
          sg += row_sum<T>(S, [&](int64_t i, int k) { return ld(q + i, k); });
          sgx += row_sum<T>(S, [&](int64_t i, int k) { return ld(q + i, k) * (ld(p + i, k) - m); });
        }
        out1[c] = sg;
        out2[c] = sgx;
      }
    }
  });
}

// out = a[c] * (x - mean[c]) + b[c] (+ k[c] * g when g is given), over [N, C, S]: batch norm's forward and
// its input grad (Note [Channel statistics] in lib/ops/normalization.ts).
template <typename T>
void channel_affine_kernel(const void* x_, const void* g_, void* out_, int64_t N, int64_t C, int64_t S, const double* mean,
                           const double* a, const double* b, const double* k) {
  const T* x = static_cast<const T*>(x_);
  const T* g = static_cast<const T*>(g_);
  T* out = static_cast<T*>(out_);
  parallel_for(0, N * C, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, S)), [&](int64_t bb, int64_t ee) {
    for (int64_t r = bb; r < ee; ++r) {
      const int64_t c = r % C;
      const V<T> m(static_cast<T>(mean[c])), av(static_cast<T>(a[c])), bv(static_cast<T>(b[c]));
      const T* p = x + r * S;
      T* o = out + r * S;
      if (g == nullptr) {
        vec_map(p, o, S, [&](const V<T>& v) { return fmadd(av, v - m, bv); });
      } else {
        const V<T> kv(static_cast<T>(k[c]));
        vec_map2(p, 1, g + r * S, 1, o, S, [&](const V<T>& v, const V<T>& gv) { return fmadd(kv, gv, fmadd(av, v - m, bv)); });
      }
    }
  });
}

}  // namespace

void register_pool_kernels(KernelTable& t) {
  t.max_pool2d[int(DType::Float32)] = &max_pool2d_kernel<float>;
  t.max_pool2d[int(DType::Float64)] = &max_pool2d_kernel<double>;
  t.max_pool2d_backward[int(DType::Float32)] = &max_pool2d_backward_kernel<float>;
  t.max_pool2d_backward[int(DType::Float64)] = &max_pool2d_backward_kernel<double>;
  t.channel_stats[int(DType::Float32)] = &channel_stats_kernel<float>;
  t.channel_stats[int(DType::Float64)] = &channel_stats_kernel<double>;
  t.channel_affine[int(DType::Float32)] = &channel_affine_kernel<float>;
  t.channel_affine[int(DType::Float64)] = &channel_affine_kernel<double>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
