// Probe knobs of the kernel thread pool (native/core/parallel.cc), kept out of parallel.h so that changing them
// does not rebuild every kernel. Used by bench/scaling-probe.cjs through the addon's setChunksPerThread.
#pragma once
#include <cstdint>

namespace tg {

// How many chunks per thread a parallel_for job is cut into at most (never below its grain); process-wide,
// 1 by default. See Note [Chunks per thread].
int chunks_per_thread();
void set_chunks_per_thread(int n);

// Probe timing: when on, the thread CPU time of every pool chunk (caller's and workers', spinning and sleeping
// excluded) is summed; pool_chunk_cpu_ns() reads the sum. Off by default (one clock_gettime per chunk).
void set_pool_cpu_timing(bool on);
int64_t pool_chunk_cpu_ns();

}  // namespace tg
