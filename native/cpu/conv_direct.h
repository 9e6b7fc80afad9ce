// Direct convolution for few output channels per group (included by conv_kernels.cc, compiled once per ISA).
//
// Note [Direct convolution]: when a group has few output channels (LeNet: 6 and 16) the im2col + GEMM path
// spends most of its time writing and re-reading the column matrix (kvol times the input: 25x for a 5x5 kernel)
// and packing thin GEMM operands, not multiplying. This kernel reads the input in place instead: the output
// channels of a group lie in the lanes of NV (1 or 2) vectors, and a tile of RW consecutive output positions of
// one output row keeps RW x NV accumulators in registers; each (input channel, kernel offset) step loads the
// NV weight vectors once and broadcasts the RW input values under the window (consecutive, as the innermost
// stride must be 1), one multiply-add per accumulator. Padding is a zero-bordered copy of the image's group
// (per work unit, small next to the multiply-adds), so the inner loop has no bounds checks. Work units are
// (image, group, block of output rows) and each output is written by exactly one unit, in a fixed order of
// multiply-adds, so results do not depend on the thread count.
// The input grad of a stride-1 convolution is itself such a convolution (of gy, padded by d (k - 1) - p, with
// the weight's channel axes swapped and its window flipped: Note [Direct input grad]), so it runs here too.
// Used when the innermost stride is 1 and 1/4 of a vector <= channels <= 2 vectors, or more channels on wide
// rows (Note [Direct convolution, wide layers]), or at most 8 channels on rows of half a vector or more (Note
// [Direct convolution, positions in lanes]); the im2col + GEMM path takes the rest.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "cpu/kernel_table.h"
#include "cpu/vec/vec.h"

