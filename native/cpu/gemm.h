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
//
// F.linear's entry points (Note [Linear epilogue and packed weights] in gemm_kernels.cc):
// gemm_linear: C[M,N] = A[M,K] @ op(B) (+ bias[N]) (then ReLU), A dense (lda = K), B dense (ldb = transB ? K : N),
// C dense. bias and relu are applied to each register tile as it is stored for the last time (the same float
// ops, in the same order, as a separate add_ and relu). packed, when not null, is op(B) as gemm_pack_b laid it
// out: it stands in for the per-call packing wherever the path would pack B (elsewhere B itself is read), so
// the result is bitwise the one without it.
// gemm_pack_b: op(B) packed for gemm_linear into dst; returns its element count (dst == nullptr: only the count),
// or -1 when this shape never packs whole (K x N above the packed-slab cap).
#define TG_DECLARE_GEMM(ns)                                                                                 \
  namespace ns {                                                                                            \
  void gemm_f32(bool transA, bool transB, int64_t M, int64_t N, int64_t K, float alpha, const float* A,    \
                int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc);               \
  void gemm_f64(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha, const double* A,  \
                int64_t lda, const double* B, int64_t ldb, double beta, double* C, int64_t ldc);            \
  int64_t gemm_pack_b_f32(bool transB, int64_t N, int64_t K, const float* B, float* dst);                  \
  int64_t gemm_pack_b_f64(bool transB, int64_t N, int64_t K, const double* B, double* dst);                \
  void gemm_linear_f32(bool transB, int64_t M, int64_t N, int64_t K, const float* A, const float* B,       \
                       const float* packed, const float* bias, bool relu, float* C);                       \
  void gemm_linear_f64(bool transB, int64_t M, int64_t N, int64_t K, const double* A, const double* B,     \
                       const double* packed, const double* bias, bool relu, double* C);                    \
  }

TG_DECLARE_GEMM(cpu_default)
TG_DECLARE_GEMM(cpu_avx2)
TG_DECLARE_GEMM(cpu_avx512)
TG_DECLARE_GEMM(cpu_neon)
#undef TG_DECLARE_GEMM

}  // namespace tg
