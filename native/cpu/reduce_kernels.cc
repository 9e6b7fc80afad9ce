// Reductions (sum prod max min sumsq) over all elements or any set of dims, and argmax/argmin along a dim:
// the one place that registers them (per ISA) in the kernel table. The kernels live in reduce/ by kind:
// reduce_ops.h (the ops), reduce_all.h (full reductions, Note [Cascade summation]), reduce_dims.h (over dims),
// arg_reduce.h (argmax/argmin).
#include "cpu/reduce/arg_reduce.h"
#include "cpu/reduce/reduce_all.h"
#include "cpu/reduce/reduce_dims.h"
#include "cpu/reduce/reduce_ops.h"

#include <cstdint>

namespace tg {
namespace TG_CPU_NS {
namespace {  // see Note [ISA-local helpers] in loops.h

template <typename Op, typename T>
void set(KernelTable& t, ReduceOp op, DType d) {
  t.reduce_all[int(op)][int(d)] = &reduce_all_kernel<Op, T>;
  t.reduce_dims[int(op)][int(d)] = &reduce_dims_kernel<Op, T>;
}

template <typename T>
void set_arg(KernelTable& t, DType d) {
  t.argmax[int(d)] = &arg_kernel<true, T>;
  t.argmin[int(d)] = &arg_kernel<false, T>;
}

}  // namespace

void register_reduce_kernels(KernelTable& t) {
  set<SumOp<float, float>, float>(t, ReduceOp::sum, DType::Float32);
  set<SumOp<double, double>, double>(t, ReduceOp::sum, DType::Float64);
  set<SumOp<int32_t, int64_t>, int32_t>(t, ReduceOp::sum, DType::Int32);
  set<SumSqOp<float, float>, float>(t, ReduceOp::sumsq, DType::Float32);
  set<SumSqOp<double, double>, double>(t, ReduceOp::sumsq, DType::Float64);
  set<ProdOp<float, float>, float>(t, ReduceOp::prod, DType::Float32);
  set<ProdOp<double, double>, double>(t, ReduceOp::prod, DType::Float64);
  set<ProdOp<int32_t, int64_t>, int32_t>(t, ReduceOp::prod, DType::Int32);
  set<MaxOp<float>, float>(t, ReduceOp::max, DType::Float32);
  set<MaxOp<double>, double>(t, ReduceOp::max, DType::Float64);
  set<MaxOp<int32_t>, int32_t>(t, ReduceOp::max, DType::Int32);
  set<MaxOp<uint8_t>, uint8_t>(t, ReduceOp::max, DType::Bool);
  set<MinOp<float>, float>(t, ReduceOp::min, DType::Float32);
  set<MinOp<double>, double>(t, ReduceOp::min, DType::Float64);
  set<MinOp<int32_t>, int32_t>(t, ReduceOp::min, DType::Int32);
  set<MinOp<uint8_t>, uint8_t>(t, ReduceOp::min, DType::Bool);
  set_arg<float>(t, DType::Float32);
  set_arg<double>(t, DType::Float64);
  set_arg<int32_t>(t, DType::Int32);
  set_arg<uint8_t>(t, DType::Bool);
  set<SumOp<int64_t, int64_t>, int64_t>(t, ReduceOp::sum, DType::Int64);
  set<ProdOp<int64_t, int64_t>, int64_t>(t, ReduceOp::prod, DType::Int64);
  set<MaxOp<int64_t>, int64_t>(t, ReduceOp::max, DType::Int64);
  set<MinOp<int64_t>, int64_t>(t, ReduceOp::min, DType::Int64);
  set_arg<int64_t>(t, DType::Int64);
}

}  // namespace TG_CPU_NS
}  // namespace tg