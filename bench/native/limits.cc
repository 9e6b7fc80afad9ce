// bench/native/limits.cc: measures this machine's limits for the benchmark.
//
// Prints one JSON object on stdout:
//   - STREAM-style copy (c = a) and triad (a = b + s*c) bandwidth, GB/s,
//     bytes counted the STREAM way (copy 2 arrays, triad 3 arrays; no
//     write-allocate traffic), with 1 thread and with T threads;
//   - read-only bandwidth (a sum reduction over one array), 1 and T threads;
//   - peak FMA throughput, float32 and float64, GFLOP/s (2 flops per lane per
//     FMA, many independent accumulator chains kept in registers), 1 and T.
//
// Built by bench/setup.sh with the system g++ and no -march flag: every hot
// kernel exists in an AVX-512, an AVX2+FMA and a baseline version (function
// level target attributes), and __builtin_cpu_supports picks one at run time.
//
// Usage: limits [--threads T] [--mib M] [--reps R] [--quick]
//        limits --read-only [--threads T] [--mib M]
// --read-only measures just the T-thread read bandwidth over one array (default 64 MiB, passes back to back
// for 100 ms, like one benchmark rep) and prints {"read_gbs": {"mean": .., "best": ..}}: the bench runs it
// beside each rep of the bandwidth rows, so those rows can also be set against what memory delivered at the
// same moment (see bench/README.md).

#include <immintrin.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <time.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double thread_cpu_s() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}
double now_s() {
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// ---------------------------------------------------------------- kernels --
// Each kernel works on the half-open element range [lo, hi) of float arrays.

// copy: c[i] = a[i]
__attribute__((target("avx512f"))) void copy_avx512(const float* a, float* c, size_t lo, size_t hi) {
  size_t i = lo;
  for (; i + 64 <= hi; i += 64) {
    __m512 x0 = _mm512_loadu_ps(a + i), x1 = _mm512_loadu_ps(a + i + 16);
    __m512 x2 = _mm512_loadu_ps(a + i + 32), x3 = _mm512_loadu_ps(a + i + 48);
    _mm512_storeu_ps(c + i, x0); _mm512_storeu_ps(c + i + 16, x1);
    _mm512_storeu_ps(c + i + 32, x2); _mm512_storeu_ps(c + i + 48, x3);
  }
  for (; i < hi; ++i) c[i] = a[i];
}
__attribute__((target("avx2,fma"))) void copy_avx2(const float* a, float* c, size_t lo, size_t hi) {
  size_t i = lo;
  for (; i + 32 <= hi; i += 32) {
    __m256 x0 = _mm256_loadu_ps(a + i), x1 = _mm256_loadu_ps(a + i + 8);
    __m256 x2 = _mm256_loadu_ps(a + i + 16), x3 = _mm256_loadu_ps(a + i + 24);
    _mm256_storeu_ps(c + i, x0); _mm256_storeu_ps(c + i + 8, x1);
    _mm256_storeu_ps(c + i + 16, x2); _mm256_storeu_ps(c + i + 24, x3);
  }
  for (; i < hi; ++i) c[i] = a[i];
}
void copy_base(const float* a, float* c, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi; ++i) c[i] = a[i];
}

