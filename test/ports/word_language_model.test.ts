// examples/ports/word_language_model.mjs, pytorch/examples word_language_model (model.py's RNNModel as LSTM, GRU with
// tied weights, RNN_TANH and RNN_RELU, and TransformerModel subclassing nn.Transformer, trained by main.py's loop
// with clip_grad_norm_ and a hand-written SGD step) on the bundled tiny_shakespeare.txt, prints what PyTorch 1.13
// printed for its twin (examples/ports/word_language_model.py): 85 of 96 lines exactly, the rest within 1e-5.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/word_language_model.mjs';

// The perplexities are exp of float32 losses printed to 8 digits: a last-bit difference of a loss (gemm and
// reduction order, docs/numerics.md), grown by 3 epochs of SGD at lr 20, moves the last digit or two; each such
// line matches when its text is PyTorch's and every number is within 1e-5 of PyTorch's (port_harness.ts).
const DELIBERATE: Deliberate[] = [
  { pytorch: '| epoch   1 |     1/    2 batches | lr 20.00 | loss  9.46 | ppl 12876.53', tensorgrad: '| epoch   1 |     1/    2 batches | lr 20.00 | loss  9.46 | ppl 12876.54', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   3 |     1/    2 batches | lr 5.00 | loss  9.69 | ppl 16113.87', tensorgrad: '| epoch   3 |     1/    2 batches | lr 5.00 | loss  9.69 | ppl 16113.88', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   1 |     1/    2 batches | lr 20.00 | loss  9.52 | ppl 13636.84', tensorgrad: '| epoch   1 |     1/    2 batches | lr 20.00 | loss  9.52 | ppl 13636.83', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   1 |     2/    2 batches | lr 20.00 | loss  6.99 | ppl  1085.53', tensorgrad: '| epoch   1 |     2/    2 batches | lr 20.00 | loss  6.99 | ppl  1085.54', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   2 |     1/    2 batches | lr 20.00 | loss 10.31 | ppl 29899.01', tensorgrad: '| epoch   2 |     1/    2 batches | lr 20.00 | loss 10.31 | ppl 29898.95', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   2 |     2/    2 batches | lr 20.00 | loss  8.56 | ppl  5221.59', tensorgrad: '| epoch   2 |     2/    2 batches | lr 20.00 | loss  8.56 | ppl  5221.61', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   3 |     1/    2 batches | lr 5.00 | loss 11.93 | ppl 151926.17', tensorgrad: '| epoch   3 |     1/    2 batches | lr 5.00 | loss 11.93 | ppl 151925.37', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| end of epoch   3 | valid loss  5.41 | valid ppl   224.13', tensorgrad: '| end of epoch   3 | valid loss  5.41 | valid ppl   224.14', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   2 |     1/    2 batches | lr 20.00 | loss  9.06 | ppl  8585.58', tensorgrad: '| epoch   2 |     1/    2 batches | lr 20.00 | loss  9.06 | ppl  8585.57', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   1 |     1/    2 batches | lr 5.00 | loss  9.52 | ppl 13616.73', tensorgrad: '| epoch   1 |     1/    2 batches | lr 5.00 | loss  9.52 | ppl 13616.72', why: 'float32 loss drift', rel: 1e-5, ulp: true },
  { pytorch: '| epoch   2 |     1/    2 batches | lr 5.00 | loss 11.97 | ppl 157589.77', tensorgrad: '| epoch   2 |     1/    2 batches | lr 5.00 | loss 11.97 | ppl 157589.70', why: 'float32 loss drift', rel: 1e-5, ulp: true },
];

describe('port: pytorch/examples word_language_model (model.py + main.py)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('word_language_model');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBeGreaterThanOrEqual(want.length - DELIBERATE.length);
  });
});
