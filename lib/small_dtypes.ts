// The small dtypes' ops: every public op given a uint8, int8, int16, float16 or bfloat16 tensor computes in a
// wider dtype and rounds its result back, as PyTorch's CPU kernels do.
//
// Note [Small dtypes]: uint8, int8 and int16 (Uint8Array, Int8Array, Int16Array) and float16 and bfloat16
// (Uint16Array of IEEE bit patterns) are storage dtypes: the native side allocates, fills, gathers and copies
// them by element size, lib/small_cast.ts converts them (round to nearest even; float -> int as x86 does,
// then wrapped), and no native kernel computes on them. Instead every kw()-wrapped op (all of lib/api.ts,
// nn.functional and the Tensor methods) passes through dispatch() below once a small-dtype tensor exists:
//   - the result dtype X is PyTorch's promotion of the tensor arguments (and fractional numbers);
//   - each small-dtype tensor argument is cast to X's wide dtype W (int32 for the integers, float32 for the
//     halves) or, when X is not small, to X; integer operands (other, min, max, value) given as numbers are
//     first converted to X, as PyTorch casts a scalar to the op's dtype (uint8 clamp(-1, 3) is clamp(255, 3));
//   - the op runs on those, and every result tensor of dtype W is cast back to X: uint8 wraps (x + 300), a
//     float16 result rounds once per op (PyTorch's float16 CPU kernels compute in float32 too), while results
//     of another dtype stay (sum of uint8 is int64, comparisons bool, argmax int64, division float32);
//   - an in-place op computes on a widened copy of self and copies the result back into self;
//   - ops PyTorch 1.13's CPU build has no kernel for ("exp_vml_cpu" not implemented for 'Half') throw a
//     TypeError naming the op and dtype, never a value PyTorch would not give;
//   - views, conversions and value readers pass through untouched (a view of a uint8 tensor stays a view).
// Autograd sees the casts: a float16 leaf's gradient arrives through ToCopyBackward0 as float16, as PyTorch's.
import { Tensor } from './tensor.js';
import { DType, isFloat, isSmall, promoteTypes, promoteScalar, type SmallDType } from './dtype.js';
import { smallHook, isPlainObject, type Signature } from './kwargs.js';
import { elementOf, smallValue, wideOf } from './small_cast.js';
import { namedTuple } from './ops/return_types.js';
import { Slice } from './ops/indexing.js';

/** Ops that only move, view or read values: they run on the small dtype itself. */
const PASS = new Set([
  'to', 'type', 'float', 'double', 'int', 'long', 'bool', 'byte', 'char', 'short', 'half', 'bfloat16', 'item', 'tolist',
  'toTypedArray', 'asTypedArray', 'toBigInt64Array', 'toString', 'numel', 'dim', 'size', 'stride', 'isContiguous', 'contiguous',
  'clone', 'detach', 'detach_', 'requiresGrad_', 'retainGrad', 'registerHook', 'copy_', 'view', 'reshape', 'viewAs',
  'reshapeAs', 'flatten', 'unflatten', 'squeeze', 'unsqueeze', 'transpose', 'permute', 't', 'expand', 'expandAs', 'narrow',
  'select', 'unfold', 'asStrided', 'movedim', 'moveaxis', 'swapaxes', 'swapdims', 'split', 'chunk', 'unbind', 'tensorSplit',
  'hsplit', 'vsplit', 'dsplit', 'ravel', 'isView', 'storageOffset', 'ndimension', 'nelement',
  'diagonal', 'isFloatingPoint', 'elementSize', 'dataPtr', 'shareMemory_', 'isShared', 'tensor', 'zerosLike',
  'onesLike', 'emptyLike', 'fullLike', 'randLike', 'randnLike', 'randintLike', 'newZeros', 'newOnes', 'newEmpty', 'newFull',
  'newTensor', 'save', 'serialize', 'toTransferable', 'fill_', 'zero_', 'Parameter', 'Buffer', 'backward', 'grad',
  'gradcheck', 'gradgradcheck', 'requiresGrad', 'isFloatingPoint', 'isComplex', 'resultType', 'canCast',
  'typename', 'asTensor', 'asarray', 'newEmptyStrided', 'emptyStrided', 'unsafeSplit', 'unsafeSplitWithSizes', 'unsafeChunk',
]);

/** Tensor parameters that are not operands (indices, masks): outside the promotion, widened to int32 or bool only. */
const NOT_OPERANDS = new Set(['index', 'indices', 'mask', 'condition', 'target', 'offsets', 'perSampleWeights', 'lengths']);

