// Op codes: lib/op_codes.ts is generated from native/cpu/kernel_table.h, matches the built addon, and makes a
// misspelt op a compile error.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { native, BinaryOp, UnaryOp, ReduceOp, BinaryBackwardOp } from '../../lib/native.js';

const root = join(__dirname, '..', '..');

describe('op codes', () => {
  it('lib/op_codes.ts is what scripts/gen-op-codes.cjs makes from kernel_table.h', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'gen-op-codes.cjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('match the codes the addon was built with', () => {
    const codes = native.opCodes();
    expect(codes.binary).toEqual(BinaryOp);
    expect(codes.unary).toEqual(UnaryOp);
    expect(codes.reduce).toEqual(ReduceOp);
    expect(Object.keys(BinaryOp)).toContain('threshold_backward');
    expect(BinaryBackwardOp).toEqual({ mul: 0, div: 1, pow: 2 });
  });

  it('a misspelt op does not compile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-opcodes-'));
    try {
      const file = join(dir, 'misspelt.ts');
      const lib = join(root, 'lib', 'op_codes.js').replace(/\\/g, '/');
      writeFileSync(file, `import { UnaryOp } from '${lib}';\nexport const ok: UnaryOp = UnaryOp.tanh;\nexport const bad = UnaryOp.tahn;\n`);
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'commonjs', '--target', 'ES2022', file], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/misspelt\.ts\(3,\d+\): error TS\d+: Property 'tahn' does not exist/);
      expect(r.stdout).not.toMatch(/misspelt\.ts\(2,/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