namespace tg {
namespace TG_CPU_NS {
namespace conv_direct {

template <typename T> using V = Vec<T>;

// Accumulator tile widths: RW x NV accumulators plus NV weights must fit the vector register file (32 on
// AVX-512 and NEON, 16 on AVX2; the SSE2 Vec is a pair of registers).
#if defined(TG_CPU_AVX512) || defined(TG_CPU_NEON)
constexpr int kRw1 = 12, kRw2 = 14;  // 28 accumulators + 2 weights + the broadcast: 56-wide rows in 4 tiles
#elif defined(TG_CPU_AVX2)
constexpr int kRw1 = 12, kRw2 = 6;
#else
constexpr int kRw1 = 6, kRw2 = 3;
#endif
template <int NV> constexpr int rw_max() { return NV == 1 ? kRw1 : kRw2; }

// Note [Conv epilogue]: an inference forward (nothing records a grad) may take the eval-mode batch norm and the
// ReLU after the convolution into its stores while the outputs are in registers or cache (lib/nn/conv_fuse.ts,
// Note [Conv, batch norm and ReLU]): per lane the same fmadd(a, y - mean, b) as channel_affine_kernel and the
// same y < 0 ? 0 : y as the ReLU kernel, so the values are those of the three separate ops.
inline bool has_post(const ConvGeom& g) { return g.post_a != nullptr || g.post_relu; }
template <typename T>
TG_VEC_INLINE V<T> post_vec(V<T> v, const ConvGeom& g, int64_t co) {
  if (g.post_a != nullptr)
    v = fmadd(V<T>(static_cast<T>(g.post_a[co])), v - V<T>(static_cast<T>(g.post_mean[co])), V<T>(static_cast<T>(g.post_b[co])));
  if (g.post_relu) v = V<T>::blendv(v, V<T>(T(0)), v.cmp_lt(V<T>(T(0))));
  return v;
}
// The epilogue over n consecutive outputs of channel co, in place.
template <typename T>
void post_range(T* p, int64_t n, const ConvGeom& g, int64_t co) {
  constexpr int W = V<T>::size();
  int64_t i = 0;
  for (; i + W <= n; i += W) post_vec<T>(V<T>::loadu(p + i), g, co).storeu(p + i);
  if (i < n) post_vec<T>(V<T>::loadu(p + i, static_cast<int>(n - i)), g, co).storeu(p + i, static_cast<int>(n - i));
}

// Note [Direct convolution, claimed units]: the work units (image, group, block of output rows) are claimed one
// at a time from an atomic counter by the pool's threads (a thread the OS delays takes fewer), about 8 per
// thread; each output is written by one unit in a fixed order of operations, so results do not depend on which
// thread ran it. init() makes a thread's scratch; below `serial` everything runs on the caller.
template <typename Init, typename F>
void claim_units(int64_t units, bool serial, const Init& init, const F& fn) {
  const int64_t th = std::max(1, get_num_threads());
  if (serial || units <= 1 || th == 1 || in_parallel_region()) {
    auto st = init();
    for (int64_t u = 0; u < units; ++u) fn(u, st);
    return;
  }
  std::atomic<int64_t> next{0};
  parallel_for(0, std::min(units, th), 1, [&](int64_t t0, int64_t t1) {
    auto st = init();
    for (int64_t t = t0; t < t1; ++t)
      for (int64_t u = next.fetch_add(1); u < units; u = next.fetch_add(1)) fn(u, st);
  });
}
inline int64_t row_chunks(int64_t rows, int64_t pairs) {
  const int64_t th = std::max(1, get_num_threads());
  return std::min(rows, std::max<int64_t>(1, (8 * th + pairs - 1) / pairs));
}

// The zero-bordered copy of one image's group xg (Cg planes of P0 x P1 x P2, rows pr = pd * P1 + ph), rows
// [pr0, pr1) only: what the output rows of one unit read (the other rows of the thread's buffer are stale).
template <typename T>
void fill_pad(const T* xg, T* xpad, const ConvGeom& g, int64_t Cg, int64_t pr0, int64_t pr1) {
  const int64_t P1 = g.in[1] + 2 * g.pad[1], P2 = g.in[2] + 2 * g.pad[2], plane = (g.in[0] + 2 * g.pad[0]) * P1 * P2;
  const int64_t I2 = g.in[2], iv = g.in[0] * g.in[1] * I2;
  for (int64_t ci = 0; ci < Cg; ++ci)
    for (int64_t pr = pr0; pr < pr1; ++pr) {
      T* d = xpad + ci * plane + pr * P2;
      const int64_t id = pr / P1 - g.pad[0], ih = pr % P1 - g.pad[1];
      if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1]) {
        std::fill(d, d + P2, T(0));
        continue;
      }
      std::fill(d, d + g.pad[2], T(0));
      const T* s = xg + ci * iv + (id * g.in[1] + ih) * I2;
      std::copy(s, s + I2, d + g.pad[2]);
      std::fill(d + g.pad[2] + I2, d + P2, T(0));
    }
}
// The padded rows output rows [r0, r1) (flat (od, oh)) read: from the first window row of r0 to the last of r1 - 1.
inline void pad_rows(const ConvGeom& g, int64_t r0, int64_t r1, int64_t* pr0, int64_t* pr1) {
  const int64_t P1 = g.in[1] + 2 * g.pad[1], O1 = g.out[1];
  *pr0 = (r0 / O1) * g.stride[0] * P1 + (r0 % O1) * g.stride[1];
  const int64_t l = r1 - 1;
  *pr1 = ((l / O1) * g.stride[0] + g.dil[0] * (g.k[0] - 1)) * P1 + (l % O1) * g.stride[1] + g.dil[1] * (g.k[1] - 1) + 1;
}

// Note [Direct convolution, transposed store]: the channels-in-lanes tiles leave an output row position-major
// (buf[pos * CB + channel], nco of CB channels valid); it goes to y channel-major (channel c's row at dst + c * L)
// through W x W in-register transposes where the Vec has them (AVX-512), else a scalar loop, with the epilogue
// on the way (co0: the first channel's index for it). The scalar copy it replaces was 22% of LeNet conv2.
template <typename T>
void store_row(const T* buf, int64_t n, int64_t CB, int64_t nco, T* dst, int64_t L, const ConvGeom& g, int64_t co0) {
  constexpr int W = V<T>::size();
  const bool post = has_post(g);
  if constexpr (V<T>::kHasTranspose) {
    for (int64_t c0 = 0; c0 < nco; c0 += W)
      for (int64_t p0 = 0; p0 < n; p0 += W) {
        const int cnt = static_cast<int>(std::min<int64_t>(W, n - p0)), nc = static_cast<int>(std::min<int64_t>(W, nco - c0));
        V<T> r[W];
        for (int q = 0; q < W; ++q) r[q] = q < cnt ? V<T>::loadu(buf + (p0 + q) * CB + c0) : V<T>(T(0));
        V<T>::transpose(r);
        for (int c = 0; c < nc; ++c) {
          const V<T> v = post ? post_vec<T>(r[c], g, co0 + c0 + c) : r[c];
          if (cnt == W)
            v.storeu(dst + (c0 + c) * L + p0);
          else
            v.storeu(dst + (c0 + c) * L + p0, cnt);
        }
      }
  } else {
    for (int64_t c = 0; c < nco; ++c) {
      T* d = dst + c * L;
      for (int64_t p = 0; p < n; ++p) d[p] = buf[p * CB + c];
      if (post) post_range(d, n, g, co0 + c);
    }
  }
}

// out[r][lane] = init[lane] + sum over (ci, k) of x[ci * plane + koff[k] + r] * wp[(ci * kv + k) * NV * W + lane]
template <typename T, int NV, int RW>
void tile(const T* x, int64_t plane, const int64_t* koff, int64_t kv, int64_t Cg, const T* wp, const T* init, T* out) {
  constexpr int W = V<T>::size();
  V<T> acc[RW][NV];
  for (int v = 0; v < NV; ++v) {
    const V<T> b = V<T>::loadu(init + v * W);
    for (int r = 0; r < RW; ++r) acc[r][v] = b;
  }
  for (int64_t ci = 0; ci < Cg; ++ci) {
    const T* xc = x + ci * plane;
    for (int64_t k = 0; k < kv; ++k, wp += NV * W) {
      const T* p = xc + koff[k];
      V<T> w[NV];
      for (int v = 0; v < NV; ++v) w[v] = V<T>::loadu(wp + v * W);
      for (int r = 0; r < RW; ++r) {
        const V<T> b(p[r]);
        for (int v = 0; v < NV; ++v) acc[r][v] = muladd(b, w[v], acc[r][v]);
      }
    }
  }
  for (int r = 0; r < RW; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v].storeu(out + (r * NV + v) * W);
}

template <typename T>
using TileFn = void (*)(const T*, int64_t, const int64_t*, int64_t, int64_t, const T*, const T*, T*);

template <typename T, int NV, int... R>
const TileFn<T>* tile_table(std::integer_sequence<int, R...>) {
  static const TileFn<T> t[] = {&tile<T, NV, R + 1>...};
  return t;  // t[rw - 1] is the tile of width rw
}

// Note [Direct convolution, positions in lanes]: with at most 8 output channels per group (LeNet conv1's 6,
// the input grad of LeNet conv2 with 6) channels in lanes would leave most lanes idle, so this variant puts W
// consecutive output positions of a row in the lanes instead: RR rows x CO channels of accumulators; each
// (input channel, window offset) step loads RR input vectors and broadcasts CO weights. The input is always a
// zero-bordered copy with W elements of slack, so the last vector of a row may read past it harmlessly (its
// extra lanes are not stored). A row count that is not a multiple of RR ends with an overlapping block of RR
// rows (recomputing a few rows the same way), or single rows when there are fewer than RR.
#if defined(TG_CPU_AVX512) || defined(TG_CPU_NEON)
constexpr int kAccRegs = 24;  // accumulators that fit beside the loads and the broadcast
#elif defined(TG_CPU_AVX2)
constexpr int kAccRegs = 12;
#else
constexpr int kAccRegs = 6;
#endif
template <int CO> constexpr int rr_of() { return std::max(1, std::min(8, kAccRegs / CO)); }

// y[co * L + r * O2 + q] for rows r of rows0 (RR of them), q in [0, cnt) = init[co] + sum over (ci, k) of
// wq[(ci * kv + k) * CO + co] x[ci * plane + xrow[r] + koff[k] + q]
template <typename T, int CO, int RR>
void ptile(const T* x, const int64_t* xrow, int64_t plane, const int64_t* koff, int64_t kv, int64_t Cg, const T* wq,
           const T* init, T* y, int64_t L, const int64_t* yrow, int cnt) {
  V<T> acc[CO][RR];
  for (int c = 0; c < CO; ++c)
    for (int r = 0; r < RR; ++r) acc[c][r] = V<T>(init[c]);
  for (int64_t ci = 0; ci < Cg; ++ci) {
    const T* xc = x + ci * plane;
    for (int64_t k = 0; k < kv; ++k, wq += CO) {
      V<T> xv[RR];
      for (int r = 0; r < RR; ++r) xv[r] = V<T>::loadu(xc + xrow[r] + koff[k]);
      for (int c = 0; c < CO; ++c) {
        const V<T> wv(wq[c]);
        for (int r = 0; r < RR; ++r) acc[c][r] = muladd(xv[r], wv, acc[c][r]);
      }
    }
  }
  for (int c = 0; c < CO; ++c)
    for (int r = 0; r < RR; ++r) {
      if (cnt == V<T>::size())
        acc[c][r].storeu(y + c * L + yrow[r]);
      else
        acc[c][r].storeu(y + c * L + yrow[r], cnt);
    }
}

template <typename T>
using PTileFn = void (*)(const T*, const int64_t*, int64_t, const int64_t*, int64_t, int64_t, const T*, const T*, T*, int64_t,
                         const int64_t*, int);
template <typename T, int CO>
void ptile_pair(PTileFn<T>* out) {
  out[0] = &ptile<T, CO, rr_of<CO>()>;
  out[1] = &ptile<T, CO, 1>;
}
template <typename T>
const PTileFn<T>* ptile_table() {  // [2 * (CO - 1)] the RR-row tile, [2 * (CO - 1) + 1] the one-row tile
  static const struct Tab {
    PTileFn<T> t[16];
    Tab() {
      ptile_pair<T, 1>(t + 0);
      ptile_pair<T, 2>(t + 2);
      ptile_pair<T, 3>(t + 4);
      ptile_pair<T, 4>(t + 6);
      ptile_pair<T, 5>(t + 8);
      ptile_pair<T, 6>(t + 10);
      ptile_pair<T, 7>(t + 12);
      ptile_pair<T, 8>(t + 14);
    }
  } tab;
  return tab.t;
}
inline int rr_for(int64_t co) {
  constexpr int r[8] = {rr_of<1>(), rr_of<2>(), rr_of<3>(), rr_of<4>(), rr_of<5>(), rr_of<6>(), rr_of<7>(), rr_of<8>()};
  return r[co - 1];
}

// Whether the positions-in-lanes variant takes it: few channels, rows at least half a vector wide.
template <typename T>
bool pos_usable(const ConvGeom& g, int64_t cout) {
  return g.stride[2] == 1 && cout <= 8 && g.out[2] * 2 >= V<T>::size();
}

// Whether the direct kernel takes a convolution whose groups have `cout` output channels (Note above).
// Note [Direct convolution, wide layers]: more channels than 2 vectors run as blocks of 2 vectors, each tile
// streaming its block's packed weights (Cg x kvol x 2 vectors) from L2. Measured against im2col + GEMM
// (interleaved A/B, float32, avx512, 2 threads): 64->64 3x3 on 56x56 1.7x faster (input grad 1.8x), 128->128
// on 28x28 1.9x (1.3x), but 256->256 on 14x14 2.1x slower and 512->512 on 7x7 1.9x slower: narrow rows
// give few tiles per weight pass and big blocks spill L2. So wide layers need rows of 16+ outputs and a weight
// block of at most 160 KB.
template <typename T>
bool usable(const ConvGeom& g, int64_t cout) {
  constexpr int W = V<T>::size();
  if (g.stride[2] != 1) return false;
  if (pos_usable<T>(g, cout)) return true;
  if (cout * 4 < W) return false;
  if (cout <= 2 * W) return true;
  const int64_t block = (g.C / g.groups) * g.k[0] * g.k[1] * g.k[2] * 2 * W * static_cast<int64_t>(sizeof(T));
  return g.out[2] >= 16 && block <= 160 * 1024;
}

// y [N, Cout, out] = conv(x [N, C, in], weight) + bias (bias may be null) with geometry g (stride[2] == 1);
// wval(gi, co, ci, k) is the weight of output channel co and input channel ci of group gi at flat window
// offset k. Every output element is written.
template <typename T, typename WF>
void forward_pos(const T* x, const T* bias, T* y, const ConvGeom& g, const WF& wval) {
  constexpr int W = V<T>::size();
  const int64_t G = g.groups, Cg = g.C / G, Og = g.Cout / G, kv = g.k[0] * g.k[1] * g.k[2];
  const int64_t O0 = g.out[0], O1 = g.out[1], O2 = g.out[2], L = O0 * O1 * O2, rows = O0 * O1;
  if (g.N == 0 || L == 0) return;
  std::vector<T> wq(G * Cg * kv * Og), init(G * Og, T(0));
  for (int64_t gi = 0; gi < G; ++gi)
    for (int64_t ci = 0; ci < Cg; ++ci)
      for (int64_t k = 0; k < kv; ++k)
        for (int64_t co = 0; co < Og; ++co) wq[((gi * Cg + ci) * kv + k) * Og + co] = wval(gi, co, ci, k);
  if (bias != nullptr) std::copy(bias, bias + g.Cout, init.begin());
  const int64_t P0 = g.in[0] + 2 * g.pad[0], P1 = g.in[1] + 2 * g.pad[1], P2 = g.in[2] + 2 * g.pad[2];
  const int64_t plane = P0 * P1 * P2, iv = g.in[0] * g.in[1] * g.in[2];
  std::vector<int64_t> koff(kv);
  for (int64_t i = 0, k = 0; i < g.k[0]; ++i)
    for (int64_t j = 0; j < g.k[1]; ++j)
      for (int64_t l = 0; l < g.k[2]; ++l) koff[k++] = (i * g.dil[0] * P1 + j * g.dil[1]) * P2 + l * g.dil[2];
  const PTileFn<T> full = ptile_table<T>()[2 * (Og - 1)], one = ptile_table<T>()[2 * (Og - 1) + 1];
  const int RR = rr_for(Og);
  const int64_t pairs = g.N * G, chunks = row_chunks(rows, pairs);
  const int64_t flops = Cg * kv * Og * (rows / chunks) * O2;
  auto init_buf = [&] { return std::make_pair(std::vector<T>(Cg * plane + W, T(0)), std::vector<int64_t>(2 * RR)); };
  claim_units(pairs * chunks, pairs * chunks * flops <= kGrainSize * 8, init_buf, [&](int64_t u, decltype(init_buf())& buf) {
    T* xpad = buf.first.data();
    int64_t *xrow = buf.second.data(), *yrow = xrow + RR;
    const int64_t pair = u / chunks, ch = u % chunks, n = pair / G, gi = pair % G;
    const int64_t r0 = ch * rows / chunks, r1 = (ch + 1) * rows / chunks;
    int64_t pr0, pr1;
    pad_rows(g, r0, r1, &pr0, &pr1);
    fill_pad(x + (n * g.C + gi * Cg) * iv, xpad, g, Cg, pr0, pr1);
    const T* wg = wq.data() + gi * Cg * kv * Og;
    const T* ig = init.data() + gi * Og;
    T* yg = y + (n * g.Cout + gi * Og) * L;
    // rows r .. r + nr - 1 (nr = RR, or 1), the last block of RR shifted back to end at r1
    for (int64_t r = r0; r < r1;) {
      const bool blk = r1 - r0 >= RR;
      const int64_t start = blk ? std::min(r, r1 - RR) : r, nr = blk ? RR : 1;
      for (int64_t q = 0; q < nr; ++q) {
        const int64_t od = (start + q) / O1, oh = (start + q) % O1;
        xrow[q] = (od * g.stride[0] * P1 + oh * g.stride[1]) * P2;
        yrow[q] = (start + q) * O2;
      }
      for (int64_t c0 = 0; c0 < O2; c0 += W) {
        const int cnt = static_cast<int>(std::min<int64_t>(W, O2 - c0));
        (blk ? full : one)(xpad + c0, xrow, plane, koff.data(), kv, Cg, wg, ig, yg + c0, L, yrow, cnt);
      }
      r = start + nr;
    }
    if (has_post(g))
      for (int64_t co = 0; co < Og; ++co) post_range(yg + co * L + r0 * O2, (r1 - r0) * O2, g, gi * Og + co);
  });
}

template <typename T, typename WF>
void forward(const T* x, const T* bias, T* y, const ConvGeom& g, const WF& wval) {
  constexpr int W = V<T>::size();
  if (pos_usable<T>(g, g.Cout / g.groups)) {  // Note [Direct convolution, positions in lanes]
    forward_pos(x, bias, y, g, wval);
    return;
  }
  const int64_t G = g.groups, Cg = g.C / G, Og = g.Cout / G;
  const int NV = Og <= W ? 1 : 2;
  const int64_t CB = NV * W, nCB = (Og + CB - 1) / CB, kv = g.k[0] * g.k[1] * g.k[2];
  const int64_t O0 = g.out[0], O1 = g.out[1], O2 = g.out[2], L = O0 * O1 * O2, rows = O0 * O1;
  if (g.N == 0 || L == 0) return;
  // weights [G][nCB][Cg][kv][CB] and the accumulators' initial values [G][nCB][CB] (channel blocks of CB),
  // zero past Og
  std::vector<T> wp(G * nCB * Cg * kv * CB, T(0)), init(G * nCB * CB, T(0));
  for (int64_t gi = 0; gi < G; ++gi)
    for (int64_t ci = 0; ci < Cg; ++ci)
      for (int64_t k = 0; k < kv; ++k)
        for (int64_t co = 0; co < Og; ++co)
          wp[(((gi * nCB + co / CB) * Cg + ci) * kv + k) * CB + co % CB] = wval(gi, co, ci, k);
  if (bias != nullptr)
    for (int64_t gi = 0; gi < G; ++gi)
      for (int64_t co = 0; co < Og; ++co) init[(gi * nCB + co / CB) * CB + co % CB] = bias[gi * Og + co];
  const bool padded = g.pad[0] > 0 || g.pad[1] > 0 || g.pad[2] > 0;
  const int64_t P0 = g.in[0] + 2 * g.pad[0], P1 = g.in[1] + 2 * g.pad[1], P2 = g.in[2] + 2 * g.pad[2];
  const int64_t plane = P0 * P1 * P2, iv = g.in[0] * g.in[1] * g.in[2];
  std::vector<int64_t> koff(kv);
  for (int64_t i = 0, k = 0; i < g.k[0]; ++i)
    for (int64_t j = 0; j < g.k[1]; ++j)
      for (int64_t l = 0; l < g.k[2]; ++l) koff[k++] = (i * g.dil[0] * P1 + j * g.dil[1]) * P2 + l * g.dil[2];
  const int rwm = NV == 1 ? rw_max<1>() : rw_max<2>();
  const int64_t ntiles = (O2 + rwm - 1) / rwm;
  const TileFn<T>* tab = NV == 1 ? tile_table<T, 1>(std::make_integer_sequence<int, rw_max<1>()>())
                                 : tile_table<T, 2>(std::make_integer_sequence<int, rw_max<2>()>());
  const int64_t pairs = g.N * G, chunks = row_chunks(rows, pairs);
  const int64_t flops = Cg * kv * CB * nCB * (rows / chunks) * O2;
  auto init_buf = [&] { return std::make_pair(std::vector<T>(padded ? Cg * plane : 0), std::vector<T>(O2 * CB)); };
  claim_units(pairs * chunks, pairs * chunks * flops <= kGrainSize * 8, init_buf, [&](int64_t u, decltype(init_buf())& buf) {
    const int64_t pair = u / chunks, ch = u % chunks, n = pair / G, gi = pair % G;
    const int64_t r0 = ch * rows / chunks, r1 = (ch + 1) * rows / chunks;
    const T* xg = x + (n * g.C + gi * Cg) * iv;
    if (padded) {
      int64_t pr0, pr1;
      pad_rows(g, r0, r1, &pr0, &pr1);
      fill_pad(xg, buf.first.data(), g, Cg, pr0, pr1);
      xg = buf.first.data();
    }
    T* yg = y + (n * g.Cout + gi * Og) * L;
    T* row = buf.second.data();
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t od = r / O1, oh = r % O1;
      const T* xr = xg + (od * g.stride[0] * P1 + oh * g.stride[1]) * P2;
      for (int64_t cb = 0; cb < nCB; ++cb) {
        // the row in ntiles tiles of near-equal width (not rwm-wide ones and a narrow tail: too few accumulators)
        for (int64_t t = 0, ow = 0; t < ntiles; ++t) {
          const int rw = static_cast<int>(O2 / ntiles + (t < O2 % ntiles ? 1 : 0));
          tab[rw - 1](xr + ow, plane, koff.data(), kv, Cg, wp.data() + (gi * nCB + cb) * Cg * kv * CB,
                      init.data() + (gi * nCB + cb) * CB, row + ow * CB);
          ow += rw;
        }
        store_row(row, O2, CB, std::min(CB, Og - cb * CB), yg + cb * CB * L + r * O2, L, g, gi * Og + cb * CB);
      }
    }
  });
}

