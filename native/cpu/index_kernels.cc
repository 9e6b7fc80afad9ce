// Index kernels: gather and scatter (set / add / mul / amax / amin) along a dim, index_select, index_copy/add/fill and
// the runs of advanced indexing, over
// contiguous tensors with int32 or int64 indices, each read at its own width (Note [Index widths] in
// binding/index_view.h). Compiled once per ISA. The binding (binding/ops.cc index_*) checks the shapes; the
// kernels check the indices (Note [Fused index checks]).
// NOTE: vec.h first: the AVX-512 header silences a GCC warning inside immintrin.h only if it includes it first.
#include "cpu/vec/vec.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <type_traits>

#include "core/parallel.h"
#include "cpu/kernel_table.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

// Note [Fused index checks]: an index outside [0, size) must never be read or written through, and checking
// every index serially before a parallel kernel cost as much as the kernel itself (1e6 indices). So each
// chunk of a kernel checks its indices just before it uses them (first_bad: one vectorized pass over a run of
// indices that is then in L1) and stops at the first bad one, having used none at or after it. Every chunk
// reports the position (in index, row-major) of its first bad index and the kernel returns the smallest over
// all chunks: the first bad index in row-major order, the one a serial check would name, whatever the thread
// count. On a bad index the output (gather, select) or self (scatter) is partly written: the binding then
// throws, and its callers write only into fresh buffers they drop.
class FirstBad {
 public:
  void note(int64_t pos) {
    int64_t cur = pos_.load(std::memory_order_relaxed);
    while (pos < cur && !pos_.compare_exchange_weak(cur, pos, std::memory_order_relaxed)) {
    }
  }
  int64_t result() const {
    const int64_t p = pos_.load(std::memory_order_relaxed);
    return p == kNone ? -1 : p;
  }

 private:
  static constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  std::atomic<int64_t> pos_{kNone};
};

// The bound an index of type I, read as unsigned, must stay below to be in [0, size): a negative one reads as
// at least 2^31 (int32) or 2^63 (int64), so the bound is min(size, 2^31) for int32 and size for int64 (no dim
// reaches 2^63). An int64 index of 2^32 + 1 is thus out of range on a small dim, never read as 1.
template <typename I>
inline std::make_unsigned_t<I> index_limit(int64_t size) {
  using U = std::make_unsigned_t<I>;
  return sizeof(I) == 8 ? static_cast<U>(size) : static_cast<U>(std::min<int64_t>(size, int64_t(1) << 31));
}

// Position in [0, n) of the first of ix[0..n) outside [0, size), or -1. With index_limit the common all-good
// case is one unsigned max-reduction (integer lanes: the compiler vectorizes it, the Vec layer has no integer
// type), then a scan only when it fails.
template <typename I>
inline int64_t first_bad(const I* ix, int64_t n, int64_t size) {
  using U = std::make_unsigned_t<I>;
  const U lim = index_limit<I>(size);
  U worst = 0;
  for (int64_t k = 0; k < n; ++k) worst = std::max(worst, static_cast<U>(ix[k]));
  if (n == 0 || worst < lim) return -1;
  for (int64_t k = 0;; ++k)
    if (static_cast<U>(ix[k]) >= lim) return k;
}

// Note [Vector gathers]: o[k] = s[ix[k]] for k in [k0, k1), the inner loop of gather along the last dim and of
// index_select along it. Where the ISA has a gather instruction (Vec::kHasGather: AVX2, AVX-512) each vector of
// indices is compared against the limit and only its in-range lanes are gathered (a masked gather reads
// nothing at the others), so the bounds check is fused into the copy: no separate pass over the indices, and a
// bad index is still never read through. The elements are moved as bits, by size (int32 through Vec<float>,
// int64 through Vec<double>): the result is the scalar loop's exactly, and any split of [k0, k1) over threads
// gives the same bytes. 1000 x 1000 float32 with int64 indices, one thread: 1.1-1.2 ms scalar, 0.54-0.65 ms with
// AVX-512 or AVX2 gathers (docs/performance.md, "indexops"). Elsewhere (1-byte elements, SSE2, NEON): the
// vectorized max check (first_bad), then a scalar loop. Returns the position of the first bad index, or -1;
// on a bad one the lanes before it are written.
template <typename T>
struct GatherLane {  // the Vec element type that moves a T as bits, or void
  using type = std::conditional_t<sizeof(T) == 4, float, std::conditional_t<sizeof(T) == 8, double, void>>;
};

