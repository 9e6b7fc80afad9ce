// ctcLoss (PyTorch 1.13's F.ctc_loss): the connectionist temporal classification loss of log-probabilities
// [T, N, C] (or [T, C]) against int32 targets, one CtcLossBackward0 node (row in lib/autograd/
// derivatives_loss.ts); 'mean' divides each loss by its target length, then averages (DivBackward0, MeanBackward0).
//
// Note [CTC in log space with tensor ops]: the alpha and beta recursions run over time with tensorgrad ops on
// the whole batch ([N, L] states, L = 2 max(S) + 1 extended labels), so the derivative formula, PyTorch's
// ctc_loss_backward, (exp(lp) - exp(lcab + nll - lp)) g for t < input length, is itself differentiable and
// double backward works. Unreachable states hold NEG, a large finite negative, instead of -inf: logsumexp of
// all -inf has a NaN gradient, NEG gives exact zeros. (Like PyTorch's, the grad assumes log_softmax inputs:
// its exp(lp) term vanishes through log_softmax's backward.)
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { isFloat } from '../dtype.js';
import { record, noGrad } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import * as E from './elementwise.js';
import { logsumexp, mean, sum } from './reduce.js';
import { stack, cat, reshape, unsqueeze, select, narrow } from './shape.js';
import { tensor, full } from './creation.js';
import { indexInts, isIndexTensor } from './int64.js';
import { gather } from './gather.js';
import { clampMin, type LossReduction, lossReduction } from './loss.js';

const NEG = -1e30;

/** The batch's extended labels and masks (plain data, built once per call). */
export interface CtcPlan {
  T: number;
  N: number;
  L: number;
  inLens: number[];
  /** [N, L] int32: blank, l1, blank, l2, ..., blank (padded with blank). */
  ext: Tensor;
  /** [N, L] bool: state s exists (s < 2 S_n + 1). */
  valid: Tensor;
  /** [N, L] bool: the skip from s - 2 is allowed (l'(s) != blank and l'(s) != l'(s - 2)). */
  skip: Tensor;
  /** [N, L] bool: state s is final (s >= 2 S_n - 1). */
  last: Tensor;
  /** [N, L] bool: the state s is one of the two first ones. */
  first: Tensor;
}

function plan(lp: Tensor, targets: number[][], inLens: number[], blank: number): CtcPlan {
  const [T, N] = lp.shape;
  const L = 2 * Math.max(0, ...targets.map((t) => t.length)) + 1;
  const ext: number[] = [], valid: boolean[] = [], skip: boolean[] = [], last: boolean[] = [], first: boolean[] = [];
  for (let n = 0; n < N; n++) {
    const t = targets[n], Ln = 2 * t.length + 1;
    for (let s = 0; s < L; s++) {
      const lab = s % 2 === 0 ? blank : t[(s - 1) >> 1];
      ext.push(s < Ln ? lab : blank);
      valid.push(s < Ln);
      skip.push(s < Ln && s >= 2 && s % 2 === 1 && lab !== t[(s - 3) >> 1]);
      last.push(s < Ln && s >= Ln - 2);
      first.push(s < 2 && s < Ln);
    }
  }
  const shape = [N, L];
  const b = (v: boolean[]): Tensor => tensor(v, { dtype: 'bool' }).reshape(shape);
  return { T, N, L, inLens, ext: tensor(ext, { dtype: 'int32' }).reshape(shape), valid: b(valid), skip: b(skip), last: b(last), first: b(first) };
}

/** x [N, L] shifted along the states: out[s] = x[s - k], `fill` where s - k is outside. */
function shiftStates(x: Tensor, k: number, fill: number | boolean): Tensor {
  const [N, L] = x.shape, m = Math.abs(k);
  if (m >= L) return full(x.shape, fill, { dtype: x.dtype });
  const pad = full([N, m], fill, { dtype: x.dtype });
  return k > 0 ? cat([pad, narrow(x, 1, 0, L - m)], 1) : cat([narrow(x, 1, m, L - m), pad], 1);
}

