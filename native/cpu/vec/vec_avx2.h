// AVX2+FMA Vec<float> (8 lanes) and Vec<double> (4 lanes); semantics per Note [Vec contract] in vec_generic.h.
#pragma once
#include <immintrin.h>

#include "vec_generic.h"

#if !defined(__AVX2__) || !defined(__FMA__)
#error "vec_avx2.h needs -mavx2 -mfma"
#endif

namespace tg {
namespace TG_CPU_NS {

template <>
struct Vec<float> {
  using value_type = float;
  using bits_t = uint32_t;
  __m256 v;

  static constexpr int size() { return 8; }

  static constexpr bool kHasScalef = false;     // see Note [Vec contract]
  static constexpr bool kHasTranspose = false;  // see Note [Vec contract]
  static constexpr bool kHasGather = true;
  TG_VEC_INLINE Vec() : v(_mm256_setzero_ps()) {}
  TG_VEC_INLINE Vec(float s) : v(_mm256_set1_ps(s)) {}
  TG_VEC_INLINE Vec(__m256 x) : v(x) {}

  static TG_VEC_INLINE __m256i tail_mask(int count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static TG_VEC_INLINE Vec loadu(const float* p) { return _mm256_loadu_ps(p); }
  static TG_VEC_INLINE Vec loadu(const float* p, int count) {
    if (count >= 8) return _mm256_loadu_ps(p);
    return _mm256_maskload_ps(p, tail_mask(count));
  }
  TG_VEC_INLINE void storeu(float* p) const { _mm256_storeu_ps(p, v); }
  TG_VEC_INLINE void storeu(float* p, int count) const {
    if (count >= 8) return _mm256_storeu_ps(p, v);
    _mm256_maskstore_ps(p, tail_mask(count), v);
  }
  // Note [Vec contract], kHasGather: masked-off lanes are neither loaded (idx) nor gathered (base). AVX2 has no
  // unsigned compare: both sides have their sign bit flipped, then compare signed.
  template <typename I>
  static TG_VEC_INLINE Vec gather(const float* base, const I* idx, int count, uint64_t lim, int* ok) {
    if constexpr (sizeof(I) == 8) {  // two halves of 4 int64 indices
      const __m256i lane = _mm256_setr_epi64x(0, 1, 2, 3);
      const __m256i t0 = _mm256_cmpgt_epi64(_mm256_set1_epi64x(count), lane);
      const __m256i t1 = _mm256_cmpgt_epi64(_mm256_set1_epi64x(count - 4), lane);
      const __m256i sign = _mm256_set1_epi64x(static_cast<long long>(uint64_t(1) << 63));
      const __m256i l = _mm256_set1_epi64x(static_cast<long long>(lim ^ (uint64_t(1) << 63)));
      const long long* q = reinterpret_cast<const long long*>(idx);
      const __m256i a = _mm256_maskload_epi64(q, t0), b = _mm256_maskload_epi64(q + 4, t1);
      const __m256i ka = _mm256_and_si256(t0, _mm256_cmpgt_epi64(l, _mm256_xor_si256(a, sign)));
      const __m256i kb = _mm256_and_si256(t1, _mm256_cmpgt_epi64(l, _mm256_xor_si256(b, sign)));
      const __m256i even = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);  // 64-bit mask lanes -> 32-bit
      const __m128 ma = _mm_castsi128_ps(_mm256_castsi256_si128(_mm256_permutevar8x32_epi32(ka, even)));
      const __m128 mb = _mm_castsi128_ps(_mm256_castsi256_si128(_mm256_permutevar8x32_epi32(kb, even)));
      const __m128 lo = _mm256_mask_i64gather_ps(_mm_setzero_ps(), base, a, ma, 4);
      const __m128 hi = _mm256_mask_i64gather_ps(_mm_setzero_ps(), base, b, mb, 4);
      *ok = __builtin_ctz(~(unsigned(_mm256_movemask_pd(_mm256_castsi256_pd(ka))) |
                            (unsigned(_mm256_movemask_pd(_mm256_castsi256_pd(kb))) << 4)));
      return _mm256_set_m128(hi, lo);
    } else {
      const __m256i t = tail_mask(count);
      const __m256i sign = _mm256_set1_epi32(static_cast<int>(0x80000000u));
      const __m256i l = _mm256_set1_epi32(static_cast<int>(static_cast<uint32_t>(lim) ^ 0x80000000u));
      const __m256i a = _mm256_maskload_epi32(reinterpret_cast<const int*>(idx), t);
      const __m256i k = _mm256_and_si256(t, _mm256_cmpgt_epi32(l, _mm256_xor_si256(a, sign)));
      *ok = __builtin_ctz(~unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(k))));
      return _mm256_mask_i32gather_ps(_mm256_setzero_ps(), base, a, _mm256_castsi256_ps(k), 4);
    }
  }
  float operator[](int i) const {
    alignas(32) float t[8];
    _mm256_store_ps(t, v);
    return t[i];
  }

