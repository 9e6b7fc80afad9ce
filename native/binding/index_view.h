// Index tensors of either integer width for the index kernels (Note [Index widths]).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "binding/args.h"
#include "core/parallel.h"

namespace tg {
namespace ops {

// Note [Index widths]: index tensors are int64 (PyTorch's) or int32. The kernels read int32 (half the memory
// traffic, and first_bad's unsigned trick); an int64 index is narrowed once here, a value outside int32's range
// becoming -1 so the kernel reports it as bad at its own position, and the error then quotes the int64 value.
// The int32 path is unchanged (no copy). The narrowing pass runs on the kernel threads into an unfilled buffer
// (every element is written): a zero-filled vector and a serial loop cost gather of 1e6 int64 indices about
// as much again as the kernel itself.
struct IndexView {
  const int32_t* ix = nullptr;
  std::unique_ptr<int32_t[]> narrowed;
  const int64_t* wide = nullptr;  // the int64 values, for error messages
  int64_t at(int64_t p) const { return wide != nullptr ? wide[p] : ix[p]; }
};
inline IndexView index_view(const ArrayArg& a, const std::string& op) {
  IndexView v;
  TG_CHECK(a.dtype == DType::Int32 || a.dtype == DType::Int64, Type, op, ": index must be int64 or int32, got ",
           dtype_name(a.dtype));
  if (a.dtype == DType::Int32) {
    v.ix = static_cast<const int32_t*>(a.data);
    return v;
  }
  v.wide = static_cast<const int64_t*>(a.data);
  v.narrowed.reset(new int32_t[static_cast<size_t>(a.numel > 0 ? a.numel : 1)]);
  int32_t* dst = v.narrowed.get();
  const int64_t* src = v.wide;
  parallel_for(0, a.numel, kGrainSize, [dst, src](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t x = src[i];
      dst[i] = (x >= INT32_MIN && x <= INT32_MAX) ? static_cast<int32_t>(x) : -1;
    }
  });
  v.ix = dst;
  return v;
}

// The position of the first of ix[0..n) outside [0, size), or -1 (serial: only where no kernel runs).
inline int64_t first_out_of_range(const int32_t* ix, int64_t n, int64_t size) {
  for (int64_t i = 0; i < n; ++i)
    if (ix[i] < 0 || ix[i] >= size) return i;
  return -1;
}

// PyTorch's message for the index a kernel reported as the first one outside [0, size) (bad >= 0), else nothing.
inline void check_reported(int64_t bad, const IndexView& ix, int64_t size, int dim, const std::string& op) {
  TG_CHECK(bad < 0, Range, op, ": index ", ix.at(bad), " is out of bounds for dimension ", dim, " with size ", size);
}

}  // namespace ops
}  // namespace tg
