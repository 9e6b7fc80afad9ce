// A ported program: the bigram character model of Karpathy's makemore lecture (part 1), line by line from its
// PyTorch twin test/fixtures/gen/gen_bigram.py, compared with what PyTorch 1.13 computed (bigram.json).
// It leans on indexing: counts with N[ix1, ix2] += 1 (a 0-d view written in place), P[ix1, ix2], W[xs] and
// probs[arange(n), ys] (advanced indexing with grads), W.data += ... (a write through .data).
// Index tensors are int32 here (tensorgrad has no int64 yet); PyTorch's twin uses int64 via .long().
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const FIX = JSON.parse(readFileSync(join(__dirname, '../fixtures/bigram.json'), 'utf8'));
const words: string[] = FIX.words;

function near(a: number[] | number[][], b: number[] | number[][], tol: number, what: string): void {
  const fa = (a as unknown[]).flat() as number[], fb = (b as unknown[]).flat() as number[];
  expect(fa.length, what).toBe(fb.length);
  fa.forEach((x, i) => expect(Math.abs(x - fb[i]), `${what}[${i}]: ${x} vs ${fb[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(fb[i]))));
}

describe('bigram model (makemore part 1) ported line by line', () => {
  const chars = [...new Set(words.join(''))].sort();
  const stoi: Record<string, number> = Object.fromEntries(chars.map((s, i) => [s, i + 1]));
  stoi['.'] = 0;
  const V = Object.keys(stoi).length;

  it('counting: N[ix1, ix2] += 1, P /= P.sum(1, keepdim), the negative log likelihood', () => {
    expect(V).toBe(FIX.vocab);
    const N = tg.zeros([V, V], { dtype: 'int32' });
    for (const w of words) {
      const chs = ['.', ...w, '.'];
      for (let k = 0; k + 1 < chs.length; k++) N.index([stoi[chs[k]], stoi[chs[k + 1]]]).add_(1);
    }
    expect(N.index(0).tolist()).toEqual(FIX.N_row0);
    expect(N.sum().item()).toBe(FIX.N_total);
    const P = N.add(1).float();
    P.div_(P.sum(1, true));
    near(P.index(5).tolist() as number[], FIX.P_row5, 1e-6, 'P[5]');
    expect(String(P.index([0, tg.slice(null, 6)]))).toBe(FIX.printed_P_row0);
    let logLikelihood = tg.tensor(0);
    let n = 0;
    for (const w of words) {
      const chs = ['.', ...w, '.'];
      for (let k = 0; k + 1 < chs.length; k++) {
        logLikelihood = logLikelihood.add(tg.log(P.index([stoi[chs[k]], stoi[chs[k + 1]]])));
        n++;
      }
    }
    const nll = logLikelihood.neg().div(n);
    expect(n).toBe(FIX.n);
    near([nll.item() as number], [FIX.nll], 1e-5, 'nll');
  });

  it('neural net: W[xs], probs[arange(num), ys], loss.backward(), W.data += -50 * W.grad', () => {
    const xsList: number[] = [], ysList: number[] = [];
    for (const w of words) {
      const chs = ['.', ...w, '.'];
      for (let k = 0; k + 1 < chs.length; k++) {
        xsList.push(stoi[chs[k]]);
        ysList.push(stoi[chs[k + 1]]);
      }
    }
    const xs = tg.tensor(xsList, { dtype: 'int32' }), ys = tg.tensor(ysList, { dtype: 'int32' });
    const num = xs.numel();
    expect(num).toBe(FIX.num);
    // PyTorch: arange(V * V) % 7 / 7 - 0.5 (the % here in JS until remainder lands: issue 15)
    const W = tg.tensor(Array.from({ length: V * V }, (_, i) => i % 7), { dtype: 'float32' }).reshape([V, V]).div(7).sub(0.5).requiresGrad_();
    const losses: number[] = [];
    let firstGrad: Tensor | null = null;
    let loss: Tensor | null = null;
    for (let k = 0; k < 10; k++) {
      const logits = W.index(xs);
      const counts = logits.exp();
      const probs = counts.div(counts.sum(1, true));
      loss = probs.index([tg.arange(num, { dtype: 'int32' }), ys]).log().mean().neg().add(W.pow(2).mean().mul(0.01));
      losses.push(loss.item() as number);
      W.grad = null;
      loss.backward();
      if (firstGrad === null) firstGrad = W.grad!.clone();
      W.data.add_(W.grad!.mul(-50));
    }
    near(losses, FIX.losses, 2e-5, 'losses');
    near(firstGrad!.narrow(0, 0, 3).tolist() as number[][], FIX.first_grad_rows, 2e-4, 'first grad');
    near(W.index(1).tolist() as number[], FIX.W_final_row1, 1e-4, 'W[1] after 10 steps');
    expect(loss!.gradFn!.name).toBe(FIX.loss_grad_fn);
  });
});
