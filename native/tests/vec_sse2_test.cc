// The SSE2 Vec (vec_sse2.h) against the plain-array generic Vec it replaced on the default capability: every
// contract member and every vec_math.h function, bit for bit (any NaN matches any NaN), on random bit patterns mixed with the special
// values (+-0, +-inf, NaN, denormals, ties for round). See Note [SSE2 Vec]. Built and run by
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

// Applies every op to lanes of a, b, c (n a multiple of Vec<T>::size()); appends each op's lanes to out.
template <typename T>
void run_all(const std::vector<T>& a, const std::vector<T>& b, const std::vector<T>& c, std::vector<T>& out) {
  using V = Vec<T>;
  constexpr int W = V::size();
  auto put = [&](const V& v) {
    for (int l = 0; l < W; ++l) out.push_back(v[l]);
  };
  auto put_scalar = [&](T s) { out.push_back(s); };
  for (size_t i = 0; i + W <= a.size(); i += W) {
    const V x = V::loadu(&a[i]), y = V::loadu(&b[i]), z = V::loadu(&c[i]);
    put(x + y); put(x - y); put(x * y); put(x / y); put(-x);
    put(x & y); put(x | y); put(x ^ y); put(andnot(x, y));
    put(fmadd(x, y, z)); put(muladd(x, y, z)); put(maximum(x, y)); put(minimum(x, y));
    put(x.abs()); put(x.neg()); put(x.sqrt()); put(x.rsqrt()); put(x.reciprocal()); put(x.floor()); put(x.round());
    put(x.is_nan()); put(x.clamp_keep_nan(minimum(y, z), maximum(y, z)));
    put(x.cmp_eq(y)); put(x.cmp_ne(y)); put(x.cmp_lt(y)); put(x.cmp_le(y)); put(x.cmp_gt(y)); put(x.cmp_ge(y));
    put_scalar(V::all(x.cmp_eq(x)) ? T(1) : T(0));
    put(V::blendv(x, y, z.cmp_lt(V(T(0)))));
    put_scalar(x.reduce_add()); put_scalar(x.reduce_max()); put_scalar(x.reduce_min());
    put(V::shl(x, 3)); put(V::shr(x, 5)); put(V::iadd(x, y)); put(V::isub(x, y));
    put(V::from_bits(typename V::bits_t(0x5a5a5a5a)));
    put(vexp(x)); put(vlog(x)); put(vtanh(x)); put(vsigmoid(x)); put(vsin(x)); put(vcos(x)); put(verf(x));
    // Partial loads/stores: lanes >= count read as zero, and the store writes only count lanes.
    for (int count = 0; count <= W; ++count) {
      put(V::loadu(&a[i], count));
      std::vector<T> dst(W, T(7));
      x.storeu(dst.data(), count);
      for (T d : dst) out.push_back(d);
    }
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

template <typename T> constexpr size_t Vec8() { return 32 / sizeof(T); }

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
                  i % (x.size() / (n / Vec8<T>())), double(x[i]), double(y[i]));
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
