// GEMM packing (op(A) into MR-row and op(B) into NR-column micro-panels) and the per-thread scratch buffers
// that hold them (see Note [GEMM scheme] in gemm_kernels.cc). Included by gemm_kernels.cc only.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

#include "cpu/gemm/micro_kernel.h"

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

// ---- buffers: 64-byte aligned, cached per thread (grow-only up to a cap; larger requests are per call) ----
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

// slot 0: the shared packed B (on the calling thread); slot 1: a thread's A block; slot 2: an edge panel or
// the gathered vectors of a few-vector product.
inline void* tls_buffer(int slot, size_t bytes, AlignedBuf& fallback) {
  thread_local AlignedBuf bufs[3];
  if (bytes > kTlsCap) return fallback.get(bytes);
  return bufs[slot].get(bytes);
}

// ---- packing ----

// Transposing copy of one square W x W tile (W = Vec<T>::size(), on ISAs with Vec::transpose): rows r < rows
// of s (row stride ls; missing rows read as zero) become, for each kk < W, `lanes` contiguous values at
// d + kk * ds.
template <typename T>
TG_GEMM_INLINE void transpose_tile(const T* s, int64_t ls, int rows, int lanes, T* d, int64_t ds) {
  using V = Vec<T>;
  constexpr int W = V::size();
  V r[W];
  TG_GEMM_UNROLL
  for (int i = 0; i < W; ++i)
    if (i < rows) r[i] = V::loadu(s + i * ls);
  V::transpose(r);
  TG_GEMM_UNROLL
  for (int c = 0; c < W; ++c) {
    if (lanes == W)
      r[c].storeu(d + c * ds);
    else
      r[c].storeu(d + c * ds, lanes);
  }
}

// Transposing pack of R rows (r < rows valid, the rest zero) of s (row stride ls) over kc columns:
// d[k * R + r] = s[r * ls + k].
template <typename T, int R>
void pack_transposed(const T* s, int64_t ls, int rows, int64_t kc, T* d) {
  int64_t k = 0;
  if constexpr (Vec<T>::kHasTranspose) {
    constexpr int W = Vec<T>::size();
    for (; k + W <= kc; k += W) {
      for (int rb = 0; rb < R; rb += W)
        transpose_tile(s + rb * ls + k, ls, std::max(0, std::min(W, rows - rb)), std::min(W, R - rb),
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
template <typename T, int MR>
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
      pack_transposed<T, MR>(A + (i0 + ir) * lda + p0, lda, m, kc, d);
    }
  }
}

// op(B)[p0:p0+kc, j0:j0+n] (n <= NR) -> one kc x NR micro-panel (k-major), zero-padded to NR columns.
template <typename T, int NR>
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
    pack_transposed<T, NR>(B + j0 * ldb + p0, ldb, n, kc, d);
  }
}

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
