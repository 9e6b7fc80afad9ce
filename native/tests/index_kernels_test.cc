// Standalone ASan/UBSan check of native/cpu/index_kernels.cc (run_index_kernels_test.sh builds it per ISA): bad
// indices (first, middle and last position, a second bad one later, both ends of the index type's range, and
// for int64 values beyond int32's range that a narrowing to int32 would have made valid) are reported at their
// first position and never read or written through: the buffers are exact-size heap blocks, so any overrun is
// an ASan report (Note [Fused index checks]); index_put_dim writes nothing on a bad index (Note [Index put along
// a dim]). Both index widths (Note [Index widths]), 1 and 2 threads.
#include <cmath>
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
      for (int d = g.ndim - 1; d >= 0; --d) { g.self_stride[d] = ns; g.self_shape[d] = c.self[d]; ns *= c.self[d]; }
      g.self_numel = ns;
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
        CHECK(scatter(s.get(), b.data(), src.data(), nullptr, 0, kScatterAdd, g) == bad_pos);
        CHECK(scatter(s.get(), b.data(), nullptr, nullptr, 2.5, kScatterSet, g) == bad_pos);
        for (int mode : {int(kScatterMul), int(kScatterMax), kScatterMin | kScatterNoSelf, kScatterAdd | kScatterNoSelf}) {
          std::unique_ptr<float[]> fresh(new float[ns]);  // the fused copy (init) writes only into a fresh block
          CHECK(scatter(fresh.get(), b.data(), src.data(), self.data(), 0, mode, g) == bad_pos);
        }
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
      // every reduce mode, with and without self, fused copy or not: the serial row-major result exactly
      for (int mode : {int(kScatterAdd), int(kScatterMul), int(kScatterMax), int(kScatterMin), kScatterAdd | kScatterNoSelf,
                       kScatterMul | kScatterNoSelf, kScatterMax | kScatterNoSelf, kScatterMin | kScatterNoSelf}) {
        std::vector<float> want(self);
        std::vector<bool> seen(ns, false);
        const int op = mode & ~kScatterNoSelf;
        for (int64_t p = 0; p < ni; ++p) {
          int64_t rest = p, off = 0, roff = 0;
          for (int d = g.ndim - 1; d >= 0; --d) {
            const int64_t q = rest % g.shape[d];
            rest /= g.shape[d];
            off += (d == g.dim ? int64_t(ix[p]) : q) * g.self_stride[d];
            roff += q * g.src_stride[d];
          }
          float& t = want[off];
          const float r = src[roff];
          if ((mode & kScatterNoSelf) && !seen[off]) t = op == kScatterMul ? 1.f : op == kScatterMax ? -INFINITY : op == kScatterMin ? INFINITY : 0.f;
          seen[off] = true;
          t = op == kScatterAdd ? t + r : op == kScatterMul ? t * r : op == kScatterMax ? std::max(t, r) : std::min(t, r);
        }
        std::unique_ptr<float[]> got(new float[ns]);
        CHECK(scatter(got.get(), ix.data(), src.data(), self.data(), 0, mode, g) == -1);
        bool eq = true;
        for (int64_t p = 0; p < ns; ++p) eq = eq && (got[p] == want[p] || (got[p] != got[p] && want[p] != want[p]));
        CHECK(eq);  // (long products overflow to inf, and inf * 0 is NaN on both sides)
      }
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

