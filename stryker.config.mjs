// Mutation testing of the TypeScript autograd and ops (issue 22): `npm run test:mutation` runs it all,
// `npm run test:mutation -- --mutate lib/autograd/engine.ts` one file, and stryker.sample.config.mjs the
// small fixed sample CI runs. Scores and survivors: docs/mutation.md.
// @ts-check
import * as path from 'node:path';

// The addon is used where it was built (17 MB of build/ need not be copied into every sandbox); workers inherit this.
process.env.TG_ADDON_PATH ??= path.resolve('build/Release/tensorgrad.node');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: ['lib/autograd/**/*.ts', 'lib/ops/**/*.ts'],
  coverageAnalysis: 'perTest',
  // The machine this was tuned on has 2 cores; each worker runs the suite in one vitest thread.
  concurrency: 2,
  // Mutants that loop forever (a `<` turned `<=` in a while loop) are cut off at 3x the dry run's time + 10 s.
  timeoutMS: 10000,
  timeoutFactor: 3,
  ignorePatterns: ['build', 'build-*', 'dist', 'bench', 'examples', 'reports', '.mutation-native'],
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  cleanTempDir: 'always',
};
export default config;
