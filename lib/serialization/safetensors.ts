// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length
// N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {string: string}},
// then the raw little-endian data, offsets relative to its start. tg.save/tg.load read and write it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Tensor } from '../tensor.js';
import type { DType } from '../dtype.js';
import { empty } from '../ops/creation.js';
import { typeError, rangeError, describe } from '../errors.js';
import { Module } from '../nn/module.js';

export type TensorDict = Record<string, Tensor>;
export type Metadata = Record<string, string>;

const WRITE_CODE: Record<DType, string> = {
  float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL', int64: 'I64', uint8: 'U8', int8: 'I8', int16: 'I16', float16: 'F16', bfloat16: 'BF16',
};
const ITEM_BYTES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
/** The tensorgrad dtype each safetensors dtype loads as (its own). */
const LOAD_DTYPE: Record<string, DType> = { F64: 'float64', F32: 'float32', F16: 'float16', BF16: 'bfloat16', I64: 'int64', I32: 'int32', I16: 'int16', I8: 'int8', U8: 'uint8', BOOL: 'bool' };
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
 * string metadata.
 * @example
 * ```ts
 * const model = new tg.nn.Linear(2, 1)
 * const bytes = tg.safetensors.serialize(model.stateDict())
 * Object.keys(tg.safetensors.deserialize(bytes).tensors) // => ['weight', 'bias']
 * ```
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

type Spec = { dtype: string; shape: number[]; data_offsets: [number, number] };

/** The header length N from the first 8 bytes, checked against the file size. */
function headerLength(op: string, first8: Uint8Array, fileBytes: number): number {
  if (fileBytes < 8) throw rangeError(op, `file too small for a safetensors header (${fileBytes} bytes)`);
  const n64 = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (n64 > BigInt(Math.min(MAX_HEADER, fileBytes - 8))) throw rangeError(op, `invalid header length ${n64} for a file of ${fileBytes} bytes`);
  return Number(n64);
}

/**
 * Parses and checks a header (Note [Safetensors offsets]): the tensors' specs sorted by data_offsets, and
 * the metadata.
 */
