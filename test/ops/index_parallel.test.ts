// The parallel index kernels (native/cpu/index_kernels.cc): scatter and scatterAdd split into units that own
// their targets (Note [Parallel scatter]) give the serial row-major result to the bit, at shapes large enough to
// split across threads with the dim first, in the middle and last; and the fused index checks (Note [Fused
// index checks]) name the first bad index in row-major order even when a later chunk finds its bad index first.
import { afterEach, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

let seed = 987654;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const numel = (s: number[]): number => s.reduce((a, b) => a * b, 1);
const strides = (s: number[]): number[] => s.map((_, i) => numel(s.slice(i + 1)));
const i32 = (v: ArrayLike<number>, shape: number[]): Tensor => tg.tensor(Array.from(v), { dtype: 'int32' }).reshape(shape);

/** self's flat position written by index element p (index of shape ishape along dim). */
function targets(self: number[], ishape: number[], dim: number, idx: Int32Array): Int32Array {
  const ss = strides(self), is = strides(ishape), out = new Int32Array(idx.length);
  for (let p = 0; p < idx.length; p++) {
    let off = 0;
    for (let d = 0; d < ishape.length; d++) off += (d === dim ? idx[p] : Math.floor(p / is[d]) % ishape[d]) * ss[d];
    out[p] = off;
  }
  return out;
}

const before = tg.getNumThreads();
afterEach(() => tg.setNumThreads(before));

// [self, index shape, dim]: index sizes equal self's outside dim, few distinct targets (many collisions)
const SHAPES: [number[], number[], number][] = [
  [[60, 7], [60, 2000], 1], // dim last: one unit per row
  [[4, 3, 50], [4, 300, 50], 1], // dim in the middle: units of 50-wide rows
  [[3, 4, 5], [3000, 4, 5], 0], // dim first
  [[2, 5, 6, 7], [2, 500, 6, 7], 1], // units over two dims
];

describe('parallel scatter: the serial row-major result, to the bit', () => {
  for (const [self, ishape, dim] of SHAPES)
    it(`float32 self ${JSON.stringify(self)} index ${JSON.stringify(ishape)} dim ${dim}`, () => {
      const m = numel(ishape);
      // magnitudes over 8 decades: float32 sums depend on their order
      const sv = Float32Array.from({ length: m }, () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 8));
      const iv = Int32Array.from({ length: m }, () => Math.floor(rnd() * self[dim]));
      const xv = Float32Array.from({ length: numel(self) }, () => rnd());
      const at = targets(self, ishape, dim, iv);
      const add = Float32Array.from(xv), rev = Float32Array.from(xv), set = Float32Array.from(xv);
      for (let p = 0; p < m; p++) {
        add[at[p]] = Math.fround(add[at[p]] + sv[p]);
        set[at[p]] = sv[p];
      }
      for (let p = m - 1; p >= 0; p--) rev[at[p]] = Math.fround(rev[at[p]] + sv[p]);
      // the order is visible: summing in reverse gives other bits somewhere
      expect(Array.from(rev)).not.toEqual(Array.from(add));
      const x = tg.tensor(Array.from(xv)).reshape(self), src = tg.tensor(Array.from(sv)).reshape(ishape);
      const idx = i32(iv, ishape);
      for (const threads of [Math.max(2, before), 1]) {
        tg.setNumThreads(threads);
        expect(Array.from(tg.scatterAdd(x, dim, idx, src).toTypedArray() as Float32Array)).toEqual(Array.from(add));
        expect(Array.from(tg.scatter(x, dim, idx, src).toTypedArray() as Float32Array)).toEqual(Array.from(set));
        // the value form: every target written is the value
        const filled = tg.scatter(x, dim, idx, 2.5).toTypedArray() as Float32Array;
        for (let p = 0; p < m; p += 97) expect(filled[at[p]]).toBe(2.5);
      }
    });
});

describe('fused index checks name the first bad index in row-major order', () => {
  it('scatterAdd along dim 0: a later unit holds the earlier bad index', () => {
    // index [1000, 64]: units are the 64 columns; column 3 fails at row 500, column 60 at row 10 (earlier)
    const iv = Int32Array.from({ length: 1000 * 64 }, (_, p) => p % 5);
    iv[500 * 64 + 3] = 7777;
    iv[10 * 64 + 60] = -9;
    const idx = i32(iv, [1000, 64]);
    for (const threads of [Math.max(2, before), 1]) {
      tg.setNumThreads(threads);
      expect(() => tg.scatterAdd(tg.zeros([5, 64]), 0, idx, tg.ones([1000, 64]))).toThrow(/^scatterAdd: index -9 is out of bounds for dimension 0 with size 5$/);
      expect(() => tg.scatter(tg.zeros([5, 64]), 0, idx, 1.5)).toThrow(/^scatter: index -9 is out of bounds for dimension 0 with size 5$/);
    }
  });
  it('gather and indexSelect: the first of two bad indices in different chunks', () => {
    const gv = Int32Array.from({ length: 64 * 20000 }, (_, p) => p % 100);
    gv[63 * 20000 + 19999] = 100;
    expect(() => tg.gather(tg.zeros([64, 100]), 1, i32(gv, [64, 20000]))).toThrow(/^gather: index 100 is out of bounds for dimension 1 with size 100$/);
    gv[40 * 20000 + 7] = -3;
    for (const threads of [Math.max(2, before), 1]) {
      tg.setNumThreads(threads);
      expect(() => tg.gather(tg.zeros([64, 100]), 1, i32(gv, [64, 20000]))).toThrow(/^gather: index -3 is out of bounds for dimension 1 with size 100$/);
      expect(() => tg.gather(tg.zeros([64, 100]), 1, i32(gv, [64, 20000]))).toThrow(RangeError);
    }
    // indexSelect with whole rows (inner 40) and with single elements (inner 1)
    const sv = Int32Array.from({ length: 50000 }, (_, p) => p % 1000);
    sv[45000] = 1000;
    sv[30000] = -1001;
    expect(() => tg.indexSelect(tg.zeros([1000, 40]), 0, i32(sv, [50000]))).toThrow(/^indexSelect: index -1001 is out of bounds for dimension 0 with size 1000$/);
    expect(() => tg.indexSelect(tg.zeros([2, 1000]), 1, i32(sv, [50000]))).toThrow(/^indexSelect: index -1001 is out of bounds for dimension 1 with size 1000$/);
    // no output to write, the index is still checked
    expect(() => tg.indexSelect(tg.zeros([1000, 0]), 0, i32(sv, [50000]))).toThrow(/^indexSelect: index -1001 is out of bounds for dimension 0 with size 1000$/);
  });
  it('a good large call after a bad one is whole (no state kept from the failure)', () => {
    const iv = Int32Array.from({ length: 64 * 20000 }, (_, p) => (p * 7) % 100);
    const x = tg.arange(0, 6400).reshape([64, 100]);
    const bad = Int32Array.from(iv);
    bad[5] = 100;
    expect(() => tg.gather(x, 1, i32(bad, [64, 20000]))).toThrow(RangeError);
    const got = tg.gather(x, 1, i32(iv, [64, 20000])).toTypedArray() as Float32Array;
    for (const p of [0, 5, 19999, 20000 * 40 + 7, 64 * 20000 - 1]) expect(got[p]).toBe(Math.floor(p / 20000) * 100 + iv[p]);
  });
});