/** Ops that take a uint8 tensor as a bool mask, as PyTorch 1.13 does with a deprecation warning: the parameters. */
const MASKS: Record<string, string> = {
  index: 'indices', indexPut: 'indices', indexPut_: 'indices', maskedFill: 'mask', maskedFill_: 'mask', maskedSelect: 'mask',
  maskedScatter: 'mask', maskedScatter_: 'mask', where: 'condition',
};
const warned = new Set<string>();

/** The call with its uint8 mask (or uint8 tensors in an index list) as bool; null when there is none. */
function boolMasks(op: string, sig: Signature, list: unknown[], opts: Record<string, unknown> | null): unknown[] | null {
  const param = MASKS[op];
  if (param === undefined) return null;
  const i = sig.index.get(param);
  const asBool = (v: unknown): unknown => v instanceof Tensor && v.dtype === 'uint8' ? v.bool()
    : Array.isArray(v) && v.some((e) => e instanceof Tensor && e.dtype === 'uint8') ? v.map(asBool) : v;
  const out = list.slice();
  if (i !== undefined && i < out.length) out[i] = asBool(out[i]);
  const o = opts === null ? null : { ...opts };
  if (o !== null && param in o) o[param] = asBool(o[param]);
  const changed = out.some((v, k) => v !== list[k]) || (o !== null && opts !== null && o[param] !== opts[param]);
  if (!changed) return null;
  if (!warned.has(op)) {
    warned.add(op);
    const p = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
    const msg = `${op}: a mask of dtype uint8 is deprecated (as in PyTorch 1.13); use a bool mask`;
    if (p !== undefined && typeof p.emitWarning === 'function') p.emitWarning(msg, { type: 'DeprecationWarning', code: 'TG_UINT8_MASK' });
  }
  return o === null ? out : [...out, o];
}

// PyTorch 1.13 CPU has no float16 kernel for these ("... not implemented for 'Half'"); bfloat16 lacks the second list,
// the integer dtypes the third (which tensorgrad's int32 kernels would compute). Found by calling every Tensor
// method of tensorgrad's on each dtype in PyTorch 1.13 (and the ops of test/fixtures/small_dtypes.json).
const NO_HALF = new Set((
  'acos acos_ acosh acosh_ addmm aminmax arccos arccos_ arccosh arccosh_ arcsin arcsin_ arcsinh arcsinh_ ' +
  'arctan arctan2 arctan2_ arctan_ arctanh arctanh_ asin asin_ asinh asinh_ atan atan2 atan2_ atan_ atanh ' +
  'atanh_ bernoulli bernoulli_ bincount bitwiseAnd bitwiseAnd_ bitwiseLeftShift bitwiseLeftShift_ bitwiseNot ' +
  'bitwiseNot_ bitwiseOr bitwiseOr_ bitwiseRightShift bitwiseRightShift_ bitwiseXor bitwiseXor_ bmm ceil ' +
  'ceil_ cholesky choleskyInverse choleskySolve clamp clampMax clampMin clip corrcoef cos cos_ cosh cosh_ cov ' +
  'cummax cummin cumprod cumprod_ cumsum cumsum_ det diag diagflat digamma digamma_ dot erf erf_ erfc erfc_ ' +
  'erfinv erfinv_ exp exp_ expm1 expm1_ fix fix_ floor floor_ gcd gcd_ geqrf hardshrink histc histogram hypot ' +
  'hypot_ i0 i0_ inner kthvalue lcm lcm_ lgamma lgamma_ linear log log10 log10_ log1p log1p_ log2 log2_ ' +
  'logSoftmax log_ logaddexp logaddexp2 logcumsumexp logit logit_ logsumexp lu matmul matrixExp median mm mv ' +
  'mvlgamma mvlgamma_ nanmedian nextafter nextafter_ polygamma polygamma_ prod qr relu relu_ round round_ ' +
  'rsqrt rsqrt_ sigmoid sigmoid_ sin sin_ sinc sinc_ sinh sinh_ softmax sqrt sqrt_ stft svd symeig tan tan_ ' +
  'tanh tanh_ topk trace triangularSolve trunc trunc_ unique uniqueConsecutive').split(' '));
const NO_BFLOAT = new Set((
  'bincount bitwiseAnd bitwiseAnd_ bitwiseLeftShift bitwiseLeftShift_ bitwiseNot bitwiseNot_ bitwiseOr ' +
  'bitwiseOr_ bitwiseRightShift bitwiseRightShift_ bitwiseXor bitwiseXor_ cholesky choleskyInverse ' +
  'choleskySolve det gcd gcd_ geqrf histogram lcm lcm_ lu prod qr stft svd symeig trace triangularSolve').split(' '));
