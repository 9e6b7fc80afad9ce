// einsum: PyTorch 1.13's algorithm (aten/src/ATen/native/Linear.cpp, without opt_einsum) as a composition of
// differentiable ops (diagonal, permute, unsqueeze, squeeze, sum, mul, bmm), so its backward is theirs.
import { Tensor } from '../tensor.js';
import { typeError, rangeError, describe, fmtShape, disposedError } from '../errors.js';
import { diagonal, permute, reshape, squeeze, unsqueeze, view } from './shape.js';
import { sum } from './reduce.js';
import { mul } from './elementwise.js';
import { bmm } from './linalg.js';

const OP = 'einsum';
const ELL = -1; // the ellipsis in a term's label list
const NLABELS = 52; // A-Z then a-z, PyTorch's label order (implicit outputs sort uppercase first)

const labelOf = (c: string): number => {
  const k = c.charCodeAt(0);
  if (k >= 65 && k <= 90) return k - 65;
  if (k >= 97 && k <= 122) return k - 97 + 26;
  return -1;
};
const charOf = (l: number): string => String.fromCharCode(l < 26 ? 65 + l : 97 + l - 26);

/** The label lists of the input terms (ELL for `...`), checked char by char as PyTorch does. */
function parseInputs(eq: string, end: number, numOps: number): number[][] {
  const terms: number[][] = [[]];
  let found = false;
  for (let i = 0; i < end; i++) {
    const c = eq[i], cur = terms.length - 1;
    if (c === ' ') continue;
    if (c === '.') {
      if (found) throw rangeError(OP, `found '.' for operand ${cur} for which an ellipsis was already found`);
      if (!(i + 2 < end && eq[i + 1] === '.' && eq[i + 2] === '.')) throw rangeError(OP, `found '.' for operand ${cur} that is not part of any ellipsis`);
      i += 2;
      terms[cur].push(ELL);
      found = true;
    } else if (c === ',') {
      if (terms.length >= numOps) throw rangeError(OP, `fewer operands were provided than specified in the equation (${numOps} given)`);
      terms.push([]);
      found = false;
    } else {
      const l = labelOf(c);
      if (l < 0) throw rangeError(OP, `invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
      terms[cur].push(l);
    }
  }
  if (terms.length !== numOps) throw rangeError(OP, `more operands were provided than specified in the equation (${numOps} given, ${terms.length} specified)`);
  return terms;
}

/** The explicit output's label list (ELL for `...`). */
function parseOutput(eq: string, start: number, counts: number[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let i = start; i < eq.length; i++) {
    const c = eq[i];
    if (c === ' ') continue;
    if (c === '.') {
      if (out.includes(ELL)) throw rangeError(OP, "found '.' for output but an ellipsis (...) was already found");
      if (!(i + 2 < eq.length && eq[i + 1] === '.' && eq[i + 2] === '.')) throw rangeError(OP, "found '.' for output that is not part of any ellipsis (...)");
      i += 2;
      out.push(ELL);
      continue;
    }
    const l = labelOf(c);
    if (l < 0) throw rangeError(OP, `invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
    if (counts[l] === 0) throw rangeError(OP, `output subscript ${c} does not appear in the equation for any input operand`);
    if (seen.has(l)) throw rangeError(OP, `output subscript ${c} appears more than once in the output`);
    seen.add(l);
    out.push(l);
  }
  return out;
}

/**
 * Einstein summation over the operands, contracted left to right as PyTorch does.
 *
 * Einstein summation over `operands` (`tg.einsum('ij,jk->ik', a, b)` or `tg.einsum(eq, [a, b])`): explicit or
 * implicit output, `...` broadcasting, repeated labels (diagonals), contracted left to right as PyTorch 1.13.
 *
 * @see torch.einsum
 * @example
 * ```ts
 * const x = tg.tensor([[1, 2], [3, 4]])
 * tg.einsum('ij,jk->ik', x, x)
 * // tensor([[ 7., 10.],
 * //         [15., 22.]])
 * ```
 */
export function einsum(equation: string, ...operands: (Tensor | Tensor[])[]): Tensor {
  if (typeof equation !== 'string') throw typeError(OP, `expected the equation as a string, got ${describe(equation)}`);
  // The kw() wrapper passes the run of operands as one array (undefined for none); a direct call, varargs.
  const lone = operands.length === 1 && (Array.isArray(operands[0]) || operands[0] === undefined);
  const ops = (lone ? operands[0] ?? [] : operands) as Tensor[];
  if (ops.length === 0) throw rangeError(OP, 'must provide at least one operand');
  ops.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw typeError(OP, `expected a Tensor for operand ${i}, got ${describe(t)}`);
    if (t.isDisposed) throw disposedError(OP, t.shape);
  });
  if (new Set(ops.map((t) => t.dtype)).size > 1)
    throw typeError(OP, `expected all operands to have the same dtype, got ${ops.map((t) => t.dtype).join(', ')}`);
  const arrow = equation.indexOf('->');
  const terms = parseInputs(equation, arrow < 0 ? equation.length : arrow, ops.length);

  // Each operand's number of ellipsis dims; the broadcast ellipsis has the most of them.
  let ellNum = 0;
  terms.forEach((labels, i) => {
    const n = labels.filter((l) => l !== ELL).length, nd = ops[i].ndim;
    if (labels.includes(ELL)) {
      if (n > nd) throw rangeError(OP, `the number of subscripts in the equation (${n}) is more than the number of dimensions (${nd}) for operand ${i} (shape ${fmtShape(ops[i].shape)})`);
      ellNum = Math.max(ellNum, nd - n);
    } else if (n !== nd) {
      throw rangeError(OP, `the number of subscripts in the equation (${n}) does not match the number of dimensions (${nd}) for operand ${i} (shape ${fmtShape(ops[i].shape)}) and no ellipsis was given`);
    }
  });
  const counts = new Array<number>(NLABELS).fill(0);
  for (const labels of terms) for (const l of labels) if (l !== ELL) counts[l]++;

  // Axes: label l is axis l, ellipsis dim k (of ellNum, right-aligned) is axis NLABELS + k. Every operand is
  // permuted to `order`: the output's axes in order, then the contracted ones, so the result needs no permute.
  const ellAxes = Array.from({ length: ellNum }, (_, k) => NLABELS + k);
  let outAxes: number[];
  if (arrow >= 0) {
    outAxes = parseOutput(equation, arrow + 2, counts).flatMap((l) => (l === ELL ? ellAxes : [l]));
  } else {
    outAxes = [...ellAxes];
    for (let l = 0; l < NLABELS; l++) if (counts[l] === 1) outAxes.push(l);
  }
  const order = [...outAxes];
  for (const a of ellAxes) if (!order.includes(a)) order.push(a);
  for (let l = 0; l < NLABELS; l++) if (counts[l] > 0 && !order.includes(l)) order.push(l);
  const pos = new Map(order.map((a, k) => [a, k]));

  // Per operand: diagonals of repeated labels, then permuted (size-1 dims for absent axes) to `order`.
  const sizes = new Map<number, number>(); // axis -> its size (the first non-1 size seen)
  const lastOp = new Array<number>(order.length).fill(-1);
  const permuted = ops.map((x, i) => {
    const axes: number[] = [];
    for (const l of terms[i]) {
      if (l === ELL) for (let k = x.ndim - (terms[i].length - 1); k > 0; k--) axes.push(NLABELS + ellNum - k);
      else axes.push(l);
    }
    let t = x;
    for (let j = 0; j < axes.length; j++) {
      const d = axes.indexOf(axes[j]);
      if (d === j) continue;
      if (t.shape[j] !== t.shape[d])
        throw rangeError(OP, `subscript ${charOf(axes[j])} is repeated for operand ${i} but the sizes don't match, ${t.shape[j]} != ${t.shape[d]} (shape ${fmtShape(x.shape)})`);
      // The diagonal lands last (its axis is moved there); `order` places it again below.
      t = diagonal(t, 0, d, j);
      const a = axes[j];
      axes.splice(j, 1);
      axes.splice(d, 1);
      axes.push(a);
      j = -1; // restart: positions moved
    }
    axes.forEach((a, j) => {
      lastOp[pos.get(a) as number] = i;
      const n = t.shape[j], prev = sizes.get(a);
      if (prev === undefined || prev === 1) sizes.set(a, n);
      else if (n !== 1 && n !== prev) {
        const what = a >= NLABELS ? `dimension ${a - NLABELS} of the ellipsis` : `subscript ${charOf(a)}`;
        throw rangeError(OP, `${what} has size ${n} for operand ${i} (shape ${fmtShape(x.shape)}) which does not broadcast with previously seen size ${prev}`);
      }
    });
    const perm = new Array<number>(order.length).fill(-1);
    axes.forEach((a, j) => (perm[pos.get(a) as number] = j));
    let j = axes.length;
    for (let k = 0; k < perm.length; k++) {
      if (perm[k] !== -1) continue;
      t = unsqueeze(t, -1);
      perm[k] = j++;
    }
    return permute(t, perm);
  });

  // Contract left to right: a contracted axis is summed out in the product with its last operand (the first
  // operand's own axes in the first product, as PyTorch: 'ij,k->k' ends in a bmm's view, not a mul); the other
  // operands' dims of axes already contracted are size 1 there and squeezed. A lone operand is just summed.
  const outSize = outAxes.length;
  let result = permuted[0];
  if (permuted.length === 1) {
    const dims = Array.from({ length: order.length - outSize }, (_, k) => outSize + k);
    if (dims.length > 0) result = sum(result, dims);
  }
  for (let k = 0; k < order.length; k++) lastOp[k] = Math.max(lastOp[k], 1);
  for (let i = 1; i < permuted.length; i++) {
    let operand = permuted[i];
    const sumDims: number[] = [];
    for (let k = outSize, dim = outSize; k < order.length; k++, dim++) {
      if (lastOp[k] < i) operand = squeeze(operand, dim--);
      else if (lastOp[k] === i) sumDims.push(dim);
    }
    result = sumDims.length === 0 ? mul(result, operand) : sumproductPair(result, operand, sumDims);
  }
  return result;
}

