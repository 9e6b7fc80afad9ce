// A naive float64 reference for the fuzzed ops (add sub mul div neg exp tanh sigmoid relu sum mean matmul
// reshape transpose, with NumPy broadcasting) and their gradients: plain loops over plain arrays, tape-based
// reverse mode. Deliberately independent of lib/ so it can judge it.
export class Ref {
  grad: Float64Array | null = null;
  backwardFn: ((g: Float64Array) => void) | null = null;
  parents: Ref[] = [];
  constructor(readonly shape: number[], readonly data: Float64Array, readonly requiresGrad = false) {}
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

function node(shape: number[], data: Float64Array, parents: Ref[], back: (g: Float64Array) => void): Ref {
  const r = new Ref(shape, data, parents.some((p) => p.requiresGrad));
  if (r.requiresGrad) {
    r.parents = parents;
    r.backwardFn = back;
  }
  return r;
}

function accumulate(t: Ref, g: Float64Array): void {
  if (!t.requiresGrad) return;
  if (t.grad === null) t.grad = new Float64Array(t.numel);
  for (let i = 0; i < g.length; i++) t.grad[i] += g[i];
}

type BinFn = (x: number, y: number) => number;
function binary(a: Ref, b: Ref, f: BinFn, da: BinFn, db: BinFn): Ref {
  const shape = broadcastShape(a.shape, b.shape);
  if (!shape) throw new Error('reference: shapes cannot be broadcast');
  const ia = broadcastIndex(a.shape, shape), ib = broadcastIndex(b.shape, shape);
  const n = numel(shape);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a.data[ia[i]], b.data[ib[i]]);
  return node(shape, out, [a, b], (g) => {
    const ga = new Float64Array(a.numel), gb = new Float64Array(b.numel);
    for (let i = 0; i < n; i++) {
      const x = a.data[ia[i]], y = b.data[ib[i]];
      ga[ia[i]] += g[i] * da(x, y);
      gb[ib[i]] += g[i] * db(x, y);
    }
    accumulate(a, ga);
    accumulate(b, gb);
  });
}

export const add = (a: Ref, b: Ref) => binary(a, b, (x, y) => x + y, () => 1, () => 1);
export const sub = (a: Ref, b: Ref) => binary(a, b, (x, y) => x - y, () => 1, () => -1);
export const mul = (a: Ref, b: Ref) => binary(a, b, (x, y) => x * y, (_x, y) => y, (x) => x);
export const div = (a: Ref, b: Ref) => binary(a, b, (x, y) => x / y, (_x, y) => 1 / y, (x, y) => -x / (y * y));

function unary(a: Ref, f: (x: number) => number, df: (x: number, y: number) => number): Ref {
  const out = a.data.map(f);
  return node(a.shape.slice(), out, [a], (g) => accumulate(a, g.map((gi, i) => gi * df(a.data[i], out[i]))));
}
export const neg = (a: Ref) => unary(a, (x) => -x, () => -1);
export const exp = (a: Ref) => unary(a, Math.exp, (_x, y) => y);
export const tanh = (a: Ref) => unary(a, Math.tanh, (_x, y) => 1 - y * y);
export const sigmoid = (a: Ref) => unary(a, (x) => 1 / (1 + Math.exp(-x)), (_x, y) => y * (1 - y));
// PyTorch's relu backward (threshold_backward) selects the grad where the output is > 0 and 0 elsewhere, so
// a NaN or inf grad is blocked, not multiplied by 0.
export function relu(a: Ref): Ref {
  const out = a.data.map((x) => (x > 0 ? x : x === 0 ? 0 : x !== x ? x : 0));
  return node(a.shape.slice(), out, [a], (g) => accumulate(a, g.map((gi, i) => (out[i] > 0 ? gi : 0))));
}

/** sum (or mean) over `dim` (null: all) with keepdim. */
export function reduce(a: Ref, dim: number | null, keepdim: boolean, mean: boolean): Ref {
  const dims = dim === null ? a.shape.map((_, i) => i) : [dim];
  const keptShape = a.shape.map((d, i) => (dims.includes(i) ? 1 : d));
  const outShape = keepdim ? keptShape : a.shape.filter((_, i) => !dims.includes(i));
  const count = dims.reduce((n, d) => n * a.shape[d], 1);
  const idx = broadcastIndex(keptShape, a.shape); // input position -> output position
  const out = new Float64Array(numel(keptShape));
  for (let i = 0; i < a.numel; i++) out[idx[i]] += a.data[i];
  if (mean) for (let i = 0; i < out.length; i++) out[i] /= count;
  return node(outShape, out, [a], (g) => {
    const ga = new Float64Array(a.numel);
    for (let i = 0; i < a.numel; i++) ga[i] = mean ? g[idx[i]] / count : g[idx[i]];
    accumulate(a, ga);
  });
}

export function matmul(a: Ref, b: Ref): Ref {
  const [m, k] = a.shape, [k2, n] = b.shape;
  if (a.shape.length !== 2 || b.shape.length !== 2 || k !== k2) throw new Error('reference: matmul needs [m,k] @ [k,n]');
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[p * n + j];
    out[i * n + j] = s;
  }
  return node([m, n], out, [a, b], (g) => {
    const ga = new Float64Array(m * k), gb = new Float64Array(k * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) {
      ga[i * k + p] += g[i * n + j] * b.data[p * n + j];
      gb[p * n + j] += g[i * n + j] * a.data[i * k + p];
    }
    accumulate(a, ga);
    accumulate(b, gb);
  });
}

export function reshape(a: Ref, shape: number[]): Ref {
  return node(shape.slice(), a.data.slice(), [a], (g) => accumulate(a, g));
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
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a.data[src[i]];
  return node(shape, out, [a], (g) => {
    const ga = new Float64Array(n);
    for (let i = 0; i < n; i++) ga[src[i]] += g[i];
    accumulate(a, ga);
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
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    if (t.backwardFn && t.grad) t.backwardFn(t.grad);
  }
}
