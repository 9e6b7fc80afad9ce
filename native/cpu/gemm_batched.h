// A batch of GEMMs through one ISA's gemm (kt.gemm_f32 / kt.gemm_f64), spread over the pool one matrix per
// task when the matrices are small. Header-only: the binding holds the kernel-table pointer.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>

#include "core/parallel.h"

namespace tg {

// Note [Batched GEMM threads]: a GEMM under ~8 MFLOP runs on one thread (gemm_kernels.cc: waking a worker
// does not pay), so a batch of such matrices, called one after another, left the other threads idle
// (bmm of 64 x 64^3 ran at one thread's speed). Here each matrix becomes one task, claimed from a counter
// by the pool's threads (a worker that wakes late takes fewer), when the matrices are that small, or the
// batch splits evenly or finely enough over the threads that whole matrices balance (batch % threads == 0,
// or at least 8 per thread). Larger matrices in an uneven small batch keep the per-matrix threading.
// Inside the pool each gemm runs on its own thread (in_parallel_region), and its path and blocking depend
// only on the shape, so the results are bitwise the same for any thread count.
constexpr double kGemmOneThreadFlops = 8e6;  // keep in step with gemm_kernels.cc's one-thread threshold

template <typename T, typename Gemm>
void gemm_batched(Gemm gemm, bool ta, bool tb, int64_t batch, int64_t M, int64_t N, int64_t K, const T* A,
                  int64_t sa, int64_t lda, const T* B, int64_t sb, int64_t ldb, T* C, int64_t sc, int64_t ldc) {
  auto one = [&](int64_t i) { gemm(ta, tb, M, N, K, T(1), A + i * sa, lda, B + i * sb, ldb, T(0), C + i * sc, ldc); };
  const int nt = in_parallel_region() ? 1 : get_num_threads();
  const double flops = 2.0 * double(M) * double(N) * double(K);
  const bool by_matrix =
      nt > 1 && batch > 1 && (flops < kGemmOneThreadFlops || batch % nt == 0 || batch >= 8 * int64_t(nt));
  if (!by_matrix) {
    for (int64_t i = 0; i < batch; ++i) one(i);
    return;
  }
  std::atomic<int64_t> next{0};
  const int64_t parts = std::min<int64_t>(nt, batch);
  parallel_for(0, parts, 1, [&](int64_t b, int64_t e) {
    for (int64_t p = b; p < e; ++p)
      for (int64_t i = next.fetch_add(1, std::memory_order_relaxed); i < batch;
           i = next.fetch_add(1, std::memory_order_relaxed))
        one(i);
  });
}

}  // namespace tg
