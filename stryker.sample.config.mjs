// The small, fixed mutation sample CI can afford (issue 22): `npm run test:mutation:sample`. A few line ranges
// of the goal files, the tests that reach them, no incremental state; fails if any mutant killed today survives.
// The full run is stryker.config.mjs (`npm run test:mutation`); scores and survivors: docs/mutation.md.
// @ts-check
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  ...base,
  // validateGrad() (fitting a grad to its input's shape and dtype) and prodBackward() (prod's grad with zeros),
  // less prodBackward's first line: with a graph being built and a zero present it takes the exact product of
  // the others, a slower path to the same first derivative, so its mutants are equivalent at first order.
  mutate: ['lib/autograd/engine.ts:340-368', 'lib/autograd/formulas.ts:88-95'],
  vitest: { configFile: 'vitest.mutation-sample.config.ts', related: false },
  incremental: false,
  reporters: ['clear-text', 'progress'],
  // 29 of these 31 mutants are killed (93.5%); the 2 survivors are equivalent (docs/mutation.md), so losing
  // any one kill (28/31 = 90.3%) fails the run.
  thresholds: { high: 95, low: 92, break: 92 },
};
export default config;
