// The Tensor methods of issue 15's fifth op batch (cov, the in-place view ops, indexReduce, apply_, map_, ...),
// declared in tensor_methods.ts.
import { Tensor } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import { typeError, describe, fmtShape, disposedError, underName } from '../errors.js';
import { noGrad } from '../autograd/record.js';
import * as CO from './correlation.js';
import * as VI from './view_inplace.js';
import * as IR from './index_reduce.js';
import * as S from './shape.js';

/** The elements' values as JS values (numbers, booleans for bool), fn applied, written back in place. */
export function mapValues(op: string, x: Tensor, fn: (v: number | boolean, i: number) => unknown): Tensor {
  if (x.isDisposed) throw disposedError(op, x.shape);
  if (x.requiresGrad) throw new Error(`${op}: Can't call ${op}() on Variable that requires grad. Use var.detach().${op}() instead.`);
  const d = x._data, n = d.length;
  const out = d instanceof BigInt64Array ? new BigInt64Array(n) : new (d.constructor as new (n: number) => typeof d)(n);
  for (let i = 0; i < n; i++) {
    const v = x.dtype === 'bool' ? d[i] !== 0 : Number(d[i]);
    const r = fn(v, i);
    const num = typeof r === 'boolean' ? Number(r) : typeof r === 'bigint' ? Number(r) : r;
    if (typeof num !== 'number') throw typeError(op, `the callable must return a number or a boolean, got ${describe(r)}`);
    // a tensor holds its own dtype: integers truncate (as PyTorch casts a Python float), bool is nonzero
    if (out instanceof BigInt64Array) out[i] = typeof r === 'bigint' ? r : BigInt(Math.trunc(num));
    else out[i] = x.dtype === 'bool' ? (num !== 0 ? 1 : 0) : num;
  }
  x._storeValues(out);
  x._box.version++;
  return x;
}

const methods: ThisType<Tensor> = {
  cov(correction?: number, fweights?: Tensor | null, aweights?: Tensor | null): Tensor { return CO.cov(this, correction, fweights, aweights); },
  corrcoef(): Tensor { return CO.corrcoef(this); },
  squeeze_(dim?: number | null): Tensor { return VI.squeeze_(this, dim); },
  unsqueeze_(dim: number): Tensor { return VI.unsqueeze_(this, dim); },
  t_(): Tensor { return VI.t_(this); },
  transpose_(dim0: number, dim1: number): Tensor { return VI.transpose_(this, dim0, dim1); },
  swapaxes_(axis0: number, axis1: number): Tensor { return VI.swapaxes_(this, axis0, axis1); },
  swapdims_(dim0: number, dim1: number): Tensor { return VI.swapdims_(this, dim0, dim1); },
  asStrided_(size: number[], stride: number[], storageOffset?: number | null): Tensor { return VI.asStrided_(this, size, stride, storageOffset ?? null); },
  resize_(size: number[]): Tensor { return VI.resize_(this, size); },
  resizeAs_(theTemplate: Tensor): Tensor { return VI.resizeAs_(this, theTemplate); },
  indexReduce(dim: number, index: Tensor, source: Tensor, reduce: IR.IndexReduce, includeSelf?: boolean): Tensor { return IR.indexReduce(this, dim, index, source, reduce, includeSelf ?? true); },
  indexReduce_(dim: number, index: Tensor, source: Tensor, reduce: IR.IndexReduce, includeSelf?: boolean): Tensor { return IR.indexReduce_(this, dim, index, source, reduce, includeSelf ?? true); },
  apply_(callable: (v: number | boolean) => unknown): Tensor {
    if (typeof callable !== 'function') throw typeError('apply_', `expected a function, got ${describe(callable)}`);
    return mapValues('apply_', this, (v) => callable(v));
  },
  map_(tensor: Tensor, callable: (a: number | boolean, b: number | boolean) => unknown): Tensor {
    if (!(tensor instanceof Tensor)) throw typeError('map_', `expected a Tensor, got ${describe(tensor)}`);
    if (typeof callable !== 'function') throw typeError('map_', `expected a function, got ${describe(callable)}`);
    if (tensor.dtype !== this.dtype) throw typeError('map_', `expected other of dtype ${this.dtype} (self's), got ${tensor.dtype}`);
    const shape = this.shape;
    if (tensor.ndim > shape.length || tensor.shape.some((n, i) => n !== 1 && n !== shape[shape.length - tensor.ndim + i]))
      throw typeError('map_', `the tensor of shape ${fmtShape(tensor.shape)} does not broadcast to self's shape ${fmtShape(shape)}`);
    const o = noGrad(() => S.expand(tensor, shape))._data;
    return mapValues('map_', this, (v, i) => callable(v, this.dtype === 'bool' ? o[i] !== 0 : Number(o[i])));
  },
};

// Errors of the ops these are built of, named as the method the user called.
const BUILT_FROM: Record<string, string[]> = {
  squeeze_: ['squeeze'], unsqueeze_: ['unsqueeze'], transpose_: ['transpose'], swapaxes_: ['transpose'], swapdims_: ['transpose'], asStrided_: ['asStrided'],
};
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods))) {
  const value = BUILT_FROM[name] ? underName(name, BUILT_FROM[name], desc.value) : desc.value;
  Object.defineProperty(Tensor.prototype, name, { ...desc, value, enumerable: false });
}

kwMethods(Tensor.prototype, 'Tensor', {
  cov: 'correction, fweights, aweights', corrcoef: '', squeeze_: 'dim', unsqueeze_: 'dim', t_: '', transpose_: 'dim0, dim1',
  swapaxes_: 'axis0, axis1', swapdims_: 'dim0, dim1', asStrided_: 'size, stride, storageOffset', resize_: '...size', resizeAs_: 'theTemplate',
  indexReduce: 'dim, index, source, reduce, includeSelf', indexReduce_: 'dim, index, source, reduce, includeSelf', apply_: 'callable', map_: 'tensor, callable',
});
