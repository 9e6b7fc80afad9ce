// N-API wrappers of advanced indexing's kernels (Note [Advanced index runs] in cpu/index_kernels.cc): the starts of
// a Plan (lib/ops/indexing.ts) from the index tensors, and the runs a Plan takes or puts.
#include <cmath>
#include <string>
#include <vector>

#include "binding/args.h"
#include "binding/index_view.h"
#include "binding/ops.h"

namespace tg {
namespace ops {
namespace {

std::string name_arg(const Napi::Value& v) {
  TG_CHECK(v.IsString(), Type, "index op: expected the op name");
  return v.As<Napi::String>().Utf8Value();
}

// A Float64Array of integer offsets in [0, 2^31); returns the largest.
double offsets_arg(const Napi::Value& v, const std::string& op, const double** data, int64_t* n) {
  ArrayArg a = array_arg(v, op.c_str());
  TG_CHECK(a.dtype == DType::Float64, Type, op, ": expected a Float64Array of offsets");
  const double* p = static_cast<const double*>(a.data);
  double hi = 0;
  for (int64_t i = 0; i < a.numel; ++i) {
    TG_CHECK(p[i] >= 0 && p[i] < 2147483648.0 && p[i] == std::floor(p[i]), Range, op, ": bad offset ", p[i]);
    hi = std::max(hi, p[i]);
  }
  *data = p;
  *n = a.numel;
  return hi;
}

}  // namespace

// The geometry of a Plan from info[0..8) (indices, indexShapes, dims, sizes, strides, bShape, ob, oa) with the
// index views; returns the largest start (ob's largest + oa's largest + the indices' reach).
double adv_geom(const Napi::CallbackInfo& info, const std::string& op, AdvIndexGeom& g, std::vector<IndexView>& views,
                Shape& dims) {
  TG_CHECK(info[0].IsArray() && info[1].IsArray(), Type, op, ": expected arrays of index tensors and shapes");
  Napi::Array idx = info[0].As<Napi::Array>(), shapes = info[1].As<Napi::Array>();
  dims = shape_arg(info[2], op.c_str());
  const Shape sizes = shape_arg(info[3], op.c_str()), strides = shape_arg(info[4], op.c_str()), b = shape_arg(info[5], op.c_str());
  const int nidx = static_cast<int>(idx.Length());
  TG_CHECK(nidx >= 1 && shapes.Length() == idx.Length() && dims.ndim == nidx && sizes.ndim == nidx && strides.ndim == nidx,
           Range, op, ": expected one shape, dim, size and stride per index tensor");
  g.nidx = nidx;
  g.nb = b.ndim;
  g.B = 1;
  for (int d = 0; d < b.ndim; ++d) {
    g.bshape[d] = b.dims[d];
    g.B *= b.dims[d];
  }
  double reach = 0;  // the largest offset the indices can add
  for (int k = 0; k < nidx; ++k) {
    ArrayArg a = array_arg(idx.Get(k), op.c_str());
    views.push_back(index_view(a, op));
    const Shape s = shape_arg(shapes.Get(k), op.c_str());
    int64_t n = 1;
    for (int d = 0; d < s.ndim; ++d) n *= s.dims[d];
    TG_CHECK(n == a.numel && s.ndim <= b.ndim, Range, op, ": index tensor ", k, " does not match its shape");
    int64_t st = 1;
    for (int d = b.ndim - 1; d >= 0; --d) {
      const int i = d - (b.ndim - s.ndim);
      const int64_t sz = i < 0 ? 1 : s.dims[i];
      TG_CHECK(sz == 1 || sz == b.dims[d], Range, op, ": index tensor ", k, " does not broadcast to the index shape");
      g.istride[k][d] = sz == 1 ? 0 : st;
      st *= sz;
    }
    g.idx[k] = a.data;
    g.wide[k] = views.back().wide;
    g.full[k] = n == g.B && s.ndim == b.ndim;
    g.size[k] = sizes.dims[k];
    g.stride[k] = strides.dims[k];
    reach += static_cast<double>(std::max<int64_t>(sizes.dims[k] - 1, 0)) * static_cast<double>(strides.dims[k]);
  }
  int64_t A = 0, C = 0;
  const double hi = offsets_arg(info[6], op, &g.ob, &A) + offsets_arg(info[7], op, &g.oa, &C) + reach;
  TG_CHECK(hi < 2147483648.0, Range, op, ": the indexed tensor is too large (offsets past 2^31)");
  g.A = A;
  g.C = C;
  return hi;
}

// indexOffsets(indices, indexShapes, dims, sizes, strides, bShape, ob, oa, opName, out): out (Int32Array of
// ob.length * B * oa.length, B = numel(bShape)) receives the starts of the Plan; an index outside [-size, size)
// is PyTorch's RangeError naming dims[k] and sizes[k].
Napi::Value index_offsets(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const std::string op = name_arg(info[8]);
  AdvIndexGeom g;
  std::vector<IndexView> views;
  Shape dims;
  adv_geom(info, op, g, views, dims);
  ArrayArg out = array_arg(info[9], op.c_str());
  TG_CHECK(out.dtype == DType::Int32 && out.numel == g.A * g.B * g.C, Range, op, ": starts have ", out.numel,
           " elements, expected ", g.A * g.B * g.C);
  int bad_k = -1;
  const int64_t bad = kt.index_offsets(g, static_cast<int32_t*>(out.data), &bad_k);
  if (bad >= 0) check_reported(bad, views[bad_k], g.size[bad_k], static_cast<int>(dims.dims[bad_k]), op);
  return info[9];
}

// indexTake(indices, indexShapes, dims, sizes, strides, bShape, ob, oa, opName, self, run, out): out (self's
// dtype, ob.length * B * oa.length * run elements) receives the runs of the Plan those arguments describe, as
// indexOffsets then indexRuns(0) would give, without the starts (Note [Advanced index blocks]); the same errors.
Napi::Value index_take(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const std::string op = name_arg(info[8]);
  AdvIndexGeom g;
  std::vector<IndexView> views;
  Shape dims;
  const double hi = adv_geom(info, op, g, views, dims);
  ArrayArg self = array_arg(info[9], op.c_str()), out = array_arg(info[11], op.c_str());
  const int64_t run = int_arg(info[10], op.c_str(), "run");
  TG_CHECK(run >= 1 && out.dtype == self.dtype && out.numel == g.A * g.B * g.C * run, Range, op, ": the result has ",
           out.numel, " elements of ", dtype_name(out.dtype), ", expected ", g.A * g.B * g.C * run, " of ", dtype_name(self.dtype));
  // every start is at most hi, so a run past self's end is ruled out here, once, not per element
  TG_CHECK(g.A * g.B * g.C == 0 || hi + static_cast<double>(run) <= static_cast<double>(self.numel), Range, op,
           ": the index plan reaches past the tensor's ", self.numel, " elements");
  int bad_k = -1;
  const int64_t bad = kt.index_take(g, self.data, static_cast<int64_t>(dtype_size(self.dtype)), run, out.data, &bad_k);
  if (bad >= 0) check_reported(bad, views[bad_k], g.size[bad_k], static_cast<int>(dims.dims[bad_k]), op);
  return info[11];
}

// indexRuns(mode, self, starts, run, other, opName): mode 0 other[i * run + r] = self[starts[i] + r]; 1 self[..] =
// other[..]; 2 self[..] += other[..] (index order). other has self's dtype and starts.length * run elements.
Napi::Value index_runs(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const std::string op = name_arg(info[5]);
  const int64_t mode = int_arg(info[0], op.c_str(), "mode");
  TG_CHECK(mode >= 0 && mode <= 2, Range, op, ": bad index runs mode ", mode);
  ArrayArg self = array_arg(info[1], op.c_str()), starts = array_arg(info[2], op.c_str()),
           other = array_arg(info[4], op.c_str());
  const int64_t run = int_arg(info[3], op.c_str(), "run");
  TG_CHECK(starts.dtype == DType::Int32 && run >= 1, Range, op, ": expected Int32Array starts and a run >= 1");
  TG_CHECK(other.dtype == self.dtype && other.numel == starts.numel * run, Range, op, ": values have dtype ",
           dtype_name(other.dtype), " and ", other.numel, " elements, expected ", dtype_name(self.dtype), " and ",
           starts.numel * run);
  IndexRunsFn fn = kt.index_runs[int(self.dtype)];
  TG_CHECK(fn != nullptr, Type, op, ": not implemented for dtype ", dtype_name(self.dtype));
  const int64_t bad = fn(static_cast<int>(mode), self.data, self.numel, static_cast<const int32_t*>(starts.data),
                         starts.numel, run, other.data);
  TG_CHECK(bad < 0, Range, op, ": position ", bad, " of the index plan is outside the tensor");
  return info.Env().Undefined();
}

}  // namespace ops
}  // namespace tg
