// Conversions of the small dtypes (uint8, int8, int16, float16, bfloat16) to and from the others, over typed
// arrays: the native side only allocates and moves them (Note [Small dtypes] in lib/small_dtypes.ts).
import { native } from './native.js';
import { DType, dtypeCode, isSmall } from './dtype.js';
import { allocData, type Data } from './storage.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * float16 bits of a float32 value, rounded to nearest even (c10::Half(float)): overflow gives inf, NaN the
 * quiet NaN 0x7e00 with its sign, values below half the smallest subnormal 0; subnormals exact.
 */
export function halfBits(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000, e = (x >>> 23) & 0xff, m = x & 0x7fffff;
  if (e === 0xff) return sign | (m !== 0 ? 0x7e00 : 0x7c00);
  const he = e - 112; // the half's biased exponent
  if (he >= 0x1f) return sign | 0x7c00;
  if (he <= 0) {
    const shift = 14 - he; // bits of the 24-bit significand below the subnormal's last bit
    if (shift > 24) return sign;
    const mm = m | 0x800000;
    let q = mm >>> shift;
    const rem = mm & ((1 << shift) - 1), halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && (q & 1) !== 0)) q++;
    return sign | q;
  }
  let q = (he << 10) | (m >>> 13);
  const rem = m & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (q & 1) !== 0)) q++; // a carry into the exponent is right (up to inf)
  return sign | q;
}

/** bfloat16 bits of a float32 value, rounded to nearest even (c10's round_to_nearest_even; NaN gives 0x7fc0). */
export function bfloatBits(v: number): number {
  f32[0] = v;
  if (v !== v) return 0x7fc0;
  const x = u32[0];
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

let halfTable: Float32Array | null = null;
/** The float32 value of every float16 bit pattern (256 KiB, made on first use). */
function halfValues(): Float32Array {
  if (halfTable !== null) return halfTable;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1, e = (h >>> 10) & 0x1f, m = h & 0x3ff;
    t[h] = e === 0 ? s * m * 2 ** -24 : e === 0x1f ? (m !== 0 ? NaN : s * Infinity) : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return (halfTable = t);
}

/** The value of one element of a small dtype's storage (a half's bits decoded). */
export function smallValue(dtype: DType, raw: number): number {
  if (dtype === 'float16') return halfValues()[raw];
  if (dtype === 'bfloat16') {
    u32[0] = raw << 16;
    return f32[0];
  }
  return raw;
}

/** The wide dtype a small dtype's values are exact in: int32 for the integers, float32 for the halves. */
export function wideOf(d: DType): DType {
  return d === 'float16' || d === 'bfloat16' ? 'float32' : isSmall(d) ? 'int32' : d;
}

/** A small dtype's values in its wide dtype (exact). */
function widen(src: Data, from: DType): Data {
  const n = src.length;
  if (from === 'float16') {
    const out = allocData(dtypeCode.float32, n) as Float32Array, t = halfValues(), s = src as Uint16Array;
    for (let i = 0; i < n; i++) out[i] = t[s[i]];
    return out;
  }
  if (from === 'bfloat16') {
    const out = allocData(dtypeCode.float32, n) as Float32Array;
    const o32 = new Uint32Array(out.buffer, out.byteOffset, n), s = src as Uint16Array;
    for (let i = 0; i < n; i++) o32[i] = s[i] << 16;
    return out;
  }
  const out = allocData(dtypeCode.int32, n) as Int32Array;
  out.set(src as Int16Array);
  return out;
}

/** Values of a standard dtype into a small one: integers through int32 (x86's conversion, then wrapped), halves through float32. */
function narrow(src: Data, from: DType, to: DType): Data {
  const n = src.length;
  const out = allocData(dtypeCode[to], n);
  if (to === 'float16' || to === 'bfloat16') {
    const f = from === 'float32' ? (src as Float32Array) : (native.cast(src, dtypeCode.float32, allocData(dtypeCode.float32, n)) as Float32Array);
    const o = out as Uint16Array, enc = to === 'float16' ? halfBits : bfloatBits;
    for (let i = 0; i < n; i++) o[i] = enc(f[i]);
    return out;
  }
  // A float out of int32's range (or NaN) gives INT32_MIN, whose low bits are 0: PyTorch's cast on x86.
  const w = from === 'int32' ? (src as Int32Array) : (native.cast(src, dtypeCode.int32, allocData(dtypeCode.int32, n)) as Int32Array);
  (out as Int8Array).set(w); // wraps modulo 2^8 or 2^16 (ToInt8, ToUint8, ToInt16)
  return out;
}

/** Storage of `from` values cast to `to`, where either is a small dtype (PyTorch's conversions on x86). */
export function castSmall(src: Data, from: DType, to: DType): Data {
  if (from === to) return src.slice();
  if (!isSmall(from)) return narrow(src, from, to);
  const w = widen(src, from), wd = wideOf(from);
  if (isSmall(to)) return narrow(w, wd, to);
  return to === wd ? w : native.cast(w, dtypeCode[to], allocData(dtypeCode[to], w.length));
}

/** The storage element of a small dtype for a JS number or boolean (fill values, scalars): as a cast of it. */
export function elementOf(dtype: DType, v: number | boolean): number {
  const x = Number(v);
  if (dtype === 'float16') return halfBits(x);
  if (dtype === 'bfloat16') return bfloatBits(x);
  const i = x >= -2147483648 && x < 2147483648 ? Math.trunc(x) : -2147483648;
  return dtype === 'uint8' ? i & 0xff : dtype === 'int8' ? (i << 24) >> 24 : dtype === 'int16' ? (i << 16) >> 16 : x;
}

const LIMITS: Record<string, number> = { uint8: 255, int8: 127, int16: 32767, float16: 65504, bfloat16: 3.3895313892515355e38 };

/**
 * Throws PyTorch's RangeError for a fill value a small dtype cannot hold (full, fill_): an integer type takes
 * [min, max] (uint8 also -255..-1, which wrap, as c10's overflows() allows), a half any non-finite value or a finite
 * one within its largest finite magnitude.
 */
export function checkFits(op: string, dtype: DType, v: number | boolean): void {
  const x = Number(v), max = LIMITS[dtype];
  if (max === undefined || !Number.isFinite(x) && (dtype === 'float16' || dtype === 'bfloat16')) return;
  const low = dtype === 'uint8' || dtype === 'float16' || dtype === 'bfloat16' ? -max : -max - 1;
  if (!(x >= low && x <= max)) throw new RangeError(`${op}: value ${x} cannot be converted to type ${dtype} without overflow`);
}
