// Reductions over any set of dims (KernelTable::reduce_dims): the dims are collapsed into kept/reduced groups,
// then a contiguous row per output ([outer, R]), a column cascade over a strided dim ([outer, R, inner]), or a
// single walk for any other interleaving. Summation order per Note [Cascade summation] (reduce_all.h).
// Included by reduce_kernels.cc only.
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "cpu/reduce/reduce_all.h"

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

constexpr int64_t kRowBlock = 16;   // rows per leaf block of a column cascade (more for narrow tiles)
constexpr int64_t kColTile = 1024;  // columns per tile of a strided reduction (its level buffers stay in L1/L2)
constexpr int64_t kShortRow = 16;   // rows shorter than this are folded in order, element by element

// ---- strided (column) reductions: R rows of n contiguous elements, row stride `stride` ----

// acc[i] = identity
template <typename Op, typename T>
inline void col_init(typename Op::Acc* acc, int64_t n) {
  for (int64_t i = 0; i < n; ++i) acc[i] = Op::identity();
}

// Narrow tiles (NV vectors, the last one holding c lanes): all of a row's vectors stay in registers, so rows
// are read in memory order. U > 1 folds U rows into independent accumulator sets, merged in a fixed order
// (measured no faster on Zen 4 for these memory-bound loops, so U = 1 is used).
template <typename Op, typename T, int NV, int U>
inline void col_block_narrow(const T* p, int64_t rows, int64_t stride, T* acc, int c) {
  constexpr int64_t W = V<T>::size();
  V<T> a[U][NV];
#pragma GCC unroll 8
  for (int u = 0; u < U; ++u)
#pragma GCC unroll 8
    for (int k = 0; k < NV; ++k) a[u][k] = V<T>(Op::identity());
  int64_t r = 0;
  for (; r + U <= rows; r += U) {
#pragma GCC unroll 8
    for (int u = 0; u < U; ++u) {
      const T* q = p + (r + u) * stride;
#pragma GCC unroll 8
      for (int k = 0; k + 1 < NV; ++k) a[u][k] = Op::vstep(a[u][k], V<T>::loadu(q + k * W));
      a[u][NV - 1] = Op::vstep(a[u][NV - 1], V<T>::loadu(q + (NV - 1) * W, c));
    }
  }
  for (; r < rows; ++r) {
    const T* q = p + r * stride;
#pragma GCC unroll 8
    for (int k = 0; k + 1 < NV; ++k) a[0][k] = Op::vstep(a[0][k], V<T>::loadu(q + k * W));
    a[0][NV - 1] = Op::vstep(a[0][NV - 1], V<T>::loadu(q + (NV - 1) * W, c));
  }
#pragma GCC unroll 8
  for (int k = 0; k < NV; ++k) {
    V<T> s = a[0][k];
#pragma GCC unroll 8
    for (int u = 1; u < U; ++u) s = Op::vcombine(s, a[u][k]);
    if (k + 1 < NV) s.storeu(acc + k * W);
    else s.storeu(acc + k * W, c);
  }
}

