// The benchmark's rows: which workload, at which size and dtype, and how its
// time turns into a throughput that can be set against a machine limit.

// onnxruntime (onnxruntime-node) runs the forward-only rows only: W5.fwd, W13.*F and the W21 inference rows.
export const LIBS = ['tensorgrad', 'torch', 'tfjs-cpu', 'tfjs-wasm', 'onnxruntime'];
export const LIB_TITLES = {
  tensorgrad: 'tensorgrad',
  torch: 'PyTorch',
  'tfjs-cpu': 'tfjs-cpu',
  'tfjs-wasm': 'tfjs-wasm',
  onnxruntime: 'onnxruntime',
};
export const PEERS = LIBS.filter((l) => l !== 'tensorgrad');
// tensorgrad again, with its aggressive-GC opt-in (TG_AGGRESSIVE_GC=1), on the rows marked gcCompare only.
export const GC_OPTIN = 'tensorgrad-gc';
// tensorgrad again, on one kernel thread, on the rows marked scaling (issue 18: every parallel kernel at 1e6
// elements and up should run >= 1.8x its one-thread speed on two threads); a row's scaling = t(1) / t(T).
export const ONE_THREAD = 'tensorgrad-1t';
// One row per workload family whose kernels are parallel (the largest-but-one size, or 1e6 where there is one).
const SCALING_IDS = new Set(['W2/1e6/f32', 'W2/1e6/f64', 'W3.tanh/1e6/f32', 'W3.exp/1e6/f32', 'W4.sum/1.6e7/f32',
  'W4.dot/1.6e7/f32', 'W5.fwd/1024²/f32', 'W5.fwd/1024²/f64', 'W5.fwdbwd/1024²/f32', 'W5.mmTall/4096×64×4096/f32',
  'W9.sort/1e6/f32', 'W11.exp/4096²/f32', 'W11.sum1/4096²/f32', 'W11.gather/1e6 (1000²)/f32', 'W13.resnetF/8×64×56×56/f32',
  'W14.maxPool2d/128×16×28×28/f32', 'W14.batchNorm2d/128×16×28×28/f32', 'W16.layerNorm/8×256×256/f32']);
// Non-square and skinny GEMM shapes (issue 18), forward only: wl -> [M, K, N, batch]. The workers hold the same
// table (bench/workers/tensorgrad.mjs, bench/torch/worker.py).
export const W5_SHAPES = {
  'W5.mmWide': [128, 4096, 128, 1],
  'W5.mmTall': [4096, 64, 4096, 1],
  'W5.bmm': [64, 64, 64, 64],
};

const eltBytes = (dtype) => (dtype === 'float64' ? 8 : 4);
const short = (dtype) => (dtype === 'float64' ? 'f64' : 'f32');

export function sizeLabel(n) {
  if (n < 1000) return String(n);
  const e = Math.floor(Math.log10(n));
  const m = Number((n / 10 ** e).toPrecision(3));
  return `${m}e${e}`;
}

function row(group, wl, label, size, dtype, extra = {}) {
  const sizeText = extra.sizeText || sizeLabel(size);
  return {
    id: `${wl}/${sizeText}/${short(dtype)}`,
    group, wl, label, size, sizeText, dtype,
    ...extra,
  };
}

