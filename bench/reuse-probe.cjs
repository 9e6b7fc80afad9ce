// The storage-reuse probe (docs/performance.md, "reuse"): one row in a loop, with what wall time under load
// hides. Usage: node bench/reuse-probe.cjs <row> [iterations]; rows: W2:<n>[:float64], exp|tanh|sigmoid:<n>
// (x.f().sum().backward()), fexp:<n> (x.exp() under noGrad), W11exp:<n>, W11add:<n> (n×n), gather:0,
// indexSelect:0 (1000×1000), layerNorm:0 (8×256×256 with backward). THREADS=<k> sets the thread count; to
// compare addons, alternate processes with TG_ADDON_PATH. Prints one JSON line: median and mean wall µs per
// step, process CPU µs per step (every thread: V8's GC helpers and the kernels' workers included), main-thread
// CPU µs per step (/proc, 10 ms ticks: use a few hundred steps), minor faults per step, the V8 GCs by kind
// (minor = scavenges, inc = incremental markings, major = atomic mark-compacts) and the RSS at the end.
const tg = require('../dist/index.js');
const fs = require('node:fs');
const { PerformanceObserver } = require('node:perf_hooks');

const row = process.argv[2];
const iters = +(process.argv[3] || 200);
const gcs = { minor: 0, major: 0, inc: 0, ms: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind ?? e.kind;
    if (kind === 1) gcs.minor++;
    else if (kind === 2) gcs.major++;
    else if (kind === 4) gcs.inc++;
    gcs.ms += e.duration;
  }
}).observe({ entryTypes: ['gc'] });

function make(spec) {
  const [w, n0, dtype = 'float32'] = spec.split(':');
  const n = +n0;
  const F = tg.nn.functional;
  switch (w) {
    case 'W2': {
      const a = tg.randn([n], { dtype }).requiresGrad_(), b = tg.randn([n], { dtype }).requiresGrad_();
      return () => { a.mul(b).add(a).sum().backward(); a.grad = null; b.grad = null; };
    }
    case 'exp': case 'tanh': case 'sigmoid': {
      const x = tg.randn([n]).requiresGrad_();
      return () => { x[w]().sum().backward(); x.grad = null; };
    }
    case 'fexp': { const x = tg.randn([n]); return () => tg.noGrad(() => x.exp()); }
    case 'W11exp': { const x = tg.randn([n, n]); return () => x.exp(); }
    case 'W11add': { const x = tg.randn([n, n]), y = tg.randn([n, n]); return () => x.add(y); }
    case 'gather': { const x = tg.randn([1000, 1000]), i = tg.randint(0, 1000, [1000, 1000]); return () => x.gather(1, i); }
    case 'indexSelect': { const x = tg.randn([1000, 1000]), i = tg.randint(0, 1000, [1000]); return () => x.indexSelect(0, i); }
    case 'layerNorm': {
      const x = tg.randn([8, 256, 256]).requiresGrad_(), w = tg.ones([256]).requiresGrad_(), b = tg.zeros([256]).requiresGrad_();
      return () => { F.layerNorm(x, [256], w, b).sum().backward(); x.grad = w.grad = b.grad = null; };
    }
  }
  throw new Error(`unknown row ${spec}`);
}

/** This thread's CPU time in µs (Linux: utime + stime of the main thread, in 10 ms ticks). */
function mainCpu() {
  const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (+f[11] + +f[12]) * 10000;
}

if (process.env.THREADS) tg.setNumThreads(+process.env.THREADS);
const step = make(row);
for (let i = 0; i < 20; i++) step();
Object.assign(gcs, { minor: 0, major: 0, inc: 0, ms: 0 });
const times = [];
const m0 = mainCpu(), c0 = process.cpuUsage(), r0 = process.resourceUsage(), t0 = performance.now();
for (let i = 0; i < iters; i++) {
  const t = performance.now();
  step();
  times.push(performance.now() - t);
}
const wall = performance.now() - t0, c1 = process.cpuUsage(c0), m1 = mainCpu(), r1 = process.resourceUsage();
times.sort((a, b) => a - b);
// gc entries arrive asynchronously: give them a moment.
setTimeout(() => {
  const per = (x) => Math.round(x / iters);
  console.log(JSON.stringify({
    row, med_us: Math.round(times[times.length >> 1] * 1000), mean_us: per(wall * 1000),
    cpu_us: per(c1.user + c1.system), main_us: per(m1 - m0),
    minflt: +((r1.minorPageFault - r0.minorPageFault) / iters).toFixed(1),
    minor: gcs.minor, inc: gcs.inc, major: gcs.major, gc_ms_per_step: +(gcs.ms / iters).toFixed(3),
    rss_mb: Math.round(process.memoryUsage().rss / 1048576),
  }));
}, 200);
