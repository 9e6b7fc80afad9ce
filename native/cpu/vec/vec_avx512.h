// AVX-512 (F/DQ/VL/BW) Vec<float> (16 lanes) and Vec<double> (8 lanes); semantics per Note [Vec contract].
#pragma once
// NOTE: GCC 12.2 warns "__Y is used uninitialized" inside its own AVX-512 intrinsics (_mm512_undefined_*,
// GCC PR105593). The pragma covers the header text, so include this file before anything else pulls in immintrin.h.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "vec_generic.h"

#if !defined(__AVX512F__) || !defined(__AVX512DQ__) || !defined(__FMA__)
#error "vec_avx512.h needs -mavx512f -mavx512dq -mavx512vl -mavx512bw -mfma"
#endif

namespace tg {
namespace TG_CPU_NS {

// Note [AVX-512 masks as vectors]
// Comparisons produce a k-mask; we widen it to an all-ones/zero Vec (vpmovm2d/q) so kernels are written the same way
// on every ISA, and blendv is a bitwise select (vpternlog 0xCA: mask ? b : a).

template <>
struct Vec<float> {
  using value_type = float;
  using bits_t = uint32_t;
  __m512 v;

  static constexpr int size() { return 16; }
  static constexpr bool kHasScalef = true;
  static constexpr bool kHasTranspose = true;
  static constexpr bool kHasGather = true;
  TG_VEC_INLINE Vec() : v(_mm512_setzero_ps()) {}
  TG_VEC_INLINE Vec(float s) : v(_mm512_set1_ps(s)) {}
  TG_VEC_INLINE Vec(__m512 x) : v(x) {}

  static TG_VEC_INLINE __mmask16 tail_mask(int count) {
    return count <= 0 ? __mmask16(0) : count >= 16 ? __mmask16(~__mmask16(0)) : __mmask16((1u << count) - 1);
  }
  static TG_VEC_INLINE Vec from_mask(__mmask16 k) { return _mm512_castsi512_ps(_mm512_movm_epi32(k)); }
  static TG_VEC_INLINE Vec loadu(const float* p) { return _mm512_loadu_ps(p); }
  static TG_VEC_INLINE Vec loadu(const float* p, int count) { return _mm512_maskz_loadu_ps(tail_mask(count), p); }
  TG_VEC_INLINE void storeu(float* p) const { _mm512_storeu_ps(p, v); }
  TG_VEC_INLINE void storeu(float* p, int count) const { _mm512_mask_storeu_ps(p, tail_mask(count), v); }
  // Note [Vec contract], kHasGather: masked-off lanes are neither loaded (idx) nor gathered (base)
  template <typename I>
  static TG_VEC_INLINE Vec gather(const float* base, const I* idx, int count, uint64_t lim, int* ok) {
    if constexpr (sizeof(I) == 8) {  // two halves of 8 int64 indices
      const __mmask16 t = tail_mask(count);
      const __mmask8 t0 = __mmask8(t), t1 = __mmask8(t >> 8);
      const __m512i l = _mm512_set1_epi64(static_cast<long long>(lim));
      const __m512i a = _mm512_maskz_loadu_epi64(t0, idx), b = _mm512_maskz_loadu_epi64(t1, idx + 8);
      const __mmask8 ka = _mm512_mask_cmplt_epu64_mask(t0, a, l), kb = _mm512_mask_cmplt_epu64_mask(t1, b, l);
      const __m256 lo = _mm512_mask_i64gather_ps(_mm256_setzero_ps(), ka, a, base, 4);
      const __m256 hi = _mm512_mask_i64gather_ps(_mm256_setzero_ps(), kb, b, base, 4);
      *ok = __builtin_ctz(~(unsigned(ka) | (unsigned(kb) << 8)));
      return _mm512_insertf32x8(_mm512_castps256_ps512(lo), hi, 1);
    } else {
      const __mmask16 t = tail_mask(count);
      const __m512i a = _mm512_maskz_loadu_epi32(t, idx);
      const __mmask16 k = _mm512_mask_cmplt_epu32_mask(t, a, _mm512_set1_epi32(static_cast<int>(static_cast<uint32_t>(lim))));
      *ok = __builtin_ctz(~unsigned(k));
      return _mm512_mask_i32gather_ps(_mm512_setzero_ps(), k, a, base, 4);
    }
  }
  float operator[](int i) const {
    alignas(64) float t[16];
    _mm512_store_ps(t, v);
    return t[i];
  }

