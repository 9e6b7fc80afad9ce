// Standalone ASan/UBSan check of layer_norm's forward and one-pass backward (native/cpu/norm_kernels.cc, Note
// [layer_norm backward blocks]); run_norm_test.sh builds it per ISA. Every buffer is an exact-size heap block,
// so a read or write past one (a vector tail, a block's partial row, the broadcast grad row) is an ASan report;
// results are checked against a double-precision definition, and 2 threads must give 1 thread's bits.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>
#include "core/parallel.h"
#include "cpu/kernel_table.h"
namespace tg { namespace TG_CPU_NS { void register_norm_kernels(KernelTable&); } }
using namespace tg;
static int fails = 0;
#define CHECK(c, ...) do { if (!(c)) { std::printf("FAIL %s:%d %s ", __FILE__, __LINE__, #c); std::printf(__VA_ARGS__); std::printf("\n"); ++fails; } } while (0)

static double rnd() { return std::rand() / double(RAND_MAX) * 2 - 1; }

// dx, dw, db by definition (double), grad row r at g[r * gs]
static void reference(const std::vector<double>& g, int64_t gs, const std::vector<double>& x, const std::vector<double>& w, int64_t rows,
                      int64_t n, double eps, std::vector<double>* dx, std::vector<double>* dw, std::vector<double>* db) {
  dx->assign(rows * n, 0);
  dw->assign(n, 0);
  db->assign(n, 0);
  for (int64_t r = 0; r < rows; ++r) {
    double mu = 0, v = 0, sg = 0, sgx = 0;
    for (int64_t i = 0; i < n; ++i) mu += x[r * n + i];
    mu /= n;
    for (int64_t i = 0; i < n; ++i) v += (x[r * n + i] - mu) * (x[r * n + i] - mu);
    const double rs = 1 / std::sqrt(v / n + eps);
    for (int64_t i = 0; i < n; ++i) {
      const double gw = g[r * gs + i] * w[i], xh = (x[r * n + i] - mu) * rs;
      sg += gw;
      sgx += gw * xh;
      (*dw)[i] += g[r * gs + i] * xh;
      (*db)[i] += g[r * gs + i];
    }
    for (int64_t i = 0; i < n; ++i) {
      const double xh = (x[r * n + i] - mu) * rs;
      (*dx)[r * n + i] = rs * (g[r * gs + i] * w[i] - sg / n - xh * sgx / n);
    }
  }
}

template <typename T>
static void run(const KernelTable& kt, int64_t rows, int64_t n, bool broadcast) {
  const int64_t gs = broadcast ? 0 : n;
  std::vector<double> gd(broadcast ? n : rows * n), xd(rows * n), wd(n);
  for (auto& v : gd) v = rnd();
  for (auto& v : xd) v = 3 * rnd() + 1;
  for (auto& v : wd) v = rnd();
  std::vector<double> rdx, rdw, rdb;
  reference(gd, gs, xd, wd, rows, n, 1e-5, &rdx, &rdw, &rdb);
  std::vector<T> bits[2][3];
  for (int threads : {1, 2}) {
    set_num_threads(threads);
    // exact-size heap blocks
    std::unique_ptr<T[]> g(new T[gd.size()]), x(new T[rows * n]), w(new T[n]), dx(new T[rows * n]), dw(new T[n]), db(new T[n]);
    for (size_t i = 0; i < gd.size(); ++i) g[i] = T(gd[i]);
    for (int64_t i = 0; i < rows * n; ++i) x[i] = T(xd[i]);
    for (int64_t i = 0; i < n; ++i) w[i] = T(wd[i]);
    kt.layer_norm_backward[int(std::is_same<T, float>::value ? DType::Float32 : DType::Float64)](g.get(), gs, x.get(), w.get(), nullptr, dx.get(), dw.get(), db.get(), rows, n, 1e-5);
    const double tol = std::is_same<T, float>::value ? 2e-3 : 1e-9;
    for (int64_t i = 0; i < rows * n; ++i) CHECK(std::fabs(dx[i] - rdx[i]) <= tol * (1 + std::fabs(rdx[i])), "dx[%lld] rows %lld n %lld", (long long)i, (long long)rows, (long long)n);
    for (int64_t i = 0; i < n; ++i) {
      CHECK(std::fabs(dw[i] - rdw[i]) <= tol * (1 + std::fabs(rdw[i])), "dw[%lld] rows %lld n %lld", (long long)i, (long long)rows, (long long)n);
      CHECK(std::fabs(db[i] - rdb[i]) <= tol * (1 + std::fabs(rdb[i])), "db[%lld] rows %lld n %lld", (long long)i, (long long)rows, (long long)n);
    }
    bits[threads - 1][0].assign(dx.get(), dx.get() + rows * n);
    bits[threads - 1][1].assign(dw.get(), dw.get() + n);
    bits[threads - 1][2].assign(db.get(), db.get() + n);
    // dweight and dbias alone (no dx), and dx alone
    kt.layer_norm_backward[int(std::is_same<T, float>::value ? DType::Float32 : DType::Float64)](g.get(), gs, x.get(), nullptr, nullptr, nullptr, dw.get(), nullptr, rows, n, 1e-5);
    kt.layer_norm_backward[int(std::is_same<T, float>::value ? DType::Float32 : DType::Float64)](g.get(), gs, x.get(), w.get(), nullptr, dx.get(), nullptr, nullptr, rows, n, 1e-5);
    for (int64_t i = 0; i < rows * n; ++i) CHECK(dx[i] == bits[threads - 1][0][i], "dx alone [%lld]", (long long)i);
    // from the forward's saved stats: the same bits (Note [layer_norm saved stats])
    const int dt = int(std::is_same<T, float>::value ? DType::Float32 : DType::Float64);
    std::unique_ptr<T[]> y(new T[rows * n]), st(new T[2 * rows]);
    kt.layer_norm[dt](x.get(), w.get(), nullptr, y.get(), st.get(), rows, n, 1e-5);
    kt.layer_norm_backward[dt](g.get(), gs, x.get(), w.get(), st.get(), dx.get(), dw.get(), db.get(), rows, n, 1e-5);
    CHECK(std::memcmp(dx.get(), bits[threads - 1][0].data(), rows * n * sizeof(T)) == 0, "dx from saved stats (rows %lld n %lld)", (long long)rows, (long long)n);
    CHECK(std::memcmp(dw.get(), bits[threads - 1][1].data(), n * sizeof(T)) == 0, "dw from saved stats");
    CHECK(std::memcmp(db.get(), bits[threads - 1][2].data(), n * sizeof(T)) == 0, "db from saved stats");
  }
  for (int k = 0; k < 3; ++k)
    CHECK(std::memcmp(bits[0][k].data(), bits[1][k].data(), bits[0][k].size() * sizeof(T)) == 0, "grad %d: 2 threads differ from 1 (rows %lld n %lld)", k, (long long)rows, (long long)n);
}

int main() {
  auto kt = std::make_unique<KernelTable>();
  TG_CPU_NS::register_norm_kernels(*kt);
  std::srand(5);
  // rows below, at and past the 16-row block, n with and without vector tails
  const int64_t shapes[][2] = {{1, 1}, {3, 7}, {16, 16}, {17, 45}, {100, 256}, {37, 100}, {2, 1000}};
  for (auto& s : shapes)
    for (bool b : {false, true}) {
      run<float>(*kt, s[0], s[1], b);
      run<double>(*kt, s[0], s[1], b);
    }
  std::printf("%s\n", fails == 0 ? "ok" : "FAILED");
  return fails == 0 ? 0 : 1;
}
