// The reduction ops (sum, sum of squares, prod, max, min) as scalar identity/map/combine and, for floats, the
// Vec<T> forms: the one definition every reduction kernel (reduce_all.h, reduce_dims.h) is instantiated with.
// Included by reduce_kernels.cc only, which is compiled once per ISA.
#pragma once
#include <cstdint>
#include <limits>
#include <type_traits>

#include "cpu/loops.h"
#include "cpu/nan_minmax.h"

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

template <typename T> using V = Vec<T>;

// Each op: scalar identity/map/combine over Acc; float ops also a Vec form (kVec): vstep(acc, x) folds one
// input vector into an accumulator, vcombine merges accumulators, hreduce folds the lanes.
template <typename T, typename A>
struct SumOp {
  using Acc = A;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() { return Acc(0); }
  static Acc map(T x) { return Acc(x); }
  static Acc combine(Acc a, Acc b) { return a + b; }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return acc + x; }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return a + b; }
  static T hreduce(const V<T>& a) { return a.reduce_add(); }
};
template <typename T, typename A>
struct SumSqOp {
  using Acc = A;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() { return Acc(0); }
  static Acc map(T x) { return Acc(x) * Acc(x); }
  static Acc combine(Acc a, Acc b) { return a + b; }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return fmadd(x, x, acc); }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return a + b; }
  static T hreduce(const V<T>& a) { return a.reduce_add(); }
};
template <typename T, typename A>
struct ProdOp {
  using Acc = A;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() { return Acc(1); }
  static Acc map(T x) { return Acc(x); }
  static Acc combine(Acc a, Acc b) { return a * b; }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return acc * x; }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return a * b; }
  static T hreduce(const V<T>& a) {
    T r = a[0];
    for (int i = 1; i < V<T>::size(); ++i) r *= a[i];
    return r;
  }
};
template <typename T>
struct MaxOp {
  using Acc = T;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() {
    if constexpr (std::is_floating_point<T>::value) return -std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::lowest();
  }
  static Acc map(T x) { return x; }
  static Acc combine(Acc a, Acc b) { return nan_max(a, b); }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return maximum(acc, x); }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return maximum(a, b); }
  static T hreduce(const V<T>& a) { return a.reduce_max(); }
};
template <typename T>
struct MinOp {
  using Acc = T;
  static constexpr bool kVec = std::is_floating_point<T>::value;
  static Acc identity() {
    if constexpr (std::is_floating_point<T>::value) return std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::max();
  }
  static Acc map(T x) { return x; }
  static Acc combine(Acc a, Acc b) { return nan_min(a, b); }
  static V<T> vstep(const V<T>& acc, const V<T>& x) { return minimum(acc, x); }
  static V<T> vcombine(const V<T>& a, const V<T>& b) { return minimum(a, b); }
  static T hreduce(const V<T>& a) { return a.reduce_min(); }
};


}  // namespace
}  // namespace TG_CPU_NS
}  // namespace tg