  TG_VEC_INLINE Vec abs() const { return _mm512_abs_ps(v); }
  // vminps/vmaxps return their second operand when either is NaN.
  TG_VEC_INLINE Vec clamp_keep_nan(const Vec& lo, const Vec& hi) const {
    return _mm512_max_ps(lo.v, _mm512_min_ps(hi.v, v));
  }
  TG_VEC_INLINE Vec neg() const { return _mm512_xor_ps(_mm512_set1_ps(-0.0f), v); }
  TG_VEC_INLINE Vec sqrt() const { return _mm512_sqrt_ps(v); }
  TG_VEC_INLINE Vec rsqrt() const { return _mm512_div_ps(_mm512_set1_ps(1.0f), _mm512_sqrt_ps(v)); }
  TG_VEC_INLINE Vec reciprocal() const { return _mm512_div_ps(_mm512_set1_ps(1.0f), v); }
  TG_VEC_INLINE Vec floor() const { return _mm512_roundscale_ps(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec round() const { return _mm512_roundscale_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec is_nan() const { return from_mask(_mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q)); }

  TG_VEC_INLINE Vec cmp_eq(const Vec& b) const { return from_mask(_mm512_cmp_ps_mask(v, b.v, _CMP_EQ_OQ)); }
  TG_VEC_INLINE Vec cmp_ne(const Vec& b) const { return from_mask(_mm512_cmp_ps_mask(v, b.v, _CMP_NEQ_UQ)); }
  TG_VEC_INLINE Vec cmp_lt(const Vec& b) const { return from_mask(_mm512_cmp_ps_mask(v, b.v, _CMP_LT_OQ)); }
  TG_VEC_INLINE Vec cmp_le(const Vec& b) const { return from_mask(_mm512_cmp_ps_mask(v, b.v, _CMP_LE_OQ)); }
  TG_VEC_INLINE Vec cmp_gt(const Vec& b) const { return from_mask(_mm512_cmp_ps_mask(v, b.v, _CMP_GT_OQ)); }
  TG_VEC_INLINE Vec cmp_ge(const Vec& b) const { return from_mask(_mm512_cmp_ps_mask(v, b.v, _CMP_GE_OQ)); }
  static TG_VEC_INLINE bool all(const Vec& mask) { return _mm512_movepi32_mask(_mm512_castps_si512(mask.v)) == 0xffff; }
  static TG_VEC_INLINE Vec blendv(const Vec& a, const Vec& b, const Vec& mask) {
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(mask.v), _mm512_castps_si512(b.v),
                                                           _mm512_castps_si512(a.v), 0xCA));
  }

  TG_VEC_INLINE float reduce_add() const { return _mm512_reduce_add_ps(v); }
  TG_VEC_INLINE float reduce_max() const {
    if (_mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q)) return __builtin_nanf("");
    return _mm512_reduce_max_ps(v);
  }
  TG_VEC_INLINE float reduce_min() const {
    if (_mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q)) return __builtin_nanf("");
    return _mm512_reduce_min_ps(v);
  }

