// uint8, int8, int16, float16 and bfloat16 (Note [Small dtypes]): casts, printing and promotion against PyTorch
// 1.13 (test/fixtures/gen/gen_small_dtypes.py -> small_dtypes.json), creation, values out, safetensors,
// autograd, modules and uint8 masks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tg from '../../lib/index.js';
import type { DType } from '../../lib/dtype.js';
import { promoteTypes, promoteScalar } from '../../lib/dtype.js';
import { halfBits, bfloatBits } from '../../lib/small_cast.js';
import fixture from '../fixtures/small_dtypes.json';

type Num = number | string | boolean;
const num = (v: Num): number => (typeof v === 'string' ? Number(v.replace('inf', 'Infinity')) : Number(v));
const SMALL = ['uint8', 'int8', 'int16', 'float16', 'bfloat16'] as const;

/** Same values, NaN equal to NaN and -0 distinct from 0 (Object.is). */
function sameValues(got: number[], want: Num[], what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Object.is(got[i], num(want[i])) || got[i] === num(want[i]) && !Object.is(num(want[i]), -0), `${what}[${i}]: got ${got[i]}, want ${want[i]}`).toBe(true);
}

describe('casts match PyTorch on x86 (wrap-around, round to nearest even, NaN/inf/subnormals)', () => {
  for (const c of fixture.casts) {
    it(`${c.from} -> ${c.to}`, () => {
      const src = c.from === 'int64'
        ? tg.tensor(BigInt64Array.from((c.values as string[]).map((v) => BigInt(v))))
        : tg.tensor((c.values as Num[]).map(num), { dtype: c.from as DType });
      const out = src.to(c.to as DType);
      expect(out.dtype).toBe(c.to);
      sameValues(out.double().tolist() as number[], c.expected as Num[], `${c.from}->${c.to}`);
    });
  }
  for (const c of fixture.back) {
    it(`${c.from} -> ${c.to}`, () => {
      const src = tg.tensor((fixture.casts[0].values as Num[]).map(num)).to(c.from as DType);
      const out = src.to(c.to as DType);
      expect(out.dtype).toBe(c.to);
      const got = (c.to === 'int64' ? Array.from(out.toBigInt64Array(), Number) : out.tolist() as (number | boolean)[]);
      if (c.to === 'bool') expect(got).toEqual(c.expected);
      else sameValues(got as number[], c.expected as Num[], `${c.from}->${c.to}`);
    });
  }
  it('every float16 and bfloat16 bit pattern survives a round trip through float32', () => {
    const bits = new Uint16Array(65536).map((_, i) => i);
    for (const [dt, enc] of [['float16', halfBits], ['bfloat16', bfloatBits]] as const) {
      const t = tg.zeros([65536], { dtype: dt });
      (t.asTypedArray() as Uint16Array).set(bits);
      const f = t.float().asTypedArray() as Float32Array;
      const back = t.float().to(dt).asTypedArray() as Uint16Array;
      let bad = 0;
      for (let i = 0; i < 65536; i++) {
        if (Number.isNaN(f[i])) bad += Number.isNaN(tg.zeros([1], { dtype: dt }).fill_(NaN).item() as number) ? 0 : 1;
        else if (back[i] !== i || enc(f[i]) !== i) bad++;
      }
      expect(bad, dt).toBe(0);
    }
  });
});

describe('printing as PyTorch', () => {
  for (const p of fixture.print) {
    it(p.name, () => {
      const t = tg.tensor((p.values as Num[]).map(num), { dtype: 'float64' }).reshape(p.shape).to(p.dtype as DType);
      expect(String(t)).toBe(p.expected);
    });
  }
});

describe('type promotion: torch.result_type of every pair of the ten dtypes and with Python scalars', () => {
  it('tensor pairs (1-d and 0-d)', () => {
    for (const e of fixture.promote) {
      expect(promoteTypes(e.a as DType, e.aDims, e.b as DType, e.bDims), `${e.a}(${e.aDims}) ${e.b}(${e.bDims})`).toBe(e.result);
      const [ta, tb] = [tg.ones(e.aDims ? [2] : [], { dtype: e.a as DType }), tg.ones(e.bDims ? [2] : [], { dtype: e.b as DType })];
      expect(tg.resultType(ta, tb), `resultType ${e.a} ${e.b}`).toBe(e.result);
      if (e.aDims && e.bDims) expect(tg.promoteTypes(e.a as DType, e.b as DType)).toBe(e.result);
      // and an op sees the same dtype (where keeps it for every pair, bool included)
      const a = tg.ones(e.aDims ? [2] : [], { dtype: e.a as DType }), b = tg.ones(e.bDims ? [2] : [], { dtype: e.b as DType });
      expect(tg.where(tg.tensor(true), a, b).dtype, `where ${e.a} ${e.b}`).toBe(e.result);
    }
  });
  it('scalars', () => {
    const value: Record<string, number | boolean> = { int: 3, float: 2.5, bool: true, big: 1000 };
    for (const e of fixture.scalars) {
      expect(promoteScalar(e.a as DType, value[e.scalar]), `${e.a} ${e.scalar}`).toBe(e.result);
      expect(tg.resultType(tg.ones([2], { dtype: e.a as DType }), value[e.scalar]), `resultType ${e.a} ${e.scalar}`).toBe(e.result);
    }
  });
});

