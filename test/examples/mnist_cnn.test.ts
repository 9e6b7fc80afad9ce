// examples/mnist-cnn: its model (model.mjs) builds, every layer gives the shape the architecture says, and one
// training step of the example's recipe (shifted digits, Adam, OneCycleLR) on a few real digits of the example's
// split lowers the loss on that batch. Not timed: W10 in bench/run.mjs times the training.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
// @ts-expect-error: plain ES modules of the example, without type declarations
import { lenet } from '../../examples/mnist-cnn/model.mjs';
// @ts-expect-error: idem
import { makeShifter } from '../../examples/mnist/shift.mjs';
// @ts-expect-error: idem
import { loadMnist } from '../../examples/mnist/data.mjs';

const F = tg.nn.functional;

describe('examples/mnist-cnn model', () => {
  it('has the LeNet-5 layers with batch norm, pooling and dropout, and shape-checks layer by layer', () => {
    tg.manualSeed(0);
    const model = lenet(tg);
    const names = [...model.children()].map((m: object) => m.constructor.name);
    expect(names).toEqual(['Conv2d', 'BatchNorm2d', 'ReLU', 'MaxPool2d', 'Conv2d', 'BatchNorm2d', 'ReLU', 'MaxPool2d',
      'Flatten', 'Linear', 'ReLU', 'Dropout', 'Linear', 'ReLU', 'Dropout', 'Linear']);
    const want = [[3, 6, 28, 28], [3, 6, 28, 28], [3, 6, 28, 28], [3, 6, 14, 14], [3, 16, 10, 10], [3, 16, 10, 10],
      [3, 16, 10, 10], [3, 16, 5, 5], [3, 400], [3, 120], [3, 120], [3, 120], [3, 84], [3, 84], [3, 84], [3, 10]];
    let x = tg.randn([3, 1, 28, 28]);
    const got: number[][] = [];
    for (const layer of model.children()) {
      x = layer(x);
      got.push(x.shape);
    }
    expect(got).toEqual(want);
    // 6*25 + 2*6 + 16*6*25 + 2*16 + 400*120 + 120 + 120*84 + 84 + 84*10 + 10 (the convs have no bias)
    expect(model.parameters().reduce((n: number, p: { numel(): number }) => n + p.numel(), 0)).toBe(61_728);
    // two-channel images are rejected by the first conv, naming its weight's and the input's shapes
    expect(() => model(tg.randn([3, 2, 28, 28]))).toThrow(/conv2d.*\[6, 1, 5, 5\].*\[3, 2, 28, 28\]/);
  });

  it('one training step on 64 digits of the split lowers their loss', () => {
    tg.manualSeed(1);
    const { trainX, trainY } = loadMnist();
    // 64 digits spread over the ten classes (the split stores them digit by digit, 800 each)
    const idx = Array.from({ length: 64 }, (_, i) => (i % 10) * 800 + Math.floor(i / 10));
    const x = tg.tensor(Float32Array.from(idx.flatMap((i) => Array.from(trainX.subarray(i * 784, (i + 1) * 784))))).view([64, 1, 28, 28]);
    const y = tg.tensor(Int32Array.from(idx.map((i) => trainY[i])));
    expect(new Set(y.tolist() as number[]).size).toBe(10);
    const model = lenet(tg, { dropout: 0 });
    const opt = new tg.optim.Adam(model.parameters(), { lr: 1e-2 });
    const shifted = makeShifter(tg, 2);
    const xs = shifted(x);
    expect(xs.shape).toEqual([64, 1, 28, 28]);
    // the shift moves pixels, it does not scale them: every shifted image keeps at most its ink
    expect(xs.sum().item()).toBeLessThanOrEqual(x.sum().item() + 1e-3);
    const lossOf = () => F.crossEntropy(model(xs), y);
    const before = lossOf();
    opt.zeroGrad();
    before.backward();
    for (const p of model.parameters()) expect(p.grad).not.toBeNull();
    opt.step();
    const after = lossOf().item();
    expect(Number.isFinite(after)).toBe(true);
    expect(after).toBeLessThan(before.item() - 0.1);
  });
});
