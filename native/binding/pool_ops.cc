// N-API wrappers of the pooling and per-channel normalization kernels (native/cpu/pool_kernels.cc). lib/ops
// validates the arguments first; these checks only keep a wrong call from reading or writing out of bounds.
#include "binding/args.h"
#include "binding/ops.h"

namespace tg {
namespace ops {
namespace {

// A Float64Array of exactly n numbers (per-channel statistics and factors), or null when optional.
const double* doubles(const Napi::Value& v, int64_t n, const char* op, const char* what, bool optional = false) {
  if (optional && (v.IsNull() || v.IsUndefined())) return nullptr;
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.dtype == DType::Float64 && a.numel == n, Range, op, ": ", what, " must be a Float64Array of ", n, " numbers");
  return static_cast<const double*>(a.data);
}

// [N, C, S] of a channel kernel, matching x's length.
void ncs(const Napi::Value& v, const ArrayArg& x, const char* op, int64_t& N, int64_t& C, int64_t& S) {
  Shape s = shape_arg(v, op);
  TG_CHECK(s.ndim == 3 && s.numel() == x.numel, Range, op, ": expected [N, C, S] describing ", x.numel, " elements");
  N = s.dims[0];
  C = s.dims[1];
  S = s.dims[2];
}

// An operand with x's dtype and length, or null when optional.
void* like(const Napi::Value& v, const ArrayArg& x, const char* op, const char* what, bool optional) {
  if (optional && (v.IsNull() || v.IsUndefined())) return nullptr;
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.dtype == x.dtype && a.numel == x.numel, Range, op, ": ", what, " must match the input's dtype and length");
  return a.data;
}

}  // namespace

// maxPool2d(x, [planes, H, W, Ho, Wo, kH, kW, sH, sW, pH, pW, dH, dW], out, indices | null): values into out, int64
// in-plane indices into indices (when not null).
Napi::Value max_pool2d(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "maxPool2d";
  ArrayArg x = array_arg(info[0], name);
  Shape s = shape_arg(info[1], name);
  TG_CHECK(s.ndim == 13, Range, name, ": expected 13 geometry numbers");
  const int64_t* d = s.dims;
  const PoolGeom2d g{d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12]};
  TG_CHECK(g.kH > 0 && g.kW > 0 && g.sH > 0 && g.sW > 0 && g.dH > 0 && g.dW > 0 && g.pH * 2 <= g.kH && g.pW * 2 <= g.kW, Range, name,
           ": bad window geometry");
  TG_CHECK(x.numel == g.planes * g.H * g.W, Range, name, ": input length does not match the geometry");
  TG_CHECK((g.Ho - 1) * g.sH - g.pH < g.H && (g.Wo - 1) * g.sW - g.pW < g.W, Range, name, ": a window starts past the input");
  ArrayArg out = array_arg(info[2], name);
  const bool values_only = info[3].IsNull();  // no indices wanted (Note [Max-pool 2x2 stride 2])
  ArrayArg idx = values_only ? out : array_arg(info[3], name);
  TG_CHECK(out.dtype == x.dtype && out.numel == g.planes * g.Ho * g.Wo && (values_only || (idx.dtype == DType::Int64 && idx.numel == out.numel)),
           Range, name, ": outputs do not match the geometry");
  if (out.numel > 0)
    require_kernel(kt.max_pool2d[int(x.dtype)], name, x.dtype)(x.data, out.data, values_only ? nullptr : static_cast<int64_t*>(idx.data), g);
  return info.Env().Undefined();
}

// maxPool2dBackward(gy, indices, [planes, inPlane, outPlane], gx): gx = zeros with gy added at the int64
// in-plane indices (Note [Max-pool backward]); an index outside the plane is a RangeError.
Napi::Value max_pool2d_backward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "maxPool2dBackward";
  ArrayArg gy = array_arg(info[0], name), idx = array_arg(info[1], name);
  Shape s = shape_arg(info[2], name);
  TG_CHECK(s.ndim == 3, Range, name, ": expected [planes, inPlane, outPlane]");
  const int64_t planes = s.dims[0], in_plane = s.dims[1], out_plane = s.dims[2];
  ArrayArg gx = array_arg(info[3], name);
  TG_CHECK(idx.dtype == DType::Int64 && gy.numel == planes * out_plane && idx.numel == gy.numel && gx.dtype == gy.dtype &&
               gx.numel == planes * in_plane,
           Range, name, ": operands do not match [", planes, ", ", in_plane, ", ", out_plane, "]");
  if (gx.numel == 0) return info.Env().Undefined();
  const int64_t bad = require_kernel(kt.max_pool2d_backward[int(gy.dtype)], name, gy.dtype)(gy.data, static_cast<const int64_t*>(idx.data), gx.data,
                                                                                      planes, in_plane, out_plane);
  TG_CHECK(bad == 0, Range, name, ": ", bad, " indices outside a plane of ", in_plane, " elements");
  return info.Env().Undefined();
}

// channelStats(x, g | null, mean | null, [N, C, S], mode, out1, out2): mode 0 mean and biased variance per
// channel; mode 1 sum(g) and sum(g (x - mean)) (g and mean required).
Napi::Value channel_stats(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "channelStats";
  ArrayArg x = array_arg(info[0], name);
  int64_t N, C, S;
  ncs(info[3], x, name, N, C, S);
  const int mode = static_cast<int>(int_arg(info[4], name, "mode"));
  TG_CHECK(mode == 0 || mode == 1, Range, name, ": bad mode ", mode);
  const void* g = like(info[1], x, name, "g", mode == 0);
  const double* mean = doubles(info[2], C, name, "mean", mode == 0);
  double* out1 = const_cast<double*>(doubles(info[5], C, name, "out1"));
  double* out2 = const_cast<double*>(doubles(info[6], C, name, "out2"));
  if (C > 0) require_kernel(kt.channel_stats[int(x.dtype)], name, x.dtype)(x.data, g, mean, N, C, S, mode, out1, out2);
  return info.Env().Undefined();
}

// channelAffine(x, g | null, out, [N, C, S], mean, a, b, k | null): out = a (x - mean) + b (+ k g) per channel.
Napi::Value channel_affine(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "channelAffine";
  ArrayArg x = array_arg(info[0], name);
  int64_t N, C, S;
  ncs(info[3], x, name, N, C, S);
  const void* g = like(info[1], x, name, "g", true);
  void* out = like(info[2], x, name, "out", false);
  const double* mean = doubles(info[4], C, name, "mean");
  const double* a = doubles(info[5], C, name, "a");
  const double* b = doubles(info[6], C, name, "b");
  const double* k = doubles(info[7], C, name, "k", true);
  TG_CHECK(g == nullptr || k != nullptr, Type, name, ": k is required with g");
  if (x.numel > 0) require_kernel(kt.channel_affine[int(x.dtype)], name, x.dtype)(x.data, g, out, N, C, S, mean, a, b, k);
  return info.Env().Undefined();
}

}  // namespace ops
}  // namespace tg