template <typename T, typename I>
inline int64_t gather_run(const T* s, const I* ix, T* o, int64_t k0, int64_t k1, int64_t size) {
  using E = typename GatherLane<T>::type;
  if constexpr (!std::is_void<E>::value) {
    using V = Vec<E>;
    if constexpr (V::kHasGather) {
      constexpr int64_t W = V::size();
      const uint64_t lim = index_limit<I>(size);
      const E* base = reinterpret_cast<const E*>(s);
      E* to = reinterpret_cast<E*>(o);
      for (int64_t k = k0; k < k1; k += W) {
        const int c = static_cast<int>(std::min<int64_t>(W, k1 - k));
        int ok;
        V::gather(base, ix + k, c, lim, &ok).storeu(to + k, ok);
        if (ok < c) return k + ok;
      }
      return -1;
    }
  }
  const int64_t kb = first_bad(ix + k0, k1 - k0, size);
  const int64_t stop = kb < 0 ? k1 : k0 + kb;
  for (int64_t k = k0; k < stop; ++k) o[k] = s[ix[k]];
  return kb < 0 ? -1 : stop;
}

// Calls fn(r, k0, k1) for the pieces of rows (of length len) that the flat range [b, e) covers, in order,
// until fn returns false.
template <typename F>
inline void for_row_segments(int64_t b, int64_t e, int64_t len, const F& fn) {
  int64_t r = b / len, k = b - r * len;
  while (b < e) {
    const int64_t k1 = std::min(len, k + (e - b));
    if (!fn(r, k, k1)) return;
    b += k1 - k;
    ++r;
    k = 0;
  }
}

// Offset in self of the first element of index row r (rows: all dims but the last), leaving out dim `skip`.
inline int64_t row_base(int64_t r, const IndexGeom& g, const int64_t* stride, int skip) {
  int64_t off = 0;
  for (int d = g.ndim - 2; d >= 0; --d) {
    const int64_t p = r % g.shape[d];
    r /= g.shape[d];
    if (d != skip) off += p * stride[d];
  }
  return off;
}

inline int64_t numel_of(const IndexGeom& g) {
  int64_t n = 1;
  for (int d = 0; d < g.ndim; ++d) n *= g.shape[d];
  return n;
}

// Split over the flat output: each element is read from one place, so any partition gives the same result.
template <typename T, typename I>
int64_t gather_kernel(const void* self_, const void* index_, void* out_, const IndexGeom& g) {
  const T* self = static_cast<const T*>(self_);
  const I* index = static_cast<const I*>(index_);
  T* out = static_cast<T*>(out_);
  const int64_t n = numel_of(g);
  if (n == 0) return -1;
  const int last = g.ndim - 1;
  const int64_t len = g.shape[last];
  const int64_t sd = g.self_stride[g.dim];
  const int64_t sl = last == g.dim ? 0 : g.self_stride[last];
  FirstBad bad;
  parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
    for_row_segments(b, e, len, [&](int64_t r, int64_t k0, int64_t k1) {
      const I* ix = index + r * len;
      const T* s = self + row_base(r, g, g.self_stride, g.dim);
      T* o = out + r * len;
      int64_t stop;
      if (sl == 0 && sd == 1) {  // dim is the last: a gather within one row of self (Note [Vector gathers])
        stop = gather_run(s, ix, o, k0, k1, g.size);
      } else {
        const int64_t kb = first_bad(ix + k0, k1 - k0, g.size);
        stop = kb < 0 ? -1 : k0 + kb;
        for (int64_t k = k0; k < (kb < 0 ? k1 : stop); ++k) o[k] = s[k * sl + static_cast<int64_t>(ix[k]) * sd];
      }
      if (stop < 0) return true;
      bad.note(r * len + stop);
      return false;
    });
  });
  return bad.result();
}

