// GEMM's few-vector kernels: min(M, N) <= 4 products stream the big operand once, unpacked, since those
// shapes are memory bound (see Note [GEMM scheme] in gemm_kernels.cc). Included by gemm_kernels.cc only.
#pragma once
#include <algorithm>
#include <cstdint>

#include "cpu/gemm/micro_kernel.h"

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

// out[m][r * os] = alpha * dot(X[r, 0:K], v[m]) + beta * out[m][r * os] for r < R, m < NVEC (v[m] contiguous).
template <typename T, int NVEC>
void gemv_dots(int64_t R, int64_t K, const T* X, int64_t ldx, const T* const* v, T alpha, T beta, T* const* out,
               int64_t os) {
  using V = Vec<T>;
  constexpr int W = V::size();
  constexpr int RB = 4, U = NVEC == 1 ? 2 : 1;  // rows of X per step; k unroll for independent chains
  for (int64_t r0 = 0; r0 < R; r0 += RB) {
    const int rb = static_cast<int>(std::min<int64_t>(RB, R - r0));
    V acc[RB][NVEC][U];
    T tail[RB][NVEC] = {};
    const T* x[RB];
    for (int i = 0; i < RB; ++i) x[i] = X + (r0 + std::min(i, rb - 1)) * ldx;
    int64_t k = 0;
    for (; k + U * W <= K; k += U * W) {
      TG_GEMM_UNROLL
      for (int u = 0; u < U; ++u) {
        V vv[NVEC];
        TG_GEMM_UNROLL
        for (int m = 0; m < NVEC; ++m) vv[m] = V::loadu(v[m] + k + u * W);
        TG_GEMM_UNROLL
        for (int i = 0; i < RB; ++i) {
          const V xi = V::loadu(x[i] + k + u * W);
          TG_GEMM_UNROLL
          for (int m = 0; m < NVEC; ++m) acc[i][m][u] = muladd(xi, vv[m], acc[i][m][u]);
        }
      }
    }
    for (; k < K; ++k)
      for (int i = 0; i < RB; ++i)
        for (int m = 0; m < NVEC; ++m) tail[i][m] += x[i][k] * v[m][k];
    for (int i = 0; i < rb; ++i)
      for (int m = 0; m < NVEC; ++m) {
        V t = acc[i][m][0];
        for (int u = 1; u < U; ++u) t = t + acc[i][m][u];
        const T d = t.reduce_add() + tail[i][m];
        T* o = out[m] + (r0 + i) * os;
        *o = beta == T(0) ? alpha * d : alpha * d + beta * *o;
      }
  }
}

// out[m][l * os] = alpha * sum_k v[m][k * vs] * X[k, l] + beta * out[m][l * os] for l < L, m < NVEC.
template <typename T, int NVEC>
void gemv_axpy(int64_t L, int64_t K, const T* X, int64_t ldx, const T* const* v, int64_t vs, T alpha, T beta,
               T* const* out, int64_t os) {
  using V = Vec<T>;
  constexpr int W = V::size();
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
      V a[NVEC][4];
      for (int m = 0; m < NVEC; ++m)
        for (int q = 0; q < 4; ++q) {
          s[m][q] = v[m][(k + q) * vs];
          a[m][q] = V(s[m][q]);
        }
      for (int64_t j = 0; j < lv; j += W) {
        const V b0 = V::loadu(x0 + j), b1 = V::loadu(x1 + j), b2 = V::loadu(x2 + j), b3 = V::loadu(x3 + j);
        TG_GEMM_UNROLL
        for (int m = 0; m < NVEC; ++m) {
          V t = muladd(a[m][0], b0, V::loadu(y[m] + j));
          t = muladd(a[m][1], b1, t);
          t = muladd(a[m][2], b2, t);
          muladd(a[m][3], b3, t).storeu(y[m] + j);
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
        const V a0(s0);
        for (int64_t j = 0; j < lv; j += W) muladd(a0, V::loadu(x0 + j), V::loadu(y[m] + j)).storeu(y[m] + j);
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

// One range [b, e) of the outputs of NVEC vectors: dots (each output reads a contiguous row of X) or axpy.
template <typename T, int NVEC>
void few_range(bool dots, int64_t b, int64_t e, int64_t K, const T* X, int64_t ldx, const T* const* v, int64_t vs,
               T alpha, T beta, T* const* out, int64_t os) {
  T* o[NVEC];
  for (int m = 0; m < NVEC; ++m) o[m] = out[m] + b * os;
  if (dots)
    gemv_dots<T, NVEC>(e - b, K, X + b * ldx, ldx, v, alpha, beta, o, os);
  else
    gemv_axpy<T, NVEC>(e - b, K, X + b, ldx, v, vs, alpha, beta, o, os);
}

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
