// Replays test/fixtures/ops.json, indexing.json, layers.json, losses.json, conv.json, pool_norm.json linalg.json and linalg2.json (PyTorch 1.13, see test/fixtures/gen/gen_ops.py, gen_linalg.py, gen_linalg2.py,
// gen_indexing.py and gen_layers.py) through tensorgrad:
// decode inputs, call the op described as data, compare outputs, gradFn names and grads.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { erf, mulScalar, divScalar } from '../../lib/ops/nn.js';
import { lstmCell, lstmLayer } from '../../lib/ops/rnn.js';
import { slice as sliceDim } from '../../lib/ops/shape.js';
import { slice as sliceOp } from '../../lib/ops/shape.js';
import { flip } from '../../lib/ops/cumulative.js';
import { clampMin, addScalar } from '../../lib/ops/loss.js';
import { weightNormOp } from '../../lib/ops/weight_norm.js';
import { i1 } from '../../lib/ops/special_extra.js';

export type DTypeName = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';
export type Value = number | boolean | 'nan' | 'inf' | '-inf' | '-0';

export interface TensorJson {
  dtype: DTypeName;
  shape: number[];
  data: Value[];
  requires_grad?: boolean;
}

export interface Tol {
  rtol: number;
  atol: number;
  why?: string;
}

export interface OpCase {
  id: string;
  group: 'unary' | 'binary' | 'reduce' | 'shape' | 'linalg' | 'nn' | 'inplace' | 'promotion' | 'structure' | 'search' | 'indexing' | 'math' | 'cumulative' | 'sorting' | 'breadth'
    | 'loss' | 'activation' | 'upsample' | 'conv' | 'nn16' | 'breadth4' | 'nn6' | 'breadth5'
    | 'linalgx' | 'nnmisc' | 'names' | 'composed';
  row: string | null;
  op: string;
  method: boolean;
  args: unknown[];
  kwargs: Record<string, unknown>;
  inputs: TensorJson[];
  outs?: TensorJson[];
  grad_fn?: string | null;
  grad_outputs?: TensorJson[];
  grads?: (TensorJson | null)[];
  tol?: Tol;
  /** PyTorch raised (first line of its message): tensorgrad must throw too. */
  error?: string;
}

const readFixture = (name: string): { torch: string; cases: OpCase[] } => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
/** Every case of ops.json, indexing.json, layers.json, losses.json, conv.json and pool_norm.json (one format; the others reuse gen_ops.py's case()). */
export const FIXTURE: { torch: string; cases: OpCase[] } = (() => {
  const ops = readFixture('ops.json');
  const more = ['indexing.json', 'layers.json', 'losses.json', 'conv.json', 'pool_norm.json', 'linalg.json', 'breadth.json', 'linalg2.json', 'nn16.json', 'breadth4.json', 'nn6.json', 'breadth5.json',
    'linalgx.json', 'nnmisc_ops.json', 'names_ops.json', 'composed.json'].flatMap((f) => readFixture(f).cases);
  return { torch: ops.torch, cases: [...ops.cases, ...more] };
})();

export function casesOf(group: OpCase['group']): OpCase[] {
  return FIXTURE.cases.filter((c) => c.group === group);
}

/**
 * Default tolerances. float32 rtol 1e-5 / atol 1e-6 (a few ulp of the kernels' own rounding: SIMD exp/log/tanh
 * polynomials differ from PyTorch's Sleef ones by 1-3 ulp). float64 1e-10 / 1e-12. A case may carry a looser
 * `tol` with the reason (set in gen_ops.py where PyTorch's summation order or range reduction differs).
 */
export function tolFor(dtype: DTypeName, c?: OpCase): Tol {
  if (c?.tol) return c.tol;
  return dtype === 'float64' ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 };
}

export function decodeValue(v: Value): number | boolean {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === '-0') return -0;
  return v;
}

/** A fresh leaf tensor from fixture data (requiresGrad as recorded). */
export function decode(t: TensorJson, requiresGrad = t.requires_grad ?? false): Tensor {
  const flat = t.data.map(decodeValue) as number[];
  const x = tg.tensor(flat, { dtype: t.dtype }).reshape(t.shape);
  if (requiresGrad) x.requiresGrad_(true);
  return x;
}

