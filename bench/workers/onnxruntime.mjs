// onnxruntime-node side of the benchmark: the forward-only rows (matmul forward, conv forward, MLP and CNN
// inference), which is what a Node user would pick ONNX Runtime for. It runs the graphs bench/torch/export_onnx.py
// exports from PyTorch (bench/setup.sh makes them in bench/onnx/), on the CPU execution provider with every graph
// optimization on, intra-op threads = the bench's thread count: its strongest CPU configuration. One step is one
// awaited `session.run`, as a user's code calls it. Rows with a backward, or whose graph is missing, are n/a.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const graphs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'onnx');

function na(msg) {
  const e = new Error(msg);
  e.na = true;
  return e;
}

// Mirrors bench/lib/workloads.mjs CONV_SHAPES and the W21 rows; the graphs' input shapes are static.
const INPUT_SHAPES = {
  'W13.resnetF': [8, 64, 56, 56],
  'W13.lenet1F': [128, 1, 28, 28],
  'W13.lenet2F': [128, 6, 14, 14],
  'W21.mlp': [128, 784],
  'W21.cnn': [128, 1, 28, 28],
};

export async function create({ threads }) {
  const ort = require('onnxruntime-node');
  const version = require('onnxruntime-node/package.json').version;
  const T = threads || 1;
  const options = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: T,
    interOpNumThreads: 1,
  };
  const info = { version, threads: T, threadNote: `CPU execution provider, intra-op threads ${T}, graph optimization all` };

  const randn = (count, dtype) => {
    // A fixed-seed normal-ish fill (sum of uniforms); the values only need to be ordinary floats.
    const a = dtype === 'float64' ? new Float64Array(count) : new Float32Array(count);
    let s = 0x9e3779b9 >>> 0;
    const u = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
    for (let i = 0; i < count; i++) a[i] = u() + u() + u() - 1.5;
    return a;
  };
  const tensor = (shape, dtype) => new ort.Tensor(dtype, randn(shape.reduce((p, d) => p * d, 1), dtype), shape);

  async function setup(wl, n, dtype) {
    let file, feeds;
    if (wl === 'W5.fwd') {
      file = `W5.fwd.${n}.${dtype === 'float64' ? 'f64' : 'f32'}.onnx`;
      feeds = { a: tensor([n, n], dtype), b: tensor([n, n], dtype) };
    } else if (INPUT_SHAPES[wl]) {
      if (dtype !== 'float32') throw na('float32 graphs only');
      file = `${wl}.onnx`;
      feeds = { x: tensor(INPUT_SHAPES[wl], dtype) };
    } else {
      throw na('forward-only rows only (inference)');
    }
    const f = path.join(graphs, file);
    if (!existsSync(f)) throw na(`no graph ${file} (bench/setup.sh exports them when PyTorch is importable)`);
    const session = await ort.InferenceSession.create(readFileSync(f), options);
    return {
      asyncStep: async () => { await session.run(feeds); },
      free: () => { session.release?.(); },
    };
  }

  // W7 is a training loop (forward and backward): not a row for an inference runtime.
  async function memStep() {
    throw na('forward-only rows only (inference)');
  }

  return { info, setup, memStep };
}
