// Load test of examples/server over loopback (issue 20 (a)). Measures the single-thread inference rate (the same
// model and batch, forward only, in this process), starts the server with W workers, then:
//   saturated: a closed loop of 2W+2 requests in flight for SATURATE s (default 20): the pool is never idle, so
//              its throughput is compared with W x the single-thread rate, and the server's event-loop delay
//              is read while the pool is saturated;
//   fixed rate: open loop (request i leaves at i/rate, whatever the answers do) at LOAD (default 0.7) x the
//              saturated throughput for DURATION s (default 60): p50/p99 latency, throughput, RSS before/after;
//   overload:  open loop at 2x the saturated throughput for 3 s: back-pressure answers 503 at the door.
// Each phase reads the server's /stats (event-loop delay from perf_hooks.monitorEventLoopDelay, RSS).
//   node examples/server/load-test.mjs [--workers 2] [--batch 64] [--duration 60] [--saturate 20] [--load 0.7]
// Prints a summary and a final JSON line. Loopback only; bounded in time and request count.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import tg from 'tensorgrad';
import { makeModel, DIM } from './model.mjs';
import { loadMnist } from '../mnist/data.mjs';

const { values: o } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    batch: { type: 'string', default: '64' },
    duration: { type: 'string', default: '60' },
    saturate: { type: 'string', default: '20' },
    load: { type: 'string', default: '0.7' }, // phase 1's rate as a fraction of W x single-thread rate
    'max-requests': { type: 'string', default: '200000' },
  },
});
const W = Number(o.workers), B = Number(o.batch), MAX_REQ = Number(o['max-requests']);

// ---- single-thread inference rate: the same model and batch, forward only, one kernel thread ----
tg.setNumThreads(1);
const { testX, testY } = loadMnist();
const nTest = testY.length;
const model = makeModel().eval();
const probe = tg.tensor(testX.slice(0, B * DIM)).reshape([B, DIM]);
for (let i = 0; i < 50; i++) tg.noGrad(() => tg.softmax(model.forward(probe), 1));
let n = 0;
function singleRate(ms) {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    tg.noGrad(() => tg.softmax(model.forward(probe), 1).sum().item());
    n++;
  }
  return (n * 1000) / (performance.now() - t0);
}
const singleBefore = singleRate(3000);
let single = singleBefore;
let capacity = W * single;
console.log(`single-thread forward, batch ${B}: ${single.toFixed(0)}/s; ${W} workers: ${capacity.toFixed(0)} requests/s`);