function resolve(a: unknown, inputs: Tensor[]): unknown {
  if (Array.isArray(a)) return a.map((e) => resolve(e, inputs));
  if (a !== null && typeof a === 'object' && 'input' in (a as object)) return inputs[(a as { input: number }).input];
  if (a !== null && typeof a === 'object') return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, resolve(v, inputs)]));
  if (a === 'nan' || a === 'inf' || a === '-inf' || a === '-0') return decodeValue(a);
  return a;
}

type AnyFn = (...args: unknown[]) => unknown;

/** The non-contiguous views of onView, mirroring VIEWS in gen_ops.py. */
const VIEWS: Record<string, (x: Tensor) => Tensor> = {
  t: (x) => x.transpose(0, 1),
  step: (x) => sliceDim(x, -1, null, null, 2),
  expand: (x) => x.unsqueeze(0).expand([2, ...x.shape]),
};

/** Ops that are not a single tg call: in-place on a non-leaf, and double backward. Mirrors PY in gen_ops.py. */
import { euclideanDist } from '../../lib/ops/linalg_norms.js';
const SPECIAL: Record<string, AnyFn> = {
  // internal nn kernels (lib/ops/nn.ts): torch.erf, aten::mul.Scalar, aten::div.Scalar
  erf: (x) => erf(x as Tensor),
  // ATen's _euclidean_dist, cdist's matrix-product path (lib/ops/linalg_norms.ts)
  euclideanDist: (a, b) => euclideanDist(a as Tensor, b as Tensor),
  mulScalar: (x, s) => mulScalar(x as Tensor, s as number),
  divScalar: (x, s) => divScalar(x as Tensor, s as number),
  // the composed ops' own rows on transposed inputs (gen_composed.py): the layout as_strided_scatter keeps, resize's copy
  asStridedScatterT: (x, s, size, stride, off) => tg.asStridedScatter((x as Tensor).t(), s as Tensor, size as number[], stride as number[], off as number),
  resizeT: (x, size) => (x as Tensor).t().resize(size as number[]),
  symeigSq: (a, upper) => { const [l, v] = tg.symeig(a as Tensor, true, upper as boolean); return [l, v.mul(v)]; },
  // the fused LSTM cell of nn.LSTM (lib/ops/rnn.ts) against ATen's composite cell
  lstmCellOp: (hw, xw, c) => lstmCell(hw as Tensor, xw as Tensor, c as Tensor),
  lstmLayerOp: (xw, h0, c0, w, b, rev) => lstmLayer(xw as Tensor, h0 as Tensor, c0 as Tensor, w as Tensor, b as Tensor, rev as boolean),
  // x[..., start:end:step] along one dim (Python slicing; tensorgrad's internal slice view op)
  sliceDim: (x, dim, start, end, step) => sliceDim(x as Tensor, dim as number, start as number | null, end as number | null, step as number),
  // an op on a non-contiguous view (transposed, sliced with a step, expanded) of its input
  onView: (x, view, op, ...rest) => VIEWS[view as string](x as Tensor)[op as 'sum'](...(rest as [])),
  splitPick: (x, size, dim, keep) => (keep as number[]).map((i) => (x as Tensor).split(size as number | number[], dim as number)[i]),
  flipDim: (x, d) => flip(x as Tensor, d as number),
  cloneFill_: (x, v) => (x as Tensor).clone().fill_(v as number),
  cloneZero_: (x) => (x as Tensor).clone().zero_(),
  cloneCopy_: (x, s) => (x as Tensor).clone().copy_(s as Tensor),
  cloneAdd_: (x, o) => (x as Tensor).clone().add_(o as Tensor),
  cloneMul_: (x, o) => (x as Tensor).clone().mul_(o as Tensor),
  cloneSub_: (x, o) => (x as Tensor).clone().sub_(o as Tensor),
  cloneDiv_: (x, o) => (x as Tensor).clone().div_(o as Tensor),
  cloneClamp_: (x, lo, hi) => (x as Tensor).clone().clamp_(lo as number, hi as number),
  cloneTril_: (x, k) => (x as Tensor).clone().tril_(k as number),
  cloneTriu_: (x, k) => (x as Tensor).clone().triu_(k as number),
  tanhGradOf: (x, go) => firstGrad((t) => t.tanh(), x as Tensor, go as Tensor),
  sigmoidGradOf: (x, go) => firstGrad((t) => t.sigmoid(), x as Tensor, go as Tensor),
  reluGradOf: (x, go) => firstGrad((t) => t.relu(), x as Tensor, go as Tensor),
  geluGradOf: (x, go) => firstGrad((t) => tg.nn.functional.gelu(t), x as Tensor, go as Tensor),
  geluTanhGradOf: (x, go) => firstGrad((t) => tg.nn.functional.gelu(t, { approximate: 'tanh' }), x as Tensor, go as Tensor),
  // indexing: index arrays, aten::slice (internal: tg.slice is the index entry), x[...]
  indexLists: (x, lists) => (x as Tensor).index(lists as number[][]),
  indexPutLists: (x, lists, v, acc) => (x as Tensor).indexPut(lists as number[][], v as Tensor, acc as boolean),
  sliceOp: (x, dim, start, end, step) => sliceOp(x as Tensor, dim as number, start as number, end as number, step as number),
  aliasOp: (x) => (x as Tensor).index('...'),
  // F.embedding on a clone of the weight (maxNorm renormalizes the looked-up rows in place; gen_layers.py)
  embeddingClone: (i, w, o) => tg.nn.functional.embedding(i as Tensor, (w as Tensor).clone(), o as object),
  // the ATen overloads inside the losses (lib/ops/loss.ts; gen_losses.py): torch.clamp_min, aten::add.Scalar
  clampMin: (x, m) => clampMin(x as Tensor, m as number),
  addScalar: (x, s) => addScalar(x as Tensor, s as number),
  // pooling and normalization (gen_pool_norm.py): the backward of average pooling as an op (double backward),
  // and batch/instance norm on clones of the running stats, returned after the in-place update
  avgPool2dGradOf: (x, go, o) => firstGrad((t) => tg.nn.functional.avgPool2d(t, o as { kernelSize: number }), x as Tensor, go as Tensor),
  adaptiveAvgPool2dGradOf: (x, go, o) => firstGrad((t) => tg.nn.functional.adaptiveAvgPool2d(t, o as { outputSize: number }), x as Tensor, go as Tensor),
  // issue 16's remaining layers (gen_nn16.py): 3-D average pooling's backward as an op, embeddingBag on a weight clone
  avgPool3dGradOf: (x, go, o) => firstGrad((t) => tg.nn.functional.avgPool3d(t, o as { kernelSize: number }), x as Tensor, go as Tensor),
  adaptiveAvgPool3dGradOf: (x, go, o) => firstGrad((t) => tg.nn.functional.adaptiveAvgPool3d(t, o as { outputSize: number }), x as Tensor, go as Tensor),
  weightNormOp: (v, g, dim) => weightNormOp(v as Tensor, g as Tensor, dim as number),
  embeddingBagClone: (i, w, off, o) => tg.nn.functional.embeddingBag(i as Tensor, (w as Tensor).clone(), off as Tensor, o as object),
  batchNormRunning: (x, rm, rv, ...rest) => runningStats(tg.nn.functional.batchNorm, x, rm, rv, rest),
  instanceNormRunning: (x, rm, rv, ...rest) => runningStats(tg.nn.functional.instanceNorm, x, rm, rv, rest),
  // eigen/singular vectors through sign-free functions of them (gen_linalg2.py; Note [Eigenvector signs])
  eighSq: (a, uplo) => { const [l, v] = tg.linalg.eigh(a as Tensor, (uplo ?? 'L') as 'L'); return [l, v.mul(v)]; },
  svdSq: (a, full) => { const [u, s, vh] = tg.linalg.svd(a as Tensor, full as boolean); return [s, u.mul(u), vh.mul(vh)]; },
  svdFullSq: (a) => {
    const [u, s, vh] = tg.linalg.svd(a as Tensor, true), k = s.shape[s.dim() - 1]!;
    const uk = u.narrow(-1, 0, k), vk = vh.narrow(-2, 0, k);
    return [uk.mul(uk), s, vk.mul(vk), u.transpose(-2, -1).matmul(u), vh.matmul(vh.transpose(-2, -1))];
  },
  // linalg.lu / lu_unpack without P, whose grad_fn is None (gen_linalgx.py)
  // F.<name>(x.clone(), ..., { inplace: true }): the in-place forms' rows (gen_losses.py)
  cloneFInplace: (x, name, ...rest) => (tg.nn.functional as unknown as Record<string, AnyFn>)[name as string]((x as Tensor).clone(), ...rest, { inplace: true }),
  specialI1: (x) => i1(x as Tensor), // torch.special.i1, i0's derivative (lib/ops/special_extra.ts)
  luLU: (a) => { const { L, U } = tg.linalg.lu(a as Tensor); return [L, U]; },
  luUnpackLU: (lu, piv) => { const { L, U } = tg.luUnpack(lu as Tensor, piv as Tensor); return [L, U]; },
  svdVSq: (a, some) => { const [u, s, v] = tg.svd(a as Tensor, some as boolean); return [s, u.mul(u), v.mul(v)]; },
};

