// Convolution kernels: im2col / col2im and convolution forward/backward through the packed GEMM (gemm.h),
// compiled once per ISA. 1-d and 2-d convolutions arrive as 3-d ones with unit leading spatial dims. Shapes the
// direct kernels take (conv_direct.h, Note [Direct convolution]) skip the column matrix altogether.
//
// Note [Conv scratch]: a convolution never materializes the whole batch's im2col matrix. Images are split
// into blocks that the pool's threads claim one at a time from an atomic counter (a thread the OS delays
// takes fewer; the GEMM inside a block runs on the claiming thread); each thread owns one column buffer of
// one image and group (C/groups * kernel volume x output volume), reused block after block. The weight and
// bias grads are summed per block and the block sums added in block order, and the block partition depends
// only on the batch size, so results do not depend on the thread count or on which thread ran a block.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/parallel.h"
#include "cpu/conv_direct.h"
#include "cpu/gemm.h"
#include "cpu/kernel_table.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

// Fixed upper bound on image blocks (Note [Conv scratch]): enough for any pool here, few weight-grad partials.
constexpr int64_t kMaxBlocks = 8;

inline void gemm_t(bool ta, bool tb, int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B,
                   int64_t ldb, float beta, float* C, int64_t ldc) {
  gemm_f32(ta, tb, M, N, K, 1.f, A, lda, B, ldb, beta, C, ldc);
}
inline void gemm_t(bool ta, bool tb, int64_t M, int64_t N, int64_t K, const double* A, int64_t lda, const double* B,
                   int64_t ldb, double beta, double* C, int64_t ldc) {
  gemm_f64(ta, tb, M, N, K, 1.0, A, lda, B, ldb, beta, C, ldc);
}

inline int64_t in_vol(const ConvGeom& g) { return g.in[0] * g.in[1] * g.in[2]; }
inline int64_t out_vol(const ConvGeom& g) { return g.out[0] * g.out[1] * g.out[2]; }
inline int64_t k_vol(const ConvGeom& g) { return g.k[0] * g.k[1] * g.k[2]; }

// A 1x1x1 kernel with stride 1 and no padding: the input plane is its own column matrix.
inline bool is_pointwise(const ConvGeom& g) {
  for (int d = 0; d < 3; ++d)
    if (g.k[d] != 1 || g.stride[d] != 1 || g.pad[d] != 0 || g.in[d] != g.out[d]) return false;
  return true;
}

// First and one-past-last output index o along dim d whose input index o * stride - pad + kk * dil is inside.
inline void valid_range(const ConvGeom& g, int d, int64_t kk, int64_t* lo, int64_t* hi) {
  const int64_t off = kk * g.dil[d] - g.pad[d], s = g.stride[d];
  const int64_t a = off >= 0 ? 0 : (-off + s - 1) / s;
  const int64_t b = g.in[d] - off <= 0 ? 0 : (g.in[d] - off - 1) / s + 1;
  *lo = std::min(a, g.out[d]);
  *hi = std::max(*lo, std::min(b, g.out[d]));
}

// col rows [c0 * kvol, c1 * kvol) of one image: col[(c, kd, kh, kw), (od, oh, ow)] = x[c, id, ih, iw] or 0;
// rows ld apart (ld >= outvol: several images side by side, Note [Conv image groups]).
template <typename T>
void im2col_rows(const T* x, T* col, int64_t c0, int64_t c1, const ConvGeom& g, int64_t ld = 0) {
  const int64_t L = ld > 0 ? ld : out_vol(g), iv = in_vol(g);
  const int64_t O1 = g.out[1], O2 = g.out[2], s2 = g.stride[2];
  T* row = col;
  for (int64_t c = c0; c < c1; ++c) {
    const T* xc = x + c * iv;
    for (int64_t i = 0; i < g.k[0]; ++i)
      for (int64_t j = 0; j < g.k[1]; ++j)
        for (int64_t k = 0; k < g.k[2]; ++k, row += L) {
          int64_t lo2, hi2;
          valid_range(g, 2, k, &lo2, &hi2);
          const int64_t off2 = k * g.dil[2] - g.pad[2];
          for (int64_t od = 0; od < g.out[0]; ++od) {
            const int64_t id = od * g.stride[0] - g.pad[0] + i * g.dil[0];
            for (int64_t oh = 0; oh < O1; ++oh) {
              T* r = row + (od * O1 + oh) * O2;
              const int64_t ih = oh * g.stride[1] - g.pad[1] + j * g.dil[1];
              if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1]) {
                std::fill(r, r + O2, T(0));
                continue;
              }
              const T* xr = xc + (id * g.in[1] + ih) * g.in[2] + off2;
              std::fill(r, r + lo2, T(0));
              if (s2 == 1) {
                if (hi2 > lo2) std::memcpy(r + lo2, xr + lo2, (hi2 - lo2) * sizeof(T));
              } else {
                for (int64_t ow = lo2; ow < hi2; ++ow) r[ow] = xr[ow * s2];
              }
              std::fill(r + hi2, r + O2, T(0));
            }
          }
        }
  }
}

