// Standalone correctness test + benchmark for native/cpu/gemm_kernels.cc, built once per ISA by
// run_gemm_test.sh (TG_CPU_NS names the namespace under test). Usage: gemm_test [--no-bench] [--bench-only]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/parallel.h"
#include "cpu/gemm.h"

#ifndef TG_CPU_NS
#error "build with -DTG_CPU_NS=cpu_<isa>"
#endif
#define TG_STR2(x) #x
#define TG_STR(x) TG_STR2(x)

namespace {

using tg::TG_CPU_NS::gemm_f32;
using tg::TG_CPU_NS::gemm_f64;

void gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, float alpha, const float* A, int64_t lda,
          const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
  gemm_f32(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}
void gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, double alpha, const double* A, int64_t lda,
          const double* B, int64_t ldb, double beta, double* C, int64_t ldc) {
  gemm_f64(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

std::mt19937_64 rng(12345);
int failures = 0;
int checks = 0;

template <typename T>
void fill_random(std::vector<T>& v) {
  std::uniform_real_distribution<double> d(-1.0, 1.0);
  for (auto& x : v) x = static_cast<T>(d(rng));
}

// One case: random op(A), op(B), C (with padding lanes and, for beta == 0, NaN garbage); compares with a
// double-precision reference, checks padding is untouched, and (optionally) that 1 and 2 threads agree bitwise.
template <typename T>
void check(bool ta, bool tb, int64_t M, int64_t N, int64_t K, T alpha, T beta, int64_t pad_a, int64_t pad_b,
           int64_t pad_c, bool thread_check = true) {
  ++checks;
  const int64_t arows = ta ? K : M, acols = ta ? M : K;
  const int64_t brows = tb ? N : K, bcols = tb ? K : N;
  const int64_t lda = std::max<int64_t>(acols, 1) + pad_a;
  const int64_t ldb = std::max<int64_t>(bcols, 1) + pad_b;
  const int64_t ldc = std::max<int64_t>(N, 1) + pad_c;
  std::vector<T> A(std::max<int64_t>(arows * lda, 1)), B(std::max<int64_t>(brows * ldb, 1)),
      C0(std::max<int64_t>(M * ldc, 1));
  fill_random(A);
  fill_random(B);
  fill_random(C0);
  const T sentinel = static_cast<T>(12345.0);
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = N; j < ldc; ++j) C0[i * ldc + j] = sentinel;
    if (beta == T(0))
      for (int64_t j = 0; j < N; ++j) C0[i * ldc + j] = std::numeric_limits<T>::quiet_NaN();
  }
  std::vector<T> C = C0;
  gemm(ta, tb, M, N, K, alpha, A.data(), lda, B.data(), ldb, beta, C.data(), ldc);

  const double eps = std::numeric_limits<T>::epsilon();
  int bad = 0;
  for (int64_t i = 0; i < M && bad < 3; ++i) {
    for (int64_t j = 0; j < ldc && bad < 3; ++j) {
      const T got = C[i * ldc + j];
      if (j >= N) {
        if (!(got == sentinel)) {
          std::printf("  FAIL padding overwritten at (%lld,%lld)\n", (long long)i, (long long)j);
          ++bad;
        }
        continue;
      }
      double ref = 0, mag = 0;
      for (int64_t k = 0; k < K; ++k) {
        const double a = ta ? A[k * lda + i] : A[i * lda + k];
        const double b = tb ? B[j * ldb + k] : B[k * ldb + j];
        ref += a * b;
        mag += std::fabs(a * b);
      }
      ref *= alpha;
      mag *= std::fabs(double(alpha));
      if (beta != T(0)) {
        ref += double(beta) * C0[i * ldc + j];
        mag += std::fabs(double(beta) * C0[i * ldc + j]);
      }
      const double tol = 2.0 * (double(K) + 4.0) * eps * mag + 1e-30;
      if (!(std::fabs(got - ref) <= tol)) {
        std::printf("  FAIL at (%lld,%lld): got %.9g want %.9g (tol %.3g)\n", (long long)i, (long long)j,
                    double(got), ref, tol);
        ++bad;
      }
    }
  }
  if (thread_check && bad == 0) {
    // Results must not depend on the thread count.
    const int saved = tg::get_num_threads();
    tg::set_num_threads(saved == 1 ? 2 : 1);
    std::vector<T> C2 = C0;
    gemm(ta, tb, M, N, K, alpha, A.data(), lda, B.data(), ldb, beta, C2.data(), ldc);
    tg::set_num_threads(saved);
    if (std::memcmp(C.data(), C2.data(), sizeof(T) * C.size()) != 0) {
      std::printf("  FAIL results differ between 1 and 2 threads\n");
      ++bad;
    }
  }
  if (bad) {
    ++failures;
    std::printf("FAIL %s ta=%d tb=%d M=%lld N=%lld K=%lld alpha=%g beta=%g pads=%lld/%lld/%lld\n",
                sizeof(T) == 4 ? "f32" : "f64", ta, tb, (long long)M, (long long)N, (long long)K, double(alpha),
                double(beta), (long long)pad_a, (long long)pad_b, (long long)pad_c);
  }
}

