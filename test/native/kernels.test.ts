// Kernel tests for the active CPU capability (TG_CPU_CAPABILITY): every unary/binary/reduce/where/clamp/argmax/
// softmax kernel at lengths around the Vec widths (4, 8, 16), odd broadcast shapes and edge values, against a
// float64 reference in plain JS with ulp-aware tolerances; elementwise results must not depend on the thread count.
import { afterAll, describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';
import { native, BinaryOp, UnaryOp, ReduceOp } from '../../lib/native.js';
import type { Storage } from '../../lib/native.js';
import type { Tensor } from '../../lib/tensor.js';
import { setSmallArithInJs } from '../../lib/ops/elementwise.js';
import { erf as nnErf } from '../../lib/ops/nn.js';
import * as fs from 'node:fs';
import * as path from 'node:path';

// These tests are about the native kernels, small lengths included (see Note [Small arithmetic in JS]).
setSmallArithInJs(false);

type FDType = 'float32' | 'float64';
const CAP = native.capability();
// W-1, W, W+1 and 5W+3 for W = 4, 8, 16 (float64 lanes on avx2 / generic, float32 on avx2 / avx512).
const LENGTHS = [0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 31, 32, 33, 43, 83];
const F32_MAX = 3.4028234663852886e38;
const f32 = Math.fround;

// Deterministic inputs (xorshift) so failures reproduce.
let seed = 0x2545f491;
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
function uniform(n: number, lo: number, hi: number, dtype: FDType): Float32Array | Float64Array {
  const a = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * rnd();
  return a;
}
function tensorOf(values: ArrayLike<number>, dtype: FDType | 'int32', shape?: number[]): Tensor {
  const t = tg.tensor(Array.from(values), { dtype });
  return shape ? t.reshape(shape) : t;
}
function numel(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function ulpOf(x: number, dtype: FDType): number {
  const a = Math.abs(x);
  const [minNormal, mant, denorm] = dtype === 'float32' ? [2 ** -126, 23, 2 ** -149] : [2 ** -1022, 52, 2 ** -1074];
  if (!(a >= minNormal)) return denorm;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - mant);
}

/** Error of r against the float64 reference in ulps of the result type; 0 for an exact match, Infinity if wrong class. */
function ulpErr(r: number, ref: number, dtype: FDType): number {
  if (Number.isNaN(ref)) return Number.isNaN(r) ? 0 : Infinity;
  if (Number.isNaN(r)) return Infinity;
  if (r === ref) return Object.is(r, ref) || ref !== 0 ? 0 : Infinity; // the sign of a zero must match
  if (dtype === 'float32' && Math.abs(ref) > F32_MAX) return Math.sign(r) === Math.sign(ref) && Math.abs(r) >= F32_MAX ? 0 : Infinity;
  if (!Number.isFinite(ref) || !Number.isFinite(r)) return Infinity;
  return Math.abs(r - ref) / ulpOf(ref, dtype);
}

function expectUlp(op: string, xs: ArrayLike<number>, rs: ArrayLike<number>, ref: (x: number) => number, tol: number, dtype: FDType): void {
  let worst = 0, at = -1;
  for (let i = 0; i < xs.length; i++) {
    const e = ulpErr(rs[i], ref(xs[i]), dtype);
    if (e > worst) [worst, at] = [e, i];
  }
  if (worst > tol) throw new Error(`${op} ${dtype} [${CAP}]: ${worst} ulp at x=${xs[at]}: got ${rs[at]}, want ${ref(xs[at])}`);
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

// ---- unary ----
const sigmoidRef = (x: number): number => (x < 0 ? Math.exp(x) / (1 + Math.exp(x)) : 1 / (1 + Math.exp(-x)));
interface UnaryCase {
  op: keyof typeof UnaryOp & string;
  fn: (t: Tensor) => Tensor;
  ref: (x: number) => number;
  lo: number;
  hi: number;
  tol32: number; // ulps (0.5 = correctly rounded)
  tol64: number;
  logDomain?: boolean; // inputs spread over exponents
}
const UNARY: UnaryCase[] = [
  { op: 'neg', fn: tg.neg, ref: (x) => -x, lo: -100, hi: 100, tol32: 0, tol64: 0 },
  { op: 'abs', fn: tg.abs, ref: Math.abs, lo: -100, hi: 100, tol32: 0, tol64: 0 },
  { op: 'exp', fn: tg.exp, ref: Math.exp, lo: -105, hi: 90, tol32: 2, tol64: 5 },
  { op: 'log', fn: tg.log, ref: Math.log, lo: -140, hi: 127, tol32: 2, tol64: 5, logDomain: true },
  { op: 'sqrt', fn: tg.sqrt, ref: Math.sqrt, lo: -140, hi: 127, tol32: 0.5, tol64: 0.5, logDomain: true },
  // rsqrt = 1/sqrt with two roundings (Vec contract): up to 1.5 ulp.
  { op: 'rsqrt', fn: tg.rsqrt, ref: (x) => 1 / Math.sqrt(x), lo: -140, hi: 127, tol32: 1.5, tol64: 1.5, logDomain: true },
  { op: 'sin', fn: tg.sin, ref: Math.sin, lo: -1e4, hi: 1e4, tol32: 2, tol64: 5 },
  { op: 'cos', fn: tg.cos, ref: Math.cos, lo: -1e4, hi: 1e4, tol32: 2, tol64: 5 },
  { op: 'tanh', fn: tg.tanh, ref: Math.tanh, lo: -12, hi: 12, tol32: 2, tol64: 5 },
  { op: 'sigmoid', fn: tg.sigmoid, ref: sigmoidRef, lo: -110, hi: 40, tol32: 2, tol64: 6 },
  { op: 'relu', fn: tg.relu, ref: (x) => (x < 0 ? 0 : x), lo: -10, hi: 10, tol32: 0, tol64: 0 },
  { op: 'sign', fn: tg.sign, ref: (x) => Number(x > 0) - Number(x < 0), lo: -10, hi: 10, tol32: 0, tol64: 0 },
  { op: 'square', fn: tg.square, ref: (x) => x * x, lo: -1e3, hi: 1e3, tol32: 0.5, tol64: 0.5 },
  { op: 'reciprocal', fn: (t) => tg.tensor(native.unary(UnaryOp.reciprocal, t._data as Storage) as Float32Array), ref: (x) => 1 / x, lo: -1e3, hi: 1e3, tol32: 0.5, tol64: 0.5 },
  // issue 15: the rounding ops on Vec (exact), and a sample of the libm-in-double path (Note [Unary math in double]):
  // float32 is the double result rounded once; float64 is glibc's against V8's fdlibm, each within 1 ulp.
  { op: 'floor', fn: tg.floor, ref: Math.floor, lo: -1e3, hi: 1e3, tol32: 0, tol64: 0 },
  { op: 'ceil', fn: tg.ceil, ref: Math.ceil, lo: -1e3, hi: 1e3, tol32: 0, tol64: 0 },
  { op: 'trunc', fn: tg.trunc, ref: Math.trunc, lo: -1e3, hi: 1e3, tol32: 0, tol64: 0 },
  { op: 'round', fn: tg.round, ref: (x) => (Math.abs(x % 1) === 0.5 && Math.round(x) % 2 !== 0 ? Math.round(x) - 1 : Math.round(x)), lo: -20, hi: 20, tol32: 0, tol64: 0 },
  { op: 'sinh', fn: tg.sinh, ref: Math.sinh, lo: -90, hi: 90, tol32: 0.51, tol64: 2 },
  { op: 'log1p', fn: tg.log1p, ref: Math.log1p, lo: -140, hi: 127, tol32: 0.51, tol64: 2, logDomain: true },
  { op: 'expm1', fn: tg.expm1, ref: Math.expm1, lo: -100, hi: 88, tol32: 0.51, tol64: 2 },
  { op: 'atan', fn: tg.atan, ref: Math.atan, lo: -1e3, hi: 1e3, tol32: 0.51, tol64: 2 },
];

function unaryInput(c: UnaryCase, n: number, dtype: FDType): Float32Array | Float64Array {
  if (!c.logDomain) return uniform(n, c.lo, c.hi, dtype);
  const a = uniform(n, c.lo, c.hi, dtype);
  for (let i = 0; i < n; i++) a[i] = 2 ** a[i] * (1 + rnd());
  return a;
}

const EDGE32 = [
  NaN, Infinity, -Infinity, 0, -0, 1.401298464324817e-45, -1.401298464324817e-45, 1e-40, -1e-40, 1.1754942e-38,
  1.1754943508222875e-38, -1.1754943508222875e-38, F32_MAX, -F32_MAX, 88.72283172607422, 88.72283935546875, 88.7, 89,
  -87.33654, -87.4, -103.97, -103.98, -104, -1000, 1000, 1, -1, 0.5, -0.5, 0.5625, 0.56250006, 9, -9, 20, -20,
  1e5, -1e5, Math.PI / 2, Math.PI, -3 * Math.PI, 710, -745,
].map(f32);
const EDGE64 = [
  NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308,
  -1.7976931348623157e308, 709.78, 709.79, 710, -708.4, -745.1, -746, -1000, 1000, 1, -1, 0.5, 0.5625, 20, -20, 1e5,
  Math.PI / 2, Math.PI,
];

describe(`unary kernels [${CAP}]`, () => {
  for (const c of UNARY)
    for (const dtype of ['float32', 'float64'] as FDType[]) {
      const tol = dtype === 'float32' ? c.tol32 : c.tol64;
      it(`${c.op} ${dtype}: lengths around W, tails equal full vectors`, () => {
        const full = unaryInput(c, 83, dtype);
        const fullOut = c.fn(tensorOf(full, dtype)).toTypedArray();
        expectUlp(c.op, full, fullOut, c.ref, tol, dtype);
        for (const n of LENGTHS) {
          const xs = full.slice(0, n);
          const out = c.fn(tensorOf(xs, dtype)).toTypedArray();
          expect(out.length).toBe(n);
          // The partial-vector tail runs the same code as full vectors: bit-identical prefixes.
          expect(sameBits(out, fullOut.subarray(0, n))).toBe(true);
        }
      });
      it(`${c.op} ${dtype}: edge values`, () => {
        let xs = dtype === 'float32' ? EDGE32 : EDGE64;
        // sin/cos past |x| = 1e6 go through libm (exact reduction): checked below against PyTorch's values.
        if (c.op === 'sin' || c.op === 'cos') xs = xs.filter((x) => !(Math.abs(x) > 1e6));
        const out = c.fn(tensorOf(xs, dtype)).toTypedArray();
        expectUlp(c.op, xs, out, c.ref, Math.max(tol, 0.5), dtype);
      });
    }
  it('sin/cos of huge arguments are exactly reduced (libm lanes), mixed with ordinary lanes', () => {
    const xs = [1e7, -3e9, F32_MAX, -F32_MAX, 1e30, 0.5, 1e6, 1000001, -2.5, 3e38, 7, 8, 9, 10, 11, 12, 13].map(f32);
    for (const [fn, ref] of [[tg.sin, Math.sin], [tg.cos, Math.cos]] as const)
      for (const dtype of ['float32', 'float64'] as FDType[]) expectUlp(fn.name, xs, fn(tensorOf(xs, dtype)).toTypedArray(), ref, dtype === 'float32' ? 2 : 5, dtype);
  });
  it('sigmoid saturates exactly and exp over/underflows at the float32 thresholds', () => {
    expect(Array.from(tg.sigmoid(tensorOf([-1000, 1000, -Infinity, Infinity], 'float32')).toTypedArray())).toEqual([0, 1, 0, 1]);
    expect(Array.from(tg.exp(tensorOf([88.72284, 89, -104, -Infinity], 'float32')).toTypedArray())).toEqual([Infinity, Infinity, 0, 0]);
    const sub = tg.exp(tensorOf([-100], 'float32')).toTypedArray()[0];
    expect(sub).toBeGreaterThan(0);
    expect(sub).toBeLessThan(1.1754943508222875e-38);
  });
  it('int32 unary kernels wrap like PyTorch', () => {
    const xs = [-2147483648, -5, 0, 7, 46341, 2147483647];
    expect(Array.from(tg.neg(tensorOf(xs, 'int32')).toTypedArray())).toEqual([-2147483648, 5, 0, -7, -46341, -2147483647]);
    expect(Array.from(tg.abs(tensorOf(xs, 'int32')).toTypedArray())).toEqual([-2147483648, 5, 0, 7, 46341, 2147483647]);
    expect(Array.from(tg.relu(tensorOf(xs, 'int32')).toTypedArray())).toEqual([0, 0, 0, 7, 46341, 2147483647]);
  });
});

// ---- erf (reference: mpmath, test/fixtures/erf.json from test/fixtures/gen/gen_erf.py) ----
type Enc = number | 'nan' | 'inf' | '-inf' | '-0';
const decodeNum = (v: Enc): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0' ? -0 : v);
const ERF = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/erf.json'), 'utf8')) as Record<FDType, { x: Enc[]; erf: Enc[] }>;

describe(`erf kernel [${CAP}]`, () => {
  for (const dtype of ['float32', 'float64'] as FDType[]) {
    // docs/numerics.md: within 2 ulp in float32 and 4 in float64 over the whole domain.
    const tol = dtype === 'float32' ? 2 : 4;
    it(`${dtype}: within ${tol} ulp of mpmath, specials exact, tails equal full vectors`, () => {
      const xs = ERF[dtype].x.map(decodeNum), want = ERF[dtype].erf.map(decodeNum);
      const a = dtype === 'float32' ? Float32Array.from(xs) : Float64Array.from(xs);
      const out = native.unary(UnaryOp.erf, a) as Float32Array | Float64Array;
      const refOf = new Map<number, number>();
      xs.forEach((x, i) => refOf.set(x, want[i]));
      expectUlp('erf', a, out, (x) => (x === 0 ? x : (refOf.get(x) as number)), tol, dtype);
      for (const n of LENGTHS) expect(sameBits(native.unary(UnaryOp.erf, a.slice(0, n)), out.subarray(0, n))).toBe(true);
    });
  }
  it('nn erf (GELU) runs the kernel: float32 result bits, integer input computed in float32', () => {
    const xs = [-3, -0.875, -0.5, 0, 0.3, 1, 2.5];
    const k = native.unary(UnaryOp.erf, Float32Array.from(xs));
    expect(sameBits(nnErf(tensorOf(xs, 'float32')).toTypedArray(), k)).toBe(true);
    const i = nnErf(tensorOf([-2, 0, 1], 'int32'));
    expect(i.dtype).toBe('float32');
    expect(sameBits(i.toTypedArray(), native.unary(UnaryOp.erf, Float32Array.from([-2, 0, 1])))).toBe(true);
  });
});

// ---- binary ----
function broadcastRef(aShape: number[], bShape: number[]): number[] {
  const nd = Math.max(aShape.length, bShape.length);
  const out: number[] = [];
  for (let d = 0; d < nd; d++) {
    const x = aShape[d - (nd - aShape.length)] ?? 1, y = bShape[d - (nd - bShape.length)] ?? 1;
    out.push(x === 1 ? y : x);
  }
  return out;
}
/** Index into a broadcast operand of `shape` for flat output index i of `outShape`. */
function bIndex(i: number, outShape: number[], shape: number[]): number {
  let idx = 0, stride = 1, rem = i;
  for (let d = outShape.length - 1; d >= 0; d--) {
    const k = d - (outShape.length - shape.length);
    const c = rem % outShape[d];
    rem = Math.floor(rem / outShape[d]);
    if (k >= 0) {
      if (shape[k] !== 1) idx += c * stride;
      stride *= shape[k];
    }
  }
  return idx;
}

interface BinaryCase {
  op: string;
  fn: (a: Tensor, b: Tensor) => Tensor;
  ref: (a: number, b: number) => number;
  tol: number;
  lo?: number;
  hi?: number;
}
const BINARY: BinaryCase[] = [
  { op: 'add', fn: tg.add, ref: (a, b) => a + b, tol: 0.5 },
  { op: 'sub', fn: tg.sub, ref: (a, b) => a - b, tol: 0.5 },
  { op: 'mul', fn: tg.mul, ref: (a, b) => a * b, tol: 0.5 },
  { op: 'div', fn: tg.div, ref: (a, b) => a / b, tol: 0.5 },
  { op: 'maximum', fn: tg.maximum, ref: (a, b) => (a !== a || b !== b ? NaN : Math.max(a, b)), tol: 0 },
  { op: 'minimum', fn: tg.minimum, ref: (a, b) => (a !== a || b !== b ? NaN : Math.min(a, b)), tol: 0 },
  { op: 'pow', fn: tg.pow, ref: Math.pow, tol: 1, lo: 0.1, hi: 4 },
];
const SHAPES: [number[], number[]][] = [
  [[3, 1, 5], [1, 4, 1]], [[7], [3, 1]], [[2, 3, 17], [17]], [[17, 1], [1, 33]], [[], [19]], [[5, 1], []], [[1, 9], [4, 9]],
  [[2, 1, 3, 1], [5, 1, 7]], [[0, 3], [1, 3]],
];

function checkBinary(c: BinaryCase, a: Float32Array | Float64Array, b: Float32Array | Float64Array, aShape: number[], bShape: number[], dtype: FDType): void {
  const outShape = broadcastRef(aShape, bShape);
  const r = c.fn(tensorOf(a, dtype, aShape), tensorOf(b, dtype, bShape));
  expect(r.shape).toEqual(outShape);
  const out = r.toTypedArray();
  let worst = 0, at = -1;
  for (let i = 0; i < out.length; i++) {
    const ref = c.ref(a[bIndex(i, outShape, aShape)], b[bIndex(i, outShape, bShape)]);
    const e = c.tol === 0 ? (Object.is(out[i], ref) || (out[i] === ref && ref === 0) ? 0 : Infinity) : ulpErr(out[i], ref, dtype);
    if (e > worst) [worst, at] = [e, i];
  }
  if (worst > Math.max(c.tol, 0.5)) throw new Error(`${c.op} ${dtype} ${JSON.stringify([aShape, bShape])}: ${worst} ulp at ${at}`);
}

describe(`binary kernels [${CAP}]`, () => {
  for (const c of BINARY)
    for (const dtype of ['float32', 'float64'] as FDType[]) {
      it(`${c.op} ${dtype}: contiguous lengths, scalar operands and broadcast shapes`, () => {
        const lo = c.lo ?? -50, hi = c.hi ?? 50;
        for (const n of LENGTHS) checkBinary(c, uniform(n, lo, hi, dtype), uniform(n, lo, hi, dtype), [n], [n], dtype);
        for (const [as, bs] of SHAPES) checkBinary(c, uniform(numel(as), lo, hi, dtype), uniform(numel(bs), lo, hi, dtype), as, bs, dtype);
        // tensor op number and number op tensor (binaryScalar, r-variants)
        for (const n of [1, 7, 17, 83]) {
          const a = uniform(n, lo, hi, dtype);
          const s = dtype === 'float32' ? f32(2.75) : 2.75;
          const t = tensorOf(a, dtype);
          const fwd = c.fn(t, s as unknown as Tensor).toTypedArray(), rev = c.fn(s as unknown as Tensor, t).toTypedArray();
          for (let i = 0; i < n; i++) {
            expect(ulpErr(fwd[i], c.ref(a[i], s), dtype)).toBeLessThanOrEqual(Math.max(c.tol, 0.5));
            // number / tensor is PyTorch's `s / x`: x.reciprocal() * s, rounded twice (Note [Scalar-first forms]).
            const rref = c.op !== 'div' ? c.ref(s, a[i]) : dtype === 'float32' ? f32(f32(1 / a[i]) * s) : (1 / a[i]) * s;
            expect(ulpErr(rev[i], rref, dtype)).toBeLessThanOrEqual(Math.max(c.tol, 0.5));
          }
        }
      });
    }
  it('binary edge values: NaN, ±inf, ±0 (float32)', () => {
    const vals = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1, 3.5].map(f32);
    const a: number[] = [], b: number[] = [];
    for (const x of vals) for (const y of vals) (a.push(x), b.push(y));
    for (const c of BINARY.filter((k) => k.op !== 'pow')) {
      const out = c.fn(tensorOf(a, 'float32'), tensorOf(b, 'float32')).toTypedArray();
      for (let i = 0; i < a.length; i++) {
        const ref = c.ref(a[i], b[i]);
        if (c.op === 'maximum' || c.op === 'minimum') {
          if (Number.isNaN(ref)) expect(out[i]).toBeNaN();
          else expect(out[i] === ref).toBe(true); // ±0 ties may return either zero (Vec contract)
        } else expect(ulpErr(out[i], f32(ref), 'float32')).toBe(0);
      }
    }
  });
  it('pow special exponents (2, 0.5, -1, 1) and general ones', () => {
    const a = uniform(83, 0.01, 30, 'float32');
    for (const e of [2, 3, 0.5, -0.5, -1, -2, 1, 1.7, -2.3, 0]) {
      const out = tg.pow(tensorOf(a, 'float32'), e).toTypedArray();
      for (let i = 0; i < a.length; i++) expect(ulpErr(out[i], Math.pow(a[i], f32(e)), 'float32')).toBeLessThanOrEqual(1); // exponent cast to float32 (PyTorch)
    }
  });
  it('comparisons broadcast and treat NaN as unordered', () => {
    const ops: [string, (a: Tensor, b: Tensor) => Tensor, (a: number, b: number) => boolean][] = [
      ['eq', tg.eq, (x, y) => x === y], ['ne', tg.ne, (x, y) => x !== y], ['lt', tg.lt, (x, y) => x < y],
      ['le', tg.le, (x, y) => x <= y], ['gt', tg.gt, (x, y) => x > y], ['ge', tg.ge, (x, y) => x >= y],
    ];
    const a = [NaN, 1, 2, 3, -0, 0, Infinity, 2, 2, 5, 1, 0, 3, -1, 4, 9, 2].map(f32);
    const b = [2, NaN, 0];
    for (const [name, fn, ref] of ops) {
      const out = fn(tensorOf(a, 'float32', [17, 1]), tensorOf(b, 'float32', [1, 3])).toTypedArray();
      for (let i = 0; i < 17; i++) for (let j = 0; j < 3; j++) expect(out[i * 3 + j], `${name}(${a[i]}, ${b[j]})`).toBe(Number(ref(a[i], b[j])));
    }
  });
  it('fused backward kernels: tanh_backward, sigmoid_backward, threshold_backward', () => {
    for (const n of LENGTHS) {
      const g = uniform(n, -3, 3, 'float32'), y = uniform(n, -1, 1, 'float32');
      if (n) y[0] = 0;
      const tb = native.binary(BinaryOp.tanh_backward, g, y) as Float32Array;
      const sb = native.binary(BinaryOp.sigmoid_backward, g, y) as Float32Array;
      const th = native.binary(BinaryOp.threshold_backward, g, y) as Float32Array;
      for (let i = 0; i < n; i++) {
        // float32 steps, with or without an FMA contraction of 1 - y*y
        const t1 = f32(g[i] * f32(1 - f32(y[i] * y[i]))), t2 = f32(g[i] * f32(1 - y[i] * y[i]));
        expect(Math.min(ulpErr(tb[i], t1, 'float32'), ulpErr(tb[i], t2, 'float32'))).toBeLessThanOrEqual(1);
        expect(ulpErr(sb[i], f32(g[i] * f32(f32(1 - y[i]) * y[i])), 'float32')).toBeLessThanOrEqual(1);
        expect(th[i]).toBe(y[i] <= 0 ? 0 : g[i]);
      }
    }
    const th = native.binary(BinaryOp.threshold_backward, new Float32Array([5, 5, 5]), new Float32Array([NaN, -0, 1e-45]));
    expect(Array.from(th)).toEqual([5, 0, 5]);
  });
});

// ---- where / clamp ----
describe(`where and clamp kernels [${CAP}]`, () => {
  const whereShapes: [number[], number[], number[]][] = [
    [[17], [17], [17]], [[3, 1], [1, 5], [3, 5]], [[2, 1, 4], [4], []], [[], [7, 3], [3]], [[33], [], [33]], [[5, 1, 1], [1, 6, 1], [1, 1, 7]],
    [[0], [0], [1]],
  ];
  for (const dtype of ['float32', 'float64', 'int32', 'bool'] as const)
    it(`where ${dtype}: lengths and broadcast shapes`, () => {
      const make = (n: number): Storage => {
        const a = native.alloc(['float32', 'float64', 'int32', 'bool'].indexOf(dtype), n);
        for (let i = 0; i < n; i++) a[i] = dtype === 'bool' ? Number(rnd() < 0.5) : Math.round(rnd() * 200 - 100) + (dtype.startsWith('float') ? 0.25 : 0);
        return a;
      };
      const cases: [number[], number[], number[]][] = [...LENGTHS.map((n) => [[n], [n], [n]] as [number[], number[], number[]]), ...whereShapes];
      for (const [cs, as, bs] of cases) {
        const c = new Uint8Array(numel(cs)).map(() => Number(rnd() < 0.5));
        const a = make(numel(as)), b = make(numel(bs));
        const os = broadcastRef(broadcastRef(cs, as), bs);
        const out = native.where(c, a, b, cs, as, bs, os);
        expect(out.length).toBe(numel(os));
        for (let i = 0; i < out.length; i++)
          expect(out[i]).toBe(c[bIndex(i, os, cs)] ? a[bIndex(i, os, as)] : b[bIndex(i, os, bs)]);
        if (numel(cs) === numel(as) && numel(as) === numel(bs) && cs.length === 1) {
          expect(sameBits(native.where(c, a, b), out)).toBe(true);
        }
      }
    });
  it('where rejects mismatched storage', () => {
    expect(() => native.where(new Uint8Array(2), new Float32Array(2), new Float64Array(2))).toThrow(TypeError);
    expect(() => native.where(new Uint8Array(2), new Float32Array(2), new Float32Array(3))).toThrow(RangeError);
    expect(() => native.where(new Uint8Array(2), new Float32Array(2), new Float32Array(3), [2], [2], [3], [3])).toThrow(/where/);
  });
  for (const dtype of ['float32', 'float64'] as FDType[])
    it(`clamp ${dtype}: bounds, one-sided, min > max, NaN`, () => {
      const ref = (x: number, lo: number | null, hi: number | null): number => {
        if (x !== x) return NaN;
        let r = x;
        if (lo !== null && !(lo !== lo) && r < lo) r = lo;
        if (hi !== null && !(hi !== hi) && r > hi) r = hi;
        return r;
      };
      for (const n of LENGTHS) {
        const a = uniform(n, -10, 10, dtype);
        if (n > 2) [a[0], a[1], a[2]] = [NaN, -Infinity, Infinity];
        for (const [lo, hi] of [[-2.5, 3], [null, 1], [-1, null], [4, -4], [NaN, 2], [0, 0]] as [number | null, number | null][]) {
          const out = native.clamp(a, lo, hi);
          for (let i = 0; i < n; i++) {
            const want = ref(a[i], lo === null ? null : dtype === 'float32' ? f32(lo) : lo, hi === null ? null : dtype === 'float32' ? f32(hi) : hi);
            if (Number.isNaN(want)) expect(out[i]).toBeNaN();
            else expect(out[i]).toBe(want);
          }
        }
      }
      expect(Object.is(native.clamp(dtype === 'float32' ? new Float32Array([-0]) : new Float64Array([-0]), -1, 1)[0], -0)).toBe(true);
    });
  it('clamp int32 and in-place output', () => {
    const a = new Int32Array([-2147483648, -7, 0, 5, 2147483647]);
    expect(Array.from(native.clamp(a, -5, 3))).toEqual([-5, -5, 0, 3, 3]);
    const b = new Float32Array([1, -9, 9]);
    expect(native.clamp(b, -1, 1, b)).toBe(b);
    expect(Array.from(b)).toEqual([1, -1, 1]);
  });
});

// ---- reductions ----
function refReduce(x: ArrayLike<number>, shape: number[], dims: number[], op: 'sum' | 'prod' | 'max' | 'min' | 'sumsq'): { out: number[]; abs: number[] } {
  const outShape = shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const size = numel(outShape);
  const init = op === 'prod' ? 1 : op === 'max' ? -Infinity : op === 'min' ? Infinity : 0;
  const out = new Array<number>(size).fill(init), abs = new Array<number>(size).fill(0);
  const comp = new Array<number>(size).fill(0); // Neumaier compensation: the float64 reference must beat the kernel
  for (let i = 0; i < x.length; i++) {
    let rem = i, o = 0, stride = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      const c = rem % shape[d];
      rem = Math.floor(rem / shape[d]);
      if (!dims.includes(d)) o += c * stride;
      stride *= outShape[d];
    }
    const v = x[i];
    if (op === 'sum' || op === 'sumsq') {
      const t = op === 'sum' ? v : v * v, s = out[o] + t;
      comp[o] += Math.abs(out[o]) >= Math.abs(t) ? out[o] - s + t : t - s + out[o];
      out[o] = s;
    }
    else if (op === 'prod') out[o] *= v;
    else if (op === 'max') out[o] = out[o] !== out[o] || v !== v ? NaN : Math.max(out[o], v);
    else out[o] = out[o] !== out[o] || v !== v ? NaN : Math.min(out[o], v);
    abs[o] += op === 'sumsq' ? v * v : Math.abs(v);
  }
  for (let o = 0; o < size; o++) out[o] += comp[o];
  return { out, abs };
}