// ---- the server ----
const serverPath = fileURLToPath(new URL('./server.mjs', import.meta.url));
const server = spawn(process.execPath, [serverPath, '--port', '0', '--workers', String(W)], { stdio: ['ignore', 'pipe', 'inherit'] });
let port = 0;
let out = '';
server.stdout.on('data', (d) => {
  out += d;
  const m = /\{"listening":(\d+)\}/.exec(out);
  if (m) port = Number(m[1]);
});
while (port === 0) {
  if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}): ${out}`);
  await new Promise((r) => setTimeout(r, 50));
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(method, path, body) {
  return new Promise((resolve) => {
    const t = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/octet-stream', 'content-length': body.length } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t, body: Buffer.concat(chunks) }));
    });
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t, error: e.message }));
    req.end(body);
  });
}
const stats = async (reset = false) => JSON.parse((await request('GET', reset ? '/stats?reset' : '/stats')).body.toString());

// Request bodies: B real test digits each, at rotating offsets; answers are checked against the labels.
const bodies = [];
for (let k = 0; k < 16; k++) {
  const start = (k * B) % (nTest - B);
  bodies.push({ start, buf: Buffer.from(testX.buffer, start * DIM * 4, B * DIM * 4) });
}

// A control: an idle Node process measuring its own event-loop delay over the same phase. On a machine shared with
// other jobs, its delays are the operating system's (descheduled threads), not the server's own work.
function control(seconds) {
  const code = `const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 1 }); h.enable();
    setTimeout(() => { console.log(JSON.stringify({ p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 })); }, ${Math.round(seconds * 1000)});`;
  const c = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  c.stdout.on('data', (d) => (text += d));
  return once(c, 'exit').then(() => {
    const r = JSON.parse(text);
    return { p50: Math.round(r.p50 * 100) / 100, p99: Math.round(r.p99 * 100) / 100, max: Math.round(r.max * 100) / 100 };
  });
}

async function phase(name, { rate, concurrency }, seconds) {
  const idle = control(seconds);
  const before = await stats(true);
  const lat = [];
  const status = {};
  let correct = 0, labelled = 0, sent = 0;
  const pending = [];
  const start = performance.now();
  const send1 = () => {
    const b = bodies[sent++ % bodies.length];
    return request('POST', '/predict', b.buf).then((r) => {
      status[r.status] = (status[r.status] ?? 0) + 1;
      if (r.status === 200) {
        lat.push(r.ms);
        const preds = JSON.parse(r.body.toString()).predictions;
        preds.forEach((p, i) => (correct += p.digit === testY[b.start + i]));
        labelled += preds.length;
      }
    });
  };
  if (concurrency) {
    // Closed loop: each of `concurrency` clients sends its next request when the last one is answered.
    const end = start + seconds * 1000;
    const client = async () => {
      while (performance.now() < end && sent < MAX_REQ) await send1();
    };
    await Promise.all(Array.from({ length: concurrency }, client));
  } else {
    const total = Math.min(MAX_REQ, Math.round(rate * seconds));
    // Open loop: request i goes out at start + i/rate, late or not (a closed loop would hide queueing).
    while (sent < total) {
      const due = start + (sent * 1000) / rate;
      const now = performance.now();
      if (due > now) await new Promise((r) => setTimeout(r, Math.max(0, due - now - 0.5)));
      while (sent < total && start + (sent * 1000) / rate <= performance.now()) pending.push(send1());
    }
    await Promise.all(pending);
  }
  const elapsed = (performance.now() - start) / 1000;
  const after = await stats();
  lat.sort((a, b) => a - b);
  const q = (p) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] * 100) / 100 : null);
  const r = {
    phase: name, offeredPerS: rate ? Math.round(rate) : null, concurrency: concurrency ?? null, seconds: Math.round(elapsed * 10) / 10, sent, status,
    servedPerS: Math.round(((status[200] ?? 0) / elapsed) * 10) / 10, p50ms: q(0.5), p99ms: q(0.99), maxMs: q(1),
    accuracy: labelled ? Math.round((10000 * correct) / labelled) / 100 : null,
    eventLoopDelayMs: after.eventLoopDelayMs, idleProcessDelayMs: await idle, rssMB: { before: before.rssMB, after: after.rssMB }, pool: after.pool,
  };
  console.log(`${name}: ${r.sent} sent ${rate ? `at ${r.offeredPerS}/s` : `by ${concurrency} clients`} over ${r.seconds} s, statuses ${JSON.stringify(status)}, served ${r.servedPerS}/s ` +
    `(${((100 * r.servedPerS) / capacity).toFixed(0)}% of ${W} x single), latency p50 ${r.p50ms} ms p99 ${r.p99ms} ms max ${r.maxMs} ms, ` +
    `accuracy ${r.accuracy}%, event-loop delay p50 ${after.eventLoopDelayMs.p50} p99 ${after.eventLoopDelayMs.p99} max ${after.eventLoopDelayMs.max} ms ` +
    `(an idle process meanwhile: p99 ${r.idleProcessDelayMs.p99} max ${r.idleProcessDelayMs.max} ms), ` +
    `RSS ${before.rssMB} -> ${after.rssMB} MB`);
  return r;
}

const rssStart = (await stats()).rssMB;
await phase('warm-up', { concurrency: W }, 2);
const saturated = await phase('saturated', { concurrency: 2 * W + 2 }, Number(o.saturate));
const fixed = await phase('fixed rate', { rate: saturated.servedPerS * Number(o.load) }, Number(o.duration));
const overload = await phase('overload', { rate: saturated.servedPerS * 2 }, 3);
const rssEnd = (await stats()).rssMB;
// The machine may be shared: the single-thread rate again, and the mean of both as the reference.
const singleAfter = singleRate(3000);
single = (singleBefore + singleAfter) / 2;
capacity = W * single;
server.kill('SIGTERM');
await once(server, 'exit');
agent.destroy();
const report = { node: process.version, cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100), workers: W, batch: B, singlePerS: Math.round(single), singleBeforeAfter: [Math.round(singleBefore), Math.round(singleAfter)], capacityPerS: Math.round(capacity), saturatedVsCapacity: Math.round((100 * saturated.servedPerS) / capacity) / 100, rssStartMB: rssStart, rssEndMB: rssEnd, saturated, fixed, overload };
console.log(`single-thread ${singleBefore.toFixed(0)}/s before, ${singleAfter.toFixed(0)}/s after; server RSS ${rssStart} -> ${rssEnd} MB; ` +
  `saturated throughput ${saturated.servedPerS}/s = ${((100 * saturated.servedPerS) / capacity).toFixed(0)}% of ${W} x single-thread (goal >= 90%), ` +
  `max event-loop delay while saturated ${saturated.eventLoopDelayMs.max} ms (goal <= 20; an idle process meanwhile: ${saturated.idleProcessDelayMs.max} ms)`);
console.log(JSON.stringify(report));