// acc[i] = fold of rows[r][i] over `rows` rows; float ops keep the tile (up to 8 vectors) or 4-vector strips
// of it in registers.
template <typename Op, typename T>
inline void col_block(const T* p, int64_t rows, int64_t stride, typename Op::Acc* acc, int64_t n) {
  if constexpr (Op::kVec) {
    constexpr int64_t W = V<T>::size();
    const int nv = static_cast<int>((n + W - 1) / W), c = static_cast<int>(n - (nv - 1) * W);
    switch (nv) {
      case 1: return col_block_narrow<Op, T, 1, 1>(p, rows, stride, acc, c);
      case 2: return col_block_narrow<Op, T, 2, 1>(p, rows, stride, acc, c);
      case 3: return col_block_narrow<Op, T, 3, 1>(p, rows, stride, acc, c);
      case 4: return col_block_narrow<Op, T, 4, 1>(p, rows, stride, acc, c);
      case 5: return col_block_narrow<Op, T, 5, 1>(p, rows, stride, acc, c);
      case 6: return col_block_narrow<Op, T, 6, 1>(p, rows, stride, acc, c);
      case 7: return col_block_narrow<Op, T, 7, 1>(p, rows, stride, acc, c);
      case 8: return col_block_narrow<Op, T, 8, 1>(p, rows, stride, acc, c);
      default: break;
    }
    const V<T> id(Op::identity());
    int64_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
      V<T> a0 = id, a1 = id, a2 = id, a3 = id;
      for (int64_t r = 0; r < rows; ++r) {
        const T* q = p + r * stride + i;
        a0 = Op::vstep(a0, V<T>::loadu(q));
        a1 = Op::vstep(a1, V<T>::loadu(q + W));
        a2 = Op::vstep(a2, V<T>::loadu(q + 2 * W));
        a3 = Op::vstep(a3, V<T>::loadu(q + 3 * W));
      }
      a0.storeu(acc + i);
      a1.storeu(acc + i + W);
      a2.storeu(acc + i + 2 * W);
      a3.storeu(acc + i + 3 * W);
    }
    for (; i + W <= n; i += W) {
      V<T> a0 = id;
      for (int64_t r = 0; r < rows; ++r) a0 = Op::vstep(a0, V<T>::loadu(p + r * stride + i));
      a0.storeu(acc + i);
    }
    if (i < n) {
      const int c = static_cast<int>(n - i);
      V<T> a0 = id;
      for (int64_t r = 0; r < rows; ++r) a0 = Op::vstep(a0, V<T>::loadu(p + r * stride + i, c));
      a0.storeu(acc + i, c);
    }
  } else {
    col_init<Op, T>(acc, n);
    for (int64_t r = 0; r < rows; ++r) {
      const T* q = p + r * stride;
      for (int64_t i = 0; i < n; ++i) acc[i] = Op::combine(acc[i], Op::map(q[i]));
    }
  }
}

template <typename Op, typename T>
inline void col_combine(typename Op::Acc* dst, const typename Op::Acc* src, int64_t n) {
  if constexpr (Op::kVec) {
    vec_map2(dst, 1, src, 1, dst, n, [](const V<T>& a, const V<T>& b) { return Op::vcombine(b, a); });
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = Op::combine(src[i], dst[i]);
  }
}

// Rows per leaf block: kRowBlock, more for narrow tiles so a leaf covers about kColLeaf elements (each lane
// then folds at most 64 rows in sequence, like a block_reduce lane).
constexpr int64_t kColLeaf = 1024;
inline int64_t col_row_block(int64_t n) {
  int64_t rb = kRowBlock;
  while (rb < 64 && rb * n < kColLeaf) rb *= 2;
  return rb;
}

// Cascade over `rows` rows into acc[0..n): leaf blocks of col_row_block(n) rows, combined pairwise through
// level buffers. scratch holds (levels + 1) * n accumulators, levels = col_levels(rows, n).
inline int col_levels(int64_t rows, int64_t n) {
  const int64_t rb = col_row_block(n);
  int l = 1;
  for (int64_t b = (rows + rb - 1) / rb; b > 1; b = (b + 1) / 2) ++l;
  return l;
}

template <typename Op, typename T>
void col_cascade(const T* p, int64_t rows, int64_t stride, int64_t n, typename Op::Acc* acc,
                 typename Op::Acc* scratch) {
  using Acc = typename Op::Acc;
  const int64_t rb = col_row_block(n);
  if (rows <= rb) {
    col_block<Op, T>(p, rows, stride, acc, n);
    return;
  }
  Acc* lev[64];
  bool full[64] = {};
  const int levels = col_levels(rows, n);
  for (int k = 0; k < levels; ++k) lev[k] = scratch + k * n;
  Acc* cur = scratch + levels * n;
  for (int64_t r0 = 0; r0 < rows; r0 += rb) {
    col_block<Op, T>(p + r0 * stride, std::min(rb, rows - r0), stride, cur, n);
    int k = 0;
    for (; full[k]; ++k) {
      col_combine<Op, T>(cur, lev[k], n);  // cur = lev[k] (earlier rows) + cur
      full[k] = false;
    }
    std::swap(cur, lev[k]);
    full[k] = true;
  }
  bool have = false;
  for (int k = 0; k < levels; ++k) {
    if (!full[k]) continue;
    if (!have) {
      for (int64_t i = 0; i < n; ++i) acc[i] = lev[k][i];
      have = true;
    } else {
      col_combine<Op, T>(acc, lev[k], n);
    }
  }
}

