// tg.workers: a pool of worker_threads that run a model's forward off the main thread (Note [Worker pool]).
import { Worker, isMainThread, parentPort, workerData as rawWorkerData } from 'node:worker_threads';
import { toTransferable, fromTransferable } from './sharing.js';
import { typeError, rangeError, describe } from './errors.js';

// Note [Worker pool]: tensorgrad's ops are synchronous, as PyTorch's; a server stays responsive by running
// them in worker_threads. A Pool starts `size` workers from one script; the script builds its model and calls
// tg.workers.serve(handler). pool.run(input) sends the input (tensors through shared memory, lib/sharing.ts) to
// a worker and resolves with the handler's result. A worker runs one request at a time, in order (its ops are
// synchronous anyway); the pool sends each worker up to `pipeline` (2) requests ahead, so the next one already
// waits in the worker's port when it finishes; without that a worker idles for every wake-up of the main thread
// (pool throughput over 2 x one thread's, batch-64 MLP forwards on a 2-core machine at load ~22: 0.53, 0.69,
// 0.59 with pipeline 1; 0.89, 0.50, 0.95 with 2; noisy, but never the reverse). Other requests wait in a
// FIFO queue, bounded by maxQueue. When the queue is full, run()
// either rejects at once (whenFull 'reject', err.code 'ERR_TG_POOL_FULL': a server answers 503) or waits for
// room (whenFull 'wait'). A handler that throws rejects its request only (the worker stays). A worker that
// dies (process.exit, an uncaught error, terminate) rejects the one request it was running
// (err.code 'ERR_TG_WORKER_DIED') and is replaced; the requests sent ahead to it never started, so they go
// back to the front of the queue, for the others and the replacement.
// A worker that dies before it is ready (a broken script) is not restarted in a loop: the pool fails every
// waiting request with that error and rejects later runs. Nothing here runs at import (no listeners, no
// workers): a Pool starts workers when made, and serve() only in a worker.

export interface PoolOptions {
  /** Number of workers (default 2). */
  size?: number;
  /** Requests that may wait for a worker (default 64 per worker); past it, see whenFull. */
  maxQueue?: number;
  /** 'reject' (default): run() rejects with code 'ERR_TG_POOL_FULL'; 'wait': run() waits for room. */
  whenFull?: 'reject' | 'wait';
  /**
   * Requests sent ahead to each worker (default 2): the next one waits in the worker's own message queue, so a
   * worker never idles while the main thread wakes up to send it more. A worker that dies fails only the request
   * it was running; the ones sent ahead go back to the pool's queue.
   */
  pipeline?: number;
  /** Passed to every worker as workerData, through toTransferable (tensors are shared, not copied). */
  workerData?: unknown;
  /** Extra worker_threads options (resourceLimits, env, execArgv, ...). */
  workerOptions?: Record<string, unknown>;
}

export interface PoolStats {
  size: number;
  busy: number;
  queued: number;
  waiting: number;
  completed: number;
  failed: number;
  restarts: number;
}

interface Job {
  input: unknown;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Sent to this worker, in order; the first is the one running (serve() runs one at a time). */
  jobs: Job[];
  id: number;
}

function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A file URL (`new URL('./worker.mjs', import.meta.url)`), typed by its shape so that the published typings need
 * neither Node's nor the DOM's type declarations (scripts/pack-test.sh checks them without either).
 */
export interface ScriptUrl {
  readonly href: string;
}

/**
 * A pool of worker threads, each running a script that calls tg.workers.serve(handler).
 *
 * pool.run(input) resolves with handler(input), the tensors crossing through shared memory. Requests queue up to
 * maxQueue (default 64 per worker) and then are rejected (whenFull: 'reject') or wait; a worker that dies is
 * restarted, its unstarted requests requeued.
 *
 * @see torch.multiprocessing.Pool (the nearest PyTorch analogue; here threads share tensors instead of processes)
 * @example
 * ```ts
 * // The worker script as code here; usually a file: new tg.workers.Pool('./worker.mjs', { size: 2 })
 * const script = `const tg = require(${JSON.stringify(require.resolve('tensorgrad'))})
 * tg.workers.serve((x) => x.mul(2))`
 * const pool = new tg.workers.Pool(script, { size: 1, workerOptions: { eval: true } })
 * await pool.run(tg.tensor([1, 2])) // tensor([2., 4.])
 * await pool.close()
 * ```
 */
