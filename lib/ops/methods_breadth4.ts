// The Tensor methods of issue 15's fourth op batch (floorDivide, ...), declared in tensor_methods.ts.
import { Tensor, type TensorLike } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import * as DV from './division.js';
import * as STA from './statistics.js';
import type { ValuesIndices } from './cumulative.js';
import * as SO from './sorting.js';
import * as PX from './pointwise_extra.js';
import * as VS from './view_scatter.js';
import * as S from './shape.js';
import { hardshrink } from './activation.js';
import { inplaceMath } from './methods_math.js';
import { underName } from '../errors.js';

const methods: ThisType<Tensor> = {
  floorDivide(other: TensorLike): Tensor { return DV.floorDivide(this, other); },
  floorDivide_(other: TensorLike): Tensor { return DV.floorDivide_(this, other); },
  quantile(q: number | Tensor, dim?: number | null, keepdim?: boolean, interpolation?: STA.QuantileInterpolation): Tensor { return STA.quantile(this, q, dim, keepdim, interpolation); },
  nanquantile(q: number | Tensor, dim?: number | null, keepdim?: boolean, interpolation?: STA.QuantileInterpolation): Tensor { return STA.nanquantile(this, q, dim, keepdim, interpolation); },
  nanmedian(dim?: number | null, keepdim?: boolean): Tensor | ValuesIndices { return dim === undefined || dim === null ? SO.nanmedian(this) : SO.nanmedian(this, dim, keepdim); },
  histc(bins?: number, min?: number, max?: number): Tensor { return STA.histc(this, bins, min, max); },
  bincount(weights?: Tensor | null, minlength?: number): Tensor { return STA.bincount(this, weights, minlength); },
  histogram(bins: number | Tensor, range?: [number, number] | null, weight?: Tensor | null, density?: boolean): STA.Histogram { return STA.histogram(this, bins, range, weight, density); },
  eq_(other: TensorLike): Tensor { return PX.compareInplace('eq', 'eq_', this, other); },
  ne_(other: TensorLike): Tensor { return PX.compareInplace('ne', 'ne_', this, other); },
  lt_(other: TensorLike): Tensor { return PX.compareInplace('lt', 'lt_', this, other); },
  le_(other: TensorLike): Tensor { return PX.compareInplace('le', 'le_', this, other); },
  gt_(other: TensorLike): Tensor { return PX.compareInplace('gt', 'gt_', this, other); },
  ge_(other: TensorLike): Tensor { return PX.compareInplace('ge', 'ge_', this, other); },
  notEqual_(other: TensorLike): Tensor { return PX.compareInplace('ne', 'notEqual_', this, other); },
  less_(other: TensorLike): Tensor { return PX.compareInplace('lt', 'less_', this, other); },
  lessEqual_(other: TensorLike): Tensor { return PX.compareInplace('le', 'lessEqual_', this, other); },
  greater_(other: TensorLike): Tensor { return PX.compareInplace('gt', 'greater_', this, other); },
  greaterEqual_(other: TensorLike): Tensor { return PX.compareInplace('ge', 'greaterEqual_', this, other); },
  isposinf(): Tensor { return PX.isposinf(this); },
  isneginf(): Tensor { return PX.isneginf(this); },
  signbit(): Tensor { return PX.signbit(this); },
  heaviside(values: Tensor): Tensor { return PX.heaviside(this, values); },
  heaviside_(values: Tensor): Tensor { return inplaceMath('heaviside_', this, (x) => PX.heaviside(x, values)); },
  floatPower(exponent: TensorLike): Tensor { return PX.floatPower(this, exponent); },
  floatPower_(exponent: TensorLike): Tensor {
    if (this instanceof Tensor && this.dtype !== 'float64') throw new TypeError(`floatPower_: the base given to floatPower_ has dtype ${this.dtype} but the operation's result requires dtype float64`);
    return inplaceMath('floatPower_', this, (x) => PX.floatPower(x, exponent));
  },
  ldexp(other: Tensor): Tensor { return PX.ldexp(this, other); },
  ldexp_(other: Tensor): Tensor { return inplaceMath('ldexp_', this, (x) => PX.ldexp(x, other)); },
  frexp(): PX.Frexp { return PX.frexp(this); },
  gcd(other: TensorLike): Tensor { return PX.gcd(this, other); },
  gcd_(other: TensorLike): Tensor { return inplaceMath('gcd_', this, (x) => PX.gcd(x, other)); },
  lcm(other: TensorLike): Tensor { return PX.lcm(this, other); },
  lcm_(other: TensorLike): Tensor { return inplaceMath('lcm_', this, (x) => PX.lcm(x, other)); },
  nextafter(other: Tensor): Tensor { return PX.nextafter(this, other); },
  nextafter_(other: Tensor): Tensor { return inplaceMath('nextafter_', this, (x) => PX.nextafter(x, other)); },
  dist(other: Tensor, p?: number): Tensor { return PX.dist(this, other, p); },
  hardshrink(lambd?: number): Tensor { return hardshrink(this, lambd); },
  sumToSize(size: number[]): Tensor { return PX.sumToSize(this, size); },
  splitWithSizes(splitSizes: number[], dim?: number): Tensor[] { return S.split(this, splitSizes, dim); },
  diagonalScatter(src: Tensor, offset?: number, dim1?: number, dim2?: number): Tensor { return VS.diagonalScatter(this, src, offset, dim1, dim2); },
  selectScatter(src: Tensor, dim: number, index: number): Tensor { return VS.selectScatter(this, src, dim, index); },
  sliceScatter(src: Tensor, dim?: number, start?: number | null, end?: number | null, step?: number): Tensor { return VS.sliceScatter(this, src, dim, start, end, step); },
  uniqueConsecutive(returnInverse?: boolean, returnCounts?: boolean, dim?: number | null): VS.UniqueConsecutive { return VS.uniqueConsecutive(this, returnInverse, returnCounts, dim); },
  fillDiagonal_(fillValue: number | boolean, wrap?: boolean): Tensor { return VS.fillDiagonal_(this, fillValue, wrap); },
  renorm(p: number, dim: number, maxnorm: number): Tensor { return PX.renorm(this, p, dim, maxnorm); },
  renorm_(p: number, dim: number, maxnorm: number): Tensor { return inplaceMath('renorm_', this, (x) => PX.renorm(x, p, dim, maxnorm)); },
};

