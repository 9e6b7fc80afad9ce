// Note [Batched backward]'s namespaces (lib/autograd/batchable.ts): a name read once is kept as a plain own
// property of the namespace the formulas see, so later reads are property loads, not proxy traps.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { batchable } from '../../lib/autograd/batchable.js';
import * as E from '../../lib/ops/elementwise.js';

describe('batchable namespaces', () => {
  it('keep a name after its first read as an own data property holding the same wrapper', () => {
    const Eb = batchable(E);
    const first = Eb.mul;
    const desc = Object.getOwnPropertyDescriptor(Eb, 'mul');
    expect(desc?.get).toBeUndefined();
    expect(desc?.value).toBe(first);
    expect(first).not.toBe(E.mul); // the batchable wrapper, not the op itself
    expect(Eb.mul).toBe(first);
    expect(Array.from(Eb.mul(tg.tensor([1, 2, 3]), 2)._data)).toEqual([2, 4, 6]);
  });

  it('look a name up again while the namespace does not define it yet (an import cycle)', () => {
    const ns: Record<string, unknown> = {};
    const b = batchable(ns) as Record<string, unknown>;
    expect(b.late).toBeUndefined();
    ns.late = (a: number, c: number, d: number) => a + c * d;
    expect((b.late as (a: number, c: number, d: number) => number)(1, 2, 3)).toBe(7);
    expect(Object.getOwnPropertyDescriptor(b, 'late')?.value).toBe(b.late);
  });
});
