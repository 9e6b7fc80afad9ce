// tg.tensor of a typed array keeps the array's kind as its dtype, as torch.tensor keeps a numpy array's
// (test/fixtures/nnmisc.json, from test/fixtures/gen/gen_nnmisc.py): Int8Array -> int8, Int16Array -> int16,
// Uint8Array -> uint8, Int32Array -> int32, BigInt64Array -> int64, Float32Array -> float32, Float64Array ->
// float64. Uint8ClampedArray is uint8; Uint16Array and Uint32Array (dtypes PyTorch 1.13 lacks: it refuses
// numpy's uint16/uint32) widen losslessly to int32 and int64.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

interface Kind { values: (number | string)[]; dtype: string; out: (number | string)[] }
const FIX: { typed_arrays: Record<string, Kind> } = JSON.parse(readFileSync(new URL('../fixtures/nnmisc.json', import.meta.url), 'utf8'));
const ARRAYS: Record<string, (v: (number | string)[]) => ArrayLike<number> | BigInt64Array> = {
  int8: (v) => Int8Array.from(v as number[]), int16: (v) => Int16Array.from(v as number[]), uint8: (v) => Uint8Array.from(v as number[]),
  int32: (v) => Int32Array.from(v as number[]), int64: (v) => BigInt64Array.from(v as string[], BigInt),
  float32: (v) => Float32Array.from(v as number[]), float64: (v) => Float64Array.from(v as number[]),
};

describe('tg.tensor(typedArray) infers the dtype from the array kind, as torch.tensor(numpy array)', () => {
  for (const [kind, c] of Object.entries(FIX.typed_arrays)) {
    it(`${kind} array -> ${c.dtype}`, () => {
      const t = tg.tensor(ARRAYS[kind](c.values));
      expect(t.dtype).toBe(c.dtype);
      expect(t.shape).toEqual([c.values.length]);
      if (kind === 'int64') expect(Array.from(t.toBigInt64Array(), String)).toEqual(c.out);
      else expect(t.tolist()).toEqual(c.out);
    });
  }
  it('Uint8ClampedArray is uint8; Uint16Array and Uint32Array widen losslessly; a dtype option still wins', () => {
    expect(tg.tensor(Uint8ClampedArray.from([0, 255])).dtype).toBe('uint8');
    const u16 = tg.tensor(Uint16Array.from([0, 65535]));
    expect([u16.dtype, u16.tolist()]).toEqual(['int32', [0, 65535]]);
    const u32 = tg.tensor(Uint32Array.from([0, 4294967295]));
    expect([u32.dtype, u32.tolist()]).toEqual(['int64', [0, 4294967295]]);
    expect(tg.tensor(Uint8Array.from([1, 2]), { dtype: 'float32' }).dtype).toBe('float32');
    expect(tg.tensor(Int8Array.from([-1, 2]), { dtype: 'int32' }).tolist()).toEqual([-1, 2]);
  });
});