// Every row, full mode. gcCompare rows also time tensorgrad with its aggressive-GC opt-in (bench/run.mjs). `quick` keeps a smoke subset that still touches
// every workload.
export function allRows({ quick = false, memIters = 2000 } = {}) {
  const rows = [];
  rows.push(row('W1', 'W1.loop', 'lesson loop: y=2·dot(x,x); backward; grad.zero_()', 4, 'float32', { sizeText: 'n=4' }));
  rows.push(row('W1', 'W1.fwd', 'lesson forward 2·dot(x,x) under noGrad', 4, 'float32', { sizeText: 'n=4' }));
  rows.push(row('W1b', 'W1b.bwd', 'scalar chain y=y·1.0001+0.0001: backward', 1000, 'float32', { sizeText: '1000 ops' }));

  const w2sizes = quick ? [1e3, 1e6] : [1e3, 1e5, 1e6, 1.6e7];
  for (const dtype of ['float32', 'float64']) {
    for (const n of (dtype === 'float64' && quick ? [1e6] : w2sizes)) {
      rows.push(row('W2', 'W2', '(a·b+a).sum().backward()', n, dtype, {
        bytes: 4 * eltBytes(dtype) * n, limit: 'read', gcCompare: n === 1e5 || n === 1e6,
      }));
    }
  }
  for (const f of ['tanh', 'exp', 'sigmoid']) {
    for (const n of quick ? [1e6] : [1e6, 1.6e7]) {
      rows.push(row('W3', `W3.${f}`, `${f}(x).sum().backward()`, n, 'float32', {
        bytes: 2 * 4 * n, limit: 'read', gcCompare: f === 'sigmoid' && n === 1e6,
      }));
    }
  }
  const n4 = 1.6e7;
  // probeRead: the read bandwidth is also measured beside every rep (see bench/README.md).
  rows.push(row('W4', 'W4.sum', 'x.sum()', n4, 'float32', { bytes: 4 * n4, limit: 'read', showRate: 'GB/s', probeRead: true }));
  rows.push(row('W4', 'W4.norm', 'x.norm()', n4, 'float32', { bytes: 4 * n4, limit: 'read', showRate: 'GB/s', probeRead: true }));
  rows.push(row('W4', 'W4.dot', 'dot(a, b)', n4, 'float32', { bytes: 8 * n4, limit: 'read', showRate: 'GB/s', probeRead: true }));

  for (const dtype of ['float32', 'float64']) {
    const sizes = quick ? (dtype === 'float32' ? [64, 256] : [256]) : [16, 64, 256, 512, 1024];
    for (const n of sizes) {
      rows.push(row('W5', 'W5.fwd', 'A@B forward', n, dtype, {
        sizeText: `${n}²`, flops: 2 * n ** 3, limit: 'fma', showRate: 'GFLOP/s',
      }));
      rows.push(row('W5', 'W5.fwdbwd', '(A@B).sum() forward+backward', n, dtype, {
        sizeText: `${n}²`, flops: 6 * n ** 3, limit: 'fma', showRate: 'GFLOP/s',
      }));
    }
  }
  if (!quick) {
    for (const [wl, [m, k, nn, b]] of Object.entries(W5_SHAPES)) {
      const label = b > 1 ? `bmm: ${b} × ([${m}×${k}]@[${k}×${nn}]) forward` : `A[${m}×${k}]@B[${k}×${nn}] forward`;
      rows.push(row('W5', wl, label, m, 'float32', {
        sizeText: b > 1 ? `${b}×${m}×${k}×${nn}` : `${m}×${k}×${nn}`, flops: 2 * b * m * k * nn, limit: 'fma', showRate: 'GFLOP/s',
      }));
    }
  }
  // Scans and sorting (issue 15): 1e6 float32, forward only.
  rows.push(row('W9', 'W9.cumsum', 'x.cumsum(0)', 1e6, 'float32'));
  rows.push(row('W9', 'W9.sort', 'x.sort() (values and indices)', 1e6, 'float32'));
  rows.push(row('W9', 'W9.topk', 'x.topk(10)', 1e6, 'float32'));
  // issue 15's other Done-when rows: a batched einsum contraction and multinomial sampling (with replacement).
  rows.push(row('W9', 'W9.einsum', "einsum('bij,bjk->bik', a, b)", 64, 'float32', { sizeText: '64×128×128' }));
  rows.push(row('W9', 'W9.multinomial', 'p.multinomial(1e5, true), p of 1e4 categories', 1e5, 'float32', { sizeText: '1e5 of 1e4' }));
  // W18: decompositions (issue 15) on a 256×256 float64 matrix: solve (LU), cholesky, qr, eigh, svd, forward.
  for (const [wl, label] of [['W18.solve', 'linalg.solve(A, b), b of 256'], ['W18.cholesky', 'linalg.cholesky(A), A SPD'],
    ['W18.qr', 'linalg.qr(A)'], ['W18.eigh', 'linalg.eigh(A), A symmetric'], ['W18.svd', 'linalg.svd(A)']]) {
    rows.push(row('W18', wl, label, 256, 'float64', { sizeText: '256²' }));
  }
  // W19: function transforms (issue 19): the full Jacobian of one tanh(W x + b) layer, 256 -> 256, by reverse
  // mode (tg.func.jacrev; PyTorch's functorch.jacrev, one vmapped backward).
  rows.push(row('W19', 'W19.jacrev', 'Jacobian of tanh(W x + b), 256→256, via func.jacrev', 256, 'float32', { sizeText: '256→256' }));
  rows.push(row('W19', 'W19.jacfwd', 'Jacobian of tanh(W x + b), 256→256, via func.jacfwd', 256, 'float32', { sizeText: '256→256' }));
  // MLP: matmul flops of one step: forward F1+F2, backward dW1 (F1), dW2 and
  // dh (2·F2); the input gradient of the first layer is not needed.
  const B = 128;
  const F1 = 2 * B * 784 * 512, F2 = 2 * B * 512 * 10;
  rows.push(row('W6', 'W6', 'MLP 784-512-10 step: linear, relu, linear, cross-entropy, SGD', B, 'float32', {
    sizeText: 'batch 128', flops: 2 * F1 + 3 * F2, limit: 'fma', gcCompare: true,
  }));
  rows.push(row('W7', 'W7', `memory: ${memIters}× W2 at 1e6 without dispose(), RSS`, 1e6, 'float32', {
    sizeText: `1e6 ×${memIters}`, kind: 'mem', iters: memIters, gcCompare: true,
  }));
  rows.push(...viewRows(quick));
  // W15: recurrent layers (issue 16): nn.LSTM forward+backward at seq 64, batch 32, 256 features in and hidden,
  // one layer; the step also clears the parameter grads. Flops: the input and hidden projections, forward
  // (2 matmuls of 4H x 256 per token) and backward (twice that).
  const L = quick ? 16 : 64, NB = 32, H = 256;
  rows.push(row('W15', 'W15.lstm', `nn.LSTM(${H}, ${H}) forward+backward, seq ${L}, batch ${NB}`, L, 'float32', {
    sizeText: `${L}×${NB}×${H}`, flops: 3 * 2 * 2 * L * NB * 4 * H * H, limit: 'fma', showRate: 'GFLOP/s',
  }));
  rows.push(...convRows());
  rows.push(...poolNormRows(quick));
  rows.push(...normAttnRows());
  // W12 (issue 16's "W9 makemore step"; W9 was taken): one training step of examples/makemore's transformer
  // (4 layers, 4 heads, 64 channels, block 16, batch 32, AdamW) against bench/torch/makemore.py's, the batch
  // drawn and built inside the step as makemore.py's step time counts it.
  // W20 (issue 19): per-example gradients of an MNIST MLP 784-128-10 at batch 128: vmap over autograd.grad
  // (PyTorch: functorch's vmap(grad(loss), in_dims=(None, 0, 0))) and the hand-batched computation.
  rows.push(row('W20', 'W20.vmapGrad', 'per-example grads, MLP 784-128-10: vmap(grad(loss), inDims [null, 0, 0])', 128, 'float32', { sizeText: 'batch 128' }));
  rows.push(row('W20', 'W20.handGrad', 'per-example grads, MLP 784-128-10: hand-batched (pre-activation grads, bmm)', 128, 'float32', { sizeText: 'batch 128' }));
  // W21: inference (issue 18's onnxruntime peer): the W6 MLP 784-512-10 and examples/mnist-cnn's LeNet-5 (eval
  // mode, batch 128) forward to the logits under noGrad. Flops: the matmuls and convolutions.
  rows.push(row('W21', 'W21.mlp', 'MLP 784-512-10 inference (eval, noGrad) -> logits', B, 'float32', {
    sizeText: 'batch 128', flops: F1 + F2, limit: 'fma', showRate: 'GFLOP/s',
  }));
  const lenetFlops = 2 * B * (6 * 25 * 28 * 28 + 16 * 6 * 25 * 10 * 10 + 400 * 120 + 120 * 84 + 84 * 10);
  rows.push(row('W21', 'W21.cnn', 'LeNet-5 CNN inference (examples/mnist-cnn, eval, noGrad) -> logits', B, 'float32', {
    sizeText: 'batch 128', flops: lenetFlops, limit: 'fma', showRate: 'GFLOP/s',
  }));
  rows.push(row('W12', 'W12.makemore', 'makemore transformer training step (batch 32 of names.txt, fwd+bwd+AdamW)', 32, 'float32', { sizeText: 'batch 32', gcCompare: true }));
  for (const r of rows) if (SCALING_IDS.has(r.id)) r.scaling = true;
  return rows;
}

