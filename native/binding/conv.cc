// N-API wrappers of the convolution kernels (cpu/conv_kernels.cc): unpack the geometry, check every size
// against the arrays (the TS ops have validated the user's arguments), call the kernel table.
#include <string>

#include "binding/args.h"
#include "binding/ops.h"
#include "binding/storage.h"

namespace tg {
namespace ops {
namespace {

constexpr int kGeomLen = 22;

// geom = [N, C, Cout, groups, in[3], k[3], out[3], stride[3], pad[3], dil[3]].
ConvGeom geom_arg(const Napi::Value& v, const char* op) {
  TG_CHECK(v.IsArray() && v.As<Napi::Array>().Length() == kGeomLen, Type, op, ": expected a geometry of ", kGeomLen,
           " integers");
  Napi::Array a = v.As<Napi::Array>();
  int64_t f[kGeomLen];
  for (int i = 0; i < kGeomLen; ++i) {
    f[i] = int_arg(a.Get(i), op, "a geometry entry");
    TG_CHECK(f[i] >= 0, Range, op, ": negative geometry entry ", f[i]);
  }
  ConvGeom g;
  g.N = f[0], g.C = f[1], g.Cout = f[2], g.groups = f[3];
  for (int d = 0; d < 3; ++d) {
    g.in[d] = f[4 + d], g.k[d] = f[7 + d], g.out[d] = f[10 + d];
    g.stride[d] = f[13 + d], g.pad[d] = f[16 + d], g.dil[d] = f[19 + d];
    TG_CHECK(g.k[d] >= 1 && g.stride[d] >= 1 && g.dil[d] >= 1, Range, op, ": kernel, stride and dilation must be positive");
  }
  TG_CHECK(g.groups >= 1 && g.C % g.groups == 0 && g.Cout % g.groups == 0, Range, op, ": bad groups ", g.groups);
  return g;
}

int64_t vol(const int64_t* s) { return s[0] * s[1] * s[2]; }

ArrayArg sized(const Napi::Value& v, int64_t numel, const char* op, const char* what) {
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.numel == numel, Range, op, ": ", what, " has ", a.numel, " elements, expected ", numel);
  return a;
}

void same_dtype(const ArrayArg& a, const ArrayArg& b, const char* op) {
  TG_CHECK(a.dtype == b.dtype, Type, op, ": operands differ in dtype");
}

}  // namespace

// im2col(x, geom) -> col [N, C * kvol, outvol].
Napi::Value im2col(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* op = "im2col";
  ConvGeom g = geom_arg(info[1], op);
  ArrayArg x = sized(info[0], g.N * g.C * vol(g.in), op, "input");
  Im2ColFn fn = require_kernel(kt.im2col[int(x.dtype)], op, x.dtype);
  Napi::TypedArray out = new_storage(info.Env(), x.dtype, g.N * g.C * vol(g.k) * vol(g.out));
  fn(x.data, array_arg(out, op).data, g);
  return out;
}

// col2im(col, geom) -> x [N, C, in].
Napi::Value col2im(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* op = "col2im";
  ConvGeom g = geom_arg(info[1], op);
  ArrayArg col = sized(info[0], g.N * g.C * vol(g.k) * vol(g.out), op, "columns");
  Col2ImFn fn = require_kernel(kt.col2im[int(col.dtype)], op, col.dtype);
  Napi::TypedArray out = new_storage(info.Env(), col.dtype, g.N * g.C * vol(g.in));
  fn(col.data, array_arg(out, op).data, g);
  return out;
}

// A Float64Array of n per-channel factors, or null (undefined) for none.
const double* channel_doubles(const Napi::Value& v, int64_t n, const char* op, const char* what) {
  if (v.IsNull() || v.IsUndefined()) return nullptr;
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.dtype == DType::Float64 && a.numel == n, Range, op, ": ", what, " must be a Float64Array of ", n, " numbers");
  return static_cast<const double*>(a.data);
}

// convForward(x, w, bias | null, geom[, mean, a, b, relu]) -> y [N, Cout, out]; the optional tail is the
// inference epilogue (Note [Conv epilogue]): mean, a, b Float64Arrays of Cout or null (all or none), relu a bool.
Napi::Value conv_forward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* op = "conv";
  ConvGeom g = geom_arg(info[3], op);
  ArrayArg x = sized(info[0], g.N * g.C * vol(g.in), op, "input");
  ArrayArg w = sized(info[1], g.Cout * (g.C / g.groups) * vol(g.k), op, "weight");
  same_dtype(x, w, op);
  const void* bias = nullptr;
  if (!info[2].IsNull() && !info[2].IsUndefined()) {
    ArrayArg b = sized(info[2], g.Cout, op, "bias");
    same_dtype(x, b, op);
    bias = b.data;
  }
  if (info.Length() > 4) {
    g.post_mean = channel_doubles(info[4], g.Cout, op, "epilogue mean");
    g.post_a = channel_doubles(info[5], g.Cout, op, "epilogue scale");
    g.post_b = channel_doubles(info[6], g.Cout, op, "epilogue shift");
    TG_CHECK((g.post_mean == nullptr) == (g.post_a == nullptr) && (g.post_a == nullptr) == (g.post_b == nullptr), Type, op,
             ": the epilogue's mean, scale and shift are all given or none");
    g.post_relu = info[7].ToBoolean().Value();
  }
  ConvForwardFn fn = require_kernel(kt.conv_forward[int(x.dtype)], op, x.dtype);
  Napi::TypedArray out = new_storage(info.Env(), x.dtype, g.N * g.Cout * vol(g.out));
  fn(x.data, w.data, bias, array_arg(out, op).data, g);
  return out;
}

// convBackward(x | null, w, gy, geom, needInput, needWeight, needBias) -> [gx | null, gw | null, gb | null].
Napi::Value conv_backward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* op = "conv backward";
  ConvGeom g = geom_arg(info[3], op);
  const bool nx = info[4].ToBoolean().Value(), nw = info[5].ToBoolean().Value(), nb = info[6].ToBoolean().Value();
  ArrayArg w = sized(info[1], g.Cout * (g.C / g.groups) * vol(g.k), op, "weight");
  ArrayArg gy = sized(info[2], g.N * g.Cout * vol(g.out), op, "grad_output");
  same_dtype(w, gy, op);
  const void* x = nullptr;
  if (nw) {
    ArrayArg xa = sized(info[0], g.N * g.C * vol(g.in), op, "input");
    same_dtype(xa, w, op);
    x = xa.data;
  }
  ConvBackwardFn fn = require_kernel(kt.conv_backward[int(w.dtype)], op, w.dtype);
  Napi::Env env = info.Env();
  Napi::Array result = Napi::Array::New(env, 3);
  void* ptr[3] = {nullptr, nullptr, nullptr};
  const int64_t sizes[3] = {g.N * g.C * vol(g.in), w.numel, g.Cout};
  const bool need[3] = {nx, nw, nb};
  for (uint32_t i = 0; i < 3; ++i) {
    if (!need[i]) {
      result.Set(i, env.Null());
      continue;
    }
    Napi::TypedArray t = new_storage(env, w.dtype, sizes[i]);
    ptr[i] = array_arg(t, op).data;
    result.Set(i, t);
  }
  fn(x, w.data, gy.data, ptr[0], ptr[1], ptr[2], g);
  return result;
}

}  // namespace ops
}  // namespace tg
