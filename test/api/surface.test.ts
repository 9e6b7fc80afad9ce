// The public surface (issue 17 item 6): the default export and the named exports are the same allow-list,
// tg.version is package.json's, and tg.backends.cpu reports capability, threads and which binary is loaded.
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, writeFileSync, utimesSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import tg from '../../lib/index.js';
import * as named from '../../lib/index.js';
import { native, addonCandidates } from '../../lib/native.js';

const root = resolve(__dirname, '../..');
const req = createRequire(__filename);

describe('public surface', () => {
  it('the default export holds exactly the named exports', () => {
    const names = Object.keys(named).filter((k) => k !== 'default').sort();
    expect(Object.keys(tg).sort()).toEqual(names);
    for (const k of names) expect([k, (tg as Record<string, unknown>)[k]]).toEqual([k, (named as Record<string, unknown>)[k]]);
  });

  it('no internal helper leaks through a module spread', () => {
    // The names lib/index.ts drops from the spreads, and var_ (once a named export through `var: var_`).
    for (const k of ['wrap', 'alias', 'defaultGenerator', 'gemm', 'bmmT', 'mmT', 'gradMode', 'binaryBackward', 'var_', 'smallArithInPlace'])
      expect([k, k in tg, k in named]).toEqual([k, false, false]);
    expect(typeof (tg as Record<string, unknown>).var).toBe('function');
  });

  it('tg.version is package.json\'s version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(tg.version).toBe(pkg.version);
    expect(named.version).toBe(pkg.version);
  });

  it('tg.backends.cpu reports capability, threads and the loaded binary', () => {
    const cpu = tg.backends.cpu;
    expect(cpu.capabilities()).toContain(cpu.capability());
    expect(cpu.numThreads()).toBe(tg.getNumThreads());
    expect(cpu.numThreads()).toBeGreaterThanOrEqual(1);
    const b = cpu.build();
    expect(existsSync(b.path)).toBe(true);
    expect(req(b.path)).toBe(native); // the file it names is the addon in use
    expect(b.kind).toBe(process.env.TG_ADDON_PATH ? 'override' : b.path.includes(`${join('prebuilds', '')}`) ? 'prebuild' : 'source');
  });
});

describe('addon loader order (Note [Prebuilt addons])', () => {
  const lib = process.platform === 'linux' ? (existsSync('/etc/alpine-release') ? 'musl' : 'glibc') : null;
  const preName = join('prebuilds', `${process.platform}-${process.arch}`, lib ? `tensorgrad.${lib}.node` : 'tensorgrad.node');
  function pkg(files: [string, number][]): string {
    const dir = mkdtempSync(join(tmpdir(), 'tg-loader-'));
    for (const [f, t] of files) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '');
      utimesSync(join(dir, f), t, t);
    }
    return dir;
  }
  const order = (dir: string) => {
    const saved = process.env.TG_ADDON_PATH;
    delete process.env.TG_ADDON_PATH;
    try {
      return addonCandidates(dir).map((c) => [c.kind, c.path.slice(dir.length + 1)]);
    } finally {
      if (saved !== undefined) process.env.TG_ADDON_PATH = saved;
    }
  };

  it('prefers a matching prebuild over the source build', () => {
    const dir = pkg([[preName, 2000], ['build/Release/tensorgrad.node', 1000]]);
    expect(order(dir)[0]).toEqual(['prebuild', preName]);
    expect(order(dir).slice(1)).toEqual([['source', join('build/Release/tensorgrad.node')], ['source', join('build/Debug/tensorgrad.node')]]);
  });

  it('falls back to the source build without a prebuild for this platform', () => {
    const dir = pkg([[join('prebuilds', 'plan9-mips', 'tensorgrad.node'), 1000]]);
    expect(order(dir)).toEqual([['source', join('build/Release/tensorgrad.node')], ['source', join('build/Debug/tensorgrad.node')]]);
  });

  it('a source build newer than the prebuild (a rebuilt checkout) goes first', () => {
    const dir = pkg([[preName, 1000], ['build/Release/tensorgrad.node', 2000]]);
    expect(order(dir).map(([k]) => k)).toEqual(['source', 'prebuild', 'source']);
  });

  it('TG_ADDON_PATH alone when set', () => {
    const saved = process.env.TG_ADDON_PATH;
    process.env.TG_ADDON_PATH = 'x/y.node';
    try {
      expect(addonCandidates(pkg([[preName, 1]]))).toEqual([{ kind: 'override', path: resolve('x/y.node') }]);
    } finally {
      if (saved === undefined) delete process.env.TG_ADDON_PATH;
      else process.env.TG_ADDON_PATH = saved;
    }
  });
});
