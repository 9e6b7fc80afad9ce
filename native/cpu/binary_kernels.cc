// Binary elementwise kernels (arithmetic, comparisons, logical), the backward kernels that are binary
// over (grad, saved): tanh_backward, sigmoid_backward, threshold_backward, mul's, div's and pow's fused backward,
// and the ternary where.
// Float arithmetic runs on Vec<T> (see Note [Vec loops]). Compiled once per ISA.
#include "cpu/loops.h"
#include "cpu/nan_minmax.h"
#include "cpu/special_math.h"

#include <cmath>
#include <cstdint>
#include <type_traits>

namespace tg {
namespace TG_CPU_NS {
namespace {

// Integer arithmetic wraps like PyTorch's (two's complement) instead of being undefined behaviour: it runs on
// the unsigned type of the same width.
template <typename T> using U = typename std::make_unsigned<T>::type;

template <typename T>
inline T ipow(T base, T exp) {
  if (exp < 0) return base == 1 ? 1 : (base == -1 ? ((exp & 1) ? -1 : 1) : 0);
  U<T> result = 1, b = static_cast<U<T>>(base);
  for (U<T> e = static_cast<U<T>>(exp); e; e >>= 1, b *= b)
    if (e & 1) result *= b;
  return static_cast<T>(result);
}

// Float ops: f is the scalar form (strided runs), v the Vec form; they agree bit for bit (no FMA in either).
template <typename T> using V = Vec<T>;
struct AddOp {
  template <typename T> static T f(T a, T b) { return a + b; }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return a + b; }
};
struct SubOp {
  template <typename T> static T f(T a, T b) { return a - b; }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return a - b; }
};
struct MulOp {
  template <typename T> static T f(T a, T b) { return a * b; }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return a * b; }
};
struct DivOp {
  template <typename T> static T f(T a, T b) { return a / b; }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return a / b; }
};
struct RsubOp {
  template <typename T> static T f(T a, T b) { return b - a; }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return b - a; }
};
struct RdivOp {
  template <typename T> static T f(T a, T b) { return b / a; }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return b / a; }
};
struct MaxOp {
  template <typename T> static T f(T a, T b) { return nan_max(a, b); }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return maximum(a, b); }
};
struct MinOp {
  template <typename T> static T f(T a, T b) { return nan_min(a, b); }
  template <typename T> static V<T> v(const V<T>& a, const V<T>& b) { return minimum(a, b); }
};
struct TanhBwOp {
  template <typename T> static T f(T g, T y) { return g * (T(1) - y * y); }
  template <typename T> static V<T> v(const V<T>& g, const V<T>& y) { return g * (V<T>(T(1)) - y * y); }
};
struct SigmoidBwOp {
  template <typename T> static T f(T g, T y) { return g * ((T(1) - y) * y); }
  template <typename T> static V<T> v(const V<T>& g, const V<T>& y) { return g * ((V<T>(T(1)) - y) * y); }
};
// GELU's backward from (grad, x), PyTorch's gelu_backward formulas: exact, g (Phi(x) + x phi(x)); tanh,
// with t = tanh(u), u = sqrt(2/pi) (x + kappa x^3): g ((1 + t) / 2 + x/2 (1 - t^2) sqrt(2/pi) (1 + 3 kappa x^2)).
struct GeluBwOp {
  template <typename T> static T f(T g, T x) {
    const T cdf = T(0.5) * (T(1) + std::erf(x * T(0.70710678118654752440)));
    return g * (cdf + x * std::exp(T(-0.5) * x * x) * T(0.39894228040143267794));
  }
  template <typename T> static V<T> v(const V<T>& g, const V<T>& x) {
    const V<T> cdf = V<T>(T(0.5)) * (V<T>(T(1)) + verf(x * V<T>(T(0.70710678118654752440))));
    const V<T> pdf = vexp(V<T>(T(-0.5)) * x * x) * V<T>(T(0.39894228040143267794));
    return g * (cdf + x * pdf);
  }
};
struct GeluTanhBwOp {
  template <typename T> static T f(T g, T x) {
    const T x2 = x * x, t = std::tanh(T(0.79788456080286535588) * (x + T(0.044715) * x2 * x));
    const T du = T(0.79788456080286535588) * (T(1) + T(3) * T(0.044715) * x2);
    return g * (T(0.5) * (T(1) + t) + T(0.5) * x * ((T(1) - t * t) * du));
  }
  template <typename T> static V<T> v(const V<T>& g, const V<T>& x) {
    const V<T> one(T(1)), half(T(0.5)), beta(T(0.79788456080286535588));
    const V<T> x2 = x * x, t = vtanh(beta * (x + V<T>(T(0.044715)) * x2 * x));
    const V<T> du = beta * (one + V<T>(T(3) * T(0.044715)) * x2);
    return g * (half * (one + t) + half * x * ((one - t * t) * du));
  }
};
struct ThresholdBwOp {
  template <typename T> static T f(T g, T x) { return x <= T(0) ? T(0) : g; }
  template <typename T> static V<T> v(const V<T>& g, const V<T>& x) {
    return V<T>::blendv(g, V<T>(T(0)), x.cmp_le(V<T>(T(0))));
  }
};
// pow stays on libm (scalar); binary_scalar_pow below special-cases the common exponents.
struct PowOp { template <typename T> static T f(T a, T b) { return std::pow(a, b); } };
struct RpowOp { template <typename T> static T f(T a, T b) { return std::pow(b, a); } };

