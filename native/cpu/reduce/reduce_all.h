// Full reductions: all elements of a contiguous buffer to one value (KernelTable::reduce_all), by cascade
// summation in fixed, thread-count-independent pieces. Also the building blocks reduce_dims.h uses for rows.
// Included by reduce_kernels.cc only.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "cpu/reduce/reduce_ops.h"

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

// Note [Cascade summation]: a float32 running sum of 16M elements loses about 24 bits; instead each block
// of kBlock elements is summed into 4 * W independent lanes (W = Vec<T>::size()), and blocks are combined
// pairwise, so only numbers of similar magnitude meet. Reductions over a strided dim ([R, inner] layouts)
// sum kRowBlock rows at a time (reduce_dims.h) and combine those blocks pairwise too (a binary counter of
// level buffers).
// Work is split at fixed, shape-derived boundaries (kChunk elements, row chunks), never by thread count,
// so results are identical whatever the number of threads.
constexpr int64_t kBlock = 4096;
constexpr int64_t kChunk = 1 << 16;

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

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
