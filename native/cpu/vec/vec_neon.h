// NEON (aarch64) Vec<float> (4 lanes) and Vec<double> (2 lanes); semantics per Note [Vec contract].
#pragma once
#include <arm_neon.h>

#include "vec_generic.h"

#if !defined(__aarch64__)
#error "vec_neon.h targets aarch64 (needs f64 vectors, vsqrtq, vrndnq, FMAX NaN semantics)"
#endif

namespace tg {
namespace TG_CPU_NS {

// NOTE: aarch64 FMAX/FMIN already return NaN when either input is NaN, matching maximum/minimum.

namespace vec_detail {
TG_VEC_INLINE uint32x4_t neon_not(uint32x4_t x) { return vmvnq_u32(x); }
}  // namespace vec_detail

template <>
struct Vec<float> {
  using value_type = float;
  using bits_t = uint32_t;
  float32x4_t v;

  static constexpr int size() { return 4; }

  static constexpr bool kHasScalef = false;     // see Note [Vec contract]
  static constexpr bool kHasTranspose = false;  // see Note [Vec contract]
  static constexpr bool kHasGather = false;     // see Note [Vec contract]
  TG_VEC_INLINE Vec() : v(vdupq_n_f32(0)) {}
  TG_VEC_INLINE Vec(float x) : v(vdupq_n_f32(x)) {}
  TG_VEC_INLINE Vec(float32x4_t x) : v(x) {}
  static TG_VEC_INLINE Vec from_u(uint32x4_t x) { return vreinterpretq_f32_u32(x); }
  TG_VEC_INLINE uint32x4_t u() const { return vreinterpretq_u32_f32(v); }

  static TG_VEC_INLINE Vec loadu(const float* p) { return vld1q_f32(p); }
  static TG_VEC_INLINE Vec loadu(const float* p, int count) {
    if (count >= 4) return vld1q_f32(p);
    float t[4] = {};
    for (int i = 0; i < count; i++) t[i] = p[i];
    return vld1q_f32(t);
  }
  TG_VEC_INLINE void storeu(float* p) const { vst1q_f32(p, v); }
  TG_VEC_INLINE void storeu(float* p, int count) const {
    if (count >= 4) return vst1q_f32(p, v);
    float t[4];
    vst1q_f32(t, v);
    for (int i = 0; i < count; i++) p[i] = t[i];
  }
  float operator[](int i) const {
    float t[4];
    vst1q_f32(t, v);
    return t[i];
  }

  TG_VEC_INLINE Vec abs() const { return vabsq_f32(v); }
  // FMIN/FMAX return NaN when either operand is NaN.
  TG_VEC_INLINE Vec clamp_keep_nan(const Vec& lo, const Vec& hi) const { return vmaxq_f32(lo.v, vminq_f32(hi.v, v)); }
  TG_VEC_INLINE Vec neg() const { return vnegq_f32(v); }
  TG_VEC_INLINE Vec sqrt() const { return vsqrtq_f32(v); }
  TG_VEC_INLINE Vec rsqrt() const { return vdivq_f32(vdupq_n_f32(1), vsqrtq_f32(v)); }
  TG_VEC_INLINE Vec reciprocal() const { return vdivq_f32(vdupq_n_f32(1), v); }
  TG_VEC_INLINE Vec floor() const { return vrndmq_f32(v); }
  TG_VEC_INLINE Vec round() const { return vrndnq_f32(v); }
  TG_VEC_INLINE Vec is_nan() const { return from_u(vec_detail::neon_not(vceqq_f32(v, v))); }

  TG_VEC_INLINE Vec cmp_eq(const Vec& b) const { return from_u(vceqq_f32(v, b.v)); }
  TG_VEC_INLINE Vec cmp_ne(const Vec& b) const { return from_u(vec_detail::neon_not(vceqq_f32(v, b.v))); }
  TG_VEC_INLINE Vec cmp_lt(const Vec& b) const { return from_u(vcltq_f32(v, b.v)); }
  TG_VEC_INLINE Vec cmp_le(const Vec& b) const { return from_u(vcleq_f32(v, b.v)); }
  TG_VEC_INLINE Vec cmp_gt(const Vec& b) const { return from_u(vcgtq_f32(v, b.v)); }
  TG_VEC_INLINE Vec cmp_ge(const Vec& b) const { return from_u(vcgeq_f32(v, b.v)); }
  static TG_VEC_INLINE bool all(const Vec& mask) { return vminvq_u32(mask.u()) != 0; }
  static TG_VEC_INLINE Vec blendv(const Vec& a, const Vec& b, const Vec& mask) {
    return vbslq_f32(mask.u(), b.v, a.v);
  }

  TG_VEC_INLINE float reduce_add() const { return vaddvq_f32(v); }
  TG_VEC_INLINE float reduce_max() const { return vmaxvq_f32(v); }
  TG_VEC_INLINE float reduce_min() const { return vminvq_f32(v); }