// atan2 hypot fmod remainder xlogy: float32 computes in double and rounds once (Note [Unary math in double]).
struct Atan2Op { template <typename T> static T f(T a, T b) { return T(std::atan2(double(a), double(b))); } };
struct HypotOp { template <typename T> static T f(T a, T b) { return T(std::hypot(double(a), double(b))); } };
struct FmodOp { template <typename T> static T f(T a, T b) { return std::fmod(a, b); } };
struct RemainderOp { template <typename T> static T f(T a, T b) { return special::remainder(a, b); } };
struct XlogyOp { template <typename T> static T f(T a, T b) { return T(special::xlogy(double(a), double(b))); } };
// polygamma(n, x) with a = x and b = n (an integer >= 0, checked in lib/ops).
struct PolygammaOp { template <typename T> static T f(T a, T b) { return T(special::polygamma(int(b), double(a))); } };
// Integer fmod/remainder: lib/ops checks for zero divisors first (PyTorch's ZeroDivisionError); INT_MIN % -1 is 0.
struct IntFmodOp { template <typename T> static T f(T a, T b) { return b == -1 ? 0 : a % b; } };
struct IntRemainderOp {
  template <typename T> static T f(T a, T b) {
    const T m = IntFmodOp::f(a, b);
    return (m != 0 && ((b < 0) != (m < 0))) ? m + b : m;
  }
};
struct BitAndOp { template <typename T> static T f(T a, T b) { return a & b; } };
struct BitOrOp { template <typename T> static T f(T a, T b) { return a | b; } };
struct BitXorOp { template <typename T> static T f(T a, T b) { return a ^ b; } };
struct XorOp { static uint8_t f(uint8_t a, uint8_t b) { return (a != 0) != (b != 0); } };

struct IntAddOp { template <typename T> static T f(T a, T b) { return T(U<T>(a) + U<T>(b)); } };
struct IntSubOp { template <typename T> static T f(T a, T b) { return T(U<T>(a) - U<T>(b)); } };
struct IntMulOp { template <typename T> static T f(T a, T b) { return T(U<T>(a) * U<T>(b)); } };
struct IntRsubOp { template <typename T> static T f(T a, T b) { return T(U<T>(b) - U<T>(a)); } };
struct IntPowOp { template <typename T> static T f(T a, T b) { return ipow(a, b); } };
struct IntRpowOp { template <typename T> static T f(T a, T b) { return ipow(b, a); } };
struct IntMaxOp { template <typename T> static T f(T a, T b) { return a > b ? a : b; } };
struct IntMinOp { template <typename T> static T f(T a, T b) { return a < b ? a : b; } };

