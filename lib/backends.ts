// Runtime settings of the native core: CPU capability (kernel ISA), thread count, storage cache.
import { native } from './native.js';
import { drainPool } from './storage.js';
import { typeError, describe } from './errors.js';

export const backends = {
  cpu: {
    /** The kernel set in use: 'default', 'avx2', 'avx512' or 'neon' (TG_CPU_CAPABILITY overrides the choice). */
    capability(): string {
      return native.capability();
    },
    /** Every capability this CPU and OS can run, best last. */
    capabilities(): string[] {
      return native.capabilities();
    },
    /** Test hook: switch kernels for this thread's tensorgrad (like Highway's SetSupportedTargetsForTest). */
    setCapability(name: string): void {
      if (typeof name !== 'string') throw typeError('setCapability', 'expected a capability name');
      native.setCapability(name);
    },
  },
  memory: {
    /** Bytes of freed storage kept for reuse. */
    cachedBytes(): number {
      return native.cachedBytes();
    },
    /** Returns cached storage (and buffers kept for reuse) to the OS. */
    emptyCache(): void {
      drainPool();
      native.emptyCache();
    },
  },
};

/** Threads used by large kernels (default: the machine's cores). */
export function getNumThreads(): number {
  return native.getNumThreads();
}

/** Sets the kernel thread count. @example tg.setNumThreads(1) */
export function setNumThreads(n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw typeError('setNumThreads', `expected an integer, got ${describe(n)}`);
  native.setNumThreads(n);
}
