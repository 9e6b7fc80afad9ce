// Small tensor helpers the engine needs: reduce a broadcast grad to a shape, cast, add, NaN check.
import type { Tensor } from '../tensor.js';
import { sum } from '../ops/reduce.js';
import { reshape } from '../ops/shape.js';
import { add } from '../ops/elementwise.js';
import { to } from '../ops/creation.js';
import { fmtShape } from '../errors.js';
import type { DType } from '../dtype.js';

/** Sums g over the dims that broadcasting added or expanded, so it has `shape` (PyTorch's sum_to). */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  const lead = g.shape.length - shape.length;
  if (lead < 0) throw new RangeError(`sumToShape: cannot reduce ${fmtShape(g.shape)} to ${fmtShape(shape)}`);
  const dims: number[] = [];
  for (let d = 0; d < g.shape.length; d++) {
    if (d < lead) dims.push(d);
    else if (shape[d - lead] === 1 && g.shape[d] !== 1) dims.push(d);
    else if (shape[d - lead] !== g.shape[d])
      throw new RangeError(`sumToShape: cannot reduce ${fmtShape(g.shape)} to ${fmtShape(shape)}`);
  }
  const r = dims.length > 0 ? sum(g, dims, true) : g;
  return r.shape.length === shape.length ? r : reshape(r, shape as number[]);
}

export function castTo(g: Tensor, dtype: DType): Tensor {
  return to(g, dtype);
}

export function addGrads(a: Tensor, b: Tensor): Tensor {
  return add(a, b);
}

export function hasNaN(g: Tensor): boolean {
  if (g.dtype !== 'float32' && g.dtype !== 'float64') return false;
  const d = g._data;
  for (let i = 0; i < d.length; i++) if (d[i] !== d[i]) return true;
  return false;
}
