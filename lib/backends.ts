// Runtime settings of the native core: CPU capability (kernel ISA), thread count, storage cache.
import { native, addonBuild } from './native.js';
import { drainPool } from './storage.js';
import { setAggressiveGc, aggressiveGc } from './gc_policy.js';
import { typeError, describe } from './errors.js';
import { kw, signature } from './kwargs.js';

/** Runtime settings of the native core (torch.backends): the CPU kernel set (`cpu`) and the storage cache and GC policy (`memory`). */
export const backends = {
  cpu: {
    /**
     * The kernel set in use: 'default', 'avx2', 'avx512' or 'neon' (TG_CPU_CAPABILITY overrides the choice).
     *
     * @see torch.backends.cpu.get_cpu_capability
     * @example
     * ```ts
     * ['default', 'avx2', 'avx512', 'neon'].includes(tg.backends.cpu.capability()) // => true
     * ```
     */
    capability(): string {
      return native.capability();
    },
    /**
     * Every capability this CPU and OS can run, best last.
     *
     * @see (no PyTorch counterpart: the kernel sets this CPU can run)
     * @example
     * ```ts
     * tg.backends.cpu.capabilities().includes(tg.backends.cpu.capability()) // => true
     * ```
     */
    capabilities(): string[] {
      return native.capabilities();
    },
    /**
     * The number of threads the kernels use (the same as tg.getNumThreads()).
     *
     * @see torch.get_num_threads
     * @example
     * ```ts
     * tg.backends.cpu.numThreads() >= 1 // => true
     * ```
     */
    numThreads(): number {
      return native.getNumThreads();
    },
    /**
     * Which addon binary is loaded: `kind` 'prebuild' (shipped in the package's prebuilds/, no compiler was
     * used), 'source' (compiled at install into build/) or 'override' (TG_ADDON_PATH), and its path.
     *
     * @see torch.__config__.show (no direct counterpart: PyTorch ships one build)
     * @example
     * ```ts
     * ['prebuild', 'source', 'override'].includes(tg.backends.cpu.build().kind) // => true
     * ```
     */
    build(): { kind: 'prebuild' | 'source' | 'override'; path: string } {
      return { ...addonBuild };
    },
    /**
     * Test hook: switch kernels for this thread's tensorgrad (like Highway's SetSupportedTargetsForTest).
     *
     * @see (no PyTorch counterpart: ATEN_CPU_CAPABILITY is read at startup only)
     * @example
     * ```ts
     * const cap = tg.backends.cpu.capability()
     * tg.backends.cpu.setCapability('default')
     * tg.backends.cpu.capability() // => 'default'
     * tg.backends.cpu.setCapability(cap)
     * ```
     */
    setCapability(name: string): void {
      if (typeof name !== 'string') throw typeError('setCapability', 'expected a capability name');
      native.setCapability(name);
    },
  },
  memory: {
    /**
     * Bytes of freed storage kept for reuse.
     *
     * @see torch.cuda.memory_reserved (the caching allocator's analogue)
     * @example
     * ```ts
     * tg.backends.memory.cachedBytes() >= 0 // => true
     * ```
     */
    cachedBytes(): number {
      return native.cachedBytes();
    },
    /**
     * Returns cached storage (and buffers kept for reuse) to the OS.
     *
     * @see torch.cuda.empty_cache (the caching allocator's analogue)
     * @example
     * ```ts
     * tg.backends.memory.emptyCache()
     * tg.backends.memory.cachedBytes() // => 0
     * ```
     */
    emptyCache(): void {
      drainPool();
      native.emptyCache();
    },
    /**
     * Opt-in: tensorgrad asks V8 for small young-generation GCs where a training step's temporaries have just
     *
     * died, so their memory is reused while it is hot (about 2x faster steps at 1e5-1e6 elements, a quarter of
     * the RSS; Note [Minor GCs] in lib/gc_policy.ts). This changes process-wide V8 flags
     * (--no-parallel-scavenge, --no-concurrent-array-buffer-sweeping); false (the default) undoes them.
     * TG_AGGRESSIVE_GC=1 in the environment turns it on at import. Returns whether it is now on.
     *
     * @see (no PyTorch counterpart: a V8 garbage-collection policy)
     * @example
     * ```ts
     * const was = tg.backends.memory.aggressiveGc()
     * tg.backends.memory.setAggressiveGc(true) // => true
     * tg.backends.memory.setAggressiveGc(was)
     * ```
     */
    setAggressiveGc(on: boolean): boolean {
      if (typeof on !== 'boolean') throw typeError('setAggressiveGc', `expected a boolean, got ${describe(on)}`);
      return setAggressiveGc(on);
    },
    /**
     * Whether the aggressive-GC opt-in is on.
     *
     * @see (no PyTorch counterpart: a V8 garbage-collection policy)
     * @example
     * ```ts
     * typeof tg.backends.memory.aggressiveGc() // => 'boolean'
     * ```
     */
    aggressiveGc(): boolean {
      return aggressiveGc();
    },
  },
};

/**
 * The number of threads the native kernels use.
 *
 * Threads used by large kernels (default: the machine's cores).
 *
 * @see torch.get_num_threads
 * @example
 * ```ts
 * tg.getNumThreads() > 0 // => true
 * ```
 */
export const getNumThreads = kw(signature('getNumThreads', ''), function getNumThreads(): number {
  return native.getNumThreads();
});

/**
 * Sets the number of threads the native kernels use.
 *
 * Sets the kernel thread count.
 *
 * @see torch.set_num_threads
 * @example
 * ```ts
 * const n = tg.getNumThreads()
 * tg.setNumThreads(1)
 * tg.getNumThreads() // => 1
 * tg.setNumThreads(n)
 * ```
 */
export const setNumThreads = kw(signature('setNumThreads', 'nthreads'), function setNumThreads(n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw typeError('setNumThreads', `expected an integer, got ${describe(n)}`);
  native.setNumThreads(n);
});

// Signatures (Note [Keyword arguments]) of the backends functions.
backends.cpu.capability = kw(signature('backends.cpu.capability', ''), backends.cpu.capability);
backends.cpu.capabilities = kw(signature('backends.cpu.capabilities', ''), backends.cpu.capabilities);
backends.cpu.setCapability = kw(signature('backends.cpu.setCapability', 'name'), backends.cpu.setCapability);
backends.cpu.numThreads = kw(signature('backends.cpu.numThreads', ''), backends.cpu.numThreads);
backends.cpu.build = kw(signature('backends.cpu.build', ''), backends.cpu.build);
backends.memory.cachedBytes = kw(signature('backends.memory.cachedBytes', ''), backends.memory.cachedBytes);
backends.memory.emptyCache = kw(signature('backends.memory.emptyCache', ''), backends.memory.emptyCache);
backends.memory.setAggressiveGc = kw(signature('backends.memory.setAggressiveGc', 'on'), backends.memory.setAggressiveGc);
backends.memory.aggressiveGc = kw(signature('backends.memory.aggressiveGc', ''), backends.memory.aggressiveGc);
