// Storage: the native buffer behind one or more tensors (views share it), with its version counter.
import { constants as bufferConstants } from 'node:buffer';
import { native, Storage as Data } from './native.js';
import { DType, dtypeCode } from './dtype.js';

export type { Data };

/**
 * The autograd engine's current run id (0 outside backward), read when storage is made (Storage.born, Note
 * [Stealing grads]). It lives here, below autograd, because storage reads it; the engine sets it.
 */
export const engineState = { run: 0, nextRun: 1 };

// Note [Minor GCs]: tensors are garbage collected, and temporaries die young. V8 learns about their native
// memory only through its external-memory accounting, whose trigger is a full (mark-compact) GC every 64 MB
// or so: at 1e5-1e6 elements that is a full GC every few iterations of a training step, and until it runs the
// dead temporaries' memory cannot be reused. A young-generation GC finds those dead temporaries at a fraction
// of the cost (about 30 us), and the storage sweep (Note [Reclaiming storage] in native/binding/storage.cc)
// right after it returns their memory to the cache. But JS can only ask V8 for a GC through gc(), which
// exists only under the process-wide flag --expose-gc, and a library is a guest in its host process: it may
// not change the host's V8 flags (nor its globals, signal handlers or environment) just by being imported.
// So the default takes no GC of its own and changes no flag; memory stays bounded by V8's own GCs, which
// clear the storage weak references the sweep reads, by the reuse of disposed buffers (Note [Reusing
// disposed buffers]), and by the engine's early freeing of spent grads. The minor GCs are an explicit
// opt-in, tg.backends.memory.setAggressiveGc(true) or TG_AGGRESSIVE_GC=1 in the environment, documented
// as changing two V8 flags for the whole process (below). What the default costs, measured with 31 interleaved
// reps per case, one kernel thread, on the shared 2-core machine under a load average of 15-18 (so absolute
// times were 10-30x a quiet machine's; the ratios are the medians of the per-round default / opt-in ratios):
// (a*b+a).sum().backward() at 1e5 / 1e6 elements 2.26x / 1.80x as long in float32 and 2.15x / 2.41x in
// float64, sigmoid(x).sum().backward() at 1e6 2.36x; the worker's RSS 190-700 MB against 80-165 MB. And
// 300 iterations of the 1e6 W2 step without dispose() grew RSS by 157 MB against 22 MB. The benchmark
// (bench/README.md, "Default vs the aggressive-GC opt-in") times both side by side.
// When the opt-in is on, the GCs are placed by a trade:
// - The bytes allocated between a tensor's death and the reuse of its memory decide whether that memory is
//   still in cache; past the last-level cache every output is written to memory fetched from DRAM.
// - But an object that lives through two GCs is promoted to the old generation, and its storage then waits
//   for a full GC, so GCs that come too often cost more than they save.
// So the GCs come where a training step's temporaries have just died, at two sites:
// - as a backward pass starts: the forward's temporaries that no node saved are dead, and the backward's
//   grads can reuse their memory while it is hot;
// - at the first large allocation after a backward pass: the graph's saved tensors and the grads the user
//   dropped are dead, and the next forward can reuse theirs.
// Each site runs a GC once kEagerGcBytes were made since the last GC, as long as its GCs free large blocks
// (kLargeBlockBytes, where the cache distance matters); a site whose GC freed none (sigmoid's saved output is
// all a backward start finds) waits for kBoundaryGcBytes instead, retrying the eager rule every kRetryAfter
// visits. A step's temporaries thus live through one GC at most. Code that never calls backward gets one every
// kMinorGcBytes.
// These GCs are tiny (the young generation holds little but tensor wrappers), and V8's parallel scavenge
// and background array-buffer sweeping cost more than they save on them, so the opt-in also turns both off
// (--no-parallel-scavenge --no-concurrent-array-buffer-sweeping), and setAggressiveGc(false) turns them back
// on unless the host's own command line set them. gc() comes from the host when it runs with --expose-gc;
// otherwise the opt-in sets --expose-gc just long enough to create one private context and take that
// context's gc(), then clears it, so the host's later contexts get no gc global.
// The measurements behind these thresholds and flags: docs/performance.md.
const kMinorGcBytes = 32 * 1024 * 1024;
const kBoundaryGcBytes = 12 * 1024 * 1024;
const kEagerGcBytes = 4 * 1024 * 1024;
const kLargeBlockBytes = 2 * 1024 * 1024;
const kRetryAfter = 16;
let freshBytes = 0;
type GcFn = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;
/** V8's gc(), kept once the opt-in first needs it; minorGc is it while the opt-in is on. */
let gcFn: GcFn | null = null;
let minorGc: GcFn | null = null;
const kGcFlags = ['parallel-scavenge', 'concurrent-array-buffer-sweeping'];

/** Whether the host process set a V8 flag itself (node's command line or NODE_OPTIONS), in either spelling. */
function hostSetFlag(name: string): boolean {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => a.replace(/_/g, '-'));
  return args.some((a) => a === `--${name}` || a === `--no-${name}` || a.startsWith(`--${name}=`));
}

function hostGc(): GcFn | null {
  const g = (globalThis as { gc?: unknown }).gc;
  return typeof g === 'function' ? (g as GcFn) : null;
}

/**
 * Turns tensorgrad's own minor GCs on or off (Note [Minor GCs]). On changes process-wide V8 flags (see the
 * Note); off, the default, changes none and undoes the opt-in's. Returns whether the GCs are now on (false
 * if this V8 offers no gc()).
 */