/** The log alphas [T, N, L] and the losses [N] (Note [CTC in log space with tensor ops]). */
export function ctcAlphaBeta(lp: Tensor, p: CtcPlan, withBeta: boolean): { alpha: Tensor; beta: Tensor | null; nll: Tensor } {
  const { T, N, L } = p;
  const emit = (t: number): Tensor => gather(select(lp, 0, t), 1, p.ext); // [N, L]
  const neg = E.where(p.valid, 0, NEG);
  const noSkip = E.logicalNot(p.skip);
  const alphas: Tensor[] = [];
  let a = E.where(p.first, emit(0), NEG);
  alphas.push(a);
  for (let t = 1; t < T; t++) {
    const terms = stack([a, shiftStates(a, 1, NEG), E.where(noSkip, NEG, shiftStates(a, 2, NEG))], 0);
    a = E.add(E.add(logsumexp(terms, 0), emit(t)), neg);
    alphas.push(a);
  }
  const alpha = stack(alphas, 0);
  // the loss of sample n: the final states at its last time step
  const lastIdx = tensor(p.inLens.map((v) => Math.max(v - 1, 0)), { dtype: 'int32' }).reshape([1, N, 1]).expand([1, N, L]);
  const aEnd = reshape(gather(alpha, 0, lastIdx), [N, L]);
  const nll = E.neg(logsumexp(E.where(p.last, aEnd, NEG), 1));
  if (!withBeta) return { alpha, beta: null, nll };
  const betas: Tensor[] = new Array<Tensor>(T);
  const skipNext = shiftStates(p.skip, -2, false); // skip allowed into s + 2
  let b: Tensor | null = null;
  for (let t = T - 1; t >= 0; t--) {
    const isLast = tensor(p.inLens.map((v) => v - 1 === t), { dtype: 'bool' }).reshape([N, 1]);
    const init = E.where(p.last, emit(t), NEG);
    let cur: Tensor;
    if (b === null) cur = E.where(isLast, init, NEG);
    else {
      const terms = stack([b, shiftStates(b, -1, NEG), E.where(skipNext, shiftStates(b, -2, NEG), NEG)], 0);
      const rec = E.add(E.add(logsumexp(terms, 0), emit(t)), neg);
      const before = tensor(p.inLens.map((v) => t < v - 1), { dtype: 'bool' }).reshape([N, 1]);
      cur = E.where(isLast, init, E.where(before, rec, NEG));
    }
    betas[t] = cur;
    b = cur;
  }
  return { alpha, beta: stack(betas, 0), nll };
}

/** PyTorch's ctc_loss_backward: (exp(lp) - exp(lcab + nll - lp)) g for t < input length, 0 after. */
export function ctcGrad(g: Tensor, lp: Tensor, p: CtcPlan, zeroInfinity: boolean): Tensor {
  const { T, N } = p;
  const C = lp.shape[2];
  const { alpha, beta, nll } = ctcAlphaBeta(lp, p, true);
  // lcab[t, n, c] = logsumexp over the states s with l'(s) = c of alpha + beta
  const labelOf = E.eq(unsqueeze(p.ext, 2), reshape(tensor(Array.from({ length: C }, (_, i) => i), { dtype: 'int32' }), [1, 1, C])); // [N, L, C]
  const ab = unsqueeze(E.add(alpha, beta!), 3); // [T, N, L, 1]
  const lcab = logsumexp(E.where(labelOf, ab, NEG), 2); // [T, N, C]
  const nllB = reshape(nll, [1, N, 1]);
  let r = E.sub(E.exp(lp), E.exp(E.sub(E.add(lcab, nllB), lp)));
  const inTime = tensor(Array.from({ length: T * N }, (_, i) => Math.floor(i / N) < p.inLens[i % N]), { dtype: 'bool' }).reshape([T, N, 1]);
  r = E.where(inTime, r, 0);
  if (zeroInfinity) r = E.where(reshape(E.ge(nll, -NEG / 2), [1, N, 1]), 0, r);
  return E.mul(r, reshape(g, [1, N, 1]));
}

function lengthsOf(op: string, name: string, v: unknown, n: number): number[] {
  const arr = v instanceof Tensor ? Array.from(v._data as ArrayLike<number>, Number) : Array.isArray(v) ? v : typeof v === 'number' ? [v] : null;
  if (arr === null || arr.length !== n || !arr.every((e) => typeof e === 'number' && Number.isInteger(e) && e >= 0))
    throw typeError(op, `${name} must be ${n} non-negative integers (a list or an int64 or int32 tensor), got ${describe(v)}`);
  if (v instanceof Tensor && !isIndexTensor(v)) throw typeError(op, `${name} must be an int64 or int32 tensor, got ${v.dtype}`);
  return arr as number[];
}