struct EqOp { template <typename T> static uint8_t f(T a, T b) { return a == b; } };
struct NeOp { template <typename T> static uint8_t f(T a, T b) { return a != b; } };
struct LtOp { template <typename T> static uint8_t f(T a, T b) { return a < b; } };
struct LeOp { template <typename T> static uint8_t f(T a, T b) { return a <= b; } };
struct GtOp { template <typename T> static uint8_t f(T a, T b) { return a > b; } };
struct GeOp { template <typename T> static uint8_t f(T a, T b) { return a >= b; } };
struct AndOp { static uint8_t f(uint8_t a, uint8_t b) { return (a != 0) & (b != 0); } };
struct OrOp { static uint8_t f(uint8_t a, uint8_t b) { return (a != 0) | (b != 0); } };

// The three contiguous cases are separate loops so the compiler vectorizes each for this ISA.
template <typename Op, typename T, typename R>
inline void binary_run(const T* a, int64_t sa, const T* b, int64_t sb, R* out, int64_t n) {
  if (sa == 1 && sb == 1) {
    for (int64_t i = 0; i < n; ++i) out[i] = Op::f(a[i], b[i]);
  } else if (sa == 1 && sb == 0) {
    const T bv = b[0];
    for (int64_t i = 0; i < n; ++i) out[i] = Op::f(a[i], bv);
  } else if (sa == 0 && sb == 1) {
    const T av = a[0];
    for (int64_t i = 0; i < n; ++i) out[i] = Op::f(av, b[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = Op::f(a[i * sa], b[i * sb]);
  }
}

template <typename Op, typename T, typename R>
void binary_kernel(const void* a_, const void* b_, void* out_, const Strided& g) {
  const T* a = static_cast<const T*>(a_);
  const T* b = static_cast<const T*>(b_);
  R* out = static_cast<R*>(out_);
  if (for_each_tile2(g, a, b, out, [](R* o, const T* x, int64_t sx, const T* y, int64_t sy, int64_t n) {
        binary_run<Op, T, R>(x, sx, y, sy, o, n);
      }))
    return;
  parallel_for(0, numel_of(g), kGrainSize, [&](int64_t begin, int64_t end) {
    for_each_run(g, begin, end, [&](int64_t o, int64_t i1, int64_t i2, int64_t n, int64_t s1, int64_t s2) {
      binary_run<Op, T, R>(a + i1, s1, b + i2, s2, out + o, n);
    });
  });
}

template <typename Op, typename T, typename R>
void binary_scalar_kernel(const void* a_, double s, void* out_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  R* out = static_cast<R*>(out_);
  const T sv = static_cast<T>(s);
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = Op::f(a[i], sv);
  });
}

// Float ops on Vec<T>: contiguous and broadcast (stride 0) runs take the Vec path, other strides the scalar one.
template <typename Op, typename T>
void binary_vec_kernel(const void* a_, const void* b_, void* out_, const Strided& g) {
  const T* a = static_cast<const T*>(a_);
  const T* b = static_cast<const T*>(b_);
  T* out = static_cast<T*>(out_);
  const auto vf = [](const V<T>& x, const V<T>& y) { return Op::template v<T>(x, y); };
  if (for_each_tile2(g, a, b, out, [&](T* o, const T* x, int64_t sx, const T* y, int64_t sy, int64_t n) {
        vec_map2(x, sx, y, sy, o, n, vf);
      }))
    return;
  parallel_for(0, numel_of(g), kGrainSize, [&](int64_t begin, int64_t end) {
    for_each_run(g, begin, end, [&](int64_t o, int64_t i1, int64_t i2, int64_t n, int64_t s1, int64_t s2) {
      if ((s1 == 0 || s1 == 1) && (s2 == 0 || s2 == 1)) {
        vec_map2(a + i1, s1, b + i2, s2, out + o, n,
                 [](const V<T>& x, const V<T>& y) { return Op::template v<T>(x, y); });
      } else {
        for (int64_t i = 0; i < n; ++i) out[o + i] = Op::f(a[i1 + i * s1], b[i2 + i * s2]);
      }
    });
  });
}