const REDUCE_SHAPES: [number[], number[]][] = [
  ...LENGTHS.filter((n) => n > 0).map((n) => [[n], [0]] as [number[], number[]]),
  [[5, 83], [1]], [[83, 5], [0]], [[3, 33, 7], [1]], [[17, 3, 2], [0, 2]], [[4, 31], [0]], [[2, 9, 17], [0]], [[2, 9, 17], [2]],
  [[70000, 3], [0]], [[100, 1030], [0]], [[3, 300001], [1]], [[1, 17, 1], [1]], [[9, 1, 5], [0, 1]], [[0, 4], [0]], [[4, 0], [1]],
];

describe(`reduction kernels [${CAP}]`, () => {
  const ops: { name: 'sum' | 'prod' | 'max' | 'min' | 'sumsq'; run: (t: Tensor, dims: number[]) => Tensor }[] = [
    { name: 'sum', run: (t, dims) => tg.sum(t, dims) },
    { name: 'prod', run: (t, dims) => (dims.length === 1 ? tg.prod(t, dims[0]) : tg.prod(tg.prod(t, dims[1]), dims[0])) },
    { name: 'max', run: (t, dims) => (dims.length === t.ndim ? tg.max(t) : (tg.max(t, dims[0]) as unknown as [Tensor])[0]) },
    { name: 'min', run: (t, dims) => (dims.length === t.ndim ? tg.min(t) : (tg.min(t, dims[0]) as unknown as [Tensor])[0]) },
    { name: 'sumsq', run: (t, dims) => wrapSumsq(t, dims) },
  ];
  function wrapSumsq(t: Tensor, dims: number[]): Tensor {
    const data = dims.length === t.ndim ? native.reduceAll(ReduceOp.sumsq, t._data as Storage) : native.reduceDims(ReduceOp.sumsq, t._data as Storage, t.shape, t.shape.map((_, k) => dims.includes(k)));
    return tg.tensor(Array.from(data), { dtype: t.dtype });
  }
  for (const dtype of ['float32', 'float64'] as FDType[])
    for (const op of ops)
      it(`${op.name} ${dtype}: rows, columns, [outer, R, inner], tall and wide shapes`, () => {
        const eps = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
        for (const [shape, dims] of REDUCE_SHAPES) {
          if ((op.name === 'max' || op.name === 'min') && (dims.length > 1 && dims.length !== shape.length || numel(shape) === 0)) continue;
          if (op.name === 'prod' && dims.length > 1 && dims.length !== shape.length) continue;
          const n = numel(shape);
          const x = op.name === 'prod' ? uniform(n, 0.99, 1.01, dtype) : uniform(n, -4, 6, dtype);
          const got = op.run(tensorOf(x, dtype, shape), dims).toTypedArray();
          const { out, abs } = refReduce(x, shape, dims, op.name);
          expect(got.length).toBe(out.length);
          for (let i = 0; i < out.length; i++) {
            if (op.name === 'max' || op.name === 'min') expect(got[i]).toBe(out[i]);
            else if (op.name === 'prod') expect(Math.abs(got[i] - out[i])).toBeLessThanOrEqual(64 * eps * Math.log2(n + 2) * Math.abs(out[i]) + 1e-300);
            // cascade summation: error grows like log(n), far below the n * eps of a running sum
            else expect(Math.abs(got[i] - out[i]), `${op.name}${JSON.stringify(shape)} @${i}`).toBeLessThanOrEqual(32 * eps * abs[i] + ulpOf(out[i], dtype));
          }
        }
      });
  it('max/min propagate NaN along rows and columns', () => {
    const x = uniform(5 * 37, -1, 1, 'float32');
    x[2 * 37 + 20] = NaN;
    const rows = (tg.max(tensorOf(x, 'float32', [5, 37]), 1) as unknown as [Tensor])[0].toTypedArray();
    expect(Number.isNaN(rows[2]) && !Number.isNaN(rows[1])).toBe(true);
    const cols = (tg.min(tensorOf(x, 'float32', [5, 37]), 0) as unknown as [Tensor])[0].toTypedArray();
    expect(Number.isNaN(cols[20]) && !Number.isNaN(cols[19])).toBe(true);
    expect(tg.max(tensorOf(x, 'float32')).item()).toBeNaN();
  });
  it('float32 sum of 1e7 copies of 0.1 keeps ~7 digits (cascade), dot and norm too', () => {
    const n = 10_000_000, v = f32(0.1);
    const x = tg.full([n], v);
    expect(Math.abs((tg.sum(x).item() as number) - n * v) / (n * v)).toBeLessThan(1e-6);
    expect(Math.abs((tg.dot(x, x).item() as number) - n * v * v) / (n * v * v)).toBeLessThan(1e-6);
    expect(Math.abs((tg.norm(x).item() as number) - Math.sqrt(n) * v) / (Math.sqrt(n) * v)).toBeLessThan(1e-6);
    const col = tg.sum(x.reshape([n / 4, 4]), 0).toTypedArray();
    for (const c of col) expect(Math.abs(c - (n / 4) * v) / ((n / 4) * v)).toBeLessThan(1e-6);
  });
  it('dot at lengths around W', () => {
    for (const dtype of ['float32', 'float64'] as FDType[])
      for (const n of LENGTHS) {
        const a = uniform(n, -2, 2, dtype), b = uniform(n, -2, 2, dtype);
        let ref = 0, abs = 0;
        for (let i = 0; i < n; i++) (ref += a[i] * b[i], abs += Math.abs(a[i] * b[i]));
        const got = tg.dot(tensorOf(a, dtype), tensorOf(b, dtype)).item() as number;
        expect(Math.abs(got - ref)).toBeLessThanOrEqual(8 * (dtype === 'float32' ? 2 ** -24 : 2 ** -53) * abs + 1e-300);
      }
  });
});