describe('creation and values out', () => {
  it('tensor, zeros, ones, full, arange, empty and the *Like ops make each dtype', () => {
    for (const dt of SMALL) {
      expect(tg.tensor([1, 2], { dtype: dt }).tolist()).toEqual([1, 2]);
      expect(tg.zeros([2, 2], { dtype: dt }).tolist()).toEqual([[0, 0], [0, 0]]);
      expect(tg.ones([3], { dtype: dt }).tolist()).toEqual([1, 1, 1]);
      expect(tg.full([2], 7, { dtype: dt }).tolist()).toEqual([7, 7]);
      expect(tg.arange(0, 5, { dtype: dt }).tolist()).toEqual([0, 1, 2, 3, 4]);
      expect(tg.empty([4], { dtype: dt }).dtype).toBe(dt);
      const x = tg.ones([2], { dtype: dt });
      for (const t of [tg.zerosLike(x), tg.onesLike(x), tg.emptyLike(x), tg.fullLike(x, 3)]) expect(t.dtype).toBe(dt);
      expect(tg.fullLike(x, 3).tolist()).toEqual([3, 3]);
      expect(tg.tensor(9, { dtype: dt }).item()).toBe(9);
    }
    // PyTorch's range check of fill values (uint8 takes -255..255: -1 wraps to 255)
    expect(() => tg.full([2], 300, { dtype: 'uint8' })).toThrow(/^full: value 300 cannot be converted to type uint8 without overflow/);
    expect(() => tg.zeros([2], { dtype: 'float16' }).fill_(65520)).toThrow(/^fill_: value 65520 cannot be converted to type float16/);
    expect(tg.full([2], -1, { dtype: 'uint8' }).tolist()).toEqual([255, 255]);
    expect(tg.zeros([1], { dtype: 'int8' }).fill_(-128).item()).toBe(-128);
    expect(tg.tensor([0.1], { dtype: 'float16' }).item()).toBe(0.0999755859375);
    expect(tg.tensor([0.1], { dtype: 'bfloat16' }).item()).toBe(0.10009765625);
  });
  it('the conversion methods and their typed arrays (Uint16Array bit patterns for the halves)', () => {
    const x = tg.tensor([1, 255, 256, -1.5]);
    expect(x.byte().dtype).toBe('uint8');
    expect(x.byte().toTypedArray()).toEqual(new Uint8Array([1, 255, 0, 255]));
    expect(x.char().toTypedArray()).toEqual(new Int8Array([1, -1, 0, -1]));
    expect(x.short().toTypedArray()).toEqual(new Int16Array([1, 255, 256, -1]));
    expect(x.half().toTypedArray()).toEqual(new Uint16Array([0x3c00, 0x5bf8, 0x5c00, 0xbe00]));
    expect(x.bfloat16().asTypedArray()).toEqual(new Uint16Array([0x3f80, 0x437f, 0x4380, 0xbfc0]));
    expect(x.half().tolist()).toEqual([1, 255, 256, -1.5]);
    expect(x.to('int8').to('float32').tolist()).toEqual([1, -1, 0, -1]);
    expect(x.half().type()).toBe('torch.HalfTensor');
    expect(x.type('torch.ByteTensor').dtype).toBe('uint8');
    expect((x.type('bfloat16') as tg.Tensor).type()).toBe('torch.BFloat16Tensor');
  });
  it('views and copies of a small dtype stay views of its storage', () => {
    const x = tg.arange(0, 6, { dtype: 'int16' }).reshape([2, 3]);
    expect(x.t().contiguous().tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
    const v = x.narrow(1, 1, 2);
    v.fill_(-7);
    expect(x.tolist()).toEqual([[0, -7, -7], [3, -7, -7]]);
    v.add_(1);
    expect(x.tolist()).toEqual([[0, -6, -6], [3, -6, -6]]);
    const h = tg.zeros([2, 2], { dtype: 'float16' });
    h.select(0, 1).copy_(tg.tensor([0.1, 2]));
    expect(h.tolist()).toEqual([[0, 0], [0.0999755859375, 2]]);
  });
  it('safetensors saves and loads U8, I8, I16, F16 and BF16 as themselves', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-small-'));
    const f = path.join(dir, 'm.safetensors');
    const t = Object.fromEntries(SMALL.map((dt) => [dt, tg.tensor([[1, -2.5], [300, 0.1]]).to(dt)]));
    tg.save(t, f);
    const back = tg.load(f);
    const header = JSON.parse(fs.readFileSync(f).subarray(8, 8 + Number(fs.readFileSync(f).readBigUInt64LE(0))).toString());
    expect(SMALL.map((dt) => header[dt].dtype)).toEqual(['U8', 'I8', 'I16', 'F16', 'BF16']);
    for (const dt of SMALL) {
      expect(back[dt].dtype).toBe(dt);
      expect(back[dt].toTypedArray()).toEqual(t[dt].toTypedArray());
    }
    const bytes = tg.safetensors.serialize(t);
    for (const dt of SMALL) expect(tg.safetensors.deserialize(bytes).tensors[dt].tolist()).toEqual(t[dt].tolist());
    fs.rmSync(dir, { recursive: true });
  });
  it('a transferable message carries each small dtype to another thread as itself', () => {
    for (const dt of SMALL) {
      const t = tg.tensor([[1, -2.5], [300, 0.1]]).to(dt);
      const back = tg.fromTransferable(structuredClone(tg.toTransferable(t))) as tg.Tensor;
      expect(back.dtype).toBe(dt);
      expect(back.tolist()).toEqual(t.tolist());
      expect(back.add(1).tolist()).toEqual(t.add(1).tolist());
    }
  });
});

