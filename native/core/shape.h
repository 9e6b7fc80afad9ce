// Shapes on the C++ side: broadcasting into a Strided geometry and dim collapsing (same rules as lib/shape.ts).
#pragma once
#include <cstdint>
#include <initializer_list>

#include "core/error.h"
#include "cpu/kernel_table.h"

namespace tg {

struct Shape {
  int ndim = 0;
  int64_t dims[kMaxDims];
  int64_t numel() const {
    int64_t n = 1;
    for (int d = 0; d < ndim; ++d) n *= dims[d];
    return n;
  }
};

// Contiguous strides of `in` laid over `out` by NumPy broadcasting (right-aligned, size-1 dims get stride 0).
inline void broadcast_strides(const Shape& in, const Shape& out, int64_t* stride, const char* op) {
  TG_CHECK(in.ndim <= out.ndim, Range, op, ": cannot broadcast a ", in.ndim, "-d tensor to ", out.ndim, " dims");
  int64_t s = 1;
  for (int d = out.ndim - 1; d >= 0; --d) {
    const int k = d - (out.ndim - in.ndim);
    if (k < 0) {
      stride[d] = 0;
      continue;
    }
    TG_CHECK(in.dims[k] == out.dims[d] || in.dims[k] == 1, Range, op, ": size ", in.dims[k],
             " cannot be broadcast to ", out.dims[d], " at dim ", k);
    stride[d] = in.dims[k] == 1 ? 0 : s;
    s *= in.dims[k];
  }
}

// Merges adjacent dims whose strides are contiguous for every operand, and drops size-1 dims, so kernels
// see long inner runs.
inline void collapse(Strided& g, int operands) {
  int n = 0;
  for (int d = 0; d < g.ndim; ++d) {
    if (g.shape[d] == 1) continue;
    if (n > 0) {
      bool merge = true;
      for (int k = 0; k < operands; ++k)
        if (g.stride[k][n - 1] != g.stride[k][d] * g.shape[d]) merge = false;
      if (merge) {
        g.shape[n - 1] *= g.shape[d];
        for (int k = 0; k < operands; ++k) g.stride[k][n - 1] = g.stride[k][d];
        continue;
      }
    }
    g.shape[n] = g.shape[d];
    for (int k = 0; k < operands; ++k) g.stride[k][n] = g.stride[k][d];
    ++n;
  }
  g.ndim = n;
}

// Wraps a possibly negative dim into [0, ndim) (a 0-d tensor accepts 0 and -1, as PyTorch does).
inline int wrap_dim(int64_t dim, int ndim, const char* op) {
  const int64_t n = ndim == 0 ? 1 : ndim;
  TG_CHECK(dim >= -n && dim < n, Range, op, ": dimension out of range (expected to be in range of [", -n, ", ",
           n - 1, "], but got ", dim, ")");
  return static_cast<int>(dim < 0 ? dim + n : dim);
}

// A contiguous tensor viewed as [outer, n, inner] around dim (a 0-d tensor is [1, 1, 1]).
struct DimSplit {
  int64_t outer = 1, n = 1, inner = 1;
};

inline DimSplit split_at(const Shape& s, int dim) {
  DimSplit r;
  if (s.ndim == 0) return r;
  for (int d = 0; d < dim; ++d) r.outer *= s.dims[d];
  r.n = s.dims[dim];
  for (int d = dim + 1; d < s.ndim; ++d) r.inner *= s.dims[d];
  return r;
}

// The geometry of an elementwise op: operand 0 is the contiguous output of shape `out`, operands 1..n the
// inputs broadcast onto it; dims are then collapsed.
inline void broadcast_geometry(Strided& g, const Shape& out, std::initializer_list<const Shape*> inputs,
                               const char* op) {
  g.ndim = out.ndim;
  for (int d = 0; d < out.ndim; ++d) g.shape[d] = out.dims[d];
  broadcast_strides(out, out, g.stride[0], op);
  int k = 1;
  for (const Shape* in : inputs) broadcast_strides(*in, out, g.stride[k++], op);
  collapse(g, k);
}

}  // namespace tg
