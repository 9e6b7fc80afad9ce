// Unpacking JS arguments (typed arrays, shapes, dtypes, op codes) with checks that throw tg::Error.
#pragma once
#include <napi.h>

#include "core/dtype.h"
#include "core/error.h"
#include "core/shape.h"
#include "binding/storage.h"

namespace tg {

struct ArrayArg {
  void* data;
  int64_t numel;
  DType dtype;
};

// One napi_get_typedarray_info call gives type, length and the (offset-applied) data pointer: this runs on
// every kernel call, so it avoids node-addon-api's several calls per property.
inline ArrayArg array_arg(const Napi::Value& v, const char* op) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  napi_status status = napi_get_typedarray_info(v.Env(), v, &type, &length, &data, nullptr, nullptr);
  TG_CHECK(status == napi_ok, Type, op, ": expected tensor storage (a typed array)");
  DType d;
  switch (type) {
    case napi_float32_array: d = DType::Float32; break;
    case napi_float64_array: d = DType::Float64; break;
    case napi_int32_array: d = DType::Int32; break;
    case napi_uint8_array: d = DType::Bool; break;
    case napi_bigint64_array: d = DType::Int64; break;
    case napi_int8_array: d = DType::Int8; break;  // Note [Small dtypes]: uint8 reads as Bool, bfloat16 as Float16
    case napi_int16_array: d = DType::Int16; break;
    case napi_uint16_array: d = DType::Float16; break;
    default: fail(ErrorKind::Type, op, ": unsupported typed array type");
  }
  // A detached (disposed) buffer reads as length 0 with no data.
  TG_CHECK(data != nullptr || length == 0, Type, op, ": tensor storage was disposed");
  return ArrayArg{data, static_cast<int64_t>(length), d};
}

// The kernel-table entry of an op for a dtype; a missing entry is a TypeError naming both.
template <typename Fp>
Fp require_kernel(Fp fn, const char* op, DType d) {
  TG_CHECK(fn != nullptr, Type, op, ": not implemented for dtype ", dtype_name(d));
  return fn;
}

// A typed array of `numel` elements of `dtype` (an output, a workspace or a saved value the caller made), or
// nullptr when `nullable` and the argument is null or undefined.
inline void* sized_arg(const Napi::Value& v, DType dtype, int64_t numel, bool nullable, const char* op,
                       const char* what) {
  if (nullable && (v.IsNull() || v.IsUndefined())) return nullptr;
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.dtype == dtype && a.numel == numel, Range, op, ": ", what, " has ", a.numel, " elements of ",
           dtype_name(a.dtype), ", expected ", numel, " of ", dtype_name(dtype));
  return a.data;
}

// The optional trailing `out` argument at info[index]: an existing array to write into (in-place ops pass their
// own storage), checked against the result's dtype and length; otherwise fresh storage.
inline Napi::TypedArray output_arg(const Napi::CallbackInfo& info, size_t index, DType dtype, int64_t numel,
                                   const char* name) {
  if (info.Length() > index && info[index].IsTypedArray()) {
    ArrayArg o = array_arg(info[index], name);
    TG_CHECK(o.dtype == dtype && o.numel == numel, Range, name, ": output has dtype ", dtype_name(o.dtype), " and ",
             o.numel, " elements, expected ", dtype_name(dtype), " and ", numel);
    return info[index].As<Napi::TypedArray>();
  }
  return new_storage(info.Env(), dtype, numel);
}

inline int64_t int_arg(const Napi::Value& v, const char* op, const char* what) {
  TG_CHECK(v.IsNumber(), Type, op, ": expected a number for ", what);
  double x = v.As<Napi::Number>().DoubleValue();
  TG_CHECK(x == static_cast<double>(static_cast<int64_t>(x)), Type, op, ": expected an integer for ", what);
  return static_cast<int64_t>(x);
}

inline Shape shape_arg(const Napi::Value& v, const char* op) {
  TG_CHECK(v.IsArray(), Type, op, ": expected a shape array");
  Napi::Array a = v.As<Napi::Array>();
  Shape s;
  const uint32_t n = a.Length();
  TG_CHECK(n <= static_cast<uint32_t>(kMaxDims), Range, op, ": at most ", kMaxDims, " dims are supported, got ", n);
  s.ndim = static_cast<int>(n);
  for (uint32_t i = 0; i < n; ++i) {
    int64_t d = int_arg(a.Get(i), op, "a dimension");
    TG_CHECK(d >= 0, Range, op, ": negative dimension ", d);
    s.dims[i] = d;
  }
  return s;
}

inline DType dtype_arg(const Napi::Value& v, const char* op) {
  int64_t code = int_arg(v, op, "a dtype code");
  TG_CHECK(code >= 0 && code < kNumDTypes, Range, op, ": bad dtype code ", code);
  return static_cast<DType>(code);
}

template <typename E>
inline E op_arg(const Napi::Value& v, const char* op) {
  int64_t code = int_arg(v, op, "an op code");
  TG_CHECK(code >= 0 && code < static_cast<int64_t>(E::count), Range, op, ": bad op code ", code);
  return static_cast<E>(code);
}

}  // namespace tg
