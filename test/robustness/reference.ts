// A naive reference for the fuzzed ops (add sub mul div neg exp tanh sigmoid relu sum mean matmul reshape
// transpose, with NumPy broadcasting; views, integer indexing, gather and in-place writes through views as
// position maps) and their gradients: plain loops over plain arrays, tape-based reverse
// mode. Deliberately independent of lib/ so it can judge it. Every value carries an error bound (see Note
// [Reference error bounds]) so float32 results can be judged against it as tightly as rounding allows.
//
// Note [Reference error bounds]
// Each value v of a Ref (forward data, and grads) carries e >= 0: a bound on |v - x| and on |t - x|, where x is
// the exact result of the program on the (dtype-rounded) leaf values and t is what any implementation that
// rounds each op as stated below computes. The test accepts tensorgrad's t when |t - v| <= 2e (both within e
// of x). e = Infinity means "no usable bound" (the element is not compared). The reference computes each op in
// float64 from its inputs and rounds the result to the dtype (Math.fround for float32), so float32 overflow
// and underflow happen where tensorgrad's do. Per op, with u the unit roundoff (2^-24 float32, 2^-53 float64),
// ulp(v) = max(2u|v|, smallest subnormal), and d, da, db the inputs' bounds (first order, plus the exact
// second-order terms where they are cheap):
// - + - * / (JS path and native kernels are IEEE, correctly rounded): 0.5 ulp of the result, plus the inputs'
//   propagated bounds: da + db; |b|da + |a|db + da*db; (da + |v|db) / (|b| - db) (Infinity if |b| <= db).
//   A JS number operand of a float32 op counts as rounded to float32 (either rounding choice is within it).
// - exp, tanh, sigmoid: 2 ulp (float32) / 4 ulp (float64), the accuracy goals met by native/cpu/vec/vec_math.h
//   (docs/numerics.md measures <= 1.5 / 2.1 ulp); the reference's Math.exp/Math.tanh (<= 1 ulp in float64)
//   is within that. Propagation by the derivative's maximum on [x - d, x + d]: exp: |v| expm1(d); tanh:
//   d (1 - max(0, |v| - d)^2); sigmoid: d * max of s(1 - s) over [v - d/4, v + d/4].
// - neg, relu, reshape, transpose: exact; relu is 1-Lipschitz (d). relu's backward selects the grad where the
//   result is > 0 or NaN (PyTorch's threshold_backward: `result <= 0 ? 0 : grad`); where the input's sign is
//   not determined (|x| <= d) the selected grad is g or 0: bound |g| + dg.
// - sum / mean of n terms (also the broadcast reductions of backward and every matmul dot of length k, whose
//   n products add k roundings): sum of the terms' bounds + n u sum|terms| (+ 0.5 ulp for mean's division):
//   the standard bound for a sum in any order (pairwise, cascade, SIMD lanes or threads), scaled by sum|terms|,
//   i.e. by the condition number of the sum.
// - Backward formulas are evaluated as PyTorch writes them (div's other: -g * ((self / other) / other)); a
//   grad accumulated from m uses adds u * sum|contributions| per add.
// Special values: a NaN or +-inf result of a non-finite exact computation on inputs with finite bounds is
// exact (e = 0): tensorgrad must produce the same NaN / inf. A finite result whose bound reaches the dtype's
// largest finite value (it may overflow in one order and not in another) has e = Infinity; so does anything
// computed from an element with e = Infinity. A float32 overflow of a finite exact result is exact when even
// |x| - e overflows. Subnormal inputs and results are ordinary values here (ulp = smallest subnormal).
export interface Precision {
  name: 'float32' | 'float64';
  u: number;
  /** Smallest subnormal. */
  tiny: number;
  max: number;
  round: (x: number) => number;
  /** exp / tanh / sigmoid bound in ulps. */
  transUlps: number;
}
export const F64: Precision = { name: 'float64', u: 2 ** -53, tiny: 2 ** -1074, max: Number.MAX_VALUE, round: (x) => x, transUlps: 4 };
export const F32: Precision = { name: 'float32', u: 2 ** -24, tiny: 2 ** -149, max: 3.4028234663852886e38, round: Math.fround, transUlps: 2 };
let P: Precision = F64;
/** Sets the dtype the following reference ops round to. */
export function setPrecision(p: Precision): void {
  P = p;
}