// Output columns [l0, l1) of every row of one image's column matrix (all Cg channels), rows l1 - l0 apart: the
// tile a big plane's forward works on (Note [Conv column tiles]).
template <typename T>
void im2col_cols(const T* x, T* col, int64_t Cg, const ConvGeom& g, int64_t l0, int64_t l1) {
  const int64_t ld = l1 - l0, iv = in_vol(g), O1 = g.out[1], O2 = g.out[2], s2 = g.stride[2];
  T* row = col;
  for (int64_t c = 0; c < Cg; ++c) {
    const T* xc = x + c * iv;
    for (int64_t i = 0; i < g.k[0]; ++i)
      for (int64_t j = 0; j < g.k[1]; ++j)
        for (int64_t k = 0; k < g.k[2]; ++k, row += ld) {
          int64_t lo2, hi2;
          valid_range(g, 2, k, &lo2, &hi2);
          const int64_t off2 = k * g.dil[2] - g.pad[2];
          for (int64_t l = l0; l < l1;) {
            const int64_t ow0 = l % O2, oh = (l / O2) % O1, od = l / (O2 * O1);
            const int64_t len = std::min(O2 - ow0, l1 - l);
            T* r = row + (l - l0) - ow0;  // r[ow] is output column (od, oh, ow)
            l += len;
            const int64_t id = od * g.stride[0] - g.pad[0] + i * g.dil[0];
            const int64_t ih = oh * g.stride[1] - g.pad[1] + j * g.dil[1];
            const int64_t e = ow0 + len;
            if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1]) {
              std::fill(r + ow0, r + e, T(0));
              continue;
            }
            const int64_t a = std::min(std::max(lo2, ow0), e), b = std::max(a, std::min(hi2, e));
            const T* xr = xc + (id * g.in[1] + ih) * g.in[2] + off2;
            std::fill(r + ow0, r + a, T(0));
            if (s2 == 1) {
              if (b > a) std::memcpy(r + a, xr + a, (b - a) * sizeof(T));
            } else {
              for (int64_t ow = a; ow < b; ++ow) r[ow] = xr[ow * s2];
            }
            std::fill(r + b, r + e, T(0));
          }
        }
  }
}

// The adjoint of im2col_rows: x[c, id, ih, iw] += col[...] (x must be initialized).
template <typename T>
void col2im_rows(const T* col, T* x, int64_t c0, int64_t c1, const ConvGeom& g, int64_t ld = 0) {
  const int64_t L = ld > 0 ? ld : out_vol(g), iv = in_vol(g);
  const int64_t O1 = g.out[1], O2 = g.out[2], s2 = g.stride[2];
  const T* row = col;
  for (int64_t c = c0; c < c1; ++c) {
    T* xc = x + c * iv;
    for (int64_t i = 0; i < g.k[0]; ++i)
      for (int64_t j = 0; j < g.k[1]; ++j)
        for (int64_t k = 0; k < g.k[2]; ++k, row += L) {
          int64_t lo2, hi2;
          valid_range(g, 2, k, &lo2, &hi2);
          const int64_t off2 = k * g.dil[2] - g.pad[2];
          for (int64_t od = 0; od < g.out[0]; ++od) {
            const int64_t id = od * g.stride[0] - g.pad[0] + i * g.dil[0];
            if (id < 0 || id >= g.in[0]) continue;
            for (int64_t oh = 0; oh < O1; ++oh) {
              const int64_t ih = oh * g.stride[1] - g.pad[1] + j * g.dil[1];
              if (ih < 0 || ih >= g.in[1]) continue;
              const T* r = row + (od * O1 + oh) * O2;
              T* xr = xc + (id * g.in[1] + ih) * g.in[2] + off2;
              if (s2 == 1) {
                for (int64_t ow = lo2; ow < hi2; ++ow) xr[ow] += r[ow];
              } else {
                for (int64_t ow = lo2; ow < hi2; ++ow) xr[ow * s2] += r[ow];
              }
            }
          }
        }
  }
}

