// DType codes shared with lib/dtype.ts (the numbers must match): int64 (PyTorch's long) came after bool, then the
// small dtypes. Note [Small dtypes]: uint8, int8, int16, float16 and bfloat16 are storage dtypes here: the native
// side only allocates, fills, gathers and copies them (by element size); lib/small_dtypes.ts converts them and
// computes their ops in a wider dtype. A Uint8Array reads as Bool and a Uint16Array as Float16 (same sizes).
#pragma once
#include <cstddef>
#include <cstdint>

namespace tg {

enum class DType : int32_t { Float32 = 0, Float64 = 1, Int32 = 2, Bool = 3, Int64 = 4, UInt8 = 5, Int8 = 6, Int16 = 7, Float16 = 8, BFloat16 = 9 };

inline size_t dtype_size(DType d) {
  switch (d) {
    case DType::Float32: return 4;
    case DType::Float64: return 8;
    case DType::Int32: return 4;
    case DType::Bool: return 1;
    case DType::Int64: return 8;
    case DType::UInt8: return 1;
    case DType::Int8: return 1;
    case DType::Int16: return 2;
    case DType::Float16: return 2;
    case DType::BFloat16: return 2;
  }
  return 0;
}

inline const char* dtype_name(DType d) {
  switch (d) {
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
    case DType::Int32: return "int32";
    case DType::Bool: return "bool";
    case DType::Int64: return "int64";
    case DType::UInt8: return "uint8";
    case DType::Int8: return "int8";
    case DType::Int16: return "int16";
    case DType::Float16: return "float16";
    case DType::BFloat16: return "bfloat16";
  }
  return "?";
}

}  // namespace tg