export class Ref {
  grad: Float64Array | null = null;
  gradErr: Float64Array | null = null;
  /** Per grad element, the sum of |contributions| so far (accumulation rounding). */
  gradAbs: Float64Array | null = null;
  backwardFn: ((g: Float64Array, ge: Float64Array) => void) | null = null;
  parents: Ref[] = [];
  readonly err: Float64Array;
  constructor(readonly shape: number[], readonly data: Float64Array, readonly requiresGrad = false, err?: Float64Array) {
    this.err = err ?? new Float64Array(data.length);
  }
  get numel(): number {
    return this.data.length;
  }
}

const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
function strides(s: readonly number[]): number[] {
  const r = new Array(s.length);
  let acc = 1;
  for (let i = s.length - 1; i >= 0; i--) {
    r[i] = acc;
    acc *= s[i];
  }
  return r;
}

// ---- error-bounded scalar arithmetic (Note [Reference error bounds]) -------------------------------------------
/** a * b where 0 * inf is 0: products of a bound and a magnitude. */
const sm = (a: number, b: number) => (a === 0 || b === 0 ? 0 : a * b);
const ulp = (v: number) => Math.max(2 * P.u * Math.abs(v), P.tiny);

/**
 * The rounded result of an op and its bound: r is the float64 result from the inputs, prop the propagated
 * input bounds, ulps the op's own rounding bound, certain whether every input bound is finite.
 */
function finish(r: number, prop: number, ulps: number, certain: boolean): [number, number] {
  const v = P.round(r);
  if (!certain) return [v, Infinity];
  // An exactly zero float64 result of exact inputs is exact, sign included (x - x = +0, -0 * 2 = -0, relu(-0)).
  if (prop === 0 && r === 0) return [v, 0];
  if (!Number.isFinite(v)) {
    if (!Number.isFinite(r)) return [v, 0];
    return [v, Math.abs(r) - prop > P.max ? 0 : Infinity]; // float32 overflow of a finite result
  }
  const e = prop + (ulps === 0 ? 0 : ulps * ulp(v));
  if (!(e < Infinity) || Math.abs(v) + 2 * e >= P.max) return [v, Infinity];
  return [v, e];
}

function addE(a: number, da: number, b: number, db: number): [number, number] {
  return finish(a + b, da + db, 0.5, da < Infinity && db < Infinity);
}
/** Whether x's sign (and zero-ness) is determined by its bound: what inf * x and x / 0 depend on. */
const signKnown = (x: number, dx: number) => dx === 0 || Math.abs(x) > dx;
function mulE(a: number, da: number, b: number, db: number): [number, number] {
  // inf * x is +-inf or NaN (x = 0) only once x's sign is known.
  const infOk = (Number.isFinite(a) || signKnown(b, db)) && (Number.isFinite(b) || signKnown(a, da));
  // A product that underflows to 0 is not an exact zero (its sign may be either after further adds).
  // So is a zero whose sign depends on an operand's undetermined sign (0 * b, b = +-0 with a bound).
  const under = a * b === 0 && ((a !== 0 && b !== 0) || !signKnown(a, da) || !signKnown(b, db)) ? P.tiny : 0;
  return finish(a * b, sm(Math.abs(b), da) + sm(Math.abs(a), db) + sm(da, db) + under, 0.5, da < Infinity && db < Infinity && infOk);
}
function divE(a: number, da: number, b: number, db: number): [number, number] {
  const r = a / b;
  const prop = db === 0 ? da / Math.abs(b) : Math.abs(b) <= db ? Infinity : (da + sm(Math.abs(r), db)) / (Math.abs(b) - db);
  // x / 0 is +-inf or NaN (x = 0) once x's sign is known; a divisor whose sign is not known gives no bound.
  const ok = signKnown(b, db) && (b !== 0 || signKnown(a, da));
  // underflow, or a zero whose sign is undetermined: not an exact zero
  const under = r === 0 && ((a !== 0 && Number.isFinite(b)) || !signKnown(a, da)) ? P.tiny : 0;
  return finish(r, Number.isNaN(prop) ? Infinity : prop + under, 0.5, da < Infinity && db < Infinity && ok);
}

