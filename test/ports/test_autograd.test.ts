// examples/ports/test_autograd.mjs, a slice of PyTorch's own test/test_autograd.py (custom Functions, hooks,
// retainGrad, retainGraph and createGraph, autograd.grad and backward, version-counter errors, noGrad, setitem),
// prints what PyTorch 1.13 printed for its twin (examples/ports/test_autograd.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_autograd.mjs';

const HOOKS = 'docs/porting.md "Hooks of outputs that get no gradient do not run"';
const DELIBERATE: Deliberate[] = [
  // x_list[0]'s hook: PyTorch calls it with None when x_list[i], i > 0, is backpropagated; tensorgrad does not
  // call it, so the grad it kept from x_list[0]'s own backward stays.
  ...[1, 2, 3, 4].map((i) => ({
    pytorch: `test_grad_nonleaf_register_hook ${i} False True True`,
    tensorgrad: `test_grad_nonleaf_register_hook ${i} True True True`,
    why: HOOKS,
  })),
  // The messages name the options as JavaScript spells them ("Set allowUnused: true", "Specify retainGraph:
  // true"), so the test's regexes for PyTorch's spellings do not match.
  ...['test_grad_unreachable', 'test_backward_twice_with_saved_values'].map((name) => ({
    pytorch: `${name} raises RuntimeError True`,
    tensorgrad: `${name} raises RuntimeError False`,
    why: 'docs/porting.md "Deliberate differences": error messages name options as JavaScript spells them',
  })),
];

describe('port: pytorch/pytorch test/test_autograd.py (TestAutograd, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_autograd');
    expect(compareLines(await portLines(main), want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
