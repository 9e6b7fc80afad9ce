// Standalone ASan/UBSan check of native/cpu/index_kernels.cc (run_index_kernels_test.sh builds it per ISA): bad
// indices (first, middle and last position, a second bad one later, both ends of the index type's range, and
// for int64 values beyond int32's range that a narrowing to int32 would have made valid) are reported at their
// first position and never read or written through: the buffers are exact-size heap blocks, so any overrun is
// an ASan report (Note [Fused index checks]); index_put_dim writes nothing on a bad index (Note [Index put along
// a dim]). Both index widths (Note [Index widths]), 1 and 2 threads.
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <vector>
#include "core/parallel.h"
#include "cpu/kernel_table.h"
namespace tg { namespace TG_CPU_NS { void register_index_kernels(KernelTable&); } }
using namespace tg;
static int fails = 0;
#define CHECK(c) do { if (!(c)) { std::printf("FAIL %s:%d %s (index width %d)\n", __FILE__, __LINE__, #c, int(sizeof(I) * 8)); ++fails; } } while (0)

// Out-of-range values for a dim of `size`: size itself, -1, the type's extremes and, for int64, values whose
// low 32 bits are a valid index (2^32 + 1, -2^32 + 1) or that are exactly int32's bounds plus one.
template <typename I>
std::vector<I> bad_values(int64_t size) {
  std::vector<I> v = {I(size), I(-1), std::numeric_limits<I>::min(), std::numeric_limits<I>::max()};
  if (sizeof(I) == 8)
    for (int64_t x : {(int64_t(1) << 32) + 1, -(int64_t(1) << 32) + 1, int64_t(1) << 31, -(int64_t(1) << 31) - 1}) v.push_back(I(x));
  return v;
}

