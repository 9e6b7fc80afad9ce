// PyTorch 1.13 tensor print format (`str(t)` / `repr(t)`), as a pure function.
//
// The rules follow torch/_tensor_str.py: a single formatter (width, int mode,
// scientific mode) is chosen from the whole tensor (or from its summarized
// edges when numel > threshold), then values are laid out in nested brackets,
// wrapped at `linewidth`, and suffixes (dtype, size, grad info) are appended.
//
// Float values are formatted from their exact binary value with
// round-half-even, like Python's `'{:.4f}'` / `'{:.4e}'` formatting.

import { defaultFloat } from './dtype.js';

export type DTypeName = 'float32' | 'float64' | 'int32' | 'bool' | 'int64' | 'uint8' | 'int8' | 'int16' | 'float16' | 'bfloat16';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}

/** Global print options, like PyTorch's PRINT_OPTS (mutable). */
export const printOptions: PrintOptions = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
};

// ---------------------------------------------------------------------------
// Exact decimal formatting of doubles (Python float.__format__ semantics)
// ---------------------------------------------------------------------------

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const MANT_MASK = (1n << 52n) - 1n;
const pow5Cache = new Map<number, bigint>();
const pow10Cache = new Map<number, bigint>();

function pow5(n: number): bigint {
  let v = pow5Cache.get(n);
  if (v === undefined) {
    v = 5n ** BigInt(n);
    pow5Cache.set(n, v);
  }
  return v;
}

function pow10(n: number): bigint {
  let v = pow10Cache.get(n);
  if (v === undefined) {
    v = 10n ** BigInt(n);
    pow10Cache.set(n, v);
  }
  return v;
}

/** For finite a > 0: returns [D, k] with a === D / 10^k exactly. */
function exactDecimal(a: number): [bigint, number] {
  f64[0] = a;
  const bits = u64[0]!;
  const bexp = Number((bits >> 52n) & 0x7ffn);
  let m = bits & MANT_MASK;
  let e: number;
  if (bexp === 0) {
    e = -1074;
  } else {
    m |= 1n << 52n;
    e = bexp - 1075;
  }
  while (e < 0 && (m & 1n) === 0n) {
    m >>= 1n;
    e += 1;
  }
  if (e >= 0) return [m << BigInt(e), 0];
  return [m * pow5(-e), -e];
}

