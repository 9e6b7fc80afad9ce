// Where the W10 epoch (examples/mnist-cnn) spends its time: each layer of the CNN alone at batch 128, forward
// (grad recording on, train mode) and backward (y.backward(g) with a fixed random grad of y's shape), plus the
// loss, the shift augmentation, the batch gather and the Adam step; medians of REPS runs. The same in PyTorch:
// bench/torch/profile_cnn.py. Per epoch: 63 batches (62 of 128 and one of 64).
//   node examples/mnist-cnn/profile.mjs [REPS]      (THREADS=n, default 2)
import tg from 'tensorgrad';
import { lenet } from './model.mjs';
import { makeShifter } from '../mnist/shift.mjs';

const REPS = Number(process.argv[2] ?? 30);
tg.setNumThreads(Number(process.env.THREADS ?? 2));
tg.manualSeed(0);
const B = 128;
const model = lenet(tg);
const layers = [...model.children()];
const med = (f) => {
  const t = [];
  for (let i = 0; i < REPS + 3; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.splice(0, 3);
  return Math.min(...t);
};
const rows = [];
let x = tg.randn([B, 1, 28, 28]);
for (const [i, layer] of layers.entries()) {
  const xin = x.detach().requiresGrad_(i > 0); // the first conv needs no input grad (the image)
  const y0 = layer(xin);
  const g = tg.randnLike(y0);
  const fwd = med(() => layer(xin));
  const bwd = med(() => {
    const y = layer(xin);
    const t0 = performance.now();
    y.backward(g);
    return performance.now() - t0;
  });
  // backward alone: forward+backward minus forward
  rows.push([`${i} ${layer.constructor.name} ${xin.shape.join('x')}`, fwd, Math.max(0, bwd - fwd)]);
  x = y0.detach();
  for (const p of layer.parameters()) p.grad = null;
}
const logits = tg.randn([B, 10]).requiresGrad_(), y = tg.randint(0, 10, [B], { dtype: 'int32' });
rows.push(['crossEntropy', med(() => tg.nn.functional.crossEntropy(logits, y)), Math.max(0, med(() => tg.nn.functional.crossEntropy(logits, y).backward()) - med(() => tg.nn.functional.crossEntropy(logits, y)))]);
const shifted = makeShifter(tg, 2), img = tg.randn([B, 1, 28, 28]);
rows.push(['shift (12 ops)', med(() => shifted(img)), 0]);
const data = tg.randn([8000, 1, 28, 28]), idx = tg.randint(0, 8000, [B], { dtype: 'int32' });
rows.push(['batch gather (indexSelect)', med(() => data.indexSelect(0, idx)), 0]);
for (const p of model.parameters()) p.grad = tg.randnLike(p);
const opt = new tg.optim.Adam(model.parameters(), { lr: 1e-3 });
rows.push(['Adam step', med(() => opt.step()), 0]);
rows.push(['zeroGrad', med(() => { for (const p of model.parameters()) p.grad = tg.randnLike(p); }) * 0 + med(() => opt.zeroGrad()), 0]);
const full = (() => {
  const m = lenet(tg), o = new tg.optim.Adam(m.parameters(), { lr: 1e-3 }), xb = tg.randn([B, 1, 28, 28]);
  return med(() => { const l = tg.nn.functional.crossEntropy(m(shifted(xb)), y); o.zeroGrad(); l.backward(); o.step(); l.item(); });
})();
let sf = 0, sb = 0;
console.log(`tensorgrad, ${tg.getNumThreads()} threads, batch ${B}, best of ${REPS} (ms)`);
for (const [name, f, b] of rows) {
  sf += f; sb += b;
  console.log(`${name.padEnd(36)} fwd ${f.toFixed(3).padStart(8)}  bwd ${b.toFixed(3).padStart(8)}`);
}
console.log(`${'sum of the parts'.padEnd(36)} fwd ${sf.toFixed(3).padStart(8)}  bwd ${sb.toFixed(3).padStart(8)}  total ${(sf + sb).toFixed(3)}`);
console.log(`${'whole training step'.padEnd(36)} ${full.toFixed(3)} ms  (x 63 batches = ${(full * 63 / 1000).toFixed(3)} s/epoch)`);
