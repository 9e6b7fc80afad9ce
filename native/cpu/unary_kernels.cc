// Unary elementwise kernels: neg abs exp log sqrt rsqrt sin cos tanh sigmoid relu sign square reciprocal erf,
// floor ceil round trunc, the libm ones (Note [Unary math in double]) and clamp. Float kernels run on Vec<T>
// and vec_math.h (see Note [Vec loops]). Compiled once per ISA.
#include "cpu/loops.h"
#include "cpu/special_math.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace tg {
namespace TG_CPU_NS {
namespace {

template <typename T> using V = Vec<T>;

struct NegOp { template <typename T> static V<T> v(const V<T>& x) { return x.neg(); } };
struct AbsOp { template <typename T> static V<T> v(const V<T>& x) { return x.abs(); } };
struct ExpOp { template <typename T> static V<T> v(const V<T>& x) { return vexp(x); } };
struct LogOp { template <typename T> static V<T> v(const V<T>& x) { return vlog(x); } };
struct SqrtOp { template <typename T> static V<T> v(const V<T>& x) { return x.sqrt(); } };
struct RsqrtOp { template <typename T> static V<T> v(const V<T>& x) { return x.rsqrt(); } };
// Note [Huge trig arguments]: vsin/vcos reduce by Cody-Waite, accurate for |x| <= 1e6 (docs/numerics.md); past
// that a lane is recomputed with libm, which reduces exactly (as PyTorch's Sleef does). The choice depends on the
// element's value only, so results stay independent of the thread split.
constexpr double kTrigMax = 1e6;
template <bool kCos, typename T>
inline V<T> trig(const V<T>& x) {
  V<T> r = kCos ? vcos(x) : vsin(x);
  const V<T> big = x.abs().cmp_gt(V<T>(T(kTrigMax)));
  if (big.reduce_max() != T(0)) {  // a set mask lane reads as NaN, so != 0 means "any lane"
    T xs[V<T>::size()], rs[V<T>::size()];
    x.storeu(xs);
    r.storeu(rs);
    for (int l = 0; l < V<T>::size(); ++l)
      if (std::fabs(xs[l]) > T(kTrigMax)) rs[l] = kCos ? std::cos(xs[l]) : std::sin(xs[l]);
    r = V<T>::loadu(rs);
  }
  return r;
}
struct SinOp { template <typename T> static V<T> v(const V<T>& x) { return trig<false>(x); } };
struct CosOp { template <typename T> static V<T> v(const V<T>& x) { return trig<true>(x); } };
struct TanhOp { template <typename T> static V<T> v(const V<T>& x) { return vtanh(x); } };
struct SigmoidOp { template <typename T> static V<T> v(const V<T>& x) { return vsigmoid(x); } };
struct ErfOp { template <typename T> static V<T> v(const V<T>& x) { return verf(x); } };
// GELU, exact (x Phi(x) = x (1 + erf(x / sqrt 2)) / 2) and with PyTorch's tanh approximation
// (x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2): one pass instead of the composite's seven ops.
struct GeluOp {
  template <typename T> static V<T> v(const V<T>& x) {
    const V<T> half(T(0.5));
    return half * x * (V<T>(T(1)) + verf(x * V<T>(T(0.70710678118654752440))));
  }
};
struct GeluTanhOp {
  template <typename T> static V<T> v(const V<T>& x) {
    const V<T> half(T(0.5));
    const V<T> inner = V<T>(T(0.79788456080286535588)) * (x + V<T>(T(0.044715)) * x * x * x);
    return half * x * (V<T>(T(1)) + vtanh(inner));
  }
};
// NOTE: x < 0 ? 0 : x, so NaN and -0 pass through as in PyTorch's relu.
struct ReluOp {
  template <typename T> static V<T> v(const V<T>& x) { return V<T>::blendv(x, V<T>(T(0)), x.cmp_lt(V<T>(T(0)))); }
};
// sign(NaN) = 0 and sign(±0) = +0, as PyTorch 1.13 gives.
struct SignOp {
  template <typename T> static V<T> v(const V<T>& x) {
    const V<T> zero(T(0)), one(T(1));
    return (one & x.cmp_gt(zero)) - (one & x.cmp_lt(zero));
  }
};
struct SquareOp { template <typename T> static V<T> v(const V<T>& x) { return x * x; } };
struct ReciprocalOp { template <typename T> static V<T> v(const V<T>& x) { return x.reciprocal(); } };

// floor and round are one instruction per Vec; ceil(x) = -floor(-x) and trunc picks floor or ceil by sign, so
// -0.5 gives -0 for both as in PyTorch. round is half-to-even (nearbyint), as torch.round.
struct FloorOp { template <typename T> static V<T> v(const V<T>& x) { return x.floor(); } };
struct RoundOp { template <typename T> static V<T> v(const V<T>& x) { return x.round(); } };
struct CeilOp { template <typename T> static V<T> v(const V<T>& x) { return x.neg().floor().neg(); } };
struct TruncOp {
  template <typename T> static V<T> v(const V<T>& x) {
    return V<T>::blendv(x.floor(), x.neg().floor().neg(), x.cmp_lt(V<T>(T(0))));
  }
};

// Note [Unary math in double]: the functions without a Vec kernel (sinh ... lgamma, digamma) run lane by lane
// through libm or special_math.h one precision up: float32 in double, float64 in long double (x87 extended on
// x86; see Wider below) where libm has the function, so each result is the wider one rounded once: within
// 0.5 ulp plus a hair in float32 and float64 (test/ops/math_accuracy.test.ts, docs/numerics.md), where
// PyTorch's Sleef/libm versions allow 1 ulp and more. erfinv, digamma and polygamma compute in double.
// log1p and expm1 are libm's, accurate near 0 (log1p(1e-10) is not log(1 + 1e-10)).
#define TG_LIBM_OP(Name, expr, exprl)                                      \
  struct Name {                                                           \
    static double f(double x) { return expr; }                            \
    static double f(long double x) { return static_cast<double>(exprl); } \
  };
TG_LIBM_OP(SinhOp, std::sinh(x), std::sinh(x))
TG_LIBM_OP(CoshOp, std::cosh(x), std::cosh(x))
TG_LIBM_OP(TanOp, std::tan(x), std::tan(x))
TG_LIBM_OP(AsinOp, std::asin(x), std::asin(x))
TG_LIBM_OP(AcosOp, std::acos(x), std::acos(x))
TG_LIBM_OP(AtanOp, std::atan(x), std::atan(x))
TG_LIBM_OP(AsinhOp, std::asinh(x), std::asinh(x))
TG_LIBM_OP(AcoshOp, std::acosh(x), std::acosh(x))
TG_LIBM_OP(AtanhOp, std::atanh(x), std::atanh(x))
TG_LIBM_OP(Log2Op, std::log2(x), std::log2(x))
TG_LIBM_OP(Log10Op, std::log10(x), std::log10(x))
TG_LIBM_OP(Log1pOp, std::log1p(x), std::log1p(x))
TG_LIBM_OP(Expm1Op, std::expm1(x), std::expm1(x))
TG_LIBM_OP(Exp2Op, std::exp2(x), std::exp2(x))
TG_LIBM_OP(ErfcOp, std::erfc(x), std::erfc(x))
TG_LIBM_OP(ErfinvOp, special::erfinv(x), special::erfinv(static_cast<double>(x)))
TG_LIBM_OP(LgammaOp, special::lgamma(x), special::lgamma(x))
TG_LIBM_OP(DigammaOp, special::digamma(x), special::digamma(static_cast<double>(x)))
TG_LIBM_OP(TrigammaOp, special::trigamma(x), special::trigamma(static_cast<double>(x)))
#undef TG_LIBM_OP

// The wider type each precision computes in (Note [Unary math in double]). float64 widens only where long double
// is the x87 hardware format: arm64 Linux's quad long double is software (~100x slower), so there float64
// stays in double (glibc's, within 1.5 ulp measured).
template <typename T> struct Wider { using type = double; };
#if defined(__x86_64__) || defined(__i386__)
template <> struct Wider<double> { using type = long double; };
#endif

template <typename Op, typename T>
void unary_libm_kernel(const void* a_, void* out_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = static_cast<T>(Op::f(static_cast<typename Wider<T>::type>(a[i])));
  });
}