// W14: the CNN flagship's pooling and batch norm layers (issue 16) on a LeNet-sized activation, [128, 16, 28, 28]
// float32 (quick: batch 8): max pooling 2x2 and training-mode batch norm (weight, bias, running stats), forward
// alone and forward + backward of .sum().
export const W14_SHAPE = (quick) => [quick ? 8 : 128, 16, 28, 28];
function poolNormRows(quick) {
  const shape = W14_SHAPE(quick);
  const n = shape.reduce((a, b) => a * b, 1);
  const r = (wl, label) => row('W14', wl, label, n, 'float32', { sizeText: shape.join('×') });
  return [
    r('W14.maxPool2d', 'F.maxPool2d(x, 2) forward'),
    r('W14.maxPool2dBwd', 'F.maxPool2d(x, 2).sum().backward()'),
    r('W14.batchNorm2d', 'F.batchNorm(x, rm, rv, w, b, training) forward'),
    r('W14.batchNorm2dBwd', 'F.batchNorm(x, rm, rv, w, b, training).sum().backward()'),
  ];
}

// W16 and W17: layer norm and attention (issue 16) at the transformer shapes (batch, tokens, channels) of
// SEQ_SHAPES: makemore's (32, 16, 64) and a longer (8, 256, 256), 4 heads. W16: F.layerNorm over the channels
// with weight and bias, forward under noGrad and forward + .sum().backward() (grads of x, weight, bias). W17:
// forward + .sum().backward() of F.scaledDotProductAttention on q, k, v of [batch, 4, tokens, channels / 4]
// (PyTorch 1.13: F._scaled_dot_product_attention without weights, the math path its MultiheadAttention
// takes), and of nn.MultiheadAttention(channels, 4, batchFirst) self-attention, needWeights false (grads of the
// input and all parameters). The row's size is the batch; the worker finds tokens and channels in SEQ_SHAPES.
export const SEQ_SHAPES = { 32: [32, 16, 64], 8: [8, 256, 256] };
export const SEQ_HEADS = 4;
function normAttnRows() {
  const rows = [];
  for (const [B, T, C] of Object.values(SEQ_SHAPES)) {
    const sizeText = `${B}×${T}×${C}`;
    const r = (group, wl, label) => rows.push(row(group, wl, label, B, 'float32', { sizeText }));
    r('W16', 'W16.layerNorm', 'F.layerNorm(x, [C], w, b) forward (noGrad)');
    r('W16', 'W16.layerNormBwd', 'F.layerNorm(x, [C], w, b).sum().backward()');
    r('W17', 'W17.sdpa', `F.scaledDotProductAttention(q, k, v).sum().backward(), ${SEQ_HEADS} heads`);
    r('W17', 'W17.mha', `nn.MultiheadAttention(C, ${SEQ_HEADS}, batchFirst) self-attention forward+backward`);
  }
  return rows;
}

