// Baseline x86-64 (SSE2) Vec<float> (8 lanes) and Vec<double> (4 lanes), each held in two xmm registers;
// semantics per Note [Vec contract] in vec_generic.h.
//
// Note [SSE2 Vec]: the default capability used the plain-array generic Vec (Note [Generic Vec halves]). GCC
// did not keep arrays of those in registers: GEMM's accumulator tile went through the stack on every k step,
// which made the baseline GEMM 15-25% slower than the SSE2 kernel it replaced (docs/performance.md). Here
// the lanes live in two __m128/__m128d members, so a tile of Vec is a tile of registers. Lanes, lane order
// and every result are those of the generic Vec (same reduce_add order, fmadd of floats computed in double),
// so the default capability computes the same bits as before, NaN signs and payloads aside (unspecified:
// x86 keeps the first operand's NaN and GCC may swap a scalar a + b); native/tests/vec_sse2_test.cc checks
// it. Only the speed differs. Why not one register (4 floats), like the SSE2 GEMM before the move: the
// reductions fold a block into 4 * size() lanes (Note [Cascade summation]), and with 16 float lanes a sum
// of 1e7 float32 values lost the 1e-6 accuracy test/native/kernels.test.ts asks for (2.4e-6). The price is
// GEMM's edge panels, which step by 8 columns (4 for f64) instead of 4 (2). SSE2 has no rounding
// instruction: floor/round stay lane loops.
#pragma once
#include <emmintrin.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "vec_generic.h"

#if !defined(__SSE2__)
#error "vec_sse2.h needs SSE2 (every x86-64 CPU has it)"
#endif

