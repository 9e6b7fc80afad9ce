// Issue 14's close-out of the index kernels, under every CPU capability and on 1 and 2 threads:
// - advanced indexing (x.index([tensor, ...]), indexPut with and without accumulate) through the native
//   offsets and runs (Note [Advanced index runs] in native/cpu/index_kernels.cc): the picked values, negative
//   indices wrapped, broadcast index tensors, PyTorch's error for the first bad index (k-major) at its full int64
//   value, and accumulate summing repeated positions in index order, to the bit;
// - scatterReduce's every mode on int64 (it threw before), int32 and float tensors, against PyTorch 1.13
//   (test/fixtures/gen/gen_scatter_reduce.py), through the fused copy (Note [Fused scatter copy]) and the
//   separate one (index smaller than self outside dim).
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import tg, { Tensor } from '../../lib/index.js';

let seed = 14141;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const i64 = (v: ArrayLike<number>, shape: number[]): Tensor => tg.tensor(BigInt64Array.from(Array.from(v), (x) => BigInt(x))).reshape(shape);
const f32 = (t: Tensor): number[] => Array.from(t.toTypedArray() as Float32Array);

const threads0 = tg.getNumThreads();
const cap0 = tg.backends.cpu.capability();
afterAll(() => {
  tg.backends.cpu.setCapability(cap0);
  tg.setNumThreads(threads0);
});

interface Case {
  dtype: 'int64' | 'int32' | 'float32' | 'float64';
  self_shape: number[];
  index_shape: number[];
  dim: number;
  reduce: 'sum' | 'prod' | 'mean' | 'amax' | 'amin' | 'multiply';
  include_self: boolean;
  self: (string | number)[];
  src: (string | number)[];
  index: number[];
  expected: (string | number)[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/scatter_reduce.json', import.meta.url), 'utf8')) as { cases: Case[] };
const num = (v: string | number): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v));
const make = (v: (string | number)[], dtype: Case['dtype'], shape: number[]): Tensor =>
  dtype === 'int64' ? tg.tensor(BigInt64Array.from(v, (x) => BigInt(x as string))).reshape(shape) : tg.tensor(v.map(num), { dtype }).reshape(shape);

