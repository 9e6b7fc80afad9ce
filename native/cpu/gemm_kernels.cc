// GEMM compiled once per ISA (TG_CPU_NS / TG_CPU_<ISA> come from the build). See gemm.h for the contract.
//
// Note [GEMM scheme]: the GotoBLAS/BLIS loop nest, written from the published description.
//   * op(B) is packed into NR-column micro-panels (kc x NR, k-major) per KC block of rows; op(A) into
//     MR-row micro-panels (kc x MR, k-major) per MC x KC block. Transposes happen while packing (AVX-512
//     uses in-register 16x16 / 8x8 tile transposes; other ISAs scalar loops).
//   * The micro-kernel keeps an MR x NR tile of C in registers (NR = NV vectors across N): per k it loads
//     NV vectors of B and broadcasts MR values of A (one FMA each), so C is touched once per KC block.
//     AVX-512: 14 x 32 f32 / 14 x 16 f64 (28 zmm accumulators); AVX2: 6 x 16 / 6 x 8; SSE2: 3 x 16 / 2 x 8.
//   * Loop order inside a task: ic (MC rows of C) -> pc (KC) -> pack A block (L2 resident) -> jr (NR panel
//     of B, L1 resident) -> ir (MR panel of A) -> micro-kernel.
//   * One parallel_for job per call (per NC slab of B when B is very large). Its threads first pack B
//     cooperatively, claiming packing tasks from an atomic counter; a thread that runs out of tasks waits
//     only for tasks already claimed (their owners are running), so the job cannot deadlock even if the
//     pool runs the chunks one after another on one thread. Then they claim compute tasks (disjoint row
//     blocks of C, or column blocks when there are few rows), so a worker that wakes late takes less.
//   * Edge tiles use kernels instantiated for the exact row count (1..MR) and vector count (1..NV); a
//     partial last vector goes through a masked load/store (AVX-512) or a small bounce buffer.
//   * Small problems and problems with few rows read B straight from memory (no packing) when B is not
//     transposed; only a partial-vector edge panel is copied.
//   * min(M, N) <= 4 (matrix-vector like shapes) streams the big operand once, unpacked (gemv_dots /
//     gemv_axpy), since those shapes are memory bound.
//   * The path and blocking depend only on the shape (never on the thread count), and every C element is
//     computed whole by one thread, so results are bitwise identical for any thread count.
#include "cpu/gemm.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <thread>
#include <type_traits>
#include <utility>

#include "core/parallel.h"

#if TG_CPU_AVX512 || TG_CPU_AVX2
#include <immintrin.h>
#elif TG_CPU_NEON
#include <arm_neon.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define TG_GEMM_UNROLL _Pragma("GCC unroll 16")
#define TG_GEMM_INLINE inline __attribute__((always_inline))
#define TG_GEMM_RESTRICT __restrict__
#else
#define TG_GEMM_UNROLL
#define TG_GEMM_INLINE inline
#define TG_GEMM_RESTRICT
#endif

