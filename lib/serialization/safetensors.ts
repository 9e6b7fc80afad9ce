// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length
// N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {string: string}},
// then the raw little-endian data, offsets relative to its start. tg.save/tg.load read and write it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Tensor } from '../tensor.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { typeError, rangeError, describe } from '../errors.js';
import { Module } from '../nn/module.js';

export type TensorDict = Record<string, Tensor>;
export type Metadata = Record<string, string>;

const WRITE_CODE: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL', int64: 'I64' };
const ITEM_BYTES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
/** The tensorgrad dtype each safetensors dtype loads as (narrower floats widen, narrower ints become int32). */
const LOAD_DTYPE: Record<string, DType> = { F64: 'float64', F32: 'float32', F16: 'float32', BF16: 'float32', I64: 'int64', I32: 'int32', I16: 'int32', I8: 'int32', U8: 'int32', BOOL: 'bool' };
const MAX_HEADER = 100 * 1024 * 1024;

function checkEndianness(op: string): void {
  if (os.endianness() !== 'LE') throw new Error(`${op}: safetensors support needs a little-endian host`);
}

function entriesOf(op: string, tensors: unknown): [string, Tensor][] {
  if (tensors instanceof Module) return Object.entries(tensors.stateDict());
  if (tensors instanceof Map) return [...tensors.entries()] as [string, Tensor][];
  if (tensors === null || typeof tensors !== 'object' || tensors instanceof Tensor || Array.isArray(tensors))
    throw typeError(op, `expected an object (or Map) of name -> Tensor, or a Module, got ${describe(tensors)}`);
  return Object.entries(tensors as Record<string, unknown>).map(([k, v]) => {
    if (!(v instanceof Tensor)) throw typeError(op, `value of "${k}" must be a Tensor, got ${describe(v)}`);
    return [k, v];
  });
}

/**
 * The safetensors bytes of named tensors (a state dict, a Map, or a Module's stateDict()), with optional
 * string metadata. @example const bytes = tg.safetensors.serialize(model.stateDict())
 */
export function serialize(tensors: TensorDict | Map<string, Tensor> | Module, metadata?: Metadata | null): Uint8Array {
  checkEndianness('serialize');
  const entries = entriesOf('serialize', tensors);
  const header: Record<string, unknown> = {};
  if (metadata !== undefined && metadata !== null) {
    if (typeof metadata !== 'object') throw typeError('serialize', `metadata must be an object of strings, got ${describe(metadata)}`);
    for (const [k, v] of Object.entries(metadata)) if (typeof v !== 'string') throw typeError('serialize', `metadata value of "${k}" must be a string, got ${describe(v)}`);
    header.__metadata__ = { ...metadata };
  }
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw rangeError('serialize', 'a tensor cannot be named __metadata__');
    const bytes = t._data.byteLength;
    header[name] = { dtype: WRITE_CODE[t.dtype], shape: t.shape.slice(), data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const jsonBytes0 = Buffer.byteLength(json, 'utf8');
  json += ' '.repeat((8 - ((8 + jsonBytes0) % 8)) % 8); // pad so the data starts 8-byte aligned
  const headerBytes = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const [, t] of entries) {
    const d = t._data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), pos);
    pos += d.byteLength;
  }
  return out;
}

function toFloat32FromHalf(src: Uint8Array, bf16: boolean): Float32Array {
  const n = src.length / 2;
  const out = new Float32Array(n);
  const u32 = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const h = src[2 * i] | (src[2 * i + 1] << 8);
    if (bf16) {
      u32[i] = h << 16;
      continue;
    }
    const sign = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f, m = h & 0x3ff;
    out[i] = e === 0 ? sign * m * 2 ** -24 : e === 31 ? (m ? NaN : sign * Infinity) : sign * (1 + m / 1024) * 2 ** (e - 15);
  }
  return out;
}