// triad: a[i] = b[i] + s * c[i]
__attribute__((target("avx512f"))) void triad_avx512(float* a, const float* b, const float* c, float s, size_t lo, size_t hi) {
  const __m512 vs = _mm512_set1_ps(s);
  size_t i = lo;
  for (; i + 32 <= hi; i += 32) {
    __m512 r0 = _mm512_fmadd_ps(vs, _mm512_loadu_ps(c + i), _mm512_loadu_ps(b + i));
    __m512 r1 = _mm512_fmadd_ps(vs, _mm512_loadu_ps(c + i + 16), _mm512_loadu_ps(b + i + 16));
    _mm512_storeu_ps(a + i, r0); _mm512_storeu_ps(a + i + 16, r1);
  }
  for (; i < hi; ++i) a[i] = b[i] + s * c[i];
}
__attribute__((target("avx2,fma"))) void triad_avx2(float* a, const float* b, const float* c, float s, size_t lo, size_t hi) {
  const __m256 vs = _mm256_set1_ps(s);
  size_t i = lo;
  for (; i + 16 <= hi; i += 16) {
    __m256 r0 = _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i), _mm256_loadu_ps(b + i));
    __m256 r1 = _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i + 8), _mm256_loadu_ps(b + i + 8));
    _mm256_storeu_ps(a + i, r0); _mm256_storeu_ps(a + i + 8, r1);
  }
  for (; i < hi; ++i) a[i] = b[i] + s * c[i];
}
void triad_base(float* a, const float* b, const float* c, float s, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi; ++i) a[i] = b[i] + s * c[i];
}

