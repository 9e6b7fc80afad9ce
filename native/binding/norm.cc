// N-API wrappers of the normalization kernels (native/cpu/norm_kernels.cc). No math here.
#include "binding/args.h"
#include "binding/ops.h"
#include "binding/storage.h"

namespace tg {
namespace ops {
namespace {

// An optional operand: null/undefined, or a typed array of `numel` elements of `dtype`.
void* optional_arg(const Napi::Value& v, DType dtype, int64_t numel, const char* op, const char* what) {
  if (v.IsNull() || v.IsUndefined()) return nullptr;
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.dtype == dtype && a.numel == numel, Range, op, ": ", what, " has ", a.numel, " elements of ",
           dtype_name(a.dtype), ", expected ", numel, " of ", dtype_name(dtype));
  return a.data;
}

// (rows, n) from the row length n, checked against the storage length.
int64_t rows_of(const ArrayArg& x, const Napi::Value& nv, const char* op) {
  const int64_t n = int_arg(nv, op, "the row length");
  TG_CHECK(n > 0 && x.numel % n == 0, Range, op, ": row length ", n, " does not divide ", x.numel, " elements");
  return x.numel / n;
}

double eps_arg(const Napi::Value& v, const char* op) {
  TG_CHECK(v.IsNumber(), Type, op, ": expected a number for eps");
  return v.As<Napi::Number>().DoubleValue();
}

}  // namespace

// layerNorm(x, n, weight | null, bias | null, eps, stats | null) -> y of x's length: each row of n elements
// normalized; stats (2 rows values of x's dtype, when given) gets each row's mean, then each row's rstd.
Napi::Value layer_norm(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "layerNorm";
  ArrayArg x = array_arg(info[0], name);
  const int64_t rows = rows_of(x, info[1], name), n = x.numel / rows;
  void* w = optional_arg(info[2], x.dtype, n, name, "weight");
  void* b = optional_arg(info[3], x.dtype, n, name, "bias");
  const double eps = eps_arg(info[4], name);
  void* stats = optional_arg(info[5], x.dtype, 2 * rows, name, "stats");
  LayerNormFn fn = kt.layer_norm[int(x.dtype)];
  TG_CHECK(fn != nullptr, Type, name, ": not implemented for dtype ", dtype_name(x.dtype));
  Napi::TypedArray out = new_storage(info.Env(), x.dtype, x.numel);
  fn(x.data, w, b, array_arg(out, name).data, stats, rows, n, eps);
  return out;
}

// layerNormBackward(grad, x, n, weight | null, eps, dx | null, dweight | null, dbias | null, stats | null): the
// wanted grads written into the given arrays (dx of x's length, dweight and dbias of n). grad has x's length, or
// n: one row that is the grad of every row (an expanded grad, without its gathered copy). stats: the forward's.
Napi::Value layer_norm_backward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "layerNormBackward";
  ArrayArg x = array_arg(info[1], name);
  const int64_t rows = rows_of(x, info[2], name), n = x.numel / rows;
  ArrayArg g = array_arg(info[0], name);
  TG_CHECK(g.dtype == x.dtype && (g.numel == x.numel || g.numel == n), Range, name, ": grad has ", g.numel, " elements of ",
           dtype_name(g.dtype), ", expected ", x.numel, " or one row of ", n, " of ", dtype_name(x.dtype));
  void* w = optional_arg(info[3], x.dtype, n, name, "weight");
  const double eps = eps_arg(info[4], name);
  void* dx = optional_arg(info[5], x.dtype, x.numel, name, "the input grad");
  void* dw = optional_arg(info[6], x.dtype, n, name, "the weight grad");
  void* db = optional_arg(info[7], x.dtype, n, name, "the bias grad");
  const void* stats = optional_arg(info[8], x.dtype, 2 * rows, name, "stats");
  LayerNormBackwardFn fn = kt.layer_norm_backward[int(x.dtype)];
  TG_CHECK(fn != nullptr, Type, name, ": not implemented for dtype ", dtype_name(x.dtype));
  fn(g.data, g.numel == x.numel ? n : 0, x.data, w, stats, dx, dw, db, rows, n, eps);
  return info.Env().Undefined();
}

}  // namespace ops
}  // namespace tg