export class Pool {
  readonly size: number;
  readonly maxQueue: number;
  readonly whenFull: 'reject' | 'wait';
  private readonly depth: number;
  private readonly script: string | ScriptUrl;
  private readonly data: unknown;
  private readonly workerOptions: Record<string, unknown>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly waiters: Job[] = [];
  private idle: (() => void) | null = null;
  private readyWaiters: (() => void)[] = [];
  private closing: Promise<void> | null = null;
  private broken: Error | null = null;
  private nextId = 0;
  private counts = { completed: 0, failed: 0, restarts: 0 };

  /** Starts `size` workers running `script` (a path or file URL), which calls tg.workers.serve(handler). */
  constructor(script: string | ScriptUrl, options: PoolOptions = {}) {
    if (typeof script !== 'string' && !(script instanceof URL)) throw typeError('workers.Pool', `expected a script path or URL, got ${describe(script)}`);
    const size = options.size ?? 2;
    if (!Number.isInteger(size) || size < 1) throw rangeError('workers.Pool', `size must be a positive integer, got ${describe(size)}`);
    const maxQueue = options.maxQueue ?? 64 * size;
    if (!(maxQueue >= 0) || !(Number.isInteger(maxQueue) || maxQueue === Infinity)) throw rangeError('workers.Pool', `maxQueue must be a non-negative integer, got ${describe(maxQueue)}`);
    const whenFull = options.whenFull ?? 'reject';
    if (whenFull !== 'reject' && whenFull !== 'wait') throw typeError('workers.Pool', `whenFull must be 'reject' or 'wait', got ${describe(whenFull)}`);
    const depth = options.pipeline ?? 2;
    if (!Number.isInteger(depth) || depth < 1) throw rangeError('workers.Pool', `pipeline must be a positive integer, got ${describe(depth)}`);
    this.depth = depth;
    this.size = size;
    this.maxQueue = maxQueue;
    this.whenFull = whenFull;
    this.script = script;
    this.data = toTransferable(options.workerData);
    this.workerOptions = options.workerOptions ?? {};
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /**
   * Runs the workers' handler on `input` (tensors are shared, not copied); resolves with its result.
   *
   * @see torch.multiprocessing.Pool.apply_async (the nearest PyTorch analogue)
   * @example
   * ```ts
   * // The worker script as code here; usually a file: new tg.workers.Pool('./worker.mjs', { size: 2 })
   * const script = `const tg = require(${JSON.stringify(require.resolve('tensorgrad'))})
   * tg.workers.serve(async ({ a, b }) => tg.matmul(a, b))`
   * const pool = new tg.workers.Pool(script, { size: 1, workerOptions: { eval: true } })
   * const y = await pool.run({ a: tg.ones(2, 3), b: tg.ones(3) })
   * y // tensor([3., 3.])
   * await pool.close()
   * ```
   */
  run(input: unknown): Promise<any> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closing) return Promise.reject(codedError('workers.Pool.run: the pool is closed', 'ERR_TG_POOL_CLOSED'));
    let payload: unknown;
    try {
      payload = toTransferable(input);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      const job: Job = { input: payload, resolve, reject };
      const slot = this.queue.length === 0 ? this.freeSlot() : undefined;
      if (slot) return this.start(slot, job);
      if (this.queue.length < this.maxQueue) {
        this.queue.push(job);
        return;
      }
      if (this.whenFull === 'reject') {
        reject(codedError(`workers.Pool.run: queue full (${this.queue.length} requests waiting, maxQueue ${this.maxQueue})`, 'ERR_TG_POOL_FULL'));
        return;
      }
      this.waiters.push(job);
    });
  }

  /**
   * Resolves once every worker has called serve() (a server can listen after that); rejects if the pool broke.
   *
   * @see (no PyTorch counterpart: a pool readiness barrier)
   * @example
   * ```ts
   * // The worker script as code here; usually a file: new tg.workers.Pool('./worker.mjs', { size: 2 })
   * const script = `const tg = require(${JSON.stringify(require.resolve('tensorgrad'))})
   * tg.workers.serve((x) => x)`
   * const pool = new tg.workers.Pool(script, { size: 1, workerOptions: { eval: true } })
   * await pool.ready() // every worker has called serve(); start listening now
   * pool.stats().size // => 1
   * await pool.close()
   * ```
   */
  async ready(): Promise<void> {
    while (!this.broken && !this.closing && this.slots.some((s) => !s.ready)) await new Promise<void>((r) => this.readyWaiters.push(r));
    if (this.broken) throw this.broken;
  }

  /**
   * Counts: workers, busy ones, queued requests, callers waiting for room, completed/failed requests, restarts.
   *
   * @see (no PyTorch counterpart: the pool's counters)
   * @example
   * ```ts
   * // The worker script as code here; usually a file: new tg.workers.Pool('./worker.mjs', { size: 2 })
   * const script = `const tg = require(${JSON.stringify(require.resolve('tensorgrad'))})
   * tg.workers.serve((x) => x.neg())`
   * const pool = new tg.workers.Pool(script, { size: 1, workerOptions: { eval: true } })
   * await pool.run(tg.tensor([1]))
   * pool.stats() // => { size: 1, busy: 0, queued: 0, waiting: 0, completed: 1, failed: 0, restarts: 0 }
   * await pool.close()
   * ```
   */
  stats(): PoolStats {
    const busy = this.slots.filter((s) => s.jobs.length > 0).length;
    return { size: this.size, busy, queued: this.queue.length, waiting: this.waiters.length, ...this.counts };
  }

  /**
   * Stops taking requests, lets queued and running ones finish, then ends the workers.
   *
   * @see torch.multiprocessing.Pool.close (the nearest PyTorch analogue; this also waits for the workers to end, as close() then join())
   * @example
   * ```ts
   * // The worker script as code here; usually a file: new tg.workers.Pool('./worker.mjs', { size: 2 })
   * const script = `const tg = require(${JSON.stringify(require.resolve('tensorgrad'))})
   * tg.workers.serve((x) => x.sum())`
   * const pool = new tg.workers.Pool(script, { size: 1, workerOptions: { eval: true } })
   * const pending = pool.run(tg.ones(3))
   * await pool.close() // lets the queued request finish first
   * await pending // tensor(3.)
   * await pool.run(tg.ones(1)).catch((e) => e.code) // => 'ERR_TG_POOL_CLOSED'
   * ```
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = (async () => {
      for (const r of this.readyWaiters.splice(0)) r(); // ready() stops waiting for a closing pool
      if (!this.broken && this.pending()) await new Promise<void>((r) => (this.idle = r));
      const slots = this.slots.splice(0);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    })();
    return this.closing;
  }

  private pending(): boolean {
    return this.queue.length > 0 || this.waiters.length > 0 || this.slots.some((s) => s.jobs.length > 0);
  }

  private spawn(): Slot {
    const worker = new Worker(this.script as string | URL, { ...this.workerOptions, workerData: this.data });
    const slot: Slot = { worker, ready: false, jobs: [], id: this.nextId++ };
    worker.on('message', (m: { ready?: true; ok?: boolean; value?: unknown; error?: { name: string; message: string; stack?: string; code?: string } }) => {
      if (m && m.ready === true) {
        slot.ready = true;
        for (const r of this.readyWaiters.splice(0)) r();
        this.pump();
        return;
      }
      const job = slot.jobs.shift();
      if (job === undefined) return;
      if (m.ok) {
        this.counts.completed++;
        let value: unknown;
        try {
          value = fromTransferable(m.value);
        } catch (e) {
          job.reject(e as Error);
          this.pump();
          return;
        }
        job.resolve(value);
      } else {
        this.counts.failed++;
        const info = m.error ?? { name: 'Error', message: 'unknown error' };
        // The standard classes come back as themselves (instanceof RangeError holds), others as Error with the name.
        const Ctor = info.name === 'TypeError' ? TypeError : info.name === 'RangeError' ? RangeError : Error;
        const err = new Ctor(info.message);
        err.name = info.name;
        if (info.stack) err.stack = info.stack;
        if (info.code !== undefined) Object.assign(err, { code: info.code });
        job.reject(err);
      }
      this.pump();
    });
    let reason: Error | null = null;
    worker.on('error', (e) => (reason = e));
    worker.on('exit', (code) => this.died(slot, code, reason));
    return slot;
  }

  private died(slot: Slot, code: number, reason: Error | null): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return; // closed: terminated on purpose
    const why = reason ? `: ${reason.message}` : '';
    const [running, ...notStarted] = slot.jobs.splice(0);
    if (running) {
      this.counts.failed++;
      running.reject(codedError(`workers.Pool.run: the worker died (exit code ${code}) while running this request${why}`, 'ERR_TG_WORKER_DIED'));
    }
    // The ones behind it never started (serve() runs one at a time): they go back to the front of the queue.
    this.queue.unshift(...notStarted);
    if (!slot.ready) {
      // A worker that never got ready would die again: fail instead of restarting forever.
      this.broken = codedError(`workers.Pool: a worker exited (code ${code}) before calling tg.workers.serve()${why}`, 'ERR_TG_POOL_BROKEN');
      this.slots.splice(i, 1);
      for (const job of [...this.queue.splice(0), ...this.waiters.splice(0)]) job.reject(this.broken);
      for (const s of this.slots.splice(0)) {
        for (const job of s.jobs.splice(0)) job.reject(this.broken);
        void s.worker.terminate();
      }
      this.idle?.();
      for (const r of this.readyWaiters.splice(0)) r();
      return;
    }
    this.counts.restarts++;
    this.slots[i] = this.spawn();
    this.pump();
  }

  private start(slot: Slot, job: Job): void {
    slot.jobs.push(job);
    slot.worker.postMessage(job.input);
  }

  /** A ready worker with room in its pipeline, the least loaded first. */
  private freeSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) if (s.ready && s.jobs.length < this.depth && (best === undefined || s.jobs.length < best.jobs.length)) best = s;
    return best;
  }

  private pump(): void {
    for (let slot = this.freeSlot(); slot !== undefined && this.queue.length > 0; slot = this.freeSlot()) this.start(slot, this.queue.shift() as Job);
    while (this.waiters.length > 0 && this.queue.length < this.maxQueue) this.queue.push(this.waiters.shift() as Job);
    if (this.queue.length > 0 && this.freeSlot() !== undefined) this.pump();
    else if (this.idle !== null && !this.pending()) this.idle();
  }

}

