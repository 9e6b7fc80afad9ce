// The fused LSTM cell's forward and backward over rows of a batch, on Vec<T>. Compiled once per ISA.
#include "cpu/loops.h"

#include <algorithm>
#include <cstdint>

namespace tg {
namespace TG_CPU_NS {
namespace {

template <typename T> using V = Vec<T>;

// Note [Fused LSTM cell]: per row of the batch, gates = hw + xw is [i | f | g | o] (h elements each, ATen's
// chunk order); cy = sigmoid(f) c + sigmoid(i) tanh(g) and hy = sigmoid(o) tanh(cy), each op in the order of
// the composite (lib/nn/rnn.ts's cellStep) with the same vsigmoid/vtanh as the unary kernels, so the values are
// those of the composite to rounding (the compiler may fuse f c + i g into one FMA). The workspace row keeps [sigmoid(i) | sigmoid(f) | tanh(g) | sigmoid(o) |
// tanh(cy)] for the backward. Rows are independent: one thread per block of rows.
template <typename T>
void lstm_cell_kernel(const void* hw_, const void* xw_, const void* c_, void* hy_, void* cy_, void* ws_, int64_t rows,
                      int64_t h) {
  const T *hw = static_cast<const T*>(hw_), *xw = static_cast<const T*>(xw_), *c = static_cast<const T*>(c_);
  T *hy = static_cast<T*>(hy_), *cy = static_cast<T*>(cy_), *ws = static_cast<T*>(ws_);
  constexpr int64_t W = V<T>::size();
  parallel_for(0, rows, std::max<int64_t>(1, kGrainSize / (8 * h)), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const T *a = hw + r * 4 * h, *b = xw + r * 4 * h, *cr = c + r * h;
      T *w = ws + r * 5 * h, *hr = hy + r * h, *cn = cy + r * h;
      for (int64_t j = 0; j < h; j += W) {
        const int n = static_cast<int>(std::min(W, h - j));
        const V<T> si = vsigmoid(V<T>::loadu(a + j, n) + V<T>::loadu(b + j, n));
        const V<T> sf = vsigmoid(V<T>::loadu(a + h + j, n) + V<T>::loadu(b + h + j, n));
        const V<T> tg = vtanh(V<T>::loadu(a + 2 * h + j, n) + V<T>::loadu(b + 2 * h + j, n));
        const V<T> so = vsigmoid(V<T>::loadu(a + 3 * h + j, n) + V<T>::loadu(b + 3 * h + j, n));
        const V<T> cv = sf * V<T>::loadu(cr + j, n) + si * tg;
        const V<T> tc = vtanh(cv);
        cv.storeu(cn + j, n);
        (so * tc).storeu(hr + j, n);
        si.storeu(w + j, n);
        sf.storeu(w + h + j, n);
        tg.storeu(w + 2 * h + j, n);
        so.storeu(w + 3 * h + j, n);
        tc.storeu(w + 4 * h + j, n);
      }
    }
  });
}

// From dhy and dcy (either may be null: no grad, zeros), c and the workspace: dcy' = dcy + dhy o (1 - tanh(cy)^2),
// dgates = [dcy' tanh(g) i (1 - i) | dcy' c f (1 - f) | dcy' i (1 - tanh(g)^2) | dhy tanh(cy) o (1 - o)] (the
// pre-activation gates' grad) and dc = dcy' f (dc may be null).
template <typename T>
void lstm_cell_backward_kernel(const void* dhy_, const void* dcy_, const void* c_, const void* ws_, void* dgates_,
                               void* dc_, int64_t rows, int64_t h) {
  const T *dhy = static_cast<const T*>(dhy_), *dcy = static_cast<const T*>(dcy_), *c = static_cast<const T*>(c_);
  const T* ws = static_cast<const T*>(ws_);
  T *dgates = static_cast<T*>(dgates_), *dc = static_cast<T*>(dc_);
  constexpr int64_t W = V<T>::size();
  parallel_for(0, rows, std::max<int64_t>(1, kGrainSize / (8 * h)), [&](int64_t r0, int64_t r1) {
    const V<T> one(T(1)), zero(T(0));
    for (int64_t r = r0; r < r1; ++r) {
      const T* w = ws + r * 5 * h;
      T* dg = dgates + r * 4 * h;
      for (int64_t j = 0; j < h; j += W) {
        const int n = static_cast<int>(std::min(W, h - j));
        const V<T> si = V<T>::loadu(w + j, n), sf = V<T>::loadu(w + h + j, n), tg = V<T>::loadu(w + 2 * h + j, n);
        const V<T> so = V<T>::loadu(w + 3 * h + j, n), tc = V<T>::loadu(w + 4 * h + j, n);
        const V<T> gh = dhy != nullptr ? V<T>::loadu(dhy + r * h + j, n) : zero;
        V<T> gc = dcy != nullptr ? V<T>::loadu(dcy + r * h + j, n) : zero;
        gc = gc + gh * so * (one - tc * tc);
        (gc * tg * si * (one - si)).storeu(dg + j, n);
        (gc * V<T>::loadu(c + r * h + j, n) * sf * (one - sf)).storeu(dg + h + j, n);
        (gc * si * (one - tg * tg)).storeu(dg + 2 * h + j, n);
        (gh * tc * so * (one - so)).storeu(dg + 3 * h + j, n);
        if (dc != nullptr) (gc * sf).storeu(dc + r * h + j, n);
      }
    }
  });
}

}  // namespace

void register_rnn_kernels(KernelTable& t) {
  t.lstm_cell[int(DType::Float32)] = &lstm_cell_kernel<float>;
  t.lstm_cell[int(DType::Float64)] = &lstm_cell_kernel<double>;
  t.lstm_cell_backward[int(DType::Float32)] = &lstm_cell_backward_kernel<float>;
  t.lstm_cell_backward[int(DType::Float64)] = &lstm_cell_backward_kernel<double>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
