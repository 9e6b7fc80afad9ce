// examples/ports/test_optim.mjs, a slice of PyTorch's own test/test_optim.py (TestOptim: every optimizer and
// flag set of test_multi_tensor_optimizers on a float64 net, the basic cases of test_sgd / test_adam /
// test_adamw with their schedulers, the ValueError cases), prints what PyTorch 1.13 printed for its twin
// (examples/ports/test_optim.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/test_optim.mjs';

// The float64 loss after four steps, printed to the last digit, differs in the last bit or two where the
// sigmoid's exp (tensorgrad's kernel, not ATen's) rounds differently; the parameters (12 decimals) all agree.
const LOSS_DRIFT = [
  "NAdam [('momentum_decay', 0.006), ('weight_decay', 1.0)] loss 1.6836249366561968",
  "NAdam [('momentum_decay', 0.004), ('weight_decay', 0.0)] loss 1.6794054478445433",
  "NAdam [('momentum_decay', 0.004), ('weight_decay', 0.01)] loss 1.6794068919089198",
  "RMSprop [('centered', True), ('momentum', 1), ('weight_decay', 1)] loss 1.1043494601413808",
  "RMSprop [('centered', False), ('momentum', 1), ('weight_decay', 1)] loss 1.1086496622410529",
  "RMSprop [('centered', False), ('momentum', 1), ('weight_decay', 0)] loss 0.7863657930658863",
  "Adadelta [('weight_decay', 0)] loss 1.6706890683263045",
];
const why = 'docs/porting.md "Deliberate differences": error messages start with the op (and numbers print as JavaScript prints them)';
const DELIBERATE: Deliberate[] = [
  ...LOSS_DRIFT.map((pytorch) => ({ pytorch, tensorgrad: '(the same loss within 1e-15)', why: 'docs/porting.md "Deliberate differences": float results', rel: 1e-15 })),
  { pytorch: 'SGD momentum ValueError Invalid momentum value: -0.5', tensorgrad: 'SGD momentum ValueError SGD: Invalid momentum value: -0.5', why },
  { pytorch: 'Adam betas ValueError Invalid beta parameter at index 0: 1.0', tensorgrad: 'Adam betas ValueError Adam: Invalid beta parameter at index 0: 1', why },
  { pytorch: 'Adam weight_decay ValueError Invalid weight_decay value: -1', tensorgrad: 'Adam weight_decay ValueError Adam: Invalid weight_decay value: -1', why },
  { pytorch: 'AdamW weight_decay ValueError Invalid weight_decay value: -1', tensorgrad: 'AdamW weight_decay ValueError AdamW: Invalid weight_decay value: -1', why },
];

describe('port: pytorch/pytorch test/test_optim.py (TestOptim, a slice)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('test_optim');
    expect(compareLines(await portLines(main), want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
