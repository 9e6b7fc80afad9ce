// GEMM register tiles and micro-kernels, written once over Vec<T> (see Note [GEMM scheme] in gemm_kernels.cc).
// Included by gemm_kernels.cc only, which is compiled once per ISA.
#pragma once
#include <cstdint>
#include <utility>

#include "cpu/vec/vec.h"

#if defined(__GNUC__)
#define TG_GEMM_UNROLL _Pragma("GCC unroll 16")
#define TG_GEMM_UNROLL_K _Pragma("GCC unroll 4")
#define TG_GEMM_PREFETCH(p) __builtin_prefetch(p)
#define TG_GEMM_INLINE inline __attribute__((always_inline))
#define TG_GEMM_RESTRICT __restrict__
#else
#define TG_GEMM_UNROLL
#define TG_GEMM_UNROLL_K
#define TG_GEMM_PREFETCH(p) ((void)(p))
#define TG_GEMM_INLINE inline
#define TG_GEMM_RESTRICT
#endif

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

// Register tile per ISA: MR rows of C by NV vectors of Vec<T> (NR = NV * size() columns).
template <typename T> struct Tile;
#if TG_CPU_AVX512
// 14 x 2 vectors = 28 zmm accumulators + 2 for B (A is an embedded-broadcast operand).
template <typename T> struct Tile { static constexpr int MR = 14, NV = 2; };
#elif TG_CPU_AVX2
// 6 x 2 vectors = 12 ymm accumulators + 2 for B + 1 broadcast (16 registers).
template <typename T> struct Tile { static constexpr int MR = 6, NV = 2; };
#elif TG_CPU_NEON
// 8 x 3 vectors = 24 q-register accumulators + 3 for B + broadcasts (32 registers).
template <typename T> struct Tile { static constexpr int MR = 8, NV = 3; };
#else
// Default: the SSE2 Vec (8 floats / 4 doubles in two xmm registers each, Note [SSE2 Vec]; baseline x86-64 has
// no FMA, so muladd needs a temporary): f32 3 x 16 columns (12 xmm accumulators + 4 for B), f64 2 x 8 (8 + 4);
// measured best among the shapes that fit 16 registers.
template <> struct Tile<float> { static constexpr int MR = 3, NV = 2; };
template <> struct Tile<double> { static constexpr int MR = 2, NV = 2; };
#endif

// C[0:MRE, 0:n] = alpha * sum_k a[k*AS + i] * b[k*bs + j] + beta * C  (beta == 0: C unread).
// a: packed A micro-panel (row stride AS = the full MR); b: packed panel (bs = NR) or B itself (bs = ldb).
// NVE vectors are computed; n (> (NVE-1)*W, <= NVE*W) columns are written, the last vector through a masked
// store when it is partial.
template <typename T, int AS, int MRE, int NVE>
void micro_kernel(int64_t kc, const T* TG_GEMM_RESTRICT a, const T* TG_GEMM_RESTRICT b, int64_t bs,
                  T* TG_GEMM_RESTRICT c, int64_t ldc, T alpha, T beta, int n) {
  using V = Vec<T>;
  constexpr int W = V::size();
  V acc[MRE][NVE];
  // Note [GEMM k loop]: the k loop is unrolled by 4 (one loop counter and pointer update per 4 steps, which
  // otherwise share the FMA ports) and prefetches the A micro-panel kPrefetchA steps ahead (the next panel's
  // first lines at a panel's end). Measured on AVX-512 f32 14 x 32, B panels from L2 (docs/performance.md,
  // "gemm"): median 151 against 135 GFLOP/s; no change to the summation order.
  constexpr int64_t kPrefetchA = 32;
  TG_GEMM_UNROLL_K
  for (int64_t k = 0; k < kc; ++k) {
    TG_GEMM_PREFETCH(a + kPrefetchA * AS);
    V bv[NVE];
    TG_GEMM_UNROLL
    for (int v = 0; v < NVE; ++v) bv[v] = V::loadu(b + v * W);
    TG_GEMM_UNROLL
    for (int i = 0; i < MRE; ++i) {
      const V ai(a[i]);
      TG_GEMM_UNROLL
      for (int v = 0; v < NVE; ++v) acc[i][v] = muladd(ai, bv[v], acc[i][v]);
    }
    a += AS;
    b += bs;
  }
  const V va(alpha);
  const int tail = n - (NVE - 1) * W;  // lanes used in the last vector, 1..W
  if (beta == 0) {
    TG_GEMM_UNROLL
    for (int i = 0; i < MRE; ++i) {
      T* ci = c + i * ldc;
      TG_GEMM_UNROLL
      for (int v = 0; v + 1 < NVE; ++v) (va * acc[i][v]).storeu(ci + v * W);
      if (tail == W)
        (va * acc[i][NVE - 1]).storeu(ci + (NVE - 1) * W);
      else
        (va * acc[i][NVE - 1]).storeu(ci + (NVE - 1) * W, tail);
    }
  } else {
    const V vb(beta);
    TG_GEMM_UNROLL
    for (int i = 0; i < MRE; ++i) {
      T* ci = c + i * ldc;
      TG_GEMM_UNROLL
      for (int v = 0; v + 1 < NVE; ++v) muladd(vb, V::loadu(ci + v * W), va * acc[i][v]).storeu(ci + v * W);
      T* cl = ci + (NVE - 1) * W;
      if (tail == W)
        muladd(vb, V::loadu(cl), va * acc[i][NVE - 1]).storeu(cl);
      else
        muladd(vb, V::loadu(cl, tail), va * acc[i][NVE - 1]).storeu(cl, tail);
    }
  }
}

template <typename T>
using KernelFn = void (*)(int64_t, const T*, const T*, int64_t, T*, int64_t, T, T, int);

// fn[m-1][nv-1]: the kernel for an m-row, nv-vector edge of an MR x NV tile (built at compile time: no
// load-time code).
template <typename T, int MR, int NV>
struct KernelTableT {
  KernelFn<T> fn[MR][NV];
};
template <typename T, int MR, int NV>
struct Kernels {
  template <int M, int... J>
  static constexpr void fill_row(KernelFn<T> (&row)[NV], std::integer_sequence<int, J...>) {
    ((row[J] = &micro_kernel<T, MR, M, J + 1>), ...);
  }
  template <int... I>
  static constexpr KernelTableT<T, MR, NV> build(std::integer_sequence<int, I...>) {
    KernelTableT<T, MR, NV> t{};
    (fill_row<I + 1>(t.fn[I], std::make_integer_sequence<int, NV>{}), ...);
    return t;
  }
  static constexpr KernelTableT<T, MR, NV> table = build(std::make_integer_sequence<int, MR>{});
};

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
