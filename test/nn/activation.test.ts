// The activations of lib/ops/activation.ts and their modules (lib/nn/activation.ts; issue 16): PyTorch 1.13
// parity from test/fixtures/losses.json (group "activation": values, grads and gradFn names, with inputs exactly
// at 0 and at the bounds, where PyTorch's masks decide the slope), float64 gradcheck / gradgradcheck of the rows;
// module reprs are replayed by test/nn/losses.test.ts. Below: modules against the functional forms, PReLU's
// parameter, errors.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { opSuite } from '../helpers/op_suite.js';

opSuite('activation');

const F = tg.nn.functional;
const nn = tg.nn;

describe('activation modules', () => {
  const x = tg.tensor([[-3, -1, -0.25, 0], [0.3, 1, 2.5, 7]], { dtype: 'float64' });
  it.each([
    [() => new nn.Softplus(2, 5), (t: typeof x) => F.softplus(t, 2, 5)],
    [() => new nn.SiLU(), (t: typeof x) => F.silu(t)],
    [() => new nn.Mish(), (t: typeof x) => F.mish(t)],
    [() => new nn.ELU({ alpha: 0.5 }), (t: typeof x) => F.elu(t, 0.5)],
    [() => new nn.SELU(), (t: typeof x) => F.selu(t)],
    [() => new nn.CELU(0.3), (t: typeof x) => F.celu(t, 0.3)],
    [() => new nn.LeakyReLU(0.1), (t: typeof x) => F.leakyRelu(t, 0.1)],
    [() => new nn.Hardtanh(-0.5, 2), (t: typeof x) => F.hardtanh(t, -0.5, 2)],
    [() => new nn.Hardtanh({ minValue: -0.2, maxValue: 0.2 }), (t: typeof x) => F.hardtanh(t, -0.2, 0.2)],
    [() => new nn.ReLU6(), (t: typeof x) => F.relu6(t)],
    [() => new nn.Hardsigmoid(), (t: typeof x) => F.hardsigmoid(t)],
    [() => new nn.Hardswish(), (t: typeof x) => F.hardswish(t)],
    [() => new nn.Softsign(), (t: typeof x) => F.softsign(t)],
    [() => new nn.Tanhshrink(), (t: typeof x) => F.tanhshrink(t)],
    [() => new nn.LogSigmoid(), (t: typeof x) => F.logsigmoid(t)],
    [() => new nn.GLU(0), (t: typeof x) => F.glu(t, 0)],
    [() => new nn.Softmin(1), (t: typeof x) => F.softmin(t, 1)],
    [() => new nn.Threshold(0.5, -2), (t: typeof x) => F.threshold(t, 0.5, -2)],
    [() => new nn.Hardshrink(0.3), (t: typeof x) => F.hardshrink(t, 0.3)],
    [() => new nn.Softshrink(), (t: typeof x) => F.softshrink(t, 0.5)],
  ])('%# module(x) equals the functional form', (make, fn) => {
    expect(make()(x).equal(fn(x))).toBe(true);
  });
  it('Softmax2d: softmax over dim -3 of [C, H, W] / [N, C, H, W]; other ranks throw', () => {
    const img = tg.rand([2, 3, 2, 2], { dtype: 'float64' });
    expect(new nn.Softmax2d()(img).equal(tg.softmax(img, 1))).toBe(true);
    expect(() => new nn.Softmax2d()(tg.rand([2, 3]))).toThrow(/^Softmax2d: .*2D/);
  });
  it('PReLU: a learnable weight of numParameters values set to init, reached by backward', () => {
    const m = new nn.PReLU(3, 0.1, 'float64');
    expect(m.parameters().map((p) => [p.shape, p.dtype])).toEqual([[[3], 'float64']]);
    expect(Array.from(m.weight._data)).toEqual([0.1, 0.1, 0.1]);
    const inp = tg.tensor([[-1, 2, -3], [4, -5, 6]], { dtype: 'float64' });
    const y = m(inp);
    expect(y.gradFn?.name).toBe('PreluBackward0');
    expect(Array.from(y._data)).toEqual([-0.1, 2, -0.30000000000000004, 4, -0.5, 6]);
    y.sum().backward();
    expect(Array.from(m.weight.grad!._data)).toEqual([-1, -5, -3]);
    expect(String(new nn.PReLU())).toBe('PReLU(num_parameters=1)');
  });
});

describe('activations: bad input names the op and the shapes', () => {
  it.each([
    [() => F.glu(tg.rand([2, 3])), /^glu: Halving dimension must be even, but dimension 1 is size 3 \(input of shape \[2, 3\]\)/],
    [() => F.prelu(tg.rand([2, 3]), tg.rand([2])), /^prelu: Mismatch of parameter numbers and input channel size\. Found parameter numbers = 2 \(weight of shape \[2\]\) and channel size = 3 \(input of shape \[2, 3\]\)/],
    [() => F.softshrink(tg.rand([2]), -1), /^softshrink: lambda must be greater or equal to 0/],
    [() => F.hardtanh(tg.rand([2]), 1, -1), /^hardtanh: max_val cannot be less than min_val/],
    [() => F.elu(tg.tensor([1, 2], { dtype: 'int32' })), /^elu: expected a floating point input, got int32/],
    [() => F.silu(tg.rand([2]), 1 as never), /^silu: inplace must be a boolean, got /],
    [() => F.hardswish(tg.rand([2], { requiresGrad: true }), true), /^hardswish_: a leaf Variable that requires grad is being used in an in-place operation/],
  ])('%#', (fn, re) => expect(fn).toThrow(re));
});

describe('glu of an empty halving dim', () => {
  // chunk(x, 2) of a size-0 dim gives one chunk, not two: glu must halve with narrow (found by the argument
  // fuzzer; PyTorch returns the empty half).
  it('returns the empty half and backpropagates', () => {
    const x = tg.rand([3, 0], { requiresGrad: true });
    const y = F.glu(x);
    expect(y.shape).toEqual([3, 0]);
    y.sum().backward();
    expect(x.grad!.shape).toEqual([3, 0]);
  });
});
