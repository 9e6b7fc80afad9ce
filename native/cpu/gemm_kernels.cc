// GEMM driver, compiled once per ISA (TG_CPU_NS / TG_CPU_<ISA> come from the build). See gemm.h for the contract.
// Layout: gemm/micro_kernel.h (register tiles and micro-kernels on Vec<T>), gemm/pack.h (packing and scratch
// buffers), gemm/gemv.h (few-vector kernels); this file holds the blocking, threading and path choice.
//
// Note [GEMM scheme]: the GotoBLAS/BLIS loop nest, written from the published description.
//   * op(B) is packed into NR-column micro-panels (kc x NR, k-major) per KC block of rows; op(A) into
//     MR-row micro-panels (kc x MR, k-major) per MC x KC block. Transposes happen while packing (in-register
//     tile transposes where Vec::kHasTranspose, i.e. AVX-512; scalar loops elsewhere).
//   * The micro-kernel keeps an MR x NR tile of C in registers (NR = NV vectors across N): per k it loads
//     NV vectors of B and broadcasts MR values of A (one muladd each), so C is touched once per KC block.
//     AVX-512: 14 x 32 f32 / 14 x 16 f64 (28 zmm accumulators); AVX2: 6 x 16 / 6 x 8; default (SSE2
//     Vec): 3 x 16 / 2 x 8; NEON: 8 x 12 / 8 x 6.
//   * Loop order inside a task: ic (MC rows of C) -> pc (KC) -> pack A block (L2 resident) -> jr (NR panel
//     of B, L1 resident) -> ir (MR panel of A) -> micro-kernel.
//   * One parallel_for job per call (per NC slab of B when B is very large). Its threads first pack B
//     cooperatively, claiming packing tasks from an atomic counter; a thread that runs out of tasks waits
//     only for tasks already claimed (their owners are running), so the job cannot deadlock even if the
//     pool runs the chunks one after another on one thread. Then they claim compute tasks (disjoint row
//     blocks of C, or column blocks when there are few rows), so a worker that wakes late takes less.
//   * Edge tiles use kernels instantiated for the exact row count (1..MR) and vector count (1..NV); a
//     partial last vector goes through Vec's masked loadu/storeu(p, count).
//   * Small problems and problems with few rows read B straight from memory (no packing) when B is not
//     transposed; only a partial-vector edge panel is copied.
//   * min(M, N) <= 4 (matrix-vector like shapes) streams the big operand once, unpacked (gemv_dots /
//     gemv_axpy), since those shapes are memory bound.
//   * The path and blocking depend only on the shape (never on the thread count), and every C element is
//     computed whole by one thread, so results are bitwise identical for any thread count.
//
// Note [Linear epilogue and packed weights]: F.linear (lib/ops/nn.ts) runs through gemm_linear, which adds two
// things to the scheme above and changes no bit of its results.
//   * Epilogue: the bias add and the ReLU that would follow as separate passes (add_(bias), then nn.ReLU in an
//     inference Sequential) are applied to each MR x NR tile of C right after the micro-kernel stored it for
//     the last K block, while it is in L1 (on the few-vector and K == 0 paths, to all of C after the product).
//     c + bias[j] is the one rounding the separate add_ does on the same two floats, and the ReLU is
//     ReluOp's c < 0 ? 0 : c (NaN and -0 kept), so the values are those of the separate passes; what goes
//     is two sweeps over C from memory and, for the ReLU, a fresh output.
//   * Packed weights: a weight that does not change between calls (inference) need not be packed on every
//     call. gemm_pack_b lays out the whole op(B) once, exactly as run() packs it into its scratch slab
//     (KC-row blocks of NR-column micro-panels), and gemm_linear reads that copy where run() would pack; the
//     path choice (few-vector, direct, packed) is still run()'s, so the arithmetic is unchanged. Packing the
//     784 x 512 transposed weight of the W21 MLP was ~200 us of its ~1 ms first layer on one thread (the
//     transposing copy is memory bound). The cache that owns these copies and drops them when the weight's
//     version counter moves is lib/ops/packed_weights.ts.
#include "cpu/gemm.h"

