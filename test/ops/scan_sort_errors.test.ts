// Bad input to the scans (lib/ops/cumulative.ts) and sorting ops (lib/ops/sorting.ts): TypeError/RangeError
// whose message starts with the op name and shows the dim, k or shapes; plus the properties fixtures cannot pin.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

const x = () => tg.tensor([[3, 1, 2], [0, 5, 4]]);

describe('scans and sorting: bad input', () => {
  it('dims out of range name the op, the dim and the rank', () => {
    for (const op of ['cumsum', 'cumprod', 'cummax', 'cummin', 'logcumsumexp'] as const)
      expect(() => (tg[op] as (a: unknown, d: number) => unknown)(x(), 2), op).toThrow(new RegExp(`^${op}: dim 2 is out of range for a 2-d tensor`));
    for (const op of ['sort', 'argsort', 'median', 'mode'] as const)
      expect(() => (tg[op] as (a: unknown, d: number) => unknown)(x(), -3), op).toThrow(new RegExp(`^${op}: dim -3 is out of range`));
    expect(() => tg.topk(x(), 1, 5)).toThrow(/^topk: dim 5 is out of range/);
    expect(() => tg.kthvalue(x(), 1, 2)).toThrow(/^kthvalue: dim 2 is out of range/);
    expect(() => tg.diff(x(), 1, 3)).toThrow(/^diff: dim 3 is out of range/);
  });

  it('a missing dim, a non-integer dim and bad flags are TypeErrors naming the op', () => {
    expect(() => (tg.cumsum as (a: unknown) => unknown)(x())).toThrow(/^cumsum: missing the required argument dim \(input shape \[2, 3\]\)/);
    expect(() => tg.cumprod(x(), 0.5)).toThrow(/^cumprod: expected an integer dim/);
    expect(() => tg.sort(x(), 0, 'yes' as never)).toThrow(/^sort: descending must be a boolean/);
    expect(() => tg.cumsum(x(), 0, 'complex64' as never)).toThrow(/^cumsum: dtype must be a dtype name/);
  });

  it('k out of range names the op, k, the dim size and the shape', () => {
    expect(() => tg.topk(x(), 4)).toThrow(RangeError);
    expect(() => tg.topk(x(), 4)).toThrow(/^topk: k \(4\) is out of range for dim 1 of size 3 \(input shape \[2, 3\]\)/);
    expect(() => tg.topk(x(), 1.5)).toThrow(/^topk: k must be an integer/);
    expect(() => tg.kthvalue(x(), 0)).toThrow(/^kthvalue: k \(0\) is out of range for dim 1 of size 3/);
    expect(() => tg.kthvalue(x(), 4, 1)).toThrow(/^kthvalue: k \(4\)/);
  });

  it('empty inputs, wrong ranks and dtypes', () => {
    expect(() => tg.median(tg.zeros([0]))).toThrow(/^median: cannot compute the median of an empty tensor \(shape \[0\]\)/);
    expect(() => tg.median(tg.zeros([2, 0]), 1)).toThrow(/^median: .*dim 1 of size 0 \(shape \[2, 0\]\)/);
    expect(() => tg.mode(tg.zeros([0]))).toThrow(/^mode: .*size 0/);
    expect(() => tg.logcumsumexp(tg.tensor([1, 2], { dtype: 'int32' }), 0)).toThrow(/^logcumsumexp: "logcumsumexp_out_cpu" not implemented for 'Int' \(shape \[2\]\)/);
    expect(() => tg.diff(tg.tensor(3))).toThrow(/^diff: expects input to be at least one-dimensional/);
    expect(() => tg.diff(x(), 1, 1, tg.ones([3]))).toThrow(/^diff: prepend must have the same number of dims as input \(got shapes \[3\] and \[2, 3\]\)/);
    expect(() => tg.diff(x(), -1)).toThrow(/^diff: order must be a non-negative integer/);
    expect(() => tg.sort([1, 2] as never)).toThrow(/^sort: expected a Tensor/);
  });

  it('topk with sorted: false still returns the k largest with their indices', () => {
    const t = tg.tensor([0.5, 3, -1, 2, 7, 1]);
    const r = t.topk(3, -1, true, false);
    const vals = Array.from(r.values.toTypedArray() as Float32Array).sort((a, b) => b - a);
    expect(vals).toEqual([7, 3, 2]);
    const idx = r.indices.tolist() as number[];
    expect(idx.map((i) => t.tolist()[i] as number)).toEqual(Array.from(r.values.toTypedArray() as Float32Array));
    expect(r.indices.dtype).toBe('int64');
  });

  it('cumsum of int32 runs in int64 as PyTorch (no wrap), int32 when asked (wraps), and bool sums to int64', () => {
    expect(tg.cumsum(tg.tensor([2147483647, 1], { dtype: 'int32' }), 0).tolist()).toEqual([2147483647, 2147483648]);
    expect(tg.cumsum(tg.tensor([2147483647, 1], { dtype: 'int32' }), 0, { dtype: 'int32' }).tolist()).toEqual([2147483647, -2147483648]);
    const b = tg.cumsum(tg.tensor([true, false, true]), 0);
    expect(b.dtype).toBe('int64');
    expect(b.tolist()).toEqual([1, 1, 2]);
  });

  it('sort of 1e5 floats agrees with a typed-array sort, and indices point at the values', () => {
    const n = 100_000;
    const t = tg.rand([n], { generator: new tg.Generator(3) });
    const { values, indices } = t.sort();
    const want = Float32Array.from(t.toTypedArray() as Float32Array).sort();
    expect(Array.from(values.toTypedArray() as Float32Array)).toEqual(Array.from(want));
    const src = t.toTypedArray() as Float32Array, idx = indices.tolist() as number[], v = values.toTypedArray() as Float32Array;
    let bad = 0;
    for (let i = 0; i < n; i++) if (src[idx[i]] !== v[i]) bad++;
    expect(bad).toBe(0);
  });

  it('the radix sort (Note [Radix sort keys]) orders as a stable comparator sort, in every dtype and for topk', () => {
    // reference: JS's stable sort with PyTorch's order (NaN largest, -0 equal to 0)
    const cmp = (a: number, b: number): number => (a !== a ? (b !== b ? 0 : 1) : b !== b ? -1 : a < b ? -1 : a > b ? 1 : 0);
    const refOrder = (v: number[], desc: boolean): number[] => v.map((_, i) => i).sort((a, b) => (desc ? cmp(v[b], v[a]) : cmp(v[a], v[b])));
    const g = new tg.Generator(7);
    // few distinct values (many ties), NaN, -0, +-inf, subnormals, and float64 values float32 cannot tell apart
    const vals = Array.from(tg.randint(-4, 5, [3000], { generator: g }).toTypedArray() as Float32Array, (v) => Number(v) / 2);
    const specials = [NaN, -0, 0, Infinity, -Infinity, 5e-324, -5e-324, 1 + 1e-12, 1 - 1e-12, -1e300, 1e-310, -(1 + 1e-12), -(1 + 2e-12), -(1 - 1e-12)];
    for (let i = 0; i < vals.length; i += 37) vals[i] = specials[(i / 37) % specials.length];
    for (const dtype of ['float64', 'float32', 'int32'] as const) {
      const t = tg.tensor(vals, { dtype: 'float64' }).to(dtype);
      const v = Array.from(t.toTypedArray() as ArrayLike<number>, Number);
      for (const descending of [false, true]) {
        const want = refOrder(v, descending);
        expect(t.sort(0, descending).indices.tolist(), `${dtype} sort`).toEqual(want);
        // topk(k), largest = !ascending. Where k * 64 <= n (float dtypes) ties come out in PyTorch's heap order
        // (Note [Topk order]; test/ops/strided.test.ts checks it against PyTorch), elsewhere stably: either way
        // the values are the stable order's and each index points at its value, once.
        const sameTopk = (idx: number[], ref: number[], src: number[], what: string) => {
          const key = (u: number) => (u !== u ? 'nan' : String(u === 0 ? 0 : u));
          expect(idx.map((i) => key(src[i])), what).toEqual(ref.map((i) => key(src[i])));
          expect(new Set(idx).size, what).toBe(idx.length);
          if (dtype === 'int32' || idx.length * 64 > src.length) expect(idx, what).toEqual(ref);
        };
        for (const k of [1, 9, 32, 40]) sameTopk(t.topk(k, 0, descending).indices.tolist() as number[], want.slice(0, k), v, `${dtype} topk ${k}`);
        // along a strided dim: each column of a 1000 x 3 view
        const cols = t.reshape([1000, 3]).topk(9, 0, descending).indices;
        for (let c = 0; c < 3; c++) {
          const col = v.filter((_, i) => i % 3 === c);
          sameTopk(cols.select(1, c).tolist() as number[], refOrder(col, descending).slice(0, 9), col, `${dtype} topk column ${c}`);
        }
      }
    }
  });
});