// read: returns sum of a[lo..hi) (independent vector accumulators)
__attribute__((target("avx512f"))) double read_avx512(const float* a, size_t lo, size_t hi) {
  __m512 s0 = _mm512_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  size_t i = lo;
  for (; i + 64 <= hi; i += 64) {
    s0 = _mm512_add_ps(s0, _mm512_loadu_ps(a + i));
    s1 = _mm512_add_ps(s1, _mm512_loadu_ps(a + i + 16));
    s2 = _mm512_add_ps(s2, _mm512_loadu_ps(a + i + 32));
    s3 = _mm512_add_ps(s3, _mm512_loadu_ps(a + i + 48));
  }
  float t[16];
  _mm512_storeu_ps(t, _mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)));
  double r = 0;
  for (float v : t) r += v;
  for (; i < hi; ++i) r += a[i];
  return r;
}
__attribute__((target("avx2,fma"))) double read_avx2(const float* a, size_t lo, size_t hi) {
  __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  size_t i = lo;
  for (; i + 32 <= hi; i += 32) {
    s0 = _mm256_add_ps(s0, _mm256_loadu_ps(a + i));
    s1 = _mm256_add_ps(s1, _mm256_loadu_ps(a + i + 8));
    s2 = _mm256_add_ps(s2, _mm256_loadu_ps(a + i + 16));
    s3 = _mm256_add_ps(s3, _mm256_loadu_ps(a + i + 24));
  }
  float t[8];
  _mm256_storeu_ps(t, _mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
  double r = 0;
  for (float v : t) r += v;
  for (; i < hi; ++i) r += a[i];
  return r;
}
double read_base(const float* a, size_t lo, size_t hi) {
  float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t i = lo;
  for (; i + 8 <= hi; i += 8)
    for (int k = 0; k < 8; ++k) s[k] += a[i + k];
  double r = 0;
  for (float v : s) r += v;
  for (; i < hi; ++i) r += a[i];
  return r;
}

// FMA peak: `iters` rounds of 16 independent register chains acc = acc*m + c.
// Returns a value derived from the accumulators so nothing is optimized away.
#define FMA16(FMA, A)                                                         \
  A[0] = FMA(A[0], m, c); A[1] = FMA(A[1], m, c); A[2] = FMA(A[2], m, c);     \
  A[3] = FMA(A[3], m, c); A[4] = FMA(A[4], m, c); A[5] = FMA(A[5], m, c);     \
  A[6] = FMA(A[6], m, c); A[7] = FMA(A[7], m, c); A[8] = FMA(A[8], m, c);     \
  A[9] = FMA(A[9], m, c); A[10] = FMA(A[10], m, c); A[11] = FMA(A[11], m, c); \
  A[12] = FMA(A[12], m, c); A[13] = FMA(A[13], m, c);                         \
  A[14] = FMA(A[14], m, c); A[15] = FMA(A[15], m, c);

__attribute__((target("avx512f"))) double fma32_avx512(long iters, float seed) {
  __m512 acc[16];
  for (int k = 0; k < 16; ++k) acc[k] = _mm512_set1_ps(seed + 0.001f * k);
  const __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-6f);
  for (long i = 0; i < iters; ++i) { FMA16(_mm512_fmadd_ps, acc) }
  __m512 s = acc[0];
  for (int k = 1; k < 16; ++k) s = _mm512_add_ps(s, acc[k]);
  float t[16];
  _mm512_storeu_ps(t, s);
  double r = 0;
  for (float v : t) r += v;
  return r;
}
__attribute__((target("avx2,fma"))) double fma32_avx2(long iters, float seed) {
  __m256 acc[16];
  for (int k = 0; k < 16; ++k) acc[k] = _mm256_set1_ps(seed + 0.001f * k);
  const __m256 m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-6f);
  for (long i = 0; i < iters; ++i) { FMA16(_mm256_fmadd_ps, acc) }
  __m256 s = acc[0];
  for (int k = 1; k < 16; ++k) s = _mm256_add_ps(s, acc[k]);
  float t[8];
  _mm256_storeu_ps(t, s);
  double r = 0;
  for (float v : t) r += v;
  return r;
}
__attribute__((target("avx512f"))) double fma64_avx512(long iters, float seed) {
  __m512d acc[16];
  for (int k = 0; k < 16; ++k) acc[k] = _mm512_set1_pd(seed + 0.001 * k);
  const __m512d m = _mm512_set1_pd(0.999999), c = _mm512_set1_pd(1e-6);
  for (long i = 0; i < iters; ++i) { FMA16(_mm512_fmadd_pd, acc) }
  __m512d s = acc[0];
  for (int k = 1; k < 16; ++k) s = _mm512_add_pd(s, acc[k]);
  double t[8];
  _mm512_storeu_pd(t, s);
  double r = 0;
  for (double v : t) r += v;
  return r;
}
__attribute__((target("avx2,fma"))) double fma64_avx2(long iters, float seed) {
  __m256d acc[16];
  for (int k = 0; k < 16; ++k) acc[k] = _mm256_set1_pd(seed + 0.001 * k);
  const __m256d m = _mm256_set1_pd(0.999999), c = _mm256_set1_pd(1e-6);
  for (long i = 0; i < iters; ++i) { FMA16(_mm256_fmadd_pd, acc) }
  __m256d s = acc[0];
  for (int k = 1; k < 16; ++k) s = _mm256_add_pd(s, acc[k]);
  double t[4];
  _mm256_storeu_pd(t, s);
  return t[0] + t[1] + t[2] + t[3];
}
// Baseline (SSE2 on x86-64): 4 float lanes / 2 double lanes, mul + add.
double fma32_base(long iters, float seed) {
  __m128 acc[16];
  for (int k = 0; k < 16; ++k) acc[k] = _mm_set1_ps(seed + 0.001f * k);
  const __m128 m = _mm_set1_ps(0.999999f), c = _mm_set1_ps(1e-6f);
#define MULADD_PS(a, m, c) _mm_add_ps(_mm_mul_ps(a, m), c)
  for (long i = 0; i < iters; ++i) { FMA16(MULADD_PS, acc) }
  __m128 s = acc[0];
  for (int k = 1; k < 16; ++k) s = _mm_add_ps(s, acc[k]);
  float t[4];
  _mm_storeu_ps(t, s);
  return t[0] + t[1] + t[2] + t[3];
}
double fma64_base(long iters, float seed) {
  __m128d acc[16];
  for (int k = 0; k < 16; ++k) acc[k] = _mm_set1_pd(seed + 0.001 * k);
  const __m128d m = _mm_set1_pd(0.999999), c = _mm_set1_pd(1e-6);
#define MULADD_PD(a, m, c) _mm_add_pd(_mm_mul_pd(a, m), c)
  for (long i = 0; i < iters; ++i) { FMA16(MULADD_PD, acc) }
  __m128d s = acc[0];
  for (int k = 1; k < 16; ++k) s = _mm_add_pd(s, acc[k]);
  double t[2];
  _mm_storeu_pd(t, s);
  return t[0] + t[1];
}