// W11: ops on strided views and the indexing ops (issue 14). The t() rows run an op on the transposed view of a
// contiguous n×n matrix; each has a contiguous twin (the same op on x itself) so the table shows what the view
// costs. The bytes model is the minimal traffic (every input read once, the output written once), against the
// read bandwidth as for W2-W4.
function viewRows(quick) {
  const rows = [];
  const n = quick ? 1024 : 4096;
  const sq = `${n}²`;
  const nn = n * n;
  const el = (wl, label, arrays, extra = {}) => row('W11', wl, label, n, 'float32', { sizeText: sq, bytes: arrays * 4 * nn, limit: 'read', ...extra });
  rows.push(el('W11.texp', 'x.t().exp() (transposed view)', 2));
  rows.push(el('W11.exp', 'x.exp() (contiguous twin)', 2));
  rows.push(el('W11.tadd', 'x.t().add(y), y contiguous', 3));
  rows.push(el('W11.add', 'x.add(y) (contiguous twin)', 3));
  rows.push(el('W11.tsum0', 'x.t().sum(0)', 1, { showRate: 'GB/s' }));
  rows.push(el('W11.tsum1', 'x.t().sum(1)', 1, { showRate: 'GB/s' }));
  rows.push(el('W11.sum0', 'x.sum(0) (contiguous twin)', 1, { showRate: 'GB/s' }));
  rows.push(el('W11.sum1', 'x.sum(1) (contiguous twin)', 1, { showRate: 'GB/s' }));
  // The indexing ops on 1e6 elements: a 1000×1000 source, index tensors int32 in tensorgrad (its only index
  // dtype), int64 in PyTorch (gather/scatter_add require int64 there), int32 in TensorFlow.js.
  const ix = (wl, label) => row('W11', wl, label, 1e6, 'float32', { sizeText: '1e6 (1000²)' });
  rows.push(ix('W11.gather', 'x.gather(1, idx), idx 1000×1000 random (int64, as PyTorch)'));
  rows.push(ix('W11.indexSelect', 'x.indexSelect(0, idx), 1000 random rows of 1000 (int64, as PyTorch)'));
  rows.push(ix('W11.scatterAdd', 'z.scatterAdd(1, idx, src), idx 1000×1000 random (int64, as PyTorch)'));
  // advanced indexing (issue 14 close-out): x[idx] of 1e6 random positions in a 1e6 vector, and the two-tensor
  // pick y_hat[range(n), y] of one of 10 classes per row for 1e6 rows (PyTorch's x[idx], y_hat[r, y])
  rows.push(row('W11', 'W11.index', 'x.index([idx]), 1e6 random positions in a 1e6 vector (int64, as PyTorch x[idx])', 1e6, 'float32', { sizeText: '1e6' }));
  rows.push(row('W11', 'W11.index2', 'yHat.index([r, y]), r = arange(1e6), y random of 10 (int64, as PyTorch y_hat[r, y])', 1e6, 'float32', { sizeText: '1e6×10' }));
  // matmul with t() operands against contiguous ones: a t() view reaches the GEMM as a transpose flag.
  const m = quick ? 256 : 1024;
  const mm = (wl, label) => row('W11', wl, label, m, 'float32', { sizeText: `${m}²`, flops: 2 * m ** 3, limit: 'fma', showRate: 'GFLOP/s' });
  rows.push(mm('W11.mmTB', 'a.mm(b.t()) (t() view operand)'));
  rows.push(mm('W11.mmTA', 'a.t().mm(b) (t() view operand)'));
  rows.push(mm('W11.mmC', 'a.mm(bc) (contiguous operands)'));
  return rows;
}

