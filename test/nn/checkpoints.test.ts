// PyTorch checkpoints through safetensors (issue 16): a LeNet-5-style CNN trained a few steps in PyTorch 1.13
// (gen_cnn_checkpoint.py) loads into the same tg.nn.Sequential by PyTorch's keys, batch-norm running stats and
// num_batches_tracked (int64, as PyTorch's) included, and gives PyTorch's eval-mode output. The
// transformer-encoder and LSTM checkpoints are in test/nn/transformer.test.ts and rnn.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { dec, type TensorJson as TJ } from '../helpers/module_fixture.js';

const FIX = JSON.parse(readFileSync(join(__dirname, '../fixtures/cnn_checkpoint.json'), 'utf8')) as { file: string; repr: string; keys: string[]; x: TJ; y: TJ };
const nn = tg.nn;

describe('a PyTorch CNN checkpoint', () => {
  it("loads by PyTorch's keys into the same Sequential and gives PyTorch's eval-mode output", () => {
    const model = new nn.Sequential(
      new nn.Conv2d(1, 6, 5, { padding: 2 }), new nn.BatchNorm2d(6), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(6, 16, 5), new nn.BatchNorm2d(16), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Flatten(), new nn.Linear(400, 120), new nn.ReLU(), new nn.Dropout(0.25), new nn.Linear(120, 84), new nn.ReLU(), new nn.Linear(84, 10),
    );
    expect(String(model)).toBe(FIX.repr);
    expect(Object.keys(model.stateDict())).toEqual(FIX.keys);
    const state = tg.load(join(__dirname, '../fixtures', FIX.file));
    expect(state['1.num_batches_tracked'].dtype).toBe('int64');
    expect(model.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    const bn = model.get(1) as InstanceType<typeof nn.BatchNorm2d>;
    expect(bn.numBatchesTracked!.item()).toBe(3);
    expect(bn.runningMean!.equal(state['1.running_mean'])).toBe(true);
    model.eval();
    const y = tg.noGrad(() => model(dec(FIX.x))) as Tensor;
    expect(y.shape).toEqual([4, 10]);
    expect(y.sub(dec(FIX.y)).abs().max().item()).toBeLessThan(2e-5);
    // in training mode the batch statistics replace the running ones: a different output
    model.train();
    expect((tg.noGrad(() => model(dec(FIX.x))) as Tensor).sub(dec(FIX.y)).abs().max().item()).toBeGreaterThan(1e-3);
  });

  it('a checkpoint of the wrong shape names the key and both shapes', () => {
    const model = new nn.Sequential(new nn.Conv2d(1, 8, 5, { padding: 2 }), new nn.BatchNorm2d(8));
    const state = tg.load(join(__dirname, '../fixtures', FIX.file));
    const sub = Object.fromEntries(Object.entries(state).filter(([k]) => k.startsWith('0.') || k.startsWith('1.')));
    expect(() => model.loadStateDict(sub)).toThrow(/size mismatch for 0\.weight: copying a param with shape \[6, 1, 5, 5\] from checkpoint, the shape in current model is \[8, 1, 5, 5\]/);
  });
});
