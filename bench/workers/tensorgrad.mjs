// tensorgrad side of the benchmark, written against /work/shared/API.md.
// Every workload is built from the public API only; whatever is missing shows
// up as a thrown error that the worker turns into an `n/a (reason)` cell.
// Results are checked once per setup on small slices, so a fast wrong answer
// is reported as `n/a (wrong result ...)` instead of a time.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

async function importTensorgrad() {
  const errors = [];
  const candidates = [];
  if (process.env.TENSORGRAD_ENTRY) candidates.push(pathToFileURL(path.resolve(process.env.TENSORGRAD_ENTRY)).href);
  candidates.push('tensorgrad');
  const dist = path.join(repoRoot, 'dist', 'index.js');
  if (existsSync(dist)) candidates.push(pathToFileURL(dist).href);
  for (const spec of candidates) {
    try {
      const mod = await import(spec);
      const tg = mod.default && typeof mod.default === 'object' && mod.default.tensor ? mod.default : mod;
      if (typeof tg.tensor !== 'function' && typeof tg.randn !== 'function') {
        throw new Error(`${spec} exports neither tensor nor randn`);
      }
      return { tg, from: spec };
    } catch (e) {
      errors.push(`${spec}: ${String(e.message || e).split('\n')[0]}`);
    }
  }
  const built = existsSync(path.join(repoRoot, 'dist'));
  const e = new Error(built ? `import failed: ${errors.join('; ')}` : 'not built yet (no dist/)');
  e.na = true;
  throw e;
}

const values = (t) => {
  if (typeof t.toTypedArray === 'function') return t.toTypedArray();
  const l = t.tolist();
  return Array.isArray(l) ? l.flat(Infinity) : [l];
};
const num = (t) => Number(typeof t.item === 'function' ? t.item() : t);

function wrong(what) {
  const e = new Error(`wrong result: ${what}`);
  e.na = true;
  return e;
}
function close(got, want, tol, what) {
  if (!(Math.abs(got - want) <= tol)) throw wrong(`${what} = ${got}, expected ${want}`);
}

// Decides once how to drop a gradient between iterations: `t.grad = null`
// (API.md: grad is settable), else `t.grad.zero_()`.
function gradClearer(t) {
  try {
    t.grad = null;
    if (t.grad === null || t.grad === undefined) return (u) => { u.grad = null; };
  } catch { /* not settable */ }
  return (u) => { if (u.grad) u.grad.zero_(); };
}

