// tg.nn.utils.rnn: PyTorch 1.13's torch.nn.utils.rnn (PackedSequence, packPaddedSequence, padPackedSequence,
// padSequence, packSequence, unpackSequence, unpadSequence) and the packed forward of RNN / LSTM / GRU.
//
// Note [Packed sequences]: a PackedSequence holds the steps of a batch of variable-length sequences, sorted by
// length (longest first), time-major: data[offset(t) + b] is step t of the b-th longest sequence, and
// batchSizes[t] counts the sequences longer than t. sortedIndices maps sorted position -> original batch index
// (null when the batch came sorted), unsortedIndices is its inverse. The values are built of recording ops
// (narrow, cat, stack, indexSelect), so grads flow back to the padded input.
import { Tensor, checkTensor } from '../../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../../errors.js';
import { kw, signature, declareConstructor, parseArgs } from '../../kwargs.js';
import { full, tensor } from '../../ops/creation.js';
import { cat, narrow, stack, transpose, select, unbind } from '../../ops/shape.js';
import { indexSelect } from '../../ops/gather.js';
import { indexValues } from '../../ops/int64.js';

const PACKED_SIG = signature('nn.utils.rnn.PackedSequence', 'data, batchSizes, sortedIndices, unsortedIndices');
const long = (v: number[]): Tensor => tensor(v, { dtype: 'int64' });
const numbers = (op: string, t: Tensor): number[] => Array.from(indexValues(op, t, 'lengths'), Number);

/**
 * A batch of variable-length sequences packed time-major (Note [Packed sequences]), as RNN, LSTM and GRU take.
 *
 * @see torch.nn.utils.rnn.PackedSequence
 * @example
 * ```ts
 * const p = tg.nn.utils.rnn.packSequence([tg.tensor([1, 2, 3]), tg.tensor([4, 5])])
 * p.data // tensor([1., 4., 2., 5., 3.])
 * p.batchSizes // tensor([2, 2, 1])
 * ```
 */
export class PackedSequence {
  readonly data: Tensor;
  readonly batchSizes: Tensor;
  readonly sortedIndices: Tensor | null;
  readonly unsortedIndices: Tensor | null;

  constructor(data: Tensor, batchSizes?: Tensor, sortedIndices?: Tensor | null, unsortedIndices?: Tensor | null) {
    [data, batchSizes, sortedIndices, unsortedIndices] = parseArgs(PACKED_SIG, arguments) as [Tensor, Tensor, (Tensor | null)?, (Tensor | null)?];
    const op = 'PackedSequence';
    checkTensor(op, data, 'data');
    checkTensor(op, batchSizes, 'batchSizes');
    this.data = data;
    this.batchSizes = batchSizes;
    this.sortedIndices = sortedIndices ?? null;
    this.unsortedIndices = unsortedIndices ?? (sortedIndices ? invert(sortedIndices) : null);
  }

  /** The batch sizes as numbers. */
  get sizes(): number[] {
    return numbers('PackedSequence', this.batchSizes);
  }
}
declareConstructor(PackedSequence, PACKED_SIG);

function invert(perm: Tensor): Tensor {
  const p = numbers('PackedSequence', perm), inv = new Array<number>(p.length);
  p.forEach((v, i) => (inv[v] = i));
  return long(inv);
}

/** Lengths (sorted descending) -> batch sizes per step. */
function batchSizesOf(lengths: number[]): number[] {
  const T = lengths.length === 0 ? 0 : lengths[0];
  return Array.from({ length: T }, (_, t) => lengths.filter((l) => l > t).length);
}

/**
 * Packs a padded batch [T, B, *] ([B, T, *] with batchFirst) of sequences with the given lengths.
 *
 * With enforceSorted (the default) lengths must be decreasing; otherwise the batch is sorted first and the
 * permutation kept in sortedIndices / unsortedIndices.
 *
 * @see torch.nn.utils.rnn.pack_padded_sequence
 * @example
 * ```ts
 * const x = tg.tensor([[1, 4], [2, 5], [3, 0]])
 * tg.nn.utils.rnn.packPaddedSequence(x, [3, 2]).data // tensor([1., 4., 2., 5., 3.])
 * ```
 */