// NOTE: vec.h (through the gemm/ headers) first: the AVX-512 header silences a GCC warning inside immintrin.h
// only if it includes it first.
#include "cpu/gemm/gemv.h"
#include "cpu/gemm/micro_kernel.h"
#include "cpu/gemm/pack.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <thread>

#include "core/parallel.h"

#if TG_CPU_AVX512 || TG_CPU_AVX2 || defined(__SSE2__)
#include <emmintrin.h>
#define TG_GEMM_PAUSE() _mm_pause()
#else
#define TG_GEMM_PAUSE() std::this_thread::yield()
#endif

namespace tg {
namespace TG_CPU_NS {
namespace {

// Few-vector shapes (M or N <= kFew) stream the matrix once, unpacked (gemv.h): they are memory bound.
constexpr int kFew = 4;

template <typename T>
struct Gemm {
  static constexpr int MR = Tile<T>::MR, NV = Tile<T>::NV;
  static constexpr int W = Vec<T>::size();
  static constexpr int NR = NV * W;
  // KC: a kc x NR panel of B (32 KiB) stays in L1 while A micro-panels stream through from L2.
  // MC: an MC x KC block of A (~336 KiB) stays in L2. Tuned on Zen 5 (48 KiB L1d, 1 MiB L2 per core);
  // the measured optimum is flat around these values.
  static constexpr int64_t KC = std::max<int64_t>(128, std::min<int64_t>(512, (32768 / sizeof(T)) / NR));
  static constexpr int64_t MC = std::max<int64_t>(1, (344064 / sizeof(T)) / KC / MR) * MR;
  // Cap on the packed-B slab (elements); a wider B is processed in NC-column slabs, one job each.
  static constexpr int64_t kMaxPackedB = (int64_t(16) << 20) / sizeof(T);

  struct Args {
    bool transA, transB;
    int64_t M, N, K;
    T alpha;
    const T* A;
    int64_t lda;
    const T* B;
    int64_t ldb;
    T beta;
    T* C;
    int64_t ldc;
    // gemm_linear only (Note [Linear epilogue and packed weights]): per-column bias, ReLU, pre-packed op(B).
    const T* bias = nullptr;
    bool relu = false;
    const T* prepacked = nullptr;
  };

  // Where the kernel reads B for rows [p0, p0+kc) and columns [j, j+n) of op(B).
  struct BSource {
    const T* packed;  // null: read B directly (requires !transB)
    int64_t jbase;    // first column of the packed slab
    int64_t npad;     // packed slab width, a multiple of NR
  };

  // The linear epilogue on C[r0:r1, c0:c1]: + bias[j], then ReLU as ReluOp (c < 0 ? 0 : c keeps NaN and -0).
  static void epilogue(const Args& g, int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
    if (!g.bias && !g.relu) return;
    for (int64_t i = r0; i < r1; ++i) {
      T* c = g.C + i * g.ldc;
      if (g.bias && g.relu) {
        for (int64_t j = c0; j < c1; ++j) {
          const T v = c[j] + g.bias[j];
          c[j] = v < T(0) ? T(0) : v;
        }
      } else if (g.bias) {
        for (int64_t j = c0; j < c1; ++j) c[j] = c[j] + g.bias[j];
      } else {
        for (int64_t j = c0; j < c1; ++j) c[j] = c[j] < T(0) ? T(0) : c[j];
      }
    }
  }

  static void scale_c(const Args& g) {
    for (int64_t i = 0; i < g.M; ++i) {
      T* c = g.C + i * g.ldc;
      if (g.beta == T(0))
        std::fill(c, c + g.N, T(0));
      else if (g.beta != T(1))
        for (int64_t j = 0; j < g.N; ++j) c[j] *= g.beta;
    }
  }