template <typename Op, typename T>
void binary_scalar_vec_kernel(const void* a_, double s, void* out_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  const V<T> sv(static_cast<T>(s));
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    vec_map(a + begin, out + begin, end - begin, [&](const V<T>& x) { return Op::template v<T>(x, sv); });
  });
}

// pow(a, s): exponents whose Vec form is correctly rounded (2, 1, 0.5, -1) run as Vec arithmetic, the rest
// through libm. NOTE: PyTorch also special-cases 3, -2, -0.5 with two roundings (up to 2 ulp); libm is < 1 ulp.
template <typename T>
void pow_scalar_kernel(const void* a_, double s, void* out_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  const T e = static_cast<T>(s);
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    const T* x = a + begin;
    T* o = out + begin;
    const int64_t m = end - begin;
    if (e == T(2)) vec_map(x, o, m, [](const V<T>& v) { return v * v; });
    else if (e == T(1)) vec_map(x, o, m, [](const V<T>& v) { return v; });
    else if (e == T(0.5)) vec_map(x, o, m, [](const V<T>& v) { return v.sqrt(); });
    else if (e == T(-1)) vec_map(x, o, m, [](const V<T>& v) { return v.reciprocal(); });
    else for (int64_t i = 0; i < m; ++i) o[i] = std::pow(x[i], e);
  });
}

template <typename Op, typename T, typename R>
void set(KernelTable& t, BinaryOp op, DType d) {
  t.binary[int(op)][int(d)] = &binary_kernel<Op, T, R>;
  t.binary_scalar[int(op)][int(d)] = &binary_scalar_kernel<Op, T, R>;
}

template <typename Op>
void set_float(KernelTable& t, BinaryOp op) {
  t.binary[int(op)][int(DType::Float32)] = &binary_vec_kernel<Op, float>;
  t.binary[int(op)][int(DType::Float64)] = &binary_vec_kernel<Op, double>;
  t.binary_scalar[int(op)][int(DType::Float32)] = &binary_scalar_vec_kernel<Op, float>;
  t.binary_scalar[int(op)][int(DType::Float64)] = &binary_scalar_vec_kernel<Op, double>;
}

template <typename Op>
void set_float_scalar(KernelTable& t, BinaryOp op) {
  set<Op, float, float>(t, op, DType::Float32);
  set<Op, double, double>(t, op, DType::Float64);
}

// where(cond, a, b): geom operands 1 cond, 2 a, 3 b. The all-contiguous run is a select loop the compiler
// vectorizes (byte mask widened per lane); broadcast runs index with their strides.
template <typename T>
void where_kernel(const uint8_t* cond, const void* a_, const void* b_, void* out_, const Strided& g) {
  const T* a = static_cast<const T*>(a_);
  const T* b = static_cast<const T*>(b_);
  T* out = static_cast<T*>(out_);
  parallel_for(0, numel_of(g), kGrainSize, [&](int64_t begin, int64_t end) {
    for_each_run_n<3>(g, begin, end, [&](int64_t o, const int64_t* off, int64_t n, const int64_t* s) {
      const uint8_t* c = cond + off[0];
      const T* x = a + off[1];
      const T* y = b + off[2];
      T* r = out + o;
      if (s[0] == 1 && s[1] == 1 && s[2] == 1) {
        for (int64_t i = 0; i < n; ++i) r[i] = c[i] ? x[i] : y[i];
      } else if (s[0] == 1 && s[1] == 0 && s[2] == 0) {
        const T xv = x[0], yv = y[0];
        for (int64_t i = 0; i < n; ++i) r[i] = c[i] ? xv : yv;
      } else if (s[0] == 1 && s[1] == 1 && s[2] == 0) {
        const T yv = y[0];
        for (int64_t i = 0; i < n; ++i) r[i] = c[i] ? x[i] : yv;
      } else if (s[0] == 1 && s[1] == 0 && s[2] == 1) {
        const T xv = x[0];
        for (int64_t i = 0; i < n; ++i) r[i] = c[i] ? xv : y[i];
      } else {
        for (int64_t i = 0; i < n; ++i) r[i] = c[i * s[0]] ? x[i * s[1]] : y[i * s[2]];
      }
    });
  });
}