export const packPaddedSequence = kw(signature('nn.utils.rnn.packPaddedSequence', 'input, lengths, batchFirst, enforceSorted'), function packPaddedSequence(
  input: Tensor, lengths: Tensor | number[], batchFirst = false, enforceSorted = true): PackedSequence {
  const op = 'packPaddedSequence';
  checkTensor(op, input, 'input');
  const lens = lengths instanceof Tensor ? numbers(op, lengths) : Array.isArray(lengths) && lengths.every((l) => Number.isInteger(l)) ? lengths.slice() : null;
  if (lens === null) throw typeError(op, `lengths must be a list of integers or an integer tensor, got ${describe(lengths)}`);
  if (input.ndim < 2) throw rangeError(op, `expected a padded input of at least 2 dims, got ${fmtShape(input.shape)}`);
  let x = batchFirst ? transpose(input, 0, 1) : input;
  const [T, B] = x.shape;
  if (lens.length !== B) throw rangeError(op, `Expected \`len(lengths)\` to be equal to batch_size, but got ${lens.length} (batch_size=${B}) for input of shape ${fmtShape(input.shape)}`);
  let sorted: Tensor | null = null;
  if (enforceSorted) {
    if (lens.some((l, i) => i > 0 && l > lens[i - 1]))
      throw rangeError(op, '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.');
  } else {
    const order = lens.map((_, i) => i).sort((a, b) => lens[b] - lens[a] || a - b);
    sorted = long(order);
    x = indexSelect(x, 1, sorted);
    const l2 = order.map((i) => lens[i]);
    lens.splice(0, lens.length, ...l2);
  }
  if (lens.length > 0 && lens[lens.length - 1] <= 0)
    throw rangeError(op, "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  if (lens.length > 0 && lens[0] > T) throw rangeError(op, `a length ${lens[0]} is longer than the input's ${T} steps (input of shape ${fmtShape(input.shape)})`);
  const bs = batchSizesOf(lens);
  const data = bs.length === 0 ? narrow(select(x, 0, 0), 0, 0, 0) : cat(bs.map((b, t) => narrow(select(x, 0, t), 0, 0, b)), 0);
  return new PackedSequence(data, long(bs), sorted);
});

/**
 * Unpacks a PackedSequence into a padded batch: returns [padded [T, B, *] ([B, T, *] with batchFirst), lengths].
 *
 * Steps past a sequence's length hold paddingValue; totalLength pads T up to that many steps.
 *
 * @see torch.nn.utils.rnn.pad_packed_sequence
 * @example
 * ```ts
 * const p = tg.nn.utils.rnn.packSequence([tg.tensor([1, 2, 3]), tg.tensor([4, 5])])
 * const [padded, lengths] = tg.nn.utils.rnn.padPackedSequence(p, { batchFirst: true })
 * padded // tensor([[1., 2., 3.], [4., 5., 0.]])
 * lengths // tensor([3, 2])
 * ```
 */
export const padPackedSequence = kw(signature('nn.utils.rnn.padPackedSequence', 'sequence, batchFirst, paddingValue, totalLength'), function padPackedSequence(
  sequence: PackedSequence, batchFirst = false, paddingValue = 0, totalLength: number | null = null): [Tensor, Tensor] {
  const op = 'padPackedSequence';
  if (!(sequence instanceof PackedSequence)) throw typeError(op, `sequence must be a PackedSequence, got ${describe(sequence)}`);
  const bs = sequence.sizes, data = sequence.data, T = bs.length, B = T === 0 ? 0 : bs[0];
  const feat = data.shape.slice(1);
  const steps = totalLength ?? T;
  if (!Number.isInteger(steps) || steps < T)
    throw rangeError(op, `Expected total_length to be at least the length of the longest sequence in the input, but got total_length=${totalLength} and max sequence length being ${T}`);
  const pad = (n: number): Tensor => full([n, ...feat], paddingValue, { dtype: data.dtype });
  const rows: Tensor[] = [];
  for (let t = 0, off = 0; t < steps; t++) {
    const b = t < T ? bs[t] : 0;
    const row = narrow(data, 0, off, b);
    rows.push(b === B ? row : cat([row, pad(B - b)], 0));
    off += b;
  }
  let padded = stack(rows, 0);
  const lens = Array.from({ length: B }, (_, i) => bs.filter((b) => b > i).length);
  let lengths = long(lens);
  if (sequence.unsortedIndices !== null) {
    padded = indexSelect(padded, 1, sequence.unsortedIndices);
    lengths = indexSelect(lengths, 0, sequence.unsortedIndices);
  }
  return [batchFirst ? transpose(padded, 0, 1) : padded, lengths];
});

/**
 * Pads a list of tensors [L_i, *] to one [maxL, B, *] ([B, maxL, *] with batchFirst) with paddingValue.
 *
 * @see torch.nn.utils.rnn.pad_sequence
 * @example
 * ```ts
 * tg.nn.utils.rnn.padSequence([tg.tensor([1, 2, 3]), tg.tensor([4])], { batchFirst: true })
 * // tensor([[1., 2., 3.],
 * //         [4., 0., 0.]])
 * ```
 */
export const padSequence = kw(signature('nn.utils.rnn.padSequence', 'sequences, batchFirst, paddingValue'), function padSequence(
  sequences: Tensor[] | Tensor, batchFirst = false, paddingValue = 0): Tensor {
  const op = 'padSequence';
  const seqs = sequences instanceof Tensor ? unbind(sequences, 0) : sequences;
  if (!Array.isArray(seqs) || seqs.length === 0) throw typeError(op, `sequences must be a non-empty list of tensors, got ${describe(sequences)}`);
  seqs.forEach((s, i) => checkTensor(op, s, `sequences[${i}]`));
  const trailing = seqs[0].shape.slice(1);
  for (const s of seqs)
    if (s.ndim === 0 || s.shape.slice(1).join() !== trailing.join() || s.dtype !== seqs[0].dtype)
      throw rangeError(op, `every sequence must be [L, ${trailing.join(', ')}] of dtype ${seqs[0].dtype}, got ${fmtShape(s.shape)} (${s.dtype})`);
  const maxL = Math.max(...seqs.map((s) => s.shape[0]));
  const padded = seqs.map((s) => (s.shape[0] === maxL ? s : cat([s, full([maxL - s.shape[0], ...trailing], paddingValue, { dtype: s.dtype })], 0)));
  return stack(padded, batchFirst ? 0 : 1);
});

/**
 * Packs a list of tensors [L_i, *] (longest first unless enforceSorted is false).
 *
 * @see torch.nn.utils.rnn.pack_sequence
 * @example
 * ```ts
 * tg.nn.utils.rnn.packSequence([tg.tensor([1]), tg.tensor([2, 3])], false).batchSizes // tensor([2, 1])
 * ```
 */
export const packSequence = kw(signature('nn.utils.rnn.packSequence', 'sequences, enforceSorted'), function packSequence(
  sequences: Tensor[], enforceSorted = true): PackedSequence {
  if (!Array.isArray(sequences)) throw typeError('packSequence', `sequences must be a list of tensors, got ${describe(sequences)}`);
  sequences.forEach((s, i) => checkTensor('packSequence', s, `sequences[${i}]`));
  return packPaddedSequence(padSequence(sequences), sequences.map((s) => s.shape[0]), false, enforceSorted);
});

/**
 * The list of sequences a PackedSequence holds, in the original batch order.
 *
 * @see torch.nn.utils.rnn.unpack_sequence
 * @example
 * ```ts
 * const p = tg.nn.utils.rnn.packSequence([tg.tensor([1]), tg.tensor([2, 3])], false)
 * tg.nn.utils.rnn.unpackSequence(p) // [tensor([1.]), tensor([2., 3.])]
 * ```
 */
export const unpackSequence = kw(signature('nn.utils.rnn.unpackSequence', 'packedSequences'), function unpackSequence(packedSequences: PackedSequence): Tensor[] {
  const [padded, lengths] = padPackedSequence(packedSequences, true);
  return unpadSequence(padded, lengths, true);
});

/**
 * The list of sequences of a padded batch, each cut to its length.
 *
 * @see torch.nn.utils.rnn.unpad_sequence
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 0]])
 * tg.nn.utils.rnn.unpadSequence(x, tg.tensor([2, 1], { dtype: 'int64' })) // [tensor([1., 3.]), tensor([2.])]
 * ```
 */
export const unpadSequence = kw(signature('nn.utils.rnn.unpadSequence', 'paddedSequences, lengths, batchFirst'), function unpadSequence(
  paddedSequences: Tensor, lengths: Tensor | number[], batchFirst = false): Tensor[] {
  const op = 'unpadSequence';
  checkTensor(op, paddedSequences, 'paddedSequences');
  const lens = lengths instanceof Tensor ? numbers(op, lengths) : lengths;
  const x = batchFirst ? paddedSequences : transpose(paddedSequences, 0, 1);
  if (lens.length !== x.shape[0]) throw rangeError(op, `expected ${x.shape[0]} lengths for a batch of shape ${fmtShape(paddedSequences.shape)}, got ${lens.length}`);
  return lens.map((l, i) => narrow(select(x, 0, i), 0, 0, l));
});

/** What the packed forward needs of an RNN module: its padded run (RNNBase._run) and its state shapes. */
export interface PackedRunner {
  _run(input: Tensor, h0: Tensor | null, c0: Tensor | null): [Tensor, Tensor, Tensor | null];
  readonly batchFirst: boolean;
}

/**
 * RNN / LSTM / GRU over a PackedSequence: each group of sequences of one length runs as one padded batch
 * (so no step sees padding, and hN is each sequence's last step), the outputs are packed again in the input's
 * order and hN / cN come back in the original batch order (PyTorch permutes hx by sortedIndices on the way in).
 */
export function packedForward(m: PackedRunner, input: PackedSequence, h0: Tensor | null, c0: Tensor | null): [PackedSequence, Tensor, Tensor | null] {
  const bs = input.sizes, B = bs.length === 0 ? 0 : bs[0];
  const lens = Array.from({ length: B }, (_, i) => bs.filter((b) => b > i).length);
  const perm = input.sortedIndices;
  const sortH = (h: Tensor | null): Tensor | null => (h === null || perm === null ? h : indexSelect(h, 1, perm));
  const hs = sortH(h0), cs = sortH(c0);
  // the padded batch, time-major, sorted (Note [Packed sequences])
  const [padded] = padPackedSequence(new PackedSequence(input.data, input.batchSizes), false);
  const outs: Tensor[] = [], hN: Tensor[] = [], cN: Tensor[] = [];
  // the module reads its batchFirst layout: hand it that layout and take its output back time-major
  const layout = (t: Tensor): Tensor => (m.batchFirst ? transpose(t, 0, 1) : t);
  for (let start = 0; start < B;) {
    let end = start;
    while (end < B && lens[end] === lens[start]) end++;
    const L = lens[start], g = end - start;
    const x = narrow(narrow(padded, 1, start, g), 0, 0, L);
    const [o0, h, c] = m._run(layout(x), hs === null ? null : narrow(hs, 1, start, g), cs === null ? null : narrow(cs, 1, start, g));
    const o = layout(o0), rest = padded.shape[0] - L;
    outs.push(rest === 0 ? o : cat([o, full([rest, g, o.shape[2]], 0, { dtype: o.dtype })], 0));
    hN.push(h);
    if (c !== null) cN.push(c);
    start = end;
  }
  const out = packPaddedSequence(cat(outs, 1), lens, false, true);
  const unsort = (h: Tensor): Tensor => (input.unsortedIndices === null ? h : indexSelect(h, 1, input.unsortedIndices));
  return [new PackedSequence(out.data, input.batchSizes, input.sortedIndices, input.unsortedIndices), unsort(cat(hN, 1)), cN.length > 0 ? unsort(cat(cN, 1)) : null];
}

/**
 * PyTorch 1.13's torch.nn.utils.rnn: PackedSequence and the pack / pad helpers.
 *
 * @see torch.nn.utils.rnn
 * @example
 * ```ts
 * const p = tg.nn.utils.rnn.packSequence([tg.ones(3, 2), tg.ones(1, 2)])
 * const [out, hN] = new tg.nn.GRU(2, 4)(p)
 * out instanceof tg.nn.utils.rnn.PackedSequence // => true
 * ```
 */
export const rnn = { PackedSequence, packPaddedSequence, padPackedSequence, padSequence, packSequence, unpackSequence, unpadSequence };