  TG_VEC_INLINE Vec abs() const { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), v); }
  // vminps/vmaxps return their second operand when either is NaN.
  TG_VEC_INLINE Vec clamp_keep_nan(const Vec& lo, const Vec& hi) const {
    return _mm256_max_ps(lo.v, _mm256_min_ps(hi.v, v));
  }
  TG_VEC_INLINE Vec neg() const { return _mm256_xor_ps(_mm256_set1_ps(-0.0f), v); }
  TG_VEC_INLINE Vec sqrt() const { return _mm256_sqrt_ps(v); }
  TG_VEC_INLINE Vec rsqrt() const { return _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_sqrt_ps(v)); }
  TG_VEC_INLINE Vec reciprocal() const { return _mm256_div_ps(_mm256_set1_ps(1.0f), v); }
  TG_VEC_INLINE Vec floor() const { return _mm256_round_ps(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec round() const { return _mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec is_nan() const { return _mm256_cmp_ps(v, v, _CMP_UNORD_Q); }

  TG_VEC_INLINE Vec cmp_eq(const Vec& b) const { return _mm256_cmp_ps(v, b.v, _CMP_EQ_OQ); }
  TG_VEC_INLINE Vec cmp_ne(const Vec& b) const { return _mm256_cmp_ps(v, b.v, _CMP_NEQ_UQ); }
  TG_VEC_INLINE Vec cmp_lt(const Vec& b) const { return _mm256_cmp_ps(v, b.v, _CMP_LT_OQ); }
  TG_VEC_INLINE Vec cmp_le(const Vec& b) const { return _mm256_cmp_ps(v, b.v, _CMP_LE_OQ); }
  TG_VEC_INLINE Vec cmp_gt(const Vec& b) const { return _mm256_cmp_ps(v, b.v, _CMP_GT_OQ); }
  TG_VEC_INLINE Vec cmp_ge(const Vec& b) const { return _mm256_cmp_ps(v, b.v, _CMP_GE_OQ); }
  static TG_VEC_INLINE bool all(const Vec& mask) { return _mm256_movemask_ps(mask.v) == 0xff; }
  static TG_VEC_INLINE Vec blendv(const Vec& a, const Vec& b, const Vec& mask) {
    return _mm256_blendv_ps(a.v, b.v, mask.v);
  }

  TG_VEC_INLINE float reduce_add() const {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
  }
  TG_VEC_INLINE float reduce_max() const {
    if (_mm256_movemask_ps(is_nan().v)) return __builtin_nanf("");
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
  }
  TG_VEC_INLINE float reduce_min() const {
    if (_mm256_movemask_ps(is_nan().v)) return __builtin_nanf("");
    __m128 s = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_min_ps(s, _mm_movehl_ps(s, s));
    s = _mm_min_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
  }

  static TG_VEC_INLINE Vec from_bits(bits_t b) { return _mm256_castsi256_ps(_mm256_set1_epi32(static_cast<int>(b))); }
  static TG_VEC_INLINE Vec shl(const Vec& a, int n) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(a.v), n));
  }
  static TG_VEC_INLINE Vec shr(const Vec& a, int n) {
    return _mm256_castsi256_ps(_mm256_srli_epi32(_mm256_castps_si256(a.v), n));
  }
  static TG_VEC_INLINE Vec iadd(const Vec& a, const Vec& b) {
    return _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(a.v), _mm256_castps_si256(b.v)));
  }
  static TG_VEC_INLINE Vec isub(const Vec& a, const Vec& b) {
    return _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_castps_si256(a.v), _mm256_castps_si256(b.v)));
  }
};