template <typename Op>
void set_compare(KernelTable& t, BinaryOp op) {
  set<Op, float, uint8_t>(t, op, DType::Float32);
  set<Op, double, uint8_t>(t, op, DType::Float64);
  set<Op, int32_t, uint8_t>(t, op, DType::Int32);
  set<Op, int64_t, uint8_t>(t, op, DType::Int64);
  set<Op, uint8_t, uint8_t>(t, op, DType::Bool);
}

// The integer arithmetic, bitwise and fmod/remainder kernels, one instantiation per integer width.
template <typename T>
void set_int(KernelTable& t, DType d) {
  set<IntAddOp, T, T>(t, BinaryOp::add, d);
  set<IntSubOp, T, T>(t, BinaryOp::sub, d);
  set<IntMulOp, T, T>(t, BinaryOp::mul, d);
  set<IntRsubOp, T, T>(t, BinaryOp::rsub, d);
  set<IntPowOp, T, T>(t, BinaryOp::pow, d);
  set<IntRpowOp, T, T>(t, BinaryOp::rpow, d);
  set<IntMaxOp, T, T>(t, BinaryOp::maximum, d);
  set<IntMinOp, T, T>(t, BinaryOp::minimum, d);
  set<IntFmodOp, T, T>(t, BinaryOp::fmod, d);
  set<IntRemainderOp, T, T>(t, BinaryOp::remainder, d);
  set<BitAndOp, T, T>(t, BinaryOp::bitwise_and, d);
  set<BitOrOp, T, T>(t, BinaryOp::bitwise_or, d);
  set<BitXorOp, T, T>(t, BinaryOp::bitwise_xor, d);
}

// Note [Fused binary backward]: the two input grads of mul, div and pow in one pass over (grad, self, other)
// with every shape equal, so grad (and the saved values) are read once instead of once per grad. Each output
// is the expression of the derivative table's formula, rounded the same way:
//   mul  g * other,  g * self
//   div  g / other,  (-g) * ((self / other) / other)
//   pow  other == 0 ? 0 : g * (other * pow(self, other - 1)),  (self == 0 && other >= 0) ? 0 : g * (result * log(self))
// Either output may be null (that input needs no grad); result is pow's output (null for mul and div).
template <typename T, int kOp>
void binary_backward_kernel(const void* g_, const void* a_, const void* b_, const void* r_, void* ga_, void* gb_,
                            int64_t n) {
  const T* g = static_cast<const T*>(g_);
  const T* a = static_cast<const T*>(a_);
  const T* b = static_cast<const T*>(b_);
  const T* r = static_cast<const T*>(r_);
  T* ga = static_cast<T*>(ga_);
  T* gb = static_cast<T*>(gb_);
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    if constexpr (kOp == 2) {
      // std::pow is scalar (as in the forward kernel, PowOp), and slog gives vlog's bits lane by lane.
      for (int64_t i = begin; i < end; ++i) {
        const T x = a[i], e = b[i];
        if (ga != nullptr) ga[i] = e == T(0) ? T(0) : g[i] * (e * std::pow(x, e - T(1)));
        if (gb != nullptr) gb[i] = (x == T(0) && e >= T(0)) ? T(0) : g[i] * (r[i] * slog(x));
      }
    } else {
      constexpr int64_t W = V<T>::size();
      for (int64_t i = begin; i < end; i += W) {
        const int c = static_cast<int>(end - i < W ? end - i : W);
        const V<T> gv = V<T>::loadu(g + i, c), av = V<T>::loadu(a + i, c), bv = V<T>::loadu(b + i, c);
        if (ga != nullptr) (kOp == 1 ? gv / bv : gv * bv).storeu(ga + i, c);
        if (gb != nullptr) (kOp == 1 ? gv.neg() * ((av / bv) / bv) : gv * av).storeu(gb + i, c);
      }
    }
  });
}

}  // namespace

