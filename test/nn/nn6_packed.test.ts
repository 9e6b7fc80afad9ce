// tg.nn.utils.rnn against PyTorch 1.13 (test/fixtures/nn6_modules.json "packed", from gen_nn6.py): packing a
// padded batch (sorted or not, batchFirst), its grads, padding back with totalLength and paddingValue,
// padSequence, and RNN / LSTM / GRU over a packed batch (outputs, hN, cN, grads of every weight and sequence);
// bad input named by the function.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, type TensorJson } from '../helpers/ops_fixture.js';

type J = TensorJson;
type Case = Record<string, unknown> & { what: string };
const FIX: { packed: Case[] } = JSON.parse(readFileSync(new URL('../fixtures/nn6_modules.json', import.meta.url), 'utf8'));
const R = tg.nn.utils.rnn;
const tol = { rtol: 1e-9, atol: 1e-12 };
const exact = { rtol: 0, atol: 0 };
type Mod = InstanceType<typeof tg.nn.Module>;

describe('nn.utils.rnn packing as PyTorch 1.13', () => {
  for (const c of FIX.packed.filter((k) => k.what === 'packPadded')) {
    it(`packPaddedSequence lengths ${JSON.stringify(c.lengths)} batchFirst=${c.batchFirst} enforceSorted=${c.enforceSorted}, and back`, () => {
      const x = decode(c.input as J).requiresGrad_(true);
      const p = R.packPaddedSequence(x, c.lengths as number[], c.batchFirst as boolean, c.enforceSorted as boolean);
      expectTensor(p.data, c.data as J, exact, 'data');
      expectTensor(p.batchSizes, c.batch_sizes as J, exact, 'batchSizes');
      for (const k of ['sorted_indices', 'unsorted_indices'] as const) {
        const got = k === 'sorted_indices' ? p.sortedIndices : p.unsortedIndices;
        if (c[k] === null) expect(got).toBeNull();
        else expectTensor(got, c[k] as J, exact, k);
      }
      const [gx] = tg.autograd.grad(p.data, x, decode(c.grad_output as J));
      expectTensor(gx, c.input_grad as J, tol, 'input grad');
      const [padded, lengths] = R.padPackedSequence(p, c.batchFirst as boolean, -1, (x.shape[c.batchFirst ? 1 : 0]) + 1);
      expectTensor(padded, c.padded as J, exact, 'padded');
      expectTensor(lengths, c.padded_lengths as J, exact, 'lengths');
      const seqs = R.unpackSequence(p);
      expect(seqs.map((s) => s.shape[0])).toEqual(c.lengths);
    });
  }

  it('padSequence (time-major, and batchFirst with a padding value)', () => {
    const c = FIX.packed.find((k) => k.what === 'padSequence') as Case;
    const seqs = (c.sequences as J[]).map(decode);
    expectTensor(R.padSequence(seqs), c.padded as J, exact, 'padded');
    expectTensor(R.padSequence(seqs, { batchFirst: true, paddingValue: 0.5 }), c.padded_batch_first as J, exact, 'padded batchFirst');
    expect(R.unpadSequence(R.padSequence(seqs), [2, 4, 1]).map((s, i) => tg.equal(s, seqs[i]))).toEqual([true, true, true]);
  });

  for (const c of FIX.packed.filter((k) => k.what === 'rnn')) {
    it(`${c.cls}(${(c.args as number[]).join(', ')}) ${JSON.stringify(c.kwargs)} over an unsorted packed batch`, () => {
      const Cls = (tg.nn as unknown as Record<string, new (...a: unknown[]) => Mod>)[c.cls as string];
      const m = new Cls(...(c.args as number[]), { ...(c.kwargs as object), dtype: 'float64' });
      m.loadStateDict(Object.fromEntries(Object.entries(c.state as Record<string, J>).map(([k, t]) => [k, decode(t)])));
      const seqs = (c.sequences as J[]).map((t) => decode(t).requiresGrad_(true));
      const p = R.packSequence(seqs, false);
      const h0 = decode(c.h0 as J), c0 = c.c0 === null ? null : decode(c.c0 as J);
      const [out, hn] = m(p, c0 === null ? h0 : [h0, c0]) as [InstanceType<typeof R.PackedSequence>, Tensor | [Tensor, Tensor]];
      expect(out).toBeInstanceOf(R.PackedSequence);
      const [h, cn] = Array.isArray(hn) ? hn : [hn, null];
      expectTensor(out.data, c.data as J, tol, 'output data');
      expectTensor(out.batchSizes, c.batch_sizes as J, exact, 'batchSizes');
      expectTensor(h, c.h_n as J, tol, 'hN');
      if (cn !== null) expectTensor(cn, c.c_n as J, tol, 'cN');
      let loss = out.data.square().sum().add(h.sum().mul(0.5));
      if (cn !== null) loss = loss.add(cn.sum().mul(0.25));
      loss.backward();
      seqs.forEach((s, i) => expectTensor(s.grad, (c.seq_grads as J[])[i], tol, `grad of sequence ${i}`));
      const params = Object.fromEntries(m.namedParameters());
      for (const [k, t] of Object.entries(c.weight_grads as Record<string, J>)) expectTensor(params[k].grad, t, tol, `grad of ${k}`);
    });
  }

  it('refuses bad input naming the function', () => {
    const x = tg.zeros(3, 2, 1);
    expect(() => R.packPaddedSequence(x, [1, 2])).toThrow(/^packPaddedSequence: `lengths` array must be sorted in decreasing order/);
    expect(() => R.packPaddedSequence(x, [2, 0], false, false)).toThrow(/^packPaddedSequence: Length of all samples has to be greater than 0/);
    expect(() => R.packPaddedSequence(x, [3, 2, 1])).toThrow(/^packPaddedSequence: Expected `len\(lengths\)` to be equal to batch_size, but got 3 \(batch_size=2\) for input of shape \[3, 2, 1\]/);
    expect(() => R.packPaddedSequence(x, [4, 2])).toThrow(/^packPaddedSequence: a length 4 is longer than the input's 3 steps/);
    expect(() => R.padPackedSequence(R.packPaddedSequence(x, [3, 2]), false, 0, 2)).toThrow(/^padPackedSequence: Expected total_length to be at least/);
    expect(() => R.padSequence([tg.zeros(2, 3), tg.zeros(2, 4)])).toThrow(/^padSequence: every sequence must be \[L, 3\]/);
    expect(() => R.padPackedSequence(x as never)).toThrow(/^padPackedSequence: sequence must be a PackedSequence/);
  });
});
