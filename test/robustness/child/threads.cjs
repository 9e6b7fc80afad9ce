// worker_threads: the addon loaded in several workers at once, each computing and backpropagating while
// others call setNumThreads; rounds of workers come and go (addon unload), and the main thread keeps working.
// Prints a JSON report: per-round thread counts (from /proc) so the parent can check nothing leaks.
'use strict';
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');

function threadCount() {
  try {
    return Number(/Threads:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return -1;
  }
}

function work(tg, id, iters) {
  // (a*b + a).sum().backward(): da = b + 1, db = a; big enough (2^17) to use the kernel thread pool.
  const n = 1 << 17;
  let checks = 0;
  for (let it = 0; it < iters; it++) {
    if (it % 3 === 0) tg.setNumThreads(1 + ((id + it) % 4));
    const av = new Float32Array(n), bv = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      av[i] = ((i * 7 + id * 13 + it) % 101) / 50 - 1;
      bv[i] = ((i * 11 + id * 5 + it) % 97) / 40 - 1;
    }
    const a = tg.tensor(av, { requiresGrad: true }), b = tg.tensor(bv, { requiresGrad: true });
    const loss = a.mul(b).add(a).sum();
    loss.backward();
    const ga = a.grad.toTypedArray(), gb = b.grad.toTypedArray();
    let expectSum = 0;
    for (let i = 0; i < n; i++) {
      expectSum += av[i] * bv[i] + av[i];
      if (ga[i] !== Math.fround(bv[i] + 1) || gb[i] !== av[i]) throw new Error(`worker ${id}: wrong grad at ${i} (iteration ${it})`);
    }
    if (Math.abs(loss.item() - expectSum) > 1e-3 * Math.max(1, Math.abs(expectSum))) throw new Error(`worker ${id}: sum ${loss.item()} vs ${expectSum}`);
    // A matmul too (GEMM runs on the pool).
    const m = tg.ones([64, 32]).matmul(tg.full([32, 16], 2));
    if (m.sum().item() !== 64 * 16 * 64) throw new Error(`worker ${id}: matmul sum ${m.sum().item()}`);
    checks++;
  }
  return checks;
}

if (!isMainThread) {
  const tg = require(workerData.lib).default;
  const checks = work(tg, workerData.id, workerData.iters);
  parentPort.postMessage({ id: workerData.id, checks, numThreads: tg.getNumThreads() });
} else {
  const lib = process.env.TG_LIB;
  const workers = Number(process.env.TG_WORKERS ?? 4);
  const rounds = Number(process.env.TG_ROUNDS ?? 3);
  const iters = Number(process.env.TG_ITERS ?? 8);
  const tg = require(lib).default;
  const report = { rounds: [], mainChecks: 0 };
  (async () => {
    for (let r = 0; r < rounds; r++) {
      const results = await Promise.all(
        Array.from({ length: workers }, (_, id) => new Promise((resolve, reject) => {
          const w = new Worker(__filename, { workerData: { lib, id: id + r * workers, iters } });
          let msg = null;
          w.on('message', (m) => (msg = m));
          w.on('error', reject);
          w.on('exit', (code) => (code === 0 && msg ? resolve(msg) : reject(new Error(`worker exited with ${code}`))));
        })),
      );
      // The main thread computes while nothing else runs, and after every round (the addon instance of each
      // worker is gone by now).
      report.mainChecks += work(tg, 1000 + r, 2);
      report.rounds.push({ checks: results.reduce((s, m) => s + m.checks, 0), threadsAfter: threadCount() });
    }
    tg.setNumThreads(2);
    process.stdout.write(JSON.stringify(report) + '\n');
  })().catch((e) => {
    console.error(e && e.stack);
    process.exit(1);
  });
}