/** round(n / 10^drop) with ties to even. */
function roundHalfEven(n: bigint, drop: number): bigint {
  if (drop <= 0) return n * pow10(-drop);
  const div = pow10(drop);
  const q = n / div;
  const r2 = (n % div) * 2n;
  if (r2 > div || (r2 === div && (q & 1n) === 1n)) return q + 1n;
  return q;
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** Python's '{:.<p>f}'.format(x). */
export function formatFixed(x: number, p: number): string {
  const nf = nonFinite(x);
  if (nf !== null) return nf;
  const sign = isNegative(x) ? '-' : '';
  const a = Math.abs(x);
  let n: bigint;
  if (a === 0) {
    n = 0n;
  } else {
    const [d, k] = exactDecimal(a);
    n = roundHalfEven(d, k - p);
  }
  let s = n.toString();
  if (p > 0) {
    if (s.length < p + 1) s = '0'.repeat(p + 1 - s.length) + s;
    s = s.slice(0, s.length - p) + '.' + s.slice(s.length - p);
  }
  return sign + s;
}

/** Python's '{:.<p>e}'.format(x). */
export function formatExp(x: number, p: number): string {
  const nf = nonFinite(x);
  if (nf !== null) return nf;
  const sign = isNegative(x) ? '-' : '';
  const a = Math.abs(x);
  let digits: string;
  let exp: number;
  if (a === 0) {
    digits = '0'.repeat(p + 1);
    exp = 0;
  } else {
    const [d, k] = exactDecimal(a);
    const ds = d.toString();
    exp = ds.length - 1 - k;
    const drop = ds.length - (p + 1);
    if (drop > 0) {
      let r = roundHalfEven(d, drop);
      let rs = r.toString();
      if (rs.length > p + 1) {
        r /= 10n;
        rs = r.toString();
        exp += 1;
      }
      digits = rs;
    } else {
      digits = ds + '0'.repeat(-drop);
    }
  }
  const mant = p > 0 ? digits[0] + '.' + digits.slice(1) : digits;
  const ae = Math.abs(exp);
  return sign + mant + 'e' + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
}

// ---------------------------------------------------------------------------
// Formatter (mirrors _Formatter)
// ---------------------------------------------------------------------------

interface Formatter {
  width: number;
  format(v: number): string;
}

function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

function makeFormatter(values: number[], dtype: DTypeName, opts: PrintOptions): Formatter {
  const precision = opts.precision;
  // Integers print exactly (int64 values arrive as bigints, formatted by String() as well).
  if (dtype === 'bool' || dtype === 'int32' || dtype === 'int64' || dtype === 'uint8' || dtype === 'int8' || dtype === 'int16') {
    const str = dtype === 'bool'
      ? (v: number): string => (v ? 'True' : 'False')
      : (v: number): string => String(v);
    let maxWidth = 1;
    for (const v of values) maxWidth = Math.max(maxWidth, str(v).length);
    return { width: maxWidth, format: (v) => padLeft(str(v), maxWidth) };
  }

  let intMode = true;
  let sciMode = false;
  let maxWidth = 1;
  const nz: number[] = [];
  for (const v of values) if (Number.isFinite(v) && v !== 0) nz.push(v);

  if (nz.length > 0) {
    let mn = Infinity;
    let mx = 0;
    for (const v of nz) {
      const a = Math.abs(v);
      if (a < mn) mn = a;
      if (a > mx) mx = a;
      if (intMode && v !== Math.ceil(v)) intMode = false;
    }
    if (intMode) {
      if (mx / mn > 1000.0 || mx > 1.0e8) {
        sciMode = true;
        for (const v of nz) maxWidth = Math.max(maxWidth, formatExp(v, precision).length);
      } else {
        for (const v of nz) maxWidth = Math.max(maxWidth, formatFixed(v, 0).length + 1);
      }
    } else if (mx / mn > 1000.0 || mx > 1.0e8 || mn < 1.0e-4) {
      sciMode = true;
      for (const v of nz) maxWidth = Math.max(maxWidth, formatExp(v, precision).length);
    } else {
      for (const v of nz) maxWidth = Math.max(maxWidth, formatFixed(v, precision).length);
    }
    // PyTorch returns early (ignoring sci_mode) when there is no nonzero finite value.
    if (opts.sciMode !== null) sciMode = opts.sciMode;
  }

  const width = maxWidth;
  return {
    width,
    format(v: number): string {
      let ret: string;
      if (sciMode) {
        ret = formatExp(v, precision);
      } else if (intMode) {
        ret = formatFixed(v, 0);
        if (Number.isFinite(v)) ret += '.';
      } else {
        ret = formatFixed(v, precision);
      }
      return padLeft(ret, width);
    },
  };
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i]!;
  }
  return st;
}

/** Indices kept along one dim: all, or first/last edgeitems when summarizing. */
function keptIndices(size: number, summarize: boolean, edge: number): number[] | [number[], number[]] {
  if (summarize && size > 2 * edge) {
    const head: number[] = [];
    const tail: number[] = [];
    for (let i = 0; i < edge; i++) head.push(i);
    for (let i = size - edge; i < size; i++) tail.push(i);
    return [head, tail];
  }
  const all: number[] = [];
  for (let i = 0; i < size; i++) all.push(i);
  return all;
}

function isSplit(k: number[] | [number[], number[]]): k is [number[], number[]] {
  return k.length === 2 && Array.isArray(k[0]);
}

/** Values the formatter looks at (get_summarized_data when summarizing). */
function collectValues(
  vals: number[], shape: readonly number[], strides: number[], summarize: boolean, edge: number,
): number[] {
  if (!summarize) return vals;
  const out: number[] = [];
  const rec = (dim: number, offset: number): void => {
    if (dim === shape.length) {
      out.push(vals[offset]!);
      return;
    }
    const k = keptIndices(shape[dim]!, true, edge);
    const idx = isSplit(k) ? [...k[0], ...k[1]] : k;
    for (const i of idx) rec(dim + 1, offset + i * strides[dim]!);
  };
  rec(0, 0);
  return out;
}