// Note [Parallel scatter]: two index elements write the same self element only if they share every
// coordinate but dim. So index is split into fibers along dim, grouped into units of the fibers that share
// every coordinate but the last (one fiber when dim is the last): unit (a, rb) of index viewed as
// [A, L, RB, len] (A: dims before dim, L: dim, RB: dims between dim and the last, len: the last) is
// index[a, :, rb, :]. A unit is one thread's, walked in row-major order, so every self element receives its
// writes (set: the last wins; add, mul: in that order; amax/amin) in the serial row-major order, whatever the
// thread count; as PyTorch's CPU scatter, which also splits over the coordinates but dim. With kScatterNoSelf
// a unit first writes the reduction's identity at each of its targets (scatter_reduce's include_self=False):
// the same unit owns every write to them, so that pre-pass needs no synchronization either.
// Note [Fused scatter copy]: an out-of-place scatter writes into a fresh copy of self (init). When dim is the
// last and index covers self outside dim, unit u's targets are exactly self's row u, so each unit copies its own
// row just before scattering into it (the row is then in L1) instead of a separate copy pass over all of self
// first; otherwise the copy is one parallel pass before the units.
// Integer arithmetic in the unsigned type of the same width: it wraps as PyTorch's does, where signed
// overflow would be undefined.
template <typename T, bool = std::is_integral<T>::value>
struct Wrapping {
  using type = T;
};
template <typename T>
struct Wrapping<T, true> {
  using type = std::make_unsigned_t<T>;
};

template <int Op, typename T>
inline void combine(T& t, T r) {
  using W = typename Wrapping<T>::type;
  if constexpr (Op == kScatterSet) {
    t = r;
  } else if constexpr (Op == kScatterAdd) {
    t = static_cast<T>(static_cast<W>(t) + static_cast<W>(r));  // integers wrap (unsigned), as PyTorch's
  } else if constexpr (Op == kScatterMul) {
    t = static_cast<T>(static_cast<W>(t) * static_cast<W>(r));
  } else if constexpr (Op == kScatterMax) {
    if (r != r || r > t) t = r;  // a NaN src wins; a NaN already there stays (PyTorch's ReduceMaximum)
  } else {
    if (r != r || r < t) t = r;
  }
}

template <int Op, typename T>
constexpr T identity() {
  if constexpr (Op == kScatterMul) return T(1);
  if constexpr (Op == kScatterMax) return std::numeric_limits<T>::has_infinity ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::lowest();
  if constexpr (Op == kScatterMin) return std::numeric_limits<T>::has_infinity ? std::numeric_limits<T>::infinity() : std::numeric_limits<T>::max();
  return T(0);
}