// W13: conv2d (issue 16), forward under noGrad and forward+backward (grads of input, weight and bias from a
// ones grad_output): a ResNet-style 3×3 64→64 layer on 56×56 at batch 8 (padding 1), and LeNet-5's two conv
// layers at batch 128 (1→6 5×5 on 28×28 padding 2; 6→16 5×5 on 14×14). FLOPs: 2·N·Cout·Cin·k²·out² forward,
// three times that forward+backward.
export const CONV_SHAPES = {
  resnet: { x: [8, 64, 56, 56], w: [64, 64, 3, 3], padding: 1, label: 'ResNet 3×3 64→64, 56×56, batch 8, padding 1' },
  lenet1: { x: [128, 1, 28, 28], w: [6, 1, 5, 5], padding: 2, label: 'LeNet conv1 1→6 5×5, 28×28, batch 128, padding 2' },
  lenet2: { x: [128, 6, 14, 14], w: [16, 6, 5, 5], padding: 0, label: 'LeNet conv2 6→16 5×5, 14×14, batch 128' },
};
function convRows() {
  const rows = [];
  for (const [name, c] of Object.entries(CONV_SHAPES)) {
    const out = c.x[2] + 2 * c.padding - c.w[2] + 1;
    const flops = 2 * c.x[0] * c.w[0] * c.w[1] * c.w[2] * c.w[3] * out * out;
    const sizeText = `${c.x.join('×')}`;
    rows.push(row('W13', `W13.${name}F`, `conv2d forward (noGrad): ${c.label}`, c.x[0], 'float32', { sizeText, flops, limit: 'fma', showRate: 'GFLOP/s' }));
    rows.push(row('W13', `W13.${name}FB`, `conv2d forward+backward: ${c.label}`, c.x[0], 'float32', { sizeText, flops: 3 * flops, limit: 'fma', showRate: 'GFLOP/s' }));
  }
  return rows;
}

// --only W2,W5 keeps rows whose group or workload id is listed
// (W1 does not select W1b; W5.fwd selects only the forward matmul rows;
// "f64" selects the float64 rows).
export function filterRows(rows, only) {
  if (!only) return rows;
  const keys = only.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return rows.filter((r) => keys.some((k) =>
    k === r.group.toLowerCase() || k === r.wl.toLowerCase() || k === r.id.toLowerCase()
    || (k === 'f64' && r.dtype === 'float64') || (k === 'f32' && r.dtype === 'float32')));
}

// The machine limit a row is measured against, from the limits helper's JSON:
// the run's thread count, or the 1-thread figure when noise made that higher
// (N threads can always do what one does).
export function limitFor(rowDef, limits) {
  if (!limits || !rowDef.limit) return null;
  const best = (m) => Math.max(m['1'], m.T);
  if (rowDef.limit === 'read') return { value: best(limits.read_gbs), unit: 'GB/s', what: 'read bandwidth' };
  if (rowDef.limit === 'fma') {
    const v = rowDef.dtype === 'float64' ? best(limits.fma_f64_gflops) : best(limits.fma_f32_gflops);
    return { value: v, unit: 'GFLOP/s', what: `${short(rowDef.dtype)} FMA peak` };
  }
  return null;
}

// Throughput of one library on one row, in the limit's unit.
export function rateOf(rowDef, seconds) {
  if (!(seconds > 0)) return null;
  if (rowDef.bytes) return rowDef.bytes / seconds / 1e9;
  if (rowDef.flops) return rowDef.flops / seconds / 1e9;
  return null;
}
