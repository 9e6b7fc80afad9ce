// tensorgrad's opt-in minor GCs (Note [Minor GCs]): when to ask V8 for a young-generation GC so that dead
// temporaries' native memory returns to the cache while it is hot, and the V8 flags the opt-in changes. The
// allocator (storage.ts) reports the bytes it makes fresh; the engine reports where backward passes start
// and end. Off by default: then it only counts bytes and runs no GC.
import { native } from './native.js';

// Note [Minor GCs]: tensors are garbage collected, and temporaries die young. V8 learns about their native
// memory only through its external-memory accounting, whose trigger is a full (mark-compact) GC every 64 MB
// or so: at 1e5-1e6 elements that is a full GC every few iterations of a training step, and until it runs the
// dead temporaries' memory cannot be reused. A young-generation GC finds those dead temporaries at a fraction
// of the cost (about 30 us), and the storage sweep (Note [Reclaiming storage] in native/binding/storage.cc)
// right after it returns their memory to the cache. But JS can only ask V8 for a GC through gc(), which
// exists only under the process-wide flag --expose-gc, and a library is a guest in its host process: it may
// not change the host's V8 flags (nor its globals, signal handlers or environment) just by being imported.
// So the default takes no GC of its own and changes no flag; memory stays bounded by V8's own GCs, which
// clear the storage weak references the sweep reads (large blocks let V8 run its own young-generation GC
// every 32 MB of young storage: Note [Young collections from external pressure] in
// native/binding/storage.cc), by the reuse of disposed buffers (Note [Reusing
// disposed buffers]), and by the engine's early freeing of spent grads. The minor GCs are an explicit
// opt-in, tg.backends.memory.setAggressiveGc(true) or TG_AGGRESSIVE_GC=1 in the environment, documented
// as changing two V8 flags for the whole process (below). The default costs about twice the time of a
// 1e5-1e6-element training step and several times the RSS (docs/performance.md, Note [Minor GCs]); the
// benchmark (bench/README.md, "Default vs the aggressive-GC opt-in") times both side by side.
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
/** Bytes of fresh native memory made since the last GC (storage.ts reports them through noteFresh). */
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

/** Called by the allocator for every fresh native block (not for pooled ones): may run a GC first. */
export function noteFresh(bytes: number): void {
  if (backwardEnded && bytes >= kLargeBlockBytes) {
    backwardEnded = false;
    collectAt(afterBackward);
  }
  freshBytes += bytes;
  if (freshBytes >= kMinorGcBytes) collect();
}
