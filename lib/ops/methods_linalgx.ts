// The Tensor methods of issue 15's missing linear-algebra and special-function names (linalgx), declared in
// tensor_methods.ts.
import { Tensor } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import * as LX from './linalg_extra.js';

const methods: ThisType<Tensor> = {
  matrixPower(n: number): Tensor { return LX.matrixPower(this, n); },
  pinverse(rcond?: number): Tensor { return LX.pinverse(this, rcond); },
  lstsq(A: Tensor): Tensor { return LX.lstsqRemoved(this, A); },
};
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods)))
  Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

kwMethods(Tensor.prototype, 'Tensor', {
  matrixPower: 'n', pinverse: 'rcond', lstsq: 'A',
});
