// THE CPU dispatch point: detects CPU/OS features once and hands out the kernel table for the chosen ISA.
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "cpu/kernel_table.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#define TG_X86 1
#endif

// Note [One kernel set]: the install build compiles every ISA's kernels. A development build may compile the
// default set plus one other (cmake -DTG_KERNEL_SET=avx512 defines TG_ONLY_KERNELS_AVX512): the sanitizer build
// does, since compiling three instrumented copies of the same kernels was half of CI's time. The default set is
// always there, so every CPU runs the binary and setCapability('default') works; a capability whose kernels
// are not in the binary counts as unsupported, so requesting it is the ordinary "not supported" error.
#if defined(TG_ONLY_KERNELS_AVX2)
#define TG_HAS_KERNELS_AVX2 1
#elif defined(TG_ONLY_KERNELS_AVX512)
#define TG_HAS_KERNELS_AVX512 1
#elif !defined(TG_ONLY_KERNELS_DEFAULT)
#define TG_HAS_KERNELS_AVX2 1
#define TG_HAS_KERNELS_AVX512 1
#endif

namespace tg {
namespace {

enum Capability { kDefault = 0, kAvx2 = 1, kAvx512 = 2, kNeon = 3, kNumCapabilities = 4 };
const char* const kNames[kNumCapabilities] = {"default", "avx2", "avx512", "neon"};

#ifdef TG_X86
unsigned long long xgetbv0() {
  unsigned int eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<unsigned long long>(edx) << 32) | eax;
}
#endif

// The CPU must report the instructions (CPUID) and the OS must save their registers on context switch
// (XGETBV): AVX needs XMM|YMM state, AVX-512 also opmask and ZMM state.
bool cpu_has(Capability c) {
  switch (c) {
    case kDefault: return true;
#ifdef TG_X86
    case kAvx2:
    case kAvx512: {
      unsigned a, b, cx, d;
      if (!__get_cpuid(1, &a, &b, &cx, &d)) return false;
      const bool osxsave = cx & (1u << 27), fma = cx & (1u << 12), f16c = cx & (1u << 29);
      if (!osxsave || !fma || !f16c) return false;
      const unsigned long long xcr0 = xgetbv0();
      if ((xcr0 & 0x6) != 0x6) return false;
      if (__get_cpuid_max(0, nullptr) < 7) return false;
      __cpuid_count(7, 0, a, b, cx, d);
      const bool avx2 = b & (1u << 5);
      if (c == kAvx2) return avx2;
      const bool f = b & (1u << 16), dq = b & (1u << 17), bw = b & (1u << 30), vl = b & (1u << 31);
      return avx2 && f && dq && bw && vl && (xcr0 & 0xE6) == 0xE6;
    }
#endif
#if defined(__aarch64__)
    case kNeon: return true;
#endif
    default: return false;
  }
}

bool kernels_built(Capability c) {
#ifdef TG_X86
  switch (c) {
    case kDefault: return true;
#ifdef TG_HAS_KERNELS_AVX2
    case kAvx2: return true;
#endif
#ifdef TG_HAS_KERNELS_AVX512
    case kAvx512: return true;
#endif
    default: return false;
  }
#else
  return true;
#endif
}

// Supported: the CPU and OS run the ISA, and this binary holds its kernels (Note [One kernel set]).
bool cpu_supports(Capability c) { return cpu_has(c) && kernels_built(c); }

// Note [Kernel tables]: each table is filled once, by calling register functions compiled for its ISA, and
// only after the CPU check passed (those functions may themselves contain ISA instructions). After that the
// tables are read-only, so every Node environment can share them.
struct Tables {
  KernelTable table[kNumCapabilities];
  std::once_flag once[kNumCapabilities];
};

Tables& tables() {
  static Tables* t = new Tables();
  return *t;
}

// Every kernel family of one ISA namespace, registered into one table.
#define TG_REGISTER_ALL(ns, t)          \
  do {                                  \
    ns::register_unary_kernels(t);      \
    ns::register_binary_kernels(t);     \
    ns::register_reduce_kernels(t);     \
    ns::register_softmax_kernels(t);    \
    ns::register_copy_kernels(t);       \
    ns::register_blas_kernels(t);       \
    ns::register_optim_kernels(t);      \
    ns::register_index_kernels(t);      \
    ns::register_conv_kernels(t);       \
    ns::register_pool_kernels(t);       \
    ns::register_norm_kernels(t);       \
    ns::register_rnn_kernels(t);        \
    ns::register_linalg_kernels(t);     \
    ns::register_scan_kernels(t);       \
    ns::register_attention_kernels(t);  \
  } while (0)

const KernelTable* table_for(Capability c) {
  Tables& ts = tables();
  std::call_once(ts.once[c], [&] {
    KernelTable& t = ts.table[c];
    std::memset(&t, 0, sizeof t);
    t.name = kNames[c];
    switch (c) {
#ifdef TG_X86
      case kDefault:
        TG_REGISTER_ALL(cpu_default, t);
        break;
#ifdef TG_HAS_KERNELS_AVX2
      case kAvx2:
        TG_REGISTER_ALL(cpu_avx2, t);
        break;
#endif
#ifdef TG_HAS_KERNELS_AVX512
      case kAvx512:
        TG_REGISTER_ALL(cpu_avx512, t);
        break;
#endif
#else
      case kDefault:
      case kNeon:
        TG_REGISTER_ALL(cpu_neon, t);
        break;
#endif
      default: break;
    }
  });
  return &ts.table[c];
}

Capability best_supported() {
  for (int c = kNumCapabilities - 1; c >= 0; --c)
    if (cpu_supports(static_cast<Capability>(c))) return static_cast<Capability>(c);
  return kDefault;
}

}  // namespace

int supported_capabilities(const char** names, int max) {
  int n = 0;
  for (int c = 0; c < kNumCapabilities && n < max; ++c)
    if (cpu_supports(static_cast<Capability>(c))) names[n++] = kNames[c];
  return n;
}

const KernelTable* select_kernel_table(const char* requested, const char** error) {
  *error = nullptr;
  if (requested == nullptr || *requested == '\0') return table_for(best_supported());
  for (int c = 0; c < kNumCapabilities; ++c) {
    if (std::strcmp(requested, kNames[c]) != 0) continue;
    if (!cpu_supports(static_cast<Capability>(c))) {
      *error = "the requested CPU capability is not supported by this CPU/OS";
      return nullptr;
    }
    return table_for(static_cast<Capability>(c));
  }
  *error = "unknown CPU capability (expected default, avx2, avx512 or neon)";
  return nullptr;
}

}  // namespace tg
