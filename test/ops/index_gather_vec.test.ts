// Note [Vector gathers] (native/cpu/index_kernels.cc): gather along the last dim and indexSelect along it run a
// masked vector gather on AVX2 and AVX-512, with the bounds check fused into it, and the scalar loop elsewhere.
// Under every CPU capability and on 1 and 2 threads, for every dtype and both index widths: the result is each
// picked element's bits (NaN payloads and -0 included), rows whose length is no multiple of any vector width,
// splits that start mid-row, a non-contiguous input; and a bad index in the middle of a vector, in a tail or at
// a chunk's start is PyTorch's error for the first bad one in row-major order, at its full int64 value.
import { afterAll, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

let seed = 424242;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};

type DT = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';
const DTYPES: DT[] = ['float32', 'float64', 'int32', 'int64', 'bool'];
const SIZE: Record<DT, number> = { float32: 4, float64: 8, int32: 4, int64: 8, bool: 1 };

/** n random elements of the dtype as raw bytes, with NaN payloads, -0 and the integer extremes among them. */
function bytesOf(dtype: DT, n: number): Uint8Array {
  const b = new Uint8Array(n * SIZE[dtype]);
  const dv = new DataView(b.buffer);
  for (let i = 0; i < n; i++) {
    const r = rnd(), o = i * SIZE[dtype];
    if (dtype === 'bool') b[i] = r < 0.5 ? 1 : 0;
    else if (SIZE[dtype] === 4) dv.setUint32(o, i % 7 === 0 ? [0x7fc00001, 0xffa00005, 0x80000000, 0x7fffffff, 0][i % 5] : Math.floor(r * 2 ** 32), true);
    else {
      dv.setUint32(o, Math.floor(rnd() * 2 ** 32), true);
      dv.setUint32(o + 4, i % 7 === 0 ? [0x7ff80000, 0xfff00001, 0x80000000, 0x7fffffff, 0][i % 5] : Math.floor(r * 2 ** 32), true);
    }
  }
  return b;
}
function tensorOf(dtype: DT, bytes: Uint8Array, shape: number[]): Tensor {
  const buf = bytes.slice().buffer;
  const data =
    dtype === 'float32' ? new Float32Array(buf) : dtype === 'float64' ? new Float64Array(buf) : dtype === 'int32' ? new Int32Array(buf) : dtype === 'int64' ? new BigInt64Array(buf) : new Uint8Array(buf);
  return tg.tensor(data, dtype === 'bool' ? { dtype: 'bool' } : {}).reshape(shape);
}
const bytesOfTensor = (t: Tensor): Uint8Array => {
  const d = t.toTypedArray() as unknown as ArrayBufferView;
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice();
};
const index = (v: number[], shape: number[], wide: boolean): Tensor =>
  wide ? tg.tensor(BigInt64Array.from(v, (x) => BigInt(x))).reshape(shape) : tg.tensor(Int32Array.from(v)).reshape(shape);

/** out[r, j] = x[r, ix(r, j)] as bytes, x [R, n] row-major. */
function picked(x: Uint8Array, size: number, R: number, n: number, L: number, ix: (r: number, j: number) => number): Uint8Array {
  const out = new Uint8Array(R * L * size);
  for (let r = 0; r < R; r++) for (let j = 0; j < L; j++) out.set(x.subarray((r * n + ix(r, j)) * size, (r * n + ix(r, j) + 1) * size), (r * L + j) * size);
  return out;
}

/** The first position where a and b differ (bitwise, as bytes or values), or -1: expect() on a whole large array is slow. */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const threads0 = tg.getNumThreads();
const cap0 = tg.backends.cpu.capability();
afterAll(() => {
  tg.backends.cpu.setCapability(cap0);
  tg.setNumThreads(threads0);
});

// [rows, self's row length, index's row length]: 70 x 1000 indices split over two threads mid-row; short rows
// and lengths 1 past and 1 short of the vector widths exercise the tails
const SHAPES: [number, number, number][] = [
  [70, 1003, 1000],
  [9, 17, 33],
  [5, 7, 15],
  [3, 1, 17],
  [2, 40, 1],
];