// The input grad takes the direct path only with at least half a vector of input channels per group: the old
// path computes it from the column matrix the weight grad needs anyway (measured slower with 6 of 16 lanes).
template <typename T>
bool input_grad_usable(const ConvGeom& g, int64_t cin) {
  return usable<T>(g, cin) && (cin * 2 >= V<T>::size() || pos_usable<T>(g, cin));
}

// Note [Direct input grad]: for stride 1, gx[ci, i] = sum over (co, k) of w[co, ci, k] gy[co, i + p - d k], which
// is a convolution of gy padded by d (k - 1) - p (>= 0 required) with w'[ci, co, k] = w[co, ci, K - 1 - k]
// (the window flipped along every axis: the flat offset reversed), dilation d, and output size in.
// The input size must be exactly out + d (k - 1) - 2 p: a transposed convolution's output_padding (allowed at
// stride 1 below the dilation) makes it larger, and the padded gy would then be too short for the output rows.
inline bool input_grad_geom(const ConvGeom& g, ConvGeom* t) {
  for (int d = 0; d < 3; ++d)
    if (g.stride[d] != 1 || g.dil[d] * (g.k[d] - 1) < g.pad[d] || g.in[d] != g.out[d] + g.dil[d] * (g.k[d] - 1) - 2 * g.pad[d])
      return false;
  *t = g;
  t->C = g.Cout;
  t->Cout = g.C;
  for (int d = 0; d < 3; ++d) {
    t->in[d] = g.out[d];
    t->out[d] = g.in[d];
    t->pad[d] = g.dil[d] * (g.k[d] - 1) - g.pad[d];
  }
  return true;
}

