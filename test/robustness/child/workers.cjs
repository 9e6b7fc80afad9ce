// Tensors across worker_threads and tg.workers.Pool under faults, in a child process (a crash at teardown
// fails the parent test). TG_WORKERS_MODE picks the scenario; the last stdout line is a JSON report.
// Worker threads run this same file (workerData.role says what they do).
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const tg = require(process.env.TG_LIB).default;

function threadCount() {
  try {
    return Number(/Threads:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return -1;
  }
}
const rssMB = () => Math.round(process.memoryUsage().rss / 1e5) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- worker side ----------------------------------------------------------------------------------------------
if (!isMainThread) {
  const role = workerData && workerData.role;
  if (role === 'churn') {
    // Computes with the shared weights until terminated; writes its own row of the shared output first.
    const { w, out, id } = tg.fromTransferable(workerData.shared);
    out.select(0, id).copy_(w.sum(0));
    parentPort.postMessage('started');
    for (;;) {
      const x = tg.rand([64, 256]);
      const y = x.matmul(w).relu().sum(); // w is [256, 128]: a real GEMM on the shared storage
      if (!Number.isFinite(y.item())) throw new Error('non-finite');
    }
  } else if (role === 'saver') {
    const { file, value, n, barrier } = workerData;
    const t = tg.full([n], value);
    const flag = new Int32Array(barrier);
    for (let round = 0; round < workerData.rounds; round++) {
      Atomics.add(flag, 1, 1);
      Atomics.notify(flag, 1);
      Atomics.wait(flag, 0, round); // the parent bumps flag[0] once both savers wait: they start together
      tg.save({ t }, file, { writer: String(value) });
      parentPort.postMessage(round);
    }
  } else {
    // A pool worker (tg.workers.serve); workerData is the Pool's, tensors rebuilt on shared memory.
    const data = tg.workers.workerData();
    if (data && data.broken) throw new Error('this worker script fails at load');
    const { w } = data;
    tg.workers.serve(async (req) => {
      if (req.kind === 'throw') throw new RangeError(`bad request ${req.id}`);
      if (req.kind === 'exit') process.exit(3); // dies mid-request
      if (req.kind === 'uncaught') {
        setTimeout(() => {
          throw new Error('uncaught in worker');
        }, 1);
        return new Promise(() => {}); // never answers: the uncaught error kills the worker
      }
      if (req.kind === 'gate') {
        // Waits until the main thread's event loop has run a timer: a blocked main thread would time out here.
        const r = Atomics.wait(new Int32Array(req.flag), 0, 0, 10_000);
        return { waited: r };
      }
      const y = req.x.matmul(w);
      return { id: req.id, y };
    });
  }
  return;
}

// ---- main side ------------------------------------------------------------------------------------------------
const mode = process.env.TG_WORKERS_MODE;
const rounds = Number(process.env.TG_ROUNDS ?? 3);

async function churn() {
  // N workers share W and an output tensor; each round they start computing and are terminated mid-computation.
  const n = Number(process.env.TG_WORKERS ?? 4);
  const w = tg.rand([256, 128]);
  const wBefore = w.clone();
  const report = { rounds: [], rowsOk: 0 };
  const threads0 = threadCount();
  for (let r = 0; r < rounds; r++) {
    const out = tg.zeros([n, 128]);
    const workers = Array.from({ length: n }, (_, id) => new Worker(__filename, { workerData: { role: 'churn', shared: tg.toTransferable({ w, out, id }) } }));
    await Promise.all(workers.map((wk) => new Promise((resolve, reject) => {
      wk.once('message', resolve);
      wk.once('error', reject);
    })));
    await sleep(20 + 10 * r); // they are inside matmul loops now
    const codes = await Promise.all(workers.map((wk) => wk.terminate()));
    const expectRow = w.sum(0);
    for (let id = 0; id < n; id++) if (tg.equal(out.select(0, id), expectRow)) report.rowsOk++;
    // The main thread computes on the same storage after the workers' addon instances are gone.
    const y = tg.rand([8, 256]).matmul(w);
    report.rounds.push({ codes, threadsAfter: threadCount(), finite: Number.isFinite(y.sum().item()) });
  }
  report.weightsIntact = tg.equal(w, wBefore);
  report.threads0 = threads0;
  return report;
}

async function faults() {
  const w = tg.rand([16, 4]);
  const pool = new tg.workers.Pool(__filename, { size: 2, workerData: { w } });
  const report = { rounds: [], threads0: -1 };
  let id = 0;
  for (let r = 0; r < rounds; r++) {
    const reqs = [];
    for (let k = 0; k < 24; k++) {
      const kind = k === 5 ? 'exit' : k === 11 ? 'uncaught' : k === 17 ? 'throw' : k === 20 ? 'exit' : 'ok';
      const x = tg.rand([3, 16]);
      reqs.push({ kind, x, id: id++ });
    }
    const settled = await Promise.allSettled(reqs.map((q) => pool.run(q)));
    let okRight = 0;
    const errors = {};
    settled.forEach((s, k) => {
      const q = reqs[k];
      if (s.status === 'fulfilled') {
        if (q.kind === 'ok' && s.value.id === q.id && tg.allclose(s.value.y, q.x.matmul(w))) okRight++;
      } else errors[q.kind] = `${s.reason.code ?? s.reason.name}: ${s.reason.message.slice(0, 200)}`;
    });
    if (r === 0) report.threads0 = threadCount();
    report.rounds.push({ okRight, errors, stats: pool.stats(), rss: rssMB(), threads: threadCount() });
  }
  // Still serving after the faults; the main thread was never blocked while a worker waited on it.
  const flag = new SharedArrayBuffer(4);
  const gate = pool.run({ kind: 'gate', flag });
  setTimeout(() => {
    Atomics.store(new Int32Array(flag), 0, 1);
    Atomics.notify(new Int32Array(flag), 0);
  }, 5);
  report.gate = (await gate).waited;
  await pool.close();
  report.afterClose = { stats: pool.stats(), threads: threadCount() };
  report.runAfterClose = await pool.run({ kind: 'ok' }).then(() => 'resolved', (e) => e.code);
  return report;
}

async function backpressure() {
  const report = {};
  for (const whenFull of ['reject', 'wait']) {
    const pool = new tg.workers.Pool(__filename, { size: 1, maxQueue: 2, whenFull, workerData: { w: tg.eye(2) } });
    await pool.ready();
    const flag = new SharedArrayBuffer(4);
    const runs = Array.from({ length: 6 }, (_, k) => pool.run(k === 0 ? { kind: 'gate', flag } : { kind: 'ok', id: k, x: tg.ones([1, 2]) }));
    const settledP = Promise.allSettled(runs); // handled from the start: rejections are expected
    await sleep(20);
    const during = pool.stats();
    Atomics.store(new Int32Array(flag), 0, 1);
    Atomics.notify(new Int32Array(flag), 0);
    const settled = await settledP;
    report[whenFull] = {
      during,
      outcomes: settled.map((s) => (s.status === 'fulfilled' ? 'ok' : s.reason.code)),
      message: settled.find((s) => s.status === 'rejected')?.reason.message ?? null,
    };
    await pool.close();
  }
  // A worker script that fails at load: no restart loop; waiting and later requests fail with its error.
  const broken = new tg.workers.Pool(__filename, { size: 2, workerData: { broken: true } });
  const first = await broken.run({ kind: 'ok' }).then(() => 'resolved', (e) => `${e.code}: ${e.message}`);
  const readyErr = await broken.ready().then(() => 'resolved', (e) => e.code);
  const later = await broken.run({ kind: 'ok' }).then(() => 'resolved', (e) => e.code);
  report.broken = { first, later, readyErr, stats: broken.stats() };
  await broken.close();
  return report;
}

async function save() {
  // Two workers save different tensors to one path at the same moment; the file must be one writer's, whole.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-save-race-'));
  const file = path.join(dir, 'same.safetensors');
  const n = Number(process.env.TG_SAVE_N ?? 1 << 20);
  const barrier = new SharedArrayBuffer(8);
  const flag = new Int32Array(barrier);
  const sizes = [n, n >> 1]; // different sizes: a torn write shows as a wrong length or mixed bytes
  const expected = sizes.map((m, i) => Buffer.from(tg.safetensors.serialize({ t: tg.full([m], i + 1) }, { writer: String(i + 1) })));
  const workers = sizes.map((m, i) => new Worker(__filename, { workerData: { role: 'saver', file, value: i + 1, n: m, barrier, rounds } }));
  const done = workers.map(() => 0);
  workers.forEach((wk, i) => wk.on('message', () => done[i]++));
  const report = { rounds: [] };
  for (let r = 0; r < rounds; r++) {
    while (Atomics.load(flag, 1) < 2 * (r + 1)) await sleep(1);
    Atomics.store(flag, 0, r + 1);
    Atomics.notify(flag, 0);
    while (done[0] <= r || done[1] <= r) await sleep(1);
    const bytes = fs.readFileSync(file);
    const which = expected.findIndex((e) => e.equals(bytes));
    let loads = 'ok';
    try {
      tg.load(file);
    } catch (e) {
      loads = e.message.slice(0, 120);
    }
    report.rounds.push({ which, size: bytes.length, loads });
  }
  await Promise.all(workers.map((wk) => new Promise((r) => (wk.threadId < 0 ? r() : wk.once('exit', r)))));
  report.leftovers = fs.readdirSync(dir).filter((f) => f !== 'same.safetensors');
  fs.rmSync(dir, { recursive: true, force: true });
  return report;
}

const scenarios = { churn, faults, backpressure, save };
scenarios[mode]()
  .then((report) => process.stdout.write(JSON.stringify(report) + '\n'))
  .catch((e) => {
    console.error(e && e.stack);
    process.exit(1);
  });
