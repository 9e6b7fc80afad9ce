// Scans (cumsum, cumprod and cumsum's reversed form for its backward) and small-k topk along one dim of
// [outer, n, inner]. Compiled once per ISA.
#include "cpu/loops.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace tg {
namespace TG_CPU_NS {
namespace {

// Note [Sequential scans]: PyTorch 1.13's CPU cumsum/cumprod (cpu_cum_base_kernel) walks each slice in order
// with one accumulator of acc_type: double for float32 and float64, int64 for integers. The float32 result of
// x.cumsum(0) at 1e6 randn matches a sequential double scan bit for bit (test/fixtures/gen/gen_scans.py), and a
// blocked or two-pass parallel scan would not: double additions in another order round differently, and the
// last bit of a float64 cumsum (or, rarely, of a float32 one) would differ. So each slice is one sequential
// chain, as PyTorch's; the speed comes from everything around the chain (no per-element index arithmetic or
// dispatch, the conversions off the dependency chain), two threads splitting the slices (outer x inner) and,
// for a dim that is not the last, Vec-width accumulator rows across the contiguous inner axis. Results do not
// depend on the thread count. Integers wrap through the unsigned type (two's complement), as PyTorch's int64.
template <typename T> struct ScanAcc { using type = double; };
template <> struct ScanAcc<int64_t> { using type = uint64_t; };
template <> struct ScanAcc<int32_t> { using type = uint32_t; };

template <typename T, bool kProd>
void scan_kernel_t(const T* a, T* out, int64_t outer, int64_t n, int64_t inner, bool reverse) {
  using A = typename ScanAcc<T>::type;
  const A init = kProd ? A(1) : A(0);
  if (inner == 1) {
    parallel_for(0, outer, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, n)), [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o) {
        const T* x = a + o * n;
        T* y = out + o * n;
        A acc = init;
        if (!reverse) {
          for (int64_t k = 0; k < n; ++k) {
            acc = kProd ? acc * A(x[k]) : acc + A(x[k]);
            y[k] = T(acc);
          }
        } else {
          for (int64_t k = n - 1; k >= 0; --k) {
            acc = kProd ? acc * A(x[k]) : acc + A(x[k]);
            y[k] = T(acc);
          }
        }
      }
    });
    return;
  }
  // A dim that is not the last: rows of `inner` accumulators walk the slice row by row (memory order); the
  // inner loop is independent across i, so the compiler vectorizes it.
  constexpr int64_t kChunk = 512;
  const int64_t chunks = (inner + kChunk - 1) / kChunk;
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, n * std::min(inner, kChunk)));
  parallel_for(0, outer * chunks, grain, [&](int64_t b, int64_t e) {
    A acc[kChunk];
    for (int64_t t = b; t < e; ++t) {
      const int64_t o = t / chunks, c0 = (t % chunks) * kChunk, m = std::min(kChunk, inner - c0);
      for (int64_t i = 0; i < m; ++i) acc[i] = init;
      for (int64_t kk = 0; kk < n; ++kk) {
        const int64_t k = reverse ? n - 1 - kk : kk;
        const T* x = a + (o * n + k) * inner + c0;
        T* y = out + (o * n + k) * inner + c0;
        for (int64_t i = 0; i < m; ++i) {
          acc[i] = kProd ? acc[i] * A(x[i]) : acc[i] + A(x[i]);
          y[i] = T(acc[i]);
        }
      }
    }
  });
}

template <typename T>
void scan_kernel(const void* a, void* out, int64_t outer, int64_t n, int64_t inner, int op, bool reverse) {
  if (op == 1) scan_kernel_t<T, true>(static_cast<const T*>(a), static_cast<T*>(out), outer, n, inner, reverse);
  else scan_kernel_t<T, false>(static_cast<const T*>(a), static_cast<T*>(out), outer, n, inner, reverse);
}