const NO_INT = new Set((
  'bernoulli cauchy_ cholesky choleskyInverse choleskySolve exponential_ frac frac_ geqrf hardshrink histc ' +
  'histogram hypot hypot_ igamma igamma_ igammac igammac_ logNormal_ logSoftmax logaddexp logaddexp2 ' +
  'logcumsumexp lu mean nextafter nextafter_ norm normal_ softmax std stft symeig triangularSolve uniform_ ' +
  'var').split(' '));
const TORCH_NAME: Record<SmallDType, string> = { uint8: 'Byte', int8: 'Char', int16: 'Short', float16: 'Half', bfloat16: 'BFloat16' };

/** Parameters whose numbers are operands (cast to an integer result dtype as PyTorch casts a scalar). */
const OPERANDS = new Set(['other', 'min', 'max', 'value', 'input', 'exponent', 'self']);
/** Ops whose number arguments PyTorch casts to the input's dtype instead of promoting it: a float threshold or
 *  value leaves threshold(int8 tensor, 1.5, 3.9) int8, and nanToNum(int8 tensor, { nan: 0.5 }) is int8. */
const CAST_SCALARS = new Set(['threshold', 'nanToNum']);

const NONE = smallHook.none;

function isSmallTensor(v: unknown): v is Tensor {
  return v instanceof Tensor && isSmall(v.dtype);
}

function hasSmall(self: unknown, args: ArrayLike<unknown>): boolean {
  if (isSmallTensor(self)) return true;
  // A small dtype= counts only beside a tensor argument: a creation op (ones, full, arange) fills it itself.
  let tensor = self instanceof Tensor, dtype = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (isSmallTensor(a)) return true;
    tensor ||= a instanceof Tensor;
    if (Array.isArray(a)) { for (const e of a) if (isSmallTensor(e)) return true; }
    else if (isPlainObject(a)) {
      for (const k in a) {
        if (isSmallTensor(a[k])) return true;
        dtype ||= k === 'dtype' && isSmall(a[k]);
      }
    }
  }
  return tensor && dtype;
}

function isBasicIndex(v: unknown): boolean {
  const basic = (e: unknown): boolean => typeof e === 'number' || e === null || e === '...' || e instanceof Slice;
  return Array.isArray(v) ? v.every(basic) : basic(v);
}

/** X: PyTorch's result dtype over the tensor arguments (dim tensors over 0-d ones) and fractional numbers. */
function resultDtype(tensors: Tensor[], numbers: number[]): DType {
  let dim: DType | null = null, zero: DType | null = null;
  for (const t of tensors) {
    if (t.ndim > 0) dim = dim === null ? t.dtype : promoteTypes(dim, 1, t.dtype, 1);
    else zero = zero === null ? t.dtype : promoteTypes(zero, 0, t.dtype, 0);
  }
  let x = dim === null ? (zero as DType) : zero === null ? dim : promoteTypes(dim, 1, zero, 0);
  for (const s of numbers) if (!Number.isInteger(s)) x = promoteScalar(x, s);
  return x;
}

function refusal(op: string, d: SmallDType): TypeError | null {
  const no = d === 'float16' ? NO_HALF.has(op) : d === 'bfloat16' ? NO_BFLOAT.has(op) : NO_INT.has(op);
  return no ? new TypeError(`${op}: not implemented for '${d}' (PyTorch 1.13's CPU build has no ${TORCH_NAME[d]} kernel for it)`) : null;
}

