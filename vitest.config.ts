// Test config. scripts/capability-tests.cjs reruns the kernel tests once per CPU capability (TG_CPU_CAPABILITY).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // One fork per core. Vitest's default is cores - 1, which on CI's 2 cores is a single fork: the whole suite
    // ran serially with a core idle (the main process only collects results). Each file still gets its own
    // process (forks isolate), so files cannot see each other's state; every file that writes to disk uses its
    // own temp dir.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: 'test-results.json' } : undefined,
  },
});
