// An HTTP inference server on Node's own http: the MNIST MLP (examples/mnist) loaded from safetensors, its
// forward run in a tg.workers pool so the event loop only parses, queues and answers. See README.md.
//   node examples/server/server.mjs [--port 8080] [--workers 2] [--max-queue N] [--when-full reject|wait]
//                                   [--weights FILE | --random-init] [--threads 1]
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import tg from 'tensorgrad';
import { makeModel, findWeights, DIM } from './model.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    workers: { type: 'string', default: '2' },
    'max-queue': { type: 'string' },
    'when-full': { type: 'string', default: 'reject' },
    weights: { type: 'string' },
    'random-init': { type: 'boolean', default: false },
    threads: { type: 'string', default: '1' },
  },
});
const MAX_BODY = 4 << 20;

// Kernel threads are process-wide (docs/threads.md): with one forward per worker, 1 each avoids oversubscription.
tg.setNumThreads(Number(opts.threads));
let state, source;
if (opts['random-init']) {
  tg.manualSeed(0);
  state = makeModel().stateDict();
  source = 'random init (--random-init): predictions are meaningless';
} else {
  const file = findWeights(opts.weights);
  if (file === null) {
    console.error('no checkpoint: run `node examples/server/train-tiny.mjs` (a few seconds) or pass --random-init');
    process.exit(2);
  }
  state = tg.load(file);
  source = file;
}

const workers = Number(opts.workers);
// The weights go to every worker through shared memory (tg.toTransferable inside the pool): one copy in RAM.
const pool = new tg.workers.Pool(new URL('./worker.mjs', import.meta.url), {
  size: workers,
  maxQueue: opts['max-queue'] === undefined ? undefined : Number(opts['max-queue']),
  whenFull: opts['when-full'],
  workerData: { state },
});
await pool.ready();

// Resolution 1 ms: each sample is the interval between two 1 ms timer ticks, so an idle loop reads ~1 ms.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const counts = { served: 0, rejected: 0, failed: 0, badRequests: 0 };

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

class BadRequest extends Error {}

/**
 * The request's images as float32 values in shared memory (the pool hands the buffer to a worker without a
 * copy; the worker makes the tensor): raw float32 LE (application/octet-stream, n*784 values, read straight
 * into the buffer) or JSON {"image": [...]} / {"images": [[...], ...]}.
 */
function parseImages(req, body) {
  if (body instanceof SharedArrayBuffer) {
    if (body.byteLength === 0 || body.byteLength % (4 * DIM) !== 0) throw new BadRequest(`octet-stream body must be n*${DIM} float32 values (${body.byteLength} bytes)`);
    return new Float32Array(body);
  }
  let msg;
  try {
    msg = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequest('body is not JSON');
  }
  const rows = Array.isArray(msg?.images) ? msg.images : Array.isArray(msg?.image) ? [msg.image] : null;
  if (rows === null || rows.length === 0) throw new BadRequest('expected {"image": [784 numbers]} or {"images": [[784 numbers], ...]}');
  const values = new Float32Array(new SharedArrayBuffer(rows.length * DIM * 4));
  rows.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== DIM || !r.every((v) => typeof v === 'number')) throw new BadRequest(`image ${i}: expected ${DIM} numbers`);
    values.set(r, i * DIM);
  });
  return values;
}

async function predict(req, res, body) {
  let pixels;
  try {
    pixels = parseImages(req, body);
  } catch (e) {
    counts.badRequests++;
    return send(res, e instanceof BadRequest ? 400 : 500, { error: e.message });
  }
  let probs;
  try {
    probs = await pool.run(pixels);
  } catch (e) {
    if (e.code === 'ERR_TG_POOL_FULL') return busy(res);
    counts.failed++;
    return send(res, 500, { error: e.message });
  }
  const p = probs.toTypedArray();
  const predictions = [];
  for (let i = 0; i < probs.shape[0]; i++) {
    let best = 0;
    for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
    predictions.push({ digit: best, probability: Math.round(p[i * 10 + best] * 1e4) / 1e4 });
  }
  counts.served++;
  send(res, 200, { predictions });
}

function busy(res, close = false) {
  counts.rejected++;
  send(res, 503, { error: 'busy, retry later' }, { 'retry-after': '1', ...(close ? { connection: 'close' } : {}) });
}

function stats(reset) {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const s = {
    pool: pool.stats(),
    requests: { ...counts },
    eventLoopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max), mean: ms(loopDelay.mean) },
    rssMB: Math.round(process.memoryUsage().rss / 1e5) / 10,
  };
  if (reset) loopDelay.reset();
  return s;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { ok: true });
  if (req.method === 'GET' && url.pathname === '/stats') return send(res, 200, stats(url.searchParams.has('reset')));
  if (req.method !== 'POST' || url.pathname !== '/predict') return send(res, 404, { error: 'POST /predict, GET /stats, GET /healthz' });
  // Shed load at the door: with the queue full, answer 503 before reading (and copying) the body.
  const st = pool.stats();
  if (pool.whenFull === 'reject' && st.queued >= pool.maxQueue) {
    busy(res, true);
    return void req.resume();
  }
  const length = Number(req.headers['content-length']);
  if (length > MAX_BODY) return send(res, 413, { error: `body over ${MAX_BODY} bytes` }, { connection: 'close' });
  // A raw body of known length goes straight into shared memory; JSON is collected and parsed.
  const raw = (req.headers['content-type'] ?? '').startsWith('application/octet-stream') && Number.isInteger(length);
  const shared = raw ? new Uint8Array(new SharedArrayBuffer(length)) : null;
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    if (size + c.length > (raw ? length : MAX_BODY)) {
      send(res, 413, { error: `body over ${raw ? `content-length ${length}` : `${MAX_BODY} bytes`}` }, { connection: 'close' });
      return void req.destroy();
    }
    if (raw) shared.set(c, size);
    else chunks.push(c);
    size += c.length;
  });
  req.on('end', () => {
    if (res.headersSent) return;
    if (raw && size !== length) return send(res, 400, { error: `body of ${size} bytes, content-length ${length}` });
    void predict(req, res, raw ? shared.buffer : Buffer.concat(chunks));
  });
});
server.keepAliveTimeout = 30_000;

server.listen(Number(opts.port), opts.host, () => {
  const { port } = server.address();
  console.log(`serving ${source} with ${workers} workers on http://${opts.host}:${port}`);
  console.log(JSON.stringify({ listening: port }));
});

async function shutdown() {
  server.close();
  server.closeAllConnections?.();
  await pool.close();
  loopDelay.disable();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