template <int Op, typename T, typename I>
int64_t scatter_op(T* self, const I* index, const T* src, const T* init, T v, bool no_self, const IndexGeom& g) {
  const int last = g.ndim - 1, dim = g.dim;
  const int64_t L = g.shape[dim];
  const int64_t len = dim == last ? 1 : g.shape[last];
  int64_t A = 1, RB = 1;
  for (int d = 0; d < dim; ++d) A *= g.shape[d];
  for (int d = dim + 1; d < last; ++d) RB *= g.shape[d];
  const int64_t step = RB * len;  // index distance between consecutive positions along dim
  const int64_t sd = g.self_stride[dim], sl = dim == last ? 0 : g.self_stride[last];
  const int64_t rd = src != nullptr ? g.src_stride[dim] : 0, rl = src != nullptr && dim != last ? g.src_stride[last] : 0;
  bool fused = init != nullptr && dim == last;
  for (int d = 0; d < last && fused; ++d) fused = g.shape[d] == g.self_shape[d];
  if (init != nullptr && !fused)
    parallel_for(0, g.self_numel, kGrainSize, [&](int64_t b, int64_t e) {
      std::memcpy(self + b, init + b, static_cast<size_t>(e - b) * sizeof(T));
    });
  const T id = identity<Op, T>();
  FirstBad bad;
  parallel_for(0, A * RB, std::max<int64_t>(1, kGrainSize / (L * len)), [&](int64_t b, int64_t e) {
    for (int64_t u = b; u < e; ++u) {
      // self's and src's offsets of unit u's first element (its coordinates but dim and the last)
      int64_t soff = 0, roff = 0, rest = u;
      for (int d = last - 1; d >= 0; --d) {
        if (d == dim) continue;
        const int64_t p = rest % g.shape[d];
        rest /= g.shape[d];
        soff += p * g.self_stride[d];
        if (src != nullptr) roff += p * g.src_stride[d];
      }
      const int64_t ibase = ((u / RB) * L * RB + u % RB) * len;
      T* s = self + soff;
      const T* r = src != nullptr ? src + roff : nullptr;
      if (len == 1 && step == 1) {  // dim is the last: the unit is one contiguous fiber of index
        if (fused) std::memcpy(s, init + soff, static_cast<size_t>(g.size) * sizeof(T));
        const I* ix = index + ibase;
        const int64_t kb = first_bad(ix, L, g.size);
        const int64_t stop = kb < 0 ? L : kb;
        if (no_self)
          for (int64_t l = 0; l < stop; ++l) s[static_cast<int64_t>(ix[l]) * sd] = id;
        if (dim == last && r != nullptr) {  // self and src contiguous: stride 1 along the last dim for both
          for (int64_t l = 0; l < stop; ++l) combine<Op>(s[ix[l]], r[l]);
        } else {  // (also a dim before a last dim of size 1)
          for (int64_t l = 0; l < stop; ++l) combine<Op>(s[static_cast<int64_t>(ix[l]) * sd], r != nullptr ? r[l * rd] : v);
        }
        if (kb >= 0) bad.note(ibase + kb);
        continue;
      }
      if (no_self)
        for (int64_t l = 0; l < L; ++l) {
          const I* ix = index + ibase + l * step;
          const int64_t kb = first_bad(ix, len, g.size);
          for (int64_t k = 0; k < (kb < 0 ? len : kb); ++k) s[k * sl + static_cast<int64_t>(ix[k]) * sd] = id;
          if (kb >= 0) break;
        }
      for (int64_t l = 0; l < L; ++l) {
        const I* ix = index + ibase + l * step;
        const int64_t kb = first_bad(ix, len, g.size);
        const int64_t stop = kb < 0 ? len : kb;
        const T* rr = r != nullptr ? r + l * rd : nullptr;
        if (rr == nullptr) {
          for (int64_t k = 0; k < stop; ++k) combine<Op>(s[k * sl + static_cast<int64_t>(ix[k]) * sd], v);
        } else {
          for (int64_t k = 0; k < stop; ++k) combine<Op>(s[k * sl + static_cast<int64_t>(ix[k]) * sd], rr[k * rl]);
        }
        if (kb >= 0) {
          bad.note(ibase + l * step + kb);
          break;
        }
      }
    }
  });
  return bad.result();
}

template <typename T, typename I>
int64_t scatter_kernel(void* self_, const void* index_, const void* src_, const void* init_, double value, int mode,
                       const IndexGeom& g) {
  T* self = static_cast<T*>(self_);
  const I* index = static_cast<const I*>(index_);
  const T* src = static_cast<const T*>(src_);
  const T* init = static_cast<const T*>(init_);
  if (numel_of(g) == 0) {
    if (init != nullptr) std::memcpy(self, init, static_cast<size_t>(g.self_numel) * sizeof(T));
    return -1;
  }
  const T v = static_cast<T>(value);
  const bool no_self = (mode & kScatterNoSelf) != 0;
  switch (mode & ~kScatterNoSelf) {
    case kScatterSet: return scatter_op<kScatterSet>(self, index, src, init, v, false, g);
    case kScatterAdd: return scatter_op<kScatterAdd>(self, index, src, init, v, no_self, g);
    case kScatterMul: return scatter_op<kScatterMul>(self, index, src, init, v, no_self, g);
    case kScatterMax: return scatter_op<kScatterMax>(self, index, src, init, v, no_self, g);
    default: return scatter_op<kScatterMin>(self, index, src, init, v, no_self, g);
  }
}

