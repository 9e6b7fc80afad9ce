// Tensors across worker_threads: tg.toTransferable / tg.fromTransferable (postMessage payloads over shared memory).
import { Tensor } from './tensor.js';
import { Storage, type Data } from './storage.js';
import { DTYPES, isSmall, smallState, type DType } from './dtype.js';
import { typeError, rangeError, describe, disposedError, fmtShape } from './errors.js';
import { kw, signature } from './kwargs.js';

// Note [Sharing tensors across threads]: a Tensor is a JS object of one thread, so crossing to a worker means
// sending its storage and metadata and rebuilding it there. Two ways were possible:
//  - transfer (postMessage's transfer list: ownership moves, the sender's buffer is detached). Storage is a
//    native external ArrayBuffer (native/binding/storage.cc), and Node refuses to transfer those: listed in a
//    transfer list, it is silently copied instead (checked on Node 20). Small tensors are typed-array views
//    carved out of a slab shared with unrelated tensors (Note [Small-tensor slabs]), which no transfer can
//    move alone. A zero-copy transfer would need native storage that another isolate can adopt.
//  - shared memory, as PyTorch's share_memory_ and its multiprocessing queues: the values move, once, into a
//    SharedArrayBuffer, in place (every view of the storage follows, Tensor.shareMemory_); after that any
//    number of postMessage calls hand the same memory to other threads without a copy. V8 counts the threads
//    holding a SharedArrayBuffer and frees it when the last one has collected it, so no thread can free memory
//    another still reads, whatever order workers exit in; dispose() on a shared tensor only marks it.
// tensorgrad takes shared memory. The ownership rule: a shared storage belongs to every thread that holds it;
// writes on one side are seen on the other, with no synchronization (order them with messages, as with
// PyTorch's shared tensors). A sender that wants to give a tensor away says so: toTransferable(x, { move: true })
// marks the sender's storage (and so every view of it) unusable, and any later use throws "was moved to another
// thread" (Note [Moved tensors]). Autograd history never crosses (as PyTorch's queues, which send x.detach()):
// a leaf that requires grad arrives as a leaf that requires grad; any other tensor arrives as a plain one.
const MARK = '__tensorgrad_tensor__';

/** What toTransferable puts in a message for one tensor (structured-clone safe; the typed array views shared memory). */
export interface TransferableTensor {
  [MARK]: 1;
  dtype: DType;
  shape: number[];
  strides: number[];
  offset: number;
  data: Data;
  requiresGrad: boolean;
}

export interface ToTransferableOptions {
  /** Give the tensors away: the sender's storages become unusable (default false: both sides share them). */
  move?: boolean;
}

// A plain-object argument stays the value unless all its keys are parameter names (Note [Keyword arguments]):
// 'obj' and 'move' are unlikely message keys, so toTransferable({ input, id }) is the value, as meant.

/**
 * A postMessage payload of tensors (or of arrays, objects and Maps holding them) that crosses without copying.
 *
 * Each tensor's storage moves to shared memory (Tensor.shareMemory_), so a stateDict or a batch with metadata crosses
 * as well; rebuild with tg.fromTransferable on the other side. With move: true the sender's tensors become unusable.
 *
 * @see torch.multiprocessing (the nearest PyTorch analogue: its pickling moves tensors to shared memory; here the payload is made explicitly)
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * const msg = tg.toTransferable({ input: x, id: 7 }) // what worker.postMessage(msg) sends
 * x.isShared() // => true
 * const got = tg.fromTransferable(structuredClone(msg)) // as the worker receives it
 * got.input // tensor([1., 2.])
 * got.id // => 7
 * ```
 */
export const toTransferable = kw(signature('toTransferable', 'obj{}, move'), function toTransferable(obj: unknown, move?: boolean | null | ToTransferableOptions): unknown {
  if (move !== undefined && move !== null && typeof move !== 'boolean') throw typeError('toTransferable', `move must be a boolean, got ${describe(move)}`);
  const moved: Storage[] = [];
  const out = encode(obj, new Set(), moved);
  if (move === true) for (const box of moved) {
    box.disposed = true;
    box.moved = true;
  }
  return out;
});