// Integer ops wrap (two's complement) through the unsigned type of the same width, as PyTorch's.
template <typename T> using U = typename std::make_unsigned<T>::type;
struct IntNegOp { template <typename T> static T f(T x) { return static_cast<T>(U<T>(0) - static_cast<U<T>>(x)); } };
struct IntAbsOp { template <typename T> static T f(T x) { return x < 0 ? IntNegOp::f(x) : x; } };
struct IntSquareOp {
  template <typename T> static T f(T x) { return static_cast<T>(static_cast<U<T>>(x) * static_cast<U<T>>(x)); }
};
struct IntReluOp { template <typename T> static T f(T x) { return x < 0 ? 0 : x; } };
struct NotOp { static uint8_t f(uint8_t x) { return x == 0; } };
struct IntBitNotOp { template <typename T> static T f(T x) { return ~x; } };
struct IntSignOp { template <typename T> static T f(T x) { return T((x > 0) - (x < 0)); } };

template <typename Op, typename T>
void unary_vec_kernel(const void* a_, void* out_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    vec_map(a + begin, out + begin, end - begin, [](const V<T>& x) { return Op::template v<T>(x); });
  });
}

// Integer and bool kernels: plain loops the compiler vectorizes.
template <typename Op, typename T>
void unary_kernel(const void* a_, void* out_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = Op::f(a[i]);
  });
}

