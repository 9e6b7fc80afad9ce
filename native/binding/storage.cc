// Storage blocks: aligned allocation, a cache of freed blocks keyed by size, and V8 memory accounting.
#include "binding/storage.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>  // madvise (Note [Huge pages])
#endif

#include "core/error.h"

namespace tg {
namespace {

constexpr size_t kAlign = 64;
// Note [Storage cache]: freeing and re-allocating a large buffer costs a page fault per 4 KiB on first
// touch, which dominates large elementwise ops; so freed blocks are kept, keyed by their rounded size, and
// reused. The cache holds at most kCacheLimit bytes; past that, blocks go back to the OS (oldest sizes first
// is not tracked: the simple rule is to free the incoming block).
constexpr size_t kCacheLimit = size_t(1) << 30;

// Each block carries a header in front of its data, so dispose() (which only has the data pointer) and the
// finalizer (which has the hint) agree on whether it was already freed. A Block record lives until both its
// finalizer has run and the tracker has dropped it (see Note [Reclaiming storage]).
struct Block {
  void* data;
  size_t bytes;     // rounded capacity
  size_t reported;  // bytes reported to V8
  bool finalized = false;
  bool tracked = false;
};

class Cache {
 public:
  void* take(size_t bytes) {
    std::lock_guard<std::mutex> lk(mu_);
    auto it = free_.find(bytes);
    if (it == free_.end() || it->second.empty()) return nullptr;
    void* p = it->second.back();
    it->second.pop_back();
    held_ -= bytes;
    return p;
  }
  bool put(void* p, size_t bytes) {
    std::lock_guard<std::mutex> lk(mu_);
    if (held_ + bytes > kCacheLimit) return false;
    free_[bytes].push_back(p);
    held_ += bytes;
    return true;
  }
  size_t held() {
    std::lock_guard<std::mutex> lk(mu_);
    return held_;
  }
  void clear() {
    std::lock_guard<std::mutex> lk(mu_);
    for (auto& kv : free_)
      for (void* p : kv.second) std::free(p);
    free_.clear();
    held_ = 0;
  }

