// int64 (PyTorch's long) as a full dtype: creation, values out, printing, promotion and the dtype of index
// results, against PyTorch 1.13 (test/fixtures/gen/gen_int64.py -> int64.json).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as tg from '../../lib/index.js';
import type { Tensor } from '../../lib/index.js';
import type { DType } from '../../lib/dtype.js';

interface Fixture {
  print: { name: string; dtype: DType; shape: number[]; values: string[]; expected: string }[];
  promote: { a: DType; b: DType; aDims: number; bDims: number; add: DType; div: DType }[];
  scalars: { a: DType; scalar: 'int' | 'float' | 'bool' | 'bigint'; add: DType; mul: DType; div: DType }[];
  index_dtypes: Record<string, DType>;
}
const fx = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/int64.json', import.meta.url)), 'utf8')) as Fixture;

const long = (v: (number | bigint)[], shape?: number[]) => {
  const t = tg.tensor(v.map((x) => BigInt(x)));
  return shape ? t.reshape(shape) : t;
};

describe('int64 printing (PyTorch 1.13)', () => {
  for (const c of fx.print) {
    it(c.name, () => {
      const vals = c.values.map((s) => BigInt(s));
      const t = c.dtype === 'int64' ? tg.tensor(new BigInt64Array(vals)).reshape(c.shape) : tg.tensor(vals.map(Number), { dtype: c.dtype }).reshape(c.shape);
      expect(t.dtype).toBe(c.dtype);
      expect(String(t)).toBe(c.expected);
    });
  }
});

describe('int64 creation and values', () => {
  it('makes int64 from numbers, bigints and a BigInt64Array, and casts both ways with every dtype', () => {
    expect(tg.tensor([1, 2], { dtype: 'int64' }).dtype).toBe('int64');
    expect(tg.tensor([1n, -2n]).dtype).toBe('int64');
    const big = tg.tensor(new BigInt64Array([2n ** 62n, -5n]));
    expect(big.dtype).toBe('int64');
    expect(big.asTypedArray()).toBeInstanceOf(BigInt64Array);
    expect(Array.from(big.toBigInt64Array())).toEqual([2n ** 62n, -5n]);
    for (const d of ['float32', 'float64', 'int32', 'bool'] as DType[]) {
      const x = tg.tensor([0, 1, 3], { dtype: d });
      expect(x.long().dtype).toBe('int64');
      expect(x.long().to(d).tolist()).toEqual(x.tolist());
    }
    expect(tg.tensor([1.9, -1.9, 1e20]).long().toBigInt64Array()).toEqual(new BigInt64Array([1n, -1n, -(2n ** 63n)]));
    expect(tg.tensor([3000000000n]).int().tolist()).toEqual([-1294967296]); // wraps, as PyTorch's .int()
    expect(big.to('float64').tolist()).toEqual([2 ** 62, -5]);
  });
  it('item() and tolist() give numbers while exact, else a RangeError naming toBigInt64Array', () => {
    expect(long([2n ** 53n]).tolist()).toEqual([2 ** 53]);
    expect(long([-7]).sum().item()).toBe(-7);
    expect(() => long([2n ** 53n + 1n]).tolist()).toThrow(/toBigInt64Array/);
    expect(() => long([2n ** 60n]).sum().item()).toThrow(RangeError);
  });
  it('creation functions take int64', () => {
    expect(String(tg.arange(4, { dtype: 'int64' }))).toBe('tensor([0, 1, 2, 3])');
    expect(tg.arange(4).dtype).toBe('float32'); // API.md: plain numbers make float32
    expect(String(tg.zeros([2], { dtype: 'int64' }))).toBe('tensor([0, 0])');
    expect(String(tg.ones([2], { dtype: 'int64' }))).toBe('tensor([1, 1])');
    expect(String(tg.full([2], 7, { dtype: 'int64' }))).toBe('tensor([7, 7])');
    expect(tg.empty([3], { dtype: 'int64' }).dtype).toBe('int64');
    expect(String(tg.eye(2, { dtype: 'int64' }))).toBe('tensor([[1, 0],\n        [0, 1]])');
    const x = long([1, 2]);
    expect(tg.zerosLike(x).dtype).toBe('int64');
    expect(tg.onesLike(x).dtype).toBe('int64');
    expect(tg.fullLike(x, 3).toBigInt64Array()).toEqual(new BigInt64Array([3n, 3n]));
    const r = tg.randint(0, 5, [100]);
    expect(r.dtype).toBe('int64');
    expect(r.min().item()).toBeGreaterThanOrEqual(0);
    expect(r.max().item()).toBeLessThan(5);
  });
  it('reductions are exact past 2^53', () => {
    const x = long([2n ** 62n, 1n, 2n]);
    expect(x.sum().toBigInt64Array()).toEqual(new BigInt64Array([2n ** 62n + 3n]));
    expect(x.max().toBigInt64Array()).toEqual(new BigInt64Array([2n ** 62n]));
    expect(x.cumsum(0).toBigInt64Array()).toEqual(new BigInt64Array([2n ** 62n, 2n ** 62n + 1n, 2n ** 62n + 3n]));
    expect(x.add(x).toBigInt64Array()[0]).toBe(-(2n ** 63n)); // wraps, as PyTorch's int64 add
    expect(long([2n ** 62n]).add(tg.tensor(1n)).toBigInt64Array()[0]).toBe(2n ** 62n + 1n); // 0-d int64 operand exact
  });
});