namespace tg {
namespace TG_CPU_NS {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Vector abstraction: one struct per (ISA, element type). W lanes; loadu/storeu unaligned; fma(a, b, c) =
// a * b + c; load_part/store_part touch only the first n (< W) lanes.
// ---------------------------------------------------------------------------------------------------------

#if TG_CPU_AVX512
struct VF {
  using T = float;
  using R = __m512;
  static constexpr int W = 16;
  static TG_GEMM_INLINE R zero() { return _mm512_setzero_ps(); }
  static TG_GEMM_INLINE R set1(T x) { return _mm512_set1_ps(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return _mm512_loadu_ps(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { _mm512_storeu_ps(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
  static TG_GEMM_INLINE R mul(R a, R b) { return _mm512_mul_ps(a, b); }
  static TG_GEMM_INLINE R load_part(const T* p, int n) {
    return _mm512_maskz_loadu_ps(static_cast<__mmask16>((1u << n) - 1), p);
  }
  static TG_GEMM_INLINE void store_part(T* p, R v, int n) {
    _mm512_mask_storeu_ps(p, static_cast<__mmask16>((1u << n) - 1), v);
  }
};
struct VD {
  using T = double;
  using R = __m512d;
  static constexpr int W = 8;
  static TG_GEMM_INLINE R zero() { return _mm512_setzero_pd(); }
  static TG_GEMM_INLINE R set1(T x) { return _mm512_set1_pd(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return _mm512_loadu_pd(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { _mm512_storeu_pd(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
  static TG_GEMM_INLINE R mul(R a, R b) { return _mm512_mul_pd(a, b); }
  static TG_GEMM_INLINE R load_part(const T* p, int n) {
    return _mm512_maskz_loadu_pd(static_cast<__mmask8>((1u << n) - 1), p);
  }
  static TG_GEMM_INLINE void store_part(T* p, R v, int n) {
    _mm512_mask_storeu_pd(p, static_cast<__mmask8>((1u << n) - 1), v);
  }
};
// Register tiles: 14 x 2 vectors = 28 zmm accumulators + 2 for B (A is an embedded-broadcast operand).
constexpr int kMRf = 14, kNVf = 2, kMRd = 14, kNVd = 2;
#define TG_GEMM_PAUSE() _mm_pause()

#elif TG_CPU_AVX2
// Partial loads/stores go through a bounce buffer (generic versions below).
struct VF {
  using T = float;
  using R = __m256;
  static constexpr int W = 8;
  static TG_GEMM_INLINE R zero() { return _mm256_setzero_ps(); }
  static TG_GEMM_INLINE R set1(T x) { return _mm256_set1_ps(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return _mm256_loadu_ps(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { _mm256_storeu_ps(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
  static TG_GEMM_INLINE R mul(R a, R b) { return _mm256_mul_ps(a, b); }
};
struct VD {
  using T = double;
  using R = __m256d;
  static constexpr int W = 4;
  static TG_GEMM_INLINE R zero() { return _mm256_setzero_pd(); }
  static TG_GEMM_INLINE R set1(T x) { return _mm256_set1_pd(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return _mm256_loadu_pd(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { _mm256_storeu_pd(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
  static TG_GEMM_INLINE R mul(R a, R b) { return _mm256_mul_pd(a, b); }
};
// 6 x 2 vectors = 12 ymm accumulators + 2 for B + 1 broadcast (16 registers).
constexpr int kMRf = 6, kNVf = 2, kMRd = 6, kNVd = 2;
#define TG_GEMM_PAUSE() _mm_pause()

#elif TG_CPU_NEON
struct VF {
  using T = float;
  using R = float32x4_t;
  static constexpr int W = 4;
  static TG_GEMM_INLINE R zero() { return vdupq_n_f32(0.0f); }
  static TG_GEMM_INLINE R set1(T x) { return vdupq_n_f32(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return vld1q_f32(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { vst1q_f32(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return vfmaq_f32(c, a, b); }
  static TG_GEMM_INLINE R mul(R a, R b) { return vmulq_f32(a, b); }
};
struct VD {
  using T = double;
  using R = float64x2_t;
  static constexpr int W = 2;
  static TG_GEMM_INLINE R zero() { return vdupq_n_f64(0.0); }
  static TG_GEMM_INLINE R set1(T x) { return vdupq_n_f64(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return vld1q_f64(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { vst1q_f64(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return vfmaq_f64(c, a, b); }
  static TG_GEMM_INLINE R mul(R a, R b) { return vmulq_f64(a, b); }
};
// 8 x 3 vectors = 24 q-register accumulators + 3 for B + broadcasts (32 registers).
constexpr int kMRf = 8, kNVf = 3, kMRd = 8, kNVd = 3;
#define TG_GEMM_PAUSE() std::this_thread::yield()

#elif defined(__SSE2__)
// Baseline x86-64: SSE2 has no FMA, so fma() is a multiply and an add (not fused).
struct VF {
  using T = float;
  using R = __m128;
  static constexpr int W = 4;
  static TG_GEMM_INLINE R zero() { return _mm_setzero_ps(); }
  static TG_GEMM_INLINE R set1(T x) { return _mm_set1_ps(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return _mm_loadu_ps(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { _mm_storeu_ps(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return _mm_add_ps(_mm_mul_ps(a, b), c); }
  static TG_GEMM_INLINE R mul(R a, R b) { return _mm_mul_ps(a, b); }
};
struct VD {
  using T = double;
  using R = __m128d;
  static constexpr int W = 2;
  static TG_GEMM_INLINE R zero() { return _mm_setzero_pd(); }
  static TG_GEMM_INLINE R set1(T x) { return _mm_set1_pd(x); }
  static TG_GEMM_INLINE R loadu(const T* p) { return _mm_loadu_pd(p); }
  static TG_GEMM_INLINE void storeu(T* p, R v) { _mm_storeu_pd(p, v); }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return _mm_add_pd(_mm_mul_pd(a, b), c); }
  static TG_GEMM_INLINE R mul(R a, R b) { return _mm_mul_pd(a, b); }
};
// Without FMA each update needs a temporary (two-operand SSE), so the tiles stay small: f32 3 x 4 vectors
// (12 accumulators + 4 for B), f64 2 x 4 (8 + 4); measured best among the shapes that fit 16 registers.
constexpr int kMRf = 3, kNVf = 4, kMRd = 2, kNVd = 4;
#define TG_GEMM_PAUSE() _mm_pause()

#else
// Portable scalar fallback (any other target): one-lane "vectors".
template <typename TT>
struct VScalar {
  using T = TT;
  using R = TT;
  static constexpr int W = 1;
  static TG_GEMM_INLINE R zero() { return T(0); }
  static TG_GEMM_INLINE R set1(T x) { return x; }
  static TG_GEMM_INLINE R loadu(const T* p) { return *p; }
  static TG_GEMM_INLINE void storeu(T* p, R v) { *p = v; }
  static TG_GEMM_INLINE R fma(R a, R b, R c) { return a * b + c; }
  static TG_GEMM_INLINE R mul(R a, R b) { return a * b; }
};
using VF = VScalar<float>;
using VD = VScalar<double>;
constexpr int kMRf = 4, kNVf = 4, kMRd = 4, kNVd = 4;
#define TG_GEMM_PAUSE() std::this_thread::yield()
#endif

// Partial-vector helpers: the AVX-512 structs mask; everything else bounces through a small array.
template <class V, class = void>
struct HasMask : std::false_type {};
template <class V>
struct HasMask<V, decltype(void(V::load_part(nullptr, 0)))> : std::true_type {};

template <class V>
TG_GEMM_INLINE typename V::R load_part(const typename V::T* p, int n) {
  if constexpr (HasMask<V>::value) {
    return V::load_part(p, n);
  } else {
    alignas(64) typename V::T tmp[V::W] = {};
    for (int i = 0; i < n; ++i) tmp[i] = p[i];
    return V::loadu(tmp);
  }
}
template <class V>
TG_GEMM_INLINE void store_part(typename V::T* p, typename V::R v, int n) {
  if constexpr (HasMask<V>::value) {
    V::store_part(p, v, n);
  } else {
    alignas(64) typename V::T tmp[V::W];
    V::storeu(tmp, v);
    for (int i = 0; i < n; ++i) p[i] = tmp[i];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Micro-kernel: C[0:MRE, 0:n] = alpha * sum_k a[k*AS + i] * b[k*bs + j] + beta * C  (beta == 0: C unread).
// a: packed A micro-panel (row stride AS = the full MR); b: packed panel (bs = NR) or B itself (bs = ldb).
// NVE vectors are computed; n (> (NVE-1)*W, <= NVE*W) columns are written.
// ---------------------------------------------------------------------------------------------------------
template <class V, int AS, int MRE, int NVE>
void micro_kernel(int64_t kc, const typename V::T* TG_GEMM_RESTRICT a, const typename V::T* TG_GEMM_RESTRICT b,
                  int64_t bs, typename V::T* TG_GEMM_RESTRICT c, int64_t ldc, typename V::T alpha,
                  typename V::T beta, int n) {
  using R = typename V::R;
  constexpr int W = V::W;
  R acc[MRE][NVE];
  TG_GEMM_UNROLL
  for (int i = 0; i < MRE; ++i) {
    TG_GEMM_UNROLL
    for (int v = 0; v < NVE; ++v) acc[i][v] = V::zero();
  }
  for (int64_t k = 0; k < kc; ++k) {
    R bv[NVE];
    TG_GEMM_UNROLL
    for (int v = 0; v < NVE; ++v) bv[v] = V::loadu(b + v * W);
    TG_GEMM_UNROLL
    for (int i = 0; i < MRE; ++i) {
      const R ai = V::set1(a[i]);
      TG_GEMM_UNROLL
      for (int v = 0; v < NVE; ++v) acc[i][v] = V::fma(ai, bv[v], acc[i][v]);
    }
    a += AS;
    b += bs;
  }
  const R va = V::set1(alpha);
  const int tail = n - (NVE - 1) * W;  // lanes used in the last vector, 1..W
  if (beta == 0) {
    TG_GEMM_UNROLL
    for (int i = 0; i < MRE; ++i) {
      typename V::T* ci = c + i * ldc;
      TG_GEMM_UNROLL
      for (int v = 0; v + 1 < NVE; ++v) V::storeu(ci + v * W, V::mul(va, acc[i][v]));
      if (tail == W)
        V::storeu(ci + (NVE - 1) * W, V::mul(va, acc[i][NVE - 1]));
      else
        store_part<V>(ci + (NVE - 1) * W, V::mul(va, acc[i][NVE - 1]), tail);
    }
  } else {
    const R vb = V::set1(beta);
    TG_GEMM_UNROLL
    for (int i = 0; i < MRE; ++i) {
      typename V::T* ci = c + i * ldc;
      TG_GEMM_UNROLL
      for (int v = 0; v + 1 < NVE; ++v)
        V::storeu(ci + v * W, V::fma(vb, V::loadu(ci + v * W), V::mul(va, acc[i][v])));
      typename V::T* cl = ci + (NVE - 1) * W;
      if (tail == W)
        V::storeu(cl, V::fma(vb, V::loadu(cl), V::mul(va, acc[i][NVE - 1])));
      else
        store_part<V>(cl, V::fma(vb, load_part<V>(cl, tail), V::mul(va, acc[i][NVE - 1])), tail);
    }
  }
}

template <class V>
using KernelFn = void (*)(int64_t, const typename V::T*, const typename V::T*, int64_t, typename V::T*, int64_t,
                          typename V::T, typename V::T, int);

// table[m-1][nv-1] for an MR x NV register tile (built at compile time: no load-time code).
template <class V, int MR, int NV>
struct KernelTableT {
  KernelFn<V> fn[MR][NV];
};
template <class V, int MR, int NV>
struct Kernels {
  template <int M, int NVE>
  static constexpr KernelFn<V> one() {
    return &micro_kernel<V, MR, M, NVE>;
  }
  template <int M, int... J>
  static constexpr void fill_row(KernelFn<V> (&row)[NV], std::integer_sequence<int, J...>) {
    ((row[J] = one<M, J + 1>()), ...);
  }
  template <int... I>
  static constexpr KernelTableT<V, MR, NV> build(std::integer_sequence<int, I...>) {
    KernelTableT<V, MR, NV> t{};
    (fill_row<I + 1>(t.fn[I], std::make_integer_sequence<int, NV>{}), ...);
    return t;
  }
  static constexpr KernelTableT<V, MR, NV> table = build(std::make_integer_sequence<int, MR>{});
};

// ---------------------------------------------------------------------------------------------------------
// Buffers: 64-byte aligned, cached per thread (grow-only up to a cap; larger requests are per call).
// ---------------------------------------------------------------------------------------------------------
constexpr size_t kTlsCap = size_t(32) << 20;

struct AlignedBuf {
  void* p = nullptr;
  size_t cap = 0;
  AlignedBuf() = default;
  AlignedBuf(const AlignedBuf&) = delete;
  AlignedBuf& operator=(const AlignedBuf&) = delete;
  ~AlignedBuf() { release(); }
  void release() {
    if (p) ::operator delete(p, std::align_val_t(64));
    p = nullptr;
    cap = 0;
  }
  void* get(size_t bytes) {
    if (bytes > cap) {
      release();
      bytes = (bytes + 4095) & ~size_t(4095);
      p = ::operator new(bytes, std::align_val_t(64));
      cap = bytes;
    }
    return p;
  }
};

// slot 0: the shared packed B (on the calling thread); slot 1: a thread's A block; slot 2: an edge panel.
inline void* tls_buffer(int slot, size_t bytes, AlignedBuf& fallback) {
  thread_local AlignedBuf bufs[3];
  if (bytes > kTlsCap) return fallback.get(bytes);
  return bufs[slot].get(bytes);
}

// ---------------------------------------------------------------------------------------------------------
// Packing.
// ---------------------------------------------------------------------------------------------------------

// Transposing copy of one square tile: rows r < `rows` of s (row stride ls, W elements each; missing rows
// read as zero) become, for each kk < W, `lanes` contiguous values at d + kk * ds. Only AVX-512 has one
// (the other ISAs pack with scalar loops).
#if TG_CPU_AVX512
// GCC 12's intrinsic headers trip -Wuninitialized on their own _mm512_undefined_* placeholders.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
constexpr bool kHasTileTranspose = true;
inline void tile_transpose(const float* s, int64_t ls, int rows, int lanes, float* d, int64_t ds) {
  __m512 r[16], t[16];
  for (int i = 0; i < 16; ++i) r[i] = i < rows ? _mm512_loadu_ps(s + i * ls) : _mm512_setzero_ps();
  // 32-bit interleave within 128-bit lanes, then 64-bit, then 128-bit lane shuffles.
  for (int j = 0; j < 8; ++j) {
    t[2 * j] = _mm512_unpacklo_ps(r[2 * j], r[2 * j + 1]);
    t[2 * j + 1] = _mm512_unpackhi_ps(r[2 * j], r[2 * j + 1]);
  }
  for (int g = 0; g < 4; ++g) {
    const __m512d t0 = _mm512_castps_pd(t[4 * g]), t1 = _mm512_castps_pd(t[4 * g + 1]);
    const __m512d t2 = _mm512_castps_pd(t[4 * g + 2]), t3 = _mm512_castps_pd(t[4 * g + 3]);
    r[4 * g + 0] = _mm512_castpd_ps(_mm512_unpacklo_pd(t0, t2));
    r[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(t0, t2));
    r[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(t1, t3));
    r[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(t1, t3));
  }
  // r[4g + c] lane L now holds column c + 4L of rows 4g..4g+3.
  const __mmask16 m = static_cast<__mmask16>((1u << lanes) - 1);
  for (int c = 0; c < 4; ++c) {
    const __m512 v0 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0x44), v1 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0xEE);
    const __m512 w0 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0x44);
    const __m512 w1 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0xEE);
    const __m512 o[4] = {_mm512_shuffle_f32x4(v0, w0, 0x88), _mm512_shuffle_f32x4(v0, w0, 0xDD),
                         _mm512_shuffle_f32x4(v1, w1, 0x88), _mm512_shuffle_f32x4(v1, w1, 0xDD)};
    for (int L = 0; L < 4; ++L) {
      float* dst = d + (c + 4 * L) * ds;
      if (lanes == 16)
        _mm512_storeu_ps(dst, o[L]);
      else
        _mm512_mask_storeu_ps(dst, m, o[L]);
    }
  }
}
inline void tile_transpose(const double* s, int64_t ls, int rows, int lanes, double* d, int64_t ds) {
  __m512d r[8], t[8];
  for (int i = 0; i < 8; ++i) r[i] = i < rows ? _mm512_loadu_pd(s + i * ls) : _mm512_setzero_pd();
  for (int j = 0; j < 4; ++j) {
    t[2 * j] = _mm512_unpacklo_pd(r[2 * j], r[2 * j + 1]);      // (a0 b0 | a2 b2 | a4 b4 | a6 b6)
    t[2 * j + 1] = _mm512_unpackhi_pd(r[2 * j], r[2 * j + 1]);  // (a1 b1 | a3 b3 | a5 b5 | a7 b7)
  }
  // Rows 0-3 from t0..t3, rows 4-7 from t4..t7: s[e][h] covers columns e + 4h' and e + 4 for even/odd e.
  const __m512d s0 = _mm512_shuffle_f64x2(t[0], t[2], 0x88), s1 = _mm512_shuffle_f64x2(t[0], t[2], 0xDD);
  const __m512d s2 = _mm512_shuffle_f64x2(t[1], t[3], 0x88), s3 = _mm512_shuffle_f64x2(t[1], t[3], 0xDD);
  const __m512d q0 = _mm512_shuffle_f64x2(t[4], t[6], 0x88), q1 = _mm512_shuffle_f64x2(t[4], t[6], 0xDD);
  const __m512d q2 = _mm512_shuffle_f64x2(t[5], t[7], 0x88), q3 = _mm512_shuffle_f64x2(t[5], t[7], 0xDD);
  __m512d o[8];
  o[0] = _mm512_shuffle_f64x2(s0, q0, 0x88);
  o[4] = _mm512_shuffle_f64x2(s0, q0, 0xDD);
  o[2] = _mm512_shuffle_f64x2(s1, q1, 0x88);
  o[6] = _mm512_shuffle_f64x2(s1, q1, 0xDD);
  o[1] = _mm512_shuffle_f64x2(s2, q2, 0x88);
  o[5] = _mm512_shuffle_f64x2(s2, q2, 0xDD);
  o[3] = _mm512_shuffle_f64x2(s3, q3, 0x88);
  o[7] = _mm512_shuffle_f64x2(s3, q3, 0xDD);
  const __mmask8 m = static_cast<__mmask8>((1u << lanes) - 1);
  for (int c = 0; c < 8; ++c) {
    if (lanes == 8)
      _mm512_storeu_pd(d + c * ds, o[c]);
    else
      _mm512_mask_storeu_pd(d + c * ds, m, o[c]);
  }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#else
constexpr bool kHasTileTranspose = false;
template <typename T>
inline void tile_transpose(const T*, int64_t, int, int, T*, int64_t) {}
#endif

// Transposing pack of R rows (r < rows valid, the rest zero) of s (row stride ls) over kc columns:
// d[k * R + r] = s[r * ls + k].
template <class V, int R>
void pack_transposed(const typename V::T* s, int64_t ls, int rows, int64_t kc, typename V::T* d) {
  using T = typename V::T;
  constexpr int W = V::W;
  int64_t k = 0;
  if constexpr (kHasTileTranspose) {
    for (; k + W <= kc; k += W) {
      for (int rb = 0; rb < R; rb += W)
        tile_transpose(s + rb * ls + k, ls, std::max(0, std::min(W, rows - rb)), std::min(W, R - rb),
                       d + k * R + rb, R);
    }
  }
  if (rows == R) {
    for (; k + 8 <= kc; k += 8) {
      TG_GEMM_UNROLL
      for (int r = 0; r < R; ++r) {
        const T* sr = s + r * ls + k;
        TG_GEMM_UNROLL
        for (int kk = 0; kk < 8; ++kk) d[(k + kk) * R + r] = sr[kk];
      }
    }
  }
  for (; k < kc; ++k) {
    for (int r = 0; r < rows; ++r) d[k * R + r] = s[r * ls + k];
    for (int r = rows; r < R; ++r) d[k * R + r] = T(0);
  }
}

// op(A)[i0:i0+mc, p0:p0+kc] -> MR-row micro-panels, each kc x MR (k-major), zero-padded to MR rows.
template <class V, int MR, typename T = typename V::T>
void pack_a(bool transA, const T* A, int64_t lda, int64_t i0, int64_t mc, int64_t p0, int64_t kc, T* dst) {
  for (int64_t ir = 0; ir < mc; ir += MR) {
    const int m = static_cast<int>(std::min<int64_t>(MR, mc - ir));
    T* d = dst + ir * kc;
    if (transA) {
      // A stored K x M: row k holds the MR values contiguously.
      const T* s = A + p0 * lda + (i0 + ir);
      if (m == MR) {
        for (int64_t k = 0; k < kc; ++k) {
          TG_GEMM_UNROLL
          for (int i = 0; i < MR; ++i) d[k * MR + i] = s[k * lda + i];
        }
      } else {
        for (int64_t k = 0; k < kc; ++k) {
          for (int i = 0; i < m; ++i) d[k * MR + i] = s[k * lda + i];
          for (int i = m; i < MR; ++i) d[k * MR + i] = T(0);
        }
      }
    } else {
      // A stored M x K: a transposing copy of m rows.
      pack_transposed<V, MR>(A + (i0 + ir) * lda + p0, lda, m, kc, d);
    }
  }
}

// op(B)[p0:p0+kc, j0:j0+n] (n <= NR) -> one kc x NR micro-panel (k-major), zero-padded to NR columns.
template <class V, int NR, typename T = typename V::T>
void pack_b_panel(bool transB, const T* B, int64_t ldb, int64_t p0, int64_t kc, int64_t j0, int n, T* d) {
  if (!transB) {
    const T* s = B + p0 * ldb + j0;
    if (n == NR) {
      for (int64_t k = 0; k < kc; ++k) std::memcpy(d + k * NR, s + k * ldb, sizeof(T) * NR);
    } else {
      for (int64_t k = 0; k < kc; ++k) {
        std::memcpy(d + k * NR, s + k * ldb, sizeof(T) * n);
        for (int j = n; j < NR; ++j) d[k * NR + j] = T(0);
      }
    }
  } else {
    // B stored N x K: column j of op(B) is row j of B, so this is a transposing copy of n rows.
    pack_transposed<V, NR>(B + j0 * ldb + p0, ldb, n, kc, d);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Driver.
// ---------------------------------------------------------------------------------------------------------

template <class V, int MR, int NV>
struct Gemm {
  using T = typename V::T;
  static constexpr int W = V::W;
  static constexpr int NR = NV * W;
  // KC: a kc x NR panel of B (32 KiB) stays in L1 while A micro-panels stream through from L2.
  // MC: an MC x KC block of A (~336 KiB) stays in L2. Tuned on Zen 5 (48 KiB L1d, 1 MiB L2 per core);
  // the measured optimum is flat around these values.
  static constexpr int64_t KC = std::max<int64_t>(128, std::min<int64_t>(512, (32768 / sizeof(T)) / NR));
  static constexpr int64_t MC = std::max<int64_t>(1, (344064 / sizeof(T)) / KC / MR) * MR;
  // Cap on the packed-B slab (elements); a wider B is processed in NC-column slabs, one job each.
  static constexpr int64_t kMaxPackedB = (int64_t(16) << 20) / sizeof(T);

  struct Args {
    bool transA, transB;
    int64_t M, N, K;
    T alpha;
    const T* A;
    int64_t lda;
    const T* B;
    int64_t ldb;
    T beta;
    T* C;
    int64_t ldc;
  };

  // Where the kernel reads B for rows [p0, p0+kc) and columns [j, j+n) of op(B).
  struct BSource {
    const T* packed;  // null: read B directly (requires !transB)
    int64_t jbase;    // first column of the packed slab
    int64_t npad;     // packed slab width, a multiple of NR
  };

  static void scale_c(const Args& g) {
    for (int64_t i = 0; i < g.M; ++i) {
      T* c = g.C + i * g.ldc;
      if (g.beta == T(0))
        std::fill(c, c + g.N, T(0));
      else if (g.beta != T(1))
        for (int64_t j = 0; j < g.N; ++j) c[j] *= g.beta;
    }
  }

  // C[m0:m1, n0:n1] (n0 a multiple of NR from the slab base when packed).
  static void compute(const Args& g, const BSource& bsrc, int64_t m0, int64_t m1, int64_t n0, int64_t n1) {
    if (m0 >= m1 || n0 >= n1) return;
    constexpr auto& kt = Kernels<V, MR, NV>::table;
    const int64_t kc_max = std::min<int64_t>(KC, g.K);
    const int64_t mc_max = std::min<int64_t>(MC, (m1 - m0 + MR - 1) / MR * MR);
    AlignedBuf fa, fe;
    T* abuf = static_cast<T*>(tls_buffer(1, sizeof(T) * size_t(mc_max * kc_max), fa));
    T* ebuf = nullptr;
    if (!bsrc.packed) ebuf = static_cast<T*>(tls_buffer(2, sizeof(T) * size_t(kc_max * NR), fe));
    for (int64_t ic = m0; ic < m1; ic += MC) {
      const int64_t mc = std::min<int64_t>(MC, m1 - ic);
      for (int64_t pc = 0; pc < g.K; pc += KC) {
        const int64_t kc = std::min<int64_t>(KC, g.K - pc);
        pack_a<V, MR>(g.transA, g.A, g.lda, ic, mc, pc, kc, abuf);
        const T beta = pc == 0 ? g.beta : T(1);
        for (int64_t jr = n0; jr < n1; jr += NR) {
          const int n = static_cast<int>(std::min<int64_t>(NR, n1 - jr));
          const int nv = (n + W - 1) / W;
          const T* bp;
          int64_t bs;
          if (bsrc.packed) {
            bp = bsrc.packed + pc * bsrc.npad + (jr - bsrc.jbase) * kc;
            bs = NR;
          } else if (n % W == 0) {
            bp = g.B + pc * g.ldb + jr;
            bs = g.ldb;
          } else {
            // Partial last vector: copy the edge panel so the kernel never reads past the row.
            pack_b_panel<V, NR>(false, g.B, g.ldb, pc, kc, jr, n, ebuf);
            bp = ebuf;
            bs = NR;
          }
          for (int64_t ir = 0; ir < mc; ir += MR) {
            const int m = static_cast<int>(std::min<int64_t>(MR, mc - ir));
            kt.fn[m - 1][nv - 1](kc, abuf + ir * kc, bp, bs, g.C + (ic + ir) * g.ldc + jr, g.ldc, g.alpha, beta,
                                 n);
          }
        }
      }
    }
  }

  // One job over a column slab [j0, j1): cooperative packing of B (unless direct), then compute tasks.
  // Both phases hand out work from atomic counters, so a worker that wakes late simply takes less; each
  // compute task owns a disjoint block of C (a range of rows across the slab, or of columns when there
  // are too few rows), and a row task packs only its own rows of A.
  static void run_slab(const Args& g, int nt, bool direct, int64_t j0, int64_t j1, T* bpack) {
    const int64_t ns = j1 - j0;
    const int64_t npanels = (ns + NR - 1) / NR;
    const int64_t npad = npanels * NR;
    const int64_t npc = (g.K + KC - 1) / KC;
    constexpr int64_t kGroup = 4;  // B panels per packing task
    const int64_t ngroups = (npanels + kGroup - 1) / kGroup;
    const int64_t ntasks = direct ? 0 : npc * ngroups;
    const int64_t mp = (g.M + MR - 1) / MR;
    // Compute tasks: about 4 per thread (for balance when a worker starts late), rows preferred.
    int64_t rows_per = mp, cols_per = npanels;  // in MR / NR units
    if (nt > 1) {
      const int64_t want = 4 * int64_t(nt);
      if (mp >= 2 * int64_t(nt)) {
        rows_per = std::max<int64_t>(2, (mp + want - 1) / want);
      } else {
        cols_per = std::max<int64_t>(1, (npanels + want - 1) / want);
      }
    }
    const int64_t nrt = (mp + rows_per - 1) / rows_per, nct = (npanels + cols_per - 1) / cols_per;
    const int64_t ctasks = nrt * nct;
    std::atomic<int64_t> next{0}, done{0}, cnext{0};
    BSource bsrc{direct ? nullptr : bpack, j0, npad};

    auto pack_task = [&](int64_t t) {
      const int64_t pcb = t / ngroups, grp = t % ngroups;
      const int64_t pc = pcb * KC, kc = std::min<int64_t>(KC, g.K - pc);
      const int64_t pe = std::min(npanels, (grp + 1) * kGroup);
      for (int64_t p = grp * kGroup; p < pe; ++p) {
        const int64_t j = j0 + p * NR;
        const int n = static_cast<int>(std::min<int64_t>(NR, j1 - j));
        pack_b_panel<V, NR>(g.transB, g.B, g.ldb, pc, kc, j, n, bpack + pc * npad + p * NR * kc);
      }
    };
    auto part = [&]() {
      if (ntasks) {
        for (;;) {
          const int64_t t = next.fetch_add(1, std::memory_order_relaxed);
          if (t >= ntasks) break;
          pack_task(t);
          done.fetch_add(1, std::memory_order_release);
        }
        // Remaining tasks were claimed by threads that are running them; wait for them to finish.
        for (int spins = 0; done.load(std::memory_order_acquire) < ntasks; ++spins) {
          if (spins < 4096)
            TG_GEMM_PAUSE();
          else
            std::this_thread::yield();
        }
      }
      for (;;) {
        const int64_t t = cnext.fetch_add(1, std::memory_order_relaxed);
        if (t >= ctasks) break;
        const int64_t rt = t % nrt, ct = t / nrt;
        const int64_t mb = rt * rows_per * MR, me = std::min(g.M, mb + rows_per * MR);
        const int64_t nb = ct * cols_per * NR, ne = std::min(ns, nb + cols_per * NR);
        compute(g, bsrc, mb, me, j0 + nb, j0 + ne);
      }
    };
    if (nt == 1 || ctasks == 1) {
      part();
    } else {
      parallel_for(0, nt, 1, [&](int64_t b, int64_t e) {
        for (int64_t p = b; p < e; ++p) part();
      });
    }
  }

  // ---- few-vector shapes (M or N <= kFew): memory bound, so stream the matrix once, unpacked ----
  static constexpr int kFew = 4;

  static TG_GEMM_INLINE T hsum(typename V::R x) {
#if TG_CPU_NEON
    if constexpr (sizeof(T) == 4)
      return vaddvq_f32(x);
    else
      return vaddvq_f64(x);
#elif TG_CPU_AVX512 || TG_CPU_AVX2 || defined(__SSE2__)
    // Through memory in 128-bit pieces (the store forwards to the contained loads).
    alignas(64) T t[W];
    V::storeu(t, x);
    if constexpr (sizeof(T) == 4) {
      __m128 r = _mm_load_ps(t);
      for (int i = 4; i < W; i += 4) r = _mm_add_ps(r, _mm_load_ps(t + i));
      r = _mm_add_ps(r, _mm_movehl_ps(r, r));
      r = _mm_add_ss(r, _mm_shuffle_ps(r, r, 1));
      return _mm_cvtss_f32(r);
    } else {
      __m128d r = _mm_load_pd(t);
      for (int i = 2; i < W; i += 2) r = _mm_add_pd(r, _mm_load_pd(t + i));
      r = _mm_add_sd(r, _mm_unpackhi_pd(r, r));
      return _mm_cvtsd_f64(r);
    }
#else
    T s = x;
    return s;
#endif
  }

  // out[m][r * os] = alpha * dot(X[r, 0:K], v[m]) + beta * out[m][r * os] for r < R, m < NVEC (v[m] contiguous).
  template <int NVEC>
  static void gemv_dots(int64_t R, int64_t K, const T* X, int64_t ldx, const T* const* v, T alpha, T beta,
                        T* const* out, int64_t os) {
    constexpr int RB = 4, U = NVEC == 1 ? 2 : 1;  // rows of X per step; k unroll for independent chains
    for (int64_t r0 = 0; r0 < R; r0 += RB) {
      const int rb = static_cast<int>(std::min<int64_t>(RB, R - r0));
      typename V::R acc[RB][NVEC][U];
      T tail[RB][NVEC] = {};
      TG_GEMM_UNROLL
      for (int i = 0; i < RB; ++i)
        TG_GEMM_UNROLL
        for (int m = 0; m < NVEC; ++m)
          TG_GEMM_UNROLL
          for (int u = 0; u < U; ++u) acc[i][m][u] = V::zero();
      const T* x[RB];
      for (int i = 0; i < RB; ++i) x[i] = X + (r0 + std::min(i, rb - 1)) * ldx;
      int64_t k = 0;
      for (; k + U * W <= K; k += U * W) {
        TG_GEMM_UNROLL
        for (int u = 0; u < U; ++u) {
          typename V::R vv[NVEC];
          TG_GEMM_UNROLL
          for (int m = 0; m < NVEC; ++m) vv[m] = V::loadu(v[m] + k + u * W);
          TG_GEMM_UNROLL
          for (int i = 0; i < RB; ++i) {
            const typename V::R xi = V::loadu(x[i] + k + u * W);
            TG_GEMM_UNROLL
            for (int m = 0; m < NVEC; ++m) acc[i][m][u] = V::fma(xi, vv[m], acc[i][m][u]);
          }
        }
      }
      for (; k < K; ++k)
        for (int i = 0; i < RB; ++i)
          for (int m = 0; m < NVEC; ++m) tail[i][m] += x[i][k] * v[m][k];
      for (int i = 0; i < rb; ++i)
        for (int m = 0; m < NVEC; ++m) {
          typename V::R t = acc[i][m][0];
          for (int u = 1; u < U; ++u) t = V::fma(V::set1(T(1)), acc[i][m][u], t);
          const T d = hsum(t) + tail[i][m];
          T* o = out[m] + (r0 + i) * os;
          *o = beta == T(0) ? alpha * d : alpha * d + beta * *o;
        }
    }
  }

  // out[m][l * os] = alpha * sum_k v[m][k * vs] * X[k, l] + beta * out[m][l * os] for l < L, m < NVEC.
  template <int NVEC>
  static void gemv_axpy(int64_t L, int64_t K, const T* X, int64_t ldx, const T* const* v, int64_t vs, T alpha,
                        T beta, T* const* out, int64_t os) {
    constexpr int64_t LB = 1024;
    alignas(64) T y[NVEC][LB];
    for (int64_t l0 = 0; l0 < L; l0 += LB) {
      const int64_t lb = std::min(LB, L - l0), lv = lb / W * W;
      for (int m = 0; m < NVEC; ++m) std::fill(y[m], y[m] + lb, T(0));
      const T* x = X + l0;
      int64_t k = 0;
      for (; k + 4 <= K; k += 4) {
        const T* x0 = x + k * ldx;
        const T* x1 = x0 + ldx;
        const T* x2 = x1 + ldx;
        const T* x3 = x2 + ldx;
        T s[NVEC][4];
        typename V::R a[NVEC][4];
        for (int m = 0; m < NVEC; ++m)
          for (int q = 0; q < 4; ++q) {
            s[m][q] = v[m][(k + q) * vs];
            a[m][q] = V::set1(s[m][q]);
          }
        for (int64_t j = 0; j < lv; j += W) {
          const typename V::R b0 = V::loadu(x0 + j), b1 = V::loadu(x1 + j), b2 = V::loadu(x2 + j),
                              b3 = V::loadu(x3 + j);
          TG_GEMM_UNROLL
          for (int m = 0; m < NVEC; ++m) {
            typename V::R t = V::fma(a[m][0], b0, V::loadu(y[m] + j));
            t = V::fma(a[m][1], b1, t);
            t = V::fma(a[m][2], b2, t);
            V::storeu(y[m] + j, V::fma(a[m][3], b3, t));
          }
        }
        for (int m = 0; m < NVEC; ++m)
          for (int64_t j = lv; j < lb; ++j)
            y[m][j] = (((y[m][j] + s[m][0] * x0[j]) + s[m][1] * x1[j]) + s[m][2] * x2[j]) + s[m][3] * x3[j];
      }
      for (; k < K; ++k) {
        const T* x0 = x + k * ldx;
        for (int m = 0; m < NVEC; ++m) {
          const T s0 = v[m][k * vs];
          const typename V::R a0 = V::set1(s0);
          for (int64_t j = 0; j < lv; j += W) V::storeu(y[m] + j, V::fma(a0, V::loadu(x0 + j), V::loadu(y[m] + j)));
          for (int64_t j = lv; j < lb; ++j) y[m][j] += s0 * x0[j];
        }
      }
      for (int m = 0; m < NVEC; ++m) {
        T* o = out[m] + l0 * os;
        if (beta == T(0))
          for (int64_t j = 0; j < lb; ++j) o[j * os] = alpha * y[m][j];
        else
          for (int64_t j = 0; j < lb; ++j) o[j * os] = alpha * y[m][j] + beta * o[j * os];
      }
    }
  }

  template <int NVEC>
  static void few_range(bool dots, int64_t b, int64_t e, int64_t K, const T* X, int64_t ldx, const T* const* v,
                        int64_t vs, T alpha, T beta, T* const* out, int64_t os) {
    T* o[NVEC];
    for (int m = 0; m < NVEC; ++m) o[m] = out[m] + b * os;
    if (dots)
      gemv_dots<NVEC>(e - b, K, X + b * ldx, ldx, v, alpha, beta, o, os);
    else
      gemv_axpy<NVEC>(e - b, K, X + b, ldx, v, vs, alpha, beta, o, os);
  }

  // min(M, N) <= kFew: C holds nv <= kFew vectors y_m = op(X) v_m (rows of C when M is small, columns when
  // N is small). Work is split over the outputs of each vector; every output is computed whole by one thread.
  static void run_few(const Args& g, int nt) {
    const bool row = g.M <= g.N;  // vectors are rows of C (stride 1), else columns (stride ldc)
    const int nv = static_cast<int>(row ? g.M : g.N);
    const int64_t len = row ? g.N : g.M;
    const int64_t os = row ? 1 : g.ldc;
    const bool mat_trans = row ? g.transB : g.transA;
    const T* X = row ? g.B : g.A;
    const int64_t ldx = row ? g.ldb : g.lda;
    // Vector m: row case opA(m, :) = transA ? A[k*lda + m] : A[m*lda + k]; column case
    // opB(:, m) = transB ? B[m*ldb + k] : B[k*ldb + m].
    const T* vbase[kFew];
    T* out[kFew];
    int64_t vs;
    if (row) {
      vs = g.transA ? g.lda : 1;
      for (int m = 0; m < nv; ++m) {
        vbase[m] = g.A + (g.transA ? m : m * g.lda);
        out[m] = g.C + m * g.ldc;
      }
    } else {
      vs = g.transB ? 1 : g.ldb;
      for (int m = 0; m < nv; ++m) {
        vbase[m] = g.B + (g.transB ? m * g.ldb : m);
        out[m] = g.C + m;
      }
    }
    // Dots when each output reads a contiguous row of X; they need contiguous vectors.
    const bool dots = row ? mat_trans : !mat_trans;
    AlignedBuf fv;
    if (dots && vs != 1) {
      T* t = static_cast<T*>(tls_buffer(2, sizeof(T) * size_t(g.K * nv), fv));
      for (int m = 0; m < nv; ++m) {
        for (int64_t k = 0; k < g.K; ++k) t[m * g.K + k] = vbase[m][k * vs];
        vbase[m] = t + m * g.K;
      }
      vs = 1;
    }
    auto chunk = [&](int64_t b, int64_t e) {
      switch (nv) {
        case 1: few_range<1>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
        case 2: few_range<2>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
        case 3: few_range<3>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
        default: few_range<4>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
      }
    };
    constexpr int64_t kUnit = 64;  // outputs per split unit (keeps axpy chunks vector aligned)
    const int64_t units = (len + kUnit - 1) / kUnit;
    if (nt <= 1 || units < 2 || double(len) * double(g.K) * nv < double(1 << 18)) {
      chunk(0, len);
      return;
    }
    parallel_for(0, units, 1, [&](int64_t ub, int64_t ue) { chunk(ub * kUnit, std::min(len, ue * kUnit)); });
  }

  static void run(const Args& g) {
    if (g.M <= 0 || g.N <= 0) return;
    if (g.K <= 0 || g.alpha == T(0)) {
      scale_c(g);
      return;
    }
    const double flops = 2.0 * double(g.M) * double(g.N) * double(g.K);
    int nt = in_parallel_region() ? 1 : get_num_threads();
    // Few-vector shapes: always for a single row/column or few columns (a GEMM tile would be mostly padding);
    // for few rows once the matrix is big enough that streaming it beats the register-tiled direct path.
    if (std::min(g.M, g.N) <= kFew &&
        (g.N <= kFew || g.M == 1 || double(g.N) * double(g.K) >= 16384.0)) {
      run_few(g, nt);
      return;
    }
    // Below ~2 * 160^3 flops (~35 us on one core) waking a pool worker (10-30 us on this VM) does not pay.
    if (flops < 8e6) nt = 1;
    // Keep at least a few register tiles per thread.
    const int64_t tiles = ((g.M + MR - 1) / MR) * ((g.N + NR - 1) / NR);
    nt = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(nt, tiles / 4)));
    // Direct B (no packing) when B is not transposed and packing would not pay off: few rows of C to
    // reuse each packed panel, or a problem small enough to live in L1/L2.
    const bool direct = !g.transB && (g.M <= 2 * MR || (g.K <= 96 && g.N <= 96) || flops <= 2.0 * 64 * 64 * 64);
    if (direct) {
      run_slab(g, nt, true, 0, g.N, nullptr);
      return;
    }
    const int64_t kpad = g.K;
    int64_t nc = std::max<int64_t>(NR, kMaxPackedB / std::max<int64_t>(kpad, 1) / NR * NR);
    if (nc >= g.N) nc = (g.N + NR - 1) / NR * NR;
    AlignedBuf fb;
    T* bpack = static_cast<T*>(tls_buffer(0, sizeof(T) * size_t(kpad * nc), fb));
    for (int64_t j0 = 0; j0 < g.N; j0 += nc) run_slab(g, nt, false, j0, std::min(g.N, j0 + nc), bpack);
  }
};

using GemmF = Gemm<VF, kMRf, kNVf>;
using GemmD = Gemm<VD, kMRd, kNVd>;

}  // namespace

void gemm_f32(bool transA, bool transB, int64_t M, int64_t N, int64_t K, float alpha, const float* A, int64_t lda,
              const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
  GemmF::run(GemmF::Args{transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc});
}

void gemm_f64(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha, const double* A,
              int64_t lda, const double* B, int64_t ldb, double beta, double* C, int64_t ldc) {
  GemmD::run(GemmD::Args{transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc});
}

}  // namespace TG_CPU_NS
}  // namespace tg
