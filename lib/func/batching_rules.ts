// vmap batching rules (Note [vmap] in vmap.ts): elementwise families, reductions and dim-taking ops, shape ops.
// Every rule makes one call of the op on the physical values (batch dim 0), plus views that line the batch dim up.
import { Tensor } from '../tensor.js';
import { kw, signature, isPlainObject } from '../kwargs.js';
import * as S from '../ops/shape.js';
import {
  namesLike, rules, NO_RULE, callOp, wrap, isBatchedAt, inplaceError, stackHook, BatchedTensor, type OpCall, type Rule,
} from './vmap.js';
import { slice, type IndexEntry } from '../ops/indexing.js';

/** @internal cat and stack through the kw() wrapper, so that they dispatch under vmap (api.ts sits above lib/func). */
export const SHAPE = {
  stack: kw(signature('stack', 'tensors, dim'), S.stack),
  cat: kw(signature('cat', 'tensors, dim'), S.cat),
};
stackHook.stack = (ts) => SHAPE.stack(ts, 0);
stackHook.cat = (ts, dim) => SHAPE.cat(ts, dim);

/** @internal The physical value of a batched x with (rank - x.dim()) size-1 dims after the batch dim. */
export function padded(x: BatchedTensor, rank: number): Tensor {
  let v = x.value;
  for (let k = x.shape.length; k < rank; k++) v = v.unsqueeze(1);
  return v;
}

/** @internal x as a physical tensor batched at op.level: its value, or x expanded along a new batch dim. */
export function batchedValue(op: OpCall, x: Tensor): Tensor {
  if (isBatchedAt(x, op.level)) return x.value;
  return x.unsqueeze(0).expand([op.batchSize, ...x.shape]);
}

/** @internal Wraps the tensors of an op's result (a tensor, array or plain object of tensors) at `level`. */
export function wrapResult(r: unknown, level: number): unknown {
  if (r instanceof Tensor) return wrap(r, level);
  if (Array.isArray(r)) return mapArray(r, (e) => wrapResult(e, level));
  if (isPlainObject(r)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(r)) o[k] = wrapResult(r[k], level);
    return o;
  }
  return r;
}

/** @internal r.map(f), keeping named elements ({ values, indices } results are arrays with names). */
export function mapArray(r: unknown[], f: (e: unknown, i: number) => unknown): unknown[] {
  const out = r.map(f);
  namesLike(r, out);
  return out;
}

/** @internal A logical dim of a rank-`rank` tensor, normalized, with PyTorch's range error. */
export function normDim(op: OpCall, d: number, rank: number): number {
  const n = Math.max(rank, 1);
  if (!Number.isInteger(d) || d < -n || d >= n)
    throw new RangeError(`${op.sig.fn}: Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`);
  return d < 0 ? d + n : d;
}

export function register(names: string, rule: Rule): void {
  for (const n of names.split(/[\s,]+/)) if (n !== '') rules.set(n, rule);
}

// ---- elementwise --------------------------------------------------------------------------------------------
/**
 * Broadcasting ops: every batched tensor argument gets size-1 dims after its batch dim up to the highest logical
 * rank, so right-aligned broadcasting lines up the logical dims and the batch dim stays first; unbatched
 * arguments broadcast against the batch dim as they are. In-place forms need a batched `self`.
 */
const elementwise: Rule = (op, args) => {
  const L = op.level;
  const inplace = op.name.endsWith('_');
  let rank = 0;
  if (inplace) {
    if (!isBatchedAt(args[0], L)) throw inplaceError(op.name);
    rank = (args[0] as Tensor).shape.length;
  } else for (const a of args) if (a instanceof Tensor && a.shape.length > rank) rank = a.shape.length;
  const r = callOp(op, args.map((a) => (isBatchedAt(a, L) ? padded(a, rank) : a)));
  return inplace ? args[0] : wrapResult(r, L);
};

const UNARY = `neg abs exp log sqrt rsqrt reciprocal sin cos tan tanh sigmoid relu square sign logicalNot sinh cosh asin
  acos atan asinh acosh atanh log2 log10 log1p expm1 exp2 erf erfc erfinv lgamma digamma floor ceil trunc round frac sinc
  deg2rad rad2deg nanToNum isnan isinf isfinite bitwiseNot gelu silu elu selu celu leakyRelu softplus hardtanh relu6
  hardsigmoid hardswish mish logsigmoid softsign tanhshrink hardshrink softshrink threshold absolute negative arccos
  arcsin arctan arccosh arcsinh arctanh fix clip positive signbit sgn logit i0 expit
  to float double int long bool clone contiguous detach`;
