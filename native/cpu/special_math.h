// Scalar special functions in double with PyTorch's edge-value conventions (erfinv, digamma, trigamma, lgamma,
// remainder, xlogy). Header-only so unary and binary kernels share them; no ISA-specific code.
#pragma once
#include <cmath>
#include <limits>

namespace tg {
namespace special {

constexpr double kPi = 3.14159265358979323846;

// erfinv: Giles' double-precision rational start refined by Newton steps (below), which makes it
// accurate to double rounding over (-1, 1); +-1 give +-inf and |x| > 1 NaN (PyTorch's calc_erfinv).
inline double erfinv(double y) {
  if (y != y || y < -1.0 || y > 1.0) return std::numeric_limits<double>::quiet_NaN();
  if (y == 1.0) return std::numeric_limits<double>::infinity();
  if (y == -1.0) return -std::numeric_limits<double>::infinity();
  if (y == 0.0) return y;  // keeps -0
  double w = -std::log((1.0 - y) * (1.0 + y)), x;
  if (w < 6.25) {
    w -= 3.125;
    double p = -3.6444120640178196996e-21;
    p = -1.685059138182016589e-19 + p * w; p = 1.2858480715256400167e-18 + p * w;
    p = 1.115787767802518096e-17 + p * w; p = -1.333171662854620906e-16 + p * w;
    p = 2.0972767875968561637e-17 + p * w; p = 6.6376381343583238325e-15 + p * w;
    p = -4.0545662729752068639e-14 + p * w; p = -8.1519341976054721522e-14 + p * w;
    p = 2.6335093153082322977e-12 + p * w; p = -1.2975133253453532498e-11 + p * w;
    p = -5.4154120542946279317e-11 + p * w; p = 1.051212273321532285e-09 + p * w;
    p = -4.1126339803469836976e-09 + p * w; p = -2.9070369957882005086e-08 + p * w;
    p = 4.2347877827932403518e-07 + p * w; p = -1.3654692000834678645e-06 + p * w;
    p = -1.3882523362786468719e-05 + p * w; p = 0.0001867342080340571352 + p * w;
    p = -0.00074070253416626697512 + p * w; p = -0.0060336708714301490533 + p * w;
    p = 0.24015818242558961693 + p * w; p = 1.6536545626831027356 + p * w;
    x = p * y;
  } else if (w < 16.0) {
    w = std::sqrt(w) - 3.25;
    double p = 2.2137376921775787049e-09;
    p = 9.0756561938885390979e-08 + p * w; p = -2.7517406297064545428e-07 + p * w;
    p = 1.8239629214389227755e-08 + p * w; p = 1.5027403968909827627e-06 + p * w;
    p = -4.013867526981545969e-06 + p * w; p = 2.9234449089955446044e-06 + p * w;
    p = 1.2475304481671778723e-05 + p * w; p = -4.7318229009055733981e-05 + p * w;
    p = 6.8284851459573175448e-05 + p * w; p = 2.4031110387097893999e-05 + p * w;
    p = -0.0003550375203628474796 + p * w; p = 0.00095328937973738049703 + p * w;
    p = -0.0016882755560235047313 + p * w; p = 0.0024914420961078508066 + p * w;
    p = -0.0037512085075692412107 + p * w; p = 0.005370914553590063617 + p * w;
    p = 1.0052589676941592334 + p * w; p = 3.0838856104922207635 + p * w;
    x = p * y;
  } else {
    w = std::sqrt(w) - 5.0;
    double p = -2.7109920616438573243e-11;
    p = -2.5556418169965252055e-10 + p * w; p = 1.5076572693500548083e-09 + p * w;
    p = -3.7894654401267369937e-09 + p * w; p = 7.6157012080783393804e-09 + p * w;
    p = -1.4960026627149240478e-08 + p * w; p = 2.9147953450901080826e-08 + p * w;
    p = -6.7711997758452339498e-08 + p * w; p = 2.2900482228026654717e-07 + p * w;
    p = -9.9298272942317002539e-07 + p * w; p = 4.5260625972231537039e-06 + p * w;
    p = -1.9681778105531670567e-05 + p * w; p = 7.5995277030017761139e-05 + p * w;
    p = -0.00021503011930044477347 + p * w; p = -0.00013871931833623122026 + p * w;
    p = 1.0103004648645343977 + p * w; p = 4.8499064014085844221 + p * w;
    x = p * y;
  }
  // Newton steps polish the start. Past |y| = 0.5 they solve erfc(x) = 1 - |y| (exact there, Sterbenz), as
  // erf(x) - y cancels near +-1 while erfc keeps full relative accuracy.
  const double k = 2.0 / std::sqrt(kPi), a = std::fabs(y);
  double t = std::fabs(x);
  for (int i = 0; i < 3 && std::isfinite(t); ++i) {
    const double d = k * std::exp(-t * t);
    if (d == 0) break;
    t -= (a > 0.5 ? (1.0 - a) - std::erfc(t) : std::erf(t) - a) / d;
  }
  x = std::copysign(t, y);
  return x;
}

// digamma (PyTorch's calc_digamma): -inf/+inf at +-0 by the sign, NaN at negative integers, reflection below 0,
// recurrence up to 10 then the asymptotic series.
inline double digamma(double x) {
  if (x == 0) return std::copysign(std::numeric_limits<double>::infinity(), -x);
  if (x < 0) {
    if (x == std::trunc(x)) return std::numeric_limits<double>::quiet_NaN();
    double q, r = std::modf(x, &q);
    return digamma(1 - x) - kPi / std::tan(kPi * r);
  }
  if (x != x) return x;
  double result = 0;
  while (x < 10) { result -= 1 / x; x += 1; }
  if (x == 10) return result + 2.25175258906672110764;
  static const double A[] = {8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3,
                             -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
                             8.33333333333333333333E-2};
  double y = 0;
  if (x < 1.0e17) {
    const double z = 1.0 / (x * x);
    double p = 0;
    for (double a : A) p = p * z + a;
    y = z * p;
  }
  return result + std::log(x) - (0.5 / x) - y;
}

// trigamma (PyTorch's calc_trigamma), the derivative of digamma.
inline double trigamma(double x) {
  double sign = +1, result = 0;
  if (x < 0.5) {
    sign = -1;
    const double s = std::sin(kPi * x);
    result -= (kPi * kPi) / (s * s);
    x = 1 - x;
  }
  for (int i = 0; i < 6; ++i) { result += 1 / (x * x); x += 1; }
  const double ixx = 1 / (x * x);
  result += (1 + 1 / (2 * x) + ixx * (1. / 6 - ixx * (1. / 30 - ixx * (1. / 42)))) / x;
  return sign * result;
}

// Hurwitz zeta(x, q) (Cephes, as PyTorch's zeta), for polygamma of order >= 2.
inline double zeta(double x, double q) {
  constexpr double kMachEp = 1.11022302462515654042E-16;
  static const double A[] = {12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9,
                             7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14,
                             -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18};
  if (x == 1) return std::numeric_limits<double>::infinity();
  if (x < 1) return std::numeric_limits<double>::quiet_NaN();
  if (q <= 0) {
    if (q == std::floor(q)) return std::numeric_limits<double>::infinity();
    if (x != std::floor(x)) return std::numeric_limits<double>::quiet_NaN();
  }
  double s = std::pow(q, -x), a = q, b = 0;
  int i = 0;
  while (i < 9 || a <= 9.0) {
    i += 1;
    a += 1.0;
    b = std::pow(a, -x);
    s += b;
    if (-kMachEp * s < b && b < kMachEp * s) return s;
  }
  const double w = a;
  s += b * w / (x - 1);
  s -= 0.5 * b;
  a = 1.0;
  double k = 0.0;
  for (int j = 0; j < 12; ++j) {
    a *= x + k;
    b /= w;
    const double t = a * b / A[j];
    s = s + t;
    if (std::fabs(t / s) < kMachEp) return s;
    k += 1.0;
    a *= x + k;
    b /= w;
    k += 1.0;
  }
  return s;
}

// lgamma without the global signgam write of std::lgamma (a data race across kernel threads); the long double
// form (glibc's lgammal_r) for float64 results rounded once (Note [Unary math in double]).
inline double lgamma(double x) {
#if defined(__GLIBC__) || defined(__APPLE__)
  int sign;
  return ::lgamma_r(x, &sign);
#else
  return std::lgamma(x);
#endif
}
inline double lgamma(long double x) {
#if defined(__GLIBC__)
  int sign;
  return static_cast<double>(::lgammal_r(x, &sign));
#else
  return lgamma(static_cast<double>(x));
#endif
}

// polygamma(n, x), the n-th derivative of digamma (PyTorch's calc_polygamma).
inline double polygamma(int n, double x) {
  if (n == 0) return digamma(x);
  if (n == 1) return trigamma(x);
  return ((n % 2) ? 1.0 : -1.0) * std::exp(lgamma(n + 1.0)) * zeta(n + 1.0, x);
}

// Python's modulus (the sign of the divisor), as PyTorch's remainder: fmod, moved by b when the signs differ.
template <typename T> inline T remainder(T a, T b) {
  T m = std::fmod(a, b);
  if (m != 0 && ((b < 0) != (m < 0))) m += b;
  return m;
}

// x * log(y), 0 where x == 0 unless y is NaN (PyTorch's xlogy).
template <typename T> inline T xlogy(T x, T y) {
  if (y != y) return y;
  if (x == 0) return 0;
  return x * std::log(y);
}

}  // namespace special
}  // namespace tg
