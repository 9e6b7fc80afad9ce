// Pooling and normalization modules against PyTorch 1.13 (test/fixtures/pool_norm_modules.json, from
// test/fixtures/gen/gen_pool_norm.py): reprs to the character, stateDict keys, running stats and outputs after
// training steps then in eval; plus the errors of bad input (messages name the op and the shapes). The
// functional forms' values, grads and node names are replayed from pool_norm.json by test/ops/nn.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, type TensorJson } from '../helpers/ops_fixture.js';
import { native } from '../../lib/native.js';

const F = tg.nn.functional;
type Mod = InstanceType<typeof tg.nn.Module>;
interface ReprCase { cls: string; args: unknown[]; kwargs: Record<string, unknown>; repr: string; state_keys: string[] }
interface TrainCase extends Omit<ReprCase, 'repr' | 'state_keys'> {
  steps: { input: TensorJson; output: TensorJson }[];
  eval_input: TensorJson;
  eval_output: TensorJson;
  state: Record<string, TensorJson>;
}
const FIX: { reprs: ReprCase[]; training: TrainCase[] } = JSON.parse(readFileSync(new URL('../fixtures/pool_norm_modules.json', import.meta.url), 'utf8'));

function build(c: { cls: string; args: unknown[]; kwargs: Record<string, unknown> }): Mod {
  const Cls = (tg.nn as unknown as Record<string, new (...a: unknown[]) => Mod>)[c.cls];
  return Object.keys(c.kwargs).length > 0 ? new Cls(...c.args, c.kwargs) : new Cls(...c.args);
}
const tol = { rtol: 1e-10, atol: 1e-12 };

describe('pooling and normalization modules: PyTorch reprs and stateDict keys', () => {
  for (const c of FIX.reprs) {
    it(`${c.cls}(${JSON.stringify(c.args).slice(1, -1)}${Object.keys(c.kwargs).length ? `, ${JSON.stringify(c.kwargs)}` : ''})`, () => {
      const m = build(c);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.state_keys);
    });
  }
});

describe('normalization modules: training steps then eval, as PyTorch', () => {
  for (const c of FIX.training) {
    it(`${c.cls} ${JSON.stringify(c.args)} ${JSON.stringify(c.kwargs)}`, () => {
      const m = build(c).double();
      expect(m.training).toBe(true);
      c.steps.forEach((s, i) => expectTensor(m.call(decode(s.input)) as Tensor, s.output, tol, `step ${i} output`));
      m.eval();
      expectTensor(m.call(decode(c.eval_input)) as Tensor, c.eval_output, tol, 'eval output');
      const sd = m.stateDict();
      expect(Object.keys(sd)).toEqual(Object.keys(c.state));
      for (const [k, t] of Object.entries(c.state)) expectTensor(sd[k], t, tol, `stateDict ${k}`);
    });
  }

  it('running stats are buffers under PyTorch names, with camelCase aliases; loadStateDict restores them', () => {
    const bn = new tg.nn.BatchNorm2d(2);
    expect(bn.runningMean!.dataPtr()).toBe(bn.stateDict().running_mean.dataPtr());
    expect(bn.numBatchesTracked!.dtype).toBe('int64'); // PyTorch's
    expect(bn.buffers().length).toBe(3);
    bn.call(tg.randn([3, 2, 2, 2]));
    expect(bn.numBatchesTracked!.item()).toBe(1);
    const fresh = new tg.nn.BatchNorm2d(2);
    fresh.loadStateDict(bn.stateDict());
    expect(fresh.runningVar!.equal(bn.runningVar!)).toBe(true);
    expect(fresh.numBatchesTracked!.item()).toBe(1);
    fresh.resetRunningStats();
    expect(fresh.runningVar!.tolist()).toEqual([1, 1]);
    expect(fresh.numBatchesTracked!.item()).toBe(0);
  });

  it('eval mode does not touch the running stats; the graph is one NativeBatchNormBackward0 node', () => {
    const bn = new tg.nn.BatchNorm1d(3).eval();
    const before = bn.runningMean!.clone();
    const x = tg.randn([4, 3], { requiresGrad: true });
    const y = bn.call(x) as Tensor;
    expect(bn.runningMean!.equal(before)).toBe(true);
    expect(bn.numBatchesTracked!.item()).toBe(0);
    expect(y.gradFn?.name).toBe('NativeBatchNormBackward0');
    y.sum().backward();
    expect(bn.weight!.grad).not.toBeNull();
  });

  it('pooling modules return indices when asked and unpool them back', () => {
    const x = tg.arange(16).reshape([1, 1, 4, 4]).requiresGrad_(true);
    const [v, i] = new tg.nn.MaxPool2d(2, { returnIndices: true }).call(x) as [Tensor, Tensor];
    expect(v.gradFn?.name).toBe('MaxPool2DWithIndicesBackward0');
    expect(i.dtype).toBe('int64');
    expect(i.tolist()).toEqual([[[[5, 7], [13, 15]]]]);
    const u = new tg.nn.MaxUnpool2d(2).call(v, i);
    expect(u.gradFn?.name).toBe('MaxUnpool2DBackward0');
    expect(u.tolist()).toEqual([[[[0, 0, 0, 0], [0, 5, 0, 7], [0, 0, 0, 0], [0, 13, 0, 15]]]]);
    expect((new tg.nn.AdaptiveAvgPool2d(1).call(x) as Tensor).shape).toEqual([1, 1, 1, 1]);
  });
});