/** Sum of terms with bounds: sum of bounds + n u sum|terms| (any summation order), rounded once. */
function sumE(vals: ArrayLike<number>, errs: ArrayLike<number>, extraTerms = 0, start = 0, end = vals.length): [number, number] {
  let s = 0, abs = 0, absFinite = 0, e = 0, certain = true, special = false;
  for (let i = start; i < end; i++) {
    s += vals[i];
    abs += Math.abs(vals[i]);
    if (Number.isFinite(vals[i])) absFinite += Math.abs(vals[i]);
    e += errs[i];
    if (!(errs[i] < Infinity)) certain = false;
    if (!Number.isFinite(vals[i])) special = true;
  }
  const n = end - start + extraTerms;
  // An inf or NaN term makes the sum inf or NaN whatever the order (when every term is determined), unless the
  // finite terms can overflow to the opposite infinity in some order (inf + -inf = NaN).
  if (special) return absFinite >= P.max ? [P.round(s), Infinity] : finish(s, 0, 0, certain);
  if (abs >= P.max) return [P.round(s), Infinity]; // a partial sum may overflow in some order
  return finish(s, e + n * P.u * abs, 0.5, certain);
}

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** For each flat index of `out`, the flat index into a tensor of shape `s` broadcast to it. */
function broadcastIndex(s: readonly number[], out: readonly number[]): Int32Array {
  const n = numel(out);
  const idx = new Int32Array(n);
  const st = strides(s);
  const off = out.length - s.length;
  const ost = strides(out);
  for (let i = 0; i < n; i++) {
    let rem = i, k = 0;
    for (let d = 0; d < out.length; d++) {
      const c = Math.floor(rem / ost[d]);
      rem -= c * ost[d];
      const sd = d - off;
      if (sd >= 0 && s[sd] !== 1) k += c * st[sd];
    }
    idx[i] = k;
  }
  return idx;
}

function node(shape: number[], data: Float64Array, err: Float64Array, parents: Ref[], back: (g: Float64Array, ge: Float64Array) => void): Ref {
  const r = new Ref(shape, data, parents.some((p) => p.requiresGrad), err);
  if (r.requiresGrad) {
    r.parents = parents;
    r.backwardFn = back;
  }
  return r;
}

function accumulate(t: Ref, g: Float64Array, ge: Float64Array): void {
  if (!t.requiresGrad) return;
  if (t.grad === null) {
    t.grad = g.slice();
    t.gradErr = ge.slice();
    t.gradAbs = g.map(Math.abs);
    return;
  }
  const tg = t.grad, te = t.gradErr as Float64Array, ta = t.gradAbs as Float64Array;
  for (let i = 0; i < g.length; i++) {
    ta[i] += Math.abs(g[i]);
    const [v, e] = finish(tg[i] + g[i], te[i] + ge[i] + P.u * ta[i], 0, te[i] < Infinity && ge[i] < Infinity);
    tg[i] = v;
    te[i] = ta[i] >= P.max ? Infinity : e;
  }
}

/** Sums a broadcast grad (over the output shape) back to an operand: one sumE per operand element. */
function reduceGrad(g: Float64Array, ge: Float64Array, idx: Int32Array, n: number): [Float64Array, Float64Array] {
  const out = new Float64Array(n), oe = new Float64Array(n);
  // Group the terms of each output (counting sort on idx).
  const start = new Int32Array(n + 1);
  for (let i = 0; i < idx.length; i++) start[idx[i] + 1]++;
  for (let j = 0; j < n; j++) start[j + 1] += start[j];
  const fill = start.slice(0, n);
  const vals = new Float64Array(g.length), errs = new Float64Array(g.length);
  for (let i = 0; i < idx.length; i++) {
    const k = fill[idx[i]]++;
    vals[k] = g[i];
    errs[k] = ge[i];
  }
  for (let j = 0; j < n; j++) {
    if (start[j + 1] - start[j] === 1) {
      out[j] = 0 + vals[start[j]]; // sums start from +0, as PyTorch's: a sum of -0 is +0
      oe[j] = errs[start[j]];
    } else [out[j], oe[j]] = sumE(vals, errs, 0, start[j], start[j + 1]);
  }
  return [out, oe];
}