// Split over the output's [outer, m] slices: each is read from one place.
template <typename T, typename I>
int64_t select_kernel(const void* self_, const void* index_, void* out_, int64_t outer, int64_t n, int64_t inner,
                      int64_t m) {
  const T* self = static_cast<const T*>(self_);
  const I* index = static_cast<const I*>(index_);
  T* out = static_cast<T*>(out_);
  FirstBad bad;
  if (inner == 1) {
    parallel_for(0, outer * m, kGrainSize, [&](int64_t b, int64_t e) {
      for_row_segments(b, e, m, [&](int64_t o, int64_t j0, int64_t j1) {
        const int64_t stop = gather_run(self + o * n, index, out + o * m, j0, j1, n);  // Note [Vector gathers]
        if (stop < 0) return true;
        bad.note(stop);
        return false;
      });
    });
  } else {
    const auto lim = index_limit<I>(n);
    parallel_for(0, outer * m, std::max<int64_t>(1, kGrainSize / inner), [&](int64_t b, int64_t e) {
      for (int64_t u = b; u < e; ++u) {
        const int64_t o = u / m, j = u - o * m;
        if (static_cast<std::make_unsigned_t<I>>(index[j]) >= lim) {
          bad.note(j);
          return;
        }
        std::memcpy(out + u * inner, self + (o * n + static_cast<int64_t>(index[j])) * inner, static_cast<size_t>(inner) * sizeof(T));
      }
    });
  }
  return bad.result();
}

// Note [Index put along a dim]: index_copy / index_add / index_fill write self[o, index[j], k] for a contiguous
// [outer, n, inner] self, j < m. Unlike gather there are only m indices for outer * m * inner elements, so they
// are all checked first (one vectorized pass, nothing written on a bad one). Two writes meet only if they share
// o and k and their indices are equal; so the work is split over units (o, a block of k) and each unit walks j in
// order: repeated indices combine in the serial order (add: the sum in j order; copy: the last wins), whatever the
// thread count. Blocks of kPutBlock elements of k keep a unit's rows in L1 and give both threads work when
// outer is 1 (embedding's backward: one [m, dim] grad into [numWeights, dim]).
constexpr int64_t kPutBlock = 512;

template <typename T, typename I>
int64_t put_dim_kernel(void* self_, const void* index_, const void* src_, double value, double alpha, int mode,
                       int64_t outer, int64_t n, int64_t inner, int64_t m) {
  T* self = static_cast<T*>(self_);
  const I* index = static_cast<const I*>(index_);
  const T* src = static_cast<const T*>(src_);
  const int64_t kb = first_bad(index, m, n);
  if (kb >= 0) return kb;
  if (outer == 0 || inner == 0 || m == 0) return -1;
  const int64_t blocks = (inner + kPutBlock - 1) / kPutBlock;
  const T a = static_cast<T>(alpha), v = static_cast<T>(value);
  parallel_for(0, outer * blocks, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, m * std::min(inner, kPutBlock))),
               [&](int64_t b, int64_t e) {
    for (int64_t u = b; u < e; ++u) {
      const int64_t o = u / blocks, k0 = (u - o * blocks) * kPutBlock, len = std::min(kPutBlock, inner - k0);
      for (int64_t j = 0; j < m; ++j) {
        T* d = self + (o * n + static_cast<int64_t>(index[j])) * inner + k0;
        const T* s = src != nullptr ? src + (o * m + j) * inner + k0 : nullptr;
        if (s == nullptr) {
          std::fill(d, d + len, v);
        } else if (mode == 0) {
          std::memcpy(d, s, static_cast<size_t>(len) * sizeof(T));
        } else if constexpr (std::is_floating_point<T>::value) {
          using V = Vec<T>;
          constexpr int64_t W = V::size();
          const V av(a);
          for (int64_t k = 0; k < len; k += W) {  // every element through the same Vec op, the tail masked
            const int c = static_cast<int>(std::min<int64_t>(W, len - k));
            const V dv = V::loadu(d + k, c), sv = V::loadu(s + k, c);
            (alpha == 1 ? dv + sv : fmadd(av, sv, dv)).storeu(d + k, c);
          }
        }
      }
    }
  });
  return -1;
}