 private:
  std::mutex mu_;
  std::unordered_map<size_t, std::vector<void*>> free_;
  size_t held_ = 0;
};

Cache& cache() {
  static Cache* c = new Cache();  // shared by every environment; see Note [One pool per process]
  return *c;
}

// Note [Huge pages]: a block of a few MB spans a thousand 4 KiB pages, and a training step touches several
// such blocks; their translations overflow the TLB (Zen 4: 3072 second-level entries = 12 MB), so kernels
// walk page tables as they stream. (a*b+a).sum().backward() at 1e6 floats touches 24 MB and ran 13% faster
// with 2 MiB pages (524 -> 456 us, medians of 8 interleaved runs; sigmoid's 12 MB loop 4%). Linux gives
// them to 2 MiB-aligned ranges advised MADV_HUGEPAGE (the common THP setting "madvise" gives them to
// nothing else), so a block of at least 2 MiB whose size rounds up to a multiple of 2 MiB by at most an
// eighth is allocated that way: the last huge page is backed in full once touched, and the eighth bounds
// that waste. Other sizes, and systems without MADV_HUGEPAGE, keep 4 KiB pages.
constexpr size_t kHugePage = size_t(2) << 20;
// Blocks from this size on probe for a young-generation GC first (Note [Young collections from external
// pressure]); below it the probe would cost more than the allocation saves.
constexpr size_t kProbeBytes = size_t(64) << 10;

size_t round_capacity(size_t bytes) {
  if (bytes <= 64) return 64;
  if (bytes <= 4096) {
    size_t c = 64;
    while (c < bytes) c <<= 1;
    return c;
  }
  const size_t huge = (bytes + kHugePage - 1) & ~(kHugePage - 1);
  if (bytes >= kHugePage && (huge - bytes) * 8 <= bytes) return huge;
  return (bytes + 4095) & ~size_t(4095);
}

void* allocate_block(size_t cap) {
#ifdef MADV_HUGEPAGE
  if (cap % kHugePage == 0) {
    void* p = std::aligned_alloc(kHugePage, cap);
    if (p != nullptr) madvise(p, cap, MADV_HUGEPAGE);  // advice only: failure leaves 4 KiB pages
    return p;
  }
#endif
  return std::aligned_alloc(kAlign, cap);
}

void release_block(Block* b) {
  if (b->data == nullptr) return;
  static_cast<uint64_t*>(b->data)[0] = 0;  // clear the magic so a stale pointer is never taken for live storage
  if (!cache().put(b->data, b->bytes)) std::free(b->data);
  b->data = nullptr;
}

// Note [Accounting at teardown]: once this thread's environment is being torn down (the addon's instance
// data is gone), the finalizers that still run give the memory back but no longer un-report it: under Deno
// 2.9 (V8 15) a negative napi_adjust_external_memory at exit failed V8's check that the external-memory total
// stays >= 0 ("Check failed: total_before >= -delta", a panic in 2 of 12 runs of the lesson loop), and an
// isolate on its way out has no GC heuristics left to inform.
thread_local bool t_env_closing = false;

// Gives a block's memory back (to the cache) and un-reports it, once; the record itself stays.
void reclaim(napi_env env, Block* b) {
  if (b->data == nullptr) return;
  const int64_t reported = static_cast<int64_t>(b->reported);
  release_block(b);
  if (reported != 0 && !t_env_closing) {
    int64_t ignored;
    napi_adjust_external_memory(env, -reported, &ignored);
  }
}

// Note [Reclaiming storage]: Node runs the finalizer of an external ArrayBuffer from a SetImmediate task,
// that is only when the event loop turns. A synchronous training loop never lets it turn, so memory freed
// by finalizers alone grows without bound. So each environment also keeps a weak reference to every
// storage ArrayBuffer it made: V8 clears it during the GC that collects the buffer (scavenges included,
// no event loop needed), and new_storage() sweeps the list now and then, returning the memory of collected
// buffers to the cache at once. Nothing can reach that memory any more: the JS object is gone and V8 never
// touches external data. The finalizer, when it finally runs, only drops the record.
class Tracker {
 public:
  explicit Tracker(napi_env env) : env_(env) {}
  ~Tracker() {
    if (sentinel_ != nullptr) napi_delete_reference(env_, sentinel_);
    for (Entry& e : live_) {
      napi_delete_reference(env_, e.ref);
      e.block->tracked = false;
      if (e.block->finalized) delete e.block;
    }
  }

  void track(napi_value buffer, Block* b) {
    napi_ref ref;
    if (napi_create_reference(env_, buffer, 0, &ref) != napi_ok) return;
    b->tracked = true;
    live_.push_back(Entry{ref, b});
    since_sweep_bytes_ += b->bytes;
    if (since_sweep_bytes_ > kSweepBytes || live_.size() > 2 * after_sweep_ + 256) sweep();
  }

  // Note [Young collections from external pressure]: without gc() a library cannot ask V8 for a GC, and the
  // external-memory limit that makes V8 collect on its own (~64 MB past the last GC) starts a full mark-compact:
  // one per 16 fresh 4 MB outputs, each 2-27 ms on this machine's shared cores. But V8 also runs a young-generation
  // GC (a scavenge, 0.2-0.4 ms) when an ArrayBuffer is allocated through its own allocator while young
  // ArrayBuffers hold at least twice the largest semi-space in backing stores (32 MB on 64-bit Node 20: V8's
  // Heap::AllocateExternalBackingStore, GC reason "external memory pressure"). Our external buffers count
  // towards that figure, but being external they never pass through that check. So before each large block
  // the tracker allocates a 1-byte V8 ArrayBuffer (napi_create_arraybuffer): when 32 MB of young storage has
  // piled up, V8 scavenges there, dead temporaries' weak references clear, and the sweep below returns their
  // blocks to the cache before this allocation looks there. The storage of dead 4 MB outputs is then reused
  // after 32 MB instead of 64 MB or more, and the full GCs (whose external-memory limit the scavenges keep
  // from being reached) mostly disappear. A weak reference to the previous probe tells whether any GC has
  // run since (a young object, it dies in the first one), so the live list is swept once per GC, not once
  // per allocation. A V8 without the check (or with another threshold) just gets a 1-byte buffer; nothing
  // here changes a flag or relies on gc(). Only buffers V8 has collected are swept: a view holds its base's
  // typed array (through the shared Storage), so its block stays (memory.test.ts checks a view under this
  // reuse). Measurements: docs/performance.md, "Fresh large outputs". Firing the same check on demand (a
  // detached 33 MB external "ballast" pushes the count past the threshold, so a scavenge can come wherever a
  // step's temporaries have just died) works, but each such scavenge made V8 start incremental marking far
  // more often than its own do, and the mark-compacts cost more than the warm blocks saved: docs/performance.md,
  // "reuse", before trying it again.
  void probe() {
    napi_value ab = nullptr;
    void* unused = nullptr;
    if (napi_create_arraybuffer(env_, 1, &unused, &ab) != napi_ok) return;
    bool collected = true;
    if (sentinel_ != nullptr) {
      napi_value v = nullptr;
      collected = napi_get_reference_value(env_, sentinel_, &v) != napi_ok || v == nullptr;
      if (!collected) return;
      napi_delete_reference(env_, sentinel_);
      sentinel_ = nullptr;
    }
    sweep();
    if (napi_create_reference(env_, ab, 0, &sentinel_) != napi_ok) sentinel_ = nullptr;
  }

