// Vectorized exp/log/tanh/sigmoid/sin/cos/erf written once over Vec<T> (float, double); no libm. See docs/numerics.md.
#pragma once
#include <cstddef>
#include <cstdint>

#include "vec.h"

namespace tg {
namespace TG_CPU_NS {

// Note [vec_math design]
// - Every function is lane-wise: lane i of the result depends only on lane i of the input. The scalar wrappers
//   (sexp, ...) broadcast, run the same vector code and take lane 0, so scalar, tail (loadu(p, n)) and full-vector
//   results are bit-identical within one ISA. Different ISAs may differ in the last bit (FMA vs not).
// - Polynomial coefficients come from a relative-error Remez exchange run by us (mpmath, 60 digits); the fitted
//   interval and achieved error are written next to each table. Range reduction is Cody-Waite with split constants
//   whose products with the reduction integer k are exact (or exactly rounded with FMA).
// - The float algorithms use fmadd for exactness where noted; the generic float fmadd is computed in double (see
//   Note [Vec contract]), which keeps those steps exact. The double algorithms do not depend on fusion.
// - Requires IEEE semantics: never compile with -ffast-math / -ffinite-math-only. Subnormals are handled
//   (inputs and outputs) as long as FTZ/DAZ are off, which is the default in Node.
// - 2^k is built from bits: z = v + 1.5*2^(p-1) ("shifter") holds round(v) in its low mantissa bits, and
//   (bits(z) << p) + bits(1.0) = bits(2^round(v)) for round(v) in the normal exponent range.

namespace vec_math_detail {

template <typename T> struct K;

template <> struct K<float> {
  static constexpr int kMant = 23;
  static constexpr uint32_t kOneBits = 0x3f800000u;
  static constexpr float kShifter = 0x1.8p23f;
  // exp
  static constexpr float kExpHi = 89.0f;    // exp(89) overflows to inf; n = 128 still splits as 2^64 * 2^64
  static constexpr float kExpLo = -104.0f;  // exp(-104) < 2^-150 rounds to 0; n = -150 splits as 2^-75 * 2^-75
  static constexpr float kLog2e = 0x1.715476p+0f;
  static constexpr float kLn2Hi = 0x1.62e4p-1f;  // 15 significant bits: n * kLn2Hi exact for |n| <= 2^8
  static constexpr float kLn2Lo = 0x1.7f7d1cp-20f;
  static constexpr float kExactScaleMax = 125.0f;  // p * 2^n normal for p in [0.7, 1.5), |n| <= 125
  // e^r = 1 + r + r^2 * Q(r), |r| <= 0.3467; rel err of Q 2^-22.9 (its weight in the result is < 0.07)
  static constexpr float kExpQ[5] = {0x1.000000p-1f, 0x1.5554dep-3f, 0x1.5555bap-5f, 0x1.120b4ap-7f, 0x1.6c6a02p-10f};
  // log: x = 2^k * m, m in [0x3f2aaaab, 2*0x3f2aaaab) ~ [2/3, 4/3); log1p(r) = r + r^2 * Q(r), |r| <= 1/3
  static constexpr uint32_t kLogOff = 0x3f2aaaabu;
  static constexpr uint32_t kMantMask = 0x007fffffu;
  static constexpr float kTiny = 0x1p-126f;
  static constexpr float kSubScale = 0x1p23f;
  static constexpr float kSubK = 23.0f;
  static constexpr float kLogQ[9] = {-0x1.000000p-1f, 0x1.55552cp-2f, -0x1.ffff68p-3f, 0x1.99bfe2p-3f, -0x1.558608p-3f,
                                     0x1.1fd68ap-3f,  -0x1.f5c784p-4f, 0x1.19b1e4p-3f, -0x1.01f2fap-3f};  // 2^-24.4
  // tanh: |x| <= kTanhSmall: x + x^3 * P(x^2); rel err of P 2^-24.3
  static constexpr float kTanhSmall = 0.5625f;
  static constexpr float kTanhP[5] = {-0x1.555554p-2f, 0x1.110fb4p-3f, -0x1.b99036p-5f, 0x1.5c6166p-6f, -0x1.ababa8p-8f};
  // sin/cos: r = x - n*pi/2, pi/2 = C1 + C2 + C3 + C4 (each rounded to float; fmadd keeps x - n*C1 exact)
  static constexpr float kTwoOverPi = 0x1.45f306p-1f;
  static constexpr float kPio2_1 = 0x1.921fb6p+0f;
  static constexpr float kPio2_2 = -0x1.777a5cp-25f;
  static constexpr float kPio2_3 = -0x1.ee59dap-50f;
  static constexpr float kPio2_4 = 0x1.98a2e0p-77f;  // 4th part: keeps |x| up to ~2^22 accurate (see Note below)
  // The float n = round(x * 2/pi) can be off by one near half-integers (x * 2/pi carries a 2^-24 relative error),
  // which pushes |r| past pi/4 by up to |x| * 2^-24; fitting to 0.9 absorbs that for |x| up to ~2e6.
  static constexpr float kRMax = 0.9f;
  // sin r = r + r^3 * S(r^2), cos r = 1 - r^2/2 + r^4 * C(r^2), |r| <= 0.9; rel err 2^-30.9 / 2^-32.5
  static constexpr float kSinS[4] = {-0x1.555556p-3f, 0x1.11110ap-7f, -0x1.a00f06p-13f, 0x1.6c72a0p-19f};
  static constexpr float kCosC[4] = {0x1.555556p-5f, -0x1.6c16bcp-10f, 0x1.a012b0p-16f, -0x1.2447b6p-22f};
  // erf: |x| < kErfSmall: x + x * S(x^2), abs err of S 2^-26.7 (S(0) = 2/sqrt(pi) - 1). Else erfc(|x|) =
  // exp(-x^2) * R(t), t = 1 / (1 + kErfP * |x|), |x| in [kErfSmall, kErfMax]; rel err of R 2^-29.7. Past kErfMax
  // erf rounds to 1 (erfc(4) = 1.5e-8 < 2^-25).
  static constexpr float kErfSmall = 0.875f;
  static constexpr float kErfMax = 4.0f;
  static constexpr float kErfP = 0.5f;
  static constexpr float kErfS[6] = {0x1.06eba6p-3f, -0x1.81270ep-2f, 0x1.ce218ep-4f,
                                     -0x1.b6f9c4p-6f, 0x1.49eebap-8f,  -0x1.45d2cp-11f};
  static constexpr float kErfR[8] = {-0x1.5ab30ep-13f, 0x1.23eb06p-2f, 0x1.08e072p-2f,  0x1.67b6cap-2f,
                                     -0x1.c541f2p-4f,  0x1.24b9a8p-1f, -0x1.e838a2p-2f, 0x1.ef3d3ap-4f};
};

template <> struct K<double> {
  static constexpr int kMant = 52;
  static constexpr uint64_t kOneBits = 0x3ff0000000000000ull;
  static constexpr double kShifter = 0x1.8p52;
  static constexpr double kExpHi = 710.0;   // n <= 1025 → 2^513 * 2^512
  static constexpr double kExpLo = -746.0;  // n >= -1077 → 2^-539 * 2^-538
  static constexpr double kLog2e = 0x1.71547652b82fep+0;
  static constexpr double kLn2Hi = 0x1.62e42fee00000p-1;  // 32 significant bits
  static constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
  static constexpr double kExactScaleMax = 1021.0;
  // Q rel err 2^-52.1 on |r| <= 0.3467
  static constexpr double kExpQ[10] = {0x1.0000000000001p-1, 0x1.555555555554dp-3, 0x1.5555555553d70p-5,
                                       0x1.11111111144aap-7, 0x1.6c16c178886c2p-10, 0x1.a01a018c27e85p-13,
                                       0x1.a019b915c28bdp-16, 0x1.71de5a4787387p-19, 0x1.28917f5e44e22p-22,
                                       0x1.aeab039bc49dap-26};
  // log: m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f/(2+f), z = s^2, log1p(f) = 2s + s*z*T(z); T rel err 2^-58.2
  static constexpr uint64_t kLogOff = 0x3fe6a09e667f3bcdull;
  static constexpr uint64_t kMantMask = 0x000fffffffffffffull;
  static constexpr double kTiny = 0x1p-1022;
  static constexpr double kSubScale = 0x1p52;
  static constexpr double kSubK = 52.0;
  static constexpr double kLogT[8] = {0x1.5555555555555p-1, 0x1.9999999999a38p-2, 0x1.2492492476ac2p-2,
                                      0x1.c71c72018f78dp-3, 0x1.745cf8ef01f16p-3, 0x1.3b1c39ba3d28ap-3,
                                      0x1.0fbe255692c52p-3, 0x1.0c080b49030acp-3};
  static constexpr double kTanhSmall = 0.5625;
  // P rel err 2^-54.6 on x^2 <= 0.5625^2
  static constexpr double kTanhP[11] = {-0x1.5555555555555p-2, 0x1.1111111110fbep-3, -0x1.ba1ba1b9f19fdp-5,
                                        0x1.664f48727d932p-6,  -0x1.226e32217a493p-7, 0x1.d6d30f9f4a818p-9,
                                        -0x1.7d9546482310dp-10, 0x1.34ad364c17d8ap-11, -0x1.eaf4c190aaa57p-13,
                                        0x1.616ff0ee4b82ap-14, -0x1.500055850b88cp-16};
  // pi/2 = C1 + C2 + C3 with C1, C2 of 33 bits: n*C1, n*C2 exact for |n| < 2^20 with or without FMA
  static constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;
  static constexpr double kPio2_1 = 0x1.921fb54400000p+0;
  static constexpr double kPio2_2 = 0x1.0b4611a600000p-34;
  static constexpr double kPio2_3 = 0x1.3198a2e037073p-69;
  static constexpr double kRMax = 0x1.9a2a950d4e651p-1;
  static constexpr double kSinS[7] = {-0x1.5555555555555p-3, 0x1.1111111111110p-7, -0x1.a01a01a0197a5p-13,
                                      0x1.71de3a5430decp-19, -0x1.ae6453c1ecb1dp-26, 0x1.6121407acc4c4p-33,
                                      -0x1.aaf3c9af09170p-41};
  static constexpr double kCosC[7] = {0x1.5555555555555p-5, -0x1.6c16c16c16c16p-10, 0x1.a01a01a019c5ap-16,
                                      -0x1.27e4fb76fde54p-22, 0x1.1eed8dc80dfedp-29, -0x1.939482fa0e32dp-37,
                                      0x1.ab5898e6a8004p-45};
  // erf: as for float; abs err of S 2^-55.3 on x^2 <= 0.875^2, rel err of R 2^-56.2 on [0.875, 6] with
  // kErfP = 0.3275911 (Abramowitz & Stegun's); erfc(6) = 2.2e-17 < 2^-54.
  static constexpr double kErfSmall = 0.875;
  static constexpr double kErfMax = 6.0;
  static constexpr double kErfP = 0.3275911;
  static constexpr double kErfS[11] = {0x1.06eba8214db68p-3,  -0x1.812746b037966p-2, 0x1.ce2f21a03c2e7p-4,
                                       -0x1.b82ce31070b34p-6, 0x1.565bccb69554ep-8,  -0x1.c02da32e567f3p-11,
                                       0x1.f9a123b1c535ep-14, -0x1.f4aa9ce9b09efp-17, 0x1.b7eb5624cf151p-20,
                                       -0x1.4f89e4c7e59f7p-23, 0x1.67c831aa15fe9p-27};
  static constexpr double kErfR[16] = {0x1.07d67d6711ab7p-21, 0x1.7a7cd90910de5p-3,  0x1.7af4c8d2214bfp-3,
                                       0x1.626234c778753p-3,  0x1.548df6f741163p-3,  0x1.3f42c93b85d05p-4,
                                       0x1.04082b17a6493p-2,  -0x1.5bd02f0b8063ap-2, 0x1.9383d3782c880p-1,
                                       -0x1.153653711917dp+0, 0x1.2615147ee9fb0p+0,  -0x1.ba7fa6fe0de66p-1,
                                       0x1.8e9ca35dbe057p-2,  -0x1.4f027f4016523p-4, -0x1.2b2b4ff16eb0bp-10,
                                       0x1.490a7ef20470cp-9};
};

// Horner with fmadd, unrolled at compile time: c[0] + x*(c[1] + x*(...)).
template <size_t I, typename T, size_t N>
TG_VEC_INLINE Vec<T> horner(const Vec<T>& x, const T (&c)[N]) {
  if constexpr (I + 1 == N) {
    (void)x;
    return Vec<T>(c[I]);
  } else {
    return fmadd(horner<I + 1>(x, c), x, Vec<T>(c[I]));
  }
}
template <typename T, size_t N>
TG_VEC_INLINE Vec<T> poly(const Vec<T>& x, const T (&c)[N]) {
  return horner<0>(x, c);
}

// 2^round(v) for |round(v)| in the normal exponent range, given z = v + kShifter (see Note [vec_math design]).
template <typename T>
TG_VEC_INLINE Vec<T> pow2_from_shifted(const Vec<T>& z) {
  using V = Vec<T>;
  return V::iadd(V::shl(z, K<T>::kMant), V::from_bits(K<T>::kOneBits));
}

// p * 2^n for integral n in [-151, 129] (double: [-1077, 1025]) and p in [0.7, 1.5), rounded once (subnormal
// and overflowing results included); z = n + kShifter. AVX-512 has it as one instruction (scalef). Elsewhere,
// when every lane's p * 2^n is normal (|n| <= kExactScaleMax: all inputs but the overflow and underflow
// ranges) the product is exact and n is added to p's exponent bits. Otherwise 2^n = 2^n1 * 2^n2 with
// n1 = round(n/2): both factors stay normal over the whole range and p * 2^n1 is exact, so only the last
// product rounds. The paths agree bit for bit where both apply, so a lane's result never depends on its
// neighbours (a NaN lane fails the |n| test and takes the general path).
template <typename T>
TG_VEC_INLINE Vec<T> scale_by_pow2(const Vec<T>& p, const Vec<T>& n, const Vec<T>& z) {
  using V = Vec<T>;
  if constexpr (V::kHasScalef) {
    (void)z;
    return V::scalef(p, n);
  } else {
    if (V::all(n.abs().cmp_le(V(K<T>::kExactScaleMax)))) return V::iadd(p, V::shl(z, K<T>::kMant));
    const V shifter(K<T>::kShifter);
    V z1 = fmadd(n, V(T(0.5)), shifter);
    V n2 = n - (z1 - shifter);
    V z2 = n2 + shifter;
    return p * pow2_from_shifted(z1) * pow2_from_shifted(z2);
  }
}

}  // namespace vec_math_detail

// exp(x). Overflow → +inf past ln(max), gradual underflow to subnormals, then 0. NaN → NaN.
template <typename T>
TG_VEC_INLINE Vec<T> vexp(const Vec<T>& x) {
  using V = Vec<T>;
  using C = vec_math_detail::K<T>;
  const V shifter(C::kShifter);
  V xc = x.clamp_keep_nan(V(C::kExpLo), V(C::kExpHi));
  V z = fmadd(xc, V(C::kLog2e), shifter);
  V n = z - shifter;
  V r = fmadd(n, V(-C::kLn2Hi), xc);
  r = fmadd(n, V(-C::kLn2Lo), r);
  V p = V(T(1)) + fmadd(r * r, vec_math_detail::poly(r, C::kExpQ), r);
  return vec_math_detail::scale_by_pow2(p, n, z);
}

namespace vec_math_detail {
// log for float: polynomial in r = m - 1 (no division).
TG_VEC_INLINE Vec<float> log_core(const Vec<float>& x) {
  using V = Vec<float>;
  using C = K<float>;
  V tiny = x.cmp_lt(V(C::kTiny));
  V xs = V::blendv(x, x * V(C::kSubScale), tiny);
  V kadj = V(C::kSubK) & tiny;
  V u = V::iadd(xs, V::from_bits(0x40000000u - C::kLogOff));  // bits(x) - off + (128 << 23), never negative
  V kf = V::shr(u, 23) | V::from_bits(0x4b000000u);           // 2^23 + (k + 128)
  V k = (kf - V(0x1p23f + 128.0f)) - kadj;
  V m = V::iadd(u & V::from_bits(C::kMantMask), V::from_bits(C::kLogOff));
  V r = m - V(1.0f);
  V t = fmadd(r * r, poly(r, C::kLogQ), k * V(C::kLn2Lo));
  V hi = fmadd(k, V(C::kLn2Hi), r);  // k * kLn2Hi is exact
  return hi + t;
}
// log for double: fdlibm-style s = f/(2+f) form, accurate without FMA.
TG_VEC_INLINE Vec<double> log_core(const Vec<double>& x) {
  using V = Vec<double>;
  using C = K<double>;
  V tiny = x.cmp_lt(V(C::kTiny));
  V xs = V::blendv(x, x * V(C::kSubScale), tiny);
  V kadj = V(C::kSubK) & tiny;
  V u = V::iadd(xs, V::from_bits(0x4000000000000000ull - C::kLogOff));
  V kf = V::shr(u, 52) | V::from_bits(0x4330000000000000ull);  // 2^52 + (k + 1024)
  V k = (kf - V(0x1p52 + 1024.0)) - kadj;
  V m = V::iadd(u & V::from_bits(C::kMantMask), V::from_bits(C::kLogOff));
  V f = m - V(1.0);
  V s = f / (V(2.0) + f);
  V z = s * s;
  V R = z * poly(z, C::kLogT);
  V hfsq = V(0.5) * f * f;
  // log1p(f) = f - hfsq + s*(hfsq + R)
  return k * V(C::kLn2Hi) - ((hfsq - (s * (hfsq + R) + k * V(C::kLn2Lo))) - f);
}
}  // namespace vec_math_detail

// log(x). log(+0) = log(-0) = -inf, log(x<0) = NaN, log(+inf) = +inf, NaN → NaN; subnormals exact-scaled.
template <typename T>
TG_VEC_INLINE Vec<T> vlog(const Vec<T>& x) {
  using V = Vec<T>;
  const V inf = V(T(__builtin_huge_val()));
  V res = vec_math_detail::log_core(x);
  res = V::blendv(x, res, x.cmp_lt(inf));  // +inf and NaN pass through
  V nonpos = x.cmp_le(V(T(0)));
  V special = V::blendv(V(T(__builtin_nan(""))), -inf, x.cmp_eq(V(T(0))));
  return V::blendv(res, special, nonpos);
}

// tanh(x): odd polynomial for |x| <= 0.5625, else 1 - 2/(exp(2|x|) + 1) with the sign restored.
// Saturates to exactly ±1 (no NaN at ±inf); tanh(-0) = -0.
template <typename T>
TG_VEC_INLINE Vec<T> vtanh(const Vec<T>& x) {
  using V = Vec<T>;
  using C = vec_math_detail::K<T>;
  V ax = x.abs();
  V sign = x ^ ax;
  V x2 = x * x;
  V small = fmadd(x * x2, vec_math_detail::poly(x2, C::kTanhP), x) | sign;  // | sign keeps tanh(-0) = -0
  V e = vexp(ax + ax);
  V big = (V(T(1)) - V(T(2)) / (e + V(T(1)))) ^ sign;
  return V::blendv(small, big, ax.cmp_gt(V(C::kTanhSmall)));
}

// sigmoid(x) = 1/(1+exp(-x)), evaluated as e/(1+e) for x < 0 with e = exp(-|x|) so it never overflows and keeps
// relative accuracy down to the subnormal range. sigmoid(-inf) = 0, sigmoid(+inf) = 1.
// The quotient num/(1+e) gets one Newton correction that also accounts for the rounding of 1+e (Fast2Sum), so the
// only error left is exp's (scaled by 1/(1+e) <= 1) plus the final rounding.
template <typename T>
TG_VEC_INLINE Vec<T> vsigmoid(const Vec<T>& x) {
  using V = Vec<T>;
  V e = vexp(-x.abs());
  V num = V::blendv(V(T(1)), e, x.cmp_lt(V(T(0))));
  V d = V(T(1)) + e;
  V derr = (V(T(1)) - d) + e;  // 1 + e = d + derr exactly (e <= 1)
  V inv = V(T(1)) / d;
  V q = num * inv;
  V res = fmadd(q.neg(), derr, fmadd(q.neg(), d, num));  // num - q*(d + derr)
  return fmadd(res, inv, q);
}

namespace vec_math_detail {
// Shared sin/cos core. kCos selects cos(x) = sin(x + pi/2) via the quadrant count.
// Note [sin/cos range]: float is tested accurate (<= 2 ulp) for |x| <= 1e6, double for |x| <= 1e6; past ~2e6 (float)
// / ~1.6e6 (double, n*C1 no longer exact) accuracy degrades and past 2^22*pi/2 (float) the result is meaningless.
// The reduced argument is clamped to the polynomial range, so any finite input still gives a finite result in
// [-1, 1]; ±inf and NaN give NaN. There is no Payne-Hanek path.
template <bool kCos, typename T>
TG_VEC_INLINE Vec<T> sincos_core(const Vec<T>& x) {
  using V = Vec<T>;
  using C = K<T>;
  const V shifter(C::kShifter);
  V z = fmadd(x, V(C::kTwoOverPi), shifter);
  V n = z - shifter;
  V r = fmadd(n, V(-C::kPio2_1), x);
  r = fmadd(n, V(-C::kPio2_2), r);
  r = fmadd(n, V(-C::kPio2_3), r);
  if constexpr (sizeof(T) == 4) r = fmadd(n, V(-C::kPio2_4), r);
  r = r.clamp_keep_nan(V(-C::kRMax), V(C::kRMax));
  V q = kCos ? z + V(T(1)) : z;  // low bits of q hold the quadrant
  V odd = (V::shl(q, int(8 * sizeof(T) - 1)) | V(T(1))).cmp_lt(V(T(0)));
  V sign = V::shl(q, int(8 * sizeof(T) - 2)) & V(T(-0.0));
  V r2 = r * r;
  V s = fmadd(r * r2, poly(r2, C::kSinS), r);
  V hz = V(T(0.5)) * r2;
  V w = V(T(1)) - hz;
  V c = w + (((V(T(1)) - w) - hz) + r2 * r2 * poly(r2, C::kCosC));
  V res = V::blendv(s, c, odd) ^ sign;
  if constexpr (!kCos) res = V::blendv(res, x, x.cmp_eq(V(T(0))));  // sin(±0) = ±0 (reduction may lose the sign)
  return res;
}
}  // namespace vec_math_detail

template <typename T>
TG_VEC_INLINE Vec<T> vsin(const Vec<T>& x) {
  return vec_math_detail::sincos_core<false>(x);
}
template <typename T>
TG_VEC_INLINE Vec<T> vcos(const Vec<T>& x) {
  return vec_math_detail::sincos_core<true>(x);
}

// erf(x): x + x * S(x^2) for |x| < kErfSmall, else 1 - exp(-x^2) * R(1 / (1 + kErfP * |x|)) on |x| clamped to
// kErfMax (where erf rounds to 1), with the sign put back last (erf is odd): erf(±0) = ±0, erf(±inf) = ±1,
// NaN → NaN. Past kErfSmall, 1 - erf <= 0.22, so errors of exp and R reach the result scaled down by that.
template <typename T>
TG_VEC_INLINE Vec<T> verf(const Vec<T>& x) {
  using V = Vec<T>;
  using C = vec_math_detail::K<T>;
  const V ax = x.abs();
  const V sign = x ^ ax;
  const V small = fmadd(ax, vec_math_detail::poly(ax * ax, C::kErfS), ax);
  const V ab = ax.clamp_keep_nan(V(C::kErfSmall), V(C::kErfMax));
  const V t = V(T(1)) / fmadd(ab, V(C::kErfP), V(T(1)));
  const V big = V(T(1)) - vexp((ab * ab).neg()) * vec_math_detail::poly(t, C::kErfR);
  return V::blendv(big, small, ax.cmp_lt(V(C::kErfSmall))) | sign;
}

// Scalar wrappers: same code through lane 0, bit-identical to the vector results.
template <typename T> inline T sexp(T x) { return vexp(Vec<T>(x))[0]; }
template <typename T> inline T slog(T x) { return vlog(Vec<T>(x))[0]; }
template <typename T> inline T stanh(T x) { return vtanh(Vec<T>(x))[0]; }
template <typename T> inline T ssigmoid(T x) { return vsigmoid(Vec<T>(x))[0]; }
template <typename T> inline T ssin(T x) { return vsin(Vec<T>(x))[0]; }
template <typename T> inline T scos(T x) { return vcos(Vec<T>(x))[0]; }
template <typename T> inline T serf(T x) { return verf(Vec<T>(x))[0]; }

}  // namespace TG_CPU_NS
}  // namespace tg