type Pair = [number, number];
type BinE = (x: number, dx: number, y: number, dy: number) => Pair;
type GradE = (g: number, dg: number, x: number, dx: number, y: number, dy: number) => Pair;
function binary(a: Ref, b: Ref, f: BinE, ga: GradE, gb: GradE): Ref {
  const shape = broadcastShape(a.shape, b.shape);
  if (!shape) throw new Error('reference: shapes cannot be broadcast');
  const ia = broadcastIndex(a.shape, shape), ib = broadcastIndex(b.shape, shape);
  const n = numel(shape);
  const out = new Float64Array(n), oe = new Float64Array(n);
  for (let i = 0; i < n; i++) [out[i], oe[i]] = f(a.data[ia[i]], a.err[ia[i]], b.data[ib[i]], b.err[ib[i]]);
  return node(shape, out, oe, [a, b], (g, ge) => {
    for (const [t, idx, fn] of [[a, ia, ga], [b, ib, gb]] as const) {
      if (!t.requiresGrad) continue;
      const c = new Float64Array(n), ce = new Float64Array(n);
      for (let i = 0; i < n; i++) [c[i], ce[i]] = fn(g[i], ge[i], a.data[ia[i]], a.err[ia[i]], b.data[ib[i]], b.err[ib[i]]);
      const [r, re] = reduceGrad(c, ce, idx, t.numel);
      accumulate(t, r, re);
    }
  });
}

const negE = (x: number, dx: number): Pair => [-x, dx];
export const add = (a: Ref, b: Ref) => binary(a, b, addE, (g, dg) => [g, dg], (g, dg) => [g, dg]);
export const sub = (a: Ref, b: Ref) => binary(a, b, (x, dx, y, dy) => addE(x, dx, -y, dy), (g, dg) => [g, dg], (g, dg) => negE(g, dg));
export const mul = (a: Ref, b: Ref) => binary(a, b, mulE, (g, dg, _x, _dx, y, dy) => mulE(g, dg, y, dy), (g, dg, x, dx) => mulE(g, dg, x, dx));
export const div = (a: Ref, b: Ref) =>
  binary(a, b, divE, (g, dg, _x, _dx, y, dy) => divE(g, dg, y, dy), (g, dg, x, dx, y, dy) => {
    // PyTorch's -g * ((self / other) / other)
    const [q, dq] = divE(x, dx, y, dy);
    const [q2, dq2] = divE(q, dq, y, dy);
    return mulE(-g, dg, q2, dq2);
  });

/** A number operand: rounded to the dtype, with the rounding as its bound (Note [Reference error bounds]). */
export function scalar(s: number): Ref {
  const v = P.round(s);
  return new Ref([], Float64Array.of(v), false, Float64Array.of(Number.isFinite(s) ? Math.abs(s - v) : 0));
}

/** A leaf: values rounded to the dtype, exact. */
export function leaf(shape: number[], vals: ArrayLike<number>, requiresGrad = true): Ref {
  return new Ref(shape.slice(), Float64Array.from(vals, P.round), requiresGrad);
}

function unary(a: Ref, f: (x: number, dx: number) => Pair, df: (g: number, dg: number, x: number, dx: number, y: number, dy: number) => Pair): Ref {
  const n = a.numel;
  const out = new Float64Array(n), oe = new Float64Array(n);
  for (let i = 0; i < n; i++) [out[i], oe[i]] = f(a.data[i], a.err[i]);
  return node(a.shape.slice(), out, oe, [a], (g, ge) => {
    const c = new Float64Array(n), ce = new Float64Array(n);
    for (let i = 0; i < n; i++) [c[i], ce[i]] = df(g[i], ge[i], a.data[i], a.err[i], out[i], oe[i]);
    accumulate(a, c, ce);
  });
}
const trans = () => P.transUlps;
/** exp / tanh / sigmoid: a zero result is exact only at x = +-0 or +-inf (exp(-1000) is an underflow). */
const transFinish = (x: number, r: number, prop: number, certain: boolean): Pair =>
  finish(r, r === 0 && x !== 0 && Number.isFinite(x) ? prop + P.tiny : prop, trans(), certain);
