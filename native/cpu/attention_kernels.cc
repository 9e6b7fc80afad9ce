// Fused scaled-dot-product attention, forward and backward (FlashAttention's saved log-sum-exp), on Vec<T>.
// Compiled once per ISA.
#include "cpu/loops.h"
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

// Note [Fused attention]: one (batch, head) problem is handled by one thread, one query row at a time, so the
// only score storage is one row of S per thread (issue 16: no [L, S] block is materialized), and the results do
// not depend on the thread count. Per problem the scaled key is transposed once into kt [E, S], so a row of
// scores is E broadcast-FMAs per W keys. The forward follows ATen's math path step for step: query and key each
// times sqrt(scale) (rounded), scores accumulated over e in order with FMAs (as the GEMM does), masked scores
// -inf, softmax_row (the softmax kernel's own row), then out = sum over j of p_j v_j in order. A causal row i
// stops at key i: the masked keys' exact zeros change no sum. The backward recomputes each row's scores and
// p = exp(s - lse) from the saved log-sum-exp, then with D_i = gout_i . out_i (= sum_j p_j dp_j):
// dp_j = gout_i . v_j, ds_j = p_j (dp_j - D_i), dq_i = scale sum_j ds_j k_j, dk_j += scale ds_j q_i and
// dv_j += p_j gout_i. A fully masked row gives NaN, as the math path's softmax does.

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

// kt[e S + j] = k[j, e] (times sq when sq != 1).
template <typename T>
void transpose_rows(const T* k, int64_t rs, int64_t S, int64_t E, T sq, T* kt) {
  for (int64_t j = 0; j < S; ++j)
    for (int64_t e = 0; e < E; ++e) kt[e * S + j] = k[j * rs + e] * sq;
}

// s[j] = sum over e of a[e] bt[e S + j], in e order with FMAs, for j < n.
template <typename T>
void row_times(const T* a, const T* bt, int64_t S, int64_t E, int64_t n, T* s) {
  constexpr int64_t W = V<T>::size();
  for (int64_t j0 = 0; j0 < n; j0 += W) {
    const int c = static_cast<int>(std::min(W, n - j0));
    V<T> acc(T(0));
    if (c == W) {
      for (int64_t e = 0; e < E; ++e) acc = fmadd(V<T>(a[e]), V<T>::loadu(bt + e * S + j0), acc);
      acc.storeu(s + j0);
    } else {
      for (int64_t e = 0; e < E; ++e) acc = fmadd(V<T>(a[e]), V<T>::loadu(bt + e * S + j0, c), acc);
      acc.storeu(s + j0, c);
    }
  }
}

// out[c] (+)= sum over j < n of w[j] rows[j rs + c] for c < m, in j order with FMAs.
template <typename T>
void weighted_rows(const T* w, const T* rows, int64_t rs, int64_t n, int64_t m, T* out) {
  constexpr int64_t W = V<T>::size();
  for (int64_t c0 = 0; c0 < m; c0 += W) {
    const int c = static_cast<int>(std::min(W, m - c0));
    V<T> acc(T(0));
    for (int64_t j = 0; j < n; ++j) acc = fmadd(V<T>(w[j]), V<T>::loadu(rows + j * rs + c0, c), acc);
    acc.storeu(out + c0, c);
  }
}

// dst[c] = a src[c] + dst[c] for c < m.
template <typename T>
inline void axpy(T a, const T* src, T* dst, int64_t m) {
  constexpr int64_t W = V<T>::size();
  const V<T> av(a);
  for (int64_t c0 = 0; c0 < m; c0 += W) {
    const int c = static_cast<int>(std::min(W, m - c0));
    fmadd(av, V<T>::loadu(src + c0, c), V<T>::loadu(dst + c0, c)).storeu(dst + c0, c);
  }
}

// The masked, scaled scores of query row i (n keys) into s; returns n.
template <typename T>
int64_t scores(const AttnGeom& g, const T* q, const uint8_t* mask, const Offsets& o, const T* kt, int64_t i, T sq,
               T* qs, T* s) {
  const int64_t n = g.causal ? std::min(g.S, i + 1) : g.S;
  const T* qi = q + o.q + i * g.rs[0];
  for (int64_t e = 0; e < g.E; ++e) qs[e] = qi[e] * sq;
  row_times(qs, kt, g.S, g.E, n, s);
  if (mask != nullptr) {
    const uint8_t* mi = mask + o.m + i * g.rs[3];
    for (int64_t j = 0; j < n; ++j)
      if (!mi[j * g.mask_cs]) s[j] = -std::numeric_limits<T>::infinity();
  }
  return n;
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
    std::vector<T> kt(static_cast<size_t>(E * S)), s(static_cast<size_t>(S)), qs(static_cast<size_t>(E));
    for (int64_t b = b0; b < b1; ++b) {
      const Offsets o = offsets_of(g, b);
      transpose_rows(k + o.k, g.rs[1], S, E, sq, kt.data());
      for (int64_t i = 0; i < L; ++i) {
        const int64_t n = scores(g, q, mask, o, kt.data(), i, sq, qs.data(), s.data());
        softmax_row(s.data(), s.data(), n, lse != nullptr ? lse + b * L + i : nullptr);
        weighted_rows(s.data(), v + o.v, g.rs[2], n, Ev, out + (b * L + i) * Ev);
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
  const T sq = static_cast<T>(g.sqrt_scale), sc = sq * sq;
  constexpr int64_t W = V<T>::size();
  parallel_for(0, nb, grain_of(g), [&](int64_t b0, int64_t b1) {
    std::vector<T> kt(static_cast<size_t>(E * S)), vt(static_cast<size_t>(Ev * S)), s(static_cast<size_t>(S)),
        ds(static_cast<size_t>(S)), qs(static_cast<size_t>(E));
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
      transpose_rows(k + o.k, g.rs[1], S, E, sq, kt.data());
      transpose_rows(v + o.v, g.rs[2], S, Ev, T(1), vt.data());
      for (int64_t i = 0; i < L; ++i) {
        const int64_t n = scores(g, q, mask, o, kt.data(), i, sq, qs.data(), s.data());
        const T* gi = gout + (b * L + i) * Ev;
        const T* oi = out + (b * L + i) * Ev;
        T di = T(0);
        for (int64_t c = 0; c < Ev; ++c) di += gi[c] * oi[c];
        row_times(gi, vt.data(), S, Ev, n, ds.data());  // dp
        const V<T> l(lse[b * L + i]), dd(di);
        for (int64_t j0 = 0; j0 < n; j0 += W) {
          const int c = static_cast<int>(std::min(W, n - j0));
          const V<T> p = exp_nosub(V<T>::loadu(s.data() + j0, c) - l);
          p.storeu(s.data() + j0, c);
          (p * (V<T>::loadu(ds.data() + j0, c) - dd)).storeu(ds.data() + j0, c);
        }
        if (dq != nullptr) {
          T* dqi = dq + (b * L + i) * E;
          weighted_rows(ds.data(), k + o.k, g.rs[1], n, E, dqi);
          vec_map(dqi, dqi, E, [&](const V<T>& x) { return x * V<T>(sc); });
        }
        const T* qi = q + o.q + i * g.rs[0];
        for (int64_t j = 0; j < n; ++j) {
          if (dkb != nullptr) axpy(ds[j], qi, dkb + j * E, E);
          if (dvb != nullptr) axpy(s[j], gi, dvb + j * Ev, Ev);
        }
      }
      if (dkb != nullptr) vec_map(dkb, dkb, S * E, [&](const V<T>& x) { return x * V<T>(sc); });
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