describe('promotion (PyTorch 1.13)', () => {
  for (const c of fx.promote) {
    it(`${c.a}[${c.aDims}] with ${c.b}[${c.bDims}]`, () => {
      const x = tg.ones(c.aDims ? [2] : [], { dtype: c.a }), y = tg.ones(c.bDims ? [2] : [], { dtype: c.b });
      const sum = c.a === 'bool' && c.b === 'bool' ? tg.logicalOr(x, y) : tg.add(x, y);
      expect(sum.dtype).toBe(c.add);
      expect(tg.div(x, y).dtype).toBe(c.div);
    });
  }
  for (const c of fx.scalars) {
    it(`${c.a} with a ${c.scalar} scalar`, () => {
      const x = tg.ones([2], { dtype: c.a });
      const s = c.scalar === 'int' ? 1 : c.scalar === 'float' ? 2.5 : c.scalar === 'bool' ? true : 2 ** 40;
      if (!(c.a === 'bool' && c.scalar === 'bool')) {
        expect(tg.add(x, s).dtype).toBe(c.add);
        expect(tg.mul(x, s).dtype).toBe(c.mul);
      }
      expect(tg.div(x, s).dtype).toBe(c.div);
    });
  }
  it('an integer scalar of 2^63 or more is past int64: float32, as a fractional scalar', () => {
    expect(tg.add(long([1]), 2 ** 62).dtype).toBe('int64');
    expect(tg.add(long([1]), 2 ** 63).dtype).toBe('float32');
  });
  it('computes int64 with int32 in int64', () => {
    const r = tg.tensor([2147483647], { dtype: 'int32' }).add(long([1]));
    expect(r.toBigInt64Array()).toEqual(new BigInt64Array([2147483648n]));
  });
});

describe('index results are int64 (PyTorch 1.13)', () => {
  const x = tg.tensor([[3, 1, 2], [0.5, 4, 4]]);
  const got: Record<string, () => Tensor> = {
    argmax: () => x.argmax(),
    argmaxDim: () => x.argmax(1),
    argmin: () => x.argmin(0),
    maxDim: () => (x.max(1) as { indices: Tensor }).indices,
    minDim: () => (x.min(1) as { indices: Tensor }).indices,
    medianDim: () => x.median(1).indices,
    modeDim: () => x.mode(1).indices,
    kthvalue: () => x.kthvalue(1, 1).indices,
    cummax: () => x.cummax(1).indices,
    cummin: () => x.cummin(1).indices,
    sort: () => x.sort().indices,
    argsort: () => x.argsort(),
    topk: () => x.topk(2).indices,
    nonzero: () => tg.nonzero(x) as Tensor,
    argwhere: () => tg.argwhere(x),
    multinomial: () => tg.multinomial(tg.tensor([0.2, 0.8]), 2),
    randperm: () => tg.randperm(4),
    randint: () => tg.randint(0, 4, [3]),
    maxPool2dIndices: () => (tg.nn.functional.maxPool2d(tg.ones([1, 1, 2, 2]), 2, { returnIndices: true }) as Tensor[])[1],
    searchsorted: () => tg.searchsorted(tg.tensor([1, 2]), tg.tensor([1.5])),
    bucketize: () => tg.bucketize(tg.tensor([1.5]), tg.tensor([1, 2])),
    uniqueInverse: () => (tg.unique(tg.tensor([2, 1, 2]), { returnInverse: true }) as Tensor[])[1],
    uniqueCounts: () => (tg.unique(tg.tensor([2, 1, 2]), { returnCounts: true }) as Tensor[])[1],
    oneHot: () => tg.nn.functional.oneHot(long([0, 2, 1, 1], [2, 2])),
    sumBool: () => tg.tensor([true, false]).sum(),
    sumInt32: () => tg.tensor([1, 2], { dtype: 'int32' }).sum(),
    prodInt32: () => tg.tensor([1, 2], { dtype: 'int32' }).prod(),
    cumsumInt32: () => tg.tensor([1, 2], { dtype: 'int32' }).cumsum(0),
    cumsumBool: () => tg.tensor([true, false]).cumsum(0),
    numBatchesTracked: () => new tg.nn.BatchNorm1d(2).numBatchesTracked as Tensor,
  };
  it('covers every op of the fixture', () => expect(Object.keys(got).sort()).toEqual(Object.keys(fx.index_dtypes).sort()));
  for (const [name, dt] of Object.entries(fx.index_dtypes)) it(name, () => expect(got[name]().dtype).toBe(dt));
  it('prints argmax as PyTorch (no dtype suffix)', () => {
    expect(String(tg.tensor([1, 2, 3]).argmax())).toBe('tensor(2)');
  });
});