export const neg = (a: Ref) => unary(a, negE, (g, dg) => negE(g, dg));
export const exp = (a: Ref) =>
  unary(a, (x, dx) => {
    const r = Math.exp(x);
    return transFinish(x, r, dx === 0 ? 0 : Math.abs(r) * Math.expm1(dx), dx < Infinity);
  }, (g, dg, _x, _dx, y, dy) => mulE(g, dg, y, dy));
export const tanh = (a: Ref) =>
  unary(a, (x, dx) => {
    const r = Math.tanh(x);
    const lo = Math.max(0, Math.abs(r) - dx);
    return transFinish(x, r, dx * (1 - lo * lo), dx < Infinity);
  }, (g, dg, _x, _dx, y, dy) => {
    // g * (1 - y * y)
    const [y2, dy2] = mulE(y, dy, y, dy);
    const [w, dw] = addE(1, 0, -y2, dy2);
    return mulE(g, dg, w, dw);
  });
const sig = (x: number) => 1 / (1 + Math.exp(-x));
export const sigmoid = (a: Ref) =>
  unary(a, (x, dx) => {
    const r = sig(x);
    const lo = r - dx / 4, hi = r + dx / 4;
    const s = lo <= 0.5 && hi >= 0.5 ? 0.5 : Math.abs(lo - 0.5) < Math.abs(hi - 0.5) ? lo : hi;
    return transFinish(x, r, dx === 0 ? 0 : dx * Math.max(0, s * (1 - s)), dx < Infinity);
  }, (g, dg, _x, _dx, y, dy) => {
    // g * (y * (1 - y))
    const [w, dw] = addE(1, 0, -y, dy);
    const [p, dp] = mulE(y, dy, w, dw);
    return mulE(g, dg, p, dp);
  });
// PyTorch's relu is clamp_min(x, 0) (relu(-0) = -0, relu(NaN) = NaN); its backward (threshold_backward on the
// result) passes the grad where the result is > 0 or NaN and gives 0 elsewhere, so a NaN or inf grad is blocked
// by selection, not multiplied by 0.
export const relu = (a: Ref) =>
  unary(a, (x, dx) => [x < 0 ? 0 : x, dx], (g, dg, x, dx, y) => {
    const pass = !(y <= 0);
    if (dx > 0 && Math.abs(x) <= dx) return [pass ? g : 0, Math.abs(g) + dg]; // sign of the input undetermined
    return pass ? [g, dg] : [0, 0];
  });

/** sum (or mean) over `dim` (null: all) with keepdim. */
export function reduce(a: Ref, dim: number | null, keepdim: boolean, mean: boolean): Ref {
  const dims = dim === null ? a.shape.map((_, i) => i) : [dim];
  const keptShape = a.shape.map((d, i) => (dims.includes(i) ? 1 : d));
  const outShape = keepdim ? keptShape : a.shape.filter((_, i) => !dims.includes(i));
  const count = dims.reduce((n, d) => n * a.shape[d], 1);
  const idx = broadcastIndex(keptShape, a.shape); // input position -> output position
  const m = numel(keptShape);
  const [s, se] = reduceGrad(a.data, a.err, idx, m);
  // An output of one term is the term (no rounding); of none, +0.
  const out = new Float64Array(m), oe = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    [out[j], oe[j]] = [s[j], se[j]];
    if (mean) [out[j], oe[j]] = divE(out[j], oe[j], count, 0);
  }
  return node(outShape, out, oe, [a], (g, ge) => {
    const c = new Float64Array(a.numel), ce = new Float64Array(a.numel);
    for (let i = 0; i < a.numel; i++) [c[i], ce[i]] = mean ? divE(g[idx[i]], ge[idx[i]], count, 0) : [g[idx[i]], ge[idx[i]]];
    accumulate(a, c, ce);
  });
}

