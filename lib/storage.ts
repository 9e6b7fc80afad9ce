// Storage: the native buffer behind one or more tensors (views share it), with its version counter.
import { constants as bufferConstants } from 'node:buffer';
import { native, Storage as Data } from './native.js';
import { DType, dtypeCode } from './dtype.js';
import { engineState } from './autograd/engine_state.js';

export type { Data };

// Note [Small-tensor slabs]: creating an external ArrayBuffer costs over a microsecond (V8 backing store,
// finalizer, memory accounting), more than a small op itself. So tensors of at most kSmallBytes are carved,
// 64-byte aligned, out of shared native slabs as typed-array views; a slab goes back to native code once
// every tensor on it has been collected. dispose() on such a tensor only marks it disposed.
const kSmallBytes = 512;
const kMaxBytes = bufferConstants.MAX_LENGTH;
const kSlabBytes = 64 * 1024;
let slab: ArrayBuffer | null = null;
let slabUsed = kSlabBytes;

const ctors = [Float32Array, Float64Array, Int32Array, Uint8Array] as const;
const sizes = [4, 8, 4, 1];

/** Fresh storage for a kernel's output: numel elements of dtype (contents uninitialized). */
export function outData(dtype: DType, numel: number): Data {
  return allocData(dtypeCode[dtype], numel);
}

/** Fresh native storage of numel elements of the dtype with that code (contents uninitialized). */
export function allocData(code: number, numel: number): Data {
  const bytes = numel * sizes[code];
  // Past Node's buffer limit the native side can only fail; say so before crossing (see native/binding/storage.cc).
  if (bytes > kMaxBytes) throw new RangeError(`cannot allocate ${numel} elements (${bytes} bytes): more than the largest buffer Node.js supports (${kMaxBytes} bytes)`);
  if (bytes > kSmallBytes || !(numel >= 0)) return native.alloc(code, numel);
  if (slabUsed + bytes > kSlabBytes) {
    slab = native.alloc(3, kSlabBytes).buffer as ArrayBuffer;
    slabUsed = 0;
  }
  const view = new ctors[code](slab as ArrayBuffer, slabUsed, numel);
  slabUsed += (bytes + 63) & ~63;
  return view;
}

export class Storage {
  /** Bumped by every in-place write; saved tensors compare it at backward time. */
  version = 0;
  /** Engine run during which this storage was made (0 outside backward); see Note [Stealing grads]. */
  readonly born = engineState.run;
  deliveries = 0;
  deliveryRun = 0;
  disposed = false;

  constructor(public data: Data) {}

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // An empty tensor owns no native block (see Note [Empty storage] in native/binding/storage.cc).
    if (this.data.byteLength > 0 && this.data.byteOffset === 0 && this.data.byteLength === this.data.buffer.byteLength) native.dispose(this.data);
  }
}
