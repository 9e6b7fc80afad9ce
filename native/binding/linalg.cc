// N-API wrapper of the float64 decompositions' dispatch entry (native/cpu/linalg_kernels.cc). No math here:
// it unpacks the operands and checks every array's length against the op's shapes (cpu/linalg.h) so a wrong
// call is a thrown error, never an out-of-bounds write.
#include <algorithm>

#include "binding/args.h"
#include "binding/ops.h"
#include "cpu/linalg.h"

namespace tg {
namespace ops {
namespace {

// A Float64Array (or Int32Array for `ints`) of at least `numel` elements, or null when `numel` is 0 and the
// value is null/undefined.
template <typename T>
T* operand(const Napi::Value& v, int64_t numel, bool nullable, const char* what) {
  const char* name = "linalg";
  if (v.IsNull() || v.IsUndefined()) {
    TG_CHECK(nullable, Type, name, ": ", what, " is required");
    return nullptr;
  }
  ArrayArg a = array_arg(v, name);
  const DType want = sizeof(T) == 8 ? DType::Float64 : DType::Int32;
  TG_CHECK(a.dtype == want, Type, name, ": ", what, " must be ", dtype_name(want), ", got ", dtype_name(a.dtype));
  TG_CHECK(a.numel >= numel, Range, name, ": ", what, " has ", a.numel, " elements, expected at least ", numel);
  return static_cast<T*>(a.data);
}

}  // namespace

// linalg(op, batch, m, n, k, flags, a, b, c, d, ipiv, info): see cpu/linalg.h for each op's operands.
Napi::Value linalg(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "linalg";
  LinalgArgs g{};
  g.op = op_arg<LinalgOp>(info[0], name);
  g.batch = int_arg(info[1], name, "batch");
  g.m = int_arg(info[2], name, "m");
  g.n = int_arg(info[3], name, "n");
  g.k = int_arg(info[4], name, "k");
  g.flags = int_arg(info[5], name, "flags");
  const int64_t B = g.batch, m = g.m, n = g.n, k = g.k;
  TG_CHECK(B >= 0 && m >= 0 && n >= 0 && k >= 0, Range, name, ": negative size");
  switch (g.op) {
    case LinalgOp::lu:
      g.a = operand<double>(info[6], B * n * n, false, "a");
      g.ipiv = operand<int32_t>(info[10], B * n, false, "ipiv");
      g.info = operand<int32_t>(info[11], 2 * B, false, "info");
      break;
    case LinalgOp::lu_solve:
      g.a = operand<double>(info[6], B * n * n, false, "a");
      g.b = operand<double>(info[7], B * n * k, false, "b");
      g.ipiv = operand<int32_t>(info[10], B * n, false, "ipiv");
      for (int64_t i = 0; i < B * n; ++i) TG_CHECK(g.ipiv[i] >= 0 && g.ipiv[i] < n, Range, name, ": bad permutation");
      break;
    case LinalgOp::cholesky:
      g.a = operand<double>(info[6], B * n * n, false, "a");
      g.info = operand<int32_t>(info[11], B, false, "info");
      break;
    case LinalgOp::trsm:
      g.a = operand<double>(info[6], B * n * n, false, "a");
      g.b = operand<double>(info[7], B * n * k, false, "b");
      break;
    case LinalgOp::qr:
      g.a = operand<double>(info[6], B * m * n, false, "a");
      g.b = operand<double>(info[7], B * std::min(m, n), false, "tau");
      g.c = operand<double>(info[8], B * m * k, true, "Q");
      TG_CHECK(k <= m, Range, name, ": Q has ", k, " columns, at most ", m);
      break;
    case LinalgOp::eigh:
      g.a = operand<double>(info[6], B * n * n, false, "a");
      g.b = operand<double>(info[7], B * n, false, "w");
      g.c = operand<double>(info[8], B * n * n, false, "V");
      g.info = operand<int32_t>(info[11], B, false, "info");
      break;
    case LinalgOp::svd_jacobi:
      TG_CHECK(m >= n, Range, name, ": svd_jacobi needs m >= n, got ", m, " x ", n);
      g.c = operand<double>(info[8], B * n * m, false, "W");
      g.d = operand<double>(info[9], B * n * n, false, "Vh");
      break;
    default: break;
  }
  TG_CHECK(kt.linalg_f64 != nullptr, Type, name, ": not available for this CPU capability");
  kt.linalg_f64(g);
  return info.Env().Undefined();
}

}  // namespace ops
}  // namespace tg
