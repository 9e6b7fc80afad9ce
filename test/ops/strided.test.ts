// Elementwise ops over strided inputs, scans and topk against PyTorch 1.13 (test/fixtures/strided.json,
// gen_strided.py): the output layout (stride()) TensorIterator gives each elementwise family (Note [Output
// layout]), the float32 bits of cumsum/cumprod and cumsum's backward (Note [Sequential scans]), and topk's
// order among ties and NaN (Note [Topk order]).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { slice as sliceDim } from '../../lib/ops/shape.js';
import { decodeValue, type Value } from '../helpers/ops_fixture.js';

type Layout = { shape: number[]; stride: number[]; dtype: string; values: Value[] };
type Sample = [number, number][];
const FX = JSON.parse(readFileSync(new URL('../fixtures/strided.json', import.meta.url), 'utf8')) as {
  layouts: Record<string, Layout>;
  scans: Record<string, { sample: Sample; xor?: number; sum?: number }>;
  topk: Record<string, { indices: number[]; values: Value[] }>;
};

// The generator's inputs, rebuilt: arange-based tensors, and MINSTD streams.
const ar = (shape: number[]) => tg.arange(shape.reduce((a, b) => a * b, 1)).reshape(shape);
const x = ar([3, 4]).div(4).sub(1), y = ar([4, 3]).div(8).sub(0.5), b = tg.arange(3).sub(1), c = ar([4, 1]);
const p = ar([2, 3, 4]).div(8).sub(1), z = tg.zeros([4, 2, 3]);
const big = ar([40, 24]).div(64).sub(7), bigy = ar([24, 40]).div(32).sub(3);
const step = (t: Tensor, s: number) => sliceDim(t, 0, 0, null, s);

const CASES: Record<string, () => Tensor> = {
  'x.t().exp()': () => x.t().exp(),
  'x.t().add(y)': () => x.t().add(y),
  'y.add(x.t())': () => y.add(x.t()),
  'x.t().mul(2)': () => x.t().mul(2),
  'x.t().add(b)': () => x.t().add(b),
  'b.add(x.t())': () => b.add(x.t()),
  'x.t().add(c)': () => x.t().add(c),
  'x.t().add(x.t())': () => x.t().add(x.t()),
  'x.t().lt(y)': () => x.t().lt(y),
  'p.permute(2,0,1).exp()': () => p.permute(2, 0, 1).exp(),
  'p.permute(2,0,1).add(z)': () => p.permute(2, 0, 1).add(z),
  'z.add(p.permute(2,0,1))': () => z.add(p.permute(2, 0, 1)),
  'p.transpose(1,2).sub(p.transpose(1,2).contiguous())': () => p.transpose(1, 2).sub(p.transpose(1, 2).contiguous()),
  'x.t().neg()': () => x.t().neg(),
  'x.t().sigmoid()': () => x.t().sigmoid(),
  'x.t().clamp(0)': () => x.t().clamp(0),
  'x.t().pow(2)': () => x.t().pow(2),
  'x.t().int()': () => x.t().int(),
  'x.t().floor()': () => x.t().floor(),
  'x.t().log1p()': () => x.t().abs().log1p(),
  'x.t().maximum(y)': () => x.t().maximum(y),
  'x.t().atan2(y)': () => x.t().atan2(y),
  'x.t()[::2].exp()': () => step(x.t(), 2).exp(),
  'big.t().add(bigy)': () => big.t().add(bigy),
  'bigy.mul(big.t())': () => bigy.mul(big.t()),
  'big.t().div(bigy.t().t())': () => big.t().div(bigy.t().t()),
  'big.t()[::3].sub(bigy[::3])': () => step(big.t(), 3).sub(step(bigy, 3)),
  'where(x.t().gt(0), x.t(), y)': () => tg.where(x.t().gt(0), x.t(), y),
  'where(y.gt(0), x.t(), 2)': () => tg.where(y.gt(0), x.t(), 2),
  'where(x.t().gt(0), 1, b)': () => tg.where(x.t().gt(0), 1, b),
};

describe('elementwise output layout (Note [Output layout])', () => {
  it('covers every fixture case', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(FX.layouts).sort());
  });
  for (const [name, f] of Object.entries(CASES)) {
    it(name, () => {
      const want = FX.layouts[name], r = f();
      expect(r.shape).toEqual(want.shape);
      expect(r.stride()).toEqual(want.stride);
      expect(r.dtype).toBe(want.dtype === 'bool' ? 'bool' : want.dtype);
      const got = Array.from(r.contiguous()._data as ArrayLike<number>, Number);
      const exp = want.values.map((v) => (typeof v === 'boolean' ? Number(v) : Number(decodeValue(v))));
      for (let i = 0; i < exp.length; i++) expect(got[i]).toBeCloseTo(exp[i], 5);
    });
  }
});