// clamp: x < lo -> lo, then > hi -> hi, so lo > hi gives hi (PyTorch). A NaN bound compares false and is
// ignored, as PyTorch 1.13's clamp(x, nan) leaves x; NaN inputs stay NaN.
template <typename T>
void clamp_vec_kernel(const void* a_, void* out_, int64_t n, double lo_, double hi_, bool has_lo, bool has_hi) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  const V<T> lo(has_lo ? T(lo_) : -std::numeric_limits<T>::infinity());
  const V<T> hi(has_hi ? T(hi_) : std::numeric_limits<T>::infinity());
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    vec_map(a + begin, out + begin, end - begin, [&](const V<T>& x) {
      V<T> r = V<T>::blendv(x, lo, x.cmp_lt(lo));
      return V<T>::blendv(r, hi, r.cmp_gt(hi));
    });
  });
}

template <typename T>
inline T clamp_bound(double v, bool is_lo) {
  constexpr T kMin = std::numeric_limits<T>::min(), kMax = std::numeric_limits<T>::max();
  if (v != v) return is_lo ? kMin : kMax;
  if (v <= static_cast<double>(kMin)) return kMin;
  if (v >= static_cast<double>(kMax)) return kMax;  // for int64, 2^63 - 1 rounds up to 2^63: >= catches it
  return static_cast<T>(is_lo ? std::ceil(v) : std::floor(v));
}

template <typename T>
void clamp_int_kernel(const void* a_, void* out_, int64_t n, double lo_, double hi_, bool has_lo, bool has_hi) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  const T lo = has_lo ? clamp_bound<T>(lo_, true) : std::numeric_limits<T>::min();
  const T hi = has_hi ? clamp_bound<T>(hi_, false) : std::numeric_limits<T>::max();
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      T r = a[i] < lo ? lo : a[i];
      out[i] = r > hi ? hi : r;
    }
  });
}

template <typename Op>
void set_float(KernelTable& t, UnaryOp op) {
  t.unary[int(op)][int(DType::Float32)] = &unary_vec_kernel<Op, float>;
  t.unary[int(op)][int(DType::Float64)] = &unary_vec_kernel<Op, double>;
}

template <typename Op>
void set_libm(KernelTable& t, UnaryOp op) {
  t.unary[int(op)][int(DType::Float32)] = &unary_libm_kernel<Op, float>;
  t.unary[int(op)][int(DType::Float64)] = &unary_libm_kernel<Op, double>;
}

