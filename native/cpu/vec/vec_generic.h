// Plain-array Vec<T>: the reference semantics every ISA specialization must match (see Note [Vec contract]).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#ifndef TG_CPU_NS
#error "vec_generic.h: the build must define TG_CPU_NS (include native/cpu/vec/vec.h)"
#endif

#if defined(__GNUC__)
#define TG_VEC_INLINE inline __attribute__((always_inline))
#else
#define TG_VEC_INLINE inline
#endif

namespace tg {
namespace TG_CPU_NS {

// Note [Vec contract]
// Vec<T> holds size() lanes of T. Every specialization defines every member below, with these semantics:
//  - loadu(p, count) reads only p[0..count) and zeroes lanes >= count; storeu(p, count) writes only p[0..count).
//  - masks (cmp_*, is_nan) are a Vec<T> whose lanes are all-ones bits (true) or all-zero bits (false);
//    blendv(a, b, mask) picks b where the mask lane is set; all(mask) says whether every lane is set. Masks
//    are only ever produced by cmp_*/is_nan or by bitwise ops on such masks, so "sign bit set" and "all bits
//    set" never disagree.
//  - maximum/minimum return NaN when either lane is NaN (PyTorch semantics). For equal operands of different
//    sign (+0 vs -0) the result is either zero: do not rely on which.
//  - clamp_keep_nan(lo, hi) clamps each lane to [lo, hi] and leaves NaN lanes NaN (one min and one max where
//    the ISA's min/max already do that).
//  - abs clears the sign bit (abs(-0) = +0, abs(-NaN) = +NaN). round is round-half-to-even. rsqrt = 1/sqrt(x)
//    with two correct roundings (no approximate instruction). andnot(a, b) = a & ~b.
//  - reduce_add sums lanes in an ISA-dependent order; results are deterministic per ISA, not across ISAs.
//  - fmadd(a, b, c) = a*b + c. It is fused on FMA ISAs (avx2, avx512, neon). In the generic float version it is
//    computed in double, which is exact for the product and equal to the fused result whenever the fused result
//    is exactly representable (the only property vec_math.h relies on for float). Generic double is unfused.
//  - muladd(a, b, c) = a*b + c in whichever form is fastest: fmadd on FMA ISAs, a multiply then an add (two
//    roundings, in T) in the generic version. For kernels that need throughput, not a particular rounding (GEMM).
//  - kHasTranspose: true where transpose(r) is a short in-register shuffle (AVX-512 only; the others leave it
//    undefined and callers use scalar loops). transpose(r) takes size() vectors r[0..size()) as the rows of a
//    square tile and leaves its transpose in them: lane j of r[i] becomes lane i of r[j].
//  - kHasGather: true where gather is the ISA's gather instruction (AVX2, AVX-512; the others leave it undefined
//    and callers use scalar loops). gather(base, idx, count, lim, &ok), idx int32_t or int64_t: lane j < count
//    is base[idx[j]] where idx[j], read as unsigned, is below lim, else 0; base is read only at those lanes and
//    idx only at [0, count). ok = the number of leading lanes in range (count when all are). A gather moves
//    bits: kernels also gather int32 (int64) elements through Vec<float> (Vec<double>) of the same size.
// Internal bit helpers used by vec_math.h (not part of the kernel-facing contract, but every ISA defines them):
//  bits_t (uint32_t/uint64_t), from_bits(b) broadcast, shl(a, n)/shr(a, n) logical shifts of the lane bits,
//  iadd/isub: wrapping integer add/sub of the lane bits.
//  kHasScalef: true where scalef(a, b) = a * 2^floor(b), rounded once, is one instruction (AVX-512 only; the
//  others leave scalef undefined and vec_math.h builds the power of two from bits instead).

namespace vec_detail {
template <typename T> struct Bits;
template <> struct Bits<float> { using type = uint32_t; };
template <> struct Bits<double> { using type = uint64_t; };
template <> struct Bits<int32_t> { using type = uint32_t; };
template <> struct Bits<int64_t> { using type = uint64_t; };

template <typename T> TG_VEC_INLINE typename Bits<T>::type to_bits(T v) {
  typename Bits<T>::type b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}
template <typename T> TG_VEC_INLINE T from_bits(typename Bits<T>::type b) {
  T v;
  std::memcpy(&v, &b, sizeof v);
  return v;
}
TG_VEC_INLINE float fma_ref(float a, float b, float c) {
  return static_cast<float>(static_cast<double>(a) * static_cast<double>(b) + static_cast<double>(c));
}
TG_VEC_INLINE double fma_ref(double a, double b, double c) { return a * b + c; }
template <typename T> TG_VEC_INLINE T fma_ref(T a, T b, T c) { return a * b + c; }

#if defined(__GNUC__)
// Note [Generic Vec halves]: the arithmetic operators below work on two 16-byte GCC vectors copied in and out
// of the lane array, so each is two vector instructions instead of lane loops the compiler may not vectorize
// again inside a loop. Lane-wise IEEE results are the same as the lane loops. Arrays of these Vec (GEMM's
// accumulator tile) still live in memory, not registers, which is why the default capability on x86-64 has
// its own SSE2 Vec (Note [SSE2 Vec]); this one remains the reference semantics and the fallback elsewhere.
template <typename T> struct Half { typedef T type __attribute__((vector_size(16))); };
template <typename T, size_t N, typename F>
TG_VEC_INLINE void by_halves(const T (&a)[N], const T (&b)[N], T (&r)[N], F f) {
  using H = typename Half<T>::type;
  constexpr size_t kHalf = 16 / sizeof(T);
  static_assert(N == 2 * kHalf, "a generic Vec is 32 bytes");
  for (size_t h = 0; h < 2; ++h) {
    H x, y;
    std::memcpy(&x, a + h * kHalf, 16);
    std::memcpy(&y, b + h * kHalf, 16);
    x = f(x, y);
    std::memcpy(r + h * kHalf, &x, 16);
  }
}
#define TG_VEC_HALVES 1
#else
#define TG_VEC_HALVES 0
#endif
}  // namespace vec_detail

template <typename T>
struct Vec {
  using value_type = T;
  using bits_t = typename vec_detail::Bits<T>::type;
  static constexpr int kSize = 32 / static_cast<int>(sizeof(T));
  T v[kSize];