  // C[m0:m1, n0:n1] (n0 a multiple of NR from the slab base when packed).
  static void compute(const Args& g, const BSource& bsrc, int64_t m0, int64_t m1, int64_t n0, int64_t n1) {
    if (m0 >= m1 || n0 >= n1) return;
    constexpr auto& kt = Kernels<T, MR, NV>::table;
    const int64_t kc_max = std::min<int64_t>(KC, g.K);
    const int64_t mc_max = std::min<int64_t>(MC, (m1 - m0 + MR - 1) / MR * MR);
    AlignedBuf fa, fe;
    T* abuf = static_cast<T*>(tls_buffer(1, sizeof(T) * size_t(mc_max * kc_max), fa));
    T* ebuf = nullptr;
    if (!bsrc.packed) ebuf = static_cast<T*>(tls_buffer(2, sizeof(T) * size_t(kc_max * NR), fe));
    for (int64_t ic = m0; ic < m1; ic += MC) {
      const int64_t mc = std::min<int64_t>(MC, m1 - ic);
      for (int64_t pc = 0; pc < g.K; pc += KC) {
        const int64_t kc = std::min<int64_t>(KC, g.K - pc);
        pack_a<T, MR>(g.transA, g.A, g.lda, ic, mc, pc, kc, abuf);
        const T beta = pc == 0 ? g.beta : T(1);
        const bool last = pc + kc >= g.K;
        for (int64_t jr = n0; jr < n1; jr += NR) {
          const int n = static_cast<int>(std::min<int64_t>(NR, n1 - jr));
          const int nv = (n + W - 1) / W;
          const T* bp;
          int64_t bs;
          if (bsrc.packed) {
            bp = bsrc.packed + pc * bsrc.npad + (jr - bsrc.jbase) * kc;
            bs = NR;
          } else if (n % W == 0) {
            bp = g.B + pc * g.ldb + jr;
            bs = g.ldb;
          } else {
            // Partial last vector: copy the edge panel so the kernel never reads past the row.
            pack_b_panel<T, NR>(false, g.B, g.ldb, pc, kc, jr, n, ebuf);
            bp = ebuf;
            bs = NR;
          }
          for (int64_t ir = 0; ir < mc; ir += MR) {
            const int m = static_cast<int>(std::min<int64_t>(MR, mc - ir));
            kt.fn[m - 1][nv - 1](kc, abuf + ir * kc, bp, bs, g.C + (ic + ir) * g.ldc + jr, g.ldc, g.alpha, beta,
                                 n);
            if (last) epilogue(g, ic + ir, ic + ir + m, jr, jr + n);
          }
        }
      }
    }
  }

