// RSS plateau under steady churn without dispose(): argv[2] picks the workload. Prints the RSS samples (MB)
// taken every 10% of the run, and the V8 external memory, as JSON.
'use strict';
const tg = require(process.env.TG_LIB).default;
const mode = process.env.TG_MEM_MODE ?? process.argv[2];
const total = Number(process.env.TG_MEM_ITERS ?? (mode === 'small' || mode === 'mixed' ? 1_000_000 : mode === 'big' ? 2000 : mode === 'fresh' ? 10_000 : 200_000));
const samples = [];
const sample = () => samples.push(Math.round(process.memoryUsage().rss / 1e5) / 10);
const yieldEvery = Number(process.env.TG_MEM_YIELD ?? 0);
const turn = () => new Promise((resolve) => setImmediate(resolve));
const maybeYield = async (i) => { if (yieldEvery && i % yieldEvery === yieldEvery - 1) await turn(); };
const t0 = Date.now();
let check = 0;
// V8's GCs by kind (perf_hooks 'gc' entries arrive asynchronously; counted when the child reports).
const { PerformanceObserver, constants: perfConstants } = require('node:perf_hooks');
const gcs = { minor: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.detail.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) gcs.minor++;
    else if (e.detail.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR || e.detail.kind === perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL) gcs.major++;
  }
}).observe({ entryTypes: ['gc'] });
(async () => {
if (mode === 'small') {
  const x = tg.tensor([1, 2, 3, 4]);
  for (let i = 0; i < total; i++) {
    const y = x.add(1);
    if (i % 1000 === 0) check += y._data[3];
    await maybeYield(i);
    if (i % (total / 10) === 0) sample();
  }
} else if (mode === 'big') {
  const n = 1_000_000;
  const a = tg.rand([n], { requiresGrad: true }), b = tg.rand([n], { requiresGrad: true });
  for (let i = 0; i < total; i++) {
    a.grad = null;
    b.grad = null;
    a.mul(b).add(a).sum().backward();
    await maybeYield(i);
    if (i % (total / 10) === 0) sample();
  }
  check = a.grad.sum().item();
} else if (mode === 'fresh') {
  // A fresh 4 MB output per call, nothing kept or disposed (bench row W11 indexSelect): the previous output's
  // block must come back without waiting for a full GC (Note [Young collections from external pressure]).
  const m = 1000;
  const x = tg.randn([m, m]), idx = tg.randint(0, m, [m]);
  for (let i = 0; i < total; i++) {
    const y = x.indexSelect(0, idx);
    if (i % 1000 === 0) check += y._data[0];
    await maybeYield(i);
    if (i % (total / 10) === 0) sample();
  }
} else if (mode === 'empty') {
  // Zero-element tensors made by native code (a cast): these used to leak their block (Note [Empty storage]).
  for (let i = 0; i < total; i++) {
    const e = tg.zeros([0, 3]).to('float64');
    if (i % 2 === 0) e.dispose();
    await maybeYield(i);
    if (i % (total / 10) === 0) sample();
  }
} else if (mode === 'mixed') {
  // `total` small ops of a dozen kinds (elementwise, matmul, views, reductions, cat, softmax, a tiny backward
  // every 10th round), 12 ops a round, never disposed; the loop yields only if TG_MEM_YIELD says so.
  const a = tg.rand([4, 4]), b = tg.rand([4, 4]), v = tg.rand([16]);
  const w = tg.rand([4, 4], { requiresGrad: true });
  const rounds = Math.ceil(total / 12);
  for (let i = 0; i < rounds; i++) {
    const c = a.add(b).mul(0.5); // 2
    const m = c.matmul(b.t()).relu(); // 3 (t() is a view)
    const r = tg.cat([m.reshape([16]), v]).exp(); // 3
    const s = tg.softmax(r.narrow(0, 0, 8), 0).sum(); // 3
    check += s.item(); // 1
    if (i % 10 === 0) {
      w.grad = null;
      a.matmul(w).sum().backward();
    }
    await maybeYield(i);
    if (i % Math.ceil(rounds / 10) === 0) sample();
  }
} else if (mode === 'dispose') {
  // Explicit dispose() (once or twice) on every size class: slab-carved small tensors, native blocks, views.
  for (let i = 0; i < total; i++) {
    const s = tg.ones([4]), l = tg.ones([4096]), v = l.reshape([64, 64]);
    s.dispose(); s.dispose();
    v.dispose(); l.dispose(); l.dispose();
    await maybeYield(i);
    if (i % (total / 10) === 0) sample();
  }
}
sample();
const ms = Date.now() - t0;
await new Promise((resolve) => setTimeout(resolve, 50)); // let the gc entries arrive
process.stdout.write(JSON.stringify({ mode, total, samples, check, ms, gcs, cachedMB: tg.backends.memory.cachedBytes() / 1e6 }) + '\n');
})();
