// Index tensors of either integer width for the index kernels (Note [Index widths]).
#pragma once
#include <cstdint>
#include <string>

#include "binding/args.h"

namespace tg {
namespace ops {

// Note [Index widths]: index tensors are int64 (PyTorch's, and tensorgrad's default) or int32. The index
// kernels are compiled for both widths (a kernel-table slot each) and read the index tensor as it is, as
// PyTorch's do: an int64 index is never narrowed first. Narrowing it cost a pass over 8 bytes per index and a
// fresh 4-byte buffer, as much time again as gather's own kernel at 1e6 indices, and it could not keep a value
// beyond int32's range distinct from a valid one without a second rule. Each kernel checks its indices at
// their own width (index_limit in cpu/index_kernels.cc), so an int64 index of 2^32 + 1 on a dim of size 3 is
// out of range, named with its full value in the error.
struct IndexView {
  const void* data = nullptr;
  bool wide = false;  // int64
  int slot() const { return wide ? 1 : 0; }  // the kernel table's index-width slot
  int64_t at(int64_t p) const {
    return wide ? static_cast<const int64_t*>(data)[p] : static_cast<const int32_t*>(data)[p];
  }
};
inline IndexView index_view(const ArrayArg& a, const std::string& op) {
  TG_CHECK(a.dtype == DType::Int32 || a.dtype == DType::Int64, Type, op, ": index must be int64 or int32, got ",
           dtype_name(a.dtype));
  IndexView v;
  v.data = a.data;
  v.wide = a.dtype == DType::Int64;
  return v;
}

// The position of the first of ix[0..n) outside [0, size), or -1 (serial: only where no kernel runs).
inline int64_t first_out_of_range(const IndexView& ix, int64_t n, int64_t size) {
  for (int64_t i = 0; i < n; ++i)
    if (ix.at(i) < 0 || ix.at(i) >= size) return i;
  return -1;
}

// PyTorch's message for the index a kernel reported as the first one outside [0, size) (bad >= 0), else nothing.
inline void check_reported(int64_t bad, const IndexView& ix, int64_t size, int dim, const std::string& op) {
  TG_CHECK(bad < 0, Range, op, ": index ", ix.at(bad), " is out of bounds for dimension ", dim, " with size ", size);
}

}  // namespace ops
}  // namespace tg