  // One job over a column slab [j0, j1): cooperative packing of B (unless direct), then compute tasks.
  // Both phases hand out work from atomic counters, so a worker that wakes late simply takes less; each
  // compute task owns a disjoint block of C (a range of rows across the slab, or of columns when there
  // are too few rows), and a row task packs only its own rows of A.
  static void run_slab(const Args& g, int nt, bool direct, int64_t j0, int64_t j1, T* bpack) {
    const int64_t ns = j1 - j0;
    const int64_t npanels = (ns + NR - 1) / NR;
    const int64_t npad = npanels * NR;
    const int64_t npc = (g.K + KC - 1) / KC;
    constexpr int64_t kGroup = 4;  // B panels per packing task
    const int64_t ngroups = (npanels + kGroup - 1) / kGroup;
    const int64_t ntasks = direct || g.prepacked ? 0 : npc * ngroups;
    const int64_t mp = (g.M + MR - 1) / MR;
    // Compute tasks: about 4 per thread (for balance when a worker starts late), rows preferred; 8 per
    // thread from 384 rows, so the last task, which leaves the other thread idle, is shorter (512² 9-14%
    // faster at two threads, 256² slower with 8: gemmwake in docs/performance.md). Rows only: never K.
    int64_t rows_per = mp, cols_per = npanels;  // in MR / NR units
    if (nt > 1) {
      const int64_t want = (g.M >= 384 ? 8 : 4) * int64_t(nt);
      if (mp >= 2 * int64_t(nt)) {
        rows_per = std::max<int64_t>(2, (mp + want - 1) / want);
      } else {
        cols_per = std::max<int64_t>(1, (npanels + want - 1) / want);
      }
    }
    const int64_t nrt = (mp + rows_per - 1) / rows_per, nct = (npanels + cols_per - 1) / cols_per;
    const int64_t ctasks = nrt * nct;
    std::atomic<int64_t> next{0}, done{0}, cnext{0};
    BSource bsrc{direct ? nullptr : bpack, j0, npad};

    auto pack_task = [&](int64_t t) {
      const int64_t pcb = t / ngroups, grp = t % ngroups;
      const int64_t pc = pcb * KC, kc = std::min<int64_t>(KC, g.K - pc);
      const int64_t pe = std::min(npanels, (grp + 1) * kGroup);
      for (int64_t p = grp * kGroup; p < pe; ++p) {
        const int64_t j = j0 + p * NR;
        const int n = static_cast<int>(std::min<int64_t>(NR, j1 - j));
        pack_b_panel<T, NR>(g.transB, g.B, g.ldb, pc, kc, j, n, bpack + pc * npad + p * NR * kc);
      }
    };
    auto part = [&]() {
      if (ntasks) {
        for (;;) {
          const int64_t t = next.fetch_add(1, std::memory_order_relaxed);
          if (t >= ntasks) break;
          pack_task(t);
          done.fetch_add(1, std::memory_order_release);
        }
        // Remaining tasks were claimed by threads that are running them; wait for them to finish.
        for (int spins = 0; done.load(std::memory_order_acquire) < ntasks; ++spins) {
          if (spins < 4096)
            TG_GEMM_PAUSE();
          else
            std::this_thread::yield();
        }
      }
      for (;;) {
        const int64_t t = cnext.fetch_add(1, std::memory_order_relaxed);
        if (t >= ctasks) break;
        const int64_t rt = t % nrt, ct = t / nrt;
        const int64_t mb = rt * rows_per * MR, me = std::min(g.M, mb + rows_per * MR);
        const int64_t nb = ct * cols_per * NR, ne = std::min(ns, nb + cols_per * NR);
        compute(g, bsrc, mb, me, j0 + nb, j0 + ne);
      }
    };
    if (nt == 1 || ctasks == 1) {
      part();
    } else {
      parallel_for(0, nt, 1, [&](int64_t b, int64_t e) {
        for (int64_t p = b; p < e; ++p) part();
      });
    }
  }

