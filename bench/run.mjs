#!/usr/bin/env node
// npm run bench: tensorgrad against PyTorch 1.13 and TensorFlow.js (cpu, wasm)
// in one run, as ratios, next to this machine's measured limits.
//
//   node bench/run.mjs [--quick] [--only W2,W5] [--threads N] [--libs a,b] [--latest]
//
// Every library runs in its own persistent worker process (JSON lines over
// stdin/stdout): tensorgrad and each tfjs backend in Node, PyTorch in
// /usr/bin/python3. For each row the driver sets the workload up in every
// worker, warms up, sizes a rep to a fixed time, then runs reps interleaved
// across libraries (the order rotating each round) and keeps the medians.
// Results: bench/results/{latest|partial}.{json,md,svg} and a timestamped JSON.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, runOnce } from './lib/proc.mjs';
import { GC_OPTIN, ONE_THREAD, LIBS, LIB_TITLES, PEERS, allRows, filterRows, limitFor, rateOf } from './lib/workloads.mjs';
import { markdown, svg, progressLine } from './lib/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(here, 'results');
const PYTHON = process.env.BENCH_PYTHON || '/usr/bin/python3';

// ------------------------------------------------------------------ args --
function parseArgs(argv) {
  const o = { render: null, quick: false, only: null, threads: os.availableParallelism ? os.availableParallelism() : os.cpus().length, libs: null, latest: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--latest') o.latest = true;
    else if (a.startsWith('--only')) o.only = val();
    else if (a.startsWith('--render')) o.render = val();
    else if (a.startsWith('--threads')) o.threads = Math.max(1, parseInt(val(), 10) || 1);
    else if (a.startsWith('--libs')) o.libs = val().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/run.mjs [--quick] [--only W2,W5] [--threads N] [--libs tensorgrad,torch,tfjs-cpu,tfjs-wasm,onnxruntime] [--latest]\n'
        + '       node bench/run.mjs --render bench/results/X.json   (re-derive ratios and rewrite X.md / X.svg)');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  if (o.libs) for (const l of o.libs) if (!LIBS.includes(l)) throw new Error(`unknown library ${l}; known: ${LIBS.join(', ')}`);
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const T = opts.threads;
// Timing policy. A rep is `inner` back-to-back iterations lasting ≥ repMs;
// each library gets maxReps reps, or fewer (not under minReps) when that
// would take longer than budgetS.
const P = opts.quick
  ? { warmMs: 40, repMs: 20, maxReps: 3, minReps: 3, budgetS: 1.5, memIters: 300, memCapS: 8, memCapMb: 1500, settleMs: 50 }
  : { warmMs: 250, repMs: 100, maxReps: 7, minReps: 3, budgetS: 6, memIters: 2000, memCapS: 60, memCapMb: 3000, settleMs: 50 };
// settleMs: idle time before each rep. A library's threads keep spinning after its rep (onnxruntime's two
// intra-op threads burn ~1.5 cores for 20-35 ms after its last run, measured), and on a 2-core machine the
// next library's rep shared the cores with them: tensorgrad's 256² matmul read 180 µs after onnxruntime's
// reps against 134 µs alone (gemmwake in docs/performance.md).
const settle = () => new Promise((resolve) => setTimeout(resolve, P.settleMs));
const TIMEOUT_MS = opts.quick ? 120000 : 300000;

// tensorgrad's own minor GCs are an opt-in that changes V8 flags (Note [Minor GCs] in lib/gc_policy.ts): the
// tensorgrad column is the default, whatever the calling shell says, and rows marked gcCompare also time a
// second tensorgrad worker with the opt-in (GC_OPTIN), interleaved with the others.
const { TG_AGGRESSIVE_GC: _callerGc, ...callerEnv } = process.env;
const env = {
  ...callerEnv,
  BENCH_THREADS: String(T),
  OMP_NUM_THREADS: String(T),
  OPENBLAS_NUM_THREADS: String(T),
  MKL_NUM_THREADS: String(T),
  TENSORGRAD_NUM_THREADS: String(T),
  PYTHONUNBUFFERED: '1',
};

// PyTorch 1.13 from Debian runs an OpenMP pool and an OpenBLAS pool; on a
// small machine their busy-waiting threads fight (we saw 10-50x outliers on
// 2 cores). A short OpenMP spin keeps PyTorch at its stable best; override by
// setting GOMP_SPINCOUNT yourself.
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are dropped: they override OpenBLAS's own detection of the CPU's
// kernels and cache size, so a value left in the shell (for another machine or a debugging session) could only
// make PyTorch's GEMM slower than its best on this machine.
const { OPENBLAS_CORETYPE: _coretype, OPENBLAS_L2_SIZE: _l2size, ...torchBaseEnv } = env;
// ATEN_CPU_CAPABILITY: PyTorch 1.13 runs its AVX2 kernels by default even where it has AVX-512 ones; the bench
// asks for the best this CPU supports (PyTorch's avx512 needs the F, BW, VL and DQ subsets), unless the shell
// names one. The table header shows the capability and the OpenBLAS core the worker reports.
function bestAtenCapability() {
  let flags = '';
  try { flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? ''; } catch { /* not Linux */ }
  const has = (f) => flags.split(/\s+/).includes(f);
  if (['avx512f', 'avx512bw', 'avx512vl', 'avx512dq'].every(has)) return 'avx512';
  if (has('avx2') && has('fma')) return 'avx2';
  return 'default';
}
// OpenBLAS's own detection does not know every CPU: Debian 12's OpenBLAS 0.3.21 takes an Emerald Rapids Xeon
// (family 6, model 207) for a Prescott and runs its SSE3 kernels (PyTorch's 1024² matmul at ~55 instead of ~190
// GFLOP/s). So the worker names the best core this CPU's flags allow, the same core OpenBLAS picks on a CPU it
// knows: Cooperlake (AVX-512 with BF16), SkylakeX (AVX-512), Haswell (AVX2 + FMA). BENCH_OPENBLAS_CORETYPE
// overrides it; the table header shows the core OpenBLAS reports.
function bestOpenblasCore() {
  let flags = '';
  try { flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? ''; } catch { /* not Linux */ }
  const has = (f) => flags.split(/\s+/).includes(f);
  if (['avx512f', 'avx512bw', 'avx512vl', 'avx512dq'].every(has)) return has('avx512_bf16') ? 'Cooperlake' : 'SkylakeX';
  if (has('avx2') && has('fma')) return 'Haswell';
  return undefined;
}
const openblasCore = process.env.BENCH_OPENBLAS_CORETYPE ?? bestOpenblasCore();
if (openblasCore !== undefined) torchBaseEnv.OPENBLAS_CORETYPE = openblasCore;
const torchEnv = {
  ...torchBaseEnv,
  GOMP_SPINCOUNT: process.env.GOMP_SPINCOUNT ?? '5000',
  ATEN_CPU_CAPABILITY: process.env.ATEN_CPU_CAPABILITY ?? bestAtenCapability(),
};

mkdirSync(resultsDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const logFile = (name) => path.join(resultsDir, `worker-${name}.log`);

function workerFor(lib) {
  const f = logFile(lib);
  writeFileSync(f, '');
  if (lib === GC_OPTIN) {
    return new Worker(lib, process.execPath, ['--expose-gc', path.join(here, 'workers', 'js-worker.mjs'), '--lib', 'tensorgrad'],
      { env: { ...env, TG_AGGRESSIVE_GC: '1' }, cwd: here, logFile: f });
  }
  if (lib === ONE_THREAD) {
    return new Worker(lib, process.execPath, ['--expose-gc', path.join(here, 'workers', 'js-worker.mjs'), '--lib', 'tensorgrad'],
      { env: { ...env, BENCH_THREADS: '1', TENSORGRAD_NUM_THREADS: '1' }, cwd: here, logFile: f });
  }
  if (lib === 'torch') return new Worker(lib, PYTHON, [path.join(here, 'torch', 'worker.py')], { env: torchEnv, cwd: here, logFile: f });
  return new Worker(lib, process.execPath, ['--expose-gc', path.join(here, 'workers', 'js-worker.mjs'), '--lib', lib], { env, cwd: here, logFile: f });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------- limits --
// The limits are the best this machine did: measured at the start and, in a
// full run, again at the end, keeping the higher value of each.
function bestOf(a, b) {
  if (!a) return b;
  if (!b) return a;
  const o = { ...a };
  for (const k of Object.keys(a)) {
    if (a[k] && typeof a[k] === 'object' && '1' in a[k]) o[k] = { 1: Math.max(a[k][1], b[k][1]), T: Math.max(a[k].T, b[k].T) };
  }
  o.reps = a.reps + b.reps;
  o.seconds = a.seconds + b.seconds;
  return o;
}

// One 100 ms read pass of the limits helper (GB/s), run beside each rep of a probeRead row.
function probeRead() {
  const bin = path.join(here, 'native', 'build', 'limits');
  if (!existsSync(bin)) return null;
  try {
    const out = execFileSync(bin, ['--read-only', '--threads', String(T)], { encoding: 'utf8', timeout: 60000 });
    return JSON.parse(out.trim().split('\n').pop()).read_gbs.mean;
  } catch {
    return null;
  }
}

function measureLimits() {
  const bin = path.join(here, 'native', 'build', 'limits');
  if (!existsSync(bin)) return { error: 'bench/native/build/limits missing: run bash bench/setup.sh' };
  try {
    const args = ['--threads', String(T)];
    if (opts.quick) args.push('--quick');
    const out = execFileSync(bin, args, { encoding: 'utf8', timeout: 180000 });
    return { limits: JSON.parse(out.trim().split('\n').pop()) };
  } catch (e) {
    return { error: `limits helper failed: ${String(e.message).split('\n')[0]}` };
  }
}

// Ratio vs the fastest peer and % of the machine limit for one row.
function finishRow(row, lims) {
  // ratio and % of limit
  const tg = row.results.tensorgrad;
  let best = null;
  for (const p of PEERS) {
    const r = row.results[p];
    if (r && !r.na && r.median_s > 0 && (!best || r.median_s < row.results[best].median_s)) best = p;
  }
  if (row.kind !== 'mem' && best && tg && !tg.na && tg.median_s > 0) {
    row.ratio = row.results[best].median_s / tg.median_s;
    row.bestPeer = best;
  } else {
    row.ratio = null;
    row.bestPeer = best;
  }
  const lim = limitFor(row, lims);
  if (lim && row.kind !== 'mem') {
    row.limitUsed = lim;
    row.pct = pctOf(row, best, lim.value);
  }
  if (row.readBeside) row.pctBeside = pctOf(row, best, row.readBeside.gbs);
}

function pctOf(row, best, limitValue) {
  const tg = row.results.tensorgrad;
  const pct = {};
  if (tg && !tg.na && tg.rate != null) pct.tensorgrad = (100 * tg.rate) / limitValue;
  if (best && row.results[best].rate != null) {
    pct.peer = (100 * row.results[best].rate) / limitValue;
    pct.peerLib = best;
  }
  return pct;
}

// ------------------------------------------------------------------ main --
async function main() {
  const t0 = Date.now();
  const mode = opts.quick ? 'quick' : (opts.only || opts.libs) ? 'partial' : 'full';
  const libs = opts.libs || LIBS;
  const rows = filterRows(allRows({ quick: opts.quick, memIters: P.memIters }), opts.only);
  const wantMnist = !opts.only || /\bW8\b/.test(opts.only);
  const wantCnn = !opts.only || /\bW10\b/.test(opts.only);
  if (!rows.length && !wantMnist && !wantCnn) throw new Error(`--only ${opts.only} selects no workload`);
  console.log(`tensorgrad bench: ${mode} run, ${rows.length} rows, threads ${T}, libraries ${libs.join(', ')}`);
  const loadStart = os.loadavg().map((v) => Number(v.toFixed(2)));
  if (loadStart[0] > 0.5 * os.cpus().length) {
    console.log(`note: the machine is busy (load average ${loadStart[0]} on ${os.cpus().length} cores); absolute numbers will be noisy, ratios less so (libraries are interleaved).`);
  }

  process.stdout.write('measuring machine limits... ');
  const { limits, error: limitsError } = measureLimits();
  if (limits) {
    console.log(`read ${limits.read_gbs.T} GB/s, triad ${limits.triad_gbs.T} GB/s, FMA f32 ${limits.fma_f32_gflops.T} GFLOP/s (${limits.threads} threads, ${limits.isa})`);
  } else console.log(limitsError);

  // Start workers and say hello.
  const workers = {};
  const libInfo = {};
  for (const lib of LIBS) {
    if (!libs.includes(lib)) { libInfo[lib] = { ok: false, reason: 'not selected' }; continue; }
    const w = workerFor(lib);
    workers[lib] = w;
    try {
      const r = await w.request({ op: 'hello', threads: T }, 120000);
      libInfo[lib] = r.ok ? { ok: true, info: r.info } : { ok: false, reason: r.reason };
    } catch (e) {
      libInfo[lib] = { ok: false, reason: e.message };
    }
    if (!libInfo[lib].ok) {
      w.kill();
      delete workers[lib];
    }
    const i = libInfo[lib];
    console.log(`  ${LIB_TITLES[lib].padEnd(10)} ${i.ok ? `${i.info.version ?? '(dev)'} ${i.info.threadNote ? `(${i.info.threadNote})` : `threads ${i.info.threads}`}${i.info.capability ? ` [${i.info.capability}]` : ''}` : `n/a: ${i.reason}`}`);
    if (lib === 'torch' && !i.ok) {
      console.log(`  PyTorch not importable from ${PYTHON}; the PyTorch column is skipped. Install it with:\n`
        + '      apt-get install python3-torch libopenblas0-pthread');
    }
  }
  if (libInfo.tensorgrad.ok && rows.some((r) => r.gcCompare)) {
    const w = workerFor(GC_OPTIN);
    try {
      const r = await w.request({ op: 'hello', threads: T }, 120000);
      // The opt-in must really be on there, or the comparison would time the default twice.
      if (r.ok && r.info.aggressiveGc === true) workers[GC_OPTIN] = w;
      else w.kill();
    } catch {
      w.kill();
    }
    console.log(`  ${'tensorgrad'.padEnd(10)} with the aggressive-GC opt-in (TG_AGGRESSIVE_GC=1) beside the default on ${rows.filter((r) => r.gcCompare).length} rows${workers[GC_OPTIN] ? '' : ': n/a (worker failed)'}`);
  }
  // Thread scaling (issue 18): tensorgrad on one kernel thread beside the T-thread column, on the scaling rows.
  if (libInfo.tensorgrad.ok && T > 1 && rows.some((r) => r.scaling)) {
    const w = workerFor(ONE_THREAD);
    try {
      const r = await w.request({ op: 'hello', threads: 1 }, 120000);
      if (r.ok && r.info.threads === 1) workers[ONE_THREAD] = w;
      else w.kill();
    } catch {
      w.kill();
    }
    console.log(`  ${'tensorgrad'.padEnd(10)} on 1 thread beside ${T} on ${rows.filter((r) => r.scaling).length} scaling rows${workers[ONE_THREAD] ? '' : ': n/a (worker failed)'}`);
  }
  const active = (row) => [...LIBS.filter((l) => workers[l]), ...(row && row.gcCompare && workers[GC_OPTIN] ? [GC_OPTIN] : []),
    ...(row && row.scaling && workers[ONE_THREAD] ? [ONE_THREAD] : [])];

  // A worker that crashed or timed out is restarted for the next row.
  async function revive(lib) {
    const w = workers[lib];
    if (!w || w.alive) return;
    try {
      const r = await w.request({ op: 'hello', threads: T }, 120000);
      if (!r.ok) throw new Error(r.reason);
    } catch (e) {
      console.log(`  ${lib} worker could not be restarted (${e.message}); dropping it`);
      w.kill();
      delete workers[lib];
    }
  }

  const naOf = (e) => (e.crash ? `${e.message}` : `error: ${e.message}`);

  for (const row of rows) {
    row.results = {};
    for (const lib of LIBS) if (!libInfo[lib].ok) row.results[lib] = { na: libInfo[lib].reason };
    if (row.kind === 'mem') {
      await memRow(row, [...libs.filter((l) => libInfo[l].ok), ...(row.gcCompare && libInfo.tensorgrad.ok ? [GC_OPTIN] : [])]);
    } else {
      await timeRow(row);
    }
    finishRow(row, limits);
    const one = row.results[ONE_THREAD], tgT = row.results.tensorgrad;
    if (one && !one.na && tgT && !tgT.na) row.scaling = one.median_s / tgT.median_s;
    console.log(progressLine(row) + (typeof row.scaling === 'number' ? `  [${T} threads: ${row.scaling.toFixed(2)}x one thread]` : ''));
  }

  async function timeRow(row) {
    const req = { wl: row.wl, size: row.size, dtype: row.dtype };
    const plan = {};
    // setup + first call (which also finds missing features) + warm-up
    for (const lib of active(row)) {
      await revive(lib);
      const w = workers[lib];
      if (!w) { row.results[lib] = { na: 'worker lost' }; continue; }
      try {
        const r = await w.request({ op: 'setup', ...req }, TIMEOUT_MS);
        if (!r.ok) { row.results[lib] = { na: r.reason }; continue; }
        let perIter = r.first_s;
        if (r.first_s * 1000 < P.warmMs) {
          const wr = await w.request({ op: 'warm', ms: P.warmMs }, TIMEOUT_MS);
          if (!wr.ok) { row.results[lib] = { na: wr.reason }; continue; }
          perIter = wr.per_iter_s;
        }
        const inner = Math.max(1, Math.min(1e7, Math.round(P.repMs / 1000 / Math.max(perIter, 1e-9))));
        const repS = inner * perIter;
        const reps = Math.max(P.minReps, Math.min(P.maxReps, Math.floor(P.budgetS / Math.max(repS, 1e-9))));
        plan[lib] = { inner, reps, samples: [], note: r.note };
      } catch (e) {
        row.results[lib] = { na: naOf(e) };
      }
    }
    // interleaved reps (and, for probeRead rows, a read pass of the limits helper each round)
    const libsInRow = Object.keys(plan);
    const rounds = Math.max(0, ...libsInRow.map((l) => plan[l].reps));
    const probes = [];
    for (let r = 0; r < rounds; r++) {
      if (row.probeRead) {
        const gbs = probeRead();
        if (gbs != null) probes.push(gbs);
      }
      const order = libsInRow.map((_, i) => libsInRow[(i + r) % libsInRow.length]);
      for (const lib of order) {
        const p = plan[lib];
        if (p.dead || r >= p.reps) continue;
        try {
          await settle();
          const res = await workers[lib].request({ op: 'run', inner: p.inner }, TIMEOUT_MS);
          if (!res.ok) { p.dead = res.reason; continue; }
          p.samples.push(res.t / p.inner);
        } catch (e) {
          p.dead = naOf(e);
        }
      }
    }
    if (probes.length) row.readBeside = { gbs: median(probes), probes };
    for (const lib of libsInRow) {
      const p = plan[lib];
      if (p.dead || !p.samples.length) { row.results[lib] = { na: p.dead || 'no samples' }; continue; }
      const med = median(p.samples);
      row.results[lib] = {
        median_s: med, min_s: Math.min(...p.samples), reps: p.samples.length, inner: p.inner,
        samples_s: p.samples, rate: rateOf(row, med), ...(p.note ? { note: p.note } : {}),
      };
    }
    for (const lib of libsInRow) {
      if (workers[lib] && workers[lib].alive) {
        try { await workers[lib].request({ op: 'free' }, 60000); } catch { /* next row revives */ }
      }
    }
  }

  async function memRow(row, memLibs) {
    for (const lib of [...LIBS, GC_OPTIN]) {
      if (!memLibs.includes(lib)) continue;
      const jsLib = lib === GC_OPTIN ? 'tensorgrad' : lib;
      const cmdArgs = lib === 'torch'
        ? [PYTHON, [path.join(here, 'torch', 'worker.py'), '--mem', String(row.iters), String(row.size), String(P.memCapMb), String(P.memCapS)]]
        : [process.execPath, ['--expose-gc', path.join(here, 'workers', 'js-worker.mjs'), '--lib', jsLib, '--mem', String(row.iters), String(row.size), String(P.memCapMb), String(P.memCapS)]];
      const libEnv = lib === 'torch' ? torchEnv : lib === GC_OPTIN ? { ...env, TG_AGGRESSIVE_GC: '1' } : env;
      const r = await runOnce(cmdArgs[0], cmdArgs[1], { env: libEnv, cwd: here, timeoutMs: (P.memCapS + 120) * 1000, logFile: logFile(lib) });
      row.results[lib] = r.ok ? { ...r } : { na: r.reason };
      delete row.results[lib].ok;
    }
  }

  for (const lib of Object.keys(workers)) await workers[lib].quit();
  let limitsFinal = limits;
  if (limits && mode !== 'quick') {
    process.stdout.write('measuring machine limits again... ');
    const again = measureLimits();
    limitsFinal = bestOf(limits, again.limits);
    console.log(`read ${limitsFinal.read_gbs.T} GB/s, FMA f32 ${limitsFinal.fma_f32_gflops.T} GFLOP/s (best of both)`);
    for (const row of rows) finishRow(row, limitsFinal);
  }

  const run = {
    meta: {
      date: new Date().toISOString(),
      mode,
      args: process.argv.slice(2),
      threads: T,
      cores: os.cpus().length,
      cpu: limits ? limits.cpu : (os.cpus()[0] || {}).model,
      isa: limits ? limits.isa : 'unknown',
      node: process.version,
      rep_ms: P.repMs,
      warm_ms: P.warmMs,
      max_reps: P.maxReps,
      min_reps: P.minReps,
      elapsed_s: (Date.now() - t0) / 1000,
      git: gitRev(),
      loadavg_start: loadStart,
      loadavg_end: os.loadavg().map((v) => Number(v.toFixed(2))),
      torch_env: { ATEN_CPU_CAPABILITY: torchEnv.ATEN_CPU_CAPABILITY, OMP_NUM_THREADS: torchEnv.OMP_NUM_THREADS, OPENBLAS_NUM_THREADS: torchEnv.OPENBLAS_NUM_THREADS, GOMP_SPINCOUNT: torchEnv.GOMP_SPINCOUNT },
    },
    limits: limitsFinal || null,
    limitsError: limitsError || null,
    libs: libInfo,
    rows,
  };
  if (wantMnist) run.mnist = opts.quick ? mnistRows(TRAININGS.W8, 3, 1, T, torchEnv) : mnistRows(TRAININGS.W8, 6, 3, T, torchEnv);
  if (wantCnn) run.mnistCnn = opts.quick ? mnistRows(TRAININGS.W10, 2, 1, T, torchEnv) : mnistRows(TRAININGS.W10, 4, 3, T, torchEnv);
  const md = markdown(run) + mnistMarkdown(run.mnist) + mnistMarkdown(run.mnistCnn, TRAININGS.W10);
  const base = mode === 'full' || opts.latest ? 'latest' : 'partial';
  writeFileSync(path.join(resultsDir, `${base}.json`), JSON.stringify(run, null, 2) + '\n');
  writeFileSync(path.join(resultsDir, `${base}.md`), md);
  writeFileSync(path.join(resultsDir, `${base}.svg`), svg(run));
  const stampFile = path.join(resultsDir, `run-${stamp}-${mode}.json`);
  writeFileSync(stampFile, JSON.stringify(run, null, 2) + '\n');
  console.log('\n' + md);
  console.log(`wrote bench/results/${base}.{json,md,svg} and ${path.relative(path.dirname(here), stampFile)} in ${Math.round(run.meta.elapsed_s)} s`);
}

// W8: the MNIST example against the same training in PyTorch (bench/torch/mnist.py), and the example again with
// tensorgrad's aggressive-GC opt-in, runs alternating. Both scripts shift the digits with the same twelve tensor
// ops per batch (shifted() in each) and print every epoch's time unrounded in a last '@@' JSON line; the first
// epoch of each run is warm-up and dropped, the rest are pooled per side: median and quartiles of epochs.
const shiftOps = (px) => `random ±${px} px shifts with the same 12 tensor ops per batch on both sides `
  + '(randint ×2, sub ×2, eq ×2, cast to float32 ×2, view, bmm ×2, view: out = Sy·img·Tx with 0/1 shift matrices; '
  + 'examples/mnist/shift.mjs, shifted() in bench/torch/mnist.py)';
const MNIST_AUGMENTATION = `${shiftOps(1)}; batch rows gathered by index (tensorgrad: a typed-array copy, PyTorch: train_x[idx])`;
// W10: the CNN example (examples/mnist-cnn/train.mjs) against bench/torch/mnist_cnn.py, timed as W8 (without the
// GC opt-in side: the CNN's time is in its kernels). Batches: tensorgrad's DataLoader over a TensorDataset (one
// indexSelect per tensor), PyTorch's DataLoader over a BatchSampler (one train_x[idx] per tensor).
const TRAININGS = {
  W8: { id: 'W8', title: 'MNIST MLP training', script: ['examples', 'mnist', 'train.mjs'], torch: 'mnist.py', gc: true, augmentation: MNIST_AUGMENTATION },
  W10: {
    id: 'W10', title: 'MNIST CNN training', script: ['examples', 'mnist-cnn', 'train.mjs'], torch: 'mnist_cnn.py', gc: false,
    augmentation: `${shiftOps(1)}; batches from a DataLoader (tensorgrad: over a TensorDataset, one indexSelect per tensor; `
      + 'PyTorch: over a BatchSampler, one train_x[idx] per tensor)',
  },
};

function mnistRows(spec, epochs, runs, threads, torchEnv) {
  console.log(`${spec.id} ${spec.title}, ${epochs} epoch(s) per run (the first is warm-up), ${runs} run(s) each...`);
  const script = path.join(here, '..', ...spec.script);
  const root = path.join(here, '..');
  const parse = (out) => {
    const line = out.split('\n').reverse().find((l) => l.startsWith('@@'));
    if (!line) return null;
    try { return JSON.parse(line.slice(2)); } catch { return null; }
  };
  const sides = {
    tensorgrad: () => spawnSync(process.execPath, [script], {
      cwd: root, env: { ...env, EPOCHS: String(epochs), THREADS: String(threads) }, encoding: 'utf8', timeout: 600000,
    }),
    ...(spec.gc ? {
      [GC_OPTIN]: () => spawnSync(process.execPath, [script], {
        cwd: root, env: { ...env, EPOCHS: String(epochs), THREADS: String(threads), TG_AGGRESSIVE_GC: '1' }, encoding: 'utf8', timeout: 600000,
      }),
    } : {}),
    torch: () => spawnSync(PYTHON, [path.join(here, 'torch', spec.torch), '--epochs', String(epochs), '--threads', String(threads)], {
      cwd: root, env: torchEnv, encoding: 'utf8', timeout: 600000,
    }),
  };
  const names = Object.keys(sides);
  const got = Object.fromEntries(names.map((k) => [k, { epochs: [], accuracy: null, errors: [] }]));
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      const res = sides[name]();
      const rep = parse(res.stdout || '');
      if (!rep) {
        got[name].errors.push(`${res.error ? res.error.message : `exit ${res.status}${res.signal ? ` (${res.signal})` : ''}`}: ${String(res.stderr || '').trim().split('\n').pop()}`.slice(0, 160));
        continue;
      }
      got[name].epochs.push(...(rep.epoch_s.length > 1 ? rep.epoch_s.slice(1) : rep.epoch_s));
      got[name].accuracy = 100 * rep.test_accuracy;
    }
  }
  const q = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    const i = (s.length - 1) * p, lo = Math.floor(i), hi = Math.ceil(i);
    return s[lo] + (s[hi] - s[lo]) * (i - lo);
  };
  const out = { id: spec.id, epochs, runs, threads, augmentation: spec.augmentation, date: new Date().toISOString(), loadavg: os.loadavg()[0] };
  for (const name of names) {
    const g = got[name];
    out[name] = g.epochs.length
      ? { s_per_epoch: q(g.epochs, 0.5), q1: q(g.epochs, 0.25), q3: q(g.epochs, 0.75), min: Math.min(...g.epochs), max: Math.max(...g.epochs),
          n: g.epochs.length, epoch_s: g.epochs, accuracy: g.accuracy }
      : { na: g.errors[0] || 'no result' };
  }
  const fmt = (x) => (x.na ? `n/a (${x.na})` : `${(x.s_per_epoch * 1000).toFixed(1)} ms/epoch (quartiles ${(x.q1 * 1000).toFixed(1)}-${(x.q3 * 1000).toFixed(1)}, ${x.n} epochs; test acc ${x.accuracy.toFixed(2)}%)`);
  console.log(`${spec.id} ${spec.title}  tensorgrad ${fmt(out.tensorgrad)}${spec.gc ? ` | with opt-in ${fmt(out[GC_OPTIN])}` : ''} | PyTorch ${fmt(out.torch)}`);
  return out;
}

