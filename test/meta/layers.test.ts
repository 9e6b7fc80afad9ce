// The layer rules of lib/ (.dependency-cruiser.cjs, docs/architecture.md): the real tree passes them, and a
// planted upward import or import cycle fails them, so the check can fail.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = join(__dirname, '..', '..');
const bin = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs dependency-cruiser over dir/lib with the project's rules; returns its exit status and output. */
function cruise(dir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [bin, 'lib', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('layers', () => {
  let tmp = '';
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'tg-layers-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** A copy of lib/ and the rules in a scratch dir, with an import line put at the top of each given file. */
  function plantedTree(plants: Record<string, string>): string {
    const dir = join(tmp, 'planted');
    cpSync(join(root, 'lib'), join(dir, 'lib'), { recursive: true });
    for (const f of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(root, f), join(dir, f));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const [file, line] of Object.entries(plants)) {
      const path = join(dir, file);
      writeFileSync(path, `${line}\n${readFileSync(path, 'utf8')}`);
    }
    return dir;
  }

  it('every lib/ file is in exactly one layer', () => {
    const { layers } = createRequire(__filename)(join(root, '.dependency-cruiser.cjs')) as { layers: [string, string][] };
    expect(layers.map(([name]) => name)).toEqual(['base', 'storage', 'tensor', 'autograd', 'library', 'entry']);
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const files = walk(join(root, 'lib')).map((f) => f.slice(root.length + 1).replace(/\\/g, '/'));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) expect([f, layers.filter(([, re]) => new RegExp(re).test(f)).map(([n]) => n)]).toEqual([f, [expect.any(String)]]);
  });

  it('lib/ has no import cycle and no upward import', () => {
    const r = cruise(root);
    expect(r.out).toMatch(/no dependency violations found \((\d+) modules, (\d+) dependencies/);
    // The tree is really cruised (an unresolved .js -> .ts import would be a violation of its own).
    const [, modules, deps] = r.out.match(/\((\d+) modules, (\d+) dependencies/)!.map(Number);
    expect(modules).toBeGreaterThan(40);
    expect(deps).toBeGreaterThan(200);
    expect(r.status).toBe(0);
  });

  it('fails on planted violations: an upward import, a side door into autograd, a cycle, a peer import', () => {
    // One scratch copy with four plants (one cruise of lib/ takes seconds); each must be reported (the ops ->
    // nn plant also closes a cycle through nn/module.ts, reported as well).
    const dir = plantedTree({
      'lib/ops/elementwise.ts': "import '../nn/module.js';", // ops -> nn: upward
      'lib/ops/linalg.ts': "import '../autograd/engine.js';", // ops -> autograd, not through record.ts
      'lib/tensor.ts': "import './ops/creation.js';", // tensor.ts <-> ops at runtime: a cycle
      'lib/optim/sgd.ts': "import '../nn/module.js';", // optim -> nn: library peers
    });
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/layer-tensor: lib\/ops\/elementwise\.ts → lib\/nn\/module\.ts/);
    expect(r.out).toMatch(/layer-tensor: lib\/ops\/linalg\.ts → lib\/autograd\/engine\.ts/);
    expect(r.out).toMatch(/no-circular: lib\/ops\/creation\.ts → \s*lib\/tensor\.ts/);
    expect(r.out).toMatch(/library-peers: lib\/optim\/sgd\.ts → lib\/nn\/module\.ts/);
  });
});
