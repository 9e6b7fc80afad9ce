// The fused native kernels behind GELU (unary gelu / gelu_tanh, binary gelu_backward / gelu_tanh_backward) and
// layer_norm (native/cpu/norm_kernels.cc), at sizes that run their vector loops and their tails: against
// PyTorch 1.13 (test/fixtures/fused_kernels.json, gen_fused_kernels.py), against the composites they replace
// (the same formulas op by op, lib/ops/nn.ts geluValue/geluDerivative and lib/ops/norm.ts layerNormBackward),
// and float64 gradcheck; and maskedFill's broadcast native path (a causal mask over attention scores).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, type TensorJson } from '../helpers/ops_fixture.js';
import { geluValue, geluDerivative } from '../../lib/ops/nn.js';
import { layerNormBackward, layerNormBackwardRows } from '../../lib/ops/norm.js';

const F = tg.nn.functional;

interface Case {
  id: string;
  op: 'gelu' | 'layerNorm';
  approximate?: 'none' | 'tanh';
  n?: number;
  inputs: TensorJson[];
  out: TensorJson;
  grad_output: TensorJson;
  grads: TensorJson[];
  grad_fn: string;
}
const FIX = JSON.parse(readFileSync(new URL('../fixtures/fused_kernels.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** max |a - b| / (atol + rtol |b|) <= 1 elementwise. */
function expectClose(a: Tensor, b: Tensor, rtol: number, atol: number): void {
  expect(a.shape).toEqual(b.shape);
  const x = a.toTypedArray() as ArrayLike<number>, y = b.toTypedArray() as ArrayLike<number>;
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / (atol + rtol * Math.abs(y[i])));
  expect(worst).toBeLessThanOrEqual(1);
}

describe('fused kernels against PyTorch 1.13', () => {
  for (const c of FIX.cases) {
    it(c.id, () => {
      const ins = c.inputs.map((t) => decode(t, true));
      const y = c.op === 'gelu' ? F.gelu(ins[0], { approximate: c.approximate! }) : F.layerNorm(ins[0], [c.n!], ins[1] ?? null, ins[2] ?? null, 1e-5);
      expect(y.gradFn?.name).toBe(c.grad_fn);
      const f32 = y.dtype === 'float32';
      expectClose(y, decode(c.out), f32 ? 1e-5 : 1e-12, f32 ? 1e-6 : 1e-13);
      y.backward(decode(c.grad_output));
      ins.forEach((x, i) => expectClose(x.grad!, decode(c.grads[i]), f32 ? 1e-4 : 1e-11, f32 ? 1e-5 : 1e-12));
    });
  }
});

describe('fused GELU against its composite', () => {
  for (const approximate of ['none', 'tanh'] as const) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${approximate}, ${dtype}: forward and backward over 1,000 values in [-10, 10] (vector loop and tail)`, () => {
        const x = tg.linspace(-10, 10, 1001, { dtype }).requiresGrad_(true);
        const y = F.gelu(x, { approximate });
        const tol = dtype === 'float32' ? [1e-5, 1e-6] : [1e-13, 1e-14];
        expectClose(y, geluValue(x.detach(), approximate), tol[0], tol[1]);
        const g = tg.randn([1001], { dtype });
        y.backward(g);
        expectClose(x.grad!, g.mul(geluDerivative(x.detach(), approximate)), tol[0], tol[1]);
      });
    }
    it(`${approximate}: float64 gradcheck and gradgradcheck on 40 values`, () => {
      const x = tg.randn([40], { dtype: 'float64' }).mul(2).requiresGrad_(true);
      expect(tg.autograd.gradcheck((t: Tensor) => F.gelu(t, { approximate }), [x])).toBe(true);
      expect(tg.autograd.gradgradcheck((t: Tensor) => F.gelu(t, { approximate }), [x])).toBe(true);
    });
  }
  it('a non-contiguous input runs the kernel over its values', () => {
    const x = tg.randn([6, 20]);
    expectClose(F.gelu(x.t(), { approximate: 'tanh' }), geluValue(x.t().contiguous(), 'tanh'), 1e-5, 1e-6);
  });
});

describe('fused layerNorm against its composite backward', () => {
  for (const n of [1, 7, 16, 37, 64, 100]) {
    it(`rows of ${n} (float64): dx, dweight, dbias, each alone and together`, () => {
      const x = tg.randn([11, n], { dtype: 'float64' }).mul(3).add(2);
      const w = tg.randn([n], { dtype: 'float64' }), g = tg.randn([11, n], { dtype: 'float64' });
      const saved = { self: x, weight: w, k: 1, eps: 1e-5 };
      const ref = layerNormBackward(g, saved, [true, true, true]);
      const got = layerNormBackwardRows(g, saved, [true, true, true]);
      for (let i = 0; i < 3; i++) expectClose(got[i]!, ref[i]!, 1e-10, 1e-11);
      for (let i = 0; i < 3; i++) {
        const only = layerNormBackwardRows(g, saved, [i === 0, i === 1, i === 2]);
        expectClose(only[i]!, ref[i]!, 1e-10, 1e-11);
        expect(only.filter((t) => t !== null)).toHaveLength(1);
      }
      const noWeight = layerNormBackwardRows(g, { ...saved, weight: null }, [true, false, false]);
      expectClose(noWeight[0]!, layerNormBackward(g, { ...saved, weight: null }, [true, false, false])[0]!, 1e-10, 1e-11);
    });
  }
  it('float64 gradcheck and gradgradcheck over rows of 37 with weight and bias', () => {
    const x = tg.randn([3, 37], { dtype: 'float64', requiresGrad: true });
    const w = tg.randn([37], { dtype: 'float64', requiresGrad: true }), b = tg.randn([37], { dtype: 'float64', requiresGrad: true });
    const f = (a: Tensor, ww: Tensor, bb: Tensor) => F.layerNorm(a, [37], ww, bb);
    expect(tg.autograd.gradcheck(f, [x, w, b])).toBe(true);
    expect(tg.autograd.gradgradcheck(f, [x, w, b])).toBe(true);
  });
  it('normalizes a row far from zero mean without cancellation (two-pass statistics)', () => {
    const x = tg.tensor([[1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1, 1e4 + 1, 1e4 - 1]]);
    const y = F.layerNorm(x, [18], null, null, 0);
    expectClose(y, tg.tensor([Array.from({ length: 18 }, (_, i) => (i % 2 ? -1 : 1))]), 1e-5, 1e-5);
  });
  it('the one-pass backward (row blocks, Note [layer_norm backward blocks]) is bit-identical across thread counts and capabilities, and a broadcast grad row gives the same bits as its gathered copy', () => {
    const cap0 = tg.backends.cpu.capability(), th0 = tg.getNumThreads();
    const bits = (t: Tensor) => Array.from(t.toTypedArray() as ArrayLike<number>);
    try {
      for (const dtype of ['float32', 'float64'] as const)
        for (const [rows, n] of [[37, 45], [100, 256], [3, 7]]) {
          tg.manualSeed(rows + n);
          const x = tg.randn([rows, n], { dtype }).mul(2).add(1);
          const w = tg.randn([n], { dtype }), row = tg.randn([n], { dtype });
          const saved = { self: x, weight: w, k: 1, eps: 1e-5 };
          const ref = layerNormBackward(row.expand([rows, n]), saved, [true, true, true]);
          let first: number[][] | null = null;
          for (const cap of tg.backends.cpu.capabilities())
            for (const threads of [1, 2]) {
              tg.backends.cpu.setCapability(cap);
              tg.setNumThreads(threads);
              const got = layerNormBackwardRows(row.expand([rows, n]), saved, [true, true, true]);
              const full = layerNormBackwardRows(row.expand([rows, n]).contiguous(), saved, [true, true, true]);
              const tol: [number, number] = dtype === 'float32' ? [1e-4, 1e-5] : [1e-10, 1e-11];
              for (let i = 0; i < 3; i++) {
                expectClose(got[i]!, ref[i]!, ...tol);
                expect(bits(got[i]!), `${dtype} ${rows}x${n} ${cap} grad ${i}: broadcast row vs gathered`).toEqual(bits(full[i]!));
              }
              if (threads === 1) first = got.map((t) => bits(t!));
              else got.forEach((t, i) => expect(bits(t!), `${dtype} ${rows}x${n} ${cap} grad ${i}: 2 threads vs 1`).toEqual(first![i]));
            }
        }
    } finally {
      tg.backends.cpu.setCapability(cap0);
      tg.setNumThreads(th0);
    }
  });
  it("the forward's saved row stats (Note [layer_norm saved stats]) give the same grads, bit for bit, as recomputing them, under every capability and thread count", () => {
    const cap0 = tg.backends.cpu.capability(), th0 = tg.getNumThreads();
    const bits = (t: Tensor) => Array.from(t.toTypedArray() as ArrayLike<number>);
    try {
      for (const dtype of ['float32', 'float64'] as const)
        for (const [rows, n] of [[37, 45], [100, 256], [3, 7]]) {
          tg.manualSeed(rows * n);
          const x0 = tg.randn([rows, n], { dtype }).mul(2).add(1), w0 = tg.randn([n], { dtype }), b0 = tg.randn([n], { dtype });
          const g = tg.randn([rows, n], { dtype });
          for (const cap of tg.backends.cpu.capabilities())
            for (const threads of [1, 2]) {
              tg.backends.cpu.setCapability(cap);
              tg.setNumThreads(threads);
              const [x, w, b] = [x0, w0, b0].map((t) => t.clone().requiresGrad_());
              F.layerNorm(x, [n], w, b).backward(g);
              const want = layerNormBackwardRows(g, { self: x0, weight: w0, k: 1, eps: 1e-5 }, [true, true, true]);
              [x, w, b].forEach((t, i) => expect(bits(t.grad!), `${dtype} ${rows}x${n} ${cap} ${threads} grad ${i}`).toEqual(bits(want[i]!)));
            }
        }
    } finally {
      tg.backends.cpu.setCapability(cap0);
      tg.setNumThreads(th0);
    }
  });
  it('an empty batch gives empty grads', () => {
    const x = tg.zeros([0, 8], { requiresGrad: true });
    const w = tg.ones([8], { requiresGrad: true });
    F.layerNorm(x, [8], w).sum().backward();
    expect(x.grad!.shape).toEqual([0, 8]);
    expect(Array.from(w.grad!.toTypedArray() as Float32Array)).toEqual(new Array(8).fill(0));
  });
});

describe('maskedFill with a broadcast mask (native where)', () => {
  it('fills a [1, 1, T, T] causal mask over [B, H, T, T] scores as the expanded mask does', () => {
    const scores = tg.randn([2, 3, 5, 5]);
    const mask = tg.tril(tg.ones([5, 5])).view([1, 1, 5, 5]).eq(0);
    const got = scores.maskedFill(mask, -Infinity);
    const want = scores.maskedFill(mask.expand([2, 3, 5, 5]).contiguous(), -Infinity);
    expect(Array.from(got.toTypedArray() as Float32Array)).toEqual(Array.from(want.toTypedArray() as Float32Array));
    const s = got.toTypedArray() as Float32Array, x = scores.toTypedArray() as Float32Array;
    for (let i = 0; i < s.length; i++) expect(s[i]).toBe((i % 5) > Math.floor(i / 5) % 5 ? -Infinity : x[i]);
  });
  it('broadcasts the input against a larger mask, for int32 and bool inputs too', () => {
    const mask = tg.tensor([[true, false], [false, true]]);
    expect(tg.tensor([1, 2], { dtype: 'int32' }).maskedFill(mask, 7).tolist()).toEqual([[7, 2], [1, 7]]);
    expect(tg.tensor([false, false]).maskedFill(mask, true).tolist()).toEqual([[true, false], [false, true]]);
    expect(tg.tensor([1.5, 2.5], { dtype: 'float64' }).maskedFill(mask, tg.tensor(-1, { dtype: 'float64' })).tolist()).toEqual([[-1, 2.5], [1.5, -1]]);
  });
});

describe('cat through strided copies', () => {
  it('concatenates transposed views, a cast part and bool parts along the last dim as their values', () => {
    const x = tg.arange(12).view([3, 4]).t();
    expect(tg.cat([x, tg.zeros([4, 1])], 1).tolist()).toEqual([[0, 4, 8, 0], [1, 5, 9, 0], [2, 6, 10, 0], [3, 7, 11, 0]]);
    expect(tg.cat([tg.tensor([1, 2], { dtype: 'int32' }), tg.tensor([0.5])]).tolist()).toEqual([1, 2, 0.5]);
    expect(tg.cat([tg.tensor([[true, false], [false, true]]), tg.tensor([[true], [true]])], 1).tolist()).toEqual([[true, false, true], [false, true, true]]);
  });
  it("split's backward (a cat of the q, k, v grads arriving as transposed views) matches the per-part grads", () => {
    const w = tg.randn([2, 3, 12], { requiresGrad: true });
    const [q, k, v] = w.split(4, 2).map((t) => t.view([2, 3, 2, 2]).transpose(1, 2));
    const gq = tg.randn([2, 2, 3, 2]), gk = tg.randn([2, 2, 3, 2]), gv = tg.randn([2, 2, 3, 2]);
    q.mul(gq).sum().add(k.mul(gk).sum()).add(v.mul(gv).sum()).backward();
    const back = (g: Tensor) => g.transpose(1, 2).reshape([2, 3, 4]);
    expect(w.grad!.tolist()).toEqual(tg.cat([back(gq), back(gk), back(gv)].map((t) => t.contiguous()), 2).tolist());
  });
});