// The weight grad's micro-kernel: out[j][r][lane] = sum over q < nq of xs[j][base[q] + r] * gyt[q * NV * W + lane]
// for J window rows at once (J x RW x NV accumulators: a 3-wide window alone gives too few to hide latency).
template <int NV, int RW> constexpr int wj_of() { return std::max(1, std::min(8, kAccRegs / (NV * RW))); }
template <typename T, int NV, int RW, int J>
void wtile(const T* const* xs, const int64_t* base, int64_t nq, const T* gyt, T* out) {
  constexpr int W = V<T>::size();
  V<T> acc[J][RW][NV];
  const T* p[J];
  for (int j = 0; j < J; ++j) p[j] = xs[j];
  for (int64_t q = 0; q < nq; ++q, gyt += NV * W) {
    V<T> gv[NV];
    for (int v = 0; v < NV; ++v) gv[v] = V<T>::loadu(gyt + v * W);
    const int64_t b = base[q];
    for (int j = 0; j < J; ++j)
      for (int r = 0; r < RW; ++r) {
        const V<T> xb(p[j][b + r]);
        for (int v = 0; v < NV; ++v) acc[j][r][v] = muladd(xb, gv[v], acc[j][r][v]);
      }
  }
  for (int j = 0; j < J; ++j)
    for (int r = 0; r < RW; ++r)
      for (int v = 0; v < NV; ++v) acc[j][r][v].storeu(out + ((j * RW + r) * NV + v) * W);
}
template <typename T>
using WTileFn = void (*)(const T* const*, const int64_t*, int64_t, const T*, T*);
constexpr int kMaxWRow = 7;  // widest window row the weight grad takes
template <typename T, int NV, int... R>
const WTileFn<T>* wtile_table(std::integer_sequence<int, R...>) {
  // [2 * (RW - 1)] the J-row tile, [2 * (RW - 1) + 1] the one-row tile
  static const WTileFn<T> t[] = {(R % 2 == 0 ? &wtile<T, NV, R / 2 + 1, wj_of<NV, R / 2 + 1>()> : &wtile<T, NV, R / 2 + 1, 1>)...};
  return t;
}
inline int wj_for(int nv, int64_t rw) {
  constexpr int a[kMaxWRow] = {wj_of<1, 1>(), wj_of<1, 2>(), wj_of<1, 3>(), wj_of<1, 4>(), wj_of<1, 5>(), wj_of<1, 6>(), wj_of<1, 7>()};
  constexpr int b[kMaxWRow] = {wj_of<2, 1>(), wj_of<2, 2>(), wj_of<2, 3>(), wj_of<2, 4>(), wj_of<2, 5>(), wj_of<2, 6>(), wj_of<2, 7>()};
  return nv == 1 ? a[rw - 1] : b[rw - 1];
}

