// The model the server runs: examples/mnist's MLP 784-256-10 (ReLU), and where its weights live.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tg from 'tensorgrad';

export const DIM = 28 * 28;
const here = dirname(fileURLToPath(import.meta.url));
/** Written by `node examples/server/train-tiny.mjs` (a few seconds); examples/mnist's full run is used if present. */
export const TINY_WEIGHTS = join(here, 'out', 'mnist-mlp.safetensors');
export const FULL_WEIGHTS = join(here, '..', 'mnist', 'out', 'mnist-mlp.safetensors');

export function makeModel() {
  const { nn } = tg;
  return new nn.Sequential(new nn.Linear(DIM, 256), new nn.ReLU(), new nn.Linear(256, 10));
}

/** The checkpoint to serve: an explicit path, else the full MNIST run's, else the tiny one's; null if none. */
export function findWeights(path) {
  if (path) return path;
  if (existsSync(FULL_WEIGHTS)) return FULL_WEIGHTS;
  if (existsSync(TINY_WEIGHTS)) return TINY_WEIGHTS;
  return null;
}