// Note [Advanced index runs]: x[i0, i1, ...] with index tensors picks, for each broadcast index position j, the
// element at sum_k i_k[j] * stride_k, and with it the runs of the dims no index names (lib/ops/indexing.ts's Plan:
// starts and run). index_offsets writes the starts, index_take copies the picked runs straight into the result
// (no starts: lib/ops/indexing.ts builds them only when autograd saves them), and index_runs copies or puts the
// runs of a Plan. A take splits over the positions (each output element read from one place); a put runs on one
// thread, so a repeated position receives its writes in index order (the last wins; accumulate sums in that
// order) whatever the thread count. Every start is checked against self's length before it is used, so a bad
// Plan cannot read or write outside self.
// Note [Advanced index blocks]: offsets and take walk the positions in blocks of kOffBlock. A block's offsets
// sum_k wrap(i_k[j]) * stride_k are built on the stack, one index tensor at a time (each read once, at its own
// width, in a loop the compiler vectorizes; the range check is an OR of compares in the same loop), then used
// while they are in L1: one pass over the indices, no scratch array of B offsets (it was 8 MB at 1e6, zeroed and
// faulted in on every call, and a second pass over it). A block with a bad index stops its chunk before using
// any offset; since a chunk may stop at index tensor k while an earlier tensor holds a bad index further on,
// the one PyTorch names (k-major, then row-major) is then found by a serial scan: a cost paid only on error.
constexpr int64_t kOffBlock = 256;

// Position in index tensor k of the index at broadcast position j.
inline int64_t adv_pos(const AdvIndexGeom& g, int k, int64_t j) {
  if (g.full[k]) return j;
  int64_t o = 0;
  for (int64_t d = g.nb - 1, r = j; d >= 0; --d) {
    o += (r % g.bshape[d]) * g.istride[k][d];
    r /= g.bshape[d];
  }
  return o;
}

// off[0..n) = sum_k wrap(i_k[j0 + i]) * stride_k; false when any of these indices is outside [-size_k, size_k)
// (off is then not to be used). Unsigned arithmetic: a bad index's product may overflow, harmlessly.
inline bool block_offsets(const AdvIndexGeom& g, int64_t j0, int64_t n, int64_t* off) {
  bool bad = false;
  for (int k = 0; k < g.nidx; ++k) {
    const int64_t size = g.size[k];
    const uint64_t st = static_cast<uint64_t>(g.stride[k]), lim = static_cast<uint64_t>(size);
    auto pass = [&](const auto* ix) {
      bool b = false;
      if (g.full[k]) {
        ix += j0;
        for (int64_t i = 0; i < n; ++i) {
          int64_t w = static_cast<int64_t>(ix[i]);
          w += w < 0 ? size : 0;
          b |= static_cast<uint64_t>(w) >= lim;
          off[i] = static_cast<int64_t>((k == 0 ? 0 : static_cast<uint64_t>(off[i])) + static_cast<uint64_t>(w) * st);
        }
      } else {
        for (int64_t i = 0; i < n; ++i) {
          int64_t w = static_cast<int64_t>(ix[adv_pos(g, k, j0 + i)]);
          w += w < 0 ? size : 0;
          b |= static_cast<uint64_t>(w) >= lim;
          off[i] = static_cast<int64_t>((k == 0 ? 0 : static_cast<uint64_t>(off[i])) + static_cast<uint64_t>(w) * st);
        }
      }
      bad |= b;
    };
    if (g.wide[k]) pass(static_cast<const int64_t*>(g.idx[k]));
    else pass(static_cast<const int32_t*>(g.idx[k]));
  }
  return !bad;
}

// The first index outside [-size_k, size_k), k-major then row-major (as a serial check finds it): its position
// in index tensor k with *bad_k = k, or -1.
int64_t first_bad_adv(const AdvIndexGeom& g, int* bad_k) {
  for (int k = 0; k < g.nidx; ++k)
    for (int64_t j = 0; j < g.B; ++j) {
      const int64_t o = adv_pos(g, k, j);
      const int64_t w = g.wide[k] ? static_cast<const int64_t*>(g.idx[k])[o] : static_cast<const int32_t*>(g.idx[k])[o];
      if (w < -g.size[k] || w >= g.size[k]) {
        *bad_k = k;
        return o;
      }
    }
  return -1;
}