template <>
struct Vec<double> {
  using value_type = double;
  using bits_t = uint64_t;
  __m256d v;

  static constexpr int size() { return 4; }

  static constexpr bool kHasScalef = false;     // see Note [Vec contract]
  static constexpr bool kHasTranspose = false;  // see Note [Vec contract]
  static constexpr bool kHasGather = true;
  TG_VEC_INLINE Vec() : v(_mm256_setzero_pd()) {}
  TG_VEC_INLINE Vec(double s) : v(_mm256_set1_pd(s)) {}
  TG_VEC_INLINE Vec(__m256d x) : v(x) {}

  static TG_VEC_INLINE __m256i tail_mask(int count) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(count), _mm256_setr_epi64x(0, 1, 2, 3));
  }
  static TG_VEC_INLINE Vec loadu(const double* p) { return _mm256_loadu_pd(p); }
  static TG_VEC_INLINE Vec loadu(const double* p, int count) {
    if (count >= 4) return _mm256_loadu_pd(p);
    return _mm256_maskload_pd(p, tail_mask(count));
  }
  TG_VEC_INLINE void storeu(double* p) const { _mm256_storeu_pd(p, v); }
  TG_VEC_INLINE void storeu(double* p, int count) const {
    if (count >= 4) return _mm256_storeu_pd(p, v);
    _mm256_maskstore_pd(p, tail_mask(count), v);
  }
  // Note [Vec contract], kHasGather: as Vec<float>'s
  template <typename I>
  static TG_VEC_INLINE Vec gather(const double* base, const I* idx, int count, uint64_t lim, int* ok) {
    if constexpr (sizeof(I) == 8) {
      const __m256i t = tail_mask(count);
      const __m256i sign = _mm256_set1_epi64x(static_cast<long long>(uint64_t(1) << 63));
      const __m256i l = _mm256_set1_epi64x(static_cast<long long>(lim ^ (uint64_t(1) << 63)));
      const __m256i a = _mm256_maskload_epi64(reinterpret_cast<const long long*>(idx), t);
      const __m256i k = _mm256_and_si256(t, _mm256_cmpgt_epi64(l, _mm256_xor_si256(a, sign)));
      *ok = __builtin_ctz(~unsigned(_mm256_movemask_pd(_mm256_castsi256_pd(k))));
      return _mm256_mask_i64gather_pd(_mm256_setzero_pd(), base, a, _mm256_castsi256_pd(k), 8);
    } else {
      const __m128i t = _mm_cmpgt_epi32(_mm_set1_epi32(count), _mm_setr_epi32(0, 1, 2, 3));
      const __m128i sign = _mm_set1_epi32(static_cast<int>(0x80000000u));
      const __m128i l = _mm_set1_epi32(static_cast<int>(static_cast<uint32_t>(lim) ^ 0x80000000u));
      const __m128i a = _mm_maskload_epi32(reinterpret_cast<const int*>(idx), t);
      const __m128i k = _mm_and_si128(t, _mm_cmpgt_epi32(l, _mm_xor_si128(a, sign)));
      *ok = __builtin_ctz(~unsigned(_mm_movemask_ps(_mm_castsi128_ps(k))));
      return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), base, a, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(k)), 8);
    }
  }
  double operator[](int i) const {
    alignas(32) double t[4];
    _mm256_store_pd(t, v);
    return t[i];
  }

  TG_VEC_INLINE Vec abs() const { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), v); }
  TG_VEC_INLINE Vec clamp_keep_nan(const Vec& lo, const Vec& hi) const {
    return _mm256_max_pd(lo.v, _mm256_min_pd(hi.v, v));
  }
  TG_VEC_INLINE Vec neg() const { return _mm256_xor_pd(_mm256_set1_pd(-0.0), v); }
  TG_VEC_INLINE Vec sqrt() const { return _mm256_sqrt_pd(v); }
  TG_VEC_INLINE Vec rsqrt() const { return _mm256_div_pd(_mm256_set1_pd(1.0), _mm256_sqrt_pd(v)); }
  TG_VEC_INLINE Vec reciprocal() const { return _mm256_div_pd(_mm256_set1_pd(1.0), v); }
  TG_VEC_INLINE Vec floor() const { return _mm256_round_pd(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec round() const { return _mm256_round_pd(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec is_nan() const { return _mm256_cmp_pd(v, v, _CMP_UNORD_Q); }

  TG_VEC_INLINE Vec cmp_eq(const Vec& b) const { return _mm256_cmp_pd(v, b.v, _CMP_EQ_OQ); }
  TG_VEC_INLINE Vec cmp_ne(const Vec& b) const { return _mm256_cmp_pd(v, b.v, _CMP_NEQ_UQ); }
  TG_VEC_INLINE Vec cmp_lt(const Vec& b) const { return _mm256_cmp_pd(v, b.v, _CMP_LT_OQ); }
  TG_VEC_INLINE Vec cmp_le(const Vec& b) const { return _mm256_cmp_pd(v, b.v, _CMP_LE_OQ); }
  TG_VEC_INLINE Vec cmp_gt(const Vec& b) const { return _mm256_cmp_pd(v, b.v, _CMP_GT_OQ); }
  TG_VEC_INLINE Vec cmp_ge(const Vec& b) const { return _mm256_cmp_pd(v, b.v, _CMP_GE_OQ); }
  static TG_VEC_INLINE bool all(const Vec& mask) { return _mm256_movemask_pd(mask.v) == 0xf; }
  static TG_VEC_INLINE Vec blendv(const Vec& a, const Vec& b, const Vec& mask) {
    return _mm256_blendv_pd(a.v, b.v, mask.v);
  }

  TG_VEC_INLINE double reduce_add() const {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    s = _mm_add_sd(s, _mm_unpackhi_pd(s, s));
    return _mm_cvtsd_f64(s);
  }
  TG_VEC_INLINE double reduce_max() const {
    if (_mm256_movemask_pd(is_nan().v)) return __builtin_nan("");
    __m128d s = _mm_max_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    s = _mm_max_sd(s, _mm_unpackhi_pd(s, s));
    return _mm_cvtsd_f64(s);
  }
  TG_VEC_INLINE double reduce_min() const {
    if (_mm256_movemask_pd(is_nan().v)) return __builtin_nan("");
    __m128d s = _mm_min_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    s = _mm_min_sd(s, _mm_unpackhi_pd(s, s));
    return _mm_cvtsd_f64(s);
  }

  static TG_VEC_INLINE Vec from_bits(bits_t b) {
    return _mm256_castsi256_pd(_mm256_set1_epi64x(static_cast<long long>(b)));
  }
  static TG_VEC_INLINE Vec shl(const Vec& a, int n) {
    return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(a.v), n));
  }
  static TG_VEC_INLINE Vec shr(const Vec& a, int n) {
    return _mm256_castsi256_pd(_mm256_srli_epi64(_mm256_castpd_si256(a.v), n));
  }
  static TG_VEC_INLINE Vec iadd(const Vec& a, const Vec& b) {
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(a.v), _mm256_castpd_si256(b.v)));
  }
  static TG_VEC_INLINE Vec isub(const Vec& a, const Vec& b) {
    return _mm256_castsi256_pd(_mm256_sub_epi64(_mm256_castpd_si256(a.v), _mm256_castpd_si256(b.v)));
  }
};

