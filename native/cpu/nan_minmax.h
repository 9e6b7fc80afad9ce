// max/min that propagate NaN (PyTorch's maximum/minimum and its max/min reductions): the scalar forms shared
// by binary_kernels.cc and reduce_kernels.cc, in the ISA's namespace like every kernel-side definition.
#pragma once

#ifndef TG_CPU_NS
#error "nan_minmax.h: the build must define TG_CPU_NS (cpu_default, cpu_avx2, cpu_avx512 or cpu_neon)"
#endif

namespace tg {
namespace TG_CPU_NS {

/** a if a is NaN, else b if b is NaN, else the larger (b on ties). */
template <typename T> inline T nan_max(T a, T b) { return (a != a || a > b) ? a : b; }
/** a if a is NaN, else b if b is NaN, else the smaller (b on ties). */
template <typename T> inline T nan_min(T a, T b) { return (a != a || a < b) ? a : b; }

}  // namespace TG_CPU_NS
}  // namespace tg
