// int64 indices read at their own width (Note [Index widths] in native/binding/index_view.h): every index op
// gives with an int64 index exactly what it gives with the same values as int32, at shapes large enough to split
// across threads, and an int64 value beyond int32's range is PyTorch's out-of-range error naming the op and the
// full value, never the int32 it would wrap to (2^32 + 1 is not 1).
import { afterEach, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

let seed = 4242;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const ints = (n: number, hi: number): number[] => Array.from({ length: n }, () => Math.floor(rnd() * hi));
const both = (v: number[], shape: number[]): [Tensor, Tensor] => [
  tg.tensor(v, { dtype: 'int32' }).reshape(shape),
  tg.tensor(BigInt64Array.from(v, (x) => BigInt(x))).reshape(shape),
];
const vals = (t: Tensor): number[] => Array.from(t.toTypedArray() as Float32Array);

const before = tg.getNumThreads();
afterEach(() => tg.setNumThreads(before));

describe('int64 and int32 indices give the same result, to the bit', () => {
  const x = tg.randn([300, 400]);
  const [g32, g64] = both(ints(300 * 2000, 400), [300, 2000]);
  const [s32, s64] = both(ints(5000, 300), [5000]);
  const [c32, c64] = both(ints(3000, 300), [3000]);
  const src = tg.randn([300, 2000]);
  for (const threads of [Math.max(2, before), 1])
    it(`${threads} thread(s)`, () => {
      tg.setNumThreads(threads);
      expect(g64.dtype).toBe('int64');
      const cases: [string, (i: Tensor, j: Tensor, k: Tensor) => Tensor][] = [
        ['gather', (i) => x.gather(1, i)],
        ['scatterAdd', (i) => tg.zeros([300, 400]).scatterAdd(1, i, src)],
        ['scatter', (i) => tg.zeros([300, 400]).scatter(1, i, src)],
        ['scatter value', (i) => tg.zeros([300, 400]).scatter(1, i, 2.5)],
        ['scatterReduce amax', (i) => tg.zeros([300, 400]).scatterReduce(1, i, src, 'amax')],
        ['takeAlongDim', (i) => tg.takeAlongDim(x, i, 1)],
        ['indexSelect rows', (_, j) => x.indexSelect(0, j)],
        ['indexSelect columns', (_, j) => x.t().contiguous().indexSelect(1, j)],
        ['embedding', (_, j) => tg.nn.functional.embedding(j, x)],
        ['indexAdd', (_, __, k) => tg.zeros([300, 400]).indexAdd(0, k, tg.ones([3000, 400]), 0.5)],
        ['indexCopy', (_, __, k) => tg.zeros([300, 400]).indexCopy(0, k, tg.arange(3000 * 400).reshape([3000, 400]))],
        ['indexFill', (_, __, k) => x.indexFill(1, k, -1)],
        ['index', (_, j) => x.index([j])],
        ['take', (i) => tg.take(x, i)],
      ];
      for (const [name, f] of cases) {
        const a = vals(f(g32, s32, c32)), b = vals(f(g64, s64, c64));
        expect(b.length, name).toBe(a.length);
        expect(b.every((v, p) => Object.is(v, a[p])), name).toBe(true);
      }
    });
  it('embedding backward (an indexAdd of the grad rows) with int64 indices', () => {
    const w = tg.randn([300, 400]).requiresGrad_();
    const grads = [s32, s64].map((i) => {
      w.grad = null;
      tg.nn.functional.embedding(i, w).mul(src.narrow(1, 0, 400).narrow(0, 0, 1)).sum().backward();
      return vals(w.grad as Tensor);
    });
    expect(grads[1]).toEqual(grads[0]);
  });
});

describe('an int64 index beyond int32 is out of range, named in full', () => {
  const x = tg.zeros([2, 3]);
  // 2^32 + 1 and -(2^32) + 1 would read as 1 if narrowed to int32; 2^31 as -2^31
  const big = [2n ** 31n, 2n ** 32n + 1n, -(2n ** 32n) + 1n, 2n ** 63n - 1n, -(2n ** 63n)];
  const long = (v: bigint, shape: number[]): Tensor => {
    const n = shape.reduce((a, b) => a * b, 1);
    const a = new BigInt64Array(n);
    a[n - 1] = v;
    return tg.tensor(a).reshape(shape);
  };
  const bounds = (op: string, v: bigint, dim: number, size: number): RegExp =>
    new RegExp(`^${op}: index ${v} is out of bounds for dimension ${dim} with size ${size}$`);
  for (const v of big)
    it(String(v), () => {
      // the native kernels: PyTorch's message, naming the dim and its size
      expect(() => x.gather(1, long(v, [2, 2]))).toThrow(bounds('gather', v, 1, 3));
      expect(() => x.scatterAdd(1, long(v, [2, 2]), tg.ones([2, 2]))).toThrow(bounds('scatterAdd', v, 1, 3));
      expect(() => x.scatter(1, long(v, [2, 2]), tg.ones([2, 2]))).toThrow(bounds('scatter', v, 1, 3));
      expect(() => x.scatter(0, long(v, [2, 2]), 1.5)).toThrow(bounds('scatter', v, 0, 2));
      expect(() => tg.takeAlongDim(x, long(v, [2, 1]), 1)).toThrow(bounds('takeAlongDim', v, 1, 3));
      expect(() => x.indexSelect(1, long(v, [3]))).toThrow(bounds('indexSelect', v, 1, 3));
      expect(() => x.indexSelect(0, long(v, [1]))).toThrow(bounds('indexSelect', v, 0, 2));
      expect(() => x.indexAdd(1, long(v, [2]), tg.ones([2, 2]))).toThrow(bounds('indexAdd', v, 1, 3));
      expect(() => x.indexCopy(0, long(v, [2]), tg.ones([2, 3]))).toThrow(bounds('indexCopy', v, 0, 2));
      expect(() => x.indexFill(1, long(v, [2]), 7)).toThrow(bounds('indexFill', v, 1, 3));
      // the JS loops: a RangeError naming the op and the value
      const named = (op: string): RegExp => new RegExp(`^${op}: .*${v}`);
      expect(() => x.scatterReduce(1, long(v, [2, 2]), tg.ones([2, 2]), 'amax')).toThrow(named('scatterReduce'));
      expect(() => x.index([long(v, [2])])).toThrow(named('index'));
      expect(() => x.clone().indexPut_([long(v, [2])], tg.tensor(1))).toThrow(named('indexPut_'));
      expect(() => tg.take(x, long(v, [2]))).toThrow(named('take'));
      expect(() => tg.nn.functional.embedding(long(v, [2]), x)).toThrow(named('embedding'));
      for (const f of [() => x.gather(1, long(v, [2, 2])), () => x.index([long(v, [2])]), () => tg.nn.functional.embedding(long(v, [2]), x)])
        expect(f).toThrow(RangeError);
    });
  it('the first bad index in row-major order, across chunks, at int64 width', () => {
    const a = new BigInt64Array(64 * 20000).map((_, p) => BigInt(p % 100));
    a[63 * 20000 + 5] = 2n ** 32n + 1n;
    a[40 * 20000 + 7] = -(2n ** 40n);
    const idx = tg.tensor(a).reshape([64, 20000]);
    for (const threads of [Math.max(2, before), 1]) {
      tg.setNumThreads(threads);
      expect(() => tg.gather(tg.zeros([64, 100]), 1, idx)).toThrow(/^gather: index -1099511627776 is out of bounds for dimension 1 with size 100$/);
      expect(() => tg.scatterAdd(tg.zeros([64, 100]), 1, idx, tg.ones([64, 20000]))).toThrow(/^scatterAdd: index -1099511627776 is out of bounds/);
    }
  });
});
