// One thin N-API function per kernel family: unpack arguments, call the kernel table, return the result.
#pragma once
#include <napi.h>

#include "cpu/kernel_table.h"

namespace tg {
namespace ops {

using Fn = Napi::Value (*)(const Napi::CallbackInfo&, const KernelTable&);

// Comparisons give bool results whatever their operands' dtype.
inline bool is_compare(BinaryOp op) {
  return op == BinaryOp::eq || op == BinaryOp::ne || op == BinaryOp::lt || op == BinaryOp::le ||
         op == BinaryOp::gt || op == BinaryOp::ge;
}

Napi::Value alloc(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value dispose(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value address(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value fill(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value binary(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value binary_scalar(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value unary(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value cast(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value gather(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value strided_copy(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value reduce_all(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value reduce_dims(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value dot(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value where(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value clamp(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value argmax(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value argmin(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value softmax(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value log_softmax(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value softmax_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value log_softmax_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value gemm(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value gemm_pack_b(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value gemm_linear(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value binary_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value adam_step(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value sgd_step(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value optim_step(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value index_gather(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value index_scatter(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value index_select(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value index_put_dim(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value index_offsets(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value index_take(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value index_runs(const Napi::CallbackInfo& info, const KernelTable& kt);
// binding/conv.cc
Napi::Value im2col(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value col2im(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value conv_forward(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value conv_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
// pool_ops.cc
Napi::Value max_pool2d(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value max_pool2d_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value channel_stats(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value channel_affine(const Napi::CallbackInfo& info, const KernelTable& kt);
// norm.cc
Napi::Value layer_norm(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value layer_norm_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
// attention.cc
Napi::Value sdpa(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value sdpa_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
// rnn.cc
Napi::Value lstm_cell(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value lstm_cell_backward(const Napi::CallbackInfo& info, const KernelTable& kt);
// linalg.cc
Napi::Value linalg(const Napi::CallbackInfo& info, const KernelTable& kt);
// scan.cc
Napi::Value scan(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value topk(const Napi::CallbackInfo& info, const KernelTable& kt);
Napi::Value binary_strided(const Napi::CallbackInfo& info, const KernelTable& kt);

}  // namespace ops
}  // namespace tg