// Calls fn(a, j0, n, off) for every (a, block of positions) with the block's offsets, in parallel; per = the
// output elements a position makes (the grain). Every index is checked, also when the output is empty (A or
// C is 0: fn is then not called). Returns what first_bad_adv returns.
template <typename F>
int64_t for_offset_blocks(const AdvIndexGeom& g, int64_t per, int* bad_k, const F& fn) {
  const int64_t B = g.B, nblk = (B + kOffBlock - 1) / kOffBlock;
  const bool empty = g.A == 0 || g.C == 0;
  const int64_t A = empty ? 1 : g.A;
  std::atomic<bool> bad{false};
  parallel_for(0, A * nblk, std::max<int64_t>(1, kGrainSize / (kOffBlock * std::max<int64_t>(per, 1))), [&](int64_t b, int64_t e) {
    alignas(64) int64_t off[kOffBlock];
    for (int64_t u = b; u < e; ++u) {
      const int64_t a = u / nblk, j0 = (u - a * nblk) * kOffBlock, n = std::min(kOffBlock, B - j0);
      if (bad.load(std::memory_order_relaxed) || !block_offsets(g, j0, n, off)) {
        bad.store(true, std::memory_order_relaxed);
        return;
      }
      if (!empty) fn(a, j0, n, off);
    }
  });
  return bad.load() ? first_bad_adv(g, bad_k) : -1;
}

int64_t offsets_kernel(const AdvIndexGeom& g, int32_t* starts, int* bad_k) {
  const int64_t B = g.B, C = g.C;
  return for_offset_blocks(g, C, bad_k, [&](int64_t a, int64_t j0, int64_t n, const int64_t* off) {
    const int64_t base = static_cast<int64_t>(g.ob[a]);
    int32_t* to = starts + (a * B + j0) * C;
    if (C == 1) {
      const int64_t b1 = base + static_cast<int64_t>(g.oa[0]);
      for (int64_t i = 0; i < n; ++i) to[i] = static_cast<int32_t>(b1 + off[i]);
      return;
    }
    for (int64_t i = 0; i < n; ++i)
      for (int64_t c = 0; c < C; ++c) to[i * C + c] = static_cast<int32_t>(base + off[i] + static_cast<int64_t>(g.oa[c]));
  });
}

// The take of Note [Advanced index runs] without starts: out[((a * B + j) * C + c) * run + r] = self[ob[a] +
// off(j) + oa[c] + r], for elements of E's size (any dtype of that size: a copy). The binding has checked that
// the largest start plus run stays within self.
template <typename E>
int64_t take_typed(const AdvIndexGeom& g, const void* self_, int64_t run, void* out_, int* bad_k) {
  const E* self = static_cast<const E*>(self_);
  E* out = static_cast<E*>(out_);
  const int64_t B = g.B, C = g.C;
  return for_offset_blocks(g, C * run, bad_k, [&](int64_t a, int64_t j0, int64_t n, const int64_t* off) {
    const int64_t base = static_cast<int64_t>(g.ob[a]);
    E* to = out + (a * B + j0) * C * run;
    if (C == 1 && run == 1) {
      const E* from = self + base + static_cast<int64_t>(g.oa[0]);
      for (int64_t i = 0; i < n; ++i) to[i] = from[off[i]];
      return;
    }
    for (int64_t i = 0; i < n; ++i)
      for (int64_t c = 0; c < C; ++c, to += run) {
        const E* from = self + base + off[i] + static_cast<int64_t>(g.oa[c]);
        if (run == 1) *to = *from;
        else std::memcpy(to, from, static_cast<size_t>(run) * sizeof(E));
      }
  });
}

int64_t take_kernel(const AdvIndexGeom& g, const void* self, int64_t elsize, int64_t run, void* out, int* bad_k) {
  switch (elsize) {
    case 1: return take_typed<uint8_t>(g, self, run, out, bad_k);
    case 2: return take_typed<uint16_t>(g, self, run, out, bad_k);
    case 4: return take_typed<uint32_t>(g, self, run, out, bad_k);
    default: return take_typed<uint64_t>(g, self, run, out, bad_k);
  }
}

// Position in [0, n) of the first start outside [0, lim], or -1 (read as unsigned: a negative one is huge).
inline int64_t first_bad_start(const int32_t* st, int64_t n, uint64_t lim) {
  uint64_t worst = 0;
  for (int64_t i = 0; i < n; ++i) worst = std::max(worst, static_cast<uint64_t>(static_cast<int64_t>(st[i])));
  if (n == 0 || worst <= lim) return -1;
  for (int64_t i = 0;; ++i)
    if (static_cast<uint64_t>(static_cast<int64_t>(st[i])) > lim) return i;
}

