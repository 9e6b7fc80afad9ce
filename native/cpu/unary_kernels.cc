// Unary elementwise kernels: neg abs exp log sqrt rsqrt sin cos tanh sigmoid relu sign square reciprocal.
// Compiled once per ISA.
#include <cmath>
#include <cstdint>

#include "cpu/kernel_table.h"
#include "cpu/loops.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

struct NegOp { template <typename T> static T f(T x) { return -x; } };
struct AbsOp { template <typename T> static T f(T x) { return std::fabs(x); } };
struct ExpOp { template <typename T> static T f(T x) { return std::exp(x); } };
struct LogOp { template <typename T> static T f(T x) { return std::log(x); } };
struct SqrtOp { template <typename T> static T f(T x) { return std::sqrt(x); } };
struct RsqrtOp { template <typename T> static T f(T x) { return T(1) / std::sqrt(x); } };
struct SinOp { template <typename T> static T f(T x) { return std::sin(x); } };
struct CosOp { template <typename T> static T f(T x) { return std::cos(x); } };
struct TanhOp { template <typename T> static T f(T x) { return std::tanh(x); } };
// NOTE: 1/(1+exp(-x)) overflows to inf for x < -88 (float) and still yields the right 0.
struct SigmoidOp { template <typename T> static T f(T x) { return T(1) / (T(1) + std::exp(-x)); } };
// NOTE: written as x < 0 ? 0 : x so NaN passes through, as PyTorch's relu does.
struct ReluOp { template <typename T> static T f(T x) { return x < T(0) ? T(0) : x; } };
struct SignOp { template <typename T> static T f(T x) { return T((x > T(0)) - (x < T(0))); } };
struct SquareOp { template <typename T> static T f(T x) { return x * x; } };
struct ReciprocalOp { template <typename T> static T f(T x) { return T(1) / x; } };

struct IntNegOp { static int32_t f(int32_t x) { return static_cast<int32_t>(0u - static_cast<uint32_t>(x)); } };
struct IntAbsOp { static int32_t f(int32_t x) { return x < 0 ? IntNegOp::f(x) : x; } };
struct IntSquareOp {
  static int32_t f(int32_t x) { return static_cast<int32_t>(static_cast<uint32_t>(x) * static_cast<uint32_t>(x)); }
};
struct IntReluOp { static int32_t f(int32_t x) { return x < 0 ? 0 : x; } };
struct NotOp { static uint8_t f(uint8_t x) { return x == 0; } };

template <typename Op, typename T>
void unary_kernel(const void* a_, void* out_, int64_t n) {
  const T* a = static_cast<const T*>(a_);
  T* out = static_cast<T*>(out_);
  parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = Op::f(a[i]);
  });
}

template <typename Op>
void set_float(KernelTable& t, UnaryOp op) {
  t.unary[int(op)][int(DType::Float32)] = &unary_kernel<Op, float>;
  t.unary[int(op)][int(DType::Float64)] = &unary_kernel<Op, double>;
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
  t.unary[int(UnaryOp::neg)][int(DType::Int32)] = &unary_kernel<IntNegOp, int32_t>;
  t.unary[int(UnaryOp::abs)][int(DType::Int32)] = &unary_kernel<IntAbsOp, int32_t>;
  t.unary[int(UnaryOp::square)][int(DType::Int32)] = &unary_kernel<IntSquareOp, int32_t>;
  t.unary[int(UnaryOp::relu)][int(DType::Int32)] = &unary_kernel<IntReluOp, int32_t>;
  t.unary[int(UnaryOp::logical_not)][int(DType::Bool)] = &unary_kernel<NotOp, uint8_t>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