  static constexpr int size() { return kSize; }
  static constexpr bool kHasScalef = false;     // see Note [Vec contract]
  static constexpr bool kHasTranspose = false;  // see Note [Vec contract]
  static constexpr bool kHasGather = false;     // see Note [Vec contract]

  Vec() : v{} {}
  Vec(T s) {
    for (int i = 0; i < kSize; i++) v[i] = s;
  }
  static Vec loadu(const T* p) {
    Vec r;
    std::memcpy(r.v, p, sizeof r.v);
    return r;
  }
  static Vec loadu(const T* p, int count) {
    Vec r;
    for (int i = 0; i < kSize && i < count; i++) r.v[i] = p[i];
    return r;
  }
  void storeu(T* p) const { std::memcpy(p, v, sizeof v); }
  void storeu(T* p, int count) const {
    for (int i = 0; i < kSize && i < count; i++) p[i] = v[i];
  }
  T operator[](int i) const { return v[i]; }

  template <typename F> static TG_VEC_INLINE Vec map(const Vec& a, F f) {
    Vec r;
    for (int i = 0; i < kSize; i++) r.v[i] = f(a.v[i]);
    return r;
  }
  template <typename F> static TG_VEC_INLINE Vec map2(const Vec& a, const Vec& b, F f) {
    Vec r;
    for (int i = 0; i < kSize; i++) r.v[i] = f(a.v[i], b.v[i]);
    return r;
  }
  template <typename F> static TG_VEC_INLINE Vec mapb(const Vec& a, const Vec& b, F f) {
    Vec r;
    for (int i = 0; i < kSize; i++)
      r.v[i] = vec_detail::from_bits<T>(f(vec_detail::to_bits(a.v[i]), vec_detail::to_bits(b.v[i])));
    return r;
  }
  static TG_VEC_INLINE T mask_of(bool c) { return vec_detail::from_bits<T>(c ? ~bits_t(0) : bits_t(0)); }

