// Reductions (sum prod max min sumsq) over all elements or any set of dims, and argmax/argmin along a dim.
// Float reductions run on Vec<T>. Compiled once per ISA. See Note [Cascade summation].
#include "cpu/loops.h"
#include "cpu/nan_minmax.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

namespace tg {
namespace TG_CPU_NS {
namespace {

// Note [Cascade summation]: a float32 running sum of 16M elements loses about 24 bits; instead each block
// of kBlock elements is summed into 4 * W independent lanes (W = Vec<T>::size()), and blocks are combined
// pairwise, so only numbers of similar magnitude meet. Reductions over a strided dim ([R, inner] layouts)
// sum kRowBlock rows at a time and combine those blocks pairwise too (a binary counter of level buffers).
// Work is split at fixed, shape-derived boundaries (kChunk elements, kRowChunk rows), never by thread count,
// so results are identical whatever the number of threads.
constexpr int64_t kBlock = 4096;
constexpr int64_t kChunk = 1 << 16;
constexpr int64_t kRowBlock = 16;
constexpr int64_t kColTile = 1024;
constexpr int64_t kShortRow = 16;   // rows shorter than this are folded in order, element by element  // columns per tile of a strided reduction (its level buffers stay in L1/L2)

template <typename T> using V = Vec<T>;

// Each op: scalar identity/map/combine over Acc; float ops also a Vec form (kVec): vstep(acc, x) folds one
// input vector into an accumulator, vcombine merges accumulators, hreduce folds the lanes.
template <typename T, typename A>
struct SumOp {
  using Acc = A;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() { return Acc(0); }
  static Acc map(T x) { return Acc(x); }
  static Acc combine(Acc a, Acc b) { return a + b; }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return acc + x; }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return a + b; }
  static T hreduce(const V<T>& a) { return a.reduce_add(); }
};
template <typename T, typename A>
struct SumSqOp {
  using Acc = A;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() { return Acc(0); }
  static Acc map(T x) { return Acc(x) * Acc(x); }
  static Acc combine(Acc a, Acc b) { return a + b; }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return fmadd(x, x, acc); }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return a + b; }
  static T hreduce(const V<T>& a) { return a.reduce_add(); }
};
template <typename T, typename A>
struct ProdOp {
  using Acc = A;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() { return Acc(1); }
  static Acc map(T x) { return Acc(x); }
  static Acc combine(Acc a, Acc b) { return a * b; }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return acc * x; }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return a * b; }
  static T hreduce(const V<T>& a) {
    T r = a[0];
    for (int i = 1; i < V<T>::size(); ++i) r *= a[i];
    return r;
  }
};
template <typename T>
struct MaxOp {
  using Acc = T;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() {
    if constexpr (std::is_floating_point<T>::value) return -std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::lowest();
  }
  static Acc map(T x) { return x; }
  static Acc combine(Acc a, Acc b) { return nan_max(a, b); }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return maximum(acc, x); }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return maximum(a, b); }
  static T hreduce(const V<T>& a) { return a.reduce_max(); }
};
template <typename T>
struct MinOp {
  using Acc = T;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() {
    if constexpr (std::is_floating_point<T>::value) return std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::max();
  }
  static Acc map(T x) { return x; }
  static Acc combine(Acc a, Acc b) { return nan_min(a, b); }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return minimum(acc, x); }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return minimum(a, b); }
  static T hreduce(const V<T>& a) { return a.reduce_min(); }
};

// One block (n <= kBlock) of contiguous elements.
template <typename Op, typename T>
inline typename Op::Acc block_reduce(const T* p, int64_t n) {
  using Acc = typename Op::Acc;
  if constexpr (Op::kVec) {
    constexpr int64_t W = V<T>::size();
    const V<T> id(Op::identity());
    V<T> a0 = id, a1 = id, a2 = id, a3 = id;
    int64_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
      a0 = Op::vstep(a0, V<T>::loadu(p + i));
      a1 = Op::vstep(a1, V<T>::loadu(p + i + W));
      a2 = Op::vstep(a2, V<T>::loadu(p + i + 2 * W));
      a3 = Op::vstep(a3, V<T>::loadu(p + i + 3 * W));
    }
    for (; i + W <= n; i += W) a0 = Op::vstep(a0, V<T>::loadu(p + i));
    if (i < n) a1 = Op::vstep(a1, vec_load_fill(p + i, static_cast<int>(n - i), Op::identity()));
    return Op::hreduce(Op::vcombine(Op::vcombine(a0, a1), Op::vcombine(a2, a3)));
  } else {
    constexpr int64_t kLanes = 32;
    Acc acc[kLanes];
    for (int64_t j = 0; j < kLanes; ++j) acc[j] = Op::identity();
    int64_t i = 0;
    for (; i + kLanes <= n; i += kLanes)
      for (int64_t j = 0; j < kLanes; ++j) acc[j] = Op::combine(acc[j], Op::map(p[i + j]));
    for (int64_t j = 0; i + j < n; ++j) acc[j] = Op::combine(acc[j], Op::map(p[i + j]));
    for (int64_t w = kLanes / 2; w > 0; w /= 2)
      for (int64_t j = 0; j < w; ++j) acc[j] = Op::combine(acc[j], acc[j + w]);
    return acc[0];
  }
}