export async function create({ threads }) {
  const { tg, from } = await importTensorgrad();
  let threadNote = 'setNumThreads n/a';
  if (threads > 0 && typeof tg.setNumThreads === 'function') {
    tg.setNumThreads(threads);
    threadNote = `setNumThreads(${threads})`;
  }
  let version = null;
  try { version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version; } catch { /* none yet */ }
  let capability = null;
  try { capability = tg.backends.cpu.capability(); } catch (e) { capability = `n/a (${String(e.message).split('\n')[0]})`; }
  if (capability && typeof capability === 'object') capability = JSON.stringify(capability);
  // Whether tensorgrad runs its own minor GCs (the opt-in, TG_AGGRESSIVE_GC=1 in the GC_OPTIN worker).
  let aggressiveGc = null;
  try { aggressiveGc = tg.backends.memory.aggressiveGc(); } catch { /* older tensorgrad: not reported */ }
  let nThreads = null;
  try { nThreads = typeof tg.getNumThreads === 'function' ? tg.getNumThreads() : null; } catch { /* ignore */ }

  const randn = (shape, dtype) => (dtype === 'float32' ? tg.randn(shape) : tg.randn(shape, { dtype }));
  const F = () => tg.nn.functional;

  async function setup(wl, n, dtype) {
    if (typeof tg.manualSeed === 'function') tg.manualSeed(0);
    const tol = dtype === 'float64' ? 1e-9 : 1e-4;
    switch (wl) {
      case 'W1.loop': {
        const x = tg.arange(4).requiresGrad_();
        const y = tg.dot(x, x).mul(2);
        if (num(y) !== 28) throw wrong(`2*dot(x,x) = ${num(y)}`);
        y.backward();
        const g = Array.from(values(x.grad));
        if (g.join() !== '0,4,8,12') throw wrong(`x.grad = [${g}]`);
        x.grad.zero_();
        return {
          step() {
            const y2 = tg.dot(x, x).mul(2);
            y2.backward();
            x.grad.zero_();
          },
        };
      }
      case 'W1.fwd': {
        const x = tg.arange(4).requiresGrad_();
        const body = () => tg.dot(x, x).mul(2);
        const y = tg.noGrad(body);
        if (num(y) !== 28) throw wrong(`2*dot(x,x) = ${num(y)}`);
        if (y.requiresGrad) throw wrong('noGrad result requires grad');
        return { step() { tg.noGrad(body); } };
      }
      case 'W1b.bwd': {
        const build = () => {
          const x = tg.tensor(1.0, { requiresGrad: true });
          let y = x;
          for (let i = 0; i < n; i++) y = y.mul(1.0001).add(0.0001);
          return { x, y };
        };
        return {
          prep: build,
          timed(st) { st.y.backward(); },
          check() {
            const st = build();
            st.y.backward();
            close(num(st.x.grad), 1.0001 ** n, 1e-3, 'chain grad');
          },
        };
      }
      case 'W2': {
        const a = randn([n], dtype).requiresGrad_();
        const b = randn([n], dtype).requiresGrad_();
        const clear = gradClearer(a);
        return {
          step() {
            a.mul(b).add(a).sum().backward();
            clear(a);
            clear(b);
          },
          check() {
            a.mul(b).add(a).sum().backward();
            const av = values(a), bv = values(b), ga = values(a.grad), gb = values(b.grad);
            for (const i of [0, 1, 2, n >> 1, n - 1]) {
              close(ga[i], bv[i] + 1, tol * 4, `a.grad[${i}]`);
              close(gb[i], av[i], tol, `b.grad[${i}]`);
            }
            clear(a);
            clear(b);
          },
        };
      }
      case 'W3.tanh':
      case 'W3.exp':
      case 'W3.sigmoid': {
        const f = wl.slice(3);
        const x = randn([n], 'float32').requiresGrad_();
        const clear = gradClearer(x);
        const d = {
          tanh: (v) => 1 - Math.tanh(v) ** 2,
          exp: (v) => Math.exp(v),
          sigmoid: (v) => { const s = 1 / (1 + Math.exp(-v)); return s * (1 - s); },
        }[f];
        return {
          step() {
            x[f]().sum().backward();
            clear(x);
          },
          check() {
            x[f]().sum().backward();
            const xv = values(x), g = values(x.grad);
            for (const i of [0, 1, n >> 1, n - 1]) close(g[i], d(xv[i]), 1e-4 * Math.max(1, Math.abs(d(xv[i]))), `${f}'(x)[${i}]`);
            clear(x);
          },
        };
      }
      case 'W4.sum':
      case 'W4.norm': {
        const x = randn([n], 'float32');
        const isSum = wl === 'W4.sum';
        return {
          step: isSum ? () => x.sum() : () => x.norm(),
          check() {
            const v = values(x);
            let s = 0, s2 = 0, sa = 0;
            for (let i = 0; i < v.length; i++) { s += v[i]; s2 += v[i] * v[i]; sa += Math.abs(v[i]); }
            if (isSum) close(num(x.sum()), s, 1e-5 * sa, 'sum');
            else close(num(x.norm()), Math.sqrt(s2), 1e-4 * Math.sqrt(s2), 'norm');
          },
        };
      }
      case 'W4.dot': {
        const a = randn([n], 'float32');
        const b = randn([n], 'float32');
        return {
          step: () => tg.dot(a, b),
          check() {
            const av = values(a), bv = values(b);
            let s = 0, sa = 0;
            for (let i = 0; i < av.length; i++) { s += av[i] * bv[i]; sa += Math.abs(av[i] * bv[i]); }
            close(num(tg.dot(a, b)), s, 1e-5 * sa, 'dot');
          },
        };
      }
      case 'W9.cumsum':
      case 'W9.sort':
      case 'W9.topk': {
        const x = randn([n], 'float32');
        const op = wl.slice(3);
        const step = op === 'cumsum' ? () => x.cumsum(0) : op === 'sort' ? () => x.sort() : () => x.topk(10);
        return {
          step,
          check() {
            const v = Float64Array.from(values(x));
            const sorted = Float64Array.from(v).sort();
            if (op === 'cumsum') {
              const c = values(x.cumsum(0));
              let s = 0, sa = 0;
              for (let i = 0; i < v.length; i++) { s += v[i]; sa += Math.abs(v[i]); }
              close(c[v.length - 1], s, 1e-5 * sa, 'cumsum last');
            } else if (op === 'sort') {
              const r = values(x.sort().values);
              for (const i of [0, 1, n >> 1, n - 1]) close(r[i], sorted[i], 0, `sort[${i}]`);
            } else {
              const r = values(x.topk(10).values);
              for (let i = 0; i < 10; i++) close(r[i], sorted[n - 1 - i], 0, `topk[${i}]`);
            }
          },
        };
      }
      // W9.einsum: einsum('bij,bjk->bik') at 64×128×128; check: batch 0 against its own matmul.
      case 'W9.einsum': {
        const a = randn([n, 128, 128], 'float32'), b = randn([n, 128, 128], 'float32');
        const step = () => tg.einsum('bij,bjk->bik', a, b);
        return {
          step,
          check() {
            const d = values(step().select(0, 0).sub(a.select(0, 0).matmul(b.select(0, 0))).abs().max())[0];
            close(d, 0, 1e-3, 'einsum batch 0');
          },
        };
      }
      // W9.multinomial: 1e5 draws with replacement from 1e4 categories; check: indices in range, the mean near
      // the distribution's (p rising linearly, mean ~ 2/3 of the range).
      case 'W9.multinomial': {
        const p = tg.arange(1, 10001, { dtype: 'float32' });
        const step = () => p.multinomial(n, true);
        return {
          step,
          check() {
            const r = values(step());
            let s = 0, lo = Infinity, hi = -Infinity;
            for (const v of r) { s += Number(v); lo = Math.min(lo, Number(v)); hi = Math.max(hi, Number(v)); }
            if (r.length !== n || lo < 0 || hi > 9999) throw new Error(`multinomial: ${r.length} draws in [${lo}, ${hi}]`);
            close(s / n / 9999, 2 / 3, 0.01, 'multinomial mean');
          },
        };
      }
      // W18: decompositions of one n×n float64 matrix (bench/lib/workloads.mjs); check: the factors rebuild A.
      case 'W18.solve':
      case 'W18.cholesky':
      case 'W18.qr':
      case 'W18.eigh':
      case 'W18.svd': {
        const X = randn([n, n], 'float64');
        const I = tg.eye(n, { dtype: 'float64' });
        const op = wl.slice(4);
        const A = op === 'cholesky' ? X.matmul(X.t()).add(I.mul(n)) : op === 'eigh' ? X.add(X.t()) : X;
        const b = randn([n], 'float64');
        const L = tg.linalg;
        const step = { solve: () => L.solve(A, b), cholesky: () => L.cholesky(A), qr: () => L.qr(A), eigh: () => L.eigh(A), svd: () => L.svd(A) }[op];
        return {
          step,
          check() {
            const r = step();
            const back = op === 'solve' ? A.matmul(r) : op === 'cholesky' ? r.matmul(r.t()) : op === 'qr' ? r[0].matmul(r[1])
              : op === 'eigh' ? r[1].matmul(tg.diagEmbed(r[0])).matmul(r[1].t()) : r[0].matmul(tg.diagEmbed(r[1])).matmul(r[2]);
            const d = values(back.sub(op === 'solve' ? b : A).abs().max())[0];
            close(d, 0, 1e-9, `${op} reconstruction`);
          },
        };
      }
      // W19: the Jacobian of tanh(W x + b) via tg.func.jacrev; check: J = diag(1 - y²) W.
      case 'W19.jacrev': case 'W19.jacfwd': {
        const W = randn([n, n], dtype).div(Math.sqrt(n));
        const b = randn([n], dtype);
        const x = randn([n], dtype);
        const f = (v) => tg.tanh(tg.mv(W, v).add(b));
        const step = wl === 'W19.jacrev' ? () => tg.func.jacrev(f)(x) : () => tg.func.jacfwd(f)(x);
        return {
          step,
          check() {
            const y = f(x);
            const want = W.mul(y.pow(2).neg().add(1).unsqueeze(1));
            close(values(step().sub(want).abs().max())[0], 0, 1e-5, `${wl} vs diag(1 - y²) W`);
          },
        };
      }
      case 'W5.mmWide':
      case 'W5.mmTall':
      case 'W5.bmm': {
        // [M, K, N, batch] as W5_SHAPES in bench/lib/workloads.mjs
        const [m, k, nn, b] = { 'W5.mmWide': [128, 4096, 128, 1], 'W5.mmTall': [4096, 64, 4096, 1], 'W5.bmm': [64, 64, 64, 64] }[wl];
        const A = randn(b > 1 ? [b, m, k] : [m, k], dtype);
        const B = randn(b > 1 ? [b, k, nn] : [k, nn], dtype);
        return {
          step: () => A.matmul(B),
          check() {
            const C = values(A.matmul(B)), av = values(A), bv = values(B);
            const last = b - 1;  // C[last][m-1][nn-1]
            let s = 0, sa = 0;
            for (let q = 0; q < k; q++) {
              const x = av[last * m * k + (m - 1) * k + q] * bv[last * k * nn + q * nn + nn - 1];
              s += x; sa += Math.abs(x);
            }
            close(C[last * m * nn + (m - 1) * nn + nn - 1], s, 2e-5 * sa + 1e-6, `${wl} last element`);
          },
        };
      }
      case 'W5.fwd':
      case 'W5.fwdbwd': {
        const fwdOnly = wl === 'W5.fwd';
        const A = randn([n, n], dtype);
        const B = randn([n, n], dtype);
        if (!fwdOnly) { A.requiresGrad_(); B.requiresGrad_(); }
        const clear = fwdOnly ? null : gradClearer(A);
        const mtol = dtype === 'float64' ? 1e-9 : 2e-5;
        return {
          step: fwdOnly
            ? () => A.matmul(B)
            : () => { A.matmul(B).sum().backward(); clear(A); clear(B); },
          check() {
            const av = values(A), bv = values(B);
            if (fwdOnly) {
              const C = values(A.matmul(B));
              for (const [i, j] of [[0, 0], [0, n - 1], [n - 1, 1 % n]]) {
                let s = 0, sa = 0;
                for (let k = 0; k < n; k++) { s += av[i * n + k] * bv[k * n + j]; sa += Math.abs(av[i * n + k] * bv[k * n + j]); }
                close(C[i * n + j], s, mtol * sa + 1e-6, `C[${i}][${j}]`);
              }
            } else {
              A.matmul(B).sum().backward();
              const gA = values(A.grad), gB = values(B.grad);
              for (const j of [0, n - 1]) {
                // dA[i][j] = sum_k B[j][k]; dB[i][j] = sum_k A[k][i]
                let s = 0, sa = 0, t = 0, ta = 0;
                for (let k = 0; k < n; k++) { s += bv[j * n + k]; sa += Math.abs(bv[j * n + k]); t += av[k * n + j]; ta += Math.abs(av[k * n + j]); }
                close(gA[j], s, mtol * sa + 1e-6, `A.grad[0][${j}]`);
                close(gB[j * n], t, mtol * ta + 1e-6, `B.grad[${j}][0]`);
              }
              clear(A);
              clear(B);
            }
          },
        };
      }
      case 'W6': {
        const batch = n, dIn = 784, dH = 512, dOut = 10, lr = 0.01;
        const init = (shape, fanIn) => tg.noGrad(() => randn(shape, 'float32').mul(1 / Math.sqrt(fanIn))).requiresGrad_();
        const W1 = init([dH, dIn], dIn);
        const b1 = tg.zeros([dH]).requiresGrad_();
        const W2 = init([dOut, dH], dH);
        const b2 = tg.zeros([dOut]).requiresGrad_();
        const params = [W1, b1, W2, b2];
        const x = randn([batch, dIn], 'float32');
        const labels = new Int32Array(batch);
        for (let i = 0; i < batch; i++) labels[i] = (i * 7) % dOut;
        const y = tg.tensor(labels, { dtype: 'int32' });
        const fn = F();
        const lossOf = () => fn.crossEntropy(fn.linear(fn.linear(x, W1, b1).relu(), W2, b2), y);
        let update;
        if (typeof W1.sub_ === 'function') {
          const clear = gradClearer(W1);
          update = () => tg.noGrad(() => {
            for (const p of params) { p.sub_(p.grad.mul(lr)); clear(p); }
          });
        } else if (tg.optim && typeof tg.optim.SGD === 'function') {
          const opt = new tg.optim.SGD(params, { lr });
          update = () => { opt.step(); opt.zeroGrad(); };
        } else {
          throw new Error('neither Tensor.sub_ nor tg.optim.SGD');
        }
        return {
          step() {
            const loss = lossOf();
            loss.backward();
            update();
            return loss;
          },
          check() {
            const l0 = num(lossOf());
            if (!Number.isFinite(l0) || l0 <= 0) throw wrong(`loss ${l0}`);
          },
        };
      }
      // W11: ops on a t() view of a contiguous n×n x, and their contiguous twins (bench/lib/workloads.mjs).
      case 'W11.texp':
      case 'W11.exp':
      case 'W11.tadd':
      case 'W11.add':
      case 'W11.tsum0':
      case 'W11.tsum1':
      case 'W11.sum0':
      case 'W11.sum1': {
        const x = randn([n, n], 'float32');
        const y = wl.endsWith('add') ? randn([n, n], 'float32') : null;
        const tr = wl.startsWith('W11.t');
        const op = wl.slice(wl.indexOf('.') + (tr ? 2 : 1));
        if (tr && typeof x.t().isContiguous === 'function' && x.t().isContiguous()) throw wrong('x.t() is contiguous (expected a view)');
        const src = () => (tr ? x.t() : x);
        const f = {
          exp: () => src().exp(),
          add: () => src().add(y),
          sum0: () => src().sum(0),
          sum1: () => src().sum(1),
        }[op];
        return {
          step: f,
          check() {
            const r = f();
            const got = values(r.isContiguous && !r.isContiguous() ? r.contiguous() : r);
            const xv = values(x), yv = y && values(y);
            // s(i, j) is element (i, j) of the operand the op sees (x.t() or x).
            const s = (i, j) => (tr ? xv[j * n + i] : xv[i * n + j]);
            const spots = [[0, 0], [0, n - 1], [n - 1, 1], [n >> 1, n >> 2]];
            if (op === 'exp' || op === 'add') {
              if (r.shape.join() !== `${n},${n}`) throw wrong(`shape [${r.shape}]`);
              for (const [i, j] of spots) {
                const want = op === 'exp' ? Math.exp(s(i, j)) : s(i, j) + yv[i * n + j];
                close(got[i * n + j], want, 1e-5 * Math.max(1, Math.abs(want)), `[${i}][${j}]`);
              }
            } else {
              const dim = op === 'sum0' ? 0 : 1;
              for (const k of [0, n >> 1, n - 1]) {
                let t = 0, ta = 0;
                for (let l = 0; l < n; l++) { const v = dim === 0 ? s(l, k) : s(k, l); t += v; ta += Math.abs(v); }
                close(got[k], t, 1e-5 * ta, `sum(${dim})[${k}]`);
              }
            }
          },
        };
      }
      // W11 indexing on 1e6 elements: x and src are 1000×1000; index tensors are int64 (tg.randint's default, as PyTorch's).
      case 'W11.gather':
      case 'W11.indexSelect':
      case 'W11.scatterAdd': {
        const m = Math.round(Math.sqrt(n));
        const x = randn([m, m], 'float32');
        const idx = wl === 'W11.indexSelect' ? tg.randint(0, m, [m]) : tg.randint(0, m, [m, m]);
        if (idx.dtype !== 'int64') throw wrong(`index dtype ${idx.dtype}`);
        const z = wl === 'W11.scatterAdd' ? tg.zeros([m, m]) : null;
        const f = {
          'W11.gather': () => x.gather(1, idx),
          'W11.indexSelect': () => x.indexSelect(0, idx),
          'W11.scatterAdd': () => z.scatterAdd(1, idx, x),
        }[wl];
        return {
          step: f,
          check() {
            const got = values(f()), xv = values(x), iv = Array.from(values(idx), Number);
            for (const i of [0, m >> 1, m - 1]) {
              if (wl === 'W11.scatterAdd') {
                const row = new Float64Array(m);
                for (let j = 0; j < m; j++) row[iv[i * m + j]] += xv[i * m + j];
                for (let k = 0; k < m; k++) close(got[i * m + k], row[k], 1e-4, `scatterAdd[${i}][${k}]`);
              } else {
                for (const j of [0, 1, m - 1]) {
                  const want = wl === 'W11.gather' ? xv[i * m + iv[i * m + j]] : xv[iv[i] * m + j];
                  close(got[i * m + j], want, 0, `${wl.slice(3)}[${i}][${j}]`);
                }
              }
            }
          },
        };
      }
      // W11 advanced indexing: int64 index tensors as PyTorch's.
      case 'W11.index':
      case 'W11.index2': {
        const two = wl === 'W11.index2';
        const x = two ? randn([n, 10], 'float32') : randn([n], 'float32');
        const idx = tg.randint(0, n, [n]);
        const r = tg.arange(n, { dtype: 'int64' }), y = tg.randint(0, 10, [n]);
        const f = two ? () => x.index([r, y]) : () => x.index([idx]);
        return {
          step: f,
          check() {
            const got = values(f()), xv = values(x), iv = Array.from(values(idx), Number), yv = Array.from(values(y), Number);
            for (const i of [0, 1, n >> 1, n - 1]) close(got[i], two ? xv[i * 10 + yv[i]] : xv[iv[i]], 0, `${wl.slice(4)}[${i}]`);
          },
        };
      }
      // W11 matmul: a t() view operand (a transpose flag for the GEMM) against contiguous operands.
      case 'W11.mmTB':
      case 'W11.mmTA':
      case 'W11.mmC': {
        const a = randn([n, n], 'float32');
        const b = randn([n, n], 'float32');
        const f = { 'W11.mmTB': () => a.mm(b.t()), 'W11.mmTA': () => a.t().mm(b), 'W11.mmC': () => a.mm(b) }[wl];
        return {
          step: f,
          check() {
            const C = values(f()), av = values(a), bv = values(b);
            // operand entries as the product sees them
            const A = wl === 'W11.mmTA' ? (i, k) => av[k * n + i] : (i, k) => av[i * n + k];
            const B = wl === 'W11.mmTB' ? (k, j) => bv[j * n + k] : (k, j) => bv[k * n + j];
            for (const [i, j] of [[0, 0], [0, n - 1], [n - 1, 1]]) {
              let s = 0, sa = 0;
              for (let k = 0; k < n; k++) { s += A(i, k) * B(k, j); sa += Math.abs(A(i, k) * B(k, j)); }
              close(C[i * n + j], s, 2e-5 * sa + 1e-6, `C[${i}][${j}]`);
            }
          },
        };
      }
      // W15: nn.LSTM(256, 256) forward+backward at seq n, batch 32 (bench/lib/workloads.mjs).
      case 'W15.lstm': {
        if (!tg.nn || typeof tg.nn.LSTM !== 'function') {
          const e = new Error('no nn.LSTM in this build');
          e.na = true;
          throw e;
        }
        const lstm = new tg.nn.LSTM(256, 256);
        const x = randn([n, 32, 256], 'float32');
        const params = lstm.parameters();
        const f = () => lstm(x)[0];
        return {
          step() {
            f().sum().backward();
            for (const p of params) p.grad = null;
          },
          check() {
            const out = f();
            if (out.shape.join() !== [n, 32, 256].join()) throw wrong(`output shape ${out.shape}`);
            const v = values(out);
            if (!v.every((e) => Math.abs(e) < 1)) throw wrong('LSTM output outside (-1, 1)');
          },
        };
      }
      // W13: conv2d forward (noGrad) and forward+backward (bench/lib/workloads.mjs CONV_SHAPES).
      case 'W13.resnetF': case 'W13.resnetFB': case 'W13.lenet1F': case 'W13.lenet1FB': case 'W13.lenet2F': case 'W13.lenet2FB': {
        const { CONV_SHAPES } = await import('../lib/workloads.mjs');
        const bwd = wl.endsWith('FB');
        const c = CONV_SHAPES[wl.slice(4, bwd ? -2 : -1)];
        const x = randn(c.x, 'float32'), w = randn(c.w, 'float32').mul(0.1), b = randn([c.w[0]], 'float32');
        if (bwd) for (const t of [x, w, b]) t.requiresGrad_();
        const fwd = () => F().conv2d(x, w, b, 1, c.padding);
        const step = bwd
          ? () => {
            const y = fwd();
            y.backward(tg.onesLike(y));
            x.grad = null; w.grad = null; b.grad = null;
          }
          : () => tg.noGrad(fwd);
        return {
          step,
          check() {
            const y = tg.noGrad(fwd), yv = values(y), xv = values(x), wv = values(w), bv = values(b);
            const [, C, H, W] = c.x, [O, , K] = c.w, Ho = y.shape[2], Wo = y.shape[3];
            for (const [n, o, i, j] of [[0, 0, 0, 0], [c.x[0] - 1, O - 1, Ho - 1, Wo - 1], [1, O >> 1, Ho >> 1, Wo >> 2]]) {
              let s = bv[o], sa = Math.abs(bv[o]);
              for (let ci = 0; ci < C; ci++) for (let ki = 0; ki < K; ki++) for (let kj = 0; kj < K; kj++) {
                const h = i - c.padding + ki, ww = j - c.padding + kj;
                if (h < 0 || h >= H || ww < 0 || ww >= W) continue;
                const t = xv[((n * C + ci) * H + h) * W + ww] * wv[((o * C + ci) * K + ki) * K + kj];
                s += t; sa += Math.abs(t);
              }
              close(yv[((n * O + o) * Ho + i) * Wo + j], s, 1e-5 * sa + 1e-6, `y[${n}][${o}][${i}][${j}]`);
            }
          },
        };
      }
      // W14: pooling and batch norm on [128, 16, 28, 28] (n elements; bench/lib/workloads.mjs).
      case 'W14.maxPool2d':
      case 'W14.maxPool2dBwd':
      case 'W14.batchNorm2d':
      case 'W14.batchNorm2dBwd': {
        const shape = [n / (16 * 28 * 28), 16, 28, 28];
        const bwd = wl.endsWith('Bwd');
        const x = randn(shape, 'float32');
        if (bwd) x.requiresGrad_(true);
        const w = tg.ones([16]).requiresGrad_(bwd), b = tg.zeros([16]).requiresGrad_(bwd);
        const rm = tg.zeros([16]), rv = tg.ones([16]);
        const pool = wl.startsWith('W14.maxPool');
        const f = pool ? () => F().maxPool2d(x, 2) : () => F().batchNorm(x, rm, rv, w, b, true);
        const clear = gradClearer(x);
        return {
          step: bwd
            ? () => { f().sum().backward(); clear(x); if (!pool) { clear(w); clear(b); } }
            : () => tg.noGrad(f),
          check() {
            const y = values(tg.noGrad(f));
            const xv = values(x);
            if (pool) {
              // window (0, 0) of plane 0 and the last window of the last plane
              const at = (p, h, q) => xv[p * 784 + h * 28 + q];
              const P = shape[0] * 16 - 1;
              close(y[0], Math.max(at(0, 0, 0), at(0, 0, 1), at(0, 1, 0), at(0, 1, 1)), 0, 'y[0]');
              close(y[y.length - 1], Math.max(at(P, 26, 26), at(P, 26, 27), at(P, 27, 26), at(P, 27, 27)), 0, 'y[last]');
            } else {
              // channel 3 of the output has mean 0 and biased variance 1 - eps / (var + eps) ~ 1
              let s = 0, q = 0, m = 0;
              for (let k = 0; k < shape[0]; k++) for (let i = 0; i < 784; i++) { const v = y[(k * 16 + 3) * 784 + i]; s += v; q += v * v; m++; }
              close(s / m, 0, 1e-4, 'channel mean');
              close(q / m, 1, 1e-3, 'channel variance');
            }
          },
        };
      }
      // W16 (layer norm) and W17 (attention) at SEQ_SHAPES[n] = [batch, tokens, channels] (bench/lib/workloads.mjs).
      case 'W16.layerNorm': case 'W16.layerNormBwd': case 'W17.sdpa': case 'W17.mha': {
        const { SEQ_SHAPES, SEQ_HEADS: H } = await import('../lib/workloads.mjs');
        const [B, T, C] = SEQ_SHAPES[n];
        const bwd = wl !== 'W16.layerNorm';
        const clear = gradClearer(randn([1], 'float32').requiresGrad_());
        if (wl.startsWith('W16.')) {
          const x = randn([B, T, C], 'float32').requiresGrad_(bwd);
          const w = tg.ones([C]).requiresGrad_(bwd), b = tg.zeros([C]).requiresGrad_(bwd);
          const f = () => F().layerNorm(x, [C], w, b);
          return {
            step: bwd ? () => { f().sum().backward(); clear(x); clear(w); clear(b); } : () => tg.noGrad(f),
            check() {
              // each row of the output has mean 0 and biased variance ~1
              const y = values(tg.noGrad(f));
              for (const r of [0, B * T - 1]) {
                let s = 0, q = 0;
                for (let i = 0; i < C; i++) { const v = y[r * C + i]; s += v; q += v * v; }
                close(s / C, 0, 1e-4, `row ${r} mean`);
                close(q / C, 1, 2e-3, `row ${r} variance`);
              }
            },
          };
        }
        if (wl === 'W17.sdpa') {
          const [q, k, v] = [0, 1, 2].map(() => randn([B, H, T, C / H], 'float32').requiresGrad_());
          const f = () => F().scaledDotProductAttention(q, k, v);
          return {
            step() { f().sum().backward(); clear(q); clear(k); clear(v); },
            check() {
              // output row (0, 0, 0) is the softmax(q k^T / sqrt(d))-weighted mean of v's rows
              const y = values(tg.noGrad(f)), qv = values(q), kv = values(k), vv = values(v), d = C / H;
              const s = Array.from({ length: T }, (_, j) => { let a = 0; for (let e = 0; e < d; e++) a += qv[e] * kv[j * d + e]; return a / Math.sqrt(d); });
              const m = Math.max(...s), p = s.map((a) => Math.exp(a - m)), z = p.reduce((a, c) => a + c, 0);
              for (const e of [0, d - 1]) close(y[e], p.reduce((a, c, j) => a + (c / z) * vv[j * d + e], 0), 1e-4, `y[0][0][0][${e}]`);
            },
          };
        }
        const mha = new tg.nn.MultiheadAttention(C, H, { batchFirst: true });
        const x = randn([B, T, C], 'float32').requiresGrad_();
        const params = mha.parameters();
        const f = () => mha(x, x, x, { needWeights: false })[0];
        return {
          step() { f().sum().backward(); clear(x); for (const p of params) p.grad = null; },
          check() {
            const y = tg.noGrad(f);
            if (y.shape.join() !== [B, T, C].join()) throw wrong(`output shape ${y.shape}`);
            if (!values(y).every(Number.isFinite)) throw wrong('non-finite output');
          },
        };
      }
      // W12: one makemore training step, the model and data of examples/makemore (model.mjs).
      case 'W12.makemore': {
        const { Transformer, createDatasets } = await import(pathToFileURL(path.join(repoRoot, 'examples', 'makemore', 'model.mjs')).href);
        const [train] = createDatasets(path.join(repoRoot, 'examples', 'makemore', 'names.txt'));
        const model = new Transformer({ vocabSize: train.vocabSize(), blockSize: train.outputLength(), nLayer: 4, nHead: 4, nEmbd: 64 });
        const opt = new tg.optim.AdamW(model.parameters(), { lr: 5e-4, weightDecay: 0.01, betas: [0.9, 0.99], eps: 1e-8 });
        const step = () => {
          const [X, Y] = train.batch(tg.randint(0, train.length, [n], { dtype: 'int32' }).tolist());
          const [, loss] = model(X, Y);
          model.zeroGrad({ setToNone: true });
          loss.backward();
          opt.step();
          return num(loss);
        };
        return {
          step,
          check() {
            // the first steps of a fresh model start near ln(27) = 3.30 and go down
            const l0 = step();
            if (!(l0 > 2 && l0 < 4.5)) throw wrong(`first loss ${l0}`);
          },
        };
      }
      // W20 (issue 19): per-example gradients of an MNIST MLP 784-128-10 (relu, cross-entropy) at batch n, via
      // tg.vmap over tg.autograd.grad with inDims [null, 0, 0] and by hand (the batch's summed-loss grads of the
      // pre-activations, then per-example outer products with bmm); check: both agree.
      case 'W20.vmapGrad': case 'W20.handGrad': {
        const dIn = 784, dH = 128, dOut = 10;
        const init = (shape, fanIn) => tg.noGrad(() => randn(shape, 'float32').mul(1 / Math.sqrt(fanIn))).requiresGrad_();
        const params = [init([dH, dIn], dIn), tg.zeros([dH]).requiresGrad_(), init([dOut, dH], dH), tg.zeros([dOut]).requiresGrad_()];
        const x = randn([n, dIn], 'float32');
        const y = tg.tensor(Array.from({ length: n }, (_, i) => (i * 7) % dOut), { dtype: 'int64' });
        const fn = F();
        const loss = (ps, xi, yi) => fn.crossEntropy(fn.linear(fn.linear(xi, ps[0], ps[1]).relu(), ps[2], ps[3]), yi);
        const perExample = tg.vmap((ps, xi, yi) => tg.autograd.grad(loss(ps, xi, yi), ps), { inDims: [null, 0, 0] });
        const byHand = () => {
          const z1 = fn.linear(x, params[0], params[1]), h = z1.relu(), z2 = fn.linear(h, params[2], params[3]);
          const [g2, g1] = tg.autograd.grad(fn.crossEntropy(z2, y, { reduction: 'sum' }), [z2, z1]);
          return [tg.bmm(g1.unsqueeze(2), x.unsqueeze(1)), g1, tg.bmm(g2.unsqueeze(2), h.unsqueeze(1)), g2];
        };
        const f = wl === 'W20.vmapGrad' ? () => perExample(params, x, y) : byHand;
        return {
          step() { for (const g of f()) g.dispose(); },
          check() {
            const a = perExample(params, x, y), b = byHand();
            for (let i = 0; i < 4; i++) close(num(a[i].sub(b[i]).abs().max()), 0, 1e-5, `per-example grad ${i}`);
          },
        };
      }
      // W21: inference, forward under noGrad in eval mode (the onnxruntime peer's rows; bench/lib/workloads.mjs):
      // the W6 MLP 784-512-10 and examples/mnist-cnn's LeNet-5, batch n, -> logits.
      case 'W21.mlp':
      case 'W21.cnn': {
        const nn = tg.nn;
        const model = wl === 'W21.mlp'
          ? new nn.Sequential(new nn.Linear(784, 512), new nn.ReLU(), new nn.Linear(512, 10))
          : new nn.Sequential(
            new nn.Conv2d(1, 6, 5, { padding: 2, bias: false }), new nn.BatchNorm2d(6), new nn.ReLU(), new nn.MaxPool2d(2),
            new nn.Conv2d(6, 16, 5, { bias: false }), new nn.BatchNorm2d(16), new nn.ReLU(), new nn.MaxPool2d(2),
            new nn.Flatten(), new nn.Linear(400, 120), new nn.ReLU(), new nn.Dropout(0.1),
            new nn.Linear(120, 84), new nn.ReLU(), new nn.Dropout(0.1), new nn.Linear(84, 10));
        model.eval();
        const x = randn(wl === 'W21.mlp' ? [n, 784] : [n, 1, 28, 28], 'float32');
        return {
          step: () => tg.noGrad(() => model(x)),
          check() {
            const y = tg.noGrad(() => model(x));
            if (y.shape.join() !== `${n},10`) throw new Error(`W21: logits of shape [${y.shape}]`);
          },
        };
      }
      default: {
        const e = new Error(`unknown workload ${wl}`);
        e.na = true;
        throw e;
      }
    }
  }

  // W7: one iteration of W2 at n, nothing disposed or freed by hand.
  async function memStep(n) {
    const a = tg.randn([n]).requiresGrad_();
    const b = tg.randn([n]).requiresGrad_();
    const clear = gradClearer(a);
    return () => { a.mul(b).add(a).sum().backward(); clear(a); clear(b); };
  }

  return {
    info: { version, from, threads: nThreads, threadNote, capability, aggressiveGc },
    setup,
    memStep,
  };
}