  Vec abs() const {
    return map(*this, [](T a) {
      return vec_detail::from_bits<T>(vec_detail::to_bits(a) & ~(bits_t(1) << (8 * sizeof(T) - 1)));
    });
  }
  Vec neg() const { return map(*this, [](T a) { return -a; }); }
  Vec sqrt() const { return map(*this, [](T a) { return std::sqrt(a); }); }
  Vec rsqrt() const { return map(*this, [](T a) { return T(1) / std::sqrt(a); }); }
  Vec reciprocal() const { return map(*this, [](T a) { return T(1) / a; }); }
  Vec floor() const { return map(*this, [](T a) { return std::floor(a); }); }
  Vec round() const { return map(*this, [](T a) { return std::nearbyint(a); }); }
  Vec is_nan() const { return map(*this, [](T a) { return mask_of(a != a); }); }
  Vec clamp_keep_nan(const Vec& lo, const Vec& hi) const {
    Vec r;
    for (int i = 0; i < kSize; i++) r.v[i] = v[i] > hi.v[i] ? hi.v[i] : v[i] < lo.v[i] ? lo.v[i] : v[i];
    return r;
  }

  Vec cmp_eq(const Vec& b) const { return map2(*this, b, [](T x, T y) { return mask_of(x == y); }); }
  Vec cmp_ne(const Vec& b) const { return map2(*this, b, [](T x, T y) { return mask_of(x != y); }); }
  Vec cmp_lt(const Vec& b) const { return map2(*this, b, [](T x, T y) { return mask_of(x < y); }); }
  Vec cmp_le(const Vec& b) const { return map2(*this, b, [](T x, T y) { return mask_of(x <= y); }); }
  Vec cmp_gt(const Vec& b) const { return map2(*this, b, [](T x, T y) { return mask_of(x > y); }); }
  Vec cmp_ge(const Vec& b) const { return map2(*this, b, [](T x, T y) { return mask_of(x >= y); }); }

  static bool all(const Vec& mask) {
    for (int i = 0; i < kSize; i++)
      if (vec_detail::to_bits(mask.v[i]) == 0) return false;
    return true;
  }
  static Vec blendv(const Vec& a, const Vec& b, const Vec& mask) {
    Vec r;
    for (int i = 0; i < kSize; i++) {
      bits_t m = vec_detail::to_bits(mask.v[i]);
      r.v[i] = vec_detail::from_bits<T>((vec_detail::to_bits(a.v[i]) & ~m) | (vec_detail::to_bits(b.v[i]) & m));
    }
    return r;
  }

  T reduce_add() const {
    T s = v[0];
    for (int i = 1; i < kSize; i++) s += v[i];
    return s;
  }
  T reduce_max() const {
    T s = v[0];
    for (int i = 1; i < kSize; i++) s = (s != s || v[i] != v[i]) ? std::numeric_limits<T>::quiet_NaN() : (v[i] > s ? v[i] : s);
    return s;
  }
  T reduce_min() const {
    T s = v[0];
    for (int i = 1; i < kSize; i++) s = (s != s || v[i] != v[i]) ? std::numeric_limits<T>::quiet_NaN() : (v[i] < s ? v[i] : s);
    return s;
  }

