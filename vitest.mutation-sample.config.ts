// Tests for the CI mutation sample (stryker.sample.config.mjs): the autograd and op tests, which reach every
// sampled line; the rest of the suite only lengthens the dry run. (include is replaced, not merged.)
import { mergeConfig } from 'vitest/config';
import base from './vitest.mutation.config';

const config = mergeConfig(base, {});
config.test!.include = ['test/autograd/**/*.test.ts', 'test/ops/**/*.test.ts'];
export default config;