/** Named tensors (and metadata) from safetensors bytes. */
export function deserialize(bytes: Uint8Array): { tensors: TensorDict; metadata: Metadata | null } {
  checkEndianness('deserialize');
  if (!(bytes instanceof Uint8Array)) throw typeError('deserialize', `expected a Uint8Array or Buffer, got ${describe(bytes)}`);
  if (bytes.length < 8) throw rangeError('deserialize', `file too small for a safetensors header (${bytes.length} bytes)`);
  const n64 = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n64 > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) throw rangeError('deserialize', `invalid header length ${n64} for a file of ${bytes.length} bytes`);
  const n = Number(n64);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, n).toString('utf8'));
  } catch (e) {
    throw rangeError('deserialize', `header is not valid JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw rangeError('deserialize', 'header must be a JSON object');
  const dataStart = 8 + n;
  const dataLen = bytes.length - dataStart;
  let metadata: Metadata | null = null;
  const specs: [string, { dtype: string; shape: number[]; data_offsets: [number, number] }][] = [];
  for (const [name, v] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = v as Metadata;
      continue;
    }
    const s = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (s === null || typeof s !== 'object') throw rangeError('deserialize', `entry "${name}" must be an object`);
    if (typeof s.dtype !== 'string' || !(s.dtype in ITEM_BYTES)) throw rangeError('deserialize', `tensor "${name}" has unsupported dtype ${String(s.dtype)} (supported: ${Object.keys(ITEM_BYTES).join(', ')})`);
    if (!Array.isArray(s.shape) || s.shape.some((d) => !Number.isInteger(d) || d < 0)) throw rangeError('deserialize', `tensor "${name}" has an invalid shape ${JSON.stringify(s.shape)}`);
    const off = s.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((x) => Number.isInteger(x) && x >= 0) || off[0] > off[1] || off[1] > dataLen)
      throw rangeError('deserialize', `tensor "${name}" has invalid data_offsets ${JSON.stringify(off)} (data section is ${dataLen} bytes)`);
    const numel = (s.shape as number[]).reduce((a, b) => a * b, 1);
    if (off[1] - off[0] !== numel * ITEM_BYTES[s.dtype])
      throw rangeError('deserialize', `tensor "${name}" of dtype ${s.dtype} and shape [${(s.shape as number[]).join(', ')}] needs ${numel * ITEM_BYTES[s.dtype]} bytes but data_offsets span ${off[1] - off[0]}`);
    specs.push([name, s as { dtype: string; shape: number[]; data_offsets: [number, number] }]);
  }
  specs.sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0]);
  const tensors: TensorDict = {};
  for (const [name, s] of specs) {
    const [b, e] = s.data_offsets;
    // A real copy (Buffer#slice would be a view into a pooled buffer), so typed views start aligned at 0.
    const raw = Uint8Array.prototype.slice.call(bytes, dataStart + b, dataStart + e);
    const t = empty(s.shape, { dtype: LOAD_DTYPE[s.dtype] });
    const d = t._data;
    switch (s.dtype) {
      case 'F32': d.set(new Float32Array(raw.buffer, 0, raw.length / 4) as never); break;
      case 'F64': d.set(new Float64Array(raw.buffer, 0, raw.length / 8) as never); break;
      case 'I32': d.set(new Int32Array(raw.buffer, 0, raw.length / 4) as never); break;
      case 'I16': d.set(new Int16Array(raw.buffer, 0, raw.length / 2) as never); break;
      case 'I8': d.set(new Int8Array(raw.buffer, 0, raw.length) as never); break;
      case 'U8': d.set(raw as never); break;
      case 'BOOL': for (let i = 0; i < raw.length; i++) d[i] = raw[i] ? 1 : 0; break;
      case 'F16': case 'BF16': d.set(toFloat32FromHalf(raw, s.dtype === 'BF16') as never); break;
      case 'I64': d.set(new BigInt64Array(raw.buffer, 0, raw.length / 8) as never); break;
    }
    tensors[name] = t;
  }
  return { tensors, metadata };
}

/**
 * Writes named tensors (a state dict, a Map, or a Module's stateDict()) to a .safetensors file.
 * @example const model = new tg.nn.Linear(2, 1); const f = require('node:path').join(require('node:os').tmpdir(), 'tg-doc-model.safetensors'); tg.save(model.stateDict(), f, { metadata: { epoch: '3' } }); tg.safetensors.loadMetadata(f).epoch // => '3'
 */
export function save(tensors: TensorDict | Map<string, Tensor> | Module, path: string, opts: { metadata?: Metadata } = {}): void {
  if (typeof path !== 'string') throw typeError('save', `path must be a string, got ${describe(path)}`);
  fs.writeFileSync(path, serialize(tensors, opts.metadata));
}

/** Reads a .safetensors file into an object of name -> Tensor (in file order). @example model.loadStateDict(tg.load('model.safetensors')) */
export function load(path: string): TensorDict {
  if (typeof path !== 'string') throw typeError('load', `path must be a string, got ${describe(path)}`);
  return deserialize(readFile('load', path)).tensors;
}

/** fs.readFileSync with the op named in a failure's message (the error keeps its class and `code`). */
function readFile(op: string, path: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    if (e instanceof Error) e.message = `${op}: ${e.message}`;
    throw e;
  }
}

/** The __metadata__ of a .safetensors file (null when it has none). */
export function loadMetadata(path: string): Metadata | null {
  if (typeof path !== 'string') throw typeError('loadMetadata', `path must be a string, got ${describe(path)}`);
  return deserialize(readFile('loadMetadata', path)).metadata;
}