// [outer, R, inner] reduced over R. Work items: (outer, column tile, row chunk); row chunks (fixed size,
// from the shape only) are combined pairwise afterwards, so a tall [R, small inner] input still uses every
// thread.
template <typename Op, typename T>
void reduce_columns(const T* a, T* out, int64_t outer, int64_t R, int64_t inner) {
  using Acc = typename Op::Acc;
  const int64_t tile = std::min(inner, kColTile);
  const int64_t tiles = (inner + tile - 1) / tile;
  // Rows per chunk: a power-of-two number of leaf blocks holding about kChunk elements.
  int64_t chunk_rows = col_row_block(tile);
  while (chunk_rows * tile < kChunk) chunk_rows *= 2;
  const int64_t rchunks = (R + chunk_rows - 1) / chunk_rows;
  const int64_t items = outer * tiles * rchunks;
  std::vector<Acc> partial(rchunks > 1 ? items * tile : 0);
  const int levels = col_levels(std::min(R, chunk_rows), tile);
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, tile * std::min(R, chunk_rows)));
  parallel_for(0, items, grain, [&](int64_t b, int64_t e) {
    std::vector<Acc> scratch((levels + 2) * tile);
    Acc* acc = scratch.data() + (levels + 1) * tile;
    for (int64_t it = b; it < e; ++it) {
      const int64_t rc = it % rchunks, tt = (it / rchunks) % tiles, o = it / (rchunks * tiles);
      const int64_t i0 = tt * tile, n = std::min(tile, inner - i0);
      const int64_t r0 = rc * chunk_rows, rows = std::min(chunk_rows, R - r0);
      Acc* dst = rchunks > 1 ? partial.data() + it * tile : acc;
      col_cascade<Op, T>(a + (o * R + r0) * inner + i0, rows, inner, n, dst, scratch.data());
      if (rchunks == 1)
        for (int64_t i = 0; i < n; ++i) out[o * inner + i0 + i] = static_cast<T>(acc[i]);
    }
  });
  if (rchunks == 1) return;
  parallel_for(0, outer * tiles, 1, [&](int64_t b, int64_t e) {
    for (int64_t ot = b; ot < e; ++ot) {
      const int64_t o = ot / tiles, i0 = (ot % tiles) * tile, n = std::min(tile, inner - i0);
      Acc* base = partial.data() + ot * rchunks * tile;
      for (int64_t w = 1; w < rchunks; w *= 2)
        for (int64_t c = 0; c + w < rchunks; c += 2 * w) {
          Acc* dst = base + c * tile;
          const Acc* src = base + (c + w) * tile;
          for (int64_t i = 0; i < n; ++i) dst[i] = Op::combine(dst[i], src[i]);
        }
      for (int64_t i = 0; i < n; ++i) out[o * inner + i0 + i] = static_cast<T>(base[i]);
    }
  });
}

// Collapses adjacent dims with the same reduced flag (size-1 dims dropped) into groups.
struct Groups {
  int n = 0;
  int64_t size[kMaxDims];
  bool reduced[kMaxDims];
};

inline Groups collapse(const ReduceGeom& g) {
  Groups out;
  for (int d = 0; d < g.ndim; ++d) {
    if (g.shape[d] == 1) continue;
    if (out.n > 0 && out.reduced[out.n - 1] == g.reduced[d]) {
      out.size[out.n - 1] *= g.shape[d];
    } else {
      out.size[out.n] = g.shape[d];
      out.reduced[out.n] = g.reduced[d];
      ++out.n;
    }
  }
  return out;
}