// Whole-batch im2col (F.unfold and the double-backward formulas): col is [N, C * kvol, L].
template <typename T>
void im2col_kernel(const void* x_, void* col_, const ConvGeom& g) {
  const T* x = static_cast<const T*>(x_);
  T* col = static_cast<T*>(col_);
  const int64_t iv = in_vol(g), rows = k_vol(g) * out_vol(g);
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, rows));
  parallel_for(0, g.N * g.C, grain, [&](int64_t b, int64_t e) {
    for (int64_t p = b; p < e; ++p) im2col_rows(x + p * iv, col + p * rows, 0, 1, g);
  });
}

// Whole-batch col2im (F.fold): x [N, C, in] = the sum of col's entries over the positions they came from.
template <typename T>
void col2im_kernel(const void* col_, void* x_, const ConvGeom& g) {
  const T* col = static_cast<const T*>(col_);
  T* x = static_cast<T*>(x_);
  const int64_t iv = in_vol(g), rows = k_vol(g) * out_vol(g);
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, rows));
  parallel_for(0, g.N * g.C, grain, [&](int64_t b, int64_t e) {
    std::fill(x + b * iv, x + e * iv, T(0));
    for (int64_t p = b; p < e; ++p) col2im_rows(col + p * rows, x + p * iv, 0, 1, g);
  });
}

inline int64_t num_blocks(int64_t n) { return std::min(n, kMaxBlocks); }
inline int64_t block_begin(int64_t b, int64_t nb, int64_t n) { return b * n / nb; }

// Runs fn(block, scratch) for blocks 0..nb-1, claimed dynamically by the pool's threads (Note [Conv scratch]);
// scratch is the calling thread's buffer of `scratch` elements. One block (or one thread) runs inline, so the
// GEMM inside may use the pool itself.
template <typename T, typename F>
void for_each_block(int64_t nb, int64_t scratch, const F& fn) {
  if (nb <= 1 || get_num_threads() == 1 || in_parallel_region()) {
    std::vector<T> buf(scratch);
    for (int64_t b = 0; b < nb; ++b) fn(b, buf.data());
    return;
  }
  std::atomic<int64_t> next{0};
  parallel_for(0, std::min<int64_t>(nb, get_num_threads()), 1, [&](int64_t t0, int64_t t1) {
    std::vector<T> buf(scratch);
    for (int64_t t = t0; t < t1; ++t)
      for (int64_t b = next.fetch_add(1); b < nb; b = next.fetch_add(1)) fn(b, buf.data());
  });
}

// Note [Conv image groups]: a small output plane makes a thin GEMM per image (LeNet's second layer: 16 x 100
// x 150), dominated by per-call packing. Up to kGroupCols output columns are formed from several images side
// by side (col is [K, B * L]) so one GEMM serves B images; its [Cout, B * L] result is then copied to the
// images (and gy is gathered the same way for the backward).
constexpr int64_t kGroupCols = 4096;

inline int64_t group_size(const ConvGeom& g, int64_t limit) {
  if (is_pointwise(g)) return 1;
  return std::max<int64_t>(1, std::min(limit, kGroupCols / std::max<int64_t>(1, out_vol(g))));
}

