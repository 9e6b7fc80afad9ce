// RNNBase's public checks and helpers (lib/nn/rnn_checks.ts) against PyTorch 1.13 (test/fixtures/nnmisc.json's
// rnn_checks, from test/fixtures/gen/gen_nnmisc.py): expected hidden and cell sizes, PyTorch's messages, permuteHidden.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

const R = JSON.parse(readFileSync(new URL('../fixtures/nnmisc.json', import.meta.url), 'utf8')).rnn_checks;
const esc = (s: string): RegExp => new RegExp(`^(LSTM|GRU): ${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('RNNBase checks as PyTorch 1.13', () => {
  const lstm = new tg.nn.LSTM(3, 4, 2), gru = new tg.nn.GRU(3, 4, { batchFirst: true, bidirectional: true }), lstmp = new tg.nn.LSTM(3, 4, { projSize: 2 });
  const x3 = tg.ones(5, 2, 3);
  it('expected hidden and cell sizes', () => {
    expect(lstm.getExpectedHiddenSize(x3, null)).toEqual(R.lstm_hidden);
    expect(lstm.getExpectedCellSize(x3, null)).toEqual(R.lstm_cell);
    expect(gru.getExpectedHiddenSize(x3, null)).toEqual(R.gru_hidden);
    expect(gru.getExpectedHiddenSize(tg.ones(7, 3), tg.tensor([3, 2, 2], { dtype: 'int64' }))).toEqual(R.gru_hidden_packed);
    expect(lstmp.getExpectedHiddenSize(x3, null)).toEqual(R.lstmp_hidden);
    expect(lstmp.getExpectedCellSize(x3, null)).toEqual(R.lstmp_cell);
  });
  it("PyTorch's messages, named by the module", () => {
    expect(() => lstm.checkInput(tg.ones(5, 3), null)).toThrow(esc(R.err_rank));
    expect(() => lstm.checkInput(tg.ones(5, 2, 3), tg.tensor([2, 2], { dtype: 'int64' }))).toThrow(esc(R.err_rank_packed));
    expect(() => lstm.checkInput(tg.ones(5, 2, 4), null)).toThrow(esc(R.err_size));
    expect(() => lstm.checkHiddenSize(tg.ones(2, 2, 5), [2, 2, 4])).toThrow(esc(R.err_hidden));
    expect(() => lstm.checkForwardArgs(x3, [tg.ones(2, 2, 5), tg.ones(2, 2, 4)], null)).toThrow(esc(R.err_lstm_h));
    expect(() => lstm.checkForwardArgs(x3, [tg.ones(2, 2, 4), tg.ones(2, 2, 5)], null)).toThrow(esc(R.err_lstm_c));
    expect(() => gru.checkForwardArgs(x3, tg.ones(2, 3, 4), null)).toThrow(esc(R.err_gru));
    expect(R.ok_gru).toBeNull();
    expect(() => gru.checkForwardArgs(x3, tg.ones(2, 5, 4), null)).not.toThrow();
  });
  it('permuteHidden, flattenParameters', () => {
    expect(gru.permuteHidden(tg.arange(6).reshape(1, 3, 2), tg.tensor([2, 0, 1], { dtype: 'int64' })).flatten().tolist()).toEqual(R.permuted);
    const h = tg.ones(1, 2, 4);
    expect(gru.permuteHidden(h, null)).toBe(h);
    const [a, b] = lstm.permuteHidden([tg.arange(4).reshape(1, 2, 2), tg.arange(4).reshape(1, 2, 2)], tg.tensor([1, 0], { dtype: 'int64' }));
    expect([a.flatten().tolist(), b.flatten().tolist()]).toEqual([[2, 3, 0, 1], [2, 3, 0, 1]]);
    expect(lstm.flattenParameters()).toBeUndefined();
  });
});
