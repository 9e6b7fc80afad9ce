// DType codes shared with lib/dtype.ts (the numbers must match) and the dtype dispatch macro.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tg {

enum class DType : int32_t { Float32 = 0, Float64 = 1, Int32 = 2, Bool = 3 };

inline size_t dtype_size(DType d) {
  switch (d) {
    case DType::Float32: return 4;
    case DType::Float64: return 8;
    case DType::Int32: return 4;
    case DType::Bool: return 1;
  }
  return 0;
}

inline const char* dtype_name(DType d) {
  switch (d) {
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
    case DType::Int32: return "int32";
    case DType::Bool: return "bool";
  }
  return "?";
}

}  // namespace tg
