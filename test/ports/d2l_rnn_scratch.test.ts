// examples/ports/d2l_rnn_scratch.mjs, d2l's character-level RNN from scratch (one-hot inputs, a tanh RNN written
// with mm, gradient clipping, perplexity, sequential and random-restart state, greedy prediction) on the bundled
// tiny_shakespeare.txt, prints what PyTorch 1.13 printed for its twin (examples/ports/d2l_rnn_scratch.py): 30 of 30
// lines, the perplexities and 40 epochs' greedy samples included.
import { describe, expect, it } from 'vitest';
import { compareLines, expectedLines, portLines, type Deliberate } from './port_harness.js';
// @ts-expect-error: a plain ES module of the example, without type declarations
import { main } from '../../examples/ports/d2l_rnn_scratch.mjs';

const DELIBERATE: Deliberate[] = [];

describe('port: d2l-en chapter_recurrent-neural-networks/rnn-scratch.md', () => {
  it("prints PyTorch's lines", { timeout: 120_000 }, async () => {
    const want = expectedLines('d2l_rnn_scratch');
    const got = await portLines(main);
    expect(compareLines(got, want, DELIBERATE)).toBe(want.length - DELIBERATE.length);
  });
});