  // min(M, N) <= kFew: C holds nv <= kFew vectors y_m = op(X) v_m (rows of C when M is small, columns when
  // N is small). Work is split over the outputs of each vector; every output is computed whole by one thread.
  static void run_few(const Args& g, int nt) {
    const bool row = g.M <= g.N;  // vectors are rows of C (stride 1), else columns (stride ldc)
    const int nv = static_cast<int>(row ? g.M : g.N);
    const int64_t len = row ? g.N : g.M;
    const int64_t os = row ? 1 : g.ldc;
    const bool mat_trans = row ? g.transB : g.transA;
    const T* X = row ? g.B : g.A;
    const int64_t ldx = row ? g.ldb : g.lda;
    // Vector m: row case opA(m, :) = transA ? A[k*lda + m] : A[m*lda + k]; column case
    // opB(:, m) = transB ? B[m*ldb + k] : B[k*ldb + m].
    const T* vbase[kFew];
    T* out[kFew];
    int64_t vs;
    if (row) {
      vs = g.transA ? g.lda : 1;
      for (int m = 0; m < nv; ++m) {
        vbase[m] = g.A + (g.transA ? m : m * g.lda);
        out[m] = g.C + m * g.ldc;
      }
    } else {
      vs = g.transB ? 1 : g.ldb;
      for (int m = 0; m < nv; ++m) {
        vbase[m] = g.B + (g.transB ? m * g.ldb : m);
        out[m] = g.C + m;
      }
    }
    // Dots when each output reads a contiguous row of X; they need contiguous vectors.
    const bool dots = row ? mat_trans : !mat_trans;
    AlignedBuf fv;
    if (dots && vs != 1) {
      T* t = static_cast<T*>(tls_buffer(2, sizeof(T) * size_t(g.K * nv), fv));
      for (int m = 0; m < nv; ++m) {
        for (int64_t k = 0; k < g.K; ++k) t[m * g.K + k] = vbase[m][k * vs];
        vbase[m] = t + m * g.K;
      }
      vs = 1;
    }
    auto chunk = [&](int64_t b, int64_t e) {
      switch (nv) {
        case 1: few_range<T, 1>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
        case 2: few_range<T, 2>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
        case 3: few_range<T, 3>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
        default: few_range<T, 4>(dots, b, e, g.K, X, ldx, vbase, vs, g.alpha, g.beta, out, os); break;
      }
    };
    constexpr int64_t kUnit = 64;  // outputs per split unit (keeps axpy chunks vector aligned)
    const int64_t units = (len + kUnit - 1) / kUnit;
    if (nt <= 1 || units < 2 || double(len) * double(g.K) * nv < double(1 << 18)) {
      chunk(0, len);
      return;
    }
    parallel_for(0, units, 1, [&](int64_t ub, int64_t ue) { chunk(ub * kUnit, std::min(len, ue * kUnit)); });
  }

  static void run(const Args& g) {
    if (g.M <= 0 || g.N <= 0) return;
    if (g.K <= 0 || g.alpha == T(0)) {
      scale_c(g);
      epilogue(g, 0, g.M, 0, g.N);
      return;
    }
    const double flops = 2.0 * double(g.M) * double(g.N) * double(g.K);
    int nt = in_parallel_region() ? 1 : get_num_threads();
    // Few-vector shapes: always for a single row/column or few columns (a GEMM tile would be mostly padding);
    // for few rows once the matrix is big enough that streaming it beats the register-tiled direct path.
    if (std::min(g.M, g.N) <= kFew &&
        (g.N <= kFew || g.M == 1 || double(g.N) * double(g.K) >= 16384.0)) {
      run_few(g, nt);
      epilogue(g, 0, g.M, 0, g.N);
      return;
    }
    // Below ~2 * 160^3 flops (~35 us on one core) waking a pool worker (10-30 us on this VM) does not pay.
    if (flops < 8e6) nt = 1;
    // Keep at least a few register tiles per thread.
    const int64_t tiles = ((g.M + MR - 1) / MR) * ((g.N + NR - 1) / NR);
    nt = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(nt, tiles / 4)));
    // Direct B (no packing) when B is not transposed and packing would not pay off: few rows of C to
    // reuse each packed panel, a problem small enough to live in L1/L2, or rows of B of at most 512 bytes
    // in whole panels with at most 16 row panels of C (a kc slice of B is then at most 128 KiB, in L2; packing
    // the K x N of B for so few uses was 15% of 128x4096x128's time: 94 -> 113 GFLOP/s direct, while at
    // M = 4096 packing is cheaper than reading B unpacked; docs/performance.md, "gemm").
    const bool narrow_b = g.N % NR == 0 && g.N * int64_t(sizeof(T)) <= 512 && g.M <= 16 * MR;
    const bool direct =
        !g.transB && (g.M <= 2 * MR || (g.K <= 96 && g.N <= 96) || flops <= 2.0 * 64 * 64 * 64 || narrow_b);
    if (direct) {
      run_slab(g, nt, true, 0, g.N, nullptr);
      return;
    }
    const int64_t kpad = g.K;
    int64_t nc = std::max<int64_t>(NR, kMaxPackedB / std::max<int64_t>(kpad, 1) / NR * NR);
    if (nc >= g.N) nc = (g.N + NR - 1) / NR * NR;
    if (g.prepacked && nc >= g.N) {  // gemm_pack_b's layout is this one slab
      run_slab(g, nt, false, 0, g.N, const_cast<T*>(g.prepacked));
      return;
    }
    AlignedBuf fb;
    T* bpack = static_cast<T*>(tls_buffer(0, sizeof(T) * size_t(kpad * nc), fb));
    for (int64_t j0 = 0; j0 < g.N; j0 += nc) run_slab(g, nt, false, j0, std::min(g.N, j0 + nc), bpack);
  }

