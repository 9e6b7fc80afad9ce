// N-API wrappers of the scan and topk kernels (native/cpu/scan_kernels.cc) and of binaryStrided (a binary op
// over strided operands, binary_kernels.cc). No math here.
#include "binding/args.h"
#include "binding/ops.h"
#include "binding/storage.h"
#include "core/shape.h"

namespace tg {
namespace ops {
namespace {

// (outer, n, inner) arguments at info[i..i+2], checked against a storage of `numel` elements.
void geometry3(const Napi::CallbackInfo& info, size_t i, int64_t numel, const char* name, int64_t g[3]) {
  for (int j = 0; j < 3; ++j) {
    g[j] = int_arg(info[i + j], name, "a size");
    TG_CHECK(g[j] >= 0, Range, name, ": negative size");
  }
  TG_CHECK(g[0] * g[1] * g[2] == numel, Range, name, ": [", g[0], ", ", g[1], ", ", g[2], "] does not match ", numel,
           " elements");
}

// A view operand: its strides per dim of `shape` and its offset, checked to stay inside `a`.
void view_operand(Strided& g, int k, const Shape& shape, const Napi::Value& strides_v, const Napi::Value& offset_v,
                  const ArrayArg& a, const char* name) {
  TG_CHECK(strides_v.IsArray(), Type, name, ": expected strides");
  Napi::Array strides = strides_v.As<Napi::Array>();
  TG_CHECK(strides.Length() == static_cast<uint32_t>(shape.ndim), Range, name, ": strides/shape length mismatch");
  const int64_t offset = int_arg(offset_v, name, "an offset");
  int64_t lo = offset, hi = offset;
  for (int d = 0; d < shape.ndim; ++d) {
    g.stride[k][d] = int_arg(strides.Get(d), name, "a stride");
    if (shape.dims[d] > 0) {
      const int64_t reach = g.stride[k][d] * (shape.dims[d] - 1);
      (reach < 0 ? lo : hi) += reach;
    }
  }
  TG_CHECK(shape.numel() == 0 || (lo >= 0 && hi < a.numel), Range, name, ": a view reaches outside its storage");
}

}  // namespace

// scan(op 0 cumsum | 1 cumprod, a, outer, n, inner, reverse[, out]) -> typed array of a's dtype and length.
Napi::Value scan(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "scan";
  const int64_t op = int_arg(info[0], name, "the scan op");
  TG_CHECK(op == 0 || op == 1, Range, name, ": unknown scan op ", op);
  ArrayArg a = array_arg(info[1], name);
  int64_t g[3];
  geometry3(info, 2, a.numel, name, g);
  ScanFn fn = require_kernel(kt.scan[int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output_arg(info, 6, a.dtype, a.numel, name);
  if (a.numel > 0) fn(a.data, array_arg(out, name).data, g[0], g[1], g[2], int(op), info[5].ToBoolean().Value());
  return out;
}

// topk(a, outer, n, inner, k, largest, values, indices): writes the k first of each slice into values (a's
// dtype, outer * k * inner) and indices (int64, the same length).
Napi::Value topk(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "topk";
  ArrayArg a = array_arg(info[0], name);
  int64_t g[3];
  geometry3(info, 1, a.numel, name, g);
  const int64_t k = int_arg(info[4], name, "k");
  TG_CHECK(k >= 0 && k <= g[1], Range, name, ": k ", k, " is out of range for a dim of size ", g[1]);
  ArrayArg v = array_arg(info[6], name), ix = array_arg(info[7], name);
  const int64_t m = g[0] * k * g[2];
  TG_CHECK(v.dtype == a.dtype && v.numel == m && ix.dtype == DType::Int64 && ix.numel == m, Range, name,
           ": outputs do not match [", g[0], ", ", k, ", ", g[2], "]");
  TopkFn fn = require_kernel(kt.topk[int(a.dtype)], name, a.dtype);
  if (m > 0) fn(a.data, v.data, static_cast<int64_t*>(ix.data), g[0], g[1], g[2], k, info[5].ToBoolean().Value());
  return info.Env().Undefined();
}

// binaryStrided(op, a, aOffset, aStrides, b, bOffset, bStrides, shape[, out]) -> typed array of shape's numel,
// written contiguously; the operands are views of a and b with the given strides per dim of shape (0 broadcasts).
Napi::Value binary_strided(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "binaryStrided";
  BinaryOp op = op_arg<BinaryOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name), b = array_arg(info[4], name);
  TG_CHECK(a.dtype == b.dtype, Type, name, ": dtypes differ (", dtype_name(a.dtype), " and ", dtype_name(b.dtype), ")");
  BinaryFn fn = require_kernel(kt.binary[int(op)][int(a.dtype)], name, a.dtype);
  Shape shape = shape_arg(info[7], name);
  Strided g;
  g.ndim = shape.ndim;
  int64_t s = 1;
  for (int d = shape.ndim - 1; d >= 0; --d) {
    g.shape[d] = shape.dims[d];
    g.stride[0][d] = s;
    s *= shape.dims[d];
  }
  view_operand(g, 1, shape, info[3], info[2], a, name);
  view_operand(g, 2, shape, info[6], info[5], b, name);
  const int64_t n = shape.numel();
  const int64_t size = dtype_size(a.dtype);
  const int64_t ao = int_arg(info[2], name, "an offset"), bo = int_arg(info[5], name, "an offset");
  collapse(g, 3);
  Napi::TypedArray out = output_arg(info, 8, is_compare(op) ? DType::Bool : a.dtype, n, name);
  if (n > 0)
    fn(static_cast<const char*>(a.data) + ao * size, static_cast<const char*>(b.data) + bo * size,
       array_arg(out, name).data, g);
  return out;
}

}  // namespace ops
}  // namespace tg
