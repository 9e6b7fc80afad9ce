// The SSE2 Vec (vec_sse2.h) against the plain-array generic Vec it replaced on the default capability: every
// lane-wise contract member and every vec_math.h function bit for bit (any NaN matches any NaN), and the
// members that depend on the width (horizontal folds, all, partial loads/stores) against their definition, on
// random bit patterns mixed with the special values (+-0, +-inf, NaN, denormals, ties for round). See Note [SSE2 Vec]. Built and run by
// run_vec_sse2_test.sh: this file is compiled twice (TG_CPU_NS=cpu_generic with TG_VEC_FORCE_GENERIC, and
// TG_CPU_NS=cpu_sse2) and the first build also holds main().
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "native/cpu/vec/vec_math.h"

namespace tg {
namespace TG_CPU_NS {

// Applies every op to a, b, c in chunks of kChunk elements (the generic Vec's width, a multiple of this build's
// size()), so both builds produce the same outputs in the same order: the lane-wise results of each op, then
// for each chunk one flag per self-check of what depends on the width (horizontal folds against a scalar fold
// of the same lanes, all(), partial loads and stores).
template <typename T>
void run_all(const std::vector<T>& a, const std::vector<T>& b, const std::vector<T>& c, std::vector<T>& out) {
  using V = Vec<T>;
  constexpr int W = V::size();
  constexpr int kChunk = 32 / static_cast<int>(sizeof(T));
  static_assert(kChunk % W == 0, "a chunk holds whole vectors");
  const auto same = [](T x, T y) { return std::memcmp(&x, &y, sizeof x) == 0 || (x != x && y != y); };
  for (size_t i0 = 0; i0 + kChunk <= a.size(); i0 += kChunk) {
    // Lane-wise: each op over the whole chunk, vector by vector.
    const auto each = [&](auto op) {
      for (int j = 0; j < kChunk; j += W) {
        const V x = V::loadu(&a[i0 + j]), y = V::loadu(&b[i0 + j]), z = V::loadu(&c[i0 + j]);
        const V r = op(x, y, z);
        for (int l = 0; l < W; ++l) out.push_back(r[l]);
      }
    };
    each([](V x, V y, V) { return x + y; });
    each([](V x, V y, V) { return x - y; });
    each([](V x, V y, V) { return x * y; });
    each([](V x, V y, V) { return x / y; });
    each([](V x, V, V) { return -x; });
    each([](V x, V y, V) { return x & y; });
    each([](V x, V y, V) { return x | y; });
    each([](V x, V y, V) { return x ^ y; });
    each([](V x, V y, V) { return andnot(x, y); });
    each([](V x, V y, V z) { return fmadd(x, y, z); });
    each([](V x, V y, V z) { return muladd(x, y, z); });
    each([](V x, V y, V) { return maximum(x, y); });
    each([](V x, V y, V) { return minimum(x, y); });
    each([](V x, V, V) { return x.abs(); });
    each([](V x, V, V) { return x.neg(); });
    each([](V x, V, V) { return x.sqrt(); });
    each([](V x, V, V) { return x.rsqrt(); });
    each([](V x, V, V) { return x.reciprocal(); });
    each([](V x, V, V) { return x.floor(); });
    each([](V x, V, V) { return x.round(); });
    each([](V x, V, V) { return x.is_nan(); });
    each([](V x, V y, V z) { return x.clamp_keep_nan(minimum(y, z), maximum(y, z)); });
    each([](V x, V y, V) { return x.cmp_eq(y); });
    each([](V x, V y, V) { return x.cmp_ne(y); });
    each([](V x, V y, V) { return x.cmp_lt(y); });
    each([](V x, V y, V) { return x.cmp_le(y); });
    each([](V x, V y, V) { return x.cmp_gt(y); });
    each([](V x, V y, V) { return x.cmp_ge(y); });
    each([](V x, V y, V z) { return V::blendv(x, y, z.cmp_lt(V(T(0)))); });
    each([](V x, V, V) { return V::shl(x, 3); });
    each([](V x, V, V) { return V::shr(x, 5); });
    each([](V x, V y, V) { return V::iadd(x, y); });
    each([](V x, V y, V) { return V::isub(x, y); });
    each([](V, V, V) { return V::from_bits(typename V::bits_t(0x5a5a5a5a)); });
    each([](V x, V, V) { return vexp(x); });
    each([](V x, V, V) { return vlog(x); });
    each([](V x, V, V) { return vtanh(x); });
    each([](V x, V, V) { return vsigmoid(x); });
    each([](V x, V, V) { return vsin(x); });
    each([](V x, V, V) { return vcos(x); });
    each([](V x, V, V) { return verf(x); });
    // Width-dependent members, checked against their definition on this build's lanes.
    bool folds = true, all_ok = true, partial = true;
    for (int j = 0; j < kChunk; j += W) {
      const V x = V::loadu(&a[i0 + j]);
      T s = x[0], mx = x[0], mn = x[0];
      bool any_nan = x[0] != x[0], all_nan = any_nan;
      for (int l = 1; l < W; ++l) {
        s += x[l];
        any_nan = any_nan || x[l] != x[l];
        all_nan = all_nan && x[l] != x[l];
        if (x[l] > mx) mx = x[l];
        if (x[l] < mn) mn = x[l];
      }
      folds = folds && same(x.reduce_add(), s) && (any_nan ? x.reduce_max() != x.reduce_max() : same(x.reduce_max(), mx)) &&
              (any_nan ? x.reduce_min() != x.reduce_min() : same(x.reduce_min(), mn));
      all_ok = all_ok && V::all(x.cmp_eq(x)) == !any_nan && V::all(x.cmp_ne(x)) == all_nan;
      for (int count = 0; count <= W; ++count) {
        const V p = V::loadu(&a[i0 + j], count);
        T dst[W];
        for (int l = 0; l < W; ++l) dst[l] = T(7);
        x.storeu(dst, count);
        for (int l = 0; l < W; ++l) {
          partial = partial && same(p[l], l < count ? a[i0 + j + l] : T(0));
          partial = partial && same(dst[l], l < count ? a[i0 + j + l] : T(7));
        }
      }
    }
    out.push_back(folds ? T(1) : T(0));
    out.push_back(all_ok ? T(1) : T(0));
    out.push_back(partial ? T(1) : T(0));
  }
}

}  // namespace TG_CPU_NS
}  // namespace tg