describe('index-consuming ops take int64 and int32 indices alike', () => {
  const x = tg.tensor([[1, 2, 3], [4, 5, 6]]);
  for (const dt of ['int64', 'int32'] as DType[]) {
    it(dt, () => {
      const i = (v: number[], shape?: number[]) => (shape ? tg.tensor(v, { dtype: dt }).reshape(shape) : tg.tensor(v, { dtype: dt }));
      expect(x.indexSelect(1, i([2, 0])).tolist()).toEqual([[3, 1], [6, 4]]);
      expect(x.gather(1, i([0, 2], [2, 1])).tolist()).toEqual([[1], [6]]);
      expect(tg.zeros([3]).scatterAdd(0, i([0, 0, 2]), tg.ones([3])).tolist()).toEqual([2, 0, 1]);
      expect(tg.take(x, i([5, 0])).tolist()).toEqual([6, 1]);
      expect(tg.nn.functional.embedding(i([1]), x).tolist()).toEqual([[4, 5, 6]]);
      expect(tg.nn.functional.nllLoss(tg.tensor([[-1, -2], [-3, -4]]), i([1, 0])).item()).toBeCloseTo(2.5);
      expect(tg.nn.functional.crossEntropy(tg.tensor([[-1, -2], [-3, -4]]), i([1, -100])).item()).toBeCloseTo(1.3133, 4); // ignoreIndex
      expect(x.index([i([1])]).tolist()).toEqual([[4, 5, 6]]);
      expect(() => x.indexSelect(1, i([3]))).toThrow(/index 3 is out of bounds for dimension 1 with size 3/);
    });
  }
  it('an int64 index beyond int32 is out of bounds, quoted exactly', () => {
    expect(() => x.indexSelect(1, long([2n ** 40n]))).toThrow(/1099511627776/);
    expect(() => x.gather(1, long([2n ** 40n, 0n], [2, 1]))).toThrow(/out of bounds/);
  });
  it('fills, triangles and structure ops keep int64 values', () => {
    const x = long([1n, -2n, 3n, 2n ** 60n], [2, 2]);
    expect(x.maskedFill(x.gt(0), 7).toBigInt64Array()).toEqual(new BigInt64Array([7n, -2n, 7n, 7n]));
    expect(x.tril().toBigInt64Array()).toEqual(new BigInt64Array([1n, 0n, 3n, 2n ** 60n]));
    expect(x.triu(1).toBigInt64Array()).toEqual(new BigInt64Array([0n, -2n, 0n, 0n]));
    expect(x.indexFill(1, long([0]), 9).toBigInt64Array()).toEqual(new BigInt64Array([9n, -2n, 9n, 2n ** 60n]));
    expect(tg.cat([x, tg.ones([1, 2], { dtype: 'int32' })]).toBigInt64Array()).toEqual(new BigInt64Array([1n, -2n, 3n, 2n ** 60n, 1n, 1n]));
    expect(x.t().contiguous().toBigInt64Array()).toEqual(new BigInt64Array([1n, 3n, -2n, 2n ** 60n]));
  });
  it('safetensors round-trips int64 as I64', () => {
    const t = long([2n ** 62n, -1n]);
    const back = tg.safetensors.deserialize(tg.safetensors.serialize({ t })).tensors.t;
    expect(back.dtype).toBe('int64');
    expect(back.toBigInt64Array()).toEqual(t.toBigInt64Array());
  });
});