  static TG_VEC_INLINE Vec from_bits(bits_t b) { return from_u(vdupq_n_u32(b)); }
  static TG_VEC_INLINE Vec shl(const Vec& a, int n) { return from_u(vshlq_u32(a.u(), vdupq_n_s32(n))); }
  static TG_VEC_INLINE Vec shr(const Vec& a, int n) { return from_u(vshlq_u32(a.u(), vdupq_n_s32(-n))); }
  static TG_VEC_INLINE Vec iadd(const Vec& a, const Vec& b) { return from_u(vaddq_u32(a.u(), b.u())); }
  static TG_VEC_INLINE Vec isub(const Vec& a, const Vec& b) { return from_u(vsubq_u32(a.u(), b.u())); }
};

TG_VEC_INLINE Vec<float> operator+(const Vec<float>& a, const Vec<float>& b) { return vaddq_f32(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator-(const Vec<float>& a, const Vec<float>& b) { return vsubq_f32(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator*(const Vec<float>& a, const Vec<float>& b) { return vmulq_f32(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator/(const Vec<float>& a, const Vec<float>& b) { return vdivq_f32(a.v, b.v); }
TG_VEC_INLINE Vec<float> operator-(const Vec<float>& a) { return a.neg(); }
TG_VEC_INLINE Vec<float> operator&(const Vec<float>& a, const Vec<float>& b) { return Vec<float>::from_u(vandq_u32(a.u(), b.u())); }
TG_VEC_INLINE Vec<float> operator|(const Vec<float>& a, const Vec<float>& b) { return Vec<float>::from_u(vorrq_u32(a.u(), b.u())); }
TG_VEC_INLINE Vec<float> operator^(const Vec<float>& a, const Vec<float>& b) { return Vec<float>::from_u(veorq_u32(a.u(), b.u())); }
TG_VEC_INLINE Vec<float> andnot(const Vec<float>& a, const Vec<float>& b) { return Vec<float>::from_u(vbicq_u32(a.u(), b.u())); }
TG_VEC_INLINE Vec<float> fmadd(const Vec<float>& a, const Vec<float>& b, const Vec<float>& c) { return vfmaq_f32(c.v, a.v, b.v); }
TG_VEC_INLINE Vec<float> muladd(const Vec<float>& a, const Vec<float>& b, const Vec<float>& c) { return vfmaq_f32(c.v, a.v, b.v); }
TG_VEC_INLINE Vec<float> maximum(const Vec<float>& a, const Vec<float>& b) { return vmaxq_f32(a.v, b.v); }
TG_VEC_INLINE Vec<float> minimum(const Vec<float>& a, const Vec<float>& b) { return vminq_f32(a.v, b.v); }

namespace vec_detail {
TG_VEC_INLINE uint64x2_t neon_not(uint64x2_t x) { return vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(x))); }
}  // namespace vec_detail

template <>
struct Vec<double> {
  using value_type = double;
  using bits_t = uint64_t;
  float64x2_t v;

  static constexpr int size() { return 2; }

  static constexpr bool kHasScalef = false;     // see Note [Vec contract]
  static constexpr bool kHasTranspose = false;  // see Note [Vec contract]
  static constexpr bool kHasGather = false;     // see Note [Vec contract]
  TG_VEC_INLINE Vec() : v(vdupq_n_f64(0)) {}
  TG_VEC_INLINE Vec(double x) : v(vdupq_n_f64(x)) {}
  TG_VEC_INLINE Vec(float64x2_t x) : v(x) {}
  static TG_VEC_INLINE Vec from_u(uint64x2_t x) { return vreinterpretq_f64_u64(x); }
  TG_VEC_INLINE uint64x2_t u() const { return vreinterpretq_u64_f64(v); }

  static TG_VEC_INLINE Vec loadu(const double* p) { return vld1q_f64(p); }
  static TG_VEC_INLINE Vec loadu(const double* p, int count) {
    if (count >= 2) return vld1q_f64(p);
    double t[2] = {};
    for (int i = 0; i < count; i++) t[i] = p[i];
    return vld1q_f64(t);
  }
  TG_VEC_INLINE void storeu(double* p) const { vst1q_f64(p, v); }
  TG_VEC_INLINE void storeu(double* p, int count) const {
    if (count >= 2) return vst1q_f64(p, v);
    double t[2];
    vst1q_f64(t, v);
    for (int i = 0; i < count; i++) p[i] = t[i];
  }
  double operator[](int i) const {
    double t[2];
    vst1q_f64(t, v);
    return t[i];
  }

  TG_VEC_INLINE Vec abs() const { return vabsq_f64(v); }
  TG_VEC_INLINE Vec clamp_keep_nan(const Vec& lo, const Vec& hi) const { return vmaxq_f64(lo.v, vminq_f64(hi.v, v)); }
  TG_VEC_INLINE Vec neg() const { return vnegq_f64(v); }
  TG_VEC_INLINE Vec sqrt() const { return vsqrtq_f64(v); }
  TG_VEC_INLINE Vec rsqrt() const { return vdivq_f64(vdupq_n_f64(1), vsqrtq_f64(v)); }
  TG_VEC_INLINE Vec reciprocal() const { return vdivq_f64(vdupq_n_f64(1), v); }
  TG_VEC_INLINE Vec floor() const { return vrndmq_f64(v); }
  TG_VEC_INLINE Vec round() const { return vrndnq_f64(v); }
  TG_VEC_INLINE Vec is_nan() const { return from_u(vec_detail::neon_not(vceqq_f64(v, v))); }

  TG_VEC_INLINE Vec cmp_eq(const Vec& b) const { return from_u(vceqq_f64(v, b.v)); }
  TG_VEC_INLINE Vec cmp_ne(const Vec& b) const { return from_u(vec_detail::neon_not(vceqq_f64(v, b.v))); }
  TG_VEC_INLINE Vec cmp_lt(const Vec& b) const { return from_u(vcltq_f64(v, b.v)); }
  TG_VEC_INLINE Vec cmp_le(const Vec& b) const { return from_u(vcleq_f64(v, b.v)); }
  TG_VEC_INLINE Vec cmp_gt(const Vec& b) const { return from_u(vcgtq_f64(v, b.v)); }
  TG_VEC_INLINE Vec cmp_ge(const Vec& b) const { return from_u(vcgeq_f64(v, b.v)); }
  static TG_VEC_INLINE bool all(const Vec& mask) {
    return (vgetq_lane_u64(mask.u(), 0) & vgetq_lane_u64(mask.u(), 1)) != 0;
  }
  static TG_VEC_INLINE Vec blendv(const Vec& a, const Vec& b, const Vec& mask) {
    return vbslq_f64(mask.u(), b.v, a.v);
  }

  TG_VEC_INLINE double reduce_add() const { return vaddvq_f64(v); }
  TG_VEC_INLINE double reduce_max() const { return vmaxvq_f64(v); }
  TG_VEC_INLINE double reduce_min() const { return vminvq_f64(v); }

  static TG_VEC_INLINE Vec from_bits(bits_t b) { return from_u(vdupq_n_u64(b)); }
  static TG_VEC_INLINE Vec shl(const Vec& a, int n) { return from_u(vshlq_u64(a.u(), vdupq_n_s64(n))); }
  static TG_VEC_INLINE Vec shr(const Vec& a, int n) { return from_u(vshlq_u64(a.u(), vdupq_n_s64(-n))); }
  static TG_VEC_INLINE Vec iadd(const Vec& a, const Vec& b) { return from_u(vaddq_u64(a.u(), b.u())); }
  static TG_VEC_INLINE Vec isub(const Vec& a, const Vec& b) { return from_u(vsubq_u64(a.u(), b.u())); }
};

TG_VEC_INLINE Vec<double> operator+(const Vec<double>& a, const Vec<double>& b) { return vaddq_f64(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator-(const Vec<double>& a, const Vec<double>& b) { return vsubq_f64(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator*(const Vec<double>& a, const Vec<double>& b) { return vmulq_f64(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator/(const Vec<double>& a, const Vec<double>& b) { return vdivq_f64(a.v, b.v); }
TG_VEC_INLINE Vec<double> operator-(const Vec<double>& a) { return a.neg(); }
TG_VEC_INLINE Vec<double> operator&(const Vec<double>& a, const Vec<double>& b) { return Vec<double>::from_u(vandq_u64(a.u(), b.u())); }
TG_VEC_INLINE Vec<double> operator|(const Vec<double>& a, const Vec<double>& b) { return Vec<double>::from_u(vorrq_u64(a.u(), b.u())); }
TG_VEC_INLINE Vec<double> operator^(const Vec<double>& a, const Vec<double>& b) { return Vec<double>::from_u(veorq_u64(a.u(), b.u())); }
TG_VEC_INLINE Vec<double> andnot(const Vec<double>& a, const Vec<double>& b) { return Vec<double>::from_u(vbicq_u64(a.u(), b.u())); }
TG_VEC_INLINE Vec<double> fmadd(const Vec<double>& a, const Vec<double>& b, const Vec<double>& c) { return vfmaq_f64(c.v, a.v, b.v); }
TG_VEC_INLINE Vec<double> muladd(const Vec<double>& a, const Vec<double>& b, const Vec<double>& c) { return vfmaq_f64(c.v, a.v, b.v); }
TG_VEC_INLINE Vec<double> maximum(const Vec<double>& a, const Vec<double>& b) { return vmaxq_f64(a.v, b.v); }
TG_VEC_INLINE Vec<double> minimum(const Vec<double>& a, const Vec<double>& b) { return vminq_f64(a.v, b.v); }

}  // namespace TG_CPU_NS
}  // namespace tg