function encode(value: unknown, seen: Set<object>, boxes: Storage[]): unknown {
  if (value instanceof Tensor) {
    if (value.isDisposed) throw disposedError('toTransferable', value.shape);
    value.shareMemory_();
    boxes.push(value._box);
    const msg: TransferableTensor = {
      [MARK]: 1,
      dtype: value.dtype,
      shape: value.shape.slice(),
      strides: value.stride(),
      offset: value.storageOffset(),
      data: value._box.data,
      requiresGrad: value.requiresGrad && value.isLeaf,
    };
    return msg;
  }
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) throw typeError('toTransferable', 'the value contains a cycle');
  seen.add(value);
  let out: unknown = value;
  if (Array.isArray(value)) out = value.map((v) => encode(v, seen, boxes));
  else if (value instanceof Map) out = new Map([...value].map(([k, v]) => [k, encode(v, seen, boxes)]));
  else if (isPlainObject(value)) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) o[k] = encode(v, seen, boxes);
    out = o;
  }
  seen.delete(value);
  return out; // anything else (typed arrays, Dates, ...) is left to structured clone
}

/**
 * Rebuilds what tg.toTransferable made, after postMessage: each tensor on the shared storage (no copy).
 *
 * Other values pass through.
 *
 * @see torch.multiprocessing (the nearest PyTorch analogue: unpickling a shared tensor in the receiving process)
 * @example
 * ```ts
 * const x = tg.tensor([1, 2])
 * const { input } = tg.fromTransferable(structuredClone(tg.toTransferable({ input: x })))
 * input.add_(1) // the receiver writes into the shared storage
 * x // tensor([2., 3.])
 * ```
 */
export const fromTransferable = kw(signature('fromTransferable', 'obj{}'), function fromTransferable(obj: unknown): any {
  return decode(obj);
});

function decode(value: unknown): any {
  if (value === null || typeof value !== 'object') return value;
  if ((value as Record<string, unknown>)[MARK] === 1) return decodeTensor(value as TransferableTensor);
  if (Array.isArray(value)) return value.map(decode);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, decode(v)]));
  if (isPlainObject(value)) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) o[k] = decode(v);
    return o;
  }
  return value;
}

const ctorOf: Record<DType, string> = {
  float32: 'Float32Array', float64: 'Float64Array', int32: 'Int32Array', int64: 'BigInt64Array', bool: 'Uint8Array',
  uint8: 'Uint8Array', int8: 'Int8Array', int16: 'Int16Array', float16: 'Uint16Array', bfloat16: 'Uint16Array',
};

function decodeTensor(m: TransferableTensor): Tensor {
  const op = 'fromTransferable';
  const { dtype, shape, strides, offset, data } = m;
  if (!DTYPES.includes(dtype)) throw typeError(op, `unknown dtype ${describe(dtype)}`);
  if (!ArrayBuffer.isView(data) || data.constructor.name !== ctorOf[dtype]) throw typeError(op, `a ${dtype} tensor needs a ${ctorOf[dtype]}, got ${describe(data)}`);
  const okInts = (a: unknown): a is number[] => Array.isArray(a) && a.every((d) => Number.isInteger(d) && d >= 0);
  if (!okInts(shape) || !okInts(strides) || strides.length !== shape.length || !Number.isInteger(offset) || offset < 0)
    throw typeError(op, `malformed tensor message (shape ${describe(shape)}, strides ${describe(strides)}, offset ${describe(offset)})`);
  // Kernels trust strides: a message must not reach past its buffer.
  let last = offset;
  for (let i = 0; i < shape.length; i++) last += shape[i] === 0 ? -Infinity : (shape[i] - 1) * strides[i];
  if (last >= data.length) throw rangeError(op, `shape ${fmtShape(shape)} with strides ${fmtShape(strides)} and offset ${offset} reaches past a storage of ${data.length} elements`);
  if (isSmall(dtype)) smallState.live = true; // its storage came from another thread (Note [Small dtypes])
  const t = new Tensor(new Storage(data), shape.slice(), dtype, strides.slice(), offset);
  if (m.requiresGrad === true) t.requiresGrad_(true);
  return t;
}

function isPlainObject(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}
