// Every public elementwise and reduction op on int64 inputs either matches the same op on int32 (the result
// dtype widened to int64 where int32 stayed int32) or throws a TypeError naming int64: never a wrong answer.
import { describe, expect, it } from 'vitest';
import * as tg from '../../lib/index.js';
import type { Tensor } from '../../lib/index.js';

const UNARY = [
  'neg', 'abs', 'sign', 'square', 'relu', 'exp', 'log', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'floor', 'ceil', 'round',
  'trunc', 'reciprocal', 'bitwiseNot', 'logicalNot', 'expm1', 'log1p', 'frac', 'isnan', 'isinf', 'isfinite',
  'sum', 'prod', 'max', 'min', 'argmax', 'argmin', 'any', 'all', 'median', 'msort', 'sort', 'argsort',
  'unique', 'flip', 'clone', 'contiguous', 'nonzero', 'float', 'double', 'int', 'bool', 'long', 'square', 'diff',
] as const;
const DIM = ['sum', 'prod', 'argmax', 'argmin', 'cumsum', 'cumprod', 'cummax', 'cummin', 'any', 'all', 'max', 'min', 'median', 'mode', 'sort', 'argsort', 'logcumsumexp', 'softmax', 'logSoftmax', 'mean', 'std', 'var', 'norm', 'logsumexp'] as const;
const BINARY = [
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'fmod', 'remainder',
  'bitwiseAnd', 'bitwiseOr', 'bitwiseXor', 'atan2', 'logicalAnd', 'logicalOr', 'logicalXor',
  'hypot', 'xlogy', 'dot', 'matmul', 'equal', 'allclose',
] as const;

type R = { ok: true; dtype: string; values: unknown } | { ok: false; error: unknown };
function run(f: () => unknown): R {
  try {
    const r = f();
    const t = Array.isArray(r) ? r[0] : r && typeof r === 'object' && 'values' in (r as object) ? (r as { values: Tensor }).values : r;
    const ix = r && typeof r === 'object' && 'indices' in (r as object) ? (r as { indices: Tensor }).indices.tolist() : null;
    if (t instanceof tg.Tensor) return { ok: true, dtype: t.dtype, values: [t.tolist(), ix] };
    return { ok: true, dtype: typeof t, values: t };
  } catch (error) {
    return { ok: false, error };
  }
}
/** The int64 run agrees with the int32 one, or throws a TypeError that names int64 (or what int32 threw, too). */
function agree(name: string, r64: R, r32: R): void {
  if (!r64.ok) {
    const e = r64.error as Error;
    if (!r32.ok) return expect(e.constructor, `${name}: ${e.message}`).toBe((r32.error as Error).constructor);
    expect(e, `${name} threw ${String(e)}`).toBeInstanceOf(TypeError);
    expect(e.message, name).toMatch(/int64/);
    expect(e.message.startsWith(name) || e.message.includes(name), `${name}: ${e.message}`).toBe(true);
    return;
  }
  expect(r32.ok, `${name}: int64 ran but int32 threw ${r32.ok ? '' : String(r32.error)}`).toBe(true);
  if (!r32.ok) return;
  expect(r64.dtype, name).toBe(r32.dtype === 'int32' && name !== 'int' ? 'int64' : r32.dtype);
  expect(r64.values, name).toEqual(r32.values);
}

const vals = [[-3, 0, 2], [5, 1, 4]];
const x64 = tg.tensor(vals, { dtype: 'int64' }), x32 = tg.tensor(vals, { dtype: 'int32' });
const y64 = tg.tensor([[2, 1, 3], [1, 2, 1]], { dtype: 'int64' }), y32 = y64.int();
const method = (t: Tensor, m: string) => (t as unknown as Record<string, (...a: unknown[]) => unknown>)[m];

describe('int64 inputs: every op matches int32 or throws a TypeError naming int64', () => {
  it('lists only existing methods', () => {
    for (const m of [...UNARY, ...DIM, ...BINARY]) expect(typeof method(x64, m), m).toBe('function');
  });
  for (const m of UNARY) it(`${m}()`, () => agree(m, run(() => method(x64, m).call(x64)), run(() => method(x32, m).call(x32))));
  for (const m of DIM) it(`${m}(1)`, () => agree(m, run(() => method(x64, m).call(x64, 1)), run(() => method(x32, m).call(x32, 1))));
  for (const m of BINARY) {
    const [a64, a32, b64, b32] = m === 'dot' ? [x64.flatten(), x32.flatten(), y64.flatten(), y32.flatten()] : m === 'matmul' ? [x64, x32, y64.t(), y32.t()] : [x64, x32, y64, y32];
    it(`${m}(tensor)`, () => agree(m, run(() => method(a64, m).call(a64, b64)), run(() => method(a32, m).call(a32, b32))));
    it(`${m}(2)`, () => agree(m, run(() => method(a64, m).call(a64, 2)), run(() => method(a32, m).call(a32, 2))));
  }
  it('clamp, where and the index ops', () => {
    agree('clamp', run(() => x64.clamp(-1, 3)), run(() => x32.clamp(-1, 3)));
    agree('where', run(() => tg.where(x64.gt(0), x64, y64)), run(() => tg.where(x32.gt(0), x32, y32)));
    agree('topk', run(() => x64.topk(2)), run(() => x32.topk(2)));
    agree('kthvalue', run(() => x64.kthvalue(2, 1)), run(() => x32.kthvalue(2, 1)));
  });
});
