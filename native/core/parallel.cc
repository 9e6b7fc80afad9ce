// Thread pool behind parallel_for: persistent workers woken per job, chunks claimed from an atomic counter.
#include "parallel.h"
#include "parallel_tuning.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace tg {
namespace {

thread_local bool t_in_pool = false;
thread_local bool t_is_worker = false;

// Note [One pool per process]: kernels from every Node environment (main thread and worker_threads) share
// this pool. A job holds job_mutex_ for its whole run; a caller that finds the pool busy runs its job inline
// rather than waiting, so two environments never block each other and nothing can deadlock.
class Pool {
 public:
  Pool() : num_threads_(default_threads()) {}
  ~Pool() { stop_workers(); }

  int num_threads() const { return num_threads_.load(); }

  PoolStats stats() const {
    auto r = [](const std::atomic<int64_t>& a) { return a.load(std::memory_order_relaxed); };
    return {r(jobs_), r(busy_), r(chunks_), r(worker_chunks_), r(caller_sleeps_), r(worker_sleeps_), r(work_calls_), r(work_ns_)};
  }

  void set_num_threads(int n) {
    std::lock_guard<std::mutex> job(job_mutex_);
    stop_workers();
    num_threads_ = std::max(1, n);
  }

  void record_work(int64_t ns) {
    work_calls_.fetch_add(1, std::memory_order_relaxed);
    work_ns_.fetch_add(ns, std::memory_order_relaxed);
  }

  void run(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
    const int64_t t0 = detail::now_ns();
    run_job(begin, end, grain, fn);
    record_work(detail::now_ns() - t0);
  }

 private:
  void run_job(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
    std::unique_lock<std::mutex> job(job_mutex_, std::try_to_lock);
    if (!job.owns_lock()) {
      busy_.fetch_add(1, std::memory_order_relaxed);
      fn(begin, end);
      return;
    }
    const int64_t total = end - begin;
    const int nthreads = num_threads_.load();
    int64_t chunks = std::min<int64_t>(int64_t(nthreads) * chunks_per_thread_.load(std::memory_order_relaxed), (total + grain - 1) / grain);
    if (chunks <= 1) {
      fn(begin, end);
      return;
    }
    ensure_workers(nthreads - 1);
    jobs_.fetch_add(1, std::memory_order_relaxed);
    chunks_.fetch_add(chunks, std::memory_order_relaxed);
    const int64_t chunk_size = (total + chunks - 1) / chunks;
    {
      std::lock_guard<std::mutex> lk(mutex_);
      fn_ = &fn;
      begin_ = begin;
      end_ = end;
      chunk_size_ = chunk_size;
      num_chunks_.store(chunks, std::memory_order_relaxed);
      ticket_.store((++job_ << 32), std::memory_order_release);
      pending_.store(chunks, std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    t_in_pool = true;
    work();
    t_in_pool = false;
    wait_for_chunks();
    fn_ = nullptr;
  }

  static int default_threads() {
    unsigned hc = std::thread::hardware_concurrency();
    return hc == 0 ? 1 : static_cast<int>(hc);
  }

  // Claims and runs chunks until none are left.
  // Note [Chunk tickets]: the ticket packs (job id, next chunk) into one atomic word, so a worker still
  // looping on a finished job can never mistake that job's counter for a claim on the next job: its
  // compare-exchange fails as soon as a new job has been published. A successful claim also pins the job's
  // fields (fn_, begin_, ...): the job cannot finish, nor the next one start, while the chunk is pending.
  void work() {
    for (;;) {
      uint64_t t = ticket_.load(std::memory_order_acquire);
      const int64_t c = static_cast<int64_t>(t & 0xffffffffu);
      if (c >= num_chunks_.load(std::memory_order_relaxed)) return;
      if (!ticket_.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel)) continue;
      int64_t b = begin_ + c * chunk_size_;
      int64_t e = std::min(end_, b + chunk_size_);
      if (b < e) {
        const bool timed = cpu_timing_.load(std::memory_order_relaxed);
        const int64_t c0 = timed ? thread_cpu_ns() : 0;
        (*fn_)(b, e);
        if (timed) chunk_cpu_ns_.fetch_add(thread_cpu_ns() - c0, std::memory_order_relaxed);
      }
      if (t_is_worker) worker_chunks_.fetch_add(1, std::memory_order_relaxed);
      if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        std::lock_guard<std::mutex> lk(mutex_);  // orders the notify after a caller's check-then-wait
        done_.notify_all();
      }
    }
  }

  // The caller, its own chunks done, waits for the workers' chunks. It spins first, like the workers do
  // (Note [Spinning workers]): the last chunk usually ends within microseconds, and sleeping on the
  // condition variable would cost a 10-30 us wake-up (measured: sum of 1e5 floats 11 us on 2 threads,
  // 2.5 us on 1).
  void wait_for_chunks() {
    const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicros);
    for (int i = 0; pending_.load(std::memory_order_acquire) != 0; ++i) {
      if ((i & 63) == 0 && std::chrono::steady_clock::now() > spin_until) {
        caller_sleeps_.fetch_add(1, std::memory_order_relaxed);
        std::unique_lock<std::mutex> lk(mutex_);
        done_.wait(lk, [&] { return pending_.load(std::memory_order_acquire) == 0; });
        return;
      }
      cpu_relax();
    }
  }