const BINARY = `add sub rsub mul div pow maximum minimum where clamp eq ne lt le gt ge atan2 hypot fmod remainder xlogy lerp
  addcmul addcdiv logicalAnd logicalOr logicalXor bitwiseAnd bitwiseOr bitwiseXor multiply divide subtract trueDivide
  floorDivide arctan2 greater greaterEqual less lessEqual notEqual fmax fmin copysign nextafter ldexp xlogy float_power
  floatPower clampMin clampMax polygamma heaviside`;
register(UNARY, elementwise);
register(BINARY, elementwise);
register(`${UNARY} ${BINARY}`.split(/\s+/).filter((n) => n !== '').map((n) => `${n}_`).join(' '), elementwise);
register('copy_ zero_', elementwise);

// ---- reductions and dim-taking ops --------------------------------------------------------------------------
interface DimSpec {
  /** Position of the dim argument (self at 0). */
  pos: number;
  /** Whether the dim may be a list. */
  list: boolean;
  /** What a missing dim means: all dims (a full reduction), a fixed dim, or nothing allowed. */
  missing: 'all' | number | 'required';
  /** Position of keepdim, or -1. */
  keep: number;
}

/** Shifts a logical dim (or list) of args[0] by one past the batch dim; a missing dim means what spec says. */
function dimRule(spec: DimSpec): Rule {
  return (op, args) => {
    const x = args[0];
    const L = op.level;
    if (!isBatchedAt(x, L)) return NO_RULE;
    for (let i = 1; i < args.length; i++) if (isBatchedAt(args[i], L)) return NO_RULE;
    const rank = x.shape.length;
    if (rank === 0) return NO_RULE;
    const out = args.slice();
    out[0] = x.value;
    let d = args[spec.pos];
    if (op.name === 'var' || op.name === 'std') if (typeof d === 'boolean') { out[2] = d; d = null; out[1] = undefined; }
    if (d === undefined || d === null) {
      if (spec.missing === 'required') return NO_RULE;
      if (typeof spec.missing === 'number') d = spec.missing;
      else if (spec.list) d = x.shape.map((_, i) => i);
      else {
        if (spec.keep >= 0 && args[spec.keep] === true) return NO_RULE;
        out[0] = x.value.reshape([op.batchSize, -1]);
        out[spec.pos] = 1;
        const r = callOp(op, out);
        return wrap(r instanceof Tensor ? r : (r as { values: Tensor }).values, L);
      }
    }
    if (Array.isArray(d)) {
      if (!spec.list) return NO_RULE;
      out[spec.pos] = d.map((e) => normDim(op, e as number, rank) + 1);
    } else if (typeof d === 'number') out[spec.pos] = normDim(op, d, rank) + 1;
    else return NO_RULE;
    return wrapResult(callOp(op, out), L);
  };
}
const all = (pos: number, list: boolean, keep: number): DimSpec => ({ pos, list, missing: 'all', keep });
register('sum mean nansum nanmean amax amin', dimRule(all(1, true, 2)));
rules.set('var', dimRule(all(1, true, 3)));
rules.set('std', dimRule(all(1, true, 3)));
register('prod argmax argmin all any median nanmedian', dimRule(all(1, false, 2)));
rules.set('norm', dimRule(all(2, true, 3)));
rules.set('logsumexp', dimRule({ pos: 1, list: true, missing: 'required', keep: 2 }));
register('softmax logSoftmax cumsum cumprod cummax cummin logcumsumexp', dimRule({ pos: 1, list: false, missing: 'required', keep: -1 }));
register('sort argsort mode', dimRule({ pos: 1, list: false, missing: -1, keep: -1 }));
register('topk kthvalue', dimRule({ pos: 2, list: false, missing: -1, keep: -1 }));
register('narrow select', dimRule({ pos: 1, list: false, missing: 'required', keep: -1 }));
register('unbind', dimRule({ pos: 1, list: false, missing: 0, keep: -1 }));
register('split chunk', dimRule({ pos: 2, list: false, missing: 0, keep: -1 }));
register('indexSelect', dimRule({ pos: 1, list: false, missing: 'required', keep: -1 }));
register('flip', dimRule({ pos: 1, list: true, missing: 'required', keep: -1 }));
const maxMin = dimRule(all(1, false, 2));
const maxMinRule: Rule = (op, args) => (args[1] instanceof Tensor || args[2] instanceof Tensor ? elementwise(op, args) : maxMin(op, args));
register('max min', maxMinRule);

