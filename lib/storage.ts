// Storage: the native buffer behind one or more tensors (views share it), with its version counter; the slab
// allocator for small tensors (Note [Small-tensor slabs]) and the pool of disposed buffers (Note [Reusing
// disposed buffers]). When to run GCs is gc_policy.ts's (Note [Minor GCs]).
import { constants as bufferConstants } from 'node:buffer';
import { native, Storage as Data } from './native.js';
import { DType, dtypeCode, smallState } from './dtype.js';
import { noteFresh } from './gc_policy.js';
import { contiguousStrides, numelOf } from './shape.js';

export type { Data };

/**
 * The autograd engine's current run id (0 outside backward), read when storage is made (Storage.born, Note
 * [Stealing grads]). It lives here, below autograd, because storage reads it; the engine sets it.
 */
export const engineState = { run: 0, nextRun: 1 };

// Note [Small-tensor slabs]: creating an external ArrayBuffer costs over a microsecond (V8 backing store,
// finalizer, memory accounting), more than a small op itself. So tensors of at most kSmallBytes are carved,
// 64-byte aligned, out of shared native slabs as typed-array views; a slab goes back to native code once
// every tensor on it has been collected, so one long-lived tensor keeps its whole slab. Slabs come in three
// size classes of kChunksPerSlab chunks each, which bounds that overhead to kChunksPerSlab times the size of
// the tensors kept (a kept scalar loss holds 2 KiB, not a large slab). dispose() on such a tensor only marks it.
const kSmallBytes = 4096;
const kChunksPerSlab = 32;
const kMaxBytes = bufferConstants.MAX_LENGTH;
const slabClasses = [64, 512, 4096].map((chunk) => ({ chunk, buffer: null as ArrayBuffer | null, used: chunk * kChunksPerSlab }));

// By dtype code; uint8 and bool share Uint8Array, float16 and bfloat16 Uint16Array (codeOf gives the first).
const ctors = [Float32Array, Float64Array, Int32Array, Uint8Array, BigInt64Array, Uint8Array, Int8Array, Int16Array, Uint16Array, Uint16Array] as const;
const sizes = [4, 8, 4, 1, 8, 1, 1, 2, 2, 2];

/** Fresh storage for a kernel's output: numel elements of dtype (contents uninitialized). */
export function outData(dtype: DType, numel: number): Data {
  return allocData(dtypeCode[dtype], numel);
}

// Note [Reusing disposed buffers]: V8 counts every ArrayBuffer it creates towards its external-memory GC
// trigger until a GC sweeps it, even one that was detached at once. A backward pass frees most of its large
// temporaries right away (Note [Freeing spent grads]); making fresh buffers for the next ones would still cost
// a full GC every few iterations. So disposed whole buffers are kept here, keyed by dtype and length, and
// handed out again as they are: no new ArrayBuffer, no GC pressure. A disposed Storage never reads its data
// again, so the reuse is invisible.
const kPoolBytes = 256 * 1024 * 1024;
const kPoolPerKey = 16;
const pool = new Map<number, Data[]>();
let pooledBytes = 0;

const poolKey = (code: number, numel: number) => numel * 8 + code;

/** Drops every pooled buffer (returns its memory to the native cache). */
export function drainPool(): void {
  for (const list of pool.values()) for (const d of list) native.dispose(d);
  pool.clear();
  pooledBytes = 0;
}

/** Fresh native storage of numel elements of the dtype with that code (contents uninitialized). */
export function allocData(code: number, numel: number): Data {
  if (code >= 5) smallState.live = true; // Note [Small dtypes]
  const bytes = numel * sizes[code];
  // Past Node's buffer limit the native side can only fail; say so before crossing (see native/binding/storage.cc).
  if (bytes > kMaxBytes) throw new RangeError(`cannot allocate ${numel} elements (${bytes} bytes): more than the largest buffer Node.js supports (${kMaxBytes} bytes)`);
  if (bytes > kSmallBytes || !(numel >= 0)) {
    const list = pooledBytes > 0 ? pool.get(poolKey(code, numel)) : undefined;
    if (list !== undefined && list.length > 0) {
      pooledBytes -= bytes;
      return list.pop() as Data;
    }
    noteFresh(bytes);
    return native.alloc(code, numel);
  }
  const cls = bytes <= 64 ? slabClasses[0] : bytes <= 512 ? slabClasses[1] : slabClasses[2];
  const slabBytes = cls.chunk * kChunksPerSlab;
  if (cls.used + bytes > slabBytes) {
    noteFresh(slabBytes);
    cls.buffer = native.alloc(dtypeCode.bool, slabBytes).buffer as ArrayBuffer;
    cls.used = 0;
  }
  const view = new ctors[code](cls.buffer as ArrayBuffer, cls.used, numel);
  cls.used += (bytes + 63) & ~63;
  return view;
}