template <typename T>
void run_correctness() {
  const bool tf[2] = {false, true};
  const int64_t dims[] = {0, 1, 2, 3, 5, 7, 8, 13, 14, 15, 16, 17, 29, 31, 32, 33, 47, 48, 63, 64, 65};
  // All small shapes x transposes (alpha/beta and pads rotate).
  const T alphas[] = {T(1), T(-0.5), T(2), T(1)};
  const T betas[] = {T(0), T(1), T(0.75), T(-2)};
  int r = 0;
  for (bool ta : tf)
    for (bool tb : tf)
      for (int64_t M : dims)
        for (int64_t N : {int64_t(1), int64_t(5), int64_t(16), int64_t(17), int64_t(33), int64_t(64)})
          for (int64_t K : {int64_t(0), int64_t(1), int64_t(7), int64_t(32), int64_t(67)}) {
            ++r;
            check<T>(ta, tb, M, N, K, alphas[r % 4], betas[(r / 4) % 4], r % 3, (r / 3) % 3, (r / 9) % 5,
                     (r % 7) == 0);
          }
  // Random mid shapes, padded strides.
  std::uniform_int_distribution<int> dd(1, 300);
  for (int t = 0; t < 48; ++t) {
    const int64_t M = dd(rng), N = dd(rng), K = dd(rng);
    check<T>(t & 1, (t >> 1) & 1, M, N, K, alphas[t % 4], betas[(t / 4) % 4], t % 5, t % 3, t % 7);
  }
  // Special shapes: vectors, tall-skinny, wide-short, multi-block in every loop, alpha = 0, primes.
  struct S {
    int64_t M, N, K;
  };
  const S special[] = {{1, 1, 1},     {1, 1000, 1},   {1000, 1, 1},  {1, 1, 1000}, {1, 513, 777},
                       {777, 1, 513}, {2000, 3, 5},   {3, 2000, 7},  {1500, 9, 40}, {9, 1500, 40},
                       {37, 41, 43},  {101, 103, 107}, {331, 337, 347}, {700, 70, 600}, {70, 700, 1100},
                       {30, 2100, 2100}, {400, 129, 530}, {129, 400, 530}, {257, 1031, 33},
                       // narrow B read unpacked (rows of at most 512 bytes in whole panels, few row panels of C)
                       {128, 128, 1100}, {200, 64, 600}, {45, 96, 530}, {224, 32, 300},
                       // few-vector shapes (min(M, N) <= 4) large enough for the streaming path
                       {2, 700, 300}, {3, 257, 129}, {4, 130, 200}, {500, 2, 300}, {129, 4, 257}, {3, 3, 5000}};
  for (const S& s : special)
    for (bool ta : tf)
      for (bool tb : tf) {
        ++r;
        check<T>(ta, tb, s.M, s.N, s.K, alphas[r % 4], betas[(r / 4) % 4], r % 3, (r / 3) % 3, (r / 9) % 5);
      }
  // alpha == 0 and K == 0 leave beta * C (NaN garbage with beta == 0 must become zeros).
  check<T>(false, false, 37, 29, 50, T(0), T(0), 1, 1, 3);
  check<T>(false, true, 37, 29, 50, T(0), T(0.5), 1, 1, 3);
  check<T>(true, false, 37, 29, 0, T(1), T(0), 1, 1, 3);
  check<T>(true, true, 37, 29, 0, T(1), T(3), 1, 1, 3);
  // Larger than the packed-B slab cap (forces several NC slabs) with enough rows to pack.
  if (sizeof(T) == 8) check<T>(false, false, 64, 1200, 1800, T(1), T(0.5), 0, 3, 1);
  if (sizeof(T) == 4) check<T>(false, true, 64, 2200, 2000, T(1), T(0.5), 0, 3, 1);
}

// ---- benchmark ----
template <typename T>
double bench(int64_t n, int threads) {
  tg::set_num_threads(threads);
  std::vector<T> A(n * n), B(n * n), C(n * n);
  fill_random(A);
  fill_random(B);
  const double flops = 2.0 * n * n * n;
  auto once = [&] { gemm(false, false, n, n, n, T(1), A.data(), n, B.data(), n, T(0), C.data(), n); };
  for (int i = 0; i < 3; ++i) once();
  // Size the repeat count so one sample is >= ~2 ms, then take the median of samples.
  auto t0 = std::chrono::steady_clock::now();
  once();
  double one = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const int inner = std::max(1, static_cast<int>(2e-3 / std::max(one, 1e-9)));
  const int samples = std::max(7, std::min(41, static_cast<int>(0.4 / std::max(one * inner, 1e-9))));
  std::vector<double> rates;
  for (int s = 0; s < samples; ++s) {
    auto a = std::chrono::steady_clock::now();
    for (int i = 0; i < inner; ++i) once();
    double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count() / inner;
    rates.push_back(flops / dt * 1e-9);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  bool do_test = true, do_bench = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--no-bench")) do_bench = false;
    if (!std::strcmp(argv[i], "--bench-only")) do_test = false;
  }
  const char* isa = TG_STR(TG_CPU_NS);
  if (do_test) {
    tg::set_num_threads(2);
    run_correctness<float>();
    run_correctness<double>();
    std::printf("[%s] correctness: %d checks, %d failures\n", isa, checks, failures);
  }
  if (do_bench) {
    const int64_t sizes[] = {16, 64, 256, 512, 1024};
    std::printf("[%s] GFLOP/s, square C = A @ B (median)\n", isa);
    std::printf("  %-8s %-4s", "dtype", "thr");
    for (int64_t s : sizes) std::printf(" %8lld", (long long)s);
    std::printf("\n");
    for (int dt = 0; dt < 2; ++dt)
      for (int th : {1, 2}) {
        std::printf("  %-8s %-4d", dt == 0 ? "float32" : "float64", th);
        for (int64_t s : sizes) std::printf(" %8.1f", dt == 0 ? bench<float>(s, th) : bench<double>(s, th));
        std::printf("\n");
        std::fflush(stdout);
      }
  }
  return failures ? 1 : 0;
}