namespace tg {
namespace TG_CPU_NS {
namespace vec_detail {

// One xmm register of T: the intrinsics the pair below is written with.
template <typename T> struct Sse2;

template <> struct Sse2<float> {
  using R = __m128;
  static constexpr int kHalf = 4, kFullMask = 0xF;
  static TG_VEC_INLINE R zero() { return _mm_setzero_ps(); }
  static TG_VEC_INLINE R set1(float x) { return _mm_set1_ps(x); }
  static TG_VEC_INLINE R set1_bits(uint32_t b) { return _mm_castsi128_ps(_mm_set1_epi32(static_cast<int>(b))); }
  static TG_VEC_INLINE R load(const float* p) { return _mm_loadu_ps(p); }
  static TG_VEC_INLINE void store(float* p, R v) { _mm_storeu_ps(p, v); }
  // 0 < n < 4 lanes, reading/writing only p[0..n).
  static TG_VEC_INLINE R load_part(const float* p, int n) {
    if (n == 1) return _mm_load_ss(p);
    const R two = _mm_castsi128_ps(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
    return n == 2 ? two : _mm_movelh_ps(two, _mm_load_ss(p + 2));
  }
  static TG_VEC_INLINE void store_part(float* p, R v, int n) {
    if (n == 1) return _mm_store_ss(p, v);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(p), _mm_castps_si128(v));
    if (n == 3) _mm_store_ss(p + 2, _mm_movehl_ps(v, v));
  }
  static TG_VEC_INLINE R add(R a, R b) { return _mm_add_ps(a, b); }
  static TG_VEC_INLINE R sub(R a, R b) { return _mm_sub_ps(a, b); }
  static TG_VEC_INLINE R mul(R a, R b) { return _mm_mul_ps(a, b); }
  static TG_VEC_INLINE R div(R a, R b) { return _mm_div_ps(a, b); }
  static TG_VEC_INLINE R and_(R a, R b) { return _mm_and_ps(a, b); }
  static TG_VEC_INLINE R or_(R a, R b) { return _mm_or_ps(a, b); }
  static TG_VEC_INLINE R xor_(R a, R b) { return _mm_xor_ps(a, b); }
  static TG_VEC_INLINE R andnot(R a, R b) { return _mm_andnot_ps(b, a); }  // a & ~b
  static TG_VEC_INLINE R sqrt(R a) { return _mm_sqrt_ps(a); }
  // minps/maxps: a < b ? a : b / a > b ? a : b, so the second operand on NaN and on ties.
  static TG_VEC_INLINE R min(R a, R b) { return _mm_min_ps(a, b); }
  static TG_VEC_INLINE R max(R a, R b) { return _mm_max_ps(a, b); }
  static TG_VEC_INLINE R cmp_eq(R a, R b) { return _mm_cmpeq_ps(a, b); }
  static TG_VEC_INLINE R cmp_ne(R a, R b) { return _mm_cmpneq_ps(a, b); }  // true on NaN, like a != b
  static TG_VEC_INLINE R cmp_lt(R a, R b) { return _mm_cmplt_ps(a, b); }
  static TG_VEC_INLINE R cmp_le(R a, R b) { return _mm_cmple_ps(a, b); }
  static TG_VEC_INLINE R cmp_gt(R a, R b) { return _mm_cmpgt_ps(a, b); }
  static TG_VEC_INLINE R cmp_ge(R a, R b) { return _mm_cmpge_ps(a, b); }
  static TG_VEC_INLINE R unord(R a, R b) { return _mm_cmpunord_ps(a, b); }
  static TG_VEC_INLINE int movemask(R a) { return _mm_movemask_ps(a); }
  static TG_VEC_INLINE R shl(R a, int n) { return _mm_castsi128_ps(_mm_sll_epi32(_mm_castps_si128(a), _mm_cvtsi32_si128(n))); }
  static TG_VEC_INLINE R shr(R a, int n) { return _mm_castsi128_ps(_mm_srl_epi32(_mm_castps_si128(a), _mm_cvtsi32_si128(n))); }
  static TG_VEC_INLINE R iadd(R a, R b) { return _mm_castsi128_ps(_mm_add_epi32(_mm_castps_si128(a), _mm_castps_si128(b))); }
  static TG_VEC_INLINE R isub(R a, R b) { return _mm_castsi128_ps(_mm_sub_epi32(_mm_castps_si128(a), _mm_castps_si128(b))); }
  // fma_ref per lane: the product and sum in double, rounded once to float at the end.
  static TG_VEC_INLINE R fmadd(R a, R b, R c) {
    auto half = [](R x, R y, R z) {
      return _mm_cvtpd_ps(_mm_add_pd(_mm_mul_pd(_mm_cvtps_pd(x), _mm_cvtps_pd(y)), _mm_cvtps_pd(z)));
    };
    return _mm_movelh_ps(half(a, b, c), half(_mm_movehl_ps(a, a), _mm_movehl_ps(b, b), _mm_movehl_ps(c, c)));
  }
};

template <> struct Sse2<double> {
  using R = __m128d;
  static constexpr int kHalf = 2, kFullMask = 0x3;
  static TG_VEC_INLINE R zero() { return _mm_setzero_pd(); }
  static TG_VEC_INLINE R set1(double x) { return _mm_set1_pd(x); }
  static TG_VEC_INLINE R set1_bits(uint64_t b) { return _mm_castsi128_pd(_mm_set1_epi64x(static_cast<long long>(b))); }
  static TG_VEC_INLINE R load(const double* p) { return _mm_loadu_pd(p); }
  static TG_VEC_INLINE void store(double* p, R v) { _mm_storeu_pd(p, v); }
  static TG_VEC_INLINE R load_part(const double* p, int) { return _mm_load_sd(p); }  // n == 1
  static TG_VEC_INLINE void store_part(double* p, R v, int) { _mm_store_sd(p, v); }
  static TG_VEC_INLINE R add(R a, R b) { return _mm_add_pd(a, b); }
  static TG_VEC_INLINE R sub(R a, R b) { return _mm_sub_pd(a, b); }
  static TG_VEC_INLINE R mul(R a, R b) { return _mm_mul_pd(a, b); }
  static TG_VEC_INLINE R div(R a, R b) { return _mm_div_pd(a, b); }
  static TG_VEC_INLINE R and_(R a, R b) { return _mm_and_pd(a, b); }
  static TG_VEC_INLINE R or_(R a, R b) { return _mm_or_pd(a, b); }
  static TG_VEC_INLINE R xor_(R a, R b) { return _mm_xor_pd(a, b); }
  static TG_VEC_INLINE R andnot(R a, R b) { return _mm_andnot_pd(b, a); }  // a & ~b
  static TG_VEC_INLINE R sqrt(R a) { return _mm_sqrt_pd(a); }
  static TG_VEC_INLINE R min(R a, R b) { return _mm_min_pd(a, b); }
  static TG_VEC_INLINE R max(R a, R b) { return _mm_max_pd(a, b); }
  static TG_VEC_INLINE R cmp_eq(R a, R b) { return _mm_cmpeq_pd(a, b); }
  static TG_VEC_INLINE R cmp_ne(R a, R b) { return _mm_cmpneq_pd(a, b); }
  static TG_VEC_INLINE R cmp_lt(R a, R b) { return _mm_cmplt_pd(a, b); }
  static TG_VEC_INLINE R cmp_le(R a, R b) { return _mm_cmple_pd(a, b); }
  static TG_VEC_INLINE R cmp_gt(R a, R b) { return _mm_cmpgt_pd(a, b); }
  static TG_VEC_INLINE R cmp_ge(R a, R b) { return _mm_cmpge_pd(a, b); }
  static TG_VEC_INLINE R unord(R a, R b) { return _mm_cmpunord_pd(a, b); }
  static TG_VEC_INLINE int movemask(R a) { return _mm_movemask_pd(a); }
  static TG_VEC_INLINE R shl(R a, int n) { return _mm_castsi128_pd(_mm_sll_epi64(_mm_castpd_si128(a), _mm_cvtsi32_si128(n))); }
  static TG_VEC_INLINE R shr(R a, int n) { return _mm_castsi128_pd(_mm_srl_epi64(_mm_castpd_si128(a), _mm_cvtsi32_si128(n))); }
  static TG_VEC_INLINE R iadd(R a, R b) { return _mm_castsi128_pd(_mm_add_epi64(_mm_castpd_si128(a), _mm_castpd_si128(b))); }
  static TG_VEC_INLINE R isub(R a, R b) { return _mm_castsi128_pd(_mm_sub_epi64(_mm_castpd_si128(a), _mm_castpd_si128(b))); }
  static TG_VEC_INLINE R fmadd(R a, R b, R c) { return _mm_add_pd(_mm_mul_pd(a, b), c); }  // unfused, as fma_ref
};

// The whole Vec<T> contract over a pair of registers (lanes 0..kHalf in lo, the rest in hi); Self is the
// Vec<T> specialization, so every member returns it.
template <typename T, typename Self>
struct Sse2Pair {
  using S = Sse2<T>;
  using R = typename S::R;
  using value_type = T;
  using bits_t = typename Bits<T>::type;
  static constexpr int kHalf = S::kHalf, kSize = 2 * S::kHalf;
  R lo, hi;

