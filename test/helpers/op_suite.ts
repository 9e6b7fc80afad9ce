// The per-op suite shared by test/ops/*.test.ts: fixture cases of one group, then float64 gradcheck and
// gradgradcheck for every derivative-table row whose spec belongs to that group.
import { describe, it } from 'vitest';
import tg from '../../lib/index.js';
import { casesOf, checkCase, OpCase } from './ops_fixture.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';

/**
 * Fixture cases that fail because of a bug in native/ (C++), which this suite may not fix. Each entry is
 * reported to the native owner; the test is `it.fails` so it flips to red once the kernel is fixed.
 */
export const NATIVE_BUGS: Record<string, string> = {};

export function opSuite(group: OpCase['group']): void {
  describe(`${group}: PyTorch 1.13 fixtures`, () => {
    for (const c of casesOf(group)) {
      const bug = NATIVE_BUGS[c.id];
      if (bug) it.fails(`${c.id} [native bug: ${bug}]`, () => checkCase(c));
      else it(c.id, () => checkCase(c));
    }
  });
  const rows = Object.entries(GRADCHECK).filter(([, specs]) => specs.some((s) => s.group === group));
  if (rows.length === 0) return;
  describe(`${group}: float64 gradcheck / gradgradcheck`, () => {
    for (const [row, specs] of rows)
      specs.forEach((s, i) => {
        if (s.group !== group) return;
        it(`${row}#${i} gradcheck`, () => {
          tg.autograd.gradcheck(s.fn, s.inputs(), s.options);
        });
        it(`${row}#${i} gradgradcheck`, () => {
          tg.autograd.gradgradcheck(s.fn, s.inputs(), null, s.options);
        });
      });
  });
}
