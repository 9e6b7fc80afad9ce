// Sequential's inference fusion of a convolution with the eval batch norm and ReLU after it (Note [Conv, batch norm
// and ReLU], lib/nn/conv_fuse.ts; Note [Conv epilogue], native/cpu/conv_direct.h): the fused output must equal the
// modules run one by one to the bit, on every kernel path (direct channels-in-lanes, positions-in-lanes, GEMM),
// under every CPU capability, float32 and float64; and the fusion must step aside whenever a grad, a tangent, a
// hook, training mode or a subclass is involved.
import { describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const nn = tg.nn;
const vals = (t: Tensor): number[] => Array.from(t.toTypedArray() as ArrayLike<number>);

/** A conv, batch norm (randomized running stats and affine) and ReLU, in eval mode. */
function block(nsp: 1 | 2 | 3, cin: number, cout: number, k: number, opts: Record<string, unknown>, dtype: 'float32' | 'float64') {
  const Conv = [nn.Conv1d, nn.Conv2d, nn.Conv3d][nsp - 1];
  const BN = [nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d][nsp - 1];
  const conv = new Conv(cin, cout, k, { ...opts, dtype });
  const bn = new BN(cout, { dtype });
  tg.noGrad(() => {
    bn.runningMean!.copy_(tg.randn([cout], { dtype }).mul(0.3));
    bn.runningVar!.copy_(tg.rand([cout], { dtype }).add(0.5));
    bn.weight!.copy_(tg.randn([cout], { dtype }));
    bn.bias!.copy_(tg.randn([cout], { dtype }));
  });
  const relu = new nn.ReLU();
  for (const m of [conv, bn, relu]) m.eval();
  return { conv, bn, relu };
}

const SHAPES: { name: string; nsp: 1 | 2 | 3; x: number[]; cout: number; k: number; opts: Record<string, unknown> }[] = [
  { name: 'LeNet conv2 (channels in lanes)', nsp: 2, x: [3, 6, 14, 14], cout: 16, k: 5, opts: { bias: false } },
  { name: 'LeNet conv1 (positions in lanes)', nsp: 2, x: [3, 1, 28, 28], cout: 6, k: 5, opts: { padding: 2, bias: false } },
  { name: 'wide rows, bias (two vectors, row blocks)', nsp: 2, x: [1, 5, 7, 33], cout: 40, k: 3, opts: { padding: 1 } },
  { name: 'strided (GEMM path)', nsp: 2, x: [2, 3, 9, 11], cout: 7, k: 3, opts: { stride: 2, padding: 1 } },
  { name: 'conv1d', nsp: 1, x: [2, 3, 30], cout: 12, k: 3, opts: { padding: 1 } },
  { name: 'conv3d', nsp: 3, x: [1, 2, 4, 5, 19], cout: 5, k: 2, opts: {} },
];

describe('Sequential conv + batch norm + ReLU fusion', () => {
  it('equals the modules run one by one, bit for bit, on every path, capability and float dtype', () => {
    const before = tg.backends.cpu.capability();
    try {
      for (const cap of tg.backends.cpu.capabilities()) {
        tg.backends.cpu.setCapability(cap);
        for (const s of SHAPES)
          for (const dtype of ['float32', 'float64'] as const) {
            tg.manualSeed(5);
            const { conv, bn, relu } = block(s.nsp, s.x[1], s.cout, s.k, s.opts, dtype);
            const x = tg.randn(s.x, { dtype });
            // a NaN and negative zeros through the epilogue
            x.view([-1]).narrow(0, 7, 1).fill_(Number.NaN);
            const what = `${s.name} ${dtype} ${cap}`;
            tg.noGrad(() => {
              const sep = vals(relu(bn(conv(x))));
              expect(vals(new nn.Sequential(conv, bn, relu)(x)), `${what}: conv, bn, relu`).toEqual(sep);
              expect(vals(new nn.Sequential(conv, bn)(x)), `${what}: conv, bn`).toEqual(vals(bn(conv(x))));
              expect(vals(new nn.Sequential(conv, relu)(x)), `${what}: conv, relu`).toEqual(vals(relu(conv(x))));
              expect(sep.some(Number.isNaN), `${what}: the NaN reached the output`).toBe(true);
            });
          }
      }
    } finally {
      tg.backends.cpu.setCapability(before);
    }
  });

  it('runs the block as one convolution: the batch norm and ReLU modules are not called', () => {
    tg.manualSeed(7);
    const { conv, bn, relu } = block(2, 6, 16, 5, { bias: false }, 'float32');
    const x = tg.randn([4, 6, 14, 14]);
    const bnFwd = vi.spyOn(nn.BatchNorm2d.prototype, 'forward'), reluFwd = vi.spyOn(nn.ReLU.prototype, 'forward');
    try {
      const y = tg.noGrad(() => new nn.Sequential(conv, bn, relu, new nn.MaxPool2d(2))(x));
      expect(y.shape).toEqual([4, 16, 5, 5]);
      expect(bnFwd.mock.calls.length).toBe(0);
      expect(reluFwd.mock.calls.length).toBe(0);
      // with grad mode on the modules run one by one
      new nn.Sequential(conv, bn, relu)(x);
      expect(bnFwd.mock.calls.length).toBe(1);
      expect(reluFwd.mock.calls.length).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('steps aside for grads, training mode, hooks, subclasses, vmap and unbatched input', () => {
    tg.manualSeed(6);
    const { conv, bn, relu } = block(2, 3, 8, 3, { padding: 1 }, 'float32');
    const seq = new nn.Sequential(conv, bn, relu);
    const x = tg.randn([2, 3, 6, 6]);
    // grad mode on and parameters requiring grad: the graph is recorded (the last node is the ReLU's)
    const y = seq(x);
    expect(y.gradFn?.name).toBe('ReluBackward0');
    y.sum().backward();
    expect(conv.weight.grad).not.toBeNull();
    const ref = tg.noGrad(() => vals(relu(bn(conv(x)))));
    expect(vals(y.detach())).toEqual(ref);
    // training mode: batch statistics, and the running stats move as without the fusion
    bn.train();
    const rm0 = vals(bn.runningMean!);
    tg.noGrad(() => seq(x));
    expect(vals(bn.runningMean!)).not.toEqual(rm0);
    bn.eval();
    // a forward hook on the batch norm still runs
    let calls = 0;
    const h = bn.registerForwardHook(() => void calls++);
    tg.noGrad(() => seq(x));
    expect(calls).toBe(1);
    h.remove();
    // a subclass's forward is honoured
    class Shifted extends nn.ReLU {
      override forward(t: Tensor): Tensor {
        return super.forward(t).add(1);
      }
    }
    const out = tg.noGrad(() => new nn.Sequential(conv, bn, new Shifted())(x));
    expect(vals(out)).toEqual(tg.noGrad(() => vals(relu(bn(conv(x))).add(1))));
    // under vmap (the tensors are BatchedTensors): the same values as example by example
    const xs = tg.randn([2, 2, 3, 6, 6]);
    const byVmap = tg.noGrad(() => tg.vmap((xi: Tensor) => seq(xi))(xs));
    const byLoop = tg.noGrad(() => tg.stack([0, 1].map((i) => seq(xs.select(0, i)))));
    expect(vals(byVmap)).toEqual(vals(byLoop));
    // unbatched input: the batch norm sees [C, H, W] and raises its own error, as without the fusion
    expect(() => tg.noGrad(() => seq(x.select(0, 0)))).toThrow(/batchNorm|BatchNorm2d|expected 4D/);
  });
});