  static constexpr int size() { return kSize; }
  static constexpr bool kHasScalef = false;     // see Note [Vec contract]
  static constexpr bool kHasTranspose = false;  // see Note [Vec contract]
  static constexpr bool kHasGather = false;     // see Note [Vec contract]
  TG_VEC_INLINE Sse2Pair() : lo(S::zero()), hi(S::zero()) {}
  TG_VEC_INLINE Sse2Pair(T s) : lo(S::set1(s)), hi(lo) {}
  TG_VEC_INLINE Sse2Pair(R l, R h) : lo(l), hi(h) {}

  static TG_VEC_INLINE Self loadu(const T* p) { return Self(S::load(p), S::load(p + kHalf)); }
  static TG_VEC_INLINE Self loadu(const T* p, int count) {
    if (count >= kSize) return loadu(p);
    if (count <= 0) return Self();
    if (count < kHalf) return Self(S::load_part(p, count), S::zero());
    return Self(S::load(p), count == kHalf ? S::zero() : S::load_part(p + kHalf, count - kHalf));
  }
  TG_VEC_INLINE void storeu(T* p) const {
    S::store(p, lo);
    S::store(p + kHalf, hi);
  }
  TG_VEC_INLINE void storeu(T* p, int count) const {
    if (count >= kSize) return storeu(p);
    if (count <= 0) return;
    if (count < kHalf) return S::store_part(p, lo, count);
    S::store(p, lo);
    if (count > kHalf) S::store_part(p + kHalf, hi, count - kHalf);
  }
  T operator[](int i) const {
    alignas(16) T t[kSize];
    storeu(t);
    return t[i];
  }

  // Lane loops for what SSE2 has no instruction for (floor, round) and the ordered horizontal folds.
  template <typename F> static TG_VEC_INLINE Self lanes(const Self& a, F f) {
    alignas(16) T t[kSize];
    a.storeu(t);
    for (int i = 0; i < kSize; i++) t[i] = f(t[i]);
    return loadu(t);
  }