describe('autograd', () => {
  it('integer dtypes cannot require grad (PyTorch\'s message)', () => {
    for (const dt of ['uint8', 'int8', 'int16'] as const) {
      expect(fixture.intGrad[dt]).toBe('only Tensors of floating point dtype can require gradients');
      expect(() => tg.ones([2], { dtype: dt }).requiresGrad_()).toThrow(/only Tensors of floating point dtype can require gradients/);
      expect(() => tg.ones([2], { dtype: dt, requiresGrad: true })).toThrow(/only Tensors of floating point dtype can require gradients/);
    }
  });
  for (const g of fixture.grads) {
    it(`${g.dtype} leaves get ${g.gradDtype} gradients (PyTorch's values)`, () => {
      const x = tg.tensor([0.1, -2.5, 3.3]).to(g.dtype as DType).requiresGrad_();
      const y = x.mul(x).mul(3).sum();
      expect(y.dtype).toBe(g.ydtype);
      expect(y.item()).toBeCloseTo(g.y, 0);
      y.backward();
      const grad = x.grad as tg.Tensor;
      expect(grad.dtype).toBe(g.gradDtype);
      const got = grad.tolist() as number[];
      const tol = g.dtype === 'float16' ? 2 ** -8 : 2 ** -6;
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - g.grad[i]), `grad[${i}] ${got[i]} vs ${g.grad[i]}`).toBeLessThanOrEqual(tol * Math.abs(g.grad[i]));
    });
  }
});

describe('modules and masks', () => {
  it('Module.half() and bfloat16() cast the floating parameters and buffers', () => {
    const m = new tg.nn.BatchNorm1d(2).half();
    expect(m.weight.dtype).toBe('float16');
    expect(m.runningMean.dtype).toBe('float16');
    expect(m.numBatchesTracked.dtype).toBe('int64');
    expect(new tg.nn.Linear(2, 1).bfloat16().weight.dtype).toBe('bfloat16');
    expect(m.weight.requiresGrad).toBe(true);
  });
  it('a bfloat16 Linear trains: leaf parameters get bfloat16 grads (the float32 computation rounded)', () => {
    tg.manualSeed(3);
    const m = new tg.nn.Linear(2, 1).bfloat16();
    const x = tg.tensor([[1, 2], [3, -1], [0.5, 0.25]]).bfloat16();
    const y = m.forward(x);
    expect(y.dtype).toBe('bfloat16');
    y.sum().backward();
    expect(m.weight.isLeaf).toBe(true);
    expect(m.weight.grad?.dtype).toBe('bfloat16');
    expect(m.weight.grad?.tolist()).toEqual([[4.5, 1.25]]);
    expect(m.bias.grad?.tolist()).toEqual([3]);
    const want = x.float().matmul(m.weight.float().t()).add(m.bias.float()).bfloat16();
    expect(y.tolist()).toEqual(want.tolist());
  });
  it('index ops keep the small dtype (the index is no operand of the promotion)', () => {
    const u = tg.tensor([250, 3, 7], { dtype: 'uint8' });
    const i = tg.tensor([2, 0], { dtype: 'int64' });
    expect(String(u.index(i))).toBe('tensor([  7, 250], dtype=torch.uint8)');
    expect(u.gather(0, i).dtype).toBe('uint8');
    expect(tg.ones([2, 3]).half().indexSelect(1, i).dtype).toBe('float16');
  });
  it('a uint8 mask indexes as a bool mask (PyTorch 1.13 warns that it is deprecated)', () => {
    const x = tg.tensor([10, 20, 30]);
    const warn = process.emitWarning;
    const seen: string[] = [];
    process.emitWarning = ((w: string | Error) => { seen.push(String(w)); }) as typeof process.emitWarning;
    try {
      expect(x.index(tg.tensor([1, 0, 1], { dtype: 'uint8' })).tolist()).toEqual([10, 30]);
    } finally {
      process.emitWarning = warn;
    }
    expect(seen.some((w) => /uint8.*deprecated/.test(w))).toBe(true);
  });
});