/**
 * Connectionist temporal classification loss over [T, N, C] log-probabilities.
 *
 * CTC loss of log-probabilities [T, N, C] ([T, C] unbatched) against int32 targets [N, S] (padded) or the
 * concatenated 1-D targets; lengths as lists or int32 tensors.
 *
 * @see torch.nn.functional.ctc_loss
 * @example
 * ```ts
 * const lp = tg.randn(5, 1, 3).logSoftmax(2)
 * const loss = tg.nn.functional.ctcLoss(lp, tg.tensor([[1, 2]], { dtype: 'int32' }), [5], [2])
 * loss.ndim // => 0
 * ```
 */
export const ctcLoss = kw(signature('nn.functional.ctcLoss', 'logProbs, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity'), function ctcLoss(
  logProbs: Tensor, targets: Tensor, inputLengths: number[] | number | Tensor, targetLengths: number[] | number | Tensor, blankArg?: number | { blank?: number; reduction?: LossReduction; zeroInfinity?: boolean },
  reductionArg?: LossReduction, zeroInfinity?: boolean): Tensor {
  const op = 'ctcLoss';
  checkTensor(op, logProbs, 'logProbs');
  checkTensor(op, targets, 'targets');
  if (!isFloat(logProbs.dtype)) throw typeError(op, `expected floating point logProbs, got ${logProbs.dtype}`);
  if (!isIndexTensor(targets)) throw typeError(op, `expected int64 or int32 targets, got ${targets.dtype}`);
  const reduction = lossReduction(op, undefined, undefined, reductionArg);
  const blank = blankArg ?? 0;
  const batched = logProbs.ndim === 3;
  if (!batched && logProbs.ndim !== 2) throw rangeError(op, `expected logProbs of shape [T, N, C] or [T, C], got ${fmtShape(logProbs.shape)}`);
  const lp = batched ? logProbs : unsqueeze(logProbs, 1);
  const [T, N, C] = lp.shape;
  if (typeof blank !== 'number' || !Number.isInteger(blank) || blank < 0 || blank >= C) throw rangeError(op, `blank must be in label range [0, ${C}), got ${describe(blank)}`);
  const inLens = lengthsOf(op, 'inputLengths', inputLengths, N);
  const tgLens = lengthsOf(op, 'targetLengths', targetLengths, N);
  for (const v of inLens) if (v > T) throw rangeError(op, `Expected input_lengths to have value at most ${T}, but got value ${v} (logProbs of shape ${fmtShape(logProbs.shape)})`);
  const tv = Array.from(indexInts(op, targets, 'targets'));
  const rows: number[][] = [];
  if (batched && targets.ndim === 2) {
    if (targets.shape[0] !== N) throw rangeError(op, `targets of shape ${fmtShape(targets.shape)} do not match the batch size ${N} of logProbs ${fmtShape(logProbs.shape)}`);
    const S = targets.shape[1];
    tgLens.forEach((len, n) => {
      if (len > S) throw rangeError(op, `Expected tensor to have size at least ${len} at dimension 1, but got size ${S} for targets of shape ${fmtShape(targets.shape)}`);
      rows.push(tv.slice(n * S, n * S + len));
    });
  } else if (targets.ndim <= 1) {
    const total = tgLens.reduce((x, y) => x + y, 0);
    if (targets.numel() < total) throw rangeError(op, `targets of shape ${fmtShape(targets.shape)} hold fewer than the ${total} labels of targetLengths`);
    let o = 0;
    for (const len of tgLens) {
      rows.push(tv.slice(o, o + len));
      o += len;
    }
  } else throw rangeError(op, `expected targets of shape [N, S] or [sum(targetLengths)], got ${fmtShape(targets.shape)}`);
  for (const r of rows) for (const y of r) if (y < 0 || y >= C || y === blank) throw rangeError(op, `target label ${y} out of range or blank (${C} classes, blank ${blank}), targets of shape ${fmtShape(targets.shape)}`);
  const p = plan(lp, rows, inLens, blank);
  const zi = zeroInfinity === true;
  const nll = noGrad(() => {
    const raw = ctcAlphaBeta(lp, p, false).nll;
    return E.where(E.ge(raw, -NEG / 2), Infinity, raw); // no alignment fits: inf, as PyTorch
  });
  let out = record('lossCtc', [lp], nll, () => ({ self: lp, plan: p, zeroInfinity: zi }));
  if (zi) out = E.where(E.eq(out, Infinity), 0, out);
  if (!batched) out = reshape(out, []);
  if (reduction === 'none') return out;
  if (reduction === 'sum') return sum(out);
  const lens = tensor(tgLens, { dtype: logProbs.dtype });
  return mean(E.div(out, batched ? clampMin(lens, 1) : reshape(clampMin(lens, 1), [])));
});
