// Linear algebra kernels: dot (cascade-accumulated, Vec fmadd) and the GEMM entry points (gemm_kernels.cc).
// Compiled once per ISA.
#include "cpu/loops.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "cpu/gemm.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

constexpr int64_t kLanes = 32;
constexpr int64_t kBlock = 4096;
constexpr int64_t kChunk = 1 << 16;

template <typename T, typename A>
A block_dot(const T* a, const T* b, int64_t n) {
  if constexpr (std::is_floating_point<T>::value) {
    using V = Vec<T>;
    constexpr int64_t W = V::size();
    V s0, s1, s2, s3;
    int64_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
      s0 = fmadd(V::loadu(a + i), V::loadu(b + i), s0);
      s1 = fmadd(V::loadu(a + i + W), V::loadu(b + i + W), s1);
      s2 = fmadd(V::loadu(a + i + 2 * W), V::loadu(b + i + 2 * W), s2);
      s3 = fmadd(V::loadu(a + i + 3 * W), V::loadu(b + i + 3 * W), s3);
    }
    for (; i < n; i += W) {
      const int c = static_cast<int>(std::min<int64_t>(W, n - i));
      s0 = fmadd(V::loadu(a + i, c), V::loadu(b + i, c), s0);
    }
    return ((s0 + s1) + (s2 + s3)).reduce_add();
  }
  A acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int64_t j = 0; j < kLanes; ++j) acc[j] += A(a[i + j]) * A(b[i + j]);
  const int64_t tail = n - i;  // < kLanes
  for (int64_t j = 0; j < tail; ++j) acc[j] += A(a[i + j]) * A(b[i + j]);
  for (int64_t w = kLanes / 2; w > 0; w /= 2)
    for (int64_t j = 0; j < w; ++j) acc[j] += acc[j + w];
  return acc[0];
}

template <typename T, typename A>
A cascade_dot(const T* a, const T* b, int64_t n) {
  if (n <= kBlock) return block_dot<T, A>(a, b, n);
  int64_t half = ((n / kBlock) / 2) * kBlock;
  if (half == 0) half = kBlock;
  const A left = cascade_dot<T, A>(a, b, half);  // NOTE: left first, forwards in memory (see reduce_kernels.cc)
  return left + cascade_dot<T, A>(a + half, b + half, n - half);
}

// Fixed chunks combined pairwise: the result does not depend on the thread count.
template <typename T, typename A>
double dot_kernel(const void* a_, const void* b_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  const T* b = static_cast<const T*>(b_);
  if (n <= kChunk) return static_cast<double>(static_cast<T>(cascade_dot<T, A>(a, b, n)));
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<A> partial(chunks);
  parallel_for(0, chunks, 1, [&](int64_t s, int64_t e) {
    for (int64_t c = s; c < e; ++c) {
      int64_t start = c * kChunk;
      partial[c] = cascade_dot<T, A>(a + start, b + start, std::min(kChunk, n - start));
    }
  });
  for (size_t w = 1; w < partial.size(); w *= 2)
    for (size_t i = 0; i + w < partial.size(); i += 2 * w) partial[i] += partial[i + w];
  return static_cast<double>(static_cast<T>(partial[0]));
}

}  // namespace

void register_blas_kernels(KernelTable& t) {
  t.dot[int(DType::Float32)] = &dot_kernel<float, float>;
  t.dot[int(DType::Float64)] = &dot_kernel<double, double>;
  t.dot[int(DType::Int32)] = &dot_kernel<int32_t, int64_t>;
  t.dot[int(DType::Int64)] = &dot_kernel<int64_t, int64_t>;
  t.gemm_f32 = &gemm_f32;
  t.gemm_f64 = &gemm_f64;
  t.gemm_linear_f32 = &gemm_linear_f32;
  t.gemm_linear_f64 = &gemm_linear_f64;
  t.gemm_pack_b_f32 = &gemm_pack_b_f32;
  t.gemm_pack_b_f64 = &gemm_pack_b_f64;
}

}  // namespace TG_CPU_NS
}  // namespace tg
