// Standalone ASan/UBSan check of the direct convolution kernels (native/cpu/conv_direct.h via conv_kernels.cc)
// and max pooling's backward scatter (pool_kernels.cc); run_conv_pool_test.sh builds it per ISA. Every buffer is
// an exact-size heap block, so a read or write past one (a tile's last vector, a padded copy, a window past the
// plane) is an ASan report; results are checked against a double-precision definition. 1 and 2 threads.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>
#include "core/parallel.h"
#include "cpu/kernel_table.h"
namespace tg { namespace TG_CPU_NS { void register_conv_kernels(KernelTable&); void register_pool_kernels(KernelTable&); } }
using namespace tg;
static int fails = 0;
#define CHECK(c, ...) do { if (!(c)) { std::printf("FAIL %s:%d %s ", __FILE__, __LINE__, #c); std::printf(__VA_ARGS__); std::printf("\n"); ++fails; } } while (0)

static double rnd() { return std::rand() / double(RAND_MAX) * 2 - 1; }

template <typename T>
static void run(const KernelTable& kt, ConvGeom g, const char* name) {
  const int64_t G = g.groups, Cg = g.C / G, Og = g.Cout / G, kv = g.k[0] * g.k[1] * g.k[2];
  const int64_t iv = g.in[0] * g.in[1] * g.in[2], ov = g.out[0] * g.out[1] * g.out[2];
  std::vector<T> x(g.N * g.C * iv), w(g.Cout * Cg * kv), b(g.Cout), gy(g.N * g.Cout * ov);
  for (auto* v : {&x, &w, &b, &gy}) for (auto& e : *v) e = T(rnd());
  std::vector<double> y(gy.size()), gx(x.size()), gw(w.size()), gb(b.size());
  for (int64_t n = 0; n < g.N; ++n)
    for (int64_t co = 0; co < g.Cout; ++co)
      for (int64_t o = 0; o < ov; ++o) {
        const int64_t o0 = o / (g.out[1] * g.out[2]), o1 = o / g.out[2] % g.out[1], o2 = o % g.out[2], yi = (n * g.Cout + co) * ov + o;
        double acc = b[co];
        gb[co] += gy[yi];
        for (int64_t ci = 0; ci < Cg; ++ci)
          for (int64_t k = 0; k < kv; ++k) {
            const int64_t a = k / (g.k[1] * g.k[2]), e = k / g.k[2] % g.k[1], f = k % g.k[2];
            const int64_t i0 = o0 * g.stride[0] - g.pad[0] + a * g.dil[0], i1 = o1 * g.stride[1] - g.pad[1] + e * g.dil[1],
                          i2 = o2 * g.stride[2] - g.pad[2] + f * g.dil[2];
            if (i0 < 0 || i0 >= g.in[0] || i1 < 0 || i1 >= g.in[1] || i2 < 0 || i2 >= g.in[2]) continue;
            const int64_t xi = (n * g.C + co / Og * Cg + ci) * iv + (i0 * g.in[1] + i1) * g.in[2] + i2, wi = (co * Cg + ci) * kv + k;
            acc += double(w[wi]) * x[xi];
            gx[xi] += double(w[wi]) * gy[yi];
            gw[wi] += double(x[xi]) * gy[yi];
          }
        y[yi] = acc;
      }
  auto py = std::make_unique<T[]>(y.size()), pgx = std::make_unique<T[]>(gx.size()), pgw = std::make_unique<T[]>(gw.size()),
       pgb = std::make_unique<T[]>(gb.size());
  kt.conv_forward[sizeof(T) == 4 ? int(DType::Float32) : int(DType::Float64)](x.data(), w.data(), b.data(), py.get(), g);
  kt.conv_backward[sizeof(T) == 4 ? int(DType::Float32) : int(DType::Float64)](x.data(), w.data(), gy.data(), pgx.get(), pgw.get(), pgb.get(), g);
  const double tol = sizeof(T) == 4 ? 1e-4 : 1e-10;
  auto cmp = [&](const std::vector<double>& want, const T* got, const char* what) {
    double scale = 1, worst = 0;
    for (double v : want) scale = std::fmax(scale, std::fabs(v));
    for (size_t i = 0; i < want.size(); ++i) worst = std::fmax(worst, std::fabs(got[i] - want[i]) / scale);
    CHECK(worst < tol, "%s %s %s: %g", name, sizeof(T) == 4 ? "f32" : "f64", what, worst);
  };
  cmp(y, py.get(), "y");
  cmp(gx, pgx.get(), "gx");
  cmp(gw, pgw.get(), "gw");
  cmp(gb, pgb.get(), "gb");
}

