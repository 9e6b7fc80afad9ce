// Fuzz (a): random arguments to every exported function and Tensor method, in a child process (see
// child/fuzz-args.cjs): every call returns or throws an Error, and the process never dies.
import { describe, it, expect } from 'vitest';
import { runChild, explain } from './bundle.js';

const seed = process.env.TG_FUZZ_SEED ?? '42';
const runs = process.env.TG_FUZZ_RUNS ?? '20000';

describe('argument fuzzing', () => {
  it(`every call returns or throws an Error, and nothing crashes (seed ${seed}, ${runs} calls)`, () => {
    const r = runChild('fuzz-args.cjs', { TG_FUZZ_SEED: seed, TG_FUZZ_RUNS: runs }, [], 600_000);
    if (r.status !== 0 || !r.report) {
      // Find the call that killed the process: rerun with a trace of every call.
      const t = runChild('fuzz-args.cjs', { TG_FUZZ_SEED: seed, TG_FUZZ_RUNS: runs, TG_FUZZ_TRACE: '1' }, [], 600_000);
      const last = t.stderr.trim().split('\n').slice(-3).join('\n');
      throw new Error(`${explain(r)}\nlast calls before the crash:\n${last}`);
    }
    const rep = r.report;
    if (rep.failed) throw new Error(`${rep.failure.target}: ${rep.failure.error}\ncounterexample: ${rep.failure.counterexample}`);
    expect(rep.calls).toBe(Number(runs));
    expect(rep.targets).toBeGreaterThan(200);
    // Every target was exercised at least once.
    expect(rep.threw + rep.returned).toBe(rep.calls);
  });
});