function runningStats(fn: unknown, x: unknown, rm: unknown, rv: unknown, rest: unknown[]): Tensor[] {
  const m = (rm as Tensor).clone(), v = (rv as Tensor).clone();
  return [(fn as AnyFn)(x, m, v, ...rest) as Tensor, m, v];
}

/** d fn(x)/dx · go, built with createGraph so the result has the backward kernel as its gradFn. */
export function firstGrad(fn: (t: Tensor) => Tensor, x: Tensor, go: Tensor): Tensor {
  return tg.enableGrad(() => tg.autograd.grad(fn(x), x, { gradOutputs: go, createGraph: true })[0] as Tensor);
}

/** Calls the op of a case on already-decoded inputs; kwargs become a trailing options object (API.md). */
export function callOp(c: OpCase, inputs: Tensor[]): Tensor[] {
  const args = resolve(c.args, inputs) as unknown[];
  if (Object.keys(c.kwargs).length > 0) args.push(resolve(c.kwargs, inputs));
  let r: unknown;
  if (SPECIAL[c.op]) r = SPECIAL[c.op](...args);
  else if (c.op.startsWith('clone:') || /^clone_\w+_$/.test(c.op)) {
    // the in-place method on a clone of the first input: x.clone().scatter_(...) (gen_indexing.py's 'clone:'
    // form) or x.clone().<op>_(...) (gen_ops.py's 'clone_' form)
    const self = (args[0] as Tensor).clone() as unknown as Record<string, AnyFn>;
    const name = c.op.startsWith('clone:') ? c.op.slice('clone:'.length) : c.op.slice('clone_'.length);
    if (typeof self[name] !== 'function') throw new TypeError(`fixture: Tensor has no method ${name}`);
    r = self[name](...args.slice(1));
  } else if (c.method) {
    const self = args[0] as unknown as Record<string, AnyFn>;
    if (typeof self[c.op] !== 'function') throw new TypeError(`fixture: Tensor has no method ${c.op}`);
    r = self[c.op](...args.slice(1));
  } else {
    let fn: unknown = tg;
    for (const part of c.op.split('.')) fn = (fn as Record<string, unknown>)?.[part]; // 'nn.functional.mseLoss'
    if (typeof fn !== 'function') throw new TypeError(`fixture: tg has no function ${c.op}`);
    r = (fn as AnyFn)(...args);
  }
  return Array.isArray(r) ? [...(r as Tensor[])] : [r as Tensor];
}

