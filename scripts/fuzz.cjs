#!/usr/bin/env node
// npm run fuzz: the two fuzzers, long and with a random seed (or TG_FUZZ_SEED / TG_FUZZ_RUNS):
// argument fuzzing (test/robustness/fuzz-args.test.ts, calls; internal JS errors and errors not naming the op
// fail it) and op sequences (views, writes through views and indexing included, Note [Fuzzed views]) in float32
// and float64 vs the error-bounded reference, threshold sweep included
// (test/robustness/fuzz-ops.test.ts, programs). A failure prints the seed and the shrunk case to keep.
'use strict';
const { spawnSync } = require('node:child_process');
const seed = process.env.TG_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = Number(process.env.TG_FUZZ_RUNS ?? 0);
console.log(`fuzz: seed ${seed} (rerun with TG_FUZZ_SEED=${seed})`);
let failed = false;
for (const [file, defRuns] of [['test/robustness/fuzz-args.test.ts', 500000], ['test/robustness/fuzz-ops.test.ts', 20000]]) {
  const r = spawnSync('npx', ['vitest', 'run', file, '--testTimeout', '3600000'], {
    stdio: 'inherit',
    env: { ...process.env, TG_FUZZ_SEED: seed, TG_FUZZ_RUNS: String(runs || defRuns) },
  });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