export function setAggressiveGc(on: boolean): boolean {
  const v8 = require('node:v8') as typeof import('node:v8');
  if (!on) {
    if (minorGc !== null) for (const f of kGcFlags) if (!hostSetFlag(f)) v8.setFlagsFromString(`--${f}`);
    minorGc = null;
    return false;
  }
  if (minorGc !== null) return true;
  if (gcFn === null) gcFn = hostGc() ?? privateGc(v8);
  if (gcFn === null) return false;
  for (const f of kGcFlags) if (!hostSetFlag(f)) v8.setFlagsFromString(`--no-${f}`);
  minorGc = gcFn;
  freshBytes = 0;
  return true;
}

/** Whether tensorgrad runs its own minor GCs (setAggressiveGc). */
export function aggressiveGc(): boolean {
  return minorGc !== null;
}

function privateGc(v8: typeof import('node:v8')): GcFn | null {
  const vm = require('node:vm') as typeof import('node:vm');
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as GcFn) : null;
  } catch {
    return null;
  } finally {
    if (!hostSetFlag('expose-gc')) v8.setFlagsFromString('--no-expose-gc');
  }
}

// The environment opt-in: the user asked for it, so changing the flags at import is theirs.
if (process.env.TG_AGGRESSIVE_GC === '1') setAggressiveGc(true);

/** A minor GC and a storage sweep; returns the largest block the sweep freed (0 without minor GCs). */
function collect(): number {
  freshBytes = 0;
  if (minorGc === null) return 0;
  minorGc({ type: 'minor' });
  return native.sweepStorage();
}

interface GcSite {
  eager: boolean;
  waited: number;
}
const atBackwardStart: GcSite = { eager: true, waited: 0 };
const afterBackward: GcSite = { eager: true, waited: 0 };
let backwardEnded = false;

function collectAt(site: GcSite): void {
  if (freshBytes >= kBoundaryGcBytes || (freshBytes >= kEagerGcBytes && (site.eager || ++site.waited >= kRetryAfter))) {
    site.waited = 0;
    site.eager = collect() >= kLargeBlockBytes;
  }
}

/** Called as a backward pass starts (Note [Minor GCs]). */
export function collectAtBackwardStart(): void {
  collectAt(atBackwardStart);
}

/** Called as a backward pass ends: the next large allocation may collect first (Note [Minor GCs]). */
export function noteBackwardEnd(): void {
  backwardEnded = true;
}

function noteFresh(bytes: number): void {
  if (backwardEnded && bytes >= kLargeBlockBytes) {
    backwardEnded = false;
    collectAt(afterBackward);
  }
  freshBytes += bytes;
  if (freshBytes >= kMinorGcBytes) collect();
}

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

const ctors = [Float32Array, Float64Array, Int32Array, Uint8Array] as const;
const sizes = [4, 8, 4, 1];

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

const poolKey = (code: number, numel: number) => numel * 4 + code;

/** Drops every pooled buffer (returns its memory to the native cache). */
export function drainPool(): void {
  for (const list of pool.values()) for (const d of list) native.dispose(d);
  pool.clear();
  pooledBytes = 0;
}

/** Fresh native storage of numel elements of the dtype with that code (contents uninitialized). */
export function allocData(code: number, numel: number): Data {
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
 * themselves. Writes into an existing tensor go through writeValues(), which writes through the strides.
 */
export function gatherValues(data: Data, shape: number[], strides: number[], offset: number, out?: Data): Data {
  return native.gather(data, shape, strides, offset, out ?? outData(dtypeOf(data), shape.reduce((a, b) => a * b, 1)));
}

/** Writes `values` (contiguous, row-major) into the strided view (shape, strides, offset) of `data`. */
export function scatterValues(data: Data, shape: number[], strides: number[], offset: number, values: Data): void {
  native.stridedCopy(data, offset, strides, values, 0, contiguousOf(shape), shape);
}

/** Copies the strided view of src into the strided view of dst (same dtype and shape). */
export function copyStrided(dst: Data, dstOffset: number, dstStrides: number[], src: Data, srcOffset: number, srcStrides: number[], shape: number[]): void {
  native.stridedCopy(dst, dstOffset, dstStrides, src, srcOffset, srcStrides, shape);
}

function contiguousOf(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

function dtypeOf(data: Data): DType {
  return data instanceof Float32Array ? 'float32' : data instanceof Float64Array ? 'float64' : data instanceof Int32Array ? 'int32' : 'bool';
}

/** Fills storage with a value. Small float tensors are filled in JS: a native call costs more than the work. */
export function fillData(data: Data, value: number): void {
  if (data.length <= 256 && (data instanceof Float32Array || data instanceof Float64Array)) data.fill(value);
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

  constructor(public data: Data) {}

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // An empty tensor owns no native block (see Note [Empty storage] in native/binding/storage.cc), and slab
    // views share theirs; only whole buffers are released (Note [Reusing disposed buffers]).
    const d = this.data;
    if (d.byteLength === 0 || d.byteOffset !== 0 || d.byteLength !== d.buffer.byteLength) return;
    if (d.byteLength > kSmallBytes && pooledBytes + d.byteLength <= kPoolBytes) {
      const code = ctors.indexOf(d.constructor as (typeof ctors)[number]);
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