function dispatch(sig: Signature, wrapped: (...a: unknown[]) => unknown, self: unknown, args: ArrayLike<unknown>): unknown {
  if (!hasSmall(self, args)) return NONE;
  const dot = sig.fn.lastIndexOf('.');
  const op = dot < 0 ? sig.fn : sig.fn.slice(dot + 1);
  if (PASS.has(op)) return NONE;
  // Gather the operands: self, positional args and an options object's values, with their parameter names.
  const list = Array.prototype.slice.call(args) as unknown[];
  const last = list.length > 0 ? list[list.length - 1] : undefined;
  const opts = isPlainObject(last) ? { ...(last as Record<string, unknown>) } : null;
  if (opts !== null) list.pop();
  // Basic indexing (integers, slices, null, '...') is a view: it runs on the small dtype itself, so that writes
  // through it reach the base (a widened copy would take them).
  if (op === 'index' && isSmallTensor(self) && opts === null && isBasicIndex(list[0])) return NONE;
  const masked = boolMasks(op, sig, list, opts);
  if (masked !== null) return wrapped.apply(self, masked);
  const tensors: Tensor[] = [], numbers: number[] = [];
  const see = (v: unknown, name?: string): void => {
    if (name !== undefined && NOT_OPERANDS.has(name)) return;
    if (v instanceof Tensor) tensors.push(v);
    else if (typeof v === 'number') {
      if (!CAST_SCALARS.has(op)) numbers.push(v);
    }
    else if (Array.isArray(v)) for (const e of v) if (e instanceof Tensor) tensors.push(e);
  };
  if (self instanceof Tensor) see(self);
  list.forEach((v, i) => see(v, sig.names[i]));
  if (opts !== null) for (const k in opts) see(opts[k], k);
  const small = explicitSmall(sig, wrapped, self, list, opts, tensors);
  if (small !== NONE) return small;
  const first = tensors.find(isSmallTensor);
  if (first === undefined) {
    // Only an index or mask is small: give it as int32 (or bool) and leave the rest as it is.
    const idx = (v: unknown): unknown => isSmallTensor(v) ? v.to(isFloat(v.dtype) ? v.dtype : 'int32') : Array.isArray(v) ? v.map(idx) : v;
    const a = list.map(idx);
    if (opts !== null) for (const k in opts) opts[k] = idx(opts[k]);
    if (a.every((v, i) => v === list[i]) && (opts === null || !hasSmall(null, [opts]))) return NONE;
    return wrapped.apply(self, opts === null ? a : [...a, opts]);
  }
  const x = resultDtype(tensors, numbers);
  // An explicit dtype argument decides the result's dtype itself (and PyTorch computes in it).
  const di = sig.index.get('dtype');
  const explicit = (di !== undefined && list[di] !== undefined && !isPlainObject(list[di])) || (opts !== null && opts.dtype !== undefined);
  const refused = explicit ? null : refusal(op, (isSmall(x) ? x : first.dtype) as SmallDType);
  if (refused !== null && (isSmall(x) || !isFloat(x))) throw refused;
  const target = isSmall(x) ? wideOf(x) : x;
  const intX = isSmall(x) && !isFloat(x);
  const widen = (v: unknown, name: string | undefined): unknown => {
    if (name !== undefined && NOT_OPERANDS.has(name)) return isSmallTensor(v) && !isFloat(v.dtype) ? v.to('int32') : v;
    if (isSmallTensor(v)) return v.to(target);
    // A 0-d operand of x's kind left x small, so PyTorch casts it to x first (uint8 [32] < tensor(2**20) compares
    // with 2**20 wrapped to 0), as it does a number.
    if (v instanceof Tensor && v.ndim === 0 && isSmall(x) && isFloat(v.dtype) === isFloat(x) && v.dtype !== 'bool') return v.to(x).to(target);
    if (Array.isArray(v)) return v.some(isSmallTensor) ? v.map((e) => (isSmallTensor(e) ? e.to(target) : e)) : v;
    // (A negative integer exponent stays, for pow's own refusal: PyTorch checks it before any cast.)
    if (intX && name === 'exponent' && typeof v === 'number' && v < 0) return v;
    if (intX && typeof v === 'number' && Number.isInteger(v) && name !== undefined && OPERANDS.has(name)) return elementOf(x, v);
    // A number next to a half or bfloat16 tensor is cast to it first, as PyTorch casts a wrapped number to the
    // common dtype: half(0.0499878) < 0.05 is false there (0.05 rounds to that half), true if 0.05 stayed wide.
    if (!intX && isSmall(x) && typeof v === 'number' && (name === 'other' || name === 'value')) return smallValue(x, elementOf(x, v));
    return v;
  };
  // nanToNum's default posinf / neginf are the small dtype's extremes: the wide dtype's would narrow back to ±inf.
  if (op === 'nanToNum' && (x === 'float16' || x === 'bfloat16')) {
    const max = x === 'float16' ? 65504 : 3.3895313892515355e38;
    for (const [k, v] of [['posinf', max], ['neginf', -max]] as const) {
      const i = sig.index.get(k);
      if ((i !== undefined && list[i] !== undefined && list[i] !== null) || (opts !== null && opts[k] !== undefined && opts[k] !== null)) continue;
      if (opts !== null) opts[k] = v;
      else if (i !== undefined) {
        while (list.length < i) list.push(undefined);
        list[i] = v;
      }
    }
  }
  // F.threshold(x, ..., inplace=True) and the other inplace flags: computed wide out of place, then written into
  // x (a widened copy would take the write, leaving x as it was).
  const ii = sig.index.get('inplace');
  const flagged = (ii !== undefined && list[ii] === true) || (opts !== null && opts.inplace === true);
  const into = flagged ? (self instanceof Tensor ? self : list[0]) : null;
  const writeBack = isSmallTensor(into) ? into : null;
  if (writeBack !== null) {
    if (ii !== undefined && list[ii] === true) list[ii] = false;
    if (opts !== null && opts.inplace === true) opts.inplace = false;
  }
  const wargs = list.map((v, i) => widen(v, sig.names[i]));
  if (opts !== null) {
    for (const k in opts) opts[k] = widen(opts[k], k);
    wargs.push(opts);
  }
  if (op.endsWith('_') && isSmallTensor(self)) {
    const r = wrapped.apply(self.to(target), wargs);
    if (r instanceof Tensor) {
      self.copy_(r);
      return self;
    }
    return r;
  }
  const wself = self instanceof Tensor ? widen(self, 'self') : self;
  let r: unknown;
  try {
    r = wrapped.apply(wself, wargs);
  } catch (e) {
    throw renamed(e, op, target, first.dtype, tensors);
  }
  // PyTorch's any/all of uint8 give uint8 (the other dtypes give bool).
  if ((op === 'any' || op === 'all') && x === 'uint8' && r instanceof Tensor && r.dtype === 'bool') return r.to('uint8');
  const out = isSmall(x) && !explicit ? narrowResult(r, target, x) : r;
  if (writeBack !== null && out instanceof Tensor) {
    writeBack.copy_(out);
    return writeBack;
  }
  return out;
}