// y[n, co, out] = sum w[co, ci, k] x[n, g * Cg + ci, out * s - p + k * d] (+ bias[co]).
template <typename T>
void conv_forward_kernel(const void* x_, const void* w_, const void* bias_, void* y_, const ConvGeom& g) {
  const T *x = static_cast<const T*>(x_), *w = static_cast<const T*>(w_), *bias = static_cast<const T*>(bias_);
  T* y = static_cast<T*>(y_);
  const int64_t G = g.groups, Cg = g.C / G, Og = g.Cout / G, K = Cg * k_vol(g), L = out_vol(g), iv = in_vol(g);
  const bool pw = is_pointwise(g);
  if (!pw && conv_direct::usable<T>(g, Og)) {  // Note [Direct convolution]
    conv_direct::forward(x, bias, y, g, [&](int64_t gi, int64_t co, int64_t ci, int64_t k) { return w[(gi * Og + co) * K + ci * k_vol(g) + k]; });
    return;
  }
  // As few groups as the column budget allows, rounded up to a multiple of the thread count (the groups are
  // what runs in parallel, and equal groups keep the threads equally busy).
  const int64_t th = std::max(1, get_num_threads()), bmax = group_size(g, std::max<int64_t>(1, g.N));
  const int64_t ngroups = std::min(g.N, ((g.N + bmax - 1) / bmax + th - 1) / th * th);
  const int64_t B = ngroups > 0 ? (g.N + ngroups - 1) / ngroups : 1;
  // Note [Conv transposed products]: with many output channels the packed GEMM runs faster on the transposed
  // product y^T [B * L, Og] = col^T w^T (measured 110 vs 82 GFLOP/s on ResNet's 3136 x 576 x 64 per thread):
  // the long side becomes the row side it tiles by MR. The result is transposed into y while adding the bias.
  const bool tr = !pw && Og >= 32;
  // Note [Conv column tiles]: a big plane's transposed product runs on tiles of kTileCols output columns, so
  // the column matrix the GEMM reads (K x 256: 590 KB for ResNet's 3x3 64-channel layer, instead of 7.2 MB
  // per image) stays in the core's L2 between im2col writing it and the GEMM packing it.
  constexpr int64_t kTileCols = 256;
  const bool tiled = tr && B == 1 && L > kTileCols;
  const int64_t scratch = pw ? 0 : tiled ? (K + Og) * kTileCols : K * B * L + (B > 1 || tr ? Og * B * L : 0);
  for_each_block<T>(ngroups, scratch, [&](int64_t grp, T* buf) {
    const int64_t n0 = grp * B, nb = std::min(B, g.N - n0), ld = nb * L;
    T* col = buf;
    T* tmp = buf + (tiled ? K * kTileCols : K * B * L);
    for (int64_t gi = 0; gi < G; ++gi) {
      if (tiled) {
        const T* xg = x + (n0 * g.C + gi * Cg) * iv;
        T* yg = y + (n0 * g.Cout + gi * Og) * L;
        for (int64_t l0 = 0; l0 < L; l0 += kTileCols) {
          const int64_t tl = std::min(kTileCols, L - l0);
          im2col_cols(xg, col, Cg, g, l0, l0 + tl);
          gemm_t(true, true, tl, Og, K, col, tl, w + gi * Og * K, K, T(0), tmp, Og);
          for (int64_t o = 0; o < Og; ++o) {
            const T bv = bias != nullptr ? bias[gi * Og + o] : T(0);
            T* dst = yg + o * L + l0;
            for (int64_t l = 0; l < tl; ++l) dst[l] = tmp[l * Og + o] + bv;
          }
        }
        continue;
      }
      if (nb == 1 && !tr) {
        const T* xg = x + (n0 * g.C + gi * Cg) * iv;
        T* yg = y + (n0 * g.Cout + gi * Og) * L;
        if (!pw) im2col_rows(xg, col, 0, Cg, g);
        T beta = 0;
        if (bias != nullptr) {
          for (int64_t o = 0; o < Og; ++o) std::fill(yg + o * L, yg + (o + 1) * L, bias[gi * Og + o]);
          beta = 1;
        }
        gemm_t(false, false, Og, L, K, w + gi * Og * K, K, pw ? xg : col, L, beta, yg, L);
        continue;
      }
      for (int64_t j = 0; j < nb; ++j) im2col_rows(x + ((n0 + j) * g.C + gi * Cg) * iv, col + j * L, 0, Cg, g, ld);
      if (tr)
        gemm_t(true, true, ld, Og, K, col, ld, w + gi * Og * K, K, T(0), tmp, Og);
      else
        gemm_t(false, false, Og, ld, K, w + gi * Og * K, K, col, ld, T(0), tmp, ld);
      // element (o, j * L + l) of the [Og, ld] product sits at tmp[o * ld + jL + l], or at tmp[(jL + l) * Og + o]
      const int64_t so = tr ? 1 : ld, sl = tr ? Og : 1;
      for (int64_t j = 0; j < nb; ++j)
        for (int64_t o = 0; o < Og; ++o) {
          const T* src = tmp + o * so + j * L * sl;
          T* dst = y + ((n0 + j) * g.Cout + gi * Og + o) * L;
          const T bv = bias != nullptr ? bias[gi * Og + o] : T(0);
          for (int64_t l = 0; l < L; ++l) dst[l] = src[l * sl] + bv;
        }
    }
  });
  if (conv_direct::has_post(g))  // Note [Conv epilogue]: here a pass of its own over the output planes
    parallel_for(0, g.N * g.Cout, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, L)), [&](int64_t b, int64_t e) {
      for (int64_t p = b; p < e; ++p) conv_direct::post_range(y + p * L, L, g, p % g.Cout);
    });
}

