// The ports' shared helpers (examples/ports/py.mjs) that decide what a port prints.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
// @ts-expect-error: a plain ES module of the examples, without type declarations
import { makeAttempt } from '../../examples/ports/py.mjs';

describe("makeAttempt: the ports' attempt(label, f)", () => {
  const run = (f: () => unknown, show?: (...a: unknown[]) => void) => {
    const out: string[] = [];
    const print = (...a: unknown[]) => out.push(a.map(String).join(' '));
    makeAttempt(print, show)('case', f);
    return out;
  };
  it("prints the result, or 'raises' for an error tensorgrad throws", () => {
    expect(run(() => 7)).toEqual(['case 7']);
    expect(run(() => tg.add(tg.zeros([2]), tg.zeros([3])))).toEqual(['case raises']);
  });
  it('prints the result with show when given', () => {
    const out: string[] = [];
    makeAttempt(() => out.push('print'), (l: string, r: unknown) => out.push(`show ${l} ${String(r)}`))('x', () => 1);
    expect(out).toEqual(['show x 1']);
  });
  it("rethrows a JavaScript slip rather than print 'raises' for it", () => {
    const t = tg.zeros([2]) as unknown as { noSuchMethod: () => void };
    expect(() => run(() => t.noSuchMethod())).toThrow(TypeError);
    expect(() => run(() => (undefined as unknown as { x: { y: number } }).x.y)).toThrow(TypeError);
    expect(() => run(() => { throw new ReferenceError('q is not defined'); })).toThrow(ReferenceError);
  });
});
