// Session 7's torch.* names (lib/ops/torch_misc.ts) and nn.functional's deprecated upsample aliases against
// PyTorch 1.13 (test/fixtures/nnmisc.json, from test/fixtures/gen/gen_nnmisc.py): values, the grads of
// sum(out * w), grad_fn names; typename, element_size, empty_strided, frombuffer; the flags; errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, type TensorJson } from '../helpers/ops_fixture.js';
import { opSuite } from '../helpers/op_suite.js';

// the derivative rows' cases (test/fixtures/nnmisc_ops.json, gen_nnmisc_ops.py) and float64 gradcheck specs
opSuite('nnmisc');

interface OpCase { inputs: TensorJson[]; outputs: TensorJson[]; grad_fn: (string | null)[]; grads: (TensorJson | null)[] }
const FIX: { ops: Record<string, OpCase>; misc: { typename: string[]; element_size: number[]; empty_strided: number[][]; frombuffer: number[] } } =
  JSON.parse(readFileSync(new URL('../fixtures/nnmisc.json', import.meta.url), 'utf8'));
const F = tg.nn.functional;
const idx = tg.tensor([[1, 4], [0, 1]], { dtype: 'int64' });
const quiet = <R>(fn: () => R): R => {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try { return fn(); } finally { spy.mockRestore(); }
};

const OPS: Record<string, (...xs: Tensor[]) => Tensor | Tensor[]> = {
  unsafeSplit: (x) => tg.unsafeSplit(x, 2, 1),
  unsafeSplitWithSizes: (x) => x.unsafeSplitWithSizes([1, 3], 2),
  unsafeChunk: (x) => tg.unsafeChunk(x, 2, { dim: 2 }),
  fill: (x) => tg.fill(x, 2.5),
  constantPadNd: (x) => tg.constantPadNd(x, [1, 2, 0, 1], 0.5),
  batchNorm: (x, w, b) => tg.batchNorm(x, w, b, null, null, true, 0.1, 1e-5, false),
  instanceNorm: (x, w, b) => tg.instanceNorm(x, w, b, null, null, true, 0.1, 1e-5, false),
  embedding: (w) => tg.embedding(w, idx, 1),
  rreluEval: (x) => tg.rrelu(x, 0.1, 0.3),
  upsample: (x) => quiet(() => F.upsample(x, { scaleFactor: 2 })),
  upsampleNearest: (x) => quiet(() => F.upsampleNearest(x, { size: [3, 4] })),
  upsampleBilinear: (x) => quiet(() => F.upsampleBilinear(x, null, 2)),
  featureDropoutEval: (x) => tg.featureDropout(x, 0.5, false),
  rnnTanhCell: (x, h, w, u, b1, b2) => tg.rnnTanhCell(x, h, w, u, b1, b2),
  rnnReluCell: (x, h, w, u) => tg.rnnReluCell(x, h, w, u),
  lstmCell: (x, h, c, w, u, b1, b2) => tg.lstmCell(x, [h, c], w, u, b1, b2),
  gruCell: (x, h, w, u, b1, b2) => tg.gruCell(x, h, w, u, { bIh: b1, bHh: b2 }),
};