template <typename T>
void set_int(KernelTable& t, DType d) {
  t.unary[int(UnaryOp::bitwise_not)][int(d)] = &unary_kernel<IntBitNotOp, T>;
  t.unary[int(UnaryOp::neg)][int(d)] = &unary_kernel<IntNegOp, T>;
  t.unary[int(UnaryOp::abs)][int(d)] = &unary_kernel<IntAbsOp, T>;
  t.unary[int(UnaryOp::square)][int(d)] = &unary_kernel<IntSquareOp, T>;
  t.unary[int(UnaryOp::relu)][int(d)] = &unary_kernel<IntReluOp, T>;
}

}  // namespace

void register_unary_kernels(KernelTable& t) {
  set_float<NegOp>(t, UnaryOp::neg);
  set_float<AbsOp>(t, UnaryOp::abs);
  set_float<ExpOp>(t, UnaryOp::exp);
  set_float<LogOp>(t, UnaryOp::log);
  set_float<SqrtOp>(t, UnaryOp::sqrt);
  set_float<RsqrtOp>(t, UnaryOp::rsqrt);
  set_float<SinOp>(t, UnaryOp::sin);
  set_float<CosOp>(t, UnaryOp::cos);
  set_float<TanhOp>(t, UnaryOp::tanh);
  set_float<SigmoidOp>(t, UnaryOp::sigmoid);
  set_float<ReluOp>(t, UnaryOp::relu);
  set_float<SignOp>(t, UnaryOp::sign);
  set_float<SquareOp>(t, UnaryOp::square);
  set_float<ReciprocalOp>(t, UnaryOp::reciprocal);
  set_float<ErfOp>(t, UnaryOp::erf);
  set_float<GeluOp>(t, UnaryOp::gelu);
  set_float<GeluTanhOp>(t, UnaryOp::gelu_tanh);
  set_float<FloorOp>(t, UnaryOp::floor);
  set_float<CeilOp>(t, UnaryOp::ceil);
  set_float<RoundOp>(t, UnaryOp::round);
  set_float<TruncOp>(t, UnaryOp::trunc);
  set_libm<SinhOp>(t, UnaryOp::sinh);
  set_libm<CoshOp>(t, UnaryOp::cosh);
  set_libm<TanOp>(t, UnaryOp::tan);
  set_libm<AsinOp>(t, UnaryOp::asin);
  set_libm<AcosOp>(t, UnaryOp::acos);
  set_libm<AtanOp>(t, UnaryOp::atan);
  set_libm<AsinhOp>(t, UnaryOp::asinh);
  set_libm<AcoshOp>(t, UnaryOp::acosh);
  set_libm<AtanhOp>(t, UnaryOp::atanh);
  set_libm<Log2Op>(t, UnaryOp::log2);
  set_libm<Log10Op>(t, UnaryOp::log10);
  set_libm<Log1pOp>(t, UnaryOp::log1p);
  set_libm<Expm1Op>(t, UnaryOp::expm1);
  set_libm<Exp2Op>(t, UnaryOp::exp2);
  set_libm<ErfcOp>(t, UnaryOp::erfc);
  set_libm<ErfinvOp>(t, UnaryOp::erfinv);
  set_libm<LgammaOp>(t, UnaryOp::lgamma);
  set_libm<DigammaOp>(t, UnaryOp::digamma);
  set_libm<TrigammaOp>(t, UnaryOp::trigamma);
  set_int<int32_t>(t, DType::Int32);
  set_int<int64_t>(t, DType::Int64);
  t.unary[int(UnaryOp::sign)][int(DType::Int64)] = &unary_kernel<IntSignOp, int64_t>;
  t.unary[int(UnaryOp::bitwise_not)][int(DType::Bool)] = &unary_kernel<NotOp, uint8_t>;
  t.unary[int(UnaryOp::logical_not)][int(DType::Bool)] = &unary_kernel<NotOp, uint8_t>;
  t.clamp[int(DType::Float32)] = &clamp_vec_kernel<float>;
  t.clamp[int(DType::Float64)] = &clamp_vec_kernel<double>;
  t.clamp[int(DType::Int32)] = &clamp_int_kernel<int32_t>;
  t.clamp[int(DType::Int64)] = &clamp_int_kernel<int64_t>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
