// Fused scaled-dot-product attention, forward and backward (FlashAttention's saved log-sum-exp), on Vec<T>.
// Compiled once per ISA.
#include "cpu/loops.h"
#include "cpu/gemm.h"
#include "cpu/softmax_row.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace tg {
namespace TG_CPU_NS {
namespace {

template <typename T> using V = Vec<T>;

// Note [Fused attention]: one (batch, head) problem is handled by one thread, a block of up to kRows query
// rows at a time, so the score storage is one [kRows, S] block per thread (issue 16: never the whole [L, S]
// weights), and the results do not depend on the thread count. The products are this ISA's GEMM (run on the
// calling thread inside the pool), on operands packed once per problem: the scaled key, transposed (kt [E, S])
// and not (ks [S, E]), and for the backward the transposed value (vt [Ev, S]), so no GEMM takes a transposed B.
// The forward follows ATen's math path step for step: query and key each times sqrt(scale) (rounded), scores
// q_s k_sᵀ, masked scores -inf, softmax_row (the softmax kernel's own row), out = p v. A causal block stops at
// the last key its last row sees; the masked keys' exact zeros change no sum. With grad the forward saves each
// row's log-sum-exp; the backward recomputes a block's scores and p = exp(s - lse), then with
// D_i = gout_i . out_i (= sum_j p_ij dp_ij): dp = gout vᵀ, ds = p (dp - D), dv += pᵀ gout,
// dq = (ds k_s) sqrt(scale), dk += (dsᵀ q_s) sqrt(scale), the math path's own formulas. A fully masked row
// gives NaN, as the math path's softmax does.
constexpr int64_t kRows = 64;

struct Offsets {
  int64_t q, k, v, m;
};

inline Offsets offsets_of(const AttnGeom& g, int64_t b) {
  Offsets o{g.off[0], g.off[1], g.off[2], g.off[3]};
  for (int d = g.nbd - 1; d >= 0; --d) {
    const int64_t i = b % g.batch[d];
    b /= g.batch[d];
    o.q += i * g.bstride[0][d];
    o.k += i * g.bstride[1][d];
    o.v += i * g.bstride[2][d];
    o.m += i * g.bstride[3][d];
  }
  return o;
}

inline int64_t batch_count(const AttnGeom& g) {
  int64_t nb = 1;
  for (int d = 0; d < g.nbd; ++d) nb *= g.batch[d];
  return nb;
}

inline void gemm(bool ta, int64_t M, int64_t N, int64_t K, float alpha, const float* A, int64_t lda, const float* B,
                 int64_t ldb, float beta, float* C, int64_t ldc) {
  gemm_f32(ta, false, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}
inline void gemm(bool ta, int64_t M, int64_t N, int64_t K, double alpha, const double* A, int64_t lda, const double* B,
                 int64_t ldb, double beta, double* C, int64_t ldc) {
  gemm_f64(ta, false, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

// dst [rows, cols] contiguous = src rows rs apart, times sq; dst_t [cols, rows] its transpose (either may be null).
template <typename T>
void pack_rows(const T* src, int64_t rs, int64_t rows, int64_t cols, T sq, T* dst, T* dst_t) {
  for (int64_t j = 0; j < rows; ++j)
    for (int64_t e = 0; e < cols; ++e) {
      const T x = src[j * rs + e] * sq;
      if (dst != nullptr) dst[j * cols + e] = x;
      if (dst_t != nullptr) dst_t[e * rows + j] = x;
    }
}

// The per-thread scratch of one problem.
template <typename T>
struct Scratch {
  std::vector<T> ks, kt, vt, qs, s, dp;
  Scratch(const AttnGeom& g, bool backward)
      : ks(backward ? size_t(g.S * g.E) : 0), kt(size_t(g.E * g.S)), vt(backward ? size_t(g.Ev * g.S) : 0),
        qs(size_t(kRows * g.E)), s(size_t(kRows * g.S)), dp(backward ? size_t(kRows * g.S) : 0) {}
};

// The keys row i sees.
inline int64_t keys_of(const AttnGeom& g, int64_t i) { return g.causal ? std::min(g.S, i + 1) : g.S; }

// Scores of query rows [i0, i0 + m) into s ([m, nmax], nmax = the keys the last row sees): q_s k_sᵀ, then -inf
// where the bool mask is 0. Returns nmax.
template <typename T>
int64_t block_scores(const AttnGeom& g, const T* q, const uint8_t* mask, const Offsets& o, Scratch<T>& w, int64_t i0,
                     int64_t m, T sq) {
  const int64_t nmax = keys_of(g, i0 + m - 1);
  pack_rows(q + o.q + i0 * g.rs[0], g.rs[0], m, g.E, sq, w.qs.data(), static_cast<T*>(nullptr));
  gemm(false, m, nmax, g.E, T(1), w.qs.data(), g.E, w.kt.data(), g.S, T(0), w.s.data(), nmax);
  if (mask != nullptr) {
    for (int64_t r = 0; r < m; ++r) {
      const uint8_t* mi = mask + o.m + (i0 + r) * g.rs[3];
      T* sr = w.s.data() + r * nmax;
      for (int64_t j = 0; j < nmax; ++j)
        if (!mi[j * g.mask_cs]) sr[j] = -std::numeric_limits<T>::infinity();
    }
  }
  return nmax;
}

// Problems per parallel chunk: about kGrainSize multiply-adds of work.
inline int64_t grain_of(const AttnGeom& g) {
  return std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, g.L * g.S * (g.E + g.Ev)));
}

template <typename T>
void attention_forward(const void* q_, const void* k_, const void* v_, const uint8_t* mask, void* out_, void* lse_,
                       const AttnGeom& g) {
  const T* q = static_cast<const T*>(q_);
  const T* k = static_cast<const T*>(k_);
  const T* v = static_cast<const T*>(v_);
  T* out = static_cast<T*>(out_);
  T* lse = static_cast<T*>(lse_);
  const int64_t nb = batch_count(g), L = g.L, S = g.S, E = g.E, Ev = g.Ev;
  if (nb == 0 || L == 0 || S == 0) return;
  const T sq = static_cast<T>(g.sqrt_scale);
  parallel_for(0, nb, grain_of(g), [&](int64_t b0, int64_t b1) {
    Scratch<T> w(g, false);
    for (int64_t b = b0; b < b1; ++b) {
      const Offsets o = offsets_of(g, b);
      pack_rows(k + o.k, g.rs[1], S, E, sq, static_cast<T*>(nullptr), w.kt.data());
      for (int64_t i0 = 0; i0 < L; i0 += kRows) {
        const int64_t m = std::min(kRows, L - i0);
        const int64_t nmax = block_scores(g, q, mask, o, w, i0, m, sq);
        for (int64_t r = 0; r < m; ++r) {
          T* sr = w.s.data() + r * nmax;
          const int64_t n = keys_of(g, i0 + r);
          softmax_row(sr, sr, n, lse != nullptr ? lse + b * L + i0 + r : nullptr);
          std::fill(sr + n, sr + nmax, T(0));
        }
        gemm(false, m, Ev, nmax, T(1), w.s.data(), nmax, v + o.v, g.rs[2], T(0), out + (b * L + i0) * Ev, Ev);
      }
    }
  });
}

template <typename T>
void attention_backward(const void* q_, const void* k_, const void* v_, const uint8_t* mask, const void* out_,
                        const void* lse_, const void* gout_, void* dq_, void* dk_, void* dv_, const AttnGeom& g) {
  const T* q = static_cast<const T*>(q_);
  const T* k = static_cast<const T*>(k_);
  const T* v = static_cast<const T*>(v_);
  const T* out = static_cast<const T*>(out_);
  const T* lse = static_cast<const T*>(lse_);
  const T* gout = static_cast<const T*>(gout_);
  T* dq = static_cast<T*>(dq_);
  T* dk = static_cast<T*>(dk_);
  T* dv = static_cast<T*>(dv_);
  const int64_t nb = batch_count(g), L = g.L, S = g.S, E = g.E, Ev = g.Ev;
  if (nb == 0) return;
  const T sq = static_cast<T>(g.sqrt_scale);
  constexpr int64_t W = V<T>::size();
  parallel_for(0, nb, grain_of(g), [&](int64_t b0, int64_t b1) {
    Scratch<T> w(g, true);
    for (int64_t b = b0; b < b1; ++b) {
      const Offsets o = offsets_of(g, b);
      T* dkb = dk != nullptr ? dk + b * S * E : nullptr;
      T* dvb = dv != nullptr ? dv + b * S * Ev : nullptr;
      if (dkb != nullptr) std::fill(dkb, dkb + S * E, T(0));
      if (dvb != nullptr) std::fill(dvb, dvb + S * Ev, T(0));
      if (L == 0 || S == 0) {
        if (dq != nullptr) std::fill(dq + b * L * E, dq + (b + 1) * L * E, T(0));
        continue;
      }
      pack_rows(k + o.k, g.rs[1], S, E, sq, w.ks.data(), w.kt.data());
      pack_rows(v + o.v, g.rs[2], S, Ev, T(1), static_cast<T*>(nullptr), w.vt.data());
      for (int64_t i0 = 0; i0 < L; i0 += kRows) {
        const int64_t m = std::min(kRows, L - i0);
        const int64_t nmax = block_scores(g, q, mask, o, w, i0, m, sq);
        const T* gb = gout + (b * L + i0) * Ev;
        gemm(false, m, nmax, Ev, T(1), gb, Ev, w.vt.data(), S, T(0), w.dp.data(), nmax);  // dp = gout vᵀ
        for (int64_t r = 0; r < m; ++r) {
          const T* gi = gb + r * Ev;
          const T* oi = out + (b * L + i0 + r) * Ev;
          T di = T(0);
          for (int64_t c = 0; c < Ev; ++c) di += gi[c] * oi[c];
          const V<T> l(lse[b * L + i0 + r]), dd(di);
          T* sr = w.s.data() + r * nmax;
          T* dr = w.dp.data() + r * nmax;
          const int64_t n = keys_of(g, i0 + r);
          for (int64_t j0 = 0; j0 < n; j0 += W) {
            const int c = static_cast<int>(std::min(W, n - j0));
            const V<T> p = exp_nosub(V<T>::loadu(sr + j0, c) - l);
            p.storeu(sr + j0, c);
            (p * (V<T>::loadu(dr + j0, c) - dd)).storeu(dr + j0, c);  // ds
          }
          std::fill(sr + n, sr + nmax, T(0));
          std::fill(dr + n, dr + nmax, T(0));
        }
        if (dvb != nullptr) gemm(true, nmax, Ev, m, T(1), w.s.data(), nmax, gb, Ev, T(1), dvb, Ev);
        if (dq != nullptr) gemm(false, m, E, nmax, sq, w.dp.data(), nmax, w.ks.data(), E, T(0), dq + (b * L + i0) * E, E);
        if (dkb != nullptr) gemm(true, nmax, E, m, sq, w.dp.data(), nmax, w.qs.data(), E, T(1), dkb, E);
      }
    }
  });
}

template <typename T>
void set_typed(KernelTable& t, DType d) {
  t.attention[int(d)] = &attention_forward<T>;
  t.attention_backward[int(d)] = &attention_backward<T>;
}

}  // namespace

void register_attention_kernels(KernelTable& t) {
  set_typed<float>(t, DType::Float32);
  set_typed<double>(t, DType::Float64);
}

}  // namespace TG_CPU_NS
}  // namespace tg