describe('pooling and normalization: bad input throws an error naming the op and the shapes', () => {
  const x = tg.randn([2, 3, 4, 4]);
  it('pooling', () => {
    expect(() => F.maxPool2d(tg.randn([4, 4]), 2)).toThrow(/^maxPool2d: Expected 3D or 4D \(batch mode\) tensor .*input of shape \[4, 4\]/);
    expect(() => F.maxPool2d(x, 2, { padding: 2 })).toThrow(/^maxPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2 \(input of shape \[2, 3, 4, 4\]\)/);
    expect(() => F.avgPool2d(x, 5)).toThrow(/^avgPool2d: Given input size: \(3x4x4\)\. Calculated output size: \(3x0x0\)\. Output size is too small \(input of shape \[2, 3, 4, 4\]/);
    expect(() => F.maxPool1d(tg.randn([2, 3, 4]), 2, 1, 0, 0)).toThrow(/^maxPool1d: dilation should be greater than zero/);
    expect(() => F.avgPool1d(tg.randn([4]), 2)).toThrow(/^avgPool1d: Expected 2D or 3D .*\[4\]/);
    expect(() => F.adaptiveMaxPool2d(tg.randn([3, 0, 4]), 2)).toThrow(/^adaptiveMaxPool2d: .*\[3, 0, 4\]/);
    expect(() => F.maxPool2d(tg.ones([1, 2, 2], { dtype: 'int32' }), 2)).toThrow(TypeError);
    expect(() => F.maxUnpool2d(tg.randn([1, 1, 2, 2]), tg.tensor([[[[0, 1], [2, 99]]]], { dtype: 'int32' }), 2)).toThrow(/^maxUnpool2d: Found an invalid max index: 99/);
    expect(() => F.maxUnpool2d(tg.randn([1, 1, 2, 2]), tg.zeros([1, 1, 2, 2]), 2)).toThrow(/^maxUnpool2d: expected indices to be an int64 or int32 tensor, got float32/);
    // lpPool is built on pow and avgPool2d: its arguments are checked under its own name first (argument fuzzer)
    expect(() => F.lpPool2d([1, 2] as unknown as Tensor, 2, 2)).toThrow(/^lpPool2d: /);
    expect(() => F.lpPool2d(x, 2, 2, 0)).toThrow(/^lpPool2d: stride should be greater than zero/);
    expect(() => F.lpPool1d(tg.randn([2, 3, 4]), 2, 5)).toThrow(/^lpPool1d: Given input size: \(3x4\)/);
  });
  it('normalization', () => {
    expect(() => F.batchNorm(x, tg.zeros([2]), tg.ones([3]), null, null, true)).toThrow(/^batchNorm: running_mean should contain 3 elements not 2 \(running_mean of shape \[2\], input of shape \[2, 3, 4, 4\]\)/);
    expect(() => F.batchNorm(x, null, null, tg.ones([4]), null, true)).toThrow(/^batchNorm: weight should contain 3 elements not 4/);
    expect(() => F.batchNorm(tg.randn([1, 3]), null, null, null, null, true)).toThrow(/^batchNorm: Expected more than 1 value per channel when training, got input size \[1, 3\]/);
    expect(() => F.batchNorm(x, null, null)).toThrow(/^batchNorm: running_mean and running_var must be defined in evaluation mode/);
    expect(() => F.groupNorm(x, 2)).toThrow(/^groupNorm: Expected number of channels in input to be divisible by num_groups, but got input of shape \[2, 3, 4, 4\] and num_groups=2/);
    expect(() => F.groupNorm(x, 3, tg.ones([2]))).toThrow(/^groupNorm: Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape \[2\] and input of shape \[2, 3, 4, 4\]/);
    expect(() => F.instanceNorm(tg.randn([2, 3, 1]))).toThrow(/^instanceNorm: Expected more than 1 spatial element when training, got input size \[2, 3, 1\]/);
    expect(() => F.localResponseNorm(tg.randn([3, 4]), 2)).toThrow(/^localResponseNorm: Expected 3D or higher dimensionality input \(got 2 dimensions/);
    expect(() => new tg.nn.BatchNorm2d(3).call(tg.randn([2, 3, 4]))).toThrow(/^BatchNorm2d: expected 4D input \(got 3D input of shape \[2, 3, 4\]\)/);
    expect(() => new tg.nn.BatchNorm1d(3).call(tg.randn([2, 4]))).toThrow(/^batchNorm: running_mean should contain 4 elements not 3/);
    expect(() => new tg.nn.InstanceNorm1d(3, { affine: true }).call(tg.randn([2, 4, 5]))).toThrow(/^InstanceNorm1d: expected input's size at dim=1 to match num_features \(3\), but got: 4/);
    expect(() => new tg.nn.GroupNorm(4, 6)).toThrow(/^GroupNorm: num_channels \(6\) must be divisible by num_groups \(4\)/);
  });
  it('the native kernels reject a geometry or length that does not match (no out-of-bounds access)', () => {
    const x = new Float32Array(16), out = new Float32Array(4), idx = new BigInt64Array(4);
    expect(() => native.maxPool2d(x, [1, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1], out, idx)).not.toThrow();
    expect(out[0]).toBe(0);
    expect(() => native.maxPool2d(x, [2, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1], out, idx)).toThrow(/^maxPool2d: input length/);
    expect(() => native.maxPool2d(x, [1, 4, 4, 3, 3, 2, 2, 2, 2, 0, 0, 1, 1], out, idx)).toThrow(/^maxPool2d: a window starts past the input/);
    expect(() => native.maxPool2d(x, [1, 4, 4, 2, 2, 2, 2, 0, 2, 0, 0, 1, 1], out, idx)).toThrow(/^maxPool2d: bad window geometry/);
    expect(() => native.channelStats(x, null, null, [2, 2, 5], 0, new Float64Array(2), new Float64Array(2))).toThrow(/^channelStats: expected \[N, C, S\]/);
    expect(() => native.channelStats(x, null, null, [2, 2, 4], 0, new Float64Array(3), new Float64Array(2))).toThrow(/^channelStats: out1 must be a Float64Array of 2/);
    expect(() => native.channelAffine(x, x, x, [2, 2, 4], new Float64Array(2), new Float64Array(2), new Float64Array(2), null)).toThrow(/^channelAffine: k is required with g/);
  });
});
