// The end of an MNIST example's run, shared by the MLP (train.mjs) and the CNN (../mnist-cnn/train.mjs): the
// summary line over the epochs after the first (a warm-up: code compiles, storage caches fill), the weights saved
// with tg.save, and the `@@` JSON line of every epoch's unrounded time that bench/run.mjs reads.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Prints the summary, saves `model`'s stateDict to `outDir/fileName` with `metadata`, prints the @@ line. */
export function finishRun(tg, model, { times, testAcc, outDir, fileName, metadata }) {
  const timed = times.length > 1 ? times.slice(1) : times;
  const sorted = [...timed].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const warm = timed.length < times.length ? ', after 1 warm-up epoch' : '';
  console.log(`test accuracy ${(100 * testAcc).toFixed(2)}%  |  ${median.toFixed(4)} s/epoch (median of ${timed.length}` +
    `${warm}; ${sorted[0].toFixed(4)}-${sorted[sorted.length - 1].toFixed(4)})`);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, fileName);
  tg.save(model.stateDict(), file, { metadata: { ...metadata, testAccuracy: testAcc.toFixed(4) } });
  console.log(`weights saved to ${file}`);
  console.log(`@@${JSON.stringify({ epoch_s: times, test_accuracy: testAcc, threads: tg.getNumThreads() })}`);
}
