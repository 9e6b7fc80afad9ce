// Memory: RSS plateaus under steady churn without dispose(), in child processes (child/memory.cjs).
//
// Bound: the plateau is measured from the RSS sample taken after the first 10% of the run (V8 heap, code and
// the first slabs/blocks are warm by then); the end of the run may exceed it by at most MARGIN_MB. 96 MB covers
// V8's young/old generation growth before a full GC (~64 MB observed for 1e6 small ops on a healthy heap) and
// malloc arena slack, while a per-op leak of even 100 bytes over 1e6 ops, or one 4 MB tensor kept per
// iteration over 2,000 iterations, exceeds it. The storage cache (tg.backends.memory.cachedBytes(), at most
// 1 GiB by design) is emptied-or-bounded separately: its size is reported and added to the allowance.
//
// Regression: on Node 20 the finalizer of an external ArrayBuffer runs from the event loop (SetImmediate),
// never during GC, so a synchronous loop that never yields used to free no native storage at all (+28 MB per
// iteration of the 1e6-element forward+backward, OOM-killed at 22 GB). Storage is now reclaimed through weak
// references swept at allocation time (Note [Reclaiming storage] in native/binding/storage.cc); both the
// synchronous loops and the ones yielding to the event loop are asserted to plateau.
import { describe, it, expect } from 'vitest';
import { runChild, explain } from './bundle.js';

const MARGIN_MB = 96;

function plateau(mode: string, env: Record<string, string> = {}) {
  const r = runChild('memory.cjs', { ...env, TG_MEM_MODE: mode }, [], 300_000);
  if (r.status !== 0 || !r.report) throw new Error(explain(r));
  const { samples, cachedMB } = r.report as { samples: number[]; cachedMB: number };
  const base = samples[1];
  const end = Math.max(...samples.slice(2));
  return { base, end, growth: end - base, cachedMB, samples };
}

describe('memory plateaus without dispose()', () => {
  it('explicit dispose() (twice, on small, large and view tensors) frees without growth', () => {
    const p = plateau('dispose');
    expect(p.growth, JSON.stringify(p)).toBeLessThan(MARGIN_MB);
  });

  it('zero-element tensors made by native code do not leak (regression: Note [Empty storage])', () => {
    // 200,000 empty native tensors: the old leak was ~365 bytes each (73 MB); nothing native is allocated now.
    const p = plateau('empty', { TG_MEM_YIELD: '1000' });
    expect(p.growth, JSON.stringify(p)).toBeLessThan(32);
  });

  it('1,000,000 small ops (x.add(1) on 4 elements), yielding every 10,000', () => {
    const p = plateau('small', { TG_MEM_YIELD: '10000' });
    expect(p.growth, JSON.stringify(p)).toBeLessThan(MARGIN_MB);
  });

  it('2,000 forward+backward iterations on 1e6 elements, yielding every 10', () => {
    const p = plateau('big', { TG_MEM_YIELD: '10' });
    expect(p.growth, JSON.stringify(p)).toBeLessThan(MARGIN_MB + p.cachedMB);
  });

  it('a synchronous loop of 1,000,000 small ops stays bounded', () => {
    const p = plateau('small');
    expect(p.growth, JSON.stringify(p)).toBeLessThan(MARGIN_MB / 2);
  });
  it('a synchronous loop of 1e6-element forward+backward stays bounded (100 iterations)', () => {
    const p = plateau('big', { TG_MEM_ITERS: '100' });
    expect(p.growth, JSON.stringify(p)).toBeLessThan(MARGIN_MB + p.cachedMB);
  });
});