// ---- shape ops ----------------------------------------------------------------------------------------------
/** Rules for ops whose only tensor argument is args[0], batched: `f(value, logical x)` gives the physical result. */
function shapeRule(f: (op: OpCall, v: Tensor, x: BatchedTensor, args: unknown[]) => Tensor | typeof NO_RULE): Rule {
  return (op, args) => {
    const x = args[0];
    if (!isBatchedAt(x, op.level)) return NO_RULE;
    const r = f(op, x.value, x, args);
    return r === NO_RULE ? r : wrap(r, op.level);
  };
}
const sizeArg = (a: unknown): number[] => (Array.isArray(a) ? (a as number[]) : [a as number]);
register('reshape view', shapeRule((op, v, _x, args) => {
  const s = sizeArg(args[1]);
  return op.name === 'view' && v.isContiguous() ? v.view([op.batchSize, ...s]) : v.reshape([op.batchSize, ...s]);
}));
rules.set('flatten', shapeRule((op, v, x, args) => {
  const r = x.shape.length;
  if (r === 0) return v.reshape([op.batchSize, 1]);
  const s = normDim(op, (args[1] as number | undefined) ?? 0, r), e = normDim(op, (args[2] as number | undefined) ?? -1, r);
  return v.flatten(s + 1, e + 1);
}));
rules.set('unsqueeze', shapeRule((op, v, x, args) => v.unsqueeze(normDim(op, args[1] as number, x.shape.length + 1) + 1)));
rules.set('squeeze', shapeRule((op, v, x, args) => {
  const d = args[1];
  if (typeof d === 'number') return x.shape.length === 0 ? v : v.squeeze(normDim(op, d, x.shape.length) + 1);
  if (d !== undefined && d !== null) return NO_RULE;
  let out = v;
  for (let i = x.shape.length - 1; i >= 0; i--) if (x.shape[i] === 1) out = out.squeeze(i + 1);
  return out;
}));
register('transpose swapaxes swapdims', shapeRule((op, v, x, args) => {
  const r = x.shape.length;
  if (r === 0) return v;
  return v.transpose(normDim(op, args[1] as number, r) + 1, normDim(op, args[2] as number, r) + 1);
}));
register('movedim moveaxis', shapeRule((op, v, x, args) => {
  const r = x.shape.length;
  const shift = (a: unknown) => (Array.isArray(a) ? a.map((d) => normDim(op, d as number, r) + 1) : normDim(op, a as number, r) + 1);
  return v.movedim(shift(args[1]) as number, shift(args[2]) as number);
}));
rules.set('permute', shapeRule((op, v, x, args) => v.permute([0, ...sizeArg(args[1]).map((d) => normDim(op, d, x.shape.length) + 1)])));
rules.set('t', shapeRule((_op, v, x) => (x.shape.length < 2 ? v : v.transpose(1, 2))));
rules.set('expand', shapeRule((op, v, x, args) => {
  const s = sizeArg(args[1]);
  let p = v;
  for (let k = x.shape.length; k < s.length; k++) p = p.unsqueeze(1);
  return p.expand([op.batchSize, ...s]);
}));
rules.set('expandAs', (op, args) => {
  if (isBatchedAt(args[1], op.level)) return NO_RULE;
  return (args[0] as Tensor).expand((args[1] as Tensor).shape);
});
rules.set('diagonal', shapeRule((op, v, x, args) => {
  const r = x.shape.length;
  return v.diagonal((args[1] as number | undefined) ?? 0, normDim(op, (args[2] as number | undefined) ?? 0, r) + 1, normDim(op, (args[3] as number | undefined) ?? 1, r) + 1);
}));
rules.set('index', shapeRule((_op, v, _x, args) => {
  const idx = Array.isArray(args[1]) ? (args[1] as unknown[]) : [args[1]];
  for (const e of idx) if (e instanceof Tensor || Array.isArray(e) || typeof e === 'boolean') return NO_RULE;
  return v.index([slice(), ...(idx as IndexEntry[])]);
}));

/** cat / stack: the unbatched tensors expanded along the batch dim, the dim moved past it. */
const joinRule = (stack: boolean): Rule => (op, args) => {
  const ts = args[0] as Tensor[];
  if (!Array.isArray(ts) || ts.length === 0) return NO_RULE;
  let rank = ts[0].shape.length;
  if (!stack) for (const t of ts) if (!(t.shape.length === 1 && t.shape[0] === 0)) { rank = t.shape.length; break; }
  const d = normDim(op, (args[1] as number | undefined) ?? 0, stack ? rank + 1 : rank) + 1;
  const out = args.slice();
  out[0] = ts.map((t) => batchedValue(op, t));
  out[1] = d;
  return wrap(callOp(op, out) as Tensor, op.level);
};
register('cat concat concatenate', joinRule(false));
rules.set('stack', joinRule(true));
