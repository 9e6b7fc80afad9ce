// examples/ports/test_lr_scheduler.mjs, a slice of PyTorch's own test/test_optim.py (TestLRScheduler: every
// learning-rate scheduler, chained, sequential, compound, cyclic, one-cycle, warm restarts, state dicts), prints
// what PyTorch 1.13 printed for its twin (examples/ports/test_lr_scheduler.py): the learning rates to the last bit.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_lr_scheduler.mjs';

// The lines whose rates differ from PyTorch's in the last bit or two (at most 1e-15 relative), all where a rate
// goes through `**` or Math.cos: V8's pow and cos are not the C library's that Python calls (0.9 ** 4 is
// 0.6561000000000001 in JavaScript and 0.6561 in Python; cos(6 pi / 5) differs by one ulp), whether the power
// is in the scheduler (PolynomialLR, CosineAnnealingLR, CyclicLR's exp_range, CosineAnnealingWarmRestarts) or in
// the test's own lambda (test_lambda_lr). By test, the labels (epoch or batch) of the lines, in file order.
const DRIFT: [string, string[]][] = [
  ['test_poly_lr', ['2', '3', '4']],
  ['test_closed_form_poly_lr', ['1', '2', '3']],
  ['test_closed_form_cos_anneal_lr', ['6', '7', '8', '9', '10', '11', '12', '13']],
  ['test_chained_lr5', ['2', '3', '4']],
  ['test_cycle_lr_exp_range_mode_one_lr', ['4']],
  ['test_cycle_lr_exp_range_mode', ['4']],
  ['test_lambda_lr', ['4']],
  ['test_CosineAnnealingWarmRestarts_lr1_T_mult_2', ['61']],
  ['test_CosineAnnealingWarmRestarts_lr1_T_mult_4', ['41']],
  ['test_CosineAnnealingWarmRestarts_lr2', ['2.1', '3.4', '5.3', '7.7', '16.2', '18.4', '26.2', '28.4', // T_mult 1
    '2.1', '3.4', '5.3', '7.7', '16.1', '22.4', '25.5', '25.9', // T_mult 2
    '2.1', '3.4', '5.3', '7.7']], // T_mult 4
  ['test_CosineAnnealingWarmRestarts_lr3', ['17.5']],
];

function driftLines(want: string[]): Deliberate[] {
  const out: Deliberate[] = [];
  let at = 0;
  for (const [name, labels] of DRIFT) {
    for (const label of labels) {
      while (at < want.length && !want[at].startsWith(`${name} ${label} `)) at++;
      expect(at, `${name} ${label} is a line of the expected output`).toBeLessThan(want.length);
      out.push({ pytorch: want[at++], tensorgrad: '(the same rates within 2e-15)', why: 'docs/porting.md "Deliberate differences": float results', rel: 2e-15 });
    }
  }
  return out;
}

describe('port: pytorch/pytorch test/test_optim.py (TestLRScheduler, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_lr_scheduler');
    const deliberate = driftLines(want);
    expect(compareLines(await portLines(main), want, deliberate)).toBe(want.length - deliberate.length);
  });
});