// ---- argmax / argmin ----
function refArg(x: ArrayLike<number>, outer: number, n: number, inner: number, isMax: boolean): number[] {
  const out: number[] = [];
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      let best = x[o * n * inner + i], bi = 0;
      for (let r = 1; r < n && best === best; r++) {
        const v = x[(o * n + r) * inner + i];
        if (v !== v || (isMax ? v > best : v < best)) [best, bi] = [v, r];
      }
      out.push(bi);
    }
  return out;
}

describe(`argmax/argmin kernels [${CAP}]`, () => {
  const shapes: [number[], number][] = [
    ...LENGTHS.filter((n) => n > 0).map((n) => [[n], 0] as [number[], number]),
    [[4, 83], 1], [[83, 5], 0], [[3, 33, 19], 1], [[3, 33, 19], -1], [[2, 17, 40], 0], [[], 0], [[5, 1], 1], [[1000], 0],
  ];
  for (const dtype of ['float32', 'float64', 'int32'] as const)
    for (const isMax of [true, false])
      it(`${isMax ? 'argmax' : 'argmin'} ${dtype}: first occurrence, NaN wins`, () => {
        for (const withNaN of [false, true])
          for (const [shape, dim] of shapes) {
            const total = numel(shape);
            const x = native.alloc(['float32', 'float64', 'int32'].indexOf(dtype), total);
            for (let i = 0; i < total; i++) x[i] = Math.floor(rnd() * 7) - 3; // many ties
            if (withNaN && dtype !== 'int32') for (let i = 0; i < total; i++) if (rnd() < 0.03) x[i] = NaN;
            const d = shape.length === 0 ? 0 : (dim + shape.length) % shape.length;
            const outer = numel(shape.slice(0, d)), n = shape.length === 0 ? 1 : shape[d], inner = numel(shape.slice(d + 1));
            const got = (isMax ? native.argmax : native.argmin).call(native, x, shape, dim);
            expect(got).toBeInstanceOf(BigInt64Array);
            expect(Array.from(got, Number), `${JSON.stringify(shape)} dim ${dim}`).toEqual(refArg(x, outer, n, inner, isMax));
          }
      });
  it('argmax rejects a zero-size dim and a bad dim', () => {
    expect(() => native.argmax(new Float32Array(0), [3, 0], 1)).toThrow(RangeError);
    expect(() => native.argmax(new Float32Array(6), [3, 2], 2)).toThrow(/dimension out of range/);
  });
});

