// F.pad with PyTorch 1.13's semantics: modes constant (ConstantPadNdBackward0; negative pads crop), reflect
// and replicate (ReflectionPad{1,2,3}DBackward0 / ReplicationPad{1,2,3}DBackward0) and circular (CopySlices,
// as PyTorch's copy-into-slices implementation shows). The pad list runs from the last dim backwards.
import { Tensor, checkTensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape } from '../errors.js';
import { record, noGrad, type RowName } from '../autograd/record.js';
import { kw, signature } from '../kwargs.js';
import { native } from '../native.js';
import { contiguousStrides } from '../shape.js';
import { outData, fillData } from '../storage.js';
import { wrap, tensor } from './creation.js';
import { indexSelect, indexAdd } from './gather.js';
import * as C from './creation.js';

const MODES = ['constant', 'reflect', 'replicate', 'circular'] as const;
type Mode = (typeof MODES)[number];

/** Per padded dim (innermost first in the pad list): [dim, left, right]. */
function padDims(x: Tensor, pad: number[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < pad.length / 2; i++) out.push([x.ndim - 1 - i, pad[2 * i], pad[2 * i + 1]]);
  return out;
}

/** constant_pad_nd: value outside, x inside; negative pads crop. */
function constantPad(x: Tensor, pad: number[], value: number): Tensor {
  const op = 'pad';
  const shape = x.shape.slice(), dims = padDims(x, pad);
  for (const [d, l, r] of dims) {
    shape[d] = x.shape[d] + l + r;
    if (shape[d] < 0)
      throw rangeError(op, `The input size ${x.shape[d]}, plus negative padding ${l} and ${r} resulted in a negative output size, which is invalid. Check dimension ${d} of your input (of size ${fmtShape(x.shape)}).`);
  }
  const n = shape.reduce((a, c) => a * c, 1);
  const data = outData(x.dtype, n);
  fillData(data, x.dtype === 'bool' ? Number(Boolean(value)) : value);
  const dst = contiguousStrides(shape), src = contiguousStrides(x.shape);
  const len = x.shape.slice();
  let dOff = 0, sOff = 0;
  for (const [d, l, r] of dims) {
    const from = Math.max(0, -l), to = Math.min(x.shape[d], x.shape[d] + r);
    len[d] = Math.max(0, to - from);
    sOff += from * src[d];
    dOff += (from + l) * dst[d];
  }
  if (len.every((v) => v > 0) && n > 0) native.stridedCopy(data, dOff, dst, x._data, sOff, src, len);
  const out = wrap(data, shape, x.dtype);
  return record('constantPadNd', [x], out, () => ({ pad }));
}

/** The source index of each output position along a dim of size n padded by l and r. */
function sourceIndex(mode: Mode, n: number, l: number, r: number): Int32Array {
  const idx = new Int32Array(n + l + r);
  for (let j = 0; j < idx.length; j++) {
    let i = j - l;
    if (mode === 'reflect') {
      const period = 2 * (n - 1);
      i = period === 0 ? 0 : Math.abs(((i % period) + period) % period);
      if (i >= n) i = period - i;
    } else if (mode === 'replicate') i = Math.min(n - 1, Math.max(0, i));
    else i = ((i % n) + n) % n;
    idx[j] = i;
  }
  return idx;
}

export interface IndexPadSaved {
  shape: number[];
  dims: [number, number, number][];
  index: Tensor[];
}

