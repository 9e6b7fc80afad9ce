// Thread pool behind parallel_for: persistent workers woken per job, chunks claimed from an atomic counter.
#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace tg {
namespace {

thread_local bool t_in_pool = false;

// Note [One pool per process]: kernels from every Node environment (main thread and worker_threads) share
// this pool. A job holds job_mutex_ for its whole run; a caller that finds the pool busy runs its job inline
// rather than waiting, so two environments never block each other and nothing can deadlock.
class Pool {
 public:
  Pool() : num_threads_(default_threads()) {}
  ~Pool() { stop_workers(); }

  int num_threads() const { return num_threads_.load(); }

  void set_num_threads(int n) {
    std::lock_guard<std::mutex> job(job_mutex_);
    stop_workers();
    num_threads_ = std::max(1, n);
  }

  void run(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
    std::unique_lock<std::mutex> job(job_mutex_, std::try_to_lock);
    if (!job.owns_lock()) {
      fn(begin, end);
      return;
    }
    const int64_t total = end - begin;
    const int nthreads = num_threads_.load();
    int64_t chunks = std::min<int64_t>(nthreads, (total + grain - 1) / grain);
    if (chunks <= 1) {
      fn(begin, end);
      return;
    }
    ensure_workers(nthreads - 1);
    const int64_t chunk_size = (total + chunks - 1) / chunks;
    {
      std::lock_guard<std::mutex> lk(mutex_);
      fn_ = &fn;
      begin_ = begin;
      end_ = end;
      chunk_size_ = chunk_size;
      num_chunks_ = chunks;
      next_chunk_ = 0;
      pending_ = chunks;
      ++generation_;
    }
    wake_.notify_all();
    t_in_pool = true;
    work();
    t_in_pool = false;
    std::unique_lock<std::mutex> lk(mutex_);
    done_.wait(lk, [&] { return pending_ == 0; });
    fn_ = nullptr;
  }

 private:
  static int default_threads() {
    unsigned hc = std::thread::hardware_concurrency();
    return hc == 0 ? 1 : static_cast<int>(hc);
  }

  // Claims and runs chunks until none are left.
  void work() {
    for (;;) {
      int64_t c = next_chunk_.fetch_add(1);
      if (c >= num_chunks_) return;
      int64_t b = begin_ + c * chunk_size_;
      int64_t e = std::min(end_, b + chunk_size_);
      if (b < e) (*fn_)(b, e);
      std::lock_guard<std::mutex> lk(mutex_);
      if (--pending_ == 0) done_.notify_all();
    }
  }

  void worker_loop() {
    t_in_pool = true;
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lk(mutex_);
        wake_.wait(lk, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
      }
      work();
    }
  }

  void ensure_workers(int n) {
    if (static_cast<int>(workers_.size()) >= n) return;
    std::lock_guard<std::mutex> lk(mutex_);
    stopping_ = false;
    while (static_cast<int>(workers_.size()) < n) workers_.emplace_back([this] { worker_loop(); });
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lk(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
    stopping_ = false;
  }

  std::atomic<int> num_threads_;
  std::mutex job_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
  uint64_t generation_ = 0;
  const std::function<void(int64_t, int64_t)>* fn_ = nullptr;
  int64_t begin_ = 0, end_ = 0, chunk_size_ = 0, num_chunks_ = 0;
  std::atomic<int64_t> next_chunk_{0};
  int64_t pending_ = 0;
};

Pool& pool() {
  static Pool* p = new Pool();  // NOTE: leaked on purpose; joining threads in a static destructor at exit can hang.
  return *p;
}

}  // namespace

int get_num_threads() { return pool().num_threads(); }
void set_num_threads(int n) { pool().set_num_threads(n); }
bool in_parallel_region() { return t_in_pool; }

namespace detail {
void run_parallel(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  pool().run(begin, end, grain, fn);
}
}  // namespace detail

}  // namespace tg
