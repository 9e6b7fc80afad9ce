// Our own GEMM (BLIS/GotoBLAS scheme: cache-blocked loops, packed panels, per-ISA register-blocked
// micro-kernels), compiled once per instruction set by gemm_kernels.cc. No BLAS dependency.
#pragma once
#include <cstdint>

namespace tg {

// Each ISA namespace provides the same pair; dispatch picks one through KernelTable::gemm_f32/gemm_f64.
//
// Row-major C[M,N] = alpha * op(A) @ op(B) + beta * C, op(X) = X or X^T by the flag.
// A is M x K (K x M when transA) with row stride lda; B is K x N (N x K when transB) with row stride ldb;
// C has row stride ldc. beta == 0 makes C write-only (it may hold NaN garbage and is never read).
// K == 0 or alpha == 0 gives beta * C (zeros when beta == 0) without reading A or B.
// Threads come from tg::parallel_for; called from inside a parallel region it runs on the calling thread.
// Results are bitwise identical for any thread count (the summation order depends only on the shape).
// Scratch: packing buffers are cached per calling thread (up to ~16 MiB for the packed B, ~336 KiB per
// thread for A) and reused across calls; they are freed when the thread exits.
#define TG_DECLARE_GEMM(ns)                                                                                 \
  namespace ns {                                                                                            \
  void gemm_f32(bool transA, bool transB, int64_t M, int64_t N, int64_t K, float alpha, const float* A,    \
                int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc);               \
  void gemm_f64(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha, const double* A,  \
                int64_t lda, const double* B, int64_t ldb, double beta, double* C, int64_t ldc);            \
  }

TG_DECLARE_GEMM(cpu_default)
TG_DECLARE_GEMM(cpu_avx2)
TG_DECLARE_GEMM(cpu_avx512)
TG_DECLARE_GEMM(cpu_neon)
#undef TG_DECLARE_GEMM

}  // namespace tg
