// examples/ports/sequence_models.mjs, the LSTM sequence-models tutorial (nn.LSTM stepped and whole,
// an Embedding + LSTM + Linear tagger trained 300 epochs with NLLLoss and SGD) prints what PyTorch 1.13 printed
// for its twin (examples/ports/sequence_models.py).
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/sequence_models.mjs';

describe('port: pytorch/tutorials nlp/sequence_models_tutorial.py', () => {
  it("prints PyTorch's lines", async () => {
    const want = expectedLines('sequence_models');
    const deliberate = [{
      // out[2, 0, 1] is 1.0475770977791399e-4 in PyTorch and 1.0475300223333761e-4 here: a value that cancels
      // (gate sums of magnitude ~0.1-1), 4.7e-9 apart, below one float32 ulp of the sums it comes from.
      pytorch: '        [[-8.8286e-03,  1.0476e-04,  2.5716e-01]],',
      tensorgrad: '        [[-8.8286e-03,  1.0475e-04,  2.5716e-01]],',
      why: 'docs/porting.md "Deliberate differences": float32 results may differ from PyTorch\'s in the last bit',
      ulp: true,
    }];
    const same = compareLines(await portLines(main), want, deliberate);
    expect(same).toBeGreaterThanOrEqual(want.length - deliberate.length);
  });
});
