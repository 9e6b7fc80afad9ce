// The small, fixed mutation sample CI can afford (issue 22): `npm run test:mutation:sample`. A few line ranges
// of the goal files, the tests that reach them, no incremental state; fails below the break threshold.
// The full run is stryker.config.mjs (`npm run test:mutation`); scores and survivors: docs/mutation.md.
// @ts-check
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  ...base,
  // deliver() and freeSpent() (grad summing and freeing), validateGrad() (fitting grads to their input),
  // and the arithmetic and reduction helpers of the derivative table.
  mutate: ['lib/autograd/engine.ts:230-263', 'lib/autograd/engine.ts:304-331', 'lib/autograd/derivatives.ts:19-60'],
  vitest: { configFile: 'vitest.mutation-sample.config.ts', related: false },
  incremental: false,
  reporters: ['clear-text', 'progress'],
  thresholds: { high: 90, low: 85, break: 85 },
};
export default config;
