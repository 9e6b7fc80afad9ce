// DType codes shared with lib/dtype.ts (the numbers must match): int64 (PyTorch's long) came after bool.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tg {

enum class DType : int32_t { Float32 = 0, Float64 = 1, Int32 = 2, Bool = 3, Int64 = 4 };

inline size_t dtype_size(DType d) {
  switch (d) {
    case DType::Float32: return 4;
    case DType::Float64: return 8;
    case DType::Int32: return 4;
    case DType::Bool: return 1;
    case DType::Int64: return 8;
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
  }
  return "?";
}

}  // namespace tg