void register_binary_kernels(KernelTable& t) {
  t.binary_backward[0][int(DType::Float32)] = &binary_backward_kernel<float, 0>;
  t.binary_backward[0][int(DType::Float64)] = &binary_backward_kernel<double, 0>;
  t.binary_backward[1][int(DType::Float32)] = &binary_backward_kernel<float, 1>;
  t.binary_backward[1][int(DType::Float64)] = &binary_backward_kernel<double, 1>;
  t.binary_backward[2][int(DType::Float32)] = &binary_backward_kernel<float, 2>;
  t.binary_backward[2][int(DType::Float64)] = &binary_backward_kernel<double, 2>;
  set_float<AddOp>(t, BinaryOp::add);
  set_float<SubOp>(t, BinaryOp::sub);
  set_float<MulOp>(t, BinaryOp::mul);
  set_float<DivOp>(t, BinaryOp::div);
  set_float<RsubOp>(t, BinaryOp::rsub);
  set_float<RdivOp>(t, BinaryOp::rdiv);
  set_float_scalar<PowOp>(t, BinaryOp::pow);
  set_float_scalar<RpowOp>(t, BinaryOp::rpow);
  t.binary_scalar[int(BinaryOp::pow)][int(DType::Float32)] = &pow_scalar_kernel<float>;
  t.binary_scalar[int(BinaryOp::pow)][int(DType::Float64)] = &pow_scalar_kernel<double>;
  set_float<MaxOp>(t, BinaryOp::maximum);
  set_float<MinOp>(t, BinaryOp::minimum);
  set_float<TanhBwOp>(t, BinaryOp::tanh_backward);
  set_float<SigmoidBwOp>(t, BinaryOp::sigmoid_backward);
  set_float<ThresholdBwOp>(t, BinaryOp::threshold_backward);
  set_float<GeluBwOp>(t, BinaryOp::gelu_backward);
  set_float<GeluTanhBwOp>(t, BinaryOp::gelu_tanh_backward);
  set_int<int32_t>(t, DType::Int32);
  set_int<int64_t>(t, DType::Int64);
  set_compare<EqOp>(t, BinaryOp::eq);
  set_compare<NeOp>(t, BinaryOp::ne);
  set_compare<LtOp>(t, BinaryOp::lt);
  set_compare<LeOp>(t, BinaryOp::le);
  set_compare<GtOp>(t, BinaryOp::gt);
  set_compare<GeOp>(t, BinaryOp::ge);
  set<AndOp, uint8_t, uint8_t>(t, BinaryOp::logical_and, DType::Bool);
  set<OrOp, uint8_t, uint8_t>(t, BinaryOp::logical_or, DType::Bool);
  set<XorOp, uint8_t, uint8_t>(t, BinaryOp::logical_xor, DType::Bool);
  set_float_scalar<Atan2Op>(t, BinaryOp::atan2);
  set_float_scalar<HypotOp>(t, BinaryOp::hypot);
  set_float_scalar<FmodOp>(t, BinaryOp::fmod);
  set_float_scalar<RemainderOp>(t, BinaryOp::remainder);
  set_float_scalar<XlogyOp>(t, BinaryOp::xlogy);
  set_float_scalar<PolygammaOp>(t, BinaryOp::polygamma);
  set<BitAndOp, uint8_t, uint8_t>(t, BinaryOp::bitwise_and, DType::Bool);
  set<BitOrOp, uint8_t, uint8_t>(t, BinaryOp::bitwise_or, DType::Bool);
  set<BitXorOp, uint8_t, uint8_t>(t, BinaryOp::bitwise_xor, DType::Bool);
  t.where[int(DType::Float32)] = &where_kernel<float>;
  t.where[int(DType::Float64)] = &where_kernel<double>;
  t.where[int(DType::Int32)] = &where_kernel<int32_t>;
  t.where[int(DType::Bool)] = &where_kernel<uint8_t>;
  t.where[int(DType::Int64)] = &where_kernel<int64_t>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
