// A representative slice of the test suite that runs unchanged under Node, Bun and Deno (issue 17 item 2):
// the three ways in (default import, named imports, require), the lesson's strings, the autograd engine, the
// kernels under every CPU capability against a JS reference, nn with an optimizer, safetensors files, and
// worker threads. Plain JavaScript over dist/ (vitest itself does not run under Bun and Deno), with node:
// modules only. Run: node|bun|deno run -A test/runtimes/suite.mjs (scripts/runtime-tests.sh runs all three).
// Prints one line per check and closes with "N passed, N failed".
import tg, { tensor, arange, nn, optim } from '../../dist/index.mjs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const runtime = typeof globalThis.Bun !== 'undefined' ? `bun ${globalThis.Bun.version}` : typeof globalThis.Deno !== 'undefined' ? `deno ${globalThis.Deno.version.deno}` : `node ${process.versions.node}`;
let passed = 0, failed = 0;
const checks = [];
const check = (name, fn) => checks.push([name, fn]);
function eq(actual, expected, what = '') {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function close(a, b, tol, what) {
  for (let i = 0; i < b.length; i++)
    if (!(Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(b[i])))) throw new Error(`${what}: element ${i} is ${a[i]}, expected ${b[i]}`);
}

check('default import, named imports and require give one library', () => {
  const cjs = createRequire(import.meta.url)('../../dist/index.js');
  eq(cjs.default, tg, 'require(...).default');
  eq(cjs.tensor, tensor, 'require(...).tensor');
  eq(tg.nn, nn, 'tg.nn');
  eq(typeof tg.version, 'string', 'tg.version');
  eq(['prebuild', 'source', 'override'].includes(tg.backends.cpu.build().kind), true, 'backends.cpu.build().kind');
});

check('the lesson prints PyTorch\'s strings', () => {
  const x = arange(4);
  eq(String(x), 'tensor([0., 1., 2., 3.])');
  x.requiresGrad_(true);
  eq(x.grad, null, 'x.grad');
  let y = tg.mul(2, tg.dot(x, x));
  eq(String(y), 'tensor(28., grad_fn=<MulBackward0>)');
  y.backward();
  eq(String(x.grad), 'tensor([ 0.,  4.,  8., 12.])');
  eq(String(x.grad.eq(x.mul(4))), 'tensor([True, True, True, True])');
  x.grad.zero_();
  y = x.sum();
  y.backward();
  eq(String(x.grad), 'tensor([1., 1., 1., 1.])');
  eq(String(x.sum()), 'tensor(6., grad_fn=<SumBackward0>)');
  x.grad.zero_();
  x.mul(x).sum().backward();
  eq(String(x.grad), 'tensor([0., 2., 4., 6.])');
});

check('autograd engine: shared subgraphs, accumulation, retain_graph, no_grad, double backward', () => {
  const a = tensor([1.5, -2, 3], { requiresGrad: true });
  const b = a.mul(a).add(a.exp());
  const loss = b.sum().add(b.mul(2).sum());
  loss.backward({ retainGraph: true });
  const expected = [...a.detach().toTypedArray()].map((v) => 3 * (2 * v + Math.exp(v)));
  close(a.grad.toTypedArray(), expected, 1e-5, 'grad');
  loss.backward();
  close(a.grad.toTypedArray(), expected.map((v) => 2 * v), 1e-5, 'accumulated grad');
  let threw = false;
  try {
    loss.backward();
  } catch (e) {
    threw = /second time/.test(e.message);
  }
  eq(threw, true, 'backward through a freed graph throws');
  eq(tg.noGrad(() => a.mul(2)).requiresGrad, false, 'noGrad');
  const x = tensor(2.0, { requiresGrad: true });
  const [g] = tg.autograd.grad([x.pow(3)], [x], { createGraph: true });
  const [gg] = tg.autograd.grad([g], [x]);
  eq(g.item(), 12, 'd/dx x^3');
  eq(gg.item(), 12, 'd2/dx2 x^3');
});

