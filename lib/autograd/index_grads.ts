// The gradient formulas of the indexing rows of the derivative table (derivatives.ts) that take more than a
// line: written with tensorgrad ops (index ops among them), so createGraph works.
import type { Tensor } from '../tensor.js';
import * as E_ from '../ops/elementwise.js';
import * as S_ from '../ops/shape.js';
import * as C_ from '../ops/creation.js';
import * as GA_ from '../ops/gather.js';
import * as SC_ from '../ops/scatter.js';
import * as MK_ from '../ops/masked.js';
import * as I_ from '../ops/inplace.js';
import { batchable } from './batchable.js';

const [E, S, C, GA, SC, MK, I] = [batchable(E_), batchable(S_), batchable(C_), batchable(GA_), batchable(SC_), batchable(MK_), batchable(I_)]; // Note [Batched backward]

type T = Tensor;
/** g (of the gathered shape) put into zeros of `shape` at the start of each dim where shape is larger. */
export function padTo(g: T, shape: number[]): T {
  if (g.numel() === shape.reduce((a, b) => a * b, 1)) return S.reshape(g, shape);
  let r = g;
  for (let k = 0; k < shape.length; k++) {
    if (r.shape[k] === shape[k]) continue;
    const rest = r.shape.slice();
    rest[k] = shape[k] - r.shape[k];
    r = S.cat([r, C.zeros(rest, { dtype: g.dtype })], k);
  }
  return r;
}

/** The first `shape` entries of x along each dim (src cut to the index's shape, as gathered grads are). */
function narrowTo(x: T, shape: number[]): T {
  let r = x;
  for (let k = 0; k < shape.length; k++) if (r.shape[k] !== shape[k]) r = S.narrow(r, k, 0, shape[k]);
  return r;
}

export interface ScatterReduceSaved {
  self: T;
  src: T;
  index: T;
  dim: number;
  reduce: SC_.ScatterReduce;
  includeSelf: boolean;
  result: T;
}

/**
 * PyTorch 1.13's scatter_reduce_backward (FunctionsManual.cpp), for self (which 0) or src (1). amax/amin split
 * the grad evenly among every element equal to the result (self's included); prod divides by the element
 * except where it is 0, where the product of the others is computed again with the zero replaced by 1.
 */
export function scatterReduceBackward(g: T, s: ScatterReduceSaved, which: 0 | 1): T {
  const { self, index, dim, includeSelf, result } = s;
  const src = narrowTo(s.src, index.ndim === 0 ? [] : index.shape);
  const dtype = g.dtype;
  let gs: T, gsrc: T;
  if (s.reduce === 'sum') {
    gs = g;
    gsrc = which === 1 ? GA.gather(g, dim, index) : g;
  } else if (s.reduce === 'prod') {
    const maskedSelf = MK.maskedFill(self, E.eq(self, 0), 1);
    if (which === 0) gs = E.div(E.mul(g, SC.scatterReduce(maskedSelf, dim, index, src, 'prod', includeSelf)), maskedSelf);
    else gs = g;
    const srcZero = E.eq(src, 0);
    const srcNumZeros = GA.gather(SC.scatterAdd(C.zeros(self.shape, { dtype }), dim, index, C.to(srcZero, dtype)), dim, index);
    const srcSingleZero = E.where(srcZero, E.eq(srcNumZeros, 1), srcZero);
    const maskedSrcResult = SC.scatterReduce(self, dim, index, MK.maskedFill(src, srcSingleZero, 1), 'prod', includeSelf);
    gsrc = E.where(srcSingleZero, GA.gather(E.mul(g, maskedSrcResult), dim, index), E.div(GA.gather(E.mul(g, result), dim, index), MK.maskedFill(src, srcZero, 1)));
  } else if (s.reduce === 'mean') {
    const n0 = includeSelf ? C.onesLike(g) : C.zerosLike(g);
    let n = SC.scatterAdd(n0, dim, index, C.onesLike(src));
    n = MK.maskedFill(n, E.eq(n, 0), 1);
    gs = E.div(g, n);
    gsrc = E.div(GA.gather(g, dim, index), GA.gather(n, dim, index));
  } else {
    const value = GA.gather(result, dim, index);
    const selfIs = C.to(E.eq(self, result), dtype);
    const srcIs = C.to(E.eq(src, value), dtype);
    const distributed = E.div(g, SC.scatterAdd(selfIs, dim, index, srcIs));
    gs = E.mul(selfIs, distributed);
    gsrc = E.mul(srcIs, GA.gather(distributed, dim, index));
  }
  if (which === 1) return padTo(gsrc, s.src.shape);
  return includeSelf ? gs : SC.scatter(gs, dim, index, 0);
}

/** MaskedScatterBackward0's source grad: the selected grads, then zeros for the source elements no mask entry
 * took, in source's shape (PyTorch's masked_scatter_backward). */
export function maskedScatterSourceGrad(g: T, mask: T, sourceShape: number[]): T {
  let r = MK.maskedSelect(g, mask);
  const extra = sourceShape.reduce((a, b) => a * b, 1) - r.numel();
  if (extra > 0) r = S.cat([r, C.zeros([extra], { dtype: g.dtype })], 0);
  return S.reshape(r, sourceShape);
}

/** The geometry an asStrided input or output has in its storage. */
export interface StridedGeometry { size: number[]; stride: number[]; offset: number }

/**
 * PyTorch's _maybe_overlapping_memory: with the dims sorted by stride, each stride must pass the span of the
 * smaller ones, or two elements may share a storage place (an expanded dim, or rows that run into each other).
 */
function mayOverlap(g: StridedGeometry): boolean {
  const dims = g.size.map((d, i) => [d, g.stride[i]]).filter(([d]) => d > 1).sort((a, b) => a[1] - b[1]);
  let span = 0;
  for (const [d, st] of dims) {
    if (st <= span) return true;
    span += (d - 1) * st;
  }
  return false;
}

/** Storage place of each element of a geometry (an int64 tensor of its shape). */
function places(g: StridedGeometry, reach: number): T {
  return S.asStrided(C.arange(0, reach, 1, 'int64'), g.size, g.stride, g.offset);
}

/**
 * Note [asStrided backward]: the grad lives in a zero storage as long as the input's; g goes where the view's
 * elements sit, summed where they share a place (PyTorch's index_add_), and each input element reads its place
 * back, divided by how many input elements share that place, so that the aliases' grads sum to it (PyTorch's
 * as_strided_backward). Without overlap both are a plain copy and read.
 */
export function asStridedBackward(g: T, inp: StridedGeometry, out: StridedGeometry): T {
  const last = (x: StridedGeometry) => x.size.reduce((r, d, i) => r + (d > 0 ? (d - 1) * x.stride[i] : 0), x.offset);
  const reach = Math.max(last(inp), last(out)) + 1;
  let z = C.zeros([reach], { dtype: g.dtype });
  if (!mayOverlap(out)) I.copy_(S.asStrided(z, out.size, out.stride, out.offset), g);
  else z = GA.indexAdd(z, 0, S.reshape(places(out, reach), [-1]), S.reshape(g, [-1]));
  if (mayOverlap(inp)) {
    const at = S.reshape(places(inp, reach), [-1]);
    const count = GA.indexAdd(C.zeros([reach], { dtype: g.dtype }), 0, at, C.ones([at.numel()], { dtype: g.dtype }));
    z = E.div(z, E.clamp(count, 1));
  }
  return S.asStrided(z, inp.size, inp.stride, inp.offset);
}
