// Binary elementwise kernels (arithmetic, comparisons, logical) and the backward kernels that are binary
// over (grad, saved): tanh_backward, sigmoid_backward, threshold_backward. Compiled once per ISA.
#include <cmath>
#include <cstdint>

#include "cpu/kernel_table.h"
#include "cpu/loops.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

// int32 arithmetic wraps like PyTorch's (two's complement) instead of being undefined behaviour.
inline int32_t wrap(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }

template <typename T>
inline T ipow(T base, T exp) {
  if (exp < 0) return base == 1 ? 1 : (base == -1 ? ((exp & 1) ? -1 : 1) : 0);
  uint32_t result = 1, b = static_cast<uint32_t>(base);
  for (uint32_t e = static_cast<uint32_t>(exp); e; e >>= 1, b *= b)
    if (e & 1) result *= b;
  return static_cast<T>(result);
}

template <typename T>
inline T nan_max(T a, T b) { return (a != a) ? a : ((b != b) ? b : (a > b ? a : b)); }
template <typename T>
inline T nan_min(T a, T b) { return (a != a) ? a : ((b != b) ? b : (a < b ? a : b)); }

struct AddOp { template <typename T> static T f(T a, T b) { return a + b; } };
struct SubOp { template <typename T> static T f(T a, T b) { return a - b; } };
struct MulOp { template <typename T> static T f(T a, T b) { return a * b; } };
struct DivOp { template <typename T> static T f(T a, T b) { return a / b; } };
struct RsubOp { template <typename T> static T f(T a, T b) { return b - a; } };
struct RdivOp { template <typename T> static T f(T a, T b) { return b / a; } };
struct PowOp { template <typename T> static T f(T a, T b) { return std::pow(a, b); } };
struct RpowOp { template <typename T> static T f(T a, T b) { return std::pow(b, a); } };
struct MaxOp { template <typename T> static T f(T a, T b) { return nan_max(a, b); } };
struct MinOp { template <typename T> static T f(T a, T b) { return nan_min(a, b); } };
struct TanhBwOp { template <typename T> static T f(T g, T y) { return g * (T(1) - y * y); } };
struct SigmoidBwOp { template <typename T> static T f(T g, T y) { return g * ((T(1) - y) * y); } };
struct ThresholdBwOp { template <typename T> static T f(T g, T x) { return x <= T(0) ? T(0) : g; } };

struct IntAddOp { static int32_t f(int32_t a, int32_t b) { return wrap(int64_t(a) + b); } };
struct IntSubOp { static int32_t f(int32_t a, int32_t b) { return wrap(int64_t(a) - b); } };
struct IntMulOp { static int32_t f(int32_t a, int32_t b) { return wrap(int64_t(a) * b); } };
struct IntRsubOp { static int32_t f(int32_t a, int32_t b) { return wrap(int64_t(b) - a); } };
struct IntPowOp { static int32_t f(int32_t a, int32_t b) { return ipow(a, b); } };
struct IntRpowOp { static int32_t f(int32_t a, int32_t b) { return ipow(b, a); } };
struct IntMaxOp { static int32_t f(int32_t a, int32_t b) { return a > b ? a : b; } };
struct IntMinOp { static int32_t f(int32_t a, int32_t b) { return a < b ? a : b; } };

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

template <typename Op, typename T, typename R>
void set(KernelTable& t, BinaryOp op, DType d) {
  t.binary[int(op)][int(d)] = &binary_kernel<Op, T, R>;
  t.binary_scalar[int(op)][int(d)] = &binary_scalar_kernel<Op, T, R>;
}

template <typename Op>
void set_float(KernelTable& t, BinaryOp op) {
  set<Op, float, float>(t, op, DType::Float32);
  set<Op, double, double>(t, op, DType::Float64);
}

template <typename Op>
void set_compare(KernelTable& t, BinaryOp op) {
  set<Op, float, uint8_t>(t, op, DType::Float32);
  set<Op, double, uint8_t>(t, op, DType::Float64);
  set<Op, int32_t, uint8_t>(t, op, DType::Int32);
  set<Op, uint8_t, uint8_t>(t, op, DType::Bool);
}

}  // namespace

void register_binary_kernels(KernelTable& t) {
  set_float<AddOp>(t, BinaryOp::add);
  set_float<SubOp>(t, BinaryOp::sub);
  set_float<MulOp>(t, BinaryOp::mul);
  set_float<DivOp>(t, BinaryOp::div);
  set_float<RsubOp>(t, BinaryOp::rsub);
  set_float<RdivOp>(t, BinaryOp::rdiv);
  set_float<PowOp>(t, BinaryOp::pow);
  set_float<RpowOp>(t, BinaryOp::rpow);
  set_float<MaxOp>(t, BinaryOp::maximum);
  set_float<MinOp>(t, BinaryOp::minimum);
  set_float<TanhBwOp>(t, BinaryOp::tanh_backward);
  set_float<SigmoidBwOp>(t, BinaryOp::sigmoid_backward);
  set_float<ThresholdBwOp>(t, BinaryOp::threshold_backward);
  set<IntAddOp, int32_t, int32_t>(t, BinaryOp::add, DType::Int32);
  set<IntSubOp, int32_t, int32_t>(t, BinaryOp::sub, DType::Int32);
  set<IntMulOp, int32_t, int32_t>(t, BinaryOp::mul, DType::Int32);
  set<IntRsubOp, int32_t, int32_t>(t, BinaryOp::rsub, DType::Int32);
  set<IntPowOp, int32_t, int32_t>(t, BinaryOp::pow, DType::Int32);
  set<IntRpowOp, int32_t, int32_t>(t, BinaryOp::rpow, DType::Int32);
  set<IntMaxOp, int32_t, int32_t>(t, BinaryOp::maximum, DType::Int32);
  set<IntMinOp, int32_t, int32_t>(t, BinaryOp::minimum, DType::Int32);
  set_compare<EqOp>(t, BinaryOp::eq);
  set_compare<NeOp>(t, BinaryOp::ne);
  set_compare<LtOp>(t, BinaryOp::lt);
  set_compare<LeOp>(t, BinaryOp::le);
  set_compare<GtOp>(t, BinaryOp::gt);
  set_compare<GeOp>(t, BinaryOp::ge);
  set<AndOp, uint8_t, uint8_t>(t, BinaryOp::logical_and, DType::Bool);
  set<OrOp, uint8_t, uint8_t>(t, BinaryOp::logical_or, DType::Bool);
}

}  // namespace TG_CPU_NS
}  // namespace tg