function layout(
  vals: number[], shape: readonly number[], strides: number[], dim: number, offset: number,
  indent: number, summarize: boolean, fmt: Formatter, opts: PrintOptions,
): string {
  const nd = shape.length - dim;
  if (nd === 0) return fmt.format(vals[offset]!);
  const size = shape[dim]!;
  const k = keptIndices(size, summarize, opts.edgeitems);
  if (nd === 1) {
    const elementLength = fmt.width + 2;
    const perLine = Math.max(1, Math.floor((opts.linewidth - indent) / elementLength));
    const st = strides[dim]!;
    const data: string[] = [];
    if (isSplit(k)) {
      for (const i of k[0]) data.push(fmt.format(vals[offset + i * st]!));
      data.push(' ...');
      for (const i of k[1]) data.push(fmt.format(vals[offset + i * st]!));
    } else {
      for (const i of k) data.push(fmt.format(vals[offset + i * st]!));
    }
    const lines: string[] = [];
    for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
    return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
  }
  const sub = (i: number): string =>
    layout(vals, shape, strides, dim + 1, offset + i * strides[dim]!, indent + 1, summarize, fmt, opts);
  const slices: string[] = [];
  if (isSplit(k)) {
    for (const i of k[0]) slices.push(sub(i));
    slices.push('...');
    for (const i of k[1]) slices.push(sub(i));
  } else {
    for (const i of k) slices.push(sub(i));
  }
  return '[' + slices.join(',' + '\n'.repeat(nd - 1) + ' '.repeat(indent + 1)) + ']';
}

function addSuffixes(tensorStr: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  const parts = [tensorStr];
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

const DTYPE_SUFFIX: Record<DTypeName, string> = {
  float32: 'dtype=torch.float32',
  float64: 'dtype=torch.float64',
  int32: 'dtype=torch.int32',
  int64: 'dtype=torch.int64',
  bool: 'dtype=torch.bool',
  uint8: 'dtype=torch.uint8',
  int8: 'dtype=torch.int8',
  int16: 'dtype=torch.int16',
  float16: 'dtype=torch.float16',
  bfloat16: 'dtype=torch.bfloat16',
};

/**
 * Format a tensor exactly like PyTorch 1.13's `str(t)`.
 * @param data elements in row-major order (bool as 0/1 or boolean; int64 as numbers or bigints)
 * @param shape tensor shape; [] is a scalar
 * @param dtype element type
 * @param suffixes extra ", name=value" parts (e.g. 'requires_grad=True', 'grad_fn=<MulBackward0>')
 */
export function formatTensor(
  data: ArrayLike<number | boolean | bigint>,
  shape: readonly number[],
  dtype: DTypeName,
  suffixes: readonly string[] = [],
): string {
  const opts = printOptions;
  const prefix = 'tensor(';
  const indent = prefix.length;
  let numel = 1;
  for (const s of shape) numel *= s;
  if (data.length < numel) {
    throw new RangeError(`formatTensor: data has ${data.length} elements but shape [${shape.join(', ')}] needs ${numel}`);
  }
  const allSuffixes: string[] = [];
  let body: string;
  if (numel === 0) {
    if (shape.length !== 1) {
      allSuffixes.push('size=(' + shape.join(', ') + (shape.length === 1 ? ',' : '') + ')');
    }
    if (dtype !== defaultFloat()) allSuffixes.push(DTYPE_SUFFIX[dtype]);
    body = '[]';
  } else {
    // int64 is PyTorch's default integer dtype: like the default float dtype, it prints without a suffix.
    // float16 and bfloat16 values arrive decoded (PyTorch prints them as float32 values, with their suffix).
    if (dtype !== defaultFloat() && dtype !== 'int64' && dtype !== 'bool') allSuffixes.push(DTYPE_SUFFIX[dtype]);
    const vals = new Array<number>(numel);
    for (let i = 0; i < numel; i++) {
      const v = data[i]!;
      // bigints pass through (as numbers in the types): only the integer formatter sees them.
      vals[i] = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
    }
    const summarize = numel > opts.threshold;
    const strides = stridesOf(shape);
    const fmt = makeFormatter(collectValues(vals, shape, strides, summarize, opts.edgeitems), dtype, opts);
    body = layout(vals, shape, strides, 0, 0, indent, summarize, fmt, opts);
  }
  allSuffixes.push(...suffixes);
  return addSuffixes(prefix + body, allSuffixes, indent, opts.linewidth);
}