function mnistMarkdown(m, spec = TRAININGS.W8) {
  if (!m) return '';
  const ms = (v) => `${(v * 1000).toFixed(1)} ms`;
  // (runs saved before the quartiles were kept have a median only)
  const cell = (x) => (!x || x.na ? `n/a${x && x.na ? ` (${x.na.replace(/\|/g, '\\|')})` : ''}` : `${ms(x.s_per_epoch)}${x.q1 != null ? ` (${ms(x.q1)}–${ms(x.q3)})` : ''}`);
  const ok = (x) => x && !x.na;
  const ratio = (t) => (ok(m.torch) && ok(t)
    ? `${(m.torch.s_per_epoch / t.s_per_epoch).toFixed(2)}×${t.q1 != null && m.torch.q1 != null ? ` (quartiles ${(m.torch.q1 / t.q3).toFixed(2)}–${(m.torch.q3 / t.q1).toFixed(2)})` : ''}` : '—');
  const opt = m[GC_OPTIN];
  const how = m.augmentation
    ? `Seconds per epoch, unrounded, from every epoch after the first of each run (${m.runs} run(s) of ${m.epochs} epochs per side, `
      + `alternating): median (quartiles). Augmentation, the same on both sides: ${m.augmentation}. `
      + `The ratio is PyTorch's median ÷ tensorgrad's; its range pairs the quartiles (PyTorch q1 ÷ tensorgrad q3 … q3 ÷ q1).`
    : 'Saved by an older harness: seconds per epoch are means the scripts rounded to 0.01 s, and the augmentation was not '
      + 'the same (PyTorch: about 60 small tensor ops per batch; tensorgrad: a plain JS loop).';
  const n = (x) => (ok(x) ? x.n ?? '?' : 0);
  const when = m.date ? ` Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.threads} thread(s), load average ${m.loadavg.toFixed(1)} at the end.` : '';
  const acc = (x) => (ok(x) ? x.accuracy.toFixed(2) + '%' : 'n/a');
  const head = `\n\n### ${spec.id}: ${spec.title} (${spec.script.join('/')} vs bench/torch/${spec.torch})\n\n${how}${when}\n\n`;
  if (!spec.gc) {
    return head + `| | tensorgrad | PyTorch |\n|---|---|---|\n`
      + `| time per epoch | ${cell(m.tensorgrad)} | ${cell(m.torch)} |\n`
      + `| epochs timed | ${n(m.tensorgrad)} | ${n(m.torch)} |\n`
      + `| PyTorch ÷ tensorgrad | ${ratio(m.tensorgrad)} | |\n`
      + `| test accuracy after ${m.epochs} epochs | ${acc(m.tensorgrad)} | ${acc(m.torch)} |\n`;
  }
  return head
    + `| | tensorgrad (default) | tensorgrad (aggressive-GC opt-in) | PyTorch |\n|---|---|---|---|\n`
    + `| time per epoch | ${cell(m.tensorgrad)} | ${cell(opt)} | ${cell(m.torch)} |\n`
    + `| epochs timed | ${n(m.tensorgrad)} | ${n(opt)} | ${n(m.torch)} |\n`
    + `| PyTorch ÷ tensorgrad | ${ratio(m.tensorgrad)} | ${ratio(opt)} | |\n`
    + `| test accuracy after ${m.epochs} epochs | ${acc(m.tensorgrad)} | ${acc(opt)} | ${acc(m.torch)} |\n`;
}

function gitRev() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// --render: rebuild the table and chart of a saved run (after a report change).
function render(file) {
  const run = JSON.parse(readFileSync(file, 'utf8'));
  for (const row of run.rows) {
    // runs saved before the field was renamed stored the limit object in row.limit
    if (row.limit && typeof row.limit === 'object') row.limit = row.limit.unit === 'GB/s' ? 'read' : 'fma';
    finishRow(row, run.limits);
  }
  const base = file.replace(/\.json$/, '');
  writeFileSync(file, JSON.stringify(run, null, 2) + '\n');
  const md = markdown(run) + mnistMarkdown(run.mnist) + mnistMarkdown(run.mnistCnn, TRAININGS.W10);
  writeFileSync(`${base}.md`, md);
  writeFileSync(`${base}.svg`, svg(run));
  console.log(md);
  console.log(`rewrote ${base}.{json,md,svg}`);
}

(opts.render ? Promise.resolve().then(() => render(opts.render)) : main()).catch((e) => {
  console.error(`bench failed: ${e.stack || e.message}`);
  process.exit(1);
});