template <typename Op, typename T>
typename Op::Acc cascade_reduce(const T* p, int64_t n) {
  if (n <= kBlock) return block_reduce<Op>(p, n);
  const int64_t blocks = (n + kBlock - 1) / kBlock;
  const int64_t half = (blocks / 2) * kBlock;
  // NOTE: two statements, so the left half is read first: GCC evaluates call arguments right to left, and
  // walking the blocks backwards defeats the hardware prefetcher (a third of the bandwidth was lost).
  const typename Op::Acc left = cascade_reduce<Op>(p, half);
  return Op::combine(left, cascade_reduce<Op>(p + half, n - half));
}

template <typename Acc, typename Op>
Acc pairwise(std::vector<Acc>& v) {
  for (size_t w = 1; w < v.size(); w *= 2)
    for (size_t i = 0; i + w < v.size(); i += 2 * w) v[i] = Op::combine(v[i], v[i + w]);
  return v.empty() ? Op::identity() : v[0];
}

// Contiguous range: fixed kChunk pieces reduced in parallel, then combined pairwise.
template <typename Op, typename T>
typename Op::Acc reduce_range(const T* p, int64_t n) {
  using Acc = typename Op::Acc;
  if (n <= kChunk) return cascade_reduce<Op>(p, n);
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<Acc> partial(chunks);
  parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      const int64_t start = c * kChunk;
      partial[c] = cascade_reduce<Op>(p + start, std::min(kChunk, n - start));
    }
  });
  return pairwise<Acc, Op>(partial);
}

template <typename Op, typename T>
double reduce_all_kernel(const void* a, int64_t n) {
  return static_cast<double>(static_cast<T>(reduce_range<Op>(static_cast<const T*>(a), n)));
}

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

// ---- argmax / argmin ----
// Note [argmax semantics]: first occurrence of the extreme; a NaN counts as the extreme, so the first NaN wins
// (PyTorch). Lanes see increasing indices and only replace on a strict improvement (or a first NaN), so each
// lane holds the first occurrence of its own extreme; lanes then merge by (NaN, value, lowest index).

template <bool kMax, typename T>
inline bool better(T x, T best) {
  if (best != best) return false;
  if (x != x) return true;
  return kMax ? x > best : x < best;
}

// Row scan of n contiguous values from index 0.
template <bool kMax, typename T>
int64_t arg_row(const T* p, int64_t n) {
  int64_t bi = 0;
  T bv = p[0];
  int64_t i = 1;
  if constexpr (std::is_floating_point<T>::value) {
    constexpr int W = V<T>::size();
    // Lane indices are held as T: exact below 2^24 (float) / 2^53 (double).
    const int64_t exact = int64_t(1) << (std::numeric_limits<T>::digits - 1);
    if (n >= 2 * W && n < exact) {
      V<T> best = V<T>::loadu(p), idx = vec_iota<T>(), cur = idx;
      const V<T> step{T(W)};
      i = W;
      for (; i + W <= n; i += W) {
        cur = cur + step;
        V<T> x = V<T>::loadu(p + i);
        V<T> take = (kMax ? x.cmp_gt(best) : x.cmp_lt(best)) | andnot(x.is_nan(), best.is_nan());
        best = V<T>::blendv(best, x, take);
        idx = V<T>::blendv(idx, cur, take);
      }
      bv = best[0];
      bi = static_cast<int64_t>(idx[0]);
      for (int l = 1; l < W; ++l) {
        const T v = best[l];
        const int64_t li = static_cast<int64_t>(idx[l]);
        if (better<kMax>(v, bv) || (li < bi && (v == bv || (v != v && bv != bv)))) {
          bv = v;
          bi = li;
        }
      }
    }
  }
  for (; i < n; ++i)
    if (better<kMax>(p[i], bv)) {
      bv = p[i];
      bi = i;
    }
  return bi;
}

template <typename T>
constexpr int64_t arg_lanes() {
  if constexpr (std::is_floating_point<T>::value) return V<T>::size();
  else return 16;
}