// ---- softmax ----
function refSoftmax(x: ArrayLike<number>, outer: number, n: number, inner: number, log: boolean): number[] {
  const out = new Array<number>(x.length);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const at = (r: number): number => (o * n + r) * inner + i;
      let m = -Infinity;
      for (let r = 0; r < n; r++) m = x[at(r)] !== x[at(r)] || m !== m ? NaN : Math.max(m, x[at(r)]);
      let s = 0;
      for (let r = 0; r < n; r++) s += Math.exp(x[at(r)] - m);
      for (let r = 0; r < n; r++) out[at(r)] = log ? x[at(r)] - m - Math.log(s) : Math.exp(x[at(r)] - m) / s;
    }
  return out;
}

describe(`softmax kernels [${CAP}]`, () => {
  const shapes: [number[], number][] = [
    ...LENGTHS.filter((n) => n > 0).map((n) => [[n], 0] as [number[], number]),
    [[3, 83], 1], [[83, 5], 0], [[2, 33, 19], 1], [[2, 17, 9], -1], [[4, 1], 1], [[], 0], [[0, 5], 1],
  ];
  for (const dtype of ['float32', 'float64'] as FDType[])
    for (const log of [false, true])
      it(`${log ? 'logSoftmax' : 'softmax'} ${dtype} forward and backward`, () => {
        const eps = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
        for (const [shape, dim] of shapes) {
          const total = numel(shape);
          const d = shape.length === 0 ? 0 : (dim + shape.length) % shape.length;
          const outer = numel(shape.slice(0, d)), n = shape.length === 0 ? 1 : shape[d], inner = numel(shape.slice(d + 1));
          const x = uniform(total, -8, 8, dtype);
          if (total > 5) [x[1], x[4]] = [1000, -Infinity]; // max subtraction keeps exp finite; -inf gives 0 / -inf
          const y = (log ? native.logSoftmax : native.softmax).call(native, x, shape, dim);
          const ref = refSoftmax(x, outer, n, inner, log);
          for (let i = 0; i < total; i++) {
            const tol = log ? 16 * eps * (Math.abs(ref[i]) + Math.log(n) + 1) : 32 * eps * Math.abs(ref[i]) + 1e-300;
            if (ref[i] === -Infinity) expect(y[i]).toBe(-Infinity);
            else expect(Math.abs(y[i] - ref[i]), `${JSON.stringify(shape)} @${i}`).toBeLessThanOrEqual(tol);
          }
          // backward from the kernel's own output
          const g = uniform(total, -1, 1, dtype);
          const gx = (log ? native.logSoftmaxBackward : native.softmaxBackward).call(native, g, y, shape, dim);
          for (let o = 0; o < outer; o++)
            for (let i = 0; i < inner; i++) {
              const at = (r: number): number => (o * n + r) * inner + i;
              let s = 0, sabs = 0;
              for (let r = 0; r < n; r++) {
                const t = log ? g[at(r)] : g[at(r)] * y[at(r)];
                s += t;
                sabs += Math.abs(t);
              }
              for (let r = 0; r < n; r++) {
                const k = at(r);
                const want = log ? g[k] - Math.exp(y[k]) * s : (g[k] - s) * y[k];
                const scale = log ? Math.abs(g[k]) + Math.exp(y[k]) * sabs : (Math.abs(g[k]) + sabs) * Math.abs(y[k]);
                expect(Math.abs(gx[k] - want), `bw ${JSON.stringify(shape)} @${k}`).toBeLessThanOrEqual(32 * eps * scale + 1e-300);
              }
            }
        }
      });
  it('softmax of a row of -inf is NaN, of equal values is uniform', () => {
    expect(Array.from(native.softmax(new Float32Array([-Infinity, -Infinity]), [2], 0)).every(Number.isNaN)).toBe(true);
    expect(Array.from(native.softmax(new Float32Array(17).fill(3), [17], 0))).toEqual(new Array(17).fill(f32(1 / 17)));
  });
  // Note [softmax underflow]: lanes far below the row max skip exp unless one lies in the subnormal band; the
  // band's values must still come out (not zero), and everything below it exactly zero.
  it('float32 scores in the subnormal band keep their exp; below it and -inf give exactly 0', () => {
    const band = [-88.5, -95, -103.5, -104, -104.5, -150, -Infinity];
    for (const [n, inner] of [[5, 1], [16, 1], [40, 1], [16, 3]]) {
      const x = new Float32Array(n * inner);
      for (let i = 0; i < x.length; i++) x[i] = i < inner ? 0 : i % 3 === 0 ? band[(i / 3) % band.length | 0] : -(i % 5);
      for (const log of [false, true]) {
        const y = (log ? native.logSoftmax : native.softmax).call(native, x, [n, inner], 0);
        const ref = refSoftmax(x, 1, n, inner, log);
        for (let i = 0; i < x.length; i++) {
          if (ref[i] === -Infinity) expect(y[i]).toBe(-Infinity);
          else if (!log && x[i] < -104) expect(y[i], `n=${n} @${i}`).toBe(0);
          else expect(Math.abs(y[i] - ref[i]), `n=${n} inner=${inner} @${i}`).toBeLessThanOrEqual((log ? 16 : 32) * 2 ** -24 * Math.abs(ref[i]) + 2 ** -148);
        }
        if (!log) expect(y[3]).toBeGreaterThan(0); // x[3] = -95: exp is a subnormal, not flushed
      }
    }
  });
});

