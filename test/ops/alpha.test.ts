// add / sub's alpha as PyTorch 1.13 takes it (test/fixtures/alpha.json, gen_alpha.py): a fractional alpha with
// integral operands is refused (it gave a float tensor here, silently), a boolean alpha is taken only for a bool
// result. Found by the test_type_promotion port (test_alpha_mismatch, test_booleans).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import type { Tensor } from '../../lib/index.js';

interface Case { op: 'add' | 'sub'; a: string; b: string | number | boolean; alpha: number | boolean; dtype?: string; values?: (number | boolean)[]; error?: string }
const fx = JSON.parse(readFileSync(new URL('../fixtures/alpha.json', import.meta.url), 'utf8')) as { cases: Case[] };
const T: Record<string, () => Tensor> = {
  int32: () => tg.tensor([1, 2, 3], { dtype: 'int32' }),
  int64: () => tg.tensor([4, -5, 6], { dtype: 'int64' }),
  float32: () => tg.tensor([0.5, 1.5, -2.0]),
  bool: () => tg.tensor([true, false, true]),
  boolB: () => tg.tensor([false, false, true]),
};

describe('alpha of add / sub (PyTorch 1.13)', () => {
  it.each(fx.cases.map((c) => [`${c.op}(${c.a}, ${c.b}, alpha=${c.alpha})`, c] as const))('%s', (_, c) => {
    const y = typeof c.b === 'string' ? T[c.b]() : c.b;
    const call = () => tg[c.op](T[c.a](), y as Tensor, { alpha: c.alpha as number });
    if (c.error !== undefined) {
      expect(call).toThrow(c.op === 'add' && c.error.startsWith('For integral') ? /^add: For integral input tensors, argument alpha must not be a floating point number/ : /./);
      return;
    }
    const r = call();
    expect([r.dtype, r.tolist()]).toEqual([c.dtype, c.values]);
  });
});