/** Dot products with bounds: sum_p x[p] * y[p] for the given index lists. */
const dotVals = { v: new Float64Array(0), e: new Float64Array(0) };
function dotE(xv: Float64Array, xe: Float64Array, xi: (p: number) => number, yv: Float64Array, ye: Float64Array, yi: (p: number) => number, k: number): Pair {
  if (dotVals.v.length < k) dotVals.v = new Float64Array(k), dotVals.e = new Float64Array(k);
  const vals = dotVals.v, errs = dotVals.e;
  for (let p = 0; p < k; p++) {
    const a = xv[xi(p)], da = xe[xi(p)], b = yv[yi(p)], db = ye[yi(p)];
    vals[p] = a * b;
    const infOk = (Number.isFinite(a) || signKnown(b, db)) && (Number.isFinite(b) || signKnown(a, da));
    // A product rounds by at most u|ab| or, subnormal, one subnormal ulp. An unbounded factor makes the product
    // unbounded even when the other is 0 (it may be inf: inf * 0 = NaN).
    errs[p] = infOk && da < Infinity && db < Infinity ? sm(Math.abs(b), da) + sm(Math.abs(a), db) + sm(da, db) + (a === 0 || b === 0 ? 0 : P.tiny) : Infinity;
  }
  if (k === 0) return [0, 0];
  // k products' roundings plus the sum's (sumE's n u sum|terms| with n = 2k covers both).
  return sumE(vals, errs, k, 0, k);
}

export function matmul(a: Ref, b: Ref): Ref {
  const [m, k] = a.shape, [k2, n] = b.shape;
  if (a.shape.length !== 2 || b.shape.length !== 2 || k !== k2) throw new Error('reference: matmul needs [m,k] @ [k,n]');
  const out = new Float64Array(m * n), oe = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++)
    [out[i * n + j], oe[i * n + j]] = dotE(a.data, a.err, (p) => i * k + p, b.data, b.err, (p) => p * n + j, k);
  return node([m, n], out, oe, [a, b], (g, ge) => {
    if (a.requiresGrad) {
      const c = new Float64Array(m * k), ce = new Float64Array(m * k);
      for (let i = 0; i < m; i++) for (let p = 0; p < k; p++)
        [c[i * k + p], ce[i * k + p]] = dotE(g, ge, (j) => i * n + j, b.data, b.err, (j) => p * n + j, n);
      accumulate(a, c, ce);
    }
    if (b.requiresGrad) {
      const c = new Float64Array(k * n), ce = new Float64Array(k * n);
      for (let p = 0; p < k; p++) for (let j = 0; j < n; j++)
        [c[p * n + j], ce[p * n + j]] = dotE(a.data, a.err, (i) => i * k + p, g, ge, (i) => i * n + j, m);
      accumulate(b, c, ce);
    }
  });
}

export function reshape(a: Ref, shape: number[]): Ref {
  return node(shape.slice(), a.data.slice(), a.err.slice(), [a], (g, ge) => accumulate(a, g, ge));
}

export function transpose(a: Ref, d0: number, d1: number): Ref {
  const shape = a.shape.slice();
  [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
  const ist = strides(a.shape), ost = strides(shape);
  const n = a.numel;
  const src = new Int32Array(n); // output position -> input position
  for (let i = 0; i < n; i++) {
    let rem = i, k = 0;
    for (let d = 0; d < shape.length; d++) {
      const c = Math.floor(rem / ost[d]);
      rem -= c * ost[d];
      const id = d === d0 ? d1 : d === d1 ? d0 : d;
      k += c * ist[id];
    }
    src[i] = k;
  }
  const out = new Float64Array(n), oe = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = a.data[src[i]];
    oe[i] = a.err[src[i]];
  }
  return node(shape, out, oe, [a], (g, ge) => {
    const c = new Float64Array(n), ce = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      c[src[i]] = g[i];
      ce[src[i]] = ge[i];
    }
    accumulate(a, c, ce);
  });
}