  static TG_VEC_INLINE Vec from_bits(bits_t b) { return _mm512_castsi512_ps(_mm512_set1_epi32(static_cast<int>(b))); }
  static TG_VEC_INLINE Vec shl(const Vec& a, int n) {
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(a.v), static_cast<unsigned>(n)));
  }
  static TG_VEC_INLINE Vec shr(const Vec& a, int n) {
    return _mm512_castsi512_ps(_mm512_srli_epi32(_mm512_castps_si512(a.v), static_cast<unsigned>(n)));
  }
  static TG_VEC_INLINE Vec iadd(const Vec& a, const Vec& b) {
    return _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(a.v), _mm512_castps_si512(b.v)));
  }
  static TG_VEC_INLINE Vec isub(const Vec& a, const Vec& b) {
    return _mm512_castsi512_ps(_mm512_sub_epi32(_mm512_castps_si512(a.v), _mm512_castps_si512(b.v)));
  }
  static TG_VEC_INLINE Vec scalef(const Vec& a, const Vec& b) { return _mm512_scalef_ps(a.v, b.v); }
  // 16 x 16: 32-bit interleaves within 128-bit lanes, then 64-bit, then two rounds of 128-bit lane shuffles.
  static TG_VEC_INLINE void transpose(Vec (&r)[16]) {
    __m512 t[16], q[16];
    for (int j = 0; j < 8; ++j) {
      t[2 * j] = _mm512_unpacklo_ps(r[2 * j].v, r[2 * j + 1].v);
      t[2 * j + 1] = _mm512_unpackhi_ps(r[2 * j].v, r[2 * j + 1].v);
    }
    for (int g = 0; g < 4; ++g) {
      const __m512d t0 = _mm512_castps_pd(t[4 * g]), t1 = _mm512_castps_pd(t[4 * g + 1]);
      const __m512d t2 = _mm512_castps_pd(t[4 * g + 2]), t3 = _mm512_castps_pd(t[4 * g + 3]);
      q[4 * g + 0] = _mm512_castpd_ps(_mm512_unpacklo_pd(t0, t2));
      q[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(t0, t2));
      q[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(t1, t3));
      q[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(t1, t3));
    }
    // q[4g + c] 128-bit lane L now holds column c + 4L of rows 4g..4g+3.
    for (int c = 0; c < 4; ++c) {
      const __m512 v0 = _mm512_shuffle_f32x4(q[c], q[4 + c], 0x44), v1 = _mm512_shuffle_f32x4(q[c], q[4 + c], 0xEE);
      const __m512 w0 = _mm512_shuffle_f32x4(q[8 + c], q[12 + c], 0x44);
      const __m512 w1 = _mm512_shuffle_f32x4(q[8 + c], q[12 + c], 0xEE);
      r[c].v = _mm512_shuffle_f32x4(v0, w0, 0x88);
      r[c + 4].v = _mm512_shuffle_f32x4(v0, w0, 0xDD);
      r[c + 8].v = _mm512_shuffle_f32x4(v1, w1, 0x88);
      r[c + 12].v = _mm512_shuffle_f32x4(v1, w1, 0xDD);
    }
  }
};

