// Standalone accuracy/consistency checker for native/cpu/vec/vec_math.h, built once per ISA by
// run_vec_math_accuracy.sh. Prints max ulp error per function; exits non-zero on a hard failure.
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "native/cpu/vec/vec_math.h"

namespace {
using namespace tg::TG_CPU_NS;

#define STR2(x) #x
#define STR(x) STR2(x)
const char* kIsa = STR(TG_CPU_NS);

int g_fail = 0;
#define FAIL(...)                    \
  do {                               \
    if (g_fail++ < 40) {             \
      std::printf("  FAIL: ");       \
      std::printf(__VA_ARGS__);      \
      std::printf("\n");             \
    }                                \
  } while (0)

// Bit pattern for the bit-identity checks; every NaN maps to one value (the sign/payload of a NaN result depends on
// operand order, which the compiler may commute differently in different inlining contexts).
template <typename T> uint64_t bits_of(T v) {
  if (v != v) return ~0ull;
  uint64_t b = 0;
  std::memcpy(&b, &v, sizeof v);
  return b;
}
float f_of(uint32_t b) {
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}

// ulp of the target type at the magnitude of the (higher precision) reference r.
template <typename T, typename R> R ulp_at(R r) {
  constexpr int mant = std::numeric_limits<T>::digits - 1;
  constexpr int emin = std::numeric_limits<T>::min_exponent - 1;  // exponent of the smallest normal
  R a = std::fabs(r);
  int e = a > 0 ? std::ilogb(a) : emin;
  if (e < emin) e = emin;
  return std::ldexp(R(1), e - mant);
}

// Error in ulps of y against reference r; special values must match exactly (inf/NaN/overflow).
template <typename T, typename R> double ulp_err(T y, R r, bool* special_bad) {
  *special_bad = false;
  if (std::isnan(r)) {
    *special_bad = !std::isnan(y);
    return 0;
  }
  T rt = static_cast<T>(r);  // reference rounded to T
  if (std::isinf(rt) || std::isinf(y)) {
    *special_bad = !(rt == y);
    return 0;
  }
  if (std::isnan(y)) {
    *special_bad = true;
    return 0;
  }
  return static_cast<double>(std::fabs(static_cast<R>(y) - r) / ulp_at<T, R>(r));
}

struct Stat {
  double max_ulp = 0;
  double worst_x = 0;
  uint64_t n = 0, special_bad = 0;
  void add(double x, double e, bool sb) {
    n++;
    if (sb) {
      if (special_bad++ < 5) FAIL("special-value mismatch at x=%a", x);
      return;
    }
    if (e > max_ulp) {
      max_ulp = e;
      worst_x = x;
    }
  }
};

enum Fn { kExp, kLog, kTanh, kSigmoid, kSin, kCos, kErf, kNumFn };
const char* kFnName[kNumFn] = {"exp", "log", "tanh", "sigmoid", "sin", "cos", "erf"};

template <typename T> Vec<T> vapply(Fn f, const Vec<T>& x) {
  switch (f) {
    case kExp: return vexp(x);
    case kLog: return vlog(x);
    case kTanh: return vtanh(x);
    case kSigmoid: return vsigmoid(x);
    case kSin: return vsin(x);
    case kCos: return vcos(x);
    case kErf: return verf(x);
    default: return x;
  }
}
template <typename T> T sapply(Fn f, T x) {
  switch (f) {
    case kExp: return sexp(x);
    case kLog: return slog(x);
    case kTanh: return stanh(x);
    case kSigmoid: return ssigmoid(x);
    case kSin: return ssin(x);
    case kCos: return scos(x);
    case kErf: return serf(x);
    default: return x;
  }
}
double ref_d(Fn f, double x) {
  switch (f) {
    case kExp: return std::exp(x);
    case kLog: return std::log(x);
    case kTanh: return std::tanh(x);
    case kSigmoid: return x < 0 ? std::exp(x) / (1 + std::exp(x)) : 1 / (1 + std::exp(-x));
    case kSin: return std::sin(x);
    case kCos: return std::cos(x);
    case kErf: return std::erf(x);
    default: return x;
  }
}
long double ref_ld(Fn f, long double x) {
  switch (f) {
    case kExp: return expl(x);
    case kLog: return logl(x);
    case kTanh: return tanhl(x);
    case kSigmoid: return x < 0 ? expl(x) / (1 + expl(x)) : 1 / (1 + expl(-x));
    case kSin: return sinl(x);
    case kCos: return cosl(x);
    case kErf: return erfl(x);
    default: return x;
  }
}

// Run f over xs with full vectors + one partial tail, exactly like a kernel would.
template <typename T> void run_kernel(Fn f, const T* x, T* y, int64_t n) {
  constexpr int W = Vec<T>::size();
  int64_t i = 0;
  for (; i + W <= n; i += W) vapply(f, Vec<T>::loadu(x + i)).storeu(y + i);
  if (i < n) vapply(f, Vec<T>::loadu(x + i, int(n - i))).storeu(y + i, int(n - i));
}

std::vector<float> float_edges() {
  std::vector<float> e;
  const float inf = std::numeric_limits<float>::infinity();
  float base[] = {0.0f, -0.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN(), 1.0f, -1.0f,
                  std::numeric_limits<float>::min(), std::numeric_limits<float>::denorm_min(),
                  std::numeric_limits<float>::max(), 88.72283f, 88.7228394f, 88.73f, 89.0f, -87.33654f, -103.97208f,
                  -104.0f, -1000.0f, 1000.0f, 9.0f, 9.01f, 0.5625f, 1e-20f, 1e5f, 3.14159265f, 1.57079633f,
                  0.78539816f, 0.6931472f, 2.0f, 0.3466f, -0.3466f, 1.3333334f, 0.6666666f, 1e-45f, 5e-39f,
                  0.875f, 3.8f, 4.0f, 0.5f};
  for (float b : base) {
    e.push_back(b);
    e.push_back(-b);
    e.push_back(std::nextafter(b, inf));
    e.push_back(std::nextafter(b, -inf));
  }
  for (int k = -150; k <= 128; k++) e.push_back(std::ldexp(1.0f, k));
  for (int k = 1; k < 64000; k += 997) e.push_back(float(k * 1.5707963267948966));
  return e;
}

// Checks one chunk of float inputs against the double reference; sin/cos errors beyond 1e5 go to `far`.
void check_float_chunk(Fn f, const float* x, int n, Stat& st, Stat& far, bool scalar_too) {
  float y[64];
  run_kernel(f, x, y, n);
  for (int i = 0; i < n; i++) {
    bool sb;
    double e = ulp_err<float, double>(y[i], ref_d(f, x[i]), &sb);
    bool is_far = (f == kSin || f == kCos) && std::fabs(x[i]) > 1e5f;
    if (is_far) {
      if (std::isfinite(x[i]) && !(std::fabs(y[i]) <= 1.0f)) FAIL("%s(%a) = %a not finite in [-1,1]", kFnName[f], x[i], y[i]);
      if (std::fabs(x[i]) <= 1e6f) far.add(x[i], sb ? 0 : e, false);
    } else {
      st.add(x[i], e, sb);
    }
    if (scalar_too) {
      float s = sapply(f, x[i]);
      if (bits_of(s) != bits_of(y[i])) FAIL("%s scalar/vector differ at x=%a: %a vs %a", kFnName[f], x[i], s, y[i]);
    }
  }
}

void float_accuracy(uint32_t stride, double* out_max) {
  std::printf("float32 (%s): strided sweep of all bit patterns (stride %u) + [0.5,2) and edges, ref = double libm\n",
              kIsa, stride);
  std::vector<float> edges = float_edges();
  for (int fi = 0; fi < kNumFn; fi++) {
    Fn f = Fn(fi);
    Stat st, far;
    float buf[32];
    int nb = 0;
    uint64_t count = 0;
    auto flush = [&](bool scalar_too) {
      check_float_chunk(f, buf, nb, st, far, scalar_too);
      nb = 0;
    };
    for (uint64_t b = 0; b < (1ull << 32); b += stride) {
      buf[nb++] = f_of(uint32_t(b));
      if (nb == 32) flush((++count & 1023) == 0);
    }
    // every float in [0.5, 2) and (-2, -0.5] (log near 1, tanh threshold, sin/cos core range)
    for (uint32_t b = 0x3f000000u; b < 0x40000000u; b++) {
      buf[nb++] = f_of(b);
      if (nb == 32) flush(false);
      buf[nb++] = f_of(b | 0x80000000u);
      if (nb == 32) flush(false);
    }
    if (nb) flush(false);
    for (size_t i = 0; i < edges.size(); i += 32) {
      nb = int(std::min<size_t>(32, edges.size() - i));
      std::memcpy(buf, &edges[i], nb * sizeof(float));
      flush(true);
    }
    out_max[fi] = st.max_ulp;
    std::printf("  %-8s max %.3f ulp at x=%a (%.9g)  n=%" PRIu64 " special-mismatch=%" PRIu64, kFnName[f], st.max_ulp,
                st.worst_x, st.worst_x, st.n, st.special_bad);
    if (f == kSin || f == kCos) std::printf("  | 1e5<|x|<=1e6: max %.3g ulp at %.9g", far.max_ulp, far.worst_x);
    std::printf("\n");
  }
}

template <typename T> T rand_in(std::mt19937_64& g, double lo, double hi) {
  return T(lo + (hi - lo) * std::uniform_real_distribution<double>(0, 1)(g));
}

void double_accuracy(int per_range, double* out_max) {
  std::printf("float64 (%s): random + edge sweep, %d points per range, ref = long double libm\n", kIsa, per_range);
  std::mt19937_64 g(12345);
  const double inf = std::numeric_limits<double>::infinity();
  for (int fi = 0; fi < kNumFn; fi++) {
    Fn f = Fn(fi);
    std::vector<double> xs;
    auto add_range = [&](double lo, double hi) {
      for (int i = 0; i < per_range; i++) xs.push_back(rand_in<double>(g, lo, hi));
    };
    // random bit patterns (all magnitudes) + uniform ranges that matter for each function
    for (int i = 0; i < per_range; i++) {
      uint64_t b = g();
      double d;
      std::memcpy(&d, &b, 8);
      xs.push_back(d);
    }
    add_range(-1, 1);
    add_range(-10, 10);
    if (f == kExp || f == kSigmoid) { add_range(-745.2, 709.8); add_range(-745.2, -708); }
    if (f == kLog) { add_range(0, 4); add_range(0.5, 1.5); add_range(0, 1e-300); }
    if (f == kTanh || f == kSigmoid) { add_range(-40, 40); add_range(-0.7, 0.7); }
    if (f == kSin || f == kCos) { add_range(-1e5, 1e5); add_range(-100, 100); add_range(1e5, 1e6); }
    if (f == kErf) { add_range(-6.5, 6.5); add_range(0.8, 1.2); add_range(-1e-10, 1e-10); }
    double base[] = {0.0, -0.0, inf, -inf, std::numeric_limits<double>::quiet_NaN(), 1.0, -1.0, 709.78, 709.79,
                     -708.4, -745.13, -745.2, -1000, 1000, 0.5625, 1e-310, 4.9e-324, 2.2250738585072014e-308,
                     std::numeric_limits<double>::max(), 1e5, 0.6931471805599453, 1.5707963267948966, 0.875, 5.9, 6.0};
    for (double b : base) {
      xs.push_back(b);
      xs.push_back(-b);
      xs.push_back(std::nextafter(b, inf));
      xs.push_back(std::nextafter(b, -inf));
    }
    std::vector<double> ys(xs.size());
    run_kernel(f, xs.data(), ys.data(), int64_t(xs.size()));
    Stat st, far;
    for (size_t i = 0; i < xs.size(); i++) {
      bool sb;
      double e = ulp_err<double, long double>(ys[i], ref_ld(f, xs[i]), &sb);
      if ((f == kSin || f == kCos) && std::fabs(xs[i]) > 1e5) {
        if (std::isfinite(xs[i]) && !(std::fabs(ys[i]) <= 1.0)) FAIL("%s(%a) = %a not in [-1,1]", kFnName[f], xs[i], ys[i]);
        if (std::fabs(xs[i]) <= 1e6) far.add(xs[i], sb ? 0 : e, false);
      } else {
        st.add(xs[i], e, sb);
      }
      if (i % 64 == 0 || i + 200 > xs.size()) {
        double s = sapply(f, xs[i]);
        if (bits_of(s) != bits_of(ys[i])) FAIL("%s(f64) scalar/vector differ at x=%a", kFnName[f], xs[i]);
      }
    }
    out_max[fi] = st.max_ulp;
    std::printf("  %-8s max %.3f ulp at x=%a (%.17g)  n=%" PRIu64 " special-mismatch=%" PRIu64, kFnName[f], st.max_ulp,
                st.worst_x, st.worst_x, st.n, st.special_bad);
    if (f == kSin || f == kCos) std::printf("  | 1e5<|x|<=1e6: max %.3g ulp", far.max_ulp);
    std::printf("\n");
  }
}

// Exact-value contract checks and tail consistency (lengths 0..3W+1, no reads/writes past the end).
template <typename T> void contract_checks() {
  using V = Vec<T>;
  constexpr int W = V::size();
  const T inf = std::numeric_limits<T>::infinity(), nan = std::numeric_limits<T>::quiet_NaN();
  auto chk = [](bool ok, const char* what) {
    if (!ok) FAIL("%s (%s)", what, sizeof(T) == 4 ? "f32" : "f64");
  };
  chk(sexp(T(0)) == 1 && sexp(-inf) == 0 && sexp(inf) == inf && std::isnan(sexp(nan)), "exp specials");
  chk(sexp(T(sizeof(T) == 4 ? 89 : 710)) == inf && sexp(T(sizeof(T) == 4 ? -104 : -746)) == 0, "exp thresholds");
  chk(slog(T(0)) == -inf && slog(T(-0.0)) == -inf && std::isnan(slog(T(-1))) && slog(inf) == inf &&
          std::isnan(slog(nan)) && slog(T(1)) == 0 && std::isnan(slog(-inf)),
      "log specials");
  chk(stanh(inf) == 1 && stanh(-inf) == -1 && std::signbit(stanh(T(-0.0))) && stanh(T(-0.0)) == 0 &&
          std::isnan(stanh(nan)) && stanh(T(1000)) == 1,
      "tanh specials");
  chk(ssigmoid(T(-1000)) == 0 && ssigmoid(T(1000)) == 1 && ssigmoid(-inf) == 0 && ssigmoid(inf) == 1 &&
          std::isnan(ssigmoid(nan)) && ssigmoid(T(0)) == T(0.5),
      "sigmoid specials");
  chk(std::signbit(ssin(T(-0.0))) && ssin(T(-0.0)) == 0 && scos(T(0)) == 1 && std::isnan(ssin(inf)) &&
          std::isnan(scos(-inf)) && std::isnan(ssin(nan)),
      "sin/cos specials");
  chk(serf(inf) == 1 && serf(-inf) == -1 && std::signbit(serf(T(-0.0))) && serf(T(-0.0)) == 0 && serf(T(0)) == 0 &&
          !std::signbit(serf(T(0))) && std::isnan(serf(nan)) && serf(T(7)) == 1 && serf(T(-30)) == -1 &&
          serf(std::numeric_limits<T>::denorm_min()) > 0,
      "erf specials");
  chk(std::fabs(ssin(T(1e30))) <= 1 && std::fabs(scos(T(-3e38))) <= 1, "sin/cos huge finite");
  // Vec op semantics
  V a(T(-0.0));
  chk(!std::signbit(a.abs()[0]), "abs(-0) = +0");
  chk(std::isnan(maximum(V(nan), V(T(1)))[0]) && std::isnan(minimum(V(T(1)), V(nan))[0]), "max/min NaN");
  const V lo(T(-1)), hi(T(1));
  chk(std::isnan(V(nan).clamp_keep_nan(lo, hi)[0]) && V(T(-3)).clamp_keep_nan(lo, hi)[0] == -1 &&
          V(inf).clamp_keep_nan(lo, hi)[0] == 1 && V(T(0.25)).clamp_keep_nan(lo, hi)[0] == T(0.25),
      "clamp_keep_nan");
  {
    std::vector<T> mixed(W, T(1));
    mixed[W - 1] = T(3);
    const V m = V::loadu(mixed.data());
    chk(!V::all(m.cmp_lt(V(T(2)))) && V::all(m.cmp_lt(V(T(4)))) && !V::all(V(nan).cmp_le(V(T(0)))), "all");
    // exp's scaling takes a faster path when every lane's result is normal (Note in scale_by_pow2): a vector
    // mixing normal, subnormal, overflowing and NaN lanes must give each lane its scalar result.
    const bool f32 = sizeof(T) == 4;
    const T odd[4] = {T(f32 ? -95 : -740), T(f32 ? 88.9 : 709.9), nan, T(f32 ? -87.9 : -708.9)};
    for (int k = 0; k < 4; k++) {
      std::vector<T> lanes(W);
      for (int l = 0; l < W; l++) lanes[l] = T(0.37) * T(l + 1) - T(1);
      lanes[(k * 3) % W] = odd[k];
      for (int fi = 0; fi < kNumFn; fi++) {
        std::vector<T> out(W);
        run_kernel(Fn(fi), lanes.data(), out.data(), W);
        for (int l = 0; l < W; l++) {
          const T sref = sapply(Fn(fi), lanes[l]);
          if (bits_of(sref) != bits_of(out[l]) && !(std::isnan(sref) && std::isnan(out[l])))
            FAIL("%s mixed-range vector lane %d differs from the scalar result", kFnName[fi], l);
        }
      }
    }
  }
  chk(V(T(2.5)).round()[0] == 2 && V(T(-2.5)).round()[0] == -2 && V(T(3.5)).round()[0] == 4, "round half even");
  chk(V(T(-1.5)).floor()[0] == -2 && V(T(4)).rsqrt()[0] == T(0.5), "floor/rsqrt");
  chk(V::blendv(V(T(1)), V(T(2)), V(T(1)).cmp_lt(V(T(3))))[0] == 2 && V(nan).is_nan()[0] != 0, "blendv/cmp/is_nan");
  // tails: partial load zero-fills, partial store leaves the rest untouched; vector == scalar bitwise
  std::vector<T> src(4 * W + 8), dst(4 * W + 8);
  std::mt19937_64 g(7);
  for (auto& v : src) v = rand_in<T>(g, -20, 20);
  for (int n = 0; n <= 3 * W + 1; n++) {
    V p = V::loadu(src.data(), std::min(n, W));
    for (int l = std::min(n, W); l < W; l++) chk(p[l] == 0 && !std::signbit(p[l]), "partial load zero-fills");
    for (int fi = 0; fi < kNumFn; fi++) {
      for (auto& v : dst) v = T(-777);
      run_kernel(Fn(fi), src.data(), dst.data(), n);
      for (int i = 0; i < int(dst.size()); i++) {
        if (i >= n) {
          chk(dst[i] == T(-777), "partial store wrote past the end");
          continue;
        }
        T s = sapply(Fn(fi), src[i]);
        if (bits_of(s) != bits_of(dst[i])) FAIL("%s tail/scalar mismatch n=%d i=%d", kFnName[fi], n, i);
      }
    }
  }
  V r(T(1.5));
  chk(r.reduce_add() == T(1.5) * W && V::loadu(src.data()).reduce_max() >= V::loadu(src.data()).reduce_min(), "reduce");
}

template <typename T> void throughput(Fn f, double* ns) {
  const int64_t n = 1000000;
  std::vector<T> x(n), y(n);
  std::mt19937_64 g(1);
  for (auto& v : x) v = rand_in<T>(g, f == kLog ? 0.001 : -10, 10);
  double best = 1e30;
  for (int rep = 0; rep < 30; rep++) {
    auto t0 = std::chrono::steady_clock::now();
    run_kernel(f, x.data(), y.data(), n);
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::nano>(t1 - t0).count() / n);
  }
  volatile T sink = y[n / 2];
  (void)sink;
  *ns = best;
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t stride = argc > 1 ? uint32_t(std::strtoul(argv[1], nullptr, 10)) : 61;
  std::printf("== vec_math accuracy, ISA %s, Vec<float>::size()=%d, Vec<double>::size()=%d ==\n", kIsa,
              Vec<float>::size(), Vec<double>::size());
  contract_checks<float>();
  contract_checks<double>();
  double mf[kNumFn], md[kNumFn];
  float_accuracy(stride, mf);
  double_accuracy(400000, md);
  // Goals (docs/numerics.md): 2 ulp in float32, 4 in float64.
  for (int fi = 0; fi < kNumFn; fi++) {
    if (mf[fi] > 2.0) FAIL("%s float32 max error %.3f ulp is over the 2 ulp goal", kFnName[fi], mf[fi]);
    if (md[fi] > 4.0) FAIL("%s float64 max error %.3f ulp is over the 4 ulp goal", kFnName[fi], md[fi]);
  }
  std::printf("throughput (1e6 elements, best of 30, ns/element):\n");
  for (int fi = 0; fi < kNumFn; fi++) {
    double a, b;
    throughput<float>(Fn(fi), &a);
    throughput<double>(Fn(fi), &b);
    std::printf("  %-8s f32 %.3f  f64 %.3f\n", kFnName[fi], a, b);
  }
  std::printf("TABLE %s", kIsa);
  for (int fi = 0; fi < kNumFn; fi++) std::printf(" %s=%.3f/%.3f", kFnName[fi], mf[fi], md[fi]);
  std::printf("\n%s: %s (%d failures)\n", kIsa, g_fail ? "FAILED" : "OK", g_fail);
  return g_fail ? 1 : 0;
}