/**
 * An op given a small dtype= (x.sum({ dtype: 'uint8' }), cumsum(x, 0, { dtype: 'int8' })): PyTorch accumulates in
 * that dtype, which wraps (integers) or rounds (halves); computing in its wide dtype and casting the result once
 * gives the same integers (wrapping commutes with + and *) and the halves' values to their last bit, as
 * PyTorch's CPU kernels accumulate halves in float32 too. NONE when dtype= is absent or not small, or the op has
 * no tensor argument (a creation op fills the small dtype itself).
 */
function explicitSmall(sig: Signature, wrapped: (...a: unknown[]) => unknown, self: unknown, list: unknown[],
  opts: Record<string, unknown> | null, tensors: Tensor[]): unknown {
  const di = sig.index.get('dtype');
  const positional = di !== undefined && di < list.length && isSmall(list[di]);
  const d = opts !== null && isSmall(opts.dtype) ? opts.dtype : positional ? (list[di as number] as SmallDType) : null;
  if (d === null || tensors.length === 0) return NONE;
  const w = wideOf(d);
  const widen = (v: unknown): unknown => isSmallTensor(v) ? v.to(w) : Array.isArray(v) && v.some(isSmallTensor) ? v.map(widen) : v;
  const a = list.map(widen);
  if (positional) a[di as number] = w;
  if (opts !== null) {
    const o: Record<string, unknown> = {};
    for (const k in opts) o[k] = k === 'dtype' ? w : widen(opts[k]);
    a.push(o);
  }
  return narrowResult(wrapped.apply(widen(self), a), w, d);
}

/** An error of the widened call, as the op on the small dtype: named by the op and that dtype, not the wide one. */
function renamed(e: unknown, op: string, wide: DType, small: DType, tensors: Tensor[]): unknown {
  if (!(e instanceof TypeError || e instanceof RangeError) || tensors.some((t) => t.dtype === wide)) return e;
  const msg = e.message.replace(new RegExp(`\\b${wide}\\b`, 'g'), small);
  const Err = e instanceof RangeError ? RangeError : TypeError;
  return new Err(msg.startsWith(`${op}:`) || msg.startsWith(`${op}(`) ? msg : `${op}: ${msg}`);
}

function narrowResult(r: unknown, wide: DType, x: DType): unknown {
  if (r instanceof Tensor) return r.dtype === wide ? r.to(x) : r;
  if (Array.isArray(r) && r.some((e) => e instanceof Tensor && e.dtype === wide)) {
    const names = Object.getOwnPropertyNames(r).filter((k) => k !== 'length' && !/^\d+$/.test(k) && k !== 'toString');
    const out = r.map((e) => narrowResult(e, wide, x));
    if (names.length === 2) {
      const m = /^torch\.return_types\.(\w+)\(/.exec(String(r));
      if (m !== null) return namedTuple(m[1], names as [string, string], out as [Tensor, Tensor]);
    }
    return out;
  }
  return r;
}

smallHook.dispatch = dispatch;

/** @internal The value of one stored element (for tests and printing): a half's bits decoded. */
export const elementValue = smallValue;
