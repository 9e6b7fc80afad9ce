// Bad input to the elementwise-math ops (lib/ops/elementwise_math.ts, lib/ops/methods_math.ts): a thrown
// TypeError/RangeError whose message starts with the op name and shows the shapes, never a crash or a
// silently wrong value.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

const f = (shape: number[]) => tg.ones(shape);
const i = (vals: number[]) => tg.tensor(vals, { dtype: 'int32' });

describe('elementwise math: bad input', () => {
  it('shapes that do not broadcast name the op and both shapes', () => {
    for (const op of ['atan2', 'hypot', 'fmod', 'remainder', 'xlogy', 'logicalAnd', 'logicalXor'] as const)
      expect(() => (tg[op] as (a: unknown, b: unknown) => unknown)(f([2, 3]), f([4])), op).toThrow(new RegExp(`^${op}: .*\\[2, 3\\].*\\[4\\]`));
    expect(() => tg.lerp(f([2, 3]), f([4]), 0.5)).toThrow(/^lerp: .*\[2, 3\].*\[4\]/);
    expect(() => tg.addcmul(f([2, 3]), f([3]), f([5]))).toThrow(/^addcmul: .*\[5\]/);
  });

  it('dtypes PyTorch rejects are TypeErrors naming the op, the dtype and the shape', () => {
    expect(() => tg.hypot(i([1, 2]), i([3, 4]))).toThrow(TypeError);
    expect(() => tg.hypot(i([1, 2]), i([3, 4]))).toThrow(/^hypot: not implemented for int32 operands \(shapes \[2\] and \[2\]\)/);
    expect(() => tg.frac(i([1, 2, 3]))).toThrow(/^frac: not implemented for int32 tensors \(shape \[3\]\)/);
    expect(() => tg.floor(tg.tensor([true]))).toThrow(/^floor: not implemented for bool tensors \(shape \[1\]\)/);
    expect(() => tg.round(i([1]), 2)).toThrow(/^round: .*int32.*\[1\]/);
    expect(() => tg.lerp(i([1, 2]), i([3, 4]), 0.5)).toThrow(/^lerp: not implemented for int32 tensors \(shape \[2\]\)/);
    expect(() => tg.addcdiv(i([1]), i([1]), i([2]))).toThrow(/^addcdiv: integer division .*int32 \[1\]/);
    expect(() => tg.bitwiseAnd(f([2]), f([2]))).toThrow(/^bitwiseAnd: not implemented for float32 operands \(shapes \[2\] and \[2\]\)/);
    expect(() => tg.bitwiseOr(i([1]), 1.5)).toThrow(/^bitwiseOr: .*float32/);
    expect(() => tg.bitwiseNot(f([3]))).toThrow(/^bitwiseNot: not implemented for float32 tensors \(shape \[3\]\)/);
    expect(() => tg.fmod(tg.tensor([true]), tg.tensor([true]))).toThrow(/^fmod: not implemented for bool/);
  });

  it('integer division by zero in fmod/remainder is a RangeError (PyTorch: ZeroDivisionError)', () => {
    expect(() => tg.fmod(i([1, 2]), 0)).toThrow(RangeError);
    expect(() => tg.remainder(i([1, 2]), i([1, 0]))).toThrow(/^remainder: integer division by zero/);
    // float division by zero is NaN, as in PyTorch
    expect(tg.fmod(f([1]), 0).item()).toBeNaN();
  });

  it('bad scalar arguments name the op and the argument', () => {
    expect(() => tg.round(f([2]), 1.5)).toThrow(/^round: decimals must be an integer/);
    expect(() => tg.polygamma(-1, f([2]))).toThrow(/^polygamma: n must be a non-negative integer/);
    expect(() => tg.polygamma(1.5, f([2]))).toThrow(/^polygamma: n must be/);
    expect(() => tg.nanToNum(f([2]), 'x' as never)).toThrow(/^nanToNum: nan must be a number/);
    expect(() => tg.addcmul(f([2]), f([2]), f([2]), 'a' as never)).toThrow(/^addcmul: value must be a number/);
    expect(() => tg.atan2('a' as never, f([2]))).toThrow(/^atan2: expected input to be a Tensor or a number/);
    expect(() => tg.sinh([1, 2] as never)).toThrow(/^sinh: expected a Tensor/);
    expect(() => tg.lerp(f([2]), f([2]), 'w' as never)).toThrow(/^lerp: expected weight/);
  });

  it('in-place forms: a result the tensor cannot hold, a leaf that requires grad, a broadcast that grows it', () => {
    expect(() => i([1, 2]).exp_()).toThrow(/^exp_: result type float32 can't be cast to the desired output type int32 \(shape \[2\]\)/);
    const x = i([1, 2]);
    expect(() => x.sqrt_()).toThrow(TypeError);
    expect(x.tolist()).toEqual([1, 2]); // unchanged
    expect(() => tg.ones([2], { requiresGrad: true }).sinh_()).toThrow(/^sinh_: /);
    expect(() => f([3]).atan2_(f([2, 3]))).toThrow(/^atan2_: .*\[2, 3\].*\[3\]/);
  });

  it('in-place forms write the values and record the op node', () => {
    const a = tg.tensor([0.5, 1.5], { dtype: 'float64', requiresGrad: true });
    const y = a.mul(1);
    const r = y.log1p_();
    expect(r).toBe(y);
    expect(y.gradFn?.name).toBe('Log1PBackward0');
    y.sum().backward();
    expect(Array.from(a.grad!.toTypedArray())).toEqual([1 / 1.5, 1 / 2.5]);
    // exp_ saves its result, not self: its node follows y's own node (PyTorch: ExpBackward0 -> MulBackward0)
    const z = a.mul(2);
    z.exp_();
    expect(z.gradFn?.name).toBe('ExpBackward0');
    expect(z.gradFn?.nextFunctions[0]?.[0]?.name).toBe('MulBackward0');
    const b = tg.tensor([2.5, -1.5]);
    b.floor_();
    expect(b.tolist()).toEqual([2, -2]);
  });
});
