// Reductions (sum prod max min sumsq) over all elements or over any set of dims. Compiled once per ISA.
// See Note [Cascade summation].
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>
#include <algorithm>

#include "cpu/kernel_table.h"
#include "cpu/loops.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

// Note [Cascade summation]: a float32 running sum of 16M elements loses about 24 bits; instead each block
// of kBlock elements is summed into kLanes independent accumulators (which also vectorize), and blocks are
// combined pairwise, so only numbers of similar magnitude meet. All-element reductions split the input into
// fixed chunks, so the result does not depend on the thread count.
constexpr int64_t kLanes = 64;
constexpr int64_t kBlock = 4096;
constexpr int64_t kChunk = 1 << 16;

template <typename T> inline T nan_max(T a, T b) { return (a != a || a > b) ? a : b; }
template <typename T> inline T nan_min(T a, T b) { return (a != a || a < b) ? a : b; }

template <typename T, typename A>
struct SumOp {
  using Acc = A;
  static Acc identity() { return Acc(0); }
  static Acc map(T x) { return Acc(x); }
  static Acc combine(Acc a, Acc b) { return a + b; }
};
template <typename T, typename A>
struct SumSqOp {
  using Acc = A;
  static Acc identity() { return Acc(0); }
  static Acc map(T x) { return Acc(x) * Acc(x); }
  static Acc combine(Acc a, Acc b) { return a + b; }
};
template <typename T, typename A>
struct ProdOp {
  using Acc = A;
  static Acc identity() { return Acc(1); }
  static Acc map(T x) { return Acc(x); }
  static Acc combine(Acc a, Acc b) { return a * b; }
};
template <typename T>
struct MaxOp {
  using Acc = T;
  static Acc identity() {
    if constexpr (std::is_floating_point<T>::value) return -std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::lowest();
  }
  static Acc map(T x) { return x; }
  static Acc combine(Acc a, Acc b) { return nan_max(a, b); }
};
template <typename T>
struct MinOp {
  using Acc = T;
  static Acc identity() {
    if constexpr (std::is_floating_point<T>::value) return std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::max();
  }
  static Acc map(T x) { return x; }
  static Acc combine(Acc a, Acc b) { return nan_min(a, b); }
};

template <typename Op, typename T>
inline typename Op::Acc block_reduce(const T* p, int64_t n) {
  using Acc = typename Op::Acc;
  Acc acc[kLanes];
  for (int64_t j = 0; j < kLanes; ++j) acc[j] = Op::identity();
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int64_t j = 0; j < kLanes; ++j) acc[j] = Op::combine(acc[j], Op::map(p[i + j]));
  const int64_t tail = n - i;  // < kLanes
  for (int64_t j = 0; j < tail; ++j) acc[j] = Op::combine(acc[j], Op::map(p[i + j]));
  for (int64_t w = kLanes / 2; w > 0; w /= 2)
    for (int64_t j = 0; j < w; ++j) acc[j] = Op::combine(acc[j], acc[j + w]);
  return acc[0];
}

template <typename Op, typename T>
typename Op::Acc cascade_reduce(const T* p, int64_t n) {
  if (n <= kBlock) return block_reduce<Op>(p, n);
  int64_t blocks = (n + kBlock - 1) / kBlock;
  int64_t half = (blocks / 2) * kBlock;
  return Op::combine(cascade_reduce<Op>(p, half), cascade_reduce<Op>(p + half, n - half));
}

template <typename Acc, typename Op>
Acc pairwise(std::vector<Acc>& v) {
  for (size_t w = 1; w < v.size(); w *= 2)
    for (size_t i = 0; i + w < v.size(); i += 2 * w) v[i] = Op::combine(v[i], v[i + w]);
  return v.empty() ? Op::identity() : v[0];
}

template <typename Op, typename T>
typename Op::Acc reduce_range(const T* p, int64_t n) {
  using Acc = typename Op::Acc;
  if (n <= kChunk) return cascade_reduce<Op>(p, n);
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<Acc> partial(chunks);
  parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      int64_t start = c * kChunk;
      partial[c] = cascade_reduce<Op>(p + start, std::min(kChunk, n - start));
    }
  });
  return pairwise<Acc, Op>(partial);
}

template <typename Op, typename T>
double reduce_all_kernel(const void* a, int64_t n) {
  return static_cast<double>(static_cast<T>(reduce_range<Op>(static_cast<const T*>(a), n)));
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
  if (g.n == 0) {
    out[0] = a[0];
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
  // [outer, R]: each output is a contiguous row.
  if (g.n == 2 && !g.reduced[0]) {
    const int64_t rows = g.size[0], len = g.size[1];
    parallel_for(0, rows, std::max<int64_t>(1, kGrainSize / len), [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r) out[r] = static_cast<T>(cascade_reduce<Op>(a + r * len, len));
    });
    return;
  }
  // [outer?, R, inner]: accumulate whole rows of `inner` elements, which vectorizes.
  if ((g.n == 2 && g.reduced[0]) || (g.n == 3 && !g.reduced[0] && g.reduced[1])) {
    const int64_t outer = g.n == 3 ? g.size[0] : 1;
    const int64_t R = g.size[g.n - 2], inner = g.size[g.n - 1];
    using Acc = typename Op::Acc;
    parallel_for(0, outer * inner, kGrainSize, [&](int64_t b, int64_t e) {
      std::vector<Acc> acc;
      for (int64_t pos = b; pos < e;) {
        const int64_t o = pos / inner, i0 = pos % inner;
        const int64_t n = std::min(inner - i0, e - pos);
        acc.assign(n, Op::identity());
        const T* base = a + o * R * inner + i0;
        for (int64_t r = 0; r < R; ++r) {
          const T* row = base + r * inner;
          for (int64_t i = 0; i < n; ++i) acc[i] = Op::combine(acc[i], Op::map(row[i]));
        }
        for (int64_t i = 0; i < n; ++i) out[pos + i] = static_cast<T>(acc[i]);
        pos += n;
      }
    });
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

template <typename Op, typename T>
void set(KernelTable& t, ReduceOp op, DType d) {
  t.reduce_all[int(op)][int(d)] = &reduce_all_kernel<Op, T>;
  t.reduce_dims[int(op)][int(d)] = &reduce_dims_kernel<Op, T>;
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
}

}  // namespace TG_CPU_NS
}  // namespace tg
