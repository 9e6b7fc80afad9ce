// Number arguments cast to a small dtype instead of promoting it (lib/small_dtypes.ts CAST_SCALARS): nanToNum with
// float replacements keeps uint8 / int8 / int16 / float16 / bfloat16, as PyTorch 1.13 (test/fixtures/
// small_scalar_cast.json, gen_small_scalar_cast.py). Found by the test_unary_ufuncs port: x.nan_to_num(nan=0.37,
// posinf=2.1) of an int8 tensor was float32 here. threshold's cases are in test/nn/activation_inplace.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

type Num = number | 'nan' | 'inf' | '-inf' | '-0';
interface Case { dtype: 'uint8' | 'int8' | 'int16' | 'float16' | 'bfloat16'; x: Num[]; kwargs: Record<string, number>; outDtype: string; out: Num[] }
interface HalfCase { dtype: 'float16' | 'bfloat16'; x: number[]; op: 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'add' | 'sub' | 'mul' | 'div'; v: number; outDtype: string; out: (Num | boolean)[] }
const fx = JSON.parse(readFileSync(new URL('../fixtures/small_scalar_cast.json', import.meta.url), 'utf8')) as { nanToNum: Case[]; halfScalar: HalfCase[] };
const dec = (v: Num): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0' ? -0 : v);

describe('nanToNum of a small dtype keeps it (PyTorch 1.13)', () => {
  it.each(fx.nanToNum.map((c) => [`${c.dtype} ${JSON.stringify(c.kwargs)}`, c] as const))('%s', (_, c) => {
    const y = tg.tensor(c.x.map(dec), { dtype: c.dtype }).nanToNum(c.kwargs);
    expect(y.dtype).toBe(c.outDtype);
    expect(y.float().tolist()).toEqual(c.out.map(dec));
    // the function form, positionally
    const k = c.kwargs;
    const z = tg.nanToNum(tg.tensor(c.x.map(dec), { dtype: c.dtype }), k.nan ?? null, k.posinf ?? null, k.neginf ?? null);
    expect([z.dtype, z.float().tolist()]).toEqual([c.outDtype, c.out.map(dec)]);
  });
});

// A number next to a half / bfloat16 tensor is cast to it first, as PyTorch casts a wrapped number to the common
// dtype (the test_type_promotion port: half(0.0499878) < 0.05 was true here, half(0.1) == 0.1 false).
describe('a number next to a half tensor is rounded to the half first (PyTorch 1.13)', () => {
  it.each(fx.halfScalar.map((c) => [`${c.dtype} ${c.op} ${c.v}`, c] as const))('%s', (_, c) => {
    const r = tg.tensor(c.x, { dtype: c.dtype })[c.op](c.v);
    expect([r.dtype, r.dtype === 'bool' ? r.tolist() : r.float().tolist()]).toEqual([c.outDtype, c.out.map((v) => (typeof v === 'boolean' ? v : dec(v)))]);
  });
});