// Note [Topk order]: PyTorch 1.13's CPU topk (topk_impl_loop) runs std::partial_sort over (value, position)
// pairs when k * 64 <= n, comparing values only (NaN beyond every number): equal values are NOT kept in
// position order, their order is whatever libstdc++'s heap leaves. This kernel replays that heap exactly:
// make_heap over the first k, then for each later element that compares strictly ahead of the heap top,
// __pop_heap(first, middle, it) (which std::pop_heap over the k heap slots plus the newcomer in slot k is), then
// sort_heap. The elements that do not compare ahead of the top leave the heap untouched, so a whole Vec of them
// is skipped with one compare: for largest, when every lane is <= the top (a NaN lane compares false and is
// looked at); for smallest, when every lane is >= the top. lib/ops/sorting.ts calls it only for k * 64 <= n
// (PyTorch's nth_element path orders ties otherwise).
template <typename T>
struct TopkCmp {
  bool largest;
  bool operator()(const std::pair<T, int64_t>& x, const std::pair<T, int64_t>& y) const {
    const bool xn = x.first != x.first, yn = y.first != y.first;
    return largest ? ((xn && !yn) || x.first > y.first) : ((!xn && yn) || x.first < y.first);
  }
};

template <typename T>
void topk_slice(const T* x, int64_t stride, int64_t n, int64_t k, bool largest, std::pair<T, int64_t>* heap) {
  using VT = Vec<T>;
  constexpr int64_t W = VT::size();
  const TopkCmp<T> cmp{largest};
  for (int64_t i = 0; i < k; ++i) heap[i] = {x[i * stride], i};
  std::make_heap(heap, heap + k, cmp);
  auto offer = [&](T v, int64_t i) {
    heap[k] = {v, i};
    if (cmp(heap[k], heap[0])) std::pop_heap(heap, heap + k + 1, cmp);
  };
  int64_t i = k;
  if (stride == 1) {
    for (; i + W <= n; i += W) {
      const T top = heap[0].first;
      if (top == top) {
        const VT v = VT::loadu(x + i);
        if (largest ? VT::all(v.cmp_le(VT(top))) : VT::all(v.cmp_ge(VT(top)))) continue;
      } else if (largest) {
        continue;  // nothing compares ahead of a NaN top when NaN is the largest
      }
      for (int64_t l = 0; l < W; ++l) offer(x[i + l], i + l);
    }
  }
  for (; i < n; ++i) offer(x[i * stride], i);
  std::sort_heap(heap, heap + k, cmp);
}

template <typename T>
void topk_kernel(const void* a_, void* values_, int64_t* indices, int64_t outer, int64_t n, int64_t inner, int64_t k,
                 bool largest) {
  const T* a = static_cast<const T*>(a_);
  T* values = static_cast<T*>(values_);
  if (k == 0) return;
  // Slices are independent; one long slice runs on one thread (the heap's replay is sequential), which reads
  // memory at its full speed anyway since nearly every Vec is skipped.
  parallel_for(0, outer * inner, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, n)), [&](int64_t b, int64_t e) {
    std::vector<std::pair<T, int64_t>> heap(k + 1);
    for (int64_t s = b; s < e; ++s) {
      const int64_t o = s / inner, i = s % inner;
      topk_slice(a + o * n * inner + i, inner, n, k, largest, heap.data());
      for (int64_t j = 0; j < k; ++j) {
        values[(o * k + j) * inner + i] = heap[j].first;
        indices[(o * k + j) * inner + i] = heap[j].second;
      }
    }
  });
}

}  // namespace

void register_scan_kernels(KernelTable& t) {
  t.scan[int(DType::Float32)] = &scan_kernel<float>;
  t.scan[int(DType::Float64)] = &scan_kernel<double>;
  t.scan[int(DType::Int64)] = &scan_kernel<int64_t>;
  t.topk[int(DType::Float32)] = &topk_kernel<float>;
  t.topk[int(DType::Float64)] = &topk_kernel<double>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