// index_offsets and index_runs (Note [Advanced index runs]): x[i0, i1] on a [n0, n1, 3] x with i0 [m] and i1
// [1] broadcast, negative indices wrapped, bad ones reported (k-major) and never used; runs reject bad starts.
void run_advanced(const KernelTable& kt) {
  const int64_t n0 = 50, n1 = 40, inner = 3, m = 70000;
  std::vector<int64_t> i0(m);
  for (int64_t j = 0; j < m; ++j) i0[j] = int64_t(std::rand() % (2 * n0)) - n0;  // [-n0, n0)
  std::vector<int32_t> i1 = {-3};
  AdvIndexGeom g;
  g.nidx = 2; g.nb = 1; g.bshape[0] = m; g.B = m;
  g.idx[0] = i0.data(); g.wide[0] = true; g.full[0] = true; g.size[0] = n0; g.stride[0] = n1 * inner; g.istride[0][0] = 1;
  g.idx[1] = i1.data(); g.wide[1] = false; g.full[1] = false; g.size[1] = n1; g.stride[1] = inner; g.istride[1][0] = 0;
  const double ob[1] = {0}, oa[1] = {0};
  g.ob = ob; g.oa = oa;
  int bad_k = -1;
  std::unique_ptr<int32_t[]> starts(new int32_t[m]);
  const int32_t* st = starts.get();
  {
    using I = int64_t;  // CHECK names a width
    CHECK(kt.index_offsets(g, starts.get(), &bad_k) == -1);
    bool ok = true;
    for (int64_t j = 0; j < m; ++j) ok = ok && st[j] == ((i0[j] + n0) % n0) * n1 * inner + (n1 - 3) * inner;
    CHECK(ok);
    for (int64_t j : {int64_t(0), m / 2, m - 1}) for (int64_t bad : {n0, -n0 - 1, int64_t(1) << 32, std::numeric_limits<int64_t>::min()}) {
      std::vector<int64_t> b = i0; b[j] = bad;
      g.idx[0] = b.data();
      CHECK(kt.index_offsets(g, starts.get(), &bad_k) == j && bad_k == 0);
      i1[0] = int32_t(n1);  // both bad: index 0 is named first
      CHECK(kt.index_offsets(g, starts.get(), &bad_k) == j && bad_k == 0);
      g.idx[0] = i0.data();
      CHECK(kt.index_offsets(g, starts.get(), &bad_k) == 0 && bad_k == 1);
      i1[0] = -3;
    }
    CHECK(kt.index_offsets(g, starts.get(), &bad_k) == -1);
    const int64_t nx = n0 * n1 * inner;
    auto runs = kt.index_runs[int(DType::Float32)];
    std::unique_ptr<float[]> x(new float[nx]), out(new float[m * inner]);
    for (int64_t p = 0; p < nx; ++p) x[p] = float(p);
    CHECK(runs(0, x.get(), nx, starts.get(), m, inner, out.get()) == -1);
    ok = true;
    for (int64_t j = 0; j < m; ++j) for (int64_t r = 0; r < inner; ++r) ok = ok && out[j * inner + r] == float(st[j] + r);
    CHECK(ok);
    // accumulate: each position gets the sum in index order
    std::unique_ptr<float[]> acc(new float[nx]());
    CHECK(runs(2, acc.get(), nx, starts.get(), m, inner, out.get()) == -1);
    std::vector<float> want(nx, 0.f);
    for (int64_t j = 0; j < m; ++j) for (int64_t r = 0; r < inner; ++r) want[st[j] + r] += out[j * inner + r];
    ok = true;
    for (int64_t p = 0; p < nx; ++p) ok = ok && acc[p] == want[p];
    CHECK(ok);
    // index_take (Note [Advanced index blocks]): what index_offsets then index_runs(0) give, without starts, at
    // each element size, also with several ob and oa offsets (A, C = 2); the same first bad index, k-major
    {
      std::unique_ptr<float[]> took(new float[m * inner]);
      CHECK(kt.index_take(g, x.get(), 4, inner, took.get(), &bad_k) == -1);
      ok = true;
      for (int64_t p = 0; p < m * inner; ++p) ok = ok && took[p] == out[p];
      CHECK(ok);
      std::vector<double> xd(x.get(), x.get() + nx), td(m * inner);
      CHECK(kt.index_take(g, xd.data(), 8, inner, td.data(), &bad_k) == -1);
      ok = true;
      for (int64_t p = 0; p < m * inner; ++p) ok = ok && td[p] == double(out[p]);
      CHECK(ok);
      const double ob2[2] = {0, 1}, oa2[2] = {0, 1};
      AdvIndexGeom g2 = g;
      g2.ob = ob2; g2.oa = oa2; g2.A = 2; g2.C = 2;
      std::unique_ptr<int32_t[]> st2(new int32_t[4 * m]);
      std::unique_ptr<float[]> o2(new float[4 * m]), t2(new float[4 * m]);
      CHECK(kt.index_offsets(g2, st2.get(), &bad_k) == -1);
      CHECK(runs(0, x.get(), nx, st2.get(), 4 * m, 1, o2.get()) == -1);
      CHECK(kt.index_take(g2, x.get(), 4, 1, t2.get(), &bad_k) == -1);
      ok = true;
      for (int64_t p = 0; p < 4 * m; ++p) ok = ok && t2[p] == o2[p] && st2[p] == st[p / 2 % m] + p / (2 * m) + p % 2;
      CHECK(ok);
      for (int64_t j : {int64_t(0), m / 2, m - 1}) {
        std::vector<int64_t> b = i0; b[j] = n0;
        g.idx[0] = b.data();
        i1[0] = int32_t(-n1 - 1);  // both bad: index 0 is named first
        CHECK(kt.index_take(g, x.get(), 4, inner, took.get(), &bad_k) == j && bad_k == 0);
        g.idx[0] = i0.data();
        CHECK(kt.index_take(g, x.get(), 4, inner, took.get(), &bad_k) == 0 && bad_k == 1);
        i1[0] = -3;
      }
      g2.C = 0;  // an empty result still checks every index
      i1[0] = int32_t(n1);
      CHECK(kt.index_take(g2, x.get(), 4, 1, t2.get(), &bad_k) == 0 && bad_k == 1);
      i1[0] = -3;
    }
    for (int64_t j : {int64_t(0), m / 2, m - 1}) for (int32_t bad : {int32_t(nx - inner + 1), int32_t(-1), std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()}) {
      std::vector<int32_t> b(st, st + m); b[j] = bad;
      for (int mode : {0, 1, 2}) CHECK(runs(mode, x.get(), nx, b.data(), m, inner, out.get()) == j);
    }
  }
}

int main() {
  auto kt = std::make_unique<KernelTable>();
  TG_CPU_NS::register_index_kernels(*kt);
  run<int32_t>(*kt);
  run<int64_t>(*kt);
  for (int threads : {2, 1}) {
    set_num_threads(threads);
    run_advanced(*kt);
  }
  std::printf("index_kernels_test: %s\n", fails ? "FAILED" : "ok");
  return fails != 0;
}