// ------------------------------------------------------------- dispatch --
enum class Isa { avx512, avx2, base };

Isa detect() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return Isa::avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::avx2;
  return Isa::base;
}
const char* isa_name(Isa isa) {
  return isa == Isa::avx512 ? "avx512f" : isa == Isa::avx2 ? "avx2+fma" : "sse2";
}
int lanes32(Isa isa) { return isa == Isa::avx512 ? 16 : isa == Isa::avx2 ? 8 : 4; }
// flops per FMA16 round per lane: 16 chains x 2 flops (fma) -- the baseline
// does a mul and an add, also 2 flops.

// Runs fn(tid, lo, hi) over [0, n) on `threads` threads, the calling thread being thread 0, all starting
// together; returns the wall time from the common start to the last finish. The caller works rather than
// spinning beside `threads` workers, so T threads never share T cores with a third.
double run_parallel(int threads, size_t n, const std::function<void(int, size_t, size_t)>& fn) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<double> t_end(threads, 0.0);
  size_t chunk = (n + threads - 1) / threads;
  chunk = (chunk + 63) & ~size_t(63);  // keep chunks cache-line aligned
  auto part = [&](int t) {
    const size_t lo = std::min(n, chunk * t), hi = std::min(n, lo + chunk);
    fn(t, lo, hi);
    t_end[t] = now_s();
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (int t = 1; t < threads; ++t) {
    pool.emplace_back([&, t] {
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) {}
      part(t);
    });
  }
  while (ready.load() < threads - 1) {}
  const double t_start = now_s();
  go.store(true, std::memory_order_release);
  part(0);
  for (auto& th : pool) th.join();
  return *std::max_element(t_end.begin(), t_end.end()) - t_start;
}

struct Arrays {
  float *a = nullptr, *b = nullptr, *c = nullptr;
  size_t n = 0;
};

// 2 MiB-aligned and advised onto transparent huge pages, as tensorgrad's own large blocks are (Note [Huge
// pages] in native/binding/storage.cc): without it, page walks would lower the limit it is measured against.
float* alloc(size_t n) {
  void* p = nullptr;
  if (posix_memalign(&p, 2 * 1024 * 1024, n * sizeof(float)) != 0) {
    std::fprintf(stderr, "limits: out of memory\n");
    std::exit(1);
  }
#ifdef MADV_HUGEPAGE
  madvise(p, n * sizeof(float) & ~size_t((2 << 20) - 1), MADV_HUGEPAGE);
#endif
  return static_cast<float*>(p);
}

std::string cpu_model() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("model name", 0) == 0) {
      auto p = line.find(':');
      if (p != std::string::npos) {
        std::string s = line.substr(p + 1);
        s.erase(0, s.find_first_not_of(" \t"));
        std::string out;
        for (char ch : s) if (ch != '"' && ch != '\\') out += ch;
        return out;
      }
    }
  }
  return "unknown";
}

struct Bw { double copy, triad, read; };