/**
 * The product of `left` and `right` (same rank, size-1 dims broadcast) summed over `sumDims`, as one bmm:
 * dims of both (batch), of left only, of right only, and the summed ones, grouped and flattened.
 */
function sumproductPair(left: Tensor, right: Tensor, sumDims: number[]): Tensor {
  const lro: number[] = [], lo: number[] = [], ro: number[] = [];
  let lroSize = 1, loSize = 1, roSize = 1, sumSize = 1;
  for (let i = 0; i < left.ndim; i++) {
    const sl = left.shape[i] !== 1, sr = right.shape[i] !== 1;
    if (sumDims.includes(i)) {
      // Summed in one operand only: summed there first (keepdim), so it is size 1 in both below.
      if (sl && sr) sumSize *= left.shape[i];
      else if (sl) left = sum(left, i, true);
      else if (sr) right = sum(right, i, true);
    }
    else if (sl && sr) { lro.push(i); lroSize *= left.shape[i]; }
    else if (sl) { lo.push(i); loSize *= left.shape[i]; }
    else { ro.push(i); roSize *= right.shape[i]; }
  }
  const l = reshape(permute(left, [...lro, ...lo, ...sumDims, ...ro]), [lroSize, loSize, sumSize]);
  const r = reshape(permute(right, [...lro, ...sumDims, ...ro, ...lo]), [lroSize, sumSize, roSize]);
  // As PyTorch: viewed with size-1 summed dims, permuted back to the operands' order, those dims dropped.
  const grouped = [...lro, ...lo, ...sumDims, ...ro];
  const shape = [...lro.map((d) => left.shape[d]), ...lo.map((d) => left.shape[d]), ...sumDims.map(() => 1), ...ro.map((d) => right.shape[d])];
  const out = permute(view(bmm(l, r), shape), Array.from({ length: left.ndim }, (_, d) => grouped.indexOf(d)));
  return view(out, out.shape.filter((_, d) => !sumDims.includes(d)));
}
