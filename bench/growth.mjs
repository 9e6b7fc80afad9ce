#!/usr/bin/env node
// Cost growth (issue 18): time per iteration against size for W2, W3 (tanh) and W5 (forward matmul), tensorgrad
// and PyTorch in one run, interleaved rep by rep as in run.mjs; writes docs/cost-growth.svg (log-log, README)
// and bench/results/growth.json.
//
//   node bench/growth.mjs [--threads N] [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from './lib/proc.mjs';
import { loglogSvg } from './lib/loglog.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const ti = argv.indexOf('--threads');
const T = ti >= 0 ? Math.max(1, parseInt(argv[ti + 1], 10) || 1) : os.cpus().length;
const elem = quick ? [1e3, 1e5, 1e7] : [1e3, 1e4, 1e5, 1e6, 1e7];
const SWEEPS = [
  { wl: 'W2', title: 'W2: (a·b+a).sum().backward()', xLabel: 'elements', sizes: elem, x: (n) => n },
  { wl: 'W3.tanh', title: 'W3: tanh(x).sum().backward()', xLabel: 'elements', sizes: elem, x: (n) => n },
  { wl: 'W5.fwd', title: 'W5: A@B, n×n', xLabel: 'multiply-adds (n³)', sizes: quick ? [16, 128, 1024] : [16, 32, 64, 128, 256, 512, 1024], x: (n) => n ** 3 },
];
const REPS = quick ? 3 : 5, REP_MS = quick ? 20 : 60;

// As bench/run.mjs: PyTorch keeps its own detection of the OpenBLAS kernels and its best ATen capability.
const { OPENBLAS_CORETYPE: _c, OPENBLAS_L2_SIZE: _l, TG_AGGRESSIVE_GC: _g, ...base } = process.env;
const env = { ...base, BENCH_THREADS: String(T), OMP_NUM_THREADS: String(T), OPENBLAS_NUM_THREADS: String(T), TENSORGRAD_NUM_THREADS: String(T), PYTHONUNBUFFERED: '1' };
const torchEnv = { ...env, GOMP_SPINCOUNT: process.env.GOMP_SPINCOUNT ?? '5000', ATEN_CPU_CAPABILITY: process.env.ATEN_CPU_CAPABILITY ?? 'avx512' };
mkdirSync(path.join(here, 'results'), { recursive: true });
const workers = {
  tensorgrad: new Worker('tensorgrad', process.execPath, ['--expose-gc', path.join(here, 'workers', 'js-worker.mjs'), '--lib', 'tensorgrad'], { env, cwd: here, logFile: path.join(here, 'results', 'growth-tensorgrad.log') }),
  torch: new Worker('torch', process.env.BENCH_PYTHON || '/usr/bin/python3', [path.join(here, 'torch', 'worker.py')], { env: torchEnv, cwd: here, logFile: path.join(here, 'results', 'growth-torch.log') }),
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function main() {
  const libs = [];
  for (const [lib, w] of Object.entries(workers)) {
    try { if ((await w.request({ op: 'hello', threads: T }, 120000)).ok) libs.push(lib); } catch { /* left out */ }
  }
  const out = { date: new Date().toISOString(), threads: T, loadavg: os.loadavg()[0], sweeps: [] };
  for (const sw of SWEEPS) {
    const res = { wl: sw.wl, title: sw.title, xLabel: sw.xLabel, points: {} };
    for (const n of sw.sizes) {
      const plan = {};
      for (const lib of libs) {
        const r = await workers[lib].request({ op: 'setup', wl: sw.wl, size: n, dtype: 'float32' }, 300000);
        if (!r.ok) continue;
        const wr = await workers[lib].request({ op: 'warm', ms: 50 }, 300000);
        plan[lib] = { inner: Math.max(1, Math.round(REP_MS / 1000 / Math.max(wr.per_iter_s ?? r.first_s, 1e-9))), t: [] };
      }
      for (let r = 0; r < REPS; r++) {
        for (const lib of Object.keys(plan)) {
          const x = await workers[lib].request({ op: 'run', inner: plan[lib].inner }, 300000);
          if (x.ok) plan[lib].t.push(x.t / plan[lib].inner);
        }
      }
      for (const lib of Object.keys(plan)) {
        await workers[lib].request({ op: 'free' }, 60000);
        if (plan[lib].t.length) (res.points[lib] ??= []).push([sw.x(n), median(plan[lib].t), n]);
      }
      console.log(`${sw.wl} ${n}: ${Object.keys(plan).map((l) => `${l} ${(median(plan[l].t) * 1e6).toFixed(1)} us`).join(', ')}`);
    }
    out.sweeps.push(res);
  }
  for (const w of Object.values(workers)) await w.quit();
  out.loadavgEnd = os.loadavg()[0];
  writeFileSync(path.join(here, 'results', 'growth.json'), JSON.stringify(out, null, 1));
  const svg = loglogSvg(out.sweeps.map((s) => ({
    title: s.title, xLabel: s.xLabel,
    series: Object.entries(s.points).map(([name, points]) => ({ name, label: name === 'torch' ? 'PyTorch 1.13' : 'tensorgrad', points })),
  })), {
    title: 'Cost growth: time per iteration against size (log-log)',
    note: `${out.date.slice(0, 16).replace('T', ' ')} UTC · ${T} thread${T > 1 ? 's' : ''} · load ${out.loadavg.toFixed(1)}-${out.loadavgEnd.toFixed(1)} · float32 · medians of ${REPS} interleaved reps`,
  });
  writeFileSync(path.join(here, '..', 'docs', 'cost-growth.svg'), svg);
  console.log('wrote docs/cost-growth.svg and bench/results/growth.json');
}
main().catch((e) => { console.error(e); process.exit(1); });
