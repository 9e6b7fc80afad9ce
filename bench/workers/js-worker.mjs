// JSON-lines benchmark worker for the in-Node libraries (tensorgrad, tfjs-cpu,
// tfjs-wasm, onnxruntime), the same protocol as bench/torch/worker.py. bench/run.mjs spawns
// one per library so that a crash, a leak or a thread pool of one library
// never touches another's numbers.
//
//   node js-worker.mjs --lib tensorgrad|tfjs-cpu|tfjs-wasm
//   node js-worker.mjs --lib L --mem ITERS SIZE CAP_MB CAP_S   (workload W7)
//
// Replies are lines starting with '@@'; console output of the libraries is
// sent to stderr so it cannot corrupt the protocol.
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';

const out = process.stdout.write.bind(process.stdout);
const toErr = (...a) => process.stderr.write(a.map(String).join(' ') + '\n');
console.log = toErr;
console.info = toErr;
console.warn = toErr;

const emit = (obj) => out('@@' + JSON.stringify(obj) + '\n');
const now = () => Number(process.hrtime.bigint()) / 1e9;

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const lib = arg('--lib');
const threads = Number(process.env.BENCH_THREADS || 0);

function reasonOf(e) {
  if (e && e.na) return e.message;
  const msg = String((e && e.message) || e).trim().split('\n')[0];
  const name = e && e.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return (name + msg).slice(0, 160);
}

async function loadAdapter() {
  if (lib === 'tensorgrad') return (await import('./tensorgrad.mjs')).create({ threads });
  if (lib === 'onnxruntime') return (await import('./onnxruntime.mjs')).create({ threads });
  if (lib === 'tfjs-cpu' || lib === 'tfjs-wasm') {
    return (await import('./tfjs.mjs')).create({ backend: lib.slice(5), threads });
  }
  throw new Error(`unknown library ${lib}`);
}

function rssMb() {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch { /* fall through */ }
  return process.memoryUsage().rss / 2 ** 20;
}

const gc = () => { if (globalThis.gc) globalThis.gc(); };
const tick = () => new Promise((r) => setTimeout(r, 20));

async function memMain(adapter, iters, n, capMb, capS) {
  const step = await adapter.memStep(n);
  gc();
  await tick();
  const before = rssMb();
  let peak = before;
  let done = 0;
  let stopped = false;
  const t0 = now();
  for (let i = 0; i < iters; i++) {
    step();
    done = i + 1;
    if (i % 25 === 0) {
      const r = rssMb();
      peak = Math.max(peak, r);
      if (r - before > capMb) { stopped = `RSS cap +${capMb} MB`; break; }
      if (now() - t0 > capS) { stopped = `time cap ${capS} s`; break; }
      // Give finalizers (which run from the event loop) a chance, as an
      // ordinary program's loop would between awaits, every 100 iterations.
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    }
  }
  const seconds = now() - t0;
  const after = rssMb();
  peak = Math.max(peak, after);
  gc(); await tick(); gc(); await tick();
  const afterGc = rssMb();
  emit({ ok: true, rss_before_mb: before, rss_after_mb: after, rss_peak_mb: peak,
    rss_after_gc_mb: afterGc, iters: done, seconds, stopped, note: adapter.memNote });
}

async function main() {
  let adapter = null;
  let loadError = null;
  try {
    adapter = await loadAdapter();
  } catch (e) {
    loadError = reasonOf(e);
  }
  if (args.includes('--mem')) {
    const i = args.indexOf('--mem');
    if (!adapter) { emit({ ok: false, reason: loadError }); return; }
    try {
      await memMain(adapter, Number(args[i + 1]), Number(args[i + 2]), Number(args[i + 3]), Number(args[i + 4] || 1e9));
    } catch (e) {
      emit({ ok: false, reason: reasonOf(e) });
    }
    return;
  }

  let cur = null; // { step }, { asyncStep } or { prep, timed }, plus optional free()
  const run = async (k) => {
    if (cur.asyncStep) {
      // A library whose calls return promises (onnxruntime-node): each step awaited, as its user awaits it.
      const step = cur.asyncStep;
      const t0 = now();
      for (let i = 0; i < k; i++) await step();
      return now() - t0;
    }
    if (cur.prep) {
      let tot = 0;
      for (let i = 0; i < k; i++) {
        const st = cur.prep();
        const t0 = now();
        const o = cur.timed(st);
        const dt = now() - t0;
        tot += typeof o === 'number' ? o : dt; // an adapter may report its own time
        if (cur.release) cur.release(st);
      }
      return tot;
    }
    const step = cur.step;
    const t0 = now();
    for (let i = 0; i < k; i++) step();
    return now() - t0;
  };
  const free = () => {
    if (cur && cur.free) { try { cur.free(); } catch { /* ignore */ } }
    cur = null;
    gc();
  };

  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const req = JSON.parse(line);
    try {
      switch (req.op) {
        case 'hello':
          if (!adapter) emit({ ok: false, reason: loadError });
          else emit({ ok: true, info: adapter.info });
          break;
        case 'setup': {
          free();
          try {
            cur = await adapter.setup(req.wl, Number(req.size), req.dtype || 'float32');
            const first = await run(1);
            if (cur.check) cur.check();
            emit({ ok: true, first_s: first, note: cur.note });
          } catch (e) {
            free();
            emit({ ok: false, reason: reasonOf(e) });
          }
          break;
        }
        case 'warm': {
          const deadline = now() + req.ms / 1000;
          const times = [];
          for (;;) {
            times.push(await run(1));
            if (now() >= deadline && times.length >= 2) break;
            if (times.length >= (req.max_iters || 1e6)) break;
          }
          const tail = times.slice(times.length >> 1).sort((a, b) => a - b);
          emit({ ok: true, per_iter_s: tail[tail.length >> 1], iters: times.length });
          break;
        }
        case 'run':
          emit({ ok: true, t: await run(req.inner) });
          break;
        case 'free':
          free();
          emit({ ok: true });
          break;
        case 'quit':
          free();
          emit({ ok: true });
          process.exit(0);
          break;
        default:
          emit({ ok: false, reason: `unknown op ${req.op}` });
      }
    } catch (e) {
      free();
      emit({ ok: false, reason: reasonOf(e) });
    }
  }
}

main().catch((e) => {
  emit({ ok: false, reason: reasonOf(e) });
  process.exit(1);
});