  // op(B) whole, in the layout run() packs one slab in (see gemm.h); -1 when run() would use several slabs.
  static int64_t pack_b_whole(bool transB, int64_t N, int64_t K, const T* B, T* dst) {
    if (N <= 0 || K <= 0) return 0;
    const int64_t npanels = (N + NR - 1) / NR, npad = npanels * NR;
    const int64_t nc = std::max<int64_t>(NR, kMaxPackedB / K / NR * NR);
    if (nc < N) return -1;
    if (dst == nullptr) return K * npad;
    const int64_t ldb = transB ? K : N, npc = (K + KC - 1) / KC;
    auto pack = [&](int64_t t0, int64_t t1) {
      for (int64_t t = t0; t < t1; ++t) {
        const int64_t pc = (t / npanels) * KC, kc = std::min<int64_t>(KC, K - pc), p = t % npanels;
        const int n = static_cast<int>(std::min<int64_t>(NR, N - p * NR));
        pack_b_panel<T, NR>(transB, B, ldb, pc, kc, p * NR, n, dst + pc * npad + p * NR * kc);
      }
    };
    if (in_parallel_region() || get_num_threads() <= 1 || K * N < (int64_t(1) << 16))
      pack(0, npc * npanels);
    else
      parallel_for(0, npc * npanels, 4, pack);
    return K * npad;
  }
};

using GemmF = Gemm<float>;
using GemmD = Gemm<double>;

}  // namespace

void gemm_f32(bool transA, bool transB, int64_t M, int64_t N, int64_t K, float alpha, const float* A, int64_t lda,
              const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
  GemmF::run(GemmF::Args{transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc});
}

void gemm_f64(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha, const double* A,
              int64_t lda, const double* B, int64_t ldb, double beta, double* C, int64_t ldc) {
  GemmD::run(GemmD::Args{transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc});
}

int64_t gemm_pack_b_f32(bool transB, int64_t N, int64_t K, const float* B, float* dst) {
  return GemmF::pack_b_whole(transB, N, K, B, dst);
}
int64_t gemm_pack_b_f64(bool transB, int64_t N, int64_t K, const double* B, double* dst) {
  return GemmD::pack_b_whole(transB, N, K, B, dst);
}

void gemm_linear_f32(bool transB, int64_t M, int64_t N, int64_t K, const float* A, const float* B,
                     const float* packed, const float* bias, bool relu, float* C) {
  GemmF::Args g{false, transB, M, N, K, 1.f, A, K, B, transB ? K : N, 0.f, C, N};
  g.bias = bias;
  g.relu = relu;
  g.prepacked = packed;
  GemmF::run(g);
}
void gemm_linear_f64(bool transB, int64_t M, int64_t N, int64_t K, const double* A, const double* B,
                     const double* packed, const double* bias, bool relu, double* C) {
  GemmD::Args g{false, transB, M, N, K, 1.0, A, K, B, transB ? K : N, 0.0, C, N};
  g.bias = bias;
  g.relu = relu;
  g.prepacked = packed;
  GemmD::run(g);
}

}  // namespace TG_CPU_NS
}  // namespace tg