// ---- views, indexing and in-place writes through views ---------------------------------------------------------
// Every view and indexing op here is a map from output positions to input positions (coordinates decoded and
// encoded with explicit row-major index math, nothing shared with lib/): its forward copies values and bounds
// (exact), its backward sums the grads of the outputs that read each input (sumE: any order), so expand and
// repeated indices accumulate and positions nobody reads get +0.

/** A view or indexing op as a position map: the output shape and, per output position, the input position. */
export interface PosMap {
  shape: number[];
  src: Int32Array;
}

/** The PosMap of an op whose output coordinates `oc` read input coordinates f(oc). */
export function coordMap(inShape: readonly number[], outShape: readonly number[], f: (oc: number[]) => number[]): PosMap {
  const n = numel(outShape), ist = strides(inShape), ost = strides(outShape);
  const src = new Int32Array(n);
  const oc = new Array(outShape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let rem = i;
    for (let d = 0; d < outShape.length; d++) {
      oc[d] = Math.floor(rem / ost[d]);
      rem -= oc[d] * ost[d];
    }
    const ic = f(oc.slice());
    let k = 0;
    for (let d = 0; d < inShape.length; d++) {
      if (!(ic[d] >= 0 && ic[d] < inShape[d])) throw new Error(`reference: coordinate ${ic[d]} out of range for dim ${d} of [${inShape}]`);
      k += ic[d] * ist[d];
    }
    src[i] = k;
  }
  return { shape: outShape.slice(), src };
}

export const narrowMap = (s: readonly number[], dim: number, start: number, len: number): PosMap =>
  coordMap(s, s.map((n, d) => (d === dim ? len : n)), (oc) => oc.map((c, d) => (d === dim ? c + start : c)));
/** x[..., start::step] on dim */
export const sliceMap = (s: readonly number[], dim: number, start: number, step: number): PosMap =>
  coordMap(s, s.map((n, d) => (d === dim ? Math.max(0, Math.ceil((n - start) / step)) : n)), (oc) => oc.map((c, d) => (d === dim ? start + c * step : c)));
export const selectMap = (s: readonly number[], dim: number, index: number): PosMap =>
  coordMap(s, s.filter((_, d) => d !== dim), (oc) => [...oc.slice(0, dim), index, ...oc.slice(dim)]);
/** Output dim i is input dim perm[i]. */
export const permuteMap = (s: readonly number[], perm: readonly number[]): PosMap =>
  coordMap(s, perm.map((p) => s[p]), (oc) => {
    const ic = new Array(s.length);
    perm.forEach((p, i) => (ic[p] = oc[i]));
    return ic;
  });
/** expand to `to` (broadcasting: leading new dims and size-1 dims read coordinate 0) */
export const expandMap = (s: readonly number[], to: readonly number[]): PosMap =>
  coordMap(s, to, (oc) => s.map((n, d) => (n === 1 ? 0 : oc[d + to.length - s.length])));
export const unsqueezeMap = (s: readonly number[], dim: number): PosMap =>
  coordMap(s, [...s.slice(0, dim), 1, ...s.slice(dim)], (oc) => oc.filter((_, d) => d !== dim));
/** squeeze(dim) (dim null: every size-1 dim) */
export function squeezeMap(s: readonly number[], dim: number | null): PosMap {
  const drop = s.map((n, d) => n === 1 && (dim === null || d === dim));
  return coordMap(s, s.filter((_, d) => !drop[d]), (oc) => {
    let k = 0;
    return s.map((_, d) => (drop[d] ? 0 : oc[k++]));
  });
}
/** diagonal(offset, d1, d2): the other dims in order, then the diagonal */
export function diagonalMap(s: readonly number[], offset: number, d1: number, d2: number): PosMap {
  const len = Math.max(0, offset >= 0 ? Math.min(s[d1], s[d2] - offset) : Math.min(s[d1] + offset, s[d2]));
  const rest = s.map((_, d) => d).filter((d) => d !== d1 && d !== d2);
  return coordMap(s, [...rest.map((d) => s[d]), len], (oc) => {
    const ic = new Array(s.length);
    rest.forEach((d, i) => (ic[d] = oc[i]));
    const k = oc[oc.length - 1];
    ic[d1] = k + Math.max(0, -offset);
    ic[d2] = k + Math.max(0, offset);
    return ic;
  });
}
/** index_select / an integer-array index on dim: output coordinate c on dim reads idx[c] */
export const indexMap = (s: readonly number[], dim: number, idx: readonly number[]): PosMap =>
  coordMap(s, s.map((n, d) => (d === dim ? idx.length : n)), (oc) => oc.map((c, d) => (d === dim ? idx[c] : c)));