template <typename I>
void run(const KernelTable& kt) {
  const int w = sizeof(I) == 8 ? 1 : 0;
  auto gather = kt.index_gather[w][int(DType::Float32)];
  auto scatter = kt.index_scatter[w][int(DType::Float32)];
  auto select = kt.index_select[w][int(DType::Float32)];
  std::srand(7);
  struct Case { std::vector<int64_t> self, idx; int dim; };
  std::vector<Case> cases = {{{64, 100}, {64, 20000}, 1}, {{5, 64}, {1000, 64}, 0}, {{3, 4, 50}, {3, 300, 50}, 1},
                             {{2, 5, 6, 7}, {2, 500, 6, 7}, 1}, {{100000}, {100000}, 0}, {{7}, {5}, 0}};
  for (int threads : {2, 1}) {
    set_num_threads(threads);
    for (auto& c : cases) {
      IndexGeom g; g.ndim = int(c.self.size()); g.dim = c.dim; g.size = c.self[c.dim];
      int64_t ns = 1, ni = 1;
      for (int d = g.ndim - 1; d >= 0; --d) { g.self_stride[d] = ns; ns *= c.self[d]; }
      for (int d = g.ndim - 1; d >= 0; --d) { g.src_stride[d] = ni; g.shape[d] = c.idx[d]; ni *= c.idx[d]; }
      std::vector<float> self(ns), src(ni), out(ni);
      std::vector<I> ix(ni);
      for (auto& v : self) v = float(std::rand() % 100);
      for (auto& v : src) v = float(std::rand() % 100);
      for (auto& v : ix) v = I(std::rand() % int32_t(g.size));
      for (int64_t bad_pos : {int64_t(0), ni / 2, ni - 1}) for (I bad : bad_values<I>(g.size)) {
        std::vector<I> b = ix; b[bad_pos] = bad;
        if (bad_pos > 0) b[ni - 1] = I(g.size + 5);  // a later bad one too
        // heap copies of exact size: ASan sees any overrun
        std::unique_ptr<float[]> s(new float[ns]), o(new float[ni]);
        std::copy(self.begin(), self.end(), s.get());
        CHECK(gather(s.get(), b.data(), o.get(), g) == bad_pos);
        CHECK(scatter(s.get(), b.data(), src.data(), 0, 1, g) == bad_pos);
        CHECK(scatter(s.get(), b.data(), nullptr, 2.5, 0, g) == bad_pos);
      }
      CHECK(gather(self.data(), ix.data(), out.data(), g) == -1);
      // the values read are the ones indexed, at either width
      bool same = true;
      for (int64_t p = 0; p < ni; ++p) {
        int64_t rest = p, off = 0;
        for (int d = g.ndim - 1; d >= 0; --d) {
          const int64_t q = rest % g.shape[d];
          rest /= g.shape[d];
          off += (d == g.dim ? int64_t(ix[p]) : q) * g.self_stride[d];
        }
        same = same && out[p] == self[off];
      }
      CHECK(same);
    }
    // index_select: outer x n x inner, bad at j
    for (int64_t inner : {int64_t(1), int64_t(40)}) {
      const int64_t outer = 3, n = 1000, m = 50000;
      std::unique_ptr<float[]> s(new float[outer * n * inner]()), o(new float[outer * m * inner]);
      std::vector<I> ix(m);
      for (auto& v : ix) v = I(std::rand() % int32_t(n));
      CHECK(select(s.get(), ix.data(), o.get(), outer, n, inner, m) == -1);
      for (int64_t j : {int64_t(0), m / 2, m - 1}) for (I bad : bad_values<I>(n)) {
        std::vector<I> b = ix; b[j] = bad; if (j > 0) b[m - 1] = I(-7);
        CHECK(select(s.get(), b.data(), o.get(), outer, n, inner, m) == j);
      }
    }
    // index_copy / index_add / index_fill along a dim: all indices checked before any write, so a bad one
    // leaves self whole; repeated indices add in order
    auto put = kt.index_put_dim[w][int(DType::Float32)];
    for (int64_t inner : {int64_t(1), int64_t(3), int64_t(1500)}) {
      const int64_t outer = 4, n = 50, m = 3000;
      std::vector<I> ix(m);
      for (auto& v : ix) v = I(std::rand() % int32_t(n));
      std::unique_ptr<float[]> s(new float[outer * n * inner]()), src(new float[outer * m * inner]);
      for (int64_t p = 0; p < outer * m * inner; ++p) src[p] = float(p % 7);
      CHECK(put(s.get(), ix.data(), src.get(), 0, 1, 1, outer, n, inner, m) == -1);
      std::vector<float> want(outer * n * inner, 0.f);
      for (int64_t o = 0; o < outer; ++o)
        for (int64_t j = 0; j < m; ++j)
          for (int64_t k = 0; k < inner; ++k) want[(o * n + ix[j]) * inner + k] += float(((o * m + j) * inner + k) % 7);
      bool same = true;
      for (int64_t p = 0; p < outer * n * inner; ++p) same = same && s[p] == want[p];
      CHECK(same);
      for (int64_t j : {int64_t(0), m / 2, m - 1}) for (I bad : bad_values<I>(n)) {
        std::vector<I> b = ix; b[j] = bad; if (j > 0) b[m - 1] = I(-7);
        CHECK(put(s.get(), b.data(), src.get(), 0, 1, 1, outer, n, inner, m) == j);
        CHECK(put(s.get(), b.data(), nullptr, 2.5, 1, 0, outer, n, inner, m) == j);
      }
      same = true;
      for (int64_t p = 0; p < outer * n * inner; ++p) same = same && s[p] == want[p];
      CHECK(same);  // untouched by the failed calls
    }
  }
}

int main() {
  auto kt = std::make_unique<KernelTable>();
  TG_CPU_NS::register_index_kernels(*kt);
  run<int32_t>(*kt);
  run<int64_t>(*kt);
  std::printf("index_kernels_test: %s\n", fails ? "FAILED" : "ok");
  return fails != 0;
}
