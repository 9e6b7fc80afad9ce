// Unpacking JS arguments (typed arrays, shapes, dtypes, op codes) with checks that throw tg::Error.
#pragma once
#include <napi.h>

#include "core/dtype.h"
#include "core/error.h"
#include "core/shape.h"

namespace tg {

struct ArrayArg {
  void* data;
  int64_t numel;
  DType dtype;
};

inline ArrayArg array_arg(const Napi::Value& v, const char* op) {
  TG_CHECK(v.IsTypedArray(), Type, op, ": expected tensor storage (a typed array)");
  Napi::TypedArray t = v.As<Napi::TypedArray>();
  DType d;
  switch (t.TypedArrayType()) {
    case napi_float32_array: d = DType::Float32; break;
    case napi_float64_array: d = DType::Float64; break;
    case napi_int32_array: d = DType::Int32; break;
    case napi_uint8_array: d = DType::Bool; break;
    default: fail(ErrorKind::Type, op, ": unsupported typed array type");
  }
  Napi::ArrayBuffer buffer = t.ArrayBuffer();
  TG_CHECK(!buffer.IsDetached(), Type, op, ": tensor storage was disposed");
  return ArrayArg{static_cast<char*>(buffer.Data()) + t.ByteOffset(), static_cast<int64_t>(t.ElementLength()), d};
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
