// Native tensor storage: 64-byte aligned blocks with a size-keyed cache, handed to JS as external ArrayBuffers.
#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>

#include "core/dtype.h"

namespace tg {

// A typed array over fresh storage of numel elements of dtype (contents uninitialized).
Napi::TypedArray new_storage(Napi::Env env, DType dtype, int64_t numel);
// Frees the storage behind a typed array now (detaching its ArrayBuffer); the finalizer then has nothing to do.
void dispose_storage(Napi::Env env, Napi::TypedArray array);
// Per-environment tracking of live storage (see Note [Reclaiming storage] in storage.cc): the addon attaches
// a tracker when an environment loads it and detaches it when the environment goes away.
void attach_storage_tracker(napi_env env);
void detach_storage_tracker();
// Returns the memory of every collected storage buffer to the cache now; the result is the size of the
// largest block returned (0 if none), which tells the caller whether the GC before it freed large tensors.
size_t sweep_storage();
// Bytes currently held by the free-block cache, and a way to hand them back to the OS.
size_t cached_bytes();
void empty_cache();

}  // namespace tg