function minstd(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) out[i] = s = (s * 48271) % 2147483647;
  return out;
}
function spread(n: number, seed: number): number[] {
  return Array.from(minstd(n, seed), (s) => ((s % 2 ** 24) - 2 ** 23) * 2 ** ((Math.floor(s / 2 ** 24) % 13) - 9 - 23));
}
function ties(n: number, seed: number): number[] {
  return Array.from(minstd(n, seed), (s, i) => (i % 997 === 5 ? NaN : i % 101 === 3 ? -0 : (s % 50) - 25));
}
const bits32 = (t: Tensor) => new Uint32Array(new Float32Array(t.contiguous()._data as Float32Array).buffer);
function checkBits(got: Uint32Array, want: { sample: Sample; xor?: number; sum?: number }): void {
  for (const [i, v] of want.sample) expect(got[i], `element ${i}`).toBe(v);
  if (want.xor !== undefined) expect(got.reduce((a, v) => (a ^ v) >>> 0, 0)).toBe(want.xor);
  if (want.sum !== undefined) expect(Number(got.reduce((a, v) => a + BigInt(v), 0n) % 2n ** 48n)).toBe(want.sum);
}

describe('scans bit for bit as PyTorch (Note [Sequential scans])', () => {
  it('cumsum of 1e6 float32 values over 13 binades', () => {
    checkBits(bits32(tg.tensor(spread(1e6, 7), { dtype: 'float32' }).cumsum(0)), FX.scans.cumsum_f32_1e6);
  });
  it('cumsum of 1e5 float64 values', () => {
    const got = tg.tensor(spread(1e5, 11), { dtype: 'float64' }).cumsum(0)._data as Float64Array;
    for (const [i, v] of FX.scans.cumsum_f64_1e5.sample) expect(got[i], `element ${i}`).toBe(v);
  });
  it('cumsum along dim 0 of a 300x700 float32 matrix (accumulator rows across the inner axis)', () => {
    checkBits(bits32(tg.tensor(spread(300 * 700, 13), { dtype: 'float32' }).reshape([300, 700]).cumsum(0)), FX.scans.cumsum_dim0_300x700);
  });
  it('cumprod along dim 1 of a 3x1000 float32 matrix', () => {
    const v = spread(3000, 17).map((e) => 1 + e / 64);
    checkBits(bits32(tg.tensor(v, { dtype: 'float32' }).reshape([3, 1000]).cumprod(1)), FX.scans.cumprod_3x1000);
  });
  it("cumsum's backward (the reversed scan) at 2e5", () => {
    const xs = tg.zeros([200000]).requiresGrad_();
    xs.cumsum(0).backward(tg.tensor(spread(200000, 19), { dtype: 'float32' }));
    checkBits(bits32(xs.grad as Tensor), FX.scans.cumsum_backward_2e5);
  });
  it('int64 cumsum wraps as two-complement', () => {
    const v = tg.tensor([2n ** 62n, 2n ** 62n, 2n ** 62n, 1n], { dtype: 'int64' }).cumsum(0);
    expect(Array.from(v._data as BigInt64Array)).toEqual([2n ** 62n, -(2n ** 63n), -(2n ** 62n), -(2n ** 62n) + 1n]);
  });
});

describe("topk ties and NaN in PyTorch's order (Note [Topk order])", () => {
  const check = (r: { values: Tensor; indices: Tensor }, want: { indices: number[]; values: Value[] }) => {
    expect(r.indices.dtype).toBe('int64');
    expect(Array.from(r.indices._data as BigInt64Array, Number)).toEqual(want.indices);
    const got = Array.from(r.values._data as ArrayLike<number>);
    want.values.forEach((v, i) => expect(Object.is(got[i], decodeValue(v)) || got[i] === decodeValue(v), `value ${i}`).toBe(true));
  };
  const v = tg.tensor(ties(300000, 23), { dtype: 'float32' });
  it('1-d, 3e5 elements, k 10, largest (NaN first)', () => check(v.topk(10), FX.topk['1d_300000_k10_largest']));
  it('1-d, 3e5 elements, k 10, smallest', () => check(v.topk(10, { largest: false }), FX.topk['1d_300000_k10_smallest']));
  it('float64 64x2000 along dim 1, k 5', () => {
    check(tg.tensor(ties(64 * 2000, 29), { dtype: 'float64' }).reshape([64, 2000]).topk(5, 1), FX.topk['2d_64x2000_dim1_k5']);
  });
  it('float32 2000x33 along dim 0, k 7, smallest', () => {
    check(tg.tensor(ties(2000 * 33, 31), { dtype: 'float32' }).reshape([2000, 33]).topk(7, 0, false), FX.topk['2d_2000x33_dim0_k7_smallest']);
  });
});
