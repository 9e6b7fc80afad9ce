// N-API wrappers of the fused attention kernels (native/cpu/attention_kernels.cc). No math here.
#include "binding/args.h"
#include "binding/ops.h"
#include "binding/storage.h"

#include <cmath>

namespace tg {
namespace ops {
namespace {

// The geometry array (a Float64Array): [nbd, batch[nbd], L, S, E, Ev, sqrtScale, causal, then for q, k, v and
// the mask: offset, batch strides[nbd], row stride; then the mask's column stride].
AttnGeom geom_arg(const Napi::Value& v, const char* op) {
  ArrayArg a = array_arg(v, op);
  TG_CHECK(a.dtype == DType::Float64 && a.numel >= 1, Type, op, ": expected the geometry as a Float64Array");
  const double* p = static_cast<const double*>(a.data);
  AttnGeom g;
  const double nbd = p[0];
  TG_CHECK(nbd >= 0 && nbd <= kMaxDims && nbd == std::floor(nbd), Range, op, ": bad batch rank ", nbd);
  g.nbd = static_cast<int>(nbd);
  TG_CHECK(a.numel == 1 + g.nbd + 6 + 4 * (g.nbd + 2) + 1, Range, op, ": geometry of ", a.numel, " numbers for ", g.nbd,
           " batch dims");
  int64_t at = 1;
  auto next = [&]() {
    const double x = p[at++];
    TG_CHECK(x >= 0 && x == std::floor(x) && x < 9007199254740992.0, Range, op, ": bad size or stride ", x);
    return static_cast<int64_t>(x);
  };
  for (int d = 0; d < g.nbd; ++d) g.batch[d] = next();
  g.L = next();
  g.S = next();
  g.E = next();
  g.Ev = next();
  g.sqrt_scale = p[at++];
  g.causal = p[at++] != 0;
  for (int k = 0; k < 4; ++k) {
    g.off[k] = next();
    for (int d = 0; d < g.nbd; ++d) g.bstride[k][d] = next();
    g.rs[k] = next();
  }
  g.mask_cs = next();
  return g;
}

int64_t batch_numel(const AttnGeom& g) {
  int64_t nb = 1;
  for (int d = 0; d < g.nbd; ++d) nb *= g.batch[d];
  return nb;
}

// Operand k (rows x cols, column stride cs) lies inside its storage of numel elements.
void check_operand(const AttnGeom& g, int k, int64_t rows, int64_t cols, int64_t cs, int64_t numel, const char* op,
                   const char* what) {
  if (batch_numel(g) == 0 || rows == 0 || cols == 0) return;
  int64_t last = g.off[k] + (rows - 1) * g.rs[k] + (cols - 1) * cs;
  for (int d = 0; d < g.nbd; ++d) last += (g.batch[d] - 1) * g.bstride[k][d];
  TG_CHECK(last < numel, Range, op, ": ", what, " reaches element ", last, " of a storage of ", numel);
}

// Checks q, k, v (and the mask when given) against the geometry; returns their dtype.
DType check_inputs(const AttnGeom& g, const ArrayArg& q, const ArrayArg& k, const ArrayArg& v, const ArrayArg* m,
                   const char* op) {
  TG_CHECK(q.dtype == k.dtype && q.dtype == v.dtype, Type, op, ": query, key and value differ in dtype");
  check_operand(g, 0, g.L, g.E, 1, q.numel, op, "query");
  check_operand(g, 1, g.S, g.E, 1, k.numel, op, "key");
  check_operand(g, 2, g.S, g.Ev, 1, v.numel, op, "value");
  if (m != nullptr) {
    TG_CHECK(m->dtype == DType::Bool, Type, op, ": expected a bool mask");
    check_operand(g, 3, g.L, g.S, g.mask_cs, m->numel, op, "attnMask");
  }
  return q.dtype;
}

const uint8_t* mask_arg(const Napi::Value& v, ArrayArg& m, const char* op) {
  if (v.IsNull() || v.IsUndefined()) return nullptr;
  m = array_arg(v, op);
  return static_cast<const uint8_t*>(m.data);
}

// The arguments both entry points open with: q, k, v, the mask (or null) and the geometry, checked together.
struct AttnArgs {
  ArrayArg q, k, v, m;
  const uint8_t* mask;
  AttnGeom g;
  DType dtype;
  int64_t nb;
};

AttnArgs attn_args(const Napi::CallbackInfo& info, const char* name) {
  AttnArgs a{array_arg(info[0], name), array_arg(info[1], name), array_arg(info[2], name), ArrayArg{}, nullptr, {}, {}, 0};
  a.mask = mask_arg(info[3], a.m, name);
  a.g = geom_arg(info[4], name);
  a.dtype = check_inputs(a.g, a.q, a.k, a.v, a.mask != nullptr ? &a.m : nullptr, name);
  a.nb = batch_numel(a.g);
  return a;
}

}  // namespace

// sdpa(q, k, v, mask | null, geom, lse | null) -> out [batch, L, Ev]; lse (batch L elements, when given) gets
// each row's log-sum-exp.
Napi::Value sdpa(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "scaledDotProductAttention";
  const AttnArgs a = attn_args(info, name);
  const AttnGeom& g = a.g;
  const DType dt = a.dtype;
  void* lse = sized_arg(info[5], dt, a.nb * g.L, true, name, "lse");
  AttnForwardFn fn = require_kernel(kt.attention[int(dt)], name, dt);
  Napi::TypedArray out = new_storage(info.Env(), dt, a.nb * g.L * g.Ev);
  fn(a.q.data, a.k.data, a.v.data, a.mask, array_arg(out, name).data, lse, g);
  return out;
}

// sdpaBackward(q, k, v, mask | null, geom, out, lse, gout, dq | null, dk | null, dv | null): the wanted grads
// written into the given contiguous arrays.
Napi::Value sdpa_backward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "scaledDotProductAttentionBackward";
  const AttnArgs a = attn_args(info, name);
  const AttnGeom& g = a.g;
  const DType dt = a.dtype;
  const int64_t nb = a.nb;
  const void* out = sized_arg(info[5], dt, nb * g.L * g.Ev, false, name, "out");
  const void* lse = sized_arg(info[6], dt, nb * g.L, false, name, "lse");
  const void* gout = sized_arg(info[7], dt, nb * g.L * g.Ev, false, name, "the output grad");
  void* dq = sized_arg(info[8], dt, nb * g.L * g.E, true, name, "the query grad");
  void* dk = sized_arg(info[9], dt, nb * g.S * g.E, true, name, "the key grad");
  void* dv = sized_arg(info[10], dt, nb * g.S * g.Ev, true, name, "the value grad");
  AttnBackwardFn fn = require_kernel(kt.attention_backward[int(dt)], name, dt);
  fn(a.q.data, a.k.data, a.v.data, a.mask, out, lse, gout, dq, dk, dv, g);
  return info.Env().Undefined();
}

}  // namespace ops
}  // namespace tg