  TG_VEC_INLINE Self abs() const { return Self(S::andnot(lo, S::set1(T(-0.0))), S::andnot(hi, S::set1(T(-0.0)))); }
  TG_VEC_INLINE Self neg() const { return Self(S::xor_(lo, S::set1(T(-0.0))), S::xor_(hi, S::set1(T(-0.0)))); }
  TG_VEC_INLINE Self sqrt() const { return Self(S::sqrt(lo), S::sqrt(hi)); }
  TG_VEC_INLINE Self rsqrt() const { return Self(S::div(S::set1(1), S::sqrt(lo)), S::div(S::set1(1), S::sqrt(hi))); }
  TG_VEC_INLINE Self reciprocal() const { return Self(S::div(S::set1(1), lo), S::div(S::set1(1), hi)); }
  TG_VEC_INLINE Self floor() const { return lanes(self(), [](T a) { return std::floor(a); }); }
  TG_VEC_INLINE Self round() const { return lanes(self(), [](T a) { return std::nearbyint(a); }); }
  TG_VEC_INLINE Self is_nan() const { return Self(S::unord(lo, lo), S::unord(hi, hi)); }
  // min(hi, v) keeps a NaN v (the second operand), then max(lo, .) keeps it too.
  TG_VEC_INLINE Self clamp_keep_nan(const Self& l, const Self& h) const {
    return Self(S::max(l.lo, S::min(h.lo, lo)), S::max(l.hi, S::min(h.hi, hi)));
  }

  TG_VEC_INLINE Self cmp_eq(const Self& b) const { return Self(S::cmp_eq(lo, b.lo), S::cmp_eq(hi, b.hi)); }
  TG_VEC_INLINE Self cmp_ne(const Self& b) const { return Self(S::cmp_ne(lo, b.lo), S::cmp_ne(hi, b.hi)); }
  TG_VEC_INLINE Self cmp_lt(const Self& b) const { return Self(S::cmp_lt(lo, b.lo), S::cmp_lt(hi, b.hi)); }
  TG_VEC_INLINE Self cmp_le(const Self& b) const { return Self(S::cmp_le(lo, b.lo), S::cmp_le(hi, b.hi)); }
  TG_VEC_INLINE Self cmp_gt(const Self& b) const { return Self(S::cmp_gt(lo, b.lo), S::cmp_gt(hi, b.hi)); }
  TG_VEC_INLINE Self cmp_ge(const Self& b) const { return Self(S::cmp_ge(lo, b.lo), S::cmp_ge(hi, b.hi)); }
  static TG_VEC_INLINE bool all(const Self& m) { return (S::movemask(m.lo) & S::movemask(m.hi)) == S::kFullMask; }
  static TG_VEC_INLINE Self blendv(const Self& a, const Self& b, const Self& m) {
    return Self(S::or_(S::andnot(a.lo, m.lo), S::and_(b.lo, m.lo)),
                S::or_(S::andnot(a.hi, m.hi), S::and_(b.hi, m.hi)));
  }

  // Lane order 0, 1, 2, ... as the generic Vec, so sums round the same way.
  T reduce_add() const {
    alignas(16) T t[kSize];
    storeu(t);
    T s = t[0];
    for (int i = 1; i < kSize; i++) s += t[i];
    return s;
  }
  T reduce_max() const {
    alignas(16) T t[kSize];
    storeu(t);
    T s = t[0];
    for (int i = 1; i < kSize; i++) s = (s != s || t[i] != t[i]) ? std::numeric_limits<T>::quiet_NaN() : (t[i] > s ? t[i] : s);
    return s;
  }
  T reduce_min() const {
    alignas(16) T t[kSize];
    storeu(t);
    T s = t[0];
    for (int i = 1; i < kSize; i++) s = (s != s || t[i] != t[i]) ? std::numeric_limits<T>::quiet_NaN() : (t[i] < s ? t[i] : s);
    return s;
  }

  // Internal bit helpers (see Note [Vec contract]).
  static TG_VEC_INLINE Self from_bits(bits_t b) { return Self(S::set1_bits(b), S::set1_bits(b)); }
  static TG_VEC_INLINE Self shl(const Self& a, int n) { return Self(S::shl(a.lo, n), S::shl(a.hi, n)); }
  static TG_VEC_INLINE Self shr(const Self& a, int n) { return Self(S::shr(a.lo, n), S::shr(a.hi, n)); }
  static TG_VEC_INLINE Self iadd(const Self& a, const Self& b) { return Self(S::iadd(a.lo, b.lo), S::iadd(a.hi, b.hi)); }
  static TG_VEC_INLINE Self isub(const Self& a, const Self& b) { return Self(S::isub(a.lo, b.lo), S::isub(a.hi, b.hi)); }

