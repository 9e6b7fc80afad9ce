// The process-wide kernel thread pool: parallel_for splits [begin, end) into chunks of at least `grain`.
#pragma once
#include <cstdint>
#include <functional>

namespace tg {

// Elementwise kernels split above this many elements (below it a thread hand-off costs more than it saves).
constexpr int64_t kGrainSize = 32768;

int get_num_threads();
void set_num_threads(int n);

// True while the calling thread is a pool worker (nested parallel_for then runs inline).
bool in_parallel_region();

// Counters since the process started (relaxed atomics, for probes: bench/scaling-probe.cjs). jobs: calls that
// reached the pool with more than one chunk; busy: calls run inline because another thread held the pool;
// worker_chunks: chunks a pool worker (not the caller) ran; caller_sleeps / worker_sleeps: waits that outlasted
// the spin and slept on a condition variable.
// work_calls / work_ns: calls above their grain (parallel on T threads, or inline on one) and their wall time.
struct PoolStats {
  int64_t jobs, busy, chunks, worker_chunks, caller_sleeps, worker_sleeps, work_calls, work_ns;
};
PoolStats pool_stats();

namespace detail {
int64_t now_ns();
void record_work(int64_t ns);
void run_parallel(int64_t begin, int64_t end, int64_t grain,
                  const std::function<void(int64_t, int64_t)>& fn);
}

// Calls fn(chunk_begin, chunk_end) over a partition of [begin, end). The partition depends only on
// (end - begin, grain, thread count), and each element is produced by exactly one call, so elementwise
// results are identical whatever the thread count.
template <typename F>
inline void parallel_for(int64_t begin, int64_t end, int64_t grain, const F& fn) {
  if (end <= begin) return;
  if (end - begin <= grain || in_parallel_region()) {
    fn(begin, end);
    return;
  }
  if (get_num_threads() == 1) {
    const int64_t t0 = detail::now_ns();
    fn(begin, end);
    detail::record_work(detail::now_ns() - t0);
    return;
  }
  detail::run_parallel(begin, end, grain, std::function<void(int64_t, int64_t)>(fn));
}

}  // namespace tg