// ---- thread-count independence ----
describe(`fused mul/div/pow backward [${CAP}]`, () => {
  // Note [Fused binary backward]: both grads in one pass, bit-identical to the formulas' separate ops.
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: equals g*other, g*self and g/other, (-g)*((self/other)/other) at lengths around W`, () => {
      for (const n of [...LENGTHS, 40_000, 100_003]) {
        const g = tensorOf(uniform(n, -3, 3, dtype), dtype), a = tensorOf(uniform(n, -5, 5, dtype), dtype);
        const b = tensorOf(uniform(n, 0.25, 4, dtype), dtype);
        const outs = () => [new (dtype === 'float32' ? Float32Array : Float64Array)(n), new (dtype === 'float32' ? Float32Array : Float64Array)(n)];
        const [ma, mb] = outs(), [da, db] = outs();
        native.binaryBackward(0, g._data as Storage, a._data as Storage, b._data as Storage, null, ma, mb);
        native.binaryBackward(1, g._data as Storage, a._data as Storage, b._data as Storage, null, da, null);
        native.binaryBackward(1, g._data as Storage, a._data as Storage, b._data as Storage, null, null, db);
        expect(sameBits(ma, tg.mul(g, b)._data as Storage), `mul grad self n=${n}`).toBe(true);
        expect(sameBits(mb, tg.mul(g, a)._data as Storage), `mul grad other n=${n}`).toBe(true);
        expect(sameBits(da, tg.div(g, b)._data as Storage), `div grad self n=${n}`).toBe(true);
        expect(sameBits(db, tg.mul(tg.neg(g), tg.div(tg.div(a, b), b))._data as Storage), `div grad other n=${n}`).toBe(true);
        // pow over bases with zeros and negatives and exponents with zeros and integers (edge branches)
        const x = tensorOf(Array.from(uniform(n, -2, 3, dtype), (v, i) => (i % 7 === 0 ? 0 : i % 11 === 0 ? -v : v)), dtype);
        const e = tensorOf(Array.from(uniform(n, -2, 2.5, dtype), (v, i) => (i % 5 === 0 ? 0 : i % 3 === 0 ? Math.round(v) : v)), dtype);
        const r = tg.pow(x, e);
        const [pa, pb] = outs();
        native.binaryBackward(2, g._data as Storage, x._data as Storage, e._data as Storage, r._data as Storage, pa, pb);
        const wantA = tg.where(tg.eq(e, 0), 0, tg.mul(g, tg.mul(e, tg.pow(x, tg.sub(e, 1)))));
        const wantB = tg.where(tg.mul(tg.eq(x, 0), tg.ge(e, 0)), 0, tg.mul(g, tg.mul(r, tg.log(x))));
        expect(sameBits(pa, wantA._data as Storage), `pow grad self n=${n}`).toBe(true);
        expect(sameBits(pb, wantB._data as Storage), `pow grad exponent n=${n}`).toBe(true);
      }
    });
  }
  it('backward takes the fused path only when it may, with the same grads', () => {
    const a = tg.randn([300], { requiresGrad: true }), b = tg.randn([300], { requiresGrad: true });
    const f = () => a.mul(b).div(b.abs().add(1)).pow(b.sigmoid()).sum();
    f().backward();
    const fused = [a.grad!.tolist(), b.grad!.tolist()];
    a.grad = null;
    b.grad = null;
    f().backward({ createGraph: true }); // formulas as ops
    expect([a.grad!.tolist(), b.grad!.tolist()]).toEqual(fused);
  });
  it('rejects mismatched operands in C++', () => {
    const f = new Float32Array(8), d = new Float64Array(8);
    expect(() => native.binaryBackward(0, f, f, new Float32Array(7), null, f, null)).toThrow(/binaryBackward: other has 7 elements/);
    expect(() => native.binaryBackward(1, f, f, f, null, d, null)).toThrow(/binaryBackward: the self grad has 8 elements of float64/);
    expect(() => native.binaryBackward(2, f, f, f, null, f, f)).toThrow(/binaryBackward: pow needs its result/);
    expect(() => native.binaryBackward(3, f, f, f, f, f, f)).toThrow(/op must be 0 \(mul\), 1 \(div\) or 2 \(pow\)/);
  });
});

describe(`gather (transpose and permute copies) [${CAP}]`, () => {
  // Small shapes take the element-wise path, those of at least a 64-byte tile the blocked one
  // (Note [Blocked transpose]); ragged edges, batches and every dtype go through both.
  const cases: [number[], number, number][] = [
    [[5, 7], 0, 1], [[16, 16], 0, 1], [[17, 33], 0, 1], [[64, 300], 0, 1], [[300, 9], 0, 1],
    [[3, 40, 18], 1, 2], [[2, 3, 17, 70], 2, 3], [[20, 3, 33], 0, 2], [[70, 65], 1, 0],
  ];
  const saved = tg.getNumThreads();
  afterAll(() => tg.setNumThreads(saved));
  for (const dtype of ['float32', 'float64', 'int32', 'bool'] as const) {
    for (const [shape, d0, d1] of cases) {
      it(`${dtype} transpose(${d0}, ${d1}) of ${JSON.stringify(shape)} matches index arithmetic, 1 and 2 threads`, () => {
        const n = numel(shape);
        const vals = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? (i * 7) % 3 === 0 : (i * 37) % 1001));
        const x = tg.tensor(vals as number[], { dtype }).reshape(shape);
        const outShape = shape.slice();
        [outShape[d0], outShape[d1]] = [shape[d1], shape[d0]];
        const inStrides = shape.map((_, i) => numel(shape.slice(i + 1)));
        const want = new Array<number>(n);
        const idx = new Array<number>(shape.length).fill(0);
        for (let o = 0; o < n; o++) {
          let rem = o, src = 0;
          for (let d = shape.length - 1; d >= 0; d--) {
            idx[d] = rem % outShape[d];
            rem = Math.floor(rem / outShape[d]);
          }
          for (let d = 0; d < shape.length; d++) src += idx[d] * inStrides[d === d0 ? d1 : d === d1 ? d0 : d];
          want[o] = Number(vals[src]);
        }
        for (const threads of [1, 2]) {
          tg.setNumThreads(threads);
          const got = tg.transpose(x, d0, d1);
          expect(got.shape).toEqual(outShape);
          expect(Array.from(got._data as ArrayLike<number>).map(Number)).toEqual(want);
        }
      });
    }
  }
});

describe(`thread-count independence [${CAP}]`, () => {
  const saved = tg.getNumThreads();
  afterAll(() => tg.setNumThreads(saved));
  it('elementwise kernels on 1e6+7 elements are bit-identical with 1 and 2 threads', () => {
    const n = 1_000_007;
    const x = tg.tensor(Array.from(uniform(n, -20, 20, 'float32')), { dtype: 'float32' });
    const y = tg.tensor(Array.from(uniform(n, 0.5, 3, 'float32')), { dtype: 'float32' });
    const cond = tg.gt(y, 1.5);
    const runs: [string, () => Storage][] = [
      ...UNARY.map((c) => [c.op, () => c.fn(c.logDomain ? y : x)._data as Storage] as [string, () => Storage]),
      ['add', () => tg.add(x, y)._data as Storage],
      ['div', () => tg.div(x, y)._data as Storage],
      ['maximum', () => tg.maximum(x, y)._data as Storage],
      ['pow', () => tg.pow(y, x)._data as Storage],
      ['mul scalar', () => tg.mul(x, 1.37)._data as Storage],
      ['tanh_backward', () => native.binary(BinaryOp.tanh_backward, x._data as Storage, y._data as Storage)],
      ['where', () => native.where(cond._data as Uint8Array, x._data as Storage, y._data as Storage)],
      ['clamp', () => native.clamp(x._data as Storage, -3, 4)],
      ['softmax', () => native.softmax(x._data as Storage, [29, 34483], 1)],
      ['logSoftmax dim 0', () => native.logSoftmax(x._data as Storage, [29, 34483], 0)],
      ['argmax dim 0', () => native.argmax(x._data as Storage, [29, 34483], 0)],
      ['sum', () => tg.sum(x)._data as Storage],
      ['sum dim 0', () => tg.sum(x.reshape([29, 34483]), 0)._data as Storage],
      ['sum dim 1', () => tg.sum(x.reshape([29, 34483]), 1)._data as Storage],
      ['dot', () => tg.dot(x, y)._data as Storage],
      ['erf', () => native.unary(UnaryOp.erf, x._data as Storage)],
    ];
    const one: Storage[] = [], two: Storage[] = [];
    tg.setNumThreads(1);
    for (const [, run] of runs) one.push(run().slice() as Storage);
    tg.setNumThreads(2);
    for (const [, run] of runs) two.push(run().slice() as Storage);
    for (let k = 0; k < runs.length; k++) expect(sameBits(one[k], two[k]), runs[k][0]).toBe(true);
  });
});