function parseHeader(op: string, json: Uint8Array, dataLen: number): { specs: [string, Spec][]; metadata: Metadata | null } {
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.length).toString('utf8'));
  } catch (e) {
    throw rangeError(op, `header is not valid JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw rangeError(op, 'header must be a JSON object');
  let metadata: Metadata | null = null;
  const specs: [string, Spec][] = [];
  for (const [name, v] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = v as Metadata;
      continue;
    }
    const s = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (s === null || typeof s !== 'object') throw rangeError(op, `entry "${name}" must be an object`);
    if (typeof s.dtype !== 'string' || !(s.dtype in ITEM_BYTES)) throw rangeError(op, `tensor "${name}" has unsupported dtype ${String(s.dtype)} (supported: ${Object.keys(ITEM_BYTES).join(', ')})`);
    if (!Array.isArray(s.shape) || s.shape.some((d) => !Number.isInteger(d) || d < 0)) throw rangeError(op, `tensor "${name}" has an invalid shape ${JSON.stringify(s.shape)}`);
    const off = s.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((x) => Number.isInteger(x) && x >= 0) || off[0] > off[1] || off[1] > dataLen)
      throw rangeError(op, `tensor "${name}" has invalid data_offsets ${JSON.stringify(off)} (data section is ${dataLen} bytes)`);
    const numel = (s.shape as number[]).reduce((a, b) => a * b, 1);
    if (off[1] - off[0] !== numel * ITEM_BYTES[s.dtype])
      throw rangeError(op, `tensor "${name}" of dtype ${s.dtype} and shape [${(s.shape as number[]).join(', ')}] needs ${numel * ITEM_BYTES[s.dtype]} bytes but data_offsets span ${off[1] - off[0]}`);
    specs.push([name, s as Spec]);
  }
  // Note [Safetensors offsets]: as the reference implementation (safetensors' Metadata::validate, sorted by
  // data_offsets), the tensors must tile the data section exactly: the first starts at 0, each starts where the
  // one before it ends (no overlap, which would alias two tensors' bytes, and no gap, which would hide bytes
  // no tensor owns), and the last ends at the end of the file (MetadataIncompleteBuffer).
  specs.sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0] || a[1].data_offsets[1] - b[1].data_offsets[1]);
  let end = 0;
  let prev: string | null = null;
  for (const [name, s] of specs) {
    const [b, e] = s.data_offsets;
    if (b < end) throw rangeError(op, `tensor "${name}" has data_offsets [${b}, ${e}] overlapping tensor "${prev}" (which ends at ${end})`);
    if (b > end) throw rangeError(op, `tensor "${name}" has data_offsets [${b}, ${e}] leaving a gap of ${b - end} bytes ${prev === null ? 'at the start of the data' : `after tensor "${prev}" (which ends at ${end})`}`);
    end = e;
    prev = name;
  }
  if (end !== dataLen) throw rangeError(op, `the tensors' data_offsets end at byte ${end} but the data section is ${dataLen} bytes (trailing bytes no tensor owns)`);
  return { specs, metadata };
}

/** Storage dtypes whose bytes are the file's bytes (little-endian host): read straight into the tensor. */
const SAME_LAYOUT: Record<string, DType> = {
  F32: 'float32', F64: 'float64', I32: 'int32', BOOL: 'bool', I64: 'int64', U8: 'uint8', I8: 'int8', I16: 'int16', F16: 'float16', BF16: 'bfloat16',
};

/** Fills d (the tensor's storage) from raw, the file bytes of a tensor of safetensors dtype `dtype`. */
function convertInto(op: string, name: string, dtype: string, raw: Uint8Array, d: Tensor['_data']): void {
  // raw may sit at any offset of a pooled buffer: a copy starts typed views aligned at 0.
  if (raw.byteOffset % 8 !== 0) raw = raw.slice();
  switch (dtype) {
    case 'F32': d.set(new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4) as never); break;
    case 'F64': d.set(new Float64Array(raw.buffer, raw.byteOffset, raw.length / 8) as never); break;
    case 'I32': d.set(new Int32Array(raw.buffer, raw.byteOffset, raw.length / 4) as never); break;
    case 'I16': d.set(new Int16Array(raw.buffer, raw.byteOffset, raw.length / 2) as never); break;
    case 'I8': d.set(new Int8Array(raw.buffer, raw.byteOffset, raw.length) as never); break;
    case 'U8': d.set(raw as never); break;
    case 'BOOL': for (let i = 0; i < raw.length; i++) d[i] = raw[i] ? 1 : 0; break;
    case 'F16': case 'BF16': d.set(new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2) as never); break; // bit patterns
    case 'I64': d.set(new BigInt64Array(raw.buffer, raw.byteOffset, raw.length / 8) as never); break;
  }
}

/** Named tensors (and metadata) from safetensors bytes. */
export function deserialize(bytes: Uint8Array): { tensors: TensorDict; metadata: Metadata | null } {
  checkEndianness('deserialize');
  if (!(bytes instanceof Uint8Array)) throw typeError('deserialize', `expected a Uint8Array or Buffer, got ${describe(bytes)}`);
  const n = headerLength('deserialize', bytes, bytes.length);
  const dataStart = 8 + n;
  const { specs, metadata } = parseHeader('deserialize', bytes.subarray(8, dataStart), bytes.length - dataStart);
  const tensors: TensorDict = {};
  for (const [name, s] of specs) {
    const [b, e] = s.data_offsets;
    const t = empty(s.shape, { dtype: LOAD_DTYPE[s.dtype] });
    convertInto('deserialize', name, s.dtype, bytes.subarray(dataStart + b, dataStart + e), t._data);
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
  const bytes = serialize(tensors, opts.metadata);
  atomicWrite('save', path, bytes);
}

/**
 * Note [Atomic save]: writes to a temporary file in the target's directory (so the rename stays within one
 * file system), fsyncs it, renames it over the target (atomic on POSIX; on Windows a replace) and fsyncs the
 * directory so the rename itself is durable. A crash at any point leaves either the last good file or the new
 * one under `path`, never a truncated one; what it can leave is a stray `.<name>.tmp-*` beside it. On an error
 * the temporary file is removed and the target is untouched.
 */
function atomicWrite(op: string, path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx');
    for (let pos = 0; pos < bytes.length;) pos += fs.writeSync(fd, bytes, pos, Math.min(bytes.length - pos, 1 << 30));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, path);
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    if (e instanceof Error && !e.message.startsWith(`${op}:`)) e.message = `${op}: ${e.message}`;
    throw e;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Windows cannot open or fsync a directory; its MoveFileEx replace is already durable enough there.
  }
}