check('kernels under every CPU capability match a JS reference', () => {
  const cpu = tg.backends.cpu, saved = cpu.capability();
  const caps = cpu.capabilities();
  const [m, k, n] = [37, 53, 29];
  const av = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i) * 2);
  const bv = Float64Array.from({ length: k * n }, (_, i) => Math.cos(i * 0.7));
  const ref = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += av[i * k + p] * bv[p * n + j];
    ref[i * n + j] = s;
  }
  const big = Float64Array.from({ length: 4099 }, (_, i) => Math.sin(i * 0.01));
  try {
    for (const cap of caps) {
      cpu.setCapability(cap);
      eq(cpu.capability(), cap, 'setCapability');
      for (const dtype of ['float32', 'float64']) {
        const tol = dtype === 'float32' ? 1e-4 : 1e-12;
        const mm = tensor(Array.from(av), { dtype }).reshape([m, k]).matmul(tensor(Array.from(bv), { dtype }).reshape([k, n]));
        close(mm.toTypedArray(), ref, tol, `${cap} ${dtype} matmul`);
        const t = tensor(Array.from(big), { dtype });
        close(t.exp().toTypedArray(), big.map(Math.exp), tol, `${cap} ${dtype} exp`);
        close(t.tanh().toTypedArray(), big.map(Math.tanh), tol, `${cap} ${dtype} tanh`);
        close([t.sum().item()], [big.reduce((s, v) => s + v, 0)], tol * 10, `${cap} ${dtype} sum`);
        const sm = t.reshape([1, -1]).softmax(1).toTypedArray();
        const mx = Math.max(...big), z = big.reduce((s, v) => s + Math.exp(v - mx), 0);
        close(sm, big.map((v) => Math.exp(v - mx) / z), tol, `${cap} ${dtype} softmax`);
      }
    }
  } finally {
    cpu.setCapability(saved);
  }
  return `${caps.join(', ')}`;
});

check('nn: a module\'s repr is PyTorch\'s and SGD lowers the loss', () => {
  tg.manualSeed(0);
  const model = new nn.Sequential(new nn.Linear(3, 8), new nn.Tanh(), new nn.Linear(8, 1));
  eq(String(model), 'Sequential(\n  (0): Linear(in_features=3, out_features=8, bias=True)\n  (1): Tanh()\n  (2): Linear(in_features=8, out_features=1, bias=True)\n)');
  const xs = tg.randn([64, 3]);
  const ys = xs.sum(1, true).sin();
  const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const lossFn = new nn.MSELoss();
  let first = 0, last = 0;
  for (let step = 0; step < 60; step++) {
    opt.zeroGrad();
    const loss = lossFn(model(xs), ys);
    loss.backward();
    opt.step();
    if (step === 0) first = loss.item();
    last = loss.item();
  }
  if (!(last < first * 0.5)) throw new Error(`loss ${first} -> ${last}`);
  return `loss ${first.toFixed(4)} -> ${last.toFixed(4)}`;
});

check('safetensors: save, load, and a corrupt file rejected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-rt-'));
  const file = path.join(dir, 'm.safetensors');
  const model = new nn.Linear(4, 2);
  tg.save(model.stateDict(), file, { note: runtime });
  const back = new nn.Linear(4, 2);
  back.loadStateDict(tg.load(file));
  eq(String(back.weight.eq(model.weight).all()), 'tensor(True)', 'weights round-trip');
  eq(tg.safetensors.loadMetadata(file).note, runtime, 'metadata');
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(file, bytes.subarray(0, bytes.length - 1));
  let msg = '';
  try {
    tg.load(file);
  } catch (e) {
    msg = e.message;
  }
  if (!/^load: tensor ".*" has invalid data_offsets/.test(msg)) throw new Error(`truncated file: ${msg || 'no error'}`);
  fs.rmSync(dir, { recursive: true });
});

const workerCheck = () => new Promise((resolve, reject) => {
  // Two workers each load the addon and backpropagate; the main thread keeps computing meanwhile.
  const src = path.join(here, 'worker.mjs');
  const results = [];
  for (const id of [1, 2]) {
    const w = new Worker(src, { workerData: { id } });
    w.on('message', (m) => {
      results.push(m);
      if (results.length === 2) resolve(results);
    });
    w.on('error', reject);
  }
  const t = tg.ones([256, 256]).matmul(tg.ones([256, 256]));
  eq(t.sum().item(), 256 ** 3, 'main thread matmul');
}).then((rs) => {
  for (const r of rs) eq(r.grad, String(tg.tensor([r.id * 2, r.id * 2, r.id * 2])), `worker ${r.id}`);
  return 'two workers';
});

for (const [name, fn] of checks) {
  try {
    const note = fn();
    console.log(`ok   ${name}${note ? ` (${note})` : ''}`);
    passed++;
  } catch (e) {
    console.log(`FAIL ${name}: ${e.stack || e}`);
    failed++;
  }
}
try {
  const note = await Promise.race([workerCheck(), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 60 s')), 60_000).unref?.())]);
  console.log(`ok   worker threads load tensorgrad and compute (${note})`);
  passed++;
} catch (e) {
  console.log(`FAIL worker threads: ${e.stack || e}`);
  failed++;
}
console.log(`[${runtime}] ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
