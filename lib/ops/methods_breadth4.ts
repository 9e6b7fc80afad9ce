// The Tensor methods of issue 15's fourth op batch (floorDivide, ...), declared in tensor_methods.ts.
import { Tensor, type TensorLike } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import * as DV from './division.js';

const methods: ThisType<Tensor> = {
  floorDivide(other: TensorLike): Tensor { return DV.floorDivide(this, other); },
  floorDivide_(other: TensorLike): Tensor { return DV.floorDivide_(this, other); },
};

for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods)))
  Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

kwMethods(Tensor.prototype, 'Tensor', {
  floorDivide: 'other', floorDivide_: 'other',
});
