// Writes a small trained checkpoint for the server in a few seconds: examples/mnist's MLP, 2 epochs of Adam on
// its 8,000 training digits (no shifts), about 91-93% test accuracy (the full example reaches ~96%).
// Run: node examples/server/train-tiny.mjs   (EPOCHS=n to change)
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import tg from 'tensorgrad';
import { loadMnist } from '../mnist/data.mjs';
import { makeModel, DIM, TINY_WEIGHTS } from './model.mjs';

const EPOCHS = Number(process.env.EPOCHS ?? 2);
const BATCH = 64;
tg.manualSeed(0);
const { trainX, trainY, testX, testY } = loadMnist();
const model = makeModel();
const opt = new tg.optim.Adam(model.parameters(), { lr: 1e-3 });
const X = tg.tensor(trainX).reshape([-1, DIM]), Y = tg.tensor(trainY);
const t0 = performance.now();
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const perm = tg.randperm(Y.shape[0]);
  for (let i = 0; i < Y.shape[0]; i += BATCH) {
    const idx = perm.narrow(0, i, Math.min(BATCH, Y.shape[0] - i));
    const loss = tg.nn.functional.crossEntropy(model.forward(X.indexSelect(0, idx)), Y.indexSelect(0, idx));
    opt.zeroGrad();
    loss.backward();
    opt.step();
  }
}
const acc = tg.noGrad(() => model.forward(tg.tensor(testX).reshape([-1, DIM])).argmax(1).eq(tg.tensor(testY)).float().mean().item());
mkdirSync(dirname(TINY_WEIGHTS), { recursive: true });
tg.save(model.stateDict(), TINY_WEIGHTS, { metadata: { arch: '784-256-10 relu', epochs: String(EPOCHS), testAccuracy: acc.toFixed(4) } });
console.log(`${EPOCHS} epochs in ${((performance.now() - t0) / 1000).toFixed(1)} s, test accuracy ${(100 * acc).toFixed(2)}%: ${TINY_WEIGHTS}`);
