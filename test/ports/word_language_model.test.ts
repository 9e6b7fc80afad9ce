// examples/ports/word_language_model.mjs, pytorch/examples word_language_model (model.py's RNNModel as LSTM, GRU with
// tied weights, RNN_TANH and RNN_RELU, and TransformerModel subclassing nn.Transformer, trained by main.py's loop
// with clip_grad_norm_ and a hand-written SGD step) on the bundled tiny_shakespeare.txt, prints what PyTorch 1.13
// printed for its twin (examples/ports/word_language_model.py): 85 of 96 lines exactly on the release build, the
// perplexities within 1e-4.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/word_language_model.mjs';

// The perplexities are exp of float32 losses printed to 8 digits: a last-bit difference of a loss (gemm and
// reduction order, docs/numerics.md), grown by 3 epochs of SGD at lr 20, moves the last digit or two, and which
// lines move depends on the build: the release build (AVX-512) differs from PyTorch on 11 of them, the sanitizer
// build (-O1, other rounding of the same sums) on another one too. So every line that prints a perplexity matches
// when its text is PyTorch's and every number is within 1e-4 of PyTorch's (so the loss within 1e-4 absolute;
// port_harness.ts); every other line must be PyTorch's exactly.
const PPL_DRIFT = (want: string[]): Deliberate[] =>
  want.filter((line) => line.includes('ppl')).map((line) => ({ pytorch: line, tensorgrad: line, why: 'float32 loss drift', rel: 1e-4, ulp: true }));

describe('port: pytorch/examples word_language_model (model.py + main.py)', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('word_language_model');
    const got = await portLines(main);
    const drift = PPL_DRIFT(want);
    expect(drift.length).toBe(50);
    expect(compareLines(got, want, drift)).toBeGreaterThanOrEqual(want.length - drift.length);
  });
});