// Note [Direct weight grad]: gw[co, ci, kd, kh, kw] = sum over images and output positions q of gy[co, q]
// x[ci, base(q) + offset(kd, kh) + kw] (x zero-bordered). With gy transposed per image to [q][co lanes], one
// window row (ci, kd, kh) is a tile like the forward's with the roles swapped: the kw offsets are the RW
// consecutive broadcasts (dilation 1 along w required, kw <= 7) and the output positions are the reduction,
// base(q) taking the window offsets' place (any stride); wtile takes J window rows at once. Images are split into at most 8 blocks summed separately and then in
// block order (as Note [Conv scratch]), so results do not depend on the thread count.
template <typename T>
bool weight_grad_usable(const ConvGeom& g, int64_t cout) {
  constexpr int W = V<T>::size();
  if (g.dil[2] != 1 || g.k[2] > kMaxWRow || cout * 4 < W) return false;
  // Wide layers (blocks of 2 vectors) where the forward takes them: with one window row per tile (3
  // accumulators per vector for a 3-wide window) this measured 26 GFLOP/s against the GEMM path's 51 on ResNet's
  // 64->64 56x56 (best of 30, one thread, avx512); with J rows per tile, interleaved A/B against the GEMM path
  // at 2 threads (load 22): 1.37x there, 1.17x on 32->64 64x64, 1.25x on 128->128 28x28.
  return cout <= 2 * W || usable<T>(g, cout);
}

