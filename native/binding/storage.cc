// Storage blocks: aligned allocation, a cache of freed blocks keyed by size, and V8 memory accounting.
#include "binding/storage.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

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
// finalizer (which has the hint) agree on whether it was already freed.
struct Block {
  void* data;
  size_t bytes;     // rounded capacity
  size_t reported;  // bytes reported to V8
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

size_t round_capacity(size_t bytes) {
  if (bytes <= 64) return 64;
  if (bytes <= 4096) {
    size_t c = 64;
    while (c < bytes) c <<= 1;
    return c;
  }
  return (bytes + 4095) & ~size_t(4095);
}

void release_block(Block* b) {
  if (b->data == nullptr) return;
  static_cast<uint64_t*>(b->data)[0] = 0;  // clear the magic so a stale pointer is never taken for live storage
  if (!cache().put(b->data, b->bytes)) std::free(b->data);
  b->data = nullptr;
}

void finalize(Napi::Env env, void* /*data*/, Block* b) {
  const int64_t reported = static_cast<int64_t>(b->reported);
  const bool live = b->data != nullptr;
  release_block(b);
  delete b;
  if (live) Napi::MemoryManagement::AdjustExternalMemory(env, -reported);
}

struct Header {
  uint64_t magic;
  Block* block;
};
constexpr uint64_t kMagic = 0x7467'5374'6f72'6167ull;  // "tgStorag"

Header* header_of(void* data) { return reinterpret_cast<Header*>(static_cast<char*>(data) - kAlign); }

}  // namespace

Napi::TypedArray new_storage(Napi::Env env, DType dtype, int64_t numel) {
  TG_CHECK(numel >= 0 && numel <= (int64_t(1) << 40), Range, "cannot allocate a tensor of ", numel, " elements");
  const size_t bytes = static_cast<size_t>(numel) * dtype_size(dtype);
  const size_t cap = round_capacity(bytes + kAlign);
  void* raw = cache().take(cap);
  if (raw == nullptr) {
    raw = std::aligned_alloc(kAlign, cap);
    if (raw == nullptr) {
      empty_cache();
      raw = std::aligned_alloc(kAlign, cap);
    }
    TG_CHECK(raw != nullptr, Range, "out of memory allocating ", bytes, " bytes for ", numel, " elements");
  }
  void* data = static_cast<char*>(raw) + kAlign;
  Block* block = new Block{raw, cap, cap};
  *header_of(data) = Header{kMagic, block};
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, data, bytes, finalize, block);
  Napi::MemoryManagement::AdjustExternalMemory(env, static_cast<int64_t>(cap));
  const size_t n = static_cast<size_t>(numel);
  switch (dtype) {
    case DType::Float32: return Napi::Float32Array::New(env, n, buffer, 0);
    case DType::Float64: return Napi::Float64Array::New(env, n, buffer, 0);
    case DType::Int32: return Napi::Int32Array::New(env, n, buffer, 0);
    case DType::Bool: return Napi::Uint8Array::New(env, n, buffer, 0);
  }
  fail(ErrorKind::Type, "unknown dtype");
}

void dispose_storage(Napi::Env env, Napi::TypedArray array) {
  Napi::ArrayBuffer buffer = array.ArrayBuffer();
  if (buffer.IsDetached()) return;
  void* data = buffer.Data();
  // NOTE: lib/ only ever passes arrays made by new_storage (whole-buffer views); the magic word re-checks it.
  TG_CHECK(data != nullptr && array.ByteOffset() == 0 && header_of(data)->magic == kMagic, Type,
           "dispose: not a tensorgrad storage");
  Block* block = header_of(data)->block;
  const int64_t reported = static_cast<int64_t>(block->reported);
  buffer.Detach();
  release_block(block);
  Napi::MemoryManagement::AdjustExternalMemory(env, -reported);
}

size_t cached_bytes() { return cache().held(); }
void empty_cache() { cache().clear(); }

}  // namespace tg
