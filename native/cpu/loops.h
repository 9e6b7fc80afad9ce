// Strided N-d iteration shared by the kernel families; included by ISA-compiled files only.
#pragma once
#include <cstdint>

#include "core/parallel.h"
#include "cpu/kernel_table.h"

namespace tg {
// Note [ISA-local helpers]: every kernel source is compiled once per instruction set and linked into one
// binary. Inline functions with external linkage would be merged by the linker across ISAs (an AVX-512 copy
// could end up called on a baseline CPU), so helpers included by kernel sources live in an unnamed namespace.
namespace {

inline int64_t numel_of(const Strided& g) {
  int64_t n = 1;
  for (int d = 0; d < g.ndim; ++d) n *= g.shape[d];
  return n;
}

// Calls run(o, i1, i2, n, s1, s2) for each innermost run of output elements in [begin, end): n elements at
// output offset o (stride 1), operand offsets i1, i2 advancing by s1, s2 (0 or 1 for contiguous inputs).
template <typename F>
inline void for_each_run(const Strided& g, int64_t begin, int64_t end, const F& run) {
  if (g.ndim == 0) {
    if (begin < end) run(0, 0, 0, 1, 0, 0);
    return;
  }
  const int last = g.ndim - 1;
  const int64_t inner = g.shape[last];
  int64_t idx[kMaxDims];
  int64_t rem = begin;
  int64_t off1 = 0, off2 = 0;
  for (int d = last; d >= 0; --d) {
    idx[d] = rem % g.shape[d];
    rem /= g.shape[d];
    off1 += idx[d] * g.stride[1][d];
    off2 += idx[d] * g.stride[2][d];
  }
  int64_t pos = begin;
  while (pos < end) {
    int64_t n = inner - idx[last];
    if (n > end - pos) n = end - pos;
    run(pos, off1, off2, n, g.stride[1][last], g.stride[2][last]);
    pos += n;
    if (pos >= end) break;
    // Advance to the start of the next row, carrying through the outer dims.
    off1 += (inner - idx[last]) * g.stride[1][last];
    off2 += (inner - idx[last]) * g.stride[2][last];
    idx[last] = 0;
    off1 -= inner * g.stride[1][last];
    off2 -= inner * g.stride[2][last];
    for (int d = last - 1; d >= 0; --d) {
      if (++idx[d] < g.shape[d]) {
        off1 += g.stride[1][d];
        off2 += g.stride[2][d];
        break;
      }
      idx[d] = 0;
      off1 -= (g.shape[d] - 1) * g.stride[1][d];
      off2 -= (g.shape[d] - 1) * g.stride[2][d];
    }
  }
}

}  // namespace
}  // namespace tg