static ConvGeom geom(int64_t N, int64_t C, int64_t Co, int64_t G, std::vector<int64_t> in, std::vector<int64_t> k, std::vector<int64_t> s,
                     std::vector<int64_t> p, std::vector<int64_t> d) {
  ConvGeom g{N, C, Co, G, {}, {}, {}, {}, {}, {}};
  for (int i = 0; i < 3; ++i) {
    g.in[i] = in[i]; g.k[i] = k[i]; g.stride[i] = s[i]; g.pad[i] = p[i]; g.dil[i] = d[i];
    g.out[i] = (in[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i] + 1;
  }
  return g;
}

int main() {
  auto kt = std::make_unique<KernelTable>();
  TG_CPU_NS::register_conv_kernels(*kt);
  TG_CPU_NS::register_pool_kernels(*kt);
  std::srand(3);
  const std::vector<std::pair<const char*, ConvGeom>> cases = {
      {"lenet2", geom(5, 6, 16, 1, {1, 14, 14}, {1, 5, 5}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1})},
      {"lenet1", geom(3, 1, 6, 1, {1, 13, 17}, {1, 5, 5}, {1, 1, 1}, {0, 2, 2}, {1, 1, 1})},
      {"groups+dil", geom(3, 4, 10, 2, {1, 11, 19}, {1, 3, 3}, {1, 2, 1}, {0, 1, 2}, {1, 2, 2})},
      {"12ch", geom(2, 3, 12, 1, {1, 9, 23}, {1, 3, 3}, {1, 1, 1}, {0, 1, 1}, {1, 1, 2})},
      {"24ch", geom(3, 5, 24, 1, {1, 7, 13}, {1, 3, 2}, {1, 1, 1}, {0, 1, 0}, {1, 1, 1})},
      {"wide", geom(2, 3, 40, 1, {1, 6, 19}, {1, 3, 3}, {1, 1, 1}, {0, 1, 1}, {1, 1, 1})},
      {"k7", geom(2, 2, 4, 1, {1, 30, 33}, {1, 3, 7}, {1, 1, 1}, {0, 1, 3}, {1, 1, 1})},
      {"3d", geom(2, 3, 5, 1, {5, 6, 17}, {2, 3, 3}, {2, 1, 1}, {1, 0, 1}, {1, 1, 1})},
      {"1d", geom(4, 3, 7, 1, {1, 1, 37}, {1, 1, 4}, {1, 1, 1}, {0, 0, 1}, {1, 1, 1})},
      {"output_padding", geom(2, 3, 4, 1, {1, 9, 13}, {1, 3, 3}, {1, 1, 1}, {0, 1, 1}, {1, 2, 2})},
  };
  // a transposed convolution with output_padding 1 at stride 1 (dilation 2): the input is one longer than
  // out + d (k - 1) - 2 p, so the direct input grad must not take it (it read past the padded gy)
  auto& op = const_cast<ConvGeom&>(cases.back().second);
  op.out[1] -= 1;
  op.out[2] -= 1;
  for (int threads : {2, 1}) {
    set_num_threads(threads);
    for (auto& c : cases) {
      run<float>(*kt, c.second, c.first);
      run<double>(*kt, c.second, c.first);
    }
    // max-pool backward: exact-size buffers, shared maxima, and out-of-plane indices skipped and counted
    const int64_t planes = 37, inp = 23, outp = 11;
    std::vector<float> gy(planes * outp);
    std::vector<int64_t> idx(planes * outp);
    for (auto& e : gy) e = float(rnd());
    for (auto& e : idx) e = std::rand() % 5;
    idx[3] = -1;
    idx[planes * outp - 1] = inp;
    auto gx = std::make_unique<float[]>(planes * inp);
    const int64_t bad = kt->max_pool2d_backward[int(DType::Float32)](gy.data(), idx.data(), gx.get(), planes, inp, outp);
    CHECK(bad == 2, "max-pool backward reported %ld bad indices", long(bad));
    double worst = 0;
    for (int64_t p = 0; p < planes; ++p)
      for (int64_t i = 0; i < inp; ++i) {
        double s = 0;
        for (int64_t j = 0; j < outp; ++j)
          if (idx[p * outp + j] == i) s += gy[p * outp + j];
        worst = std::fmax(worst, std::fabs(s - gx[p * inp + i]));
      }
    CHECK(worst < 1e-5, "max-pool backward off by %g", worst);
    // max-pool 2x2 stride 2 forward (Note [Max-pool 2x2 stride 2]) on exact-size buffers, odd planes (a trailing row
    // and column outside every window), with and without indices: the values and indices of the definition
    const PoolGeom2d pg{7, 9, 13, 4, 6, 2, 2, 2, 2, 0, 0, 1, 1};
    auto px = std::make_unique<float[]>(pg.planes * pg.H * pg.W);
    for (int64_t i = 0; i < pg.planes * pg.H * pg.W; ++i) px[i] = float(std::rand() % 4);
    auto pv = std::make_unique<float[]>(pg.planes * pg.Ho * pg.Wo), pv2 = std::make_unique<float[]>(pg.planes * pg.Ho * pg.Wo);
    auto pi = std::make_unique<int64_t[]>(pg.planes * pg.Ho * pg.Wo);
    kt->max_pool2d[int(DType::Float32)](px.get(), pv.get(), pi.get(), pg);
    kt->max_pool2d[int(DType::Float32)](px.get(), pv2.get(), nullptr, pg);
    for (int64_t p = 0; p < pg.planes; ++p)
      for (int64_t o = 0; o < pg.Ho * pg.Wo; ++o) {
        const int64_t oh = o / pg.Wo, ow = o % pg.Wo, j = p * pg.Ho * pg.Wo + o;
        float m = -1;
        int64_t mi = -1;
        for (int64_t h = 2 * oh; h < 2 * oh + 2; ++h)
          for (int64_t w = 2 * ow; w < 2 * ow + 2; ++w)
            if (px[p * pg.H * pg.W + h * pg.W + w] > m) {
              m = px[p * pg.H * pg.W + h * pg.W + w];
              mi = h * pg.W + w;
            }
        CHECK(pv[j] == m && pv2[j] == m && pi[j] == mi, "max-pool 2x2 forward at plane %ld output %ld", long(p), long(o));
      }
  }
  std::printf("%s\n", fails ? "conv_pool_test: FAILURES" : "conv_pool_test: all passed");
  return fails ? 1 : 0;
}
