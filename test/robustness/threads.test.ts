// worker_threads: concurrent load/compute/backward/unload in one process, in a child so a crash at teardown
// fails the test. See docs/threads.md.
import { describe, it, expect } from 'vitest';
import { runChild, explain } from './bundle.js';

describe('worker_threads', () => {
  it('loads in several workers at once, computes and backpropagates correctly, unloads cleanly', () => {
    const r = runChild('threads.cjs', { TG_WORKERS: '4', TG_ROUNDS: '3', TG_ITERS: '6' });
    if (r.status !== 0 || !r.report) throw new Error(explain(r));
    const rep = r.report as { rounds: { checks: number; threadsAfter: number }[]; mainChecks: number };
    expect(rep.rounds.map((x) => x.checks)).toEqual([24, 24, 24]);
    expect(rep.mainChecks).toBe(6);
    // Worker threads are gone after each round and the kernel pool is process-wide: no growth across rounds.
    const counts = rep.rounds.map((x) => x.threadsAfter);
    if (counts[0] > 0) expect(counts[2]).toBeLessThanOrEqual(counts[0] + 2);
    expect(r.stderr).not.toMatch(/Assertion|FATAL|Segmentation|double free|AddressSanitizer|runtime error/);
  });
});
