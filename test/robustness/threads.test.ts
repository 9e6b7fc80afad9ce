// worker_threads: concurrent load/compute/backward/unload in one process, in a child so a crash at teardown
// fails the test. See docs/threads.md.
import { describe, it, expect } from 'vitest';
import { runChild, runChildAsync, explain } from './bundle.js';

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

  it('workers sharing tensors (tg.toTransferable) are created and terminated mid-computation, round after round', async () => {
    // 4 workers per round read shared weights in GEMM loops and each writes its own row of a shared output; the
    // main thread terminates them while they compute, then checks the rows, computes on the same weights, and
    // counts threads (no growth). Shared memory outlives the workers that held it (Note [Sharing tensors across threads]).
    const r = await runChildAsync('workers.cjs', { TG_WORKERS_MODE: 'churn', TG_WORKERS: '4', TG_ROUNDS: '4' });
    if (r.status !== 0 || !r.report) throw new Error(explain(r));
    const rep = r.report as { rounds: { codes: number[]; threadsAfter: number; finite: boolean }[]; rowsOk: number; weightsIntact: boolean; threads0: number };
    expect(rep.rounds.map((x) => x.codes)).toEqual(Array(4).fill([1, 1, 1, 1])); // terminated, not finished
    expect(rep.rowsOk).toBe(16); // every worker's write into the shared output is seen by the main thread
    expect(rep.weightsIntact).toBe(true);
    expect(rep.rounds.every((x) => x.finite)).toBe(true);
    if (rep.threads0 > 0) for (const x of rep.rounds) expect(x.threadsAfter).toBeLessThanOrEqual(rep.threads0 + 2);
    expect(r.stderr).not.toMatch(/Assertion|FATAL|Segmentation|double free|AddressSanitizer|runtime error/);
  });
});