template <typename Op, typename T>
void reduce_dims_kernel(const void* a_, void* out_, const ReduceGeom& geom) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  for (int d = 0; d < geom.ndim; ++d)
    if (geom.shape[d] == 0) {  // empty input: every output is the identity
      int64_t kept = 1;
      for (int k = 0; k < geom.ndim; ++k)
        if (!geom.reduced[k]) kept *= geom.shape[k];
      for (int64_t i = 0; i < kept; ++i) out[i] = static_cast<T>(Op::identity());
      return;
    }
  Groups g = collapse(geom);
  if (g.n == 0) {  // every dim has size 1: still a reduction (a sum of -0 is +0, as the identity is +0)
    out[0] = static_cast<T>(Op::combine(Op::identity(), Op::map(a[0])));
    return;
  }
  if (g.n == 1 && !g.reduced[0]) {
    for (int64_t i = 0; i < g.size[0]; ++i) out[i] = static_cast<T>(Op::combine(Op::identity(), Op::map(a[i])));
    return;
  }
  if (g.n == 1) {
    out[0] = static_cast<T>(reduce_range<Op>(a, g.size[0]));
    return;
  }
  // [outer, R]: each output is a contiguous row; long rows split into fixed chunks themselves.
  if (g.n == 2 && !g.reduced[0]) {
    const int64_t rows = g.size[0], len = g.size[1];
    if (len >= 4 * kChunk) {
      for (int64_t r = 0; r < rows; ++r) out[r] = static_cast<T>(reduce_range<Op>(a + r * len, len));
      return;
    }
    parallel_for(0, rows, std::max<int64_t>(1, kGrainSize / len), [&](int64_t b, int64_t e) {
      if (len < kShortRow) {  // short rows: a plain fold; consecutive rows overlap in the pipeline
        for (int64_t r = b; r < e; ++r) {
          const T* p = a + r * len;
          // From the identity, as every other path: a sum of -0s is +0 (PyTorch), not the first element's -0.
          typename Op::Acc acc = Op::combine(Op::identity(), Op::map(p[0]));
          for (int64_t j = 1; j < len; ++j) acc = Op::combine(acc, Op::map(p[j]));
          out[r] = static_cast<T>(acc);
        }
        return;
      }
      for (int64_t r = b; r < e; ++r) out[r] = static_cast<T>(cascade_reduce<Op>(a + r * len, len));
    });
    return;
  }
  // [outer?, R, inner]
  if ((g.n == 2 && g.reduced[0]) || (g.n == 3 && !g.reduced[0] && g.reduced[1])) {
    const int64_t outer = g.n == 3 ? g.size[0] : 1;
    reduce_columns<Op, T>(a, out, outer, g.size[g.n - 2], g.size[g.n - 1]);
    return;
  }
  // General interleaving of kept and reduced dims: walk the input once, accumulating into its output slot.
  using Acc = typename Op::Acc;
  int64_t out_stride[kMaxDims];
  int64_t kept = 1;
  for (int d = g.n - 1; d >= 0; --d) {
    out_stride[d] = g.reduced[d] ? 0 : kept;
    if (!g.reduced[d]) kept *= g.size[d];
  }
  std::vector<Acc> acc(kept, Op::identity());
  int64_t idx[kMaxDims] = {0};
  int64_t total = 1;
  for (int d = 0; d < g.n; ++d) total *= g.size[d];
  int64_t o = 0;
  for (int64_t i = 0; i < total; ++i) {
    acc[o] = Op::combine(acc[o], Op::map(a[i]));
    for (int d = g.n - 1; d >= 0; --d) {
      o += out_stride[d];
      if (++idx[d] < g.size[d]) break;
      o -= out_stride[d] * g.size[d];
      idx[d] = 0;
    }
  }
  for (int64_t k = 0; k < kept; ++k) out[k] = static_cast<T>(acc[k]);
}

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