/**
 * Reads a .safetensors file into an object of name -> Tensor (in file order).
 * Note [Streaming load]: the file is read tensor by tensor from a file descriptor, straight into each
 * tensor's native storage where the file's layout is the tensor's (F32, F64, I32, BOOL), so the peak memory is
 * one copy of the weights (plus one tensor's bytes while widening F16/BF16/I64/I16/I8/U8), not the file plus
 * the tensors as a whole-file read would need. Memory mapping would avoid even that copy, but Node has no mmap
 * and the tensors would then live in file-backed pages tied to an open mapping.
 * @example
 * ```ts
 * const f = require('node:path').join(require('node:os').tmpdir(), 'tg-doc-load-model.safetensors')
 * const model = new tg.nn.Linear(2, 1)
 * tg.save(model.stateDict(), f)
 * const copy = new tg.nn.Linear(2, 1)
 * copy.loadStateDict(tg.load(f))
 * copy.weight.equal(model.weight) // => true
 * ```
 */
export function load(path: string): TensorDict {
  if (typeof path !== 'string') throw typeError('load', `path must be a string, got ${describe(path)}`);
  checkEndianness('load');
  const fd = openFile('load', path);
  try {
    const { specs, dataStart } = readHeader('load', fd);
    const tensors: TensorDict = {};
    for (const [name, s] of specs) {
      const [b, e] = s.data_offsets;
      const t = empty(s.shape, { dtype: LOAD_DTYPE[s.dtype] });
      const d = t._data;
      if (SAME_LAYOUT[s.dtype] === t.dtype) {
        readFully('load', fd, new Uint8Array(d.buffer, d.byteOffset, e - b), dataStart + b);
        if (s.dtype === 'BOOL') for (let i = 0; i < d.length; i++) d[i] = d[i] ? 1 : 0;
      } else {
        const raw = new Uint8Array(e - b);
        readFully('load', fd, raw, dataStart + b);
        convertInto('load', name, s.dtype, raw, d);
      }
      tensors[name] = t;
    }
    return tensors;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads exactly out.length bytes at position pos (a short read means the file changed under us). */
function readFully(op: string, fd: number, out: Uint8Array, pos: number): void {
  for (let done = 0; done < out.length;) {
    const got = fs.readSync(fd, out, done, Math.min(out.length - done, 1 << 30), pos + done);
    if (got === 0) throw rangeError(op, `file ended ${out.length - done} bytes early at byte ${pos + done} (was it truncated while reading?)`);
    done += got;
  }
}

/** fs.openSync for reading with the op named in a failure's message (the error keeps its class and `code`). */
function openFile(op: string, path: string): number {
  try {
    return fs.openSync(path, 'r');
  } catch (e) {
    if (e instanceof Error) e.message = `${op}: ${e.message}`;
    throw e;
  }
}

/** The checked header of an open file, and where its data section starts. */
function readHeader(op: string, fd: number): { specs: [string, Spec][]; metadata: Metadata | null; dataStart: number } {
  const size = fs.fstatSync(fd).size;
  const first8 = new Uint8Array(8);
  if (size >= 8) readFully(op, fd, first8, 0);
  const n = headerLength(op, first8, size);
  const json = new Uint8Array(n);
  readFully(op, fd, json, 8);
  return { ...parseHeader(op, json, size - 8 - n), dataStart: 8 + n };
}

/** The __metadata__ of a .safetensors file (null when it has none). */
export function loadMetadata(path: string): Metadata | null {
  if (typeof path !== 'string') throw typeError('loadMetadata', `path must be a string, got ${describe(path)}`);
  const fd = openFile('loadMetadata', path);
  try {
    return readHeader('loadMetadata', fd).metadata; // the header only: the data is never read
  } finally {
    fs.closeSync(fd);
  }
}
