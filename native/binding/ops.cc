// Thin N-API wrappers over the kernel table. No math here: see native/cpu/*_kernels.cc.
#include "binding/ops.h"

#include "binding/args.h"
#include "binding/storage.h"

namespace tg {
namespace ops {
namespace {

bool is_compare(BinaryOp op) {
  return op == BinaryOp::eq || op == BinaryOp::ne || op == BinaryOp::lt || op == BinaryOp::le ||
         op == BinaryOp::gt || op == BinaryOp::ge;
}

template <typename Fp>
Fp require(Fp fn, const char* op, DType d) {
  TG_CHECK(fn != nullptr, Type, op, ": not implemented for dtype ", dtype_name(d));
  return fn;
}

// The optional trailing `out` argument of binary ops: an existing array to write into (in-place ops pass
// their own storage), checked against the result's dtype and length; otherwise fresh storage.
Napi::TypedArray output(const Napi::CallbackInfo& info, size_t index, DType dtype, int64_t numel, const char* name) {
  if (info.Length() > index && info[index].IsTypedArray()) {
    ArrayArg o = array_arg(info[index], name);
    TG_CHECK(o.dtype == dtype && o.numel == numel, Range, name, ": output has dtype ", dtype_name(o.dtype), " and ",
             o.numel, " elements, expected ", dtype_name(dtype), " and ", numel);
    return info[index].As<Napi::TypedArray>();
  }
  return new_storage(info.Env(), dtype, numel);
}

}  // namespace

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

// fill(array, value)
Napi::Value fill(const Napi::CallbackInfo& info, const KernelTable& kt) {
  ArrayArg a = array_arg(info[0], "fill");
  TG_CHECK(info[1].IsNumber() || info[1].IsBoolean(), Type, "fill: expected a number");
  double v = info[1].IsBoolean() ? (info[1].As<Napi::Boolean>().Value() ? 1 : 0) : info[1].As<Napi::Number>().DoubleValue();
  require(kt.fill[int(a.dtype)], "fill", a.dtype)(a.data, v, a.numel);
  return info[0];
}

// binary(op, a, b[, aShape, bShape, outShape[, out]]) -> typed array. Without shapes a and b have equal length.
Napi::Value binary(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "binary";
  BinaryOp op = op_arg<BinaryOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name), b = array_arg(info[2], name);
  TG_CHECK(a.dtype == b.dtype, Type, name, ": dtypes differ (", dtype_name(a.dtype), " and ", dtype_name(b.dtype), ")");
  BinaryFn fn = require(kt.binary[int(op)][int(a.dtype)], name, a.dtype);
  Strided g;
  if (info.Length() < 6 || info[3].IsUndefined() || info[3].IsNull()) {
    TG_CHECK(a.numel == b.numel, Range, name, ": lengths ", a.numel, " and ", b.numel, " differ");
    g.ndim = 1;
    g.shape[0] = a.numel;
    g.stride[0][0] = g.stride[1][0] = g.stride[2][0] = 1;
  } else {
    Shape as = shape_arg(info[3], name), bs = shape_arg(info[4], name), os = shape_arg(info[5], name);
    TG_CHECK(as.numel() == a.numel && bs.numel() == b.numel, Range, name, ": shape does not match storage length");
    g.ndim = os.ndim;
    for (int d = 0; d < os.ndim; ++d) g.shape[d] = os.dims[d];
    broadcast_strides(os, os, g.stride[0], name);
    broadcast_strides(as, os, g.stride[1], name);
    broadcast_strides(bs, os, g.stride[2], name);
    collapse(g, 3);
  }
  int64_t n = 1;
  for (int d = 0; d < g.ndim; ++d) n *= g.shape[d];
  Napi::TypedArray out = output(info, 6, is_compare(op) ? DType::Bool : a.dtype, n, name);
  fn(a.data, b.data, array_arg(out, name).data, g);
  return out;
}

// binaryScalar(op, a, scalar[, out]) -> typed array
Napi::Value binary_scalar(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "binaryScalar";
  BinaryOp op = op_arg<BinaryOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name);
  TG_CHECK(info[2].IsNumber(), Type, name, ": expected a number");
  BinaryScalarFn fn = require(kt.binary_scalar[int(op)][int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = output(info, 3, is_compare(op) ? DType::Bool : a.dtype, a.numel, name);
  fn(a.data, info[2].As<Napi::Number>().DoubleValue(), array_arg(out, name).data, a.numel);
  return out;
}

// unary(op, a) -> typed array
Napi::Value unary(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "unary";
  UnaryOp op = op_arg<UnaryOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name);
  UnaryFn fn = require(kt.unary[int(op)][int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = new_storage(info.Env(), a.dtype, a.numel);
  fn(a.data, array_arg(out, name).data, a.numel);
  return out;
}

// cast(a, dtype) -> typed array
Napi::Value cast(const Napi::CallbackInfo& info, const KernelTable& kt) {
  ArrayArg a = array_arg(info[0], "cast");
  DType to = dtype_arg(info[1], "cast");
  Napi::TypedArray out = new_storage(info.Env(), to, a.numel);
  require(kt.cast[int(a.dtype)][int(to)], "cast", a.dtype)(a.data, array_arg(out, "cast").data, a.numel);
  return out;
}

// gather(src, outShape, srcStrides, srcOffset) -> contiguous copy of the strided view of src.
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
  Napi::TypedArray out = new_storage(info.Env(), src.dtype, n);
  if (n > 0)
    require(kt.gather[int(src.dtype)], name, src.dtype)(static_cast<char*>(src.data) + offset * dtype_size(src.dtype),
                                                      array_arg(out, name).data, g);
  return out;
}

// reduceAll(op, a) -> one-element typed array of a's dtype
Napi::Value reduce_all(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "reduceAll";
  ReduceOp op = op_arg<ReduceOp>(info[0], name);
  ArrayArg a = array_arg(info[1], name);
  double v = require(kt.reduce_all[int(op)][int(a.dtype)], name, a.dtype)(a.data, a.numel);
  Napi::TypedArray out = new_storage(info.Env(), a.dtype, 1);
  kt.fill[int(a.dtype)](array_arg(out, name).data, v, 1);
  return out;
}

// reduceDims(op, a, shape, reducedFlags) -> typed array of the kept positions
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
  ReduceDimsFn fn = require(kt.reduce_dims[int(op)][int(a.dtype)], name, a.dtype);
  Napi::TypedArray out = new_storage(info.Env(), a.dtype, kept);
  if (kept > 0) fn(a.data, array_arg(out, name).data, g);
  return out;
}

// dot(a, b) -> one-element typed array
Napi::Value dot(const Napi::CallbackInfo& info, const KernelTable& kt) {
  ArrayArg a = array_arg(info[0], "dot"), b = array_arg(info[1], "dot");
  TG_CHECK(a.dtype == b.dtype && a.numel == b.numel, Range, "dot: operands differ in dtype or length");
  double v = require(kt.dot[int(a.dtype)], "dot", a.dtype)(a.data, b.data, a.numel);
  Napi::TypedArray out = new_storage(info.Env(), a.dtype, 1);
  kt.fill[int(a.dtype)](array_arg(out, "dot").data, v, 1);
  return out;
}

// gemm(transA, transB, batch, M, N, K, A, B, strideA, strideB) -> C of batch*M*N (batch strides in elements;
// 0 broadcasts an operand over the batch).
Napi::Value gemm(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "matmul";
  const bool ta = info[0].ToBoolean().Value(), tb = info[1].ToBoolean().Value();
  const int64_t batch = int_arg(info[2], name, "batch"), M = int_arg(info[3], name, "M"),
                N = int_arg(info[4], name, "N"), K = int_arg(info[5], name, "K");
  ArrayArg A = array_arg(info[6], name), B = array_arg(info[7], name);
  const int64_t sa = int_arg(info[8], name, "batch stride"), sb = int_arg(info[9], name, "batch stride");
  TG_CHECK(batch >= 0 && M >= 0 && N >= 0 && K >= 0, Range, name, ": negative size");
  TG_CHECK(A.dtype == B.dtype, Type, name, ": dtypes differ");
  TG_CHECK((batch == 0 || (sa * (batch - 1) + M * K <= A.numel && sb * (batch - 1) + K * N <= B.numel)) &&
               sa >= 0 && sb >= 0,
           Range, name, ": operands are smaller than their shapes");
  Napi::TypedArray out = new_storage(info.Env(), A.dtype, batch * M * N);
  void* C = array_arg(out, name).data;
  const int64_t lda = ta ? M : K, ldb = tb ? K : N;
  for (int64_t i = 0; i < batch; ++i) {
    if (A.dtype == DType::Float32) {
      kt.gemm_f32(ta, tb, M, N, K, 1.f, static_cast<float*>(A.data) + i * sa, lda, static_cast<float*>(B.data) + i * sb,
                  ldb, 0.f, static_cast<float*>(C) + i * M * N, N);
    } else if (A.dtype == DType::Float64) {
      kt.gemm_f64(ta, tb, M, N, K, 1.0, static_cast<double*>(A.data) + i * sa, lda,
                  static_cast<double*>(B.data) + i * sb, ldb, 0.0, static_cast<double*>(C) + i * M * N, N);
    } else {
      fail(ErrorKind::Type, name, ": not implemented for dtype ", dtype_name(A.dtype));
    }
  }
  return out;
}

}  // namespace ops
}  // namespace tg