// float
TG_VEC_INLINE Vec<float> operator+(const Vec<float>& a, const Vec<float>& b) { return _mm256_add_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator-(const Vec<float>& a, const Vec<float>& b) { return _mm256_sub_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator*(const Vec<float>& a, const Vec<float>& b) { return _mm256_mul_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator/(const Vec<float>& a, const Vec<float>& b) { return _mm256_div_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator-(const Vec<float>& a) { return a.neg(); }
TG_VEC_INLINE Vec<float> operator&(const Vec<float>& a, const Vec<float>& b) { return _mm256_and_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator|(const Vec<float>& a, const Vec<float>& b) { return _mm256_or_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator^(const Vec<float>& a, const Vec<float>& b) { return _mm256_xor_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> andnot(const Vec<float>& a, const Vec<float>& b) { return _mm256_andnot_ps(b.v, a.v); }
TG_VEC_INLINE Vec<float> fmadd(const Vec<float>& a, const Vec<float>& b, const Vec<float>& c) {
  return _mm256_fmadd_ps(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<float> muladd(const Vec<float>& a, const Vec<float>& b, const Vec<float>& c) {
  return _mm256_fmadd_ps(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<float> maximum(const Vec<float>& a, const Vec<float>& b) {
  return _mm256_or_ps(_mm256_max_ps(a.v, b.v), _mm256_cmp_ps(a.v, b.v, _CMP_UNORD_Q));
}
TG_VEC_INLINE Vec<float> minimum(const Vec<float>& a, const Vec<float>& b) {
  return _mm256_or_ps(_mm256_min_ps(a.v, b.v), _mm256_cmp_ps(a.v, b.v, _CMP_UNORD_Q));
}

// double
TG_VEC_INLINE Vec<double> operator+(const Vec<double>& a, const Vec<double>& b) { return _mm256_add_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator-(const Vec<double>& a, const Vec<double>& b) { return _mm256_sub_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator*(const Vec<double>& a, const Vec<double>& b) { return _mm256_mul_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator/(const Vec<double>& a, const Vec<double>& b) { return _mm256_div_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator-(const Vec<double>& a) { return a.neg(); }
TG_VEC_INLINE Vec<double> operator&(const Vec<double>& a, const Vec<double>& b) { return _mm256_and_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator|(const Vec<double>& a, const Vec<double>& b) { return _mm256_or_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator^(const Vec<double>& a, const Vec<double>& b) { return _mm256_xor_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> andnot(const Vec<double>& a, const Vec<double>& b) { return _mm256_andnot_pd(b.v, a.v); }
TG_VEC_INLINE Vec<double> fmadd(const Vec<double>& a, const Vec<double>& b, const Vec<double>& c) {
  return _mm256_fmadd_pd(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<double> muladd(const Vec<double>& a, const Vec<double>& b, const Vec<double>& c) {
  return _mm256_fmadd_pd(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<double> maximum(const Vec<double>& a, const Vec<double>& b) {
  return _mm256_or_pd(_mm256_max_pd(a.v, b.v), _mm256_cmp_pd(a.v, b.v, _CMP_UNORD_Q));
}
TG_VEC_INLINE Vec<double> minimum(const Vec<double>& a, const Vec<double>& b) {
  return _mm256_or_pd(_mm256_min_pd(a.v, b.v), _mm256_cmp_pd(a.v, b.v, _CMP_UNORD_Q));
}

}  // namespace TG_CPU_NS
}  // namespace tg