for (const cap of tg.backends.cpu.capabilities())
  for (const threads of [2, 1])
    describe(`capability ${cap}, ${threads} thread(s)`, () => {
      const setup = () => {
        tg.backends.cpu.setCapability(cap);
        tg.setNumThreads(threads);
      };

      it('x.index([idx]) and yHat.index([r, y]) pick what a serial loop picks, int64 and int32 alike', () => {
        setup();
        const n = 200003; // several chunks on two threads
        const x = tg.randn([n]);
        const iv = Array.from({ length: n }, () => Math.floor(rnd() * 2 * n) - n); // negative ones count from the end
        const xv = f32(x);
        const want = iv.map((i) => xv[i < 0 ? i + n : i]);
        expect(f32(x.index([i64(iv, [n])]))).toEqual(want);
        expect(f32(x.index([tg.tensor(iv, { dtype: 'int32' })]))).toEqual(want);
        const yh = tg.randn([n, 10]), yv = Array.from({ length: n }, () => Math.floor(rnd() * 10));
        const yhv = f32(yh);
        const picked = yh.index([tg.arange(n, { dtype: 'int64' }), i64(yv, [n])]);
        expect(picked.shape).toEqual([n]);
        expect(f32(picked)).toEqual(yv.map((c, r) => yhv[r * 10 + c]));
        // broadcast index tensors with a run of trailing dims: x[i0[:, None], i1] on [40, 30, 7]
        const z = tg.randn([40, 30, 7]), zv = f32(z);
        const a = Array.from({ length: 50 }, () => Math.floor(rnd() * 40)), b = Array.from({ length: 3 }, () => Math.floor(rnd() * 30) - 30);
        const got = z.index([i64(a, [50, 1]), i64(b, [3])]);
        expect(got.shape).toEqual([50, 3, 7]);
        const gv = f32(got);
        for (let p = 0; p < 50; p++) for (let q = 0; q < 3; q++) for (let r = 0; r < 7; r++) expect(gv[(p * 3 + q) * 7 + r]).toBe(zv[(a[p] * 30 + b[q] + 30) * 7 + r]);
        // non-adjacent indices (their dims go first) and a slice between them: z[i, :, j]
        const nj = z.index([i64([1, -1], [2]), tg.slice(), i64([6, 0], [2])]);
        expect(nj.shape).toEqual([2, 30]);
        expect(f32(nj)[31]).toBe(zv[(39 * 30 + 1) * 7 + 0]);
        // the one-pass take (Note [Advanced index blocks]): leading dims before the index (z[:, i], a block per
        // row of z), each element size (bool, int64), and the saved plan of a recorded node gives the same grad
        const c = Array.from({ length: 600 }, () => Math.floor(rnd() * 60) - 30);
        const lead = z.index([tg.slice(), i64(c, [600])]);
        expect(lead.shape).toEqual([40, 600, 7]);
        const lv = f32(lead);
        let same = true;
        for (let p = 0; p < 40; p++) for (let q = 0; q < 600; q++) for (let r = 0; r < 7; r++) same &&= lv[(p * 600 + q) * 7 + r] === zv[(p * 30 + (c[q] + 30) % 30) * 7 + r];
        expect(same).toBe(true);
        const zi = tg.arange(40 * 30, { dtype: 'int64' }).reshape([40, 30]);
        expect(Array.from(zi.index([tg.slice(), i64(c, [600])]).toTypedArray() as BigInt64Array, Number)).toEqual(
          Array.from({ length: 40 * 600 }, (_, p) => Math.floor(p / 600) * 30 + ((c[p % 600] + 30) % 30)),
        );
        expect(Array.from(zi.gt(600).index([tg.slice(), i64(c, [600])]).toTypedArray() as Uint8Array)).toEqual(
          Array.from({ length: 40 * 600 }, (_, p) => Number(Math.floor(p / 600) * 30 + ((c[p % 600] + 30) % 30) > 600)),
        );
        const w = tg.randn([40, 30, 7]).requiresGrad_(true);
        w.index([tg.slice(), i64(c, [600])]).sum().backward();
        const counts = new Array<number>(30).fill(0);
        for (const q of c) counts[(q + 30) % 30]++;
        expect(f32(w.grad!)).toEqual(Array.from({ length: 40 * 30 * 7 }, (_, p) => counts[Math.floor(p / 7) % 30]));
      });

      it('the first bad index, in PyTorch words, at its full int64 value; the second tensor only when the first is good', () => {
        setup();
        const n = 100000;
        const x = tg.zeros([n, 4]);
        const iv = new BigInt64Array(n).map((_, p) => BigInt(p % 1000));
        iv[n - 3] = 4294967297n; // 2^32 + 1: not the 1 an int32 narrowing would make of it
        iv[70000] = -100001n;
        const cols = i64(Array(n).fill(9), [n]);
        expect(() => x.index([tg.tensor(iv), cols])).toThrow(/^index: index -100001 is out of bounds for dimension 0 with size 100000$/);
        iv[70000] = 5n;
        expect(() => x.index([tg.tensor(iv)])).toThrow(/^index: index 4294967297 is out of bounds for dimension 0 with size 100000$/);
        expect(() => x.index([tg.tensor(iv)])).toThrow(RangeError);
        iv[n - 3] = 7n;
        expect(() => x.index([tg.tensor(iv), cols])).toThrow(/^index: index 9 is out of bounds for dimension 1 with size 4$/);
        expect(() => x.indexPut([tg.tensor(iv), cols], tg.tensor(1), true)).toThrow(/^indexPut: index 9 is out of bounds for dimension 1 with size 4$/);
        // an empty result still checks its indices, as PyTorch does
        expect(() => tg.zeros([3, 0]).index([i64([5], [1])])).toThrow(/^index: index 5 is out of bounds for dimension 0 with size 3$/);
      });

      it('indexPut with accumulate sums repeated positions in index order, to the bit; without it the last write wins', () => {
        setup();
        const m = 150000, size = 37;
        const iv = Array.from({ length: m }, () => Math.floor(rnd() * size));
        const sv = Float32Array.from({ length: m }, () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 8));
        const base = Float32Array.from({ length: size }, () => rnd());
        const fwd = Float32Array.from(base), rev = Float32Array.from(base), last = Float32Array.from(base);
        for (let p = 0; p < m; p++) {
          fwd[iv[p]] = Math.fround(fwd[iv[p]] + sv[p]);
          last[iv[p]] = sv[p];
        }
        for (let p = m - 1; p >= 0; p--) rev[iv[p]] = Math.fround(rev[iv[p]] + sv[p]);
        expect(Array.from(rev)).not.toEqual(Array.from(fwd)); // the order shows in the bits
        const x = tg.tensor(Array.from(base)), idx = i64(iv, [m]), src = tg.tensor(Array.from(sv));
        expect(f32(x.indexPut([idx], src, true))).toEqual(Array.from(fwd));
        expect(f32(x.indexPut([idx], src))).toEqual(Array.from(last));
        // and the backward of x.index: the grads of repeated picks add up in the same order
        const xg = x.detach().requiresGrad_(true);
        xg.index([idx]).backward(src);
        const grad = new Float32Array(size);
        for (let p = 0; p < m; p++) grad[iv[p]] = Math.fround(grad[iv[p]] + sv[p]);
        expect(f32(xg.grad as Tensor)).toEqual(Array.from(grad));
      });

      it('scatterReduce and scatter(reduce="multiply") match PyTorch on int64, int32, float32 and float64', () => {
        setup();
        let checked = 0;
        for (const c of fixture.cases) {
          const x = make(c.self, c.dtype, c.self_shape), src = make(c.src, c.dtype, c.index_shape);
          const idx = tg.tensor(c.index, { dtype: 'int64' }).reshape(c.index_shape);
          const out = c.reduce === 'multiply' ? tg.scatter(x, c.dim, idx, src, 'multiply') : tg.scatterReduce(x, c.dim, idx, src, c.reduce, { includeSelf: c.include_self });
          const got = Array.from(out.toTypedArray() as ArrayLike<number | bigint>);
          const label = `${c.dtype} ${c.reduce} includeSelf=${c.include_self} self ${JSON.stringify(c.self_shape)} index ${JSON.stringify(c.index_shape)} dim ${c.dim}`;
          if (c.dtype === 'int64' || c.dtype === 'int32') expect(got.map(String), label).toEqual(c.expected.map(String));
          else got.forEach((v, i) => expect(v as number, label).toBeCloseTo(num(c.expected[i]), c.dtype === 'float32' ? 5 : 12));
          checked++;
        }
        expect(checked).toBe(220);
      });

      it('scatter of a number into an int64 tensor: the value truncated, as PyTorch casts it (it threw before)', () => {
        setup();
        const x = tg.tensor(BigInt64Array.from([1n, 2n ** 60n, 3n]));
        const idx = i64([1, 2, 1], [3]);
        expect(Array.from(tg.scatter(x, 0, idx, 2.7).toTypedArray() as BigInt64Array)).toEqual([1n, 2n, 2n]);
        expect(Array.from(tg.scatter(x, 0, idx, -4, 'add').toTypedArray() as BigInt64Array)).toEqual([1n, 2n ** 60n - 8n, -1n]);
        expect(Array.from(tg.scatter(x, 0, idx, 3, 'multiply').toTypedArray() as BigInt64Array)).toEqual([1n, BigInt.asIntN(64, 9n * 2n ** 60n), 9n]); // wraps, as PyTorch: -8070450532247928832
      });
    });
