// Tests for the CI mutation sample (stryker.sample.config.mjs): the autograd tests and the indexing fixtures,
// which between them kill all 29 killable mutants of the sampled lines (the kills come from compact_grads,
// engine, forward_ad_rows, planted_mutations and indexing's gather fixtures). The op tests at large reached the
// same lines and killed nothing more; they doubled the dry run. (include is replaced, not merged.)
import { mergeConfig } from 'vitest/config';
import base from './vitest.mutation.config';

const config = mergeConfig(base, {});
config.test!.include = ['test/autograd/**/*.test.ts', 'test/ops/indexing.test.ts'];
export default config;