TG_VEC_INLINE Vec<float> operator+(const Vec<float>& a, const Vec<float>& b) { return _mm512_add_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator-(const Vec<float>& a, const Vec<float>& b) { return _mm512_sub_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator*(const Vec<float>& a, const Vec<float>& b) { return _mm512_mul_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator/(const Vec<float>& a, const Vec<float>& b) { return _mm512_div_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator-(const Vec<float>& a) { return a.neg(); }
TG_VEC_INLINE Vec<float> operator&(const Vec<float>& a, const Vec<float>& b) { return _mm512_and_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator|(const Vec<float>& a, const Vec<float>& b) { return _mm512_or_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator^(const Vec<float>& a, const Vec<float>& b) { return _mm512_xor_ps(a.v, b.v); }
TG_VEC_INLINE Vec<float> andnot(const Vec<float>& a, const Vec<float>& b) { return _mm512_andnot_ps(b.v, a.v); }
TG_VEC_INLINE Vec<float> fmadd(const Vec<float>& a, const Vec<float>& b, const Vec<float>& c) {
  return _mm512_fmadd_ps(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<float> muladd(const Vec<float>& a, const Vec<float>& b, const Vec<float>& c) {
  return _mm512_fmadd_ps(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<float> maximum(const Vec<float>& a, const Vec<float>& b) {
  __mmask16 nan = _mm512_cmp_ps_mask(a.v, b.v, _CMP_UNORD_Q);
  // masked form: ordered lanes get max, NaN lanes keep the NaN source (also avoids a GCC 12 -Wuninitialized
  // false positive on _mm512_undefined_ps in the unmasked intrinsic).
  return _mm512_mask_max_ps(_mm512_set1_ps(__builtin_nanf("")), static_cast<__mmask16>(~nan), a.v, b.v);
}
TG_VEC_INLINE Vec<float> minimum(const Vec<float>& a, const Vec<float>& b) {
  __mmask16 nan = _mm512_cmp_ps_mask(a.v, b.v, _CMP_UNORD_Q);
  // masked form: ordered lanes get min, NaN lanes keep the NaN source (also avoids a GCC 12 -Wuninitialized
  // false positive on _mm512_undefined_ps in the unmasked intrinsic).
  return _mm512_mask_min_ps(_mm512_set1_ps(__builtin_nanf("")), static_cast<__mmask16>(~nan), a.v, b.v);
}

template <>
struct Vec<double> {
  using value_type = double;
  using bits_t = uint64_t;
  __m512d v;

  static constexpr int size() { return 8; }
  static constexpr bool kHasScalef = true;
  static constexpr bool kHasTranspose = true;
  static constexpr bool kHasGather = true;
  TG_VEC_INLINE Vec() : v(_mm512_setzero_pd()) {}
  TG_VEC_INLINE Vec(double s) : v(_mm512_set1_pd(s)) {}
  TG_VEC_INLINE Vec(__m512d x) : v(x) {}

  static TG_VEC_INLINE __mmask8 tail_mask(int count) {
    return count <= 0 ? __mmask8(0) : count >= 8 ? __mmask8(~__mmask8(0)) : __mmask8((1u << count) - 1);
  }
  static TG_VEC_INLINE Vec from_mask(__mmask8 k) { return _mm512_castsi512_pd(_mm512_movm_epi64(k)); }
  static TG_VEC_INLINE Vec loadu(const double* p) { return _mm512_loadu_pd(p); }
  static TG_VEC_INLINE Vec loadu(const double* p, int count) { return _mm512_maskz_loadu_pd(tail_mask(count), p); }
  TG_VEC_INLINE void storeu(double* p) const { _mm512_storeu_pd(p, v); }
  TG_VEC_INLINE void storeu(double* p, int count) const { _mm512_mask_storeu_pd(p, tail_mask(count), v); }
  // Note [Vec contract], kHasGather: masked-off lanes are neither loaded (idx) nor gathered (base)
  template <typename I>
  static TG_VEC_INLINE Vec gather(const double* base, const I* idx, int count, uint64_t lim, int* ok) {
    const __mmask8 t = tail_mask(count);
    if constexpr (sizeof(I) == 8) {
      const __m512i a = _mm512_maskz_loadu_epi64(t, idx);
      const __mmask8 k = _mm512_mask_cmplt_epu64_mask(t, a, _mm512_set1_epi64(static_cast<long long>(lim)));
      *ok = __builtin_ctz(~unsigned(k));
      return _mm512_mask_i64gather_pd(_mm512_setzero_pd(), k, a, base, 8);
    } else {
      const __m256i a = _mm256_maskz_loadu_epi32(t, idx);
      const __mmask8 k = _mm256_mask_cmplt_epu32_mask(t, a, _mm256_set1_epi32(static_cast<int>(static_cast<uint32_t>(lim))));
      *ok = __builtin_ctz(~unsigned(k));
      return _mm512_mask_i32gather_pd(_mm512_setzero_pd(), k, a, base, 8);
    }
  }
  double operator[](int i) const {
    alignas(64) double t[8];
    _mm512_store_pd(t, v);
    return t[i];
  }

  TG_VEC_INLINE Vec abs() const { return _mm512_abs_pd(v); }
  TG_VEC_INLINE Vec clamp_keep_nan(const Vec& lo, const Vec& hi) const {
    return _mm512_max_pd(lo.v, _mm512_min_pd(hi.v, v));
  }
  TG_VEC_INLINE Vec neg() const { return _mm512_xor_pd(_mm512_set1_pd(-0.0), v); }
  TG_VEC_INLINE Vec sqrt() const { return _mm512_sqrt_pd(v); }
  TG_VEC_INLINE Vec rsqrt() const { return _mm512_div_pd(_mm512_set1_pd(1.0), _mm512_sqrt_pd(v)); }
  TG_VEC_INLINE Vec reciprocal() const { return _mm512_div_pd(_mm512_set1_pd(1.0), v); }
  TG_VEC_INLINE Vec floor() const { return _mm512_roundscale_pd(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec round() const { return _mm512_roundscale_pd(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  TG_VEC_INLINE Vec is_nan() const { return from_mask(_mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q)); }

  TG_VEC_INLINE Vec cmp_eq(const Vec& b) const { return from_mask(_mm512_cmp_pd_mask(v, b.v, _CMP_EQ_OQ)); }
  TG_VEC_INLINE Vec cmp_ne(const Vec& b) const { return from_mask(_mm512_cmp_pd_mask(v, b.v, _CMP_NEQ_UQ)); }
  TG_VEC_INLINE Vec cmp_lt(const Vec& b) const { return from_mask(_mm512_cmp_pd_mask(v, b.v, _CMP_LT_OQ)); }
  TG_VEC_INLINE Vec cmp_le(const Vec& b) const { return from_mask(_mm512_cmp_pd_mask(v, b.v, _CMP_LE_OQ)); }
  TG_VEC_INLINE Vec cmp_gt(const Vec& b) const { return from_mask(_mm512_cmp_pd_mask(v, b.v, _CMP_GT_OQ)); }
  TG_VEC_INLINE Vec cmp_ge(const Vec& b) const { return from_mask(_mm512_cmp_pd_mask(v, b.v, _CMP_GE_OQ)); }
  static TG_VEC_INLINE bool all(const Vec& mask) { return _mm512_movepi64_mask(_mm512_castpd_si512(mask.v)) == 0xff; }
  static TG_VEC_INLINE Vec blendv(const Vec& a, const Vec& b, const Vec& mask) {
    return _mm512_castsi512_pd(_mm512_ternarylogic_epi64(_mm512_castpd_si512(mask.v), _mm512_castpd_si512(b.v),
                                                           _mm512_castpd_si512(a.v), 0xCA));
  }

  TG_VEC_INLINE double reduce_add() const { return _mm512_reduce_add_pd(v); }
  TG_VEC_INLINE double reduce_max() const {
    if (_mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q)) return __builtin_nan("");
    return _mm512_reduce_max_pd(v);
  }
  TG_VEC_INLINE double reduce_min() const {
    if (_mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q)) return __builtin_nan("");
    return _mm512_reduce_min_pd(v);
  }

  static TG_VEC_INLINE Vec from_bits(bits_t b) { return _mm512_castsi512_pd(_mm512_set1_epi64(static_cast<long long>(b))); }
  static TG_VEC_INLINE Vec shl(const Vec& a, int n) {
    return _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(a.v), static_cast<unsigned>(n)));
  }
  static TG_VEC_INLINE Vec shr(const Vec& a, int n) {
    return _mm512_castsi512_pd(_mm512_srli_epi64(_mm512_castpd_si512(a.v), static_cast<unsigned>(n)));
  }
  static TG_VEC_INLINE Vec iadd(const Vec& a, const Vec& b) {
    return _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(a.v), _mm512_castpd_si512(b.v)));
  }
  static TG_VEC_INLINE Vec isub(const Vec& a, const Vec& b) {
    return _mm512_castsi512_pd(_mm512_sub_epi64(_mm512_castpd_si512(a.v), _mm512_castpd_si512(b.v)));
  }
  static TG_VEC_INLINE Vec scalef(const Vec& a, const Vec& b) { return _mm512_scalef_pd(a.v, b.v); }
  // 8 x 8: 64-bit interleaves within 128-bit lanes, then two rounds of 128-bit lane shuffles.
  static TG_VEC_INLINE void transpose(Vec (&r)[8]) {
    __m512d t[8];
    for (int j = 0; j < 4; ++j) {
      t[2 * j] = _mm512_unpacklo_pd(r[2 * j].v, r[2 * j + 1].v);      // (a0 b0 | a2 b2 | a4 b4 | a6 b6)
      t[2 * j + 1] = _mm512_unpackhi_pd(r[2 * j].v, r[2 * j + 1].v);  // (a1 b1 | a3 b3 | a5 b5 | a7 b7)
    }
    const __m512d s0 = _mm512_shuffle_f64x2(t[0], t[2], 0x88), s1 = _mm512_shuffle_f64x2(t[0], t[2], 0xDD);
    const __m512d s2 = _mm512_shuffle_f64x2(t[1], t[3], 0x88), s3 = _mm512_shuffle_f64x2(t[1], t[3], 0xDD);
    const __m512d q0 = _mm512_shuffle_f64x2(t[4], t[6], 0x88), q1 = _mm512_shuffle_f64x2(t[4], t[6], 0xDD);
    const __m512d q2 = _mm512_shuffle_f64x2(t[5], t[7], 0x88), q3 = _mm512_shuffle_f64x2(t[5], t[7], 0xDD);
    r[0].v = _mm512_shuffle_f64x2(s0, q0, 0x88);
    r[4].v = _mm512_shuffle_f64x2(s0, q0, 0xDD);
    r[2].v = _mm512_shuffle_f64x2(s1, q1, 0x88);
    r[6].v = _mm512_shuffle_f64x2(s1, q1, 0xDD);
    r[1].v = _mm512_shuffle_f64x2(s2, q2, 0x88);
    r[5].v = _mm512_shuffle_f64x2(s2, q2, 0xDD);
    r[3].v = _mm512_shuffle_f64x2(s3, q3, 0x88);
    r[7].v = _mm512_shuffle_f64x2(s3, q3, 0xDD);
  }
};

TG_VEC_INLINE Vec<double> operator+(const Vec<double>& a, const Vec<double>& b) { return _mm512_add_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator-(const Vec<double>& a, const Vec<double>& b) { return _mm512_sub_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator*(const Vec<double>& a, const Vec<double>& b) { return _mm512_mul_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator/(const Vec<double>& a, const Vec<double>& b) { return _mm512_div_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator-(const Vec<double>& a) { return a.neg(); }
TG_VEC_INLINE Vec<double> operator&(const Vec<double>& a, const Vec<double>& b) { return _mm512_and_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator|(const Vec<double>& a, const Vec<double>& b) { return _mm512_or_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator^(const Vec<double>& a, const Vec<double>& b) { return _mm512_xor_pd(a.v, b.v); }
TG_VEC_INLINE Vec<double> andnot(const Vec<double>& a, const Vec<double>& b) { return _mm512_andnot_pd(b.v, a.v); }
TG_VEC_INLINE Vec<double> fmadd(const Vec<double>& a, const Vec<double>& b, const Vec<double>& c) {
  return _mm512_fmadd_pd(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<double> muladd(const Vec<double>& a, const Vec<double>& b, const Vec<double>& c) {
  return _mm512_fmadd_pd(a.v, b.v, c.v);
}
TG_VEC_INLINE Vec<double> maximum(const Vec<double>& a, const Vec<double>& b) {
  __mmask8 nan = _mm512_cmp_pd_mask(a.v, b.v, _CMP_UNORD_Q);
  // masked form: ordered lanes get max, NaN lanes keep the NaN source (also avoids a GCC 12 -Wuninitialized
  // false positive on _mm512_undefined_pd in the unmasked intrinsic).
  return _mm512_mask_max_pd(_mm512_set1_pd(__builtin_nan("")), static_cast<__mmask8>(~nan), a.v, b.v);
}
TG_VEC_INLINE Vec<double> minimum(const Vec<double>& a, const Vec<double>& b) {
  __mmask8 nan = _mm512_cmp_pd_mask(a.v, b.v, _CMP_UNORD_Q);
  // masked form: ordered lanes get min, NaN lanes keep the NaN source (also avoids a GCC 12 -Wuninitialized
  // false positive on _mm512_undefined_pd in the unmasked intrinsic).
  return _mm512_mask_min_pd(_mm512_set1_pd(__builtin_nan("")), static_cast<__mmask8>(~nan), a.v, b.v);
}

}  // namespace TG_CPU_NS
}  // namespace tg