template <bool kMax, typename T>
void arg_kernel(const void* a_, int32_t* out, int64_t outer, int64_t n, int64_t inner) {
  const T* a = static_cast<const T*>(a_);
  if (inner == 1) {
    parallel_for(0, outer, std::max<int64_t>(1, kGrainSize / n), [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o) out[o] = static_cast<int32_t>(arg_row<kMax>(a + o * n, n));
    });
    return;
  }
  // Along a strided dim: lanes span the inner positions, rows are scanned in order.
  constexpr int64_t W = arg_lanes<T>();
  const int64_t tiles = (inner + W - 1) / W;
  parallel_for(0, outer * tiles, std::max<int64_t>(1, kGrainSize / (n * W)), [&](int64_t b, int64_t e) {
    for (int64_t it = b; it < e; ++it) {
      const int64_t o = it / tiles, i0 = (it % tiles) * W, c = std::min(W, inner - i0);
      const T* base = a + o * n * inner + i0;
      int32_t* dst = out + o * inner + i0;
      if constexpr (std::is_floating_point<T>::value) {
        const int64_t exact = int64_t(1) << (std::numeric_limits<T>::digits - 1);
        if (n < exact) {
          const int ci = static_cast<int>(c);
          V<T> best = V<T>::loadu(base, ci), idx(T(0));
          for (int64_t r = 1; r < n; ++r) {
            V<T> x = V<T>::loadu(base + r * inner, ci);
            V<T> take = (kMax ? x.cmp_gt(best) : x.cmp_lt(best)) | andnot(x.is_nan(), best.is_nan());
            best = V<T>::blendv(best, x, take);
            idx = V<T>::blendv(idx, V<T>(T(r)), take);
          }
          for (int64_t l = 0; l < c; ++l) dst[l] = static_cast<int32_t>(idx[static_cast<int>(l)]);
          continue;
        }
      }
      for (int64_t l = 0; l < c; ++l) {
        T bv = base[l];
        int64_t bi = 0;
        for (int64_t r = 1; r < n; ++r)
          if (better<kMax>(base[r * inner + l], bv)) {
            bv = base[r * inner + l];
            bi = r;
          }
        dst[l] = static_cast<int32_t>(bi);
      }
    }
  });
}

template <typename Op, typename T>
void set(KernelTable& t, ReduceOp op, DType d) {
  t.reduce_all[int(op)][int(d)] = &reduce_all_kernel<Op, T>;
  t.reduce_dims[int(op)][int(d)] = &reduce_dims_kernel<Op, T>;
}

template <typename T>
void set_arg(KernelTable& t, DType d) {
  t.argmax[int(d)] = &arg_kernel<true, T>;
  t.argmin[int(d)] = &arg_kernel<false, T>;
}

}  // namespace

void register_reduce_kernels(KernelTable& t) {
  set<SumOp<float, float>, float>(t, ReduceOp::sum, DType::Float32);
  set<SumOp<double, double>, double>(t, ReduceOp::sum, DType::Float64);
  set<SumOp<int32_t, int64_t>, int32_t>(t, ReduceOp::sum, DType::Int32);
  set<SumSqOp<float, float>, float>(t, ReduceOp::sumsq, DType::Float32);
  set<SumSqOp<double, double>, double>(t, ReduceOp::sumsq, DType::Float64);
  set<ProdOp<float, float>, float>(t, ReduceOp::prod, DType::Float32);
  set<ProdOp<double, double>, double>(t, ReduceOp::prod, DType::Float64);
  set<ProdOp<int32_t, int64_t>, int32_t>(t, ReduceOp::prod, DType::Int32);
  set<MaxOp<float>, float>(t, ReduceOp::max, DType::Float32);
  set<MaxOp<double>, double>(t, ReduceOp::max, DType::Float64);
  set<MaxOp<int32_t>, int32_t>(t, ReduceOp::max, DType::Int32);
  set<MaxOp<uint8_t>, uint8_t>(t, ReduceOp::max, DType::Bool);
  set<MinOp<float>, float>(t, ReduceOp::min, DType::Float32);
  set<MinOp<double>, double>(t, ReduceOp::min, DType::Float64);
  set<MinOp<int32_t>, int32_t>(t, ReduceOp::min, DType::Int32);
  set<MinOp<uint8_t>, uint8_t>(t, ReduceOp::min, DType::Bool);
  set_arg<float>(t, DType::Float32);
  set_arg<double>(t, DType::Float64);
  set_arg<int32_t>(t, DType::Int32);
  set_arg<uint8_t>(t, DType::Bool);
}

}  // namespace TG_CPU_NS
}  // namespace tg
