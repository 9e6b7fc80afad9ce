// Note [Packed weights]: the GEMM packs op(B) into NR-column micro-panels on every call (Note [GEMM scheme],
// native/cpu/gemm_kernels.cc). F.linear's weight is op(B) transposed, and in inference it is the same values
// call after call, so packing it each time (the transposing copy was ~200 us of the W21 MLP's ~1 ms first
// layer on one thread) is work thrown away. This cache keeps one packed copy per weight storage:
//   * Key: the weight's Storage (a WeakMap, so a collected weight takes its entry with it). The entry records
//     what it was packed from (the typed array, the tensor's offset and shape, the CPU capability, whose tile
//     width sets the layout) and the storage's version counter: every in-place write bumps it (add_, copy_,
//     optimizer steps, loadStateDict's copy, nn.init), and set_ gives the tensor another storage, so a stale
//     copy is never read; it is repacked into the same buffer.
//   * When: only where no graph records the weight (grad mode off, or a weight that does not require grad):
//     a weight being trained changes every step, so caching it would only add a copy. Only where the GEMM
//     packs B at all (more than kFew rows and columns) and the weight is big enough for packing to cost.
//   * Memory: at most kCapBytes of packed copies; past it the least recently used entries give theirs up
//     (they repack if used again). A FinalizationRegistry returns a collected weight's bytes to the budget.
// Writes that bypass the version counter are not seen by it: a typed array taken with asTypedArray() and written
// by hand (PyTorch's .numpy() writes are not counted either, but PyTorch caches nothing from them), or another
// thread writing shared memory. So a storage whose buffer was handed out (Storage.escaped) or is shared is never
// cached: such a weight is packed on every call, as without the cache. The values never depend on the cache:
// gemmLinear reads the copy only where it would have packed B itself (bitwise the same product).
import type { Tensor } from '../tensor.js';
import type { Storage } from '../storage.js';
import type { Data } from '../storage.js';
import { native } from '../native.js';

interface Entry {
  version: number;
  src: Data;
  offset: number;
  n: number;
  k: number;
  capability: string;
  packed: Data | null;
}

const kCapBytes = 64 << 20;
const kMinElements = 4096;
const kFew = 4;

const entries = new WeakMap<Storage, Entry>();
/** Entries holding a packed copy, least recently used first (Map keeps insertion order). */
const live = new Map<Entry, true>();
let liveBytes = 0;
const collected = new FinalizationRegistry<Entry>((e) => drop(e));

function drop(e: Entry): void {
  if (e.packed === null) return;
  liveBytes -= e.packed.byteLength;
  e.packed = null;
  live.delete(e);
}

/** The bytes of packed weights the cache holds now, and the number of packings so far. @internal */
export function packedWeightStats(): { bytes: number; packs: number } {
  return { bytes: liveBytes, packs };
}
let packs = 0;

/**
 * The packed copy of a contiguous weight [n, k] for `input(m x k) @ weight^T`, from the cache or packed now;
 * null where the cache does not apply (see Note [Packed weights]). @internal
 */
export function packedWeight(weight: Tensor, m: number): Data | null {
  const [n, k] = weight.shape;
  if (m <= kFew || n <= kFew || n * k < kMinElements) return null;
  const box = weight._box, src = box.data, offset = weight._offset;
  if (box.escaped || box.shared) return null;
  const capability = native.capability();
  let e = entries.get(box);
  if (e !== undefined && e.packed !== null && e.version === box.version && e.src === src && e.offset === offset &&
      e.n === n && e.k === k && e.capability === capability) {
    live.delete(e); // most recently used last
    live.set(e, true);
    return e.packed;
  }
  const reuse = e !== undefined && e.packed !== null && e.n === n && e.k === k && e.capability === capability ? e.packed : undefined;
  if (e !== undefined && reuse === undefined) drop(e);
  const packed = native.gemmPackB(true, n, k, weight._data, reuse);
  if (packed === null) return null;
  packs++;
  if (e === undefined) {
    e = { version: 0, src, offset, n, k, capability, packed: null };
    entries.set(box, e);
    collected.register(box, e);
  }
  if (reuse === undefined) {
    liveBytes += packed.byteLength;
    for (const [old] of live) {
      if (liveBytes <= kCapBytes) break;
      drop(old);
    }
  }
  Object.assign(e, { version: box.version, src, offset, n, k, capability, packed });
  live.delete(e);
  live.set(e, true);
  return packed;
}
