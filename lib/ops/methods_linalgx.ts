// The Tensor methods of issue 15's missing linear-algebra and special-function names (linalgx), declared in
// tensor_methods.ts.
import { Tensor } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import * as LX from './linalg_extra.js';
import * as LF from './linalg_factor.js';
import * as SPX from './special_extra.js';
import * as HH from './linalg_householder.js';
import { inplaceMath } from './methods_math.js';
import { inplaceFrom } from './inplace.js';

const methods: ThisType<Tensor> = {
  matrixPower(n: number): Tensor { return LX.matrixPower(this, n); },
  pinverse(rcond?: number): Tensor { return LX.pinverse(this, rcond); },
  lstsq(other: Tensor): Tensor { return LX.lstsqRemoved(this, other); },
  lu(pivot?: boolean, getInfos?: boolean): LF.LUFactor | LF.LUFactorEx { return LF.lu(this, pivot, getInfos); },
  luSolve(LUData: Tensor, LUPivots: Tensor): Tensor { return LF.luSolveAlias(this, LUData, LUPivots); },
  matrixExp(): Tensor { return LF.matrixExp(this); },
  choleskyInverse(upper?: boolean): Tensor { return LF.choleskyInverse(this, upper); },
  triangularSolve(A: Tensor, upper?: boolean, transpose?: boolean, unitriangular?: boolean): LF.TriangularSolve { return LF.triangularSolve(this, A, upper, transpose, unitriangular); },
  geqrf(): HH.Geqrf { return HH.geqrf(this); },
  solve(other: Tensor): Tensor { return LX.solveRemoved(this, other); },
  eig(eigenvectors?: boolean): Tensor { return LX.eigRemoved(this, eigenvectors); },
  qr(some?: boolean): ReturnType<typeof LX.qrSome> { return LX.qrSome(this, some); },
  orgqr(input2: Tensor): Tensor { return HH.orgqr(this, input2); },
  ormqr(input2: Tensor, input3: Tensor, left?: boolean, transpose?: boolean): Tensor { return HH.ormqr(this, input2, input3, left, transpose); },
  i0(): Tensor { return SPX.i0(this); },
  i0_(): Tensor { return SPX.i0_(this); },
  igamma(other: Tensor): Tensor { return SPX.igamma(this, other); },
  igamma_(other: Tensor): Tensor { return inplaceMath('igamma_', this, (x) => SPX.igamma(x, other)); },
  igammac(other: Tensor): Tensor { return SPX.igammac(this, other); },
  igammac_(other: Tensor): Tensor { return inplaceMath('igammac_', this, (x) => SPX.igammac(x, other)); },
  mvlgamma(p: number): Tensor { return SPX.mvlgamma(this, p); },
  mvlgamma_(p: number): Tensor { return inplaceMath('mvlgamma_', this, (x) => SPX.mvlgamma(x, p)); },
  bitwiseLeftShift(other: Tensor | number): Tensor { return SPX.bitwiseLeftShift(this, other); },
  bitwiseLeftShift_(other: Tensor | number): Tensor { return inplaceFrom('bitwise_left_shift_', this, () => SPX.bitwiseLeftShift(this, other)); },
  bitwiseRightShift(other: Tensor | number): Tensor { return SPX.bitwiseRightShift(this, other); },
  bitwiseRightShift_(other: Tensor | number): Tensor { return inplaceFrom('bitwise_right_shift_', this, () => SPX.bitwiseRightShift(this, other)); },
};
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods)))
  Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

kwMethods(Tensor.prototype, 'Tensor', {
  matrixPower: 'n', pinverse: 'rcond', lstsq: 'other', lu: 'pivot, getInfos', luSolve: 'LUData, LUPivots', matrixExp: '', choleskyInverse: 'upper',
  triangularSolve: 'A, upper, transpose, unitriangular', geqrf: '', solve: 'other', eig: 'eigenvectors', qr: 'some', orgqr: 'input2', ormqr: 'input2, input3, left, transpose', i0: '', i0_: '', igamma: 'other', igamma_: 'other', igammac: 'other', igammac_: 'other',
  mvlgamma: 'p', mvlgamma_: 'p', bitwiseLeftShift: 'other', bitwiseLeftShift_: 'other', bitwiseRightShift: 'other', bitwiseRightShift_: 'other',
});