/** reflect / replicate / circular: one gather along each padded dim. */
function indexPad(x: Tensor, pad: number[], mode: Mode): Tensor {
  const op = 'pad';
  const dims = padDims(x, pad);
  for (const [d, l, r] of dims) {
    const n = x.shape[d];
    if (mode === 'reflect' && (l >= n || r >= n))
      throw rangeError(op, `Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${d} of input ${fmtShape(x.shape)}`);
    if (mode === 'circular' && (l > n || r > n))
      throw rangeError(op, `Padding value causes wrapping around more than once (padding (${l}, ${r}) at dimension ${d} of input ${fmtShape(x.shape)})`);
    if (n + l + r < 1 || (n === 0 && l + r > 0))
      throw rangeError(op, `input ${fmtShape(x.shape)} with padding (${l}, ${r}) at dimension ${d} gives no valid output (${mode} mode)`);
  }
  const index = dims.map(([d, l, r]) => tensor(sourceIndex(mode, x.shape[d], l, r), { dtype: 'int32' }));
  const out = noGrad(() => dims.reduce((t, [d], i) => indexSelect(t, d, index[i]), x));
  const k = dims.length;
  const row = (mode === 'circular' ? 'circularPad' : `${mode === 'reflect' ? 'reflection' : 'replication'}Pad${k}d`) as RowName;
  return record(row as 'reflectionPad1d', [x], out, () => ({ shape: x.shape, dims, index }));
}

/** The grad of indexPad: each output grad added back to the position it came from, dim by dim (differentiable). */
export function indexPadBackward(g: Tensor, s: IndexPadSaved): Tensor {
  let t = g;
  for (let i = s.dims.length - 1; i >= 0; i--) {
    const d = s.dims[i][0];
    const shape = t.shape.slice();
    shape[d] = s.shape[d];
    t = indexAdd(C.zeros(shape, { dtype: g.dtype }), d, s.index[i], t);
  }
  return t;
}

/** constantPadNd's grad: the grad with the negated padding (cropped back). */
export function constantPadBackward(g: Tensor, s: { pad: number[] }): Tensor {
  return constantPad(g, s.pad.map((p) => -p), 0);
}

/**
 * Pads the last dims (constant, reflect, replicate or circular).
 *
 * Pads input by `pad` = [left, right] pairs from the last dim backwards: mode 'constant' (value; negative pads
 * crop), 'reflect', 'replicate' or 'circular' (these pad 1 to 3 trailing dims of a batched or unbatched input).
 *
 * @see torch.nn.functional.pad
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2]])
 * tg.nn.functional.pad(x, [1, 1], { value: 0 }) // tensor([[0., 1., 2., 0.]])
 * ```
 */
export const pad = kw(signature('nn.functional.pad', 'input, pad, mode, value'), function pad(
  input: Tensor, pad: number[], mode: Mode = 'constant', value?: number | null): Tensor {
  const op = 'pad';
  checkTensor(op, input, 'input');
  if (!Array.isArray(pad) || !pad.every((p) => typeof p === 'number' && Number.isInteger(p)))
    throw typeError(op, `pad must be a list of integers, got ${describe(pad)}`);
  if (pad.length % 2 !== 0) throw rangeError(op, `Padding length must be divisible by 2, got ${fmtShape(pad)}`);
  if (pad.length / 2 > input.ndim)
    throw rangeError(op, `Padding length too large: ${fmtShape(pad)} pads ${pad.length / 2} dims of input ${fmtShape(input.shape)}`);
  if (!(MODES as readonly string[]).includes(mode)) throw rangeError(op, `Unrecognised padding mode ${describe(mode)}, expected one of ${MODES.join(', ')}`);
  if (value !== undefined && value !== null && typeof value !== 'number') throw typeError(op, `value must be a number, got ${describe(value)}`);
  if (mode === 'constant') return constantPad(input, pad.slice(), value ?? 0);
  if (value !== undefined && value !== null && value !== 0)
    throw rangeError(op, `Padding mode "${mode}" doesn't take in value argument`);
  const k = pad.length / 2;
  if (k < 1 || k > 3 || (input.ndim !== k + 1 && input.ndim !== k + 2))
    throw rangeError(op, `${mode} padding of ${k} dim(s) expects a ${k + 1}D (unbatched) or ${k + 2}D (batched) input, but got input of size ${fmtShape(input.shape)} with pad ${fmtShape(pad)}`);
  return indexPad(input, pad.slice(), mode);
});