#define TG_STR2(x) #x
#define TG_STR(x) TG_STR2(x)
#define TG_CAT2(a, b) a##b
#define TG_CAT(a, b) TG_CAT2(a, b)

// Entry points per build: run_cpu_generic_f32, run_cpu_sse2_f32, ...
void TG_CAT(run_f32_, TG_CPU_NS)(const std::vector<float>& a, const std::vector<float>& b,
                                 const std::vector<float>& c, std::vector<float>& out) {
  tg::TG_CPU_NS::run_all(a, b, c, out);
}
void TG_CAT(run_f64_, TG_CPU_NS)(const std::vector<double>& a, const std::vector<double>& b,
                                 const std::vector<double>& c, std::vector<double>& out) {
  tg::TG_CPU_NS::run_all(a, b, c, out);
}

#ifdef TG_VEC_FORCE_GENERIC
void run_f32_cpu_sse2(const std::vector<float>&, const std::vector<float>&, const std::vector<float>&,
                      std::vector<float>&);
void run_f64_cpu_sse2(const std::vector<double>&, const std::vector<double>&, const std::vector<double>&,
                      std::vector<double>&);

template <typename T, typename U>
std::vector<T> inputs(std::mt19937_64& rng, size_t n) {
  const T specials[] = {T(0), -T(0), T(1), -T(1), T(0.5), T(1.5), T(2.5), -T(2.5), T(1e-3), T(88.5), -T(104),
                        std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(),
                        std::numeric_limits<T>::quiet_NaN(), -std::numeric_limits<T>::quiet_NaN(),
                        std::numeric_limits<T>::denorm_min(), std::numeric_limits<T>::max()};
  std::vector<T> v(n);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = rng();
    if (r % 4 == 0) {
      v[i] = specials[(r >> 8) % (sizeof specials / sizeof specials[0])];
    } else if (r % 4 == 1) {  // moderate magnitudes, where the math functions do their real work
      v[i] = T(std::ldexp(double(int64_t(r >> 16) % 2000001 - 1000000) / 1e6, int((r >> 40) % 12) - 4));
    } else {
      U bits = static_cast<U>(r >> 3);
      std::memcpy(&v[i], &bits, sizeof bits);
    }
  }
  return v;
}

template <typename T> constexpr size_t Chunk() { return 32 / sizeof(T); }

template <typename T, typename U>
int compare(const char* name, void (*gen)(const std::vector<T>&, const std::vector<T>&, const std::vector<T>&,
                                            std::vector<T>&),
            void (*sse)(const std::vector<T>&, const std::vector<T>&, const std::vector<T>&, std::vector<T>&)) {
  std::mt19937_64 rng(21);
  const size_t n = 1 << 14;
  const auto a = inputs<T, U>(rng, n), b = inputs<T, U>(rng, n), c = inputs<T, U>(rng, n);
  std::vector<T> x, y;
  gen(a, b, c, x);
  sse(a, b, c, y);
  int bad = 0;
  if (x.size() != y.size()) {
    std::printf("%s: %zu vs %zu results\n", name, x.size(), y.size());
    return 1;
  }
  for (size_t i = 0; i < x.size(); ++i)
    // NaN sign and payload are not part of the contract (GCC may swap the operands of a scalar a + b, and x86
    // keeps the first operand's NaN), so two NaNs match; every other result must have the same bits.
    if (std::memcmp(&x[i], &y[i], sizeof(T)) != 0 && !(x[i] != x[i] && y[i] != y[i]) && bad++ < 10)
      std::printf("%s: result %zu (offset %zu of a block) differs: generic %.17g, sse2 %.17g\n", name, i,
                  i % (x.size() / (n / Chunk<T>())), double(x[i]), double(y[i]));
  std::printf("%s: %zu results compared, %d differ\n", name, x.size(), bad);
  return bad;
}

int main() {
  const int bad = compare<float, uint32_t>("float", run_f32_cpu_generic, run_f32_cpu_sse2) +
                  compare<double, uint64_t>("double", run_f64_cpu_generic, run_f64_cpu_sse2);
  std::printf(bad ? "vec_sse2_test: FAILURES\n" : "vec_sse2_test: all passed\n");
  return bad ? 1 : 0;
}
#endif