// gw [Cout, Cg, kvol] and gb [Cout] (may be null) from x [N, C, in] and gy [N, Cout, out]; both written whole.
// Channel blocks of CB as in forward(); the positions in chunks of kQ, so a chunk of gy^T stays in L1 while
// every window row of the image passes over it.
template <typename T>
void weight_grad(const T* x, const T* gy, T* gw, T* gb, const ConvGeom& g) {
  constexpr int W = V<T>::size();
  constexpr int64_t kQ = 256;
  const int64_t G = g.groups, Cg = g.C / G, Og = g.Cout / G;
  const int NV = Og <= W ? 1 : 2;
  const int64_t CB = NV * W, nCB = (Og + CB - 1) / CB, kv = g.k[0] * g.k[1] * g.k[2], K = Cg * kv;
  const int64_t L = g.out[0] * g.out[1] * g.out[2], iv = g.in[0] * g.in[1] * g.in[2];
  const int64_t P0 = g.in[0] + 2 * g.pad[0], P1 = g.in[1] + 2 * g.pad[1], P2 = g.in[2] + 2 * g.pad[2];
  const int64_t plane = P0 * P1 * P2;
  const bool padded = g.pad[0] > 0 || g.pad[1] > 0 || g.pad[2] > 0;
  if (g.N == 0) {
    if (gw != nullptr) std::fill(gw, gw + g.Cout * K, T(0));
    if (gb != nullptr) std::fill(gb, gb + g.Cout, T(0));
    return;
  }
  std::vector<int64_t> base(L);
  for (int64_t od = 0, q = 0; od < g.out[0]; ++od)
    for (int64_t oh = 0; oh < g.out[1]; ++oh)
      for (int64_t ow = 0; ow < g.out[2]; ++ow) base[q++] = (od * g.stride[0] * P1 + oh * g.stride[1]) * P2 + ow * g.stride[2];
  const WTileFn<T>* wt = NV == 1 ? wtile_table<T, 1>(std::make_integer_sequence<int, 2 * kMaxWRow>())
                                  : wtile_table<T, 2>(std::make_integer_sequence<int, 2 * kMaxWRow>());
  const WTileFn<T> fj = wt[2 * (g.k[2] - 1)], f1 = wt[2 * (g.k[2] - 1) + 1];
  const int J = wj_for(NV, g.k[2]);
  // the window rows (ci, kd, kh): their offset in the padded group and in a block's weight grad
  const int64_t nrows = Cg * g.k[0] * g.k[1];
  std::vector<int64_t> roff(nrows), rdst(nrows);
  for (int64_t ci = 0, t = 0; ci < Cg; ++ci)
    for (int64_t i = 0; i < g.k[0]; ++i)
      for (int64_t j = 0; j < g.k[1]; ++j, ++t) {
        roff[t] = ci * plane + (i * g.dil[0] * P1 + j * g.dil[1]) * P2;
        rdst[t] = (ci * kv + (i * g.k[1] + j) * g.k[2]) * CB;
      }
  const int64_t nb = std::min<int64_t>(g.N, 8), wn = G * nCB * K * CB, bn = G * nCB * CB;
  std::vector<T> part(nb * wn, T(0)), bpart(nb * bn, T(0));
  parallel_for(0, nb, 1, [&](int64_t b0, int64_t b1) {
    std::vector<T> xpad(padded ? Cg * plane : 0), gyt(nCB * L * CB, T(0)), out(J * g.k[2] * CB);
    std::vector<const T*> xs(J);
    for (int64_t blk = b0; blk < b1; ++blk) {
      T* pw = part.data() + blk * wn;
      T* pb = bpart.data() + blk * bn;
      for (int64_t n = blk * g.N / nb; n < (blk + 1) * g.N / nb; ++n)
        for (int64_t gi = 0; gi < G; ++gi) {
          const T* gyg = gy + (n * g.Cout + gi * Og) * L;
          for (int64_t co = 0; co < Og; ++co) {
            T* dst = gyt.data() + (co / CB) * L * CB + co % CB;
            T s = 0;
            for (int64_t q = 0; q < L; ++q) {
              dst[q * CB] = gyg[co * L + q];
              s += gyg[co * L + q];
            }
            pb[gi * nCB * CB + co] += s;
          }
          const T* xg = x + (n * g.C + gi * Cg) * iv;
          if (padded) {
            std::fill(xpad.begin(), xpad.end(), T(0));
            for (int64_t ci = 0; ci < Cg; ++ci)
              for (int64_t d = 0; d < g.in[0]; ++d)
                for (int64_t h = 0; h < g.in[1]; ++h)
                  std::copy(xg + (ci * g.in[0] + d) * g.in[1] * g.in[2] + h * g.in[2], xg + (ci * g.in[0] + d) * g.in[1] * g.in[2] + (h + 1) * g.in[2],
                            xpad.data() + ci * plane + ((d + g.pad[0]) * P1 + h + g.pad[1]) * P2 + g.pad[2]);
            xg = xpad.data();
          }
          for (int64_t cb = 0; cb < nCB; ++cb)
            for (int64_t q0 = 0; q0 < L; q0 += kQ) {
              const int64_t qn = std::min(kQ, L - q0);
              for (int64_t t = 0; t < nrows;) {
                const int nj = nrows - t >= J ? J : 1;
                for (int j = 0; j < nj; ++j) xs[j] = xg + roff[t + j];
                (nj == J ? fj : f1)(xs.data(), base.data() + q0, qn, gyt.data() + (cb * L + q0) * CB, out.data());
                for (int j = 0; j < nj; ++j, ++t) {
                  T* dst = pw + (gi * nCB + cb) * K * CB + rdst[t];
                  for (int64_t e = 0; e < g.k[2] * CB; ++e) dst[e] += out[j * g.k[2] * CB + e];
                }
              }
            }
        }
    }
  });
  for (int64_t gi = 0; gi < G; ++gi)
    for (int64_t co = 0; co < Og; ++co) {
      if (gw != nullptr)
        for (int64_t k = 0; k < K; ++k) {
          const int64_t at = ((gi * nCB + co / CB) * K + k) * CB + co % CB;
          T s = part[at];
          for (int64_t blk = 1; blk < nb; ++blk) s += part[blk * wn + at];
          gw[(gi * Og + co) * K + k] = s;
        }
      if (gb != nullptr) {
        T s = bpart[gi * nCB * CB + co];
        for (int64_t blk = 1; blk < nb; ++blk) s += bpart[blk * bn + gi * nCB * CB + co];
        gb[gi * Og + co] = s;
      }
    }
}

}  // namespace conv_direct
}  // namespace TG_CPU_NS
}  // namespace tg