  // Internal bit helpers (see Note [Vec contract]).
  static Vec from_bits(bits_t b) { return Vec(vec_detail::from_bits<T>(b)); }
  static Vec shl(const Vec& a, int n) {
    Vec r;
    for (int i = 0; i < kSize; i++) r.v[i] = vec_detail::from_bits<T>(static_cast<bits_t>(vec_detail::to_bits(a.v[i]) << n));
    return r;
  }
  static Vec shr(const Vec& a, int n) {
    Vec r;
    for (int i = 0; i < kSize; i++) r.v[i] = vec_detail::from_bits<T>(static_cast<bits_t>(vec_detail::to_bits(a.v[i]) >> n));
    return r;
  }
  static Vec iadd(const Vec& a, const Vec& b) { return mapb(a, b, [](bits_t x, bits_t y) { return bits_t(x + y); }); }
  static Vec isub(const Vec& a, const Vec& b) { return mapb(a, b, [](bits_t x, bits_t y) { return bits_t(x - y); }); }
};

#if TG_VEC_HALVES  // see Note [Generic Vec halves]
#define TG_VEC_ARITH(op)                                                                     \
  template <typename T> TG_VEC_INLINE Vec<T> operator op(const Vec<T>& a, const Vec<T>& b) {  \
    Vec<T> r;                                                                                \
    vec_detail::by_halves(a.v, b.v, r.v, [](auto x, auto y) { return x op y; });             \
    return r;                                                                                \
  }
TG_VEC_ARITH(+)
TG_VEC_ARITH(-)
TG_VEC_ARITH(*)
TG_VEC_ARITH(/)
#undef TG_VEC_ARITH
#else
template <typename T> TG_VEC_INLINE Vec<T> operator+(const Vec<T>& a, const Vec<T>& b) {
  return Vec<T>::map2(a, b, [](T x, T y) { return x + y; });
}
template <typename T> TG_VEC_INLINE Vec<T> operator-(const Vec<T>& a, const Vec<T>& b) {
  return Vec<T>::map2(a, b, [](T x, T y) { return x - y; });
}
template <typename T> TG_VEC_INLINE Vec<T> operator*(const Vec<T>& a, const Vec<T>& b) {
  return Vec<T>::map2(a, b, [](T x, T y) { return x * y; });
}
template <typename T> TG_VEC_INLINE Vec<T> operator/(const Vec<T>& a, const Vec<T>& b) {
  return Vec<T>::map2(a, b, [](T x, T y) { return x / y; });
}
#endif
template <typename T> TG_VEC_INLINE Vec<T> operator-(const Vec<T>& a) { return a.neg(); }
template <typename T> TG_VEC_INLINE Vec<T> operator&(const Vec<T>& a, const Vec<T>& b) {
  using B = typename Vec<T>::bits_t;
  return Vec<T>::mapb(a, b, [](B x, B y) { return B(x & y); });
}
template <typename T> TG_VEC_INLINE Vec<T> operator|(const Vec<T>& a, const Vec<T>& b) {
  using B = typename Vec<T>::bits_t;
  return Vec<T>::mapb(a, b, [](B x, B y) { return B(x | y); });
}
template <typename T> TG_VEC_INLINE Vec<T> operator^(const Vec<T>& a, const Vec<T>& b) {
  using B = typename Vec<T>::bits_t;
  return Vec<T>::mapb(a, b, [](B x, B y) { return B(x ^ y); });
}
template <typename T> TG_VEC_INLINE Vec<T> andnot(const Vec<T>& a, const Vec<T>& b) {
  using B = typename Vec<T>::bits_t;
  return Vec<T>::mapb(a, b, [](B x, B y) { return B(x & ~y); });
}
template <typename T> TG_VEC_INLINE Vec<T> fmadd(const Vec<T>& a, const Vec<T>& b, const Vec<T>& c) {
  Vec<T> r;
  for (int i = 0; i < Vec<T>::size(); i++) r.v[i] = vec_detail::fma_ref(a.v[i], b.v[i], c.v[i]);
  return r;
}
template <typename T> TG_VEC_INLINE Vec<T> muladd(const Vec<T>& a, const Vec<T>& b, const Vec<T>& c) {
  return a * b + c;
}
template <typename T> TG_VEC_INLINE Vec<T> maximum(const Vec<T>& a, const Vec<T>& b) {
  return Vec<T>::map2(a, b, [](T x, T y) {
    return (x != x || y != y) ? std::numeric_limits<T>::quiet_NaN() : (x > y ? x : y);
  });
}
template <typename T> TG_VEC_INLINE Vec<T> minimum(const Vec<T>& a, const Vec<T>& b) {
  return Vec<T>::map2(a, b, [](T x, T y) {
    return (x != x || y != y) ? std::numeric_limits<T>::quiet_NaN() : (x < y ? x : y);
  });
}

}  // namespace TG_CPU_NS
}  // namespace tg