// Grads of conv_forward from gy [N, Cout, out]: gx [N, C, in] (col2im of w^T gy), gw [Cout, Cg, k]
// (gy im2col(x)^T summed over the batch), gb [Cout]; any may be null (x is read only for gw). Also the
// forward of a transposed convolution (gx from gy = its input, w = its weight).
template <typename T>
void conv_backward_kernel(const void* x_, const void* w_, const void* gy_, void* gx_, void* gw_, void* gb_,
                          const ConvGeom& g) {
  const T *x = static_cast<const T*>(x_), *w = static_cast<const T*>(w_), *gy = static_cast<const T*>(gy_);
  T *gx = static_cast<T*>(gx_), *gw = static_cast<T*>(gw_), *gb = static_cast<T*>(gb_);
  const int64_t G = g.groups, Cg = g.C / G, Og = g.Cout / G, K = Cg * k_vol(g), L = out_vol(g), iv = in_vol(g);
  const int64_t wn = g.Cout * K;
  const bool pw = is_pointwise(g);
  ConvGeom tg_;
  if (gx != nullptr && !pw && conv_direct::input_grad_geom(g, &tg_) && conv_direct::input_grad_usable<T>(tg_, Cg)) {
    // Note [Direct input grad]: a direct convolution of gy; the weight and bias grads stay on the GEMM path.
    const int64_t kv = k_vol(g);
    conv_direct::forward(gy, static_cast<const T*>(nullptr), gx, tg_, [&](int64_t gi, int64_t co, int64_t ci, int64_t k) {
      return w[(gi * Og + ci) * K + co * kv + (kv - 1 - k)];
    });
    gx = nullptr;
  }
  if (gw != nullptr && !pw && conv_direct::weight_grad_usable<T>(g, Og)) {  // Note [Direct weight grad]
    conv_direct::weight_grad(x, gy, gw, gb, g);
    gw = gb = nullptr;
  }
  if (gx == nullptr && gw == nullptr && gb == nullptr) return;
  const int64_t nb = num_blocks(g.N);
  const int64_t B = group_size(g, (g.N + nb - 1) / std::max<int64_t>(1, nb));
  std::vector<T> gw_part(gw != nullptr ? nb * wn : 0), gb_part(gb != nullptr ? nb * g.Cout : 0);
  const int64_t scratch = pw ? 0 : K * B * L + (B > 1 ? Og * B * L : 0);
  for_each_block<T>(nb, scratch, [&](int64_t b, T* buf) {
    T* col = buf;
    T* gyb = buf + K * B * L;
    T* pw_ = gw != nullptr ? gw_part.data() + b * wn : nullptr;
    T* pb = gb != nullptr ? gb_part.data() + b * g.Cout : nullptr;
    bool first = true;
    const int64_t end = block_begin(b + 1, nb, g.N);
    for (int64_t n0 = block_begin(b, nb, g.N); n0 < end; n0 += B, first = false) {
      const int64_t m = std::min(B, end - n0), ld = m * L;
      for (int64_t gi = 0; gi < G; ++gi) {
        // gy of these m images for group gi as one [Og, m * L] operand (in place when m == 1).
        const T* gyg = gy + (n0 * g.Cout + gi * Og) * L;
        if (m > 1) {
          for (int64_t j = 0; j < m; ++j)
            for (int64_t o = 0; o < Og; ++o)
              std::copy(gy + ((n0 + j) * g.Cout + gi * Og + o) * L, gy + ((n0 + j) * g.Cout + gi * Og + o + 1) * L,
                        gyb + o * ld + j * L);
          gyg = gyb;
        }
        if (gx != nullptr) {
          if (pw) {
            gemm_t(true, false, K, L, Og, w + gi * Og * K, K, gyg, L, T(0), gx + (n0 * g.C + gi * Cg) * iv, L);
          } else {
            gemm_t(true, false, K, ld, Og, w + gi * Og * K, K, gyg, ld, T(0), col, ld);
            for (int64_t j = 0; j < m; ++j) {
              T* gxg = gx + ((n0 + j) * g.C + gi * Cg) * iv;
              std::fill(gxg, gxg + Cg * iv, T(0));
              col2im_rows(col + j * L, gxg, 0, Cg, g, ld);
            }
          }
        }
        if (pw_ != nullptr) {
          const T* src = x + (n0 * g.C + gi * Cg) * iv;
          if (!pw)
            for (int64_t j = 0; j < m; ++j) im2col_rows(x + ((n0 + j) * g.C + gi * Cg) * iv, col + j * L, 0, Cg, g, ld);
          // the transposed product dW^T [K, Og] = col gy^T (Note [Conv transposed products]; 126 vs 97 GFLOP/s
          // on ResNet's shapes); the partials stay transposed until the reduction below.
          gemm_t(false, true, K, Og, ld, pw ? src : col, ld, gyg, ld, first ? T(0) : T(1), pw_ + gi * Og * K, Og);
        }
        if (pb != nullptr)
          for (int64_t o = 0; o < Og; ++o) {
            const T* r = gyg + o * ld;
            T s = 0;
            for (int64_t l = 0; l < ld; ++l) s += r[l];
            pb[gi * Og + o] = first ? s : pb[gi * Og + o] + s;
          }
      }
    }
  });
  auto reduce = [&](const std::vector<T>& part, T* out, int64_t m) {
    if (g.N == 0) {
      std::fill(out, out + m, T(0));
      return;
    }
    std::copy(part.begin(), part.begin() + m, out);
    for (int64_t b = 1; b < nb; ++b)
      for (int64_t i = 0; i < m; ++i) out[i] += part[b * m + i];
  };
  if (gw != nullptr) {
    // per group the block sums are [K, Og]: sum them in block order, then transpose into gw [Og, K]
    std::vector<T> sum(wn);
    reduce(gw_part, sum.data(), wn);
    for (int64_t gi = 0; gi < G; ++gi)
      for (int64_t k = 0; k < K; ++k)
        for (int64_t o = 0; o < Og; ++o) gw[gi * Og * K + o * K + k] = sum[gi * Og * K + k * Og + o];
  }
  if (gb != nullptr) reduce(gb_part, gb, g.Cout);
}

}  // namespace

void register_conv_kernels(KernelTable& t) {
  t.im2col[int(DType::Float32)] = &im2col_kernel<float>;
  t.im2col[int(DType::Float64)] = &im2col_kernel<double>;
  t.col2im[int(DType::Float32)] = &col2im_kernel<float>;
  t.col2im[int(DType::Float64)] = &col2im_kernel<double>;
  t.conv_forward[int(DType::Float32)] = &conv_forward_kernel<float>;
  t.conv_forward[int(DType::Float64)] = &conv_forward_kernel<double>;
  t.conv_backward[int(DType::Float32)] = &conv_backward_kernel<float>;
  t.conv_backward[int(DType::Float64)] = &conv_backward_kernel<double>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
