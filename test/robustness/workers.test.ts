// tg.workers.Pool under faults and back-pressure, and concurrent tg.save from two workers, each in a child process
// (child/workers.cjs) so a crash at teardown fails the test. Short forms; `npm run soak` runs the long ones
// (bench/soak/). See Note [Worker pool] in lib/workers.ts and docs/serving.md.
import { describe, it, expect } from 'vitest';
import { runChildAsync, explain } from './bundle.js';

async function scenario(mode: string, env: Record<string, string> = {}) {
  const r = await runChildAsync('workers.cjs', { TG_WORKERS_MODE: mode, ...env });
  if (r.status !== 0 || !r.report) throw new Error(explain(r));
  expect(r.stderr).not.toMatch(/Assertion|FATAL|Segmentation|double free|AddressSanitizer|runtime error/);
  return r.report;
}

describe('tg.workers.Pool', () => {
  it('a worker that dies or throws mid-request fails that request only; the pool recovers and leaks no threads', async () => {
    // Per round of 24 requests: two workers exit (process.exit) and one dies of an uncaught error while running a
    // request, and one handler throws; the 20 others must come back right (checked against the main thread's matmul).
    const rep = await scenario('faults', { TG_ROUNDS: '3' });
    rep.rounds.forEach((r: any, i: number) => {
      expect(r.okRight, `round ${i}`).toBe(20);
      expect(r.errors.exit).toMatch(/^ERR_TG_WORKER_DIED: workers\.Pool\.run: the worker died \(exit code 3\) while running this request/);
      expect(r.errors.uncaught).toMatch(/^ERR_TG_WORKER_DIED: .*exit code 1.*uncaught in worker/);
      expect(r.errors.throw).toMatch(/^RangeError: bad request \d+$/);
      expect(r.stats).toMatchObject({ size: 2, busy: 0, queued: 0, completed: 20 * (i + 1), failed: 4 * (i + 1), restarts: 3 * (i + 1) });
      // Dead workers' threads are gone: the count stays at the first round's (pool of 2 + the process's own).
      if (rep.threads0 > 0) expect(r.threads).toBe(rep.threads0);
    });
    expect(rep.gate).toBe('ok'); // the main thread's timer ran while a worker waited for it: run() does not block
    expect(rep.afterClose.stats.busy).toBe(0);
    if (rep.threads0 > 0) expect(rep.afterClose.threads).toBe(rep.threads0 - 2);
    expect(rep.runAfterClose).toBe('ERR_TG_POOL_CLOSED');
  });

  it("back-pressure: a full queue rejects with ERR_TG_POOL_FULL, or waits (whenFull: 'wait'); a script that fails at load breaks the pool once", async () => {
    // One worker held busy by the first request (the second is sent ahead to it: pipeline 2), maxQueue 2, six requests.
    const rep = await scenario('backpressure');
    expect(rep.reject.during).toMatchObject({ busy: 1, queued: 2, waiting: 0 });
    expect(rep.reject.outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ERR_TG_POOL_FULL', 'ERR_TG_POOL_FULL']);
    expect(rep.reject.message).toBe('workers.Pool.run: queue full (2 requests waiting, maxQueue 2)');
    expect(rep.wait.during).toMatchObject({ busy: 1, queued: 2, waiting: 2 });
    expect(rep.wait.outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(rep.broken.first).toBe('ERR_TG_POOL_BROKEN: workers.Pool: a worker exited (code 1) before calling tg.workers.serve(): this worker script fails at load');
    expect(rep.broken.later).toBe('ERR_TG_POOL_BROKEN');
    expect(rep.broken.readyErr).toBe('ERR_TG_POOL_BROKEN');
    expect(rep.broken.stats.restarts).toBe(0); // no restart loop
  });
});

describe('tg.save from two workers at once', () => {
  // NOTE: needs tg.save to be atomic (temp file + fsync + rename, the prebuild branch's lib/serialization change):
  // with a plain writeFileSync the second writer's O_TRUNC lands in the middle of the first one's write, and the
  // file ends up with one writer's header and a mix of both bodies (seen within 3 rounds here).
  it('leaves one complete file, byte for byte one writer’s, every round', async () => {
    const rep = await scenario('save', { TG_ROUNDS: '8' });
    for (const r of rep.rounds) {
      expect(r.which, JSON.stringify(r)).toBeGreaterThanOrEqual(0);
      expect(r.loads).toBe('ok');
    }
    expect(rep.leftovers).toEqual([]);
  });
});
