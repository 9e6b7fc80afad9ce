// KernelTable: one struct of function pointers per instruction set; the only way ops reach ISA-compiled code.
#pragma once
#include <cstdint>

#include "core/dtype.h"

namespace tg {

// X-macros keep the op lists in one place: the enums below, the names exported to lib/native.ts, and the
// registration in each *_kernels.cc all expand from these lists.
#define TG_BINARY_OPS(_)                                                                                \
  _(add) _(sub) _(mul) _(div) _(pow) _(maximum) _(minimum) _(eq) _(ne) _(lt) _(le) _(gt) _(ge)       \
  _(logical_and) _(logical_or)                                                                          \
  _(tanh_backward) _(sigmoid_backward) _(threshold_backward) _(rsub) _(rdiv) _(rpow)                  \
  _(atan2) _(hypot) _(fmod) _(remainder) _(xlogy) _(logical_xor) _(bitwise_and) _(bitwise_or)          \
  _(bitwise_xor) _(polygamma) _(gelu_backward) _(gelu_tanh_backward)

#define TG_UNARY_OPS(_)                                                                                 \
  _(neg) _(abs) _(exp) _(log) _(sqrt) _(rsqrt) _(sin) _(cos) _(tanh) _(sigmoid) _(relu) _(sign)       \
  _(logical_not) _(square) _(reciprocal) _(erf)                                                        \
  _(sinh) _(cosh) _(tan) _(asin) _(acos) _(atan) _(asinh) _(acosh) _(atanh) _(log2) _(log10) _(log1p)  \
  _(expm1) _(exp2) _(floor) _(ceil) _(round) _(trunc) _(erfc) _(erfinv) _(lgamma) _(digamma)          \
  _(trigamma) _(bitwise_not) _(gelu) _(gelu_tanh)

enum class BinaryOp : int32_t {
#define TG_ENUM(name) name,
  TG_BINARY_OPS(TG_ENUM)
#undef TG_ENUM
      count
};

enum class UnaryOp : int32_t {
#define TG_ENUM(name) name,
  TG_UNARY_OPS(TG_ENUM)
#undef TG_ENUM
      count
};

enum class ReduceOp : int32_t { sum, prod, max, min, sumsq, count };

constexpr int kNumDTypes = 10;
constexpr int kMaxDims = 32;

// Element strides of up to four operands over one output shape; stride 0 marks a broadcast dim.
// Operand 0 is the output (contiguous), 1..3 the inputs (where: 1 = condition, 2 = a, 3 = b).
constexpr int kMaxOperands = 4;
struct Strided {
  int ndim = 0;
  int64_t shape[kMaxDims];
  int64_t stride[kMaxOperands][kMaxDims];
};

// Reduction geometry after collapsing: the input viewed as [outer, reduced, inner]... generalised to any
// set of reduced dims by iterating the output and, per output element, the reduced sub-space.
struct ReduceGeom {
  int ndim = 0;                  // dims of the (collapsed) input
  int64_t shape[kMaxDims];       // input shape
  bool reduced[kMaxDims];        // which input dims are reduced
};

using BinaryFn = void (*)(const void* a, const void* b, void* out, const Strided& geom);
// Binary with a scalar right-hand side: out = op(a, s) over n contiguous elements.
using BinaryScalarFn = void (*)(const void* a, double s, void* out, int64_t n);
using UnaryFn = void (*)(const void* a, void* out, int64_t n);
using CastFn = void (*)(const void* src, void* dst, int64_t n);
// Reduce all n elements to one value, computed in T's precision (cascade sums) and returned widened.
using ReduceAllFn = double (*)(const void* a, int64_t n);
// Reduce over the dims flagged in geom; out holds one element per kept position (row-major).
using ReduceDimsFn = void (*)(const void* a, void* out, const ReduceGeom& geom);
using DotFn = double (*)(const void* a, const void* b, int64_t n);
using FillFn = void (*)(void* out, double value, int64_t n);
// Copy a strided (broadcast/permuted) view of src into contiguous dst; geom operand 1 is src.
using GatherFn = void (*)(const void* src, void* dst, const Strided& geom);
// dst (operand 1 strides) = src (operand 2 strides), elementwise over geom's shape; same dtype.
using StridedCopyFn = void (*)(void* dst, const void* src, const Strided& geom);

// out = cond ? a : b with broadcasting; geom operands: 0 out, 1 cond (uint8), 2 a, 3 b.
using WhereFn = void (*)(const uint8_t* cond, const void* a, const void* b, void* out, const Strided& geom);
// out = min(max(a, lo), hi) over n contiguous elements; a missing (or NaN) bound is skipped, NaN inputs stay NaN.
using ClampFn = void (*)(const void* a, void* out, int64_t n, double lo, double hi, bool has_lo, bool has_hi);
// Index of the max/min along the middle dim of a contiguous [outer, n, inner] input (n >= 1): first occurrence,
// NaN counts as the extreme (PyTorch). out holds outer * inner int64 indices (PyTorch's dtype for indices).
using ArgReduceFn = void (*)(const void* a, int64_t* out, int64_t outer, int64_t n, int64_t inner);
// softmax / log_softmax along the middle dim of [outer, n, inner] (max-subtracted).
using SoftmaxFn = void (*)(const void* a, void* out, int64_t outer, int64_t n, int64_t inner);
// Their backward from (grad, output y): softmax (g - sum(g*y)) * y, log_softmax g - exp(y) * sum(g).
using SoftmaxBackwardFn = void (*)(const void* grad, const void* y, void* out, int64_t outer, int64_t n, int64_t inner);

// mul's ([0]), div's ([1]) or pow's ([2]) two input grads from (grad, self, other, and pow's result) of n
// elements each; ga or gb may be null, result is null for mul and div.
// layer_norm over rows of n contiguous elements: y = (x - mean) rstd w + b (w and b may be null), and its
// backward from (grad, x, w): dx, dw and db (each may be null; dw and db have n elements) (norm_kernels.cc);
// the grad's rows are gs elements apart (n, or 0 for one row broadcast over all). stats (may be null): 2 rows
// values of x's dtype, each row's mean then its rstd; the forward writes them, the backward reads them instead of
// recomputing (Note [layer_norm saved stats]).
using LayerNormFn = void (*)(const void* x, const void* w, const void* b, void* y, void* stats, int64_t rows, int64_t n, double eps);
using LayerNormBackwardFn = void (*)(const void* g, int64_t gs, const void* x, const void* w, const void* stats, void* dx, void* dw,
                                     void* db, int64_t rows, int64_t n, double eps);

// The fused LSTM cell over rows of a batch (rnn_kernels.cc, Note [Fused LSTM cell]): from hw and xw ([rows, 4h]
// each, summed into the gates) and c ([rows, h]): hy, cy and a [rows, 5h] workspace; its backward from dhy, dcy
// (either may be null), c and the workspace: dgates ([rows, 4h]) and dc (may be null).
using LstmCellFn = void (*)(const void* hw, const void* xw, const void* c, void* hy, void* cy, void* ws, int64_t rows,
                            int64_t h);
using LstmCellBackwardFn = void (*)(const void* dhy, const void* dcy, const void* c, const void* ws, void* dgates,
                                    void* dc, int64_t rows, int64_t h);

using BinaryBackwardFn = void (*)(const void* grad, const void* a, const void* b, const void* result, void* ga,
                                  void* gb, int64_t n);

// Fused optimizer updates over n contiguous elements, in place (optim_kernels.cc). Hyperparameters are doubles
// as given; the kernels round them to the parameter's dtype.
struct AdamHyper {
  double beta1, beta2, eps;
  double weight_decay;           // Adam's L2 term added to the grad (0: none)
  double param_decay;            // AdamW's factor 1 - lr * weight_decay on the parameter (1: none)
  double step_size;              // lr / (1 - beta1^step)
  double bias_correction2_sqrt;  // sqrt(1 - beta2^step)
  bool maximize;
};
struct SgdHyper {
  double lr, momentum, dampening, weight_decay;
  bool nesterov, maximize;
  bool first_step;  // the momentum buffer is set to the first grad rather than updated
};
// max_exp_avg_sq is null without amsgrad; momentum_buffer is null without momentum.
using AdamFn = void (*)(void* param, const void* grad, void* exp_avg, void* exp_avg_sq, void* max_exp_avg_sq,
                        int64_t n, const AdamHyper& h);
using SgdFn = void (*)(void* param, const void* grad, void* momentum_buffer, int64_t n, const SgdHyper& h);
// The other element-wise optimizers, one entry: `kind` picks the update (OptimKind), s0..s2 are its state
// buffers (null where unused) and h its hyperparameters, both in the order optim_kernels.cc documents.
enum class OptimKind : int { RMSprop = 0, Adagrad = 1, Adadelta = 2, Adamax = 3, NAdam = 4, RAdam = 5 };
constexpr int kOptimHyper = 9;
using OptimStepFn = void (*)(OptimKind kind, void* param, const void* grad, void* s0, void* s1, void* s2, int64_t n,
                             const double* h);

// Gather/scatter along a dim and index_select (index_kernels.cc). The binding has checked the shapes (index no
// larger than self outside dim, nor than src anywhere); the kernels check each index against `size` (self's
// size at dim) as they go (Note [Fused index checks]) and return the position in index of the first bad one, or
// -1. index is contiguous of `shape`, int32 or int64 by the table slot (Note [Index widths] in
// binding/index_view.h); self_stride and src_stride are the contiguous strides of self and src: element p of
// index reads/writes self at its coordinates with dim replaced by index[p].
struct IndexGeom {
  int ndim = 0;
  int dim = 0;
  int64_t size = 0;
  int64_t shape[kMaxDims];
  int64_t self_stride[kMaxDims];
  int64_t src_stride[kMaxDims];
  int64_t self_shape[kMaxDims];
  int64_t self_numel = 0;
};
// The index kernels' table slots: [0] reads int32 indices, [1] int64.
constexpr int kIndexWidths = 2;
using IndexGatherFn = int64_t (*)(const void* self, const void* index, void* out, const IndexGeom& g);
// mode: how src (value where src is null) combines into self[..], repeated indices in row-major order; plus
// kScatterNoSelf: the targets start from the reduction's identity (scatter_reduce's include_self=False). With
// init, self is first a copy of init (Note [Fused scatter copy]); without it self is updated in place.
enum : int { kScatterSet = 0, kScatterAdd = 1, kScatterMul = 2, kScatterMax = 3, kScatterMin = 4, kScatterNoSelf = 8 };
using IndexScatterFn = int64_t (*)(void* self, const void* index, const void* src, const void* init, double value,
                                   int mode, const IndexGeom& g);
// out[o, j, k] = self[o, index[j], k] for a contiguous [outer, n, inner] self and m indices.
using IndexSelectFn = int64_t (*)(const void* self, const void* index, void* out, int64_t outer, int64_t n,
                                  int64_t inner, int64_t m);
// self[o, index[j], k] = src[o, j, k] (mode 0; value where src is null) or += alpha * src[o, j, k] (mode 1) for
// a contiguous [outer, n, inner] self and m indices, all checked before any write (Note [Index put along a
// dim]). Add and fill are float-only (the binding checks).
using IndexPutDimFn = int64_t (*)(void* self, const void* index, const void* src, double value, double alpha,
                                  int mode, int64_t outer, int64_t n, int64_t inner, int64_t m);
// Advanced indexing (x[i0, i1, ...]: Note [Advanced index runs] in index_kernels.cc). index_offsets turns nidx
// index tensors (each int32 or int64, `wide`, broadcast over bshape by istride: 0 along a broadcast dim, `full`
// when it is bshape itself) into the start of each run: starts[(a * B + j) * C + c] = ob[a] + sum_k
// wrap(idx_k[j]) * stride[k] + oa[c], wrap adding size[k] to a negative index; it returns the position in
// idx_k of the first index outside [-size[k], size[k]) (k-major, then row-major, as a serial check finds it)
// with *bad_k = k, or -1. index_runs moves the runs: mode 0 out[i * run + r] = self[starts[i] + r] (parallel),
// 1 self[starts[i] + r] = other[i * run + r], 2 += (serial: repeated positions in index order); a start outside
// [0, self_numel - run] is never used (its position is returned, else -1).
struct AdvIndexGeom {
  int nidx = 0, nb = 0;
  const void* idx[kMaxDims];
  bool wide[kMaxDims], full[kMaxDims];
  int64_t size[kMaxDims], stride[kMaxDims], bshape[kMaxDims];
  int64_t istride[kMaxDims][kMaxDims];
  int64_t A = 1, B = 1, C = 1;
  const double* ob = nullptr;
  const double* oa = nullptr;
};
using IndexOffsetsFn = int64_t (*)(const AdvIndexGeom& g, int32_t* starts, int* bad_k);
// index_take: the runs those starts name copied into out (elements of elsize bytes: every dtype), without
// writing the starts; the caller checks that ob, oa and the indices' reach keep every run inside self.
using IndexTakeFn = int64_t (*)(const AdvIndexGeom& g, const void* self, int64_t elsize, int64_t run, void* out, int* bad_k);
using IndexRunsFn = int64_t (*)(int mode, void* self, int64_t self_numel, const int32_t* starts, int64_t m, int64_t run,
                                void* other);

// Pooling and per-channel normalization (pool_kernels.cc). A pooling sees planes of H x W values and writes
// Ho x Wo per plane (lib/ops/pooling.ts's PoolGeom); max_pool2d writes values and int64 in-plane indices (idx may be null: values only). The
// channel kernels see [N, C, S]: channel_stats mode 0 writes each channel's mean and biased variance, mode 1
// sum(g) and sum(g * (x - mean)); channel_affine writes a[c] (x - mean[c]) + b[c] (+ k[c] g when g is given).
struct PoolGeom2d {
  int64_t planes, H, W, Ho, Wo, kH, kW, sH, sW, pH, pW, dH, dW;
};
using MaxPool2dFn = void (*)(const void* x, void* out, int64_t* idx, const PoolGeom2d& g);
// gx [planes, in_plane] = zeros plus gy [planes, out_plane] added at the int64 in-plane indices; returns how
// many indices were outside the plane (skipped).
using MaxPool2dBackwardFn = int64_t (*)(const void* gy, const int64_t* idx, void* gx, int64_t planes, int64_t in_plane,
                                        int64_t out_plane);
using ChannelStatsFn = void (*)(const void* x, const void* g, const double* mean, int64_t N, int64_t C, int64_t S,
                                int mode, double* out1, double* out2);
using ChannelAffineFn = void (*)(const void* x, const void* g, void* out, int64_t N, int64_t C, int64_t S,
                                 const double* mean, const double* a, const double* b, const double* k);

// Row-major C = alpha * op(A) @ op(B) + beta * C (see gemm.h).
using GemmF32Fn = void (*)(bool, bool, int64_t, int64_t, int64_t, float, const float*, int64_t, const float*, int64_t,
                           float, float*, int64_t);
using GemmF64Fn = void (*)(bool, bool, int64_t, int64_t, int64_t, double, const double*, int64_t, const double*,
                           int64_t, double, double*, int64_t);
// F.linear: C = A @ op(B) (+ bias) (then ReLU), B optionally pre-packed by gemm_pack_b (see gemm.h).
template <typename T>
using GemmLinearFn = void (*)(bool, int64_t, int64_t, int64_t, const T*, const T*, const T*, const T*, bool, T*);
template <typename T>
using GemmPackBFn = int64_t (*)(bool, int64_t, int64_t, const T*, T*);

// Convolution geometry (conv_kernels.cc): 1-d and 2-d convolutions pass unit leading spatial dims. Input
// [N, C, in], weight [Cout, C / groups, k], output [N, Cout, out]; im2col/col2im use N, C, in, k, out, stride,
// pad, dil only. The binding has checked every size against the arrays.
struct ConvGeom {
  int64_t N, C, Cout, groups;
  int64_t in[3], k[3], out[3], stride[3], pad[3], dil[3];
  // conv_forward's inference epilogue (Note [Conv epilogue], conv_direct.h): when post_a is set,
  // y = post_a[co] (y - post_mean[co]) + post_b[co] per output channel (an eval batch norm), then when post_relu
  // y < 0 ? 0 : y.
  const double *post_mean = nullptr, *post_a = nullptr, *post_b = nullptr;
  bool post_relu = false;
};
// col [N, C * kvol, outvol] from x [N, C, in]; col2im sums col back into x (written whole).
using Im2ColFn = void (*)(const void* x, void* col, const ConvGeom& g);
using Col2ImFn = void (*)(const void* col, void* x, const ConvGeom& g);
// y = conv(x, w) + bias (bias may be null).
using ConvForwardFn = void (*)(const void* x, const void* w, const void* bias, void* y, const ConvGeom& g);
// The grads of conv_forward from gy into gx, gw, gb (each may be null; x is read only for gw).
using ConvBackwardFn = void (*)(const void* x, const void* w, const void* gy, void* gx, void* gw, void* gb,
                                const ConvGeom& g);

// Fused scaled-dot-product attention (attention_kernels.cc, Note [Fused attention]) over a batch of nb
// (batch, head) problems: query [L, E], key [S, E], value [S, Ev] at element offset off[k] + the batch index's
// strides bstride[k] (operands 0 q, 1 k, 2 v, 3 mask), rows rs[k] apart, columns contiguous (the mask's cs apart,
// 0 when broadcast). The batch index runs over batch[0..nbd) row-major. scores = (q sqrt_scale) . (k sqrt_scale),
// masked where causal and j > i, or where the bool mask (may be null) is 0.
struct AttnGeom {
  int nbd = 0;
  int64_t batch[kMaxDims];
  int64_t L, S, E, Ev;
  int64_t off[4], bstride[4][kMaxDims], rs[4], mask_cs;
  double sqrt_scale;  // q and k are each scaled by it, as ATen's math path does
  bool causal;
};
// out [nb, L, Ev] contiguous; lse [nb, L] (may be null): each row's log-sum-exp of its masked scores.
using AttnForwardFn = void (*)(const void* q, const void* k, const void* v, const uint8_t* mask, void* out, void* lse,
                               const AttnGeom& g);
// From the grad of out (gout [nb, L, Ev] contiguous), out and lse: dq [nb, L, E], dk [nb, S, E], dv [nb, S, Ev]
// (contiguous, each may be null).
using AttnBackwardFn = void (*)(const void* q, const void* k, const void* v, const uint8_t* mask, const void* out,
                                const void* lse, const void* gout, void* dq, void* dk, void* dv, const AttnGeom& g);

// Scans and small-k selection along the middle dim of [outer, n, inner] (scan_kernels.cc). scan: op 0 cumsum,
// 1 cumprod, from the last element down when reverse (cumsum's backward); floats accumulate in double, in order
// (Note [Sequential scans]). topk: the k first of each slice (largest: descending) as values [outer, k, inner]
// and int64 indices, NaN above every number and ties by position (Note [Sort order]).
using ScanFn = void (*)(const void* a, void* out, int64_t outer, int64_t n, int64_t inner, int op, bool reverse);
using TopkFn = void (*)(const void* a, void* values, int64_t* indices, int64_t outer, int64_t n, int64_t inner,
                        int64_t k, bool largest);

// The float64 decompositions (linalg_kernels.cc; operands in cpu/linalg.h). Returns 0.
struct LinalgArgs;
using LinalgF64Fn = int64_t (*)(const LinalgArgs& args);

struct KernelTable {
  const char* name;
  BinaryFn binary[static_cast<int>(BinaryOp::count)][kNumDTypes];
  BinaryScalarFn binary_scalar[static_cast<int>(BinaryOp::count)][kNumDTypes];
  UnaryFn unary[static_cast<int>(UnaryOp::count)][kNumDTypes];
  CastFn cast[kNumDTypes][kNumDTypes];
  ReduceAllFn reduce_all[static_cast<int>(ReduceOp::count)][kNumDTypes];
  ReduceDimsFn reduce_dims[static_cast<int>(ReduceOp::count)][kNumDTypes];
  DotFn dot[kNumDTypes];
  FillFn fill[kNumDTypes];
  GatherFn gather[kNumDTypes];
  StridedCopyFn strided_copy[kNumDTypes];
  WhereFn where[kNumDTypes];
  ClampFn clamp[kNumDTypes];
  ArgReduceFn argmax[kNumDTypes];
  ArgReduceFn argmin[kNumDTypes];
  SoftmaxFn softmax[2][kNumDTypes];                   // [0] softmax, [1] log_softmax
  SoftmaxBackwardFn softmax_backward[2][kNumDTypes];  // [0] softmax, [1] log_softmax
  BinaryBackwardFn binary_backward[3][kNumDTypes];    // [0] mul, [1] div, [2] pow
  GemmF32Fn gemm_f32;
  GemmF64Fn gemm_f64;
  GemmLinearFn<float> gemm_linear_f32;
  GemmLinearFn<double> gemm_linear_f64;
  GemmPackBFn<float> gemm_pack_b_f32;
  GemmPackBFn<double> gemm_pack_b_f64;
  AdamFn adam[kNumDTypes];
  SgdFn sgd[kNumDTypes];
  OptimStepFn optim_step[kNumDTypes];
  IndexGatherFn index_gather[kIndexWidths][kNumDTypes];
  IndexScatterFn index_scatter[kIndexWidths][kNumDTypes];
  IndexSelectFn index_select[kIndexWidths][kNumDTypes];
  IndexPutDimFn index_put_dim[kIndexWidths][kNumDTypes];
  IndexOffsetsFn index_offsets;  // reads either index width per index tensor
  IndexTakeFn index_take;
  IndexRunsFn index_runs[kNumDTypes];
  Im2ColFn im2col[kNumDTypes];
  Col2ImFn col2im[kNumDTypes];
  ConvForwardFn conv_forward[kNumDTypes];
  ConvBackwardFn conv_backward[kNumDTypes];
  MaxPool2dFn max_pool2d[kNumDTypes];
  MaxPool2dBackwardFn max_pool2d_backward[kNumDTypes];
  ChannelStatsFn channel_stats[kNumDTypes];
  ChannelAffineFn channel_affine[kNumDTypes];
  LayerNormFn layer_norm[kNumDTypes];
  LayerNormBackwardFn layer_norm_backward[kNumDTypes];
  LstmCellFn lstm_cell[kNumDTypes];
  LstmCellBackwardFn lstm_cell_backward[kNumDTypes];
  LinalgF64Fn linalg_f64;
  ScanFn scan[kNumDTypes];
  TopkFn topk[kNumDTypes];
  AttnForwardFn attention[kNumDTypes];
  AttnBackwardFn attention_backward[kNumDTypes];
};

// Each ISA namespace provides these; dispatch.cc calls only the ones the CPU supports.
#define TG_DECLARE_REGISTER(ns)                       \
  namespace ns {                                      \
  void register_unary_kernels(KernelTable& t);       \
  void register_binary_kernels(KernelTable& t);      \
  void register_reduce_kernels(KernelTable& t);      \
  void register_copy_kernels(KernelTable& t);        \
  void register_blas_kernels(KernelTable& t);        \
  void register_softmax_kernels(KernelTable& t);     \
  void register_optim_kernels(KernelTable& t);       \
  void register_index_kernels(KernelTable& t);       \
  void register_conv_kernels(KernelTable& t);        \
  void register_pool_kernels(KernelTable& t);        \
  void register_norm_kernels(KernelTable& t);        \
  void register_rnn_kernels(KernelTable& t);         \
  void register_linalg_kernels(KernelTable& t);      \
  void register_scan_kernels(KernelTable& t);        \
  void register_attention_kernels(KernelTable& t);   \
  }

TG_DECLARE_REGISTER(cpu_default)
TG_DECLARE_REGISTER(cpu_avx2)
TG_DECLARE_REGISTER(cpu_avx512)
TG_DECLARE_REGISTER(cpu_neon)
#undef TG_DECLARE_REGISTER

// The table for the capability in force: chosen from CPUID/XGETBV and TG_CPU_CAPABILITY (dispatch.cc).
const KernelTable* select_kernel_table(const char* requested, const char** error);
// Capabilities this CPU and OS can run, best last.
int supported_capabilities(const char** names, int max);

}  // namespace tg
