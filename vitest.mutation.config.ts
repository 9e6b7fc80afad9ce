// Test config for mutation runs (stryker.config.mjs): the suite minus the tests that run tensorgrad in child
// processes or worker threads (fuzz-args, memory, threads, import-side-effects). Those load an esbuild bundle of
// lib/, where Stryker cannot switch mutants on, so they could never kill one; they only cost minutes per run.
// import-side-effects also fails there: the bundle holds Stryker's instrumented lib/, which adds a global.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/robustness/fuzz-args.test.ts', 'test/robustness/memory.test.ts', 'test/robustness/threads.test.ts', 'test/robustness/import-side-effects.test.ts', 'test/meta/**', '**/node_modules/**'],
      reporters: ['default'],
      outputFile: undefined,
    },
  }),
);