template <typename T, bool Bool>
int64_t runs_kernel(int mode, void* self_, int64_t self_numel, const int32_t* starts, int64_t m, int64_t run, void* other_) {
  T* self = static_cast<T*>(self_);
  T* other = static_cast<T*>(other_);
  if (m == 0 || run == 0) return -1;
  if (self_numel < run) return 0;
  const uint64_t lim = static_cast<uint64_t>(self_numel - run);
  auto copy_run = [run](T* to, const T* from) {
    if (run == 1) *to = *from;
    else if (run >= 16) std::memcpy(to, from, static_cast<size_t>(run) * sizeof(T));
    else for (int64_t r = 0; r < run; ++r) to[r] = from[r];
  };
  if (mode == 0) {
    FirstBad bad;
    parallel_for(0, m, std::max<int64_t>(1, kGrainSize / run), [&](int64_t b, int64_t e) {
      const int64_t kb = first_bad_start(starts + b, e - b, lim);
      const int64_t stop = kb < 0 ? e : b + kb;
      if (run == 1) {
        for (int64_t i = b; i < stop; ++i) other[i] = self[starts[i]];
      } else {
        for (int64_t i = b; i < stop; ++i) copy_run(other + i * run, self + starts[i]);
      }
      if (kb >= 0) bad.note(b + kb);
    });
    return bad.result();
  }
  const int64_t kb = first_bad_start(starts, m, lim);
  if (kb >= 0) return kb;
  if (mode == 1) {
    for (int64_t i = 0; i < m; ++i) copy_run(self + starts[i], other + i * run);
    return -1;
  }
  using W = typename Wrapping<T>::type;
  for (int64_t i = 0; i < m; ++i) {
    T* d = self + starts[i];
    const T* v = other + i * run;
    for (int64_t r = 0; r < run; ++r) {
      if constexpr (Bool) d[r] = (d[r] != 0 || v[r] != 0) ? 1 : 0;
      else d[r] = static_cast<T>(static_cast<W>(d[r]) + static_cast<W>(v[r]));
    }
  }
  return -1;
}

// Slot 0 reads int32 indices, slot 1 int64 (kernel_table.h).
template <typename T>
void set_typed(KernelTable& t, DType d) {
  t.index_gather[0][int(d)] = &gather_kernel<T, int32_t>;
  t.index_gather[1][int(d)] = &gather_kernel<T, int64_t>;
  t.index_scatter[0][int(d)] = &scatter_kernel<T, int32_t>;
  t.index_scatter[1][int(d)] = &scatter_kernel<T, int64_t>;
  t.index_select[0][int(d)] = &select_kernel<T, int32_t>;
  t.index_select[1][int(d)] = &select_kernel<T, int64_t>;
  t.index_put_dim[0][int(d)] = &put_dim_kernel<T, int32_t>;
  t.index_put_dim[1][int(d)] = &put_dim_kernel<T, int64_t>;
  t.index_runs[int(d)] = &runs_kernel<T, false>;
}

}  // namespace

void register_index_kernels(KernelTable& t) {
  set_typed<float>(t, DType::Float32);
  set_typed<double>(t, DType::Float64);
  set_typed<int32_t>(t, DType::Int32);
  set_typed<int64_t>(t, DType::Int64);
  // bool: copies only (scatter-add has no bool meaning here; lib/ops/scatter.ts keeps bool in JS)
  t.index_gather[0][int(DType::Bool)] = &gather_kernel<uint8_t, int32_t>;
  t.index_gather[1][int(DType::Bool)] = &gather_kernel<uint8_t, int64_t>;
  t.index_select[0][int(DType::Bool)] = &select_kernel<uint8_t, int32_t>;
  t.index_select[1][int(DType::Bool)] = &select_kernel<uint8_t, int64_t>;
  t.index_put_dim[0][int(DType::Bool)] = &put_dim_kernel<uint8_t, int32_t>;  // copy only (the binding checks)
  t.index_put_dim[1][int(DType::Bool)] = &put_dim_kernel<uint8_t, int64_t>;
  t.index_runs[int(DType::Bool)] = &runs_kernel<uint8_t, true>;
  t.index_offsets = &offsets_kernel;
  t.index_take = &take_kernel;
}

}  // namespace TG_CPU_NS
}  // namespace tg