/** gather(dim, index) with index of shape idxShape (row-major values idx) */
export function gatherMap(s: readonly number[], dim: number, idxShape: readonly number[], idx: readonly number[]): PosMap {
  const ist = strides(idxShape);
  return coordMap(s, idxShape, (oc) => {
    const flat = oc.reduce((k, c, d) => k + c * ist[d], 0);
    return oc.map((c, d) => (d === dim ? idx[flat] : c));
  });
}

/** Applies a PosMap: out[i] = a[src[i]] (exact), grads summed back per input position. */
export function viewOf(a: Ref, m: PosMap): Ref {
  const n = m.src.length;
  const out = new Float64Array(n), oe = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = a.data[m.src[i]];
    oe[i] = a.err[m.src[i]];
  }
  return node(m.shape.slice(), out, oe, [a], (g, ge) => {
    const [c, ce] = reduceGrad(g, ge, m.src, a.numel);
    accumulate(a, c, ce);
  });
}

/**
 * c = a.clone(); view(c).op_(b): a copy of a whose positions m.src (distinct: a narrow, slice, select or
 * diagonal) are replaced by op(a[p], b[i]); b has one element (a number) or one per view element. Backward
 * (CopySlices): the grad passes to a where nothing was written and through op's derivative where it was; b
 * collects op's other derivative.
 */
export function writeThrough(a: Ref, m: PosMap, b: Ref, op: 'add' | 'mul'): Ref {
  const n = m.src.length;
  const bi = (i: number) => (b.numel === 1 ? 0 : i);
  const out = a.data.slice(), oe = a.err.slice();
  for (let i = 0; i < n; i++) {
    const p = m.src[i];
    [out[p], oe[p]] = (op === 'add' ? addE : mulE)(a.data[p], a.err[p], b.data[bi(i)], b.err[bi(i)]);
  }
  return node(a.shape.slice(), out, oe, [a, b], (g, ge) => {
    if (a.requiresGrad) {
      const c = g.slice(), ce = ge.slice();
      if (op === 'mul') for (let i = 0; i < n; i++) [c[m.src[i]], ce[m.src[i]]] = mulE(g[m.src[i]], ge[m.src[i]], b.data[bi(i)], b.err[bi(i)]);
      accumulate(a, c, ce);
    }
    if (b.requiresGrad) {
      const c = new Float64Array(n), ce = new Float64Array(n);
      for (let i = 0; i < n; i++)
        [c[i], ce[i]] = op === 'add' ? [g[m.src[i]], ge[m.src[i]]] : mulE(g[m.src[i]], ge[m.src[i]], a.data[m.src[i]], a.err[m.src[i]]);
      const [r, re] = reduceGrad(c, ce, new Int32Array(n).map((_, i) => bi(i)), b.numel);
      accumulate(b, r, re);
    }
  });
}

/** Reverse mode from a scalar root (grad 1): nodes run in reverse topological order; every node that
 * requires grad (leaf or not) collects its grad in .grad. */
export function backward(root: Ref): void {
  const order: Ref[] = [];
  const seen = new Set<Ref>();
  const visit = (t: Ref) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of t.parents) visit(p);
    order.push(t);
  };
  visit(root);
  root.grad = new Float64Array(root.numel).fill(1);
  root.gradErr = new Float64Array(root.numel);
  root.gradAbs = new Float64Array(root.numel).fill(1);
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    if (t.backwardFn && t.grad) t.backwardFn(t.grad, t.gradErr as Float64Array);
  }
}
