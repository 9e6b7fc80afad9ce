// Index kernels: gather and scatter (set / add) along a dim, and index_select, over contiguous tensors with
// int32 indices. Compiled once per ISA. The binding (binding/ops.cc index_*) checks every index and shape first.
#include <cstdint>
#include <cstring>

#include "core/parallel.h"
#include "cpu/kernel_table.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

// Offset in self of the first element of index row r (rows: all dims but the last), leaving out dim `skip`.
inline int64_t row_base(int64_t r, const IndexGeom& g, const int64_t* stride, int skip) {
  int64_t off = 0;
  for (int d = g.ndim - 2; d >= 0; --d) {
    const int64_t p = r % g.shape[d];
    r /= g.shape[d];
    if (d != skip) off += p * stride[d];
  }
  return off;
}

inline int64_t numel_of(const IndexGeom& g) {
  int64_t n = 1;
  for (int d = 0; d < g.ndim; ++d) n *= g.shape[d];
  return n;
}

template <typename T>
void gather_kernel(const void* self_, const int32_t* index, void* out_, const IndexGeom& g) {
  const T* self = static_cast<const T*>(self_);
  T* out = static_cast<T*>(out_);
  const int64_t n = numel_of(g);
  if (n == 0) return;
  const int last = g.ndim - 1;
  const int64_t len = g.shape[last], rows = n / len;
  const int64_t sd = g.self_stride[g.dim];
  const int64_t sl = last == g.dim ? 0 : g.self_stride[last];
  parallel_for(0, rows, (kGrainSize + len - 1) / len, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t base = row_base(r, g, g.self_stride, g.dim);
      const int32_t* ix = index + r * len;
      T* o = out + r * len;
      for (int64_t k = 0; k < len; ++k) o[k] = self[base + k * sl + static_cast<int64_t>(ix[k]) * sd];
    }
  });
}

// Serial: two index elements may target the same self element, and repeated writes keep index order.
template <typename T>
void scatter_kernel(void* self_, const int32_t* index, const void* src_, double value, int mode, const IndexGeom& g) {
  T* self = static_cast<T*>(self_);
  const T* src = static_cast<const T*>(src_);
  const int64_t n = numel_of(g);
  if (n == 0) return;
  const int last = g.ndim - 1;
  const int64_t len = g.shape[last], rows = n / len;
  const int64_t sd = g.self_stride[g.dim];
  const int64_t sl = last == g.dim ? 0 : g.self_stride[last];
  const int64_t srl = g.src_stride[last];
  const T v = static_cast<T>(value);
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t base = row_base(r, g, g.self_stride, g.dim);
    const int64_t sbase = src != nullptr ? row_base(r, g, g.src_stride, -1) : 0;
    const int32_t* ix = index + r * len;
    if (src == nullptr) {
      for (int64_t k = 0; k < len; ++k) self[base + k * sl + static_cast<int64_t>(ix[k]) * sd] = v;
    } else if (mode == 0) {
      for (int64_t k = 0; k < len; ++k) self[base + k * sl + static_cast<int64_t>(ix[k]) * sd] = src[sbase + k * srl];
    } else {
      for (int64_t k = 0; k < len; ++k) {
        T& t = self[base + k * sl + static_cast<int64_t>(ix[k]) * sd];
        t = static_cast<T>(t + src[sbase + k * srl]);
      }
    }
  }
}

template <typename T>
void select_kernel(const void* self_, const int32_t* index, void* out_, int64_t outer, int64_t n, int64_t inner,
                   int64_t m) {
  const T* self = static_cast<const T*>(self_);
  T* out = static_cast<T*>(out_);
  // split over outer rows: each writes m * inner contiguous output elements
  const int64_t per_row = m * inner > 0 ? m * inner : 1;
  parallel_for(0, outer, (kGrainSize + per_row - 1) / per_row, [&](int64_t b, int64_t e) {
    for (int64_t o = b; o < e; ++o) {
      const T* row = self + o * n * inner;
      T* to = out + o * m * inner;
      if (inner == 1) {
        for (int64_t j = 0; j < m; ++j) to[j] = row[index[j]];
      } else {
        for (int64_t j = 0; j < m; ++j)
          std::memcpy(to + j * inner, row + static_cast<int64_t>(index[j]) * inner, static_cast<size_t>(inner) * sizeof(T));
      }
    }
  });
}

template <typename T>
void set_typed(KernelTable& t, DType d) {
  t.index_gather[int(d)] = &gather_kernel<T>;
  t.index_scatter[int(d)] = &scatter_kernel<T>;
  t.index_select[int(d)] = &select_kernel<T>;
}

}  // namespace

void register_index_kernels(KernelTable& t) {
  set_typed<float>(t, DType::Float32);
  set_typed<double>(t, DType::Float64);
  set_typed<int32_t>(t, DType::Int32);
  // bool: copies only (scatter-add has no bool meaning here; lib/ops/scatter.ts keeps bool in JS)
  t.index_gather[int(DType::Bool)] = &gather_kernel<uint8_t>;
  t.index_select[int(DType::Bool)] = &select_kernel<uint8_t>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
