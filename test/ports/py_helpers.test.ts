// The ports' shared helpers (examples/ports/py.mjs) that decide what a port prints.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
// @ts-expect-error: a plain ES module of the examples, without type declarations
import { makeAttempt, pyG } from '../../examples/ports/py.mjs';

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

describe("pyG: Python's '%.{p}g' % x", () => {
  it('as /usr/bin/python3 prints them, exact ties to even', () => {
    // print('|'.join('%.8g' % x for x in xs))
    const xs = [0.00001234, 123456789, -1.0, 4.1633363e-17, 0.1 + 0.2, 12345678.5, 123456785, 99999999.5, 999999995,
      9.99999999, 0.000099999999, -2.5e20, 1e16, 0.5];
    expect(xs.map((x) => pyG(x, 8)).join('|')).toBe(
      '1.234e-05|1.2345679e+08|-1|4.1633363e-17|0.3|12345678|1.2345678e+08|1e+08|1e+09|10|9.9999999e-05|-2.5e+20|1e+16|0.5');
  });
});
