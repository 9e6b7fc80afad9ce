// Row kernels and task splitting shared by the float64 decomposition sources (linalg_kernels.cc,
// linalg_eig_kernels.cc); for ISA-compiled files only (Note [ISA-local helpers] in cpu/loops.h).
#pragma once
#include "cpu/loops.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

namespace tg {
namespace TG_CPU_NS {
namespace {

using V = Vec<double>;
constexpr int64_t W = V::size();
using Buf = std::vector<double>;

// y += a x and x . y on Vec<double> rows.
void axpy(int64_t n, double a, const double* x, double* y) {
  const V va(a);
  int64_t j = 0;
  for (; j + W <= n; j += W) fmadd(va, V::loadu(x + j), V::loadu(y + j)).storeu(y + j);
  if (j < n) {
    const int r = static_cast<int>(n - j);
    fmadd(va, V::loadu(x + j, r), V::loadu(y + j, r)).storeu(y + j, r);
  }
}

double dot(int64_t n, const double* x, const double* y) {
  V s0(0.0), s1(0.0);
  int64_t j = 0;
  for (; j + 2 * W <= n; j += 2 * W) {
    s0 = fmadd(V::loadu(x + j), V::loadu(y + j), s0);
    s1 = fmadd(V::loadu(x + j + W), V::loadu(y + j + W), s1);
  }
  for (; j + W <= n; j += W) s0 = fmadd(V::loadu(x + j), V::loadu(y + j), s0);
  double s = (s0 + s1).reduce_add();
  for (; j < n; ++j) s += x[j] * y[j];
  return s;
}

// Fixed tasks over the kernel threads, claimed from a counter so that a late worker takes fewer (the tasks are
// unequal: Cholesky's lower rows are longer). Note [Thread-count-independent blocks]: the task split depends
// only on the shape and each task's GEMMs run whole on one thread (inside a parallel region the GEMM stays on
// its caller), so the results are bitwise the same for any thread count, as the GEMM's own.
template <typename F>
void run_tasks(int64_t count, bool worth, const F& task) {
  const int64_t nt = std::min<int64_t>(get_num_threads(), count);
  if (!worth || nt <= 1 || in_parallel_region()) {
    for (int64_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<int64_t> next{0};
  parallel_for(0, nt, 1, [&](int64_t, int64_t) {
    for (int64_t i; (i = next.fetch_add(1)) < count;) task(i);
  });
}

}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
