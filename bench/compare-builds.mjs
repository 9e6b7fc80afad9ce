// Before/after timing of tensorgrad builds on the bench's own workloads (workers/tensorgrad.mjs), for claims
// like "no row slower beyond noise" (docs/performance.md). Each build is a dist/index.js and an addon:
//
//   node bench/compare-builds.mjs --rounds 8 before=/tmp/old/dist/index.js:/tmp/old/build/Release/tensorgrad.node \
//     after=dist/index.js:build/Release/tensorgrad.node [--rows W1.loop:4:float32,W2:1e5:float32] [--reps 7]
//
// Every round runs each build once, in a fresh process, in an order rotated each round (noise bursts hit all
// builds alike). A process warms up, then times each row in reps of >= 100 ms as process CPU time (one kernel
// thread): on a shared machine wall time moves far more. Prints per row and build min / median / q3 over all
// reps of all rounds, and the ratio of medians to the first build.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_ROWS = 'W1.loop:4:float32,W1b.bwd:1000:float32,W2:1e5:float32,W2:1e6:float32,W2:1e6:float64,'
  + 'W3.tanh:1e6:float32,W3.sigmoid:1e6:float32,W4.sum:1.6e7:float32,W4.norm:1.6e7:float32,W5.fwd:64:float32,'
  + 'W5.fwd:256:float32,W5.fwdbwd:256:float32,W5.fwd:256:float64,W6:128:float32';

if (process.argv[2] === '--child') {
  // One build, every row: prints "row seconds" per rep.
  const [, , , rowsArg, repsArg] = process.argv;
  const { create } = await import(pathToFileURL(path.join(here, 'workers', 'tensorgrad.mjs')).href);
  const ad = await create({ threads: 1 });
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const rows = rowsArg.split(',');
  const setup = (r) => { const [wl, n, dtype] = r.split(':'); return ad.setup(wl, Number(n), dtype); };
  const once = (c) => { if (c.step) c.step(); else c.timed(c.prep()); };
  for (const r of rows.slice(0, 3)) {  // warm-up, untimed
    const c = await setup(r);
    for (const t0 = performance.now(); performance.now() - t0 < 150;) once(c);
    if (c.free) c.free();
  }
  for (const r of rows) {
    const c = await setup(r);
    if (c.check) c.check();
    let it = 0;
    const w0 = performance.now();
    while (performance.now() - w0 < 200 || it < 2) (once(c), it++);
    const k = Math.max(1, Math.round(0.1 / ((performance.now() - w0) / 1000 / it)));
    for (let i = 0; i < Number(repsArg); i++) {
      let t = 0;
      if (c.step) { const t0 = cpu(); for (let j = 0; j < k; j++) c.step(); t = cpu() - t0; }
      else for (let j = 0; j < k; j++) { const st = c.prep(); const t0 = cpu(); c.timed(st); t += cpu() - t0; }
      console.log(r, t / k);
    }
    if (c.free) c.free();
  }
  process.exit(0);
}

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : dflt; };
const rounds = Number(opt('--rounds', 8)), reps = Number(opt('--reps', 7)), rowsArg = opt('--rows', DEFAULT_ROWS);
const builds = args.map((a) => { const [name, rest] = a.split('='); const [dist, addon] = rest.split(':'); return { name, dist, addon }; });
if (builds.length < 2) throw new Error('usage: compare-builds.mjs name=dist/index.js:addon.node name2=... [--rounds N]');
const samples = new Map();  // row -> build -> seconds[]
for (let i = 0; i < rounds; i++) {
  for (let j = 0; j < builds.length; j++) {
    const b = builds[(i + j) % builds.length];
    const env = { ...process.env, TENSORGRAD_ENTRY: path.resolve(b.dist), TG_ADDON_PATH: path.resolve(b.addon) };
    delete env.TG_AGGRESSIVE_GC;
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', rowsArg, String(reps)], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${b.name}: ${r.stderr}`);
    for (const line of r.stdout.trim().split('\n')) {
      const [row, s] = line.split(' ');
      if (!samples.has(row)) samples.set(row, new Map());
      const m = samples.get(row);
      if (!m.has(b.name)) m.set(b.name, []);
      m.get(b.name).push(Number(s));
    }
  }
  process.stderr.write(`round ${i + 1}/${rounds}\n`);
}
const q = (v, p) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
console.log(`row | ${builds.map((b) => `${b.name} min / median / q3 (us)`).join(' | ')} | ${builds.slice(1).map((b) => `${b.name}/${builds[0].name}`).join(' | ')}`);
for (const [row, m] of samples) {
  const stats = builds.map((b) => { const v = [...m.get(b.name)].sort((x, y) => x - y); return [v[0], q(v, 0.5), q(v, 0.75)].map((x) => x * 1e6); });
  const fmt = (x) => (x < 100 ? x.toFixed(1) : x.toFixed(0));
  console.log(`${row} | ${stats.map((s) => s.map(fmt).join(' / ')).join(' | ')} | ${stats.slice(1).map((s) => (s[1] / stats[0][1]).toFixed(2)).join(' | ')}`);
}
