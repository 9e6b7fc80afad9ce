// Probe knobs of the kernel thread pool (native/core/parallel.cc), kept out of parallel.h so that changing them
// does not rebuild every kernel. Used by bench/scaling-probe.cjs through the addon's setChunksPerThread.
#pragma once

namespace tg {

// How many chunks per thread a parallel_for job is cut into at most (never below its grain); process-wide,
// 1 by default. See Note [Chunks per thread].
int chunks_per_thread();
void set_chunks_per_thread(int n);

}  // namespace tg