function fmt(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * Expects `actual` to match the fixture tensor: dtype, shape, then values (exact for int32/bool; NaN where NaN,
 * equal infinities, |a - e| <= atol + rtol |e| for floats). `signedZeros` also requires -0 where -0 is expected.
 */
export function expectTensor(actual: Tensor | null | undefined, expected: TensorJson, tol: Tol, what: string, signedZeros = false): void {
  expect(actual, `${what}: missing tensor`).toBeInstanceOf(Tensor);
  const a = actual as Tensor;
  expect(a.dtype, `${what}: dtype`).toBe(expected.dtype);
  expect(a.shape, `${what}: shape`).toEqual(expected.shape);
  const got = Array.from(a.toTypedArray() as ArrayLike<number>, Number); // int64 values (bigints) fit numbers here
  const exp = expected.data.map(decodeValue).map(Number);
  const bad: string[] = [];
  for (let i = 0; i < exp.length; i++) {
    const x = got[i], e = exp[i];
    let ok: boolean;
    if (expected.dtype === 'int32' || expected.dtype === 'int64' || expected.dtype === 'bool') ok = x === e;
    else if (Number.isNaN(e)) ok = Number.isNaN(x);
    else if (!Number.isFinite(e)) ok = x === e;
    else ok = Math.abs(x - e) <= tol.atol + tol.rtol * Math.abs(e);
    if (ok && signedZeros && e === 0 && Object.is(e, -0) !== Object.is(x, -0)) ok = false;
    if (!ok) bad.push(`[${i}] got ${fmt(x)} expected ${fmt(e)}`);
  }
  expect(bad, `${what}: ${bad.length} of ${exp.length} values differ (rtol ${tol.rtol}, atol ${tol.atol})`).toEqual([]);
}

/** Runs one fixture case end to end: forward (values, dtype, shape), gradFn name, backward grads. */
export function checkCase(c: OpCase): void {
  const inputs = c.inputs.map((t) => decode(t));
  if (c.error !== undefined) {
    expect(() => callOp(c, inputs), `PyTorch raised: ${c.error}`).toThrow();
    return;
  }
  const outs = callOp(c, inputs);
  const expOuts = c.outs ?? [];
  expect(outs.length, 'number of outputs').toBe(expOuts.length);
  const edge = c.id.includes('/edge');
  outs.forEach((o, i) => expectTensor(o, expOuts[i], tolFor(expOuts[i].dtype, c), `out[${i}]`, edge));
  expect(outs[0].gradFn?.name ?? null, 'gradFn.name').toBe(c.grad_fn ?? null);
  if (!c.grad_outputs) return;
  const diff = outs.filter((o) => o.requiresGrad);
  expect(diff.length, 'differentiable outputs').toBe(c.grad_outputs.length);
  tg.autograd.backward(diff, c.grad_outputs.map((g) => decode(g, false)));
  (c.grads ?? []).forEach((g, i) => {
    if (g === null) expect(inputs[i].grad, `grad of input ${i}`).toBeNull();
    else expectTensor(inputs[i].grad, g, tolFor(g.dtype, c), `grad of input ${i}`);
  });
}

/**
 * The grads of a fixture case again, by tg.autograd.grad with createGraph: true, so every formula takes the
 * branch it takes when a graph is built (differentiable ops instead of GEMM flags and fused kernels): they must
 * match PyTorch's too, and the results must be in a graph when an input needs one.
 */
export function checkCaseCreateGraph(c: OpCase): void {
  const inputs = c.inputs.map((t) => decode(t));
  const outs = tg.enableGrad(() => callOp(c, inputs));
  const diff = outs.filter((o) => o.requiresGrad);
  expect(diff.length, 'differentiable outputs').toBe(c.grad_outputs?.length ?? 0);
  const wrt = inputs.filter((t) => t.requiresGrad);
  const gos = (c.grad_outputs ?? []).map((g) => decode(g, false));
  const grads = tg.enableGrad(() => tg.autograd.grad(diff, wrt, { gradOutputs: gos, createGraph: true, allowUnused: true }));
  let k = 0;
  (c.grads ?? []).forEach((g, i) => {
    if (!inputs[i].requiresGrad) {
      expect(g, `grad of input ${i} (does not require grad)`).toBeNull();
      return;
    }
    const got = grads[k++];
    if (g === null) expect(got, `grad of input ${i}`).toBeNull();
    else expectTensor(got, g, tolFor(g.dtype, c), `createGraph grad of input ${i}`);
  });
}
