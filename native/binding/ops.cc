// Thin N-API wrappers over the kernel table. No math here: see native/cpu/*_kernels.cc.
#include "binding/ops.h"

#include "binding/args.h"
#include "binding/index_view.h"
#include "binding/storage.h"
#include "cpu/gemm_batched.h"

#include <string>
#include <vector>

namespace tg {
namespace ops {
namespace {

// A shape argument that must describe `numel` elements.
Shape shape_of(const Napi::Value& v, int64_t numel, const char* name) {
  Shape s = shape_arg(v, name);
  TG_CHECK(s.numel() == numel, Range, name, ": shape does not match storage length (", s.numel(), " vs ", numel, ")");
  return s;
}

// (a, shape, dim) -> the [outer, n, inner] split of a contiguous tensor around dim.
DimSplit dim_args(const Napi::CallbackInfo& info, size_t index, int64_t numel, const char* name) {
  Shape s = shape_of(info[index], numel, name);
  const int dim = wrap_dim(int_arg(info[index + 1], name, "dim"), s.ndim, name);
  return split_at(s, dim);
}

Napi::Value arg_reduce(const Napi::CallbackInfo& info, const KernelTable& kt, bool is_max) {
  const char* name = is_max ? "argmax" : "argmin";
  ArrayArg a = array_arg(info[0], name);
  DimSplit sp = dim_args(info, 1, a.numel, name);
  TG_CHECK(sp.n > 0 || sp.outer * sp.inner == 0, Range, name, ": cannot perform reduction over a zero-size dimension");
  ArgReduceFn fn = require_kernel(is_max ? kt.argmax[int(a.dtype)] : kt.argmin[int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output_arg(info, 3, DType::Int64, sp.outer * sp.inner, name);
  if (sp.outer * sp.inner > 0) fn(a.data, static_cast<int64_t*>(array_arg(out, name).data), sp.outer, sp.n, sp.inner);
  return out;
}

Napi::Value softmax_forward(const Napi::CallbackInfo& info, const KernelTable& kt, int log) {
  const char* name = log ? "logSoftmax" : "softmax";
  ArrayArg a = array_arg(info[0], name);
  DimSplit sp = dim_args(info, 1, a.numel, name);
  SoftmaxFn fn = require_kernel(kt.softmax[log][int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output_arg(info, 3, a.dtype, a.numel, name);
  fn(a.data, array_arg(out, name).data, sp.outer, sp.n, sp.inner);
  return out;
}

Napi::Value softmax_bw(const Napi::CallbackInfo& info, const KernelTable& kt, int log) {
  const char* name = log ? "logSoftmaxBackward" : "softmaxBackward";
  ArrayArg g = array_arg(info[0], name), y = array_arg(info[1], name);
  TG_CHECK(g.dtype == y.dtype && g.numel == y.numel, Range, name, ": grad and output differ in dtype or length");
  DimSplit sp = dim_args(info, 2, g.numel, name);
  SoftmaxBackwardFn fn = require_kernel(kt.softmax_backward[log][int(g.dtype)], name, g.dtype);
  Napi::TypedArray out = output_arg(info, 4, g.dtype, g.numel, name);
  fn(g.data, y.data, array_arg(out, name).data, sp.outer, sp.n, sp.inner);
  return out;
}

std::string op_name(const Napi::Value& v) {
  TG_CHECK(v.IsString(), Type, "index op: expected the op name");
  return v.As<Napi::String>().Utf8Value();
}

void contiguous_strides(const Shape& s, int64_t* stride) {
  int64_t acc = 1;
  for (int d = s.ndim - 1; d >= 0; --d) {
    stride[d] = acc;
    acc *= s.dims[d];
  }
}

// (self, selfShape, dim, index, indexShape[, src, srcShape]) -> the geometry of a gather or scatter, with
// PyTorch's shape rules checked. Shapes have >= 1 dim. The kernels check the indices (Note [Fused index
// checks] in cpu/index_kernels.cc).
struct IndexArgs {
  ArrayArg self, index;
  IndexGeom g;
};
IndexArgs index_args(const Napi::CallbackInfo& info, const Shape* src, const std::string& op) {
  IndexArgs a;
  a.self = array_arg(info[0], op.c_str());
  const Shape s = shape_of(info[1], a.self.numel, op.c_str());
  a.index = array_arg(info[3], op.c_str());
  const Shape is = shape_of(info[4], a.index.numel, op.c_str());
  TG_CHECK(s.ndim >= 1 && is.ndim == s.ndim && (src == nullptr || src->ndim == s.ndim), Range, op,
           ": index, self (and src) must have the same number of dims (>= 1)");
  const int dim = wrap_dim(int_arg(info[2], op.c_str(), "dim"), s.ndim, op.c_str());
  if (a.index.numel > 0)
    for (int d = 0; d < s.ndim; ++d)
      TG_CHECK((d == dim || is.dims[d] <= s.dims[d]) && (src == nullptr || is.dims[d] <= src->dims[d]), Range, op,
               ": index is larger than self or src at dim ", d);
  a.g.ndim = s.ndim;
  a.g.dim = dim;
  a.g.size = s.dims[dim];
  for (int d = 0; d < s.ndim; ++d) a.g.shape[d] = is.dims[d];
  contiguous_strides(s, a.g.self_stride);
  for (int d = 0; d < s.ndim; ++d) a.g.self_shape[d] = s.dims[d];
  a.g.self_numel = a.self.numel;
  if (src != nullptr) contiguous_strides(*src, a.g.src_stride);
  return a;
}

}  // namespace

// indexGather(self, selfShape, dim, index, indexShape, opName[, out]) -> self's dtype, index's length.
Napi::Value index_gather(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const std::string op = op_name(info[5]);
  IndexArgs a = index_args(info, nullptr, op);
  const IndexView ix = index_view(a.index, op);
  IndexGatherFn fn = require_kernel(kt.index_gather[ix.slot()][int(a.self.dtype)], op.c_str(), a.self.dtype);
  Napi::TypedArray out = output_arg(info, 6, a.self.dtype, a.index.numel, op.c_str());
  check_reported(fn(a.self.data, ix.data, array_arg(out, op.c_str()).data, a.g), ix, a.g.size, a.g.dim, op);
  return out;
}

// indexScatter(self, selfShape, dim, index, indexShape, src | null, srcShape | null, value, mode, opName[, init]):
// writes into self (mode: kScatterSet, Add, Mul, Max, Min, | kScatterNoSelf; all but set need src); value is used
// where src is null. With init (self's dtype and length), self is first a copy of init (Note [Fused scatter copy]).
Napi::Value index_scatter(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const std::string op = op_name(info[9]);
  const bool has_src = info[5].IsTypedArray();
  ArrayArg src{nullptr, 0, DType::Float32};
  Shape ss;
  if (has_src) {
    src = array_arg(info[5], op.c_str());
    ss = shape_of(info[6], src.numel, op.c_str());
  }
  IndexArgs a = index_args(info, has_src ? &ss : nullptr, op);
  TG_CHECK(!has_src || src.dtype == a.self.dtype, Type, op, ": src and self differ in dtype");
  const int64_t mode = int_arg(info[8], op.c_str(), "mode");
  const int64_t reduce = mode & ~int64_t(kScatterNoSelf);
  TG_CHECK(reduce >= kScatterSet && reduce <= kScatterMin && (mode == kScatterSet || has_src), Range, op,
           ": bad scatter mode ", mode);
  TG_CHECK(info[7].IsNumber(), Type, op, ": expected a number for value");
  const void* init = nullptr;
  if (info.Length() > 10 && info[10].IsTypedArray()) {
    ArrayArg i = array_arg(info[10], op.c_str());
    TG_CHECK(i.dtype == a.self.dtype && i.numel == a.self.numel, Range, op, ": init has dtype ", dtype_name(i.dtype),
             " and ", i.numel, " elements, expected ", dtype_name(a.self.dtype), " and ", a.self.numel);
    init = i.data;
  }
  const IndexView ix = index_view(a.index, op);
  IndexScatterFn fn = require_kernel(kt.index_scatter[ix.slot()][int(a.self.dtype)], op.c_str(), a.self.dtype);
  check_reported(fn(a.self.data, ix.data, has_src ? src.data : nullptr, init, info[7].As<Napi::Number>().DoubleValue(),
                    static_cast<int>(mode), a.g),
                 ix, a.g.size, a.g.dim, op);
  return info.Env().Undefined();
}

// indexSelect(self, selfShape, dim, index, opName[, out]) -> [outer, index.length, inner] of self's dtype.
Napi::Value index_select(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const std::string op = op_name(info[4]);
  ArrayArg self = array_arg(info[0], op.c_str());
  DimSplit sp = dim_args(info, 1, self.numel, op.c_str());
  ArrayArg index = array_arg(info[3], op.c_str());
  const IndexView ix = index_view(index, op);
  const int dim = wrap_dim(int_arg(info[2], op.c_str(), "dim"), shape_arg(info[1], op.c_str()).ndim, op.c_str());
  IndexSelectFn fn = require_kernel(kt.index_select[ix.slot()][int(self.dtype)], op.c_str(), self.dtype);
  const int64_t numel = sp.outer * index.numel * sp.inner;
  Napi::TypedArray out = output_arg(info, 5, self.dtype, numel, op.c_str());
  // With no output the kernel reads no index, but a bad one is still an error (as when there is output).
  const int64_t bad = numel > 0 ? fn(self.data, ix.data, array_arg(out, op.c_str()).data, sp.outer, sp.n, sp.inner, index.numel)
                                 : first_out_of_range(ix, index.numel, sp.n);
  check_reported(bad, ix, sp.n, dim, op);
  return out;
}

// indexPutDim(self, selfShape, dim, index, src | null, value, alpha, mode, opName): writes into self in place
// around dim (self [outer, n, inner], src [outer, index.length, inner]): mode 0 copies src's slices (fills with
// value where src is null), mode 1 adds alpha * src. Add and fill take float self only (a C++ cast of a JS
// number to an integer type is undefined for NaN or out of range; lib/ops/gather.ts keeps those in JS).
Napi::Value index_put_dim(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const std::string op = op_name(info[8]);
  ArrayArg self = array_arg(info[0], op.c_str());
  DimSplit sp = dim_args(info, 1, self.numel, op.c_str());
  const int dim = wrap_dim(int_arg(info[2], op.c_str(), "dim"), shape_arg(info[1], op.c_str()).ndim, op.c_str());
  ArrayArg index = array_arg(info[3], op.c_str());
  const IndexView ix = index_view(index, op);
  const bool has_src = info[4].IsTypedArray();
  const int64_t mode = int_arg(info[7], op.c_str(), "mode");
  TG_CHECK(mode == 0 || (mode == 1 && has_src), Range, op, ": bad index put mode ", mode);
  const bool fl = self.dtype == DType::Float32 || self.dtype == DType::Float64;
  TG_CHECK(fl || (mode == 0 && has_src), Type, op, ": not implemented for dtype ", dtype_name(self.dtype));
  const void* src = nullptr;
  if (has_src) {
    ArrayArg s = array_arg(info[4], op.c_str());
    TG_CHECK(s.dtype == self.dtype && s.numel == sp.outer * index.numel * sp.inner, Range, op, ": source has dtype ",
             dtype_name(s.dtype), " and ", s.numel, " elements, expected ", dtype_name(self.dtype), " and ",
             sp.outer * index.numel * sp.inner);
    src = s.data;
  }
  TG_CHECK(info[5].IsNumber() && info[6].IsNumber(), Type, op, ": expected numbers for value and alpha");
  IndexPutDimFn fn = require_kernel(kt.index_put_dim[ix.slot()][int(self.dtype)], op.c_str(), self.dtype);
  check_reported(fn(self.data, ix.data, src, info[5].As<Napi::Number>().DoubleValue(),
                    info[6].As<Napi::Number>().DoubleValue(), static_cast<int>(mode), sp.outer, sp.n, sp.inner,
                    index.numel),
                 ix, sp.n, dim, op);
  return info.Env().Undefined();
}

// alloc(dtype, numel) -> typed array (uninitialized)
Napi::Value alloc(const Napi::CallbackInfo& info, const KernelTable&) {
  return new_storage(info.Env(), dtype_arg(info[0], "alloc"), int_arg(info[1], "alloc", "numel"));
}

// dispose(array)
Napi::Value dispose(const Napi::CallbackInfo& info, const KernelTable&) {
  TG_CHECK(info[0].IsTypedArray(), Type, "dispose: expected tensor storage");
  dispose_storage(info.Env(), info[0].As<Napi::TypedArray>());
  return info.Env().Undefined();
}

// address(array) -> the address of its first byte, as a number (PyTorch's data_ptr; exact below 2^53).
Napi::Value address(const Napi::CallbackInfo& info, const KernelTable&) {
  ArrayArg a = array_arg(info[0], "dataPtr");
  return Napi::Number::New(info.Env(), static_cast<double>(reinterpret_cast<uintptr_t>(a.data)));
}

// fill(array, value)
Napi::Value fill(const Napi::CallbackInfo& info, const KernelTable& kt) {
  ArrayArg a = array_arg(info[0], "fill");
  TG_CHECK(info[1].IsNumber() || info[1].IsBoolean(), Type, "fill: expected a number");
  double v = info[1].IsBoolean() ? (info[1].As<Napi::Boolean>().Value() ? 1 : 0) : info[1].As<Napi::Number>().DoubleValue();
  require_kernel(kt.fill[int(a.dtype)], "fill", a.dtype)(a.data, v, a.numel);
  return info[0];
}

// binary(op, a, b[, aShape, bShape, outShape[, out]]) -> typed array. Without shapes a and b have equal length.
Napi::Value binary(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "binary";
  BinaryOp op = op_arg<BinaryOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name), b = array_arg(info[2], name);
  TG_CHECK(a.dtype == b.dtype, Type, name, ": dtypes differ (", dtype_name(a.dtype), " and ", dtype_name(b.dtype), ")");
  BinaryFn fn = require_kernel(kt.binary[int(op)][int(a.dtype)], name, a.dtype);
  Strided g;
  if (info.Length() < 6 || info[3].IsUndefined() || info[3].IsNull()) {
    TG_CHECK(a.numel == b.numel, Range, name, ": lengths ", a.numel, " and ", b.numel, " differ");
    g.ndim = 1;
    g.shape[0] = a.numel;
    g.stride[0][0] = g.stride[1][0] = g.stride[2][0] = 1;
  } else {
    Shape as = shape_arg(info[3], name), bs = shape_arg(info[4], name), os = shape_arg(info[5], name);
    TG_CHECK(as.numel() == a.numel && bs.numel() == b.numel, Range, name, ": shape does not match storage length");
    broadcast_geometry(g, os, {&as, &bs}, name);
  }
  int64_t n = 1;
  for (int d = 0; d < g.ndim; ++d) n *= g.shape[d];
  Napi::TypedArray out = output_arg(info, 6, is_compare(op) ? DType::Bool : a.dtype, n, name);
  fn(a.data, b.data, array_arg(out, name).data, g);
  return out;
}

// binaryScalar(op, a, scalar[, out]) -> typed array
Napi::Value binary_scalar(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "binaryScalar";
  BinaryOp op = op_arg<BinaryOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name);
  TG_CHECK(info[2].IsNumber(), Type, name, ": expected a number");
  BinaryScalarFn fn = require_kernel(kt.binary_scalar[int(op)][int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output_arg(info, 3, is_compare(op) ? DType::Bool : a.dtype, a.numel, name);
  fn(a.data, info[2].As<Napi::Number>().DoubleValue(), array_arg(out, name).data, a.numel);
  return out;
}

// unary(op, a[, out]) -> typed array
Napi::Value unary(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "unary";
  UnaryOp op = op_arg<UnaryOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name);
  UnaryFn fn = require_kernel(kt.unary[int(op)][int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output_arg(info, 2, a.dtype, a.numel, name);
  fn(a.data, array_arg(out, name).data, a.numel);
  return out;
}

// cast(a, dtype[, out]) -> typed array
Napi::Value cast(const Napi::CallbackInfo& info, const KernelTable& kt) {
  ArrayArg a = array_arg(info[0], "cast");
  DType to = dtype_arg(info[1], "cast");
  Napi::TypedArray out = output_arg(info, 2, to, a.numel, "cast");
  require_kernel(kt.cast[int(a.dtype)][int(to)], "cast", a.dtype)(a.data, array_arg(out, "cast").data, a.numel);
  return out;
}

// gather(src, outShape, srcStrides, srcOffset[, out]) -> contiguous copy of the strided view of src.
Napi::Value gather(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "gather";
  ArrayArg src = array_arg(info[0], name);
  Shape os = shape_arg(info[1], name);
  TG_CHECK(info[2].IsArray(), Type, name, ": expected strides");
  Napi::Array strides = info[2].As<Napi::Array>();
  TG_CHECK(strides.Length() == static_cast<uint32_t>(os.ndim), Range, name, ": strides/shape length mismatch");
  int64_t offset = int_arg(info[3], name, "offset");
  Strided g;
  g.ndim = os.ndim;
  int64_t lo = offset, hi = offset, s = 1;
  for (int d = os.ndim - 1; d >= 0; --d) {
    g.shape[d] = os.dims[d];
    g.stride[0][d] = s;
    s *= os.dims[d];
    g.stride[1][d] = int_arg(strides.Get(d), name, "a stride");
    g.stride[2][d] = 0;
    if (os.dims[d] > 0) {
      int64_t reach = g.stride[1][d] * (os.dims[d] - 1);
      (reach < 0 ? lo : hi) += reach;
    }
  }
  const int64_t n = os.numel();
  TG_CHECK(n == 0 || (lo >= 0 && hi < src.numel), Range, name, ": view reaches outside its storage");
  collapse(g, 2);
  Napi::TypedArray out = output_arg(info, 4, src.dtype, n, name);
  if (n > 0)
    require_kernel(kt.gather[int(src.dtype)], name, src.dtype)(static_cast<char*>(src.data) + offset * dtype_size(src.dtype),
                                                      array_arg(out, name).data, g);
  return out;
}

// Reads `strides` (one per dim of `shape`) into operand k of g and checks that the view from `offset` stays inside
// a storage of `numel` elements.
static void strided_operand(Strided& g, int k, const Shape& shape, const Napi::Value& strides_v, int64_t offset,
                            int64_t numel, const char* name, const char* what) {
  TG_CHECK(strides_v.IsArray(), Type, name, ": expected ", what, " strides");
  Napi::Array strides = strides_v.As<Napi::Array>();
  TG_CHECK(strides.Length() == static_cast<uint32_t>(shape.ndim), Range, name, ": ", what, " strides/shape length mismatch");
  int64_t lo = offset, hi = offset;
  for (int d = 0; d < shape.ndim; ++d) {
    g.stride[k][d] = int_arg(strides.Get(d), name, "a stride");
    if (shape.dims[d] > 0) {
      int64_t reach = g.stride[k][d] * (shape.dims[d] - 1);
      (reach < 0 ? lo : hi) += reach;
    }
  }
  TG_CHECK(shape.numel() == 0 || (lo >= 0 && hi < numel), Range, name, ": the ", what, " view reaches outside its storage");
}

// stridedCopy(dst, dstOffset, dstStrides, src, srcOffset, srcStrides, shape): writes the strided view of src into
// the strided view of dst (same dtype, same shape); dst must not overlap itself (checked by the caller).
Napi::Value strided_copy(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "stridedCopy";
  ArrayArg dst = array_arg(info[0], name);
  int64_t dst_offset = int_arg(info[1], name, "offset");
  ArrayArg src = array_arg(info[3], name);
  int64_t src_offset = int_arg(info[4], name, "offset");
  Shape shape = shape_arg(info[6], name);
  TG_CHECK(dst.dtype == src.dtype, Type, name, ": dtypes differ");
  Strided g;
  g.ndim = shape.ndim;
  int64_t s = 1;
  for (int d = shape.ndim - 1; d >= 0; --d) {
    g.shape[d] = shape.dims[d];
    g.stride[0][d] = s;
    s *= shape.dims[d];
  }
  strided_operand(g, 1, shape, info[2], dst_offset, dst.numel, name, "destination");
  strided_operand(g, 2, shape, info[5], src_offset, src.numel, name, "source");
  const int64_t n = shape.numel();
  collapse(g, 3);
  if (n > 0) {
    const int64_t size = dtype_size(dst.dtype);
    require_kernel(kt.strided_copy[int(dst.dtype)], name, dst.dtype)(static_cast<char*>(dst.data) + dst_offset * size,
                                                             static_cast<const char*>(src.data) + src_offset * size, g);
  }
  return info.Env().Undefined();
}

// reduceAll(op, a[, out]) -> one-element typed array of a's dtype
Napi::Value reduce_all(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "reduceAll";
  ReduceOp op = op_arg<ReduceOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name);
  Napi::TypedArray out = output_arg(info, 2, a.dtype, 1, name);
  if (a.dtype == DType::Int64) {
    // The all-reduce returns a double, which would round an int64 past 2^53: reduce the one dim instead.
    ReduceGeom g;
    g.ndim = 1;
    g.shape[0] = a.numel;
    g.reduced[0] = true;
    require_kernel(kt.reduce_dims[int(op)][int(a.dtype)], name, a.dtype)(a.data, array_arg(out, name).data, g);
    return out;
  }
  double v = require_kernel(kt.reduce_all[int(op)][int(a.dtype)], name, a.dtype)(a.data, a.numel);
  kt.fill[int(a.dtype)](array_arg(out, name).data, v, 1);
  return out;
}

// reduceDims(op, a, shape, reducedFlags[, out]) -> typed array of the kept positions
Napi::Value reduce_dims(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "reduceDims";
  ReduceOp op = op_arg<ReduceOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name);
  Shape s = shape_arg(info[2], name);
  TG_CHECK(s.numel() == a.numel, Range, name, ": shape does not match storage length");
  TG_CHECK(info[3].IsArray() && info[3].As<Napi::Array>().Length() == static_cast<uint32_t>(s.ndim), Type, name,
           ": expected one reduce flag per dim");
  Napi::Array flags = info[3].As<Napi::Array>();
  ReduceGeom g;
  g.ndim = s.ndim;
  int64_t kept = 1;
  for (int d = 0; d < s.ndim; ++d) {
    g.shape[d] = s.dims[d];
    g.reduced[d] = flags.Get(d).ToBoolean().Value();
    if (!g.reduced[d]) kept *= s.dims[d];
  }
  ReduceDimsFn fn = require_kernel(kt.reduce_dims[int(op)][int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output_arg(info, 4, a.dtype, kept, name);
  if (kept > 0) fn(a.data, array_arg(out, name).data, g);
  return out;
}

// dot(a, b[, out]) -> one-element typed array
Napi::Value dot(const Napi::CallbackInfo& info, const KernelTable& kt) {
  ArrayArg a = array_arg(info[0], "dot"), b = array_arg(info[1], "dot");
  TG_CHECK(a.dtype == b.dtype && a.numel == b.numel, Range, "dot: operands differ in dtype or length");
  double v = require_kernel(kt.dot[int(a.dtype)], "dot", a.dtype)(a.data, b.data, a.numel);
  Napi::TypedArray out = output_arg(info, 2, a.dtype, 1, "dot");
  kt.fill[int(a.dtype)](array_arg(out, "dot").data, v, 1);
  return out;
}

// where(cond, a, b[, condShape, aShape, bShape, outShape[, out]]) -> typed array of a's dtype. cond is bool
// (Uint8Array); a and b share a dtype. Without shapes all three have equal length.
Napi::Value where(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "where";
  ArrayArg c = array_arg(info[0], name), a = array_arg(info[1], name), b = array_arg(info[2], name);
  TG_CHECK(c.dtype == DType::Bool, Type, name, ": condition must be bool storage, got ", dtype_name(c.dtype));
  TG_CHECK(a.dtype == b.dtype, Type, name, ": dtypes differ (", dtype_name(a.dtype), " and ", dtype_name(b.dtype), ")");
  WhereFn fn = require_kernel(kt.where[int(a.dtype)], name, a.dtype);
  Strided g;
  if (info.Length() < 7 || info[3].IsUndefined() || info[3].IsNull()) {
    TG_CHECK(a.numel == b.numel && c.numel == a.numel, Range, name, ": lengths ", c.numel, ", ", a.numel, " and ",
             b.numel, " differ");
    g.ndim = 1;
    g.shape[0] = a.numel;
    for (int k = 0; k < kMaxOperands; ++k) g.stride[k][0] = 1;
  } else {
    Shape cs = shape_of(info[3], c.numel, name), as = shape_of(info[4], a.numel, name),
          bs = shape_of(info[5], b.numel, name), os = shape_arg(info[6], name);
    broadcast_geometry(g, os, {&cs, &as, &bs}, name);
  }
  int64_t n = 1;
  for (int d = 0; d < g.ndim; ++d) n *= g.shape[d];
  Napi::TypedArray out = output_arg(info, 7, a.dtype, n, name);
  if (n > 0) fn(static_cast<const uint8_t*>(c.data), a.data, b.data, array_arg(out, name).data, g);
  return out;
}

// clamp(a, min, max[, out]) -> typed array; min/max are numbers or null/undefined (no bound).
Napi::Value clamp(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "clamp";
  ArrayArg a = array_arg(info[0], name);
  const bool has_lo = info.Length() > 1 && !info[1].IsUndefined() && !info[1].IsNull();
  const bool has_hi = info.Length() > 2 && !info[2].IsUndefined() && !info[2].IsNull();
  TG_CHECK((!has_lo || info[1].IsNumber()) && (!has_hi || info[2].IsNumber()), Type, name,
           ": bounds must be numbers or null");
  const double lo = has_lo ? info[1].As<Napi::Number>().DoubleValue() : 0.0;
  const double hi = has_hi ? info[2].As<Napi::Number>().DoubleValue() : 0.0;
  ClampFn fn = require_kernel(kt.clamp[int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output_arg(info, 3, a.dtype, a.numel, name);
  fn(a.data, array_arg(out, name).data, a.numel, lo, hi, has_lo, has_hi);
  return out;
}

namespace {

// The numbers of an optimizer's hyperparameter array, checked finite-or-not by the caller's own rules in lib/.
std::vector<double> hyper_arg(const Napi::Value& v, size_t count, const char* op) {
  TG_CHECK(v.IsArray(), Type, op, ": expected an array of hyperparameters");
  Napi::Array a = v.As<Napi::Array>();
  TG_CHECK(a.Length() == count, Range, op, ": expected ", count, " hyperparameters, got ", a.Length());
  std::vector<double> h(count);
  for (uint32_t i = 0; i < count; ++i) {
    Napi::Value x = a.Get(i);
    TG_CHECK(x.IsNumber(), Type, op, ": hyperparameter ", i, " is not a number");
    h[i] = x.As<Napi::Number>().DoubleValue();
  }
  return h;
}

// An operand that must match the first one (an optimizer's parameter, a backward's grad) in dtype and
// length, or null when it is optional and absent.
void* matching_arg(const Napi::Value& v, const ArrayArg& first, const char* op, const char* what) {
  if (v.IsNull() || v.IsUndefined()) return nullptr;
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.dtype == first.dtype && a.numel == first.numel, Range, op, ": ", what, " has ", a.numel,
           " elements of ", dtype_name(a.dtype), ", the first operand ", first.numel, " of ", dtype_name(first.dtype));
  return a.data;
}

}  // namespace

// adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq | null,
//          [beta1, beta2, eps, weightDecay, paramDecay, stepSize, biasCorrection2Sqrt, maximize]) updates in place.
Napi::Value adam_step(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "adamStep";
  ArrayArg param = array_arg(info[0], name);
  void* grad = matching_arg(info[1], param, name, "grad");
  void* m = matching_arg(info[2], param, name, "exp_avg");
  void* v = matching_arg(info[3], param, name, "exp_avg_sq");
  TG_CHECK(grad != nullptr && m != nullptr && v != nullptr, Type, name, ": grad and state must be tensors");
  void* vmax = matching_arg(info[4], param, name, "max_exp_avg_sq");
  const std::vector<double> h = hyper_arg(info[5], 8, name);
  const AdamHyper hp{h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7] != 0};
  require_kernel(kt.adam[int(param.dtype)], name, param.dtype)(param.data, grad, m, v, vmax, param.numel, hp);
  return info.Env().Undefined();
}

// sgdStep(param, grad, momentumBuffer | null, [lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep])
// updates in place.
Napi::Value sgd_step(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "sgdStep";
  ArrayArg param = array_arg(info[0], name);
  void* grad = matching_arg(info[1], param, name, "grad");
  TG_CHECK(grad != nullptr, Type, name, ": grad must be a tensor");
  void* buf = matching_arg(info[2], param, name, "momentum_buffer");
  const std::vector<double> h = hyper_arg(info[3], 7, name);
  const SgdHyper hp{h[0], h[1], h[2], h[3], h[4] != 0, h[5] != 0, h[6] != 0};
  require_kernel(kt.sgd[int(param.dtype)], name, param.dtype)(param.data, grad, buf, param.numel, hp);
  return info.Env().Undefined();
}

// optimStep(kind, param, grad, s0 | null, s1 | null, s2 | null, hyper[9]): RMSprop, Adagrad, Adadelta, Adamax,
// NAdam or RAdam (OptimKind) in place; the state buffers each kind needs are checked here.
Napi::Value optim_step(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "optimStep";
  const int64_t kind = int_arg(info[0], name, "kind");
  TG_CHECK(kind >= 0 && kind <= 5, Range, name, ": kind must be 0..5 (RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam)");
  ArrayArg param = array_arg(info[1], name);
  void* grad = matching_arg(info[2], param, name, "grad");
  void* s[3];
  for (int k = 0; k < 3; ++k) s[k] = matching_arg(info[3 + k], param, name, "state");
  const std::vector<double> h = hyper_arg(info[6], kOptimHyper, name);
  const auto okind = static_cast<OptimKind>(kind);
  // RMSprop reads grad_avg when centered and momentum_buffer with momentum; Adagrad one state, the others two.
  const bool need1 = okind != OptimKind::Adagrad && (okind != OptimKind::RMSprop || h[5] != 0);
  const bool need2 = okind == OptimKind::RMSprop && h[3] > 0;
  TG_CHECK(grad != nullptr && s[0] != nullptr && (!need1 || s[1] != nullptr) && (!need2 || s[2] != nullptr), Type, name,
           ": grad and the state this optimizer reads must be tensors");
  require_kernel(kt.optim_step[int(param.dtype)], name, param.dtype)(okind, param.data, grad, s[0], s[1], s[2], param.numel, h.data());
  return info.Env().Undefined();
}

// binaryBackward(op 0 mul | 1 div | 2 pow, grad, self, other, result | null, gradSelf | null, gradOther | null):
// both input grads in one pass, into the given outputs (all the same dtype and length; pow needs its result).
Napi::Value binary_backward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "binaryBackward";
  const int64_t op = int_arg(info[0], name, "op");
  TG_CHECK(op >= 0 && op <= 2, Range, name, ": op must be 0 (mul), 1 (div) or 2 (pow)");
  ArrayArg g = array_arg(info[1], name);
  void* a = matching_arg(info[2], g, name, "self");
  void* b = matching_arg(info[3], g, name, "other");
  TG_CHECK(a != nullptr && b != nullptr, Type, name, ": self and other must be tensors");
  void* r = matching_arg(info[4], g, name, "the result");
  TG_CHECK(op != 2 || r != nullptr, Type, name, ": pow needs its result");
  void* ga = matching_arg(info[5], g, name, "the self grad");
  void* gb = matching_arg(info[6], g, name, "the other grad");
  require_kernel(kt.binary_backward[op][int(g.dtype)], name, g.dtype)(g.data, a, b, r, ga, gb, g.numel);
  return info.Env().Undefined();
}

// argmax(a, shape, dim) / argmin(a, shape, dim) -> Int32Array with the dim removed (first occurrence, NaN wins).
Napi::Value argmax(const Napi::CallbackInfo& info, const KernelTable& kt) { return arg_reduce(info, kt, true); }
Napi::Value argmin(const Napi::CallbackInfo& info, const KernelTable& kt) { return arg_reduce(info, kt, false); }

// softmax(a, shape, dim) / logSoftmax(a, shape, dim) -> typed array of a's shape (float dtypes).
Napi::Value softmax(const Napi::CallbackInfo& info, const KernelTable& kt) { return softmax_forward(info, kt, 0); }
Napi::Value log_softmax(const Napi::CallbackInfo& info, const KernelTable& kt) { return softmax_forward(info, kt, 1); }

// softmaxBackward(grad, output, shape, dim) / logSoftmaxBackward(grad, output, shape, dim) -> grad input.
Napi::Value softmax_backward(const Napi::CallbackInfo& info, const KernelTable& kt) { return softmax_bw(info, kt, 0); }
Napi::Value log_softmax_backward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  return softmax_bw(info, kt, 1);
}

// gemm(transA, transB, batch, M, N, K, A, B, strideA, strideB[, out]) -> C of batch*M*N (batch strides in
// elements; 0 broadcasts an operand over the batch).
Napi::Value gemm(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "matmul";
  const bool ta = info[0].ToBoolean().Value(), tb = info[1].ToBoolean().Value();
  int64_t batch = int_arg(info[2], name, "batch"), M = int_arg(info[3], name, "M");
  const int64_t N = int_arg(info[4], name, "N"), K = int_arg(info[5], name, "K");
  ArrayArg A = array_arg(info[6], name), B = array_arg(info[7], name);
  const int64_t sa = int_arg(info[8], name, "batch stride"), sb = int_arg(info[9], name, "batch stride");
  TG_CHECK(batch >= 0 && M >= 0 && N >= 0 && K >= 0, Range, name, ": negative size");
  TG_CHECK(A.dtype == B.dtype, Type, name, ": dtypes differ");
  TG_CHECK((batch == 0 || (sa * (batch - 1) + M * K <= A.numel && sb * (batch - 1) + K * N <= B.numel)) &&
               sa >= 0 && sb >= 0,
           Range, name, ": operands are smaller than their shapes");
  Napi::TypedArray out = output_arg(info, 10, A.dtype, batch * M * N, name);
  void* C = array_arg(out, name).data;
  int64_t lda = ta ? M : K, ldb = tb ? K : N;
  // A B shared by the whole batch and a plain (untransposed) A: the batch folds into the rows of one product,
  // so B is packed once.
  if (batch > 1 && sb == 0 && !ta && sa == M * K) {
    M *= batch;
    batch = 1;
  }
  if (A.dtype == DType::Float32) {
    gemm_batched<float>(kt.gemm_f32, ta, tb, batch, M, N, K, static_cast<const float*>(A.data), sa, lda,
                        static_cast<const float*>(B.data), sb, ldb, static_cast<float*>(C), M * N, N);
  } else if (A.dtype == DType::Float64) {
    gemm_batched<double>(kt.gemm_f64, ta, tb, batch, M, N, K, static_cast<const double*>(A.data), sa, lda,
                         static_cast<const double*>(B.data), sb, ldb, static_cast<double*>(C), M * N, N);
  } else {
    fail(ErrorKind::Type, name, ": not implemented for dtype ", dtype_name(A.dtype));
  }
  return out;
}

// gemmPackB(transB, N, K, B[, out]) -> op(B) packed for gemmLinear (Note [Linear epilogue and packed weights]),
// or null when this shape is never packed whole.
Napi::Value gemm_pack_b(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "linear";
  const bool tb = info[0].ToBoolean().Value();
  const int64_t N = int_arg(info[1], name, "N"), K = int_arg(info[2], name, "K");
  ArrayArg B = array_arg(info[3], name);
  TG_CHECK(N >= 0 && K >= 0 && K * N <= B.numel, Range, name, ": weight is smaller than its shape");
  const bool f32 = B.dtype == DType::Float32;
  TG_CHECK(f32 || B.dtype == DType::Float64, Type, name, ": not implemented for dtype ", dtype_name(B.dtype));
  const int64_t len = f32 ? kt.gemm_pack_b_f32(tb, N, K, nullptr, nullptr) : kt.gemm_pack_b_f64(tb, N, K, nullptr, nullptr);
  if (len < 0) return info.Env().Null();
  Napi::TypedArray out = output_arg(info, 4, B.dtype, len, name);
  void* d = array_arg(out, name).data;
  if (f32)
    kt.gemm_pack_b_f32(tb, N, K, static_cast<const float*>(B.data), static_cast<float*>(d));
  else
    kt.gemm_pack_b_f64(tb, N, K, static_cast<const double*>(B.data), static_cast<double*>(d));
  return out;
}

// gemmLinear(transB, M, N, K, A, B, packed, bias, relu[, out]) -> C = A @ op(B) (+ bias) (then ReLU), M x N;
// packed (or null) from gemmPackB for the same transB, N, K and capability; bias (or null) of N elements.
Napi::Value gemm_linear(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "linear";
  const bool tb = info[0].ToBoolean().Value();
  const int64_t M = int_arg(info[1], name, "M"), N = int_arg(info[2], name, "N"), K = int_arg(info[3], name, "K");
  ArrayArg A = array_arg(info[4], name), B = array_arg(info[5], name);
  TG_CHECK(M >= 0 && N >= 0 && K >= 0 && M * K <= A.numel && K * N <= B.numel, Range, name,
           ": operands are smaller than their shapes");
  TG_CHECK(A.dtype == B.dtype, Type, name, ": dtypes differ");
  const bool f32 = A.dtype == DType::Float32;
  TG_CHECK(f32 || A.dtype == DType::Float64, Type, name, ": not implemented for dtype ", dtype_name(A.dtype));
  const void* packed = nullptr;
  if (!info[6].IsNull() && !info[6].IsUndefined()) {
    ArrayArg P = array_arg(info[6], name);
    const int64_t len = f32 ? kt.gemm_pack_b_f32(tb, N, K, nullptr, nullptr) : kt.gemm_pack_b_f64(tb, N, K, nullptr, nullptr);
    TG_CHECK(P.dtype == A.dtype && P.numel == len, Range, name, ": packed weight does not match the shape");
    packed = P.data;
  }
  const void* bias = nullptr;
  if (!info[7].IsNull() && !info[7].IsUndefined()) {
    ArrayArg Bi = array_arg(info[7], name);
    TG_CHECK(Bi.dtype == A.dtype && Bi.numel == N, Range, name, ": bias of ", Bi.numel, " elements, expected ", N);
    bias = Bi.data;
  }
  const bool relu = info[8].ToBoolean().Value();
  Napi::TypedArray out = output_arg(info, 9, A.dtype, M * N, name);
  void* C = array_arg(out, name).data;
  if (f32)
    kt.gemm_linear_f32(tb, M, N, K, static_cast<const float*>(A.data), static_cast<const float*>(B.data),
                       static_cast<const float*>(packed), static_cast<const float*>(bias), relu, static_cast<float*>(C));
  else
    kt.gemm_linear_f64(tb, M, N, K, static_cast<const double*>(A.data), static_cast<const double*>(B.data),
                       static_cast<const double*>(packed), static_cast<const double*>(bias), relu,
                       static_cast<double*>(C));
  return out;
}

}  // namespace ops
}  // namespace tg