Bw measure_bw(Isa isa, Arrays& ar, int threads, int reps) {
  Bw best{0, 0, 0};
  const size_t n = ar.n;
  std::vector<double> partial(threads * 8, 0.0);  // padded against false sharing
  for (int r = 0; r < reps; ++r) {
    double t = run_parallel(threads, n, [&](int, size_t lo, size_t hi) {
      if (isa == Isa::avx512) copy_avx512(ar.a, ar.c, lo, hi);
      else if (isa == Isa::avx2) copy_avx2(ar.a, ar.c, lo, hi);
      else copy_base(ar.a, ar.c, lo, hi);
    });
    best.copy = std::max(best.copy, 2.0 * n * sizeof(float) / t / 1e9);
    t = run_parallel(threads, n, [&](int, size_t lo, size_t hi) {
      if (isa == Isa::avx512) triad_avx512(ar.a, ar.b, ar.c, 3.0f, lo, hi);
      else if (isa == Isa::avx2) triad_avx2(ar.a, ar.b, ar.c, 3.0f, lo, hi);
      else triad_base(ar.a, ar.b, ar.c, 3.0f, lo, hi);
    });
    best.triad = std::max(best.triad, 3.0 * n * sizeof(float) / t / 1e9);
    t = run_parallel(threads, n, [&](int tid, size_t lo, size_t hi) {
      double s;
      if (isa == Isa::avx512) s = read_avx512(ar.b, lo, hi);
      else if (isa == Isa::avx2) s = read_avx2(ar.b, lo, hi);
      else s = read_base(ar.b, lo, hi);
      partial[tid * 8] += s;
    });
    best.read = std::max(best.read, 1.0 * n * sizeof(float) / t / 1e9);
  }
  double sink = 0;
  for (double v : partial) sink += v;
  if (sink == 1.2345) std::fprintf(stderr, "#");  // keep the reduction alive
  return best;
}

double measure_fma(Isa isa, bool f64, int threads, double seconds_target, int reps) {
  // Calibrate an iteration count so one run takes about seconds_target.
  auto kernel = [&](long iters, float seed) -> double {
    if (f64) {
      if (isa == Isa::avx512) return fma64_avx512(iters, seed);
      if (isa == Isa::avx2) return fma64_avx2(iters, seed);
      return fma64_base(iters, seed);
    }
    if (isa == Isa::avx512) return fma32_avx512(iters, seed);
    if (isa == Isa::avx2) return fma32_avx2(iters, seed);
    return fma32_base(iters, seed);
  };
  long iters = 1 << 16;
  double sink = 0;
  for (;;) {
    double t0 = now_s();
    sink += kernel(iters, 1.0f);
    double dt = now_s() - t0;
    if (dt > seconds_target / 4 || iters > (1L << 40)) {
      iters = static_cast<long>(iters * (seconds_target / std::max(dt, 1e-6)));
      break;
    }
    iters *= 4;
  }
  const double lanes = f64 ? lanes32(isa) / 2 : lanes32(isa);
  const double flops_per_thread = static_cast<double>(iters) * 16 * 2 * lanes;
  double best = 0;
  std::vector<double> out(threads * 8, 0.0);
  for (int r = 0; r < reps; ++r) {
    // Each thread's rate over its own CPU time, summed: the FMA peak is what the cores do while they run the
    // loop. Over wall time a loaded machine (other jobs taking the cores between FMA rounds) halved it: 93.8
    // GFLOP/s f32 on one thread against 195 by CPU time, where our GEMM alone ran 157 (docs/performance.md, "gemm").
    std::vector<double> rate(threads * 8, 0.0);
    run_parallel(threads, threads, [&](int tid, size_t, size_t) {
      const double c0 = thread_cpu_s();
      out[tid * 8] += kernel(iters, 1.0f + tid);
      rate[tid * 8] = flops_per_thread / std::max(thread_cpu_s() - c0, 1e-9);
    });
    double sum = 0;
    for (int k = 0; k < threads; ++k) sum += rate[k * 8];
    best = std::max(best, sum / 1e9);
  }
  for (double v : out) sink += v;
  if (sink == 1.2345) std::fprintf(stderr, "#");
  return best;
}