describe('torch.* names as PyTorch 1.13', () => {
  for (const [name, c] of Object.entries(FIX.ops)) {
    it(`${name}: values, grads, grad_fn`, () => {
      const xs = c.inputs.map((t) => decode(t, true));
      const out = OPS[name](...xs);
      const outs = Array.isArray(out) ? out : [out];
      expect(outs.length).toBe(c.outputs.length);
      outs.forEach((o, i) => expectTensor(o, c.outputs[i], { rtol: 1e-10, atol: 1e-12 }, `${name} output ${i}`));
      const names = outs.map((o) => o.gradFn?.name ?? (o.isLeaf ? null : 'leaf?'));
      expect(names).toEqual(c.grad_fn);
      let total: Tensor | null = null;
      outs.forEach((o, i) => {
        if (!o.requiresGrad) return;
        const w = tg.sin(tg.arange(o.numel(), { dtype: 'float64' }).mul(0.7).add(3 + i)).reshape(o.shape);
        const term = o.mul(w).sum();
        total = total === null ? term : total.add(term);
      });
      if (total !== null) (total as Tensor).backward();
      xs.forEach((x, i) => {
        const want = c.grads[i];
        if (want === null) expect(x.grad).toBeNull();
        else expectTensor(x.grad, want, { rtol: 1e-10, atol: 1e-12 }, `${name} grad ${i}`);
      });
    });
  }

  it('typename, elementSize, emptyStrided, newEmptyStrided, frombuffer', () => {
    const dts = ['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'] as const;
    expect(dts.map((d) => tg.typename(tg.ones(1, { dtype: d })))).toEqual(FIX.misc.typename);
    expect(dts.map((d) => tg.ones(1, { dtype: d }).elementSize())).toEqual(FIX.misc.element_size);
    const e = tg.emptyStrided([2, 3], [1, 2]);
    expect([e.stride(), e.shape]).toEqual(FIX.misc.empty_strided);
    expect(e.isLeaf).toBe(true);
    expect(tg.ones(1, { dtype: 'int32' }).newEmptyStrided([2, 3], [1, 2]).dtype).toBe('int32');
    const buf = new Float64Array([0, 1, 2, 3, 4, 5]).buffer;
    expect(tg.frombuffer(buf, 'float64', 3, 16).tolist()).toEqual(FIX.misc.frombuffer);
    expect(() => tg.frombuffer(new Uint8Array([1, 2, 3]))).toThrow(/^frombuffer: buffer length \(3 bytes\) after offset \(0 bytes\) must be a multiple of element size \(4\)/);
    expect(tg.frombuffer(new Uint8Array([1, 2, 255]), { dtype: 'uint8', offset: 1 }).tolist()).toEqual([2, 255]);
  });

  it('asTensor and asarray share a tensor unless a copy or another dtype is asked; Tensor.new', () => {
    const x = tg.ones(2);
    expect(tg.asTensor(x)).toBe(x);
    expect(tg.asTensor(x, 'float64').dtype).toBe('float64');
    expect(tg.asarray(x)).toBe(x);
    const c = tg.asarray(x, { copy: true });
    expect(c).not.toBe(x);
    c.fill_(3);
    expect(x.tolist()).toEqual([1, 1]);
    expect(() => tg.asarray(x, 'float64', false)).toThrow(/^asarray: can't alias tensor of dtype float32 as float64/);
    expect(tg.asarray([1, 2], { requiresGrad: true }).requiresGrad).toBe(true);
    const i = tg.ones(1, { dtype: 'int64' });
    expect([i.new().shape, i.new(2, 3).shape, i.new([4, 5]).tolist(), i.new().dtype]).toEqual([[0], [2, 3], [4, 5], 'int64']);
  });

  it('the flags are recorded (tensorgrad kernels are deterministic and full precision either way)', () => {
    expect(tg.areDeterministicAlgorithmsEnabled()).toBe(false);
    tg.useDeterministicAlgorithms(true, { warnOnly: true });
    expect([tg.areDeterministicAlgorithmsEnabled(), tg.isDeterministicAlgorithmsWarnOnlyEnabled(), tg.getDeterministicDebugMode()]).toEqual([true, true, 1]);
    tg.setDeterministicDebugMode('error');
    expect(tg.getDeterministicDebugMode()).toBe(2);
    tg.setDeterministicDebugMode(0);
    expect(tg.areDeterministicAlgorithmsEnabled()).toBe(false);
    expect(() => tg.setDeterministicDebugMode(5 as never)).toThrow(/^setDeterministicDebugMode: invalid value of debug_mode/);
    expect(tg.setFlushDenormal(true)).toBe(false);
    expect(tg.getNumInteropThreads()).toBe(1);
    expect(() => tg.setNumInteropThreads(0)).toThrow(/^setNumInteropThreads: Expected positive number of threads/);
    expect(tg.getFloat32MatmulPrecision()).toBe('highest');
    expect(() => tg.setFloat32MatmulPrecision('low' as never)).toThrow(/^setFloat32MatmulPrecision/);
  });

  it("F.upsample* warn once as PyTorch's UserWarning; rrelu_ in place; errors name the op", () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      F.upsampleBilinear(tg.ones(1, 1, 2, 2), null, 2);
      F.upsampleBilinear(tg.ones(1, 1, 2, 2), null, 2);
      expect(spy.mock.calls.filter((c) => String(c[0]).includes('upsample_bilinear is deprecated')).length).toBeLessThanOrEqual(1);
      expect(() => F.upsample(tg.ones(1, 1, 2), { scaleFactor: 2, mode: 'cubic' as never })).toThrow(/^upsample: mode must be one of/);
    } finally {
      spy.mockRestore();
    }
    const x = tg.tensor([-1, 2]);
    expect(F.rrelu_(x, 0.1, 0.3)).toBe(x);
    expect(x.tolist()[0]).toBeCloseTo(-0.2, 6);
    const y = tg.tensor([-1, 2]);
    tg.rrelu_(y, 0.1, 0.3, true, new tg.Generator(1));
    expect(y.tolist()[0]).toBeLessThanOrEqual(-0.1);
    expect(y.tolist()[0]).toBeGreaterThanOrEqual(-0.3);
    expect(() => tg.unsafeChunk(tg.ones(2), 0)).toThrow(/^unsafeChunk: chunk expects `chunks` to be greater than 0/);
    expect(() => tg.fill(tg.ones(2), tg.ones(2))).toThrow(/^fill: fill only supports 0-dimension value tensor/);
    expect(() => tg.featureDropout(tg.ones(3), 0.5, true)).toThrow(/^featureDropout: Feature dropout requires at least 2 dimensions/);
    const fd = tg.featureDropout(tg.ones(4, 5, 3), 0.5, true);
    // whole channels: each [n, c] row of 3 is all 0 or all 2
    const rows = fd.reshape(20, 3).tolist() as number[][];
    expect(rows.every((r) => r.every((v) => v === r[0]) && (r[0] === 0 || r[0] === 2))).toBe(true);
  });
});
