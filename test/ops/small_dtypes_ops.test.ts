// Every elementwise and reduction method on uint8, int8, int16, float16 and bfloat16 tensors either matches
// PyTorch 1.13 (dtype and values; test/fixtures/gen/gen_small_dtypes.py runs the same calls) or, where PyTorch
// refuses the op for that dtype, throws a TypeError naming the op and the dtype: never another answer.
import { describe, expect, it } from 'vitest';
import * as tg from '../../lib/index.js';
import type { Tensor } from '../../lib/index.js';
import type { DType } from '../../lib/dtype.js';
import fixture from '../fixtures/small_dtypes.json';

type Num = number | string | boolean;
const num = (v: Num): number | boolean => (typeof v === 'string' ? Number(v.replace('inf', 'Infinity')) : v);
const VALS = [[-3, 0, 2], [5, 1, 4]], VALS_U = [[3, 0, 2], [5, 1, 200]], OTHER = [[2, 1, 3], [1, 2, 1]];
const method = (t: Tensor, m: string) => (t as unknown as Record<string, (...a: unknown[]) => unknown>)[m];

function call(dtype: DType, op: string, form: string): unknown {
  const x = tg.tensor(dtype === 'uint8' ? VALS_U : VALS).to(dtype), y = tg.tensor(OTHER).to(dtype);
  switch (form) {
    case 'unary': return method(x, op).call(x);
    case 'dim': return method(x, op).call(x, 1);
    case 'tensor': case 'scalar': {
      const [a, b] = op === 'dot' ? [x.flatten(), y.flatten()] : op === 'matmul' ? [x, y.t()] : [x, y];
      return method(a, op).call(a, form === 'scalar' ? 2 : b);
    }
    case 'flip': return x.flip(0);
    case 'clamp': return x.clamp(-1, 3);
    case 'where': return tg.where(x.gt(1), x, y);
    case 'topk': return x.topk(2);
    case 'mulFloat': return x.mul(2.5);
    case 'addBig': return x.add(300);
  }
  throw new Error(`unknown form ${form}`);
}

/** Relative tolerance: the halves' results are rounded once from float32 (a transcendental may differ by an ulp). */
const TOL: Record<string, number> = { float16: 2 ** -10, bfloat16: 2 ** -7, float32: 2 ** -22 };

describe('small-dtype ops match PyTorch or throw a TypeError naming the op and dtype', () => {
  for (const e of fixture.ops) {
    it(`${e.dtype} ${e.op} (${e.form})`, () => {
      let r: unknown;
      try {
        r = call(e.dtype as DType, e.op, e.form);
      } catch (err) {
        const msg = String((err as Error).message);
        expect(err, `${e.op} on ${e.dtype} threw ${msg}; PyTorch: ${'error' in e ? e.error : 'a value'}`).toBeInstanceOf(TypeError);
        expect(msg.startsWith(e.op) || msg.includes(`${e.op}(`), msg).toBe(true);
        expect(msg, msg).toContain(e.dtype);
        return;
      }
      expect('error' in e ? e.error : null, `${e.op} on ${e.dtype} gave a value; PyTorch refuses it`).toBe(null);
      if ('error' in e) return;
      if (!(r instanceof tg.Tensor) && !Array.isArray(r)) return expect(r).toBe(num(e.value as Num));
      const t = (Array.isArray(r) ? r[0] : r) as Tensor;
      expect(t.dtype, `${e.op} dtype`).toBe(e.result);
      expect(t.shape).toEqual(e.shape);
      const got = (t.dtype === 'bool' ? t.reshape([-1]).tolist() : t.double().reshape([-1]).tolist()) as (number | boolean)[];
      const want = (e.values as Num[]).map(num);
      const tol = TOL[t.dtype] ?? 0;
      for (let i = 0; i < want.length; i++) {
        const g = got[i], w = want[i];
        if (typeof w === 'boolean' || tol === 0 || !Number.isFinite(w as number)) expect(g, `${e.op}[${i}]`).toEqual(w);
        else expect(Math.abs((g as number) - (w as number)), `${e.op}[${i}]: ${g} vs ${w}`).toBeLessThanOrEqual(tol * Math.abs(w as number));
      }
      if (e.indices !== null && Array.isArray(r)) expect((r[1] as Tensor).double().reshape([-1]).tolist(), `${e.op} indices`).toEqual(e.indices);
    });
  }
});


describe("every Tensor method PyTorch 1.13's CPU build refuses for a small dtype is refused here too", () => {
  for (const [dtype, names] of Object.entries(fixture.refused)) {
    it(`${dtype}: ${names.length} methods`, () => {
      const problems: string[] = [];
      for (const name of names) {
        const x = tg.tensor([[1, 2], [3, 0.5]]).to(dtype as DType);
        const f = method(x, name);
        if (typeof f !== 'function') continue; // tensorgrad has no such method
        // the same argument forms as the generator: (), (x), (1); a refusal comes before any argument check
        let err: unknown = null;
        for (const args of [[], [x], [1]]) {
          try {
            f.apply(x, args);
            err = null;
            break;
          } catch (e) {
            err = e;
            if (e instanceof TypeError && /not implemented for/.test(e.message)) break;
          }
        }
        const msg = err instanceof Error ? err.message : '';
        if (!(err instanceof TypeError) || !msg.startsWith(name) || !msg.includes(`'${dtype}'`)) problems.push(`${name}: ${err === null ? 'gave a value' : msg}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
