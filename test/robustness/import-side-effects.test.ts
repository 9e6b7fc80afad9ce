// A library is a guest in its host process: importing tensorgrad must not change process-wide state (V8 flags,
// globals, process listeners, the environment, Error settings, built-in prototypes, live handles). The one
// process-wide change it can make, V8 GC flags for its own minor GCs, is an explicit opt-in
// (tg.backends.memory.setAggressiveGc(true) or TG_AGGRESSIVE_GC=1; Note [Minor GCs] in lib/gc_policy.ts).
//
// Regression: the import used to call v8.setFlagsFromString('--expose-gc'), '--no-parallel-scavenge' and
// '--no-concurrent-array-buffer-sweeping', so every context the host created afterwards had a gc global and
// the host's scavenges ran single-threaded.
import { describe, it, expect } from 'vitest';
import { runChild, explain } from './bundle.js';

function child(env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const r = runChild('import-side-effects.cjs', env, nodeArgs);
  if (r.status !== 0 || !r.report) throw new Error(explain(r));
  return r.report;
}

// The host's own choices for these must survive whatever the test runner's environment says.
const clean = { TG_AGGRESSIVE_GC: '', NODE_OPTIONS: '' };
const optInCalls = ['--expose-gc', '--no-expose-gc', '--no-parallel-scavenge', '--no-concurrent-array-buffer-sweeping'];

describe('importing tensorgrad has no process-wide side effects', () => {
  it('sets no V8 flag, exposes no gc, and leaves globals, listeners, env, Error and prototypes alone', () => {
    const r = child(clean);
    expect(r.importFlagCalls).toEqual([]);
    expect(r.before.gcInNewContext).toBe('undefined');
    expect(r.after.gcInNewContext).toBe('undefined');
    expect(r.after.gcGlobal).toBe('undefined');
    // Everything else observable, field by field so a failure names the field.
    for (const k of Object.keys(r.before)) expect(r.after[k], k).toEqual(r.before[k]);
  });

  it('setAggressiveGc(true) is the opt-in: the two documented flags, no gc in new contexts; false undoes them', () => {
    const r = child({ ...clean, TG_SIDE_STEP: 'optin' });
    expect(r.importFlagCalls).toEqual([]);
    expect(r.initiallyOn).toBe(false);
    expect(r.onResult).toBe(true);
    expect(r.onFlagCalls).toEqual(optInCalls);
    expect(r.gcInNewContextWhileOn).toBe('undefined');
    expect(r.gcGlobalWhileOn).toBe('undefined');
    expect(r.onAgain).toBe(true);
    expect(r.offResult).toBe(false);
    expect(r.offFlagCalls).toEqual(['--parallel-scavenge', '--concurrent-array-buffer-sweeping']);
    expect(r.isOnAfterOff).toBe(false);
    expect(r.badArg).toMatch(/^TypeError: setAggressiveGc: expected a boolean/);
  });

  it("uses the host's gc when it runs with --expose-gc, and never touches a flag the host set itself", () => {
    const r = child({ ...clean, TG_SIDE_STEP: 'optin' }, ['--expose-gc', '--no-parallel-scavenge']);
    expect(r.importFlagCalls).toEqual([]);
    expect(r.onResult).toBe(true);
    expect(r.onFlagCalls).toEqual(['--no-concurrent-array-buffer-sweeping']);
    expect(r.gcGlobalWhileOn).toBe('function');
    expect(r.offFlagCalls).toEqual(['--concurrent-array-buffer-sweeping']);
  });

  it('TG_AGGRESSIVE_GC=1 opts in at import', () => {
    const r = child({ ...clean, TG_AGGRESSIVE_GC: '1', TG_SIDE_STEP: 'optin' });
    expect(r.importFlagCalls).toEqual(optInCalls);
    expect(r.initiallyOn).toBe(true);
    expect(r.after.gcInNewContext).toBe('undefined');
  });

  it('the opt-in does run minor GCs in a training loop, and the default runs none of its own', () => {
    const r = child({ ...clean, TG_SIDE_STEP: 'gcs' });
    // 200 steps of W2 at 1e5 float32: the opt-in's 12 MB rule gives about 26 minor GCs here; V8 alone runs 3-8
    // (its own scavenges of the tensor wrappers).
    expect(r.minorOn).toBeGreaterThanOrEqual(20);
    expect(r.minorOn - r.minorOff).toBeGreaterThanOrEqual(12);
  });
});