/**
 * In a pool's worker script: answers pool.run(input) with handler(input), one request at a time.
 *
 * The handler may be async. Call it once the model is ready: the pool sends requests from then on. Tensors in the
 * input and the result cross through shared memory.
 *
 * @see (no PyTorch counterpart: a worker's request loop, as a torch.multiprocessing worker function)
 * @example
 * ```ts
 * // The worker script as code here; usually a file: new tg.workers.Pool('./worker.mjs', { size: 2 })
 * const script = `const tg = require(${JSON.stringify(require.resolve('tensorgrad'))})
 * const model = new tg.nn.Linear(2, 1)
 * tg.nn.init.ones_(model.weight); tg.nn.init.zeros_(model.bias)
 * tg.workers.serve((x) => tg.noGrad(() => model(x)))`
 * const pool = new tg.workers.Pool(script, { size: 1, workerOptions: { eval: true } })
 * await pool.run(tg.tensor([[1, 2]])) // tensor([[3.]])
 * await pool.close()
 * ```
 */
export function serve(handler: (input: any) => unknown): void {
  if (typeof handler !== 'function') throw typeError('workers.serve', `expected a function, got ${describe(handler)}`);
  if (isMainThread || parentPort === null) throw new Error('workers.serve: call it in a worker script started by tg.workers.Pool');
  const port = parentPort;
  // One request at a time, in order, even for an async handler: the pool relies on it (answers carry no id,
  // and only the first request sent to a dying worker can have started).
  let last: Promise<void> = Promise.resolve();
  const answer = async (input: unknown): Promise<void> => {
    try {
      const value = await handler(fromTransferable(input));
      port.postMessage({ ok: true, value: toTransferable(value) });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ ok: false, error: { name: err.name, message: err.message, stack: err.stack, code: (err as { code?: string }).code } });
    }
  };
  port.on('message', (input: unknown) => {
    last = last.then(() => answer(input));
  });
  port.postMessage({ ready: true });
}

/**
 * In a pool's worker script: the pool's workerData option, tensors rebuilt on shared memory (no copy).
 *
 * @see (no PyTorch counterpart: Node's worker_threads workerData, its tensors on shared memory)
 * @example
 * ```ts
 * // The worker script as code here; usually a file: new tg.workers.Pool('./worker.mjs', { size: 2 })
 * const script = `const tg = require(${JSON.stringify(require.resolve('tensorgrad'))})
 * const { scale } = tg.workers.workerData()
 * tg.workers.serve((x) => x.mul(scale))`
 * const pool = new tg.workers.Pool(script, { size: 1, workerOptions: { eval: true }, workerData: { scale: tg.tensor(3) } })
 * await pool.run(tg.tensor([1, 2])) // tensor([3., 6.])
 * await pool.close()
 * ```
 */
export function workerData(): any {
  return fromTransferable(rawWorkerData);
}