// Errors of the ops these are built of, named as the method the user called.
const BUILT_FROM: Record<string, string[]> = {
  eq_: ['eq'], ne_: ['ne'], lt_: ['lt'], le_: ['le'], gt_: ['gt'], ge_: ['ge'], notEqual_: ['ne'], less_: ['lt'], lessEqual_: ['le'],
  greater_: ['gt'], greaterEqual_: ['ge'], floatPower: ['pow', 'to'], floatPower_: ['pow', 'to', 'floatPower'], ldexp: ['mul', 'pow'],
  ldexp_: ['mul', 'pow', 'ldexp'], hardshrink: ['nn.functional.hardshrink'], splitWithSizes: ['split'], renorm_: ['renorm'],
};
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods))) {
  const value = BUILT_FROM[name] ? underName(name, BUILT_FROM[name], desc.value) : desc.value;
  Object.defineProperty(Tensor.prototype, name, { ...desc, value, enumerable: false });
}

kwMethods(Tensor.prototype, 'Tensor', {
  floorDivide: 'other', floorDivide_: 'other', quantile: 'q, dim, keepdim, interpolation', nanquantile: 'q, dim, keepdim, interpolation',
  nanmedian: 'dim, keepdim', histc: 'bins, min, max', bincount: 'weights, minlength', histogram: 'bins, range, weight, density',
  eq_: 'other', ne_: 'other', lt_: 'other', le_: 'other', gt_: 'other', ge_: 'other', notEqual_: 'other', less_: 'other',
  lessEqual_: 'other', greater_: 'other', greaterEqual_: 'other', isposinf: '', isneginf: '', signbit: '', heaviside: 'values',
  heaviside_: 'values', floatPower: 'exponent', floatPower_: 'exponent', ldexp: 'other', ldexp_: 'other', frexp: '', gcd: 'other',
  gcd_: 'other', lcm: 'other', lcm_: 'other', nextafter: 'other', nextafter_: 'other', dist: 'other, p', hardshrink: 'lambd',
  sumToSize: '...size', splitWithSizes: 'splitSizes, dim',
  diagonalScatter: 'src, offset, dim1, dim2', selectScatter: 'src, dim, index', sliceScatter: 'src, dim, start, end, step',
  uniqueConsecutive: 'returnInverse, returnCounts, dim',
  fillDiagonal_: 'fillValue, wrap', renorm: 'p, dim, maxnorm', renorm_: 'p, dim, maxnorm',
});
