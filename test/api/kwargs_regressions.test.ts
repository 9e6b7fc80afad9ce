// Regressions of issue 13 items 8 and 9 (each failed before lib/kwargs.ts): the trailing options object the
// README promises works for every argument (item 8), and an unknown option is a TypeError naming the
// function, the option and the accepted names instead of being ignored (item 9). test/api/kwargs.test.ts
// checks the same over the whole public surface.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

describe('item 8: keyword arguments work positionally and in a trailing options object', () => {
  it('nn.init.normal_(w, { std }) (threw "add: expected other to be a Tensor")', () => {
    tg.manualSeed(0);
    const w = tg.nn.init.normal_(tg.zeros([400]), { std: 0.01 });
    expect(Math.abs(w.std().item() as number - 0.01)).toBeLessThan(0.002);
    tg.manualSeed(0);
    expect(tg.nn.init.normal_(tg.zeros([400]), 0, 0.01).tolist()).toEqual(w.tolist());
  });

  it('shape and reduction methods take their arguments by name', () => {
    const x = tg.tensor([[1, 2, 3], [4, 5, 6]]);
    expect(x.sum(1, { keepdim: true }).shape).toEqual([2, 1]);
    expect(tg.sum({ input: x, dim: 0 }).tolist()).toEqual([5, 7, 9]);
    expect(x.transpose({ dim0: 0, dim1: 1 }).shape).toEqual([3, 2]);
    expect(x.unsqueeze({ dim: 0 }).shape).toEqual([1, 2, 3]);
    expect(tg.cat([x, x], { dim: 1 }).shape).toEqual([2, 6]);
    expect(x.softmax({ dim: 1 }).tolist()).toEqual(x.softmax(1).tolist());
    expect(x.softmax({ dim: 1 }).shape).toEqual([2, 3]);
    expect(x.view(3, 2).shape).toEqual([3, 2]);
  });

  it('constructors take PyTorch positional arguments (Linear(3, 2, false) silently kept its bias)', () => {
    const fc = new tg.nn.Linear(3, 2, false);
    expect(fc.bias).toBeNull();
    expect(new tg.nn.Linear({ inFeatures: 3, outFeatures: 2, bias: false }).bias).toBeNull();
    expect(new tg.nn.GELU('tanh').approximate).toBe('tanh');
    const p = tg.ones([2], { requiresGrad: true });
    expect(new tg.optim.SGD([p], 0.5, 0.9).paramGroups[0]).toMatchObject({ lr: 0.5, momentum: 0.9 });
  });

  it('autograd.grad and losses take their keyword arguments positionally too', () => {
    const a = tg.tensor([1, 2], { requiresGrad: true });
    const [g] = tg.autograd.grad(a.mul(a), [a], [tg.ones([2])]);
    expect((g as InstanceType<typeof tg.Tensor>).tolist()).toEqual([2, 4]);
    const input = tg.tensor([1, 2]), target = tg.tensor([0, 0]);
    expect(tg.nn.functional.mseLoss(input, target, null, null, 'sum').item()).toBe(5);
    expect(tg.nn.functional.mseLoss(input, target, { reduction: 'sum' }).item()).toBe(5);
  });
});

describe('item 9: an unknown option is a TypeError naming the function, the option and the accepted names', () => {
  it('tg.randn([2], { generatr: g }) (was silently ignored)', () => {
    expect(() => tg.randn([2], { generatr: 1 } as never)).toThrow(TypeError);
    expect(() => tg.randn([2], { generatr: 1 } as never)).toThrow(
      "randn() got an unexpected keyword argument 'generatr' (accepted: size, generator, dtype, requiresGrad)",
    );
  });

  it('methods, functional, modules and optimizers reject unknown options', () => {
    const x = tg.ones([2, 3]);
    expect(() => x.sum({ keepDims: true } as never)).toThrow(/^Tensor\.sum\(\) got an unexpected keyword argument 'keepDims' \(accepted: dim, keepdim, dtype\)$/);
    expect(() => tg.zeros([2], { requires_grad: true } as never)).toThrow(/'requires_grad' \(did you mean 'requiresGrad'\?/);
    expect(() => tg.nn.functional.mseLoss(x, x, { reductoin: 'sum' } as never)).toThrow(/mseLoss\(\) got an unexpected keyword argument 'reductoin'/);
    expect(() => new tg.nn.Linear(3, 2, { biass: false } as never)).toThrow(/nn\.Linear\(\) got an unexpected keyword argument 'biass'/);
    expect(() => new tg.optim.SGD([tg.ones([1], { requiresGrad: true })], { lr: 0.1, momentun: 0.9 } as never)).toThrow(/optim\.SGD\(\) got an unexpected keyword argument 'momentun'/);
    expect(() => x.backward({ retainGraf: true } as never)).toThrow(/backward\(\) got an unexpected keyword argument 'retainGraf'/);
  });

  it('a PyTorch option tensorgrad does not support is rejected, not ignored', () => {
    expect(() => tg.zeros([2], { device: 'cuda' } as never)).toThrow(/unexpected keyword argument 'device'/);
    expect(() => tg.nn.functional.relu(tg.ones([2]), { inplace: 'yes' } as never)).toThrow(/relu: inplace must be a boolean/);
  });

  it('a value given both positionally and by name is an error, as in PyTorch', () => {
    expect(() => tg.ones([2, 3]).sum(1, { dim: 0 } as never)).toThrow("Tensor.sum() got multiple values for argument 'dim'");
  });
});
