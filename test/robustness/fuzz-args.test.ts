// Fuzz (a): random arguments to every exported function and Tensor method, in a child process (see
// child/fuzz-args.cjs): every call returns or throws an Error, the process never dies, and no thrown error is an
// internal JS error raised inside the library or fails to name the called op (Note [What a fuzzed call may
// throw] in the child). `npm test` runs a fixed seed and a short run; `npm run fuzz` long random ones.
import { describe, it, expect } from 'vitest';
import { runChildAsync, explain } from './bundle.js';

const seed = process.env.TG_FUZZ_SEED ?? '42';
const runs = process.env.TG_FUZZ_RUNS ?? '12000';
// ~1 ms a call on an idle machine; a loaded one (shared cores) can take several times that.
const timeoutMs = Math.max(600_000, Number(runs) * 20);

describe('argument fuzzing', () => {
  it(`every call returns or throws an Error naming the op, and nothing crashes (seed ${seed}, ${runs} calls)`, async () => {
    const r = await runChildAsync('fuzz-args.cjs', { TG_FUZZ_SEED: seed, TG_FUZZ_RUNS: runs }, [], timeoutMs);
    if (r.status !== 0 || !r.report) {
      // Find the call that killed the process: rerun with a trace of every call.
      const t = await runChildAsync('fuzz-args.cjs', { TG_FUZZ_SEED: seed, TG_FUZZ_RUNS: runs, TG_FUZZ_TRACE: '1' }, [], timeoutMs);
      const last = t.stderr.trim().split('\n').slice(-3).join('\n');
      throw new Error(`${explain(r)}\nlast calls before the crash:\n${last}`);
    }
    const rep = r.report;
    if (rep.failed) throw new Error(`${rep.failure.target}: ${rep.failure.error}\ncounterexample: ${rep.failure.counterexample}`);
    const list = (entries: [string, string][]) => entries.map(([k, v]) => `  ${k}\n    ${v}`).join('\n');
    // Each entry: target and message, then the first call that threw it and the top of its stack.
    if (rep.internal.length > 0)
      throw new Error(`internal JS errors raised inside the library (seed ${seed}):\n${list(rep.internal)}`);
    if (rep.noName.length > 0)
      throw new Error(`errors that do not start with the called op's name (seed ${seed}):\n${list(rep.noName)}`);
    expect(rep.calls).toBe(Number(runs));
    expect(rep.targets).toBeGreaterThan(200);
    expect(rep.threw + rep.returned).toBe(rep.calls);
    // The run threw many errors of both classes, so the two checks above had something to judge.
    expect(rep.byClass.TypeError).toBeGreaterThan(Number(runs) / 10);
    expect(rep.byClass.RangeError).toBeGreaterThan(Number(runs) / 100);
  }, 2 * timeoutMs + 60_000);
});