 private:
  TG_VEC_INLINE const Self& self() const { return static_cast<const Self&>(*this); }
};

}  // namespace vec_detail

template <> struct Vec<float> : vec_detail::Sse2Pair<float, Vec<float>> {
  using Sse2Pair::Sse2Pair;
};
template <> struct Vec<double> : vec_detail::Sse2Pair<double, Vec<double>> {
  using Sse2Pair::Sse2Pair;
};

// The free operators, as non-template overloads (preferred over vec_generic.h's templates).
#define TG_SSE2_VEC_FREE(T)                                                                                       \
  TG_VEC_INLINE Vec<T> operator+(const Vec<T>& a, const Vec<T>& b) {                                             \
    return Vec<T>(vec_detail::Sse2<T>::add(a.lo, b.lo), vec_detail::Sse2<T>::add(a.hi, b.hi));                     \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> operator-(const Vec<T>& a, const Vec<T>& b) {                                             \
    return Vec<T>(vec_detail::Sse2<T>::sub(a.lo, b.lo), vec_detail::Sse2<T>::sub(a.hi, b.hi));                     \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> operator*(const Vec<T>& a, const Vec<T>& b) {                                             \
    return Vec<T>(vec_detail::Sse2<T>::mul(a.lo, b.lo), vec_detail::Sse2<T>::mul(a.hi, b.hi));                     \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> operator/(const Vec<T>& a, const Vec<T>& b) {                                             \
    return Vec<T>(vec_detail::Sse2<T>::div(a.lo, b.lo), vec_detail::Sse2<T>::div(a.hi, b.hi));                     \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> operator-(const Vec<T>& a) { return a.neg(); }                                            \
  TG_VEC_INLINE Vec<T> operator&(const Vec<T>& a, const Vec<T>& b) {                                             \
    return Vec<T>(vec_detail::Sse2<T>::and_(a.lo, b.lo), vec_detail::Sse2<T>::and_(a.hi, b.hi));                   \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> operator|(const Vec<T>& a, const Vec<T>& b) {                                             \
    return Vec<T>(vec_detail::Sse2<T>::or_(a.lo, b.lo), vec_detail::Sse2<T>::or_(a.hi, b.hi));                     \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> operator^(const Vec<T>& a, const Vec<T>& b) {                                             \
    return Vec<T>(vec_detail::Sse2<T>::xor_(a.lo, b.lo), vec_detail::Sse2<T>::xor_(a.hi, b.hi));                   \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> andnot(const Vec<T>& a, const Vec<T>& b) {                                                \
    return Vec<T>(vec_detail::Sse2<T>::andnot(a.lo, b.lo), vec_detail::Sse2<T>::andnot(a.hi, b.hi));               \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> fmadd(const Vec<T>& a, const Vec<T>& b, const Vec<T>& c) {                                \
    return Vec<T>(vec_detail::Sse2<T>::fmadd(a.lo, b.lo, c.lo), vec_detail::Sse2<T>::fmadd(a.hi, b.hi, c.hi));     \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> muladd(const Vec<T>& a, const Vec<T>& b, const Vec<T>& c) { return a * b + c; }          \
  /* maxps/minps, then all-ones (a NaN) in the lanes where either input is NaN. */                            \
  TG_VEC_INLINE Vec<T> maximum(const Vec<T>& a, const Vec<T>& b) {                                               \
    using S = vec_detail::Sse2<T>;                                                                                \
    return Vec<T>(S::or_(S::max(a.lo, b.lo), S::unord(a.lo, b.lo)), S::or_(S::max(a.hi, b.hi), S::unord(a.hi, b.hi))); \
  }                                                                                                               \
  TG_VEC_INLINE Vec<T> minimum(const Vec<T>& a, const Vec<T>& b) {                                               \
    using S = vec_detail::Sse2<T>;                                                                                \
    return Vec<T>(S::or_(S::min(a.lo, b.lo), S::unord(a.lo, b.lo)), S::or_(S::min(a.hi, b.hi), S::unord(a.hi, b.hi))); \
  }
TG_SSE2_VEC_FREE(float)
TG_SSE2_VEC_FREE(double)
#undef TG_SSE2_VEC_FREE

}  // namespace TG_CPU_NS
}  // namespace tg