// The read pass of measure_bw alone, repeated back to back for at least `ms` milliseconds, timed like a
// benchmark rep: bytes read over the whole time (GB/s), and the best single pass.
int read_only_probe(Isa isa, int threads, size_t mib, double ms) {
  Arrays ar;
  ar.n = mib * 1024 * 1024 / sizeof(float);
  ar.b = alloc(ar.n);
  run_parallel(threads, ar.n, [&](int, size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) ar.b[i] = 2.0f;
  });
  std::vector<double> partial(threads * 8, 0.0);
  double total = 0, best = 0;
  int passes = 0;
  while (total < ms / 1000 || passes < 3) {
    const double t = run_parallel(threads, ar.n, [&](int tid, size_t lo, size_t hi) {
      if (isa == Isa::avx512) partial[tid * 8] += read_avx512(ar.b, lo, hi);
      else if (isa == Isa::avx2) partial[tid * 8] += read_avx2(ar.b, lo, hi);
      else partial[tid * 8] += read_base(ar.b, lo, hi);
    });
    total += t;
    ++passes;
    best = std::max(best, 1.0 * ar.n * sizeof(float) / t / 1e9);
  }
  double sink = 0;
  for (double v : partial) sink += v;
  if (sink == 1.2345) std::fprintf(stderr, "#");
  std::printf("{\"threads\":%d,\"array_mib\":%zu,\"passes\":%d,\"read_gbs\":{\"mean\":%.2f,\"best\":%.2f}}\n", threads,
              mib, passes, 1.0 * passes * ar.n * sizeof(float) / total / 1e9, best);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  size_t mib = 128;
  int reps = 5;
  double fma_seconds = 0.25;
  bool read_only = false, mib_set = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--threads" && i + 1 < argc) threads = std::max(1, std::atoi(argv[++i]));
    else if (a == "--mib" && i + 1 < argc) { mib = std::max(1, std::atoi(argv[++i])); mib_set = true; }
    else if (a == "--reps" && i + 1 < argc) reps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--quick") { reps = 3; fma_seconds = 0.08; }
    else if (a == "--read-only") read_only = true;
    else {
      std::fprintf(stderr, "usage: limits [--threads T] [--mib M] [--reps R] [--quick] | --read-only\n");
      return 2;
    }
  }
  const Isa isa = detect();
  const double t0 = now_s();
  if (read_only) return read_only_probe(isa, threads, mib_set ? mib : 64, 100.0);

  Arrays ar;
  ar.n = mib * 1024 * 1024 / sizeof(float);
  ar.a = alloc(ar.n);
  ar.b = alloc(ar.n);
  ar.c = alloc(ar.n);
  // First touch in parallel with all threads, so pages spread like the runs.
  run_parallel(threads, ar.n, [&](int, size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) { ar.a[i] = 1.0f; ar.b[i] = 2.0f; ar.c[i] = 0.5f; }
  });

  Bw bw1 = measure_bw(isa, ar, 1, reps);
  Bw bwT = threads > 1 ? measure_bw(isa, ar, threads, reps) : bw1;
  double f32_1 = measure_fma(isa, false, 1, fma_seconds, reps);
  double f32_T = threads > 1 ? measure_fma(isa, false, threads, fma_seconds, reps) : f32_1;
  double f64_1 = measure_fma(isa, true, 1, fma_seconds, reps);
  double f64_T = threads > 1 ? measure_fma(isa, true, threads, fma_seconds, reps) : f64_1;

  std::printf(
      "{\"cpu\":\"%s\",\"isa\":\"%s\",\"hardware_threads\":%u,\"threads\":%d,"
      "\"array_mib\":%zu,\"arrays\":3,\"reps\":%d,\"stat\":\"best of reps\","
      "\"copy_gbs\":{\"1\":%.2f,\"T\":%.2f},"
      "\"triad_gbs\":{\"1\":%.2f,\"T\":%.2f},"
      "\"read_gbs\":{\"1\":%.2f,\"T\":%.2f},"
      "\"fma_f32_gflops\":{\"1\":%.1f,\"T\":%.1f},"
      "\"fma_f64_gflops\":{\"1\":%.1f,\"T\":%.1f},"
      "\"seconds\":%.2f}\n",
      cpu_model().c_str(), isa_name(isa), std::thread::hardware_concurrency(), threads, mib, reps,
      bw1.copy, bwT.copy, bw1.triad, bwT.triad, bw1.read, bwT.read, f32_1, f32_T, f64_1, f64_T,
      now_s() - t0);
  std::free(ar.a);
  std::free(ar.b);
  std::free(ar.c);
  return 0;
}
