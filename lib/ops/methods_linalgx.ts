// The Tensor methods of issue 15's missing linear-algebra and special-function names (linalgx), declared in
// tensor_methods.ts.
import { Tensor } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import * as LX from './linalg_extra.js';
import * as LF from './linalg_factor.js';

const methods: ThisType<Tensor> = {
  matrixPower(n: number): Tensor { return LX.matrixPower(this, n); },
  pinverse(rcond?: number): Tensor { return LX.pinverse(this, rcond); },
  lstsq(other: Tensor): Tensor { return LX.lstsqRemoved(this, other); },
  lu(pivot?: boolean, getInfos?: boolean): LF.LUFactor | LF.LUFactorEx { return LF.lu(this, pivot, getInfos); },
  luSolve(LUData: Tensor, LUPivots: Tensor): Tensor { return LF.luSolveAlias(this, LUData, LUPivots); },
  matrixExp(): Tensor { return LF.matrixExp(this); },
  choleskyInverse(upper?: boolean): Tensor { return LF.choleskyInverse(this, upper); },
  triangularSolve(A: Tensor, upper?: boolean, transpose?: boolean, unitriangular?: boolean): LF.TriangularSolve { return LF.triangularSolve(this, A, upper, transpose, unitriangular); },
};
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods)))
  Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

kwMethods(Tensor.prototype, 'Tensor', {
  matrixPower: 'n', pinverse: 'rcond', lstsq: 'other', lu: 'pivot, getInfos', luSolve: 'LUData, LUPivots', matrixExp: '', choleskyInverse: 'upper',
  triangularSolve: 'A, upper, transpose, unitriangular',
});