  // Returns the size of the largest block reclaimed.
  size_t sweep() {
    size_t kept = 0, largest = 0;
    for (size_t i = 0; i < live_.size(); ++i) {
      Entry e = live_[i];
      napi_value v = nullptr;
      const bool collected = e.block->data == nullptr ||
                             (napi_get_reference_value(env_, e.ref, &v) == napi_ok && v == nullptr);
      if (!collected) {
        live_[kept++] = e;
        continue;
      }
      if (e.block->data != nullptr) largest = std::max(largest, e.block->bytes);
      reclaim(env_, e.block);
      napi_delete_reference(env_, e.ref);
      e.block->tracked = false;
      if (e.block->finalized) delete e.block;
    }
    live_.resize(kept);
    after_sweep_ = kept;
    since_sweep_bytes_ = 0;
    return largest;
  }

 private:
  static constexpr size_t kSweepBytes = size_t(16) << 20;
  struct Entry {
    napi_ref ref;
    Block* block;
  };
  napi_env env_;
  napi_ref sentinel_ = nullptr;  // weak: the last probe, cleared by the next GC
  std::vector<Entry> live_;
  size_t after_sweep_ = 0;
  size_t since_sweep_bytes_ = 0;
};

// One tracker per environment; an environment runs on one thread (the main thread or its worker), so the
// thread's current tracker is its environment's.
thread_local Tracker* t_tracker = nullptr;

// A plain N-API finalizer (not node-addon-api's wrapper): see Note [External buffer failure].
void finalize(napi_env env, void* /*data*/, void* hint) {
  Block* b = static_cast<Block*>(hint);
  reclaim(env, b);
  b->finalized = true;
  if (!b->tracked) delete b;
}

struct Header {
  uint64_t magic;
  Block* block;
};
constexpr uint64_t kMagic = 0x7467'5374'6f72'6167ull;  // "tgStorag"

Header* header_of(void* data) { return reinterpret_cast<Header*>(static_cast<char*>(data) - kAlign); }

Napi::TypedArray typed_array(Napi::Env env, DType dtype, size_t n, Napi::ArrayBuffer buffer) {
  switch (dtype) {
    case DType::Float32: return Napi::Float32Array::New(env, n, buffer, 0);
    case DType::Float64: return Napi::Float64Array::New(env, n, buffer, 0);
    case DType::Int32: return Napi::Int32Array::New(env, n, buffer, 0);
    case DType::Bool: return Napi::Uint8Array::New(env, n, buffer, 0);
    case DType::UInt8: return Napi::Uint8Array::New(env, n, buffer, 0);
    case DType::Int8: return Napi::Int8Array::New(env, n, buffer, 0);
    case DType::Int16: return Napi::Int16Array::New(env, n, buffer, 0);
    case DType::Float16:
    case DType::BFloat16: return Napi::Uint16Array::New(env, n, buffer, 0);
    case DType::Int64: {
      napi_value v = nullptr;
      TG_CHECK(napi_create_typedarray(env, napi_bigint64_array, n, buffer, 0, &v) == napi_ok, Range,
               "cannot make a BigInt64Array of ", n, " elements");
      return Napi::TypedArray(env, v);
    }
  }
  fail(ErrorKind::Type, "unknown dtype");
}

}  // namespace

Napi::TypedArray new_storage(Napi::Env env, DType dtype, int64_t numel) {
  TG_CHECK(numel >= 0 && numel <= (int64_t(1) << 40), Range, "cannot allocate a tensor of ", numel, " elements");
  const size_t bytes = static_cast<size_t>(numel) * dtype_size(dtype);
  // Note [Empty storage]: V8 does not keep the data pointer of a zero-length external ArrayBuffer (Data() reads
  // null) and never runs its finalizer, so a block wrapped that way leaked and dispose() rejected it. Empty
  // tensors get a plain V8-owned empty buffer instead; dispose_storage() treats it as nothing to free.
  if (bytes == 0) return typed_array(env, dtype, 0, Napi::ArrayBuffer::New(env, 0));
  const size_t cap = round_capacity(bytes + kAlign);
  if (bytes >= kProbeBytes && t_tracker != nullptr) t_tracker->probe();  // Note [Young collections from external pressure]
  void* raw = cache().take(cap);
  if (raw == nullptr) {
    raw = allocate_block(cap);
    if (raw == nullptr) {
      empty_cache();
      raw = allocate_block(cap);
    }
    TG_CHECK(raw != nullptr, Range, "out of memory allocating ", bytes, " bytes for ", numel, " elements");
  }
  void* data = static_cast<char*>(raw) + kAlign;
  Block* block = new Block{raw, cap, 0};
  *header_of(data) = Header{kMagic, block};
  // Note [External buffer failure]: past Node's buffer size limit (buffer.constants.MAX_LENGTH, 4 GiB on Node
  // 20) napi_create_external_arraybuffer fails *and* hands the data to the finalizer itself; node-addon-api's
  // ArrayBuffer::New then frees its finalizer record a second time (a double free, found by the argument
  // fuzzer with tg.ones([2 ** 32])). So the raw call is used, and on failure the block belongs to the finalizer.
  napi_value ab = nullptr;
  if (napi_create_external_arraybuffer(env, data, bytes, finalize, block, &ab) != napi_ok) {
    napi_value pending;
    napi_get_and_clear_last_exception(env, &pending);
    fail(ErrorKind::Range, "cannot allocate ", bytes, " bytes for ", numel,
         " elements: more than the largest buffer Node.js supports");
  }
  // Note [External memory accounting]: V8 already counts the byte length of every ArrayBuffer backing store,
  // external ones included, towards its GC heuristics; reporting the block again with
  // napi_adjust_external_memory would count it twice and double the rate of full GCs (measured: 105-111 us
  // vs 62-88 us per 4 MB allocation in a loop). Only the header and rounding slack are reported here.
  Napi::ArrayBuffer buffer(env, ab);
  block->reported = cap - bytes;
  if (block->reported != 0) Napi::MemoryManagement::AdjustExternalMemory(env, static_cast<int64_t>(block->reported));
  if (t_tracker != nullptr) t_tracker->track(ab, block);
  return typed_array(env, dtype, static_cast<size_t>(numel), buffer);
}

void dispose_storage(Napi::Env env, Napi::TypedArray array) {
  Napi::ArrayBuffer buffer = array.ArrayBuffer();
  if (buffer.IsDetached() || buffer.ByteLength() == 0) return;  // see Note [Empty storage]
  void* data = buffer.Data();
  // NOTE: lib/ only ever passes arrays made by new_storage (whole-buffer views); the magic word re-checks it.
  TG_CHECK(data != nullptr && array.ByteOffset() == 0 && header_of(data)->magic == kMagic, Type,
           "dispose: not a tensorgrad storage");
  Block* block = header_of(data)->block;
  buffer.Detach();
  reclaim(env, block);
}

void attach_storage_tracker(napi_env env) {
  delete t_tracker;
  t_tracker = new Tracker(env);
  t_env_closing = false;
}

void detach_storage_tracker() {
  t_env_closing = true;  // Note [Accounting at teardown]
  delete t_tracker;
  t_tracker = nullptr;
}

size_t sweep_storage() { return t_tracker != nullptr ? t_tracker->sweep() : 0; }

size_t cached_bytes() { return cache().held(); }
void empty_cache() { cache().clear(); }

}  // namespace tg