  // Note [Spinning workers]: waking a thread blocked on a condition variable takes 10-30 us here, longer
  // than a whole mid-sized kernel. So after each job a worker spins for a short while watching for the next
  // one (kernels tend to come in bursts: a forward and backward pass), and only then goes to sleep.
  void worker_loop(uint64_t seen) {
    t_in_pool = true;
    t_is_worker = true;
    for (;;) {
      const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicros);
      uint64_t g = generation_.load(std::memory_order_acquire);
      for (int i = 0; g == seen && !stopping_flag_.load(std::memory_order_relaxed); ++i) {
        if ((i & 63) == 0 && std::chrono::steady_clock::now() > spin_until) break;
        cpu_relax();
        g = generation_.load(std::memory_order_acquire);
      }
      if (g == seen) {
        worker_sleeps_.fetch_add(1, std::memory_order_relaxed);
        std::unique_lock<std::mutex> lk(mutex_);
        wake_.wait(lk, [&] { return stopping_ || generation_.load() != seen; });
        if (stopping_) return;
        g = generation_.load();
      }
      if (stopping_flag_.load()) return;
      seen = g;
      work();
    }
  }

  static int64_t thread_cpu_ns() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
  }

  static void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
  }

  void ensure_workers(int n) {
    if (static_cast<int>(workers_.size()) >= n) return;
    std::lock_guard<std::mutex> lk(mutex_);
    stopping_ = false;
    stopping_flag_ = false;
    while (static_cast<int>(workers_.size()) < n) workers_.emplace_back([this, g = generation_.load()] { worker_loop(g); });
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lk(mutex_);
      stopping_ = true;
      stopping_flag_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
    stopping_ = false;
    stopping_flag_ = false;
  }

  std::atomic<int> num_threads_;
  std::mutex job_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  static constexpr int kSpinMicros = 100;
  // Note [Chunks per thread]: a job may be cut into several chunks per thread (never below the grain), claimed
  // dynamically. Between two kernels the caller runs JS (allocation, autograd, GC), often for longer than a
  // worker's spin, so at the next job the worker is asleep about half the time (bench/scaling-probe.cjs -v:
  // 0.4-0.6 worker sleeps per job), and its wake-up (10-30 us quiet, milliseconds under load) is a large part of
  // a 100-300 us kernel: with one chunk per thread the caller then waits for the late worker's half, or runs
  // both halves itself. With several, the caller keeps claiming while the worker wakes. Whether that wins on a
  // quiet machine is not measured yet (docs/performance.md, "scaling"), so the default stays 1 and the probe
  // compares both. The partition still depends only on (size, grain, thread count, this setting), and every
  // kernel's result is independent of it (test/native/pool_stats.test.ts).
 public:
  std::atomic<int> chunks_per_thread_{1};
  // When set, each chunk's thread CPU time is added to chunk_cpu_ns_ (a clock_gettime per chunk: off by default).
  std::atomic<bool> cpu_timing_{false};
  std::atomic<int64_t> chunk_cpu_ns_{0};
 private:
  bool stopping_ = false;
  std::atomic<bool> stopping_flag_{false};
  std::atomic<uint64_t> generation_{0};
  const std::function<void(int64_t, int64_t)>* fn_ = nullptr;
  int64_t begin_ = 0, end_ = 0, chunk_size_ = 0;
  std::atomic<int64_t> num_chunks_{0};  // read before a claim, so atomic
  std::atomic<uint64_t> ticket_{0};
  uint64_t job_ = 0;
  std::atomic<int64_t> pending_{0};
  std::atomic<int64_t> jobs_{0}, busy_{0}, chunks_{0}, worker_chunks_{0}, caller_sleeps_{0}, worker_sleeps_{0}, work_calls_{0}, work_ns_{0};
};

Pool& pool() {
  static Pool* p = new Pool();  // NOTE: leaked on purpose; joining threads in a static destructor at exit can hang.
  return *p;
}

}  // namespace

int get_num_threads() { return pool().num_threads(); }
void set_num_threads(int n) { pool().set_num_threads(n); }
bool in_parallel_region() { return t_in_pool; }
int chunks_per_thread() { return pool().chunks_per_thread_.load(); }
void set_chunks_per_thread(int n) { pool().chunks_per_thread_.store(std::max(1, n)); }
void set_pool_cpu_timing(bool on) { pool().cpu_timing_.store(on); }
int64_t pool_chunk_cpu_ns() { return pool().chunk_cpu_ns_.load(); }
PoolStats pool_stats() { return pool().stats(); }

namespace detail {
int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
void record_work(int64_t ns) { pool().record_work(ns); }
void run_parallel(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  pool().run(begin, end, grain, fn);
}
}  // namespace detail

}  // namespace tg
