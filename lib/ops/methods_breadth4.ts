// The Tensor methods of issue 15's fourth op batch (floorDivide, ...), declared in tensor_methods.ts.
import { Tensor, type TensorLike } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import * as DV from './division.js';
import * as STA from './statistics.js';
import type { ValuesIndices } from './cumulative.js';
import * as SO from './sorting.js';

const methods: ThisType<Tensor> = {
  floorDivide(other: TensorLike): Tensor { return DV.floorDivide(this, other); },
  floorDivide_(other: TensorLike): Tensor { return DV.floorDivide_(this, other); },
  quantile(q: number | Tensor, dim?: number | null, keepdim?: boolean, interpolation?: STA.QuantileInterpolation): Tensor { return STA.quantile(this, q, dim, keepdim, interpolation); },
  nanquantile(q: number | Tensor, dim?: number | null, keepdim?: boolean, interpolation?: STA.QuantileInterpolation): Tensor { return STA.nanquantile(this, q, dim, keepdim, interpolation); },
  nanmedian(dim?: number | null, keepdim?: boolean): Tensor | ValuesIndices { return dim === undefined || dim === null ? SO.nanmedian(this) : SO.nanmedian(this, dim, keepdim); },
  histc(bins?: number, min?: number, max?: number): Tensor { return STA.histc(this, bins, min, max); },
  bincount(weights?: Tensor | null, minlength?: number): Tensor { return STA.bincount(this, weights, minlength); },
  histogram(bins: number | Tensor, range?: [number, number] | null, weight?: Tensor | null, density?: boolean): STA.Histogram { return STA.histogram(this, bins, range, weight, density); },
};

for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods)))
  Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

kwMethods(Tensor.prototype, 'Tensor', {
  floorDivide: 'other', floorDivide_: 'other', quantile: 'q, dim, keepdim, interpolation', nanquantile: 'q, dim, keepdim, interpolation',
  nanmedian: 'dim, keepdim', histc: 'bins, min, max', bincount: 'weights, minlength', histogram: 'bins, range, weight, density',
});
