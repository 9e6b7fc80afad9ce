// Vec<T> front door: picks the ISA specialization from the per-ISA build macros (see Note [Vec contract]).
#pragma once

#ifndef TG_CPU_NS
#error "vec.h: the build must define TG_CPU_NS (cpu_default, cpu_avx2, cpu_avx512 or cpu_neon)"
#endif

#if (defined(TG_CPU_DEFAULT) + defined(TG_CPU_AVX2) + defined(TG_CPU_AVX512) + defined(TG_CPU_NEON)) != 1
#error "vec.h: define exactly one of TG_CPU_DEFAULT, TG_CPU_AVX2, TG_CPU_AVX512, TG_CPU_NEON"
#endif

#if defined(TG_CPU_AVX512)
#include "vec_avx512.h"
#elif defined(TG_CPU_AVX2)
#include "vec_avx2.h"
#elif defined(TG_CPU_NEON)
#include "vec_neon.h"
#elif defined(__SSE2__) && !defined(TG_VEC_FORCE_GENERIC)
// The default capability on x86-64. TG_VEC_FORCE_GENERIC (native/tests/vec_sse2_test.cc only) keeps the
// plain-array Vec, to check that the two compute the same bits.
#include "vec_sse2.h"
#else
#include "vec_generic.h"
#endif