for (const cap of tg.backends.cpu.capabilities())
  for (const threads of [2, 1])
    describe(`capability ${cap}, ${threads} thread(s)`, () => {
      const setup = (): void => {
        tg.backends.cpu.setCapability(cap);
        tg.setNumThreads(threads);
      };

      for (const dtype of DTYPES)
        it(`${dtype}: gather(1) and indexSelect(1) move each picked element's bits, int64 and int32 indices`, () => {
          setup();
          const size = SIZE[dtype];
          for (const [R, n, L] of SHAPES) {
            const xb = bytesOf(dtype, R * n);
            const x = tensorOf(dtype, xb, [R, n]);
            const gv = Array.from({ length: R * L }, () => Math.floor(rnd() * n));
            const sv = Array.from({ length: L }, () => Math.floor(rnd() * n));
            const wantG = picked(xb, size, R, n, L, (r, j) => gv[r * L + j]);
            const wantS = picked(xb, size, R, n, L, (_, j) => sv[j]);
            for (const wide of [true, false]) {
              const g = x.gather(1, index(gv, [R, L], wide));
              expect(g.dtype).toBe(dtype);
              expect(firstDiff(bytesOfTensor(g), wantG)).toBe(-1);
              const s = x.indexSelect(1, index(sv, [L], wide));
              expect(s.shape).toEqual([R, L]);
              expect(firstDiff(bytesOfTensor(s), wantS)).toBe(-1);
            }
          }
        });

      it('a non-contiguous input (a t() view) and gather along dim 0 (the strided loop) pick the same values', () => {
        setup();
        const R = 300, n = 257, L = 260;
        const base = tg.randn([n, R]), bv = base.toTypedArray() as Float32Array;
        const x = base.t(); // [R, n], x[r, c] = base[c, r]
        const gv = Array.from({ length: R * L }, () => Math.floor(rnd() * n));
        const got = x.gather(1, index(gv, [R, L], true)).toTypedArray() as Float32Array;
        const want = Float32Array.from({ length: R * L }, (_, p) => bv[gv[p] * R + Math.floor(p / L)]);
        expect(firstDiff(got, want)).toBe(-1);
        const sel = x.indexSelect(1, index(gv.slice(0, L), [L], false)).toTypedArray() as Float32Array;
        expect(firstDiff(sel, Float32Array.from({ length: R * L }, (_, p) => bv[gv[p % L] * R + Math.floor(p / L)]))).toBe(-1);
        // along dim 0 of the contiguous base: out[i, j] = base[idx[i, j], j]
        const iv = Array.from({ length: 200 * R }, () => Math.floor(rnd() * n));
        const g0 = base.gather(0, index(iv, [200, R], true)).toTypedArray() as Float32Array;
        expect(firstDiff(g0, Float32Array.from({ length: 200 * R }, (_, p) => bv[iv[p] * R + (p % R)]))).toBe(-1);
      });

      it("a bad index mid-vector, in a tail or at a chunk's start: the first one in row-major order, at its full value", () => {
        setup();
        const R = 70, n = 1003, L = 1000;
        const x = tg.randn([R, n]);
        const good = Array.from({ length: R * L }, () => Math.floor(rnd() * n));
        // (position, value): 2^32 + 1 is 1 narrowed to int32; -1 reads as 2^64 - 1 unsigned; n is one past the end
        const cases: [number, number][] = [
          [0, -1],
          [13, n],
          [10 * L + 999, 2 ** 32 + 1],
          [40 * L + 517, -(2 ** 31) - 1],
          [R * L - 1, n + 5],
        ];
        for (const [p, v] of cases)
          for (const wide of [true, false]) {
            if (!wide && (v > 2 ** 31 - 1 || v < -(2 ** 31))) continue;
            const bad = good.slice();
            bad[p] = v;
            if (p < 60 * L) bad[60 * L + 5] = n + 7; // a later bad one, which another chunk may meet first
            expect(() => x.gather(1, index(bad, [R, L], wide))).toThrow(new RegExp(`^gather: index ${v} is out of bounds for dimension 1 with size ${n}$`));
            const sv = bad.slice(0, L);
            if (p < L) expect(() => x.indexSelect(1, index(sv, [L], wide))).toThrow(new RegExp(`^indexSelect: index ${v} is out of bounds for dimension 1 with size ${n}$`));
          }
        // the same row of indices, good again: nothing was left behind
        expect(x.gather(1, index(good, [R, L], false)).shape).toEqual([R, L]);
      });
    });