/** Address of a storage's first byte (Tensor.dataPtr). */
export function dataAddress(data: Data): number {
  return native.address(data);
}

/**
 * Note [Strided tensors]: a tensor is (storage, offset, shape, strides), as in PyTorch; views share their
 * base's storage. Kernels take contiguous typed arrays, so Tensor._data hands a contiguous tensor its part of
 * the storage and any other a fresh contiguous copy (stridedValues, one native strided gather): every op
 * accepts views, and the few that run stride-aware (GEMM on transposed operands) read the strides
 * themselves. Writes into an existing tensor go through Tensor._storeValues(), which writes through the
 * strides (scatterValues, the native strided copy).
 */
export function gatherValues(data: Data, shape: number[], strides: number[], offset: number, out?: Data): Data {
  return native.gather(data, shape, strides, offset, out ?? allocData(codeOf(data), numelOf(shape)));
}

/** Writes `values` (contiguous, row-major) into the strided view (shape, strides, offset) of `data`. */
export function scatterValues(data: Data, shape: number[], strides: number[], offset: number, values: Data): void {
  native.stridedCopy(data, offset, strides, values, 0, contiguousStrides(shape), shape);
}

/** The dtype code of a storage's typed array. */
function codeOf(data: Data): number {
  return ctors.indexOf(data.constructor as (typeof ctors)[number]);
}

/** Fills storage with a value. Small float tensors are filled in JS: a native call costs more than the work. */
export function fillData(data: Data, value: number, small = false): void {
  if (data.length <= 256 && (data instanceof Float32Array || data instanceof Float64Array)) data.fill(value);
  // Note [Small dtypes]: the other dtypes' value is already their element (an integer in range, or a half's
  // bit pattern: small_dtypes.ts's elementOf); a uint8 one is filled here (the native fill of a Uint8Array is bool's).
  else if (small || data instanceof Int8Array || data instanceof Int16Array || data instanceof Uint16Array) (data as Uint8Array).fill(value);
  else native.fill(data, value);
}

export class Storage {
  /** Bumped by every in-place write; saved tensors compare it at backward time. */
  version = 0;
  /** Engine run during which this storage was made (0 outside backward); see Note [Stealing grads]. */
  readonly born = engineState.run;
  deliveries = 0;
  deliveryRun = 0;
  disposed = false;
  /** Set with disposed when the storage was sent away with tg.toTransferable(x, { move: true }) (Note [Moved tensors]). */
  moved = false;
  /**
   * Set once the buffer itself was handed to the caller (x.asTypedArray()): from then on it can be written without
   * bumping `version`, so nothing may cache a value derived from it (Note [Packed weights]).
   */
  escaped = false;

  constructor(public data: Data) {}

  /** Whether the values live in a SharedArrayBuffer (tensor.shareMemory_(), Note [Sharing tensors across threads]). */
  get shared(): boolean {
    return isSharedData(this.data);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // An empty tensor owns no native block (see Note [Empty storage] in native/binding/storage.cc), and slab
    // views share theirs; only whole buffers are released (Note [Reusing disposed buffers]).
    const d = this.data;
    // Shared memory belongs to V8 (Note [Sharing tensors across threads]): dropping this thread's handle is all.
    if (this.shared) return;
    if (d.byteLength === 0 || d.byteOffset !== 0 || d.byteLength !== d.buffer.byteLength) return;
    if (d.byteLength > kSmallBytes && pooledBytes + d.byteLength <= kPoolBytes) {
      const code = codeOf(d);
      const key = poolKey(code, d.length);
      let list = pool.get(key);
      if (list === undefined) pool.set(key, (list = []));
      if (list.length < kPoolPerKey) {
        list.push(d);
        pooledBytes += d.byteLength;
        return;
      }
    }
    native.dispose(d);
  }
}

/** Whether a storage's typed array is backed by a SharedArrayBuffer. */
export function isSharedData(data: Data): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer;
}

/**
 * Moves a storage's values into a SharedArrayBuffer (one copy), in place: every tensor on this storage, views
 * included, now reads and writes the shared copy. The native block is left to its finalizer (a typed array
 * taken from it earlier stays valid, only no longer aliases the tensor). See Note [Sharing tensors across threads].
 */
export function shareStorage(box: Storage): void {
  if (box.shared) return;
  if (typeof SharedArrayBuffer === 'undefined') throw new Error('shareMemory_: SharedArrayBuffer is not available in this runtime');
  const d = box.data;
  const Ctor = d.constructor as new (b: SharedArrayBuffer) => Data;
  const copy = new Ctor(new SharedArrayBuffer(d.byteLength));
  copy.set(d as never);
  box.data = copy;
}
