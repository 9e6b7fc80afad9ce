// TensorFlow.js side of the benchmark (backends 'cpu' and 'wasm').
// Idiomatic tfjs: gradients through tf.grad / tf.grads, training through
// tf.train.sgd().minimize, every iteration inside tf.tidy so intermediate
// tensors are released as a careful user would (W7 deliberately does not).
// TensorFlow.js has no float64: those cells say so.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function na(msg) {
  const e = new Error(msg);
  e.na = true;
  return e;
}

export async function create({ backend }) {
  const tf = require('@tensorflow/tfjs');
  if (backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
  const ok = await tf.setBackend(backend);
  await tf.ready();
  if (!ok || tf.getBackend() !== backend) throw new Error(`tfjs backend ${backend} did not initialize`);
  tf.enableProdMode(); // no per-op NaN checks or debug bookkeeping

  const info = {
    version: tf.version.tfjs,
    backend,
    threads: 1,
    threadNote: backend === 'wasm'
      ? `wasm SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}, multithread ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'on' : 'off (Node)'}`
      : 'plain JS kernels, single-threaded',
  };

  const now = () => Number(process.hrtime.bigint()) / 1e9;

  async function setup(wl, n, dtype) {
    if (dtype !== 'float32') throw na('no float64 in TensorFlow.js');
    const owned = [];
    const keep = (t) => { owned.push(t); return t; };
    const free = () => { for (const t of owned) t.dispose(); };
    const rnd = (shape) => keep(tf.randomNormal(shape, 0, 1, 'float32', 0));
    const tidy = (f) => () => tf.tidy(() => { f(); });
    switch (wl) {
      case 'W1.loop': {
        const x = keep(tf.range(0, 4, 1, 'float32'));
        const g = tf.grad((v) => tf.dot(v, v).mul(2));
        return { step: tidy(() => g(x)), free };
      }
      case 'W1.fwd': {
        const x = keep(tf.range(0, 4, 1, 'float32'));
        return { step: tidy(() => tf.dot(x, x).mul(2)), free };
      }
      case 'W1b.bwd': {
        // tf.grad runs forward and backward together; the backward time is
        // estimated as tf.grad's time minus the median forward-only time.
        const x = keep(tf.scalar(1.0));
        const f = (v) => { let y = v; for (let i = 0; i < n; i++) y = y.mul(1.0001).add(0.0001); return y; };
        const g = tf.grad(f);
        const fw = [];
        for (let i = 0; i < 15; i++) {
          const t0 = now();
          tf.tidy(() => { f(x); });
          fw.push(now() - t0);
        }
        fw.sort((a, b) => a - b);
        const fwd = fw[fw.length >> 1];
        return {
          prep: () => null,
          timed() {
            const t0 = now();
            tf.tidy(() => { g(x); });
            return Math.max(0, now() - t0 - fwd);
          },
          free,
          note: 'estimated: tf.grad time minus forward time',
        };
      }
      case 'W2': {
        const a = rnd([n]);
        const b = rnd([n]);
        const g = tf.grads((p, q) => p.mul(q).add(p).sum());
        return { step: tidy(() => g([a, b])), free };
      }
      case 'W3.tanh':
      case 'W3.exp':
      case 'W3.sigmoid': {
        const f = tf[wl.slice(3)];
        const x = rnd([n]);
        const g = tf.grad((v) => f(v).sum());
        return { step: tidy(() => g(x)), free };
      }
      case 'W4.sum': { const x = rnd([n]); return { step: tidy(() => tf.sum(x)), free }; }
      case 'W4.norm': { const x = rnd([n]); return { step: tidy(() => tf.norm(x)), free }; }
      case 'W4.dot': {
        const a = rnd([n]);
        const b = rnd([n]);
        return { step: tidy(() => tf.dot(a, b)), free };
      }
      case 'W9.cumsum': { const x = rnd([n]); return { step: tidy(() => tf.cumsum(x)), free }; }
      case 'W9.sort': { const x = rnd([n]); return { step: tidy(() => tf.topk(x, n)), free }; }
      case 'W9.topk': { const x = rnd([n]); return { step: tidy(() => tf.topk(x, 10)), free }; }
      case 'W5.fwd': {
        const A = rnd([n, n]);
        const B = rnd([n, n]);
        return { step: tidy(() => tf.matMul(A, B)), free };
      }
      case 'W5.fwdbwd': {
        const A = rnd([n, n]);
        const B = rnd([n, n]);
        const g = tf.grads((p, q) => tf.matMul(p, q).sum());
        return { step: tidy(() => g([A, B])), free };
      }
      case 'W6': {
        const batch = n, dIn = 784, dH = 512, dOut = 10;
        const v = (shape, scale) => keep(tf.variable(tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', 1).mul(scale))));
        const W1 = v([dIn, dH], 1 / Math.sqrt(dIn));
        const b1 = keep(tf.variable(tf.zeros([dH])));
        const W2 = v([dH, dOut], 1 / Math.sqrt(dH));
        const b2 = keep(tf.variable(tf.zeros([dOut])));
        const x = rnd([batch, dIn]);
        const labels = new Int32Array(batch);
        for (let i = 0; i < batch; i++) labels[i] = (i * 7) % dOut;
        const onehot = keep(tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), dOut).toFloat()));
        const opt = tf.train.sgd(0.01);
        const loss = () => tf.losses.softmaxCrossEntropy(onehot, tf.relu(x.matMul(W1).add(b1)).matMul(W2).add(b2));
        return {
          step: tidy(() => opt.minimize(loss, false, [W1, b1, W2, b2])),
          free: () => { free(); opt.dispose(); },
        };
      }
      // W11: tfjs tensors have no strided views; the idiomatic spelling of x.t().op() is tf.transpose(x) then
      // the op (the transpose is materialized, and timed).
      case 'W11.texp': { const x = rnd([n, n]); return { step: tidy(() => tf.transpose(x).exp()), free }; }
      case 'W11.exp': { const x = rnd([n, n]); return { step: tidy(() => x.exp()), free }; }
      case 'W11.tadd': {
        const x = rnd([n, n]);
        const y = rnd([n, n]);
        return { step: tidy(() => tf.transpose(x).add(y)), free };
      }
      case 'W11.add': {
        const x = rnd([n, n]);
        const y = rnd([n, n]);
        return { step: tidy(() => x.add(y)), free };
      }
      case 'W11.tsum0': { const x = rnd([n, n]); return { step: tidy(() => tf.sum(tf.transpose(x), 0)), free }; }
      case 'W11.tsum1': { const x = rnd([n, n]); return { step: tidy(() => tf.sum(tf.transpose(x), 1)), free }; }
      case 'W11.sum0': { const x = rnd([n, n]); return { step: tidy(() => tf.sum(x, 0)), free }; }
      case 'W11.sum1': { const x = rnd([n, n]); return { step: tidy(() => tf.sum(x, 1)), free }; }
      // gather(1, idx) with a per-row index is tf.gather with batchDims 1; indexSelect(0, idx) is tf.gather on
      // axis 0. Index tensors int32. tfjs has no scatter_add (tf.scatterND takes n-d indices into zeros).
      case 'W11.gather':
      case 'W11.indexSelect': {
        const m = Math.round(Math.sqrt(n));
        const x = rnd([m, m]);
        const shape = wl === 'W11.gather' ? [m, m] : [m];
        const idx = keep(tf.randomUniform(shape, 0, m, 'int32', 0));
        return {
          step: wl === 'W11.gather' ? tidy(() => tf.gather(x, idx, 1, 1)) : tidy(() => tf.gather(x, idx, 0)),
          free,
        };
      }
      case 'W11.scatterAdd':
        throw na('no scatter_add in TensorFlow.js');
      case 'W11.index':
      case 'W11.index2':
        throw na('advanced-indexing rows compare tensorgrad with PyTorch only');
      // matmul with a transposed operand: tfjs takes it as the transposeA/transposeB flag of tf.matMul.
      case 'W11.mmTB':
      case 'W11.mmTA':
      case 'W11.mmC': {
        const a = rnd([n, n]);
        const b = rnd([n, n]);
        const ta = wl === 'W11.mmTA', tb = wl === 'W11.mmTB';
        return { step: tidy(() => tf.matMul(a, b, ta, tb)), free };
      }
      case 'W15.lstm':
        throw na('no LSTM layer in tfjs-core (tf.layers is another package)');
      default:
        throw na(`unknown workload ${wl}`);
    }
  }

  // W7: W2 at n with no tidy and no dispose(). The wasm backend keeps every
  // tensor's memory until dispose(), so it grows until the driver's cap stops
  // it; the cpu backend's storage is partly reclaimed by the JS GC.
  async function memStep(n) {
    const a = tf.randomNormal([n]);
    const b = tf.randomNormal([n]);
    const g = tf.grads((p, q) => p.mul(q).add(p).sum());
    return () => { g([a, b]); };
  }

  return { info, setup, memStep, memNote: 'no tidy/dispose' };
}
