// The training utilities together, as a PyTorch user writes them: a DataLoader over a TensorDataset split by
// randomSplit, a model, an optimizer with a scheduler, gradient clipping; the loss must fall and the
// schedule and clipping must act.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

describe('a training loop with tg.utils.data, tg.optim, lrScheduler and nn.utils', () => {
  for (const name of ['SGD', 'Adam', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'NAdam', 'RAdam', 'AdamW']) {
    it(`fits a linear map with ${name}`, () => {
      const g = new tg.Generator(0);
      const X = tg.randn([64, 3], { generator: g, dtype: 'float64' });
      const wTrue = tg.tensor([[1.5], [-2], [0.5]], { dtype: 'float64' });
      const Y = X.matmul(wTrue).add(0.3);
      const [train, val] = tg.utils.data.randomSplit(new tg.utils.data.TensorDataset(X, Y), [0.75, 0.25], g);
      const loader = new tg.utils.data.DataLoader(train, { batchSize: 8, shuffle: true, generator: g });
      expect(loader.length).toBe(6);
      tg.manualSeed(1);
      const model = new tg.nn.Linear(3, 1).double();
      const lr = ({ Adadelta: 50, Adagrad: 0.5 } as Record<string, number>)[name] ?? 0.05;
      const opt = new (tg.optim as unknown as Record<string, new (p: unknown, o: object) => InstanceType<typeof tg.optim.SGD>>)[name](model.parameters(), { lr });
      const sched = new tg.optim.lrScheduler.StepLR(opt, { stepSize: 10, gamma: 0.5 });
      const valLoss = () => {
        const [vx, vy] = tg.utils.data.defaultCollate(Array.from({ length: val.length }, (_, i) => val.get(i))) as Tensor[];
        return tg.noGrad(() => tg.nn.functional.mseLoss(model.call(vx) as Tensor, vy).item() as number);
      };
      const before = valLoss();
      let maxNorm = 0;
      for (let epoch = 0; epoch < 30; epoch++) {
        for (const [x, y] of loader as Iterable<Tensor[]>) {
          opt.zeroGrad();
          tg.nn.functional.mseLoss(model.call(x) as Tensor, y).backward();
          maxNorm = Math.max(maxNorm, tg.nn.utils.clipGradNorm_(model.parameters(), 5).item() as number);
          opt.step();
        }
        sched.step();
      }
      expect(valLoss()).toBeLessThan(before * 0.2);
      expect(sched.getLastLr()[0]).toBeCloseTo(lr * 0.125, 12);
      expect(maxNorm).toBeGreaterThan(0);
    });
  }
});
