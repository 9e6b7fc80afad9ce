// Note [Small arithmetic in JS]: + - * / on tiny float tensors run in JS; they must match the native kernels
// bit for bit, edge values included.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { setSmallArithInJs } from '../../lib/ops/elementwise.js';

const edges = [0, -0, 1, -1, 0.1, 1 / 3, 3e38, -3e38, 1e-45, 1.17549435e-38, Infinity, -Infinity, NaN, 16777217, 2 ** -126, 7];

function bits(t: Tensor): string {
  const d = t.toTypedArray();
  return Array.from(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).join(',');
}

describe('small arithmetic in JS matches the native kernels', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: add sub mul div with tensors, numbers and 0-d operands`, () => {
      tg.manualSeed(11);
      const cases: [Tensor, Tensor | number][] = [];
      for (let i = 0; i < 40; i++) {
        const n = 1 + (i % 16);
        const a = tg.randn([n], { dtype }).mul(10 ** ((i % 7) - 3));
        cases.push([a, tg.randn([n], { dtype })], [a, (i % 5) - 2.5], [a, tg.randn([], { dtype })]);
      }
      const e = tg.tensor(edges, { dtype });
      for (const v of edges) cases.push([e, v], [e, tg.tensor(v, { dtype })]);
      cases.push([e, tg.tensor(edges.slice().reverse(), { dtype })]);
      for (const [a, b] of cases) {
        for (const f of [tg.add, tg.sub, tg.mul, tg.div] as const) {
          setSmallArithInJs(true);
          const js = [f(a, b), f(b, a)];
          setSmallArithInJs(false);
          const nat = [f(a, b), f(b, a)];
          setSmallArithInJs(true);
          expect(bits(js[0])).toBe(bits(nat[0]));
          expect(bits(js[1])).toBe(bits(nat[1]));
        }
        if (b instanceof Tensor && b.ndim === 0) continue; // in place needs b broadcast to a's shape: native
        for (const m of ['add_', 'sub_', 'mul_', 'div_'] as const) {
          setSmallArithInJs(true);
          const js = a.clone()[m](b);
          setSmallArithInJs(false);
          const nat = a.clone()[m](b);
          setSmallArithInJs(true);
          expect(bits(js), m).toBe(bits(nat));
        }
      }
    });
  }
});
