// The install step (package.json "install" = scripts/install.cjs, Note [Prebuilt addons] in docs/build.md): with
// a matching prebuild it compiles nothing; a prebuild that does not load is reported and not kept.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { addonBuild } from '../../lib/native.js';

const root = resolve(__dirname, '../..');
const { prebuildFile } = createRequire(__filename)(join(root, 'scripts/prebuilds.cjs')) as { prebuildFile(): string };

function fakePackage(prebuild: 'addon' | 'garbage'): string {
  const dir = mkdtempSync(join(tmpdir(), 'tg-install-'));
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['install.cjs', 'prebuilds.cjs']) copyFileSync(join(root, 'scripts', f), join(dir, 'scripts', f));
  mkdirSync(join(dir, prebuildFile(), '..'), { recursive: true });
  if (prebuild === 'addon') copyFileSync(addonBuild.path, join(dir, prebuildFile()));
  else writeFileSync(join(dir, prebuildFile()), 'not an ELF file');
  return dir;
}

describe('install step', () => {
  it('keeps a matching prebuild and compiles nothing', () => {
    const dir = fakePackage('addon');
    // PATH without node-gyp and no npm_config_node_gyp: reaching the compile step would fail.
    const r = spawnSync(process.execPath, [join(dir, 'scripts/install.cjs')], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(r.stdout).toContain(`tensorgrad: using the prebuilt addon ${prebuildFile()} (kernels: `);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'build'))).toBe(false);
  });

  it('a prebuild that does not load falls through to the source build', () => {
    const dir = fakePackage('garbage');
    const r = spawnSync(process.execPath, [join(dir, 'scripts/install.cjs')], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(r.stdout).toContain(`the prebuilt addon ${prebuildFile()} does not load here`);
    expect(r.stdout).toContain('compiling from source (node-gyp)');
    expect(r.status).not.toBe(0); // node-gyp is not on this PATH
  });
});
